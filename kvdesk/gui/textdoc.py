"""The answer format in a QTextDocument, and back, without loss.

:func:`fill_document` lays a :class:`~kvdesk.core.richtext.RichText` out in a QTextDocument;
:func:`document_to_richtext` reads one back. For every document the format can hold,
``document_to_richtext(fill_document(doc, rt)) == rt``.

How the format maps onto Qt:

* bold, italic and links are character formats (a link is an anchor with its ``href``);
* bullet and numbered lists are ``QTextList`` objects, a numbered list keeps its start number;
* a block quote is a run of blocks marked with :data:`QUOTE_GROUP` (a number per quote, so two
  quotes in a row stay two) and indented;
* a footnote reference is one object character (U+FFFC): an inline image named ``kvfn:<label>``
  carrying its label in :data:`FOOTNOTE_LABEL` and a ``kvfn:`` anchor, so it also survives HTML.
  :class:`AnswerDocument` draws the image: the number in superscript, counted through the whole
  reply. Renumbering redraws the images and never touches the text or the undo history;
* a footnote's text is a block at the end marked with :data:`FOOTNOTE_TEXT` (the label), opened
  by a marker object of its own; several blocks with one label form one note.

Pasted HTML goes through :func:`html_to_richtext`, which keeps only what the format supports.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, QPointF, QUrl
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
    QTextList,
    QTextListFormat,
)

from kvdesk.core.richtext import FootnoteRef, Inline, ListBlock, Paragraph, Quote, RichText, Run, merge_inlines

__all__ = [
    "AnswerDocument",
    "FOOTNOTE_LABEL",
    "FOOTNOTE_DEFINITION",
    "FOOTNOTE_TEXT",
    "QUOTE_GROUP",
    "OBJECT_CHAR",
    "fill_document",
    "document_to_richtext",
    "selection_to_richtext",
    "insert_richtext",
    "html_to_richtext",
    "plain_char_format",
    "footnote_ref_format",
    "footnote_text_block_format",
    "quote_block_format",
    "iter_footnote_refs",
]

FOOTNOTE_LABEL = int(QTextFormat.Property.UserProperty) + 1
FOOTNOTE_DEFINITION = int(QTextFormat.Property.UserProperty) + 2  # the marker opening a note's text
FOOTNOTE_TEXT = int(QTextFormat.Property.UserProperty) + 3  # block property: text of this label
QUOTE_GROUP = int(QTextFormat.Property.UserProperty) + 4  # block property: which quote
OBJECT_CHAR = "\ufffc"
LINE_SEPARATOR = "\u2028"
QUOTE_INDENT = 18.0
FOOTNOTE_COLOUR = QColor("#4a5560")


# --------------------------------------------------------------------------- the document


class AnswerDocument(QTextDocument):
    """A QTextDocument that draws footnote markers with their number in the whole reply.

    ``number_for(label)`` gives the number to show; :meth:`refresh_numbers` redraws every marker
    after the numbering changed (another answer gained a note, say).
    """

    def __init__(self, parent: QObject | None = None, number_for: Callable[[str], int] | None = None) -> None:
        super().__init__(parent)
        self.number_for: Callable[[str], int] = number_for or (lambda label: 0)
        self._images: dict[tuple[str, int, bool, float], QImage] = {}
        self.scale = 2.0  # crisp on high-DPI screens

    def loadResource(self, type_: int, name: QUrl | str) -> object:
        name = QUrl(name)
        scheme = name.scheme()
        if scheme not in ("kvfn", "kvfnt"):
            return None  # never fetch anything: pasted images from the web stay unloaded
        label = name.toString()[len(scheme) + 1:]
        number = self.number_for(label)
        size = self.defaultFont().pointSizeF()
        key = (label, number, scheme == "kvfnt", size)
        image = self._images.get(key)
        if image is None:
            image = self._images[key] = self._draw(str(number) if number > 0 else "*", scheme == "kvfnt")
        return image

    def _draw(self, text: str, definition: bool) -> QImage:
        base = QFont(self.defaultFont())
        metrics = QFontMetricsF(base)
        small = QFont(base)
        small.setPointSizeF(max(6.0, base.pointSizeF() * 0.72))
        small_metrics = QFontMetricsF(small)
        width = small_metrics.horizontalAdvance(text) + (6.0 if definition else 2.0)
        height = metrics.ascent()
        image = QImage(int(width * self.scale) + 1, int(height * self.scale) + 1, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        image.setDevicePixelRatio(self.scale)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(small)
        painter.setPen(FOOTNOTE_COLOUR if definition else QColor("#1a5fb4"))
        painter.drawText(QPointF(1.0, small_metrics.ascent()), text)
        painter.end()
        return image

    def refresh_numbers(self) -> None:
        """Redraw the markers (the numbers changed); the text and the undo history are untouched."""
        self._images.clear()
        self.markContentsDirty(0, self.characterCount())


# --------------------------------------------------------------------------- formats


def plain_char_format() -> QTextCharFormat:
    """Ordinary text: no object, no anchor, normal weight."""
    return QTextCharFormat()


def _run_format(run: Run) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if run.bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if run.italic:
        fmt.setFontItalic(True)
    if run.href is not None:
        fmt.setAnchor(True)
        fmt.setAnchorHref(run.href)
        fmt.setFontUnderline(True)
        fmt.setForeground(QBrush(QColor("#1a5fb4")))
    return fmt


def footnote_ref_format(label: str, *, definition: bool = False) -> QTextImageFormat:
    """The format of a footnote marker character (in the text, or opening the note's text)."""
    fmt = QTextImageFormat()
    fmt.setName(f"{'kvfnt' if definition else 'kvfn'}:{label}")
    fmt.setProperty(FOOTNOTE_LABEL, label)
    if definition:
        fmt.setProperty(FOOTNOTE_DEFINITION, True)
    else:
        fmt.setAnchor(True)
        fmt.setAnchorHref(f"kvfn:{label}")
    return fmt


def footnote_text_block_format(label: str) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setProperty(FOOTNOTE_TEXT, label)
    fmt.setTopMargin(2.0)
    return fmt


def footnote_text_char_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QBrush(FOOTNOTE_COLOUR))
    return fmt


def quote_block_format(group: int) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setProperty(QUOTE_GROUP, group)
    fmt.setLeftMargin(QUOTE_INDENT)
    fmt.setRightMargin(QUOTE_INDENT)
    return fmt


def _is_bold(fmt: QTextCharFormat) -> bool:
    return fmt.fontWeight() >= int(QFont.Weight.DemiBold.value)


def _href(fmt: QTextCharFormat) -> str | None:
    if not fmt.isAnchor():
        return None
    href = fmt.anchorHref()
    if not href or href.startswith("kvfn:"):
        return None
    return href


def _label_of(fmt: QTextCharFormat) -> str | None:
    if fmt.isImageFormat():
        value = fmt.property(FOOTNOTE_LABEL)
        return str(value) if value is not None else None
    return None


# --------------------------------------------------------------------------- writing


def fill_document(doc: QTextDocument, rt: RichText) -> QTextDocument:
    """Replace ``doc``'s content with ``rt`` (not undoable: the history starts here)."""
    undo = doc.isUndoRedoEnabled()
    doc.setUndoRedoEnabled(False)
    doc.clear()
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    _write(cursor, rt, first=True)
    cursor.endEditBlock()
    doc.setUndoRedoEnabled(undo)
    return doc


def _write(cursor: QTextCursor, rt: RichText, *, first: bool) -> None:
    state = {"first": first}

    def new_block(bf: QTextBlockFormat | None = None, cf: QTextCharFormat | None = None) -> None:
        bf = bf or QTextBlockFormat()
        cf = cf or QTextCharFormat()
        if state["first"]:
            cursor.setBlockFormat(bf)
            cursor.setBlockCharFormat(cf)
            state["first"] = False
        else:
            cursor.insertBlock(bf, cf)

    quote_group = _max_quote_group(cursor.document())
    for block in rt.blocks:
        if isinstance(block, Paragraph):
            new_block()
            _insert_inlines(cursor, block.inlines)
        elif isinstance(block, ListBlock):
            lf = QTextListFormat()
            lf.setStyle(QTextListFormat.Style.ListDecimal if block.ordered else QTextListFormat.Style.ListDisc)
            if block.ordered:
                lf.setStart(block.start)
            tlist = None
            for item in block.items:
                new_block()
                if tlist is None:
                    tlist = cursor.createList(lf)
                else:
                    tlist.add(cursor.block())
                _insert_inlines(cursor, item)
        elif isinstance(block, Quote):
            quote_group += 1
            for para in block.paragraphs:
                new_block(quote_block_format(quote_group))
                _insert_inlines(cursor, para.inlines)
    for label, inlines in rt.footnotes.items():
        new_block(footnote_text_block_format(label), footnote_text_char_format())
        cursor.insertImage(footnote_ref_format(label, definition=True))
        _insert_inlines(cursor, inlines, base=footnote_text_char_format())
    cursor.setCharFormat(plain_char_format())


def _max_quote_group(doc: QTextDocument) -> int:
    best = 0
    block = doc.begin()
    while block.isValid():
        value = block.blockFormat().property(QUOTE_GROUP)
        if isinstance(value, int):
            best = max(best, value)
        block = block.next()
    return best


def _insert_inlines(cursor: QTextCursor, inlines: list[Inline], base: QTextCharFormat | None = None) -> None:
    for item in inlines:
        if isinstance(item, FootnoteRef):
            cursor.insertImage(footnote_ref_format(item.label))
        else:
            fmt = _run_format(item)
            if base is not None and item.href is None:
                fmt.setForeground(base.foreground())
            cursor.insertText(item.text.replace("\n", LINE_SEPARATOR), fmt)


def insert_richtext(cursor: QTextCursor, rt: RichText) -> None:
    """Insert ``rt`` at the cursor as an edit the user can undo (paste, quick inserts).

    A single paragraph goes into the current block; anything longer starts new blocks.
    Footnote texts are left to the caller (the editor files them at the end).
    """
    cursor.beginEditBlock()
    if len(rt.blocks) == 1 and isinstance(rt.blocks[0], Paragraph):
        _insert_inlines(cursor, rt.blocks[0].inlines)
    else:
        at_start = cursor.atBlockStart() and not cursor.block().text()
        _write(cursor, RichText(rt.blocks, {}), first=at_start)
    cursor.setCharFormat(plain_char_format())
    cursor.endEditBlock()


# --------------------------------------------------------------------------- reading


def _block_inlines(block: QTextBlock, start: int | None = None, end: int | None = None) -> list[Inline]:
    out: list[Inline] = []
    it = block.begin()
    while not it.atEnd():
        frag = it.fragment()
        it += 1
        if not frag.isValid():
            continue
        text = frag.text()
        pos = frag.position()
        if start is not None or end is not None:
            lo = max(pos, start if start is not None else pos)
            hi = min(pos + len(text), end if end is not None else pos + len(text))
            if hi <= lo:
                continue
            text = text[lo - pos:hi - pos]
        fmt = frag.charFormat()
        label = _label_of(fmt)
        if label is not None and OBJECT_CHAR in text:
            if fmt.property(FOOTNOTE_DEFINITION):
                text = text.replace(OBJECT_CHAR, "")
                if text:
                    out.append(Run(text.replace(LINE_SEPARATOR, "\n"), _is_bold(fmt), fmt.fontItalic(), None))
                continue
            for piece in re.split(f"({OBJECT_CHAR})", text):
                if piece == OBJECT_CHAR:
                    out.append(FootnoteRef(label))
                elif piece:
                    out.append(Run(piece.replace(LINE_SEPARATOR, "\n")))
            continue
        # Any other object (an image pasted from the web) carries no text in the format.
        text = text.replace(OBJECT_CHAR, "").replace(LINE_SEPARATOR, "\n")
        if text:
            out.append(Run(text, _is_bold(fmt), fmt.fontItalic(), _href(fmt)))
    return merge_inlines(out)


def _blocks(doc: QTextDocument) -> Iterator[QTextBlock]:
    block = doc.begin()
    while block.isValid():
        yield block
        block = block.next()


def document_to_richtext(doc: QTextDocument) -> RichText:
    """Read the answer back from the document (see the module docstring for the mapping)."""
    return _read(_blocks(doc), None, None)


def selection_to_richtext(cursor: QTextCursor) -> RichText:
    """The selected part of the document in the answer format (for copy and drag)."""
    if not cursor.hasSelection():
        return RichText()
    doc = cursor.document()
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    first = doc.findBlock(start)
    last = doc.findBlock(end)

    def blocks() -> Iterator[QTextBlock]:
        block = first
        while block.isValid():
            yield block
            if block == last:
                break
            block = block.next()

    return _read(blocks(), start, end)


def _read(blocks: Iterator[QTextBlock], start: int | None, end: int | None) -> RichText:
    rt = RichText()
    current_list: ListBlock | None = None
    current_list_id: int | None = None
    current_quote: Quote | None = None
    current_quote_group: object = None
    for block in blocks:
        bf = block.blockFormat()
        inlines = _block_inlines(block, start, end)
        note = bf.property(FOOTNOTE_TEXT)
        if note is not None:
            label = str(note)
            body = rt.footnotes.setdefault(label, [])
            if inlines:
                rt.footnotes[label] = merge_inlines([*body, Run(" "), *inlines]) if body else inlines
            continue
        tlist = block.textList()
        if tlist is not None:
            current_quote = None
            list_id = _list_key(tlist)
            if current_list is None or current_list_id != list_id:
                lf = tlist.format()
                ordered = lf.style() not in (
                    QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle,
                    QTextListFormat.Style.ListSquare,
                )
                current_list = ListBlock(ordered=ordered, start=max(1, lf.start()) if ordered else 1)
                current_list_id = list_id
                rt.blocks.append(current_list)
            if inlines:
                current_list.items.append(inlines)
            continue
        current_list = None
        current_list_id = None
        group = bf.property(QUOTE_GROUP)
        if group is not None:
            if current_quote is None or current_quote_group != group:
                current_quote = Quote()
                current_quote_group = group
                rt.blocks.append(current_quote)
            if inlines:
                current_quote.paragraphs.append(Paragraph(inlines))
            continue
        current_quote = None
        if inlines:
            rt.blocks.append(Paragraph(inlines))
    rt.blocks = [b for b in rt.blocks if not (isinstance(b, ListBlock) and not b.items)
                 and not (isinstance(b, Quote) and not b.paragraphs)]
    # Every referenced note exists (an empty one if its text block was deleted), in the order of
    # first reference, which is how the format reads them; notes no longer referenced are dropped.
    order = _ref_order(rt)
    notes = {label: rt.footnotes.get(label, []) for label in order}
    rt.footnotes = notes
    return rt


def _list_key(tlist: QTextList) -> int:
    """Which list a block belongs to: the position of the list's first item is unique."""
    return tlist.item(0).position()


def _ref_order(rt: RichText) -> list[str]:
    seen: list[str] = []
    for block in rt.blocks:
        groups = (
            [block.inlines] if isinstance(block, Paragraph)
            else block.items if isinstance(block, ListBlock)
            else [p.inlines for p in block.paragraphs]
        )
        for inlines in groups:
            for item in inlines:
                if isinstance(item, FootnoteRef) and item.label not in seen:
                    seen.append(item.label)
    return seen


def iter_footnote_refs(doc: QTextDocument) -> list[tuple[int, str]]:
    """``(position, label)`` of each footnote reference in the text (not in the notes), in order."""
    out: list[tuple[int, str]] = []
    for block in _blocks(doc):
        if block.blockFormat().property(FOOTNOTE_TEXT) is not None:
            continue
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            it += 1
            fmt = frag.charFormat()
            label = _label_of(fmt)
            if label is None or fmt.property(FOOTNOTE_DEFINITION):
                continue
            text = frag.text()
            for k, ch in enumerate(text):
                if ch == OBJECT_CHAR:
                    out.append((frag.position() + k, label))
    return out


# --------------------------------------------------------------------------- pasting


_WORD_BULLET = re.compile(r"^[\s\u00a0]*([·•▪◦o§\-–])[\s\u00a0]+")
_WORD_NUMBER = re.compile(r"^[\s\u00a0]*(\d{1,3})[.)][\s\u00a0]+")


def html_to_richtext(html: str) -> RichText:
    """Clean pasted HTML (Word, web pages) down to the answer format.

    Qt reads the HTML; only bold, italic, links, lists and quotes are kept. Word's clipboard
    writes list items as paragraphs that start with a bullet glyph or a number; those become
    real list items. Headings become plain paragraphs, images and tables' lines become text.
    """
    scratch = QTextDocument()
    scratch.setHtml(html)
    rt = RichText()
    current: ListBlock | None = None
    current_tlist: int | None = None
    for block in _blocks(scratch):
        inlines = _block_inlines(block)
        if block.blockFormat().headingLevel() > 0:
            # A heading is bold by its level, not by choice: it comes in as a plain paragraph.
            inlines = merge_inlines([Run(i.text, False, i.italic, i.href) if isinstance(i, Run) else i for i in inlines])
        if not inlines:
            current = None
            continue
        tlist = block.textList()
        ordered: bool | None = None
        start = 1
        if tlist is not None:
            style = tlist.format().style()
            ordered = style not in (QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle,
                                    QTextListFormat.Style.ListSquare)
            start = max(1, tlist.format().start())
        else:
            first = inlines[0]
            if isinstance(first, Run):
                m = _WORD_BULLET.match(first.text)
                n = _WORD_NUMBER.match(first.text)
                if m or n:
                    ordered = bool(n)
                    cut = (n or m).end()  # type: ignore[union-attr]
                    if n:
                        start = int(n.group(1))
                    inlines = merge_inlines([Run(first.text[cut:], first.bold, first.italic, first.href), *inlines[1:]])
        if ordered is not None and inlines:
            key = _list_key(tlist) if tlist is not None else -1
            if current is None or current.ordered != ordered or (tlist is not None and key != current_tlist):
                current = ListBlock(ordered=ordered, start=start if ordered else 1)
                current_tlist = key
                rt.blocks.append(current)
            current.items.append(inlines)
            continue
        current = None
        indent = block.blockFormat().leftMargin() >= 20 or block.blockFormat().indent() > 0
        if indent:
            last = rt.blocks[-1] if rt.blocks else None
            if isinstance(last, Quote):
                last.paragraphs.append(Paragraph(inlines))
            else:
                rt.blocks.append(Quote([Paragraph(inlines)]))
            continue
        rt.blocks.append(Paragraph(inlines))
    # Footnote markers cannot come in through HTML: references without our own data are text.
    for made in rt.blocks:
        _drop_refs(made)
    return rt


def _drop_refs(block: object) -> None:
    if isinstance(block, Paragraph):
        block.inlines = [i for i in block.inlines if isinstance(i, Run)]
    elif isinstance(block, ListBlock):
        block.items = [[i for i in item if isinstance(i, Run)] for item in block.items]
    elif isinstance(block, Quote):
        for p in block.paragraphs:
            _drop_refs(p)
