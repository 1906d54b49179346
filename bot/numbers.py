"""Ticket numbers and sequence numbers as people and clients write them: 12, #12, ＃１２.

One parser for commands, buttons and the API, so that ², Arabic-Indic digits or 10²⁰ are refused the same
way everywhere instead of reaching the database.
"""

from __future__ import annotations

import re
import unicodedata

import cn2an

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
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError):
        return None
    return int(value) if value == int(value) and 1 <= value <= MAX_ID else None
