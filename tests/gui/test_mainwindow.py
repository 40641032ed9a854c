"""The main window with real storage: sets, the workspace, autosave, history, combine, status."""
from __future__ import annotations

import importlib.util

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence

from kvdesk.core import richtext
from kvdesk.gui.history import HistoryDialog
from kvdesk.gui.setlist import deadline_colour
from tests.gui.helpers import make_set, running_apps


@pytest.fixture
def app_with(qtbot, data_dir):
    yield from running_apps(qtbot, data_dir, size=(1300, 800))


def type_into(qtbot, row, text):
    row.build()
    row.editor.setFocus()
    qtbot.keyClicks(row.editor, text)


@pytest.mark.skipif(importlib.util.find_spec("kvdesk.services.importing") is None, reason="the parser is not there yet")
def test_window_opens_with_the_demo_set_and_typing_is_stored(qtbot, app_with):
    s = app_with(autosave_ms=50)
    ws = s.window.workspace
    assert ws.qs is not None and len(ws.qs.questions) == 11
    assert s.window.sets.model.rowCount() == 1
    row = ws.rows[0]
    type_into(qtbot, row, "Ja.")
    qtbot.waitUntil(lambda: s.ctx.repo.get_set(ws.qs.id).answer_for(1) is not None, timeout=3000)
    assert s.ctx.repo.get_set(ws.qs.id).answer_for(1).text == "Ja."
    assert "Opgeslagen om" in s.window.save_label.text()


def test_large_set_opens_lazily_and_ctrl_down_moves_to_the_next_answer(qtbot, app_with):
    s = app_with(make_set(73))
    ws = s.window.workspace
    assert len(ws.rows) == 73
    assert not all(r.built for r in ws.rows), "rows out of view are built later, not at once"
    first = ws.rows[0]
    first.build()
    first.editor.setFocus()
    qtbot.keyClick(first.editor, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert ws.current is ws.rows[1]
    assert s.window.focusWidget() is ws.rows[1].editor
    assert ws.rows[1].property("current") is True
    qtbot.keyClick(ws.rows[1].editor, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert ws.current is first
    qtbot.waitUntil(lambda: all(r.built for r in ws.rows), timeout=10000)


def test_leaving_an_answer_saves_it_as_a_revision(qtbot, app_with):
    s = app_with(make_set(3), autosave_ms=60_000)
    ws = s.window.workspace
    type_into(qtbot, ws.rows[0], "Nee.")
    ws.go(ws.rows[0], 1)  # focus moves on: the first answer is saved at once
    qs = s.ctx.repo.get_set(ws.qs.id)
    assert qs.answer_for(1).text == "Nee."
    assert [r.text for r in s.ctx.repo.revisions(ws.qs.id, [1])] == ["Nee."]


def test_close_saves_pending_text_and_remembers_the_layout(qtbot, app_with, data_dir):
    s = app_with(make_set(2), autosave_ms=60_000)
    ws = s.window.workspace
    type_into(qtbot, ws.rows[1], "Tot slot.")
    s.window.splitter.setSizes([300, 700, 250])
    sizes = s.window.splitter.sizes()
    s.window.close()
    assert s.ctx.repo.get_set(ws.qs.id).answer_for(2).text == "Tot slot."
    assert s.settings.layout("main/splitter") is not None
    s.ctx.close()
    again = app_with()
    assert again.window.splitter.sizes() == sizes


def test_footnotes_are_numbered_through_the_reply_in_question_order(qtbot, app_with):
    qs = make_set(3)
    s = app_with(qs)
    ws = s.window.workspace
    set_id = ws.qs.id
    s.ctx.repo.save_answer(set_id, [1], "Een.[^a] Twee.[^b]\n\n[^a]: A.\n\n[^b]: B.", author="t")
    ws.load_set(set_id)
    ws.build_all()
    second = ws.rows[1]
    assert second.editor.footnote_base == 2
    type_into(qtbot, second, "Zie")
    second.editor.insert_footnote()
    qtbot.keyClicks(second.editor, "Bron")
    assert second.editor._number_for(second.editor.footnote_labels()[0]) == 3
    # A note added to answer 1 moves answer 2's numbers on.
    first = ws.rows[0]
    cursor = first.editor.textCursor()
    cursor.setPosition(1)
    first.editor.setTextCursor(cursor)
    first.editor.insert_footnote()
    assert second.editor.footnote_base == 3


def test_combine_and_split_through_the_workspace(qtbot, app_with):
    s = app_with(make_set(4), autosave_ms=60_000)
    ws = s.window.workspace
    type_into(qtbot, ws.rows[1], "Antwoord op twee.")
    type_into(qtbot, ws.rows[2], "Antwoord op drie.")
    ws.build_all()
    ws.rows[1].select_box.setChecked(True)
    ws.rows[2].select_box.setChecked(True)
    s.window.act_combine.trigger()
    assert [r.numbers for r in ws.rows] == [[1], [2, 3], [4]]
    combined = ws.rows[1]
    combined.build()
    assert combined.editor.answer_text() == "Antwoord op twee.\n\nAntwoord op drie."
    assert "Antwoord 2 en 3" in [w.text() for w in combined.findChildren(type(combined.question_labels[0]))]
    ws.set_current(combined)
    s.window.act_split.trigger()
    assert [r.numbers for r in ws.rows] == [[1], [2], [3], [4]]
    qs = s.ctx.repo.get_set(ws.qs.id)
    assert qs.answer_for(2).text.startswith("Antwoord op twee.")


def test_history_shows_word_diff_and_restore_is_a_new_revision(qtbot, app_with):
    s = app_with(make_set(1))
    ws = s.window.workspace
    set_id = ws.qs.id
    s.ctx.repo.save_answer(set_id, [1], "Het kabinet deelt de zorgen.", author="anna")
    s.ctx.repo.save_answer(set_id, [1], "Het kabinet deelt de zorgen niet.", author="bram")
    ws.load_set(set_id)
    dialog = s.window.open_history(ws.rows[0])
    qtbot.addWidget(dialog)
    assert isinstance(dialog, HistoryDialog)
    assert dialog.versions.count() == 2
    assert "bram" in dialog.versions.item(0).text()
    assert "1 woorden toegevoegd" in dialog.summary.text()
    assert "niet" in dialog.diff.toPlainText()
    dialog.versions.setCurrentRow(1)  # the older version
    dialog.restore_button.click()
    assert s.ctx.repo.get_set(set_id).answer_for(1).text == "Het kabinet deelt de zorgen."
    assert dialog.versions.count() == 3
    assert "hersteld" in dialog.versions.item(0).text()
    ws.rows[0].build()
    assert ws.rows[0].editor.answer_text() == "Het kabinet deelt de zorgen."


def test_status_per_answer_and_set_and_assignee_are_stored(qtbot, app_with):
    s = app_with(make_set(2))
    ws = s.window.workspace
    row = ws.rows[0]
    row.build()
    row.status_box.setCurrentIndex(row.status_box.findData("ter review"))
    who = next(w for w in row.findChildren(type(s.window.sets.filter)) if "Toegewezen" in w.accessibleName())
    who.setText("Fatima")
    who.editingFinished.emit()
    ws.header.status.setCurrentIndex(ws.header.status.findData("in behandeling"))
    ws.header.status.activated.emit(ws.header.status.currentIndex())
    qs = s.ctx.repo.get_set(ws.qs.id)
    assert qs.answer_for(1).status == "ter review"
    assert qs.question(1).assignee == "Fatima"
    assert qs.status == "in behandeling"
    assert s.window.sets.model.sets[0].status == "in behandeling"


def test_find_in_set_goes_to_the_answer_that_contains_the_text(qtbot, app_with):
    s = app_with(make_set(30))
    ws = s.window.workspace
    set_id = ws.qs.id
    s.ctx.repo.save_answer(set_id, [25], "De bewaartermijn wordt herzien.", author="t")
    ws.load_set(set_id)
    assert s.window.act_find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    s.window.act_find.trigger()
    assert ws.find_bar.isVisible()
    assert ws.find_text("bewaartermijn")
    assert ws.current.numbers == [25]
    assert ws.current.editor.textCursor().selectedText() == "bewaartermijn"
    assert not ws.find_text("bestaat-niet-xyz")
    assert ws.find_bar.result.text() == "Niet gevonden"


def test_set_list_filters_sorts_and_counts(qtbot, app_with):
    import datetime as dt

    late = make_set(1, kenmerk="2024Z00001", submitted=dt.date.today() - dt.timedelta(days=40))
    fresh = make_set(1, kenmerk="2024Z00002", submitted=dt.date.today())
    s = app_with(late, fresh)
    panel = s.window.sets
    assert panel.proxy.rowCount() == 2
    assert panel.proxy.index(0, 0).data() == "2024Z00001"  # earliest deadline first
    panel.filter.setText("00002")
    assert panel.proxy.rowCount() == 1
    panel.filter.clear()
    panel.status.setCurrentIndex(panel.status.findData("verzonden"))
    assert panel.proxy.rowCount() == 0
    assert "2 sets" in panel.counts.text() and "nieuw: 2" in panel.counts.text()
    late_row = next(r for r in range(2) if panel.model.sets[r].kenmerk == "2024Z00001")
    brush = panel.model.index(late_row, 3).data(Qt.ItemDataRole.BackgroundRole)
    assert brush.color() == QColor("#fde7e9")
    assert deadline_colour(None) is None


def test_every_control_has_an_accessible_name(qtbot, app_with):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QTextEdit

    s = app_with(make_set(2))
    s.window.workspace.build_all()
    for kind in (QComboBox, QLineEdit, QTextEdit):
        for w in s.window.findChildren(kind):
            if w.isVisible() and not isinstance(w.parent(), QComboBox):
                assert w.accessibleName(), f"{kind.__name__} without an accessible name"
    for w in s.window.workspace.findChildren(QAbstractButton):
        if w.isVisible():
            assert w.accessibleName() or w.text(), "a button without a name"


def test_rich_answer_round_trips_through_the_window(qtbot, app_with):
    s = app_with(make_set(1))
    ws = s.window.workspace
    text = "**Ja.** Zie *ook*:\n\n- een\n- twee\n\n> citaat\n\n[bron](https://nos.nl)[^1]\n\n[^1]: NOS."
    s.ctx.repo.save_answer(ws.qs.id, [1], text, author="t")
    ws.load_set(ws.qs.id)
    ws.rows[0].build()
    assert ws.rows[0].editor.answer_text() == richtext.serialize(richtext.parse(text))
