"""Offers to register a message that looked like a complaint: the reporter may tap to make it a ticket."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.fast import insert_returning_id
from storage.models import ComplaintOffer

if TYPE_CHECKING:
    from storage.store import Store


class Offers:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, values: dict) -> int:
        """The new offer's number (straight to the driver: a group's look-alike complaints are frequent)."""
        return insert_returning_id(self.store._connection, ComplaintOffer.__table__, {"ticket_id": None, **values})

    def taken(self, number: int, ticket_id: int) -> None:
        """The offer was registered as this ticket."""
        offer = self.store._orm.get(ComplaintOffer, number)
        offer.ticket_id = ticket_id

    def get(self, number: int, lock: bool = False) -> ComplaintOffer | None:
        """Changes made to the offer returned are saved with the unit of work; `lock` holds it meanwhile."""
        return self.store._orm.get(ComplaintOffer, number, with_for_update=lock)
