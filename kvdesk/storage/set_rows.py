"""Question sets as the rows a bulk load writes, made straight from their exchange JSON.

A bulk import of a whole archive spends most of its Python time turning each line into rows.
:func:`rows_from_json` checks a ``kvdesk.questionset/1`` record and makes its rows in one pass,
without building the :class:`~kvdesk.core.model.QuestionSet` first; it gives up (``None``) on
anything but the plain case, and :func:`set_rows` of ``QuestionSet.from_json`` then decides,
with its message for a bad record. Both give the same rows for every record the fast one takes
(``tests/storage/test_set_rows.py`` compares them on generated records, good and bad).

The rows are made once, as they are written: each child row starts with its set's place in
its batch (:class:`BatchRows`), and the database gives the ids (see
``repository._bulk_insert_sqlite``).
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from kvdesk.core.model import CHAMBERS, KINDS, SCHEMA, SET_STATUSES, QuestionSet

_date = dt.date.fromisoformat


class SetRows(NamedTuple):
    """One set's column values, without the ids (the database gives those).

    ``head`` is the ``question_set`` row from ``kenmerk`` to ``source_text`` in the order of
    :data:`HEAD_COLUMNS`. Each child row starts with the set's place in its batch, then
    ``member (position, name, party)``, ``addressee (position, title, role, portfolio)``,
    ``question (number, text, footnotes, assignee)``, ``footnote (number, text, url)`` or
    ``answer (questions, first_question, text)``.
    """

    kenmerk: str | None
    head: tuple[Any, ...]
    members: list[tuple[Any, ...]]
    addressees: list[tuple[Any, ...]]
    questions: list[tuple[Any, ...]]
    footnotes: list[tuple[Any, ...]]
    answers: list[tuple[Any, ...]]


HEAD_COLUMNS = ("kenmerk", "chamber", "kind", "submitted_on", "header", "subject", "answerer", "toelichting",
                "warnings", "status", "delay_notice_on", "source_text")


_OPTIONAL_TEXTS = ("kenmerk", "header", "subject", "answerer", "toelichting")
_LISTS = ("members", "addressees", "questions", "footnotes", "answers")


def footnote_list(numbers: list[int]) -> str:
    """``json.dumps`` of a list of numbers, without its per-call cost (run for every question)."""
    return "[" + ", ".join(map(str, numbers)) + "]"


def set_rows(qs: QuestionSet, place: int = 0) -> SetRows:
    """The rows of a set read or made elsewhere (dates as ISO text, as SQLite's adapters store them)."""
    head = (
        qs.kenmerk, qs.chamber, qs.kind, qs.submitted_on and qs.submitted_on.isoformat(), qs.header, qs.subject,
        qs.answerer, qs.toelichting, json.dumps(qs.warnings, ensure_ascii=False) if qs.warnings else "[]",
        qs.status if qs.status in SET_STATUSES else "nieuw",
        qs.delay_notice_on and qs.delay_notice_on.isoformat(), qs.source_text,
    )
    return SetRows(
        qs.kenmerk, head,
        [(place, i, m.name, m.party) for i, m in enumerate(qs.members)],
        [(place, i, a.title, a.role, a.portfolio) for i, a in enumerate(qs.addressees)],
        [(place, q.number, q.text, footnote_list(q.footnotes), q.assignee) for q in qs.questions],
        [(place, f.number, f.text, f.url) for f in qs.footnotes],
        # Answer keeps its numbers sorted and unique.
        [(place, ",".join(map(str, a.questions)), a.questions[0], a.text) for a in qs.answers],
    )


def rows_from_json(data: Any, place: int = 0) -> SetRows | None:
    """The rows of a plain, valid record, or ``None`` (a bad or unusual one: ask ``QuestionSet.from_json``).

    Gives the same rows as ``set_rows(QuestionSet.from_json(data), place)`` after
    :func:`kvdesk.services.sets.drop_repeated_questions`, which changes nothing when the
    question numbers and the answered numbers are unique: anything else is left to that path.
    """
    if type(data) is not dict:
        return None
    get = data.get
    if get("schema", SCHEMA) != SCHEMA:
        return None
    kenmerk, header, subject, answerer, toelichting = map(get, _OPTIONAL_TEXTS)
    for text in (kenmerk, header, subject, answerer, toelichting):
        if text is not None and type(text) is not str:
            return None
    chamber = get("chamber")
    if chamber is not None and chamber not in CHAMBERS:
        return None
    kind = get("kind")
    if kind is None or kind == "":
        kind = "schriftelijk"
    elif kind not in KINDS:
        return None
    submitted = get("submitted_on")
    if submitted is not None:
        if type(submitted) is not str:
            return None
        try:
            submitted = _date(submitted).isoformat()
        except ValueError:
            return None
    warnings = get("warnings")
    if not warnings:
        notes_json = "[]"
    elif type(warnings) is list and all(type(w) is str for w in warnings):
        notes_json = json.dumps(warnings, ensure_ascii=False)
    else:
        return None
    members_in, addressees_in, questions_in, footnotes_in, answers_in = map(get, _LISTS)
    for given in (members_in, addressees_in, questions_in, footnotes_in, answers_in):
        if given is not None and type(given) is not list:
            return None

    members = []
    if members_in:
        for i, m in enumerate(members_in):
            if type(m) is not dict:
                return None
            name = m.get("name")
            party = m.get("party")
            if type(name) is not str or (party is not None and type(party) is not str):
                return None
            members.append((place, i, name, party))
    addressees = []
    if addressees_in:
        for i, a in enumerate(addressees_in):
            if type(a) is not dict:
                return None
            title = a.get("title")
            role = a.get("role")
            portfolio = a.get("portfolio")
            if (type(title) is not str or (role is not None and type(role) is not str)
                    or (portfolio is not None and type(portfolio) is not str)):
                return None
            addressees.append((place, i, title, role, portfolio))
    questions = []
    if questions_in:
        numbers: set[int] = set()
        for q in questions_in:
            if type(q) is not dict:
                return None
            number = q.get("number")
            text = q.get("text")
            if type(number) is not int or type(text) is not str or number in numbers:
                return None
            cited = q.get("footnotes")
            if not cited:
                cited_json = "[]"
            elif type(cited) is list and all(type(n) is int for n in cited):
                cited_json = footnote_list(cited)
            else:
                return None
            numbers.add(number)
            questions.append((place, number, text, cited_json, None))
    footnotes = []
    if footnotes_in:
        for f in footnotes_in:
            if type(f) is not dict:
                return None
            number = f.get("number")
            text = f.get("text")
            url = f.get("url")
            if type(number) is not int or type(text) is not str or (url is not None and type(url) is not str):
                return None
            footnotes.append((place, number, text, url))
    answers = []
    if answers_in:
        covered: set[int] = set()
        for a in answers_in:
            if type(a) is not dict:
                return None
            cover = a.get("questions")
            text = a.get("text")
            if type(cover) is not list or not cover or type(text) is not str:
                return None
            if len(cover) == 1:
                first = cover[0]
                if type(first) is not int or first in covered:
                    return None
                covered.add(first)
                answers.append((place, str(first), first, text))
                continue
            if not all(type(n) is int for n in cover):
                return None
            cover = sorted(set(cover))
            if not covered.isdisjoint(cover):
                return None
            covered.update(cover)
            answers.append((place, ",".join(map(str, cover)), cover[0], text))
    head = (kenmerk, chamber, kind, submitted, header, subject, answerer, toelichting, notes_json, "nieuw", None,
            None)
    return SetRows(kenmerk, head, members, addressees, questions, footnotes, answers)


@dataclass
class BatchRows:
    """A batch of sets as the rows of each table; child rows start with their set's place (0, 1, …)."""

    kenmerken: list[str | None] = field(default_factory=list)
    heads: list[tuple[Any, ...]] = field(default_factory=list)
    members: list[tuple[Any, ...]] = field(default_factory=list)
    addressees: list[tuple[Any, ...]] = field(default_factory=list)
    questions: list[tuple[Any, ...]] = field(default_factory=list)
    footnotes: list[tuple[Any, ...]] = field(default_factory=list)
    answers: list[tuple[Any, ...]] = field(default_factory=list)

    @classmethod
    def of(cls, sets: Iterable[QuestionSet]) -> BatchRows:
        batch = cls()
        for qs in sets:
            batch.add(set_rows(qs, len(batch)))
        return batch

    def __len__(self) -> int:
        return len(self.heads)

    def add(self, rows: SetRows) -> None:
        """Add one set's rows, made with ``place`` ``len(self)``."""
        self.kenmerken.append(rows.kenmerk)
        self.heads.append(rows.head)
        self.members += rows.members
        self.addressees += rows.addressees
        self.questions += rows.questions
        self.footnotes += rows.footnotes
        self.answers += rows.answers

    def children(self) -> dict[str, list[tuple[Any, ...]]]:
        """The child rows by table name."""
        return {"member": self.members, "addressee": self.addressees, "question": self.questions,
                "footnote": self.footnotes, "answer": self.answers}

    def only(self, places: list[int]) -> BatchRows:
        """The sets at ``places`` (in that order), placed again from 0."""
        new = {old: i for i, old in enumerate(places)}
        kept = BatchRows([self.kenmerken[p] for p in places], [self.heads[p] for p in places])
        for name, rows in self.children().items():
            getattr(kept, f"{name}s").extend((new[row[0]], *row[1:]) for row in rows if row[0] in new)
        return kept
