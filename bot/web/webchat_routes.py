"""The web chat's page and JSON API (also the generic bridge a WeChat gateway can post to)."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import unicodedata
from pathlib import Path

from aiohttp import web

from bot.channels.webchat import BOT_USER, PLATFORM, Posted
from bot.clock import local_iso
from bot.dispatch.dispatcher import Handled
from bot.web.context import SERVICES, Services
from bot.web.errors import ApiError, json_response, query_text, read_json_object, unsafe
from storage.models import WebchatMessage
from storage.roster_view import RosterView

STATIC = Path(__file__).with_name("static")
MAX_TEXT = 4000
MAX_ID = 128
MAX_WAIT = 25.0
MAX_SEQ = 2**31 - 1  # the log's sequence is a 32-bit integer on PostgreSQL
MAX_LINES = 200
LOOK_AGAIN_SECONDS = 1.0  # a chat not in the roster snapshot: read the roster again, at most this often

log = logging.getLogger(__name__)
routes = web.RouteTableDef()


# The page must not be shown inside another site's frame (a click there would be a click here).
NOT_IN_A_FRAME = {"X-Frame-Options": "DENY", "Content-Security-Policy": "frame-ancestors 'none'"}


@routes.get("/")
async def page(_request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC / "index.html", headers=NOT_IN_A_FRAME)


def _field(body: dict, name: str, *, required: bool = True, limit: int = MAX_ID) -> str | None:
    """A string field: missing (if optional), or a clear 400 that changes nothing."""
    value = body.get(name)
    if value is None:
        if required:
            raise ApiError(400, f"缺少字段 {name}")
        return None
    if not isinstance(value, str):
        raise ApiError(400, f"字段 {name} 必须是字符串")
    if not value.strip():
        if required:
            raise ApiError(400, f"字段 {name} 不能为空")
        return None
    if unsafe(value):
        raise ApiError(400, f"字段 {name} 含有无效字符")
    if len(value) > limit:
        raise ApiError(400, f"字段 {name} 过长（最多 {limit} 个字符）")
    return value


def folded(text: str) -> str:
    """What a name looks like once width, case and invisible characters are set aside (ｂｏｔ, BOT, 网格\u200b通)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if text.isprintable() and " " not in text:  # almost every id and name: nothing unseen in it
        return text
    return "".join(c for c in text if unicodedata.category(c) not in ("Cf", "Zs", "Cc"))


async def _posted(request: web.Request, *, button: bool) -> tuple[Services, Posted]:
    services = request.app[SERVICES]
    body = await read_json_object(request)
    chat, user = _field(body, "chat"), _field(body, "user", limit=64)
    name = _field(body, "name", required=False, limit=64) or user
    if folded(user) == BOT_USER or folded(name) in services.bot_names:
        raise ApiError(403, "不能以网格通的身份发言")
    fields = {"client_id": client_id} if (client_id := _field(body, "id", required=False)) else {}
    if button:
        data = _field(body, "data", limit=256)
        if not services.dispatcher.routes.knows_button(data):
            raise ApiError(400, "按钮数据无效")
        posted = Posted(chat, user, name, button_data=data, message_seq=_seq(body), **fields)
    else:
        posted = Posted(chat, user, name, _field(body, "text", limit=MAX_TEXT), **fields)
    return services, posted


@routes.post("/api/webchat/messages")
async def post_message(request: web.Request) -> web.Response:
    services, posted = await _posted(request, button=False)
    return await _handle(services, posted)


@routes.post("/api/webchat/buttons")
async def post_button(request: web.Request) -> web.Response:
    services, posted = await _posted(request, button=True)
    return await _handle(services, posted)


async def _handle(services: Services, posted: Posted) -> web.Response:
    known = _known_now(services, posted.chat, posted.user)
    if not known and not await _knows_chat(services, posted.chat, posted.user):
        if posted.is_private:
            raise ApiError(403, "只能在自己的私聊中发消息")
        raise ApiError(404, f"没有这个聊天：{posted.chat}")
    webchat = services.webchat
    # What the person typed is kept in the chat's log, in the message's own unit of work.
    record = functools.partial(_record, services, posted) if posted.button_data is None else None
    handled = await services.dispatch(webchat.to_inbound(posted), record=record)
    if not handled.duplicate:  # committed by now, so a woken reader finds the new lines
        webchat.wake({posted.chat} | {line["chat"] for line in handled.delivered})
    if handled.spent and not handled.duplicate and posted.button_data is not None:
        await _spend(services, posted, handled)
    chosen_instead = None
    if handled.chosen_instead and not handled.duplicate:
        chosen_instead = await _choose_instead(services, posted.chat, handled.chosen_instead)
    lines = handled.delivered
    # `accepted`: false when a route turned the tap or message down (a stale button, someone else's), so the
    # page does not show a refused choice as chosen; `notice`, why a tap was (shown beside it, to the tapper alone);
    # `spent`: the tap used up its message's buttons (a rating given, an offer taken), so the page disables them.
    replies = [_reply_json(line) for line in lines]
    answer = {"id": posted.client_id, "replies": replies, "accepted": not handled.refused, "spent": handled.spent}
    if handled.tap_answer:
        answer["notice"] = handled.tap_answer
    if chosen_instead is not None:  # the page shows the choice changed on a message it drew before
        answer["chosen"] = {"seq": chosen_instead, "data": handled.chosen_instead}
    return json_response(answer)


def _record(services: Services, posted: Posted, store) -> None:
    """On the database thread, where the event loop does not pay for it."""
    store.webchat_log.append([services.webchat.posted_line(posted, services.clock.now())])


def _seq(body: dict) -> int | None:
    """The optional number of the bot's message a tap was on (`seq`, as the log gave it)."""
    seq = body.get("seq")
    if seq is None:
        return None
    if isinstance(seq, bool) or not isinstance(seq, int) or not 0 < seq < 2**63:
        raise ApiError(400, "seq 必须是消息的编号（正整数）")
    return seq


async def _spend(services: Services, posted: Posted, handled: Handled) -> None:
    """The log keeps the buttons a tap used up as used up (and the tapped one as the choice, if it was one), so a page
    that draws the chat again, or another member's, shows them so: Telegram's keyboard taken off, in the web
    chat's terms. A unit of its own, after the tap's: at worst, the buttons look usable and a tap is refused."""

    def run() -> None:
        with services.database.unit() as store:
            store.webchat_log.spend(posted.chat, posted.button_data, not handled.refused, posted.message_seq)

    try:
        await services.db.run(run)
    except Exception:  # the tap itself is committed: its answer must not turn into an error
        log.warning("web chat: could not mark a message's buttons as used", exc_info=True)


async def _choose_instead(services: Services, chat: str, data: str) -> int | None:
    """The log shows the button a message's choice changed to (a rating taken back in words), so a page drawn
    again shows it; the message's number. A unit of its own, as a tap's buttons are marked (_spend)."""

    def run() -> int | None:
        with services.database.unit() as store:
            return store.webchat_log.choose_instead(chat, data)

    try:
        return await services.db.run(run)
    except Exception:  # the words themselves are committed: their answer must not turn into an error
        log.warning("web chat: could not mark a message's new choice", exc_info=True)
        return None


def _known_now(services: Services, chat: str, user: str) -> bool:
    """A group the roster snapshot gives a web chat account, or the user's own private chat; on the event loop,
    reading nothing. False may only mean a group added since the snapshot was read."""
    if chat.startswith("dm:"):
        return chat[3:] == user
    roster = services.dispatcher.rosters.cached()
    return roster is not None and chat in roster.chat_ids_on(PLATFORM)


async def _knows_chat(services: Services, chat: str, user: str) -> bool:
    """`_known_now`, looking at the database again on a miss (a group added since), at most once a second."""
    if _known_now(services, chat, user):
        return True
    if chat.startswith("dm:"):
        return False
    rosters = services.dispatcher.rosters

    def look_again() -> RosterView:
        with services.database.unit() as store:
            return rosters.fresher(store.roster, older_than=LOOK_AGAIN_SECONDS)

    return chat in (await services.db.run(look_again)).chat_ids_on(PLATFORM)


@routes.get("/api/webchat/messages")
async def get_messages(request: web.Request) -> web.Response:
    """A chat's lines after `after`: a group's to anyone naming themselves, a private chat only to its owner."""
    services = request.app[SERVICES]
    chat, user = query_text(request, "chat"), query_text(request, "user")
    if not chat or not user:
        raise ApiError(400, "缺少参数 chat 或 user")
    try:
        after = int(query_text(request, "after", "0"))
        wait = min(float(query_text(request, "wait", "0")), MAX_WAIT)
    except ValueError as error:
        raise ApiError(400, "after 必须是整数，wait 必须是秒数") from error
    if not 0 <= after <= MAX_SEQ or not wait >= 0:  # `not >=` also refuses NaN
        raise ApiError(400, f"after 必须是 0 到 {MAX_SEQ} 的整数，wait 必须是 0 到 25 秒")
    if chat.startswith("dm:") and chat[3:] != user:
        raise ApiError(403, "只能查看自己的私聊")
    if not chat.startswith("dm:") and not await _knows_chat(services, chat, user):
        raise ApiError(404, f"没有这个聊天：{chat}")
    changed = services.webchat.change_event(chat)
    messages = await _read_log(services, chat, after)
    if not messages and wait > 0:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(changed.wait(), wait)
        messages = await _read_log(services, chat, after)
    return json_response({"messages": messages})


def _read_log(services: Services, chat: str, after: int):
    def read() -> list[dict]:
        with services.database.unit() as store:
            return [_line_json(line) for line in store.webchat_log.read(chat, after, MAX_LINES)]

    return services.db.run(read)


def _line_json(line: WebchatMessage) -> dict:
    return {
        "seq": line.seq,
        "chat": line.chat,
        "user": line.user,
        "name": line.name,
        "text": line.text,
        "buttons": line.buttons,
        "at": local_iso(line.at),
    }


def _reply_json(line: dict) -> dict:
    return {"chat": line["chat"], "text": line["text"], "buttons": line["buttons"]}


@routes.get("/api/webchat/directory")
async def directory(request: web.Request) -> web.Response:
    services = request.app[SERVICES]
    payload = await services.db.run(_directory, services)
    return json_response(payload)


def _directory(services: Services) -> dict:
    """The roster's web chat groups and staff, for the page's chat list and identity switcher."""
    with services.database.unit() as store:
        roster = services.dispatcher.rosters.current(store.roster)
    groups = [
        {"id": a.external_id, "name": roster.chats[chat].name}
        for chat, addresses in roster.chat_addresses.items()
        for a in addresses
        if a.platform == PLATFORM
    ]
    people = [
        {"id": a.external_id, "name": roster.name(person), "title": roster.role_title(person)}
        for person, addresses in roster.person_addresses.items()
        for a in addresses
        if a.platform == PLATFORM and roster.is_staff(person)
    ]
    return {"bot_name": services.bot_name, "groups": groups, "people": people}


def add_static(app: web.Application) -> None:
    app.router.add_static("/static/", STATIC, append_version=False)
