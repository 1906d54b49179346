"""Fuzzing every HTTP endpoint (issue 9 §7): arbitrary JSON, Unicode, huge fields, odd content types and odd query
values at the web chat, its buttons, the ticket API and the Telegram webhook (with the right secret), on SQLite
and PostgreSQL.

The bot runs as bot.py runs it (its own thread and event loop, a real port, the stand-in Telegram Bot API), and
the requests come over real HTTP from this thread. For every request: no 5xx; for every refusal (4xx): nothing
in the database changed. At the end: nothing was logged as an error, and the server still serves.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import logging
import threading
import urllib.parse
from contextlib import suppress

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, func, select

from bot.config import Settings, TelegramSettings
from bot.web.telegram_routes import SECRET_HEADER, WEBHOOK_PATH
from storage.models import ComplaintOffer, OutboxMessage, ProcessedMessage, Ticket, WebchatMessage
from tests.fakes.telegram_api import FakeTelegramAPI

SECRET = "fuzz-secret"
EXAMPLES = 400  # per endpoint family and database
SENT: dict[int, int] = {}  # requests made, by status, for the record (docs/performance.md)


class Server:
    """The bot on its own thread and loop, with webhooks from a stand-in Telegram."""

    def __init__(self, engine, clock) -> None:
        self.engine, self.clock = engine, clock
        self.loop = asyncio.new_event_loop()
        self.port = 0
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Server:
        self._thread.start()
        assert self._ready.wait(30), "the bot did not start"
        return self

    def __exit__(self, *exc) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self.loop).result(30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(30)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_until_complete(self._start())
        self._ready.set()
        self.loop.run_forever()
        self.loop.close()

    async def _start(self) -> None:
        from aiohttp import web

        from bot.web.app import runner_options
        from bot.wiring import build_app, build_services

        self.fake = FakeTelegramAPI()
        await self.fake.start()
        telegram = TelegramSettings(self.fake.token, self.fake.base_url, "https://bot.example.org/hook", SECRET)
        settings = Settings(telegram=telegram)
        services = build_services(settings, self.engine, self.clock)
        self.runner = web.AppRunner(build_app(settings, services, with_scheduler=False), **runner_options())
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.port = self.runner.addresses[0][1]

    async def _stop(self) -> None:
        await self.runner.cleanup()
        await self.fake.stop()


@pytest.fixture
def server(engine, clock, caplog):
    caplog.set_level(logging.WARNING)
    with Server(engine, clock) as running:
        yield running
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], [r.getMessage() for r in errors][:5]


@pytest.fixture(scope="module", autouse=True)
def tally():
    """How many requests the fuzz made, by status: printed at the end (pytest -s), for the record."""
    yield
    print(f"\nfuzz: {sum(SENT.values())} requests, by status {dict(sorted(SENT.items()))}")


def request(server: Server, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def counts(engine) -> tuple[int, ...]:
    with Session(engine) as session:
        tables = (Ticket, WebchatMessage, ProcessedMessage, OutboxMessage, ComplaintOffer)
        return tuple(session.exec(select(func.count()).select_from(t)).one() for t in tables)


def check(server: Server, method: str, path: str, body: bytes | None, headers: dict) -> None:
    before = counts(server.engine)
    status, answer = request(server, method, path, body, headers)
    SENT[status] = SENT.get(status, 0) + 1
    assert status < 500, (method, path, body, headers, status, answer[:300])
    assert answer == b"" or json.loads(answer) is not None, "every answer is JSON"
    if 400 <= status < 500:
        assert counts(server.engine) == before, ("a refused request changed something", path, body)


# --- strategies -------------------------------------------------------------------------------------

text = st.text(
    st.characters(codec="utf-8") | st.sampled_from(["\x00", "\ud800", "\n", "#", "报", "楼"])
) | st.sampled_from(["报事 3号楼楼道灯坏了", "3栋有煤气味！", "接单 1", "rate:1:yes", "offer:1", "绑定 g_tx1", "帮助"])
# Characters that have broken requests before, mixed into words often enough to meet every field.
tricky = st.sampled_from(["\x00", "\ud800", "\udfff", "\n", "\r\n", "\u202e", "\ufeff", "😀", "𠀋", "\\", '"'])
words = st.lists(text | tricky, min_size=1, max_size=4).map("".join)
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
    max_leaves=12,
)
chats = st.sampled_from(["g_tx1", "g_ys", "dm:w_zhang", "dm:r_fuzz", "g_nowhere", ""]) | text
users = st.sampled_from(["r_fuzz", "w_zhang", "bot", ""]) | text
fields = st.one_of(text, st.integers(), st.none(), json_value, st.text(min_size=3000, max_size=5000))
content_types = st.sampled_from(
    [
        "application/json",
        "application/json; charset=utf-8",
        "application/json; charset=foobar",
        "application/json; charset=rot13",
        "text/plain",
        "application/x-www-form-urlencoded",
        "",
    ]
)


@st.composite
def webchat_posts(draw) -> tuple[str, bytes, dict]:
    path = draw(st.sampled_from(["/api/webchat/messages", "/api/webchat/buttons"]))
    key = "text" if path.endswith("messages") else "data"
    shape = draw(st.sampled_from(["well made", "well made", "odd fields", "any json", "bytes"]))
    if shape == "well made":  # what a page or a gateway sends, with anything at all in its words
        chat, user = draw(st.sampled_from([("g_tx1", "r_fuzz"), ("g_ys", "r_fuzz2"), ("dm:r_fuzz", "r_fuzz"),
                                           ("dm:w_zhang", "w_zhang"), ("g_tx2", "w_li")]))  # fmt: skip
        body = {"chat": chat, "user": user, "name": draw(words), key: draw(words), "id": draw(words | st.none())}
        data = json.dumps(body, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")
        return path, data, {"Content-Type": "application/json"}
    if shape == "odd fields":
        body = {"chat": draw(chats), "user": draw(users), "name": draw(fields), "id": draw(fields), key: draw(fields)}
        raw = json.dumps({k: v for k, v in body.items() if draw(st.booleans())}, ensure_ascii=draw(st.booleans()))
        data = raw.encode("utf-8", "surrogatepass")
    elif shape == "any json":
        data = json.dumps(draw(json_value)).encode("utf-8", "surrogatepass")
    else:
        data = draw(st.binary(max_size=300))
    return path, data, {"Content-Type": draw(content_types)}


@st.composite
def queries(draw) -> str:
    path = draw(st.sampled_from(["/api/webchat/messages", "/api/webchat/directory", "/api/tickets", "/api/tickets/"]))
    if path == "/api/tickets/":
        return path + urllib.parse.quote(draw(text) or "1", safe="")
    if path == "/api/webchat/messages" and draw(st.booleans()):  # well made, with odd numbers
        chat, user = draw(st.sampled_from([("g_tx1", "r_fuzz"), ("dm:w_zhang", "w_zhang"), ("dm:w_zhang", "w_li")]))
        numbers = st.integers().map(str) | st.sampled_from(["2147483648", "1e3", "nan", "inf", "0"])
        params = {"chat": chat, "user": user, "after": draw(numbers), "wait": draw(st.sampled_from(["0", "-1", "nan"]))}
        return path + "?" + urllib.parse.urlencode(params)
    names = ["chat", "user", "after", "wait", "status", "grid", "limit"]
    values = st.one_of(
        text, st.integers().map(str), st.sampled_from(["dm:w_zhang", "g_tx1", "2147483648", "-1", "nan"])
    )
    params = draw(st.dictionaries(st.sampled_from(names), values, max_size=5))
    return path + "?" + urllib.parse.urlencode(params, encoding="utf-8", errors="surrogatepass")


@st.composite
def telegram_updates(draw) -> bytes:
    user = {"id": draw(st.integers(1, 2**40)), "is_bot": draw(st.booleans()), "first_name": draw(words)}
    chat = {"id": draw(st.sampled_from([-1001000000001, 910002, 5550001]) | st.integers()), "type": draw(
        st.sampled_from(["group", "supergroup", "private"]) | text
    )}  # fmt: skip
    message = {"message_id": draw(st.integers(1, 2**31)), "date": 1795000000, "chat": chat, "from": user}
    message["text"] = draw(words | fields)
    update: dict = {"update_id": draw(st.integers(0, 2**31))}
    if draw(st.integers(0, 2)):
        update["message"] = {k: v for k, v in message.items() if draw(st.integers(0, 9))}
    else:
        update["callback_query"] = {"id": draw(words), "from": user, "data": draw(words | fields), "message": message}
    if not draw(st.integers(0, 5)):
        update = draw(json_value)
    return json.dumps(update).encode("utf-8", "surrogatepass")


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(post=webchat_posts())
def test_the_web_chat_takes_anything(server, post):
    path, data, headers = post
    check(server, "POST", path, data, headers)


@FUZZ
@given(path=queries(), method=st.sampled_from(["GET", "GET", "POST", "DELETE", "PUT"]))
def test_every_query_gets_an_answer(server, path, method):
    check(server, method, path, None, {})


@FUZZ
@given(body=telegram_updates(), content_type=st.just("application/json") | content_types)
def test_the_telegram_webhook_takes_anything(server, body, content_type):
    check(server, "POST", WEBHOOK_PATH, body, {SECRET_HEADER: SECRET, "Content-Type": content_type})


def test_the_server_still_serves_after_the_fuzz(server):
    with suppress(Exception):
        request(server, "POST", "/api/webchat/messages", b"{", {"Content-Type": "application/json"})
    assert request(server, "GET", "/healthz")[0] == 200
    body = json.dumps({"chat": "g_tx1", "user": "r_after", "text": "报事 3号楼楼道灯坏了"}).encode()
    status, answer = request(server, "POST", "/api/webchat/messages", body, {"Content-Type": "application/json"})
    assert status == 200 and "工单" in answer.decode()
