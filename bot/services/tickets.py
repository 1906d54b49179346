"""The ticket state machine: open → accepted → resolved → closed, reopen → open; every change an event.

Modelled on Amsterdam/signals' workflow: an explicit table of allowed transitions, checked in one place.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.engine import Connection
from sqlmodel import Session, col, select

from bot.clock import Clock
from bot.services.roster_view import RosterView
from bot.services.routing import Route
from storage.fast import insert_returning_id, insert_row
from storage.models import Ticket, TicketEvent

OPEN, ACCEPTED, RESOLVED, CLOSED = "open", "accepted", "resolved", "closed"
ACTIVE = (OPEN, ACCEPTED)

# action → (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "accept": ((OPEN,), ACCEPTED),
    "progress": ((ACCEPTED,), ACCEPTED),
    "resolve": ((ACCEPTED,), RESOLVED),
    "transfer": (ACTIVE, OPEN),
    "close": ((RESOLVED,), CLOSED),
    "reopen": ((RESOLVED,), OPEN),
}


class TicketError(Exception):
    """A refused action; `reason` is a key into the feature's texts."""

    def __init__(self, reason: str, ticket: Ticket | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.ticket = ticket


@dataclass(frozen=True)
class NewTicket:
    category: str
    text: str
    chat: str
    platform: str
    reporter_id: str
    source_key: str
    building: int | None = None
    unit: int | None = None
    room: str | None = None
    urgent: bool = False


class TicketService:
    """Over the caller's transaction: `connection` for the hot path's plain inserts, and `session`, a function
    giving the ORM session of that same transaction, opened only when first needed (opening a report needs
    none, and a session's start cost a fifth of that path)."""

    def __init__(self, connection: Connection, clock: Clock, roster: RosterView, session: Callable[[], Session]):
        self.connection = connection
        self.clock = clock
        self.roster = roster
        self._session = session

    @functools.cached_property
    def s(self) -> Session:
        return self._session()

    def open(self, new: NewTicket, route: Route) -> Ticket:
        """Store a new ticket and its first events, straight to the driver (this runs for every report, and
        the ORM's unit of work cost most of it). Its unique source_key makes a twin from the same source fail
        here (the dispatcher then runs the message again, and the second time it is seen as handled)."""
        now = self.clock.now()
        values = {
            "status": OPEN,
            "category": new.category,
            "building": new.building,
            "unit": new.unit,
            "room": new.room,
            "urgent": new.urgent,
            "text": new.text,
            "chat": new.chat,
            "platform": new.platform,
            "compound_id": route.compound_id,
            "community_id": route.community_id,
            "grid_id": route.grid_id,
            "reporter_id": new.reporter_id,
            "assignee_id": route.assignee_id,
            "source_key": new.source_key,
            "created_at": now,
            "updated_at": now,
        }
        connection = self.connection
        ticket = Ticket(id=insert_returning_id(connection, Ticket.__table__, values), **values)
        events = [_event_row(ticket.id, now, "opened", new.reporter_id, "")]
        if route.assignee_id:
            events.append(_event_row(ticket.id, now, "assigned", None, route.assignee_id))
        insert_row(connection, TicketEvent.__table__, events)
        return ticket  # not in the session: a later change in this message loads it from the database

    def to_tell_of_new(self, ticket: Ticket, route: Route) -> list[str]:
        """The assignee, other admins it was routed to, and the grid head too when it is urgent."""
        people = [route.assignee_id, *route.also_notify]
        if ticket.urgent:
            people.append(self.grid_head(ticket))
        return [p for p in dict.fromkeys(people) if p]

    def get(self, number: int, lock: bool = False) -> Ticket:
        """The ticket; `lock` holds its row until the transaction ends, so two changes cannot interleave."""
        ticket = self.s.get(Ticket, number, with_for_update=lock)
        if ticket is None:
            raise TicketError("no_such_ticket")
        return ticket

    def accept(self, number: int, actor: str) -> Ticket:
        return self._move(number, actor, "accept", "accepted", "")

    def progress(self, number: int, actor: str, note: str) -> Ticket:
        ticket = self._authorised(number, actor)
        if ticket.status == OPEN:
            self._apply(ticket, actor, "accept", "accepted", "")
        return self._apply(ticket, actor, "progress", "progress", note)

    def resolve(self, number: int, actor: str, note: str) -> Ticket:
        ticket = self._authorised(number, actor)
        if ticket.status == OPEN:  # a worker who fixes it at once need not 接单 first
            self._apply(ticket, actor, "accept", "accepted", "")
        return self._apply(ticket, actor, "resolve", "resolved", note)

    def transfer(self, number: int, actor: str, to_person: str) -> Ticket:
        """Hand the ticket to someone else; it moves to their grid and community, so their head and admins
        (and no longer the old ones) may act on it."""
        ticket = self._authorised(number, actor)
        if to_person == ticket.assignee_id:
            raise TicketError("same_assignee", ticket)
        self._apply(ticket, actor, "transfer", "transferred", f"{ticket.assignee_id or ''}→{to_person}")
        ticket.assignee_id = to_person
        ticket.grid_id, community = self._placement_of(to_person, ticket)
        ticket.community_id = community or ticket.community_id
        return ticket

    def rate(self, number: int, actor: str, satisfied: bool) -> Ticket:
        ticket = self.get(number, lock=True)
        if actor != ticket.reporter_id:
            raise TicketError("not_reporter", ticket)
        self._check(ticket, "close")
        self._event(ticket, "rated", actor, "满意" if satisfied else "不满意")
        if satisfied:
            return self._apply(ticket, actor, "close", "closed", "")
        return self._apply(ticket, actor, "reopen", "reopened", "居民不满意")

    def may_act(self, ticket: Ticket, person_id: str) -> bool:
        """The assignee, the grid head, and the community and street admins may act on a ticket."""
        if person_id == ticket.assignee_id or (person_id and person_id == self.grid_head(ticket)):
            return True
        return self.roster.administers(person_id, ticket.community_id)

    def assigned_to(self, person_id: str, statuses: tuple[str, ...] = (OPEN, ACCEPTED, RESOLVED)) -> list[Ticket]:
        query = select(Ticket).where(Ticket.assignee_id == person_id, col(Ticket.status).in_(statuses))
        return list(self.s.exec(query.order_by(Ticket.id)))

    def reported_by(self, person_id: str, limit: int = 10) -> list[Ticket]:
        query = select(Ticket).where(Ticket.reporter_id == person_id).order_by(col(Ticket.id).desc()).limit(limit)
        return list(self.s.exec(query))

    def events(self, ticket: Ticket) -> list[TicketEvent]:
        query = select(TicketEvent).where(TicketEvent.ticket_id == ticket.id).order_by(TicketEvent.id)
        return list(self.s.exec(query))

    def grid_head(self, ticket: Ticket) -> str | None:
        grid = self.roster.grids.get(ticket.grid_id) if ticket.grid_id else None
        return grid.head_id if grid else None

    # --- internals -------------------------------------------------------------------------------

    def _authorised(self, number: int, actor: str) -> Ticket:
        ticket = self.get(number, lock=True)
        if not self.may_act(ticket, actor):
            raise TicketError("not_allowed", ticket)
        return ticket

    def _move(self, number: int, actor: str, action: str, event: str, note: str) -> Ticket:
        return self._apply(self._authorised(number, actor), actor, action, event, note)

    def _check(self, ticket: Ticket, action: str) -> str:
        sources, target = TRANSITIONS[action]
        if ticket.status not in sources:
            raise TicketError(f"bad_state:{action}", ticket)
        return target

    def _apply(self, ticket: Ticket, actor: str, action: str, event: str, note: str) -> Ticket:
        ticket.status = self._check(ticket, action)
        ticket.updated_at = self.clock.now()
        self._event(ticket, event, actor, note)
        return ticket

    def _event(self, ticket: Ticket, kind: str, actor: str | None, note: str) -> None:
        self.s.add(TicketEvent(ticket_id=ticket.id, at=self.clock.now(), type=kind, actor_id=actor, note=note))

    def _placement_of(self, person_id: str, ticket: Ticket) -> tuple[int | None, int | None]:
        """(grid, community) a person works in; of several grids, the one holding the ticket's building."""
        roles = self.roster.roles.get(person_id, [])
        grids = [r.grid_id for r in roles if r.grid_id is not None]
        holding = self.roster.building_grid.get((ticket.compound_id, ticket.building))
        if holding in grids:
            grids = [holding]
        if grids:
            return grids[0], self.roster.grids[grids[0]].community_id
        communities = [r.community_id for r in roles if r.community_id is not None]
        return None, communities[0] if communities else None


def _event_row(ticket_id: int, at, kind: str, actor: str | None, note: str) -> dict:
    return {"ticket_id": ticket_id, "at": at, "type": kind, "actor_id": actor, "note": note}
