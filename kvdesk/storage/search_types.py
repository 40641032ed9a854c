"""What a search asks and returns, without the database: the GUI imports these at start-up.

Kept apart from :mod:`kvdesk.storage.search` so that building the window does not import
SQLAlchemy; ``search`` re-exports them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = ["MARK_END", "MARK_START", "SearchFilters", "SearchRow", "SimilarRow"]

# Around the matched words in a snippet; the GUI and the CLI turn them into their own highlight.
MARK_START = "\x02"
MARK_END = "\x03"


@dataclass
class SearchFilters:
    """Narrowing a search by what is known about the set."""

    year: int | None = None
    ministry: str | None = None  # part of an addressee's title or portfolio
    member: str | None = None  # part of a member's name
    party: str | None = None  # a member's party, exactly (case-insensitive)
    answered: bool | None = None  # True: answered questions and non-empty answers only
    origin: str | None = None  # "draft" or "archive"
    exclude_set: int | None = None

    def is_empty(self) -> bool:
        return all(
            v is None or v == ""
            for v in (self.year, self.ministry, self.member, self.party, self.answered, self.origin,
                      self.exclude_set)
        )


@dataclass
class SearchRow:
    """One hit: a question or an answer, with where it belongs and why it matched."""

    kind: str  # "question" | "answer"
    row_id: int
    set_id: int
    kenmerk: str | None
    subject: str | None
    submitted_on: dt.date | None
    origin: str
    questions: list[int]
    snippet: str  # with MARK_START / MARK_END around the matched words
    score: float  # higher is better
    text: str = ""


@dataclass
class SimilarRow:
    """An earlier question like the one at hand, with the answer that covers it."""

    set_id: int
    kenmerk: str | None
    subject: str | None
    submitted_on: dt.date | None
    number: int
    question: str
    score: float
    answer: str | None = None
    answer_questions: list[int] = field(default_factory=list)
    snippet: str = ""
