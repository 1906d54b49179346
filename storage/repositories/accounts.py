"""People's and groups' ids on each platform: who sent a message, where to reach someone, groups bound from
the chat or moved by the platform, and who cannot be reached privately right now."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, update
from sqlmodel import col, select

from storage.fast import insert_if_new, insert_row
from storage.models import MIGRATED, OutboxMessage, Person, PlatformAccount
from storage.roster_view import Address

if TYPE_CHECKING:
    from storage.store import Store

log = logging.getLogger(__name__)
UNREACHABLE = "unreachable: "  # prefix of the error kept on outbox rows held for a person who cannot be reached

# Built once: a statement made afresh per call costs more in SQLAlchemy's cache-key work than the query.
_PERSON_BY_ACCOUNT = (
    select(Person.id, Person.name, Person.kind)
    .join(PlatformAccount, PlatformAccount.person_id == Person.id)
    .where(
        PlatformAccount.platform == bindparam("platform"),
        PlatformAccount.kind == "user",
        PlatformAccount.external_id == bindparam("external_id"),
    )
)
_ACCOUNTS_OF_PERSON = select(PlatformAccount.platform, PlatformAccount.kind, PlatformAccount.external_id).where(
    PlatformAccount.person_id == bindparam("person")
)
_NOW_REACHABLE = (
    update(PlatformAccount)
    .where(
        PlatformAccount.platform == bindparam("b_platform"),
        PlatformAccount.kind == "user",
        PlatformAccount.external_id == bindparam("b_external_id"),
        col(PlatformAccount.unreachable_since).is_not(None),
    )
    .values(unreachable_since=None)
)
_SEND_HELD_AGAIN = (
    update(OutboxMessage)
    .where(
        OutboxMessage.platform == bindparam("b_platform"),
        OutboxMessage.address_kind == "user",
        OutboxMessage.address == bindparam("b_external_id"),
        col(OutboxMessage.sent_at).is_(None),
        col(OutboxMessage.error).startswith(UNREACHABLE),
    )
    .values(attempts=0, next_attempt_at=bindparam("b_now"), error=None)
)


@dataclass(frozen=True)
class PersonRow:
    id: str
    name: str
    kind: str


@dataclass(frozen=True)
class AccountRef:
    """An account the platform refused to deliver to: whose it is."""

    platform: str
    kind: str
    external_id: str
    person_id: str | None
    chat_id: str | None


class Accounts:
    def __init__(self, store: Store) -> None:
        self.store = store

    # --- people ------------------------------------------------------------------------------------

    def person(self, platform: str, external_id: str) -> PersonRow | None:
        params = {"platform": platform, "external_id": external_id}
        row = self.store._connection.execute(_PERSON_BY_ACCOUNT, params).first()
        return PersonRow(*row) if row else None

    def add_resident(self, person_id: str, name: str, platform: str, external_id: str) -> None:
        """A resident met for the first time: remembered from now on (idempotent)."""
        connection = self.store._connection
        insert_if_new(connection, Person.__table__, {"id": person_id, "name": name, "kind": "resident"})
        account = {"platform": platform, "kind": "user", "external_id": external_id, "person_id": person_id}
        insert_if_new(connection, PlatformAccount.__table__, account)

    def names(self, person_ids: set[str]) -> dict[str, str]:
        if not person_ids:
            return {}
        rows = self.store._connection.execute(select(Person.id, Person.name).where(col(Person.id).in_(person_ids)))
        return dict(rows.all())

    def addresses_of(self, person_id: str) -> list[Address]:
        """Where a person can be reached (residents; staff are in the roster snapshot)."""
        return [Address(*row) for row in self.store._connection.execute(_ACCOUNTS_OF_PERSON, {"person": person_id})]

    # --- groups ------------------------------------------------------------------------------------

    def bind_chat(self, platform: str, external_id: str, chat_id: str, bound_by: str) -> None:
        """A platform group registered from the chat itself (绑定 g_…) as a roster group."""
        account = {
            "platform": platform,
            "kind": "chat",
            "external_id": external_id,
            "person_id": None,
            "chat_id": chat_id,
            "bound_by": bound_by,
            "unreachable_since": None,
        }
        insert_row(self.store._connection, PlatformAccount.__table__, account)
        self.store.roster_changed = True

    def move_chat(self, platform: str, old: str, new: str) -> bool:
        """A platform gave a group a new id (a Telegram group upgraded to a supergroup): its account and the
        messages still waiting for it follow. True if an account moved."""
        if old == new:
            return False
        session = self.store._orm
        accounts = select(PlatformAccount).where(PlatformAccount.platform == platform, PlatformAccount.kind == "chat")
        account = session.exec(accounts.where(PlatformAccount.external_id == old)).first()
        if account is None:
            return False
        # Marked with the id it left, so importing a roster file that still names that id does not bring it
        # back (storage.roster); a group bound from the chat keeps who bound it.
        moved = f"{MIGRATED}{old}"
        known = session.exec(accounts.where(PlatformAccount.external_id == new)).first()
        if known is not None:
            session.delete(account)  # the new id is known already; the old one is gone for good
            if known.bound_by is None or known.bound_by.startswith(MIGRATED):
                known.bound_by = moved
        else:
            account.external_id = new
            if account.bound_by is None or account.bound_by.startswith(MIGRATED):
                account.bound_by = moved
        pending = update(OutboxMessage).where(
            OutboxMessage.platform == platform,
            OutboxMessage.address_kind == "chat",
            OutboxMessage.address == old,
            col(OutboxMessage.sent_at).is_(None),
        )
        session.exec(pending.values(address=new))
        session.flush()
        self.store.roster_changed = True
        log.warning(
            "%s: group %s moved to %s; the stored id is updated (update the roster file too)", platform, old, new
        )
        return True

    # --- reachability ------------------------------------------------------------------------------

    def mark_unreachable(self, platform: str, kind: str, external_id: str, now: datetime) -> AccountRef | None:
        """Note that the platform refused to deliver to this account. The account, the first time (of two
        processes meeting the same refusal, only one gets it); None if it was known already, or is unknown."""
        session = self.store._orm
        query = select(PlatformAccount).where(
            PlatformAccount.platform == platform,
            PlatformAccount.kind == kind,
            PlatformAccount.external_id == external_id,
        )
        account = session.exec(query).first()
        if account is None:
            return None
        first = update(PlatformAccount).where(
            PlatformAccount.id == account.id, col(PlatformAccount.unreachable_since).is_(None)
        )
        if session.exec(first.values(unreachable_since=now)).rowcount == 0:
            return None
        return AccountRef(account.platform, account.kind, account.external_id, account.person_id, account.chat_id)

    def reachable_again(self, platform: str, external_id: str, now: datetime) -> int:
        """A person has written to the bot privately, so it can reach them now: what was held for them is due
        again. How many held messages go (0, with one cheap statement, for everyone else)."""
        who = {"b_platform": platform, "b_external_id": external_id}
        connection = self.store._connection
        if connection.execute(_NOW_REACHABLE, who).rowcount == 0:
            return 0
        return connection.execute(_SEND_HELD_AGAIN, {**who, "b_now": now}).rowcount
