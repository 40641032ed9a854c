"""Finding what was asked and answered before: search, similar questions, citing and reusing.

The GUI and the command line share these. Results are plain dataclasses; snippets carry the
markers of :mod:`kvdesk.storage.search` around matched words, which :func:`snippet_text` and
:func:`snippet_html` turn into something to show.
"""
from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Callable
from typing import Any

from kvdesk.core.model import Answer
from kvdesk.services.context import Context
from kvdesk.services.sets import UserError
from kvdesk.storage import archive as archive_store
from kvdesk.storage import search as index
from kvdesk.storage.repository import NotFound
from kvdesk.storage.search import MARK_END, MARK_START, SearchFilters, SearchRow, SimilarRow

log = logging.getLogger(__name__)

__all__ = [
    "SearchFilters",
    "SearchRow",
    "SimilarRow",
    "search",
    "similar_questions",
    "similar_to_text",
    "search_cli",
    "hit_json",
    "snippet_text",
    "snippet_html",
    "citation_for",
    "cite",
    "take_over",
]

MAX_LIMIT = 1000


def _ready(ctx: Context) -> None:
    # Normally the migration made the index; this covers a schema made without migrations.
    try:
        index.ensure_search_index(ctx.db.engine)
    except index.SearchUnavailable as exc:
        raise UserError(str(exc)) from exc


def search(
    ctx: Context, query: str, limit: int = 20, filters: SearchFilters | None = None, *,
    prefix_last: bool = False,
) -> list[SearchRow]:
    """Ranked full-text search over all questions and answers, best first.

    ``query`` is what the user typed (see :func:`kvdesk.storage.search.parse_query`); text
    without a single searchable word gives no results rather than an error.
    """
    parsed = index.parse_query(query, prefix_last=prefix_last)
    if not parsed:
        return []
    _ready(ctx)
    limit = max(1, min(int(limit), MAX_LIMIT))
    with ctx.db.engine.connect() as conn:
        return index.search(conn, parsed, limit=limit, filters=filters)


def similar_questions(ctx: Context, set_id: int, number: int, limit: int = 5) -> list[SimilarRow]:
    """The earlier questions most like question ``number`` of set ``set_id``, with their answers.

    Questions of the same set are left out. Raises :class:`NotFound` for an unknown question.
    """
    _ready(ctx)
    with ctx.db.engine.connect() as conn:
        body = index.question_text(conn, set_id, number)
        if body is None:
            # Only now the slower lookup, for a message that names the set by its kenmerk.
            raise NotFound(f"De vragenset {ctx.repo.get_set(set_id).key} heeft geen vraag {number}.")
        return index.similar(conn, body, limit=limit, exclude_set=set_id)


def similar_to_text(ctx: Context, body: str, *, limit: int = 5, exclude_set: int | None = None) -> list[SimilarRow]:
    """The earlier questions most like ``body`` (for a question not stored yet)."""
    _ready(ctx)
    with ctx.db.engine.connect() as conn:
        return index.similar(conn, body, limit=limit, exclude_set=exclude_set)


# --------------------------------------------------------------------------- showing hits


def snippet_text(snippet: str, start: str = "**", end: str = "**") -> str:
    """A snippet with the matched words between ``start`` and ``end`` (Markdown bold by default)."""
    return snippet.replace(MARK_START, start).replace(MARK_END, end)


def snippet_html(snippet: str) -> str:
    """A snippet as safe HTML with the matched words in ``<b>``."""
    return html.escape(snippet).replace(MARK_START, "<b>").replace(MARK_END, "</b>")


def hit_json(hit: SearchRow) -> dict[str, Any]:
    """One hit for ``search --json``: the contract's keys first, then extras."""
    return {
        "kenmerk": hit.kenmerk,
        "question": hit.questions[0] if hit.questions else None,
        "kind": hit.kind,
        "snippet": snippet_text(hit.snippet),
        "score": round(hit.score, 6),
        "questions": list(hit.questions),
        "set_id": hit.set_id,
        "subject": hit.subject,
        "submitted_on": hit.submitted_on.isoformat() if hit.submitted_on else None,
        "origin": hit.origin,
    }


def search_cli(ctx: Context, query: str, *, limit: int, as_json: bool, out: Callable[[str], None]) -> int:
    """``kvdesk search QUERY [--limit N] [--json]``; returns the exit status."""
    if limit < 1:
        raise UserError("--limit moet 1 of meer zijn.")
    if not index.parse_query(query):
        raise UserError(f"'{query}' bevat geen woord om op te zoeken; geef bijvoorbeeld: kvdesk search \"stikstof natuur\".")
    hits = search(ctx, query, limit=limit)
    if as_json:
        out(json.dumps([hit_json(h) for h in hits], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        out(f"Geen resultaten voor '{query}'.")
        return 0
    for h in hits:
        label = ("vraag " if h.kind == "question" else "antwoord ") + ",".join(str(n) for n in h.questions)
        snippet = " ".join(snippet_text(h.snippet, "[", "]").split())
        out(f"{h.kenmerk or h.set_id}\t{label}\t{h.score:.3f}\t{snippet}")
    return 0


# --------------------------------------------------------------------------- reuse


def _short_year(vergaderjaar: str) -> str:
    """``"2024-2025"`` → ``"2024/25"`` (how the Aanhangsel is cited)."""
    m = re.fullmatch(r"(\d{4})\s*[-–/]\s*(\d{2})(\d{2})?", vergaderjaar.strip())
    if not m:
        return vergaderjaar
    return f"{m.group(1)}/{m.group(3) or m.group(2)}"


def citation_for(ctx: Context, set_id: int) -> str:
    """How to cite an earlier set in a footnote.

    ``Aanhangsel Handelingen II 2024/25, nr. 605`` when the archive knows where the answer was
    published, otherwise ``Kamervragen 2024Z18891`` (the kenmerk), with the subject if known.
    """
    qs = ctx.repo.get_set(set_id)
    src = archive_store.get_source(ctx.db, set_id)
    if src is not None and src.aanhangsel and src.vergaderjaar:
        return f"Aanhangsel Handelingen II {_short_year(src.vergaderjaar)}, nr. {src.aanhangsel}"
    if qs.kenmerk:
        return f"Kamervragen {qs.kenmerk}"
    return f"Kamervragen over {qs.subject}" if qs.subject else f"Vragenset {qs.key}"


_LABEL = re.compile(r"\[\^([^\]\s]+)\]")
_DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:", re.M)


def _split_notes(body: str) -> tuple[str, str]:
    """The answer's text and its trailing footnote definitions."""
    m = _DEFINITION.search(body)
    if m is None:
        return body.rstrip(), ""
    return body[: m.start()].rstrip(), body[m.start():].strip()


def _fresh_label(used: set[str]) -> str:
    n = 1
    while str(n) in used:
        n += 1
    return str(n)


def _current_answer(ctx: Context, set_id: int, numbers: list[int]) -> str:
    qs = ctx.repo.get_set(set_id)
    missing = [n for n in numbers if qs.question(n) is None]
    if missing:
        raise NotFound(f"De vragenset {qs.key} heeft geen vraag {', '.join(map(str, missing))}.")
    wanted = sorted(set(numbers))
    for a in qs.answers:
        if a.questions == wanted:
            return a.text
    return ""


def cite(ctx: Context, set_id: int, numbers: list[int], source_set_id: int) -> Answer:
    """"Citeer": add a footnote that cites the earlier set to the draft answer of ``numbers``.

    The marker goes at the end of the answer's text, the note below the other notes; the
    change is saved as a revision noted "verwijzing naar <kenmerk>".
    """
    note_text = citation_for(ctx, source_set_id)
    body, notes = _split_notes(_current_answer(ctx, set_id, numbers))
    label = _fresh_label(set(_LABEL.findall(body)) | set(_DEFINITION.findall(notes)))
    body = (body + f"[^{label}]") if body else f"[^{label}]"
    notes = (notes + "\n" if notes else "") + f"[^{label}]: {note_text}"
    source = ctx.repo.get_set(source_set_id)
    return ctx.repo.save_answer(set_id, numbers, f"{body}\n\n{notes}\n", author=ctx.author,
                                note=f"verwijzing naar {source.key}")


def _relabel(body: str, used: set[str]) -> str:
    """Give the footnotes of ``body`` labels that are not in ``used`` (so they can be appended)."""
    mapping: dict[str, str] = {}
    taken = set(used)
    for label in dict.fromkeys(_LABEL.findall(body)):
        if label in taken:
            new = _fresh_label(taken)
            mapping[label] = new
            taken.add(new)
        else:
            taken.add(label)
    if not mapping:
        return body
    return _LABEL.sub(lambda m: f"[^{mapping.get(m.group(1), m.group(1))}]", body)


def take_over(
    ctx: Context, set_id: int, numbers: list[int], source_set_id: int, source_number: int,
) -> Answer:
    """"Neem over": copy the earlier answer to question ``source_number`` as a starting point.

    An empty draft gets the earlier text; a draft that has text keeps it and gets the earlier
    text below it (footnotes renumbered where they would clash). The revision is noted
    "overgenomen uit <kenmerk>", so the history shows where the text came from.
    """
    source = ctx.repo.get_set(source_set_id)
    earlier = source.answer_for(source_number)
    if earlier is None or not earlier.text.strip():
        raise NotFound(f"Vraag {source_number} van {source.key} heeft geen antwoord om over te nemen.")
    current = _current_answer(ctx, set_id, numbers)
    if current.strip():
        body, notes = _split_notes(current)
        copied = _relabel(earlier.text, set(_LABEL.findall(current)))
        new_body, new_notes = _split_notes(copied)
        all_notes = "\n".join(n for n in (notes, new_notes) if n)
        text_ = f"{body}\n\n{new_body}" + (f"\n\n{all_notes}" if all_notes else "") + "\n"
    else:
        text_ = earlier.text
    return ctx.repo.save_answer(set_id, numbers, text_, author=ctx.author, note=f"overgenomen uit {source.key}")
