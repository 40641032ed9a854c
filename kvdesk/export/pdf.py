"""PDF through LibreOffice (``soffice --headless --convert-to pdf``) when it is installed.

All files of one export go through one soffice process with its own throw-away user profile,
so a LibreOffice the user has open is neither disturbed nor blocking. The PDFs are then moved
next to the .docx files with the same atomic write as every export file.
"""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from kvdesk.export.errors import ConversionError, ConverterMissingError
from kvdesk.export.files import atomic_write_bytes

log = logging.getLogger(__name__)

_WINDOWS_CANDIDATES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


def find_converter() -> str | None:
    """The soffice executable: ``KVDESK_SOFFICE``, then the PATH, then the usual Windows folders."""
    override = os.environ.get("KVDESK_SOFFICE")
    if override is not None:
        # An explicit setting is obeyed, also when it points nowhere (that is how it is switched off).
        return override if override and Path(override).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if os.name == "nt":
        for candidate in _WINDOWS_CANDIDATES:
            if Path(candidate).is_file():
                return candidate
    return None


def convert_to_pdf(sources: Sequence[Path], out_dir: Path | None = None, *, timeout: float = 180.0,
                   on_locked: str = "raise") -> list[Path]:
    """Convert .docx files to PDF next to them (or into ``out_dir``); returns the PDF paths.

    Raises :class:`ConverterMissingError` without LibreOffice and :class:`ConversionError` when it
    fails; a PDF that is open elsewhere raises :class:`~kvdesk.export.errors.TargetLockedError`.
    """
    soffice = find_converter()
    if soffice is None:
        raise ConverterMissingError()
    sources = [Path(s) for s in sources]
    if not sources:
        return []
    with tempfile.TemporaryDirectory(prefix="kvdesk-pdf-") as tmp:
        tmp_path = Path(tmp)
        profile_url = (tmp_path / "lo-profile").as_uri()
        outdir = tmp_path / "out"
        outdir.mkdir()
        # soffice names its output after the input; copy under safe ASCII names to avoid clashes.
        inputs = []
        for k, src in enumerate(sources):
            target = tmp_path / f"doc{k}.docx"
            shutil.copyfile(src, target)
            inputs.append(target)
        cmd = [soffice, f"-env:UserInstallation={profile_url}", "--headless", "--norestore", "--nologo",
               "--convert-to", "pdf", "--outdir", str(outdir), *map(str, inputs)]
        log.debug("running %s", cmd)
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except FileNotFoundError as exc:
            raise ConverterMissingError() from exc
        except subprocess.TimeoutExpired as exc:
            raise ConversionError(sources[0], f"LibreOffice reageerde niet binnen {timeout:.0f} seconden") from exc
        written: list[Path] = []
        for k, src in enumerate(sources):
            produced = outdir / f"doc{k}.pdf"
            if not produced.is_file():
                detail = (proc.stderr or proc.stdout or b"").decode("utf-8", "replace").strip().splitlines()
                raise ConversionError(src, detail[-1] if detail else f"LibreOffice gaf code {proc.returncode}")
            target = (Path(out_dir) if out_dir else src.parent) / (src.stem + ".pdf")
            written.append(atomic_write_bytes(target, produced.read_bytes(), on_locked=on_locked))
    return written
