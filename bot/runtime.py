"""The running bot's shared parts, as built by bot.wiring: used by the web routes and the scheduled jobs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.engine import Connection, Engine

from bot.channels.webchat import WebchatChannel
from bot.clock import Clock
from bot.db import DbRunner
from bot.dispatch import Dispatcher, Handled
from bot.messages import Inbound


@dataclass
class Services:
    engine: Engine
    clock: Clock
    db: DbRunner
    dispatcher: Dispatcher
    webchat: WebchatChannel | None
    bot_name: str

    async def dispatch(self, inbound: Inbound, record: Callable[[Connection], None] | None = None) -> Handled:
        """How every platform hands over a message: read here, handled on the database thread.

        The text is read on the event loop while the database thread works on earlier messages, much of that
        time inside SQLite, which lets go of the GIL. Read on the database thread, it was nearly half of that
        thread's Python time, and that one thread is what limits how many messages the bot takes per second.
        """
        analysis = self.dispatcher.read(inbound)
        return await self.db.run_grouped(self.dispatcher.handle, inbound, record=record, analysis=analysis)

    def close(self) -> None:
        """Stop the database thread, closing the connection it kept on the way out."""
        self.db.close(last=self.dispatcher.close)
        self.dispatcher.close()  # any a test opened on its own threads
