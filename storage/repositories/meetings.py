"""Meetings, the answers to them, the parties invited, and their reminders."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete
from sqlmodel import col, select

from storage.fast import any_row
from storage.models import Meeting, MeetingAnswer, MeetingInvite, MeetingReminder

if TYPE_CHECKING:
    from storage.store import Store


class Meetings:
    def __init__(self, store: Store) -> None:
        self.store = store

    # --- meetings --------------------------------------------------------------------------------

    def add(self, meeting: Meeting) -> Meeting:
        """Stored with its number; its unique source_key makes a twin from the same message fail here."""
        self.store._orm.add(meeting)
        self.store._orm.flush()
        return meeting

    def get(self, number: int, lock: bool = False) -> Meeting | None:
        """`lock` holds the meeting until the unit of work ends: two answers never count the same free seat."""
        return self.store._orm.get(Meeting, number, with_for_update=lock)

    def any_open_in(self, chat: str, now: datetime) -> bool:
        """Whether the group has a meeting still taking answers: asked of many a group message that may answer or
        ask after one, so on the unit's connection, straight to the driver (the ORM's first use in a unit opens a
        savepoint, and SQLAlchemy's execution costs more than the query: 400 µs a message, 15 % of the web chat's
        time under wrk, where its bench asks 明天几点开会 in one message in ten)."""
        later = now + timedelta(microseconds=1)  # (starts after now, as open_in asks; times are kept to the µs)
        where = {"chat": chat, "status": "open"}
        return any_row(self.store._connection, Meeting.__table__, where, {"starts_at": later})

    def open_in(self, chat: str, now: datetime) -> list[Meeting]:
        """The group's meetings still taking answers, the soonest first."""
        query = select(Meeting).where(Meeting.chat == chat, Meeting.status == "open", Meeting.starts_at > now)
        return list(self.store._orm.exec(query.order_by(Meeting.starts_at, Meeting.id)))

    def upcoming_organised_by(self, person_id: str, now: datetime) -> list[Meeting]:
        query = select(Meeting).where(
            Meeting.organiser_id == person_id, Meeting.status == "open", Meeting.starts_at > now
        )
        return list(self.store._orm.exec(query.order_by(Meeting.starts_at, Meeting.id)))

    def listed(self, chat: str | None, limit: int) -> list[Meeting]:
        """For the API: the newest first, of one group or of all."""
        query = select(Meeting)
        if chat is not None:
            query = query.where(Meeting.chat == chat)
        return list(self.store._orm.exec(query.order_by(col(Meeting.starts_at).desc(), Meeting.id).limit(limit)))

    # --- answers ---------------------------------------------------------------------------------

    def answers(self, meeting_id: int) -> list[MeetingAnswer]:
        """In the order they were given (a waitlist's order)."""
        query = select(MeetingAnswer).where(MeetingAnswer.meeting_id == meeting_id)
        return list(self.store._orm.exec(query.order_by(MeetingAnswer.answered_at, MeetingAnswer.id)))

    def answer_of(self, meeting_id: int, attendee: str) -> MeetingAnswer | None:
        query = select(MeetingAnswer).where(MeetingAnswer.meeting_id == meeting_id, MeetingAnswer.attendee == attendee)
        return self.store._orm.exec(query).first()

    def add_answer(self, answer: MeetingAnswer) -> None:
        self.store._orm.add(answer)

    # --- invited parties -------------------------------------------------------------------------

    def invites(self, meeting_id: int) -> list[MeetingInvite]:
        query = select(MeetingInvite).where(MeetingInvite.meeting_id == meeting_id)
        return list(self.store._orm.exec(query.order_by(MeetingInvite.id)))

    def invite_of(self, meeting_id: int, person_id: str) -> MeetingInvite | None:
        query = select(MeetingInvite).where(
            MeetingInvite.meeting_id == meeting_id, MeetingInvite.person_id == person_id
        )
        return self.store._orm.exec(query).first()

    def add_invite(self, invite: MeetingInvite) -> None:
        self.store._orm.add(invite)

    def invited_to_upcoming(self, person_id: str, now: datetime) -> list[tuple[MeetingInvite, Meeting]]:
        """This person's invitations to meetings still taking answers, the soonest first."""
        query = (
            select(MeetingInvite, Meeting)
            .join(Meeting, col(Meeting.id) == MeetingInvite.meeting_id)
            .where(MeetingInvite.person_id == person_id, Meeting.status == "open", Meeting.starts_at > now)
            .order_by(Meeting.starts_at, Meeting.id)
        )
        return [(invite, meeting) for invite, meeting in self.store._orm.exec(query)]

    # --- reminders -------------------------------------------------------------------------------

    def plan_reminders(self, meeting_id: int, due: dict[str, datetime], sent_stays_within: timedelta) -> None:
        """The meeting's reminders from now on, by kind: those not yet done are replaced. One of a kind sent
        before is planned again only if its new time is further than `sent_stays_within` from the old (a meeting
        moved to another day is reminded of again; one moved by half an hour is not reminded of twice)."""
        self.store.flush()
        sent = {r.kind: r.due_at for r in self._reminders(meeting_id) if r.done_at is not None}
        again = [k for k, at in due.items() if k in sent and abs(at - sent[k]) > sent_stays_within]
        replaced = delete(MeetingReminder).where(
            MeetingReminder.meeting_id == meeting_id,
            col(MeetingReminder.done_at).is_(None) | col(MeetingReminder.kind).in_(again),
        )
        self.store._orm.exec(replaced)
        for kind, at in due.items():
            if kind not in sent or kind in again:
                self.store._orm.add(MeetingReminder(meeting_id=meeting_id, kind=kind, due_at=at))

    def drop_reminders(self, meeting_id: int, now: datetime) -> None:
        """A cancelled meeting's reminders are never sent."""
        for reminder in self._reminders(meeting_id):
            if reminder.done_at is None:
                reminder.done_at, reminder.outcome = now, "dropped"

    def due_reminders(self, now: datetime, limit: int = 100) -> list[MeetingReminder]:
        """Reminders due and not done, locked (others skipped): of two processes only one takes each."""
        query = (
            select(MeetingReminder)
            .where(col(MeetingReminder.done_at).is_(None), MeetingReminder.due_at <= now)
            .order_by(MeetingReminder.due_at, MeetingReminder.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list(self.store._orm.exec(query))

    def reminders(self, meeting_id: int) -> list[MeetingReminder]:
        return self._reminders(meeting_id)

    def _reminders(self, meeting_id: int) -> list[MeetingReminder]:
        self.store.flush()
        query = select(MeetingReminder).where(MeetingReminder.meeting_id == meeting_id).order_by(MeetingReminder.id)
        return list(self.store._orm.exec(query))
