"""What meetings read from residents' and organisers' words: announcements, 接龙 lists, guests, and the
measured RSVP and times sets (python -m bot.nlp.evaluate_meetings prints the same figures with every miss)."""

import math
from collections import Counter
from datetime import datetime
from types import SimpleNamespace

import pytest

from bot.clock import LOCAL_TZ
from bot.nlp import rsvp
from bot.nlp.analyzer import Analyzer
from bot.nlp.announce import Announcement, Unreadable, read_announcement
from bot.nlp.evaluate import DEMO_COMPOUNDS, evaluate
from bot.nlp.evaluate_meetings import DATA, RSVP_FILES, TIMES_FILE, evaluate_rsvp, evaluate_times
from bot.nlp.model import LinearTextModel
from bot.nlp.rsvp import guests, solitaire

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=LOCAL_TZ)  # a Wednesday
ANALYZER = Analyzer(DEMO_COMPOUNDS, ("网格通", "网格小助手"))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=LOCAL_TZ)


@pytest.mark.parametrize(
    ("text", "starts_at", "place", "topic", "capacity"),
    [
        ("周六上午九点半 地点：5号楼架空层 议题：楼道堆物 名额二十", at(5, 9, 30), "5号楼架空层", "楼道堆物", 20),
        ("12月5日 14:30 居委会二楼会议室 主题 电梯加装 30人以内", at(5, 14, 30), "居委会二楼会议室", "电梯加装", 30),
        ("下周三晚上7点 3号楼架空层 五方汇谈 物业费", at(9, 19), "3号楼架空层", "五方汇谈：物业费", None),
        ("明天下午三点在社区活动室开会 说说垃圾分类", at(3, 15), "社区活动室", "说说垃圾分类", None),
    ],
)
def test_an_announcement_yields_time_place_topic_and_capacity(text, starts_at, place, topic, capacity):
    read = read_announcement(text, NOW)
    assert isinstance(read, Announcement), read
    assert (read.starts_at, read.place, read.topic, read.capacity) == (starts_at, place, topic, capacity)


def test_a_five_party_talk_needs_all_parties_and_a_group_can_be_named():
    read = read_announcement("下周三晚上7点 3号楼架空层 五方汇谈 物业费 群 g_tx1", NOW)
    assert isinstance(read, Announcement) and read.all_parties and read.group == "g_tx1"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("明天下午3点 社区议事厅 限0人", "bad_capacity"),
        ("明天 社区议事厅", "no_clock"),
        ("社区议事厅 讨论停车", "no_time"),
        ("昨天下午3点 社区议事厅", "past"),
        ("明天下午3点", "no_place"),
    ],
)
def test_an_announcement_that_cannot_be_made_says_why(text, reason):
    read = read_announcement(text, NOW)
    assert isinstance(read, Unreadable) and read.reason == reason


@pytest.mark.parametrize(
    ("text", "title", "line", "guests_"),
    [
        ("#接龙 东门停车位议事会\n1. 张三\n2. 李四 +1\n3. 王阿姨 带老伴", "东门停车位议事会", "王阿姨 带老伴", 1),
        ("1. 张三\n2. 李四（3人）", "", "李四（3人）", 2),
        ("东门停车 接龙\n例：5号楼 姓名\n1. 张三 +3\n2. 7号楼老刘", "东门停车", "7号楼老刘", 0),
    ],
)
def test_a_solitaire_is_the_senders_last_line_only(text, title, line, guests_):
    listed = solitaire(text)
    assert listed is not None and (listed.title, listed.line, listed.guests) == (title, line, guests_)


def test_one_line_is_no_solitaire():
    assert solitaire("就一行 参加") is None


@pytest.mark.parametrize(
    ("text", "count"),
    [("参加 +2", 2), ("带老伴一起", 1), ("我们一家三口都去", 2), ("加一", 1), ("带俩孩子去", 2), ("两口子都来", 1),
     ("我去，带上我妈", 1), ("参加", 0), ("我一个人去", 0), ("参加 3人", 2), ("参加2位", 1), ("咱们俩都去", 1)],
)  # fmt: skip
def test_guests_in_residents_words(text, count):
    assert guests(text) == count


def test_rsvp_reading_on_the_set_it_was_tuned_on():
    score = evaluate_rsvp(RSVP_FILES[0], ANALYZER)
    assert score.accuracy() >= 0.97, score.report("rsvp-independent")


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("孩子放学早的话我就过去", "rsvp_maybe"),  # a condition makes a yes a maybe
        ("万一加班就来不了", "rsvp_maybe"),  # and a no too
        ("要是腰不疼就参加", "rsvp_maybe"),
        ("那个讲座还能报名不", "chatter"),  # the northern yes-no question: 不 at the end asks
        ("能参加 几点开始来着", "rsvp_yes"),  # an answer that asks something as well: its answering clause
        ("报名 在哪报啊", "chatter"),  # but a question about signing up is no answer (a reviewer's, stop 23)
        ("参加了 下回啥时候还办", "chatter"),  # nor one about the next time
        ("这次就不参加了 下回吧", "rsvp_no"),  # though a no that puts it off to next time refuses
        # stop 25: the 不了 of 去不了 names no problem; a refusal that asks had read as a complaint
        ("这回去不了 下回啥时候办啊", "rsvp_no"),
        ("怕是赶不上 八点半到行不", "rsvp_maybe"),
        ("俺去不了 能让闺女替俺去不", "rsvp_no"),
        ("电梯的会俺家去不了人 老伴住院了", "rsvp_no"),
        # its review: an errand one cannot get to is the problem; a no anywhere in the clause before 下回 refuses
        ("电梯停了 俺娘去不了医院", "complaint"),
        ("这次没法去了 下回吧", "rsvp_no"),
        ("这回俺不过去了，下回吧", "rsvp_no"),
        ("来不了 楼道灯坏了没人修吗", "complaint"),
        ("狗主人上门道歉了 这事就算了", "chatter"),  # a matter let go refuses nothing
        ("俺就算了 腿脚不行", "rsvp_no"),
        ("这周末我看看能不能抽出空", "rsvp_maybe"),  # in no word list: the model's
        ("我去 都半夜了还这么吵", "complaint"),  # the exclamation 我去, then a complaint
        ("小区门口那个坑走都走不过去", "complaint"),  # 过去 in a complaint is no yes
        # stop 17's review: a complaint after 我去 is no answering clause; a conditional question stays a question; a
        # conditional errand or threat is no answer; talk the model leans to answer is not counted; 不 after 这次
        # refuses; something past is no answer whatever its clauses say
        ("我去！！又没热水了？", "complaint"),
        ("参加的话需要带身份证吗", "chatter"),
        ("如果再没人管 我们就得去街道反映了", "complaint"),
        ("不清楚", "chatter"),
        ("老年证怎么办 我爸想去", "complaint"),
        ("这次不", "rsvp_no"),
        ("上次那个会 我去了 啥也没说 这次还开吗", "chatter"),
        # stop 19: two negatives promise a yes; a past fact (没迟到), a rule (上学不能迟到) or a question
        # (你不会不来吧) does not. 不会去/不想去 refuse only as a whole clause: 那个超市俺再也不会去了 and
        # 俺不会去投诉的 refuse something else. (A review's messages, each of which the first version misread.)
        ("放心吧 我肯定不缺席", "rsvp_yes"),
        ("我不会不去的", "rsvp_yes"),
        ("少不了俺", "rsvp_yes"),
        ("少不了我们的", "rsvp_yes"),
        ("这么好的事哪能不来", "rsvp_yes"),
        ("这次不能再缺席了", "rsvp_yes"),
        ("我缺席", "rsvp_no"),
        ("那天我不会去了", "rsvp_no"),
        ("太冷了 不想去了", "rsvp_no"),
        ("物业不会去管的", "chatter"),
        ("修电梯的今天不会来了", "chatter"),
        ("修电梯的师傅说今天不会去了", "chatter"),
        ("那个超市俺再也不会去了 东西死贵", "chatter"),
        ("我不想去麻烦物业 自己修好了", "chatter"),
        ("今天总算没迟到", "chatter"),
        ("这么好的优惠可不想错过", "chatter"),
        ("俺妈说这个会一次都没落下", "chatter"),
        ("你不会不来吧", "chatter"),
        # the answer said twice, or only "going", or a raised hand, as a whole message (stop 19, from the training
        # files' misses); a review's: 我去我去 before more words is surprise, 来来来 "come on", 不去白不去 beside a
        # sale no answer
        ("我去我去", "rsvp_yes"),
        ("能去能去！", "rsvp_yes"),
        ("去！", "rsvp_yes"),
        ("🙋", "rsvp_yes"),
        ("🙋\u200d♀️", "rsvp_yes"),
        ("我去我去 楼下车被刮了", "chatter"),
        ("来来来", "chatter"),
        ("超市打折 不去白不去", "chatter"),
        ("我去超市", "chatter"),
        ("去我家吃饭", "chatter"),
        ("👍", "chatter"),
        # stop 20: a no with a hedge on it, a doubt after it, or beside its other branch, is not yet sure of itself
        # (30 of 30 such messages of the training files are maybes); a no beside 下回再说 or the errand 看孩子 is still
        # a no, and so (the review's) is one whose hedge is about the reason, another time or other people
        ("可能来不了", "rsvp_maybe"),
        ("俺估摸着够呛 八成去不了", "rsvp_maybe"),
        ("能请下假就去 请不下来就算了", "rsvp_maybe"),
        ("看天 刮风就不去了", "rsvp_maybe"),
        ("这次不去了 下回再说", "rsvp_no"),
        ("去不了 得在家看孩子", "rsvp_no"),
        ("这次来不了 争取下次参加", "rsvp_no"),
        ("也许下次吧 这次去不了", "rsvp_no"),
        ("孩子可能发烧了 得去医院 去不了", "rsvp_no"),
        ("看情况是去不了了", "rsvp_no"),
        ("平时有空就去 这次去不了", "rsvp_no"),
        ("明天一早就去外地 参加不了", "rsvp_no"),
        ("没空 不可能去", "rsvp_no"),
        ("大家尽量去吧 我去不了", "rsvp_no"),
        ("估计去不了 但也说不准", "rsvp_maybe"),
        ("看天吧 下雨就算了", "rsvp_maybe"),
        # stop 21: 我去 as surprise before a remark that exclaims is no answer, though an answer after it still is;
        # "I have a question" asks; a hedged no the message then settles (就不去了) is a no, unless on a condition
        ("我去 这么贵", "chatter"),
        ("我去，今天这么热", "chatter"),
        ("我去 这也太离谱了吧", "chatter"),
        ("卧槽 鸡蛋这么便宜", "chatter"),
        ("我去 真的假的", "chatter"),
        ("我去 把我加上", "rsvp_yes"),
        ("我去！太好了 算我一个", "rsvp_yes"),
        ("🙋 有个问题", "chatter"),
        ("🙋 请问几点开始", "chatter"),
        ("怕是赶不上 那天得上夜班 就不去了", "rsvp_no"),
        ("怕是赶不上 要是加班就不去了", "rsvp_maybe"),
        # group buying orders goods by 接龙 and +1; 哪天 and 几号 ask; 参加 then 加一人 is no other errand
        ("团购大白菜 一毛五一斤 要的接龙", "chatter"),
        ("拼团买鸡蛋 三十个一盒 要的+1", "chatter"),
        ("接龙截止到哪天", "chatter"),
        ("我参加加一人 带我闺女", "rsvp_yes"),
        # stop 21's review: the surprise and the clause that exclaims are taken off and the rest read (the first
        # version made every message with an exclaiming word anywhere no answer); 哪天都行 answers; group buying
        # beside a meeting's name is no veto; a settled no followed by a doubt or a condition, or beside two
        # branches, is still a maybe; 加 after 去 is 加班, 加油站, 加拿大
        ("我去 这么晚 去不了", "rsvp_no"),
        ("我去 也太早了吧 来不了", "rsvp_no"),
        ("我去 这么早 那我也去", "rsvp_yes"),
        ("我去 太好了吧 我肯定到", "rsvp_yes"),
        ("我去 我老伴也去 太好了", "rsvp_yes"),
        ("我去 准到 哈哈", "rsvp_yes"),
        ("我去 那就这么定了", "rsvp_yes"),
        ("我去 牛奶我自己带", "rsvp_yes"),
        ("我去。这么贵", "chatter"),
        ("我去😂这么贵", "chatter"),
        ("我去 这么多人接龙了", "chatter"),
        # stop 25: 我去 before a scene it turns to, with no word of coming in it, is surprise too (25 of the training
        # files' talk had read as yeses, none of their answers changed)
        ("我去 外头雨下疯了", "chatter"),
        ("我去，刚刚楼下那只猫跳上树了", "chatter"),
        ("我去 俺家狗把拖鞋叼跑了", "chatter"),
        ("卧槽 才三块钱一斤", "chatter"),
        ("我去 今天我一定到", "rsvp_yes"),
        ("我去 这回我带孙子一块", "rsvp_yes"),
        ("我去 孩子也想去", "rsvp_yes"),
        # stop 25: coming on a condition said without 参加 (不下雨就过去, 他去我就去) is a maybe; a going with an
        # errand after it (就去热力公司, 就去接孩子) or one that happened (不到十分钟就来了) answers nothing
        ("明儿不下雨就过去", "rsvp_maybe"),
        ("俺闺女能送俺就来", "rsvp_maybe"),
        ("老伴愿意的话我就报", "rsvp_maybe"),
        ("他去我就去", "rsvp_maybe"),
        ("要是暖气再不热我就去热力公司", "complaint"),
        ("下班早的话我就去接孩子", "chatter"),
        ("网格员不到一会儿就来修了", "chatter"),
        # stop 25's review: being free or bringing someone answers after 我去 too; 看到 and 起来 are no coming; a
        # time to arrive, a repairman's visit and a call to others are no condition of one's own
        ("我去 今天不上班", "rsvp_yes"),
        ("我去 还有俺老伴", "rsvp_yes"),
        ("我去 刚才看到一只刺猬", "chatter"),
        ("外卖不到二十分钟就到", "chatter"),
        ("物业说能修明天就来", "chatter"),
        ("不怕冷的就来", "chatter"),
        ("老王去我就去", "rsvp_maybe"),
        ("哪天都行 我都能去", "rsvp_yes"),
        ("随便哪天 俺都到", "rsvp_yes"),
        ("几号我都来不了", "rsvp_no"),
        ("哪天开会啊", "chatter"),
        ("我参加 谁团购了帮我带一份", "rsvp_yes"),
        ("要的接龙 我参加议事会", "rsvp_yes"),
        ("接龙买菜的我也+1", "chatter"),
        ("可能去不了 有空就去 没空就不去了", "rsvp_maybe"),
        ("怕是赶不上 就不去了 不过也说不定", "rsvp_maybe"),
        ("怕是赶不上 就不去了吧 如果提前下班就来", "rsvp_maybe"),
        ("估计来不了 还是算了吧", "rsvp_no"),
        ("周六我去加班", "chatter"),
        ("我去加拿大看闺女了", "chatter"),
        ("我参加加拿大移民讲座", "chatter"),
        # the second review's: 。 ends the exclaiming clause; group buying said before 参加/报名 orders goods
        ("我去 这么晚。去不了", "rsvp_no"),
        ("我去 这么早。那我也去", "rsvp_yes"),
        ("拼单买水果 我参加", "chatter"),
        ("团购大米 我报名", "chatter"),
        ("超市团购活动 接龙", "chatter"),
        # stop 22, from the training files left out in turn: 几点都行 answers; the past then now answers about now;
        # a resident who saw the notice announces nothing; 参加 then who one is names no other errand
        ("能去 几点都行", "rsvp_yes"),
        ("几点开始", "chatter"),
        ("上回没赶上 这次说啥也得去", "rsvp_yes"),
        ("上次等了俩钟头 这回不去了", "rsvp_no"),
        ("上次那个会我去了", "chatter"),
        ("收到通知 我们家老两口都参加", "rsvp_yes"),
        ("明晚开会 请大家准时参加", "chatter"),
        ("那个会我参加我是四号楼的", "rsvp_yes"),
        ("我参加我孙子的婚礼去", "chatter"),
        # one's own work's notice or meeting is a reason, not an announcement; a refusal may name the meeting
        ("不好意思，临时通知加班，来不了了", "rsvp_no"),
        ("楼长会 我请个假 单位开会", "rsvp_no"),
        ("那个开会俺去不了 腿疼", "rsvp_no"),
        ("明晚七点开会 去不了的跟网格员说一声", "chatter"),
        ("没空哈 谢谢通知", "rsvp_no"),
        ("这次就不报名了 谢谢网格员", "rsvp_no"),
        ("俺那天要去闺女家 木有空", "rsvp_no"),
        ("到时候俺看看有木有空", "rsvp_maybe"),
        ("不确定能不能去", "rsvp_maybe"),
        # the review of those rules: organisers' notices keep their 开会 and 通知, remarks about who cannot come
        # refuse nothing, past then now answers only when the now answers by its words, and 不能去 or 木有空 inside a
        # complaint refuse nothing
        ("明天上午在社区开会 楼长准时参加", "chatter"),
        ("临时通知：明天上午九点 楼长会 务必参加", "chatter"),
        ("看到通知的请接龙", "chatter"),
        ("明天开会 来不了的请假", "chatter"),
        ("明天开会 没空也得来", "chatter"),
        ("晚上开会 老年人都来不了", "chatter"),
        ("几点集合都谁参加", "chatter"),
        ("啥时候报名都行", "chatter"),
        ("活动室一直锁着 老人不能去下棋", "complaint"),
        ("不能去 要考驾照科目二", "rsvp_no"),
        ("木空 地里的活还没干完", "rsvp_no"),
        ("别算我了", "rsvp_no"),  # had read as a yes: 算我 is one's words
        ("这次不要算上我", "rsvp_no"),
        ("把我划掉吧 那天有事", "rsvp_no"),
        ("先别算我 等我问问家里", "rsvp_maybe"),  # not yet
    ],
)
def test_answers_read_by_the_rules_and_the_model_together(text, intent):
    assert ANALYZER.analyze(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # a promise, whatever its adverb, when the coming ends its clause
        ("周六那个会 我一定来的", "rsvp_yes"),
        ("消防演练我保证到 放心吧", "rsvp_yes"),
        # counting oneself in, or asking to be put on the list
        ("体检我们老两口都去查 算我们家两口人", "rsvp_yes"),
        ("健康讲座给我也记上", "rsvp_yes"),
        # the answer first, then the past (stop 35 read both as talk about then)
        ("这次俺来 上次家里有事没来成", "rsvp_yes"),
        ("我不参加了 上次的会开了一下午啥也没定", "rsvp_no"),
        # dictation without a stop: the next clause's subject is no errand of 参加
        ("我们三号楼的老刘参加我老婆也去", "rsvp_yes"),
        # thanks for the notice, or word that it came, announce nothing
        ("谢谢小王通知 按时来", "rsvp_yes"),
        ("通知收到 我准时到", "rsvp_yes"),
        # a settled no in a clause of its own, in Mandarin and Wu
        ("俺就不来了哈 祝活动顺利", "rsvp_no"),
        ("那天勿来了 屋里有事体", "rsvp_no"),
        # ... and the same words in talk
        ("师傅说今天不来了 明天再修", "chatter"),
        ("公交车半天不来了", "chatter"),
        ("你们都去体检吧 免费的", "chatter"),
        ("一起去跳广场舞呗", "chatter"),
        ("那家超市我不去了 上回买的肉不新鲜", "chatter"),
        ("看这接龙 比上回长多了", "chatter"),
        ("团购的大米算我们家一袋", "chatter"),
    ],
)
def test_answers_in_words_the_rules_had_lacked_and_talk_in_the_same_words(text, intent):
    """Read from a probe of answers written blind (tests/data/probes/answers-36.jsonl), in other words than its own.
    Still read as answers, by the model as before these readings: 孩子九点前必须到家, 有空一定来我家坐坐."""
    assert ANALYZER.analyze(text).intent == intent


def test_the_answers_probes_stay_above_their_last_measure():
    """tests/data/probes/answers-36.jsonl (intent 0.806 at its first measure, 0.837 after the readings it led to)
    and tests/data/rsvp-lookalikes-36.jsonl, a review's talk in the words of those readings beside answers in them
    (as a meeting is open: 0.733 before them, 0.800 after; 19 of 80 talk taken for answers, 18 before, most by the
    model; 5 of 40 answers missed, 14 before). Floors for a regression, not the issue's intent target of 0.97."""
    answers = evaluate(DATA / "probes" / "answers-36.jsonl", ANALYZER)
    assert answers.right["intent"] / answers.total >= 0.835
    review = evaluate_rsvp(DATA / "rsvp-lookalikes-36.jsonl", ANALYZER)
    assert review.accuracy() >= 0.80
    assert sum(n for (said, read), n in review.pairs.items() if said == "other" and read != "other") <= 19


def test_a_hedged_no_that_asks_is_no_answer():
    assert rsvp.rsvp_intent("估计去不了 要请假吗") is None and rsvp.rsvp_intent("估计去不了") == "rsvp_maybe"
    assert rsvp.rsvp_intent("上次可能来不了 后来也没去成") is None  # something past answers nothing


def test_the_three_answers_are_counted_together_against_talk():
    """Talk is the model's first class at 0.40, but the three answers together have 0.42: an answer, the likeliest
    of the three. With less than talk together, talk it stays."""
    classes = ["chatter", "complaint", "query", "rsvp_maybe", "rsvp_no", "rsvp_yes"]

    def reading(probabilities: list[float]):
        model = LinearTextModel(classes, {"w:x": 0}, [1.0], [[0.0] * 6], [math.log(p) for p in probabilities])
        label, first = Analyzer(models=SimpleNamespace(intent=model))._intent_reading(Counter())
        return label, label is not first

    label, counted_together = reading([0.40, 0.14, 0.04, 0.20, 0.10, 0.12])
    assert (label.label, round(label.confidence, 2), counted_together) == ("rsvp_maybe", 0.42, True)
    label, counted_together = reading([0.45, 0.15, 0.05, 0.15, 0.10, 0.10])
    assert (label.label, counted_together) == ("chatter", False)


def test_rsvp_reading_on_the_held_out_set_never_tuned_on():
    """A floor under the measure, to catch a regression: never a target to tune to (first 0.838; 0.892 once the
    model counted the three answers together and conditions made a maybe, stop 17)."""
    score = evaluate_rsvp(RSVP_FILES[1], ANALYZER)
    assert score.accuracy() >= 0.88, score.report("rsvp-heldout")
    assert score.precision("rsvp_yes") >= 0.85 and score.recall("other") >= 0.9, score.report("rsvp-heldout")


def test_rsvp_reading_on_the_validation_set_written_in_stop_17():
    """Written apart from the code and the training files, measured before the change that it then measured
    (0.771 -> 0.846), never tuned on: a floor against regression."""
    score = evaluate_rsvp(RSVP_FILES[2], ANALYZER)
    assert score.accuracy() >= 0.83, score.report("rsvp-validation")
    assert score.precision("rsvp_yes") >= 0.8 and score.recall("other") >= 0.88, score.report("rsvp-validation")


def test_announced_times_on_the_independent_set():
    right, total, misses = evaluate_times(TIMES_FILE)
    assert right / total >= 0.97, "\n".join(misses)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("疫苗那天俺也去打疫苗", "rsvp_yes"),
        ("我们老两口都去测血糖", "rsvp_yes"),
        ("大扫除我也去 扫帚自己带", "rsvp_yes"),
        ("我去凑个热闹哈", "rsvp_yes"),
        ("下礼拜我去单位培训", "chatter"),  # another organiser's
        ("昨天去打疫苗了 胳膊到现在还疼", "chatter"),  # done already
        ("我去接种点接孩子", "chatter"),  # the event word goes on to another errand
        ("别去凑热闹 那边人太多", "chatter"),
    ],
)
def test_the_communitys_vaccination_days_checks_and_clean_ups_are_what_one_goes_to(text, intent):
    """Stop 37's blind answers went 去打疫苗, 去测血糖, 去凑个热闹 and were read as talk; a review's look-alikes
    (tests/data/rsvp-lookalikes-37.jsonl) in the same words went on to other errands."""
    assert ANALYZER.analyze(text).intent == intent


def test_the_event_words_review_stays_above_its_last_measure():
    """tests/data/rsvp-lookalikes-37.jsonl (as a meeting is open): 0.844 before those words were read as the
    community's events (1 of 60 talk taken for an answer, 13 of 30 answers missed), 0.922 after (3 and 4)."""
    review = evaluate_rsvp(DATA / "rsvp-lookalikes-37.jsonl", ANALYZER)
    assert review.accuracy() >= 0.92
    assert sum(n for (said, read), n in review.pairs.items() if said == "other" and read != "other") <= 3
