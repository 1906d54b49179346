"""What residents read when they report: the one-tap offer, an empty report, and the question for a place."""

OFFER = "看起来您在反映问题。需要登记为工单、由网格员跟进吗？"


def offer(place: str, what: str | None) -> str:
    """The one-tap offer, saying what the bot understood: 看起来您反映的是 3号楼 电梯问题，需要登记为工单吗？"""
    if not what:
        return OFFER
    # The place set apart as the issue wrote it (反映的是 3号楼 电梯问题); with none, no stray space.
    where = f" {place} " if place else ""
    return f"看起来您反映的是{where}{what}问题，需要登记为工单、由网格员跟进吗？"


OFFER_BUTTON = "登记为工单"
OFFER_ONLY_REPORTER = "这条登记提示只有原发言人可以确认哦。如需反映问题，请发送“报事 + 问题描述”。"
OFFER_GONE = "这条提示已失效，请重新发送“报事 + 问题描述”。"
OFFER_DONE = "这条反映已登记为工单 #{number}，不用重复登记。"
EMPTY_REPORT = "请在“报事”后面写上具体问题，例如：报事 3号楼2单元楼道灯坏了。"

# A private report that names no compound: without one it could only fall to the street's admins.
PLACE_QUESTION = "收到。请问是哪个小区、几号楼？例如：同鑫花园5号楼。不想登记了可以回复“算了”。"


def place_question(building: int | None) -> str:
    """Which compound, when the report said its building (5号楼1单元402楼上漏水): not the building again (a
    newcomer's, stop 41)."""
    if building is None:
        return PLACE_QUESTION
    return f"收到。请问是哪个小区的{building}号楼？例如：同鑫花园{building}号楼。不想登记了可以回复“算了”。"


PLACE_QUESTION_AGAIN = "这条也记下了。请问是哪个小区、几号楼？一并告诉我就行，例如：同鑫花园5号楼。"
PLACE_AGAIN = "没看出是哪个小区。请回复小区名称和楼号，例如：同鑫花园5号楼；不想登记了可以回复“算了”。"
PLACE_CANCELLED = "好的，这次就不登记了。需要时随时发送“报事 + 问题描述”。"
PLACE_EXPIRED = (
    "您刚才反映的问题没有收到小区和楼号，还没有登记。需要时请重新发送，并写明小区和楼号，例如：同鑫花园5号楼 路灯不亮。"
)
# An urgent private report that names no compound is registered at once (it goes to the street's admins), and then
# asked where, so that it can move to the grid worker of that building.
URGENT_PLACE_QUESTION = "为尽快转给片区网格员，请告诉我是哪个小区、几号楼，例如：同鑫花园5号楼。"
URGENT_WORDS_PASSED = "已转告处理人员。知道是哪个小区、几号楼了，也请告诉我。"
# Feeling unwell beside a danger still being handled: what to do now, by the danger (smoke first: it traps).
_SMOKE = (
    "⚠️ 被烟呛得难受：用湿毛巾捂住口鼻，低姿沿安全通道撤离，不要乘电梯；出不去就关紧门、用湿毛巾堵住门缝，"
    "拨打119等待救援；症状重请拨打120。"
)
_GAS = "⚠️ 头晕、恶心、胸闷可能是燃气中毒：请马上离开到室外空气新鲜处，不要开关电器、不要点火；症状重请立即拨打120。"
UNWELL_BY_DANGER = {
    "fire": _SMOKE,
    "electric_fire": _SMOKE,
    "gas": _GAS,
    "explosion": "⚠️ 请马上远离现场，到空气新鲜处；症状重请立即拨打120。",
}
UNWELL = "⚠️ 身体不适请尽量保持冷静，症状重请立即拨打120。"


def unwell(hazards: set) -> str:
    """The advice for each danger waiting (smoke and gas both: both), or the general one."""
    advice = dict.fromkeys(text for hazard, text in UNWELL_BY_DANGER.items() if hazard in hazards)
    return "\n".join(advice) or UNWELL


# Someone down in the half hour after an urgent report, in words the reader did not take for one: told to whoever
# has the report (coming to the same place), and the resident told to call now.
SOMEONE_DOWN = "⚠️ 有人倒地不起或没有反应，请立即拨打120，不要随意搬动。"


def call_yourself(number: str) -> str:
    """Asked to call for help (快叫救护车, 帮我报个警): the bot cannot, and must not seem to."""
    return f"⚠️ 请您马上自己拨打{number}，说清小区、楼号和情况；我们也已转告处理人员。"


def which_building(compound: str) -> str:
    """A compound taken back without a building: the old building was said of the old compound."""
    return f"请问是{compound}几号楼？例如：{compound}5号楼。"


PLACE_EXPIRED_BESIDE_URGENT = (
    "您反映的紧急情况已登记并通知工作人员。另外反映的问题没有收到小区和楼号，还没有登记，需要时请重新发送，"
    "并写明小区和楼号，例如：同鑫花园5号楼 路灯不亮。"
)
URGENT_PLACE_EXPIRED = "您反映的紧急情况已登记并通知工作人员；没有收到具体位置，工作人员可能会联系您确认。"


def urgent_place_again(building: int | None) -> str:
    """Asked once more: which compound (only a building was given, or nothing that reads as a place)."""
    if building is not None:
        return f"请问是哪个小区的{building}号楼？例如：同鑫花园{building}号楼。不方便说可以回复“算了”。"
    return "没看出是哪个小区。请回复小区名称和楼号，例如：同鑫花园5号楼；不方便说可以回复“算了”。"


# Said instead of a place: the person no longer wants it registered.
CANCEL_WORDS = ("算了", "不用", "取消", "不报了", "不登记", "没事了", "不要了", "别登记")


def place_label(compound: str, place) -> str:
    """同鑫花园12号楼2单元, from an answer's compound and place."""
    parts = [compound]
    if place.building is not None:
        parts.append(f"{place.building}号楼")
    if place.unit is not None:
        parts.append(f"{place.unit}单元")
    if place.room:
        parts.append(f"{place.room}室")
    return "".join(parts)
