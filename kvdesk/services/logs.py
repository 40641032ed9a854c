"""Logging: a rotating log file in the data folder; ``--debug`` for detail."""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILENAME = "kvdesk.log"
_configured: list[Path] = []


def setup_logging(logs_dir: Path, *, debug: bool = False, to_stderr: bool = False) -> Path | None:
    """Send kvdesk's log to ``logs_dir/kvdesk.log`` (5 files of 1 MB); returns its path.

    A folder that cannot be written leaves logging on stderr only: logging must never stop work.
    """
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    path = logs_dir / LOG_FILENAME
    if path in _configured:
        return path
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        logs_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
        )
    except OSError:
        handler = logging.StreamHandler()
        path = None  # type: ignore[assignment]
    handler.setFormatter(fmt)
    root.addHandler(handler)
    if to_stderr and not isinstance(handler, logging.StreamHandler):
        err = logging.StreamHandler()
        err.setFormatter(fmt)
        root.addHandler(err)
    if path is not None:
        _configured.append(path)
    return path
