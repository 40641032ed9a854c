"""The lock file: a second writer is refused with who, where and since when; stale locks are taken over."""
from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kvdesk.services.context import Context
from kvdesk.storage.lock import DatabaseLock, LockedError, lock_path
from tests.storage.helpers import make_set

HOLDER = """
import sys, time
from pathlib import Path
from kvdesk.storage.lock import DatabaseLock
lock = DatabaseLock(Path(sys.argv[1]), user="anna")
lock.acquire()
print("held", flush=True)
sys.stdin.readline()
lock.release()
print("released", flush=True)
"""


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kvdesk.sqlite3"


@pytest.fixture
def other_process(db_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another kvdesk process holding the lock until its stdin gets a line."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=10)


def _write_lock(db_path: Path, *, host: str, pid: int, heartbeat: dt.datetime, user: str = "bram") -> None:
    lock_path(db_path).write_text(json.dumps({
        "host": host, "user": user, "pid": pid, "since": (heartbeat - dt.timedelta(hours=1)).isoformat(),
        "heartbeat": heartbeat.isoformat(), "token": "t0k3n", "app": "kvdesk",
    }), encoding="utf-8")


def test_second_process_is_refused_with_a_message_naming_user_host_and_time(
        db_path: Path, other_process: subprocess.Popen[str]) -> None:
    with pytest.raises(LockedError) as info:
        DatabaseLock(db_path).acquire()
    message = str(info.value)
    assert "\n" not in message
    assert "anna" in message and socket.gethostname() in message and "sinds" in message
    assert "Sluit kvdesk daar af" in message
    assert info.value.holder is not None and info.value.holder.pid == other_process.pid


def test_lock_is_free_again_when_the_other_process_releases_it(
        db_path: Path, other_process: subprocess.Popen[str]) -> None:
    assert other_process.stdin is not None and other_process.stdout is not None
    other_process.stdin.write("\n")
    other_process.stdin.flush()
    assert other_process.stdout.readline().strip() == "released"
    with DatabaseLock(db_path) as lock:
        assert lock.held and lock_path(db_path).exists()
    assert not lock_path(db_path).exists()


def test_lock_of_a_dead_process_on_this_host_is_taken_over(db_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    _write_lock(db_path, host=socket.gethostname(), pid=int(dead.stdout), heartbeat=dt.datetime.now())
    lock = DatabaseLock(db_path)
    info = lock.acquire()
    try:
        assert info.pid == os.getpid()
        assert lock.read() == info
    finally:
        lock.release()


def test_fresh_lock_from_another_machine_is_respected_and_an_old_one_is_taken_over(db_path: Path) -> None:
    _write_lock(db_path, host="werkplek-17", pid=4242, heartbeat=dt.datetime.now())
    with pytest.raises(LockedError, match="bram op werkplek-17"):
        DatabaseLock(db_path, stale_after=dt.timedelta(minutes=10)).acquire()
    _write_lock(db_path, host="werkplek-17", pid=4242, heartbeat=dt.datetime.now() - dt.timedelta(minutes=11))
    lock = DatabaseLock(db_path, stale_after=dt.timedelta(minutes=10))
    assert lock.acquire().host == socket.gethostname()
    lock.release()


def test_force_takes_over_a_live_lock(db_path: Path) -> None:
    _write_lock(db_path, host="werkplek-17", pid=4242, heartbeat=dt.datetime.now())
    lock = DatabaseLock(db_path)
    lock.acquire(force=True)
    assert lock.read().host == socket.gethostname()  # type: ignore[union-attr]
    lock.release()


def test_holds_within_one_process_are_shared_and_counted(db_path: Path) -> None:
    app, worker = DatabaseLock(db_path), DatabaseLock(db_path)
    first = app.acquire()
    assert worker.acquire() == first
    worker.release()
    assert lock_path(db_path).exists()
    app.release()
    assert not lock_path(db_path).exists()


def test_heartbeat_is_renewed(db_path: Path) -> None:
    lock = DatabaseLock(db_path, heartbeat=dt.timedelta(milliseconds=50))
    info = lock.acquire()
    try:
        data = json.loads(lock_path(db_path).read_text())
        data["heartbeat"] = "2000-01-01T00:00:00"
        lock_path(db_path).write_text(json.dumps(data))
        lock.refresh()
        renewed = lock.read()
        assert renewed is not None and renewed.token == info.token
        assert renewed.heartbeat.year > 2000
    finally:
        lock.release()


def test_empty_lock_file_is_respected_briefly_then_taken_over(db_path: Path) -> None:
    lock_path(db_path).write_text("")
    with pytest.raises(LockedError, match="onleesbaar"):
        DatabaseLock(db_path).acquire()
    old = dt.datetime.now().timestamp() - 60
    os.utime(lock_path(db_path), (old, old))
    lock = DatabaseLock(db_path)
    lock.acquire()
    lock.release()


def test_reading_works_while_another_process_holds_the_lock(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    ctx = Context.create(data)
    ctx.hold_lock()
    ctx.repo.add_set(make_set())
    ctx.close()
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(data / "kvdesk.sqlite3")], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        reader = Context.create(data)
        assert reader.reader.get_set("2025Z20001").subject == "slimme meters"
        assert reader.repo.list_sets()[0].kenmerk == "2025Z20001"  # the full repository reads too
        reader.close()
        writer = Context.create(data)
        with pytest.raises(LockedError):
            writer.hold_lock()
        with pytest.raises(LockedError), writer.lock_for_writing():
            pass
        writer.close()
    finally:
        proc.kill()
        proc.wait(timeout=10)
