"""Answer deadlines of written questions, working days and what is due when.

The rule (reference: kamervragen-format.md §4.2–4.3): a minister answers within three weeks of
the "ingezonden" date; when that is not possible a delay notice (uitstelbericht) goes to the
Voorzitter, after which the Kamer tolerates three more weeks, six in total from submission.
Both terms are settings. The deadline is a calendar date; working days are only counted to show
how much time is left, with Dutch public holidays from the ``holidays`` package.

Bevrijdingsdag (5 May) is a public holiday in the ``holidays`` package only in lustrum years;
the Algemene termijnenwet counts it every year, and so do we unless told otherwise. Goede
vrijdag is in the package's public list but is not a day off under the Algemene termijnenwet or
for most of the civil service, so it counts as a working day unless told otherwise.
"""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Protocol, TypeVar

__all__ = [
    "DatedSet",
    "DeadlineSettings",
    "due_bucket",
    "WorkCalendar",
    "DueBucket",
    "DeadlineStatus",
    "is_delayed",
    "deadline_for",
    "deadline_status",
    "due_overview",
    "due_soon",
]

_GOOD_FRIDAY = "Goede vrijdag"


class DatedSet(Protocol):
    """What deadlines need of a set: a :class:`~kvdesk.core.model.QuestionSet` or a stored
    set's summary both have it."""

    @property
    def key(self) -> str: ...

    submitted_on: dt.date | None
    delay_notice_on: dt.date | None
    status: str
    kind: str


S = TypeVar("S", bound=DatedSet)


@dataclass(frozen=True)
class DeadlineSettings:
    """The terms and the calendar that deadlines are computed with."""

    answer_weeks: int = 3
    delay_weeks: int = 3
    liberation_day_every_year: bool = True
    good_friday_off: bool = False
    # The Kamer counts plain weeks; a ministry that follows the Algemene termijnenwet (a term
    # ending on a weekend day or holiday ends on the next working day) can switch this on.
    extend_to_working_day: bool = False
    # How many working days ahead counts as "due soon" for the start-up notice.
    due_soon_working_days: int = 2

    def __post_init__(self) -> None:
        if self.answer_weeks < 0 or self.delay_weeks < 0:
            raise ValueError("answer_weeks and delay_weeks cannot be negative")
        if self.due_soon_working_days < 0:
            raise ValueError("due_soon_working_days cannot be negative")


class WorkCalendar:
    """Dutch working days: Monday to Friday except public holidays.

    Holiday tables are built per year on first use and kept; instances are safe to share
    between threads.
    """

    def __init__(self, liberation_day_every_year: bool = True, good_friday_off: bool = False) -> None:
        self.liberation_day_every_year = liberation_day_every_year
        self.good_friday_off = good_friday_off
        self._years: dict[int, dict[dt.date, str]] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: DeadlineSettings) -> WorkCalendar:
        return _calendar(settings.liberation_day_every_year, settings.good_friday_off)

    def _year(self, year: int) -> dict[dt.date, str]:
        table = self._years.get(year)
        if table is None:
            import holidays  # loading the country tables costs time; only when needed

            categories = ("public", "optional") if self.liberation_day_every_year else ("public",)
            source = holidays.country_holidays("NL", years=year, language="nl", categories=categories)
            table = {}
            for day, name in source.items():
                names = [n.strip() for n in str(name).split(";")]
                if not self.good_friday_off:
                    names = [n for n in names if n != _GOOD_FRIDAY]
                if names:
                    table[day] = "; ".join(names)
            with self._lock:
                self._years.setdefault(year, table)
        return table

    def holiday_name(self, day: dt.date) -> str | None:
        """The Dutch name of the holiday on ``day``, or ``None``."""
        return self._year(day.year).get(day)

    def holidays_between(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """Holidays in ``start..end`` (both included), sorted."""
        out: list[dt.date] = []
        for year in range(start.year, end.year + 1):
            out.extend(d for d in self._year(year) if start <= d <= end)
        return sorted(out)

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self._year(day.year)

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The date ``n`` working days after ``start`` (before it when ``n`` is negative)."""
        step = dt.timedelta(days=1 if n >= 0 else -1)
        left = abs(n)
        day = start
        while left:
            day += step
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end``; negative when ``end`` is earlier.

        So from today to a deadline it is the number of working days left, counting the
        deadline day itself and not today.
        """
        if end < start:
            return -self.working_days_between(end, start)
        if end == start:
            return 0
        first = start + dt.timedelta(days=1)
        days = (end - first).days + 1
        full_weeks, rest = divmod(days, 7)
        count = full_weeks * 5
        weekday = first.weekday()
        for k in range(rest):
            if (weekday + k) % 7 < 5:
                count += 1
        # Counting arithmetic keeps long spans (archive sets years overdue) cheap.
        count -= sum(1 for d in self.holidays_between(first, end) if d.weekday() < 5)
        return count


_CALENDARS: dict[tuple[bool, bool], WorkCalendar] = {}
_CALENDARS_LOCK = threading.Lock()


def _calendar(liberation_day_every_year: bool, good_friday_off: bool) -> WorkCalendar:
    key = (liberation_day_every_year, good_friday_off)
    with _CALENDARS_LOCK:
        cal = _CALENDARS.get(key)
        if cal is None:
            cal = _CALENDARS[key] = WorkCalendar(*key)
        return cal


class DueBucket(Enum):
    """Where a set stands in the overview of what is due."""

    TE_LAAT = "te laat"
    VANDAAG = "vandaag"
    DEZE_WEEK = "deze week"
    LATER = "later"

    @property
    def label_nl(self) -> str:
        return self.value.capitalize()

    @property
    def label_en(self) -> str:
        return {"te laat": "Overdue", "vandaag": "Today", "deze week": "This week", "later": "Later"}[self.value]


@dataclass(frozen=True)
class DeadlineStatus:
    """A set's deadline seen from ``today``.

    ``bucket`` is ``None`` for a set that has been sent: nothing is due any more.
    """

    deadline: dt.date
    delayed: bool
    today: dt.date
    calendar_days_left: int
    working_days_left: int
    bucket: DueBucket | None

    @property
    def overdue(self) -> bool:
        return self.bucket is DueBucket.TE_LAAT

    @property
    def sent(self) -> bool:
        return self.bucket is None


def is_delayed(qs: DatedSet) -> bool:
    """Whether a delay notice has gone out for the set (a date is recorded, or the status says so)."""
    return qs.delay_notice_on is not None or qs.status == "uitstel gemeld"


def deadline_for(qs: DatedSet, settings: DeadlineSettings | None = None) -> dt.date | None:
    """The date the answers are due: ingezonden + 3 weeks, + 3 more after a delay notice.

    ``None`` when the set has no ingezonden date, or for oral questions (they get no written
    answer and no term).
    """
    settings = settings or DeadlineSettings()
    if qs.submitted_on is None or qs.kind == "mondeling":
        return None
    weeks = settings.answer_weeks + (settings.delay_weeks if is_delayed(qs) else 0)
    deadline = qs.submitted_on + dt.timedelta(weeks=weeks)
    if settings.extend_to_working_day:
        deadline = WorkCalendar.from_settings(settings).next_working_day(deadline)
    return deadline


def due_bucket(deadline: dt.date, today: dt.date) -> DueBucket:
    """Where a deadline stands on ``today``: te laat, vandaag, deze week (Monday to Sunday) or later."""
    if deadline < today:
        return DueBucket.TE_LAAT
    if deadline == today:
        return DueBucket.VANDAAG
    # "Deze week" is the calendar week, Monday to Sunday, as a Dutch reader takes it.
    end_of_week = today + dt.timedelta(days=6 - today.weekday())
    return DueBucket.DEZE_WEEK if deadline <= end_of_week else DueBucket.LATER


def deadline_status(
    qs: DatedSet,
    today: dt.date | None = None,
    settings: DeadlineSettings | None = None,
) -> DeadlineStatus | None:
    """The deadline with days left and the due bucket; ``None`` when the set has no deadline."""
    settings = settings or DeadlineSettings()
    deadline = deadline_for(qs, settings)
    if deadline is None:
        return None
    today = today or dt.date.today()
    cal = WorkCalendar.from_settings(settings)
    return DeadlineStatus(
        deadline=deadline,
        delayed=is_delayed(qs),
        today=today,
        calendar_days_left=(deadline - today).days,
        working_days_left=cal.working_days_between(today, deadline),
        bucket=None if qs.status == "verzonden" else due_bucket(deadline, today),
    )


def due_overview(
    sets: Iterable[S],
    today: dt.date | None = None,
    settings: DeadlineSettings | None = None,
) -> dict[DueBucket, list[tuple[S, DeadlineStatus]]]:
    """The sets still to be answered grouped as te laat / vandaag / deze week / later.

    Every bucket is present (possibly empty), in that order; within a bucket the earliest
    deadline comes first. Sent sets and sets without a deadline are left out.
    """
    today = today or dt.date.today()
    out: dict[DueBucket, list[tuple[S, DeadlineStatus]]] = {b: [] for b in DueBucket}
    for qs in sets:
        status = deadline_status(qs, today, settings)
        if status is not None and status.bucket is not None:
            out[status.bucket].append((qs, status))
    for items in out.values():
        items.sort(key=lambda pair: (pair[1].deadline, pair[0].key))
    return out


def due_soon(
    sets: Iterable[S],
    today: dt.date | None = None,
    settings: DeadlineSettings | None = None,
    working_days: int | None = None,
) -> list[tuple[S, DeadlineStatus]]:
    """Unsent sets whose deadline is today or within ``working_days`` working days (default 2).

    For the quiet notice at start-up; sets already overdue are not included (the set list
    shows them). Earliest deadline first.
    """
    settings = settings or DeadlineSettings()
    limit = settings.due_soon_working_days if working_days is None else working_days
    today = today or dt.date.today()
    out: list[tuple[S, DeadlineStatus]] = []
    for qs in sets:
        status = deadline_status(qs, today, settings)
        if status is None or status.bucket in (None, DueBucket.TE_LAAT):
            continue
        if status.working_days_left <= limit:
            out.append((qs, status))
    out.sort(key=lambda pair: (pair[1].deadline, pair[0].key))
    return out
