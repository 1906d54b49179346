"""Workers the bot cannot reach privately: their head is told and they are asked in their group to start the
bot; once they write to the bot, what they missed is sent again (bot.services.delivery holds it)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from bot.clock import Clock
from bot.dispatch import Context
from bot.messages import Outbound
from bot.services import outbox
from bot.services.delivery import OnUnreachable, reachable_again
from bot.services.roster_view import load_roster_view
from handlers.texts import reachability as T
from storage.models import Chat, PlatformAccount


def handle_reachable_again(ctx: Context) -> bool:
    """A private message on a platform where the bot may not write first (it has a start link): the sender can
    be reached there now, so what was held for them goes. Never stops other handlers."""
    inbound = ctx.inbound
    if (
        ctx.start_link
        and not inbound.is_group
        and reachable_again(ctx.connection, inbound.platform, inbound.user, ctx.clock.now())
    ):
        ctx.queued.add(inbound.platform)
    return False


def tell_of_unreachable(clock: Clock, platforms: frozenset[str]) -> OnUnreachable:
    def on_unreachable(session: Session, account: PlatformAccount, link: str | None) -> None:
        if account.person_id is None:
            return  # a group that removed the bot: logged by the delivery; nobody in it would read us
        roster = load_roster_view(session.connection())
        person = account.person_id
        platform = T.PLATFORM_NAMES.get(account.platform, account.platform)
        how = T.HOW_WITH_LINK.format(link=link) if link else T.HOW_WITHOUT_LINK.format(platform=platform)
        title = roster.title(person)
        grids = {role.grid_id for role in roster.roles.get(person, []) if role.grid_id is not None}
        out = [
            Outbound(T.HEAD_NOTICE.format(platform=platform, title=title, how=how), person=head)
            for head in _who_to_tell(roster, person, grids)
        ]
        if grids:
            groups = session.exec(select(Chat.id).where(col(Chat.grid_id).in_(grids)))
            text = T.GROUP_ASK.format(title=title, platform=platform, how=how)
            out += [Outbound(text, chat=chat, platform=account.platform) for chat in groups]
        outbox.enqueue(session, clock, out, platforms=platforms, roster=roster)

    return on_unreachable


def _who_to_tell(roster, person: str, grids: set[int]) -> list[str]:
    """The heads of their grids; where they are the head themselves (or there is none), the community admins."""
    heads = {roster.grids[g].head_id for g in grids} - {person, None}
    if heads:
        return sorted(heads)
    communities = {role.community_id for role in roster.roles.get(person, []) if role.community_id is not None}
    admins = {a for c in communities for a in roster.holders("community_admin", community_id=c)}
    return sorted(admins - {person})
