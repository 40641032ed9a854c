"""References of a stored set: detect, fetch, queue, attach, cite — against a real SQLite file and servers."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring

from kvdesk import cli
from kvdesk.core.model import Answer, Footnote, Question, QuestionSet, Reference
from kvdesk.services import network
from kvdesk.services.context import Context
from kvdesk.services.references import (
    ReferenceServices,
    attach_file,
    attach_text,
    attachment_path,
    cite,
    detect_references,
    fetch_references,
    fetch_references_cli,
    queued_references,
    refresh_references,
    retry_queued,
)
from kvdesk.services.sets import UserError
from tests.sources.fetch.servers import ARTICLE_KEEP, PDF_LINES, NewsServer, dead_port, make_pdf, start_http


@pytest.fixture(autouse=True)
def _no_env_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def news(monkeypatch: pytest.MonkeyPatch) -> Iterator[NewsServer]:
    server = start_http()
    # The server stands in for officielebekendmakingen too.
    monkeypatch.setenv("KVDESK_OB_BASE_URL", server.base)
    yield server
    server.stop()


def make_set(ctx: Context, footnotes: list[Footnote], kenmerk: str = "2025Z26001") -> QuestionSet:
    qs = QuestionSet(
        kenmerk=kenmerk,
        submitted_on=dt.date(2025, 12, 31),
        subject="het artikel ‘Woede om miljoenenorder: vier miljoen slimme meters komen straks uit China’",
        questions=[Question(n.number, f"Vraag over bron {n.number}?", footnotes=[n.number]) for n in footnotes],
        footnotes=footnotes,
    )
    return ctx.repo.add_set(qs)


def test_detect_stores_references_and_keeps_fetched_text_on_reimport(ctx: Context, news: NewsServer) -> None:
    qs = make_set(ctx, [Footnote(1, f"De Dagkrant, 30 december 2025, 'Slimme meters' ({news.url('/nieuws/a')})"),
                        Footnote(2, "Telegraaf van 30 december 2025")])
    refs = detect_references(ctx, qs.id)  # type: ignore[arg-type]
    assert [(r.kind, r.footnote, r.questions, r.status) for r in refs] == [
        ("news", 1, [1], "new"), ("news", 2, [2], "new")]
    fetch_references(ctx, qs.key)
    fetched = ctx.repo.references(qs.id)[0]  # type: ignore[arg-type]
    assert fetched.status == "fetched"

    # The set is imported again with the second footnote gone: the fetched one keeps its text and id.
    qs.footnotes = qs.footnotes[:1]
    qs.questions = qs.questions[:1]
    again = refresh_references(ctx, qs)
    assert [(r.id, r.status) for r in again] == [(fetched.id, "fetched")]
    assert again[0].text == fetched.text


def test_fetch_a_whole_set_and_read_it_after_the_server_is_gone(ctx: Context, news: NewsServer) -> None:
    archive = QuestionSet(kenmerk="2024Z14247", subject="slimme meters", header="Vragen van het lid X over slimme meters",
                          questions=[Question(1, "Wat is de stand van de uitrol van slimme meters?")],
                          answers=[Answer([1], "De uitrol is **bijna** klaar.")])
    ctx.repo.add_set(archive, origin="archive")
    qs = make_set(ctx, [
        Footnote(1, f"De Dagkrant, 30 december 2025, ({news.url('/nieuws/slimme-meters')})"),
        Footnote(2, f"Onderzoeksbureau, rapport {news.url('/rapport.pdf')}"),
        Footnote(3, "Kamerstuk 36 410, nr. 31"),
        Footnote(4, "Aanhangsel Handelingen II, vergaderjaar 2024–2025, nr. 135"),
        Footnote(5, "Telegraaf van 30 december 2025"),
        Footnote(6, "Zie de antwoorden op vraagnummer 2024Z14247"),
    ])
    seen: list[tuple[str, int, int]] = []
    report = fetch_references(ctx, "2025Z26001", progress=lambda r, d, t: seen.append((r.status, d, t)))
    assert len(report.fetched) == 4 and len(report.failed) == 1 and len(report.skipped) == 1
    assert ("fetching", 2, 6) in seen and seen[-1][1:] == (6, 6)
    news.stop()

    by_note = {r.footnote: r for r in ctx.repo.references(qs.id)}  # type: ignore[arg-type]
    article = by_note[1]
    assert article.status == "fetched" and ARTICLE_KEEP[0] in (article.text or "")
    assert article.title == "Woede om miljoenenorder: vier miljoen slimme meters komen straks uit China"
    assert article.author == "Jan de Vries" and article.fetched_at is not None
    original = attachment_path(ctx, article)
    assert original is not None and original.read_bytes().startswith(b"<!DOCTYPE html>")
    assert original.parent == ctx.data_dir / "attachments" and len(original.stem) == 64

    assert PDF_LINES[2] in (by_note[2].text or "") and by_note[2].content_type == "application/pdf"
    assert "slimme meters" in (by_note[3].text or "")
    assert by_note[3].parts["source_url"] == f"{news.base}/kst-36410-31.html"
    assert by_note[4].status == "failed" and "niet gevonden" in (by_note[4].error or "").lower()
    assert not by_note[4].parts.get("queued")  # a missing document does not come back by waiting
    assert by_note[5].status == "new" and report.skipped[0].footnote == 5
    assert by_note[6].parts["source"] == "archief" and "De uitrol is bijna klaar." in (by_note[6].text or "")


def test_network_failures_are_queued_and_retried_when_back(ctx: Context) -> None:
    port = dead_port()
    make_set(ctx, [Footnote(1, f"De Dagkrant, 30 december 2025 (http://127.0.0.1:{port}/nieuws/offline)")])
    report = fetch_references(ctx, "2025Z26001")
    assert len(report.queued) == 1
    assert [r.footnote for _s, r in queued_references(ctx)] == [1]

    server = start_http(port)  # the network is back
    try:
        again = retry_queued(ctx)
    finally:
        server.stop()
    assert [r.status for r in again.fetched] == ["fetched"]
    assert queued_references(ctx) == []


def test_cli_exit_codes_and_one_line_per_failure(ctx: Context, news: NewsServer,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    make_set(ctx, [Footnote(1, f"De Dagkrant, 30 december 2025 ({news.url('/nieuws/x')})"),
                   Footnote(2, f"Weg, 1 januari 2025 ({news.url('/weg')})"),
                   Footnote(3, f"Lus, 1 januari 2025 ({news.url('/lus')})")])
    ctx.close()
    status = cli.run(["fetch-references", "2025Z26001"])
    out, err = capsys.readouterr()
    assert status == 1
    assert out.count("opgehaald:") == 1
    lines = err.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("mislukt: [") for line in lines)
    assert "Traceback" not in err
    # A second run retries the two failures (they fail again); the fetched one is not fetched twice.
    status = cli.run(["fetch-references", "2025Z26001"])
    out, err = capsys.readouterr()
    assert status == 1 and "opgehaald:" not in out and len(err.strip().splitlines()) == 2
    assert cli.run(["fetch-references", "2099Z99999"]) == 2


def test_cli_all_fetched_is_exit_0(ctx: Context, news: NewsServer) -> None:
    make_set(ctx, [Footnote(1, f"De Dagkrant, 30 december 2025 ({news.url('/nieuws/x')})"),
                   Footnote(2, "Telegraaf van 30 december 2025")])
    out: list[str] = []
    err: list[str] = []
    assert fetch_references_cli(ctx, "2025Z26001", out=out.append, err=err.append) == 0
    assert err == []
    assert any(line.startswith("overgeslagen: [2] Telegraaf") for line in out)


def test_attach_file_and_text_by_hand(ctx: Context, tmp_path: Path) -> None:
    qs = make_set(ctx, [Footnote(1, "Telegraaf van 30 december 2025"), Footnote(2, "NRC, 2 januari 2026, 'Meters'")])
    refs = detect_references(ctx, qs.id)  # type: ignore[arg-type]
    pdf = tmp_path / "telegraaf.pdf"
    pdf.write_bytes(make_pdf(["Vier miljoen slimme meters uit China", "Netbeheerders kozen de goedkoopste"]))
    ref = attach_file(ctx, refs[0].id, pdf)  # type: ignore[arg-type]
    assert ref.status == "attached" and "Vier miljoen slimme meters" in (ref.text or "")
    assert ref.parts["attached_file"] == "telegraaf.pdf"
    assert attachment_path(ctx, ref).read_bytes() == pdf.read_bytes()  # type: ignore[union-attr]
    # The subject supplied the title; the citation is complete.
    assert cite(ref) == ("Telegraaf, 30 december 2025, 'Woede om miljoenenorder: vier miljoen slimme meters "
                         "komen straks uit China'")

    pasted = attach_text(ctx, refs[1].id, "  De tekst van het NRC-artikel.  ")  # type: ignore[arg-type]
    assert pasted.text == "De tekst van het NRC-artikel." and pasted.status == "attached"
    with pytest.raises(UserError, match="geen tekst"):
        attach_text(ctx, refs[1].id, "   ")  # type: ignore[arg-type]
    with pytest.raises(UserError, match="kies een PDF"):
        bad = tmp_path / "foto.jpg"
        bad.write_bytes(b"\xff\xd8")
        attach_file(ctx, refs[1].id, bad)  # type: ignore[arg-type]
    # Attached text survives a new detection run (a re-import).
    assert {r.status for r in detect_references(ctx, qs.id)} == {"attached"}  # type: ignore[arg-type]


def test_show_json_lists_references_with_the_contract_keys(ctx: Context, news: NewsServer,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    import json

    make_set(ctx, [Footnote(1, f"De Dagkrant, 30 december 2025 ({news.url('/nieuws/x')})")])
    fetch_references(ctx, "2025Z26001")
    ctx.close()
    assert cli.run(["show", "2025Z26001", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ref = data["references"][0]
    for key in ("kind", "citation", "url", "title", "author", "published_on", "text", "fetched_at", "status"):
        assert key in ref
    assert ref["status"] == "fetched" and ref["published_on"] == "2025-12-30"


def test_proxy_password_lives_in_the_keyring_only(ctx: Context) -> None:
    settings = network.NetworkSettings(proxy="http://proxy.ministerie.example:8080", proxy_user="j.jansen")
    network.save_settings(ctx, settings)
    assert network.remember_proxy_password(settings, "geheim-123") is True
    loaded = network.load_settings(ctx)
    assert network.fetch_settings(ctx, loaded).proxy_password == "geheim-123"
    assert "geheim" not in (ctx.data_dir / "network.json").read_text(encoding="utf-8")
    network.forget_proxy_password(loaded)
    assert network.proxy_password(loaded) is None


def test_without_a_keyring_the_password_is_kept_for_this_session_only(ctx: Context) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        settings = network.NetworkSettings(proxy="http://proxy.example:3128", proxy_user="a.b")
        assert network.proxy_password(settings) is None  # NoKeyringError is not an error for the user
        assert network.remember_proxy_password(settings, "pw") is False
        assert network.proxy_password(settings) == "pw"
        network.forget_proxy_password(settings)
        assert network.proxy_password(settings) is None
    finally:
        keyring.set_keyring(previous)


def test_services_facade_for_the_window(ctx: Context, news: NewsServer) -> None:
    qs = make_set(ctx, [Footnote(1, "Telegraaf van 30 december 2025")])
    services = ReferenceServices(ctx)
    [ref] = services.detect(qs.id)  # type: ignore[arg-type]
    assert services.search_url(ref).startswith("https://duckduckgo.com/?q=Telegraaf+Woede")
    ref = services.set_url(ref.id, news.url("/nieuws/gevonden"))  # type: ignore[arg-type]
    report = services.fetch(qs.id, [ref.id])  # type: ignore[arg-type,list-item]
    assert [r.status for r in report.fetched] == ["fetched"]
    assert isinstance(services.references(qs.id)[0], Reference)  # type: ignore[arg-type]
