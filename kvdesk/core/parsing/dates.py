"""Dutch dates as they are written in question sets: "20 november 2024", "1 januari 2025"."""
from __future__ import annotations

import datetime as dt
import re

from kvdesk.core.parsing.normalize import MONTHS

_MONTH_NUMBER = {name: i for i, name in enumerate(MONTHS, 1)}
_MONTH_NUMBER.update({"jan": 1, "feb": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
                      "okt": 10, "nov": 11, "dec": 12})
DATE = r"(\d{1,2})\s*([A-Za-z]{3,9})\.?\s*(\d{4})"
_DATE = re.compile(DATE)
_INGEZONDEN = re.compile(r"ingezonden(?:\s+op)?\s*" + DATE, re.I)
_ONTVANGEN = re.compile(r"ontvangen(?:\s+op)?\s*" + DATE, re.I)


def to_date(day: str, month: str, year: str) -> dt.date | None:
    """The date for the three parts, or ``None`` when they do not make one."""
    number = _MONTH_NUMBER.get(month.lower())
    if number is None:
        return None
    try:
        return dt.date(int(year), number, int(day))
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The first Dutch date in ``text``."""
    for m in _DATE.finditer(text):
        d = to_date(*m.groups())
        if d:
            return d
    return None


def ingezonden(text: str) -> dt.date | None:
    """The date of "(ingezonden 20 november 2024)" in ``text``."""
    m = _INGEZONDEN.search(text)
    return to_date(*m.groups()) if m else None


def ontvangen(text: str) -> dt.date | None:
    """The date of "(ontvangen 20 november 2024)" in ``text``."""
    m = _ONTVANGEN.search(text)
    return to_date(*m.groups()) if m else None
