"""The outbox: planning, storing, delivering (local and remote), limits and retries, in one package."""

from bot.outbox.outbox import LocalChannel, Outbox, Put
from bot.outbox.plan import MAX_ATTEMPTS
from bot.outbox.remote import DrainReport, OnUnreachable, RemoteChannel, RemoteDelivery

__all__ = [
    "MAX_ATTEMPTS",
    "DrainReport",
    "LocalChannel",
    "OnUnreachable",
    "Outbox",
    "Put",
    "RemoteChannel",
    "RemoteDelivery",
]
