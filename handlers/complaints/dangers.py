"""Reading what a resident says while an urgent report of theirs is being handled: another emergency (a report of
its own), the same danger told again (more words for the waiting one), or how they feel (advice at once)."""

from __future__ import annotations

import re

from bot.dispatch.context import Context
from handlers.complaints import texts as T

# Someone hurt or in trouble, in any words (有人被车撞了, 孩子把纽扣电池吞下去了, 俺爹也不行了 脸都紫了): never an
# answer about where another report is, but a report of its own (a safety review's, stop 27).
_SOMEONE_IN_TROUBLE = re.compile(
    r"(?:人|孩子|小孩|娃|老人|老头|老太|大爷|大娘|爹|娘|爸|妈|爷|奶|闺女|儿子|媳妇|老伴|小哥|快递员|骑手|骑车的)"
    r"[^，。！？,.!?]{0,10}"
    r"(?:撞|摔|吞|晕|昏|不动|紫|吐|抽|咬|烫|割|血|掉|困|卡|不行了|不醒|喘|没气|没反应)"
)
# Another place or another time (隔壁银山苑也有煤气味, 又一个人晕倒了, 12号楼也闻到了): another report, not the
# waiting one again.
_TOO = (
    r"也有|又有|也闻到|又闻到|也是|又一个|另一个|另外一|这回|这次|还有一个|还有个"
    r"|也(?:倒|晕|昏|着火|着了|冒烟|起火|困|掉|摔|落水)"  # (旁边还有一个也倒了: someone else, a review's, stop 38)
)
_ANOTHER = re.compile(_TOO + r"|隔壁|对面")
_ALSO = re.compile(_TOO)  # (not 隔壁, 对面: a place taken back may be told by what it is next to)
# Feeling unwell (头晕, 想吐, 喘不上气): beside gas or smoke possibly poisoning, so advice comes at once. Words of
# the body only: 吵得头疼 or 恶心死了 about a smell are complaints, told apart by the problem they name.
_UNWELL = re.compile(
    r"头[好很有点特别太真老都也开始]*(?:晕|昏|疼|痛|嗡嗡)|晕乎乎|迷迷糊糊|犯迷糊|老想睡|想吐|一直吐|开始吐|吐了"
    r"|犯恶心|有点恶心|恶心想吐|胸口?闷|胸口发闷|喘不[上过]气|透不过气|呼吸困难|憋得慌|浑身没劲|站不稳|腿发软"
    r"|咳得|咳个不停|呛得|眼睛[辣疼痛]|睁不开眼|上不来气|浑身发软|没力气|心慌|手脚发麻|手麻"
)
# Worse than unwell: someone down is a report of its own (120's advice), not a word about the waiting one.
_DOWN = re.compile(
    r"晕倒|昏倒|昏迷|昏过去|晕过去|晕死|叫不[醒应]|喊不[醒应]|不省人事|失去意识|没意识|没知觉|没气|没了?呼吸|不喘气"
    r"|没反应|倒地|倒在|瘫在|瘫倒|一动不动|不动了|抽搐|口吐白沫|嘴唇发紫|脸发紫|翻白眼|不行了|心脏病"
)
# Dangers a symptom may be named as (呼吸困难 reads as a collapse) without being another emergency.
SYMPTOM_DANGERS = frozenset({"collapse", "poison"})


def someone_in_trouble(text: str) -> bool:
    return _SOMEONE_IN_TROUBLE.search(text) is not None


def named_dangers(ctx: Context, text: str) -> set[str]:
    return ctx.analyzer.dangers_named(text) - {"alarm"}  # (a bare cry names no danger of its own)


def tells_a_waiting_danger(ctx: Context, text: str, hazards: set, named: set[str] | None = None) -> bool:
    """Every danger the words name is one already waiting (煤气味越来越大了 after 燃气味好大), and not said to be
    another (隔壁也有煤气味)."""
    if not hazards:
        return False
    named = named_dangers(ctx, text) if named is None else named
    if not named or another(text):
        return False
    return named <= hazards


def another(text: str) -> bool:
    """Said to be somewhere else, or something else, too (隔壁也有, 12号楼也闻到了)."""
    return _ANOTHER.search(text) is not None


def also(text: str) -> bool:
    """Said to be something else too (十五号楼也有煤气味), not only next to something (就在5号楼对面)."""
    return _ALSO.search(text) is not None


def someone_down(text: str) -> bool:
    """Someone collapsed, unconscious, not breathing (瘫在地上叫不应了, 嘴唇发紫): a report of its own, always."""
    return _DOWN.search(text) is not None


def feels_unwell(text: str) -> bool:
    return _UNWELL.search(text) is not None


def unwell_beside(ctx: Context, text: str, hazards: set) -> bool:
    """Feeling unwell (俺妈也开始头晕想吐了, 有点呼吸困难), beside the waiting danger and no other, nobody down, and
    no problem of another kind named (吵得俺头疼 is noise)."""
    if not hazards or not feels_unwell(text) or someone_down(text):
        return False
    if not named_dangers(ctx, text) <= hazards | SYMPTOM_DANGERS:
        return False
    problem = ctx.analyzer.problem_in(text)
    return problem is None or tells_a_waiting_danger(ctx, text, hazards)


# Asked to call for help (快叫救护车, 帮我报个警, 派个救护车过来): which number to call oneself. Not an alarm that
# rings (燃气报警器一直在响), a call already made (我已经报警了, 打过119了), one called off (不用打120了, 别报警) or a
# question about it (叫救护车了吗, 打120还是119).
_CALL_FOR_ME = (
    (re.compile(r"(?:叫|打|喊|派|找)[个一下辆了]*(?:救护车|急救|120)"), "120"),
    (re.compile(r"(?:叫|打|喊|派|找)[个一下辆了]*(?:消防|119)|报[个一下]*火警"), "119"),
    (re.compile(r"报[个一下]*警(?!器)|(?:叫|打|喊|找)[个一下]*(?:警察|110)"), "110"),
)
_CALLED_ALREADY = re.compile(r"已经|打过|报过|打了|报了|打不通|在路上|不用|别|不要|没事|误会|灭了|吗|还是")


def advise(ctx: Context, text: str, urgent: list[dict]) -> None:
    """First, before anything about the tickets: what to do now, if they feel unwell beside the danger, or ask the
    bot to call for help."""
    hazards = hazards_of(urgent)
    if unwell_beside(ctx, text, hazards):
        ctx.reply(T.unwell(hazards))
    numbers = [number for pattern, number in _CALL_FOR_ME if pattern.search(text)]
    if numbers and not _CALLED_ALREADY.search(text):
        ctx.reply(T.call_yourself("、".join(numbers)))


def hazards_of(urgent: list[dict]) -> set:
    return {report.get("hazard") for report in urgent} - {None}


# A danger and those told with it in other words: a gas leak's 头晕 reads as poison, a beating's 砸门 as a break-in.
_TOLD_TOGETHER = (frozenset({"gas", "poison", "explosion"}), frozenset({"fire", "smoke", "electric_fire", "explosion"}),
                  frozenset({"violence", "breakin"}))  # fmt: skip


def told_together(hazard: str | None) -> set:
    """The dangers that, named after a report of `hazard`, are more of it rather than another."""
    if hazard is None:
        return set()
    return set().union({hazard}, *(family for family in _TOLD_TOGETHER if hazard in family))


# Urging whoever is coming (你们快点来, 咋还没人来, 人呢, 多久能到): about the report being handled. Not 怎么还没来水.
_URGING = re.compile(
    r"快点?儿?(?:来|过来)(?![水电气暖])|赶紧(?:来|过来)|(?:怎么|咋|为啥)还没(?:有)?人(?:来|管)|还不来(?:人)?$|人呢"
    r"|(?:你们|师傅|人)(?:到哪了|多久(?:能)?到|还要多久)|你们快点|快点(?:啊|吧|呀)"
)
# The danger going on, or worse (还在砸门, 味道越来越大了, 一直在响), or about to reach them (门快被他踹开了): more of
# the one reported, where a danger told with none of these (车棚着火了, 孩子把消毒液喝了) may be another. Not a bare 又
# nor 还有: 车棚又着火了, 还有一个也倒了 may be another.
_GOING_ON = re.compile(
    r"还在|还是|还没|越来越|更(?:大|浓|重|多|厉害)|一直|仍然|依然|没停|不停|又来了|又开始|快被|要被|快要|踹|躲在|躲到"
)


def urges(text: str) -> bool:
    return _URGING.search(text) is not None


# A cry for help's own words: what makes a short message one (收到, 好嘞 are as short, and no cry).
_CRY = re.compile(r"救命|来人|救救|帮帮|快来|help|sos", re.IGNORECASE)


def cries(text: str) -> bool:
    return _CRY.search(text) is not None


def goes_on(text: str) -> bool:
    return _GOING_ON.search(text) is not None
