"""Campaigns in the chat: a group's 收到 / 已读 / 好的 / 知道了 after a notice counts as read, and is not answered
(it would only add noise to a group that has just had a notice). Campaigns themselves are run from the admin API
and the command line, not from chats."""

from __future__ import annotations

from bot.dispatch.context import Context
from bot.dispatch.router import Chat, Router
from handlers.campaigns import texts as T
from handlers.campaigns.service import CampaignService

router = Router("campaigns")


def campaigns(ctx: Context) -> CampaignService:
    return CampaignService(ctx.store.campaigns, ctx.clock, ctx.roster)


def acknowledges_a_notice(ctx: Context) -> bool:
    return T.acknowledges(ctx.inbound.text) and campaigns(ctx).expects_acknowledgement(ctx.chat.id)


@router.text(chats=Chat.GROUP, when=acknowledges_a_notice)
def acknowledge(ctx: Context) -> None:
    """Within 12 hours of a notice, the group's 收到 counts for it; said nothing back."""
    campaigns(ctx).acknowledge(ctx.chat.id)
