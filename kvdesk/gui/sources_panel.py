"""The sources panel: a set's references with their state, a reader for their stored text, "Citeer".

Self-contained: the main window gives it a services object (see :class:`SourcesBackend`; in the
app that is :class:`kvdesk.services.references.ReferenceServices`) and places it; it talks to
nothing else. Every service call runs on a worker thread — one at a time, so the database keeps
one writer — and the results come back as queued signals, so fetching ten articles never
blocks the window.

The reader is a :class:`SafeReader`: a QTextBrowser that loads no remote images, style sheets
or scripts (``loadResource`` answers only ``data:`` URLs) and opens no link itself.
"""
from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QGuiApplication, QTextCursor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kvdesk.core.model import Reference
from kvdesk.core.references import format_date_nl, key_terms

log = logging.getLogger(__name__)

__all__ = ["SourcesBackend", "SourcesPanel", "SafeReader", "state_label"]

ID_ROLE = Qt.ItemDataRole.UserRole
HIGHLIGHT = "#fff2a8"
RENDER_SLICE = 2_500  # characters of text made into HTML and laid out per event-loop turn (2-4 ms)


class SourcesBackend(Protocol):
    """What the panel needs; every method may be called from a worker thread."""

    def references(self, set_id: int) -> list[Reference]: ...
    def detect(self, set_id: int) -> list[Reference]: ...
    def fetch(self, set_id: int, reference_ids: Iterable[int] | None = None,
              progress: Callable[[Reference, int, int], None] | None = None) -> Any: ...
    def attach_file(self, reference_id: int, path: str | Path) -> Reference: ...
    def attach_text(self, reference_id: int, text: str) -> Reference: ...
    def set_url(self, reference_id: int, url: str) -> Reference: ...
    def cite(self, reference: Reference) -> str: ...
    def search_url(self, reference: Reference) -> str: ...


def _fetchable(ref: Reference) -> bool:
    return bool(ref.url) or ref.kind in ("kamerstuk", "aanhangsel", "questionset")


def state_label(ref: Reference) -> str:
    """How the list names the state of a reference."""
    if ref.status == "fetching":
        return QCoreApplication.translate("SourcesPanel", "bezig met ophalen…")
    if ref.status == "fetched":
        if ref.parts.get("source") == "archief":
            return QCoreApplication.translate("SourcesPanel", "opgehaald uit het archief")
        return QCoreApplication.translate("SourcesPanel", "opgehaald")
    if ref.status == "attached":
        return QCoreApplication.translate("SourcesPanel", "toegevoegd")
    if ref.status == "failed":
        return QCoreApplication.translate("SourcesPanel", "niet gelukt — opnieuw proberen")
    if not _fetchable(ref):
        return QCoreApplication.translate("SourcesPanel", "geen link — zoeken of bestand toevoegen")
    return QCoreApplication.translate("SourcesPanel", "nog niet opgehaald")


# ------------------------------------------------------------------------------ threads


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)
    progress = Signal(object)


class _Task(QRunnable):
    """Runs one service call off the GUI thread; results arrive through ``signals``."""

    def __init__(self, fn: Callable[[Callable[[Any], None]], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn(self.signals.progress.emit)
        except Exception as exc:
            if not _is_user_error(exc):
                log.exception("sources panel task failed")
            self.signals.failed.emit(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        else:
            self.signals.done.emit(result)


def _is_user_error(exc: BaseException) -> bool:
    return type(exc).__name__ in ("UserError", "AttachError", "FetchError", "NotFound")


# ------------------------------------------------------------------------------ reader


class SafeReader(QTextBrowser):
    """A QTextBrowser that never reaches the network: only ``data:`` resources load."""

    linkRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.blocked: list[str] = []
        self.anchorClicked.connect(lambda url: self.linkRequested.emit(url.toString()))

    def loadResource(self, type_: int, name: QUrl | str) -> Any:
        url = name if isinstance(name, QUrl) else QUrl(name)
        if url.scheme() == "data":
            return super().loadResource(type_, url)
        # Remote images, style sheets and anything else an article links are not fetched:
        # offline they would hang, online they would tell the site who reads it.
        self.blocked.append(url.toString())
        return None


def reader_html(ref: Reference, terms: Iterable[str] = ()) -> tuple[str, int]:
    """The reader's HTML for ``ref`` with ``terms`` highlighted, and how many marks it made."""
    head, raw = reader_source(ref)
    pattern = _terms_pattern(terms)
    parts = [_paragraph_html(para, pattern) for para in raw]
    return head + "".join(text for text, _n in parts), sum(n for _text, n in parts)


def reader_source(ref: Reference) -> tuple[str, list[str]]:
    """The reader's heading HTML and the text's paragraphs, not yet made into HTML.

    A reference without text gets a hint paragraph (already HTML-safe text).
    """
    head: list[str] = []
    title = ref.title or ref.citation
    head.append(f"<h2>{html.escape(title)}</h2>")
    meta = [str(ref.parts.get("medium") or ref.parts.get("sitename") or "")]
    if ref.author:
        meta.append(ref.author)
    if ref.published_on:
        meta.append(format_date_nl(ref.published_on))
    meta_line = " · ".join(html.escape(m) for m in meta if m)
    if meta_line:
        head.append(f"<p><i>{meta_line}</i></p>")
    link = ref.url or ref.parts.get("source_url")
    if link:
        safe = html.escape(str(link), quote=True)
        head.append(f'<p><a href="{safe}">{safe}</a></p>')
    if not ref.text:
        hint = QCoreApplication.translate("SourcesPanel", "Nog geen tekst bewaard. Haal de bron op, of sleep een "
                                                          "bestand hierheen of plak de tekst.")
        head.append(f"<p><i>{html.escape(hint)}</i></p>")
        return "".join(head), []
    return "".join(head), re.split(r"\n\s*\n", ref.text.strip())


def _paragraph_html(para: str, pattern: re.Pattern[str] | None) -> tuple[str, int]:
    """One paragraph of text as HTML, the key terms marked; and how many marks."""
    escaped = html.escape(para).replace("\n", "<br>")
    count = 0
    if pattern is not None:
        escaped, count = pattern.subn(lambda m: f'<span style="background-color:{HIGHLIGHT}">{m.group(0)}</span>',
                                      escaped)
    return f"<p>{escaped}</p>", count


def _slices(paragraphs: list[str], first: int) -> Iterator[list[str]]:
    """The paragraphs in runs of about :data:`RENDER_SLICE` characters (``first`` for the first run)."""
    run: list[str] = []
    size, limit = 0, max(first, 0)
    for para in paragraphs:
        if run and size + len(para) > limit:
            yield run
            run, size, limit = [], 0, RENDER_SLICE
        run.append(para)
        size += len(para)
    if run:
        yield run


def _terms_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    words = sorted({t for t in terms if t and len(t) >= 3}, key=len, reverse=True)
    if not words:
        return None
    # A term also marks its inflections ("meter" marks "meters"): Dutch adds endings.
    alternatives = "|".join(re.escape(html.escape(w)) for w in words)
    return re.compile(rf"(?<![\w&])(?:{alternatives})\w*", re.IGNORECASE)


# ------------------------------------------------------------------------------ the panel


class SourcesPanel(QWidget):
    """The right-hand panel: references, their state, the reader, and the actions on them."""

    citeRequested = Signal(str)  # the citation text for a footnote in the current answer
    openUrlRequested = Signal(str)  # a search link or a source's link the user clicked
    busyChanged = Signal(bool)
    referencesChanged = Signal()

    def __init__(self, services: SourcesBackend, parent: QWidget | None = None, *,
                 open_links: bool = True) -> None:
        super().__init__(parent)
        self.services = services
        self.open_links = open_links
        self.set_id: int | None = None
        self._refs: dict[int, Reference] = {}
        self._terms: list[str] = []
        self._shown: tuple[Any, ...] | None = None
        self._generation = 0
        self.rendering = False  # true while a long article is still being added to the reader
        self._busy = 0
        self._live: set[_Signals] = set()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one writer: service calls run one after another
        self.setAcceptDrops(True)
        self._build()

    # -------------------------------------------------------------- layout

    def _build(self) -> None:
        self.list = QListWidget()
        self.list.setObjectName("sourcesList")
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(lambda *_: self._show_current())

        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setObjectName("sourceState")
        self.search_link = QLabel()
        self.search_link.setOpenExternalLinks(False)
        self.search_link.linkActivated.connect(self._open_url)
        self.search_link.hide()

        self.fetch_all_button = QPushButton(self.tr("Alles ophalen"))
        self.retry_button = QPushButton(self.tr("Opnieuw proberen"))
        self.cite_button = QPushButton(self.tr("Citeer"))
        self.attach_button = QPushButton(self.tr("Bestand toevoegen…"))
        self.paste_button = QPushButton(self.tr("Tekst plakken"))
        self.fetch_all_button.clicked.connect(self.fetch_all)
        self.retry_button.clicked.connect(self.retry_current)
        self.cite_button.clicked.connect(self.cite_current)
        self.attach_button.clicked.connect(self._choose_file)
        self.paste_button.clicked.connect(self.paste_from_clipboard)
        self.cite_button.setToolTip(self.tr("Voegt een voetnoot met deze bron toe aan het huidige antwoord"))

        self.reader = SafeReader()
        self.reader.setObjectName("sourceReader")
        self.reader.linkRequested.connect(self._open_url)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.list)
        row = QHBoxLayout()
        for b in (self.fetch_all_button, self.retry_button, self.cite_button):
            row.addWidget(b)
        top_layout.addLayout(row)
        row2 = QHBoxLayout()
        for b in (self.attach_button, self.paste_button):
            row2.addWidget(b)
        top_layout.addLayout(row2)
        top_layout.addWidget(self.state)
        top_layout.addWidget(self.search_link)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.reader)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._update_buttons()

    # -------------------------------------------------------------- public API

    def set_set(self, set_id: int | None) -> None:
        """Show the references of set ``set_id`` (detected again, in the background)."""
        self.set_id = set_id
        self._refs.clear()
        self.list.clear()
        self.reader.clear()
        self._shown = None
        self._update_buttons()
        if set_id is None:
            return
        self._run(lambda _p: self.services.detect(set_id), self._loaded)

    def set_question_text(self, text: str) -> None:
        """Highlight the key terms of the question the user is answering."""
        self.set_key_terms(key_terms(text))

    def set_key_terms(self, terms: list[str]) -> None:
        self._terms = list(terms)
        self._show_current()

    def references(self) -> list[Reference]:
        return list(self._refs.values())

    def current_reference(self) -> Reference | None:
        item = self.list.currentItem()
        return self._refs.get(item.data(ID_ROLE)) if item is not None else None

    def select_reference(self, reference_id: int) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(ID_ROLE) == reference_id:
                self.list.setCurrentRow(i)
                return

    @property
    def busy(self) -> bool:
        return self._busy > 0

    def fetch_all(self) -> None:
        """Fetch everything of this set that has no text yet."""
        if self.set_id is not None:
            set_id = self.set_id
            self._run(lambda p: (self.services.fetch(set_id, None, _relay(p)), self.services.references(set_id)),
                      self._fetched, progress=self._progress)

    def retry_current(self) -> None:
        ref = self.current_reference()
        if ref is not None and ref.id is not None and self.set_id is not None:
            set_id, ref_id = self.set_id, ref.id
            self._run(lambda p: (self.services.fetch(set_id, [ref_id], _relay(p)), self.services.references(set_id)),
                      self._fetched, progress=self._progress)

    def cite_current(self) -> None:
        ref = self.current_reference()
        if ref is not None:
            self.citeRequested.emit(self.services.cite(ref))

    def attach_path(self, path: str | Path) -> None:
        """Attach a file to the selected reference."""
        ref = self._need_current()
        if ref is not None:
            ref_id = ref.id
            self._run(lambda _p: self.services.attach_file(ref_id, path), self._replaced)  # type: ignore[arg-type]

    def attach_pasted(self, text: str) -> None:
        """Pasted text: a link becomes the reference's URL (then fetched); other text is kept as its text."""
        ref = self._need_current()
        if ref is None or not text.strip():
            return
        ref_id = ref.id
        clean = text.strip()
        if re.fullmatch(r"https?://\S+", clean):
            set_id = self.set_id

            def set_and_fetch(p: Callable[[Any], None]) -> Any:
                self.services.set_url(ref_id, clean)  # type: ignore[arg-type]
                self.services.fetch(set_id, [ref_id], _relay(p))  # type: ignore[arg-type, list-item]
                return None, self.services.references(set_id)  # type: ignore[arg-type]

            self._run(set_and_fetch, self._fetched, progress=self._progress)
        else:
            self._run(lambda _p: self.services.attach_text(ref_id, clean), self._replaced)  # type: ignore[arg-type]

    def paste_from_clipboard(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        files = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()] if mime is not None else []
        if files:
            self.attach_path(files[0])
        elif mime is not None and mime.hasText():
            self.attach_pasted(mime.text())

    # -------------------------------------------------------------- drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        files = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
        if files:
            self.attach_path(files[0])
        elif mime.hasUrls():
            self.attach_pasted(mime.urls()[0].toString())
        elif mime.hasText():
            self.attach_pasted(mime.text())
        event.acceptProposedAction()

    # -------------------------------------------------------------- internals

    def _need_current(self) -> Reference | None:
        ref = self.current_reference()
        if ref is None:
            self.state.setText(self.tr("Kies eerst een bron in de lijst."))
        return ref

    def _choose_file(self) -> None:
        if self._need_current() is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Bestand toevoegen"), "",
                                              self.tr("Documenten (*.pdf *.html *.htm *.docx *.txt *.eml)"))
        if path:
            self.attach_path(path)

    def _run(self, fn: Callable[[Callable[[Any], None]], Any], on_done: Callable[[Any], None], *,
             progress: Callable[[Any], None] | None = None) -> None:
        signals = _Signals()  # lives on the GUI thread: its signals reach us queued
        self._live.add(signals)

        def finish() -> None:
            self._live.discard(signals)
            self._busy -= 1
            if not self._busy:
                self.busyChanged.emit(False)
            self._update_buttons()

        signals.done.connect(on_done)
        signals.failed.connect(self._failed)
        signals.done.connect(lambda _r: finish())
        signals.failed.connect(lambda _m: finish())
        if progress is not None:
            signals.progress.connect(progress)
        self._busy += 1
        if self._busy == 1:
            self.busyChanged.emit(True)
        self._update_buttons()
        self._pool.start(_Task(fn, signals))

    @Slot(object)
    def _loaded(self, refs: list[Reference]) -> None:
        keep = self.current_reference()
        self._refs = {r.id: r for r in refs if r.id is not None}
        ids = [r.id for r in refs]
        if ids == [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]:
            # The same references (after a fetch): their lines change, the list and selection stay.
            for i, ref in enumerate(refs):
                self._paint(self.list.item(i), ref)
        else:
            # Rebuilt without a selection signal per step: each would lay out the reader again.
            blocked = self.list.blockSignals(True)
            try:
                self.list.clear()
                for ref in refs:
                    item = QListWidgetItem()
                    item.setData(ID_ROLE, ref.id)
                    self.list.addItem(item)
                    self._paint(item, ref)
                if keep is not None and keep.id in self._refs:
                    self.select_reference(keep.id)  # type: ignore[arg-type]
                elif self.list.count():
                    self.list.setCurrentRow(0)
            finally:
                self.list.blockSignals(blocked)
        self._show_current()
        self.referencesChanged.emit()

    @Slot(object)
    def _fetched(self, result: tuple[Any, list[Reference]]) -> None:
        self._loaded(result[1])

    @Slot(object)
    def _replaced(self, ref: Reference) -> None:
        if ref.id is None:
            return
        self._refs[ref.id] = ref
        item = self._item(ref.id)
        if item is not None:
            self._paint(item, ref)
        current = self.current_reference()
        if current is not None and current.id == ref.id:
            self._show_current()
        self.referencesChanged.emit()

    @Slot(object)
    def _progress(self, ref: Reference) -> None:
        if ref.id is not None and ref.id in self._refs:
            self._replaced(ref)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.state.setText(message)

    def _item(self, reference_id: int) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(ID_ROLE) == reference_id:
                return item
        return None

    def _paint(self, item: QListWidgetItem, ref: Reference) -> None:
        note = f"[{ref.footnote}] " if ref.footnote is not None else ""
        title = ref.title or ref.citation
        item.setText(f"{note}{title}\n{state_label(ref)}")
        item.setToolTip(ref.error or ref.citation)

    def _show_current(self) -> None:
        ref = self.current_reference()
        self._update_buttons()
        if ref is None:
            self.reader.clear()
            self._shown = None
            self.state.clear()
            self.search_link.hide()
            return
        # Laying out a long article costs the GUI thread real time: only when something changed.
        shown = (ref.id, ref.status, ref.title, len(ref.text or ""), ref.fetched_at, tuple(self._terms))
        if shown != self._shown:
            self._shown = shown
            self._render(ref)
        state = state_label(ref)
        if ref.status == "failed" and ref.error:
            state = f"{state}: {ref.error}"
        self.state.setText(state)
        if not _fetchable(ref) and ref.status not in ("fetched", "attached"):
            url = self.services.search_url(ref)
            # Outside the f-string: lupdate does not see a tr() inside one.
            search = html.escape(self.tr("Zoek dit artikel"))
            rest = html.escape(self.tr("— of sleep een bestand hierheen, of plak de tekst of de link."))
            self.search_link.setText(f'<a href="{html.escape(url, quote=True)}">{search}</a> {rest}')
            self.search_link.show()
        else:
            self.search_link.hide()

    def _render(self, ref: Reference) -> None:
        """Show ``ref`` in the reader: the start at once, the rest in slices between events.

        A long article made into HTML and laid out in one go keeps the GUI thread busy for tens
        of milliseconds. Here each turn of the event loop escapes, highlights and lays out about
        :data:`RENDER_SLICE` characters, well under a frame, and other events run in between.
        """
        self._generation += 1
        generation = self._generation
        head, raw = reader_source(ref)
        pattern = _terms_pattern(self._terms)
        slices = _slices(raw, RENDER_SLICE - len(head))
        first = next(slices, [])
        self.reader.setHtml(head + "".join(_paragraph_html(p, pattern)[0] for p in first))
        self.rendering = True

        def more() -> None:
            if generation != self._generation:
                return  # another reference is shown by now
            part = next(slices, None)
            if part is None:
                self.rendering = False
                return
            cursor = QTextCursor(self.reader.document())
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertHtml("".join(_paragraph_html(p, pattern)[0] for p in part))
            QTimer.singleShot(0, more)

        QTimer.singleShot(0, more)

    def _update_buttons(self) -> None:
        ref = self.current_reference()
        has_set = self.set_id is not None
        self.fetch_all_button.setEnabled(has_set and not self.busy)
        self.retry_button.setEnabled(ref is not None and _fetchable(ref) and not self.busy)
        self.retry_button.setText(self.tr("Opnieuw proberen") if ref is not None and ref.status == "failed"
                                  else self.tr("Ophalen"))
        self.cite_button.setEnabled(ref is not None)
        self.attach_button.setEnabled(ref is not None)
        self.paste_button.setEnabled(ref is not None)

    def _open_url(self, url: str) -> None:
        self.openUrlRequested.emit(url)
        if self.open_links:
            QDesktopServices.openUrl(QUrl(url))

    def closeEvent(self, event: Any) -> None:
        # Let a running fetch finish its write rather than cutting it off mid-transaction.
        self._pool.waitForDone(10000)
        super().closeEvent(event)


def _relay(emit: Callable[[Any], None]) -> Callable[[Reference, int, int], None]:
    """The service's progress callback, forwarded to the GUI thread through a queued signal."""
    return lambda ref, _done, _total: emit(ref)
