"""A stand-in for the remote Telegram Bot API server, for tests and benchmarks.

It fakes Telegram only at the HTTP boundary, so the real python-telegram-bot client runs unchanged: its request
encoding, response parsing and exception mapping are all exercised. Answers have the Bot API's shape and HTTP
status codes (PTB picks its exception class from the status code and from ``parameters``, not from ``ok``).

Typical use::

    async with running_fake_telegram() as fake:
        app = ApplicationBuilder().token(fake.token).base_url(fake.base_url).updater(None).build()
        ...
        assert fake.sent_messages(chat_id=42)[0]["text"] == "..."

What it does not fake: formatting (``parse_mode`` text is echoed verbatim, no entities are produced), files
beyond recording their bytes, and methods not listed in ``FakeTelegramAPI._handlers`` (they answer 404).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import copy
import itertools
import json
import math
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

JSONDict = dict[str, Any]

DEFAULT_TOKEN = "123456:TEST-token"
MAX_TEXT_LENGTH = 4096  # Telegram's limit for a message text, in characters

# PTB sends every parameter as a string: strings as they are, everything else JSON-encoded (see
# telegram/request/_requestparameter.py). Parameters that are always strings must not be JSON-decoded, or a
# text of "42" or "true" would come back as an int or a bool.
STRING_PARAMS = frozenset(
    {
        "action",
        "business_connection_id",
        "callback_query_id",
        "caption",
        "description",
        "inline_message_id",
        "ip_address",
        "language_code",
        "message_effect_id",
        "name",
        "parse_mode",
        "query",
        "secret_token",
        "short_description",
        "text",
        "title",
        "url",
        # These take a file_id or URL when they are not an upload.
        "animation",
        "audio",
        "document",
        "photo",
        "sticker",
        "video",
        "video_note",
        "voice",
    }
)


@dataclass
class Call:
    """One request the fake received, with its parameters decoded to Python values."""

    method: str
    params: JSONDict
    error_code: int | None = None  # set when the fake answered with an error

    @property
    def ok(self) -> bool:
        return self.error_code is None


class BotAPIError(Exception):
    """Raised by a method handler to answer with a Bot API error instead of a result."""

    def __init__(self, error_code: int, description: str, parameters: JSONDict | None = None) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters

    def body(self) -> JSONDict:
        body: JSONDict = {"ok": False, "error_code": self.error_code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


@dataclass
class _Failure:
    """A failure queued by `FakeTelegramAPI.fail_next`."""

    method: str
    chat_id: int | str | None
    error: BotAPIError
    times: int
    after: int = 0  # matching calls to let through first

    def matches(self, method: str, params: JSONDict) -> bool:
        if self.method.lower() != method.lower():
            return False
        return self.chat_id is None or str(params.get("chat_id")) == str(self.chat_id)


def _decode(name: str, value: Any) -> Any:
    """Undo PTB's encoding of one parameter: JSON for everything that is not a plain string."""
    if isinstance(value, web.FileField):
        return value.file.read()
    if not isinstance(value, str) or name in STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value  # a string parameter we do not know about, such as chat_id="@channel"


async def _read_params(request: web.Request) -> JSONDict:
    """Parameters from the query string and a form, multipart or JSON body, decoded."""
    raw: JSONDict = dict(request.query)
    if request.can_read_body:
        if request.content_type == "application/json":
            raw.update(await request.json())
        else:
            raw.update(await request.post())
    return {name: _decode(name, value) for name, value in raw.items()}


def _require(params: JSONDict, name: str) -> Any:
    if params.get(name) in (None, ""):
        raise BotAPIError(400, f"Bad Request: {name} is empty")
    return params[name]


def _check_text(text: Any) -> str:
    text = "" if text is None else str(text)
    if not text.strip():
        raise BotAPIError(400, "Bad Request: message text is empty")
    if len(text) > MAX_TEXT_LENGTH:
        raise BotAPIError(400, "Bad Request: message is too long")
    return text


class FakeTelegramAPI:
    """An in-process Telegram Bot API server that records calls and can be told to fail.

    State is deliberately small: the webhook, a queue of updates for getUpdates, the messages the bot sent
    (so edits can be checked), bot commands, and chats seen in incoming updates (so replies carry the same
    chat type and title).
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        username: str = "wanggetong_bot",
        first_name: str = "网格通",
        can_read_all_group_messages: bool = True,
        max_poll_wait: float = 1.0,
        enforce_limits: bool = False,
    ) -> None:
        """`max_poll_wait` caps a getUpdates long poll, whatever timeout the client asks for, so a test that
        forgets to push an update waits a moment rather than the client's full timeout.

        `enforce_limits`: refuse sendMessage with 429 and `retry_after`, as Telegram does, beyond 30 messages in
        any second overall or 20 in any minute to one group, counted as the requests arrive on the real clock
        (for the bench and real-time tests; tests on a fixed clock leave it off)."""
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])  # a real bot's id is the token's prefix
        self.username = username
        self.first_name = first_name
        self.can_read_all_group_messages = can_read_all_group_messages
        self.max_poll_wait = max_poll_wait

        self.calls: list[Call] = []
        self.webhook_url = ""
        self.webhook_secret: str | None = None
        self.forbidden: set[int] = set()
        self.commands: dict[tuple[str, str], list[JSONDict]] = {}

        self._updates: list[JSONDict] = []
        self._update_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._messages: dict[tuple[int, int], JSONDict] = {}
        self._last_sent: dict[int, int] = {}
        self._chats: dict[int, JSONDict] = {}
        self._failures: list[_Failure] = []
        self._held: dict[str, asyncio.Event] = {}
        # Replaced by a fresh event each time it is set, so waiters need not clear it.
        self._update_arrived = asyncio.Event()
        self._call_arrived = asyncio.Event()
        self._closing = False
        self.enforce_limits = enforce_limits
        self.refused_for_limits = 0  # 429s answered because a limit was exceeded
        self._sent_times: collections.deque[float] = collections.deque()
        self._group_times: dict[int, collections.deque[float]] = {}

        handlers: dict[str, Callable[[JSONDict], Awaitable[Any]]] = {
            "getMe": self._get_me,
            "logOut": self._true,
            "close": self._true,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "getUpdates": self._get_updates,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "answerCallbackQuery": self._true,
            "sendChatAction": self._true,
            "getChat": self._get_chat,
            "setMyCommands": self._set_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "getMyCommands": self._get_my_commands,
        }
        # The Bot API treats method names case-insensitively; calls are recorded under the canonical spelling.
        self._handlers = {name.lower(): (name, handler) for name, handler in handlers.items()}

        self.app = web.Application()
        self.app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self.app.on_shutdown.append(self._on_shutdown)
        self._runner: web.AppRunner | None = None
        self._host = "127.0.0.1"
        self._port: int | None = None

    # -- running ---------------------------------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Serve on `host`:`port`; port 0 picks a free one (see `port` and `base_url`)."""
        self._closing = False
        self._runner = web.AppRunner(self.app, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port).start()
        self._host, self._port = host, self._runner.addresses[0][1]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner, self._port = None, None

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the fake Telegram API is not running; use start() or running_fake_telegram()")
        return self._port

    @property
    def base_url(self) -> str:
        """What to give PTB as `base_url`: it appends the token, then `/method`."""
        return f"http://{self._host}:{self.port}/bot"

    async def _on_shutdown(self, app: web.Application) -> None:
        # Release pending long polls, so shutdown does not wait for them.
        self._closing = True
        self._wake_pollers()

    # -- recording and failure injection --------------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        """Every call of `method` (case-insensitive), including those answered with an error."""
        return [call for call in self.calls if call.method.lower() == method.lower()]

    def sent_messages(self, chat_id: int | None = None) -> list[JSONDict]:
        """The parameters of each sendMessage that Telegram accepted, optionally only those to one chat."""
        return [
            call.params
            for call in self.calls_to("sendMessage")
            if call.ok and (chat_id is None or call.params.get("chat_id") == chat_id)
        ]

    def clear(self) -> None:
        """Forget the recorded calls (not the fake's state, such as queued failures or forbidden chats)."""
        self.calls.clear()

    async def wait_for_calls(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait until `method` has been called `count` times in all, for code that calls Telegram in the
        background (such as a polling Updater), instead of sleeping in tests."""
        async with asyncio.timeout(timeout):
            while len(calls := self.calls_to(method)) < count:
                await self._call_arrived.wait()
        return calls

    def fail_next(
        self,
        method: str,
        chat_id: int | str | None = None,
        *,
        error_code: int,
        description: str,
        parameters: JSONDict | None = None,
        times: int = 1,
        after: int = 0,
    ) -> None:
        """Answer the next `times` calls of `method` (to `chat_id`, if given) with this error instead, after
        letting `after` of them through (to fail the second part of a long message, say).

        For example ``error_code=429, description="Too Many Requests: retry after 3",
        parameters={"retry_after": 3}`` makes PTB raise ``RetryAfter``.
        """
        error = BotAPIError(error_code, description, parameters)
        self._failures.append(_Failure(method, chat_id, error, times, after))

    def hold(self, method: str) -> asyncio.Event:
        """Answer calls to `method` only once the event returned is set: a slow network, for testing what the
        bot does while a call is under way."""
        self._held[method.lower()] = event = asyncio.Event()
        return event

    def forbid(self, chat_id: int) -> None:
        """Make every call to `chat_id` fail with 403, as when a user blocked the bot or it left a group."""
        self.forbidden.add(chat_id)

    def _injected_failure(self, method: str, params: JSONDict) -> BotAPIError | None:
        for failure in self._failures:
            if failure.matches(method, params):
                if failure.after > 0:
                    failure.after -= 1
                    continue
                failure.times -= 1
                if failure.times <= 0:
                    self._failures.remove(failure)
                return failure.error
        chat_id = params.get("chat_id")
        if chat_id in self.forbidden:
            if isinstance(chat_id, int) and chat_id > 0:
                return BotAPIError(403, "Forbidden: bot was blocked by the user")
            return BotAPIError(403, "Forbidden: bot was kicked from the supergroup chat")
        return None

    # -- incoming updates -----------------------------------------------------------------------------------

    def push_update(self, update: JSONDict) -> JSONDict:
        """Queue an update for getUpdates (giving it an update_id if it has none) and wake a long poll."""
        update.setdefault("update_id", next(self._update_ids))
        self._updates.append(update)
        self._wake_pollers()
        return update

    def message_update(
        self,
        chat_id: int,
        user_id: int,
        text: str,
        *,
        first_name: str = "测试用户",
        username: str | None = None,
        chat_type: str | None = None,
        chat_title: str | None = None,
    ) -> JSONDict:
        """An update with a text message from a user, shaped like Telegram's (commands get their entity, which
        PTB's CommandHandler needs). It is not queued: pass it to `push_update` or `Update.de_json`."""
        user = self._user(user_id, first_name, username)
        message: JSONDict = {
            "message_id": self._next_message_id(chat_id),
            "date": int(time.time()),
            "chat": self._remember_chat(chat_id, user, chat_type, chat_title),
            "from": user,
            "text": text,
        }
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": _utf16_length(command)}]
        return {"update_id": next(self._update_ids), "message": message}

    def callback_update(
        self,
        chat_id: int,
        user_id: int,
        data: str,
        message_id: int | None = None,
        *,
        first_name: str = "测试用户",
        username: str | None = None,
    ) -> JSONDict:
        """An update for a tap on an inline button of the bot's message `message_id` (by default, the last
        message the bot sent to the chat). Not queued, like `message_update`."""
        user = self._user(user_id, first_name, username)
        if message_id is None:
            message_id = self._last_sent.get(chat_id) or self._next_message_id(chat_id)
        message = copy.deepcopy(self._messages.get((chat_id, message_id))) or {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self._chat(chat_id),
            "from": self._bot_user(),
        }
        query = {
            "id": str(next(self._callback_ids)),
            "from": user,
            "message": message,
            "chat_instance": str(abs(chat_id)),
            "data": data,
        }
        return {"update_id": next(self._update_ids), "callback_query": query}

    # -- HTTP -----------------------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        params = await _read_params(request)
        name, handler = self._handlers.get(request.match_info["method"].lower(), (request.match_info["method"], None))
        call = Call(name, params)
        self.calls.append(call)
        self._call_arrived.set()
        self._call_arrived = asyncio.Event()
        try:
            if request.match_info["token"] != self.token:
                raise BotAPIError(401, "Unauthorized")
            if handler is None:
                raise BotAPIError(404, "Not Found: method not found")
            if error := self._injected_failure(name, params):
                raise error
            if (held := self._held.get(name.lower())) is not None:
                await held.wait()
            result = await handler(params)
        except BotAPIError as error:
            call.error_code = error.error_code
            return web.json_response(error.body(), status=error.error_code)
        return web.json_response({"ok": True, "result": result})

    # -- methods --------------------------------------------------------------------------------------------

    async def _true(self, params: JSONDict) -> bool:
        return True

    async def _get_me(self, params: JSONDict) -> JSONDict:
        return {
            **self._bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": self.can_read_all_group_messages,
            "supports_inline_queries": False,
        }

    async def _set_webhook(self, params: JSONDict) -> bool:
        self.webhook_url = str(params.get("url") or "")  # an empty url removes the webhook, as in the Bot API
        self.webhook_secret = params.get("secret_token")
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _delete_webhook(self, params: JSONDict) -> bool:
        return await self._set_webhook({"drop_pending_updates": params.get("drop_pending_updates")})

    async def _get_webhook_info(self, params: JSONDict) -> JSONDict:
        return {"url": self.webhook_url, "has_custom_certificate": False, "pending_update_count": len(self._updates)}

    async def _get_updates(self, params: JSONDict) -> list[JSONDict]:
        """Updates with update_id >= offset, as in the Bot API (PTB asks for last seen + 1); asking with an
        offset confirms, and so forgets, the updates before it."""
        if self.webhook_url:
            raise BotAPIError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete "
                "the webhook first",
            )
        offset, limit = int(params.get("offset") or 0), int(params.get("limit") or 100)
        if offset > 0:
            self._updates = [update for update in self._updates if update["update_id"] >= offset]
        wait = min(float(params.get("timeout") or 0), self.max_poll_wait)
        if not self._updates and wait > 0 and not self._closing:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._update_arrived.wait(), wait)
        updates = self._updates[offset:] if offset < 0 else self._updates
        return updates[:limit]

    def _check_limits(self, chat_id: int) -> None:
        """Telegram's published limits, on arrival: 30 messages a second overall, 20 a minute to a group."""
        now = time.monotonic()
        overall, group = self._sent_times, self._group_times.setdefault(chat_id, collections.deque())
        for window, seconds in ((overall, 1.0), (group, 60.0)):
            while window and window[0] <= now - seconds:
                window.popleft()
        for window, limit, seconds in ((overall, 30, 1.0), (group, 20, 60.0)):
            if (chat_id < 0 or window is overall) and len(window) >= limit:
                self.refused_for_limits += 1
                retry = max(1, math.ceil(window[0] + seconds - now))
                raise BotAPIError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})
        overall.append(now)
        if chat_id < 0:
            group.append(now)

    async def _send_message(self, params: JSONDict) -> JSONDict:
        chat_id = self._chat_id(params)
        if self.enforce_limits:
            self._check_limits(chat_id)
        message = {
            "message_id": self._next_message_id(chat_id),
            "date": int(time.time()),
            "chat": self._chat(chat_id),
            "from": self._bot_user(),
            "text": _check_text(params.get("text")),
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self._messages[chat_id, message["message_id"]] = message
        self._last_sent[chat_id] = message["message_id"]
        return message

    async def _edit_message_text(self, params: JSONDict) -> JSONDict | bool:
        return self._edit(params, text=_check_text(params.get("text")))

    async def _edit_message_reply_markup(self, params: JSONDict) -> JSONDict | bool:
        return self._edit(params, text=None)

    def _edit(self, params: JSONDict, text: str | None) -> JSONDict | bool:
        """Both edits replace the reply markup (leaving it out removes the keyboard, as in Telegram) and, for a
        message the fake knows, fail with "message is not modified" when nothing changes, which bots must
        tolerate. Messages it does not know (say, from before a restart) are edited without checks."""
        if params.get("inline_message_id"):
            return True
        chat_id, message_id = self._chat_id(params), int(_require(params, "message_id"))
        known = self._messages.get((chat_id, message_id))
        old = known or {"message_id": message_id, "date": int(time.time()), "chat": self._chat(chat_id)}
        message = {key: value for key, value in old.items() if key not in ("reply_markup", "edit_date")}
        message.setdefault("from", self._bot_user())
        if text is not None:
            message["text"] = text
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        unchanged = (old.get("text"), old.get("reply_markup")) == (message.get("text"), message.get("reply_markup"))
        if known and unchanged:
            raise BotAPIError(
                400,
                "Bad Request: message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message",
            )
        message["edit_date"] = int(time.time())
        self._messages[chat_id, message_id] = message
        return message

    async def _get_chat(self, params: JSONDict) -> JSONDict:
        return {
            **self._chat(self._chat_id(params)),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": dict.fromkeys(
                ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription", "gifts_from_channels"),
                False,
            ),
        }

    async def _set_my_commands(self, params: JSONDict) -> bool:
        self.commands[_commands_key(params)] = list(_require(params, "commands"))
        return True

    async def _delete_my_commands(self, params: JSONDict) -> bool:
        self.commands.pop(_commands_key(params), None)
        return True

    async def _get_my_commands(self, params: JSONDict) -> list[JSONDict]:
        return self.commands.get(_commands_key(params), [])

    # -- helpers --------------------------------------------------------------------------------------------

    def _wake_pollers(self) -> None:
        self._update_arrived.set()
        self._update_arrived = asyncio.Event()

    def _bot_user(self) -> JSONDict:
        return {"id": self.bot_id, "is_bot": True, "first_name": self.first_name, "username": self.username}

    @staticmethod
    def _user(user_id: int, first_name: str, username: str | None) -> JSONDict:
        user: JSONDict = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username:
            user["username"] = username
        return user

    def _chat_id(self, params: JSONDict) -> int:
        chat_id = _require(params, "chat_id")
        if not isinstance(chat_id, int):
            raise BotAPIError(400, "Bad Request: chat not found")  # e.g. an @username the fake cannot resolve
        return chat_id

    def _chat(self, chat_id: int) -> JSONDict:
        """The chat as last seen in an incoming update, or a plausible one: private for positive ids,
        a titled supergroup for negative ones."""
        if chat_id in self._chats:
            return dict(self._chats[chat_id])
        if chat_id > 0:
            return {"id": chat_id, "type": "private"}
        return {"id": chat_id, "type": "supergroup", "title": f"Group {chat_id}"}

    def _remember_chat(self, chat_id: int, user: JSONDict, chat_type: str | None, title: str | None) -> JSONDict:
        chat = self._chat(chat_id)
        if chat_type:
            chat["type"] = chat_type
        if chat["type"] == "private":
            chat.update({key: user[key] for key in ("first_name", "username") if key in user})
        else:
            chat["title"] = title or chat.get("title") or f"Group {chat_id}"
        self._chats[chat_id] = chat
        return dict(chat)

    def _next_message_id(self, chat_id: int) -> int:
        """Message ids count up per chat, shared by the users' messages and the bot's, as in Telegram."""
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))


def _commands_key(params: JSONDict) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")


def _utf16_length(text: str) -> int:
    """Telegram measures entity offsets and lengths in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


@contextlib.asynccontextmanager
async def running_fake_telegram(port: int = 0, **options: Any) -> AsyncIterator[FakeTelegramAPI]:
    """Run a `FakeTelegramAPI` on 127.0.0.1 (a free port unless one is given) for the duration of the block.

    `options` go to `FakeTelegramAPI`, such as ``can_read_all_group_messages=False``.
    """
    fake = FakeTelegramAPI(**options)
    await fake.start(port=port)
    try:
        yield fake
    finally:
        await fake.stop()
