"""The audit log as a hash chain; sign-ins without a known account; failed sign-ins counted per account.

Every entry there is gets its digest, in the order of the entries, and the chain's head row is made.
An entry may now have no account (a failed sign-in under a name no account has: the name is not kept).

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-26 12:00:00
"""

import sqlalchemy as sa
from alembic import op

from welcomedesk.db.audit_chain import GENESIS, HEAD_ROW, digest_of
from welcomedesk.model.base import UTCDateTime

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

_entry = sa.table("audit_entry", sa.column("id", sa.Integer), sa.column("at", UTCDateTime()),
                  sa.column("account_id", sa.Integer), sa.column("action", sa.String),
                  sa.column("entity", sa.String), sa.column("entity_id", sa.Integer), sa.column("fields", sa.String),
                  sa.column("digest", sa.String))
_head = sa.table("audit_head", sa.column("id", sa.Integer), sa.column("entry_id", sa.Integer),
                 sa.column("digest", sa.String))
_CHUNK = 5000


def upgrade() -> None:
    connection = op.get_bind()
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.alter_column("account_id", existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column("digest", sa.String(length=64), nullable=False, server_default=""))
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.alter_column("digest", existing_type=sa.String(length=64), server_default=None)
    op.create_index("ix_audit_entry_account", "audit_entry", ["account_id", "id"], unique=False)
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    previous, last, after = GENESIS, 0, 0
    while True:
        rows = connection.execute(sa.select(_entry).where(_entry.c.id > after).order_by(_entry.c.id)
                                  .limit(_CHUNK)).all()
        if not rows:
            break
        digests = []
        for row in rows:
            previous = digest_of(previous, row._mapping)
            digests.append({"entry": row.id, "digest": previous})
        connection.execute(sa.update(_entry).where(_entry.c.id == sa.bindparam("entry"))
                           .values(digest=sa.bindparam("digest")), digests)
        last = after = rows[-1].id
    connection.execute(sa.insert(_head).values(id=HEAD_ROW, entry_id=last, digest=previous))
    with op.batch_alter_table("staff_account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("failed_sign_ins", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("staff_account", schema=None) as batch_op:
        batch_op.alter_column("failed_sign_ins", existing_type=sa.Integer(), server_default=None)


def downgrade() -> None:
    pass
