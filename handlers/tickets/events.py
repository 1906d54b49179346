"""What happened to a ticket, as the ticket service reports it. Who is told what is decided elsewhere, in one
place (handlers.tickets.notifications), as Amsterdam/signals fires a signal after a change and leaves the
e-mails to its receivers."""

from __future__ import annotations

from dataclasses import dataclass

from handlers.tickets.assign import Assignment
from storage.models import Ticket
from storage.repositories.tickets import TicketSnapshot


@dataclass(frozen=True)
class TicketEvent:
    ticket: Ticket | TicketSnapshot
    actor: str | None  # who did it (the reporter, for a new ticket or a rating)


@dataclass(frozen=True)
class Opened(TicketEvent):
    assignment: Assignment
    reporter_name: str
    group_name: str | None  # the roster group it was reported in; None in a private chat
    alike: tuple[int, ...] = ()  # other open tickets of its kind at its building: perhaps the same thing, told again


@dataclass(frozen=True)
class Accepted(TicketEvent):
    pass


@dataclass(frozen=True)
class Progressed(TicketEvent):
    note: str
    accepted_now: bool = False  # the ticket was open: reporting progress took it on


@dataclass(frozen=True)
class Resolved(TicketEvent):
    note: str
    reopenings: int = 0  # how often it was reopened before: each time it is done again, its group hears so again


@dataclass(frozen=True)
class Rated(TicketEvent):
    satisfied: bool


@dataclass(frozen=True)
class Closed(TicketEvent):
    pass


@dataclass(frozen=True)
class Reopened(TicketEvent):
    by_mistake: bool = False  # a 满意 taken back: the reporter is not offered a way back to it again
    reopenings: int = 1  # how often it has been reopened, this time included
    explained: bool = False  # rated in words that say why: the reporter is not asked why


@dataclass(frozen=True)
class ReporterExplained(TicketEvent):
    """What the reporter said, in their own words, after they were not satisfied: for whoever handles it."""

    words: str


@dataclass(frozen=True)
class AlsoReported(TicketEvent):
    """Someone else reported the same danger at the same place while its ticket is open (a neighbour smelling the
    same gas): their words join it, for whoever has it and the grid head, instead of a second ticket to answer."""

    words: str
    reporter_name: str
    group_name: str | None


@dataclass(frozen=True)
class RatingTakenBack(TicketEvent):
    """The reporter's 不满意 was a mistaken tap: the ticket is closed as satisfied after all, or (`late`: someone took
    it on again meanwhile) its staff are told, to close it."""

    late: bool = False
    reopenings: int = 1  # how often it has been reopened, the reopening taken back included


@dataclass(frozen=True)
class ReporterStoodDown(TicketEvent):
    """The reporter of a ticket still open said it is over (虚惊一场, 灯自己好了 不用修了): whoever has it and the grid
    head are told their words, to check and close it, unless told a moment ago (`again`)."""

    words: str
    again: bool = False
    name: str = ""  # who said it: a neighbour who joined it is not its reporter


@dataclass(frozen=True)
class ReporterPressed(TicketEvent):
    """The reporter of an urgent ticket still open asked after it (人呢 咋还没人来): whoever has it and the grid head
    are pressed with their words, unless they were pressed a moment ago (`again`: the reporter is told so)."""

    words: str
    waited_minutes: int
    again: bool = False
    name: str = ""  # who asked: a neighbour who joined it is not its reporter


@dataclass(frozen=True)
class Located(TicketEvent):
    """The reporter said where an urgent ticket is after it had gone to the admins for want of a place: it moved to
    that place's grid (`to`, from `previous`); or, where it could not move (taken on or transferred already, no
    compound named, a place the roster lacks), their words are passed on to whoever has it (`to` None)."""

    note: str  # the reporter's words: the place, or what they said instead
    previous: str | None
    to: str | None  # who has it now, if it moved
    reporter_name: str
    quiet: bool = False  # the reporter is answered otherwise (the question goes on)
    placed: bool = False  # its building written down where it stays (the grid head hears where it is)
    pressing: bool = False  # the words tell the danger now, worse (他拿着菜刀在外面骂): the grid head hears them too


@dataclass(frozen=True)
class Transferred(TicketEvent):
    previous: str | None  # who had it
    to: str


@dataclass(frozen=True)
class NobodyAccepted(TicketEvent):
    """An urgent ticket nobody has accepted in time; `over`: what its reporter said since, if they said it is over (a
    false alarm is still for someone to check, but no longer to rush to)."""

    minutes: int
    over: str = ""
