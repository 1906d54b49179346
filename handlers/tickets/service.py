"""The ticket state machine: open → accepted → resolved → closed, reopen → open; every change an event row,
and every change returned as domain events (handlers.tickets.events) for the notifications to tell.

Modelled on Amsterdam/signals' workflow: an explicit table of allowed transitions, checked in one place.
Plain code over the tickets repository, the roster snapshot and the injected clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.nlp.places import Place
from bot.vocabulary import ACCEPTED, ACTIVE_STATUSES, CLOSED, OPEN, PRIVATE_CATEGORIES, RESOLVED
from handlers.tickets.assign import Assignment, assign
from handlers.tickets.events import (
    Accepted,
    AlsoReported,
    Closed,
    Located,
    NobodyAccepted,
    Opened,
    Progressed,
    Rated,
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
from storage.repositories.tickets import Tickets
from storage.roster_view import RosterView

# A second report of the same danger at the same building within this joins the first (a gas leak smelt by three
# neighbours is one leak to send someone to); later, or once resolved, it is a ticket of its own.
SAME_DANGER_MINUTES = 60
PRESS_WITHIN_HOURS = 12  # an urgent ticket is about now: older, the deadlines' ladder presses it
PRESS_EVERY_MINUTES = 10  # a reporter's questions within this are one press: the staff are not told twice
# 没事了 in a group is about one's report only soon after it (a false alarm is told at once); hours later it is talk
STAND_DOWN_IN_GROUP_HOURS = 2

# action → (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "accept": ((OPEN,), ACCEPTED),
    "progress": ((ACCEPTED,), ACCEPTED),
    "resolve": ((ACCEPTED,), RESOLVED),
    "transfer": (ACTIVE_STATUSES, OPEN),
    "close": ((RESOLVED,), CLOSED),
    "reopen": ((RESOLVED,), OPEN),
    "take_back": ((OPEN,), CLOSED),  # a 不满意 tapped by mistake, before anyone acted on the reopened ticket
    "take_back_satisfied": ((CLOSED,), OPEN),  # a 满意 tapped by mistake, soon after
}


def reports_and_joins(tickets: Tickets, person_id: str, limit: int) -> list[Ticket]:
    """A person's reports and the tickets they joined, the one they spoke of last first (a gas leak joined after a
    street light reported is her newest: a review's, stop 39)."""
    when: dict[int, tuple] = {}
    own = [(ticket, ticket.created_at) for ticket in tickets.reported_by(person_id, limit)]
    for ticket, at in (*own, *tickets.joined_by(person_id, limit)):
        if ticket.id not in when or at > when[ticket.id][1]:
            when[ticket.id] = (ticket, at)
    return [ticket for ticket, _ in sorted(when.values(), key=lambda pair: pair[1], reverse=True)][:limit]


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
    reporter_name: str
    source_key: str
    group_name: str | None = None
    building: int | None = None
    unit: int | None = None
    room: str | None = None
    urgent: bool = False
    hazard: str | None = None
    private: bool = False  # might be a dispute: the group hears only its number


@dataclass(frozen=True)
class Overview:
    """The tickets still being handled or awaiting a rating in someone's scope, for its overview."""

    scope: str  # 全街道, or the communities' names
    tickets: list[Ticket]  # those still being handled, newest first
    awaiting_rating: int
    grid_names: dict[int, str]
    now: datetime


class TicketService:
    def __init__(self, tickets: Tickets, clock: Clock, roster: RosterView) -> None:
        self.tickets = tickets
        self.clock = clock
        self.roster = roster

    def open(self, new: NewTicket, assignment: Assignment) -> Opened:
        """A new ticket, assigned. Its unique source key makes a twin from the same source fail here (the
        dispatcher then runs the message again, and the second time it is seen as handled)."""
        now = self.clock.now()
        values = {
            "status": OPEN,
            "category": new.category,
            "building": new.building,
            "unit": new.unit,
            "room": new.room,
            "urgent": new.urgent,
            "hazard": new.hazard,
            "private": new.private or new.category in PRIVATE_CATEGORIES,
            "text": new.text,
            "chat": new.chat,
            "platform": new.platform,
            "compound_id": assignment.compound_id,
            "community_id": assignment.community_id,
            "grid_id": assignment.grid_id,
            "reporter_id": new.reporter_id,
            "assignee_id": assignment.assignee_id,
            "source_key": new.source_key,
            "created_at": now,
            "updated_at": now,
        }
        events = [("opened", new.reporter_id, "")]
        if assignment.assignee_id:
            events.append(("assigned", None, assignment.assignee_id))
        ticket = self.tickets.add(values, events)
        alike = ()
        if assignment.compound_id is not None and new.building is not None and not new.urgent:
            # (a neighbour's report of what is already open, 3号楼楼下那堆垃圾到底有没有人管啊: the handler sees both
            # and may close one with the other's number; urgent ones join by their danger instead)
            found = self.tickets.open_alike(
                ticket.id, assignment.compound_id, new.building, new.category, ACTIVE_STATUSES
            )
            alike = tuple(found)
        return Opened(ticket, new.reporter_id, assignment, new.reporter_name, new.group_name, alike)

    def get(self, number: int, lock: bool = False, fresh: bool = False) -> Ticket:
        ticket = self.tickets.get(number, lock=lock, fresh=fresh)
        if ticket is None:
            raise TicketError("no_such_ticket")
        return ticket

    def accept(self, number: int, actor: str) -> list[TicketEvent]:
        ticket = self._authorised(number, actor)
        self._apply(ticket, actor, "accept", "accepted", "")
        return [Accepted(ticket, actor)]

    def progress(self, number: int, actor: str, note: str) -> list[TicketEvent]:
        ticket = self._authorised(number, actor)
        accepting = ticket.status == OPEN
        if accepting:
            self._apply(ticket, actor, "accept", "accepted", "")
        self._apply(ticket, actor, "progress", "progress", note)
        return [Progressed(ticket, actor, note, accepted_now=accepting)]

    def resolve(self, number: int, actor: str, note: str) -> list[TicketEvent]:
        ticket = self._authorised(number, actor)
        if ticket.status == OPEN:  # a worker who fixes it at once need not 接单 first
            self._apply(ticket, actor, "accept", "accepted", "")
        self._apply(ticket, actor, "resolve", "resolved", note)
        return [Resolved(ticket, actor, note, self._reopenings(ticket.id))]

    def transfer(self, number: int, actor: str, to_person: str) -> list[TicketEvent]:
        """Hand the ticket to someone else; it moves to their grid and community, so their head and admins
        (and no longer the old ones) may act on it."""
        ticket = self._authorised(number, actor)
        previous = ticket.assignee_id
        if to_person == previous:
            raise TicketError("same_assignee", ticket)
        self._apply(ticket, actor, "transfer", "transferred", f"{previous or ''}→{to_person}")
        ticket.assignee_id = to_person
        ticket.grid_id, community = self._placement_of(to_person, ticket)
        ticket.community_id = community or ticket.community_id
        return [Transferred(ticket, actor, previous, to_person)]

    def locate(
        self,
        number: int,
        actor: str,
        actor_name: str,
        compound: str | None,
        place,
        note: str,
        quiet: bool = False,
        whole_place: bool = False,
        pressing: bool = False,
    ) -> list[TicketEvent]:
        """The reporter's answer to where an urgent ticket is (`compound`, None if they named none, and `place`)
        and `note`, their words. It is assigned by that place as a new ticket would be (the ticket's own building
        if the answer gives none); still open with whoever it was first assigned to (never taken on nor
        transferred), it moves to that place's grid, or its community's admins; any other keeps its handler, who
        is told. The words are kept on the ticket either way; the place too, unless it is done with. `whole_place`:
        the place replaces the ticket's own, building included (another compound than said before)."""
        ticket = self.get(number, lock=True)
        if actor != ticket.reporter_id:
            if not self._joined(ticket, actor):
                raise TicketError("not_reporter", ticket)
            compound, place, whole_place = None, Place(), False  # a neighbour's words are notes: the place is known
        replaced = whole_place or place.building is not None
        building = place.building if replaced else ticket.building
        found = assign(self.roster, chat=None, compound_name=compound, building=building) if compound else None
        previous = ticket.assignee_id
        first_hands = found is not None and self._still_first_hands(ticket)  # (reads its events: once)
        moves = first_hands and found.assignee_id not in (None, previous)
        # Not from a grid to a community's admins on a compound alone, unless it is another compound than said.
        moves = moves and (found.grid_id is not None or ticket.grid_id is None or whole_place)
        # The place is written down where it moves, where it adds to what an active ticket knows, or where it
        # corrects the building in the same compound while still in first hands; never rewritten under a handler
        # who stays (the record would contradict itself).
        corrects = first_hands and found.compound_id == ticket.compound_id
        adds = found is not None and ticket.compound_id is None and ticket.status in ACTIVE_STATUSES
        if found is not None and (moves or adds or corrects):
            ticket.compound_id = found.compound_id or ticket.compound_id
            ticket.community_id = found.community_id or ticket.community_id
            if replaced:
                ticket.building, ticket.unit, ticket.room = place.building, place.unit, place.room
        ticket.updated_at = self.clock.now()
        self._event(ticket, "located", actor, note)
        if moves:
            ticket.assignee_id, ticket.grid_id = found.assignee_id, found.grid_id
            ticket.reminded_at = None  # the new handler is reminded in their turn if nobody accepts
            self._event(ticket, "assigned", None, found.assignee_id)
        to = found.assignee_id if moves else None
        placed = found is not None and (moves or adds or corrects) and replaced
        return [Located(ticket, actor, note, previous, to, actor_name, quiet, placed, pressing)]

    def active_among(self, numbers: list[int]) -> set[int]:
        """Those of these tickets still being handled."""
        return {
            number
            for number in numbers
            if (ticket := self.tickets.get(number)) is not None and ticket.status in ACTIVE_STATUSES
        }

    def _joined(self, ticket: Ticket, person_id: str) -> bool:
        return any(e.type == "joined" and e.actor_id == person_id for e in self.tickets.events(ticket.id))

    def _still_first_hands(self, ticket: Ticket) -> bool:
        """Open, and neither taken on nor transferred since it was opened."""
        if ticket.status != OPEN:
            return False
        return not any(event.type in ("accepted", "transferred") for event in self.tickets.events(ticket.id))

    def rate(self, number: int, actor: str, satisfied: bool, explained: bool = False) -> list[TicketEvent]:
        ticket = self.get(number, lock=True)
        if actor != ticket.reporter_id:
            raise TicketError("not_reporter", ticket)
        self._check(ticket, "close")
        self._event(ticket, "rated", actor, "满意" if satisfied else "不满意")
        if satisfied:
            self._apply(ticket, actor, "close", "closed", "")
            return [Rated(ticket, actor, True), Closed(ticket, actor)]
        times = self._reopenings(ticket.id) + 1
        self._apply(ticket, actor, "reopen", "reopened", "居民不满意")
        return [Rated(ticket, actor, False), Reopened(ticket, actor, reopenings=times, explained=explained)]

    def take_back_dissatisfaction(self, number: int, actor: str) -> list[TicketEvent]:
        """The reporter tapped 不满意 by mistake (点错了 是满意的): rated again as satisfied and closed, as the tap they
        meant would have, while nothing has happened to the reopened ticket since (someone took it on again: too
        late, the staff are on it)."""
        ticket = self.get(number, lock=True, fresh=True)
        if actor != ticket.reporter_id:
            raise TicketError("not_reporter", ticket)
        last = self._last_event(ticket.id)
        if ticket.status != OPEN or last is None or last.type != "reopened" or last.actor_id != actor:
            if ticket.status not in (OPEN, ACCEPTED):
                raise TicketError("too_late_to_take_back", ticket)
            # taken on again meanwhile: whoever has it hears it was a mistake, and closes it (a newcomer's, stop 40)
            self._event(ticket, "explained", actor, "刚才的“不满意”点错了，实为满意")
            return [RatingTakenBack(ticket, actor, late=True)]
        times = self._reopenings(ticket.id)
        self._event(ticket, "rated", actor, "满意（反映人说刚才的“不满意”点错了）")
        self._apply(ticket, actor, "take_back", "closed", "")
        return [RatingTakenBack(ticket, actor, reopenings=times)]

    def take_back_satisfaction(self, number: int, actor: str) -> list[TicketEvent]:
        """The reporter tapped 满意 by mistake (点错了 其实还没修好): rated again as not satisfied and reopened, as the
        tap they meant would have, while nothing has happened to the closed ticket since."""
        ticket = self.get(number, lock=True, fresh=True)
        if actor != ticket.reporter_id:
            raise TicketError("not_reporter", ticket)
        last = self._last_event(ticket.id)
        if ticket.status != CLOSED or last is None or last.type != "closed" or last.actor_id != actor:
            raise TicketError("bad_state:reopen", ticket)
        times = self._reopenings(ticket.id) + 1
        self._event(ticket, "rated", actor, "不满意（反映人说刚才的“满意”点错了）")
        self._apply(ticket, actor, "take_back_satisfied", "reopened", "居民不满意")
        return [Rated(ticket, actor, False), Reopened(ticket, actor, by_mistake=True, reopenings=times)]

    def explain_dissatisfaction(self, number: int, actor: str, words: str) -> list[TicketEvent]:
        """The reporter's reason for 不满意, written down on the ticket as they wrote it and passed on."""
        ticket = self.get(number, lock=True)
        if actor != ticket.reporter_id:
            raise TicketError("not_reporter", ticket)
        self._event(ticket, "explained", actor, words)
        return [ReporterExplained(ticket, actor, words)]

    def same_danger_open(self, hazard: str, compound_id: int, building: int, unit: int | None) -> Ticket | None:
        """An urgent ticket of the same danger at the same building and unit (or neither naming one) opened in the
        last SAME_DANGER_MINUTES and not yet resolved: the one a neighbour's report of it joins."""
        since = self.clock.now() - timedelta(minutes=SAME_DANGER_MINUTES)
        found = self.tickets.same_danger(hazard, compound_id, building, since, (OPEN, ACCEPTED))
        # (units equal, none named on both included: 3号楼1单元 and 3号楼顶楼 may be two fires)
        return next((t for t in found if not t.private and t.unit == unit), None)

    def join(self, number: int, reporter: str, reporter_name: str, words: str, group: str | None) -> list[TicketEvent]:
        """A neighbour's report of the danger a ticket is open for: written on its timeline as said, and passed on."""
        ticket = self.get(number, lock=True, fresh=True)
        if ticket.status not in (OPEN, ACCEPTED):
            return []  # resolved meanwhile: a ticket of its own
        self._event(ticket, "joined", reporter, words)
        return [AlsoReported(ticket, reporter, words, reporter_name, group)]

    def press(self, newest: Ticket, reporter: str, words: str, name: str = "") -> list[TicketEvent]:
        """A reporter asking after their reports (人呢 咋还没人来, 咋样了): if `newest`, the first of reported_by, is
        urgent, from the last PRESS_WITHIN_HOURS and still open or only accepted, whoever has it and the grid head
        are pressed with the words as written, at most once in PRESS_EVERY_MINUTES (a reporter asking three times in a
        minute is one press, and is told so). Nothing for other tickets: their answer is the status list, and the
        deadlines' ladder presses them."""
        now = self.clock.now()
        if not newest.urgent or newest.status not in (OPEN, ACCEPTED):
            return []  # (the question may be about a later report: 我报的路灯咋样了 after a gas leak days ago)
        if now - newest.created_at > timedelta(hours=PRESS_WITHIN_HOURS):
            return []
        latest = self.get(newest.id, lock=True, fresh=True)  # (two questions at once: one press)
        if latest.status not in (OPEN, ACCEPTED):
            return []
        waited = max(0, int((now - latest.created_at).total_seconds() // 60))
        last = self._last_event(latest.id, "pressed")
        if last is not None and now - last.at < timedelta(minutes=PRESS_EVERY_MINUTES):
            return [ReporterPressed(latest, reporter, words, waited, again=True, name=name)]
        self._event(latest, "pressed", reporter, words)
        return [ReporterPressed(latest, reporter, words, waited, name=name)]

    def may_stand_down(self, ticket: Ticket, in_group: str | None) -> bool:
        """Whether a reporter's 没事了 can be about one of their reports: still open or only accepted and, said in a
        group, reported in that group within STAND_DOWN_IN_GROUP_HOURS."""
        if ticket.status not in (OPEN, ACCEPTED):
            return False
        if in_group is None:
            return True
        recent = self.clock.now() - ticket.created_at <= timedelta(hours=STAND_DOWN_IN_GROUP_HOURS)
        return recent and ticket.chat == in_group

    def stand_down(self, ticket: Ticket, reporter: str, words: str, name: str = "") -> list[TicketEvent]:
        """The reporter says it is over: written on the timeline as said and passed on (at most once in
        PRESS_EVERY_MINUTES, the same words: 没事了 said twice is one message to the staff, both on the timeline).
        The ticket stays as it is: its staff check and close it (a gas smell called 没事了 is still looked at)."""
        latest = self.get(ticket.id, lock=True, fresh=True)
        if latest.status not in (OPEN, ACCEPTED):
            return []
        last = self._last_event(latest.id, "stood_down")
        recently = last is not None and self.clock.now() - last.at < timedelta(minutes=PRESS_EVERY_MINUTES)
        again = recently and last.note == words  # (other words, 人已经出来了 after 撤销, are news: passed on)
        self._event(latest, "stood_down", reporter, words)  # (said again: on the timeline all the same)
        return [ReporterStoodDown(latest, reporter, words, again=again, name=name)]

    def remind_of_unaccepted(self, minutes: int, within_hours: int = 2) -> list[TicketEvent]:
        """Urgent tickets nobody accepted within `minutes` (and never since) are reminded of, once each. Only
        those opened in the last `within_hours`: an old one is no longer news (it climbs the ladder instead)."""
        now = self.clock.now()
        window = (now - timedelta(hours=within_hours), now - timedelta(minutes=minutes))
        waiting = self.tickets.urgent_unaccepted(window)
        for ticket in waiting:
            ticket.reminded_at = now
            self._event(ticket, "reminded", None, f"{minutes}分钟无人接单")
        return [NobodyAccepted(ticket, None, minutes, self._said_to_be_over(ticket)) for ticket in waiting]

    def _said_to_be_over(self, ticket: Ticket) -> str:
        """The reporter's last words that it is over, if they said so (the reminder says it: a newcomer's, stop 40,
        had the community's secretary paged about three false alarms their reporters had called off)."""
        last = self._last_event(ticket.id, "stood_down")
        return last.note if last else ""

    def may_act(self, ticket: Ticket, person_id: str) -> bool:
        """The assignee, the grid head, and the community and street admins may act on a ticket."""
        if person_id == ticket.assignee_id or (person_id and person_id == self.grid_head(ticket)):
            return True
        return self.roster.administers(person_id, ticket.community_id)

    def assigned_to(self, person_id: str) -> list[Ticket]:
        """Whoever has them; for a grid head, every ticket of the grids they head as well (a newcomer's, stop 39: a
        head's 我的工单 said 您目前没有待处理的工单 with their grid's urgent tickets open)."""
        statuses = (OPEN, ACCEPTED, RESOLVED)
        headed = {grid.id for grid in self.roster.grids.values() if grid.head_id == person_id}
        mine = self.tickets.assigned_to(person_id, statuses)
        if not headed:
            return mine
        both = {t.id: t for t in (*mine, *self.tickets.in_grids(headed, statuses))}
        return [both[number] for number in sorted(both)]

    def overview(self, person_id: str) -> Overview | None:
        """How the tickets of the street, or of the communities they run, stand: for its admins (a newcomer's, stop
        42: a street admin's 我的工单 said 您目前没有待处理的工单 with five open, and nothing else showed them)."""
        if not self.oversees(person_id):
            return None
        communities = self._overseen(person_id)
        names = "、".join(self.roster.communities.get(c, "") for c in sorted(communities or ()))
        active = self.tickets.in_communities(communities, ACTIVE_STATUSES)  # (newest first, the many bounded)
        awaiting = self.tickets.count_in_communities(communities, (RESOLVED,))
        grids = {grid.id: grid.name for grid in self.roster.grids.values()}
        return Overview("全街道" if communities is None else names, active, awaiting, grids, self.clock.now())

    def oversees(self, person_id: str) -> bool:
        """A street admin, or a community's."""
        return any(role.role in ("street_admin", "community_admin") for role in self.roster.roles.get(person_id, []))

    def _overseen(self, person_id: str) -> set[int] | None:
        """The communities a person runs (None: the whole street)."""
        roles = self.roster.roles.get(person_id, [])
        if any(role.role == "street_admin" for role in roles):
            return None
        return {role.community_id for role in roles if role.role == "community_admin" and role.community_id}

    def reported_by(self, person_id: str, limit: int = 10) -> list[Ticket]:
        """Their reports, and the tickets their report of the same danger joined (a neighbour's gas leak): theirs to
        ask after and press, newest first."""
        return reports_and_joins(self.tickets, person_id, limit)

    def grid_head(self, ticket: Ticket) -> str | None:
        grid = self.roster.grids.get(ticket.grid_id) if ticket.grid_id else None
        return grid.head_id if grid else None

    # --- internals -------------------------------------------------------------------------------

    def _authorised(self, number: int, actor: str) -> Ticket:
        ticket = self.get(number, lock=True)
        if not self.may_act(ticket, actor):
            raise TicketError("not_allowed", ticket)
        return ticket

    def _check(self, ticket: Ticket, action: str) -> str:
        sources, target = TRANSITIONS[action]
        if ticket.status not in sources:
            raise TicketError(f"bad_state:{action}", ticket)
        return target

    def _apply(self, ticket: Ticket, actor: str, action: str, event: str, note: str) -> None:
        ticket.status = self._check(ticket, action)
        ticket.updated_at = self.clock.now()
        self._event(ticket, event, actor, note)

    def is_theirs(self, ticket: Ticket, person_id: str) -> bool:
        """Their report, or one whose danger they reported too and joined (theirs to see and ask after)."""
        if ticket.reporter_id == person_id:
            return True
        return any(e.type == "joined" and e.actor_id == person_id for e in self.tickets.events(ticket.id))

    def latest_progress(self, tickets: list[Ticket]) -> dict[int, str]:
        """The newest word of progress on each ticket still being handled: what its reporter asking 啥进度了 wants
        to read (a newcomer's, stop 41: the list said only 处理中, and the note was one 工单 N away)."""
        notes = {t.id: self._progress_since_reopened(t.id) for t in tickets if t.status in (OPEN, ACCEPTED)}
        return {number: note for number, note in notes.items() if note}

    def _progress_since_reopened(self, number: int) -> str | None:
        """The newest progress note since the ticket was last resolved (a reopened ticket's old promise is no news: a
        review's, stop 41)."""
        note = None
        for event in self.tickets.events(number):
            if event.type in ("resolved", "reopened"):
                note = None
            elif event.type == "progress":
                note = event.note
        return note

    def _reopenings(self, number: int) -> int:
        return sum(event.type == "reopened" for event in self.tickets.events(number))

    def _last_event(self, number: int, kind: str | None = None):
        """The ticket's latest event (of `kind`, if given), or None."""
        return next((e for e in reversed(self.tickets.events(number)) if kind is None or e.type == kind), None)

    def _event(self, ticket: Ticket, kind: str, actor: str | None, note: str) -> None:
        self.tickets.add_event(ticket.id, self.clock.now(), kind, actor, note)

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
