"""The few statements on the hot path of every message, written straight to the database driver.

Storage's own: repositories use it, nothing outside storage/ may (an import-linter contract). A message's
inserts (its key, a ticket, outbox rows, the web chat's log) cost more in SQLAlchemy's execution machinery
than in the database, so they go to the DBAPI cursor of the same connection (same transaction), with values
converted by the columns' own SQLAlchemy types, as the dialect applies them, so the rows are exactly what the ORM
writes.

`insert_if_new` is the idempotency key at work: the database's unique constraint decides, in one statement,
whether this is the first time (Habit 4 of ARCHITECTURE.md), on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from sqlalchemy import Table, exc
from sqlalchemy.engine import Connection, Dialect

_PLACEHOLDER = {"qmark": "?", "format": "%s", "pyformat": "%s", "numeric": ":{n}", "named": ":{name}"}


@cache
def _prepared(table: Table, columns: tuple[str, ...], dialect: Dialect, ignore_conflicts: bool):
    """SQL text and per-column value converters, once per table, columns and dialect."""
    marks = ", ".join(_PLACEHOLDER[dialect.paramstyle].format(n=i + 1, name=c) for i, c in enumerate(columns))
    names = ", ".join(dialect.identifier_preparer.quote(c) for c in columns)
    sql = f"INSERT INTO {dialect.identifier_preparer.quote(table.name)} ({names}) VALUES ({marks})"
    if ignore_conflicts:
        sql += " ON CONFLICT DO NOTHING"  # the same words on SQLite (3.24+) and PostgreSQL
    return sql, _converters(table, columns, dialect), dialect.paramstyle in ("named",)


def _converters(table: Table, columns: tuple[str, ...], dialect: Dialect) -> list[Callable | None]:
    """Each column's value converter as the ORM applies it: the dialect's own type's (SQLite's DATETIME writes
    "2026-12-06 10:00:00.000000"), not the generic type's, which converts no time at all and left it to sqlite3's
    adapter ("2026-12-06 10:00:00" when the microseconds are 0): text SQLite compares unequal to the ORM's."""
    return [table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in columns]


def _execute(
    connection: Connection, table: Table, rows: list[dict], ignore_conflicts: bool, returning_id: bool = False
) -> int:
    columns = tuple(rows[0])
    sql, converters, named = _prepared(table, columns, connection.dialect, ignore_conflicts)
    if returning_id:
        sql += " RETURNING id"  # SQLite 3.35+ and PostgreSQL alike
    params = [
        tuple(convert(row[c]) if convert else row[c] for c, convert in zip(columns, converters, strict=True))
        for row in rows
    ]
    if named:
        params = [dict(zip(columns, p, strict=True)) for p in params]
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        if len(params) == 1:
            cursor.execute(sql, params[0])
        else:
            cursor.executemany(sql, params)
        if returning_id:
            row = cursor.fetchone()
            return row[0] if row is not None else None  # None: ON CONFLICT DO NOTHING took nothing
        return cursor.rowcount
    except connection.dialect.dbapi.IntegrityError as error:
        # Raised as SQLAlchemy's own, so callers (the dispatcher's retry) handle it whichever path wrote.
        raise exc.IntegrityError(sql, params, error, hide_parameters=True) from error
    finally:
        cursor.close()


@cache
def _prepared_exists(table: Table, equal: tuple[str, ...], at_least: tuple[str, ...], dialect: Dialect):
    columns = equal + at_least
    marks = [_PLACEHOLDER[dialect.paramstyle].format(n=i + 1, name=c) for i, c in enumerate(columns)]
    quote = dialect.identifier_preparer.quote
    pairs = enumerate(zip(columns, marks, strict=True))
    tests = [f"{quote(c)} {'=' if i < len(equal) else '>='} {m}" for i, (c, m) in pairs]
    sql = f"SELECT 1 FROM {quote(table.name)} WHERE {' AND '.join(tests)} LIMIT 1"
    return sql, _converters(table, columns, dialect), dialect.paramstyle in ("named",)


def any_row(connection: Connection, table: Table, equal: dict, at_least: dict) -> bool:
    """SELECT 1 … WHERE a = ? AND b >= ? LIMIT 1, straight to the driver: for a question asked of many messages
    (is a 收到 in this group an acknowledgement?), where SQLAlchemy's execution costs more than the query."""
    sql, converters, named = _prepared_exists(table, tuple(equal), tuple(at_least), connection.dialect)
    values = [*equal.values(), *at_least.values()]
    params = tuple(convert(v) if convert else v for v, convert in zip(values, converters, strict=True))
    if named:
        params = dict(zip((*equal, *at_least), params, strict=True))
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        cursor.execute(sql, params)
        return cursor.fetchone() is not None
    finally:
        cursor.close()


@cache
def _prepared_ids(table: Table, equal: tuple[str, ...], one_of: str, count: int, dialect: Dialect):
    columns = (*equal, *([one_of] * count))
    marks = [_PLACEHOLDER[dialect.paramstyle].format(n=i + 1, name=f"p{i}") for i in range(len(columns))]
    quote = dialect.identifier_preparer.quote
    tests = [f"{quote(c)} = {m}" for c, m in zip(equal, marks, strict=False)]
    tests.append(f"{quote(one_of)} IN ({', '.join(marks[len(equal) :])})")
    sql = f"SELECT id FROM {quote(table.name)} WHERE {' AND '.join(tests)} ORDER BY id DESC LIMIT 4"
    return sql, _converters(table, columns, dialect), dialect.paramstyle in ("named",)


def newest_ids(connection: Connection, table: Table, equal: dict, one_of: tuple[str, tuple]) -> list[int]:
    """SELECT id … WHERE a = ? AND b = ? AND c IN (…) ORDER BY id DESC LIMIT 4, straight to the driver: asked of every
    new ticket (others of its kind at its building), where the ORM's first use in a unit opens a savepoint."""
    column, values = one_of
    sql, converters, named = _prepared_ids(table, tuple(equal), column, len(values), connection.dialect)
    raw = [*equal.values(), *values]
    params = tuple(convert(v) if convert else v for v, convert in zip(raw, converters, strict=True))
    if named:
        params = {f"p{i}": p for i, p in enumerate(params)}
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
    finally:
        cursor.close()


def insert_if_new(connection: Connection, table: Table, values: dict) -> bool:
    """INSERT … ON CONFLICT DO NOTHING; True if the row went in, False if its unique key was taken."""
    return _execute(connection, table, [values], ignore_conflicts=True) == 1


def insert_returning_id(connection: Connection, table: Table, values: dict) -> int:
    """One row; its new integer primary key."""
    return _execute(connection, table, [values], ignore_conflicts=False, returning_id=True)


def insert_new_returning_id(connection: Connection, table: Table, values: dict) -> int | None:
    """INSERT … ON CONFLICT DO NOTHING RETURNING id: the new row's id, or None if its unique key was taken."""
    return _execute(connection, table, [values], ignore_conflicts=True, returning_id=True)


def insert_row(connection: Connection, table: Table, values: dict | list[dict]) -> None:
    """One row, or many in one executemany."""
    rows = values if isinstance(values, list) else [values]
    if rows:
        _execute(connection, table, rows, ignore_conflicts=False)
