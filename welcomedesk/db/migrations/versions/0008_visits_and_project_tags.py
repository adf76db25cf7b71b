"""A person's desk visits (date, channel, language, interpreter and who paid, minutes, no-show) and project tags.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 19:30:00
"""

import sqlalchemy as sa
from alembic import op

from welcomedesk.codes import Channel, Payer

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def _in(column: str, values: list[str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    op.create_table(
        "person_tag",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_person_tag_person_id_person"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person_id", "tag", name=op.f("pk_person_tag")),
    )
    op.create_index("ix_person_tag_tag", "person_tag", ["tag", "person_id"], unique=False)
    op.create_table(
        "person_visit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("interpreter_paid_by", sa.String(length=16), nullable=True),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("no_show", sa.Boolean(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(_in("channel", [c.value for c in Channel]), name=op.f("ck_person_visit_channel")),
        sa.CheckConstraint(_in("interpreter_paid_by", [p.value for p in Payer]),
                           name=op.f("ck_person_visit_interpreter_paid_by")),
        sa.CheckConstraint("minutes BETWEEN 0 AND 600", name=op.f("ck_person_visit_minutes")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_person_visit_person_id_person"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["account_id"], ["staff_account.id"],
                                name=op.f("fk_person_visit_account_id_staff_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_visit")),
    )
    op.create_index("ix_person_visit_person", "person_visit", ["person_id", "visited_on"], unique=False)


def downgrade() -> None:
    pass
