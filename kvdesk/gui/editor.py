"""The answer editor: a QTextEdit that reads and writes the answer format without loss.

Bold, italic, bullet and numbered lists, links and block quotes; footnotes written in place at
the end of the answer and numbered through the whole reply; paste from Word and web pages
cleaned down to the format; a quick insert for "Zie het antwoord op vraag N"; spell checking
through :mod:`kvdesk.gui.spellcheck`. Each editor has its own document, hence its own undo
history. The editor grows with its text, so a list of answers scrolls as one page.
"""
from __future__ import annotations

import logging
import re
import uuid

from PySide6.QtCore import QMimeData, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QKeySequence,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextListFormat,
)
from PySide6.QtWidgets import QFrame, QMenu, QSizePolicy, QTextEdit, QWidget

from kvdesk.core import richtext
from kvdesk.core.richtext import Paragraph, RichText, Run
from kvdesk.gui import textdoc
from kvdesk.gui.spellcheck import SpellHighlighter, SpellService
from kvdesk.services.drafting import relabel_block

log = logging.getLogger(__name__)

ANSWER_MIME = "application/x-kvdesk-answer"
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


class AnswerEditor(QTextEdit):
    """Edits one answer; :meth:`answer_text` gives it in the answer format."""

    navigate = Signal(int)  # +1: next answer, -1: previous (Ctrl+Down / Ctrl+Up)
    left = Signal()  # focus left the editor: save now
    entered = Signal()  # focus came in
    edited = Signal()  # the user changed the text or its formatting
    footnotes_changed = Signal(int)  # how many footnotes the answer references now

    def __init__(self, parent: QWidget | None = None, spell: SpellService | None = None) -> None:
        super().__init__(parent)
        self.footnote_base = 0
        self._order: list[str] = []
        self._loading = False
        self.setDocument(textdoc.AnswerDocument(self, self._number_for))
        self.setAcceptRichText(True)
        self.setTabChangesFocus(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setPlaceholderText(self.tr("Typ hier het antwoord…"))
        self.setAccessibleName(self.tr("Antwoord"))
        self.document().setDocumentMargin(6)
        self.highlighter: SpellHighlighter | None = SpellHighlighter(self.document(), spell) if spell else None
        self.document().contentsChanged.connect(self._on_changed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self.cursorPositionChanged.connect(self._clean_typing_format)
        self._fit_height()

    # ------------------------------------------------------------------ content

    def set_answer_text(self, text: str) -> None:
        """Show ``text`` (answer format); the undo history starts here."""
        self._loading = True
        try:
            textdoc.fill_document(self.document(), richtext.parse(text))
        finally:
            self._loading = False
        self._recount()
        self.document().setModified(False)

    def answer_text(self) -> str:
        """The answer in the answer format (canonical)."""
        return richtext.serialize(self.richtext())

    def richtext(self) -> RichText:
        return textdoc.document_to_richtext(self.document())

    def word_count(self) -> int:
        """Words in the answer's text (footnote texts not counted), as the reply's count does."""
        count = 0
        block = self.document().begin()
        while block.isValid():
            if block.blockFormat().property(textdoc.FOOTNOTE_TEXT) is None:
                count += len(_WORD.findall(block.text()))
            block = block.next()
        return count

    def _on_changed(self) -> None:
        if self._loading or (self.highlighter is not None and self.highlighter.redrawing):
            return
        self._recount()
        self.edited.emit()

    # ---------------------------------------------------------------- footnotes

    def footnote_labels(self) -> list[str]:
        """The labels referenced in the text, in order (what the numbering follows)."""
        return list(self._order)

    def _number_for(self, label: str) -> int:
        try:
            return self.footnote_base + self._order.index(label) + 1
        except ValueError:
            return 0

    def _recount(self) -> None:
        order: list[str] = []
        for _pos, label in textdoc.iter_footnote_refs(self.document()):
            if label not in order:
                order.append(label)
        if order != self._order:
            gone = [label for label in self._order if label not in order]
            if gone and not self._loading:
                # Deletions by keys and paste drop their notes in their own edit block; this
                # catches the rest, after the change (not inside the document's signal).
                QTimer.singleShot(0, lambda: self._drop_orphan_notes(join=True))
            self._order = order
            self.document().refresh_numbers()  # type: ignore[attr-defined]
            self.footnotes_changed.emit(len(order))

    def _drop_orphan_notes(self, *, join: bool = False) -> bool:
        """Remove the texts of footnotes whose marker is gone; whether there were any.

        A note without its marker is not part of the answer (it is dropped when saved); left
        on screen it would look kept. Called inside the edit block of a deletion (keys, paste
        over a selection), so that one undo brings marker and note back together; ``join``
        (for other deletions, such as moving text by dragging) adds it to the previous edit
        block where Qt can.
        """
        present = {label for _pos, label in textdoc.iter_footnote_refs(self.document())}
        blocks = []
        block = self.document().begin()
        while block.isValid():
            label = block.blockFormat().property(textdoc.FOOTNOTE_TEXT)
            if label is not None and label not in present:
                blocks.append(block)
            block = block.next()
        if not blocks:
            return False
        cursor = QTextCursor(self.document())
        if join:
            cursor.joinPreviousEditBlock()
        else:
            cursor.beginEditBlock()
        for note in reversed(blocks):
            # The note's paragraph with the break before it (a note is never the first block).
            cursor.setPosition(max(note.position() - 1, 0))
            cursor.setPosition(note.position() + note.length() - 1, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
        cursor.endEditBlock()
        return True

    def _may_delete_marker(self, event: QKeyEvent) -> bool:
        """Whether this key could delete a footnote marker (a deleting key near one, or over a selection)."""
        cursor = self.textCursor()
        deleting = event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) or event.matches(QKeySequence.StandardKey.Cut)
        if cursor.hasSelection():
            start, end = cursor.selectionStart(), cursor.selectionEnd()
            if not (deleting or event.text()):
                return False
        elif deleting:
            block = cursor.block()
            start, end = block.position(), block.position() + block.length()
            if event.key() == Qt.Key.Key_Backspace and cursor.atBlockStart() and block.previous().isValid():
                start = block.previous().position()  # joining with the paragraph before
            elif event.key() == Qt.Key.Key_Delete and cursor.atBlockEnd() and block.next().isValid():
                end = block.next().position() + block.next().length()
        else:
            return False
        return any(start <= pos < end for pos, _label in textdoc.iter_footnote_refs(self.document()))

    def set_footnote_base(self, base: int) -> None:
        """Footnotes of earlier answers: this answer's first note is number ``base + 1``."""
        if base != self.footnote_base:
            self.footnote_base = base
            self.document().refresh_numbers()  # type: ignore[attr-defined]

    def insert_footnote(self) -> None:
        """Put a footnote marker at the cursor and move into its text at the end of the answer."""
        cursor = self.textCursor()
        if cursor.block().blockFormat().property(textdoc.FOOTNOTE_TEXT) is not None:
            return  # a note inside a note has no place in the format
        label = self._new_label()
        cursor.beginEditBlock()
        cursor.clearSelection()
        cursor.insertImage(textdoc.footnote_ref_format(label))
        cursor.setCharFormat(textdoc.plain_char_format())
        # File the note's text among the others in the order of the markers.
        refs = [lab for _p, lab in textdoc.iter_footnote_refs(self.document())]
        order: list[str] = []
        for lab in refs:
            if lab not in order:
                order.append(lab)
        following = order[order.index(label) + 1:] if label in order else []
        target = self._note_block(following[0]) if following else None
        note = QTextCursor(self.document())
        if target is not None:
            # Split before the following note: it moves down with its own label, ours takes its place.
            note.setPosition(target.position())
            note.insertBlock(textdoc.footnote_text_block_format(following[0]), textdoc.footnote_text_char_format())
            note.movePosition(QTextCursor.MoveOperation.PreviousBlock)
            note.setBlockFormat(textdoc.footnote_text_block_format(label))
        else:
            note.movePosition(QTextCursor.MoveOperation.End)
            note.insertBlock(textdoc.footnote_text_block_format(label), textdoc.footnote_text_char_format())
            # A note never belongs to a list or quote the text ended with.
            self._unlist(note)
        note.insertImage(textdoc.footnote_ref_format(label, definition=True))
        note.setCharFormat(textdoc.footnote_text_char_format())
        cursor.endEditBlock()
        self.setTextCursor(note)
        self._recount()

    def _unlist(self, cursor: QTextCursor) -> None:
        tlist = cursor.block().textList()
        if tlist is not None:
            tlist.remove(cursor.block())
        cursor.setBlockFormat(textdoc.footnote_text_block_format(
            str(cursor.block().blockFormat().property(textdoc.FOOTNOTE_TEXT))))

    def _note_block(self, label: str):
        block = self.document().begin()
        while block.isValid():
            if block.blockFormat().property(textdoc.FOOTNOTE_TEXT) == label:
                return block
            block = block.next()
        return None

    def _new_label(self) -> str:
        used = set(self.richtext().footnotes) | set(self._order)
        k = len(used) + 1
        while str(k) in used:
            k += 1
        return str(k) if k < 1000 else uuid.uuid4().hex[:6]

    def _clean_typing_format(self) -> None:
        # Typing right after a footnote marker must not make the new text part of the marker.
        if self.textCursor().hasSelection():
            return  # with a selection Qt would apply the format to the selected text, markers included
        fmt = self.currentCharFormat()
        if fmt.isImageFormat() or fmt.property(textdoc.FOOTNOTE_LABEL) is not None or fmt.anchorHref().startswith("kvfn"):
            clean = QTextCharFormat()
            clean.setFontWeight(fmt.fontWeight())
            clean.setFontItalic(fmt.fontItalic())
            if self.textCursor().block().blockFormat().property(textdoc.FOOTNOTE_TEXT) is not None:
                clean.setForeground(textdoc.FOOTNOTE_COLOUR)
            self.setCurrentCharFormat(clean)

    # ---------------------------------------------------------------- formatting

    def toggle_bold(self) -> None:
        fmt = QTextCharFormat()
        bold = self.fontWeight() < int(QFont.Weight.DemiBold.value)
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self.mergeCurrentCharFormat(fmt)

    def toggle_italic(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.fontItalic())
        self.mergeCurrentCharFormat(fmt)

    def toggle_list(self, ordered: bool) -> None:
        """Make the selected paragraphs a bullet (or numbered) list, or plain paragraphs again."""
        cursor = self.textCursor()
        if cursor.block().blockFormat().property(textdoc.FOOTNOTE_TEXT) is not None:
            return
        style = QTextListFormat.Style.ListDecimal if ordered else QTextListFormat.Style.ListDisc
        cursor.beginEditBlock()
        current = cursor.currentList()
        if current is not None and current.format().style() == style:
            for block in self._selected_blocks(cursor):
                tlist = block.textList()
                if tlist is not None:
                    tlist.remove(block)
                bf = block.blockFormat()
                bf.setIndent(0)
                QTextCursor(block).setBlockFormat(bf)
        else:
            fmt = QTextListFormat()
            fmt.setStyle(style)
            bf = QTextBlockFormat()
            cursor.setBlockFormat(bf)  # a list item is not also a quote
            cursor.createList(fmt)
        cursor.endEditBlock()

    def toggle_quote(self) -> None:
        cursor = self.textCursor()
        if cursor.block().blockFormat().property(textdoc.FOOTNOTE_TEXT) is not None:
            return
        quoted = cursor.block().blockFormat().property(textdoc.QUOTE_GROUP) is not None
        cursor.beginEditBlock()
        group = 1 + max((b.blockFormat().property(textdoc.QUOTE_GROUP) or 0) for b in self._all_blocks())
        for block in self._selected_blocks(cursor):
            tlist = block.textList()
            if tlist is not None:
                tlist.remove(block)
            QTextCursor(block).setBlockFormat(QTextBlockFormat() if quoted else textdoc.quote_block_format(group))
        cursor.endEditBlock()

    def insert_link(self, url: str, text: str | None = None) -> None:
        """Make the selection (or ``text`` inserted at the cursor) a link to ``url``."""
        url = url.strip()
        if not url:
            return
        cursor = self.textCursor()
        fmt = QTextCharFormat()
        fmt.setAnchor(True)
        fmt.setAnchorHref(url)
        fmt.setFontUnderline(True)
        fmt.setForeground(textdoc.QColor("#1a5fb4"))
        cursor.beginEditBlock()
        if cursor.hasSelection():
            cursor.mergeCharFormat(fmt)
        else:
            cursor.insertText(text or url, fmt)
        cursor.setCharFormat(textdoc.plain_char_format())
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def insert_cross_reference(self, number: int) -> None:
        """Insert "Zie het antwoord op vraag N." at the cursor."""
        self.insert_plain(self.tr("Zie het antwoord op vraag %1.").replace("%1", str(number)))

    def insert_plain(self, text: str) -> None:
        cursor = self.textCursor()
        cursor.insertText(text, textdoc.plain_char_format())
        self.setTextCursor(cursor)

    def _selected_blocks(self, cursor: QTextCursor) -> list:
        doc = self.document()
        first = doc.findBlock(cursor.selectionStart())
        last = doc.findBlock(cursor.selectionEnd())
        out = []
        block = first
        while block.isValid():
            out.append(block)
            if block == last:
                break
            block = block.next()
        return out

    def _all_blocks(self) -> list:
        out = []
        block = self.document().begin()
        while block.isValid():
            out.append(block)
            block = block.next()
        return out

    # ------------------------------------------------------------- clipboard

    def createMimeDataFromSelection(self) -> QMimeData:  # Qt override
        cursor = self.textCursor()
        rt = textdoc.selection_to_richtext(cursor)
        # Notes referenced from the selection travel with it.
        notes = self.richtext().footnotes
        rt.footnotes = {label: notes.get(label, []) for label in rt.footnotes}
        data = QMimeData()
        text = richtext.serialize(rt)
        data.setData(ANSWER_MIME, text.encode("utf-8"))
        data.setText(richtext.to_plain(text))
        fragment = cursor.selection()
        data.setHtml(fragment.toHtml())
        return data

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # Qt override
        return source.hasFormat(ANSWER_MIME) or source.hasHtml() or source.hasText()

    def insertFromMimeData(self, source: QMimeData) -> None:  # Qt override
        """Paste: kvdesk's own answers as they are; Word and web HTML cleaned; plain text as paragraphs."""
        if source.hasFormat(ANSWER_MIME):
            rt = richtext.parse(bytes(source.data(ANSWER_MIME).data()).decode("utf-8"))
        elif source.hasHtml():
            rt = textdoc.html_to_richtext(source.html())
        else:
            rt = _plain_to_richtext(source.text())
        self.insert_richtext(rt)

    def insert_richtext(self, rt: RichText) -> None:
        """Insert ``rt`` at the cursor as one undoable step; its footnotes get fresh labels."""
        cursor = self.textCursor()
        in_note = cursor.block().blockFormat().property(textdoc.FOOTNOTE_TEXT) is not None
        if in_note:
            # Only text goes into a note: flatten to one line.
            flat = " ".join(richtext.inline_plain(_inlines(b)) for b in rt.blocks)
            cursor.insertText(flat)
            return
        renames: dict[str, str] = {}
        for label in rt.footnotes:
            renames[label] = self._fresh_label(set(renames.values()))
        cursor.beginEditBlock()
        if cursor.hasSelection():
            cursor.removeSelectedText()
            self._drop_orphan_notes()  # markers pasted over take their notes along, in this step
        textdoc.insert_richtext(cursor, _relabel(rt, renames))
        end = QTextCursor(self.document())
        for label, inlines in rt.footnotes.items():
            end.movePosition(QTextCursor.MoveOperation.End)
            end.insertBlock(textdoc.footnote_text_block_format(renames[label]), textdoc.footnote_text_char_format())
            self._unlist(end)
            end.insertImage(textdoc.footnote_ref_format(renames[label], definition=True))
            for item in inlines:
                if isinstance(item, Run):
                    end.insertText(item.text, textdoc.footnote_text_char_format())
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self._recount()

    def _fresh_label(self, taken: set[str]) -> str:
        used = set(self.richtext().footnotes) | set(self._order) | taken
        k = len(used) + 1
        while str(k) in used:
            k += 1
        return str(k)

    # ------------------------------------------------------------- keys, focus, size

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        mods = event.modifiers()
        if mods & Qt.KeyboardModifier.ControlModifier and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.navigate.emit(1 if event.key() == Qt.Key.Key_Down else -1)
            return
        if event.matches(QKeySequence.StandardKey.Bold):
            self.toggle_bold()
            return
        if event.matches(QKeySequence.StandardKey.Italic):
            self.toggle_italic()
            return
        if event.matches(QKeySequence.StandardKey.Underline):
            return  # underlining is not part of the answer format
        if self._may_delete_marker(event):
            # One undo step for the deletion and the note texts that go with it.
            block = QTextCursor(self.document())
            block.beginEditBlock()
            try:
                super().keyPressEvent(event)
                self._drop_orphan_notes()
            finally:
                block.endEditBlock()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # Qt override
        super().focusInEvent(event)
        self.entered.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # Qt override
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.left.emit()

    def _fit_height(self, *_args: object) -> None:
        height = int(self.document().size().height()) + 2 * self.frameWidth() + 2
        height = max(height, self.fontMetrics().lineSpacing() * 3 + 14)
        if self.height() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def sizeHint(self) -> QSize:  # Qt override
        return QSize(400, self.height())

    # ------------------------------------------------------------- spelling menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # Qt override
        menu = self.build_context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def build_context_menu(self, pos) -> QMenu:
        """The standard menu, with spelling suggestions on top for a misspelled word under ``pos``."""
        menu = self.createStandardContextMenu(pos)
        spell = self.highlighter.service if self.highlighter else None
        cursor = self.cursorForPosition(pos)
        word, start, end = _word_at(cursor)
        if spell is None or not word or spell.lookup(word) is not False:
            return menu
        if not menu.actions():
            menu.addSeparator()
        first = menu.actions()[0]
        waiting = QAction(self.tr("Suggesties zoeken…"), menu)
        waiting.setEnabled(False)
        menu.insertAction(first, waiting)
        add = QAction(self.tr("Toevoegen aan woordenlijst"), menu)
        add.triggered.connect(lambda: spell.add_word(word))
        menu.insertAction(first, add)
        menu.insertSeparator(first)

        def show(asked: str, words: list[str]) -> None:
            if asked != word:
                return
            try:
                waiting.setText(self.tr("Geen suggesties") if not words else "")
            except RuntimeError:
                return  # the menu closed before the suggestions came
            if words:
                waiting.setVisible(False)
            for suggestion in words:
                act = QAction(suggestion, menu)
                font = act.font()
                font.setBold(True)
                act.setFont(font)
                act.triggered.connect(lambda _=False, s=suggestion: self._replace(start, end, s))
                menu.insertAction(waiting, act)

        spell.suggest(word, show)
        return menu

    def _replace(self, start: int, end: int, text: str) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)


def _word_at(cursor: QTextCursor) -> tuple[str, int, int]:
    block = cursor.block()
    offset = cursor.position() - block.position()
    from kvdesk.core.spelling import tokenize

    for start, end, word in tokenize(block.text()):
        if start <= offset <= end:
            return word, block.position() + start, block.position() + end
    return "", 0, 0


def _plain_to_richtext(text: str) -> RichText:
    paras = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    return RichText([Paragraph([Run(p.replace("\n", " "))]) for p in paras])


def _inlines(block: object) -> list[richtext.Inline]:
    if isinstance(block, Paragraph):
        return block.inlines
    if isinstance(block, richtext.ListBlock):
        return [i for item in block.items for i in [*item, Run(" ")]]
    if isinstance(block, richtext.Quote):
        return [i for p in block.paragraphs for i in [*p.inlines, Run(" ")]]
    return []


def _relabel(rt: RichText, renames: dict[str, str]) -> RichText:
    return RichText([relabel_block(b, renames) for b in rt.blocks], {})
