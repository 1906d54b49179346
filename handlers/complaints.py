"""Complaints in groups and private chats: explicit reports open a ticket, look-alikes get a one-tap offer."""

from __future__ import annotations

import re

from bot.dispatch import Context
from bot.messages import Button
from bot.nlp.analyzer import Analysis
from bot.services.routing import route
from bot.services.tickets import NewTicket, TicketService
from handlers.texts import complaints as T
from storage.models import ComplaintOffer

OFFER_PREFIX = "offer:"
_TRIGGER_ONLY = re.compile(r"^\s*(?:#?报事|#?投诉|#?报修|/report(?:@\w+)?)\s*[:：]?\s*$")


def handle_message(ctx: Context) -> bool:
    text = ctx.inbound.text
    if not text:
        return False
    if _TRIGGER_ONLY.match(text) or (text.strip().startswith("/report") and not text.strip()[7:].strip()):
        ctx.reply(T.EMPTY_REPORT)
        return True
    analysis = ctx.analyzer.analyze(text)
    explicit = analysis.explicit or ctx.inbound.mentions_bot or text.lstrip().startswith("/report")
    if explicit:
        open_ticket(ctx, analysis, text)
        return True
    if analysis.intent != "complaint":
        return False
    if not ctx.inbound.is_group:  # in a private chat the bot is being spoken to: register directly
        open_ticket(ctx, analysis, text)
        return True
    offer = ComplaintOffer(
        chat=ctx.chat_id,
        platform=ctx.inbound.platform,
        reporter_id=ctx.sender.person_id,
        text=text,
        created_at=ctx.clock.now(),
    )
    ctx.session.add(offer)
    ctx.session.flush()
    ctx.reply(T.OFFER, [Button(T.OFFER_BUTTON, f"{OFFER_PREFIX}{offer.id}")])
    return True


def handle_offer_button(ctx: Context) -> bool:
    data = ctx.inbound.button_data or ""
    if not data.startswith(OFFER_PREFIX):
        return False
    offer_id = data[len(OFFER_PREFIX) :]
    offer = ctx.session.get(ComplaintOffer, int(offer_id)) if offer_id.isdigit() else None
    if offer is None or offer.chat != ctx.chat_id:
        ctx.reply(T.OFFER_GONE)
    elif offer.reporter_id != ctx.sender.person_id:
        ctx.reply(T.OFFER_ONLY_REPORTER)
    elif offer.ticket_id is not None:
        ctx.reply(T.OFFER_DONE.format(number=offer.ticket_id))
    else:
        offer.ticket_id = open_ticket(ctx, ctx.analyzer.analyze(offer.text), offer.text).id
    return True


def open_ticket(ctx: Context, analysis: Analysis, text: str):
    """Store, route, and tell: the group, the reporter privately, the worker (and the head when urgent)."""
    category = analysis.category or "other"
    where = route(ctx.session, chat=ctx.chat, compound_name=analysis.compound, building=analysis.building)
    service = TicketService(ctx.session, ctx.clock)
    ticket = service.open(
        NewTicket(
            category=category,
            text=text.strip(),
            chat=ctx.chat_id,
            platform=ctx.inbound.platform,
            reporter_id=ctx.sender.person_id,
            building=analysis.building,
            unit=analysis.unit,
            room=analysis.room,
            urgent=analysis.urgent,
        ),
        where,
    )
    handler = ctx.directory.title(where.assignee_id) if where.assignee_id else "社区工作人员"
    if ctx.inbound.is_group:
        ctx.reply(T.group_ack(ticket.id, category, handler, ticket.urgent))
        ctx.tell(ctx.sender.person_id, T.reporter_ack(ticket.id, handler))
    else:
        ctx.reply(T.reporter_ack(ticket.id, handler))
    source = f"{ctx.chat.name if ctx.chat else '私聊'}，反映人 {ctx.sender.name}"
    notice = T.worker_new(ticket.id, category, T.ticket_place(ticket), ticket.text, ticket.urgent, source)
    ctx.tell(where.assignee_id, notice)
    for admin in where.also_notify:
        ctx.tell(admin, notice)
    head = service.grid_head(ticket)
    if ticket.urgent and head and head != where.assignee_id:
        ctx.tell(head, notice)
    return ticket
