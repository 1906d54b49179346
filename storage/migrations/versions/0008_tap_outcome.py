"""tap outcome

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 03:00:00.000000

How a button tap turned out when it was turned down or used its buttons up, kept with the tap's key so that a
retried tap is answered the same way (stop 27).
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("processedmessage", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outcome", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("processedmessage", schema=None) as batch_op:
        batch_op.drop_column("outcome")
