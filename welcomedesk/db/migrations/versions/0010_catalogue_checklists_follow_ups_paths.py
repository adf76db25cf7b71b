"""The service catalogue, partner organisations and settings; each person's checklist, follow-ups and paths.

The catalogue's content is loaded by the program after the upgrade (it never overwrites a
coordinator's edits); the people already registered get their checklists when they are next
opened, or by the check of stale checklists at start.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-25 21:00:00
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

from welcomedesk.codes import OPEN_ITEM_STATUSES, Category, FollowUpOutcome, ItemStatus, PartnerType, PathKind, ReferralOutcome

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def _in(column: str, values: list[str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _fk(table: str, column: str, target: str, ondelete: str | None = None) -> sa.ForeignKeyConstraint:
    other = target.split(".")[0]
    return sa.ForeignKeyConstraint([column], [target], name=op.f(f"fk_{table}_{column}_{other}"), ondelete=ondelete)


def _timestamps() -> list[sa.Column[Any]]:
    return [sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "partner",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("website", sa.String(length=200), nullable=False),
        sa.Column("hours", sa.String(length=200), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("fee_free_commitment", sa.Date(), nullable=True),
        sa.Column("who_safeguard_countries", sa.Boolean(), nullable=True),
        sa.Column("edited", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        *_timestamps(),
        sa.CheckConstraint(_in("type", [t.value for t in PartnerType]), name=op.f("ck_partner_type")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner")),
        sa.UniqueConstraint("code", name=op.f("uq_partner_code")),
    )
    op.create_table(
        "partner_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        _fk("partner_contact", "partner_id", "partner.id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_contact")),
    )
    op.create_index(op.f("ix_partner_contact_partner_id"), "partner_contact", ["partner_id"], unique=False)
    op.create_table(
        "service",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.JSON(), nullable=False),
        sa.Column("description", sa.JSON(), nullable=False),
        sa.Column("applies", sa.JSON(), nullable=False),
        sa.Column("due", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=False),
        sa.Column("done_when", sa.String(length=40), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("edited", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        *_timestamps(),
        sa.CheckConstraint(_in("category", [c.value for c in Category]), name=op.f("ck_service_category")),
        _fk("service", "partner_id", "partner.id", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service")),
        sa.UniqueConstraint("code", name=op.f("uq_service_code")),
    )
    open_statuses = ", ".join(f"'{s.value}'" for s in sorted(OPEN_ITEM_STATUSES))
    op.create_table(
        "checklist_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("applies", sa.Boolean(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("referred_on", sa.Date(), nullable=True),
        sa.Column("referred_to_id", sa.Integer(), nullable=True),
        sa.Column("referral_outcome", sa.String(length=16), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(_in("status", [s.value for s in ItemStatus]), name=op.f("ck_checklist_item_status")),
        sa.CheckConstraint(_in("referral_outcome", [r.value for r in ReferralOutcome]),
                           name=op.f("ck_checklist_item_referral_outcome")),
        _fk("checklist_item", "person_id", "person.id", "CASCADE"),
        _fk("checklist_item", "service_id", "service.id", "RESTRICT"),
        _fk("checklist_item", "account_id", "staff_account.id"),
        _fk("checklist_item", "referred_to_id", "partner.id", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_item")),
        sa.UniqueConstraint("person_id", "service_id", name=op.f("uq_checklist_item_person_id")),
    )
    op.create_index("ix_checklist_item_service", "checklist_item", ["service_id", "applies"], unique=False)
    op.create_index(op.f("ix_checklist_item_referred_to_id"), "checklist_item", ["referred_to_id"], unique=False)
    op.create_index("ix_checklist_item_open_due", "checklist_item", ["due_date", "person_id"], unique=False,
                    sqlite_where=sa.text(f"applies = 1 AND status IN ({open_statuses}) AND due_date IS NOT NULL"),
                    postgresql_where=sa.text(f"applies AND status IN ({open_statuses}) AND due_date IS NOT NULL"))
    op.create_table(
        "follow_up",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("contacted_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(_in("outcome", [o.value for o in FollowUpOutcome]), name=op.f("ck_follow_up_outcome")),
        _fk("follow_up", "person_id", "person.id", "CASCADE"),
        _fk("follow_up", "account_id", "staff_account.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up")),
        sa.UniqueConstraint("person_id", "day", name=op.f("uq_follow_up_person_id")),
    )
    op.create_index("ix_follow_up_open_due", "follow_up", ["due_date", "person_id"], unique=False,
                    sqlite_where=sa.text("contacted_on IS NULL"), postgresql_where=sa.text("contacted_on IS NULL"))
    op.create_table(
        "path_stage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=16), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("reached_on", sa.Date(), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(_in("path", [p.value for p in PathKind]), name=op.f("ck_path_stage_path")),
        _fk("path_stage", "person_id", "person.id", "CASCADE"),
        _fk("path_stage", "account_id", "staff_account.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_path_stage")),
    )
    op.create_index("ix_path_stage_person", "path_stage", ["person_id", "path", "reached_on"], unique=False)
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("job_ended_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("protection_months", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("checklist_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("checklist_generation", sa.Integer(), nullable=False, server_default="0"))
        batch_op.create_check_constraint(op.f("ck_person_protection_months"), "protection_months IN (3, 6)")
        batch_op.create_index("ix_person_permit_expiry", ["permit_expiry"], unique=False)
        batch_op.create_index("ix_person_job_ended_on", ["job_ended_on"], unique=False)
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.alter_column("checklist_generation", existing_type=sa.Integer(), server_default=None)


def downgrade() -> None:
    pass
