"""Time, injected: services ask a Clock instead of calling datetime.now()."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Shanghai")


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """The wall clock, in China Standard Time."""

    def now(self) -> datetime:
        return datetime.now(UTC).astimezone(LOCAL_TZ)


class FixedClock:
    """A clock that moves only when told to; tests use it instead of sleeping."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = start.astimezone(LOCAL_TZ)

    def now(self) -> datetime:
        return self._now

    def advance(self, **delta: float) -> datetime:
        self._now += timedelta(**delta)
        return self._now


def local_iso(moment: datetime | None) -> str | None:
    """ISO 8601 in China Standard Time (+08:00), the form every API answer uses."""
    if moment is None:
        return None
    return moment.astimezone(LOCAL_TZ).isoformat(timespec="seconds")
