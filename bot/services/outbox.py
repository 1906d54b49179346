"""The one outbox: every outgoing message becomes stored rows, one per platform address, then is delivered.

Rows are written in the same transaction as the change that caused them, so a crash can delay a message
but never lose it; the drain (scheduler.jobs) delivers what is due, after a restart too.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from sqlmodel import Session, col, select

from bot.clock import Clock
from bot.messages import Outbound, person_of_private_chat
from bot.services.directory import Directory
from storage.models import OutboxMessage, PlatformAccount

MAX_ATTEMPTS = 8


def enqueue(
    session: Session,
    clock: Clock,
    outbound: Iterable[Outbound],
    *,
    platforms: frozenset[str],
    origin: str | None = None,
) -> list[OutboxMessage]:
    """Expand each message to the addresses it reaches on the enabled platforms and store them."""
    directory = Directory(session)
    now = clock.now()
    rows = []
    for message in outbound:
        for account in _addresses(directory, message, platforms):
            row = OutboxMessage(
                origin=origin,
                platform=account.platform,
                address_kind=account.kind,
                address=account.external_id,
                text=message.text,
                buttons=[{"label": b.label, "data": b.data} for b in message.buttons],
                created_at=now,
                next_attempt_at=now,
            )
            session.add(row)
            rows.append(row)
    session.flush()
    return rows


def _addresses(directory: Directory, message: Outbound, platforms: frozenset[str]) -> list[PlatformAccount]:
    person = message.person or (person_of_private_chat(message.chat) if message.chat else None)
    accounts = directory.accounts_of_person(person) if person else directory.accounts_of_chat(message.chat)
    wanted = {message.platform} & platforms if message.platform else platforms
    return [a for a in accounts if a.platform in wanted]


def due(
    session: Session, clock: Clock, platform: str, limit: int = 100, origin: str | None = None
) -> list[OutboxMessage]:
    query = select(OutboxMessage).where(
        OutboxMessage.platform == platform,
        col(OutboxMessage.sent_at).is_(None),
        OutboxMessage.attempts < MAX_ATTEMPTS,
        OutboxMessage.next_attempt_at <= clock.now(),
    )
    if origin is not None:
        query = query.where(OutboxMessage.origin == origin)
    return list(session.exec(query.order_by(OutboxMessage.id).limit(limit)))


def mark_sent(row: OutboxMessage, clock: Clock) -> None:
    row.sent_at = clock.now()
    row.attempts += 1
    row.error = None


def mark_failed(row: OutboxMessage, clock: Clock, error: str, retry_after: float | None = None) -> None:
    """Back off exponentially (or as the platform asked), and give up after MAX_ATTEMPTS."""
    row.attempts += 1
    row.error = error[:500]
    delay = retry_after if retry_after is not None else min(2**row.attempts, 600)
    row.next_attempt_at = clock.now() + timedelta(seconds=delay)


def from_origin(session: Session, origin: str) -> list[OutboxMessage]:
    query = select(OutboxMessage).where(OutboxMessage.origin == origin).order_by(OutboxMessage.id)
    return list(session.exec(query))
