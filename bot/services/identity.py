"""Who sent a message and in which group, from platform ids: the lookups every message needs, cached.

Roster data changes rarely (an import, then a restart or a minute's wait), so found accounts are kept for a
minute; a resident met for the first time is written and found again on their next message.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection

from bot.services.roster_view import STAFF_KINDS
from storage.fast import insert_if_new, insert_row
from storage.models import Chat, Person, PlatformAccount

CACHE_SECONDS = 60.0

# Built once: a statement made afresh per call costs more in SQLAlchemy's cache-key work than the query.
_PERSON_BY_ACCOUNT = (
    select(Person.id, Person.name, Person.kind)
    .join(PlatformAccount, PlatformAccount.person_id == Person.id)
    .where(
        PlatformAccount.platform == bindparam("platform"),
        PlatformAccount.kind == "user",
        PlatformAccount.external_id == bindparam("external_id"),
    )
)
_CHAT_BY_ACCOUNT = (
    select(Chat.id, Chat.name, Chat.grid_id, Chat.compound_id, Chat.community_id)
    .join(PlatformAccount, PlatformAccount.chat_id == Chat.id)
    .where(
        PlatformAccount.platform == bindparam("platform"),
        PlatformAccount.kind == "chat",
        PlatformAccount.external_id == bindparam("external_id"),
    )
)


@dataclass(frozen=True)
class Sender:
    person_id: str
    name: str
    is_staff: bool


def resident_id(platform: str, external_id: str) -> str:
    """A stable, non-identifying id for a resident first seen on a platform."""
    digest = hashlib.blake2s(f"{platform}:{external_id}".encode(), digest_size=5).hexdigest()
    return f"r_{digest}"


@dataclass(frozen=True)
class ChatRef:
    """A roster group and what it is bound to; what routing and texts need of a Chat."""

    id: str
    name: str
    grid_id: int | None
    compound_id: int | None
    community_id: int | None


class Identities:
    def __init__(self, seconds: float = CACHE_SECONDS) -> None:
        self.seconds = seconds
        self._senders: dict[tuple[str, str], tuple[float, Sender]] = {}
        self._chats: dict[tuple[str, str], tuple[float, ChatRef | None]] = {}

    def forget(self) -> None:
        self._senders.clear()
        self._chats.clear()

    def sender(self, connection: Connection, platform: str, external_id: str, name: str) -> Sender:
        key = (platform, external_id)
        cached = self._senders.get(key)
        if cached and cached[0] > time.monotonic():
            return cached[1]
        row = connection.execute(_PERSON_BY_ACCOUNT, {"platform": platform, "external_id": external_id}).first()
        if row is None:
            return self._new_resident(connection, platform, external_id, name)
        sender = Sender(row.id, row.name, row.kind in STAFF_KINDS)
        self._senders[key] = (time.monotonic() + self.seconds, sender)
        return sender

    def _new_resident(self, connection: Connection, platform: str, external_id: str, name: str) -> Sender:
        """Remembered from now on; not cached yet, since this transaction may still roll back."""
        person_id = resident_id(platform, external_id)
        display = (name or "居民").strip()[:64] or "居民"
        insert_if_new(connection, Person.__table__, {"id": person_id, "name": display, "kind": "resident"})
        account = {"platform": platform, "kind": "user", "external_id": external_id, "person_id": person_id}
        insert_row(connection, PlatformAccount.__table__, account)
        return Sender(person_id, display, False)

    def chat(self, connection: Connection, platform: str, external_id: str) -> ChatRef | None:
        key = (platform, external_id)
        cached = self._chats.get(key)
        if cached and cached[0] > time.monotonic():
            return cached[1]
        row = connection.execute(_CHAT_BY_ACCOUNT, {"platform": platform, "external_id": external_id}).first()
        chat = ChatRef(*row) if row else None
        self._chats[key] = (time.monotonic() + self.seconds, chat)
        return chat
