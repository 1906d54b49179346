"""The neutral types that cross the seam between channel adapters and the core.

In: a platform's update becomes an `Inbound`. Out: features say `Outbound`s; the outbox stores them and hands
a channel one `Outgoing` at a time, and the channel answers with an `Outcome`. A channel adapter needs nothing
else of the core.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Button:
    label: str
    data: str


@dataclass(frozen=True)
class Inbound:
    """One thing a person did on a platform: a text message or a button tap.

    `chat` is the platform's id of the group (empty in a private chat) and `user` the platform's id of the
    sender; the dispatcher resolves both to our chat and person.
    """

    platform: str
    message_id: str
    chat: str
    is_group: bool
    user: str
    name: str
    text: str = ""
    button_data: str | None = None
    mentions_bot: bool = False
    moved_from: str | None = None  # the platform gave this group a new id; this was its old one


@dataclass(frozen=True)
class Outbound:
    """A message the bot wants to say, to a chat or to a person (on every channel they use).

    `platform` narrows a chat message to one platform: a reply goes back where it was asked.
    """

    text: str
    chat: str | None = None
    person: str | None = None
    platform: str | None = None
    buttons: tuple[Button, ...] = field(default_factory=tuple)
    once: str | None = None  # said at most once to each address, ever, under this key

    def __post_init__(self) -> None:
        if (self.chat is None) == (self.person is None):
            raise ValueError("an Outbound goes to exactly one chat or one person")


@dataclass(frozen=True)
class Here:
    """Where a change was made: the actor's confirmation goes back there, on that platform."""

    chat: str
    platform: str
    is_group: bool
    start_link: str | None = None  # on platforms where the bot may not write first (Telegram)


def private_chat_id(person_id: str) -> str:
    return f"dm:{person_id}"


def person_of_private_chat(chat: str) -> str | None:
    return chat[3:] if chat.startswith("dm:") else None


# --- out: one stored message to one address, and what the platform made of it ---------------------


@dataclass(frozen=True)
class Outgoing:
    """One message to one address on one platform, as the outbox hands it to a channel to send."""

    id: int
    platform: str
    address_kind: str  # user (a private chat with a person) | chat (a group)
    address: str  # the platform's id of that user or group
    text: str
    buttons: tuple[Button, ...] = ()


@dataclass(frozen=True)
class Sent:
    pass


@dataclass(frozen=True)
class RetryLater:
    """The platform asked us to slow down (Telegram's 429 retry_after)."""

    seconds: float
    reason: str


@dataclass(frozen=True)
class Unreachable:
    """The person never opened a chat with the bot, or blocked it."""

    reason: str


@dataclass(frozen=True)
class ChatMoved:
    """The platform gave the group a new id (a Telegram group upgraded to a supergroup)."""

    new_external_id: str


@dataclass(frozen=True)
class Failed:
    reason: str


@dataclass(frozen=True)
class PartlySent:
    """A long text went out in parts and only the first ones arrived: the rest is what remains to send."""

    remaining: str
    then: RetryLater | Unreachable | ChatMoved | Failed


Outcome = Sent | RetryLater | Unreachable | ChatMoved | Failed | PartlySent


@dataclass(frozen=True)
class Rate:
    """At most `count` messages in `seconds`."""

    count: int
    seconds: float


@dataclass(frozen=True)
class Limits:
    """How fast a platform lets a bot send: to one chat, to one group, and in all."""

    per_chat: tuple[Rate, ...] = ()
    per_group: tuple[Rate, ...] = ()
    overall: tuple[Rate, ...] = ()
