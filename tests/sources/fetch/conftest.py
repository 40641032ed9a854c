"""Fixtures: the news server, its HTTPS twin with a test CA that the system store trusts, a proxy."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sources.fetch.servers import (
    NewsServer,
    ProxyServer,
    ProxyState,
    TestPKI,
    make_pki,
    start_http,
    start_https,
)


@pytest.fixture
def news() -> Iterator[NewsServer]:
    server = start_http()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> TestPKI:
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def trusted_ca(pki: TestPKI, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test CA stands in for the OS trust store (OpenSSL reads SSL_CERT_FILE; truststore uses it)."""
    monkeypatch.setenv("SSL_CERT_FILE", str(pki.ca_cert))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    return pki.ca_cert


@pytest.fixture
def news_tls(pki: TestPKI) -> Iterator[NewsServer]:
    server = start_https(pki.server_cert, pki.server_key)
    yield server
    server.stop()


@pytest.fixture
def rogue_tls(pki: TestPKI) -> Iterator[NewsServer]:
    server = start_https(pki.rogue_cert, pki.rogue_key)
    yield server
    server.stop()


@pytest.fixture
def no_env_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy",
                 "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def proxy() -> Iterator[ProxyServer]:
    server = ProxyServer(ProxyState())
    yield server
    server.stop()


@pytest.fixture
def auth_proxy() -> Iterator[ProxyServer]:
    server = ProxyServer(ProxyState(user="j.jansen", password="geheim-123"))
    yield server
    server.stop()
