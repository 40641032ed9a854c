"""Recognising references in footnotes and questions, and writing citations back."""
from __future__ import annotations

import datetime as dt

import pytest

from kvdesk.core.model import Footnote, Question, QuestionSet, Reference
from kvdesk.core.references import (
    detect,
    detect_in_set,
    format_citation,
    format_date_nl,
    key_terms,
    koop_identifier,
    parse_date_nl,
    reference_key,
    search_url,
)
from tests.support import require_shared


def one(text: str, **kw: object) -> Reference:
    refs = detect(text, **kw)  # type: ignore[arg-type]
    assert len(refs) == 1, refs
    return refs[0]


def test_newspaper_citation_with_quoted_title_and_link() -> None:
    ref = one("AD, 18 november 2024, 'Crisis UWV nog groter, ook missers: ‘Kommer en kwel’', "
              "(https://www.ad.nl/binnenland/crisis-uwv~a436b94a/).")
    assert ref.kind == "news"
    assert ref.parts["medium"] == "AD"
    assert ref.published_on == dt.date(2024, 11, 18)
    assert ref.title == "Crisis UWV nog groter, ook missers: ‘Kommer en kwel’"
    assert ref.url == "https://www.ad.nl/binnenland/crisis-uwv~a436b94a/"


def test_newspaper_without_link_telegraaf_van_date() -> None:
    ref = one("Telegraaf van 30 december 2025")
    assert (ref.kind, ref.parts["medium"], ref.published_on, ref.url, ref.title) == (
        "news", "Telegraaf", dt.date(2025, 12, 30), None, None)


def test_nos_citation_with_unquoted_title_keeps_inner_quotes() -> None:
    ref = one("NOS Nieuws, 17 november 2024, Geboortezorg voor asielzoekers van 'onacceptabel' niveau, "
              "concluderen onderzoekers")
    assert ref.parts["medium"] == "NOS Nieuws"
    assert ref.title == "Geboortezorg voor asielzoekers van 'onacceptabel' niveau, concluderen onderzoekers"
    assert ref.url is None


def test_misspelt_month_and_website_suffix() -> None:
    ref = one("NOS website, d.d. 21 oktber 2024, Aidsfonds maakt zich zorgen over stijging hiv-besmettingen")
    assert ref.parts["medium"] == "NOS"
    assert ref.published_on == dt.date(2024, 10, 21)


@pytest.mark.parametrize(
    ("text", "dossier", "sub", "nr", "ident"),
    [
        ("Kamerstuk 36 410, nr. 31", "36410", None, 31, "kst-36410-31"),
        ("motie Pierik (Kamerstuk36 600 XII, nr. 42) om te", "36600", "XII", 42, "kst-36600-XII-42"),
        ("Kamerstukken II 2023/24, 21 501-20, nr. 2041", "21501", "20", 2041, "kst-21501-20-2041"),
    ],
)
def test_kamerstuk_parts_and_koop_identifier(text: str, dossier: str, sub: str | None, nr: int, ident: str) -> None:
    ref = one(text)
    assert ref.kind == "kamerstuk"
    assert ref.parts["dossier"] == dossier
    assert ref.parts.get("dossier_sub") == sub
    assert ref.parts["volgnummer"] == nr
    assert koop_identifier(ref) == ident


def test_kamerstuk_footnote_keeps_its_title_but_a_question_does_not() -> None:
    note = one("Kamerstuk 36 561, nr. 6, Wijziging van de Zorgverzekeringswet")
    assert note.title == "Wijziging van de Zorgverzekeringswet"
    inline = one("Hoe geeft u uitvoering aan de motie (Kamerstuk 36 600 XII, nr. 42) om te bezien?")
    assert inline.title is None


def test_aanhangsel_with_link_and_document_number() -> None:
    ref = one("Aanhangsel Handelingen II, vergaderjaar 2024–2025, nr. 135, "
              "(https://open.overheid.nl/documenten/dpc-152d998/pdf)")
    assert ref.kind == "aanhangsel"
    assert ref.parts == {"vergaderjaar": "2024-2025", "nummer": 135, "kamer": "II"}
    assert ref.url == "https://open.overheid.nl/documenten/dpc-152d998/pdf"
    assert koop_identifier(ref) == "ah-tk-20242025-135"
    old = one("Aanhangsel van de Handelingen, vergaderjaar 2023–2024, nr. 76 (2023D39037)")
    assert old.parts["document"] == "2023D39037"
    assert koop_identifier(old) == "ah-tk-20232024-76"


def test_earlier_set_by_vraagnummer_but_not_the_own_kenmerk() -> None:
    ref = one("Zie de antwoorden op vraagnummer 2024Z14247.")
    assert (ref.kind, ref.parts["kenmerk"]) == ("questionset", "2024Z14247")
    assert koop_identifier(ref) == "kv-tk-2024Z14247"
    assert detect("Onze set 2025Z00001 zelf", own_kenmerk="2025Z00001") == []


def test_bare_url_with_label_and_trailing_punctuation() -> None:
    ref = one("Erasmus MC Aanbevelingen voor geboortezorg https://bijlagen.nos.nl/artikel-2155/Rapport.pdf.")
    assert ref.kind == "url"
    assert ref.url == "https://bijlagen.nos.nl/artikel-2155/Rapport.pdf"
    assert ref.parts["label"] == "Erasmus MC Aanbevelingen voor geboortezorg"


def test_separate_footnote_url_wins_over_a_broken_one_in_the_text() -> None:
    ref = one("FD, 7 november 2024, (https://fd.nl/bedrijfsleven/1536369/nog-een-",
              url="https://fd.nl/bedrijfsleven/1536369/nog-een-plasticrecycler")
    assert ref.url == "https://fd.nl/bedrijfsleven/1536369/nog-een-plasticrecycler"


def test_citation_format_medium_date_title_url() -> None:
    ref = Reference(kind="news", citation="x", url="https://nos.nl/a", title="Titel van het stuk",
                    published_on=dt.date(2024, 11, 17), parts={"medium": "NOS"})
    assert format_citation(ref) == "NOS, 17 november 2024, 'Titel van het stuk' (https://nos.nl/a)"
    kst = one("Kamerstuk 36 410, nr. 31")
    assert format_citation(kst) == "Kamerstuk 36 410, nr. 31"
    ah = one("Aanhangsel Handelingen II 2024/25, nr. 135")
    assert format_citation(ah) == "Aanhangsel Handelingen II, vergaderjaar 2024–2025, nr. 135"


def test_dates_both_ways() -> None:
    assert format_date_nl(dt.date(2025, 12, 31)) == "31 december 2025"
    found = parse_date_nl("ingezonden 3 mrt. 2025")
    assert found is not None and found[0] == dt.date(2025, 3, 3)
    assert parse_date_nl("op 31 februari 2025") is None


def test_set_detection_merges_duplicates_and_links_questions() -> None:
    qs = QuestionSet(
        kenmerk="2025Z00001",
        subject="het artikel ‘Woede om miljoenenorder: vier miljoen slimme meters komen straks uit China’",
        questions=[
            Question(1, "Kent u het bericht?", footnotes=[1]),
            Question(2, "Hoe verhoudt dit zich tot Kamerstuk 36 410, nr. 31?", footnotes=[2]),
            Question(3, "En de antwoorden op 2024Z14247?"),
        ],
        footnotes=[Footnote(1, "Telegraaf van 30 december 2025"), Footnote(2, "Kamerstuk 36 410, nr. 31")],
    )
    refs = detect_in_set(qs)
    kinds = {r.kind: r for r in refs}
    assert sorted(kinds) == ["kamerstuk", "news", "questionset"]
    assert kinds["kamerstuk"].questions == [2]
    assert kinds["kamerstuk"].footnote == 2
    assert kinds["news"].questions == [1]
    # The subject names the article the footnote cites without a title.
    assert kinds["news"].title == "Woede om miljoenenorder: vier miljoen slimme meters komen straks uit China"
    assert kinds["news"].parts["title_from"] == "onderwerp"
    assert kinds["questionset"].questions == [3]


def test_reference_key_ignores_url_case_and_trailing_slash() -> None:
    a = Reference(kind="url", citation="a", url="HTTPS://Nos.nl/artikel/")
    b = Reference(kind="url", citation="b", url="https://nos.nl/artikel")
    assert reference_key(a) == reference_key(b)


def test_search_link_for_citation_without_url() -> None:
    ref = one("Telegraaf van 30 december 2025")
    assert search_url(ref) == "https://duckduckgo.com/?q=Telegraaf+30+december+2025"


def test_key_terms_skip_function_words() -> None:
    terms = key_terms("Bent u bekend met de berichtgeving dat netbeheerders vier miljoen slimme meters inkopen?")
    assert "netbeheerders" in terms and "meters" in terms
    assert not {"bent", "bekend", "berichtgeving", "met"} & {t.lower() for t in terms}


def test_every_corpus_footnote_with_a_link_becomes_a_linked_reference() -> None:
    folder = require_shared("corpus", "questions")
    seen = 0
    for path in sorted(folder.glob("*_docx.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(("1)", "2)", "[1]", "[2]", "[3]")) and "(https://" in line:
                refs = detect(line.split(" ", 1)[1])
                assert refs and any(r.url for r in refs), line
                seen += 1
    assert seen >= 3
