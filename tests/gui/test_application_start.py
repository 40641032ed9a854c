"""The interactive start: the main window at once, the database after its first paint, then the panels."""
from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import shiboken6

from tests.gui.helpers import damaged_database_with_backup, make_set
from tests.support import REPO_ROOT


def _env() -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO_ROOT))


def test_the_main_window_frame_needs_neither_sqlalchemy_nor_the_panels():
    code = ("import sys, kvdesk.gui.application, kvdesk.gui.mainwindow; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy' "
            "or m in ('kvdesk.gui.workspace', 'kvdesk.gui.editor', 'kvdesk.gui.sources_panel', "
            "'kvdesk.gui.checks_panel', 'kvdesk.gui.search_panel', 'kvdesk.core.checks', 'kvdesk.core.model', "
            "'kvdesk.storage.repository', 'kvdesk.services.logs')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(),
                            cwd=REPO_ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_main_window_is_shown_before_the_database_is_opened(qtbot, data_dir: Path, tmp_path: Path):
    from kvdesk.gui.application import Started, start_shown
    from kvdesk.gui.mainwindow import MainWindow
    from kvdesk.gui.operations import SyncExecutor
    from kvdesk.services.context import Context

    ctx = Context.create(data_dir)
    ctx.repo.add_set(make_set(4, kenmerk="2025Z00004"))
    ctx.close()
    database = data_dir / "kvdesk.sqlite3"
    assert database.exists()
    before = database.stat().st_mtime_ns
    got: list[Started] = []
    failures: list[BaseException] = []
    args = argparse.Namespace(data_dir=str(data_dir), database=None, debug=False)
    starting = start_shown(args, got.append, failures.append, settings_path=tmp_path / "k.ini", show_errors=False,
                           executor=SyncExecutor(), spell=False)  # type: ignore[arg-type]
    window = starting.window
    qtbot.addWidget(window)
    # The real main window, on screen with its menus before anything else is done.
    assert isinstance(window, MainWindow) and window.isVisible() and not window.attached
    assert window.loading.text() == "Vragensets laden…"
    assert [a.text() for a in window.menuBar().actions()][:2] == ["&Bestand", "Be&werken"]
    assert not window.act_export.isEnabled() and window.act_export.shortcut().isEmpty()
    assert not (data_dir / "logs").exists()  # the log, the lock and the database come after the first paint
    qtbot.waitUntil(lambda: bool(got or failures), timeout=30000)
    assert not failures
    started = got[0]
    try:
        assert started.window is window and window.attached
        assert window.painted_at is not None
        assert window.act_export.isEnabled() and window.act_export.shortcut().toString() == "Ctrl+E"
        assert started.ctx.holds_lock
        # Attached first, filled on the next turn of the event loop.
        qtbot.waitUntil(lambda: [s.kenmerk for s in window.sets.model.sets] == ["2025Z00004"], timeout=10000)
        qtbot.waitUntil(lambda: window.workspace.qs is not None, timeout=10000)
        assert window.workspace.qs.kenmerk == "2025Z00004"
        assert database.stat().st_mtime_ns >= before
        # What start-up made is kept out of full garbage collections (no 100 ms pause while typing),
        # and the GUI thread waits at most a millisecond for the GIL.
        assert gc.get_freeze_count() > 10_000
        assert sys.getswitchinterval() <= 0.001
    finally:
        gc.unfreeze()
        window.close()
        started.hook.uninstall()
        started.ctx.close()


HOLD_LOCK = """
import sys
from kvdesk.services.context import Context
ctx = Context.create(sys.argv[1])
ctx.hold_lock()
print("ready", flush=True)
sys.stdin.read()
ctx.close()
"""


def test_a_refused_start_closes_the_window_and_reports_why(qtbot, data_dir: Path, tmp_path: Path):
    from kvdesk.gui.application import start_shown
    from kvdesk.storage.lock import LockedError

    # Another kvdesk works on this database.
    other = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(data_dir)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, env=_env(), cwd=REPO_ROOT)
    failures: list[BaseException] = []
    hook = sys.excepthook
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "ready"
        args = argparse.Namespace(data_dir=str(data_dir), database=None, debug=False)
        starting = start_shown(args, lambda _s: failures.append(AssertionError("started despite the lock")),
                               failures.append, settings_path=tmp_path / "k.ini", show_errors=False, spell=False)
        window = starting.window
        qtbot.waitUntil(lambda: bool(failures), timeout=30000)
        assert isinstance(failures[0], LockedError), failures
        assert "in gebruik door" in str(failures[0])
        assert not shiboken6.isValid(window) or not window.isVisible()
    finally:
        other.communicate("", timeout=30)
        sys.excepthook = hook  # the start installed its exception hook


DRIVE = textwrap.dedent("""
    import argparse, json, sys
    from PySide6.QtCore import QTimer
    from kvdesk.gui import application as A
    app = A.qt_application()
    seen = {}
    def poll():
        for w in app.topLevelWidgets():
            if type(w).__name__ == "MainWindow" and w.isVisible() and not w.attached:
                seen["frame_first"] = True
            if type(w).__name__ == "MainWindow" and w.isVisible() and w.attached and w.sets.model.sets:
                seen["sets"] = [s.kenmerk for s in w.sets.model.sets]
                w.close()
                return
        QTimer.singleShot(10, poll)
    QTimer.singleShot(0, poll)
    status = A.main(argparse.Namespace(data_dir=sys.argv[1], database=None, debug=False, screenshot=None))
    print(json.dumps({"status": status, **seen}))
""")


def test_kvdesk_starts_with_the_demo_set_and_quits_cleanly(tmp_path: Path):
    """The real start on an empty data folder: the window's frame, demo import, the panels, exit 0."""
    result = subprocess.run([sys.executable, "-c", DRIVE, str(tmp_path / "data")], capture_output=True, text=True,
                            env=_env(), cwd=REPO_ROOT, timeout=180)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["status"] == 0
    assert outcome.get("frame_first") is True
    assert len(outcome.get("sets", [])) == 1  # the demo set
    assert (tmp_path / "data" / "logs").is_dir()


CLOSE_EARLY = textwrap.dedent("""
    import argparse, json, sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from kvdesk.gui import application as A
    app = A.qt_application()
    seen = {}
    def close_at_once():
        # Once the lock is held (the log folder is made just before), while the database opens.
        for w in app.topLevelWidgets():
            if type(w).__name__ == "MainWindow" and w.isVisible() and (Path(sys.argv[1]) / "logs").is_dir():
                seen["attached_when_closed"] = w.attached
                w.close()
                return
        QTimer.singleShot(1, close_at_once)
    QTimer.singleShot(0, close_at_once)
    status = A.main(argparse.Namespace(data_dir=sys.argv[1], database=None, debug=False, screenshot=None))
    from kvdesk.services.context import Context
    ctx = Context.create(sys.argv[1])
    ctx.hold_lock()  # raises if the closed start kept the lock
    ctx.close()
    print(json.dumps({"status": status, **seen}))
""")


def test_closing_the_window_while_starting_quits_and_gives_the_lock_back(tmp_path: Path):
    """The user closes kvdesk while the database is still being opened: it quits, the lock is free."""
    result = subprocess.run([sys.executable, "-c", CLOSE_EARLY, str(tmp_path / "data")], capture_output=True,
                            text=True, env=_env(), cwd=REPO_ROOT, timeout=180)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {"status": 0, "attached_when_closed": False}


def test_a_damaged_database_found_by_the_worker_is_offered_its_backup_on_the_gui_thread(
        qtbot, data_dir: Path, tmp_path: Path, monkeypatch) -> None:
    import threading

    import kvdesk.gui.application as application
    from kvdesk.gui.operations import SyncExecutor
    damaged_database_with_backup(data_dir)
    asked: list[str] = []

    def ask(exc: Exception) -> bool:
        asked.append(threading.current_thread().name)
        return True

    monkeypatch.setattr(application, "ask_restore", ask)
    got: list[application.Started] = []
    failures: list[BaseException] = []
    hook = sys.excepthook
    try:
        starting = application.start_shown(argparse.Namespace(data_dir=str(data_dir), database=None, debug=False),
                                           got.append, failures.append, settings_path=tmp_path / "k.ini",
                                           show_errors=True, executor=SyncExecutor(), spell=False)  # type: ignore[arg-type]
        qtbot.addWidget(starting.window)
        qtbot.waitUntil(lambda: bool(got or failures), timeout=30000)
    finally:
        sys.excepthook = hook
    assert not failures
    started = got[0]
    try:
        assert asked == [threading.main_thread().name]  # the question is asked on the GUI thread
        qtbot.waitUntil(lambda: len(started.window.sets.model.sets) == 40, timeout=10000)
        assert "back-up is teruggezet" in started.window.statusBar().currentMessage()
    finally:
        gc.unfreeze()
        started.window.close()
        started.hook.uninstall()
        started.ctx.close()
