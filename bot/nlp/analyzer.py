"""Reads a resident's message: intent, category, place, urgency, compound; for meetings, guests and time.

High-precision rules decide where they are sure (an explicit 报事, a decisive word like 消防通道, an RSVP
or a status question); a statistical model (bot.nlp.model: TF-IDF over jieba words and character n-grams,
logistic regression, for intent averaged with a one-hidden-layer network) decides the rest. Places are read by
patterns (bot.nlp.places), never by the model. Built once at start-up; per message it costs one normalisation, one
jieba pass and a few dot products, and
text with nothing to read (emoji, [图片]) leaves before any of that.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, fields, replace
from datetime import datetime

from bot.clock import local_iso
from bot.commands import after_folded
from bot.nlp import keywords as kw
from bot.nlp import rsvp
from bot.nlp.disputes import has_friction, is_dispute, might_be_dispute, names_a_known_party
from bot.nlp.features import features
from bot.nlp.model import Models, Prediction, load_models
from bot.nlp.normalize import normalise
from bot.nlp.places import (
    TAKEN_BACK,
    Place,
    building_right_after,
    correction_at,
    find_place,
    first_taken_back_at,
    numbered_place_at,
    place_meant_at,
    says_not_this_building,
    taken_back_weakly,
    without_places,
)
from bot.nlp.times import parse_when
from bot.nlp.urgency import (
    PRIORITY,
    SENSITIVE,
    Hazard,
    breath_lost,
    calls_for_help,
    cries_only,
    dangers_in,
    has_strong_sign,
    hazard_of,
    hit_oneself,
    names_a_harmless_smoke,
    not_now,
    without_cries,
    without_figures,
)

_HAS_CJK_OR_DIGIT = re.compile(r"[\u4e00-\u9fff0-9]")
_PLACEHOLDER = re.compile(r"^\[(?:图片|语音|视频|表情|文件|动画表情|链接|位置|名片|红包|转账)\]$")
# A complaint the model is unsure of needs a word that names a problem, or it is left as chatter: a group
# annoyed by offers to register every grumble is worse than one grumble that needs an explicit 报事. 0.6 rather than
# 0.5 read the training files left out in turn better (intent 0.909 -> 0.913, chatter taken for a complaint 5.5 -> 4.8
# in 40, python -m bot.nlp.crosscheck).
# Swept again for the averaged intent model of stop 19 (0.5 to 0.7: intent level at 0.922, category traded for
# chatter) and kept; so were TALK_ABOUT_DANGER (0.5 to 0.7) and ANSWER_SHARE (0.6 to 1.25), level within 0.001.
UNSURE_COMPLAINT = 0.6
# A complaint the intent model is not sure of (under UNPLACED_COMPLAINT) whose problem the category model cannot place
# (its two likeliest categories together under UNPLACED_CATEGORY) is talk, problem word or not: what names no problem
# the category model knows is mostly a grumble about life, a joke, praise or a question about a rule (周一综合症
# 整个人像断了电的机器人, 公共绿地能种菜吗, 八号楼的防盗门修好了 关门不咣当了). Two likeliest, not one: 又没热水了 is
# water or heating, a problem either way. Not when the urgency model hears danger (UNPLACED_URGENCY): a calm threat is
# still a report. Chosen on the training files left out in turn (stop 33): of the settings tried (0.6 to 0.8; the
# likeliest alone under 0.4 to 0.6, or the two under 0.55 to 0.65; urgency 0.1 to 0.35), this one loses about one
# complaint for every four talk lines it keeps from offers: 63 fewer of 11 894 talk lines taken for complaints, 16 more
# of 12 472 complaints lost, no danger lost (intent 0.931 -> 0.933, chatter 2.1 -> 1.9 in 40); at 0.8 and 0.6, 87 and
# 30.
UNPLACED_COMPLAINT = 0.7
UNPLACED_CATEGORY = 0.6
UNPLACED_URGENCY = 0.35
# A complaint the urgency model reads as urgent at least this surely is urgent even if no danger rule fired. The
# threshold favours recall (a false alarm costs a worker a look; a missed gas leak far more). 0.35 since stop 23, when
# a network was averaged with the regression: their average is surer of neither class. On the training files left
# out in turn, with stop 23's files, the regression alone at 0.5 read urgent recall 0.970 and F1 0.867; the two
# averaged at 0.5 0.957 and 0.886, at 0.35 0.972 and 0.876, at 0.3 0.977 and 0.869.
URGENT_MODEL_THRESHOLD = 0.35
# A message the rules find no danger in and that reads as talk (a greeting, a question for neighbours, or by the
# intent model) is still a report when the urgency model is this sure of danger: a review's 快看 对面楼着了 0.97,
# 谁家在烧东西啊 烟好大 0.94, 刚才好像听到有人喊救命 0.96, 有个小朋友走丢了 在哭 0.90 had been dropped as talk. On
# the training files left out in turn (stop 24) talk reads this high almost never: of 12 000 messages read as talk,
# at 0.9 one (a danger), at 0.8 four (one danger).
UNHEARD_DANGER = 0.9
# …unless the intent model is this sure it is talk: the urgency model is not asked then, which keeps the analyzer's
# speed on the group mix (most talk is read this surely). The dangers above read 0.52 to 0.89 as talk.
SURELY_TALK = 0.95
# A report's softer dangers (water "flooding", something "falling", a "hole", a "break-in": the rules read these
# broadly) are no danger when the urgency model gives them less than their SOFT_HAZARD_DOUBT; then the next danger
# the words name counts, if any (门锁被撬了 求救). A burst pipe and an open manhole are never doubted (their doubt is
# 0), but their words in talk are still talk (below). People trapped, hurt or fighting, fire, gas, smoke and sparks
# are neither: the rules decide them alone. Chosen on the training files left out in turn (bot.nlp.crosscheck), never
# on the validation files (stop 16: one threshold of 0.1 for all, and URGENT_MODEL_THRESHOLD kept at 0.5).
# Stop 20 moved bursts of hot water and steam, and open manholes, out of flood and hole (urgent in 115 of 117 and
# 25 of 29 training lines): the shared dev set's 11号楼供暖管道漏水了，楼道里全是热水汽 had read 0.18, and
# 井盖不见了 晚上黑 0.02. At 0.4 for the other kinds the training files left out in turn lost no danger and 44 of 605
# false alarms, but a reviewer's own dangers were lost between 0.15 and 0.35 (路中间陷下去一个坑 骑电动车的摔了
# 0.18, 我家跑水了 楼下邻居家也淹了 0.22, 有个陌生人一直在拧我家门把手 0.35): recall first, so 0.15, which took 20
# false alarms back and lost none of those. 0.1 since stop 24, whose retrained model read 我家跑水了 楼下邻居家也淹了
# 0.139: on the training files left out in turn, urgent F1 0.903 -> 0.901 and no danger more found or lost.
SOFT_HAZARD_DOUBT = {"flood": 0.1, "falling": 0.1, "hole": 0.1, "breakin": 0.1, "burst": 0.0, "manhole": 0.0}
SOFT_HAZARDS = frozenset(SOFT_HAZARD_DOUBT)
# The other kinds the rules read (STRONG_HAZARDS: fire, sparks, people trapped, collapsed or fighting…) are doubted
# only when the urgency model is all but sure there is no danger: a smoke alarm whose battery is flat, a stove's
# yellow flame, a dog's owner in the lift, a broom handle poked at the ceiling. On the training files left out in turn
# (stop 24), under 0.03 took back 79 false alarms and no danger (at 0.05, 98 and three dangers). Never a threat of
# self-harm nor a poisoning, which the model knows too little of (我家老人吃错药了 reads 0.03), nor gas.
STRONG_HAZARD_DOUBT = 0.03
# Someone hurt just now by a softer danger (路中间陷下去一个坑 骑电动车的摔了, 井盖松了 孩子崴了脚): the danger has
# shown itself, and no doubt takes it back. Not falls told as a pattern (骑车摔了好几个).
_SOMEONE_HURT = re.compile(
    r"(?:摔(?:了|倒|伤|进|下去|一跤)|崴了|受伤|磕破|流血|掉进去|掉下去了|砸着人|砸到人|砸伤)(?!好几|好多|几个|过|多少)"
)
# The softer dangers' words in talk about one (刮大风的时候阳台上的东西晃悠 记得收一收): no report when both models
# say so, the intent model that it is chatter at least this surely and the urgency model that it is calm. Only the
# soft kinds: a review found gas (俺妈说闻到煤气味了), wiring on fire and sparks dropped as talk when every kind but
# people at risk could be doubted, and in stop 17 another found 早上闻到煤气味 吓一跳, 插座短路了 and poisonings
# (我家老人吃错药了) dropped when gas, sparks and poison were added, though the training files left out in turn had
# lost no danger to it (F1 0.860 -> 0.867): the urgency model knows too little of those to overrule the rules.
TALK_ABOUT_DANGER = 0.6
# The other kinds of danger the rules read (PLAIN_TALK_KINDS: fire, sparks, a fight, people trapped…) are talk only
# when both models are far surer: the intent model that it is chatter at least PLAIN_TALK surely, the urgency model
# that it is urgent less than PLAIN_TALK_URGENCY, and the message names no building, unit or room of ours (大家注意
# 三号楼着火了 is a report however the models read it), nor a strong sign (被困, 救命, 晕倒), nor someone hurt.
# What it takes back is tips, news, drills, things over, adverts and jokes that name a danger (油锅着火别泼水,
# 隔壁小区着火了, 电梯困人演练). On the training files left out in turn (stop 24), urgency under 0.1 took back 121 of
# 633 false alarms, all of them talk, and no danger; but two dangers reviews had found (谢谢大家，电梯里有人被困 0.097,
# 插座着火了 哈哈 吓我一跳 0.073) went with them. At 0.05 the retrained model read the second 0.044, so 0.03, the
# doubt of STRONG_HAZARD_DOUBT (intent 0.930 -> 0.929, urgent F1 0.903 -> 0.901 on the files left out in turn).
PLAIN_TALK = 0.7
PLAIN_TALK_URGENCY = 0.03
# The kinds the urgency model may doubt when all but sure. Not gas: a review found a leak asked of neighbours
# (请问燃气公司电话多少 家里漏气了, 是不是燃气漏了 你们闻闻: urgency 0.020 and 0.023); nor someone lost, whom the
# training files hardly name. electric_fire is what hazard_of names fire beside wiring, never one of dangers_in's
# kinds: doubted with fire.
_NEVER_DOUBTED = SENSITIVE | {"poison", "alarm", "gas", "lost"}
STRONG_HAZARDS = (frozenset(PRIORITY) - SOFT_HAZARDS - _NEVER_DOUBTED) | {"electric_fire"}
# Talk only when every danger the rules read is of these kinds: nor someone collapsed, which a review found asked of
# neighbours too (有人晕了 谁会心肺复苏: urgency 0.04, talk 0.98 surely), nor a cry for help (快报警).
PLAIN_TALK_KINDS = STRONG_HAZARDS - {"collapse"}
# The model shares what it gives to answering among three answers, so talk can come first though answering is likelier
# (考虑考虑, 晚点给你准信): the message is an answer when the three together have more than talk. (At half of talk's
# share the training files left out in turn read answers a little better, 0.730 -> 0.743, but a review found 不清楚
# and 都行 counted in a tally: an answer the group sees that nobody gave is worse than one to give again.)
ANSWER_SHARE = 1.0
# An answer this long or longer may say more than the answer (不去了 屋里一股怪味 头晕恶心): the urgency model reads it.
MIN_ANSWER_WITH_MORE = 6
_NOT_COMING = frozenset({"rsvp_no", "rsvp_maybe"})
_ANSWERS = _NOT_COMING | {"rsvp_yes"}  # (a query may cry 救命 in exasperation: 救命 我那个事到底有没有人跟啊)
# A message with fewer Chinese characters than this once its places are taken out is an address, not a report.
MIN_REPORT_CHARACTERS = 2
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Analysis:
    intent: str
    category: str | None = None
    building: int | None = None
    unit: int | None = None
    room: str | None = None
    urgent: bool = False
    compound: str | None = None
    explicit: bool = False
    guests: int = 0
    when: str | None = None
    hazard: str | None = None  # what makes it urgent: gas, fire, trapped, flood… (bot.nlp.urgency)
    private: bool = False  # might be a dispute: the group hears nothing but the ticket number
    me_too: bool = False  # a bare "+1": talk read alone, a yes where a meeting is open (the meetings router)

    def as_dict(self) -> dict:
        # dataclasses.asdict deep-copies field by field; for flat fields this is the same and 5x cheaper.
        return {name: getattr(self, name) for name in _FIELDS}


_FIELDS = tuple(f.name for f in fields(Analysis))
CHATTER = Analysis(intent="chatter")
ME_TOO = Analysis(intent="chatter", me_too=True)


class Analyzer:
    def __init__(
        self,
        compounds: dict[str, list[str]] | None = None,
        bot_names: tuple[str, ...] = (),
        models: Models | bool | None = True,
    ) -> None:
        # Longest alias first, so 同鑫小区 is found before 同鑫.
        self._compound_names = sorted(
            ((alias, name) for name, aliases in (compounds or {}).items() for alias in [name, *aliases]),
            key=lambda pair: -len(pair[0]),
        )
        self._mentions = tuple(f"@{name}" for name in bot_names)
        self.models = load_models() if models is True else (models or None)
        if self.models is not None:
            features("预热")  # load the segmenter's dictionary now, at start-up, not on the first message

    def analyze(self, raw: str, as_report: bool = False, now: datetime | None = None) -> Analysis:
        """`as_report`: the person already said it is a report (a button, an @-mention): read it as one.
        `now`: also read a time the text names ("下周三晚上7点"), relative to it, into `when`."""
        analysis = self._analyze(raw, as_report)
        if now is None or analysis.intent == "complaint":
            return analysis
        moment = parse_when(normalise(raw or ""), now)
        return replace(analysis, when=local_iso(moment)) if moment else analysis

    def _read(self, raw: str) -> str:
        """What the readers read of a message: normalised, without the bot's name and figures of speech."""
        return without_figures(self._without_mentions(normalise(raw or "")))

    def _analyze(self, raw: str, as_report: bool) -> Analysis:
        text = self._read(raw)
        if not as_report and rsvp.bare_yes(text):
            return self._answer("rsvp_yes", text)  # 去, 我去我去, 🙋: nothing else to read in it
        if not as_report and rsvp.me_too(text):
            return ME_TOO  # +1: a yes only to a meeting open in the group, which the meetings router knows of
        if not as_report and (not text or not _HAS_CJK_OR_DIGIT.search(text) or _PLACEHOLDER.match(text)):
            return CHATTER
        explicit = as_report or self.is_explicit(text)
        # Danger is read first, for recall: 有煤气味吗 is no question, 谢谢 快来人 no chatter.
        dangers = dangers_in(text, figures_out=True)
        hazard = hazard_of(dangers, text)
        reported = explicit or hazard is not None
        hits = kw.INDEX.found(text)  # every keyword list's words in this text, found in one pass
        if not reported:
            quick = self._rsvp_or_query(text, hits)
            if quick is not None and not self._danger_beyond_the_answer(quick, text):
                return quick
            reported = quick is not None
        if not reported and not hits.isdisjoint(kw.CHATTER_MARKS) and not _names_a_problem_word(hits):
            # 谢谢, 辛苦了, 早上好… with no problem word: said before the model is asked, as it would be ignored. With
            # one (早上好 五号楼那家的狗又在楼道里拉了, 谢谢保洁阿姨 就是垃圾桶三天没人拉了) the model reads it: on the
            # training files left out in turn, 44 complaints had been lost to a greeting or thanks (stop 17: intent
            # 0.919 -> 0.921, chatter taken for a complaint 3.5 -> 3.6 in 40). (Not asked of the urgency model, as
            # the rest of talk is (_unheard_danger): most greetings and thanks are here, and the model's reading would
            # cost a tenth of the analyzer's speed on the group mix for dangers the rules already hear: 谢谢 快来人.)
            return CHATTER
        if not reported and kw.asks_about_a_service(text):
            if not self._unheard_danger(text):
                return CHATTER  # 明天几点停水？物业费什么时候交？: a question for neighbours, not a report
            reported = True
        if not reported and not self._says_more_than_a_place(text, hits):
            return CHATTER  # 同鑫花园5号楼: an address (the answer to "where?"), no report of its own
        tokens = Counter(features(text, hits)) if self.models else Counter()
        if not reported:
            intent, talk = self._intent(text, hits, tokens)
            if intent not in ("complaint", "chatter"):
                # An answer or a query by the model alone is no answer when the urgency model is all but sure of
                # danger, as talk is not, nor when it calls for help: retrained models read 快来啊 我妈不行了
                # 头晕得厉害 as a refusal (不行了), one with the urgency model at 0.64. No one answers a meeting so.
                if not self._unheard_danger(text, tokens) and not (intent in _ANSWERS and calls_for_help(text)):
                    return self._answer(intent, text)
            elif intent == "chatter" and (talk >= SURELY_TALK or not self._unheard_danger(text, tokens)):
                return CHATTER
        urgency = self._urgency(text, tokens)
        place = find_place(text)
        if hazard is None:
            if urgency is not None and urgency >= URGENT_MODEL_THRESHOLD and not names_a_harmless_smoke(text):
                hazard = Hazard("alarm", None)  # danger in words the rules lack: the general advice, 110/119/120
        elif not explicit:
            if hazard.kind in SOFT_HAZARDS:
                if self._talk_about_danger(tokens, urgency):
                    return CHATTER
            elif self._plainly_talk(text, dangers, tokens, urgency, place):
                return CHATTER
            doubted = self._doubted(urgency, text)
            if hazard.kind in doubted:
                # 下雨往外滋一点水, 墙皮往下掉, 烟感没电了一直滴滴叫: the words of a danger in a report of none,
                # unless another is named
                hazard = hazard_of(dangers - doubted, text)
                if hazard is None and self._talk_about_danger(tokens, urgency):
                    return CHATTER  # 人家骑手被车撞了也得送外卖 不容易啊: its danger doubted, talk is what is left
        category = self._category(hits, tokens)
        # A fight now (俩醉汉在门口打起来了 一个头破了) is violence first. Among people who know each other (两家为车位
        # 打起来了) it is a quarrel gone too far, still a dispute; among strangers the model reads whether it is
        # security. Forced to dispute by their conflict words, 85 of the training files' violent security reports
        # had read as disputes (category on the training files left out in turn 0.916 -> 0.920, as when the model
        # decides every fight). Either way the group hears none of a quarrel (_private).
        fight_among_strangers = hazard is not None and hazard.kind == "violence" and not names_a_known_party(text)
        # Someone gone after a quarrel (跟我吵架后出走了 天黑了还没回来) is someone to find first: filed under the
        # danger's category, not as the quarrel behind it
        someone_missing = hazard is not None and hazard.kind == "lost"
        if is_dispute(text) and not fight_among_strangers and not someone_missing:
            category = "dispute"
        elif hazard is not None and hazard.category:
            category = hazard.category
        elif hazard is not None and hazard.kind == "collapse" and category == "power_gas" and breath_lost(text):
            category = "other"  # 去不了 我妈没气了: her breath, not the gas supply (没气 is a word of power_gas)
        return Analysis(
            intent="complaint",
            category=category,
            building=place.building,
            unit=place.unit,
            room=place.room,
            urgent=hazard is not None,
            compound=self.compound_in(text),
            explicit=explicit,
            hazard=hazard.kind if hazard else None,
            private=self._private(text, category, hazard),
        )

    def _says_more_than_a_place(self, text: str, hits: set[str]) -> bool:
        beyond = self._beyond_the_place(text)
        # the words beyond the place, read for problem words anew where the place was taken out of them (2单元门口 is
        # no 单元门, a door of the kind that breaks, but 2单元 and 门口)
        words = hits if beyond == text else None
        if beyond != text and (_only_where_words(beyond) or _PLACE_DENIED.fullmatch(_GAPS.sub("", beyond))):
            return False  # 就在5号楼2单元, 是五号楼的, 不在5号楼 在6号楼: where, and nothing else
        return len(_CJK.findall(beyond)) >= MIN_REPORT_CHARACTERS and not _only_where(beyond.strip(), words)

    def _beyond_the_place(self, text: str) -> str:
        """What a (normalised) text says once its compound and its building, unit and room are taken out."""
        for alias, _name in self._compound_names:
            text = text.replace(alias, " ")
        return without_places(text)

    def _talk_about_danger(self, tokens: Counter, urgency: float | None) -> bool:
        if urgency is None or urgency >= URGENT_MODEL_THRESHOLD:
            return False
        reading = self.models.intent.predict_counts(tokens)
        return reading.label == "chatter" and reading.confidence >= TALK_ABOUT_DANGER

    def _plainly_talk(self, text: str, dangers: set[str], tokens: Counter, urgency: float | None, place: Place) -> bool:
        """Talk naming a danger that both models read as talk, far surely, and that names no place of ours."""
        if urgency is None or urgency >= PLAIN_TALK_URGENCY or not dangers or not dangers <= PLAIN_TALK_KINDS:
            return False
        if has_strong_sign(text) or _SOMEONE_HURT.search(text):
            return False
        reading = self.models.intent.predict_counts(tokens)
        if reading.label != "chatter" or reading.confidence < PLAIN_TALK:
            return False
        return place.building is None and place.unit is None and place.room is None

    @staticmethod
    def _doubted(urgency: float | None, text: str) -> set[str]:
        """The kinds of danger the urgency model's reading takes back: a softer kind under its own doubt, any other
        (STRONG_HAZARDS) only when the model is all but sure; none without a model, nor once someone has been hurt
        or a strong sign is there."""
        if urgency is None or _SOMEONE_HURT.search(text):
            return set()
        soft = {kind for kind, doubt in SOFT_HAZARD_DOUBT.items() if urgency < doubt}
        if urgency >= STRONG_HAZARD_DOUBT or has_strong_sign(text):
            return soft
        return soft | STRONG_HAZARDS

    def _unheard_danger(self, text: str, tokens: Counter | None = None) -> bool:
        """Talk by every other reading that the urgency model is all but sure is a danger (谁家在烧东西啊 烟好大), and
        that is not told as over, elsewhere, in jest or in a drill (楼下有人喊救命，在拍视频 reads 0.92)."""
        if not_now(text) or names_a_harmless_smoke(text):
            return False
        urgency = self._urgency(text, tokens)
        return urgency is not None and urgency >= UNHEARD_DANGER

    def _urgency(self, text: str, tokens: Counter | None = None) -> float | None:
        """The urgency model's probability that a complaint is urgent (None without one: the rules decide alone).
        `tokens`: the text's features, read again only when taking its places out changes it."""
        urgency = self.models.urgency if self.models else None
        if urgency is None:
            return None
        plain = without_places(text)  # trained without places too (bot/nlp/train.py)
        reading = urgency.predict_counts(tokens) if tokens and plain == text else urgency.predict(plain)
        return reading.confidence if reading.label == "urgent" else 1 - reading.confidence

    @staticmethod
    def _private(text: str, category: str, hazard: Hazard | None) -> bool:
        """Kept from the group (it hears only the ticket number): a dispute, or a report that might be one; a
        danger beside a neighbour (隔壁有煤气味) is told to the group, a conflict even when urgent is not; and
        someone's threat to harm themselves never is."""
        if category == "dispute" or (hazard is not None and hazard.kind in SENSITIVE):
            return True
        if hazard is None:
            return might_be_dispute(text)
        if hazard.kind == "lost":
            return False  # the group is who finds someone missing, and it hears only the ticket and the advice
        # A fight among people who know each other, whatever the model calls it (楼上那家男的又在打老婆). Fear beside a
        # danger of things (家里一股液化气的味道 有点害怕) is of the danger, no one's threat: it had kept a gas leak's
        # advice from the group (a newcomer's, stop 37).
        if hazard.kind != "violence":
            text = _FEAR.sub("", text)
        return has_friction(text) or (hazard.kind == "violence" and (names_a_known_party(text) or hit_oneself(text)))

    def is_explicit(self, text: str) -> bool:
        """A report trigger at the start (报事 …, #投诉 …, /report …).

        Only at the start: "我不是要投诉啊" and "打12345投诉热线" are not reports. An @-mention of the bot
        is not read as a report here ("@网格通 谢谢"): the handlers decide what words to the bot mean."""
        return bool(kw.TRIGGER.match(text))

    def strip_trigger(self, text: str) -> str:
        """What is left of a report once its trigger and the bot's name are taken off."""
        return kw.TRIGGER.sub("", self._without_mentions(normalise(text)), count=1).strip()

    def as_written(self, raw: str) -> str:
        """The report as the resident wrote it, for the ticket and the worker: without the bot's name and a trigger
        at its start (@网格通 报事：…), and otherwise untouched (its punctuation, its width, its traditional
        characters: only what is read is normalised)."""
        text = raw.strip()
        while True:
            folded = unicodedata.normalize("NFKC", text)
            mention = next((m for m in self._mentions if folded.startswith(m)), None)
            cut = len(mention) if mention else (m.end() if (m := kw.TRIGGER.match(folded)) and m.end() else 0)
            if not cut:
                return text
            text = after_folded(text, cut).strip()

    def _without_mentions(self, text: str) -> str:
        for mention in self._mentions:
            if mention in text:
                text = text.replace(mention, " ").strip()
        return text

    def place_of(self, raw: str) -> tuple[str | None, Place, str]:
        """The compound and the building, unit and room a text names (an answer to "where is it?"), and what
        else it says once those are taken out. Kept for the last few texts: a message is read for its place by
        the route that decides whether it is about a waiting report, and again by the one that acts on it."""
        return self._place_of(raw or "")

    @functools.lru_cache(maxsize=64)  # noqa: B019 (an analyzer lives as long as the process; its texts are few)
    def _place_of(self, raw: str) -> tuple[str | None, Place, str]:
        text = self._without_mentions(normalise(raw))
        place = find_place(text, answer=True)
        return self.compound_in(text, answer=True), place, " ".join(self._beyond_the_place(text).split())

    def takes_a_place_back(self, raw: str) -> bool:
        """Words that open the message by taking back a place said before and say the place meant at once
        (说错了 是十五号楼, 不好意思刚才说错了 是银山苑), or nothing but a place and one said not to be it (是15号楼
        不是5号楼, 不是同鑫是银山, 是十五号楼才对). Not a place in a sentence about something else (楼道灯坏了 不对
        是15号楼的, 乱扔垃圾的不是5号楼 是15号楼的人)."""
        text = self._without_mentions(normalise(raw or ""))
        meant = place_meant_at(text) if self._opens_by_taking_back(text) else None
        if meant is not None and (numbered_place_at(text, meant) or self._compound_starts(text, meant)):
            return not taken_back_weakly(text) or self._nothing_but_places(text)
        named = self._compounds_named(text)
        denied = says_not_this_building(text) or any(_said_not_to_be(text, at) for at, _end, _name in named)
        # (15号楼 刚才说错了, 哎呀 是银山苑5号楼 不是同鑫: the place first, what was wrong after)
        taken_back = denied or "才对" in text or correction_at(text) is not None
        return taken_back and self._nothing_but_places(text)

    def _nothing_but_places(self, text: str) -> bool:
        """Places, places denied or taken back, and filler (哎呀, 不好意思, 刚才说错了), and nothing else."""
        return not _NOT_JUST_PLACES.sub("", self._beyond_the_place(text)).strip()

    def _opens_by_taking_back(self, text: str) -> bool:
        """The words taking a place back come first, after nothing of substance (不好意思 刚才太慌了 说错了 …)."""
        at = first_taken_back_at(text)
        if at is None or at > MAX_BEFORE_TAKING_BACK:
            return False
        before = text[:at]  # (may name the place taken back: 我说的五号楼是错的)
        return self.problem_in(before) is None and not dangers_in(before)

    def says_it_is(self, raw: str, compound: str) -> bool:
        """是同鑫花园五号楼: the compound named right after 是 (said to be the place, not one passed on the way)."""
        text = self._without_mentions(normalise(raw or ""))
        return any(
            name == compound and text[:at].rstrip().endswith("是") for at, _end, name in self._compounds_named(text)
        )

    def _compound_starts(self, text: str, at: int) -> bool:
        return any(text.startswith(alias, at) for alias, _name in self._compound_names)

    def names_a_danger(self, raw: str) -> bool:
        """Whether the danger reader's rules find a danger in the words (救命, 煤气味, 困在电梯里…), whatever the
        models make of them."""
        return bool(self.dangers_named(raw))

    def dangers_named(self, raw: str) -> set[str]:
        """Every kind of danger the rules find in the words (gas, collapse, alarm for a bare cry…)."""
        return dangers_in(self._without_mentions(normalise(raw or "")))

    @staticmethod
    def says_only_where(raw: str) -> bool:
        """What is left of a message once its place is out (place_of) says only that it is there, perhaps with a
        cry (就在, 是…的, 快来啊), and neither asks (5号楼？, 是5号楼吗) nor says anything else (不在, 对面, 没事)."""
        return _only_where_words(without_cries(normalise(raw or "")))

    def says_only_a_place(self, raw: str) -> bool:
        """Where, and nothing else, with or without a building (车库里面, 就在我家这栋 三楼, 不在5号楼): as the analyzer
        reads a message before taking it for talk of that alone."""
        text = self._read(raw)
        return not self._says_more_than_a_place(text, kw.INDEX.found(text))

    @staticmethod
    def only_cries(raw: str, at_most: int) -> bool:
        """Nothing but cries for help and filler (快来人啊, 救命), with at most `at_most` characters besides."""
        return cries_only(normalise(raw or ""), at_most)

    def problem_in(self, raw: str) -> str | None:
        """The category of a problem the words themselves name (a category word beside a problem word, or a word
        that is a problem on its own), by the keyword lists alone: 灯坏了 → lighting; 门口那个灯, 麻烦快点来修 →
        None. For telling whether more words add a new problem, where the model would guess at anything."""
        text = self._without_mentions(normalise(raw or ""))
        hits = kw.INDEX.found(text)
        if hits.isdisjoint(kw.PROBLEM_WORDS) and hits.isdisjoint(kw.STRONG_WORDS):
            return None
        return self._keyword_category(hits)

    def compound_in(self, text: str, answer: bool = False) -> str | None:
        """The compound a text names. Of two: the first named after words that take a place back (不是同鑫花园
        是银山苑), else the one a building follows (银山苑旁边的同鑫花园3号楼), else the first named; in an answer
        to "where is it?" (`answer`), one said not to be it (不是银山苑) never, and else the last named (银山苑 哦
        同鑫花园): someone who says two places in an answer says the one meant last."""
        if not any(alias in text for alias, _name in self._compound_names):
            return None  # (most messages name none: no positions to weigh)
        named = self._compounds_named(text)
        if answer:
            named = [(at, end, name) for at, end, name in named if not _said_not_to_be(text, at)]
        if len({name for _at, _end, name in named}) > 1:  # 银山苑对面的同鑫花园: 银山苑 is only a landmark
            named = [(at, end, name) for at, end, name in named if not _LANDMARK.match(text, end)] or named
        if len({name for _at, _end, name in named}) < 2:
            return named[0][2] if named else None
        start = correction_at(text, answer)
        after = [name for at, _end, name in named if start is not None and at >= start]
        with_building = [name for _at, end, name in named if building_right_after(text, end)]
        return next(iter(after or with_building), named[-1][2] if answer else named[0][2])

    def _compounds_named(self, text: str) -> list[tuple[int, int, str]]:
        """Each compound named (where it starts and ends, and its name), in text order; where two aliases
        overlap (同鑫 in 同鑫花园), the longest."""
        found: list[tuple[int, int, str]] = []
        for alias, name in self._compound_names:  # longest first
            at = text.find(alias)
            while at >= 0:
                if not any(start <= at < end for start, end, _name in found):
                    found.append((at, at + len(alias), name))
                at = text.find(alias, at + len(alias))
        return sorted(found)

    def _rsvp_or_query(self, text: str, hits: set[str]) -> Analysis | None:
        """The rules that are sure: a status question, or a short RSVP answer without a problem word."""
        asks_status = not hits.isdisjoint(kw.QUERY_PATTERNS) and not hits.isdisjoint(kw.QUERY_ASKING)
        if not hits.isdisjoint(kw.QUERY_FIRST) or (asks_status and len(text) <= 40) or kw.REPORTED_AGO.fullmatch(text):
            return Analysis(intent="query")
        if rsvp.solitaire(text) is not None:
            return self._answer("rsvp_yes", text)  # a 接龙 list's title may name a problem (停车位): still a yes
        intent = rsvp.rsvp_intent(text)
        if intent is None or _names_a_problem(hits):
            return None  # beside a problem word ("报名参加了也没人修", "消防车进不来") it is no RSVP
        return self._answer(intent, text)

    def _danger_beyond_the_answer(self, quick: Analysis, text: str) -> bool:
        """An answer the rules read that tells a danger in words they lack, which the urgency model is all but sure
        of (不去了 屋里一股怪味 头晕恶心 reads 1.00): a report, for the danger comes before the meeting. Asked only of
        refusals and maybes with more words than the answer itself (a danger is a reason not to come); ordinary
        reasons (孩子发烧了, 腰扭了走不动) read under 0.45, a review's fever, cold, sprain and check-up under 0.75."""
        return quick.intent in _NOT_COMING and len(text) >= MIN_ANSWER_WITH_MORE and self._unheard_danger(text)

    @staticmethod
    def _answer(intent: str, text: str) -> Analysis:
        return Analysis(intent=intent, guests=rsvp.guests_of_answer(text) if intent == "rsvp_yes" else 0)

    def _intent(self, text: str, hits: set[str], tokens: Counter) -> tuple[str, float]:
        """Asked only once the chatter marks (谢谢, 早上好…) are ruled out. With the intent, how surely the model
        reads the message as talk (0 when it reads it as something else)."""
        has_problem = _names_a_problem_word(hits)
        if self.models is None:
            return "complaint" if has_problem and self._keyword_category(hits) is not None else "chatter", 0.0
        label, first = self._intent_reading(tokens)
        talk = first.confidence if first.label == "chatter" else 0.0
        if label.label.startswith("rsvp"):
            if has_problem and (unrefused := rsvp.without_refusals(text)) != text:
                # 这次去不了 下次啥时候办, 去不了 加班狗: the 不了 of 去不了 names no problem (it had made refusals
                # complaints, or talk beside a word of a category)
                hits = kw.INDEX.found(unrefused)
                has_problem = _names_a_problem_word(hits)
            answer = _answer_in_the_words(text, hits, label.label, has_problem)
            if answer is not None:
                return answer, talk
            if label is first:
                return "complaint" if has_problem and not rsvp.announces(text) else "chatter", talk
            label = first  # talk, first for the model, the answers counted together: asked on like any talk
        unsure = label.label == "complaint" and (
            (label.confidence < UNSURE_COMPLAINT and not has_problem) or self._unplaced(label.confidence, text, tokens)
        )
        if (label.label == "chatter" or unsure) and kw.asks_for_a_personal_service(text):
            # Chosen on the training files left out in turn (docs/performance.md, stop 16), its words narrowed after
            # review so that news asked of neighbours (今年养老金涨了吗) stays talk.
            return "complaint", talk
        return "chatter" if unsure else label.label, talk

    def _unplaced(self, complaint: float, text: str, tokens: Counter) -> bool:
        if complaint >= UNPLACED_COMPLAINT:
            return False
        first, second = sorted(self.models.category.probabilities(tokens))[-2:][::-1]
        if first + second >= UNPLACED_CATEGORY:  # two close readings (水 or 暖气 for 没热水) still place a problem
            return False
        urgency = self._urgency(text, tokens)
        return urgency is None or urgency < UNPLACED_URGENCY

    def _intent_reading(self, tokens: Counter) -> tuple[Prediction, Prediction]:
        """The intent model's reading with the three answers counted together against talk (ANSWER_SHARE), and its
        first reading, class by class: the same object unless that counting changed it."""
        model = self.models.intent
        probabilities = model.probabilities(tokens)
        top = probabilities.index(max(probabilities))
        first = Prediction(model.classes[top], probabilities[top])
        if first.label == "chatter":
            answers = [i for i, label in enumerate(model.classes) if label.startswith("rsvp")]
            answering = math.fsum(probabilities[i] for i in answers)
            if answering > ANSWER_SHARE * first.confidence:
                likeliest = max(answers, key=probabilities.__getitem__)
                return Prediction(model.classes[likeliest], answering), first
        return first, first

    def _category(self, hits: set[str], tokens: Counter) -> str:
        """The model's, when there is one. Words that once decided a category before it was asked (电梯, 暖气,
        物业费) took the place for the problem: a dog in the lift is pets. Left to weigh them, it reads authors it
        was not trained on better (category 0.840 → 0.864, python -m bot.nlp.crosscheck)."""
        if self.models is not None:
            return self.models.category.predict_counts(tokens).label
        decisive = next((category for word, category in kw.DECISIVE_WORDS.items() if word in hits), None)
        return decisive or self._keyword_category(hits) or "other"

    @staticmethod
    def _keyword_category(hits: set[str]) -> str | None:
        """The category whose words cover the most characters of the text (longer words weigh more)."""
        scores: dict[str, int] = {}
        for word in hits:
            for category in kw.CATEGORY_OF_WORD.get(word, ()):
                scores[category] = scores.get(category, 0) + len(word)
        # (ties broken by name: a set's order changes from one process to the next, and so did the category)
        return max(sorted(scores), key=scores.get) if scores else None


def _answer_in_the_words(text: str, hits: set[str], answer: str, has_problem: bool) -> str | None:
    """The model's answer, unless the words say otherwise: a problem beside 参加, a question, an announcement,
    another errand or something past make it none, except that an answer which also asks (能去 几点开始来着) is
    read by the clause that answers, never beside a problem word (我去！！又没热水了？ is a complaint)."""
    if _names_a_problem(hits):
        return None
    if not rsvp.not_an_answer(text):
        return answer
    return None if has_problem else rsvp.answer_in_a_clause(text, answer)


def _names_a_problem_word(hits: set[str]) -> bool:
    return not hits.isdisjoint(kw.PROBLEM_WORDS) or not hits.isdisjoint(kw.STRONG_WORDS)


def _names_a_problem(hits: set[str]) -> bool:
    """A problem of something (路灯 and 没人修, 消防车 and 进不来): then 参加 or 我去 beside it answers no meeting.
    A topic alone (停车位的事我肯定去) is what a meeting is about, and a problem word alone (参加不了, 腿脚不方便)
    is a reason for an answer."""
    if not hits.isdisjoint(kw.STRONG_WORDS):
        return True
    return not hits.isdisjoint(kw.CATEGORY_OF_WORD) and not hits.isdisjoint(kw.PROBLEM_WORDS)


def _said_not_to_be(text: str, at: int) -> bool:
    """不是银山苑, 不是在银山苑: the compound named at `at` is said not to be it (not 啊不是 同鑫, a word said on its
    own)."""
    before = text[:at].removesuffix("在")
    return before.endswith("不是") and not before.endswith(("啊不是", "哦不是", "噢不是", "呃不是", "哎不是"))


MAX_BEFORE_TAKING_BACK = 16  # characters: 喂你好 我刚才说的那个地址 说错了…, not a whole sentence about something else
# Where, beside a landmark, and nothing else (就在东门那边, 在 3号楼 楼下, 车棚那儿 充电桩旁边, 楼下小卖部门口): the
# answer to "where?" after a report, which had read as a report of its own (an urgent one, for the urgency model reads
# answers told beside dangers). Only in an answer's words: after 就在, 在 or 是在, or a landmark of at most six
# characters that ends as a building or a facility does (岗亭, 小卖部, 充电桩, 围墙). Not a thing named beside a
# place (好大一条蛇花坛边上, 一大坨狗屎 三号楼门口) nor anything with a problem word (路灯不亮东门那边,
# 电线裸露配电箱旁边): a report in a few words, which a review found the first, looser version silenced.
_BESIDE = frozenset(
    {
        *("边上", "门口", "那块", "那边", "这块", "这边", "旁边", "附近", "后头", "后面", "后边", "前面", "前边"),
        *("对面", "底下", "楼下", "拐角", "角落", "中间", "那儿", "这儿", "那里", "这里"),
        "梯口",  # the mouth of a lift or a stair (就在电梯口, 在楼梯口)
        *("里面", "里头"),  # inside (车库里面, 就在楼道里头: had read as urgent reports of their own, stop 37)
        *("这栋", "那栋"),  # (就在我家这栋)
        # a floor (在三楼, 我家这栋 三楼): the endings of a floor's words, which _WHERE reads whole
        *(f"{n}{word}" for n in "一二三四五六七八九十两0123456789" for word in "楼层"),
    }
)
_TRAILING = "呢啊哈那"  # (楼梯口那)
_FACILITY = "门楼亭站房室场部柜桩棚园口墙池井梯库道"
_WHERE = (
    r"(?:(?:就在|是在|俺在|我在|在|我家|俺家|咱家)\s*[^\s，。！？,.!?]{0,10}?|[^\s，。！？,.!?]{0,5}"
    rf"[{_FACILITY}])?\s*(?:{'|'.join(sorted(_BESIDE))}|[一二三四五六七八九十两\d]{{1,2}}[楼层])[{_TRAILING}]?"
)
_ONLY_WHERE = re.compile(_WHERE + r"(?:\s+" + _WHERE + ")*")


# The words around a place that say only that it is there (就在, 是…的, 在这边): no report of their own.
_WHERE_WORDS = re.compile(
    r"(?:(?:[我俺咱]们?家?)?(?:就|也|都)?(?:住的?)?(?:在|是)?(?:这|那)?(?:边|里|儿)?(?:[一二三四五六七八九十两\d]{1,2}[楼层])?"
    r"(?:的|呢|啊|呀|哈|吧|了)*)+"
)  # (我家住十二号楼一单元 had read as a yes to a meeting, 在十五号楼 三单元 我家是三楼 placed nothing: stop 37)
_GAPS = re.compile(r"[\s,.!;:，。！；：~～…]+")
_FEAR = re.compile(r"[好很有点太真]*(?:害怕|怕死了|吓死|吓人|吓坏)")
# A place said not to be it, perhaps with the one that is (不在5号楼, 不是5号楼 是6号楼): an answer about where, no
# report (the models had read 不在5号楼 as an urgent complaint: a review's, stop 37). Not where a report goes: the
# group's placing of an urgent report reads _only_where_words, which has no 不.
_PLACE_DENIED = re.compile(r"(?:(?:就|也|都)?不?(?:在|是)(?:这|那)?(?:边|里|儿)?(?:的|呢|啊|呀|哈|吧|了)*)+")
_ASKS = re.compile(r"[?？吗么]")


def _only_where_words(words: str) -> bool:
    return _ASKS.search(words) is None and _WHERE_WORDS.fullmatch(_GAPS.sub("", words)) is not None


def _only_where(text: str, hits: set[str] | None) -> bool:
    """`hits`: the keyword index's words in `text`, or None to find them (only once the cheaper tests pass)."""
    # the ending first: most talk ends in no landmark word, and the pattern's search is the dearer test
    return (
        text.rstrip(_TRAILING)[-2:] in _BESIDE
        and _ONLY_WHERE.fullmatch(text) is not None
        and not _names_a_problem_word(kw.INDEX.found(text) if hits is None else hits)
    )


# A compound named as a landmark, not the place (银山苑对面, 银山苑旁边的).
_LANDMARK = re.compile(r"\s*的?\s*(?:斜?对面|旁边|边上|后面|后边|前面|前边|隔壁|附近|那边过去)")
# What an answer of places and places denied says besides them (是15号楼 不是5号楼, 是十五号楼才对): nothing.
_NOT_JUST_PLACES = re.compile(
    TAKEN_BACK  # (first: 我说的是 before 我)
    + r"|不是|就是|是|才对|我家|俺家|的|啊|呢|哦|哈|呀|嘛|吧|在|[\s，,。.！!、]"
    r"|哎呀|哎|唉|诶|嗯|不好意思|对不起|抱歉|刚才|刚刚|太?着急了?|太?慌了?|急糊涂了|俺|我|了|咧|说成|写成|打成|应该|其实"
)
