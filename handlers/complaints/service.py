"""Turning what a resident said into a ticket, or into an offer to make one. Plain code over the store's
repositories, the roster snapshot and the injected clock."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from bot.clock import Clock
from bot.dispatch.identity import Sender
from bot.nlp.analyzer import Analysis
from bot.nlp.places import Place
from bot.vocabulary import ACTIVE_STATUSES, OTHER
from handlers.tickets.assign import assign
from handlers.tickets.events import Opened
from handlers.tickets.service import NewTicket, TicketService, reports_and_joins
from storage.models import ComplaintOffer, Ticket
from storage.roster_view import ChatRef, RosterView
from storage.store import Store

NO_PLACE_GIVEN = "（反映人没有回复具体位置，请联系反映人确认）"
# How long after an urgent group report with no building its reporter's bare building (5号楼2单元) still places it.
BUILDING_LATE_MINUTES = 10
# a report in no grid for want of its building, asked in its group: its answer may come later, no one is in danger
UNROUTED_LATE_MINUTES = 60
# asked privately, of someone who may first have to get away (我老公打我): answered later
PRIVATE_BUILDING_LATE_MINUTES = 60
# how long more words about a danger are for its report (煤气味越来越大了, 他还在砸门) rather than a new one
FOLLOWED_MINUTES = 60
# Dangers of a place, which neighbours report again: a second report joins the first. (Not someone down, hurt,
# missing or beaten, nor a generic alarm: two reports of those may be two people; nor someone trapped in a lift, a
# falling object or an open manhole: a review's, stop 39, two lifts of one building.)
SHARED_DANGERS = frozenset({"gas", "fire", "electric_fire", "explosion", "burst", "flood"})
# Words telling of another (另一个单元也着火了, 又一处冒烟了): a report of its own (not 又冲又呛, nor 还有一股味: the
# same leak, a second review's, stop 39)
_ANOTHER_TIME = re.compile(r"另外|另一|另个|别的|又一(?:个|处|家|辆|起|台)|还有一(?:个|处|家|辆|起|台)")


@dataclass(frozen=True)
class Where:
    """Where a report was made."""

    chat_id: str  # a roster group's id, or dm:<person>
    platform: str
    group: ChatRef | None  # the roster group; None in a private chat


class Reports:
    def __init__(self, store: Store, clock: Clock, roster: RosterView) -> None:
        self.store = store
        self.clock = clock
        self.roster = roster

    def open(self, analysis: Analysis, text: str, where: Where, reporter: Sender, source_key: str) -> Opened:
        """A ticket for this report, assigned by its place (or the group's)."""
        assignment = assign(self.roster, chat=where.group, compound_name=analysis.compound, building=analysis.building)
        new = NewTicket(
            category=analysis.category or OTHER,
            text=text.strip(),
            chat=where.chat_id,
            platform=where.platform,
            reporter_id=reporter.person_id,
            reporter_name=reporter.name,
            source_key=source_key,
            group_name=where.group.name if where.group else None,
            building=analysis.building,
            unit=analysis.unit,
            room=analysis.room,
            urgent=analysis.urgent,
            hazard=analysis.hazard,
            private=analysis.private,
        )
        return TicketService(self.store.tickets, self.clock, self.roster).open(new, assignment)

    def join_the_same_danger(self, analysis: Analysis, text: str, where: Where, reporter: Sender) -> list | None:
        """A report of a danger at a place (gas, fire, a burst pipe, a flood…) that an open urgent ticket from
        someone else in this group is already for: the words join it (events), else None for a ticket of its own.
        Only with the building named on both, and never a private one (a beating is hers alone)."""
        if not analysis.urgent or analysis.hazard not in SHARED_DANGERS or analysis.private or not analysis.building:
            return None
        if _ANOTHER_TIME.search(text):
            return None
        assignment = assign(self.roster, chat=where.group, compound_name=analysis.compound, building=analysis.building)
        if assignment.compound_id is None:
            return None
        service = TicketService(self.store.tickets, self.clock, self.roster)
        first = service.same_danger_open(analysis.hazard, assignment.compound_id, analysis.building, analysis.unit)
        if first is None or first.reporter_id == reporter.person_id:
            return None  # (the same reporter's words again are read as more of it: handlers.complaints.router)
        if first.chat != where.chat_id:
            return None  # (from another group, or a private report: its lines go to where it came from, not hers)
        group = where.group.name if where.group else None
        return service.join(first.id, reporter.person_id, reporter.name, text.strip(), group)

    def locate(
        self,
        number: int,
        reporter: Sender,
        compound: str | None,
        place: Place,
        note: str,
        quiet: bool = False,
        whole_place: bool = False,
        pressing: bool = False,
    ) -> list:
        """Where the reporter says an urgent ticket is, or what they said instead (handlers.complaints.where).
        `whole_place`: the place replaces the ticket's own, building included (another compound). `pressing`: the
        words tell the danger now."""
        service = TicketService(self.store.tickets, self.clock, self.roster)
        name = reporter.name
        return service.locate(number, reporter.person_id, name, compound, place, note, quiet, whole_place, pressing)

    def awaiting_building(self, chat_id: str, reporter_id: str) -> Ticket | None:
        """The reporter's ticket from this group that named no building and is still being handled, urgent and of
        the last minutes, or in no grid for want of it and of the last hour: the one their bare building said next
        (就在5号楼2单元) places. (Their latest few tickets read: a report is a rare message, so this costs nothing on
        the group's talk.) Not a private one, whose place is asked in private (awaiting_building_privately), nor
        someone missing: where they live is not where they are."""
        return self._unplaced(reporter_id, lambda ticket: ticket.chat == chat_id and not ticket.private)

    def awaiting_building_privately(self, reporter_id: str) -> Ticket | None:
        """The reporter's ticket from a group that the group heard nothing of (我老公打我), with no building, urgent
        or in no grid for want of it: their building said in their private chat places it, where nobody else reads
        it."""
        return self._unplaced(reporter_id, _private_from_a_group, PRIVATE_BUILDING_LATE_MINUTES)

    def recent_urgent(self, reporter_id: str, chat_id: str | None) -> Ticket | None:
        """The reporter's newest urgent ticket of the last hour still being handled, from this group (`chat_id`), or
        from any group (None, asked in their private chat): what more words about the same danger are for."""
        if chat_id:
            return self._urgent_since(reporter_id, FOLLOWED_MINUTES, lambda ticket: ticket.chat == chat_id)
        return self._urgent_since(reporter_id, FOLLOWED_MINUTES, lambda ticket: not ticket.chat.startswith("dm:"))

    def _unplaced(self, reporter_id: str, fits, minutes: int = BUILDING_LATE_MINUTES) -> Ticket | None:
        """Urgent, or in no grid (a compound's or community's group: its building decides whose it is, and was asked
        for, stop 42). (Someone missing is never placed so: where they live is not where they are.)"""

        urgent_since = self.clock.now() - timedelta(minutes=minutes)

        def unplaced(ticket: Ticket) -> bool:
            if ticket.building is not None or ticket.hazard == "lost":
                return False
            if ticket.urgent:
                return ticket.created_at >= urgent_since and fits(ticket)
            return ticket.grid_id is None and fits(ticket)

        return self._newest_since(reporter_id, max(minutes, UNROUTED_LATE_MINUTES), unplaced)

    def _urgent_since(self, reporter_id: str, minutes: int, fits) -> Ticket | None:
        """The reporter's newest urgent ticket of the last `minutes` still being handled that `fits`."""
        return self._newest_since(reporter_id, minutes, lambda ticket: ticket.urgent and fits(ticket))

    def _newest_since(self, reporter_id: str, minutes: int, fits) -> Ticket | None:
        """The reporter's newest ticket of the last `minutes` still being handled that `fits` (their latest few
        read: a report is a rare message)."""
        since = self.clock.now() - timedelta(minutes=minutes)
        for ticket in reports_and_joins(self.store.tickets, reporter_id, 3):  # (a neighbour's too: more of it)
            if ticket.created_at >= since and ticket.status in ACTIVE_STATUSES and fits(ticket):
                return ticket
        return None

    def still_handled(self, numbers: list[int]) -> set[int]:
        """Those of these tickets still being handled (not resolved, closed or gone)."""
        return TicketService(self.store.tickets, self.clock, self.roster).active_among(numbers)

    def left_unplaced(self, reporter_id: str, waited: dict) -> list:
        """The place question expired with urgent reports still unplaced: whoever has each hears what the resident
        said meanwhile, and that no place came, so someone calls them (the expiry notice tells the resident so)."""
        service = TicketService(self.store.tickets, self.clock, self.roster)
        note = "；".join([*waited.get("said", []), NO_PLACE_GIVEN])
        name = self.roster.name(reporter_id) or ""
        events = []
        for urgent in waited.get("urgent", []):
            events += service.locate(urgent["ticket"], reporter_id, name, None, Place(), note)
        return events

    def offer(self, text: str, where: Where, reporter: Sender) -> int:
        """Keep a look-alike complaint, for its author to register with one tap; the offer's number."""
        values = {
            "chat": where.chat_id,
            "platform": where.platform,
            "reporter_id": reporter.person_id,
            "text": text,
            "created_at": self.clock.now(),
        }
        return self.store.offers.add(values)

    def offer_numbered(self, number: int) -> ComplaintOffer | None:
        """The offer, held until the unit of work ends (two taps at once make one ticket)."""
        return self.store.offers.get(number, lock=True)


def needs_place(analysis: Analysis, where: Where) -> bool:
    """A private report naming no compound would fall to the street's admins: ask where it is first. Not when
    it is urgent: then the admins hear of it at once, and the place is asked by whoever comes."""
    return where.group is None and analysis.compound is None and not analysis.urgent


def _private_from_a_group(ticket: Ticket) -> bool:
    return ticket.private and not ticket.chat.startswith("dm:")
