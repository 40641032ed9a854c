"""The workspace opens a set without waiting for slow things, and frees the set it leaves."""
from __future__ import annotations

import datetime as dt

import shiboken6
from PySide6.QtWidgets import QApplication

from kvdesk.gui import workspace
from tests.gui.helpers import make_set, start_app


def test_a_set_opens_before_the_holiday_calendar_is_loaded_and_gets_its_working_days_after(
        qtbot, data_dir, monkeypatch):
    submitted = dt.date.today() - dt.timedelta(days=2)
    started = start_app(data_dir, sets=[make_set(3, submitted=submitted)])
    window = started.window
    qtbot.addWidget(window)
    try:
        ws = window.workspace
        set_id = ws.set_id
        ws.load_set(None)
        # As in a fresh process: the holiday tables have not been imported yet.
        monkeypatch.setattr(workspace, "calendar_loaded", lambda: False)
        ws.load_set(set_id)
        first = ws.header.details.text()
        assert "werkdagen" not in first
        deadline = (submitted + dt.timedelta(days=21)).strftime("%d-%m-%Y")
        assert deadline in first  # the date at once
        qtbot.waitUntil(lambda: "werkdagen" in ws.header.details.text(), timeout=20000)
        assert deadline in ws.header.details.text()
    finally:
        window.close()
        started.ctx.close()


def test_the_rows_of_a_set_left_behind_are_freed_without_returning_to_the_event_loop(qtbot, data_dir):
    started = start_app(data_dir, sets=[make_set(12, kenmerk="2025Z00012"), make_set(3, kenmerk="2025Z00003")])
    window = started.window
    qtbot.addWidget(window)
    try:
        window.show()
        ids = {s.kenmerk: s.id for s in window.sets.model.sets}
        window.open_set(ids["2025Z00012"])
        old_rows = list(window.workspace.rows)
        assert old_rows
        window.open_set(ids["2025Z00003"])
        QApplication.processEvents()  # no exec(): deleteLater alone would keep them until the loop ran
        assert not any(shiboken6.isValid(r) for r in old_rows)
        assert len(window.workspace.rows) == 3 and all(shiboken6.isValid(r) for r in window.workspace.rows)
    finally:
        window.close()
        started.ctx.close()
