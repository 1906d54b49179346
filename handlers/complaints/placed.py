"""After an urgent private report is placed by the resident's answer, or its place question expired: for half an
hour the resident's next messages may still be about it (`PLACED`). A place taken back (说错了 是银山苑5号楼) or
said late moves it again, as long as nobody has taken it on; the same danger told again, a cry, or anything said
in passing is passed on to whoever has it rather than made a second ticket; feeling unwell beside it gets advice at
once. Another danger, another place's, a problem of another kind, a question: read as any message is."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta

from bot.conversation import State
from bot.dispatch.context import Context
from bot.nlp.places import Place
from bot.vocabulary import OTHER
from handlers.complaints import texts as T
from handlers.complaints.dangers import (
    SYMPTOM_DANGERS,
    advise,
    also,
    another,
    hazards_of,
    named_dangers,
    someone_down,
    someone_in_trouble,
    tells_a_waiting_danger,
    unwell_beside,
)

PLACED = "complaints:placed"
MINUTES = 30


# Said to be somewhere else than where the resident is (我儿子在学校被车撞了, 我妈家里着火了, 上班的地方电梯困人了).
_ELSEWHERE = re.compile(
    r"学校|上班|老家|路上|街上|马路|医院|商场|超市|我妈家|我爸家|(?:闺女|儿子|女儿|亲戚|朋友)(?:家|那边|那儿)"
)


def place_of_a_new_report(analysis, data: dict | None, text: str):
    """An urgent report made in a window (`data`) that names no compound is taken to be where the resident just
    said they are: they are there, and its handler can move it (the place question is not asked again). Unless
    the words put it somewhere else: then it is asked where, as any is."""
    if not data or analysis.compound is not None or not data["compound"] or _ELSEWHERE.search(text):
        return analysis
    building = analysis.building if analysis.building is not None else data["building"]
    return replace(analysis, compound=data["compound"], building=building)


def followed_too(data: dict, number: int, analysis) -> dict:
    """The window with a new urgent report placed by it, followed with the others."""
    return {
        **data,
        "urgent": [*data["urgent"], {"ticket": number, "category": analysis.category, "hazard": analysis.hazard}],
    }


def keep_following(ctx: Context, number: int, analysis) -> None:
    """A new urgent report placed by this window: followed with the others."""
    ctx.conversation.ask(PLACED, minutes=MINUTES, data=followed_too(window(ctx), number, analysis))


def follow(
    ctx: Context, urgent: list[dict], compound: str | None, building: int | None, after: dict | None = None
) -> None:
    """The place question is over: what follows may still be about the urgent reports it was for, if any; else
    about those followed before it was asked (`after`), if any."""
    if urgent:  # (with those followed before, if any: a place taken back moves them all)
        followed = after["urgent"] if after else []
        ctx.conversation.ask(PLACED, minutes=MINUTES, data=_data([*followed, *urgent], compound, building))
    elif after:
        ctx.conversation.ask(PLACED, minutes=MINUTES, data=after)
    else:
        ctx.conversation.finish()


def after_expiry(state: State, now: datetime) -> State | None:
    """The place question expired: with urgent reports unplaced, a place said late still moves them (with a building
    said before it expired); else the window it was asked in, if any, goes on."""
    urgent = state.data.get("urgent")
    data = _data(urgent, None, state.data.get("building")) if urgent else state.data.get("after")
    return State(PLACED, now + timedelta(minutes=MINUTES), state.platform, data) if data else None


def window(ctx: Context) -> dict | None:
    """The window this message came in, if any (for a place question asked in it to go back to)."""
    state = ctx.conversation.state
    return dict(state.data) if state is not None and state.name == PLACED else None


def unplaced(ctx: Context) -> list[dict]:
    """The urgent reports of the window this message came in that were never placed (their question expired)."""
    data = window(ctx)
    return list(data["urgent"]) if data and data["compound"] is None else []


def _data(urgent: list[dict], compound: str | None, building: int | None) -> dict:
    return {"urgent": urgent, "compound": compound, "building": building}


def about_them(ctx: Context, handled: list[dict]) -> bool:
    """Whether this message is about the placed reports still handled (`handled`): anything but another danger
    (5号楼冒烟了 after a gas leak), the waiting danger at another place (12号楼也闻到煤气味了), a problem of another
    kind (楼道灯也坏了), or someone else in trouble. A danger whose report is done with is a new one (煤气味又来了
    after the leak was dealt with: a third review's). Commands were taken before this is asked."""
    data = ctx.conversation.state.data
    text = _words(ctx)
    hazards = hazards_of(handled)
    named = named_dangers(ctx, text)
    unwell = unwell_beside(ctx, text, hazards)
    if named:
        if not named <= hazards | (SYMPTOM_DANGERS if unwell else set()):
            # another danger: a report of its own; but one the reader doubted (俺爷爷心脏病犯了 reads calm) is told to
            # whoever is coming here, rather than asked where as a calm report
            return not ctx.analysis.urgent
        if named & _PEOPLE_AT_RISK and _ANOTHER_PERSON.search(text):
            return False  # 我老伴也晕倒了 while a collapse waits: someone else, a report of its own
        # 不对 是15号楼 煤气味特别大: the place taken back, with the danger told again; 邻居家也有煤气味: the same
        # danger where they are, for whoever is coming
        return _a_place_given(ctx, text, data) or not _another_place(ctx, text, data)
    if someone_down(text):
        return _the_one_down_waiting(ctx, text, data, hazards)
    if (
        "trapped" in hazards
        and _STILL_TRAPPED.search(text)
        and not another(text)
        and not _another_place(ctx, text, data)
    ):
        return True  # 里面的人已经困了半个钟头了: the people trapped, still; not 另一部电梯也困人了
    if someone_in_trouble(text) and ctx.analysis.urgent:
        return False  # 外卖小哥在楼下被车撞了: a report of its own, whatever else the words are read as
    if ctx.analyzer.only_cries(text, at_most=2):
        return True  # 快来人啊: about what is waiting, whatever kind the model guesses
    if _a_smell_beside_gas(text, hazards):
        return not _another_place(ctx, text, data)  # 救命啊 味道越来越大了: the leak's (unless said of elsewhere)
    if unwell or (ctx.analysis.intent != "complaint" and not ctx.analysis.urgent):
        return True  # 燃气总阀在哪, 咋还没人来, 俺们都下楼了: for whoever has it, who can answer it
    if ctx.analyzer.problem_in(text) is not None or _urgent_of_another_kind(ctx, text, data):
        return False  # 楼道灯也坏了; 天花板塌下来了 (urgent by the model, in words the rules lack)
    return not someone_in_trouble(text)


# Dangers to a person, and words that say it is another person (也, 又一个): a second casualty is never a note on
# the first (a merged report is a lost one; a second ticket for the same one is only a second look).
_PEOPLE_AT_RISK = frozenset({"collapse", "poison", "drowning", "selfharm", "lost", "trapped"})
# (not 又 alone, nor 也 before a no: 老人又晕过去了, 叫了半天也没反应 are the one waiting, told again)
_ANOTHER_PERSON = re.compile(
    r"也[^，。！？,.!?]{0,3}(?:倒|晕|昏|摔|躺|被|吃|喝|吞|困)|又一个|另一个|还有一个|另外一个|[又也还]有一?个|还躺着"
)
# Still trapped (困了半个钟头了, 还关在里面, 出不来): the words of people trapped that the danger reader leaves to the
# model, which may guess another category (a second review's, stop 29).
_STILL_TRAPPED = re.compile(r"困|关在|关着|卡在|出不来")


def _the_one_down_waiting(ctx: Context, text: str, data: dict, hazards: set) -> bool:
    """Someone down (我老公头晕 现在瘫在地上叫不应了): while a collapse waits and nobody else or elsewhere is said, the
    one waiting (人还是叫不醒); anyone else is a report of its own when read as one, and when not (我爸没反应了 had
    read as talk: a reviewer's, stop 29) is at least told to whoever has the waiting ones, never lost."""
    if "collapse" in hazards and not _ANOTHER_PERSON.search(text) and not _another_place(ctx, text, data):
        return True
    return not ctx.analysis.urgent


def _a_smell_beside_gas(text: str, hazards: set) -> bool:
    """味道越来越大了, 那个味儿更冲了 while a gas leak waits: the smell is the leak's."""
    return "gas" in hazards and _SMELL.search(text) is not None


# (楼上楼下都闻到了, 窗户开了 还是很冲, 越来越大了 快点: a reviewer's, stop 29)
_SMELL = re.compile(
    r"味[道儿]?(?:越来越|更|还是|好|太|特别|很)?[大冲浓重]|闻[到见着]|(?:还是|很|好|太|更|特别)冲|呛|熏|越来越[大重浓冲]"
)


def _urgent_of_another_kind(ctx: Context, text: str, data: dict) -> bool:
    """Urgent by the model, of a kind none waiting is, and naming no place: the model's guess of a kind is
    unreliable for a place said with a cry (在同鑫花园五号楼呢 快点), so only words without one count."""
    category = ctx.analysis.category
    waiting = {report.get("category") for report in data["urgent"]}
    if not ctx.analysis.urgent or category in (None, OTHER) or category in waiting:
        return False
    compound, place, _rest = ctx.analyzer.place_of(text)
    return compound is None and place == Place()


def _words(ctx: Context) -> str:
    """What the resident said (报事 同鑫花园5号楼: the place, not an empty report)."""
    return ctx.analyzer.strip_trigger(ctx.inbound.text) if ctx.analysis.explicit else ctx.inbound.text.strip()


def _another_place(ctx: Context, text: str, data: dict) -> bool:
    """A place other than the one the reports were placed at (or a building, where none is known yet)."""
    compound, place, _rest = ctx.analyzer.place_of(text)
    if compound is not None and data["compound"] is not None and compound != data["compound"]:
        return True
    return place.building is not None and place.building != data["building"]


def _a_place_given(ctx: Context, text: str, data: dict) -> bool:
    """Where the reports are: a place taken back (说错了 是银山苑5号楼), a place alone (5号楼, 俺家在十五号楼, 在
    同鑫花园呢), or, while none was given yet, a compound said to be it (刚刚在忙 是同鑫花园五号楼) or told with the
    danger again. Not a place in passing (好像是从6号楼那边飘过来的, 救护车到银山苑了, 我闺女在十五号楼), nor one
    said to be a place too (不对啊 十五号楼也有煤气味)."""
    compound, place, rest = ctx.analyzer.place_of(text)
    if (compound is None and place == Place()) or also(text):
        return False
    if ctx.analyzer.takes_a_place_back(text) or _nothing_but_a_place(ctx, rest):
        return True
    if data["compound"] is not None or compound is None:
        return False
    return ctx.analyzer.says_it_is(text, compound) or tells_a_waiting_danger(ctx, rest, hazards_of(data["urgent"]))


# Around a place said alone: 地址：, who is there (俺家在, 我们就住在, 是) and a closing particle (呢, 的, 啊).
_AROUND_A_PLACE = re.compile(
    r"^\s*(?:地址|位置)[：:]?|^\s*(?:(?:俺|我)们?家?)?(?:就|也)?(?:住在?|在|是)|(?:呢|的|啊|哈|哦|嘛|呀)+\s*$"
    r"|不对|错了|不是|说错了"  # 同鑫 不对 银山苑3号楼: a place taken back within a place said alone
    # 刚才没看到消息 同鑫花园15号楼, 同鑫花园十五号楼二单元 俺家, 我在银山苑的5号楼这边 (a reviewer's, stop 29)
    r"|^\s*(?:不好意思|刚才没看到消息?|刚才没看见|刚看到)\s*|\s*(?:这边|那边|这儿|这里|俺家|我家)\s*$"
)


# Going somewhere (去荷畔小区了, 躲到银山苑了, 救护车到了): not where the danger is.
_GOING = re.compile(r"去|到|躲|送|往|回|跑|搬")


def _nothing_but_a_place(ctx: Context, rest: str) -> bool:
    bare = _AROUND_A_PLACE.sub("", rest.strip())  # (刚才没看到消息: its 到 is going nowhere)
    return not _GOING.search(bare) and ctx.analyzer.only_cries(bare, at_most=1)


def move_if_taken_back(ctx: Context, text: str, locate) -> None:
    """A new report in the window that also takes the place back (说错了 是银山苑5号楼 现在楼道里全是烟): the
    reports already followed move too."""
    state = ctx.conversation.state
    if state is None or state.name != PLACED or also(text) or not ctx.analyzer.takes_a_place_back(text):
        return
    data = dict(state.data)
    _move(ctx, data, text, locate)
    ctx.conversation.ask(PLACED, minutes=MINUTES, data=data)


def follow_up(ctx: Context, locate, handled: list[dict]) -> None:
    """Advice first if they feel unwell, or someone is down; then move the reports where the resident now says, or
    pass the words on to whoever has the ones still handled that they are about (all of them: 煤气味还在 另外楼道灯
    也不亮 goes whole to the leak's handler)."""
    data = dict(ctx.conversation.state.data)
    text = _words(ctx)
    advise(ctx, text, data["urgent"])
    if someone_down(text) and not ctx.analysis.urgent:
        ctx.reply(T.SOMEONE_DOWN)  # 我爸没反应了, which the reader may take for talk: 120 now, whatever else
    if _a_place_given(ctx, text, data):
        _move(ctx, data, text, locate)
    else:
        for urgent in _told_of(ctx, text, handled):
            locate(ctx, urgent, None, Place(), text)
    ctx.conversation.ask(PLACED, minutes=MINUTES, data=data)


def _told_of(ctx: Context, text: str, handled: list[dict]) -> list[dict]:
    """The reports still handled that the words are about: those of the dangers they name, if any (火越来越大了
    after a gas leak and then a kitchen fire: the fire's), else all (快来人啊). Never one already done with."""
    named = named_dangers(ctx, text)
    return [urgent for urgent in handled if urgent.get("hazard") in named] or handled


def _move(ctx: Context, data: dict, text: str, locate) -> None:
    """To the place the resident says: a building alone is in the compound said before; another compound's is
    asked for (the building said before was the old compound's)."""
    compound, place, _rest = ctx.analyzer.place_of(text)
    compound = compound or data["compound"]
    same = data["compound"] in (None, compound)
    if same and place.building is None:
        place = Place(data["building"], place.unit, place.room)
    for urgent in data["urgent"]:
        locate(ctx, urgent, compound, place, text, whole_place=not same)
    data.update(compound=compound, building=place.building)
    if compound is None:
        ctx.reply(T.urgent_place_again(place.building))
    elif not same and place.building is None:
        ctx.reply(T.which_building(compound))
