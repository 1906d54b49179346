"""The built-in web chat as a platform: its conversation log is where its messages are "delivered".

Translates only: a posted message becomes an `Inbound`, an outbox row becomes a line in the log. Its
delivery is local, so it happens in the same transaction that marks the row sent: exactly once.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.clock import Clock, local_iso
from bot.messages import Inbound
from bot.services import outbox
from storage.engine import transaction
from storage.models import OutboxMessage, PlatformAccount, WebchatMessage

PLATFORM = "webchat"
BOT_USER = "bot"


@dataclass(frozen=True)
class Posted:
    chat: str  # "g_tx1" or "dm:<user>"
    user: str
    name: str
    text: str = ""
    client_id: str | None = None
    button_data: str | None = None


class WebchatChannel:
    platform = PLATFORM

    def __init__(self, engine: Engine, clock: Clock, bot_name: str, mention_names: tuple[str, ...]) -> None:
        self.engine = engine
        self.clock = clock
        self.bot_name = bot_name
        self._mentions = tuple(f"@{n}" for n in mention_names)
        self._groups: set[str] = set()
        self._changed: dict[str, asyncio.Event] = {}  # per chat, for long-polling readers
        self._loop: asyncio.AbstractEventLoop | None = None

    def bind_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    # --- inbound -------------------------------------------------------------------------------

    def knows_chat(self, chat: str, user: str) -> bool:
        """A group the roster gives a web chat account, or the user's own private chat."""
        if chat.startswith("dm:"):
            return chat[3:] == user
        if chat in self._groups:
            return True
        self._groups = self._load_groups()
        return chat in self._groups

    def _load_groups(self) -> set[str]:
        with Session(self.engine) as session:
            query = select(PlatformAccount.external_id).where(
                PlatformAccount.platform == PLATFORM, PlatformAccount.kind == "chat"
            )
            return set(session.exec(query))

    def to_inbound(self, posted: Posted) -> Inbound:
        is_group = not posted.chat.startswith("dm:")
        return Inbound(
            platform=PLATFORM,
            message_id=posted.client_id or f"auto-{uuid.uuid4().hex}",
            chat=posted.chat if is_group else "",
            is_group=is_group,
            user=posted.user,
            name=posted.name,
            text=posted.text,
            button_data=posted.button_data,
            mentions_bot=any(m in posted.text for m in self._mentions),
        )

    def record(self, posted: Posted) -> None:
        """Keep what the resident typed in the log; a retried id is not logged twice."""
        with transaction(self.engine) as session:
            if (
                posted.client_id
                and session.exec(select(WebchatMessage.seq).where(WebchatMessage.client_id == posted.client_id)).first()
            ):
                return
            session.add(
                WebchatMessage(
                    chat=posted.chat,
                    user=posted.user,
                    name=posted.name,
                    text=posted.text,
                    buttons=[],
                    at=self.clock.now(),
                    client_id=posted.client_id,
                )
            )
        self.notify({posted.chat})

    # --- outbound ------------------------------------------------------------------------------

    def deliver_due(self, origin: str | None = None) -> list[WebchatMessage]:
        """Move due outbox rows into the log and mark them sent, in one transaction."""
        with transaction(self.engine) as session:
            rows = outbox.due(session, self.clock, PLATFORM, limit=500, origin=origin)
            logged = [self._log(session, row) for row in rows]
        if logged:
            self.notify({line.chat for line in logged})
        return logged

    def _log(self, session: Session, row: OutboxMessage) -> WebchatMessage:
        chat = row.address if row.address_kind == "chat" else f"dm:{row.address}"
        line = WebchatMessage(
            chat=chat, user=BOT_USER, name=self.bot_name, text=row.text, buttons=row.buttons, at=self.clock.now()
        )
        session.add(line)
        outbox.mark_sent(row, self.clock)
        return line

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
            self._loop.call_soon_threadsafe(self._wake, chats)

    def _wake(self, chats: set[str]) -> None:
        for chat in chats:
            event = self._changed.pop(chat, None)
            if event is not None:
                event.set()

    def change_event(self, chat: str) -> asyncio.Event:
        """Take this before reading the log, so a message stored in between still wakes the reader."""
        return self._changed.setdefault(chat, asyncio.Event())


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


def reply_json(line: WebchatMessage) -> dict:
    return {"chat": line.chat, "text": line.text, "buttons": line.buttons}
