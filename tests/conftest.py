"""Test set-up shared by the whole suite.

Qt runs off screen; every test gets its own data folder and settings (nothing touches the
user's real ones); keyring is an in-memory backend; tests that need a system tool skip where
it is missing, but fail when ``CI=true``.
"""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from tests.support import REPO_ROOT, SHARED


class MemoryKeyring(KeyringBackend):
    """Process-local backend: nothing reaches the OS store or the disk."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.store[(service, username)]
        except KeyError:
            raise PasswordDeleteError(username) from None


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the data folder, settings and caches of kvdesk (and Qt) at the test's own folder."""
    data = tmp_path / "kvdesk-data"
    monkeypatch.setenv("KVDESK_DATA_DIR", str(data))
    monkeypatch.delenv("KVDESK_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return data


@pytest.fixture
def data_dir(isolated_home: Path) -> Path:
    return isolated_home


@pytest.fixture
def ctx(data_dir: Path) -> Iterator[Any]:
    """The services' context on the test's data folder (an empty SQLite file), closed afterwards."""
    from kvdesk.services.context import Context

    context = Context.create(data_dir)
    yield context
    context.close()


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"the shared reference folder is not at {SHARED}")
    return SHARED


@pytest.fixture
def seed_path(shared_dir: Path) -> Path:
    return shared_dir / "seed" / "2025-12-31_slimme-meters.txt"


@pytest.fixture
def repo_root() -> Path:
    return REPO_ROOT
