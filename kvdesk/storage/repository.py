"""The repository: reads and writes core objects. Nothing above ``storage/`` sees SQLAlchemy.

Every public method runs in its own transaction and returns plain core objects (copies), so
callers on other threads never hold live database state.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
import threading
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, selectinload

from kvdesk.core.model import (
    ANSWER_STATUSES,
    SET_STATUSES,
    Addressee,
    Answer,
    Footnote,
    Member,
    Question,
    QuestionSet,
    Reference,
    Revision,
    StatusChange,
)
from kvdesk.storage.database import Database
from kvdesk.storage.errors import Conflict, NotFound
from kvdesk.storage.records import SetSummary
from kvdesk.storage.set_rows import HEAD_COLUMNS, BatchRows
from kvdesk.storage.tables import (
    AddresseeRow,
    AnswerRow,
    CheckOverrideRow,
    FootnoteRow,
    MemberRow,
    QuestionRow,
    ReferenceRow,
    RevisionRow,
    SetRow,
    StatusChangeRow,
)

log = logging.getLogger(__name__)

__all__ = ["Conflict", "NotFound", "Repository", "SetSummary", "now"]

# Ids are 32-bit integers on PostgreSQL; a longer number cannot be an id (and must not reach SQL).
_MAX_ID = 2**31 - 1


def now() -> dt.datetime:
    """The current local time without microseconds (what revisions and the UI show)."""
    return dt.datetime.now().replace(microsecond=0)


def _qkey(numbers: list[int]) -> str:
    return ",".join(str(n) for n in sorted(set(numbers)))


def _qlist(key: str) -> list[int]:
    return [int(n) for n in key.split(",") if n]


class Repository:
    """Question sets, answers, revisions, references and status history."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # ------------------------------------------------------------------ sets

    def resolve(self, key: str | int, session: Session | None = None) -> int:
        """The id of the set with kenmerk or id ``key``; raises :class:`NotFound`."""
        def find(s: Session) -> int | None:
            k = str(key).strip()
            found = s.scalar(select(SetRow.id).where(func.upper(SetRow.kenmerk) == k.upper().replace(" ", "")))
            if found is None and k.isdigit() and int(k) <= _MAX_ID:
                found = s.scalar(select(SetRow.id).where(SetRow.id == int(k)))
            return found

        if session is not None:
            found = find(session)
        else:
            with self.db.session() as s:
                found = find(s)
        if found is None:
            raise NotFound(f"Geen vragenset met kenmerk of nummer {key!s} gevonden.")
        return found

    def exists(self, kenmerk: str) -> int | None:
        """The id of the set with this kenmerk, or ``None``."""
        with self.db.session() as s:
            return s.scalar(select(SetRow.id).where(SetRow.kenmerk == kenmerk))

    def add_set(self, qs: QuestionSet, *, origin: str = "draft", author: str = "kvdesk") -> QuestionSet:
        """Store a new set (with any answers it carries); returns it with its id."""
        if qs.kenmerk and self.exists(qs.kenmerk) is not None:
            raise Conflict(f"Een vragenset met kenmerk {qs.kenmerk} bestaat al.")
        stamp = now()
        with self.db.session() as s:
            row = SetRow(created_at=stamp, updated_at=stamp, origin=origin)
            self._fill_set(row, qs)
            row.status = qs.status if qs.status in SET_STATUSES else "nieuw"
            s.add(row)
            s.flush()
            for answer in qs.answers:
                self._write_answer(s, row.id, answer.questions, answer.text, author=author, note="geïmporteerd",
                                   stamp=stamp)
            s.add(StatusChangeRow(set_id=row.id, status=row.status, changed_at=stamp, author=author))
            set_id = row.id
        return self.get_set(set_id)

    def add_sets_bulk(self, sets: Sequence[QuestionSet] | BatchRows, *, origin: str = "archive") -> int:
        """Store many sets in one transaction (archive import); kenmerken already present are skipped.

        Returns how many sets were added. Written with executemany inserts (the driver's own on
        SQLite, SQLAlchemy Core elsewhere), with the full-text triggers suspended and the new
        rows indexed in one statement per table at the end (see
        :func:`kvdesk.storage.search.begin_bulk_load`). Run
        :func:`kvdesk.storage.search.optimize` after the last batch. A whole archive goes in
        faster through :meth:`bulk_load`.
        """
        with self.bulk_load(origin=origin, parallel=False) as load:
            return load.add(sets)

    def bulk_load(self, *, origin: str = "archive", parallel: bool = True,
                  expected_rows: int | None = None) -> BulkLoad:
        """A bulk load of many batches of sets; use as a context manager (see :class:`BulkLoad`)."""
        return BulkLoad(self, origin=origin, parallel=parallel, expected_rows=expected_rows)

    def _fill_set(self, row: SetRow, qs: QuestionSet) -> None:
        row.kenmerk = qs.kenmerk
        row.chamber = qs.chamber
        row.kind = qs.kind
        row.submitted_on = qs.submitted_on
        row.header = qs.header
        row.subject = qs.subject
        row.answerer = qs.answerer
        row.toelichting = qs.toelichting
        row.warnings = json.dumps(qs.warnings, ensure_ascii=False)
        row.delay_notice_on = qs.delay_notice_on
        row.source_text = qs.source_text
        row.members = [MemberRow(position=i, name=m.name, party=m.party) for i, m in enumerate(qs.members)]
        row.addressees = [
            AddresseeRow(position=i, title=a.title, role=a.role, portfolio=a.portfolio)
            for i, a in enumerate(qs.addressees)
        ]
        row.questions = [
            QuestionRow(number=q.number, text=q.text, footnotes=json.dumps(q.footnotes), assignee=q.assignee)
            for q in qs.questions
        ]
        row.footnotes = [FootnoteRow(number=f.number, text=f.text, url=f.url) for f in qs.footnotes]

    def update_set(self, set_id: int, qs: QuestionSet, *, author: str = "kvdesk") -> QuestionSet:
        """Replace a set's questions and metadata, keeping every draft answer and its history.

        Answers whose questions no longer all exist are kept as they are (the checks report them).
        Assignees of questions that keep their number are kept.
        """
        with self.db.session() as s:
            row = s.get(SetRow, set_id)
            if row is None:
                raise NotFound(f"Geen vragenset met nummer {set_id}.")
            if qs.kenmerk and qs.kenmerk != row.kenmerk:
                other = s.scalar(select(SetRow.id).where(SetRow.kenmerk == qs.kenmerk))
                if other is not None and other != set_id:
                    raise Conflict(f"Een vragenset met kenmerk {qs.kenmerk} bestaat al.")
            assignees = {q.number: q.assignee for q in row.questions if q.assignee}
            for q in qs.questions:
                if q.assignee is None and q.number in assignees:
                    q.assignee = assignees[q.number]
            # Flush the removal of the old children before the new ones take their numbers.
            row.questions.clear()
            row.footnotes.clear()
            row.members.clear()
            row.addressees.clear()
            s.flush()
            self._fill_set(row, qs)
            row.updated_at = now()
            stamp = row.updated_at
            existing = {a.questions for a in row.answers}
            for answer in qs.answers:
                if _qkey(answer.questions) not in existing and answer.text.strip():
                    self._write_answer(s, set_id, answer.questions, answer.text, author=author,
                                       note="geïmporteerd", stamp=stamp)
        return self.get_set(set_id)

    def get_set(self, key: str | int) -> QuestionSet:
        """The whole set with its answers; raises :class:`NotFound`."""
        with self.db.session() as s:
            set_id = self.resolve(key, s)
            row = s.scalar(
                select(SetRow)
                .where(SetRow.id == set_id)
                .options(
                    selectinload(SetRow.members),
                    selectinload(SetRow.addressees),
                    selectinload(SetRow.questions),
                    selectinload(SetRow.footnotes),
                    selectinload(SetRow.answers),
                )
            )
            assert row is not None
            return _to_set(row)

    def list_sets(self, *, origin: str | None = "draft") -> list[SetSummary]:
        """Every stored set (``origin=None`` for drafts and archive alike), newest first."""
        with self.db.session() as s:
            query = select(SetRow).options(selectinload(SetRow.members), selectinload(SetRow.addressees))
            if origin is not None:
                query = query.where(SetRow.origin == origin)
            rows = list(s.scalars(query.order_by(SetRow.submitted_on.desc().nulls_last(), SetRow.id.desc())))
            # A subquery, not a list of ids: an archive of tens of thousands of sets would exceed
            # the number of parameters SQLite (32,766) and PostgreSQL (65,535) accept.
            wanted = select(SetRow.id)
            if origin is not None:
                wanted = wanted.where(SetRow.origin == origin)
            counts: dict[int, int] = {}
            assignees: dict[int, set[str]] = {}
            answered: dict[int, set[int]] = {}
            if rows:
                for sid, n in s.execute(
                    select(QuestionRow.set_id, func.count()).where(QuestionRow.set_id.in_(wanted))
                    .group_by(QuestionRow.set_id)
                ):
                    counts[sid] = n
                for sid, who in s.execute(
                    select(QuestionRow.set_id, QuestionRow.assignee).where(
                        QuestionRow.set_id.in_(wanted), QuestionRow.assignee.is_not(None)
                    )
                ):
                    if who:
                        assignees.setdefault(sid, set()).add(who)
                for sid, key, text_ in s.execute(
                    select(AnswerRow.set_id, AnswerRow.questions, AnswerRow.text).where(AnswerRow.set_id.in_(wanted))
                ):
                    if text_.strip():
                        answered.setdefault(sid, set()).update(_qlist(key))
            return [
                SetSummary(
                    id=r.id,
                    kenmerk=r.kenmerk,
                    subject=r.subject,
                    members=[Member(m.name, m.party) for m in r.members],
                    addressees=[Addressee(a.title, a.role, a.portfolio) for a in r.addressees],
                    submitted_on=r.submitted_on,
                    status=r.status,
                    delay_notice_on=r.delay_notice_on,
                    kind=r.kind,
                    origin=r.origin,
                    question_count=counts.get(r.id, 0),
                    answered_count=len(answered.get(r.id, set())),
                    updated_at=r.updated_at,
                    assignees=sorted(assignees.get(r.id, set())),
                )
                for r in rows
            ]

    def delete_set(self, key: str | int) -> None:
        with self.db.session() as s:
            set_id = self.resolve(key, s)
            s.execute(delete(RevisionRow).where(RevisionRow.set_id == set_id))
            s.execute(delete(ReferenceRow).where(ReferenceRow.set_id == set_id))
            s.execute(delete(StatusChangeRow).where(StatusChangeRow.set_id == set_id))
            s.execute(delete(CheckOverrideRow).where(CheckOverrideRow.set_id == set_id))
            row = s.get(SetRow, set_id)
            s.delete(row)

    def count_sets(self) -> int:
        with self.db.session() as s:
            return s.scalar(select(func.count()).select_from(SetRow)) or 0

    # --------------------------------------------------------------- answers

    def save_answer(
        self,
        set_id: int,
        questions: list[int],
        text: str,
        *,
        author: str,
        note: str | None = None,
    ) -> Answer:
        """Set the draft answer to ``questions`` and record a revision.

        Any other answer that covers one of these questions is replaced (its text stays in
        the history), so a question is never answered twice. Saving the same text again
        records nothing new.
        """
        if not questions:
            raise ValueError("an answer covers at least one question")
        with self.db.session() as s:
            row = s.get(SetRow, set_id)
            if row is None:
                raise NotFound(f"Geen vragenset met nummer {set_id}.")
            known = {q.number for q in row.questions}
            missing = sorted(set(questions) - known)
            if missing:
                raise NotFound(
                    f"De vragenset {row.kenmerk or set_id} heeft geen vraag "
                    + ", ".join(str(n) for n in missing) + "."
                )
            stamp = now()
            answer = self._write_answer(s, set_id, questions, text, author=author, note=note, stamp=stamp)
            row.updated_at = stamp
            return answer

    def _write_answer(
        self, s: Session, set_id: int, questions: list[int], text: str, *, author: str, note: str | None,
        stamp: dt.datetime,
    ) -> Answer:
        key = _qkey(questions)
        wanted = set(questions)
        current = None
        for other in s.scalars(select(AnswerRow).where(AnswerRow.set_id == set_id)):
            if other.questions == key:
                current = other
            elif wanted & set(_qlist(other.questions)):
                s.delete(other)
        if current is not None and current.text == text and note is None:
            return _to_answer(current)
        if current is None:
            current = AnswerRow(set_id=set_id, questions=key, first_question=min(wanted), status="concept")
            s.add(current)
        current.text = text
        current.updated_at = stamp
        current.updated_by = author
        s.add(RevisionRow(set_id=set_id, questions=key, text=text, author=author, created_at=stamp, note=note))
        s.flush()
        return _to_answer(current)

    def split_answer(self, set_id: int, questions: list[int], *, author: str) -> list[Answer]:
        """Undo a combined answer: each question gets its own answer, the first keeps the text."""
        key = _qkey(questions)
        with self.db.session() as s:
            row = s.scalar(select(AnswerRow).where(AnswerRow.set_id == set_id, AnswerRow.questions == key))
            if row is None:
                raise NotFound(f"Geen gecombineerd antwoord op vraag {key}.")
            numbers = _qlist(key)
            text = row.text
            s.delete(row)
            s.flush()
            stamp = now()
            out = [self._write_answer(s, set_id, [numbers[0]], text, author=author, note="gesplitst",
                                      stamp=stamp)]
            for n in numbers[1:]:
                out.append(self._write_answer(s, set_id, [n], "", author=author, note="gesplitst", stamp=stamp))
            return out

    def set_answer_status(self, set_id: int, questions: list[int], status: str, *, author: str) -> None:
        if status not in ANSWER_STATUSES:
            raise ValueError(f"unknown answer status {status!r}")
        key = _qkey(questions)
        with self.db.session() as s:
            row = s.scalar(select(AnswerRow).where(AnswerRow.set_id == set_id, AnswerRow.questions == key))
            if row is None:
                row = AnswerRow(set_id=set_id, questions=key, first_question=min(questions), text="",
                                updated_at=now(), updated_by=author)
                s.add(row)
            row.status = status

    def set_assignee(self, set_id: int, number: int, assignee: str | None) -> None:
        with self.db.session() as s:
            row = s.scalar(select(QuestionRow).where(QuestionRow.set_id == set_id, QuestionRow.number == number))
            if row is None:
                raise NotFound(f"Geen vraag {number} in deze set.")
            row.assignee = (assignee or "").strip() or None

    def revisions(self, set_id: int, questions: list[int] | None = None) -> list[Revision]:
        """The history, oldest first; ``questions`` limits it to revisions touching those numbers."""
        with self.db.session() as s:
            rows = s.scalars(
                select(RevisionRow).where(RevisionRow.set_id == set_id).order_by(RevisionRow.id)
            ).all()
            out = []
            wanted = set(questions or [])
            for r in rows:
                nums = _qlist(r.questions)
                if wanted and not wanted & set(nums):
                    continue
                out.append(Revision(questions=nums, text=r.text, author=r.author, created_at=r.created_at,
                                    note=r.note, id=r.id))
            return out

    def revision(self, revision_id: int) -> Revision:
        with self.db.session() as s:
            r = s.get(RevisionRow, revision_id)
            if r is None:
                raise NotFound(f"Geen versie {revision_id}.")
            return Revision(questions=_qlist(r.questions), text=r.text, author=r.author,
                            created_at=r.created_at, note=r.note, id=r.id)

    # ---------------------------------------------------------------- status

    def set_status(
        self, set_id: int, status: str, *, author: str | None = None, note: str | None = None,
        on: dt.date | None = None,
    ) -> None:
        """Change the set's status, dated; ``uitstel gemeld`` also records the delay-notice date."""
        if status not in SET_STATUSES:
            raise ValueError(f"unknown status {status!r}")
        with self.db.session() as s:
            row = s.get(SetRow, set_id)
            if row is None:
                raise NotFound(f"Geen vragenset met nummer {set_id}.")
            stamp = now() if on is None else dt.datetime.combine(on, now().time())
            row.status = status
            if status == "uitstel gemeld":
                row.delay_notice_on = stamp.date()
            row.updated_at = now()
            s.add(StatusChangeRow(set_id=set_id, status=status, changed_at=stamp, author=author, note=note))

    def status_history(self, set_id: int) -> list[StatusChange]:
        with self.db.session() as s:
            rows = s.scalars(
                select(StatusChangeRow).where(StatusChangeRow.set_id == set_id).order_by(StatusChangeRow.id)
            ).all()
            return [StatusChange(r.status, r.changed_at, r.author, r.note) for r in rows]

    def record_override(self, set_id: int, findings: list[dict[str, Any]], *, author: str) -> None:
        """Remember that an export went ahead despite error-level findings."""
        with self.db.session() as s:
            s.add(CheckOverrideRow(set_id=set_id, created_at=now(), author=author,
                                   findings=json.dumps(findings, ensure_ascii=False)))

    def overrides(self, set_id: int) -> list[dict[str, Any]]:
        with self.db.session() as s:
            rows = s.scalars(select(CheckOverrideRow).where(CheckOverrideRow.set_id == set_id)).all()
            return [
                {"created_at": r.created_at.isoformat(), "author": r.author, "findings": json.loads(r.findings)}
                for r in rows
            ]

    # ------------------------------------------------------------ references

    def references(self, set_id: int) -> list[Reference]:
        with self.db.session() as s:
            rows = s.scalars(select(ReferenceRow).where(ReferenceRow.set_id == set_id).order_by(ReferenceRow.id))
            return [_to_reference(r) for r in rows]

    def save_reference(self, set_id: int, ref: Reference) -> Reference:
        """Insert ``ref`` (no id) or update the stored one with its id."""
        with self.db.session() as s:
            row = s.get(ReferenceRow, ref.id) if ref.id is not None else None
            if row is None:
                row = ReferenceRow(set_id=set_id)
                s.add(row)
            row.kind = ref.kind
            row.citation = ref.citation
            row.url = ref.url
            row.title = ref.title
            row.author = ref.author
            row.published_on = ref.published_on
            row.text = ref.text
            row.fetched_at = ref.fetched_at
            row.status = ref.status
            row.error = ref.error
            row.footnote = ref.footnote
            row.questions = json.dumps(ref.questions)
            row.parts = json.dumps(ref.parts, ensure_ascii=False, default=str)
            row.attachment = ref.attachment
            row.content_type = ref.content_type
            s.flush()
            return _to_reference(row)

    def delete_reference(self, reference_id: int) -> None:
        with self.db.session() as s:
            s.execute(delete(ReferenceRow).where(ReferenceRow.id == reference_id))


# ---------------------------------------------------------------- bulk insert


class BulkLoad:
    """A bulk load of question sets in batches, each batch its own transaction.

    Kenmerken already present are skipped, so a load can be run again after a cancel or a
    crash. On SQLite every batch commits with ``synchronous=NORMAL``: in WAL mode that still
    never damages the database or earlier data (a crash loses at most the batches whose commit
    had not reached the disk), but it saves a disk flush per batch; the connection's own
    setting (``FULL`` for every answer a user types) is restored at the end.

    With ``parallel`` (SQLite, a database file, little indexed yet) the full-text index is built
    in two other processes while the batches are stored and moved in when the load ends (see
    :class:`kvdesk.storage.search.ParallelIndexBuild`); otherwise each batch indexes its own
    rows before it commits. Either way the index is complete and searchable when the ``with``
    block ends, also when it ends with an error or after a cancel; call :meth:`finish` to end
    it earlier. Searches see each committed batch's sets at once only on the second path.
    ``expected_rows`` (questions and answers the load will add, roughly) keeps a database
    with more rows indexed than that on the second path.
    """

    def __init__(self, repo: Repository, *, origin: str = "archive", parallel: bool = True,
                 expected_rows: int | None = None) -> None:
        from kvdesk.storage import search

        self.repo = repo
        self.origin = origin
        self.added = 0
        self.moved: bool | None = None  # after finish(): whether the built index was moved in
        self._stamp = now()
        search.ensure_search_index(repo.db.engine)
        self._conn = repo.db.engine.connect()
        self._restore: tuple[int, int, int] | None = None
        self._checkpointer: _Checkpointer | None = None
        self._build: search.ParallelIndexBuild | None = None
        self._finished = False
        try:
            if self._conn.dialect.name == "sqlite":
                # Only possible outside a transaction, so before a batch opens one.
                self._restore = (int(self._conn.exec_driver_sql("PRAGMA synchronous").scalar() or 0),
                                 int(self._conn.exec_driver_sql("PRAGMA cache_size").scalar() or 0),
                                 int(self._conn.exec_driver_sql("PRAGMA foreign_keys").scalar() or 0))
                self._conn.exec_driver_sql("PRAGMA synchronous=NORMAL")
                # Each child row's set is inserted just before it, in the same transaction:
                # looking each one up again costs time and finds nothing wrong.
                self._conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
                # A page cache that holds a batch's pages: with the default 2 MB, pages are
                # written out and read back several times within one batch.
                self._conn.exec_driver_sql(f"PRAGMA cache_size={BULK_CACHE_KIB}")
                if repo.db.path is not None:
                    # Checkpoints (copying the WAL into the database file and syncing it) run
                    # on a thread of their own instead of inside this connection's commits.
                    self._conn.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
                    self._checkpointer = _Checkpointer(repo.db.path)
                self._conn.commit()  # ends SQLAlchemy's autobegun block; SQLite itself had none open
                if parallel and repo.db.path is not None:
                    # The rows indexed already are indexed again beside the database: worth it
                    # only while they are fewer than the rows the load is expected to add.
                    limit = search.PARALLEL_MAX_EXISTING
                    if expected_rows is not None:
                        limit = min(limit, expected_rows)
                    self._build = search.ParallelIndexBuild.start(self._conn, repo.db.path, max_existing=limit)
                    self._conn.commit()  # its look at the database must not stay open as a transaction
        except BaseException:
            self._close()
            raise

    def __enter__(self) -> BulkLoad:
        return self

    def __exit__(self, *exc: object) -> None:
        self.finish()

    @property
    def parallel(self) -> bool:
        """Whether the index is built beside the database (see the class)."""
        return self._build is not None

    def add(self, sets: Sequence[QuestionSet] | BatchRows) -> int:
        """Store one batch in one transaction; returns how many sets were new.

        Sets come as :class:`QuestionSet` objects or as their rows
        (:class:`~kvdesk.storage.set_rows.BatchRows`, as a ``.jsonl`` import reads them).
        """
        from kvdesk.storage import search

        if self._finished:
            raise RuntimeError("this bulk load has finished")
        conn = self._conn
        build = self._build
        ranges: dict[str, tuple[int, int]] = {}
        was_marked = build is not None and build.marked
        try:
            with conn.begin():
                if build is not None:
                    search.suspend_triggers(conn)
                    watermark = None
                else:
                    watermark = search.begin_bulk_load(conn)
                fresh = self._fresh(conn, sets if isinstance(sets, BatchRows) else BatchRows.of(sets))
                if fresh and build is not None:
                    build.mark(conn)
                if fresh and conn.dialect.name == "sqlite":
                    ranges = _bulk_insert_sqlite(conn, fresh, self.origin, self._stamp)
                elif fresh:
                    _bulk_insert_core(conn, fresh, self.origin, self._stamp)
                if build is not None:
                    search.restore_triggers(conn, build.existing if build.marked else None)
                else:
                    search.end_bulk_load(conn, watermark)
        except BaseException:
            if build is not None:
                build.marked = was_marked  # the marker went with the rolled-back transaction
            raise
        if self._checkpointer is not None:
            self._checkpointer.request()
        if build is not None:
            # Only committed rows go to the index, so that it never holds a row the text lacks.
            for content, (first, last) in ranges.items():
                build.feed(content, first, last)
        self.added += len(fresh)
        return len(fresh)

    def _fresh(self, conn: Any, batch: BatchRows) -> BatchRows:
        """The sets whose kenmerk is not stored yet (nor earlier in the batch)."""
        wanted = {k for k in batch.kenmerken if k}
        known: set[str] = set()
        if wanted:
            # In chunks: SQLite limits the number of bound parameters per statement.
            listed = sorted(wanted)
            for i in range(0, len(listed), 500):
                chunk = listed[i:i + 500]
                if conn.dialect.name == "sqlite":  # the driver's own: SQLAlchemy compiles each IN list anew
                    marks = ", ".join("?" * len(chunk))
                    known.update(k for (k,) in conn.connection.driver_connection.execute(
                        f"SELECT kenmerk FROM question_set WHERE kenmerk IN ({marks})", chunk))
                else:
                    known.update(conn.scalars(select(SetRow.kenmerk).where(SetRow.kenmerk.in_(chunk))))
        places: list[int] = []
        for place, kenmerk in enumerate(batch.kenmerken):
            if kenmerk and kenmerk in known:
                continue
            places.append(place)
            if kenmerk:
                known.add(kenmerk)
        return batch if len(places) == len(batch) else batch.only(places)

    def finish(self) -> None:
        """Complete the index (waiting for its builders and moving it in) and end the load."""
        from kvdesk.storage import search

        if self._finished:
            return
        self._finished = True
        build, self._build = self._build, None
        try:
            if build is not None:
                self._conn.commit()
                checkpoint = self._checkpointer.request if self._checkpointer is not None else None
                self.moved = build.finish(self._conn, after_each=checkpoint)
        except BaseException:
            # The index may be left behind (its marker says so): let the next search or
            # import in this process look again, and rebuild it.
            search.forget_engine(self.repo.db.engine)
            raise
        finally:
            self._close(discard=build is not None)

    def _close(self, *, discard: bool = False) -> None:
        try:
            if self._restore is not None and not discard:
                self._conn.exec_driver_sql(f"PRAGMA synchronous={self._restore[0]}")
                self._conn.exec_driver_sql(f"PRAGMA cache_size={self._restore[1]}")
                self._conn.exec_driver_sql(f"PRAGMA foreign_keys={self._restore[2]}")
                self._conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint={SQLITE_AUTOCHECKPOINT}")
                self._conn.commit()
        finally:
            if self._checkpointer is not None:
                self._checkpointer.close()
            if discard:
                # The move replaced the index tables under this connection's FTS5 caches,
                # which it would not notice (only other connections' writes are noticed).
                self._conn.invalidate()
            self._conn.close()


class _Checkpointer:
    """Copies a bulk load's committed WAL frames into the database file, on a thread of its own.

    A ``PASSIVE`` checkpoint neither waits for nor blocks the writer; on its own connection
    (with the default ``synchronous=FULL``) it syncs the WAL before and the database after
    copying, as the writer's automatic checkpoint would, but outside the writer's commit.
    :meth:`close` runs a last one and waits for it.
    """

    def __init__(self, path: Any) -> None:
        self.path = path
        self._wake = threading.Event()
        self._done = False
        self._thread = threading.Thread(target=self._run, name="kvdesk-checkpoint", daemon=True)
        self._thread.start()

    def request(self) -> None:
        self._wake.set()

    def close(self) -> None:
        self._done = True
        self._wake.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self.path, timeout=15, check_same_thread=False)
        except sqlite3.Error as exc:
            log.warning("no checkpoints during the bulk load: %s", exc)
            return
        try:
            while True:
                self._wake.wait()
                self._wake.clear()
                done = self._done
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error as exc:  # the writer's next commits checkpoint instead
                    log.warning("checkpoint during the bulk load failed: %s", exc)
                if done:
                    return
        finally:
            conn.close()


# SQLite's default automatic checkpoint, in WAL pages (set again when a bulk load ends).
SQLITE_AUTOCHECKPOINT = 1000
# The page cache of a bulk-loading connection, in KiB (negative: SQLite's unit is then KiB).
BULK_CACHE_KIB = -64 * 1024


def _sql_text(value: str) -> str:
    """A string as an SQL literal (for values that are the same in every row of a statement)."""
    return "'" + value.replace("'", "''") + "'"


def _bulk_insert_sqlite(conn: Any, batch: BatchRows, origin: str, stamp: dt.datetime) -> dict[str, tuple[int, int]]:
    """Insert with the driver's executemany: SQLAlchemy's per-row parameter work is most of the cost.

    The rows go in as the reader made them. SQLite gives each new row the id after the
    table's largest (the caller's transaction holds the write lock, so nobody else inserts),
    so the set at place ``p`` of the batch gets id ``largest + 1 + p`` and its child rows
    compute their ``set_id`` from their place; the ids are checked afterwards. Values that are
    the same for every row (origin, times) are written into the statements. Returns, per
    indexed table, the first and the last new id (no rows: last is first - 1).
    """
    raw = conn.connection.driver_connection

    def largest(table: str) -> int:
        return int(raw.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0])

    when = _sql_text(stamp.isoformat(" "))
    sets_before, questions_before, answers_before = largest("question_set"), largest("question"), largest("answer")
    set_id = f"? + {sets_before + 1}"
    statements = {
        "member": f"INSERT INTO member (set_id, position, name, party) VALUES ({set_id}, ?, ?, ?)",
        "addressee": f"INSERT INTO addressee (set_id, position, title, role, portfolio) "
                     f"VALUES ({set_id}, ?, ?, ?, ?)",
        "question": f"INSERT INTO question (set_id, number, text, footnotes, assignee) VALUES ({set_id}, ?, ?, ?, ?)",
        "footnote": f"INSERT INTO footnote (set_id, number, text, url) VALUES ({set_id}, ?, ?, ?)",
        "answer": f"INSERT INTO answer (set_id, questions, first_question, text, status, updated_at, updated_by) "
                  f"VALUES ({set_id}, ?, ?, ?, 'concept', {when}, 'archief')",
    }
    marks = ", ".join("?" for _ in HEAD_COLUMNS)
    cursor = raw.cursor()
    try:
        cursor.executemany(
            f"INSERT INTO question_set ({', '.join(HEAD_COLUMNS)}, origin, created_at, updated_at) "
            f"VALUES ({marks}, {_sql_text(origin)}, {when}, {when})", batch.heads)
        for name, rows in batch.children().items():
            if rows:
                cursor.executemany(statements[name], rows)
    finally:
        cursor.close()
    expected = ((sets_before, len(batch.heads)), (questions_before, len(batch.questions)),
                (answers_before, len(batch.answers)))
    if [largest(t) for t in ("question_set", "question", "answer")] != [before + n for before, n in expected]:
        raise RuntimeError("the bulk load's rows did not get the ids it counted on")  # rolled back by the caller
    return {"question": (questions_before + 1, questions_before + len(batch.questions)),
            "answer": (answers_before + 1, answers_before + len(batch.answers))}


_CHILD_COLUMNS = {
    "member": ("set_id", "position", "name", "party"),
    "addressee": ("set_id", "position", "title", "role", "portfolio"),
    "question": ("set_id", "number", "text", "footnotes", "assignee"),
    "footnote": ("set_id", "number", "text", "url"),
    "answer": ("set_id", "questions", "first_question", "text"),
}


def _bulk_insert_core(conn: Any, batch: BatchRows, origin: str, stamp: dt.datetime) -> None:
    """The same with SQLAlchemy Core (PostgreSQL): ids come back through RETURNING."""
    head_rows = []
    for head in batch.heads:
        row = dict(zip(HEAD_COLUMNS, head, strict=True))
        for name in ("submitted_on", "delay_notice_on"):
            row[name] = dt.date.fromisoformat(row[name]) if row[name] else None
        head_rows.append({**row, "origin": origin, "created_at": stamp, "updated_at": stamp})
    ids = list(conn.scalars(insert(SetRow).returning(SetRow.id, sort_by_parameter_order=True), head_rows))
    tables = {"member": MemberRow, "addressee": AddresseeRow, "question": QuestionRow, "footnote": FootnoteRow,
              "answer": AnswerRow}
    for name, rows in batch.children().items():
        if not rows:
            continue
        values = [dict(zip(_CHILD_COLUMNS[name], (ids[row[0]], *row[1:]), strict=True)) for row in rows]
        if name == "answer":
            for value in values:
                value.update(status="concept", updated_at=stamp, updated_by="archief")
        conn.execute(insert(tables[name]), values)


# ---------------------------------------------------------------- conversions


def _to_answer(r: AnswerRow) -> Answer:
    return Answer(questions=_qlist(r.questions), text=r.text, status=r.status, updated_at=r.updated_at,
                  updated_by=r.updated_by)


def _to_set(row: SetRow) -> QuestionSet:
    return QuestionSet(
        kenmerk=row.kenmerk,
        chamber=row.chamber,
        kind=row.kind,
        submitted_on=row.submitted_on,
        header=row.header,
        members=[Member(m.name, m.party) for m in row.members],
        addressees=[Addressee(a.title, a.role, a.portfolio) for a in row.addressees],
        subject=row.subject,
        questions=[
            Question(number=q.number, text=q.text, footnotes=json.loads(q.footnotes or "[]"), assignee=q.assignee)
            for q in row.questions
        ],
        footnotes=[Footnote(f.number, f.text, f.url) for f in row.footnotes],
        answers=[_to_answer(a) for a in row.answers],
        answerer=row.answerer,
        toelichting=row.toelichting,
        warnings=json.loads(row.warnings or "[]"),
        id=row.id,
        status=row.status,
        delay_notice_on=row.delay_notice_on,
        source_text=row.source_text,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _to_reference(r: ReferenceRow) -> Reference:
    return Reference(
        kind=r.kind,
        citation=r.citation,
        url=r.url,
        title=r.title,
        author=r.author,
        published_on=r.published_on,
        text=r.text,
        fetched_at=r.fetched_at,
        status=r.status,
        error=r.error,
        footnote=r.footnote,
        questions=json.loads(r.questions or "[]"),
        parts=json.loads(r.parts or "{}"),
        attachment=r.attachment,
        content_type=r.content_type,
        id=r.id,
    )
