"""``kvdesk --smoke``: the self-test that the frozen build runs, run here from the source tree."""
from __future__ import annotations

import logging
import subprocess
import sys
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
