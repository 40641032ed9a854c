"""Crash safety: a writer killed with SIGKILL mid-write loses no committed answer.

The child saves answers in a loop through the real repository and reports each commit on
stdout before it goes on; the test kills it at a varying moment, reopens the database (taking
over the dead writer's lock) and checks that every reported answer is there and that
``quick_check`` passes.
"""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kvdesk.services.context import Context
from tests.storage.helpers import make_set

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL exists on POSIX only")

WRITER = """
import sys
from kvdesk.services.context import Context
ctx = Context.create(sys.argv[1])
ctx.hold_lock()
repo = ctx.repo
set_id = repo.resolve("2025Z30001")
start = int(sys.argv[2])
print("ready", flush=True)
i = start
while True:
    i += 1
    q = i % 5 + 1
    # Long enough that a kill often lands inside the write of the page, not between commits.
    repo.save_answer(set_id, [q], f"Antwoord {i}. " + "tekst " * (i % 400), author="crash")
    print(i, flush=True)
"""


def _run_and_kill(data: Path, start: int, commits_before_kill: int) -> list[int]:
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(data), str(start)], stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    reported: list[int] = []
    for line in proc.stdout:
        reported.append(int(line))
        if len(reported) >= commits_before_kill:
            proc.send_signal(signal.SIGKILL)
            break
    # Lines already written before the kill are commits too.
    reported.extend(int(line) for line in proc.stdout if line.strip())
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    return reported


def test_killed_writer_loses_no_committed_answer_and_the_database_stays_sound(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ctx = Context.create(data)
    ctx.hold_lock()
    ctx.repo.add_set(make_set("2025Z30001", questions=5))
    ctx.close()

    committed: list[int] = []
    for round_, kill_after in enumerate((7, 61, 143)):
        start = round_ * 1000
        reported = _run_and_kill(data, start, kill_after)
        assert len(reported) >= kill_after
        committed.extend(reported)

        ctx = Context.create(data)
        ctx.hold_lock()  # the dead writer's lock is stale: taken over, not refused
        set_id = ctx.repo.resolve("2025Z30001")  # opening runs quick_check
        texts = {r.text.split(".")[0] for r in ctx.repo.revisions(set_id)}
        missing = [i for i in committed if f"Antwoord {i}" not in texts]
        assert missing == [], f"committed answers lost after SIGKILL: {missing[:10]}"
        last = reported[-1]
        current = ctx.repo.get_set(set_id).answer_for(last % 5 + 1)
        assert current is not None
        # The newest reported answer is current, unless one more commit landed before the kill.
        assert current.text.startswith((f"Antwoord {last}.", f"Antwoord {last + 5}."))
        ctx.close()

    path = data / "kvdesk.sqlite3"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
