"""Read-only mode: when another kvdesk holds the database, this one may still look.

:class:`ReadOnlyExecutor` refuses every write with a one-line message (every write in the app
goes through the executor), and :class:`ReadOnlyEditors` makes each answer editor read-only as
it is created, so nothing can be typed that could not be saved.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QTextEdit, QWidget

from kvdesk.gui.labels import QT_TRANSLATE_NOOP
from kvdesk.gui.operations import Failure, Success, SyncExecutor

READ_ONLY_MESSAGE = QT_TRANSLATE_NOOP("ReadOnly", "kvdesk is alleen-lezen geopend omdat een andere kvdesk de "
                                                  "database gebruikt; sluit die af en start kvdesk opnieuw om te "
                                                  "wijzigen.")


class ReadOnlyError(Exception):
    """A write was asked for while kvdesk is read-only."""

    def __init__(self) -> None:
        super().__init__(QCoreApplication.translate("ReadOnly", READ_ONLY_MESSAGE))


class ReadOnlyExecutor(SyncExecutor):
    """An executor that runs nothing: every operation fails at once with :class:`ReadOnlyError`."""

    def run(self, op: Callable[[], Any], *, on_success: Success | None = None, on_failure: Failure | None = None,
            progress: str | None = None, parent: QWidget | None = None) -> None:
        self._finish(None, ReadOnlyError(), on_success, on_failure or (lambda _e: None))


class ReadOnlyEditors(QObject):
    """Application event filter: every answer editor becomes read-only before it is shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.Polish and isinstance(watched, QTextEdit):
            from kvdesk.gui.editor import AnswerEditor

            if isinstance(watched, AnswerEditor):
                watched.setReadOnly(True)
        return False
