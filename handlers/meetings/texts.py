"""What groups, residents, invited parties and organisers read of a meeting; the organisers' command words."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.clock import LOCAL_TZ

COMMANDS = {
    "发起会议": "announce",
    "发布会议": "announce",
    "/meeting": "announce",
    "邀请": "invite",
    "/invite": "invite",
    "会议名单": "attendees",
    "报名名单": "attendees",
    "参会名单": "attendees",
    "/attendees": "attendees",
    "取消会议": "cancel",
    "/cancel_meeting": "cancel",
    "修改会议": "change",
    "/edit_meeting": "change",
    "代报名": "proxy",
    "/signup_for": "proxy",
}

YES, NO, MAYBE = "yes", "no", "maybe"
ANSWER_WORDS = {YES: "参加", NO: "不参加", MAYBE: "待定"}
WEEKDAYS = "一二三四五六日"


def when(moment: datetime) -> str:
    """12月3日（周四）15:00. Midnight is the end of the day before, as residents say it (周五晚上12点 is
    11月27日（周五）24:00): 11月28日（周六）00:00 would be read on Friday as a day later than meant."""
    local = moment.astimezone(LOCAL_TZ)
    midnight = (local.hour, local.minute) == (0, 0)
    day = local - timedelta(days=1) if midnight else local
    clock = "24:00" if midnight else f"{local:%H:%M}"
    return f"{day.month}月{day.day}日（周{WEEKDAYS[day.weekday()]}）{clock}"


def title(number: int, topic: str) -> str:
    return f"#{number}「{topic}」"


def _party(guests: int) -> str:
    return f"（+{guests}，共{guests + 1}人）" if guests else ""


def _seats_left(left: int | None) -> str:
    return "" if left is None else (f"还剩 {left} 个名额。" if left > 0 else "名额已满。")


# --- announcing ----------------------------------------------------------------------------------


def notice(number: int, topic: str, at: datetime, place: str, capacity: int | None, organiser: str) -> str:
    lines = [
        f"📢 会议通知 #{number}",
        f"议题：{topic}",
        f"时间：{when(at)}",
        f"地点：{place}",
        f"名额：{capacity}人（含随行家属）" if capacity else "名额：不限",
        f"发起人：{organiser}",
        "请回复“参加”（带家属写“参加 +2”）、“不参加”或“待定”，也可以点下面的按钮或接龙报名。开会时截止报名。",
    ]
    return "\n".join(lines)


def announced(number: int, group: str, reminders: bool) -> str:
    then = "开会前 24 小时和 1 小时会私信提醒报名的人。" if reminders else ""
    return (
        f"✅ 会议 #{number} 已发到“{group}”。{then}\n"
        f"发送“会议名单 {number}”查看报名情况，“邀请 {number} 物业服务中心”邀请有关方面，"
        f"“修改会议 {number} 时间 …”或“取消会议 {number}”修改、取消。"
    )


UNREADABLE = {
    "no_time": "没看懂会议时间。请写明日期和钟点，例如：发起会议 明天下午3点 社区议事厅 议题：东门停车位改造 限30人",
    "no_clock": "请写明几点开会，例如“明天下午3点”“12月5日 14:30”。",
    "past": "会议时间{at}已经过去了，请写一个还没到的时间。",
    "no_date": "没有这一天，请核对日期。",
    "no_place": "请写明开会地点，例如：发起会议 明天下午3点 社区议事厅 议题：东门停车位改造",
    "bad_capacity": "名额要写大于0的人数，例如“限30人”；不限人数就不写。",
}


def unreadable(reason: str, at: datetime | None) -> str:
    return UNREADABLE[reason].format(at=when(at) if at else "")


ORGANISERS_ONLY = (
    "抱歉，会议名单、邀请、修改、取消和代报名只有会议的组织者（网格员、网格长和社区、街道工作人员）可以用。"
)


def relisted(name: str, number: int) -> str:
    return (
        f"您发的接龙最后一行是“{name}”，这位已经报过名了，所以没有替您登记。"
        f"报名会议 #{number} 请在接龙最后加上您自己的一行，或直接回复“参加”。"
    )


NOT_AN_ORGANISER = "抱歉，只有网格员、网格长和社区、街道工作人员可以发起会议。居民有事要议，可以向网格员提出。"
NAME_THE_GROUP = "请写明发到哪个群，例如在最后加上“群 g_tx1”。您可以发的群：{groups}"
NO_SUCH_GROUP = "没有找到群“{group}”。您可以发的群：{groups}"
NOT_YOUR_GROUP = "抱歉，您不负责“{group}”，不能在这个群发起会议。"
ANNOUNCE_IN_GROUP_ONLY = "请在居民群里发起会议，或在私聊中写明“群 群编号”。"


# --- answers --------------------------------------------------------------------------------------


def confirmed(name: str, number: int, guests: int, left: int | None) -> str:
    return f"✅ {name} 已报名会议 #{number}{_party(guests)}。{_seats_left(left)}"


def waitlisted(name: str, number: int, guests: int, position: int) -> str:
    return f"⏳ 会议 #{number} 名额已满，{name}{_party(guests)} 已列入候补第 {position} 位，有空位会马上通知。"


def _answer_word(answer: str, guests: int) -> str:
    return ANSWER_WORDS[answer] + (_party(guests) if answer == YES else "")


def changed(name: str, number: int, answer: str, guests: int) -> str:
    return f"🔄 {name} 对会议 #{number} 的答复已改为：{_answer_word(answer, guests)}。"


def kept_old_party(name: str, number: int, guests: int, asked: int) -> str:
    return (
        f"会议 #{number} 名额不足，无法增加到{asked + 1}人，{name} 仍按原来的{_party(guests) or '1人'}登记；"
        "如需调整请联系网格员。"
    )


def noted(number: int, topic: str, answer: str) -> str:
    return f"已记录您对会议 {title(number, topic)}的答复：{ANSWER_WORDS[answer]}。如有变化，在群里再回复一次即可。"


def unchanged(number: int, answer: str, guests: int, position: int | None = None) -> str:
    if position:
        return f"您已在会议 #{number} 的候补名单上（第 {position} 位），有空位会马上通知您。"
    return f"您对会议 #{number} 的答复已经是：{_answer_word(answer, guests)}，无需重复回复。"


def moved_in_group(name: str, number: int) -> str:
    return f"✅ 有空位了，候补的 {name} 已转为正式报名会议 #{number}。"


def moved_in_person(number: int, topic: str, at: datetime, place: str, guests: int) -> str:
    return (
        f"🎉 会议 {title(number, topic)}有空位了，您已从候补转为正式报名{_party(guests)}。"
        f"时间：{when(at)}，地点：{place}。"
    )


ANSWERS_CLOSED = "会议 #{number} 已经开始或结束，报名已截止。"
MEETING_CANCELLED = "会议 #{number} 已取消，无需答复。"


# --- invited parties ------------------------------------------------------------------------------


def invitation(number: int, topic: str, at: datetime, place: str, organiser: str, all_parties: bool) -> str:
    together = "本次五方汇谈需各方到齐，" if all_parties else ""
    return (
        f"📨 邀请函：会议 {title(number, topic)}\n时间：{when(at)}\n地点：{place}\n发起人：{organiser}\n"
        f"{together}请点下面的按钮答复，或直接回复“参加”“不参加”“待定”。"
    )


def invited(number: int, names: list[str], already: list[str], unknown: list[str]) -> str:
    parts = [f"已向 {'、'.join(names)} 发出会议 #{number} 的邀请。"] if names else []
    if already:
        parts.append(f"{'、'.join(already)} 已经邀请过了。")
    if unknown:
        parts.append(f"没有找到 {'、'.join(unknown)}，请写花名册里的部门或人员名称。")
    return "".join(parts)


INVITE_USAGE = "用法：邀请 会议号 部门或人员，例如：邀请 3 物业服务中心 孙书记"


def invite_answered_organiser(party: str, number: int, answer: str) -> str:
    return f"📬 {party} 答复会议 #{number}：{ANSWER_WORDS[answer]}。"


def party_missing(party: str, number: int) -> str:
    return f"⚠️ 会议 #{number} 需各方到齐，但 {party} 答复不能参加，请协调时间或另请代表。"


def invite_noted(number: int, topic: str, answer: str) -> str:
    return f"已记录您对会议 {title(number, topic)}的答复：{ANSWER_WORDS[answer]}，并已告知发起人。"


def details(number: int, topic: str, at: datetime, place: str) -> str:
    """Asked in the group when or where an open meeting is (几点开始来着 在哪个活动室)."""
    return f"会议 {title(number, topic)}：时间 {when(at)}，地点 {place}。"


def nudge(number: int, topic: str, at: datetime, place: str) -> str:
    return f"📨 提醒：会议 {title(number, topic)}明天开，时间：{when(at)}，地点：{place}。您还没有答复，请点按钮答复。"


# --- organisers -----------------------------------------------------------------------------------


def tally(
    number: int,
    topic: str,
    at: datetime,
    place: str,
    capacity: int | None,
    rows: dict[str, list[str]],
    guests: int,
    invited_rows: list[str],
    status: str,
) -> str:
    coming = len(rows[YES])
    seats = f"，共 {coming + guests}{'/' + str(capacity) if capacity else ''} 人" if coming else ""
    head = [
        f"📋 会议 {title(number, topic)}{'（已取消）' if status == 'cancelled' else ''}",
        f"{when(at)} {place}",
        f"参加 {coming} 人（另带 {guests} 人{seats}）· 不参加 {len(rows[NO])} · 待定 {len(rows[MAYBE])}"
        f" · 候补 {len(rows['waitlist'])}",
    ]
    sections = [
        ("参加", rows[YES]),
        ("候补", rows["waitlist"]),
        ("待定", rows[MAYBE]),
        ("不参加", rows[NO]),
        ("邀请", invited_rows),
    ]
    body = [
        f"{label}：\n" + "\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1))
        for label, lines in sections
        if lines
    ]
    return "\n".join(head + body)


def attendee_line(name: str, guests: int, building: int | None, by: str | None) -> str:
    extras = [f"+{guests}"] if guests else []
    if building and f"{building}号" not in name and f"{building}栋" not in name:
        extras.append(f"{building}号楼")
    if by:
        extras.append(f"{by}代报")
    return name + (f"（{'，'.join(extras)}）" if extras else "")


def invited_line(name: str, answer: str | None) -> str:
    return f"{name}：{ANSWER_WORDS[answer] if answer else '未答复'}"


def cancelled_group(number: int, topic: str, at: datetime) -> str:
    return f"❌ 会议 {title(number, topic)}（原定 {when(at)}）已取消。"


def cancelled_person(number: int, topic: str, at: datetime) -> str:
    return f"❌ 您答复过的会议 {title(number, topic)}（原定 {when(at)}）已取消，请相互转告。"


def cancelled_organiser(number: int, told: int) -> str:
    return f"会议 #{number} 已取消，已在群里通知，并私信告知 {told} 位会来、待定或受邀还没答复的人。"


def changed_group(number: int, topic: str, what: str, old: str, new: str) -> str:
    return f"🔔 会议 {title(number, topic)}{what}变更：{old} → {new}。"


def changed_person(number: int, topic: str, what: str, old: str, new: str, at: datetime, place: str) -> str:
    return f"🔔 您报名的会议 {title(number, topic)}{what}变更：{old} → {new}。请按新的安排参加：{when(at)}，{place}。"


def changed_organiser(number: int, what: str, told: int) -> str:
    if what == "名额":
        return f"会议 #{number} 的名额已修改，已在群里通知；候补中如有放得下的人，已转为正式报名并收到通知。"
    moved = "；提醒时间已随之调整" if what == "时间" else ""
    return f"会议 #{number} 已修改，已在群里通知，并私信告知 {told} 位会来、待定或受邀还没答复的人{moved}。"


LIST_SENT_PRIVATELY = "会议名单已私信发给您。"
MAX_PLACE = 40
CHANGE_USAGE = "用法：修改会议 会议号 时间 新时间 / 地点 新地点 / 名额 人数，例如：修改会议 3 时间 明天下午4点"
PROXY_USAGE = "用法：代报名 姓名 [+人数]，例如：代报名 王奶奶 +1（在居民群里发，或写明会议号：代报名 3 王奶奶 +1）"
CANCEL_USAGE = "用法：取消会议 会议号，例如：取消会议 3"


def proxied(name: str, number: int, guests: int, left: int | None, waitlist_position: int | None, answer: str) -> str:
    if answer != YES:
        return f"已为 {name} 登记会议 #{number}：{ANSWER_WORDS[answer]}。"
    if waitlist_position:
        return f"已为 {name}{_party(guests)} 代报名会议 #{number}，名额已满，列入候补第 {waitlist_position} 位。"
    return f"已为 {name}{_party(guests)} 代报名会议 #{number}。{_seats_left(left)}"


REFUSALS = {
    "no_such_meeting": "没有找到会议 #{number}，请核对编号。",
    "no_meeting": "您目前没有待开的会议。发起会议：发起会议 明天下午3点 社区议事厅 议题：…",
    "which_meeting": "您有多场待开的会议（{numbers}），请写明会议号，例如：{example}",
    "not_allowed": "抱歉，只有会议 #{number} 的发起人、网格长和社区、街道管理员可以这样做。",
    "cancelled": "会议 #{number} 已取消。",
    "started": "会议 #{number} 已经开始或结束了。",
}


def refusal(reason: str, number: int | None = None, numbers: list[int] | None = None, example: str = "") -> str:
    listed = "、".join(f"#{n}" for n in numbers or [])
    return REFUSALS[reason].format(number=number, numbers=listed, example=example)


# --- reminders ------------------------------------------------------------------------------------


def reminder(kind: str, number: int, topic: str, at: datetime, place: str, guests: int) -> str:
    soon = "明天" if kind == "day_before" else "快"  # (an hour before, or less if sent late after a restart)
    party = f"，共{guests + 1}人参加" if guests else ""
    return f"⏰ 提醒：您报名的会议 {title(number, topic)}{soon}开，时间：{when(at)}，地点：{place}{party}。"


BUTTON_PREFIX = "mt:"


def buttons_data(number: int) -> list[tuple[str, str]]:
    """The three answers as (label, data): mt:<meeting>:yes — well under Telegram's 64 bytes."""
    return [(ANSWER_WORDS[a], f"{BUTTON_PREFIX}{number}:{a}") for a in (YES, NO, MAYBE)]
