"""Killing the app while the user types loses nothing older than the journal's pause.

A real kvdesk process types into an answer, is killed with SIGKILL before its autosave runs,
and the next start (a second real process) stores the text from the journal and says so.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kvdesk.services.context import Context
from tests.gui.helpers import make_set
from tests.support import REPO_ROOT

CHILD = textwrap.dedent("""
    import argparse, sys, time
    from pathlib import Path
    from PySide6.QtTest import QTest
    from kvdesk.gui import settings as S
    from kvdesk.gui.application import build

    data_dir, settings_path = Path(sys.argv[1]), Path(sys.argv[2])
    s = S.Settings(settings_path)
    s.set(S.AUTOSAVE_MS, 600_000)  # no autosave before the kill: only the journal can save the text
    s.sync()
    started = build(argparse.Namespace(data_dir=str(data_dir), database=None, debug=False),
                    settings_path=settings_path, spell=False, show_errors=False)
    window = started.window
    window.show()
    row = window.workspace.rows[1]
    row.build()
    row.editor.setFocus()
    QTest.keyClicks(row.editor, "Het kabinet deelt de zorgen")
    journal = data_dir / "journal.json"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        started.app.processEvents()
        if journal.exists() and "deelt de zorgen" in journal.read_text(encoding="utf-8"):
            break
        time.sleep(0.02)
    print("READY", flush=True)
    while True:  # still "typing" when the kill comes
        started.app.processEvents()
        time.sleep(0.05)
""")


@pytest.mark.slow
def test_text_typed_before_a_kill_is_back_after_restart(data_dir: Path, tmp_path: Path):
    ctx = Context.create(data_dir)
    set_id = ctx.repo.add_set(make_set(3)).id
    ctx.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO_ROOT))
    settings_path = tmp_path / "config" / "crash.ini"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir), str(settings_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO_ROOT,
    )
    try:
        line = child.stdout.readline()
        assert line.strip() == "READY", child.stderr.read()
        time.sleep(0.1)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    assert child.returncode == -signal.SIGKILL

    # Nothing reached the database: the autosave never ran.
    ctx = Context.create(data_dir)
    assert ctx.repo.get_set(set_id).answer_for(2) is None
    ctx.close()

    # The next start recovers the text and tells the user.
    restart = subprocess.run(
        [sys.executable, "-c", textwrap.dedent("""
            import argparse, sys
            from pathlib import Path
            from kvdesk.gui.application import build
            s = build(argparse.Namespace(data_dir=sys.argv[1], database=None, debug=False),
                      settings_path=Path(sys.argv[2]), spell=False, show_errors=False)
            print(s.window.statusBar().currentMessage())
            s.window.close(); s.executor.shutdown(); s.ctx.close()
        """), str(data_dir), str(settings_path)],
        capture_output=True, text=True, env=env, cwd=REPO_ROOT, timeout=120,
    )
    assert restart.returncode == 0, restart.stderr
    assert "teruggezet" in restart.stdout and "antwoord 2" in restart.stdout
    ctx = Context.create(data_dir)
    answer = ctx.repo.get_set(set_id).answer_for(2)
    assert answer is not None and answer.text == "Het kabinet deelt de zorgen"
    assert ctx.repo.revisions(set_id, [2])[-1].note == "hersteld na onverwacht afsluiten"
    ctx.close()
    assert not (data_dir / "journal.json").exists()
