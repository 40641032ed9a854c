"""Limits that keep a hostile or broken file from exhausting memory or time."""
from __future__ import annotations

import time

from kvdesk.core.parsing.errors import ParseError

MAX_INPUT_BYTES = 60 * 1024 * 1024  # a file larger than this is not a question set
MAX_PART_BYTES = 40 * 1024 * 1024  # one unpacked part of a .docx
MAX_UNPACKED_BYTES = 120 * 1024 * 1024  # all parts of a .docx read together
MAX_RATIO = 200  # compression ratio beyond which a zip entry is taken for a bomb
MAX_PDF_PAGES = 400
TIME_LIMIT_S = 20.0


class Deadline:
    """A point in time after which reading gives up with a one-line error."""

    def __init__(self, seconds: float = TIME_LIMIT_S) -> None:
        self.until = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.until:
            raise ParseError("Het lezen van het bestand duurt te lang / reading the file takes too long.")
