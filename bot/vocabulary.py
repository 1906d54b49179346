"""The product's words, written once: ticket categories, ticket statuses, staff roles, platforms.

Every other module reads them from here: the analyzer's keyword lists are checked against the categories,
the roster file accepts only these categories and roles, texts show the Chinese names, and the API lists the
statuses. Codes are what is stored; the Chinese names are what people read.
"""

from __future__ import annotations

# code → Chinese name, in the order PRODUCT.md lists them
CATEGORIES: dict[str, str] = {
    "lighting": "照明",
    "elevator": "电梯",
    "water": "供排水",
    "power_gas": "供电燃气",
    "heating": "供暖",
    "sanitation": "环境卫生",
    "parking": "停车秩序",
    "fire_safety": "消防安全",
    "noise": "噪音扰民",
    "property": "物业服务",
    "facilities": "公共设施",
    "dispute": "矛盾纠纷",
    "security": "治安防骗",
    "pets": "文明养犬",
    "other": "其他咨询",
}
OTHER = "other"
# Reported in private only: the group never hears what a dispute is about, nor that it was settled.
PRIVATE_CATEGORIES = frozenset({"dispute"})

# Ticket statuses: code → what a resident or worker reads
OPEN, ACCEPTED, RESOLVED, CLOSED = "open", "accepted", "resolved", "closed"
STATUSES: dict[str, str] = {
    OPEN: "待接单",
    ACCEPTED: "处理中",
    RESOLVED: "已办结，待评价",
    CLOSED: "已关闭",
}
ACTIVE_STATUSES = (OPEN, ACCEPTED)

# Staff roles: code → title
ROLES: dict[str, str] = {
    "street_admin": "街道管理员",
    "community_admin": "社区管理员",
    "grid_head": "网格长",
    "full_time": "专职网格员",
    "part_time": "兼职网格员",
    "building_leader": "楼栋长",
    "department": "职能部门",
}
WORKER_ROLES = ("full_time", "part_time", "building_leader")
# Person kinds that count as staff; "former" staff, dropped from the roster, count as residents.
STAFF_KINDS = ("staff", "department")

PLATFORMS: dict[str, str] = {
    "webchat": "网页聊天",
    "telegram": "Telegram",
    "wecom": "企业微信",
    "wecom_robot": "企业微信群机器人",
}


def category_label(code: str | None) -> str:
    return CATEGORIES.get(code or OTHER, CATEGORIES[OTHER])


def status_label(code: str) -> str:
    return STATUSES.get(code, code)
