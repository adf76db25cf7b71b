"""A person's status as a dated history.

Each person's status becomes the first entry of their history: dated from their arrival when
they have one and have arrived, else from the day they were registered, and recorded by nobody
in particular (the account that set it was never kept). ``person.status`` stays,
as the latest entry, so lists filter and sort by it in SQL. The statuses the region asks about
join: settled, moved within the region, and lost to follow-up.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 18:00:00
"""

from datetime import date, datetime

import sqlalchemy as sa
from alembic import op

from welcomedesk.codes import Status

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

_person = sa.table("person", sa.column("id", sa.Integer), sa.column("status", sa.String),
                   sa.column("arrival_date", sa.Date), sa.column("created_at", sa.DateTime(timezone=True)))
_history = sa.table("person_status", sa.column("person_id", sa.Integer), sa.column("status", sa.String),
                    sa.column("since", sa.Date), sa.column("destination_code", sa.String),
                    sa.column("account_id", sa.Integer), sa.column("recorded_at", sa.DateTime(timezone=True)))
_STATUSES = ", ".join(repr(s.value) for s in Status)


def _day(value: object, fallback: date) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value).date()
        except ValueError:
            return fallback
    return fallback


def upgrade() -> None:
    connection = op.get_bind()
    op.create_table(
        "person_status",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("destination_code", sa.String(length=3), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(f"status IN ({_STATUSES})", name=op.f("ck_person_status_status")),
        sa.ForeignKeyConstraint(["account_id"], ["staff_account.id"],
                                name=op.f("fk_person_status_account_id_staff_account")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_person_status_person_id_person"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_status")),
    )
    op.create_index("ix_person_status_person", "person_status", ["person_id", "since"], unique=False)

    today = date.today()
    entries: list[dict[str, object]] = []
    people = connection.execute(sa.select(_person.c.id, _person.c.status, _person.c.arrival_date,
                                          _person.c.created_at)).all()
    for person_id, status, arrival, created in people:
        registered = _day(created, today)
        arrived = _day(arrival, registered)
        since = registered if status == Status.EXPECTED.value or arrived > today else arrived
        entries.append({"person_id": person_id, "status": status, "since": since, "destination_code": "",
                        "account_id": None, "recorded_at": created if isinstance(created, datetime) else
                        datetime.combine(registered, datetime.min.time())})
        if len(entries) >= 5000:
            connection.execute(sa.insert(_history), entries)
            entries = []
    if entries:
        connection.execute(sa.insert(_history), entries)

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_person_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_person_status"), f"status IN ({_STATUSES})")


def downgrade() -> None:
    pass
