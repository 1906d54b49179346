"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator

from bot.clock import LOCAL_TZ


class UTCDateTime(TypeDecorator):
    """Stores aware datetimes as naive UTC and gives them back aware, in China Standard Time.

    SQLite keeps no time zone, so storing UTC everywhere is the only way both backends agree.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use the injected clock")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC).astimezone(LOCAL_TZ)
