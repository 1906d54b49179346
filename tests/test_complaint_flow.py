"""A resident's complaint becomes a routed ticket and is resolved, end to end through the web chat API."""

from tests.helpers import buttons, texts

RESIDENT = "r_liayi"
GROUP = "g_tx1"


async def report(bot, text="报事 3号楼2单元楼道灯坏了好几天了", chat=GROUP, user=RESIDENT, name="李阿姨"):
    return await bot.say(chat, user, text, name=name)


async def test_report_in_group_opens_ticket_routed_to_grid_worker(bot):
    answer = await report(bot)

    group = texts(answer, GROUP)
    assert len(group) == 1 and "工单 #1" in group[0] and "照明" in group[0] and "同鑫第一网格 张网格员" in group[0]
    assert "李阿姨" not in group[0]
    assert any("#1" in t for t in texts(answer, "dm:w_zhang"))
    assert any("工单 #1" in t for t in texts(answer, f"dm:{RESIDENT}"))
    ticket = await bot.ticket(1)
    assert ticket["status"] == "open"
    assert (ticket["category"], ticket["building"], ticket["unit"], ticket["room"]) == ("lighting", 3, 2, None)
    assert (ticket["assignee"], ticket["grid"], ticket["chat"]) == ("w_zhang", "同鑫第一网格", GROUP)
    assert ticket["created_at"] == "2026-11-23T09:00:00+08:00"
    assert [e["type"] for e in ticket["events"]] == ["opened", "assigned"]


async def test_whole_life_of_a_ticket_accept_progress_resolve_satisfied(bot):
    await report(bot)
    bot.clock.advance(minutes=10)
    accepted = await bot.say("dm:w_zhang", "w_zhang", "接单 #1")
    assert any("已接单 #1" in t for t in texts(accepted, "dm:w_zhang"))
    assert any("接单" in t for t in texts(accepted, f"dm:{RESIDENT}"))

    progress = await bot.say("dm:w_zhang", "w_zhang", "进度 1 已联系物业，下午换灯泡")
    assert any("已联系物业" in t for t in texts(progress, f"dm:{RESIDENT}"))

    bot.clock.advance(hours=3)
    resolved = await bot.say("dm:w_zhang", "w_zhang", "办结 1 已更换灯泡")
    rating = buttons(resolved, f"dm:{RESIDENT}")
    assert [b["label"] for b in rating] == ["满意", "不满意"]

    closed = await bot.tap(f"dm:{RESIDENT}", RESIDENT, rating[0]["data"])
    assert any("已关闭" in t for t in texts(closed, f"dm:{RESIDENT}"))
    assert any("满意" in t for t in texts(closed, "dm:w_zhang"))
    assert closed["spent"] is True, "one rating: the page disables both buttons"
    twice = await bot.tap(f"dm:{RESIDENT}", RESIDENT, rating[1]["data"])
    assert (twice["accepted"], twice["spent"], twice["replies"]) == (False, True, []), "closed: rating is over"
    assert twice["notice"] == "工单 #1 当前状态为“已关闭”，现在不能评价。", twice

    ticket = await bot.ticket(1)
    assert ticket["status"] == "closed"
    assert [e["type"] for e in ticket["events"]] == [
        "opened",
        "assigned",
        "accepted",
        "progress",
        "resolved",
        "rated",
        "closed",
    ]
    assert ticket["events"][2] == {
        "at": "2026-11-23T09:10:00+08:00",
        "type": "accepted",
        "actor": "w_zhang",
        "note": "",
    }
    assert ticket["events"][4]["note"] == "已更换灯泡"


async def test_unsatisfied_reopens_and_tells_worker_and_grid_head(bot):
    await report(bot)
    resolved = await bot.say("dm:w_zhang", "w_zhang", "/resolve 1 修好了")
    no = buttons(resolved, f"dm:{RESIDENT}")[1]
    answer = await bot.tap(f"dm:{RESIDENT}", RESIDENT, no["data"])
    assert any("重新打开" in t for t in texts(answer, "dm:w_zhang"))
    assert any("重新打开" in t for t in texts(answer, "dm:w_wang"))
    ticket = await bot.ticket(1)
    assert ticket["status"] == "open"
    assert [e["type"] for e in ticket["events"]][-3:] == ["resolved", "rated", "reopened"]
    # a second tap on the old button changes nothing
    again = await bot.tap(f"dm:{RESIDENT}", RESIDENT, no["data"])
    assert "不能评价" in again["notice"] and again["replies"] == []
    assert (await bot.ticket(1))["events"] == ticket["events"]


async def test_only_the_reporter_may_rate(bot):
    await report(bot)
    resolved = await bot.say("dm:w_zhang", "w_zhang", "办结 1 好了")
    yes = buttons(resolved, f"dm:{RESIDENT}")[0]
    answer = await bot.tap("dm:r_other", "r_other", yes["data"])
    assert "只有反映人" in answer["notice"] and not answer["accepted"]
    assert answer["spent"] is False, "someone else's refused tap leaves the reporter's buttons alone"
    assert (await bot.ticket(1))["status"] == "resolved"


async def test_someone_else_cannot_act_on_a_ticket(bot):
    await report(bot)
    before = await bot.ticket(1)
    li = await bot.say("dm:w_li", "w_li", "接单 1")  # worker of the other grid
    assert any("不由您负责" in t for t in texts(li, "dm:w_li"))
    resident = await bot.say(f"dm:{RESIDENT}", RESIDENT, "办结 1 我自己修好了")
    assert any("网格员" in t for t in texts(resident))
    assert (await bot.ticket(1))["events"] == before["events"]


async def test_grid_head_and_admins_may_act(bot):
    await report(bot)
    head = await bot.say("dm:w_wang", "w_wang", "接单 1")
    assert any("已接单 #1" in t for t in texts(head, "dm:w_wang"))
    street = await bot.say("dm:s_zhao", "s_zhao", "进度 1 街道已督办")
    assert any("进展已记录" in t for t in texts(street, "dm:s_zhao"))
    other_community = await bot.say("dm:c_zhou", "c_zhou", "办结 1 好了")  # 银山社区's admin
    assert any("不由您负责" in t for t in texts(other_community))


async def test_transfer_moves_the_ticket_and_tells_everyone(bot):
    await report(bot)
    answer = await bot.say("dm:w_zhang", "w_zhang", "转派 1 李网格员")
    assert any("转派给同鑫第二网格 李网格员" in t for t in texts(answer, "dm:w_zhang"))
    assert any("接单 1" in t for t in texts(answer, "dm:w_li"))
    assert any("转交" in t for t in texts(answer, f"dm:{RESIDENT}"))
    ticket = await bot.ticket(1)
    assert (ticket["assignee"], ticket["grid"], ticket["status"]) == ("w_li", "同鑫第二网格", "open")
    assert ticket["events"][-1]["type"] == "transferred"
    unknown = await bot.say("dm:w_li", "w_li", "/transfer 1 不存在的人")
    assert any("没有找到" in t for t in texts(unknown))


async def test_worker_commands_explain_their_usage_and_bad_states(bot):
    await report(bot)
    assert any("用法" in t for t in texts(await bot.say("dm:w_zhang", "w_zhang", "接单")))
    assert any("用法" in t for t in texts(await bot.say("dm:w_zhang", "w_zhang", "进度 1")))
    assert any("没有找到工单 #99" in t for t in texts(await bot.say("dm:w_zhang", "w_zhang", "接单 99")))
    await bot.say("dm:w_zhang", "w_zhang", "接单 1")
    assert any("无需接单" in t for t in texts(await bot.say("dm:w_zhang", "w_zhang", "接单 1")))


async def test_mine_lists_the_workers_open_tickets(bot):
    await report(bot)
    await report(bot, "报修 5号楼电梯不动了", user="r_b", name="王大爷")
    mine = texts(await bot.say("dm:w_zhang", "w_zhang", "我的工单"))
    assert len(mine) == 1 and "#1" in mine[0] and "#2" in mine[0]
    assert texts(await bot.say("dm:w_li", "w_li", "/mine")) == ["您目前没有待处理的工单。"]


async def test_resident_query_is_answered_privately(bot):
    await report(bot)
    answer = await bot.say(GROUP, RESIDENT, "我的报事", name="李阿姨")
    assert texts(answer, GROUP) == ["查询结果已私信发给您。"]
    assert any("#1" in t and "待接单" in t for t in texts(answer, f"dm:{RESIDENT}"))


async def test_a_status_question_in_own_words_is_answered_privately_and_opens_nothing(bot):
    """Stop 21: 报修都三天了 … had opened a second ticket as a trigger; now it is asked and answered."""
    await report(bot)
    answer = await bot.say(GROUP, RESIDENT, "报修都三天了 还没人给俺打电话", name="李阿姨")
    assert texts(answer, GROUP) == []  # the group must not learn who has a report (the second review)
    assert any("#1" in t for t in texts(answer, f"dm:{RESIDENT}"))
    listed = await (await bot.client.get("/api/tickets", headers=bot.auth)).json()
    assert listed["total"] == 1  # no second ticket


async def test_a_status_question_from_someone_without_reports_gets_silence(bot):
    assert (await bot.say(GROUP, "r_nobody", "我上周报的漏水咋还没人来", name="赵大爷"))["replies"] == []
    help_ = await bot.say(GROUP, "r_nobody", "@网格通 报修都三天了 还没人来", name="赵大爷")
    assert help_["replies"], "an @-mention still gets an answer from the other handlers"


async def test_lookalike_complaint_gets_an_offer_only_its_author_can_take(bot):
    answer = await bot.say(GROUP, RESIDENT, "7号楼电梯一直有异响，坐着心里发毛", name="李阿姨")
    offer = buttons(answer, GROUP)
    assert len(offer) == 1 and (await bot.client.get("/api/tickets", headers=bot.auth)).status == 200
    stranger = await bot.tap(GROUP, "r_other", offer[0]["data"])
    assert "原发言人" in stranger["notice"] and stranger["replies"] == [], "told on the tap, to the tapper alone"
    assert (stranger["accepted"], stranger["spent"]) == (False, False)
    taken = await bot.tap(GROUP, RESIDENT, offer[0]["data"])
    assert any("工单 #1" in t and "电梯" in t for t in texts(taken, GROUP))
    assert taken["spent"] is True and "notice" not in taken, "the offer's button is used up"
    again = await bot.tap(GROUP, RESIDENT, offer[0]["data"])
    assert "不用重复登记" in again["notice"] and again["replies"] == []
    assert again["spent"] is True, "an offer taken is over for everyone"
    # The group's log keeps the offer's button used up and chosen, for a page drawn again or another member's;
    # never by whom.
    log = await (await bot.client.get(f"/api/webchat/messages?user=r_other&chat={GROUP}")).json()
    [offered] = [m for m in log["messages"] if m["buttons"]]
    assert offered["buttons"] == [{"label": offer[0]["label"], "data": offer[0]["data"], "spent": True, "chosen": True}]
    ticket = await bot.ticket(1)
    assert (ticket["category"], ticket["building"], ticket["assignee"]) == ("elevator", 7, "w_zhang")


async def test_a_tap_says_which_message_it_was_on_and_only_that_one_is_used_up(bot):
    await report(bot)
    first = buttons(await bot.say("dm:w_zhang", "w_zhang", "办结 1 好了"), f"dm:{RESIDENT}")
    no = await bot.tap(f"dm:{RESIDENT}", RESIDENT, first[1]["data"])  # reopened
    assert no["spent"] is True
    second = buttons(await bot.say("dm:w_zhang", "w_zhang", "办结 1 这回真好了"), f"dm:{RESIDENT}")
    log = await (await bot.client.get(f"/api/webchat/messages?user={RESIDENT}&chat=dm:{RESIDENT}")).json()
    rated = [m for m in log["messages"] if m["buttons"]]
    assert len(rated) == 2 and [b["data"] for b in rated[0]["buttons"]] == [b["data"] for b in first]
    assert [b["data"] for b in second] == [b["data"] for b in first], "the same buttons, on two messages"
    body = {"chat": f"dm:{RESIDENT}", "user": RESIDENT, "data": second[0]["data"], "seq": rated[0]["seq"]}
    response = await bot.client.post("/api/webchat/buttons", json=body)
    assert (await response.json())["spent"] is True
    log = await (await bot.client.get(f"/api/webchat/messages?user={RESIDENT}&chat=dm:{RESIDENT}")).json()
    older, newer = [m["buttons"] for m in log["messages"] if m["buttons"]]
    assert all(b.get("spent") for b in older) and [b.get("chosen") for b in older] == [True, True]
    assert not any(b.get("spent") for b in newer), "the message it named, not the latest with that button"
    for seq in (0, -3, "7", True, 2**63):
        bad = await bot.client.post("/api/webchat/buttons", json={**body, "seq": seq})
        assert bad.status == 400 and "seq" in (await bad.json())["error"]


async def test_a_failure_to_mark_the_buttons_used_does_not_turn_a_done_tap_into_an_error(bot, monkeypatch):
    offer = buttons(await bot.say(GROUP, RESIDENT, "7号楼电梯一直有异响，坐着心里发毛"), GROUP)[0]["data"]

    def broken(*_args, **_kwargs):
        raise RuntimeError("database is locked")

    monkeypatch.setattr("storage.repositories.webchat_log.WebchatLog.spend", broken)
    taken = await bot.tap(GROUP, RESIDENT, offer)
    assert taken["accepted"] and taken["spent"]
    assert (await bot.ticket(1))["status"] == "open"


async def test_chatter_is_ignored(bot):
    for line in ("大家早上好！", "哈哈哈哈", "收到", "[图片]", "👍👍👍", "有没有人拼团买大米？"):
        assert (await bot.say(GROUP, RESIDENT, line))["replies"] == []
    body = await (await bot.client.get("/api/tickets", headers=bot.auth)).json()
    assert body["total"] == 0


async def test_dispute_details_never_reach_the_group(bot):
    answer = await report(bot, "投诉 楼上邻居家空调水滴到我家阳台，说了好几次都不改，2号楼")
    group = texts(answer, GROUP)[0]
    assert "工单 #1" in group and "空调" not in group and "邻居" not in group and "矛盾" not in group
    assert any("空调" in t for t in texts(answer, "dm:w_zhang"))


async def test_urgent_complaint_tells_the_grid_head_at_once(bot):
    answer = await report(bot, "报事 2号楼闻到很大的煤气味，是不是燃气泄漏了")
    assert "紧急" in texts(answer, GROUP)[0]
    assert any("紧急" in t for t in texts(answer, "dm:w_zhang"))
    assert any("紧急" in t for t in texts(answer, "dm:w_wang"))
    assert (await bot.ticket(1))["urgent"] is True


async def test_mention_and_slash_report_are_explicit_triggers(bot):
    mention = await bot.say(GROUP, RESIDENT, "@网格通 9号楼2单元楼道堆了很多纸箱子")
    assert any("工单 #1" in t for t in texts(mention, GROUP))
    slash = await bot.say(GROUP, RESIDENT, "/report 3号楼门口有个坑")
    assert any("工单 #2" in t for t in texts(slash, GROUP))
    empty = await bot.say(GROUP, RESIDENT, "报事")
    assert any("请在“报事”后面写上具体问题" in t for t in texts(empty))


async def test_routing_by_building_compound_and_group_binding(bot):
    # a building of the other grid, reported in the first grid's group
    await bot.say(GROUP, RESIDENT, "报事 15号楼门口路灯不亮")
    # no building, grid-bound group → that grid's worker
    await bot.say("g_tx2", RESIDENT, "报事 小区垃圾好几天没人清运")
    # no building, community-bound group → community admin
    await bot.say("g_ysall", RESIDENT, "报事 小区路灯不亮")
    # compound named in a community group → that compound's grid
    await bot.say("g_ysall", RESIDENT, "报事 荷畔小区3号楼楼道灯坏了")
    # compound-bound group, building given → grid
    await bot.say("g_txall", RESIDENT, "报事 12栋电梯坏了")
    got = [(t["assignee"], t["grid"]) for t in [await bot.ticket(n) for n in range(1, 6)]]
    assert got == [
        ("w_li", "同鑫第二网格"),
        ("w_li", "同鑫第二网格"),
        ("c_zhou", None),
        ("w_sun", "荷畔网格"),
        ("w_li", "同鑫第二网格"),
    ]


async def test_private_report_from_a_resident(bot):
    answer = await bot.say("dm:r_new", "r_new", "银山苑5号楼门口井盖没了", name="赵女士")
    assert any("工单 #1" in t for t in texts(answer, "dm:r_new"))
    assert any("#1" in t for t in texts(answer, "dm:w_zhao"))
    assert (await bot.ticket(1))["chat"].startswith("dm:r_")


async def test_repeated_message_id_makes_one_ticket(bot):
    first = await bot.say(GROUP, RESIDENT, "报事 3号楼楼道灯坏了", id="wx-123")
    second = await bot.say(GROUP, RESIDENT, "报事 3号楼楼道灯坏了", id="wx-123")
    assert first["replies"] and second == {"id": "wx-123", "replies": [], "accepted": True, "spent": False}
    body = await (await bot.client.get("/api/tickets", headers=bot.auth)).json()
    assert body["total"] == 1
    log = await (await bot.client.get(f"/api/webchat/messages?user=r_reader&chat={GROUP}")).json()
    assert [m["user"] for m in log["messages"]] == [RESIDENT, "bot"]
