"""The service point's contact details, opening hours, logo and colour; a record of the papers given to people.

The service point keeps its name and municipalities; the new details start empty, in the
default colour, without a logo.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 09:00:00
"""

import sqlalchemy as sa
from alembic import op

from welcomedesk.codes import PaperKind

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

DEFAULT_COLOUR = "#1F5F8B"
# The new NOT NULL columns: their server defaults fill the rows there are, and go afterwards (the model
# gives the values).
_TEXTS = (("address", 200), ("phone", 40), ("email", 200), ("website", 200), ("hours", 400))


def _in(column: str, values: list[str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    with op.batch_alter_table("service_point", schema=None) as batch_op:
        for name, length in _TEXTS:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("logo", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("colour", sa.String(length=7), nullable=False, server_default=DEFAULT_COLOUR))
    with op.batch_alter_table("service_point", schema=None) as batch_op:
        for name, length in _TEXTS:
            batch_op.alter_column(name, existing_type=sa.String(length=length), server_default=None)
        batch_op.alter_column("colour", existing_type=sa.String(length=7), server_default=None)
    op.create_table(
        "paper_given",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("languages", sa.String(length=40), nullable=False),
        sa.Column("content_version", sa.String(length=80), nullable=False),
        sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("step_code", sa.String(length=40), nullable=True),
        sa.CheckConstraint(_in("kind", [k.value for k in PaperKind]), name=op.f("ck_paper_given_kind")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_paper_given_person_id_person"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["account_id"], ["staff_account.id"],
                                name=op.f("fk_paper_given_account_id_staff_account"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["partner_id"], ["partner.id"], name=op.f("fk_paper_given_partner_id_partner"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_paper_given")),
    )
    op.create_index(op.f("ix_paper_given_person_id"), "paper_given", ["person_id"], unique=False)


def downgrade() -> None:
    pass
