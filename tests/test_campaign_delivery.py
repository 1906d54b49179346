"""Campaign notices to Telegram groups through the stand-in Bot API: one group failing never stops the others,
failures are recorded with their reason and retried alone, the platform's pace is kept (really, on the wall
clock, with the stand-in refusing what is too fast), and rate limits shared through Redis hold for two
instances together."""

from __future__ import annotations

import os
import time
import uuid

import pytest
import redis.asyncio as redis
from sqlmodel import Session, select

from bot.channels.telegram import LIMITS
from bot.clock import SystemClock
from bot.config import Settings, TelegramSettings
from bot.outbox.limits import RateLimits, RedisBuckets
from bot.wiring import build_app, build_services
from scheduler.jobs import run_campaigns
from storage.models import OutboxMessage
from storage.roster import import_roster
from storage.roster_parse import load_roster
from tests.factories import many_groups_roster
from tests.fakes.telegram_api import running_fake_telegram

TOKEN = "campaign-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TX1, TX2 = -1001000000001, -1001000000002  # g_tx1 and g_tx2 on Telegram in the demo roster
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")  # a database of its own


def telegram_settings(fake) -> Settings:
    webhook = TelegramSettings(fake.token, fake.base_url, "https://bot.example.org/telegram/webhook", "s3cret")
    return Settings(admin_token=TOKEN, telegram=webhook)


@pytest.fixture
async def fake():
    async with running_fake_telegram() as fake:
        yield fake


@pytest.fixture
async def strict_fake():
    async with running_fake_telegram(enforce_limits=True) as fake:
        yield fake


async def start(engine, clock, fake, aiohttp_client):
    settings = telegram_settings(fake)
    services = build_services(settings, engine, clock)
    client = await aiohttp_client(build_app(settings, services, with_scheduler=False))
    return client, services


async def test_one_group_failing_stops_no_other_and_only_it_is_retried(engine, clock, fake, aiohttp_client):
    if True:
        client, services = await start(engine, clock, fake, aiohttp_client)
        body = {"name": "同鑫反诈", "library": "anti_fraud", "targets": ["community:同鑫社区"],
                "schedule": {"at": "2026-11-23T09:01:00+08:00"}}  # fmt: skip
        made = await (await client.post("/api/campaigns", json=body, headers=AUTH)).json()
        fake.fail_next("sendMessage", TX1, error_code=400, description="Bad Request: chat not found", times=20)
        clock.advance(minutes=1)
        await run_campaigns(services)
        delivery = services.deliverers[0]
        await delivery.drain()
        assert [m["chat_id"] for m in fake.sent_messages()] == [TX2], "the other group got it at once"
        listed = await (await client.get(f"/api/campaigns/{made['id']}/deliveries", headers=AUTH)).json()
        outcome = {g["chat"]: g for g in listed["groups"]}
        assert outcome["g_tx1"]["status"] == "failed" and "chat not found" in outcome["g_tx1"]["error"].lower()
        assert outcome["g_tx1"]["platforms"] == {"telegram": "failed", "webchat": "sent"}
        assert outcome["g_tx2"]["status"] == "sent" and outcome["g_txall"]["status"] == "sent"
        shown = await (await client.get(f"/api/campaigns/{made['id']}", headers=AUTH)).json()
        assert shown["deliveries"] == {"sent": 2, "failed": 1, "pending": 0, "acknowledged": 0}

        fake._failures.clear()  # the group is fixed (the bot was let back in)
        retried = await (await client.post(f"/api/campaigns/{made['id']}/retry", headers=AUTH)).json()
        assert retried["retried"] == 1
        clock.advance(seconds=2)  # past the group's own one-a-second window, which the failed try used
        await delivery.drain()
        assert sorted(m["chat_id"] for m in fake.sent_messages()) == sorted([TX1, TX2]), "each once"
        shown = await (await client.get(f"/api/campaigns/{made['id']}", headers=AUTH)).json()
        assert shown["deliveries"]["sent"] == 3
        again = await (await client.post(f"/api/campaigns/{made['id']}/retry", headers=AUTH)).json()
        assert again["retried"] == 0, "nothing failed: nothing sent again"


async def test_removing_a_campaign_stops_what_it_queued(engine, clock, fake, aiohttp_client):
    if True:
        client, services = await start(engine, clock, fake, aiohttp_client)
        body = {"name": "x", "text": "测试通知", "targets": ["group:g_tx1"],
                "schedule": {"at": "2026-11-23T09:01:00+08:00"}}  # fmt: skip
        made = await (await client.post("/api/campaigns", json=body, headers=AUTH)).json()
        clock.advance(minutes=1)
        await run_campaigns(services)
        assert (await client.delete(f"/api/campaigns/{made['id']}", headers=AUTH)).status == 200
        await services.deliverers[0].drain()
        assert fake.sent_messages() == []
        with Session(engine) as session:
            row = session.exec(select(OutboxMessage).where(OutboxMessage.platform == "telegram")).one()
        assert row.sent_at is None and row.error == "活动已删除"


async def test_forty_groups_really_go_at_telegrams_pace_and_the_stand_in_refuses_none(
    engine, strict_fake, aiohttp_client
):
    """On the wall clock: 40 groups at one every 34 ms take about 1.3 s, and the stand-in, counting 30 a second
    as messages arrive, never answers 429."""
    import_roster(engine, load_roster_text(many_groups_roster(40)))
    fake = strict_fake
    if True:
        clock = SystemClock()
        client, services = await start(engine, clock, fake, aiohttp_client)
        soon = clock.now().replace(microsecond=0).isoformat()
        body = {"name": "压测", "text": "测试通知", "targets": ["community:压测社区"], "respect_quiet_hours": False,
                "schedule": {"at": soon}}  # fmt: skip
        response = await client.post("/api/campaigns", json=body, headers=AUTH)
        assert response.status == 400, "a time already past is refused, even by a second"
        body["schedule"] = {"cron": "* * * * *"}
        made = await (await client.post("/api/campaigns", json=body, headers=AUTH)).json()
        with Session(engine) as session:  # due now, rather than waiting for the next minute
            from storage.models import Campaign

            campaign = session.get(Campaign, made["id"])
            campaign.next_fire = campaign.next_due = clock.now()
            session.add(campaign)
            session.commit()
        await run_campaigns(services)
        started = time.monotonic()
        delivery = services.deliverers[0]
        while len(fake.sent_messages()) < 40 and time.monotonic() - started < 20:
            await delivery.drain()
        took = time.monotonic() - started
    assert len(fake.sent_messages()) == 40 and fake.refused_for_limits == 0
    assert 39 * 0.034 <= took < 3.0, took


def load_roster_text(text: str):
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False, encoding="utf-8") as file:
        file.write(text)
    try:
        return load_roster(file.name)
    finally:
        os.unlink(file.name)


async def test_the_stand_in_answers_429_beyond_telegrams_limits():
    async with running_fake_telegram(enforce_limits=True) as fake:
        import aiohttp

        async with aiohttp.ClientSession() as http:
            url = f"{fake.base_url}{fake.token}/sendMessage"
            codes = [(await http.post(url, json={"chat_id": -100 - n, "text": "x"})).status for n in range(31)]
            assert codes[:30] == [200] * 30 and codes[30] == 429
            body = await (await http.post(url, json={"chat_id": -1, "text": "x"})).json()
            assert body["parameters"]["retry_after"] >= 1


# --- limits shared through Redis -------------------------------------------------------------------


@pytest.fixture
async def shared_redis():
    client = redis.from_url(REDIS_URL)
    try:
        await client.ping()
    except Exception as error:
        await client.aclose()
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail(f"REQUIRE_REDIS=1 but Redis at {REDIS_URL} is not usable: {error}")
        pytest.skip(f"Redis not reachable at {REDIS_URL}: {error}")
    yield client
    await client.aclose()


async def test_two_instances_sharing_redis_stay_within_the_limits_together(shared_redis, clock):
    prefix = f"wgt:test:{uuid.uuid4().hex}"
    first = RateLimits(LIMITS, clock, RedisBuckets(shared_redis, prefix), "telegram")
    second = RateLimits(LIMITS, clock, RedisBuckets(shared_redis, prefix), "telegram")
    allowed = 0
    for step in range(2000):  # two seconds, both instances asking every millisecond for new people
        clock.advance(seconds=0.001)
        for limits in (first, second):
            allowed += await limits.wait_for("user", f"u{step}") == 0
    assert 57 <= allowed <= 59, "one every 34 ms between them, not each"
    group = 0
    for _ in range(30):  # one group, a message every 1.5 s from alternate instances
        clock.advance(seconds=1.5)
        group += await (first if group % 2 else second).wait_for("chat", "-100") == 0
    assert group == 20, "20 a minute to a group, between them"
    assert await shared_redis.pttl(f"{prefix}:telegram:chat:-100") > 0, "counters expire"
