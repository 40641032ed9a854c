"""Quick read-only access to the SQLite file with the standard library, for commands that only read.

Importing SQLAlchemy takes about half a second, more than ``kvdesk show`` may take in all. This
reader answers ``resolve``, ``get_set``, ``list_sets`` and ``references`` exactly as
:class:`~kvdesk.storage.repository.Repository` does (a test holds them equal), with plain SQL
over the same tables. It is used only when the file exists and its schema is at the newest
migration; otherwise :func:`open_reader` returns ``None`` and the caller uses the repository,
which creates or upgrades the database first. PostgreSQL always goes through the repository.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from pathlib import Path
from typing import Any

from kvdesk.core.model import Addressee, Answer, Footnote, Member, Question, QuestionSet, Reference
from kvdesk.storage.errors import DatabaseError, NotFound
from kvdesk.storage.location import sqlite_path
from kvdesk.storage.records import SetSummary

log = logging.getLogger(__name__)

_MAX_ID = 2**31 - 1


def open_reader(url: str) -> SqliteReader | None:
    """A reader for ``url``, or ``None`` when the full repository must be used instead."""
    path = sqlite_path(url)
    if path is None or not path.is_file():
        return None
    from kvdesk.storage.migrate import head_revision

    try:
        conn = sqlite3.connect(path, timeout=15)
    except sqlite3.Error:
        return None
    try:
        conn.execute("PRAGMA query_only=ON")
        conn.execute("PRAGMA busy_timeout=15000")
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        conn.close()
        return None
    if version is None or version[0] != head_revision():
        conn.close()
        return None
    return SqliteReader(path, conn)


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _datetime(value: Any) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _qlist(key: str) -> list[int]:
    return [int(n) for n in key.split(",") if n]


class SqliteReader:
    """Reads sets and references from an up-to-date SQLite file; never writes."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn

    def close(self) -> None:
        self._conn.close()

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise DatabaseError(f"De database {self.path} kan niet worden gelezen: {exc}.") from exc

    def resolve(self, key: str | int) -> int:
        """The id of the set with kenmerk or id ``key``; raises :class:`NotFound`."""
        k = str(key).strip()
        rows = self._rows("SELECT id FROM question_set WHERE upper(kenmerk) = ?", (k.upper().replace(" ", ""),))
        if not rows and k.isdigit() and int(k) <= _MAX_ID:
            rows = self._rows("SELECT id FROM question_set WHERE id = ?", (int(k),))
        if not rows:
            raise NotFound(f"Geen vragenset met kenmerk of nummer {key!s} gevonden.")
        return int(rows[0][0])

    def get_set(self, key: str | int) -> QuestionSet:
        """The whole set with its answers; raises :class:`NotFound`."""
        set_id = self.resolve(key)
        (row,) = self._rows(
            "SELECT kenmerk, chamber, kind, submitted_on, header, subject, answerer, toelichting, warnings,"
            " status, delay_notice_on, source_text, created_at, updated_at FROM question_set WHERE id = ?",
            (set_id,),
        )
        members = [Member(n, p) for n, p in self._rows(
            "SELECT name, party FROM member WHERE set_id = ? ORDER BY position, id", (set_id,))]
        addressees = [Addressee(t, r, p) for t, r, p in self._rows(
            "SELECT title, role, portfolio FROM addressee WHERE set_id = ? ORDER BY position, id", (set_id,))]
        questions = [
            Question(number=n, text=t, footnotes=json.loads(f or "[]"), assignee=a)
            for n, t, f, a in self._rows(
                "SELECT number, text, footnotes, assignee FROM question WHERE set_id = ? ORDER BY number", (set_id,))
        ]
        footnotes = [Footnote(n, t, u) for n, t, u in self._rows(
            "SELECT number, text, url FROM footnote WHERE set_id = ? ORDER BY number", (set_id,))]
        answers = [
            Answer(questions=_qlist(q), text=t, status=s, updated_at=_datetime(u), updated_by=b)
            for q, t, s, u, b in self._rows(
                "SELECT questions, text, status, updated_at, updated_by FROM answer WHERE set_id = ?"
                " ORDER BY first_question, id", (set_id,))
        ]
        return QuestionSet(
            kenmerk=row[0], chamber=row[1], kind=row[2], submitted_on=_date(row[3]), header=row[4],
            members=members, addressees=addressees, subject=row[5], questions=questions, footnotes=footnotes,
            answers=answers, answerer=row[6], toelichting=row[7], warnings=json.loads(row[8] or "[]"),
            id=set_id, status=row[9], delay_notice_on=_date(row[10]), source_text=row[11],
            created_at=_datetime(row[12]), updated_at=_datetime(row[13]),
        )

    def list_sets(self, *, origin: str | None = "draft") -> list[SetSummary]:
        """Every stored set (``origin=None`` for drafts and archive alike), newest first."""
        where, params = ("WHERE origin = ?", (origin,)) if origin is not None else ("", ())
        sets = self._rows(
            "SELECT id, kenmerk, subject, submitted_on, status, delay_notice_on, kind, origin, updated_at"
            f" FROM question_set {where} ORDER BY submitted_on DESC NULLS LAST, id DESC", params)
        if not sets:
            return []
        members: dict[int, list[Member]] = {}
        addressees: dict[int, list[Addressee]] = {}
        counts: dict[int, int] = {}
        assignees: dict[int, set[str]] = {}
        answered: dict[int, set[int]] = {}
        # The filter is done here rather than in SQL: an archive may hold tens of thousands of sets.
        wanted = {r[0] for r in sets}
        for sid, name, party in self._rows("SELECT set_id, name, party FROM member ORDER BY set_id, position, id"):
            if sid in wanted:
                members.setdefault(sid, []).append(Member(name, party))
        for sid, title, role, portfolio in self._rows(
                "SELECT set_id, title, role, portfolio FROM addressee ORDER BY set_id, position, id"):
            if sid in wanted:
                addressees.setdefault(sid, []).append(Addressee(title, role, portfolio))
        for sid, n in self._rows("SELECT set_id, count(*) FROM question GROUP BY set_id"):
            counts[sid] = n
        for sid, who in self._rows("SELECT set_id, assignee FROM question WHERE assignee IS NOT NULL"):
            assignees.setdefault(sid, set()).add(who)
        for sid, key, text in self._rows("SELECT set_id, questions, text FROM answer"):
            if text.strip():
                answered.setdefault(sid, set()).update(_qlist(key))
        return [
            SetSummary(
                id=sid, kenmerk=kenmerk, subject=subject, members=members.get(sid, []),
                addressees=addressees.get(sid, []), submitted_on=_date(submitted), status=status,
                delay_notice_on=_date(delay), kind=kind, origin=orig, question_count=counts.get(sid, 0),
                answered_count=len(answered.get(sid, set())), updated_at=_datetime(updated),
                assignees=sorted(assignees.get(sid, set())),
            )
            for sid, kenmerk, subject, submitted, status, delay, kind, orig, updated in sets
        ]

    def references(self, set_id: int) -> list[Reference]:
        rows = self._rows(
            "SELECT kind, citation, url, title, author, published_on, text, fetched_at, status, error, footnote,"
            " questions, parts, attachment, content_type, id FROM reference WHERE set_id = ? ORDER BY id",
            (set_id,),
        )
        return [
            Reference(
                kind=r[0], citation=r[1], url=r[2], title=r[3], author=r[4], published_on=_date(r[5]), text=r[6],
                fetched_at=_datetime(r[7]), status=r[8], error=r[9], footnote=r[10],
                questions=json.loads(r[11] or "[]"), parts=json.loads(r[12] or "{}"), attachment=r[13],
                content_type=r[14], id=r[15],
            )
            for r in rows
        ]
