"""Broadcast campaigns on a fixed clock: the admin API, schedules, quiet hours, holidays, rotation, misfires,
a restart across a fire time, failures and retries, acknowledgements. The campaigns job is called by hand
(`run_campaigns`) as the scheduler would, after the clock is moved."""

from __future__ import annotations

import logging
from datetime import datetime

import pytest
from sqlmodel import Session, select

from bot.clock import LOCAL_TZ, FixedClock
from bot.config import Settings
from bot.wiring import build_app, build_services
from handlers.campaigns.library import libraries
from scheduler.jobs import run_campaigns
from storage.models import CampaignOccurrence, WebchatMessage
from tests.conftest import Bot

TOKEN = "campaign-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TONGXIN = ["g_tx1", "g_tx2", "g_txall"]  # the three groups of 同鑫社区 in the demo roster


def at(day: int, hour: int, minute: int = 0, month: int = 11, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LOCAL_TZ)


@pytest.fixture
def settings() -> Settings:
    return Settings(admin_token=TOKEN)


async def create(bot: Bot, status: int = 201, **fields) -> dict:
    body = {"name": "同鑫反诈", "library": "anti_fraud", "targets": ["community:同鑫社区"], **fields}
    response = await bot.client.post("/api/campaigns", json=body, headers=AUTH)
    assert response.status == status, await response.text()
    return await response.json()


async def get(bot: Bot, path: str, status: int = 200) -> dict:
    response = await bot.client.get(path, headers=AUTH)
    assert response.status == status, await response.text()
    return await response.json()


def notices(engine, chat: str | None = None) -> list[WebchatMessage]:
    """What the bot said in groups of the web chat that came from a campaign (【…】 or an own text's words)."""
    with Session(engine) as session:
        query = select(WebchatMessage).where(WebchatMessage.user == "bot").order_by(WebchatMessage.seq)
        rows = [m for m in session.exec(query) if not m.chat.startswith("dm:")]
    return [m for m in rows if chat is None or m.chat == chat]


def occurrences(engine) -> list[CampaignOccurrence]:
    with Session(engine) as session:
        return list(session.exec(select(CampaignOccurrence).order_by(CampaignOccurrence.id)))


# --- creating, and refusing bad input -------------------------------------------------------------


async def test_a_campaign_one_minute_ahead_reaches_each_group_once_with_its_own_worker(bot, engine, clock):
    made = await create(bot, schedule={"at": "2026-11-23T09:01:00+08:00"})
    assert made["next_run"] == "2026-11-23T09:01:00+08:00" and made["deliveries"] == {
        "sent": 0, "failed": 0, "pending": 0, "acknowledged": 0
    }  # fmt: skip
    assert await run_campaigns(bot.services) == 0, "not yet"
    clock.advance(minutes=1)
    assert await run_campaigns(bot.services) == 3
    sent = {m.chat: m.text for m in notices(engine)}
    assert sorted(sent) == TONGXIN
    assert sent["g_tx1"].startswith("【反诈防骗】") and "本群网格员张网格员" in sent["g_tx1"]
    assert "本群网格员李网格员" in sent["g_tx2"] and "同鑫社区提醒您" in sent["g_tx2"]
    assert "联系社区孙书记" in sent["g_txall"] and "网格员孙书记" not in sent["g_txall"], "the community's group"
    assert "{" not in "".join(sent.values()), "every placeholder filled"
    assert await run_campaigns(bot.services) == 0, "an occurrence is fired once"
    shown = await get(bot, f"/api/campaigns/{made['id']}")
    assert shown["deliveries"] == {"sent": 3, "failed": 0, "pending": 0, "acknowledged": 0}
    assert shown["next_run"] is None, "a one-off has no next run"
    preview = await get(bot, f"/api/campaigns/{made['id']}/preview")
    assert preview["next_run"] is None and preview["as_read_in"] == "g_tx1"


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"targets": ["community:不存在社区"]}, "已有的社区：同鑫社区、银山社区"),
        ({"targets": ["楼栋:3"]}, "没有这个发送对象"),
        ({"schedule": {"cron": "0 25 * * *"}}, "cron 表达式无效"),
        ({"schedule": {"cron": "每周一"}}, "cron 表达式无效"),
        ({"schedule": {"at": "2026-11-22T10:00:00+08:00"}}, "已经过去了"),
        ({"schedule": {"at": "下周一"}}, "看不懂这个时间"),
        ({"library": None, "text": "   "}, "不能为空"),
        ({"library": "anti_scam"}, "没有这个通知库"),
        ({"library": None, "text": "请{name}注意"}, "占位符"),
        ({"library": None}, "二选一"),
        ({"text": "两个都写"}, "二选一"),
        ({"respect_quiet_hours": "no"}, "true 或 false"),
        ({"priority": 1}, "不认识的字段"),
        ({"name": ""}, "名字"),
    ],
)
async def test_bad_input_is_a_400_with_the_reason_and_creates_nothing(bot, fields, words):
    body = {"schedule": {"cron": "0 10 * * MON"}, **fields}
    body = {k: v for k, v in body.items() if v is not None} | {k: None for k, v in fields.items() if v is None}
    made = await create(bot, status=400, **{k: v for k, v in body.items()})
    assert words in made["error"]
    assert (await get(bot, "/api/campaigns"))["campaigns"] == []


async def test_without_the_token_every_call_is_refused(bot):
    made = await create(bot, schedule={"cron": "0 10 * * MON"})
    for method, path in [("GET", "/api/campaigns"), ("POST", "/api/campaigns"), ("GET", f"/api/campaigns/{made['id']}"),
                         ("POST", f"/api/campaigns/{made['id']}/pause"), ("DELETE", f"/api/campaigns/{made['id']}"),
                         ("GET", f"/api/campaigns/{made['id']}/deliveries")]:  # fmt: skip
        response = await bot.client.request(method, path, json={} if method == "POST" else None)
        assert response.status == 401, (method, path)


class TestWithoutAnAdminToken:
    @pytest.fixture
    def settings(self) -> Settings:
        return Settings()

    async def test_the_api_is_closed_and_says_how_to_open_it(self, bot):
        response = await bot.client.get("/api/campaigns")
        assert response.status == 401 and "ADMIN_TOKEN" in (await response.json())["error"]
        response = await bot.client.post("/api/campaigns", json={"name": "x"})
        assert response.status == 401


# --- schedules, quiet hours, holidays ---------------------------------------------------------------


async def test_cron_repeats_in_china_time_and_a_numeric_weekday_counts_from_sunday(bot):
    monday = await create(bot, schedule={"cron": "0 10 * * MON"})
    assert monday["next_run"] == "2026-11-23T10:00:00+08:00"
    also_monday = await create(bot, schedule={"cron": "0 10 * * 1"})
    assert also_monday["next_run"] == "2026-11-23T10:00:00+08:00", "crontab's 1 is Monday, as in crontab(5)"
    sunday = await create(bot, schedule={"cron": "0 10 * * 0"})
    assert sunday["next_run"] == "2026-11-29T10:00:00+08:00"


async def test_quiet_hours_defer_to_eight_unless_it_is_an_emergency(bot, engine, clock):
    late = await create(bot, schedule={"at": "2026-11-23T22:30:00+08:00"})
    assert late["next_run"] == "2026-11-24T08:00:00+08:00"
    urgent = await create(bot, schedule={"at": "2026-11-23T22:30:00+08:00"}, respect_quiet_hours=False,
                          library=None, text="今晚停气抢修，请关好燃气阀门。")  # fmt: skip
    assert urgent["next_run"] == "2026-11-23T22:30:00+08:00"
    clock.advance(hours=13, minutes=30)  # 22:30
    await run_campaigns(bot.services)
    assert [m.text for m in notices(engine, "g_tx1")] == ["今晚停气抢修，请关好燃气阀门。"]
    clock.advance(hours=9, minutes=30)  # 08:00 the next morning
    await run_campaigns(bot.services)
    assert len(notices(engine, "g_tx1")) == 2


async def test_days_off_are_skipped_by_the_working_calendar(bot, engine, clock):
    clock.advance(days=3)  # Thursday 26 November
    made = await create(bot, schedule={"cron": "0 10 * * *"}, skip_holidays=True)
    assert made["next_run"] == "2026-11-26T10:00:00+08:00"
    clock.advance(days=2, hours=1)  # Saturday 28 November, 10:00: a day off
    await run_campaigns(bot.services)
    skipped = [o for o in occurrences(engine) if o.outcome == "skipped"]
    assert [o.reason for o in skipped] == ["late", "late", "holiday"], "Thursday and Friday missed while stopped"
    assert (await get(bot, f"/api/campaigns/{made['id']}"))["next_run"] == "2026-11-30T10:00:00+08:00"


async def test_national_day_is_skipped_and_a_working_weekend_is_not(bot, engine):
    bot.clock._now = at(29, 12, month=9)  # Tuesday 29 September 2026
    made = await create(bot, schedule={"cron": "0 10 * * *"}, skip_holidays=True)
    assert made["next_run"] == "2026-09-30T10:00:00+08:00"
    bot.clock._now = at(30, 11, month=9)
    await run_campaigns(bot.services)
    # 1–7 October are the National Day holiday; Saturday 10 October 2026 is a working day (调休).
    assert (await get(bot, f"/api/campaigns/{made['id']}"))["next_run"] == "2026-10-08T10:00:00+08:00"
    bot.clock._now = at(9, 11, month=10)
    await run_campaigns(bot.services)
    assert (await get(bot, f"/api/campaigns/{made['id']}"))["next_run"] == "2026-10-10T10:00:00+08:00"


async def test_a_year_the_calendar_does_not_know_falls_back_to_weekdays_with_a_warning(bot, caplog, monkeypatch):
    monkeypatch.setattr("handlers.campaigns.schedule._warned_years", set())  # warned once a process: as if new
    bot.clock._now = at(30, 12, month=12, year=2027)  # Thursday 30 December 2027
    with caplog.at_level(logging.WARNING, logger="handlers.campaigns.schedule"):
        made = await create(bot, schedule={"cron": "0 10 1 * *"}, skip_holidays=True)
    assert made["next_run"] == "2028-02-01T10:00:00+08:00", "Saturday 1 January 2028 is skipped as a weekend"
    assert "does not know 2028" in caplog.text


# --- rotation -------------------------------------------------------------------------------------


async def test_a_library_rotates_through_every_notice_in_season_first(bot, engine, clock):
    clock._now = at(1, 10, month=12)  # December: winter's notices are in season, summer's are not
    await create(bot, library="fire_safety", schedule={"cron": "0 11 * * *"}, targets=["group:g_tx1"])
    library = libraries()["fire_safety"]
    sent = []
    clock.advance(hours=1)
    for _ in range(len(library.notices) + 1):
        await run_campaigns(bot.services)
        sent.append(occurrences(engine)[-1].item_key)
        clock.advance(days=1)
    assert len(notices(engine, "g_tx1")) == len(library.notices) + 1
    first_round, again = sent[:-1], sent[-1]
    assert sorted(first_round) == sorted(n.key for n in library.notices), "each once before any repeats"
    seasons = [library_notice(library, key).season_rank(12) for key in first_round]
    assert seasons == sorted(seasons), "in season, then all year, then out of season"
    assert first_round[-1] == "summer_power" and again == first_round[0]


def library_notice(library, key):
    return next(n for n in library.notices if n.key == key)


# --- missed occurrences and restarts -------------------------------------------------------------


async def test_one_missed_while_down_goes_out_once_if_under_an_hour_late(bot, engine, clock):
    await create(bot, schedule={"at": "2026-11-23T09:30:00+08:00"})
    clock.advance(minutes=75)  # the bot was down from 09:00 to 10:15: 45 minutes late
    assert await run_campaigns(bot.services) == 3
    assert [o.outcome for o in occurrences(engine)] == ["enqueued"]


async def test_one_missed_by_more_than_an_hour_is_skipped_and_logged(bot, engine, clock, caplog):
    await create(bot, schedule={"cron": "30 9 * * *"})
    clock.advance(minutes=120)  # 11:00: 90 minutes late
    with caplog.at_level(logging.WARNING):
        assert await run_campaigns(bot.services) == 0
    assert [(o.outcome, o.reason) for o in occurrences(engine)] == [("skipped", "late")]
    assert "skipped (late)" in caplog.text and notices(engine) == []
    clock.advance(days=1, minutes=-90)  # 09:30 the next day: the next one goes
    assert await run_campaigns(bot.services) == 3


async def test_stopped_across_the_fire_time_and_restarted_each_group_gets_it_exactly_once(
    engine, clock, aiohttp_client, settings
):
    first = build_services(settings, engine, clock)
    client = await aiohttp_client(build_app(settings, first, with_scheduler=False))
    bot = Bot(client, first, clock, auth=AUTH)
    await create(bot, schedule={"at": "2026-11-23T09:05:00+08:00"})
    await run_campaigns(first)  # 09:00: not yet
    await client.close()  # the bot stops at 09:00 …
    clock.advance(minutes=20)  # … and comes back at 09:20
    second = build_services(settings, engine, clock)
    try:
        await run_campaigns(second)
        await run_campaigns(second)
    finally:
        second.close()
    third = build_services(settings, engine, clock)  # and once more, later
    try:
        clock.advance(minutes=5)
        await run_campaigns(third)
    finally:
        third.close()
    assert sorted(m.chat for m in notices(engine)) == TONGXIN


# --- figures, acknowledgements, pause, resume, remove, preview ------------------------------------


async def test_acknowledgements_within_twelve_hours_count_and_get_no_answer(bot, engine, clock):
    made = await create(bot, schedule={"at": "2026-11-23T09:01:00+08:00"})
    clock.advance(minutes=1)
    await run_campaigns(bot.services)
    reply = await bot.say("g_tx1", "r_li", "收到👍", "李阿姨")
    assert reply["replies"] == [], "nothing said back to the group"
    await bot.say("g_tx1", "r_wang", "已读", "王大爷")
    clock.advance(hours=13)
    await bot.say("g_tx2", "r_zhao", "好的", "赵姐")  # too late to count
    figures = (await get(bot, f"/api/campaigns/{made['id']}"))["deliveries"]
    assert figures == {"sent": 3, "failed": 0, "pending": 0, "acknowledged": 1}
    listed = await get(bot, f"/api/campaigns/{made['id']}/deliveries")
    assert {g["chat"]: g["acknowledged"] for g in listed["groups"]} == {"g_tx1": True, "g_tx2": False,
                                                                         "g_txall": False}  # fmt: skip


async def test_an_acknowledgement_word_with_no_notice_is_chatter(bot):
    reply = await bot.say("g_tx1", "r_li", "收到")
    assert reply["replies"] == []
    with Session(bot.services.engine) as session:
        assert session.exec(select(CampaignOccurrence)).all() == []


async def test_pause_resume_remove_and_preview(bot, engine, clock):
    made = await create(bot, schedule={"cron": "0 10 * * *"}, targets=["tag:老旧小区"])
    preview = await get(bot, f"/api/campaigns/{made['id']}/preview")
    assert [g["id"] for g in preview["groups"]] == ["g_tx2", "g_ys"] and preview["title"]
    assert "本群网格员李网格员" in preview["text"]
    paused = await bot.client.post(f"/api/campaigns/{made['id']}/pause", headers=AUTH)
    assert (await paused.json())["paused"] is True
    clock.advance(days=2)  # two days pass while paused
    await run_campaigns(bot.services)
    assert notices(engine) == []
    resumed = await (await bot.client.post(f"/api/campaigns/{made['id']}/resume", headers=AUTH)).json()
    assert resumed["next_run"] == "2026-11-25T10:00:00+08:00", "going on from now, nothing sent late"
    removed = await bot.client.delete(f"/api/campaigns/{made['id']}", headers=AUTH)
    assert removed.status == 200
    await get(bot, f"/api/campaigns/{made['id']}", status=404)
    assert (await get(bot, "/api/campaigns"))["campaigns"] == []


@pytest.mark.parametrize(
    ("targets", "groups"),
    [
        (["street"], ["g_hp", "g_tx1", "g_tx2", "g_txall", "g_ys", "g_ysall"]),
        (["grid:同鑫第一网格"], ["g_tx1"]),
        (["group:g_hp", "tag:电动车多"], ["g_hp", "g_tx1", "g_tx2"]),
        (["community:银山社区"], ["g_hp", "g_ys", "g_ysall"]),
    ],
)
async def test_targets(bot, targets, groups):
    made = await create(bot, schedule={"cron": "0 10 * * *"}, targets=targets)
    preview = await get(bot, f"/api/campaigns/{made['id']}/preview")
    assert [g["id"] for g in preview["groups"]] == groups


def test_the_libraries_have_a_dozen_notices_each_in_plain_length():
    for key in ("anti_fraud", "fire_safety"):
        library = libraries()[key]
        assert len(library.notices) >= 12
        for notice in library.notices:
            filled = notice.text.replace("{community}", "同鑫社区").replace("{grid_worker}", "张网格员")
            assert len(filled) <= 300 and "{community}" in notice.text and "{grid_worker}" in notice.text
    fraud = "".join(n.text for n in libraries()["anti_fraud"].notices)
    assert all(number in fraud for number in ("110", "96110", "国家反诈中心"))
    assert "119" in "".join(n.text for n in libraries()["fire_safety"].notices)


def test_a_fixed_clock_is_what_the_service_reads():
    assert FixedClock(at(23, 9)).now() == at(23, 9)
