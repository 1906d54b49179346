"""Groups: one that the platform moved to a new id is followed; one the roster does not know gets one polite
notice (and nothing said there is handled, since nobody is responsible for it yet) until an admin sends
绑定 / /bind there to register it."""

from __future__ import annotations

import unicodedata

from bot.dispatch.context import Context
from bot.dispatch.router import Chat, Router
from handlers.groups import texts as T

router = Router("groups", commands=T.COMMANDS)


@router.event("chat_moved")
def follow_moved_group(ctx: Context) -> None:
    """Telegram upgraded a group to a supergroup: what residents say in the new one is still theirs."""
    ctx.store.accounts.move_chat(ctx.inbound.platform, ctx.inbound.moved_from, ctx.inbound.chat)


@router.command("bind", chats=Chat.GROUP | Chat.UNKNOWN_GROUP)
def bind(ctx: Context) -> None:
    target = unicodedata.normalize("NFKC", ctx.command.rest).strip()  # ｇ＿ｔｘ１ is written too
    if ctx.chat is not None:
        ctx.reply(T.BIND_ALREADY.format(name=ctx.chat.name))
        return
    if not target:
        ctx.reply(T.BIND_USAGE)
        return
    chat = ctx.roster.chats.get(target)
    if chat is None:
        ctx.reply(T.BIND_NO_SUCH_GROUP.format(chat=target))
        return
    if not may_bind(ctx, chat):
        ctx.reply(T.BIND_NOT_ALLOWED)
        return
    ctx.store.accounts.bind_chat(ctx.inbound.platform, ctx.inbound.chat, chat.id, bound_by=ctx.sender.person_id)
    ctx.reply(T.BIND_DONE.format(name=chat.name))


def may_bind(ctx: Context, chat) -> bool:
    """The street's admins; the community's admins; the head of the grid the group is bound to."""
    grid = ctx.roster.grids.get(chat.grid_id) if chat.grid_id else None
    if grid is not None and grid.head_id == ctx.sender.person_id:
        return True
    return ctx.roster.administers(ctx.sender.person_id, chat.community_id or (grid.community_id if grid else None))


@router.fallback(chats=Chat.UNKNOWN_GROUP)
def unknown_group(ctx: Context) -> None:
    """Said once (ever) in a group no roster chat has."""
    where = T.WHERE_TO_WRITE.format(link=ctx.start_link) if ctx.start_link else ""
    ctx.reply_once(T.UNKNOWN_GROUP.format(where=where), key="unknown-group")
