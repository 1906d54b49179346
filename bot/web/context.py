"""The typed application key under which the web routes find the running bot's parts."""

from aiohttp import web

from bot.runtime import Services

SERVICES = web.AppKey("services", Services)

__all__ = ["SERVICES", "Services"]
