"""The answer format: a small CommonMark subset with footnotes, and a model to work with it.

Answers are stored as text in this format (DESIGN.md, "Data"):

* paragraphs, separated by a blank line; a hard line break is a backslash at the end of a line;
* ``**bold**`` and ``*italic*``; links as ``[text](url)``;
* bullet lists (``- item``) and numbered lists (``1. item``), one level deep;
* block quotes (``> text``);
* footnote references ``[^label]`` and their text as ``[^label]: text`` lines at the end.

Labels are local to one answer; the export numbers all footnotes through the document.

:func:`parse` reads the format into a :class:`RichText` (blocks of runs) with markdown-it-py and
its footnote plugin; :func:`serialize` writes a :class:`RichText` back. ``serialize(parse(s))`` is
canonical, and ``parse(serialize(doc)) == doc`` for every document the model can hold, which is
what lets the editor, the export and the diff share one format without loss.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

__all__ = [
    "Run",
    "FootnoteRef",
    "Inline",
    "Paragraph",
    "ListBlock",
    "Quote",
    "Block",
    "RichText",
    "parse",
    "serialize",
    "to_plain",
    "word_count",
    "footnote_labels",
    "merge_inlines",
]


@dataclass(frozen=True)
class Run:
    """A piece of text with one formatting; ``href`` makes it (part of) a link."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass(frozen=True)
class FootnoteRef:
    """A footnote marker; ``label`` names an entry of :attr:`RichText.footnotes`."""

    label: str


Inline = Run | FootnoteRef


@dataclass
class Paragraph:
    inlines: list[Inline] = field(default_factory=list)


@dataclass
class ListBlock:
    """A bullet list (``ordered=False``) or a numbered list that starts at ``start``."""

    ordered: bool
    items: list[list[Inline]] = field(default_factory=list)
    start: int = 1


@dataclass
class Quote:
    paragraphs: list[Paragraph] = field(default_factory=list)


Block = Paragraph | ListBlock | Quote


@dataclass
class RichText:
    """An answer: its blocks, and its footnotes in the order they were defined."""

    blocks: list[Block] = field(default_factory=list)
    footnotes: dict[str, list[Inline]] = field(default_factory=dict)


# --------------------------------------------------------------------------- reading


@lru_cache(maxsize=1)
def _markdown() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.use(footnote_plugin)
    # Headings, code, images, tables, html and rules are not part of the format: read them as text.
    md.disable(["heading", "lheading", "code", "fence", "hr", "html_block", "html_inline", "image", "backticks"])
    return md


def parse(text: str) -> RichText:
    """Read answer-format text into the model. Never raises: anything unknown becomes text."""
    tokens = _markdown().parse(text or "")
    doc = RichText()
    labels: dict[int, str] = {}
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if tok.type == "paragraph_open":
            inlines = _inlines(tokens[i + 1], labels)
            if inlines:
                doc.blocks.append(Paragraph(inlines))
            i += 3
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            block, i = _list(tokens, i, labels)
            if block.items:
                doc.blocks.append(block)
        elif tok.type == "blockquote_open":
            quote, i = _quote(tokens, i, labels)
            if quote.paragraphs:
                doc.blocks.append(quote)
        elif tok.type == "footnote_open":
            label = str(tok.meta.get("label", tok.meta.get("id")))
            body: list[Inline] = []
            i += 1
            while i < n and tokens[i].type != "footnote_close":
                if tokens[i].type == "inline":
                    if body:
                        body.append(Run(" "))
                    body.extend(_inlines(tokens[i], labels))
                i += 1
            doc.footnotes[label] = merge_inlines(body)
            i += 1
        else:
            i += 1
    return doc


def _list(tokens: list[Any], i: int, labels: dict[int, str]) -> tuple[ListBlock, int]:
    open_tok = tokens[i]
    ordered = open_tok.type == "ordered_list_open"
    start = 1
    if ordered:
        try:
            start = int(open_tok.attrGet("start") or 1)
        except (TypeError, ValueError):
            start = 1
    block = ListBlock(ordered=ordered, start=start)
    close = "ordered_list_close" if ordered else "bullet_list_close"
    depth = 0
    i += 1
    current: list[Inline] | None = None
    while i < len(tokens):
        tok = tokens[i]
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            if depth == 0 and tok.type == close:
                break
            depth -= 1
        elif tok.type == "list_item_open" and depth == 0:
            current = []
            block.items.append(current)
        elif tok.type == "inline" and current is not None:
            # Nested lists and several paragraphs in one item flatten into the item's text.
            if current:
                current.append(Run(" "))
            current.extend(_inlines(tok, labels))
        i += 1
    block.items = [merge_inlines(item) for item in block.items]
    block.items = [item for item in block.items if item] or []
    return block, i + 1


def _quote(tokens: list[Any], i: int, labels: dict[int, str]) -> tuple[Quote, int]:
    quote = Quote()
    depth = 0
    i += 1
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "blockquote_open":
            depth += 1
        elif tok.type == "blockquote_close":
            if depth == 0:
                break
            depth -= 1
        elif tok.type == "inline":
            inlines = _inlines(tok, labels)
            if inlines:
                quote.paragraphs.append(Paragraph(inlines))
        i += 1
    return quote, i + 1


def _inlines(token: Any, labels: dict[int, str]) -> list[Inline]:
    out: list[Inline] = []
    bold = italic = 0
    href: str | None = None
    for child in token.children or []:
        t = child.type
        if t == "text":
            out.append(Run(child.content, bold > 0, italic > 0, href))
        elif t == "softbreak":
            out.append(Run(" ", bold > 0, italic > 0, href))
        elif t == "hardbreak":
            out.append(Run("\n", bold > 0, italic > 0, href))
        elif t == "strong_open":
            bold += 1
        elif t == "strong_close":
            bold = max(0, bold - 1)
        elif t == "em_open":
            italic += 1
        elif t == "em_close":
            italic = max(0, italic - 1)
        elif t == "link_open":
            href = child.attrGet("href") or ""
        elif t == "link_close":
            href = None
        elif t == "footnote_ref":
            label = str(child.meta.get("label", child.meta.get("id")))
            labels[child.meta.get("id", 0)] = label
            out.append(FootnoteRef(label))
        elif child.content:
            out.append(Run(child.content, bold > 0, italic > 0, href))
    return merge_inlines(out)


def merge_inlines(inlines: list[Inline]) -> list[Inline]:
    """Join neighbouring runs of the same format; drop empty runs; trim the ends.

    The canonical form of a run list: the parser and the editor's converter both produce it.
    """
    out: list[Inline] = []
    for item in inlines:
        if isinstance(item, Run):
            if not item.text:
                continue
            last = out[-1] if out else None
            if isinstance(last, Run) and (last.bold, last.italic, last.href) == (item.bold, item.italic, item.href):
                out[-1] = Run(last.text + item.text, last.bold, last.italic, last.href)
                continue
        out.append(item)
    # Leading and trailing white space carries no meaning in the format.
    while out and isinstance(out[0], Run) and not out[0].text.strip():
        out.pop(0)
    while out and isinstance(out[-1], Run) and not out[-1].text.strip():
        out.pop()
    if out and isinstance(out[0], Run):
        first = out[0]
        out[0] = Run(first.text.lstrip(), first.bold, first.italic, first.href)
    if out and isinstance(out[-1], Run):
        last = out[-1]
        out[-1] = Run(last.text.rstrip(), last.bold, last.italic, last.href)
    return out


# --------------------------------------------------------------------------- writing

_ESCAPE = re.compile(r"([\\`*_\[\]<>&!])")
_LINE_START = re.compile(r"^(\s*)([#>+=|~-]|\d+[.)])")


def serialize(doc: RichText) -> str:
    """Write the model as answer-format text (canonical form)."""
    parts: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            text = _write_inlines(block.inlines)
            if text:
                parts.append(text)
        elif isinstance(block, ListBlock):
            lines = []
            for k, item in enumerate(block.items):
                marker = f"{block.start + k}." if block.ordered else "-"
                body = _write_inlines(item).replace("\n", "\n" + " " * (len(marker) + 1))
                lines.append(f"{marker} {body}")
            if lines:
                parts.append("\n".join(lines))
        elif isinstance(block, Quote):
            paras = [_write_inlines(p.inlines) for p in block.paragraphs]
            paras = [p for p in paras if p]
            if paras:
                parts.append("\n>\n".join("\n".join("> " + ln for ln in p.split("\n")) for p in paras))
    notes = []
    for label, inlines in doc.footnotes.items():
        body = _write_inlines(inlines).replace("\\\n", " ").replace("\n", " ")
        notes.append(f"[^{_label(label)}]: {body}")
    if notes:
        parts.append("\n".join(notes))
    return "\n\n".join(parts)


def _label(label: str) -> str:
    clean = re.sub(r"[\s\[\]^]+", "-", label).strip("-")
    return clean or "1"


def _write_inlines(inlines: list[Inline]) -> str:
    out: list[str] = []
    k = 0
    while k < len(inlines):
        item = inlines[k]
        if isinstance(item, FootnoteRef):
            out.append(f"[^{_label(item.label)}]")
            k += 1
            continue
        if item.href is not None:
            # Consecutive runs with one href form one link.
            group = [item]
            k += 1
            while k < len(inlines) and isinstance(inlines[k], Run) and inlines[k].href == item.href:  # type: ignore[union-attr]
                group.append(inlines[k])  # type: ignore[arg-type]
                k += 1
            inner = "".join(_emphasis(r) for r in group)
            out.append(f"[{inner}]({_dest(item.href)})")
            continue
        out.append(_emphasis(item))
        k += 1
    text = "".join(out)
    # Guard each line against being read as a block marker.
    return "\n".join(_guard_line(ln) for ln in text.split("\n"))


def _emphasis(run: Run) -> str:
    text = run.text
    if not text:
        return ""
    escaped = _escape(text)
    if not (run.bold or run.italic):
        return escaped
    # Emphasis markers cannot hug white space: keep it outside.
    lead = len(escaped) - len(escaped.lstrip())
    trail = len(escaped) - len(escaped.rstrip())
    core = escaped.strip()
    if not core:
        return escaped
    mark = "***" if run.bold and run.italic else "**" if run.bold else "*"
    return escaped[:lead] + mark + core + mark + (escaped[len(escaped) - trail:] if trail else "")


def _escape(text: str) -> str:
    text = _ESCAPE.sub(r"\\\1", text)
    return text.replace("\n", "\\\n")


def _guard_line(line: str) -> str:
    stripped = line.lstrip(" ")
    line = stripped  # leading spaces would make an indented code block
    m = _LINE_START.match(line)
    if m:
        marker = m.group(2)
        if marker[-1] in ".)" and marker[:-1].isdigit():
            return marker[:-1] + "\\" + marker[-1] + line[len(marker):]
        return "\\" + line
    return line


def _dest(url: str) -> str:
    if re.search(r"[\s()<>]", url):
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url


# --------------------------------------------------------------------------- helpers


def inline_plain(inlines: list[Inline], footnote_marker: str = "") -> str:
    """The text of some runs; a footnote reference becomes ``footnote_marker``."""
    return "".join(i.text if isinstance(i, Run) else footnote_marker for i in inlines)


def to_plain(text: str, with_footnotes: bool = False) -> str:
    """The answer as plain text: blocks as lines, footnote markers dropped (or their text appended)."""
    doc = parse(text)
    lines: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            lines.append(inline_plain(block.inlines))
        elif isinstance(block, ListBlock):
            for k, item in enumerate(block.items):
                marker = f"{block.start + k}." if block.ordered else "-"
                lines.append(f"{marker} {inline_plain(item)}")
        else:
            lines.extend(inline_plain(p.inlines) for p in block.paragraphs)
    if with_footnotes:
        lines.extend(inline_plain(v) for v in doc.footnotes.values())
    return "\n".join(lines)


_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def word_count(text: str) -> int:
    """Words in an answer (footnote texts not counted), as Word would roughly count them."""
    return len(_WORD.findall(to_plain(text)))


def footnote_labels(doc: RichText) -> list[str]:
    """The labels referenced in the text, in order of first reference."""
    seen: list[str] = []

    def visit(inlines: list[Inline]) -> None:
        for item in inlines:
            if isinstance(item, FootnoteRef) and item.label not in seen:
                seen.append(item.label)

    for block in doc.blocks:
        if isinstance(block, Paragraph):
            visit(block.inlines)
        elif isinstance(block, ListBlock):
            for item in block.items:
                visit(item)
        else:
            for p in block.paragraphs:
                visit(p.inlines)
    return seen
