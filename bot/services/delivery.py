"""Delivering the outbox to remote platforms (Telegram; WeCom next): rate limits, retries, and what a refusal
means. The same for every platform.

A channel adapter only translates: `send(row)` makes one stored row into the platform's calls, and the
platform's answer into an outcome below. Deciding what to do about the answer happens here:

- `Sent`: done.
- `RetryLater`: the platform asked us to slow down (Telegram's 429 `retry_after`). The row waits that long,
  and the rest of that chat's rows in this round wait with it. Not counted as a failed attempt.
- `Unreachable`: the person never started the bot or blocked it. The row is kept, undelivered, and the first
  time this happens to a person their grid head is told and they are asked in their group to start the bot.
  When they next write to the bot privately, what they missed is sent again (`reachable_again`).
- `ChatMoved`: the platform gave the group a new id (a Telegram group became a supergroup). The stored id
  is updated and the row goes again at once.
- `Failed`: anything else (network, a server error). Exponential back-off, given up after MAX_ATTEMPTS.

Limits are checked before each send with explicit timestamps from the injected clock (pyrate-limiter's
in-memory sliding window), so a row that would break one is simply due a little later, and tests can step a
fixed clock instead of sleeping. A row sent just before a crash and not yet marked may be sent again after
the restart: delivery is at least once, never lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from pyrate_limiter import Duration, InMemoryBucket, Rate, RateItem
from sqlalchemy import bindparam, update
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, col, select

from bot.clock import Clock
from bot.db import DbRunner
from bot.services import outbox
from storage.models import MIGRATED, OutboxMessage, PlatformAccount

log = logging.getLogger(__name__)
UNREACHABLE = "unreachable: "  # prefix of the error kept on rows held for a person who cannot be reached


@dataclass(frozen=True)
class Sent:
    pass


@dataclass(frozen=True)
class RetryLater:
    seconds: float
    reason: str


@dataclass(frozen=True)
class Unreachable:
    reason: str


@dataclass(frozen=True)
class ChatMoved:
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
class Limits:
    """How fast a platform lets a bot send: to one chat, to one group, and in all."""

    per_chat: tuple[Rate, ...] = ()
    per_group: tuple[Rate, ...] = ()
    overall: tuple[Rate, ...] = ()


TELEGRAM_LIMITS = Limits(
    per_chat=(Rate(1, Duration.SECOND),),
    per_group=(Rate(20, Duration.MINUTE),),
    overall=(Rate(30, Duration.SECOND),),
)


class RemoteChannel(Protocol):
    platform: str
    limits: Limits

    async def send(self, row: OutboxMessage) -> Outcome: ...

    def start_link(self) -> str | None:
        """Where a person opens a private chat with the bot, to be told when they cannot be reached."""
        ...


# Called in the database transaction that records the first refusal for this person's account.
OnUnreachable = Callable[[Session, PlatformAccount, str | None], None]


class RateLimits:
    """Sliding windows per chat and overall, over the injected clock's time."""

    def __init__(self, limits: Limits, clock: Clock) -> None:
        self.limits = limits
        self.clock = clock
        self._chats: dict[tuple[str, str], InMemoryBucket] = {}
        self._overall = InMemoryBucket(list(limits.overall)) if limits.overall else None

    def wait_for(self, kind: str, address: str) -> float:
        """0 and the send counted if it may go now; else the seconds until it may.

        The chat's window is asked first: when it allows and the overall one then refuses, the chat has spent
        a place it did not use and waits up to a second longer than it had to. Erring that way never sends
        faster than a limit."""
        now = int(self.clock.now().timestamp() * 1000)
        for bucket in (self._chat_bucket(kind, address), self._overall):
            item = RateItem(address, now)
            if bucket is not None and not bucket.put(item):
                return max(bucket.waiting(item), 1) / 1000
        return 0.0

    def forget_idle(self) -> None:
        """Drop the windows of chats quiet for longer than the longest window, so memory stays small."""
        now = int(self.clock.now().timestamp() * 1000)
        for key, bucket in list(self._chats.items()):
            bucket.leak(now)
            if not bucket.items:
                del self._chats[key]
        if self._overall is not None:
            self._overall.leak(now)

    def _chat_bucket(self, kind: str, address: str) -> InMemoryBucket | None:
        rates = list(self.limits.per_chat) + (list(self.limits.per_group) if kind == "chat" else [])
        if not rates:
            return None
        bucket = self._chats.get((kind, address))
        if bucket is None:
            bucket = self._chats[(kind, address)] = InMemoryBucket(rates)
        return bucket


@dataclass
class DrainReport:
    sent: int = 0
    deferred: int = 0
    failed: int = 0
    unreachable: int = 0
    moved: int = 0
    outcomes: list[tuple[int, Outcome]] = field(default_factory=list)


class Deliverer:
    """Sends a remote platform's due outbox rows: `drain()` once (tests, the periodic tick), or `run()` for
    ever, woken early by `kick()` when a message has just queued something."""

    BATCH = 100
    CONCURRENT_SENDS = 8
    TICK_SECONDS = 1.0
    MIN_GAP_SECONDS = 0.1
    LEASE_SECONDS = 60.0

    def __init__(
        self,
        engine: Engine,
        db: DbRunner,
        clock: Clock,
        channel: RemoteChannel,
        on_unreachable: OnUnreachable | None = None,
    ) -> None:
        self.engine = engine
        self.db = db
        self.clock = clock
        self.channel = channel
        self.on_unreachable = on_unreachable
        self.limits = RateLimits(channel.limits, clock)
        self._kicked = asyncio.Event()
        self._sending = asyncio.Semaphore(self.CONCURRENT_SENDS)

    def kick(self) -> None:
        self._kicked.set()

    async def run(self, stop: asyncio.Event | None = None) -> None:
        while stop is None or not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._kicked.wait(), self.TICK_SECONDS)
            self._kicked.clear()
            try:
                await self.drain()
            except Exception:  # one bad round must not stop delivery for good
                log.exception("%s: delivery round failed", self.channel.platform)
            # Under a burst every message kicks; a short gap lets a round take many rows at once instead of
            # running back to back and competing with the messages for the database thread.
            await asyncio.sleep(self.MIN_GAP_SECONDS)

    async def drain(self) -> DrainReport:
        rows = await self.db.run(self._due)
        report = DrainReport()
        if not rows:
            return report
        by_address: dict[tuple[str, str], list[OutboxMessage]] = {}
        for row in rows:
            by_address.setdefault((row.address_kind, row.address), []).append(row)
        # A round ends well inside its lease, or another process could take rows this one has sent.
        deadline = asyncio.get_running_loop().time() + self.LEASE_SECONDS / 2
        queues = [self._send_in_order(queue, report, deadline) for queue in by_address.values()]
        for failure in await asyncio.gather(*queues, return_exceptions=True):
            if isinstance(failure, Exception):
                log.error("%s: a chat's queue failed this round", self.channel.platform, exc_info=failure)
        await self.db.run(self._record, report)
        self.limits.forget_idle()
        return report

    def _due(self) -> list[OutboxMessage]:
        """This round's rows, leased: due again only after LEASE_SECONDS, so another bot process does not send
        them too; if this one dies before recording what happened, they go again once the lease is over."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            rows = outbox.due(session, self.clock, self.channel.platform, limit=self.BATCH, claim=True)
            if rows:
                lease = update(OutboxMessage).where(col(OutboxMessage.id).in_([row.id for row in rows]))
                session.exec(lease.values(next_attempt_at=self.clock.now() + timedelta(seconds=self.LEASE_SECONDS)))
            return rows

    async def _send_in_order(self, queue: list[OutboxMessage], report: DrainReport, deadline: float) -> None:
        """One chat's rows, oldest first; the first that has to wait holds back the ones after it."""
        for index, row in enumerate(queue):
            if asyncio.get_running_loop().time() > deadline:
                report.outcomes += [(r.id, RetryLater(0, "round over")) for r in queue[index:]]
                return
            wait = self.limits.wait_for(row.address_kind, row.address)
            if wait:
                report.outcomes += [(r.id, RetryLater(wait, "rate limit")) for r in queue[index:]]
                return
            async with self._sending:
                if asyncio.get_running_loop().time() > deadline:  # waited for a free slot past the deadline
                    report.outcomes += [(r.id, RetryLater(0, "round over")) for r in queue[index:]]
                    return
                outcome = await self._send(row)
            report.outcomes.append((row.id, outcome))
            stop = outcome.then if isinstance(outcome, PartlySent) else outcome
            if isinstance(stop, RetryLater | Unreachable):
                report.outcomes += [(r.id, stop) for r in queue[index + 1 :]]
                return

    async def _send(self, row: OutboxMessage) -> Outcome:
        try:
            return await self.channel.send(row)
        except Exception as error:  # an adapter bug must cost one row a retry, not the whole round
            log.exception("%s: sending outbox row %s failed", self.channel.platform, row.id)
            return Failed(f"{type(error).__name__}: {error}")

    def _record(self, report: DrainReport) -> None:
        """Store every outcome of the round in one transaction: the common ones (sent, wait for a limit) in a
        statement each for all their rows, since under a burst most of a round's rows only wait."""
        now = self.clock.now()
        sent = [row_id for row_id, outcome in report.outcomes if isinstance(outcome, Sent)]
        waiting: dict[tuple[float, str], list[int]] = {}
        for row_id, outcome in report.outcomes:
            if isinstance(outcome, RetryLater):
                waiting.setdefault((outcome.seconds, outcome.reason), []).append(row_id)
        unsent = col(OutboxMessage.sent_at).is_(None)
        # What was sent is stored first and on its own: if anything after this fails, it is not sent again.
        if sent:
            with Session(self.engine) as session, session.begin():
                done = update(OutboxMessage).where(col(OutboxMessage.id).in_(sent), unsent)
                session.exec(done.values(sent_at=now, attempts=OutboxMessage.attempts + 1, error=None))
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            for (seconds, reason), ids in waiting.items():
                later = update(OutboxMessage).where(col(OutboxMessage.id).in_(ids), unsent)
                session.exec(later.values(next_attempt_at=now + timedelta(seconds=seconds), error=reason[:500]))
        for row_id, outcome in report.outcomes:
            if not isinstance(outcome, Sent | RetryLater):
                self._record_one(row_id, outcome, report)
        report.sent += len(sent)
        report.deferred += sum(len(ids) for ids in waiting.values())

    def _record_one(self, row_id: int, outcome: Outcome, report: DrainReport) -> None:
        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                row = session.get(OutboxMessage, row_id, with_for_update=True)
                if row is not None and row.sent_at is None:
                    self._apply(session, row, outcome, report)
        except Exception:  # the row stays due and is tried again next round; the others are kept
            log.exception("%s: recording the outcome of outbox row %s failed", self.channel.platform, row_id)

    def _apply(self, session: Session, row: OutboxMessage, outcome: Outcome, report: DrainReport) -> None:
        now = self.clock.now()
        if isinstance(outcome, PartlySent):
            row.text = outcome.remaining  # what arrived is not sent again
            outcome = outcome.then
        if isinstance(outcome, RetryLater):
            row.next_attempt_at = now + timedelta(seconds=outcome.seconds)
            row.error = outcome.reason[:500]
            report.deferred += 1
        elif isinstance(outcome, ChatMoved):
            if row.address != outcome.new_external_id:  # an earlier row of the round moved it already
                move_chat(session, self.channel.platform, row.address, outcome.new_external_id)
            row.address = outcome.new_external_id
            row.next_attempt_at = now
            report.moved += 1
        elif isinstance(outcome, Unreachable):
            row.error = (UNREACHABLE + outcome.reason)[:500]
            row.attempts = outbox.MAX_ATTEMPTS  # held, not retried: sent again when they write to the bot
            self._mark_unreachable(session, row, outcome.reason)
            report.unreachable += 1
        else:
            outbox.mark_failed(row, self.clock, outcome.reason)
            report.failed += 1

    def _account(self, session: Session, kind: str, external_id: str) -> PlatformAccount | None:
        query = select(PlatformAccount).where(
            PlatformAccount.platform == self.channel.platform,
            PlatformAccount.kind == kind,
            PlatformAccount.external_id == external_id,
        )
        return session.exec(query).first()

    def _mark_unreachable(self, session: Session, row: OutboxMessage, reason: str) -> None:
        account = self._account(session, row.address_kind, row.address)
        if account is None:
            return
        # Marked with a conditional update: of two processes meeting the same refusal, only one tells people.
        first = update(PlatformAccount).where(
            PlatformAccount.id == account.id, col(PlatformAccount.unreachable_since).is_(None)
        )
        if session.exec(first.values(unreachable_since=self.clock.now())).rowcount == 0:
            return  # told already
        session.refresh(account)
        log.warning("%s: %s %s cannot be reached: %s", self.channel.platform, row.address_kind, row.address, reason)
        if self.on_unreachable is not None:
            try:
                with session.begin_nested():
                    self.on_unreachable(session, account, self.channel.start_link())
            except Exception:  # telling people is a courtesy; the row is still held and the account marked
                log.exception("%s: telling others of an unreachable account failed", self.channel.platform)


_NOW_REACHABLE = (
    update(PlatformAccount)
    .where(
        PlatformAccount.platform == bindparam("b_platform"),
        PlatformAccount.kind == "user",
        PlatformAccount.external_id == bindparam("b_external_id"),
        col(PlatformAccount.unreachable_since).is_not(None),
    )
    .values(unreachable_since=None)
)
_SEND_HELD_AGAIN = (
    update(OutboxMessage)
    .where(
        OutboxMessage.platform == bindparam("b_platform"),
        OutboxMessage.address_kind == "user",
        OutboxMessage.address == bindparam("b_external_id"),
        col(OutboxMessage.sent_at).is_(None),
        col(OutboxMessage.error).startswith(UNREACHABLE),
    )
    .values(attempts=0, next_attempt_at=bindparam("b_now"), error=None)
)


def move_chat(session: Session, platform: str, old: str, new: str) -> bool:
    """A platform gave a group a new id (a Telegram group upgraded to a supergroup): its account and the messages
    still waiting for it follow. Learned either way round: a send refused with the new id, or the new group's
    first message saying where it came from. True if an account moved."""
    if old == new:
        return False
    accounts = select(PlatformAccount).where(PlatformAccount.platform == platform, PlatformAccount.kind == "chat")
    account = session.exec(accounts.where(PlatformAccount.external_id == old)).first()
    if account is None:
        return False
    # Marked with the id it left, so importing a roster file that still names that id does not bring it back
    # (storage.roster); a group bound from the chat keeps who bound it.
    moved = f"{MIGRATED}{old}"
    known = session.exec(accounts.where(PlatformAccount.external_id == new)).first()
    if known is not None:
        session.delete(account)  # the new id is known already; the old one is gone for good
        if known.bound_by is None or known.bound_by.startswith(MIGRATED):
            known.bound_by = moved
    else:
        account.external_id = new
        if account.bound_by is None or account.bound_by.startswith(MIGRATED):
            account.bound_by = moved
    pending = update(OutboxMessage).where(
        OutboxMessage.platform == platform,
        OutboxMessage.address_kind == "chat",
        OutboxMessage.address == old,
        col(OutboxMessage.sent_at).is_(None),
    )
    session.exec(pending.values(address=new))
    log.warning("%s: group %s moved to %s; the stored id is updated (update the roster file too)", platform, old, new)
    return True


def reachable_again(connection: Connection, platform: str, external_id: str, now: datetime) -> int:
    """A person has written to the bot privately, so it can reach them now: send what was held for them.
    Returns how many held messages go again (0, with one cheap statement, for everyone else)."""
    who = {"b_platform": platform, "b_external_id": external_id}
    if connection.execute(_NOW_REACHABLE, who).rowcount == 0:
        return 0
    return connection.execute(_SEND_HELD_AGAIN, {**who, "b_now": now}).rowcount
