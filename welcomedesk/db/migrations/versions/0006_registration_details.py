"""What the registration wizard records: sex, languages and levels, work and recruitment, the privacy notice.

Every new column is empty for the people registered before: nothing is guessed, except the
occupation group, which is filled from the typed occupation where the title clearly names one.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 18:00:00
"""

import sqlalchemy as sa
from alembic import op

from welcomedesk.codes import LanguageLevel, Recruitment, Sector, Sex
from welcomedesk.occupations import match_occupation

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

_person = sa.table("person", sa.column("id", sa.Integer), sa.column("occupation", sa.String),
                   sa.column("occupation_group", sa.String))


def _in(column: str, values: list[str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


_CODED = (("sex", Sex, 8), ("finnish_level", LanguageLevel, 8), ("swedish_level", LanguageLevel, 8),
          ("english_level", LanguageLevel, 8), ("sector", Sector, 8), ("recruitment", Recruitment, 16))
_TEXT = (("mother_tongue", 8), ("business_id", 9), ("occupation_group", 4), ("recruiter", 200),
         ("privacy_notice_language", 8), ("privacy_notice_version", 20))


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        for name, _enum, size in _CODED:
            batch_op.add_column(sa.Column(name, sa.String(length=size), nullable=True))
        for name, size in _TEXT:
            batch_op.add_column(sa.Column(name, sa.String(length=size), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("privacy_notice_date", sa.Date(), nullable=True))
        for name, enum, _size in _CODED:
            batch_op.create_check_constraint(op.f(f"ck_person_{name}"), _in(name, [m.value for m in enum]))
        batch_op.create_index("ix_person_occupation_group", ["occupation_group"], unique=False)
    connection = op.get_bind()
    titles: dict[str, list[int]] = {}
    for person_id, title in connection.execute(sa.select(_person.c.id, _person.c.occupation)
                                               .where(_person.c.occupation != "")):
        titles.setdefault(title, []).append(person_id)
    for title, ids in titles.items():
        group = match_occupation(title)
        if group:
            for start in range(0, len(ids), 500):
                connection.execute(sa.update(_person).where(_person.c.id.in_(ids[start:start + 500]))
                                   .values(occupation_group=group))
    # The defaults were only for the rows already there; the program always writes these columns.
    with op.batch_alter_table("person", schema=None) as batch_op:
        for name, size in _TEXT:
            batch_op.alter_column(name, existing_type=sa.String(length=size), server_default=None)


def downgrade() -> None:
    pass
