"""Writing paragraphs, rich answer text and footnotes into a base document.

The builder appends WordprocessingML directly (lxml), which keeps a 30-question reply about as
fast as python-docx's own ``add_paragraph``; every paragraph still gets a named style, so a
ministry template can restyle the result.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from docx.oxml.ns import qn
from lxml import etree

from kvdesk.core.richtext import FootnoteRef, Inline, ListBlock, Paragraph, Quote, RichText, Run
from kvdesk.export import oxml
from kvdesk.export.base import Base

_URL = re.compile(r"https?://[^\s<>()\"']+[^\s<>()\"'.,;:!?]")


def linkify(text: str, url: str | None = None) -> list[Inline]:
    """Plain text as runs in which URLs are links; ``url`` is appended in brackets if the text lacks it."""
    out: list[Inline] = []
    pos = 0
    for m in _URL.finditer(text):
        if m.start() > pos:
            out.append(Run(text[pos : m.start()]))
        out.append(Run(m.group(0), href=m.group(0)))
        pos = m.end()
    if pos < len(text):
        out.append(Run(text[pos:]))
    if url and url not in text:
        out += [Run(" ("), Run(url, href=url), Run(")")]
    return out


class DocBuilder:
    """Appends content to the body of one base document; call :meth:`finish` before saving."""

    def __init__(self, base: Base) -> None:
        self.base = base
        self.document = base.document
        self.ids = base.style_ids
        self.body = self.document.element.body
        self._sect_pr = self.body.find(qn("w:sectPr"))
        if self._sect_pr is not None:
            self.body.remove(self._sect_pr)
        self._footnotes = oxml.footnotes_part(self.document)
        self._next_footnote = oxml.max_footnote_id(self._footnotes) + 1
        self._numbering: Any = None
        self._abstract: dict[bool, int] = {}
        self._bullet_num: int | None = None
        self.footnote_count = 0

    # ------------------------------------------------------------------ paragraphs

    def style(self, role: str) -> str | None:
        return self.ids.get(role)

    def paragraph(self, role: str, content: str | Sequence[Inline] | None = None, **ppr: Any) -> etree._Element:
        """A paragraph in the role's style; ``content`` is plain text or inlines."""
        p = oxml.new_paragraph(self.body, self.style(role), **ppr)
        if isinstance(content, str):
            if content:
                oxml.add_text_run(p, content)
        elif content:
            self.inlines(p, content)
        return p

    def empty(self, role: str = "body", count: int = 1) -> None:
        for _ in range(count):
            oxml.new_paragraph(self.body, self.style(role))

    def inlines(self, p: etree._Element, items: Iterable[Inline], notes: dict[str, list[Inline]] | None = None,
                part: Any = None) -> None:
        """Runs, links and footnote references of the answer format into paragraph ``p``."""
        part = part if part is not None else self.document.part
        link_el: etree._Element | None = None
        link_href: str | None = None
        link_style = self.style("hyperlink")
        for item in items:
            if isinstance(item, FootnoteRef):
                link_el = link_href = None
                body = (notes or {}).get(item.label)
                if body is None:
                    oxml.add_text_run(p, f"[{item.label}]")
                else:
                    self.footnote(p, body)
                continue
            if item.href:
                if link_el is None or link_href != item.href:
                    link_el = oxml.add_hyperlink(part, p, item.href)
                    link_href = item.href
                oxml.add_text_run(link_el, item.text, bold=item.bold, italic=item.italic, char_style=link_style)
            else:
                link_el = link_href = None
                oxml.add_text_run(p, item.text, bold=item.bold, italic=item.italic)

    def footnote(self, p: etree._Element, body: Sequence[Inline]) -> int:
        """A real Word footnote: the mark in ``p``, the text in the footnotes part. Returns its id."""
        fid = self._next_footnote
        self._next_footnote += 1
        ref_style = self.style("footnote_reference") or "FootnoteReference"
        fp = oxml.new_footnote(self._footnotes, fid, self.style("footnote_text") or "FootnoteText", ref_style)
        # Footnote text has no footnotes of its own; a bare URL in it becomes a link, and
        # links relate to the footnotes part.
        runs: list[Inline] = []
        for item in body:
            if isinstance(item, Run) and item.href is None and "://" in item.text:
                runs += [Run(r.text, item.bold, item.italic, r.href) for r in linkify(item.text) if isinstance(r, Run)]
            elif isinstance(item, Run):
                runs.append(item)
        self.inlines(fp, runs, part=self._footnotes)
        oxml.add_footnote_reference(p, fid, ref_style)
        self.footnote_count += 1
        return fid

    # ------------------------------------------------------------------ rich text

    def rich(self, doc: RichText, role: str = "answer") -> None:
        """An answer's blocks: paragraphs, lists (numbered lists restart) and quotes."""
        if not doc.blocks:
            self.paragraph(role)
            return
        for block in doc.blocks:
            if isinstance(block, Paragraph):
                p = self.paragraph(role)
                self.inlines(p, block.inlines, doc.footnotes)
            elif isinstance(block, ListBlock):
                num = self._list_num(block.ordered, block.start)
                for item in block.items:
                    p = self.paragraph("list", num=num)
                    self.inlines(p, item, doc.footnotes)
            elif isinstance(block, Quote):
                for para in block.paragraphs:
                    p = self.paragraph("quote")
                    self.inlines(p, para.inlines, doc.footnotes)

    def _list_num(self, ordered: bool, start: int) -> int:
        if self._numbering is None:
            self._numbering = self.document.part.numbering_part.element
        if ordered not in self._abstract:
            self._abstract[ordered] = oxml.add_abstract_num(self._numbering, ordered)
        if not ordered:
            if self._bullet_num is None:
                self._bullet_num = oxml.add_num(self._numbering, self._abstract[False])
            return self._bullet_num
        # Each numbered list gets its own instance so that it starts again (at 1, or where it says).
        return oxml.add_num(self._numbering, self._abstract[True], start=start)

    # ------------------------------------------------------------------ finishing

    def finish(self) -> None:
        if self._sect_pr is not None:
            self.body.append(self._sect_pr)
            self._sect_pr = None

    @property
    def section_properties(self) -> Any:
        return self._sect_pr
