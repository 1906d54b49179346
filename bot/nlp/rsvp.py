"""Answers to a meeting: 参加 / 不参加 / 待定, guests ("+2", "带老伴", "一家三口"), and 接龙 lists.

Read in this order, each step able to say "no answer at all": a 接龙 list is a yes; a long message, an
announcement, a question (几点开始？怎么报名养老服务), something past (上次那个会我去了) or another event
(孩子去参加冬令营了, 我去超市了) answers nothing; then no before maybe before yes, because 参加不了 and 不参加
both contain 参加.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.nlp.places import to_int

# Written Cantonese is read in Mandarin before these are (bot.nlp.cantonese: 嚟唔到 is 来不了 by then).
RSVP_NO = (
    "不参加", "不报名", "就不去", "不去了", "不去啦", "去不去不了", "参加不了", "来不了", "去不了", "到不了", "来不到",
    "去不到", "赶不上",
    "请假", "请个假", "没空", "没时间", "木有时间", "没得空", "缺席", "去不成", "来不成",
    "下次吧", "下回吧", "这次算了", "就算了", "这次就不", "不凑热闹", "不过去了",
    "这回算了", "赶不回来",
    # not counting oneself in (别算我了, 不要算上我, 把我划掉吧): 算我 and 算上我 are a yes's words
    "别算我", "不要算我", "不用算我", "不算我", "别算上我", "不要算上我", "不用算上我", "把我划掉", "把我去掉",
    "把我删掉", "把我名字划掉", "把我名字删",
)  # fmt: skip
RSVP_MAYBE = (
    "待定", "不一定", "说不定", "不好说", "有时间就", "有空就", "看看安排", "再看看", "不确定", "说不准", "说不好",
    "可能去", "可能来", "可能参加", "看情况", "尽量", "争取", "再说", "到时候看", "看时间", "不知道能不能",
    "不知道去不去", "看能不能", "要是不加班", "如果不加班", "如果有空", "要是有空", "看身体", "看孩子", "如果没事",
    "要是没事", "没事就", "能去就去", "能来就来", "能赶上", "赶得上就", "问问我家", "问问家里", "跟家里商量",
    "商量一下", "看情形", "到时再说", "到时候再说", "能去一定去", "能来一定来", "能去肯定去", "勿一定",
)  # fmt: skip
RSVP_YES = (
    "参加", "参家", "餐加", "报名", "报鸣", "准时到", "一定到", "按时到", "我去", "俺去", "我来", "俺来", "算我一个",
    "算上我", "接龙", "到场", "出席", "准时参加", "去去去", "过去", "会上见", "指定到", "肯定去", "必须去",
    "得去", "都去", "都来", "一起去", "一块儿去", "一块去", "阿拉去", "我到", "俺到", "我一个人",
    "一起过去", "一起来", "肯定到", "准到", "我也去", "俺也去", "我也参加",
)  # fmt: skip
# 带老伴一起, 带孩子过来: company named, and coming.
_BRINGING = re.compile(r"带.{1,8}(?:一起|一块|过去|过来)")
MAX_RSVP_LENGTH = 30
# Two negatives make a yes (我肯定不缺席, 缺不了我, 不会不去的, 哪能不来): rewritten as a plain yes before the words
# of a no are looked for, or 缺席 and 不去 in them would count as a refusal. Only as a promise: 没迟到 and 没错过 tell
# what happened, 上学不能迟到 is a rule, and 你不会不来吧 asks.
_DOUBLE_NEGATIVE = re.compile(
    r"(?:肯定|一定|保证|绝对|绝|决|坚决)不会?(?:缺席|迟到)|(?:不会|不能|不可能)再?缺席|(?:缺|少|落)不了(?=[我俺咱])|"
    r"(?:不会|不能|不可能|哪能|怎么能|怎能|咋能)不(?:去|来|参加|到)(?![^，,。！!]{0,3}[吧吗呢?？])|非(?:去|来|参加)不可|"
    r"不(?:去|来|参加)不行"
)
# A whole message that is only "going", said once or twice, or a raised hand: 去, 去！, 我去我去, 能去能去, 🙋, ✋ (a
# joiner is a space once normalised). Only the whole message: 我去我去 楼下车被刮了 is surprise, and a bare 来 or 到
# is as often "come on" or "here" as a yes.
_BARE_YES = re.compile(
    r"^(?:去+|(?P<said>[我俺]?[能要]?(?:去|参加))(?P=said)+)[!！.。~～\U0001F44D]*$"
    r"|^(?:[\U0001F64B\u270B\U0001F91A][\U0001F3FB-\U0001F3FF]?[\u200d ]?[\u2640\u2642]?\ufe0f?)+$"
)
# A refusal that is a whole clause, of the sender or of no one named (我不会去的, 太冷了 不想去了, 不来了哈, 阿拉勿去了,
# in Wu): not 那个超市俺再也不会去了 nor 俺不会去投诉的, which refuse something else, nor 师傅说今天不来了.
_PLAIN_REFUSAL = re.compile(
    r"(?:我|俺|咱|我们|俺们|咱们|我家|俺家|阿拉)?(?:这次|那天|到时候|明天|后天|周.|星期.)?(?:就|可能|肯定|应该|估计|怕是)?"
    r"(?:(?:不会|不想|不打算|不准备|不能)(?:去|来|参加)|木有空|木空|(?:不|勿|覅)(?:去|来|参加|过去|过来)(?=了|啦))"
    r"(?:了|的|啦|哈|哦|呀|啊){0,2}"
)
# A no not yet sure of itself is a maybe, in four shapes: a hedge right on the no (可能来不了, 估计去不了,
# 八成是来不了), a doubt after it (估计去不了 但也说不准, 可能来不了 也可能能来), two branches that each hang on a
# condition (有空就去 没空就算了), or a "depends" said first (看天吧 下雨就不去了). Tied to the no itself: a hedge
# about the reason (孩子可能发烧了 去不了), another time (争取下次参加) or other people (大家尽量去吧 我去不了) leaves a
# plain no. In the training files, 30 of 30 such messages are maybes.
_NO_WORDS = "(?:" + "|".join(re.escape(w) for w in RSVP_NO if "下" not in w) + r"|不去|不来)"  # 也许下次吧: no
_HEDGE_ON_THE_NO = re.compile(
    r"(?<!不)(?:可能|估计|八成|怕是|大概|没准|兴许|也许|多半|恐怕|不一定)(?:是|会|就|也)?" + _NO_WORDS
    + "|" + _NO_WORDS + r".*(?:说不准|说不定|不一定|也可能|也许能|没准能|兴许能)"
    + r"|^\s*看(?:天|天气|情况|情形|时间|身体)(?:吧|再说|再定)?(?=[\s，,]).*" + _NO_WORDS
)  # fmt: skip
# A hedged no that the message then settles (怕是赶不上 那天得上夜班 就不去了) is a plain no, unless a doubt or a
# condition follows the settling (就不去了 不过也说不定, 就不去了吧 如果提前下班就来).
_SETTLED_NO = re.compile(r"(?:所以|那就|就|干脆|还是)(?:不去|不来|不参加|不过去|算了)(?:了|啦|吧)")
# (Broader than the doubt _HEDGE_ON_THE_NO looks for after a no: there 也许 must be 也许能, since 去不了 也许下次吧 is a
# plain no; after a settled no, any doubt reopens it.)
_DOUBT = re.compile(r"说不准|说不定|不一定|也可能|也许|没准|看情况|再看|到时候看")
# A going that ends its clause (就去, 就过来, 就过去听听): not 就来修了 nor 就去接孩子, which go elsewhere.
_GOING_THEN = r"就(?:去|来|报|报上|过去|过来|参加|到)(?:听听|看看|学学?|领|坐会)?(?=$|[\s,.!?;:，。！？；：~])"
_YES_BRANCH = re.compile(_GOING_THEN)
_NO_BRANCH = re.compile(r"就(?:算了|拉倒|不去|不来|去不了|来不了|不过去)")


def _hedged_no(text: str) -> bool:
    if _YES_BRANCH.search(text) is not None and _NO_BRANCH.search(text) is not None:
        return True  # two branches: 有空就去 没空就不去了
    hedge = _HEDGE_ON_THE_NO.search(text)
    if hedge is None:
        return False
    settled = _SETTLED_NO.search(text, hedge.end())
    return settled is None or _still_unsure(text[settled.end() :])


def _still_unsure(rest: str) -> bool:
    return _DOUBT.search(rest) is not None or _CONDITIONAL.search(rest) is not None


# 我去 (and 卧槽, 我的天) as surprise, when the clause right after it exclaims (我去 这么贵, 我去，今天这么热, 卧槽
# 真的假的, 我去 这么多人接龙了): neither the surprise nor what surprised is an answer, and the answer, if any, is in
# the rest (我去 这么晚 去不了: a no; 我去 太好了 算我一个: a yes). 我去 把我加上 and 我去 准到 哈哈 keep their 我去.
# (Text here is normalised: NFKC made ，！～ half-width.)
_IN_A_CLAUSE = r"[^\s,.!?;:，。！？；：、…~～]"  # NFKC leaves 。 and 、 as they are
# What makes a scene after 我去 an answer after all: a word of coming (not 起来, 看到, 预报), people counted
# (我家两口), or being free that day said as the clause's end (我去 今天不上班, 我去 都行), not 没事干闲得慌.
_COMING_IN_A_SCENE = (
    r"去|(?<![起出原回])来|(?<![看遇收睡找])到|参|(?<!预)报|算我|见|带|加|[两俩仨三]口|个人"
    r"|(?:准时|有空|得空|没事|都行|都可以|休班|休息|歇着|不上班|在家|离得近|不用管)[了呢啊哈呀]?(?=$|[\s,，。!！~])"
)
_SURPRISE_HEAD = r"^\W*(?:我去|卧槽|我靠|我的天|天哪|妈呀)+\W+"
_SURPRISE = re.compile(
    _SURPRISE_HEAD + _IN_A_CLAUSE + "*?"
    r"(?:这么(?!定|说定|办)|这也|也太|太.{0,3}了|真[是的]?.{0,3}[啊呀吧]|居然|竟然|原来|笑死|绝了|离谱|吓[死我一]|可以啊"
    r"|牛[啊哇逼]|真的假的|好家伙|不会吧|啥情况|什么情况|什么鬼|咋回事|怎么回事)"
    + _IN_A_CLAUSE
    + "*"
    # or a scene it turns to (我去 今天物价又涨了, 我去，外面这雪下得真大, 我去 我家猫把鱼缸碰倒了), with no word of
    # coming in it (我去 今天就报名 and 我去 这回带上老伴 answer)
    + "|"
    + _SURPRISE_HEAD
    + r"(?=这(?![就次回周会])|那(?![天就次回会])|外面|外头|今天|今年|今儿|刚才|刚刚|我家|俺家|孩子|又|有人|才|都"
    r"|还有(?![我俺]|老伴|闺女|儿子|孩子|孙|媳妇|对象))"
    r"(?!" + _IN_A_CLAUSE + r"*?(?:" + _COMING_IN_A_SCENE + "))" + _IN_A_CLAUSE + "+"
)


def _without_surprise(text: str) -> str:
    """The message without a leading 我去/卧槽 of surprise and the clause that exclaims (see _SURPRISE); unchanged if
    it has none."""
    return _SURPRISE.sub("", text, count=1)


# An organiser's announcement or a call to others ("明晚7点开会，请大家准时参加") names the same words but
# answers nothing.
ANNOUNCING = (
    "开会", "召开", "通知", "请大家", "欢迎", "大家准时", "各位", "踊跃", "想去的", "赶紧报名", "大家参加",
    "别忘了", "记得", "转发", "扩散", "参加的人", "参加的邻居", "参加的居民", "参加的朋友", "参加的大家", "抓紧报名",
)  # fmt: skip
# Group buying, whose 接龙, +1 and even 参加/报名 order goods (团购大白菜 要的接龙, 拼单买水果 我参加): no answer,
# unless the message names a meeting (要的接龙 我参加议事会) or answers before it turns to the buying (我参加 谁团购了
# 帮我带一份).
_GROUP_BUYING = re.compile(r"团购|拼团|团一波|拼单|要的接龙|要的\+1|要的报数|接龙买|接龙卖")
_NAMES_A_MEETING = re.compile(r"议事|开会|会议|讲座|汇谈|座谈")


def _buys_together(text: str) -> bool:
    buying = _GROUP_BUYING.search(text)
    if buying is None or _NAMES_A_MEETING.search(text) is not None:
        return False
    answer = _SAYS_YES_IN_WORDS.search(text)
    return answer is None or buying.start() < answer.start()


# A condition makes any answer a maybe (下雨就不去了, 要是孩子没事就过去): the guide's rule, and what an organiser
# counting chairs needs. 要是 not in 主要是/需要是, 的话 not in 他说的话: no "if" there. Asked after the question and
# the past, so that 参加的话要带身份证吗 stays a question.
_CONDITIONAL = re.compile(r"如果|假如|万一|倘若|若是|(?<![主还就只可总也需定须])要是|(?<![说你他她听])的话")
_QUESTION = re.compile(
    r"[?？]|吗|么$|怎么|哪里|在哪|哪儿|能不能|可不可以|多少|咋|问问|问下|问一下|请问|想问|问个(?!好)|有个问题"
    r"|去不去|来不来|参不参加|要不要|有没有|是不是"
    # 哪天, 几点 ask; 哪天都行, 几点都到, 啥时候都行, 几号我都来不了 answer
    r"|(?<!随便|任意)(?:哪天|几号)(?![^,.!?，。！？\s]{0,3}[都也])|(?:几点|什么时候|啥时候)(?![都也](?!谁))"
    # A clause ending in 不 asks (还能报名不, 能带孩子不): the northern yes-no question, where 不 is no refusal.
    r"|(?<=[\u4e00-\u9fff])(?<![也都就还我俺才可次回真们家并绝])不(?=$|\s|[，,。])"
)
_PAST = re.compile(
    r"上次|上回|去年|那次|以前|之前|前几次|好几次|每次|几回|八百回|参加完|开完|白去|(?<!不)报名了.{2}"
    # 参加了 下回啥时候还办: this one is over; not 这次就不过去了 下回吧, with 不 or 没 anywhere in the clause
    r"|(?:^|(?<=[\s，,。！!？?]))[^\s，,。！!？?不没]*(?:参加|去)了\W*(?=下回|下次|下一回)"
)
# ... unless the message turns from then to now and what it says of now answers on its own (上回没赶上 这回一定到,
# 上次等了俩钟头 这回不去了): not 上次没去 这次去 (no word there answers; the model was left to guess) nor 每次都是我去
# 今天该别人了.
_NOW_AGAIN = re.compile(r"这回|这次|这一回|这趟|今年|今儿|今天|明天|这周|下周")


def _about_the_past(text: str) -> bool:
    past = _PAST.search(text)
    if past is None:
        return False
    now = _NOW_AGAIN.search(text, past.end())
    if now is not None and rsvp_intent(text[now.start() :]) is not None:
        return False
    # the answer first, then then (这回俺去 上回没赶上, 讲座我去听 上次差点被骗了): the clauses before the one that
    # speaks of the past answer on their own
    # (not 看这接龙 比上回长多了, nor a no to a shop: 那个菜市场我不去了 上回称的一斤才八两)
    clause = _CLAUSES.split(text[: past.start()])
    answer = text[: past.start() - len(clause[-1])]
    if not answer.strip() or "接龙" in answer or _CONDITIONAL.search(answer):
        return True
    said = rsvp_intent(answer)
    return said is None or (said == "rsvp_no" and not _REFUSES_THE_MEETING.search(answer))


_REFUSES_THE_MEETING = re.compile(r"不参加|参加不了|不报名|缺席")


# 去/参加/报名 with an object that is some other errand or event: 去超市, 参加冬令营, 报名社区书法班. Fine after
# them: nothing, punctuation, guests, times and words of the meeting itself.
# What the community holds; and its vaccination days, trainings, clean-ups and shows, or joining in the fun of it
# (我也去凑个热闹: stop 37's blind answers), only as the clause's end: a review's look-alikes went on to another errand
# (去接种点接孩子, 去凑热闹买保健品, 去参加培训才能考科目一, 去医院测血糖回来)
_EVENTS = (
    r"(?:体检|查体|量血压|测血压|义诊|讲座|听讲座|演练|投票|晚会|联欢"
    r"|(?:测血糖|打疫苗|接种|培训|大扫除|汇演|凑个?热闹)(?=$|[\s,.!?;:，。！？；：~～]|[的啊呀哈吧嘞哦]))"
)
_VERB_WITH_OBJECT = re.compile(r"(?:去|参加|报名|报了)(?=了?([\u4e00-\u9fff]{2,}))")
_OBJECT_OF_THE_MEETING = re.compile(
    r"^(?:[我俺](?:是|叫|们是|家是)|不|没|唔|去|参加|加(?=[0-9一二两三四五六七八九十俩上我])|的|啊|呀|哈|哦|嘞|噻|额|吧|呢|下|一下|看看|一个|个名|会|议事|开会|现场|那边|明天|后天|今晚|晚上"
    r"|下午|上午|这次|带|和|跟|还有|都|也|一起|一块|两|俩|[一二三四五六七八九十]|准时|到时"
    # the next clause's own subject, in dictation without a stop (我参加我老伴也去)
    r"|[我俺咱](?:们|家)?(?:老伴|老婆|老公|媳妇|爱人|闺女|儿子|孩子)?(?:也|都)|[我俺咱](?:们|家)(?=[两俩仨一二三四五六七八九十\d])"
    # what the community holds (去查体, 参加演练, 去投票): the meeting, not another errand; 去投票了 tells of one done
    r"|" + _EVENTS + r"(?!了))"
)
_EVENT_OBJECT = re.compile(_EVENTS)

_PLUS = re.compile(r"\+\s*(\d{1,2})(?!\d)|(?<!参)加\s*([一二两三四五六七八九1-9]|俩)(?![班油入减])")
_NUMERAL = r"(\d{1,2}|[一二两三四五六七八九十]|俩|仨)"
_BRING = re.compile(r"(?:带|加上|再来|还有|领着?)\s*(?:上|我家|我们家|家里)?\s*" + _NUMERAL + r"\s*(?:个|位|口)?")
_PARTY = re.compile(
    r"(?:一家|全家|我们家|我家|俺家|咱家|我们|俺们|咱们)?.{0,2}?" + _NUMERAL + r"\s*(?:个人|口人|口|人|位)(?!以上)"
)
_COUPLE = re.compile(r"两口子|俩口子|老两口|夫妻|我俩|我们俩|咱俩|俺俩|咱们俩|俺们俩|我们两个|我们二人")
# Kin and company a resident brings: each is one guest, except the ones that name two.
_TWO_KIN = re.compile(r"爸妈|父母|公婆|岳父母|儿子儿媳|儿子媳妇|女儿女婿|俩孩子|两个孩子|俩娃|双胞胎")
_KIN = re.compile(
    r"老伴儿?|爱人|老公|老婆|媳妇儿?|对象|那口子|老头子?|老太婆|孩子|娃|儿子|女儿|闺女|儿媳|女婿|孙子|孙女|外孙女?"
    r"|爸爸?|妈妈?|父亲|母亲|婆婆|公公|奶奶|爷爷|姥姥|姥爷|邻居|朋友|同事|家属|家人|老人"
)
_TOGETHER = re.compile(r"带|和|跟|还有|同|一起|一块|也去|也来|都去|都来|加上|领")


def _any_of(words: tuple[str, ...]) -> re.Pattern:
    """One search for "does any of these words occur": every message is asked, and a loop of `in` tests cost
    a tenth of reading a message."""
    return re.compile("|".join(map(re.escape, words)))


_SAYS_NO, _SAYS_MAYBE, _SAYS_YES = _any_of(RSVP_NO), _any_of(RSVP_MAYBE), _any_of(RSVP_YES)
_SAYS_YES_IN_WORDS = _any_of(tuple(word for word in RSVP_YES if word not in ("接龙", "+1")))  # as group buying says too
_ANNOUNCES = _any_of(ANNOUNCING)
_SOLITAIRE = re.compile(r"^\s*\d{1,3}\s*[.、．)]\s*")  # a 接龙 line sent on its own: "3. 5号楼王芳 参加"
# A 接龙 list's numbered line: 3. 王芳 / 3、王芳 / 3）王芳 / 3 王芳 / ③ 王芳
_NUMBERED = re.compile(r"^\s*(?:\d{1,3}\s*(?:[.、．)）:：]|\s(?=\S))|[①-⑳])\s*(.*)$")
_SOLITAIRE_HEAD = re.compile(r"^\s*(?:[#＃]|【)?\s*(?:.{0,12}?)接龙")
_EXAMPLE = re.compile(r"^\s*(?:例|示例|格式|模板|举例)\s*[:：]")


_CLAUSES = re.compile(r"[\s,.!?;:，。！？；：、…~～]+")
_FIRST_OF_CLAUSES = ("rsvp_maybe", "rsvp_no", "rsvp_yes")  # a hedge or a no anywhere outweighs a yes


# An errand one cannot get to (电梯停了 俺娘去不了医院): the 不了 is the problem, no meeting is refused.
_REFUSES_AN_ERRAND = re.compile(
    r"(?:上班|上学|医院|复查|透析|看病|拿药|买菜|下楼|出门)(?:都|也)?(?:去不了|来不了|到不了)"
    r"|(?:去不了|来不了|到不了)(?:医院|单位|学校|菜市场|超市)"
)


def without_refusals(text: str) -> str:
    """The text with its words of refusal blanked: 去不了 holds 不了, which is a problem word only elsewhere."""
    return text if _REFUSES_AN_ERRAND.search(text) else _SAYS_NO.sub(" ", text)


def bare_yes(text: str) -> bool:
    """Only "going", or a raised hand (🙋, ✋): a yes with no words to read. Of a whole message, never of one clause
    of a longer one (the analyzer asks)."""
    return _BARE_YES.match(text.strip()) is not None


def answer_in_a_clause(text: str, likeliest: str) -> str | None:
    """The answer one clause of a longer message gives on its own (能去 几点开始来着 → yes, 带上小孙子一起 他也想学学
    灭火器咋用 → yes), for a message the analyzer's model reads as the answer `likeliest` though it also asks or
    says more. A clause that agrees with the model comes first (我参加 我老伴来不了: the sender's yes, not the
    老伴's no), then a hedge, then a no. Never for an announcement or something past, whatever its clauses say."""
    if announces(text) or _about_the_past(text) or _buys_together(text):
        return None
    text = _without_surprise(text)  # 我去！太好了 算我一个: the surprise is no clause of the answer
    found = {rsvp_intent(clause) for clause in _CLAUSES.split(text) if clause}
    if likeliest in found:
        return likeliest
    return next((answer for answer in _FIRST_OF_CLAUSES if answer in found), None)


# Coming only on a condition said without 参加 or 我去 (能送就去, 老王去我就去, 不下雨就过去, 不加班的话我就来): a
# maybe. The going must end its clause (_GOING_THEN: 十点就到济南了 goes elsewhere); nor 不到十分钟就到,
# 说能修明天就来 (someone else comes) or 不怕冷的就来 (a call to others).
_GOING_IF = re.compile(
    r"(?:如果|假如|万一|倘若|若是|要是|的话|去(?=[我俺]就)|能(?![修弄整])|愿意|不(?![到远])|有空|得空)"
    + _IN_A_CLAUSE
    + r"{0,10}?(?<!的)(?:我|俺)?"
    + _GOING_THEN
)


# Not counted in yet (先别算我 等我确定了再接龙): a maybe, where 别算我 alone is a no.
_NOT_YET = re.compile(r"先(?:别|不要|不用)算(?:上)?[我俺]")


# Urging others to go (老人们都去体检吧, 大家都来呗, 张姐 一起去听讲座呗): a call, no answer of one's own.
_URGING = re.compile(
    r"(?:(?:们|大家|你们|各位|伙儿)都(?:去|来|参加)[^\s,.!?;:，。！？；：]{0,6}[吧呗]"
    r"|(?:一起|一块儿?)(?:去|来|参加)[^\s,.!?;:，。！？；：]{0,6}呗)(?=$|[\s,.!?;:，。！？；：~])"
)


def _urges(text: str) -> bool:
    return ("都" in text or "一起" in text or "一块" in text) and _URGING.search(text) is not None


def rsvp_intent(text: str) -> str | None:
    """rsvp_no / rsvp_maybe / rsvp_yes for a short answer or a 接龙 list, else None."""
    if solitaire(text) is not None:
        return "rsvp_yes"
    body = _LET_GO.sub("", _DOUBLE_NEGATIVE.sub("一定到", _SOLITAIRE.sub("", _without_surprise(text))))
    body = _NOT_YET.sub("待定", body)
    if len(body) > MAX_RSVP_LENGTH or announces(body) or _buys_together(body) or _urges(body):
        return None
    if _SAYS_MAYBE.search(body) and not _SAYS_NO.search(body):
        return "rsvp_maybe"  # 不知道能不能请下假 is a maybe, though it asks
    if _QUESTION.search(body):
        return _answered_before_asking(body)
    if _about_the_past(body):
        return None
    if _hedged_no(body):
        return "rsvp_maybe"
    says_no = _SAYS_NO.search(body) or any(_PLAIN_REFUSAL.fullmatch(c) for c in _CLAUSES.split(body))
    says_yes = _says_coming(body)
    if (says_no or says_yes) and _CONDITIONAL.search(body) and not _another_errand(body):
        return "rsvp_maybe"
    going_if = None if says_no else _GOING_IF.search(body)
    if going_if and not _another_errand(body[: going_if.start()] + " " + body[going_if.end() :]):
        return "rsvp_maybe"  # (the condition may name a going of its own: 他去我就去)
    if says_no:
        return "rsvp_no"  # 去不成了，明天要带孩子去医院: a no, whatever errand it gives as its reason
    if _another_errand(body):
        return None
    if says_yes or _BRINGING.search(body) or _SOLITAIRE.match(text):
        return "rsvp_yes"
    return None


# 我来 before another doing is "let me", no coming (我来说两句, 我来吐槽一下, 我来补充, 我来晚了,
# 我来这小区三年了); 我来帮忙, 我来这儿帮忙签到, 我来搬椅子 and 我来接龙 still come.
_LET_ME_DO = re.compile(
    r"[我俺]来(?=说|讲(?:两|几|一)句|讲解|问|吐槽|反映|补充|晚了|这(?:个)?(?:小区|院|片|栋|楼)|科普|总结|提醒|分享|转发|回答|解释|插)"
)


# Counting oneself in with others (算我们一家三口, 算上我们家两个): not 算我们倒霉, nor 团购的大米算我们家一袋. (Not
# 记我一个 nor 给她记上 either: a review's look-alikes put a game, an outing and a debt on the slate in them.)
_COUNT_ME_IN = re.compile(
    r"算(?:上)?(?:(?:我们|俺们|咱们)家?|我家|俺家|咱家)(?:一家|两口子|老两口)?(?:\d|[一二两三四五六七八九十俩仨])(?:个|口|位)?人?"
)


# A promise of coming, whatever its adverb (明天一定去, 消防演练我保证到, 我们准时来的): a whole clause of the sender's
# own, perhaps after the event it is about. Not 必须到家 nor 早上必须来碗胡辣汤, and not someone or something else
# coming (快递小哥说今天必须到, 保洁阿姨每天七点准时来的, 台风肯定来, 你结婚我必须到啊), which a review's look-alikes
# showed a looser reading took for answers.
_PROMISING = r"(?:一定|肯定|必须|保证|准时|按时)"
_PROMISE = re.compile(
    r"(?:好的?|收到|嗯+|行)?"
    r"(?:[^\s,.!?;:，。！？；：]{0,10}?(?:会|活动|培训|聚餐|课|选举|大扫除|" + _EVENTS + r"))?"
    r"(?:[我俺咱]们?家?|阿拉|我哋)?(?:这次|这回|明天|明早|明晚|后天|到时候?|那天|当天|周.|星期.|今晚|晚上|下午|上午|早上)?"
    r"(?:也|都|就)?" + _PROMISING + r"(?:去|来|到|参加)[的了啊哈呀吧啦哦嘞滴]*"
)
_PROMISED = re.compile(_PROMISING)  # (most messages have none: no need to split them)


def _says_coming(text: str) -> bool:
    """A word of coming (参加, 我去, 算我一个, 一定去…), not counting a 我来 of "let me"."""
    return (
        _SAYS_YES.search(_LET_ME_DO.sub(" ", text)) is not None
        or ("算" in text and _COUNT_ME_IN.search(text) is not None)
        or (_PROMISED.search(text) is not None and any(_PROMISE.fullmatch(c) for c in _CLAUSES.split(text)))
    )


# 这事就算了, 后来也就算了: a matter let go (the neighbour apologised), no refusal of anything announced; 就算了
# alone, or 这次就算了, still refuses. On the training files left out in turn, six such lines had read as refusals.
_LET_GO = re.compile(r"(?:事|事儿|也)就算了")


def _answered_before_asking(body: str) -> str | None:
    """参加 几点开始来着: a plain yes first, then a question about the meeting. answer_in_a_clause reads any answering
    clause, but only once the model leans to an answer; this reads, without it, the plainest: a first clause that
    says it will attend in so many words (参加, 报名, 能去). Any answering clause, read without the model, took more
    talk for answers than it found answers on the training files left out in turn (我去 这汤圆咋还有韭菜馅的,
    +1 我也想问这个)."""
    clauses = [c for c in _CLAUSES.split(body) if c]
    if len(clauses) < 2 or not _QUESTION.search(clauses[1]) or _QUESTION.search(clauses[0]):
        return None
    # Not when the question is about signing up itself (报名 在哪报啊), and not 参加了 (下回啥时候还办: the past)
    return "rsvp_yes" if _ATTENDING.fullmatch(clauses[0]) and not _SIGNING_UP.search(clauses[1]) else None


# 参加 / 我报名 / 俺能去 / 能参加: a whole clause that says one will come, with nothing else in it.
_ATTENDING = re.compile(
    r"(?:我|俺|咱|我们|俺们|我家|俺家)?(?:也|能|可以|肯定|一定)?(?:参加|报名|参家|能去|能来|到场)(?:啊|哈|呀)?"
)
_SIGNING_UP = re.compile(r"报|参加|参家")


# Notices and meetings a resident speaks of announce nothing: the notice seen or thanked for (看到通知了 议事会我参加,
# 谢谢通知; not 看到通知的请接龙), one's own work (临时通知加班, 单位开会; not 临时通知：明天楼长会, 在社区开会).
_NOT_ANNOUNCING = re.compile(
    r"(?:看到|收到|看了|看见)了?(?:群里的|群里|社区的|你们的)?通知(?:了|啦|哈)?(?=$|[\s,.!?，。！？])"
    r"|(?:谢谢|多谢|感谢)[^\s,.!?，。！？]{0,5}通知|通知(?:已)?收到(?:了|啦|哈)?(?=$|[\s,.!?，。！？])"
    r"|临时通知(?=加班|上班|出差|值班)|(?:单位|公司|厂里|局里|所里)(?:也|要|得|还)?开会"
)
# 开会 in a refusal (那个开会俺去不了) names the meeting being refused; an organiser's call or a remark about those who
# cannot come does not refuse (来不了的请假, 谁来不了说一下, 不用请假, 没空也得来, 上班的都来不了).
_REFUSING = re.compile(r"(?<!不用)(?<!不许)(?<!不准)(?<![别谁都的])(?:" + _SAYS_NO.pattern + r")(?![的也])")


def announces(text: str) -> bool:
    if _ANNOUNCES.search(text) is None:
        return False  # most messages: no need to take a resident's notices out first
    found = _ANNOUNCES.search(_NOT_ANNOUNCING.sub("", text))
    if found is None:
        return False
    return found[0] != "开会" or _REFUSING.search(text) is None


def not_an_answer(text: str) -> bool:
    """Whatever its words, no answer to a meeting: a question, something past, another errand, a call to others, or
    urging them to go. (The analyzer's model is told so too, so that it cannot read 几点开始？ as a yes.)"""
    return (
        _QUESTION.search(text) is not None
        or _about_the_past(text)
        or _another_errand(text)
        or announces(text)
        or _buys_together(text)
        or _urges(text)
        or _surprise_alone(text)
        or _lets_me_say_alone(text)
    ) and solitaire(text) is None


def _lets_me_say_alone(text: str) -> bool:
    """我来说两句, 我来晚了: a 我来 of "let me" or "I came", and no other word of coming (我来晚了 算我一个 answers)."""
    return _LET_ME_DO.search(text) is not None and not _says_coming(text)


def _surprise_alone(text: str) -> bool:
    """我去 这么贵: surprise, and nothing after it that answers."""
    rest = _without_surprise(text)
    return rest != text and rsvp_intent(rest) is None


def _another_errand(text: str) -> bool:
    objects = [m[1] for m in _VERB_WITH_OBJECT.finditer(text)]
    if objects and _ANOTHER_ORGANISER.search(text):
        objects = [
            _EVENT_OBJECT.sub("别的事", o) for o in objects
        ]  # 孩子学校明天参加演练: the school's drill, not ours
    return any(_OBJECT_OF_THE_MEETING.match(o) is None for o in objects)


_ANOTHER_ORGANISER = re.compile(r"学校|幼儿园|单位|公司|厂里|医院|银行|班上|同事|驾校")


def guests_of_answer(text: str) -> int:
    """The guests of an answer: of the sender's own line, when it is a 接龙 list. (A bare "+1" is no answer read
    alone: me_too; the meetings router keeps the guests one gave before.)"""
    listed = solitaire(text)
    return listed.guests if listed is not None else guests(text)


def guests(text: str) -> int:
    """People coming besides the one answering: "+2", "加一", "带两个人", "两人参加", "带老伴", "一家三口"."""
    if match := _PLUS.search(text):
        return int(match[1]) if match[1] else to_int(match[2].replace("俩", "两")) or 0
    if match := _BRING.search(text):
        return _count(match[1])
    if match := _PARTY.search(text):
        return max(0, _count(match[1]) - 1)  # 两人参加, 一家三口: the whole party, the answerer among them
    if _COUPLE.search(text):
        return 1
    if not _TOGETHER.search(text):
        return 0
    pairs = len(_TWO_KIN.findall(text))
    return 2 * pairs + len(_KIN.findall(_TWO_KIN.sub("", text)))


# "+1", "我也+1", "+1+1", "👍+1." with nothing of its own: the group's "me too", to whatever was said last.
_NOT_A_WORD = r"[^\w\u4e00-\u9fff]*"  # punctuation, spaces, emoji
_ME_TOO_ALONE = re.compile(_NOT_A_WORD + r"(?:[我俺额咱]也)?\s*(?:\+\s*1(?!\d)\s*)+" + _NOT_A_WORD)


def me_too(text: str) -> bool:
    """A bare "+1" (of normalised text: ＋１ is +1 by then): talk read alone, to a question, a complaint or a group
    buy (the guide's chatter, 35 of 38 such lines of the labelled files); the group's "me too" to a meeting only where
    one is open, which the meetings router decides from Analysis.me_too."""
    return _ME_TOO_ALONE.fullmatch(text) is not None


def _count(numeral: str) -> int:
    return {"俩": 2, "仨": 3}.get(numeral) or to_int(numeral) or 0


@dataclass(frozen=True)
class Solitaire:
    """A 接龙 message: the list copied with the sender's own line added at its end."""

    title: str  # what the list is for, from its head line (东门停车位议事会), or ""
    line: str  # the sender's line, without its number: "5号楼王阿姨 +1"
    guests: int  # of the sender's line only: the lines above are other people's


def solitaire(text: str) -> Solitaire | None:
    """The sender's line of a 接龙 list, or None if the text is no such list. A list is a head line naming
    接龙 followed by numbered lines, or at least two numbered lines; the sender's line is the last one."""
    if "\n" not in text:
        return None
    lines = [line for line in text.splitlines() if line.strip() and not _EXAMPLE.match(line)]
    numbered = [m for m in map(_NUMBERED.match, lines) if m is not None]
    headed = _SOLITAIRE_HEAD.match(lines[0]) is not None
    if not numbered or not (headed or len(numbered) >= 2):
        return None
    title = re.sub(r"[#＃【】]|接龙", " ", lines[0]).strip(" :：") if headed else ""
    own = numbered[-1][1].strip()
    return Solitaire(title, own, _line_guests(own))


_PARENTHESISED = re.compile(r"[（(]\s*(\d{1,2})\s*(?:人)?\s*[)）]")


def _line_guests(line: str) -> int:
    """A 接龙 line's guests: as in an answer, or a party written (2) after the name."""
    if match := _PARENTHESISED.search(line):
        return max(0, int(match[1]) - 1)
    return guests(line)
