"""Who looks after my building (联系网格员, 我们楼网格员是谁, 你们网格员电话多少): the grid a report from there would go
to, its workers, the building's leader and the grid's head, with the work numbers the roster publishes. A newcomer's
(stop 40): 你们网格员电话多少 got the whole help."""

from __future__ import annotations

import pytest

from tests.factories import inbound

GRID_ONE = (
    "同鑫花园 1-10号楼属于同鑫第一网格：网格员 张网格员（电话 13805310002），网格长 王网格长（电话 13805310001）。"
)
ASK_HERE = "有事也可以直接在这里发“报事 + 问题描述”，会转给他们跟进。"


@pytest.mark.parametrize(
    "asked",
    [
        "网格员是谁啊",
        "你们网格员电话多少",
        "谁有网格员电话",
        "俺们楼网格员是哪个",
        "谁管我们楼？",
        "请问网格员的联系方式",
    ],
)
def test_a_question_in_a_grids_group_is_answered_there_with_its_grid(chat, asked):
    said = chat.send(inbound(asked, chat="g_tx1", user="r_a", name="李阿姨"))
    assert said.to("g_tx1") == [GRID_ONE + "\n" + ASK_HERE]
    assert said.to("dm:r_a") == []


def test_a_building_named_is_answered_with_its_own_grid_and_leader(chat):
    other = chat.send(inbound("11号楼的网格员是谁", chat="g_tx1", user="r_a")).to("g_tx1")
    assert other[0].startswith("同鑫花园 11号楼属于同鑫第二网格：网格员 李网格员（电话 13805310003）")
    led = chat.send(inbound("3号楼楼长是哪位？", chat="g_tx1", user="r_a")).to("g_tx1")
    assert "楼栋长 刘楼长（电话 13805310004）" in led[0] and led[0].startswith("同鑫花园 3号楼属于同鑫第一网格")
    no_leader = chat.send(inbound("5号楼楼长是哪位？", chat="g_tx1", user="r_a")).to("g_tx1")
    assert "刘楼长" not in no_leader[0]


def test_a_compounds_group_hears_every_grid_there(chat):
    [said] = chat.send(inbound("网格员电话多少", chat="g_txall", user="r_a")).to("g_txall")
    assert said.splitlines()[0] == GRID_ONE
    assert said.splitlines()[1].startswith("同鑫花园 11-20号楼属于同鑫第二网格：网格员 李网格员")


def test_people_without_a_published_number_are_named_and_the_way_to_reach_them_said(chat):
    [said] = chat.send(inbound("网格员电话多少", chat="g_hp", user="r_a")).to("g_hp")
    assert said.startswith(
        "荷畔小区 1-8号楼属于荷畔网格：网格员 孙网格员，兼职网格员 钱网格员，网格长 陈网格长（电话 13805310011）。"
    )
    assert said.endswith("没有列出电话的，有事可以直接在这里发“报事 + 问题描述”，会转给他们跟进。")


def test_privately_the_bot_asks_which_building_unless_it_knows(chat):
    [asked] = chat.send(inbound("你们网格员电话多少", chat=None, user="r_a")).to("dm:r_a")
    assert asked.startswith("请告诉我您住哪个小区、几号楼")
    [named] = chat.send(inbound("同鑫花园15号楼的网格员是谁", chat=None, user="r_a")).to("dm:r_a")
    assert named.startswith("同鑫花园 15号楼属于同鑫第二网格")
    chat.send(inbound("报事 荷畔小区5号楼楼道灯坏了", chat="g_hp", user="r_a"))
    [known] = chat.send(inbound("联系网格员", chat=None, user="r_a")).to("dm:r_a")
    assert known.startswith("荷畔小区 5号楼属于荷畔网格：网格员 孙网格员")


@pytest.mark.parametrize(
    "talk",
    [
        "有事找网格员",  # advice among neighbours
        "网格员刚才来电话了",  # news
        "网格员都挺负责的",  # praise
        "楼长说明天停水",
        "我把网格员电话存了",
        "网格员今天来了吗",
    ],
)
def test_talk_about_the_workers_in_a_group_is_not_answered_with_their_numbers(chat, talk):
    said = chat.send(inbound(talk, chat="g_tx1", user="r_a"))
    assert not any("属于" in line for _, line in said.lines)


def test_a_problem_beside_the_question_is_read_as_a_report(chat):
    """3号楼的网格员是谁 楼道灯坏了好几天了: the report tells who has it."""
    said = chat.send(inbound("3号楼的网格员是谁 楼道灯坏了好几天了", chat="g_tx1", user="r_a"))
    assert not any("属于" in line for _, line in said.lines)
    assert any("工单" in line for _, line in said.lines)


def test_the_residents_help_says_how_to_find_the_grid_worker(chat):
    [helped] = chat.send(inbound("帮助", chat=None, user="r_a")).to("dm:r_a")
    assert "联系网格员" in helped
