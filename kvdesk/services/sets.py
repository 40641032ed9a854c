"""Operations on stored question sets that the GUI and the command line share."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kvdesk.core.model import Answer, QuestionSet
from kvdesk.services.context import Context
from kvdesk.storage.errors import Conflict, NotFound
from kvdesk.storage.records import SetSummary

log = logging.getLogger(__name__)

__all__ = [
    "ImportResult",
    "UserError",
    "import_file",
    "import_jsonl",
    "store_parsed",
    "save_answer",
    "set_json",
    "summary_json",
    "parse_numbers",
    "NotFound",
    "Conflict",
]


class UserError(Exception):
    """Bad input from the user; ``str()`` is one line that says what to do.

    ``status`` is the command line's exit status for it (2: bad input; 1: a check found problems).
    """

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


# From this size on, a .jsonl import builds its search index in other processes (about 1,000
# sets); below it, starting them and moving the index in cost more than they save.
PARALLEL_IMPORT_BYTES = 8 * 1024 * 1024
# About this many bytes of .jsonl per question or answer in archives shaped like the real one
# (the benchmark's: 326 MB for 500,000), to tell roughly how many rows an import adds.
ARCHIVE_BYTES_PER_ROW = 650


@dataclass
class ImportResult:
    key: str
    question_count: int
    updated: bool = False
    set_id: int | None = None


def parse_numbers(spec: str) -> list[int]:
    """``"2,3"`` or ``"2-4"`` → ``[2, 3]`` / ``[2, 3, 4]``; raises :class:`UserError`."""
    numbers: set[int] = set()
    for part in spec.replace(" ", "").split(","):
        if not part:
            continue
        try:
            if "-" in part:
                lo, hi = (int(x) for x in part.split("-", 1))
                if hi < lo or hi - lo > 500:
                    raise ValueError
                numbers.update(range(lo, hi + 1))
            else:
                numbers.add(int(part))
        except ValueError:
            raise UserError(f"'{spec}' is geen vraagnummer of lijst van nummers (bijvoorbeeld 2 of 2,3).") from None
    if not numbers or min(numbers) < 1:
        raise UserError(f"'{spec}' is geen vraagnummer of lijst van nummers (bijvoorbeeld 2 of 2,3).")
    return sorted(numbers)


def drop_repeated_questions(qs: QuestionSet) -> None:
    """Make question numbers unique before storing.

    Published texts sometimes print a question twice under one number (a slip of the original,
    e.g. "Vraag 7" twice). The repetition is dropped with a warning when its text is the same;
    a different text under a number already used cannot be placed safely, so it is refused
    with a message that points to the review, where the user can renumber. Answers that cover
    a same question are merged into one combined answer, with a warning.
    """
    numbers = [q.number for q in qs.questions]
    covered = [n for a in qs.answers for n in a.questions]
    if len(set(numbers)) == len(numbers) and len(set(covered)) == len(covered):
        return  # the usual case, checked cheaply: a bulk import runs this for every set
    seen: dict[int, str] = {}
    kept = []
    for q in qs.questions:
        if q.number in seen:
            if " ".join(q.text.split()) == " ".join(seen[q.number].split()):
                qs.warnings.append(f"Vraag {q.number} staat tweemaal in de tekst; de herhaling is weggelaten.")
                continue
            raise UserError(
                f"De tekst heeft twee verschillende vragen met nummer {q.number}. Importeer via het "
                "importvenster van de app en nummer daar opnieuw."
            )
        seen[q.number] = q.text
        kept.append(q)
    qs.questions = kept
    _merge_overlapping_answers(qs)


def _merge_overlapping_answers(qs: QuestionSet) -> None:
    """Two answers that cover a same question become one combined answer; no text is dropped."""
    merged: list[Answer] = []
    for answer in qs.answers:
        overlap = [m for m in merged if set(m.questions) & set(answer.questions)]
        if not overlap:
            merged.append(Answer(list(answer.questions), answer.text, answer.status))
            continue
        target = overlap[0]
        for other in overlap[1:]:
            target.questions = sorted(set(target.questions) | set(other.questions))
            target.text = _join_texts(target.text, other.text)
            merged.remove(other)
        target.questions = sorted(set(target.questions) | set(answer.questions))
        target.text = _join_texts(target.text, answer.text)
        label = " en ".join(str(n) for n in target.questions)
        qs.warnings.append(f"Twee antwoorden gaan over dezelfde vraag; ze zijn samengevoegd tot antwoord {label}.")
    qs.answers = merged


def _join_texts(first: str, second: str) -> str:
    if not second.strip() or second.strip() == first.strip():
        return first
    if not first.strip():
        return second
    return first.rstrip() + "\n\n" + second.lstrip()


def store_parsed(ctx: Context, qs: QuestionSet, *, update: bool = False, origin: str = "draft") -> ImportResult:
    """Store a parsed set. An existing kenmerk is updated (keeping every draft answer) when ``update``."""
    drop_repeated_questions(qs)
    repo = ctx.repo
    existing = repo.exists(qs.kenmerk) if qs.kenmerk else None
    if existing is not None:
        if not update:
            raise UserError(
                f"Vragenset {qs.kenmerk} bestaat al; gebruik --update om de vragen bij te werken "
                f"(concept-antwoorden blijven bewaard)."
            )
        stored = repo.update_set(existing, qs, author=ctx.author)
        _refresh_references(ctx, stored)
        return ImportResult(stored.key, len(stored.questions), updated=True, set_id=stored.id)
    stored = repo.add_set(qs, origin=origin, author=ctx.author)
    _refresh_references(ctx, stored)
    return ImportResult(stored.key, len(stored.questions), set_id=stored.id)


def _refresh_references(ctx: Context, stored: QuestionSet) -> None:
    """Record the articles and documents the set refers to, so the sources panel lists them."""
    from kvdesk.services.references import refresh_references

    refresh_references(ctx, stored)


def import_file(ctx: Context, path: str, *, fmt: str | None = None, update: bool = False,
                progress: Callable[[int, int], None] | None = None) -> list[ImportResult]:
    """Parse and store one file; a ``.jsonl`` file is a bulk archive of sets (``progress`` as
    :func:`import_jsonl` reports it: bytes read, bytes in all)."""
    if path != "-" and path.lower().endswith(".jsonl"):
        return [import_jsonl(ctx, Path(path), progress=progress)]
    from kvdesk.services.importing import parse_file

    qs = parse_file(path, fmt)
    return [store_parsed(ctx, qs, update=update)]


def import_jsonl(
    ctx: Context,
    path: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    batch: int = 2000,
) -> ImportResult:
    """Bulk-import ``kvdesk.questionset/1`` records, one per line, as archive sets.

    Returns one result whose key is the file name and whose count is the number of sets added.
    Each batch of ``batch`` sets is one transaction, so a cancel (checked between batches) or a
    bad line keeps the batches before it; a known kenmerk is skipped, so running the same file
    again adds only what is missing. The next batch is read and checked on a helper thread
    while this one is stored. For a large file the search index is built in two more processes
    beside the database and moved in at the end (see :meth:`Repository.bulk_load`); either
    way it is complete and searchable when this returns, also after a cancel or a bad line.
    """
    import gc

    from kvdesk.services.jsonl import JsonlReader
    from kvdesk.storage import search

    try:
        size = path.stat().st_size
        parallel = size >= PARALLEL_IMPORT_BYTES
        # With the index built in other processes, small first and last batches let that work
        # start early and end soon after the last batch is stored.
        reader = JsonlReader(path, batch=batch, edges=max(1, batch // 8) if parallel else None)
    except OSError as exc:
        raise UserError(f"{path} kan niet worden gelezen: {exc.strerror or exc}.") from exc
    # The records hold no reference cycles, and the cyclic collector, run every few hundred
    # new objects, costs more than half of reading them; it is back on when the import ends.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with reader, ctx.repo.bulk_load(parallel=parallel, expected_rows=size // ARCHIVE_BYTES_PER_ROW) as load:
            for sets, done_bytes in reader:
                load.add(sets)
                if progress:
                    progress(done_bytes, size)
                if cancelled and cancelled():
                    break
    finally:
        if collecting:
            gc.enable()
    if not load.parallel and load.added >= 500:
        # Each batch left its rows in an index segment of its own; merging them once is
        # cheaper than merging as they come, and keeps searches fast. (It rewrites the
        # whole index: not worth it for a few sets. The parallel build merged already.)
        search.optimize(ctx.db.engine)
    if progress:
        progress(size, size)
    return ImportResult(path.name, load.added)


def save_answer(ctx: Context, key: str, numbers: list[int], text: str, *, note: str | None = None) -> Answer:
    """Set the draft answer for ``numbers`` (several numbers: one combined answer)."""
    repo = ctx.repo
    set_id = repo.resolve(key)
    return repo.save_answer(set_id, numbers, text, author=ctx.author, note=note)


def deadline_info(qs_or_summary: Any) -> dict[str, Any]:
    """The deadline fields for JSON: ISO date, calendar and working days left."""
    from kvdesk.services.tracking import deadline_fields

    return deadline_fields(qs_or_summary)


def set_json(ctx: Context, qs: QuestionSet) -> dict[str, Any]:
    """``show --json``: the exchange record plus id, deadline, status and references."""
    data = qs.to_json()
    data["id"] = qs.id
    data.update(deadline_info(qs))
    data["status"] = qs.status
    data["delay_notice_on"] = qs.delay_notice_on.isoformat() if qs.delay_notice_on else None
    data["references"] = [r.to_json() for r in ctx.reader.references(qs.id)] if qs.id is not None else []
    for answer, out in zip(qs.answers, data["answers"], strict=True):
        out["status"] = answer.status
        out["updated_at"] = answer.updated_at.isoformat() if answer.updated_at else None
        out["updated_by"] = answer.updated_by
    for question, out in zip(qs.questions, data["questions"], strict=True):
        out["assignee"] = question.assignee
    return data


def summary_json(s: SetSummary) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": s.id,
        "kenmerk": s.kenmerk,
        "subject": s.subject,
        "members": [{"name": m.name, "party": m.party} for m in s.members],
        "submitted_on": s.submitted_on.isoformat() if s.submitted_on else None,
        "status": s.status,
        "questions": s.question_count,
        "answered": s.answered_count,
        "kind": s.kind,
    }
    data.update(deadline_info(s))
    return data


def iter_keys(summaries: Iterable[SetSummary]) -> list[str]:
    return [s.key for s in summaries]


def set_status_cli(
    ctx: Context,
    key: str,
    status: str | None,
    *,
    on: str | None = None,
    note: str | None = None,
    assignee: str | None = None,
    question: int | None = None,
    out: Callable[[str], None],
) -> int:
    """``kvdesk status KEY [STATUS]``: show the dated history, or record a change of status.

    Recording "uitstel gemeld" (the delay notice went out) moves the deadline three weeks on.
    With ``--question N --assign NAME`` it records who works on a question.
    """
    import datetime as dt

    from kvdesk.core.model import SET_STATUSES

    repo = ctx.repo
    set_id = repo.resolve(key)
    if (assignee is None) != (question is None):
        raise UserError("Gebruik --question N samen met --assign NAAM.")
    if assignee is not None and question is not None:
        repo.set_assignee(set_id, question, assignee)
        out(f"Vraag {question}: {assignee.strip() or '(niemand)'}.")
    if status is not None:
        wanted = " ".join(status.lower().split())
        if wanted not in SET_STATUSES:
            raise UserError(
                f"Onbekende status '{status}'; kies uit: " + ", ".join(SET_STATUSES) + "."
            )
        day = None
        if on:
            try:
                day = dt.date.fromisoformat(on)
            except ValueError:
                raise UserError(f"'{on}' is geen datum; schrijf JJJJ-MM-DD.") from None
        repo.set_status(set_id, wanted, author=ctx.author, note=note, on=day)
    qs = repo.get_set(set_id)
    fields = deadline_info(qs)
    out(f"{qs.key}\t{qs.status}\ttermijn {fields['deadline'] or 'onbekend'}")
    for change in repo.status_history(set_id):
        extra = f"\t{change.note}" if change.note else ""
        out(f"{change.changed_at.isoformat(sep=' ')}\t{change.status}\t{change.author or ''}{extra}")
    return 0
