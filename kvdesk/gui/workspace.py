"""The centre of the window: one question set, every question beside its answer editor.

Rows are built lazily: a row is a light placeholder until it scrolls into view (or the idle
timer gets to it), so a 73-question set opens at once. Each row autosaves its answer after a
pause in typing, when the editor loses focus and when the window closes; every save is a
revision. Between saves the text goes to the crash journal after a shorter pause.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kvdesk.core import richtext
from kvdesk.core.model import ANSWER_STATUSES, SET_STATUSES, Answer, Question, QuestionSet
from kvdesk.gui.editor import AnswerEditor
from kvdesk.gui.hub import Hub
from kvdesk.gui.labels import numbers_text, status_text
from kvdesk.gui.operations import Executor
from kvdesk.gui.spellcheck import SpellService
from kvdesk.services import drafting
from kvdesk.services.context import Context

if TYPE_CHECKING:
    from kvdesk.core.deadlines import DeadlineStatus

log = logging.getLogger(__name__)

_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
# Continuous typing without a pause still reaches the journal at least this often.
JOURNAL_MAX_WAIT_S = 2.0


def calendar_loaded() -> bool:
    """Whether the holiday tables are in memory (then working days cost next to nothing)."""
    return "holidays" in sys.modules


def _count_refs(text: str) -> int:
    return len(dict.fromkeys(_REF.findall(text)))


@dataclass
class RowData:
    """What one row shows: the questions one answer covers, and that answer."""

    numbers: list[int]
    questions: list[Question]
    answer: Answer | None
    text: str = ""
    status: str = "concept"
    footnotes: int = 0
    words: int = 0
    assignees: dict[int, str] = field(default_factory=dict)


def group_rows(qs: QuestionSet) -> list[RowData]:
    """One row per answer (a combined answer's questions share a row), in question order."""
    rows: list[RowData] = []
    placed: set[int] = set()
    for q in qs.questions:
        if q.number in placed:
            continue
        answer = qs.answer_for(q.number)
        numbers = [n for n in (answer.questions if answer else [q.number]) if qs.question(n) is not None]
        if q.number not in numbers:
            numbers = [q.number]
        questions = [qs.question(n) for n in numbers]
        text = answer.text if answer else ""
        rows.append(RowData(
            numbers=numbers,
            questions=[x for x in questions if x is not None],
            answer=answer,
            text=text,
            status=answer.status if answer else "concept",
            footnotes=_count_refs(text),
            words=richtext.word_count(text) if text else 0,
            assignees={x.number: x.assignee or "" for x in questions if x is not None},
        ))
        placed.update(numbers)
    return rows


class AnswerRow(QFrame):
    """One answer with the question(s) it covers; the widgets are built on first view."""

    def __init__(self, workspace: Workspace, data: RowData) -> None:
        super().__init__(workspace.container)
        self.workspace = workspace
        self.data = data
        self.saved_text = data.text
        self.editor: AnswerEditor | None = None
        self.select_box: QCheckBox | None = None
        self.status_box: QComboBox | None = None
        self.question_labels: list[QLabel] = []
        self.built = False
        self.dirty = False
        self._last_journal = 0.0
        self.setObjectName("answerRow")
        self.setProperty("current", False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(self.tr("Vraag en antwoord %1").replace("%1", self.label))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        # A placeholder as tall as the row will roughly be, so the scroll bar is right from the start.
        chars = sum(len(q.text) for q in data.questions)
        lines = max(1, chars // 95 + len(data.questions)) + max(3, len(data.text) // 95 + data.text.count("\n"))
        self.setMinimumHeight(70 + 18 * lines)
        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.timeout.connect(lambda: workspace.save_row(self))
        self.journal_timer = QTimer(self)
        self.journal_timer.setSingleShot(True)
        self.journal_timer.timeout.connect(lambda: workspace.journal_row(self))

    @property
    def label(self) -> str:
        return numbers_text(self.data.numbers)

    @property
    def numbers(self) -> list[int]:
        return self.data.numbers

    def build(self) -> None:
        """Create the widgets (once)."""
        if self.built:
            return
        self.built = True
        ws = self.workspace
        outer = QVBoxLayout(self)
        outer.setContentsMargins(14, 10, 14, 12)
        outer.setSpacing(6)
        for q in self.data.questions:
            head = QHBoxLayout()
            title = QLabel(self.tr("Vraag %1").replace("%1", str(q.number)))
            title.setObjectName("questionTitle")
            head.addWidget(title)
            head.addStretch(1)
            who = QLineEdit(self.data.assignees.get(q.number, ""))
            who.setPlaceholderText(self.tr("Toegewezen aan"))
            who.setAccessibleName(self.tr("Toegewezen aan, vraag %1").replace("%1", str(q.number)))
            who.setMaximumWidth(170)
            who.editingFinished.connect(lambda n=q.number, w=who: ws.set_assignee(self, n, w.text()))
            head.addWidget(who)
            outer.addLayout(head)
            text = QLabel(q.text)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setObjectName("questionText")
            text.setAccessibleName(self.tr("Tekst van vraag %1").replace("%1", str(q.number)))
            self.question_labels.append(text)
            outer.addWidget(text)
        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.select_box = QCheckBox()
        self.select_box.setToolTip(self.tr("Selecteren om antwoorden te combineren"))
        self.select_box.setAccessibleName(self.tr("Antwoord %1 selecteren").replace("%1", self.label))
        bar.addWidget(self.select_box)
        heading = QLabel(self.tr("Antwoord %1").replace("%1", self.label))
        heading.setObjectName("answerTitle")
        bar.addWidget(heading)
        bar.addStretch(1)
        self.status_box = QComboBox()
        for status in ANSWER_STATUSES:
            self.status_box.addItem(status_text(status), status)
        self.status_box.setCurrentIndex(max(0, ANSWER_STATUSES.index(self.data.status))
                                        if self.data.status in ANSWER_STATUSES else 0)
        self.status_box.setAccessibleName(self.tr("Status van antwoord %1").replace("%1", self.label))
        self.status_box.currentIndexChanged.connect(lambda _i: ws.set_answer_status(self, self.status_box.currentData()))
        bar.addWidget(self.status_box)
        history = QToolButton()
        history.setText(self.tr("Geschiedenis"))
        history.setAccessibleName(self.tr("Geschiedenis van antwoord %1").replace("%1", self.label))
        history.clicked.connect(lambda: ws.show_history(self))
        bar.addWidget(history)
        outer.addLayout(bar)
        editor = AnswerEditor(self, ws.spell)
        editor.setAccessibleName(self.tr("Antwoord %1").replace("%1", self.label))
        editor.set_answer_text(self.saved_text)
        editor.set_footnote_base(ws.footnote_base(self))
        editor.edited.connect(lambda: ws.on_edited(self))
        editor.left.connect(lambda: ws.save_row(self))
        editor.entered.connect(lambda: ws.set_current(self))
        editor.navigate.connect(lambda step: ws.go(self, step))
        editor.footnotes_changed.connect(lambda n: ws.on_footnotes(self, n))
        self.editor = editor
        outer.addWidget(editor)
        self.setMinimumHeight(0)

    def set_current(self, current: bool) -> None:
        if self.property("current") != current:
            self.setProperty("current", current)
            self.style().unpolish(self)
            self.style().polish(self)


class SetHeader(QFrame):
    """The set's particulars: kenmerk, members and parties, addressees, subject, dates, status."""

    status_chosen = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("setHeader")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        top = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("setTitle")
        self.title.setWordWrap(True)
        top.addWidget(self.title, 1)
        self.status = QComboBox()
        for status in SET_STATUSES:
            self.status.addItem(status_text(status), status)
        self.status.setAccessibleName(self.tr("Status van de set"))
        self.status.activated.connect(lambda _i: self.status_chosen.emit(self.status.currentData()))
        top.addWidget(self.status, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setObjectName("setDetails")
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        self.setAccessibleName(self.tr("Gegevens van de set"))

    def show_set(self, qs: QuestionSet, deadline_text: str) -> None:
        self.title.setText(qs.subject or qs.header or self.tr("(zonder onderwerp)"))
        members = ", ".join(f"{m.name} ({m.party})" if m.party else m.name for m in qs.members) or "–"
        addressees = ", ".join(a.title for a in qs.addressees) or "–"
        submitted = qs.submitted_on.strftime("%d-%m-%Y") if qs.submitted_on else "–"
        rows = [
            (self.tr("Kenmerk"), qs.kenmerk or "–"),
            (self.tr("Vragensteller(s)"), members),
            (self.tr("Gericht aan"), addressees),
            (self.tr("Ingezonden"), submitted),
            (self.tr("Termijn"), deadline_text),
        ]
        import html as _html

        cells = "".join(
            f"<tr><td style='color:#5b6670;padding-right:12px'>{_html.escape(k)}</td>"
            f"<td>{_html.escape(v)}</td></tr>" for k, v in rows
        )
        self.details.setText(f"<table cellspacing=0 cellpadding=1>{cells}</table>")
        index = self.status.findData(qs.status)
        self.status.setCurrentIndex(max(0, index))


class FindBar(QFrame):
    """Ctrl+F: find text in the questions and answers of the set."""

    find_requested = Signal(str, bool)  # text, backwards

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Zoeken in deze set"))
        self.edit.setAccessibleName(self.tr("Zoeken in deze set"))
        self.edit.setClearButtonEnabled(True)
        self.edit.returnPressed.connect(lambda: self.find_requested.emit(self.edit.text(), False))
        layout.addWidget(self.edit, 1)
        prev = QPushButton(self.tr("Vorige"))
        prev.setAccessibleName(self.tr("Vorige vindplaats"))
        prev.clicked.connect(lambda: self.find_requested.emit(self.edit.text(), True))
        nxt = QPushButton(self.tr("Volgende"))
        nxt.setAccessibleName(self.tr("Volgende vindplaats"))
        nxt.clicked.connect(lambda: self.find_requested.emit(self.edit.text(), False))
        self.result = QLabel()
        close = QToolButton()
        close.setText("✕")
        close.setAccessibleName(self.tr("Zoekbalk sluiten"))
        close.clicked.connect(self.hide)
        for w in (prev, nxt, self.result, close):
            layout.addWidget(w)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)


class Workspace(QWidget):
    """The selected set: its header, then every question beside its answer."""

    current_changed = Signal()  # another answer became current
    words_changed = Signal(int, int)  # words in the current answer, words in the reply
    _deadline_known = Signal(int, object)  # set id, its DeadlineStatus (from the calendar thread)

    def __init__(
        self,
        ctx: Context,
        executor: Executor,
        *,
        hub: Hub,
        journal: drafting.Journal,
        spell: SpellService | None = None,
        parent: QWidget | None = None,
        autosave_ms: int = 1000,
        journal_ms: int = 300,
        history_opener: Callable[[AnswerRow], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.executor = executor
        self.hub = hub
        self.journal = journal
        self.spell = spell
        self.autosave_ms = autosave_ms
        self.journal_ms = journal_ms
        self.history_opener = history_opener
        self.qs: QuestionSet | None = None
        self.rows: list[AnswerRow] = []
        self._deadline_known.connect(self._show_deadline)
        self.current: AnswerRow | None = None
        self._retired: list[AnswerRow] = []
        self._journal_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kvdesk-journal")
        self.setAccessibleName(self.tr("Werkruimte"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        self.find_bar.find_requested.connect(self.find_text)
        layout.addWidget(self.find_bar)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # A scroll bar that comes and goes changes the width, hence every row's height, and can
        # leave the rows squeezed; it stays.
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setAccessibleName(self.tr("Vragen en antwoorden"))
        self.container = QWidget()
        self.container.setObjectName("workspaceContainer")
        self.rows_layout = QVBoxLayout(self.container)
        self.rows_layout.setContentsMargins(16, 12, 16, 24)
        self.rows_layout.setSpacing(10)
        self.header = SetHeader(self.container)
        self.header.status_chosen.connect(self.set_set_status)
        self.header.hide()
        self.rows_layout.addWidget(self.header)
        self.empty = QLabel(self.tr("Kies links een vragenset om aan de antwoorden te werken."))
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.rows_layout.addWidget(self.empty, 1)
        self.rows_layout.addStretch(0)
        self.scroll_area.setWidget(self.container)
        layout.addWidget(self.scroll_area, 1)

        self._visible_timer = QTimer(self)
        self._visible_timer.setSingleShot(True)
        self._visible_timer.setInterval(0)
        self._visible_timer.timeout.connect(self.build_visible)
        self.scroll_area.verticalScrollBar().valueChanged.connect(lambda _v: self._visible_timer.start())
        self.scroll_area.viewport().installEventFilter(self)
        # Rows out of view are built one at a time when the application is idle.
        self._idle = QTimer(self)
        self._idle.setInterval(15)
        self._idle.timeout.connect(self._build_one)

    # ------------------------------------------------------------------ loading

    @property
    def set_id(self) -> int | None:
        return self.qs.id if self.qs is not None else None

    def load_set(self, set_id: int | None, *, keep_position: bool = False) -> None:
        """Show set ``set_id`` (``None``: nothing); pending edits of the shown set are saved first."""
        self.flush()
        position = self.scroll_area.verticalScrollBar().value() if keep_position else 0
        current = self.current.numbers[0] if (keep_position and self.current) else None
        self._idle.stop()
        for row in self.rows:
            row.autosave.stop()
            row.journal_timer.stop()
            self.rows_layout.removeWidget(row)
            row.hide()
        if self.rows:
            self._retired.extend(self.rows)
            QTimer.singleShot(0, self._dispose_retired)
        self.rows = []
        self.current = None
        if set_id is None:
            self.qs = None
            self.header.hide()
            self.empty.show()
            return
        self.qs = self.ctx.repo.get_set(set_id)
        self.empty.hide()
        self.header.show_set(self.qs, self._deadline_text(self.qs))
        self.header.show()
        insert_at = self.rows_layout.indexOf(self.empty)
        for k, data in enumerate(group_rows(self.qs)):
            row = AnswerRow(self, data)
            self.rows.append(row)
            self.rows_layout.insertWidget(insert_at + k, row)
        self._relayout()
        self.scroll_area.verticalScrollBar().setValue(position)
        self.build_visible()
        if current is not None:
            again = self.row_for(current)
            if again is not None:
                self.set_current(again)
        self._idle.start()
        self.words_changed.emit(0, self.reply_words())

    def _dispose_retired(self) -> None:
        """Free the rows of the set shown before, as soon as the handler that replaced them is done.

        ``deleteLater`` waits for control to return to the outermost event loop; code that opens
        set after set (``processEvents`` in between) would otherwise hold every set's widgets,
        about 2.5 MB each. A zero timer runs on the next turn of any loop.
        """
        import shiboken6

        rows, self._retired = self._retired, []
        for row in rows:
            if shiboken6.isValid(row):
                shiboken6.delete(row)

    def _deadline_text(self, qs: QuestionSet) -> str:
        """The header's deadline line; the working days follow once the holiday calendar is loaded.

        Loading the Dutch holiday tables costs most of a second (the first time in a process),
        which opening a set must not wait for: until then the line shows the date (and
        whether it has passed), and a thread loads the calendar and sends the full line.
        """
        from kvdesk.core.deadlines import deadline_for, deadline_status

        if calendar_loaded():
            return self._format_deadline(deadline_status(qs))
        deadline = deadline_for(qs)
        if deadline is None:
            return self.tr("onbekend")
        set_id = qs.id if qs.id is not None else -1

        def load() -> None:
            status = deadline_status(qs)
            try:
                self._deadline_known.emit(set_id, status)
            except RuntimeError:  # the window closed meanwhile
                pass

        threading.Thread(target=load, name="kvdesk-calendar", daemon=True).start()
        date = deadline.strftime("%d-%m-%Y")
        if deadline < dt.date.today() and qs.status != "verzonden":
            return self.tr("%1 (verlopen)").replace("%1", date)
        return date

    def _show_deadline(self, set_id: int, status: DeadlineStatus | None) -> None:
        if self.qs is not None and self.qs.id == set_id:
            self.header.show_set(self.qs, self._format_deadline(status))

    def _format_deadline(self, status: DeadlineStatus | None) -> str:
        if status is None:
            return self.tr("onbekend")
        date = status.deadline.strftime("%d-%m-%Y")
        if status.sent:
            return date
        days = status.working_days_left
        if status.overdue:
            return self.tr("%1 (verlopen)").replace("%1", date)
        return self.tr("%1 (nog %2 werkdagen)").replace("%1", date).replace("%2", str(days))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize:
            self._visible_timer.start()
        return super().eventFilter(watched, event)

    def _relayout(self) -> None:
        """Lay the rows out now, and let the scroll area take the new height (positions are needed)."""
        self.rows_layout.activate()
        QCoreApplication.sendPostedEvents(None, int(QEvent.Type.LayoutRequest))
        self.rows_layout.activate()

    def build_visible(self) -> None:
        """Build every row that is (nearly) in view."""
        if not self.rows:
            return
        top = self.scroll_area.verticalScrollBar().value()
        bottom = top + int(self.scroll_area.viewport().height() * 1.5)
        # Until the scroll area has taken the rows' height, their positions are not known yet:
        # walk the estimated heights instead.
        laid_out = self.container.height() > self.scroll_area.viewport().height() + 1
        y = self.header.sizeHint().height() + self.rows_layout.contentsMargins().top()
        spacing = self.rows_layout.spacing()
        for row in self.rows:
            if laid_out:
                row_top, row_bottom = row.geometry().top(), row.geometry().bottom()
            else:
                height = row.sizeHint().height() if row.built else row.minimumHeight()
                row_top, row_bottom = y, y + height
                y += height + spacing
            if row_top > bottom:
                break
            if not row.built and row_bottom >= top:
                row.build()

    def _build_one(self) -> None:
        row = next((r for r in self.rows if not r.built), None)
        if row is None:
            self._idle.stop()
            return
        row.build()

    def build_all(self) -> None:
        for row in self.rows:
            row.build()

    def row_for(self, number: int) -> AnswerRow | None:
        return next((r for r in self.rows if number in r.numbers), None)

    # ------------------------------------------------------------------ numbering and counts

    def footnote_base(self, row: AnswerRow) -> int:
        base = 0
        for other in self.rows:
            if other is row:
                break
            base += other.data.footnotes
        return base

    def on_footnotes(self, row: AnswerRow, count: int) -> None:
        if row.data.footnotes == count:
            return
        row.data.footnotes = count
        after = False
        for other in self.rows:
            if other is row:
                after = True
                continue
            if after and other.editor is not None:
                other.editor.set_footnote_base(self.footnote_base(other))

    def reply_words(self) -> int:
        return sum(r.data.words for r in self.rows)

    # ------------------------------------------------------------------ current answer

    def set_current(self, row: AnswerRow) -> None:
        if self.current is row:
            return
        if self.current is not None:
            self.current.set_current(False)
            # Leaving an answer saves it, whichever way the user left it.
            self.save_row(self.current)
        self.current = row
        row.set_current(True)
        if self.qs is not None and self.qs.id is not None:
            self.hub.question_focused.emit(self.qs.id, row.numbers[0])
        self.current_changed.emit()
        self.words_changed.emit(row.data.words, self.reply_words())

    def current_editor(self) -> AnswerEditor | None:
        return self.current.editor if self.current is not None else None

    def focus_row(self, row: AnswerRow) -> None:
        row.build()
        self._relayout()
        self.scroll_area.ensureWidgetVisible(row, 0, 40)
        assert row.editor is not None
        row.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.set_current(row)

    def go(self, row: AnswerRow | None, step: int) -> None:
        """To the next (``step`` 1) or previous (-1) answer."""
        if not self.rows:
            return
        if row is None:
            row = self.current
        index = self.rows.index(row) + step if row is not None else 0
        if 0 <= index < len(self.rows):
            self.focus_row(self.rows[index])

    # ------------------------------------------------------------------ saving

    def on_edited(self, row: AnswerRow) -> None:
        if self.current is not row:
            self.set_current(row)  # the answer being typed in is the current one
        row.dirty = True
        row.autosave.start(self.autosave_ms)
        now = time.monotonic()
        if now - row._last_journal > JOURNAL_MAX_WAIT_S and row._last_journal:
            self.journal_row(row)
        else:
            row.journal_timer.start(self.journal_ms)
        if row._last_journal == 0.0:
            row._last_journal = now
        if row.editor is not None:
            row.data.words = row.editor.word_count()
            self.words_changed.emit(row.data.words, self.reply_words())

    def journal_row(self, row: AnswerRow) -> None:
        """Write the row's text to the crash journal (the file write happens off the GUI thread)."""
        if row.editor is None or self.qs is None or self.qs.id is None or not row.dirty:
            return
        row.journal_timer.stop()
        row._last_journal = time.monotonic()
        text = row.editor.answer_text()
        if text == row.saved_text:
            return
        set_id, key, numbers = self.qs.id, self.qs.key, list(row.numbers)
        self._journal_pool.submit(self._safe_journal, lambda: self.journal.record(set_id, key, numbers, text))

    @staticmethod
    def _safe_journal(write: Callable[[], None]) -> None:
        try:
            write()
        except OSError:
            log.exception("writing the crash journal failed")

    def save_row(self, row: AnswerRow) -> None:
        """Store the row's answer if it changed (a revision); the text stays if the save fails."""
        row.autosave.stop()
        if row.editor is None or self.qs is None or self.qs.id is None:
            return
        text = row.editor.answer_text()
        row.dirty = False
        if text == row.saved_text:
            return
        row.journal_timer.stop()
        ctx, set_id, numbers = self.ctx, self.qs.id, list(row.numbers)
        key = ",".join(str(n) for n in numbers)
        row.saved_text = text  # optimistic: a failure puts the row back to dirty

        def done(answer: Answer) -> None:
            stamp = answer.updated_at.strftime("%H:%M:%S") if answer.updated_at else time.strftime("%H:%M:%S")
            row.data.text = text
            self._journal_pool.submit(self._safe_journal, lambda: self.journal.clear(set_id, numbers, text))
            self.hub.answer_saved.emit(set_id, key, stamp)

        def failed(exc: BaseException) -> None:
            log.error("saving answer %s of set %s failed: %s", key, set_id, exc)
            if row.saved_text == text:
                row.saved_text = row.data.text
            row.dirty = True
            # The journal keeps the text so nothing is lost even if the app then closes.
            self._journal_pool.submit(self._safe_journal, lambda: self.journal.record(set_id, self.qs.key if self.qs else "", numbers, text))
            self.hub.save_failed.emit(set_id, key, str(exc))

        self.executor.run(lambda: ctx.repo.save_answer(set_id, numbers, text, author=ctx.author),
                          on_success=done, on_failure=failed)

    def flush(self) -> None:
        """Save every answer with unsaved edits now (leaving the set, closing the window)."""
        for row in self.rows:
            if row.editor is not None and (row.dirty or row.autosave.isActive()):
                self.save_row(row)

    def wait_journal(self) -> None:
        self._journal_pool.submit(lambda: None).result(10)

    def close_down(self) -> None:
        self.flush()
        self.executor.wait()
        self._journal_pool.shutdown(wait=True)

    # ------------------------------------------------------------------ status, who, combine

    def set_answer_status(self, row: AnswerRow, status: str) -> None:
        if self.qs is None or self.qs.id is None or status == row.data.status:
            return
        ctx, set_id, numbers = self.ctx, self.qs.id, list(row.numbers)
        row.data.status = status
        self.executor.run(lambda: drafting.set_answer_status(ctx, set_id, numbers, status),
                          on_success=lambda _r: self.hub.set_changed.emit(set_id),
                          on_failure=self._failed(self.tr("De status kon niet worden opgeslagen")))

    def set_assignee(self, row: AnswerRow, number: int, who: str) -> None:
        if self.qs is None or self.qs.id is None or row.data.assignees.get(number, "") == who.strip():
            return
        row.data.assignees[number] = who.strip()
        ctx, set_id = self.ctx, self.qs.id
        self.executor.run(lambda: drafting.set_assignee(ctx, set_id, number, who),
                          on_success=lambda _r: self.hub.sets_changed.emit(),
                          on_failure=self._failed(self.tr("De toewijzing kon niet worden opgeslagen")))

    def set_set_status(self, status: str) -> None:
        if self.qs is None or self.qs.id is None or status == self.qs.status:
            return
        ctx, set_id = self.ctx, self.qs.id
        self.qs.status = status
        self.executor.run(lambda: drafting.set_set_status(ctx, set_id, status),
                          on_success=lambda _r: self.hub.sets_changed.emit(),
                          on_failure=self._failed(self.tr("De status van de set kon niet worden opgeslagen")))

    def selected_numbers(self) -> list[int]:
        out: list[int] = []
        for row in self.rows:
            if row.select_box is not None and row.select_box.isChecked():
                out.extend(row.numbers)
        return sorted(out)

    def combine(self, numbers: list[int] | None = None) -> bool:
        """Combine the selected answers (or ``numbers``) into one; returns whether it ran."""
        numbers = numbers or self.selected_numbers()
        if self.qs is None or self.qs.id is None or len(numbers) < 2:
            self.hub.message.emit(self.tr("Vink eerst twee of meer antwoorden aan om ze te combineren."))
            return False
        self.flush()
        ctx, set_id = self.ctx, self.qs.id
        self.executor.run(lambda: drafting.combine_answers(ctx, set_id, numbers),
                          on_success=lambda _a: self._reload_after_change(),
                          on_failure=self._failed(self.tr("Combineren is mislukt")))
        return True

    def split(self, row: AnswerRow | None = None) -> bool:
        row = row or self.current
        if self.qs is None or self.qs.id is None or row is None or len(row.numbers) < 2:
            self.hub.message.emit(self.tr("Kies eerst een gecombineerd antwoord om te splitsen."))
            return False
        self.flush()
        ctx, set_id, numbers = self.ctx, self.qs.id, list(row.numbers)
        self.executor.run(lambda: drafting.split_answer(ctx, set_id, numbers),
                          on_success=lambda _a: self._reload_after_change(),
                          on_failure=self._failed(self.tr("Splitsen is mislukt")))
        return True

    def _reload_after_change(self) -> None:
        if self.qs is not None and self.qs.id is not None:
            self.load_set(self.qs.id, keep_position=True)
            self.hub.set_changed.emit(self.qs.id)
            self.hub.sets_changed.emit()

    def replace_text(self, row: AnswerRow, text: str) -> None:
        """Show ``text`` as the row's stored answer (after a restore)."""
        row.saved_text = text
        row.data.text = text
        row.dirty = False
        if row.editor is not None:
            row.editor.set_answer_text(text)

    def show_history(self, row: AnswerRow) -> None:
        self.save_row(row)
        if self.history_opener is not None:
            self.history_opener(row)

    def _failed(self, what: str) -> Callable[[BaseException], None]:
        def report(exc: BaseException) -> None:
            log.error("%s: %s", what, exc)
            self.hub.message.emit(f"{what}: {exc}")
        return report

    # ------------------------------------------------------------------ find

    def show_find(self) -> None:
        self.find_bar.show()
        self.find_bar.edit.setFocus()
        self.find_bar.edit.selectAll()

    def find_text(self, text: str, backwards: bool = False) -> bool:
        """Go to the next place ``text`` occurs (question or answer), wrapping around the set."""
        text = text.strip()
        if not text or not self.rows:
            return False
        start = self.rows.index(self.current) if self.current in self.rows else -1
        n = len(self.rows)
        needle = text.casefold()
        # First, later in the current answer.
        if self.current is not None and self.current.editor is not None:
            flags = QTextDocument.FindFlag.FindBackward if backwards else QTextDocument.FindFlag(0)
            if self.current.editor.find(text, flags):
                self.find_bar.result.setText("")
                return True
        for step in range(1, n + 1):
            k = (start - step) % n if backwards else (start + step) % n
            row = self.rows[k]
            in_question = any(needle in q.text.casefold() for q in row.data.questions)
            answer_text = row.editor.toPlainText() if row.editor is not None else richtext.to_plain(row.saved_text, True)
            in_answer = needle in answer_text.casefold()
            if not (in_question or in_answer):
                continue
            self.focus_row(row)
            assert row.editor is not None
            if in_answer:
                cursor = row.editor.textCursor()
                cursor.movePosition(cursor.MoveOperation.End if backwards else cursor.MoveOperation.Start)
                row.editor.setTextCursor(cursor)
                flags = QTextDocument.FindFlag.FindBackward if backwards else QTextDocument.FindFlag(0)
                row.editor.find(text, flags)
            else:
                for label in row.question_labels:
                    at = label.text().casefold().find(needle)
                    if at >= 0:
                        label.setSelection(at, len(text))
                        break
            self.find_bar.result.setText("")
            return True
        self.find_bar.result.setText(self.tr("Niet gevonden"))
        return False
