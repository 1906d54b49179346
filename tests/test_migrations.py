"""The Alembic migrations build exactly the schema the models describe, and upgrading twice is harmless."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import storage.models  # noqa: F401
from storage.migrate import upgrade


def test_migrated_schema_matches_the_models(engine):
    upgrade(engine)  # already at head: a no-op
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert differences == []
