"""What happened to a meeting, as the meeting service reports it; handlers.meetings.notifications alone decides
who is told what."""

from __future__ import annotations

from dataclasses import dataclass

from storage.models import Meeting, MeetingAnswer, MeetingInvite


@dataclass(frozen=True)
class MeetingEvent:
    meeting: Meeting
    actor: str | None


@dataclass(frozen=True)
class Announced(MeetingEvent):
    reminders: bool  # whether anyone will be reminded (a meeting an hour away has no reminders left)


@dataclass(frozen=True)
class Answered(MeetingEvent):
    """A person's answer, as it now stands, and what it was before (None: their first)."""

    answer: MeetingAnswer
    before: tuple[str, int, bool] | None  # (answer, guests, waitlisted)
    asked_guests: int  # the guests they asked for (more than fit: they keep the party they had)
    left: int | None  # seats left once it is counted; None: no limit
    position: int | None  # their place on the waitlist, if on it


@dataclass(frozen=True)
class MovedIn(MeetingEvent):
    """Someone on the waitlist got a seat that came free."""

    answer: MeetingAnswer


@dataclass(frozen=True)
class Invited(MeetingEvent):
    invites: tuple[MeetingInvite, ...]  # the new invitations only
    already: tuple[str, ...]  # parties invited before
    unknown: tuple[str, ...]  # names the roster does not know


@dataclass(frozen=True)
class InviteAnswered(MeetingEvent):
    invite: MeetingInvite
    before: str | None


@dataclass(frozen=True)
class Cancelled(MeetingEvent):
    told: tuple[str, ...]  # people who had answered yes or maybe (and invited parties who had)


@dataclass(frozen=True)
class Changed(MeetingEvent):
    what: str  # time | place | capacity
    old: str
    new: str
    told: tuple[str, ...]


@dataclass(frozen=True)
class Reminded(MeetingEvent):
    kind: str  # day_before | hour_before | nudge
    people: tuple[tuple[str, int], ...]  # (person, guests) to remind
