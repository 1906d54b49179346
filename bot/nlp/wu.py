"""Written Shanghainese (Wu) read as Mandarin, as bot.nlp.cantonese reads Cantonese.

Residents in Shanghai and around it mix Wu words into Mandarin: 阿拉屋里厢停水了 (our home has no water), 侬晓得伐 (do
you know), 覅去 (don't go), 我勿来了 (I won't come), 啥辰光来修 (when will it be fixed). Read as written, 勿 and 覅 are
no negation to the meeting rules, and the model hears none of 侬, 伐 or 辰光.

A text is read so when it holds 侬, 覅 or 搿 (which Mandarin hardly writes) or a plainly Wu word (阿拉 but not 阿拉伯,
伊拉 but not 伊拉克, 辰光, 今朝, 辣海, a question ending in 伐, 勿 before a verb but not a notice's 请勿). 额 there
is 的 (老灵额), which is why bot.nlp.normalize does not read it as the Shaanxi 我 in such a text.
"""

from __future__ import annotations

import re

from bot.nlp.dialect import dialect

_MARKS = "侬覅搿"
_MARK_WORDS = (
    r"阿拉(?!伯|丁|斯加|木图|善)|伊拉(?!克)|辰光|今朝|明朝(?!的|时|末|皇|清)|辣海|屋里厢|迭个|迭搭|困觉|勿来事"
    r"|交关|物事|事体|晓得伐|[好对是要行来去有]伐(?=$|[\s，。！？,.!?~])|老灵|吵相骂|打相打|几钿"
    # 勿 of speech (勿来了, 勿晓得), not of a notice (请勿吸烟, 中介勿扰, 勿触摸)
    r"|(?<![请切])勿(?=[来去晓要好是对一灵开舒会能想])"
)

# Wu=Mandarin, longer words first where one is inside another (勿晓得 before 晓得, 哪能办 before 哪能).
_TABLE = """
阿拉=我们 伊拉=他们 侬=你 覅紧=不要紧 勿要紧=不要紧 覅=不要 勿要=不要 勿晓得=不知道 晓得伐=知道吗 晓得=知道
勿来事=不行 来事=行 来勿及=来不及 去勿了=去不了 去勿成=去不成 来勿了=来不了 勿来=不来 勿去=不去 勿=不
啥辰光=什么时候 辰光=时候 到辰光=到时候 今朝=今天 明朝=明天 昨日=昨天 后日=后天
上半日=上午 下半日=下午 夜里向=晚上 早浪=早上 下趟=下次 迭趟=这次 长远=好久
搿个=这个 迭个=这个 搿搭=这里 迭搭=这里 哀面=那边 辣海=在 屋里厢=家里 物事=东西 交关=很 邪气=很 老灵=很好
汏浴=洗澡 汏=洗 汰=洗 困觉=睡觉 揩=擦 掼跤=摔跤 掼了一跤=摔了一跤 跌跤=摔跤 吃力=累 欢喜=喜欢 戆=傻
吵相骂=吵架 相骂=吵架 打相打=打架 几钿=多少钱 铜钿=钱 钞票=钱 用场=用处 灶披间=厨房 姆妈=妈妈
讲伐清爽=说不清楚 清爽=清楚 窗门=窗户 做啥=干什么 一道=一起 好额=好的 事体=事情
"""

_CONTEXTUAL = (
    (re.compile(r"伐(?=$|[\s，。！？,.!?~])"), "吗"),  # 好伐: a question's end, not 步伐 nor 砍伐
    (re.compile(r"(?<![步砍讨征采杀])伐(?=[对热好是来去晓要清到灵开冷响动会能])"), "不"),  # 伐对头, 是伐是: not
    (re.compile(r"(?<=[坏扫碎占落烧忘吃用卖丢跑漏断拆])脱(?![离落掉])"), "掉"),  # 坏脱了: broken (not 脱落)
    (re.compile(r"(?<=[热冷吵吓累急气忙饿痛疼烦闷臭])煞"), "死"),  # 热煞了, 吵煞人: to death, i.e. very
    (re.compile(r"寻(?=[寻人找到个着])"), "找"),
    (re.compile(r"(?<!在)哪能(?=办)"), "怎么"),  # 哪能办: what to do; Mandarin's 在哪能看 is "where can one"
    (re.compile(r"(?<![在到去])哪能"), "怎么"),
    (re.compile(r"(?<!赶不)上趟"), "上次"),  # not the idiom 赶不上趟
    (re.compile(r"伊(?![朗利拉斯犁春甸妹人])"), "他"),  # not 伊朗, 伊利, 伊斯兰, nor a name's 伊
    (re.compile(r"拨(?![打款号开通动弄乱])"), "给"),  # 拨侬, 拨物业讲讲: give, not 拨打 nor 拨款
    # 老灵额, 报额, 来额: 的 (not 名额, 金额, 余额)
    (re.compile(r"(?<![名余金全限超定差数税面份总配票巨欠缴交空满溢款费账烂等])额(?![度头外])"), "的"),
)

WU = dialect(_MARKS, _MARK_WORDS, _TABLE, _CONTEXTUAL)
as_mandarin = WU.as_mandarin
