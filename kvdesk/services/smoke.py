"""``kvdesk --smoke``: a self-test of an installation that touches every layer once, off screen.

The steps: start the application off screen on a fresh data folder in a temporary folder (a first
start, which loads the demo set) and show its main window; open the demo set and answer every
question; run the pre-send checks (the Dutch dictionary must load); export the cover letter and
the answers document; read both back.
The exit status is 0 when every step passed, else 1 with one line naming the step that failed.

It is meant for the frozen build above all: it is what proves that PyInstaller collected the Qt
platform plugins, the Alembic migrations, the dictionaries and python-docx's templates. A
windowed Windows executable has no console, so the outcome line also goes to ``smoke.log`` in
the log folder, where an IT department or a CI job can read it. The user's own database and
settings are never touched, not even when ``KVDESK_DATABASE_URL`` points at a team database.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from kvdesk.core.model import QuestionSet
from kvdesk.services.context import default_data_dir

__all__ = ["SMOKE_LOG", "SmokeFailure", "SmokeReport", "process_age_ms", "run_smoke", "smoke_steps"]

log = logging.getLogger(__name__)

SMOKE_LOG = "smoke.log"

# Every answer gets this text: plain Dutch the spell checker knows, with one footnote, so that a
# clean check report is expected and the text can be found again in the exported document.
ANSWER_TEXT = "Het kabinet volgt deze ontwikkeling nauwlettend.[^1]\n\n[^1]: Zie de brief aan de Kamer."
ANSWER_MARKER = "Het kabinet volgt deze ontwikkeling nauwlettend."

T = TypeVar("T")


class SmokeFailure(Exception):
    """A step failed; ``str()`` is one line."""

    def __init__(self, step: str, message: str) -> None:
        super().__init__(f"stap '{step}': {message}")
        self.step = step


@dataclass
class SmokeReport:
    """What the run did: the milliseconds per step, and the detail worth a log line."""

    timings: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    # From the start of the process (the launcher included) until the main window was shown:
    # the start-up a user waits for, e.g. with a virus scanner reading the bundle on Windows.
    window_after_ms: float | None = None

    def summary(self) -> str:
        steps = ", ".join(f"{name} {ms:.0f} ms" for name, ms in self.timings.items())
        shown = f"; hoofdvenster na {self.window_after_ms:.0f} ms" if self.window_after_ms is not None else ""
        extra = f"; {'; '.join(self.notes)}" if self.notes else ""
        return f"{steps}{shown}{extra}"


def process_age_ms() -> float | None:
    """Milliseconds since this process started, as the operating system counts them; ``None`` if unknown."""
    try:
        if sys.platform.startswith("linux"):
            # field 22 of /proc/self/stat: start time in clock ticks after boot; /proc/uptime: now
            fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
            started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
            uptime = float(Path("/proc/uptime").read_text().split()[0])
            return (uptime - started) * 1000
        if sys.platform == "win32":
            import ctypes
            from ctypes import wintypes

            creation, exited, kernel, user, now = (wintypes.FILETIME() for _ in range(5))
            k32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            if not k32.GetProcessTimes(k32.GetCurrentProcess(), ctypes.byref(creation), ctypes.byref(exited),
                                       ctypes.byref(kernel), ctypes.byref(user)):
                return None
            k32.GetSystemTimeAsFileTime(ctypes.byref(now))

            def ticks(ft: wintypes.FILETIME) -> int:  # 100-nanosecond units
                return (ft.dwHighDateTime << 32) | ft.dwLowDateTime

            return (ticks(now) - ticks(creation)) / 10_000
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    return None


def _step(report: SmokeReport, name: str, func: Callable[[], T]) -> T:
    """Run one step, timing it; any failure becomes a :class:`SmokeFailure` naming the step."""
    start = time.perf_counter()
    try:
        result = func()
    except SmokeFailure:
        raise
    except Exception as exc:  # a smoke test reports every failure as its step's
        log.exception("smoke step %r failed", name)
        first = (str(exc).strip().splitlines() or [""])[0]
        raise SmokeFailure(name, f"{type(exc).__name__}: {first}" if first else type(exc).__name__) from exc
    report.timings[name] = (time.perf_counter() - start) * 1000
    return result


def _start_app(work_dir: Path) -> Any:
    """The application's own start on an empty data folder, off screen, with its main window shown."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import qInstallMessageHandler

    # Qt's own chatter (the offscreen plugin's "does not support propagateSizeHints()") belongs in
    # the log: the console gets exactly one line from the self-test.
    qInstallMessageHandler(_qt_message)
    from kvdesk.gui.application import build
    from kvdesk.storage.location import default_url

    data_dir = work_dir / "data"
    # The database URL is given explicitly so that KVDESK_DATABASE_URL cannot lead here.
    args = argparse.Namespace(data_dir=str(data_dir), database=default_url(data_dir), debug=False)
    started = build(args, settings_path=work_dir / "settings.ini", spell=False, show_errors=False)
    window = started.window
    window.resize(1200, 800)
    window.show()
    started.app.processEvents()
    if not window.isVisible() or window.grab().isNull():
        _stop_app(started)
        raise RuntimeError("het hoofdvenster wordt niet getekend")
    return started


def _stop_app(started: Any) -> None:
    from PySide6.QtCore import qInstallMessageHandler

    started.window.close()
    started.executor.shutdown()
    started.hook.uninstall()
    started.ctx.close()
    qInstallMessageHandler(None)  # Qt's default handler again


def _qt_message(_mode: Any, context: Any, message: str) -> None:
    log.debug("Qt: %s (%s)", message, getattr(context, "category", ""))


def _open_demo(started: Any) -> QuestionSet:
    """The demo set the first start loaded, opened in the window, with every question answered."""
    from kvdesk.services.sets import save_answer

    ctx = started.ctx
    summaries = ctx.repo.list_sets()
    if not summaries:
        raise RuntimeError(f"de eerste start heeft de demo-set niet geladen: {_demo_problem()}")
    key = summaries[0].key
    qs = ctx.repo.get_set(key)
    if not qs.questions:
        raise RuntimeError("de demo-set heeft geen vragen")
    started.window.open_set(qs.id)
    started.app.processEvents()
    for question in qs.questions:
        save_answer(ctx, key, [question.number], ANSWER_TEXT)
    reread = ctx.repo.get_set(key)
    if len(reread.answers) != len(qs.questions):
        raise RuntimeError(f"{len(qs.questions)} antwoorden opgeslagen, {len(reread.answers)} teruggelezen")
    return reread


def _demo_problem() -> str:
    """Why the demo set cannot be loaded: the first start only logs it, the self-test says it."""
    from kvdesk.gui.application import demo_path

    path = demo_path()
    if not path.is_file():
        return f"{path} ontbreekt"
    try:
        from kvdesk.services.importing import parse_file

        parse_file(str(path))
    except Exception as exc:  # the reason is the message; the log has the traceback
        log.exception("parsing the demo set failed")
        return f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0]}"
    return "de reden staat in kvdesk.log"


def _run_checks(qs: QuestionSet, report: SmokeReport) -> None:
    try:
        from kvdesk.services.checking import run_checks
    except ImportError as exc:
        raise RuntimeError(f"de controles (kvdesk.services.checking) ontbreken: {exc}") from exc
    checked = run_checks(qs)
    # A check that could not run (the dictionary missing from the bundle) is what this step is for.
    if checked.skipped:
        raise RuntimeError("niet uitgevoerd: " + "; ".join(checked.skipped))
    report.notes.append(f"{len(qs.questions)} vragen, {len(checked.errors)} fouten, {len(checked.warnings)} waarschuwingen")


def _export(qs: QuestionSet, out_dir: Path) -> list[Path]:
    try:
        from kvdesk.services.exporting import export_reply
    except ImportError as exc:
        raise RuntimeError(f"de export (kvdesk.services.exporting) ontbreekt: {exc}") from exc
    written = [Path(p) for p in export_reply(qs, out_dir)]
    docx_files = [p for p in written if p.suffix.lower() == ".docx"]
    if len(docx_files) != 2:
        raise RuntimeError(f"twee brieven verwacht, {len(docx_files)} geschreven: {', '.join(p.name for p in written)}")
    return docx_files


def _read_back(qs: QuestionSet, paths: list[Path]) -> None:
    import docx

    texts = {}
    for path in paths:
        document = docx.Document(str(path))
        texts[path.name] = "\n".join(p.text for p in document.paragraphs)
        if not texts[path.name].strip():
            raise RuntimeError(f"{path.name} is leeg")
    answers = [name for name, text in texts.items() if ANSWER_MARKER in text]
    if not answers:
        raise RuntimeError("het antwoord staat in geen van de geschreven brieven")
    first_question = qs.questions[0].text.split()[:4]
    if not any(" ".join(first_question) in " ".join(text.split()) for text in texts.values()):
        raise RuntimeError("vraag 1 staat in geen van de geschreven brieven")


def smoke_steps(work_dir: Path) -> SmokeReport:
    """Run every step in ``work_dir`` (a fresh folder); raises :class:`SmokeFailure` on the first failure."""
    report = SmokeReport()
    started = _step(report, "starten", lambda: _start_app(work_dir))
    report.window_after_ms = process_age_ms()
    try:
        qs = _step(report, "demo-set openen", lambda: _open_demo(started))
        _step(report, "controles", lambda: _run_checks(qs, report))
        report.written = _step(report, "exporteren", lambda: _export(qs, work_dir / "export"))
        _step(report, "teruglezen", lambda: _read_back(qs, report.written))
    finally:
        _stop_app(started)
        _close_logs_under(work_dir)
    return report


def _close_logs_under(folder: Path) -> None:
    """Close the log files the application opened in ``folder``: Windows cannot delete open files."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        name = getattr(handler, "baseFilename", None)
        if name and Path(name).resolve().is_relative_to(folder.resolve()):
            root.removeHandler(handler)
            handler.close()


def run_smoke(log_dir: Path | None = None) -> int:
    """Run the self-test in a temporary folder; 0 when every step passed, 1 otherwise.

    The outcome is one line on stderr (when there is one) and in ``smoke.log`` in ``log_dir``
    (default: the log folder of the data folder, so ``--data-dir`` chooses where it lands).
    """
    from kvdesk.services.logs import setup_logging

    logs = log_dir or (default_data_dir() / "logs")
    setup_logging(logs)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kvdesk-smoke-", ignore_cleanup_errors=True) as tmp:
        try:
            report = smoke_steps(Path(tmp))
        except SmokeFailure as exc:
            line, status = f"kvdesk --smoke: mislukt bij {exc}", 1
        else:
            total = (time.perf_counter() - started) * 1000
            line, status = f"kvdesk --smoke: geslaagd in {total:.0f} ms ({report.summary()})", 0
    log.info("%s", line)
    _report(line, logs / SMOKE_LOG)
    return status


def _report(line: str, path: Path) -> None:
    """The outcome on stderr and in a file; a file that cannot be written must not hide the outcome."""
    if sys.stderr is not None:  # None in a windowed Windows executable
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    from kvdesk.export.errors import ExportError
    from kvdesk.export.files import atomic_write_bytes

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, (line + "\n").encode("utf-8"))
    except (OSError, ExportError) as exc:
        log.warning("cannot write %s: %s", path, exc)
