"""Bringing a database's schema up to date with Alembic.

Every schema change is a migration in ``kvdesk/storage/migrations/versions`` (revision ids
``"0001"``, ``"0002"`` …). On start, :func:`upgrade` compares the database's revision with
the newest one; when migrations are pending it first takes the database's lock and a backup
(SQLite; PostgreSQL backups are the server's job) and then runs ``alembic upgrade head``. A
database made before kvdesk used Alembic (tables, but no ``alembic_version``) is stamped as
the first revision, whose schema it has.

Alembic itself is imported only when something is pending, and :func:`head_revision` needs
neither Alembic nor SQLAlchemy, so an up-to-date start stays fast.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kvdesk.storage.errors import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config

    from kvdesk.storage.database import Database

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().with_name("migrations")
VERSIONS_DIR = MIGRATIONS_DIR / "versions"
# The revision whose schema a database made before Alembic has (``create_all`` of that day).
BASELINE_REVISION = "0001"
VERSION_TABLE = "alembic_version"

_REVISION = re.compile(r"""^revision\s*(?::\s*str\s*)?=\s*['"]([^'"]+)['"]""", re.M)
_DOWN = re.compile(r"""^down_revision\s*(?::[^=]+)?=\s*(.+)$""", re.M)


def alembic_config(connection: Any | None = None) -> Config:
    """Alembic's configuration, built in code: no ``alembic.ini`` is needed at run time."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("version_locations", str(VERSIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest revision, read from the migration files without importing Alembic.

    Falls back to Alembic's own reading when the files do not give exactly one head.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in VERSIONS_DIR.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        rev = _REVISION.search(source)
        if rev is None:
            continue
        revisions.add(rev.group(1))
        down = _DOWN.search(source)
        if down is not None:
            parents.update(re.findall(r"""['"]([^'"]+)['"]""", down.group(1)))
    heads = revisions - parents
    if len(heads) == 1:
        return heads.pop()
    from alembic.script import ScriptDirectory

    found = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(found) != 1:
        raise DatabaseError(f"De migraties van kvdesk hebben {len(found)} eindpunten; er hoort er één te zijn.")
    return found[0]


def current_revision(db: Database) -> str | None:
    """The database's revision, or ``None`` when it has no ``alembic_version`` table."""
    from sqlalchemy import inspect, text

    with db.engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        return conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def is_pending(db: Database) -> bool:
    """Whether :func:`upgrade` would change the database."""
    return current_revision(db) != head_revision()


def upgrade(db: Database, *, backups_dir: Path | None = None) -> None:
    """Apply every pending migration to ``db``, after a backup; stamp a database made before Alembic."""
    from sqlalchemy import inspect, text
    from sqlalchemy.exc import DBAPIError

    head = head_revision()
    with db.engine.connect() as conn:
        insp = inspect(conn)
        versioned = insp.has_table(VERSION_TABLE)
        current = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar() if versioned else None
        has_tables = bool(set(insp.get_table_names()) - {VERSION_TABLE})
    if current == head:
        return
    legacy = not versioned and has_tables
    from kvdesk.storage.lock import lock_for

    with lock_for(db):
        if db.is_sqlite and db.path is not None and has_tables:
            from kvdesk.storage.backup import backup_now

            folder = backups_dir or db.path.parent / "backups"
            made = backup_now(db.path, folder, kind="migratie")
            log.info("backup before migrating from %s to %s: %s", current or "(no version)", head,
                     made.path if made else None)
        from alembic import command

        try:
            with db.engine.begin() as conn:
                cfg = alembic_config(conn)
                if legacy:
                    log.info("database made before Alembic: stamping it as %s", BASELINE_REVISION)
                    command.stamp(cfg, BASELINE_REVISION)
                command.upgrade(cfg, "head")
        except DBAPIError as exc:
            raise DatabaseError(
                f"De database kon niet worden bijgewerkt naar versie {head} ({_short(exc)}); "
                f"de back-up van zojuist staat in de map met back-ups."
            ) from exc
    log.info("database schema now at %s (was %s)", head, current or "(empty)" if not legacy else "pre-Alembic")


def _short(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return str(orig).splitlines()[0] if str(orig) else type(orig).__name__
