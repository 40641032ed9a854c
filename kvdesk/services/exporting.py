"""Export operations shared by the GUI and the CLI: the reply letters and the delay notice.

``export_reply`` writes the cover letter and the answers document; ``export_delay_notice``
writes the uitstelbericht. Both return the written paths (the .docx files, then the PDFs when
asked) and raise an :class:`ExportError` subclass whose ``user_message`` is one line for the
user. They touch no GUI and may run on a worker thread.
"""
from __future__ import annotations

import datetime as dt
import io
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kvdesk.core.model import QuestionSet
from kvdesk.export.answerers import AnswererChoice, Answering, choose_answering
from kvdesk.export.answers_doc import build_answers_document
from kvdesk.export.errors import (
    ConversionError,
    ConverterMissingError,
    ExportError,
    ExportInputError,
    ProfileError,
    TargetLockedError,
    TemplateError,
    WriteError,
)
from kvdesk.export.filenames import letter_filename
from kvdesk.export.files import atomic_write_bytes
from kvdesk.export.letters import build_cover_letter, build_delay_notice
from kvdesk.export.pdf import convert_to_pdf
from kvdesk.export.profile import HouseStyle, find_profile

__all__ = [
    "export_reply",
    "export_delay_notice",
    "resolve_profile",
    "reply_filenames",
    "ExportError",
    "ExportInputError",
    "ProfileError",
    "TemplateError",
    "TargetLockedError",
    "WriteError",
    "ConverterMissingError",
    "ConversionError",
]

log = logging.getLogger(__name__)

ProfileArg = HouseStyle | str | os.PathLike[str] | None


def resolve_profile(profile: ProfileArg, search_dirs: Sequence[Path] | None = None) -> HouseStyle:
    """A profile object from a profile, a path, a name, or ``None`` (the built-in neutral style).

    Names are looked up in ``search_dirs``, then in ``$KVDESK_DATA_DIR/profiles``, then in the
    shipped ``resources/profiles``.
    """
    if profile is None:
        return HouseStyle()
    if isinstance(profile, HouseStyle):
        return profile
    dirs = list(search_dirs or [])
    data_dir = os.environ.get("KVDESK_DATA_DIR")
    if data_dir:
        dirs.append(Path(data_dir) / "profiles")
    return find_profile(profile, dirs)


def _reference(qs: QuestionSet) -> str:
    if qs.kenmerk:
        return qs.kenmerk
    if qs.submitted_on:
        return qs.submitted_on.isoformat()
    return ""


def reply_filenames(qs: QuestionSet) -> dict[str, str]:
    """The file names export uses: ``cover``, ``answers`` and ``delay`` (all .docx)."""
    ref, subject = _reference(qs), qs.subject
    return {
        "cover": letter_filename("Aanbiedingsbrief", ref, subject),
        "answers": letter_filename("Beantwoording", ref, subject),
        "delay": letter_filename("Uitstelbericht", ref, subject),
    }


def _check(qs: QuestionSet) -> None:
    if not qs.questions:
        raise ExportInputError("De vragenset bevat geen vragen; er valt niets te exporteren.")


def _save(document: Any, path: Path, on_locked: str) -> Path:
    buf = io.BytesIO()
    document.save(buf)
    return atomic_write_bytes(path, buf.getvalue(), on_locked=on_locked)


def export_reply(
    qs: QuestionSet,
    out_dir: str | os.PathLike[str],
    profile: ProfileArg = None,
    pdf: bool = False,
    answerer: AnswererChoice | Sequence[AnswererChoice] | None = None,
    date: dt.date | None = None,
    *,
    our_reference: str | None = None,
    on_locked: str = "raise",
) -> list[Path]:
    """Write the cover letter and the answers document (and their PDFs); returns the paths.

    ``answerer``: ``None`` (the first addressee, "mede namens" the others), a title such as
    ``"minister van Klimaat en Groene Groei"``, an Addressee, or a list of two for two answerers.
    ``on_locked="rename"`` writes next to a locked file under a free name instead of raising
    :class:`TargetLockedError`.
    """
    _check(qs)
    style = resolve_profile(profile)
    answering = choose_answering(qs, answerer)
    day = date or dt.date.today()
    out = Path(out_dir)
    names = reply_filenames(qs)
    written = [
        _save(build_cover_letter(qs, answering, style, day, our_reference=our_reference), out / names["cover"], on_locked),
        _save(build_answers_document(qs, answering, style, day), out / names["answers"], on_locked),
    ]
    log.info("exported %s: %s", qs.key, ", ".join(p.name for p in written))
    if pdf:
        written += convert_to_pdf(written, on_locked=on_locked)
    return written


def export_delay_notice(
    qs: QuestionSet,
    out_dir: str | os.PathLike[str],
    reason: str,
    profile: ProfileArg = None,
    pdf: bool = False,
    date: dt.date | None = None,
    *,
    answerer: AnswererChoice | Sequence[AnswererChoice] | None = None,
    our_reference: str | None = None,
    on_locked: str = "raise",
) -> list[Path]:
    """Write the delay notice (uitstelbericht) with the user's ``reason``; returns the paths."""
    style = resolve_profile(profile)
    answering: Answering = choose_answering(qs, answerer)
    day = date or dt.date.today()
    document = build_delay_notice(qs, answering, style, day, reason=reason, our_reference=our_reference)
    written = [_save(document, Path(out_dir) / reply_filenames(qs)["delay"], on_locked)]
    log.info("exported delay notice %s: %s", qs.key, written[0].name)
    if pdf:
        written += convert_to_pdf(written, on_locked=on_locked)
    return written
