"""Importing question sets: from a file, stdin or bytes to a :class:`QuestionSet`.

The format is recognised by content (``fmt`` forces one). Bad input raises
:class:`~kvdesk.core.parsing.errors.ParseError` with a one-line message for the user.
"""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from kvdesk.core.model import QuestionSet, SchemaError
from kvdesk.core.parsing import parse_text
from kvdesk.core.parsing.errors import ParseError
from kvdesk.sources.readers import FORMATS, detect_format, read_text
from kvdesk.sources.readers.limits import MAX_INPUT_BYTES

log = logging.getLogger(__name__)

__all__ = ["FORMATS", "ParseError", "parse_bytes", "parse_file", "parse_text"]


def parse_file(path_or_dash: str | Path, fmt: str | None = None) -> QuestionSet:
    """Parse the file at ``path_or_dash`` (``"-"`` reads stdin)."""
    name = str(path_or_dash)
    if name == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        return parse_bytes(data, None, fmt)
    path = Path(name)
    try:
        if path.is_dir():
            raise ParseError(f"{name} is een map, geen bestand / is a folder.")
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise ParseError(f"{name}: bestand te groot ({size // (1024 * 1024)} MB) / file too large.")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ParseError(f"{name}: bestand niet gevonden / file not found.") from None
    except PermissionError:
        raise ParseError(f"{name}: geen toegang / permission denied.") from None
    except OSError as exc:
        raise ParseError(f"{name}: kan niet lezen ({exc.strerror or exc}) / cannot read.") from None
    return parse_bytes(data, path.name, fmt)


def parse_bytes(data: bytes, filename: str | None = None, fmt: str | None = None) -> QuestionSet:
    """Parse a question set from the bytes of a file of any supported format."""
    if not data.strip():
        raise ParseError("Leeg bestand / empty file.")
    fmt = fmt.lower() if fmt else None
    if (fmt or detect_format(data, filename)) == "json":
        return _from_json(data)
    text, used = read_text(data, filename, fmt)
    log.debug("read %s as %s: %d characters", filename or "input", used, len(text))
    qs = parse_text(text)
    qs.source_text = text
    return qs


def _from_json(data: bytes) -> QuestionSet:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ParseError(f"Geen geldige JSON / invalid JSON: {exc}") from None
    try:
        return QuestionSet.from_json(doc)
    except SchemaError as exc:
        raise ParseError(f"Geen vragenset in JSON / not a question set: {exc}") from None
