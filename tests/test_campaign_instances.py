"""Two bot instances on one PostgreSQL: exactly one runs the campaigns' schedule (it holds an advisory lock), and
when it dies the other takes over; each group hears each notice once throughout.

First with two sets of services in this process on a fixed clock (the holder's death is its database session
ending), then with two real `bot.py run` processes and the holder killed with SIGKILL.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timedelta

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from bot.config import Settings
from bot.wiring import build_services
from scheduler.jobs import run_campaigns
from storage.engine import make_engine
from storage.models import CampaignDelivery, WebchatMessage
from tests.conftest import ROOT
from tests.test_cli import bot_py, free_port

pytestmark = [pytest.mark.pg, pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)]
TONGXIN = ["g_tx1", "g_tx2", "g_txall"]


def notices_per_group(engine, words: str) -> dict[str, int]:
    with Session(engine) as session:
        rows = session.exec(select(WebchatMessage).where(WebchatMessage.user == "bot")).all()
    counts: dict[str, int] = {}
    for row in rows:
        if words in row.text:
            counts[row.chat] = counts.get(row.chat, 0) + 1
    return counts


def add_campaign(database_url: str, name: str, at: datetime, text_: str) -> None:
    done = bot_py("campaign", "add", "--name", name, "--text", text_, "--at", at.isoformat(),
                  "--target", "community:同鑫社区", "--no-quiet-hours", env={"DATABASE_URL": database_url})  # fmt: skip
    assert done.returncode == 0, done.stderr


def create_in(services, name: str, at: datetime, text_: str) -> None:
    from handlers.campaigns.service import CampaignService

    with services.database.unit() as store:
        fields = {"name": name, "text": text_, "schedule": {"at": at.isoformat()},
                  "targets": ["community:同鑫社区"], "respect_quiet_hours": False}  # fmt: skip
        CampaignService(store.campaigns, services.clock, store.roster()).create(fields, "test")


async def test_one_instance_fires_and_the_other_takes_over_when_it_dies(database_url, clock):
    settings = Settings()
    first, second = (build_services(settings, make_engine(database_url), clock) for _ in range(2))
    for services in (first, second):
        services.schedule_lock.retry_seconds = 0  # try at every look (the default is every 15 seconds)
    try:
        create_in(first, "第一次", clock.now() + timedelta(minutes=1), "第一条通知")
        clock.advance(minutes=1)
        await asyncio.gather(run_campaigns(first), run_campaigns(second))
        held = [s for s in (first, second) if await s.db.run(s.schedule_lock.held)]
        assert len(held) == 1, "exactly one runs the schedule"
        holder, other = held[0], (second if held[0] is first else first)
        assert notices_per_group(first.engine, "第一条通知") == dict.fromkeys(TONGXIN, 1)

        # The holder dies: PostgreSQL ends its sessions, the lock's among them.
        with first.engine.connect() as admin:
            admin.execute(text("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
                               "AND pid <> pg_backend_pid()"))  # fmt: skip
            admin.commit()
        create_in(other, "第二次", clock.now() + timedelta(minutes=1), "第二条通知")
        clock.advance(minutes=1)
        await run_campaigns(other)
        assert await other.db.run(other.schedule_lock.held), "the other took the lock over"
        assert notices_per_group(first.engine, "第二条通知") == dict.fromkeys(TONGXIN, 1)
        assert not await holder.db.run(holder.schedule_lock.held), "the dead holder's lock is gone for good"
    finally:
        for services in (first, second):
            services.close()
            services.engine.dispose()


def start_bot(database_url: str, log_path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "PORT": str(port), "CAMPAIGN_TAKEOVER_SECONDS": "1"}
    for name in ("TELEGRAM_BOT_TOKEN", "ADMIN_TOKEN", "REDIS_URL"):
        env.pop(name, None)
    log = open(log_path, "w")  # noqa: SIM115 - the process writes to it until it is stopped
    process = subprocess.Popen([sys.executable, str(ROOT / "bot.py"), "run"], cwd=ROOT, env=env, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
    log.close()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                if response.status == 200:
                    return process, port
        except OSError:
            assert process.poll() is None, log_path.read_text()
            time.sleep(0.05)  # polling a subprocess's port, not waiting on a scheduler
    raise AssertionError(f"bot not up: {log_path.read_text()}")


def wait_until(check, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (found := check()) is not None:
            return found
        time.sleep(0.2)  # polling the database for what two real processes did, on their real clocks
    raise AssertionError(f"timed out waiting for {what}")


def test_two_real_processes_one_killed_each_group_hears_each_notice_once(database_url, tmp_path):
    engine = make_engine(database_url)
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    bots = [start_bot(database_url, log)[0] for log in logs]
    try:
        now = datetime.now().astimezone()
        add_campaign(database_url, "第一次", now + timedelta(seconds=3), "第一条通知")

        def delivered(words):
            def check():
                counts = notices_per_group(engine, words)
                return counts if len(counts) == 3 else None

            return check

        assert wait_until(delivered("第一条通知"), 30, "the first notice") == dict.fromkeys(TONGXIN, 1)
        holders = [i for i, log in enumerate(logs) if "runs the schedule" in log.read_text()]
        assert len(holders) == 1, [log.read_text() for log in logs]
        holder = holders[0]
        os.killpg(bots[holder].pid, signal.SIGKILL)
        bots[holder].wait(timeout=10)

        add_campaign(database_url, "第二次", datetime.now().astimezone() + timedelta(seconds=3), "第二条通知")
        assert wait_until(delivered("第二条通知"), 60, "the second notice") == dict.fromkeys(TONGXIN, 1)
        survivor = logs[1 - holder].read_text()
        assert "runs the schedule" in survivor, survivor
        time.sleep(6)  # a while longer, at least one more look at the schedule by the survivor: nothing repeats
        assert notices_per_group(engine, "第一条通知") == dict.fromkeys(TONGXIN, 1)
        assert notices_per_group(engine, "第二条通知") == dict.fromkeys(TONGXIN, 1)
        with Session(engine) as session:
            assert len(session.exec(select(CampaignDelivery)).all()) == 6
    finally:
        for process in bots:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=20)
        engine.dispose()
