"""The built-in web chat as a platform: its conversation log is where its messages are "delivered".

Translates only: a posted message becomes an `Inbound` (and a line of the log), an outgoing message becomes a
line of the log. The outbox writes those lines in the same unit of work that marks the message sent: exactly
once. Readers long-poll; this channel wakes the ones waiting on a chat when something new is in it.
"""

from __future__ import annotations

import asyncio
import uuid
import weakref
from dataclasses import dataclass, field
from datetime import datetime

from bot.messages import Inbound, Outgoing

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
    message_seq: int | None = None  # for a tap, the number of the bot's message tapped, if the client says

    @property
    def key(self) -> str:
        """Ids are the client's, so they are only unique within a chat: one chat's "42" is not another's."""
        kind = "button" if self.button_data is not None else "text"
        return f"{self.chat}:{kind}:{self.client_id}"

    @property
    def is_private(self) -> bool:
        return self.chat.startswith("dm:")


class WebchatChannel:
    platform = PLATFORM

    def __init__(self, bot_name: str, mention_names: tuple[str, ...]) -> None:
        self.bot_name = bot_name
        self._mentions = tuple(f"@{n}" for n in mention_names)
        # Per chat, for long-polling readers; weak, so chats nobody waits on are forgotten.
        self._changed: weakref.WeakValueDictionary[str, asyncio.Event] = weakref.WeakValueDictionary()
        self._loop: asyncio.AbstractEventLoop | None = None

    def bind_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    # --- in ------------------------------------------------------------------------------------------

    def to_inbound(self, posted: Posted) -> Inbound:
        """The bot's @-name becomes a flag and leaves the text, as platforms with mention entities do."""
        text = posted.text
        mentioned = any(m in text for m in self._mentions)
        for mention in self._mentions:
            text = text.replace(mention, " ")
        return Inbound(
            platform=PLATFORM,
            message_id=posted.key,
            chat="" if posted.is_private else posted.chat,
            is_group=not posted.is_private,
            user=posted.user,
            name=posted.name,
            text=text.strip() if mentioned else text,
            button_data=posted.button_data,
            mentions_bot=mentioned,
        )

    def posted_line(self, posted: Posted, now: datetime) -> dict:
        """What the person typed, as a line of the log."""
        return {
            "chat": posted.chat,
            "user": posted.user,
            "name": posted.name,
            "text": posted.text,
            "buttons": [],
            "at": now,
            "client_id": posted.key,
        }

    # --- out -----------------------------------------------------------------------------------------

    def line(self, message: Outgoing, now: datetime) -> dict:
        """What the bot says, as a line of the log."""
        chat = message.address if message.address_kind == "chat" else f"dm:{message.address}"
        return {
            "chat": chat,
            "user": BOT_USER,
            "name": self.bot_name,
            "text": message.text,
            "buttons": [{"label": b.label, "data": b.data} for b in message.buttons],
            "at": now,
            "client_id": None,
        }

    # --- waking readers ------------------------------------------------------------------------------

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
