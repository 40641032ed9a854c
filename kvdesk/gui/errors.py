"""The last line of defence: an unexpected error is logged and shown in a dialog the user can copy."""
from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

log = logging.getLogger(__name__)


class ErrorDialog(QDialog):
    """What went wrong, the technical details to copy, and where the log file is."""

    def __init__(self, summary: str, details: str, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("kvdesk: onverwachte fout"))
        self.setAccessibleName(self.windowTitle())
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Er ging iets mis: %1\n\nUw tekst is bewaard (automatisch opgeslagen en in het herstelbestand). "
            "Stuur de gegevens hieronder naar de servicedesk."
        ).replace("%1", summary))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        where = self.tr("Logbestand: %1").replace("%1", str(log_path) if log_path else self.tr("(geen)"))
        self.log_label = QLabel(where)
        self.log_label.setWordWrap(True)
        layout.addWidget(self.log_label)
        self.details = QPlainTextEdit(f"{summary}\n{where}\n\n{details}")
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Technische gegevens"))
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox()
        copy = buttons.addButton(self.tr("Kopiëren"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Sluiten"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QApplication.clipboard().setText(self.details.toPlainText())


class ExceptionHook:
    """Installed as ``sys.excepthook``: log the error, then show :class:`ErrorDialog` (once at a time)."""

    def __init__(self, log_path: Path | None, *, show: bool = True) -> None:
        self.log_path = log_path
        self.show = show
        self.showing = False
        self.last: ErrorDialog | None = None
        self.previous = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self.previous

    def __call__(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self.previous(kind, value, tb)
            return
        log.critical("unexpected error", exc_info=(kind, value, tb))
        if self.showing or QApplication.instance() is None:
            return
        self.showing = True
        try:
            details = "".join(traceback.format_exception(kind, value, tb))
            self.last = ErrorDialog(f"{kind.__name__}: {value}", details, self.log_path)
            if self.show:
                self.last.exec()
        finally:
            self.showing = False
