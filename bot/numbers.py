"""Ticket numbers and sequence numbers as people and clients write them: 12, #12, ＃１２.

One parser for commands, buttons and the API, so that ², Arabic-Indic digits or 10²⁰ are refused the same
way everywhere instead of reaching the database.
"""

from __future__ import annotations

import re
import unicodedata

MAX_ID = 2**31 - 1  # the range of the databases' integer keys
_NUMBER = re.compile(r"[#]?\s*([0-9]{1,10})", re.ASCII)


def parse_number(text: str, *, allow_hash: bool = True, minimum: int = 1) -> int | None:
    """The whole of `text` as a number in [minimum, MAX_ID], or None."""
    text = unicodedata.normalize("NFKC", text).strip()
    match = _NUMBER.fullmatch(text)
    if match is None or (not allow_hash and text.startswith("#")):
        return None
    value = int(match[1])
    return value if minimum <= value <= MAX_ID else None


CHINESE_NUMERALS = "零〇一二两三四五六七八九十百千"  # what voice input writes a number with
_SPOKEN = re.compile(f"[{CHINESE_NUMERALS}]{{1,7}}")


def parse_spoken_number(text: str) -> int | None:
    """A number in Chinese numerals (十二, 三十九, 一百零五), as voice input writes a ticket's, or None."""
    if not _SPOKEN.fullmatch(text):
        return None
    value = chinese_numeral_value(text)
    return value if value is not None and 1 <= value <= MAX_ID else None


_DIGIT_VALUES = {
    **dict.fromkeys("零〇", 0),
    **dict.fromkeys("一幺壹", 1),
    **dict.fromkeys("二两贰", 2),
    **dict.fromkeys("三叁", 3),
    **dict.fromkeys("四肆", 4),
    **dict.fromkeys("五伍", 5),
    **dict.fromkeys("六陆", 6),
    **dict.fromkeys("七柒", 7),
    **dict.fromkeys("八捌", 8),
    **dict.fromkeys("九玖", 9),
}
_UNIT_VALUES = {**dict.fromkeys("十拾", 10), **dict.fromkeys("百佰", 100), **dict.fromkeys("千仟", 1000)}


def chinese_numeral_value(text: str) -> int | None:
    """A number under ten thousand in Chinese numerals, or None when `text` is not one: said with units (十二, 三十九,
    一百零五, 两千, and shortened: 两百五 = 250, 一千二 = 1200) or digit by digit (幺零二 = 102, 二零二六), in everyday
    or banker's characters (壹贰叁).

    Written here rather than taken from cn2an, which reads the same (tests/test_numbers.py compares the two on
    every number it writes and on every string of these characters up to five long): cn2an's import took 0.2 s of
    the bot's start-up, an eighth of the issue's 1.5 s, for the few lines below."""
    if not text or any(c not in _DIGIT_VALUES and c not in _UNIT_VALUES for c in text):
        return None
    if all(c in _DIGIT_VALUES for c in text):
        return int("".join(str(_DIGIT_VALUES[c]) for c in text))
    if text[-1] in "零〇":
        return None  # 一百零: a zero stands only between two places
    value, pending, last_unit, after_zero = 0, None, None, False
    for c in text:
        digit, unit = _DIGIT_VALUES.get(c), _UNIT_VALUES.get(c)
        if digit == 0:
            # 一百零五, 一千零一十: a zero stands for a place skipped after 百 or 千, once, and not after a digit
            if not last_unit or last_unit < 100 or after_zero or pending is not None:
                return None
            after_zero = True
        elif digit is not None:
            if pending is not None:
                return None  # 三五十: two digits where one unit follows
            pending = digit
        else:
            # units fall (千 before 百 before 十), by two places after a zero (一千零一十, not 一百零一十)
            if last_unit is not None and (unit >= last_unit or (after_zero and unit * 10 >= last_unit)):
                return None
            if pending is None:
                if unit != 10:
                    return None  # only 十 stands without its digit: 十二, 一百十二 (112, as 一百一十二), not 百二
                pending = 1
            value += pending * unit
            pending, last_unit, after_zero = None, unit, False
    if pending is not None:
        # 两百五 and 一千二 leave the unit below unsaid; 一百零五 and 三十五 say every place
        value += pending * (last_unit // 10 if last_unit and last_unit > 10 and not after_zero else 1)
    return value
