"""The checks panel, the overview of what is due, and the export dialog."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from kvdesk.core.checks import CheckSettings
from kvdesk.core.model import Addressee, Answer, Member, Question, QuestionSet
from kvdesk.gui.checks_panel import ChecksPanel, DueOverview
from kvdesk.gui.export_dialog import DELAY, REPLY, ExportDialog, available_profiles, run_export
from kvdesk.services.checking import run_checks


def _set(**kw) -> QuestionSet:
    qs = QuestionSet(
        kenmerk="2025Z25100",
        chamber="TK",
        submitted_on=dt.date(2025, 12, 31),
        members=[Member("Boswijk", "CDA"), Member("Klos", "D66")],
        addressees=[
            Addressee("minister van Buitenlandse Zaken", "minister", "Buitenlandse Zaken"),
            Addressee("minister van Klimaat en Groene Groei", "minister", "Klimaat en Groene Groei"),
        ],
        subject="slimme meters uit China",
        questions=[Question(1, "Bent u bekend met het bericht?"), Question(2, "Wat vindt u ervan?"),
                   Question(3, "Wat gaat u doen?")],
        answers=[Answer([1], "Ja."), Answer([2], "PM")],
        id=7,
    )
    for key, value in kw.items():
        setattr(qs, key, value)
    return qs


def _checker(qs: QuestionSet):
    return run_checks(qs, CheckSettings(spelling=False), today=dt.date(2026, 1, 5))


def test_findings_are_listed_and_clicking_one_jumps_to_its_question(qtbot) -> None:
    panel = ChecksPanel(checker=_checker)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.checked, timeout=10_000):
        panel.check(_set())
    texts = [panel.tree.topLevelItem(i).text(2) for i in range(panel.tree.topLevelItemCount())]
    numbers = [panel.tree.topLevelItem(i).text(1) for i in range(panel.tree.topLevelItemCount())]
    assert "3" in numbers  # question 3 has no answer
    assert any("PM" in t or "placeholder" in t.lower() or "aanduiding" in t.lower() for t in texts), texts
    assert "fout" in panel.summary.text()
    row = numbers.index("3")
    with qtbot.waitSignal(panel.jump_to, timeout=2_000) as blocker:
        panel.tree.itemClicked.emit(panel.tree.topLevelItem(row), 0)
    assert blocker.args == [3]
    panel.shutdown()


def test_a_failing_check_is_reported_in_the_panel(qtbot) -> None:
    def broken(_qs: QuestionSet):
        raise RuntimeError("woordenboek stuk")

    panel = ChecksPanel(checker=broken)
    qtbot.addWidget(panel)
    panel.check(_set())
    qtbot.waitUntil(lambda: "woordenboek stuk" in panel.summary.text(), timeout=10_000)
    panel.shutdown()


def test_due_overview_groups_sets_by_when_they_are_due(qtbot) -> None:
    today = dt.date(2026, 1, 21)  # a Wednesday
    late = _set(id=1, kenmerk="2025Z00001", submitted_on=dt.date(2025, 12, 1))
    due_today = _set(id=2, kenmerk="2025Z00002", submitted_on=dt.date(2025, 12, 31))
    this_week = _set(id=3, kenmerk="2025Z00003", submitted_on=dt.date(2026, 1, 2))
    later = _set(id=4, kenmerk="2025Z00004", submitted_on=dt.date(2026, 1, 20))
    sent = _set(id=5, kenmerk="2025Z00005", submitted_on=dt.date(2025, 12, 1), status="verzonden")
    view = DueOverview()
    qtbot.addWidget(view)
    counts = view.show_sets([late, due_today, this_week, later, sent], today)
    assert list(counts.values()) == [1, 1, 1, 1]
    heads = [view.tree.topLevelItem(i).text(0) for i in range(4)]
    assert heads[0].startswith("Te laat") and heads[1].startswith("Vandaag")
    with qtbot.waitSignal(view.open_set, timeout=2_000) as blocker:
        view.tree.itemActivated.emit(view.tree.topLevelItem(0).child(0), 0)
    assert blocker.args == [1]


def test_export_dialog_requires_a_reason_for_a_delay_notice(qtbot, tmp_path: Path) -> None:
    dialog = ExportDialog(_set(), kind=DELAY, out_dir=tmp_path, converter_available=lambda: False)
    qtbot.addWidget(dialog)
    assert "reden" in (dialog.validate() or "")
    assert not dialog.pdf_check.isEnabled()
    assert "LibreOffice" in dialog.pdf_check.toolTip()
    dialog.reason_edit.setPlainText("De afstemming vergt meer tijd.")
    assert dialog.validate() is None


def test_export_dialog_offers_the_answerers_and_writes_real_letters(qtbot, tmp_path: Path) -> None:
    qs = _set(answers=[Answer([1], "Ja."), Answer([2, 3], "Zie **hieronder**.")])
    dialog = ExportDialog(qs, kind=REPLY, out_dir=tmp_path, converter_available=lambda: True)
    qtbot.addWidget(dialog)
    labels = [dialog.answerer_combo.itemText(i) for i in range(dialog.answerer_combo.count())]
    assert labels[0].startswith("minister van Buitenlandse Zaken")
    assert any("samen" in label for label in labels)
    dialog.answerer_combo.setCurrentIndex(1)
    request = dialog.request()
    assert request.answerers == ["minister van Klimaat en Groene Groei"]
    assert available_profiles(None), "the neutral example profile ships"
    paths = run_export(qs, request)
    assert len(paths) == 2 and all(p.exists() for p in paths)
    text = "\n".join(p.text for p in docx.Document(str(paths[1])).paragraphs)
    assert "Antwoord 2 en 3" in text
    assert "minister van Klimaat en Groene Groei" in text


def test_export_dialog_rejects_a_file_as_folder(qtbot, tmp_path: Path) -> None:
    target = tmp_path / "een-bestand.txt"
    target.write_text("x")
    dialog = ExportDialog(_set(), out_dir=target, converter_available=lambda: True)
    qtbot.addWidget(dialog)
    assert "geen map" in (dialog.validate() or "")


@pytest.mark.parametrize("kind", [REPLY, DELAY])
def test_run_export_writes_into_a_new_folder(tmp_path: Path, kind: str) -> None:
    from kvdesk.gui.export_dialog import ExportRequest

    qs = _set(answers=[Answer([1, 2, 3], "Ja.")])
    out = tmp_path / "nieuw" / "brieven"
    paths = run_export(qs, ExportRequest(kind=kind, out_dir=out, reason="De afstemming vergt meer tijd."))
    assert paths and all(p.parent == out for p in paths)
