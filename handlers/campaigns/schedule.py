"""When a campaign goes out: its schedule's times (APScheduler's triggers), quiet hours and the working calendar.

A schedule is `{"at": ISO}` (once) or `{"cron": "0 10 * * MON"}` (repeating), in Asia/Shanghai. Cron fields are
the standard crontab's: a numeric day of the week counts from Sunday (0 or 7), as in crontab(5), not from
Monday as APScheduler 3's own `day_of_week` does; the numbers are turned into names before APScheduler sees them.

Quiet hours (21:00–08:00): a time that falls inside moves to the next 08:00. Holidays: with `skip_holidays`, a
day the Chinese working calendar (chinesecalendar) calls a day off is skipped — weekends and public holidays,
but not the weekends made working days (调休). For a year the library does not know yet, the weekdays are the
working days, with a warning.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import chinese_calendar
from apscheduler.triggers.cron import CronTrigger

from bot.clock import LOCAL_TZ

log = logging.getLogger(__name__)
QUIET_START, QUIET_END = time(21, 0), time(8, 0)
_DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")
_warned_years: set[int] = set()


class ScheduleError(ValueError):
    """A schedule that cannot run: the reason is a key of texts.BAD_INPUT."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason, self.detail = reason, detail


@dataclass(frozen=True)
class Schedule:
    at: datetime | None = None
    cron: str | None = None

    @classmethod
    def parse(cls, raw: object, now: datetime) -> Schedule:
        """From the API's or the command line's form; refuses an invalid cron and a time in the past."""
        if not isinstance(raw, dict) or len(raw) != 1 or not ({"at", "cron"} & set(raw)):
            raise ScheduleError("bad_schedule")
        if "at" in raw:
            at = _aware(raw["at"])
            if at <= now:
                raise ScheduleError("past", at.isoformat())
            return cls(at=at)
        expression = raw["cron"]
        if not isinstance(expression, str):
            raise ScheduleError("bad_cron", str(expression))
        _trigger(expression)  # raises if invalid
        return cls(cron=expression.strip())

    @classmethod
    def stored(cls, raw: dict) -> Schedule:
        """As a campaign keeps it (checked when it was made)."""
        return cls(at=_aware(raw["at"])) if "at" in raw else cls(cron=raw["cron"])

    def as_dict(self) -> dict:
        return {"at": self.at.astimezone(LOCAL_TZ).isoformat()} if self.at else {"cron": self.cron}

    def first_after(self, moment: datetime) -> datetime | None:
        """The first nominal time strictly after `moment` (None: a one-off that has passed)."""
        if self.at is not None:
            return self.at if self.at > moment else None
        trigger = _trigger(self.cron)
        after = moment.astimezone(LOCAL_TZ) + timedelta(seconds=1)
        return trigger.get_next_fire_time(None, after.replace(microsecond=0))


def _aware(value: object) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ScheduleError("bad_time", value) from None
    else:
        raise ScheduleError("bad_time", str(value))
    return moment.replace(tzinfo=LOCAL_TZ) if moment.tzinfo is None else moment


def _trigger(expression: str) -> CronTrigger:
    fields = expression.split()
    if len(fields) != 5:
        raise ScheduleError("bad_cron", expression)
    fields[4] = re.sub(r"\d+", lambda m: _DAY_NAMES[int(m[0])] if int(m[0]) <= 7 else m[0], fields[4])
    try:
        return CronTrigger.from_crontab(" ".join(fields), timezone=LOCAL_TZ)
    except (ValueError, IndexError):
        raise ScheduleError("bad_cron", expression) from None


def after_quiet_hours(moment: datetime) -> datetime:
    """The time itself, or the next 08:00 if it falls between 21:00 and 08:00."""
    local = moment.astimezone(LOCAL_TZ)
    if QUIET_END <= local.time() < QUIET_START:
        return local
    day = local.date() if local.time() < QUIET_END else local.date() + timedelta(days=1)
    return datetime.combine(day, QUIET_END, tzinfo=LOCAL_TZ)


# The years chinesecalendar has the State Council's holiday schedule for (it is published each November).
KNOWN_YEARS = range(min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year + 1)


def is_working_day(day: date) -> bool:
    if day.year in KNOWN_YEARS:
        return chinese_calendar.is_workday(day)
    if day.year not in _warned_years:
        _warned_years.add(day.year)
        log.warning(
            "campaigns: the working calendar does not know %d yet (upgrade chinesecalendar); "
            "taking Monday to Friday as the working days",
            day.year,
        )
    return day.weekday() < 5
