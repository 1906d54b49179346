"""The running bot's shared parts, as built by bot.wiring: used by the web routes and the scheduled jobs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.channels.webchat import WebchatChannel
from bot.clock import Clock
from bot.dispatch.dispatcher import Dispatcher, Handled, Record
from bot.messages import Inbound
from bot.outbox import Outbox, RemoteDelivery
from bot.runner import DbRunner
from storage.database import Database
from storage.leader import ScheduleLock

if TYPE_CHECKING:  # imported only where Telegram is switched on: python-telegram-bot is slow to import
    from sqlalchemy.engine import Engine

    from bot.channels.telegram import TelegramChannel


@dataclass
class Services:
    database: Database
    clock: Clock
    db: DbRunner
    dispatcher: Dispatcher
    outbox: Outbox
    webchat: WebchatChannel | None
    bot_name: str
    telegram: TelegramChannel | None = None
    # The bot's names, folded (bot.web.webchat_routes.folded): nobody may post under them.
    bot_names: frozenset[str] = frozenset()
    # Campaigns: which instance fires them (None: this one, always), and how late a missed one may still go.
    schedule_lock: ScheduleLock | None = None
    campaign_grace: timedelta = timedelta(hours=1)

    @property
    def engine(self) -> Engine:
        return self.database.engine

    @property
    def deliverers(self) -> list[RemoteDelivery]:
        """One per remote platform."""
        return list(self.outbox.remote.values())

    async def dispatch(self, inbound: Inbound, record: Record | None = None) -> Handled:
        """How every platform hands over a message: read here, handled on the database thread.

        The text is read on the event loop while the database thread works on earlier messages, much of that
        time inside SQLite, which lets go of the GIL. Read on the database thread, it was nearly half of that
        thread's Python time, and that one thread is what limits how many messages the bot takes per second.
        """
        analysis = self.dispatcher.read(inbound)
        handled = await self.db.run_grouped(self.dispatcher.handle, inbound, record=record, analysis=analysis)
        if handled.queued:
            self.outbox.kick(handled.queued)  # what this message queued goes now, not at the next tick
        for follow_up in handled.after_commit:  # committed by now, with its group
            follow_up()
        return handled

    def close(self) -> None:
        """Stop the database thread, closing the connection it kept on the way out."""
        self.db.close(last=self.dispatcher.close)
        self.dispatcher.close()  # any a test opened on its own threads
        if self.schedule_lock is not None:
            self.schedule_lock.release()  # (the database thread has stopped: nothing else uses its connection)
