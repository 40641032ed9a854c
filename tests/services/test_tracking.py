"""The deadline fields of ``show --json`` and ``list --json``."""
from __future__ import annotations

import datetime as dt

import pytest

from kvdesk.core.deadlines import deadline_status
from kvdesk.core.model import QuestionSet
from kvdesk.services.tracking import deadline_fields


def _qs(submitted: dt.date | None, **kw) -> QuestionSet:
    qs = QuestionSet(submitted_on=submitted)
    for k, v in kw.items():
        setattr(qs, k, v)
    return qs


def test_deadline_is_three_weeks_after_ingezonden_and_three_more_after_a_delay_notice() -> None:
    today = dt.date(2026, 1, 5)
    assert deadline_fields(_qs(dt.date(2025, 12, 31)), today)["deadline"] == "2026-01-21"
    delayed = _qs(dt.date(2025, 12, 31), delay_notice_on=dt.date(2026, 1, 15), status="uitstel gemeld")
    fields = deadline_fields(delayed, today)
    assert fields["deadline"] == "2026-02-11"
    assert fields["days_left"] == 37


@pytest.mark.parametrize(
    ("today", "due"),
    [(dt.date(2026, 1, 22), "te laat"), (dt.date(2026, 1, 21), "vandaag"), (dt.date(2026, 1, 19), "deze week"),
     (dt.date(2026, 1, 5), "later")],
)
def test_the_due_bucket_agrees_with_the_deadline_overview(today: dt.date, due: str) -> None:
    qs = _qs(dt.date(2025, 12, 31))
    assert deadline_fields(qs, today)["due"] == due
    status = deadline_status(qs, today)
    assert status is not None and status.bucket is not None and status.bucket.value == due


def test_working_days_are_given_on_request_and_skip_holidays() -> None:
    qs = _qs(dt.date(2026, 4, 16))  # deadline 7 May 2026: Koningsdag and Bevrijdingsdag in between
    fields = deadline_fields(qs, dt.date(2026, 4, 24), working_days=True)
    assert fields["deadline"] == "2026-05-07"
    # 9 weekdays from Monday 27 April to Thursday 7 May, less Koningsdag and Bevrijdingsdag
    assert fields["working_days_left"] == 7


def test_sent_or_undated_sets_have_no_bucket() -> None:
    assert deadline_fields(_qs(None)) == {"deadline": None, "days_left": None, "due": None}
    assert deadline_fields(_qs(dt.date(2025, 12, 31), status="verzonden"), dt.date(2026, 3, 1))["due"] is None
