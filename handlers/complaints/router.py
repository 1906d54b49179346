"""Complaints in groups and private chats: an explicit report (报事 …, @网格通 …) opens a ticket, a look-alike
in a group gets a one-tap offer, a private report is taken as one; a private report that names no compound
is asked where first."""

from __future__ import annotations

import re

from bot.dispatch.context import Context
from bot.dispatch.router import Chat, Router
from bot.messages import Button
from bot.nlp.analyzer import Analysis
from bot.nlp.places import Place, places_oneself, several_buildings
from bot.numbers import parse_number
from bot.vocabulary import CATEGORIES, OTHER, PRIVATE_CATEGORIES
from handlers.complaints import placed, where
from handlers.complaints import texts as T
from handlers.complaints.dangers import (
    SYMPTOM_DANGERS,
    advise,
    also,
    another,
    cries,
    feels_unwell,
    goes_on,
    named_dangers,
    someone_down,
    someone_in_trouble,
    tells_a_waiting_danger,
    told_together,
    unwell_beside,
    urges,
)
from handlers.complaints.service import Reports, Where, needs_place
from handlers.help.texts import help_text
from handlers.tickets.notifications import messages_for
from handlers.tickets.router import here

router = Router("complaints")
OFFER_PREFIX = "offer:"
MIN_MENTION_REPORT = 8  # characters: shorter words to the bot that read as chatter are greetings
MAX_BARE_PLACE = 24  # characters: 就在同鑫花园12号楼3单元 快来啊 and no more
MAX_TOLD_WHERE = 48  # characters: 我住的是八号楼三单元 就是靠东边小门那栋 味道是从二楼往上飘的
_BUILDING = re.compile(r"[号栋幢楼座]")


def addressed_to_the_bot(ctx: Context) -> bool:
    """报事 … (a trigger), or words to the bot (@网格通 …)."""
    return bool(ctx.inbound.text.strip()) and (ctx.analysis.explicit or ctx.inbound.mentions_bot)


def reports(ctx: Context) -> Reports:
    return Reports(ctx.store, ctx.clock, ctx.roster)


def place_of_report(ctx: Context) -> Where:
    return Where(ctx.chat_id, ctx.inbound.platform, ctx.chat)


def _placing(ctx: Context) -> tuple[int, str, Place, str | None] | None:
    """The sender's urgent report here that named no building (or one in no grid for want of it, asked which: stop
    42), and where their words now say it is: 就在5号楼2单元
    (in the ticket's compound), or 银山苑5号楼 when the ticket has none (a community's group); a building and next
    to nothing else (a cry at most), or the same danger told again with its building, in as many words as they like
    (报事 5号楼2单元 煤气味越来越大了 大家都闻到了). None for anything else, which is most talk: only short messages
    with a building word, or urgent ones, are read for a place at all."""
    text = ctx.inbound.text
    if ctx.analysis.intent not in ("chatter", "complaint") or not _BUILDING.search(text):
        return None
    short = len(text) <= MAX_BARE_PLACE
    # (where one lives or is, in more words: 我住的是八号楼三单元 就是靠东边小门那栋…, a newcomer's, stop 37)
    self_placed = len(text) <= MAX_TOLD_WHERE and places_oneself(text)
    if not short and not ctx.analysis.urgent and not self_placed:
        return None
    named, place, rest = ctx.analyzer.place_of(ctx.analyzer.strip_trigger(text))
    if place.building is None:
        return None
    # (not 不在5号楼, 5号楼？, 5号楼对面, nor another danger there, 5号楼有人晕倒了: a review's, stop 36)
    bare = short and ctx.analyzer.says_only_where(rest) and not someone_in_trouble(text)
    if not bare and not ctx.analysis.urgent and not self_placed:
        return None
    ticket = reports(ctx).awaiting_building(ctx.chat_id, ctx.sender.person_id)
    if ticket is None:
        return None
    if ctx.analysis.urgent and ctx.analysis.hazard not in (None, "alarm", ticket.hazard):
        return None  # another danger where they are: a report of its own
    if not bare and not _the_waiting_danger_there(ctx, text, ticket):
        return None
    compound = _compound_to_place_in(ctx, ticket, named)
    return (ticket.id, compound, place, ticket.hazard) if compound else None


# Words that put the danger anywhere but at the building named (不在5号楼, 是5号楼吗, 5号楼旁边, 离5号楼很远), or add
# another problem to it (另外楼道灯也坏了): in a longer message these keep the waiting report where it was, and the
# message is read as any is (a review's, stop 37).
_NOT_THERE_OR_MORE = re.compile(
    r"不在|不是|离|吗|[?？]|旁边|对面|附近|边上|那边|外面|隔壁"  # elsewhere, or asked
    r"|另外|还有|顺便|而且|再一个|以及"  # and something more
)


# What one senses of a danger (味道是从二楼往上飘的, 烟, 呛): more words about the waiting report, not something else.
_SENSED = re.compile(r"味|烟|火|焦|糊|呛|闻|冒|漏|响|熏")


def _the_waiting_danger_there(ctx: Context, text: str, ticket) -> bool:
    """The waiting danger told again, at the building named, and nothing else (5号楼2单元 煤气味越来越大了): not
    another danger or the same one elsewhere too (5号楼有人晕倒了, 12号楼也闻到了), nor another problem."""
    if _NOT_THERE_OR_MORE.search(text):
        return False
    named = named_dangers(ctx, text)
    if named and not tells_a_waiting_danger(ctx, text, {ticket.hazard}, named):
        return False
    if not named and ctx.analysis.hazard not in (None, "alarm"):
        return False  # (no danger the rules name: urgent by the model alone, 五号楼二单元那个楼道 味儿老大了)
    if not named and not ctx.analysis.urgent and not _SENSED.search(text):
        return False  # where one lives, said for something else (我是5号楼的 明天开会我去: a review's, stop 37)
    if several_buildings(text):
        return False  # 我住5号楼 但是味道是从6号楼飘过来的: which one is not for the bot to guess
    return ctx.analyzer.problem_in(text) in (None, ticket.category)


def places_an_urgent_report(ctx: Context) -> bool:
    """The building of the sender's urgent report here that named none (asked in its acknowledgement), perhaps with
    a cry (就在5号楼 快来): more words for that danger, not a second ticket for it."""
    return _placing(ctx) is not None


@router.text(chats=Chat.GROUP | Chat.UNKNOWN_GROUP, when=places_an_urgent_report)
def building_of_an_urgent_report(ctx: Context) -> None:
    """楼道里一股煤气味, then 就在5号楼2单元: the ticket is placed there, and whoever has it is told (a newcomer's
    test, stop 36: a gas smell reported in a group went to the worker with the compound alone). The same for a
    report in a compound's group with no building, which went to the community's admin (stop 42)."""
    found = _placing(ctx)
    if found is None:
        return  # placed meanwhile by another process: read again, there is nothing left to place
    number, compound, place, hazard = found
    advise(ctx, ctx.inbound.text, [{"hazard": hazard}])  # 我妈头晕想吐 beside the gas: what to do now, first
    said = ctx.analyzer.as_written(ctx.inbound.text) or ctx.inbound.text.strip()  # (报事 … without its trigger)
    locate_ticket(ctx, {"ticket": number}, compound, place, said)  # (their words: whoever has it reads the place)


# Where, without a building (东门口 不在楼里, 就在小区南门那): a landmark of the compound, not a building's number
_LANDMARK = re.compile(r"门|口|路|楼里|楼外|车库|广场|花园|院|东边|西边|南边|北边|对面|旁边|附近|外面|空地")


def _noting_a_place(ctx: Context) -> int | None:
    """The sender's report here waiting for its building, and a short answer that gives no building but says where
    (东门口 不在楼里): their words go to whoever has it, as what was said instead of a building. Not a danger of its
    own the rules name, nor another kind of problem, nor a report (报事 …). The urgency model alone had read 不在楼里
    在小区东门 as an alarm, and opened a second, urgent ticket with 110's advice (a newcomer's, stop 42)."""
    text = ctx.inbound.text.strip()
    if len(text) > MAX_BARE_PLACE or not _LANDMARK.search(text) or ctx.analysis.explicit:
        return None
    if ctx.analysis.hazard not in (None, "alarm") or ctx.analyzer.problem_in(text) is not None:
        return None
    if ctx.analyzer.place_of(text)[1].building is not None:
        return None  # (a building: _placing's)
    if _GOING_OR_DOING.search(text):
        return None  # (我刚下楼去门口拿快递, 孩子在楼下玩呢: talk that names a place, a review's, stop 37)
    ticket = reports(ctx).awaiting_building(ctx.chat_id, ctx.sender.person_id)
    # (an urgent one's building is read as before: what is said instead of it is for its own rules)
    return ticket.id if ticket is not None and not ticket.urgent else None


_GOING_OR_DOING = re.compile(r"去|到|躲|送|往|回|跑|搬|拿|等|玩|装修|散步|遛")


def notes_a_place_without_a_building(ctx: Context) -> bool:
    return _noting_a_place(ctx) is not None


@router.text(chats=Chat.GROUP | Chat.UNKNOWN_GROUP, when=notes_a_place_without_a_building)
def place_without_a_building(ctx: Context) -> None:
    number = _noting_a_place(ctx)
    if number is not None:
        locate_ticket(ctx, {"ticket": number}, None, Place(), ctx.inbound.text.strip())


def _placing_privately(ctx: Context) -> tuple[int, str, Place] | None:
    """The sender's urgent report from a group that the group heard nothing of, and the building their private
    words give it (5号楼2单元302, 在五号楼二单元 求求你们快点, 5号楼 他还在家里): asked in its private acknowledgement.
    Not a building beside another, nor one with a danger or a problem of its own (5号楼楼下有人打架, 15号楼楼道灯坏了):
    reports of their own."""
    text = ctx.inbound.text
    if len(text) > MAX_BARE_PLACE or not _BUILDING.search(text) or several_buildings(text):
        return None
    if ctx.analysis.explicit or _NOT_THERE_OR_MORE.search(text):
        return None  # (any other reading: 三号楼 我跑到楼下了 reads as a yes to a meeting)
    named, place, rest = ctx.analyzer.place_of(text)
    if place.building is None or not _says_nothing_else(ctx, rest):
        return None
    ticket = reports(ctx).awaiting_building_privately(ctx.sender.person_id)
    if ticket is None or ctx.analysis.hazard not in (None, "alarm", ticket.hazard):
        return None  # 12号楼着火了: another danger there
    compound = _compound_to_place_in(ctx, ticket, named)
    return (ticket.id, compound, place) if compound else None


def _compound_to_place_in(ctx: Context, ticket, named: str | None) -> str | None:
    """The ticket's compound, or the one named where it has none; None for no compound, or another than its own."""
    own = ctx.roster.compounds.get(ticket.compound_id) if ticket.compound_id else None
    if own is None:
        return named
    return own.name if named in (None, own.name) else None


# A room left over once the place is read (302, 302室, 三零二): nothing said beyond where.
_ROOM_LEFT = re.compile(r"[\s\d零〇一二三四五六七八九十百幺两]*(?:室|号|房)?[\s，。,.!！]*")


def _says_nothing_else(ctx: Context, rest: str) -> bool:
    """What is left beside a building: nothing, a room, a cry or a plea, or words naming no danger, no problem and
    nobody hurt, and if urgent to the model, of the danger going on (他还在家里)."""
    if _ROOM_LEFT.fullmatch(rest) or ctx.analyzer.says_only_where(rest):
        return True
    if named_dangers(ctx, rest) or someone_in_trouble(rest) or someone_down(rest):
        return False  # (before the cries: 着火了, 电梯困人了 are no cries about her)
    if ctx.analyzer.problem_in(rest) is not None:
        return False
    return ctx.analyzer.only_cries(rest, at_most=4) or goes_on(rest) or not ctx.analyzer.analyze(rest).urgent


def places_a_private_urgent_report(ctx: Context) -> bool:
    return _placing_privately(ctx) is not None


@router.text(chats=Chat.PRIVATE, when=places_a_private_urgent_report)
def building_of_a_private_urgent_report(ctx: Context) -> None:
    """我老公打我 in a group (the group hears only the number), then 5号楼2单元 in private: placed, unseen."""
    found = _placing_privately(ctx)
    if found is None:
        return
    number, compound, place = found
    locate_ticket(ctx, {"ticket": number}, compound, place, ctx.inbound.text.strip())


def _followed(ctx: Context):
    """The sender's recent urgent report, from this group or (said in private) from any group, that these words
    are more of: feeling unwell beside its danger (俺头晕想吐), the same danger going on or worse (味道越来越大了,
    他还在砸门 after 我老公打我), or a cry or urging (快来人啊, 你们快点来). Anything else is read as any message is:
    another danger, the same one without a word that it goes on (车棚着火了 after smoke: maybe another fire), another
    place, compound or building, someone hurt or down, another problem. In a group only urgent words, cries,
    urging or feeling unwell are looked at: talk there never reads the database here."""
    text, analysis = ctx.inbound.text, ctx.analysis
    if analysis.explicit or not text:
        return None
    short = len(text) <= MAX_BARE_PLACE
    cry = short and (urges(text) or (cries(text) and ctx.analyzer.only_cries(text, at_most=2)))
    unwell = feels_unwell(text)
    pressing = analysis.urgent or cry or unwell
    if ctx.is_group and not pressing:
        return None
    ticket = reports(ctx).recent_urgent(ctx.sender.person_id, ctx.chat_id if ctx.is_group else None)
    if ticket is None or analysis.building not in (None, ticket.building) or _another_compound(ctx, ticket):
        return None
    if another(text) or also(text):
        return None
    if not ctx.is_group and ticket.private and ticket.hazard == "violence":
        return ticket if _more_of_her_plight(ctx, text, ticket) else None
    if not pressing:
        return None
    if someone_down(text) and not (ticket.hazard == "collapse" and goes_on(text)):
        return None  # someone down is a report of its own, unless the one reported still (还是没反应)
    named = named_dangers(ctx, text)  # (first: 有人落水了 快来啊 is no cry about the gas leak)
    if named and not named <= told_together(ticket.hazard) | (SYMPTOM_DANGERS if unwell else set()):
        return None
    if unwell_beside(ctx, text, {ticket.hazard} - {None}):
        return ticket  # 我妈也开始头晕了 beside gas: advice, and for whoever has it
    if someone_in_trouble(text):
        return None  # 孩子从楼梯上滚下来了: someone else
    if named:  # its danger named again: more of it only if said to go on (煤气味还是很大 窗户都打开了), not with a
        return ticket if goes_on(text) else None  # cry alone (停车场有辆电动车着火了 快来人: maybe another fire)
    if ctx.analyzer.problem_in(text) not in (None, ticket.category):
        return None  # 怎么还没来水: another problem
    return ticket if cry or goes_on(text) else None


def _more_of_her_plight(ctx: Context, text: str, ticket) -> bool:
    """In her private chat, after a beating she reported (我老公打我): whatever she says next is hers to tell whoever
    has it (他把门反锁了 我躲在厨房里, 他拿着菜刀在外面骂, 我好怕; a newcomer's, stop 38: these had opened new
    tickets for the street's admin asking where she is), unless it names another kind of danger or someone down
    (厨房着火了: a report of its own). Not even a problem word makes it another matter (手机快没电了 names 没电)."""
    named = named_dangers(ctx, text)
    return named <= told_together(ticket.hazard) | {"trapped"} and not someone_down(text)


def _another_compound(ctx: Context, ticket) -> bool:
    own = ctx.roster.compounds.get(ticket.compound_id) if ticket.compound_id else None
    return ctx.analysis.compound is not None and (own is None or ctx.analysis.compound != own.name)


def more_of_a_recent_danger(ctx: Context) -> bool:
    return _followed(ctx) is not None


@router.text(when=more_of_a_recent_danger)
def more_words_for_a_recent_danger(ctx: Context) -> None:
    """楼道里有股煤气味 (placed), then 味道越来越大了 我头晕: advice first, and the words to whoever has the report,
    not a second ticket asking the place again (a newcomer's, stop 38)."""
    ticket = _followed(ctx)
    if ticket is None:
        return
    advise(ctx, ctx.inbound.text, [{"hazard": ticket.hazard}])
    words = ctx.inbound.text.strip()
    locate_ticket(ctx, {"ticket": ticket.id}, None, Place(), words, pressing=ctx.analysis.urgent)


@router.text(when=addressed_to_the_bot)
def report(ctx: Context) -> None:
    """A ticket, unless there is nothing to report."""
    text, analysis = ctx.inbound.text, ctx.analysis
    rest = ctx.analyzer.strip_trigger(text)
    if analysis.explicit and not rest:
        ctx.reply(T.EMPTY_REPORT)
    elif not analysis.explicit and analysis.intent != "complaint" and len(rest) < MIN_MENTION_REPORT:
        ctx.reply(help_text(ctx.sender.is_staff))  # "@网格通 你好": say what the bot can do
    else:
        # A trigger already made the first reading a report's; words to the bot need reading again as one.
        reading = analysis if analysis.explicit else ctx.analyzer.analyze(text, as_report=True)
        open_or_ask_where(ctx, reading, text)


@router.text(intents=["complaint"], chats=Chat.PRIVATE, staff=False)
def private_report(ctx: Context) -> None:
    """A resident writing to the bot privately is reporting: no need to ask whether to register it."""
    open_or_ask_where(ctx, ctx.analysis, ctx.inbound.text)


# Where, in words but no building (就在我家这栋 三楼, 车库里面, 我家楼下): all whoever has the waiting report can use to
# find it, so it is passed on to them (it had been left unanswered: stop 37).
_SAYS_WHERE = re.compile(
    r"楼|栋|单元|层|门口|车库|地下室|电梯|楼道|梯口|大门|[东西南北]门|旁边|对面|附近|隔壁|里面|里头|这边|那边"
)


def _where_without_a_building(ctx: Context) -> int | None:
    """The sender's waiting urgent report here (see _placing), when their short words say where without a building:
    its number."""
    text = ctx.inbound.text
    if ctx.analysis.intent != "chatter" or len(text) > MAX_BARE_PLACE or not _SAYS_WHERE.search(text):
        return None
    if not ctx.analyzer.says_only_a_place(text):
        return None  # 孩子在楼下玩呢, 我在楼下等你们: talk that names a place (a review's, stop 37)
    if ctx.analyzer.place_of(text)[1].building is not None:
        return None
    ticket = reports(ctx).awaiting_building(ctx.chat_id, ctx.sender.person_id)
    return ticket.id if ticket is not None else None


def says_where_without_a_building(ctx: Context) -> bool:
    return _where_without_a_building(ctx) is not None


@router.text(chats=Chat.GROUP | Chat.UNKNOWN_GROUP, when=says_where_without_a_building)
def where_of_an_urgent_report_in_words(ctx: Context) -> None:
    """Passed on to whoever has the report, who can call; a building said next still places it."""
    number = _where_without_a_building(ctx)
    if number is not None:
        locate_ticket(ctx, {"ticket": number}, None, Place(), f"位置：{ctx.inbound.text.strip()}")


def is_urgent(ctx: Context) -> bool:
    return ctx.analysis.urgent


@router.text(intents=["complaint"], chats=Chat.GROUP | Chat.UNKNOWN_GROUP, when=is_urgent)
def urgent_report(ctx: Context) -> None:
    """Danger now (a gas smell, smoke, someone trapped…): registered at once, no tap needed; the worker and the
    grid head are told, and the group hears whom the bot has told. Even in a group nobody registered yet: then
    whoever its words point to, or the street's admins, are told."""
    open_ticket(ctx, ctx.analysis, ctx.inbound.text, ctx.origin)


def from_a_resident_here(ctx: Context) -> bool:
    """Not from staff of this group's grid, compound or community: a worker in another compound's group (their own
    home's, say) writes there as a resident."""
    return not (ctx.sender.is_staff and ctx.roster.serves(ctx.sender.person_id, ctx.chat))


@router.text(intents=["complaint"], chats=Chat.GROUP, when=from_a_resident_here)
def offer(ctx: Context) -> None:
    """In a group, a resident's message that only looks like a complaint is not registered unasked. The group's own
    staff get no offer: there they mostly answer about problems (收到 马上安排师傅过去看), and one who means to
    register one says 报事 (or writes to the bot), as the worker's help text says; a danger is registered
    whoever tells it (urgent_report)."""
    number = reports(ctx).offer(ctx.inbound.text, place_of_report(ctx), ctx.sender)
    ctx.reply(offer_text(ctx.analysis), [Button(T.OFFER_BUTTON, f"{OFFER_PREFIX}{number}")])


def offer_text(analysis: Analysis) -> str:
    """Names the place and the kind of problem understood, so a wrong reading shows before anyone taps; but
    not for what might be a dispute, nor for 其他: the group is shared."""
    if analysis.private or analysis.category in (None, OTHER) or analysis.category in PRIVATE_CATEGORIES:
        return T.OFFER
    place = "".join(f"{n}{unit}" for n, unit in ((analysis.building, "号楼"), (analysis.unit, "单元")) if n is not None)
    return T.offer(place, CATEGORIES[analysis.category])


@router.button(OFFER_PREFIX, pattern=r"offer:[0-9]{1,10}")
def take_offer(ctx: Context) -> None:
    number = parse_number(ctx.inbound.button_data[len(OFFER_PREFIX) :], allow_hash=False)
    found = reports(ctx).offer_numbered(number) if number else None
    # Turned down to the one who tapped, not the group (Context.refuse: on Telegram, on the tap itself).
    if found is None or found.chat != ctx.chat_id:
        ctx.refuse(T.OFFER_GONE, spent=found is None)
    elif found.reporter_id != ctx.sender.person_id:
        ctx.refuse(T.OFFER_ONLY_REPORTER)
    elif found.ticket_id is not None:
        ctx.refuse(T.OFFER_DONE.format(number=found.ticket_id), spent=True)
    else:
        reading = ctx.analyzer.analyze(found.text, as_report=True)
        ctx.store.offers.taken(found.id, open_ticket(ctx, reading, found.text, f"offer:{found.id}"))
        ctx.spent = True


def answers_where(ctx: Context) -> bool:
    """While the bot waits to hear where, the next message is that answer, unless it is a report of its own
    (报事 …, or something urgent): that is taken as a report, and the question goes on waiting. Urgent by the
    urgency model alone needs a danger the rules know (救命！快来人！) or a problem the words name: a short answer
    of places (就在大门口那个) sounds to the model like the urgent reports that name such places."""
    if ctx.analysis.explicit:  # 报事 …: a report, unless all it says is a place for an urgent one waiting
        return where.only_a_place_for_an_urgent_report(ctx, ctx.analyzer.strip_trigger(ctx.inbound.text))
    if not ctx.analysis.urgent or where.more_of_the_waiting_danger(ctx):
        return True
    words = ctx.inbound.text
    if someone_in_trouble(words):
        return False  # 有人被车撞了: urgent in words the rules lack, and no answer about where
    return not ctx.analyzer.names_a_danger(words) and ctx.analyzer.problem_in(words) is None


@router.reply(where.PLACE, chats=Chat.PRIVATE, when=answers_where)
def place_given(ctx: Context) -> None:
    """The answer to 请问是哪个小区、几号楼？ (handlers.complaints.where)."""
    where.answer(ctx, open_ticket, locate_ticket)


def _placed_and_handled(ctx: Context) -> list[dict]:
    """The window's urgent reports still being handled (read by the route's test and again by its handler: a
    ticket or two, in a private chat after an urgent report only)."""
    urgent = ctx.conversation.state.data["urgent"]
    handled = reports(ctx).still_handled([report["ticket"] for report in urgent])
    return [report for report in urgent if report["ticket"] in handled]


def about_a_placed_report(ctx: Context) -> bool:
    """What follows an urgent report's place question may be about it, while it is still being handled."""
    handled = _placed_and_handled(ctx)
    return bool(handled) and placed.about_them(ctx, handled)


@router.reply(placed.PLACED, chats=Chat.PRIVATE, when=about_a_placed_report)
def more_about_a_placed_report(ctx: Context) -> None:
    """A place taken back or said late, the danger told again, feeling unwell (handlers.complaints.placed)."""
    placed.follow_up(ctx, locate_ticket, _placed_and_handled(ctx))


def open_or_ask_where(ctx: Context, analysis: Analysis, text: str) -> None:
    if ctx.is_group:
        _open_or_ask(ctx, analysis, text)
        return
    placed.move_if_taken_back(ctx, text, locate_ticket)  # 说错了 是银山苑5号楼 现在楼道里全是烟: the followed move
    # Urgent, right after the resident said where they are (我老公晕倒在厨房了): there, not asked again.
    window, asked_in = placed.window(ctx), where.window_asked_in(ctx)
    here_too = placed.place_of_a_new_report(analysis, window or asked_in, text) if analysis.urgent else analysis
    if here_too is analysis:
        _open_or_ask(ctx, analysis, text)
        return
    opened = open_ticket(ctx, here_too, text, ctx.origin)
    if window:
        placed.keep_following(ctx, opened, here_too)
    else:
        where.follow_too_after(ctx, opened, here_too)


def _open_or_ask(ctx: Context, analysis: Analysis, text: str) -> None:
    if needs_place(analysis, place_of_report(ctx)):
        where.ask(ctx, text)
        return
    opened = open_ticket(ctx, analysis, text, ctx.origin)
    if ctx.is_group:  # (the question is only ever asked in a private chat)
        return
    where.complete_from_a_new_report(ctx, analysis, open_ticket, locate_ticket)
    if analysis.urgent and analysis.compound is None:
        where.ask_after_urgent(ctx, opened, analysis)


def locate_ticket(
    ctx: Context,
    urgent: dict,
    compound: str | None,
    place: Place,
    note: str,
    quiet=False,
    whole_place=False,
    pressing=False,
) -> None:
    """Where the reporter says an urgent ticket is, or what they said instead (handlers.complaints.where)."""
    located = reports(ctx).locate(urgent["ticket"], ctx.sender, compound, place, note, quiet, whole_place, pressing)
    ctx.say(messages_for(located, ctx.roster, here(ctx)))


def open_ticket(ctx: Context, analysis: Analysis, text: str, source_key: str) -> int:
    """Store and assign the ticket; the notifications say who hears of it. Its number."""
    written = ctx.analyzer.as_written(text) or text  # 报事：… is kept without its trigger, as it was written
    # A neighbour's report in a group of the same gas leak: one ticket, their words on it (stop 38's note). Only in a
    # group: a private report goes on to questions and follow-ups about its own ticket, which only its reporter may
    # place (TicketService.locate), so there it is a ticket of its own, as before.
    joined = ctx.is_group and reports(ctx).join_the_same_danger(analysis, written, place_of_report(ctx), ctx.sender)
    if joined:
        ctx.say(messages_for(joined, ctx.roster, here(ctx)))
        return joined[0].ticket.id
    opened = reports(ctx).open(analysis, written, place_of_report(ctx), ctx.sender, source_key)
    ctx.say(messages_for([opened], ctx.roster, here(ctx)))
    return opened.ticket.id
