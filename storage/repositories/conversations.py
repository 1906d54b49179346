"""Conversation state in the database (bot.conversation's ConversationStore): it survives a restart, and the
answer may reach another bot process than the question's."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete
from sqlmodel import col, select

from bot.conversation import Expired, State
from storage.models import Conversation

if TYPE_CHECKING:
    from storage.store import Store


class Conversations:
    def __init__(self, store: Store) -> None:
        self.store = store

    def _row(self, chat: str, person: str) -> Conversation | None:
        """Locked until the unit of work ends, so an answer and the expiry job (which skips locked rows) never
        both act on one question."""
        query = select(Conversation).where(Conversation.chat == chat, Conversation.person_id == person)
        return self.store._orm.exec(query.with_for_update()).first()

    def get(self, chat: str, person: str) -> State | None:
        row = self._row(chat, person)
        return _state(row) if row else None

    def set(self, chat: str, person: str, state: State) -> None:
        row = self._row(chat, person) or Conversation(chat=chat, person_id=person)
        row.platform, row.state, row.data = state.platform, state.name, dict(state.data)
        row.expires_at, row.expiry_notice = state.expires_at, state.expiry_notice
        self.store._orm.add(row)

    def clear(self, chat: str, person: str) -> None:
        gone = delete(Conversation).where(Conversation.chat == chat, Conversation.person_id == person)
        self.store._orm.exec(gone)

    def take_expired(self, now: datetime, limit: int = 100) -> list[Expired]:
        query = select(Conversation).where(Conversation.expires_at <= now).order_by(Conversation.id).limit(limit)
        rows = list(self.store._orm.exec(query.with_for_update(skip_locked=True)))
        if rows:
            self.store._orm.exec(delete(Conversation).where(col(Conversation.id).in_([r.id for r in rows])))
        return [Expired(row.chat, row.person_id, _state(row)) for row in rows]


def _state(row: Conversation) -> State:
    return State(row.state, row.expires_at, row.platform, dict(row.data or {}), row.expiry_notice)
