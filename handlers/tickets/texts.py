"""What residents, groups and workers read as a ticket moves: registered, accepted, progress, resolved, rated,
transferred; and the worker commands' words, answers and refusals. A group never reads who reported."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timedelta

from bot.vocabulary import ACCEPTED, OPEN, OTHER, RESOLVED, category_label, status_label

COMMANDS = {
    "接单": "accept",
    "/accept": "accept",
    "进度": "progress",
    "/update": "progress",
    "/progress": "progress",
    "办结": "resolve",
    "/resolve": "resolve",
    "转派": "transfer",
    "/transfer": "transfer",
    "我的工单": "mine",
    "/mine": "mine",
    "工单概况": "overview",
    "工单统计": "overview",
    "/overview": "overview",
    "/stats": "overview",
    "工单": "ticket",
    "/ticket": "ticket",
    "查询": "query",
    "我的报事": "query",
    "/query": "query",
    "/status": "query",
}

RATE_YES, RATE_NO = "满意", "不满意"
# A resident's 工单 N of a ticket someone else reported: no details of it, not even whether it is open.
NOT_YOUR_TICKET = "抱歉，工单 #{number} 不是您反映的，只有反映人本人和负责的工作人员可以查看。"
SEE_YOUR_OWN = "查看您自己反映的问题，请发送“我的报事”。"
SAME_PROBLEM_TOO = "如果您也遇到了这个问题，请发送“报事 + 问题描述”，会登记并转给负责的网格员。"
NO_HANDLER = "社区工作人员"

REFUSALS = {
    "no_such_ticket": "没有找到工单 #{number}，请核对编号。",
    "not_allowed": "抱歉，工单 #{number} 不由您负责，只有承办人、网格长和社区、街道管理员可以处理。",
    "not_allowed_to_view": "抱歉，工单 #{number} 只有承办人、网格长、社区和街道管理员以及反映人本人可以查看。",
    "not_reporter": "抱歉，只有反映人本人可以评价工单 #{number}。",
    "same_assignee": "工单 #{number} 已经由这位同志负责了。",
    "bad_state:accept": "工单 #{number} 当前状态为“{status}”，无需接单。",
    "bad_state:progress": "工单 #{number} 当前状态为“{status}”，不能再反馈进度。",
    "bad_state:resolve": "工单 #{number} 当前状态为“{status}”，不能办结。",
    "bad_state:transfer": "工单 #{number} 当前状态为“{status}”，不能转派。",
    "bad_state:close": "工单 #{number} 当前状态为“{status}”，现在不能评价。",
    "bad_state:reopen": "工单 #{number} 当前状态为“{status}”，现在不能评价。",
    "too_late_to_take_back": "工单 #{number} 已经有人重新跟进了，这次评价改不了；处理完后您可以再评价一次。",
    "no_such_person": "没有找到“{target}”，请写工作人员的姓名或编号，例如：转派 {number} 李网格员。",
}

USAGE = {
    "accept": "用法：接单 工单号，例如：接单 12",
    "progress": "用法：进度 工单号 说明，例如：进度 12 已联系物业，明天上午维修",
    "resolve": "用法：办结 工单号 说明，例如：办结 12 已更换灯泡",
    "transfer": "用法：转派 工单号 人员，例如：转派 12 李网格员",
    "ticket": "用法：工单 工单号，例如：工单 12",
}

PRIVATE_ONLY = "工单命令请在与我的私聊中使用，群里只显示登记和处理结果。"
WORKER_ONLY = "这个命令是给网格员用的。居民反映问题请发送“报事 + 问题描述”，查看进度请发送“我的报事”。"
QUERY_IN_GROUP = "查询结果已私信发给您。"


# A worker's command in their own words (handlers/tickets/meant.py): the command meant, to send as it is.
def meant_hint(command: str, number: int, words: str = "", name: str | None = None, ticket=None) -> str:
    """The command a worker meant in their own words, to send as it is: with what they said of the work (办结), the
    person they named (转派), and what the ticket is (#1（照明 3号楼）), so that a wrong number shows before it is sent
    (1号灯修好了 said of the light, #2, would close #1, the rubbish: a review's, stop 41)."""
    which = f"#{number}（{ticket_brief(ticket)}）" if ticket is not None else f"#{number} "
    if command == "resolve" and words:
        return f"是要办结 {which}吗？请回复“办结 {number} {words}”。"
    if command == "transfer" and name:
        return f"是要转派 {which}吗？请回复“转派 {number} {name}”。"
    if command == "progress":
        return f"是要反馈 {which}的进展吗？请回复“进度 {number} {words}”，反映人会收到。"
    hint = {"accept": ACCEPT_MEANT, "resolve": RESOLVE_MEANT, "transfer": TRANSFER_MEANT}[command]
    return hint.format(number=number, which=which)


def ticket_brief(ticket) -> str:
    """What a ticket is, in a few characters: 照明 3号楼."""
    return f"{label(ticket.category, ticket.urgent)} {place_label(ticket.building, None, None)}".rstrip()


_CONFIRM = {"accept": "确认接单", "progress": "确认发送进展", "resolve": "确认办结", "transfer": "确认转派"}


def send_as_hinted(ticket, command: str = "") -> str:
    """The tap's label names what it does and the ticket it acts on (确认办结 · #1 环境卫生 3号楼), as the hint does: a
    办结 and a 进度 of the same ticket had looked the same (a newcomer's, stop 42)."""
    word = _CONFIRM.get(command, "确认发送")
    return word if ticket is None else f"{word} · #{ticket.id} {ticket_brief(ticket)}"


HINT_GONE = "这个提示已失效（已发送过、有了更新的提示，或已超过半小时），请直接发送命令。"
ACCEPT_MEANT = "是要接单 {which}吗？请回复“接单 {number}”。"
RESOLVE_MEANT = "是要办结 {which}吗？请回复“办结 {number} 处理说明”，例如：办结 {number} 已更换灯泡。"
USAGE_EXAMPLE = {
    "accept": "接单 12",
    "resolve": "办结 12 已更换灯泡",
    "transfer": "转派 12 李网格员",
    "progress": "进度 12 已联系物业，明天上午维修",
}
WHICH_TICKET = "是哪一单？请带上工单号，例如：{example}。"
COMMANDS_IN_PRIVATE = "（工单命令请在与我的私聊中发送，群里不办理。）"
TRANSFER_MEANT = "是要转派 {which}吗？请回复“转派 {number} 对方姓名”，例如：转派 {number} 李网格员。"


def refusal(reason: str, number: int | str = "", status: str = "", target: str = "") -> str:
    template = REFUSALS.get(reason, "操作没有成功，请稍后再试。")
    return template.format(number=number, status=status_label(status) if status else "", target=target)


def place_label(building: int | None, unit: int | None, room: str | None) -> str:
    parts = []
    if building is not None:
        parts.append(f"{building}号楼")
    if unit is not None:
        parts.append(f"{unit}单元")
    if room:
        parts.append(f"{room}室")
    return "".join(parts)


def ticket_place(ticket) -> str:
    return place_label(ticket.building, ticket.unit, ticket.room)


# --- a ticket is registered ---------------------------------------------------------------------------


def group_ack(number: int, category: str, handler: str) -> str:
    """The group sees the number, the category and who handles it; never who reported it."""
    return f"已登记为工单 #{number}（{label(category)}），由{handler}负责处理。处理进展会私信告知反映人。"


def group_ack_private(number: int) -> str:
    """What might be a dispute: the group hears the number and nothing else."""
    return f"已登记为工单 #{number}。相关情况由工作人员私下跟进，不在群内公开。"


# An urgent report the reader filed under no category (someone collapsed, a cry for help) is no 其他咨询.
URGENT_OTHER = "紧急求助"


def label(category: str | None, urgent: bool = False) -> str:
    """What a ticket is called wherever people read it."""
    return URGENT_OTHER if urgent and category in (None, OTHER) else category_label(category)


def urgent_ack(number: int, category: str, notified: list[str]) -> str:
    """Who has been told, not who is coming: nobody is coming until someone accepts."""
    return f"🚨 紧急工单 #{number}（{label(category, urgent=True)}）已登记，已通知{'、'.join(notified)}。"


def urgent_which_building(compound_known: bool) -> str:
    """Asked in the group of an urgent report that named no building (and no compound, in a community's group)."""
    if compound_known:
        return "请直接回复具体几号楼几单元（例如：5号楼2单元），好让工作人员直奔现场。"
    return "请直接回复是哪个小区、几号楼（例如：银山苑5号楼），好让工作人员直奔现场。"


def urgent_which_building_privately(compound_known: bool) -> str:
    """Of an urgent report the group hears nothing of (我老公打我), asked of the reporter alone."""
    where = "几号楼几单元（例如：5号楼2单元）" if compound_known else "哪个小区、几号楼（例如：银山苑5号楼）"
    return f"方便的话，请在这里回复您在{where}，只有工作人员看得到。"


def which_building_for_its_worker(compound_known: bool) -> str:
    """Asked in a compound's or community's group of a report that named no building: the building decides whose
    it is (it had gone to the community's admin, and 3号楼 said next was ignored: a newcomer's, stop 42)."""
    return f"请直接回复是{_which_building(compound_known)}，好转给负责那栋楼的网格员。"


def which_building_for_its_worker_privately(compound_known: bool) -> str:
    return f"方便的话，请在这里回复是{_which_building(compound_known)}，好转给负责那栋楼的网格员，只有工作人员看得到。"


def _which_building(compound_known: bool) -> str:
    return "几号楼（例如：5号楼）" if compound_known else "哪个小区、几号楼（例如：银山苑5号楼）"


def urgent_accepted_group(number: int, by: str) -> str:
    return f"工单 #{number} 已由{by}接单，正在赶来处理。"


def urgent_reminder(number: int, category: str, minutes: int, place: str, over: str = "") -> str:
    where = f"，{place}" if place else ""
    if over:
        return (
            f"⚠️ 紧急工单 #{number}（{label(category, urgent=True)}{where}）登记已{minutes}分钟，仍无人接单；"
            f"反映人说：{over}\n请安排核实，确认无需处理的回复“办结 {number} 经核实无需处理”。"
        )
    return (
        f"⚠️ 紧急工单 #{number}（{label(category, urgent=True)}{where}）登记已{minutes}分钟，仍无人接单。"
        f"请立即安排处理：回复“接单 {number}”接单。"
    )


# One line of safety advice for the group and the reporter, by the danger reported (bot.nlp.urgency).
SAFETY = {
    "fire": "⚠️ 发现起火或浓烟请立即拨打119；用湿毛巾捂住口鼻，沿安全通道低姿撤离，不要乘电梯。",
    "electric_fire": "⚠️ 电线、电器起火请先断电，立即拨打119，不要用水浇；人员沿安全通道撤离，不要乘电梯。",
    "explosion": "⚠️ 发生爆炸请立即远离现场，拨打119和120；闻到燃气味不要开关电器、不要点火。",
    "gas": "⚠️ 闻到燃气味：不要开关电器、不要点火，立即开窗通风，人员撤到室外后拨打燃气抢修电话。",
    "electric": "⚠️ 有人触电先断电源，不要直接用手拉人，立即拨打120；电线冒火花请远离，拨打95598供电抢修。",
    "selfharm": "⚠️ 有人有轻生危险请立即拨打110和120，有人陪着、稳住情绪，不要刺激。",
    "drowning": "⚠️ 有人落水请立即拨打110和120，用长杆、绳子或救生圈施救，不会游泳不要下水。",
    "poison": "⚠️ 疑似中毒请立即拨打120；燃气中毒先开窗通风，把人移到空气新鲜处。",
    "collapse": "⚠️ 有人倒地不起或病情危急请立即拨打120，不要随意搬动。",
    "violence": "⚠️ 如有人身危险请立即拨打110，不要上前围观。",
    # a water pipe as well as a heating pipe (8号楼水管爆了 had been told of steam and scalds alone; stop 38's note)
    "burst": "⚠️ 管道爆裂请先关闭总阀门，远离泡水的插座和电器；如是热水、暖气管或冒蒸汽，请远离以免烫伤。",
    "flood": "⚠️ 请先关闭水阀，远离泡水的插座和电器，注意用电安全。",
    "falling": "⚠️ 请远离下方和周围区域，不要在下面停留或通行。",
    "manhole": "⚠️ 请绕开行走，看好老人和孩子，夜间尤其注意；可先放个醒目的东西提醒路人。",
    "hole": "⚠️ 请绕开行走，看好老人和孩子。",
    "breakin": "⚠️ 如发现正在作案请立即拨打110，不要独自上前。",
    "trapped": "⚠️ 有人被困请保持冷静、设法呼救；情况危急请拨打119。",
    "lost": "⚠️ 有孩子或老人走失请立即拨打110，并请大家留意走失者的衣着和最后出现的地方。",
    "alarm": "⚠️ 情况危急请立即拨打110、119或120。",
}
TRAPPED_IN_A_LIFT = "⚠️ 被困电梯请保持冷静，按电梯内的警铃或拨打轿厢内的救援电话，不要强行扒门。"


def safety_advice(hazard: str | None, category: str) -> str | None:
    if hazard == "trapped" and category == "elevator":
        return TRAPPED_IN_A_LIFT
    return SAFETY.get(hazard) if hazard else None


def start_hint(link: str) -> str:
    """On platforms where the bot may not write to someone first (Telegram): how a reporter gets its notices."""
    return f"反映人如未收到私信，请先点开 {link} 并点“开始”，进展会随后补发。"


def reporter_ack(number: int, handler: str) -> str:
    return f"您反映的问题已登记为工单 #{number}，由{handler}负责。我们会在这里告诉您处理进展。可发送“我的报事”查看。"


def urgent_reporter_ack(number: int, notified: list[str]) -> str:
    return f"🚨 您反映的紧急情况已登记为工单 #{number}，已通知{'、'.join(notified)}。有人接单会马上告诉您。"


def _details(place: str, source: str, text: str, added: str | None = None) -> str:
    """A ticket as its handler reads it: where, from whom, what was said (and said later)."""
    where = f"位置：{place}\n" if place else ""
    more = f"\n补充：{added}" if added else ""
    return f"{where}来源：{source}\n内容：{text}{more}"


def _how_to_act(number: int) -> str:
    return f"回复“接单 {number}”接单，“进度 {number} 说明”反馈进展，“办结 {number} 说明”办结。"


def worker_new(
    number: int, category: str, place: str, text: str, urgent: bool, source: str, alike: tuple[int, ...] = ()
) -> str:
    head = f"{'🚨【紧急】' if urgent else ''}新工单 #{number}（{label(category, urgent)}）"
    same = f"\n同楼同类还有未办结的工单：{'、'.join(f'#{n}' for n in alike)}，可核对是否同一件事。" if alike else ""
    return f"{head}\n{_details(place, source, text)}{same}\n{_how_to_act(number)}"


def source(group: str | None, reporter: str) -> str:
    return f"{group or '私聊'}，反映人 {reporter}"


# --- it moves ----------------------------------------------------------------------------------------


def accepted_worker(number: int) -> str:
    return f"已接单 #{number}。处理中可发送“进度 {number} 说明”，完成后发送“办结 {number} 说明”。"


def accepted_reporter(number: int, handler: str) -> str:
    return f"您反映的工单 #{number} 已由{handler}接单，正在处理。"


def acted_for_you(number: int, by: str, what: str) -> str:
    return f"您负责的工单 #{number} 已由{by}{what}。"


def progress_worker(number: int) -> str:
    return f"工单 #{number} 的进展已记录，并已告知反映人。"


def progress_reporter(number: int, note: str) -> str:
    return f"工单 #{number} 有新进展：{note}"


def resolved_worker(number: int) -> str:
    return f"工单 #{number} 已办结，等待反映人评价。"


def resolved_reporter(number: int, note: str) -> str:
    detail = f"：{note}" if note else "。"
    return f"您反映的工单 #{number} 已办结{detail}\n请问您对处理结果满意吗？"


def resolved_group(number: int, category: str, urgent: bool = False) -> str:
    """The neighbours hear that it was done (件件有回音): the number and the category, nothing more."""
    return f"工单 #{number}（{label(category, urgent)}）已办结。"


def reopened_group(number: int, category: str, urgent: bool = False) -> str:
    """The neighbours, told it was done, hear that it is not: nothing of who said so or why."""
    return f"工单 #{number}（{label(category, urgent)}）问题还没有解决，已重新打开，网格员会继续跟进。"


def closed_reporter(number: int) -> str:
    return f"感谢您的评价！工单 #{number} 已关闭。"


def closed_worker(number: int) -> str:
    return f"反映人对工单 #{number} 表示满意，工单已关闭。辛苦了！"


def reopened_reporter(number: int, by_mistake: bool = False, explained: bool = False) -> str:
    if by_mistake:
        return f"好的，已改为不满意。工单 #{number} 已重新打开，网格员和网格长会继续跟进。"
    if explained:  # (rated in words that said why: passed on, nothing asked)
        return f"抱歉没能让您满意。工单 #{number} 已重新打开，网格员和网格长会继续跟进。"
    return (
        f"抱歉没能让您满意。工单 #{number} 已重新打开，网格员和网格长会继续跟进。\n"
        "哪里还不满意，可以直接回复告诉我，我会原话转告他们；如果是点错了，回复“点错了”即可改为满意。"
    )


# Said instead of a reason after 不满意: nothing to pass on.
NOTHING_MORE = re.compile(
    r"(?:(?:算了|不用了?|没事了?|没有了?|没了|不说了|就这样吧?|好吧?|好的|嗯+|哦+|噢+|知道了|收到|行吧?|可以|ok|okay"
    r"|谢谢(?:师傅|你们|您|你|啦|了|哈)?|多谢|辛苦了?|👌|👍|🙏)[。！!~～\s,，]*)+",
    re.IGNORECASE,
)
NOTHING_MORE_TO_PASS_ON = "好的。网格员和网格长会继续跟进。"
# Said to be another matter (还有个事 6号楼楼顶的管子漏水, 对了 门口垃圾桶也坏了): a report of its own, not why.
# After 不满意, a message that says only that the tap was a mistake (点错了, 按错了 是满意的, 手滑了 满意满意, 满意):
# no reason to pass on. Nothing else may be in it: 没点错 灯还是不亮, 我不满意的是师傅态度差, 我是满意的 对了 楼道里
# 有煤气味 (a review's, stop 40: each had closed the ticket, and the gas report was lost) are read as any message is.
_MISTAKE = r"(?:点|按|摁|戳|选|搞|弄)(?:错|岔)|误(?:点|按|触)|手滑|手抖|手误|不小心|(?:点|按)(?:成|到)了?不满意"
_SATISFIED = r"(?<!不)满意"
_ONLY_POLITE = r"不好意思|抱歉|对不起|sorry|其实|我|是|的|了|啦|哈|啊|呀|吧|哦|噢|嗯|很|挺|都|刚才|刚刚"
_ONLY_POLITE += r"|谢谢|谢了|师傅|本来想点?|想点|[，。！!,.~～\s]|😅|🙏|😂|🤦"
# 哎呀点错了, 点错了 应该是满意, 点错了 帮我改回满意吧 (a newcomer's, stop 41: they were passed on as the reason)
_ONLY_POLITE += r"|哎呀|哎哟|哎|唉|呃|额|应该是|改成|改为|改回|帮我|帮忙|麻烦"
_ONLY_A_MISTAKE = re.compile(f"(?:{_MISTAKE}|{_SATISFIED}|{_ONLY_POLITE})+", re.IGNORECASE)


# After 满意, that the tap was a mistake (点错了 其实还没修好, 按成满意了, 手滑了, 其实不满意, 不满意): a tap word or
# 不满意 said, never 满意 said well (很满意), nor thanks. (Not 还没修好 alone: 3号楼电梯坏了两天了还没修好 is a report,
# and 师傅一开始搞错了地方 后来修好了 很满意 is praise: a review's, stop 40, had each reopen the ticket.)
_TAPPED = r"(?:点|按|摁|戳|选)(?:错|岔|成)|误(?:点|按|触)|手滑|手抖|手误|不小心"
_SAID_NOT_SATISFIED = r"(?:其实|还是|是|想点)?(?:不|不太|不是很|不怎么|唔)满意|其实(?:还)?没(?:修|弄)?好"


def says_satisfied_was_a_mistake(text: str) -> bool:
    text = text.strip()
    said = re.search(f"{_TAPPED}|{_SAID_NOT_SATISFIED}", text)
    # 满意 said well is praise (很满意); 点了满意, 按成满意 is the tap, and 不是很满意 no praise
    unsaid = re.sub(r"(?:不|不太|不是很|不怎么|唔)满意", "", text)
    return bool(said) and not re.search(r"(?<!成)(?<!想点)(?<!点了)(?<!按了)满意", unsaid)


def beyond_the_mistake(text: str) -> str:
    """The words beyond 点错了 (其实还没修好 地上还有垃圾), as written: the reason, for the staff ("" if none). A
    newcomer's (stop 41): the staff had read 点错了 其实还没弄干净, which could be taken for "ignore this"."""
    # whole phrases only, at either end (the polite words one character at a time had cut into the reason: 我们楼的灯
    # → 们楼的灯, a review's, stop 41)
    rest = _MISTAKE_AT_THE_START.sub("", text.strip())
    rest = _MISTAKE_AT_THE_END.sub("", rest)
    if _ONLY_THE_RATING.fullmatch(rest):
        return ""  # (点错了 不满意: the rating, no reason)
    return rest if len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 2 else ""


_APART = r"[\s,，。.!！~～、：:;；…]*"
_SORRY = r"(?:不好意思|抱歉|对不起|sorry|哎呀|哎)?"
_MISTAKE_AT_THE_START = re.compile(
    f"^{_APART}{_SORRY}{_APART}(?:刚才|刚刚|我)?{_APART}(?:{_MISTAKE})(?:了|啦)?{_APART}", re.IGNORECASE
)
_MISTAKE_AT_THE_END = re.compile(f"{_APART}(?:刚才|刚刚|我)?(?:{_MISTAKE})(?:了|啦)?{_APART}$", re.IGNORECASE)
_ONLY_THE_RATING = re.compile(r"(?:其实|是|我是)?(?:不满意|满意)(?:的|啊|呀)?[\s。.!！]*")


def says_the_tap_was_a_mistake(text: str) -> bool:
    text = text.strip()
    return bool(_ONLY_A_MISTAKE.fullmatch(text)) and bool(re.search(f"{_MISTAKE}|{_SATISFIED}", text))


def taken_back_reporter(number: int, late: bool = False) -> str:
    if late:
        return f"好的，已告诉工单 #{number} 的处理人员您其实是满意的，他们会办结。"
    return f"好的，已改为满意。感谢您的评价！工单 #{number} 已关闭。"


def taken_back_staff(number: int, late: bool = False) -> str:
    said = f"工单 #{number} 的反映人说刚才的“不满意”点错了，实为满意"
    if late:
        return f"{said}；如无需再处理，请回复“办结 {number} 已确认无需再处理”。"
    return f"{said}，工单已关闭，无需再跟进。"


# A rating given in words to a ticket awaiting one (a newcomer's, stop 42: 灯根本没修啊 还是黑的 不满意 was asked
# which compound, as a new report, and 不满意 alone got the help): not satisfied, or satisfied, said of the work
_RATED_UNSATISFIED = re.compile(
    r"(?<!没什么)(?<!没啥)(?<!没有)(?<!不是)(?<!并非)不(?:太|怎么|是很|大)?满意|没修好|没(?:有|给)?修|(?:根本|压根)没(?!想到)"
    r"|还是(?:坏|不亮|不行|不通|不热|不好|没|黑|漏|堵|臭|响|吵|一样|老样子|那样)|又坏|还没好|没解决|没弄好|没处理|没人来"
    r"|糊弄|敷衍|白修|跟没修一样"
)
# 满意, but not 不满意 (nor 不太满意), and 没什么不满意的 is satisfied
_RATED_SATISFIED = re.compile(
    r"(?<![不没])(?<!不太)(?<!不怎么)(?<!不是很)满意|(?:没什么|没啥|没有)不满意"
    r"|(?:修|弄|换|处理|清理|解决)好了.{0,8}(?:谢|辛苦|感谢|👍)|(?:谢谢|感谢|辛苦).{0,10}(?:修好|弄好|换好|解决|处理好)"
    r"|(?:谢谢|感谢|辛苦).{0,10}来得?的?(?:挺|很|真|特别|蛮)?(?:快|及时)"  # (没事了 谢谢你们 来的挺快的)
)
RATING_IN_WORDS_DAYS = 7  # a rating said this long after the work was done; later words are read as any are


def rating_in_words(text: str) -> bool | None:
    """False for words of not being satisfied with the work, True for words of being satisfied, None for neither."""
    if _RATED_UNSATISFIED.search(text):
        return False
    return True if _RATED_SATISFIED.search(text) else None


def beyond_the_rating(text: str) -> str:
    """What a rating in words says beyond 不满意 or 满意: why, for the staff ("" when nothing)."""
    rest = re.sub(r"(?:挺|很|非常|特别|比较)?(?:不)?满意(?:的|了|啦)?", " ", text).strip(" ，,。.!！~～")
    return rest if len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 2 else ""


ANOTHER_MATTER = re.compile(r"还有个事|还有一件|另外|顺便|对了|再一个|还有个问题|另一个|我是想说|我想说|想反映|要反映")


def explained_staff(number: int, words: str) -> str:
    return f"💬 工单 #{number} 反映人说明了哪里不满意：{words}"


def explained_reporter(number: int, passed_on: bool) -> str:
    if passed_on:
        return f"已把您的话转告工单 #{number} 的网格员和网格长。"
    return f"已把您的话记在工单 #{number} 上，社区工作人员会看到。"


def also_reported_ack(number: int, category: str, notified: list[str]) -> str:
    """A neighbour reporting a danger already reported at the same place: in the group, or to them privately."""
    told = "、".join(notified)
    head = f"🚨 这一情况已登记为紧急工单 #{number}（{label(category, urgent=True)}）"
    return f"{head}，已通知{told}，您说的情况已一并转告。"


def also_reported_staff(number: int, category: str, place: str, words: str, source: str) -> str:
    """Whoever has an urgent ticket and the grid head: someone else reports the same danger."""
    where = f"，{place}" if place else ""
    return f"🚨【紧急】工单 #{number}（{label(category, urgent=True)}{where}）又有居民反映（{source}）：{words}"


def pressed_staff(number: int, category: str, place: str, words: str, waited: int, accepted: bool) -> str:
    """Whoever has an urgent ticket and the grid head, when its reporter asks why nobody has come."""
    where = f"，{place}" if place else ""
    hours, minutes = divmod(waited, 60)
    waiting = f"已等{waited}分钟" if waited else "刚登记不久"
    if hours:
        waiting = f"已等{hours}小时" + (f"{minutes}分钟" if minutes else "")
    then = f"请尽快到场，并用“进度 {number} 说明”告诉反映人。" if accepted else f"请立即安排：回复“接单 {number}”接单。"
    return (
        f"⏰【催办】紧急工单 #{number}（{label(category, urgent=True)}{where}）的反映人在催：{words}\n"
        f"{waiting}，{'已接单' if accepted else '仍无人接单'}。{then}"
    )


def pressed_group(number: int) -> str:
    # (消防车呢: the group heard who was told, and may think 119 was called; it never is by the bot)
    return f"已催促工单 #{number} 的处理人员。本群消息不会自动报警，情况危急请直接拨打110、119或120。"


def stood_down_staff(number: int, category: str, place: str, words: str, urgent: bool) -> str:
    """Whoever has a ticket and the grid head, when its reporter says it is over: theirs to check and close."""
    where = f"，{place}" if place else ""
    check = "紧急情况请核实安全后再" if urgent else "请核实，确认无需处理的"
    return (
        f"ℹ️ {'紧急' if urgent else ''}工单 #{number}（{label(category, urgent=urgent)}{where}）的反映人说：{words}\n"
        f"{check}回复“办结 {number} 经核实无需处理”办结；仍需处理的照常跟进。"
    )


def stood_down_reporter(number: int, told: bool, again: bool) -> str:
    if again:
        return f"刚刚已把您的话转告工单 #{number} 的处理人员。"
    who = "处理人员" if told else "社区工作人员"
    return f"已把您的话转告工单 #{number} 的{who}，核实后会办结。如果情况又出现，请马上再说。"


def stood_down_group(number: int) -> str:
    return f"已将最新情况转告工单 #{number} 的处理人员。"


def said_by(name: str | None, words: str) -> str:
    """Words of a neighbour who joined a ticket, for its staff: theirs, not its reporter's."""
    return f"（另一位反映的居民{name or ''}）{words}"


def urgent_taken_head(number: int, by: str) -> str:
    return f"紧急工单 #{number} 已由{by}接单。"


def urgent_done_head(number: int, by: str, note: str) -> str:
    return f"紧急工单 #{number} 已由{by}办结" + (f"：{note}" if note else "。")


def pressed_reporter(number: int, told: bool, again: bool) -> str:
    """The reporter, after asking about an urgent ticket still open."""
    if again:
        line = f"刚刚已替您催过工单 #{number} 的处理人员，请稍候。"
    elif told:
        line = f"已替您催促工单 #{number} 的处理人员。"
    else:
        line = f"已把您的催促记在工单 #{number} 上，社区工作人员会看到。"
    return line + "情况危急请直接拨打110、119或120。"


def reopened_staff(number: int) -> str:
    return f"⚠️ 反映人对工单 #{number} 的处理不满意，工单已重新打开，请尽快跟进。"


def located_to(number: int, category: str, place: str, text: str, source: str, note: str, urgent: bool = True) -> str:
    """A ticket that had gone to the admins for want of a place, moved to the one who now has it."""
    alarm = "🚨【紧急】" if urgent else ""
    head = f"{alarm}工单 #{number}（{label(category, urgent)}）已转给您：反映人报告后补充了位置。"
    return f"{head}\n{_details(place, source, text, note)}\n{_how_to_act(number)}"


def located_head(number: int, category: str, place: str, text: str, source: str, note: str, to: str) -> str:
    """The grid head of the one it went to: the whole ticket, as for any urgent one, for their information."""
    head = f"🚨【紧急】工单 #{number}（{label(category, urgent=True)}）反映人报告后补充了位置，已转给{to}。"
    return f"{head}\n{_details(place, source, text, note)}"


def located_here(number: int, category: str, place: str, note: str, handler: str) -> str:
    """The grid head, told of an urgent ticket before its building was known: where it is now recorded, the
    reporter's own words (to see a misreading), and who has it still."""
    return (
        f"🚨 紧急工单 #{number}（{label(category, urgent=True)}）的位置已补充：{place}"
        f"（反映人补充：{note}），仍由{handler}处理。"
    )


def located_elsewhere(number: int, category: str, note: str, to: str, urgent: bool = True) -> str:
    """The one it came from, and the grid head of the one it went to."""
    which = "🚨 紧急工单" if urgent else "工单"
    return f"{which} #{number}（{label(category, urgent)}）的反映人补充了位置（{note}），已转给{to}。"


def located_noted(number: int, note: str) -> str:
    """The reporter's words for a ticket that stays where it is."""
    return f"工单 #{number} 的反映人补充说明：{note}"


def located_pressing(number: int, category: str, place: str, note: str) -> str:
    """Its handler and grid head, of words telling an urgent ticket's danger now, worse: as urgent as the ticket."""
    where = f"（{place}）" if place else ""
    return f"🚨【紧急】工单 #{number}（{label(category, urgent=True)}）{where}反映人又报告：{note}\n请尽快处理。"


def located_placed(number: int, place: str, note: str) -> str:
    """Its handler, of an urgent ticket whose building the reporter's words gave: where, and the words."""
    return f"工单 #{number} 的位置已补充：{place}（反映人原话：{note}）"


def located_reporter(number: int, to: str | None, active: bool) -> str:
    if not active:
        return f"收到，已转告工单 #{number} 的处理人员。"
    if to is None:
        return f"收到，已转告工单 #{number} 的处理人员，会尽快处理。"
    return f"收到，工单 #{number} 已转给{to}，会尽快处理。"


def transferred_from(number: int, to: str) -> str:
    return f"工单 #{number} 已转派给{to}。"


def transferred_to(number: int, category: str, text: str, by: str, urgent: bool = False) -> str:
    head = "🚨【紧急】" if urgent else ""
    return f"{head}{by}转派给您工单 #{number}（{label(category, urgent)}）：{text}\n回复“接单 {number}”接单。"


def transferred_reporter(number: int, to: str) -> str:
    return f"您反映的工单 #{number} 已转交{to}处理。"


# --- lists and one ticket ----------------------------------------------------------------------------


def mine_empty() -> str:
    return "您目前没有待处理的工单。"


def _with_place(ticket, words: str = "") -> str:
    """Where it is, unless the words shown beside it already say so (3号楼2单元楼道灯坏了)."""
    place = ticket_place(ticket)
    return f" · {place}" if place and place not in words else ""


def mine_line(ticket) -> str:
    urgent = "🚨" if ticket.urgent else ""
    name, words = label(ticket.category, ticket.urgent), ticket.text[:30]
    return f"{urgent}#{ticket.id} {name}{_with_place(ticket, words)} · {status_label(ticket.status)} · {words}"


# How many of each, in the order a worker acts on them (我手头还有几单: a newcomer's, stop 41, got a list to count).
_COUNTED = {OPEN: "待接单", ACCEPTED: "处理中", RESOLVED: "待评价"}


def _counts_by_state(tickets, known: dict[str, int] | None = None, sep: str = "、") -> str:
    """待接单 1、处理中 2: how many in each state (`known`: counted elsewhere), those with none left out."""
    known = known or {}
    counted = ((word, known.get(status, sum(t.status == status for t in tickets))) for status, word in _COUNTED.items())
    return sep.join(f"{word} {n}" for word, n in counted if n)


def mine(tickets) -> str:
    head = f"您负责的工单共 {len(tickets)} 张（{_counts_by_state(tickets)}）："
    ordered = sorted(tickets, key=lambda t: (not t.urgent, t.id))  # (the urgent first: a newcomer's, stop 42)
    return head + "\n" + "\n".join(mine_line(t) for t in ordered)


def _waited(since: datetime, now: datetime) -> str:
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} 分钟"
    return f"{minutes // 60} 小时" if minutes < 24 * 60 else f"{minutes // (24 * 60)} 天"


def _waiting_since(ticket) -> datetime:
    """Since it was opened, or reopened: an open ticket's last change of state is when it came to be waiting."""
    return ticket.updated_at if ticket.status == OPEN else ticket.created_at


def _brief_line(ticket, now: datetime) -> str:
    waited = _waited(_waiting_since(ticket), now)
    return f" · #{ticket.id} {ticket_brief(ticket)}（{status_label(ticket.status)}，已 {waited}）"


STUCK_HOURS = 24  # waiting to be taken on longer than a day: what an official looks at first
LISTED = 5


def overview(view) -> str:
    """What a street or community admin reads of the tickets in their charge: counts, the urgent ones still open,
    those nobody took on for a day, and where they are by grid."""
    active, now = view.tickets, view.now
    head = f"{view.scope}工单概况（{now:%m-%d %H:%M}）："
    if not active and not view.awaiting_rating:
        return head + "\n目前没有未办结的工单。"
    counts = _counts_by_state(active, {RESOLVED: view.awaiting_rating}, " · ")
    lines = [head, f"尚未关闭的共 {len(active) + view.awaiting_rating} 张：{counts}"]
    urgent = [t for t in active if t.urgent]
    if urgent:
        lines.append(f"🚨 紧急未办结 {len(urgent)} 张：")
        lines += [_brief_line(t, now) for t in urgent[:LISTED]]
    late = now - timedelta(hours=STUCK_HOURS)
    stuck = [t for t in active if t.status == OPEN and not t.urgent and _waiting_since(t) <= late]
    if stuck:
        lines.append(f"超过一天无人接单 {len(stuck)} 张：")
        lines += [_brief_line(t, now) for t in sorted(stuck, key=_waiting_since)[:LISTED]]
    by_grid = Counter(view.grid_names.get(t.grid_id, "未分网格") for t in active)
    if by_grid:
        lines.append("未办结按网格：" + " · ".join(f"{name} {n}" for name, n in by_grid.most_common()))
    lines.append("查看某一单请发送“工单 N”。")
    return "\n".join(lines)


def reported_empty() -> str:
    return "您还没有反映过问题。需要时发送“报事 + 问题描述”即可。"


def how_it_stands(number: int, what: str, status: str) -> str:
    """To a group, of a ticket reported there: what it is and how it stands, nothing of who or what was said."""
    return f"工单 #{number}（{what}）目前：{status_label(status)}。"


def reported(tickets, progress: dict[int, str] | None = None) -> str:
    """Their reports, with the newest word of progress on those still being handled."""
    progress = progress or {}
    lines = [
        f"#{t.id} {label(t.category, t.urgent)}{_with_place(t)} · {status_label(t.status)}"
        + (f" · 最新进展：{progress[t.id]}" if t.id in progress else "")
        for t in tickets
    ]
    return "您反映的问题：\n" + "\n".join(lines)


EVENT_WORDS = {
    "opened": "登记",
    "reminded": "超时提醒",
    "assigned": "分派给",
    "accepted": "接单",
    "progress": "进展",
    "resolved": "办结",
    "rated": "评价",
    "closed": "关闭",
    "reopened": "重新打开",
    "transferred": "转派",
    "located": "补充说明",
    "explained": "说明不满意之处",
    "pressed": "催办",
    "joined": "又有居民反映",
    "stood_down": "说已无事",
}


def timeline_line(at: datetime, kind: str, who: str, note: str) -> str:
    """One event as a worker reads it: "11-23 09:05 张网格员 接单"."""
    word = EVENT_WORDS.get(kind, kind)
    if kind == "assigned":
        return f"{at:%m-%d %H:%M} 分派给 {note}"
    text = f"{at:%m-%d %H:%M} {who} {word}".replace("  ", " ")
    return f"{text}：{note}" if note else text


def ticket_view(ticket, *, place: str, where: str, assignee: str, reporter: str | None, timeline: list[str]) -> str:
    """One ticket in full, for those who may act on it (and, without the reporter's name, for the reporter)."""
    urgent = "🚨 紧急 · " if ticket.urgent else ""
    lines = [
        f"工单 #{ticket.id}（{label(ticket.category, ticket.urgent)}）· {urgent}{status_label(ticket.status)}",
        f"位置：{' '.join(p for p in (where, place) if p) or '未写明'}",
        f"内容：{ticket.text}",
        f"承办：{assignee}",
    ]
    if reporter:
        lines.append(f"反映人：{reporter}")
    lines.append("经过：")
    lines += [f"· {line}" for line in timeline]
    return "\n".join(lines)
