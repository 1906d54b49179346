"""The bot's way into its database: units of work, each handing out a `Store` of repositories.

Two kinds of unit:
- `message()`: one inbound message, on the database thread's own kept connection. Inside `group()` (group
  commit: several messages share one transaction and its one commit) each message runs in a savepoint taken
  through the driver, so a message that fails is undone alone; outside a group it is its own transaction.
- `unit()`: anything else (a delivery round, a scheduled job, an API read), in a transaction of its own on a
  pooled connection.

How the group is committed, and what "the driver ended the transaction behind SQLAlchemy's back" means, is
this module's business: no feature sees a connection, a savepoint or a rule about committing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from storage.roster_view import RosterViews
from storage.store import Store

# A unique key was taken: another process committed a twin (the same message, a ticket from the same source)
# first. What the unit did is gone; running it again finds the twin.
Conflict = IntegrityError

# PostgreSQL's codes for losing to another transaction: a deadlock, a serialisation failure, a lock not had.
_TRANSIENT_CODES = {"40P01", "40001", "55P03"}


def is_transient(error: BaseException) -> bool:
    """Whether running the unit of work again, alone, can succeed: it lost a race for locks with another
    process (PostgreSQL chose it as a deadlock's victim), or SQLite was busy."""
    cause = getattr(error, "orig", None) or error
    if getattr(cause, "sqlstate", None) in _TRANSIENT_CODES:
        return True
    return type(cause).__name__ == "OperationalError" and "database is locked" in str(cause)


class GroupLost(RuntimeError):
    """The shared transaction of grouped messages is gone: nothing in it was kept."""

    def __init__(self) -> None:
        super().__init__("the group's transaction was rolled back; nothing in it was kept")


class Database:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # The roster snapshot every unit reads; forgotten after a unit that changed chats or accounts.
        self.rosters = RosterViews()
        self._local = threading.local()
        self._opened: list[Connection] = []

    # --- the database thread's kept connection ---------------------------------------------------

    def _connection(self) -> Connection:
        """The calling thread's own connection, kept between messages: checking one out of the pool for
        every message cost a fifth of the hot path. A connection that broke is replaced on the next call."""
        connection = getattr(self._local, "connection", None)
        if connection is None or connection.closed or connection.invalidated:
            connection = self._local.connection = self.engine.connect()
            self._opened.append(connection)
        return connection

    def close(self) -> None:
        """Close the kept connections, whichever threads opened them."""
        while self._opened:
            self._opened.pop().close()

    # --- group commit ----------------------------------------------------------------------------

    @contextmanager
    def group(self) -> Iterator[None]:
        """One transaction for the messages handled on this thread inside the block; raises GroupLost (and
        keeps nothing) if something ended that transaction underneath."""
        connection = self._connection()
        try:
            with connection.begin() as transaction:
                self._local.grouped, self._local.group_begun = True, False
                yield
                if not transaction.is_active or not _transaction_alive(connection, self._local.group_begun):
                    raise GroupLost()
        finally:
            self._local.grouped = False

    def grouped(self) -> bool:
        """Whether this thread is inside a group (its units are savepoints of one transaction)."""
        return getattr(self._local, "grouped", False)

    @contextmanager
    def message(self) -> Iterator[Store]:
        """One message's unit of work: a savepoint of the group's transaction, or a transaction of its own."""
        connection = self._connection()
        grouped = getattr(self._local, "grouped", False)
        if grouped:
            if not _transaction_alive(connection, begun=self._local.group_begun):
                raise GroupLost()
            self._local.group_begun = True
        store = Store(connection)
        try:
            with _savepoint(connection) if grouped else connection.begin():
                # The session is closed inside the savepoint: closing it rolls back to its own savepoint, which
                # must still exist (after ours is rolled back it would not, and PostgreSQL would abort the group).
                try:
                    yield store
                    store.finish()
                finally:
                    store.close()
        finally:
            if store.roster_changed:  # (grouped: read again within the group; forgotten again if it fails)
                self.rosters.forget()

    @contextmanager
    def unit(self) -> Iterator[Store]:
        """A transaction of its own on a pooled connection: committed when the block ends (then the store's
        `after_commit` calls run), rolled back if it raises."""
        with self.engine.connect() as connection:
            store = Store(connection)
            try:
                with connection.begin():
                    try:
                        yield store
                        store.finish()
                    finally:
                        store.close()
            finally:
                if store.roster_changed:
                    self.rosters.forget()
        for follow_up in store.after_commit:
            follow_up()

    def ping(self) -> None:
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))


@contextmanager
def _savepoint(connection: Connection) -> Iterator[None]:
    """A savepoint in the connection's open transaction, through the driver: SQLAlchemy's `begin_nested`
    costs as much as the commit that grouping messages saves. Undone alone if the block raises."""
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        cursor.execute("SAVEPOINT one_message")
        try:
            yield
        except BaseException:
            cursor.execute("ROLLBACK TO SAVEPOINT one_message")
            cursor.execute("RELEASE SAVEPOINT one_message")
            raise
        cursor.execute("RELEASE SAVEPOINT one_message")
    finally:
        cursor.close()


def _transaction_alive(connection: Connection, begun: bool = True) -> bool:
    """Whether the driver still has the transaction SQLAlchemy thinks is open. SQLite ends one by itself on
    some errors (a full disk, an I/O error) without SQLAlchemy knowing; PostgreSQL's COMMIT of a failed one
    quietly rolls back. Either way, committing would not keep what the transaction did.

    `begun`: statements have run in it. psycopg opens the transaction with the first statement, so before
    that "no transaction" is no loss."""
    raw = connection.connection.dbapi_connection
    if hasattr(raw, "in_transaction"):  # sqlite3: our BEGIN IMMEDIATE opened it at once
        return bool(raw.in_transaction)
    info = getattr(raw, "info", None)  # psycopg 3
    if info is not None:
        from psycopg.pq import TransactionStatus

        status = info.transaction_status
        return status == TransactionStatus.INTRANS or (not begun and status == TransactionStatus.IDLE)
    return True
