"""Reads a resident's message: intent, category, place, urgency and compound.

This is the first, rule-based analyzer: high-precision keywords and place patterns. It is built once at
start-up and is cheap per message (chatter takes the fast path out).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from bot.nlp import keywords as kw
from bot.nlp.normalize import normalise
from bot.nlp.places import find_place

_GUESTS = re.compile(r"\+\s*(\d{1,2})")
_HAS_CJK_OR_DIGIT = re.compile(r"[\u4e00-\u9fff0-9]")
_PLACEHOLDER = re.compile(r"^\[(?:图片|语音|视频|表情|文件|动画表情|链接)\]$")


@dataclass(frozen=True)
class Analysis:
    intent: str
    category: str | None = None
    building: int | None = None
    unit: int | None = None
    room: str | None = None
    urgent: bool = False
    compound: str | None = None
    explicit: bool = False
    guests: int = 0
    when: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


CHATTER = Analysis(intent="chatter")


class Analyzer:
    def __init__(self, compounds: dict[str, list[str]] | None = None, bot_names: tuple[str, ...] = ()) -> None:
        # Longest alias first, so 同鑫小区 is found before 同鑫.
        self._compound_names = sorted(
            ((alias, name) for name, aliases in (compounds or {}).items() for alias in [name, *aliases]),
            key=lambda pair: -len(pair[0]),
        )
        self._mentions = tuple(f"@{name}" for name in bot_names)

    def analyze(self, raw: str, as_report: bool = False) -> Analysis:
        """`as_report`: the person has already said it is a report (a button, an @-mention): read it as one."""
        text = normalise(raw or "")
        if not as_report and (not text or not _HAS_CJK_OR_DIGIT.search(text) or _PLACEHOLDER.match(text)):
            return CHATTER
        if not as_report and any(w in text for w in kw.QUERY_FIRST):
            return Analysis(intent="query")
        explicit = as_report or self.is_explicit(text)
        category = self._category(text)
        if not explicit:
            quick = self._rsvp_or_query(text, has_category=category is not None)
            if quick:
                return quick
        looks_like_complaint = category is not None and (explicit or self._is_problem(text))
        if not explicit and not looks_like_complaint:
            return CHATTER
        place = find_place(text)
        return Analysis(
            intent="complaint",
            category=category or "other",
            building=place.building,
            unit=place.unit,
            room=place.room,
            urgent=any(word in text for word in kw.URGENT_WORDS),
            compound=self.compound_in(text),
            explicit=explicit,
        )

    def is_explicit(self, text: str) -> bool:
        """A report trigger at the start (报事 …, #投诉 …, /report …) or the bot @-mentioned anywhere.

        Only at the start: "我不是要投诉啊" and "打12345投诉热线" are not reports."""
        return bool(kw.TRIGGER.match(text)) or any(m in text for m in self._mentions)

    def strip_trigger(self, text: str) -> str:
        """What is left of a report once its trigger and the bot's name are taken off."""
        for mention in self._mentions:
            text = text.replace(mention, " ")
        return kw.TRIGGER.sub("", normalise(text), count=1).strip()

    def compound_in(self, text: str) -> str | None:
        return next((name for alias, name in self._compound_names if alias in text), None)

    def _rsvp_or_query(self, text: str, has_category: bool) -> Analysis | None:
        short = len(text) <= 24 and not has_category
        if short and any(w in text for w in kw.RSVP_NO):
            return Analysis(intent="rsvp_no")
        if short and any(w in text for w in kw.RSVP_MAYBE):
            return Analysis(intent="rsvp_maybe")
        if short and any(w in text for w in kw.RSVP_YES):
            guests = _GUESTS.search(text)
            return Analysis(intent="rsvp_yes", guests=int(guests[1]) if guests else 0)
        if any(w in text for w in kw.QUERY_PATTERNS) and len(text) <= 40:
            return Analysis(intent="query")
        return None

    def _category(self, text: str) -> str | None:
        for word, category in kw.DECISIVE_WORDS.items():
            if word in text:
                return category
        best, best_score = None, 0
        for category, words in kw.CATEGORY_WORDS.items():
            score = sum(len(w) for w in words if w in text)
            if score > best_score:
                best, best_score = category, score
        return best

    def _is_problem(self, text: str) -> bool:
        if any(mark in text for mark in kw.CHATTER_MARKS):
            return False
        if any(word in text for word in kw.PROBLEM_WORDS):
            return True
        return any(w in text for words in kw.CATEGORY_WORDS.values() for w in words if w not in kw.NEUTRAL_WORDS)
