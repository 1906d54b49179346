"""The one path every inbound message takes: deduplicate, resolve the sender, run the feature handlers,
store what they want to say in the outbox and deliver what is local, all in one transaction.

Handlers are plain functions `handler(ctx) -> bool` (True: handled, stop); bot.wiring decides their order.
Chatter, most of what a group says, costs two inserts and no ORM session: the session is opened only when
a handler asks for it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.clock import Clock
from bot.commands import Command, parse_command
from bot.messages import Button, Inbound, Outbound, private_chat_id
from bot.nlp.analyzer import Analysis, Analyzer
from bot.services import outbox
from bot.services.identity import ChatRef, Identities, Sender
from bot.services.roster_view import RosterView, RosterViews
from bot.services.tickets import TicketService
from storage.fast import insert_if_new, savepoint, transaction_alive
from storage.models import ProcessedMessage


@dataclass
class Context:
    """What a handler sees of one inbound message, and where it puts what it wants to say."""

    connection: Connection
    clock: Clock
    inbound: Inbound
    sender: Sender
    chat: ChatRef | None  # the roster group; None in a private chat or a group the roster does not know
    chat_id: str  # our id of where it was said: a group id, or dm:<person id>
    analyzer: Analyzer
    roster: RosterView
    start_link: str | None = None  # where people open a private chat with the bot, if it may not write first
    out: list[Outbound] = field(default_factory=list)
    roster_changed: bool = False  # a handler changed chats or accounts: cached lookups are stale
    queued: set[str] = field(default_factory=set)  # remote platforms this message gave something to send
    origin: str = ""  # <platform>:<message id>, the key of this message (and of a ticket it opens)
    _session: Session | None = None
    _analysis: Analysis | None = None
    _command: Command | bool | None = False  # False: not parsed yet

    @property
    def analysis(self) -> Analysis:
        """What the message says, read once however many handlers ask."""
        if self._analysis is None:
            self._analysis = self.analyzer.analyze(self.inbound.text)
        return self._analysis

    @property
    def command(self) -> Command | None:
        """The worker or resident command the text is (接单 3, 查询…), parsed once however many handlers ask."""
        if self._command is False:
            self._command = parse_command(self.inbound.text) if self.inbound.text else None
        return self._command

    @property
    def session(self) -> Session:
        """An ORM session in this message's transaction, opened on first use."""
        if self._session is None:
            # In a savepoint of the message's transaction: a failed flush then undoes only the session's own work,
            # never the transaction around it (which, with messages grouped, holds other messages too).
            self._session = Session(
                bind=self.connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
            )
        return self._session

    def tickets(self) -> TicketService:
        return TicketService(self.connection, self.clock, self.roster, lambda: self.session)

    def reply(self, text: str, buttons: Sequence[Button] = ()) -> None:
        """Answer in the chat the message came from, on the platform it came from."""
        self.out.append(Outbound(text, chat=self.chat_id, platform=self.inbound.platform, buttons=tuple(buttons)))

    def reply_once(self, text: str, key: str) -> None:
        """Answer in this chat unless something under `key` was said here before (ever)."""
        self.out.append(Outbound(text, chat=self.chat_id, platform=self.inbound.platform, once=key))

    def reply_privately(self, text: str, buttons: Sequence[Button] = ()) -> None:
        chat = private_chat_id(self.sender.person_id)
        self.out.append(Outbound(text, chat=chat, platform=self.inbound.platform, buttons=tuple(buttons)))

    def tell(self, person_id: str | None, text: str, buttons: Sequence[Button] = ()) -> None:
        """Reach a person on every enabled platform where they have an account."""
        if person_id:
            self.out.append(Outbound(text, person=person_id, buttons=tuple(buttons)))


Handler = Callable[[Context], bool]


class LocalChannel(Protocol):
    """A platform whose delivery is a database write (the web chat): done in the message's own transaction."""

    platform: str

    def deliver(self, connection: Connection, rows: list[dict]) -> list[dict]: ...


@dataclass(frozen=True)
class Handled:
    duplicate: bool
    origin: str
    delivered: list = field(default_factory=list)  # what local channels delivered, e.g. web chat lines
    queued: frozenset[str] = frozenset()  # remote platforms with outbox rows now due because of this message


class Dispatcher:
    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        analyzer: Analyzer,
        handlers: Sequence[Handler],
        platforms: frozenset[str],
        local_channels: Sequence[LocalChannel] = (),
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.analyzer = analyzer
        self.handlers = tuple(handlers)
        self.platforms = platforms
        self.local_channels = {channel.platform: channel for channel in local_channels}
        self.identities = Identities()
        self.rosters = RosterViews()
        # Per platform where the bot may not write to someone first (Telegram), the link to start a chat with it;
        # filled in by the channel once it knows its own name.
        self.start_links: dict[str, str] = {}
        self._local = threading.local()
        self._opened: list[Connection] = []

    def read(self, inbound: Inbound) -> Analysis | None:
        """What a text message says, if the handlers will want to know; needs no database, any thread. A command
        is not read ahead: the handler that takes it may never ask (Context.analysis reads it then)."""
        if not inbound.text or inbound.button_data is not None or parse_command(inbound.text) is not None:
            return None
        return self.analyzer.analyze(inbound.text)

    def handle(
        self,
        inbound: Inbound,
        record: Callable[[Connection], None] | None = None,
        analysis: Analysis | None = None,
    ) -> Handled:
        """Blocking: run it off the event loop. Returns once everything it caused is committed.

        `record` lets a platform keep its own copy of the message (the web chat's log) in the same
        transaction, so a message is either wholly taken or not at all. `analysis`: `read(inbound)`, when the
        caller has it already."""
        origin = f"{inbound.platform}:{inbound.message_id}"
        try:
            return self._handle_once(inbound, origin, record, analysis)
        except IntegrityError:
            # Another process committed a twin (the same message id, or a ticket from the same source)
            # between our reads and our commit. Run again: this time the twin is visible and is answered
            # as a duplicate, with no 500 and nothing done twice.
            return self._handle_once(inbound, origin, record, analysis)

    def _connection(self) -> Connection:
        """The calling thread's own connection, kept between messages: checking one out of the pool for
        every message cost a fifth of the hot path. A connection that broke is replaced on the next call."""
        connection = getattr(self._local, "connection", None)
        if connection is None or connection.closed or connection.invalidated:
            connection = self._local.connection = self.engine.connect()
            self._opened.append(connection)
        return connection

    def close(self) -> None:
        """Close the kept connections, whichever threads opened them."""
        while self._opened:
            self._opened.pop().close()

    @contextmanager
    def group(self) -> Iterator[None]:
        """One transaction for several messages handled on this thread (group commit, see bot.db): each
        message then runs in a savepoint, so one that fails is undone alone and the others are kept."""
        connection = self._connection()
        try:
            with connection.begin() as transaction:
                self._local.grouped, self._local.group_begun = True, False
                yield
                if not transaction.is_active or not transaction_alive(connection, self._local.group_begun):
                    # Something rolled the shared transaction back: nobody in the group may be told it is kept.
                    raise RuntimeError("the group's transaction was rolled back; nothing in it was kept")
        except BaseException:
            # What the group read back (new senders, a bound group) may be cached; the group is gone.
            self.identities.forget()
            self.rosters.forget()
            raise
        finally:
            self._local.grouped = False

    def _handle_once(self, inbound: Inbound, origin: str, record, analysis: Analysis | None) -> Handled:
        connection = self._connection()
        grouped = getattr(self._local, "grouped", False)
        if grouped:
            if not transaction_alive(connection, begun=self._local.group_begun):
                raise RuntimeError("the group's transaction was rolled back; nothing in it was kept")
            self._local.group_begun = True
        with savepoint(connection) if grouped else connection.begin():
            seen = {"platform": inbound.platform, "message_id": inbound.message_id, "at": self.clock.now()}
            if not insert_if_new(connection, ProcessedMessage.__table__, seen):
                return Handled(True, origin)
            if record is not None:
                record(connection)
            ctx = self._context(connection, inbound)
            ctx._analysis, ctx.origin = analysis, origin
            try:
                for handler in self.handlers:
                    if handler(ctx):
                        break
                delivered = self._store_and_deliver(ctx, origin) if ctx.out else []
                if ctx._session is not None:
                    ctx._session.commit()  # releases the session's savepoint; the transaction stays open
                if ctx.roster_changed:
                    self.identities.forget()
                    self.rosters.forget()
            finally:
                if ctx._session is not None:
                    ctx._session.close()
        return Handled(False, origin, delivered, frozenset(ctx.queued))

    def _store_and_deliver(self, ctx: Context, origin: str) -> list[dict]:
        if ctx._session is not None:
            ctx._session.flush()  # the handlers' changes first: outbox rows may name what they created
        rows = outbox.plan(
            ctx.connection, self.clock, ctx.out, platforms=self.platforms, roster=ctx.roster, origin=origin
        )
        # Said-once rows are stored (or dropped) first and left to the outbox drain, even on a local channel:
        # only the database's unique key knows whether they were said already.
        once = [row for row in rows if row["dedup_key"]]
        outbox.store_once(ctx.connection, once)
        ctx.queued.update(row["platform"] for row in once if row["platform"] not in self.local_channels)
        rows = [row for row in rows if not row["dedup_key"]]
        delivered = []
        for platform, channel in self.local_channels.items():
            delivered += channel.deliver(ctx.connection, [row for row in rows if row["platform"] == platform])
        outbox.store(ctx.connection, rows)
        ctx.queued.update(row["platform"] for row in rows if row["platform"] not in self.local_channels)
        return delivered

    def _context(self, connection: Connection, inbound: Inbound) -> Context:
        sender = self.identities.sender(connection, inbound.platform, inbound.user, inbound.name)
        if inbound.is_group:
            chat = self.identities.chat(connection, inbound.platform, inbound.chat)
            chat_id = chat.id if chat else f"{inbound.platform}:{inbound.chat}"
        else:
            chat, chat_id = None, private_chat_id(sender.person_id)
        roster = self.rosters.current(connection)
        link = self.start_links.get(inbound.platform)
        return Context(connection, self.clock, inbound, sender, chat, chat_id, self.analyzer, roster, link)
