"""Housing (kind, who pays, lease end, change of address notified) and responsible-recruitment facts.

The recruitment facts are what the desk asked and where a concern was referred, never a verdict.
Every new column is empty for the people registered before.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 19:00:00
"""

import sqlalchemy as sa
from alembic import op

from welcomedesk.codes import FeeAnswer, Housing, Payer

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

_CODED = (("housing", Housing), ("housing_paid_by", Payer), ("recruitment_fee", FeeAnswer))


def _in(column: str, values: list[str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        for name, _enum in _CODED:
            batch_op.add_column(sa.Column(name, sa.String(length=16), nullable=True))
        for name in ("lease_end", "move_notified", "concern_raised"):
            batch_op.add_column(sa.Column(name, sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("concern_referred_to", sa.String(length=200), nullable=False,
                                      server_default=""))
        for name, enum in _CODED:
            batch_op.create_check_constraint(op.f(f"ck_person_{name}"), _in(name, [m.value for m in enum]))
    # The default was only for the rows already there; the program always writes the column.
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.alter_column("concern_referred_to", existing_type=sa.String(length=200), server_default=None)


def downgrade() -> None:
    pass
