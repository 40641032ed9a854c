"""Exporting the reply (or the delay notice) from the app.

The dialog collects where to write, the house-style profile, who answers, PDF or not, and for a
delay notice the reason. Before a reply is written the checks run; error-level findings are shown
and block the export unless the user chooses "Toch exporteren", which is recorded. The writing
itself runs off the GUI thread (a progress dialog appears only when it is slow). A target that is
open in Word gets a clear message and the offer of another name; nothing is lost.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kvdesk.core.model import QuestionSet
from kvdesk.gui.labels import interface_language

log = logging.getLogger(__name__)

REPLY = "reply"
DELAY = "delay"


@dataclass
class ExportRequest:
    """What the user asked for; plain data, handed to a worker."""

    kind: str
    out_dir: Path
    profile: str | None = None
    pdf: bool = False
    answerers: list[str] = field(default_factory=list)
    reason: str = ""
    override: bool = False


def available_profiles(user_dir: Path | None) -> list[tuple[str, str]]:
    """(label, name-or-path) of the shipped profiles and the user's own."""
    from kvdesk.export.profile import RESOURCES_PROFILES

    found: list[tuple[str, str]] = []
    for folder in (user_dir, Path(RESOURCES_PROFILES)):
        if folder is None or not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            found.append((path.stem, str(path)))
    return found


def run_export(qs: QuestionSet, request: ExportRequest, *, profiles_dir: Path | None = None,
               on_locked: str = "raise") -> list[Path]:
    """Write what ``request`` asks for (on a worker thread); returns the written paths."""
    from kvdesk.services import exporting

    style = exporting.resolve_profile(request.profile, [profiles_dir] if profiles_dir else None)
    answerer: Any = None
    if request.answerers:
        answerer = request.answerers[0] if len(request.answerers) == 1 else request.answerers[:2]
    if request.kind == DELAY:
        return exporting.export_delay_notice(qs, request.out_dir, request.reason, profile=style, pdf=request.pdf,
                                             answerer=answerer, on_locked=on_locked)
    return exporting.export_reply(qs, request.out_dir, profile=style, pdf=request.pdf, answerer=answerer,
                                  on_locked=on_locked)


class ExportDialog(QDialog):
    """Ask what to export; validate; the caller runs :func:`run_export` with :meth:`request`."""

    def __init__(self, qs: QuestionSet, parent: QWidget | None = None, *, kind: str = REPLY,
                 out_dir: Path | None = None, profiles_dir: Path | None = None,
                 converter_available: Callable[[], bool] | None = None) -> None:
        super().__init__(parent)
        self.qs = qs
        self.kind = kind
        title = self.tr("Uitstelbericht exporteren") if kind == DELAY else self.tr("Beantwoording exporteren")
        self.setWindowTitle(title)
        self.setAccessibleName(title)

        form = QFormLayout()
        self.folder_edit = QLineEdit(str(out_dir or Path.home()), self)
        browse = QPushButton(self.tr("Bladeren…"), self)
        browse.setAccessibleName(self.tr("Map kiezen"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Map"), row)
        self.folder_edit.setAccessibleName(self.tr("Map"))

        self.profile_combo = QComboBox(self)
        self.profile_combo.setAccessibleName(self.tr("Huisstijl"))
        for label, value in available_profiles(profiles_dir):
            self.profile_combo.addItem(label, value)
        form.addRow(self.tr("Huisstijl"), self.profile_combo)

        self.answerer_combo = QComboBox(self)
        self.answerer_combo.setAccessibleName(self.tr("Wie antwoordt"))
        titles = [a.title for a in qs.addressees]
        if titles:
            self.answerer_combo.addItem(
                self.tr("{0}{1}").format(titles[0], self.tr(", mede namens de anderen") if len(titles) > 1 else ""),
                [],
            )
            for t in titles[1:]:
                self.answerer_combo.addItem(t, [t])
            if len(titles) > 1:
                self.answerer_combo.addItem(self.tr("{0} en {1} samen").format(titles[0], titles[1]), titles[:2])
        else:
            self.answerer_combo.addItem(self.tr("(geen bewindspersoon bekend)"), [])
        self.other_answerer = QLineEdit(self)
        self.other_answerer.setPlaceholderText(self.tr("of typ een andere bewindspersoon, bv. minister van Financiën"))
        self.other_answerer.setAccessibleName(self.tr("Andere bewindspersoon"))
        form.addRow(self.tr("Wie antwoordt"), self.answerer_combo)
        form.addRow("", self.other_answerer)

        self.pdf_check = QCheckBox(self.tr("Ook als PDF"), self)
        self.pdf_check.setAccessibleName(self.tr("Ook als PDF"))
        has_converter = (converter_available or _converter_available)()
        if not has_converter:
            self.pdf_check.setEnabled(False)
            self.pdf_check.setToolTip(self.tr("Geen PDF-omzetter gevonden: installeer LibreOffice (of Word)."))
        form.addRow("", self.pdf_check)

        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setAccessibleName(self.tr("Reden van het uitstel"))
        self.reason_edit.setPlaceholderText(self.tr("De reden hiervoor is dat de benodigde interdepartementale "
                                                    "afstemming meer tijd vergt."))
        self.reason_edit.setMaximumHeight(90)
        if kind == DELAY:
            form.addRow(self.tr("Reden"), self.reason_edit)
        else:
            self.reason_edit.hide()

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Melding"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Exporteren"))
        ok.setAccessibleName(self.tr("Exporteren"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Map voor de brieven"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def request(self) -> ExportRequest:
        answerers: list[str] = list(self.answerer_combo.currentData() or [])
        other = self.other_answerer.text().strip()
        if other:
            answerers = [other]
        return ExportRequest(
            kind=self.kind,
            out_dir=Path(self.folder_edit.text().strip()).expanduser(),
            profile=self.profile_combo.currentData(),
            pdf=self.pdf_check.isChecked(),
            answerers=answerers,
            reason=self.reason_edit.toPlainText().strip(),
        )

    def validate(self) -> str | None:
        """A one-line problem with the input, or ``None`` when it can be exported."""
        req = self.request()
        if not self.folder_edit.text().strip():
            return self.tr("Kies een map voor de brieven.")
        if req.out_dir.exists() and not req.out_dir.is_dir():
            return self.tr("{0} is geen map.").format(req.out_dir)
        if req.kind == DELAY and not req.reason:
            return self.tr("Een uitstelbericht vraagt een reden (het Reglement van Orde eist die).")
        return None

    def _accept(self) -> None:
        problem = self.validate()
        if problem:
            self.message.setText(problem)
            return
        self.accept()


def _converter_available() -> bool:
    from kvdesk.export.pdf import find_converter

    return find_converter() is not None


def confirm_override(parent: QWidget | None, report: Any) -> bool:
    """Show the error-level findings and ask whether to export anyway."""
    from kvdesk.services.checking import format_findings

    # Spelled out, not through a helper or an alias: lupdate finds only literal translate() calls.
    lines = format_findings(report.errors, interface_language())
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("ExportDialog", "Controles vinden fouten"))
    box.setText(QCoreApplication.translate("ExportDialog", "De controles vinden {0} fout(en). Eerst oplossen, "
                                                           "of toch exporteren?").format(len(report.errors)))
    box.setDetailedText("\n".join(lines))
    anyway = box.addButton(QCoreApplication.translate("ExportDialog", "Toch exporteren"),
                           QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QCoreApplication.translate("ExportDialog", "Eerst oplossen"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is anyway
