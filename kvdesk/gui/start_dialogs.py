"""Questions asked while kvdesk starts, kept out of the main window's way.

Importing a Qt dialog class costs start-up time; this module is imported only when a question
must be asked.
"""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox


class LockedBox(QMessageBox):
    """The question when another kvdesk holds the database: read-only, or quit."""

    def __init__(self, exc: Exception) -> None:
        super().__init__()
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("kvdesk is al geopend"))
        self.setText(str(exc))
        self.setInformativeText(self.tr("Wilt u de vragensets alleen bekijken, of kvdesk afsluiten?"))
        self.read_only_button = self.addButton(self.tr("Alleen lezen openen"), QMessageBox.ButtonRole.AcceptRole)
        self.quit_button = self.addButton(self.tr("Afsluiten"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.quit_button)
