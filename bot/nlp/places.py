"""Building, unit and room from residents' ways of writing them: 3号楼, 十二栋, 5幢102室, 1-2-301, 2单元, and
the way rooms are said aloud, digit by digit (五零二, 幺零一, 一七零二), which voice input writes in characters."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.numbers import chinese_numeral_value

_NUM = r"(\d{1,4}|[零〇一幺二两三四五六七八九十百壹贰叁肆伍陆柒捌玖]{1,6})"  # not 拾: 收拾单元门口
# Not a numbered building or unit: 这一栋, 同一单元, 每一座 (one, "this", "the same"), 两座楼 (a count).
_NOT_A_NUMBER = r"(?:(?<![这那哪每整同])|(?!一))(?!两(?:号楼|栋|座|幢|个单元|单元))"
_TRIPLE = re.compile(r"(?<![\d.-])(\d{1,3})-(\d{1,2})-(\d{3,4})(?![\d-])")
_BUILDING = re.compile(
    _NOT_A_NUMBER  # 这一栋楼 is "this building", not building 1 (咱这三号楼 is building 3)
    + _NUM
    + r"\s*(?:号楼|号院楼|栋|幢|座|号(?=[东西南北]?边?\s*(?:单元|楼|的|门口|前|后|旁|车棚|$))|#楼?)"
)
# Two buildings or a range (二号楼跟三号楼中间, 一号到八号楼, 3-6号楼): no one building is the place.
_SEVERAL = re.compile(
    r"(?<![周期拜月第])" + _NUM + r"\s*(?:号楼?|栋|幢)?\s*(?:到|至|和|跟|与|、|-|~)\s*" + _NUM + r"\s*(?:号楼|栋|幢)"
)
# Unit and room after a building, as 5号楼2-301 or 5#2-301; and 3栋2门, the north's word for a unit (not 2门口).
_AFTER_BUILDING = r"(?:(?<=号楼)|(?<=栋)|(?<=幢)|(?<=#))\s*"
_UNIT_ROOM = re.compile(_AFTER_BUILDING + r"(\d{1,2})-(\d{3,4})(?![\d-])")
_DOOR_UNIT = re.compile(_AFTER_BUILDING + r"(\d{1,2}|[一二三四五六七八九十])\s*门(?![口卫禁前外里上边面把铃缝框锁头])")
# Building and unit as 1-2单元 or 4-2的电梯 (not 6-7的时候, 60-70的老人: only before a unit's own places).
_PAIR = re.compile(r"(?<![\d.:-])(\d{1,2})-(\d{1,2})(?=\s*(?:单元|(?:的)?(?:单元门|门口|电梯|楼道)))")
_UNIT = re.compile(_NOT_A_NUMBER + _NUM + r"\s*单元")
_ROOM = re.compile(r"(?<![\d.:-])(\d{3,4})(?:\s*(?:室|房|号房|户))?(?![\d:.年月日号点元块度])")
_ROOM_AFTER = re.compile(r"(?:单元|栋|幢|号楼)\s*(\d{3,4})(?!\d)")
# A room said digit by digit: three or four digit characters with a 零 or 幺 among them (五零二, 幺幺零三), which
# no count or date is (三十, 一九九零年 is followed by 年), or any three or four before 室/户 (五一二室).
_SPOKEN = "零〇一幺二三四五六七八九"  # not 两: 六零一两口子 is 601 and a couple
_SPOKEN_ROOM = re.compile(
    rf"(?<![{_SPOKEN}十百千万第])([{_SPOKEN}]{{3,4}})(?![{_SPOKEN}十百千万年月日号点块元度斤米岁分个天次遍楼层后路届级])"
)
_SPOKEN_DIGIT = str.maketrans(_SPOKEN, "001123456789")
_SPOKEN_MARKS = frozenset("零〇幺")  # a run of digit characters with one of these is a number said digit by digit
# Telephone numbers are no rooms (打119, 120进不来), unless the text says 室 or 房.
_HOTLINES = frozenset({"110", "119", "120", "122", "12345", "96110"})


@dataclass(frozen=True)
class Place:
    building: int | None = None
    unit: int | None = None
    room: str | None = None


def to_int(span: str) -> int | None:
    """Digits or Chinese numerals (十二, 两, 幺零二) to an int."""
    return int(span) if span.isdigit() else chinese_numeral_value(span)


# A place taken back and said again: the place meant is the one after the last such words, when they name one.
# In any message only words that can mean nothing else (说错了 是6栋, 15号楼 哦不对 是5号楼, 不是三号楼 是十三号楼):
# 不对劲, 味道不对 and a rhetorical 不是…吗 or 不是我说 sit beside places in ordinary complaints.
TAKEN_BACK = (
    r"说错|讲错|打错|写错|记错|记岔|搞错|弄错|整错|搞混|口误|更正|纠正|重新说|地址有误|没说清楚?|是错的|瞎说|其实是|(?:楼号|地址|位置|说的|讲的)不对|[哦噢啊呃嗯]\s*不对|不对不对"
    # in other mouths (a reviewer's, stop 29): 俺说差了, 说岔了, 看错了, 按错了 (a key), 输错了, 错咧 (Shaanxi)
    r"|说差|说岔劈?|看错|看岔|整岔|弄岔|搞岔|按错|输错|(?<!不)错咧|识别错|(?:我|俺)说的是|地址发错|位置发错|说反了"
    r"|不是[^，。！？,.!?\s]{0,6}?(?:号楼|栋|幢|单元|室|小区|花园|苑)[撒啊呀哈嘛咧]?[，,\s]*(?:而|就)?是"
)
_TAKEN_BACK_ANYWHERE = re.compile(TAKEN_BACK)
_TAKEN_BACK_MARKS = frozenset("错岔混误更纠新清瞎实对不差说")  # each of TAKEN_BACK's words has one of these
# In an answer to "where is it?", a bare 不对, 错了, 不不, or a 不是 said on its own (银山苑啊不是 同鑫花园5号楼) takes
# back the place before it too: the answer is about nothing else.
_TAKEN_BACK_IN_AN_ANSWER = re.compile(
    TAKEN_BACK + r"|不对(?!劲)|错了|是错的|不不|不是(?=[\s，,。.！!、]|$)|应该是|其实是|改一下|改成"
)
# A place said not to be it, in an answer (同鑫花园十五号楼 不是五号楼, 是六号楼不是九号楼, 是十五号楼 俺刚才说成五号楼
# 了): not read at all.
_NOT_THIS_BUILDING = re.compile(
    r"(?:(?<![啊哦噢呃哎诶])不是|说成|写成|打成)" + _NUM + r"\s*(?:号楼|栋|幢|座|单元|室|号)"
)


def correction_at(text: str, answer: bool = False) -> int | None:
    """Where the words after a place taken back start (15号楼 哦不对 是5号楼 → at 是5号楼), if a place is taken
    back; `answer`: the text answers "where is it?"."""
    if not answer and _TAKEN_BACK_MARKS.isdisjoint(text):
        return None  # (as for the place patterns: tried only if a character it cannot match without is there)
    pattern = _TAKEN_BACK_IN_AN_ANSWER if answer else _TAKEN_BACK_ANYWHERE
    taken_back = list(pattern.finditer(text))
    return taken_back[-1].end() if taken_back else None


def says_not_this_building(text: str) -> bool:
    """是15号楼 不是5号楼: a building said not to be it (in an answer to "where is it?")."""
    return _NOT_THIS_BUILDING.search(text) is not None


def find_place(text: str, answer: bool = False) -> Place:
    """The building, unit and room a text names; after words that take a place back, the place said next, in
    what was said before it and not taken back (5号楼2单元 说错了 3单元 is 5号楼3单元). In an answer to "where is
    it?" (`answer`), a place said not to be it is left out."""
    if answer and (denied := list(_NOT_THIS_BUILDING.finditer(text))):
        after = denied[-1].end()  # 5号楼 不是五号楼 是十五号楼: the place said instead, right after
        between = _BEFORE_THE_PLACE_MEANT.match(text[after:])[0]
        if "是" in between and numbered_place_at(text, after + len(between)):
            instead = after + len(between)
            return _find_place(text[instead:])
        text = _NOT_THIS_BUILDING.sub(" ", text)
    plain = _find_place(text)
    if plain.building is None and plain.unit is None and plain.room is None:
        return plain  # (most messages name no place: nothing can have been taken back)
    elsewhere = _beyond_ones_home(text)
    if elsewhere is not None:
        return elsewhere
    start = correction_at(text, answer)
    if start is not None:
        again = _find_place(text[start:])
        if again.building is not None:
            return again
        if again != Place():
            before = _find_place(text[:start])
            unit = again.unit if again.unit is not None else before.unit
            return Place(before.building, unit, again.room)
    return plain


# Where the speaker lives or is (我住5号楼, 俺家是5号楼的, 就在十二号楼), when a building follows.
_HOME = re.compile(r"(?:[我俺咱]们?家?(?:就|也)?(?:住(?:的是|在)?|是|在)|就在|是在|^\s*在)\s*(?=\S)")


def places_oneself(text: str) -> bool:
    """Where the speaker lives or is, with its building right after (我住的是八号楼, 俺家在5号楼, 就在十二号楼); not
    5号楼的快递到了, which names a building but places no one there."""
    return any(_BUILDING.match(text, home.end()) for home in _HOME.finditer(text))


def several_buildings(text: str) -> bool:
    """More than one building named (我住5号楼 但是味道是从6号楼飘过来的)."""
    return len({building[1] for building in _BUILDING.finditer(text)}) > 1


# Where the speaker lives, said before another building: the other is where it is (我住5号楼 隔壁6号楼有煤气味 is at
# 6号楼: a review's, stop 37).


def _beyond_ones_home(text: str) -> Place | None:
    home = _HOME.search(text)
    if home is None:
        return None
    building = _BUILDING.match(text, home.end())
    if building is None:
        return None
    other = _find_place(text[building.end() :])
    return other if other.building is not None else None


def building_right_after(text: str, at: int) -> bool:
    """Whether a building is named right after position `at` (同鑫花园3号楼: the compound the building is in)."""
    return _BUILDING.match(text[at:].lstrip(" 的")) is not None


# What may stand between words that take a place back and the place said instead (说错了 是十五号楼, 不对 就在5号楼).
_BEFORE_THE_PLACE_MEANT = re.compile(
    r"^(?:楼号|地址|位置|字|一下)?[\s，,。.！!、:：了咯啦哈呀啊哦噢嗯呢吧咧撒嘛]*(?:应该|其实)?(?:(?:俺|我)家?)?"
    r"(?:就|是|在|就是|就在|住在?)*\s*"
    r"(?:(?:隔壁|对面|旁边)的?)?"
)
# A message that opens by saying no (不对 是15号楼, 错了 银山苑): a place said before is taken back, at the start of
# a message only (情况不对 15号楼冒烟了 takes nothing back).
_OPENS_WITH_NO = re.compile(r"^\s*(?:[哦噢啊呃嗯哎诶]\s*)?(?:还是)?(?:不对|错了|不不|应该是|其实是)")


def numbered_place_at(text: str, at: int) -> bool:
    """Whether a building or a unit is named at position `at` (说错了 是|十五号楼, 不对 是|三单元)."""
    return _BUILDING.match(text, at) is not None or _UNIT.match(text, at) is not None


def first_taken_back_at(text: str) -> int | None:
    """Where the first words that take a place back start, in a message that may be about anything."""
    first = _TAKEN_BACK_ANYWHERE.search(text) or _OPENS_WITH_NO.match(text)
    return first.start() if first is not None else None


def taken_back_weakly(text: str) -> bool:
    """The words that first take a place back are 其实是 or 应该是, which open many a sentence about something else
    (其实是15号楼的人先闻到的, 应该是15号楼的燃气站管这块吧: a reviewer's, stop 29), or 看错, 按错, 输错, which
    take back as often what was seen or pressed (按错了 15号楼的电梯按钮是好的: a second review's)."""
    said = [m[0] for m in _TAKEN_BACK_ANYWHERE.finditer(text)] or [m[0] for m in [_OPENS_WITH_NO.match(text)] if m]
    return bool(said) and all(words.endswith(_WEAK) for words in said)  # (看错了 不是五号楼 是十五号楼: not weak)


_WEAK = ("其实是", "应该是", "看错", "按错", "输错", "说的是")


def place_meant_at(text: str) -> int | None:
    """Where the place said instead starts, when words take a place back and a place follows them at once (说错了
    是十五号楼 → at 十五号楼, 不对 是银山苑; not 楼道灯坏了 不对 是15号楼的, nor 不是 我是说更大了 十五号楼…): in a
    message that may be about anything, only words that can mean nothing else, or a no it opens with."""
    opening = _OPENS_WITH_NO.match(text)
    start = correction_at(text) or (opening.end() if opening else None)
    if start is None:
        return None
    return start + _BEFORE_THE_PLACE_MEANT.match(text[start:]).end()


def _find_place(text: str) -> Place:
    triple = _TRIPLE.search(text)
    if triple:
        return Place(int(triple[1]), int(triple[2]), triple[3])
    named = _BUILDING.search(text)
    pair = None if named else _PAIR.search(text)
    if pair:
        return Place(int(pair[1]), int(pair[2]), _room(text[pair.end() :]))
    building = to_int(named[1]) if named and not _SEVERAL.search(text) else None
    unit_room = _UNIT_ROOM.search(text)
    if building is not None and unit_room:
        return Place(building, int(unit_room[1]), unit_room[2])
    unit = _first_number(_UNIT, text) or _first_number(_DOOR_UNIT, text)
    # A room alone is read only when it cannot be anything else: said digit by digit, or with 室 (502室, 五零二).
    room = _room(text) if building is not None or unit is not None else _room_alone(text)
    if building is not None and not 0 < building < 1000:
        building = None
    if unit is not None and not 0 < unit < 100:
        unit = None
    return Place(building, unit, room)


# A room in digits said to be someone's home (隔壁602, 住502, 302家, 1201室): a number alone could be anything.
_NAMED_ROOM = re.compile(
    r"(?:隔壁|对门|楼上|楼下|我住|住在|俺住|我是|俺是|我家|俺家)\s*(\d{3,4})(?![\d.:年月日号点块元钱度岁个户人])"
    r"|(?<![\d.:-])(\d{3,4})\s*(?=室|号房|家|门口)"
)


def _room_alone(text: str) -> str | None:
    match = _NAMED_ROOM.search(text)
    room = (match[1] or match[2]) if match else None
    return room if room is not None and not _a_hotline(room, text, match.end()) else _spoken_room(text)


def without_places(text: str) -> str:
    """The text with its building, unit and room taken out (what else it says, besides where). Each pattern is
    tried only if a character it cannot match without is in the text: most messages name no place at all."""
    for pattern, needs in _PLACE_PATTERNS:
        if not needs.isdisjoint(text):
            text = pattern.sub(" ", text)
    return text


_PLACE_PATTERNS = (
    (_TRIPLE, frozenset("-")),
    (_PAIR, frozenset("-")),
    (_UNIT_ROOM, frozenset("-")),
    (_DOOR_UNIT, frozenset("门")),
    (_BUILDING, frozenset("楼栋幢座号#")),
    (_UNIT, frozenset("单")),
    (_ROOM_AFTER, frozenset("单栋幢楼")),
    (_SPOKEN_ROOM, _SPOKEN_MARKS),
)


def _first_number(pattern: re.Pattern, text: str) -> int | None:
    match = pattern.search(text)
    return to_int(match[1]) if match else None


def _room(text: str) -> str | None:
    match = _ROOM_AFTER.search(text) or _ROOM.search(text)
    return match[1] if match and not _a_hotline(match[1], text, match.end(1)) else _spoken_room(text)


def _a_hotline(digits: str, text: str, end: int) -> bool:
    """打119, 120进不来, 楼下110警车来了: a telephone number, unless the text says 室 or 房 after it."""
    return digits in _HOTLINES and not re.match(r"\s*(?:室|房)", text[end:])


def _spoken_room(text: str) -> str | None:
    for match in _SPOKEN_ROOM.finditer(text):
        span, after = match[1], text[match.end(1) :]
        said_as_a_room = re.match(r"\s*(?:室|户|号房)", after) is not None
        if not (said_as_a_room or not _SPOKEN_MARKS.isdisjoint(span)):
            continue
        room = span.translate(_SPOKEN_DIGIT)
        if not said_as_a_room and (_is_a_number_of_another_kind(room, text[: match.start(1)])):
            continue
        return room
    return None


def _is_a_number_of_another_kind(digits: str, before: str) -> bool:
    """A telephone number (幺幺九, 电话是幺三九…), a year (二零一八搬来的) or a piece of either (零零幺二: no room
    starts with 0) said digit by digit."""
    if digits in _HOTLINES or digits.startswith("0") or re.search(r"(?:电话|手机|号码|尾号|打)\S{0,3}$", before):
        return True
    return len(digits) == 4 and digits[:2] in ("19", "20")
