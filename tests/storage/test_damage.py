"""A damaged database is recognised on opening, and the newest backup can be put back."""
from __future__ import annotations

from pathlib import Path

import pytest

from kvdesk.services.context import Context
from kvdesk.storage.backup import backup_now
from kvdesk.storage.errors import DatabaseDamaged
from tests.storage.helpers import make_set


def _damage(path: Path) -> None:
    """Overwrite pages in the middle of the file, as a failing disk or a bad network copy would."""
    data = bytearray(path.read_bytes())
    assert len(data) > 8 * 4096
    for page in range(2, len(data) // 4096):
        start = page * 4096
        data[start + 8: start + 4096] = b"\xa5" * (4096 - 8)
    path.write_bytes(bytes(data))


def test_damaged_file_gives_database_damaged_and_restore_brings_back_the_backup(tmp_path: Path) -> None:
    ctx = Context.create(tmp_path / "data")
    ctx.hold_lock()
    ctx.repo.add_set(make_set("2025Z00001"))
    path = ctx.database_path
    assert path is not None
    backup_now(path, ctx.backups_dir)
    ctx.close()
    _damage(path)

    ctx = Context.create(tmp_path / "data")
    with pytest.raises(DatabaseDamaged) as info:
        _ = ctx.db
    message = str(info.value)
    assert "\n" not in message and "beschadigd" in message and "kvdesk restore" in message

    result = ctx.restore_backup()
    assert result.kept_aside is not None and result.kept_aside.exists()
    assert ctx.repo.get_set("2025Z00001").kenmerk == "2025Z00001"
    ctx.close()


def test_a_file_that_is_no_database_at_all_is_damaged_too(tmp_path: Path) -> None:
    path = tmp_path / "data" / "kvdesk.sqlite3"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"PK\x03\x04 dit is een zip, geen database" * 200)
    ctx = Context.create(tmp_path / "data")
    with pytest.raises(DatabaseDamaged):
        _ = ctx.db
    ctx.close()
