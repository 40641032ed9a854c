"""officielebekendmakingen HTML (and other HTML pages holding a question set).

``div.vraag``/``div.antwoord`` blocks with their "Vraag 1" headings become paragraphs, the
footnote links (``a.nootnum``) become "[N]" and the notes of ``div#noten`` go to the end.
Parsing never touches the network and resolves no entities.
"""
from __future__ import annotations

import logging
import re

from kvdesk.core.parsing.errors import ParseError
from kvdesk.sources.readers.markup import TextBuilder
from kvdesk.sources.readers.text import decode

log = logging.getLogger(__name__)

_SKIP = {"script", "style", "head", "nav", "form", "button", "noscript", "svg", "iframe", "template", "select"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article", "dd", "dt", "blockquote",
          "table", "ul", "ol", "br", "hr", "header", "footer", "main", "td", "th"}


def read_html(data: bytes) -> str:
    """The text of an HTML page for the parser."""
    from lxml import etree, html

    text = decode(data)
    parser = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, recover=True)
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"Deze HTML kan niet worden gelezen / cannot read the HTML: {exc}") from None
    out = TextBuilder()
    for noot in root.xpath('//div[contains(concat(" ", normalize-space(@class), " "), " noot ")]'):
        num = noot.xpath('.//span[contains(@class, "nootnum")]//text()')
        digits = re.sub(r"\D", "", "".join(num))
        if digits:
            body = " ".join(t for p in noot.findall(".//p") for t in p.itertext())
            out.note(int(digits), body)
        noot.getparent().remove(noot)
    has_notes = bool(out.notes)

    def walk(el: object) -> None:
        tag = getattr(el, "tag", None)
        if not isinstance(tag, str):
            return
        tag = tag.lower()
        if tag in _SKIP:
            out.text(getattr(el, "tail", None))
            return
        classes = (el.get("class") or "").split()  # type: ignore[attr-defined]
        if "nootnum" in classes or (tag == "sup" and re.fullmatch(r"\s*\d{1,3}\s*", el.text_content() or "")):  # type: ignore[attr-defined]
            digits = re.sub(r"\D", "", el.text_content())  # type: ignore[attr-defined]
            if has_notes and digits:
                out.text(f"[{int(digits)}]")
            out.text(el.tail)  # type: ignore[attr-defined]
            return
        block = tag in _BLOCK
        if block:
            out.end_paragraph()
        out.text(el.text)  # type: ignore[attr-defined]
        for child in el:  # type: ignore[attr-defined]
            walk(child)
        if block:
            out.end_paragraph()
        out.text(el.tail)  # type: ignore[attr-defined]

    body = root.find("body")
    walk(body if body is not None else root)
    return out.result()
