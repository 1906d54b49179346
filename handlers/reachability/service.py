"""Whom to tell when a platform refuses a private message: the person's grid head (or, for a head, the
community's admins), and the person themself, asked in their group to start the bot."""

from __future__ import annotations

from bot.messages import Outbound
from bot.vocabulary import PLATFORMS
from handlers.reachability import texts as T
from storage.repositories.accounts import AccountRef
from storage.roster_view import RosterView


def tell_of_unreachable(roster: RosterView, account: AccountRef, link: str | None) -> list[Outbound]:
    """What to say, and to whom, when the bot first fails to reach `account` privately."""
    if account.person_id is None:
        return []  # a group that removed the bot: logged by the delivery; nobody in it would read us
    person = account.person_id
    platform = PLATFORMS.get(account.platform, account.platform)
    how = T.HOW_WITH_LINK.format(link=link) if link else T.HOW_WITHOUT_LINK.format(platform=platform)
    title = roster.title(person)
    grids = {role.grid_id for role in roster.roles.get(person, []) if role.grid_id is not None}
    out = [
        Outbound(T.HEAD_NOTICE.format(platform=platform, title=title, how=how), person=head)
        for head in who_to_tell(roster, person, grids)
    ]
    text = T.GROUP_ASK.format(title=title, platform=platform, how=how)
    out += [Outbound(text, chat=chat, platform=account.platform) for chat in roster.chats_of_grids(grids)]
    return out


def who_to_tell(roster: RosterView, person: str, grids: set[int]) -> list[str]:
    """The heads of their grids; where they are the head themselves (or there is none), the community admins."""
    heads = {roster.grids[g].head_id for g in grids} - {person, None}
    if heads:
        return sorted(heads)
    communities = {role.community_id for role in roster.roles.get(person, []) if role.community_id is not None}
    admins = {a for c in communities for a in roster.holders("community_admin", community_id=c)}
    return sorted(admins - {person})
