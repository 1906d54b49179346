"""What an `Outbound` becomes: one outbox row per address it reaches on the enabled platforms."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from bot.messages import Outbound, person_of_private_chat
from storage.roster_view import Address, RosterView

MAX_ATTEMPTS = 8  # a row that failed this often is given up (and one held for an unreachable person is set to it)
# Where a person outside the roster (a resident) can be reached: read from the database when asked.
AddressesOf = Callable[[str], list[Address]]


def plan(
    outbound: Iterable[Outbound],
    *,
    now: datetime,
    platforms: frozenset[str],
    roster: RosterView,
    addresses_of: AddressesOf,
    origin: str | None = None,
) -> list[dict]:
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
        for address in _addresses(message, roster, platforms, addresses_of)
    ]


def _addresses(
    message: Outbound, roster: RosterView, platforms: frozenset[str], addresses_of: AddressesOf
) -> list[Address]:
    """Staff and groups from the roster snapshot; residents, who are not in it, from the database."""
    person = message.person or (person_of_private_chat(message.chat) if message.chat else None)
    if person is None:
        accounts = roster.chat_addresses.get(message.chat) or _unknown_group(message)
    elif person in roster.person_addresses:
        accounts = roster.person_addresses[person]
    else:
        accounts = addresses_of(person)
    wanted = {message.platform} & platforms if message.platform else platforms
    return [a for a in accounts if a.platform in wanted]


def _unknown_group(message: Outbound) -> list[Address]:
    """A group no roster chat has (yet): the dispatcher names it <platform>:<the platform's id>."""
    platform, _, external = (message.chat or "").partition(":")
    return [Address(platform, "chat", external)] if external and platform == message.platform else []
