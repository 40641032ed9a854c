"""A local fake of the Tweede Kamer OData API and KOOP's SRU/XML, built from the shared fixtures.

It serves ``count`` question sets made from the one reconstructed set in the fixtures (each with
its own kenmerk, Zaak id, Aanhangsel number and subject word), in pages of ``page_size`` with
``@odata.nextLink``. Switches make it misbehave the way the real services do: deleted records,
a 400 for a bad filter, a page that hangs (a timeout in the middle), a soft 404.
"""
from __future__ import annotations

import copy
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from tests.support import SHARED

FIXTURES = SHARED / "fixtures"
SUBJECTS = ["voorbeeldregeling", "jeugdzorgregeling", "stikstofregeling", "netcongestieregeling",
            "huurtoeslagregeling", "asielregeling", "pensioenregeling", "defensieregeling"]
REAL_TK = "https://gegevensmagazijn.tweedekamer.nl"
REAL_KOOP = "https://repository.overheid.nl"


def _load_json(name: str) -> dict[str, Any]:
    data = json.loads((FIXTURES / "tk-odata" / name).read_text(encoding="utf-8"))
    data.pop("_fixture", None)
    return data


@dataclass
class FakeOpenData:
    count: int = 5
    page_size: int = 2
    deleted: set[int] = field(default_factory=set)  # indexes of sets served as Verwijderd
    unanswered: set[int] = field(default_factory=set)  # sets without an answer document
    unpublished_xml: set[int] = field(default_factory=set)  # XML url gives a soft 404
    hang_at_skip: int | None = None  # the Zaak page with this $skip hangs…
    hang_seconds: float = 3.0
    reject_all: bool = False  # every OData request gets a 400
    requests: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._template = _load_json("zaak_schriftelijke_vragen_expanded.json")["value"][0]
        self._error = _load_json("error_400_invalid_filter.json")
        self._sru = (FIXTURES / "koop" / "sru_kamervragen_searchRetrieve.xml").read_text(encoding="utf-8")
        self._ah = (FIXTURES / "koop" / "ah-tk-20242025-2345.xml").read_text(encoding="utf-8")
        self._server: ThreadingHTTPServer | None = None
        self.base = ""

    # ------------------------------------------------------------------ data

    def kenmerk(self, i: int) -> str:
        return f"2025Z1{i:04d}"

    def aanhangsel(self, i: int) -> int:
        return 2300 + i

    def subject_word(self, i: int) -> str:
        return SUBJECTS[i % len(SUBJECTS)]

    def zaak(self, i: int) -> dict[str, Any]:
        z = copy.deepcopy(self._template)
        text = json.dumps(z)
        text = text.replace("5a0c3e1f-7b2d-4c8e-9f10-1a2b3c4d5e6f", f"5a0c3e1f-7b2d-4c8e-9f10-{i:012d}")
        text = text.replace("2025Z12345", self.kenmerk(i)).replace("voorbeeldregeling", self.subject_word(i))
        text = text.replace('"242502345"', f'"24250{self.aanhangsel(i)}"')
        z = json.loads(text)
        z["GestartOp"] = f"2025-06-{(i % 28) + 1:02d}T00:00:00+02:00"
        z["Verwijderd"] = i in self.deleted
        if i in self.unanswered:
            z["Document"] = [d for d in z["Document"] if not d["Soort"].startswith("Antwoord")]
        return z

    def sru_for(self, kenmerk: str) -> str:
        m = re.fullmatch(r"2025Z1(\d{4})", kenmerk)
        i = int(m.group(1)) if m else -1
        if not 0 <= i < self.count or i in self.unanswered:
            return re.sub(r"<sru:records>.*</sru:records>", "<sru:records/>", self._sru, flags=re.S).replace(
                "<sru:numberOfRecords>187<", "<sru:numberOfRecords>0<")
        nr = str(self.aanhangsel(i))
        return (self._sru.replace("2025Z12345", kenmerk).replace("ah-tk-20242025-2345", f"ah-tk-20242025-{nr}")
                .replace("<overheidwetgeving:aanhangselnummer>2345<", f"<overheidwetgeving:aanhangselnummer>{nr}<")
                .replace(REAL_KOOP, self.base))

    def xml_for(self, nr: int) -> str | None:
        i = nr - 2300
        if not 0 <= i < self.count or i in self.unpublished_xml:
            return None
        return (self._ah.replace("2025Z12345", self.kenmerk(i)).replace("2345", str(nr))
                .replace("voorbeeldregeling", self.subject_word(i)))

    # ------------------------------------------------------------------ serving

    def start(self) -> str:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                pass

            def do_GET(self) -> None:
                fake.requests.append(self.path)
                try:
                    status, ctype, body = fake.route(self.path)
                except BrokenPipeError:
                    return
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self.base

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def odata_base(self) -> str:
        return self.base + "/OData/v4/2.0/"

    @property
    def sru_base(self) -> str:
        return self.base + "/sru"

    def zaak_requests(self) -> list[str]:
        return [r for r in self.requests if r.startswith("/OData/v4/2.0/Zaak")]

    def route(self, path: str) -> tuple[int, str, bytes]:
        parts = urlsplit(path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if parts.path.startswith("/OData/v4/2.0/Zaak"):
            if self.reject_all or "guid'" in query.get("$filter", ""):
                return 400, "application/json", json.dumps(self._error).encode()
            skip = int(query.get("$skip", "0"))
            if self.hang_at_skip is not None and skip == self.hang_at_skip:
                time.sleep(self.hang_seconds)
            values = [self.zaak(i) for i in range(skip, min(skip + self.page_size, self.count))]
            body: dict[str, Any] = {"@odata.context": f"{self.base}/OData/v4/2.0/$metadata#Zaak", "value": values}
            if skip + self.page_size < self.count:
                query["$skip"] = str(skip + self.page_size)
                body["@odata.nextLink"] = f"{self.base}{parts.path}?{urlencode(query)}"
            return 200, "application/json; odata.metadata=minimal", json.dumps(body).encode()
        if parts.path == "/sru":
            m = re.search(r"\d{4}Z\d{5}", query.get("query", ""))
            return 200, "application/xml", self.sru_for(m.group(0) if m else "").encode()
        m = re.search(r"/ah-tk-20242025-(\d+)\.xml$", parts.path)
        if m:
            xml = self.xml_for(int(m.group(1)))
            if xml is not None:
                return 200, "application/xml", xml.encode()
        # officielebekendmakingen answers unknown documents with HTTP 200 and an error page.
        page = "<html><head><title>Pagina niet gevonden</title></head><body>fout404</body></html>"
        return 200, "text/html", page.encode()


def fixtures_present() -> bool:
    return Path(FIXTURES / "tk-odata" / "zaak_schriftelijke_vragen_expanded.json").exists()
