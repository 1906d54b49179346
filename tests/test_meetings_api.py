"""The meetings API (issue 10): the list of a group's meetings, one meeting with its counts, attendees and
invited parties, and the 签到表 CSV; the issue's example driven over HTTP as the web chat drives it."""

from __future__ import annotations

import csv
import io

import pytest

from bot.config import Settings

GROUP = "g_tx1"
ANNOUNCE = "发起会议 明天下午3点 社区议事厅 议题：东门停车位改造 限5人"


async def get(bot, path: str):
    response = await bot.client.get(path, headers=bot.auth)
    return response.status, response


async def test_the_issue_example_over_http(bot):
    await bot.say(GROUP, "w_zhang", ANNOUNCE, name="张网格员")
    for user, name, text in [
        ("r1", "李阿姨", "参加"), ("r2", "王大爷", "参加 +2"), ("r3", "赵", "不参加"), ("r4", "钱", "待定"),
        ("r5", "孙", "我参加"), ("r6", "周", "我也去"), ("r8", "吴", "今天天气不错"), ("r1", "李阿姨", "来不了了"),
    ]:  # fmt: skip
        await bot.say(GROUP, user, text, name=name)
    status, response = await get(bot, "/api/meetings/1")
    body = await response.json()
    assert status == 200
    assert body["counts"] == {"yes": 3, "guests": 2, "no": 2, "maybe": 1, "waitlist": 0}
    assert body["starts_at"] == "2026-11-24T15:00:00+08:00" and body["capacity"] == 5 and body["status"] == "open"
    assert {a["name"]: (a["answer"], a["guests"], a["waitlisted"]) for a in body["attendees"]} == {
        "王大爷": ("yes", 2, False), "孙": ("yes", 0, False), "周": ("yes", 0, False), "钱": ("maybe", 0, False),
        "李阿姨": ("no", 0, False), "赵": ("no", 0, False),
    }  # fmt: skip
    assert all(a["user"].startswith("r_") for a in body["attendees"])


async def test_the_list_of_a_groups_meetings(bot, clock):
    await bot.say(GROUP, "w_zhang", ANNOUNCE)
    await bot.say("g_tx2", "w_li", "发起会议 后天上午10点 社区活动室 议题：加装电梯")
    status, response = await get(bot, f"/api/meetings?chat={GROUP}")
    [meeting] = (await response.json())["meetings"]
    assert status == 200 and set(meeting) == {"id", "chat", "topic", "place", "starts_at", "capacity", "status"}
    assert (meeting["chat"], meeting["topic"], meeting["place"]) == (GROUP, "东门停车位改造", "社区议事厅")
    assert len((await (await get(bot, "/api/meetings"))[1].json())["meetings"]) == 2
    clock.advance(days=2)
    _, response = await get(bot, f"/api/meetings?chat={GROUP}")
    assert (await response.json())["meetings"][0]["status"] == "closed", "it has started: no more answers"


async def test_invited_parties_are_listed_with_their_answers(bot):
    await bot.say(GROUP, "w_zhang", ANNOUNCE)
    await bot.say("dm:w_zhang", "w_zhang", "邀请 1 物业服务中心 孙书记")
    await bot.tap("dm:d_wuye", "d_wuye", "mt:1:yes")
    _, response = await get(bot, "/api/meetings/1")
    assert (await response.json())["invited"] == [
        {"person": "d_wuye", "name": "物业服务中心", "answer": "yes"},
        {"person": "c_sun", "name": "孙书记", "answer": None},
    ]


async def test_the_sign_in_sheet_is_csv_with_a_bom_for_excel(bot):
    await bot.say(GROUP, "w_zhang", ANNOUNCE)
    await bot.say(GROUP, "r1", "参加 +1", name="5号楼李阿姨")
    await bot.say(GROUP, "r2", "参加", name="王大爷")
    await bot.say(GROUP, "r3", "不参加", name="赵")
    status, response = await get(bot, "/api/meetings/1.csv")
    raw = await response.read()
    assert status == 200 and response.content_type == "text/csv" and raw.startswith("\ufeff".encode())
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[1] == ["序号", "姓名", "楼号", "随行人数", "签名"]
    assert rows[2:] == [["1", "5号楼李阿姨", "5", "1", ""], ["2", "王大爷", "", "0", ""]], "those coming only"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/meetings/9", 404), ("/api/meetings/9.csv", 404), ("/api/meetings/abc", 400),
        ("/api/meetings/0", 400), ("/api/meetings/99999999999", 400), ("/api/meetings?chat=g_nowhere", 404),
        ("/api/meetings?chat=%00", 400),
    ],
)  # fmt: skip
async def test_bad_requests_are_a_clear_4xx_in_chinese(bot, path, status):
    got, response = await get(bot, path)
    assert got == status and (await response.json())["error"]


class TestWithAToken:
    @pytest.fixture
    def settings(self):
        return Settings(admin_token="t" * 24)

    async def test_the_meetings_api_needs_the_token(self, bot):
        for path in ("/api/meetings", "/api/meetings/1", "/api/meetings/1.csv"):
            response = await bot.client.get(path)
            assert response.status == 401, path
        assert (await bot.client.get("/api/meetings", headers=bot.auth)).status == 200


async def test_a_name_in_the_sign_in_sheet_cannot_be_a_spreadsheet_formula(bot):
    await bot.say(GROUP, "w_zhang", ANNOUNCE)
    await bot.say(GROUP, "r1", "参加", name='=HYPERLINK("http://x","点我")')
    _, response = await get(bot, "/api/meetings/1.csv")
    rows = list(csv.reader(io.StringIO((await response.read()).decode("utf-8-sig"))))
    assert rows[2][1] == '\'=HYPERLINK("http://x","点我")'
