"""Chinese numerals read by bot.numbers.chinese_numeral_value, against cn2an, the library it stands in for at run time
(its import cost the bot 0.2 s of start-up): the same number for every way of writing one, and no number where cn2an
finds none."""

from __future__ import annotations

import itertools

import cn2an
import pytest

from bot.numbers import chinese_numeral_value, parse_spoken_number


def _cn2an(text: str) -> int | None:
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError):
        return None
    return int(value) if value == int(value) else None


def test_every_number_under_ten_thousand_as_cn2an_writes_it():
    for number in range(10_000):
        written = cn2an.an2cn(number)
        for variant in {written, written.replace("二", "两", 1), cn2an.an2cn(number, "up")}:
            assert chinese_numeral_value(variant) == number, variant


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("幺零二", 102),  # digit by digit, as rooms are read aloud
        ("一〇二", 102),
        ("二零二六", 2026),
        ("零五", 5),
        ("两百五", 250),  # the unit below left unsaid
        ("一千二", 1200),
        ("一百一", 110),
        ("一百零五", 105),  # said in full, the zero keeps the digit a digit
        ("十二", 12),
        ("一百十二", 112),  # 十 without its 一 after 百, as some say it (a review's, stop 40)
        ("一千零十", 1010),
        ("伍", 5),
    ],
)
def test_the_ways_people_say_numbers(text, number):
    assert chinese_numeral_value(text) == number == _cn2an(text)


@pytest.mark.parametrize("text", ["", "百", "千", "十十", "三五十", "十零", "一百零", "零五十", "三号", "12"])
def test_no_number_in_what_is_not_one(text):
    assert chinese_numeral_value(text) is None


def test_never_a_number_cn2an_would_not_read_on_every_string_up_to_five_characters():
    """Where cn2an reads nonsense as a number (零百零 as 100) this reads none: nobody writes them."""
    alphabet = "零一幺两二五十百千"
    for length in range(1, 6):
        for letters in itertools.product(alphabet, repeat=length):
            text = "".join(letters)
            value = chinese_numeral_value(text)
            if value is not None:
                assert value == _cn2an(text), text


def test_ticket_numbers_in_chinese_numerals():
    assert parse_spoken_number("十二") == 12
    assert parse_spoken_number("零") is None  # no ticket 0
    assert parse_spoken_number("十二号") is None
