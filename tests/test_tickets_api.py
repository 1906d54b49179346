"""GET /api/tickets and /api/tickets/{n}, and the admin token that guards them."""

import pytest

from bot.config import Settings


async def open_tickets(bot):
    await bot.say("g_tx1", "r_a", "报事 3号楼楼道灯坏了")
    await bot.say("g_tx2", "r_b", "报事 15号楼电梯坏了")
    await bot.say("dm:w_zhang", "w_zhang", "接单 1")


async def test_list_filters_by_status_and_grid(bot):
    await open_tickets(bot)
    everything = await (await bot.client.get("/api/tickets")).json()
    assert everything["total"] == 2 and [t["number"] for t in everything["tickets"]] == [2, 1]
    accepted = await (await bot.client.get("/api/tickets?status=accepted")).json()
    assert [t["number"] for t in accepted["tickets"]] == [1] and accepted["total"] == 1
    second = await (await bot.client.get("/api/tickets?grid=同鑫第二网格")).json()
    assert [t["grid"] for t in second["tickets"]] == ["同鑫第二网格"]
    limited = await (await bot.client.get("/api/tickets?limit=1")).json()
    assert len(limited["tickets"]) == 1 and limited["total"] == 2
    assert "events" not in limited["tickets"][0]


@pytest.mark.parametrize("query", ["?status=lost", "?limit=0", "?limit=9999", "?limit=many"])
async def test_bad_list_queries_are_400(bot, query):
    response = await bot.client.get(f"/api/tickets{query}")
    assert response.status == 400 and "error" in await response.json()


async def test_ticket_numbers_and_missing_tickets(bot):
    await open_tickets(bot)
    assert (await bot.client.get("/api/tickets/%231")).status == 200
    missing = await bot.client.get("/api/tickets/42")
    assert missing.status == 404 and "#42" in (await missing.json())["error"]
    assert (await bot.client.get("/api/tickets/abc")).status == 400


class TestWithAdminToken:
    @pytest.fixture
    def settings(self):
        return Settings(admin_token="s3cret")

    async def test_the_api_and_the_web_chat_need_the_token(self, bot):
        await bot.say("g_tx1", "r_a", "报事 3号楼楼道灯坏了")  # (with the token)
        body = {"chat": "g_tx1", "user": "r_a", "text": "报事 4号楼楼道灯坏了"}
        assert (await bot.client.post("/api/webchat/messages", json=body)).status == 401
        assert (await bot.client.get("/api/webchat/messages?user=w_zhang&chat=dm:w_zhang")).status == 401
        assert (await bot.client.get("/api/webchat/directory")).status == 401
        assert (await bot.client.get("/")).status == 200, "the page itself holds nothing: it asks for the token"
        assert (await bot.client.get("/api/tickets/1")).status == 401
        wrong = await bot.client.get("/api/tickets/1", headers={"Authorization": "Bearer nope"})
        assert wrong.status == 401 and "error" in await wrong.json()
        assert (await bot.client.get("/api/tickets/1", headers=bot.auth)).status == 200
        assert (await bot.client.get("/healthz")).status == 200


class TestWithWebchatOff:
    @pytest.fixture
    def settings(self):
        return Settings(webchat=False)

    async def test_web_chat_routes_are_gone(self, bot):
        assert (await bot.client.get("/")).status == 404
        response = await bot.client.post("/api/webchat/messages", json={"chat": "g_tx1", "user": "a", "text": "x"})
        assert response.status == 404
        assert (await bot.client.get("/api/tickets")).status == 200
