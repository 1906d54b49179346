"""联系网格员: who looks after a building, in words residents read."""

from __future__ import annotations

import re

# (The Chinese words are read as questions, not as command words: a command is matched at the start of any
# message, and 找网格员也没用 物业根本不管 or 联系网格员 3号楼楼道灯坏了 would have got the card.)
COMMANDS = {"/contacts": "contacts", "/contact": "contacts"}

# Who residents ask for (网格员, 楼长); the community's secretary or the residents' committee are other people
_STAFF = r"(?:社区)?网格员|网格长|网格管理员|楼长|楼栋长|社区工作人员"
_WHICH_GRID = r"(?:哪个|哪一个|什么|啥)网格"
_PHONE = r"电话|手机号?|号码|联系方式|微信|电话号码?"
_WHERE = r"(?:我们|咱们|俺们|咱|俺)?(?:这|那)?(?:个|栋|幢)?(?:楼|小区|片|片区|院|单元)?"  # (哪个网格员管)我们楼
# Ways of asking, each ending where the question does (what follows may only be a particle or a question tail)
_ASKS_A_NUMBER = (
    r"是多少|是好多|是几号|多少号?|好多|几多号?|几号|有吗|有没有|谁有|呢|发(?:我|一下|个)|给(?:我|个|一下)(?:一个)?"
    r"|能发一下吗|能给一下吗|是"
)
_ASKING = (
    rf"(?:{_STAFF})(?:是|叫|姓)?(?:谁|哪位|哪一位|哪个|啥|什么|什么名字|啥名字|贵姓|系边个)",  # 网格员是谁, 楼长是哪位
    rf"(?:谁|哪位|哪个人?)是(?:我们|咱们|俺们|咱|俺|这边|这里)?(?:的|楼的|这栋的)?(?:{_STAFF})",  # 谁是网格员
    rf"(?:哪个|哪位)(?:{_STAFF})(?:管|负责){_WHERE}",  # 哪个网格员管我们楼, 我们楼是哪个网格员负责
    rf"(?:{_STAFF})(?:的)?(?:办公室|办公的地方)?(?:在|搁)(?:哪|哪儿|哪里|什么地方)(?:办公|上班)?",  # 网格员搁哪呢
    rf"(?:怎么|咋|如何|去哪|上哪|到哪|哪里能|在哪)(?:联系|找)(?:到)?(?:一下|下)?(?:我们|咱们|俺们|这边)?(?:的)?(?:{_STAFF})",
    rf"(?:{_STAFF})(?:的)?(?:{_PHONE})(?:{_ASKS_A_NUMBER})",  # 网格员电话多少, 网格员电话谁有
    rf"(?:{_STAFF})(?:怎么|咋|如何)(?:联系|找)",  # 网格员怎么联系
    rf"(?:谁有|谁知道|有没有|求|给我|发我|我要|要一下|要个|给个|麻烦告诉我|告诉我)(?:一下|个)?(?:我们|咱们|这边)?(?:的)?"
    rf"(?:{_STAFF})(?:的)?(?:{_PHONE})(?:\s*发我一下)?",
    rf"(?:{_STAFF})(?:给个|发一下|发个)(?:{_PHONE})",
    rf"(?:属于|归|是|在)(?:{_WHICH_GRID})(?:管|的)?",  # 我们属于哪个网格, 我们归哪个网格管, 我们是哪个网格的
    r"(?:谁管|谁负责)(?:我们|咱们|俺们|咱|俺)?(?:这|那)?(?:个|栋|幢)?(?:楼|小区|片|片区|院|单元)",  # 谁管我们楼
    r"(?:楼|小区|片|片区|块儿?|院|单元)(?:归|是|由)?(?:谁管|谁负责)",  # 这片谁管, 咱这块儿谁管, 我们楼归谁管
)
# After the question: particles, a question mark, a question tail (有人知道吗, 请问), nothing else
_PUNCTUATION = r"[\s,，。.!！?？~～…\U0001F300-\U0001FAFF\u2600-\u27BF]*(?:\[[^\[\]]{1,4}\][\s]*)*"  # (🙏, [抱拳])
_PARTICLE = (
    r"(?:啊|呀|呢|吗|嘛|哈|哇|呐|哦|啦|来|来着|一下|有人知道吗|谁知道|知道吗|谢谢(?:了|啦|大家)?|麻烦了|亲们|各位|大家"
    r"|急|有急事|挺急的)"
)
_TAIL = _PUNCTUATION + "(?:" + _PARTICLE + _PUNCTUATION + ")*$"
_ASKED = re.compile("(?:" + "|".join(_ASKING) + ")" + _TAIL)
# 联系网格员, 找一下楼长: a question only as the whole message (有事找网格员 is advice among neighbours, 联系网格员了
# 说明天来修 news)
_ALONE = re.compile(
    r"^\s*(?:请|我要|我想|想)?(?:联系|找)(?:一下|下)?(?:我们|咱们|俺们)?(?:的)?(?:网格员|网格长|楼长)" + _TAIL
    + rf"|^\s*(?:请问)?(?:我们|咱们|俺们)?(?:的)?(?:{_STAFF})(?:的)?(?:{_PHONE})" + _TAIL
)  # fmt: skip
# Said of oneself or in passing before the words (我知道网格员是谁, 我刚打了网格员电话, 不管谁是网格员): no question
_STATEMENT = re.compile(
    r"(?:我|俺|咱)(?:们)?(?:刚|刚刚|刚才|已经|早上|昨天|都)?(?:知道|晓得|加了|存了|打了|打过|问过|找过|见过)|不管|无论|管他"
    r"|(?:我|俺|咱)(?:这里|这儿|手机里|手上)?有(?:网格员|网格长|楼长|楼栋长)?的?(?:电话|微信|号码|联系方式)|存了|存好了|已经加了"
)
# Words of someone chasing a report (网格员在哪呢 咋还没人来): theirs to press (handlers.tickets), not a question of who
CHASING = re.compile(r"还没|咋还|怎么还|为啥还|为什么还|人呢|还不来|没人来|没人管|没来|等了|多久|催|到底")


# Looser: someone who looks after a building named (typos too: 网格园, 网个员), or a grid asked about, with a word of
# asking who or how to reach anywhere beside it, and said as a question or a request (想去当面说点事 may follow). The
# forms above had taken 11 of 60 questions a blind writer wrote (stop 41; written for it, not tuned on line by line).
_ANYONE = re.compile(
    r"网格员|网格园|网个员|网格长|网格管理员|楼长|楼栋长|社区工作人员|负责人|管(?:我们|咱们|俺们|咱|俺)?(?:这|那)?(?:栋|楼|片)的人"
    r"|(?:第几|哪个|哪一个|几个|同一个)网格|网格.{0,2}(?:分|划)|划在.{0,3}网格"
    r"|(?:楼|片|小区|院|单元)的?(?:是|归|由)?谁(?:负责|管)"
)
_ASKS_WHO_OR_HOW = re.compile(
    r"谁(?!家)|哪位|哪个|哪一位|叫啥|叫什么|姓什么|贵姓|称呼|怎么联系|咋联系|如何联系|联系方式|怎么找|咋找|咋个找|找谁|电话|手机|号码|微信|vx"
    r"|名片|座机|办公|在哪|哪里|住哪|值班|换人|推一下|推个|拉我|加一下|加个|第几|几个网格|同一个网格|属于|划在|归哪|信息",
    re.IGNORECASE,
)
_ASKING_MOOD = re.compile(
    r"[?？吗呢嘛么不]$|[?？吗呢嘛]|谁(?!家)|哪|怎么|咋|如何|多少(?![次遍回天])|好多|几多|求|请问|想问|问一下|问下|问问|打听|想知道"
    r"|想找|想加|想要"
    r"|要一下|能不能|可以|麻烦|帮我|拉我|推一下|推个|发我|给我|告诉我|查一下|有没有|有人有|发一个|给一个"
)


# What every form above names: someone who looks after a building, a grid, or who is in charge
_MENTIONS = re.compile(r"网格|网个|楼长|楼栋长|工作人员|负责|谁管|管.{0,4}的人")


def question_in(text: str) -> re.Match | None:
    """The question of who looks after a building: in the forms above, ending the message (楼长是谁家的亲戚啊,
    网格员电话多少次都打不通 are talk: something follows the words that would ask), or looser (someone who looks after
    it, a word of asking who or how, as a question or a request); never said of oneself (我知道网格员是谁)."""
    if _MENTIONS.search(text) is None:
        return None  # (most messages: asked of every one that reaches the route, before the long patterns)
    asked = _ALONE.match(text) or _ASKED.search(text)
    if asked is None and _ASKS_WHO_OR_HOW.search(text) and _ASKING_MOOD.search(text):
        asked = _ANYONE.search(text)
    if asked is None or (_STATEMENT.search(text) and not re.search(r"[?？吗]", text)):
        return None
    return asked


ROLE_WORDS = {"full_time": "网格员", "part_time": "兼职网格员", "building_leader": "楼栋长", "grid_head": "网格长"}


def person(roles: tuple[str, ...], name: str, phone: str | None, buildings: str = "") -> str:
    """网格员 张网格员（电话 13805310002）, 1-3号楼楼栋长 刘楼长, 网格员、网格长 陈网格长."""
    title = "、".join((buildings if role == "building_leader" else "") + ROLE_WORDS[role] for role in roles)
    return f"{title} {name}" + (f"（电话 {phone}）" if phone else "")


def serving(place: str, grid: str, people: list[str]) -> str:
    return f"{place}属于{grid}：" + "，".join(people) + "。"


def answer(lines: list[str], phones_missing: bool, asked_for_a_number: bool) -> str:
    said = "\n".join(lines)
    if asked_for_a_number and phones_missing:
        return said + "\n没有列出电话的，有事可以直接在这里发“报事 + 问题描述”，会转给他们跟进。"
    return said + "\n有事也可以直接在这里发“报事 + 问题描述”，会转给他们跟进。"


ASKS_FOR_A_NUMBER = re.compile(_PHONE)
WHICH_BUILDING = (
    "请告诉我您住哪个小区、几号楼（例如：同鑫花园3号楼），我来告诉您负责的网格员是谁。\n"
    "有事也可以直接发“报事 + 问题描述”，会自动转给负责的网格员。"
)
WHICH_COMPOUND = "请问是哪个小区的{building}号楼？（例如：{example}{building}号楼）"
NO_SUCH_BUILDING = "{compound}没有{building}号楼，请核对楼号。"
IN_NO_GRID = "{compound} {building}号楼暂时没有划入网格。有事可以直接发“报事 + 问题描述”，社区会安排人跟进。"
NO_LEADER = "{place}暂时没有登记楼栋长。"
NEVER_MIND = "好的。需要时随时问我“联系网格员”。"
UNKNOWN_COMPOUND = "这个群所在的社区没有{building}号楼，请核对楼号。"
NOBODY_LISTED = "这里暂时没有登记负责的网格员。有事可以直接发“报事 + 问题描述”，社区会安排人跟进。"
