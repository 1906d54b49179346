"""Meetings: organisers announce (发起会议), invite parties (邀请), read the list (会议名单), sign up someone
without a phone (代报名), change and cancel; residents answer in the group in their own words, by 接龙 or with
the buttons; invited parties answer privately.

While a meeting is open in a group, an answer there (参加, 我也去, 来不了, 待定…) is an RSVP and never a
ticket or an offer: this router comes before complaints (handlers.features)."""

from __future__ import annotations

import re

from bot.commands import Command
from bot.dispatch.context import Context
from bot.dispatch.router import Chat, Router
from bot.nlp.announce import Unreadable, read_announcement
from bot.nlp.places import find_place
from bot.nlp.rsvp import guests as guests_in
from bot.nlp.rsvp import solitaire
from bot.nlp.times import read_time
from bot.numbers import parse_number
from handlers.meetings import texts as T
from handlers.meetings.events import MeetingEvent
from handlers.meetings.notifications import messages_for
from handlers.meetings.service import PROXY, Given, MeetingError, MeetingService
from handlers.tickets.router import PLACE_WORDS, here
from storage.models import Meeting
from storage.roster_view import ChatRef

router = Router("meetings", commands=T.COMMANDS)
ANSWERS = {"rsvp_yes": T.YES, "rsvp_no": T.NO, "rsvp_maybe": T.MAYBE}


def meetings(ctx: Context) -> MeetingService:
    return MeetingService(ctx.store.meetings, ctx.clock, ctx.roster)


def tell(ctx: Context, events: list[MeetingEvent]) -> None:
    ctx.say(messages_for(events, ctx.roster, here(ctx)))


# Refusals after which a meeting's answer buttons are of no use to anyone.
_OVER = frozenset({"no_such_meeting", "cancelled", "started"})


def refuse(ctx: Context, error: MeetingError) -> None:
    ctx.refuse(T.refusal(error.reason, error.number), spent=error.reason in _OVER)


# --- announcing -------------------------------------------------------------------------------------


@router.command("announce", staff=False)
def residents_cannot_announce(ctx: Context) -> None:
    ctx.reply(T.NOT_AN_ORGANISER)


@router.command("attendees", "invite", "cancel", "change", "proxy", staff=False)
def residents_cannot_run_meetings(ctx: Context) -> None:
    """An organiser's command word from a resident: refused, privately in a group, and never read as an answer
    (取消会议 is no 不参加, 会议名单 no 参加)."""
    if ctx.is_group:
        ctx.reply_privately(T.ORGANISERS_ONLY)
    else:
        ctx.reply(T.ORGANISERS_ONLY)


@router.command("announce", staff=True)
def announce(ctx: Context) -> None:
    """发起会议 明天下午3点 社区议事厅 议题：东门停车位改造 限30人 (in the group; privately, with 群 g_tx1)."""
    service, person = meetings(ctx), ctx.sender.person_id
    if not service.is_organiser(person):
        ctx.reply(T.NOT_AN_ORGANISER)
        return
    said = read_announcement(_whole_rest(ctx.command), ctx.clock.now())
    if isinstance(said, Unreadable):
        ctx.reply(T.unreadable(said.reason, said.starts_at))
        return
    chat = _group_for(ctx, service, said.group)
    if chat is None:
        return
    if not service.may_organise(person, chat):
        ctx.reply(T.NOT_YOUR_GROUP.format(group=chat.name))
        return
    tell(ctx, service.announce(person, chat, said, source_key=ctx.origin))


def _group_for(ctx: Context, service: MeetingService, named: str | None) -> ChatRef | None:
    """The group a meeting is for: where it was announced, or the one named with 群 (its id or its name)."""
    if named is None and ctx.chat is not None:
        return ctx.chat
    mine = service.groups_for(ctx.sender.person_id)
    listing = "、".join(f"{c.id}（{c.name}）" for c in mine) or "无"
    if named is None:
        ctx.reply(T.NAME_THE_GROUP.format(groups=listing))
        return None
    chat = ctx.roster.chats.get(named) or next((c for c in ctx.roster.chats.values() if c.name == named), None)
    if chat is None:
        ctx.reply(T.NO_SUCH_GROUP.format(group=named, groups=listing))
    return chat


def _whole_rest(command: Command) -> str:
    """What follows the command word, with a number the parser took for a meeting's put back (发起会议 12月5日…)."""
    return f"{command.written_number}{command.rest}" if command.written_number else command.rest


# --- answers in the group ---------------------------------------------------------------------------


def answers_a_meeting_here(ctx: Context) -> bool:
    """A meeting is open here, and the message is no 接龙 list for something else (团购荔枝)."""
    if ctx.chat is None or not meetings(ctx).any_open_in(ctx.chat.id):
        return False
    service = meetings(ctx)
    open_here = service.open_in(ctx.chat.id)
    listed = solitaire(ctx.inbound.text) if open_here else None
    return bool(open_here) and (listed is None or service.list_is_for(open_here, listed.title))


@router.text(intents=list(ANSWERS), chats=Chat.GROUP, when=answers_a_meeting_here)
def answer_in_group(ctx: Context) -> None:
    """参加 / 参加 +2 / 来不了 / 待定 / a 接龙 list: the sender's answer to the meeting it is meant for."""
    _answer_here(ctx, ANSWERS[ctx.analysis.intent])


# Asked when or where (几点开始来着, 在哪个活动室, 啥时候集合): of the meeting open here when the words are about it or
# say nothing else (a newcomer's, stop 37: the bot knew and said nothing). Not 明天几点停水, which asks of something
# else.
_ASKS_WHEN_OR_WHERE = re.compile(
    r"几点|什么时候|啥时候|哪天|几号|在哪|哪里|哪儿|哪个(?:活动室|会议室|地方|屋)|地点是|时间是"
)
_ABOUT_A_MEETING = re.compile(r"开始|开会|会议|会上|活动|集合|讲座|体检|义诊|演练|培训|报名|那个|来着")
MAX_MEETING_QUESTION = 30  # characters


def asks_when_or_where_a_meeting_here_is(ctx: Context) -> bool:
    text = ctx.inbound.text
    if len(text) > MAX_MEETING_QUESTION or not _ASKS_WHEN_OR_WHERE.search(text) or ctx.chat is None:
        return False
    if not (_ABOUT_A_MEETING.search(text) or len(text) <= 6):
        return False
    return meetings(ctx).any_open_in(ctx.chat.id)


@router.text(intents=["chatter"], chats=Chat.GROUP, when=asks_when_or_where_a_meeting_here_is)
def when_and_where(ctx: Context) -> None:
    """Its time and place, to the group that asked."""
    service = meetings(ctx)
    meeting = service.meant(service.open_in(ctx.chat.id), ctx.inbound.text)
    ctx.reply(T.details(meeting.id, meeting.topic, meeting.starts_at, meeting.place))


def says_me_too_to_a_meeting_here(ctx: Context) -> bool:
    """A bare "+1" (talk, read alone) while a meeting is open here: the group's "me too" to it."""
    return ctx.analysis.me_too and answers_a_meeting_here(ctx)


@router.text(intents=["chatter"], chats=Chat.GROUP, when=says_me_too_to_a_meeting_here)
def me_too_in_group(ctx: Context) -> None:
    """+1 under a meeting's notice: a yes, bringing nobody new."""
    _answer_here(ctx, T.YES, me_too=True)


def _answer_here(ctx: Context, answer: str, me_too: bool = False) -> None:
    service, text = meetings(ctx), ctx.inbound.text
    meeting = service.get(service.meant(service.open_in(ctx.chat.id), text).id, lock=True)
    listed = solitaire(text)
    line = listed.line if listed else ""
    name = _name_from_line(line) or ctx.inbound.name or ctx.sender.person_id
    if listed is not None and service.listed_by_another(meeting, name, ctx.sender.person_id):
        ctx.reply_privately(T.relisted(name, meeting.id))  # a list passed on without a line of one's own
        return
    given = Given(
        attendee=ctx.sender.person_id,
        name=name,
        answer=answer,
        guests=ctx.analysis.guests,
        person_id=ctx.sender.person_id,
        building=find_place(line).building or find_place(ctx.inbound.name or "").building,
        me_too=me_too,
    )
    try:
        tell(ctx, service.answer(meeting, given))
    except MeetingError as error:
        refuse(ctx, error)


_GUESTS_WRITTEN = re.compile(r"[+＋]\s*\d{1,2}|[（(]\s*\d{1,2}\s*人?\s*[)）]")


def _name_from_line(line: str) -> str:
    """How a 接龙 line names its writer: "5号楼王阿姨 +1" → "5号楼王阿姨"."""
    return _GUESTS_WRITTEN.sub("", line).strip(" ：:，,")[:32]


@router.button(T.BUTTON_PREFIX, pattern=r"mt:[0-9]{1,10}:(?:yes|no|maybe)")
def tap(ctx: Context) -> None:
    """A tap on 参加 / 不参加 / 待定: an invited party's answer in their private chat, else an attendee's."""
    number_written, _, answer = ctx.inbound.button_data[len(T.BUTTON_PREFIX) :].partition(":")
    service, person = meetings(ctx), ctx.sender.person_id
    try:
        meeting = service.get(parse_number(number_written, allow_hash=False) or 0, lock=True)
        if not ctx.is_group and ctx.store.meetings.invite_of(meeting.id, person) is not None:
            tell(ctx, service.answer_invite(meeting, person, answer))
            return
        if ctx.is_group and meeting.chat != ctx.chat_id:
            # A button from another group's notice (copied, or tampered with): not this group's meeting.
            raise MeetingError("no_such_meeting", meeting.id)
        name = ctx.inbound.name or ctx.sender.name or person
        given = Given(person, name, answer, person_id=person, building=find_place(name).building)
        tell(ctx, service.answer(meeting, given))
    except MeetingError as error:
        refuse(ctx, error)


# --- invited parties answering privately ------------------------------------------------------------


def invited_to_something(ctx: Context) -> bool:
    return bool(meetings(ctx).invitations_of(ctx.sender.person_id))


@router.text(intents=list(ANSWERS), chats=Chat.PRIVATE, when=invited_to_something)
def answer_invitation(ctx: Context) -> None:
    """An invited party's 参加 / 不参加 / 待定 in words: for the soonest invitation not yet answered."""
    service, person = meetings(ctx), ctx.sender.person_id
    invitations = service.invitations_of(person)
    _, meeting = next(((i, m) for i, m in invitations if i.answer is None), invitations[0])
    try:
        tell(ctx, service.answer_invite(service.get(meeting.id, lock=True), person, ANSWERS[ctx.analysis.intent]))
    except MeetingError as error:
        refuse(ctx, error)


# --- organisers -------------------------------------------------------------------------------------


def _meeting_meant(ctx: Context, service: MeetingService, usage: str, lock: bool = True) -> Meeting | None:
    """The meeting a command names by number, or the only one it can mean: the group's, or the organiser's."""
    command = ctx.command
    number = _meeting_number(command)
    try:
        if number is not None:
            return service.managed(service.get(number, lock=lock), ctx.sender.person_id)
        candidates = service.open_in(ctx.chat.id) if ctx.chat else service.organised_upcoming(ctx.sender.person_id)
        if not candidates:
            raise MeetingError("no_meeting")
        if len(candidates) > 1:
            numbers = [m.id for m in candidates]
            ctx.reply(T.refusal("which_meeting", numbers=numbers, example=usage))
            return None
        return service.managed(service.get(candidates[0].id, lock=lock), ctx.sender.person_id)
    except MeetingError as error:
        ctx.reply(T.refusal(error.reason, error.number))
        return None


@router.command("attendees", staff=True)
def attendees(ctx: Context) -> None:
    """会议名单 [N]: the tally, names and waitlist, always privately."""
    service = meetings(ctx)
    meeting = _meeting_meant(ctx, service, "会议名单 3", lock=False)
    if meeting is None:
        return
    tally = service.tally(meeting)
    rows = {
        T.YES: [_line(ctx, a) for a in tally.yes],
        T.NO: [_line(ctx, a) for a in tally.no],
        T.MAYBE: [_line(ctx, a) for a in tally.maybe],
        "waitlist": [_line(ctx, a) for a in tally.waitlist],
    }
    invited = [T.invited_line(ctx.roster.name(i.person_id) or i.person_id, i.answer) for i in tally.invites]
    text = T.tally(
        meeting.id, meeting.topic, meeting.starts_at, meeting.place, meeting.capacity, rows, tally.guests, invited,
        meeting.status,
    )  # fmt: skip
    ctx.reply_privately(text)
    if ctx.is_group:
        ctx.reply(T.LIST_SENT_PRIVATELY)


def _line(ctx: Context, answer) -> str:
    by = ctx.roster.name(answer.by_id) if answer.by_id else None
    return T.attendee_line(answer.name, answer.guests, answer.building, by)


@router.command("invite", staff=True)
def invite(ctx: Context) -> None:
    """邀请 [N] 物业服务中心 孙书记: each party is asked privately, with the three buttons."""
    service = meetings(ctx)
    names = [n for n in re.split(r"[\s,，、;；]+", _names_after_number(ctx.command)) if n]
    if not names:
        ctx.reply(T.INVITE_USAGE)
        return
    meeting = _meeting_meant(ctx, service, "邀请 3 物业服务中心")
    if meeting is None:
        return
    try:
        tell(ctx, service.invite(meeting, ctx.sender.person_id, names))
    except MeetingError as error:
        ctx.reply(T.refusal(error.reason, error.number))


def _meeting_number(command: Command) -> int | None:
    """The meeting a command names, unless the number starts a place (代报名 5号楼王奶奶: building 5)."""
    return command.number if not command.rest.startswith(PLACE_WORDS) else None


def _names_after_number(command: Command) -> str:
    """What follows the meeting number, or the whole rest when there is none (the number was a place's)."""
    return command.rest if _meeting_number(command) is not None else _whole_rest(command)


@router.command("cancel", staff=True)
def cancel(ctx: Context) -> None:
    service = meetings(ctx)
    meeting = _meeting_meant(ctx, service, "取消会议 3")
    if meeting is None:
        return
    try:
        tell(ctx, service.cancel(meeting, ctx.sender.person_id))
    except MeetingError as error:
        ctx.reply(T.refusal(error.reason, error.number))


_CHANGE = re.compile(r"^\s*(时间|日期|地点|地址|名额|人数)\s*[:：为改成到]*\s*(.+)$")


@router.command("change", staff=True)
def change(ctx: Context) -> None:
    """修改会议 [N] 时间 明天下午4点 / 地点 社区活动室 / 名额 40."""
    service = meetings(ctx)
    wanted = _CHANGE.match(_names_after_number(ctx.command))
    if wanted is None:
        ctx.reply(T.CHANGE_USAGE)
        return
    meeting = _meeting_meant(ctx, service, "修改会议 3 时间 明天下午4点")
    if meeting is None:
        return
    what, value, person = wanted[1], wanted[2].strip(), ctx.sender.person_id
    try:
        if what in ("时间", "日期"):
            when = read_time(value, ctx.clock.now())
            if when.unusable is not None:
                ctx.reply(T.unreadable(when.unusable, when.moment))
                return
            events = service.move(meeting, person, when.moment)
        elif what in ("地点", "地址"):
            events = service.relocate(meeting, person, value[: T.MAX_PLACE])
        else:
            capacity = parse_number(re.sub(r"[人名位]$", "", value)) if value not in ("不限", "无", "0") else None
            if capacity is None and value not in ("不限", "无", "0"):
                ctx.reply(T.CHANGE_USAGE)
                return
            events = service.resize(meeting, person, capacity)
        tell(ctx, events)
    except MeetingError as error:
        ctx.reply(T.refusal(error.reason, error.number))


_ANSWER_WORDS = re.compile(r"不参加|不去|待定|参加")


@router.command("proxy", staff=True)
def proxy(ctx: Context) -> None:
    """代报名 [N] 王奶奶 +1 (或 不参加 / 待定): answers for someone who cannot use the phone."""
    service = meetings(ctx)
    rest = _names_after_number(ctx.command)
    said = _ANSWER_WORDS.search(rest)
    answer = {"不参加": T.NO, "不去": T.NO, "待定": T.MAYBE}.get(said[0], T.YES) if said else T.YES
    name = _name_from_line(_ANSWER_WORDS.sub("", re.sub(r"带.*$", "", rest)))
    if not name:
        ctx.reply(T.PROXY_USAGE)
        return
    company = rest.replace(name, " ", 1)  # 王奶奶 带老伴: the guests are in what follows her name, not in it
    meeting = _meeting_meant(ctx, service, "代报名 3 王奶奶 +1")
    if meeting is None:
        return
    guests = guests_in(company) if answer == T.YES else 0
    given = Given(PROXY + name, name, answer, guests, building=find_place(name).building, by=ctx.sender.person_id)
    try:
        events = service.answer(meeting, given)
    except MeetingError as error:
        ctx.reply(T.refusal(error.reason, error.number))
        return
    answered = events[0]
    ctx.reply(T.proxied(name, meeting.id, answered.answer.guests, answered.left, answered.position, answer))
    tell(ctx, events[1:])
