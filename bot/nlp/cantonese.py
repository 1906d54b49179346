"""Written Cantonese read as Mandarin, so that the rules and the model, which know Mandarin, hear it.

Residents in Guangdong, Guangxi and Hong Kong write group messages in Cantonese characters, or mix them into
Mandarin: 𨋢又坏咗 (the lift is broken again), 嚟唔到 (cannot come), 我报咗嗰单有冇人跟进 (has anyone followed up my
report). Read as written, 唔 is no negation to the meeting rules (嚟唔到 had read as a yes), and the model, trained
mostly on Mandarin, hears none of 咗, 冇 or 嗰.

Only a text that holds a character written in Cantonese alone (`MARKS`) is read this way: the table's other words
(系, 食, 仲, 成日) are ordinary Mandarin in a Mandarin message. The words come from the language, not from any
labelled message: each is what a Cantonese speaker writes for the Mandarin word beside it.
"""

from __future__ import annotations

import re

# Characters that written Cantonese uses and written Mandarin hardly does. 冇 is Wuhan's and Hakka's too (冇得): 没
# there as well.
MARKS = frozenset("唔冇嘅咗佢啲嚟喺搵揾攞瞓睇咩乜嗰𠮶哋噉咁嘢畀俾嗌啱谂屙𨋢㗎冚嘥")
# Words as plainly Cantonese, of characters Mandarin uses too (咪 in 猫咪, 屋 in 屋里)
_MARK_WORDS = re.compile(r"系咪|点解|而家|琴日|屋企|返工|得闲")

# Longest first where one is inside another (唔该晒 before 唔该, 有冇 before 冇). Each is what the words mean here.
_WORDS: tuple[tuple[str, str], ...] = (
    # thanks and requests
    ("唔该晒", "谢谢"),
    ("多谢晒", "谢谢"),
    ("唔该", "麻烦"),
    ("唔好意思", "不好意思"),
    # coming and going: the meeting answers
    ("唔得闲", "没空"),
    ("冇得闲", "没空"),
    ("得闲", "有空"),
    ("嚟唔到", "来不了"),
    ("嚟唔切", "来不及"),
    ("去唔到", "去不了"),
    ("去唔切", "去不及"),
    ("嚟得到", "来得了"),
    ("去得到", "去得了"),
    ("未必", "不一定"),
    ("返工", "上班"),
    ("放工", "下班"),
    ("返学", "上学"),
    ("返屋企", "回家"),
    ("返乡下", "回老家"),
    ("屋企", "家"),
    ("睇下先", "看看再说"),
    # questions
    ("有冇", "有没有"),
    ("系咪", "是不是"),
    ("系唔系", "是不是"),
    ("得唔得", "行不行"),
    ("使唔使", "用不用"),
    ("点解", "为什么"),
    ("点算", "怎么办"),
    ("点样", "怎样"),
    ("点搞", "怎么弄"),
    ("点办", "怎么办"),
    ("边度", "哪里"),
    ("边个", "谁"),
    ("边间", "哪间"),
    ("几时", "什么时候"),
    ("几钱", "多少钱"),
    ("乜嘢", "什么"),
    ("咩事", "什么事"),
    # time
    ("而家", "现在"),
    ("宜家", "现在"),
    ("琴日", "昨天"),
    ("寻日", "昨天"),
    ("听日", "明天"),
    ("聽日", "明天"),
    ("今日", "今天"),
    ("头先", "刚才"),
    ("啱啱", "刚刚"),
    ("成日", "老是"),
    ("仲未", "还没"),
    ("未有", "还没有"),
    # people and places
    ("我哋", "我们"),
    ("你哋", "你们"),
    ("佢哋", "他们"),
    ("呢度", "这里"),
    ("嗰度", "那里"),
    ("呢个", "这个"),
    ("呢啲", "这些"),
    ("嗰啲", "那些"),
    ("呢排", "最近"),
    ("细路", "小孩"),
    ("差佬", "警察"),
    ("差人", "警察"),
    ("贼仔", "小偷"),
    ("贼佬", "小偷"),
    ("白车", "救护车"),
    # what happens: troubles with Cantonese names
    ("嗌交", "吵架"),
    ("吵交", "吵架"),
    ("打交", "打架"),
    ("火烛", "着火"),
    ("水浸", "淹水"),
    ("浸咗", "淹了"),
    ("晕低", "晕倒"),
    ("跌低", "摔倒"),
    ("跌亲", "摔伤"),
    ("撞亲", "撞伤"),
    ("烫亲", "烫伤"),
    ("咬亲", "咬伤"),
    ("郁唔到", "动不了"),
    ("郁唔得", "动不了"),
    ("唔郁", "不动"),
    ("爆格", "入室盗窃"),
    ("食烟", "抽烟"),
    ("冷气机", "空调"),
    ("冷气", "空调"),
    ("雪柜", "冰箱"),
    ("冲凉", "洗澡"),
    ("落雨", "下雨"),
    ("𨋢", "电梯"),
    ("升降机", "电梯"),
    ("搞唔掂", "搞不定"),
    ("搞掂", "搞定"),
    ("落嚟", "下来"),
    ("落去", "下去"),
    ("好似", "好像"),
    ("钟意", "喜欢"),
    ("唔使", "不用"),
    ("唔好", "不要"),
    ("唔知", "不知道"),
    ("唔识", "不会"),
    ("唔系", "不是"),
    ("冇", "没"),
    ("唔", "不"),
    ("咗", "了"),
    ("嘅", "的"),
    ("佢", "他"),
    ("哋", "们"),
    ("嚟", "来"),
    ("喺", "在"),
    ("搵", "找"),
    ("揾", "找"),
    ("攞", "拿"),
    ("瞓", "睡"),
    ("睇", "看"),
    ("嗰", "那"),
    ("嘢", "东西"),
    ("畀", "给"),
    ("俾", "给"),
    ("嗌", "喊"),
    ("嘈", "吵"),
    ("谂", "想"),
    ("屙", "拉"),
    ("乜", "什么"),
    ("噉", "这样"),
    ("咁", "这么"),
    ("㗎", "的"),
    ("冚", "全"),
    ("嘥", "浪费"),
    ("啱", "对"),
)
_TABLE = dict(_WORDS)
_WORD = re.compile("|".join(re.escape(word) for word, _ in sorted(_WORDS, key=lambda pair: -len(pair[0]))))

# Words whose Mandarin reading is also common, read as Cantonese only where they stand as such:
_CONTEXTUAL = (
    (re.compile(r"(?<=[快早迟多少好细大慢近远])啲"), "点"),  # 快啲 is 快点; 啲 elsewhere is "some" (below)
    (re.compile(r"啲"), "些"),
    (re.compile(r"咩(?=$|[\s，。！？,.!?~]|啊|呀|啦)"), "吗"),  # a question's end (系咩), not 咩事 (above)
    (re.compile(r"咩"), "什么"),
    # 系 is 是 (佢系, 但系, 真系), not 联系, 关系, 体系, 系统, 系列, 系鞋带
    (re.compile(r"(?<![联关体派水直谱世星院父母维])系(?![统列数上好紧着住鞋])"), "是"),
    (re.compile(r"(?<![粮零美饮主素熟生肉伙])食(?![堂品物材用谱欲指言量])"), "吃"),
    (re.compile(r"(?<![停湖漂])泊(?=车|在|了|位|到)"), "停"),
    (re.compile(r"(?<!仲)仲(?![裁夏秋春冬])"), "还"),
    (re.compile(r"(?<![忧抑浓])郁(?![闷金郁])"), "动"),
    (re.compile(r"(?<=[不没])晒"), "完"),
    (re.compile(r"喇"), "了"),
)


def as_mandarin(text: str) -> str:
    """The text with its Cantonese words put in Mandarin; a text with none of `MARKS` is returned as it is."""
    if MARKS.isdisjoint(text) and not _MARK_WORDS.search(text):
        return text
    text = text.replace("𠮶", "嗰")  # as OpenCC writes 嗰 in simplified characters
    text = _WORD.sub(lambda match: _TABLE[match.group()], text)
    for pattern, mandarin in _CONTEXTUAL:
        text = pattern.sub(mandarin, text)
    return text
