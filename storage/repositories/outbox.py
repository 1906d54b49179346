"""The outbox's rows: one message to one address on one platform, stored with the change that caused it."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import update
from sqlmodel import col, select

from storage.fast import insert_if_new, insert_row
from storage.models import OutboxMessage

if TYPE_CHECKING:
    from storage.store import Store


class Outbox:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, rows: list[dict]) -> None:
        if rows:
            insert_row(self.store._connection, OutboxMessage.__table__, rows)

    def add_once(self, row: dict) -> bool:
        """A row said only once (it has a dedup key): False, and nothing stored, if the key was said before."""
        return insert_if_new(self.store._connection, OutboxMessage.__table__, row)

    def due(self, platform: str, now: datetime, max_attempts: int, limit: int, claim: bool) -> list[OutboxMessage]:
        """Unsent rows due by `now`, oldest first. `claim`: lock them, skipping any another process has locked
        (PostgreSQL; SQLite has one writer anyway)."""
        query = select(OutboxMessage).where(
            OutboxMessage.platform == platform,
            col(OutboxMessage.sent_at).is_(None),
            OutboxMessage.attempts < max_attempts,
            OutboxMessage.next_attempt_at <= now,
        )
        query = query.order_by(OutboxMessage.id).limit(limit)
        if claim:
            query = query.with_for_update(skip_locked=True)
        return list(self.store._orm.exec(query))

    def postpone(self, ids: list[int], until: datetime, reason: str | None = None) -> None:
        """Not due again before `until` (unless sent meanwhile); one statement for them all."""
        if ids:
            values = {"next_attempt_at": until} if reason is None else {"next_attempt_at": until, "error": reason}
            self.store._orm.exec(_unsent(ids).values(**values))

    def mark_sent(self, ids: list[int], at: datetime) -> None:
        if ids:
            self.store._orm.exec(_unsent(ids).values(sent_at=at, attempts=OutboxMessage.attempts + 1, error=None))

    def locked(self, row_id: int) -> OutboxMessage | None:
        """The row, locked until the unit of work ends; changes to it are saved with the unit."""
        return self.store._orm.get(OutboxMessage, row_id, with_for_update=True)


def _unsent(ids: list[int]):
    return update(OutboxMessage).where(col(OutboxMessage.id).in_(ids), col(OutboxMessage.sent_at).is_(None))
