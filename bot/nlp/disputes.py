"""Conflict between people, which needs mediation and is never told to a group.

Two readings. A dispute: someone in conflict with another party — a quarrel or a fight, a refusal (不给退, 不承认,
不让走), a claim (要俺赔, 医药费谁出, 欠房租), a push or a threat, a family that will not agree — said beside a
party (a neighbour, a landlord, a shop, family, or just 他家). That makes the ticket a 矛盾纠纷 whatever its
nuisance is. And a report that might be one: a conflict word alone, or another party beside the trouble. Then
the group hears nothing but the ticket number, even when the category reads as noise or a leak: privacy is the
safe side to be wrong on.
"""

from __future__ import annotations

import re

# What conflict sounds like, whatever it is about.
_CONFLICT = re.compile(
    r"吵架|争吵|吵(?:起来|了起来|翻|了几句)|拌(?:嘴|了几句)|骂人|对骂|骂街|(?:围着|追着|指着).{0,3}骂|就骂|骂骂咧咧"
    r"|打架|打起来|打人|动手|推了.{0,3}一把|推搡|互相推|差点动.{0,2}手|纠纷|矛盾|扯皮|调解|说和|评理|不讲理|耍赖|赖账"
    r"|不认账|不承认|非说|硬说|说不是|不给(?:退|赔|还|钱)|不退|退钱|要(?:俺|我|我们|俺们)赔|赔(?:钱|偿)|索赔"
    r"|医药费|押金|谁出|欠(?:了)?.{0,4}(?:租|房租|工资|钱)|拖欠|涨(?:房租|租)|霸占|占着不|把.{0,8}扔(?:出去|了|掉)|把(?:俺|我|咱|他|她|人)[^\s，。,!！?？]{0,10}扔(?:出去|了|掉)"
    r"|扔(?:出去|了|掉)?(?:俺|我|咱|他|她|人)(?:们)?家?[^\s，。,!！?？]{0,4}?的"
    r"|(?:俺|我|咱)[^\s，。,!！?？]{0,8}(?:被|叫|让|给)[^\s，。,!！?？]{0,4}扔(?:出去|了|掉)|堵(?:俺|我)"
    r"|威胁|报复|砸门|欺负|讹|翻脸|闹翻|闹掰|不说话了|要离婚|闹离婚|家暴|赡养|推来推去|谁也不(?:想)?管|关你(?:啥|什么)事"
    r"|赖着不走|(?:为了.{0,6}|对着|跟.{0,6})吵|骂|泼(?:油漆|粪|水|脏)|造谣|赶出|法庭|起诉|打官司|告(?:他|她|我)|吓唬"
    r"|跟踪|骚扰|害怕|恐吓"
)
# Weaker signs: enough to keep a report from the group, not to call it a dispute.
_FRICTION = re.compile(r"(?<!让)不让|非要|不同意|不听|横|凶得很|理论|找他|找她|说了.{0,4}不|不讲道理|态度")
# The other party, named as people one knows (邻居, 那家, 两口子, 房东): a fight between them is their quarrel gone too
# far, where a fight among strangers is a matter of security.
_KNOWN_PARTIES = (
    r"邻居|对门|隔壁|[一二三四五六七八九十\d]楼(?:那家|的)|那家|他家|她家|他们家|房东|房主|屋主|租客|房客|租户|二房东|中介|老板|摊主|店主"
    r"|装修队|施工队|业委会|家里人|老婆|老公|媳妇|婆婆|公公|儿媳|女婿|夫妻|两口子|父母|父亲|母亲|儿子|女儿|闺女|兄弟|姐妹"
    r"|亲戚|前夫|前妻|室友|合租|儿女|子女|老李|老王|老张|老刘"
)
_KNOWN_PARTY = re.compile(_KNOWN_PARTIES)
# ... or by a place or a role, which may be anyone (楼下有俩人打起来了 says where, not who).
# (那户, 这户: a household, as 那家.)
_PARTY = re.compile(
    _KNOWN_PARTIES + r"|楼上|楼下|那户|那一户|这户"
    r"|人家|商户|店里|超市|顾客|师傅|家长|物业经理|服务员|门卫|保安|外卖|快递员|司机|别人"
    r"|车主|男的|女的"
)
# Conflict words that say it with no party named.
_AMONG_RESIDENTS = r"吵架|纠纷|矛盾|调解|打架|打起来|家暴|欠.{0,4}房租|赡养|闹离婚"
_CONFLICT_AMONG_RESIDENTS = re.compile(_AMONG_RESIDENTS)
_CONFLICT_ALONE = re.compile(_AMONG_RESIDENTS + "|押金")


# The property company and its staff: a quarrel with them over a deposit, a fee or a guard's manners is the company's
# service (property, by the guide), not a conflict between residents to mediate; unless another party is in it too.
_COMPANY = re.compile(
    r"物业(?:公司|经理|的人|人员)?|保安|门卫|门岗|管家|保洁|物管|装修押金|(?:门禁|电梯|出入|停车)卡.{0,4}押金"
)


# A swindler's "deposit" (冒充社区的 说要先交二百押金) is fraud, a matter of security, not a deposit in dispute.
_SWINDLE = re.compile(r"冒充|自称|骗|诈|是真的吗|扫码|打钱|汇款|接了个电话|打电话说|发传单")
# One who passes for someone else: a landlord or neighbour named beside it may be the one impersonated.
_IMPOSTOR = re.compile(r"冒充|自称|假装|说是|骗子|诈骗")
# Another side beside the company that _PARTY lacks: residents two by two, a tenancy (its landlord, 房主 or 房东, is
# in _KNOWN_PARTIES), a shop.
_OTHER_SIDE = re.compile(
    r"(?:两|俩|几)(?:个)?(?:业主|住户|家|户|人|老太太|老头|大爷|大妈)|业主(?:跟|和|与)业主|(?:有个|一个|那个)(?:业主|住户)"
    r"|租的房|租房|房租|退租|出租|店|馆|(?:托管|培训|辅导|兴趣)班|(?:早教|培训|托管)中心|水站|(?:装修|家政|搬家)公司"
)
_MINE = re.compile(r"(?:俺|我)(?:家)?(?:媳妇|老婆|老公|爹|娘|妈|爸|儿子|闺女|女儿|孩子|家老人)")


def is_dispute(text: str) -> bool:
    if _SWINDLE.search(text) and (_KNOWN_PARTY.search(text) is None or _IMPOSTOR.search(text)):
        text = text.replace("押金", " ")
    if _with_the_property_company_only(text):
        return False
    return _CONFLICT_ALONE.search(text) is not None or (
        _CONFLICT.search(text) is not None and _PARTY.search(text) is not None
    )


def _with_the_property_company_only(text: str) -> bool:
    """The company is the other party, and no resident, neighbour, landlord or shop is named beside it."""
    return (
        _COMPANY.search(text) is not None
        and _CONFLICT_AMONG_RESIDENTS.search(text) is None
        and _OTHER_SIDE.search(text) is None
        and _PARTY.search(_MINE.sub(" ", _COMPANY.sub(" ", text))) is None
    )


def names_a_known_party(text: str) -> bool:
    return _KNOWN_PARTY.search(text) is not None


def has_friction(text: str) -> bool:
    """A word of conflict or friction between people, named or not."""
    return _CONFLICT.search(text) is not None or _FRICTION.search(text) is not None


# The foot of a numbered building (3号楼楼下, 5栋楼下, 3号楼下 but not 3号下午), a place, unless people are named
# beside it (3号楼楼下老太太偷我家菜, 3号楼楼下的把空调外机装到我家窗户底下了: the neighbours below). A newcomer's,
# stop 41: 3号楼楼下有人把旧沙发扔在消防通道上 had been kept from the group as a possible dispute; a review's: not
# 我们楼楼下装修 (no number: the neighbours below).
_FOOT_OF_A_BUILDING = re.compile(r"(?:\d+|[一二三四五六七八九十两]+)\s*(?:号楼|号|栋|幢|座)楼?下(?![午来去雨班面水])")
_PEOPLE_NAMED = re.compile(
    r"我家|俺家|咱家|我们家|俺们家|家门|窗户|住户|邻居|大爷|大妈|大姐|大哥|老太太|老太|老头|阿姨|叔叔|小伙|男的|女的|那人|那个人"
    r"|小孩|孩子|娃|谁家|[他她]|楼下的|我说|骂|偷|打"
)


def might_be_dispute(text: str) -> bool:
    """A dispute, or trouble said beside another party or with a sign of friction: kept from the group."""
    if _PEOPLE_NAMED.search(text) is None:
        text = _FOOT_OF_A_BUILDING.sub("门前", text)
    return (
        is_dispute(text)
        or _CONFLICT.search(text) is not None
        or _FRICTION.search(text) is not None
        or _PARTY.search(text) is not None
    )
