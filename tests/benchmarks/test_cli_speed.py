"""How fast the command line starts: ``kvdesk --version`` and ``kvdesk show KEY`` (target < 0.3 s).

Wall time of a real subprocess, median of several runs after a warm-up, next to a bare
``python -c pass`` on the same machine so that a loaded machine can be told apart from a slow
kvdesk. Run with ``make bench`` (or ``pytest -m benchmark -s tests/benchmarks/test_cli_speed.py``);
the numbers go into docs/BENCHMARKS.md, section "Storage and start-up".
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kvdesk.core.model import Answer
from kvdesk.services.context import Context
from tests.storage.helpers import make_set
from tests.support import REPO_ROOT

pytestmark = pytest.mark.benchmark

RUNS = 9
KVDESK = REPO_ROOT / ".venv" / "bin" / "kvdesk"


def _median_seconds(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    subprocess.run(cmd, env=env, capture_output=True, check=True)  # warm the disk cache
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def test_version_and_show_start_quickly(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ctx = Context.create(data)
    ctx.hold_lock()
    draft = make_set("2025Z25123", questions=11)
    draft.answers = [Answer([1], "Ja."), Answer([2, 3], "Nee, " * 200)]
    ctx.repo.add_set(draft)
    # Without a date there is no deadline to compute: shows what reading and printing cost alone.
    undated = make_set("2025Z25124", questions=11)
    undated.submitted_on = None
    ctx.repo.add_set(undated)
    # An archive of earlier sets, so that show and list do not profit from an empty file.
    ctx.repo.add_sets_bulk([make_set(f"2024Z{n:05d}", questions=6) for n in range(2000)])
    ctx.close()

    env = {**os.environ, "KVDESK_DATA_DIR": str(data)}
    # As installed: with the modules' bytecode cached, not compiled at every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    program = [str(KVDESK)] if KVDESK.exists() else [sys.executable, "-m", "kvdesk"]
    results = {
        "python -c pass": _median_seconds([sys.executable, "-c", "pass"], env),
        "kvdesk --version": _median_seconds([*program, "--version"], env),
        "kvdesk show KEY": _median_seconds([*program, "show", "2025Z25123"], env),
        "kvdesk show KEY --json": _median_seconds([*program, "show", "2025Z25123", "--json"], env),
        "kvdesk show KEY (no deadline)": _median_seconds([*program, "show", "2025Z25124"], env),
        "kvdesk list": _median_seconds([*program, "list"], env),
        "kvdesk list --all (2001 sets)": _median_seconds([*program, "list", "--all"], env),
    }
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\nCLI start-up, median (min) of {RUNS} runs, load average {load:.1f}:")
    for name, (median, best) in results.items():
        print(f"  {name:32s} {median * 1000:6.0f} ms  ({best * 1000:.0f} ms)")
    out = os.environ.get("KVDESK_BENCH_OUT")
    if out:
        Path(out).write_text(json.dumps({k: {"median": m, "min": b} for k, (m, b) in results.items()}
                                        | {"load": load}, indent=2), encoding="utf-8")
    assert all(m > 0 for m, _ in results.values())
