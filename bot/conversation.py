"""Conversation state: a feature asks a question and takes the person's next message in that chat as the answer.

Like aiogram's FSM storage, a small interface (`ConversationStore`) keyed by chat and person, with two
implementations: `MemoryConversations` here (one process, gone on restart), and the database's
(`storage.repositories.conversations`), which the bot uses so that a question survives a restart and is
answered on whichever process takes the answer. A state has a name (which route takes the answer), a little
data, and an expiry on the injected clock; an expired state is no state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol


@dataclass(frozen=True)
class State:
    name: str  # "<feature>:<question>", e.g. complaints:place
    expires_at: datetime
    platform: str  # where the question was asked, so an expiry notice goes back there
    data: dict = field(default_factory=dict)
    expiry_notice: str | None = None  # said in the chat if nobody answers in time


@dataclass(frozen=True)
class Expired:
    chat: str
    person: str
    state: State


class ConversationStore(Protocol):
    def get(self, chat: str, person: str) -> State | None: ...

    def set(self, chat: str, person: str, state: State) -> None: ...

    def clear(self, chat: str, person: str) -> None: ...

    def take_expired(self, now: datetime, limit: int = 100) -> list[Expired]:
        """Remove and return states that expired by `now`."""
        ...


class MemoryConversations:
    def __init__(self) -> None:
        self._states: dict[tuple[str, str], State] = {}

    def get(self, chat: str, person: str) -> State | None:
        return self._states.get((chat, person))

    def set(self, chat: str, person: str, state: State) -> None:
        self._states[(chat, person)] = state

    def clear(self, chat: str, person: str) -> None:
        self._states.pop((chat, person), None)

    def take_expired(self, now: datetime, limit: int = 100) -> list[Expired]:
        gone = [key for key, state in self._states.items() if state.expires_at <= now][:limit]
        return [Expired(chat, person, self._states.pop((chat, person))) for chat, person in gone]


class Conversation:
    """One person's conversation with the bot in one chat, as a route sees it."""

    def __init__(self, store: ConversationStore, chat: str, person: str, platform: str, now: datetime) -> None:
        self._store = store
        self.chat, self.person, self.platform, self.now = chat, person, platform, now
        self._state: State | bool | None = False  # False: not read yet

    @property
    def state(self) -> State | None:
        """The question waiting for an answer here, if any (read once, on first use)."""
        if self._state is False:
            state = self._store.get(self.chat, self.person)
            self._state = state if state is not None and state.expires_at > self.now else None
        return self._state

    def ask(self, name: str, *, minutes: float, data: dict | None = None, expiry_notice: str | None = None) -> None:
        """Take this person's next message in this chat (within `minutes`) as the answer to `name`."""
        expires = self.now + timedelta(minutes=minutes)
        self._state = State(name, expires, self.platform, dict(data or {}), expiry_notice)
        self._store.set(self.chat, self.person, self._state)

    def finish(self) -> None:
        """No question is waiting any more."""
        if self._state is not None:
            self._store.clear(self.chat, self.person)
        self._state = None
