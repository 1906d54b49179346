"""Meeting times in residents' words → an aware datetime in Asia/Shanghai, relative to a given `now`.

A small grammar: a day (今天/明天/后天, 本周六, 下周三, 周日, 12月3日, 3号) and a time of day (上午9点,
下午三点半, 晚上7点, 19:30, 十点一刻). Chinese numerals go through cn2an, on the captured span only.
Where the text leaves it open, the future is preferred: "周六" on a Sunday is the coming Saturday, "9点"
after 9 o'clock today is tomorrow, "12月3日" in late December is next year's.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from bot.clock import LOCAL_TZ
from bot.nlp.places import to_int

_N = r"(\d{1,2}|[零一二两三四五六七八九十]{1,3})"
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5}
_RELATIVE_DAYS = {"今天": 0, "今日": 0, "今晚": 0, "明天": 1, "明日": 1, "明晚": 1, "后天": 2, "大后天": 3}
_PERIODS = {
    "凌晨": 0,
    "早上": 0,
    "早晨": 0,
    "清晨": 0,
    "上午": 0,
    "中午": 12,
    "午后": 12,
    "下午": 12,
    "傍晚": 12,
    "晚上": 12,
    "今晚": 12,
    "明晚": 12,
    "晚": 12,
    "夜里": 12,
}

_MAYBE_TIME = re.compile(r"[点时:：日号周天晚午早凌]|星期|礼拜")
_MONTH_DAY = re.compile(_N + r"\s*月\s*" + _N + r"\s*[日号]")
_DAY_ONLY = re.compile(r"(?<![月\d])" + _N + r"\s*[日号](?![楼栋幢单])")
_WEEKDAY = re.compile(r"(下下|下|这|本)?\s*(?:周|星期|礼拜)([一二三四五六日天末])")
_RELATIVE = re.compile("|".join(sorted(_RELATIVE_DAYS, key=len, reverse=True)))
_PERIOD = re.compile("|".join(sorted(_PERIODS, key=len, reverse=True)))
_CLOCK = re.compile(r"(?<!\d)(\d{1,2})\s*[:：]\s*(\d{2})(?!\d)")
_HOUR = re.compile(_N + r"\s*[点时](?:\s*(半|一刻|三刻|" + r"(\d{1,2}|[零一二三四五六七八九十]{1,3})\s*分?))?")


def parse_when(text: str, now: datetime) -> datetime | None:
    """The moment the text names, or None when it names no time of day and no day."""
    if not _MAYBE_TIME.search(text):
        return None  # most messages name no time: one cheap search instead of the whole grammar
    now = now.astimezone(LOCAL_TZ)
    day, day_is_explicit = _day(text, now.date())
    clock = _clock(text)
    if day is None and clock is None:
        return None
    if clock is None:
        clock = time(9, 0) if _PERIOD.search(text) is None else _period_default(text)
    moment = datetime.combine(day or now.date(), clock, tzinfo=LOCAL_TZ)
    if moment <= now and not day_is_explicit:
        moment += timedelta(days=1)  # a bare time that has passed today means tomorrow
    return moment


def _day(text: str, today: date) -> tuple[date | None, bool]:
    if match := _MONTH_DAY.search(text):
        month, day = to_int(match[1]), to_int(match[2])
        return _future_date(today, month, day), True
    if match := _WEEKDAY.search(text):
        return _weekday(today, match[1] or "", _WEEKDAYS[match[2]]), True
    if match := _RELATIVE.search(text):
        return today + timedelta(days=_RELATIVE_DAYS[match[0]]), True
    if match := _DAY_ONLY.search(text):
        day = to_int(match[1])
        month = today.month if day and day >= today.day else today.month % 12 + 1
        return _future_date(today, month, day), True
    return None, False


def _future_date(today: date, month: int | None, day: int | None) -> date | None:
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month or 0, day or 0)
        except ValueError:
            return None
        if candidate >= today:
            return candidate
    return None


def _weekday(today: date, prefix: str, weekday: int) -> date:
    monday = today - timedelta(days=today.weekday())
    if prefix in ("这", "本"):
        return monday + timedelta(days=weekday)
    if prefix == "下":
        return monday + timedelta(days=7 + weekday)
    if prefix == "下下":
        return monday + timedelta(days=14 + weekday)
    ahead = (weekday - today.weekday()) % 7
    return today + timedelta(days=ahead)


def _clock(text: str) -> time | None:
    match = _CLOCK.search(text)
    if match:
        hour, minute = int(match[1]), int(match[2])
    else:
        match = _HOUR.search(text)
        if not match:
            return None
        hour, minute = to_int(match[1]), _minutes(match[2], match[3])
        if hour is None or minute is None:
            return None
    hour = _with_period(text[: match.start()], hour)
    if not (0 <= hour < 24 and 0 <= minute < 60):
        return None
    return time(hour, minute)


def _minutes(fraction: str | None, number: str | None) -> int | None:
    if not fraction:
        return 0
    if fraction == "半":
        return 30
    if fraction in ("一刻", "三刻"):
        return 15 if fraction == "一刻" else 45
    return to_int(number) if number else 0


def _with_period(before: str, hour: int) -> int:
    """下午3点 is 15:00; 晚上12点 stays midnight-ish (0); 中午12点 is noon."""
    periods = list(_PERIOD.finditer(before))
    if not periods:
        return hour
    offset = _PERIODS[periods[-1][0]]
    if offset and hour < 12:
        return hour + offset
    return hour


def _period_default(text: str) -> time:
    period = _PERIOD.search(text)[0]
    return (
        {0: time(9, 0), 12: time(15, 0)}[_PERIODS[period]]
        if period not in ("晚上", "今晚", "明晚", "晚", "夜里")
        else time(19, 0)
    )
