"""Edge cases found in review: odd numbers and characters, triggers in passing, who is told what."""

import pytest

from tests.helpers import buttons, texts

GROUP = "g_tx1"
RESIDENT = "r_liayi"


async def report(bot, text="报事 3号楼2单元楼道灯坏了好几天了", chat=GROUP, user=RESIDENT):
    return await bot.say(chat, user, text, name="李阿姨")


async def total(bot) -> int:
    return (await (await bot.client.get("/api/tickets", headers=bot.auth)).json())["total"]


@pytest.mark.parametrize("number", ["²", "١", "99999999999999999999", "2147483648", "0", "-1", "1e3"])
async def test_odd_ticket_numbers_are_refused_politely_everywhere(bot, number):
    await report(bot)
    command = await bot.say("dm:w_zhang", "w_zhang", f"接单 {number}")
    assert command["replies"], "a worker always gets an answer"
    for data in (f"rate:{number}:yes", f"offer:{number}"):
        body = {"chat": GROUP, "user": RESIDENT, "data": data}
        tapped = await bot.client.post("/api/webchat/buttons", json=body)
        if number.isascii() and number.isdigit() and len(number) <= 10:  # well made: answered (no such ticket…)
            assert tapped.status == 200 and (await tapped.json())["notice"]
        else:  # not what any button carries: refused, and nothing changes
            assert tapped.status == 400 and (await tapped.json())["error"] == "按钮数据无效"
    api = await bot.client.get(f"/api/tickets/{number}", headers=bot.auth)
    assert api.status in (400, 404)  # NFKC reads ² as 2: no such ticket, which is also a fine answer
    assert (await bot.ticket(1))["status"] == "open"


async def test_full_width_command_and_number(bot):
    await report(bot)
    answer = await bot.say("dm:w_zhang", "w_zhang", "接单　＃１")
    assert any("已接单 #1" in t for t in texts(answer))


@pytest.mark.parametrize("text", ["报事 3号楼\x00灯坏了", "报事 \ud800"])
async def test_characters_no_database_can_store_are_400(bot, text):
    response = await bot.client.post("/api/webchat/messages", json={"chat": GROUP, "user": "r_a", "text": text})
    assert response.status == 400 and "无效字符" in (await response.json())["error"]
    assert await total(bot) == 0


async def test_deeply_nested_json_is_400(bot):
    body = b"[" * 30000 + b"]" * 30000
    response = await bot.client.post("/api/webchat/messages", data=body, headers={"Content-Type": "application/json"})
    assert response.status in (400, 413)


@pytest.mark.parametrize("after", ["99999999999999999999", "-5"])
async def test_out_of_range_sequence_numbers_are_400(bot, after):
    response = await bot.client.get(f"/api/webchat/messages?user=r_reader&chat={GROUP}&after={after}")
    assert response.status == 400


@pytest.mark.parametrize(
    "text",
    ["我不是要投诉啊，就是随便说说", "物业让我们打12345投诉热线", "/reporting 今天天气不错", "大家报事要写清楚楼号哦"],
)
async def test_trigger_words_in_passing_open_nothing(bot, text):
    answer = await bot.say(GROUP, RESIDENT, text)
    assert not any("工单 #" in t for t in texts(answer))
    assert await total(bot) == 0


async def test_mentions_and_commands_after_a_mention(bot):
    hello = await bot.say(GROUP, RESIDENT, "@网格通 你好")
    assert any("报事" in t for t in texts(hello, GROUP)) and await total(bot) == 0
    helped = await bot.say(GROUP, RESIDENT, "@网格通 帮助")
    assert any("我是网格通" in t for t in texts(helped, GROUP)) and await total(bot) == 0
    reported = await bot.say(GROUP, RESIDENT, "@网格通 9号楼2单元楼道堆了很多纸箱子，挡着楼梯")
    assert any("工单 #1" in t for t in texts(reported, GROUP))
    assert (await bot.ticket(1))["building"] == 9


async def test_worker_commands_in_a_group_are_sent_to_the_private_chat(bot):
    await report(bot)
    answer = await bot.say(GROUP, "w_zhang", "进度 1 已联系物业报修")
    assert texts(answer, GROUP) == ["工单命令请在与我的私聊中使用，群里只显示登记和处理结果。"]
    await bot.say(GROUP, "w_zhang", "办结 1 灯已经换好了")
    assert await total(bot) == 1 and (await bot.ticket(1))["status"] == "open"


async def test_staff_free_text_in_private_is_not_a_ticket(bot):
    answer = await bot.say("dm:w_zhang", "w_zhang", "5号楼电梯坏了我去看一下")
    assert any("接单 N" in t for t in texts(answer)) and await total(bot) == 0
    typo = await bot.say("dm:w_zhang", "w_zhang", "办接 1 已处理")
    assert typo["replies"] and await total(bot) == 0
    explicit = await bot.say("dm:w_zhang", "w_zhang", "报事 同鑫花园5号楼电梯坏了")
    assert any("工单 #1" in t for t in texts(explicit))


async def test_residents_my_tickets_means_their_reports(bot):
    await report(bot)
    answer = await bot.say(f"dm:{RESIDENT}", RESIDENT, "我的工单")
    assert any("#1" in t and "待接单" in t for t in texts(answer))


async def test_same_client_id_in_two_chats_are_two_messages(bot):
    first = await bot.say(GROUP, "r_a", "报事 3号楼楼道灯坏了", id="42")
    second = await bot.say("g_ys", "r_b", "报事 5号楼楼道灯坏了", id="42")
    assert first["replies"] and second["replies"] and await total(bot) == 2


async def test_a_retried_button_tap_with_an_id_is_not_applied_twice(bot):
    await report(bot)
    resolved = await bot.say("dm:w_zhang", "w_zhang", "办结 1 好了")
    no = buttons(resolved, f"dm:{RESIDENT}")[1]["data"]
    body = {"chat": f"dm:{RESIDENT}", "user": RESIDENT, "data": no, "id": "tap-1"}
    first = await (await bot.client.post("/api/webchat/buttons", json=body)).json()
    again = await (await bot.client.post("/api/webchat/buttons", json=body)).json()
    assert first["replies"] and again == {"id": "tap-1", "replies": [], "accepted": True, "spent": True}
    # a retried tap that was turned down is turned down again, with the same reason, and changes nothing
    refused = {"chat": f"dm:{RESIDENT}", "user": RESIDENT, "data": no, "id": "tap-2"}
    once = await (await bot.client.post("/api/webchat/buttons", json=refused)).json()
    twice = await (await bot.client.post("/api/webchat/buttons", json=refused)).json()
    assert once["accepted"] is False and "不能评价" in once["notice"]
    assert twice == {"id": "tap-2", "replies": [], "accepted": False, "spent": True, "notice": once["notice"]}
    # …but only to the same person's tap on the same button: an id reused for another tap learns nothing of it
    other = {"chat": f"dm:{RESIDENT}", "user": RESIDENT, "data": "rate:1:yes", "id": "tap-2"}
    reused = await (await bot.client.post("/api/webchat/buttons", json=other)).json()
    assert reused == {"id": "tap-2", "replies": [], "accepted": True, "spent": False}


async def test_offer_cannot_be_taken_from_another_chat(bot):
    offer = buttons(await bot.say(GROUP, RESIDENT, "7号楼电梯一直有异响，坐着心里发毛"), GROUP)[0]["data"]
    answer = await bot.tap("g_tx2", RESIDENT, offer)
    assert "失效" in answer["notice"] and await total(bot) == 0


async def test_unknown_button_data_is_refused_over_the_api_and_answered_on_a_platform(bot, chat):
    response = await bot.client.post("/api/webchat/buttons", json={"chat": GROUP, "user": RESIDENT, "data": "x:y"})
    assert response.status == 400 and (await response.json())["error"] == "按钮数据无效"
    from tests.factories import inbound

    tapped = chat.send(inbound(button="something:else", chat=GROUP, user=RESIDENT, platform="telegram"))
    assert tapped.taken, "a platform's tap cannot be refused: it is answered (the queue holds the reply)"


async def test_rating_answer_goes_to_the_private_chat_even_if_tapped_in_a_group(bot):
    await report(bot)
    resolved = await bot.say("dm:w_zhang", "w_zhang", "办结 1 好了")
    yes = buttons(resolved, f"dm:{RESIDENT}")[0]["data"]
    answer = await bot.tap(GROUP, RESIDENT, yes)
    assert texts(answer, GROUP) == [] and any("已关闭" in t for t in texts(answer, f"dm:{RESIDENT}"))


async def test_closed_and_resolved_tickets_refuse_what_their_state_forbids(bot):
    await report(bot)
    resolved = await bot.say("dm:w_zhang", "w_zhang", "办结 1 好了")
    yes, no = (b["data"] for b in buttons(resolved, f"dm:{RESIDENT}"))
    transfer = await bot.say("dm:w_zhang", "w_zhang", "转派 1 李网格员")
    assert any("不能转派" in t for t in texts(transfer))
    await bot.tap(f"dm:{RESIDENT}", RESIDENT, yes)
    reopen = await bot.tap(f"dm:{RESIDENT}", RESIDENT, no)
    assert "不能评价" in reopen["notice"]
    assert (await bot.ticket(1))["status"] == "closed"


async def test_transfer_to_the_same_person_is_refused(bot):
    await report(bot)
    answer = await bot.say("dm:w_zhang", "w_zhang", "转派 1 张网格员")
    assert any("已经由这位同志负责" in t for t in texts(answer))
    assert (await bot.ticket(1))["events"][-1]["type"] == "assigned"


async def test_head_acting_tells_the_assignee_and_transfer_tells_the_previous_one(bot):
    await report(bot)
    accepted = await bot.say("dm:w_wang", "w_wang", "接单 1")
    assert any("王网格长接单" in t for t in texts(accepted, "dm:w_zhang"))
    moved = await bot.say("dm:w_wang", "w_wang", "转派 1 李网格员")
    assert any("已转派给" in t for t in texts(moved, "dm:w_zhang"))


async def test_transfer_to_another_community_moves_who_may_act(bot):
    await report(bot)
    await bot.say("dm:w_zhang", "w_zhang", "转派 1 孙网格员")
    ticket = await bot.ticket(1)
    assert (ticket["assignee"], ticket["grid"]) == ("w_sun", "荷畔网格")
    new_admin = await bot.say("dm:c_zhou", "c_zhou", "进度 1 社区已督办")
    assert any("进展已记录" in t for t in texts(new_admin))
    old_admin = await bot.say("dm:c_sun", "c_sun", "进度 1 我来看看")
    assert any("不由您负责" in t for t in texts(old_admin))


@pytest.mark.parametrize("who", ["w_liu", "w_qian", "d_wuye", "w_li", "c_zhou"])
async def test_other_roles_may_not_act(bot, who):
    await report(bot)
    for command in ("接单 1", "进度 1 看看", "办结 1 好了", "转派 1 李网格员"):
        answer = await bot.say(f"dm:{who}", who, command)
        assert any("不由您负责" in t for t in texts(answer)), (who, command)
    assert [e["type"] for e in (await bot.ticket(1))["events"]] == ["opened", "assigned"]


async def test_the_group_never_sees_the_reporters_name_through_a_whole_life(bot):
    group_texts = texts(await report(bot), GROUP)
    for user, command in (("w_zhang", "接单 1"), ("w_zhang", "进度 1 在修"), ("w_zhang", "办结 1 好了")):
        group_texts += texts(await bot.say(f"dm:{user}", user, command), GROUP)
    log = await (await bot.client.get(f"/api/webchat/messages?user=r_reader&chat={GROUP}")).json()
    bot_lines = [m["text"] for m in log["messages"] if m["user"] == "bot"]
    assert bot_lines and not any("李阿姨" in t or RESIDENT in t for t in bot_lines + group_texts)


async def test_shutdown_wakes_long_polls(bot):
    import asyncio

    poll = asyncio.ensure_future(bot.client.get("/api/webchat/messages?user=r_reader&chat=g_ys&after=0&wait=20"))
    await asyncio.sleep(0.05)  # lets the request reach its wait; the wake below is what ends it
    bot.services.webchat.wake_everyone()
    response = await asyncio.wait_for(poll, 5)
    assert response.status == 200
