"""The one way out: every message the bot says becomes stored outbox rows, then is delivered.

Rows are written in the same unit of work as the change that caused them, so a crash can delay a message but
never lose it. The web chat is a local channel: its delivery is a line in its own log, written in that same
unit of work, so it happens exactly once. Remote platforms are delivered afterwards by their `RemoteDelivery`,
woken at once by `kick` and every second by a scheduled job.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from bot.clock import Clock
from bot.messages import Button, Outbound, Outgoing
from bot.outbox.plan import MAX_ATTEMPTS, plan
from bot.outbox.remote import RemoteDelivery
from storage.models import OutboxMessage
from storage.roster_view import RosterView
from storage.store import Store


class LocalChannel(Protocol):
    """A platform whose delivery is a line in its own log (the web chat)."""

    platform: str

    def line(self, message: Outgoing, now: datetime) -> dict:
        """The log line that shows this message in its chat."""
        ...

    def notify(self, chats: set[str]) -> None:
        """Wake whoever reads these chats (after the unit of work is committed); any thread."""
        ...


@dataclass
class Put:
    delivered: list[dict] = field(default_factory=list)  # lines written to the local channel's log
    queued: set[str] = field(default_factory=set)  # remote platforms with rows now due
    rows: list[dict] = field(default_factory=list)  # every row stored


class Outbox:
    def __init__(self, clock: Clock, platforms: frozenset[str], local: LocalChannel | None = None) -> None:
        self.clock = clock
        self.platforms = platforms
        self.local = local
        self.remote: dict[str, RemoteDelivery] = {}

    def add_remote(self, delivery: RemoteDelivery) -> None:
        self.remote[delivery.platform] = delivery

    def put(
        self,
        store: Store,
        roster: RosterView,
        outbound: Iterable[Outbound],
        origin: str | None = None,
        keys_are_new: bool = False,
    ) -> Put:
        """Store these messages in the unit of work, delivering the local channel's at once.

        `keys_are_new`: the caller has made sure, in this unit of work, that no said-once key was used before (a
        campaign's occurrence row is unique): the rows then go in one statement, not one each (a notice to ten
        thousand groups), and a key used after all still fails the whole unit on the unique index."""
        now = self.clock.now()
        rows = plan(
            outbound,
            now=now,
            platforms=self.platforms,
            roster=roster,
            addresses_of=store.accounts.addresses_of,
            origin=origin,
        )
        put = Put()
        local = self.local.platform if self.local else None
        kept: list[dict] = []
        for row in rows:
            if row["platform"] == local:
                row.update(sent_at=now, attempts=1)
            # A said-once row goes only if its key is new: only the database's unique key knows.
            one_by_one = row["dedup_key"] and not keys_are_new
            if one_by_one and not store.outbox.add_once(row):
                continue
            if row["platform"] == local:
                put.delivered.append(self.local.line(_outgoing(row), now))
            else:
                put.queued.add(row["platform"])
            put.rows.append(row)
            if not one_by_one:
                kept.append(row)
        store.outbox.add(kept)
        store.webchat_log.append(put.delivered)
        return put

    def send(
        self,
        store: Store,
        roster: RosterView,
        outbound: Iterable[Outbound],
        origin: str | None = None,
        keys_are_new: bool = False,
    ) -> Put:
        """`put`, for a unit of work of its own (a job, a delivery round): delivery is woken once it commits."""
        put = self.put(store, roster, outbound, origin, keys_are_new)
        store.after_commit.append(lambda: self.wake(put))
        return put

    def wake(self, put: Put) -> None:
        """After the commit, from any thread: readers of the local chats, and deliveries of remote rows."""
        if self.local is not None and put.delivered:
            self.local.notify({line["chat"] for line in put.delivered})
        for platform in put.queued:
            delivery = self.remote.get(platform)
            if delivery is not None:
                delivery.kick_threadsafe()

    def deliver_local_due(self, store: Store) -> list[dict]:
        """The local channel's rows left behind (by a crash, or queued before it started): delivered now."""
        if self.local is None:
            return []
        now = self.clock.now()
        rows = store.outbox.due(self.local.platform, now, MAX_ATTEMPTS, limit=500, claim=True)
        lines = [self.local.line(_outgoing(row), now) for row in rows]
        for row in rows:
            row.sent_at, row.attempts, row.error = now, row.attempts + 1, None
        store.webchat_log.append(lines)
        if lines:
            store.after_commit.append(lambda: self.local.notify({line["chat"] for line in lines}))
        return lines

    def kick(self, platforms: Iterable[str]) -> None:
        """Deliver what was just queued for these platforms now; on the event loop, after the commit."""
        for platform in platforms:
            delivery = self.remote.get(platform)
            if delivery is not None:
                delivery.kick()


def _outgoing(row: dict | OutboxMessage) -> Outgoing:
    get = row.get if isinstance(row, dict) else row.__getattribute__
    buttons = tuple(Button(b["label"], b["data"]) for b in get("buttons") or ())
    return Outgoing(get("id") or 0, get("platform"), get("address_kind"), get("address"), get("text"), buttons)
