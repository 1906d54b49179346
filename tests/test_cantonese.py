"""Written Cantonese read as Mandarin (bot.nlp.cantonese), and Mandarin left as it is."""

import pytest

from bot.nlp.analyzer import Analyzer
from bot.nlp.cantonese import as_mandarin
from bot.nlp.evaluate import DEMO_COMPOUNDS
from bot.nlp.normalize import normalise

ANALYZER = Analyzer(DEMO_COMPOUNDS, ("网格通", "网格小助手"))


@pytest.mark.parametrize(
    ("cantonese", "mandarin"),
    [
        ("我星期六要返工 嚟唔到", "我星期六要上班 来不了"),
        ("部𨋢又坏咗", "部电梯又坏了"),
        ("我报咗嗰单投诉 有冇人跟进", "我报了那单投诉 有没有人跟进"),
        ("佢系咪唔喺屋企", "他是不是不在家"),
        ("快啲嚟啦 佢晕低咗", "快点来啦 他晕倒了"),
        ("隔篱两公婆又嗌交", "隔壁两口子又吵架"),
        ("楼上好嘈 瞓唔着", "楼上好吵 睡不着"),
        ("水仲喺度涨紧", "水还在涨着"),  # 紧 after a verb: happening now
        ("伯伯食嘢鲠亲 讲唔到嘢", "伯伯吃东西噎住了 说不出话"),
        ("我返乡下 冇得参加", "我回老家 没法参加"),
        ("话会打电话畀我 等咗成日都冇", "说会打电话给我 等了一整天都没"),
        ("十二月十一日开会 唔该", "十二月十一日开会 麻烦"),  # a date stays a date
        ("十二月十三日开会 唔该", "十二月十三日开会 麻烦"),
        ("佢两日冇嚟", "他两天没来"),
        ("唔，我参加 佢都嚟", "嗯，我参加 他都来"),  # 唔 before a pause is a hum
        ("得唔得闲啊", "有没有空啊"),
        ("阿爷饮咗成樽漂白水", "阿爷喝了成樽漂白水"),
        ("喇叭好嘈 佢哋", "喇叭好吵 他们"),
        ("国企退休嘅老张", "国企退休的老张"),
        ("羊咩咩好得意", "羊咩咩好好玩"),
        ("我架单车俾人偷咗", "我架单车被人偷了"),
    ],
)
def test_cantonese_words_are_read_in_mandarin(cantonese, mandarin):
    assert as_mandarin(cantonese) == mandarin


def test_traditional_cantonese_is_read_too():
    assert normalise("係咪停水啊") == "是不是停水啊"  # 係 is 系 after OpenCC, and 系咪 marks Cantonese
    assert normalise("嗰邊好嘈") == "那边好吵"  # OpenCC writes 嗰 as 𠮶
    assert normalise("部𨋢壞咗") == "部电梯坏了"  # and 𨋢 as 䢂


@pytest.mark.parametrize(
    "mandarin",
    [
        "我联系了物业 系统坏了",
        "食堂今天吃什么",
        "这个仲裁怎么弄",
        "浓郁的花香",
        "猫咪好可爱 屋里暖和",
        "商场里嘈杂得很",
        "外墙返工了三次",  # 返工 and 一齐 are Mandarin too
        "大家一齐来看看",
    ],
)
def test_mandarin_with_the_same_characters_is_left_alone(mandarin):
    """系, 食, 仲 and 郁 are Cantonese words only in a Cantonese message: none of these holds a mark of one."""
    assert as_mandarin(mandarin) == mandarin


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("唔好意思 星期六要返工 嚟唔到", "rsvp_no"),  # 唔 had been no negation: a yes
        ("唔得闲啊 下次先", "rsvp_no"),
        ("得闲就嚟", "rsvp_maybe"),
        ("我上个礼拜报咗漏水 点解仲未有人嚟睇", "query"),
        ("十五座部𨋢又坏咗 困咗成日", "complaint"),
    ],
)
def test_cantonese_messages_are_understood(text, intent):
    assert ANALYZER.analyze(text).intent == intent


@pytest.mark.parametrize(
    "text",
    [
        "地库水浸呀 水仲喺度涨紧 已经浸到配电房门口",
        "隔篱屋阿婆食错咗药 而家呕到面青口唇白 企都企唔稳",
        "有个伯伯食嘢鲠亲 讲唔到嘢",
    ],
)
def test_a_danger_in_cantonese_is_urgent(text):
    assert ANALYZER.analyze(text).urgent
