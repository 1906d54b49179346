"""The built-in web chat's conversation log: what people typed there and what the bot said."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import update
from sqlmodel import col, select

from storage.fast import insert_row
from storage.models import WebchatMessage

if TYPE_CHECKING:
    from storage.store import Store


BOT = "bot"  # the user the bot's own lines are logged under
SPEND_LOOK_BACK = 50  # bot lines of a chat searched for the tapped message, when the client does not say which


class WebchatLog:
    def __init__(self, store: Store) -> None:
        self.store = store

    def append(self, lines: list[dict]) -> None:
        """Lines: chat, user, name, text, buttons, at, client_id (unique when given)."""
        if lines:
            insert_row(self.store._connection, WebchatMessage.__table__, lines)

    def spend(self, chat: str, data: str, chosen: bool, seq: int | None = None) -> bool:
        """Mark the buttons of the bot's message in `chat` that carries `data` as used up, and, if the tap was
        `chosen` (accepted, not turned down), that button as the choice made (never by whom: the log of a group is
        read by all of it), so that a page drawn again later shows them so. The message is the one numbered `seq`
        (the page says which it tapped), else the latest of the chat's last SPEND_LOOK_BACK bot lines with that
        button. False if there is none, or it was marked so already."""
        query = select(WebchatMessage.seq, WebchatMessage.buttons).where(
            WebchatMessage.chat == chat, WebchatMessage.user == BOT
        )
        if seq is not None:
            query = query.where(WebchatMessage.seq == seq)
        else:
            query = query.order_by(col(WebchatMessage.seq).desc()).limit(SPEND_LOOK_BACK)
        for found, buttons in self.store._orm.exec(query):
            if not any(button.get("data") == data for button in buttons):
                continue
            marked = [
                {**button, "spent": True, **({"chosen": True} if chosen and button.get("data") == data else {})}
                for button in buttons
            ]
            if marked == buttons:
                return False
            table = WebchatMessage.__table__
            self.store._connection.execute(update(table).where(table.c.seq == found).values(buttons=marked))
            return True
        return False

    def choose_instead(self, chat: str, data: str) -> int | None:
        """Mark the button carrying `data`, on the latest of the chat's last SPEND_LOOK_BACK bot lines with it, as the
        choice made, and its other buttons as not (a rating taken back in words); the message's number, or None if
        there is none."""
        query = (
            select(WebchatMessage.seq, WebchatMessage.buttons)
            .where(WebchatMessage.chat == chat, WebchatMessage.user == BOT)
            .order_by(col(WebchatMessage.seq).desc())
            .limit(SPEND_LOOK_BACK)
        )
        for found, buttons in self.store._orm.exec(query):
            if not any(button.get("data") == data for button in buttons):
                continue
            marked = [
                {
                    **{k: v for k, v in button.items() if k != "chosen"},
                    **({"chosen": True} if button.get("data") == data else {}),
                }
                for button in buttons
            ]
            table = WebchatMessage.__table__
            self.store._connection.execute(update(table).where(table.c.seq == found).values(buttons=marked))
            return found
        return None

    def read(self, chat: str, after: int, limit: int) -> list[WebchatMessage]:
        query = (
            select(WebchatMessage)
            .where(WebchatMessage.chat == chat, col(WebchatMessage.seq) > after)
            .order_by(WebchatMessage.seq)
            .limit(limit)
        )
        return list(self.store._orm.exec(query))
