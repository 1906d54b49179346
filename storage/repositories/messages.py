"""Platform message ids already handled: the key that stops a retried message from being handled twice."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select, update

from storage.fast import insert_if_new
from storage.models import ProcessedMessage

if TYPE_CHECKING:
    from storage.store import Store


class ProcessedMessages:
    def __init__(self, store: Store) -> None:
        self.store = store

    def claim(self, platform: str, message_id: str, at: datetime) -> bool:
        """True the first time this message is taken; False if it was taken before (the unique key decides, so
        two processes taking the same message at once cannot both win)."""
        row = {"platform": platform, "message_id": message_id, "at": at}
        return insert_if_new(self.store._connection, ProcessedMessage.__table__, row)

    def keep_outcome(self, platform: str, message_id: str, outcome: dict) -> None:
        """How the message claimed under this key turned out, for when it comes again."""
        table = ProcessedMessage.__table__
        where = (table.c.platform == platform) & (table.c.message_id == message_id)
        self.store._connection.execute(update(table).where(where).values(outcome=outcome))

    def outcome_of(self, platform: str, message_id: str) -> dict | None:
        table = ProcessedMessage.__table__
        where = (table.c.platform == platform) & (table.c.message_id == message_id)
        return self.store._connection.execute(select(table.c.outcome).where(where)).scalar()
