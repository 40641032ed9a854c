"""The database tables (SQLAlchemy 2 declarative). Nothing above ``storage/`` sees these classes.

Schema changes go through Alembic migrations in ``kvdesk/storage/migrations``; this module is
the current shape, which the newest migration must produce.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names, so that migrations can refer to them on SQLite and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SetRow(Base):
    __tablename__ = "question_set"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kenmerk: Mapped[str | None] = mapped_column(String(20), unique=True)
    chamber: Mapped[str | None] = mapped_column(String(2))
    kind: Mapped[str] = mapped_column(String(20), default="schriftelijk")
    submitted_on: Mapped[dt.date | None] = mapped_column(Date)
    header: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(Text)
    answerer: Mapped[str | None] = mapped_column(Text)
    toelichting: Mapped[str | None] = mapped_column(Text)
    warnings: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of strings
    status: Mapped[str] = mapped_column(String(20), default="nieuw")
    delay_notice_on: Mapped[dt.date | None] = mapped_column(Date)
    # "draft": a set the ministry is answering; "archive": an earlier, published set.
    origin: Mapped[str] = mapped_column(String(10), default="draft")
    source_text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)

    members: Mapped[list[MemberRow]] = relationship(
        back_populates="set", cascade="all, delete-orphan", order_by="MemberRow.position"
    )
    addressees: Mapped[list[AddresseeRow]] = relationship(
        back_populates="set", cascade="all, delete-orphan", order_by="AddresseeRow.position"
    )
    questions: Mapped[list[QuestionRow]] = relationship(
        back_populates="set", cascade="all, delete-orphan", order_by="QuestionRow.number"
    )
    footnotes: Mapped[list[FootnoteRow]] = relationship(
        back_populates="set", cascade="all, delete-orphan", order_by="FootnoteRow.number"
    )
    answers: Mapped[list[AnswerRow]] = relationship(
        back_populates="set", cascade="all, delete-orphan", order_by="AnswerRow.first_question"
    )


class MemberRow(Base):
    __tablename__ = "member"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("question_set.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    party: Mapped[str | None] = mapped_column(String(100))

    set: Mapped[SetRow] = relationship(back_populates="members")


class AddresseeRow(Base):
    __tablename__ = "addressee"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("question_set.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(String(40))
    portfolio: Mapped[str | None] = mapped_column(Text)

    set: Mapped[SetRow] = relationship(back_populates="addressees")


class QuestionRow(Base):
    __tablename__ = "question"
    __table_args__ = (UniqueConstraint("set_id", "number", name="uq_question_set_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("question_set.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    footnotes: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of footnote numbers
    assignee: Mapped[str | None] = mapped_column(String(200))

    set: Mapped[SetRow] = relationship(back_populates="questions")


class FootnoteRow(Base):
    __tablename__ = "footnote"
    __table_args__ = (UniqueConstraint("set_id", "number", name="uq_footnote_set_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("question_set.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)

    set: Mapped[SetRow] = relationship(back_populates="footnotes")


class AnswerRow(Base):
    """The current draft of one answer; ``questions`` is the covered numbers, e.g. ``"2,3"``."""

    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("set_id", "questions", name="uq_answer_set_questions"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("question_set.id", ondelete="CASCADE"))
    questions: Mapped[str] = mapped_column(String(400))
    first_question: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="concept")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str | None] = mapped_column(String(200))

    set: Mapped[SetRow] = relationship(back_populates="answers")


class RevisionRow(Base):
    """Append-only history of every saved answer text."""

    __tablename__ = "answer_revision"
    __table_args__ = (Index("ix_answer_revision_set_questions", "set_id", "questions"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("question_set.id", ondelete="CASCADE"))
    questions: Mapped[str] = mapped_column(String(400))
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)


class ReferenceRow(Base):
    __tablename__ = "reference"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("question_set.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    citation: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    published_on: Mapped[dt.date | None] = mapped_column(Date)
    text: Mapped[str | None] = mapped_column(Text)
    fetched_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(20), default="new")
    error: Mapped[str | None] = mapped_column(Text)
    footnote: Mapped[int | None] = mapped_column(Integer)
    questions: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of question numbers
    parts: Mapped[str] = mapped_column(Text, default="{}")  # JSON object
    attachment: Mapped[str | None] = mapped_column(String(200))
    content_type: Mapped[str | None] = mapped_column(String(100))


class StatusChangeRow(Base):
    __tablename__ = "status_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("question_set.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    author: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)


class CheckOverrideRow(Base):
    """An export that went ahead although the checks found errors: who, when, and what."""

    __tablename__ = "check_override"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("question_set.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    author: Mapped[str] = mapped_column(String(200))
    findings: Mapped[str] = mapped_column(Text)  # JSON list of the overridden findings
    done: Mapped[bool] = mapped_column(Boolean, default=True)


class ArchiveSourceRow(Base):
    """Where an archive set came from: the Kamer's case and its publication in the Aanhangsel."""

    __tablename__ = "archive_source"

    set_id: Mapped[int] = mapped_column(ForeignKey("question_set.id", ondelete="CASCADE"), primary_key=True)
    source: Mapped[str] = mapped_column(String(20))  # "tk-odata", "jsonl" …
    zaak_id: Mapped[str | None] = mapped_column(String(40), unique=True)  # the Tweede Kamer's Zaak.Id
    vergaderjaar: Mapped[str | None] = mapped_column(String(9))  # "2024-2025"
    aanhangsel: Mapped[str | None] = mapped_column(String(20))  # number in the Aanhangsel, e.g. "2345"
    publication: Mapped[str | None] = mapped_column(String(80))  # KOOP id, e.g. "ah-tk-20242025-2345"
    answered_on: Mapped[dt.date | None] = mapped_column(Date)
    changed_at: Mapped[str | None] = mapped_column(String(40))  # the source's own change stamp


class SyncStateRow(Base):
    """How far an open-data sync got, so that the next run resumes there."""

    __tablename__ = "sync_state"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    cursor: Mapped[str | None] = mapped_column(Text)  # the next page to fetch, when a run stopped early
    since: Mapped[str | None] = mapped_column(String(40))  # newest change seen by a finished run
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
