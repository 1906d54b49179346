"""The urgency and dispute readers on labelled sets written apart from the code (issue 9).

Recall is what matters for urgency: a false alarm costs a worker a look, a missed gas leak far more. The sets:
- urgent-validation*.jsonl and urgent-independent.jsonl, -2, -4: written, measured, then used to improve the
  reader (so their figures here are regression floors, not measures of generalisation);
- urgent-persons-review.jsonl: a review's people in trouble and talk in their words, used to turn down rules and
  a training file (stop 29);
- urgent-guards-review.jsonl: a review's dangers told in the words of stop 36's guards (不是, a simile, 真, 落水管,
  快来人 for an errand, a feed's hearsay) and calm lines in them, used to narrow those guards;
- urgent-missing-review.jsonl: a review's people missing now in the words of stop 36's wider missing-person readers
  and calm lines written to tempt them, used to narrow those readers;
- urgent-independent-3.jsonl and disputes-independent-2.jsonl: written by others who never saw the code, and
  never used to change it; urgent-independent-5.jsonl likewise, except one false alarm it showed (困了, sleepy,
  read as trapped) was fixed. Their floors are the figures measured on them (docs/performance.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.nlp.analyzer import Analyzer
from bot.nlp.disputes import is_dispute, might_be_dispute
from bot.nlp.normalize import normalise
from bot.nlp.urgency import dangers_in, has_strong_sign, hazard_in

DATA = Path(__file__).parent / "data"
ANALYZER = Analyzer()  # the whole reading, for what the rules decide only beside the models (advice, privacy)


def rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text().splitlines() if line.strip()]


def urgent_scores(name: str) -> tuple[float, float]:
    found = [(row["urgent"], hazard_in(normalise(row["text"])) is not None) for row in rows(name)]
    hits = sum(1 for truth, said in found if truth and said)
    return hits / sum(1 for truth, _ in found if truth), hits / max(1, sum(1 for _, said in found if said))


@pytest.mark.parametrize(
    ("name", "recall", "precision"),
    [
        ("urgent-validation.jsonl", 0.90, 0.90),
        ("urgent-validation-2.jsonl", 0.95, 0.95),
        ("urgent-independent.jsonl", 0.95, 0.90),
        ("urgent-independent-2.jsonl", 0.90, 0.95),
        ("urgent-independent-3.jsonl", 0.80, 0.80),  # never tuned on
        ("urgent-independent-4.jsonl", 0.95, 0.95),
        ("urgent-independent-5.jsonl", 0.70, 0.85),  # never tuned on, but for 困了
        ("messages-dev.jsonl", 1.0, 0.85),
        ("messages-test.jsonl", 0.95, 0.85),
    ],
)
def test_urgent_reports_are_found(name, recall, precision):
    measured = urgent_scores(name)
    assert measured[0] >= recall and measured[1] >= precision, measured


def test_disputes_are_kept_from_the_group():
    """On a set never tuned on: most disputes are kept private, and few non-disputes are called disputes."""
    data = rows("disputes-independent-2.jsonl")
    disputes = [row for row in data if row["dispute"]]
    private = sum(might_be_dispute(normalise(row["text"])) for row in disputes) / len(disputes)
    called = [row for row in data if is_dispute(normalise(row["text"]))]
    precision = sum(row["dispute"] for row in called) / len(called)
    assert private >= 0.85 and precision >= 0.8, (private, precision)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("3栋有煤气味！", "gas"),
        ("9号楼电梯困人了！快来人！", "trapped"),
        ("楼道里全是烟 看不清", "fire"),
        ("有个老太太在门口晕过去了", "collapse"),
        ("俺娘突然喘不上气了 嘴唇发紫", "collapse"),  # breathless in earnest, not 熏得人喘不上气
        ("楼上往下扔酒瓶子 差点砸到人", "falling"),
        ("两个人在停车场打起来了", "violence"),
        ("地下车库水淹到车轮了 还在往里灌", "flood"),
        ("有人在撬一楼的窗户", "breakin"),
        ("井盖不见了 晚上黑", "manhole"),
        ("路上一个大坑 没围", "hole"),
        ("暖气片爆了 热水往外喷", "burst"),
        ("楼道里全是热水汽", "flood"),  # steam with no pipe named: the broader flood words, which can be doubted
        ("供暖管道漏了 楼道里全是热水汽", "burst"),
        ("插座一直滋啦滋啦响 快来看看", "electric"),
        ("俺家孙子让锁车里了 出不来 急死了", "trapped"),  # a car before 出不来, but the child is in it
        ("地下车库门坏了 里面有人出不来 快来", "trapped"),
        ("报修的那部电梯里又被关了人", "trapped"),  # a report word, but someone is shut in
        ("3号楼电梯刚报修就被困住了", "trapped"),
        ("打了报修都被关在电梯里半小时了", "trapped"),
        ("7号楼电梯刚报事就被困了 快来", "trapped"),
        ("3号楼电梯有人被关里面了", "trapped"),  # 被关 saying where: no report word can make it a closed report
        ("楼道里一股燃汽味", "gas"),  # dictation's homophones of 燃气 (stop 19)
        ("天然汽味儿好重 三号楼", "gas"),
        ("燃器味好大", "gas"),
        ("单元门口一股坏鸡蛋似的味 谁家的", "gas"),  # stop 25: 坏 as well as 臭
    ],
)
def test_each_kind_of_danger(text, kind):
    assert hazard_in(normalise(text)).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "没有煤气味了",
        "消防演练明天上午九点在东门",
        "万一着火了 咱这楼连个灭火器都没有",
        "昨天那个煤气味已经查过了 没事",
        "今天的菜炒糊了 满屋子烟 哈哈",
        "你家猫打架太凶了",
        "孩子们在院里扭打着玩",  # play, not a fight
        "车棚里电动车越停越多 哪天着起来可咋整",  # a worry about one day
        "燃气管子锈成这样 迟早得漏气",
        "楼道里猫砂盆的味熏得人喘不上气",  # a figure of speech, not someone who cannot breathe
        "电梯风扇坏了 进去闷得喘不过气",
        "风把车棚的自行车推倒了一排",  # the wind pushes, not a person
        "我家猫把花盆推下了桌子",
        "看新闻说外地有个小区着火了",
        "煤气灶打不着火了 是不是没电池了",
        "隔壁打麻将 噼里啪啦的",
        # the words of the newer dangers in their everyday senses
        "跳楼价甩卖 楼下水果店",
        "热得不想活了",
        "热得我不想活了",
        "作业写得俺都不想活了",
        "这游戏我中毒了",
        "吓得我心都要跳出来了",
        "笑死我了 救命",
        "误食提醒：家里的药放高处",
        "困着了睡觉去",
        "同鑫花园3栋楼下有人倒了一堆烂菜",
        "救命 这猫太可爱了",
        "快来人拿快递 东门驿站",
        "热到爆炸 空调又坏了",
        "看新闻说外地有个小区电梯困人三小时",
        "温馨提示：如发现家中有煤气味，请立即开窗通风",
        "饿晕了 外卖咋还不到",
        "困了困了 晚安各位",
        "还好没有人中毒",  # a sign found by itself, its words before, and the negation before those
        "每天爬十八楼 腿要断了",
        "天冷了 家里有老人的多给打个电话",  # the households that have one, not someone shut in (stop 16)
        "门口那辆面包车又把路堵死了 俺们推着轮椅都出不去",  # a blocked way out is parking
        "我的投诉怎么被关了",  # a report closed, no one shut in (stop 18)
        "工单咋就被关了 问题根本没解决",
        "我的报修单怎么被关了",
        "我反映的问题怎么被关了",
        "投诉的事被关了",
        "突然气温下降了 大家注意保暖",  # 然气 is no gas on its own
        "这款天然汽水味道不错",  # nor 天然汽 before 水 (a review's)
        # someone lost, found again or in a tip; a thing lost; despair as a figure of speech
        "走丢的那个老爷子找着了 谢谢大家",
        "老人身上带个卡片 万一走丢了好找",
        "孩子的水杯不见了",
        "累得都不想活了",
        "出一个燃气报警器 全新的",
        # stop 24's second review: 活动 is no 活, a thing is no child, found again is over, a story is elsewhere
        "今天不想活动 宅家",
        "我家老人手机找不到了",
        "孩子书包不见了",
        "老爷子走丢了，已经找着了，谢谢大家",
        "我家老人经常走丢，有啥好的定位器推荐吗",
        "这个电视剧讲的是孩子走失二十年",
        "燃气报警器响了一下 是自检",
        "那边是不是着火了？哦是放烟花",
    ],
)
def test_not_a_danger_now(text):
    assert hazard_in(normalise(text)) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("快来人啊，3号楼煤气味好大", "gas"),  # a cry for help never names the danger over what it is
        ("救命！3号楼着火了", "fire"),
        ("3号楼302家里有人晕倒了，叫不醒", "collapse"),
        ("4号楼屋里有人被电到了，倒在地上", "electric"),
        ("5号楼电线着火了", "electric_fire"),
        ("小孩在池塘边玩，掉水里了", "drowning"),
        ("6号楼楼顶有人要跳楼", "selfharm"),
        ("有人喝农药了", "poison"),
        ("3号楼刚才燃气爆炸了", "explosion"),
        ("车库顶塌了", "falling"),
        ("有个孩子坐在6楼阳台栏杆上", "falling"),
        ("醉汉在2号楼楼道里挥刀", "violence"),
        ("5号楼门口有人中暑晕了，快叫救护车", "collapse"),
        ("煤氣洩漏", "gas"),  # traditional characters
        ("有人觸電", "electric"),
        ("快报警", "alarm"),
        ("救命 电梯里困着人", "trapped"),
        ("一个男的站在楼顶边上要往下跳", "selfharm"),
        ("她一直哭说不想活了", "selfharm"),
        ("3号楼后面的墙倒了", "falling"),
        ("救命", "alarm"),
        ("救命啊 3号楼电梯", "alarm"),
        ("快来人啊 楼上往俺家灌水", "alarm"),
        ("孩子误吃了奶奶的药", "poison"),
        ("孩子中毒了", "poison"),
        ("她说要跳河", "selfharm"),
        # one's own despair, said plainly (had read as 去不了, an answer to a meeting)
        ("我不想活了", "selfharm"),
        ("俺实在不想活了", "selfharm"),
        ("老伴走了 活着真没意思", "selfharm"),
        ("有个小朋友走丢了 在哭", "lost"),
        ("俺家老爷子找不着了 有点糊涂", "lost"),
        ("大家有没有闻到燃气味", "gas"),  # a question, not a negation
        ("是不是着火了 你们看看", "fire"),
        ("我妈不见了 她有阿尔茨海默病", "lost"),
        ("孩子在超市门口走丢了", "lost"),
        ("急寻！老人走失，请大家帮忙转发", "lost"),  # a plea to pass it on is no forwarded news
    ],
)
def test_the_most_pressing_danger_names_it(text, kind):
    assert hazard_in(normalise(text)).kind == kind


def test_every_kind_of_danger_has_its_safety_advice():
    """The group and the reporter get one line of advice by the danger (handlers/tickets/texts.py): a kind added to
    the reader without its line would send none."""
    from bot.nlp.urgency import PRIORITY
    from handlers.tickets.texts import SAFETY

    assert set(PRIORITY) | {"electric_fire"} == set(SAFETY)


@pytest.mark.parametrize(
    ("text", "strong"),
    [
        ("跳广场舞的有人晕了", True),
        ("有个老太太在门口晕过去了", True),
        # stop 25's review: a figure of speech, someone dizzy with a bill or a road, and a joke
        ("累晕过去了", False),
        ("看到这个月的电费 我晕过去了", False),
        ("这个路绕得人晕了", False),
        ("坐过山车有人晕了 哈哈", False),
    ],
)
def test_someone_collapsed_is_a_strong_sign_and_a_figure_of_speech_is_not(text, strong):
    assert has_strong_sign(normalise(text)) is strong


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a newcomer's test (stop 26): smoke welling out had been read as water, and a fire given a flood's advice
        ("10号楼三楼窗户往外冒黑烟了！", "fire"),
        ("门缝往外冒烟 一股焦味", "fire"),
        ("一楼电表箱往外冒黑烟", "electric_fire"),
        ("下水道往外冒水 都漫进屋了", "flood"),
        # the review's: water welling out beside a word that only starts like smoke or fire
        ("下水道往外冒 烟台路这边都淹了 快来人", "flood"),
        ("地下室下水井还在冒 火急火燎的 都漫进屋了", "flood"),
        # smoke told with 着, 出 or its colour, and smoke that wells out, is a fire (stop 27: a newcomer's and a
        # reviewer's, and on the training files 楼里冒着烟呢, 配电箱…还冒着烟 had read as no danger)
        ("三楼窗户冒灰烟了", "fire"),
        ("对面楼冒着黑烟 好吓人", "fire"),
        ("楼道里冒出来好多烟 快来人", "fire"),
        ("抽油烟机里头着了 烟从烟道往外冒", "fire"),
    ],
)
def test_smoke_welling_out_is_fire_and_water_welling_out_is_a_flood(text, kind):
    assert ANALYZER.analyze(text).hazard == kind


@pytest.mark.parametrize("text", ["烟从烟道往外冒 呛死了", "楼上烟一个劲往外冒 快来人"])
def test_smoke_welling_out_is_never_read_as_water(text):
    assert "flood" not in dangers_in(normalise(text))


@pytest.mark.parametrize(
    "text",
    [
        # figures of speech (stop 27's review: 嗓子眼都冒烟了 had read as an urgent fire)
        "吃了口辣椒 嗓子冒烟",
        "这道题算得我脑袋冒烟",
        "气得俺头顶冒烟",
        "嗓子眼都冒烟了 渴死了",
        "老师讲得我脑袋都冒烟了",
        "心里冒火",
        "看到物业就冒火",
        "戒烟以后一直冒痘",
        "俺家祖坟冒青烟了 儿子考上清华了",
        # smoke meant to be there, and steam
        "烧开水冒出好多白烟",
        "泡温泉冒着白烟",
        "香炉冒着烟 庙会呢",
        "烟囱冒着黑烟 锅炉房开始烧了",
        "摩托车冒出好多黑烟",
        # 着 that is "got", "is" or "lit", not "on fire"
        "燃气灶打着了 开饭",
        "车打着火了 在暖车",
        "孩子被锅烫着了 起了个大泡",
        "锅里焖着了 等会儿开",
        "烟道堵着了 油烟排不出去",
        "孩子在沙发上睡着了",
    ],
)
def test_figures_of_speech_steam_and_other_meanings_of_zhao_are_no_fire(text):
    assert hazard_in(normalise(text)) is None
    # (车打着火了 is still urgent by the urgency model alone, which reads 着火 as words, not as 打着 + 火)
    assert not ANALYZER.analyze(text).urgent or text == "车打着火了 在暖车"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("烟从烟道 往外冒 快来人", "fire"),
        ("黑烟从窗户往外冒 快来人", "fire"),
        ("一股股黑烟往外冒", "fire"),
        ("楼顶冒起黑烟了", "fire"),
        ("楼下垃圾桶着了 烟呼呼的往楼上窜", "fire"),
        ("楼下扔了个烟头 草坪着了 火往车棚那边跑", "fire"),
        ("从五楼垂下来那根充电线着了", "electric_fire"),
        ("电线热得冒烟了", "electric_fire"),  # 热得 is no figure of speech here
    ],
)
def test_smoke_and_things_burning_in_more_words_are_fires(text, kind):
    assert hazard_in(normalise(text)).kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a figure's words beside a real fire (stop 27's second review: these had been taken out as figures)
        ("急得要命厨房冒烟了咋整", "fire"),
        ("头顶上的灯冒烟了", "fire"),
        ("俺家头上那户冒烟了 好大的味", "fire"),
        ("俺急得不行屋里冒烟了快来人", "fire"),
        ("楼上冒烟 急得我嗓子冒烟", "fire"),
        ("嗓子被烟呛得冒烟了 三楼在烧东西", "fire"),
        # smoke beside a harmless source that is burning all the same
        ("电动摩托充电器冒烟", "electric_fire"),
        ("水壶烧干了冒黑烟", "fire"),
        ("电水壶冒烟了", "fire"),
        ("卫生间排气扇冒烟了", "fire"),
        ("蚊香掉沙发上冒烟了", "fire"),
        ("香炉边上的纸箱子冒烟了快来", "fire"),
        ("烟囱堵了倒烟 屋里全是烟", "fire"),
        ("井盖里冒黑烟 电缆烧了吧", "fire"),
        ("楼道的电表箱冒烟 旁边有人在烧香", "electric_fire"),
        ("自来水开关旁边的插座冒烟", "electric_fire"),
        # 以后 that is "after", things that burn
        ("做完饭以后厨房着火了", "fire"),
        ("窗帘着了", "fire"),
        ("楼道烧纸 引着了电动车", "fire"),
        # collapsed, not asleep
        ("倒在桌子底下叫不醒", "collapse"),
        ("老人倒在地上推不醒", "collapse"),
        ("老人倒在地上叫不醒 还打呼噜", "collapse"),
        ("倒在地上叫不醒 像睡着了一样", "collapse"),
        ("我爸躺床上叫不醒 呼吸很弱", "collapse"),
    ],
)
def test_real_dangers_beside_figures_harmless_sources_and_sleep_words_stay_dangers(text, kind):
    assert hazard_in(normalise(text)).kind == kind
    reading = ANALYZER.analyze(text)
    assert reading.urgent and reading.hazard == kind, reading


@pytest.mark.parametrize(
    "text",
    [
        "大家放心 刚才那股煤气味是楼下炖肉糊锅了 不是漏气",
        "早上楼道那股煤气味是五楼在换表放气 师傅弄完走了 现在闻不着了",
        "俺家燃气报警器老是乱响 请人来看过说没漏 是报警器本身的毛病",
    ],
)
def test_an_all_clear_is_no_danger(text):
    assert hazard_in(normalise(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "是不是漏气了 屋里味好大",
        "煤气味好大 大家放心 我已经关阀了 但是还有味 快来人",
        "屋里有股煤气味 物业说没漏 可味还在",
        "闻到煤气味了 现在没味了吗 好像还有",
    ],
)
def test_an_all_clear_that_is_asked_or_still_going_on_is_still_a_gas_leak(text):
    assert hazard_in(normalise(text)).kind == "gas"


def test_in_future_is_still_what_if():
    assert hazard_in(normalise("以后家里要是有人被困 是先打119还是先找物业")) is None


def test_water_welling_out_by_a_shop_named_for_cigarettes_is_still_water():
    assert "flood" in dangers_in(normalise("烟酒店门口下水道往外冒 快来人"))


@pytest.mark.parametrize(
    "text",
    [
        "有个老人倒在小区门口 叫不醒",
        "一个大爷倒在楼梯口 怎么喊都不醒",
        "俺爹倒在卫生间里 喊不醒 咋办",
        "大爷倒在花坛边上 喊他不应",
        "醉汉倒在路边 叫不醒 快来人看看",
    ],
)
def test_someone_fallen_who_does_not_wake_has_collapsed(text):
    assert hazard_in(normalise(text)).kind == "collapse"


@pytest.mark.parametrize(
    "text",
    [
        "俺家小子早上叫不醒 上学又迟到了",
        "孩子躺床上叫不醒 天天熬夜打游戏",
        "老公倒头就睡 雷都叫不醒",
        "他喝多了倒在沙发上叫不醒 打呼噜呢",
        "喝多了倒在炕上叫不醒 打呼噜震天响",
        "倒在俺家床上叫不醒 睡得跟死猪一样",
        # things that fell over and will not move
        "电动车倒在路中间推不动",
        "柜子倒在门口推不动 出不去",
    ],
)
def test_someone_asleep_is_no_collapse(text):
    assert hazard_in(normalise(text)) is None


@pytest.mark.parametrize(
    ("text", "dispute"),
    [
        # throwing someone's things away is a conflict; throwing something down or away is not (stop 26)
        ("房东把俺东西扔出去了", True),
        ("对门扔了俺家的鞋 说挡道", True),
        ("楼下花坛边谁扔了一兜子烂柿子", False),
        ("纸箱子让人扔了烟头 烧起来了", False),
        ("楼下扔了个烟头，草坪着了", False),
    ],
)
def test_throwing_someones_things_away_is_a_conflict_and_throwing_litter_is_not(text, dispute):
    assert is_dispute(normalise(text)) is dispute


@pytest.mark.parametrize("text", ["俺放车棚的自行车叫人扔了", "谁扔了俺家门口的垫子", "保洁扔了俺放楼道的柜子"])
def test_someones_things_thrown_away_are_never_told_to_the_group(text):
    """Stop 26's review: passives, and the owner named before the thing, had made these public."""
    assert ANALYZER.analyze(text).private is True


@pytest.mark.parametrize(
    "text",
    [
        "物业的人没反应",  # nobody answers
        "邻居们谁家有打气筒 孩子自行车没气了",  # a tyre
        "我听完翻了个白眼",  # scorn
        "遛狗不牵绳 狗差点被车撞",
        "昨天小区里那个被车撞的猫 有好心人送宠物医院了",
        "我妈接到个电话说我出车祸了要打钱",  # a fraud's story: nobody hurt is said
        "有人受伤没？",
        "我妈一下没反应过来 差点转账",  # did not see it coming
        "俺爸没意识到那是骗子",
        "孩子冲我翻白眼 青春期真难管",
        # a second review's (stop 29)
        "我跟我儿子说了他没反应",
        "我妈的手机没反应了 帮忙看看",
        "宝宝没反应 是不是睡着了",
        "我妈没气了 不生我气了",
        "这小孩不动了 玩手机玩入迷了",
        "我的车被车撞了 停在楼下被人撞了也不留电话",
        "被车撞了怎么索赔 谁懂",
        "孩子被热水烫了 起了个泡 用啥药膏好",
        "王阿姨家老人从楼梯上摔下来了 住院了 大家有空去看看",
        "空调外机从楼上摔下来了",
        "大门口那个石头门柱子被车撞了 现在斜着",  # a thing hit: a falling danger's when about to fall
    ],
)
def test_the_words_of_someone_down_or_hurt_in_other_senses_are_no_such_danger(text):
    """Talk two reviews wrote in the words of someone down (stop 29), kept so that a rule for those words cannot
    come back unchecked."""
    found = hazard_in(normalise(text))
    assert found is None or found.kind != "collapse", found


@pytest.mark.parametrize(
    "text",
    [
        "他一口气喝了一整瓶白酒",
        "小孩吃了一大把糖",
        "孩子吃了个硬币巧克力",
        "吃了整瓶维生素片也没用",
        "最近烧烤店火越来越旺",
        "网红店火越来越大 天天排队",
        "我妈老毛病犯病了 在家休息",
        "我爸心脏病犯了的时候多亏了邻居帮忙 谢谢大家",
        "人没意识到问题的严重性",
    ],
)
def test_a_second_reviews_talk_is_no_urgent_report(text):
    assert not ANALYZER.analyze(text).urgent


def test_people_in_trouble_in_fresh_words_and_talk_in_the_same_words():
    """urgent-persons-review.jsonl: a third review's (stop 29) 85 emergencies of a person down, hurt or poisoned in
    fresh words and 128 sentences of talk in the same words, read whole by the analyzer. Used to turn down rules for
    those words (57 false alarms for 2 more dangers) and two training files (tried/train-persons.jsonl and
    train-calm-dangers.jsonl: 68 found, 13 false alarms, and calm sentences read as alarms), so a floor at today's
    reading, not a measure of generalisation: 52 of 85 found (0.61: the gap is real) and 10 false alarms; 11 since
    stop 30, when an answer read by the model alone became a report if the urgency model is all but sure of danger
    (我爸摔到了 起不来 头上有学 had been a yes; 我爸厂子倒了 现在在家待着, once a no, is now an alarm). 54 since
    stop 31's signs of a stroke happening (我老公心梗了 快, 俺爷爷中风了 说不了话). 61 since stop 32's poisonings and
    chokings in everyday words (误喝了84消毒液, 吃汤圆噎住了); its retrained model lost one (孩子被门夹了手
    手指头都掉了一截)."""
    found = [(row["urgent"], ANALYZER.analyze(row["text"]).urgent) for row in rows("urgent-persons-review.jsonl")]
    assert sum(truth and said for truth, said in found) >= 61
    assert sum(said and not truth for truth, said in found) <= 11


@pytest.mark.parametrize(
    "text",
    [
        "去不了 我妈没气了",
        "去不了 家里老人摔了起不来",
        "来不了 我爸突然倒地上了叫不醒",
        "参加不了 家里厨房着火了",
        "去不成 老伴喘不上气 嘴唇都紫了",
        "不去了 屋里一股怪味 头晕恶心",  # in words no rule has: the urgency model reads it 1.00
        "去不了了 我家孩子找不着了 一下午没见人",
        "报名取消 我家老头中风了 送医院路上",
        "来不了 我对象胸口疼得直冒汗",
        "去不了啊 婆婆吃错药了 一直吐",
        "去不了 孩子把硬币吞下去了 喘不上气",
        # stop 32's probes: a poisoning or a choking in everyday words, and chest pain with a sweat
        "去不了 孩子误喝了消毒水 正在催吐",
        "今晚的会来不了 老爷子吃饭噎住了 脸都紫了",
        "不去了 我老公胸口疼 满头大汗",
        "请个假 闺女把84当饮料喝了两口",
    ],
)
def test_a_danger_told_with_a_refusal_is_a_report(text):
    """A danger comes before the meeting: told beside an answer (stop 30's review: 去不了 我妈没气了 was a no, and a
    no with no meeting open is dropped as talk), it is an urgent report."""
    analysis = ANALYZER.analyze(text)
    assert (analysis.intent, analysis.urgent) == ("complaint", True)


@pytest.mark.parametrize(
    "text",
    [
        "去不了 孩子发烧了",
        "不去了 腰扭了走不动",
        "去不了 老人住院了要陪护",
        "参加不了 老伴感冒了得照顾",
        "不去了 膝盖疼 上不了楼",
        "去不成了 孙子发烧三十九度",
        "不参加了 最近血压高",
        "来不了 在医院排队呢",
        "不去了 头疼",
        "去不了 我妈上周摔了一跤 还在养着",
    ],
)
def test_an_everyday_reason_stays_a_refusal(text):
    assert ANALYZER.analyze(text).intent == "rsvp_no"


@pytest.mark.parametrize(
    "text",
    [
        "自行车胎没气了 谁有打气筒借一下",
        "煤气罐没气了 哪里能换",
        "我妈没气了 刚哄好",  # 气 is anger too
        "老伴早没气了 我跟他道歉了",
        "去年冬天我爸摔了起不来 多亏邻居",
        "冬天路滑 老人摔了起不来就麻烦了",
        "俺爹脑梗了 快十年了 想申请护理补贴",
        "他中风了 说不了话好几年了",
        "心梗了怎么办 社区有没有急救讲座",
        "突然中风怎么识别 讲座挺有用",
        "我家老头子心梗了 做了支架 现在好多了",
        "球没气了 谁家有气针",
        "跳完广场舞累得没气了 哈哈",
    ],
)
def test_the_words_for_no_breath_a_stroke_or_a_fall_in_other_senses_are_no_danger(text):
    assert not ANALYZER.analyze(text).urgent


@pytest.mark.parametrize(
    "text",
    ["我报的那个事咋样了 我妈又晕过去了", "上次那个事还没处理 今天又闻到煤气味了", "去年那次着火吓死人 今年又冒烟了"],
)
def test_a_danger_come_back_is_now_though_the_message_names_a_past_one(text):
    """那个事, 上次, 去年 tell of the past; a danger that has come back (又晕过去了) is now."""
    assert ANALYZER.analyze(text).urgent


def test_a_danger_told_as_over_is_still_none():
    assert not ANALYZER.analyze("上周我妈晕倒过一次 现在好了").urgent


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        # stop 31, from the training files' misses: a child lost in its own words, dangers said not to be
        ("一个三岁左右的小男娃在八栋门口哭 说找不到妈妈了 我先陪着他", True),  # a child lost, told by its finder
        ("小朋友哭着找不到家了 在五号楼下", True),  # (到家了 in 找不到家了 is no one home again)
        ("他哭着要妈妈 饿了", False),
        ("孩子找到了 已经到家了", False),
        ("刚刚那个晕倒的老奶奶家属已经接回去了 医生说没得大事", False),
        ("被推倒那个大爷没大事 擦破点皮", False),
        # someone hit by a vehicle is hurt, their things are not
        ("外卖小哥在楼下被车撞了", True),
        ("有个老太太被电动车撞倒了 躺着呢", True),
        ("我家孩子被电瓶车撞了 腿流血", True),
        ("我的车被电动车刮了 谁看见了", False),  # 被电 of 被电动车 is no electric shock
        ("我爸的车被车撞了 停在楼下也不留电话", False),
        ("我家孩子玩具被车轧了 哭了半天", False),
        ("大爷家的猫被车撞了 唉 可惜了", False),
        # a review of the first version of stop 31's signs (a helper's fresh probes): each had been read wrong by it
        ("隔壁老李摔了 动不了", True),
        ("我摔了一下 动不了了", True),
        ("我妈没气了 怎么叫都不理我 咋办啊", True),
        ("刚哄娃睡着 发现娃不喘气了 脸都紫了", True),
        ("楼上天天吵 刚才我爸突然没气了", True),
        ("要不得 燃气漏了", True),
        ("了不得 冒烟了", True),
        ("我爸晕倒了 不晓得有没得大事 咋办", True),
        ("参加不了 我妈在厕所摔了起不来", True),
        ("我老伴没气了 快帮我叫人", True),
        ("外卖小哥在咱楼下被车撞了", True),
        ("3楼王阿姨没气了😱", True),
        ("去不了 我家那口子在楼梯上摔了 爬不起来", True),
        ("不去了 老爸跌倒了 站不起来", True),
        ("我妈家燃气没气了", False),
        ("阿姨家天然气没气了", False),
        ("奶奶家煤气灶没气了", False),
        ("姥姥充气床垫没气了", False),
        ("孩子的游泳圈没气了", False),
        ("老人轮椅没气了", False),
        ("隔壁大爷的打气筒没气了", False),
        ("爬到十八楼 我爸累得快断气了 电梯啥时候修好", False),
        ("逗孩子玩 孩子笑得都快断气了", False),
        ("我妈前年突然脑梗 现在半身不遂 社区能办护理补贴吗", False),
        ("突然中风的话应该怎么处理啊", False),
        ("老人突然中风有什么征兆", False),
        ("我爸脑梗了 想问下怎么办理长护险", False),
        ("上次燃气泄漏那事 后来咋样了 楼下又倒了一堆垃圾", False),
        ("孩子哭着找不到家门钥匙了", False),
        ("孩子哭着说找不到爸爸给买的奥特曼", False),
        ("孩子的布娃娃被车轧了", False),
        ("孩子的机器人被车轧了", False),
        ("大爷被电动车撞了一下 没大碍 自己走回家了", False),
        ("他家电瓶车被电摩撞了", False),
        ("我的车被电单车刮了", False),
        ("她现在没气了 不跟我计较了", False),
    ],
)
def test_stop_31s_signs_of_a_person_in_danger_and_their_look_alikes(text, urgent):
    assert ANALYZER.analyze(text).urgent is urgent


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        # threats to a person now, said to someone; tidying, a game or a joke are not
        ("二楼那个邻居说今晚要找人来收拾我 我一个人在家", True),
        ("对门喝多了在楼道里嚷嚷 说要弄死他老婆", True),
        ("周末在家收拾屋子 累死了", False),
        ("找人来收拾一下楼道的杂物", False),
        ("我妈说回家再收拾我 哈哈", False),
        ("这游戏太难了 整死我了", False),
        # from a review of the first version, which took these for threats or lost the calm ones
        ("对门那家因为车位跟我吵 说让我等着 晚上要弄死我", True),
        ("那家人威胁说要打断我儿子的腿", True),
        ("那个男的说今晚就来收拾我 还说知道我闺女在哪上学", True),
        ("热死我了 这天要整死我", False),
        ("哈哈哈 老王你等着 晚上要弄死你 斗地主", False),
        ("老婆说我再打游戏就要收拾我 哈哈", False),
        ("搬家公司叫人来收拾他家旧家具", False),
        ("老王放话要打麻将到天亮 三缺一", False),
        ("跟对象吵架了 她说要弄死我 哈哈 因为我把她口红弄断了", False),
        # fumes from a stove or heater burning now, with their signs in someone; advice is not
        ("我奶奶屋里烧着炭盆 这会儿说头晕 叫她也迷迷糊糊的", True),
        ("姥爷在小屋生了个蜂窝煤炉子 刚起来说恶心想吐 腿发软", True),
        ("洗着澡突然头晕 站不稳 卫生间那个热水器是燃气的", True),
        ("冬天烧煤炉子一定要开窗 不然头晕想吐就是中毒了", False),
        ("烧烤摊的炭火烟熏得我头晕", False),
        ("热水器又坏了 修了三回 真头疼", False),
        # someone old or alone unseen and not answering, unless the reason is told
        ("对门那个独居大爷三天没见出来了 敲门没反应 门口的报纸都堆了一摞", True),
        ("我姥姥一个人住 今天一天没开门 电话打了五六个都不接", True),
        ("我爷爷一天没出门 在家睡觉呢 电话不接是手机静音了", False),
        ("万一家里老人好几天没出门 电话也不接咋办", False),
        # a child on a roof; a memory or advice is not
        ("孩子们在楼顶天台边上追着跑", True),
        ("隔壁那家的娃爬上屋顶了 在上面蹦", True),
        ("以前小时候我们常爬上房顶看星星", False),
        ("带孩子去楼顶天台看烟花的注意安全", False),
        # swallowed objects, scalds without 烫, bleeding that will not stop (a fresh probe had found these missed)
        ("闺女把一颗磁力珠咽下去了 这会儿说肚子疼", True),
        ("炒菜热油溅了一胳膊 起了一片水泡 疼得直哆嗦", True),
        ("老爷子刮胡子把脸划了 血还在往外冒 按不住", True),
        ("小时候把硬币吞下去过 吓得我妈半死", False),
        ("热水袋灌开水要小心 起泡了可别挑破", False),
        ("以前切菜切到手 血止不住 还去缝了针", False),
        # someone in a stopped lift, however told
        ("俺闺女在电梯里 电梯卡在七楼了 她在里面哭", True),
        ("电梯又不动了 里头还有个老太太 按铃没人理", True),
        ("我在电梯里刷手机 突然想起来忘带钥匙了", False),
        ("电梯在十二楼和十三楼之间停过两回了 好在没关着人", False),
        # someone lying where no one lies down and showing it
        ("有个骑手大哥倒在三号楼单元门口了 叫他光哼哼", True),
        ("一个大妈倒在菜市场门口的路边上了 没人管", True),
        ("有人把一袋垃圾倒在单元门口了", False),
        ("昨天有个大爷倒在楼道里 后来送医院了 没事了", False),
        # a second review's look-alikes, which the first versions of these patterns took for dangers
        ("我在电梯里看到一个通知 明天电梯停了保养", False),
        ("孩子在电梯里乱按按钮 每层都停了 太烦了", False),
        ("冰箱里面还关着人？笑死 这个电影太扯了", False),
        ("公交车厢内有人抽烟 司机也不管", False),
        ("师傅倒在门口的水泥还没干 大家绕着走", False),
        ("小孩倒在草坪上打滚 玩得可开心了", False),
        ("这魔术师把硬币吞下去又从耳朵里变出来 太神了", False),
        ("这电动车把电池吃得太狠了 一天得充两回", False),
        ("热油淋在辣椒面上 滋啦一声起泡了 香得很", False),
        ("开水浇花 叶子起泡掉皮 全死了", False),
        ("我心在滴血 血还在流 股票又跌了", False),
        ("我家孩子在楼顶那层住 上下楼不方便 电梯老坏", False),
        ("我家老爷子一整天没出门 喊他吃饭也不应 在屋里打游戏呢哈哈", False),
        ("今天坐车坐得头晕想吐 晚上不想做饭了 热水器也懒得开", False),
        ("喝了两杯酒有点头晕 炉子上的汤帮我看着点哈", False),
        # the second review's dangers that the narrowed patterns had missed
        ("保洁阿姨倒在电梯口了 脸色煞白", True),
        ("小孙子把热水壶拽下来了 开水洒了一身 起水泡了 哭得不行", True),
        ("我闺女刚把一颗弹珠吞肚子里了", True),
    ],
)
def test_stop_33s_dangers_in_everyday_words_and_their_look_alikes(text, urgent):
    """The danger patterns of stop 33, each with the look-alikes two reviews found (docs/performance.md)."""
    assert ANALYZER.analyze(text).urgent is urgent


@pytest.mark.parametrize(
    ("text", "urgent"),
    [
        # self-harm told as a jump one is about to make, or pills saved up after a farewell
        ("活着太累了 今晚我就从窗台跳下去 别找我", True),
        ("我准备从十八楼跳下去了 大家再见", True),
        ("安眠药攒了一瓶了 这回谁也拦不住我", True),
        ("我家猫昨天从阳台跳下去了 还好是二楼 没摔坏", False),
        ("孩子从沙发上跳下去 把脚崴了一下 没啥大事", False),
        ("蹦极就是从桥上跳下去 下周团建去不去", False),  # a review's: 就 of 就是
        ("我想从天台跳下去 的那首歌叫啥来着", False),
        ("医生开的药都攒好几盒了 老头子就是不按时吃", False),
        ("退烧药都攒好了 这波流感不怕", False),
        # a child in a pool (not a thing of the child's), someone slumped in a car and not answering (not asleep),
        # a Cantonese grandmother fallen
        ("有个娃掉到小区喷水池里了 水挺深 快来人", True),
        ("孩子的球掉进泳池里了 保安能帮忙捞一下吗", False),
        ("孙女的发卡掉进鱼池里了 鱼把它当吃的", False),
        ("地库有辆车里的大哥歪在驾驶座上 拍了半天车窗没反应", True),
        ("司机趴在方向盘上打盹 被后面的车按喇叭叫醒了 哈哈", False),
        ("孩子躺在后座上睡着了 怎么叫都叫不醒 睡得真香", False),
        ("阿嫲喺屋企跌咗 起唔到身 边位帮手", True),
        # a child gone in a blink, with a plea (not a child's homework, food or toy, nor time flying)
        ("外孙女在楼下骑滑板车 我转个身就不见了 快帮忙找找", True),
        ("有没有看到一个小男孩 五岁 蓝色外套 在广场一扭头就没影了", True),
        ("孩子作业本找不到了 急死了", False),
        ("孩子暑假一眨眼就没了 快开学了", False),
        ("孙子吃饭一转眼就没了 一碗饭全吃光了 帮我再盛一碗", False),
        ("孙子一眨眼就没影了 原来躲在柜子里跟我玩捉迷藏 哈哈", False),
        # someone missing now, asked after as a neighbour asks the group: a child or someone old or unwell, gone or not
        # back, with a plea or the description of a missing person; not any pair of the three
        ("闺女找不着了 刚才还在楼下滑滑梯 八岁 穿粉裙子", True),
        ("老爷子糊涂了 上午出门到现在还没回来 谁见到了跟我说一声", True),
        ("麻烦物业查一下北门监控 我妈出门没回来 她有老年痴呆", True),
        ("老伴出去打牌还没回来 等他吃饭呢", False),
        ("儿子出差到现在还没回来 帮我看看快递到了没", False),
        ("我家猫跑丢了 帮忙找找 橘色的", False),
        ("闺女去同学家了 还没回来 放心 她同学妈妈说在她家", False),
        ("外地一个老人走失了 大家帮忙转发", False),
        # …or told as a missing person's notice (an age, what they wear, a plea to look), whatever the words for gone
        ("我家丫头在小区门口超市 我扫码的工夫人就没影儿了 四岁 穿黄色外套 保安帮忙看下监控", True),
        ("阿拉姆妈脑子勿清爽 穿仔拖鞋跑出去了 八十岁 灰颜色绒线衫 啥人看到伊拉牢伊", True),
        ("孩子五岁 穿红衣服 谁看见了 拍的照片真好看", False),
        ("孩子六岁 白衬衫蓝裤子 明天演出 帮忙看看这样穿行不行", False),
        ("五岁小孩的蓝外套 谁丢的 捡到放保安室了", False),
        ("转自郑州朋友圈：李某某 男 七十二岁 十月三日在二七区走失 身穿灰色外套 看到的请联系家属", False),
        # a plea to pass on a notice of someone missing here stays urgent (the shadowed _PLEA had dropped it)
        ("求转发 麻烦大家扩散 我家老人走失了 三号楼的", True),
        # a second review's look-alikes, which the first missing-person readers had raised as alarms
        ("我出门买个菜半小时 谁帮我看一下孩子 她7岁 穿粉色裙子在楼下玩", False),
        ("寻狗启事 泰迪 两岁 穿着蓝色小衣服 昨晚从3号楼跑出去了 看到请联系", False),
        ("物业能查监控吗 电瓶车丢了 孩子说看见一个穿红色外套的男的在旁边转悠 他才8岁", False),
        ("孩子还没回来 不过刚打电话了 在同学家写作业 8岁了还不知道说一声 急死我了", False),
        ("孙子的玩具车找不到了 4岁小孩哭了一晚上 蓝色的 谁看见帮忙留意", False),
        ("大爷今天去钓鱼还没回来 估计又钓到天黑 穿着那件军大衣 谁在河边看到帮我喊他回家吃饭", False),
        ("奶奶早上去买菜 中午了还没到家 手机没带 她83岁 有点糊涂 谁在附近看到了", True),
        ("娃在游乐场丢了 六岁 穿黄色卫衣 大家帮忙看看有没有人带走", True),
        # tried and dropped after a review (docs/performance.md, stop 34): a child gone in a blink or off to a road,
        # fumes felt after (not during) a bath and smoke that drifts found few dangers the model missed, and raised
        # alarms at these
        ("孩子暑假一眨眼就没了 开学了", False),
        ("孩子跟着他爸往大马路那边去了 说去买早点", False),
        ("感冒了 洗完澡头晕", False),
        ("烤红薯的炉子一个劲儿飘烟 好香", False),
    ],
)
def test_stop_34s_dangers_from_a_fresh_probe_and_their_look_alikes(text, urgent):
    """Kinds a fresh probe's dangers showed missing (stop 34, docs/performance.md), in other words than the probe's,
    each beside the look-alikes a review attacked them with: a jump about to be made, pills saved up after a farewell,
    a child in a pool, someone slumped in a car, a Cantonese grandmother fallen."""
    assert ANALYZER.analyze(text).urgent is urgent


@pytest.mark.parametrize(
    "text",
    [
        "人家骑手被车撞了也得送外卖 不容易啊",
        "看到这个月物业费 俺心脏病犯了 哈哈",
        "冬天用热水袋 小心被热水烫伤 大家注意",
        "俺娘包的饺子香得能把人馋晕过去",
    ],
)
def test_talk_whose_danger_the_urgency_model_doubts_away_is_talk_not_a_complaint(text):
    """A danger's words the urgency model is all but sure are no danger, in what the intent model reads as talk:
    talk, not a calm complaint offered to the group (the words had made it a report before any model was asked)."""
    assert ANALYZER.analyze(text).intent == "chatter"


def test_someone_not_breathing_is_no_gas_supply_problem():
    """没气 is also a word of power_gas (家里没气了: no gas); a person's is their breath."""
    assert ANALYZER.analyze("去不了 我妈没气了").category == "other"
    assert ANALYZER.analyze("家里煤气味 我妈没气了").category == "power_gas"


@pytest.mark.parametrize(
    "text",
    [
        "俺爹把敌敌畏当白酒抿了一口 嘴里直冒沫子",
        "孩子误吞了一颗纽扣电池 说嗓子疼",
        "我家小子吞了好几颗磁力珠 肚子疼",
        "外婆降压药吃了大半板 现在迷迷糊糊的",
        "娃把洗衣凝珠咬破了 满嘴泡泡 一直哭",
        "孩子吃果冻卡住了 脸憋得通红咳不出来",
        "我老公吃饭呛着了 一点气都进不去",
        "宝宝吞了个硬币 卡在嗓子眼里了",
        "我爸心脏那块疼得直不起腰 嘴唇发乌",
        "炸丸子的油锅翻了 我妈胳膊全烫了 疼得直叫",  # a bad scald
        "一个骑自行车的小孩被倒车的压了脚",
        "孩子被倒车的车撞了",
        "我爸胸口疼，满头大汗",  # across a comma
        "我对象喘不上来气 嘴唇都紫了 哮喘喷雾找不着",  # short of breath and blue
        "阿爷饮咗成樽漂白水",  # Cantonese 饮: drank
        "孩子舔了杀虫剂，现在一直吐",
        "我个仔俾滚水烫到成只手起晒泡",
    ],
)
def test_a_poisoning_or_a_choking_in_everyday_words_is_urgent(text):
    """Stop 32's probes found 9 of 11 poisonings and 4 of 6 chokings read as talk or as calm: the rules knew 误食 and
    农药 but not 误喝, 84 or 电池, and had no word for choking at all."""
    analysis = ANALYZER.analyze(text)
    assert (analysis.intent, analysis.urgent) == ("complaint", True)


@pytest.mark.parametrize(
    "text",
    [
        "孩子要是误吞了电池千万别自己催吐",  # a what-if
        "被他一句话噎住了 半天没回上来",  # choked by words
        "家里小孩吃东西老噎着 是不是吃太快了",  # a habit
        "这孩子吃饭跟打仗似的 噎着好几回了",
        "打针的时候我儿子哭得脸都紫了 护士都乐了",  # purple from crying
        "吃鱼被鱼刺卡喉咙了 去医院拔了",  # a fish bone
        "吃鸡骨头卡嗓子了 咽不下去 难受",
        "上次我胸口疼出了一身冷汗 去医院查了没事",  # over
        "消毒水放高处 别让孩子误喝",
        "我烫了个头 好看不",  # a perm
        "刚端锅手烫了一下 没事",
        # a review of stop 32's first rules (each had been an alarm)
        "看他俩吵架，我憋笑憋得脸都紫了",
        "这火锅太辣了，辣得我脸都紫了",
        "笑得我气都喘不上来了，你们太逗了",
        "嗓子里有口痰，咳不出来咽不下去",
        "泡脚水太烫了，脚都烫红了，哈哈",
        "吃饭太急噎着了，喝口水就好了",
        "这孩子吃啥都狼吞虎咽，老是噎住，得慢慢教",
        "今天冬至，吃汤圆的时候老人小孩慢点吃，别噎着",
        "急救课上教了海姆立克法，孩子噎住了要从背后抱住往上冲",
        "我妈一顿饭吃了一把药，降压的降糖的都有",
        "我爸昨晚喝了酒精神头特别足",
        "楼下84岁的王奶奶喝了碗小米粥，精神好多了",
        "我爸每天吃了饭就去买84消毒液",
        "喝多了抠嗓子吐出来就舒服了，老经验",
        "我个仔食饭食得太快，成日鲠亲，有冇咩好方法",
        "食鱼俾条骨鲠亲，好痛，去咗医院钳咗出嚟",
        "孩子噎住了，拍了几下吐出来了",
        "这道题把我难住了，脸都憋紫了",
    ],
)
def test_the_words_of_poisoning_and_choking_in_other_senses_are_no_danger(text):
    assert not ANALYZER.analyze(text).urgent


def test_a_request_for_a_favour_is_no_call_for_help():
    assert ANALYZER.analyze("谁来帮我占个座，我马上到").intent != "complaint"


def test_a_poisoning_is_a_person_in_danger_not_the_poisons_trade():
    """Category `other`, as a collapse: 洁厕灵 had read as water, 耗子药 as sanitation, 漂白剂 as security."""
    analysis = ANALYZER.analyze("快来啊啊啊 孩子吃了老鼠药")
    assert (analysis.urgent, analysis.category) == (True, "other")


def test_a_call_for_help_is_no_answer_to_a_meeting():
    """Retrained models read 快来啊 我妈不行了 头晕得厉害 as a refusal (不行了), one with the urgency model at 0.64: no
    one answers a meeting with a cry for help, so the model's answer is not taken."""
    analysis = ANALYZER.analyze("快来啊 我妈不行了 头晕得厉害")
    assert (analysis.intent, analysis.urgent) == ("complaint", True)


def test_the_danger_search_keeps_its_shortcut_to_the_characters_a_danger_can_start_with():
    """A pattern that can start anywhere, or with a lookahead, takes the shortcut away without a word: the whole
    search became two and a half times slower once (stop 33). Put a lookahead after a pattern's first word."""
    from bot.nlp.urgency import _HAZARD

    assert _HAZARD.pattern.startswith("(?=[")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("独居老人两天没开门 门缝里有煤气味 敲门没人应", "gas"),
        ("我在电梯里 闻到一股煤气味 电梯停了", "gas"),
        ("孩子在电梯里 里面着火了 门打不开", "fire"),
        ("大爷倒在楼道 旁边着火了 电梯口", "fire"),
    ],
)
def test_a_long_danger_pattern_hides_no_danger_told_inside_it(text, kind):
    """finditer's matches do not overlap: the gas or the fire inside a long match had been lost, and with it the right
    advice (a second review, stop 33)."""
    assert ANALYZER.analyze(text).hazard == kind


@pytest.mark.parametrize(
    "text",
    ["楼上独居的大爷家漏水 昨天敲门也不应 水还在滴", "楼上独居的大爷家装修 吵了两天 敲门也不应"],
)
def test_a_neighbour_alone_who_does_not_open_about_a_nuisance_is_no_one_missing(text):
    """The rules' reading only (the urgency model alarms at both: 独居 and 敲门也不应 together)."""
    assert "lost" not in dangers_in(normalise(text))


@pytest.mark.parametrize(
    "text",
    [
        "俺孙子放学到现在还没回来 都两个钟头了 5号楼的 恁谁看见了吱一声",
        "求转发 麻烦大家扩散 我家老人走失了 三号楼的",
        # gone after a quarrel: someone to find, not a quarrel to mediate in private (a review's bug, stop 35)
        "孙子跟他妈吵了两句 跑出去了 十岁 穿蓝色校服 谁看见了说一声",
        "闺女跟我怄气吵架 离家到现在还没回来 电话关机 大家帮忙找找",
        # 到现在没回来 without 还 (the urgency model had alarmed, and the quarrel made it a dispute)
        "老爷子跟儿媳妇拌了几句嘴 自己出门了 他有老年痴呆 到现在没回来 谁看见了吱一声",
    ],
)
def test_someone_missing_is_filed_under_other_and_told_to_the_group(text):
    """The category model had filed the first as a dispute, which kept it from the group that should help look."""
    reading = ANALYZER.analyze(text)
    assert (reading.urgent, reading.hazard, reading.category, reading.private) == (True, "lost", "other", False)


@pytest.mark.parametrize(
    "text",
    [
        "卫生间有股味 不是燃气味 是地漏反上来的",  # 不是 before the danger's words (the model still alarms at it)
        "楼下炸串的油烟大得跟着火了似的 天天熏",  # a simile
        "楼顶那根落水管掉了一截 下雨往墙上冲",  # 落水管 is a drainpipe, not someone fallen in the water
        "暖气片摸着冰凉 一点热气都没有",  # no heat is no steam from a burst pipe
        "楼道堆了这么多纸箱 真着火谁都跑不掉",  # 真 as "if it came to it"
        "刷到个视频说有人在电梯里晕倒了 大家坐电梯注意",  # hearsay from a feed
        "听人讲河西那边有栋楼着火哒 烧了好几层",  # hearsay in Hunan speech (港 or 讲 for 说)
    ],
)
def test_the_words_of_a_danger_that_tell_of_none(text):
    """Read from a review's calm complaints and talk (stop 36), in other words than theirs: the rules name no danger
    (the urgency model alone still alarms at the first)."""
    assert dangers_in(normalise(text)) == set()


@pytest.mark.parametrize(
    ("text", "hazard"),
    [
        ("不是下水道味 是燃气味 厨房里一股臭鸡蛋味", "gas"),
        ("真着火了 三楼窗户冒黑烟 快打119", "fire"),
        ("孩子掉水里了 就在小区落水口旁边的池塘", "drowning"),
    ],
)
def test_the_same_words_beside_a_danger_still_alarm(text, hazard):
    reading = ANALYZER.analyze(text)
    assert (reading.urgent, reading.hazard) == (True, hazard)


def test_the_guards_of_stop_36_silence_no_danger_a_review_wrote_in_their_words():
    """urgent-guards-review.jsonl (stop 36): 60 dangers now that use the words the guards read as no danger, and 30
    calm lines in them. On stop 35's code 56 found and 11 false alarms; the first guards lost three more dangers
    (真冒烟嘞 三单元楼道; 抖音直播的就是咱家楼下 煤气罐炸了) and were narrowed (真 only before what would follow, a
    feed only when nothing says here): 56 found, 2 false alarms."""
    found = [(row["urgent"], ANALYZER.analyze(row["text"]).urgent) for row in rows("urgent-guards-review.jsonl")]
    assert sum(truth and said for truth, said in found) >= 56
    assert sum(said and not truth for truth, said in found) <= 2


def test_people_missing_in_the_wider_readers_words_and_talk_written_to_tempt_them():
    """urgent-missing-review.jsonl (stop 36): 30 people missing now told with hours not back, nowhere to be seen, a
    confused old person gone, or a small child's age and clothes with who has seen them; 60 calm lines written to
    tempt those readings. Stop 35's code: 11 found, 4 false alarms. The first wider readers: 27 found, 11 false alarms
    (a confused father at his class, a child seen scratching a car, a lost toy or hat); narrowed to one's own child
    sought, nothing of a thing, and no one with them or expected: 29 found, the same 4 false alarms as before (all
    the older readers')."""
    found = [(row["urgent"], ANALYZER.analyze(row["text"]).urgent) for row in rows("urgent-missing-review.jsonl")]
    assert sum(truth and said for truth, said in found) >= 29
    assert sum(said and not truth for truth, said in found) <= 4


@pytest.mark.parametrize(
    "text",
    [
        "我老公打我 吓死了",
        "他喝了酒就打俺",
        "被老公打了 脸都肿了",
        "我婆婆在打我 还不让我出门",
        "俺男人拿皮带抽俺 谁来帮帮俺",
        "他掐我脖子 我跑出来了 在楼下",
        "他又打我了呜呜呜😭 我好怕",
        "我爸又打我妈了 快来人",
        "我老公扇我耳光",
        "他推我下楼梯",
        # a second review's (stop 38), missed by the first narrowing
        "我老公喝醉了不停地打我",
        "他没完没了地打我",
        "他不让我出门 还打我",
        "他打游戏输了就打我 我好怕",
        "他喝多了回来就打我 跟疯了似的",
    ],
)
def test_someone_hit_now_told_by_the_one_hit_is_urgent_and_kept_from_the_group(text):
    """A newcomer's (stop 37): 我老公打我 吓死了 had got no reply in a group, and 我老公打我 read as a yes to a
    meeting. The one hit, or their family: whoever hit them, the group hears only the number."""
    reading = ANALYZER.analyze(text)
    assert (reading.intent, reading.urgent, reading.hazard, reading.private) == ("complaint", True, "violence", True)


@pytest.mark.parametrize(
    "text",
    [
        "有事打我电话",
        "有人打我电话说是医保局的 大家别信",
        "他从来不打我",
        "被她打了个电话 说明天停水",
        "有人打我主意 想让我买保健品",
        "昨天新闻里一个女的被老公打了",
        "我小时候被我爸打过",
        "他要是敢打我我就报警",
        "钱打我卡上就行",
        # a review's (stop 38)
        "他没有打我 只是吵了几句",
        "他打我一下 闹着玩的",
        "昨晚打麻将他们把我打得落花流水",
        "推销的人天天打我 烦死了",
        "他打我的时候我才五岁",
        "别人打我骂我我都不在乎",
        "有人踢我车 车门都瘪了",
        "他踢我家狗",
    ],
)
def test_hitting_words_that_tell_no_one_hit_now_are_no_report(text):
    """A review's look-alikes of the rule above (stop 38): a call, money, a denial, the past, news, what if."""
    assert not ANALYZER.analyze(text).urgent


@pytest.mark.parametrize("text", ["楼道里有人放火 好吓人", "熊孩子在车棚玩火", "有人纵火"])
def test_a_fire_being_set_now_is_urgent(text):
    reading = ANALYZER.analyze(text)
    assert (reading.urgent, reading.hazard) == (True, "fire")


@pytest.mark.parametrize(
    "text",
    [
        "只许州官放火不许百姓点灯",
        "放火烧山 牢底坐穿 大家注意",
        "小孩玩火很危险",
        "燃气灶点火点不着",
        # notices (a review's, stop 38)
        "严禁在楼道内玩火 违者罚款",
        "冬季防火 切勿在楼道玩火",
        "别在车棚玩火",
        "警惕纵火 人人有责",
        "不要让孩子在楼道玩火",
        "请家长看管好孩子，禁止孩子在车棚玩火",
        "严禁小孩在楼道内玩火",
        "教育孩子不要在楼道里玩火",
    ],
)
def test_setting_fire_in_sayings_advice_or_a_stove_is_no_alarm(text):
    assert not ANALYZER.analyze(text).urgent


@pytest.mark.parametrize(
    ("text", "hazard", "private"),
    [
        ("我婆婆刚才下楼梯摔倒了 头磕破了在流血", "collapse", False),  # a newcomer's (stop 38): had got 110's advice
        ("孩子摔了一跤 膝盖流血了", "collapse", False),
        ("俩人打起来了 头破了在流血", "violence", True),
        ("听见隔壁男的在摔东西 女的一直喊救命 孩子也在哭", "violence", True),
    ],
)
def test_blood_after_a_fall_is_an_injury_and_after_blows_violence(text, hazard, private):
    reading = ANALYZER.analyze(text)
    assert (reading.urgent, reading.hazard, reading.private) == (True, hazard, private)
