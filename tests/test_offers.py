"""The one-tap offer in a group says what the bot understood, and questions about schedules and fees get none
(issue 12 §2)."""

import pytest

from tests.factories import inbound

GROUP = "g_tx1"


def say(chat, text, user="r_a"):
    return chat.send(inbound(text, chat=GROUP, user=user, name="阿"))


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        ("7号楼电梯一直有异响", "看起来您反映的是 7号楼 电梯问题，需要登记为工单、由网格员跟进吗？"),
        ("三号楼二单元楼道灯老是一闪一闪的", "看起来您反映的是 3号楼2单元 照明问题"),
        ("小区门口的垃圾桶满了好几天没人清", "看起来您反映的是环境卫生问题"),  # no place, no stray space
    ],
)
def test_the_offer_names_the_place_and_the_problem_understood(chat, text, offer):
    said = say(chat, text)
    assert said.to(GROUP) and said.to(GROUP)[0].startswith(offer), said.lines
    assert said.buttons, "one tap to register it"


def test_an_offer_for_what_may_be_a_dispute_names_nothing(chat):
    said = say(chat, "楼上邻居天天往我家阳台倒水，说了还骂人")
    assert said.to(GROUP) == [] or "矛盾" not in said.to(GROUP)[0]


@pytest.mark.parametrize(
    "text",
    ["明天几点停水？", "物业费什么时候交？", "燃气费在哪交", "请问停车费多少钱一个月", "下周几号停电啊",
     "电梯什么时候检修完", "这个月水费在哪里交啊",
     "天然气费怎么在网上交", "水费网上能交吗"],  # (a newcomer's, stop 38: the first had got an offer)
)  # fmt: skip
def test_a_question_about_a_schedule_or_a_fee_gets_no_offer(chat, text):
    assert say(chat, text).lines == []


@pytest.mark.parametrize(
    "text",
    [
        "都三天没水了什么时候来水",
        "暖气一直不热什么时候来人修",
        "3号楼电梯又坏了啥时候修",
        "我在网上交了物业费 物业说没收到",  # paid, not asked how (a second review's, stop 38)
    ],
)
def test_a_question_that_describes_a_problem_now_still_gets_one(chat, text):
    assert say(chat, text).to(GROUP)


def test_a_workers_word_about_a_problem_in_the_group_gets_no_offer(chat):
    """Staff in a group mostly answer about problems; the offer (需要登记为工单吗？) is for residents."""
    for text in ["3号楼电梯有异响 已经报给维保了 这两天先走楼梯", "7号楼电梯一直有异响"]:
        assert say(chat, text, user="w_zhang").lines == []
        assert say(chat, text, user="r_a").buttons  # a resident's, the same words: offered


def test_a_worker_in_another_compounds_group_writes_there_as_a_resident(chat):
    """孙网格员 works in 荷畔, not in 同鑫's group: there she is a resident, offered as one; 同鑫's own grid head and
    the community's admin are not."""
    assert say(chat, "7号楼电梯一直有异响", user="w_sun").buttons
    for staff in ("w_wang", "c_sun", "s_zhao"):
        assert say(chat, "7号楼电梯一直有异响", user=staff).lines == [], staff


def test_a_worker_still_registers_with_a_trigger_and_a_danger_from_anyone_is_registered(chat):
    said = say(chat, "报事 7号楼电梯一直有异响", user="w_zhang")
    assert any("#1" in line for line in said.to(GROUP)), said.lines
    urgent = say(chat, "3号楼一单元楼道里着火了 浓烟很大", user="w_zhang")
    assert any("#2" in line for line in urgent.to(GROUP)), urgent.lines
