"""Command words: Chinese first, English aliases, ticket numbers written N or #N."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    "帮助": "help",
    "/help": "help",
    "/start": "help",
}
_COMMAND = re.compile(r"^\s*(" + "|".join(sorted(map(re.escape, COMMANDS), key=len, reverse=True)) + r")(?![A-Za-z])")
_NUMBER = re.compile(r"^\s*[#＃]?\s*(\d{1,9})(?!\d)\s*[，,:：]?\s*")


@dataclass(frozen=True)
class Command:
    name: str
    number: int | None
    rest: str


def parse_command(text: str) -> Command | None:
    """'接单 #12' → Command('accept', 12, ''); '进度 12 已联系物业' → rest '已联系物业'."""
    match = _COMMAND.match(text)
    if not match:
        return None
    tail = text[match.end() :]
    number_match = _NUMBER.match(tail)
    if number_match:
        return Command(COMMANDS[match[1]], int(number_match[1]), tail[number_match.end() :].strip())
    return Command(COMMANDS[match[1]], None, tail.strip())
