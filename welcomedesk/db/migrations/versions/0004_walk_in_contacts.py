"""Anonymous walk-in contacts.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 17:00:00
"""

import sqlalchemy as sa
from alembic import op

from welcomedesk.codes import Channel, ContactTopic, Referral

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def _in(column: str, values: list[str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    op.create_table(
        "walk_in_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("referred_to", sa.String(length=16), nullable=False),
        sa.CheckConstraint(_in("topic", [t.value for t in ContactTopic]), name=op.f("ck_walk_in_contact_topic")),
        sa.CheckConstraint(_in("channel", [c.value for c in Channel]), name=op.f("ck_walk_in_contact_channel")),
        sa.CheckConstraint(_in("referred_to", [r.value for r in Referral]),
                           name=op.f("ck_walk_in_contact_referred_to")),
        sa.CheckConstraint("minutes BETWEEN 1 AND 600", name=op.f("ck_walk_in_contact_minutes")),
        sa.ForeignKeyConstraint(["account_id"], ["staff_account.id"],
                                name=op.f("fk_walk_in_contact_account_id_staff_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_walk_in_contact")),
    )
    op.create_index("ix_walk_in_contact_at", "walk_in_contact", ["at"], unique=False)


def downgrade() -> None:
    pass
