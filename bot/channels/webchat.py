"""The built-in web chat as a platform: its conversation log is where its messages are "delivered".

Translates only: a posted message becomes an `Inbound`, an outbox row becomes a line in the log. Its
delivery is local, so it happens in the same transaction that marks the row sent: exactly once.
"""

from __future__ import annotations

import asyncio
import functools
import uuid
import weakref
from dataclasses import dataclass, field

from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, col, select

from bot.clock import Clock, local_iso
from bot.messages import Inbound
from bot.services import outbox
from storage.engine import transaction
from storage.fast import insert_row
from storage.models import OutboxMessage, PlatformAccount, WebchatMessage

PLATFORM = "webchat"
BOT_USER = "bot"


@dataclass(frozen=True)
class Posted:
    """A message or button tap as the page (or a gateway) posted it."""

    chat: str  # "g_tx1" or "dm:<user>"
    user: str
    name: str
    text: str = ""
    client_id: str = field(default_factory=lambda: f"auto-{uuid.uuid4().hex}")
    button_data: str | None = None

    @property
    def key(self) -> str:
        """Ids are the client's, so they are only unique within a chat: one chat's "42" is not another's."""
        kind = "button" if self.button_data is not None else "text"
        return f"{self.chat}:{kind}:{self.client_id}"


class WebchatChannel:
    platform = PLATFORM

    def __init__(self, engine: Engine, clock: Clock, bot_name: str, mention_names: tuple[str, ...]) -> None:
        self.engine = engine
        self.clock = clock
        self.bot_name = bot_name
        self._mentions = tuple(f"@{n}" for n in mention_names)
        self._groups: set[str] = set()
        # Per chat, for long-polling readers; weak, so chats nobody waits on are forgotten.
        self._changed: weakref.WeakValueDictionary[str, asyncio.Event] = weakref.WeakValueDictionary()
        self._loop: asyncio.AbstractEventLoop | None = None

    def bind_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    # --- inbound -------------------------------------------------------------------------------

    def knows_chat_cached(self, chat: str, user: str) -> bool:
        """`knows_chat` from memory only: False may just mean a group added since the last look."""
        if chat.startswith("dm:"):
            return chat[3:] == user
        return chat in self._groups

    def knows_chat(self, chat: str, user: str) -> bool:
        """A group the roster gives a web chat account, or the user's own private chat."""
        if self.knows_chat_cached(chat, user):
            return True
        if chat.startswith("dm:"):
            return False
        self._groups = self._load_groups()
        return chat in self._groups

    def _load_groups(self) -> set[str]:
        with Session(self.engine) as session:
            query = select(PlatformAccount.external_id).where(
                PlatformAccount.platform == PLATFORM, PlatformAccount.kind == "chat"
            )
            return set(session.exec(query))

    def to_inbound(self, posted: Posted) -> Inbound:
        """The bot's @-name becomes a flag and leaves the text, as platforms with mention entities do."""
        is_group = not posted.chat.startswith("dm:")
        text = posted.text
        mentioned = any(m in text for m in self._mentions)
        for mention in self._mentions:
            text = text.replace(mention, " ")
        return Inbound(
            platform=PLATFORM,
            message_id=posted.key,
            chat=posted.chat if is_group else "",
            is_group=is_group,
            user=posted.user,
            name=posted.name,
            text=text.strip() if mentioned else text,
            button_data=posted.button_data,
            mentions_bot=mentioned,
        )

    def record(self, posted: Posted, connection: Connection) -> None:
        """Keep what the resident typed in the log, inside the dispatcher's transaction for this message."""
        line = {
            "chat": posted.chat,
            "user": posted.user,
            "name": posted.name,
            "text": posted.text,
            "buttons": [],
            "at": self.clock.now(),
            "client_id": posted.key,
        }
        insert_row(connection, WebchatMessage.__table__, line)

    # --- outbound ------------------------------------------------------------------------------

    def deliver(self, connection: Connection, rows: list[dict] | list[OutboxMessage]) -> list[dict]:
        """Write outbox rows (planned dicts or stored rows) into the log and mark them sent, in the caller's
        transaction, so each is delivered exactly once."""
        lines = [self._line(row) for row in rows]
        if lines:
            insert_row(connection, WebchatMessage.__table__, lines)
        for row in rows:
            outbox.mark_sent(row, self.clock)
        return lines

    def deliver_due(self) -> list[dict]:
        """Deliver rows left behind (by a crash, or queued by a job); the drain calls this."""
        with transaction(self.engine) as session:
            # Claimed (locked, skipping rows another process holds) in the transaction that delivers them.
            rows = outbox.due(session, self.clock, PLATFORM, limit=500, claim=True)
            lines = self.deliver(session.connection(), rows)
        self.notify({line["chat"] for line in lines})
        return lines

    def _line(self, row: dict | OutboxMessage) -> dict:
        field_of = row.get if isinstance(row, dict) else functools.partial(getattr, row)
        address = field_of("address")
        chat = address if field_of("address_kind") == "chat" else f"dm:{address}"
        return {
            "chat": chat,
            "user": BOT_USER,
            "name": self.bot_name,
            "text": field_of("text"),
            "buttons": field_of("buttons"),
            "at": self.clock.now(),
            "client_id": None,
        }

    # --- reading the log -----------------------------------------------------------------------

    def messages(self, chat: str, after: int, limit: int = 200) -> list[dict]:
        with Session(self.engine) as session:
            query = (
                select(WebchatMessage)
                .where(WebchatMessage.chat == chat, col(WebchatMessage.seq) > after)
                .order_by(WebchatMessage.seq)
                .limit(limit)
            )
            return [as_json(m) for m in session.exec(query)]

    def notify(self, chats: set[str]) -> None:
        """Wake long-polling readers of these chats; safe to call from the database thread."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self.wake, chats)

    def wake(self, chats: set[str]) -> None:
        """Wake long-polling readers of these chats; on the event loop's thread."""
        for chat in chats:
            event = self._changed.pop(chat, None)
            if event is not None:
                event.set()

    def wake_everyone(self) -> None:
        """At shutdown: let every long-poll answer now rather than hold the server for its full wait."""
        for event in list(self._changed.values()):
            event.set()

    def change_event(self, chat: str) -> asyncio.Event:
        """Take this before reading the log, so a message stored in between still wakes the reader."""
        event = self._changed.get(chat)
        if event is None:
            event = self._changed[chat] = asyncio.Event()
        return event


def as_json(message: WebchatMessage) -> dict:
    return {
        "seq": message.seq,
        "chat": message.chat,
        "user": message.user,
        "name": message.name,
        "text": message.text,
        "buttons": message.buttons,
        "at": local_iso(message.at),
    }


def reply_json(line: dict) -> dict:
    return {"chat": line["chat"], "text": line["text"], "buttons": line["buttons"]}
