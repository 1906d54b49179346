"""How fast the outbox may send to a platform: sliding windows per chat, per group and overall.

Checked before each send with explicit timestamps from the injected clock (pyrate-limiter's in-memory
sliding window), so a row that would break a limit is simply due a little later, and tests step a fixed clock
instead of sleeping. Counted per process: several bot processes together may go faster than a limit, and then
meet the platform's own refusals (429), which the delivery waits out.
"""

from __future__ import annotations

from pyrate_limiter import InMemoryBucket, Rate, RateItem

from bot.clock import Clock
from bot.messages import Limits
from bot.messages import Rate as NeutralRate


def _rates(rates: tuple[NeutralRate, ...]) -> list[Rate]:
    return [Rate(rate.count, int(rate.seconds * 1000)) for rate in rates]


class RateLimits:
    """A platform's `Limits` (from its channel), over the injected clock's time."""

    def __init__(self, limits: Limits, clock: Clock) -> None:
        self.clock = clock
        self._per_chat = _rates(limits.per_chat)
        self._per_group = _rates(limits.per_group)
        self._chats: dict[tuple[str, str], InMemoryBucket] = {}
        self._overall = InMemoryBucket(_rates(limits.overall)) if limits.overall else None

    def wait_for(self, kind: str, address: str) -> float:
        """0 and the send counted if it may go now; else the seconds until it may.

        The chat's window is asked first: when it allows and the overall one then refuses, the chat has spent
        a place it did not use and waits up to a second longer than it had to. Erring that way never sends
        faster than a limit."""
        now = int(self.clock.now().timestamp() * 1000)
        for bucket in (self._chat_bucket(kind, address), self._overall):
            item = RateItem(address, now)
            if bucket is not None and not bucket.put(item):
                return max(bucket.waiting(item), 1) / 1000
        return 0.0

    def forget_idle(self) -> None:
        """Drop the windows of chats quiet for longer than the longest window, so memory stays small."""
        now = int(self.clock.now().timestamp() * 1000)
        for key, bucket in list(self._chats.items()):
            bucket.leak(now)
            if not bucket.items:
                del self._chats[key]
        if self._overall is not None:
            self._overall.leak(now)

    def _chat_bucket(self, kind: str, address: str) -> InMemoryBucket | None:
        rates = self._per_chat + (self._per_group if kind == "chat" else [])
        if not rates:
            return None
        bucket = self._chats.get((kind, address))
        if bucket is None:
            bucket = self._chats[(kind, address)] = InMemoryBucket(rates)
        return bucket
