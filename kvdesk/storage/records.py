"""Plain records the repository returns besides the core model (no SQLAlchemy here)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kvdesk.core.model import Addressee, Member


@dataclass
class SetSummary:
    """What the set list shows, without the questions' text."""

    id: int
    kenmerk: str | None
    subject: str | None
    members: list[Member]
    addressees: list[Addressee]
    submitted_on: dt.date | None
    status: str
    delay_notice_on: dt.date | None
    kind: str
    origin: str
    question_count: int
    answered_count: int
    updated_at: dt.datetime | None = None
    assignees: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.kenmerk or str(self.id)
