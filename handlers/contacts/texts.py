"""联系网格员: who looks after a building, in words residents read."""

from __future__ import annotations

import re

COMMANDS = {"联系网格员": "contacts", "找网格员": "contacts", "/contacts": "contacts", "/contact": "contacts"}

# Who residents ask for, in the words they use (网格员, 楼长, 社区的人, 居委会)
_STAFF = r"网格员|网格长|网格管理员|楼长|楼栋长|社区(?:干部|工作人员|的人|书记|主任)|居委会?(?:的人)?"
# …asked who, or how to reach (是谁, 归谁管, 怎么联系, 在哪办公)
_WHO = (
    r"是谁|是哪位|是哪个|哪位|谁负责|谁管|归谁|叫啥|叫什么|怎么联系|咋联系|如何联系|怎么找|咋找|去哪找|上哪找|到哪找"
    r"|在哪(?:儿|里)?(?:办公|上班)?|联系方式"
)
# …or for a number, which a question must ask for (网格员来电话了 is news)
_NUMBER = r"电话|手机|号码|联系方式|微信"
_ASKING = r"多少|是多少|几号|有没有|有吗|谁有|给(?:我|一下|个)|发(?:我|一下|个)|告诉|求|[?？吗]"
ASKS = re.compile(
    rf"(?:{_STAFF}).{{0,8}}?(?:{_WHO})"  # 我们楼网格员是谁, 网格员怎么联系
    rf"|(?:怎么|咋|如何|去哪|上哪|到哪|哪里|想|要|请问|能不能|可以)(?:联系|找)(?:一下|下)?(?:我们|咱们|俺们|这边|这里)?"
    rf"(?:的)?(?:{_STAFF})"  # 怎么联系网格员, 想找一下我们的网格员
    rf"|(?:{_STAFF}).{{0,8}}?(?:{_NUMBER}).{{0,6}}?(?:{_ASKING})"  # 你们网格员电话多少
    rf"|(?:谁有|谁知道|求|给我|发我|要一下|要个)(?:一下|个)?(?:我们|咱们|这边)?(?:的)?(?:{_STAFF})(?:的)?(?:{_NUMBER})"
    r"|谁管(?:我们|咱们|俺们|咱|俺)?(?:这|那)?(?:个|栋|幢|片)?(?:楼|小区|片|院|单元)"  # 谁管我们楼
    r"|(?:楼|小区|片区?|院)(?:归|是)谁管"
)
# A group hears the answer only to a question (有事找网格员 is advice to neighbours, not asked of the bot)
QUESTION = re.compile(r"[?？吗呢]|谁|多少|怎么|咋|如何|哪|啥|什么|几号|有没有|求|请问|发我|给我|告诉我")
ASKS_FOR_A_NUMBER = re.compile(_NUMBER)

ROLE_WORDS = {"full_time": "网格员", "part_time": "兼职网格员", "building_leader": "楼栋长", "grid_head": "网格长"}


def person(role: str, name: str, phone: str | None) -> str:
    return f"{ROLE_WORDS[role]} {name}" + (f"（电话 {phone}）" if phone else "")


def serving(place: str, grid: str, people: list[str]) -> str:
    return f"{place}属于{grid}：" + "，".join(people) + "。"


def answer(lines: list[str], phones_missing: bool, asked_for_a_number: bool) -> str:
    said = "\n".join(lines)
    if asked_for_a_number and phones_missing:
        said += "\n没有列出电话的，有事可以直接在这里发“报事 + 问题描述”，会转给他们跟进。"
    else:
        said += "\n有事也可以直接在这里发“报事 + 问题描述”，会转给他们跟进。"
    return said


WHICH_BUILDING = (
    "请告诉我您住哪个小区、几号楼，我告诉您负责的网格员，例如：同鑫花园3号楼的网格员是谁？\n"
    "有事也可以直接发“报事 + 问题描述”，会自动转给负责的网格员。"
)
NOBODY_LISTED = "{place}暂时没有登记负责的网格员。有事可以直接发“报事 + 问题描述”，社区会安排人跟进。"
