"""Written Shanghainese (Wu) read as Mandarin (bot.nlp.wu), and Mandarin left as it is."""

import pytest

from bot.nlp.analyzer import Analyzer
from bot.nlp.evaluate import DEMO_COMPOUNDS
from bot.nlp.normalize import normalise
from bot.nlp.wu import as_mandarin

ANALYZER = Analyzer(DEMO_COMPOUNDS, ("网格通", "网格小助手"))


@pytest.mark.parametrize(
    ("wu", "mandarin"),
    [
        ("阿拉屋里厢停水了 啥辰光来修", "我们家里停水了 什么时候来修"),
        ("侬晓得伐 电梯又坏脱了", "你知道吗 电梯又坏掉了"),
        ("我勿来了 屋里有事体", "我不来了 屋里有事情"),
        ("覅去了 到辰光再讲", "不要去了 到时候再讲"),
        ("阿拉上趟报额漏水哪能还没人来", "我们上次报的漏水怎么还没人来"),
        ("阿拉觉着伐对头 是伐是真额", "我们觉着不对头 是不是真的"),
        ("今朝热煞了 侬拨物业讲讲", "今天热死了 你给物业讲讲"),
        ("伊拉两家又吵相骂了", "他们两家又吵架了"),
    ],
)
def test_wu_words_are_read_in_mandarin(wu, mandarin):
    assert as_mandarin(wu) == mandarin


@pytest.mark.parametrize(
    "mandarin",
    [
        "请勿吸烟",  # a notice's 勿
        "中介勿扰 业主直售",
        "阿拉伯的新闻",
        "伊拉克和伊朗",
        "明朝的故事",
        "候选人简介在哪能看到",  # 哪 + 能: where can one
        "俺闺女接俺去济南住几天 赶不上趟了",
        "步伐要快",
        "拨打110",
    ],
)
def test_mandarin_with_the_same_characters_is_left_alone(mandarin):
    assert as_mandarin(mandarin) == mandarin


def test_wu_of_is_not_the_shaanxi_i():
    assert normalise("阿拉一定到额") == "我们一定到的"
    assert normalise("额家暖气不热") == "我家暖气不热"  # Shaanxi, as before


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("阿拉勿来了 屋里小囡生毛病", "rsvp_no"),
        ("覅算我了 到辰光有事体", "rsvp_no"),
        ("我上趟报额楼道灯哪能还没人来修", "query"),
        ("阿拉楼下垃圾桶老是满出来 味道老重额 侬拨物业讲讲", "complaint"),
    ],
)
def test_wu_messages_are_understood(text, intent):
    assert ANALYZER.analyze(text).intent == intent
