"""Every error a client sees is JSON with a 4xx (or a logged 500), and the server keeps serving."""

from __future__ import annotations

import hmac
import json
import logging

from aiohttp import web

log = logging.getLogger(__name__)


def dumps(value) -> str:
    """JSON with Chinese left readable: people read these answers with curl too."""
    return json.dumps(value, ensure_ascii=False)


def json_response(value, status: int = 200, headers: dict | None = None) -> web.Response:
    return web.json_response(value, status=status, headers=headers, dumps=dumps)


def json_error(status: int, message: str, **headers: str) -> web.Response:
    return json_response({"error": message}, status=status, headers=headers or None)


@web.middleware
async def errors_as_json(request: web.Request, handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except web.HTTPRequestEntityTooLarge:
        return json_error(413, "请求体过大")
    except web.HTTPException as error:
        if error.status < 400:
            raise
        return json_error(error.status, error.reason)
    except Exception:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return json_error(500, "服务器内部错误")


def bearer_auth(token: str | None, open_prefixes: tuple[str, ...]):
    """With ADMIN_TOKEN set, /api/ needs `Authorization: Bearer <token>`, except the web chat's own API."""

    @web.middleware
    async def middleware(request: web.Request, handler) -> web.StreamResponse:
        path = request.path
        if token and path.startswith("/api/") and not path.startswith(open_prefixes):
            given = request.headers.get("Authorization", "")
            if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
                return json_error(401, "需要有效的访问令牌 (Authorization: Bearer …)", **{"WWW-Authenticate": "Bearer"})
        return await handler(request)

    return middleware


async def read_json_object(request: web.Request) -> dict:
    try:
        body = await request.json()
    except web.HTTPRequestEntityTooLarge:
        raise
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise web.HTTPBadRequest(reason="请求体不是有效的 JSON") from error
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(reason="请求体必须是 JSON 对象")
    return body
