"""Erasures: the record of each person whose personal data was erased, and what an erased person keeps.

A person gains the moment of their erasure and, once erased, the citizenship group the region summary
counts them in (their nationality itself goes). The people there are stay as they were: none is erased.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-27 09:00:00
"""

import sqlalchemy as sa
from alembic import op

from welcomedesk.codes import ErasureReason

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def _in(column: str, values: list[str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    op.create_table(
        "erasure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.CheckConstraint(_in("reason", [r.value for r in ErasureReason]), name=op.f("ck_erasure_reason")),
        sa.ForeignKeyConstraint(["account_id"], ["staff_account.id"], name=op.f("fk_erasure_account_id_staff_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure")),
    )
    op.create_index(op.f("ix_erasure_person_id"), "erasure", ["person_id"], unique=False)
    # Nullable columns only: SQLite adds them in place, without rebuilding the person table.
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("country_group", sa.String(length=16), nullable=True))


def downgrade() -> None:
    pass
