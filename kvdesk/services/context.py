"""Where kvdesk keeps its things, and the open database: what every command and the app share.

Opening is lazy and SQLAlchemy is imported only when the full repository is needed, so the
quick read-only commands (``show``, ``list``) start fast. A process that writes holds the
database's lock (:meth:`Context.hold_lock` or :meth:`Context.lock_for_writing`) and, on
opening, makes the daily and weekly backups.
"""
from __future__ import annotations

import getpass
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kvdesk.storage.location import default_url, sqlite_path

if TYPE_CHECKING:
    from kvdesk.storage.backup import BackupInfo, BackupPolicy, RestoreResult
    from kvdesk.storage.database import Database
    from kvdesk.storage.lock import DatabaseLock
    from kvdesk.storage.repository import Repository

log = logging.getLogger(__name__)

APP_NAME = "kvdesk"


def default_data_dir() -> Path:
    """The user's data folder (``%LOCALAPPDATA%\\kvdesk`` on Windows); ``KVDESK_DATA_DIR`` wins."""
    env = os.environ.get("KVDESK_DATA_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def current_user() -> str:
    """Who is working: the login name, used as the author of revisions."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some systems; never fail on this
        return "onbekend"


@dataclass
class Context:
    """The data folder, the database and the repository, opened once per process."""

    data_dir: Path
    database_url: str
    author: str = field(default_factory=current_user)
    backup_policy: BackupPolicy | None = None
    _db: Database | None = None
    _repo: Repository | None = None
    _reader: Any = None
    _lock: DatabaseLock | None = None

    @classmethod
    def create(cls, data_dir: str | Path | None = None, database_url: str | None = None) -> Context:
        folder = Path(data_dir).expanduser() if data_dir else default_data_dir()
        url = database_url or os.environ.get("KVDESK_DATABASE_URL") or default_url(folder)
        return cls(data_dir=folder, database_url=url)

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def logs_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def profiles_dir(self) -> Path:
        return self.data_dir / "profiles"

    @property
    def database_path(self) -> Path | None:
        """The SQLite file, or ``None`` for a server database."""
        return sqlite_path(self.database_url)

    # ---------------------------------------------------------------- database

    @property
    def db(self) -> Database:
        """The open database: checked (``quick_check``), migrated, backed up when this process writes.

        Raises :class:`~kvdesk.storage.errors.DatabaseDamaged` for a damaged file: offer
        :meth:`restore_backup`.
        """
        if self._db is None:
            from kvdesk.storage.database import Database

            path = self.database_path
            existed = path is not None and path.exists()
            self._db = Database.open(self.database_url, backups_dir=self.backups_dir)
            # A database made just now holds nothing worth a backup yet.
            if self.holds_lock and existed:
                self._rotate_backups()
        return self._db

    @property
    def repo(self) -> Repository:
        if self._repo is None:
            from kvdesk.storage.repository import Repository

            self._repo = Repository(self.db)
        return self._repo

    @property
    def reader(self) -> Any:
        """For read-only commands: a quick SQLite reader when the file is up to date, else :attr:`repo`.

        Both offer ``resolve``, ``get_set``, ``list_sets`` and ``references`` with the same results.
        """
        if self._reader is None:
            reader = None
            if self._db is None:
                from kvdesk.storage.reader import open_reader

                reader = open_reader(self.database_url)
            self._reader = reader if reader is not None else self.repo
        return self._reader

    # -------------------------------------------------------------------- lock

    def lock(self) -> DatabaseLock | None:
        """A (not yet taken) lock for this database; ``None`` on PostgreSQL, which needs none."""
        path = self.database_path
        if path is None:
            return None
        from kvdesk.storage.lock import DatabaseLock

        return DatabaseLock(path, user=self.author)

    @property
    def holds_lock(self) -> bool:
        return self._lock is not None and self._lock.held

    def hold_lock(self, *, force: bool = False) -> None:
        """Take the write lock until :meth:`close`; raises :class:`~kvdesk.storage.lock.LockedError`.

        Take it before the first use of :attr:`db`, so migrations and backups run under it.
        """
        if self.holds_lock:
            return
        lock = self.lock()
        if lock is None:
            return
        lock.acquire(force=force)
        self._lock = lock
        if self._db is not None:
            self._rotate_backups()

    @contextmanager
    def lock_for_writing(self) -> Iterator[None]:
        """Hold the write lock for the block (joins a hold this process already has)."""
        lock = self.lock()
        if lock is None:
            yield
            return
        lock.acquire()
        try:
            yield
        finally:
            lock.release()

    # ----------------------------------------------------------------- backups

    def _rotate_backups(self) -> None:
        from kvdesk.storage.backup import BackupError, rotate

        path = self.database_path
        if path is None:
            return
        try:
            rotate(path, self.backups_dir, self.backup_policy)
        except BackupError as exc:
            # A failed backup must not stop today's work; it is logged and shown in the log.
            log.error("rotating backups failed: %s", exc)

    def backup_now(self) -> BackupInfo | None:
        """A backup now; ``None`` on PostgreSQL (backups are the server's job there)."""
        from kvdesk.storage.backup import MANUAL, backup_now

        path = self.database_path
        if path is None:
            return backup_now(self.db, self.backups_dir, kind=MANUAL)
        with self.lock_for_writing():
            return backup_now(path, self.backups_dir, kind=MANUAL)

    def backups(self) -> list[BackupInfo]:
        from kvdesk.storage.backup import list_backups

        return list_backups(self.backups_dir) if self.database_path is not None else []

    def restore_backup(self, backup: BackupInfo | Path | None = None) -> RestoreResult:
        """Put a backup (default: the newest usable one) in place of the database file.

        The answer to :class:`~kvdesk.storage.errors.DatabaseDamaged`. The database is closed
        first; the replaced file is kept aside beside it. Raises
        :class:`~kvdesk.storage.backup.BackupError` when there is nothing to restore.
        """
        from kvdesk.storage.backup import BackupError, restore, restore_newest

        path = self.database_path
        if path is None:
            raise BackupError("Een PostgreSQL-database zet de databasebeheerder terug, niet kvdesk.")
        self._close_database()
        with self.lock_for_writing():
            if backup is None:
                return restore_newest(self.backups_dir, path)
            return restore(backup, path)

    # ------------------------------------------------------------------- close

    def _close_database(self) -> None:
        if self._db is not None:
            self._db.close()
        self._db = None
        self._repo = None
        self._reader = None

    def close(self) -> None:
        reader = self._reader
        self._close_database()
        if reader is not None and hasattr(reader, "close"):
            reader.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None
