"""Fetching referenced articles and documents, and turning them into text that stays readable offline.

One :class:`Fetcher` holds one httpx client: connect and read timeouts, a total time limit per
document, the system and environment proxy (or an explicit one with credentials), and
truststore's SSL context so that the certificate store of the operating system decides — which is
where a ministry's TLS-inspection root lives. There is no insecure fallback: a certificate that
does not verify is a failed fetch with a clear message.

Limits, each with its own Dutch message (:class:`FetchError`): responses over ``max_bytes``
(counted after decompression, so a small gzip bomb is caught), a response that never ends
(``total_timeout``), redirect loops, content that is neither HTML nor PDF, a 404 (also the
"soft 404" of officielebekendmakingen), a dead host. At most ``max_concurrent`` requests run at
the same time, however many threads ask.

:func:`extract` turns the body into an :class:`Extracted` (title, author, date, text) with
trafilatura for HTML and pypdf for PDF; :func:`store_original` keeps the original bytes in the data
folder under their SHA-256.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import multiprocessing
import os
import re
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from kvdesk.core.model import Reference
from kvdesk.core.references import koop_identifier

log = logging.getLogger(__name__)

__all__ = [
    "FetchSettings",
    "FetchError",
    "FetchedDocument",
    "Extracted",
    "Fetcher",
    "ProcessExtractor",
    "extract",
    "extract_html",
    "extract_pdf",
    "store_original",
    "resolve_url",
    "DEFAULT_OB_BASE_URL",
]

DEFAULT_OB_BASE_URL = "https://zoek.officielebekendmakingen.nl"
MB = 1024 * 1024

HTML_TYPES = ("text/html", "application/xhtml+xml")
PDF_TYPES = ("application/pdf", "application/x-pdf")


@dataclass
class FetchSettings:
    """How to reach the internet and how much to accept from it."""

    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 50 * MB
    max_redirects: int = 10
    max_concurrent: int = 4
    proxy: str | None = None  # explicit proxy URL; None = the system/environment proxy
    proxy_user: str | None = None
    proxy_password: str | None = field(default=None, repr=False)
    use_system_proxy: bool = True
    ob_base_url: str = DEFAULT_OB_BASE_URL
    user_agent: str = "kvdesk (Kamervragen; bronnen lezen)"


class FetchError(Exception):
    """A fetch that did not succeed; ``str()`` is one Dutch line that says what happened and what to do.

    ``reason`` is a short code (``not_found``, ``dead_host``, ``offline``, ``timeout``,
    ``too_large``, ``decompression``, ``redirects``, ``certificate``, ``content_type``, ``http``,
    ``proxy_auth``, ``unreadable``); ``network`` is true when trying again later may work
    because the network, not the document, was the problem.
    """

    NETWORK_REASONS = frozenset({"dead_host", "offline", "timeout", "proxy", "http_server"})

    def __init__(self, reason: str, message: str, url: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.url = url

    @property
    def network(self) -> bool:
        return self.reason in self.NETWORK_REASONS

    def __reduce__(self) -> tuple[Any, ...]:
        # Raised in an extraction process and re-raised here: keep reason and URL.
        return (FetchError, (self.reason, str(self), self.url))


@dataclass
class FetchedDocument:
    """What came back: the final URL after redirects, its media type and the (decoded) bytes."""

    url: str
    content_type: str
    body: bytes
    fetched_at: dt.datetime
    charset: str | None = None

    @property
    def is_pdf(self) -> bool:
        return self.content_type in PDF_TYPES


@dataclass
class Extracted:
    """The readable part of a document: text without navigation, cookie walls and share bars."""

    text: str
    title: str | None = None
    author: str | None = None
    published_on: dt.date | None = None
    sitename: str | None = None


# ------------------------------------------------------------------------------ fetching


def _ssl_context() -> ssl.SSLContext:
    """The operating system's trust store (Windows certificate store, macOS keychain, OpenSSL paths)."""
    import truststore

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class Fetcher:
    """A thread-safe HTTP client with kvdesk's limits; use it as a context manager or call :meth:`close`."""

    def __init__(self, settings: FetchSettings | None = None,
                 extractor: Callable[[FetchedDocument], Extracted] | None = None) -> None:
        self.settings = settings or FetchSettings()
        self.extractor = extractor or extract
        s = self.settings
        self._slots = threading.BoundedSemaphore(max(1, s.max_concurrent))
        proxy: httpx.Proxy | None = None
        if s.proxy:
            auth = (s.proxy_user, s.proxy_password or "") if s.proxy_user else None
            proxy = httpx.Proxy(s.proxy, auth=auth)
        self._client = httpx.Client(
            timeout=httpx.Timeout(s.read_timeout, connect=s.connect_timeout),
            verify=_ssl_context(),
            proxy=proxy,
            # Environment variables and (on Windows) the registry's proxy, unless an explicit
            # proxy is set or the user switched the system proxy off.
            trust_env=s.use_system_proxy and proxy is None,
            follow_redirects=True,
            max_redirects=s.max_redirects,
            headers={
                "User-Agent": s.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.1",
                "Accept-Language": "nl,en;q=0.5",
            },
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    @contextmanager
    def _slot(self) -> Iterator[None]:
        self._slots.acquire()
        try:
            yield
        finally:
            self._slots.release()

    def fetch(self, url: str) -> FetchedDocument:
        """Fetch ``url`` within the limits; raises :class:`FetchError` with a Dutch message."""
        if not re.match(r"^https?://", url, re.IGNORECASE):
            raise FetchError("unsupported", f"'{url}' is geen webadres (http of https); voeg het document als bestand toe.",
                             url)
        with self._slot():
            try:
                return self._fetch(url)
            except FetchError:
                raise
            except httpx.TooManyRedirects:
                raise FetchError("redirects", f"De site {_host(url)} blijft doorverwijzen (een lus); open de link in de "
                                 "browser en voeg de pagina als bestand toe.", url) from None
            except httpx.ConnectTimeout:
                raise FetchError("timeout", f"Geen verbinding met {_host(url)} binnen "
                                 f"{self.settings.connect_timeout:g} seconden; probeer het later opnieuw.", url) from None
            except httpx.ReadTimeout:
                raise FetchError("timeout", f"{_host(url)} antwoordt niet binnen {self.settings.read_timeout:g} "
                                 "seconden; probeer het later opnieuw.", url) from None
            except httpx.ProxyError as exc:
                raise _proxy_error(exc, url) from None
            except httpx.ConnectError as exc:
                raise _connect_error(exc, url) from None
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
                raise FetchError("offline", f"De verbinding met {_host(url)} werd verbroken ({_first_line(exc)}); "
                                 "probeer het later opnieuw.", url) from None
            except httpx.DecodingError:
                raise FetchError("unreadable", f"Het antwoord van {_host(url)} is beschadigd (de compressie klopt niet); "
                                 "open de link in de browser en voeg de pagina als bestand toe.", url) from None
            except httpx.HTTPError as exc:
                raise FetchError("offline", f"Ophalen van {_host(url)} mislukt: {_first_line(exc)}; probeer het later "
                                 "opnieuw.", url) from None

    def _fetch(self, url: str) -> FetchedDocument:
        s = self.settings
        started = time.monotonic()
        with self._client.stream("GET", url) as resp:
            final = str(resp.url)
            _check_status(resp, url)
            if _soft_404(final):
                raise FetchError("not_found", f"Document niet gevonden op {_host(url)} (de site toont een "
                                 "foutpagina); controleer de verwijzing.", url)
            media, charset = _media_type(resp.headers.get("content-type", ""))
            if media and media not in HTML_TYPES + PDF_TYPES and media not in ("application/octet-stream",
                                                                                "binary/octet-stream"):
                raise FetchError("content_type", f"Dit is geen webpagina of PDF maar '{media}'; open de link in de "
                                 "browser en voeg het document als bestand toe.", url)
            length = resp.headers.get("content-length")
            if length and length.isdigit() and int(length) > s.max_bytes:
                raise FetchError("too_large", f"Het document is {int(length) // MB} MB, meer dan de grens van "
                                 f"{s.max_bytes // MB} MB; download het zelf en voeg het als bestand toe.", url)
            compressed = resp.headers.get("content-encoding", "identity").lower() not in ("", "identity")
            chunks: list[bytes] = []
            size = 0
            # iter_bytes() yields decoded bytes: counting them, not the wire bytes, is what stops
            # a small compressed response that would expand to gigabytes.
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > s.max_bytes:
                    if compressed and resp.num_bytes_downloaded * 20 < size:
                        raise FetchError("decompression", f"Het antwoord van {_host(url)} pakt uit tot meer dan "
                                         f"{s.max_bytes // MB} MB (uit {max(1, resp.num_bytes_downloaded // 1024)} KB); "
                                         "het is niet opgeslagen.", url)
                    raise FetchError("too_large", f"Het document is groter dan {s.max_bytes // MB} MB; download het "
                                     "zelf en voeg het als bestand toe.", url)
                if time.monotonic() - started > s.total_timeout:
                    raise FetchError("timeout", f"{_host(url)} blijft gegevens sturen en stopt niet (meer dan "
                                     f"{s.total_timeout:g} seconden); probeer het later opnieuw of voeg het "
                                     "document als bestand toe.", url)
                chunks.append(chunk)
            body = b"".join(chunks)
        if media not in HTML_TYPES + PDF_TYPES:
            sniffed = _sniff(body)
            if sniffed is None:
                raise FetchError("content_type", "Dit is geen webpagina of PDF; open de link in de browser en voeg "
                                 "het document als bestand toe.", url)
            media = sniffed
        return FetchedDocument(url=final, content_type=media, body=body, fetched_at=_now(), charset=charset)

    def fetch_text(self, url: str) -> tuple[FetchedDocument, Extracted]:
        """Fetch and extract in one go (what a worker thread does per reference)."""
        doc = self.fetch(url)
        return doc, self.extractor(doc)


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _host(url: str) -> str:
    return httpx.URL(url).host or url


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _media_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    m = re.search(r"charset=\"?([\w.:-]+)", params, re.IGNORECASE)
    if m:
        charset = m.group(1)
    return media.strip().lower(), charset


def _sniff(body: bytes) -> str | None:
    head = body[:1024].lstrip().lower()
    if head.startswith(b"%pdf-"):
        return "application/pdf"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head or b"<body" in head:
        return "text/html"
    return None


def _soft_404(url: str) -> bool:
    """officielebekendmakingen answers a missing id with HTTP 200 on an error page."""
    low = url.lower()
    return "/errors/404" in low or "fout404" in low


def _check_status(resp: httpx.Response, url: str) -> None:
    code = resp.status_code
    if code < 400:
        return
    host = _host(url)
    if code in (404, 410):
        raise FetchError("not_found", f"Niet gevonden (HTTP {code}) op {host}: de pagina bestaat niet (meer); "
                         "controleer de link of zoek het artikel op.", url)
    if code in (401, 403):
        raise FetchError("http", f"{host} weigert de toegang (HTTP {code}), bijvoorbeeld door een betaalmuur; "
                         "open de link in de browser en voeg het artikel als bestand toe.", url)
    if code == 407:
        raise FetchError("proxy_auth", "De proxyserver vraagt om een gebruikersnaam en wachtwoord; vul ze in bij "
                         "Instellingen › Netwerk.", url)
    if code == 429 or code >= 500:
        raise FetchError("http_server", f"{host} kan nu niet antwoorden (HTTP {code}); probeer het later opnieuw.",
                         url)
    raise FetchError("http", f"{host} antwoordt met HTTP {code}; controleer de link.", url)


def _connect_error(exc: httpx.ConnectError, url: str) -> FetchError:
    host = _host(url)
    chain: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and len(chain) < 6:
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__
    text = " ".join(str(e) for e in chain)
    if any(isinstance(e, ssl.SSLCertVerificationError) for e in chain) or "CERTIFICATE_VERIFY_FAILED" in text:
        return FetchError("certificate", f"Het certificaat van {host} wordt niet vertrouwd; de verbinding is niet "
                          "veilig en is daarom niet gemaakt. Meld het bij de servicedesk als dit een bekende site is.",
                          url)
    if any(isinstance(e, ssl.SSLError) for e in chain):
        return FetchError("certificate", f"Geen veilige verbinding met {host} mogelijk ({_first_line(exc)}).", url)
    lowered = text.lower()
    if any(k in lowered for k in ("name or service not known", "nodename nor servname", "getaddrinfo",
                                  "temporary failure in name resolution", "no address associated")):
        return FetchError("offline", f"{host} is niet te vinden: er is geen netwerk, of de naam bestaat niet. "
                          "Het ophalen staat klaar om opnieuw te proberen.", url)
    return FetchError("dead_host", f"Geen verbinding met {host} (de server reageert niet); probeer het later "
                      "opnieuw.", url)


def _proxy_error(exc: httpx.ProxyError, url: str) -> FetchError:
    text = str(exc)
    if "407" in text:
        return FetchError("proxy_auth", "De proxyserver vraagt om een gebruikersnaam en wachtwoord; vul ze in bij "
                          "Instellingen › Netwerk.", url)
    return FetchError("proxy", f"De proxyserver geeft geen verbinding met {_host(url)} ({_first_line(exc)}); "
                      "controleer de proxy bij Instellingen › Netwerk.", url)


# ------------------------------------------------------------------------------ where


def resolve_url(ref: Reference, ob_base_url: str = DEFAULT_OB_BASE_URL) -> str | None:
    """Where ``ref`` can be fetched: its own URL, or its officielebekendmakingen page."""
    if ref.url:
        return ref.url
    ident = koop_identifier(ref)
    if ident is None:
        return None
    return f"{ob_base_url.rstrip('/')}/{ident}.html"


# ------------------------------------------------------------------------------ extraction


def _trafilatura_config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    # The signal-based timeout works only on the main thread and never on Windows; fetches run
    # in worker threads.
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


_CONFIG: Any = None
_CONFIG_LOCK = threading.Lock()


def _config() -> Any:
    global _CONFIG
    with _CONFIG_LOCK:
        if _CONFIG is None:
            _CONFIG = _trafilatura_config()
        return _CONFIG


def _decode_html(body: bytes, charset: str | None) -> str:
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    m = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", body[:4096], re.IGNORECASE)
    for enc in ([m.group(1).decode("ascii", "ignore")] if m else []) + ["utf-8", "cp1252"]:
        try:
            return body.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", "replace")


def extract_html(html: str | bytes, url: str | None = None, charset: str | None = None) -> Extracted:
    """Title, author, date and main text of a web page, without its boilerplate."""
    import trafilatura

    text_html = html if isinstance(html, str) else _decode_html(html, charset)
    doc = trafilatura.bare_extraction(
        text_html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        # No second opinion from the fallback extractors: half the time, and favor_precision
        # already keeps navigation and share bars out.
        fast=True,
        config=_config(),
    )
    if doc is None:
        fallback = _plain_from_html(text_html)
        if not fallback:
            raise FetchError("unreadable", "Op deze pagina staat geen leesbare tekst; open de link in de browser "
                             "en voeg het artikel als bestand toe.", url)
        return Extracted(text=fallback, title=_html_title(text_html))
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (data.get("text") or "").strip()
    if not text:
        text = _plain_from_html(text_html)
    return Extracted(
        text=_paragraphs(text),
        title=(data.get("title") or None),
        author=(data.get("author") or None),
        published_on=_iso_date(data.get("date")),
        sitename=(data.get("sitename") or None),
    )


def _paragraphs(text: str) -> str:
    """One paragraph per line in trafilatura's output; blank lines between them read better."""
    lines = [ln.strip() for ln in text.splitlines()]
    return "\n\n".join(ln for ln in lines if ln)


def _iso_date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _html_title(html: str) -> str | None:
    m = re.search(r"<title[^>]*>(.*?)</title>", html, re.IGNORECASE | re.DOTALL)
    return re.sub(r"\s+", " ", m.group(1)).strip() if m else None


def _plain_from_html(html: str) -> str:
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for bad in root.xpath("//script|//style|//noscript|//nav|//header|//footer"):
        bad.drop_tree()
    text = root.text_content()
    return _paragraphs(text)


def extract_pdf(body: bytes, url: str | None = None) -> Extracted:
    """The text of a PDF, page by page, with its title and author from the document information."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(body))
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        meta = reader.metadata
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise FetchError("unreadable", f"Het PDF-bestand kan niet worden gelezen ({_first_line(exc)}); open het zelf "
                         "en plak de tekst.", url) from None
    text = "\n\n".join(p for p in pages if p)
    if not text:
        raise FetchError("unreadable", "Het PDF-bestand bevat geen tekst (waarschijnlijk een scan); open het zelf en "
                         "plak de tekst.", url)
    title = (meta.title if meta else None) or None
    author = (meta.author if meta else None) or None
    created = None
    if meta is not None:
        try:
            stamp = meta.creation_date
            created = stamp.date() if stamp else None
        except (ValueError, TypeError):
            created = None
    return Extracted(text=text, title=title, author=author, published_on=created)


def extract(doc: FetchedDocument) -> Extracted:
    """The readable text of a fetched document (HTML or PDF)."""
    if doc.is_pdf:
        return extract_pdf(doc.body, doc.url)
    return extract_html(doc.body, doc.url, doc.charset)


class ProcessExtractor:
    """Extraction in a separate process, so a long article never holds the window's interpreter lock.

    Parsing a large page is C code (lxml) that keeps Python's GIL for tens of milliseconds at a
    time; in a thread of the GUI process that freezes the window. The process starts on first use
    (spawned, not forked: forking a process with Qt threads is unsafe) and is reused; call
    :meth:`close` when the application ends. A frozen Windows build needs
    ``multiprocessing.freeze_support()`` at the start of ``__main__``.
    """

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _get(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(max_workers=self.workers,
                                                 mp_context=multiprocessing.get_context("spawn"))
            return self._pool

    def __call__(self, doc: FetchedDocument) -> Extracted:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self._get().submit(extract, doc).result()
        except BrokenProcessPool:
            # The helper process died (killed, out of memory): start a fresh one next time and
            # extract this document here, so the fetch is not lost.
            with self._lock:
                self._pool = None
            log.warning("extraction process ended unexpectedly; extracting in this process")
            return extract(doc)

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


# ------------------------------------------------------------------------------ storing


def suffix_for(content_type: str | None) -> str:
    if content_type in PDF_TYPES:
        return ".pdf"
    if content_type in HTML_TYPES:
        return ".html"
    return ".bin"


def store_original(folder: Path, body: bytes, suffix: str) -> str:
    """Keep ``body`` in ``folder`` as ``<sha256><suffix>``; returns the file name.

    The same content is stored once. The file is written to a temporary name and then
    renamed, so a crash never leaves half a file under a valid name.
    """
    digest = hashlib.sha256(body).hexdigest()
    name = f"{digest}{suffix}"
    target = folder / name
    if target.exists() and target.stat().st_size == len(body):
        return name
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{name}.{os.getpid()}.{threading.get_ident()}.tmp"
    with open(tmp, "wb") as fh:
        fh.write(body)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    return name
