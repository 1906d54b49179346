"""Workers handle tickets from their private chat (接单, 进度, 办结, 转派, 我的工单, 工单 N); reporters ask
after their reports (我的报事) and rate the result with two buttons."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.commands import Command
from bot.dispatch.context import Context
from bot.dispatch.router import Chat, Router
from bot.messages import Button, Here
from bot.nlp.keywords import categories_named
from bot.nlp.places import find_place, without_places
from bot.numbers import parse_number
from bot.vocabulary import ACCEPTED, ACTIVE_STATUSES, OPEN, RESOLVED
from handlers.tickets import texts as T
from handlers.tickets.events import TicketEvent
from handlers.tickets.meant import (
    Meant,
    asks_after_a_ticket,
    bare_progress,
    meant,
    speaks_of_tickets,
    ticket_named,
    work_without_a_number,
    worker_meant,
)
from handlers.tickets.notifications import RATE_PREFIX, messages_for
from handlers.tickets.over import (
    PERSONAL_HAZARDS,
    Over,
    asks_after_own_report,
    how_it_is_over,
    says_it_was_a_mistake,
)
from handlers.tickets.service import TicketError, TicketService
from handlers.tickets.view import describe

if TYPE_CHECKING:
    from storage.models import Ticket

router = Router("tickets", commands=T.COMMANDS)
ACTIONS = ("accept", "progress", "resolve", "transfer")
WHY_UNSATISFIED = "why_unsatisfied"
WHY_UNSATISFIED_MINUTES = 60  # the words right after the rating; later ones are a conversation of their own
RATED_SATISFIED = "rated_satisfied"  # (nothing is asked: a 满意 tapped by mistake may be taken back meanwhile)
MISTAKE_MINUTES = 30
HINTED = "command_hinted"  # a worker's command suggested from their own words, sent by a tap
HINT_MINUTES = 30
HINT_PREFIX = "hint:"  # hint:<10 hex>: the hint the tap is under
HINTS_KEPT = 5  # the taps of a worker's newest hints that still send their commands
PLACE_WORDS = ("号", "栋", "幢", "单元", "楼", "层", "室")


def tickets(ctx: Context) -> TicketService:
    return TicketService(ctx.store.tickets, ctx.clock, ctx.roster)


def here(ctx: Context) -> Here:
    """Where a change was made, for the notifications: the actor's confirmation goes back there."""
    return Here(ctx.chat_id, ctx.inbound.platform, ctx.is_group, ctx.start_link)


def tell(ctx: Context, events: list[TicketEvent]) -> None:
    ctx.say(messages_for(events, ctx.roster, here(ctx)))


# --- residents ---------------------------------------------------------------------------------------


@router.command("query")
@router.command("mine", staff=False)  # a resident's 我的工单 means their own reports
def answer_query(ctx: Context) -> None:
    """查询 / 我的报事: always answered privately."""
    _tell_reports(ctx)
    if ctx.is_group:
        ctx.reply(T.QUERY_IN_GROUP)


@router.command(*ACTIONS, chats=Chat.PRIVATE, staff=False)
def only_for_workers(ctx: Context) -> None:
    ctx.reply(T.WORKER_ONLY)


@router.button(RATE_PREFIX, pattern=r"rate:[0-9]{1,10}:(?:yes|no)")
def rate(ctx: Context) -> None:
    """满意 closes the ticket; 不满意 reopens it and tells the worker and the grid head. Answered privately."""
    written, _, answer = ctx.inbound.button_data[len(RATE_PREFIX) :].partition(":")
    number = parse_number(written, allow_hash=False)
    if number is None or answer not in ("yes", "no"):
        ctx.refuse(T.refusal("no_such_ticket", written), spent=True)
        return
    try:
        events = tickets(ctx).rate(number, ctx.sender.person_id, answer == "yes")
    except TicketError as error:
        # Someone else's rating is theirs to give; a ticket gone or past its rating has no use for the buttons.
        over = error.reason != "not_reporter"
        ctx.refuse(T.refusal(error.reason, number, error.ticket.status if error.ticket else ""), spent=over)
        return
    ctx.spent = True  # one rating per ticket: the two buttons are used up
    tell(ctx, events)
    if not ctx.is_group:
        _ask_why_or_not(ctx, number, satisfied=answer == "yes")


def _ask_why_or_not(ctx: Context, number: int, satisfied: bool) -> None:
    """After 不满意, their next words here are why (灯是换了 但是开关还是不灵): for the worker, not a new report asked
    where. After 满意, for half an hour, a word that the tap was a mistake takes it back (nothing is asked). Never in
    place of another question waiting (which compound? a report's words would be lost), nor of a reason awaited for
    another ticket."""
    state = ctx.conversation.state
    # (a worker's pending 确认发送 gives way: the tap then says the hint is gone, and their words are read as said)
    state = None if state is not None and state.name == HINTED else state
    ours = state is not None and state.name in (WHY_UNSATISFIED, RATED_SATISFIED)
    newest = tickets(ctx).reported_by(ctx.sender.person_id, limit=1)
    data = {"ticket": number, "newest": newest[0].id if newest else number}
    if satisfied:
        # (a reason still awaited for another ticket's 不满意 is not displaced: a review's, stop 40)
        if state is None or state.name == RATED_SATISFIED or (ours and state.data.get("ticket") == number):
            ctx.conversation.ask(RATED_SATISFIED, minutes=MISTAKE_MINUTES, data=data)
    elif state is None or ours:
        ctx.conversation.ask(WHY_UNSATISFIED, minutes=WHY_UNSATISFIED_MINUTES, data=data)


def _rated_in_words(ctx: Context) -> tuple[int, bool] | None:
    """(the ticket, satisfied) when a reporter's private words rate the work on their one report awaiting a rating
    (不满意, 灯根本没修啊 还是黑的, 修好了 谢谢师傅): not a report of anything else (报事, a danger, another building or
    kind of problem, 还有个事…), nor a question."""
    text, analysis = ctx.inbound.text.strip(), ctx.analysis
    if not text or analysis.explicit or analysis.urgent or analysis.intent == "query" or T.ANOTHER_MATTER.search(text):
        return None
    if (satisfied := T.rating_in_words(text)) is None:
        return None
    recent = ctx.clock.now() - timedelta(days=T.RATING_IN_WORDS_DAYS)
    awaiting = [
        t
        for t in tickets(ctx).reported_by(ctx.sender.person_id, limit=3)
        if t.status == RESOLVED and t.updated_at >= recent
    ]
    if len(awaiting) != 1 or ctx.sender.person_id != awaiting[0].reporter_id:
        return None  # (none, or which one is not for the bot to guess)
    ticket = awaiting[0]
    if analysis.building not in (None, ticket.building) or categories_named(text) - {ticket.category}:
        return None
    return ticket.id, satisfied


def rates_in_words(ctx: Context) -> bool:
    return _rated_in_words(ctx) is not None


@router.text(chats=Chat.PRIVATE, when=rates_in_words)
def rate_in_words(ctx: Context) -> None:
    """The rating said rather than tapped, as the tap would have done; the words beyond 不满意 go to the staff as
    why (not asked again), and the rating's buttons show the choice."""
    number, satisfied = _rated_in_words(ctx)
    text = ctx.inbound.text.strip()
    why = text if not satisfied and T.beyond_the_rating(text) else ""
    person = ctx.sender.person_id
    rated = _rated(ctx, number, lambda service: service.rate(number, person, satisfied, bool(why)), why, satisfied)
    if rated and (satisfied or not why):
        _ask_why_or_not(ctx, number, satisfied)


def _rated(ctx: Context, number: int, rate, why: str, satisfied: bool) -> bool:
    """A rating given other than by its tap: `rate(service)` gives its events, `why` (if any) goes beside them to the
    staff, and the rating's buttons show the choice. False when it was refused (told why)."""
    service = tickets(ctx)
    try:
        events = rate(service)
        if why:
            events += service.explain_dissatisfaction(number, ctx.sender.person_id, why)
    except TicketError as error:
        ctx.reply(T.refusal(error.reason, number))
        return False
    tell(ctx, events)
    ctx.choose_instead(f"{RATE_PREFIX}{number}:{'yes' if satisfied else 'no'}")
    return True


def says_why_unsatisfied(ctx: Context) -> bool:
    """Words for the reopened ticket, unless they are plainly something else: a photo or a sticker (no words), a
    report (报事 …, a danger, another building or another kind of problem), a question about one's reports, a
    worker's command, or anything after a new report of theirs or once the ticket is no longer being handled."""
    text, analysis = ctx.inbound.text.strip(), ctx.analysis
    if not text or analysis.explicit or analysis.urgent or analysis.intent == "query" or meant(text):
        return False
    if ctx.sender.is_staff and bare_progress(text) is not None:
        return False  # (2号 已经联系物业了: a worker's word about a ticket they handle, not their reason)
    data, service = ctx.conversation.state.data, tickets(ctx)
    latest = service.reported_by(ctx.sender.person_id, limit=1)
    if latest and latest[0].id > data.get("newest", data["ticket"]):
        return False  # a report since: what follows is about it
    ticket = ctx.store.tickets.get(data["ticket"])
    if ticket is None or ticket.status not in ACTIVE_STATUSES:
        return False
    elsewhere = analysis.building is not None and analysis.building != ticket.building
    # (another matter said to be one: a reason often names a problem of another kind — 通是通了 可是井盖边上还是
    # 一滩黑水 after a blocked drain, a newcomer's — and had been asked which compound, as a new report)
    return not elsewhere and not T.ANOTHER_MATTER.search(text)


def says_satisfied_was_a_mistake(ctx: Context) -> bool:
    """点错了 其实还没修好 after 满意, and nothing plainly else: a report (报事, a danger, another building or
    matter), a question, a worker's command, or anything after a report of theirs since."""
    text, analysis = ctx.inbound.text.strip(), ctx.analysis
    if analysis.explicit or analysis.urgent or analysis.intent == "query" or analysis.building is not None:
        return False
    if T.ANOTHER_MATTER.search(text) or worker_meant(text):
        return False
    service, data = tickets(ctx), ctx.conversation.state.data
    latest = service.reported_by(ctx.sender.person_id, limit=1)
    if latest and latest[0].id > data.get("newest", data["ticket"]):
        return False
    rated = ctx.store.tickets.get(data["ticket"])
    if rated is None or categories_named(text) - {rated.category}:
        return False  # (按错了 我是想说楼下有人天天半夜放音乐: a report of its own)
    return T.says_satisfied_was_a_mistake(text)


@router.reply(RATED_SATISFIED, chats=Chat.PRIVATE, when=says_satisfied_was_a_mistake)
def take_back_satisfied(ctx: Context) -> None:
    """点错了 其实还没修好, after 满意: reopened as 不满意 would have, while nothing has happened to the closed ticket
    since (a newcomer's, stop 40: the ticket stayed closed and the words got the help text); the words beyond the
    mistake go to the staff as why."""
    number = ctx.conversation.state.data["ticket"]
    ctx.conversation.finish()
    why = T.beyond_the_mistake(ctx.inbound.text.strip())
    person = ctx.sender.person_id
    taken_back = _rated(ctx, number, lambda service: service.take_back_satisfaction(number, person), why, False)
    if taken_back and not why:  # (why said already: not asked again, and their next words are their own)
        _ask_why_or_not(ctx, number, satisfied=False)


def says_the_tap_was_a_mistake(ctx: Context) -> bool:
    """点错了 是满意的, 手滑了, 按错了: the 不满意 was not meant (no way back had been offered: the reason asked for
    got 点错了, and the worker was told of a dissatisfaction nobody had)."""
    return T.says_the_tap_was_a_mistake(ctx.inbound.text)


@router.reply(WHY_UNSATISFIED, chats=Chat.PRIVATE, when=says_the_tap_was_a_mistake)
def take_back_the_rating(ctx: Context) -> None:
    number = ctx.conversation.state.data["ticket"]
    ctx.conversation.finish()
    try:
        events = tickets(ctx).take_back_dissatisfaction(number, ctx.sender.person_id)
    except TicketError as error:
        ctx.reply(T.refusal(error.reason, number))
        return
    tell(ctx, events)
    ctx.choose_instead(f"{RATE_PREFIX}{number}:yes")  # (their choice is 满意, even where the staff must close it)


@router.reply(WHY_UNSATISFIED, chats=Chat.PRIVATE, when=says_why_unsatisfied)
def pass_on_why_unsatisfied(ctx: Context) -> None:
    """Why the resident is not satisfied, in their words: on the ticket and to whoever handles it, once."""
    number = ctx.conversation.state.data["ticket"]
    ctx.conversation.finish()
    if T.NOTHING_MORE.fullmatch(ctx.inbound.text.strip()):
        ctx.reply(T.NOTHING_MORE_TO_PASS_ON)  # 算了, 好的谢谢: nothing to pass on
        return
    try:
        events = tickets(ctx).explain_dissatisfaction(number, ctx.sender.person_id, ctx.inbound.text.strip())
    except TicketError as error:
        ctx.reply(T.refusal(error.reason, number))
        return
    tell(ctx, events)


def means_a_command(ctx: Context) -> bool:
    """(工单1 那家人打起来了 有人拿刀 is no word of progress: a danger, read as the ticket command it starts with)"""
    found = _meant_privately(ctx)
    return found is not None and not (found.command == "progress" and ctx.analysis.urgent)


def _meant_privately(ctx: Context) -> Meant | None:
    """The command a worker meant in their private chat: as worker_meant reads it, else words of progress after a
    bare number that is one of their own open tickets' (17号 防水材料订好了 had got 我没看懂这句, a newcomer's,
    stop 40)."""
    text = ctx.inbound.text
    found = worker_meant(text)
    if found is None and not ctx.analysis.explicit and bare_progress(text) is None:
        return _about_one_of_theirs(ctx)
    if found is not None or (found := bare_progress(text)) is None or ctx.analysis.explicit:
        return found
    ticket = ctx.store.tickets.get(found.number)
    if ticket is None or ticket.status not in _MAY_BE_MEANT["progress"]:
        return None
    return found if tickets(ctx).may_act(ticket, ctx.sender.person_id) else None


# One matter pointed at (电梯那个, 下水道的事, 煤气那边), and not asked after (电梯那个咋样了)
_POINTED_AT = re.compile(
    r"^(?!.*(?:咋样|怎么样|如何|进度|啥情况|什么情况|[?？吗么]\s*$)).*(?:那个|那单|那件|的事|那事|那边)"
)


def _about_one_of_theirs(ctx: Context, done_only: bool = False) -> Meant | None:
    """3号楼的灯修好了, 电梯那个报给物业了 等配件, with no ticket named: 办结, or 进度, of the worker's one open
    ticket at the building they name and of the kind they name (either, or both); nothing when they have none or
    several such (a newcomer's, stop 42, got 我没看懂这句, or a resident's 您还没有反映过问题). Progress only of one
    pointed at (电梯那个, 下水道的事) and not asked after; in a group (`done_only`), only work said done: the rest is
    talk with the neighbours."""
    text = ctx.inbound.text
    building = find_place(text).building  # (not the analyzer's: it reads no place of talk)
    named = categories_named(text)
    if building is None and not named:
        return None
    said = work_without_a_number(without_places(text))
    if said is None or (said == "progress" and (done_only or not _POINTED_AT.search(text))):
        return None
    mine = [t for t in tickets(ctx).assigned_to(ctx.sender.person_id) if t.status in ACTIVE_STATUSES]
    there = [t for t in mine if building in (None, t.building) and (not named or t.category in named)]
    if len(there) != 1:
        return None
    return Meant(said, there[0].id, text.strip())


# Which of a worker's tickets a command meant of 这单 can be about: one waiting to be taken, taken, or either
_MAY_BE_MEANT = {
    "accept": (OPEN,),
    "resolve": (OPEN, ACCEPTED),
    "transfer": (OPEN, ACCEPTED),
    "progress": (OPEN, ACCEPTED),
}


@router.text(chats=Chat.PRIVATE, staff=True, when=means_a_command)
def hint_the_command_meant(ctx: Context) -> None:
    """接了 1号单子 下午过去看, 办完了 3号单子: the command meant, whatever the analyzer made of the words
    (办完了 3号单子 had read as a resident's status question: 您还没有反映过问题), written with their own words
    (第一单已经处理好了 燃气公司来修了阀门 → 办结 1 燃气公司来修了阀门). 这单我接了: the one it can be, if only one can;
    else which. Nothing is done on loose words: a tap on 确认发送 sends the command suggested."""
    _offer_the_hint(ctx)


def means_a_numbered_command_in_a_group(ctx: Context) -> bool:
    """Not a danger the worker reports (5号楼那个单车棚着火了 我去处理: registered, the group alarmed), nor 这单: in a
    group only a ticket named by its number."""
    found = worker_meant(ctx.inbound.text) or _about_one_of_theirs(ctx, done_only=True)
    return found is not None and found.number is not None and not ctx.analysis.urgent


@router.text(chats=Chat.GROUP, staff=True, when=means_a_numbered_command_in_a_group)
def hint_the_command_meant_in_a_group(ctx: Context) -> None:
    """13号单子我已经处理完了哈, said by a worker in a group: the hint privately, where commands are given (it had
    got nothing at all, a newcomer's, stop 38), with its tap, as if said there (a review's, stop 41: it had none, and
    an older hint's tap in the private chat still sent that one's words); the group hears nothing of it."""
    _offer_the_hint(ctx, after="\n" + T.COMMANDS_IN_PRIVATE)


def _hinted(ctx: Context) -> tuple[str, dict | None]:
    """The hint, and the command it suggests when it is whole (a ticket, and the words 进度 and 办结 need, the person
    转派 needs) and would be taken: for a tap to send as it is."""
    text = ctx.inbound.text
    found = (worker_meant(text) or _about_one_of_theirs(ctx, done_only=True)) if ctx.is_group else _meant_privately(ctx)
    number = found.number
    if number is None:
        mine = [t for t in tickets(ctx).assigned_to(ctx.sender.person_id) if t.status in _MAY_BE_MEANT[found.command]]
        if len(mine) != 1:
            example = T.USAGE_EXAMPLE[found.command]
            return T.WHICH_TICKET.format(example=example) + ("\n" + T.mine(mine) if mine else ""), None
        number = mine[0].id
    if (refused := _why_not(ctx, found.command, number)) is not None:
        return refused, None
    name = _staff_name_in(ctx, text)
    rest = {"accept": "", "progress": found.words, "resolve": found.words, "transfer": name or ""}[found.command]
    whole = found.command == "accept" or bool(rest)
    hint = T.meant_hint(found.command, number, found.words, name, ctx.store.tickets.get(number))
    return hint, ({"command": found.command, "number": number, "rest": rest} if whole else None)


def _offer_the_hint(ctx: Context, after: str = "") -> None:
    """The hint, privately, with 确认发送 when the command is whole: a worker on a phone had to type it all again (a
    newcomer's, stop 41). The command waits in their private chat; the tap sends it as typed, nothing else does."""
    hint, command = _hinted(ctx)
    hint += after
    conversation = ctx.private_conversation
    state = conversation.state
    if state is not None and state.name != HINTED:
        command = None  # (another question waits here, which compound or why unsatisfied: it is not displaced)
    if command is None:
        ctx.reply_privately(hint)
        return
    # the tap names this hint (the message it came with), so an older hint's tap sends nothing of a newer one's words
    key = hashlib.sha1(ctx.origin.encode()).hexdigest()[:10]
    waiting = _hints_waiting(state, ctx.clock.now(), without=(command["command"], command["number"]))
    waiting[key] = {**command, "at": ctx.clock.now().isoformat()}
    conversation.ask(HINTED, minutes=HINT_MINUTES, data={"hints": dict(list(waiting.items())[-HINTS_KEPT:])})
    ticket = ctx.store.tickets.get(command["number"])
    ctx.reply_privately(hint, buttons=[Button(T.send_as_hinted(ticket, command["command"]), HINT_PREFIX + key)])


def _hints_waiting(state, now: datetime, without: tuple[str, int] | None = None) -> dict[str, dict]:
    """The hints whose taps still send their command: each within half an hour of its own hint, the newest few, and
    not one of the same command for the same ticket as `without` (a newer hint of it, or it typed: the older tap would
    send older words, or send it twice). Every shown tap that still may works (a newcomer's, stop 42: an urgent
    ticket's 接单 tap had died under two later hints of other tickets, and the ticket waited)."""
    if state is None or state.name != HINTED:
        return {}
    late = now - timedelta(minutes=HINT_MINUTES)
    return {
        key: hint
        for key, hint in state.data.get("hints", {}).items()
        if datetime.fromisoformat(hint["at"]) >= late and (hint["command"], hint["number"]) != without
    }


@router.button(HINT_PREFIX, pattern=r"hint:[0-9a-f]{10}", chats=Chat.PRIVATE)
def send_as_hinted(ctx: Context) -> None:
    """确认发送 under a hint: the command it suggested, as if typed; within half an hour, not once the command was
    typed, nor once a newer hint of the same command for the same ticket came."""
    state = ctx.conversation.state
    waiting = _hints_waiting(state, ctx.clock.now())
    hint = waiting.pop(ctx.inbound.button_data[len(HINT_PREFIX) :], None)
    if hint is None:
        ctx.refuse(T.HINT_GONE, spent=True)
        return
    _keep_hints(ctx, waiting)
    ctx.spent = True
    _do(ctx, hint["command"], hint["number"], hint["rest"])


def _keep_hints(ctx: Context, waiting: dict[str, dict]) -> None:
    if waiting:
        ctx.conversation.ask(HINTED, minutes=HINT_MINUTES, data={"hints": waiting})
    else:
        ctx.conversation.finish()


def _why_not(ctx: Context, command: str, number: int) -> str | None:
    """Why the command meant would be refused, said at once rather than after the worker sends it (a newcomer's,
    stop 40: 进度 1 suggested for a closed ticket, 转派 12 for someone else's)."""
    service = tickets(ctx)
    try:
        ticket = service.get(number)
    except TicketError as error:
        return T.refusal(error.reason, number)
    if not service.may_act(ticket, ctx.sender.person_id):
        return T.refusal("not_allowed", number)
    if ticket.status not in _MAY_BE_MEANT[command]:
        return T.refusal(f"bad_state:{command}", number, ticket.status)
    return None


def _staff_name_in(ctx: Context, text: str) -> str | None:
    """The staff member named after the words of handing over (转给李网格员吧), for the 转派 command meant: the first
    there, never the worker themself (把1号单从张网格员手里转给刘楼长: 刘楼长; 王网格长说把1号单转给李网格员: 李)."""
    tail = text[max(text.rfind("转"), text.rfind("给"), text.rfind("交"), 0) :]
    found = [
        (tail.find(name), name)
        for pid, (name, _) in ctx.roster.staff.items()
        if name and name in tail and pid != ctx.sender.person_id and ctx.roster.is_staff(pid)
    ]
    return min(found)[1] if found else None


def asks_after_a_named_ticket(ctx: Context) -> bool:
    return asks_after_a_ticket(ctx.inbound.text)


@router.text(chats=Chat.PRIVATE, staff=True, when=asks_after_a_named_ticket)
def answer_a_workers_question_about_a_ticket(ctx: Context) -> None:
    """#1 修好没, whatever the analyzer made of it (it read as talk, and got the whole help)."""
    if not _answer_a_workers_question(ctx):
        answer_query(ctx)


@router.text(intents=["query"], chats=Chat.PRIVATE)
def answer_status_question(ctx: Context) -> None:
    """A question about one's report, in one's own words, in a private chat. A worker asking after the tickets they
    handle (3号单子咋样了, 我手上还有几个单子) is shown the one named, or their list, not 您还没有反映过问题 (a
    newcomer's, stop 38), even if they have reported something themselves."""
    if not (ctx.sender.is_staff and _answer_a_workers_question(ctx)):
        _answer_a_reporters_question(ctx)


def _answer_a_workers_question(ctx: Context) -> bool:
    """Whether it was a worker's question about the tickets they handle (and it is answered)."""
    text, service = ctx.inbound.text, tickets(ctx)
    number = ticket_named(text)
    if number is None:
        if not speaks_of_tickets(text):
            return False
        list_mine(ctx)
        return True
    try:
        ticket = service.get(number)
    except TicketError as error:
        ctx.reply(T.refusal(error.reason, number))  # (没有找到工单 #N: not 您还没有反映过问题)
        return True
    if not service.may_act(ticket, ctx.sender.person_id):
        if service.is_theirs(ticket, ctx.sender.person_id):
            return False  # (their own report: answered as a resident's)
        ctx.reply(T.refusal("not_allowed_to_view", number))  # (another grid's: not 您还没有反映过问题)
        return True
    ctx.reply(describe(ctx.store, ctx.roster, ticket, for_staff=True))
    return True


def has_reported(ctx: Context) -> bool:
    return bool(tickets(ctx).reported_by(ctx.sender.person_id))


def _report_asked_after(ctx: Context) -> Ticket | None:
    """我上午报的煤气味咋还没人来, 我报的冒烟那个 有人管吗, read as a danger (it opened a second urgent ticket: a
    newcomer's, stop 40): a question about their open report of the kind it names, which it presses. Without one (a
    gas smell asked after by someone who reported only a street light, or whose gas ticket was closed days ago) the
    danger is registered: maybe she told it elsewhere, and nobody here knows of it. Read as no danger, it is any
    question about one's reports (answer_status_question)."""
    text = ctx.inbound.text
    if ctx.sender.is_staff or not ctx.analysis.urgent or not asks_after_own_report(text):
        return None
    kinds = categories_named(text)
    theirs = [t for t in tickets(ctx).reported_by(ctx.sender.person_id) if t.status in (OPEN, ACCEPTED)]
    return next((t for t in theirs if t.category in kinds), None)


def asks_after_their_report(ctx: Context) -> bool:
    return _report_asked_after(ctx) is not None


@router.text(when=asks_after_their_report)
def answer_a_question_about_their_report(ctx: Context) -> None:
    _answer_a_reporters_question(ctx, _report_asked_after(ctx))


def a_neighbour_asks_after_a_ticket_here(ctx: Context) -> Ticket | None:
    """1号单子咋样了 in the group a ticket was reported in, by a resident whose it is not: the group heard it was
    registered (and done), so it may hear how it stands; never a private one's (a dispute), and never its words, its
    notes or who reported it (a newcomer's, stop 41: the question got nothing, and the group still read 已办结 after its
    reporter had reopened it)."""
    text = ctx.inbound.text
    if ctx.sender.is_staff or ctx.analysis.urgent or not asks_after_a_ticket(text):
        return None
    ticket = ctx.store.tickets.get(number) if (number := ticket_named(text)) is not None else None
    if ticket is None or ticket.private or ticket.chat != ctx.chat_id:
        return None
    return None if tickets(ctx).is_theirs(ticket, ctx.sender.person_id) else ticket


def asks_after_a_ticket_here(ctx: Context) -> bool:
    return a_neighbour_asks_after_a_ticket_here(ctx) is not None


@router.text(chats=Chat.GROUP, when=asks_after_a_ticket_here)
def tell_the_group_how_a_ticket_stands(ctx: Context) -> None:
    ticket = a_neighbour_asks_after_a_ticket_here(ctx)
    ctx.reply(T.how_it_stands(ticket.id, T.label(ticket.category, ticket.urgent), ticket.status))


@router.text(intents=["query"], chats=Chat.GROUP, when=has_reported)
def answer_status_question_in_group(ctx: Context) -> None:
    """报修都三天了 还没人来, 我上周报的漏水咋样了, asked in the group by a resident who has reported something:
    the list goes to them privately, and nothing to the group, since a line there only for those with reports
    would tell everyone who has one (say, just after a dispute's ticket number was posted). Anyone else's message
    goes on to the other handlers (an @-mention gets its help). (Their reports are read twice, by the test and for
    the answer: a rare message, and a test that could not let it pass on would have to answer it.)"""
    _answer_a_reporters_question(ctx)


def _report_said_to_be_over(ctx: Context) -> Ticket | None:
    """The report a reporter says is over (虚惊一场 是我家炖肉糊了; 灯自己好了 不用修了), of those still open: the
    one named (工单 1 不用来了), else the newest it can be about: called off, any; fixed (水来了), one of the kind
    named (never the gas leak: a review's, stop 40, had 水来了 stand a gas alarm down); someone safe again
    (人已经出来了), one of someone in danger. In a group only a report made there in the last two hours, and only in
    words of a mistake or of its kind, or calling off an alarm (孩子找到了 没事了 after a street light is talk).
    Never a danger reported in the same words, nor a worker's (their 修好了 is of the tickets they handle)."""
    text = ctx.inbound.text
    over = None if ctx.sender.is_staff else how_it_is_over(text)
    if over is None or (ctx.analysis.intent == "complaint" and ctx.analysis.urgent):
        return None
    service, group = tickets(ctx), ctx.chat_id if ctx.is_group else None
    kinds = categories_named(text)
    of_it = [t for t in service.reported_by(ctx.sender.person_id) if service.may_stand_down(t, group)]
    if over is Over.FIXED:
        of_it = [t for t in of_it if t.category in kinds or (not kinds and not t.urgent)]
    elif over is Over.SAFE:
        of_it = [t for t in of_it if t.hazard in PERSONAL_HAZARDS]
    else:
        of_it.sort(key=lambda t: t.category not in kinds)  # (stable: newest first within each)
    command = ctx.command
    if command is not None and (command.name != "ticket" or command.number is not None):
        named = command.number if command.name == "ticket" else None
        return next((t for t in of_it if t.id == named), None)
    if not of_it or kinds - {of_it[0].category}:
        return None  # (灯已经好了 门口垃圾堆了一个礼拜没人管: another matter beside it, read as any message is)
    ticket = of_it[0]
    said_of_it = ticket.category in kinds or says_it_was_a_mistake(text) or (ticket.urgent and over is not Over.FIXED)
    return ticket if group is None or said_of_it else None


def stands_down_on_their_report(ctx: Context) -> bool:
    return _report_said_to_be_over(ctx) is not None


@router.text(when=stands_down_on_their_report)
def pass_on_that_it_is_over(ctx: Context) -> None:
    """Their words to whoever has it, who closes it: a false alarm had gone unheard while the ladder paged the grid
    head, and 撤销 or 不用来了 privately got the whole help."""
    ticket = _report_said_to_be_over(ctx)
    tell(ctx, tickets(ctx).stand_down(ticket, ctx.sender.person_id, ctx.inbound.text.strip(), ctx.sender.name or ""))


def _answer_a_reporters_question(ctx: Context, about: Ticket | None = None) -> None:
    """The reporter's list, and if their latest urgent ticket (or the one the question is `about`) is still open, its
    staff pressed with their words: 人呢 咋还没人来 after a gas leak had got only the list (待接单), and nobody who
    could come heard it."""
    found = _tell_reports(ctx)
    # (工单 1 of someone else's ticket, fallen through here, or 查工单 1 in its own words, presses nobody: a review's,
    # stop 41, had the reporter's own urgent ticket pressed with those words)
    if found and ctx.command is None and _someone_elses_ticket_named(ctx) is None:
        words, name = ctx.inbound.text.strip(), ctx.sender.name or ""
        tell(ctx, tickets(ctx).press(about or found[0], ctx.sender.person_id, words, name))


def _someone_elses_ticket_named(ctx: Context) -> int | None:
    """The number of a ticket the message names (工单 1, 查工单 1, 1号工单怎么样了), one that exists and is neither
    theirs nor one they joined (a neighbour's gas leak they reported too)."""
    named = ctx.command.number if ctx.command is not None else None
    named = named if named is not None else ticket_named(ctx.inbound.text)
    ticket = ctx.store.tickets.get(named) if named is not None else None
    if ticket is None or tickets(ctx).is_theirs(ticket, ctx.sender.person_id):
        return None
    return named


def _tell_reports(ctx: Context) -> list:
    """Their reports, newest first, told privately; returned for what else is done with them. A ticket they name
    that is not theirs (工单 1 怎么还没修, 查工单 1) is said to be none of theirs first: the list alone had read as if
    the bot had not understood (您还没有反映过问题, a newcomer's, stop 40)."""
    found = tickets(ctx).reported_by(ctx.sender.person_id)
    named = _someone_elses_ticket_named(ctx)
    if named is not None and not ctx.sender.is_staff:
        ctx.reply_privately(T.NOT_YOUR_TICKET.format(number=named))
    ctx.reply_privately(T.reported(found, tickets(ctx).latest_progress(found)) if found else T.reported_empty())
    return found


# --- workers -----------------------------------------------------------------------------------------


@router.command(*ACTIONS, "mine", "ticket", "overview", chats=Chat.GROUP, staff=True)
def only_in_private(ctx: Context) -> None:
    """Never a complaint, and never handled where residents read it."""
    ctx.reply(T.PRIVATE_ONLY)


@router.command("mine", chats=Chat.PRIVATE, staff=True)
def list_mine(ctx: Context) -> None:
    """Their tickets; a street or community admin, who seldom has any, reads the overview after them."""
    service = tickets(ctx)
    found = service.assigned_to(ctx.sender.person_id)
    view = service.overview(ctx.sender.person_id)
    if view is not None and not found:
        ctx.reply(T.overview(view))
        return
    ctx.reply(T.mine(found) if found else T.mine_empty())
    if view is not None:
        ctx.reply(T.overview(view))


# An admin asking how things stand (现在工单情况怎么样 有多少没办完的, 全社区的工单都给我看看, 统计一下)
_ASKS_FOR_AN_OVERVIEW = re.compile(
    r"(?:工单|单子|报事|诉求).{0,8}(?:情况|概况|统计|汇总|多少|几个|几张|都给我看|看看|列一下|整体)"
    r"|多少(?:个|张)?(?:单子?|工单)(?!元)|(?:全社区|全街道|整个社区|整个街道|所有|全部)的?(?:工单|单子|报事)"
    r"|多少事|没办完|超时|逾期|积压"  # (现在街道里还有多少事没办完, 哪些单子超时了)
    r"|^\s*(?:统计|概况|汇总)(?:一下|下)?\W*$"
)


def asks_for_an_overview(ctx: Context) -> bool:
    return _ASKS_FOR_AN_OVERVIEW.search(ctx.inbound.text) is not None and tickets(ctx).oversees(ctx.sender.person_id)


@router.command("overview", chats=Chat.PRIVATE, staff=True)
def overview(ctx: Context) -> None:
    """工单概况: how the tickets in their charge stand; a worker, who has no street or community, their own."""
    view = tickets(ctx).overview(ctx.sender.person_id)
    if view is None:
        list_mine(ctx)
        return
    ctx.reply(T.overview(view))


@router.text(chats=Chat.PRIVATE, staff=True, when=asks_for_an_overview)
def overview_in_words(ctx: Context) -> None:
    ctx.reply(T.overview(tickets(ctx).overview(ctx.sender.person_id)))


def asks_for_a_ticket(ctx: Context) -> bool:
    """Staff always (without a number they are told how to write it). A resident only when naming one of their
    own tickets: their "工单什么时候处理" or "工单3号楼灯还没修好" is free text, a question or a report."""
    if ctx.sender.is_staff:
        return True
    command = ctx.command
    if command.number is None or command.rest.startswith(PLACE_WORDS):  # 工单3号楼…: a building, not a ticket
        return False
    if not command.rest:  # 工单 5 alone asks for that ticket, whoever's it is: told why it is not shown
        return True
    ticket = ctx.store.tickets.get(command.number)
    return ticket is not None and tickets(ctx).is_theirs(ticket, ctx.sender.person_id)


@router.command("ticket", chats=Chat.PRIVATE, when=asks_for_a_ticket)
def show_ticket(ctx: Context) -> None:
    """工单 N: the whole ticket, for those who may act on it; its reporter sees it too. A worker's 工单 2 我接手了
    or 工单21搞定 means another command: its hint."""
    command = ctx.command
    if command.rest and ctx.sender.is_staff and means_a_command(ctx):
        _offer_the_hint(ctx)
        return
    if not _has_number(ctx, command):
        return
    service = tickets(ctx)
    try:
        ticket = service.get(command.number)
    except TicketError as error:
        ctx.reply(T.refusal(error.reason, command.number) + ("" if ctx.sender.is_staff else T.SEE_YOUR_OWN))
        return
    person = ctx.sender.person_id
    if ctx.sender.is_staff and service.may_act(ticket, person):
        ctx.reply(describe(ctx.store, ctx.roster, ticket, for_staff=True))
    elif service.is_theirs(ticket, person) and stands_down_on_their_report(ctx):
        pass_on_that_it_is_over(ctx)  # 工单 1 不用来了
    elif service.is_theirs(ticket, person):
        ctx.reply(describe(ctx.store, ctx.roster, ticket, for_staff=False))
    elif ctx.sender.is_staff:
        ctx.reply(T.refusal("not_allowed_to_view", command.number))
    else:
        ctx.reply(T.NOT_YOUR_TICKET.format(number=command.number) + T.SEE_YOUR_OWN)


@router.command(*ACTIONS, chats=Chat.PRIVATE, staff=True)
def act(ctx: Context) -> None:
    """接单 N, 进度 N 说明, 办结 N 说明, 转派 N 人员."""
    command = ctx.command
    if not _has_number(ctx, command):
        return
    if command.name in ("progress", "transfer") and not command.rest:
        ctx.reply(T.USAGE[command.name])
        return
    state = ctx.conversation.state
    if state is not None and state.name == HINTED:  # (typed: its hint's tap would send it twice)
        _keep_hints(ctx, _hints_waiting(state, ctx.clock.now(), without=(command.name, command.number)))
    _do(ctx, command.name, command.number, command.rest)


def _do(ctx: Context, name: str, number: int, rest: str) -> None:
    """接单, 进度, 办结 or 转派 of ticket `number`, by the sender: typed, or a hint's 确认发送 tapped."""
    service, actor = tickets(ctx), ctx.sender.person_id
    try:
        if name == "accept":
            events = service.accept(number, actor)
        elif name == "progress":
            events = service.progress(number, actor, rest)
        elif name == "resolve":
            events = service.resolve(number, actor, rest)
        else:
            target = ctx.roster.staff_named(rest)
            if target is None:
                raise TicketError("no_such_person")
            events = service.transfer(number, actor, target)
    except TicketError as error:
        status = error.ticket.status if error.ticket else ""
        refused = T.refusal(error.reason, number, status, rest)
        if ctx.inbound.button_data:  # (a hint's tap: its chip is not shown chosen)
            ctx.refuse(refused, spent=True)
        else:
            ctx.reply(refused)
        return
    tell(ctx, events)


def _has_number(ctx: Context, command: Command) -> bool:
    """A command that needs a ticket number has one; else the person is told how to write it."""
    if command.number is not None:
        return True
    written = command.written_number
    ctx.reply(T.refusal("no_such_ticket", written) if written else T.USAGE[command.name])
    return False


def names_someone_elses_ticket(ctx: Context) -> bool:
    """工单 1 我也是这个问题, #1 啥情况, privately, from a resident whose ticket it is not, and no report or danger
    of their own: said so, rather than the whole help (a review's, stop 41)."""
    analysis = ctx.analysis
    if ctx.sender.is_staff or analysis is None or analysis.intent == "complaint" or analysis.urgent:
        return False
    return _someone_elses_ticket_named(ctx) is not None


@router.text(chats=Chat.PRIVATE, when=names_someone_elses_ticket)
def tell_the_ticket_is_someone_elses(ctx: Context) -> None:
    number = _someone_elses_ticket_named(ctx)
    ctx.reply(T.NOT_YOUR_TICKET.format(number=number) + T.SAME_PROBLEM_TOO)
