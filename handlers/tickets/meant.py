"""A worker's command in their own words, in their private chat: the command they meant.

A worker writes 接了 1号单子 下午过去看, 第十二单已经弄好了, 把十号转给刘楼长 or #8 啥情况, and would get the whole
help text. Two readings: a ticket said to be one (#8, 8号单, 第8单, 工单8, 单子8: its number, in digits or Chinese
numerals), beside words of what is done to it anywhere in the message; or a bare number (3号办好了) only where the
words around it leave nothing else it could be. Only a hint follows (nothing is done to a ticket on loose words),
or the ticket shown; a building (3号楼), a unit, a date (十号那天), a count (两个单) is never a ticket.
"""

import re
import unicodedata
from dataclasses import dataclass

from bot.numbers import CHINESE_NUMERALS, parse_spoken_number

# A number that is no ticket: a count, a time, money, a building, a unit, a room
_NOT_A_TICKET = r"(?!\d)(?!\s*[个件只天点元块位人年月日岁楼栋层%.])(?!\s*号\s*(?:[楼栋幢院室房门床]|单元))"
# A bare number, at the start of the message only: 3号办好了, 接了 1号单子
_BARE = r"[#＃]?\s*(\d{1,9})" + _NOT_A_TICKET + r"\s*号?\s*(?:单子?|工单)?"
# A ticket said to be one, anywhere: #8, 8号单(子), 8号工单, 第8单, 工单8, 单子 8
_IN_A_BUILDING = r"(?!\d)(?!\s*号?\s*(?:[楼栋幢]|单元))"
_SAID = re.compile(
    r"[#＃]\s*(\d{1,9})" + _IN_A_BUILDING
    + r"|(?<![月双\d])(\d{1,9})\s*号\s*(?:那个|那)?\s*(?:单子|工单|单(?![元位据]))"
    # without 号 (5单子, 5单): not a count after its verb (接了5单, 还有3单没结, 办完了两单)
    + r"|(?<![月双了有完共这那好定\d])(\d{1,9})\s*(?:单子|工单|单(?![元位据车间身]))"
    + r"|第\s*(\d{1,9})\s*(?:个)?\s*单(?![元位])"
    + r"|(?:工单|单子)\s*[#＃]?\s*(\d{1,9})" + _IN_A_BUILDING
)  # fmt: skip
# Between a bare number and what was done to it: 13号那个我弄完了, 2号那单俺已经处理好了哈
_BETWEEN = r"\s*(?:那个|那单|那件|的)?\s*(?:我|俺)?\s*(?:已经|刚|早就?|都)?\s*"

# What is done to a ticket, in the words workers use. Transfer first (转给老孙 让他弄完: still a transfer), then done,
# then taken on.
# (转 after 运, 不, 好…: 电梯运转正常, 水表不转; 转一下照片 forwards a photo; 让师傅去弄 sends a repairman)
_TURNS = r"(?<![运不好旋流周扭逆翻打回])"
_TRANSFER = (
    _TURNS + r"转(?:一下)?(?:给|派|交)|" + _TURNS + r"转到\S{1,5}(?:那|名下)|转(?:到)?(?:他|她)名下|移交|交给|派给"
    + r"|" + _TURNS + r"转\s*(?!过去|过来|一下|发|走|达|告|账|钱)(?:他|她|[\u4e00-\u9fff]{2,5}?)\s*(?:吧|处理)?\s*$"
)  # fmt: skip
_WORK = r"换|更换|装|安装|补|通|疏通|清|清理|清运|维修"  # the work done, which says what was done (灯泡换好了)
# (not after a negation or a time to come: 还没修好, 明天完成, 快修好了)
_NOT_YET = r"(?<![没未快要不别能去])(?<!明天)(?<!准备)(?<!打算)(?<!还没)"
_DONE = (
    # (the work itself done as well: 灯泡换好了, 门禁装好了, 管子通好了, 垃圾清完了 — 1号单子 灯泡换好了 had been
    # offered as progress, stop 42)
    _NOT_YET + r"(?:办|修|弄|搞|处理|干|做|整|收拾|解决|" + _WORK + r")(?:完|好|定|妥|利索)(?!没|一半|了一半|几)|"
    + _NOT_YET
    + r"(?:办结|办洁|结单|结了|完成|完事|解决了|搞定)|已(?:经)?解决|可以关了|✅"
    # checked and nothing there (3号单 已核实 是误报, 第九单我去看过了 没有味道): done, with what was found
    + r"|误报|虚惊一场|(?:已经?|都)核实|核实过了?|一切正常|(?:看|查|检查|去看)过了?(?=\s*(?:没|无))"
)  # fmt: skip
# (not 没人接了, 电话不接: no one taking it on)
_TAKEN = (
    r"(?<![没不人用别员长])接(?:了|下|单|手|过来|一下)(?!不)|领了|认领|(?<!不)归我|我(?:来|去)(?:处理|弄|办|跟|整)"
    r"|(?:俺|咱)(?:来|去)(?:处理|弄|办|整)|我负[责则]|我(?:这边|这儿)接"
)
_DONE_WORDS = re.compile(_DONE)
_HINTS = (
    (re.compile(_TRANSFER), "transfer"),
    (_DONE_WORDS, "resolve"),
    (re.compile(_TAKEN), "accept"),
)
# Taking it, the ticket named just before (1号单是我的, 二号单子给我): in so few words, nothing else
_MINE = re.compile(r"^\s*(?:就|这)?\s*(?:是我的|归我了?|算我的|给我(?:吧|来)?|我要了|我包了)\s*[吧了啊哈!！。~]*\s*$")
# A ticket said to be this one, with no number (这单我接了, 那个单子办完了): which one, from the worker's own list
_THIS_ONE = re.compile(r"(?:这|那)\s*(?:一|个)?\s*单(?:子)?(?![元位据车间身])")
# The same, after a bare number at the start (or before it: 办完了 3号单子)
_BARE_MEANT = (
    (re.compile(r"^\s*(?:把|将)?\s*" + _BARE + r"\s*(?:转给|转派给|交给|转交给|派给)"), "transfer"),
    (
        re.compile(r"^\s*(?:" + _DONE + r")了?\s*" + _BARE + r"|^\s*" + _BARE + _BETWEEN + r"(?:" + _DONE + ")"),
        "resolve",
    ),
    (
        re.compile(r"^\s*接(?:了|下了?|单了)?\s*" + _BARE + r"|^\s*" + _BARE + _BETWEEN + r"接(?:了|下了)"),
        "accept",
    ),
)  # fmt: skip

# A ticket's number in Chinese numerals (把十号转给刘楼长, 第十二单, 工单三十九): read as digits where a number of a
# ticket may stand, and only there
_NUMERAL = CHINESE_NUMERALS
_SPOKEN_NUMBER = re.compile(
    rf"(?<![\d{_NUMERAL}])(?:(?<=第)|(?<=工单)|(?<=单子)|(?<=#))\s*([{_NUMERAL}]{{1,4}})"
    # (not 这一单, 那两单, 修好两单: this one, or a count)
    rf"|(?<![\d{_NUMERAL}这那了有完共好定])([{_NUMERAL}]{{1,4}})(?=\s*(?:号|单))"
)
# A worker's word for the tickets they handle (我手上还有几个单子, 我手头现在有多少单); residents speak of their 报事
# or 反映. (Not 几单元: a unit.)
_TICKETS_WORD = re.compile(r"单子|工单|(?:多少|几|啥|哪些|\d+)\s*[个件]?\s*(?:单(?!元)|活)|(?:我|俺)的单(?!元)")
# Asking for one's list of them (我手头现在有多少单, 咱手里都有哪些单, 还有几单没结, 我的单): no ticket named
_ASKS_FOR_ONES_TICKETS = re.compile(
    r"(?:手(?:上|头|里)|名下|(?:我|俺|咱)(?:这|这儿|这边)?(?:还|都)?有|还有|都有).{0,6}"
    r"(?:多少|几|啥|哪些|什么|\d+)\s*[个件]?\s*(?:单(?!元)|活)|^\s*(?:我|俺)的单子?\W*$"
)
# A question (3号办完了吗): it is no command, but a question about the ticket
_ASKED = re.compile(r"(?:[吗嘛么？?]|没有?)\s*$")
# How it goes (#1 修好没, 3号单子咋样了, 第十二单进展到哪了, 谁在弄, 详情发我): asked anywhere in the message
_HOW_IT_GOES = (
    r"咋样|怎么样|如何|进展|进度|到哪|哪一步|啥情况|什么情况|咋回事|怎么回事|状态|详情|谁在|有人管|调出|发我|好了没"
)
_ASKED_AFTER = re.compile(rf"[吗嘛么？?]\s*$|没有?\s*$|{_HOW_IT_GOES}|查|看看|看下|看一下")


# Someone called on at the start (@网格通 2号办结了 垃圾拉走了): no part of what is meant
_MENTION = re.compile(r"^\s*@\S+\s+")


def _read(text: str) -> str:
    text = _MENTION.sub("", unicodedata.normalize("NFKC", text))
    if "号" in text or "单" in text or "#" in text:
        text = _SPOKEN_NUMBER.sub(lambda m: str(parse_spoken_number(m[1] or m[2]) or m[0]), text)
    return text


def _said(text: str) -> re.Match | None:
    # every form of _SAID holds 单 or #: most messages (a group's talk, read for a neighbour's question about a
    # ticket) are passed over without the pattern
    if "单" not in text and "#" not in text and "＃" not in text:
        return None
    return _SAID.search(text)


def _number(match: re.Match) -> int:
    return int(next(group for group in match.groups() if group))


@dataclass(frozen=True)
class Meant:
    """A command meant in other words: accept, resolve or transfer; the ticket (None: 这单, which one is asked); and
    for a resolve, what else the worker said of the work (燃气公司来修了阀门), for the command they will send."""

    command: str
    number: int | None
    words: str = ""


def meant(text: str) -> Meant | None:
    """The command meant, if the text is one in other words; nothing is done on it."""
    text = _read(text)
    if _ASKED.search(text) or _asks_if_done(text):
        return None  # (#6 灯修好了吗 我去看看, 1号 清理好了不: asked; its reporter had read 已办结：吗 我去看看)
    said = _said(text) or _THIS_ONE.search(text)
    if said is not None:
        number = _number(said) if said.re is _SAID else None
        rest = text[: said.start()] + " " + text[said.end() :]
        if number is not None and _MINE.fullmatch(rest.strip()):
            return Meant("accept", number)
        for pattern, command in _HINTS:
            if (done := pattern.search(rest)) is not None:
                if command == "resolve" and not _done_yet(rest, done):
                    # 物业说装好监控要到下周, 明天周五修好, 换好了 但是还不亮: a word of progress, said here (read on,
                    # the bare forms below would offer it as done again)
                    words = _FILLER.sub("", rest)
                    return Meant("progress", number, words) if number is not None and words else None
                return Meant(command, number, _words_of_the_work(rest, done) if command == "resolve" else "")
        if number is not None and _cleared(rest):
            return Meant("resolve", number, _as_a_note(rest))  # (#3 垃圾已经清走了)
    for pattern, command in _BARE_MEANT:
        if (match := pattern.search(text)) is not None:
            lead = _LEADING.match(text) if command == "resolve" else None  # (3号已经处理完了 地上也扫干净了)
            return Meant(command, _number(match), _as_a_note(text[lead.end() :]) if lead else "")
    return None


# Said after the words of being done, they tell when it will be, or that it is not done yet (装好要到下周,
# 修好还得等配件, 换好了 但是还不亮, 通好了 还得观察两天, 装好了 明天通电)
_YET_TO_COME = re.compile(
    r"要到|还要|还得|得等|预计|等到|下周|下个月|明天|后天|过几天|月底|但|可是|不过|还不|还没|又坏|又不|还是|再看|观察"
)
# Near-future words that 了 does not make past (马上修好了, 一会修好了跟你说, 待会装好了拍照)
_SOON = re.compile(r"马上|一会|待会|等会|过会|回头")
# ... and said before them, with no 了 after (明天周五修好, 下午修好 我盯着; but 下午修好了: done this afternoon)
_A_TIME_TO_COME = re.compile(
    r"明天|后天|大后天|周.|星期.|礼拜.|上午|中午|下午|晚上|今晚|待会|一会|回头|过几天|下周|月底|预计|争取|尽快|马上|准备|打算|计划"
)
# The words of being done asked of (修好了吗, 换好了没, 弄完没有)
_ASKS_IF_DONE = re.compile(r"了?\s*(?:吗|么|嘛|(?:没有?|不|否|未)\s*(?:[?？。!！,，\s]|$))")


def _done_yet(rest: str, done: re.Match) -> bool:
    after, before = rest[done.end() :], rest[: done.start()]
    if _YET_TO_COME.search(after):
        return False
    if _SOON.search(before[-4:]):  # (right before it: 马上修好了 is still to come; 今天下午修好了 reads as done)
        return after.lstrip().startswith("了") and not _SOON.search(before[-2:])
    return after.lstrip().startswith("了") or not _A_TIME_TO_COME.search(before)


# What is left around the words of what was done, that says nothing of the work (了, 已经, 我, 哈…)
_FILLER = re.compile(r"^[\s,，。.!！~～:：的了啊哈吧呢嘛呀我俺已经都刚也]*|[\s,，。.!！~～啊哈吧呢嘛呀]*$")


_THE_WORK_DONE = re.compile(rf"(?:{_WORK})(?:完|好)")


def _words_of_the_work(rest: str, done: re.Match) -> str:
    """What the worker said of the work beside 办完了 (燃气公司来修了阀门, 下水道通了): after it, else before it; none
    that speak of another ticket (3号单办完了 4号单我下午去: the reporter of #3 would read of #4)."""
    # what it says after, else before it, with the words of being done when they say what was done (垃圾已经清走了);
    # those words and what follows them when they do (灯泡换好了 亮了: not 亮了 alone, stop 42)
    only_closed = _ONLY_CLOSED.fullmatch(done.group()) is not None
    before = rest[: done.start()] if only_closed else rest[: done.end()]
    parts = (rest, rest[done.end() :], before) if _THE_WORK_DONE.match(done.group()) else (rest[done.end() :], before)
    for part in parts:
        words = _FILLER.sub("", part)
        if _A_TIME_TO_COME.fullmatch(words):  # (下午修好了: when, with what, not 下午 alone)
            words = _FILLER.sub("", rest)
        if len(re.findall(r"[\u4e00-\u9fff]", words)) >= 2 and not _SAID.search(words):
            return words
    return ""


# Words of taking, handing over or closing that were no command (1号单不归我, 接手不了, 不要办结, 照片转给我): about
# who does it, not how it goes, and nothing for its reporter to read
_OF_A_COMMAND = re.compile(r"接|转|交给|派给|结单|办结|归我|照片|辛苦|谢谢|地址|写错|说错|号楼|栋")
# Asked of a ticket, beside its number: not a word of progress (but 正在查, 我下午过去看看 are: the worker's own doing)
_ASKS_HOW_IT_GOES = re.compile(
    rf"{_HOW_IT_GOES}|谁|多少|哪里|哪个|几点|什么时候|啥时候"
    r"|^\s*(?:帮我|给我)?(?:查|看)(?:一下|下|查|看)|(?:想|要|帮我|给我)(?:看|查)"  # 查一下第3单, 俺想看下: show it
)
_ABOUT = re.compile(r"^\s*(?:关于|对于|至于|说下|说一下)\s*|\s*(?:的|那个|这个)\s*$")  # 关于17号单，物业说下周修
_EDGES = re.compile(r"^[\s,，:：、。.;；-]+|[\s,，、;；-]+$")


def progress_meant(text: str) -> Meant | None:
    """What a worker says of a ticket named that is no other command and asks nothing (1号单 我已经联系物业了 明天来修,
    #2 师傅在路上了): its progress, for the 进度 command (it had got the whole help). Only a ticket said to be one (not
    3号那个, which may be a building's), and some words of it beside: at least three characters."""
    read = _read(text)
    said = _said(read)
    if said is None or _ASKED.search(read) or _ASKS_HOW_IT_GOES.search(read):
        return None
    # the worker's words as written (their ，, not NFKC's ,), where reading changed no lengths
    written = text if len(text) == len(read) else read
    before, after = _ABOUT.sub("", written[: said.start()]), written[said.end() :]
    words = " ".join(part for part in (_EDGES.sub("", before), _EDGES.sub("", after)) if part)
    return Meant("progress", _number(said), words) if _of_progress(words) else None


def _of_progress(words: str) -> bool:
    """At least three characters of words, naming no other ticket (1号单 2号单: which one?) and no other command."""
    return (
        len(re.findall(r"[\u4e00-\u9fff]", words)) >= 3 and not _SAID.search(words) and not _OF_A_COMMAND.search(words)
    )


# A bare number leading the words (17号 防水材料订好了, 1 师傅下午到, 十二号：物业说周五来), not a unit (2单元301) nor a
# day of the month (十二号那天我去过他家了, 20号之前交材料, 5号上午); what stands between the number and the words
_A_DAY = r"(?!\s*号?\s*(?:那天|当天|那会|之前|以前|前|之后|以后|后|左右|早|上午|中午|下午|晚|夜|开始|到|至|[-~～—]))"
_LEADING = re.compile(
    r"^\s*(?![#＃]?\s*\d+\s*单元)[#＃]?\s*(\d{1,9})" + _NOT_A_TICKET + r"(\s*号)?" + _A_DAY + r"(\s*[,，:：、]\s*|\s+)?"
)
# Counted, not numbered (3户已经通知到了, 2 米的管子换了, 2次去都没人在家)
_COUNTED = re.compile(r"^(?:户|家|辆|次|米|台|条|遍|趟|分钟|小时|周|斤|瓶|袋|箱|桶|根|把|张|间)")
_ANOTHER_NUMBER = re.compile(r"\d+\s*号(?!楼|栋|幢|单元|院|门|线)|[#＃]\s*\d")  # 2号 和 3号 都联系物业了: which one?
_CHECKS = re.compile(r"(?:是吧|对吧|是不是|对不对)\W*$")  # 18号要交材料是吧: asking, of a date
# Done, after a bare number: the words above, and cleared away or repaired (垃圾已经清走了, 清理干净了, 已修复), which a
# newcomer's (stop 41) had offered as progress; never when the words say it is not so yet or will be (还没有修好,
# 周五修好, 预计下午恢复正常, 让物业清理干净, 修好了又坏了)
_DONE_AT = re.compile(
    _DONE + r"|(?:清|拉|运|搬)(?:走|掉)了|清(?:理)?干净了|已?修复了|恢复正常了"
    r"|(?<![没不未])(?:通|亮)了"  # (下水道通了, 灯泡换了 亮了: a newcomer's, stop 42)
)
_NOT_DONE = re.compile(
    r"没|未|不|正在|在修|预计|争取|尽快|马上|快要?|准备|打算|计划|要|会|能|让|叫|请|等|明天|后天|今天|今晚|下午|上午|晚上|周.|星期.|月底|又坏|又不"
)
# Words of closing at the end of a note (清理干净了 可以结了): the command says so already
_CLOSING = re.compile(r"[\s,，。.!！~～]*(?:可以|能)?(?:结了|关了|结单了?|办结了?|关单了?)[\s,，。.!！~～]*$")


# Words that say only that it is done (办好了, 处理完了, 搞定): no note of what was done
_ONLY_CLOSED = re.compile(
    r"(?:已经?|都|我)?(?:(?:办|处理|弄|搞|做|干|整|修)(?:完|好|定|妥|利索)|办结|办洁|结单|结了|完成|完事|解决了?|搞定)了?"
)


_CLOSED_FIRST = re.compile(r"^\s*(?:已经?|都|我)?(?:办结|办洁|结单|结了|关单)了?[\s,，。.!！~～]+(?=\S)")


def _cleared(words: str) -> bool:
    """Words that say the work is done, and not that it is not yet or will be."""
    return _DONE_AT.search(words) is not None and not _NOT_DONE.search(words) and not _OF_A_COMMAND.search(words)


def _as_a_note(words: str) -> str:
    """The worker's words after the number, for 办结 N …, when they say more than that it is done (灯修好了，亮了;
    not 办好了)."""
    note = _FILLER.sub("", _CLOSING.sub("", words))
    note = _FILLER.sub("", _CLOSED_FIRST.sub("", note))  # (办结了 垃圾拉走了: the command says 办结 already)
    said = _ONLY_CLOSED.sub("", note)
    return note if len(re.findall(r"[\u4e00-\u9fff]", said)) >= 2 else ""


def bare_progress(text: str) -> Meant | None:
    """What a worker says after a bare number that leads their words: a ticket's number, or a date's (17号 is also
    the 17th), so the router offers it only for an open ticket of the worker's own, and as a question. Done
    (1号灯修好了 亮了, 3 清理干净了 可以结了: 办结, with their words), else progress: then only with the number set
    apart (17号 防水…, 1：物业说…), and, as for progress_meant, at least three characters of words that ask nothing
    and name no other command nor another number."""
    read = _read(text)
    match = _LEADING.match(read)
    if match is None or _ASKED.search(read) or _ASKS_HOW_IT_GOES.search(read) or _CHECKS.search(read):
        return None
    written = text if len(text) == len(read) else read
    words = _EDGES.sub("", written[match.end() :])
    said_apart, with_hao = match[3] is not None, match[2] is not None
    if not (said_apart or with_hao) or _COUNTED.match(words) or _ANOTHER_NUMBER.search(words) or _asks_if_done(words):
        return None
    if _cleared(words):
        return Meant("resolve", int(match[1]), _as_a_note(words))
    return Meant("progress", int(match[1]), words) if said_apart and _of_progress(words) else None


def work_without_a_number(words: str) -> str | None:
    """What a worker's words, their place taken out, say of some work with no ticket named and nothing asked:
    "resolve" when it is done (灯修好了, 垃圾清走了 大家放心), "progress" when it goes on (报给物业了 等配件), else
    None."""
    read = _read(words)
    if _said(read) or _ASKED.search(read) or _asks_if_done(read):
        return None
    if _cleared(read):
        return "resolve"
    return "progress" if _of_progress(read) else None


def worker_meant(text: str) -> Meant | None:
    """The command a worker meant: taken, done or handed over, else a word of progress (not when they ask whether
    it is done: #1 灯修好了吗 我去看看 is no news for its reporter)."""
    return meant(text) or (None if _asks_if_done(text) else progress_meant(text))


def _asks_if_done(text: str) -> bool:
    return any(_ASKS_IF_DONE.match(text, done.end()) for done in _DONE_WORDS.finditer(text))


def ticket_named(text: str) -> int | None:
    said = _said(_read(text))
    return _number(said) if said else None


def speaks_of_tickets(text: str) -> bool:
    return _TICKETS_WORD.search(text) is not None


def asks_after_a_ticket(text: str) -> bool:
    """A question about a ticket named (#8 啥情况, 15号单子处理到哪一步了), or for one's own list (我手头有多少单)."""
    if _ASKS_FOR_ONES_TICKETS.search(text):
        return True
    text = _read(text)
    said = _said(text)
    return said is not None and _ASKED_AFTER.search(text[: said.start()] + " " + text[said.end() :]) is not None
