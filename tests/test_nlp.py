"""The analyzer to its measured standard: accuracy floors, RSVPs, times, segmentation, odd input."""

import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.clock import LOCAL_TZ
from bot.nlp import rsvp
from bot.nlp.analyzer import Analyzer
from bot.nlp.evaluate import DEMO_COMPOUNDS, DEV_FILE, evaluate
from bot.nlp.normalize import normalise
from bot.nlp.places import find_place
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
    # Urgent F1 0.905 until stop 22, 0.884 since stop 23: at the urgency threshold the training files left out in
    # turn chose (analyzer.URGENT_MODEL_THRESHOLD), three calm complaints here read urgent (楼道养猫 味特别大). On
    # the twelve validation splits the same change raised F1 on most (docs/performance.md, stop 23).
    assert score.f1() >= 0.88 and score.chatter_as_complaint <= 4, score.report("test")


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
    for path in (DEV_FILE, DATA / "messages-test.jsonl", *(DATA / "corpus").glob("validation*.jsonl"),
                 DATA / "rsvp-heldout.jsonl", DATA / "rsvp-validation.jsonl"):  # fmt: skip
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
        ("周五晚上12点", "2026-11-28T00:00"),  # the midnight that ends Friday, not Friday noon
        ("今晚十二点以后", "2026-11-24T00:00"),
        ("中午12点", "2026-11-23T12:00"),
        ("凌晨12点", "2026-11-24T00:00"),  # midnight has passed today: the coming one
        ("今晚零点", "2026-11-24T00:00"),
        ("周五晚上0点", "2026-11-28T00:00"),
        ("半夜12点", "2026-11-24T00:00"),
        ("深夜11点", "2026-11-23T23:00"),
        ("半夜两点", "2026-11-24T02:00"),
        ("今晚12点半", "2026-11-24T00:30"),
        ("大家晚上好 明天12点在活动室开会", "2026-11-24T12:00"),  # 晚上好 is a greeting: noon
        ("各位晚上好！本周六12点议事厅", "2026-11-28T12:00"),
        ("大家好", None),
        ("3号楼2单元", None),
    ],
)
def test_times_prefer_the_future(text, expected):
    moment = parse_when(text, MONDAY)
    assert (moment.isoformat(timespec="minutes")[:16] if moment else None) == expected
    if moment:
        assert moment.utcoffset().total_seconds() == 8 * 3600


def test_a_closed_report_asked_about_is_a_query_not_someone_shut_in():
    result = ANALYZER.analyze("我的投诉怎么被关了")
    assert (result.intent, result.urgent) == ("query", False)


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


# The eighteenth split missed one of its sixteen dangers at its first measure (stop 29): its floor says so rather
# than the target's 0.95, which it does not meet.
RECALL_FLOOR = {
    "validation-18.jsonl": 0.93,
    "validation-20.jsonl": 0.93,
    "validation-21.jsonl": 0.82,
    "validation-31.jsonl": 0.93,
}


@pytest.mark.parametrize(
    ("name", "intent", "f1", "chatter_in_40"),
    [
        ("validation.jsonl", 0.95, 0.88, 2.3),
        ("validation-2.jsonl", 0.935, 0.92, 2.0),
        ("validation-3.jsonl", 0.94, 0.86, 1.3),
        ("validation-4.jsonl", 0.95, 0.86, 1.0),
        ("validation-5.jsonl", 0.96, 0.90, 1.3),
        ("validation-6.jsonl", 0.95, 0.90, 1.3),
        ("validation-7.jsonl", 0.94, 0.90, 1.5),
        ("validation-8.jsonl", 0.945, 0.90, 1.0),
        ("validation-9.jsonl", 0.93, 0.85, 1.5),
        ("validation-10.jsonl", 0.94, 0.87, 2.5),
        ("validation-11.jsonl", 0.93, 0.87, 1.5),
        ("validation-12.jsonl", 0.935, 0.83, 1.5),
        ("validation-13.jsonl", 0.935, 0.88, 2.0),
        ("validation-14.jsonl", 0.92, 0.88, 2.0),
        ("validation-15.jsonl", 0.92, 0.88, 1.5),
        ("validation-16.jsonl", 0.93, 0.80, 2.0),
        ("validation-17.jsonl", 0.93, 0.88, 2.5),
        ("validation-18.jsonl", 0.90, 0.88, 2.0),
        ("validation-19.jsonl", 0.945, 0.85, 1.5),
        ("validation-20.jsonl", 0.93, 0.85, 2.5),
        # measured first at 0.790 (F1 0.667); 0.866 (F1 0.833) since written Cantonese is read as Mandarin
        ("validation-21.jsonl", 0.86, 0.82, 1.0),
        ("validation-22.jsonl", 0.90, 0.90, 2.0),
        # its first measure (stop 33, on stop 32's code): 0.904, F1 0.848, chatter 3.5 in 40
        ("validation-23.jsonl", 0.90, 0.84, 3.5),
        # its first measure (stop 34, on stop 33's code): 0.950, F1 0.909, chatter 1.2 in 40
        ("validation-24.jsonl", 0.945, 0.90, 1.5),
        # its first measure (stop 35, on stop 34's code): 0.950, F1 0.909, chatter 0.4 in 40
        ("validation-25.jsonl", 0.945, 0.90, 1.0),
        # its first measure (stop 36, on stop 35's code): 0.950, F1 0.706 (ten false alarms), chatter 1.2 in 40
        ("validation-26.jsonl", 0.945, 0.70, 1.5),
        # its first measure (stop 37, on stop 36's code): 0.918, F1 0.897, chatter 0.8 in 40
        ("validation-27.jsonl", 0.91, 0.85, 1.0),
        # its first measure (stop 38, on stop 37's code): 0.955, F1 0.857, chatter 1.1 in 40
        ("validation-28.jsonl", 0.95, 0.85, 1.2),
        # its first measure (stop 39, on stop 38's code): 0.933, F1 0.816, recall 0.952, chatter 1.9 in 40
        ("validation-29.jsonl", 0.93, 0.80, 2.0),
        # its first measure (stop 40, on stop 39's code): 0.967, F1 0.947, recall 1.000, chatter 0.7 in 40
        ("validation-30.jsonl", 0.96, 0.90, 1.0),
        # its first measure (stop 41, on stop 40's code): 0.944, F1 0.811, recall 0.938, chatter 0.5 in 40
        ("validation-31.jsonl", 0.94, 0.80, 1.0),
        # its first measure (stop 42, on stop 41's code): 0.943, F1 0.894, recall 0.955, chatter 2.5 in 40
        ("validation-32.jsonl", 0.94, 0.85, 2.6),
    ],
)
def test_the_validation_splits_stay_above_their_last_measure(name, intent, f1, chatter_in_40):
    """tests/data/corpus/validation*.jsonl, written apart and never tuned on: floors a little under what they read
    at the end of stop 16 (intent 0.963, 0.945 and 0.948, urgent recall 1.0 on all three, urgent F1 0.899, 0.958
    and 0.886, chatter 1.6, 1.5 and 0.8 in 40) and, for the fourth and the fifth, at their first measures in stop 17
    (0.955, 1.0, 0.886, 0.3) and stop 18 (0.970, 1.0, 0.952, 1.0), the sixth at its first in stop 20 (0.957,
    1.0, 0.914, 0.8) and the seventh at its first, on stop 20's final model (0.947, 1.0, 0.941, 1.0), to catch a
    regression. Not all the issue's targets, which they do not all meet yet (docs/performance.md)."""
    score = evaluate(DATA / "corpus" / name, ANALYZER)
    assert score.right["intent"] / score.total >= intent, score.report(name)
    assert score.recall() >= RECALL_FLOOR.get(name, 0.95) and score.f1() >= f1, score.report(name)
    assert min(score.right[f] for f in ("building", "unit", "room")) / score.total >= 0.985, score.report(name)
    assert 40 * score.chatter_as_complaint / score.chatter <= chatter_in_40, score.report(name)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("八号楼三单元四零二卫生间往下滴水", (8, 3, "402")),  # a room said digit by digit
        ("幺幺号楼二单元幺零三门口有一摊油", (11, 2, "103")),  # 幺 for 一, as numbers are read aloud
        ("伍号楼东头的路灯不亮", (5, None, None)),  # the financial numeral
        ("一三零一家里暖气不热", (None, None, "1301")),  # a spoken room alone is still a room
        ("隔壁702一股怪味", (None, None, "702")),  # digits said to be a home
        ("2-3单元门口的垃圾没人收", (2, 3, None)),  # building-unit
        ("7-1的电梯又停了", (7, 1, None)),
        ("四号楼着火了快打119", (4, None, None)),  # a telephone number is no room
        ("门口有车挡着120进不来", (None, None, None)),
        ("五号楼跟六号楼中间的井盖没了", (None, None, None)),  # two buildings: neither is the place
        ("三号到九号楼都停电了", (None, None, None)),
        ("咱这一栋楼都没暖气", (None, None, None)),  # "this building", not building 1
        ("咱这四号楼又没水了", (4, None, None)),
        ("一九九零年盖的楼墙皮老掉", (None, None, None)),  # a year is no room
        ("三三两两的人在楼下吵", (None, None, None)),
        ("六零一两口子吵得厉害", (None, None, "601")),  # 两 is a couple, not a digit
        ("5号楼2-301卫生间往下渗水", (5, 2, "301")),  # unit and room after the building
        ("3栋2门楼道里堆满了纸箱", (3, 2, None)),  # 门 for a unit, as the north says it
        ("3栋2门口停了辆车", (3, None, None)),  # but 门口 is a doorway
        # found by review: times, ages, years, counts, prices, routes and telephone numbers are no places
        ("楼下每天早上6-7的时候广场舞太吵", (None, None, None)),
        ("楼下总有60-70的老人在跳广场舞", (None, None, None)),
        ("5号楼 3-15的快递丢了", (5, None, None)),
        ("水管工说周一到5号楼来修，到现在也没来", (5, None, None)),
        ("谁来收拾单元门口的垃圾", (None, None, None)),
        ("我二零一八搬来的，三号楼暖气一直不热", (3, None, None)),
        ("二零二零那会儿就开始漏水了", (None, None, None)),
        ("八零九零后都不爱跳广场舞", (None, None, None)),
        ("三零八路公交站的灯坏了", (None, None, None)),
        ("3号楼着火了快打幺幺九", (3, None, None)),
        ("我电话是幺三九，零零幺二，三四五六", (None, None, None)),
        ("我家2019年装的空调外机掉了", (None, None, None)),
        ("我家2000块钱的电动车被偷了", (None, None, None)),
        ("整个小区800户都停水了", (None, None, None)),
        ("楼下110警车来了", (None, None, None)),
        ("同一栋楼的邻居太吵", (None, None, None)),
        ("小区有两座楼没暖气", (None, None, None)),
        ("同一单元的都没水", (None, None, None)),
    ],
)
def test_places_as_residents_say_them(text, place):
    found = find_place(normalise(text))
    assert (found.building, found.unit, found.room) == place


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("电梯里有人遛狗不拴绳，狗往人身上扑", "pets"),
        ("电梯轿厢里谁扔了一袋装修垃圾，臭烘烘的没人清", "sanitation"),
        ("有人把电动车推进电梯里带上楼充电", "fire_safety"),
        ("电梯卡在七楼不动了，按哪个键都没反应", "elevator"),
        ("暖气管子在地下车库漏了，地上一片水", "heating"),
        ("物业费又涨了，楼道卫生还是没人打扫", "property"),
        # a question about a personal service is a request (PRODUCT.md: other), worded apart from the training files
        ("俺爹的养老金卡丢了 上哪补去", "other"),
        ("孩子落户口需要啥材料啊", "other"),
        ("开个无房证明得找谁", "other"),
        ("低保咋申请 家里就俺一个人", "other"),
        ("老年证在社区能办不？", "other"),
    ],
)
def test_the_category_is_the_problem_not_the_place(text, category):
    """No word decides a category before the model is asked: a dog in the lift is pets (issue 12). And a question
    about a personal service is a complaint of category other, even where the model hears talk."""
    result = ANALYZER.analyze(text)
    assert (result.intent, result.category) == ("complaint", category)


@pytest.mark.parametrize(
    "text",
    [
        "今天消防演练，楼下冒的烟是演练放的，大家别慌",
        "看新闻说外地有个小区电动车充电着火了，大家充电可得注意",
    ],
)
def test_words_of_a_danger_in_a_drill_or_news_are_no_report(text):
    """(Advice that names a danger, 闻到煤气味先别开灯, is still read as a report: letting the intent model overrule
    the danger reader took back real warnings too, 大家注意，着火了. A false alarm costs a worker a look.)"""
    assert ANALYZER.analyze(text).intent == "chatter"


@pytest.mark.parametrize(
    "text",
    ["9号楼电梯困人了！快来人！", "老人在楼道里晕倒了", "楼下有人拿刀砍人", "家里水管爆了 水漫到客厅了"],
)
def test_without_a_model_the_rules_still_read_danger(text):
    """Rules alone (no model.npz): a danger the rules read is never doubted by a model that is not there."""
    assert Analyzer(DEMO_COMPOUNDS, models=False).analyze(text).urgent


@pytest.mark.parametrize(
    "text",
    [
        "俺家厨房一股煤气味，恁快来看看",
        "楼道里冒黑烟了 好呛",
        "电梯停在半截了 里面关着个老太太",
        "大家注意，着火了",
        "谢谢 快来人",
        "谢谢大家，电梯里有人被困",
        "电梯今天又困人了，物业呢",
        "楼道灯不亮，老人摔伤了",
        # stop 16's review: gas, wiring on fire or sparks told lightly; a car somewhere before 出不来; 有…的 of a voice
        "哈哈 俺家电线着火了",
        "插座着火了 哈哈 吓我一跳",
        "俺妈说闻到煤气味了",
        "早上起来闻到煤气味了 吓我一跳",
        "救护车来了 可是俺爹在厕所出不来 快",
        "我开车回来 楼道门坏了 俺妈在楼道出不去 急死了",
        "地下室里有人的喊声",
        "屋里有老人的哭声 门锁着 敲门没人应",
        # stop 17's review, when gas, sparks and poison could be doubted as talk
        "早上闻到煤气味 吓一跳",
        "插座短路了",
        "燃气报警器响了 吓我一跳",
        "我奶奶把安眠药当降压药吃了",
        "我家老人吃错药了 咋办",
        # stop 20: a burst pipe's scalding water and an open manhole are never doubted, as softer water and hole
        # words are (the shared dev set's burst read 0.18 urgent; 井盖不见了 0.02)
        "11号楼供暖管道漏水了，楼道里全是热水汽",
        "暖气片爆了",
        "井盖不见了 晚上黑",
        "下水井开着 没盖",
        # stop 20's review: a doubted break-in leaves the cry for help; dangers in fresh words the urgency model gives
        # 0.15 to 0.35, which a doubt of 0.4 had lost; steam beside a pipe
        "门锁被撬了 求救",
        "有陌生人拧门把手 救命",
        "路中间陷下去一个坑 骑电动车的摔了",
        "我家跑水了 楼下邻居家也淹了",
        "刚才有个陌生人一直在拧我家门把手",
        "暖气管子破了 一直往外冒热气",
        "楼道里白茫茫的全是热气 暖气管漏了 烫得很",
        "井盖被水冲跑了 路上水淹到膝盖 看不见井口在哪",
        # stop 24's review, when the models could take a strong danger back: asked of neighbours, wrapped in a
        # greeting, a cry for help with no danger named; and dangers that had read as talk before any model was asked
        "请问燃气公司电话多少 家里漏气了",
        "是不是燃气漏了 我鼻子不太灵 你们闻闻",
        "有人晕了 谁会心肺复苏",
        "单元门口有个老太太晕过去了 谁懂急救",  # stop 25: someone collapsed is a strong sign, whatever the models
        "跳广场舞的有人晕了",
        "大家晚上好 快报警",
        "快看 对面楼着了",
        "谁家在烧东西啊 烟好大",
        "刚才好像听到有人喊救命",
        "有个小朋友走丢了 在哭",
        "不想活了 煤气已经开了",
        "电动车电池炸了 火很大",
        "大家有没有闻到燃气味",
        "是不是着火了 你们看看",
    ],
)
def test_a_danger_reported_stays_urgent(text):
    """Also beside talk or a grumble, found by review: no model's doubt takes back people trapped, hurt, a fire, gas
    or sparks."""
    result = ANALYZER.analyze(text)
    assert (result.intent, result.urgent) == ("complaint", True)


@pytest.mark.parametrize(
    "text",
    [
        "俺家门锁被撬了",  # the break-in is over: a calm report (the model 0.10, under break-in's doubt of 0.4)
        "楼顶水箱溢水 顺着外墙往下流 墙都长青苔了",  # water running down a wall for days, no flood
        "小区主路上有个大坑 下雨积水看不见 骑车摔了好几个",
    ],
)
def test_softer_danger_words_the_urgency_model_doubts_are_calm_reports(text):
    """Flood, hole and break-in words read broadly: a report of none when the urgency model gives it under 0.1."""
    result = ANALYZER.analyze(text)
    assert (result.intent, result.urgent, result.hazard) == ("complaint", False, None)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # stop 20's review: the words of a burst or an open manhole in talk, or in a calm complaint
        ("蒸汽拖把谁家有 借用一下", "chatter"),
        ("天太冷了 说话都冒白气", "chatter"),
        ("锅炉房的蒸汽管检修 明天停暖一天", "chatter"),
        ("物业把路上的井盖翻新了 谢谢物业", "chatter"),
        ("井盖翻过来那面写着字 挺有意思", "chatter"),
        ("暖气片里全是热水 就是不热 怎么回事", "complaint"),
        ("井盖附近下陷了一点 有点积水", "complaint"),
        # stop 24: talk that names a stronger danger, both models sure of it (PLAIN_TALK)…
        ("出一个九成新的燃气报警器 带包装 三十块自提", "chatter"),
        ("油锅起火了千万别泼水 直接盖锅盖", "chatter"),
        # …and a calm report in its words, the urgency model all but sure (STRONG_HAZARD_DOUBT)
        ("楼道烟感一直滴滴叫 估计是电池没电了 谁来换一下", "complaint"),
        ("电梯里有人牵着大狗 也不拴绳", "complaint"),
        ("楼上天天拿棍子捅天花板 嫌俺家孩子跑", "complaint"),
    ],
)
def test_burst_and_manhole_words_in_talk_or_a_calm_report_raise_no_alarm(text, intent):
    result = ANALYZER.analyze(text)
    assert (result.intent, result.urgent) == (intent, False)


def test_a_burst_and_an_open_manhole_are_never_doubted_and_the_rules_alone_decide_the_rest():
    from bot.nlp.analyzer import SOFT_HAZARD_DOUBT, SOFT_HAZARDS

    assert SOFT_HAZARD_DOUBT["burst"] == SOFT_HAZARD_DOUBT["manhole"] == 0
    assert not SOFT_HAZARDS & {"gas", "fire", "electric", "trapped", "collapse", "violence", "alarm"}


@pytest.mark.parametrize(
    "text",
    [
        "有人冒充医保局打电话让转账 大家别信",
        "谢谢社区帮俺娘把高龄补贴办下来了",
        "谁丢了个老年卡 姓王的 在物业放着",
        # found by review: news asked of neighbours
        "今年养老金涨了吗",
        "以旧换新补贴你们领了吗",
        "事实证明还是国产的好 对吧？",
        "残疾证的事儿办好了吗 老李",
    ],
)
def test_talk_that_names_a_personal_service_is_talk(text):
    """Each would have been a one-tap offer to register a ticket, in the group."""
    assert ANALYZER.analyze(text).intent == "chatter"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # talk whose problem, if any, no category fits, and which the intent model half takes for a complaint
        ("这周上班上得人都麻了 跟台坏掉的复印机一样", "chatter"),
        ("小区里能不能养鸡啊 有规定没", "chatter"),
        ("隔壁单元的健身器材刷了新漆 好看多了", "chatter"),
        ("今天又堵车了 迟到扣了五十块", "chatter"),
        # a problem two categories share is still placed (water or heating): a report
        ("我去！！又没热水了？", "complaint"),
        ("热水器打不着火 又没热水了", "complaint"),
        ("楼下那排自行车棚的顶让风掀了一块", "complaint"),
        ("东门的闸机坏了进不去", "complaint"),
    ],
)
def test_a_complaint_the_models_can_neither_be_sure_of_nor_place_is_talk(text, intent):
    """UNPLACED_COMPLAINT and UNPLACED_CATEGORY (stop 33, on the training files left out in turn: chatter taken for a
    complaint 619 -> 556 of 11 894, complaints lost 368 -> 384 of 12 472, no danger lost)."""
    assert ANALYZER.analyze(text).intent == intent


def test_what_the_urgency_model_hears_danger_in_is_never_taken_for_talk_so(monkeypatch):
    """The guard on UNPLACED_*: with every complaint unplaced, a reading the urgency model gives danger (at
    UNPLACED_URGENCY or over) stays a report, and an urgent one."""
    from bot.nlp import analyzer as module

    monkeypatch.setattr(module, "UNPLACED_CATEGORY", 1.01)  # no category places anything
    monkeypatch.setattr(module, "UNPLACED_COMPLAINT", 1.01)
    text = "楼下那排自行车棚的顶让风掀了一块"
    monkeypatch.setattr(module.Analyzer, "_urgency", lambda self, text, tokens=None: 0.0)
    assert ANALYZER.analyze(text).intent == "chatter"
    monkeypatch.setattr(module.Analyzer, "_urgency", lambda self, text, tokens=None: module.UNPLACED_URGENCY)
    reading = ANALYZER.analyze(text)
    assert (reading.intent, reading.urgent) == ("complaint", True)


def test_crosscheck_groups_leave_every_file_out_once():
    from bot.nlp.crosscheck import groups_of, main

    paths = [Path(f"train-{name}.jsonl") for name in "edcba"]
    assert groups_of(paths) == [[Path(f"train-{name}.jsonl")] for name in "abcde"]
    assert groups_of(paths, 2) == [[Path(f"train-{n}.jsonl") for n in "ace"], [Path(f"train-{n}.jsonl") for n in "bd"]]
    with pytest.raises(SystemExit):
        main(["--data", *map(str, paths), "--groups", "6"])  # more groups than files: refused before any training


def test_crosscheck_trains_on_extra_files_in_every_turn_and_never_reads_them(monkeypatch):
    """--extra: whether a new file helps the model read the other authors' files (wiring only: no training)."""
    import bot.nlp.crosscheck as cc
    from bot.nlp.evaluate import Score

    trained, read = [], []
    monkeypatch.setattr(cc, "train", lambda paths: trained.append(list(paths)) or {})
    monkeypatch.setattr(cc.Models, "from_export", staticmethod(lambda export: None))
    monkeypatch.setattr(cc, "Analyzer", lambda *args, **kwargs: None)
    monkeypatch.setattr(cc, "evaluate", lambda path, analyzer, on_reading=None: read.append(path) or Score())
    paths = [Path(f"train-{name}.jsonl") for name in "abc"]
    new = Path("train-new.jsonl")
    cc.left_out(paths, verbose=False, extra=(new,))
    assert len(trained) == 3 and all(new in turn and len(turn) == 3 for turn in trained)
    assert sorted(read) == paths
    with pytest.raises(SystemExit):
        cc.main(["--data", *map(str, paths), "--extra", "validation-9.jsonl"])  # never trained on


def test_crosscheck_keeps_each_turns_model_and_reads_it_back_while_data_features_and_fitting_are_the_same(
    monkeypatch, tmp_path
):
    """--keep: the second run trains nothing; a changed training file trains its turns again, and a change to how the
    models are fitted every turn. --lines: every line."""
    import bot.nlp.crosscheck as cc

    trained = []
    monkeypatch.setattr(cc, "train", lambda paths: trained.append(list(paths)) or {"turn": len(trained)})
    monkeypatch.setattr(cc.Models, "from_export", staticmethod(lambda export: None))  # (the shipped model reads)
    paths = []
    for name in "abc":
        path = tmp_path / f"train-{name}.jsonl"
        path.write_text(json.dumps({"text": f"{name}号楼漏水", "intent": "complaint", "category": "water",
                                    "urgent": False}, ensure_ascii=False) + "\n", encoding="utf-8")  # fmt: skip
        paths.append(path)
    keep, out = tmp_path / "turns", io.StringIO()
    cc.left_out(paths, verbose=False, keep=keep, lines=out)
    assert len(trained) == 3 and len(list(keep.iterdir())) == 3
    assert [json.loads(line)["file"] for line in out.getvalue().splitlines()] == [p.name for p in paths]
    cc.left_out(paths, verbose=False, keep=keep)
    assert len(trained) == 3  # every turn read back
    paths[0].write_text(paths[0].read_text(encoding="utf-8") * 2, encoding="utf-8")
    cc.left_out(paths, verbose=False, keep=keep)
    assert len(trained) == 5  # the two turns that train on the changed file
    monkeypatch.setattr(cc, "_training_code", lambda: "another-fit")  # bot/nlp/train.py changed: every turn again
    cc.left_out(paths, verbose=False, keep=keep)
    assert len(trained) == 8


@pytest.mark.parametrize(
    "text",
    [
        # stop 22, from the training files left out in turn
        "俺家那口子的退休金认证 在手机上咋弄",
        "SBK咋激活",
        "俺娘的乘车卡丢了咋补",
        # stop 25: more of the community's services (16 of the training files' requests read right, one talk lost)
        "俺想给俺娘申请长护险 要啥条件",
        "公租房摇号在哪报",
        "孩子出生证明丢了咋补",
        "家庭医生咋签约",
        "租房备案找谁",
    ],
)
def test_a_question_about_a_personal_service_is_a_request_of_category_other(text):
    result = ANALYZER.analyze(text)
    assert (result.intent, result.category) == ("complaint", "other")


@pytest.mark.parametrize(
    "text",
    [
        # the review of those words: advice, news asked of neighbours, a question answered in the same message
        "补贴的事找社区就行",
        "sbk咋激活 我闺女帮我弄好了",
        "有人问乘车卡在哪办 就在社区服务中心",
        "今年退休金咋还没发 大家的都到了吗",
        "开证明的事找社区就行",
        "出生证明办好了 谢谢社区",
        # stop 25's review: sayings, a birth rate, an adoption, a filing done
        "养老院的饭菜在哪吃都一样",
        "现在年轻人都不想生育了 咋整",
        "救助站的狗狗谁想领养 去哪看",
        "俺家装修备案了 物业的通知贴在哪了",
    ],
)
def test_talk_about_a_personal_service_answered_or_asked_of_neighbours_is_talk(text):
    assert ANALYZER.analyze(text).intent == "chatter"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("七号楼门口俩醉汉打起来了 一个脑袋开瓢了", "security"),  # strangers fighting: violence, not a quarrel
        ("超市门口有个男的拿着刀跟人打架 快来人", "security"),
        ("两家为抢车位打起来了 一个拿着扳手", "dispute"),  # neighbours over a parking space: the model says so
        ("对门为了堆杂物跟我吵架 谁来给评评理", "dispute"),  # no violence: the conflict words decide, as before
    ],
)
def test_a_fight_now_is_read_by_who_fights_and_why_and_never_told_to_the_group(text, category):
    result = ANALYZER.analyze(text, now=MONDAY)
    assert (result.intent, result.category, result.private) == ("complaint", category, True)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("物业扣着俺家的装修押金 说还得再等验收 都一年了", "property"),  # the company's deposit is its service
        ("办门禁卡交了一百押金 现在卡坏了押金也不给退", "property"),
        ("门卫张口就骂人 问个路都不耐烦", "property"),  # a guard's manners
        ("有人冒充网格员打电话 说交两百押金就能领米面油", "security"),  # a swindler's deposit is fraud
        ("房东扣着押金不退 说我弄坏了热水器", "dispute"),  # a landlord's is a dispute, as before
        ("物业说管不了 楼上那家天天半夜拖椅子 两家为这事吵了好几回", "dispute"),  # residents in conflict
        # the review's: residents quarrelling beside a guard, a tenancy or a shop beside the company, a landlord
        # who swindles, and the speaker's own family as the one wronged
        ("俩业主在门口骂起来了 保安拉都拉不开", "dispute"),
        ("房主扣着押金不给 物业说不归他们管", "dispute"),
        ("小区门口的洗车店押金不退 物业也不管", "dispute"),
        ("二房东骗了俺三千押金", "dispute"),
        ("保安骂俺媳妇 就因为她没带门禁卡", "property"),
    ],
)
def test_a_quarrel_with_the_property_company_or_a_swindlers_deposit_is_no_dispute_but_stays_private(text, category):
    """Stop 26, from the training files left out in turn: 押金 and a conflict beside 保安 or 物业 had made 20 of their
    property and security reports disputes, to be mediated between residents; the group still hears none of them."""
    result = ANALYZER.analyze(text, now=MONDAY)
    assert (result.intent, result.category, result.private) == ("complaint", category, True)


@pytest.mark.parametrize(
    ("text", "private"),
    [
        ("押金没退 中介那边几个人拿钢管来了 现在就在楼下", True),  # a deposit: a dispute's words, read as security
        ("楼上那家男的又在打老婆 孩子哭得厉害", True),
        ("俺儿子喝醉了在家砸东西 还要打俺", True),
        ("前夫喝多了在楼下喊 说不开门就把门砸了", True),
        ("楼道里两个人互相推着吵 一个老头差点被推下楼梯", True),  # hands on a person without 打架's words
        ("超市门口两拨年轻人打群架 见血了", False),  # strangers: the group is warned, as before
        ("北门外面好几个人围着一个打 保安不敢上前", False),
        ("有个醉汉在广场上见人就推 刚才把一个老太太推倒了", False),
    ],
)
def test_violence_is_urgent_and_a_fight_between_people_who_know_each_other_stays_private(text, private):
    """A reviewer's cases (stop 23): who fights whom among neighbours and families is for a mediator."""
    result = ANALYZER.analyze(text, now=MONDAY)
    assert (result.intent, result.urgent, result.hazard, result.private) == ("complaint", True, "violence", private)


@pytest.mark.parametrize(
    "text",
    ["大家注意 三号楼着火了", "厨房有股煤气味 不敢开灯", "我家老人吃错药了", "插座短路了", "早上闻到煤气味 吓一跳"],
)
def test_a_danger_told_plainly_is_never_taken_back(text):
    result = ANALYZER.analyze(text)
    assert (result.intent, result.urgent) == ("complaint", True)


def test_a_danger_in_a_place_of_ours_is_a_report_however_sure_the_models_are_of_talk(monkeypatch):
    import bot.nlp.analyzer as analyzer

    # Every danger the models read as talk, however unsure: only the place and the kind still keep a report.
    monkeypatch.setattr(analyzer, "PLAIN_TALK", 0.0)
    monkeypatch.setattr(analyzer, "PLAIN_TALK_URGENCY", 1.01)
    talk = ANALYZER.analyze("大家注意 着火了")
    assert (talk.intent, talk.urgent) == ("chatter", False)
    assert ANALYZER.analyze("大家注意 三号楼着火了").urgent
    assert ANALYZER.analyze("大家注意 3-2-301着火了").urgent
    assert ANALYZER.analyze("我家老人吃错药了").urgent  # never a poisoning
    assert ANALYZER.analyze("我不想活了 活着没意思").urgent  # nor a threat of self-harm


@pytest.mark.parametrize("text", ["梦见楼里着火了 吓醒了", "昨晚梦到电梯掉下去了 醒了一身汗"])
def test_talk_told_as_play_a_video_or_a_dream_is_no_danger_however_sure_the_urgency_model_is(text):
    result = ANALYZER.analyze(text)
    assert (result.intent, result.urgent) == ("chatter", False)


@pytest.mark.parametrize(
    "text, read",
    [
        ("额家厨房水管冻裂了 水往外喷", "我家厨房水管冻裂了 水往外喷"),
        ("那天额去不了 给额请个假", "那天我去不了 给我请个假"),
        ("活动还有名额吗 余额不够了", "活动还有名额吗 余额不够了"),
        ("这几天忙得焦头烂额", "这几天忙得焦头烂额"),
        ("额头磕了个包 额度也用完了", "额头磕了个包 额度也用完了"),
        ("阿拉明朝一定到额", "阿拉明朝一定到额"),  # Shanghai speech: 额 is 的
        ("我额妈妈讲伊额屋里漏水", "我额妈妈讲伊额屋里漏水"),  # so too without 阿拉
        ("房贷等额本息还是等额本金", "房贷等额本息还是等额本金"),
        ("周六额去 下午额在家", "周六我去 下午我在家"),
        ("明天开会算上额", "明天开会算上我"),  # 额 ending the message too
    ],
)
def test_shaanxi_i_is_read_as_i_and_no_other_e(text, read):
    assert normalise(text) == read


@pytest.mark.parametrize(
    "text, intent",
    [
        ("额家厨房水管冻裂了 水往外喷", "complaint"),
        ("那天额去不了 在医院陪老伴", "rsvp_no"),
        ("额也去 把额家老汉也算上", "rsvp_yes"),
        ("活动还有名额吗", "chatter"),
    ],
)
def test_a_message_in_shaanxi_speech_reads_as_in_plain_words(text, intent):
    assert ANALYZER.analyze(text).intent == intent


@pytest.mark.parametrize(
    "text", ["+1", "我也+1", "+1+1", "＋1 ！", "＋１", "+1.", "👍+1", "+1 同问", "楼上+1", "我家也是+1"]
)
def test_a_bare_plus_one_read_alone_is_talk(text):
    """The group's "me too" to whatever came last: a yes only where a meeting is open (the meetings router)."""
    assert ANALYZER.analyze(text).intent == "chatter"


@pytest.mark.parametrize(
    "text, intent",
    [
        ("我来晚了 你们刚才聊的啥", "chatter"),
        ("我来说两句", "chatter"),
        ("俺来讲两句", "chatter"),
        ("我来晚了 算我一个", "rsvp_yes"),
        ("我来补充一句 二号楼那边也没水", "complaint"),
        ("我来这个小区五年了 头一回见这么大的雪", "chatter"),
        ("我来帮忙搬椅子", "rsvp_yes"),
        ("明天我来这儿帮忙签到", "rsvp_yes"),
        ("参加 +1", "rsvp_yes"),
    ],
)
def test_let_me_say_is_no_coming(text, intent):
    assert ANALYZER.analyze(text).intent == intent


def test_an_answer_read_by_the_model_alone_is_a_report_when_the_urgency_model_is_all_but_sure_of_danger(monkeypatch):
    """As talk is: the intent model reads a person down as a refusal or a yes now and then (不行了, 起不来)."""
    text = "我爸摔到了 起不来 头上有学"
    assert rsvp.rsvp_intent(normalise(text)) is None, "no rule answers: only the model could take it for one"
    monkeypatch.setattr(Analyzer, "_intent", lambda self, text, hits, tokens: ("rsvp_no", 0.0))
    reading = ANALYZER.analyze(text)
    assert (reading.intent, reading.urgent) == ("complaint", True)
    calm = ANALYZER.analyze("那天我爸要去复查 家里没人陪")
    assert calm.intent == "rsvp_no", "a reason with no danger stays the model's answer"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # where, beside a landmark, and nothing else: the answer to "where?" (each had read as a report, by a model
        # that never saw its writer)
        ("就在东门那边", "chatter"),
        ("北门岗亭边上", "chatter"),
        ("十一号楼楼下小卖部门口", "chatter"),
        ("车棚那儿 充电桩旁边", "chatter"),
        # a thing put, left or doing something there, or named beside a place: a report in a few words
        ("垃圾堆在门口", "complaint"),
        ("电动车堵在门口", "complaint"),
        ("一大坨狗屎 三号楼门口", "complaint"),
        ("小广告 贴满了电梯门口", "complaint"),
        # a review's reports in a few words, which a first, looser version had silenced
        ("路灯不亮东门那边", "complaint"),
        ("电线裸露配电箱旁边", "complaint"),
        ("好大一条蛇花坛边上", "complaint"),
        ("野狗一群幼儿园门口", "complaint"),
        ("在3号楼楼下", "chatter"),
        # stop 35: a place inside a landmark's words (2单元门口 is no 单元门), and the mouth of a lift or a stair
        ("就在2单元门口", "chatter"),
        ("就在电梯口", "chatter"),
        ("在楼梯口", "chatter"),
        ("电梯口堆满了东西", "complaint"),
        ("电梯口有烟", "complaint"),
    ],
)
def test_where_beside_a_landmark_and_nothing_else_is_no_report(text, intent):
    assert ANALYZER.analyze(text).intent == intent


@pytest.mark.parametrize(
    ("name", "found", "false_alarms"),
    [
        ("dangers-34.jsonl", 93, 4),  # tuned on (tests/data/probes/README.md)
        ("dangers-35.jsonl", 71, 2),  # never tuned on: 71 of 75 on stop 33's code too
        ("missing-36.jsonl", 42, 0),  # tuned on: 24 of 50 on stop 33's code, 39 on stop 35's
        ("missing-37.jsonl", 27, 1),  # tuned on: 9 of 40 on stop 33's code, 20 on stop 35's
        ("missing-38.jsonl", 20, 1),  # never tuned on: 10 of 40 on stop 33's code
        ("missing-39.jsonl", 21, 1),  # never tuned on: 20 of 38 on stop 34's and 35's code
        ("review-35.jsonl", 37, 3),  # decided on (stop 35)
        ("chatter-36.jsonl", 8, 0),  # tuned on (stop 36): 8 of 8, 2 false alarms on stop 35's code
        ("dialect-36.jsonl", 10, 2),  # tuned on (stop 36): 10 of 10, 3 false alarms on stop 35's code
        ("urgency-36.jsonl", 89, 12),  # tuned on (stop 36): 85 of 90, 15 false alarms on stop 35's code
    ],
)
def test_the_danger_probes_stay_above_their_last_measure(name, found, false_alarms):
    """Dangers in fresh wording found, and look-alikes raised as alarms, at their stop-34 measure: a floor for a
    regression, not the issue's target (urgent recall 0.95), which the missing-person probes do not meet."""
    rows = [json.loads(line) for line in (DATA / "probes" / name).read_text(encoding="utf-8").splitlines()]
    readings = [(row["urgent"], ANALYZER.analyze(row["text"]).urgent) for row in rows]
    assert sum(said and read for said, read in readings) >= found
    assert sum(read and not said for said, read in readings) <= false_alarms


@pytest.mark.parametrize(
    "text", ["不在5号楼", "不在5号楼 在6号楼", "不是五号楼 是六号楼的", "就在5号楼2单元", "车库里面", "在三楼 楼梯口那"]
)
def test_a_place_denied_or_given_and_nothing_else_is_no_report(text):
    """不在5号楼, 车库里面 and 在三楼 楼梯口那 had read as urgent complaints (the urgency model's alarm): a second
    urgent ticket in a group where an urgent report was waiting for its building (stop 37)."""
    analysis = ANALYZER.analyze(text)
    assert (analysis.intent, analysis.urgent) == ("chatter", False)


def test_a_place_denied_beside_a_danger_is_still_the_danger():
    analysis = ANALYZER.analyze("不在5号楼 煤气味好大")
    assert analysis.intent == "complaint" and analysis.urgent


@pytest.mark.parametrize(
    ("text", "building"),
    [
        ("我住5号楼 隔壁6号楼有煤气味", 6),
        ("我家是5号楼的 楼下6号楼门口垃圾好几天了", 6),
        ("我住5号楼3单元 楼道灯坏了", 5),
    ],
)
def test_where_one_lives_is_not_where_the_problem_is_when_another_building_follows(text, building):
    """我住5号楼 隔壁6号楼有煤气味 had gone to 5号楼 (a review's, stop 37)."""
    assert ANALYZER.analyze(text).building == building


@pytest.mark.parametrize(
    ("text", "private"),
    [
        ("报事 3号楼楼下有人把旧沙发扔在消防通道上", False),  # the foot of a building: a place (a newcomer's, stop 41)
        ("5栋楼下停了辆车 一停就是一个月", False),
        ("楼下天天半夜剁肉 吵得睡不着", True),  # the neighbours below
        ("十号楼楼上天天早上六点就开始装修", True),  # upstairs, after a building too: neighbours
        ("三号楼那户装修 说好中午不干活 今天中午又砸墙", True),  # a household, as 那家
        ("报事 3号楼下有人乱停车", False),
        # people named beside it: the neighbours below (a review's, stop 41)
        ("报事 3号楼楼下老太太偷我家菜", True),
        ("报事 3号楼楼下天天往我家门口扔垃圾", True),
        ("报事 3号楼楼下的把空调外机装到我家窗户底下了 噪音太大", True),
        ("报事 我们楼楼下装修 天天砸墙", True),  # no number: the neighbours below
    ],
)
def test_the_foot_of_a_building_is_a_place_and_the_neighbours_below_a_party(text, private):
    result = ANALYZER.analyze(text)
    assert (result.intent, result.private) == ("complaint", private)
