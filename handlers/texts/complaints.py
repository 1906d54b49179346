"""What residents and workers read about new complaints. Natural Chinese, no reporter identity in groups."""

from handlers.texts.common import category_label, place_label

OFFER = "看起来您在反映问题。需要登记为工单、由网格员跟进吗？"
OFFER_BUTTON = "登记为工单"
OFFER_ONLY_REPORTER = "这条登记提示只有原发言人可以确认哦。如需反映问题，请发送“报事 + 问题描述”。"
OFFER_GONE = "这条提示已失效，请重新发送“报事 + 问题描述”。"
OFFER_DONE = "这条反映已登记为工单 #{number}，不用重复登记。"
EMPTY_REPORT = "请在“报事”后面写上具体问题，例如：报事 3号楼2单元楼道灯坏了。"


def group_ack(number: int, category: str, handler: str, urgent: bool) -> str:
    """The group sees the number, the category and who handles it; never who reported it."""
    if category == "dispute":
        return f"已登记为工单 #{number}，由{handler}跟进。相关情况将私下沟通，不在群内公开。"
    if urgent:
        return f"🚨 紧急工单 #{number}（{category_label(category)}）已登记，{handler}已收到通知，正在赶来处理。"
    return f"已登记为工单 #{number}（{category_label(category)}），由{handler}负责处理。处理进展会私信告知反映人。"


def start_hint(link: str) -> str:
    """On platforms where the bot may not write to someone first (Telegram): how a reporter gets its notices."""
    return f"反映人如未收到私信，请先点开 {link} 并点“开始”，进展会随后补发。"


def reporter_ack(number: int, handler: str) -> str:
    return f"您反映的问题已登记为工单 #{number}，由{handler}负责。我们会在这里告诉您处理进展。可发送“我的报事”查看。"


def worker_new(number: int, category: str, place: str, text: str, urgent: bool, source: str) -> str:
    head = "🚨【紧急】" if urgent else ""
    where = f"位置：{place}\n" if place else ""
    return (
        f"{head}新工单 #{number}（{category_label(category)}）\n{where}来源：{source}\n内容：{text}\n"
        f"回复“接单 {number}”接单，“进度 {number} 说明”反馈进展，“办结 {number} 说明”办结。"
    )


def ticket_place(ticket) -> str:
    return place_label(ticket.building, ticket.unit, ticket.room)


NO_HANDLER = "社区工作人员"


def source(group: str | None, reporter: str) -> str:
    return f"{group or '私聊'}，反映人 {reporter}"
