"""The first schema: sets, members, addressees, questions, footnotes, answers and their history.

Revision ID: 0001
Revises:
Create Date: 2026-11-29

Written out table by table (not created from the models), so that this migration keeps
producing the same schema whatever ``tables.py`` later becomes. A test compares the result
with ``tables.py`` at the newest revision.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _set_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["set_id"], ["question_set.id"], name=f"fk_{table}_set_id_question_set", ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "question_set",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kenmerk", sa.String(length=20), nullable=True),
        sa.Column("chamber", sa.String(length=2), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        sa.Column("header", sa.Text(), nullable=True),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("answerer", sa.Text(), nullable=True),
        sa.Column("toelichting", sa.Text(), nullable=True),
        sa.Column("warnings", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("delay_notice_on", sa.Date(), nullable=True),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_question_set"),
        sa.UniqueConstraint("kenmerk", name="uq_question_set_kenmerk"),
    )
    op.create_table(
        "member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("set_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("party", sa.String(length=100), nullable=True),
        _set_fk("member"),
        sa.PrimaryKeyConstraint("id", name="pk_member"),
    )
    op.create_index("ix_member_set_id", "member", ["set_id"])
    op.create_table(
        "addressee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("set_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=True),
        sa.Column("portfolio", sa.Text(), nullable=True),
        _set_fk("addressee"),
        sa.PrimaryKeyConstraint("id", name="pk_addressee"),
    )
    op.create_index("ix_addressee_set_id", "addressee", ["set_id"])
    op.create_table(
        "question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("set_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("footnotes", sa.Text(), nullable=False),
        sa.Column("assignee", sa.String(length=200), nullable=True),
        _set_fk("question"),
        sa.PrimaryKeyConstraint("id", name="pk_question"),
        sa.UniqueConstraint("set_id", "number", name="uq_question_set_number"),
    )
    op.create_index("ix_question_set_id", "question", ["set_id"])
    op.create_table(
        "footnote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("set_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        _set_fk("footnote"),
        sa.PrimaryKeyConstraint("id", name="pk_footnote"),
        sa.UniqueConstraint("set_id", "number", name="uq_footnote_set_number"),
    )
    op.create_index("ix_footnote_set_id", "footnote", ["set_id"])
    op.create_table(
        "answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("set_id", sa.Integer(), nullable=False),
        sa.Column("questions", sa.String(length=400), nullable=False),
        sa.Column("first_question", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=True),
        _set_fk("answer"),
        sa.PrimaryKeyConstraint("id", name="pk_answer"),
        sa.UniqueConstraint("set_id", "questions", name="uq_answer_set_questions"),
    )
    op.create_index("ix_answer_set_id", "answer", ["set_id"])
    op.create_table(
        "answer_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("set_id", sa.Integer(), nullable=False),
        sa.Column("questions", sa.String(length=400), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        _set_fk("answer_revision"),
        sa.PrimaryKeyConstraint("id", name="pk_answer_revision"),
    )
    op.create_index("ix_answer_revision_set_questions", "answer_revision", ["set_id", "questions"])
    op.create_table(
        "reference",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("set_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("citation", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("fetched_at", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("footnote", sa.Integer(), nullable=True),
        sa.Column("questions", sa.Text(), nullable=False),
        sa.Column("parts", sa.Text(), nullable=False),
        sa.Column("attachment", sa.String(length=200), nullable=True),
        sa.Column("content_type", sa.String(length=100), nullable=True),
        _set_fk("reference"),
        sa.PrimaryKeyConstraint("id", name="pk_reference"),
    )
    op.create_index("ix_reference_set_id", "reference", ["set_id"])
    op.create_table(
        "status_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("set_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        _set_fk("status_change"),
        sa.PrimaryKeyConstraint("id", name="pk_status_change"),
    )
    op.create_index("ix_status_change_set_id", "status_change", ["set_id"])
    op.create_table(
        "check_override",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("set_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        _set_fk("check_override"),
        sa.PrimaryKeyConstraint("id", name="pk_check_override"),
    )
    op.create_index("ix_check_override_set_id", "check_override", ["set_id"])


def downgrade() -> None:
    for table in (
        "check_override", "status_change", "reference", "answer_revision", "answer",
        "footnote", "question", "addressee", "member",
    ):
        op.drop_index(f"ix_{table}_set_id" if table != "answer_revision" else "ix_answer_revision_set_questions",
                      table_name=table)
        op.drop_table(table)
    op.drop_table("question_set")
