"""The web chat's JSON API: its exact shapes, and clear 4xx answers that change nothing for bad input."""

import json

import pytest

GROUP = "g_tx1"


async def ticket_total(bot) -> int:
    return (await (await bot.client.get("/api/tickets")).json())["total"]


async def log_size(bot, chat=GROUP) -> int:
    return len((await (await bot.client.get(f"/api/webchat/messages?user=r_reader&chat={chat}")).json())["messages"])


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        ({"chat": GROUP, "user": "r_a", "name": "阿", "text": ""}, 400, "text"),
        ({"chat": GROUP, "user": "r_a", "name": "阿", "text": "   "}, 400, "text"),
        ({"chat": GROUP, "name": "阿", "text": "报事 3号楼灯坏了"}, 400, "user"),
        ({"user": "r_a", "text": "报事 3号楼灯坏了"}, 400, "chat"),
        ({"chat": GROUP, "user": "r_a", "text": ["报事"]}, 400, "text"),
        ({"chat": GROUP, "user": "r_a", "text": "报事 " + "灯" * 4000}, 400, "过长"),
        ({"chat": "g_nowhere", "user": "r_a", "text": "报事 3号楼灯坏了"}, 404, "g_nowhere"),
        ({"chat": "dm:w_zhang", "user": "r_a", "text": "接单 1"}, 403, "私聊"),
    ],
)
async def test_bad_messages_get_a_clear_4xx_and_change_nothing(bot, body, status, error):
    response = await bot.client.post("/api/webchat/messages", json=body)
    assert response.status == status
    answer = await response.json()
    assert error in answer["error"]
    assert await ticket_total(bot) == 0 and await log_size(bot) == 0


@pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]", b"\xff\xfe", b""])
async def test_malformed_json_is_400(bot, raw):
    response = await bot.client.post("/api/webchat/messages", data=raw, headers={"Content-Type": "application/json"})
    assert response.status == 400
    assert "error" in await response.json()


async def test_oversized_body_is_413_and_the_server_keeps_serving(bot):
    body = json.dumps({"chat": GROUP, "user": "r_a", "text": "灯" * 100_000}).encode()
    response = await bot.client.post("/api/webchat/messages", data=body, headers={"Content-Type": "application/json"})
    assert response.status == 413
    assert "error" in await response.json()
    assert (await bot.client.get("/healthz")).status == 200
    assert (await bot.say(GROUP, "r_a", "报事 3号楼楼道灯坏了"))["replies"]


async def test_message_without_id_gets_one_and_the_log_keeps_both_sides(bot):
    answer = await bot.say(GROUP, "r_a", "报事 3号楼楼道灯坏了", name="阿")
    assert answer["id"]
    log = (await (await bot.client.get(f"/api/webchat/messages?user=r_reader&chat={GROUP}&after=0")).json())["messages"]
    assert [(m["user"], m["name"]) for m in log] == [("r_a", "阿"), ("bot", "网格通")]
    assert log[0]["text"] == "报事 3号楼楼道灯坏了" and log[0]["at"] == "2026-11-23T09:00:00+08:00"
    assert set(log[1]) == {"seq", "chat", "user", "name", "text", "buttons", "at"}
    later = await (
        await bot.client.get(f"/api/webchat/messages?user=r_reader&chat={GROUP}&after={log[0]['seq']}")
    ).json()
    assert [m["seq"] for m in later["messages"]] == [log[1]["seq"]]


async def test_worker_private_chat_log_shows_the_notification(bot):
    await bot.say(GROUP, "r_a", "报事 3号楼楼道灯坏了")
    log = (await (await bot.client.get("/api/webchat/messages?user=w_zhang&chat=dm:w_zhang")).json())["messages"]
    assert len(log) == 1 and "#1" in log[0]["text"] and log[0]["user"] == "bot"


async def test_long_poll_returns_when_a_message_arrives(bot):
    import asyncio

    waiting = asyncio.ensure_future(
        bot.client.get("/api/webchat/messages?user=w_zhang&chat=dm:w_zhang&after=0&wait=10")
    )
    await asyncio.sleep(0)  # let the request start waiting before the message is sent
    await bot.say(GROUP, "r_a", "报事 3号楼楼道灯坏了")
    response = await asyncio.wait_for(waiting, 5)
    assert len((await response.json())["messages"]) == 1


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("", 400),
        (f"?chat={GROUP}", 400),  # no user
        ("?user=r_reader&chat=g_nowhere", 404),
        (f"?user=r_reader&chat={GROUP}&after=x", 400),
        (f"?user=r_reader&chat={GROUP}&wait=soon", 400),
    ],
)
async def test_bad_log_queries(bot, query, status):
    response = await bot.client.get(f"/api/webchat/messages{query}")
    assert response.status == status and "error" in await response.json()


async def test_buttons_need_data(bot):
    response = await bot.client.post("/api/webchat/buttons", json={"chat": GROUP, "user": "r_a"})
    assert response.status == 400 and "data" in (await response.json())["error"]
    malformed = await bot.client.post(
        "/api/webchat/buttons", json={"chat": GROUP, "user": "r_a", "data": "rate:abc:yes"}
    )
    assert malformed.status == 400
    unknown = await bot.tap(GROUP, "r_a", "rate:999:yes")
    assert "没有找到" in unknown["notice"] and unknown["replies"] == []
    stale = await bot.tap(GROUP, "r_a", "offer:999")
    assert "失效" in stale["notice"] and stale["replies"] == []


async def test_directory_lists_groups_and_staff_for_the_page(bot):
    directory = await (await bot.client.get("/api/webchat/directory")).json()
    assert directory["bot_name"] == "网格通"
    assert {"id": "g_tx1", "name": "同鑫花园1-10号楼居民群"} in directory["groups"]
    zhang = next(p for p in directory["people"] if p["id"] == "w_zhang")
    assert zhang == {"id": "w_zhang", "name": "张网格员", "title": "同鑫第一网格 专职网格员"}


async def test_page_and_static_assets_are_served(bot):
    page = await bot.client.get("/")
    assert page.status == 200 and "网格通" in await page.text()
    assert (await bot.client.get("/static/app.js")).status == 200


async def test_a_message_wakes_only_readers_of_its_own_chat(bot):
    import asyncio

    other, own = bot.services.webchat.change_event("g_ys"), bot.services.webchat.change_event("dm:w_zhang")
    await bot.say(GROUP, "r_a", "报事 3号楼楼道灯坏了")
    await asyncio.wait_for(own.wait(), 5)
    assert not other.is_set()


async def test_a_satisfied_rating_taken_back_in_words_says_which_button_is_chosen_now(bot):
    """The answer names the message and the button now chosen, and the log keeps it, so a page shows 不满意 under
    已改为不满意 (a newcomer's, stops 40 and 41)."""
    await bot.say(GROUP, "r_a", "报事 3号楼楼道灯坏了")
    await bot.say("dm:w_zhang", "w_zhang", "办结 1 已更换灯泡")
    await bot.tap("dm:r_a", "r_a", "rate:1:yes")
    answer = await bot.say("dm:r_a", "r_a", "点错了 其实还没修好")
    log = (await (await bot.client.get("/api/webchat/messages?user=r_a&chat=dm:r_a&after=0")).json())["messages"]
    [rated] = [m for m in log if m["buttons"]]
    assert answer["chosen"] == {"seq": rated["seq"], "data": "rate:1:no"}
    assert [(b["data"], b.get("chosen", False)) for b in rated["buttons"]] == [
        ("rate:1:yes", False),
        ("rate:1:no", True),
    ]
