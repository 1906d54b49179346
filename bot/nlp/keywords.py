"""Keyword rules: the words residents use for each category, for urgency, queries and RSVPs.

Longer, more specific words carry more weight (a 消防通道 outweighs a 停车 in the same message).
"""

from __future__ import annotations

import re

from bot.vocabulary import CATEGORIES

CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "lighting": (
        "路灯",
        "楼道灯",
        "声控灯",
        "感应灯",
        "灯不亮",
        "灯坏",
        "灯全灭",
        "灯泡",
        "照明",
        "灯也不亮",
        "黑乎乎",
        "不亮",
        "灯",
    ),
    "elevator": ("电梯", "困在电梯", "轿厢", "梯门"),
    "water": (
        "漏水",
        "停水",
        "水管",
        "爆管",
        "下水道",
        "下水",
        "堵了",
        "污水",
        "渗水",
        "水压",
        "自来水",
        "马桶",
        "化粪池",
        "反味",
        "水漫",
        "水龙头",
        "没水",
        "管子破",
    ),
    "power_gas": ("停电", "电表", "电箱", "跳闸", "煤气", "燃气", "天然气", "没电", "电闸", "电线老化", "供电"),
    "heating": ("暖气", "供暖", "取暖", "采暖", "暖气片", "暖气费", "室温"),
    "sanitation": (
        "垃圾",
        "清运",
        "小广告",
        "卫生",
        "臭气",
        "打扫",
        "杂物",
        "老鼠",
        "蟑螂",
        "脏乱",
        "苍蝇",
        "蚊子",
        "乱扔",
        "清理",
    ),
    "parking": ("停车", "车位", "僵尸车", "乱停", "堵车", "地锁", "占车位", "挡道", "外来车辆", "停在", "挪车"),
    "fire_safety": (
        "消防",
        "消防通道",
        "安全出口",
        "飞线充电",
        "飞线",
        "电动车充电",
        "电瓶",
        "充电",
        "灭火器",
        "消防栓",
        "消火栓",
        "堵住了楼梯",
        "纸箱",
        "堵住",
        "着火",
        "冒烟",
        "火灾",
        "易燃",
    ),
    "noise": ("噪音", "装修", "太吵", "吵", "扰民", "广场舞", "音响", "施工", "狗叫", "喇叭", "打麻将"),
    "property": ("物业", "保安", "门岗", "门禁", "物业费", "客服", "维修拖", "不作为"),
    "facilities": (
        "路面",
        "井盖",
        "坑",
        "健身器材",
        "外墙",
        "瓷砖",
        "防水",
        "楼顶",
        "绿化",
        "树枝",
        "修剪",
        "窗户",
        "玻璃",
        "单元门",
        "围墙",
        "台阶",
        "扶手",
        "座椅",
        "滑梯",
        "秋千",
        "单杠",
        "窟窿",
        "大树",
        "积水",
        "屋顶",
        "破损",
    ),
    "dispute": (
        "邻居",
        "调解",
        "纠纷",
        "押金",
        "房东",
        "租户",
        "吵起来",
        "赔偿",
        "协调",
        "矛盾",
        "吵架",
        "公共走廊",
        "楼上",
        "隔壁",
    ),
    "security": (
        "陌生人",
        "被偷",
        "小偷",
        "偷",
        "冒充",
        "骗子",
        "诈骗",
        "转账",
        "可疑",
        "撬",
        "敲门",
        "盗",
        "上门收费",
        "防骗",
    ),
    "pets": ("狗", "遛狗", "拴绳", "牵绳", "狗屎", "宠物", "猫", "犬"),
    "other": (
        "咨询",
        "社保",
        "医保",
        "补办",
        "居住证",
        "老年卡",
        "补贴",
        "办理",
        "需要带什么",
        "材料",
        "证明",
        "户口",
        "低保",
        "怎么办理",
    ),
}

# Without a model (models=False), words that outrank the rest: the category they name wins whatever else is said.
# With one, the model weighs them (a dog in the lift is pets, not elevator).
DECISIVE_WORDS: dict[str, str] = {
    "消防通道": "fire_safety",
    "飞线充电": "fire_safety",
    "安全出口": "fire_safety",
    "消防栓": "fire_safety",
    "电表箱": "power_gas",
    "煤气味": "power_gas",
    "燃气泄漏": "power_gas",
    "暖气": "heating",
    "供暖": "heating",
    "调解": "dispute",
    "押金": "dispute",
    "狗屎": "pets",
    "遛狗": "pets",
    "物业费": "property",
    "门禁": "property",
    "咨询": "other",
    "补贴": "other",
    "社保": "other",
    "电梯": "elevator",
    "冒充": "security",
    "骗子": "security",
    "被偷": "security",
}

# Danger to life or property now. Water on a road is a nuisance; water flooding in, scalding steam or
# sparks are not.
URGENT_WORDS = (
    "被困", "困在", "困住", "关在电梯", "里面有人", "里面有个", "煤气味", "燃气味", "燃气泄漏", "煤气泄漏", "漏气",
    "冒烟", "着火", "起火", "失火", "火灾", "冒火花", "火花", "烧焦", "短路", "漫进", "水漫金山", "被淹", "水淹",
    "淹了", "水还在涨", "往下流", "爆管", "爆了", "崩了", "往外喷", "热水汽", "蒸汽", "坠落", "掉下来", "往下掉",
    "快掉了", "砸到", "砸伤", "打起来", "打架", "动刀", "晕倒", "触电", "大窟窿", "井盖没了", "井盖丢了", "大洞",
    "撬门", "撬锁", "救命", "快来人", "困人", "困了人", "关人", "关了人",
)  # fmt: skip

# Category words that name a thing, not a problem with it: they need a problem word to make a complaint.
NEUTRAL_WORDS = frozenset(
    (
        "灯",
        "电梯",
        "物业",
        "狗",
        "猫",
        "犬",
        "宠物",
        "纸箱",
        "充电",
        "停车",
        "停在",
        "邻居",
        "楼上",
        "隔壁",
        "窗户",
        "玻璃",
        "材料",
        "办理",
        "垃圾",
        "卫生",
        "打扫",
        "清理",
        "保安",
        "客服",
        "施工",
        "装修",
        "音响",
        "广场舞",
        "消防",
        "暖气",
        "供暖",
        "下水",
        "水管",
        "自来水",
        "马桶",
        "协调",
        "大树",
        "绿化",
        "供电",
        "证明",
        "户口",
        "室温",
    )
)

# Words that mark a problem even without a category word.
PROBLEM_WORDS = (
    "坏了",
    "坏",
    "不亮",
    "漏",
    "堵",
    "没人管",
    "没人",
    "太吵",
    "危险",
    "投诉",
    "举报",
    "反映",
    "管管",
    "修一下",
    "不行",
    "不能",
    "不上",
    "不动",
    "打不开",
    "毁",
    "没了",
    "没地方",
    "不拦",
    "不方便",
    "异响",
    "停运",
    "进不来",
    "卡住",
    "涨了",
    "冷",
    "不退",
    "不改",
    "异常",
    "乱跑",
    "不敢",
    "灌",
    "渗",
    "挡",
    "受伤",
    "转悠",
    "占",
    "坑坑洼洼",
    "不了",
    "乱",
    "破",
    "断",
    "不热",
    "臭",
    "吵",
    "一直",
    "又",
    "天天",
    "好几天",
    "三天",
    "半年",
    "怎么",
    "能不能",
    "谁来",
    "小心",
    "是不是",
)

# Report triggers, at the start of a (normalised) message only. Not the word as the subject of a sentence about
# an earlier report, which asks how it is going and would open a second ticket: 报修都三天了, 报修单号0127那个,
# 投诉的噪音有结果吗, 报修过了, 报事之后一直没人联系, 投诉有回复了吗, 报修也没人管, 报修已经三天了, 报修快一个月了.
# Only these shapes, whole, and right after the word (a colon or comma after it marks a report: 投诉：都几点了还在装修):
# 报修电梯坏了, 投诉有人在楼道抽烟, 报修单元门坏了, 报修单车棚的灯坏了, 报事后院积水, 报修两个路灯不亮 are reports.
_COUNT = "(?:[好很老]?[0-9一二三四五六七八九十两几半俩]+|[好很老]?多)(?:个多|多个|个)?"
_SPAN = "(?:天|回|次|遍|周|礼拜|星期|月)"
_STATUS_AFTER_TRIGGER = (
    r"\s*(?:单(?:号|子|上|里|显示|提交|[0-9A-Za-z#])|的(?!话|时候)|过了|过" + _COUNT + r"[次回遍]|完了|之后|以后"
    r"|后(?:一直|就|没|多久)|记录|有(?:回复|结果|进展|下文|信儿?|回音)|多久|多长时间|进度|到现在|这么久|好久"
    r"|(?:都|也|还)没(?:人|修|来|动静|信|回|处理|弄|管)|都(?:这么久|好久|多久)"
    r"|了?(?:已经|都快|都|快)?" + _COUNT + _SPAN + r"(?=了|多|啦|还|都|没|\s|$)"  # (都/快)三天了, 一个多月, 俩礼拜
    r"|了[\s,，]*(?:咋|怎么|都|好几|这么久|还没人|也没人|没人))"
)
TRIGGER = re.compile(
    r"^\s*(?:#?\s*(?:报事|投诉|报修)(?!" + _STATUS_AFTER_TRIGGER + r")|/report(?:@\w+)?(?![A-Za-z0-9_]))\s*[:：,，]?\s*"
)
# How long ago one reported, and nothing else (报修快一个月了, 投诉都俩礼拜了): a grumble about one's earlier report,
# asked of its ticket as a status question is, rather than offered as a second one.
REPORTED_AGO = re.compile(
    r"\s*#?\s*(?:报事|投诉|报修|反映)了?\s*(?:已经|都快|都|快|有|差不多)?\s*(?:" + _COUNT + _SPAN + r"多?|好久|这么久)"
    r"[了啦]?[\s，。,.!！?？~～]*"
)

QUERY_FIRST = ("我的报事", "查询工单", "我的工单", "查工单", "查一下我的", "查下我的")
# A status question: a word for the report and a word that asks how it is going.
QUERY_ASKING = (
    "怎么样了",
    "有人处理",
    "处理了吗",
    "有人管",
    "修了没",
    "修了吗",
    "有回复",
    "进度",
    "到哪了",
    "啥时候",
    "什么时候",
    "有消息",
    "有结果",
    "还没",
    "办了没",
    "咋样了",
    "好了没",
    "弄了没",
)
QUERY_PATTERNS = (
    "我报的",
    "我反映的",
    "我上次",
    "我上周",
    "我昨天报",
    "那个单子",
    "那个工单",
    "报的那个",
    "反映的那个",
    "查询",
    "我的报事",
    "工单",
    "单子",
)  # no asking word here: one word must not be both halves of a status question ("今天天气怎么样了")

# Talk that is never a complaint, whatever words it contains.
CHATTER_MARKS = (
    "修好了",
    "已经解决",
    "谢谢",
    "辛苦了",
    "点赞",
    "转发",
    "注意保暖",
    "注意安全",
    "打折",
    "拼团",
    "多关照",
    "早上好",
    "晚安",
)


class WordIndex:
    """Finds which of many words occur in a text in one pass: words are bucketed by their first character,
    so each position of a short message looks at a handful of candidates instead of every word."""

    def __init__(self, words) -> None:
        self._by_first: dict[str, list[str]] = {}
        for word in sorted(set(words), key=len, reverse=True):
            self._by_first.setdefault(word[0], []).append(word)

    def found(self, text: str) -> set[str]:
        hits = set()
        by_first = self._by_first
        for i, char in enumerate(text):
            candidates = by_first.get(char)
            if candidates:
                hits.update(word for word in candidates if text.startswith(word, i))
        return hits


def categories_named(text: str) -> set[str]:
    """The categories whose words the text holds (楼道灯 → lighting), each once."""
    return {category for word in INDEX.found(text) for category in CATEGORY_OF_WORD.get(word, ())}


_unknown = (set(CATEGORY_WORDS) | set(DECISIVE_WORDS.values())) - set(CATEGORIES)
if _unknown:  # the words are for the product's categories (bot.vocabulary), not categories of their own
    raise ValueError(f"keyword lists name categories the vocabulary does not have: {sorted(_unknown)}")
CATEGORY_OF_WORD: dict[str, list[str]] = {}
for _category, _words in CATEGORY_WORDS.items():
    for _word in _words:
        CATEGORY_OF_WORD.setdefault(_word, []).append(_category)
STRONG_WORDS = frozenset(CATEGORY_OF_WORD) - NEUTRAL_WORDS
INDEX = WordIndex(
    [*CATEGORY_OF_WORD, *DECISIVE_WORDS, *URGENT_WORDS, *PROBLEM_WORDS, *CHATTER_MARKS, *QUERY_FIRST,
     *QUERY_PATTERNS, *QUERY_ASKING]
)  # fmt: skip


# A question about when, where or how much a service is (明天几点停水？物业费什么时候交？燃气费在哪交): asked of the
# group, answered by a neighbour, and no report, unless it also describes a problem now (又停水了, 好几天了, 坏了).
# (Questions for the community's services — 社保, 居住证, 老年卡, 疫苗 — stay what the product calls 其他咨询.)
_SCHEDULE_ASKED = re.compile(
    r"几点|什么时候|啥时候|什么时间|哪天|几号|星期几|周几|多久|多长时间|多少钱|多少一|在哪交|哪里交|在哪儿交|"
    # how to pay, online too (天然气费怎么在网上交, 水费网上能交吗: a newcomer's, stop 38)
    r"怎么(?:在|用)?(?:网上|手机上?|微信上?|支付宝上?|线上)?(?:交|缴|充)(?![了过])"
    r"|(?:网上|手机上|微信上|线上)(?:能|可以)(?:交|缴|充)(?![了过])|"
    r"去哪交|怎么缴|在哪缴|怎么办理|在哪办|怎么办[?？]?$|收费标准|怎么收费|能不能|可以不可以|可不可以|能否"
)
_SERVICE = re.compile(
    r"停水|停电|停气|停暖|供暖|来暖|来水|来电|通水|通电|通气|暖气费|取暖费|物业费|水费|电费|燃气费|气费|停车费|管理费|"
    r"卫生费|垃圾费|检修|维保|保养|开放|开门|上班|收垃圾|收快递|充电桩|缴费|交费|放假|开会|年检|换表|抄表"
)
_PROBLEM_NOW = re.compile(
    r"坏|漏|堵|不亮|不动|不热|不暖|冰凉|没人管|没人修|没修|臭|吵|又|还没|还不|一直|好几天|几天了|个月了|周了|礼拜了|"
    r"冒|裂|掉|塌|脏|乱|占|困|烧|着火|气味|味儿|断了|没水|没电|没气|没暖气|不出水|黑了"
    # a service not done, or accounts demanded (楼道一个月都没人扫 这钱到底花哪去了 能不能给个说法)
    r"|没人(?:扫|打扫|清|收|来|弄|处理|理|过问)|给个?说法|凭什么|花哪"
)


def asks_about_a_service(text: str) -> bool:
    return (
        _SCHEDULE_ASKED.search(text) is not None
        and _SERVICE.search(text) is not None
        and _PROBLEM_NOW.search(text) is None
    )


# A question about a personal service (社保卡挂失咋弄, 居住证去哪办, 高龄补贴多大年纪有): a complaint of category other
# (PRODUCT.md), which the model, seeing 咋/哪/吗 in so much talk, often calls talk. Not a fraud warning that names
# the service (冒充医保局的电话), thanks for one done, nor a lost card (捡到一张老年卡).
_PERSONAL_SERVICE = re.compile(
    r"社保|医保|养老金|退休认证|居住证|户口|老年卡|老年证|补贴|津贴|低保|残疾证|残疾人证|开.{0,4}证明|公积金|疫苗本|准生证|"
    r"独生子女|助餐|日间照料|养老服务|居家养老|失业金|退休金|优待金|奖励费|乘车卡|助餐卡|一键呼叫|社保卡|(?i:sbk)|"
    r"身份证(?:丢|掉|上的|过期|到期|挂失)|补办身份证|公租房|廉租房|养老驿站|家庭医生|长护险|养老院|评残|意外险|老年食堂|"
    r"床位|生育(?:险|保险|津贴|登记|服务|金)|(?<!事实)(?<!就)(?<!能)证明(?![了啥你他她我是])|备案(?!了)|上牌(?!了|那)|"
    r"(?:临时|困难|医疗|社会|大病)救助|救助金|(?i:shebao|yibao)"
)
# How, where or from whom one gets it: not a bare 吗 (今年养老金涨了吗 asks neighbours for news).
_ASKED = re.compile(
    r"(?:怎么|咋|如何)(?:办|弄|整|补|申请|领|交|缴|挂失|开|报名|认证|激活|查|改|迁|落)|去哪|在哪|哪里|哪儿|上哪|找谁|"
    r"能不能办|能办|可以办|给办|要带|带啥|需要(?:啥|什么)|(?:啥|什么)材料|多大年纪|多少岁|"
    r"(?:啥|什么)条件|(?:咋|怎么)(?:续|预约|登记|绑定|约|签)|能开|还开(?!着)|给开|能申请|用不用换"
)
# Nor a question answered in the same message (sbk咋激活 我闺女帮我弄好了, 乘车卡在哪办 就在社区服务中心) or told of
# someone else (有人问…), nor a saying (在哪吃都一样, 哪里都不如家).
_NOT_ASKING_FOR_ONE = re.compile(
    r"冒充|骗|链接|短信|电话说|谢谢|感谢|捡|丢了.{0,12}谁|弄好了|办好了|就行|俺会|我会|有人问|就在|(?:哪|谁)[^\s,，。]{0,5}都|说去"
)


def asks_for_a_personal_service(text: str) -> bool:
    return (
        _PERSONAL_SERVICE.search(text) is not None
        and _ASKED.search(text) is not None
        and _NOT_ASKING_FOR_ONE.search(text) is None
    )
