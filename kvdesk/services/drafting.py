"""The drafting operations of the workspace beyond storing one answer.

Combining and splitting answers, restoring an earlier version, the word-level difference between
two versions, the status of answers and sets, who works on a question, and the crash-recovery
journal: a small file in the data folder that holds what was typed but not yet stored, so a
killed process loses nothing older than the journal's pause.

Everything here takes plain values and returns core objects; the GUI runs the writing functions
through its single-writer executor.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from kvdesk.core import richtext
from kvdesk.core.diff import DiffPart, diff_stats, word_diff
from kvdesk.core.model import ANSWER_STATUSES, SET_STATUSES, Answer, Revision
from kvdesk.services.context import Context
from kvdesk.storage.errors import NotFound

log = logging.getLogger(__name__)

__all__ = [
    "JOURNAL_FILENAME",
    "RevisionDiff",
    "Recovered",
    "Journal",
    "combine_answers",
    "combined_text",
    "split_answer",
    "restore_revision",
    "revision_diff",
    "set_answer_status",
    "set_assignee",
    "set_set_status",
    "recover_journal",
    "answer_label",
    "relabel_block",
    "journal_summary",
    "JournalEntry",
]

JOURNAL_FILENAME = "journal.json"
NOTE_COMBINED = "gecombineerd"
NOTE_RECOVERED = "hersteld na onverwacht afsluiten"


def answer_label(numbers: list[int]) -> str:
    """``[2, 3]`` → ``"2 en 3"``; ``[2, 3, 4]`` → ``"2, 3 en 4"`` (as the letter heads it)."""
    nums = [str(n) for n in sorted(numbers)]
    if len(nums) <= 1:
        return "".join(nums)
    return ", ".join(nums[:-1]) + " en " + nums[-1]


# --------------------------------------------------------------------------- combine / split


def combined_text(texts: list[str]) -> str:
    """One answer made of several, in order; footnote labels renamed where they would clash."""
    merged = richtext.RichText()
    for text in texts:
        if not text.strip():
            continue
        doc = richtext.parse(text)
        renames: dict[str, str] = {}
        for label in list(doc.footnotes):
            new = label
            k = 2
            while new in merged.footnotes or new in renames.values():
                new = f"{label}-{k}"
                k += 1
            renames[label] = new
        for block in doc.blocks:
            merged.blocks.append(relabel_block(block, renames))
        for label, inlines in doc.footnotes.items():
            merged.footnotes[renames[label]] = _relabel(inlines, renames)
    return richtext.serialize(merged)


def _relabel(inlines: list[richtext.Inline], renames: dict[str, str]) -> list[richtext.Inline]:
    return [
        richtext.FootnoteRef(renames.get(i.label, i.label)) if isinstance(i, richtext.FootnoteRef) else i
        for i in inlines
    ]


def relabel_block(block: richtext.Block, renames: dict[str, str]) -> richtext.Block:
    """A copy of ``block`` whose footnote references use the new labels in ``renames``."""
    if isinstance(block, richtext.Paragraph):
        return richtext.Paragraph(_relabel(block.inlines, renames))
    if isinstance(block, richtext.ListBlock):
        return richtext.ListBlock(block.ordered, [_relabel(i, renames) for i in block.items], block.start)
    return richtext.Quote([richtext.Paragraph(_relabel(p.inlines, renames)) for p in block.paragraphs])


def combine_answers(ctx: Context, set_id: int, numbers: list[int]) -> Answer:
    """Make one answer to ``numbers`` ("Antwoord 2 en 3") from the drafts they have now.

    The drafts are joined in question order; each earlier answer stays in the history.
    """
    numbers = sorted(set(numbers))
    if len(numbers) < 2:
        raise ValueError("combining needs at least two questions")
    qs = ctx.repo.get_set(set_id)
    texts: list[str] = []
    seen: set[str] = set()
    for n in numbers:
        answer = qs.answer_for(n)
        if answer is not None and answer.key not in seen:
            seen.add(answer.key)
            texts.append(answer.text)
            numbers = sorted(set(numbers) | set(answer.questions))
    return ctx.repo.save_answer(set_id, numbers, combined_text(texts), author=ctx.author, note=NOTE_COMBINED)


def split_answer(ctx: Context, set_id: int, numbers: list[int]) -> list[Answer]:
    """Undo a combined answer: the first question keeps the text, the others start empty."""
    return ctx.repo.split_answer(set_id, numbers, author=ctx.author)


# --------------------------------------------------------------------------- history


def restore_revision(ctx: Context, set_id: int, revision_id: int) -> Answer:
    """Make an earlier version the current answer again; the restore is itself a new revision."""
    rev = ctx.repo.revision(revision_id)
    when = rev.created_at.strftime("%d-%m-%Y %H:%M")
    return ctx.repo.save_answer(set_id, rev.questions, rev.text, author=ctx.author, note=f"hersteld: versie van {when}")


@dataclass(frozen=True)
class RevisionDiff:
    """What changed between two versions, word by word, in the text a reader sees."""

    parts: list[DiffPart]
    added: int
    removed: int
    formatting_only: bool  # the words are the same but bold, lists, links … changed


def _readable(text: str) -> str:
    doc = richtext.parse(text)
    plain = richtext.to_plain(text)
    notes = [richtext.inline_plain(v) for v in doc.footnotes.values()]
    if notes:
        plain += "\n\n" + "\n".join(f"[{k}] {n}" for k, n in enumerate(notes, 1))
    return plain


def revision_diff(old: Revision | str, new: Revision | str) -> RevisionDiff:
    """The word-level difference between two versions (older first)."""
    old_text = old.text if isinstance(old, Revision) else old
    new_text = new.text if isinstance(new, Revision) else new
    parts = word_diff(_readable(old_text), _readable(new_text))
    added, removed = diff_stats(parts)
    same_words = all(p.kind == "equal" for p in parts)
    return RevisionDiff(parts, added, removed, formatting_only=same_words and old_text != new_text)


# --------------------------------------------------------------------------- status and who


def set_answer_status(ctx: Context, set_id: int, numbers: list[int], status: str) -> None:
    """Concept, ter review or akkoord for one answer."""
    if status not in ANSWER_STATUSES:
        raise ValueError(f"onbekende status {status!r}; kies uit {', '.join(ANSWER_STATUSES)}")
    ctx.repo.set_answer_status(set_id, numbers, status, author=ctx.author)


def set_assignee(ctx: Context, set_id: int, number: int, assignee: str | None) -> None:
    """Who works on question ``number`` (free text; empty clears it)."""
    ctx.repo.set_assignee(set_id, number, assignee)


def set_set_status(ctx: Context, set_id: int, status: str, note: str | None = None) -> None:
    """The status of the whole set (dated in its status history)."""
    if status not in SET_STATUSES:
        raise ValueError(f"onbekende status {status!r}; kies uit {', '.join(SET_STATUSES)}")
    ctx.repo.set_status(set_id, status, author=ctx.author, note=note)


# --------------------------------------------------------------------------- crash journal


@dataclass(frozen=True)
class JournalEntry:
    set_id: int
    set_key: str
    questions: list[int]
    text: str
    written_at: str


@dataclass(frozen=True)
class Recovered:
    """An answer whose unsaved text was found in the journal and stored on start."""

    set_key: str
    questions: list[int]
    words: int


class Journal:
    """What has been typed but not yet stored, kept in one small file written atomically.

    The editor records an answer's text after each short pause in typing and clears it once the
    database has the text. After a crash, :func:`recover_journal` stores what is left. Safe to
    call from several threads.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._entries: dict[tuple[int, str], JournalEntry] = {}
        for entry in self.read():
            self._entries[(entry.set_id, _key(entry.questions))] = entry

    @classmethod
    def in_folder(cls, data_dir: Path) -> Journal:
        return cls(data_dir / JOURNAL_FILENAME)

    def read(self) -> list[JournalEntry]:
        """The entries on disk; a damaged file is logged and read as empty (never blocks a start)."""
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except OSError as exc:
            log.warning("cannot read the journal %s: %s", self.path, exc)
            return []
        try:
            data = json.loads(raw)
            return [
                JournalEntry(int(e["set_id"]), str(e["set_key"]), [int(n) for n in e["questions"]], str(e["text"]),
                             str(e.get("written_at", "")))
                for e in data.get("entries", [])
            ]
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("the journal %s is damaged and is ignored: %s", self.path, exc)
            return []

    def record(self, set_id: int, set_key: str, questions: list[int], text: str) -> None:
        """Remember the current text of one answer (and write the file)."""
        entry = JournalEntry(set_id, set_key, sorted(questions), text,
                             dt.datetime.now().isoformat(timespec="seconds"))
        with self._lock:
            self._entries[(set_id, _key(questions))] = entry
            self._write()

    def clear(self, set_id: int, questions: list[int], text: str | None = None) -> None:
        """Forget an answer once it is stored; with ``text``, only when the journal holds that text."""
        with self._lock:
            k = (set_id, _key(questions))
            entry = self._entries.get(k)
            if entry is None or (text is not None and entry.text != text):
                return
            del self._entries[k]
            self._write()

    def entries(self) -> list[JournalEntry]:
        with self._lock:
            return list(self._entries.values())

    def _write(self) -> None:
        if not self._entries:
            self.path.unlink(missing_ok=True)
            return
        data = {"version": 1, "entries": [e.__dict__ for e in self._entries.values()]}
        _atomic_write(self.path, json.dumps(data, ensure_ascii=False))


def _key(questions: list[int]) -> str:
    return ",".join(str(n) for n in sorted(set(questions)))


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def recover_journal(ctx: Context, journal: Journal) -> list[Recovered]:
    """Store every answer the journal holds that the database does not have; returns what was stored.

    Each recovered text becomes a revision noted "hersteld na onverwacht afsluiten". Entries for
    sets that no longer exist are dropped with a log line. The journal is empty afterwards.
    """
    out: list[Recovered] = []
    for entry in journal.entries():
        try:
            qs = ctx.repo.get_set(entry.set_id)
        except NotFound:
            log.warning("journal entry for removed set %s dropped", entry.set_key)
            journal.clear(entry.set_id, entry.questions)
            continue
        current = next((a for a in qs.answers if a.questions == entry.questions), None)
        if current is None or current.text != entry.text:
            known = {q.number for q in qs.questions}
            if not set(entry.questions) <= known:
                log.warning("journal entry for questions %s of %s no longer fits the set", entry.questions, qs.key)
                journal.clear(entry.set_id, entry.questions)
                continue
            ctx.repo.save_answer(entry.set_id, entry.questions, entry.text, author=ctx.author, note=NOTE_RECOVERED)
            out.append(Recovered(qs.key, entry.questions, richtext.word_count(entry.text)))
            log.info("recovered unsaved answer %s of %s from the journal", _key(entry.questions), qs.key)
        journal.clear(entry.set_id, entry.questions)
    return out


def journal_summary(recovered: list[Recovered]) -> str:
    """One Dutch sentence for the user about what was recovered."""
    if not recovered:
        return ""
    items = "; ".join(f"{r.set_key} antwoord {answer_label(r.questions)}" for r in recovered)
    return f"Niet-opgeslagen tekst teruggezet na onverwacht afsluiten: {items}."
