"""我们楼网格员是谁 / 你们网格员电话多少 / 联系网格员 (/contacts): who looks after the asker's building, with the
work numbers the roster lists. It had got the whole help (a newcomer's, stop 40). Answered where asked: the names
are those a group already reads on every ticket (由同鑫第一网格 张网格员负责处理), and nothing of the asker's
reports is said there."""

from __future__ import annotations

import re

from bot.dispatch.context import Context
from bot.dispatch.router import Chat, Router
from bot.nlp import keywords as kw
from bot.vocabulary import ACTIVE_STATUSES
from handlers.contacts import texts as T
from handlers.contacts.service import (
    Contact,
    Serving,
    Unserved,
    compound_of_group,
    compounds_in_scope,
    compounds_with,
    serving_building,
    serving_compounds,
    serving_grid,
    serving_group,
)
from handlers.tickets.meant import ticket_named

router = Router("contacts", commands=T.COMMANDS)
WHICH = "contacts_which_building"
WHICH_MINUTES = 10
# What may stand beside a place and the question (俺住同鑫花园3号楼 网格员是谁, 你好 请问我们6号楼的网格员是谁)
_FILLER = re.compile(r"[我俺咱你您们家住在是的请问一下你好您好想问麻烦打听就\s,，。.!！:：、]+")
# Declining the question (算了, 不用了 谢谢): it ends, and is no word about a report (it had stood one down)
_NO = r"算了|不用了?|没事了?|不问了|先这样|好的|谢谢|知道了|哦|嗯"
_DECLINED = re.compile(rf"^(?:[\s,，。.!！~～吧啊呀]*(?:{_NO}))+[\s,，。.!！~～吧啊呀了]*$")
_LEADER = re.compile(r"楼长|楼栋长")


def asks_who_serves(ctx: Context) -> bool:
    """The question (texts.question_in), and not a report beside it (网格员电话多少 我家漏水了, read as any message
    is), a ticket named (1号单子的网格员是谁: the ticket's to show), someone chasing their open report (网格员在哪呢
    咋还没人来: theirs to press), or a danger."""
    text = ctx.inbound.text
    asked = T.question_in(text)
    if asked is None or _names_a_problem(text) or ticket_named(text) is not None:
        return False
    analysis = ctx.analysis
    if analysis.explicit or analysis.urgent or (T.CHASING.search(text) and _has_an_open_report(ctx)):
        return False
    # (the model reads 俺住同鑫花园3号楼 网格员是谁 as a complaint: only a place beside the question, it is none)
    return analysis.intent != "complaint" or _only_a_place(ctx, text[: asked.start()])


def _names_a_problem(text: str) -> bool:
    """A word of a problem's kind (漏水, 电梯, 垃圾): a report beside the question. Not the company or the community
    alone (网格员办公室还在物业旁边那个小屋吗); the keyword lists' problem words are too wide here (怎么, 天天)."""
    return any(kw.CATEGORY_OF_WORD.get(word) for word in kw.INDEX.found(text) - _NO_PROBLEM_BY_ITSELF)


_NO_PROBLEM_BY_ITSELF = frozenset({"物业", "社区", "居委会", "网格", "网格员", "楼长"})


def _has_an_open_report(ctx: Context) -> bool:
    return any(t.status in ACTIVE_STATUSES for t in ctx.store.tickets.reported_by(ctx.sender.person_id, 3))


def _only_a_place(ctx: Context, text: str) -> bool:
    return not _FILLER.sub("", ctx.analyzer.place_of(text)[2])


@router.command("contacts")
@router.text(when=asks_who_serves)
def tell_who_serves(ctx: Context) -> None:
    _answer(ctx, ctx.inbound.text, asked_for_a_number=T.ASKS_FOR_A_NUMBER.search(ctx.inbound.text) is not None)


# --- the which-building question (private chats) -------------------------------------------------------


def answers_which_building(ctx: Context) -> bool:
    """A place (同鑫花园8号楼, 8号楼, 我住银山苑) and nothing else: a report with one (同鑫花园5号楼门口有人摆摊) is
    read as any message is."""
    compound, place, _ = ctx.analyzer.place_of(ctx.inbound.text)
    return (place.building is not None or compound is not None) and _only_a_place(ctx, ctx.inbound.text)


def declines_which_building(ctx: Context) -> bool:
    return _DECLINED.match(ctx.inbound.text) is not None


def _waiting(ctx: Context) -> bool:
    state = ctx.conversation.state
    return state is not None and state.name == WHICH


@router.observe(chats=Chat.PRIVATE, when=_waiting)
def end_the_question_on_anything_else(ctx: Context) -> None:
    """Whatever is neither an answer nor a no ends the question, and is read as any message is (a report, 5号楼灯那个
    咋样了): the next place said is no answer to a question already moved on from."""
    if not answers_which_building(ctx) and not declines_which_building(ctx):
        ctx.conversation.finish()


@router.reply(WHICH, chats=Chat.PRIVATE, when=declines_which_building)
def which_building_declined(ctx: Context) -> None:
    ctx.conversation.finish()
    ctx.reply(T.NEVER_MIND)


@router.reply(WHICH, chats=Chat.PRIVATE, when=answers_which_building)
def which_building_given(ctx: Context) -> None:
    """同鑫花园8号楼, 8号楼, 我是同鑫花园的: with the building asked about before, if the question named one."""
    data = ctx.conversation.state.data
    ctx.conversation.finish()
    text = ctx.inbound.text
    if data.get("building") is not None and ctx.analyzer.place_of(text)[1].building is None:
        text = f"{text} {data['building']}号楼"
    _answer(ctx, text, asked_for_a_number=bool(data.get("number")))


# --- the answer -----------------------------------------------------------------------------------------


def _answer(ctx: Context, text: str, asked_for_a_number: bool) -> None:
    roster = ctx.roster
    named, place, _ = ctx.analyzer.place_of(text)
    compound = roster.compound_named(named) if named else None
    asked_for_a_leader = _LEADER.search(text) is not None
    if place.building is not None:
        compound = compound or _compound_meant(ctx, place.building)
        if compound is None:
            _building_unplaced(ctx, place.building, asked_for_a_number)
            return
        found = serving_building(roster, compound, place.building)
        if isinstance(found, Unserved):
            ctx.reply(_unserved(found))
            return
        _tell(ctx, [found], asked_for_a_number, asked_for_a_leader)
    elif compound is not None:
        _tell(ctx, serving_compounds(roster, {compound.id}), asked_for_a_number)
    elif ctx.chat is not None:
        _tell(ctx, serving_group(roster, ctx.chat), asked_for_a_number)
    elif (own := _own_grid(ctx)) is not None:
        _tell(ctx, [own], asked_for_a_number, asked_for_a_leader)
    else:
        _ask(ctx, T.WHICH_BUILDING, None, asked_for_a_number)


def _compound_meant(ctx: Context, building: int):
    """The compound of a building named alone: the group's; privately, that of the asker's last report, if it has
    that building; else the only compound in reach (the group's community, or any) that has one of that number."""
    roster = ctx.roster
    if ctx.chat is not None and (compound := compound_of_group(roster, ctx.chat)) is not None:
        return compound
    having = compounds_with(compounds_in_scope(roster, ctx.chat), roster, building)
    last = _last_report(ctx) if ctx.chat is None else None
    if last is not None and last.compound_id in {c.id for c in having}:
        return roster.compounds[last.compound_id]
    return having[0] if len(having) == 1 else None


def _building_unplaced(ctx: Context, building: int, asked_for_a_number: bool) -> None:
    """A building named alone that several compounds have (privately: which one?), or none in reach (in a group over
    a community: none of its compounds has it); a group is never asked back (nothing would take its answer)."""
    roster = ctx.roster
    having = compounds_with(compounds_in_scope(roster, ctx.chat), roster, building)
    if ctx.chat is None:
        example = having[0].name if having else next(iter(roster.compound_names()), "同鑫花园")
        _ask(ctx, T.WHICH_COMPOUND.format(building=building, example=example), building, asked_for_a_number)
    elif not having:
        ctx.reply(T.UNKNOWN_COMPOUND.format(building=building))
    else:
        _tell(ctx, [serving_building(roster, c, building) for c in having], asked_for_a_number)


def _own_grid(ctx: Context) -> Serving | None:
    """Privately, with no place said: the building of the asker's last report, else its grid; a worker's own grid."""
    roster = ctx.roster
    last = _last_report(ctx)
    if last is not None and last.compound_id in roster.compounds and last.building is not None:
        found = serving_building(roster, roster.compounds[last.compound_id], last.building)
        if isinstance(found, Serving):
            return found
    if last is not None and last.grid_id in roster.grids:
        return serving_grid(roster, last.grid_id)
    grid = roster.grid_of(ctx.sender.person_id) if ctx.sender.is_staff else None
    return serving_grid(roster, grid.id) if grid is not None else None


def _last_report(ctx: Context):
    reports = ctx.store.tickets.reported_by(ctx.sender.person_id, 1)
    return reports[0] if reports else None


def _ask(ctx: Context, question: str, building: int | None, asked_for_a_number: bool) -> None:
    data = {"building": building, "number": asked_for_a_number}
    ctx.conversation.ask(WHICH, minutes=WHICH_MINUTES, data=data)
    ctx.reply(question)


def _unserved(found: Unserved) -> str:
    if found.exists:
        return T.IN_NO_GRID.format(compound=found.compound, building=found.building)
    return T.NO_SUCH_BUILDING.format(compound=found.compound, building=found.building)


def _tell(ctx: Context, found: list, asked_for_a_number: bool, asked_for_a_leader: bool = False) -> None:
    servings = [s for s in found if isinstance(s, Serving) and s.people]
    if not servings:
        ctx.reply(T.NOBODY_LISTED)
        return
    lines = [_line(s) for s in servings]
    if asked_for_a_leader and len(servings) == 1 and not any("building_leader" in c.roles for c in servings[0].people):
        lines.append(T.NO_LEADER.format(place=servings[0].place))
    missing = any(_phone(c) is None for s in servings for c in s.people)
    ctx.reply(T.answer(lines, missing, asked_for_a_number))


def _line(serving: Serving) -> str:
    people = [T.person(c.roles, c.name, _phone(c), c.buildings) for c in serving.people]
    return T.serving(serving.place, serving.grid, people)


def _phone(contact: Contact) -> str | None:
    """A building leader is often a resident who volunteers: their own number is never told (asked building by
    building, privately, every leader's mobile could be collected)."""
    return None if contact.roles == ("building_leader",) else contact.phone
