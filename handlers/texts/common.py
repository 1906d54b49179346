"""Words shared by every feature: category and status names as residents read them."""

CATEGORY_LABELS = {
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

STATUS_LABELS = {"open": "待接单", "accepted": "处理中", "resolved": "已办结，待评价", "closed": "已关闭"}


def category_label(code: str | None) -> str:
    return CATEGORY_LABELS.get(code or "other", "其他咨询")


def place_label(building: int | None, unit: int | None, room: str | None) -> str:
    parts = []
    if building is not None:
        parts.append(f"{building}号楼")
    if unit is not None:
        parts.append(f"{unit}单元")
    if room:
        parts.append(f"{room}室")
    return "".join(parts)
