"""Complaints in groups and private chats: explicit reports open a ticket, look-alikes get a one-tap offer."""

from __future__ import annotations

from bot.dispatch import Context
from bot.messages import Button
from bot.nlp.analyzer import Analysis
from bot.numbers import parse_number
from bot.services.routing import route
from bot.services.tickets import NewTicket
from handlers.help import help_text
from handlers.texts import complaints as T
from storage.fast import insert_returning_id
from storage.models import ComplaintOffer, Ticket

OFFER_PREFIX = "offer:"
MIN_MENTION_REPORT = 8  # characters: shorter words to the bot that read as chatter are greetings


def handle_message(ctx: Context) -> bool:
    """Free text: a report, an offer to register one, or nothing at all (chatter costs one analysis)."""
    text = ctx.inbound.text
    if not text.strip():
        return False
    analysis = ctx.analysis
    if analysis.explicit or ctx.inbound.mentions_bot:
        _report(ctx, analysis, text)
        return True
    if analysis.intent != "complaint":
        return False
    if not ctx.inbound.is_group and not ctx.sender.is_staff:
        # A resident writing to the bot privately is reporting: no need to ask.
        open_ticket(ctx, analysis, text, source_key=ctx.origin)
        return True
    if not ctx.inbound.is_group:
        return False  # staff's private free text is not a report unless they say 报事
    _offer(ctx, text)
    return True


def _report(ctx: Context, analysis: Analysis, text: str) -> None:
    """An explicit report, or words addressed to the bot: a ticket, unless there is nothing to report."""
    rest = ctx.analyzer.strip_trigger(text)
    if analysis.explicit and not rest:
        ctx.reply(T.EMPTY_REPORT)
    elif not analysis.explicit and analysis.intent != "complaint" and len(rest) < MIN_MENTION_REPORT:
        ctx.reply(help_text(ctx.sender.is_staff))  # "@网格通 你好": say what the bot can do
    else:
        # A trigger already made the first reading a report's; words to the bot need reading again as one.
        report = analysis if analysis.explicit else ctx.analyzer.analyze(text, as_report=True)
        open_ticket(ctx, report, text, source_key=ctx.origin)


def _offer(ctx: Context, text: str) -> None:
    values = {
        "chat": ctx.chat_id,
        "platform": ctx.inbound.platform,
        "reporter_id": ctx.sender.person_id,
        "text": text,
        "created_at": ctx.clock.now(),
        "ticket_id": None,
    }
    offer_id = insert_returning_id(ctx.connection, ComplaintOffer.__table__, values)
    ctx.reply(T.OFFER, [Button(T.OFFER_BUTTON, f"{OFFER_PREFIX}{offer_id}")])


def handle_offer_button(ctx: Context) -> bool:
    data = ctx.inbound.button_data or ""
    if not data.startswith(OFFER_PREFIX):
        return False
    number = parse_number(data[len(OFFER_PREFIX) :], allow_hash=False)
    offer = ctx.session.get(ComplaintOffer, number, with_for_update=True) if number else None
    if offer is None or offer.chat != ctx.chat_id:
        ctx.reply(T.OFFER_GONE)
    elif offer.reporter_id != ctx.sender.person_id:
        ctx.reply(T.OFFER_ONLY_REPORTER)
    elif offer.ticket_id is not None:
        ctx.reply(T.OFFER_DONE.format(number=offer.ticket_id))
    else:
        report = ctx.analyzer.analyze(offer.text, as_report=True)
        ticket = open_ticket(ctx, report, offer.text, source_key=f"offer:{offer.id}")
        offer.ticket_id = ticket.id
    return True


def open_ticket(ctx: Context, analysis: Analysis, text: str, source_key: str) -> Ticket:
    """Store, route, and tell: the group, the reporter privately, the worker (and the head when urgent)."""
    category = analysis.category or "other"
    where = route(ctx.roster, chat=ctx.chat, compound_name=analysis.compound, building=analysis.building)
    service = ctx.tickets()
    new = NewTicket(
        category=category,
        text=text.strip(),
        chat=ctx.chat_id,
        platform=ctx.inbound.platform,
        reporter_id=ctx.sender.person_id,
        source_key=source_key,
        building=analysis.building,
        unit=analysis.unit,
        room=analysis.room,
        urgent=analysis.urgent,
    )
    ticket = service.open(new, where)
    handler = ctx.roster.title(where.assignee_id) if where.assignee_id else T.NO_HANDLER
    if ctx.inbound.is_group:
        hint = "\n" + T.start_hint(ctx.start_link) if ctx.start_link else ""
        ctx.reply(T.group_ack(ticket.id, category, handler, ticket.urgent) + hint)
        ctx.tell(ctx.sender.person_id, T.reporter_ack(ticket.id, handler))
    else:
        ctx.reply(T.reporter_ack(ticket.id, handler))
    source = T.source(ctx.chat.name if ctx.chat else None, ctx.sender.name)
    notice = T.worker_new(ticket.id, category, T.ticket_place(ticket), ticket.text, ticket.urgent, source)
    for person in service.to_tell_of_new(ticket, where):
        ctx.tell(person, notice)
    return ticket
