"""``kvdesk --smoke``: the self-test that the frozen build runs, run here from the source tree."""
from __future__ import annotations

import logging
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kvdesk.services import smoke
from tests.support import REPO_ROOT


@pytest.mark.slow
def test_smoke_from_source_passes_and_leaves_its_line_in_the_log_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    proc = subprocess.run(
        [sys.executable, "-m", "kvdesk", "--data-dir", str(data), "--smoke"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=240,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kvdesk --smoke: geslaagd"), proc.stderr
    for step in ("starten", "demo-set openen", "controles", "exporteren", "teruglezen"):
        assert step in lines[0]
    if sys.platform.startswith("linux") or sys.platform == "win32":
        assert "hoofdvenster na " in lines[0]
    assert (data / "logs" / smoke.SMOKE_LOG).read_text(encoding="utf-8").strip() == lines[0]
    # the self-test works in a folder of its own: the user's data folder gets no database
    assert not any(data.glob("*.sqlite3"))


def test_a_failing_export_is_reported_as_that_step_with_exit_status_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kvdesk.export.errors import WriteError
    from kvdesk.services import exporting

    def disk_full(*_args: object, **_kwargs: object) -> list[Path]:
        raise WriteError(tmp_path / "Beantwoording.docx", "schijf vol")

    monkeypatch.setattr(exporting, "export_reply", disk_full)
    status = smoke.run_smoke(log_dir=tmp_path / "logs")
    assert status == 1
    line = capsys.readouterr().err.strip()
    assert line.startswith("kvdesk --smoke: mislukt bij stap 'exporteren': WriteError"), line
    assert "\n" not in line
    assert (tmp_path / "logs" / smoke.SMOKE_LOG).read_text(encoding="utf-8").strip() == line
    # the throw-away folder's log file is closed again (Windows cannot delete an open file)
    open_logs = [getattr(h, "baseFilename", "") for h in logging.getLogger().handlers]
    assert not [name for name in open_logs if "kvdesk-smoke-" in name], open_logs


def test_process_age_counts_from_the_start_of_the_process() -> None:
    code = "import time; time.sleep(0.5); from kvdesk.services.smoke import process_age_ms; print(process_age_ms())"
    before = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True).stdout
    wall_ms = (time.perf_counter() - before) * 1000
    if not (sys.platform.startswith("linux") or sys.platform == "win32"):
        assert out.strip() == "None"
        return
    age = float(out)
    # the sleep alone is 500 ms; the clock ticks are 10 ms on Linux
    assert 490 <= age <= wall_ms + 20
