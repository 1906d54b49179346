"""The analyzer to its measured standard: accuracy floors, RSVPs, times, segmentation, odd input."""

import json
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.clock import LOCAL_TZ
from bot.nlp.analyzer import Analyzer
from bot.nlp.evaluate import DEMO_COMPOUNDS, DEV_FILE, evaluate
from bot.nlp.segment import cut
from bot.nlp.times import parse_when

ANALYZER = Analyzer(DEMO_COMPOUNDS, ("网格通", "网格小助手"))
DATA = Path(__file__).parent / "data"
MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=LOCAL_TZ)


def test_project_test_set_stays_above_its_floors():
    """Held-out messages the model never trained on (tests/data/messages-test.jsonl)."""
    score = evaluate(DATA / "messages-test.jsonl", ANALYZER)
    right = {field: n / score.total for field, n in score.right.items()}
    assert right["intent"] >= 0.95 and right["category"] >= 0.93, score.report("test")
    assert min(right["building"], right["unit"], right["room"]) >= 0.99, score.report("test")
    assert score.f1() >= 0.9 and score.chatter_as_complaint <= 4, score.report("test")


def test_dev_set_meets_the_issue_targets():
    score = evaluate(DEV_FILE, ANALYZER)
    right = {field: n / score.total for field, n in score.right.items()}
    assert right["intent"] >= 0.97 and right["category"] >= 0.95, score.report("dev")
    assert min(right["building"], right["unit"], right["room"]) >= 0.99, score.report("dev")
    assert score.f1() >= 0.90 and score.chatter_as_complaint <= 1, score.report("dev")


def test_training_data_is_never_what_is_measured_on():
    """The model never sees the shared dev set, the project's test set or the validation split."""
    from bot.nlp.train import TRAIN_FILES, read_labelled

    measured = set()
    for path in (DEV_FILE, DATA / "messages-test.jsonl", DATA / "corpus" / "validation.jsonl"):
        if path.exists():
            measured |= {json.loads(line)["text"] for line in path.read_text().splitlines() if line.strip()}
    assert len(measured) >= 100 and all("validation" not in path.name for path in TRAIN_FILES)
    train = read_labelled(TRAIN_FILES)
    # Short everyday answers (参加, 待定, 收到，谢谢通知) come up in sets written apart; anything longer must not.
    shared = {text for text in measured & {row["text"] for row in train} if len(text) >= 8}
    assert len(train) >= 400 and not shared, shared
    assert {row["category"] for row in train if row["category"]} == set(DEMO_CATEGORIES)


DEMO_CATEGORIES = ("lighting", "elevator", "water", "power_gas", "heating", "sanitation", "parking", "fire_safety",
                   "noise", "property", "facilities", "dispute", "security", "pets", "other")  # fmt: skip


def test_domain_dictionary_fixes_segmentation():
    assert cut("2单元楼道灯坏了") == ["2", "单元", "楼道灯", "坏", "了"]
    assert "飞线充电" in cut("13号楼有人飞线充电") and "消防通道" in cut("消防通道被堵了")


@pytest.mark.parametrize(
    ("text", "intent", "guests"),
    [
        ("参加", "rsvp_yes", 0),
        ("我参加 +2", "rsvp_yes", 2),
        ("报名，带两个人", "rsvp_yes", 2),
        ("3. 5号楼王芳 参加", "rsvp_yes", 0),
        ("参加不了，那天值班", "rsvp_no", 0),
        ("不参加了", "rsvp_no", 0),
        ("来不了，请个假", "rsvp_no", 0),
        ("没空", "rsvp_no", 0),
        ("待定", "rsvp_maybe", 0),
        ("看情况吧，尽量去", "rsvp_maybe", 0),
        ("明晚7点开会，请大家准时参加", "chatter", 0),
        ("报名参加了三回也没人来修路灯", "complaint", 0),
    ],
)
def test_rsvp_answers_negatives_before_positives(text, intent, guests):
    result = ANALYZER.analyze(text)
    assert (result.intent, result.guests) == (intent, guests)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今天下午三点半", "2026-11-23T15:30"),
        ("明天上午9点", "2026-11-24T09:00"),
        ("后天晚上7点", "2026-11-25T19:00"),
        ("本周六上午十点", "2026-11-28T10:00"),
        ("下周三下午2点", "2026-12-02T14:00"),
        ("12月3日19:30", "2026-12-03T19:30"),
        ("12月3号晚上七点半", "2026-12-03T19:30"),
        ("1月5日上午9点", "2027-01-05T09:00"),  # January has passed this year: the coming one
        ("9点在活动室", "2026-11-24T09:00"),  # 9 o'clock has passed today: tomorrow
        ("晚上7点", "2026-11-23T19:00"),
        ("周一晚上8点", "2026-11-23T20:00"),
        ("十点一刻", "2026-11-23T10:15"),  # still to come today
        ("早上8点", "2026-11-24T08:00"),
        ("大家好", None),
        ("3号楼2单元", None),
    ],
)
def test_times_prefer_the_future(text, expected):
    moment = parse_when(text, MONDAY)
    assert (moment.isoformat(timespec="minutes")[:16] if moment else None) == expected
    if moment:
        assert moment.utcoffset().total_seconds() == 8 * 3600


def test_when_is_reported_for_an_rsvp_with_a_time():
    result = ANALYZER.analyze("本周六上午九点我准时到", now=MONDAY)
    assert (result.intent, result.when) == ("rsvp_yes", "2026-11-28T09:00:00+08:00")


@pytest.mark.parametrize(
    "text",
    ["", "   ", "😀😀😀", "[图片]", "[语音]", "hello world", "Elevator broken in building 3", "３号楼ｂｕｉｌｄｉｎｇ",
     "\x00\x07\x1b[31m报事\u202e", "报事" + "很" * 10_000, "🙏" * 5000, "\ud800报事"],
)  # fmt: skip
def test_odd_input_always_gets_a_valid_answer(text):
    result = ANALYZER.analyze(text, now=MONDAY)
    assert result.intent in {"complaint", "chatter", "query", "rsvp_yes", "rsvp_no", "rsvp_maybe"}
    assert (result.category is None) == (result.intent != "complaint")


def test_placeholders_and_emoji_are_chatter():
    for text in ("[图片]", "👍👍👍", "[语音]", ""):
        assert ANALYZER.analyze(text).intent == "chatter"


@given(st.text(max_size=400))
@settings(max_examples=400, deadline=None)
def test_any_unicode_gives_a_valid_answer(text):
    result = ANALYZER.analyze(text, now=MONDAY)
    assert result.intent in {"complaint", "chatter", "query", "rsvp_yes", "rsvp_no", "rsvp_maybe"}
    assert result.building is None or 0 < result.building < 1000
    assert result.unit is None or 0 < result.unit < 100
    assert result.when is None or result.when.endswith("+08:00")
    json.dumps(result.as_dict(), ensure_ascii=False)


@given(st.text(alphabet=st.sampled_from("报事修楼栋单元号0123456789一二三十百两#-室幢灯坏了 "), max_size=60))
@settings(max_examples=300, deadline=None)
def test_place_like_text_never_breaks_the_place_reader(text):
    result = ANALYZER.analyze(text, now=MONDAY)
    assert result.room is None or result.room.isdigit()


def test_the_validation_split_stays_above_its_first_measure_after_the_corpus():
    """tests/data/corpus/validation.jsonl, written apart and never tuned on: floors a little under what it read
    once the corpus was trained on (intent 0.938, urgent recall 0.903, chatter 3.5 in 40), to catch a
    regression. Not the issue's targets, which it does not meet yet (docs/performance.md)."""
    from bot.nlp.evaluate import VALIDATION_FILE

    score = evaluate(VALIDATION_FILE, ANALYZER)
    assert score.right["intent"] / score.total >= 0.92, score.report("validation")
    assert score.recall() >= 0.88, score.report("validation")
    assert 40 * score.chatter_as_complaint / score.chatter <= 4.5, score.report("validation")
