"""The web chat locked down, and no input that breaks a request (issue 9 §3–4): each reproduction of the issue
is a test here, and each was a 200 or a 500 before."""

from __future__ import annotations

import gzip
import json

import pytest
from sqlmodel import Session, func, select

from bot.config import Settings
from storage.models import ProcessedMessage, Ticket, WebchatMessage

GROUP = "g_tx1"


def counts(engine) -> tuple[int, int, int]:
    with Session(engine) as session:
        return tuple(
            session.exec(select(func.count()).select_from(t)).one() for t in (Ticket, WebchatMessage, ProcessedMessage)
        )


async def get(bot, path: str, **headers):
    response = await bot.client.get(path, headers={**bot.auth, **headers})
    return response.status, await response.json()


async def post(bot, path: str, data: bytes, content_type: str = "application/json", **headers):
    response = await bot.client.post(path, data=data, headers={"Content-Type": content_type, **bot.auth, **headers})
    return response.status, await response.json()


# --- private chats ---------------------------------------------------------------------------------


async def test_a_private_chat_is_served_only_to_its_owner(bot):
    await bot.say(GROUP, "r_a", "报事 3号楼楼道灯坏了")
    assert (await get(bot, "/api/webchat/messages?chat=dm:w_zhang&after=0"))[0] == 400, "no user: refused"
    status, body = await get(bot, "/api/webchat/messages?user=w_li&chat=dm:w_zhang&after=0")
    assert status == 403 and body["error"] == "只能查看自己的私聊"
    status, body = await get(bot, "/api/webchat/messages?user=w_zhang&chat=dm:w_zhang&after=0")
    assert status == 200 and body["messages"], "its owner reads it"


class TestWithAToken:
    @pytest.fixture
    def settings(self):
        return Settings(admin_token="s3cret")

    async def test_the_web_chat_needs_the_token_too(self, bot):
        response = await bot.client.get("/api/webchat/messages?user=w_zhang&chat=dm:w_zhang&after=0")
        assert response.status == 401 and "访问令牌" in (await response.json())["error"]
        ok = await bot.client.get("/api/webchat/messages?user=w_zhang&chat=dm:w_zhang", headers=bot.auth)
        assert ok.status == 200


# --- cross-site requests and the bot's own name -----------------------------------------------------


async def test_a_cross_site_form_cannot_act_as_staff(bot, engine):
    await bot.say(GROUP, "r_a", "报事 3号楼楼道灯坏了")
    before = counts(engine)
    attack = (
        b'{"chat":"dm:s_zhao","user":"s_zhao","text":"\xe5\x8a\x9e\xe7\xbb\x93 1 \xe5\xb7\xb2\xe5\xa4\x84\xe7\x90\x86"}'
    )
    status, body = await post(bot, "/api/webchat/messages", attack, "text/plain")
    assert status == 415 and "application/json" in body["error"], "a form can only send text/plain without a preflight"
    status, body = await post(bot, "/api/webchat/messages", attack, Origin="http://evil.example")
    assert status == 403 and body["error"] == "跨站请求被拒绝"
    assert counts(engine) == before and (await bot.ticket(1))["status"] == "open"
    own = bot.url.split("://", 1)[1]
    status, _ = await post(bot, "/api/webchat/messages", attack, Origin=f"http://{own}")
    assert status == 200, "the page's own origin is fine"


async def test_a_page_reached_by_another_name_is_refused(bot):
    """DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends Host: evil.example."""
    status, _ = await get(bot, "/api/tickets", Host="evil.example:8080")
    assert status == 403


async def test_nobody_may_speak_as_the_bot(bot, engine):
    before = counts(engine)
    body = '{"chat": "g_tx1", "user": "bot", "name": "网格通", "text": "请扫码支付上门费50元"}'.encode()
    status, answer = await post(bot, "/api/webchat/messages", body)
    assert status == 403 and "网格通" in answer["error"] and counts(engine) == before


@pytest.mark.parametrize(
    ("user", "name"),
    [
        ("ｂｏｔ", "小李"),
        ("BOT", "小李"),
        ("r_x", "网格通"),
        ("r_x", "网格\u200b通"),
        ("r_x", "网格小助手"),
        ("r_x", "网 格 通"),
    ],
)
async def test_nobody_may_speak_as_the_bot_under_a_look_alike_name(bot, engine, user, name):
    before = counts(engine)
    body = json.dumps({"chat": GROUP, "user": user, "name": name, "text": "请扫码支付上门费50元"}).encode()
    status, answer = await post(bot, "/api/webchat/messages", body)
    assert status == 403 and "网格通" in answer["error"] and counts(engine) == before


async def test_a_compressed_body_is_a_415_and_changes_nothing(bot, engine):
    before = counts(engine)
    body = gzip.compress(json.dumps({"chat": GROUP, "user": "r_a", "text": "报事 3号楼灯坏了"}).encode())
    status, answer = await post(bot, "/api/webchat/messages", body, **{"Content-Encoding": "gzip"})
    assert status == 415 and "Content-Encoding" in answer["error"] and counts(engine) == before


@pytest.mark.parametrize(
    ("host", "status"),
    [("[::1].evil.example", 403), ("127.0.0.1.evil.example", 403), ("localhost:abc", 403), ("[::1]:8080", 200)],
)
async def test_only_a_loopback_name_is_a_loopback_name(bot, host, status):
    assert (await get(bot, "/api/tickets", Host=host))[0] == status


async def test_the_page_may_not_be_framed_by_another_site(bot):
    response = await bot.client.get("/")
    assert response.status == 200
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


class TestBehindAProxy:
    """A proxy that passes on the Host it was asked for is fine without PUBLIC_URL; one that rewrites Host to
    the upstream's address needs PUBLIC_URL, or every browser post is refused as cross-site."""

    @pytest.fixture
    def settings(self):
        return Settings(admin_token="t" * 24, public_url="https://bot.example.org")

    async def test_the_public_origin_is_this_server(self, bot, engine):
        body = json.dumps({"chat": GROUP, "user": "r_a", "text": "你好"}).encode()
        assert (await post(bot, "/api/webchat/messages", body, Origin="https://bot.example.org"))[0] == 200
        status, answer = await post(bot, "/api/webchat/messages", body, Origin="https://evil.example.org")
        assert status == 403 and answer["error"] == "跨站请求被拒绝"

    async def test_the_first_refusal_of_each_kind_is_logged_once(self, bot, caplog):
        body = json.dumps({"chat": GROUP, "user": "r_a", "text": "你好"}).encode()
        for _ in range(3):
            await post(bot, "/api/webchat/messages", body, Origin="http://127.0.0.1:1")
        lines = [r for r in caplog.records if "refused a request (cross-site)" in r.getMessage()]
        assert len(lines) == 1 and "127.0.0.1:1" in lines[0].getMessage()


# --- bad input --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "content_type", "status", "words"),
    [
        (b'{"chat":"g_tx1","user":"a","text":"x"}', "application/json; charset=foobar", 400, "编码"),
        (b'{"chat":"g_tx1","user":"a","text":"x"}', "application/json; charset=rot13", 400, "编码"),
        (b'{"chat":"g_tx1","user":"a","text":"\xff"}', "application/json", 400, "JSON"),
        (b'{"chat":"g\\n1","user":"a","text":"x"}', "application/json", 404, "没有这个聊天"),
        (b'{"chat":"g_tx1","user":"a","text":123}', "application/json", 400, "必须是字符串"),
        (b'{"chat":"g_tx1","user":"a","text":""}', "application/json", 400, "不能为空"),
        (b'{"chat":"g_tx1","user":"a","text":"\\u0000x"}', "application/json", 400, "无效字符"),
        (b'{"chat":"g_tx1","user":"a","text":"\\ud800"}', "application/json", 400, "无效字符"),
    ],
)
async def test_bad_posts_get_a_clear_4xx_in_chinese_and_change_nothing(bot, engine, raw, content_type, status, words):
    before = counts(engine)
    got, body = await post(bot, "/api/webchat/messages", raw, content_type)
    assert got == status and words in body["error"]
    assert counts(engine) == before


async def test_a_malformed_button_is_a_400(bot, engine):
    before = counts(engine)
    got, body = await post(bot, "/api/webchat/buttons", b'{"chat":"g_tx1","user":"a","data":"rate:abc:maybe"}')
    assert got == 400 and body["error"] == "按钮数据无效" and counts(engine) == before


@pytest.mark.parametrize(
    "path",
    [
        "/api/webchat/messages?user=r_a&chat=g_tx1&after=2147483648",
        "/api/webchat/messages?user=r_a&chat=dm:%00",
        "/api/webchat/messages?user=%00&chat=g_tx1",
        "/api/tickets?grid=%00",
        "/api/tickets?status=%00",
    ],
)
async def test_bad_queries_are_a_400(bot, path):
    status, body = await get(bot, path)
    assert status == 400 and body["error"]


async def test_unknown_paths_and_methods_answer_in_chinese_json(bot):
    status, body = await get(bot, "/nowhere")
    assert status == 404 and body["error"] == "没有这个地址"
    response = await bot.client.delete("/api/tickets")
    assert response.status == 405 and "不支持这个请求方法" in (await response.json())["error"]


# --- clients that never finish ----------------------------------------------------------------------


@pytest.fixture
async def served(engine, clock, monkeypatch):
    """The bot on a real port, run as bot.py runs it, with short limits for clients that never finish."""
    from aiohttp import web

    from bot.web import errors
    from bot.web.app import runner_options
    from bot.wiring import build_app, build_services

    monkeypatch.setattr(errors, "BODY_SECONDS", 0.5)
    settings = Settings()
    services = build_services(settings, engine, clock)
    runner = web.AppRunner(build_app(settings, services, with_scheduler=False), **runner_options(idle_seconds=0.5))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield runner.addresses[0][1]
    await runner.cleanup()


async def test_a_request_whose_headers_never_end_is_dropped(served):
    import asyncio

    reader, writer = await asyncio.open_connection("127.0.0.1", served)
    writer.write(b"POST /api/webchat/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and nothing more
    await writer.drain()
    assert await asyncio.wait_for(reader.read(), timeout=10) == b"", "the server closed the connection"
    writer.close()


async def test_a_body_that_never_arrives_gets_a_408(served):
    import asyncio

    reader, writer = await asyncio.open_connection("127.0.0.1", served)
    head = "POST /api/webchat/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    writer.write((head + "Content-Length: 100\r\n\r\n").encode() + b'{"chat": "g_tx1"')  # 16 of 100 bytes
    await writer.drain()
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=10)
    assert head.startswith(b"HTTP/1.1 408") and b"Connection: close" in head
    length = int(next(line for line in head.split(b"\r\n") if line.startswith(b"Content-Length:")).split(b":")[1])
    body = await asyncio.wait_for(reader.readexactly(length), timeout=10)
    assert "请求体迟迟没有发完".encode() in body
    writer.close()


async def test_a_client_that_disconnects_mid_body_costs_one_line(served, caplog):
    """Logged as one line, not a traceback each (200 uploads gave 200 tracebacks)."""
    import asyncio
    import logging

    caplog.set_level(logging.INFO)
    for _ in range(3):
        _, writer = await asyncio.open_connection("127.0.0.1", served)
        head = "POST /api/webchat/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        writer.write((head + "Content-Length: 500\r\n\r\n").encode() + b'{"chat": "g_tx1", "te')
        await writer.drain()
        writer.close()
        await writer.wait_closed()

    def lines() -> int:
        return sum("disconnected" in record.getMessage() for record in caplog.records)

    for _ in range(100):  # until the server has noticed all three (each turn lets it run)
        if lines() == 3:
            break
        await asyncio.sleep(0.02)
    assert lines() == 3 and [r for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_a_malformed_request_is_one_info_line_not_an_error(served, caplog):
    """aiohttp logs a request it cannot parse as an ERROR with a traceback; a scanner would fill the log."""
    import asyncio
    import logging

    caplog.set_level(logging.INFO)
    for raw in (b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX: " + b"a" * 9000 + b"\r\n\r\n", b"\x16\x03\x01junk\r\n\r\n"):
        reader, writer = await asyncio.open_connection("127.0.0.1", served)
        writer.write(raw)
        await writer.drain()
        answer = await asyncio.wait_for(reader.read(), timeout=10)
        assert answer.split(b"\r\n", 1)[0].endswith(b" 400 Bad Request")
        writer.close()
    server = [r for r in caplog.records if r.name == "aiohttp.server"]
    assert server and all(r.levelno == logging.INFO and r.exc_info is None for r in server)
    assert all("refused a malformed HTTP request" in r.getMessage() for r in server)
