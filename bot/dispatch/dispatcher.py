"""The one path every inbound message takes: resolve the sender, find the route that takes the message, make
sure it was not taken before, run the route, and store what it wants to say in the outbox (delivering the
web chat's at once), all in one unit of work.

A message no route takes (most group chatter) costs no write at all: ignoring a message twice is harmless,
so only a message that causes something has its id stored, and a resident met for the first time is
remembered only then.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from bot.clock import Clock
from bot.commands import CommandParser
from bot.conversation import ConversationStore
from bot.dispatch.context import Context
from bot.dispatch.identity import Identities
from bot.dispatch.router import Chat, Routes
from bot.messages import Inbound, private_chat_id
from bot.nlp.analyzer import Analysis, Analyzer
from bot.outbox import Outbox
from storage.database import Conflict, Database, is_transient
from storage.store import Store

# A platform's own copy of the message (the web chat's log), kept in the same unit of work.
Record = Callable[[Store], None]
LOOK_AGAIN_SECONDS = 2.0  # a group missing from the roster snapshot reloads it, at most this often
ATTEMPTS = 3  # a message that loses a race to another process is run again, this often in all


@dataclass(frozen=True)
class Handled:
    duplicate: bool
    origin: str
    delivered: list = field(default_factory=list)  # what the local channel delivered: web chat log lines
    queued: frozenset[str] = frozenset()  # remote platforms with outbox rows now due because of this message
    taken: bool = True  # False: no route took it, and nothing was stored
    refused: bool = False  # a route took it and turned it down (a stale button, someone else's)
    tap_answer: str | None = None  # why a tap was turned down, for a platform to show on the tap (Context.refuse)
    spent: bool = False  # the tap used up its message's buttons (Context.spent)
    chosen_instead: str | None = None  # a button now the choice on an earlier message (Context.choose_instead)
    after_commit: tuple[Callable[[], None], ...] = ()  # the unit's follow-ups, for the caller to run after commit


class Dispatcher:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        analyzer: Analyzer,
        routes: Routes,
        outbox: Outbox,
        conversations: ConversationStore | None = None,
    ) -> None:
        self.database = database
        self.clock = clock
        self.analyzer = analyzer
        self.routes = routes
        self.outbox = outbox
        self.commands = CommandParser(routes.command_words)
        self._conversations = conversations  # None: in the database, in each message's unit of work
        self.identities = Identities()
        self.rosters = database.rosters
        # Per platform where the bot may not write to someone first (Telegram), the link to start a chat with it;
        # filled in by the channel once it knows its own name.
        self.start_links: dict[str, str] = {}

    def read(self, inbound: Inbound) -> Analysis | None:
        """What a text message says, if the routes will want to know; needs no database, any thread. A command
        is not read ahead: the route that takes it may never ask (Context.analysis reads it then)."""
        if not inbound.text or inbound.button_data is not None or self.commands.parse(inbound.text) is not None:
            return None
        return self.analyzer.analyze(inbound.text)

    def handle(self, inbound: Inbound, record: Record | None = None, analysis: Analysis | None = None) -> Handled:
        """Blocking: run it on the database thread. Returns once everything it caused is in the unit of work
        (committed, unless grouped: then with the group).

        `record` lets a platform keep its own copy of the message in the same unit of work, so a message is
        either wholly taken or not at all. `analysis`: `read(inbound)`, when the caller has it already."""
        origin = f"{inbound.platform}:{inbound.message_id}"
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return self._handle_once(inbound, origin, record, analysis)
            except Conflict:
                # Another process committed a twin (the same message id, or a ticket from the same source)
                # between our reads and our commit. Run again: this time the twin is visible and is answered
                # as a duplicate, with no 500 and nothing done twice.
                if attempt == ATTEMPTS:
                    raise
            except Exception as error:
                # Lost a race for locks to another process (a deadlock's victim). Alone, run again after a
                # moment; in a group, the group's locks are still held: the runner runs it again after it.
                if not is_transient(error) or self.database.grouped() or attempt == ATTEMPTS:
                    raise
                time.sleep(random.uniform(0.01, 0.05) * attempt)
        raise AssertionError("unreachable")

    @contextmanager
    def group(self) -> Iterator[None]:
        """Group commit (bot.runner): the messages handled inside share one transaction."""
        try:
            with self.database.group():
                yield
        except BaseException:
            # What the group read back (a bound group, a moved one) may be cached; the group is gone.
            self.forget()
            raise

    def conversations_in(self, store: Store) -> ConversationStore:
        return self._conversations or store.conversations

    def forget(self) -> None:
        self.identities.forget()
        self.rosters.forget()

    def close(self) -> None:
        self.database.close()

    @staticmethod
    def _again(store: Store, inbound: Inbound, origin: str) -> Handled:
        """A message handled before is not handled again; the same tap sent again (its answer was lost) is answered
        as it was the first time: turned down with the same reason, or its buttons used up. Only the same person's
        tap on the same button: a client that reuses an id for another tap learns nothing of the first."""
        kept = store.messages.outcome_of(inbound.platform, inbound.message_id) if inbound.button_data else None
        if not kept or (kept.get("user"), kept.get("data")) != (inbound.user, inbound.button_data):
            return Handled(True, origin)
        refused, answer, spent = bool(kept.get("refused")), kept.get("tap_answer"), bool(kept.get("spent"))
        return Handled(True, origin, refused=refused, tap_answer=answer, spent=spent)

    def _handle_once(self, inbound: Inbound, origin: str, record: Record | None, analysis) -> Handled:
        with self.database.message() as store:
            if record is not None:  # the platform writes its copy anyway: the key is claimed first
                if not store.messages.claim(inbound.platform, inbound.message_id, self.clock.now()):
                    return Handled(True, origin)
                record(store)
            ctx = self._context(store, inbound, origin, analysis)
            self.routes.observe(ctx)
            route = self.routes.match(ctx)
            if route is None:
                return Handled(False, origin, queued=frozenset(ctx.wake), taken=False)
            if record is None and not store.messages.claim(inbound.platform, inbound.message_id, self.clock.now()):
                return self._again(store, inbound, origin)
            if not ctx.sender.known:
                self.identities.remember(store, ctx.sender, inbound.platform, inbound.user)
            route.handler(ctx)
            outcome = {"refused": ctx.refused, "tap_answer": ctx.tap_answer, "spent": ctx.spent}
            if inbound.button_data is not None and (ctx.refused or ctx.spent):
                kept = {**outcome, "user": inbound.user, "data": inbound.button_data}
                store.messages.keep_outcome(inbound.platform, inbound.message_id, kept)
            changed = {"chosen_instead": ctx.chosen_instead}  # (not kept with a tap's outcome: a text's, for now)
            store.flush()  # the route's changes first: outbox rows may name what it created
            put = self.outbox.put(store, ctx.roster, ctx.out, origin) if ctx.out else None
        if not ctx.sender.known:
            self.identities.known(ctx.sender, inbound.platform, inbound.user)
        if store.roster_changed:
            self.identities.forget()
        follow_ups = tuple(store.after_commit)
        if put is None:
            return Handled(False, origin, queued=frozenset(ctx.wake), after_commit=follow_ups, **outcome, **changed)
        queued = frozenset(put.queued | ctx.wake)
        return Handled(False, origin, put.delivered, queued, after_commit=follow_ups, **outcome, **changed)

    def _context(self, store: Store, inbound: Inbound, origin: str, analysis: Analysis | None) -> Context:
        roster = self.rosters.current(store.roster)
        sender = self.identities.sender(store, roster, inbound.platform, inbound.user, inbound.name)
        if inbound.is_group:
            chat = roster.chat_on(inbound.platform, inbound.chat)
            if chat is None:  # bound or moved since the snapshot, perhaps by another process: look again, rarely
                roster = self.rosters.fresher(store.roster, older_than=LOOK_AGAIN_SECONDS)
                chat = roster.chat_on(inbound.platform, inbound.chat)
            chat_id = chat.id if chat else f"{inbound.platform}:{inbound.chat}"
            where = Chat.GROUP if chat else Chat.UNKNOWN_GROUP
        else:
            chat, chat_id, where = None, private_chat_id(sender.person_id), Chat.PRIVATE
        return Context(
            inbound=inbound,
            sender=sender,
            chat=chat,
            chat_id=chat_id,
            where=where,
            roster=roster,
            store=store,
            clock=self.clock,
            analyzer=self.analyzer,
            commands=self.commands,
            conversations=self.conversations_in(store),
            origin=origin,
            start_link=self.start_links.get(inbound.platform),
            read_ahead=analysis,
        )
