"""Who sent a message and in which group, from platform ids: the lookups every message needs.

Staff and roster groups come from the roster snapshot, with no query. Residents are read from the database
and kept for a minute. A resident met for the first time is not written yet: their id is derived from their
platform id, and they are remembered only once something they said is taken (so chatter writes nothing).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, replace

from bot.vocabulary import STAFF_KINDS
from storage.roster_view import RosterView
from storage.store import Store

CACHE_SECONDS = 60.0
DEFAULT_NAME = "居民"


@dataclass(frozen=True)
class Sender:
    person_id: str
    name: str
    is_staff: bool
    known: bool = True  # False: a resident never seen before, not stored yet


def resident_id(platform: str, external_id: str) -> str:
    """A stable, non-identifying id for a resident first seen on a platform."""
    digest = hashlib.blake2s(f"{platform}:{external_id}".encode(), digest_size=5).hexdigest()
    return f"r_{digest}"


class Identities:
    def __init__(self, seconds: float = CACHE_SECONDS) -> None:
        self.seconds = seconds
        self._residents: dict[tuple[str, str], tuple[float, Sender]] = {}

    def forget(self) -> None:
        self._residents.clear()

    def sender(self, store: Store, roster: RosterView, platform: str, external_id: str, name: str) -> Sender:
        staff = roster.staff_of_account.get((platform, external_id))
        if staff is not None:
            return Sender(staff, roster.name(staff) or name, roster.is_staff(staff))
        key = (platform, external_id)
        cached = self._residents.get(key)
        if cached and cached[0] > time.monotonic():
            return cached[1]
        row = store.accounts.person(platform, external_id)
        if row is None:  # kept as unknown too: chatter from people never taken must not cost a query each
            display = (name or DEFAULT_NAME).strip()[:64] or DEFAULT_NAME
            sender = Sender(resident_id(platform, external_id), display, False, known=False)
        else:
            sender = Sender(row.id, row.name, row.kind in STAFF_KINDS)
        self._residents[key] = (time.monotonic() + self.seconds, sender)
        return sender

    @staticmethod
    def remember(store: Store, sender: Sender, platform: str, external_id: str) -> None:
        """Store a resident met for the first time; `known` once the unit of work is kept."""
        store.accounts.add_resident(sender.person_id, sender.name, platform, external_id)

    def known(self, sender: Sender, platform: str, external_id: str) -> None:
        """The unit that stored this resident is kept (a group that fails makes the dispatcher forget)."""
        key = (platform, external_id)
        if key in self._residents:
            self._residents[key] = (self._residents[key][0], replace(sender, known=True))
