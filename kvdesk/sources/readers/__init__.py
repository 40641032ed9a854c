"""File readers: bytes of .txt, .docx, .pdf, .html and .xml files to text for the parser.

Each reader returns plain text in the shapes the parser knows (one paragraph per line, blank
lines between paragraphs, "Vraag N" headings for structured numbering, footnotes as "[N] text"
after a line of underscores). Readers never resolve external entities, bound the size of what
they unpack and raise :class:`~kvdesk.core.parsing.errors.ParseError` for unreadable input.
"""
from __future__ import annotations

from kvdesk.sources.readers.detect import FORMATS, detect_format
from kvdesk.sources.readers.dispatch import read_text

__all__ = ["FORMATS", "detect_format", "read_text"]
