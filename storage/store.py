"""A `Store`: the repositories of one unit of work, all over the same transaction.

Features and services get a Store from their context and call its repositories (`store.tickets.get(12)`);
they never see the connection or the ORM session under it. The session is opened only when a repository
needs the ORM (most messages need none: a session's start cost a fifth of a report's path), joined to the
unit's transaction through a savepoint, so a failed flush undoes only the session's own work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Connection
from sqlmodel import Session

from storage.repositories.accounts import Accounts
from storage.repositories.campaigns import Campaigns
from storage.repositories.conversations import Conversations
from storage.repositories.meetings import Meetings
from storage.repositories.messages import ProcessedMessages
from storage.repositories.offers import Offers
from storage.repositories.outbox import Outbox
from storage.repositories.tickets import Tickets
from storage.repositories.webchat_log import WebchatLog
from storage.roster_view import RosterView, load_roster_view


class Store:
    """`_connection` and `_orm` are storage's own: repositories use them, nothing outside storage/ should."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._session: Session | None = None
        # Set by a repository that changed chats or accounts: snapshots of the roster are stale after commit.
        self.roster_changed = False
        # Run once the unit's transaction is committed: by Database.unit, or for a message's unit (committed
        # with its group) by whoever handed over the message.
        self.after_commit: list[Callable[[], None]] = []
        self._repositories: dict[type, object] = {}

    @property
    def _orm(self) -> Session:
        if self._session is None:
            self._session = Session(
                bind=self._connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
            )
        return self._session

    def flush(self) -> None:
        """Write what the ORM holds, so that statements after this see it."""
        if self._session is not None:
            self._session.flush()

    def finish(self) -> None:
        """The unit is done: the session's work is flushed and its savepoint released (the transaction around
        it is committed by whoever opened it)."""
        if self._session is not None:
            self._session.commit()

    def close(self) -> None:
        if self._session is not None:
            self._session.close()

    @contextmanager
    def attempt(self) -> Iterator[None]:
        """What the block writes is undone alone if it raises (the error goes on); the rest of the unit stays."""
        self.flush()
        with self._orm.begin_nested():
            yield

    def roster(self) -> RosterView:
        return load_roster_view(self._connection)

    # Repositories, made on first use (a message touches two or three of them).

    @property
    def messages(self) -> ProcessedMessages:
        return self._repository(ProcessedMessages)

    @property
    def accounts(self) -> Accounts:
        return self._repository(Accounts)

    @property
    def tickets(self) -> Tickets:
        return self._repository(Tickets)

    @property
    def offers(self) -> Offers:
        return self._repository(Offers)

    @property
    def meetings(self) -> Meetings:
        return self._repository(Meetings)

    @property
    def campaigns(self) -> Campaigns:
        return self._repository(Campaigns)

    @property
    def outbox(self) -> Outbox:
        return self._repository(Outbox)

    @property
    def conversations(self) -> Conversations:
        return self._repository(Conversations)

    @property
    def webchat_log(self) -> WebchatLog:
        return self._repository(WebchatLog)

    def _repository(self, kind):
        made = self._repositories.get(kind)
        if made is None:
            made = self._repositories[kind] = kind(self)
        return made
