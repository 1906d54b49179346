"""Command words: Chinese first, English aliases, ticket numbers written N or #N."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.numbers import parse_number

COMMANDS = {
    "接单": "accept",
    "/accept": "accept",
    "进度": "progress",
    "/update": "progress",
    "/progress": "progress",
    "办结": "resolve",
    "/resolve": "resolve",
    "转派": "transfer",
    "/transfer": "transfer",
    "我的工单": "mine",
    "/mine": "mine",
    "查询": "query",
    "我的报事": "query",
    "/query": "query",
    "/status": "query",
    "绑定": "bind",
    "/bind": "bind",
    "帮助": "help",
    "/help": "help",
    "/start": "help",
}
_COMMAND = re.compile(r"^\s*(" + "|".join(sorted(map(re.escape, COMMANDS), key=len, reverse=True)) + r")(?![A-Za-z])")
_NUMBER = re.compile(r"^\s*#?\s*([0-9]+)(?![A-Za-z0-9.])\s*[,:，：]?\s*", re.ASCII)


@dataclass(frozen=True)
class Command:
    name: str
    number: int | None
    rest: str
    written_number: str | None = None  # digits as written, kept when they are no valid ticket number


def parse_command(text: str) -> Command | None:
    """'接单 #12' → Command('accept', 12, ''); '进度 12 已联系物业' → rest '已联系物业'."""
    text = unicodedata.normalize("NFKC", text)  # ＃１２ and full-width spaces are written too
    match = _COMMAND.match(text)
    if not match:
        return None
    name, tail = COMMANDS[match[1]], text[match.end() :]
    number_match = _NUMBER.match(tail)
    if number_match is None:
        return Command(name, None, tail.strip())
    rest = tail[number_match.end() :].strip()
    return Command(name, parse_number(number_match[1]), rest, number_match[1])
