"""Writing export files safely: a temporary file in the same folder, then an atomic replace.

A target that is open in Word cannot be replaced on Windows (``PermissionError``); that becomes a
:class:`~kvdesk.export.errors.TargetLockedError` with a free alternative name, and the old file
and the new content are both kept: nothing is lost.
"""
from __future__ import annotations

import errno
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from kvdesk.export.errors import TargetLockedError, WriteError
from kvdesk.export.filenames import free_alternative

log = logging.getLogger(__name__)

# Seen when another process holds the file open (Windows sharing violation, EACCES/EBUSY elsewhere).
_LOCKED_ERRNOS = {errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY}
_WINERROR_LOCKED = {5, 32, 33}  # access denied, sharing violation, lock violation


def _is_lock(exc: OSError) -> bool:
    if isinstance(exc, PermissionError):
        return True
    if getattr(exc, "winerror", None) in _WINERROR_LOCKED:
        return True
    return exc.errno in _LOCKED_ERRNOS


def _replace(src: str, dst: Path) -> None:
    # A seam for tests: the replace is where a lock held by Word shows up.
    os.replace(src, dst)


def atomic_write(path: Path, write: Callable[[BinaryIO], object], *, on_locked: str = "raise") -> Path:
    """Write ``path`` through ``write(fileobj)`` atomically; returns the path actually written.

    ``on_locked="raise"`` raises :class:`TargetLockedError` when the target is locked;
    ``"rename"`` writes to the free alternative name instead.
    """
    path = Path(path)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".~kvdesk-", suffix=path.suffix + ".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(path, exc.strerror or str(exc)) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            _replace(tmp, path)
            return path
        except OSError as exc:
            if not _is_lock(exc):
                raise
            alternative = free_alternative(path)
            if on_locked != "rename":
                log.info("export target locked: %s (%s)", path, exc)
                raise TargetLockedError(path, alternative) from exc
            _replace(tmp, alternative)
            return alternative
    except TargetLockedError:
        raise
    except OSError as exc:
        raise WriteError(path, exc.strerror or str(exc)) from exc
    finally:
        if os.path.exists(tmp):
            try:
                os.unlink(tmp)
            except OSError:  # pragma: no cover - best effort clean-up
                log.warning("could not remove temporary file %s", tmp)


def atomic_write_bytes(path: Path, data: bytes, *, on_locked: str = "raise") -> Path:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_write`)."""
    return atomic_write(path, lambda fh: fh.write(data), on_locked=on_locked)
