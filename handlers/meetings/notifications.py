"""Who is told what when a meeting changes: the one place that decides it, for every meeting event.

- The group hears the notice (with the three answer buttons), a short line for a yes that fits, a waitlist
  place, a changed answer, a seat that came free, and a change or cancellation. It never hears the tally.
- A first 不参加 or 待定, or an answer given again unchanged, is confirmed privately: the group is shared.
- Invited parties are asked privately, with the buttons; the organiser hears their answers, and at once when
  a party a 五方汇谈 needs cannot come.
- Those coming (and parties who said yes) are reminded privately; parties who have not answered are nudged.
- Whoever acted gets a short confirmation where they acted, except an organiser acting in the group: the group
  has its own notice of the change, and how many were told is the organiser's business, so theirs comes
  privately.
"""

from __future__ import annotations

from functools import singledispatch

from bot.messages import Button, Here, Outbound, private_chat_id
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
from storage.models import Meeting
from storage.roster_view import RosterView


def messages_for(events: list[MeetingEvent], roster: RosterView, here: Here) -> list[Outbound]:
    out: list[Outbound] = []
    for event in events:
        out += _messages(event, roster, here)
    return out


def answer_buttons(number: int) -> tuple[Button, ...]:
    return tuple(Button(label, data) for label, data in T.buttons_data(number))


def _group(meeting: Meeting, text: str, buttons: tuple[Button, ...] = ()) -> Outbound:
    """The meeting's group, on every platform it is on."""
    return Outbound(text, chat=meeting.chat, buttons=buttons)


def _to(person: str | None, text: str, buttons: tuple[Button, ...] = (), once: str | None = None) -> list[Outbound]:
    return [Outbound(text, person=person, buttons=buttons, once=once)] if person else []


def _back(here: Here, text: str, buttons: tuple[Button, ...] = ()) -> Outbound:
    return Outbound(text, chat=here.chat, platform=here.platform, buttons=buttons)


def _to_organiser(here: Here, actor: str | None, text: str) -> list[Outbound]:
    return _privately(here, actor, text) if here.is_group else [_back(here, text)]


def _privately(here: Here, person: str | None, text: str) -> list[Outbound]:
    """To the person who acted, in their private chat on the platform they acted on."""
    return [Outbound(text, chat=private_chat_id(person), platform=here.platform)] if person else []


@singledispatch
def _messages(event: MeetingEvent, roster: RosterView, here: Here) -> list[Outbound]:
    return []


@_messages.register
def _(event: Announced, roster: RosterView, here: Here) -> list[Outbound]:
    meeting = event.meeting
    notice = T.notice(
        meeting.id, meeting.topic, meeting.starts_at, meeting.place, meeting.capacity, roster.title(event.actor)
    )
    group = roster.chats.get(meeting.chat)
    confirmation = T.announced(meeting.id, group.name if group else meeting.chat, event.reminders)
    return [_group(meeting, notice, answer_buttons(meeting.id)), *_privately(here, event.actor, confirmation)]


@_messages.register
def _(event: Answered, roster: RosterView, here: Here) -> list[Outbound]:
    answer, meeting = event.answer, event.meeting
    if answer.by_id is not None:
        return []  # 代报名: the worker who answered for them is told by the route
    now = (answer.answer, answer.guests, answer.waitlisted)
    if event.before == now and event.asked_guests == answer.guests:
        position = event.position if answer.waitlisted else None
        return _privately(here, answer.person_id, T.unchanged(meeting.id, answer.answer, answer.guests, position))
    if answer.answer == T.YES and answer.waitlisted:
        text = T.waitlisted(answer.name, meeting.id, answer.guests, event.position or 1)
    elif answer.answer == T.YES and event.asked_guests != answer.guests:
        text = T.kept_old_party(answer.name, meeting.id, answer.guests, event.asked_guests)
    elif event.before is not None:
        text = T.changed(answer.name, meeting.id, answer.answer, answer.guests)
    elif answer.answer == T.YES:
        text = T.confirmed(answer.name, meeting.id, answer.guests, event.left)
    else:
        return _privately(here, answer.person_id, T.noted(meeting.id, meeting.topic, answer.answer))
    return [_back(here, text) if here.is_group else _group(meeting, text)]


@_messages.register
def _(event: MovedIn, roster: RosterView, here: Here) -> list[Outbound]:
    answer, meeting = event.answer, event.meeting
    person = T.moved_in_person(meeting.id, meeting.topic, meeting.starts_at, meeting.place, answer.guests)
    return [_group(meeting, T.moved_in_group(answer.name, meeting.id)), *_to(answer.person_id, person)]


@_messages.register
def _(event: Invited, roster: RosterView, here: Here) -> list[Outbound]:
    meeting = event.meeting
    letter = T.invitation(
        meeting.id, meeting.topic, meeting.starts_at, meeting.place, roster.title(meeting.organiser_id),
        meeting.all_parties,
    )  # fmt: skip
    names = [roster.name(i.person_id) or i.person_id for i in event.invites]
    out = _to_organiser(here, event.actor, T.invited(meeting.id, names, list(event.already), list(event.unknown)))
    for invite in event.invites:
        out += _to(invite.person_id, letter, answer_buttons(meeting.id))
    return out


@_messages.register
def _(event: InviteAnswered, roster: RosterView, here: Here) -> list[Outbound]:
    meeting, invite = event.meeting, event.invite
    party = roster.name(invite.person_id) or invite.person_id
    out = [_back(here, T.invite_noted(meeting.id, meeting.topic, invite.answer))]
    if invite.answer != event.before and invite.person_id != meeting.organiser_id:
        out += _to(meeting.organiser_id, T.invite_answered_organiser(party, meeting.id, invite.answer))
        if meeting.all_parties and invite.answer == T.NO:
            out += _to(meeting.organiser_id, T.party_missing(party, meeting.id))
    return out


@_messages.register
def _(event: Cancelled, roster: RosterView, here: Here) -> list[Outbound]:
    meeting = event.meeting
    out = [_group(meeting, T.cancelled_group(meeting.id, meeting.topic, meeting.starts_at))]
    for person in event.told:
        out += _to(person, T.cancelled_person(meeting.id, meeting.topic, meeting.starts_at))
    return [*out, *_to_organiser(here, event.actor, T.cancelled_organiser(meeting.id, len(event.told)))]


@_messages.register
def _(event: Changed, roster: RosterView, here: Here) -> list[Outbound]:
    meeting = event.meeting
    out = [_group(meeting, T.changed_group(meeting.id, meeting.topic, event.what, event.old, event.new))]
    personal = T.changed_person(
        meeting.id, meeting.topic, event.what, event.old, event.new, meeting.starts_at, meeting.place
    )
    for person in event.told:
        out += _to(person, personal)
    return [*out, *_to_organiser(here, event.actor, T.changed_organiser(meeting.id, event.what, len(event.told)))]


@_messages.register
def _(event: Reminded, roster: RosterView, here: Here) -> list[Outbound]:
    meeting = event.meeting
    # Under a key of the meeting, the kind and the start: never twice to anyone, and again if it moves.
    once = f"meeting:{meeting.id}:{event.kind}:{int(meeting.starts_at.timestamp())}"
    out: list[Outbound] = []
    for person, guests in event.people:
        if event.kind == "nudge":
            text = T.nudge(meeting.id, meeting.topic, meeting.starts_at, meeting.place)
            out += _to(person, text, answer_buttons(meeting.id), once=once)
        else:
            text = T.reminder(event.kind, meeting.id, meeting.topic, meeting.starts_at, meeting.place, guests)
            out += _to(person, text, once=once)
    return out
