"""联系网格员 / 我们楼网格员是谁 / 你们网格员电话多少: who looks after the asker's building, with the work numbers the
roster publishes. It had got the whole help (a newcomer's, stop 40). Answered where asked: the names are those the
group already reads on every ticket (由同鑫第一网格 张网格员负责处理), and nothing of the asker's reports is said."""

from __future__ import annotations

from bot.dispatch.context import Context
from bot.dispatch.router import Router
from bot.nlp.keywords import categories_named
from handlers.contacts import texts as T
from handlers.contacts.service import Serving, serving_building, serving_grid, serving_group

router = Router("contacts", commands=T.COMMANDS)


def asks_who_serves(ctx: Context) -> bool:
    """A question for the people who look after a building, not a report beside it (网格员在哪 我家漏水了 names a
    problem too: the report tells who has it), and in a group only a question (有事找网格员 is advice among
    neighbours)."""
    analysis, text = ctx.analysis, ctx.inbound.text
    if analysis.intent == "complaint" or analysis.urgent or not T.ASKS.search(text) or categories_named(text):
        return False  # (网格员在哪 我家漏水了: a problem beside the question, read as any message is)
    return not ctx.is_group or T.QUESTION.search(text) is not None


@router.command("contacts")
@router.text(when=asks_who_serves)
def tell_who_serves(ctx: Context) -> None:
    found = _serving(ctx)
    if found is None:
        ctx.reply(T.WHICH_BUILDING)
        return
    lines = [_line(s) for s in found]
    missing = any(contact.phone is None for s in found for contact in s.people) or not found
    ctx.reply(T.answer(lines, missing, T.ASKS_FOR_A_NUMBER.search(ctx.inbound.text) is not None))


def _serving(ctx: Context) -> list[Serving] | None:
    """The building named; else the group's grid (or the grids over its compound); else, privately, the grid of
    the asker's last report; else nothing to go on."""
    roster = ctx.roster
    compound, place, _ = ctx.analyzer.place_of(ctx.inbound.text)  # (the analysis reads places of reports only)
    if place.building is not None:
        found = serving_building(roster, ctx.chat, compound, place.building)
        if found is not None:
            return [found]
    if ctx.chat is not None:
        return serving_group(roster, ctx.chat)
    reports = ctx.store.tickets.reported_by(ctx.sender.person_id, 1)
    if reports and reports[0].grid_id in roster.grids:
        last = reports[0]
        return [serving_grid(roster, last.grid_id, last.compound_id, last.building)]
    return None


def _line(serving: Serving) -> str:
    if not serving.people:
        return T.NOBODY_LISTED.format(place=serving.place)
    return T.serving(serving.place, serving.grid, [T.person(c.role, c.name, c.phone) for c in serving.people])
