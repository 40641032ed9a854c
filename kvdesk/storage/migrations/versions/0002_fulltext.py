"""Full-text search over questions and answers, and where archive sets came from.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29

SQLite: FTS5 external-content indexes ``question_fts`` and ``answer_fts`` with triggers that
keep them in step, filled from the stored text. PostgreSQL: GIN indexes on
``to_tsvector('dutch', text)``. See :mod:`kvdesk.storage.search`. Also the tables
``archive_source`` (a set's Zaak, Aanhangsel number and publication) and ``sync_state``
(where an open-data sync resumes).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from kvdesk.storage.search import create_search_index

    op.create_table(
        "archive_source",
        sa.Column("set_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("zaak_id", sa.String(length=40), nullable=True),
        sa.Column("vergaderjaar", sa.String(length=9), nullable=True),
        sa.Column("aanhangsel", sa.String(length=20), nullable=True),
        sa.Column("publication", sa.String(length=80), nullable=True),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("changed_at", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["set_id"], ["question_set.id"], name="fk_archive_source_set_id_question_set", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("set_id", name="pk_archive_source"),
        sa.UniqueConstraint("zaak_id", name="uq_archive_source_zaak_id"),
    )
    op.create_table(
        "sync_state",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("cursor", sa.Text(), nullable=True),
        sa.Column("since", sa.String(length=40), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_sync_state"),
    )
    create_search_index(op.get_bind())


def downgrade() -> None:
    from kvdesk.storage.search import drop_search_index

    drop_search_index(op.get_bind())
    op.drop_table("sync_state")
    op.drop_table("archive_source")
