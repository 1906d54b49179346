"""How fast the outbox may send to a platform: sliding windows per chat, per group and overall, and an even pace.

Checked before each send with explicit timestamps from the injected clock (pyrate-limiter's sliding windows), so
a row that would break a limit is simply due a little later, and tests step a fixed clock instead of sleeping.

Where the counters live:
- in the process's memory (`MemoryBuckets`): right for one instance (SQLite, or one bot on PostgreSQL);
- in Redis (`RedisBuckets`, REDIS_URL): shared, so several instances together stay within a platform's limits.

The overall limit is also paced: Telegram's 30 a second is sent as one every 34 ms rather than 30 at once and
then a pause, because the platform counts messages as they arrive, and a burst that left within a second can
arrive spread over a little more or less than one.
"""

from __future__ import annotations

import inspect
import math
from typing import Protocol

from pyrate_limiter import InMemoryBucket, Rate, RateItem
from pyrate_limiter.buckets.redis_bucket import RedisBucket

from bot.clock import Clock
from bot.messages import Limits
from bot.messages import Rate as NeutralRate


def _rates(rates: tuple[NeutralRate, ...]) -> list[Rate]:
    return [Rate(rate.count, int(rate.seconds * 1000)) for rate in rates]


def paced(rates: tuple[NeutralRate, ...]) -> list[Rate]:
    """The overall rates, with one message at a time at the pace of the tightest of them (30 a second: one
    every 34 ms, which is 29.4 a second)."""
    if not rates:
        return []
    # pyrate-limiter's window includes its first millisecond: Rate(1, 33) lets one through every 34 ms.
    gap = max(math.ceil(rate.seconds * 1000 / rate.count) for rate in rates) - 1
    # Longer windows that allow less on average still count (pyrate-limiter wants each window's density to
    # fall as the windows grow); those that allow more are implied by the pace.
    return [Rate(1, gap), *(r for r in _rates(rates) if r.limit / r.interval < 1 / gap and r.interval > gap)]


class Buckets(Protocol):
    async def put(self, key: str, rates: list[Rate], item: RateItem) -> int:
        """0 if the item was counted, else the milliseconds until it could be."""
        ...

    async def forget_idle(self, now_ms: int) -> None: ...


class MemoryBuckets:
    def __init__(self) -> None:
        self._buckets: dict[str, InMemoryBucket] = {}

    async def put(self, key: str, rates: list[Rate], item: RateItem) -> int:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = InMemoryBucket(rates)
        return 0 if bucket.put(item) else max(bucket.waiting(item), 1)

    async def forget_idle(self, now_ms: int) -> None:
        """Drop the windows of chats quiet for longer than the longest window, so memory stays small."""
        for key, bucket in list(self._buckets.items()):
            bucket.leak(now_ms)
            if not bucket.items:
                del self._buckets[key]


class RedisBuckets:
    """Counters in Redis under `prefix`, shared by every instance that uses the same prefix; each key expires once
    its longest window has passed, so a city's thousands of groups leave nothing behind."""

    def __init__(self, redis, prefix: str = "wgt:limits") -> None:
        self.redis = redis  # a redis.asyncio.Redis
        self.prefix = prefix
        self._buckets: dict[str, RedisBucket] = {}

    async def put(self, key: str, rates: list[Rate], item: RateItem) -> int:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = await RedisBucket.init(rates, self.redis, f"{self.prefix}:{key}")
        if await bucket.put(item):
            await self.redis.pexpire(bucket.bucket_key, max(r.interval for r in rates) + 1000)
            return 0
        waiting = bucket.waiting(item)  # known from the refusal, or asked of Redis
        return max(await waiting if inspect.isawaitable(waiting) else waiting, 1)

    async def forget_idle(self, now_ms: int) -> None:
        if len(self._buckets) > 10_000:
            self._buckets.clear()  # only the local handles: the counters stay in Redis until they expire


class RateLimits:
    """A platform's `Limits` (from its channel), over the injected clock's time."""

    def __init__(self, limits: Limits, clock: Clock, buckets: Buckets | None = None, platform: str = "") -> None:
        self.clock = clock
        self.buckets = buckets or MemoryBuckets()
        self.platform = platform
        self._per_chat = _rates(limits.per_chat)
        self._per_group = sorted(self._per_chat + _rates(limits.per_group), key=lambda r: r.interval)
        self._overall = paced(limits.overall)

    async def wait_for(self, kind: str, address: str) -> float:
        """0 and the send counted if it may go now; else the seconds until it may.

        The overall pace is asked first, since a row that has to wait for it waits within the round and asks
        again: asked second, the chat's window would have counted a place on the first ask that the row did not
        use. When the pace allows and the chat's window then refuses, one place of the pace goes unused: erring
        that way never sends faster than a limit."""
        now = int(self.clock.now().timestamp() * 1000)
        chat_rates = self._per_group if kind == "chat" else self._per_chat
        for key, rates in ((f"{self.platform}:all", self._overall), (f"{self.platform}:{kind}:{address}", chat_rates)):
            if rates:
                waiting = await self.buckets.put(key, rates, RateItem(address, now))
                if waiting:
                    return waiting / 1000
        return 0.0

    async def forget_idle(self) -> None:
        await self.buckets.forget_idle(int(self.clock.now().timestamp() * 1000))
