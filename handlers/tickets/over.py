"""A reporter's words about a report of theirs: that it is over (a false alarm: 虚惊一场, 是我家炖肉糊了 没事了; a
problem gone by itself: 灯已经好了 不用修了), or a question about it that names it again (我报的冒烟那个 有人管吗).
Read only of someone with such a report (the router asks). A reporter never closes a ticket by their words alone: 没事了
about a gas smell is passed to whoever has it, to look at before it is crossed off.

Only a message that says nothing else: a second matter beside it (灯已经好了 但是电梯也坏了), a worse or lasting
danger (不用来了 味道更大了), a denial (修好了才怪, 其实根本没修) or a place taken back (报错了地址 是6号楼) is read as
any message is, so that no report is swallowed by the words before it."""

from __future__ import annotations

import re
import unicodedata
from enum import Enum

_END = "(?:了|啦|喽|咯|嘞|哈|呢|喇|咗)"  # 没事了, 没事啦, 修好喽, 冇事喇


class Over(Enum):
    """How a report is said to be over, which decides the reports it may be of."""

    CALLED_OFF = "called_off"  # 虚惊一场, 不用来了, 撤销: any report
    FIXED = "fixed"  # 灯已经好了, 水来了: a report of that kind (not the gas leak when the water comes back)
    SAFE = "safe"  # 人已经出来了, 孩子找到了: someone trapped, lost or fallen


_WORDS = {
    Over.CALLED_OFF: (
        f"没事儿?{_END}|(?:没|莫|冇|无)(?:得|啥|什么)事儿?|冇事",  # (not 没事 alone: "never mind")
        f"没问题{_END}|虚惊一场|误报|是?个?误会|(?:搞|弄|报)错了|(?:看|闻|听)错{_END}",
        f"不用(?:过|再)?来{_END}|别来{_END}|不用了|算了|唔(?:使|洗)嚟|^\\s*取消\\s*$",
        f"不用(?:管|处理|修|弄|麻烦|派人){_END}?|不需要(?:处理|修|来人)?{_END}",
        "撤销|撤回|取消.{0,4}?(?:报修|报事|工单|的事)|(?:工单|报事|报修|单子)(?:给我)?(?:取消|撤了|删了)",
        # widened on tests/data/stand-down/dev.jsonl (stop 42): nobody needed (不用跑一趟了, 不用上去了), the danger
        # denied (不是漏气, 没着火), a mix-up (整了个乌龙, 整岔劈了), the matter closed (这单结了吧), and 好了 alone
        "不用(?:急着|再|在)?(?:来人|跑|上去|上门|过去|去|派人|过来|来看|惦记)",
        "(?:不是|没有?)(?:漏气|漏水|着火|起火|失火)|乌龙|岔劈|看走眼|找错门",
        "(?:这事|这单|这个单|单子|工单)(?:儿)?(?:就)?(?:结了|关了|可以关了|可以结了)|收官",
        "^\\W*(?:好了|好啦|[oO][kK]了?|行了)\\W*$|啥事(?:儿)?(?:也|都)?没有|什么事(?:也|都)?没有",
    ),
    Over.FIXED: (
        f"(?:已经|自己|刚刚|刚才|现在)?(?:都)?(?:修|弄|搞|整|处理|收拾)(?:好|定|妥){_END}",
        f"(?:已经|自己|刚刚|刚才|现在)(?:都)?(?:好|解决|恢复|通|来水|来电|有水|有电|亮|能用){_END}",
        f"(?:来|有)(?:水|电|暖气?){_END}|(?:水|电|暖气)来{_END}|灯?亮{_END}|恢复(?:正常|供水|供电|供暖)?{_END}",
        f"(?:电梯|灯|路灯|水管|门禁|下水道|暖气|网)(?:已经|都)?(?:好|通|修好){_END}|(?<![没未不])解决{_END}|搞掂",
        f"不(?:漏|响|吵|堵|臭|冒|滴)(?:水|烟)?{_END}",
        # (widened on the dev set: 车开走了, 垃圾清走了, 狗被主人领回去了, 音响关了, 烟散了, 灯换好了, 也修完了)
        "(?:清|拉|挪|开|领|搬|运|牵)(?:走|回去)了|(?:修|换|装)(?:完|好)了|烟散了|拖干净了|(?:音响|音乐|喇叭)关了",
    ),
    Over.SAFE: (
        "(?:人|孩子|小孩|娃|老人|老太太|老爷子|老汉|老伴|我妈|我爸|他|她)儿?(?:已经|都|自己)?"
        + "(?:出来|救出来|找到|找着|回来|回家|醒过来|醒)了",
        # (widened on the dev set: 人好好的, 老人家找到了, 门开了 我爸睡得太死了, 我们已经走出来了)
        "人(?:都)?好好的|人(?:都)?没事|没(?:伤着|受伤|摔着|碰着)|找到了|(?:已经|都)走?出来了",
        "(?:开门|门开|回电话|接电话|回消息|回信儿?)了",
    ),
}
# Each said of the matter itself, not denied (没修好, 不是误报, 别撤销)
_NOT_DENIED = "(?<![没未不别])(?<!不是)(?<!并非)"
_OVER = {over: re.compile(f"{_NOT_DENIED}(?:{'|'.join(words)})") for over, words in _WORDS.items()}
# A question (灯修好了吗, 是不是没事了, 没事了吧, 咋还没来) asks, it does not say
_ASKED = re.compile(
    r"[吗么嘛？?]\s*$|(?:没事|好|行)了?吧\s*$|是不是|有没有|是否|会不会|能不能|咋还|怎么还|咋又|怎么又|啥时候|什么时候"
)
# Something still wrong, or more: a denial, a worse danger, a second matter, another place
_MORE = re.compile(
    r"还没|仍没|仍未|还未|没好|没修好|没解决|还不(?!错|用)|还在(?:漏|冒|响|滴|流|堵|坏|停|有|闻)|还有|还是|依然|确实|并没"
    r"|根本|才怪|结果|其实(?!是)|一会儿?就|没变|照样|依旧|不管"
    # (又 and 也 of what is over are no more: 电梯自己又动了, 天花板也不滴了, 也没烧坏啥)
    r"|又(?!动了|好了|亮了|来了|通了)|也(?!没|不|修|好|挺|都好)|但|可是|就是|不过|只是|另外|顺便|对了|而且|另一|另个|再说"
    r"|更(?:大|浓|重|冲|多|厉害)|越来越|头晕|恶心|难受|喘不|(?<![不没])(?<!不是)(?<!没有)(?:冒烟|着火|火苗|爆|漏气)"
    # (someone found hurt: 人找到了 在楼梯口摔倒了 腿动不了)
    r"|摔倒|摔伤|受伤|动不了|救护车|流血|骨折|昏迷|咬伤|咬破|被咬|[，,\s]可(?=我|他|她|孩子|人|还|是)"
    # (worse news of a person, and sparks: 不用过去了 人已经没了, 找到了 人在医院抢救, 没着火 是电线在冒火星)
    r"|人\S{0,3}没了|没气|没反应|抢救|医院|送医|断了|火星|火花|倒在|不行了"
    r"|(?<!取消)(?<!撤销)(?<!的)报事|投诉|(?<!取消)(?<!撤销)(?<!的)报修(?!取消)"
    r"|很小|太小|不够|很弱|太弱|水压|不稳|隔壁楼|别的楼|另一栋|对面楼"
    r"|说错|写错|地址|不是\s*\S{0,3}(?:号楼|栋|单元)|是\s*\S{0,3}(?:号楼|栋)不是|错.{0,8}(?:号楼|栋|单元)"
)


def how_it_is_over(text: str) -> Over | None:
    """How a message says what was reported is over, if it says that and nothing else (no question, nothing still
    wrong); called off before fixed before safe, when it says more than one."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    over = next((over for over, pattern in _OVER.items() if pattern.search(text)), None)
    # (the words first: every resident's message is read for them, and few hold any)
    return None if over is None or _ASKED.search(text) or _MORE.search(text) else over


# Someone in danger in person, whom 人已经出来了 or 孩子找到了 is about
PERSONAL_HAZARDS = frozenset({"trapped", "lost", "collapse", "drowning", "selfharm", "poison"})
# In a group, words that can only be of a report that was a mistake (not 孩子找到了 没事了, 快递到了 不用来了)
_MISTAKEN = re.compile(r"虚惊一场|误报|误会|(?:看|闻|听|搞|弄|报)错|不好意思|抱歉|对不起|撤销|撤回|取消")


def says_it_was_a_mistake(text: str) -> bool:
    return bool(_MISTAKEN.search(unicodedata.normalize("NFKC", text or "")))


# A question about what one reported (我上午报的煤气味咋还没人来, 我报的冒烟那个 有人管吗): it names the danger again,
# and was read as a new urgent report (a newcomer's, stop 40). Not with a second matter or a worse danger
# (我报的灯 现在5号楼又着火了, 我报的煤气味咋没人管 现在味道更大了 我头晕).
_WHEN = "(?:上午|下午|早上|晚上|昨天|昨晚|前天|刚才|刚刚|之前|今天|早些时候|前几天)"
_MY_REPORT = re.compile(
    rf"(?:(?:我|俺|咱|我们|俺们)(?:家)?{_WHEN}?|{_WHEN})"  # (刚才报的煤气味: no 我, but when)
    r"(?:报|反映|举报|报修|报事)(?:的|过的|了的|嘅)"
)
_ASKS_WHY_NOBODY = re.compile(
    r"[吗么嘛？?]\s*$|咋|怎么|点解|有人管|没人|还没|仲未|人呢|到哪|进展|进度|啥时候|什么时候|多久"
)
_WORSE_OR_MORE = re.compile(
    r"又|另外|还有|也|顺便|对了|另一|更(?:大|浓|重|冲|多|厉害)|越来越|头晕|恶心|想吐|难受|喘不|还是有|今天还|现在"
    r"|痛|疼|咳|熏|呛|晕|昏"
    r"|号楼|栋|单元"  # (a place said: the answer to where, read as such)
)


def asks_after_own_report(text: str) -> bool:
    text = unicodedata.normalize("NFKC", text or "")
    return bool(_MY_REPORT.search(text) and _ASKS_WHY_NOBODY.search(text)) and not _WORSE_OR_MORE.search(text)
