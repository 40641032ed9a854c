"""The search panel and the "similar earlier questions" panel.

Both are self-contained widgets that talk to the services only through callables given to
them, and run every query off the GUI thread (a :class:`QThreadPool` worker); a newer query
makes older results stale, so typing quickly never shows results of a previous word.

``SearchPanel(search)``: ``search(text, filters)`` returns :class:`SearchRow` objects (e.g.
``lambda t, f: searching.search(ctx, t, filters=f, prefix_last=True)``). Emits
``resultOpened(set_id, questions, kind)`` when the user opens a hit.

``SimilarQuestionsPanel(similar)``: ``similar(set_id, number)`` returns :class:`SimilarRow`
objects (e.g. ``lambda s, n: searching.similar_questions(ctx, s, n)``). Emits
``citeRequested(source_set_id)`` and ``takeOverRequested(source_set_id, source_number)``;
the main window runs ``searching.cite`` / ``searching.take_over`` for the question in focus.
"""
from __future__ import annotations

import datetime as dt
import html
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kvdesk.gui.labels import numbers_text
from kvdesk.storage.search_types import MARK_END, MARK_START, SearchFilters, SearchRow, SimilarRow

log = logging.getLogger(__name__)

SearchFn = Callable[[str, SearchFilters], list[SearchRow]]
SimilarFn = Callable[[int, int], list[SimilarRow]]

ROLE_HIT = int(Qt.ItemDataRole.UserRole) + 1


def snippet_html(snippet: str) -> str:
    """A snippet as safe HTML, the matched words highlighted."""
    return (html.escape(" ".join(snippet.split()))
            .replace(MARK_START, "<b style='background:#fff3b0'>").replace(MARK_END, "</b>"))


def _numbers_label(kind: str, numbers: list[int]) -> str:
    which = numbers_text(numbers) if numbers else "?"
    if kind == "question":
        return QCoreApplication.translate("SearchPanel", "Vraag %1").replace("%1", which)
    return QCoreApplication.translate("SearchPanel", "Antwoord %1").replace("%1", which)


def _date(day: dt.date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else ""


# --------------------------------------------------------------------------- worker


class _Signals(QObject):
    done = Signal(int, object)
    failed = Signal(int, str)


class QueryWorker(QRunnable):
    """Runs ``job()`` on a pool thread and reports back with the generation it belongs to."""

    def __init__(self, generation: int, job: Callable[[], Any]) -> None:
        super().__init__()
        self.generation = generation
        self.job = job
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.job()
        except Exception as exc:  # shown in the panel, logged with its traceback
            log.exception("search query failed")
            self.signals.failed.emit(self.generation, str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            return
        self.signals.done.emit(self.generation, result)


class _Runner(QObject):
    """Keeps the newest generation and drops answers to older queries."""

    def __init__(self, pool: QThreadPool | None, parent: QObject) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self.generation = 0
        self._workers: set[QueryWorker] = set()

    def submit(self, job: Callable[[], Any], on_done: Callable[[Any], None], on_failed: Callable[[str], None]) -> None:
        self.generation += 1
        worker = QueryWorker(self.generation, job)
        worker.setAutoDelete(False)

        def done(gen: int, result: object) -> None:
            self._workers.discard(worker)
            if gen == self.generation:
                on_done(result)

        def failed(gen: int, message: str) -> None:
            self._workers.discard(worker)
            if gen == self.generation:
                on_failed(message)

        worker.signals.done.connect(done, Qt.ConnectionType.QueuedConnection)
        worker.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
        self._workers.add(worker)
        self.pool.start(worker)


# --------------------------------------------------------------------------- search


class SearchPanel(QWidget):
    """A search field with filters; results grouped per set, with highlighted snippets."""

    resultOpened = Signal(int, object, str)  # set_id, [question numbers], "question" | "answer"
    resultsShown = Signal(int)  # how many hits are listed

    def __init__(self, search: SearchFn, parent: QWidget | None = None, *, pool: QThreadPool | None = None,
                 debounce_ms: int = 250, limit: int = 50) -> None:
        super().__init__(parent)
        self._search = search
        self._limit = limit
        self._runner = _Runner(pool, self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.run_query)

        self.field = QLineEdit(self)
        self.field.setPlaceholderText(self.tr("Zoek in eerdere vragen en antwoorden…"))
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName(self.tr("Zoeken"))
        self.year = QSpinBox(self)
        self.year.setRange(0, 2100)
        self.year.setSpecialValueText(self.tr("Alle jaren"))
        self.year.setValue(0)
        self.ministry = QLineEdit(self)
        self.ministry.setPlaceholderText(self.tr("Ministerie"))
        self.member = QLineEdit(self)
        self.member.setPlaceholderText(self.tr("Kamerlid"))
        self.party = QLineEdit(self)
        self.party.setPlaceholderText(self.tr("Partij"))
        self.answered = QComboBox(self)
        self.answered.addItem(self.tr("Beantwoord en open"), None)
        self.answered.addItem(self.tr("Alleen beantwoord"), True)
        self.answered.addItem(self.tr("Alleen onbeantwoord"), False)
        self.status = QLabel(self)
        self.status.setObjectName("searchStatus")
        self.results = QTreeWidget(self)
        self.results.setHeaderHidden(True)
        self.results.setColumnCount(1)
        self.results.setRootIsDecorated(True)
        self.results.setUniformRowHeights(False)
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(self._activated)
        self.results.itemDoubleClicked.connect(self._activated)

        filters = QHBoxLayout()
        for w in (self.year, self.ministry, self.member, self.party, self.answered):
            filters.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addLayout(filters)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

        self.field.textChanged.connect(self._schedule)
        self.field.returnPressed.connect(self.run_query)
        for edit in (self.ministry, self.member, self.party):
            edit.textChanged.connect(self._schedule)
        self.year.valueChanged.connect(self._schedule)
        self.answered.currentIndexChanged.connect(self._schedule)

    def focus_search(self) -> None:
        """Put the cursor in the field with its text selected (Ctrl+Shift+F)."""
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def filters(self) -> SearchFilters:
        return SearchFilters(
            year=self.year.value() or None,
            ministry=self.ministry.text().strip() or None,
            member=self.member.text().strip() or None,
            party=self.party.text().strip() or None,
            answered=self.answered.currentData(),
        )

    def _schedule(self) -> None:
        self._timer.start()

    @Slot()
    def run_query(self) -> None:
        """Search now (the field's text with the filters), off the GUI thread."""
        self._timer.stop()
        query = self.field.text()
        if not query.strip():
            self._runner.generation += 1  # whatever is still running is no longer wanted
            self.results.clear()
            self.status.setText("")
            return
        filters = self.filters()
        self.status.setText(self.tr("Zoeken…"))
        self._runner.submit(lambda: self._search(query, filters), self.show_results, self._failed)

    def _failed(self, message: str) -> None:
        self.status.setText(self.tr("Zoeken mislukt: %s") % message)

    def show_results(self, hits: list[SearchRow]) -> None:
        """List ``hits`` grouped per set, in the order of each set's best hit."""
        self.results.clear()
        groups: dict[int, QTreeWidgetItem] = {}
        for hit in hits[: self._limit]:
            parent = groups.get(hit.set_id)
            if parent is None:
                title = " — ".join(p for p in (hit.kenmerk or str(hit.set_id), hit.subject or "") if p)
                if hit.submitted_on:
                    title += f" ({_date(hit.submitted_on)})"
                parent = QTreeWidgetItem([title])
                parent.setData(0, ROLE_HIT, hit)
                font = parent.font(0)
                font.setBold(True)
                parent.setFont(0, font)
                self.results.addTopLevelItem(parent)
                groups[hit.set_id] = parent
            child = QTreeWidgetItem(parent)
            child.setData(0, ROLE_HIT, hit)
            label = QLabel(f"<i>{_numbers_label(hit.kind, hit.questions)}</i>: {snippet_html(hit.snippet)}")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            self.results.setItemWidget(child, 0, label)
        self.results.expandAll()
        if hits:
            self.status.setText(self.tr("%n resultaat/resultaten in %1 set(s)", "", len(hits))
                                .replace("%1", str(len(groups))))
        else:
            self.status.setText(self.tr("Geen resultaten."))
        self.resultsShown.emit(len(hits))

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        hit = item.data(0, ROLE_HIT)
        if isinstance(hit, SearchRow):
            self.resultOpened.emit(hit.set_id, list(hit.questions), hit.kind)


# --------------------------------------------------------------------------- similar


class SimilarQuestionsPanel(QWidget):
    """The earlier questions most like the one in focus, each with its answer and two actions."""

    citeRequested = Signal(int)  # the earlier set to cite
    takeOverRequested = Signal(int, int)  # the earlier set and the number of its question
    resultOpened = Signal(int, object, str)
    resultsShown = Signal(int)

    def __init__(self, similar: SimilarFn, parent: QWidget | None = None, *, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._similar = similar
        self._runner = _Runner(pool, self)
        self._current: tuple[int, int] | None = None
        self.heading = QLabel(self.tr("Vergelijkbare eerdere vragen"), self)
        self.status = QLabel(self)
        self._list = QWidget(self)
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._list)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        self.cards: list[QFrame] = []

    def show_question(self, set_id: int, number: int) -> None:
        """Look up the questions like question ``number`` of set ``set_id`` (off the GUI thread)."""
        if self._current == (set_id, number):
            return
        self._current = (set_id, number)
        self.status.setText(self.tr("Zoeken…"))
        self._runner.submit(lambda: self._similar(set_id, number), self.show_results,
                            lambda m: self.status.setText(self.tr("Niet gelukt: %s") % m))

    def refresh(self) -> None:
        current, self._current = self._current, None
        if current:
            self.show_question(*current)

    def show_results(self, rows: list[SimilarRow]) -> None:
        for card in self.cards:
            self._list_layout.removeWidget(card)
            card.deleteLater()
        self.cards = []
        for row in rows:
            card = self._card(row)
            self._list_layout.insertWidget(self._list_layout.count() - 1, card)
            self.cards.append(card)
        self.status.setText("" if rows else self.tr("Geen vergelijkbare vragen gevonden."))
        self.resultsShown.emit(len(rows))

    def _card(self, row: SimilarRow) -> QFrame:
        card = QFrame(self._list)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(card)
        title = " — ".join(p for p in (row.kenmerk or str(row.set_id), row.subject or "") if p)
        head = QLabel(f"<b>{html.escape(title)}</b> {html.escape(_date(row.submitted_on))}", card)
        head.setWordWrap(True)
        which = self.tr("Vraag %1").replace("%1", str(row.number))
        question = QLabel(f"<i>{html.escape(which)}</i>: {snippet_html(row.snippet or row.question)}", card)
        question.setWordWrap(True)
        answer_text = " ".join((row.answer or self.tr("(geen antwoord)")).split())
        if len(answer_text) > 400:
            answer_text = answer_text[:400].rsplit(" ", 1)[0] + " …"
        answer = QLabel(html.escape(answer_text), card)
        answer.setWordWrap(True)
        buttons = QHBoxLayout()
        cite = QPushButton(self.tr("Citeer"), card)
        cite.setToolTip(self.tr("Voeg een voetnoot toe die naar dit antwoord verwijst"))
        cite.clicked.connect(lambda: self.citeRequested.emit(row.set_id))
        take = QPushButton(self.tr("Neem over"), card)
        take.setToolTip(self.tr("Neem dit antwoord over als begin van uw antwoord"))
        take.setEnabled(bool(row.answer))
        take.clicked.connect(lambda: self.takeOverRequested.emit(row.set_id, row.number))
        show = QPushButton(self.tr("Bekijk"), card)
        show.clicked.connect(lambda: self.resultOpened.emit(row.set_id, [row.number], "question"))
        for b in (cite, take, show):
            buttons.addWidget(b)
        buttons.addStretch(1)
        box.addWidget(head)
        box.addWidget(question)
        box.addWidget(answer)
        box.addLayout(buttons)
        card.setProperty("set_id", row.set_id)
        return card
