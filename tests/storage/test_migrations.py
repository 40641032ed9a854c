"""Schema migrations: from empty to the newest revision, equal to tables.py, with backups first."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from kvdesk.storage.backup import MIGRATION, list_backups
from kvdesk.storage.database import Database, sqlite_url
from kvdesk.storage.migrate import BASELINE_REVISION, alembic_config, current_revision, head_revision, is_pending
from kvdesk.storage.repository import Repository
from kvdesk.storage.tables import Base
from tests.storage.helpers import make_set


def _not_search_index(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    # The full-text index (FTS5 tables on SQLite, GIN expression indexes ``ix_*_fulltext`` on
    # PostgreSQL) is made by its migration in raw SQL and is not a model; everything else must
    # match tables.py exactly.
    if not reflected or compare_to is not None or name is None:
        return True
    if type_ == "table":
        return "_fts" not in name
    if type_ == "index":
        return not name.endswith("_fulltext")
    return True


def _differences(db: Database) -> list[object]:
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": _not_search_index})
        return list(compare_metadata(ctx, Base.metadata))


def test_empty_database_is_migrated_to_head_and_matches_the_tables(database_url: str) -> None:
    db = Database.open(database_url)
    try:
        assert current_revision(db) == head_revision()
        assert not is_pending(db)
        assert _differences(db) == []
    finally:
        db.close()


def test_first_migration_creates_exactly_the_original_tables(tmp_path: Path) -> None:
    engine = create_engine(sqlite_url(tmp_path / "first.sqlite3"))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), BASELINE_REVISION)
    with engine.connect() as conn:
        names = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
    engine.dispose()
    assert {"question_set", "member", "addressee", "question", "footnote", "answer", "answer_revision",
            "reference", "status_change", "check_override", "alembic_version"} == names


def test_head_read_from_the_files_matches_alembic() -> None:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert heads == [head_revision()]


def test_database_made_before_alembic_is_stamped_upgraded_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = create_engine(sqlite_url(path))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), BASELINE_REVISION)
        conn.execute(text("DROP TABLE alembic_version"))
        conn.execute(text(
            "INSERT INTO question_set (kenmerk, kind, warnings, status, origin, created_at, updated_at) "
            "VALUES ('2024Z00001', 'schriftelijk', '[]', 'nieuw', 'draft', '2024-01-01 10:00:00.000000', "
            "'2024-01-01 10:00:00.000000')"))
        conn.execute(text("INSERT INTO question (set_id, number, text, footnotes) VALUES (1, 1, 'Oude vraag?', '[]')"))
    engine.dispose()

    db = Database.open(sqlite_url(path), backups_dir=tmp_path / "backups")
    try:
        assert current_revision(db) == head_revision()
        assert Repository(db).get_set("2024Z00001").questions[0].text == "Oude vraag?"
    finally:
        db.close()
    backups = list_backups(tmp_path / "backups")
    assert [b.kind for b in backups] == [MIGRATION]
    with sqlite3.connect(backups[0].path) as old:
        # The backup is the database as it was before the upgrade: no version table, the old set.
        tables = {r[0] for r in old.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "alembic_version" not in tables
        assert old.execute("SELECT kenmerk FROM question_set").fetchall() == [("2024Z00001",)]


def test_pending_migration_is_preceded_by_a_backup_and_an_up_to_date_one_is_not(tmp_path: Path) -> None:
    path = tmp_path / "kvdesk.sqlite3"
    engine = create_engine(sqlite_url(path))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), BASELINE_REVISION)
    engine.dispose()
    backups = tmp_path / "backups"
    if head_revision() == BASELINE_REVISION:
        return  # nothing newer to migrate to yet
    db = Database.open(sqlite_url(path), backups_dir=backups)
    db.close()
    assert [b.kind for b in list_backups(backups)] == [MIGRATION]
    db = Database.open(sqlite_url(path), backups_dir=backups)
    try:
        Repository(db).add_set(make_set())
    finally:
        db.close()
    assert len(list_backups(backups)) == 1


def test_a_new_empty_database_gets_no_backup(tmp_path: Path) -> None:
    db = Database.open(sqlite_url(tmp_path / "kvdesk.sqlite3"), backups_dir=tmp_path / "backups")
    db.close()
    assert list_backups(tmp_path / "backups") == []
    assert not (tmp_path / "kvdesk.sqlite3.lock").exists()
