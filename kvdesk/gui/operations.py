"""Operations: every write runs on one writer thread, with its result back on the GUI thread.

This follows the shape of Anki's ``CollectionOp``: the GUI hands a plain function to the
:class:`Executor`, which runs it off the GUI thread on a single worker (SQLite has one writer),
then calls ``on_success`` or ``on_failure`` on the GUI thread. A progress dialog appears only when
an operation takes longer than :data:`PROGRESS_DELAY_MS`. Tests use :class:`SyncExecutor`, which
runs everything at once, in order.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 600

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


class Executor(QObject):
    """Runs operations one at a time on a worker thread; callbacks come back on the GUI thread."""

    _done = Signal(object)

    def __init__(self, parent: QObject | None = None, *, name: str = "kvdesk-writer") -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._pending = 0
        self._lock = threading.Lock()
        # Queued: the slot runs on the thread this object lives on (the GUI thread).
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def pending(self) -> int:
        return self._pending

    def run(
        self,
        op: Callable[[], Any],
        *,
        on_success: Success | None = None,
        on_failure: Failure | None = None,
        progress: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """Run ``op()`` off the GUI thread; ``progress`` names it in a dialog shown if it is slow."""
        with self._lock:
            self._pending += 1
        dialog: list[QProgressDialog] = []
        timer: QTimer | None = None
        if progress:
            timer = QTimer(self)
            timer.setSingleShot(True)

            def show() -> None:
                box = QProgressDialog(progress, "", 0, 0, parent)
                box.setCancelButton(None)
                box.setWindowModality(Qt.WindowModality.WindowModal)
                box.setMinimumDuration(0)
                box.setAccessibleName(progress)
                box.show()
                dialog.append(box)

            timer.timeout.connect(show)
            timer.start(PROGRESS_DELAY_MS)

        def finish(result: Any, error: BaseException | None) -> None:
            if timer is not None:
                timer.stop()
                timer.deleteLater()
            for box in dialog:
                box.close()
                box.deleteLater()
            self._finish(result, error, on_success, on_failure)

        def work() -> None:
            try:
                result = op()
            except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI
                self._done.emit((finish, None, exc))
                return
            self._done.emit((finish, result, None))

        self._pool.submit(work)

    def _deliver(self, payload: tuple[Callable[[Any, BaseException | None], None], Any, BaseException | None]) -> None:
        finish, result, error = payload
        with self._lock:
            self._pending -= 1
        finish(result, error)

    @staticmethod
    def _finish(result: Any, error: BaseException | None, on_success: Success | None, on_failure: Failure | None) -> None:
        if error is None:
            if on_success is not None:
                on_success(result)
            return
        if on_failure is not None:
            on_failure(error)
        else:
            log.error("operation failed", exc_info=error)
            raise error

    def wait(self, timeout: float = 30.0) -> bool:
        """Block until every queued operation has run (on close); then deliver their callbacks."""
        marker: Future[None] = self._pool.submit(lambda: None)
        try:
            marker.result(timeout)
        except Exception:  # noqa: BLE001 - a timeout must not stop the window from closing
            log.warning("operations still running after %.0f s", timeout)
            return False
        from PySide6.QtCore import QCoreApplication

        # Callbacks were queued to this thread: run them now.
        QCoreApplication.sendPostedEvents(self)
        return True

    def shutdown(self) -> None:
        self.wait()
        self._pool.shutdown(wait=True)


class SyncExecutor(Executor):
    """Runs each operation at once on the calling thread (tests: deterministic order)."""

    def run(
        self,
        op: Callable[[], Any],
        *,
        on_success: Success | None = None,
        on_failure: Failure | None = None,
        progress: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        try:
            result = op()
        except Exception as exc:  # noqa: BLE001 - handed to on_failure like the threaded executor
            self._finish(None, exc, on_success, on_failure)
            return
        self._finish(result, None, on_success, on_failure)

    def wait(self, timeout: float = 30.0) -> bool:
        return True
