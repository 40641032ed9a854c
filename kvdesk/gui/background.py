"""Long jobs (an archive import, an open-data sync) on a thread of their own, with progress and cancel.

Answer saves go through the single-writer :class:`~kvdesk.gui.operations.Executor`; a job that
takes minutes must not hold them up, so it runs here instead, on its own connection. SQLite
lets one writer in at a time: the job writes in batches, and a save waits at most for the
batch being stored.

The dialog shows how far the job is and has "Annuleren"; cancelling asks the job to stop at its
next safe point (between batches, after the current set), so what was stored stays consistent.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

# How often the worker reports to the GUI thread at most (a report per batch or page anyway).
REPORT_EVERY_S = 0.05

Report = Callable[[int, int, str], None]


class BackgroundJob(QObject):
    """Runs ``job(report, cancelled)`` on a thread; ``on_done`` or ``on_failed`` on the GUI thread.

    ``report(done, total, text)`` moves the progress bar (``total`` 0: no known end) and sets
    its text; ``cancelled()`` tells the job that the user pressed "Annuleren".
    """

    _progress = Signal(int, int, str)
    _finished = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        title: str,
        job: Callable[[Report, Callable[[], bool]], Any],
        *,
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
    ) -> None:
        super().__init__(parent)
        self._job = job
        self._on_done = on_done
        self._on_failed = on_failed
        self._cancel = threading.Event()
        self._last_report = 0.0
        self.running = False
        self.dialog = QProgressDialog(title, self.tr("Annuleren"), 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self._progress.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        self._finished.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._thread = threading.Thread(target=self._run, name="kvdesk-job", daemon=True)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def start(self) -> None:
        self.running = True
        self._thread.start()

    def cancel(self) -> None:
        """Ask the job to stop at its next safe point."""
        if not self._cancel.is_set():
            self._cancel.set()
            self.dialog.setLabelText(self.tr("Stoppen na het huidige deel…"))

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the thread (tests and shutdown); whether it has ended."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _report(self, done: int, total: int, text: str) -> None:
        now = time.monotonic()
        if now - self._last_report >= REPORT_EVERY_S or (total and done >= total):
            self._last_report = now
            self._progress.emit(done, total, text)

    def _run(self) -> None:
        result: object
        try:
            result = self._job(self._report, self._cancel.is_set)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, which tells the user
            result = exc
        self._finished.emit(result)

    def _show_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            # QProgressDialog counts in ints: megabytes keep large files in range.
            scale = 1_000_000 if total > 2**31 - 1 else 1
            self.dialog.setMaximum(max(1, total // scale))
            self.dialog.setValue(min(done, total) // scale)
        if text and not self._cancel.is_set():
            self.dialog.setLabelText(text)

    def _finish(self, result: object) -> None:
        self.running = False
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()
        self.dialog.deleteLater()
        if isinstance(result, BaseException):
            self._on_failed(result)
        else:
            self._on_done(result)
        self.deleteLater()
