"""Search keys without invisible format characters.

Names pasted with a right-to-left mark, a byte order mark or a zero-width space kept those
characters inside their search words, so a search typed without them found nobody. Folding
now drops every format character (category Cf); this rebuilds the sort name and search words
of the people whose names hold one. It folds with the program's own folding, because the
keys must match what the program searches with.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 15:00:00
"""

import unicodedata

import sqlalchemy as sa
from alembic import op

from welcomedesk.folding import name_words
from welcomedesk.model.search_key import sort_name_of

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

_person = sa.table(
    "person", sa.column("id", sa.Integer), sa.column("given_names", sa.String), sa.column("family_name", sa.String),
    sa.column("native_name", sa.String), sa.column("sort_name", sa.String))
_key = sa.table("person_name_key", sa.column("person_id", sa.Integer), sa.column("word", sa.String))


def _has_format_character(*names: str | None) -> bool:
    return any(unicodedata.category(c) == "Cf" for name in names if name for c in name)


def upgrade() -> None:
    connection = op.get_bind()
    people = connection.execute(sa.select(_person.c.id, _person.c.given_names, _person.c.family_name,
                                          _person.c.native_name))
    affected = [row for row in people if _has_format_character(row.given_names, row.family_name, row.native_name)]
    for row in affected:
        connection.execute(sa.delete(_key).where(_key.c.person_id == row.id))
        words = name_words(row.given_names, row.family_name, row.native_name)
        if words:
            connection.execute(sa.insert(_key), [{"person_id": row.id, "word": w} for w in words])
        connection.execute(sa.update(_person).where(_person.c.id == row.id).values(
            sort_name=sort_name_of(row.family_name or "", row.given_names or "")))


def downgrade() -> None:
    pass
