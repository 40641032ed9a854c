"""PostgreSQL: search with diacritics folded, as on SQLite.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

The GIN indexes move from the ``dutch`` text search configuration to ``kvdesk_dutch``, which runs
the ``unaccent`` dictionary before Dutch stemming (see :mod:`kvdesk.storage.search`). Where the
``unaccent`` extension cannot be created the indexes stay on ``dutch``. SQLite's FTS5 index
already folds diacritics: nothing changes there.
"""
from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from kvdesk.storage.search import create_search_index

    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        create_search_index(bind)


def downgrade() -> None:
    from kvdesk.storage.search import INDEXED, PG_PLAIN_CONFIG

    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for content, _fts in INDEXED:
        op.execute(f"DROP INDEX IF EXISTS ix_{content}_fulltext")
        op.execute(f"CREATE INDEX ix_{content}_fulltext ON {content} USING gin (to_tsvector('{PG_PLAIN_CONFIG}', text))")
