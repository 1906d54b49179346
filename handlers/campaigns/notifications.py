"""What a fired occurrence says: each group's notice, once, on every platform the group is on.

The key `campaign:<id>:<occurrence>:<group>` becomes each outbox row's unique key (with the platform and the
address): a notice never goes twice to a group, whatever happens to the process that enqueued it.
"""

from __future__ import annotations

from bot.messages import Outbound
from handlers.campaigns.events import Fired


def once_key(campaign_id: int, occurrence_id: int, chat: str) -> str:
    return f"campaign:{campaign_id}:{occurrence_id}:{chat}"


def messages_for(event: Fired) -> list[Outbound]:
    campaign, occurrence = event.campaign, event.occurrence
    return [
        Outbound(notice.text, chat=notice.chat, once=once_key(campaign.id, occurrence.id, notice.chat))
        for notice in event.notices
    ]
