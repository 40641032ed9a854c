"""Answers found in answered documents, written in the answer format of :mod:`kvdesk.core.richtext`.

Paragraphs stay paragraphs; a footnote marker becomes ``[^N]`` with its text as a ``[^N]: …``
definition in the same answer. :func:`kvdesk.core.richtext.serialize` does the escaping.
"""
from __future__ import annotations

import re

from kvdesk.core import richtext
from kvdesk.core.parsing.footnotes import SENTINEL, Footnotes
from kvdesk.core.richtext import FootnoteRef, Inline, Paragraph, RichText, Run

_LABEL = re.compile(r"\[\^([^\]\s]+)\]")


def to_richtext(paragraphs: list[str], notes: Footnotes) -> str:
    """Answer-format text for paragraphs that may hold footnote sentinels."""
    doc = RichText()
    for para in paragraphs:
        inlines: list[Inline] = []
        last = 0
        for m in SENTINEL.finditer(para):
            before = para[last: m.start()]
            if before:
                inlines.append(Run(before.rstrip() if before.endswith(" ") else before))
            number = int(m.group(1))
            inlines.append(FootnoteRef(str(number)))
            note = notes.defs.get(number)
            if note and str(number) not in doc.footnotes:
                doc.footnotes[str(number)] = [Run(note.text)]
            last = m.end()
        tail = para[last:]
        if tail:
            inlines.append(Run(tail))
        inlines = [i for i in inlines if not (isinstance(i, Run) and not i.text)]
        if inlines:
            doc.blocks.append(Paragraph(inlines))
    return richtext.serialize(doc)


def labels(text: str) -> list[int]:
    """The numeric footnote labels an answer text refers to."""
    out = []
    for m in _LABEL.finditer(text):
        if m.group(1).isdigit() and int(m.group(1)) not in out:
            out.append(int(m.group(1)))
    return out
