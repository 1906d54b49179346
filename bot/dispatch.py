"""The one path every inbound message takes: deduplicate, resolve the sender, run the feature handlers,
store what they want to say in the outbox, all in one transaction.

Handlers are plain functions `handler(ctx) -> bool` (True: handled, stop); bot.wiring decides their order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from bot.clock import Clock
from bot.messages import Button, Inbound, Outbound, private_chat_id
from bot.nlp.analyzer import Analyzer
from bot.services import outbox
from bot.services.directory import Directory, Sender
from storage.engine import transaction
from storage.models import Chat, OutboxMessage, ProcessedMessage


@dataclass
class Context:
    """What a handler sees of one inbound message, and where it puts what it wants to say."""

    session: Session
    clock: Clock
    inbound: Inbound
    sender: Sender
    chat: Chat | None  # the roster group, None in a private chat (or a group the roster does not know)
    chat_id: str  # our id of where it was said: a group id, or dm:<person id>
    analyzer: Analyzer
    out: list[Outbound] = field(default_factory=list)

    @property
    def directory(self) -> Directory:
        return Directory(self.session)

    def reply(self, text: str, buttons: Sequence[Button] = ()) -> None:
        """Answer in the chat the message came from, on the platform it came from."""
        self.out.append(Outbound(text, chat=self.chat_id, platform=self.inbound.platform, buttons=tuple(buttons)))

    def reply_privately(self, text: str, buttons: Sequence[Button] = ()) -> None:
        chat = private_chat_id(self.sender.person_id)
        self.out.append(Outbound(text, chat=chat, platform=self.inbound.platform, buttons=tuple(buttons)))

    def tell(self, person_id: str | None, text: str, buttons: Sequence[Button] = ()) -> None:
        """Reach a person on every enabled platform where they have an account."""
        if person_id:
            self.out.append(Outbound(text, person=person_id, buttons=tuple(buttons)))


Handler = Callable[[Context], bool]


@dataclass(frozen=True)
class Handled:
    duplicate: bool
    origin: str


class Dispatcher:
    def __init__(
        self, engine: Engine, clock: Clock, analyzer: Analyzer, handlers: Sequence[Handler], platforms: frozenset[str]
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.analyzer = analyzer
        self.handlers = tuple(handlers)
        self.platforms = platforms

    def handle(self, inbound: Inbound) -> Handled:
        """Blocking: run it off the event loop. Returns once everything it caused is committed."""
        origin = f"{inbound.platform}:{inbound.message_id}"
        try:
            return self._handle_once(inbound, origin)
        except IntegrityError:
            # Another process committed a twin (the same message id, or a ticket from the same source)
            # between our reads and our commit. Run again: this time the twin is visible and is answered
            # as a duplicate, with no 500 and nothing done twice.
            return self._handle_once(inbound, origin)

    def _handle_once(self, inbound: Inbound, origin: str) -> Handled:
        with transaction(self.engine) as session:
            if not self._first_time(session, inbound):
                return Handled(True, origin)
            ctx = self._context(session, inbound)
            for handler in self.handlers:
                if handler(ctx):
                    break
            outbox.enqueue(session, self.clock, ctx.out, platforms=self.platforms, origin=origin)
        return Handled(False, origin)

    def _first_time(self, session: Session, inbound: Inbound) -> bool:
        if session.exec(_processed_query(inbound)).first() is not None:
            return False
        session.add(ProcessedMessage(platform=inbound.platform, message_id=inbound.message_id, at=self.clock.now()))
        session.flush()
        return True

    def _context(self, session: Session, inbound: Inbound) -> Context:
        directory = Directory(session)
        sender = directory.sender(inbound.platform, inbound.user, inbound.name)
        if inbound.is_group:
            chat = directory.chat_by_account(inbound.platform, inbound.chat)
            chat_id = chat.id if chat else f"{inbound.platform}:{inbound.chat}"
        else:
            chat, chat_id = None, private_chat_id(sender.person_id)
        return Context(session, self.clock, inbound, sender, chat, chat_id, self.analyzer)

    def replies_for(self, origin: str) -> list[OutboxMessage]:
        with Session(self.engine) as session:
            return outbox.from_origin(session, origin)


def _processed_query(inbound: Inbound):
    return select(ProcessedMessage.id).where(
        ProcessedMessage.platform == inbound.platform, ProcessedMessage.message_id == inbound.message_id
    )
