"""Danger to life or property now, read for recall: which hazard a message reports, if any.

A false alarm costs a worker a look; a missed gas leak costs far more. So the patterns are broad, and built from
fields of meaning rather than set phrases: people inside something and unable to get out, a thing about to
fall, a person lying still, a weapon in someone's hand, water still rising. They are read before anything that
would call the message chatter, an RSVP or a question (有煤气味吗 is urgent too). Three things take a match
back: a negation or a "what if" right before it (没有煤气味, 万一着火), the danger told of as past or dealt
with (昨天那个煤气味已经查过了) unless something says it goes on, and a drill, a talk or news from elsewhere
(消防演练, 外地有个小区着火了) unless the sign is strong. Smoke from cooking is no fire.

A gas smell, a fire and people trapped in a lift name their category for sure, whatever else the words say.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from re import _constants as _sre  # the parser's own names, to find where a pattern can start
from re import _parser as _sre_parse


@dataclass(frozen=True)
class Hazard:
    kind: str  # one of PRIORITY, or electric_fire
    category: str | None  # the ticket category it surely is (None: the reading of the words decides)


# Fields of meaning, for composing patterns. Text is normalised (NFKC) before it is read.
# With the homophones a phone's dictation or a hurried hand writes (燃器, 煤汽, 天然汽); not 然气 alone, which is in
# 突然气温, nor 天然汽水.
_GAS = r"(?:煤[气汽]|燃[气汽器]|天然(?:[气器]|汽(?![水泡]))|液化[气汽]|瓦斯)"
# a fire or heater burning now, not one named in passing (热水器也懒得开, 炉子上的汤帮我看着点)
_FUMES = (
    r"(?:(?:烧着|生着|点着|开着|生了|点了|烧了)[^，。！？,.!?]{0,3}(?:煤炉|炉子|蜂窝煤|煤球|炭|火盆)|烧煤|烧炭|炭盆|火盆"
    r"|(?:煤炉|炉子|炭火|热水器)(?:子)?[^，。！？,.!?]{0,4}(?:烧着|开着|一直在烧|一直开着|没灭|烧了一夜|一开)"
    r"|洗澡|洗着澡|烧气的)"
)
_FUMES_FELT = r"(?<!熏得)(?<!熏得我)(?<!熏得人)(?:头晕|迷糊|站不稳|晕乎|昏昏沉沉|想吐|头疼恶心|头痛恶心|恶心想吐)"
_FUMES_NOT_ADVICE = r"(?![^。！？!?]*(?:不然|否则|要不然|一定要|记得|千万|容易|小心|注意))"
# Fumes and their signs in someone: the signs that are no figure of speech (头疼 alone is as often a worry), not in
# advice (烧煤炉子一定要开窗 不然头晕想吐) nor from smoke outside that stings (炭火烟熏得我头晕)
_CARBON_MONOXIDE = "|".join(
    first + _FUMES_NOT_ADVICE + r"[^。！？!?]{0,24}" + then  # (the lookahead after a word: not tried everywhere)
    for first, then in ((_FUMES, _FUMES_FELT), (_FUMES_FELT, _FUMES))
)
# Someone old or alone not seen for a day or more who does not answer (独居老人 今天一天没开门 电话也不接): a welfare
# call, urgent in every labelled line; both halves, since either alone is as often a trip or a nap, and not with
# the reason told (在家睡觉呢 手机静音了, 去闺女家了).
_UNSEEN_AND_UNANSWERING = (
    r"(?:独居|一个人住|老人|老太|老头|大爷|大娘|奶奶|爷爷|老爷子|姥姥|姥爷)"
    r"(?![^。！？!?]*(?:睡觉|睡着|静音|旅游|走亲戚|回老家|没信号|住院|在医院|接走|闺女家|儿子家|女儿家|打游戏|看电视"
    r"|上班|出差|回来了|原来|虚惊|哈哈|没事))[^。！？!?]{0,20}"
    r"(?:[一两三四五六七八九十几好]+天|一整天|今天一天)[^。！？!?]{0,4}"
    r"(?:没开门|没出门|没见(?:人|着|出来|动静)|没动静|没露面|没下楼)"
    r"[^。！？!?]{0,20}(?:电话|敲门|叫门|喊)[^。！？!?]{0,8}(?:不接|没人接|没人应|不应|不开|没反应|没动静)"
)
# A threat to a person, said to someone (说要弄死俺, 喊着要…), not to a thing (收拾我家阳台, 弄死她送我的多肉), not an
# exclamation (这天要整死我, 这是要弄死我啊), a game or a joke at home (打王者被对面弄死, 老婆说再打游戏就要收拾我
# 哈哈), nor 放话 about cards (放话要打麻将到天亮).
_PLAY = r"(?:哈哈|😂|🤣|开玩笑|逗你|游戏|斗地主|打牌|麻将|王者|看球|裁判)"
# (each branch's first word before it: a lookahead first is tried at every position, and hides the characters a
# danger can start with from _starting_with_one_of, which made the whole danger search two and a half times slower)
_NOT_IN_PLAY = r"(?![^。！？!?]*" + _PLAY + ")"
_THREAT = (
    r"(?:(?:找人|叫人|喊人)" + _NOT_IN_PLAY + r"来?(?:收拾|弄死|废了|整死)(?:我|俺|你|他|她)(?![家的房屋])"
    r"|(?:说|喊|嚷|骂|扬言)"
    + _NOT_IN_PLAY
    + r"[^。！？!?]{0,8}?(?<!这是)(?<!被)要来?(?:弄死|整死|废了)(?:我|俺|你|他|她)"
    r"(?![家的房屋送养了])"
    r"|(?:就来|要来|过来)" + _NOT_IN_PLAY + r"收拾(?:我|俺|你|他|她)(?![家的房屋])"
    r"|(?:放(?:狠)?话|威胁)" + _NOT_IN_PLAY + r".{0,8}(?:砸|砍|弄死|废了|杀|打断|烧))"
)
_PEOPLE = r"(?:人|孩子|小孩|老人|大爷|大妈|老太太|老头|奶奶|爷爷|我妈|我爸|[一二两三四五六七八九十几仨俩]个人|仨|俩)"
_INSIDE = r"(?:里边|里面|里头|屋里|家里|卫生间里|厕所里|电梯里|地下室里|车里)"
_SOON = r"(?:快要?|就要|随时会?|眼看就?要|要)"
_FALL = r"(?:掉|砸|塌|倒|坠)(?!垃圾|车|水|杯|茶)"
_WEAPON = r"(?:刀|菜刀|刀子|棍子|棒子|砖头|板砖|铁棍|斧头|钢管|酒瓶|锤子|铁锹|铲子|剪刀|扳手|秤砣|板凳)"
_DOING_THERE = (
    r"(?!.{0,3}(?:遛|带着?(?:狗|猫|宠物)|抽|吐|吸|尿|拉屎|扔|贴|乱|画|刻|吃|喝|骑|推|打电话|玩|说话|吵|吐痰|放|堆))"
)
_KIN = r"(?:老婆|老公|媳妇|孩子|小孩|老人|妈|爸|人)"
# Hit now, said by the one hit or of their family (我老公打我, 他喝了酒就打俺, 我爸又打我妈, 被人打了 脸都肿了,
# 把我打得…, 拿皮带抽俺, 扇我耳光, 掐我脖子; 殴打): not a call (有人打我电话, 推销的天天打我), money (打我卡上), a
# denial (他从来不打我, 他没有打我), what would be (他要是敢打我, 再骂他就打我), play (打我一下 闹着玩的, 打麻将把我打得
# 落花流水), the past (他打我的时候我才五岁), things (踢我车, 踹俺家门) nor a call made (被她打了个电话). The one who
# hits is named (有人, 他, 老公…): a bare 人 only as 被人 (别人打我骂我我都不在乎 is no one hitting).
_HITTER = (
    r"(?:老公|老婆|老伴|男人|丈夫|媳妇|对象|男朋友|前夫|婆婆|公公|爸|爹|妈|娘|后妈|继父|儿子|闺女|女儿|孙子|邻居"
    r"|他|她|他们|那人|那个人|男的|女的|有人|醉汉)"
)
# Told in jest or of long ago, in the words right after (打我一下 闹着玩的, 他打我的时候我才五岁): not before them,
# where a game may be why (他打游戏输了就打我).
_NOT_IN_JEST = r"(?![^。！？!?]{0,10}(?:" + _PLAY[3:-1] + r"|闹着玩|玩呢|玩的|逗我|的时候我才|那会儿我才|的感觉))"
# Between who hits and the blow: no "if" (他要是敢打我, 再骂他就打我); a denial is right before it (他没有打我).
_HIT_GAP = r"(?:(?!要是|如果|再|敢|会)[^，。！？,.!?]){0,10}(?<!不)(?<!没)(?<!没有)(?<!从不)"
_HIT_ONESELF = (
    r"殴打|"
    + _HITTER
    + _HIT_GAP
    + r"(?:打|揍|抽|踹|踢|掐|扇)(?:我|俺)(?:家)?(?:孩子|儿子|闺女|女儿|媳妇|老婆|妈|爸|娘|爹|老人)"
    r"|"
    + _HITTER
    + _HIT_GAP
    + r"(?:打|揍|抽|踹|踢|掐|扇)(?:我|俺)"
    + _NOT_IN_JEST
    + r"(?!.{0,2}(?:电话|手机|微信|座机|视频|语音|卡|账|主意|的主意|游戏|烟|血|球|门|家|车|的车|东西))"
    r"|(?<![^\s，。！？,.!?我俺])(?:又|刚|刚才|今天|昨晚)?被(?:(?:我|俺)?家?(?:" + _HITTER[3:-1] + r"|人)"
    r"|[^，。！？,.!?]{0,4}围着)"
    r"[^，。！？,.!?]{0,4}打(?:了|伤|得|破|肿|哭|一顿|出血)?(?!.{0,3}(?:电话|招呼|针|卡|分|包|折|扰|疫苗))"
    + _NOT_IN_JEST
    + r"|(?<![^\s，。！？,.!?我俺])(?:又|刚|刚才|今天)?被打(?:了|伤|得|破|肿|哭|一顿|出血)"
    r"(?!.{0,3}(?:电话|招呼|针|卡|分|包|折|疫苗))"
    + _NOT_IN_JEST
    + r"|把(?:我|俺)(?:打|推)(?:了|伤|得|破|肿|哭|出血|倒|下)(?!落花流水|大败|惨败)"
    + _NOT_IN_JEST
    + r"|掐(?:我|俺)(?:的)?脖子|(?:推|搡)(?:我|俺)(?:下楼|倒|摔)"
)
_STROKE = r"(?:中风|脑梗|心梗|脑溢血|脑出血)"
# A stroke or a heart attack happening: told with a call for help or a sign of it (心梗了 快, 中风了 说不了话), not a
# past illness, a question or a tip (前年突然脑梗, 脑梗了 想问下怎么办理长护险, 心梗了 快速自救三步法).
_STROKE_NOW = (
    _STROKE + r"了[^。！？!?]{0,6}(?:快(?:来|叫|打|点|帮|救|$|[!！\s])|救命|120|救护车|送医院|医院路上|怎么办啊|咋办"
    r"|说不(?:了|出)话|嘴歪|动不了)(?![^。！？!?]{0,20}(?:几年|多年|年了|好些年|个月了|抢救过来))"
)
# What is poison to swallow in a home: pesticides, cleaners, fuels, and a child's medicine taken as sweets. Not 84 of an
# age or a room (84岁, 1084), nor 酒精 of 喝了酒精神头足 (酒 and 精神).
_POISON = (
    r"(?:农药|敌敌畏|百草枯|敌百虫|除草剂|杀虫剂|灭蟑|蟑螂药|老鼠药|耗子药|鼠药|消毒水|消毒液|(?<!\d)84(?![\d岁号楼室])|洁厕灵"
    r"|漂白水|漂白剂|洗洁精|洗衣液|洗衣粉|洗衣凝珠|疏通剂|干燥剂|汽油|柴油|煤油|酒精(?!神)|花露水|风油精|水银)"
)
# Choking now: 噎住 or 卡嗓子 said plainly (吃果冻噎住了, 卡在嗓子眼里了), or the face and breath of it after a word
# of swallowing (吞了个硬币 脸都紫了, 呛着了 一点气都进不去). Not one choked by words (被他一句话噎住了), a habit
# (老是噎着, 噎着好几回了), advice (别噎着, 慢点吃), one that is over (噎着了 喝口水就好了, 拍了几下吐出来了), a fish
# bone, nor a face gone purple from laughing, spice or effort with nothing swallowed.
_SWALLOWED = r"(?:噎|卡|呛|吞|咽|堵住|堵在)"
_CHOKING_OVER = r"(?![^。！？!?]{0,12}(?:好了|没事|下去了|出来了|吐出来|咳出来|好几|几回|几次))"
_CHOKING = (
    r"(?<!话)(?<![被老总常别骨刺])(?<!老是)(?<!总是)(?<!经常)(?<!不要)(?<!小心)(?<!当心)噎(?:住|着)了?"
    + _CHOKING_OVER
    + r"|(?<!刺)(?<!骨)(?<!骨头)卡(?:在)?(?:嗓子|喉咙|气管)(?:眼)?(?:里)?了?"
    + _CHOKING_OVER
    + r"|(?:嗓子|喉咙|气管)(?:眼)?(?:里)?卡(?:住|着)"
    + _CHOKING_OVER
    + r"|"
    + _SWALLOWED
    + r"[^。！？!?]{0,14}(?:(?:脸|嘴唇|嘴)(?:都|已经)?(?:憋)?(?:得)?(?:发)?[紫青乌]|憋(?:得)?(?:发)?[紫青]"
    r"|气(?:都)?(?:进不去|喘不上来|喘不过来|上不来)|咳不出来)"
    # short of breath and gone blue (喘不上来气 嘴唇都紫了: asthma, an allergy; the other way round, 喘不上气 is a
    # sign of its own), not from cold, laughter, a climb or tears (冻得嘴唇都紫了, 爬得喘不上来)
    r"|(?<![冻笑辣累哭爬跑]得)(?:喘不上|喘不过|憋气)[^。！？!?]{0,10}(?<![冻笑辣累哭]得)(?:脸|嘴唇|嘴)(?:都|已经)?(?:发)?[紫青乌]"
)
# Not breathing (我妈没气了, 孩子不喘气了, 他断气了), not a tyre, a ball, piped gas, a mattress or the heating, nor
# anger that has passed (老伴没气了 刚才还跟我吵呢: 气 is anger too), nor one out of breath (累得快断气了).
_ANGER_BEFORE = r"生.{0,2}气|消气|气消|骂|道歉"  # (吵 and 哄 before it are as often what came before the danger)
_ANGER = _ANGER_BEFORE + r"|吵|哄|计较"
_NO_BREATH = (
    r"(?<![胎球罐瓶煤燃电车暖早气垫圈椅筒])没了?气儿?了(?![^。！？!?]{0,20}(?:" + _ANGER + r"))"
    r"|不喘气|(?<![快得要])断气了"
)
# Fallen and cannot get up: the sign is the getting up, the fall is read before it with the person.
_CANNOT_GET_UP = r"(?:起不来|爬不起来|站不起来)(?!.{0,3}就(?:麻烦|完|糟|危险))"
_TUMBLE = r"(?:摔|跌)(?:了|在|到|地|倒)[^，。！？,.!?]{0,5}"
_VEHICLE = r"(?:车|汽车|小车|轿车|电动车|电瓶车|电驴|电摩|电单车|摩托车?|三轮车?|货车|卡车|渣土车)"
_HIT_BY_A_VEHICLE = (
    r"(?<!差点)(?<!差点儿)(?<!差一点)(?<!险些)被(?:倒车的车?|倒?"
    + _VEHICLE
    + r"的?)(?:给)?(?:撞|碾|轧|压|带倒)(?:了|倒|伤|飞|到)"
)
# Someone who might be in danger, named by kin or by a pronoun (not a doll, a robot or a scarecrow) …
# A child, named or by age (两岁的小子, 四岁多的闺女).
_CHILD_WORD = (
    r"孩子|小孩|小朋友|(?<![布洋])娃|宝宝|小宝|小男孩|小女孩|男孩|女孩|小姑娘|丫头|闺女|女儿|儿子|小子|孙子|孙女|外孙"
)
_CHILD = rf"(?:{_CHILD_WORD}|(?:[一两二三四五六七八]|[1-8])岁(?:多|半)?的?(?:小子|儿子|闺女|孩子|娃)?)"
_SOMEONE = (
    r"(?:(?<![器草偶])人|老太太|老太|老人|老头|老爷子|孩子|(?<![布洋])(?<!布娃)娃|小孩|宝宝|妈|爸|爹|娘|老伴|爷|奶|嬷|嫲|姥|外婆|外公"
    r"|婆婆|公公|他|她|老公|老婆|媳妇|邻居|大爷|大妈|阿姨|叔|小哥|骑手|小伙|姑娘|学生|男的|女的|那口子)"
)
# … right before a sign that only a person gives, or where they were, with an adverb or two (老伴突然没气了,
# 外卖小哥在楼下被车撞了); not their car, toy or cat (我爸的车被车撞了, 孩子玩具被车轧了, 姥姥充气床垫没气了).
_SOMEONE_RIGHT_BEFORE = (
    _SOMEONE + r"(?:[在从][^的，。！？,.!?\s]{1,5})?(?:突然|忽然|一下子?|好像|已经|刚才?|现在|都|也|又|就)*"
)
# …着了 is on fire, but not after a verb whose 着 is "got" or "is" (烫着了 scalded, 睡着了 asleep, 堵着了 blocked,
# 打着了 lit, 扣着了, 开着了, 焖着了): a reviewer's probes, stop 27.
_NOT_BURNING = r"(?<![打睡烫磕碰堵扣开关焖炖盖捂闷憋冻饿吓累冰硌绊压夹卡拴锁挂晾放搁])"
# A cry for people to come, not for hands for an errand (快来人拉走, 快来人修一下, 快来人领快递).
_COME_QUICK = r"快来人(?![拿领取买抢看拉搬清修收抬])"

# kind → (category, patterns)
_PATTERNS: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "gas": (
        "power_gas",
        (
            _GAS + r".{0,3}(?:味|泄露|泄漏|漏|在漏)",
            r"闻到.{0,6}?" + _GAS + r"|(?:一股|好大|很大|好重|很重|好浓|很浓)(?:的)?" + _GAS,
            r"漏气|[臭坏]鸡蛋(?:的|似的|一样的)?(?:味|气味)|嘶嘶|燃气(?:管|表|阀|灶).{0,8}(?:断|裂|脱|撞|破|穿|坏|漏|关不)|燃气报警器.{0,4}(?:响|叫)",
            r"像.{0,2}"
            + _GAS
            + r"|"
            + _GAS
            + r".{0,12}(?:不敢(?:按|开|点)|阀门没关|报警器.{0,4}(?:响|叫|鸣|报警|滴))"
            + r"|(?:黄管子|燃气管|煤气管).{0,8}(?:挖断|断了|往外喷|呼呼)",
            # Carbon monoxide: a stove, charcoal or a gas water heater beside its signs in someone, either way round
            # (屋里生着煤炉子 说头疼恶心 站都站不稳; every such labelled line is urgent)
            _CARBON_MONOXIDE,
        ),
    ),
    "fire": (
        "fire_safety",
        (
            r"(?<!打)着火|起火|失火|火灾|火警|烧起来|烧着|点着|着起来|火苗|明火|火光|大火|火势|火星|关不掉.{0,4}火|火.{0,4}关不掉",
            r"(?:车|电瓶车|电动车|房子|屋|柜子|被子|沙发|窗帘|电视|衣服|床|厨房|油锅|锅|油烟机|烟道|棚|罐|草坪|草地|草|柴火垛|柴火|柴垛|垃圾堆|垃圾|纸箱|电线)子?.{0,3}"
            + _NOT_BURNING
            + r"着了|🔥|🧯|🚒",
            r"引燃|引着了|烧焦|焦味|焦糊味|(?:烟感|报警器).{0,6}(?:响|叫)|充电.{0,4}(?:爆|炸)",
            # fire set by someone now (楼道里有人放火, 熊孩子在车棚玩火), not a saying (州官放火, 放火烧山 牢底坐穿), a
            # notice (严禁在楼道内玩火, 禁止孩子在车棚玩火, 警惕纵火) nor advice (小孩玩火很危险,
            # 教育孩子不要在楼道里玩火)
            r"(?<![让叫别])(?:有人|有个人|那人|那个人|醉汉|疯子|小孩|孩子|熊孩子|娃)[^。！？!?]{0,8}"
            r"(?:放火(?!烧山)|纵火|点火(?![器枪灶]))"
            r"|(?<![让叫别止禁育管小])(?:小孩|孩子|熊孩子|娃|有人)(?:(?!不|别|勿)[^。！？!?，,]){0,3}在[^。！？!?，,]{1,8}玩火",
        ),
    ),
    "smoke": (
        "fire_safety",
        (
            r"冒(?:着|出|出来|起|起了)?了?(?:好多|好些|老多|很多|大量|一股|一团|好大的?|滚滚)?(?:黑|白|灰|青|黄|浓)?烟|浓烟|烟很大|好大的?烟|一股烟|全是烟|烟雾|冒火(?!花)|都是烟|满.{0,3}烟|窜烟|烟.{0,2}(?:呛|窜)|呛.{0,2}烟",
            # smoke that wells out (烟从窗户往外冒, 黑烟一个劲冒), not 烟台, 烟酒店, 烟道 or 烟囱
            r"(?<![戒抽吸手油锅])烟(?![台囱筒酒草道机灰缸头卷盒味瘾])[^，。！？,.!?]{0,8}(?:往外|往上|一直|一个劲儿?|直)冒(?![痘泡汗])"
            r"|黑烟[^，。！？,.!?]{0,6}冒",
        ),
    ),
    "electric": (
        "power_gas",
        (
            r"触电|电到人|被电(?![动瓶驴摩单车])|电得|电打|电着了|冒火花|火花|短路|电线(?:烧|掉)|漏电(?!保护)|漏点了",
            r"塑料.{0,2}(?:烧|糊)|(?:电|插座|线|闸|配电|开关).{0,8}(?:滋啦|噼里啪啦|啪的?一声|打火(?!机))",
        ),
    ),
    "trapped": (
        None,
        (
            r"被困|困(?:在|住|(?:了|着)(?:人|个|一个|俩|两个|孩子|老人))|困人|关在|被关(?=了?(?:在|进|里|着|人)|到)|关了人|关人|卡在电梯|卡住了?(?:人|腿|手|脚|头)|夹住|夹着(?:人|腿|手|脚|头)",
            # 电梯里有人 is someone trapped, unless what follows says what they do there (遛狗, 抽烟, 吐了)
            # (not 家里有老人, 家里有人: a household that has one, in advice; nor …有老人的 but for a voice,
            # 有老人的哭声. Both on the training files: false alarms 461 -> 459, every urgent report still found)
            _INSIDE
            + r".{0,2}有.{0,2}"
            + _PEOPLE
            + r"(?<!家里有老人)(?<!家里有人)(?!的(?![声哭喊叫]))"
            + _DOING_THERE
            + r"|(?:我|人)在里[面边头]",
            r"反锁|锁在.{0,6}里|拔不出来|打不开.{0,10}(?:人|孩子|里|上头|上面)|按铃.{0,4}没人",
            r"(?:头|脑袋|手|脚|腿|孩子|人).{0,2}卡在",
            r"电梯.{0,8}(?:掉下|掉到|坠|冲顶|溜梯)",
            # someone in a lift that has stopped, however it is told (俺在电梯里 … 卡在七楼了; 电梯停了 里面有个坐轮椅的
            # 老人; 电梯里那人还没出来), the lift itself stuck, not one that stops on every floor or is due for
            # service (a review's 孩子在电梯里乱按按钮 每层都停了, 明天电梯停了保养)
            r"(?:我|俺|人|孩子|老人|小孩|闺女|儿子|女儿|孙子|孙女|娃|我妈|我爸|老伴|老公|媳妇|外卖员|骑手)(?:自己|一个人)?"
            r"(?:现在)?(?:人)?在电梯里[^。！？!?]{0,12}"
            r"(?:出不来|打不开|卡住了|卡在|不动了|停在[^，。！？,.!?]{0,8}(?:之间|中间|半截|半空))"
            r"|电梯[^。！？!?]{0,6}(?:停了|不动了|卡住了|卡了|坏了)[^。！？!?]{0,12}(?:里面|里头|里边)(?:还)?(?:有|关着)"
            r"(?:个|一个|一名|孩子|老人|小孩|俩|两个)(?![^。！？!?]{0,6}(?:贴|写|放|广告))"
            r"|(?:电梯|里面|里头)[^。！？!?]{0,4}(?:那人|的人|人)还没(?:出来|救出来)",
        ),
    ),
    "flood": (
        None,
        (
            r"漫进|水漫(?:进|到家|到屋|金山)|被淹|水淹|淹(?:了|到|没)|进水了.{0,6}(?:家|屋|电|地下)|往上涨",
            r"水(?:都|已经)?(?:到|没过|漫过|漫到|淹到)了?(?:脚|小腿|腿|膝|腰|车|床|门槛|一半)|没过(?:脚|膝|腿)|往里灌|灌进",
            r"喷(?:得)?老高|成(?:了)?河",
            r"还在(?:涨|涌|喷|往外)|往外.{0,3}(?:喷|涌)|水.{0,6}往下(?:流|淌|灌)|泡上了",
            r"跑水|发大水|热水汽|蒸汽|冒白气|全是热水|热水往外",
            r"(?:管|管子|管道|水表|阀门|暖气片).{0,4}(?:裂|破)(?:了|开).{0,8}(?:喷|涌|哗哗|冒|往外)",
        ),
    ),
    # A pipe that has burst, or scalding water and steam from a pipe: urgent in the training files 115 times of 117,
    # so, unlike the broader flood words, never doubted by the urgency model (bot.nlp.analyzer.SOFT_HAZARD_DOUBT);
    # talk about one still is talk (锅炉房的蒸汽管检修 明天停暖).
    "burst": (
        None,
        (
            r"爆管|(?:管|管子|管道|水表|阀门|暖气片).{0,4}(?:爆|崩|炸)(?:了|开)",
            # (not 暖气片冰冰冷 一点热气也没)
            r"(?:管|暖气|供暖|阀门|水表).{0,12}(?:热水汽|蒸汽|白气|(?<![点没有])热气(?![也都]?没)|热水往外"
            r"|往外.{0,3}(?:喷|冒|呲|滋)热水)",
            r"(?:热水汽|蒸汽|白气|(?<![点没有])热气(?!腾腾|[也都]?没)).{0,12}(?:管|暖气|供暖)",
        ),
    ),
    "falling": (
        None,
        (
            r"坠落|掉下来|往下掉|砸到|砸着|砸伤|砸坏|摇摇欲坠|倒塌|高空抛物|悬空|挂在半空",
            _SOON + r".{0,3}" + _FALL,
            r"(?:往下|从楼上|楼上|窗户|窗外|阳台).{0,4}(?:扔|抛|泼|丢)",
            r"(?:孩子|小孩).{0,8}(?:窗户外|窗外|窗台|阳台外|栏杆外|爬到.{0,4}(?:窗|阳台|楼顶|栏杆)|湖边|河边|水边|池塘|井边)",
            # on a roof or at its edge (那个小孩又上房顶了 在瓦片上走; 几个孩子在楼顶天台边上打闹), not living or
            # studying on the top floor nor a roof garden (a review's 孩子在楼顶的补习班上课)
            r"(?:孩子|小孩|娃|小朋友)[^。！？!?]{0,8}(?:(?:上|爬上|爬到|站在|跑到|蹲在|坐在)了?(?:房顶|楼顶|屋顶|天台)"
            r"(?![^，。！？,.!?]{0,4}(?:那层|花园|补习|上课|晒))|在(?:房顶|楼顶|屋顶|天台)[^，。！？,.!?]{0,3}(?:边|沿|栏杆|护栏))",
            r"腿在(?:外面|外边)|就剩.{0,4}(?:螺丝|一根|一颗)|要(?:出溜|滑|掉)下去|(?:坐|站|爬)在.{0,6}(?:栏杆|窗台|阳台边)",
            # 倒 only right after what falls: 楼下有人倒了一堆烂菜 is litter, not a building coming down
            r"(?:墙|房子|房|顶|棚|楼|阳台|天花板|吊顶|屋顶|车库顶)(?:子)?(?:.{0,3}塌|(?:都|也|全)?倒)了",
            r"(?:底下|下面|下边)的人.{0,3}(?:躲|让开|别过)|(?:头顶|上边|上面|上空).{0,6}晃",
        ),
    ),
    "violence": (
        None,
        (
            r"打架|打起来|打人|打伤|动手|动刀|持刀|砍人|砸人|要(?:砍|杀|打死)|头破|流血|见血|家暴|扬言.{0,6}(?:杀|砍|烧)",
            r"打" + _KIN + r"|(?:拿|拎|提)(?:着)?.{0,2}" + _WEAPON,
            _WEAPON + r".{0,6}(?:乱晃|乱挥|比划|砍|转悠)",
            r"追着.{0,6}(?:砸|打|砍)|摔东西|(?:拽|揪|薅)(?:着)?头发|挥(?:刀|舞)|持械|打(?:他|她)(?:的)?(?:老婆|老公|媳妇|孩子|妈)",
            # Hands on a person without 打架's words (a reviewer's, stop 23): 把老太太推倒了, 互相推着吵, 抢包.
            r"(?<![风雨猫狗])把.{1,6}(?:推倒|推下|撞倒)(?!.{0,2}桌)|互相推(?:着|搡|了起来)|推推搡搡|(?:扭打|厮打)(?!着?玩)|围殴|群殴|抢包|抢劫"
            r"|围着.{0,3}(?:一个|那个)?人?(?:打|揍)(?![牌麻扑转])|要(?:打|揍)(?:俺|我|人)|把(?:俺家|我家)?门砸|砸(?:俺|我)家(?:的)?门",
            # A threat to a person (要找人来收拾我, 说要弄死俺全家, 放话要砸…): every such labelled line is urgent
            _THREAT,
            _HIT_ONESELF,
        ),
    ),
    "collapse": (
        None,
        (
            r"晕(?:倒|过去|了过去)|昏(?:倒|过去|迷)|倒下|倒地|一动不动|叫.{0,4}(?:不应|没反应)|不省人事|没(?:了)?呼吸",
            _CHOKING,
            r"没有意识|抽搐|口吐白沫|脸色发白|嘴唇发紫|躺(?:在)?地上|(?:摔|跌)(?:倒|了一跤).{0,6}(?:起不来|不能动|不动了)",
            # A stroke or a heart attack happening (突然中风, 心梗了 快), not one that is why a service is asked for
            # (俺爹脑梗了 半身不遂 想办护理险); chest pain with the signs of a heart attack (胸口疼得直冒汗).
            _STROKE_NOW + r"|(?:胸口|心口|心脏(?:那块|这块|那儿|这儿)?)(?:疼|痛|闷|憋)[^。！？!?]{0,10}"
            r"(?:冒汗|出汗|虚汗|冷汗|大汗|一头汗|喘不|憋得慌|受不了|脸色|嘴唇)",
            r"(?:胳膊|腿|手|脚|骨头).{0,4}(?<![要快])断了|骨折|摔伤|烫伤|受伤了|伤得|头破血流|流了很多血|全是血|骨头.{0,4}露",
            # a bad scald (手烫起泡了; 胳膊全烫了 below), not a little one (烫了一下) nor a perm (烫了个头)
            r"烫(?:得)?(?:起泡|掉皮|脱皮|直叫|直哭|一大片)|烫[^，。！？,.!?]{0,6}起(?:了|满了)?(?:水)?泡",
            # scalded without 烫 (一锅开水碰翻了 浇了一腿 皮都起泡了; not advice, 灌开水要小心 起泡了别挑破) and
            # bleeding that will not stop: every labelled line with either is urgent
            r"(?:开水|热水|热油|滚油|热汤)(?![^。！？!?]*(?:小心|注意|记得|可别|千万|要是|如果|的话))[^。！？!?]{0,12}"
            r"(?:手|脚|腿|胳膊|身上|一身|全身|脸|肚皮|肚子|背|脖子|胸|头|皮)[^。！？!?]{0,8}"
            r"(?:起(?:了)?(?:一片|一大片|一串|好几个|几个|一层)?(?:水)?泡|掉皮|脱皮|皮都掉了|脱了一层皮)"
            r"|血止不住|止不住(?:的)?血|血流不止",
            r"抽抽|说不出话|半边身子|动不了|口齿不清|呜噜|歪过去|(?:喊|叫).{0,4}不答应|倒(?:那|在那)|直哼哼|突然就?倒",
            # Fallen and not waking (倒在楼梯口叫不醒); 叫不醒 alone is as often someone asleep (孩子躺床上叫不醒), and
            # so is one who fell onto a bed or is said to be sleeping (倒在炕上叫不醒, 倒在俺家沙发上 睡得跟死猪一样).
            # Snoring is no sign of sleep here: unresponsive and snoring is how a stroke looks.
            r"倒在(?!床|炕|沙发|被窝)[^，。！？,.!?]{0,8}(?:叫|喊|拍|推)[^，。！？,.!?]{0,3}不(?:醒|应)"
            r"(?![^。！？!?]*(?:睡得|在睡觉|睡过去了?[呢吧]|呼呼大睡|喝多了|喝醉))",
            r"呼吸(?:很|好|特别|越来越|都)?(?:微弱|弱|急促)",
            # someone lying where no one lies down and showing it (骑手大哥倒在单元门口了 叫他光哼哼; not on a bed,
            # nor cement or rubbish poured there, 师傅倒在门口的水泥, nor children rolling on the grass)
            r"(?:人|大哥|大爷|老人|骑手|小伙子?|大妈|阿姨|老太太?|老头|师傅|大叔|大姐|孩子|小孩|醉汉|男的|女的)"
            r"倒在(?!床|炕|沙发|被窝)[^，。！？,.!?]{0,10}(?:门口|地上|路边|楼道|楼梯|院里|路上|草坪|花坛|车库|电梯|单元)"
            r"(?!的)[^。！？!?]{0,12}(?:一动不动|叫不醒|叫他|喊他|没反应|起不来|哼哼|不省人事|没动静|不动了|喊不应|没气"
            r"|脸色(?:煞白|发白|苍白|发青|发紫))",
            _UNSEEN_AND_UNANSWERING,
            r"(?<![饿困累热看绕听转头])晕了|心脏病|犯病|发病|(?:被狗|狗把.{0,4})咬|咬伤|呼吸困难"
            # not a smell, heat or a debt that takes one's breath away (熏得人喘不上气, 爬到三楼就喘不上气)
            r"|(?<![闷熏压笑哭累就])(?<![闷熏压笑哭累]得)(?<![闷熏压笑哭累]得[人我俺])喘不[上过]气",
        ),
    ),
    "drowning": (
        None,
        (
            r"溺水|落水(?![管口槽])|(?:掉|栽|滑|跌)(?:进|到|下)?.{0,4}(?:水|河|湖|塘|井|江|沟|水库|海)(?:里|头|中|去)|掉进(?:井|河|湖|水)",
        ),
    ),
    # Not 跳楼价 (a sale), 心都要跳出来 or 热得(我)不想活了: a jump named, someone else's words (below), or one's own
    # despair said plainly (我不想活了 had read as an answer to a meeting, 去不了).
    "selfharm": (
        None,
        (
            r"跳楼(?!价|甩卖|大甩卖)|自杀|轻生|割腕|上吊|寻短见",
            r"(?<![得的])(?:我|俺)(?:真|真的|实在|实在是)?不想再?活(?=了|着|下去|啦|$|[，,。.!！?？\s…~])"
            r"|(?<![得的都我俺也是])(?<!得人)不想再?活(?=了|着|下去|啦|$|[，,。.!！?？\s…~])"
            r"|(?<!别说)(?<!谁说)活着(?:真|还有|都)?(?:没|没有)(?:意思|意义|盼头)(?!的)"
            r"|一死了之|不如死了算了",
            # sleeping pills saved up (攒了一瓶安眠药)
            r"攒(?:了|够了?)[^，。！？,.!?]{0,4}安眠药",
        ),
    ),
    # Not 游戏中毒 or a 误食提醒: someone, or a poison, beside it.
    "poison": (
        "other",
        (
            r"喝(?:了)?农药|服毒|吃(?:了)?老鼠药|误(?:食|吃|服|喝|吞)(?!提醒|须知)|吃错(?:了)?药|吞了.{0,6}药|安眠药",
            # A household poison swallowed (外公喝了消毒水; 闺女把84当饮料喝了 is read from the swallowing, below), or
            # something small swallowed that burns or blocks (纽扣电池, 磁力珠; not a machine that took one's coins),
            # or what one does about it (正在催吐, 送去洗胃)
            _POISON + r"[^，。！？,.!?]{0,8}(?:喝|吃|吞|咽|舔|咬破|咬开)(?:了|下|进)?(?<![喝吃吞咽舔])",
            r"(?:喝|吃|吞|咽|舔)(?:了|下|进)[^，。！？,.!?买去拿用洗倒擦]{0,4}" + _POISON,
            r"(?:吞|吃)(?:了|下|进)[^我俺，。！？,.!?]{0,6}(?:电池|磁力珠|磁珠|磁铁|吸铁石|硬币|钢珠|弹珠)(?![巧糖饼形])"
            r"|(?:孩子|小孩|娃|宝宝|儿子|闺女|女儿|孙子|孙女|外孙|老人|我妈|我爸|老伴|他|她)[^，。！？,.!?]{0,4}把"
            r"[^，。！？,.!?巧]{0,6}(?:电池|磁力珠|磁珠|磁铁|吸铁石|硬币|钢珠|弹珠|耳环|纽扣|扣子|螺丝|钉子|别针)"
            r"[^，。！？,.!?]{0,6}(?:吞|吃|咽)(?:了|下|进|肚)"
            r"|(?<!别)(?<!不要)(?<!不能)催吐|洗胃",  # (先别催吐 is first aid's advice)
            # at one go (吃了大半板), not over the weeks (感冒药吃了一板了 一点用没有) nor a day's pills (吃了一把药)
            r"药[^，。！？,.!?]{0,3}(?:吃|吞)了(?:一整|整|大半|半|一)(?:瓶|板|盒)(?!了)"
            r"|(?:吃|吞)了(?:一整|整|大半|半|一)(?:瓶|板|盒)[^，。！？,.!?]{0,4}药(?!了)",
        ),
    ),
    "explosion": (
        "fire_safety",
        (r"(?<![到得要])爆炸|(?:罐|燃气|煤气|液化气|锅炉|电瓶|电池|充电宝)(?:子)?.{0,3}(?:炸了|爆了|爆开)",),
    ),
    "alarm": (None, (r"救命|救名|救救我|求救|" + _COME_QUICK + r"|快报警|快叫救护车|快打(?:110|119|120)|🆘",)),
    # A child or an old person lost (urgent in the guide; 有个小朋友走丢了 在哭 had read as talk), not a thing of theirs
    # (孩子书包不见了); found again, a habit or a tip is no danger now (_LOST_NOT_NOW), nor 万一走丢了 (a what-if).
    # Filed under other, as every writer of the lost-person probes filed it: the category model had sent a grandson not
    # home to 矛盾纠纷 (kept from the group, which should help look) and a grandmother to 治安防骗.
    "lost": (
        "other",
        (
            r"(?:孩子|小孩|小朋友|娃|宝宝|儿子|闺女|女儿|孙子|孙女|外孙|老人|老太太|老太|老头|老爷子|老伴|大爷|大娘"
            r"|大妈|奶奶|爷爷|姥姥|姥爷|外婆|外公|婆婆|公公|(?:我|俺|他|她)(?:爸|妈|爹|娘))(?:子)?"
            r"(?:又|也|突然|忽然|刚才|一下子|在[^的\s，,。]{1,6}|出门[^的\s，,。]{0,4}|跟[^的\s，,。]{1,5})?"
            r"(?:走丢|走失|走散|找不着了|找不到了|找不见了|不见了|联系不上)",
            # a child telling it (在八栋门口哭 说找不到妈妈了): a child lost, whoever writes
            r"哭着?[^。！？!?]{0,4}找不[到着见](?:妈妈|爸爸|大人|家)(?=了?(?:$|[\s，。！？,.!?]))",
        ),
    ),
    "breakin": (
        None,
        (
            r"撬|入室|有贼|小偷.{0,4}(?:在|进)|陌生人.{0,12}(?:拧|推|扒|翻|试)|拧门把手|翻窗|扒窗|翻墙进",
            r"剪.{0,4}锁|扒.{0,3}(?:防盗窗|窗户|门)|正在偷|偷.{0,4}(?:电动车|车子)",
            r"砸(?:车|窗|门|玻璃)",
        ),
    ),
    # A manhole left open: urgent in 25 of the training files' 29, so, unlike the broader hole words, never doubted.
    # Not 井盖翻新 nor 井盖翻过来那面 (a cover renewed, or its underside): only one gone, open or flipped.
    "manhole": (
        None,
        (
            r"井盖子?.{0,4}(?:没了|丢了|被偷|偷走|不见|冲走|冲跑|冲没|翻(?:了|开|起来)|空着)"
            r"|(?:下水井|窨井|污水井|井口).{0,6}(?:开着|敞着|没盖|露着)",
        ),
    ),
    "hole": (
        None,
        (
            r"大窟窿|黑窟窿|井盖子?.{0,4}(?:碎|破|塌|陷)",
            r"(?:地上|路上|路面|地面).{0,4}(?:大洞|大坑)|空着个?(?:口子|洞)|陷下去|天坑",
            r"坑.{0,6}(?:没拦|没围|没盖|很深|米深)|(?:没拦|没围|没盖)的坑|歪进去",
        ),
    ),
}


def _first_characters(items) -> set[str] | None:
    """The characters a parsed pattern can start with; None if it can start with anything."""
    found: set[str] = set()
    for op, arg in items:
        if op is _sre.LITERAL:
            return found | {chr(arg)}
        if op is _sre.IN:
            if any(kind is not _sre.LITERAL for kind, _ in arg):
                return None
            return found | {chr(code) for _, code in arg}
        if op is _sre.SUBPATTERN or op is _sre.BRANCH:
            branches = [arg[-1]] if op is _sre.SUBPATTERN else arg[1]
            for branch in branches:
                first = _first_characters(branch)
                if first is None:
                    return None
                found |= first
            return found
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            first = _first_characters(arg[2])
            if first is None:
                return None
            found |= first
            if arg[0] > 0:
                return found
            continue  # may repeat nothing: what follows can start it too
        if op not in (_sre.ASSERT_NOT, _sre.AT):
            return None
    return None


def _starting_with_one_of(fragments: list[str]) -> str:
    """A lookahead for the characters any fragment can start with: the search then skips, at C speed, every
    position no danger can start at (a third of the cost of trying each fragment everywhere)."""
    first: set[str] = set()
    for fragment in fragments:
        found = _first_characters(_sre_parse.parse(fragment))
        if found is None:
            return ""  # a fragment that can start anywhere: no shortcut
        first |= found
    return "(?=[" + re.escape("".join(sorted(first))) + "])"


# Signs that are a danger only with the right words before them: kind → (sign, what must come before it). They
# are searched for by the sign, and the words before checked after: a pattern that starts with 人, 要 or 他 would
# make the reader stop at nearly every character of every message (see _starting_with_one_of).
_AFTER_CONTEXT: dict[str, tuple[tuple[str, ...], ...]] = {  # (sign, before[, unless before])
    # Someone fallen into a pool (有小孩掉景观池里了 在扑腾): only a person, for things fall into pools every day.
    "drowning": (
        (
            r"(?:掉|栽|滑|跌)(?:进|到|下)?了?[^，。！？,.!?电]{0,4}(?<!电)池子?(?:里|中)",
            # (not 孩子的球, 孙女的发卡)
            r"(?:" + _CHILD + r"|(?<![器草偶])人|老人|老太太|老头|大爷|大妈)(?!的)[^，。！？,.!?的]{0,3}",
        ),
    ),
    "collapse": (
        ("暑", "中"),
        # slumped at the wheel or in a seat and not answering (车里有个人趴在方向盘上 敲窗户一点反应没有): read
        # from the slump, the person checked before it (车里有个人 is read as someone shut in, and its 人 is not
        # searched again)
        (
            r"(?:趴|歪|瘫|躺)在(?:方向盘|车里|车上|座位|驾驶座|后座)[^。！？!?]{0,16}(?:一点|一点儿)?"
            r"(?:反应(?:都|也)?没有|没(?:有)?反应|没动静|叫不醒|喊不应|一动不动|不动弹)"
            r"(?![^。！？!?]*(?:睡着|睡得|睡觉|打盹|打呼|呼噜))",
            r"(?:人|男的|女的|司机|师傅|大哥|大叔|大爷|老人|孩子|小孩)",
        ),
        (r"不行了|快不行", r"(?:人|老太太|老太|老人|老头|老爷子|孩子|娃).{0,4}"),
        (_NO_BREATH, _SOMEONE_RIGHT_BEFORE, _ANGER_BEFORE),
        # Fallen and cannot get up, in any words for the fall (老人摔了起不来, 我爸跌地上爬不起来): someone's, not an
        # e-bike's (电动车摔地上了 起不来 太沉了), nor what would follow a fall (老人摔了起不来就麻烦了). The sign is
        # the getting up alone, so that a fall that is no one's leaves 动不了 after it to the rule above.
        (_CANNOT_GET_UP, _SOMEONE_RIGHT_BEFORE + _TUMBLE),
        # Someone hit by a vehicle (外卖小哥在楼下被车撞了), right after the person or where they were.
        (_HIT_BY_A_VEHICLE, _SOMEONE_RIGHT_BEFORE),
        # a scald all over a limb (胳膊全烫了): read from 烫, a rare character, not from the limb
        (r"烫(?:了|伤|着)(?!一下)", r"(?:胳膊|手|脚|腿|脸|身上|后背|背上|胸口|肚子)(?:上)?(?:全|都)(?:给|被)?"),
        ("救护车", "(?:叫|喊|打|等)个?"),
        ("120", "(?:打|叫)个?"),
    ),
    # Not 跳楼价, 心都要跳出来, 跳广场舞 or 热得不想活了: a jump named, or someone else's words.
    "selfharm": (
        # pills saved up after a farewell (反正过了今晚我也不在了 药都攒够了; not medicine stocked for the winter)
        (
            r"药(?:都|已经|早就)?[攒存](?:够|齐|好)了",
            r"(?:不在了|再见|永别|别找我|解脱|没什么牵挂|活够了|遗书)[^。！？!?]{0,10}",
        ),
        # after 要, or about to be made from a height (今晚就从阳台跳下去; not a child off a sofa, nor the cat)
        (
            r"跳(?:河|湖|江|桥|下去)(?![^。！？!?]{0,12}(?:那首歌|的歌|歌词|电影|电视剧|游戏|吃鸡|哈哈|😂))",
            r"要|(?:我|俺|就(?!是)|要|想|准备|打算)[^，。！？,.!?]{0,6}从(?:自家|家里|我家|俺家|我们家|俺们家|咱家|咱们家|单位)?"
            r"(?:阳台|窗户|窗台|窗口|楼顶|天台|顶楼|楼上|桥上|(?:\d+|[一二两三四五六七八九十]+)楼)上?",
        ),
        ("跳", r"(?:话|说|喊|嚷|闹)着?要|(?:天台|楼顶|顶楼|窗台|桥上).{0,10}要|(?:要|想|准备|打算)往下"),
        ("不想活", r"(?:他|她|有人|老人|孩子|邻居|说|喊着?).{0,4}"),
    ),
    # Not 游戏中毒: someone, or a poison, beside it.
    "poison": (("中毒", r"(?:煤气|一氧化碳|食物|农药|人|孩子|小孩|老人|一家|全家|家里|邻居|他|她|狗|猫).{0,4}"),),
}
_CONTEXT_WINDOW = 16  # characters before a sign searched for its context

# Signs that are a danger only when the writer also says it is pressing (滋啦 of a plug, water welling up, a
# sign swaying, ground sinking, someone who cannot get out): kind → patterns.
_WEAK_PATTERNS: dict[str, tuple[str, ...]] = {
    "electric": (r"滋啦|噼里啪啦|啪的?一声|打火(?!机)",),
    # Not smoke or fire welling out (往外冒黑烟了): read as water, it had taken the smoke's words and given a fire the
    # advice for a flood (a newcomer's test, stop 26).
    "flood": (
        r"(?:往上冒|往外冒|还在冒)(?![，,\s]?着?(?:[黑白灰青黄蓝浓]|滚滚)?(?:烟(?![台囱筒道机灰缸头])|火(?![速急车锅气大葬烧上关])))"
        r"|哗哗|翻水|往.{0,5}涌",
    ),
    "falling": (r"来回晃|晃晃悠悠|晃悠|挂着了",),
    "hole": (r"塌了个|往下陷|陷下去",),
    "trapped": (r"出不来|出不去",),
}
# …and are none when the words just before them say something else is meant: kind → pattern. A car that blocks the
# way (车堵在门口…出不去) or is itself what cannot get out (小区里的车根本出不去) is parking, not someone shut in;
# not 救护车来了 … 俺爹出不来, 车里, 车上.
_WEAK_UNLESS_BEFORE: dict[str, re.Pattern] = {
    # Smoke that wells out (烟从烟道往外冒) is no water.
    "flood": re.compile(r"烟(?![台囱筒酒草])[^，。！？,.!?;；]{0,8}$"),
    "trapped": re.compile(r"车(?![里内库上门棚])(?:[^，。！？,.!?;；\s]{0,10}(?:堵|挡|停|占|横|压)|.{0,4}$)"),
}
# Signs of a danger that are none when the words just before them say something else is meant: kind → (sign, what
# must not come before it). 被关 right after a report word (我的投诉怎么被关了, 报修单为啥被关了) is a report
# closed; 被关 saying where or who (被关在, 被关里面, 被关了人) is among the trapped patterns above and always
# counts, as do other words of being trapped (报修就被困住了).
_UNLESS_BEFORE: dict[str, tuple[tuple[str, str], ...]] = {
    "trapped": (
        (
            r"被关(?!了?(?:在|进|里|着|人)|到)",
            r"(?:投诉|工单|单子|报事|报修|诉求|帖子|反映)(?:单|单子|单号|号)?(?:的事|的问题|的那个|的)?"
            r"(?:怎么|咋|为啥|为什么|凭啥|咋就|怎么就|怎么又|为啥又)?$",
        ),
    ),
}
_PRESSING = re.compile(
    r"快来|快点|赶紧|马上|立刻|现在|刚才|正在|一直|还在|不停|一个劲|越来越|[!！]|来人|危险|吓|救|急|要命|不行了"
    r"|怎么办|咋办|咋整|不敢|呛|烫|哭|喊|报警|1[12]0|119|🆘|😭|😱|老人|孩子|小孩|人.{0,2}(?:在|还)"
)

# Per group: (kind, weak, what must come before, what must not come before).
_KIND_OF_GROUP: list[tuple[str, bool, re.Pattern | None, re.Pattern | None]] = []
_alternatives = []
for _kind, (_category, _fragments) in _PATTERNS.items():
    for _fragment in _fragments:
        _KIND_OF_GROUP.append((_kind, False, None, None))
        _alternatives.append(f"({_fragment})")  # each fragment holds only (?:…) groups: one group per fragment
for _kind, _signs in _AFTER_CONTEXT.items():
    for _sign, _before, *_unless in _signs:
        _KIND_OF_GROUP.append(
            (_kind, False, re.compile(f"(?:{_before})$"), re.compile(_unless[0]) if _unless else None)
        )
        _alternatives.append(f"({_sign})")
for _kind, _signs in _UNLESS_BEFORE.items():
    for _sign, _unless in _signs:
        _KIND_OF_GROUP.append((_kind, False, None, re.compile(_unless)))
        _alternatives.append(f"({_sign})")
for _kind, _fragments in _WEAK_PATTERNS.items():
    for _fragment in _fragments:
        _KIND_OF_GROUP.append((_kind, True, None, _WEAK_UNLESS_BEFORE.get(_kind)))
        _alternatives.append(f"({_fragment})")
# Each alternative behind its own lookahead too: where the search stops, the alternatives that cannot start there
# are passed over by one character test each instead of being tried (twice as fast again).
_HAZARD = re.compile(
    _starting_with_one_of(_alternatives) + "(?:" + "|".join(_starting_with_one_of([a]) + a for a in _alternatives) + ")"
)

# Right before a match: not so (没有煤气味), not people (猫打架, 叶子掉下来).
# 有没有 and 是不是 ask (大家有没有闻到燃气味): no negation.
_NEGATED = re.compile(
    r"(?:(?<!有)没有?|(?<!是)不(?:是)?|并没|无|防|猫|狗|鸡|鸟|鸭|风呼呼|(?:叶|雪|雨|花|果)[子片瓣]?都?)\s*$"
)
# 不是 asked rather than said (这不是燃气味吗, 不是煤气味是啥): the danger, all the surer.
_ASKED_BACK = re.compile(r"[^，。！？；,.!?;\s]{0,6}?(?:吗|么|嘛|是啥|是什么|[?？])")


def _negated(text: str, start: int, end: int) -> bool:
    negation = _NEGATED.search(text[max(0, start - 5) : start])
    return negation is not None and not (negation.group().startswith("不是") and _ASKED_BACK.match(text, end))


# Earlier in the same clause: not now but "what if" (万一着火, 以后要是遇上被困电梯, 别让刮下去砸着人).
_WHAT_IF = re.compile(
    r"万一|如果|如(?:发现|遇|有|闻到|遇到)|若|要是|假如|遇上|遇到|会不会|以防|以免|防止|预防|容易|别让|小心别|当心|注意别|注意不要"
    # one day, sooner or later (哪天着起来, 迟早漏气): 5 calm complaints of the training files read urgent, none lost
    r"|哪天|早晚|迟早|说不定|指不定|保不齐|总有一天"
    # 真 as "if it came to it" (真要出事, 真要是着了); a bare 真: _REALLY
    r"|真(?:要|要是)"
)
_CLAUSE = re.compile(r"[，。！？；,.!?;\s]")
_FUTURE = re.compile(r"要|会|可能|得|别|注意|小心|遇|再|咋办|怎么办|吗|[?？]")
# Anywhere: a danger told of as past, dealt with or harmless, unless something says it is still going on…
_OVER = re.compile(
    r"昨天|夜来|前天|上个月|上周|上礼拜|上次|上回|以前|去年|前几天|那事|那个事|那次|原来是|哦是|噢是|其实是|是我听错"
    r"|虚惊|出院了|送医院了"
    r"|已经(?:查过|修好|处理|解决|排除|好了|关好|关了|灭了|拉走|送走|送医)|关好了|弄好了|修好了|查了|查过|检查了"
    r"|(?<!有)没得?(?:啥|什么)?大?事|没大碍|无大碍|不危险|没危险|不要紧|不碍事|(?<!是)不是着火|没着火|年轻时|小时候|当年|那年|(?:困|着火|晕倒|摔)过"
    # an all-clear (刚才那股煤气味是楼下炖肉糊锅了 不是漏气; 师傅弄完走了 现在闻不着了 大家别担心): not 是不是漏气
    r"|(?<!是)不是漏气|说没漏|大家放心|别担心|(?:现在|已经)(?:一点)?没味(?!了?[吗么])|闻不着了|闻不到了"
)
# …unless something says it goes on (到现在, 没回来, 没消息: someone still missing since 昨天).
_STILL = re.compile(
    r"现在(?:还|又|正)|还在|正在|一直|仍然|还没|又(?:开始|来了|有)|赶紧|快来|马上|快点|到现在|至今|没回来|没回家|没消息"
    # a danger come back (我报的那个事咋样了 我妈又晕过去了: 那个事 is past, the fainting is now)
    r"|又(?:晕|昏|着火|冒烟|漏气|闻到.{0,4}味|抽搐|犯病|喘不)"
)
# …and a drill, a talk, a reminder or news from elsewhere, where only a strong sign still counts.
_NOT_HERE = re.compile(
    r"演练|演习|讲座|宣传|知识|科普|培训|急救课|大家都?学学|小贴士|温馨提示|注意防|预防|防范|听说"
    r"|听(?:人)?(?:港|讲)(?!座|课)"  # 听说 in Hunan and Cantonese speech (听港长沙县那边有个小区着火哒)
)
# …and news from elsewhere, a story, a song or a dream, where nothing counts (看新闻说外地有个小区电梯困人); not
# 网上借的钱 nor 监控视频, and not 转发 in a plea to pass a notice on (急寻！老人走失，请大家帮忙转发).
_ELSEWHERE = re.compile(
    r"新闻|外地|网上(?![借贷])|(?<!监控)视频|转发|报道|热搜|电视剧|电影里|剧里|歌里|歌词|动画片|小说|梦见|梦到"
)
# Hearsay from a feed (武汉那边看到说有人在电梯里被狗咬了, 刷到个视频, 抖音上), unless it is here (抖音直播的就是咱家
# 楼下 煤气罐炸了; 刷到暴雨预警 我们地下车库已经进水了): a review's dangers, stop 36.
_FEED = re.compile(r"看到说|刷到|抖音|快手|朋友圈(?:看|里|上)")
_HERE = re.compile(r"咱家|我家|俺家|我们|俺们|咱们|咱小区|本小区|楼下|楼上|单元|号楼|车库|院里|门口")
_PLEA = re.compile(r"帮忙|麻烦|扩散|急寻|寻人|求助|帮帮")
# Joking: 笑死我了 救命, 热得不想活了 are no cry for help (a danger named in words still counts).
_JEST = re.compile(r"笑死|哈哈|好笑|太逗|搞笑|段子|😂|🤣|😆|表情包")
_STRONG = re.compile(
    r"被困|困人|困住|救命|" + _COME_QUICK + r"|晕倒|昏迷|打人|动刀|砍人|浓烟|火很大"
    # someone collapsed, not 看得人晕了, 累晕过去了, 差点晕过去了 nor a joke
    r"|(?:有个?人晕了|(?<![笑热馋熏要快累饿困气美吓乐得我俺])(?<!差点)(?<!差一点)(?<!点儿)[晕昏]过去了)"
    r"(?![^。！!]*(?:" + _JEST.pattern + "))"
)
_HYPERBOLE = frozenset({"alarm", "selfharm", "poison"})
# Fire or smoke from these is electrical: cut the power before anything, and never water.
_ELECTRICAL = re.compile(r"电表|电箱|配电|电线|插座|开关|电闸|变压器|电器|充电器")
# Smoke that is cooking, a cigarette or fireworks.
_HARMLESS_SMOKE = re.compile(r"炒|做饭|烧菜|炖|糊了|烧烤|抽烟|吸烟|烟花|香烟|烟头|熏|热气|蒸|揭锅|水汽")
# Smoke that is meant to be there, or steam: harmless only when said in the same clause, before the smoke, as where
# it comes from, and nothing in the message says something is burning (a reviewer's probes, stop 27: 烟囱冒着黑烟
# 锅炉房开始烧了 is no fire; 蚊香掉沙发上冒烟了, 井盖里冒黑烟 电缆烧了吧 are).
_SMOKE_SOURCE = re.compile(r"祖坟|烟囱|香炉|烧香|上香|蚊香|艾灸|秸秆|尾气|摩托|车屁股")
# …and steam, when the smoke is white (井盖里冒黑烟 is a cable burning).
_STEAM_SOURCE = re.compile(r"温泉|干冰|开水|烧水|水开(?!关)|井盖|热力井|地下井")
_DARK = re.compile(r"[黑灰浓黄]")
_BURNING = re.compile(
    _ELECTRICAL.pattern
    + r"|焦|糊味|烧塑料|塑料味|胶皮|充电|电缆|被子|沙发|窗帘|床|纸箱|倒烟|全是烟|满屋|头晕|火苗|着了|着火|烧干|烧着"
)
# A figure of speech: one's throat or head smoking with thirst, anger or thinking (嗓子眼都冒烟了, 气得俺直冒火,
# 心里冒火); only the body part, or 气得 and its like with no more than a pronoun or an adverb, right before it. Not
# 热得 or 烫得 (a wire 热得冒烟 is on fire), nor 头上 or 头顶 alone (the flat above, in Shandong speech).
_ADVERBS = r"(?:都|直|快|要|也|就)*"
_SMOKE_FIGURE = re.compile(
    r"(?:气|渴|急|累|辣)得(?:我|俺|人|他|她)?" + _ADVERBS
    + r"(?:嗓子眼?|喉咙|脑袋|脑子|脑瓜子?|脑门|七窍|头顶|头上|头)?" + _ADVERBS + r"冒(?:烟|火)"
    + r"|(?:嗓子眼?|喉咙|脑袋|脑子|脑瓜子?|脑门|七窍)" + _ADVERBS + r"冒(?:烟|火)"
    + r"|(?:心里|心头|肚子里?|让人|叫人)(?:都|直|就)?冒火"
    + r"|(?:看到|看见|想到|想起|一提|一说|听到|提起)[^，。！？,.!?\s]{0,8}就(?:直)?冒火"
)  # fmt: skip


# A fire only in a simile (烟大得跟着火似的, 热得像着了火一样): the figure, not a fire.
_FIRE_SIMILE = re.compile(
    r"(?:跟|像|好像|和|如同)[^，。！？,.!?\s]{0,2}(?:着火|失火|起火|着了火|火烧)了?(?:似的|一样|一般)"
)


def without_figures(text: str) -> str:
    """The text with its figures of speech for smoke taken out, before anything reads it: 冒烟 in 嗓子眼都冒烟了 is
    thirst, and the models, which read words and not figures, take it for a fire; and a fire that is a simile."""
    text = _SMOKE_FIGURE.sub(" ", text) if "冒" in text else text
    return _FIRE_SIMILE.sub(" ", text) if "火" in text else text


# Someone lost who is found again, or a habit or a tip about it (我家老人经常走丢 有啥定位器推荐), unless it goes on.
_LOST_NOT_NOW = re.compile(
    r"找着了|找到了|找回来|送回来|回来了|(?<!不)到家了|经常|老是|总是|[两三四五几]次|可以打|第一时间|记得|定位器|手环"
    r"|原来(?:在|是|跑)"  # found where it was all along (一转身就没影了 原来在超市门口看金鱼)
    r"|吃(?:光|完|掉)了"  # a child's food gone in a blink (孙子吃饭一转眼就没了 一碗饭全吃光了)
)
# A gas alarm that sounds for a harmless reason, with no smell or leak told (响了一下是自检, 在叫 是不是没电了).
_ALARM_HARMLESS = re.compile(r"自检|没电|低电|电池|误报|太灵敏|一.{0,3}就响|测试")
_GAS_SMELL = re.compile(r"味|漏|嘶嘶|头晕")


def _harmless_smoke(text: str, match: re.Match) -> bool:
    """Cooking or a cigarette anywhere in the message; or smoke meant to be there (a chimney, incense, steam from a
    manhole or a kettle of water) said as where it comes from, unless something is said to be burning."""
    if _HARMLESS_SMOKE.search(text):
        return True
    smoke = match.group()
    if "烟" not in smoke or _BURNING.search(text):
        return False
    clause = _CLAUSE.split(text[: match.start()])[-1]
    steam = _STEAM_SOURCE.search(clause) is not None and not _DARK.search(smoke)
    return steam or _SMOKE_SOURCE.search(clause) is not None


def _elsewhere(text: str) -> bool:
    if _FEED.search(text) and not _HERE.search(text):
        return True
    found = {m.group() for m in _ELSEWHERE.finditer(text)}
    return bool(found) and not (found == {"转发"} and _PLEA.search(text))


def _over_or_elsewhere(text: str) -> bool:
    """Told as past or dealt with (and not going on), or as news from elsewhere: no danger at all."""
    return (_OVER.search(text) is not None and _STILL.search(text) is None) or _elsewhere(text)


# What smokes or steams every day where it stands: not a mosquito coil or a motorbike, which fall over or crash.
_DAILY_SMOKE = re.compile(r"烟囱|香炉|烧香|上香|温泉|干冰")
# Someone smoking (电梯里有人抽烟 烟味好大: a nuisance the model alone had made an urgent fire; a newcomer's, stop 38),
# unless beside what it could set alight (a leak, fuel, gas, cardboard, bedding, e-bikes, its ends and ash thrown
# about) or with a sign of fire (smoke pouring out, something lit, nobody answering the door: a review's, stop 39).
_SMOKING = re.compile(r"抽烟|吸烟|二手烟")
_BESIDE_FUEL = re.compile(
    r"漏|罐|油|煤气|燃气|天然气|液化|纸壳|纸箱|易燃|烟头|烟灰|烟蒂|被子|被褥|床|窗帘|沙发|电动车|电瓶|充电|睡着"
    r"|冒烟|浓烟|黑烟|烟雾|烟从|往外冒|点[了着燃]|着[了火]|烧|火|没人应|不应|敲门|看不见"
)


def names_a_harmless_smoke(text: str) -> bool:
    """Smoke from what makes it every day (锅炉房烟囱冒黑烟, 烧香), or someone's cigarette: no alarm of the urgency
    model's alone, since the rules read no danger there."""
    if _DAILY_SMOKE.search(text) is not None:
        return True
    return _SMOKING.search(text) is not None and _BESIDE_FUEL.search(text) is None


def not_now(text: str) -> bool:
    """Told as over, elsewhere, in jest or in a drill or a talk: what makes the rules read no danger in a text."""
    return _over_or_elsewhere(text) or _JEST.search(text) is not None or _NOT_HERE.search(text) is not None


# Signs the urgency model hardly knows (我妈没气了 reads 0.01): where the rules found the danger they name, no doubt
# of the model's takes it back. Unlike _STRONG, they do not survive a talk or a drill (突然中风怎么识别 讲座).
_UNKNOWN_TO_THE_MODEL = re.compile(
    # (a threat in earnest, 说让我等着 晚上要弄死我, read 0.02; in play anywhere in the text, 哈哈哈 晚上要弄死你
    # 斗地主, it is left to the model's doubt)
    "|".join(
        (
            _NO_BREATH,
            _STROKE_NOW,
            _TUMBLE + _CANNOT_GET_UP,
            _CHOKING,
            r"^(?!.*" + _PLAY + r")[\s\S]*?" + _THREAT,
            _UNSEEN_AND_UNANSWERING,
        )
    )
)


_BREATH_LOST = re.compile(_NO_BREATH)
_GAS_WORDS = re.compile(r"煤气|燃气|天然气|液化气|味|漏|嘶嘶")


def breath_lost(text: str) -> bool:
    """No breath named (没气了, 不喘气) and nothing that says gas: in a text read as someone collapsed, the 没气 is a
    person's, not the supply's (去不了 我妈没气了)."""
    return _BREATH_LOST.search(text) is not None and _GAS_WORDS.search(text) is None


_HIT_ONESELF_NOW = re.compile(_HIT_ONESELF)


def hit_oneself(text: str) -> bool:
    """The teller is the one hit (我老公打我, 被人打了): their report is theirs alone, whoever the hitter."""
    return _HIT_ONESELF_NOW.search(text) is not None


def has_strong_sign(text: str) -> bool:
    """Words that are a danger wherever they are said (被困, 救命, 晕倒, 浓烟…), or that the urgency model does not
    know (没气了, 摔了起不来): no model's reading takes them back."""
    return (
        _STRONG.search(text) is not None
        or _UNKNOWN_TO_THE_MODEL.search(text) is not None
        or _HIT_ONESELF_NOW.search(text) is not None  # 他又打我了 我好怕: read 0.3 by the model
    )


# A bare 真 right before the danger: "if it came to it" when the clause goes on to what would follow
# (真着火消防车都进不来, 真漏气咋办); not 真着火了 快打119 nor 真冒烟嘞 三单元楼道 (it really is).
_REALLY = re.compile(r"真(?:的|有)?$")
_WHAT_WOULD_FOLLOW = re.compile(
    r"(?![^，。！？；,.!?;\s]{0,3}[了啦])[^，。！？；,.!?;\s]*?(?:都|就|咋办|怎么办|可咋|还不得|谁)"
)


def _what_if(text: str, start: int) -> bool:
    clause = _CLAUSE.split(text[:start])[-1]
    if _WHAT_IF.search(clause):
        return True
    if "真" in clause and _REALLY.search(clause) and _WHAT_WOULD_FOLLOW.match(text, start):
        return True
    # 以后 is as often "after" (做完饭以后厨房着火了, a reviewer's, stop 27) as "in future": the future only if the
    # rest of the clause says so (以后家里要是有人被困, 停暖以后…要放掉吗).
    later = clause.find("以后")
    if later < 0:
        return False
    end = _CLAUSE.search(text, start)
    return _FUTURE.search(text, start - len(clause) + later + 2, end.start() if end else len(text)) is not None


# When a message reports several dangers, the one whose advice matters most names it (快来人 + 煤气味 is a gas
# leak; 救命 + 着火 a fire; 家里有人 + 晕倒 someone collapsed); a bare cry for help names none unless it is alone.
PRIORITY = (
    "fire", "explosion", "gas", "electric", "selfharm", "drowning", "poison", "collapse", "violence", "lost", "burst",
    "flood", "falling", "manhole", "hole", "breakin", "trapped", "alarm",
)  # fmt: skip
_RANK = {kind: rank for rank, kind in enumerate(PRIORITY)}
# Dangers the group is never told the details of (someone's crisis is theirs, not the neighbourhood's).
SENSITIVE = frozenset({"selfharm"})


def hazard_in(text: str) -> Hazard | None:
    """The danger the text reports, if any (of several, the most pressing by PRIORITY)."""
    return hazard_of(dangers_in(text), text)


def hazard_of(kinds: Collection[str], text: str) -> Hazard | None:
    """The most pressing of `kinds` (dangers_in's, perhaps with some the caller doubts taken out), as a Hazard."""
    if not kinds:
        return None
    kind = min(kinds, key=_RANK.__getitem__)
    if kind == "fire" and ("electric" in kinds or _ELECTRICAL.search(text)):
        kind = "electric_fire"  # flames from wiring or a meter box: cut the power, and no water on it
    category = "power_gas" if kind == "electric_fire" else _PATTERNS[kind][0]
    if kind == "trapped" and "电梯" in text:
        category = "elevator"
    return Hazard(kind, category)


# A match longer than this is read inside too (below); a shorter one is a phrase whose own words the context rules
# weigh (燃气报警器响 … 自检, 再不冒火星子), and reading inside it found its parts out of that context.
_LONG_MATCH = 10


def _every_match(text: str):
    """Every danger's match. finditer's matches do not overlap, so a long pattern hid a danger told inside it
    (独居老人两天没开门 门缝里有煤气味: a fall, not gas); after a long match the search goes on from its second
    character, after a short one from its end, as finditer does."""
    position = 0
    while (match := _HAZARD.search(text, position)) is not None:
        yield match
        position = match.start() + 1 if match.end() - match.start() > _LONG_MATCH else match.end()


# A fall or a knock (摔倒了, 从楼梯上滚下来, 头磕破了), and blows or weapons (打, 砍, 刀): blood beside the first and
# none of the second is an injury, not violence (a newcomer's, stop 38: 我婆婆…摔倒了 头磕破了在流血 had got 110's
# advice).
_A_FALL = re.compile(r"摔|跌|滚下|磕|碰(?:破|伤)|撞(?:破|伤)(?!.{0,3}人)")
_BLOWS = re.compile(r"打|砍|捅|揍|殴|踹|踢|刀|拳|棍|砸|推|掐|扇|抢|威胁|要杀|弄死|摔(?:东西|碗|盘|杯|门|手机|桌|椅)")


def dangers_in(text: str, figures_out: bool = False) -> set[str]:
    """Every kind of danger the text reports now, read once; hazard_of chooses among them. `figures_out`: the
    caller took the figures of speech out already (the analyzer, for its models too)."""
    if not figures_out:
        text = without_figures(text)
    if _over_or_elsewhere(text):
        return set()
    strong_only = _NOT_HERE.search(text) is not None
    kinds: set[str] = set()
    for match in _every_match(text):
        kind, weak, before, unless = _KIND_OF_GROUP[match.lastindex - 1]
        start = match.start()
        if before is not None:
            context = before.search(text, max(0, start - _CONTEXT_WINDOW), start)
            if context is None:
                continue
            start = context.start()  # 没有人中毒 is negated before 人, as if the pattern had started there
        # "what if" is read up to the sign: it may stand between the sign and its words before (老人要是摔了起不来)
        if _negated(text, start, match.end()) or _what_if(text, match.start()):
            continue
        if strong_only and not _STRONG.search(text[start : match.end()]):
            continue
        if weak and not _PRESSING.search(text):
            continue
        if unless is not None and unless.search(text, max(0, start - 2 * _CONTEXT_WINDOW), start):
            continue
        if kind == "smoke":
            if not _harmless_smoke(text, match):
                kinds.add("fire")
            continue
        kinds.add(kind)
    if "lost" not in kinds and (_a_child_gone(text) or _someone_missing(text)):
        kinds.add("lost")
    if kinds and _JEST.search(text):
        kinds -= _HYPERBOLE
    if "lost" in kinds and _LOST_NOT_NOW.search(text) and not _STILL.search(text):
        kinds.discard("lost")
    if "gas" in kinds and "报警器" in text and _ALARM_HARMLESS.search(text) and not _GAS_SMELL.search(text):
        kinds.discard("gas")
    if "violence" in kinds and _A_FALL.search(text) and not _BLOWS.search(text):
        kinds = (kinds - {"violence"}) | {"collapse"}  # 摔倒了 头磕破了在流血: a fall's blood, for 120, not 110
    if kinds == {"alarm"} and not _CALL.search(text) and not _bare_cry(text):
        return set()
    return kinds


# A child gone in a blink, told any way (在广场一扭头就没影了, 接个电话回头就找不到了, 一个没看住就没了人影), with
# a plea or alarm beside it (谁看见, 帮忙找, 急死了, 报警): the three together, since a blink alone is as often a toy
# or a snack gone, or time flying (暑假一眨眼就没了), and a plea alone a child's homework or keys (孩子作业本找不到了
# 急死了). Not a thing of the child's (孩子的零食一转身就没了), nor said in jest, as over or as a tip (the guards
# after the search).
_GONE = re.compile(
    r"(?:一转身|转个身|一转眼|一眨眼|眨个眼|一扭头|扭个头|一回头|回头|一晃眼|一不留神|一个没看住|没看住|的功夫|的工夫)"
    r"(?:就|人就|人)?(?:不见了|没影了?|没了人影|没人影了|跑没了|找不[到着见]了|没了|没人了)"
    r"(?=$|[\s，。！？,.!?~…]|[急快谁咋怎俺我])"
)
_GONE_CHILD = re.compile(rf"(?:{_CHILD_WORD}|(?:\d|[一二两三四五六七八九十])岁)(?!的)")
# Asking the group to look, as every reader of someone missing does (帮忙找, 谁看见, 监控, 关大门, 报警) …
_LOOKING = re.compile(
    r"帮(?:忙|我|俺|帮|着)?(?:找|留意|寻)|谁(?:看见|看到|见了|见到)|有没有(?:人)?(?:看见|看到|见到)|看到(?:了)?(?:的)?"
    r"(?:帮忙|请|跟我|告诉|联系|说)|见到请|吱一声|留意|监控|(?:关|锁)(?:上|一下)?(?:大|南|北|东|西)?门|寻人|报警|110"
)
# … and, beside a child gone in a blink, any alarm (急死了, 快帮忙, 到处找)
_BLINK_PLEA = re.compile(
    _LOOKING.pattern
    + r"|看到.{0,10}吗|帮(?:忙|我|帮|着)|快(?:帮|来|找|去|看|报警|拦)|急|拦(?:一下|住)|到处找|还没找到|找了"
)


def _a_child_gone(text: str) -> bool:
    gone = _GONE.search(text) if "了" in text else None  # (every sign of a child gone ends in 了)
    if gone is None:
        return False
    child = _GONE_CHILD.search(text, 0, gone.start())
    return child is not None and _BLINK_PLEA.search(text) is not None


# Someone missing now, as a neighbour asks the group to look (俺妮儿找不着了 … 七岁 穿绿衣裳 恁谁见了吱一声; 老爷子
# 早上出门到现在没回来 … 谁看见了跟我说一声; 麻烦查一下监控 我妈出门没回来 她有阿尔茨海默): a child or someone old
# or unwell, gone or not back, and a plea or the description one gives of a missing person (age, clothes, height).
# All three, since each pair is everyday talk (孩子还没放学 急死了, 老伴出去打牌还没回来, 孩子穿红衣服 谁看见了).
_MISSING = re.compile(
    r"跑丢了|走散了|找不[着到见](?:了|人)|寻不着|没了人影|跑没影|人没了|人不见了|不在身后|不知道(?:跑|窜|去)(?:到)?哪"
    r"|(?:还|都|一直|也|就|到现在|至今)没(?:有)?(?:回来|回家|到家|回)|没到校|未返|都未返|离家|跑出去了|跑出(?:单元门|小区|大门)"
    # not back after hours told (出去一天了都没回来, 一上午没回来, 放学没回来), or nowhere to be seen (没见人)
    r"|(?:钟头|小时|上午|下午|一天|半天|一宿|一夜|晌午|中午|晚上|天黑|放学)了?(?:都|还|也)?没(?:有)?(?:回来|回家|到家|见人|上来|进家)"
    r"|没见(?:着)?人|人影(?:都|也)?没(?:有)?|没(?:看|瞅)(?:到|见|着)人|冇(?:看|见)到人"
)
_MISSING_PERSON = re.compile(
    rf"(?:{_CHILD_WORD}|侄子|侄女|外甥|妮儿"
    r"|老人|老伴|老爷子|老头|老太|老汉|大爷|大娘|奶奶|爷爷|姥姥|姥爷|外婆|外公|阿妈|阿爸|阿嫲|阿婆|阿公|阿爷|细伢"
    r"|(?:我|俺)(?:妈|爸|娘|爹))(?!的)"
)
# Who cannot find the way home (糊涂, 认不得路, 脑壳不清醒, 脑退化): gone, they are missing with no plea said.
_CONFUSED = (
    r"糊涂|痴呆|阿尔茨海默|认知障碍|脑子不(?:好|清楚|灵)|(?:脑壳|脑子|头脑)?不清醒|脑退化|认不得|认不清|认不到路|认唔到|不认(?:得|识)路"
    r"|记不住(?:家|路)?|自闭|智力"
)
_VULNERABLE = re.compile(
    _CONFUSED + r"|残疾|走不动|腿脚不好"
    r"|高血压|糖尿病|心脏(?:病|不好)|电话[^，。！？,.!?]{0,6}(?:不接|没人接|没人听)|关机|打不通"
    r"|遗书|纸条|留了(?:张|封)|别找我"
)
_CONFUSED_NOW = re.compile(_CONFUSED)
_AGE = r"(?:\d{1,2}|[一二两三四五六七八九十]{1,3})(?:岁|周岁)"
_DESCRIBED = re.compile(
    _AGE + r"|穿(?:着|了|个|件|的)?[^，。！？,.!?\s]{0,6}(?:衣|裤|袄|服|T恤|外套|夹克|毛衣|坎肩|鞋|裙)"
    r"|身高|个子|扎(?:着)?(?:马尾|辫)|戴(?:着)?(?:帽|眼镜)|" + _CONFUSED
)


# …or told as a missing person's notice, whatever the words for gone (闺女没影儿了, 冇咗人, 寻勿着, 长椅上空了): an
# age and what they wear, with a plea to look (帮忙看下监控, 谁瞅见没, 唔该留意, 啥人看到伊麻烦拉牢伊).
_AGED = re.compile(_AGE)
_WEARING = re.compile(
    r"(?:穿|着|戴|背)(?:着|了|个|件|的|住|仔|一件|一双|一顶)?[^，。！？,.!?\s]{0,6}"
    r"(?:衣|裤|袄|服|装|T恤|外套|夹克|毛衣|坎肩|鞋|裙|衫|帽|书包|眼镜|马甲|背心)"
    r"|[红橙黄绿青蓝紫粉白黑灰棕]{1,2}(?:颜?色)?的?(?:衣|裤|袄|服|T恤|外套|夹克|毛衣|坎肩|鞋|裙|衫|帽|书包|背带裤|马甲|背心)"
)
_LOOK_PLEA = re.compile(
    _LOOKING.pattern + r"|帮(?:忙|我|俺|帮|手|着)?(?:看|瞅|守|拦|睇)|(?:看|瞅|见|碰)(?:到|见|着)(?:了|过)?"
    r"(?:没|吗|伐|冇|的|请|跟|告诉|麻烦)|谁(?:看|瞅|见|碰)|有(?:没有|冇)(?:人)?(?:看|见|瞅)|录像|言传|话我知|拉牢|抱住"
    r"|(?:守|拦)(?:一下|住)?(?:大)?门"
)


# …with any word at all for not being there (the notice rule without it took a dress's photo for a notice)
_NOT_THERE = re.compile(
    _MISSING.pattern
    + r"|不见|不在|空了|空空|寻|找不|丢了|跑丢|走丢|走失|跑出|溜出|溜了|人影|没影|挣开|散了|勿着|冇咗|哪去|去哪|阿达"
    r"|没了(?=$|[\s，。！？,.!?])|(?:没|冇)(?:有)?(?:回来|回家|到家|回|转来|见人|进家)"
)


def _a_missing_persons_notice(text: str) -> bool:
    return (
        "岁" in text  # (the age first, and its character before its pattern: most talk names none)
        and _AGED.search(text) is not None
        and _WEARING.search(text) is not None
        and (
            (_LOOK_PLEA.search(text) is not None and _NOT_THERE.search(text) is not None) or _a_small_child_sought(text)
        )
    )


# A small child's age, what they wear and who has seen one's own child, with no word for gone (谁看见我孙子了 五岁
# 绿衣服 急; 有没有人见过我闺女 五岁): no one asks after a toddler they know to be home. Not who has seen a child's
# thing (有没有人看见他的小帽子 四岁 穿黄外套), nor a child seen doing something (谁看见一个五岁的小孩划了我的车): a
# review's look-alikes, stop 36.
_SMALL_CHILD = re.compile(r"(?<![\d十])(?:[1-8]|[一两二三四五六七八])岁(?:半|多)?")
_SEEN_MINE = re.compile(
    r"(?:(?:谁|有没有人|有冇人|哪个|哪位)(?:看|瞅|见|碰)(?:见|到|着|过)|见过|看到|看见)(?:了)?(?:我|俺)(?:家|个|们家)?的?"
    rf"(?:{_CHILD_WORD}|孙|外孙|老二|老大|老三|女(?!的)|仔|宝)"
    rf"|是(?:我|俺)(?:家)?的?(?:{_CHILD_WORD}|孙|外孙)"
)
_THINGS = r"(?:玩偶|玩具|帽子|书包|鞋|外套|衣服|水杯|手套|车)"
_SOUGHT_FOR_A_THING = re.compile(
    r"(?:看|见|瞅)(?:见|到|过)了?(?:一只|一个|一顶|一双)?[^，。！？,.!?\s]{0,4}"
    + _THINGS
    + r"|(?<![穿戴着])的[^，。！？,.!?\s]{0,4}"
    + _THINGS
    + r"|落下|掉(?:了|的|在)|丢了|划|画|扔|砸|踢|推倒|打了|偷|拿错"
)


def _a_small_child_sought(text: str) -> bool:
    return (
        _SMALL_CHILD.search(text) is not None
        and _SEEN_MINE.search(text) is not None
        and _SOUGHT_FOR_A_THING.search(text) is None
    )


# Not a thing found or stolen, a pet, shopping or a photo (a review's 寻狗启事 泰迪 两岁, 电瓶车丢了 孩子说看见一个穿红
# 外套的男的, 孩子学校要求穿黑色皮鞋 10岁 哪里有卖的), nor a notice passed on (转自郑州朋友圈, 转发; a plea to pass on a
# notice of someone missing here, 急寻！老人走失 请大家帮忙转发, is read by the older patterns and _elsewhere's _PLEA).
_NOT_A_PERSON_GONE = re.compile(
    r"捡|偷|被拿|快递|电动车|电瓶车|自行车|照片|拍得|拍的|有卖|卖的|出售|哪买|狗|猫|泰迪|柯基|宠物|鹦鹉|转自|转发|朋友圈|外地|外省"
)
# A person accounted for (在同学家写作业, 原来去姥姥家了, 虚惊一场), or out as every day (每天下午都出门遛弯
# 习惯了): the missing-person readers' own guard, since 还没回来, their sign, tells the older guard a danger goes on.
_ACCOUNTED_FOR = re.compile(
    r"虚惊|原来(?:在|是|去|跑|躲)|在(?:同学|姥姥|奶奶|外婆|亲戚|朋友|邻居)家|打(?:通|了)?电话了|接电话了|找到了|找着了"
    r"|回来了|到家了|每天|天天|习惯了|估计又|又去|钓鱼|在(?:我|俺)这儿?|(?:我|俺)老?糊涂了"
    # with someone, or where they are expected (我妹陪她去医院复查, 老年大学…五点下课 我等下去接, 估计排队)
    r"|陪(?:着)?(?:她|他)|跟着(?:她|他)|下课|放学后|(?:等下|等会儿?|一会儿?)去接|估计(?:在|是|还在|排队)"
)


def _someone_missing(text: str) -> bool:
    notice = _a_missing_persons_notice(text)
    missing = None if notice else _MISSING.search(text)
    if not notice and missing is None:
        return False  # (most messages: the guards below are asked only of a candidate)
    if _ACCOUNTED_FOR.search(text) or _NOT_A_PERSON_GONE.search(text):
        return False
    if notice:
        return True
    person = _MISSING_PERSON.search(text, 0, missing.start())  # the one gone is named first, not as an owner
    if person is None:
        return False
    # an adult is missing, not late, when unwell or unreachable (老伴出去打牌还没回来 is dinner going cold)
    if _GONE_CHILD.match(person.group()) is None and not _VULNERABLE.search(text):
        return False
    if (
        _CONFUSED_NOW.search(text, missing.start() - 30 if missing.start() > 30 else 0)
        and _GONE_CHILD.match(person.group()) is None
    ):
        return True  # 老汉儿出去一天了都没回来 他脑壳不清醒: telling it is the plea
    return _LOOKING.search(text) is not None or _DESCRIBED.search(text) is not None


# 救命 naming no danger counts when it is all the message says (救命！, 救命啊 快来), or it says where;
# 救命 这只小猫也太可爱了 and 作业气死我了 救命啊 are the internet's 救命, not a cry. Other cries (快来人, 求救, 🆘)
# always count.
_CALL = re.compile(r"救救我|求救|" + _COME_QUICK + r"|快报警|快叫救护车|快打(?:110|119|120)|🆘")
_CRY = re.compile(r"救命|救名|救救|来人|有没有人|谁来|快来|快点|赶紧|帮帮|求求|求你|拜托|着急|急死|急|快")
_FILLER = re.compile(r"[\W\d_a-zA-Z]|[啊呀吧啦了哇嘛呢哪的么喂哦呐]")
_WHERE = re.compile(
    r"\d+(?:号|栋|幢|单元|楼|室|层)|[一二三四五六七八九十]+(?:号楼|栋|幢|单元|楼)|家里|屋里|楼道|电梯|地下室|车库|门口"
)


def _bare_cry(text: str) -> bool:
    return cries_only(text) or _WHERE.search(text) is not None


_PLEA_FOR_HELP = re.compile(r"救命|救救|快来人|快来(?:啊|呀|哇)|谁来帮帮|快叫(?:救护车|120)")


def calls_for_help(text: str) -> bool:
    """A cry for someone to come now (快来啊, 救命), which no answer to a meeting is."""
    return _PLEA_FOR_HELP.search(text) is not None


def without_cries(text: str) -> str:
    """The text with its cries for help taken out (快来啊, 救命, 赶紧)."""
    return _CRY.sub("", text)


def cries_only(text: str, at_most: int = 4) -> bool:
    """Nothing but cries for help and filler (救命啊, 快来人 快点), with at most `at_most` characters besides."""
    return len(_FILLER.sub("", _CRY.sub("", text))) <= at_most
