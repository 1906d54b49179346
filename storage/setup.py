"""Getting a database ready to use: the engine, the schema brought up to date, and a roster imported."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from storage.engine import make_engine
from storage.migrate import upgrade
from storage.roster import ImportReport, import_roster
from storage.roster_parse import load_roster


class DatabaseUnusable(Exception):
    """The database URL names nothing this bot can use, or the database cannot be reached; said in one line."""


def prepared_engine(database_url: str, roster_path: str | None = None) -> tuple[Engine, ImportReport | None]:
    """The engine, with the schema upgraded and the roster (if given) imported. Raises RosterError for a bad
    roster (nothing imported) and DatabaseUnusable for a database that cannot be used."""
    try:
        engine = make_engine(database_url)
        upgrade(engine)
        report = import_roster(engine, load_roster(roster_path)) if roster_path else None
    except OperationalError as error:
        raise DatabaseUnusable(f"cannot use the database {database_url}: {error.orig}") from error
    except (ArgumentError, NoSuchModuleError, ModuleNotFoundError) as error:
        raise DatabaseUnusable(
            f"{database_url!r} is not a database URL this bot can use ({error}); "
            "use sqlite:///path.db or postgresql://user@host/db"
        ) from error
    return engine, report
