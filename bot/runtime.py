"""The running bot's shared parts, as built by bot.wiring: used by the web routes and the scheduled jobs."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from bot.channels.webchat import WebchatChannel
from bot.clock import Clock
from bot.db import DbRunner
from bot.dispatch import Dispatcher


@dataclass
class Services:
    engine: Engine
    clock: Clock
    db: DbRunner
    dispatcher: Dispatcher
    webchat: WebchatChannel | None
    bot_name: str

    def close(self) -> None:
        """Stop the database thread, closing the connection it kept on the way out."""
        self.db.close(last=self.dispatcher.close)
        self.dispatcher.close()  # any a test opened on its own threads
