"""Scheduled work. Every job has a fixed id and is safe to run twice; tests call the functions directly."""

from __future__ import annotations

import logging

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.runtime import Services

log = logging.getLogger(__name__)
OUTBOX_DRAIN_SECONDS = 5


async def drain_outbox(services: Services) -> int:
    """Deliver every due outbox row: after a crash, after a failed attempt, or when a job queued them."""
    if services.webchat is None:
        return 0
    delivered = await services.db.run(services.webchat.deliver_due)
    if delivered:
        log.info("outbox: delivered %d web chat message(s)", len(delivered))
    return len(delivered)


def build_scheduler(services: Services) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone="Asia/Shanghai")
    scheduler.add_job(
        drain_outbox,
        "interval",
        seconds=OUTBOX_DRAIN_SECONDS,
        args=[services],
        id="outbox-drain",
        replace_existing=True,
        coalesce=True,
        max_instances=1,
    )
    return scheduler
