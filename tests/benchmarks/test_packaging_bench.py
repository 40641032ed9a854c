"""The frozen build: its size, and its start-up against the same code run from the virtualenv.

Run with ``make bench``; the numbers go to docs/BENCHMARKS.md ("Packaging"). Start-up is the time
from the start of the process (as the OS counts it: the PyInstaller launcher included) until the
main window is shown on a first start, which ``--smoke`` reports as "hoofdvenster na N ms".
"""
from __future__ import annotations

import importlib.util
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.packaging.building import EXE_NAME, build_bundle, bundle_size, offscreen_env
from tests.support import REPO_ROOT, require

RUNS = 5


def _smoke(cmd: list[str], data: Path) -> dict[str, float]:
    start = time.perf_counter()
    proc = subprocess.run([*cmd, "--data-dir", str(data), "--smoke"], env=offscreen_env(data),
                          capture_output=True, text=True, timeout=600)
    wall = (time.perf_counter() - start) * 1000
    assert proc.returncode == 0, proc.stderr[-2000:]
    shown = re.search(r"hoofdvenster na (\d+) ms", proc.stderr)
    started = re.search(r"starten (\d+) ms", proc.stderr)
    assert shown and started, proc.stderr
    return {"wall_ms": wall, "startup_ms": float(shown.group(1)), "start_step_ms": float(started.group(1))}


def _version_ms(cmd: list[str], data: Path) -> float:
    start = time.perf_counter()
    subprocess.run([*cmd, "--version"], env=offscreen_env(data), capture_output=True, check=True, timeout=120)
    return (time.perf_counter() - start) * 1000


def _largest(folder: Path, count: int = 8) -> list[tuple[str, int]]:
    """The biggest top-level parts of ``_internal`` (PySide6 split into Qt libraries and the rest)."""
    internal = folder / "_internal"
    parts: dict[str, int] = {}
    for path in internal.rglob("*"):
        if path.is_file() and not path.is_symlink():
            rel = path.relative_to(internal).parts
            key = "/".join(rel[:3]) if rel[0] == "PySide6" and len(rel) > 3 else rel[0]
            parts[key] = parts.get(key, 0) + path.stat().st_size
    return sorted(parts.items(), key=lambda kv: -kv[1])[:count]


@pytest.mark.benchmark
def test_bundle_size_and_frozen_startup(tmp_path: Path) -> None:
    require(importlib.util.find_spec("PyInstaller") is not None, "PyInstaller is not installed")
    bundle, build_s = build_bundle(tmp_path / "dist")
    size, files = bundle_size(bundle)
    frozen = [str(bundle / EXE_NAME)]
    venv = [sys.executable, "-m", "kvdesk"]
    results: dict[str, object] = {"build_s": round(build_s, 1), "size_mb": round(size / 1e6, 1), "files": files,
                                  "largest_mb": {k: round(v / 1e6, 1) for k, v in _largest(bundle)}}
    for label, cmd in (("frozen", frozen), ("venv", venv)):
        _smoke(cmd, tmp_path / f"warm-{label}")  # one warm-up run: disk cache, .pyc files
        runs = [_smoke(cmd, tmp_path / f"{label}-{i}") for i in range(RUNS)]
        results[label] = {
            key: round(statistics.median(r[key] for r in runs)) for key in ("wall_ms", "startup_ms", "start_step_ms")
        }
        results[label]["version_ms"] = round(statistics.median(_version_ms(cmd, tmp_path) for _ in range(5)))  # type: ignore[index]
    frozen_startup = results["frozen"]["startup_ms"]  # type: ignore[index]
    venv_startup = results["venv"]["startup_ms"]  # type: ignore[index]
    results["startup_ratio"] = round(frozen_startup / venv_startup, 2)
    out = REPO_ROOT / "build" / "packaging" / "bench.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(json.dumps(results, indent=2))
