"""Deadlines: the three-week rule, the delay notice, working days and the due buckets."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kvdesk.core.deadlines import (
    DeadlineSettings,
    DueBucket,
    WorkCalendar,
    deadline_for,
    deadline_status,
    due_overview,
    due_soon,
    is_delayed,
)
from kvdesk.core.model import QuestionSet

D = dt.date
NOV_14 = D(2024, 11, 14)


def make_set(submitted: dt.date | None = NOV_14, **kw) -> QuestionSet:
    return QuestionSet(kenmerk=kw.pop("kenmerk", "2024Z18442"), submitted_on=submitted, **kw)


# --------------------------------------------------------------------------- the rule


def test_deadline_is_three_weeks_after_ingezonden():
    assert deadline_for(make_set(D(2024, 11, 14))) == D(2024, 12, 5)


def test_delay_notice_date_adds_three_more_weeks_counted_from_ingezonden():
    qs = make_set(D(2024, 10, 25), delay_notice_on=D(2024, 11, 15))
    assert deadline_for(qs) == D(2024, 12, 6)  # six weeks after 25 October


def test_status_uitstel_gemeld_moves_the_deadline_even_without_a_date():
    qs = make_set(D(2024, 10, 25), status="uitstel gemeld")
    assert is_delayed(qs)
    assert deadline_for(qs) == D(2024, 12, 6)


def test_sent_set_keeps_the_extended_deadline_after_a_delay():
    qs = make_set(D(2024, 10, 25), delay_notice_on=D(2024, 11, 15), status="verzonden")
    assert deadline_for(qs) == D(2024, 12, 6)


def test_terms_are_configurable():
    rules = DeadlineSettings(answer_weeks=2, delay_weeks=4)
    assert deadline_for(make_set(D(2024, 11, 14)), rules) == D(2024, 11, 28)
    assert deadline_for(make_set(D(2024, 11, 14), status="uitstel gemeld"), rules) == D(2024, 12, 26)


def test_negative_terms_are_refused():
    with pytest.raises(ValueError):
        DeadlineSettings(answer_weeks=-1)


def test_no_deadline_without_ingezonden_date_or_for_oral_questions():
    assert deadline_for(make_set(None)) is None
    assert deadline_for(make_set(D(2024, 11, 14), kind="mondeling")) is None
    assert deadline_status(make_set(None), today=D(2024, 11, 20)) is None


def test_extend_to_working_day_moves_a_deadline_off_a_holiday():
    # Submitted on Easter Monday 2025 is unusual, but Koningsdag on a weekday is not:
    # ingezonden Monday 6 April 2026 -> 27 April 2026 is Koningsdag (a Monday).
    qs = make_set(D(2026, 4, 6))
    assert deadline_for(qs) == D(2026, 4, 27)
    assert deadline_for(qs, DeadlineSettings(extend_to_working_day=True)) == D(2026, 4, 28)


# --------------------------------------------------------------------------- the calendar


def test_christmas_and_new_year_are_skipped_in_working_days():
    cal = WorkCalendar()
    assert cal.add_working_days(D(2026, 12, 17), 10) == D(2027, 1, 4)
    # 18 Dec .. 7 Jan: 15 weekdays minus 25 Dec and 1 Jan (26 Dec is a Saturday)
    assert cal.working_days_between(D(2026, 12, 17), D(2027, 1, 7)) == 13


def test_bevrijdingsdag_counts_every_year_by_default_and_can_be_switched_off():
    assert not WorkCalendar().is_working_day(D(2026, 5, 5))
    assert WorkCalendar().holiday_name(D(2026, 5, 5)) == "Bevrijdingsdag"
    only_lustrum = WorkCalendar(liberation_day_every_year=False)
    assert only_lustrum.is_working_day(D(2026, 5, 5))
    assert not only_lustrum.is_working_day(D(2025, 5, 5))  # lustrum year: public holiday anyway


def test_good_friday_is_a_working_day_unless_configured():
    assert WorkCalendar().is_working_day(D(2026, 4, 3))
    assert not WorkCalendar(good_friday_off=True).is_working_day(D(2026, 4, 3))


def test_koningsdag_moves_with_the_sunday_rule():
    cal = WorkCalendar()
    assert cal.holiday_name(D(2025, 4, 26)) == "Koningsdag"
    assert cal.is_working_day(D(2025, 4, 28))


def test_working_days_between_is_negative_when_past():
    cal = WorkCalendar()
    assert cal.working_days_between(D(2024, 11, 22), D(2024, 11, 18)) == -4
    assert cal.working_days_between(D(2024, 11, 18), D(2024, 11, 18)) == 0


def test_add_working_days_backwards():
    assert WorkCalendar().add_working_days(D(2027, 1, 4), -10) == D(2026, 12, 17)


def _naive_working_days(cal: WorkCalendar, start: dt.date, end: dt.date) -> int:
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    day, n = start, 0
    while day < end:
        day += dt.timedelta(days=1)
        n += cal.is_working_day(day)
    return sign * n


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=D(2014, 1, 1), max_value=D(2030, 12, 31)),
    st.integers(min_value=-120, max_value=120),
)
def test_working_day_arithmetic_matches_day_by_day_counting(start, offset):
    cal = WorkCalendar()
    end = start + dt.timedelta(days=offset)
    assert cal.working_days_between(start, end) == _naive_working_days(cal, start, end)


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=D(2014, 1, 1), max_value=D(2030, 12, 31)), st.integers(min_value=0, max_value=60))
def test_add_working_days_lands_on_a_working_day_n_days_on(start, n):
    cal = WorkCalendar()
    end = cal.add_working_days(start, n)
    assert cal.working_days_between(start, end) == n
    if n:
        assert cal.is_working_day(end)


# --------------------------------------------------------------------------- status and buckets


def test_status_shows_calendar_and_working_days_left():
    # Deadline Thursday 5 Dec 2024; seen from Friday 29 Nov: 6 calendar days, 4 working days.
    status = deadline_status(make_set(D(2024, 11, 14)), today=D(2024, 11, 29))
    assert status is not None
    assert status.deadline == D(2024, 12, 5)
    assert status.calendar_days_left == 6
    assert status.working_days_left == 4
    assert status.bucket is DueBucket.LATER  # next calendar week
    assert not status.overdue


@pytest.mark.parametrize(
    ("today", "bucket"),
    [
        (D(2024, 12, 6), DueBucket.TE_LAAT),
        (D(2024, 12, 5), DueBucket.VANDAAG),
        (D(2024, 12, 2), DueBucket.DEZE_WEEK),  # Monday of the same week
        (D(2024, 11, 29), DueBucket.LATER),
    ],
)
def test_due_bucket(today, bucket):
    status = deadline_status(make_set(D(2024, 11, 14)), today=today)
    assert status is not None and status.bucket is bucket


def test_a_sent_set_is_not_due_and_not_overdue():
    status = deadline_status(make_set(D(2024, 11, 14), status="verzonden"), today=D(2025, 1, 1))
    assert status is not None
    assert status.bucket is None and status.sent and not status.overdue
    assert status.calendar_days_left < 0


def test_bucket_labels_are_dutch_and_english():
    assert DueBucket.TE_LAAT.label_nl == "Te laat"
    assert DueBucket.DEZE_WEEK.label_en == "This week"


def test_due_overview_groups_and_sorts_and_leaves_out_sent_and_undated_sets():
    today = D(2024, 12, 2)  # Monday
    sets = [
        make_set(D(2024, 11, 14), kenmerk="A"),  # 5 Dec -> deze week
        make_set(D(2024, 11, 11), kenmerk="B"),  # 2 Dec -> vandaag
        make_set(D(2024, 11, 1), kenmerk="C"),  # 22 Nov -> te laat
        make_set(D(2024, 11, 12), kenmerk="D"),  # 3 Dec -> deze week, before A
        make_set(D(2024, 11, 20), kenmerk="E"),  # 11 Dec -> later
        make_set(D(2024, 11, 1), kenmerk="F", status="verzonden"),
        make_set(None, kenmerk="G"),
    ]
    overview = due_overview(sets, today)
    assert list(overview) == [DueBucket.TE_LAAT, DueBucket.VANDAAG, DueBucket.DEZE_WEEK, DueBucket.LATER]
    keys = {b: [qs.key for qs, _ in items] for b, items in overview.items()}
    assert keys == {
        DueBucket.TE_LAAT: ["C"],
        DueBucket.VANDAAG: ["B"],
        DueBucket.DEZE_WEEK: ["D", "A"],
        DueBucket.LATER: ["E"],
    }


def test_due_soon_means_within_two_working_days_over_a_weekend():
    today = D(2024, 11, 29)  # Friday
    monday = make_set(D(2024, 11, 11), kenmerk="ma")  # 2 Dec: 1 working day
    tuesday = make_set(D(2024, 11, 12), kenmerk="di")  # 3 Dec: 2 working days
    wednesday = make_set(D(2024, 11, 13), kenmerk="wo")  # 4 Dec: 3 working days
    overdue = make_set(D(2024, 11, 1), kenmerk="laat")
    sent = make_set(D(2024, 11, 11), kenmerk="weg", status="verzonden")
    today_set = make_set(D(2024, 11, 8), kenmerk="nu")  # 29 Nov
    found = [qs.key for qs, _ in due_soon([wednesday, tuesday, monday, overdue, sent, today_set], today)]
    assert found == ["nu", "ma", "di"]
    assert [qs.key for qs, _ in due_soon([wednesday], today, working_days=3)] == ["wo"]


def test_due_soon_window_follows_the_settings():
    today = D(2024, 11, 29)
    tuesday = make_set(D(2024, 11, 12))
    assert due_soon([tuesday], today, DeadlineSettings(due_soon_working_days=1)) == []


def test_works_on_a_stored_set_summary_too():
    from dataclasses import dataclass

    @dataclass
    class Summary:  # the shape of the set list's rows: no questions, just the dates
        kenmerk: str
        submitted_on: dt.date | None
        delay_notice_on: dt.date | None
        status: str
        kind: str = "schriftelijk"

        @property
        def key(self) -> str:
            return self.kenmerk

    rows = [Summary("A", D(2024, 11, 14), None, "nieuw"), Summary("B", D(2024, 10, 25), D(2024, 11, 15), "uitstel gemeld")]
    assert [deadline_for(r) for r in rows] == [D(2024, 12, 5), D(2024, 12, 6)]
    overview = due_overview(rows, D(2024, 12, 2))
    assert [r.key for r, _ in overview[DueBucket.DEZE_WEEK]] == ["A", "B"]
