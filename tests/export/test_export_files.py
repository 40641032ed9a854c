"""Safe output: atomic writes, a locked target (as Word holds it on Windows), write failures."""
from __future__ import annotations

import errno
import os

import pytest

from kvdesk.export import files
from kvdesk.export.errors import TargetLockedError, WriteError
from kvdesk.services.exporting import export_reply
from tests.export.seed import EXPORT_DATE


def _locked_replace(locked_name: str):
    real = os.replace

    def replace(src, dst):
        if os.path.basename(dst) == locked_name:
            # What Windows raises when Word has the file open (sharing violation).
            raise PermissionError(errno.EACCES, "The process cannot access the file", str(dst))
        return real(src, dst)

    return replace


def test_atomic_write_replaces_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "brief.docx"
    target.write_bytes(b"old")
    assert files.atomic_write_bytes(target, b"new") == target
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.docx"]


def test_locked_target_raises_typed_error_and_keeps_the_old_file(tmp_path, seed_set, monkeypatch):
    first = export_reply(seed_set, tmp_path, date=EXPORT_DATE)
    before = first[1].read_bytes()
    monkeypatch.setattr(files, "_replace", _locked_replace(first[1].name))
    with pytest.raises(TargetLockedError) as err:
        export_reply(seed_set, tmp_path, date=EXPORT_DATE)
    assert err.value.path == first[1]
    assert err.value.alternative == first[1].with_name(first[1].stem + " (2).docx")
    assert "geopend in een ander programma" in err.value.user_message
    assert err.value.alternative.name in err.value.user_message
    assert first[1].read_bytes() == before  # nothing lost
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~kvdesk")]


def test_locked_target_with_rename_writes_the_alternative(tmp_path, seed_set, monkeypatch):
    first = export_reply(seed_set, tmp_path, date=EXPORT_DATE)
    monkeypatch.setattr(files, "_replace", _locked_replace(first[1].name))
    second = export_reply(seed_set, tmp_path, date=EXPORT_DATE, on_locked="rename")
    assert second[0] == first[0]
    assert second[1].name.endswith(" (2).docx") and second[1].is_file()


def test_disk_full_is_a_write_error(tmp_path, monkeypatch):
    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "_replace", full)
    with pytest.raises(WriteError) as err:
        files.atomic_write_bytes(tmp_path / "x.docx", b"data")
    assert "No space left" in err.value.user_message
    assert list(tmp_path.iterdir()) == []


def test_unwritable_folder_is_a_write_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(WriteError):
        files.atomic_write_bytes(blocker / "sub" / "x.docx", b"data")
