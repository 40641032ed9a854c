"""Drop three indexes that repeat the start of a unique constraint.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

``ix_question_set_id``, ``ix_answer_set_id`` and ``ix_footnote_set_id`` index ``set_id`` alone,
which the unique constraints on ``(set_id, number)`` and ``(set_id, questions)`` already index
as their first column: every look-up by set can use those. Each stored row paid for the
extra index (about a tenth of the time to store an archive), and the file held it twice.
"""
from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

REPEATED = (("question", "ix_question_set_id"), ("answer", "ix_answer_set_id"), ("footnote", "ix_footnote_set_id"))


def upgrade() -> None:
    for _table, name in REPEATED:
        op.execute(f"DROP INDEX IF EXISTS {name}")


def downgrade() -> None:
    for table, name in REPEATED:
        op.create_index(name, table, ["set_id"])
