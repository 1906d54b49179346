"""Who is told what when a ticket changes: the one place that decides it, for every ticket event.

- The group a ticket came from hears that it was registered (number, category, who handles it) and, when it
  is resolved, that it was done; never who reported it, and nothing at all about what a dispute is.
- The reporter is told each step privately, and rates the result with two buttons.
- The assignee (and, for an urgent ticket, the grid head; for one routed to admins, the other admins) hears
  of new work; an assignee is told when someone else acted on their ticket.
- Whoever acted gets a short confirmation where they acted.
"""

from __future__ import annotations

from dataclasses import replace
from functools import singledispatch

from bot.messages import Button, Here, Outbound, private_chat_id
from bot.vocabulary import ACCEPTED, ACTIVE_STATUSES, PRIVATE_CATEGORIES
from handlers.tickets import texts as T
from handlers.tickets.events import (
    Accepted,
    AlsoReported,
    Closed,
    Located,
    NobodyAccepted,
    Opened,
    Progressed,
    RatingTakenBack,
    Reopened,
    ReporterExplained,
    ReporterPressed,
    ReporterStoodDown,
    Resolved,
    TicketEvent,
    Transferred,
)
from storage.models import Ticket
from storage.repositories.tickets import TicketSnapshot
from storage.roster_view import RosterView

RATE_PREFIX = "rate:"


def messages_for(events: list[TicketEvent], roster: RosterView, here: Here) -> list[Outbound]:
    out: list[Outbound] = []
    for event in events:
        out += _messages(event, roster, here)
    return out


def rating_buttons(number: int) -> tuple[Button, ...]:
    return (Button(T.RATE_YES, f"{RATE_PREFIX}{number}:yes"), Button(T.RATE_NO, f"{RATE_PREFIX}{number}:no"))


def _to(person: str | None, text: str, buttons: tuple[Button, ...] = ()) -> list[Outbound]:
    """A person, on every platform where they have an account."""
    return [Outbound(text, person=person, buttons=buttons)] if person else []


def _back(here: Here, text: str, buttons: tuple[Button, ...] = ()) -> Outbound:
    return Outbound(text, chat=here.chat, platform=here.platform, buttons=buttons)


def _grid_head(roster: RosterView, ticket: Ticket) -> str | None:
    grid = roster.grids.get(ticket.grid_id) if ticket.grid_id else None
    return grid.head_id if grid else None


def _handler_and_head(roster: RosterView, ticket) -> list[str]:
    """Whoever has the ticket and their grid head, once each (one person may be both)."""
    return list(dict.fromkeys(p for p in (ticket.assignee_id, _grid_head(roster, ticket)) if p))


def _to_handler_and_head(roster: RosterView, ticket, text: str) -> list[Outbound]:
    return [m for person in _handler_and_head(roster, ticket) for m in _to(person, text)]


def _assignee_if_someone_else(event: TicketEvent, text: str) -> list[Outbound]:
    assignee = event.ticket.assignee_id
    return _to(assignee, text) if assignee and assignee != event.actor else []


@singledispatch
def _messages(event: TicketEvent, roster: RosterView, here: Here) -> list[Outbound]:
    return []  # an event nobody needs to hear of (a rating is told through what it led to)


@_messages.register
def _(event: Located, roster: RosterView, here: Here) -> list[Outbound]:
    """Moved: the new handler hears of it as new work (urgent, if it is), and the one it came from and (if urgent)
    the grid head where it went. Not moved: whoever has it hears the reporter's words. The reporter hears which."""
    ticket = event.ticket
    to = roster.title(event.to) if event.to else None
    # No answer when the reporter is answered otherwise, or nothing they said led to it (an expired question)
    answer = T.located_reporter(ticket.id, to, ticket.status in ACTIVE_STATUSES)
    out = [_back(here, answer)] if here.chat and not event.quiet else []
    if event.to is None:
        place = _place(roster, ticket)
        if event.actor != ticket.reporter_id:  # a neighbour who joined it: staff must not call the first reporter
            event = replace(event, note=T.said_by(event.reporter_name, event.note))
        if event.placed:
            out += _to(ticket.assignee_id, T.located_placed(ticket.id, place, event.note))
        elif event.pressing:  # worse now (他拿着菜刀在外面骂): its handler and the grid head, as urgent
            pressing = T.located_pressing(ticket.id, ticket.category, place, event.note)
            return out + _to_handler_and_head(roster, ticket, pressing)
        else:
            out += _to(ticket.assignee_id, T.located_noted(ticket.id, event.note))
        head = _grid_head(roster, ticket) if event.placed else None
        if head and head != ticket.assignee_id:  # told of it with no building: now where it is
            handler = roster.title(ticket.assignee_id) if ticket.assignee_id else T.NO_HANDLER
            out += _to(head, T.located_here(ticket.id, ticket.category, place, event.note, handler))
        return out
    group = roster.chats.get(ticket.chat)  # (a group's ticket moved had said 来源：私聊; stop 38's note)
    source = T.source(group.name if group else None, event.reporter_name)
    place, urgent = _place(roster, ticket), ticket.urgent
    out += _to(event.to, T.located_to(ticket.id, ticket.category, place, ticket.text, source, event.note, urgent))
    if event.previous and event.previous != event.to:
        out += _to(event.previous, T.located_elsewhere(ticket.id, ticket.category, event.note, to, urgent))
    head = _grid_head(roster, ticket) if urgent else None  # (the head hears of the urgent ones only, as when new)
    if head and head not in (event.to, event.previous):
        place = _place(roster, ticket)
        out += _to(head, T.located_head(ticket.id, ticket.category, place, ticket.text, source, event.note, to))
    return out


@_messages.register
def _(event: Opened, roster: RosterView, here: Here) -> list[Outbound]:
    ticket, assignment = event.ticket, event.assignment
    handler = roster.title(assignment.assignee_id) if assignment.assignee_id else T.NO_HANDLER
    staff = _told_of_new(ticket, assignment, roster)
    notified = [roster.title(person) for person in staff] or [T.NO_HANDLER]
    advice = T.safety_advice(ticket.hazard, ticket.category) if ticket.urgent else None
    if here.is_group:
        hint = "\n" + T.start_hint(here.start_link) if here.start_link else ""
        if ticket.private:
            group = T.group_ack_private(ticket.id)
        elif ticket.urgent:
            # The compound alone (the group's) sends nobody to the door: ask the building, which the reporter's
            # next words place (handlers.complaints.router.building_of_an_urgent_report)
            asks = ticket.building is None and ticket.hazard != "lost"
            which = f"\n{T.urgent_which_building(ticket.compound_id is not None)}" if asks else ""
            group = T.urgent_ack(ticket.id, ticket.category, notified) + which + (f"\n{advice}" if advice else "")
        else:
            group = T.group_ack(ticket.id, ticket.category, handler)
            if _unrouted(ticket):
                group += "\n" + T.which_building_for_its_worker(ticket.compound_id is not None)
        ack = _reporter_ack(ticket, handler, notified, advice)
        if ticket.private and ticket.urgent and ticket.building is None and ticket.hazard != "lost":
            # the group is not asked where (it hears only the number): the reporter is, privately
            ack += "\n" + T.urgent_which_building_privately(ticket.compound_id is not None)
        elif ticket.private and _unrouted(ticket):
            ack += "\n" + T.which_building_for_its_worker_privately(ticket.compound_id is not None)
        out = [_back(here, group + hint), *_to(ticket.reporter_id, ack)]
    else:
        out = [_back(here, _reporter_ack(ticket, handler, notified, advice))]
    source = T.source(event.group_name, event.reporter_name)
    place = _place(roster, ticket)
    notice = T.worker_new(ticket.id, ticket.category, place, ticket.text, ticket.urgent, source, event.alike)
    for person in staff:
        out += _to(person, notice)
    return out


def _unrouted(ticket) -> bool:
    """In no grid for want of a building (a compound's or community's group): its building decides whose it is,
    and the reporter's next words give it (handlers.complaints.router.building_of_an_urgent_report places it)."""
    return ticket.grid_id is None and ticket.building is None and not ticket.urgent


def _told_of_new(ticket: Ticket | TicketSnapshot, assignment, roster: RosterView) -> list[str]:
    """The assignee and the other admins it was routed to; for an urgent ticket, the grid head too."""
    people = [assignment.assignee_id, *assignment.also_notify]
    if ticket.urgent:
        people.append(_grid_head(roster, ticket))
    return [p for p in dict.fromkeys(people) if p]


def _reporter_ack(ticket, handler: str, notified: list[str], advice: str | None) -> str:
    if not ticket.urgent:
        return T.reporter_ack(ticket.id, handler)
    return T.urgent_reporter_ack(ticket.id, notified) + (f"\n{advice}" if advice else "")


def _place(roster: RosterView, ticket) -> str:
    compound = roster.compounds.get(ticket.compound_id) if ticket.compound_id else None
    return " ".join(p for p in (compound.name if compound else "", T.ticket_place(ticket)) if p)


@_messages.register
def _(event: Accepted, roster: RosterView, here: Here) -> list[Outbound]:
    ticket, by = event.ticket, roster.title(event.actor)
    out = [
        _back(here, T.accepted_worker(ticket.id)),
        *_to(ticket.reporter_id, T.accepted_reporter(ticket.id, by)),
        *_assignee_if_someone_else(event, T.acted_for_you(ticket.id, by, "接单")),
    ]
    return out + _someone_is_coming(ticket, by) + _head_of_urgent(roster, event, T.urgent_taken_head(ticket.id, by))


def _someone_is_coming(ticket, by: str) -> list[Outbound]:
    """The group was alarmed by an urgent report: it hears when someone takes it on."""
    if not (ticket.urgent and _told_in_group(ticket)):
        return []
    return [Outbound(T.urgent_accepted_group(ticket.id, by), chat=ticket.chat, platform=ticket.platform)]


def _told_in_group(ticket) -> bool:
    """Reported in a group, and not something only the people handling it may hear about."""
    return not ticket.chat.startswith("dm:") and not ticket.private and ticket.category not in PRIVATE_CATEGORIES


@_messages.register
def _(event: Progressed, roster: RosterView, here: Here) -> list[Outbound]:
    ticket, by = event.ticket, roster.title(event.actor)
    return [
        _back(here, T.progress_worker(ticket.id)),
        *_to(ticket.reporter_id, T.progress_reporter(ticket.id, event.note)),
        *_assignee_if_someone_else(event, T.acted_for_you(ticket.id, by, f"反馈进展：{event.note}")),
        *(_someone_is_coming(ticket, by) if event.accepted_now else []),
        # (taken on by 进度, the head hears it as by 接单: a newcomer's, stop 40, had heard nothing)
        *(_head_of_urgent(roster, event, T.urgent_taken_head(ticket.id, by)) if event.accepted_now else []),
    ]


@_messages.register
def _(event: Resolved, roster: RosterView, here: Here) -> list[Outbound]:
    ticket, by = event.ticket, roster.title(event.actor)
    return [
        _back(here, T.resolved_worker(ticket.id)),
        *_to(ticket.reporter_id, T.resolved_reporter(ticket.id, event.note), rating_buttons(ticket.id)),
        *_assignee_if_someone_else(event, T.acted_for_you(ticket.id, by, "办结")),
        *_outcome_in_group(ticket, event.reopenings),
        *_head_of_urgent(roster, event, T.urgent_done_head(ticket.id, by, event.note)),
    ]


def _head_of_urgent(roster: RosterView, event: TicketEvent, text: str) -> list[Outbound]:
    """The grid head, alerted of an urgent ticket, hears that it was taken on and done (a newcomer's, stop 39: the
    head's last word of it had been 仍无人接单), unless they did it themselves or have it."""
    ticket, head = event.ticket, _grid_head(roster, event.ticket)
    if not ticket.urgent or head in (None, event.actor, ticket.assignee_id):
        return []
    return _to(head, text)


def _outcome_in_group(ticket: Ticket, reopenings: int = 0) -> list[Outbound]:
    """One line in the group it came from, once for each time it is done (the first, and again after each reopening
    the group heard of); none for a dispute."""
    if not _told_in_group(ticket):
        return []
    text = T.resolved_group(ticket.id, ticket.category, ticket.urgent)
    once = f"ticket-done:{ticket.id}" + (f":{reopenings}" if reopenings else "")
    return [Outbound(text, chat=ticket.chat, platform=ticket.platform, once=once)]


def _reopening_in_group(ticket: Ticket, reopenings: int) -> list[Outbound]:
    """The group heard it was done: it hears it is not, once for each reopening (a newcomer's, stop 41: the group
    learnt of a reopening only by asking, and till then believed it fixed); none for a dispute."""
    if not _told_in_group(ticket):
        return []
    text = T.reopened_group(ticket.id, ticket.category, ticket.urgent)
    once = f"ticket-reopened:{ticket.id}:{reopenings}"
    return [Outbound(text, chat=ticket.chat, platform=ticket.platform, once=once)]


@_messages.register
def _(event: Closed, roster: RosterView, here: Here) -> list[Outbound]:
    ticket = event.ticket
    reporter = Outbound(T.closed_reporter(ticket.id), chat=private_chat_id(ticket.reporter_id), platform=here.platform)
    return [reporter, *_to(ticket.assignee_id, T.closed_worker(ticket.id))]


@_messages.register
def _(event: Reopened, roster: RosterView, here: Here) -> list[Outbound]:
    ticket = event.ticket
    text = T.reopened_reporter(ticket.id, event.by_mistake, event.explained)
    reporter = Outbound(text, chat=private_chat_id(ticket.reporter_id), platform=here.platform)
    staff = _to_handler_and_head(roster, ticket, T.reopened_staff(ticket.id))
    return [reporter, *staff, *_reopening_in_group(ticket, event.reopenings)]


@_messages.register
def _(event: RatingTakenBack, roster: RosterView, here: Here) -> list[Outbound]:
    ticket = event.ticket
    told = _to_handler_and_head(roster, ticket, T.taken_back_staff(ticket.id, event.late))
    # closed after all: the group, told of the reopening, hears it is done again (late: still being handled)
    group = [] if event.late else _outcome_in_group(ticket, event.reopenings)
    return [_back(here, T.taken_back_reporter(ticket.id, event.late)), *told, *group]


@_messages.register
def _(event: ReporterExplained, roster: RosterView, here: Here) -> list[Outbound]:
    ticket = event.ticket
    told = _to_handler_and_head(roster, ticket, T.explained_staff(ticket.id, event.words))
    return [_back(here, T.explained_reporter(ticket.id, bool(told))), *told]


@_messages.register
def _(event: AlsoReported, roster: RosterView, here: Here) -> list[Outbound]:
    """The neighbour told it is registered and who was told (with the danger's advice, as for the first report);
    whoever has it and the grid head told their words, as urgent. Not the first reporter: nothing changed for them."""
    ticket = event.ticket
    staff = _handler_and_head(roster, ticket)
    notified = [roster.title(person) for person in staff] or [T.NO_HANDLER]
    advice = T.safety_advice(ticket.hazard, ticket.category)
    ack = T.also_reported_ack(ticket.id, ticket.category, notified) + (f"\n{advice}" if advice else "")
    source = T.source(event.group_name, event.reporter_name)
    told = T.also_reported_staff(ticket.id, ticket.category, _place(roster, ticket), event.words, source)
    return [_back(here, ack), *_to_handler_and_head(roster, ticket, told)]


def _to_reporter_and_group(event, here: Here, answer: str, group_line: str) -> list[Outbound]:
    """A reporter's answer, privately when they spoke in a group; and the group a public ticket came from its one
    line, the first time (its number is the group's already: no one named)."""
    ticket = event.ticket
    back = _to(event.actor, answer) if here.is_group else [_back(here, answer)]
    if here.is_group and ticket.chat == here.chat and _told_in_group(ticket) and not event.again:
        back.append(_back(here, group_line))
    return back


@_messages.register
def _(event: ReporterPressed, roster: RosterView, here: Here) -> list[Outbound]:
    """The staff pressed (unless a moment ago), and the reporter told so, privately: in a group, asking after a
    ticket must not tell the group who reported what (the status list goes privately for the same reason)."""
    ticket = event.ticket
    told: list[Outbound] = []
    if not event.again:
        accepted = ticket.status == ACCEPTED
        words = event.words if event.actor == ticket.reporter_id else T.said_by(event.name, event.words)
        place = _place(roster, ticket)
        text = T.pressed_staff(ticket.id, ticket.category, place, words, event.waited_minutes, accepted)
        told = _to_handler_and_head(roster, ticket, text)
    answer = T.pressed_reporter(ticket.id, bool(told), event.again)
    return [*_to_reporter_and_group(event, here, answer, T.pressed_group(ticket.id)), *told]


@_messages.register
def _(event: ReporterStoodDown, roster: RosterView, here: Here) -> list[Outbound]:
    """The staff told the reporter's words (unless a moment ago), the reporter told so privately, and a group the
    ticket came from told only that its staff heard the latest: as with a press, nobody named."""
    ticket = event.ticket
    told: list[Outbound] = []
    if not event.again:
        words = event.words if event.actor == ticket.reporter_id else T.said_by(event.name, event.words)
        text = T.stood_down_staff(ticket.id, ticket.category, _place(roster, ticket), words, ticket.urgent)
        told = _to_handler_and_head(roster, ticket, text)
    answer = T.stood_down_reporter(ticket.id, bool(told), event.again)
    return [*_to_reporter_and_group(event, here, answer, T.stood_down_group(ticket.id)), *told]


@_messages.register
def _(event: Transferred, roster: RosterView, here: Here) -> list[Outbound]:
    ticket, to_title, by = event.ticket, roster.title(event.to), roster.title(event.actor)
    out = [
        _back(here, T.transferred_from(ticket.id, to_title)),
        *_to(event.to, T.transferred_to(ticket.id, ticket.category, ticket.text, by, ticket.urgent)),
    ]
    if event.previous and event.previous not in (event.actor, event.to):
        out += _to(event.previous, T.transferred_from(ticket.id, to_title))
    return out + _to(ticket.reporter_id, T.transferred_reporter(ticket.id, to_title))


@_messages.register
def _(event: NobodyAccepted, roster: RosterView, here: Here) -> list[Outbound]:
    """Told again: the grid head and the community's admins (and the assignee, who has not answered)."""
    ticket = event.ticket
    people = [ticket.assignee_id, _grid_head(roster, ticket)]
    if ticket.community_id is not None:
        people += roster.holders("community_admin", community_id=ticket.community_id)
    text = T.urgent_reminder(ticket.id, ticket.category, event.minutes, _place(roster, ticket), event.over)
    return [m for person in dict.fromkeys(p for p in people if p) for m in _to(person, text)]
