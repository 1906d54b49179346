"""What workers and reporters read as a ticket moves: accepted, progress, resolved, rated, transferred."""

from handlers.texts.common import STATUS_LABELS, category_label

RATE_YES, RATE_NO = "满意", "不满意"

REFUSALS = {
    "no_such_ticket": "没有找到工单 #{number}，请核对编号。",
    "not_allowed": "抱歉，工单 #{number} 不由您负责，只有承办人、网格长和社区、街道管理员可以处理。",
    "not_reporter": "抱歉，只有反映人本人可以评价工单 #{number}。",
    "same_assignee": "工单 #{number} 已经由这位同志负责了。",
    "bad_state:accept": "工单 #{number} 当前状态为“{status}”，无需接单。",
    "bad_state:progress": "工单 #{number} 当前状态为“{status}”，不能再反馈进度。",
    "bad_state:resolve": "工单 #{number} 当前状态为“{status}”，不能办结。",
    "bad_state:transfer": "工单 #{number} 当前状态为“{status}”，不能转派。",
    "bad_state:close": "工单 #{number} 当前状态为“{status}”，现在不能评价。",
    "bad_state:reopen": "工单 #{number} 当前状态为“{status}”，现在不能评价。",
    "no_such_person": "没有找到“{target}”，请写工作人员的姓名或编号，例如：转派 {number} 李网格员。",
}

USAGE = {
    "accept": "用法：接单 工单号，例如：接单 12",
    "progress": "用法：进度 工单号 说明，例如：进度 12 已联系物业，明天上午维修",
    "resolve": "用法：办结 工单号 说明，例如：办结 12 已更换灯泡",
    "transfer": "用法：转派 工单号 人员，例如：转派 12 李网格员",
}

PRIVATE_ONLY = "工单命令请在与我的私聊中使用，群里只显示登记和处理结果。"
WORKER_ONLY = "这个命令是给网格员用的。居民反映问题请发送“报事 + 问题描述”，查看进度请发送“我的报事”。"


def refusal(reason: str, number: int | str = "", status: str = "", target: str = "") -> str:
    template = REFUSALS.get(reason, "操作没有成功，请稍后再试。")
    return template.format(number=number, status=STATUS_LABELS.get(status, status), target=target)


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


def closed_reporter(number: int) -> str:
    return f"感谢您的评价！工单 #{number} 已关闭。"


def closed_worker(number: int) -> str:
    return f"反映人对工单 #{number} 表示满意，工单已关闭。辛苦了！"


def reopened_reporter(number: int) -> str:
    return f"抱歉没能让您满意。工单 #{number} 已重新打开，网格员和网格长会继续跟进。"


def reopened_staff(number: int) -> str:
    return f"⚠️ 反映人对工单 #{number} 的处理不满意，工单已重新打开，请尽快跟进。"


def transferred_from(number: int, to: str) -> str:
    return f"工单 #{number} 已转派给{to}。"


def transferred_to(number: int, category: str, text: str, by: str) -> str:
    return f"{by}转派给您工单 #{number}（{category_label(category)}）：{text}\n回复“接单 {number}”接单。"


def transferred_reporter(number: int, to: str) -> str:
    return f"您反映的工单 #{number} 已转交{to}处理。"


def mine_empty() -> str:
    return "您目前没有待处理的工单。"


def mine_line(ticket) -> str:
    urgent = "🚨" if ticket.urgent else ""
    return (
        f"{urgent}#{ticket.id} {category_label(ticket.category)} · {STATUS_LABELS[ticket.status]} · {ticket.text[:30]}"
    )


def mine(tickets) -> str:
    return "您负责的工单：\n" + "\n".join(mine_line(t) for t in tickets)


def reported_empty() -> str:
    return "您还没有反映过问题。需要时发送“报事 + 问题描述”即可。"


def reported(tickets) -> str:
    lines = [f"#{t.id} {category_label(t.category)} · {STATUS_LABELS[t.status]}" for t in tickets]
    return "您反映的问题：\n" + "\n".join(lines)


QUERY_IN_GROUP = "查询结果已私信发给您。"
