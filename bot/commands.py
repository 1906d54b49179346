"""Command words: Chinese first, English aliases, ticket numbers written N or #N.

Each feature declares its own words (word → command name, in its texts); the dispatcher builds one parser
from all of them, so a message is read as a command at most once, whichever feature takes it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from bot.numbers import parse_number

_NUMBER = re.compile(r"^\s*#?\s*([0-9]+)(?![A-Za-z0-9.])\s*[,:，：]?\s*", re.ASCII)


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
        """'接单 #12' → Command('accept', 12, ''); '进度 12 已联系物业' → rest '已联系物业'."""
        if self._command is None or not text:
            return None
        text = unicodedata.normalize("NFKC", text)  # ＃１２ and full-width spaces are written too
        match = self._command.match(text)
        if not match:
            return None
        name, tail = self.words[match[1]], text[match.end() :]
        number_match = _NUMBER.match(tail)
        if number_match is None:
            return Command(name, None, tail.strip())
        rest = tail[number_match.end() :].strip()
        return Command(name, parse_number(number_match[1]), rest, number_match[1])
