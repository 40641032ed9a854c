"""The HTTP client for the open-data sources: base URLs from settings, timeouts, polite retries."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

import httpx

log = logging.getLogger(__name__)

TK_ODATA_BASE = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"
KOOP_SRU_BASE = "https://repository.overheid.nl/sru"


@dataclass
class OpenDataConfig:
    """Where the sources are and how patiently to ask them.

    The base URLs are settings so that the same code runs against the public services, a
    central mirror inside the ministry, or a local fake in the tests.
    """

    odata_base: str = TK_ODATA_BASE
    sru_base: str = KOOP_SRU_BASE
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    retries: int = 2  # extra attempts after a timeout or a server error
    retry_pause: float = 1.0  # seconds, doubled per attempt
    page_pause: float = 0.1  # between pages: the services publish no rate limit; be polite
    proxy: str | None = None
    user_agent: str = "kvdesk (Kamervragen-archief)"


class OpenDataError(Exception):
    """A request that failed; ``str()`` is one Dutch line that says what happened and what to do.

    ``reason``: ``timeout``, ``offline``, ``http`` (a refusal such as 400/404), ``server``
    (5xx), ``unreadable`` (not the JSON or XML that was expected). ``retry_later`` is true
    when the same request may work later.
    """

    def __init__(self, reason: str, message: str, url: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.url = url

    @property
    def retry_later(self) -> bool:
        return self.reason in {"timeout", "offline", "server"}


def _host(url: str) -> str:
    try:
        return httpx.URL(url).host or url
    except Exception:  # noqa: BLE001 - only for the message
        return url


class OpenDataClient:
    """GET JSON, XML or bytes with the configured limits; a context manager."""

    def __init__(self, config: OpenDataConfig | None = None, *, transport: httpx.BaseTransport | None = None) -> None:
        self.config = config or OpenDataConfig()
        timeout = httpx.Timeout(self.config.read_timeout, connect=self.config.connect_timeout)
        kwargs: dict[str, Any] = {
            "timeout": timeout, "follow_redirects": True,
            "headers": {"User-Agent": self.config.user_agent, "Accept-Encoding": "gzip, deflate"},
        }
        if transport is not None:
            kwargs["transport"] = transport
        elif self.config.proxy:
            kwargs["proxy"] = self.config.proxy
        if transport is None:
            try:
                import ssl

                import truststore

                # The operating system's certificate store: ministries inspect TLS with their own CA.
                kwargs["verify"] = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            except ImportError:  # pragma: no cover - truststore is a dependency
                pass
        self._http = httpx.Client(**kwargs)

    def __enter__(self) -> OpenDataClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def get(self, url: str, params: dict[str, str] | None = None) -> httpx.Response:
        """GET ``url``; retries timeouts and 5xx, raises :class:`OpenDataError` for the rest."""
        attempts = 1 + max(0, self.config.retries)
        pause = self.config.retry_pause
        last: OpenDataError | None = None
        for attempt in range(attempts):
            if attempt:
                time.sleep(pause)
                pause *= 2
            try:
                resp = self._http.get(url, params=params)
            except httpx.TimeoutException:
                last = OpenDataError(
                    "timeout", f"{_host(url)} antwoordt niet op tijd; probeer het later opnieuw "
                    f"(kvdesk gaat dan verder waar het stopte).", url)
                continue
            except (httpx.ConnectError, httpx.NetworkError) as exc:
                last = OpenDataError(
                    "offline", f"{_host(url)} is niet bereikbaar ({type(exc).__name__}); controleer de "
                    f"netwerkverbinding of de proxy-instellingen.", url)
                continue
            if resp.status_code >= 500:
                last = OpenDataError(
                    "server", f"{_host(url)} heeft een storing (HTTP {resp.status_code}); probeer het later opnieuw.",
                    url)
                continue
            if resp.status_code >= 400:
                raise OpenDataError("http", f"{_host(url)} weigert de vraag (HTTP {resp.status_code}): "
                                    f"{_error_message(resp)}", url)
            return resp
        assert last is not None
        log.warning("giving up on %s after %d attempts: %s", url, attempts, last)
        raise last

    def get_json(self, url: str, params: dict[str, str] | None = None) -> dict[str, Any]:
        resp = self.get(url, params)
        try:
            data = resp.json()
        except ValueError:
            raise OpenDataError("unreadable", f"{_host(url)} gaf geen JSON terug; is de adresinstelling juist?",
                                url) from None
        if not isinstance(data, dict):
            raise OpenDataError("unreadable", f"{_host(url)} gaf onverwachte JSON terug.", url)
        return data

    def pause(self) -> None:
        if self.config.page_pause > 0:
            time.sleep(self.config.page_pause)


def _error_message(resp: httpx.Response) -> str:
    """The server's own explanation: the OData error envelope, or the start of the body."""
    try:
        data = resp.json()
        message = data.get("error", {}).get("message") if isinstance(data, dict) else None
        if message:
            return " ".join(str(message).split())[:300]
    except ValueError:
        pass
    return " ".join(resp.text.split())[:200] or resp.reason_phrase
