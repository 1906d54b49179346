"""What a route's handler sees of one inbound message, and where it puts what it wants to say."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.clock import Clock
from bot.commands import Command, CommandParser
from bot.conversation import Conversation, ConversationStore
from bot.dispatch.identity import Sender
from bot.messages import Button, Inbound, Outbound, private_chat_id
from bot.nlp.analyzer import Analysis, Analyzer
from storage.roster_view import ChatRef, RosterView
from storage.store import Store


@dataclass
class Context:
    inbound: Inbound
    sender: Sender
    chat: ChatRef | None  # the roster group; None in a private chat or a group the roster does not know
    chat_id: str  # our id of where it was said: a group id, <platform>:<its id> if unknown, or dm:<person id>
    where: int  # Chat.PRIVATE, Chat.GROUP or Chat.UNKNOWN_GROUP
    roster: RosterView
    store: Store  # repositories in this message's unit of work
    clock: Clock
    analyzer: Analyzer
    commands: CommandParser
    conversations: ConversationStore
    origin: str = ""  # <platform>:<message id>: the key of this message (and of a ticket it opens)
    start_link: str | None = None  # where people open a private chat with the bot, if it may not write first
    out: list[Outbound] = field(default_factory=list)
    refused: bool = False  # the route turned the message or tap down (the web chat's chip is not marked chosen)
    tap_answer: str | None = None  # a refused tap's reason, for platforms that show it on the tap itself
    spent: bool = False  # the tap used up its message's buttons (a rating, an offer taken): the page disables them
    chosen_instead: str | None = None  # a button now the choice in place of the one tapped before (choose_instead)
    wake: set[str] = field(default_factory=set)  # platforms with older outbox rows due again because of this
    read_ahead: Analysis | None = None  # the analysis, when the dispatcher read the text already
    # Worked out on first use (plain attributes: functools.cached_property takes a lock on every read).
    _analysis: Analysis | None = field(default=None, repr=False)
    _command: Command | bool | None = field(default=False, repr=False)  # False: not parsed yet
    _conversation: Conversation | None = field(default=None, repr=False)

    @property
    def analysis(self) -> Analysis:
        """What the message says, read once however many routes ask."""
        if self._analysis is None:
            self._analysis = self.read_ahead or self.analyzer.analyze(self.inbound.text)
        return self._analysis

    @property
    def command(self) -> Command | None:
        """The command the text is (接单 3, 查询…), parsed once however many routes ask."""
        if self._command is False:
            self._command = self.commands.parse(self.inbound.text) if self.inbound.text else None
        return self._command

    @property
    def conversation(self) -> Conversation:
        """This person's conversation with the bot in this chat (the state is read on first use)."""
        if self._conversation is None:
            self._conversation = Conversation(
                self.conversations, self.chat_id, self.sender.person_id, self.inbound.platform, self.clock.now()
            )
        return self._conversation

    @property
    def private_conversation(self) -> Conversation:
        """This person's conversation with the bot in their private chat, wherever this message was said (what a
        worker says in a group is answered there, and may leave a question waiting there)."""
        if not self.is_group:
            return self.conversation
        person = self.sender.person_id
        return Conversation(
            self.conversations, private_chat_id(person), person, self.inbound.platform, self.clock.now()
        )

    @property
    def is_group(self) -> bool:
        return self.inbound.is_group

    # --- saying things -----------------------------------------------------------------------------

    def reply(self, text: str, buttons: Sequence[Button] = ()) -> None:
        """Answer in the chat the message came from, on the platform it came from."""
        self.out.append(Outbound(text, chat=self.chat_id, platform=self.inbound.platform, buttons=tuple(buttons)))

    def reply_once(self, text: str, key: str) -> None:
        """Answer in this chat unless something under `key` was said here before (ever)."""
        self.out.append(Outbound(text, chat=self.chat_id, platform=self.inbound.platform, once=key))

    def reply_privately(self, text: str, buttons: Sequence[Button] = ()) -> None:
        chat = private_chat_id(self.sender.person_id)
        self.out.append(Outbound(text, chat=chat, platform=self.inbound.platform, buttons=tuple(buttons)))

    def choose_instead(self, button_data: str) -> None:
        """The choice the person made earlier on a message's buttons is now this button's (a rating taken back in
        words, 点错了): a platform that shows which button was chosen shows this one (the web chat had kept showing
        ✓ 不满意 under 已改为满意)."""
        self.chosen_instead = button_data

    def refuse(self, text: str, spent: bool = False) -> None:
        """Turn the message or tap down, telling the person alone: a group is shared, and one resident's stale or
        wrong tap is nobody else's business (the web chat's chip is not marked chosen). A tap is answered on the
        tap itself, as every platform with buttons can (the web chat's answer to the tap, Telegram's to the callback
        query): a private message to a Telegram resident who never pressed Start would be lost, and set off the
        notices of a failed delivery; and a private message is not where someone tapping in a group is looking.
        `spent`: the refusal means the tapped buttons are over for everyone (an offer already taken, a meeting
        begun), so platforms take them away as after a tap that used them up."""
        self.refused = True
        if self.inbound.button_data is not None:
            self.tap_answer = text
            self.spent = spent
        elif self.is_group:
            self.reply_privately(text)
        else:
            self.reply(text)

    def say(self, messages: Iterable[Outbound]) -> None:
        """Messages a feature's notifications decided on."""
        self.out.extend(messages)
