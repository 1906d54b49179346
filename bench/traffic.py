"""What the load generator sends: resident chatter mixed 9:1 with complaints that open tickets.

Everything is deterministic from a seed, so two runs send the same kind of traffic.  Complaints
use an explicit trigger word (报事/报修/投诉) and a building number that exists in the group's grid.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# The four grid groups of examples/roster-demo.yaml and the buildings each one covers.
GROUP_BUILDINGS: dict[str, range] = {
    "g_tx1": range(1, 11),  # 同鑫花园 1-10
    "g_tx2": range(11, 21),  # 同鑫花园 11-20
    "g_ys": range(1, 13),  # 银山苑 1-12
    "g_hp": range(1, 9),  # 荷畔小区 1-8
}
GROUPS = tuple(GROUP_BUILDINGS)

CHATTER = (
    "今天天气不错",
    "晚上一起跳广场舞吗",
    "谢谢张网格员",
    "收到",
    "哈哈哈",
    "明天几点开会",
    "早上好，大家吃了吗",
    "楼下新开的超市东西挺便宜",
    "谁家的猫跑出来了，黄色的",
    "周末带孩子去公园的可以一起",
    "好的，知道了",
    "👍",
    "下午社区有免费量血压，大家去看看",
    "我家有多的快递箱子，谁要",
    "今天菜市场的西红柿三块一斤",
    "辛苦了",
    "老年大学报名开始了吗",
    "明天降温，大家注意加衣服",
    "有没有人拼车去火车站",
    "刚才那个通知我没看清，再发一下",
    "小区门口的桂花开了，真香",
    "收到，谢谢",
    "晚上七点在活动室下象棋",
    "谁知道附近哪里修自行车",
    "群里新来的邻居欢迎一下",
    "好嘞",
    "孩子的疫苗本丢了怎么补办",
    "今天的垃圾分类宣传讲得挺好",
)

# "{b}" is a building number that fits the group, "{u}" a unit (单元) number.
COMPLAINTS = (
    "报事 {b}号楼{u}单元楼道灯坏了",
    "报修 {b}栋电梯不动了",
    "投诉 {b}号楼门口垃圾好几天没人清运",
    "报修 {b}号楼{u}单元水管漏水，楼下都湿了",
    "投诉 {b}号楼楼下每天晚上烧烤太吵了",
    "报事 {b}号楼消防通道被电动车堵住了",
    "投诉 {b}号楼旁边车乱停，挡住出口",
    "报修 {b}号楼{u}单元门禁坏了，门关不上",
    "报事 {b}号楼外墙瓷砖掉下来了，很危险",
    "报修 {b}栋{u}单元楼顶漏雨",
    "投诉 {b}号楼有人在楼道里堆杂物",
    "报事 {b}号楼{u}单元下水道堵了，有味道",
)

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ("秀英", "桂兰", "建国", "淑珍", "志强", "丽", "伟", "芳", "军", "敏", "磊", "静", "海燕", "国庆")
COMPLAINT_EVERY = 10  # 9 chatter : 1 complaint


@dataclass(frozen=True)
class Resident:
    user: str
    name: str
    chat: str


@dataclass(frozen=True)
class Message:
    body: dict
    is_complaint: bool


def residents(count: int, rng: random.Random, groups: tuple[str, ...] = GROUPS) -> list[Resident]:
    """`count` residents (r_bench0001…), spread over the groups."""
    people = []
    for i in range(1, count + 1):
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        people.append(Resident(user=f"r_bench{i:04d}", name=name, chat=groups[i % len(groups)]))
    return people


def complaint_text(chat: str, rng: random.Random) -> str:
    template = rng.choice(COMPLAINTS)
    return template.format(b=rng.choice(GROUP_BUILDINGS[chat]), u=rng.randint(1, 4))


class Traffic:
    """An endless, deterministic stream of web chat messages with unique ids."""

    def __init__(
        self, tag: str, seed: int = 20261122, resident_count: int = 400, groups: tuple[str, ...] = GROUPS
    ) -> None:
        self._rng = random.Random(seed)
        self._people = residents(resident_count, self._rng, groups)
        self._tag = tag
        self._seq = 0

    def next(self) -> Message:
        self._seq += 1
        person = self._rng.choice(self._people)
        is_complaint = self._seq % COMPLAINT_EVERY == 0
        text = complaint_text(person.chat, self._rng) if is_complaint else self._rng.choice(CHATTER)
        body = {
            "chat": person.chat,
            "user": person.user,
            "name": person.name,
            "text": text,
            "id": f"{self._tag}-{self._seq:07d}",
        }
        return Message(body=body, is_complaint=is_complaint)

    @property
    def seq(self) -> int:
        return self._seq


# The demo roster's groups that have a Telegram id, and that id.
TELEGRAM_GROUPS = {"g_tx1": -1001000000001, "g_tx2": -1001000000002}


def telegram_update(message: Message, update_id: int) -> dict:
    """The same message as Telegram would post it to the webhook: a text message in a supergroup."""
    body = message.body
    user_id = 7_000_000 + int(body["user"].removeprefix("r_bench"))
    chat_id = TELEGRAM_GROUPS[body["chat"]]
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1795000000,
            "chat": {"id": chat_id, "type": "supergroup", "title": body["chat"]},
            "from": {"id": user_id, "is_bot": False, "first_name": body["name"]},
            "text": body["text"],
        },
    }
