"""ticket event actor index

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 13:00:00.000000

The tickets a person joined (a neighbour's report of the same danger, stop 39) are found by their events: an index on
who acted, read on every private message.
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ticketevent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ticketevent_actor_id"), ["actor_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ticketevent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ticketevent_actor_id"))
