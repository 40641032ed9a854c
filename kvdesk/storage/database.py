"""Opening the database: engine, connection settings, schema upgrade.

The database URL is the only switch between the embedded SQLite file and a team PostgreSQL
server. SQLite runs with WAL, foreign keys on and a ``quick_check`` when opened.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from kvdesk.storage.errors import DatabaseDamaged, DatabaseError
from kvdesk.storage.location import DB_FILENAME, default_url, sqlite_path, sqlite_url

log = logging.getLogger(__name__)

__all__ = ["DB_FILENAME", "Database", "DatabaseDamaged", "DatabaseError", "default_url", "sqlite_url"]


class Database:
    """An open database: an engine and a session factory."""

    def __init__(self, url: str) -> None:
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.path: Path | None = Path(parsed.database) if self.is_sqlite and parsed.database else None
        kwargs: dict[str, Any] = {"future": True}
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": 15, "check_same_thread": False}
        else:
            kwargs["pool_pre_ping"] = True
        self.engine: Engine = create_engine(url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_on_connect)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def open(
        cls, url: str, *, check: bool = True, migrate: bool = True, backups_dir: Path | None = None
    ) -> Database:
        """Open ``url``, check its integrity (SQLite) and bring its schema up to date.

        Pending migrations are applied after a backup into ``backups_dir`` (default: a
        ``backups`` folder beside the SQLite file) while holding the database's lock.
        """
        path = sqlite_path(url)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(f"De datamap {path.parent} kan niet worden gemaakt: {exc.strerror}.") from exc
        try:
            db = cls(url)
        except (ArgumentError, ImportError) as exc:
            raise DatabaseError(
                f"De database-URL is ongeldig of het stuurprogramma ontbreekt ({_short(exc)}); "
                f"gebruik bv. sqlite:///pad/kvdesk.sqlite3 of postgresql+psycopg://gebruiker@server/kvdesk."
            ) from exc
        try:
            if check and db.is_sqlite:
                db.quick_check()
            if migrate:
                from kvdesk.storage.migrate import upgrade

                upgrade(db, backups_dir=backups_dir)
        except DatabaseError:
            db.close()
            raise
        except (OperationalError, DBAPIError) as exc:
            db.close()
            raise DatabaseError(f"De database kan niet worden geopend: {_short(exc)}") from exc
        return db

    def quick_check(self) -> None:
        """Raise :class:`DatabaseDamaged` when SQLite's ``quick_check`` finds a problem."""
        if not self.is_sqlite or self.path is None or not self.path.exists():
            return
        try:
            with self.engine.connect() as conn:
                rows = [r[0] for r in conn.execute(text("PRAGMA quick_check"))]
        except (OperationalError, DBAPIError) as exc:
            raise DatabaseDamaged(self.path, _short(exc)) from exc
        if rows != ["ok"]:
            raise DatabaseDamaged(self.path, "; ".join(str(r) for r in rows[:3]))

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits when the block ends without an error, and rolls back otherwise."""
        with self._sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    try:
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed answer survives a power cut, not only a crash of the process.
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA busy_timeout=15000")
    finally:
        cur.close()


def _short(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return str(orig).splitlines()[0] if str(orig) else type(orig).__name__
