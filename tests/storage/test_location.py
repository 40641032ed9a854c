"""The database URL of a data folder keeps the folder, whatever its name."""
from __future__ import annotations

from pathlib import Path

import pytest

from kvdesk.storage.database import Database
from kvdesk.storage.location import sqlite_path, sqlite_url


@pytest.mark.parametrize("name", ["gewoon", "OneDrive - Ministerie van BZK", "100% zeker", "map %20 met %25",
                                  "vragen #1", "wat?x=1", "café – één"])
def test_a_folder_name_that_looks_like_url_syntax_stays_the_folder(tmp_path: Path, name: str) -> None:
    path = tmp_path / name / "kvdesk.sqlite3"
    url = sqlite_url(path)
    assert sqlite_path(url) == path
    path.parent.mkdir()
    db = Database.open(url)
    try:
        assert db.path == path
        assert db.engine.url.database == str(path) and not db.engine.url.query
        assert path.exists()
    finally:
        db.close()
