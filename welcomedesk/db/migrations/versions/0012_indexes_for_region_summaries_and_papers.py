"""Indexes: the region summary's people and steps counted from indexes alone (who arrived when, with the
status and municipality that say whether they are counted; each person's steps by due day); the papers
given found by their worker and partner (an account's or partner's removal sets theirs to none).

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26 10:00:00
"""

from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The new index on arrivals starts with the day, so it serves every search the old one did.
    op.drop_index("ix_person_arrival_date", table_name="person")
    op.create_index("ix_person_arrival", "person", ["arrival_date", "status", "municipality_code"], unique=False)
    op.create_index("ix_checklist_item_person_due", "checklist_item",
                    ["person_id", "due_date", "service_id", "status", "applies", "done_on"], unique=False)
    op.create_index(op.f("ix_paper_given_account_id"), "paper_given", ["account_id"], unique=False)
    op.create_index(op.f("ix_paper_given_partner_id"), "paper_given", ["partner_id"], unique=False)


def downgrade() -> None:
    pass
