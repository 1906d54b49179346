"""Building, unit and room from residents' ways of writing them: 3号楼, 十二栋, 5幢102室, 1-2-301, 2单元."""

from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

_NUM = r"(\d{1,4}|[零一二两三四五六七八九十百]{1,6})"
_TRIPLE = re.compile(r"(?<![\d.-])(\d{1,3})-(\d{1,2})-(\d{3,4})(?![\d-])")
_BUILDING = re.compile(
    _NUM + r"\s*(?:号楼|号院楼|栋|幢|座|号(?=[东西南北]?边?\s*(?:单元|楼|的|门|前|后|旁|车棚|$))|#楼?)"
)
_UNIT = re.compile(_NUM + r"\s*单元")
_ROOM = re.compile(r"(?<![\d.:-])(\d{3,4})(?:\s*(?:室|房|号房|户))?(?![\d:.年月日号点元块度])")
_ROOM_AFTER = re.compile(r"(?:单元|栋|幢|号楼)\s*(\d{3,4})(?!\d)")


@dataclass(frozen=True)
class Place:
    building: int | None = None
    unit: int | None = None
    room: str | None = None


def to_int(span: str) -> int | None:
    """Digits or Chinese numerals (十二, 两) to an int; only the captured span goes to cn2an."""
    if span.isdigit():
        return int(span)
    try:
        value = cn2an.cn2an(span, "smart")
    except (ValueError, KeyError, IndexError):
        return None
    return int(value) if value == int(value) else None


def find_place(text: str) -> Place:
    triple = _TRIPLE.search(text)
    if triple:
        return Place(int(triple[1]), int(triple[2]), triple[3])
    building = _first_number(_BUILDING, text)
    unit = _first_number(_UNIT, text)
    room = _room(text) if building is not None or unit is not None else None
    if building is not None and not 0 < building < 1000:
        building = None
    if unit is not None and not 0 < unit < 100:
        unit = None
    return Place(building, unit, room)


def without_places(text: str) -> str:
    """The text with its building, unit and room taken out (what else it says, besides where)."""
    for pattern in (_TRIPLE, _BUILDING, _UNIT, _ROOM_AFTER):
        text = pattern.sub(" ", text)
    return text


def _first_number(pattern: re.Pattern, text: str) -> int | None:
    match = pattern.search(text)
    return to_int(match[1]) if match else None


def _room(text: str) -> str | None:
    match = _ROOM_AFTER.search(text) or _ROOM.search(text)
    return match[1] if match else None
