"""Telegram, through python-telegram-bot v22 running inside the bot's own aiohttp server, on its event loop.

The only module that imports `telegram`. It translates and decides nothing:
- in: an update (posted to the webhook route in bot.web, or fetched by long polling in development) becomes an
  `Inbound` and goes down the one dispatch path; a button tap's callback query is always answered;
- out: one outgoing message becomes `sendMessage` calls (split at 4,096 characters, buttons as an inline
  keyboard on the last part), and Telegram's answer becomes a neutral outcome (bot.messages) for the outbox,
  which owns rate limits, retries and what a refusal means.

Dedup: a message's chat and message id (a tap's callback query id) is the key the dispatcher records, so
Telegram's webhook retries, and updates seen again after a restart, are acknowledged and not handled twice.
"""

from __future__ import annotations

import hmac
import logging
import os
import re
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Protocol

# RetryAfter.retry_after as a timedelta (PTB 22's announced default); without it PTB warns on every 429.
os.environ.setdefault("PTB_TIMEDELTA", "1")

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, MessageEntity, Update
from telegram.error import ChatMigrated, Forbidden, RetryAfter, TelegramError
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler

from bot.channels import ChannelStartError, NotAnUpdate, storable
from bot.config import TelegramSettings
from bot.messages import (
    Button,
    ChatMoved,
    Failed,
    Inbound,
    Limits,
    Outcome,
    Outgoing,
    PartlySent,
    Rate,
    RetryLater,
    Sent,
    Unreachable,
)

log = logging.getLogger(__name__)
PLATFORM = "telegram"
# About one message a second to a chat, 20 a minute to a group, 30 a second in all (Telegram's bot FAQ).
LIMITS = Limits(per_chat=(Rate(1, 1.0),), per_group=(Rate(20, 60.0),), overall=(Rate(30, 1.0),))
MAX_TEXT = 4096  # Telegram's limit, counted in UTF-16 code units
MAX_CALLBACK_DATA = 64  # bytes
ALLOWED_UPDATES = ["message", "callback_query"]
TAP_ANSWER_LIMIT = 200  # characters of an answerCallbackQuery's text
GROUP_TYPES = ("group", "supergroup")


class TapOutcome(Protocol):
    """What the dispatcher's answer says about a tap (bot.dispatch.dispatcher.Handled)."""

    @property
    def tap_answer(self) -> str | None: ...

    @property
    def spent(self) -> bool: ...


Dispatch = Callable[[Inbound], Awaitable[TapOutcome]]


class TelegramChannel:
    platform = PLATFORM
    limits = LIMITS

    def __init__(self, settings: TelegramSettings, dispatch: Dispatch) -> None:
        self.settings = settings
        self._dispatch = dispatch
        builder = ApplicationBuilder().token(settings.token).base_url(settings.api_base_url)
        if settings.uses_webhook:
            builder = builder.updater(None)  # updates arrive on our own aiohttp route
        self.application: Application = builder.build()
        self.application.add_handler(TypeHandler(Update, self._on_update))
        self.application.add_error_handler(self._on_error)
        self._failures: dict[int, BaseException | None] = {}  # updates in process(), and how they failed

    @property
    def bot(self):
        return self.application.bot

    # --- life cycle --------------------------------------------------------------------------------

    async def start(self) -> None:
        """getMe (and the privacy-mode check), then setWebhook or long polling."""
        try:
            await self._start()
        except TelegramError as error:
            await self.bot.shutdown()  # a failed sign-in leaves the HTTP clients open
            said = str(error).replace(self.settings.token, "<token>")
            raise ChannelStartError(
                f"Telegram: cannot start with the Bot API at {self.settings.api_base_url}: {said}"
            ) from error

    async def _start(self) -> None:
        await self.application.initialize()
        log.info("telegram: signed in as @%s", self.bot.username)
        if not self.bot.can_read_all_group_messages:
            log.warning(
                "telegram: privacy mode is on for @%s, so in groups it sees only commands and replies to it, "
                "not residents' complaints. In @BotFather: /setprivacy → @%s → Disable, then remove the bot from "
                "each group and add it again.",
                self.bot.username,
                self.bot.username,
            )
        if self.settings.uses_webhook:
            await self.bot.set_webhook(
                self.settings.webhook_url, secret_token=self.settings.webhook_secret, allowed_updates=ALLOWED_UPDATES
            )
            log.info("telegram: webhook set to %s", self.settings.webhook_url)
        else:
            await self.application.start()
            await self.application.updater.start_polling(allowed_updates=ALLOWED_UPDATES)
            log.info("telegram: long polling (set TELEGRAM_WEBHOOK_URL to take webhooks instead)")

    async def stop(self) -> None:
        if self.application.updater is not None and self.application.updater.running:
            await self.application.updater.stop()
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()

    def start_link(self) -> str | None:
        return f"https://t.me/{self.bot.username}" if self.bot.username else None

    # --- in ----------------------------------------------------------------------------------------

    @property
    def webhook_secret(self) -> str | None:
        return self.settings.webhook_secret if self.settings.uses_webhook else None

    def secret_matches(self, given: str) -> bool:
        return hmac.compare_digest(given.encode(), (self.settings.webhook_secret or "").encode())

    async def process_json(self, body: dict) -> None:
        """An update as the webhook received it: NotAnUpdate if it is not one; returns once it is handled and
        committed, and raises what the handling raised (so the webhook answers 500 and Telegram retries)."""
        if not isinstance(body.get("update_id"), int):
            raise NotAnUpdate("update_id missing")
        try:
            update = Update.de_json(body, self.bot)
        except Exception as error:  # PTB raises whatever a malformed field makes it trip on
            raise NotAnUpdate(type(error).__name__) from error
        if not _ids_are_numbers(update):
            raise NotAnUpdate("an id that is not a number")
        await self.process(update)

    async def process(self, update: Update) -> None:
        """Handle one update completely (committed) before returning; re-raise what the handling raised."""
        # Keyed by the object, not update_id: Telegram may retry an update while its first delivery still runs.
        self._failures[id(update)] = None  # in flight: a failure of it is kept for us here
        try:
            await self.application.process_update(update)
        finally:
            failure = self._failures.pop(id(update), None)
        if failure is not None:
            raise failure

    async def _on_update(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        handled: TapOutcome | None = None
        try:
            try:
                inbound = self.to_inbound(update)
            except (AttributeError, TypeError, ValueError) as error:  # a field of a type Telegram never sends
                raise NotAnUpdate(type(error).__name__) from error
            if inbound is not None:
                handled = await self._dispatch(inbound)
        finally:
            if update.callback_query is not None:
                await self._answer(update, handled)

    @staticmethod
    async def _answer(update: Update, handled: TapOutcome | None) -> None:
        """Every tap is answered, or the user's app keeps a spinner on the button: with why it was turned down, if
        it was, to the one who tapped alone (a dialog when they are kept from something, a passing note when the
        buttons are simply over); a tap after which the buttons are of no use takes them off the message. If
        Telegram refuses either (a tap older than its limit), the tap was still handled: no reason to retry."""
        query = update.callback_query
        refusal = handled.tap_answer if handled is not None else None
        spent = handled is not None and handled.spent
        try:
            if refusal:
                await query.answer(text=refusal[:TAP_ANSWER_LIMIT], show_alert=not spent)
            else:
                await query.answer()
        except TelegramError as error:
            log.warning("telegram: could not answer a button tap: %s", error)
        if not spent:
            return
        try:
            await query.edit_message_reply_markup(reply_markup=None)
        except TelegramError as error:  # (already taken off by an earlier tap: "message is not modified")
            log.info("telegram: could not take the used buttons off a message: %s", error)

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if id(update) in self._failures:  # not when long polling
            self._failures[id(update)] = context.error
        log.error("telegram: handling an update failed", exc_info=context.error)

    def to_inbound(self, update: Update) -> Inbound | None:
        """Text messages and button taps from people; everything else (edits, joins, stickers) is not ours."""
        query = update.callback_query
        if query is not None:
            message = query.message if isinstance(query.message, Message) else None
            if message is None or message.chat is None or query.from_user is None or not isinstance(query.data, str):
                return None
            key = f"cb:{storable(str(query.id))}"
            return self._inbound(key, message, query.from_user, text="", button_data=query.data)
        message = update.message
        if message is not None and message.chat is None:
            return None  # not a message Telegram would send: nothing to answer, nowhere to answer it
        if message is not None and message.migrate_from_chat_id and message.from_user is not None:
            key = f"{message.chat.id}:{message.message_id}"
            return self._inbound(key, message, message.from_user, text="", moved_from=str(message.migrate_from_chat_id))
        if message is None or message.from_user is None or message.from_user.is_bot:
            return None
        text = message.text or message.caption
        if not text or not isinstance(text, str):
            return None  # a sticker, a photo without a caption… (or a shape Telegram never sends)
        text, mentioned = self._without_mention(message, text)
        if text is None:
            return None  # a command addressed to another bot
        key = f"{message.chat.id}:{message.message_id}"
        return self._inbound(key, message, message.from_user, text=text, mentioned=mentioned)

    def _inbound(
        self, key: str, message: Message, user, *, text: str, button_data=None, mentioned=False, moved_from=None
    ):
        """`key`, the dedup key: the chat and message id (or the tap's id), which a webhook retry and an update
        seen again after a restart repeat, and which, unlike update_id, Telegram never starts counting anew."""
        is_group = message.chat.type in GROUP_TYPES
        return Inbound(
            platform=PLATFORM,
            message_id=key,
            chat=str(message.chat.id) if is_group else "",
            is_group=is_group,
            user=str(user.id),
            name=storable(user.full_name or ""),
            text=storable(text),
            button_data=storable(button_data) if button_data is not None else None,
            mentions_bot=mentioned,
            moved_from=moved_from,
        )

    def _without_mention(self, message: Message, text: str) -> tuple[str | None, bool]:
        """Take @our_bot out of the text (as a flag), and /command@our_bot down to /command."""
        username = (self.bot.username or "").lower()
        entities = message.entities if message.text else message.caption_entities
        mentioned = False
        for entity in entities or ():
            if entity.type == MessageEntity.MENTION:
                mentioned |= message.parse_entity(entity).lower() == f"@{username}"
            elif entity.type == MessageEntity.TEXT_MENTION and entity.user is not None:
                mentioned |= entity.user.id == self.bot.id
        if mentioned:
            text = re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE).strip()
        command = re.match(r"^(/\w+)@(\w+)", text)
        if command:
            if command[2].lower() != username:
                return None, False
            text = command[1] + text[command.end() :]
        return text, mentioned

    # --- out ---------------------------------------------------------------------------------------

    async def send(self, row: Outgoing) -> Outcome:
        parts = split_text(row.text)
        said = [index for index, part in enumerate(parts) if part.strip()]  # blank parts are not sent
        arrived = 0  # characters of row.text that Telegram has (blank parts count as arrived)
        try:
            keyboard = inline_keyboard(row.buttons)
            for index, part in enumerate(parts):
                if index in said:
                    markup = keyboard if index == said[-1] else None
                    await self.bot.send_message(int(row.address), part.strip("\n"), reply_markup=markup)
                arrived += len(part)
        except (TelegramError, ValueError) as error:
            outcome = _outcome_of(error)
            return PartlySent(row.text[arrived:], outcome) if arrived else outcome
        return Sent()


def _outcome_of(error: Exception) -> Outcome:
    """What Telegram's refusal means, in the delivery's neutral terms."""
    if isinstance(error, RetryAfter):
        return RetryLater(_seconds(error.retry_after), f"Telegram 429: retry after {error.retry_after}")
    if isinstance(error, ChatMigrated):
        return ChatMoved(str(error.new_chat_id))
    if isinstance(error, Forbidden):
        return Unreachable(error.message)
    if isinstance(error, TelegramError | ValueError):  # BadRequest, NetworkError, TimedOut, a bad button…
        return Failed(f"{type(error).__name__}: {error}")
    raise error  # a bug: the delivery logs it and retries the row later


def inline_keyboard(buttons: tuple[Button, ...]) -> InlineKeyboardMarkup | None:
    """One row of buttons. callback_data over 64 bytes is refused by Telegram: a bug here, so it fails loudly."""
    if not buttons:
        return None
    for button in buttons:
        if len(button.data.encode()) > MAX_CALLBACK_DATA:
            raise ValueError(f"button data over {MAX_CALLBACK_DATA} bytes: {button.data!r}")
    return InlineKeyboardMarkup([[InlineKeyboardButton(b.label, callback_data=b.data) for b in buttons]])


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Consecutive slices of `text` (joined, they are `text`, so what is left after a failure is exact) of at
    most `limit` UTF-16 units once their line breaks at the ends are trimmed, cut after a line end where one is
    in reach, else anywhere. A slice may be blank (a long run of line breaks): the sender skips it."""
    parts: list[str] = []
    while _utf16(text.strip("\n")) > limit:
        cut = _fit(text, limit)
        newline = text.rfind("\n", 0, cut)
        if newline > cut // 2:
            cut = newline + 1
        parts.append(text[:cut])
        text = text[cut:]
    parts.append(text)
    return parts


def _fit(text: str, limit: int) -> int:
    """How many characters of `text` fit in `limit` UTF-16 units."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > limit:
            return index
    return len(text)


def _utf16(text: str) -> int:
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def _seconds(value: float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _ids_are_numbers(update: Update) -> bool:
    """PTB trusts the ids' types (it keys dictionaries by them before any handler runs), so an id of another
    type is refused here, where it is still a 400 and not a 500 that Telegram retries for a day."""
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    return all(
        isinstance(value, int) and not isinstance(value, bool)
        for value in (
            update.update_id,
            *((user.id,) if user is not None else ()),
            *((chat.id,) if chat is not None else ()),
            *((message.message_id,) if message is not None else ()),
        )
    )
