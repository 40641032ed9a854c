"""Where the embedded database lives, worked out from a URL without importing SQLAlchemy."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

DB_FILENAME = "kvdesk.sqlite3"


def sqlite_url(path: Path) -> str:
    """The URL of the SQLite file ``path``; ``%``, ``?`` and ``#`` escaped (SQLAlchemy reads them as URL syntax)."""
    name = str(path).replace("%", "%25").replace("?", "%3F").replace("#", "%23")
    return f"sqlite:///{name}"


def default_url(data_dir: Path) -> str:
    return sqlite_url(data_dir / DB_FILENAME)


def is_sqlite_url(url: str) -> bool:
    return url.split(":", 1)[0].split("+", 1)[0].lower() == "sqlite"


def sqlite_path(url: str) -> Path | None:
    """The file of a ``sqlite:///…`` URL; ``None`` for an in-memory or non-SQLite database."""
    if not is_sqlite_url(url):
        return None
    rest = url.split(":", 1)[1]
    if not rest.startswith("///"):
        return None
    name = unquote(rest[3:].split("?", 1)[0])
    if not name or name == ":memory:":
        return None
    return Path(name)
