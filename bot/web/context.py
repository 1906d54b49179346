"""What the web routes share, under typed application keys."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web
from sqlalchemy.engine import Engine

from bot.channels.webchat import WebchatChannel
from bot.clock import Clock
from bot.db import DbRunner
from bot.dispatch import Dispatcher


@dataclass
class Services:
    engine: Engine
    clock: Clock
    db: DbRunner
    dispatcher: Dispatcher
    webchat: WebchatChannel | None
    bot_name: str


SERVICES = web.AppKey("services", Services)
