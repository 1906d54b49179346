"""Written Cantonese read as Mandarin, so that the rules and the model, which know Mandarin, hear it.

Residents in Guangdong, Guangxi and Hong Kong write group messages in Cantonese characters, or mix them into
Mandarin: 𨋢又坏咗 (the lift is broken again), 嚟唔到 (cannot come), 我报咗嗰单有冇人跟进 (has anyone followed up my
report). Read as written, 唔 is no negation to the meeting rules (嚟唔到 had read as a yes), and the model, trained
mostly on Mandarin, hears none of 咗, 冇 or 嗰.

Only a text that holds a character written in Cantonese alone (`_MARKS`) or a plainly Cantonese word (`_MARK_WORDS`)
is read this way: the table's other words (系, 食, 仲, 成日) are ordinary Mandarin in a Mandarin message. Each word
is what a Cantonese speaker writes for the Mandarin beside it.
"""

from __future__ import annotations

import re

from bot.nlp.dialect import dialect

# Characters that written Cantonese uses and written Mandarin hardly does. 冇 is Wuhan's and Hakka's too (冇得): 没
# there as well.
_MARKS = "唔冇嘅咗佢啲嚟喺搵揾攞瞓睇咩乜嗰𠮶哋噉咁嘢畀俾嗌啱谂屙𨋢䢂㗎冚嘥掟鲠"
# Words as plainly Cantonese, of characters Mandarin uses too (咪 in 猫咪, 屋 in 屋里); not 返工 nor 一齐, which are
# Mandarin too (外墙返工了三次, 大家一齐来看看)
_MARK_WORDS = r"系咪|点解|而家|琴日|屋企|得闲"

# Cantonese=Mandarin (𨋢 and 燶 also as OpenCC writes them simplified: 䢂, 㶶). Longer words win over the words inside
# them (唔该晒 over 唔该, 有冇 over 冇).
_TABLE_TEXT = """
唔该晒=谢谢 多谢晒=谢谢 多谢=谢谢 唔该=麻烦 唔好意思=不好意思 得唔得闲=有没有空 唔得闲=没空
冇得闲=没空 得闲=有空 嚟唔到=来不了 嚟唔切=来不及 去唔到=去不了 去唔切=去不及 嚟得到=来得了
去得到=去得了 未必=不一定 返工=上班 放工=下班 返学=上学 返屋企=回家 返乡下=回老家 屋企=家
睇下先=看看再说 一齐=一起 有冇=有没有 系咪=是不是 系唔系=是不是 得唔得=行不行 使唔使=用不用
点解=为什么 点算=怎么办 点样=怎样 点搞=怎么弄 点办=怎么办 边度=哪里 边个=谁 边间=哪间
几时=什么时候 几钱=多少钱 乜嘢=什么 咩事=什么事 而家=现在 宜家=现在 琴日=昨天 寻日=昨天
听日=明天 今日=今天 头先=刚才 啱啱=刚刚 仲未=还没 未有=还没有 旧年=去年 日日=天天 好耐=好久
咁耐=这么久 几耐=多久 我哋=我们 你哋=你们 佢哋=他们 呢度=这里 嗰度=那里 呢个=这个 呢啲=这些
嗰啲=那些 呢排=最近 唔喺度=不在 喺度=在 细路=小孩 差佬=警察 差人=警察 贼仔=小偷 贼佬=小偷
白车=救护车 两公婆=两口子 阿嫲=奶奶 阿嫂=嫂子 士多=小卖部 嗌交=吵架 吵交=吵架 打交=打架
火烛=着火 水浸=淹水 浸咗=淹了 浸到=淹到 浸晒=淹了 晕低=晕倒 跌低=摔倒 跌亲=摔伤 撞亲=撞伤
烫亲=烫伤 咬亲=咬伤 鲠亲=噎住了 鲠住=噎住 哽亲=噎住了 郁唔到=动不了 郁唔得=动不了 唔郁=不动
讲唔到嘢=说不出话 讲唔到=说不出 行唔到=走不了 企唔稳=站不稳 企唔起=站不起来 起唔到身=起不来
斩死=砍死 斩人=砍人 爆格=入室盗窃 食烟=抽烟 拍门=敲门 掟=扔 差啲=差点 口唇=嘴唇 面青=脸青
面色=脸色 呕=吐 膝头哥=膝盖 冷气机=空调 冷气=空调 雪柜=冰箱 冲凉=洗澡 落雨=下雨
升降机=电梯 部较=部电梯 较门=电梯门 电单车=电动车 叉电=充电 插苏=插座 拖板=插排 窿=洞
胶袋=塑料袋 按金=押金 整烂=弄坏 整坏=弄坏 打横=横着 睇住=照看 打边炉=吃火锅 搞唔掂=搞不定
搞掂=搞定 落嚟=下来 落去=下去 好似=好像 得意=好玩 钟意=喜欢 唔使=不用 唔好=不要 唔知=不知道
唔识=不会 唔系=不是 冇=没 唔=不 咗=了 嘅=的 佢=他 哋=们 嚟=来 喺=在 搵=找 揾=找 攞=拿
瞓=睡 睇=看 嗰=那 嘢=东西 畀=给 俾=给 嗌=喊 嘈=吵 谂=想 屙=拉 乜=什么 噉=这样 咁=这么
㗎=的 冚=全 嘥=浪费 啱=对 隔篱=隔壁 透唔到气=喘不上气 透唔过气=喘不上气 滚水=开水
起晒泡=起满了泡 俾人=被人 畀人=被人 成只=整只 夹亲=夹伤 𨋢=电梯 䢂=电梯 燶=糊 㶶=糊
"""

# Words whose Mandarin reading is also common, read as Cantonese only where they stand as such. In order: 成日 after
# 了 before 成日 alone, 啲 after an adjective before 啲 alone.
_CONTEXTUAL = (
    (re.compile(r"(?<=[快早迟多少好细大慢近远])啲"), "点"),  # 快啲 is 快点; elsewhere 啲 is "some"
    (re.compile(r"啲"), "些"),
    (re.compile(r"咩咩"), "咩咩"),  # a lamb's bleat
    (re.compile(r"(?<!咩)咩(?=$|[\s，。！？,.!?~]|啊|呀|啦)"), "吗"),  # a question's end (系咩), not 咩事 (the table)
    (re.compile(r"(?<!咩)咩(?!咩)"), "什么"),
    # 系 is 是 (佢系, 但系, 真系), not 联系, 关系, 体系, 系统, 系列, 系鞋带
    (re.compile(r"(?<![联关体派水直谱世星院父母维])系(?![统列数上好紧着住鞋绳带])"), "是"),
    (re.compile(r"(?<![粮零美饮主素熟生肉伙])食(?![堂品物材用谱欲指言量])"), "吃"),
    (re.compile(r"(?<![停湖漂])泊(?=车|在|了|位|到|$|[\s，。！？,.!?])"), "停"),
    (re.compile(r"(?<!仲)仲(?![裁夏秋春冬])"), "还"),
    (re.compile(r"(?<![忧抑浓])郁(?![闷金郁])"), "动"),
    (re.compile(r"(?<=[不没])晒"), "完"),
    (re.compile(r"喇(?![叭嘛])"), "了"),
    (re.compile(r"(?<=了)成日"), "一整天"),  # 等咗成日: a whole day
    (re.compile(r"成日"), "老是"),  # 成日停电: always
    (re.compile(r"没得(?=[去来参报玩看吃])"), "没法"),  # 冇得参加: cannot (Wuhan's 冇得水 stays 没得)
    (re.compile(r"(?<=[涨冒充喷漏烧滴响吠吵做整等落])紧(?![张急迫密])"), "着"),  # 涨紧: rising now, not 紧急
    (re.compile(r"(?<=[问看喷试行等想讲听帮找查])吓"), "下"),  # 睇吓: have a look, not 吓死 (scared)
    (re.compile(r"(?<![国民私央外])企(?![业鹅图盼及划])"), "站"),  # (屋企 is 家 by then)
    (re.compile(r"(?<=[我你他她们])同(?![意学事时样志步])"), "和"),  # 我同老公: with, not 同意
    (re.compile(r"(?<![电说讲对通笑废谈神情闲实白好假大坏出句的听])话(?![题筒费机剧语])"), "说"),  # 话会打电话: says
    (re.compile(r"(?<=了)边(?=$|[\s，。！？,.!?])"), "哪里"),  # 到咗边: got where
    (re.compile(r"霸(?=[住了两一个位车])"), "占"),
    (re.compile(r"饮(?![料食品用])"), "喝"),  # 饮咗成樽漂白水: drank, not 饮料 nor 饮食
    (re.compile(r"执(?=到|了|起|返)"), "捡"),  # 执到一条锁匙: picked up, not 执行 nor 执照
    (
        re.compile(r"(?<![月号十一二三四五六七八九][两三几半])(?<=[两三几半])日"),
        "天",
    ),  # 两日: two days; not a date (十二月十三日)
)


# 唔 alone before a pause is a hum (唔，我参加), not a "not"; OpenCC writes 嗰 as 𠮶
_BEFORE = ((re.compile(r"唔(?=$|[\s，。！？,.!?…~])"), "嗯"), (re.compile("𠮶"), "嗰"))

CANTONESE = dialect(_MARKS, _MARK_WORDS, _TABLE_TEXT, _CONTEXTUAL, _BEFORE)
as_mandarin = CANTONESE.as_mandarin
