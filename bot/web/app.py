"""The aiohttp application: health, the ticket API, the Telegram webhook and (unless switched off) the web chat."""

from __future__ import annotations

import logging

from aiohttp import web

from bot.web import campaigns_routes, meetings_routes, telegram_routes, tickets_routes, webchat_routes
from bot.web.context import SERVICES, Services
from bot.web.errors import QuietBadRequests, bearer_auth, errors_as_json, json_response, same_origin

MAX_BODY = 64 * 1024
# A connection that has not sent a whole request in this long is closed (one that never finishes its headers
# too); bodies have their own limit (bot.web.errors.BODY_SECONDS). Long polls answer within 25 s.
IDLE_SECONDS = 20.0


def runner_options(idle_seconds: float = IDLE_SECONDS) -> dict:
    """How the server is run (bot.py, and tests that need the real thing)."""
    # lingering_time: after refusing a stalled body, how long to drain what is left before closing.
    return {"access_log": None, "keepalive_timeout": idle_seconds, "lingering_time": 2.0}


def create_app(services: Services, admin_token: str | None = None, public_url: str | None = None) -> web.Application:
    # Without a token the server is for this machine only (bot.config refuses a public host), and there is no
    # token to check: no middleware for it, which every request would otherwise pass through.
    middlewares = [errors_as_json, same_origin(loopback_only=admin_token is None, public_url=public_url)]
    if admin_token:
        middlewares.append(bearer_auth(admin_token, open_prefixes=()))
    app = web.Application(middlewares=middlewares, client_max_size=MAX_BODY)
    server_log = logging.getLogger("aiohttp.server")
    if not any(isinstance(f, QuietBadRequests) for f in server_log.filters):
        server_log.addFilter(QuietBadRequests())
    app[SERVICES] = services
    app.router.add_get("/healthz", healthz)
    app.add_routes(tickets_routes.routes)
    app.add_routes(meetings_routes.routes)
    app[campaigns_routes.TOKEN_SET] = bool(admin_token)
    app.add_routes(campaigns_routes.routes)
    if services.telegram is not None and services.telegram.webhook_secret is not None:
        telegram_routes.add_routes(app)
    if services.webchat is not None:
        app.add_routes(webchat_routes.routes)
        webchat_routes.add_static(app)
    return app


async def healthz(request: web.Request) -> web.Response:
    """200 once the server is up and the database answers; 503 otherwise."""
    services = request.app[SERVICES]
    try:
        await services.db.run(services.database.ping)
    except Exception as error:  # any database failure means not ready
        return json_response({"status": "unavailable", "error": type(error).__name__}, status=503)
    return json_response({"status": "ok"})
