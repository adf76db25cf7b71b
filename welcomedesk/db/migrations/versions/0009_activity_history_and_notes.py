"""A person's work or study situation as a dated history, and the desk's notes (reason first, never exported).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25 20:00:00
"""

import sqlalchemy as sa
from alembic import op

from welcomedesk.codes import Activity, NoteReason

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def _in(column: str, values: list[str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _person_and_account(table: str) -> list[sa.Constraint]:
    return [
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f(f"fk_{table}_person_id_person"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["account_id"], ["staff_account.id"],
                                name=op.f(f"fk_{table}_account_id_staff_account")),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def upgrade() -> None:
    op.create_table(
        "person_activity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("activity", sa.String(length=16), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(_in("activity", [a.value for a in Activity]), name=op.f("ck_person_activity_activity")),
        *_person_and_account("person_activity"),
    )
    op.create_index("ix_person_activity_person", "person_activity", ["person_id", "since"], unique=False)
    op.create_table(
        "person_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("text", sa.String(length=1000), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(_in("reason", [r.value for r in NoteReason]), name=op.f("ck_person_note_reason")),
        *_person_and_account("person_note"),
    )
    op.create_index(op.f("ix_person_note_person_id"), "person_note", ["person_id"], unique=False)


def downgrade() -> None:
    pass
