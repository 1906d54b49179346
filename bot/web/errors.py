"""Every error a client sees is JSON in Chinese with a 4xx (or a logged 500), and the server keeps serving.

Nothing a client sent is ever put in an HTTP reason phrase (a newline there is a 500 of its own); messages go
in the JSON body.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import re

from aiohttp import web
from aiohttp.client_exceptions import ClientConnectionResetError
from aiohttp.http_exceptions import BadHttpMessage

log = logging.getLogger(__name__)
BODY_SECONDS = 15.0  # a request whose body has not arrived by then is refused (a slow or stalled client)
_UNSAFE_TEXT = re.compile("[\x00\ud800-\udfff]")  # NUL, and lone surrogates (no UTF-8 for them)
_STATUS_WORDS = {
    400: "请求有误",
    401: "需要有效的访问令牌 (Authorization: Bearer …)",
    403: "没有权限",
    404: "没有这个地址",
    405: "不支持这个请求方法",
    408: "请求超时",
    413: "请求体过大",
    415: "请求体必须是 JSON（Content-Type: application/json）",
    429: "请求太频繁，请稍后再试",
}


class ApiError(Exception):
    """A refusal to show the client: its status and what to say, in Chinese."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


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
    except ApiError as error:
        response = json_error(error.status, error.message)
        if error.status == 408:
            response.force_close()  # what is left of a stalled body must not be read as the next request
        return response
    except web.HTTPException as error:
        if error.status < 400:
            raise
        message = _STATUS_WORDS.get(error.status, "请求没有成功")
        if isinstance(error, web.HTTPMethodNotAllowed):
            message += f"（可用：{'、'.join(sorted(error.allowed_methods))}）"
        return json_error(error.status, message)
    except (ConnectionResetError, ClientConnectionResetError):
        # The client went away mid-request: nobody is left to answer, and it is no fault of ours.
        log.info("client on %s %s disconnected before the request was read", request.method, request.path)
        return json_error(400, "连接已断开")
    except Exception:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return json_error(500, "服务器内部错误")


def bearer_auth(token: str, open_prefixes: tuple[str, ...]):
    """With ADMIN_TOKEN set, /api/ needs `Authorization: Bearer <token>` (the web chat's API too), except the
    paths in `open_prefixes`."""

    expected = f"Bearer {token}".encode()

    @web.middleware
    async def middleware(request: web.Request, handler) -> web.StreamResponse:
        path = request.path
        if path.startswith("/api/") and not path.startswith(open_prefixes):
            given = request.headers.get("Authorization", "")
            if not hmac.compare_digest(given.encode("utf-8", "surrogateescape"), expected):
                return json_error(401, _STATUS_WORDS[401], **{"WWW-Authenticate": "Bearer"})
        return await handler(request)

    return middleware


def same_origin(loopback_only: bool, public_url: str | None = None):
    """Refuse a browser's cross-site POST (a page elsewhere acting as staff through the visitor's browser): its
    Origin must be this server (as the request names it, or PUBLIC_URL behind a proxy that rewrites Host).
    Without ADMIN_TOKEN the server is for this machine only, so the Host must be a loopback name too, which a
    DNS-rebinding page cannot fake. The first refusal of each kind is logged, so a misconfigured proxy shows."""
    public = _netloc(public_url) if public_url else None
    warned: set[str] = set()

    def refuse(kind: str, message: str, request: web.Request) -> web.Response:
        if kind not in warned:
            warned.add(kind)
            log.warning("refused a request (%s) to %s: Host %r, Origin %r; later ones are not logged", kind,
                        request.path, request.host, request.headers.get("Origin"))  # fmt: skip
        return json_error(403, message)

    @web.middleware
    async def middleware(request: web.Request, handler) -> web.StreamResponse:
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            origin = request.headers.get("Origin")
            if origin is not None and _netloc(origin) not in (request.host.lower(), public):
                return refuse("cross-site", "跨站请求被拒绝", request)
        if loopback_only and _hostname(request.host) not in _LOOPBACK_NAMES:
            return refuse("not loopback", "本服务只接受本机访问（设置 ADMIN_TOKEN 后方可对外提供服务）", request)
        return await handler(request)

    return middleware


_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def _netloc(origin: str) -> str:
    return origin.split("://", 1)[-1].rstrip("/").lower()


_HOST = re.compile(r"(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::[0-9]{1,5})?")


def _hostname(host: str) -> str:
    """The name in a Host header, or "" if the header is no host[:port] at all."""
    match = _HOST.fullmatch(host.lower())
    return match[1] if match else ""


async def read_json_object(request: web.Request) -> dict:
    """The request's body as a JSON object; a clear ApiError for anything else."""
    if request.content_type != "application/json":
        raise ApiError(415, _STATUS_WORDS[415])
    if request.headers.get("Content-Encoding", "identity").strip().lower() not in ("identity", ""):
        raise ApiError(415, "不接受压缩的请求体（Content-Encoding）")
    try:
        async with asyncio.timeout(BODY_SECONDS):
            raw = await request.read()
    except TimeoutError as error:
        raise ApiError(408, "请求体迟迟没有发完，已放弃") from error
    try:
        text = raw.decode(request.charset or "utf-8")
        body = json.loads(text)
    except LookupError as error:
        raise ApiError(400, "请求体的字符编码无法识别（请用 UTF-8）") from error
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise ApiError(400, "请求体不是有效的 JSON") from error
    if not isinstance(body, dict):
        raise ApiError(400, "请求体必须是 JSON 对象")
    return body


def query_text(request: web.Request, name: str, default: str = "") -> str:
    """A query parameter, refused if it holds characters no database can store (NUL, lone surrogates)."""
    value = request.query.get(name, default)
    if _UNSAFE_TEXT.search(value):
        raise ApiError(400, f"参数 {name} 含有无效字符")
    return value


def unsafe(text: str) -> bool:
    return _UNSAFE_TEXT.search(text) is not None


class QuietBadRequests(logging.Filter):
    """aiohttp logs a malformed request (no Host, a header over 8 KiB, a bad request line) as an ERROR with a
    traceback: a scanner could fill the log. It is the client's fault: one INFO line, no traceback, no URL."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, BadHttpMessage):
            record.levelno, record.levelname = logging.INFO, "INFO"
            record.msg, record.args, record.exc_info, record.exc_text = (
                f"refused a malformed HTTP request ({type(error).__name__})",
                (),
                None,
                None,
            )
        return True
