"""Reading a file the user attaches by hand (PDF, HTML, .docx, .txt, .eml) into text to keep.

Used when a citation has no link, when a site sits behind a paywall, or when the officer has
the document in the mail already. The original bytes are kept too (see
:func:`kvdesk.sources.fetch.store_original`).
"""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils
import io
import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path

from kvdesk.sources.fetch import Extracted, FetchError, extract_html, extract_pdf

log = logging.getLogger(__name__)

__all__ = ["AttachError", "Attachment", "SUFFIXES", "read_attachment", "read_attachment_bytes"]

SUFFIXES = (".pdf", ".html", ".htm", ".docx", ".txt", ".eml")
MAX_BYTES = 50 * 1024 * 1024

_TYPES = {
    ".pdf": "application/pdf",
    ".html": "text/html",
    ".htm": "text/html",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".txt": "text/plain",
    ".eml": "message/rfc822",
}


class AttachError(Exception):
    """A file that cannot be attached; ``str()`` says why and what to do instead."""


@dataclass
class Attachment:
    """A file read for keeping: its text, what it says about itself, and the original bytes."""

    extracted: Extracted
    body: bytes
    suffix: str
    content_type: str
    name: str


def read_attachment(path: Path) -> Attachment:
    """Read ``path`` (by its suffix) into text; raises :class:`AttachError` with a one-line message."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise AttachError(f"{path.name}: dit soort bestand kan niet worden toegevoegd; kies een PDF, HTML, "
                          ".docx, .txt of .eml, of plak de tekst.")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise AttachError(f"{path.name} is groter dan {MAX_BYTES // (1024 * 1024)} MB; voeg alleen het relevante "
                              "deel toe (plak de tekst).")
        body = path.read_bytes()
    except OSError as exc:
        raise AttachError(f"{path.name} kan niet worden gelezen: {exc.strerror or exc}.") from exc
    return read_attachment_bytes(body, suffix, name=path.name)


def read_attachment_bytes(body: bytes, suffix: str, *, name: str = "bestand") -> Attachment:
    """Like :func:`read_attachment` for bytes already in memory (a drop or a paste)."""
    suffix = suffix.lower()
    try:
        if suffix == ".pdf":
            extracted = extract_pdf(body)
        elif suffix in (".html", ".htm"):
            extracted = extract_html(body)
        elif suffix == ".docx":
            extracted = _read_docx(body, name)
        elif suffix == ".txt":
            extracted = Extracted(text=_decode_text(body).strip())
        elif suffix == ".eml":
            extracted = _read_eml(body)
        else:
            raise AttachError(f"{name}: dit soort bestand kan niet worden toegevoegd; kies een PDF, HTML, .docx, "
                              ".txt of .eml, of plak de tekst.")
    except FetchError as exc:
        raise AttachError(f"{name}: {exc}") from exc
    if not extracted.text.strip():
        raise AttachError(f"{name} bevat geen leesbare tekst; plak de tekst zelf.")
    return Attachment(extracted=extracted, body=body, suffix=".html" if suffix == ".htm" else suffix,
                      content_type=_TYPES[suffix], name=name)


def _decode_text(body: bytes) -> str:
    if body.startswith(b"\xef\xbb\xbf"):
        return body[3:].decode("utf-8", "replace")
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return body.decode("utf-16", "replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        # Windows Notepad files from older machines.
        return body.decode("cp1252", "replace")


def _read_docx(body: bytes, name: str) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(body))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise AttachError(f"{name} is geen geldig Word-bestand (.docx): {str(exc).rstrip('.')}.") from exc
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells if c.text.strip()]
            if cells:
                paragraphs.append(" | ".join(cells))
    props = document.core_properties
    created = props.created.date() if isinstance(props.created, dt.datetime) else None
    return Extracted(text="\n\n".join(paragraphs), title=props.title or None, author=props.author or None,
                     published_on=created)


def _read_eml(body: bytes) -> Extracted:
    message = email.message_from_bytes(body, policy=email.policy.default)
    part = message.get_body(preferencelist=("plain", "html")) if hasattr(message, "get_body") else None
    text = ""
    if part is not None:
        content = part.get_content()
        if part.get_content_type() == "text/html":
            text = extract_html(content).text
        else:
            text = str(content)
    date = None
    if message["date"]:
        try:
            parsed = email.utils.parsedate_to_datetime(str(message["date"]))
            date = parsed.date()
        except (TypeError, ValueError):
            date = None
    sender = message["from"]
    author = None
    if sender:
        real, addr = email.utils.parseaddr(str(sender))
        author = real or addr or None
    return Extracted(text=text.strip(), title=str(message["subject"]) if message["subject"] else None,
                     author=author, published_on=date)
