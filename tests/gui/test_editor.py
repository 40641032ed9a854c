"""The answer editor: formatting, footnotes, paste, undo, word count and spelling."""
from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor

from kvdesk.core import richtext
from kvdesk.gui.editor import ANSWER_MIME, AnswerEditor
from kvdesk.gui.spellcheck import SpellService


def make_editor(qtbot, text: str = "", spell=None) -> AnswerEditor:
    editor = AnswerEditor(spell=spell)
    qtbot.addWidget(editor)
    editor.resize(500, 200)
    editor.show()
    editor.set_answer_text(text)
    return editor


def move_to_end_of_first_block(editor):
    cursor = editor.textCursor()
    cursor.setPosition(editor.document().firstBlock().length() - 1)
    editor.setTextCursor(cursor)


def test_typing_with_bold_and_italic_shortcuts_gives_the_format(qtbot):
    editor = make_editor(qtbot)
    qtbot.keyClicks(editor, "Ja. ")
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "Vet")
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, " en ")
    qtbot.keyClick(editor, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "schuin")
    assert editor.answer_text() == "Ja. **Vet** en *schuin*"


def test_lists_quote_and_link_are_written_in_the_format(qtbot):
    editor = make_editor(qtbot)
    qtbot.keyClicks(editor, "een")
    editor.toggle_list(ordered=False)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "twee")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # an empty item ends the list
    qtbot.keyClicks(editor, "citaat")
    editor.toggle_quote()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    editor.toggle_quote()
    editor.insert_link("https://www.rijksoverheid.nl", "Rijksoverheid")
    assert editor.answer_text() == "- een\n- twee\n\n> citaat\n\n[Rijksoverheid](https://www.rijksoverheid.nl)"
    editor.toggle_list(ordered=True)
    assert editor.answer_text().endswith("1. [Rijksoverheid](https://www.rijksoverheid.nl)")


def test_footnote_is_written_in_place_and_numbered_after_earlier_answers(qtbot):
    editor = make_editor(qtbot, "Het bericht.")
    move_to_end_of_first_block(editor)
    editor.insert_footnote()
    qtbot.keyClicks(editor, "Telegraaf van 30 december 2025")
    assert editor.answer_text() == "Het bericht.[^1]\n\n[^1]: Telegraaf van 30 december 2025"
    editor.set_footnote_base(3)
    assert editor._number_for("1") == 4
    # A second note before the first one is filed before it and takes number 1 of this answer.
    cursor = editor.textCursor()
    cursor.setPosition(3)
    editor.setTextCursor(cursor)
    editor.insert_footnote()
    qtbot.keyClicks(editor, "Eerder")
    rt = richtext.parse(editor.answer_text())
    assert list(rt.footnotes) == ["2", "1"]
    assert richtext.inline_plain(rt.footnotes["2"]) == "Eerder"
    assert editor._number_for("2") == 4 and editor._number_for("1") == 5


def test_typing_after_a_marker_is_plain_text(qtbot):
    editor = make_editor(qtbot, "Tekst.[^1]\n\n[^1]: Bron.")
    cursor = editor.textCursor()
    cursor.setPosition(7)  # right after the marker
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, " Meer")
    assert editor.answer_text() == "Tekst.[^1] Meer\n\n[^1]: Bron."


def test_deleting_the_marker_drops_its_note(qtbot):
    editor = make_editor(qtbot, "Tekst.[^1]\n\n[^1]: Bron.")
    cursor = editor.textCursor()
    cursor.setPosition(7)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.answer_text() == "Tekst."
    # Its text goes from the screen too (it would not be saved), and one undo brings both back.
    qtbot.waitUntil(lambda: "Bron." not in editor.toPlainText(), timeout=2000)
    assert editor.toPlainText().strip() == "Tekst."
    editor.undo()
    assert editor.answer_text() == "Tekst.[^1]\n\n[^1]: Bron."


def test_a_marker_moved_elsewhere_takes_its_note_along(qtbot):
    editor = make_editor(qtbot, "Een. Twee.[^1]\n\n[^1]: Bron.")
    cursor = editor.textCursor()
    cursor.setPosition(9)
    cursor.setPosition(11, QTextCursor.MoveMode.KeepAnchor)  # ".[^1]" as shown: the stop and the marker
    editor.setTextCursor(cursor)
    data = editor.createMimeDataFromSelection()  # what a cut puts on the clipboard
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert "Bron." not in editor.toPlainText()
    cursor = editor.textCursor()
    cursor.setPosition(3)
    editor.setTextCursor(cursor)
    editor.insertFromMimeData(data)
    rt = richtext.parse(editor.answer_text())
    assert [richtext.inline_plain(v) for v in rt.footnotes.values()] == ["Bron."]
    assert editor.toPlainText().count("Bron.") == 1


def test_a_selection_with_a_marker_typed_over_drops_the_note_in_one_undo_step(qtbot):
    editor = make_editor(qtbot, "Een. Twee.[^1]\n\n[^1]: Bron.")
    cursor = editor.textCursor()
    cursor.setPosition(5)
    cursor.setPosition(11, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "X")
    assert editor.toPlainText().strip() == "Een. X"
    editor.undo()
    assert editor.answer_text() == "Een. Twee.[^1]\n\n[^1]: Bron."


def test_paste_from_word_is_cleaned_and_undo_is_one_step(qtbot):
    editor = make_editor(qtbot, "Begin.")
    move_to_end_of_first_block(editor)
    data = QMimeData()
    data.setHtml('<p class=MsoNormal><span style="font-family:Calibri;color:red"><b>Vet</b> tekst</span></p>'
                 '<p class=MsoListParagraph>·&nbsp;&nbsp; punt</p>')
    editor.insertFromMimeData(data)
    assert editor.answer_text() == "Begin.\n\n**Vet** tekst\n\n- punt"
    editor.undo()
    assert editor.answer_text() == "Begin."


def test_copy_and_paste_between_answers_keeps_footnotes(qtbot):
    source = make_editor(qtbot, "Zie de bron.[^a]\n\n[^a]: Kamerstukken II 2025/26, 36 123, nr. 4.")
    source.selectAll()
    data = source.createMimeDataFromSelection()
    assert data.hasFormat(ANSWER_MIME)
    target = make_editor(qtbot, "Eigen tekst.[^1]\n\n[^1]: Eigen bron.")
    cursor = target.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    target.setTextCursor(cursor)
    qtbot.keyClick(target, Qt.Key.Key_Return)
    target.insertFromMimeData(data)
    rt = richtext.parse(target.answer_text())
    assert [richtext.inline_plain(v) for v in rt.footnotes.values()] == [
        "Eigen bron.", "Kamerstukken II 2025/26, 36 123, nr. 4."]


def test_each_answer_has_its_own_undo_history(qtbot):
    one = make_editor(qtbot)
    two = make_editor(qtbot)
    qtbot.keyClicks(one, "een")
    qtbot.keyClicks(two, "twee")
    one.undo()
    assert one.answer_text() == "" and two.answer_text() == "twee"
    one.redo()
    assert one.answer_text() == "een"


def test_word_count_skips_note_texts_and_cross_reference_inserts(qtbot):
    editor = make_editor(qtbot, "Ja, het kabinet deelt de zorgen.[^1]\n\n[^1]: Vijf woorden in de noot.")
    assert editor.word_count() == 6
    move_to_end_of_first_block(editor)
    editor.insert_cross_reference(3)
    assert "Zie het antwoord op vraag 3." in editor.answer_text()


def test_ctrl_down_asks_for_the_next_answer(qtbot):
    editor = make_editor(qtbot, "Ja.")
    with qtbot.waitSignal(editor.navigate) as blocker:
        qtbot.keyClick(editor, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [1]


class FakeChecker:
    """A stand-in dictionary: the worker thread, the cache and the menu are real."""

    def __init__(self):
        self.personal = set()

    def load(self):
        pass

    def is_correct(self, word):
        word = word.rstrip(".")  # the tokenizer keeps a full stop for abbreviations
        return word in self.personal or word not in {"finaciële", "geinformeerd"}

    def suggest(self, word, limit=5):
        return {"finaciële": ["financiële"], "geinformeerd": ["geïnformeerd"]}.get(word, [])

    def add_personal_word(self, word):
        self.personal.add(word)


def test_misspelled_words_are_underlined_off_the_gui_thread_and_suggested(qtbot):
    service = SpellService(FakeChecker())
    editor = make_editor(qtbot, "De finaciële gevolgen zijn bekend.", spell=service)
    qtbot.waitUntil(lambda: editor.highlighter.misspelled() == ["finaciële"], timeout=5000)
    cursor = editor.textCursor()
    cursor.setPosition(5)
    editor.setTextCursor(cursor)
    menu = editor.build_context_menu(editor.cursorRect(cursor).center())
    qtbot.waitUntil(lambda: any(a.text() == "financiële" for a in menu.actions()), timeout=5000)
    next(a for a in menu.actions() if a.text() == "financiële").trigger()
    assert editor.answer_text() == "De financiële gevolgen zijn bekend."
    service.stop()


def test_personal_word_stops_the_underline(qtbot):
    service = SpellService(FakeChecker())
    editor = make_editor(qtbot, "Hij is geinformeerd.", spell=service)
    qtbot.waitUntil(lambda: editor.highlighter.misspelled() == ["geinformeerd."], timeout=5000)
    service.add_word("geinformeerd.")
    qtbot.waitUntil(lambda: editor.highlighter.misspelled() == [], timeout=5000)
    service.stop()


def test_selecting_across_a_marker_leaves_it_a_footnote(qtbot):
    editor = make_editor(qtbot, "Een. Twee.[^1] Drie.\n\n[^1]: Bron.")
    cursor = editor.textCursor()
    cursor.setPosition(5)
    editor.setTextCursor(cursor)
    for _ in range(6):  # Shift+Right over "Twee." and the marker
        qtbot.keyClick(editor, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert editor.textCursor().selectedText().startswith("Twee.")
    assert editor.answer_text() == "Een. Twee.[^1] Drie.\n\n[^1]: Bron."
