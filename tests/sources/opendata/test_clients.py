"""The open-data clients against a real HTTP server on 127.0.0.1 serving the shared fixtures."""
from __future__ import annotations

import datetime as dt
import time

import pytest

from kvdesk.sources.opendata import koop, tk
from kvdesk.sources.opendata.client import OpenDataClient, OpenDataConfig, OpenDataError
from tests.sources.opendata.fakeserver import FIXTURES, FakeOpenData


def client_for(fake: FakeOpenData, **kwargs) -> OpenDataClient:
    options = {"read_timeout": 1.0, "connect_timeout": 1.0, "retries": 0, "retry_pause": 0.0, "page_pause": 0.0}
    options.update(kwargs)
    return OpenDataClient(OpenDataConfig(odata_base=fake.odata_base, sru_base=fake.sru_base, **options))


def test_paging_follows_next_link_until_the_last_page(fake: FakeOpenData) -> None:
    with client_for(fake) as http:
        pages = list(tk.iter_pages(http, tk.zaak_query_url(http.config.odata_base)))
    assert [len(p.zaken) for p in pages] == [2, 2, 1]
    assert pages[-1].next_url is None
    assert [z.nummer for p in pages for z in p.zaken] == [fake.kenmerk(i) for i in range(5)]


def test_zaak_gives_members_addressees_and_the_aanhangsel_number(fake: FakeOpenData) -> None:
    with client_for(fake) as http:
        zaak = tk.fetch_page(http, tk.zaak_query_url(http.config.odata_base)).zaken[0]
    assert [(m.name, m.party) for m in zaak.members] == [("Voorbeeld", "VVD"), ("Testlid", "D66")]
    assert [(a.role, a.portfolio) for a in zaak.addressees] == [("minister", "Binnenlandse Zaken en Koninkrijksrelaties")]
    assert zaak.answer is not None and zaak.answer.aanhangsel == "2300"
    assert zaak.started == dt.date(2025, 6, 1) and not zaak.deleted
    assert zaak.addressed_to("binnenlandse zaken") and not zaak.addressed_to("Defensie")


def test_deleted_records_are_read_as_deleted(fake: FakeOpenData) -> None:
    fake.deleted = {1}
    with client_for(fake) as http:
        zaken = tk.fetch_page(http, tk.zaak_query_url(http.config.odata_base)).zaken
    assert [z.deleted for z in zaken] == [False, True]


def test_query_url_filters_period_and_ministry_and_reads_deleted_too() -> None:
    url = tk.zaak_query_url("https://example.org/OData/v4/2.0/", since=dt.date(2024, 1, 1), until=dt.date(2025, 1, 1),
                            ministry="Justitie en Veiligheid")
    assert "GestartOp ge 2024-01-01T00:00:00Z" in url.replace("+", " ")
    assert "contains(a/Functie, 'Justitie en Veiligheid')" in url.replace("+", " ")
    assert "Verwijderd" not in url  # deletions must reach the sync
    assert tk.zaak_query_url("https://x/", ministry="O'Neill").count("O''Neill") == 1


def test_a_400_says_what_the_server_said_in_one_line(fake: FakeOpenData) -> None:
    with client_for(fake) as http, pytest.raises(OpenDataError) as err:
        http.get_json(fake.odata_base + "Zaak?$filter=Id eq guid'5a0c3e1f-7b2d-4c8e-9f10-1a2b3c4d5e6f'")
    assert err.value.reason == "http" and not err.value.retry_later
    assert "HTTP 400" in str(err.value) and "Syntax error" in str(err.value)
    assert "\n" not in str(err.value)


def test_a_hanging_page_times_out_and_is_retried(fake: FakeOpenData) -> None:
    fake.hang_at_skip = 2
    fake.hang_seconds = 1.5
    first = tk.zaak_query_url(fake.odata_base)
    with client_for(fake, read_timeout=0.4, retries=1) as http:
        page = tk.fetch_page(http, first)
        started = time.monotonic()
        with pytest.raises(OpenDataError) as err:
            tk.fetch_page(http, page.next_url or "")
    assert err.value.reason == "timeout" and err.value.retry_later
    assert time.monotonic() - started < 3
    assert sum("skip=2" in r for r in fake.zaak_requests()) == 2  # the first try and one retry


def test_sru_finds_the_publications_of_a_kenmerk(fake: FakeOpenData) -> None:
    with client_for(fake) as http:
        records = koop.publications_for(http, fake.kenmerk(3))
    assert [r.identifier for r in records] == ["ah-tk-20242025-2303", "ah-tk-20242025-2201"]
    assert records[0].aanhangselnummer == "2303" and records[0].vergaderjaar == "2024-2025"
    assert records[0].xml_url and records[0].xml_url.startswith(fake.base)
    assert "vraagnummer" in fake.requests[-1] and fake.kenmerk(3) in fake.requests[-1]


def test_published_xml_gives_questions_combined_answers_and_footnotes() -> None:
    pub = koop.parse_publication((FIXTURES / "koop" / "ah-tk-20242025-2345.xml").read_bytes())
    assert (pub.kenmerk, pub.vergaderjaar, pub.aanhangsel) == ("2025Z12345", "2024-2025", "2345")
    assert [q.number for q in pub.questions] == [1, 2, 3]
    assert pub.questions[0].footnotes == [1] and "«Gemeenten tasten" in pub.questions[0].text
    assert [a.questions for a in pub.answers] == [[1], [2, 3]]
    assert pub.answers[1].text.count("\n\n") == 1
    assert pub.footnotes[0].url == "https://www.example.org/nieuws/2025/06/voorbeeldregeling"
    assert pub.submitted_on == dt.date(2025, 6, 12)
    assert pub.subject and pub.subject.startswith("het bericht")


def test_a_soft_404_is_not_mistaken_for_a_text(fake: FakeOpenData) -> None:
    with client_for(fake) as http, pytest.raises(OpenDataError) as err:
        koop.fetch_publication(http, fake.base + "/frbr/officielepublicaties/ah-tk/x/ah-tk-20242025-9999.xml")
    assert err.value.reason == "unreadable"


def test_unreachable_server_is_reported_as_offline() -> None:
    with OpenDataClient(OpenDataConfig(odata_base="http://127.0.0.1:9/", retries=0, connect_timeout=0.5)) as http, \
            pytest.raises(OpenDataError) as err:
        http.get_json("http://127.0.0.1:9/OData/v4/2.0/Zaak")
    assert err.value.reason == "offline" and err.value.retry_later
