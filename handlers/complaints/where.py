"""The question 请问是哪个小区、几号楼？ and its answer, for private reports that name no compound.

What waits for the answer is kept in the conversation state: the reports (each with its own source key, so
none can make two tickets), what the resident said meanwhile (put on the ticket: nothing said is lost), and
whether the bot asked twice already. One answer completes every report waiting for it. An answer that also names
a new problem of its own is registered as a ticket of its own; one that only says more about the same problem
(灯还是不亮, 麻烦快点来修) is kept on the waiting report.

An urgent report is never held back by the question: it is registered first (for the street's admins, if it names
no compound) and asked where after, so that it can move to the building's grid (`ask_after_urgent`); once the
question is over, what the resident says next may still be about it (handlers.complaints.placed).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from bot.dispatch.context import Context
from bot.nlp.analyzer import Analysis
from bot.nlp.places import Place
from handlers.complaints import placed
from handlers.complaints import texts as T
from handlers.complaints.dangers import (
    advise,
    hazards_of,
    named_dangers,
    tells_a_waiting_danger,
    unwell_beside,
)

PLACE = "complaints:place"
MINUTES = 10
MAX_CANCEL = 8  # characters: a longer answer that starts with 不用 is saying something else


@dataclass
class Waiting:
    reports: list[dict] = field(default_factory=list)  # {"text", "source"}: not registered yet
    said: list[str] = field(default_factory=list)
    asked_again: bool = False
    urgent: list[dict] = field(default_factory=list)  # {"ticket", "category", "hazard"}: registered, to be placed
    building: int | None = None  # said without its compound (7号楼, then 银山)
    after: dict | None = None  # the window after urgent reports were placed, to go back to (handlers.complaints.placed)

    def data(self) -> dict:
        return {
            "reports": self.reports,
            "said": self.said,
            "asked_again": self.asked_again,
            "urgent": self.urgent,
            "building": self.building,
            "after": self.after,
        }

    @property
    def expiry_notice(self) -> str:
        if self.reports and self.urgent:
            return T.PLACE_EXPIRED_BESIDE_URGENT
        return T.PLACE_EXPIRED if self.reports else T.URGENT_PLACE_EXPIRED


def waiting(ctx: Context) -> Waiting | None:
    """The reports waiting for a place in this private chat, if the question is open."""
    state = ctx.conversation.state
    if state is None or state.name != PLACE:
        return None
    data = state.data
    return Waiting(
        list(data["reports"]),
        list(data.get("said", [])),
        data.get("asked_again", False),
        list(data.get("urgent", [])),
        data.get("building"),
        data.get("after"),
    )


def ask(ctx: Context, text: str) -> None:
    """Keep this report until the resident says where it is (with any already waiting)."""
    found = waiting(ctx)
    kept = found or Waiting(after=placed.window(ctx))
    kept.reports.append({"text": ctx.analyzer.as_written(text) or text, "source": ctx.origin})
    _wait(ctx, kept)
    ctx.reply(T.PLACE_QUESTION_AGAIN if found else T.place_question(ctx.analysis.building if ctx.analysis else None))


def _wait(ctx: Context, kept: Waiting) -> None:
    ctx.conversation.ask(PLACE, minutes=MINUTES, data=kept.data(), expiry_notice=kept.expiry_notice)


def answer(ctx: Context, open_ticket, locate) -> None:
    """The next private message while the question is open: the place (completing the reports and placing the
    urgent tickets), more words about them, a new problem of its own, or 算了."""
    kept = waiting(ctx)
    text = ctx.inbound.text.strip()
    advise(ctx, text, kept.urgent)  # first, before anything about the tickets
    if is_cancel(text):
        for urgent in kept.urgent:  # registered already: whoever has it hears what the resident said
            locate(ctx, urgent, None, Place(), "；".join([*kept.said, text]))
        if kept.reports:
            placed.follow(ctx, kept.urgent, None, kept.building, kept.after)
            ctx.reply(T.PLACE_CANCELLED)
        else:  # an urgent report stands whatever is said: a place said later still moves it
            kept.said.append(text)
            _wait(ctx, kept)
        return
    compound, place, rest = ctx.analyzer.place_of(text)
    # 同鑫花园5号楼 煤气味越来越大了: the waiting danger again, not a problem of its own (a second ticket for it)
    new_problem = not tells_a_waiting_danger(ctx, text, hazards_of(kept.urgent)) and _new_problem(
        ctx, rest if compound else text, kept
    )
    if compound is None and new_problem:  # another report, with no place either: it waits with the others
        kept.reports.append({"text": text, "source": ctx.origin})
        _wait(ctx, kept)
        ctx.reply(T.PLACE_QUESTION_AGAIN)
        return
    if compound is None and kept.urgent and not kept.reports:
        # Only urgent reports wait: whoever has them hears these words now, and the question goes on till its
        # time is up, so a place said later still moves them.
        for urgent in kept.urgent:
            locate(ctx, urgent, None, Place(), text, quiet=True)
        ctx.reply(T.URGENT_WORDS_PASSED if kept.asked_again else _again(kept, place))
        kept.said.append(text)  # for whoever it moves to
        kept.building = place.building if place.building is not None else kept.building
        kept.asked_again = True
        _wait(ctx, kept)
        return
    if compound is not None and new_problem and kept.urgent:
        # A report of its own at some compound (银山苑3号楼楼道灯坏了): it and the reports waiting are opened there;
        # the urgent ones go on waiting for an answer about them.
        complete(ctx, Waiting(kept.reports, kept.said), compound, place, text, open_ticket, locate)
        open_ticket(ctx, ctx.analyzer.analyze(text, as_report=True), text, ctx.origin)
        _wait(ctx, Waiting(said=kept.said, urgent=kept.urgent))
        return
    if compound is None and not kept.asked_again:
        kept.said.append(text)
        kept.asked_again = True
        _wait(ctx, kept)
        ctx.reply(_again(kept, place))
        return
    # Named, or asked twice: registered either way, so nothing the resident said is lost.
    if compound is not None and place.building is None and kept.building is not None:  # 7号楼, then 银山
        place = Place(kept.building, place.unit, place.room)
    placed.follow(ctx, kept.urgent, compound, place.building, kept.after)
    note = "；".join([*kept.said, T.place_label(compound, place) if new_problem else text])
    complete(ctx, kept, compound, place, note, open_ticket, locate)
    if compound is not None and new_problem:  # "同鑫花园12号楼楼道里堆满了杂物": the place, and a report of its own
        open_ticket(ctx, ctx.analyzer.analyze(text, as_report=True), text, ctx.origin)


def _again(kept: Waiting, place: Place) -> str:
    if kept.reports:
        return T.PLACE_AGAIN
    return T.urgent_place_again(place.building)


def complete(ctx: Context, kept: Waiting, compound: str | None, place: Place, note: str, open_ticket, locate) -> None:
    """Open the waiting reports where the resident said they are, and place the urgent ones."""
    for urgent in kept.urgent:  # first: the resident reads about the danger before anything else
        locate(ctx, urgent, compound, place, note)
    for report in kept.reports:
        reading = _placed(ctx.analyzer.analyze(report["text"], as_report=True), compound, place)
        open_ticket(ctx, reading, f"{report['text']}（{note}）", report["source"])


def window_asked_in(ctx: Context) -> dict | None:
    """The window a place question for another report was asked in (楼道灯也不亮, then 电梯困人了), if any."""
    kept = waiting(ctx)
    return kept.after if kept is not None else None


def follow_too_after(ctx: Context, number: int, analysis: Analysis) -> None:
    """A new urgent report placed by the window this question was asked in: followed with its reports after."""
    kept = waiting(ctx)
    kept.after = placed.followed_too(kept.after, number, analysis)
    _wait(ctx, kept)


def ask_after_urgent(ctx: Context, number: int, reading: Analysis) -> None:
    """An urgent report named no compound: registered already (for the street's admins), now asked where, so that
    it can move to the building's grid. With the reports already waiting for a place, if any: one answer does all."""
    kept = waiting(ctx) or Waiting(urgent=placed.unplaced(ctx))  # (one answer places those not placed yet too)
    kept.urgent.append({"ticket": number, "category": reading.category, "hazard": reading.hazard})
    _wait(ctx, kept)
    ctx.reply(T.URGENT_PLACE_QUESTION)


def _only_a_place_and_a_cry(ctx: Context, text: str) -> bool:
    """同鑫花园5号楼 快来人啊: once the place and the cries are taken out, next to nothing is left."""
    return ctx.analyzer.only_cries(ctx.analyzer.place_of(text)[2], at_most=2)


def only_a_place_for_an_urgent_report(ctx: Context, words: str) -> bool:
    """报事 同鑫花园5号楼, while an urgent report waits for its place: that place, not a report with nothing in it."""
    kept = waiting(ctx)
    if kept is None or not kept.urgent:
        return False
    compound, _place, rest = ctx.analyzer.place_of(words)
    return compound is not None and ctx.analyzer.only_cries(rest, at_most=2)


def more_of_the_waiting_danger(ctx: Context) -> bool:
    """While an urgent report waits for its place, an urgent message that says no more than a place and a cry
    (同鑫花园5号楼 快来人啊), or tells the same danger again (煤气味越来越大了 快来人), is about it: the answer, or more
    words for it, and not a report of its own (a second ticket for one gas leak)."""
    kept = waiting(ctx)
    if kept is None or not kept.urgent:
        return False
    text = ctx.inbound.text
    hazards = hazards_of(kept.urgent)
    if unwell_beside(ctx, text, hazards):
        return True  # 俺头晕想吐 快来人: advice, and words for whoever has it
    named = named_dangers(ctx, text)
    if named:
        return tells_a_waiting_danger(ctx, text, hazards, named)  # any other danger named is a report of its own
    return _only_a_place_and_a_cry(ctx, text)  # 有人被车撞了 快来人 is no answer: a danger in other words


def complete_from_a_new_report(ctx: Context, analysis: Analysis, open_ticket, locate) -> None:
    """A new report that names its compound (报事 同鑫花园5号楼电梯困人了) while others wait for theirs: they are
    taken to be there too, at that compound (its building is the new report's own)."""
    kept = waiting(ctx)
    if kept is None or analysis.compound is None or not kept.reports:
        return
    note = "；".join([*kept.said, analysis.compound])
    complete(ctx, Waiting(kept.reports, kept.said), analysis.compound, Place(), note, open_ticket, locate)
    # An urgent report waiting too goes on waiting: only an answer about it says where it is.
    if kept.urgent:
        _wait(ctx, Waiting(said=kept.said, urgent=kept.urgent))
    else:
        ctx.conversation.finish()


def _placed(reading: Analysis, compound: str | None, place: Place) -> Analysis:
    """A report's own building (with its unit and room) comes first; else the answer's, all three together."""
    located = replace(reading, compound=compound or reading.compound)
    if reading.building is not None or place.building is None:
        return located
    return replace(located, building=place.building, unit=place.unit, room=place.room)


def _new_problem(ctx: Context, words: str, kept: Waiting) -> bool:
    """The words name a problem, by the keyword lists, that none of the waiting reports is about."""
    category = ctx.analyzer.problem_in(words)
    if category is None:
        return False
    waiting_kinds = [urgent["category"] for urgent in kept.urgent]
    waiting_kinds += [ctx.analyzer.analyze(report["text"], as_report=True).category for report in kept.reports]
    return category not in waiting_kinds


def is_cancel(text: str) -> bool:
    """算了, 算了吧, 不用了谢谢…: short, and starting with a word that drops it."""
    words = text.strip(" 。！!.~～，,")
    return len(words) <= MAX_CANCEL and words.startswith(T.CANCEL_WORDS)
