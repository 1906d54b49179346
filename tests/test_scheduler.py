"""Every periodic job runs under APScheduler with a fixed id, one instance at a time, missed runs coalesced."""

from __future__ import annotations

from bot.config import Settings, TelegramSettings
from bot.wiring import build_services
from scheduler.jobs import build_scheduler


def test_every_job_has_a_fixed_id_and_runs_alone(engine, clock):
    settings = Settings(telegram=TelegramSettings("123456:TEST-token", "http://127.0.0.1:9/bot"))
    services = build_services(settings, engine, clock)
    try:
        scheduler = build_scheduler(services)
        jobs = {job.id: job for job in scheduler.get_jobs()}
        assert sorted(jobs) == [
            "campaigns:run", "conversations:expire", "meetings:remind", "outbox:telegram", "outbox:webchat",
            "tickets:urgent",
        ]  # fmt: skip
        assert all(job.max_instances == 1 and job.coalesce for job in jobs.values())
    finally:
        services.close()
