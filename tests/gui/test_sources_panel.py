"""The sources panel with the real services, a real SQLite file and a real news server."""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication
from pytestqt.qtbot import QtBot

from kvdesk.core.model import Footnote, Question, QuestionSet, Reference
from kvdesk.gui.sources_panel import SafeReader, SourcesPanel, reader_html
from kvdesk.services.context import Context
from kvdesk.services.references import ReferenceServices
from tests.sources.fetch.servers import ARTICLE_KEEP, NewsServer, make_pdf, start_http


@pytest.fixture(autouse=True)
def _no_env_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def news(monkeypatch: pytest.MonkeyPatch) -> Iterator[NewsServer]:
    server = start_http()
    monkeypatch.setenv("KVDESK_OB_BASE_URL", server.base)
    yield server
    server.stop()


@pytest.fixture
def panel(qtbot: QtBot, ctx: Context) -> Iterator[SourcesPanel]:
    widget = SourcesPanel(ReferenceServices(ctx), open_links=False)
    qtbot.addWidget(widget)
    widget.resize(420, 700)
    widget.show()
    yield widget
    widget.close()


def stored_set(ctx: Context, news: NewsServer) -> int:
    qs = QuestionSet(
        kenmerk="2025Z26001",
        submitted_on=dt.date(2025, 12, 31),
        subject="het artikel ‘Woede om miljoenenorder: vier miljoen slimme meters komen straks uit China’",
        questions=[
            Question(1, "Bent u bekend met de berichtgeving dat netbeheerders vier miljoen slimme meters inkopen?",
                     footnotes=[1]),
            Question(2, "Welke afwegingen zijn gemaakt?", footnotes=[2]),
            Question(3, "Wat zegt de Telegraaf?", footnotes=[3]),
        ],
        footnotes=[
            Footnote(1, f"De Dagkrant, 30 december 2025, ({news.url('/nieuws/slimme-meters')})"),
            Footnote(2, f"De Dagkrant, 29 december 2025, ({news.url('/bestaat-niet')})"),
            Footnote(3, "Telegraaf van 30 december 2025"),
        ],
    )
    stored = ctx.repo.add_set(qs)
    assert stored.id is not None
    return stored.id


def load(qtbot: QtBot, panel: SourcesPanel, set_id: int) -> None:
    panel.set_set(set_id)
    qtbot.waitUntil(lambda: not panel.busy and panel.list.count() == 3, timeout=10000)


def states(panel: SourcesPanel) -> list[str]:
    return [panel.list.item(i).text().split("\n")[1] for i in range(panel.list.count())]


def test_lists_references_with_their_state(qtbot: QtBot, panel: SourcesPanel, ctx: Context, news: NewsServer) -> None:
    load(qtbot, panel, stored_set(ctx, news))
    assert states(panel) == ["nog niet opgehaald", "nog niet opgehaald", "geen link — zoeken of bestand toevoegen"]


def test_fetch_runs_off_the_gui_thread_and_marks_failures(qtbot: QtBot, panel: SourcesPanel, ctx: Context,
                                                         news: NewsServer) -> None:
    load(qtbot, panel, stored_set(ctx, news))
    news.delay = 0.3
    gui_thread = threading.current_thread()
    fetch_threads: list[threading.Thread] = []
    original = panel.services.fetch

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        fetch_threads.append(threading.current_thread())
        return original(*args, **kwargs)

    panel.services.fetch = spy  # type: ignore[method-assign]
    panel.fetch_all()
    assert panel.busy  # fetch_all returned at once; the work goes on in the background
    qtbot.waitUntil(lambda: not panel.busy, timeout=15000)
    assert fetch_threads and fetch_threads[0] is not gui_thread
    assert states(panel) == ["opgehaald", "niet gelukt — opnieuw proberen", "geen link — zoeken of bestand toevoegen"]
    panel.list.setCurrentRow(1)
    assert panel.state.text().startswith("niet gelukt — opnieuw proberen: Niet gevonden (HTTP 404)")
    assert panel.retry_button.text() == "Opnieuw proberen" and panel.retry_button.isEnabled()


def test_reader_shows_stored_text_offline_with_key_terms_highlighted(qtbot: QtBot, panel: SourcesPanel,
                                                                     ctx: Context, news: NewsServer) -> None:
    set_id = stored_set(ctx, news)
    load(qtbot, panel, set_id)
    panel.fetch_all()
    qtbot.waitUntil(lambda: not panel.busy, timeout=15000)
    news.stop()  # offline from here on

    panel.set_set(set_id)
    qtbot.waitUntil(lambda: not panel.busy and panel.list.count() == 3, timeout=10000)
    panel.list.setCurrentRow(0)
    panel.set_question_text("Bent u bekend met de berichtgeving dat netbeheerders vier miljoen slimme meters inkopen?")
    qtbot.waitUntil(lambda: not panel.rendering, timeout=5000)
    text = panel.reader.toPlainText()
    assert ARTICLE_KEEP[0] in text
    html_now = panel.reader.toHtml()
    assert "background-color:#fff2a8" in html_now
    _page, marks = reader_html(panel.current_reference(), panel._terms)  # type: ignore[arg-type]
    assert marks >= 3


def test_reader_never_loads_remote_resources(qtbot: QtBot, news: NewsServer) -> None:
    reader = SafeReader()
    qtbot.addWidget(reader)
    reader.show()
    reader.setHtml(f"<p>foto <img src='{news.url('/foto.jpg')}'></p>"
                   f"<link rel='stylesheet' href='{news.url('/stijl.css')}'><script src='{news.url('/x.js')}'></script>")
    qtbot.wait(200)
    assert news.hits == []
    assert news.url("/foto.jpg") in reader.blocked
    clicked: list[str] = []
    reader.linkRequested.connect(clicked.append)
    reader.anchorClicked.emit(QUrl("https://nos.nl/artikel"))
    assert clicked == ["https://nos.nl/artikel"]
    assert reader.source().isEmpty()  # the browser itself went nowhere


def test_cite_emits_a_formatted_citation(qtbot: QtBot, panel: SourcesPanel, ctx: Context, news: NewsServer) -> None:
    load(qtbot, panel, stored_set(ctx, news))
    panel.list.setCurrentRow(2)
    with qtbot.waitSignal(panel.citeRequested, timeout=2000) as signal:
        panel.cite_button.click()
    assert signal.args == ["Telegraaf, 30 december 2025, 'Woede om miljoenenorder: vier miljoen slimme meters komen "
                           "straks uit China'"]


def test_citation_without_link_offers_a_search_link(qtbot: QtBot, panel: SourcesPanel, ctx: Context,
                                                    news: NewsServer) -> None:
    load(qtbot, panel, stored_set(ctx, news))
    panel.list.setCurrentRow(2)
    assert panel.search_link.isVisible()
    assert "duckduckgo.com/?q=Telegraaf" in panel.search_link.text()
    with qtbot.waitSignal(panel.openUrlRequested, timeout=2000) as signal:
        panel.search_link.linkActivated.emit("https://duckduckgo.com/?q=Telegraaf")
    assert signal.args == ["https://duckduckgo.com/?q=Telegraaf"]


def test_drop_a_pdf_onto_the_panel_attaches_it(qtbot: QtBot, panel: SourcesPanel, ctx: Context, news: NewsServer,
                                                tmp_path: Path) -> None:
    load(qtbot, panel, stored_set(ctx, news))
    panel.list.setCurrentRow(2)
    pdf = tmp_path / "telegraaf.pdf"
    pdf.write_bytes(make_pdf(["Vier miljoen slimme meters komen uit China"]))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(pdf))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    panel.dropEvent(event)
    qtbot.waitUntil(lambda: not panel.busy and states(panel)[2] == "toegevoegd", timeout=10000)
    assert "Vier miljoen slimme meters komen uit China" in panel.reader.toPlainText()
    assert not panel.search_link.isVisible()


def test_paste_text_and_paste_a_link(qtbot: QtBot, panel: SourcesPanel, ctx: Context, news: NewsServer) -> None:
    load(qtbot, panel, stored_set(ctx, news))
    panel.list.setCurrentRow(2)
    QGuiApplication.clipboard().setText("De tekst uit de krant over de slimme meters.")
    panel.paste_from_clipboard()
    qtbot.waitUntil(lambda: not panel.busy and states(panel)[2] == "toegevoegd", timeout=10000)
    assert "De tekst uit de krant" in panel.reader.toPlainText()

    panel.list.setCurrentRow(1)  # the 404: the user found the right link
    panel.attach_pasted(news.url("/nieuws/juiste-link"))
    qtbot.waitUntil(lambda: not panel.busy and states(panel)[1] == "opgehaald", timeout=10000)
    ref = panel.current_reference()
    assert isinstance(ref, Reference) and ref.url == news.url("/nieuws/juiste-link")


def test_errors_from_services_are_shown_not_raised(qtbot: QtBot, panel: SourcesPanel, ctx: Context,
                                                   news: NewsServer, tmp_path: Path) -> None:
    load(qtbot, panel, stored_set(ctx, news))
    panel.list.setCurrentRow(2)
    bad = tmp_path / "foto.jpg"
    bad.write_bytes(b"\xff\xd8")
    panel.attach_path(bad)
    qtbot.waitUntil(lambda: not panel.busy, timeout=10000)
    assert "kies een PDF" in panel.state.text()


def test_a_long_article_is_laid_out_in_slices_and_arrives_whole(qtbot: QtBot, panel: SourcesPanel, ctx: Context,
                                                              news: NewsServer) -> None:
    news.big_paragraphs = 300
    qs = ctx.repo.add_set(QuestionSet(kenmerk="2025Z26002", questions=[Question(1, "Vraag?", footnotes=[1])],
                                      footnotes=[Footnote(1, f"De Dagkrant, 1 december 2025 ({news.url('/groot-artikel')})")]))
    panel.set_set(qs.id)
    qtbot.waitUntil(lambda: not panel.busy and panel.list.count() == 1, timeout=10000)
    panel.fetch_all()
    qtbot.waitUntil(lambda: not panel.busy and states(panel) == ["opgehaald"], timeout=15000)
    qtbot.waitUntil(lambda: not panel.rendering, timeout=10000)
    text = panel.reader.toPlainText()
    assert "Alinea 0:" in text and "Alinea 299:" in text
    assert text.index("Alinea 0:") < text.index("Alinea 299:")
    # Key terms are marked in every slice, down to the last paragraph.
    panel.set_key_terms(["alinea"])
    qtbot.waitUntil(lambda: not panel.rendering, timeout=10000)
    assert panel.reader.toHtml().count("background-color:#fff2a8") >= 300


def test_references_coming_back_unchanged_keep_the_list_and_the_reader(qtbot: QtBot, panel: SourcesPanel,
                                                                      ctx: Context, news: NewsServer) -> None:
    """After a fetch the whole list comes back: lines change in place, the article is not laid out again."""
    set_id = stored_set(ctx, news)
    load(qtbot, panel, set_id)
    panel.fetch_all()
    qtbot.waitUntil(lambda: not panel.busy, timeout=15000)
    qtbot.waitUntil(lambda: not panel.rendering, timeout=5000)
    panel.list.setCurrentRow(0)
    qtbot.waitUntil(lambda: not panel.rendering, timeout=5000)
    first_item = panel.list.item(0)
    generation = panel._generation
    refs = panel.references()
    refs[1].status = "failed"
    refs[1].error = "Geen verbinding"
    panel._loaded(refs)
    assert panel.list.item(0) is first_item and panel.list.currentRow() == 0
    assert panel._generation == generation, "the shown article was laid out again"
    assert "niet gelukt" in panel.list.item(1).text()
