"""Builds and wires everything: settings → engine → services → channels → web app → scheduler.

`bot.py` (the command line) and the tests both build the bot here, so they run the same thing.
"""

from __future__ import annotations

import asyncio

from aiohttp import web
from sqlalchemy.engine import Engine

from bot.channels.webchat import WebchatChannel
from bot.clock import Clock
from bot.config import Settings
from bot.db import DbRunner
from bot.dispatch import Dispatcher
from bot.nlp.analyzer import Analyzer
from bot.runtime import Services
from bot.services.delivery import Deliverer
from bot.services.roster_view import load_roster_view
from bot.web.app import create_app
from handlers.complaints import handle_message, handle_offer_button
from handlers.groups import handle_chat_moved, handle_unknown_group
from handlers.help import handle_help, handle_private_fallback, handle_stale_button
from handlers.reachability import handle_reachable_again, tell_of_unreachable
from handlers.tickets import handle_command, handle_query, handle_rating_button
from scheduler.jobs import build_scheduler, drain_outbox

# Order matters: a group nobody has registered first, then (never stopping) a private sender being reachable
# again, then button taps, commands, and the free-text complaint reader; a private chat always gets an answer.
HANDLERS = (
    handle_chat_moved,
    handle_unknown_group,
    handle_reachable_again,
    handle_offer_button,
    handle_rating_button,
    handle_stale_button,
    handle_help,
    handle_command,
    handle_query,
    handle_message,
    handle_private_fallback,
)


def build_analyzer(engine: Engine, settings: Settings) -> Analyzer:
    with engine.connect() as connection:
        compounds = load_roster_view(connection).compound_names()
    return Analyzer(compounds, settings.mention_names)


def build_services(settings: Settings, engine: Engine, clock: Clock) -> Services:
    analyzer = build_analyzer(engine, settings)
    webchat = WebchatChannel(engine, clock, settings.bot_name, settings.mention_names) if settings.webchat else None
    local = [webchat] if webchat else []
    dispatcher = Dispatcher(engine, clock, analyzer, HANDLERS, settings.platforms, local_channels=local)
    services = Services(engine, clock, DbRunner(group=dispatcher.group), dispatcher, webchat, settings.bot_name)
    if settings.telegram is not None:
        from bot.channels.telegram import TelegramChannel  # only when switched on: a slow import

        services.telegram = TelegramChannel(settings.telegram, services.dispatch)
        on_unreachable = tell_of_unreachable(clock, settings.platforms)
        services.deliverers.append(Deliverer(engine, services.db, clock, services.telegram, on_unreachable))
    return services


def build_app(settings: Settings, services: Services, *, with_scheduler: bool = True) -> web.Application:
    """`with_scheduler=False` (tests): no timed jobs and no delivery loops; tests drain by hand."""
    app = create_app(services, settings.admin_token)
    if services.telegram is not None:
        services.telegram.add_routes(app)

    async def lifecycle(app: web.Application):
        if services.webchat is not None:
            services.webchat.bind_loop(asyncio.get_running_loop())
        await drain_outbox(services)  # what a crash left undelivered goes out before anything new
        if services.telegram is not None:
            await services.telegram.start()
            link = services.telegram.start_link()
            if link:
                services.dispatcher.start_links[services.telegram.platform] = link
        scheduler = build_scheduler(services) if with_scheduler else None
        stop = asyncio.Event()
        loops = [asyncio.create_task(d.run(stop)) for d in services.deliverers] if with_scheduler else []
        if scheduler:
            scheduler.start()
        yield
        if scheduler:
            scheduler.shutdown(wait=False)
        stop.set()
        for deliverer in services.deliverers:
            deliverer.kick()
        await asyncio.gather(*loops)
        if services.telegram is not None:
            await services.telegram.stop()
        services.close()

    async def wake_pollers(_app: web.Application) -> None:
        if services.webchat is not None:
            services.webchat.wake_everyone()

    app.on_shutdown.append(wake_pollers)
    app.cleanup_ctx.append(lifecycle)
    return app
