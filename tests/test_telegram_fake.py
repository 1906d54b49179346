"""The fake Telegram Bot API against the real python-telegram-bot client: if PTB can talk to it and gets the
exceptions it would get from Telegram, tests of the Telegram adapter can trust it."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
import pytest
from telegram import Bot, BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, ChatMigrated, Conflict, EndPointNotFound, Forbidden, InvalidToken, RetryAfter
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBDeprecationWarning

from tests.fakes.telegram_api import MAX_TEXT_LENGTH, FakeTelegramAPI, running_fake_telegram

USER = 910002
GROUP = -1001234567890
KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("受理", callback_data="accept:1")]])
KEYBOARD_DICT = {"inline_keyboard": [[{"text": "受理", "callback_data": "accept:1"}]]}


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegramAPI]:
    async with running_fake_telegram() as fake:
        yield fake


@pytest.fixture
async def bot(fake: FakeTelegramAPI) -> AsyncIterator[Bot]:
    async with Bot(fake.token, base_url=fake.base_url) as bot:
        yield bot


@pytest.mark.parametrize("reads_all", [True, False])
async def test_get_me_round_trip(reads_all: bool) -> None:
    async with (
        running_fake_telegram(can_read_all_group_messages=reads_all) as fake,
        Bot(fake.token, base_url=fake.base_url) as bot,  # initialising calls getMe
    ):
        me = await bot.get_me()
        assert fake.base_url == f"http://127.0.0.1:{fake.port}/bot"
    assert (me.id, me.username, me.is_bot) == (123456, "wanggetong_bot", True)
    assert me.can_read_all_group_messages is reads_all
    assert [call.method for call in fake.calls] == ["getMe", "getMe"]


async def test_a_wrong_token_is_unauthorized(fake: FakeTelegramAPI) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("654321:WRONG", base_url=fake.base_url):  # shuts its connections down on failure
            pass
    assert fake.calls_to("getMe")[0].error_code == 401


async def test_send_message_records_decoded_params_and_returns_a_message(fake: FakeTelegramAPI, bot: Bot) -> None:
    first = await bot.send_message(USER, "请选择", reply_markup=KEYBOARD)
    second = await bot.send_message(USER, "42")  # a numeric text must stay a string
    in_group = await bot.send_message(GROUP, "通知")

    assert fake.sent_messages(USER) == [
        {"chat_id": USER, "text": "请选择", "reply_markup": KEYBOARD_DICT},
        {"chat_id": USER, "text": "42"},
    ]
    assert (first.message_id, second.message_id, in_group.message_id) == (1, 2, 1)
    assert first.reply_markup == KEYBOARD
    assert first.from_user.username == "wanggetong_bot"
    assert (first.chat.type, in_group.chat.type) == ("private", "supergroup")
    assert in_group.chat.title
    assert abs(first.date.timestamp() - time.time()) < 60


async def test_too_long_or_empty_text_is_a_bad_request(fake: FakeTelegramAPI, bot: Bot) -> None:
    await bot.send_message(USER, "长" * MAX_TEXT_LENGTH)
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(USER, "长" * (MAX_TEXT_LENGTH + 1))
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(USER, " ")
    assert [call.error_code for call in fake.calls_to("sendMessage")] == [None, 400, 400]
    assert len(fake.sent_messages()) == 1


async def test_429_raises_retry_after_and_ptb_does_not_retry(
    fake: FakeTelegramAPI, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without PTB_TIMEDELTA, PTB 22.2+ warns whenever it reads retry_after, even inside its own constructor, and
    # this project's filterwarnings=error would turn that into the exception. Opting in gives a timedelta.
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    fake.fail_next(
        "sendMessage",
        USER,
        error_code=429,
        description="Too Many Requests: retry after 3",
        parameters={"retry_after": 3},
    )
    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(USER, "第一次")
    assert raised.value.retry_after == timedelta(seconds=3)
    assert [call.error_code for call in fake.calls_to("sendMessage")] == [429]  # exactly one attempt
    await bot.send_message(USER, "第二次")  # the failure was used up
    assert [m["text"] for m in fake.sent_messages(USER)] == ["第二次"]


async def test_retry_after_is_a_deprecated_int_without_ptb_timedelta(
    fake: FakeTelegramAPI, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PTB_TIMEDELTA", raising=False)
    fake.fail_next(
        "sendMessage", error_code=429, description="Too Many Requests: retry after 3", parameters={"retry_after": 3}
    )
    with pytest.warns(PTBDeprecationWarning, match="retry_after"), pytest.raises(RetryAfter) as raised:
        await bot.send_message(USER, "你好")
    with pytest.warns(PTBDeprecationWarning):
        assert raised.value.retry_after == 3


async def test_failures_can_target_one_chat_and_repeat(fake: FakeTelegramAPI, bot: Bot) -> None:
    fake.fail_next(
        "sendMessage",
        USER,
        error_code=403,
        description="Forbidden: bot can't initiate conversation with a user",
        times=2,
    )
    await bot.send_message(GROUP, "其他群不受影响")
    for _ in range(2):
        with pytest.raises(Forbidden, match="bot can't initiate conversation"):
            await bot.send_message(USER, "你好")
    await bot.send_message(USER, "你好")
    assert [m["chat_id"] for m in fake.sent_messages()] == [GROUP, USER]


async def test_forbid_blocks_a_chat_for_good(fake: FakeTelegramAPI, bot: Bot) -> None:
    fake.forbid(USER)
    for attempt in (lambda: bot.send_message(USER, "a"), lambda: bot.send_chat_action(USER, "typing")):
        with pytest.raises(Forbidden, match="blocked by the user"):
            await attempt()
    fake.forbid(GROUP)
    with pytest.raises(Forbidden, match="kicked"):
        await bot.send_message(GROUP, "d")
    await bot.send_message(USER + 1, "c")
    assert [m["chat_id"] for m in fake.sent_messages()] == [USER + 1]


async def test_migrated_group_raises_chat_migrated(fake: FakeTelegramAPI, bot: Bot) -> None:
    fake.fail_next(
        "sendMessage",
        -123,
        error_code=400,
        description="Bad Request: group chat was upgraded to a supergroup chat",
        parameters={"migrate_to_chat_id": -100123},
    )
    with pytest.raises(ChatMigrated) as raised:
        await bot.send_message(-123, "通知")
    assert raised.value.new_chat_id == -100123


async def test_get_updates_returns_pushed_updates_and_honours_offset(fake: FakeTelegramAPI, bot: Bot) -> None:
    pushed = [fake.push_update(fake.message_update(USER, USER, text)) for text in ("一", "二")]
    updates = await bot.get_updates()
    assert [u.update_id for u in updates] == [p["update_id"] for p in pushed]
    assert [u.message.text for u in updates] == ["一", "二"]
    assert updates[0].message.chat.type == "private"

    assert [u.message.text for u in await bot.get_updates(offset=updates[0].update_id + 1)] == ["二"]
    assert await bot.get_updates(offset=updates[-1].update_id + 1) == ()
    fake.push_update(fake.message_update(GROUP, USER, "/start@wanggetong_bot", chat_title="幸福社区网格群"))
    (update,) = await bot.get_updates(offset=updates[-1].update_id + 1)
    assert (update.message.chat.title, update.message.chat.type) == ("幸福社区网格群", "supergroup")
    assert update.message.entities[0].type == "bot_command"
    assert fake.calls_to("getUpdates")[1].params == {"offset": updates[0].update_id + 1}


async def test_long_poll_waits_for_a_push_but_never_long(fake: FakeTelegramAPI, bot: Bot) -> None:
    fake.max_poll_wait = 0.2
    started = time.monotonic()
    assert await bot.get_updates(timeout=30) == ()
    assert time.monotonic() - started < 2

    fake.max_poll_wait = 10
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await fake.wait_for_calls("getUpdates", count=2)  # the poll is waiting now
    fake.push_update(fake.message_update(USER, USER, "到了"))
    (update,) = await asyncio.wait_for(poll, 5)
    assert update.message.text == "到了"


async def test_webhook_is_recorded_and_blocks_get_updates(fake: FakeTelegramAPI, bot: Bot) -> None:
    await bot.set_webhook("https://example.org/telegram", secret_token="s3cret")
    assert (fake.webhook_url, fake.webhook_secret) == ("https://example.org/telegram", "s3cret")
    assert (await bot.get_webhook_info()).url == "https://example.org/telegram"
    with pytest.raises(Conflict):
        await bot.get_updates()
    fake.push_update(fake.message_update(USER, USER, "丢弃"))
    await bot.delete_webhook(drop_pending_updates=True)
    assert (await bot.get_webhook_info()).url == ""
    assert await bot.get_updates() == ()


async def test_commands_chat_and_other_methods(fake: FakeTelegramAPI, bot: Bot) -> None:
    await bot.set_my_commands([BotCommand("start", "开始"), BotCommand("help", "帮助")])
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    assert fake.calls_to("setMyCommands")[0].params["commands"][0] == {"command": "start", "description": "开始"}
    await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()

    chat = await bot.get_chat(GROUP)
    assert (chat.id, chat.type) == (GROUP, "supergroup")
    assert await bot.send_chat_action(USER, "typing") is True
    assert fake.calls_to("sendChatAction")[0].params == {"chat_id": USER, "action": "typing"}


async def test_edits_replace_markup_and_refuse_no_op_edits(fake: FakeTelegramAPI, bot: Bot) -> None:
    sent = await bot.send_message(USER, "待受理", reply_markup=KEYBOARD)
    edited = await bot.edit_message_text("已受理", USER, sent.message_id)
    assert (edited.text, edited.reply_markup, edited.edit_date is not None) == ("已受理", None, True)
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text("已受理", USER, sent.message_id)
    edited = await bot.edit_message_reply_markup(USER, sent.message_id, reply_markup=KEYBOARD)
    assert (edited.text, edited.reply_markup) == ("已受理", KEYBOARD)


async def test_unknown_method_answers_404_in_bot_api_shape(fake: FakeTelegramAPI, bot: Bot) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("noSuchMethod")
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{fake.base_url}{fake.token}/noSuchMethod", data={"x": "1"}) as response:
            assert response.status == 404
            assert await response.json() == {
                "ok": False,
                "error_code": 404,
                "description": "Not Found: method not found",
            }
        # JSON bodies and GET query strings are decoded too; method names are case-insensitive.
        async with session.post(f"{fake.base_url}{fake.token}/sendmessage", json={"chat_id": 7, "text": "x"}) as r:
            assert (await r.json())["result"]["chat"] == {"id": 7, "type": "private"}
        async with session.get(f"{fake.base_url}{fake.token}/sendChatAction?chat_id=-5&action=typing") as r:
            assert await r.json() == {"ok": True, "result": True}
    assert fake.calls_to("sendMessage")[0].params == {"chat_id": 7, "text": "x"}
    assert fake.calls_to("sendChatAction")[0].params == {"chat_id": -5, "action": "typing"}


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.effective_message.reply_text(f"收到：{update.effective_message.text}", reply_markup=KEYBOARD)


async def _accept(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.callback_query.answer("已受理")
    await update.callback_query.edit_message_text("已受理")


def _application(fake: FakeTelegramAPI, *, polling: bool = False) -> Application:
    builder = ApplicationBuilder().token(fake.token).base_url(fake.base_url)
    app = (builder if polling else builder.updater(None)).build()
    app.add_handler(CommandHandler("start", _echo))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, _echo))
    app.add_handler(CallbackQueryHandler(_accept))
    return app


async def test_application_handles_a_message_and_a_button_tap(fake: FakeTelegramAPI) -> None:
    app = _application(fake)
    async with app:  # initialize() calls getMe
        assert app.bot.username == "wanggetong_bot"
        await app.process_update(Update.de_json(fake.message_update(USER, USER, "楼道灯坏了"), app.bot))
        await app.process_update(Update.de_json(fake.message_update(GROUP, USER, "/start", chat_title="群"), app.bot))
        (reply, _) = fake.sent_messages()
        assert reply == {"chat_id": USER, "text": "收到：楼道灯坏了", "reply_markup": KEYBOARD_DICT}
        assert fake.sent_messages(GROUP)[0]["text"] == "收到：/start"

        await app.process_update(Update.de_json(fake.callback_update(USER, USER, "accept:1"), app.bot))
    (answer,) = fake.calls_to("answerCallbackQuery")
    assert answer.params == {"callback_query_id": "1", "text": "已受理"}
    (edit,) = fake.calls_to("editMessageText")
    assert (edit.ok, edit.params["chat_id"], edit.params["message_id"]) == (True, USER, 2)


async def test_polling_application_gets_pushed_updates(fake: FakeTelegramAPI) -> None:
    app = _application(fake, polling=True)
    async with app:
        await app.start()
        await app.updater.start_polling(timeout=10)
        fake.push_update(fake.message_update(USER, USER, "在吗"))
        await fake.wait_for_calls("sendMessage")
        await app.updater.stop()
        await app.stop()
    assert fake.sent_messages(USER)[0]["text"] == "收到：在吗"
    assert fake.calls_to("deleteWebhook")  # start_polling clears any webhook first
