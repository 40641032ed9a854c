"""Settings, operations, the exception hook, the translation and the screenshot command."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage

from kvdesk.gui import settings as S
from kvdesk.gui.errors import ExceptionHook
from kvdesk.gui.operations import PROGRESS_DELAY_MS, Executor, SyncExecutor
from tests.support import REPO_ROOT


def test_settings_are_typed_with_defaults_and_a_version(tmp_path):
    s = S.Settings(tmp_path / "k.ini")
    assert s.get(S.AUTOSAVE_MS) == 1000 and s.get(S.SPELLCHECK) is True and s.get(S.LANGUAGE) == "nl"
    s.set(S.AUTOSAVE_MS, 1500)
    s.set(S.SPELLCHECK, False)
    s.sync()
    again = S.Settings(tmp_path / "k.ini")
    assert again.get(S.AUTOSAVE_MS) == 1500 and again.get(S.SPELLCHECK) is False
    assert again.version == S.VERSION


def test_unreadable_or_unknown_values_fall_back_to_the_default(tmp_path):
    s = S.Settings(tmp_path / "k.ini")
    s.store.setValue("prefs/autosave_ms", "snel")
    s.store.setValue("prefs/language", "fr")
    assert s.get(S.AUTOSAVE_MS) == 1000 and s.get(S.LANGUAGE) == "nl"


def test_an_old_settings_file_is_upgraded(tmp_path):
    path = tmp_path / "old.ini"
    raw = QSettings(str(path), QSettings.Format.IniFormat)
    raw.setValue("autosave_ms", 2500)
    raw.sync()
    s = S.Settings(path)
    assert s.get(S.AUTOSAVE_MS) == 2500
    assert s.version == S.VERSION
    assert not s.store.contains("autosave_ms")


def test_layout_state_is_kept_apart_from_preferences(tmp_path):
    from PySide6.QtCore import QByteArray

    s = S.Settings(tmp_path / "k.ini")
    s.set_layout("main/geometry", QByteArray(b"abc"))
    assert s.layout("main/geometry") == QByteArray(b"abc")
    assert all(not k.startswith("prefs/") for k in s.store.allKeys() if "geometry" in k)


def test_operations_run_off_the_gui_thread_and_report_back_on_it(qtbot):
    executor = Executor()
    gui = threading.current_thread()
    seen = {}

    def op():
        seen["worker"] = threading.current_thread()
        return 42

    def ok(result):
        seen["result"] = result
        seen["callback"] = threading.current_thread()

    executor.run(op, on_success=ok)
    qtbot.waitUntil(lambda: "result" in seen, timeout=3000)
    assert seen["worker"] is not gui and seen["callback"] is gui and seen["result"] == 42
    failures = []
    executor.run(lambda: 1 / 0, on_failure=failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=3000)
    assert isinstance(failures[0], ZeroDivisionError)
    executor.shutdown()


def test_operations_run_one_at_a_time_in_order(qtbot):
    executor = Executor()
    order = []
    for k in range(5):
        executor.run(lambda k=k: (time.sleep(0.01), order.append(k)))
    executor.wait()
    assert order == [0, 1, 2, 3, 4]
    executor.shutdown()


def test_progress_appears_only_for_slow_operations(qtbot):
    from PySide6.QtWidgets import QApplication, QProgressDialog

    executor = Executor()
    done = []
    executor.run(lambda: None, on_success=done.append, progress="Snel")
    qtbot.waitUntil(lambda: bool(done), timeout=2000)
    qtbot.wait(PROGRESS_DELAY_MS + 100)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
    executor.run(lambda: time.sleep(1.2), on_success=done.append, progress="Langzaam")
    qtbot.waitUntil(lambda: any(isinstance(w, QProgressDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=1100)
    qtbot.waitUntil(lambda: len(done) == 2, timeout=3000)
    executor.shutdown()


def test_sync_executor_hands_failures_to_the_callback():
    errors = []
    SyncExecutor().run(lambda: 1 / 0, on_failure=errors.append)
    assert isinstance(errors[0], ZeroDivisionError)


def test_exception_hook_logs_and_offers_a_copyable_error_with_the_log_path(qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication

    hook = ExceptionHook(tmp_path / "kvdesk.log", show=False)
    try:
        raise RuntimeError("kapot")
    except RuntimeError as exc:
        hook(type(exc), exc, exc.__traceback__)
    dialog = hook.last
    assert dialog is not None
    qtbot.addWidget(dialog)
    text = dialog.details.toPlainText()
    assert "RuntimeError: kapot" in text and str(tmp_path / "kvdesk.log") in text and "Traceback" in text
    dialog.copy()
    assert "kapot" in QApplication.clipboard().text()


def test_english_translation_switches_the_menus(qtbot, data_dir):
    from tests.gui.helpers import make_set, start_app

    settings_path = data_dir.parent / "config" / "kvdesk-test.ini"
    s = S.Settings(settings_path)
    s.set(S.LANGUAGE, "en")
    s.sync()
    started = start_app(data_dir, sets=[make_set(1)])
    try:
        titles = [a.text() for a in started.window.menuBar().actions()]
        assert "&File" in titles and "&Bestand" not in titles
    finally:
        from PySide6.QtWidgets import QApplication

        for tr in started.app.findChildren(__import__("PySide6.QtCore", fromlist=["QTranslator"]).QTranslator):
            QApplication.removeTranslator(tr)
        started.window.close()
        started.hook.uninstall()
        started.ctx.close()


def test_screenshot_command_writes_a_png(tmp_path):
    out = tmp_path / "venster.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO_ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "kvdesk", "--data-dir", str(tmp_path / "data"), "--screenshot", str(out)],
        capture_output=True, text=True, env=env, cwd=REPO_ROOT, timeout=180,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert image.width() >= 1200 and image.height() >= 700


def test_screenshot_of_an_unknown_set_is_one_line_error(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO_ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "kvdesk", "--data-dir", str(tmp_path / "data"), "--screenshot",
         str(tmp_path / "x.png"), "--set", "2099Z99999"],
        capture_output=True, text=True, env=env, cwd=REPO_ROOT, timeout=180,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "2099Z99999" in result.stderr
    assert not Path(tmp_path / "x.png").exists()
