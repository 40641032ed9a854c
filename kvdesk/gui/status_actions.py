"""Changing a set's status with the date it happened.

"uitstel gemeld — uitstelbericht verzonden" records that the delay notice went out; the
repository then dates the notice, which moves the deadline three weeks on. The dialog only
asks; the main window stores the :class:`StatusChoice` as an operation.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kvdesk.core.model import SET_STATUSES
from kvdesk.gui.labels import status_text

DELAYED = "uitstel gemeld"


def status_label(status: str) -> str:
    """How the status is offered: the delay status says what it records."""
    if status == DELAYED:
        return QCoreApplication.translate("StatusDialog", "uitstel gemeld — uitstelbericht verzonden")
    return status_text(status)


@dataclass(frozen=True)
class StatusChoice:
    """A status change as the user asked for it."""

    status: str
    on: dt.date
    note: str | None = None


class StatusDialog(QDialog):
    """Choose the new status, the day it happened (default today) and an optional note."""

    def __init__(self, current: str, parent: QWidget | None = None, *, status: str | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Status van de set"))
        self.setAccessibleName(self.tr("Status van de set"))
        self.status_combo = QComboBox(self)
        self.status_combo.setAccessibleName(self.tr("Nieuwe status"))
        for st in SET_STATUSES:
            self.status_combo.addItem(status_label(st), st)
        wanted = status or current
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(wanted)))
        day = today or dt.date.today()
        self.date_edit = QDateEdit(QDate(day.year, day.month, day.day), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd-MM-yyyy")
        self.date_edit.setAccessibleName(self.tr("Datum van de wijziging"))
        self.note_edit = QLineEdit(self)
        self.note_edit.setAccessibleName(self.tr("Toelichting"))
        self.note_edit.setPlaceholderText(self.tr("bijvoorbeeld: uitstelbericht per e-mail aan de griffie"))
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("statusHint")
        form = QFormLayout()
        form.addRow(self.tr("Status"), self.status_combo)
        form.addRow(self.tr("Datum"), self.date_edit)
        form.addRow(self.tr("Toelichting"), self.note_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Vastleggen"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.status_combo.currentIndexChanged.connect(lambda _i: self._update_hint())
        self._update_hint()

    def _update_hint(self) -> None:
        if self.status_combo.currentData() == DELAYED:
            self.hint.setText(self.tr("Vastleggen dat het uitstelbericht is verzonden schuift de termijn "
                                      "drie weken op."))
        else:
            self.hint.setText("")

    def choice(self) -> StatusChoice:
        q = self.date_edit.date()
        note = self.note_edit.text().strip() or None
        return StatusChoice(str(self.status_combo.currentData()), dt.date(q.year(), q.month(), q.day()), note)
