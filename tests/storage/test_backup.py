"""Backups through SQLite's backup API: consistent copies, rotation, and restore."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from kvdesk.storage.backup import (
    DAILY,
    MANUAL,
    WEEKLY,
    BackupError,
    BackupPolicy,
    backup_now,
    list_backups,
    newest_backup,
    restore,
    restore_newest,
    rotate,
)
from kvdesk.storage.database import Database, sqlite_url
from kvdesk.storage.repository import Repository
from tests.storage.helpers import make_set


def _db_with_set(path: Path, kenmerk: str = "2025Z20001") -> None:
    db = Database.open(sqlite_url(path))
    try:
        repo = Repository(db)
        set_id = repo.add_set(make_set(kenmerk)).id
        assert set_id is not None
        repo.save_answer(set_id, [1], "Ja.", author="anna")
    finally:
        db.close()


def _kenmerken(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT kenmerk FROM question_set ORDER BY id")]


def test_backup_is_a_single_checked_file_with_the_committed_data(tmp_path: Path) -> None:
    db_path = tmp_path / "kvdesk.sqlite3"
    _db_with_set(db_path)
    info = backup_now(db_path, tmp_path / "backups")
    assert info is not None and info.kind == MANUAL
    assert info.path.name.startswith("kvdesk-") and info.path.suffix == ".sqlite3"
    assert _kenmerken(info.path) == ["2025Z20001"]
    with sqlite3.connect(info.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert not list((tmp_path / "backups").glob("*.tmp"))


def test_backup_while_another_connection_writes_is_consistent(tmp_path: Path) -> None:
    db_path = tmp_path / "kvdesk.sqlite3"
    _db_with_set(db_path)
    writer = sqlite3.connect(db_path)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE question_set SET subject = 'onaf'")
    try:
        info = backup_now(db_path, tmp_path / "backups")
    finally:
        writer.rollback()
        writer.close()
    assert info is not None
    with sqlite3.connect(info.path) as conn:
        assert conn.execute("SELECT subject FROM question_set").fetchone()[0] == "slimme meters"


def test_backups_are_listed_newest_first_even_within_one_second(tmp_path: Path) -> None:
    db_path = tmp_path / "kvdesk.sqlite3"
    _db_with_set(db_path)
    moment = dt.datetime(2026, 1, 5, 9, 0, 0)
    first = backup_now(db_path, tmp_path / "b", now=moment)
    second = backup_now(db_path, tmp_path / "b", now=moment)
    third = backup_now(db_path, tmp_path / "b", now=moment + dt.timedelta(hours=1))
    assert [b.path for b in list_backups(tmp_path / "b")] == [third.path, second.path, first.path]  # type: ignore[union-attr]
    assert newest_backup(tmp_path / "b") == third
    assert third is not None and third.label == "handmatig, 05-01-2026 10:00"


def test_rotation_keeps_one_daily_per_day_and_one_weekly_per_week_within_the_limits(tmp_path: Path) -> None:
    db_path = tmp_path / "kvdesk.sqlite3"
    _db_with_set(db_path)
    folder = tmp_path / "backups"
    policy = BackupPolicy(keep_daily=3, keep_weekly=2)
    start = dt.datetime(2026, 1, 1, 9, 0)  # a Thursday
    for day in range(15):
        now = start + dt.timedelta(days=day)
        rotate(db_path, folder, policy, now=now)
        rotate(db_path, folder, policy, now=now + dt.timedelta(hours=3))  # a second start that day: nothing new
    backups = list_backups(folder)
    daily = [b.taken_at.date() for b in backups if b.kind == DAILY]
    weekly = [b.taken_at.date() for b in backups if b.kind == WEEKLY]
    assert daily == [dt.date(2026, 1, 15), dt.date(2026, 1, 14), dt.date(2026, 1, 13)]
    assert weekly == [dt.date(2026, 1, 12), dt.date(2026, 1, 5)]  # the first start of each ISO week


def test_restore_puts_the_backup_back_and_keeps_the_replaced_file_aside(tmp_path: Path) -> None:
    db_path = tmp_path / "kvdesk.sqlite3"
    _db_with_set(db_path, "2025Z00001")
    info = backup_now(db_path, tmp_path / "backups")
    assert info is not None
    _db_with_set(db_path, "2025Z00002")  # work after the backup
    result = restore(info, db_path)
    assert _kenmerken(db_path) == ["2025Z00001"]
    assert result.kept_aside is not None and result.kept_aside.name.startswith("kvdesk.sqlite3.beschadigd-")
    assert _kenmerken(result.kept_aside) == ["2025Z00001", "2025Z00002"]
    db = Database.open(sqlite_url(db_path))  # the restored file opens, checks and migrates
    db.close()


def test_restore_newest_skips_a_broken_backup(tmp_path: Path) -> None:
    db_path = tmp_path / "kvdesk.sqlite3"
    _db_with_set(db_path)
    folder = tmp_path / "backups"
    good = backup_now(db_path, folder, now=dt.datetime(2026, 1, 1, 9, 0))
    broken = folder / "kvdesk-20260102-090000-dagelijks.sqlite3"
    broken.write_bytes(b"dit is geen database" * 100)
    result = restore_newest(folder, db_path)
    assert result.backup == good


def test_restore_without_backups_says_so(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="geen back-up"):
        restore_newest(tmp_path / "backups", tmp_path / "kvdesk.sqlite3")


def test_backup_of_a_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="nog geen database"):
        backup_now(tmp_path / "nergens.sqlite3", tmp_path / "backups")


@pytest.mark.postgres
def test_postgresql_backups_are_left_to_the_server(database_url: str, tmp_path: Path) -> None:
    db = Database.open(database_url)
    try:
        made = backup_now(db, tmp_path / "backups")
        if db.is_sqlite:
            assert made is not None
        else:
            assert made is None
            assert rotate(db, tmp_path / "backups") == []
            assert not (tmp_path / "backups").exists()
    finally:
        db.close()
