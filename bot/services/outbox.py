"""The one outbox: every outgoing message becomes stored rows, one per platform address, then is delivered.

Rows are written in the same transaction as the change that caused them, so a crash can delay a message
but never lose it; the drain (scheduler.jobs) delivers what is due, after a restart too.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from sqlalchemy import bindparam
from sqlalchemy.engine import Connection
from sqlmodel import Session, col, select

from bot.clock import Clock
from bot.messages import Outbound, person_of_private_chat
from bot.services.roster_view import Address, RosterView
from storage.fast import insert_if_new, insert_row
from storage.models import OutboxMessage, PlatformAccount

MAX_ATTEMPTS = 8
# Built once: made afresh per message, SQLAlchemy's cache-key work on it cost more than the query.
_ACCOUNTS_OF_PERSON = select(PlatformAccount.platform, PlatformAccount.kind, PlatformAccount.external_id).where(
    PlatformAccount.person_id == bindparam("person")
)


def plan(
    connection: Connection,
    clock: Clock,
    outbound: Iterable[Outbound],
    *,
    platforms: frozenset[str],
    roster: RosterView,
    origin: str | None = None,
) -> list[dict]:
    """The outbox rows these messages make: one per address they reach on the enabled platforms."""
    now = clock.now()
    return [
        {
            "origin": origin,
            "dedup_key": f"{message.once}:{address.platform}:{address.kind}:{address.external_id}"
            if message.once
            else None,
            "platform": address.platform,
            "address_kind": address.kind,
            "address": address.external_id,
            "text": message.text,
            "buttons": [{"label": b.label, "data": b.data} for b in message.buttons],
            "created_at": now,
            "attempts": 0,
            "next_attempt_at": now,
            "sent_at": None,
            "error": None,
        }
        for message in outbound
        for address in _addresses(connection, roster, message, platforms)
    ]


def store(connection: Connection, rows: list[dict]) -> None:
    if rows:
        insert_row(connection, OutboxMessage.__table__, rows)


def store_once(connection: Connection, rows: list[dict]) -> None:
    """Rows said only once (a dedup key): a key already stored means it was said, so the row is dropped."""
    for row in rows:
        insert_if_new(connection, OutboxMessage.__table__, row)


def enqueue(session: Session, clock: Clock, outbound: Iterable[Outbound], **kw) -> list[OutboxMessage]:
    """The same rows as ORM objects, for jobs that go on working with them."""
    rows = [OutboxMessage(**row) for row in plan(session.connection(), clock, outbound, **kw)]
    session.add_all(rows)
    session.flush()
    return rows


def _addresses(
    connection: Connection, roster: RosterView, message: Outbound, platforms: frozenset[str]
) -> list[Address]:
    """Staff and groups from the roster snapshot; residents, who are not in it, from the database."""
    person = message.person or (person_of_private_chat(message.chat) if message.chat else None)
    if person is None:
        accounts = roster.chat_addresses.get(message.chat) or _unknown_group(message)
    elif person in roster.person_addresses:
        accounts = roster.person_addresses[person]
    else:
        accounts = [Address(*row) for row in connection.execute(_ACCOUNTS_OF_PERSON, {"person": person})]
    wanted = {message.platform} & platforms if message.platform else platforms
    return [a for a in accounts if a.platform in wanted]


def _unknown_group(message: Outbound) -> list[Address]:
    """A group no roster chat has (yet): the dispatcher names it <platform>:<the platform's id>."""
    platform, _, external = (message.chat or "").partition(":")
    return [Address(platform, "chat", external)] if external and platform == message.platform else []


def due(session: Session, clock: Clock, platform: str, limit: int = 100, claim: bool = False) -> list[OutboxMessage]:
    """`claim`: lock the rows, skipping any another process has locked (PostgreSQL; SQLite has one writer)."""
    query = select(OutboxMessage).where(
        OutboxMessage.platform == platform,
        col(OutboxMessage.sent_at).is_(None),
        OutboxMessage.attempts < MAX_ATTEMPTS,
        OutboxMessage.next_attempt_at <= clock.now(),
    )
    query = query.order_by(OutboxMessage.id).limit(limit)
    if claim:
        query = query.with_for_update(skip_locked=True)
    return list(session.exec(query))


def mark_sent(row: OutboxMessage | dict, clock: Clock) -> None:
    """Works on stored rows and on planned ones (dicts) delivered before they are stored."""
    if isinstance(row, dict):
        row.update(sent_at=clock.now(), attempts=row["attempts"] + 1, error=None)
        return
    row.sent_at = clock.now()
    row.attempts += 1
    row.error = None


def mark_failed(row: OutboxMessage, clock: Clock, error: str, retry_after: float | None = None) -> None:
    """Back off exponentially (or as the platform asked), and give up after MAX_ATTEMPTS."""
    row.attempts += 1
    row.error = error[:500]
    delay = retry_after if retry_after is not None else min(2**row.attempts, 600)
    row.next_attempt_at = clock.now() + timedelta(seconds=delay)
