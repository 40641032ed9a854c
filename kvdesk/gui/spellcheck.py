"""Dutch spell checking in the editors, with every dictionary lookup off the GUI thread.

:class:`SpellService` owns the checker (:mod:`kvdesk.core.spelling`), loads the dictionary in
a worker and answers lookups from a cache. An editor's :class:`SpellHighlighter` only reads that
cache: a word it has not seen yet is queued for the worker and underlined (or not) once the
answer arrives, so typing never waits for the dictionary. Suggestions (about a second each)
are computed on the worker too and delivered to a callback on the GUI thread.
"""
from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from kvdesk.core.spelling import PERSONAL_WORDS_FILENAME, tokenize

log = logging.getLogger(__name__)



class SpellService(QObject):
    """Spelling answers for the whole application, from one worker thread."""

    checked = Signal()  # new words were judged: highlighters redraw
    _suggested = Signal(object)  # (callback, word, suggestions), delivered on the GUI thread
    ready_changed = Signal(bool)

    def __init__(self, checker: Any, parent: QObject | None = None, *, enabled: bool = True) -> None:
        super().__init__(parent)
        self.checker = checker
        self.enabled = enabled
        self.known: dict[str, bool] = {}
        self.available = True
        self._queue: queue.Queue[tuple[str, Any] | None] = queue.Queue()
        self._waiting: set[str] = set()
        self._thread = threading.Thread(target=self._work, name="kvdesk-spelling", daemon=True)
        self._started = False
        # Results come in bursts: redraw at most every 150 ms.
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(150)
        self._redraw.timeout.connect(self.checked)
        self._results: queue.Queue[tuple[str, bool]] = queue.Queue()
        self._suggested.connect(self._deliver_suggestions, Qt.ConnectionType.QueuedConnection)
        self._poll = QTimer(self)
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._drain)

    @classmethod
    def for_data_dir(cls, data_dir: Path, parent: QObject | None = None, *, enabled: bool = True) -> SpellService:
        """The shared Dutch checker with the user's personal word list from the data folder.

        The checker is the application's one (:func:`kvdesk.core.spelling.default_checker`),
        which the checks use too: the dictionary is in memory once.
        """
        from kvdesk.core.spelling import default_checker

        return cls(default_checker(data_dir / PERSONAL_WORDS_FILENAME), parent, enabled=enabled)

    def start(self) -> None:
        """Start loading the dictionary in the worker (idempotent)."""
        if not self._started:
            self._started = True
            self._thread.start()
            self._poll.start()

    def _work(self) -> None:
        try:
            self.checker.load()
        except Exception as exc:  # noqa: BLE001 - no dictionary: no underlining, never a crash
            log.warning("spell checking unavailable: %s", exc)
            self.available = False
            self.ready_changed.emit(False)
            return
        self.ready_changed.emit(True)  # queued to the GUI thread's receivers
        while True:
            item = self._queue.get()
            if item is None:
                return
            kind, payload = item
            try:
                if kind == "check":
                    self._results.put((payload, bool(self.checker.is_correct(payload))))
                else:
                    callback, word, limit = payload
                    self._suggested.emit((callback, word, self.checker.suggest(word, limit)))
            except Exception:
                log.exception("spell checking failed for %r", payload)

    def _drain(self) -> None:
        got = False
        while True:
            try:
                word, ok = self._results.get_nowait()
            except queue.Empty:
                break
            self.known[word] = ok
            self._waiting.discard(word)
            got = True
        if got and not self._redraw.isActive():
            self._redraw.start()

    def lookup(self, word: str) -> bool | None:
        """``True``/``False`` when known, ``None`` while the worker has yet to judge it (queued now)."""
        ok = self.known.get(word)
        if ok is None and self.available and word not in self._waiting:
            self._waiting.add(word)
            self._queue.put(("check", word))
            self.start()
        return ok

    def suggest(self, word: str, callback: Callable[[str, list[str]], None], limit: int = 6) -> None:
        """Compute suggestions in the worker; ``callback(word, suggestions)`` runs on the GUI thread."""
        self.start()
        self._queue.put(("suggest", (callback, word, limit)))

    def _deliver_suggestions(self, payload: tuple[Callable[[str, list[str]], None], str, list[str]]) -> None:
        callback, word, words = payload
        callback(word, words)

    def add_word(self, word: str) -> None:
        """Accept ``word`` from now on (the personal word list is saved)."""
        self.checker.add_personal_word(word)
        self.known[word] = True
        self.checked.emit()

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        self.checked.emit()

    def stop(self) -> None:
        self._poll.stop()
        if self._started:
            self._queue.put(None)


class SpellHighlighter(QSyntaxHighlighter):
    """Underlines misspelled words in one document, reading only the service's cache."""

    def __init__(self, document: QTextDocument, service: SpellService) -> None:
        super().__init__(document)
        self.service = service
        self.misspelled_format = QTextCharFormat()
        self.misspelled_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.misspelled_format.setUnderlineColor(QColor("#c42b1c"))
        self.redrawing = False
        service.checked.connect(self._redraw)

    def highlightBlock(self, text: str) -> None:  # Qt override
        if not self.service.enabled:
            return
        for start, end, word in tokenize(text):
            if self.service.lookup(word) is False:
                self.setFormat(start, end - start, self.misspelled_format)

    def _redraw(self) -> None:
        # Redrawing marks the document changed; the editor ignores changes made here.
        self.redrawing = True
        try:
            self.rehighlight()
        finally:
            self.redrawing = False

    def misspelled(self) -> list[str]:
        """The words underlined now (for tests and the checks panel)."""
        doc = self.document()
        out = []
        block = doc.begin()
        while block.isValid():
            text = block.text()
            for r in block.layout().formats():
                if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                    out.append(text[r.start:r.start + r.length])
            block = block.next()
        return out
