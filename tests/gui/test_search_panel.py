"""The search panel and the similar-questions panel, with real services on a real database."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from kvdesk.core.model import Addressee, Answer, Member, Question, QuestionSet
from kvdesk.gui.search_panel import SearchPanel, SimilarQuestionsPanel
from kvdesk.services import searching
from kvdesk.services.context import Context


@pytest.fixture
def ctx(data_dir: Path) -> Iterator[Context]:
    context = Context.create(data_dir)
    context.repo.add_set(QuestionSet(
        kenmerk="2024Z18891", subject="escortbureaus", submitted_on=dt.date(2024, 11, 20),
        members=[Member("Tseggai", "GroenLinks-PvdA")], addressees=[Addressee("minister van Justitie en Veiligheid")],
        questions=[Question(1, "Kent u het bericht over vergunningen voor escortbureaus?"),
                   Question(2, "Hoeveel vergunningen zijn er verleend aan escortbureaus?")],
        answers=[Answer([1], "Ja."), Answer([2], "Er zijn 12 vergunningen verleend aan escortbureaus.")],
    ), origin="archive")
    context.repo.add_set(QuestionSet(
        kenmerk="2023Z00001", subject="woningbouw", submitted_on=dt.date(2023, 2, 1),
        members=[Member("Boer", "CDA")], questions=[Question(1, "Hoeveel vergunningen voor woningbouw zijn verleend?")],
    ), origin="archive")
    yield context
    context.close()


def test_typing_searches_off_the_gui_thread_and_groups_per_set(qtbot, ctx: Context) -> None:
    panel = SearchPanel(lambda text, f: searching.search(ctx, text, filters=f, prefix_last=True), debounce_ms=10)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.resultsShown, timeout=5000) as shown:
        panel.field.setText("vergunning")
    assert shown.args == [4]
    tops = [panel.results.topLevelItem(i).text(0) for i in range(panel.results.topLevelItemCount())]
    assert sorted(t[:10] for t in tops) == ["2023Z00001", "2024Z18891"]
    first = panel.results.topLevelItem(tops.index(next(t for t in tops if t.startswith("2024Z18891"))))
    assert first.childCount() == 3  # both questions and the answer, under one heading
    label = panel.results.itemWidget(first.child(0), 0)
    assert isinstance(label, QLabel) and "<b style" in label.text()


def test_filters_reach_the_search(qtbot, ctx: Context) -> None:
    panel = SearchPanel(lambda text, f: searching.search(ctx, text, filters=f), debounce_ms=10)
    qtbot.addWidget(panel)
    panel.year.setValue(2023)
    with qtbot.waitSignal(panel.resultsShown, timeout=5000) as shown:
        panel.field.setText("vergunningen")
    assert shown.args == [1]
    with qtbot.waitSignal(panel.resultsShown, timeout=5000) as shown:
        panel.year.setValue(0)
        panel.party.setText("cda")
    assert shown.args == [1]
    with qtbot.waitSignal(panel.resultsShown, timeout=5000) as shown:
        panel.party.setText("")
        panel.answered.setCurrentIndex(1)  # answered only
    assert shown.args == [3]  # the two answered questions and the answer that mentions it


def test_opening_a_result_emits_the_set_and_question(qtbot, ctx: Context) -> None:
    panel = SearchPanel(lambda text, f: searching.search(ctx, text, filters=f), debounce_ms=10)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.resultsShown, timeout=5000):
        panel.field.setText("verleend escortbureaus")
    child = panel.results.topLevelItem(0).child(0)
    with qtbot.waitSignal(panel.resultOpened) as opened:
        panel.results.itemActivated.emit(child, 0)
    set_id, numbers, kind = opened.args
    assert set_id == ctx.repo.resolve("2024Z18891") and numbers == [2] and kind in ("question", "answer")


def test_a_slow_old_query_does_not_overwrite_newer_results(qtbot) -> None:
    import threading

    release = threading.Event()

    def search(text: str, _filters: object) -> list:
        if text == "oud":
            release.wait(5)
            raise AssertionError("stale results must be ignored, this should not show")
        return []

    panel = SearchPanel(search, debounce_ms=10)
    qtbot.addWidget(panel)
    panel.field.setText("oud")
    panel.run_query()
    with qtbot.waitSignal(panel.resultsShown, timeout=5000) as shown:
        panel.field.setText("nieuw")
        panel.run_query()
    release.set()
    qtbot.wait(100)
    assert shown.args == [0] and "mislukt" not in panel.status.text()


def test_similar_panel_offers_citeer_and_neem_over(qtbot, ctx: Context) -> None:
    draft = ctx.repo.add_set(QuestionSet(kenmerk="2025Z00001", questions=[
        Question(1, "Hoeveel vergunningen zijn er dit jaar verleend aan escortbureaus in Amsterdam?")]))
    panel = SimilarQuestionsPanel(lambda s, n: searching.similar_questions(ctx, s, n))
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.resultsShown, timeout=5000) as shown:
        panel.show_question(draft.id, 1)
    assert shown.args[0] >= 1
    card = panel.cards[0]
    buttons = {b.text(): b for b in card.findChildren(QPushButton)}
    source = ctx.repo.resolve("2024Z18891")
    with qtbot.waitSignal(panel.takeOverRequested) as took:
        buttons["Neem over"].click()
    assert took.args == [source, 2]
    with qtbot.waitSignal(panel.citeRequested) as cited:
        buttons["Citeer"].click()
    assert cited.args == [source]
    # What the main window does with the signals:
    answer = searching.take_over(ctx, draft.id, [1], *took.args)
    assert "12 vergunningen" in answer.text
