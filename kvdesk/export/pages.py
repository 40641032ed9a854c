"""Page setup, headers and footers: A4, the reference column, "Pagina N van M".

The geometry approximates the Rijkshuisstijl letter (left margin 24 mm, reference column at
x = 153 mm, 45 mm wide); the official template of a ministry, given as the profile's template,
wins over all of it. LibreOffice ignores positioned frames inside headers, so the column on
page 2 and later is made of header paragraphs indented into the right margin, which both Word and
LibreOffice render in the same place.
"""
from __future__ import annotations

import re
from typing import Any

from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from kvdesk.export import oxml
from kvdesk.export.profile import HouseStyle

PAGE_W, PAGE_H = 210.0, 297.0
LEFT = 24.0
LETTER_RIGHT = 63.0  # the text column ends where the reference column begins (minus a gap)
ANSWERS_RIGHT = 24.0
TOP = 45.0
BOTTOM = 25.0
COLUMN_X = 153.0
COLUMN_W = 45.0
COLUMN_Y = 50.0
LOGO_TEXT_X = 113.0  # right of the centred "lint" (its right edge is at 111.5 mm)

_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")


def setup_page(document: Any, right_margin: float, different_first: bool) -> Any:
    sec = document.sections[0]
    sec.page_width, sec.page_height = Mm(PAGE_W), Mm(PAGE_H)
    sec.left_margin, sec.right_margin = Mm(LEFT), Mm(right_margin)
    sec.top_margin, sec.bottom_margin = Mm(TOP if different_first else 25), Mm(BOTTOM)
    sec.header_distance = Mm(0 if different_first else 12.5)
    sec.footer_distance = Mm(10)
    sec.different_first_page_header_footer = different_first
    return sec


def has_content(header_or_footer: Any) -> bool:
    """Whether a template's header or footer holds anything (text, a picture, a field)."""
    if header_or_footer.is_linked_to_previous:
        return False
    el = header_or_footer._element
    return bool("".join(el.itertext()).strip()) or el.find(".//" + qn("w:drawing")) is not None \
        or el.find(".//" + qn("w:pict")) is not None or el.find(".//" + qn("w:fldChar")) is not None \
        or el.find(".//" + qn("w:fldSimple")) is not None


def fill_placeholders(element: etree._Element, values: dict[str, str]) -> None:
    """Replace ``{{ datum }}``-style placeholders in a template's header or footer paragraphs."""
    for p in element.iter(qn("w:p")):
        texts = list(p.iter(qn("w:t")))
        joined = "".join(t.text or "" for t in texts)
        if "{{" not in joined:
            continue
        replaced = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), joined)
        texts[0].text = replaced
        texts[0].set(oxml.XML_SPACE, "preserve")
        for t in texts[1:]:
            t.text = ""


def page_number_paragraph(container: Any, style_id: str | None, profile: HouseStyle, in_column: bool) -> None:
    """``Pagina N van M`` from PAGE and NUMPAGES fields, in the reference column or right-aligned."""
    el = container._element
    for p in list(el.findall(qn("w:p"))):
        el.remove(p)
    kwargs: dict[str, Any] = {}
    if in_column:
        kwargs["indent_mm"] = (COLUMN_X - LEFT, -(LETTER_RIGHT - (PAGE_W - COLUMN_X - COLUMN_W)))
    else:
        kwargs["align"] = "right"
    p = oxml.new_paragraph(el, style_id, **kwargs)
    template = profile.labels.page
    pos = 0
    for m in re.finditer(r"\{(page|pages)\}", template):
        if m.start() > pos:
            oxml.add_text_run(p, template[pos : m.start()])
        oxml.add_field(p, "PAGE" if m.group(1) == "page" else "NUMPAGES", "1")
        pos = m.end()
    if pos < len(template):
        oxml.add_text_run(p, template[pos:])


def column_paragraphs(container: Any, lines: list[tuple[str | None, str]], first_space_mm: float = 0.0) -> None:
    """Header paragraphs indented into the right margin: the reference column of page 2 and later."""
    el = container._element
    for p in list(el.findall(qn("w:p"))):
        el.remove(p)
    indent = (COLUMN_X - LEFT, -(LETTER_RIGHT - (PAGE_W - COLUMN_X - COLUMN_W)))
    for k, (style_id, text) in enumerate(lines):
        p = oxml.new_paragraph(el, style_id, indent_mm=indent,
                               space_before_pt=first_space_mm * 72 / 25.4 if k == 0 and first_space_mm else None)
        if text:
            oxml.add_text_run(p, text)
    if not lines:
        oxml.new_paragraph(el, None)
