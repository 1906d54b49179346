"""Meetings (issue 10): announcing in a group, answers in residents' own words and by 接龙, capacity and the
waitlist, invited parties, changes and cancelling, on a fixed clock (START is Monday 23 November 2026, 9:00)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from sqlmodel import Session, func, select

from bot.clock import LOCAL_TZ
from scheduler.jobs import remind_of_meetings
from storage.models import ComplaintOffer, Meeting, MeetingAnswer, MeetingReminder, Ticket
from tests.factories import Chat, inbound

GROUP = "g_tx1"
ANNOUNCE = "发起会议 明天下午3点 社区议事厅 议题：东门停车位改造 限5人"


def count(engine, table) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def answers(engine, meeting: int = 1) -> dict[str, tuple[str, int, bool]]:
    """Each answer by the name it was given under (a resident's person id is derived from their web chat id)."""
    with Session(engine) as session:
        rows = session.exec(select(MeetingAnswer).where(MeetingAnswer.meeting_id == meeting)).all()
        return {a.name: (a.answer, a.guests, a.waitlisted) for a in rows}


def say(chat: Chat, text: str, user: str, name: str | None = None, where: str | None = GROUP):
    return chat.send(inbound(text, chat=where, user=user, name=name or user))


def tap(chat: Chat, data: str, user: str, where: str | None = GROUP):
    return chat.send(inbound(button=data, chat=where, user=user, name=user))


@pytest.fixture
def meeting(chat):
    """Meeting #1, announced by 张网格员 in g_tx1 for tomorrow 15:00, 5 seats."""
    said = say(chat, ANNOUNCE, "w_zhang", "张网格员")
    assert said.to(GROUP), "the notice went to the group"
    return said


# --- announcing -----------------------------------------------------------------------------------------


def test_the_notice_has_the_topic_the_time_with_its_weekday_the_place_and_buttons(chat, engine, meeting):
    [notice] = meeting.to(GROUP)
    assert "议题：东门停车位改造" in notice and "11月24日（周二）15:00" in notice and "社区议事厅" in notice
    assert "名额：5人" in notice and "参加 +2" in notice
    assert meeting.buttons == ["mt:1:yes", "mt:1:no", "mt:1:maybe"]
    assert all(len(data.encode()) <= 64 for data in meeting.buttons)
    assert "会议名单 1" in meeting.to("dm:w_zhang")[0], "the organiser is told privately how to go on"
    with Session(engine) as session:
        stored = session.get(Meeting, 1)
        reminders = session.exec(select(MeetingReminder.kind, MeetingReminder.due_at)).all()
    assert (stored.capacity, stored.place, stored.starts_at) == (
        5,
        "社区议事厅",
        datetime(2026, 11, 24, 15, tzinfo=LOCAL_TZ),
    )
    assert sorted(kind for kind, _ in reminders) == ["day_before", "hour_before", "nudge"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("发起会议 下周三晚上7点 社区议事厅", "12月2日（周三）19:00"),
        ("发起会议 12月5日 14:30 党群服务中心", "12月5日（周六）14:30"),
        ("/meeting 周六上午九点半 居委会二楼会议室 议题：电动车充电桩", "11月28日（周六）09:30"),
        ("发起会议 今晚八点 3号楼架空层", "11月23日（周一）20:00"),
        ("发起会议 后天下午两点 社区活动室", "11月25日（周三）14:00"),
    ],
)
def test_the_time_is_read_relative_to_now_preferring_the_future(chat, text, expected):
    said = say(chat, text, "w_zhang")
    assert expected in said.to(GROUP)[0]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("发起会议 昨天下午3点 社区议事厅", "已经过去了"),
        ("发起会议 今天上午8点 社区议事厅", "已经过去了"),  # it is 9:00
        ("发起会议 明天下午 社区议事厅", "几点"),
        ("发起会议 找个时间商量停车位", "没看懂会议时间"),
        ("发起会议 明天下午3点", "地点"),
        ("发起会议 2月30日下午3点 社区议事厅", "没有这一天"),
    ],
)
def test_an_unreadable_or_past_time_is_explained_and_nothing_is_made(chat, engine, text, words):
    said = say(chat, text, "w_zhang")
    assert said.to(GROUP) and words in said.to(GROUP)[0]
    assert count(engine, Meeting) == 0


def test_residents_cannot_announce(chat, engine):
    said = say(chat, ANNOUNCE, "r_li", "李阿姨")
    assert "只有网格员" in said.to(GROUP)[0] and count(engine, Meeting) == 0


def test_staff_of_another_community_cannot_announce_in_this_group(chat, engine):
    said = say(chat, ANNOUNCE, "w_zhao")  # 银山第一网格's worker
    assert "不负责" in said.to(GROUP)[0] and count(engine, Meeting) == 0


def test_announced_privately_it_names_its_group(chat, engine):
    asked = say(chat, "发起会议 明天下午3点 社区议事厅 议题：加装电梯", "w_zhang", where=None)
    assert "群 g_tx1" in asked.to("dm:w_zhang")[0] and count(engine, Meeting) == 0
    unknown = say(chat, "发起会议 明天下午3点 社区议事厅 群 g_nowhere", "w_zhang", where=None)
    assert "没有找到群" in unknown.to("dm:w_zhang")[0]
    said = say(chat, "发起会议 明天下午3点 社区议事厅 议题：加装电梯 群 同鑫花园1-10号楼居民群", "w_zhang", where=None)
    assert "加装电梯" in said.to(GROUP)[0] and "已发到" in said.to("dm:w_zhang")[0]


def test_one_message_never_makes_two_meetings(chat, engine):
    message = inbound(ANNOUNCE, chat=GROUP, user="w_zhang", message_id="announce-once")
    chat.send(message)
    assert chat.send(message).duplicate
    assert count(engine, Meeting) == 1


# --- answers --------------------------------------------------------------------------------------------


def test_the_issue_example(chat, engine, meeting):
    """Capacity 5: r1 参加, r2 参加 +2, r3 不参加, r4 待定, r5 我参加, r6 我也去 (waitlisted), r8 chatter,
    r1 来不了了 (r6 moves in and is told). Counts: yes 3, guests 2, no 2, maybe 1, waitlist 0."""
    say(chat, "参加", "r1")
    say(chat, "参加 +2", "r2")
    say(chat, "不参加", "r3")
    say(chat, "待定", "r4")
    say(chat, "我参加", "r5")
    waiting = say(chat, "我也去", "r6")
    assert "候补第 1 位" in waiting.to(GROUP)[0]
    chatter = say(chat, "今天天气真不错", "r8")
    assert chatter.lines == []
    freed = say(chat, "来不了了", "r1")
    assert any("r6" in line and "转为正式报名" in line for line in freed.to(GROUP))
    assert any("有空位了" in line for line in freed.to("dm:r6")), "r6 is told privately too"
    got = answers(engine)
    yes = [a for a, (answer, _, waitlisted) in got.items() if answer == "yes" and not waitlisted]
    assert sorted(yes) == ["r2", "r5", "r6"]
    assert sum(got[a][1] for a in yes) == 2
    assert sorted(a for a, v in got.items() if v[0] == "no") == ["r1", "r3"]
    assert [a for a, v in got.items() if v[0] == "maybe"] == ["r4"]
    assert not any(v[2] for v in got.values()), "nobody left waiting"
    assert count(engine, Ticket) == 0 and count(engine, ComplaintOffer) == 0


def test_answers_in_their_own_words(chat, engine, meeting):
    for user, text in [
        ("r_a", "我也去"), ("r_b", "报名"), ("r_c", "带老伴一起"), ("r_d", "请假"), ("r_e", "不去了"),
        ("r_f", "看情况"), ("r_g", "到时候再说"),
    ]:  # fmt: skip
        say(chat, text, user)
    got = answers(engine)
    assert {a: v[0] for a, v in got.items()} == {
        "r_a": "yes", "r_b": "yes", "r_c": "yes", "r_d": "no", "r_e": "no", "r_f": "maybe", "r_g": "maybe",
    }  # fmt: skip
    assert got["r_c"][1] == 1, "带老伴 is one guest"


def test_without_an_open_meeting_an_answer_is_chatter(chat, engine):
    said = say(chat, "我也去", "r_a")
    assert said.lines == [] and count(engine, MeetingAnswer) == 0


def test_a_complaint_is_still_a_complaint_while_a_meeting_is_open(chat, engine, meeting):
    said = say(chat, "报事 3号楼楼道灯坏了", "r_a")
    assert count(engine, Ticket) == 1 and count(engine, MeetingAnswer) == 0 and said.to(GROUP)


def test_a_question_about_the_meeting_is_no_answer(chat, engine, meeting):
    for text in ("几点开始？", "怎么报名养老服务", "上次那个会我去了"):
        say(chat, text, "r_q")
    assert count(engine, MeetingAnswer) == 0


def test_the_latest_answer_wins_and_a_repeat_is_confirmed_privately(chat, engine, meeting):
    say(chat, "参加", "r_a")
    repeat = say(chat, "参加", "r_a")
    assert repeat.to(GROUP) == [] and "无需重复" in repeat.to("dm:r_a")[0]
    changed = say(chat, "待定", "r_a")
    assert "已改为：待定" in changed.to(GROUP)[0]
    assert answers(engine)["r_a"] == ("maybe", 0, False)


def test_a_first_no_is_confirmed_privately_not_in_the_group(chat, meeting):
    said = say(chat, "不参加", "r_a")
    assert said.to(GROUP) == [] and "不参加" in said.to("dm:r_a")[0]


def test_solitaire_counts_the_senders_line_only(chat, engine, meeting):
    listed = "#接龙 东门停车位议事会\n1. 张三 +1\n2. 李四 +2\n3. 5号楼王阿姨 +1"
    said = say(chat, listed, "r_wang", "王阿姨")
    assert answers(engine) == {"5号楼王阿姨": ("yes", 1, False)}, "her own line's +1, not the lines above"
    assert "5号楼王阿姨" in said.to(GROUP)[0]
    with Session(engine) as session:
        assert session.exec(select(MeetingAnswer.building)).one() == 5


def test_a_solitaire_for_something_else_is_no_answer(chat, engine, meeting):
    for listed in ("#接龙 团购砂糖橘\n1. 3栋 王 2箱\n2. 5栋 李 1箱", "周六拼车去批发市场 接龙\n1. 老刘\n2. 小陈"):
        assert say(chat, listed, "r_li").lines == []
    assert answers(engine) == {}
    untitled = say(chat, "1. 张三\n2. 李四 +1", "r_li", "李四")
    titled = say(chat, "东门停车 接龙\n1. 张三\n2. 李四 +1\n3. 老赵", "r_zhao", "老赵")
    assert untitled.to(GROUP) and titled.to(GROUP), "a list named by the topic, or by nothing, is the meeting's"
    assert set(answers(engine)) == {"李四", "老赵"}


def test_a_waitlisted_party_too_big_for_the_free_seat_is_passed_over(chat, engine, meeting):
    say(chat, "参加 +3", "r_a")  # 4 of 5
    say(chat, "参加", "r_b")  # 5 of 5
    say(chat, "参加 +2", "r_c")  # waitlist 1 (a party of 3)
    say(chat, "参加", "r_d")  # waitlist 2 (one)
    said = say(chat, "来不了", "r_b")  # one seat free: r_d fits, r_c does not
    assert answers(engine)["r_d"] == ("yes", 0, False) and answers(engine)["r_c"] == ("yes", 2, True)
    assert any("转为正式报名" in line for line in said.to("dm:r_d"))


def test_more_guests_than_fit_keep_the_party_they_had(chat, engine, meeting):
    say(chat, "参加", "r_a")
    say(chat, "参加 +3", "r_b")  # 5 of 5
    said = say(chat, "参加 +4", "r_a")
    assert answers(engine)["r_a"] == ("yes", 0, False) and "仍按原来的" in said.to(GROUP)[0]


def test_with_two_meetings_an_answer_goes_to_the_soonest_unless_it_names_another(chat, engine, meeting):
    say(chat, "发起会议 后天晚上7点 社区活动室 议题：加装电梯意见征集", "w_zhang")
    say(chat, "参加", "r_a")
    say(chat, "加装电梯那个我参加", "r_b")
    say(chat, "#2 参加", "r_c")
    assert set(answers(engine, 1)) == {"r_a"}
    assert set(answers(engine, 2)) == {"r_b", "r_c"}


def test_the_buttons_answer_too(chat, engine, meeting):
    said = tap(chat, "mt:1:yes", "r_tap")
    assert answers(engine) == {"r_tap": ("yes", 0, False)} and "已报名" in said.to(GROUP)[0]
    assert not said.spent, "an answer may be changed: the buttons stay"


def test_a_button_of_another_groups_meeting_answers_nothing(chat, engine, meeting):
    tapped = tap(chat, "mt:1:yes", "r_elsewhere", where="g_tx2")
    assert "没有找到会议 #1" in tapped.tap_answer and tapped.lines == [] and answers(engine) == {}


def test_answers_close_at_the_start(chat, engine, clock, meeting):
    clock.advance(days=1, hours=6)  # Tuesday 15:00
    late = say(chat, "参加", "r_late")
    assert late.lines == [] and count(engine, MeetingAnswer) == 0, "no meeting is open: chatter"
    tapped = tap(chat, "mt:1:yes", "r_late")
    assert "已经开始或结束" in tapped.tap_answer and tapped.lines == [] and count(engine, MeetingAnswer) == 0
    assert tapped.spent, "a meeting begun: its buttons are of no use to anyone"


def test_a_worker_signs_up_someone_without_a_phone(chat, engine, meeting):
    said = say(chat, "代报名 王奶奶 +1", "w_zhang")
    assert "已为 王奶奶" in said.to(GROUP)[0]
    assert answers(engine)["王奶奶"] == ("yes", 1, False)
    listed = say(chat, "会议名单 1", "w_zhang", where=None)
    assert "王奶奶（+1，张网格员代报）" in listed.to("dm:w_zhang")[0]


# --- invited parties and organisers -------------------------------------------------------------------


def test_invited_parties_are_asked_privately_and_the_organiser_hears_back(chat, meeting):
    said = say(chat, "邀请 1 物业服务中心 孙书记 无名氏", "w_zhang", where=None)
    assert "邀请函" in said.to("dm:d_wuye")[0] and "邀请函" in said.to("dm:c_sun")[0]
    assert "没有找到 无名氏" in said.to("dm:w_zhang")[0]
    assert said.buttons.count("mt:1:yes") == 2
    answered = tap(chat, "mt:1:yes", "d_wuye", where=None)
    assert "物业服务中心 答复会议 #1：参加" in answered.to("dm:w_zhang")[0]
    in_words = say(chat, "不参加", "c_sun", where=None)
    assert "孙书记 答复会议 #1：不参加" in in_words.to("dm:w_zhang")[0]
    listed = say(chat, "会议名单", "w_zhang", where=None)
    assert "物业服务中心：参加" in listed.to("dm:w_zhang")[0] and "孙书记：不参加" in listed.to("dm:w_zhang")[0]


def test_a_party_a_five_party_talk_needs_cannot_come_and_the_organiser_is_warned(chat):
    say(chat, "发起会议 明天下午3点 社区议事厅 五方汇谈 议题：物业费", "w_zhang")
    say(chat, "邀请 物业服务中心", "w_zhang", where=None)
    said = tap(chat, "mt:1:no", "d_wuye", where=None)
    assert any("需各方到齐" in line for line in said.to("dm:w_zhang"))


def test_the_list_is_private_and_only_for_those_who_run_the_meeting(chat, meeting):
    say(chat, "参加 +1", "r_a", "李阿姨")
    in_group = say(chat, "会议名单", "w_zhang")
    assert "已私信" in in_group.to(GROUP)[0] and "李阿姨（+1）" in in_group.to("dm:w_zhang")[0]
    other = say(chat, "会议名单 1", "w_zhao", where=None)
    assert "只有会议 #1 的发起人" in other.to("dm:w_zhao")[0]
    head = say(chat, "会议名单 1", "w_wang", where=None)
    assert "李阿姨" in head.to("dm:w_wang")[0], "the grid head may read it"


def test_cancelling_tells_the_group_and_everyone_coming_or_unsure(chat, engine, meeting):
    say(chat, "参加", "r_a")
    say(chat, "待定", "r_b")
    say(chat, "不参加", "r_c")
    said = say(chat, "取消会议 1", "w_zhang", where=None)
    assert "已取消" in said.to(GROUP)[0]
    assert said.to("dm:r_a") and said.to("dm:r_b") and not said.to("dm:r_c")
    after = say(chat, "参加", "r_d")
    assert after.lines == [], "a cancelled meeting takes no answers"
    with Session(engine) as session:
        assert {r.outcome for r in session.exec(select(MeetingReminder))} == {"dropped"}


def test_an_organiser_acting_in_the_group_is_answered_privately_and_the_group_hears_only_the_change(chat, meeting):
    say(chat, "参加", "r_a")
    invited = say(chat, "邀请 物业服务中心", "w_zhang")
    assert not invited.to(GROUP) and "物业服务中心" in invited.to("dm:w_zhang")[0]
    moved = say(chat, "修改会议 地点 社区活动室", "w_zhang")
    assert [line for line in moved.to(GROUP) if "私信告知" in line] == []
    assert "私信告知 2 位" in moved.to("dm:w_zhang")[0], "r_a, and 物业服务中心 invited and yet to answer"
    cancelled = say(chat, "取消会议 1", "w_zhang")
    assert len(cancelled.to(GROUP)) == 1 and "已取消" in cancelled.to(GROUP)[0]
    assert "私信告知 2 位" in cancelled.to("dm:w_zhang")[0]


def test_changing_the_time_tells_the_same_people_and_moves_the_reminders(chat, engine, meeting):
    say(chat, "参加", "r_a")
    said = say(chat, "修改会议 时间 后天下午4点", "w_zhang", where=None)
    assert "11月25日（周三）16:00" in said.to(GROUP)[0] and said.to("dm:r_a")
    with Session(engine) as session:
        hour_before = session.exec(select(MeetingReminder).where(MeetingReminder.kind == "hour_before")).one()
    assert hour_before.due_at == datetime(2026, 11, 25, 15, tzinfo=LOCAL_TZ), "an hour before Wednesday 16:00"


def test_changing_the_place_and_the_capacity(chat, engine, meeting):
    for user in ("r_a", "r_b", "r_c", "r_d", "r_e", "r_f"):
        say(chat, "参加", user)
    assert answers(engine)["r_f"][2], "the sixth waits"
    moved = say(chat, "修改会议 1 地点 社区活动室", "w_zhang", where=None)
    assert "社区议事厅 → 社区活动室" in moved.to(GROUP)[0]
    bigger = say(chat, "修改会议 1 名额 10", "w_zhang", where=None)
    assert any("r_f" in line and "转为正式报名" in line for line in bigger.to(GROUP))
    assert not answers(engine)["r_f"][2]


def test_organisers_commands_need_an_organiser(chat, engine, meeting):
    said = say(chat, "取消会议 1", "w_zhao", where=None)
    assert "只有会议 #1 的发起人" in said.to("dm:w_zhao")[0]
    assert "没有找到会议 #9" in say(chat, "取消会议 9", "w_zhang", where=None).to("dm:w_zhang")[0]


# --- reminders ------------------------------------------------------------------------------------------


def reminded(chat: Chat, engine, words: str) -> set[str]:
    from storage.models import WebchatMessage

    with Session(engine) as session:
        return {c for c, t in session.exec(select(WebchatMessage.chat, WebchatMessage.text)) if words in t}


async def test_reminders_are_sent_once_at_their_time(chat, engine, clock, meeting):
    say(chat, "参加 +1", "r_a")
    say(chat, "待定", "r_b")
    say(chat, "邀请 物业服务中心 孙书记", "w_zhang", where=None)
    tap(chat, "mt:1:yes", "d_wuye", where=None)
    assert await remind_of_meetings(chat.services) == 0, "before: nothing is due"
    clock.advance(hours=6)  # Monday 15:00, 24 hours before
    assert await remind_of_meetings(chat.services) == 3, "r_a, 物业服务中心, and a nudge for 孙书记"
    assert reminded(chat, engine, "明天开") == {"dm:r_a", "dm:d_wuye", "dm:c_sun"}
    assert await remind_of_meetings(chat.services) == 0, "once"
    clock.advance(hours=23)  # Tuesday 14:00, an hour before
    assert await remind_of_meetings(chat.services) == 2
    assert reminded(chat, engine, "快开") == {"dm:r_a", "dm:d_wuye"}


async def test_a_reminder_missed_while_the_bot_was_down_is_sent_within_the_hour(engine, clock):
    first = Chat(engine, clock)
    say(first, ANNOUNCE, "w_zhang")
    say(first, "参加", "r_a")
    first.close()  # the bot stops
    clock.advance(hours=6, minutes=40)  # 40 minutes after the day-before reminder was due
    again = Chat(engine, clock)  # and comes back
    try:
        assert await remind_of_meetings(again.services) == 1
    finally:
        again.close()


async def test_a_reminder_missed_by_more_than_an_hour_is_skipped_and_logged(engine, clock, caplog):
    first = Chat(engine, clock)
    say(first, ANNOUNCE, "w_zhang")
    say(first, "参加", "r_a")
    first.close()
    clock.advance(hours=8)  # two hours after the day-before reminder
    again = Chat(engine, clock)
    caplog.set_level(logging.WARNING)
    try:
        assert await remind_of_meetings(again.services) == 0
    finally:
        again.close()
    assert any("day_before of meeting #1" in r.getMessage() and "skipped" in r.getMessage() for r in caplog.records)
    with Session(engine) as session:
        outcome = session.exec(select(MeetingReminder.outcome).where(MeetingReminder.kind == "day_before")).one()
    assert outcome == "skipped"


async def test_a_meeting_moved_later_is_reminded_of_again(chat, engine, clock, meeting):
    say(chat, "参加", "r_a")
    clock.advance(hours=6)
    assert await remind_of_meetings(chat.services) == 1
    say(chat, "修改会议 1 时间 12月1日下午3点", "w_zhang", where=None)
    assert await remind_of_meetings(chat.services) == 0
    clock.advance(days=7)  # Monday 30 November, 15:00
    assert await remind_of_meetings(chat.services) == 1


async def test_a_meeting_moved_by_half_an_hour_is_not_reminded_of_twice(chat, engine, clock, meeting):
    say(chat, "参加", "r_a")
    clock.advance(hours=6)  # the day-before reminder goes
    assert await remind_of_meetings(chat.services) == 1
    moved = say(chat, "修改会议 1 时间 明天下午3点半", "w_zhang", where=None)
    assert moved.to("dm:r_a"), "told of the change instead"
    clock.advance(minutes=40)
    assert await remind_of_meetings(chat.services) == 0


# --- what the first review found ------------------------------------------------------------------------


def test_a_solitaire_passed_on_without_ones_own_line_signs_nobody_up(chat, engine, meeting):
    say(chat, "#接龙 东门停车位议事会\n1. 李阿姨 +1\n2. 老赵 +1", "r_zhao", "老赵")
    passed_on = say(chat, "#接龙 东门停车位议事会\n1. 李阿姨 +1\n2. 老赵 +1", "r_sun", "孙阿姨")
    assert not passed_on.to(GROUP) and "您自己的一行" in passed_on.to("dm:r_sun")[0]
    assert answers(engine) == {"老赵": ("yes", 1, False)}
    added = say(chat, "#接龙 东门停车位议事会\n1. 李阿姨 +1\n2. 老赵 +1\n3. 孙阿姨", "r_sun", "孙阿姨")
    assert added.to(GROUP) and answers(engine)["孙阿姨"] == ("yes", 0, False)


@pytest.mark.parametrize(
    "words", ["会议名单", "取消会议 1", "代报名 王奶奶", "邀请 物业服务中心", "修改会议 地点 广场"]
)
def test_an_organisers_command_from_a_resident_is_refused_and_never_an_answer(chat, engine, meeting, words):
    said = say(chat, words, "r_a")
    assert not said.to(GROUP) and "只有会议的组织者" in said.to("dm:r_a")[0]
    assert answers(engine) == {}


def test_signing_up_for_someone_reads_guests_after_the_name_and_keeps_a_building_number(chat, engine, meeting):
    say(chat, "代报名 李爷爷 带老伴", "w_zhang")
    say(chat, "代报名 5号楼王奶奶 +1", "w_zhang")
    assert answers(engine) == {"李爷爷": ("yes", 1, False), "5号楼王奶奶": ("yes", 1, False)}


def test_a_bare_plus_one_is_me_too_and_brings_nobody(chat, engine, meeting):
    say(chat, "+1", "r_a", "阿")
    say(chat, "参加 +1", "r_b", "贝")
    assert answers(engine) == {"阿": ("yes", 0, False), "贝": ("yes", 1, False)}


@pytest.mark.parametrize("text", ["＋１", "额也+1", "👍+1"])
def test_a_plus_one_in_any_width_or_speech_is_a_yes_to_the_open_meeting(chat, engine, meeting, text):
    say(chat, text, "r_a", "阿")
    assert answers(engine) == {"阿": ("yes", 0, False)}


def test_a_plus_one_from_someone_coming_with_guests_keeps_them(chat, engine, meeting):
    say(chat, "参加 +2", "r_a", "阿")
    say(chat, "+1", "r_a", "阿")
    assert answers(engine) == {"阿": ("yes", 2, False)}


def test_a_bare_plus_one_with_no_meeting_open_is_talk_and_gets_no_answer_nor_offer(chat, engine):
    said = say(chat, "+1", "r_a", "阿")
    assert not said.to(GROUP) and not said.to("dm:r_a")
    assert count(engine, MeetingAnswer) == 0 and count(engine, ComplaintOffer) == 0


def test_someone_waiting_who_answers_again_is_told_their_place(chat, meeting):
    for user in ("r_a", "r_b", "r_c", "r_d", "r_e", "r_f"):
        say(chat, "参加", user)
    again = say(chat, "参加", "r_f")
    assert "候补名单上（第 1 位）" in again.to("dm:r_f")[0]


def test_invited_parties_who_never_answered_hear_of_a_cancellation(chat, meeting):
    say(chat, "邀请 物业服务中心 孙书记", "w_zhang", where=None)
    tap(chat, "mt:1:no", "d_wuye", where=None)
    cancelled = say(chat, "取消会议 1", "w_zhang", where=None)
    assert cancelled.to("dm:c_sun") and not cancelled.to("dm:d_wuye"), "told: who may come; not: who said no"


def test_midnight_is_shown_as_the_end_of_the_day_residents_named():
    from handlers.meetings.texts import when

    assert when(datetime(2026, 11, 28, 0, 0, tzinfo=LOCAL_TZ)) == "11月27日（周五）24:00"  # 周五晚上12点
    assert when(datetime(2026, 11, 28, 0, 30, tzinfo=LOCAL_TZ)) == "11月28日（周六）00:30"
    assert when(datetime(2026, 12, 3, 15, 0, tzinfo=LOCAL_TZ)) == "12月3日（周四）15:00"


@pytest.mark.parametrize("question", ["几点开始来着 在哪个活动室", "在哪开会啊", "几点来着"])
def test_asked_when_or_where_the_meeting_is_the_group_is_told(chat, engine, meeting, question):
    """A newcomer's (stop 37): the bot knew the time and the place and said nothing."""
    said = say(chat, question, "r_liayi", "李阿姨")
    [reply] = said.to(GROUP)
    assert reply.startswith("会议 #1「东门停车位改造」：时间 ") and "地点 社区议事厅" in reply
    assert count(engine, MeetingAnswer) == 0, "a question is no answer"


def test_a_question_about_something_else_is_not_answered_with_the_meeting(chat, engine, meeting):
    said = say(chat, "明天几点停水啊", "r_liayi", "李阿姨")
    assert not any(text.startswith("会议 #1") for text in said.to(GROUP))


def test_whether_a_group_has_an_open_meeting_is_asked_as_the_meetings_themselves_are(engine):
    """any_open_in, straight to the driver for the many messages that ask it, agrees with open_in: the group's own
    meetings still taking answers and starting after now (not at it), on SQLite and PostgreSQL alike."""
    from datetime import timedelta

    from storage.database import Database

    now = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    database = Database(engine)
    with database.unit() as store:
        store.meetings.add(
            Meeting(
                chat="g_tx1",
                organiser_id="w_zhang",
                topic="议事会",
                starts_at=now,
                place="活动室",
                source_key="test:1",
                created_at=now,
                updated_at=now,
            )
        )
    with database.unit() as store:
        assert not store.meetings.any_open_in("g_tx1", now) and store.meetings.open_in("g_tx1", now) == []
        earlier = now - timedelta(microseconds=1)
        assert store.meetings.any_open_in("g_tx1", earlier) and len(store.meetings.open_in("g_tx1", earlier)) == 1
        assert not store.meetings.any_open_in("g_tx2", earlier)
