"""The application's signal hub: app-wide events on one QObject, connected in the main window."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Hub(QObject):
    """Signals any panel may emit or listen to; panels never import each other."""

    # set id: the set's questions, answers or status changed (reload views of it)
    set_changed = Signal(int)
    # set id, answer key ("2,3"), saved-at text: an answer reached the database
    answer_saved = Signal(int, str, str)
    # set id, answer key, message: a save failed (the text stays in the editor and the journal)
    save_failed = Signal(int, str, str)
    # set id: the user selected another set (-1: none)
    set_selected = Signal(int)
    # set id, question number: the current question in the workspace
    question_focused = Signal(int, int)
    # the list of stored sets changed (import, delete, status)
    sets_changed = Signal()
    # a user-facing message for the status bar
    message = Signal(str)
