"""Platform message ids already handled: the key that stops a retried message from being handled twice."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

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
