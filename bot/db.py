"""Runs blocking database work off the event loop, on one thread, in batches.

One worker thread matches SQLite's single writer and keeps each message's unit of work in order; for
PostgreSQL it is ample at a community's message rates. The worker takes every job that is waiting, runs them
one after another (each in its own transaction), and hands all their results back to the loop in one call:
under load that costs one thread wake-up per batch instead of one per message.
"""

from __future__ import annotations

import asyncio
import functools
import queue
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
_STOP = object()


class DbRunner:
    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._last: Callable[[], None] | None = None
        self._thread = threading.Thread(target=self._work, name="db", daemon=True)
        self._thread.start()

    async def run(self, fn: Callable[..., T], *args, **kwargs) -> T:
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self._jobs.put((loop, future, functools.partial(fn, *args, **kwargs)))
        return await future

    def close(self, last: Callable[[], None] | None = None) -> None:
        """Stop after the jobs already queued; `last` runs on the worker thread just before it ends (to close
        what that thread opened, where it opened it)."""
        self._last = last
        self._jobs.put(_STOP)
        self._thread.join()

    def _work(self) -> None:
        while True:
            batch = [self._jobs.get()]
            while True:
                try:
                    batch.append(self._jobs.get_nowait())
                except queue.Empty:
                    break
            outcomes: dict = {}
            for job in batch:
                if job is _STOP:
                    self._hand_back(outcomes)
                    if self._last is not None:
                        self._last()
                    return
                loop, future, call = job
                try:
                    outcome = (True, call())
                except BaseException as error:  # handed to the awaiting coroutine, which re-raises it
                    outcome = (False, error)
                outcomes.setdefault(loop, []).append((future, outcome))
            self._hand_back(outcomes)

    @staticmethod
    def _hand_back(outcomes: dict) -> None:
        for loop, results in outcomes.items():
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
