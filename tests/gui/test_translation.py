"""The English interface: every string of kvdesk/gui translated, and the windows really in English.

The completeness tests run ``pyside6-lupdate`` over ``kvdesk/gui`` into a copy of the committed
``.ts`` in a temporary folder and fail, naming the strings, when one has no finished translation
or the committed file no longer matches the code. The window tests load the real ``.qm``, build
the main window and each dialog, and look at what a user would read: no Dutch source string of
the translation may be left on screen.
"""
from __future__ import annotations

import ast
import datetime as dt
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QTreeWidget,
    QWidget,
)

from kvdesk.core.model import ANSWER_STATUSES, SET_STATUSES, Answer
from kvdesk.gui import labels
from kvdesk.gui import settings as S
from tests.support import REPO_ROOT, require

I18N = REPO_ROOT / "resources" / "i18n"
TS = I18N / "kvdesk_en.ts"
QM = I18N / "kvdesk_en.qm"
GUI = REPO_ROOT / "kvdesk" / "gui"
# The same options as `make translations`, so the comparison is like for like.
LUPDATE_OPTIONS = ["-no-obsolete", "-locations", "none", "-source-language", "nl_NL", "-target-language", "en_GB"]

Message = tuple[str, str]  # (context, source)


def _tool(name: str) -> str:
    """A Qt tool that comes with PySide6 (beside the interpreter), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    require(found is not None, f"{name} is not installed (it comes with PySide6-Essentials)")
    assert found is not None
    return found


def _messages(ts: Path) -> dict[Message, ET.Element]:
    root = ET.parse(ts).getroot()
    found: dict[Message, ET.Element] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def _finished(message: ET.Element) -> bool:
    translation = message.find("translation")
    if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return False
    if message.get("numerus") == "yes":
        forms = [f.text or "" for f in translation.iter("numerusform")]
        return bool(forms) and all(f.strip() for f in forms)
    return bool((translation.text or "").strip())


def _english(message: ET.Element) -> str:
    translation = message.find("translation")
    assert translation is not None
    return translation.text or ""


# ------------------------------------------------------------------ the .ts against the code


@pytest.fixture(scope="module")
def fresh_ts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed .ts brought up to date with the code by lupdate, in a temporary folder."""
    target = tmp_path_factory.mktemp("i18n") / "kvdesk_en.ts"
    shutil.copyfile(TS, target)
    sources = sorted(str(p) for p in GUI.glob("*.py"))
    result = subprocess.run([_tool("pyside6-lupdate"), *LUPDATE_OPTIONS, *sources, "-ts", str(target)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return target


def test_every_interface_string_has_a_finished_english_translation(fresh_ts: Path) -> None:
    unfinished = sorted(f"{ctx}: {src!r}" for (ctx, src), m in _messages(fresh_ts).items() if not _finished(m))
    assert not unfinished, (
        "these strings of kvdesk/gui have no English yet; run `make translations`, translate them in "
        "resources/i18n/kvdesk_en.ts, and run it again:\n" + "\n".join(unfinished))


def test_the_committed_translation_matches_the_code(fresh_ts: Path) -> None:
    committed, fresh = set(_messages(TS)), set(_messages(fresh_ts))
    stale = sorted(f"{ctx}: {src!r}" for ctx, src in committed - fresh)
    new = sorted(f"{ctx}: {src!r}" for ctx, src in fresh - committed)
    assert not stale and not new, (
        "resources/i18n/kvdesk_en.ts is out of step with kvdesk/gui; run `make translations`.\n"
        f"no longer in the code: {stale}\nnot yet in the .ts: {new}")


def test_the_compiled_qm_is_the_committed_ts(tmp_path: Path) -> None:
    out = tmp_path / "kvdesk_en.qm"
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(out)], check=True, timeout=120)
    assert out.read_bytes() == QM.read_bytes(), "kvdesk_en.qm is older than kvdesk_en.ts; run `make translations`"


def test_placeholders_survive_translation() -> None:
    """A translation that drops %1 or {0} would show the user a sentence with a hole in it."""
    import re

    broken = []
    for (ctx, src), message in _messages(TS).items():
        if message.get("numerus") == "yes":
            continue
        wanted = sorted(re.findall(r"%\d|%s|\{\d\}", src))
        if sorted(re.findall(r"%\d|%s|\{\d\}", _english(message))) != wanted:
            broken.append(f"{ctx}: {src!r}")
    assert not broken, broken


def _gui_calls_lupdate_misses(path: Path) -> list[str]:
    """tr() inside an f-string, and aliases of translate: lupdate silently skips both."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute)
                        and inner.func.attr in ("tr", "translate")):
                    problems.append(f"{path.name}:{inner.lineno}: {inner.func.attr}() inside an f-string")
        if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Attribute)
                and node.value.attr == "translate"):
            problems.append(f"{path.name}:{node.lineno}: an alias of translate()")
    return problems


def test_gui_code_calls_tr_where_lupdate_can_see_it() -> None:
    problems = [p for path in sorted(GUI.glob("*.py")) for p in _gui_calls_lupdate_misses(path)]
    assert not problems, "lupdate cannot find these strings (see resources/i18n/README.md):\n" + "\n".join(problems)


def test_every_stored_status_is_marked_for_translation() -> None:
    assert set(SET_STATUSES) | set(ANSWER_STATUSES) == set(labels.STATUSES)
    messages = _messages(TS)
    assert all(("Labels", status) in messages for status in labels.STATUSES)


# ------------------------------------------------------------------ the windows in English


@pytest.fixture
def english(qapp: QApplication) -> Iterator[QTranslator]:
    """The committed English translation installed for the test, removed after it."""
    translator = QTranslator()
    assert translator.load(str(QM)), f"{QM} could not be loaded"
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)


def _dutch_sources() -> set[str]:
    """The Dutch texts the English interface must not show (those whose English differs)."""
    return {src for (_ctx, src), m in _messages(TS).items()
            if m.get("numerus") != "yes" and _english(m) and _english(m) != src}


def visible_texts(root: QWidget) -> list[str]:
    """What a user reads or hears in ``root``: titles, labels, buttons, items, headers, menus."""
    texts: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        texts += [w.windowTitle(), w.accessibleName(), w.toolTip(), w.statusTip()]
        if isinstance(w, QLabel):
            texts.append(w.text())
        if isinstance(w, QAbstractButton):
            texts.append(w.text())
        if isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)):
            texts.append(w.placeholderText())
        if isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        if isinstance(w, QSpinBox):
            texts.append(w.specialValueText())
        if isinstance(w, QTreeWidget):
            header = w.headerItem()
            texts += [header.text(i) for i in range(header.columnCount())]
            for i in range(w.topLevelItemCount()):
                texts.append(w.topLevelItem(i).text(0))
        elif isinstance(w, QTreeView) and w.model() is not None:
            model = w.model()
            texts += [str(model.headerData(i, Qt.Orientation.Horizontal)) for i in range(model.columnCount())]
            texts += [str(model.index(r, c).data()) for r in range(model.rowCount()) for c in range(model.columnCount())]
        if isinstance(w, QTableWidget):
            texts += [w.horizontalHeaderItem(i).text() for i in range(w.columnCount()) if w.horizontalHeaderItem(i)]
        if isinstance(w, QMenu):
            texts.append(w.title())
    for action in root.findChildren(QAction):
        texts += [action.text(), action.toolTip(), action.statusTip()]
    return [t for t in texts if t]


def assert_english(root: QWidget, *samples: str) -> None:
    """Every sample is on screen, and no Dutch source string of the translation is."""
    texts = visible_texts(root)
    missing = [s for s in samples if s not in texts]
    assert not missing, f"not shown: {missing}"
    dutch = sorted({t for t in texts if t in _dutch_sources()})
    assert not dutch, f"{type(root).__name__} still shows Dutch: {dutch}"


@pytest.fixture
def english_app(qtbot, data_dir: Path):
    """The application as it starts with the English interface chosen in the settings."""
    from tests.gui.helpers import make_set, start_app

    settings = S.Settings(data_dir.parent / "config" / "kvdesk-test.ini")
    settings.set(S.LANGUAGE, "en")
    settings.sync()
    qs = make_set(3)
    qs.answers = [Answer([1], "Ja, dat klopt."), Answer([2, 3], "Zie het antwoord op vraag 1.", status="akkoord")]
    started = start_app(data_dir, sets=[qs])
    qtbot.addWidget(started.window)
    started.window.resize(1300, 800)
    started.window.show()
    qtbot.waitExposed(started.window)
    yield started
    for translator in started.app.findChildren(QTranslator):
        QApplication.removeTranslator(translator)
    started.window.close()
    started.hook.uninstall()
    started.ctx.close()


def test_the_main_window_speaks_english(english_app) -> None:
    window = english_app.window
    window.workspace.build_all()
    assert labels.interface_language() == "en"
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&Set", "F&ormat", "&Insert", "&Go", "&Tools", "&Help"]
    assert_english(window, "Question sets", "Deadlines", "Search", "Sources", "Earlier answers", "Checks",
                   "Ref. no.", "Subject", "Asked by", "Deadline", "Answered", "All statuses",
                   "in progress", "Question 1", "Answer 2 and 3", "draft", "approved", "History")
    details = window.workspace.header.details.text()
    assert "Reference number" in details and "Submitted" in details and "Kenmerk" not in details
    assert window.sets.counts.text().startswith("Sets: 1")
    window.left.setCurrentWidget(window.due)
    window.due.show_sets(window.sets.model.sets, dt.date.today())
    assert_english(window.due, "What is due when", "Working days")


def test_each_dialog_speaks_english(english_app, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    window = english_app.window
    qs = window.workspace.qs
    assert qs is not None

    about = window.show_about()
    assert_english(about, "About kvdesk", "Open log folder", "Open data folder")
    about.close()

    dialog = window.open_import()
    assert_english(dialog, "Import question set", "Analyse", "Choose file…", "Text of the questions")
    dialog.set_question_set(qs)
    assert_english(dialog, "Merge with next", "Split at cursor", "Renumber from 1", "Member", "Party")
    dialog.reject()

    from kvdesk.gui.export_dialog import DELAY, REPLY

    reply = window.open_export(qs, REPLY)
    assert_english(reply, "Export answers document", "Browse…", "Also as PDF", "Export")
    reply.reject()
    delay = window.open_export(qs, DELAY)
    assert_english(delay, "Export delay notice", "Reason for the delay")
    delay.reject()

    status = window.change_status()
    assert status is not None
    assert_english(status, "Status of the set", "Record", "delay notified — delay notice sent", "sent")
    status.reject()

    house = window.edit_house_style()
    assert house is not None
    assert_english(house, "House style", "Return address", "Signatory (name)", "Preview as an image")
    house.reject()

    viewer = window.open_readonly(qs.id, [2])
    assert_english(viewer, "Open in workspace", "Questions and answers, read-only")
    html = viewer.browser.toHtml()
    assert "Reference number" in html and "Answer 2 and 3" in html and "Kenmerk" not in html
    viewer.close()

    row = window.workspace.rows[0]
    history = window.open_history(row)
    assert history is not None
    assert_english(history, "History of answer 1", "Restore", "Compare with:")
    history.close()


def test_messages_outside_the_window_speak_english(english, qtbot) -> None:
    from kvdesk.gui.errors import ErrorDialog
    from kvdesk.gui.readonly import ReadOnlyError
    from kvdesk.gui.start_dialogs import LockedBox

    box = LockedBox(RuntimeError("kvdesk op PC-17 sinds 09:12"))
    qtbot.addWidget(box)
    assert_english(box, "kvdesk is already open", "Open read-only", "Exit")
    error = ErrorDialog("RuntimeError: kapot", "Traceback…", None)
    qtbot.addWidget(error)
    assert_english(error, "kvdesk: unexpected error", "Copy", "Close")
    assert str(ReadOnlyError()).startswith("kvdesk has been opened read-only")


def test_checks_use_the_findings_english_when_the_interface_is_english(english, qtbot) -> None:
    from kvdesk.core.checks import CheckSettings
    from kvdesk.gui.checks_panel import ChecksPanel
    from kvdesk.services.checking import run_checks
    from tests.gui.helpers import make_set

    panel = ChecksPanel(checker=lambda qs: run_checks(qs, CheckSettings(spelling=False)))
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.checked, timeout=10_000):
        panel.check(make_set(2))
    report = panel.report
    assert report.findings, "a set without answers has findings"
    shown = [panel.tree.topLevelItem(i).text(2) for i in range(panel.tree.topLevelItemCount())]
    assert shown[: len(report.findings)] == [f.message("en") for f in report.findings]
    assert panel.tree.topLevelItem(0).text(0) in ("error", "warning")
    assert "error" in panel.summary.text()
    assert_english(panel, "Level", "Question", "Finding")
    panel.shutdown()


def test_stored_values_read_in_the_interface_language(qapp: QApplication) -> None:
    assert labels.interface_language() == "nl"
    assert labels.status_text("in behandeling") == "in behandeling"
    assert labels.numbers_text([4, 2, 3]) == "2, 3 en 4"
    assert labels.short_date(dt.date(2026, 3, 5)) == "5 mrt 2026"
    translator = QTranslator()
    assert translator.load(str(QM))
    qapp.installTranslator(translator)
    try:
        assert labels.interface_language() == "en"
        assert labels.status_text("in behandeling") == "in progress"
        assert labels.status_text("onbekende status") == "onbekende status"
        assert labels.numbers_text([4, 2, 3]) == "2, 3 and 4"
        assert labels.short_date(dt.date(2026, 3, 5)) == "5 Mar 2026"
        assert QCoreApplication.translate("SearchPanel", "%n resultaat/resultaten in %1 set(s)", "", 1) \
            == "1 result in %1 set"
        assert QCoreApplication.translate("SearchPanel", "%n resultaat/resultaten in %1 set(s)", "", 7) \
            == "7 results in %1 set(s)"
    finally:
        qapp.removeTranslator(translator)
