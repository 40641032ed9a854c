"""Building the PyInstaller bundle for tests and benchmarks, with the cache `make package` uses."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.support import REPO_ROOT

SPEC = REPO_ROOT / "packaging" / "kvdesk.spec"
# The same work folder as packaging/Makefile: a build after `make package` (or before it) reuses
# PyInstaller's analysis instead of repeating minutes of work.
WORKPATH = REPO_ROOT / "build" / "packaging" / "pyinstaller"
EXE_NAME = "kvdesk.exe" if sys.platform.startswith("win") else "kvdesk"
# On Windows the app is windowed (no stdout); the command line is the console program beside it.
CLI_NAME = "kvdesk-cli.exe" if sys.platform.startswith("win") else "kvdesk"


def build_bundle(distpath: Path) -> tuple[Path, float]:
    """Build ``distpath/kvdesk`` from the spec; returns the folder and the build time in seconds."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(distpath), "--workpath", str(WORKPATH), str(SPEC)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=1200,
    )
    if proc.returncode != 0:
        raise AssertionError(f"PyInstaller failed:\n{proc.stderr[-4000:]}")
    return distpath / "kvdesk", time.perf_counter() - start


def bundle_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of regular files in ``folder`` (symbolic links count as nothing)."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def offscreen_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["KVDESK_DATA_DIR"] = str(data_dir)
    env.pop("KVDESK_DATABASE_URL", None)
    return env
