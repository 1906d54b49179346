"""Factories for tests that drive a feature without a server (after python-telegram-bot's tests/auxil/
build_messages.py): inbound messages with sensible defaults, the demo roster as a snapshot, a fixed clock, and
`Chat`, the bot's own dispatcher over a test database, which answers what the bot said to whom."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from bot.clock import LOCAL_TZ, FixedClock
from bot.config import Settings
from bot.messages import Inbound
from bot.wiring import build_services
from storage.database import Database
from storage.models import Conversation, OutboxMessage
from storage.roster_view import RosterView

START = datetime(2026, 11, 23, 9, 0, tzinfo=LOCAL_TZ)  # a Monday morning in Jinan
_ids = itertools.count(1)


def fixed_clock(at: datetime = START) -> FixedClock:
    return FixedClock(at)


def inbound(
    text: str = "",
    *,
    chat: str | None = "g_tx1",
    user: str = "r_a",
    name: str = "阿",
    platform: str = "webchat",
    button: str | None = None,
    mentions_bot: bool = False,
    message_id: str | None = None,
) -> Inbound:
    """A message (or, with `button`, a tap) from `user`; `chat=None` makes it private."""
    return Inbound(
        platform=platform,
        message_id=message_id or f"test-{next(_ids)}",
        chat=chat or "",
        is_group=chat is not None,
        user=user,
        name=name,
        text=text,
        button_data=button,
        mentions_bot=mentions_bot,
    )


def roster_of(engine) -> RosterView:
    """The roster snapshot of a test database (the demo roster)."""
    with Database(engine).unit() as store:
        return store.roster()


@dataclass
class Said:
    """What the bot said in answer to one message: (chat, text) for the web chat, which delivers at once, and
    the rows queued for other platforms."""

    lines: list[tuple[str, str]] = field(default_factory=list)
    buttons: list[str] = field(default_factory=list)
    duplicate: bool = False
    taken: bool = True
    tap_answer: str | None = None  # why a tap was turned down, shown on the tap itself
    spent: bool = False  # the tap used its message's buttons up
    chosen_instead: str | None = None  # a button now the choice on an earlier message (a rating given in words)

    def to(self, chat: str) -> list[str]:
        return [text for where, text in self.lines if where == chat]

    def __contains__(self, words: str) -> bool:
        return any(words in text for _, text in self.lines)


class Chat:
    """The bot's dispatcher over a test database, driven message by message on this thread (no server, no
    event loop): `chat.send(inbound(...))` → what it said. Move `chat.clock` to step time."""

    def __init__(self, engine, clock: FixedClock | None = None, settings: Settings | None = None, **wiring) -> None:
        self.clock = clock or fixed_clock()
        self.services = build_services(settings or Settings(), engine, self.clock, **wiring)
        self.engine = engine

    def send(self, message: Inbound) -> Said:
        handled = self.services.dispatcher.handle(message, analysis=self.services.dispatcher.read(message))
        for follow_up in handled.after_commit:
            follow_up()
        said = Said(
            duplicate=handled.duplicate,
            taken=handled.taken,
            tap_answer=handled.tap_answer,
            spent=handled.spent,
            chosen_instead=handled.chosen_instead,
        )
        for line in handled.delivered:
            said.lines.append((line["chat"], line["text"]))
            said.buttons += [b["data"] for b in line["buttons"]]
        return said

    def waiting_question(self, chat: str, person: str) -> str | None:
        """The question the bot is waiting to have answered there, if any (by name)."""
        with Session(self.engine) as session:
            query = select(Conversation.state).where(Conversation.chat == chat, Conversation.person_id == person)
            return session.exec(query).first()

    def queued(self, platform: str) -> list[OutboxMessage]:
        with Session(self.engine) as session:
            return list(session.exec(select(OutboxMessage).where(OutboxMessage.platform == platform)))

    def close(self) -> None:
        self.services.close()


def many_groups_roster(groups: int, *, telegram: bool = True, per_grid: int = 100) -> str:
    """A roster YAML of one community with `groups` resident groups, `per_grid` to a grid (each grid with its
    own worker): a city district's worth of groups for campaigns' tests and bench. Group i is g_<i>, with web
    chat id g_<i> and, with `telegram`, Telegram id -1002000000000 - i."""
    grids = (groups + per_grid - 1) // per_grid
    lines = [
        "street:",
        "  name: 压测街道",
        "  admins:",
        "    - {id: s_admin, name: 街道管理员, accounts: {webchat: s_admin}}",
        "communities:",
        "  - name: 压测社区",
        "    admins:",
        "      - {id: c_admin, name: 社区书记, accounts: {webchat: c_admin}}",
        "    compounds:",
        f'      - {{name: 压测花园, buildings: "1-{grids}"}}',
        "    grids:",
    ]
    for grid in range(1, grids + 1):
        lines.append(
            f'      - {{name: 压测网格{grid}, buildings: {{压测花园: "{grid}"}}, '
            f"workers: [{{id: w_{grid}, name: 网格员{grid}号, role: full_time, accounts: {{webchat: w_{grid}}}}}]}}"
        )
    lines.append("    groups:")
    for i in range(1, groups + 1):
        accounts = f"webchat: g_{i}" + (f", telegram: {-1002000000000 - i}" if telegram else "")
        tags = "[老旧小区]" if i % 3 == 0 else "[]"
        lines.append(
            f"      - {{id: g_{i}, name: 压测{i}号群, grid: 压测网格{(i - 1) // per_grid + 1}, "
            f"tags: {tags}, accounts: {{{accounts}}}}}"
        )
    return "\n".join(lines) + "\n"
