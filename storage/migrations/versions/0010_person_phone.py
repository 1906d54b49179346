"""person phone

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 19:30:00.000000

A staff member's work number, as the roster publishes it (a grid's notice board lists its workers' numbers): told to
residents who ask who looks after their building (stop 41).
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("phone")
