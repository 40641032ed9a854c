"""Stored values in the interface's words: statuses, what is due, question numbers, short dates.

The database keeps its values in Dutch ("in behandeling", "te laat"); the interface shows them
through Qt's translation, so the English interface says "in progress" while the data, the
command line and the letters stay as they are. ``QT_TRANSLATE_NOOP`` marks each value for
``pyside6-lupdate``, which cannot see a string passed to ``translate`` in a variable.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from kvdesk.core.deadlines import DueBucket

if TYPE_CHECKING:
    def QT_TRANSLATE_NOOP(context: str, text: str, /) -> str:
        """Marks ``text`` for lupdate and returns it (PySide6's stub says ``object``)."""
        ...
else:
    # Imported from here by the other gui modules, so that the constants they mark are typed str.
    from PySide6.QtCore import QT_TRANSLATE_NOOP

# Literal in every translate() call: lupdate reads the context from the call itself.
CONTEXT = "Labels"

# Every value of SET_STATUSES and ANSWER_STATUSES (kvdesk.core.model); a test keeps them in step.
STATUSES = (
    QT_TRANSLATE_NOOP("Labels", "nieuw"),
    QT_TRANSLATE_NOOP("Labels", "in behandeling"),
    QT_TRANSLATE_NOOP("Labels", "ter goedkeuring"),
    QT_TRANSLATE_NOOP("Labels", "uitstel gemeld"),
    QT_TRANSLATE_NOOP("Labels", "verzonden"),
    QT_TRANSLATE_NOOP("Labels", "concept"),
    QT_TRANSLATE_NOOP("Labels", "ter review"),
    QT_TRANSLATE_NOOP("Labels", "akkoord"),
)

_BUCKETS = {
    DueBucket.TE_LAAT: QT_TRANSLATE_NOOP("Labels", "Te laat"),
    DueBucket.VANDAAG: QT_TRANSLATE_NOOP("Labels", "Vandaag"),
    DueBucket.DEZE_WEEK: QT_TRANSLATE_NOOP("Labels", "Deze week"),
    DueBucket.LATER: QT_TRANSLATE_NOOP("Labels", "Later"),
}

_MONTHS = (
    QT_TRANSLATE_NOOP("Labels", "jan"), QT_TRANSLATE_NOOP("Labels", "feb"), QT_TRANSLATE_NOOP("Labels", "mrt"),
    QT_TRANSLATE_NOOP("Labels", "apr"), QT_TRANSLATE_NOOP("Labels", "mei"), QT_TRANSLATE_NOOP("Labels", "jun"),
    QT_TRANSLATE_NOOP("Labels", "jul"), QT_TRANSLATE_NOOP("Labels", "aug"), QT_TRANSLATE_NOOP("Labels", "sep"),
    QT_TRANSLATE_NOOP("Labels", "okt"), QT_TRANSLATE_NOOP("Labels", "nov"), QT_TRANSLATE_NOOP("Labels", "dec"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def interface_language() -> str:
    """``"en"`` when the English translation is loaded, else ``"nl"``.

    The translation itself says which language it is (the Qt idiom Qt uses for the layout
    direction), so messages from below the interface (check findings) follow the words around
    them even when the translation file could not be loaded.
    """
    code = QCoreApplication.translate("Labels", "nl", "language code of this translation (nl, en)")
    return "en" if code == "en" else "nl"


def status_text(status: str) -> str:
    """A set's or an answer's stored status as the interface shows it."""
    return _tr(status) if status in STATUSES else status


def bucket_text(bucket: DueBucket) -> str:
    """"Te laat", "Vandaag", "Deze week", "Later" (or their translation)."""
    return _tr(_BUCKETS[bucket])


def numbers_text(numbers: Iterable[int]) -> str:
    """``[2, 3, 4]`` → ``"2, 3 en 4"`` (``"2, 3 and 4"`` in English)."""
    nums = [str(n) for n in sorted(numbers)]
    if len(nums) <= 1:
        return "".join(nums)
    return QCoreApplication.translate("Labels", "%1 en %2").replace("%1", ", ".join(nums[:-1])).replace("%2", nums[-1])


def short_date(day: dt.date) -> str:
    """``3 feb 2026`` with the month abbreviated in the interface's language."""
    return f"{day.day} {_tr(_MONTHS[day.month - 1])} {day.year}"
