"""Time, injected: services ask a Clock instead of calling datetime.now()."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Shanghai")


class Clock(Protocol):
    def now(self) -> datetime: ...

    async def sleep(self, seconds: float) -> None:
        """Wait this long: really, or (a fixed clock) by moving on."""
        ...


class SystemClock:
    """The wall clock, in China Standard Time."""

    def now(self) -> datetime:
        return datetime.now(UTC).astimezone(LOCAL_TZ)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


class FixedClock:
    """A clock that moves only when told to; tests use it instead of sleeping."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = start.astimezone(LOCAL_TZ)

    def now(self) -> datetime:
        return self._now

    async def sleep(self, seconds: float) -> None:
        """Time moves on at once; other tasks get their turn, as they would while really waiting."""
        self.advance(seconds=seconds)
        await asyncio.sleep(0)

    def advance(self, **delta: float) -> datetime:
        self._now += timedelta(**delta)
        return self._now


def local_iso(moment: datetime | None) -> str | None:
    """ISO 8601 in China Standard Time (+08:00), the form every API answer uses."""
    if moment is None:
        return None
    return moment.astimezone(LOCAL_TZ).isoformat(timespec="seconds")
