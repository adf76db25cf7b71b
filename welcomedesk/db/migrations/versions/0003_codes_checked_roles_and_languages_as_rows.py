"""Coded values checked by the database; roles and languages as rows.

A person's status, relation and permit type may only hold the values WelcomeDesk knows (CHECK
constraints); "no permit recorded" becomes NULL instead of "". A staff account's roles (a
space-joined string) become rows of staff_role, and a person's languages (a ";"-joined string)
rows of person_language in their order, so services and region queries can ask for them in SQL.

A value the database would now refuse stops the upgrade before anything changes, with a message
that says where it is.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 16:00:00
"""

import sqlalchemy as sa
from alembic import op

from welcomedesk.codes import PermitType, Relation, Role, Status
from welcomedesk.errors import StorageError
from welcomedesk.i18n import _

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

_person = sa.table("person", sa.column("id", sa.Integer), sa.column("languages", sa.String),
                   sa.column("status", sa.String), sa.column("relation", sa.String),
                   sa.column("permit_type", sa.String))
_account = sa.table("staff_account", sa.column("id", sa.Integer), sa.column("roles", sa.String))
_person_language = sa.table("person_language", sa.column("person_id", sa.Integer),
                            sa.column("position", sa.Integer), sa.column("code", sa.String))
_staff_role = sa.table("staff_role", sa.column("account_id", sa.Integer), sa.column("role", sa.String))


def _in(column: str, values: list[str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _refuse_unknown_codes(connection: sa.Connection) -> None:
    checks = (("status", [s.value for s in Status]), ("relation", [r.value for r in Relation]),
              ("permit_type", ["", *(p.value for p in PermitType)]))
    for column, values in checks:
        count = connection.scalar(sa.text(f"SELECT count(*) FROM person WHERE NOT {_in(column, values)}"))
        if count:
            raise StorageError(_(
                "The upgrade found {count} people whose {field} holds a value WelcomeDesk does not know, so it was "
                "undone and the database is as it was. Correct those values or restore a backup, then try again."
            ).format(count=count, field=f"person.{column}"))
    roles = {Role(r).value for r in Role}
    for (text,) in connection.execute(sa.select(_account.c.roles)):
        if set((text or "").split()) - roles:
            raise StorageError(_(
                "The upgrade found a staff account with a role WelcomeDesk does not know, so it was undone and the "
                "database is as it was."))


def upgrade() -> None:
    connection = op.get_bind()
    _refuse_unknown_codes(connection)
    op.create_table(
        "staff_role",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.CheckConstraint(_in("role", [r.value for r in Role]), name=op.f("ck_staff_role_role")),
        sa.ForeignKeyConstraint(["account_id"], ["staff_account.id"], name=op.f("fk_staff_role_account_id_staff_account"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("account_id", "role", name=op.f("pk_staff_role")),
    )
    op.create_table(
        "person_language",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_person_language_person_id_person"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person_id", "position", name=op.f("pk_person_language")),
    )
    op.create_index("ix_person_language_code", "person_language", ["code", "person_id"], unique=False)

    roles = [{"account_id": account_id, "role": role}
             for account_id, text in connection.execute(sa.select(_account.c.id, _account.c.roles))
             for role in dict.fromkeys((text or "").split())]
    if roles:
        connection.execute(sa.insert(_staff_role), roles)
    batch: list[dict[str, object]] = []
    for person_id, text in connection.execute(sa.select(_person.c.id, _person.c.languages)).all():
        codes = dict.fromkeys(code.strip().lower() for code in (text or "").split(";") if code.strip())
        batch.extend({"person_id": person_id, "position": i, "code": code[:8]} for i, code in enumerate(codes))
        if len(batch) >= 5000:
            connection.execute(sa.insert(_person_language), batch)
            batch = []
    if batch:
        connection.execute(sa.insert(_person_language), batch)

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.alter_column("permit_type", existing_type=sa.String(length=8), nullable=True)
    connection.execute(sa.update(_person).where(_person.c.permit_type == "").values(permit_type=None))
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("languages")
        batch_op.create_check_constraint(op.f("ck_person_status"), _in("status", [s.value for s in Status]))
        batch_op.create_check_constraint(op.f("ck_person_relation"), _in("relation", [r.value for r in Relation]))
        batch_op.create_check_constraint(op.f("ck_person_permit_type"),
                                         _in("permit_type", [p.value for p in PermitType]))
    with op.batch_alter_table("staff_account", schema=None) as batch_op:
        batch_op.drop_column("roles")


def downgrade() -> None:
    pass
