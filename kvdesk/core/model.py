"""The domain model: a question set, its members, addressees, questions, footnotes and answers.

Plain dataclasses, no Qt, no database. ``QuestionSet.to_json()`` and ``QuestionSet.from_json()``
implement the ``kvdesk.questionset/1`` contract of DESIGN.md exactly, both ways.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "kvdesk.questionset/1"

CHAMBERS = ("TK", "EK")
KINDS = ("schriftelijk", "mondeling")

# Status of a whole set, in the order it normally moves through.
SET_STATUSES = ("nieuw", "in behandeling", "ter goedkeuring", "uitstel gemeld", "verzonden")
# Status of one answer.
ANSWER_STATUSES = ("concept", "ter review", "akkoord")


class SchemaError(ValueError):
    """A JSON document does not follow ``kvdesk.questionset/1``."""


@dataclass
class Member:
    """A member of parliament who asks; ``party`` is ``None`` when the text does not say."""

    name: str
    party: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "party": self.party}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Member:
        return cls(name=_req_str(data, "name"), party=_opt_str(data, "party"))


@dataclass
class Addressee:
    """A minister or state secretary the questions are addressed to.

    ``title`` is the full phrase ("minister van Justitie en Veiligheid"); ``role`` is
    minister, staatssecretaris or minister-president; ``portfolio`` is what follows
    "van"/"voor" (``None`` for the minister-president).
    """

    title: str
    role: str | None = None
    portfolio: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "role": self.role, "portfolio": self.portfolio}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Addressee:
        return cls(
            title=_req_str(data, "title"),
            role=_opt_str(data, "role"),
            portfolio=_opt_str(data, "portfolio"),
        )


@dataclass
class Footnote:
    """A footnote of the question set, numbered as in the source."""

    number: int
    text: str
    url: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "text": self.text, "url": self.url}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Footnote:
        return cls(number=_req_int(data, "number"), text=_req_str(data, "text"), url=_opt_str(data, "url"))


@dataclass
class Question:
    """One numbered question; ``footnotes`` lists the numbers of the footnotes it cites."""

    number: int
    text: str
    footnotes: list[int] = field(default_factory=list)
    assignee: str | None = None  # who works on it; not part of the exchange JSON

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "text": self.text, "footnotes": list(self.footnotes)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Question:
        notes = data.get("footnotes") or []
        if not isinstance(notes, list) or not all(isinstance(n, int) for n in notes):
            raise SchemaError("question footnotes must be a list of numbers")
        return cls(number=_req_int(data, "number"), text=_req_str(data, "text"), footnotes=list(notes))


@dataclass
class Answer:
    """An answer covering one or more question numbers (a combined answer covers several).

    ``text`` is in the answer format of DESIGN.md (a CommonMark subset with ``[^label]``
    footnotes); see :mod:`kvdesk.core.richtext`.
    """

    questions: list[int]
    text: str
    status: str = "concept"
    updated_at: dt.datetime | None = None
    updated_by: str | None = None

    def __post_init__(self) -> None:
        self.questions = sorted(set(self.questions))

    @property
    def key(self) -> str:
        """A stable label for the numbers it covers, e.g. ``"2,3"``."""
        return ",".join(str(n) for n in self.questions)

    def to_json(self) -> dict[str, Any]:
        return {"questions": list(self.questions), "text": self.text}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Answer:
        qs = data.get("questions")
        if not isinstance(qs, list) or not qs or not all(isinstance(n, int) for n in qs):
            raise SchemaError("answer questions must be a non-empty list of numbers")
        return cls(questions=qs, text=_req_str(data, "text"))


@dataclass
class Reference:
    """Something a question or footnote refers to: a news article, a Kamerstuk, an earlier set.

    ``kind`` is one of ``url``, ``news``, ``kamerstuk``, ``aanhangsel``, ``questionset``;
    ``parts`` holds the parsed pieces (medium, date, title, dossier, volgnummer …).
    ``status`` is ``new``, ``fetched``, ``failed`` or ``attached``.
    """

    kind: str
    citation: str
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published_on: dt.date | None = None
    text: str | None = None
    fetched_at: dt.datetime | None = None
    status: str = "new"
    error: str | None = None
    footnote: int | None = None
    questions: list[int] = field(default_factory=list)
    parts: dict[str, Any] = field(default_factory=dict)
    attachment: str | None = None  # content-hashed file name in the data folder
    content_type: str | None = None
    id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "citation": self.citation,
            "url": self.url,
            "title": self.title,
            "author": self.author,
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "text": self.text,
            "fetched_at": _iso_dt(self.fetched_at),
            "status": self.status,
            "error": self.error,
            "footnote": self.footnote,
            "questions": list(self.questions),
            "parts": dict(self.parts),
        }


@dataclass
class Revision:
    """One saved version of an answer: append-only history."""

    questions: list[int]
    text: str
    author: str
    created_at: dt.datetime
    note: str | None = None  # e.g. "hersteld", "overgenomen uit 2024Z18891"
    id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "questions": list(self.questions),
            "text": self.text,
            "author": self.author,
            "created_at": _iso_dt(self.created_at),
            "note": self.note,
        }


@dataclass
class StatusChange:
    """A dated change of a set's status."""

    status: str
    changed_at: dt.datetime
    author: str | None = None
    note: str | None = None


@dataclass
class QuestionSet:
    """A set of questions as it arrived, plus the draft answers."""

    kenmerk: str | None = None
    chamber: str | None = "TK"
    kind: str = "schriftelijk"
    submitted_on: dt.date | None = None
    header: str | None = None
    members: list[Member] = field(default_factory=list)
    addressees: list[Addressee] = field(default_factory=list)
    subject: str | None = None
    questions: list[Question] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    answerer: str | None = None
    toelichting: str | None = None
    warnings: list[str] = field(default_factory=list)
    # Stored state, not part of the exchange format:
    id: int | None = None
    status: str = "nieuw"
    delay_notice_on: dt.date | None = None
    source_text: str | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None

    @property
    def key(self) -> str:
        """The kenmerk, or the stored id when the set has none."""
        if self.kenmerk:
            return self.kenmerk
        return str(self.id) if self.id is not None else "?"

    def question(self, number: int) -> Question | None:
        return next((q for q in self.questions if q.number == number), None)

    def answer_for(self, number: int) -> Answer | None:
        """The answer that covers question ``number``, if any."""
        return next((a for a in self.answers if number in a.questions), None)

    def footnote(self, number: int) -> Footnote | None:
        return next((f for f in self.footnotes if f.number == number), None)

    def to_json(self) -> dict[str, Any]:
        """The ``kvdesk.questionset/1`` record, keys in the documented order."""
        return {
            "schema": SCHEMA,
            "kenmerk": self.kenmerk,
            "chamber": self.chamber,
            "kind": self.kind,
            "submitted_on": self.submitted_on.isoformat() if self.submitted_on else None,
            "header": self.header,
            "members": [m.to_json() for m in self.members],
            "addressees": [a.to_json() for a in self.addressees],
            "subject": self.subject,
            "questions": [q.to_json() for q in self.questions],
            "footnotes": [f.to_json() for f in self.footnotes],
            "answers": [a.to_json() for a in self.answers],
            "answerer": self.answerer,
            "toelichting": self.toelichting,
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_json(cls, data: Any) -> QuestionSet:
        """Read a ``kvdesk.questionset/1`` record; raises :class:`SchemaError` when it is not one."""
        if not isinstance(data, dict):
            raise SchemaError("a question set must be a JSON object")
        schema = data.get("schema", SCHEMA)
        if schema != SCHEMA:
            raise SchemaError(f"unknown schema {schema!r} (expected {SCHEMA})")
        chamber = _opt_str(data, "chamber")
        if chamber is not None and chamber not in CHAMBERS:
            raise SchemaError(f"chamber must be one of {', '.join(CHAMBERS)}")
        kind = _opt_str(data, "kind") or "schriftelijk"
        if kind not in KINDS:
            raise SchemaError(f"kind must be one of {', '.join(KINDS)}")
        warnings = data.get("warnings") or []
        if not isinstance(warnings, list) or not all(isinstance(w, str) for w in warnings):
            raise SchemaError("warnings must be a list of strings")
        return cls(
            kenmerk=_opt_str(data, "kenmerk"),
            chamber=chamber,
            kind=kind,
            submitted_on=_opt_date(data, "submitted_on"),
            header=_opt_str(data, "header"),
            members=[Member.from_json(m) for m in _list(data, "members")],
            addressees=[Addressee.from_json(a) for a in _list(data, "addressees")],
            subject=_opt_str(data, "subject"),
            questions=[Question.from_json(q) for q in _list(data, "questions")],
            footnotes=[Footnote.from_json(f) for f in _list(data, "footnotes")],
            answers=[Answer.from_json(a) for a in _list(data, "answers")],
            answerer=_opt_str(data, "answerer"),
            toelichting=_opt_str(data, "toelichting"),
            warnings=list(warnings),
        )


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise SchemaError(f"{key} must be a list of objects")
    return value


def _req_str(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise SchemaError(f"{key} must be a string")
    return value


def _opt_str(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise SchemaError(f"{key} must be a string or null")
    return value


def _req_int(data: dict[str, Any], key: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise SchemaError(f"{key} must be a whole number")
    return value


def _opt_date(data: dict[str, Any], key: str) -> dt.date | None:
    value = _opt_str(data, key)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise SchemaError(f"{key} must be an ISO date (YYYY-MM-DD)") from exc


def _iso_dt(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None
