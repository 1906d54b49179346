"""A meeting as an organiser writes it after 发起会议: when, where, what about, how many, which group.

    明天下午3点 社区议事厅 议题：东门停车位改造 限30人
    下周三晚上7点 地点：3号楼架空层 五方汇谈 物业费 群 g_tx1

The time is read by bot.nlp.times (it must name an hour, and lie ahead); 限N人 / 名额N / N人以内 is the
capacity; 议题/主题/内容 introduces the topic and 地点/在 the place. What is left names the place (a word that
ends like one: 议事厅, 活动室, 架空层…) and, failing a 议题, the topic (a kind of meeting, 五方汇谈 or 议事会).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from bot.nlp.places import to_int
from bot.nlp.times import read_time

MAX_TOPIC, MAX_PLACE = 60, 40
# The kinds of meeting a community holds; 五方汇谈 needs every invited party at the table.
KINDS = ("五方汇谈", "三方协调会", "圆桌会议", "议事会", "协调会", "恳谈会", "座谈会", "听证会", "说明会", "业主大会",
         "楼栋会", "居民会议", "党员大会", "联席会议")  # fmt: skip
ALL_PARTIES = ("五方汇谈", "三方协调会")
DEFAULT_TOPIC = "居民议事会"

_CAPACITY = re.compile(
    r"(?:限|限额|限报|名额|人数)\s*[:：]?\s*(\d{1,4}|[一二两三四五六七八九十百]{1,4})\s*(?:人|名|位)?"
    r"|(\d{1,4}|[一二两三四五六七八九十百]{1,4})\s*(?:人|名)以内"
)
_GROUP = re.compile(r"(?:^|\s)群\s*[:：]?\s*(\S+)")
_LABELS = r"议题|主题|内容|事项|地点|地址|会址|限|名额|群"
_TOPIC = re.compile(r"(?:议题|主题|内容|事项)\s*[:：]?\s*(.+?)(?=\s+(?:" + _LABELS + r")|$)")
_PLACE = re.compile(r"(?:地点|地址|会址|在)\s*[:：]?\s*(\S+?)(?=\s|[，,。；;]|$)")
_PLACE_ENDS = re.compile(
    r"(?:厅|室|堂|馆|中心|站|广场|架空层|会议室|办公室|活动室|大厅|门口|楼下|院|亭|长廊|花园|楼|层|居委会|党群服务中心)$"
)
_SEPARATORS = re.compile(r"[\s，,。；;、]+")


@dataclass(frozen=True)
class Announcement:
    starts_at: datetime
    place: str
    topic: str
    capacity: int | None
    group: str | None  # 群 g_tx1: the group it is for, when announced privately
    all_parties: bool  # 五方汇谈: every invited party must come


@dataclass(frozen=True)
class Unreadable:
    """Why no meeting can be made of the text: no_time, no_clock, past, no_date, no_place, bad_capacity."""

    reason: str
    starts_at: datetime | None = None


def read_announcement(text: str, now: datetime) -> Announcement | Unreadable:
    text = text.strip()
    group = _GROUP.search(text)
    rest = _cut(text, [group.span()]) if group else text
    when = read_time(rest, now)
    if when.unusable is not None:
        return Unreadable(when.unusable, when.moment)
    rest = _cut(rest, list(when.spans))
    capacity, rest = _capacity(rest)
    if capacity == 0:
        return Unreadable("bad_capacity")
    topic, rest = _labelled(_TOPIC, rest)
    place, rest = _labelled(_PLACE, rest)
    words = [w for w in _SEPARATORS.split(rest) if w]
    kind = next((k for k in KINDS if k in text), None)
    if place is None:
        place = next((w for w in words if _PLACE_ENDS.search(w) and w not in KINDS), None)
        place = place or next((w for w in words if w not in KINDS and not _is_filler(w)), None)
    if not place:
        return Unreadable("no_place", when.moment)
    if topic is None:
        left = [w for w in words if w != place and w not in KINDS and not _is_filler(w)]
        topic = " ".join(left) if left else None
    topic = _joined(kind, topic) if kind and (not topic or kind not in topic) else topic or DEFAULT_TOPIC
    return Announcement(
        starts_at=when.moment,
        place=place[:MAX_PLACE],
        topic=topic[:MAX_TOPIC],
        capacity=capacity,
        group=group[1] if group else None,
        all_parties=any(k in text for k in ALL_PARTIES),
    )


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the spans blanked out (spans may overlap: 今晚 is a day and the period of 今晚八点)."""
    kept = list(text)
    for start, end in spans:
        kept[start:end] = [" "] * (end - start)
    return "".join(kept)


def _capacity(text: str) -> tuple[int | None, str]:
    match = _CAPACITY.search(text)
    if match is None:
        return None, text
    return to_int(match[1] or match[2]), _cut(text, [match.span()])


_VERB_AFTER_PLACE = re.compile(r"(?:召开|举行|举办|开会|开展|集合).*$")


def _labelled(pattern: re.Pattern, text: str) -> tuple[str | None, str]:
    match = pattern.search(text)
    if match is None:
        return None, text
    value = _VERB_AFTER_PLACE.sub("", match[1]).strip(" :：，,。") if pattern is _PLACE else match[1].strip(" :：，,。")
    return value or None, _cut(text, [match.span()])


_FILLER = re.compile(r"^(?:召开|开会|开|举行|举办|会议|请|大家|准时|参加|欢迎|居民|的|在|于|届时|一个|一次)+$")


def _is_filler(word: str) -> bool:
    return _FILLER.match(word) is not None


def _joined(kind: str, topic: str | None) -> str:
    return f"{kind}：{topic}" if topic else kind
