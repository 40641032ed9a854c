"""Recognising the format of an input by its content (the file name is only a hint)."""
from __future__ import annotations

import re

FORMATS = ("txt", "docx", "pdf", "html", "xml", "json")
_EXTENSIONS = {"txt": "txt", "text": "txt", "md": "txt", "docx": "docx", "docm": "docx", "pdf": "pdf",
               "html": "html", "htm": "html", "xhtml": "html", "xml": "xml", "json": "json"}
_HTML = re.compile(rb"<(?:!doctype\s+html|html|body|div|p|h[1-6]|span|table)\b", re.I)


def detect_format(data: bytes, filename: str | None = None) -> str:
    """One of :data:`FORMATS` for ``data``; by content first, then by the file name."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data[:4] == b"PK\x03\x04":
        return "docx"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head[:1] in (b"{", b"["):
        return "json"
    if head.startswith(b"<"):
        if _HTML.search(data[:4096]) and b"<officiele-publicatie" not in data[:4096] and b"<kamervragen" not in data[:8192]:
            return "html"
        return "xml"
    if filename and "." in filename:
        ext = filename.rsplit(".", 1)[-1].lower()
        if ext in ("docx", "pdf"):
            return ext  # claimed, but the content says otherwise: let the reader say so
    return "txt"
