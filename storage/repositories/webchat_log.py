"""The built-in web chat's conversation log: what people typed there and what the bot said."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import col, select

from storage.fast import insert_row
from storage.models import WebchatMessage

if TYPE_CHECKING:
    from storage.store import Store


class WebchatLog:
    def __init__(self, store: Store) -> None:
        self.store = store

    def append(self, lines: list[dict]) -> None:
        """Lines: chat, user, name, text, buttons, at, client_id (unique when given)."""
        if lines:
            insert_row(self.store._connection, WebchatMessage.__table__, lines)

    def read(self, chat: str, after: int, limit: int) -> list[WebchatMessage]:
        query = (
            select(WebchatMessage)
            .where(WebchatMessage.chat == chat, col(WebchatMessage.seq) > after)
            .order_by(WebchatMessage.seq)
            .limit(limit)
        )
        return list(self.store._orm.exec(query))
