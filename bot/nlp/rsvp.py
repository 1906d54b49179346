"""Answers to a meeting: 参加 / 不参加 / 待定, guests ("+2", "带两个人"), and 接龙 lines.

Negatives are checked before positives: 参加不了 and 不参加 both contain 参加.
"""

from __future__ import annotations

import re

from bot.nlp.places import to_int

RSVP_NO = (
    "不参加",
    "不报名",
    "就不去",
    "去不去不了",
    "参加不了",
    "来不了",
    "去不了",
    "到不了",
    "赶不上",
    "请假",
    "请个假",
    "没空",
    "没时间",
    "缺席",
    "去不成",
    "来不成",
)
RSVP_MAYBE = (
    "待定",
    "不一定",
    "说不定",
    "不好说",
    "有时间就",
    "有空就",
    "看看安排",
    "再看看",
    "不确定",
    "说不准",
    "说不好",
    "可能去",
    "可能来",
    "可能参加",
    "看情况",
    "尽量",
    "争取",
    "再说",
    "到时候看",
    "看时间",
)
RSVP_YES = (
    "参加",
    "报名",
    "准时到",
    "一定到",
    "按时到",
    "我去",
    "我来",
    "算我一个",
    "算上我",
    "接龙",
    "到场",
    "出席",
    "+1",
    "准时参加",
)

_PLUS = re.compile(r"\+\s*(\d{1,2})(?!\d)")
_BRING = re.compile(
    r"(?:带|加|再来|还有)\s*(\d{1,2}|[一二两三四五六七八九十])\s*(?:个|位|口)?\s*(?:人|家属|朋友|孩子|邻居)"
)
_SOLITAIRE = re.compile(r"^\s*\d{1,3}\s*[.、．)]\s*")  # 接龙 lines: "3. 5号楼王芳 参加"
MAX_RSVP_LENGTH = 30
# An organiser's announcement ("明晚7点开会，请大家准时参加") names the same words but answers nothing.
ANNOUNCING = ("开会", "召开", "通知", "请大家", "欢迎", "大家准时", "各位")


def _any_of(words: tuple[str, ...]) -> re.Pattern:
    """One search for "does any of these words occur": every message is asked, and a loop of `in` tests cost
    a tenth of reading a message."""
    return re.compile("|".join(map(re.escape, words)))


_SAYS_NO, _SAYS_MAYBE, _SAYS_YES = _any_of(RSVP_NO), _any_of(RSVP_MAYBE), _any_of(RSVP_YES)
_ANNOUNCES = _any_of(ANNOUNCING)


def rsvp_intent(text: str) -> str | None:
    """rsvp_no / rsvp_maybe / rsvp_yes for a short answer, else None."""
    body = _SOLITAIRE.sub("", text)
    if len(body) > MAX_RSVP_LENGTH or announces(body):
        return None
    if _SAYS_NO.search(body):
        return "rsvp_no"
    if _SAYS_MAYBE.search(body):
        return "rsvp_maybe"
    if _SAYS_YES.search(body) or _SOLITAIRE.match(text):
        return "rsvp_yes"
    return None


def announces(text: str) -> bool:
    return _ANNOUNCES.search(text) is not None


def guests(text: str) -> int:
    """People coming besides the one answering: "+2", "带两个人", "再来1位"."""
    if match := _PLUS.search(text):
        return int(match[1])
    if match := _BRING.search(text):
        return to_int(match[1]) or 0
    return 0
