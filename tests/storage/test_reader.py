"""The quick SQLite reader answers exactly as the repository does."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from kvdesk.core.model import Answer, Reference
from kvdesk.storage.database import Database, sqlite_url
from kvdesk.storage.errors import NotFound
from kvdesk.storage.reader import open_reader
from kvdesk.storage.repository import Repository
from tests.storage.helpers import make_set


def test_reader_gives_the_same_sets_summaries_and_references_as_the_repository(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "kvdesk.sqlite3")
    db = Database.open(url)
    repo = Repository(db)
    first = repo.add_set(make_set("2025Z00001", answers=[Answer([1], "Ja.")]))
    undated = make_set(None)
    undated.submitted_on = None
    repo.add_set(undated)
    repo.add_sets_bulk([make_set("2024Z00009", submitted_on=dt.date(2024, 3, 1))])
    assert first.id is not None
    repo.save_answer(first.id, [2, 3], "Samen.", author="anna")
    repo.set_assignee(first.id, 2, "bram")
    repo.set_status(first.id, "uitstel gemeld", author="anna")
    repo.save_reference(first.id, Reference(kind="news", citation="NOS", parts={"a": 1}, questions=[1],
                                            fetched_at=dt.datetime(2026, 1, 1, 8, 0)))
    reader = open_reader(url)
    assert reader is not None
    try:
        for key in ("2025Z00001", "2025z00001", str(first.id), "2"):
            assert reader.get_set(key) == repo.get_set(key)
        for origin in ("draft", "archive", None):
            assert reader.list_sets(origin=origin) == repo.list_sets(origin=origin)
        assert reader.references(first.id) == repo.references(first.id)
        for missing in ("99999999999999999999", "2025Z77777"):
            with pytest.raises(NotFound):
                reader.get_set(missing)
    finally:
        reader.close()
        db.close()


def test_reader_is_not_used_for_a_missing_file_or_an_outdated_schema(tmp_path: Path) -> None:
    path = tmp_path / "kvdesk.sqlite3"
    assert open_reader(sqlite_url(path)) is None
    assert not path.exists()  # looking did not create it
    db = Database.open(sqlite_url(path))
    db.close()
    import sqlite3

    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001-oud'")
    assert open_reader(sqlite_url(path)) is None
    assert open_reader("postgresql+psycopg://server/kvdesk") is None


def test_reader_does_not_import_sqlalchemy(tmp_path: Path) -> None:
    import subprocess

    url = sqlite_url(tmp_path / "kvdesk.sqlite3")
    Database.open(url).close()
    code = ("import sys; from kvdesk.storage.reader import open_reader; r = open_reader(sys.argv[1]); "
            "assert r is not None; r.list_sets(); print('sqlalchemy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, url], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
