"""Reading question sets from text: normalisation, the header grammar, splitting, footnotes.

Pure Python (no Qt, no I/O). Readers in :mod:`kvdesk.sources.readers` turn files into text;
:func:`parse_text` turns that text into a :class:`~kvdesk.core.model.QuestionSet`.
"""
from __future__ import annotations

from kvdesk.core.parsing.document import parse_text
from kvdesk.core.parsing.errors import ParseError

__all__ = ["ParseError", "parse_text"]
