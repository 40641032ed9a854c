"""Real servers on 127.0.0.1 for the fetch tests: a news site, an HTTPS twin with a test CA, a proxy.

The news site serves realistic Dutch pages (cookie wall, navigation, share bar, related links,
comments), a PDF, officielebekendmakingen-like pages, and the bad cases: slow, endless,
oversized, a redirect loop, a gzip bomb, a 404, a soft 404 and an image.
"""
from __future__ import annotations

import base64
import datetime as dt
import gzip
import http.server
import ipaddress
import socket
import socketserver
import ssl
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

# ------------------------------------------------------------------------------ content

ARTICLE_KEEP = [
    "Netbeheerders kopen circa vier miljoen slimme meters bij een Chinese leverancier",
    "De AIVD heeft eerder gewaarschuwd voor afhankelijkheid van Chinese technologie",
    "Volgens de woordvoerder van Netbeheer Nederland voldoen de meters aan alle Europese eisen",
]
ARTICLE_NOISE = [
    "Wij gebruiken cookies",
    "Accepteren",
    "Deel dit artikel",
    "Lees ook",
    "Reacties (3)",
    "Abonneer nu",
    "Piet uit Zwolle",
]


def article_html(title: str = "Woede om miljoenenorder: vier miljoen slimme meters komen straks uit China",
                 extra_paragraphs: int = 0) -> str:
    """A news page as Dutch sites build them, with everything trafilatura must leave out."""
    body = "\n".join(f"<p>{s}. Dat meldt de krant op basis van ingewijden en interne stukken.</p>"
                     for s in ARTICLE_KEEP)
    filler = "\n".join(
        f"<p>Alinea {i}: de aanbesteding van de slimme meters liep sinds 2023 en de netbeheerders wogen prijs, "
        f"levertijd en veiligheid tegen elkaar af; critici wijzen op de risico's voor de energievoorziening "
        f"en op de rol van toezichthouders bij het beoordelen van de leveranciers.</p>"
        for i in range(extra_paragraphs)
    )
    return f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<title>{title} | De Dagkrant</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="De Dagkrant">
<meta name="author" content="Jan de Vries">
<meta property="article:published_time" content="2025-12-30T06:00:00+01:00">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{title}",
"datePublished":"2025-12-30T06:00:00+01:00","author":[{{"@type":"Person","name":"Jan de Vries"}}]}}</script>
<script src="http://127.0.0.1:9/tracker.js"></script>
</head><body>
<div class="cookie-wall" id="consent">Wij gebruiken cookies om je de beste ervaring te geven. <button>Accepteren</button>
<a href="/privacy">Privacyverklaring</a></div>
<header><a href="/" class="logo">De Dagkrant</a>
<nav><ul><li><a href="/binnenland">Binnenland</a></li><li><a href="/economie">Economie</a></li>
<li><a href="/tech">Tech</a></li><li><a href="/abonneren">Abonneer nu</a></li></ul></nav></header>
<nav class="breadcrumbs"><a href="/">Home</a> › <a href="/economie">Economie</a></nav>
<main><article>
<h1>{title}</h1>
<p class="byline">Door <span class="author">Jan de Vries</span> · <time datetime="2025-12-30T06:00:00+01:00">30 december 2025</time></p>
<figure><img src="http://127.0.0.1:9/foto.jpg" alt="Slimme meter"><figcaption>Een slimme meter in een meterkast.</figcaption></figure>
{body}
{filler}
<div class="share-bar">Deel dit artikel: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">LinkedIn</a> <a href="#">WhatsApp</a></div>
</article>
<aside class="related"><h2>Lees ook</h2><ul><li><a href="/a1">Energieprijzen stijgen opnieuw</a></li>
<li><a href="/a2">Kabinet wil minder afhankelijk worden van China</a></li></ul></aside>
<section class="comments"><h2>Reacties (3)</h2><div class="comment"><b>Piet uit Zwolle:</b> Schandalig!</div></section>
</main>
<footer><p>© 2025 De Dagkrant · <a href="/colofon">Colofon</a> · <a href="/abonneren">Abonneer nu</a></p></footer>
</body></html>"""


KAMERSTUK_HTML = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">
<title>Kamerstuk 36410, nr. 31 | Overheid.nl &gt; Officiële bekendmakingen</title></head><body>
<div id="cookiebar">Deze website gebruikt cookies.</div>
<nav><a href="/">Zoeken</a> <a href="/help">Help</a></nav>
<main><div class="stuk"><h1>Brief van de minister van Klimaat en Groene Groei</h1>
<p>Aan de Voorzitter van de Tweede Kamer der Staten-Generaal</p>
<p>Den Haag, 12 november 2024</p>
<p>Met deze brief informeer ik uw Kamer over de uitrol van slimme meters en de eisen aan de
cyberveiligheid van de meetinrichtingen. De netbeheerders toetsen leveranciers aan de Europese
certificering en aan de aanvullende eisen die het kabinet in 2024 heeft gesteld.</p>
<p>De minister van Klimaat en Groene Groei, S.T.M. Hermans</p></div></main>
<footer>Officiële bekendmakingen</footer></body></html>"""

ERROR_PAGE = "<html><head><title>Pagina niet gevonden</title></head><body><p>Fout 404</p></body></html>"


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(lines: list[str], *, title: str = "Rapport", author: str = "Onderzoeksbureau") -> bytes:
    """A small, valid PDF with real text (one page), built by hand so no writer library is needed."""
    text = " ".join(f"({_pdf_escape(line)}) '" for line in lines)
    stream = f"BT /F1 11 Tf 72 760 Td 14 TL {text} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        f"<< /Title ({_pdf_escape(title)}) /Author ({_pdf_escape(author)}) /CreationDate (D:20241112090000) >>"
        .encode("latin-1"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PDF_LINES = [
    "Aanbevelingen voor persoonsgerichte geboortezorg",
    "Het onderzoek toont dat zwangere asielzoekers vaak te laat in zorg komen.",
    "De onderzoekers bevelen een vaste verloskundige per locatie aan.",
]


@lru_cache(maxsize=1)
def gzip_bomb() -> bytes:
    """About 60 KB on the wire, 60 MB when decompressed."""
    return gzip.compress(b"\0" * (60 * 1024 * 1024), compresslevel=9)


# ------------------------------------------------------------------------------ origin server


class NewsHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: NewsServer

    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, code: int, body: bytes, ctype: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, to: str) -> None:
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        self.server.hits.append(path)
        delay = self.server.delay
        if delay:
            time.sleep(delay)
        if path.startswith("/nieuws/"):
            self._send(200, article_html().encode("utf-8"))
        elif path == "/groot-artikel":
            self._send(200, article_html(extra_paragraphs=self.server.big_paragraphs).encode("utf-8"))
        elif path == "/oud-artikel":
            page = article_html("Coöperatie ëist opheldering").replace('charset="utf-8"', 'charset="iso-8859-1"')
            self._send(200, page.encode("latin-1", "xmlcharrefreplace"), "text/html; charset=iso-8859-1")
        elif path == "/rapport.pdf":
            self._send(200, make_pdf(PDF_LINES, title="Rapport EGALITE"), "application/pdf")
        elif path == "/kst-36410-31.html":
            self._send(200, KAMERSTUK_HTML.encode("utf-8"))
        elif path.startswith(("/kst-", "/ah-tk-", "/kv-tk-")):
            self._redirect("/Errors/404.htm")  # officielebekendmakingen's soft 404
        elif path == "/Errors/404.htm":
            self._send(200, ERROR_PAGE.encode("utf-8"))
        elif path == "/traag":
            time.sleep(3)
            self._send(200, article_html().encode("utf-8"))
        elif path == "/eindeloos":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(b"<html><body>")
            try:
                while not self.server.stopping.is_set():
                    self.wfile.write(b"<p>nog meer</p>\n")
                    self.wfile.flush()
                    time.sleep(0.02)
            except OSError:
                pass
            self.close_connection = True
        elif path == "/groot":
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(60 * 1024 * 1024))
            self.end_headers()
            self.close_connection = True
        elif path == "/groot-zonder-lengte":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65530 + b"</p>"
            try:
                for _ in range(2000):
                    if self.server.stopping.is_set():
                        break
                    self.wfile.write(chunk)
            except OSError:
                pass
            self.close_connection = True
        elif path == "/bom":
            self._send(200, gzip_bomb(), "text/html", {"Content-Encoding": "gzip"})
        elif path == "/lus":
            self._redirect("/lus-2")
        elif path == "/lus-2":
            self._redirect("/lus")
        elif path == "/plaatje.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")
        elif path == "/kapot":
            self._send(500, b"<html><body>Interne fout</body></html>")
        else:
            self._send(404, ERROR_PAGE.encode("utf-8"))


class NewsServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), NewsHandler)
        self.hits: list[str] = []
        self.errors: list[str] = []
        self.delay = 0.0
        self.big_paragraphs = 400
        self.stopping = threading.Event()
        self.scheme = "http"
        self._thread: threading.Thread | None = None

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up early (the fetcher giving up on a loop or a limit) is expected;
        # keep it off stderr, where the CLI tests read kvdesk's own messages.
        import sys

        self.errors.append(repr(sys.exc_info()[1]))

    @property
    def base(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> NewsServer:
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()


def start_http(port: int = 0) -> NewsServer:
    return NewsServer(port).start()


def start_https(cert: Path, key: Path) -> NewsServer:
    server = NewsServer()
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(str(cert), str(key))
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    server.scheme = "https"
    return server.start()


def dead_port() -> int:
    """A port on 127.0.0.1 where nothing listens (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ------------------------------------------------------------------------------ certificates


@dataclass
class TestPKI:
    ca_cert: Path
    server_cert: Path
    server_key: Path
    rogue_cert: Path  # self-signed, trusted by nobody
    rogue_key: Path


def make_pki(folder: Path) -> TestPKI:
    """A test CA, a server certificate for 127.0.0.1 signed by it, and an untrusted self-signed one."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = dt.datetime.now(dt.UTC)

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn),
                          x509.NameAttribute(NameOID.ORGANIZATION_NAME, "kvdesk test")])

    def write_key(key: Any, path: Path) -> None:
        path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))

    def leaf(subject_cn: str, issuer_name: x509.Name, issuer_key: Any, key: Any) -> x509.Certificate:
        return (
            x509.CertificateBuilder()
            .subject_name(name(subject_cn)).issuer_name(issuer_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                                                        x509.DNSName("localhost")]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(issuer_key, hashes.SHA256())
        )

    folder.mkdir(parents=True, exist_ok=True)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = name("kvdesk test root CA")
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                     content_commitment=False, key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    server_key = ec.generate_private_key(ec.SECP256R1())
    server = leaf("127.0.0.1", ca_name, ca_key, server_key)
    rogue_key = ec.generate_private_key(ec.SECP256R1())
    rogue = leaf("127.0.0.1", name("niemand vertrouwt mij"), rogue_key, rogue_key)
    pki = TestPKI(folder / "ca.pem", folder / "server.pem", folder / "server.key",
                  folder / "rogue.pem", folder / "rogue.key")
    pki.ca_cert.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    pki.server_cert.write_bytes(server.public_bytes(serialization.Encoding.PEM))
    write_key(server_key, pki.server_key)
    pki.rogue_cert.write_bytes(rogue.public_bytes(serialization.Encoding.PEM))
    write_key(rogue_key, pki.rogue_key)
    return pki


# ------------------------------------------------------------------------------ proxy


@dataclass
class ProxyState:
    user: str | None = None
    password: str | None = None
    seen: list[str] = field(default_factory=list)
    refused: int = 0


class ProxyHandler(socketserver.BaseRequestHandler):
    server: ProxyServer

    def handle(self) -> None:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            data += chunk
        head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1")
        line = head.split("\r\n", 1)[0]
        state = self.server.state
        if state.user is not None:
            expected = "Basic " + base64.b64encode(f"{state.user}:{state.password}".encode()).decode()
            headers = {k.strip().lower(): v.strip() for k, _, v in
                       (h.partition(":") for h in head.split("\r\n")[1:])}
            if headers.get("proxy-authorization") != expected:
                state.refused += 1
                self.request.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                                     b"Proxy-Authenticate: Basic realm=\"ministerie\"\r\n"
                                     b"Content-Length: 0\r\nConnection: close\r\n\r\n")
                return
        state.seen.append(line)
        method, target, _ = line.split(" ")
        if method == "CONNECT":
            host, port = target.rsplit(":", 1)
            upstream = socket.create_connection((host, int(port)))
            self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            rest = data.split(b"\r\n\r\n", 1)[1]
            if rest:
                upstream.sendall(rest)
        else:
            hostport = target.split("/")[2]
            host, port = hostport.rsplit(":", 1)
            upstream = socket.create_connection((host, int(port)))
            path = "/" + target.split("/", 3)[3]
            upstream.sendall(data.replace(target.encode(), path.encode(), 1))
        self._pipe(self.request, upstream)

    @staticmethod
    def _pipe(a: socket.socket, b: socket.socket) -> None:
        def pump(src: socket.socket, dst: socket.socket) -> None:
            try:
                while buf := src.recv(65536):
                    dst.sendall(buf)
            except OSError:
                pass
            finally:
                try:
                    dst.shutdown(socket.SHUT_WR)
                except OSError:
                    pass

        t = threading.Thread(target=pump, args=(b, a), daemon=True)
        t.start()
        pump(a, b)
        t.join(5)
        b.close()


class ProxyServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, state: ProxyState) -> None:
        super().__init__(("127.0.0.1", 0), ProxyHandler)
        self.state = state
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
