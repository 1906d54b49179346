"""The neutral message types that cross the seam between channel adapters and the core."""

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


def private_chat_id(person_id: str) -> str:
    return f"dm:{person_id}"


def person_of_private_chat(chat: str) -> str | None:
    return chat[3:] if chat.startswith("dm:") else None
