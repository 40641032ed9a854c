"""Where kvdesk keeps its things, and the open database: what every command and the app share."""
from __future__ import annotations

import getpass
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from kvdesk.storage.database import Database, default_url
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
    _db: Database | None = None
    _repo: Repository | None = None

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
    def db(self) -> Database:
        if self._db is None:
            self._db = Database.open(self.database_url)
        return self._db

    @property
    def repo(self) -> Repository:
        if self._repo is None:
            self._repo = Repository(self.db)
        return self._repo

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
            self._repo = None
