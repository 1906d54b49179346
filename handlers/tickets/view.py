"""One ticket in full (工单 N): place, text, status, assignee and timeline, for those who may act on it."""

from __future__ import annotations

from handlers.tickets import texts as T
from storage.models import Ticket
from storage.roster_view import RosterView
from storage.store import Store


def describe(store: Store, roster: RosterView, ticket: Ticket, *, for_staff: bool) -> str:
    """The reporter sees the same, without their own name and with staff named by title only."""
    events = store.tickets.events(ticket.id)
    residents = {e.actor_id for e in events if e.actor_id and e.actor_id not in roster.staff} | {ticket.reporter_id}
    names = store.accounts.names(residents)

    def who(person: str | None) -> str:
        if person is None:
            return ""
        if person in roster.staff:
            return roster.title(person)
        return names.get(person, "居民") if for_staff else "反映人"

    timeline = [T.timeline_line(e.at, e.type, who(e.actor_id), _note(e, who)) for e in events]
    compound = roster.compounds.get(ticket.compound_id) if ticket.compound_id else None
    return T.ticket_view(
        ticket,
        place=T.ticket_place(ticket),
        where=compound.name if compound else "",
        assignee=roster.title(ticket.assignee_id) if ticket.assignee_id else T.NO_HANDLER,
        reporter=names.get(ticket.reporter_id, "居民") if for_staff else None,
        timeline=timeline,
    )


def _note(event, who) -> str:
    """Notes as people read them: an assignment or transfer names people, not ids."""
    if event.type == "assigned":
        return who(event.note)
    if event.type == "transferred" and "→" in event.note:
        before, _, after = event.note.partition("→")
        return f"{who(before) or '（无）'} → {who(after)}"
    return event.note
