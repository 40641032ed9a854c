"""Choosing the reader for a format."""
from __future__ import annotations

import logging

from kvdesk.core.parsing.errors import ParseError
from kvdesk.sources.readers.detect import FORMATS, detect_format
from kvdesk.sources.readers.limits import MAX_INPUT_BYTES

log = logging.getLogger(__name__)


def read_text(data: bytes, filename: str | None = None, fmt: str | None = None) -> tuple[str, str]:
    """The text of ``data`` for the parser and the format it was read as.

    ``fmt`` forces a format (one of :data:`FORMATS` except json, which is no text source).
    """
    if len(data) > MAX_INPUT_BYTES:
        raise ParseError(f"Bestand te groot ({len(data) // (1024 * 1024)} MB) / file too large.")
    if fmt is not None and fmt not in FORMATS:
        raise ParseError(f"Onbekend formaat '{fmt}' (kies uit {', '.join(FORMATS)}) / unknown format.")
    fmt = fmt or detect_format(data, filename)
    if fmt == "docx":
        from kvdesk.sources.readers.docx import read_docx

        return read_docx(data), fmt
    if fmt == "pdf":
        from kvdesk.sources.readers.pdf import read_pdf

        return read_pdf(data), fmt
    if fmt == "html":
        from kvdesk.sources.readers.html import read_html

        return read_html(data), fmt
    if fmt == "xml":
        from kvdesk.sources.readers.xml import read_xml

        return read_xml(data), fmt
    if fmt == "json":
        raise ParseError("JSON is geen tekstbron / JSON is read as a question set, not as text.")
    from kvdesk.sources.readers.text import decode

    return decode(data), "txt"
