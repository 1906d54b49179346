"""Builds and wires everything: settings → engine → services → channels → web app → scheduler.

`bot.py` (the command line) and the tests both build the bot here, so they run the same thing. Nothing else
constructs these objects.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from aiohttp import web

from bot.channels.webchat import WebchatChannel
from bot.clock import Clock
from bot.config import Settings
from bot.conversation import ConversationStore
from bot.dispatch.dispatcher import Dispatcher
from bot.dispatch.router import Router, Routes
from bot.nlp.analyzer import Analyzer
from bot.outbox import OnUnreachable, Outbox, RemoteDelivery
from bot.outbox.limits import Buckets, MemoryBuckets, RateLimits, RedisBuckets
from bot.runner import DbRunner
from bot.runtime import Services
from bot.web.app import create_app
from bot.web.webchat_routes import folded
from handlers.features import ROUTERS
from handlers.reachability.service import tell_of_unreachable
from scheduler.jobs import build_scheduler, deliver_webchat
from storage.database import Database, is_transient
from storage.leader import ScheduleLock

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)


def build_analyzer(database: Database, settings: Settings) -> Analyzer:
    with database.unit() as store:
        compounds = store.roster().compound_names()
    return Analyzer(compounds, settings.mention_names)


def build_services(
    settings: Settings,
    engine: Engine,
    clock: Clock,
    *,
    routers: Sequence[Router] = ROUTERS,
    conversations: ConversationStore | None = None,
) -> Services:
    """`routers` and `conversations` (default: in the database) are for tests that need other ones."""
    database = Database(engine)
    webchat = WebchatChannel(settings.bot_name, settings.mention_names) if settings.webchat else None
    outbox = Outbox(clock, settings.platforms, local=webchat)
    dispatcher = Dispatcher(database, clock, build_analyzer(database, settings), Routes(routers), outbox, conversations)
    db = DbRunner(group=dispatcher.group, run_alone_after=is_transient)
    services = Services(database, clock, db, dispatcher, outbox, webchat, settings.bot_name)
    services.bot_names = frozenset(folded(name) for name in (settings.bot_name, *settings.mention_names))
    services.schedule_lock = ScheduleLock(engine, settings.campaign_takeover)
    services.campaign_grace = timedelta(seconds=settings.campaign_grace)
    if settings.telegram is not None:
        from bot.channels.telegram import TelegramChannel  # only when switched on: a slow import

        services.telegram = TelegramChannel(settings.telegram, services.dispatch)
        limits = RateLimits(services.telegram.limits, clock, rate_buckets(settings, engine), "telegram")
        outbox.add_remote(RemoteDelivery(database, db, clock, services.telegram, tell_others(outbox), limits))
    return services


def rate_buckets(settings: Settings, engine: Engine) -> Buckets:
    """Where rate-limit counters live: Redis when REDIS_URL is set (shared by every instance), else memory."""
    if settings.redis_url is not None:
        import redis.asyncio as redis  # only when asked for

        return RedisBuckets(redis.from_url(settings.redis_url))
    if engine.dialect.name == "postgresql":
        log.warning(
            "rate limits are counted in this process only: with several instances on one database, set "
            "REDIS_URL so that together they stay within each platform's limits"
        )
    return MemoryBuckets()


def tell_others(outbox: Outbox) -> OnUnreachable:
    """When a platform first refuses to deliver to someone: their head is told, they are asked in their group."""

    def on_unreachable(store, account, link) -> None:
        roster = store.roster()
        outbox.send(store, roster, tell_of_unreachable(roster, account, link))

    return on_unreachable


def build_app(settings: Settings, services: Services, *, with_scheduler: bool = True) -> web.Application:
    """`with_scheduler=False` (tests): no timed jobs and no delivery on its own; tests deliver by hand."""
    app = create_app(services, settings.admin_token, settings.public_url)

    async def lifecycle(app: web.Application):
        if services.webchat is not None:
            services.webchat.bind_loop(asyncio.get_running_loop())
        await deliver_webchat(services)  # what a crash left undelivered goes out before anything new
        if services.telegram is not None:
            await services.telegram.start()
            link = services.telegram.start_link()
            if link:
                services.dispatcher.start_links[services.telegram.platform] = link
        scheduler = build_scheduler(services) if with_scheduler else None
        if scheduler:
            for delivery in services.deliverers:
                delivery.start()
            scheduler.start()
        yield
        for delivery in services.deliverers:  # first: a round under way is finished and recorded
            await delivery.stop()
        if scheduler:
            scheduler.shutdown(wait=False)
        if services.schedule_lock is not None:
            await services.db.run(services.schedule_lock.release)  # the other instance need not wait
        if services.telegram is not None:
            await services.telegram.stop()
        services.close()

    async def wake_pollers(_app: web.Application) -> None:
        if services.webchat is not None:
            services.webchat.wake_everyone()

    app.on_shutdown.append(wake_pollers)
    app.cleanup_ctx.append(lifecycle)
    return app
