"""A picture of page 1 of the cover letter for a profile, for the house-style dialog's live preview.

Rendering goes through LibreOffice and pdftoppm; where they are missing the functions return
``None`` and :func:`describe_cover` gives the page's content as text lines instead.
"""
from __future__ import annotations

import datetime as dt
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from kvdesk.core.model import Addressee, Member, Question, QuestionSet
from kvdesk.export.answerers import choose_answering
from kvdesk.export.errors import ExportError
from kvdesk.export.letters import build_cover_letter
from kvdesk.export.pdf import convert_to_pdf, find_converter
from kvdesk.export.profile import HouseStyle

log = logging.getLogger(__name__)


def sample_set(profile: HouseStyle) -> QuestionSet:
    """A made-up question set to show a profile with (no real names)."""
    title = profile.signers[0].title if profile.signers else "minister van Voorbeeldzaken"
    return QuestionSet(
        kenmerk="2026Z00000",
        submitted_on=dt.date(2026, 1, 5),
        members=[Member("Voorbeeld", "ABC"), Member("Proef", "ABC")],
        addressees=[Addressee(title)],
        subject="het bericht ‘Voorbeeldbericht’",
        questions=[Question(1, "Bent u bekend met het bericht?")],
    )


def render_page_png(source: Path, target: Path, page: int = 1, dpi: int = 80) -> Path | None:
    """Page ``page`` of a .docx as a PNG (LibreOffice, then pdftoppm); ``None`` when a tool is missing."""
    pdftoppm = shutil.which("pdftoppm")
    if find_converter() is None or pdftoppm is None:
        return None
    with tempfile.TemporaryDirectory(prefix="kvdesk-preview-") as tmp:
        try:
            (pdf,) = convert_to_pdf([Path(source)], Path(tmp))
        except ExportError as exc:
            log.warning("preview: %s", exc)
            return None
        stem = Path(tmp) / "page"
        proc = subprocess.run([pdftoppm, "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                               str(pdf), str(stem)], capture_output=True, check=False, timeout=60)
        produced = stem.with_suffix(".png")
        if proc.returncode != 0 or not produced.is_file():
            log.warning("preview: pdftoppm failed: %s", proc.stderr.decode("utf-8", "replace").strip())
            return None
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(produced, target)
        return target


def render_cover_preview(profile: HouseStyle, qs: QuestionSet | None = None, dpi: int = 60) -> bytes | None:
    """PNG bytes of page 1 of the cover letter in ``profile``; ``None`` without LibreOffice/pdftoppm.

    Takes one to three seconds (a LibreOffice start): call it from a worker thread.
    """
    qs = qs or sample_set(profile)
    document = build_cover_letter(qs, choose_answering(qs), profile, dt.date.today())
    with tempfile.TemporaryDirectory(prefix="kvdesk-preview-") as tmp:
        source = Path(tmp) / "voorbeeld.docx"
        document.save(source)
        png = render_page_png(source, Path(tmp) / "voorbeeld.png", dpi=dpi)
        return png.read_bytes() if png else None


def describe_cover(profile: HouseStyle, qs: QuestionSet | None = None) -> list[str]:
    """The text of page 1 of the cover letter, one line per paragraph, the column first."""
    qs = qs or sample_set(profile)
    document = build_cover_letter(qs, choose_answering(qs), profile, dt.date.today())
    sec = document.sections[0]
    lines = [f"[logo] {p.text}" for p in sec.first_page_header.paragraphs if p.text]
    if profile.logo is not None:
        lines.insert(0, f"[logo] {profile.logo.name}")
    lines += [p.text.replace("\t", " ") for p in document.paragraphs]
    lines += [p.text for p in sec.first_page_footer.paragraphs if p.text]
    return lines
