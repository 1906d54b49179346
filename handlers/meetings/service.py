"""Meetings: announcing, answers with capacity and a waitlist, invited parties, changes, reminders.

Plain code over the meetings repository, the roster snapshot and the injected clock; every change is returned
as events (handlers.meetings.events) for handlers.meetings.notifications to tell. A meeting is locked while an
answer is counted, so two answers at once never take the same free seat.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.nlp.announce import Announcement
from handlers.meetings import texts as T
from handlers.meetings.events import (
    Announced,
    Answered,
    Cancelled,
    Changed,
    InviteAnswered,
    Invited,
    MeetingEvent,
    MovedIn,
    Reminded,
)
from storage.models import Meeting, MeetingAnswer, MeetingInvite
from storage.repositories.meetings import Meetings
from storage.roster_view import ChatRef, RosterView

log = logging.getLogger(__name__)
YES, NO, MAYBE = T.YES, T.NO, T.MAYBE
# kind → how long before the start it is due
REMINDERS = {"day_before": timedelta(hours=24), "hour_before": timedelta(hours=1), "nudge": timedelta(hours=24)}
# A meeting moved by less than this keeps the reminders already sent (its change notice tells the new time).
REMIND_AGAIN_AFTER = timedelta(hours=2)
LATE = timedelta(hours=1)  # a reminder the bot was down for is still sent this long after it was due, not later
ORGANISER_ROLES = ("street_admin", "community_admin", "grid_head", "full_time", "part_time")
PROXY = "代:"  # the attendee key of someone a worker signed up: 代:王奶奶


class MeetingError(Exception):
    """A refused action; `reason` is a key into the feature's texts."""

    def __init__(self, reason: str, number: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.number = number


@dataclass(frozen=True)
class Given:
    """An answer as someone gave it."""

    attendee: str  # a person id, or PROXY + name
    name: str
    answer: str  # yes | no | maybe
    guests: int = 0
    person_id: str | None = None
    building: int | None = None
    by: str | None = None  # the worker answering for them
    me_too: bool = False  # a bare "+1": coming, and bringing whoever one said before


@dataclass(frozen=True)
class Tally:
    yes: list[MeetingAnswer]
    no: list[MeetingAnswer]
    maybe: list[MeetingAnswer]
    waitlist: list[MeetingAnswer]
    invites: list[MeetingInvite]

    @property
    def guests(self) -> int:
        return sum(a.guests for a in self.yes)

    @property
    def seats_taken(self) -> int:
        return len(self.yes) + self.guests


class MeetingService:
    def __init__(self, meetings: Meetings, clock: Clock, roster: RosterView) -> None:
        self.meetings = meetings
        self.clock = clock
        self.roster = roster

    # --- who may do what -------------------------------------------------------------------------

    def may_organise(self, person_id: str, chat: ChatRef) -> bool:
        """Street admins anywhere; community admins, grid heads and grid workers in their community's groups."""
        community = self.roster.community_of(chat)
        for role in self.roster.roles.get(person_id, []):
            if role.role not in ORGANISER_ROLES:
                continue
            if role.role == "street_admin":
                return True
            home = role.community_id
            if home is None and role.grid_id in self.roster.grids:
                home = self.roster.grids[role.grid_id].community_id
            if home is not None and home == community:
                return True
        return False

    def is_organiser(self, person_id: str) -> bool:
        return any(role.role in ORGANISER_ROLES for role in self.roster.roles.get(person_id, []))

    def groups_for(self, person_id: str) -> list[ChatRef]:
        return [chat for chat in self.roster.chats.values() if self.may_organise(person_id, chat)]

    def may_manage(self, meeting: Meeting, person_id: str) -> bool:
        """Its organiser, the grid head of its group's grid, and the community's and the street's admins."""
        if person_id == meeting.organiser_id:
            return True
        chat = self.roster.chats.get(meeting.chat)
        if chat is None:
            return self.roster.administers(person_id, None)
        grid = self.roster.grids.get(chat.grid_id) if chat.grid_id is not None else None
        return (grid is not None and grid.head_id == person_id) or self.roster.administers(
            person_id, self.roster.community_of(chat)
        )

    # --- announcing ------------------------------------------------------------------------------

    def announce(self, organiser: str, chat: ChatRef, said: Announcement, source_key: str) -> list[MeetingEvent]:
        now = self.clock.now()
        meeting = Meeting(
            chat=chat.id,
            organiser_id=organiser,
            topic=said.topic,
            place=said.place,
            starts_at=said.starts_at,
            capacity=said.capacity,
            all_parties=said.all_parties,
            source_key=source_key,
            created_at=now,
            updated_at=now,
        )
        self.meetings.add(meeting)
        planned = self._plan_reminders(meeting)
        return [Announced(meeting, organiser, reminders=bool(planned))]

    def _plan_reminders(self, meeting: Meeting) -> dict[str, datetime]:
        """Reminders still ahead of now: a meeting called for this afternoon has no day-before reminder."""
        now = self.clock.now()
        due = {kind: meeting.starts_at - before for kind, before in REMINDERS.items()}
        due = {kind: at for kind, at in due.items() if at > now}
        self.meetings.plan_reminders(meeting.id, due, sent_stays_within=REMIND_AGAIN_AFTER)
        return due

    # --- finding a meeting -----------------------------------------------------------------------

    def get(self, number: int, lock: bool = False) -> Meeting:
        meeting = self.meetings.get(number, lock=lock)
        if meeting is None:
            raise MeetingError("no_such_meeting", number)
        return meeting

    def open_in(self, chat_id: str) -> list[Meeting]:
        return self.meetings.open_in(chat_id, self.clock.now())

    def any_open_in(self, chat_id: str) -> bool:
        return self.meetings.any_open_in(chat_id, self.clock.now())

    def meant(self, meetings: list[Meeting], text: str) -> Meeting:
        """Of the group's open meetings, the one an answer is for: the one it names by number or by a word of
        its topic no other has, else the soonest."""
        if len(meetings) == 1:
            return meetings[0]
        by_number = {m.id: m for m in meetings}
        for match in _NUMBERED.finditer(text):
            written = int(next(group for group in match.groups() if group))
            if written in by_number:
                return by_number[written]
        scores = [(len(_distinct_pairs(m, meetings) & _pairs(text)), -i, m) for i, m in enumerate(meetings)]
        best = max(scores, key=lambda s: s[:2])
        return best[2] if best[0] else meetings[0]

    def listed_by_another(self, meeting: Meeting, name: str, attendee: str) -> bool:
        """Whether someone else already answered under this name: a 接龙 re-posted without the sender's own
        line ends with another person's, which must not become the sender's answer."""
        return any(a.name == name and a.attendee != attendee for a in self.meetings.answers(meeting.id))

    @staticmethod
    def list_is_for(meetings: list[Meeting], title: str) -> bool:
        """Whether a 接龙 list headed `title` signs people up for one of these meetings: its title names a
        meeting (议事会, 座谈, 报名参会) or shares a word with a topic or place. Groups run lists for everything
        (团购荔枝, 拼车): those are not answers. A list with no title is taken as the meeting's."""
        if not title or _MEETING_WORDS.search(title):
            return True
        return any(_pairs(title) & (_pairs(m.topic) | _pairs(m.place)) - _COMMON for m in meetings)

    def organised_upcoming(self, person_id: str) -> list[Meeting]:
        return self.meetings.upcoming_organised_by(person_id, self.clock.now())

    def managed(self, meeting: Meeting, person_id: str) -> Meeting:
        if not self.may_manage(meeting, person_id):
            raise MeetingError("not_allowed", meeting.id)
        return meeting

    # --- answers ---------------------------------------------------------------------------------

    def answer(self, meeting: Meeting, given: Given) -> list[MeetingEvent]:
        """Count an answer (the person's latest wins). A yes that does not fit goes on the waitlist; seats
        that come free go to the first on the waitlist whose party fits. `meeting` must be locked."""
        self._still_open(meeting)
        answers = self.meetings.answers(meeting.id)
        mine = next((a for a in answers if a.attendee == given.attendee), None)
        if given.me_too and mine is not None and mine.answer == YES:
            given = replace(given, guests=mine.guests)  # 参加 +2, then +1: still the three of them
        before = (mine.answer, mine.guests, mine.waitlisted) if mine else None
        if mine is not None and mine.answer == given.answer and (given.answer != YES or mine.guests == given.guests):
            return [self._answered(meeting, mine, before, given.guests, answers)]
        now = self.clock.now()
        if mine is None:
            mine = MeetingAnswer(
                meeting_id=meeting.id, attendee=given.attendee, name=given.name, answer=NO, answered_at=now
            )
            self.meetings.add_answer(mine)
            answers.append(mine)
        mine.name, mine.person_id, mine.by_id = given.name, given.person_id, given.by
        mine.building = given.building if given.building is not None else mine.building
        if given.answer == YES:
            self._seat(meeting, mine, given, answers, now)
        else:
            mine.answer, mine.guests, mine.waitlisted, mine.answered_at = given.answer, 0, False, now
        events: list[MeetingEvent] = [self._answered(meeting, mine, before, given.guests, answers)]
        return events + self._fill_free_seats(meeting, answers)

    def _seat(self, meeting: Meeting, mine: MeetingAnswer, given: Given, answers: list, now: datetime) -> None:
        was_seated = mine.answer == YES and not mine.waitlisted and mine in answers and mine.id is not None
        others = _seats(a for a in answers if a is not mine)
        fits = meeting.capacity is None or others + 1 + given.guests <= meeting.capacity
        # One already seated who asks for more guests than fit keeps the seats they had (and is told so).
        if fits:
            mine.guests, mine.waitlisted = given.guests, False
        elif not was_seated:
            if not (mine.answer == YES and mine.waitlisted):
                mine.answered_at = now  # joins the waitlist's end (one already on it keeps their place)
            mine.guests, mine.waitlisted = given.guests, True
        if mine.answer != YES:
            mine.answered_at = now
        mine.answer = YES

    def _fill_free_seats(self, meeting: Meeting, answers: list[MeetingAnswer]) -> list[MeetingEvent]:
        if meeting.capacity is None:
            return []
        taken = _seats(answers)
        moved: list[MeetingEvent] = []
        for waiting in sorted(_waitlist(answers), key=_waitlist_order):
            if taken + 1 + waiting.guests <= meeting.capacity:
                waiting.waitlisted = False
                taken += 1 + waiting.guests
                moved.append(MovedIn(meeting, None, waiting))
        return moved

    def _answered(self, meeting, mine, before, asked: int, answers: list[MeetingAnswer]) -> Answered:
        left = None if meeting.capacity is None else max(0, meeting.capacity - _seats(answers))
        waitlist = sorted(_waitlist(answers), key=_waitlist_order)
        position = next((i for i, a in enumerate(waitlist, 1) if a is mine), None)
        return Answered(meeting, mine.person_id, mine, before, asked, left, position)

    def _still_open(self, meeting: Meeting) -> None:
        if meeting.status == "cancelled":
            raise MeetingError("cancelled", meeting.id)
        if self.clock.now() >= meeting.starts_at:
            raise MeetingError("started", meeting.id)

    # --- invited parties -------------------------------------------------------------------------

    def invite(self, meeting: Meeting, actor: str, names: list[str]) -> list[MeetingEvent]:
        self._still_open(meeting)
        existing = {i.person_id for i in self.meetings.invites(meeting.id)}
        new, already, unknown = [], [], []
        for name in names:
            person = self.roster.staff_named(name)
            if person is None:
                unknown.append(name)
            elif person in existing:
                already.append(self.roster.name(person) or name)
            else:
                invite = MeetingInvite(meeting_id=meeting.id, person_id=person)
                self.meetings.add_invite(invite)
                existing.add(person)
                new.append(invite)
        return [Invited(meeting, actor, tuple(new), tuple(already), tuple(unknown))]

    def invitations_of(self, person_id: str) -> list[tuple[MeetingInvite, Meeting]]:
        return self.meetings.invited_to_upcoming(person_id, self.clock.now())

    def answer_invite(self, meeting: Meeting, person_id: str, answer: str) -> list[MeetingEvent]:
        self._still_open(meeting)
        invite = self.meetings.invite_of(meeting.id, person_id)
        if invite is None:
            raise MeetingError("no_such_meeting", meeting.id)
        before = invite.answer
        invite.answer, invite.answered_at = answer, self.clock.now()
        return [InviteAnswered(meeting, person_id, invite, before)]

    # --- organisers ------------------------------------------------------------------------------

    def tally(self, meeting: Meeting) -> Tally:
        answers = self.meetings.answers(meeting.id)
        return Tally(
            yes=[a for a in answers if a.answer == YES and not a.waitlisted],
            no=[a for a in answers if a.answer == NO],
            maybe=[a for a in answers if a.answer == MAYBE],
            waitlist=sorted(_waitlist(answers), key=_waitlist_order),
            invites=self.meetings.invites(meeting.id),
        )

    def cancel(self, meeting: Meeting, actor: str) -> list[MeetingEvent]:
        self._still_open(meeting)
        told = self._told_of_changes(meeting)
        meeting.status, meeting.updated_at = "cancelled", self.clock.now()
        self.meetings.drop_reminders(meeting.id, self.clock.now())
        return [Cancelled(meeting, actor, told)]

    def move(self, meeting: Meeting, actor: str, starts_at: datetime) -> list[MeetingEvent]:
        self._still_open(meeting)
        old = T.when(meeting.starts_at)
        meeting.starts_at, meeting.updated_at = starts_at, self.clock.now()
        self._plan_reminders(meeting)
        return [Changed(meeting, actor, "时间", old, T.when(starts_at), self._told_of_changes(meeting))]

    def relocate(self, meeting: Meeting, actor: str, place: str) -> list[MeetingEvent]:
        self._still_open(meeting)
        old, meeting.place, meeting.updated_at = meeting.place, place, self.clock.now()
        return [Changed(meeting, actor, "地点", old, place, self._told_of_changes(meeting))]

    def resize(self, meeting: Meeting, actor: str, capacity: int | None) -> list[MeetingEvent]:
        """A new capacity; more seats go to the waitlist at once (fewer bump nobody already seated)."""
        self._still_open(meeting)
        old = f"{meeting.capacity}人" if meeting.capacity else "不限"
        meeting.capacity, meeting.updated_at = capacity, self.clock.now()
        answers = self.meetings.answers(meeting.id)
        if capacity is None:
            for waiting in _waitlist(answers):
                waiting.waitlisted = False
        changed = Changed(meeting, actor, "名额", old, f"{capacity}人" if capacity else "不限", ())
        return [changed, *self._fill_free_seats(meeting, answers)]

    def _told_of_changes(self, meeting: Meeting) -> tuple[str, ...]:
        """Everyone with an account who answered yes or maybe, and invited parties who did or have not answered
        yet (物业 may be on its way to a meeting it never replied to)."""
        people = [a.person_id for a in self.meetings.answers(meeting.id) if a.answer in (YES, MAYBE) and a.person_id]
        people += [i.person_id for i in self.meetings.invites(meeting.id) if i.answer in (YES, MAYBE, None)]
        return tuple(dict.fromkeys(people))

    # --- reminders -------------------------------------------------------------------------------

    def remind_due(self) -> list[MeetingEvent]:
        """Reminders that are due: each sent once; one more than an hour late (the bot was down) is skipped
        and logged, as is one for a meeting cancelled meanwhile."""
        now = self.clock.now()
        events: list[MeetingEvent] = []
        for reminder in self.meetings.due_reminders(now):
            meeting = self.meetings.get(reminder.meeting_id)
            reminder.done_at = now
            if meeting is None or meeting.status != "open":
                reminder.outcome = "dropped"
                continue
            if now - reminder.due_at > LATE or now >= meeting.starts_at:
                reminder.outcome = "skipped"
                late = (now - reminder.due_at) // timedelta(minutes=1)
                log.warning(
                    "meetings: reminder %s of meeting #%d was due %d minutes ago (the bot was not running); skipped",
                    reminder.kind, meeting.id, late,
                )  # fmt: skip
                continue
            reminder.outcome = "sent"
            events.append(Reminded(meeting, None, reminder.kind, self._to_remind(meeting, reminder.kind)))
        return events

    def _to_remind(self, meeting: Meeting, kind: str) -> tuple[tuple[str, int], ...]:
        invites = self.meetings.invites(meeting.id)
        if kind == "nudge":
            return tuple((i.person_id, 0) for i in invites if i.answer is None)
        coming = [
            (a.person_id, a.guests)
            for a in self.meetings.answers(meeting.id)
            if a.answer == YES and not a.waitlisted and a.person_id
        ]
        coming += [(i.person_id, 0) for i in invites if i.answer == YES]
        return tuple(dict.fromkeys(coming))


def _seats(answers) -> int:
    return sum(1 + a.guests for a in answers if a.answer == YES and not a.waitlisted)


def _waitlist(answers: list[MeetingAnswer]) -> list[MeetingAnswer]:
    return [a for a in answers if a.answer == YES and a.waitlisted]


_NUMBERED = re.compile(r"[#＃]\s*(\d{1,6})|(?:会议|会)\s*(\d{1,6})\s*号?|(\d{1,6})\s*号会")
_COMMON = frozenset({"会议", "议事", "事会", "居民", "社区", "小区", "问题", "改造", "讨论", "意见", "征集"})


_MEETING_WORDS = re.compile(r"会|议|座谈|听证|讲座|培训|参加|报名|出席")


def _waitlist_order(answer: MeetingAnswer) -> tuple:
    """Who answered first waits first; at the same instant, the one stored first (one not stored yet is newest)."""
    return (answer.answered_at, answer.id if answer.id is not None else float("inf"))


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _distinct_pairs(meeting: Meeting, meetings: list[Meeting]) -> set[str]:
    """The two-character pieces of its topic that no other open meeting's topic has."""
    others = set().union(*(_pairs(m.topic) for m in meetings if m is not meeting))
    return _pairs(meeting.topic) - others - _COMMON
