"""Workers handle tickets from their private chat; reporters rate the result with two buttons."""

from __future__ import annotations

from bot.commands import Command
from bot.dispatch import Context
from bot.messages import Button
from bot.numbers import parse_number
from bot.services.tickets import TicketError, TicketService
from handlers.texts import tickets as T
from storage.models import Ticket

RATE_PREFIX = "rate:"
WORKER_COMMANDS = ("accept", "progress", "resolve", "transfer", "mine")


def handle_command(ctx: Context) -> bool:
    command = ctx.command
    if command is None or command.name not in WORKER_COMMANDS:
        return False
    if command.name == "mine" and not ctx.sender.is_staff:
        return _answer_query(ctx)  # a resident's 我的工单 means their own reports
    if ctx.inbound.is_group:
        if ctx.sender.is_staff:  # never a complaint, and never handled where residents read it
            ctx.reply(T.PRIVATE_ONLY)
            return True
        return False  # a resident's "进度" in a group is just a word
    if not ctx.sender.is_staff:
        ctx.reply(T.WORKER_ONLY)
        return True
    if command.name == "mine":
        tickets = ctx.tickets().assigned_to(ctx.sender.person_id)
        ctx.reply(T.mine(tickets) if tickets else T.mine_empty())
        return True
    if command.number is None:
        written = command.written_number
        ctx.reply(T.refusal("no_such_ticket", written) if written else T.USAGE[command.name])
        return True
    if command.name in ("progress", "transfer") and not command.rest:
        ctx.reply(T.USAGE[command.name])
        return True
    try:
        ACTIONS[command.name](ctx, ctx.tickets(), command)
    except TicketError as error:
        status = error.ticket.status if error.ticket else ""
        ctx.reply(T.refusal(error.reason, command.number, status, command.rest))
    return True


def _tell_assignee_if_someone_else_acted(ctx: Context, ticket: Ticket, text: str) -> None:
    if ticket.assignee_id and ticket.assignee_id != ctx.sender.person_id:
        ctx.tell(ticket.assignee_id, text)


def _accept(ctx: Context, service: TicketService, command: Command) -> Ticket:
    ticket = service.accept(command.number, ctx.sender.person_id)
    by = ctx.roster.title(ctx.sender.person_id)
    ctx.reply(T.accepted_worker(ticket.id))
    ctx.tell(ticket.reporter_id, T.accepted_reporter(ticket.id, by))
    _tell_assignee_if_someone_else_acted(ctx, ticket, T.acted_for_you(ticket.id, by, "接单"))
    return ticket


def _progress(ctx: Context, service: TicketService, command: Command) -> Ticket:
    ticket = service.progress(command.number, ctx.sender.person_id, command.rest)
    ctx.reply(T.progress_worker(ticket.id))
    ctx.tell(ticket.reporter_id, T.progress_reporter(ticket.id, command.rest))
    by = ctx.roster.title(ctx.sender.person_id)
    _tell_assignee_if_someone_else_acted(ctx, ticket, T.acted_for_you(ticket.id, by, f"反馈进展：{command.rest}"))
    return ticket


def _resolve(ctx: Context, service: TicketService, command: Command) -> Ticket:
    ticket = service.resolve(command.number, ctx.sender.person_id, command.rest)
    ctx.reply(T.resolved_worker(ticket.id))
    rating = [Button(T.RATE_YES, f"{RATE_PREFIX}{ticket.id}:yes"), Button(T.RATE_NO, f"{RATE_PREFIX}{ticket.id}:no")]
    ctx.tell(ticket.reporter_id, T.resolved_reporter(ticket.id, command.rest), rating)
    by = ctx.roster.title(ctx.sender.person_id)
    _tell_assignee_if_someone_else_acted(ctx, ticket, T.acted_for_you(ticket.id, by, "办结"))
    return ticket


def _transfer(ctx: Context, service: TicketService, command: Command) -> Ticket:
    target = ctx.roster.staff_named(command.rest)
    if target is None:
        raise TicketError("no_such_person")
    previous = service.get(command.number).assignee_id
    ticket = service.transfer(command.number, ctx.sender.person_id, target)
    to_title, by = ctx.roster.title(target), ctx.roster.title(ctx.sender.person_id)
    ctx.reply(T.transferred_from(ticket.id, to_title))
    ctx.tell(target, T.transferred_to(ticket.id, ticket.category, ticket.text, by))
    if previous and previous not in (ctx.sender.person_id, target):
        ctx.tell(previous, T.transferred_from(ticket.id, to_title))
    ctx.tell(ticket.reporter_id, T.transferred_reporter(ticket.id, to_title))
    return ticket


ACTIONS = {"accept": _accept, "progress": _progress, "resolve": _resolve, "transfer": _transfer}


def handle_rating_button(ctx: Context) -> bool:
    """满意 closes the ticket; 不满意 reopens it and tells the worker and the grid head. Answered privately."""
    data = ctx.inbound.button_data or ""
    if not data.startswith(RATE_PREFIX):
        return False
    written, _, answer = data[len(RATE_PREFIX) :].partition(":")
    number = parse_number(written, allow_hash=False)
    if number is None or answer not in ("yes", "no"):
        ctx.reply_privately(T.refusal("no_such_ticket", written))
        return True
    service = ctx.tickets()
    try:
        ticket = service.rate(number, ctx.sender.person_id, answer == "yes")
    except TicketError as error:
        ctx.reply_privately(T.refusal(error.reason, number, error.ticket.status if error.ticket else ""))
        return True
    if answer == "yes":
        ctx.reply_privately(T.closed_reporter(ticket.id))
        ctx.tell(ticket.assignee_id, T.closed_worker(ticket.id))
        return True
    ctx.reply_privately(T.reopened_reporter(ticket.id))
    for person in dict.fromkeys((ticket.assignee_id, service.grid_head(ticket))):
        ctx.tell(person, T.reopened_staff(ticket.id))
    return True


def handle_query(ctx: Context) -> bool:
    """查询 / 我的报事 (or a question about one's report in a private chat): always answered privately."""
    command = ctx.command
    if command is not None and command.name == "query":
        return _answer_query(ctx)
    if not ctx.inbound.is_group and ctx.analysis.intent == "query":
        return _answer_query(ctx)
    return False


def _answer_query(ctx: Context) -> bool:
    tickets = ctx.tickets().reported_by(ctx.sender.person_id)
    answer = T.reported(tickets) if tickets else T.reported_empty()
    ctx.reply_privately(answer)
    if ctx.inbound.is_group:
        ctx.reply(T.QUERY_IN_GROUP)
    return True
