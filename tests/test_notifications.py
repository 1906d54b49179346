"""Who is told what when a ticket changes: one module decides, from the events the ticket service returns.
Plain functions of an event, the roster and where the change was made: no database, no server."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.messages import Here
from handlers.tickets.assign import Assignment
from handlers.tickets.events import Accepted, Opened, Reopened, Resolved, Transferred
from handlers.tickets.notifications import messages_for
from storage.repositories.tickets import TicketSnapshot
from tests.factories import START, roster_of

GROUP = Here("g_tx1", "webchat", is_group=True)
WORKER_DM = Here("dm:w_zhang", "webchat", is_group=False)


@pytest.fixture
def roster(engine):
    return roster_of(engine)


def ticket(**changes) -> TicketSnapshot:
    base = TicketSnapshot(
        id=7, status="open", category="lighting", building=3, unit=2, room=None, urgent=False, hazard=None,
        private=False, text="楼道灯坏了",
        chat="g_tx1", platform="webchat", compound_id=1, community_id=1, grid_id=1, reporter_id="r_a",
        assignee_id="w_zhang", source_key="k", created_at=START, updated_at=START,
    )  # fmt: skip
    return replace(base, **changes)


def to(messages, who: str) -> list[str]:
    return [m.text for m in messages if who in (m.person, m.chat)]


def opened(t: TicketSnapshot) -> Opened:
    return Opened(t, "r_a", Assignment("w_zhang", 1, 1, 1), "李阿姨", "同鑫花园1-10号楼居民群")


def test_a_new_ticket_tells_the_group_the_reporter_and_the_worker_and_the_group_never_who(roster):
    out = messages_for([opened(ticket())], roster, GROUP)
    [group] = to(out, "g_tx1")
    assert "#7（照明）" in group and "李阿姨" not in group
    assert to(out, "r_a") and "反映人 李阿姨" in to(out, "w_zhang")[0]
    assert to(out, "w_wang") == [], "the head hears of routine tickets through the worker"


def test_an_urgent_ticket_reaches_the_grid_head_too(roster):
    out = messages_for([opened(ticket(urgent=True, hazard="gas", category="power_gas"))], roster, GROUP)
    assert "紧急" in to(out, "w_wang")[0]
    [group] = to(out, "g_tx1")
    assert "已通知同鑫第一网格 张网格员、同鑫第一网格 王网格长" in group and "正在赶来" not in group
    assert "开窗通风" in group, "one line of safety advice for a gas smell"


def test_a_possible_dispute_is_announced_with_its_number_only(roster):
    for private in (ticket(category="dispute", private=True), ticket(category="noise", private=True, urgent=True)):
        [group] = to(messages_for([opened(private)], roster, GROUP), "g_tx1")
        assert group == "已登记为工单 #7。相关情况由工作人员私下跟进，不在群内公开。"


def test_the_group_hears_when_someone_accepts_an_urgent_ticket(roster):
    urgent = ticket(urgent=True, hazard="fire", category="fire_safety")
    assert to(messages_for([Accepted(urgent, "w_zhang")], roster, WORKER_DM), "g_tx1") == [
        "工单 #7 已由同鑫第一网格 张网格员接单，正在赶来处理。"
    ]
    assert to(messages_for([Accepted(ticket(), "w_zhang")], roster, WORKER_DM), "g_tx1") == []
    quiet = ticket(urgent=True, private=True, category="dispute")
    assert to(messages_for([Accepted(quiet, "w_zhang")], roster, WORKER_DM), "g_tx1") == []


def test_someone_else_acting_tells_the_assignee(roster):
    out = messages_for([Accepted(ticket(), "w_wang")], roster, Here("dm:w_wang", "webchat", False))
    assert "已由同鑫第一网格 王网格长接单" in to(out, "w_zhang")[0]
    assert to(messages_for([Accepted(ticket(), "w_zhang")], roster, WORKER_DM), "w_zhang") == []


def test_resolving_asks_the_reporter_to_rate_and_tells_the_group_once(roster):
    out = messages_for([Resolved(ticket(status="resolved"), "w_zhang", "换了灯泡")], roster, WORKER_DM)
    [rating] = [m for m in out if m.person == "r_a"]
    assert [b.label for b in rating.buttons] == ["满意", "不满意"]
    [group] = [m for m in out if m.chat == "g_tx1"]
    assert group.text == "工单 #7（照明）已办结。" and group.once == "ticket-done:7" and group.platform == "webchat"


def test_a_reopened_ticket_goes_back_to_the_worker_and_the_head(roster):
    out = messages_for([Reopened(ticket(), "r_a")], roster, Here("dm:r_a", "webchat", False))
    assert to(out, "w_zhang") and to(out, "w_wang") and to(out, "dm:r_a")


def test_a_transfer_tells_the_new_and_the_previous_assignee_and_the_reporter(roster):
    moved = Transferred(ticket(assignee_id="w_li"), "w_wang", previous="w_zhang", to="w_li")
    out = messages_for([moved], roster, Here("dm:w_wang", "webchat", False))
    assert to(out, "w_li") and to(out, "w_zhang") and to(out, "r_a") and to(out, "dm:w_wang")
