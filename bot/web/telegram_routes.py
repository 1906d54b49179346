"""POST /telegram/webhook: Telegram's updates, handed to the Telegram channel (registered only in webhook mode).

Answered 200 only once the update is handled and committed; if handling fails the answer is 500, so Telegram
sends it again (and the dispatcher's key makes the retry harmless).
"""

from __future__ import annotations

from aiohttp import web

from bot.channels import NotAnUpdate
from bot.web.context import SERVICES
from bot.web.errors import json_error, json_response, read_json_object

WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


async def webhook(request: web.Request) -> web.Response:
    telegram = request.app[SERVICES].telegram
    if not telegram.secret_matches(request.headers.get(SECRET_HEADER, "")):
        return json_error(403, "密钥缺失或错误（X-Telegram-Bot-Api-Secret-Token）")
    body = await read_json_object(request)
    try:
        await telegram.process_json(body)
    except NotAnUpdate as error:
        return json_error(400, f"不是 Telegram 的更新：{error}")
    return json_response({})


def add_routes(app: web.Application) -> None:
    app.router.add_post(WEBHOOK_PATH, webhook)
