"""The pre-send checks in the app, and the overview of what is due.

:class:`ChecksPanel` runs the checks of :mod:`kvdesk.services.checking` off the GUI thread (the
spelling check may load the dictionary) and lists each finding; activating one emits
:attr:`ChecksPanel.jump_to` with its question number so the workspace can scroll there.
:class:`DueOverview` groups the stored sets as te laat / vandaag / deze week / later.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kvdesk.core.checks import Finding
from kvdesk.core.deadlines import DueBucket, deadline_status
from kvdesk.core.model import QuestionSet
from kvdesk.gui.labels import bucket_text, interface_language, short_date

log = logging.getLogger(__name__)

ERROR_COLOUR = QColor("#b3261e")
WARNING_COLOUR = QColor("#8a5a00")


def default_checker(qs: QuestionSet) -> Any:
    from kvdesk.services.checking import run_checks

    return run_checks(qs)


class _Relay(QObject):
    done = Signal(object, object, int)  # report | None, error text | None, generation


class ChecksPanel(QWidget):
    """The findings for the current set; each clickable, jumping to its answer."""

    jump_to = Signal(int)  # question number
    checked = Signal(object)  # the CheckReport

    def __init__(self, parent: QWidget | None = None, *, checker: Callable[[QuestionSet], Any] | None = None,
                 language: str | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Controles"))
        self._checker = checker or default_checker
        # Findings carry Dutch and English; without a choice they follow the loaded translation.
        self._language = language or interface_language()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kvdesk-checks")
        self._relay = _Relay(self)
        self._relay.done.connect(self._show_report, Qt.ConnectionType.QueuedConnection)
        self._generation = 0
        self._qs: QuestionSet | None = None
        self.report: Any = None

        self.summary = QLabel(self.tr("Nog niet gecontroleerd."), self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Samenvatting van de controles"))
        self.run_button = QPushButton(self.tr("Controleren"), self)
        self.run_button.setAccessibleName(self.tr("Controles uitvoeren"))
        self.run_button.clicked.connect(self.recheck)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Niveau"), self.tr("Vraag"), self.tr("Bevinding")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName(self.tr("Bevindingen"))
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.run_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)

    def check(self, qs: QuestionSet) -> None:
        """Run the checks on a copy of ``qs`` off the GUI thread; the list updates when done."""
        self._qs = qs
        self._generation += 1
        generation = self._generation
        self.summary.setText(self.tr("Bezig met controleren…"))
        self.run_button.setEnabled(False)

        def work() -> None:
            try:
                report = self._checker(qs)
            except Exception as exc:
                log.exception("checks failed")
                self._relay.done.emit(None, str(exc) or type(exc).__name__, generation)
                return
            self._relay.done.emit(report, None, generation)

        self._pool.submit(work)

    def recheck(self) -> None:
        if self._qs is not None:
            self.check(self._qs)

    def _show_report(self, report: Any, error: str | None, generation: int) -> None:
        if generation != self._generation:
            return  # a newer check is under way
        self.run_button.setEnabled(True)
        self.tree.clear()
        if report is None:
            self.summary.setText(self.tr("De controles konden niet worden uitgevoerd: {0}").format(error))
            return
        self.report = report
        from kvdesk.services.checking import summary_line

        self.summary.setText(summary_line(report, self._language))
        for finding in report.findings:
            self.tree.addTopLevelItem(self._item(finding))
        for note in getattr(report, "skipped", []):
            item = QTreeWidgetItem(["", "", self.tr("niet uitgevoerd: {0}").format(note)])
            self.tree.addTopLevelItem(item)
        self.tree.resizeColumnToContents(0)
        self.tree.resizeColumnToContents(1)
        self.checked.emit(report)

    def _item(self, finding: Finding) -> QTreeWidgetItem:
        level = self.tr("fout") if finding.is_error else self.tr("waarschuwing")
        where = ", ".join(str(n) for n in finding.questions) or "—"
        item = QTreeWidgetItem([level, where, finding.message(self._language)])
        brush = QBrush(ERROR_COLOUR if finding.is_error else WARNING_COLOUR)
        item.setForeground(0, brush)
        item.setData(0, Qt.ItemDataRole.UserRole, finding.questions[0] if finding.questions else 0)
        item.setToolTip(2, finding.message(self._language))
        return item

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        number = item.data(0, Qt.ItemDataRole.UserRole)
        if number:
            self.jump_to.emit(int(number))

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


class DueOverview(QWidget):
    """What is due: te laat, vandaag, deze week, later — each set activatable."""

    open_set = Signal(int)  # set id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Wat moet wanneer af"))
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Set"), self.tr("Termijn"), self.tr("Werkdagen")])
        self.tree.setAccessibleName(self.tr("Termijnen"))
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemDoubleClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)

    def show_sets(self, sets: Sequence[Any], today: dt.date | None = None) -> dict[DueBucket, int]:
        """Fill the overview from sets or set summaries; returns the count per bucket."""
        today = today or dt.date.today()
        groups: dict[DueBucket, list[tuple[Any, Any]]] = {b: [] for b in DueBucket}
        for s in sets:
            status = deadline_status(s, today)
            if status is not None and status.bucket is not None:
                groups[status.bucket].append((s, status))
        self.tree.clear()
        for bucket, items in groups.items():
            items.sort(key=lambda pair: pair[1].deadline)
            head = QTreeWidgetItem([f"{bucket_text(bucket)} ({len(items)})", "", ""])
            if bucket is DueBucket.TE_LAAT and items:
                head.setForeground(0, QBrush(ERROR_COLOUR))
            self.tree.addTopLevelItem(head)
            for s, status in items:
                label = f"{s.kenmerk or s.id}  {s.subject or ''}".strip()
                child = QTreeWidgetItem([label, short_date(status.deadline), str(status.working_days_left)])
                child.setData(0, Qt.ItemDataRole.UserRole, s.id)
                head.addChild(child)
            head.setExpanded(bucket is not DueBucket.LATER)
        return {b: len(v) for b, v in groups.items()}

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        set_id = item.data(0, Qt.ItemDataRole.UserRole)
        if set_id is not None:
            self.open_set.emit(int(set_id))
