"""The question 请问是哪个小区、几号楼？ and its answer, for private reports that name no compound.

What waits for the answer is kept in the conversation state: the reports (each with its own source key, so
none can make two tickets), what the resident said meanwhile (put on the ticket: nothing said is lost), and
whether the bot asked twice already. One answer completes every report waiting for it. An answer that also names
a new problem of its own is registered as a ticket of its own; one that only says more about the same problem
(灯还是不亮, 麻烦快点来修) is kept on the waiting report.

An urgent report is never held back by the question: it is registered first (for the street's admins, if it names
no compound) and asked where after, so that it can move to the building's grid (`ask_after_urgent`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from bot.dispatch.context import Context
from bot.nlp.analyzer import Analysis
from bot.nlp.places import Place
from handlers.complaints import texts as T

PLACE = "complaints:place"
URGENT_PLACE = "complaints:urgent-place"
MINUTES = 10
MAX_CANCEL = 8  # characters: a longer answer that starts with 不用 is saying something else


@dataclass
class Waiting:
    reports: list[dict] = field(default_factory=list)  # {"text", "source"}
    said: list[str] = field(default_factory=list)
    asked_again: bool = False

    def data(self) -> dict:
        return {"reports": self.reports, "said": self.said, "asked_again": self.asked_again}


def waiting(ctx: Context) -> Waiting | None:
    """The reports waiting for a place in this private chat, if the question is open."""
    state = ctx.conversation.state
    if state is None or state.name != PLACE:
        return None
    return Waiting(list(state.data["reports"]), list(state.data.get("said", [])), state.data.get("asked_again", False))


def ask(ctx: Context, text: str) -> None:
    """Keep this report until the resident says where it is (with any already waiting)."""
    found = waiting(ctx)
    kept = found or Waiting()
    kept.reports.append({"text": ctx.analyzer.as_written(text) or text, "source": ctx.origin})
    _wait(ctx, kept)
    ctx.reply(T.PLACE_QUESTION_AGAIN if found else T.PLACE_QUESTION)


def _wait(ctx: Context, kept: Waiting) -> None:
    ctx.conversation.ask(PLACE, minutes=MINUTES, data=kept.data(), expiry_notice=T.PLACE_EXPIRED)


def answer(ctx: Context, open_ticket) -> None:
    """The next private message while the question is open: the place (completing the reports), more words
    about them, a new problem of its own, or 算了."""
    kept = waiting(ctx)
    text = ctx.inbound.text.strip()
    if is_cancel(text):
        ctx.conversation.finish()
        ctx.reply(T.PLACE_CANCELLED)
        return
    compound, place, rest = ctx.analyzer.place_of(text)
    new_problem = _new_problem(ctx, rest if compound else text, kept)
    if compound is None and new_problem:  # another report, with no place either: it waits with the others
        kept.reports.append({"text": text, "source": ctx.origin})
        _wait(ctx, kept)
        ctx.reply(T.PLACE_QUESTION_AGAIN)
        return
    if compound is None and not kept.asked_again:
        kept.said.append(text)
        kept.asked_again = True
        _wait(ctx, kept)
        ctx.reply(T.PLACE_AGAIN)
        return
    # Named, or asked twice: registered either way, so nothing the resident said is lost.
    ctx.conversation.finish()
    note = [*kept.said, T.place_label(compound, place) if new_problem else text]
    complete(ctx, kept, compound, place, "；".join(note), open_ticket)
    if compound is not None and new_problem:  # "同鑫花园12号楼楼道里堆满了杂物": the place, and a report of its own
        open_ticket(ctx, ctx.analyzer.analyze(text, as_report=True), text, ctx.origin)


def complete(ctx: Context, kept: Waiting, compound: str | None, place: Place, note: str, open_ticket) -> None:
    """Open the waiting reports where the resident said they are."""
    for report in kept.reports:
        reading = _placed(ctx.analyzer.analyze(report["text"], as_report=True), compound, place)
        open_ticket(ctx, reading, f"{report['text']}（{note}）", report["source"])


def ask_after_urgent(ctx: Context, number: int) -> None:
    """An urgent report named no compound: registered already (the street's admins have it), now asked where, so
    it can move to the building's grid. Not while another question waits for this person's answer."""
    if ctx.conversation.state is not None:
        return
    data = {"ticket": number, "asked_again": False}
    ctx.conversation.ask(URGENT_PLACE, minutes=MINUTES, data=data, expiry_notice=T.URGENT_PLACE_EXPIRED)
    ctx.reply(T.URGENT_PLACE_QUESTION)


def answer_after_urgent(ctx: Context, locate) -> None:
    """The answer: a compound and building move the ticket; after asking twice, whatever was said is passed on to
    whoever has it (nothing said is lost); 算了 ends the question."""
    data = dict(ctx.conversation.state.data)
    text = ctx.inbound.text.strip()
    if is_cancel(text):
        ctx.conversation.finish()
        ctx.reply(T.URGENT_PLACE_DROPPED)
        return
    compound, place, _rest = ctx.analyzer.place_of(text)
    if compound is None and not data["asked_again"]:
        data["asked_again"] = True
        ctx.conversation.ask(URGENT_PLACE, minutes=MINUTES, data=data, expiry_notice=T.URGENT_PLACE_EXPIRED)
        ctx.reply(T.URGENT_PLACE_AGAIN)
        return
    ctx.conversation.finish()
    said = T.place_label(compound, place) if compound else text
    locate(ctx, data["ticket"], compound, said, place)


def complete_from_a_new_report(ctx: Context, analysis: Analysis, open_ticket) -> None:
    """A new report that names its compound (报事 同鑫花园5号楼电梯困人了) while others wait for theirs: they are
    taken to be there too, at that compound (its building is the new report's own)."""
    kept = waiting(ctx)
    if kept is None or analysis.compound is None:
        return
    ctx.conversation.finish()
    complete(ctx, kept, analysis.compound, Place(), "；".join([*kept.said, analysis.compound]), open_ticket)


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
    return all(ctx.analyzer.analyze(report["text"], as_report=True).category != category for report in kept.reports)


def is_cancel(text: str) -> bool:
    """算了, 算了吧, 不用了谢谢…: short, and starting with a word that drops it."""
    words = text.strip(" 。！!.~～，,")
    return len(words) <= MAX_CANCEL and words.startswith(T.CANCEL_WORDS)
