"""Rotating backups of the SQLite database through SQLite's online backup API.

A backup is a consistent copy even while kvdesk writes (``sqlite3.Connection.backup`` copies
a snapshot), checked with ``quick_check`` and only then moved into place under its final name,
so a backup folder never holds a half-written copy. File names say when and why:
``kvdesk-20251231-093000-dagelijks.sqlite3``. Kinds: ``dagelijks`` and ``wekelijks``
(rotated, see :class:`BackupPolicy`), ``handmatig`` (the user asked), ``migratie`` (before a
schema upgrade) and ``voor-herstel`` (the state just before a restore).

On PostgreSQL, backups are the server's job (``pg_dump`` or the database team's regime):
these functions log that and return ``None``.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kvdesk.storage.errors import DatabaseError

if TYPE_CHECKING:
    from kvdesk.storage.database import Database

log = logging.getLogger(__name__)

DAILY = "dagelijks"
WEEKLY = "wekelijks"
MANUAL = "handmatig"
MIGRATION = "migratie"
BEFORE_RESTORE = "voor-herstel"
KINDS = (DAILY, WEEKLY, MANUAL, MIGRATION, BEFORE_RESTORE)

_NAME = re.compile(r"^kvdesk-(\d{8}-\d{6})(?:-(\d+))?-([a-z-]+)\.sqlite3$")
POSTGRES_NOTE = "Back-ups van een PostgreSQL-database maakt de databaseserver (bv. met pg_dump), niet kvdesk."


class BackupError(DatabaseError):
    """A backup could not be made or restored; ``str()`` is one line that says what to do."""


@dataclass(frozen=True)
class BackupPolicy:
    """How many backups of each kind to keep."""

    keep_daily: int = 7
    keep_weekly: int = 4
    keep_manual: int = 10
    keep_migration: int = 5
    keep_before_restore: int = 5

    def keep(self, kind: str) -> int:
        return {
            DAILY: self.keep_daily,
            WEEKLY: self.keep_weekly,
            MANUAL: self.keep_manual,
            MIGRATION: self.keep_migration,
            BEFORE_RESTORE: self.keep_before_restore,
        }.get(kind, self.keep_manual)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file."""

    path: Path
    kind: str
    taken_at: dt.datetime
    size: int

    @property
    def label(self) -> str:
        """How the UI names it: ``dagelijks, 31-12-2025 09:30``."""
        return f"{self.kind}, {self.taken_at:%d-%m-%Y %H:%M}"


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: which backup went back, and where the replaced file was kept."""

    backup: BackupInfo
    target: Path
    kept_aside: Path | None


def _source_path(source: Database | Path) -> Path | None:
    if isinstance(source, Path):
        return source
    if not source.is_sqlite or source.path is None:
        log.info(POSTGRES_NOTE)
        return None
    return source.path


def backup_now(
    source: Database | Path, backups_dir: Path, *, kind: str = MANUAL, now: dt.datetime | None = None
) -> BackupInfo | None:
    """Copy the database into ``backups_dir`` now; ``None`` on PostgreSQL (the server's job)."""
    db_path = _source_path(source)
    if db_path is None:
        return None
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    if not db_path.exists():
        raise BackupError(f"Er is nog geen database {db_path} om een back-up van te maken.")
    stamp = (now or dt.datetime.now()).replace(microsecond=0)
    try:
        backups_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"De back-upmap {backups_dir} kan niet worden gemaakt: {exc.strerror}.") from exc
    target = _free_name(backups_dir, stamp, kind)
    tmp = target.with_name(target.name + ".tmp")
    try:
        _copy_database(db_path, tmp)
        problem = _quick_check(tmp)
        if problem:
            raise BackupError(f"De back-up van {db_path} is niet in orde ({problem}); de database zelf is "
                              f"mogelijk beschadigd.")
        _fsync(tmp)
        os.replace(tmp, target)
        _fsync_dir(backups_dir)
    except sqlite3.Error as exc:
        raise BackupError(f"De back-up van {db_path} is mislukt: {exc}.") from exc
    except OSError as exc:
        raise BackupError(f"De back-up naar {backups_dir} is mislukt: {exc.strerror or exc}.") from exc
    finally:
        tmp.unlink(missing_ok=True)
    info = BackupInfo(target, kind, stamp, target.stat().st_size)
    log.info("backup made: %s (%d bytes)", target, info.size)
    return info


def list_backups(backups_dir: Path) -> list[BackupInfo]:
    """The backups in ``backups_dir``, newest first."""
    if not backups_dir.is_dir():
        return []
    found: list[tuple[dt.datetime, int, BackupInfo]] = []
    for path in backups_dir.iterdir():
        m = _NAME.match(path.name)
        if m is None or not path.is_file():
            continue
        try:
            taken = dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")
            size = path.stat().st_size
        except (ValueError, OSError):
            continue
        found.append((taken, int(m.group(2) or 1), BackupInfo(path, m.group(3), taken, size)))
    found.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return [info for _, _, info in found]


def newest_backup(backups_dir: Path) -> BackupInfo | None:
    backups = list_backups(backups_dir)
    return backups[0] if backups else None


def rotate(
    source: Database | Path,
    backups_dir: Path,
    policy: BackupPolicy | None = None,
    *,
    now: dt.datetime | None = None,
) -> list[BackupInfo]:
    """Make today's daily and this week's weekly backup if missing, then drop the oldest.

    Called on start by the process that writes. Returns the backups it made.
    """
    db_path = _source_path(source)
    if db_path is None or not db_path.exists():
        return []
    policy = policy or BackupPolicy()
    stamp = now or dt.datetime.now()
    existing = list_backups(backups_dir)
    made: list[BackupInfo] = []
    if not any(b.kind == DAILY and b.taken_at.date() == stamp.date() for b in existing):
        daily = backup_now(db_path, backups_dir, kind=DAILY, now=stamp)
        if daily is not None:
            made.append(daily)
    week = stamp.isocalendar()[:2]
    if not any(b.kind == WEEKLY and b.taken_at.isocalendar()[:2] == week for b in existing):
        weekly = backup_now(db_path, backups_dir, kind=WEEKLY, now=stamp)
        if weekly is not None:
            made.append(weekly)
    prune(backups_dir, policy)
    return made


def prune(backups_dir: Path, policy: BackupPolicy | None = None) -> list[Path]:
    """Delete the oldest backups beyond what ``policy`` keeps of each kind; returns what went."""
    policy = policy or BackupPolicy()
    removed: list[Path] = []
    seen: dict[str, int] = {}
    for info in list_backups(backups_dir):
        seen[info.kind] = seen.get(info.kind, 0) + 1
        if seen[info.kind] > policy.keep(info.kind):
            try:
                info.path.unlink()
                removed.append(info.path)
            except OSError as exc:
                log.warning("could not remove old backup %s: %s", info.path, exc)
    return removed


def restore(backup: BackupInfo | Path, target: Path, *, now: dt.datetime | None = None) -> RestoreResult:
    """Put ``backup`` in place of the database file ``target``; the replaced file is kept aside.

    Close every connection to ``target`` first. The replaced file (with its ``-wal`` and
    ``-shm`` companions, which may hold the last commits) is renamed to
    ``<name>.beschadigd-<time>`` beside it, never deleted.
    """
    info = backup if isinstance(backup, BackupInfo) else _info_for(backup)
    if not info.path.is_file():
        raise BackupError(f"De back-up {info.path} bestaat niet.")
    problem = _quick_check(info.path)
    if problem:
        raise BackupError(f"De back-up {info.path} is zelf niet in orde ({problem}); kies een andere.")
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".herstel.tmp")
    kept: Path | None = None
    try:
        _copy_database(info.path, tmp)
        _fsync(tmp)
        if target.exists():
            kept = target.with_name(f"{target.name}.beschadigd-{stamp}")
            os.replace(target, kept)
        for suffix in ("-wal", "-shm", "-journal"):
            companion = target.with_name(target.name + suffix)
            if companion.exists():
                # The companions belong to the replaced file: they go where it went.
                aside = (kept.with_name(kept.name + suffix) if kept
                         else companion.with_name(f"{companion.name}.beschadigd-{stamp}"))
                os.replace(companion, aside)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except (OSError, sqlite3.Error) as exc:
        where = "" if kept is None else f"; het oude bestand staat in {kept}"
        raise BackupError(f"Terugzetten van {info.path} is mislukt: {exc}{where}.") from exc
    finally:
        tmp.unlink(missing_ok=True)
    log.warning("restored %s over %s; the replaced file is kept as %s", info.path, target, kept)
    return RestoreResult(info, target, kept)


def restore_newest(backups_dir: Path, target: Path) -> RestoreResult:
    """Restore the newest backup that passes ``quick_check``; raises :class:`BackupError` if none."""
    last: BackupError | None = None
    for info in list_backups(backups_dir):
        try:
            return restore(info, target)
        except BackupError as exc:
            log.warning("backup %s not usable: %s", info.path, exc)
            last = exc
    if last is not None:
        raise last
    raise BackupError(f"Er is geen back-up in {backups_dir} om terug te zetten.")


# ------------------------------------------------------------------- helpers


def _info_for(path: Path) -> BackupInfo:
    m = _NAME.match(path.name)
    exists = path.exists()
    if m:
        taken = dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")
    else:
        taken = dt.datetime.fromtimestamp(path.stat().st_mtime if exists else 0)
    return BackupInfo(path, m.group(3) if m else MANUAL, taken, path.stat().st_size if exists else 0)


def _free_name(folder: Path, stamp: dt.datetime, kind: str) -> Path:
    base = f"kvdesk-{stamp:%Y%m%d-%H%M%S}"
    candidate = folder / f"{base}-{kind}.sqlite3"
    n = 2
    while candidate.exists():
        candidate = folder / f"{base}-{n}-{kind}.sqlite3"
        n += 1
    return candidate


def _copy_database(source: Path, dest: Path) -> None:
    """A consistent copy through the backup API, as one self-contained file (no WAL)."""
    dest.unlink(missing_ok=True)
    # A read-write open (it writes nothing itself): a WAL left by a crashed writer needs recovery.
    src = sqlite3.connect(source, timeout=15)
    try:
        dst = sqlite3.connect(dest)
        try:
            # One step (pages=-1): the copy is a single snapshot, even while another process writes.
            src.backup(dst, pages=-1)
            dst.execute("PRAGMA journal_mode=DELETE")
            dst.commit()
        finally:
            dst.close()
    finally:
        src.close()


def _quick_check(path: Path) -> str | None:
    """``None`` when ``PRAGMA quick_check`` passes, else the first problem."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return str(exc)
    return None if rows == ["ok"] else "; ".join(str(r) for r in rows[:3])


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder for fsync; NTFS journals the rename
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
