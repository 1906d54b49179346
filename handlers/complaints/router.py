"""Complaints in groups and private chats: an explicit report (报事 …, @网格通 …) opens a ticket, a look-alike
in a group gets a one-tap offer, a private report is taken as one; a private report that names no compound
is asked where first."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.dispatch.context import Context
from bot.dispatch.router import Chat, Router
from bot.messages import Button
from bot.nlp.analyzer import Analysis
from bot.numbers import parse_number
from handlers.complaints import texts as T
from handlers.complaints.service import Reports, Where, needs_place
from handlers.help.texts import help_text
from handlers.tickets.notifications import messages_for
from handlers.tickets.router import here

router = Router("complaints")
OFFER_PREFIX = "offer:"
PLACE = "complaints:place"
PLACE_MINUTES = 10
MIN_MENTION_REPORT = 8  # characters: shorter words to the bot that read as chatter are greetings
MAX_CANCEL = 8  # characters: a longer answer that starts with 不用 is saying something else
MIN_REPORT_WORDS = 4  # Chinese characters besides the place, for an answer to be a report of its own too
_CJK = re.compile(r"[\u4e00-\u9fff]")


def addressed_to_the_bot(ctx: Context) -> bool:
    """报事 … (a trigger), or words to the bot (@网格通 …)."""
    return bool(ctx.inbound.text.strip()) and (ctx.analysis.explicit or ctx.inbound.mentions_bot)


def reports(ctx: Context) -> Reports:
    return Reports(ctx.store, ctx.clock, ctx.roster)


def where(ctx: Context) -> Where:
    return Where(ctx.chat_id, ctx.inbound.platform, ctx.chat)


@router.text(when=addressed_to_the_bot)
def report(ctx: Context) -> None:
    """A ticket, unless there is nothing to report."""
    text, analysis = ctx.inbound.text, ctx.analysis
    rest = ctx.analyzer.strip_trigger(text)
    if analysis.explicit and not rest:
        ctx.reply(T.EMPTY_REPORT)
    elif not analysis.explicit and analysis.intent != "complaint" and len(rest) < MIN_MENTION_REPORT:
        ctx.reply(help_text(ctx.sender.is_staff))  # "@网格通 你好": say what the bot can do
    else:
        # A trigger already made the first reading a report's; words to the bot need reading again as one.
        reading = analysis if analysis.explicit else ctx.analyzer.analyze(text, as_report=True)
        open_or_ask_where(ctx, reading, text)


@router.text(intents=["complaint"], chats=Chat.PRIVATE, staff=False)
def private_report(ctx: Context) -> None:
    """A resident writing to the bot privately is reporting: no need to ask whether to register it."""
    open_or_ask_where(ctx, ctx.analysis, ctx.inbound.text)


def is_urgent(ctx: Context) -> bool:
    return ctx.analysis.urgent


@router.text(intents=["complaint"], chats=Chat.GROUP, when=is_urgent)
def urgent_report(ctx: Context) -> None:
    """Danger now (a gas smell, smoke, someone trapped…): registered at once, no tap needed; the worker and the
    grid head are told, and the group hears whom the bot has told."""
    open_ticket(ctx, ctx.analysis, ctx.inbound.text, source_key=ctx.origin)


@router.text(intents=["complaint"], chats=Chat.GROUP)
def offer(ctx: Context) -> None:
    """In a group, a message that only looks like a complaint is not registered unasked."""
    number = reports(ctx).offer(ctx.inbound.text, where(ctx), ctx.sender)
    ctx.reply(T.OFFER, [Button(T.OFFER_BUTTON, f"{OFFER_PREFIX}{number}")])


@router.button(OFFER_PREFIX)
def take_offer(ctx: Context) -> None:
    number = parse_number(ctx.inbound.button_data[len(OFFER_PREFIX) :], allow_hash=False)
    found = reports(ctx).offer_numbered(number) if number else None
    if found is None or found.chat != ctx.chat_id:
        ctx.reply(T.OFFER_GONE)
    elif found.reporter_id != ctx.sender.person_id:
        ctx.reply(T.OFFER_ONLY_REPORTER)
    elif found.ticket_id is not None:
        ctx.reply(T.OFFER_DONE.format(number=found.ticket_id))
    else:
        reading = ctx.analyzer.analyze(found.text, as_report=True)
        ctx.store.offers.taken(found.id, open_ticket(ctx, reading, found.text, source_key=f"offer:{found.id}"))


def answers_where(ctx: Context) -> bool:
    """While the bot waits to hear where, the next message is that answer, unless it is a report of its own
    (报事 …, or something urgent): that is taken as a report, and the question goes on waiting."""
    return not (ctx.analysis.explicit or ctx.analysis.urgent)


@router.reply(PLACE, chats=Chat.PRIVATE, when=answers_where)
def place_given(ctx: Context) -> None:
    """The answer to 请问是哪个小区、几号楼？: the reports waiting for it, completed and routed; or 算了."""
    answer = ctx.inbound.text.strip()
    state = ctx.conversation.state
    if is_cancel(answer):
        ctx.conversation.finish()
        ctx.reply(T.PLACE_CANCELLED)
        return
    compound, place, rest = ctx.analyzer.place_of(answer)
    said = [*state.data.get("said", []), answer]  # kept, and put on the ticket: nothing said is lost
    if compound is None and not state.data.get("asked_again"):
        data = {**state.data, "asked_again": True, "said": said}
        ctx.conversation.ask(PLACE, minutes=PLACE_MINUTES, data=data, expiry_notice=T.PLACE_EXPIRED)
        ctx.reply(T.PLACE_AGAIN)
        return
    # Named, or asked twice: registered either way, so nothing the resident said is lost.
    ctx.conversation.finish()
    also_a_report = compound is not None and is_a_report(ctx, rest)
    note = "；".join([*said[:-1], T.place_label(compound, place) if also_a_report else answer])
    for waiting in state.data["reports"]:
        first = ctx.analyzer.analyze(waiting["text"], as_report=True)
        reading = replace(  # the place the report named itself comes first; the answer fills in the rest
            first,
            compound=compound or first.compound,
            building=place.building if first.building is None else first.building,
            unit=place.unit if first.unit is None else first.unit,
            room=first.room or place.room,
        )
        open_ticket(ctx, reading, f"{waiting['text']}（{note}）", source_key=waiting["source"])
    if also_a_report:  # "同鑫花园12号楼楼道里堆满了杂物": the place, and a report of its own
        open_ticket(ctx, ctx.analyzer.analyze(answer, as_report=True), answer, source_key=ctx.origin)


def is_a_report(ctx: Context, rest: str) -> bool:
    """What an answer says besides the place reads as a complaint of its own (not 俺是…的, 那边)."""
    return len(_CJK.findall(rest)) >= MIN_REPORT_WORDS and ctx.analyzer.analyze(rest).intent == "complaint"


def is_cancel(answer: str) -> bool:
    """算了, 算了吧, 不用了谢谢…: short, and starting with a word that drops it."""
    words = answer.strip(" 。！!.~～，,")
    return len(words) <= MAX_CANCEL and words.startswith(T.CANCEL_WORDS)


def open_or_ask_where(ctx: Context, analysis: Analysis, text: str) -> None:
    if not needs_place(analysis, where(ctx)):
        open_ticket(ctx, analysis, text, source_key=ctx.origin)
        return
    # Reports already waiting for the same answer wait together: one answer completes them all.
    state = ctx.conversation.state
    waiting = list(state.data["reports"]) if state is not None and state.name == PLACE else []
    report = {"text": ctx.analyzer.strip_trigger(text) or text, "source": ctx.origin}
    data = {"reports": [*waiting, report]}
    ctx.conversation.ask(PLACE, minutes=PLACE_MINUTES, data=data, expiry_notice=T.PLACE_EXPIRED)
    ctx.reply(T.PLACE_QUESTION_AGAIN if waiting else T.PLACE_QUESTION)


def open_ticket(ctx: Context, analysis: Analysis, text: str, source_key: str) -> int:
    """Store and assign the ticket; the notifications say who hears of it. Its number."""
    opened = reports(ctx).open(analysis, text, where(ctx), ctx.sender, source_key)
    ctx.say(messages_for([opened], ctx.roster, here(ctx)))
    return opened.ticket.id
