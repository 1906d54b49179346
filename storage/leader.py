"""Which bot instance runs the campaigns' schedule: the one holding a PostgreSQL advisory lock.

The lock is a session lock on a connection kept for it alone. If the holder dies, PostgreSQL ends its session
and lets go of the lock, and another instance takes it the next time it tries (every CAMPAIGN_TAKEOVER_SECONDS,
15 by default). On SQLite there is one instance, which always holds it. Holding the lock is an optimisation of
who does the work, not what keeps a notice from going twice: each occurrence is a unique row, fired under a
row lock on its campaign.
"""

from __future__ import annotations

import logging
import time

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

log = logging.getLogger(__name__)
LOCK_KEY = 0x77677431  # "wgt1": the same in every instance


class ScheduleLock:
    def __init__(self, engine: Engine, retry_seconds: float = 15.0) -> None:
        self.engine = engine
        self.retry_seconds = retry_seconds
        self._connection: Connection | None = None
        self._tried = float("-inf")

    @property
    def shared(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def held(self) -> bool:
        """Whether this instance runs the schedule now: the lock is still ours, or we just took it."""
        if not self.shared:
            return True
        if self._connection is not None:
            if self._alive():
                return True
            log.warning("campaigns: lost the schedule lock (its connection broke); trying to take it again")
        if time.monotonic() - self._tried < self.retry_seconds:
            return False
        self._tried = time.monotonic()
        return self._take()

    def _alive(self) -> bool:
        try:
            self._connection.execute(text("SELECT 1"))
            return True
        except Exception:
            self._forget()
            return False

    def _take(self) -> bool:
        connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            taken = connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY}).scalar()
        except Exception:
            connection.close()
            raise
        if not taken:
            connection.close()
            return False
        self._connection = connection
        log.info("campaigns: this instance runs the schedule (holds the schedule lock)")
        return True

    def release(self) -> None:
        if self._connection is not None:
            try:
                self._connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
            except Exception:
                log.debug("campaigns: releasing the schedule lock failed", exc_info=True)
            self._forget()

    def _forget(self) -> None:
        try:
            self._connection.close()
        except Exception:
            log.debug("campaigns: closing the schedule lock's connection failed", exc_info=True)
        self._connection = None
