"""Deadlines and status of stored sets, as the GUI and the command line show them."""
from __future__ import annotations

import datetime as dt
from typing import Any

from kvdesk.core.deadlines import DeadlineSettings, deadline_status


def deadline_fields(
    obj: Any, today: dt.date | None = None, settings: DeadlineSettings | None = None
) -> dict[str, Any]:
    """``deadline`` (ISO date or null), calendar and working days left, and the due bucket.

    ``obj`` is a QuestionSet or a SetSummary: both carry ``submitted_on``, ``kind``, ``status``
    and ``delay_notice_on``, which is all the rule needs.
    """
    status = deadline_status(obj, today, settings)
    if status is None:
        return {"deadline": None, "days_left": None, "working_days_left": None, "due": None}
    return {
        "deadline": status.deadline.isoformat(),
        "days_left": status.calendar_days_left,
        "working_days_left": status.working_days_left,
        "due": status.bucket.value if status.bucket is not None else None,
    }
