"""The fetcher against real servers on 127.0.0.1: text, limits, TLS, proxies."""
from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import pytest

from kvdesk.core.model import Reference
from kvdesk.sources.fetch import (
    MB,
    Fetcher,
    FetchError,
    FetchSettings,
    extract,
    extract_html,
    resolve_url,
    store_original,
)
from tests.sources.fetch.servers import (
    ARTICLE_KEEP,
    ARTICLE_NOISE,
    PDF_LINES,
    NewsServer,
    ProxyServer,
    article_html,
    dead_port,
)

pytestmark = pytest.mark.usefixtures("no_env_proxy")


def fetcher(**kw: object) -> Fetcher:
    settings = FetchSettings(connect_timeout=2, read_timeout=2, total_timeout=5)
    for k, v in kw.items():
        setattr(settings, k, v)
    return Fetcher(settings)


def failure(f: Fetcher, url: str) -> FetchError:
    with pytest.raises(FetchError) as info:
        f.fetch(url)
    message = str(info.value)
    assert "\n" not in message and message.endswith(".")
    return info.value


def test_news_page_text_without_boilerplate_and_with_metadata(news: NewsServer) -> None:
    with fetcher() as f:
        doc, text = f.fetch_text(news.url("/nieuws/slimme-meters"))
    assert doc.content_type == "text/html"
    for sentence in ARTICLE_KEEP:
        assert sentence in text.text
    leaked = [n for n in ARTICLE_NOISE if n in text.text]
    assert leaked == []
    assert text.title == "Woede om miljoenenorder: vier miljoen slimme meters komen straks uit China"
    assert text.author == "Jan de Vries"
    assert text.published_on == dt.date(2025, 12, 30)
    # The page links a tracker script and a photo; fetching the page does not fetch those.
    assert news.hits == ["/nieuws/slimme-meters"]


def test_latin1_page_decoded_by_its_header(news: NewsServer) -> None:
    with fetcher() as f:
        _doc, text = f.fetch_text(news.url("/oud-artikel"))
    assert text.title == "Coöperatie ëist opheldering"


def test_pdf_text_and_document_information(news: NewsServer) -> None:
    with fetcher() as f:
        doc, text = f.fetch_text(news.url("/rapport.pdf"))
    assert doc.is_pdf
    for line in PDF_LINES:
        assert line in text.text
    assert text.title == "Rapport EGALITE"
    assert text.author == "Onderzoeksbureau"
    assert text.published_on == dt.date(2024, 11, 12)


def test_404_is_not_found(news: NewsServer) -> None:
    with fetcher() as f:
        err = failure(f, news.url("/bestaat-niet"))
    assert err.reason == "not_found" and not err.network
    assert "Niet gevonden (HTTP 404)" in str(err)


def test_soft_404_of_officielebekendmakingen(news: NewsServer) -> None:
    with fetcher() as f:
        err = failure(f, news.url("/kst-99999-1.html"))
    assert err.reason == "not_found"


def test_server_error_is_worth_retrying(news: NewsServer) -> None:
    with fetcher() as f:
        err = failure(f, news.url("/kapot"))
    assert err.reason == "http_server" and err.network


def test_dead_host_is_a_network_failure() -> None:
    with fetcher() as f:
        err = failure(f, f"http://127.0.0.1:{dead_port()}/artikel")
    assert err.reason == "dead_host" and err.network
    assert "Geen verbinding met 127.0.0.1" in str(err)


def test_slow_server_hits_the_read_timeout(news: NewsServer) -> None:
    started = time.monotonic()
    with fetcher(read_timeout=0.5) as f:
        err = failure(f, news.url("/traag"))
    assert err.reason == "timeout" and err.network
    assert time.monotonic() - started < 2.5


def test_endless_response_hits_the_total_time_limit(news: NewsServer) -> None:
    started = time.monotonic()
    with fetcher(total_timeout=1.0) as f:
        err = failure(f, news.url("/eindeloos"))
    assert err.reason == "timeout"
    assert "stopt niet" in str(err)
    assert time.monotonic() - started < 3


def test_declared_size_over_50_mb_is_refused_before_downloading(news: NewsServer) -> None:
    with fetcher() as f:
        err = failure(f, news.url("/groot"))
    assert err.reason == "too_large" and "60 MB" in str(err) and "50 MB" in str(err)


def test_undeclared_size_stops_at_the_limit(news: NewsServer) -> None:
    with fetcher(max_bytes=2 * MB) as f:
        err = failure(f, news.url("/groot-zonder-lengte"))
    assert err.reason == "too_large"


def test_gzip_bomb_is_stopped_by_counting_decoded_bytes(news: NewsServer) -> None:
    with fetcher() as f:  # the default 50 MB limit; the bomb expands to 60 MB from ~60 KB
        err = failure(f, news.url("/bom"))
    assert err.reason == "decompression"
    assert "pakt uit tot meer dan 50 MB" in str(err)


def test_redirect_loop(news: NewsServer) -> None:
    with fetcher() as f:
        err = failure(f, news.url("/lus"))
    assert err.reason == "redirects" and "lus" in str(err)


def test_content_neither_html_nor_pdf(news: NewsServer) -> None:
    with fetcher() as f:
        err = failure(f, news.url("/plaatje.png"))
    assert err.reason == "content_type" and "image/png" in str(err)


def test_https_with_a_ca_from_the_system_store(news_tls: NewsServer, trusted_ca: Path) -> None:
    with fetcher() as f:
        _doc, text = f.fetch_text(news_tls.url("/nieuws/tls"))
    assert ARTICLE_KEEP[0] in text.text


def test_untrusted_certificate_is_refused_never_bypassed(rogue_tls: NewsServer, trusted_ca: Path) -> None:
    with fetcher() as f:
        err = failure(f, rogue_tls.url("/nieuws/nep"))
    assert err.reason == "certificate" and not err.network
    assert "niet vertrouwd" in str(err)
    assert rogue_tls.hits == []  # not a single request went through


def test_explicit_proxy_carries_http_and_https(news: NewsServer, news_tls: NewsServer, trusted_ca: Path,
                                               proxy: ProxyServer) -> None:
    with fetcher(proxy=proxy.url) as f:
        f.fetch(news.url("/nieuws/a"))
        f.fetch(news_tls.url("/nieuws/b"))
    assert proxy.state.seen[0].startswith(f"GET {news.url('/nieuws/a')}")
    assert proxy.state.seen[1].startswith(f"CONNECT 127.0.0.1:{news_tls.server_address[1]}")


def test_proxy_with_credentials(news: NewsServer, news_tls: NewsServer, trusted_ca: Path,
                                auth_proxy: ProxyServer) -> None:
    with fetcher(proxy=auth_proxy.url, proxy_user="j.jansen", proxy_password="geheim-123") as f:
        f.fetch(news.url("/nieuws/a"))
        f.fetch(news_tls.url("/nieuws/b"))
    assert len(auth_proxy.state.seen) == 2 and auth_proxy.state.refused == 0


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_proxy_without_the_password_says_so(scheme: str, news: NewsServer, news_tls: NewsServer, trusted_ca: Path,
                                            auth_proxy: ProxyServer) -> None:
    target = news if scheme == "http" else news_tls
    with fetcher(proxy=auth_proxy.url) as f:
        err = failure(f, target.url("/nieuws/a"))
    assert err.reason == "proxy_auth" and "Instellingen › Netwerk" in str(err)


def test_environment_proxy_is_used_and_no_proxy_respected(news: NewsServer, proxy: ProxyServer,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    with fetcher() as f:
        f.fetch(news.url("/nieuws/via-omgeving"))
    assert proxy.state.seen and "/nieuws/via-omgeving" in proxy.state.seen[0]
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with fetcher() as f:
        f.fetch(news.url("/nieuws/direct"))
    assert not any("/nieuws/direct" in line for line in proxy.state.seen)
    with fetcher(use_system_proxy=False) as f:
        monkeypatch.delenv("NO_PROXY")
        f.fetch(news.url("/nieuws/zonder-proxy"))
    assert not any("zonder-proxy" in line for line in proxy.state.seen)


def test_at_most_four_requests_at_a_time(news: NewsServer) -> None:
    news.delay = 0.3
    active = 0
    peak = 0
    lock = threading.Lock()
    original = Fetcher._fetch

    def counting(self: Fetcher, url: str):  # type: ignore[no-untyped-def]
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        try:
            return original(self, url)
        finally:
            with lock:
                active -= 1

    with fetcher() as f:
        f._fetch = counting.__get__(f)  # type: ignore[method-assign]
        threads = [threading.Thread(target=f.fetch, args=(news.url(f"/nieuws/{i}"),)) for i in range(10)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert peak == 4
    assert len(news.hits) == 10


def test_kamerstuk_and_aanhangsel_resolve_to_officielebekendmakingen() -> None:
    kst = Reference(kind="kamerstuk", citation="Kamerstuk 36 410, nr. 31", parts={"dossier": "36410", "volgnummer": 31})
    ah = Reference(kind="aanhangsel", citation="x", parts={"vergaderjaar": "2024-2025", "nummer": 135, "kamer": "II"})
    assert resolve_url(kst) == "https://zoek.officielebekendmakingen.nl/kst-36410-31.html"
    assert resolve_url(ah, "http://spiegel.local/") == "http://spiegel.local/ah-tk-20242025-135.html"
    assert resolve_url(Reference(kind="news", citation="Telegraaf van 30 december 2025")) is None


def test_original_is_stored_once_under_its_hash(tmp_path: Path) -> None:
    a = store_original(tmp_path, b"<html>een</html>", ".html")
    b = store_original(tmp_path, b"<html>een</html>", ".html")
    assert a == b and len(a) == 64 + 5
    assert (tmp_path / a).read_bytes() == b"<html>een</html>"
    assert [p.name for p in tmp_path.iterdir()] == [a]


def test_extraction_of_a_page_without_article_structure_falls_back() -> None:
    text = extract_html("<html><head><title>Leeg</title></head><body><nav>Menu</nav><p>Eén zin.</p></body></html>")
    assert "Eén zin." in text.text


def test_extract_dispatches_on_type(news: NewsServer) -> None:
    with fetcher() as f:
        doc = f.fetch(news.url("/nieuws/x"))
    assert ARTICLE_KEEP[1] in extract(doc).text
    assert article_html()  # the fixture page itself builds
