"""Deadlines and status of stored sets, as the GUI and the command line show them."""
from __future__ import annotations

import datetime as dt
from typing import Any

ANSWER_WEEKS = 3
DELAY_WEEKS = 3


def deadline_of(submitted_on: dt.date | None, delay_notice_on: dt.date | None) -> dt.date | None:
    """Ingezonden + 3 weeks; after a delay notice 3 weeks more."""
    if submitted_on is None:
        return None
    deadline = submitted_on + dt.timedelta(weeks=ANSWER_WEEKS)
    if delay_notice_on is not None:
        deadline += dt.timedelta(weeks=DELAY_WEEKS)
    return deadline


def deadline_fields(obj: Any, today: dt.date | None = None) -> dict[str, Any]:
    """``deadline`` (ISO date or null) and ``days_left`` for a set or a set summary."""
    deadline = deadline_of(getattr(obj, "submitted_on", None), getattr(obj, "delay_notice_on", None))
    today = today or dt.date.today()
    return {
        "deadline": deadline.isoformat() if deadline else None,
        "days_left": (deadline - today).days if deadline else None,
    }
