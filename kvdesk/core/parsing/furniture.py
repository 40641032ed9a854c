"""Page furniture of published documents: running heads, footers, ISSN lines, page breaks.

The officielebekendmakingen PDFs repeat "Tweede Kamer, vergaderjaar 2024–2025, Vragen 2",
the publication id and "’s-Gravenhage 2024" on every page; Markdown conversions add "-----"
page breaks and "#" headings. These lines are removed, and each page end becomes one
:data:`PAGE_BREAK` line so that footnotes at the bottom of a page can be found.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)

PAGE_BREAK = "\f"
SEPARATOR = "\f_"  # a line of underscores before typed footnotes

_FOOTER = re.compile(
    r"(Tweede|Eerste) Kamer, vergaderjaar \d{4}\s*[–-]\s*\d{4},\s*(?:Vragen|Aanhangsel)\b(?:\s*\d+)?\s*$"
)
_FOOTER_PREFIX = re.compile(r"^\s*(?:ISSN\s*\d{4}\s*-\s*\d{3}[\dX])?\s*(?:['’]s-Gravenhage\s*\d{4})?\s*$")
_PUB_ID = re.compile(r"^(?:kv|ah|kst|h)-(tk|ek)-[\w-]+$", re.I)
_ISSN = re.compile(r"^ISSN\s*\d{4}\s*-\s*\d{3}[\dX]")
_CITY = re.compile(r"^['’]s-Gravenhage\s*\d{4}")
_CHAMBER_HEAD = re.compile(r"^(Tweede|Eerste) Kamer der Staten-Generaal\s*\d*$")
_YEAR_HEAD = re.compile(
    r"^Vergaderjaar\s*\d{4}\s*[–-]\s*\d{4}\s*(?:Vragen gesteld door de leden der Kamer|Aanhangsel van de Handelingen)?$",
    re.I,
)
_FRAME = re.compile(
    r"^(?:Vragen gesteld door de leden der Kamer(?:, met de daarop door de)?|regering gegeven antwoorden)$", re.I
)
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_BOLD = re.compile(r"^\*\*(.+?)\*\*$")
_MD_RULE = re.compile(r"^(?:-{3,}|\*{3,}|={3,})$")
_UNDERSCORES = re.compile(r"^_{5,}$")
_NUMBER = re.compile(r"^\d{1,5}$")


@dataclass
class Furniture:
    """The text without furniture, and what the furniture told about the document."""

    lines: list[str]
    pdf_layout: bool = False
    chamber: str | None = None
    publication_id: str | None = None
    aanhangsel: str | None = None


def strip_furniture(lines: list[str]) -> Furniture:
    """Remove running heads and footers; mark page ends with :data:`PAGE_BREAK`."""
    out: list[str] = []
    result = Furniture(lines=out)
    after_frame = False

    def page_break() -> None:
        if out and out[-1] != PAGE_BREAK:
            out.append(PAGE_BREAK)

    for raw in lines:
        line = raw.strip()
        if line.startswith("#"):
            line = _MD_HEADING.sub("", line)
        m = _MD_BOLD.match(line)
        if m:
            line = m.group(1).strip()
        if not line:
            out.append("")
            continue
        if after_frame and _NUMBER.match(line):
            result.aanhangsel = line
            after_frame = False
            continue
        after_frame = False
        foot = _FOOTER.search(line)
        if foot:
            result.pdf_layout = True
            result.chamber = result.chamber or ("EK" if foot.group(1) == "Eerste" else "TK")
            before = line[: foot.start()]
            if _FOOTER_PREFIX.match(before):
                page_break()
            else:
                out.append(before.strip())
                page_break()
            continue
        if _PUB_ID.match(line):
            result.pdf_layout = True
            result.publication_id = result.publication_id or line
            result.chamber = result.chamber or line.split("-")[1].upper()
            page_break()
            continue
        if _ISSN.match(line) or _CITY.match(line):
            result.pdf_layout = True
            page_break()
            continue
        head = _CHAMBER_HEAD.match(line)
        if head:
            result.chamber = result.chamber or ("EK" if head.group(1) == "Eerste" else "TK")
            continue
        if _YEAR_HEAD.match(line):
            continue
        if _FRAME.match(line):
            after_frame = line.lower().startswith("regering")
            continue
        if _MD_RULE.match(line):
            page_break()
            continue
        if _UNDERSCORES.match(line):
            out.append(SEPARATOR)
            continue
        out.append(line)
    return result
