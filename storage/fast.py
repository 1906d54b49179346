"""The few statements on the hot path of every message, in SQLAlchemy Core: no ORM unit of work for chatter.

`insert_if_new` is the idempotency key at work: the database's unique constraint decides, in one statement,
whether this is the first time (Habit 4 of ARCHITECTURE.md), on SQLite and PostgreSQL alike. Statements are
built once and given their values at execution, so SQLAlchemy's compiled cache serves every later call.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import Insert, Table, TextClause, bindparam, text
from sqlalchemy.engine import Connection


@cache
def _insert_ignoring_conflicts(table: Table, columns: tuple[str, ...]) -> TextClause:
    """The same text on SQLite (3.24+) and PostgreSQL; written out because the dialects' own on-conflict
    constructs are compiled afresh on every call, which costs more than the insert itself."""
    names = ", ".join(f'"{c}"' for c in columns)
    params = ", ".join(f":{c}" for c in columns)
    statement = text(f'INSERT INTO "{table.name}" ({names}) VALUES ({params}) ON CONFLICT DO NOTHING')
    return statement.bindparams(*(bindparam(c, type_=table.c[c].type) for c in columns))


def insert_if_new(connection: Connection, table: Table, values: dict) -> bool:
    """INSERT … ON CONFLICT DO NOTHING; True if the row went in, False if its unique key was taken."""
    statement = _insert_ignoring_conflicts(table, tuple(values))
    return connection.execute(statement, values).rowcount == 1


@cache
def _insert(table: Table) -> Insert:
    return table.insert()


def insert_row(connection: Connection, table: Table, values: dict | list[dict]) -> None:
    """One row, or many in one executemany."""
    connection.execute(_insert(table), values)
