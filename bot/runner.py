"""Runs blocking database work off the event loop, on one thread, in batches.

One worker thread matches SQLite's single writer and keeps each message's unit of work in order; for
PostgreSQL it is ample at a community's message rates. The worker takes every job that is waiting, runs them
one after another, and hands all their results back to the loop in one call: under load that costs one
thread wake-up per batch instead of one per message.

Group commit. Jobs submitted with `run_grouped` (inbound messages) that sit next to each other in a batch
share one transaction, opened and committed by the `group` context manager the runner was given; each job
then runs in a savepoint of it. A commit is the largest single cost of a small message on SQLite, so under
load this pays it once per batch rather than once per message. Nobody is answered before the commit: the
results are handed back only after it, and if it fails every job in the group gets its error.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import queue
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TypeVar

T = TypeVar("T")
_STOP = object()
Outcome = tuple[bool, object]  # (True, result) or (False, exception)


class DbRunner:
    def __init__(
        self,
        group: Callable[[], AbstractContextManager] | None = None,
        run_alone_after: Callable[[BaseException], bool] | None = None,
    ) -> None:
        """`run_alone_after(error)`: a grouped job that failed so (it lost a race for locks with another process)
        is run again on its own once the group has ended, with the group's locks let go."""
        self._group = group
        self._run_alone_after = run_alone_after
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._last: Callable[[], None] | None = None
        self._thread = threading.Thread(target=self._work, name="db", daemon=True)
        self._thread.start()

    async def run(self, fn: Callable[..., T], *args, **kwargs) -> T:
        """Run `fn` on the database thread on its own (it manages its own transactions)."""
        return await self._submit(False, functools.partial(fn, *args, **kwargs))

    async def run_grouped(self, fn: Callable[..., T], *args, **kwargs) -> T:
        """Run `fn` inside the group's shared transaction. `fn` must use only the group's connection (a second
        connection would wait for the write lock the group holds) and must not commit."""
        return await self._submit(self._group is not None, functools.partial(fn, *args, **kwargs))

    async def _submit(self, grouped: bool, call: Callable[[], T]) -> T:
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self._jobs.put((loop, future, call, grouped))
        return await future

    def close(self, last: Callable[[], None] | None = None) -> None:
        """Stop after the jobs already queued; `last` runs on the worker thread just before it ends (to close
        what that thread opened, where it opened it)."""
        self._last = last
        self._jobs.put(_STOP)
        self._thread.join()

    def _work(self) -> None:
        while True:
            batch = self._take_batch()
            stop = _STOP in batch
            jobs = [job for job in batch if job is not _STOP]
            settled: list[tuple[tuple, Outcome]] = []
            for grouped, run in itertools.groupby(jobs, key=lambda job: job[3]):
                run_jobs = list(run)
                settled += self._run_group(run_jobs) if grouped else [(job, _call(job)) for job in run_jobs]
            _hand_back(settled)
            if stop:
                if self._last is not None:
                    self._last()
                return

    def _take_batch(self) -> list:
        batch = [self._jobs.get()]
        while batch[-1] is not _STOP:
            try:
                batch.append(self._jobs.get_nowait())
            except queue.Empty:
                break
        return batch

    def _run_group(self, jobs: list[tuple]) -> list[tuple[tuple, Outcome]]:
        try:
            with self._group():
                settled = [(job, _call(job)) for job in jobs]
        except BaseException as error:  # the shared commit failed: nothing in the group is kept
            settled = [(job, (False, error)) for job in jobs]
        # Two processes' groups can each hold what the other waits for; the database then fails one of them. Run
        # those again one by one, now that this group's locks are let go (nobody was answered yet).
        return [(job, _call(job)) if self._lost_a_race(outcome) else (job, outcome) for job, outcome in settled]

    def _lost_a_race(self, outcome: Outcome) -> bool:
        ok, value = outcome
        return not ok and self._run_alone_after is not None and self._run_alone_after(value)


def _call(job: tuple) -> Outcome:
    try:
        return (True, job[2]())
    except BaseException as error:  # handed to the awaiting coroutine, which re-raises it
        return (False, error)


def _hand_back(settled: list[tuple[tuple, Outcome]]) -> None:
    by_loop: dict = {}
    for job, outcome in settled:
        by_loop.setdefault(job[0], []).append((job[1], outcome))
    for loop, results in by_loop.items():
        if not loop.is_closed():
            loop.call_soon_threadsafe(_settle, results)


def _settle(results: list) -> None:
    for future, (ok, value) in results:
        if future.cancelled():
            continue
        if ok:
            future.set_result(value)
        else:
            future.set_exception(value)
