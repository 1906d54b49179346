"""Tickets and their events (every change a row: who, when, what)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func
from sqlmodel import col, select

from storage.fast import insert_returning_id, insert_row, newest_ids
from storage.models import Ticket, TicketEvent

if TYPE_CHECKING:
    from storage.store import Store


@dataclass(frozen=True, slots=True)
class TicketSnapshot:
    """A ticket as it was just stored, read-only: what the notifications of a new ticket need. (Building the
    ORM object instead cost a twentieth of every report.)"""

    id: int
    status: str
    category: str
    building: int | None
    unit: int | None
    room: str | None
    urgent: bool
    hazard: str | None
    private: bool
    text: str
    chat: str
    platform: str
    compound_id: int | None
    community_id: int | None
    grid_id: int | None
    reporter_id: str
    assignee_id: str | None
    source_key: str
    created_at: datetime
    updated_at: datetime


class Tickets:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, values: dict, events: list[tuple[str, str | None, str]]) -> TicketSnapshot:
        """Store a new ticket and its first events (type, actor, note), straight to the driver: this runs for
        every report, and the ORM's unit of work cost most of it. Its unique source_key makes a twin from the
        same source fail here. A later change in the same unit of work loads the ticket with `get`."""
        connection = self.store._connection
        ticket = TicketSnapshot(id=insert_returning_id(connection, Ticket.__table__, values), **values)
        at = values["created_at"]
        rows = [{"ticket_id": ticket.id, "at": at, "type": t, "actor_id": a, "note": n} for t, a, n in events]
        insert_row(connection, TicketEvent.__table__, rows)
        return ticket

    def get(self, number: int, lock: bool = False, fresh: bool = False) -> Ticket | None:
        """`lock` holds the ticket's row until the unit of work ends, so two changes cannot interleave. Changes
        made to the ticket returned are saved with the unit of work. `fresh`: read again from the database under the
        lock, for a check made on it (a copy read before the lock may be stale: a review's, stop 39)."""
        return self.store._orm.get(Ticket, number, with_for_update=lock, populate_existing=fresh)

    def add_event(self, ticket_id: int, at: datetime, kind: str, actor: str | None, note: str) -> None:
        self.store._orm.add(TicketEvent(ticket_id=ticket_id, at=at, type=kind, actor_id=actor, note=note))

    def events(self, ticket_id: int) -> list[TicketEvent]:
        self.store.flush()
        query = select(TicketEvent).where(TicketEvent.ticket_id == ticket_id).order_by(TicketEvent.id)
        return list(self.store._orm.exec(query))

    def assigned_to(self, person_id: str, statuses: tuple[str, ...]) -> list[Ticket]:
        query = select(Ticket).where(Ticket.assignee_id == person_id, col(Ticket.status).in_(statuses))
        return list(self.store._orm.exec(query.order_by(Ticket.id)))

    def in_communities(
        self, community_ids: set[int] | None, statuses: tuple[str, ...], limit: int = 2000
    ) -> list[Ticket]:
        """Those of these communities (None: all) in these states, newest first."""
        query = select(Ticket).where(col(Ticket.status).in_(statuses))
        if community_ids is not None:
            query = query.where(col(Ticket.community_id).in_(community_ids))
        return list(self.store._orm.exec(query.order_by(col(Ticket.id).desc()).limit(limit)))

    def count_in_communities(self, community_ids: set[int] | None, statuses: tuple[str, ...]) -> int:
        query = select(func.count()).select_from(Ticket).where(col(Ticket.status).in_(statuses))
        if community_ids is not None:
            query = query.where(col(Ticket.community_id).in_(community_ids))
        return self.store._orm.exec(query).one()

    def in_grids(self, grid_ids: set[int], statuses: tuple[str, ...], limit: int = 50) -> list[Ticket]:
        query = select(Ticket).where(col(Ticket.grid_id).in_(grid_ids), col(Ticket.status).in_(statuses))
        return list(self.store._orm.exec(query.order_by(Ticket.id).limit(limit)))

    def open_alike(self, ticket_id: int, compound_id: int, building: int, category: str, statuses) -> list[int]:
        """Other tickets of the same kind at the same building still being handled, newest first (three at most)."""
        equal = {"compound_id": compound_id, "building": building, "category": category}
        found = newest_ids(self.store._connection, Ticket.__table__, equal, ("status", tuple(statuses)))
        return [number for number in found if number != ticket_id][:3]

    def reported_by(self, person_id: str, limit: int) -> list[Ticket]:
        query = select(Ticket).where(Ticket.reporter_id == person_id).order_by(col(Ticket.id).desc()).limit(limit)
        return list(self.store._orm.exec(query))

    def same_danger(
        self, hazard: str, compound_id: int, building: int, since: datetime, statuses: tuple[str, ...]
    ) -> list[Ticket]:
        """Urgent tickets of this danger at this building opened since `since` and still in these states, newest
        first: what a neighbour's report of the same danger is (a few at most; read only for an urgent report)."""
        query = select(Ticket).where(
            Ticket.urgent,
            Ticket.hazard == hazard,
            Ticket.compound_id == compound_id,
            Ticket.building == building,
            Ticket.created_at >= since,
            col(Ticket.status).in_(statuses),
        )
        return list(self.store._orm.exec(query.order_by(col(Ticket.id).desc()).limit(5)))

    def joined_by(self, person_id: str, limit: int) -> list[tuple[Ticket, datetime]]:
        """Tickets whose danger this person reported after someone else (a 'joined' event of theirs), with when they
        did, latest first."""
        query = (
            select(Ticket, TicketEvent.at)
            .join(TicketEvent, col(TicketEvent.ticket_id) == Ticket.id)
            .where(TicketEvent.type == "joined", TicketEvent.actor_id == person_id)
            .order_by(col(TicketEvent.at).desc())
            .limit(limit)
        )
        return [(ticket, at) for ticket, at in self.store._orm.exec(query)]

    def urgent_unaccepted(self, opened_between: tuple[datetime, datetime], limit: int = 100) -> list[Ticket]:
        """Urgent tickets opened in the window that nobody has ever accepted, not yet reminded of; locked (others
        skipped), and `reminded_at` is the ticket's own column, so of two processes only one takes each."""
        accepted = select(TicketEvent.id).where(TicketEvent.ticket_id == Ticket.id, TicketEvent.type == "accepted")
        earliest, latest = opened_between
        query = (
            select(Ticket)
            .where(
                Ticket.urgent,
                Ticket.status == "open",
                col(Ticket.reminded_at).is_(None),
                Ticket.created_at >= earliest,
                Ticket.created_at <= latest,
                ~accepted.exists(),
            )
            .order_by(Ticket.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list(self.store._orm.exec(query))

    def page(self, status: str | None, grid_id: int | None, limit: int) -> tuple[list[Ticket], int]:
        """The newest tickets (optionally of one status or grid), and how many there are in all."""
        conditions = []
        if status:
            conditions.append(Ticket.status == status)
        if grid_id is not None:
            conditions.append(Ticket.grid_id == grid_id)
        session = self.store._orm
        total = session.exec(select(func.count()).select_from(Ticket).where(*conditions)).one()
        rows = session.exec(select(Ticket).where(*conditions).order_by(col(Ticket.id).desc()).limit(limit))
        return list(rows), total
