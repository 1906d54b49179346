"""Campaigns, their occurrences, and their deliveries (whose fate is their outbox rows')."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import update
from sqlmodel import col, select

from storage.fast import any_row, insert_new_returning_id, insert_row
from storage.models import Campaign, CampaignDelivery, CampaignOccurrence, OutboxMessage

if TYPE_CHECKING:
    from storage.store import Store

REMOVED = "活动已删除"  # the error of an outbox row a removed campaign will no longer send


@dataclass(frozen=True)
class DeliveryState:
    chat_id: str
    platform: str
    sent_at: datetime | None
    attempts: int
    error: str | None
    acknowledged_at: datetime | None


class Campaigns:
    def __init__(self, store: Store) -> None:
        self.store = store

    # --- campaigns -------------------------------------------------------------------------------

    def add(self, campaign: Campaign) -> Campaign:
        self.store._orm.add(campaign)
        self.store._orm.flush()
        return campaign

    def get(self, campaign_id: int, lock: bool = False) -> Campaign | None:
        """`lock`: held until the unit of work ends, so two processes never fire the same occurrence."""
        return self.store._orm.get(Campaign, campaign_id, with_for_update=lock)

    def listed(self) -> list[Campaign]:
        query = select(Campaign).where(col(Campaign.removed_at).is_(None)).order_by(Campaign.id)
        return list(self.store._orm.exec(query))

    def due(self, now: datetime) -> list[int]:
        """Campaigns whose next occurrence is due, not paused or removed."""
        query = select(Campaign.id).where(
            col(Campaign.next_due) <= now, col(Campaign.paused).is_(False), col(Campaign.removed_at).is_(None)
        )
        return list(self.store._orm.exec(query.order_by(Campaign.next_due)))

    def flush(self) -> None:
        self.store._orm.flush()

    # --- occurrences -----------------------------------------------------------------------------

    def add_occurrence(self, values: dict) -> CampaignOccurrence | None:
        """The occurrence, or None if this (campaign, time) was handled before: the unique key decides."""
        new_id = insert_new_returning_id(self.store._connection, CampaignOccurrence.__table__, values)
        return None if new_id is None else self.store._orm.get(CampaignOccurrence, new_id)

    def sent_items(self, campaign_id: int) -> list[str]:
        """The library items this campaign sent, oldest first."""
        query = select(CampaignOccurrence.item_key).where(
            CampaignOccurrence.campaign_id == campaign_id,
            CampaignOccurrence.outcome == "enqueued",
            col(CampaignOccurrence.item_key).is_not(None),
        )
        return list(self.store._orm.exec(query.order_by(CampaignOccurrence.id)))

    def occurrences(self, campaign_id: int) -> list[CampaignOccurrence]:
        query = select(CampaignOccurrence).where(CampaignOccurrence.campaign_id == campaign_id)
        return list(self.store._orm.exec(query.order_by(CampaignOccurrence.id)))

    def latest_enqueued(self, campaign_id: int) -> CampaignOccurrence | None:
        query = select(CampaignOccurrence).where(
            CampaignOccurrence.campaign_id == campaign_id, CampaignOccurrence.outcome == "enqueued"
        )
        return self.store._orm.exec(query.order_by(col(CampaignOccurrence.id).desc())).first()

    # --- deliveries ------------------------------------------------------------------------------

    def add_deliveries(self, rows: list[dict]) -> None:
        """One statement for them all; a (occurrence, group, platform) twice fails the unit of work."""
        insert_row(self.store._connection, CampaignDelivery.__table__, rows)

    def states(self, occurrence_id: int) -> list[DeliveryState]:
        """Each delivery of the occurrence, with what its outbox row says."""
        query = (
            select(
                CampaignDelivery.chat_id,
                CampaignDelivery.platform,
                OutboxMessage.sent_at,
                OutboxMessage.attempts,
                OutboxMessage.error,
                CampaignDelivery.acknowledged_at,
            )
            .join(OutboxMessage, col(OutboxMessage.dedup_key) == CampaignDelivery.outbox_key, isouter=True)
            .where(CampaignDelivery.occurrence_id == occurrence_id)
            .order_by(CampaignDelivery.chat_id, CampaignDelivery.platform)
        )
        return [DeliveryState(*row) for row in self.store._orm.exec(query)]

    def delivered_to_since(self, chat_id: str, since: datetime) -> bool:
        """Asked of every 收到 in a group: straight to the driver (an ORM session, or even SQLAlchemy's
        execution, costs more than the query)."""
        return any_row(self.store._connection, CampaignDelivery.__table__, {"chat_id": chat_id}, {"enqueued_at": since})

    def acknowledge(self, chat_id: str, since: datetime, at: datetime) -> int:
        """Mark the group's deliveries since `since` acknowledged (the first reply counts); how many."""
        statement = (
            update(CampaignDelivery)
            .where(
                CampaignDelivery.chat_id == chat_id,
                CampaignDelivery.enqueued_at >= since,
                col(CampaignDelivery.acknowledged_at).is_(None),
            )
            .values(acknowledged_at=at)
        )
        return self.store._orm.exec(statement).rowcount

    def retry_failed(self, occurrence_id: int, now: datetime) -> tuple[int, set[str]]:
        """Make the occurrence's failed rows due again with fresh attempts: how many, and on which platforms."""
        keys = select(CampaignDelivery.outbox_key).where(CampaignDelivery.occurrence_id == occurrence_id)
        failed = select(OutboxMessage.id, OutboxMessage.platform).where(
            col(OutboxMessage.dedup_key).in_(keys),
            col(OutboxMessage.sent_at).is_(None),
            OutboxMessage.attempts > 0,
        )
        rows = list(self.store._orm.exec(failed))
        if rows:
            self.store._orm.exec(
                update(OutboxMessage)
                .where(col(OutboxMessage.id).in_([r[0] for r in rows]))
                .values(attempts=0, next_attempt_at=now, error=None)
            )
        return len(rows), {r[1] for r in rows}

    def cancel_unsent(self, campaign_id: int, max_attempts: int) -> int:
        """A removed campaign's rows not sent yet are given up (and say why)."""
        keys = select(CampaignDelivery.outbox_key).where(CampaignDelivery.campaign_id == campaign_id)
        statement = (
            update(OutboxMessage)
            .where(col(OutboxMessage.dedup_key).in_(keys), col(OutboxMessage.sent_at).is_(None))
            .values(attempts=max_attempts, error=REMOVED)
        )
        return self.store._orm.exec(statement).rowcount
