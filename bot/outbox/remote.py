"""Delivering the outbox to a remote platform (Telegram; WeCom next): rate limits, retries, and what a
refusal means. The same for every platform.

A channel only translates: `send(outgoing)` makes one message into the platform's calls, and the platform's
answer into a neutral outcome (bot.messages). What to do about the answer is decided here:

- `Sent`: done.
- `RetryLater`: the platform asked us to slow down (Telegram's 429 `retry_after`). The row waits that long,
  and the rest of that chat's rows in this round wait with it. Not counted as a failed attempt.
- `Unreachable`: the person never started the bot or blocked it. The row is kept, undelivered, and the first
  time this happens to a person `on_unreachable` is called (their grid head is told, they are asked in their
  group to start the bot). When they next write to the bot privately, what they missed is sent again.
- `ChatMoved`: the platform gave the group a new id. The stored id is updated and the row goes again at once.
- `Failed`: anything else (network, a server error). Exponential back-off, given up after MAX_ATTEMPTS.

When it runs: every TICK_SECONDS as a scheduled job (scheduler.jobs), and at once when a message has just
queued something for the platform (`kick`). Rounds never overlap. A row sent just before a crash and not yet
marked may be sent again after the restart: delivery is at least once, never lost.
"""

from __future__ import annotations

import asyncio
import collections
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

from bot.clock import Clock
from bot.messages import (
    Button,
    ChatMoved,
    Failed,
    Limits,
    Outcome,
    Outgoing,
    PartlySent,
    RetryLater,
    Sent,
    Unreachable,
)
from bot.outbox.limits import RateLimits
from bot.outbox.plan import MAX_ATTEMPTS
from bot.runner import DbRunner
from storage.database import Database
from storage.models import OutboxMessage
from storage.repositories.accounts import UNREACHABLE, AccountRef
from storage.store import Store

log = logging.getLogger(__name__)


class RemoteChannel(Protocol):
    platform: str
    limits: Limits

    async def send(self, message: Outgoing) -> Outcome: ...

    def start_link(self) -> str | None:
        """Where a person opens a private chat with the bot, to be told when they cannot be reached."""
        ...


# Called in the unit of work that records the first refusal for this account: tell whoever should know.
OnUnreachable = Callable[[Store, AccountRef, str | None], None]


@dataclass
class DrainReport:
    taken: int = 0  # rows this round leased
    sent: int = 0
    deferred: int = 0
    failed: int = 0
    unreachable: int = 0
    moved: int = 0
    outcomes: list[tuple[int, Outcome]] = field(default_factory=list)


def back_off(attempts: int, retry_after: float | None = None) -> float:
    """Seconds before the next try: as the platform asked, else exponentially, at most ten minutes."""
    return retry_after if retry_after is not None else min(2**attempts, 600)


class RemoteDelivery:
    BATCH = 250
    CONCURRENT_SENDS = 8
    TICK_SECONDS = 1.0
    MIN_GAP_SECONDS = 0.1
    LEASE_SECONDS = 60.0
    # A limit that frees up within this long (the overall pace: one message every 34 ms) is waited for within
    # the round; a longer wait (a chat's own window) leaves the row for a later round.
    SHORT_WAIT_SECONDS = 0.25

    def __init__(
        self,
        database: Database,
        db: DbRunner,
        clock: Clock,
        channel: RemoteChannel,
        on_unreachable: OnUnreachable | None = None,
        limits: RateLimits | None = None,
    ) -> None:
        self.database = database
        self.db = db
        self.clock = clock
        self.channel = channel
        self.on_unreachable = on_unreachable
        self.limits = limits or RateLimits(channel.limits, clock, platform=channel.platform)
        # When the last sends of the tightest overall window came back: the platform took each of them by then.
        tightest = min(channel.limits.overall, key=lambda r: r.seconds / r.count, default=None)
        self._window = tightest.seconds if tightest else 0.0
        self._answered: collections.deque[float] = collections.deque(maxlen=tightest.count if tightest else 1)
        self._sending = asyncio.Semaphore(self.CONCURRENT_SENDS)
        self._round = asyncio.Lock()
        self._live = False
        self._stopped = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self.kicked = False  # a round is wanted because something was just queued
        self._kicked: asyncio.Task | None = None
        self._rounds: set[asyncio.Task] = set()  # rounds the scheduled job started

    @property
    def platform(self) -> str:
        return self.channel.platform

    # --- when it runs ------------------------------------------------------------------------------

    def start(self) -> None:
        """From now on a kick starts a round at once (until then, rounds run only when asked: tests)."""
        self._live, self._stopped, self._loop = True, False, asyncio.get_running_loop()

    async def stop(self) -> None:
        """No round starts after this; one under way is finished and recorded (stopping halfway would send its
        rows again after the lease, so a group could hear a notice twice)."""
        self._live, self._stopped = False, True
        if self._kicked is not None:
            await self._kicked
        await asyncio.gather(*self._rounds, return_exceptions=True)
        async with self._round:
            pass

    def kick(self) -> None:
        """Something was just queued: deliver now rather than at the next tick. On the event loop."""
        self.kicked = True
        if not self._live:
            return  # (tests drain by hand)
        if self._kicked is None or self._kicked.done():
            self._kicked = asyncio.get_running_loop().create_task(self._kicked_rounds())

    def kick_threadsafe(self) -> None:
        """`kick`, from any thread."""
        if self._live and self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self.kick)

    async def _kicked_rounds(self) -> None:
        while self.kicked and self._live:
            self.kicked = False
            await self._round_unless_stopped()  # waits for a round under way, then takes what it left
            # Under a burst every message kicks; a short gap lets a round take many rows at once instead of
            # running back to back and competing with the messages for the database thread.
            await asyncio.sleep(self.MIN_GAP_SECONDS)

    async def tick(self) -> None:
        """The scheduled job: start a round unless one is under way (it takes what is due) or delivery has
        stopped, and return at once. The round runs as a task of its own, so a scheduler shutting down (which
        cancels running jobs) cannot cut it off between sending and recording, and a long round does not make
        the next ticks pile up; stop() waits for it."""
        if self._stopped or self._round.locked():
            return
        task = asyncio.get_running_loop().create_task(self._round_unless_stopped())
        self._rounds.add(task)
        task.add_done_callback(self._rounds.discard)

    async def _round_unless_stopped(self) -> None:
        """A round, and at once another while the last one took a full batch: a notice to a thousand groups
        goes out at the platform's pace, not a batch per tick."""
        async with self._round:
            while not self._stopped:  # stop() may come between starting this round and its turn
                try:
                    report = await self._drain()
                except Exception:  # one bad round must not stop delivery
                    log.exception("%s: delivery round failed", self.platform)
                    return
                if not self._live or report.taken < self.BATCH or not report.sent:
                    return

    # --- a round -----------------------------------------------------------------------------------

    async def drain(self) -> DrainReport:
        async with self._round:
            return await self._drain()

    async def _drain(self) -> DrainReport:
        rows = await self.db.run(self._due)
        report = DrainReport(taken=len(rows))
        if not rows:
            return report
        by_address: dict[tuple[str, str], list[Outgoing]] = {}
        for row in rows:
            by_address.setdefault((row.address_kind, row.address), []).append(row)
        # A round ends well inside its lease, or another process could take rows this one has sent.
        deadline = asyncio.get_running_loop().time() + self.LEASE_SECONDS / 2
        queues = [self._send_in_order(queue, report, deadline) for queue in by_address.values()]
        for failure in await asyncio.gather(*queues, return_exceptions=True):
            if isinstance(failure, Exception):
                log.error("%s: a chat's queue failed this round", self.platform, exc_info=failure)
        await self.db.run(self._record, report)
        await self.limits.forget_idle()
        return report

    def _due(self) -> list[Outgoing]:
        """This round's rows, leased: due again only after LEASE_SECONDS, so another bot process does not send
        them too; if this one dies before recording what happened, they go again once the lease is over."""
        now = self.clock.now()
        with self.database.unit() as store:
            rows = store.outbox.due(self.platform, now, MAX_ATTEMPTS, limit=self.BATCH, claim=True)
            store.outbox.postpone([row.id for row in rows], now + timedelta(seconds=self.LEASE_SECONDS))
            return [_outgoing(row) for row in rows]

    async def _send_in_order(self, queue: list[Outgoing], report: DrainReport, deadline: float) -> None:
        """One chat's rows, oldest first; the first that has to wait holds back the ones after it.

        A row is let through by the limits only once it holds a sending slot, right before it goes: let through
        earlier, it could wait for a slot while later rows went, and messages paced apart would arrive together."""
        loop = asyncio.get_running_loop()
        for index, row in enumerate(queue):
            async with self._sending:
                if loop.time() > deadline:  # the round is over (or waited for a free slot past its end)
                    report.outcomes += [(r.id, RetryLater(0, "round over")) for r in queue[index:]]
                    return
                wait = await self._let_through(row, deadline)
                if wait:
                    report.outcomes += [(r.id, RetryLater(wait, "rate limit")) for r in queue[index:]]
                    return
                outcome = await self._send(row)
                self._answered.append(self.clock.now().timestamp())
            report.outcomes.append((row.id, outcome))
            stop = outcome.then if isinstance(outcome, PartlySent) else outcome
            if isinstance(stop, RetryLater | Unreachable):
                report.outcomes += [(r.id, stop) for r in queue[index + 1 :]]
                return

    async def _let_through(self, row: Outgoing, deadline: float) -> float:
        """0 once the limits let the row go, waiting within the round for a short wait (the pace); else the
        seconds it has to wait, for a later round."""
        loop = asyncio.get_running_loop()
        wait = await self.limits.wait_for(row.address_kind, row.address)
        while 0 < wait <= self.SHORT_WAIT_SECONDS and loop.time() + wait < deadline:
            await self.clock.sleep(wait)
            wait = await self.limits.wait_for(row.address_kind, row.address)
        if not wait:
            await self._after_the_window()
        return wait

    async def _after_the_window(self) -> None:
        """Not before the window's worth of sends ago came back: 30 a second as the platform counts them, on
        arrival. A send arrives after it starts and before its answer comes back, so a message started a second
        after the answer to the 30th before it cannot be the 31st in any second there, however the network
        bunched them (paced sends alone left 20 ms of room for that, and once in a bench run it was not enough)."""
        if len(self._answered) == self._answered.maxlen and self._window:
            gap = self._answered[0] + self._window - self.clock.now().timestamp()
            if gap > 0:
                await self.clock.sleep(gap)

    async def _send(self, row: Outgoing) -> Outcome:
        try:
            return await self.channel.send(row)
        except Exception as error:  # an adapter bug must cost one row a retry, not the whole round
            log.exception("%s: sending outbox row %s failed", self.platform, row.id)
            return Failed(f"{type(error).__name__}: {error}")

    # --- recording what happened -------------------------------------------------------------------

    def _record(self, report: DrainReport) -> None:
        """Store every outcome of the round: the common ones (sent, wait for a limit) in a statement each for
        all their rows, since under a burst most of a round's rows only wait."""
        now = self.clock.now()
        sent = [row_id for row_id, outcome in report.outcomes if isinstance(outcome, Sent)]
        waiting: dict[tuple[float, str], list[int]] = {}
        for row_id, outcome in report.outcomes:
            if isinstance(outcome, RetryLater):
                waiting.setdefault((outcome.seconds, outcome.reason), []).append(row_id)
        # What was sent is stored first and on its own: if anything after this fails, it is not sent again.
        if sent:
            with self.database.unit() as store:
                store.outbox.mark_sent(sent, now)
        with self.database.unit() as store:
            for (seconds, reason), ids in waiting.items():
                store.outbox.postpone(ids, now + timedelta(seconds=seconds), reason[:500])
        for row_id, outcome in report.outcomes:
            if not isinstance(outcome, Sent | RetryLater):
                self._record_one(row_id, outcome, report)
        report.sent += len(sent)
        report.deferred += sum(len(ids) for ids in waiting.values())

    def _record_one(self, row_id: int, outcome: Outcome, report: DrainReport) -> None:
        try:
            with self.database.unit() as store:
                row = store.outbox.locked(row_id)
                if row is not None and row.sent_at is None:
                    self._apply(store, row, outcome, report)
        except Exception:  # the row stays due and is tried again next round; the others are kept
            log.exception("%s: recording the outcome of outbox row %s failed", self.platform, row_id)

    def _apply(self, store: Store, row: OutboxMessage, outcome: Outcome, report: DrainReport) -> None:
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
                store.accounts.move_chat(self.platform, row.address, outcome.new_external_id)
            row.address = outcome.new_external_id
            row.next_attempt_at = now
            report.moved += 1
        elif isinstance(outcome, Unreachable):
            row.error = (UNREACHABLE + outcome.reason)[:500]
            row.attempts = MAX_ATTEMPTS  # held, not retried: sent again when they write to the bot
            self._first_refusal(store, row, outcome.reason)
            report.unreachable += 1
        else:
            row.attempts += 1
            row.error = outcome.reason[:500]
            row.next_attempt_at = now + timedelta(seconds=back_off(row.attempts))
            report.failed += 1

    def _first_refusal(self, store: Store, row: OutboxMessage, reason: str) -> None:
        account = store.accounts.mark_unreachable(self.platform, row.address_kind, row.address, self.clock.now())
        if account is None:
            return  # known already (or not an account of ours): people were told the first time
        log.warning("%s: %s %s cannot be reached: %s", self.platform, row.address_kind, row.address, reason)
        if self.on_unreachable is None:
            return
        try:
            with store.attempt():
                self.on_unreachable(store, account, self.channel.start_link())
        except Exception:  # telling people is a courtesy; the row is still held and the account marked
            log.exception("%s: telling others of an unreachable account failed", self.platform)


def _outgoing(row: OutboxMessage) -> Outgoing:
    buttons = tuple(Button(b["label"], b["data"]) for b in row.buttons or ())
    return Outgoing(row.id, row.platform, row.address_kind, row.address, row.text, buttons)
