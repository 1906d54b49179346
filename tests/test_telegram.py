"""The Telegram channel end to end: the real python-telegram-bot inside our aiohttp server, talking over HTTP to
a stand-in Bot API server (tests/fakes/telegram_api.py). Nothing of PTB is mocked; time is a fixed clock that
the tests move, so rate limits and retries are checked without sleeping."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import pytest
from sqlmodel import Session, col, select

from bot.channels.telegram import MAX_CALLBACK_DATA, inline_keyboard, split_text
from bot.config import Settings, TelegramSettings
from bot.messages import Button
from bot.outbox import MAX_ATTEMPTS
from bot.web.telegram_routes import SECRET_HEADER, WEBHOOK_PATH
from bot.wiring import build_app, build_services
from storage.models import OutboxMessage, PlatformAccount, ProcessedMessage, Ticket
from tests.fakes.telegram_api import FakeTelegramAPI, running_fake_telegram

SECRET = "s3cret-token_for-tests"
GROUP = -1001000000001  # g_tx1, 同鑫花园1-10号楼居民群, in the demo roster
WORKER = 910002  # w_zhang, 张网格员, full-time worker of 同鑫第一网格
HEAD = 910001  # w_wang, 王网格长
ADMIN = 900001  # c_sun, 孙书记, community admin of 同鑫社区
RESIDENT = 5550001  # not in the roster: a resident


@dataclass
class Telegram:
    client: object
    services: object
    fake: FakeTelegramAPI
    clock: object

    async def post(self, update: dict, secret: str | None = SECRET):
        headers = {SECRET_HEADER: secret} if secret is not None else {}
        return await self.client.post(WEBHOOK_PATH, json=update, headers=headers)

    async def say(self, chat: int, user: int, text: str, **kw) -> dict:
        update = self.fake.message_update(chat, user, text, **kw)
        response = await self.post(update)
        assert response.status == 200, await response.text()
        return update

    async def tap(self, chat: int, user: int, data: str) -> None:
        response = await self.post(self.fake.callback_update(chat, user, data))
        assert response.status == 200, await response.text()

    async def deliver(self, rounds: int = 40) -> list[dict]:
        """Drain the outbox like the running bot would, moving the clock past rate limits; what was sent."""
        before = len(self.fake.sent_messages())
        deliverer = self.services.deliverers[0]
        for _ in range(rounds):
            await deliverer.drain()
            if not self.pending():
                break
            self.clock.advance(seconds=1.1)
        return self.fake.sent_messages()[before:]

    def pending(self) -> int:
        """Telegram rows neither sent nor given up (or held for someone who cannot be reached)."""
        with Session(self.services.engine) as session:
            query = select(OutboxMessage).where(
                OutboxMessage.platform == "telegram",
                col(OutboxMessage.sent_at).is_(None),
                OutboxMessage.attempts < MAX_ATTEMPTS,
            )
            return len(list(session.exec(query)))

    def tickets(self) -> list[Ticket]:
        with Session(self.services.engine) as session:
            return list(session.exec(select(Ticket).order_by(Ticket.id)))


def texts(sent: list[dict], chat: int) -> list[str]:
    return [m["text"] for m in sent if m["chat_id"] == chat]


def telegram_settings(fake: FakeTelegramAPI, webhook: bool = True) -> Settings:
    url = "https://bot.example.org/telegram/webhook" if webhook else None
    return Settings(telegram=TelegramSettings(fake.token, fake.base_url, url, SECRET if webhook else None))


@pytest.fixture
async def fake():
    async with running_fake_telegram() as fake:
        yield fake


async def start_bot(engine, clock, fake, aiohttp_client, webhook: bool = True) -> Telegram:
    settings = telegram_settings(fake, webhook)
    services = build_services(settings, engine, clock)
    client = await aiohttp_client(build_app(settings, services, with_scheduler=False))
    return Telegram(client, services, fake, clock)


@pytest.fixture
async def tg(engine, clock, fake, aiohttp_client) -> Telegram:
    return await start_bot(engine, clock, fake, aiohttp_client)


async def test_start_up_signs_in_and_sets_the_webhook_with_its_secret(tg):
    assert tg.fake.calls_to("getMe")
    assert tg.fake.webhook_url == "https://bot.example.org/telegram/webhook"
    assert tg.fake.webhook_secret == SECRET
    assert set(tg.fake.calls_to("setWebhook")[0].params["allowed_updates"]) == {"message", "callback_query"}


async def test_a_ticket_from_report_to_satisfied_rating_over_telegram(tg):
    await tg.say(GROUP, RESIDENT, "报事 3号楼2单元楼道灯坏了", first_name="李阿姨")
    sent = await tg.deliver()
    group = texts(sent, GROUP)
    assert len(group) == 1 and "工单 #1" in group[0] and "张网格员" in group[0]
    assert "李阿姨" not in group[0]
    assert "https://t.me/wanggetong_bot" in group[0], "how a reporter gets private notices on Telegram"
    assert any("#1" in text and "3号楼" in text for text in texts(sent, WORKER))
    assert any("工单 #1" in text for text in texts(sent, RESIDENT))

    await tg.say(WORKER, WORKER, "接单 1")
    sent = await tg.deliver()
    assert any("#1" in text and "接单" in text for text in texts(sent, RESIDENT))

    await tg.say(WORKER, WORKER, "办结 #1 已更换灯泡")
    sent = await tg.deliver()
    rating = [m for m in sent if m["chat_id"] == RESIDENT and m.get("reply_markup")]
    assert len(rating) == 1
    keyboard = rating[0]["reply_markup"]["inline_keyboard"][0]
    assert [b["text"] for b in keyboard] == ["满意", "不满意"]
    assert all(len(b["callback_data"].encode()) <= MAX_CALLBACK_DATA for b in keyboard)

    await tg.tap(RESIDENT, RESIDENT, keyboard[0]["callback_data"])
    assert tg.fake.calls_to("answerCallbackQuery"), "every button tap is answered"
    [edit] = tg.fake.calls_to("editMessageReplyMarkup")
    assert str(edit.params["chat_id"]) == str(RESIDENT) and not edit.params.get("reply_markup"), (
        "one rating: the two buttons are taken off the message"
    )
    assert tg.tickets()[0].status == "closed"
    events = (await (await tg.client.get("/api/tickets/1")).json())["events"]
    assert [e["type"] for e in events][-2:] == ["rated", "closed"]


async def test_the_webhook_refuses_a_missing_or_wrong_secret_and_does_nothing(tg):
    update = tg.fake.message_update(GROUP, RESIDENT, "报事 3号楼楼道灯坏了")
    for secret in (None, "wrong", ""):
        response = await tg.post(update, secret=secret)
        assert response.status == 403
        assert "error" in await response.json()
    assert tg.tickets() == []
    with Session(tg.services.engine) as session:
        assert session.exec(select(ProcessedMessage).where(ProcessedMessage.platform == "telegram")).first() is None


async def test_bad_webhook_bodies_get_a_400(tg):
    for body in ({"no": "update"}, {"update_id": "7"}, [1, 2]):
        response = await tg.client.post(WEBHOOK_PATH, json=body, headers={SECRET_HEADER: SECRET})
        assert response.status == 400, body
    json_type = {SECRET_HEADER: SECRET, "Content-Type": "application/json"}
    response = await tg.client.post(WEBHOOK_PATH, data=b"{not json", headers=json_type)
    assert response.status == 400
    response = await tg.client.post(WEBHOOK_PATH, data=b"{}", headers={SECRET_HEADER: SECRET})
    assert response.status == 415, "Telegram always says it is JSON"


async def test_a_repeated_update_id_is_handled_once_even_after_a_restart(engine, clock, fake, aiohttp_client, tg):
    update = tg.fake.message_update(GROUP, RESIDENT, "报事 5号楼电梯不动了")
    for _ in range(3):
        assert (await tg.post(update)).status == 200
    assert len(tg.tickets()) == 1
    first_round = await tg.deliver()

    restarted = await start_bot(engine, clock, fake, aiohttp_client)
    assert (await restarted.post(update)).status == 200
    assert len(restarted.tickets()) == 1
    assert await restarted.deliver() == []
    assert len(texts(first_round, GROUP)) == 1


async def test_429_retry_after_is_honoured(tg):
    tg.fake.fail_next(
        "sendMessage",
        GROUP,
        error_code=429,
        description="Too Many Requests: retry after 7",
        parameters={"retry_after": 7},
    )
    await tg.say(GROUP, RESIDENT, "报事 6号楼门口垃圾没人清运")
    deliverer = tg.services.deliverers[0]
    report = await deliverer.drain()
    assert report.deferred == 1 and texts(tg.fake.sent_messages(), GROUP) == []
    tg.clock.advance(seconds=5)
    await deliverer.drain()
    assert texts(tg.fake.sent_messages(), GROUP) == [], "not before retry_after has passed"
    tg.clock.advance(seconds=2.5)
    await deliverer.drain()
    assert len(texts(tg.fake.sent_messages(), GROUP)) == 1
    with Session(tg.services.engine) as session:
        row = session.exec(select(OutboxMessage).where(OutboxMessage.address == str(GROUP))).one()
    assert row.sent_at is not None and row.attempts == 1


async def test_rate_limits_space_out_messages_to_one_chat(tg):
    for n in range(1, 4):
        await tg.say(GROUP, RESIDENT + n, f"报事 {n}号楼楼道灯坏了")
    deliverer = tg.services.deliverers[0]
    await deliverer.drain()
    assert len(texts(tg.fake.sent_messages(), GROUP)) == 1, "about one message a second to a chat"
    tg.clock.advance(seconds=1.1)
    await deliverer.drain()
    assert len(texts(tg.fake.sent_messages(), GROUP)) == 2
    sent = await tg.deliver()
    assert len(texts(tg.fake.sent_messages(), GROUP)) == 3 and sent


async def test_a_worker_who_never_started_the_bot_is_recorded_their_head_told_and_asked_in_the_group(tg):
    tg.fake.forbid(WORKER)
    await tg.say(GROUP, RESIDENT, "报事 3号楼2单元楼道灯坏了")
    sent = await tg.deliver()
    assert texts(sent, WORKER) == []
    head = texts(sent, HEAD)
    assert len(head) == 1 and "张网格员" in head[0] and "https://t.me/wanggetong_bot" in head[0]
    asks = [text for text in texts(sent, GROUP) if "通知失败" in text]
    assert len(asks) == 1 and "https://t.me/wanggetong_bot" in asks[0]
    with Session(tg.services.engine) as session:
        account = session.exec(select(PlatformAccount).where(PlatformAccount.external_id == str(WORKER))).one()
        assert account.unreachable_since is not None

    await tg.say(GROUP, RESIDENT, "报事 4号楼电梯不动了")
    sent = await tg.deliver()
    assert texts(sent, HEAD) == [], "the head is told once, not for every message"

    tg.fake.forbidden.discard(WORKER)
    await tg.say(WORKER, WORKER, "/start")
    sent = await tg.deliver()
    held = texts(sent, WORKER)
    assert any("#1" in text for text in held) and any("#2" in text for text in held), "what they missed arrives"


async def test_texts_over_4096_characters_are_split(tg):
    await tg.say(GROUP, RESIDENT, "报事 3号楼2单元楼道灯坏了")
    await tg.deliver()
    note = "已联系物业维修。" * 520  # about 4 160 characters, so the resident's notice is longer than 4 096
    await tg.say(WORKER, WORKER, f"进度 1 {note}")
    sent = texts(await tg.deliver(), RESIDENT)
    assert len(sent) == 2 and all(len(part) <= 4096 for part in sent)
    assert note[:100] in sent[0] + sent[1] and "".join(sent).count("已联系物业维修") == 520


def test_split_text_prefers_line_ends_and_counts_utf16():
    assert split_text("短") == ["短"]
    lines = "\n".join(["一行字" * 300] * 10)  # 9 009 characters
    parts = split_text(lines)
    assert len(parts) == 3 and "".join(parts) == lines, "consecutive slices, so a remainder is exact"
    assert all(len(p.strip("\n")) <= 4096 for p in parts) and all(p.endswith("\n") for p in parts[:-1])
    emoji = "😀" * 3000  # 6 000 UTF-16 units
    parts = split_text(emoji)
    assert "".join(parts) == emoji and all(len(p) * 2 <= 4096 for p in parts)


def test_button_data_over_64_bytes_is_refused_loudly():
    assert inline_keyboard((Button("满意", "rate:2147483647:yes"),)) is not None
    with pytest.raises(ValueError, match="64 bytes"):
        inline_keyboard((Button("x", "评" * 22),))  # 66 bytes of UTF-8


async def test_a_group_upgraded_to_a_supergroup_gets_its_new_id_stored(tg):
    new_id = -1009999000001
    tg.fake.fail_next(
        "sendMessage",
        GROUP,
        error_code=400,
        description="Bad Request: group chat was upgraded to a supergroup chat",
        parameters={"migrate_to_chat_id": new_id},
        times=10,  # as Telegram does: the old id is refused for good
    )
    await tg.say(GROUP, RESIDENT, "报事 3号楼楼道灯坏了")
    sent = await tg.deliver()
    assert len(texts(sent, new_id)) == 1 and texts(sent, GROUP) == []
    await tg.say(new_id, RESIDENT, "报事 5号楼电梯坏了", chat_type="supergroup", chat_title="同鑫1-10号楼")
    assert [t.chat for t in tg.tickets()] == ["g_tx1", "g_tx1"], "the new id is the same roster group"

    await tg.services.db.run(_import_demo_roster_again, tg.services.engine)  # the file still has the old id
    tg.services.dispatcher.rosters.forget()
    await tg.say(new_id, RESIDENT, "报事 6号楼电梯坏了", chat_type="supergroup")
    group = [m for m in await tg.deliver() if m["chat_id"] in (GROUP, new_id)]
    assert [m["chat_id"] for m in group] == [new_id, new_id], "each notice once, to the new id only"


async def test_an_unknown_group_hears_once_and_an_admin_binds_it(tg):
    stranger = -100777
    await tg.say(stranger, RESIDENT, "报事 3号楼楼道灯坏了", chat_title="新群")
    await tg.say(stranger, RESIDENT, "有人吗")
    sent = await tg.deliver()
    notices = texts(sent, stranger)
    assert len(notices) == 1 and "本群尚未登记" in notices[0]
    assert "私聊我报事" in notices[0] and "https://t.me/wanggetong_bot" in notices[0], "where to report meanwhile"
    assert tg.tickets() == []

    await tg.say(stranger, RESIDENT, "绑定 g_txall")
    await tg.say(stranger, ADMIN, "/bind@wanggetong_bot g_ys")  # 银山社区: not c_sun's community
    await tg.say(stranger, ADMIN, "绑定 g_txall")
    replies = texts(await tg.deliver(), stranger)
    assert "只有" in replies[0] and "只有" in replies[1] and "已登记为“同鑫社区居民总群”" in replies[2]

    await tg.say(stranger, RESIDENT, "报事 同鑫花园3号楼楼道灯坏了")
    assert [t.chat for t in tg.tickets()] == ["g_txall"]
    await tg.services.deliverers[0].drain()
    assert (await tg.services.db.run(_import_demo_roster_again, tg.services.engine)) == "g_txall", (
        "re-importing the roster file keeps a group bound from the chat"
    )


def _import_demo_roster_again(engine) -> str | None:
    from storage.roster import import_roster
    from storage.roster_parse import load_roster
    from tests.conftest import DEMO_ROSTER

    import_roster(engine, load_roster(DEMO_ROSTER))
    with Session(engine) as session:
        account = session.exec(select(PlatformAccount).where(PlatformAccount.external_id == "-100777")).first()
        return account.chat_id if account else None


async def test_mentions_and_commands_addressed_to_the_bot(tg):
    update = tg.fake.message_update(GROUP, RESIDENT, "@wanggetong_bot 7号楼楼道里的灯一直不亮")
    update["message"]["entities"] = [{"type": "mention", "offset": 0, "length": 15}]
    assert (await tg.post(update)).status == 200
    await tg.say(GROUP, RESIDENT + 1, "/report@otherbot 8号楼电梯坏了")
    await tg.say(GROUP, RESIDENT + 2, "/report@wanggetong_bot 9号楼电梯坏了")
    assert [t.building for t in tg.tickets()] == [7, 9]
    assert "@wanggetong_bot" not in tg.tickets()[0].text


async def test_privacy_mode_on_is_warned_about_at_start_up(engine, clock, aiohttp_client, caplog):
    async with running_fake_telegram(can_read_all_group_messages=False) as fake:
        with caplog.at_level(logging.WARNING, logger="bot.channels.telegram"):
            await start_bot(engine, clock, fake, aiohttp_client)
    assert any("privacy mode" in r.message and "/setprivacy" in r.message for r in caplog.records)


async def test_long_polling_without_a_webhook_url(engine, clock, fake, aiohttp_client):
    bot = await start_bot(engine, clock, fake, aiohttp_client, webhook=False)
    handled = asyncio.Event()
    dispatch = bot.services.telegram._dispatch

    async def dispatch_and_note(inbound):
        result = await dispatch(inbound)
        handled.set()
        return result

    bot.services.telegram._dispatch = dispatch_and_note
    assert fake.calls_to("deleteWebhook") and not fake.calls_to("setWebhook")
    fake.push_update(fake.message_update(GROUP, RESIDENT, "报事 3号楼楼道灯坏了"))
    await asyncio.wait_for(handled.wait(), 5)
    assert len(bot.tickets()) == 1
    sent = await bot.deliver()
    assert len(texts(sent, GROUP)) == 1


async def test_a_tap_is_answered_even_when_handling_it_fails_and_telegram_is_asked_to_retry(tg):
    async def broken(_inbound):
        raise RuntimeError("database down")

    tg.services.telegram._dispatch = broken
    response = await tg.post(tg.fake.callback_update(RESIDENT, RESIDENT, "rate:1:yes"))
    assert response.status == 500, "Telegram sends the update again later"
    assert len(tg.fake.calls_to("answerCallbackQuery")) == 1


async def test_a_refused_answer_to_a_handled_tap_is_no_reason_for_a_retry(tg):
    await tg.say(GROUP, RESIDENT, "7号楼电梯一直有异响，坐着心里发毛")  # looks like a complaint: an offer button
    sent = await tg.deliver()
    offer = next(m for m in sent if m["chat_id"] == GROUP and m.get("reply_markup"))
    data = offer["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    tg.fake.fail_next("answerCallbackQuery", error_code=400, description="Bad Request: query is too old")
    await tg.tap(GROUP, RESIDENT, data)
    assert len(tg.tickets()) == 1
    assert len(tg.fake.calls_to("editMessageReplyMarkup")) == 1, "the used button is taken off all the same"


async def test_a_failed_edit_of_the_buttons_leaves_the_tap_answered_and_handled(tg):
    await tg.say(GROUP, RESIDENT, "7号楼电梯一直有异响，坐着心里发毛")
    sent = await tg.deliver()
    offer = next(m for m in sent if m["chat_id"] == GROUP and m.get("reply_markup"))
    data = offer["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    tg.fake.fail_next("editMessageReplyMarkup", error_code=400, description="Bad Request: message can't be edited")
    response = await tg.post(tg.fake.callback_update(GROUP, RESIDENT, data))
    assert response.status == 200 and len(tg.tickets()) == 1
    [answer] = tg.fake.calls_to("answerCallbackQuery")
    assert "text" not in answer.params, "a tap that worked is answered without a note"


async def test_a_tap_on_a_button_that_is_over_gets_a_passing_note_and_the_buttons_go(tg):
    await tg.say(GROUP, RESIDENT, "7号楼电梯一直有异响，坐着心里发毛")
    sent = await tg.deliver()
    offer = next(m for m in sent if m["chat_id"] == GROUP and m.get("reply_markup"))
    data = offer["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    await tg.tap(GROUP, RESIDENT, data)
    await tg.tap(GROUP, RESIDENT, data)  # a second tap before the keyboard went
    answers = tg.fake.calls_to("answerCallbackQuery")
    assert "不用重复登记" in answers[1].params["text"] and answers[1].params.get("show_alert") in (None, False, "false")
    assert len(tg.tickets()) == 1 and len(tg.fake.calls_to("editMessageReplyMarkup")) == 2
    assert sum("不用重复登记" in m["text"] for m in await tg.deliver()) == 0, "the refusal is on the tap alone"
    await tg.tap(GROUP, RESIDENT, "nosuch:1")  # a button no route knows
    stale = tg.fake.calls_to("answerCallbackQuery")[2].params
    assert "已失效" in stale["text"] and stale.get("show_alert") in (None, False, "false")
    assert len(tg.fake.calls_to("editMessageReplyMarkup")) == 3, "a button nobody knows is taken off too"
    assert await tg.deliver() == [], "nothing said in the group"


async def test_a_tap_turned_down_in_a_group_is_answered_on_the_tap_to_the_tapper_alone(tg):
    await tg.say(GROUP, RESIDENT, "7号楼电梯一直有异响，坐着心里发毛")  # looks like a complaint: an offer button
    sent = await tg.deliver()
    offer = next(m for m in sent if m["chat_id"] == GROUP and m.get("reply_markup"))
    data = offer["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    stranger = 5550099
    tapped = tg.fake.callback_update(GROUP, stranger, data)
    assert (await tg.post(tapped)).status == 200
    assert (await tg.post(tapped)).status == 200  # the same tap again (Telegram's retry): the same answer
    answer, again = tg.fake.calls_to("answerCallbackQuery")
    assert again.params["text"] == answer.params["text"]
    assert "原发言人" in answer.params["text"] and answer.params["show_alert"] in (True, "true")
    assert await tg.deliver() == [], "neither the group nor a stranger who never pressed Start is written to"
    assert tg.tickets() == [] and not tg.fake.calls_to("editMessageReplyMarkup")
    await tg.tap(GROUP, RESIDENT, data)
    assert len(tg.tickets()) == 1
    [edit] = tg.fake.calls_to("editMessageReplyMarkup")
    assert str(edit.params["chat_id"]) == str(GROUP) and not edit.params.get("reply_markup"), "the offer taken"


async def test_malformed_updates_with_the_right_secret_get_a_400(tg):
    for body in ({"update_id": 1, "message": "x"}, {"update_id": 2, "callback_query": [1]}):
        response = await tg.client.post(WEBHOOK_PATH, json=body, headers={SECRET_HEADER: SECRET})
        assert response.status == 400, body


async def test_two_messages_refused_for_a_moved_group_in_one_round_keep_its_account(tg):
    from bot.messages import Limits
    from bot.outbox.limits import RateLimits

    deliverer = tg.services.deliverers[0]
    deliverer.limits = RateLimits(Limits(), tg.clock)  # no spacing: both rows to the group go in one round
    new_id = -1009999000002
    moved = {"migrate_to_chat_id": new_id}
    tg.fake.fail_next(
        "sendMessage", GROUP, error_code=400, description="Bad Request: upgraded", parameters=moved, times=2
    )
    await tg.say(GROUP, RESIDENT, "报事 3号楼楼道灯坏了")
    await tg.say(GROUP, RESIDENT + 1, "报事 4号楼楼道灯坏了")
    sent = await tg.deliver()
    assert len(texts(sent, new_id)) == 2
    with Session(tg.services.engine) as session:
        accounts = session.exec(select(PlatformAccount).where(PlatformAccount.chat_id == "g_tx1")).all()
    assert str(new_id) in {a.external_id for a in accounts if a.platform == "telegram"}


async def test_a_group_upgrade_announced_by_telegram_is_followed_before_anyone_reports(tg):
    new_id = -1009999000003
    update = tg.fake.message_update(new_id, ADMIN, "", chat_type="supergroup", chat_title="同鑫1-10号楼")
    del update["message"]["text"]
    update["message"]["migrate_from_chat_id"] = GROUP
    assert (await tg.post(update)).status == 200
    await tg.say(new_id, RESIDENT, "报事 3号楼楼道灯坏了", chat_type="supergroup")
    assert [t.chat for t in tg.tickets()] == ["g_tx1"], "not taken for an unregistered group"
    sent = await tg.deliver()
    assert len(texts(sent, new_id)) == 1 and not any("尚未登记" in m["text"] for m in sent)


async def test_a_resident_who_never_started_the_bot_gets_their_notices_once_they_write(tg):
    tg.fake.forbid(RESIDENT)
    await tg.say(GROUP, RESIDENT, "报事 3号楼2单元楼道灯坏了")
    sent = await tg.deliver()
    assert len(texts(sent, GROUP)) == 1, "the group still hears of the ticket"
    assert texts(sent, HEAD) == [] and not any("通知失败" in m["text"] for m in sent), "nobody is told of a resident"
    tg.fake.forbidden.discard(RESIDENT)
    await tg.say(RESIDENT, RESIDENT, "你好")
    sent = await tg.deliver()
    assert any("工单 #1" in text for text in texts(sent, RESIDENT))


async def test_the_group_and_overall_limits(clock):
    from bot.channels.telegram import LIMITS
    from bot.outbox.limits import RateLimits

    limits = RateLimits(LIMITS, clock)
    allowed = 0
    for _ in range(30):  # one every 1.5 s for 45 s: the 21st within a minute must wait
        allowed += await limits.wait_for("chat", "-100") == 0
        clock.advance(seconds=1.5)
    assert allowed == 20
    # 40 people at the same instant: one goes, the others wait for the pace (one every 34 ms, 29.4 a second)
    waits = [await limits.wait_for("user", str(n)) for n in range(40)]
    assert waits.count(0.0) == 1 and all(0 < w <= 0.034 for w in waits[1:])
    sent = 0
    for _ in range(1000):  # a second of people, asking every millisecond
        clock.advance(seconds=0.001)
        sent += await limits.wait_for("user", f"u{sent}") == 0
    assert 28 <= sent <= 29, "paced: never more than 30 in any second"


async def test_when_a_later_part_of_a_long_text_is_refused_only_the_rest_is_sent_again(tg):
    await tg.say(GROUP, RESIDENT, "报事 3号楼2单元楼道灯坏了")
    await tg.deliver()
    note = "已联系物业维修。" * 520
    retry = {"retry_after": 3}
    tg.fake.fail_next(
        "sendMessage", RESIDENT, error_code=429, description="Too Many Requests", parameters=retry, after=1
    )
    await tg.say(WORKER, WORKER, f"进度 1 {note}")
    sent = texts(await tg.deliver(), RESIDENT)
    assert len(sent) == 2, "the first part once, then the rest after the wait"
    assert "".join(sent).count("已联系物业维修") == 520


async def test_two_bot_processes_never_send_the_same_row(engine, clock, fake, aiohttp_client, tg):
    other = await start_bot(engine, clock, fake, aiohttp_client)
    for n in range(1, 6):
        await tg.say(GROUP + n, RESIDENT, "有人吗", chat_title=f"未登记的群{n}")  # five groups, one notice each
    first, second = tg.services.deliverers[0], other.services.deliverers[0]
    await asyncio.gather(first.drain(), second.drain(), first.drain(), second.drain())
    notices = [m["chat_id"] for m in tg.fake.sent_messages()]
    assert sorted(notices) == sorted(GROUP + n for n in range(1, 6)), "each notice once, whichever process sent it"


async def test_an_update_id_telegram_uses_again_for_a_new_message_is_not_taken_for_a_retry(tg):
    first = tg.fake.message_update(GROUP, RESIDENT, "报事 3号楼楼道灯坏了")
    second = tg.fake.message_update(GROUP, RESIDENT + 1, "报事 5号楼电梯不动了")
    second["update_id"] = first["update_id"]  # after a quiet week Telegram may start counting anew
    for update in (first, second, first):
        assert (await tg.post(update)).status == 200
    assert [t.building for t in tg.tickets()] == [3, 5]


async def test_a_wrong_token_stops_the_start_with_one_line_that_does_not_show_it(engine, clock, fake):
    from bot.channels import ChannelStartError

    token = "999999:WRONG-secret-token"
    settings = Settings(telegram=TelegramSettings(token, fake.base_url))
    services = build_services(settings, engine, clock)
    try:
        with pytest.raises(ChannelStartError) as refused:
            await services.telegram.start()
    finally:
        await services.telegram.application.shutdown()
        services.close()
    said = str(refused.value)
    assert "Telegram: cannot start" in said and token not in said


def test_split_text_slices_are_exact_even_across_runs_of_blank_lines():
    text = "A" * 4000 + "\n" * 5000 + "B" * 3000 + "C" * 2000
    parts = split_text(text)
    assert "".join(parts) == text and all(len(p.strip("\n")) <= 4096 for p in parts)
    assert any(not p.strip() for p in parts), "a blank slice is kept (and skipped when sending)"


async def test_a_round_that_runs_past_half_its_lease_leaves_the_rest_for_the_next(tg):
    await tg.say(GROUP, RESIDENT, "报事 3号楼楼道灯坏了")
    deliverer = tg.services.deliverers[0]
    deliverer.LEASE_SECONDS = 0.0  # the round is over before it starts
    report = await deliverer.drain()
    assert tg.fake.sent_messages() == [] and report.deferred == 3
    deliverer.LEASE_SECONDS = 60.0
    assert len(texts(await tg.deliver(), GROUP)) == 1


async def test_a_resident_can_report_privately_naming_the_compound(tg):
    await tg.say(RESIDENT, RESIDENT, "报事 同鑫花园3号楼楼道灯坏了")
    [ticket] = tg.tickets()
    assert ticket.assignee_id == "w_zhang" and ticket.chat.startswith("dm:")
    sent = await tg.deliver()
    assert any("工单 #1" in text for text in texts(sent, RESIDENT)) and texts(sent, WORKER)


async def test_only_a_message_that_queued_something_wakes_the_delivery(tg):
    deliverer = tg.services.deliverers[0]
    await tg.say(GROUP, RESIDENT, "今天天气不错")
    assert not deliverer.kicked, "chatter gives Telegram nothing to send"
    await tg.say(GROUP, RESIDENT, "报事 3号楼楼道灯坏了")
    assert deliverer.kicked


async def test_stopping_lets_a_round_under_way_finish_and_record_so_nothing_goes_twice(tg):
    """A scheduler shutting down cancels its running jobs; a round cut off between sending and recording would
    send its rows again after the lease (a group hearing a notice twice). The round finishes instead."""
    delivery = tg.services.deliverers[0]
    slow = tg.fake.hold("sendMessage")
    await tg.say(GROUP, RESIDENT, "报事 3号楼楼道灯坏了")
    job = asyncio.ensure_future(delivery.tick())  # the scheduled job's run
    await tg.fake.wait_for_calls("sendMessage")
    job.cancel()  # what AsyncIOScheduler.shutdown does to running jobs
    stopping = asyncio.ensure_future(delivery.stop())
    await asyncio.sleep(0)
    assert not stopping.done(), "stop waits for the round under way"
    slow.set()
    await stopping
    assert tg.pending() == 0, "every row it sent is recorded as sent"
    tg.clock.advance(seconds=120)  # well past the lease
    sent_before = len(tg.fake.sent_messages())
    await delivery.drain()
    assert len(tg.fake.sent_messages()) == sent_before, "nothing is sent twice"


async def test_a_round_started_just_before_stop_sends_nothing(tg):
    delivery = tg.services.deliverers[0]
    await tg.say(GROUP, RESIDENT, "报事 3号楼楼道灯坏了")
    before = len(tg.fake.sent_messages())
    await delivery.tick()  # the job starts a round (a task of its own)…
    await delivery.stop()  # …and the bot stops before the round's turn
    assert len(tg.fake.sent_messages()) == before and tg.pending() > 0, "left for after the restart, unleased"
    await delivery.tick()
    assert len(tg.fake.sent_messages()) == before, "a job that fires after stop does nothing"


async def test_the_group_hears_the_outcome_on_telegram_too(tg):
    await tg.say(GROUP, RESIDENT, "报事 3号楼2单元楼道灯坏了")
    await tg.say(WORKER, WORKER, "办结 1 已更换灯泡")
    sent = await tg.deliver()
    assert texts(sent, GROUP)[-1] == "工单 #1（照明）已办结。"


async def test_a_gas_smell_in_a_telegram_group_alerts_the_worker_and_the_head_at_once(tg):
    await tg.say(GROUP, RESIDENT, "3栋有煤气味！")
    sent = await tg.deliver()
    [group] = [m for m in sent if m["chat_id"] == GROUP]
    assert group["text"].startswith("🚨 紧急工单 #1（供电燃气）已登记，已通知") and "开窗通风" in group["text"]
    assert not group.get("reply_markup"), "nothing to tap: registered already"
    assert any("【紧急】" in text for text in texts(sent, WORKER))
    assert any("【紧急】" in text for text in texts(sent, HEAD))
    await tg.say(WORKER, WORKER, "接单 1")
    assert "正在赶来处理" in texts(await tg.deliver(), GROUP)[-1]


@pytest.mark.parametrize(
    ("text", "name"),
    [("报事 3号楼\ud800楼道灯坏了", "李\ud800"), ("报事 3号楼\x00楼道灯坏了", "李\x00阿姨")],
)
async def test_a_bad_character_never_loses_a_residents_message(tg, text, name):
    """A lone surrogate or a NUL in a text or a name gave a 500 on every retry (NUL on PostgreSQL), so Telegram
    retried for ever and the message was never stored. It is cleaned at the adapter and handled."""
    update = tg.fake.message_update(GROUP, RESIDENT, text, first_name=name)
    response = await tg.post(update)
    assert response.status == 200, await response.text()
    [ticket] = tg.tickets()
    assert "楼道灯坏了" in ticket.text and "\x00" not in ticket.text


async def test_a_tap_with_a_nul_in_its_data_is_answered(tg):
    response = await tg.post(tg.fake.callback_update(GROUP, RESIDENT, "rate:1\x00:yes"))
    assert response.status == 200 and tg.fake.calls_to("answerCallbackQuery")


async def test_an_update_with_a_sender_but_no_chat_is_acknowledged_and_ignored(tg):
    update = tg.fake.message_update(GROUP, RESIDENT, "报事 3号楼楼道灯坏了")
    del update["message"]["chat"]
    response = await tg.post(update)
    assert response.status in (200, 400) and tg.tickets() == []


@pytest.mark.parametrize(
    "odd",
    [
        pytest.param(lambda u: u["callback_query"].update(id="q\x00" + "9" * 300), id="callback id with a NUL, long"),
        pytest.param(lambda u: u["callback_query"]["from"].update(first_name=-1), id="first_name a number"),
        pytest.param(lambda u: u["callback_query"]["from"].update(id={}), id="user id an object"),
    ],
)
async def test_an_update_with_fields_telegram_never_sends_is_no_5xx(tg, odd):
    """Each gave a 500 before, which Telegram retries for a day."""
    update = tg.fake.callback_update(GROUP, RESIDENT, "noop")
    odd(update)
    response = await tg.post(update)
    assert response.status in (200, 400), await response.text()


async def test_odd_fields_in_a_message_do_not_lose_a_well_formed_one_after_it(tg):
    update = tg.fake.message_update(GROUP, RESIDENT, "报事 3号楼楼道灯坏了")
    update["message"]["from"]["id"] = {}
    assert (await tg.post(update)).status in (200, 400)
    await tg.say(GROUP, RESIDENT, "报事 5号楼电梯坏了")
    assert [t.text for t in tg.tickets()] == ["5号楼电梯坏了"]


async def test_a_meeting_over_telegram_announced_answered_with_buttons_and_words_listed_reminded_cancelled(tg):
    from scheduler.jobs import remind_of_meetings

    neighbour, latecomer = 5550002, 5550003
    await tg.say(GROUP, WORKER, "发起会议 明天下午3点 社区议事厅 议题：东门停车位改造 限3人")
    sent = await tg.deliver()
    [notice] = [m for m in sent if m["chat_id"] == GROUP]
    assert "东门停车位改造" in notice["text"] and "11月24日（周二）15:00" in notice["text"]
    keyboard = notice["reply_markup"]["inline_keyboard"][0]
    assert [b["text"] for b in keyboard] == ["参加", "不参加", "待定"]
    assert all(len(b["callback_data"].encode()) <= MAX_CALLBACK_DATA for b in keyboard)
    assert any("会议 #1 已发到" in text for text in texts(sent, WORKER)), "the organiser is told where it went"

    await tg.tap(GROUP, RESIDENT, keyboard[0]["callback_data"])
    assert tg.fake.calls_to("answerCallbackQuery"), "every tap is answered"
    await tg.say(GROUP, neighbour, "参加 +1", first_name="刘大爷")
    await tg.say(GROUP, latecomer, "我也去", first_name="陈阿姨")
    sent = await tg.deliver()
    assert any("刘大爷 已报名会议 #1（+1，共2人）" in text for text in texts(sent, GROUP))
    assert any("候补第 1 位" in text for text in texts(sent, GROUP)), "three seats are taken: 陈阿姨 waits"
    await tg.say(GROUP, 5550004, "今天天气真好")
    assert not [m for m in await tg.deliver() if m["chat_id"] == GROUP], "chatter stays chatter"

    await tg.tap(GROUP, RESIDENT, keyboard[1]["callback_data"])  # 不参加: a seat frees up
    sent = await tg.deliver()
    assert any("陈阿姨 已转为正式报名" in text for text in texts(sent, GROUP))
    assert any("您已从候补转为正式报名" in text for text in texts(sent, latecomer))

    await tg.say(WORKER, WORKER, "会议名单")
    [tally] = texts(await tg.deliver(), WORKER)
    assert "参加 2 人（另带 1 人，共 3/3 人）· 不参加 1 · 待定 0 · 候补 0" in tally and "陈阿姨" in tally

    tg.clock.advance(hours=6, minutes=1)  # 24 hours before 15:00 tomorrow: the day-before reminder
    assert await remind_of_meetings(tg.services) == 2
    sent = await tg.deliver()
    assert all(any("明天开" in text for text in texts(sent, who)) for who in (neighbour, latecomer))
    assert not texts(sent, RESIDENT), "no reminder for someone who said no"

    await tg.say(GROUP, WORKER, "取消会议 1")
    sent = await tg.deliver()
    assert any("已取消" in text for text in texts(sent, GROUP))
    assert all(any("请相互转告" in text for text in texts(sent, who)) for who in (neighbour, latecomer))
