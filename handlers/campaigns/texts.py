"""What campaigns say: refusals of bad input (the API's 400s and the command line's errors), the words that
acknowledge a notice, and the fallbacks a notice's placeholders take."""

from __future__ import annotations

import re

BAD_INPUT = {
    "bad_body": "请求体要是一个 JSON 对象。",
    "no_name": "请给活动起个名字（name）。",
    "library_or_text": "请二选一：用通知库（library: anti_fraud 或 fire_safety），或者写自己的通知内容（text）。",
    "unknown_library": "没有这个通知库：{detail}。可用的有：{libraries}。",
    "empty_text": "通知内容（text）不能为空。",
    "text_too_long": "通知内容太长了（{detail} 字），请控制在 {limit} 字以内。",
    "bad_placeholder": "通知内容里只能用 {{community}} 和 {{grid_worker}} 两个占位符，不认识：{detail}。",
    "bad_schedule": '时间安排（schedule）要写成 {{"at": "2026-12-05T10:00:00+08:00"}} 或 {{"cron": "0 10 * * MON"}}。',
    "bad_time": "看不懂这个时间：{detail}。请用 ISO 8601，例如 2026-12-05T10:00:00+08:00。",
    "past": "发送时间 {detail} 已经过去了，请写一个将来的时间。",
    "bad_cron": "cron 表达式无效：{detail}。格式是“分 时 日 月 星期”，例如 0 10 * * MON（每周一上午10点）。",
    "no_targets": '请写明发给哪些群（targets），例如 ["community:同鑫社区"]。',
    "unknown_target": "没有这个发送对象：{detail}。"
    "可以写 street、community:社区名、grid:网格名、group:群编号 或 tag:标签。",
    "no_groups": "这些发送对象下面一个群也没有：{detail}。",
    "bad_flag": "{detail} 要写 true 或 false。",
    "unknown_field": "不认识的字段：{detail}。",
    "no_such_campaign": "没有编号为 {detail} 的活动。",
    "removed": "活动 {detail} 已删除。",
}
TEXT_LIMIT = 300  # characters of a notice's own text, as written (placeholders counted as written)


def bad_input(reason: str, detail: str = "", libraries: str = "") -> str:
    return BAD_INPUT[reason].format(detail=detail, libraries=libraries, limit=TEXT_LIMIT)


# 收到 / 已读 / 好的 / 知道了 (and the same with 了, 啦, 哈, 谢谢, an emoji): a short reply that acknowledges.
ACKNOWLEDGES = re.compile(
    r"^(?:收到|已读|好的|好滴|知道了|晓得了|明白|了解|已阅|收到收到|好的收到|收到谢谢|已收到)"
    r"[了啦啊呀哈嘞哦噢!！。.,，~～\s👌👍🙏]*(?:谢谢|感谢)?[!！。~～\s👌👍🙏]*$"
)
MAX_ACK_LENGTH = 12


def acknowledges(text: str) -> bool:
    text = text.strip()
    return len(text) <= MAX_ACK_LENGTH and ACKNOWLEDGES.match(text) is not None


NO_GRID_WORKER = "社区工作人员"  # for {grid_worker} in a group that is not a grid's (a community's whole group)
