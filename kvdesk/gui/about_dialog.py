"""Help > Over kvdesk: the version, where the data, the database and the logs are, one click to the logs."""
from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from kvdesk import __version__

log = logging.getLogger(__name__)

OpenFolder = Callable[[Path], bool]


def open_folder(path: Path) -> bool:
    """Open ``path`` in the system's file manager (Explorer on Windows)."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


class AboutDialog(QDialog):
    """Version and locations; "Logmap openen" opens the log folder."""

    def __init__(self, *, data_dir: Path, database: str, log_dir: Path, parent: QWidget | None = None,
                 opener: OpenFolder | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Over kvdesk"))
        self.setAccessibleName(self.tr("Over kvdesk"))
        self.data_dir = data_dir
        self.log_dir = log_dir
        self._opener = opener or open_folder
        rows = [
            (self.tr("Versie"), __version__),
            (self.tr("Gegevensmap"), str(data_dir)),
            (self.tr("Database"), database),
            (self.tr("Logmap"), str(log_dir)),
        ]
        cells = "".join(
            f"<tr><td style='color:#5b6670;padding-right:12px'>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>"
            for k, v in rows
        )
        # Outside the f-string: lupdate does not see a tr() inside one.
        purpose = self.tr("Schriftelijke Kamervragen beantwoorden.")
        self.info = QLabel(
            f"<p><b>kvdesk {html.escape(__version__)}</b><br>"
            f"{html.escape(purpose)}</p>"
            f"<table cellspacing=0 cellpadding=2>{cells}</table>", self)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info.setWordWrap(True)
        self.info.setAccessibleName(self.tr("Gegevens van kvdesk"))
        self.open_logs_button = QPushButton(self.tr("Logmap openen"), self)
        self.open_logs_button.setAccessibleName(self.tr("Logmap openen"))
        self.open_logs_button.clicked.connect(self.open_logs)
        self.open_data_button = QPushButton(self.tr("Gegevensmap openen"), self)
        self.open_data_button.setAccessibleName(self.tr("Gegevensmap openen"))
        self.open_data_button.clicked.connect(lambda: self._open(self.data_dir))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.open_logs_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_data_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def open_logs(self) -> None:
        self._open(self.log_dir)

    def _open(self, folder: Path) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            log.warning("could not create %s: %s", folder, exc)
        if not self._opener(folder):
            # No file manager (a locked-down desktop): the path is selectable above.
            self.message.setText(self.tr("De map kon niet worden geopend; kopieer het pad hierboven."))
