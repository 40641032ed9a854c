"""Geschiedenis: every saved version of one answer, a word-level diff, and Herstellen."""
from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kvdesk.core.diff import diff_html
from kvdesk.core.model import Answer, Revision
from kvdesk.gui.labels import numbers_text
from kvdesk.gui.operations import Executor
from kvdesk.services import drafting
from kvdesk.services.context import Context

log = logging.getLogger(__name__)


def revision_title(rev: Revision) -> str:
    note = f" — {rev.note}" if rev.note else ""
    return f"{rev.created_at:%d-%m-%Y %H:%M:%S}  {rev.author}{note}"


class HistoryDialog(QDialog):
    """The revisions of one answer, newest first; compare any two; restore one."""

    def __init__(
        self,
        ctx: Context,
        executor: Executor,
        set_id: int,
        numbers: list[int],
        *,
        on_restored: Callable[[Answer], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.executor = executor
        self.set_id = set_id
        self.numbers = numbers
        self.on_restored = on_restored
        label = numbers_text(numbers)
        self.setWindowTitle(self.tr("Geschiedenis van antwoord %1").replace("%1", label))
        self.setAccessibleName(self.windowTitle())
        self.resize(860, 560)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.versions = QListWidget()
        self.versions.setAccessibleName(self.tr("Versies"))
        self.versions.setMaximumWidth(330)
        top.addWidget(self.versions)
        right = QVBoxLayout()
        pick = QHBoxLayout()
        pick.addWidget(QLabel(self.tr("Vergelijk met:")))
        self.base = QComboBox()
        self.base.setAccessibleName(self.tr("Vergelijken met versie"))
        pick.addWidget(self.base, 1)
        right.addLayout(pick)
        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Samenvatting van de wijzigingen"))
        right.addWidget(self.summary)
        self.diff = QTextBrowser()
        self.diff.setAccessibleName(self.tr("Verschillen"))
        self.diff.setOpenLinks(False)
        right.addWidget(self.diff, 1)
        top.addLayout(right, 1)
        layout.addLayout(top, 1)
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(self.tr("Herstellen"))
        self.restore_button.setAccessibleName(self.tr("Deze versie herstellen"))
        self.restore_button.setToolTip(self.tr("Maakt van deze versie het huidige antwoord (als nieuwe versie)"))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Sluiten"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.revisions: list[Revision] = []
        self.versions.currentRowChanged.connect(lambda _r: self.show_diff())
        self.base.currentIndexChanged.connect(lambda _i: self.show_diff())
        self.restore_button.clicked.connect(self.restore)
        self.reload()

    def reload(self) -> None:
        wanted = set(self.numbers)
        self.revisions = [r for r in self.ctx.repo.revisions(self.set_id, self.numbers) if set(r.questions) & wanted]
        self.revisions.reverse()  # newest first
        self.versions.blockSignals(True)
        self.base.blockSignals(True)
        self.versions.clear()
        self.base.clear()
        for rev in self.revisions:
            item = QListWidgetItem(revision_title(rev))
            item.setData(Qt.ItemDataRole.UserRole, rev.id)
            self.versions.addItem(item)
            self.base.addItem(revision_title(rev), rev.id)
        self.base.addItem(self.tr("(leeg)"), None)
        self.versions.blockSignals(False)
        self.base.blockSignals(False)
        if self.revisions:
            self.versions.setCurrentRow(0)
            self.base.setCurrentIndex(1 if len(self.revisions) > 1 else self.base.count() - 1)
        self.restore_button.setEnabled(bool(self.revisions))
        self.show_diff()

    def _selected(self) -> Revision | None:
        row = self.versions.currentRow()
        return self.revisions[row] if 0 <= row < len(self.revisions) else None

    def _base(self) -> Revision | None:
        rev_id = self.base.currentData()
        return next((r for r in self.revisions if r.id == rev_id), None)

    def show_diff(self) -> None:
        new = self._selected()
        if new is None:
            self.summary.setText(self.tr("Nog geen opgeslagen versies."))
            self.diff.clear()
            return
        old = self._base()
        # Always show the change from the older version to the newer one.
        older_first = old is None or (old.id or 0) <= (new.id or 0)
        old_rev, new_rev = (old, new) if older_first else (new, old)
        result = drafting.revision_diff(old_rev.text if old_rev else "", new_rev.text if new_rev else "")
        if result.formatting_only:
            summary = self.tr("Dezelfde woorden; alleen de opmaak is gewijzigd.")
        else:
            summary = self.tr("%1 woorden toegevoegd, %2 verwijderd.").replace("%1", str(result.added)).replace(
                "%2", str(result.removed))
        self.summary.setText(summary)
        self.diff.setHtml(f"<div style='font-size:10pt;line-height:140%'>{diff_html(result.parts)}</div>")

    def restore(self) -> None:
        rev = self._selected()
        if rev is None or rev.id is None:
            return
        ctx, set_id, rev_id = self.ctx, self.set_id, rev.id

        def done(answer: Answer) -> None:
            if self.on_restored is not None:
                self.on_restored(answer)
            self.reload()

        def failed(exc: BaseException) -> None:
            log.error("restoring revision %s failed: %s", rev_id, exc)
            self.summary.setText(self.tr("Herstellen is mislukt: %1").replace("%1", str(exc)))

        self.executor.run(lambda: drafting.restore_revision(ctx, set_id, rev_id), on_success=done, on_failure=failed)
