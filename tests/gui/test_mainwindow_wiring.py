"""The main window's wiring, end to end: a real SQLite file in the test's data folder, sync writes.

Each test drives the window as a user would (actions, keys, drops, panel buttons) and checks
what reached the database or the disk.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot

from kvdesk.core.deadlines import deadline_for
from kvdesk.core.model import Addressee, Answer, Footnote, Member, Question, QuestionSet
from kvdesk.gui import export_dialog
from kvdesk.gui import mainwindow as mw
from kvdesk.gui.application import Started
from kvdesk.gui.export_dialog import DELAY, ExportDialog
from kvdesk.gui.import_dialog import ImportDialog
from kvdesk.gui.set_viewer import SetViewer
from kvdesk.gui.status_actions import DELAYED
from tests.gui.helpers import damaged_database_with_backup, make_set, running_apps
from tests.support import REPO_ROOT


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    # Nothing here may reach a real proxy or the internet.
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def app_with(qtbot: QtBot, data_dir: Path) -> Iterator[Callable[..., Started]]:
    yield from running_apps(qtbot, data_dir, size=(1400, 860), autosave_ms=60_000)


@pytest.fixture
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


def answered_set(kenmerk: str = "2025Z30001") -> QuestionSet:
    """A set the checks pass: every question answered, the one footnote cited."""
    return QuestionSet(
        kenmerk=kenmerk,
        submitted_on=dt.date.today() - dt.timedelta(days=5),
        members=[Member("Boswijk", "CDA")],
        addressees=[Addressee("minister van Klimaat en Groene Groei", "minister", "Klimaat en Groene Groei")],
        subject="slimme meters",
        questions=[Question(1, "Bent u bekend met het bericht?", footnotes=[1]), Question(2, "Wat gaat u doen?")],
        footnotes=[Footnote(1, "Telegraaf van 30 december 2025")],
        answers=[Answer([1], "Ja."), Answer([2], "Het kabinet laat de inkoop **onderzoeken**.")],
    )


def review_page(qtbot: QtBot, dialog: ImportDialog) -> None:
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=10_000)


def click_ok(dialog: Any) -> None:
    box = dialog.findChild(QDialogButtonBox)
    box.button(QDialogButtonBox.StandardButton.Ok).click()


# ----------------------------------------------------------------------------- import


def test_import_by_dialog_stores_the_set_and_opens_it(qtbot: QtBot, app_with, seed_text: str) -> None:
    s = app_with(make_set(1))
    dialog = s.window.open_import(text=seed_text)
    review_page(qtbot, dialog)
    dialog.kenmerk_edit.setText("2025Z25100")
    dialog.save_button.click()
    set_id = s.ctx.repo.resolve("2025Z25100")
    assert len(s.ctx.repo.get_set(set_id).questions) == 11
    assert s.window.workspace.set_id == set_id
    assert len(s.window.sets.model.sets) == 2
    assert "2025Z25100 geïmporteerd" in s.window.statusBar().currentMessage()


def test_importing_a_known_kenmerk_again_updates_it_and_keeps_the_drafts(qtbot: QtBot, app_with,
                                                                           seed_text: str) -> None:
    s = app_with(make_set(1))
    first = s.window.open_import(text=seed_text)
    review_page(qtbot, first)
    first.kenmerk_edit.setText("2025Z25100")
    first.save_button.click()
    set_id = s.ctx.repo.resolve("2025Z25100")
    s.ctx.repo.save_answer(set_id, [1], "Ja, daar ben ik mee bekend.", author="t")

    again = s.window.open_import(text=seed_text)
    review_page(qtbot, again)
    again.kenmerk_edit.setText("2025Z25100")
    assert again.update_existing()
    again.save_button.click()
    assert len(s.window.sets.model.sets) == 2, "updated, not added"
    assert s.ctx.repo.get_set(set_id).answer_for(1).text == "Ja, daar ben ik mee bekend."
    assert "bijgewerkt" in s.window.statusBar().currentMessage()


def test_ctrl_v_on_the_set_list_opens_the_import_dialog_prefilled(qtbot: QtBot, app_with, seed_text: str) -> None:
    s = app_with(make_set(1))
    QGuiApplication.clipboard().setText(seed_text)
    s.window.sets.view.setFocus()
    qtbot.keyClick(s.window.sets.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    dialog = s.window.import_dialog
    assert isinstance(dialog, ImportDialog)
    assert dialog.paste_box.toPlainText().split() == seed_text.split()  # the box shows no-break spaces as spaces
    review_page(qtbot, dialog)
    assert dialog.question_list.count() == 11


def test_ctrl_v_in_the_filter_field_still_pastes_there(qtbot: QtBot, app_with) -> None:
    s = app_with(make_set(1))
    QGuiApplication.clipboard().setText("2024Z")
    s.window.sets.filter.setFocus()
    qtbot.keyClick(s.window.sets.filter, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert s.window.sets.filter.text() == "2024Z"
    assert s.window.import_dialog is None


def test_dropping_a_file_on_the_window_opens_it_for_review(qtbot: QtBot, app_with, seed_path: Path,
                                                           tmp_path: Path) -> None:
    s = app_with(make_set(1))
    dropped = tmp_path / "vragen slimme meters.txt"
    dropped.write_bytes(seed_path.read_bytes())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    enter = QDragEnterEvent(QPointF(400, 300), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    s.window.dragEnterEvent(enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(400, 300), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    s.window.dropEvent(event)
    dialog = s.window.import_dialog
    assert isinstance(dialog, ImportDialog)
    review_page(qtbot, dialog)
    assert dialog.question_list.count() == 11
    assert dialog.members_table.rowCount() == 7


# ----------------------------------------------------------------------------- export and checks


def test_export_writes_real_word_letters(qtbot: QtBot, app_with, tmp_path: Path) -> None:
    s = app_with(answered_set())
    out = tmp_path / "brieven"
    s.window.act_export.trigger()
    dialog = s.window.export_dialog
    assert isinstance(dialog, ExportDialog), "no errors: straight to the export dialog"
    dialog.folder_edit.setText(str(out))
    click_ok(dialog)
    written = sorted(out.glob("*.docx"))
    assert len(written) == 2
    text = "\n".join(p.text for path in written for p in docx.Document(str(path)).paragraphs)
    assert "Antwoord 2" in text and "onderzoeken" in text
    assert s.ctx.repo.overrides(s.window.workspace.set_id) == []
    assert str(out) in s.window.statusBar().currentMessage()


def test_an_error_blocks_export_until_forced_and_the_override_is_recorded(qtbot: QtBot, app_with,
                                                                          tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    qs = answered_set()
    qs.answers = [Answer([1], "PM")]  # a placeholder, and question 2 unanswered
    s = app_with(qs)
    set_id = s.window.workspace.set_id
    shown: list[Any] = []
    monkeypatch.setattr(export_dialog, "confirm_override", lambda _parent, report: shown.append(report) or False)
    s.window.act_export.trigger()
    assert shown and shown[0].has_errors
    assert s.window.export_dialog is None, "declined: nothing to export"
    assert s.window.side.currentWidget() is s.window.checks

    monkeypatch.setattr(export_dialog, "confirm_override", lambda _parent, report: True)
    s.window.act_export.trigger()
    dialog = s.window.export_dialog
    assert isinstance(dialog, ExportDialog)
    dialog.folder_edit.setText(str(tmp_path))
    click_ok(dialog)
    assert len(list(tmp_path.glob("*.docx"))) == 2
    overrides = s.ctx.repo.overrides(set_id)
    assert len(overrides) == 1
    assert {f["level"] for f in overrides[0]["findings"]} == {"error"}
    assert any(2 in f["questions"] for f in overrides[0]["findings"])


def test_a_target_open_in_word_offers_another_name(qtbot: QtBot, app_with, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from kvdesk.export.errors import TargetLockedError
    from kvdesk.gui.export_dialog import run_export as real_run_export

    s = app_with(answered_set())
    calls: list[str] = []

    def locked_once(qs, request, *, profiles_dir=None, on_locked="raise"):  # type: ignore[no-untyped-def]
        calls.append(on_locked)
        if on_locked == "raise":
            raise TargetLockedError(tmp_path / "Beantwoording.docx", tmp_path / "Beantwoording (2).docx")
        return real_run_export(qs, request, profiles_dir=profiles_dir, on_locked=on_locked)

    asked: list[str] = []
    monkeypatch.setattr(export_dialog, "run_export", locked_once)
    monkeypatch.setattr(mw, "ask", lambda _p, _t, text, _y, _n: asked.append(text) or True)
    s.window.act_export.trigger()
    dialog = s.window.export_dialog
    assert dialog is not None
    dialog.folder_edit.setText(str(tmp_path))
    click_ok(dialog)
    assert calls == ["raise", "rename"]
    assert "Beantwoording (2).docx" in asked[0] and "geopend" in asked[0]
    assert len(list(tmp_path.glob("*.docx"))) == 2


def test_delay_notice_and_recording_it_moves_the_deadline(qtbot: QtBot, app_with, tmp_path: Path) -> None:
    s = app_with(answered_set())
    set_id = s.window.workspace.set_id
    s.window.act_delay_notice.trigger()
    dialog = s.window.export_dialog
    assert isinstance(dialog, ExportDialog) and dialog.kind == DELAY
    dialog.folder_edit.setText(str(tmp_path))
    dialog.reason_edit.setPlainText("De benodigde interdepartementale afstemming vergt meer tijd.")
    click_ok(dialog)
    notice = list(tmp_path.glob("*.docx"))
    assert len(notice) == 1
    assert "afstemming" in "\n".join(p.text for p in docx.Document(str(notice[0])).paragraphs)
    before = deadline_for(s.ctx.repo.get_set(set_id))

    s.window.act_delay_sent.trigger()
    status = s.window.status_dialog
    assert status is not None and status.status_combo.currentData() == DELAYED
    assert "uitstelbericht verzonden" in status.status_combo.currentText()
    click_ok(status)
    stored = s.ctx.repo.get_set(set_id)
    assert stored.status == DELAYED and stored.delay_notice_on == dt.date.today()
    assert deadline_for(stored) == before + dt.timedelta(weeks=3)
    assert stored.status == s.window.workspace.qs.status
    assert "De termijn is nu" in s.window.statusBar().currentMessage()


def test_a_status_change_keeps_the_date_the_user_gives(qtbot: QtBot, app_with) -> None:
    from PySide6.QtCore import QDate

    s = app_with(answered_set())
    set_id = s.window.workspace.set_id
    dialog = s.window.change_status("ter goedkeuring")
    assert dialog is not None
    dialog.date_edit.setDate(QDate(2026, 1, 9))
    click_ok(dialog)
    history = s.ctx.repo.status_history(set_id)
    assert history[-1].status == "ter goedkeuring" and history[-1].changed_at.date() == dt.date(2026, 1, 9)
    assert s.window.sets.model.sets[0].status == "ter goedkeuring"


def test_clicking_a_finding_jumps_to_its_question(qtbot: QtBot, app_with) -> None:
    qs = answered_set()
    qs.questions.append(Question(3, "En hoe zit het met de planning?"))
    s = app_with(qs)
    with qtbot.waitSignal(s.window.checks.checked, timeout=10_000):
        s.window.act_check.trigger()
    tree = s.window.checks.tree
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    unanswered = next(item for item in items if item.text(1) == "3")
    tree.itemClicked.emit(unanswered, 0)
    assert s.window.workspace.current is not None and s.window.workspace.current.numbers == [3]


def test_checks_rerun_after_a_save_while_they_are_in_view(qtbot: QtBot, app_with,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mw, "CHECKS_DEBOUNCE_MS", 10)
    qs = answered_set()
    qs.answers = [Answer([1], "Ja.")]
    s = app_with(qs)
    s.window._checks_timer.setInterval(10)
    with qtbot.waitSignal(s.window.checks.checked, timeout=10_000) as first:
        s.window.run_checks()
    assert first.args[0].has_errors
    row = s.window.workspace.row_for(2)
    row.build()
    row.editor.setFocus()
    qtbot.keyClicks(row.editor, "Dat wordt onderzocht.")
    with qtbot.waitSignal(s.window.checks.checked, timeout=10_000) as second:
        s.window.workspace.save_row(row)
    assert not second.args[0].has_errors


# ----------------------------------------------------------------------------- sources, search, earlier answers


def test_citing_a_source_adds_a_footnote_to_the_current_answer(qtbot: QtBot, app_with) -> None:
    s = app_with(answered_set())
    sources = s.window.sources
    qtbot.waitUntil(lambda: not sources.busy and sources.list.count() == 1, timeout=10_000)
    row = s.window.workspace.row_for(2)
    s.window.workspace.focus_row(row)
    cursor = row.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    row.editor.setTextCursor(cursor)
    sources.list.setCurrentRow(0)
    sources.cite_button.click()
    text = s.ctx.repo.get_set(s.window.workspace.set_id).answer_for(2).text
    assert text.startswith("Het kabinet laat de inkoop **onderzoeken**.[^")
    assert "Telegraaf" in text.split("\n\n", 1)[1] and "30 december 2025" in text


def test_citing_without_a_current_answer_says_what_to_do(qtbot: QtBot, app_with) -> None:
    s = app_with(answered_set())
    assert not s.window.cite_in_current_answer("Telegraaf, 30 december 2025")
    assert "Klik eerst" in s.window.statusBar().currentMessage()


def _archive(ctx: Any) -> int:
    stored = ctx.repo.add_set(QuestionSet(
        kenmerk="2024Z18891", subject="escortbureaus", submitted_on=dt.date(2024, 11, 20),
        members=[Member("Tseggai", "GroenLinks-PvdA")], addressees=[Addressee("minister van Justitie en Veiligheid")],
        questions=[Question(1, "Kent u het bericht over vergunningen voor escortbureaus?"),
                   Question(2, "Hoeveel vergunningen zijn er verleend aan escortbureaus?")],
        answers=[Answer([1], "Ja."), Answer([2], "Er zijn 12 vergunningen verleend aan escortbureaus.")],
    ), origin="archive")
    return stored.id


def test_search_opens_the_hit_read_only_with_it_in_view(qtbot: QtBot, app_with) -> None:
    s = app_with(answered_set())
    archive_id = _archive(s.ctx)
    assert s.window.act_search.shortcut() == QKeySequence("Ctrl+Shift+F")
    s.window.act_search.trigger()
    assert s.window.left.currentWidget() is s.window.search
    with qtbot.waitSignal(s.window.search.resultsShown, timeout=5000):
        s.window.search.field.setText("verleend escortbureaus")
    hit = s.window.search.results.topLevelItem(0).child(0)
    s.window.search.results.itemActivated.emit(hit, 0)
    viewer = s.window.viewer
    assert isinstance(viewer, SetViewer)
    assert viewer.qs.id == archive_id and viewer.hit == [2]
    assert viewer.browser.isReadOnly()
    assert "12 vergunningen verleend" in viewer.browser.toPlainText()
    qtbot.waitUntil(lambda: viewer.browser.verticalScrollBar().value() > 0
                    or viewer.browser.verticalScrollBar().maximum() == 0, timeout=2000)
    assert s.window.workspace.set_id != archive_id, "the draft being worked on stays open"


def test_earlier_answer_is_taken_over_into_the_focused_answer(qtbot: QtBot, app_with) -> None:
    draft = QuestionSet(kenmerk="2025Z00001", submitted_on=dt.date.today(), questions=[
        Question(1, "Hoeveel vergunningen zijn er dit jaar verleend aan escortbureaus in Amsterdam?")])
    s = app_with(draft)
    _archive(s.ctx)
    set_id = s.window.workspace.set_id
    similar = s.window.similar
    with qtbot.waitSignal(similar.resultsShown, timeout=5000):
        s.window.workspace.focus_row(s.window.workspace.rows[0])
    assert similar.cards
    buttons = {b.text(): b for b in similar.cards[0].findChildren(QPushButton)}
    buttons["Neem over"].click()
    assert "12 vergunningen" in s.ctx.repo.get_set(set_id).answer_for(1).text
    assert s.window.workspace.rows[0].editor.answer_text().startswith("Er zijn 12 vergunningen")
    assert "overgenomen uit 2024Z18891" in (s.ctx.repo.revisions(set_id, [1])[-1].note or "")
    buttons = {b.text(): b for b in similar.cards[0].findChildren(QPushButton)}
    buttons["Citeer"].click()
    assert "[^" in s.ctx.repo.get_set(set_id).answer_for(1).text


# ----------------------------------------------------------------------------- deadlines


def test_due_soon_notice_and_the_overview_open_the_set(qtbot: QtBot, app_with) -> None:
    due = answered_set("2025Z40001")
    due.submitted_on = dt.date.today() - dt.timedelta(weeks=3)  # due today
    later = answered_set("2025Z40002")
    s = app_with(due, later)
    qtbot.waitUntil(lambda: "2025Z40001" in s.window.due_notice, timeout=10_000)
    assert "2025Z40002" not in s.window.due_notice
    s.window.left.setCurrentWidget(s.window.due)
    tree = s.window.due.tree
    today_group = tree.topLevelItem(1)
    assert today_group.text(0).startswith("Vandaag (1)")
    s.window.due.tree.itemActivated.emit(today_group.child(0), 0)
    assert s.window.workspace.qs.kenmerk == "2025Z40001"
    assert s.window.left.currentWidget() is s.window.sets


# ----------------------------------------------------------------------------- lock, backups, about


HOLD_LOCK = """
import sys
from kvdesk.services.context import Context
ctx = Context.create(sys.argv[1])
ctx.hold_lock()
print("ready", flush=True)
sys.stdin.read()
ctx.close()
"""


@pytest.fixture
def other_instance(data_dir: Path) -> Iterator[subprocess.Popen[str]]:
    """Another kvdesk process holding the database's lock."""
    ctx_ready = make_set(2)
    from kvdesk.services.context import Context

    ctx = Context.create(data_dir)
    ctx.repo.add_set(ctx_ready)
    ctx.close()
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(data_dir)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=env, cwd=REPO_ROOT)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    yield proc
    proc.communicate("", timeout=30)


def _build_interactive(data_dir: Path) -> Started:
    from kvdesk.gui.application import build
    from kvdesk.gui.operations import SyncExecutor

    args = argparse.Namespace(data_dir=str(data_dir), database=None, debug=False)
    return build(args, executor=SyncExecutor(), settings_path=data_dir.parent / "config" / "k.ini", spell=False,
                 show_errors=True)


def _answer_lock_box(choice: str, seen: list[str]) -> None:
    from kvdesk.gui.start_dialogs import LockedBox

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, LockedBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        (box.read_only_button if choice == "read-only" else box.quit_button).click()

    QTimer.singleShot(0, click)


def test_a_second_instance_is_refused_with_the_lock_message(qtbot: QtBot, data_dir: Path, other_instance) -> None:
    from kvdesk.gui.application import StartDeclined

    hook = sys.excepthook
    seen: list[str] = []
    _answer_lock_box("quit", seen)
    try:
        with pytest.raises(StartDeclined):
            _build_interactive(data_dir)
    finally:
        sys.excepthook = hook
    import getpass
    import socket

    assert "in gebruik door" in seen[0]
    assert getpass.getuser() in seen[0] and socket.gethostname() in seen[0] and "sinds" in seen[0]


def test_a_second_instance_may_open_read_only(qtbot: QtBot, data_dir: Path, other_instance) -> None:
    hook = sys.excepthook
    seen: list[str] = []
    _answer_lock_box("read-only", seen)
    try:
        started = _build_interactive(data_dir)
    finally:
        sys.excepthook = hook
    window = started.window
    qtbot.addWidget(window)
    try:
        window.show()
        assert window.read_only and "alleen lezen" in window.windowTitle()
        assert not window.act_import.isEnabled() and not window.act_export.isEnabled()
        row = window.workspace.rows[0]
        row.build()
        qtbot.waitUntil(lambda: row.editor.isReadOnly(), timeout=2000)
        qtbot.keyClicks(row.editor, "Ja.")
        window.workspace.save_row(row)
        assert started.ctx.repo.get_set(window.workspace.set_id).answer_for(1) is None
    finally:
        window.close()
        started.hook.uninstall()
        started.ctx.close()


def test_start_makes_the_daily_and_weekly_backups(qtbot: QtBot, app_with) -> None:
    s = app_with(make_set(1))
    kinds = {b.kind for b in s.ctx.backups()}
    assert {"dagelijks", "wekelijks"} <= kinds
    s.window.backup_now()
    assert "handmatig" in {b.kind for b in s.ctx.backups()}
    assert "Back-up gemaakt" in s.window.statusBar().currentMessage()


def test_about_dialog_shows_the_data_folder_and_opens_the_log_folder(qtbot: QtBot, app_with, data_dir: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import kvdesk.gui.about_dialog as about

    opened: list[Path] = []
    monkeypatch.setattr(about, "open_folder", lambda path: opened.append(path) or True)
    s = app_with(make_set(1))
    s.window.act_about.trigger()
    dialog = s.window.about_dialog
    assert dialog is not None
    text = dialog.info.text()
    assert str(data_dir) in text and "kvdesk.sqlite3" in text and str(data_dir / "logs") in text
    dialog.open_logs_button.click()
    assert opened == [data_dir / "logs"]


def test_house_style_is_edited_in_the_users_profile_folder(qtbot: QtBot, app_with, data_dir: Path) -> None:
    from kvdesk.export.profile import load_profile

    s = app_with(make_set(1))
    dialog = s.window.edit_house_style()
    assert dialog is not None
    dialog.signer_name.setText("E.F. Proef")  # type: ignore[attr-defined]
    dialog.save()  # type: ignore[attr-defined]
    saved = data_dir / "profiles" / "huisstijl.toml"
    assert load_profile(saved).signers[0].name == "E.F. Proef"
    assert s.window.act_house_style in s.window.settings_menu.actions()


def test_a_damaged_database_offers_the_newest_backup(qtbot: QtBot, data_dir: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import kvdesk.gui.application as application

    damaged_database_with_backup(data_dir)
    asked: list[str] = []
    monkeypatch.setattr(application, "ask_restore", lambda exc: asked.append(str(exc)) or True)
    hook = sys.excepthook
    try:
        started = _build_interactive(data_dir)
    finally:
        sys.excepthook = hook
    qtbot.addWidget(started.window)
    try:
        assert "beschadigd" in asked[0]
        assert len(started.window.sets.model.sets) == 40
        assert "back-up is teruggezet" in started.window.statusBar().currentMessage()
        assert any(p.name.startswith("kvdesk.sqlite3.beschadigd-") for p in data_dir.iterdir())
    finally:
        started.window.close()
        started.hook.uninstall()
        started.ctx.close()
