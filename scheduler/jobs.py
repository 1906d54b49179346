"""Every periodic job, each with a fixed id, safe to run twice; tests call the job functions directly.

- outbox:webchat         every 5 s: web chat rows a crash left behind (or queued before the start)
- outbox:<platform>      every second: a remote platform's due rows (also woken at once by new rows)
- conversations:expire   every 30 s: questions nobody answered in time are forgotten, with a word if asked
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.messages import Outbound
from bot.runtime import Services

log = logging.getLogger(__name__)
WEBCHAT_SECONDS = 5
CONVERSATIONS_SECONDS = 30


async def deliver_webchat(services: Services) -> int:
    """Deliver every due web chat row: after a crash, after a failed attempt, or when a job queued them."""
    if services.webchat is None:
        return 0

    def deliver() -> int:
        with services.database.unit() as store:
            return len(services.outbox.deliver_local_due(store))

    delivered = await services.db.run(deliver)
    if delivered:
        log.info("outbox: delivered %d web chat message(s)", delivered)
    return delivered


async def expire_conversations(services: Services) -> int:
    """Forget questions whose time is up; where the question asked for it, say so in its chat."""
    dispatcher = services.dispatcher

    def expire() -> int:
        with services.database.unit() as store:
            expired = dispatcher.conversations_in(store).take_expired(services.clock.now())
            notices = [
                Outbound(gone.state.expiry_notice, chat=gone.chat, platform=gone.state.platform)
                for gone in expired
                if gone.state.expiry_notice
            ]
            if notices:
                services.outbox.send(store, dispatcher.rosters.current(store.roster), notices)
            return len(expired)

    return await services.db.run(expire)


def build_scheduler(services: Services) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone="Asia/Shanghai")
    if services.webchat is not None:
        _every(scheduler, "outbox:webchat", WEBCHAT_SECONDS, deliver_webchat, services)
    for delivery in services.deliverers:
        _every(scheduler, f"outbox:{delivery.platform}", delivery.TICK_SECONDS, delivery.tick)
    _every(scheduler, "conversations:expire", CONVERSATIONS_SECONDS, expire_conversations, services)
    return scheduler


def _every(scheduler: AsyncIOScheduler, job_id: str, seconds: float, job: Callable[..., Awaitable], *args) -> None:
    scheduler.add_job(
        job,
        "interval",
        seconds=seconds,
        args=list(args),
        id=job_id,
        replace_existing=True,
        coalesce=True,
        max_instances=1,
    )
