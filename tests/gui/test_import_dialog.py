"""The import dialog: paste, parse off the GUI thread, review and correct the split."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from kvdesk.gui.import_dialog import ImportDialog, read_date


@pytest.fixture
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


def _parsed_dialog(qtbot, text: str, **kwargs) -> ImportDialog:
    dialog = ImportDialog(text=text, **kwargs)
    qtbot.addWidget(dialog)
    dialog.parse_pasted()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=10_000)
    return dialog


def test_pasted_seed_is_split_and_shown_for_review(qtbot, seed_text: str) -> None:
    dialog = _parsed_dialog(qtbot, seed_text)
    assert dialog.question_list.count() == 11
    assert dialog.members_table.rowCount() == 7
    assert dialog.date_edit.text() == "31 december 2025"
    assert "Buitenlandse Zaken" in dialog.addressees_label.text()
    assert "slimme meters" in dialog.subject_edit.text()
    assert "netbeheerders" in dialog.source_view.toPlainText()


def test_merge_split_and_undo_change_the_numbering(qtbot, seed_text: str) -> None:
    dialog = _parsed_dialog(qtbot, seed_text)
    dialog.question_list.setCurrentRow(0)
    dialog.merge_current()
    assert dialog.question_list.count() == 10
    merged = dialog.question_text.toPlainText()
    assert "afwegingen" in merged and "Bent u bekend" in merged

    dialog.undo()
    assert dialog.question_list.count() == 11

    dialog.question_list.setCurrentRow(0)
    cursor = dialog.question_text.textCursor()
    cursor.setPosition(dialog.question_text.toPlainText().index("Zo ja"))
    dialog.question_text.setTextCursor(cursor)
    dialog.split_current()
    assert dialog.question_list.count() == 12
    result = dialog.result_set()
    assert result is not None
    assert [q.number for q in result.questions] == list(range(1, 13))
    assert result.questions[1].text.startswith("Zo ja")


def test_edits_of_the_form_reach_the_result(qtbot, seed_text: str) -> None:
    dialog = _parsed_dialog(qtbot, seed_text)
    dialog.kenmerk_edit.setText("2025z 25100")
    dialog.subject_edit.setText("slimme meters uit China")
    dialog.members_table.item(0, 1).setText("Christen-Democratisch Appèl")
    dialog.question_list.setCurrentRow(2)
    dialog.question_text.setPlainText("Is onderzocht of er capaciteit is?")
    result = dialog.result_set()
    assert result is not None
    assert result.kenmerk == "2025Z25100"
    assert result.subject == "slimme meters uit China"
    assert result.members[0].party == "Christen-Democratisch Appèl"
    assert result.questions[2].text == "Is onderzocht of er capaciteit is?"


def test_existing_kenmerk_offers_to_update_keeping_drafts(qtbot, seed_text: str) -> None:
    dialog = _parsed_dialog(qtbot, seed_text, exists=lambda k: k == "2025Z25100")
    assert not dialog.update_existing()
    dialog.kenmerk_edit.setText("2025Z25100")
    assert dialog.update_check.isVisibleTo(dialog)
    assert "concept-antwoorden blijven bewaard" in dialog.update_check.text()
    assert dialog.update_existing()


def test_unreadable_input_gives_a_message_and_stays_on_the_first_page(qtbot, tmp_path: Path) -> None:
    bad = tmp_path / "vragen.docx"
    bad.write_bytes(b"this is not a zip file at all")
    dialog = ImportDialog()
    qtbot.addWidget(dialog)
    dialog.load_file(bad)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Niet gelukt"), timeout=10_000)
    assert dialog.pages.currentIndex() == 0


def test_empty_paste_asks_for_text(qtbot) -> None:
    dialog = ImportDialog()
    qtbot.addWidget(dialog)
    dialog.parse_pasted()
    assert "Plak eerst" in dialog.status.text()


def test_invalid_date_blocks_accepting_with_a_message(qtbot, seed_text: str) -> None:
    dialog = _parsed_dialog(qtbot, seed_text)
    dialog.date_edit.setText("ergens in december")
    assert dialog.result_set() is None
    assert "niet te lezen" in dialog.status.text()


@pytest.mark.parametrize(
    ("text", "iso"),
    [("31 december 2025", "2025-12-31"), ("2025-12-31", "2025-12-31"), ("1-2-2026", "2026-02-01"), ("", None)],
)
def test_dates_are_read_in_dutch_and_iso(text: str, iso: str | None) -> None:
    day = read_date(text)
    assert (day.isoformat() if day else None) == iso
