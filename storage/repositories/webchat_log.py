"""The built-in web chat's conversation log: what people typed there and what the bot said."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import col, select

from storage.fast import insert_row
from storage.models import WebchatMessage

if TYPE_CHECKING:
    from storage.store import Store


BOT = "bot"  # the user the bot's own lines are logged under
SPEND_LOOK_BACK = 500  # lines of a chat searched for the message whose buttons a tap used up


class WebchatLog:
    def __init__(self, store: Store) -> None:
        self.store = store

    def append(self, lines: list[dict]) -> None:
        """Lines: chat, user, name, text, buttons, at, client_id (unique when given)."""
        if lines:
            insert_row(self.store._connection, WebchatMessage.__table__, lines)

    def spend(self, chat: str, data: str, chosen: bool, look_back: int = SPEND_LOOK_BACK) -> bool:
        """Mark the buttons of the bot's latest message in `chat` that carries `data` as used up, and, if the tap
        was `chosen` (accepted, not turned down), that button as the choice made (never by whom: the log of a
        group is read by all of it), so that a page drawn again later shows them so. False if none of the last
        `look_back` lines of the chat carries it."""
        query = (
            select(WebchatMessage)
            .where(WebchatMessage.chat == chat, WebchatMessage.user == BOT)
            .order_by(col(WebchatMessage.seq).desc())
            .limit(look_back)
        )
        for line in self.store._orm.exec(query):
            if any(button.get("data") == data for button in line.buttons):
                line.buttons = [
                    {**button, "spent": True, **({"chosen": True} if chosen and button.get("data") == data else {})}
                    for button in line.buttons
                ]
                self.store._orm.add(line)
                return True
        return False

    def read(self, chat: str, after: int, limit: int) -> list[WebchatMessage]:
        query = (
            select(WebchatMessage)
            .where(WebchatMessage.chat == chat, col(WebchatMessage.seq) > after)
            .order_by(WebchatMessage.seq)
            .limit(limit)
        )
        return list(self.store._orm.exec(query))
