"""Workers handle tickets from their private chat; reporters rate the result with two buttons."""

from __future__ import annotations

from bot.dispatch import Context
from bot.messages import Button
from bot.services.tickets import TicketError, TicketService
from handlers.commands import Command, parse_command
from handlers.texts import tickets as T

RATE_PREFIX = "rate:"
WORKER_COMMANDS = ("accept", "progress", "resolve", "transfer", "mine")


def handle_command(ctx: Context) -> bool:
    command = parse_command(ctx.inbound.text)
    if command is None or command.name not in WORKER_COMMANDS:
        return False
    if ctx.inbound.is_group:
        return False  # worker commands belong in the private chat; in a group they are just words
    if not ctx.sender.is_staff:
        ctx.reply(T.WORKER_ONLY)
        return True
    if command.name == "mine":
        tickets = TicketService(ctx.session, ctx.clock).assigned_to(ctx.sender.person_id)
        ctx.reply(T.mine(tickets) if tickets else T.mine_empty())
        return True
    if command.number is None or (command.name in ("progress", "transfer") and not command.rest):
        ctx.reply(T.USAGE[command.name])
        return True
    try:
        ACTIONS[command.name](ctx, TicketService(ctx.session, ctx.clock), command)
    except TicketError as error:
        status = error.ticket.status if error.ticket else ""
        ctx.reply(T.refusal(error.reason, command.number, status, command.rest))
    return True


def _accept(ctx: Context, service: TicketService, command: Command) -> None:
    ticket = service.accept(command.number, ctx.sender.person_id)
    ctx.reply(T.accepted_worker(ticket.id))
    ctx.tell(ticket.reporter_id, T.accepted_reporter(ticket.id, ctx.directory.title(ctx.sender.person_id)))


def _progress(ctx: Context, service: TicketService, command: Command) -> None:
    ticket = service.progress(command.number, ctx.sender.person_id, command.rest)
    ctx.reply(T.progress_worker(ticket.id))
    ctx.tell(ticket.reporter_id, T.progress_reporter(ticket.id, command.rest))


def _resolve(ctx: Context, service: TicketService, command: Command) -> None:
    ticket = service.resolve(command.number, ctx.sender.person_id, command.rest)
    ctx.reply(T.resolved_worker(ticket.id))
    buttons = [Button(T.RATE_YES, f"{RATE_PREFIX}{ticket.id}:yes"), Button(T.RATE_NO, f"{RATE_PREFIX}{ticket.id}:no")]
    ctx.tell(ticket.reporter_id, T.resolved_reporter(ticket.id, command.rest), buttons)


def _transfer(ctx: Context, service: TicketService, command: Command) -> None:
    target = ctx.directory.staff_by_name_or_id(command.rest)
    if target is None:
        raise TicketError("no_such_person")
    previous = service.get(command.number).assignee_id
    ticket = service.transfer(command.number, ctx.sender.person_id, target.id)
    to_title = ctx.directory.title(target.id)
    ctx.reply(T.transferred_from(ticket.id, to_title))
    by = ctx.directory.title(ctx.sender.person_id)
    ctx.tell(target.id, T.transferred_to(ticket.id, ticket.category, ticket.text, by))
    if previous and previous not in (ctx.sender.person_id, target.id):
        ctx.tell(previous, T.transferred_from(ticket.id, to_title))
    ctx.tell(ticket.reporter_id, T.transferred_reporter(ticket.id, to_title))


ACTIONS = {"accept": _accept, "progress": _progress, "resolve": _resolve, "transfer": _transfer}


def handle_rating_button(ctx: Context) -> bool:
    data = ctx.inbound.button_data or ""
    if not data.startswith(RATE_PREFIX):
        return False
    number, _, answer = data[len(RATE_PREFIX) :].partition(":")
    if not number.isdigit() or answer not in ("yes", "no"):
        ctx.reply(T.refusal("no_such_ticket", number))
        return True
    service = TicketService(ctx.session, ctx.clock)
    try:
        ticket = service.rate(int(number), ctx.sender.person_id, answer == "yes")
    except TicketError as error:
        ctx.reply(T.refusal(error.reason, number, error.ticket.status if error.ticket else ""))
        return True
    if answer == "yes":
        ctx.reply(T.closed_reporter(ticket.id))
        ctx.tell(ticket.assignee_id, T.closed_worker(ticket.id))
        return True
    ctx.reply(T.reopened_reporter(ticket.id))
    for person in dict.fromkeys((ticket.assignee_id, service.grid_head(ticket))):
        ctx.tell(person, T.reopened_staff(ticket.id))
    return True


def handle_query(ctx: Context) -> bool:
    """查询 / 我的报事: the resident's own tickets, always answered privately."""
    command = parse_command(ctx.inbound.text)
    is_query = command is not None and command.name == "query"
    if not is_query and not (not ctx.inbound.is_group and ctx.analyzer.analyze(ctx.inbound.text).intent == "query"):
        return False
    tickets = TicketService(ctx.session, ctx.clock).reported_by(ctx.sender.person_id)
    answer = T.reported(tickets) if tickets else T.reported_empty()
    if ctx.inbound.is_group:
        ctx.reply_privately(answer)
        ctx.reply(T.QUERY_IN_GROUP)
    else:
        ctx.reply(answer)
    return True
