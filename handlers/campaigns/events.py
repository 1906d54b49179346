"""What a campaign's occurrence came to; handlers.campaigns.notifications alone turns it into messages."""

from __future__ import annotations

from dataclasses import dataclass

from storage.models import Campaign, CampaignOccurrence


@dataclass(frozen=True)
class GroupNotice:
    chat: str
    text: str  # with the group's community and grid worker filled in


@dataclass(frozen=True)
class Fired:
    """An occurrence enqueued: each group's notice, said once under the occurrence's key."""

    campaign: Campaign
    occurrence: CampaignOccurrence
    notices: tuple[GroupNotice, ...]


@dataclass(frozen=True)
class Skipped:
    """An occurrence not sent, and why: late (the bot was down too long), holiday, or no_groups."""

    campaign: Campaign
    occurrence: CampaignOccurrence
