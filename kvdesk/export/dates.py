"""Dates as Dutch letters write them: "31 december 2025"."""
from __future__ import annotations

import datetime as dt

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)


def dutch_date(day: dt.date) -> str:
    """The date in the Rijkshuisstijl form: day in digits, month in words, year (``19 mei 2015``)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
