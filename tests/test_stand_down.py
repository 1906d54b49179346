"""A reporter saying what they reported is over (a false alarm, a problem gone by itself): whoever has the ticket and
the grid head hear their words and close it; the reporter never closes it by words alone. Found in stop 40: 是我家炖肉
糊了 没事了 after a gas alarm went unheard in the group while the ladder went on paging the grid head, and 撤销 or
不用来了 privately got the whole help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import Session, select

from handlers.tickets.over import how_it_is_over
from storage.models import Ticket
from tests.factories import inbound

GROUP = "g_tx1"
GAS = "5号楼2单元有煤气味 快来人"


def only_ticket(engine) -> Ticket:
    with Session(engine) as session:
        [ticket] = session.exec(select(Ticket))
        return ticket


def test_a_false_alarm_in_the_group_reaches_the_staff_and_the_ticket_stays_for_them_to_close(chat, engine):
    chat.send(inbound(GAS, chat=GROUP, user="r_gas", name="钱大爷"))
    chat.clock.advance(minutes=6)
    said = chat.send(inbound("不好意思大家 是我家炖肉糊了 没事了", chat=GROUP, user="r_gas", name="钱大爷"))
    assert said.to(GROUP) == ["已将最新情况转告工单 #1 的处理人员。"], "nobody named, no details"
    assert said.to("dm:r_gas") == ["已把您的话转告工单 #1 的处理人员，核实后会办结。如果情况又出现，请马上再说。"]
    for staff in ("dm:w_zhang", "dm:w_wang"):
        [told] = said.to(staff)
        assert told.startswith(
            "ℹ️ 紧急工单 #1（供电燃气，同鑫花园 5号楼2单元）的反映人说：不好意思大家 是我家炖肉糊了 没事了"
        )
        assert "核实安全后再回复“办结 1 经核实无需处理”" in told
    assert only_ticket(engine).status == "open", "the staff check before it is crossed off"
    view = chat.send(inbound("工单 1", chat=None, user="w_zhang")).to("dm:w_zhang")[0]
    assert "说已无事：不好意思大家 是我家炖肉糊了 没事了" in view
    closed = chat.send(inbound("办结 1 经核实无需处理", chat=None, user="w_zhang"))
    assert any("已办结" in text for _, text in closed.lines)


def test_said_twice_the_staff_hear_it_once(chat):
    chat.send(inbound(GAS, chat=GROUP, user="r_gas"))
    chat.send(inbound("不用来了", chat=GROUP, user="r_gas"))
    again = chat.send(inbound("不用来了", chat=None, user="r_gas"))
    assert again.to("dm:r_gas") == ["刚刚已把您的话转告工单 #1 的处理人员。"]
    assert not again.to("dm:w_zhang") and not again.to("dm:w_wang")


@pytest.mark.parametrize("words", ["撤销", "工单取消吧 已经好了", "灯自己好了 不用修了", "工单 1 不用来了"])
def test_privately_in_any_words_of_it(chat, words):
    chat.send(inbound("报事 5号楼2单元楼道灯坏了", chat=GROUP, user="r_a"))
    chat.clock.advance(days=2)
    said = chat.send(inbound(words, chat=None, user="r_a"))
    assert said.to("dm:r_a")[0].startswith("已把您的话转告工单 #1")
    [told] = said.to("dm:w_zhang")
    assert told.startswith("ℹ️ 工单 #1（照明") and "请核实，确认无需处理的回复“办结 1 经核实无需处理”" in told


def test_a_neighbour_who_joined_is_told_apart_from_its_reporter(chat):
    chat.send(inbound("5号楼2单元楼道里一股煤气味", chat=GROUP, user="r_first"))
    chat.send(inbound("5号楼2单元煤气味好大 谁家漏气了", chat=GROUP, user="r_second", name="钱大爷"))
    said = chat.send(inbound("找到了 是302家煤气灶没关 已经关了 没事了", chat=GROUP, user="r_second", name="钱大爷"))
    [told] = said.to("dm:w_zhang")
    assert "的反映人说：（另一位反映的居民钱大爷）找到了" in told


@pytest.mark.parametrize(
    ("words", "why"),
    [
        ("修好了吗", "a question"),
        ("还没好 一直漏", "still wrong"),
        ("没事了 又冒黑烟了 着火了", "a danger reported in the same words"),
        ("接单 1", "a command"),
    ],
)
def test_what_is_no_stand_down(chat, engine, words, why):
    chat.send(inbound("报事 5号楼2单元楼道灯坏了", chat=GROUP, user="r_a"))
    said = chat.send(inbound(words, chat=GROUP, user="r_a"))
    assert not any(text.startswith("ℹ️ 工单 #1") for _, text in said.lines), why


def test_in_a_group_only_soon_after_and_only_where_it_was_reported(chat):
    """没事了 in a group hours later, or in another group, is talk about something else."""
    chat.send(inbound("报事 5号楼2单元楼道灯坏了", chat=GROUP, user="r_a"))
    chat.clock.advance(hours=3)
    assert not chat.send(inbound("没事了 谢谢大家", chat=GROUP, user="r_a")).to("dm:w_zhang")
    chat.send(inbound("报事 6号楼门口路灯坏了", chat=None, user="r_b"))
    chat.send(inbound("同鑫花园", chat=None, user="r_b"))
    assert not chat.send(inbound("没事了", chat=GROUP, user="r_b")).to("dm:w_zhang"), "reported privately"


def test_nothing_for_a_ticket_already_done_nor_from_someone_with_no_report(chat):
    chat.send(inbound("报事 5号楼2单元楼道灯坏了", chat=GROUP, user="r_a"))
    chat.send(inbound("接单 1", chat=None, user="w_zhang"))
    chat.send(inbound("办结 1 换了灯泡", chat=None, user="w_zhang"))
    assert not chat.send(inbound("已经好了 不用来了", chat=None, user="r_a")).to("dm:w_zhang")
    said = chat.send(inbound("没事了", chat=GROUP, user="r_nobody"))
    assert not said.lines


@pytest.mark.parametrize(
    "text",
    [
        "虚惊一场",
        "是我看错了 没事了",
        "水已经来了 不用修了",
        "刚才来电了",
        "误报 抱歉",
        "把报修取消了吧",
        "没事儿了哈",
        "莫得事了 不用来了",
        "恢复了 谢谢",
    ],
)
def test_words_that_it_is_over(text):
    assert how_it_is_over(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "来水了 水压很小",
        "修好了吗",
        "是不是没事了",
        "还没修好",
        "没解决",
        "又漏了",
        "没事",
        "不是没事了 还在冒烟",
        "灯坏了",
        "咋还没人来",
    ],
)
def test_words_that_are_not(text):
    assert how_it_is_over(text) is None


@pytest.mark.parametrize(
    "words",
    [
        "楼道灯已经好了 但是电梯也坏了",
        "不用来了 我自己修好了 就是墙还渗水",
        "灯已经好了 可是楼下垃圾堆了好几天没人收",
        "现在好了 就是噪音还很大 晚上睡不着",
        "不是误报 楼道灯确实坏了",
        "我报错了地址 是6号楼不是5号楼",
        # a second review's (stop 40): denials
        "物业说修好了 其实根本没修",
        "说是修好了 结果一点没变",
        "修好了才怪",
        "灯亮了一会儿就灭了",
        "没事了吧",
        "算了 物业根本不管",
        # a third review's (stop 40): another matter named, a place taken back, a weak supply
        "灯已经好了 门口垃圾堆了一个礼拜没人管",
        "没事了 5号楼门口井盖没了",
        "灯已经修好了 楼道里的电动车天天充电",
        "我报错了 是隔壁楼",
    ],
)
def test_a_second_matter_or_a_denial_is_read_as_any_message_is(chat, words):
    """A review's (stop 40): each went to ticket #1's staff as 说已无事, and the new problem was lost."""
    chat.send(inbound("报事 5号楼2单元楼道灯坏了", chat=GROUP, user="r_a"))
    said = chat.send(inbound(words, chat=None, user="r_a"))
    assert not any(text.startswith("ℹ️ 工单 #1") for _, text in said.lines)


def test_a_lasting_danger_is_no_stand_down(chat, engine):
    chat.send(inbound(GAS, chat=GROUP, user="r_gas"))
    said = chat.send(inbound("不用来了 味道更大了 我头晕", chat=GROUP, user="r_gas"))
    assert not any("说已无事" in text or "的反映人说：" in text for _, text in said.lines)


@pytest.mark.parametrize("talk", ["孩子找到了 没事了 谢谢大家", "快递已经到了 不用来了", "我家网已经好了"])
def test_talk_in_the_group_soon_after_a_report_is_talk(chat, talk):
    """A review's (stop 40): in a group, only words of a mistake or of the report's problem stand it down."""
    chat.send(inbound("报事 5号楼2单元楼道灯坏了", chat=GROUP, user="r_a"))
    assert not chat.send(inbound(talk, chat=GROUP, user="r_a")).to("dm:w_zhang")


def test_the_report_of_the_kind_named_or_by_number_not_always_the_newest(chat):
    chat.send(inbound("报事 5号楼2单元楼道灯坏了", chat=GROUP, user="r_a"))
    chat.send(inbound("报事 5号楼2单元下水道堵了", chat=GROUP, user="r_a"))
    said = chat.send(inbound("楼道灯已经好了 不用来了", chat=None, user="r_a"))
    assert said.to("dm:r_a")[0].startswith("已把您的话转告工单 #1")
    said = chat.send(inbound("工单 1 不用来了", chat=None, user="r_a"))
    assert said.to("dm:r_a")[0].startswith("已把您的话转告工单 #1")  # (other words: news, passed on)


def test_words_said_again_soon_are_on_the_timeline_though_the_staff_hear_once(chat):
    chat.send(inbound(GAS, chat=GROUP, user="r_gas"))
    chat.send(inbound("没事了 虚惊一场", chat=GROUP, user="r_gas"))
    chat.send(inbound("不用来了 是我家灶台没关好 已经关了", chat=None, user="r_gas"))
    view = chat.send(inbound("工单 1", chat=None, user="w_zhang")).to("dm:w_zhang")[0]
    assert "说已无事：没事了 虚惊一场" in view and "说已无事：不用来了 是我家灶台没关好 已经关了" in view


@pytest.mark.parametrize(
    ("words", "chat_id"),
    [("水来了", None), ("楼道灯已经亮了", None), ("灯亮了", GROUP), ("孩子找到了", None), ("电来了", GROUP)],
)
def test_a_fix_of_another_kind_never_stands_an_alarm_down(chat, words, chat_id):
    """A second review's (stop 40): 水来了 stood a gas alarm down, and its 15-minute reminder lost its urgency."""
    chat.send(inbound(GAS, chat=GROUP, user="r_gas"))
    said = chat.send(inbound(words, chat=chat_id, user="r_gas"))
    assert not any("的反映人说：" in text for _, text in said.lines)


def test_someone_safe_again_stands_down_the_alarm_for_them(chat):
    chat.send(inbound("3号楼电梯困人了 快来人", chat=GROUP, user="r_a"))
    said = chat.send(inbound("谢谢大家 人已经出来了", chat=GROUP, user="r_a"))
    assert any(text.startswith("ℹ️ 紧急工单 #1") for text in said.to("dm:w_zhang"))


async def test_the_reminder_of_an_alarm_called_off_says_so(chat, engine, clock):
    """A newcomer's (stop 40): the community's secretary was paged about three alarms their reporters had called off."""
    from scheduler.jobs import remind_of_urgent
    from storage.models import WebchatMessage

    chat.send(inbound(GAS, chat=GROUP, user="r_gas"))
    chat.send(inbound("虚惊一场 是我家炖肉糊了", chat=GROUP, user="r_gas"))
    clock.advance(minutes=16)
    assert await remind_of_urgent(chat.services) == 1
    with Session(engine) as session:
        lines = session.exec(select(WebchatMessage.chat, WebchatMessage.text)).all()
    [reminder] = {text for chat_id, text in lines if "仍无人接单" in text and chat_id == "dm:c_sun"}
    assert "仍无人接单；反映人说：虚惊一场 是我家炖肉糊了" in reminder and "办结 1 经核实无需处理" in reminder


@pytest.mark.parametrize(
    ("name", "heard_at_least", "look_alikes_at_most"),
    [
        # written blind (stop 42), then read line by line to widen the reader: 32 of 60 heard and 1 look-alike before
        # (55 after; 火花 is more, for the sparks a reporter tells again, and loses 插座冒火花那个 … 试了没问题了)
        ("dev.jsonl", 55, 0),
        # written blind before that by another writer, and only counted, never read: 23 of 60 heard and 4 look-alikes
        # taken at its first count (stop 41's reader), 30 and 5 after the widening on the dev file
        ("validation.jsonl", 30, 5),
    ],
)
def test_stand_downs_in_words_nobody_here_wrote(name, heard_at_least, look_alikes_at_most):
    """tests/data/stand-down/*.jsonl: 60 reporters saying what they reported is over and 60 look-alikes (still wrong,
    worse, asked, fixed and broken again, someone else's, sarcasm, found but hurt). A floor, not a target: a missed
    stand-down leaves the ticket with its staff, who find it over; a look-alike taken passes the words on, and the
    staff still close it themselves."""
    path = Path(__file__).parent / "data" / "stand-down" / name
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    heard = {True: 0, False: 0}
    for row in rows:
        heard[row["over"]] += how_it_is_over(row["text"]) is not None
    assert heard[True] >= heard_at_least and heard[False] <= look_alikes_at_most, heard


@pytest.mark.parametrize(
    "text",
    ["不用过去了 人已经没了", "找到了 人在医院抢救", "门开了 人没气了", "他接电话了 说腿断了", "没着火 是电线在冒火星"],
)
def test_worse_news_of_a_person_or_sparks_is_never_a_stand_down(text):
    """A review's (stop 42): the widened words heard these as safe, and the staff were told to close the ticket."""
    assert how_it_is_over(text) is None
