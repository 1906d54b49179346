"""我们楼网格员是谁 / 你们网格员电话多少 / 联系网格员 (/contacts): who looks after the asker's building, with the
work numbers the roster lists. It had got the whole help (a newcomer's, stop 40). Answered where asked: the names
are those a group already reads on every ticket (由同鑫第一网格 张网格员负责处理), and nothing of the asker's
reports is said there."""

from __future__ import annotations

import re

from bot.dispatch.context import Context
from bot.dispatch.router import Chat, Router
from bot.nlp.keywords import categories_named
from handlers.contacts import texts as T
from handlers.contacts.service import (
    Serving,
    Unserved,
    compound_of_group,
    compounds_with,
    serving_building,
    serving_compounds,
    serving_group,
)

router = Router("contacts", commands=T.COMMANDS)
WHICH = "contacts_which_building"
WHICH_MINUTES = 10
# What may stand before the question beside a place (俺住同鑫花园3号楼 网格员是谁, 你好 请问我们6号楼的网格员是谁)
_FILLER = re.compile(r"[我俺咱你您们家住在是的请问一下你好您好想问麻烦打听\s,，。.!！:：、]+")


def asks_who_serves(ctx: Context) -> bool:
    """The question ends the message and nothing else is said beside it but a place: not a report beside it (网格员
    电话多少 我家漏水了, read as any message is), not someone chasing their report (网格员在哪呢 咋还没人来: theirs to
    press), and not a danger."""
    text = ctx.inbound.text
    asked = T.question_in(text)
    if asked is None or T.CHASING.search(text) or categories_named(text):
        return False
    analysis = ctx.analysis
    if analysis.explicit or analysis.urgent:
        return False
    # (the model reads 俺住同鑫花园3号楼 网格员是谁 as a complaint: only a place beside the question, it is none)
    return analysis.intent != "complaint" or _only_a_place(ctx, text[: asked.start()])


def _only_a_place(ctx: Context, before: str) -> bool:
    return not _FILLER.sub("", ctx.analyzer.place_of(before)[2])


@router.command("contacts")
@router.text(when=asks_who_serves)
def tell_who_serves(ctx: Context) -> None:
    _answer(ctx, ctx.inbound.text)


def answers_which_building(ctx: Context) -> bool:
    """The answer to 请告诉我您住哪个小区、几号楼: a place, and nothing that is a report or a danger."""
    compound, place, _ = ctx.analyzer.place_of(ctx.inbound.text)
    analysis = ctx.analysis
    if analysis.urgent or analysis.explicit or (analysis.intent == "complaint" and categories_named(ctx.inbound.text)):
        return False
    return place.building is not None or compound is not None


@router.reply(WHICH, chats=Chat.PRIVATE, when=answers_which_building)
def which_building_given(ctx: Context) -> None:
    """同鑫花园8号楼, 8号楼, 我是同鑫花园的: with the building asked about before, if the question named one."""
    asked = ctx.conversation.state.data.get("building")
    ctx.conversation.finish()
    text = ctx.inbound.text
    if asked is not None and ctx.analyzer.place_of(text)[1].building is None:
        text = f"{text} {asked}号楼"
    _answer(ctx, text)


def _answer(ctx: Context, text: str) -> None:
    roster = ctx.roster
    named, place, _ = ctx.analyzer.place_of(text)
    compound = roster.compound_named(named) if named else None
    if place.building is not None:
        compound = compound or _compound_meant(ctx, place.building)
        if compound is None:
            _ask(ctx, T.WHICH_COMPOUND.format(building=place.building, example=_example(ctx)), place.building)
            return
        found = serving_building(roster, compound, place.building)
        _tell(ctx, [found] if isinstance(found, Serving) else _unserved(found))
    elif compound is not None:
        _tell(ctx, serving_compounds(roster, {compound.id}))
    elif ctx.chat is not None:
        _tell(ctx, serving_group(roster, ctx.chat))
    elif (last := _last_report_place(ctx)) is not None:
        found = serving_building(roster, *last)
        _tell(ctx, [found] if isinstance(found, Serving) else _unserved(found))
    else:
        _ask(ctx, T.WHICH_BUILDING)


def _compound_meant(ctx: Context, building: int):
    """The compound of a building named alone: the group's; privately, that of the asker's last report, if it has
    that building; else the only compound that has one of that number."""
    roster = ctx.roster
    if ctx.chat is not None and (compound := compound_of_group(roster, ctx.chat)) is not None:
        return compound
    having = compounds_with(roster, building)
    last = _last_report_place(ctx) if ctx.chat is None else None
    if last is not None and last[0] in having:
        return last[0]
    return having[0] if len(having) == 1 else None


def _last_report_place(ctx: Context):
    """The compound and building of the asker's last report, if it named both."""
    reports = ctx.store.tickets.reported_by(ctx.sender.person_id, 1)
    if not reports or reports[0].compound_id not in ctx.roster.compounds or reports[0].building is None:
        return None
    return ctx.roster.compounds[reports[0].compound_id], reports[0].building


def _example(ctx: Context) -> str:
    return next(iter(ctx.roster.compound_names()), "同鑫花园")


def _ask(ctx: Context, question: str, building: int | None = None) -> None:
    if ctx.chat is None:  # (a group is never asked back: its question is answered with its own grids above)
        ctx.conversation.ask(WHICH, minutes=WHICH_MINUTES, data={"building": building} if building else {})
    ctx.reply(question)


def _unserved(found: Unserved) -> str:
    if found.exists:
        return T.IN_NO_GRID.format(compound=found.compound, building=found.building)
    return T.NO_SUCH_BUILDING.format(compound=found.compound, building=found.building)


def _tell(ctx: Context, found: list[Serving] | str) -> None:
    if isinstance(found, str):
        ctx.reply(found)
        return
    if not found or not any(s.people for s in found):
        ctx.reply(T.NOBODY_LISTED)
        return
    lines = [_line(s, in_group=ctx.is_group) for s in found if s.people]
    missing = any(_phone(c, ctx.is_group) is None for s in found for c in s.people)
    ctx.reply(T.answer(lines, missing, T.ASKS_FOR_A_NUMBER.search(ctx.inbound.text) is not None))


def _line(serving: Serving, in_group: bool) -> str:
    people = [T.person(c.roles, c.name, _phone(c, in_group), c.buildings) for c in serving.people]
    return T.serving(serving.place, serving.grid, people)


def _phone(contact, in_group: bool) -> str | None:
    """A building leader is often a resident who volunteers: their number is told privately, never to a group."""
    return None if in_group and contact.roles == ("building_leader",) else contact.phone
