"""Deadlines and status of stored sets, as the command line shows them."""
from __future__ import annotations

import datetime as dt
from typing import Any

from kvdesk.core.deadlines import DeadlineSettings, deadline_for, deadline_status, due_bucket


def deadline_fields(
    obj: Any,
    today: dt.date | None = None,
    settings: DeadlineSettings | None = None,
    *,
    working_days: bool = False,
) -> dict[str, Any]:
    """``deadline`` (ISO date or null), calendar days left, the due bucket, and on request working days.

    ``obj`` is a QuestionSet or a SetSummary: both carry ``submitted_on``, ``kind``, ``status``
    and ``delay_notice_on``, which is all the rule needs. Working days need the Dutch holiday
    tables, which take a few tenths of a second to build; ``show`` and ``list`` leave them out
    so they stay fast, the app shows them.
    """
    today = today or dt.date.today()
    if working_days:
        status = deadline_status(obj, today, settings)
        if status is None:
            return {"deadline": None, "days_left": None, "working_days_left": None, "due": None}
        return {
            "deadline": status.deadline.isoformat(),
            "days_left": status.calendar_days_left,
            "working_days_left": status.working_days_left,
            "due": status.bucket.value if status.bucket is not None else None,
        }
    deadline = deadline_for(obj, settings)
    if deadline is None:
        return {"deadline": None, "days_left": None, "due": None}
    due = None if getattr(obj, "status", None) == "verzonden" else due_bucket(deadline, today).value
    return {"deadline": deadline.isoformat(), "days_left": (deadline - today).days, "due": due}

