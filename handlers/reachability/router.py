"""Workers and residents the bot cannot reach privately (on Telegram: they never pressed Start, or blocked
the bot): when they write to it privately, what was held for them goes out."""

from __future__ import annotations

from bot.dispatch.context import Context
from bot.dispatch.router import Chat, Router

router = Router("reachability")


def bot_may_not_write_first(ctx: Context) -> bool:
    return ctx.start_link is not None


@router.observe(chats=Chat.PRIVATE, when=bot_may_not_write_first)
def reachable_again(ctx: Context) -> None:
    """They wrote to the bot, so it can write to them now; never takes the message."""
    inbound = ctx.inbound
    if ctx.store.accounts.reachable_again(inbound.platform, inbound.user, ctx.clock.now()):
        ctx.wake.add(inbound.platform)
