"""Routers: what each feature answers, declared as filters on its handlers (as aiogram's routers, without
injection by parameter name: every handler takes the one `Context`).

A message is offered to the routes phase by phase, in this order, and the first route whose filters all hold
takes it:

1. EVENT     something the platform did (a group moved to a new id)
2. COMMAND   a command word (接单 12, /help…)
3. BUTTON    a button tap, by its data's prefix
4. REPLY     the answer to a question the bot asked this person in this chat (bot.conversation)
5. TEXT      free text, by what it says (intent) and who says it where
6. FALLBACK  whatever nothing else took

Within a phase, routes are tried in the order of the routers (handlers.features) and then in the order each
router declares them. Observers run before the phases for every message they match, and never take it.
`bot.py routes` prints the combined table.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from bot.dispatch.context import Context

Handler = Callable[["Context"], None]
Predicate = Callable[["Context"], bool]


class Chat:
    """Where a message was said, as bits a route's `chats` combines with |. (Plain ints, not an enum.Flag:
    every message is checked against several routes, and Flag's operators cost more than the check.)"""

    PRIVATE = 1
    GROUP = 2  # a group the roster knows
    UNKNOWN_GROUP = 4  # a group nobody has registered yet
    KNOWN = PRIVATE | GROUP
    ANY = PRIVATE | GROUP | UNKNOWN_GROUP
    NAMES: ClassVar[dict[int, str]] = {PRIVATE: "private", GROUP: "group", UNKNOWN_GROUP: "unknown_group"}


class Phase(IntEnum):
    EVENT = 1
    COMMAND = 2
    BUTTON = 3
    REPLY = 4
    TEXT = 5
    FALLBACK = 6


@dataclass(frozen=True)
class Route:
    feature: str
    phase: Phase
    handler: Handler
    chats: int = Chat.KNOWN
    staff: bool | None = None  # True: staff only; False: residents only
    commands: frozenset[str] = frozenset()
    button_prefix: str | None = None
    button_pattern: re.Pattern | None = None  # the whole data a well-made button of this route carries
    state: str | None = None
    intents: frozenset[str] = frozenset()
    taps: bool | None = None  # FALLBACK: True for button taps only, False for text only
    event: str | None = None
    when: Predicate | None = None

    def accepts(self, ctx: Context) -> bool:
        """Whether its filters hold (the chat kind is checked when the routes are indexed)."""
        if self.staff is not None and ctx.sender.is_staff != self.staff:
            return False
        if self.taps is not None and (ctx.inbound.button_data is not None) != self.taps:
            return False
        if self.intents and ctx.analysis.intent not in self.intents:
            return False
        return self.when is None or self.when(ctx)

    def describe(self) -> str:
        """One line of the route table."""
        filters = [f"chats={'|'.join(name for bit, name in Chat.NAMES.items() if bit & self.chats)}"]
        for name, value in (
            ("event", self.event),
            ("commands", ",".join(sorted(self.commands))),
            ("button", self.button_prefix),
            ("state", self.state),
            ("intents", ",".join(sorted(self.intents))),
        ):
            if value:
                filters.append(f"{name}={value}")
        if self.staff is not None:
            filters.append("staff" if self.staff else "residents")
        if self.taps is not None:
            filters.append("taps" if self.taps else "text")
        if self.when is not None:
            filters.append(f"when={getattr(self.when, '__name__', 'predicate')}")
        name = f"{self.handler.__module__}.{self.handler.__name__}"
        return f"{self.phase.name:<8} {self.feature:<12} {' '.join(filters):<68} → {name}"


class Router:
    """One feature's routes. `commands`: the feature's command words (接单 → accept, /accept → accept)."""

    def __init__(self, name: str, commands: Mapping[str, str] | None = None) -> None:
        self.name = name
        self.commands = dict(commands or {})
        self.routes: list[Route] = []
        self.observers: list[Route] = []

    def _add(self, phase: Phase, **filters) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            self.routes.append(Route(self.name, phase, handler, **filters))
            return handler

        return register

    def observe(self, *, chats: int = Chat.ANY, when: Predicate | None = None):
        """Runs for every message it matches, before the phases, and never takes it."""

        def register(handler: Handler) -> Handler:
            self.observers.append(Route(self.name, Phase.EVENT, handler, chats=chats, when=when))
            return handler

        return register

    def event(self, name: str, *, chats: int = Chat.ANY):
        return self._add(Phase.EVENT, event=name, chats=chats)

    def command(self, *names: str, chats: int = Chat.KNOWN, staff: bool | None = None, when: Predicate | None = None):
        unknown = set(names) - set(self.commands.values())
        if unknown:
            raise ValueError(f"router {self.name}: no words for commands {sorted(unknown)}")
        return self._add(Phase.COMMAND, commands=frozenset(names), chats=chats, staff=staff, when=when)

    def button(self, prefix: str, *, pattern: str | None = None, chats: int = Chat.KNOWN, staff: bool | None = None):
        """`pattern`: what the whole data looks like (rate:12:yes), so a client posting something else can be
        told it is malformed instead of being answered as if it were a stale button."""
        compiled = re.compile(pattern) if pattern else None
        return self._add(Phase.BUTTON, button_prefix=prefix, button_pattern=compiled, chats=chats, staff=staff)

    def reply(self, state: str, *, chats: int = Chat.KNOWN, when: Predicate | None = None):
        return self._add(Phase.REPLY, state=state, chats=chats, when=when)

    def text(
        self,
        *,
        intents: Sequence[str] = (),
        chats: int = Chat.KNOWN,
        staff: bool | None = None,
        when: Predicate | None = None,
    ):
        return self._add(Phase.TEXT, intents=frozenset(intents), chats=chats, staff=staff, when=when)

    def fallback(self, *, chats: int = Chat.KNOWN, taps: bool | None = None):
        return self._add(Phase.FALLBACK, chats=chats, taps=taps)


class Routes:
    """Every feature's routes, combined in one order; `match` finds the route that takes a message."""

    def __init__(self, routers: Sequence[Router]) -> None:
        self.routers = tuple(routers)
        self.command_words: dict[str, str] = {}
        for router in self.routers:
            for word, name in router.commands.items():
                if self.command_words.setdefault(word, name) != name:
                    raise ValueError(f"command word {word!r} means both {self.command_words[word]} and {name}")
        ordered = sorted(
            (route for router in self.routers for route in router.routes), key=lambda route: route.phase
        )  # stable: within a phase, the routers' order and then each router's
        observers = tuple(route for router in self.routers for route in router.observers)
        self._by_phase = {phase: tuple(r for r in ordered if r.phase == phase) for phase in Phase}
        # Indexed by where a message was said, so a route is never even looked at elsewhere.
        self._observers = {where: tuple(r for r in observers if r.chats & where) for where in Chat.NAMES}
        self._phase = {
            (phase, where): tuple(r for r in self._by_phase[phase] if r.chats & where)
            for phase in Phase
            for where in Chat.NAMES
        }
        self._by_command: dict[tuple[str, int], tuple[Route, ...]] = {}
        for where in Chat.NAMES:
            for route in self._phase[(Phase.COMMAND, where)]:
                for name in route.commands:
                    self._by_command[(name, where)] = (*self._by_command.get((name, where), ()), route)
        self.observers = observers
        # Where a question can be waiting: elsewhere, nobody's conversation state needs reading at all.
        self.reply_chats = 0
        for route in self._by_phase[Phase.REPLY]:
            self.reply_chats |= route.chats

    def knows_button(self, data: str) -> bool:
        """Whether some route's buttons carry data like this (a prefix it answers, in the shape it makes)."""
        return any(
            data.startswith(route.button_prefix)
            and (route.button_pattern is None or route.button_pattern.fullmatch(data) is not None)
            for route in self._by_phase[Phase.BUTTON]
        )

    def observe(self, ctx: Context) -> None:
        for route in self._observers[ctx.where]:
            if route.accepts(ctx):
                route.handler(ctx)

    def match(self, ctx: Context) -> Route | None:
        return next((route for route in self._candidates(ctx) if route.accepts(ctx)), None)

    def _candidates(self, ctx: Context) -> Iterator[Route]:
        """The routes that could take this message, in order; lazily, so that a message taken by a command is
        never read for its intent, and conversation state is read only where a question can be waiting."""
        inbound, where, phase = ctx.inbound, ctx.where, self._phase
        if inbound.moved_from:
            yield from (r for r in phase[(Phase.EVENT, where)] if r.event == "chat_moved")
            return
        if inbound.button_data is not None:
            data = inbound.button_data
            yield from (r for r in phase[(Phase.BUTTON, where)] if data.startswith(r.button_prefix))
        else:
            command = ctx.command
            # A resident's command word beside a danger (帮助！3号楼着火了) is a report of the danger first.
            if command is not None and (ctx.sender.is_staff or not ctx.analysis.urgent):
                yield from self._by_command.get((command.name, where), ())
            if where & self.reply_chats and (state := ctx.conversation.state) is not None:
                yield from (r for r in phase[(Phase.REPLY, where)] if r.state == state.name)
            yield from phase[(Phase.TEXT, where)]
        yield from phase[(Phase.FALLBACK, where)]

    def table(self) -> list[str]:
        """The combined routes in the order they are tried, one line each (observers first)."""
        lines = [f"OBSERVE  {route.describe()[9:]}" for route in self.observers]
        return lines + [route.describe() for phase in Phase for route in self._by_phase[phase]]
