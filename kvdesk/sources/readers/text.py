"""Plain text: decoding bytes whatever their encoding, and refusing binary data."""
from __future__ import annotations

import codecs
import logging
import re

from kvdesk.core.parsing.errors import ParseError

log = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode(data: bytes) -> str:
    """Text of ``data``: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        if b"\x00" in data[:4096]:
            raise ParseError("Dit is geen tekstbestand (binaire gegevens) / not a text file.")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 50):
        raise ParseError("Dit is geen tekstbestand (binaire gegevens) / not a text file.")
    return text
