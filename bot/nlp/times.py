"""Meeting times in residents' words → an aware datetime in Asia/Shanghai, relative to a given `now`.

A small grammar: a day (今天/明天/后天, 明早, 本周六, 下周三, 周日, 12月3日, 12.8, 2026年12月20日, 3号, 元旦)
and a time of day (上午9点, 下午三点半, 晚上7点, 晚7:30, 19:30, 十点一刻, 8点30分). Chinese numerals go
through cn2an, on the captured span only. Where the text leaves it open, the future is preferred: "周六" on a
Sunday is the coming Saturday, "9点" after 9 o'clock today is tomorrow, "1月5日" in late December is next
year's. A day the text names outright and that has passed (昨天, 12月1日 on 2 December) is the past: a
meeting cannot be called for it, and `read_time` says so instead of moving it a year on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.clock import LOCAL_TZ
from bot.nlp.places import to_int

_N = r"(\d{1,2}|[零一二两三四五六七八九十]{1,3})"
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5}
_RELATIVE_DAYS = {
    "今天": 0, "今日": 0, "今晚": 0, "今早": 0, "今儿": 0, "今个": 0, "明天": 1, "明日": 1, "明晚": 1, "明早": 1,
    "明儿": 1, "后天": 2, "后日": 2, "大后天": 3, "昨天": -1, "昨晚": -1, "前天": -2,
}  # fmt: skip
# Holidays on fixed solar dates (the lunar ones, 春节 and 中秋, move: a meeting names their date instead).
_HOLIDAYS = {
    "元旦": (1, 1), "妇女节": (3, 8), "三八节": (3, 8), "植树节": (3, 12), "劳动节": (5, 1), "五一": (5, 1),
    "青年节": (5, 4), "儿童节": (6, 1), "六一": (6, 1), "建党节": (7, 1), "七一": (7, 1), "建军节": (8, 1),
    "八一": (8, 1), "教师节": (9, 10), "国庆节": (10, 1), "国庆": (10, 1), "平安夜": (12, 24), "圣诞节": (12, 25),
    "圣诞": (12, 25),
}  # fmt: skip
_PERIODS = {
    "凌晨": 0, "早上": 0, "早晨": 0, "清晨": 0, "一早": 0, "上午": 0, "今早": 0, "明早": 0, "早": 0,
    "中午": 12, "午后": 12, "下午": 12, "傍晚": 12, "晚上": 12, "今晚": 12, "明晚": 12, "昨晚": 12, "晚": 12,
    "夜里": 12, "夜间": 12, "半夜": 0, "深夜": 0, "午夜": 0,
}  # fmt: skip
_EVENING = ("晚上", "今晚", "明晚", "昨晚", "晚", "夜里", "夜间", "傍晚")
# 12 (or 0) o'clock right after these is midnight: 晚上12点 and 今晚零点 the one that ends the day, 凌晨12点 the one
# that begins it.
_LATE_NIGHT = ("半夜", "深夜", "午夜")  # 深夜11点 is 23:00, 半夜2点 is 02:00
_MIDNIGHT = (*(period for period in _EVENING if period != "傍晚"), *_LATE_NIGHT, "凌晨")

_MAYBE_TIME = re.compile(r"[点时:：日号周天晚午早凌.．/\-节月]|星期|礼拜|元旦|国庆|五一|六一|七一|八一|平安夜|圣诞")
_FULL_DATE = re.compile(r"(20\d\d)\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*[日号]?")
_MONTH_DAY = re.compile(_N + r"\s*月\s*" + _N + r"\s*[日号]?(?![\d楼栋幢单])")
# 12.8, 12/20, 12-16 — not a building's 3-5号楼 or an address's 1-2-301
_DOTTED = re.compile(
    r"(?<![\d.:：\-])(1[0-2]|0?[1-9])\s*(?:[./．]|-(?=\d))\s*([12]\d|3[01]|0?[1-9])(?![\d.:：\-楼栋幢单号])"
)
_NEXT_MONTH = re.compile(r"(下个?月|本月|这个?月)\s*" + r"(\d{1,2}|[零一二两三四五六七八九十]{1,3})\s*[日号]")
_DAY_ONLY = re.compile(r"(?<![月\d])" + _N + r"\s*[日号](?![楼栋幢单院])")
_WEEKDAY = re.compile(r"(下下个?|下个?|这个?|本|上个?)?\s*(?:周|星期|礼拜)([一二三四五六日天末])")
_RELATIVE = re.compile("|".join(sorted(_RELATIVE_DAYS, key=len, reverse=True)))
_HOLIDAY = re.compile("|".join(sorted(_HOLIDAYS, key=len, reverse=True)))
_PERIOD = re.compile("|".join(sorted(_PERIODS, key=len, reverse=True)))
_CLOCK = re.compile(r"(?<![\d.])([01]?\d|2[0-3])\s*[:：]\s*([0-5]\d)(?!\d)")
# 8点30分, 八点半, 三点一刻 — but not the 3 of 八点 3号楼
_HOUR = re.compile(
    _N + r"\s*[点时](?:\s*(半|一刻|三刻|(\d{1,2}|[零一二三四五六七八九十]{1,3})(?:\s*分|(?![\d号楼栋幢单室层]))))?"
)


@dataclass(frozen=True)
class TimeReading:
    """What a text says of when. `moment` is None when it names no day and no time of day, or (with
    `problem`) when what it names cannot be a meeting's start."""

    moment: datetime | None
    spans: tuple[tuple[int, int], ...] = ()  # where in the text the day and the time were written
    has_clock: bool = False  # an hour was written (明天下午 alone names none)
    problem: str | None = None  # "past": a day or time that has gone; "no_date": a day that does not exist

    @property
    def unusable(self) -> str | None:
        """Why no meeting can start at it (past, no_date, no_time, no_clock), or None if one can."""
        if self.problem is not None:
            return self.problem
        if self.moment is None:
            return "no_time"
        return None if self.has_clock else "no_clock"


def read_time(text: str, now: datetime) -> TimeReading:
    """When the text says, relative to `now`, preferring the future where it is open."""
    if not _MAYBE_TIME.search(text):
        return TimeReading(None)  # most messages name no time: one cheap search instead of the whole grammar
    now = now.astimezone(LOCAL_TZ)
    day = _day(text, now.date())
    clock = _clock(text)
    if day is None and clock is None:
        return TimeReading(None)
    spans = tuple(s for s in ((day.span if day else None), (clock.span if clock else None)) if s)
    if day is not None and day.date is None:
        return TimeReading(None, spans, clock is not None, "no_date")
    at = clock.time if clock else _period_default(text)
    after_midnight = timedelta(days=1 if clock and clock.past_midnight else 0)
    if day is None:
        moment = datetime.combine(now.date(), at, tzinfo=LOCAL_TZ) + after_midnight
        if moment <= now:
            moment += timedelta(days=1)  # a bare time that has passed today means tomorrow
        return TimeReading(moment, spans, clock is not None)
    moment = datetime.combine(day.date, at, tzinfo=LOCAL_TZ) + after_midnight
    if moment <= now and day.open_ended:
        moment += timedelta(days=7)  # 周三 said on a Wednesday after the hour: next week's
    if moment <= now:
        return TimeReading(moment, spans, clock is not None, "past")
    return TimeReading(moment, spans, clock is not None)


def parse_when(text: str, now: datetime) -> datetime | None:
    """The moment the text names, or None when it names none (or only one that has passed)."""
    reading = read_time(text, now)
    return reading.moment if reading.problem is None else None


@dataclass(frozen=True)
class _Day:
    date: date | None  # None: written, but no such day (2月30日)
    span: tuple[int, int]
    open_ended: bool = False  # a bare weekday: this week's or, once gone, next week's


@dataclass(frozen=True)
class _Clock:
    time: time
    span: tuple[int, int]
    past_midnight: bool = False  # 周五晚上12点 is the midnight that ends Friday: 00:00 on Saturday


def _day(text: str, today: date) -> _Day | None:
    if match := _FULL_DATE.search(text):
        return _Day(_date(int(match[1]), int(match[2]), int(match[3])), match.span())
    if match := _MONTH_DAY.search(text):
        return _Day(_nearest(today, to_int(match[1]), to_int(match[2])), match.span())
    if match := _WEEKDAY.search(text):
        prefix = (match[1] or "").rstrip("个")
        return _Day(_weekday(today, prefix, _WEEKDAYS[match[2]]), match.span(), open_ended=not prefix)
    if match := _RELATIVE.search(text):
        return _Day(today + timedelta(days=_RELATIVE_DAYS[match[0]]), match.span())
    if match := _HOLIDAY.search(text):
        return _Day(_nearest(today, *_HOLIDAYS[match[0]]), match.span())
    if match := _NEXT_MONTH.search(text):
        month = today.month + (0 if match[1][0] in "本这" else 1)
        year, month = today.year + (month - 1) // 12, (month - 1) % 12 + 1
        return _Day(_date(year, month, to_int(match[2])), match.span())
    if match := _DOTTED.search(text):
        return _Day(_nearest(today, int(match[1]), int(match[2])), match.span())
    if match := _DAY_ONLY.search(text):
        day = to_int(match[1])
        month = today.month if day and day >= today.day else today.month % 12 + 1
        year = today.year + (1 if month < today.month else 0)
        return _Day(_date(year, month, day), match.span())
    return None


def _date(year: int, month: int | None, day: int | None) -> date | None:
    try:
        return date(year, month or 0, day or 0)
    except ValueError:
        return None


def _nearest(today: date, month: int | None, day: int | None) -> date | None:
    """This year's or next year's, whichever is nearer today: 1月5日 in December is next year's, 12月1日 on
    2 December is yesterday (and so in the past), not a year on."""
    candidates = [d for d in (_date(today.year, month, day), _date(today.year + 1, month, day)) if d]
    return min(candidates, key=lambda d: abs((d - today).days)) if candidates else None


def _weekday(today: date, prefix: str, weekday: int) -> date:
    monday = today - timedelta(days=today.weekday())
    weeks = {"这": 0, "本": 0, "下": 1, "下下": 2, "上": -1}.get(prefix)
    if weeks is not None:
        return monday + timedelta(days=7 * weeks + weekday)
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def _clock(text: str) -> _Clock | None:
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
    before = text[: match.start()]
    period = _period_before(before)
    attached = period is not None and not before[period.end() :].strip()  # 下午3点, not 晚上好 明天12点
    hour = _with_period(period, hour, attached)
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    start = period.start() if attached else match.start()  # 下午3点 is one phrase: its span covers 下午 too
    return _Clock(time(hour % 24, minute), (start, match.end()), past_midnight=hour == 24)


def _minutes(fraction: str | None, number: str | None) -> int | None:
    if not fraction:
        return 0
    if fraction == "半":
        return 30
    if fraction in ("一刻", "三刻"):
        return 15 if fraction == "一刻" else 45
    return to_int(number) if number else 0


_LOOKBACK = 8  # a period this close before the hour is its period (明天下午 社区 3点 too), one further is not


def _period_before(before: str) -> re.Match | None:
    start = max(0, len(before) - _LOOKBACK)
    periods = list(_PERIOD.finditer(before, start))
    return periods[-1] if periods else None


def _with_period(period: re.Match | None, hour: int, attached: bool) -> int:
    """下午3点 is 15:00; 中午12点 is noon; 中午1点 is 13:00; 晚上12点 and 今晚零点 are 24 (the midnight that ends the
    day) and 凌晨12点 is 0, but only said as one phrase: in 大家晚上好 明天12点开会 the 12 is noon. With no period, 1 to
    7 o'clock is the afternoon or evening (三点开会, 7点在活动室): nobody calls residents together before dawn."""
    if period is None:
        return hour + 12 if 1 <= hour <= 7 else hour
    name = period[0]
    if attached and hour in (0, 12) and name in _MIDNIGHT:
        return 0 if name == "凌晨" else 24
    if name in _LATE_NIGHT:
        return hour + 12 if 8 <= hour < 12 else hour
    offset = _PERIODS[name]
    if offset and 1 <= hour < 12:
        return hour + offset
    return hour


def _period_default(text: str) -> time:
    period = _PERIOD.search(text)
    if period is None:
        return time(9, 0)
    if period[0] in _EVENING:
        return time(19, 0)
    return time(15, 0) if _PERIODS[period[0]] else time(9, 0)
