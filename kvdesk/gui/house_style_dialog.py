"""Instellingen > Huisstijl: edit a house-style profile with a live preview of page 1 of the letter.

The text preview follows every edit at once (a short debounce); the rendered picture needs
LibreOffice and is made on a worker thread when the user asks for it. Saving writes the profile
atomically to the file it came from, or to the path the caller gives.
"""
from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kvdesk.export.errors import ExportError
from kvdesk.export.preview import describe_cover, render_cover_preview
from kvdesk.export.profile import HouseStyle, Labels, Signer, save_profile

log = logging.getLogger(__name__)


class _PreviewSignals(QObject):
    done = Signal(object)  # PNG bytes or None


class _PreviewJob(QRunnable):
    def __init__(self, profile: HouseStyle) -> None:
        super().__init__()
        self.profile = profile
        self.signals = _PreviewSignals()

    def run(self) -> None:
        try:
            png = render_cover_preview(self.profile)
        except Exception:  # a failed preview must never take the dialog down
            log.exception("house-style preview failed")
            png = None
        self.signals.done.emit(png)


class HouseStyleDialog(QDialog):
    """Edits one :class:`HouseStyle`; :meth:`profile` gives the edited copy."""

    saved = Signal(object)  # the saved HouseStyle

    def __init__(self, profile: HouseStyle, save_to: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Huisstijl"))
        self._original = profile
        self._save_to = save_to or profile.source
        self._jobs: list[_PreviewJob] = []

        self.name = QLineEdit(profile.name)
        self.name_lines = QPlainTextEdit("\n".join(profile.name_lines))
        self.unit_lines = QPlainTextEdit("\n".join(profile.unit_lines))
        self.return_address = QLineEdit(profile.return_address)
        self.visiting_address = QPlainTextEdit("\n".join(profile.visiting_address))
        self.postal_address = QPlainTextEdit("\n".join(profile.postal_address))
        self.website = QLineEdit(profile.website)
        self.contact_name = QLineEdit(profile.contact_name)
        self.contact_phone = QLineEdit(profile.contact_phone)
        self.contact_email = QLineEdit(profile.contact_email)
        self.our_reference_label = QLineEdit(profile.labels.our_reference)
        self.your_reference_label = QLineEdit(profile.labels.your_reference)
        first = profile.signers[0] if profile.signers else Signer("", "")
        self.signer_title = QLineEdit(first.title)
        self.signer_name = QLineEdit(first.name)
        self.font_edit = QLineEdit(profile.font)
        self.font_size = QDoubleSpinBox()
        self.font_size.setRange(6, 16)
        self.font_size.setSingleStep(0.5)
        self.font_size.setValue(profile.font_size)
        self.question_italic = QCheckBox(self.tr("Vraagteksten cursief"))
        self.question_italic.setChecked(profile.question_italic)
        self.logo = QLineEdit(str(profile.logo) if profile.logo else "")
        self.template = QLineEdit(str(profile.template) if profile.template else "")
        for edit in (self.name_lines, self.unit_lines, self.visiting_address, self.postal_address):
            edit.setFixedHeight(56)
            edit.setTabChangesFocus(True)

        form = QFormLayout()
        form.addRow(self.tr("Naam profiel"), self.name)
        form.addRow(self.tr("Naam ministerie (regels)"), self.name_lines)
        form.addRow(self.tr("Directie / afdeling"), self.unit_lines)
        form.addRow(self.tr("Retouradres"), self.return_address)
        form.addRow(self.tr("Bezoekadres"), self.visiting_address)
        form.addRow(self.tr("Postadres"), self.postal_address)
        form.addRow(self.tr("Website"), self.website)
        form.addRow(self.tr("Contactpersoon"), self.contact_name)
        form.addRow(self.tr("Telefoon"), self.contact_phone)
        form.addRow(self.tr("E-mail"), self.contact_email)
        form.addRow(self.tr("Label eigen kenmerk"), self.our_reference_label)
        form.addRow(self.tr("Label kenmerk Kamer"), self.your_reference_label)
        form.addRow(self.tr("Ondertekenaar (functie)"), self.signer_title)
        form.addRow(self.tr("Ondertekenaar (naam)"), self.signer_name)
        form.addRow(self.tr("Lettertype"), self.font_edit)
        form.addRow(self.tr("Korps (pt)"), self.font_size)
        form.addRow("", self.question_italic)
        form.addRow(self.tr("Logo (afbeelding)"), self._with_browse(self.logo, self.tr("Afbeeldingen (*.png *.jpg *.jpeg)")))
        form.addRow(self.tr("Word-sjabloon"), self._with_browse(self.template, self.tr("Word-sjablonen (*.dotx *.docx)")))

        self.preview_text = QPlainTextEdit()
        self.preview_text.setReadOnly(True)
        self.preview_text.setMinimumWidth(320)
        self.preview_image = QLabel()
        self.preview_image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.render_button = QPushButton(self.tr("Voorbeeld als afbeelding"))
        self.render_button.clicked.connect(self.render_preview)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Pagina 1 van de aanbiedingsbrief")))
        right.addWidget(self.preview_text, 1)
        right.addWidget(self.preview_image)
        right.addWidget(self.render_button)

        columns = QHBoxLayout()
        columns.addLayout(form, 1)
        columns.addLayout(right, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.update_preview)
        for line in self.findChildren(QLineEdit):
            line.textChanged.connect(self._debounce.start)
        for text in (self.name_lines, self.unit_lines, self.visiting_address, self.postal_address):
            text.textChanged.connect(self._debounce.start)
        self.font_size.valueChanged.connect(self._debounce.start)
        self.question_italic.toggled.connect(self._debounce.start)
        self.update_preview()

    def _with_browse(self, edit: QLineEdit, file_filter: str) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        button = QPushButton(self.tr("Kiezen…"))

        def browse() -> None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Bestand kiezen"), edit.text(), file_filter)
            if path:
                edit.setText(path)

        button.clicked.connect(browse)
        row.addWidget(button)
        return box

    def profile(self) -> HouseStyle:
        """The profile as edited (a copy; the original is untouched)."""

        def lines(edit: QPlainTextEdit) -> list[str]:
            return [line.strip() for line in edit.toPlainText().splitlines() if line.strip()]

        signers = list(self._original.signers)
        title, name = self.signer_title.text().strip(), self.signer_name.text().strip()
        if title or name:
            signers[:1] = [Signer(title, name)]
        else:
            signers = signers[1:]
        labels = replace(self._original.labels or Labels(), our_reference=self.our_reference_label.text(),
                         your_reference=self.your_reference_label.text())
        return replace(
            self._original,
            name=self.name.text().strip() or self._original.name,
            name_lines=lines(self.name_lines),
            unit_lines=lines(self.unit_lines),
            return_address=self.return_address.text().strip(),
            visiting_address=lines(self.visiting_address),
            postal_address=lines(self.postal_address),
            website=self.website.text().strip(),
            contact_name=self.contact_name.text().strip(),
            contact_phone=self.contact_phone.text().strip(),
            contact_email=self.contact_email.text().strip(),
            labels=labels,
            signers=signers,
            font=self.font_edit.text().strip() or self._original.font,
            font_size=self.font_size.value(),
            question_italic=self.question_italic.isChecked(),
            logo=Path(self.logo.text().strip()) if self.logo.text().strip() else None,
            template=Path(self.template.text().strip()) if self.template.text().strip() else None,
        )

    def update_preview(self) -> None:
        try:
            self.preview_text.setPlainText("\n".join(describe_cover(self.profile())))
            self.error.clear()
        except ExportError as exc:
            self.error.setText(exc.user_message)

    def render_preview(self) -> None:
        """Render page 1 with LibreOffice on a worker thread; the picture appears when it is done."""
        job = _PreviewJob(self.profile())
        job.signals.done.connect(self._show_picture)
        self._jobs.append(job)
        self.render_button.setEnabled(False)
        QThreadPool.globalInstance().start(job)

    def _show_picture(self, png: bytes | None) -> None:
        self._jobs = self._jobs[1:]
        self.render_button.setEnabled(True)
        if png is None:
            self.preview_image.setText(self.tr("Geen afbeelding: LibreOffice is niet geïnstalleerd."))
            return
        pixmap = QPixmap()
        pixmap.loadFromData(png)
        self.preview_image.setPixmap(pixmap.scaledToWidth(300, Qt.TransformationMode.SmoothTransformation))

    def save(self) -> None:
        if self._save_to is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Profiel opslaan"), "", self.tr("Profielen (*.toml)"))
            if not path:
                return
            self._save_to = Path(path)
        try:
            saved = save_profile(self.profile(), self._save_to)
        except ExportError as exc:
            self.error.setText(exc.user_message)
            return
        self.saved.emit(saved)
        self.accept()
