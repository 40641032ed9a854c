"""The seed set and each textual form of a question set parse to exactly what they say."""
from __future__ import annotations

import datetime as dt

import pytest

from kvdesk.core.parsing import parse_text
from kvdesk.core.parsing.errors import ParseError
from kvdesk.core.richtext import parse as parse_richtext
from tests.support import require_shared


def test_seed_parses_to_eleven_questions_seven_members_two_addressees() -> None:
    text = require_shared("seed", "2025-12-31_slimme-meters.txt").read_text(encoding="utf-8")
    qs = parse_text(text)
    assert len(qs.questions) == 11
    assert [q.number for q in qs.questions] == list(range(1, 12))
    assert [(m.name, m.party) for m in qs.members] == [
        ("Boswijk", "CDA"), ("Jumelet", "CDA"), ("Peter de Groot", "VVD"), ("Van der Burg", "VVD"),
        ("Grinwis", "ChristenUnie"), ("Paternotte", "D66"), ("Klos", "D66"),
    ]
    assert [a.title for a in qs.addressees] == ["minister van Buitenlandse Zaken", "minister van Klimaat en Groene Groei"]
    assert [a.portfolio for a in qs.addressees] == ["Buitenlandse Zaken", "Klimaat en Groene Groei"]
    assert qs.submitted_on == dt.date(2025, 12, 31)
    assert [(f.number, f.text) for f in qs.footnotes] == [(1, "Telegraaf van 30 december 2025")]
    assert qs.questions[0].footnotes == [1]
    assert all(not q.footnotes for q in qs.questions[1:])
    assert qs.questions[0].text.endswith("Zo ja, wat is uw oordeel hierover?")
    assert "EU-privacyregels" in qs.questions[8].text
    assert "backend-systeem" in qs.questions[9].text
    assert qs.subject and qs.subject.startswith("het artikel ‘Woede om miljoenenorder")
    assert qs.kenmerk is None  # the seed has none: unknown stays null


HEADER = "Vragen van het lid Tseggai (GroenLinks-PvdA) aan de minister van Justitie en Veiligheid over escortbureaus"


@pytest.mark.parametrize(
    "body",
    [
        "1. Kent u het bericht?\n\n2. Wat vindt u ervan?\n\n3. Gaat u iets doen?",
        "1) Kent u het bericht?\n2) Wat vindt u ervan?\n3) Gaat u iets doen?",
        "Vraag 1\nKent u het bericht?\nVraag 2\nWat vindt u ervan?\nVraag 3\nGaat u iets doen?",
        "Vraag 1: Kent u het bericht?\n\nVraag 2: Wat vindt u ervan?\n\nVraag 3: Gaat u iets doen?",
        "1.\nKent u het bericht?\n\n2.\nWat vindt u ervan?\n\n3.\nGaat u iets doen?",
        "Kent u het bericht?\n\nWat vindt u ervan?\n\nGaat u iets doen?",
    ],
)
def test_every_numbering_convention_gives_the_same_three_questions(body: str) -> None:
    qs = parse_text(f"{HEADER}\n\n{body}\n")
    assert [(q.number, q.text) for q in qs.questions] == [
        (1, "Kent u het bericht?"), (2, "Wat vindt u ervan?"), (3, "Gaat u iets doen?"),
    ]


@pytest.mark.parametrize(
    ("marked", "defs"),
    [
        ("Kent u het bericht? 1)", "1) NOS, 17 november 2024, https://nos.nl/a"),
        ("Kent u het bericht?[1]", "[1] NOS, 17 november 2024, https://nos.nl/a"),
        ("Kent u het bericht?¹", "[1] NOS, 17 november 2024, https://nos.nl/a"),
        ("Kent u het bericht\u00a0? 1)", "__________\n1)\u00a0NOS, 17 november 2024, https://nos.nl/a"),
    ],
)
def test_footnote_markers_are_removed_and_linked(marked: str, defs: str) -> None:
    qs = parse_text(f"{HEADER}\n\n1. {marked}\n\n2. Wat vindt u ervan (zie vraag 1)?\n\n{defs}\n")
    assert qs.questions[0].text == "Kent u het bericht?"
    assert qs.questions[0].footnotes == [1]
    assert qs.questions[1].text == "Wat vindt u ervan (zie vraag 1)?"
    assert qs.footnotes[0].url == "https://nos.nl/a"


def test_square_metres_and_article_numbers_are_not_markers() -> None:
    qs = parse_text(f"{HEADER}\n\n1. Gaat het om 20 m² of artikel 2? 1)\n\n1) Bron.\n")
    assert qs.questions[0].text == "Gaat het om 20 m² of artikel 2?"


def test_wrapped_lines_are_joined_and_odd_spaces_cleaned() -> None:
    text = f"{HEADER}\n\nBent u bekend met\u00a0het bericht \ndat\u200b netbeheerders \n  meters  kopen?\n\nWat vindt u?\n"
    qs = parse_text(text)
    assert qs.questions[0].text == "Bent u bekend met het bericht dat netbeheerders meters kopen?"


PDF_FRAME = (
    "Tweede Kamer der Staten-Generaal2\nVergaderjaar 2024–2025 Vragen gesteld door de leden der Kamer\n \n2024Z18438\n"
    "Vragen van de leden Sneller , Bamenga , Rooderkerk (allen D66) en Gabriëls\n(GroenLinks-PvdA) aan de Ministers "
    "van Economische Zaken en van Klimaaten Groene Groei overde faillissementen (ingezonden 14 november 2024).\n"
)


def test_published_pdf_text_loses_furniture_and_keeps_real_hyphens() -> None:
    text = PDF_FRAME + (
        "Vraag 1\nWat heeft u gedaan toen het bedrijf in de proble-men kwam?1\n"
        "Vraag 2\nHoe staat het met de EU-privacyregels en de opspo-\nringsdossiers?\n2, 3\n"
        "1Change, 24 januari 2024, (ttps://www.change.inc/circulaire-economie/drama-voor-nederlandse-\n"
        "plasticrecycling)\n2FD, 7 november 2024\n3NRC, 8 november 2024\n \nkv-tk-2024Z18438\n"
        "’s-Gravenhage 2024 Tweede Kamer, vergaderjaar 2024–2025, Vragen 1\n"
        "Vraag 3\nKunt u reageren?\n"
    )
    qs = parse_text(text)
    assert qs.kenmerk == "2024Z18438" and qs.chamber == "TK"
    assert [(m.name, m.party) for m in qs.members] == [
        ("Sneller", "D66"), ("Bamenga", "D66"), ("Rooderkerk", "D66"), ("Gabriëls", "GroenLinks-PvdA")]
    assert [a.portfolio for a in qs.addressees] == ["Economische Zaken", "Klimaat en Groene Groei"]
    assert qs.subject == "de faillissementen"
    assert qs.questions[0].text == "Wat heeft u gedaan toen het bedrijf in de problemen kwam?"
    assert qs.questions[1].text == "Hoe staat het met de EU-privacyregels en de opsporingsdossiers?"
    assert qs.questions[1].footnotes == [2, 3]
    assert qs.questions[2].text == "Kunt u reageren?"
    assert qs.footnotes[0].url == (
        "https://www.change.inc/circulaire-economie/drama-voor-nederlandse-plasticrecycling")


def test_published_answers_with_combined_headings() -> None:
    text = (
        "Vragen van het lid Van Nispen (SP) aan de Minister van Justitie en Veiligheid over de brandweer "
        "(ingezonden 18 oktober 2024).\nAntwoord van Minister Van Weel (Justitie en Veiligheid) en antwoord van\n"
        "Staatssecretaris Coenradie (Justitie en Veiligheid) (ontvangen 14 november\n2024). Zie ook Aanhangsel "
        "Handelingen, vergaderjaar 2024–2025, nr. 505.\n"
        "Vraag 1\nBent u bekend met de oproep?\nAntwoord 1\nJa.\n"
        "Vraag 2 en 4\nKlopt het dat het misgaat?Bent u het ermee eens dat het beter moet?\nAntwoord 2 en 4\nNee.\n"
        "Vraag 3\nWat doet u?\nAntwoorden 3\nNiets.\n"
    )
    qs = parse_text(text)
    assert [q.number for q in qs.questions] == [1, 2, 3, 4]
    assert qs.question(2).text == "Klopt het dat het misgaat?"  # type: ignore[union-attr]
    assert qs.question(4).text == "Bent u het ermee eens dat het beter moet?"  # type: ignore[union-attr]
    assert sorted(a.questions for a in qs.answers) == [[1], [2, 4], [3]]
    assert qs.answerer == "Minister Van Weel (Justitie en Veiligheid) en Staatssecretaris Coenradie (Justitie en Veiligheid)"


@pytest.mark.parametrize(
    ("heading", "numbers"),
    [
        ("Antwoord op vraag 1 en 2", [1, 2]),
        ("Antwoord vragen 1,2", [1, 2]),
        ("Antwoord vraag 1-2:", [1, 2]),
        ("Antwoord", [1, 2]),
    ],
)
def test_ministry_word_answer_headings(heading: str, numbers: list[int]) -> None:
    text = (
        "AH 605\n2024Z18792\nAntwoord van minister Klever (Buitenlandse Handel en Ontwikkelingshulp), mede namens "
        "de minister van Financiën (ontvangen 20 november 2024)\n\n"
        f"Vraag 1\nKunt u dit bevestigen?\n\nVraag 2\nWanneer?\n\n{heading}\nHet kabinet heeft besloten[1].\n\n"
        "Een tweede alinea.\n\n[1] Kamerstuk 36 600, nr. 1\n"
    )
    qs = parse_text(text)
    assert qs.kenmerk == "2024Z18792"
    assert [a.questions for a in qs.answers] == [numbers]
    assert qs.answerer == ("minister Klever (Buitenlandse Handel en Ontwikkelingshulp), mede namens de minister "
                           "van Financiën")
    doc = parse_richtext(qs.answers[0].text)
    assert len(doc.blocks) == 2
    assert doc.footnotes and list(doc.footnotes) == ["1"]


def test_numbered_questions_with_colon_answers_and_kenmerk_typo() -> None:
    text = (
        "AH 617\n\n2024Z 17972\n\nAntwoord van minister Brekelmans (Defensie) (ontvangen 20 november 2024)\n\n\n"
        "1. Kunt u bevestigen dat het bedrijf aanwezig is? \n\nAntwoord: \nJa.\n\n"
        "2. Zijn er andere bedrijven? Zo ja, welke? \n\nAntwoord: \nDat is niet bekend:\n\n"
        "1. de organisator zegt niets.\n\n3. Welk beleid geldt?\n\nAntwoord:\nHet gewone.\n"
    )
    qs = parse_text(text)
    assert qs.kenmerk == "2024Z17972"
    assert [q.number for q in qs.questions] == [1, 2, 3]
    assert [a.questions for a in qs.answers] == [[1], [2], [3]]


def test_bare_number_lines_and_bare_answer_lines() -> None:
    text = ("Antwoord van minister Beljaarts (Economische Zaken) (ontvangen 20 november 2024)\n\n1\nHeeft u kennisgenomen?\n\n"
            "Antwoord\nJa.\n\n2\nKlopt het?\n\nAntwoord\nNee.\n")
    qs = parse_text(text)
    assert [(q.number, q.text) for q in qs.questions] == [(1, "Heeft u kennisgenomen?"), (2, "Klopt het?")]
    assert [a.questions for a in qs.answers] == [[1], [2]]


def test_delay_notice_is_recognised() -> None:
    text = ("AH 600\n2024Z17067\nMededeling van minister Wiersma (Landbouw, Visserij, Voedselzekerheid en Natuur) "
            "(ontvangen 20 november 2024)\n\nDe vragen kunnen niet binnen de gebruikelijke termijn worden beantwoord.\n")
    qs = parse_text(text)
    assert qs.delay_notice_on == dt.date(2024, 11, 20)
    assert any("uitstelbericht" in w for w in qs.warnings)
    assert qs.questions == [] and qs.answers == []


def test_oral_questions_are_header_only() -> None:
    text = ("2024Z18776\nMondelinge vragen van het lid Saris (Nieuw Sociaal Contract) aan de Minister\nvan Economische "
            "Zaken, bij afwezigheid van de Staatssecretaris vanFinanciën, over de arbeidskorting (Hogeraad.nl, "
            "15 november 2024) (ingezonden 19 november\n2024)\n")
    qs = parse_text(text)
    assert qs.kind == "mondeling"
    assert qs.submitted_on == dt.date(2024, 11, 19)
    assert [a.title for a in qs.addressees] == ["minister van Economische Zaken"]
    assert qs.questions == []


def test_toelichting_is_kept_apart() -> None:
    text = (f"{HEADER}\n\n1. Wat vindt u?\n\nToelichting:\nDeze vragen dienen ter aanvulling op eerdere vragen "
            "(vraagnummer 2024Z14247).\n")
    qs = parse_text(text)
    assert qs.toelichting == "Deze vragen dienen ter aanvulling op eerdere vragen (vraagnummer 2024Z14247)."
    assert qs.questions[0].text == "Wat vindt u?"
    assert qs.kenmerk is None  # a vraagnummer in the toelichting is another set's


@pytest.mark.parametrize(
    ("phrase", "titles"),
    [
        ("de ministers van Volksgezondheid, Welzijn en Sport en van Asiel en Migratie",
         ["minister van Volksgezondheid, Welzijn en Sport", "minister van Asiel en Migratie"]),
        ("de Minister van Justitie en Veiligheid en de Minister en Staatssecretaris van Binnenlandse Zaken en "
         "Koninkrijksrelaties",
         ["minister van Justitie en Veiligheid", "minister van Binnenlandse Zaken en Koninkrijksrelaties",
          "staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"]),
        ("de Staatssecretarissen van Onderwijs, Cultuur en Wetenschap en Volksgezondheid, Welzijn en Sport",
         ["staatssecretaris van Onderwijs, Cultuur en Wetenschap", "staatssecretaris van Volksgezondheid, Welzijn en Sport"]),
        ("de Ministers van Financiën en voor Buitenlandse Handel en Ontwikkelingshulp",
         ["minister van Financiën", "minister voor Buitenlandse Handel en Ontwikkelingshulp"]),
        ("de minister-president", ["minister-president"]),
        ("de minister van Digitale Zaken", ["minister van Digitale Zaken"]),
    ],
)
def test_addressees_are_structured_titles(phrase: str, titles: list[str]) -> None:
    qs = parse_text(f"Vragen van het lid X (Y) aan {phrase} over iets\n\n1. Waarom?\n")
    assert [a.title for a in qs.addressees] == titles


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ("van het leden Yeşilgöz-Zegerius en Aartsen (beiden VVD)", [("Yeşilgöz-Zegerius", "VVD"), ("Aartsen", "VVD")]),
        ("van de leden lid Inge van Dijk (CDA), Vijlbrief (D66)", [("Inge van Dijk", "CDA"), ("Vijlbrief", "D66")]),
        ("van de leden Kröger , Thijssen (beiden GroenLinks-PvdA), Teunissen (PvdD) en Rooderkerk (D66)",
         [("Kröger", "GroenLinks-PvdA"), ("Thijssen", "GroenLinks-PvdA"), ("Teunissen", "PvdD"), ("Rooderkerk", "D66")]),
        ("van het lid Welzijn (Nieuw Sociaal Contract)", [("Welzijn", "Nieuw Sociaal Contract")]),
        ("van het lid Thieme en het lid Ouwehand (Partij voor de Dieren)",
         [("Thieme", "Partij voor de Dieren"), ("Ouwehand", "Partij voor de Dieren")]),
        ("van het lid Kostic ´ (PvdD)", [("Kostić", "PvdD")]),
    ],
)
def test_members_and_parties(members: str, expected: list[tuple[str, str | None]]) -> None:
    qs = parse_text(f"Vragen {members} aan de minister van Defensie over iets\n\n1. Waarom?\n")
    assert [(m.name, m.party) for m in qs.members] == expected


def test_empty_text_is_a_parse_error() -> None:
    with pytest.raises(ParseError):
        parse_text(" \n\u00a0\n")
