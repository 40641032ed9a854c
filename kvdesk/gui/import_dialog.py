"""Importing a question set: paste or pick a file, review the split, then store.

The dialog has two pages. On the first the user pastes text (or drops or picks a file); parsing
runs off the GUI thread. The second shows the source beside the result: the metadata (kenmerk,
ingezonden, subject, members and parties) can be edited, and questions can be merged, split at
the cursor and renumbered. Nothing is stored until the user accepts; the caller stores the
result (``result_set()``), updating an existing kenmerk when ``update_existing()`` says so.
"""
from __future__ import annotations

import copy
import datetime as dt
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kvdesk.core.model import Member, QuestionSet
from kvdesk.core.parsing.dates import to_date
from kvdesk.core.parsing.edit import merge_questions, renumber, split_question
from kvdesk.core.references import format_date_nl
from kvdesk.gui.labels import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

# What the file dialog offers; the parser recognises the format by content anyway.
FILE_FILTER = QT_TRANSLATE_NOOP("ImportDialog",
                                "Vragensets (*.txt *.docx *.pdf *.html *.htm *.xml *.json);;Alle bestanden (*)")

ParseBytes = Callable[[bytes, "str | None"], QuestionSet]
Exists = Callable[[str], bool]



def _default_parse(data: bytes, filename: str | None) -> QuestionSet:
    from kvdesk.services.importing import parse_bytes

    return parse_bytes(data, filename)


def format_date(day: dt.date | None) -> str:
    return format_date_nl(day) if day else ""


def read_date(text: str) -> dt.date | None:
    """``31 december 2025``, ``31-12-2025`` or ``2025-12-31``; ``None`` for empty; ValueError otherwise."""
    text = " ".join(text.split()).lower()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    parts = text.replace("-", " ").replace("/", " ").split()
    if len(parts) == 3:
        day, month, year = parts
        if month.isdigit():
            return dt.date(int(year), int(month), int(day))  # ValueError when they make no date
        found = to_date(day, month, year)
        if found is not None:
            return found
    raise ValueError(text)


class _Relay(QObject):
    """Carries a worker's result back to the GUI thread."""

    done = Signal(object, object)  # QuestionSet | None, error message | None


class ImportDialog(QDialog):
    """Paste or pick a question set, review the split, and hand back the corrected set."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        parse: ParseBytes | None = None,
        exists: Exists | None = None,
        text: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Vragenset importeren"))
        self.setAccessibleName(self.tr("Vragenset importeren"))
        self.setAcceptDrops(True)
        self.resize(1100, 700)
        self._parse = parse or _default_parse
        self._exists = exists or (lambda _k: False)
        self._qs: QuestionSet | None = None
        self._history: list[QuestionSet] = []
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kvdesk-import")
        self._relay = _Relay(self)
        self._relay.done.connect(self._parsed, Qt.ConnectionType.QueuedConnection)
        self._current_number: int | None = None

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_input_page())
        self.pages.addWidget(self._build_review_page())
        self.buttons = QDialogButtonBox(self)
        self.back_button = self.buttons.addButton(self.tr("Terug"), QDialogButtonBox.ButtonRole.ResetRole)
        self.parse_button = self.buttons.addButton(self.tr("Ontleden"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = self.buttons.addButton(self.tr("Opslaan"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.back_button.clicked.connect(self._back)
        self.parse_button.clicked.connect(self.parse_pasted)
        self.save_button.clicked.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        for button in (self.back_button, self.parse_button, self.save_button):
            button.setAccessibleName(button.text())

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Meldingen"))
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._show_page(0)
        if text:
            self.paste_box.setPlainText(text)

    # ------------------------------------------------------------------ pages

    def _build_input_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        intro = QLabel(
            self.tr(
                "Plak hier de tekst van de vragen (uit Word, een pdf, een webpagina of e-mail), "
                "of kies of sleep een bestand (.docx, .pdf, .html, .xml, .txt)."
            ),
            page,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.paste_box = QPlainTextEdit(page)
        self.paste_box.setAccessibleName(self.tr("Tekst van de vragen"))
        self.paste_box.setPlaceholderText(self.tr("Vragen van het lid … aan de minister van … over …"))
        layout.addWidget(self.paste_box, 1)
        row = QHBoxLayout()
        self.file_button = QPushButton(self.tr("Bestand kiezen…"), page)
        self.file_button.setAccessibleName(self.tr("Bestand kiezen"))
        self.file_button.clicked.connect(self._choose_file)
        row.addWidget(self.file_button)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    def _build_review_page(self) -> QWidget:
        page = QWidget(self)
        split = QSplitter(Qt.Orientation.Horizontal, page)
        self.source_view = QPlainTextEdit(split)
        self.source_view.setReadOnly(True)
        self.source_view.setAccessibleName(self.tr("Brontekst"))

        right = QWidget(split)
        rlayout = QVBoxLayout(right)
        form = QFormLayout()
        self.kenmerk_edit = QLineEdit(right)
        self.kenmerk_edit.setPlaceholderText("2025Z01234")
        self.date_edit = QLineEdit(right)
        self.date_edit.setPlaceholderText(self.tr("31 december 2025"))
        self.subject_edit = QLineEdit(right)
        self.addressees_label = QLabel(right)
        self.addressees_label.setWordWrap(True)
        for label, widget in (
            (self.tr("Kenmerk"), self.kenmerk_edit),
            (self.tr("Ingezonden"), self.date_edit),
            (self.tr("Onderwerp"), self.subject_edit),
            (self.tr("Gericht aan"), self.addressees_label),
        ):
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        self.kenmerk_edit.textChanged.connect(self._update_existing_notice)
        rlayout.addLayout(form)

        self.members_table = QTableWidget(0, 2, right)
        self.members_table.setHorizontalHeaderLabels([self.tr("Lid"), self.tr("Partij")])
        self.members_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.members_table.setAccessibleName(self.tr("Vragenstellers"))
        self.members_table.setMaximumHeight(150)
        rlayout.addWidget(self.members_table)
        mrow = QHBoxLayout()
        add_member = QPushButton(self.tr("Lid toevoegen"), right)
        add_member.clicked.connect(self._add_member_row)
        remove_member = QPushButton(self.tr("Lid verwijderen"), right)
        remove_member.clicked.connect(self._remove_member_row)
        for b in (add_member, remove_member):
            b.setAccessibleName(b.text())
            mrow.addWidget(b)
        mrow.addStretch(1)
        rlayout.addLayout(mrow)

        qsplit = QSplitter(Qt.Orientation.Horizontal, right)
        self.question_list = QListWidget(qsplit)
        self.question_list.setAccessibleName(self.tr("Vragen"))
        self.question_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.question_list.currentRowChanged.connect(self._question_selected)
        self.question_text = QPlainTextEdit(qsplit)
        self.question_text.setAccessibleName(self.tr("Tekst van de vraag"))
        self.question_text.textChanged.connect(self._question_edited)
        qsplit.setSizes([220, 420])
        rlayout.addWidget(qsplit, 1)

        brow = QHBoxLayout()
        self.merge_button = QPushButton(self.tr("Samenvoegen met volgende"), right)
        self.split_button = QPushButton(self.tr("Splitsen bij cursor"), right)
        self.renumber_button = QPushButton(self.tr("Hernummeren vanaf 1"), right)
        self.undo_button = QPushButton(self.tr("Ongedaan maken"), right)
        self.merge_button.clicked.connect(self.merge_current)
        self.split_button.clicked.connect(self.split_current)
        self.renumber_button.clicked.connect(self.renumber_all)
        self.undo_button.clicked.connect(self.undo)
        for b in (self.merge_button, self.split_button, self.renumber_button, self.undo_button):
            b.setAccessibleName(b.text())
            brow.addWidget(b)
        brow.addStretch(1)
        rlayout.addLayout(brow)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self.question_list, self.undo)

        self.warnings_label = QLabel(right)
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setAccessibleName(self.tr("Onzekerheden"))
        rlayout.addWidget(self.warnings_label)
        self.update_check = QCheckBox(right)
        self.update_check.setAccessibleName(self.tr("Bestaande set bijwerken"))
        self.update_check.setVisible(False)
        rlayout.addWidget(self.update_check)

        split.setSizes([420, 680])
        layout = QVBoxLayout(page)
        layout.addWidget(split)
        return page

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.back_button.setVisible(index == 1)
        self.parse_button.setVisible(index == 0)
        self.save_button.setVisible(index == 1)
        self.save_button.setDefault(index == 1)
        self.parse_button.setDefault(index == 0)

    def _back(self) -> None:
        self._show_page(0)

    # ---------------------------------------------------------------- parsing

    def parse_pasted(self) -> None:
        text = self.paste_box.toPlainText()
        if not text.strip():
            self.status.setText(self.tr("Plak eerst de tekst van de vragen, of kies een bestand."))
            return
        self.start_parse(text.encode("utf-8"), None, text)

    def load_file(self, path: Path) -> None:
        """Read ``path`` and parse it (off the GUI thread)."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.status.setText(self.tr("{0} kan niet worden gelezen: {1}").format(path.name, exc.strerror or exc))
            return
        self.start_parse(data, path.name, None)

    def start_parse(self, data: bytes, filename: str | None, source: str | None) -> None:
        self.status.setText(self.tr("Bezig met ontleden…"))
        self.parse_button.setEnabled(False)

        def work() -> None:
            try:
                qs = self._parse(data, filename)
            except Exception as exc:  # noqa: BLE001 - any parse failure is shown, never raised
                self._relay.done.emit(None, str(exc) or type(exc).__name__)
                return
            if source is not None and not qs.source_text:
                qs.source_text = source
            self._relay.done.emit(qs, None)

        self._pool.submit(work)

    def _parsed(self, qs: QuestionSet | None, error: str | None) -> None:
        self.parse_button.setEnabled(True)
        if qs is None:
            self.status.setText(self.tr("Niet gelukt: {0}").format(error))
            return
        self.status.setText("")
        self._history.clear()
        self.set_question_set(qs)
        self._show_page(1)

    # ----------------------------------------------------------------- review

    def set_question_set(self, qs: QuestionSet) -> None:
        """Show ``qs`` for review (also used by tests and by re-imports)."""
        self._qs = qs
        self.source_view.setPlainText(qs.source_text or "")
        self.kenmerk_edit.setText(qs.kenmerk or "")
        self.date_edit.setText(format_date(qs.submitted_on))
        self.subject_edit.setText(qs.subject or "")
        self.addressees_label.setText("; ".join(a.title for a in qs.addressees) or self.tr("(onbekend)"))
        self.members_table.setRowCount(0)
        for m in qs.members:
            self._add_member_row(m)
        self.warnings_label.setText("\n".join("⚠ " + w for w in qs.warnings))
        self._fill_questions()
        self._update_existing_notice()

    def _fill_questions(self, select: int = 0) -> None:
        assert self._qs is not None
        self.question_list.blockSignals(True)
        self.question_list.clear()
        for q in self._qs.questions:
            first = " ".join(q.text.split())[:60]
            item = QListWidgetItem(f"{q.number}. {first}")
            item.setData(Qt.ItemDataRole.UserRole, q.number)
            self.question_list.addItem(item)
        self.question_list.blockSignals(False)
        self._current_number = None
        if self.question_list.count():
            self.question_list.setCurrentRow(min(select, self.question_list.count() - 1))
        else:
            self.question_text.blockSignals(True)
            self.question_text.clear()
            self.question_text.blockSignals(False)
        self._update_buttons()

    def _question_selected(self, row: int) -> None:
        if self._qs is None or row < 0 or row >= len(self._qs.questions):
            self._current_number = None
            return
        q = self._qs.questions[row]
        self._current_number = q.number
        self.question_text.blockSignals(True)
        self.question_text.setPlainText(q.text)
        self.question_text.blockSignals(False)
        self._update_buttons()

    def _question_edited(self) -> None:
        if self._qs is None or self._current_number is None:
            return
        q = self._qs.question(self._current_number)
        if q is not None:
            q.text = self.question_text.toPlainText()
            item = self.question_list.currentItem()
            if item is not None:
                item.setText(f"{q.number}. {' '.join(q.text.split())[:60]}")

    def _update_buttons(self) -> None:
        row = self.question_list.currentRow()
        count = self.question_list.count()
        self.merge_button.setEnabled(0 <= row < count - 1)
        self.split_button.setEnabled(row >= 0)
        self.renumber_button.setEnabled(count > 0)
        self.undo_button.setEnabled(bool(self._history))

    def _change(self, op: Callable[[QuestionSet], QuestionSet], select: int) -> None:
        assert self._qs is not None
        try:
            changed = op(self._qs)
        except ValueError as exc:
            self.status.setText(str(exc))
            return
        self._history.append(copy.deepcopy(self._qs))
        changed.source_text = self._qs.source_text
        self._qs = changed
        self._fill_questions(select)
        self.status.setText("")

    def merge_current(self) -> None:
        row = self.question_list.currentRow()
        if self._qs is None or self._current_number is None:
            return
        number = self._current_number
        self._change(lambda qs: merge_questions(qs, number), row)

    def split_current(self) -> None:
        row = self.question_list.currentRow()
        if self._qs is None or self._current_number is None:
            return
        number = self._current_number
        offset = self.question_text.textCursor().position()
        self._change(lambda qs: split_question(qs, number, offset), row + 1)

    def renumber_all(self) -> None:
        self._change(lambda qs: renumber(qs, 1), max(0, self.question_list.currentRow()))

    def undo(self) -> None:
        if not self._history:
            return
        self._qs = self._history.pop()
        self._fill_questions(max(0, self.question_list.currentRow()))

    def _add_member_row(self, member: Member | None = None) -> None:
        row = self.members_table.rowCount()
        self.members_table.insertRow(row)
        name = member.name if isinstance(member, Member) else ""
        party = (member.party or "") if isinstance(member, Member) else ""
        self.members_table.setItem(row, 0, QTableWidgetItem(name))
        self.members_table.setItem(row, 1, QTableWidgetItem(party))

    def _remove_member_row(self) -> None:
        row = self.members_table.currentRow()
        if row >= 0:
            self.members_table.removeRow(row)

    def _update_existing_notice(self) -> None:
        kenmerk = self.kenmerk_edit.text().strip().replace(" ", "")
        exists = bool(kenmerk) and self._exists(kenmerk)
        self.update_check.setVisible(exists)
        if exists:
            self.update_check.setText(
                self.tr("Kenmerk {0} bestaat al: de vragen bijwerken (concept-antwoorden blijven bewaard)").format(
                    kenmerk
                )
            )
            self.update_check.setChecked(True)

    # ----------------------------------------------------------------- result

    def _collect(self) -> QuestionSet | None:
        """The reviewed set with the edits of the form applied; ``None`` (with a message) if invalid."""
        if self._qs is None:
            return None
        qs = copy.deepcopy(self._qs)
        kenmerk = self.kenmerk_edit.text().strip().replace(" ", "").upper()
        qs.kenmerk = kenmerk or None
        try:
            qs.submitted_on = read_date(self.date_edit.text())
        except ValueError:
            self.status.setText(self.tr("De datum ‘{0}’ is niet te lezen; schrijf bijvoorbeeld 31 december 2025.")
                                .format(self.date_edit.text()))
            return None
        qs.subject = self.subject_edit.text().strip() or None
        members = []
        for row in range(self.members_table.rowCount()):
            name_item = self.members_table.item(row, 0)
            party_item = self.members_table.item(row, 1)
            name = name_item.text().strip() if name_item else ""
            party = party_item.text().strip() if party_item else ""
            if name:
                members.append(Member(name, party or None))
        qs.members = members
        if not qs.questions and qs.kind != "mondeling":
            self.status.setText(self.tr("Er zijn geen vragen gevonden; plak de tekst opnieuw of voeg vragen samen."))
            return None
        return qs

    def _accept(self) -> None:
        if self._collect() is not None:
            self.accept()

    def result_set(self) -> QuestionSet | None:
        """The corrected set, after the dialog was accepted."""
        return self._collect()

    def update_existing(self) -> bool:
        """Whether an existing set with this kenmerk should be updated (keeping its drafts)."""
        return self.update_check.isVisibleTo(self) and self.update_check.isChecked()

    # ---------------------------------------------------------------- files

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Vragenset openen"), "", self.tr(FILE_FILTER))
        if name:
            self.load_file(Path(name))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() or event.mimeData().hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        for url in mime.urls():
            if url.isLocalFile():
                self.load_file(Path(url.toLocalFile()))
                event.acceptProposedAction()
                return
        if mime.hasText():
            self.paste_box.setPlainText(mime.text())
            self._show_page(0)
            event.acceptProposedAction()

    def done(self, result: int) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        super().done(result)
