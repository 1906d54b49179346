"""Groups the roster does not know: one polite notice, and 绑定 / /bind for an admin to register the group."""

from __future__ import annotations

from sqlalchemy import select

from bot.dispatch import Context
from bot.services.delivery import move_chat
from handlers.texts import groups as T
from storage.fast import insert_row
from storage.models import Chat, PlatformAccount


def handle_chat_moved(ctx: Context) -> bool:
    """The platform moved a group to a new id (Telegram: a group upgraded to a supergroup): follow it, so what
    residents say in the new group is not taken for a group nobody registered."""
    if not ctx.inbound.moved_from:
        return False
    if move_chat(ctx.session, ctx.inbound.platform, ctx.inbound.moved_from, ctx.inbound.chat):
        ctx.session.flush()
        ctx.roster_changed = True
    return True


def handle_unknown_group(ctx: Context) -> bool:
    """In a group no roster chat has: bind it, or say once (ever) that it is not registered. Nothing else said
    there is handled, since nobody is responsible for it yet."""
    if not ctx.inbound.is_group:
        return False
    command = ctx.command
    if command is not None and command.name == "bind":
        _bind(ctx, command.rest.strip())
        return True
    if ctx.chat is not None:
        return False
    where = T.WHERE_TO_WRITE.format(link=ctx.start_link) if ctx.start_link else ""
    ctx.reply_once(T.UNKNOWN_GROUP.format(where=where), key="unknown-group")
    return True


def _bind(ctx: Context, target: str) -> None:
    if ctx.chat is not None:
        ctx.reply(T.BIND_ALREADY.format(name=ctx.chat.name))
        return
    if not target:
        ctx.reply(T.BIND_USAGE)
        return
    chat = ctx.connection.execute(select(Chat).where(Chat.id == target)).first()
    if chat is None:
        ctx.reply(T.BIND_NO_SUCH_GROUP.format(chat=target))
        return
    if not _may_bind(ctx, chat):
        ctx.reply(T.BIND_NOT_ALLOWED)
        return
    account = {
        "platform": ctx.inbound.platform,
        "kind": "chat",
        "external_id": ctx.inbound.chat,
        "person_id": None,
        "chat_id": chat.id,
        "bound_by": ctx.sender.person_id,
        "unreachable_since": None,
    }
    insert_row(ctx.connection, PlatformAccount.__table__, account)
    ctx.roster_changed = True
    ctx.reply(T.BIND_DONE.format(name=chat.name))


def _may_bind(ctx: Context, chat) -> bool:
    """The street's admins; the community's admins; the head of the grid the group is bound to."""
    grid = ctx.roster.grids.get(chat.grid_id) if chat.grid_id else None
    if grid is not None and grid.head_id == ctx.sender.person_id:
        return True
    return ctx.roster.administers(ctx.sender.person_id, chat.community_id or (grid.community_id if grid else None))
