"""Helpers for tests: where things are, and skipping that turns into failing on CI."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = (REPO_ROOT.parent / "shared").resolve()
CORPUS = SHARED / "corpus"
ON_CI = os.environ.get("CI", "").lower() == "true"


def require(condition: bool, reason: str) -> None:
    """Skip the test with ``reason`` unless ``condition``; on CI (CI=true) fail instead."""
    if condition:
        return
    if ON_CI:
        pytest.fail(f"required on CI: {reason}")
    pytest.skip(reason)


def require_binary(name: str, package: str | None = None) -> str:
    """The path of a system program, or skip (fail on CI) saying which package brings it."""
    path = shutil.which(name)
    require(path is not None, f"{name} is not installed (Debian package {package or name})")
    assert path is not None
    return path


def require_shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    require(path.exists(), f"{path} is absent (the shared reference folder beside the repository)")
    return path
