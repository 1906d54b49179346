"""Command words: Chinese first, English aliases, ticket numbers written N or #N.

Each feature declares its own words (word → command name, in its texts); the dispatcher builds one parser
from all of them, so a message is read as a command at most once, whichever feature takes it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from bot.numbers import CHINESE_NUMERALS, parse_number, parse_spoken_number

_NUMBER = re.compile(r"\s*#?\s*([0-9]+)(?![A-Za-z0-9.])\s*[,:，：]?\s*", re.ASCII)
# Voice input writes the number in words (办结十二 已修好, 接单 三, 接单一号, 接单 第一单): only where the numerals
# stand alone or as a ticket's (号, 单), not in 三天后 or 十二号楼
_SPOKEN_NUMBER = re.compile(
    rf"\s*#?\s*(?:第\s*([{CHINESE_NUMERALS}]{{1,7}})\s*(?:号单子?|号|单子?)?"  # 第一单: never a count
    # (not 办结两单: a count)
    rf"|([{CHINESE_NUMERALS}]{{1,7}})\s*(?:号单子?|号(?!\s*(?:[楼栋幢院室房门床]|单元)))?)"
    r"(?=\s|[,:，：。]|$)\s*[,:，：]?\s*"
)


@dataclass(frozen=True)
class Command:
    name: str
    number: int | None
    rest: str
    written_number: str | None = None  # digits as written, kept when they are no valid ticket number


class CommandParser:
    def __init__(self, words: Mapping[str, str]) -> None:
        """`words`: what people write (接单, /accept) → the command's name (accept)."""
        self.words = dict(words)
        alternatives = "|".join(sorted(map(re.escape, self.words), key=len, reverse=True))
        self._command = re.compile(rf"^\s*({alternatives})(?![A-Za-z])") if self.words else None

    def parse(self, text: str) -> Command | None:
        """'接单 #12' → Command('accept', 12, ''); '进度 12 已联系物业，明天修' → rest '已联系物业，明天修'.

        The command and its number are read folded (＃１２ and full-width spaces are written too); the rest
        is kept as written, since it is what the reporter will read."""
        if self._command is None or not text:
            return None
        folded = unicodedata.normalize("NFKC", text)
        match = self._command.match(folded)
        if not match:
            return None
        name, head = self.words[match[1]], match.end()
        number_match = _NUMBER.match(folded, head)
        if number_match is not None:
            rest = after_folded(text, number_match.end()).strip()
            return Command(name, parse_number(number_match[1]), rest, number_match[1])
        spoken = _SPOKEN_NUMBER.match(folded, head)
        written = spoken and (spoken[1] or spoken[2])
        if written and (number := parse_spoken_number(written)) is not None:
            return Command(name, number, after_folded(text, spoken.end()).strip(), written)
        return Command(name, None, after_folded(text, head).strip())


def after_folded(text: str, folded_length: int) -> str:
    """What follows the first `folded_length` characters of NFKC(text), in the text as written."""
    for cut in range(len(text) + 1):
        if len(unicodedata.normalize("NFKC", text[:cut])) >= folded_length:
            return text[cut:]
    return ""
