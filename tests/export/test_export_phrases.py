"""Dutch phrases, dates and file names of the letters."""
from __future__ import annotations

import datetime as dt

import pytest

from kvdesk.core.model import Addressee, Member
from kvdesk.export.answerers import (
    Answerer,
    answers_title,
    choose_answering,
    cover_opening,
    cover_subject,
    delay_body,
    delay_subject,
    members_phrase,
    ministry_lines,
    numbers_phrase,
)
from kvdesk.export.dates import dutch_date
from kvdesk.export.errors import ExportInputError
from kvdesk.export.filenames import letter_filename, safe_filename, short_subject

SEED_MEMBERS = ("de leden Boswijk, Jumelet (beiden CDA), Peter de Groot, Van der Burg (beiden VVD), "
                "Grinwis (ChristenUnie), Paternotte en Klos (beiden D66)")
SEED_SUBJECT = "het artikel ‘Woede om miljoenenorder: vier miljoen slimme meters komen straks uit China’"


def test_members_grouped_by_party_as_in_the_published_letters(seed_set):
    assert members_phrase(seed_set.members) == SEED_MEMBERS


def test_members_phrase_single_three_and_unknown_party():
    assert members_phrase([Member("Tseggai", "GroenLinks-PvdA")]) == "het lid Tseggai (GroenLinks-PvdA)"
    three = [Member("A", "SP"), Member("B", "SP"), Member("C", "SP")]
    assert members_phrase(three) == "de leden A, B en C (allen SP)"
    assert members_phrase([Member("A"), Member("B", "SP")]) == "de leden A en B (SP)"
    assert members_phrase([Member("A", "SP"), Member("B", "PVV"), Member("C", "SP")]) == "de leden A (SP), B (PVV) en C (SP)"
    assert members_phrase([]) == ""


def test_combined_numbers_read_as_published():
    assert numbers_phrase([3, 2]) == "2 en 3"
    assert numbers_phrase([5, 6, 7]) == "5, 6 en 7"
    assert numbers_phrase([1, 4]) == "1 en 4"
    assert numbers_phrase([8]) == "8"


def test_dutch_date():
    assert dutch_date(dt.date(2025, 12, 31)) == "31 december 2025"
    assert dutch_date(dt.date(2026, 5, 1)) == "1 mei 2026"


def test_default_answerer_is_first_addressee_mede_namens_the_others(seed_set):
    answering = choose_answering(seed_set)
    assert answering.by == "de minister van Buitenlandse Zaken"
    assert answering.mede_namens == "mede namens de minister van Klimaat en Groene Groei"
    assert answering.answerers[0].signature_line == "De minister van Buitenlandse Zaken,"
    assert ministry_lines(answering) == ["Ministerie van Buitenlandse Zaken"]


def test_another_answerer_and_two_answerers(seed_set):
    other = choose_answering(seed_set, "de minister van Klimaat en Groene Groei")
    assert other.by == "de minister van Klimaat en Groene Groei"
    assert other.mede_namens == "mede namens de minister van Buitenlandse Zaken"
    two = choose_answering(seed_set, [seed_set.addressees[0], "staatssecretaris van Financiën"])
    assert two.plural
    assert two.by == "de minister van Buitenlandse Zaken en de staatssecretaris van Financiën"
    assert two.mede_namens == "mede namens de minister van Klimaat en Groene Groei"
    with pytest.raises(ExportInputError):
        choose_answering(seed_set, ["a", "b", "c"])


def test_no_addressee_needs_an_explicit_answerer(seed_set):
    seed_set.addressees = []
    with pytest.raises(ExportInputError):
        choose_answering(seed_set)
    assert choose_answering(seed_set, Answerer("minister van Defensie")).by == "de minister van Defensie"


def test_answers_title_matches_the_seed_example(seed_set):
    title = answers_title(seed_set, choose_answering(seed_set))
    assert title == (
        "Antwoorden van de minister van Buitenlandse Zaken, mede namens de minister van Klimaat en Groene Groei, "
        f"op vragen van {SEED_MEMBERS} over {SEED_SUBJECT} (ingezonden 31 december 2025)"
    )
    seed_set.kenmerk = "2025Z25100"
    assert answers_title(seed_set, choose_answering(seed_set)).endswith("(ingezonden 31 december 2025, kenmerk 2025Z25100)")


def test_cover_opening_sentence_and_subject(seed_set):
    answering = choose_answering(seed_set)
    assert cover_opening(seed_set, answering) == (
        "Hierbij bied ik u, mede namens de minister van Klimaat en Groene Groei, de antwoorden aan op de "
        f"schriftelijke vragen van {SEED_MEMBERS} over {SEED_SUBJECT} (ingezonden 31 december 2025)."
    )
    seed_set.kenmerk = "2025Z25100"
    assert "de schriftelijke vragen (2025Z25100) van de leden Boswijk" in cover_opening(seed_set, answering)
    assert cover_subject(seed_set) == (
        "Beantwoording vragen van de leden Boswijk, Jumelet, Peter de Groot, Van der Burg, Grinwis, Paternotte "
        f"en Klos over {SEED_SUBJECT}"
    )
    two = choose_answering(seed_set, [a.title for a in seed_set.addressees])
    assert cover_opening(seed_set, two).startswith("Hierbij bieden wij u de antwoorden aan op de schriftelijke vragen")


def test_delay_notice_wording(seed_set):
    assert delay_subject(seed_set) == f"Uitstel beantwoording vragen van de leden Boswijk c.s. over {SEED_SUBJECT}"
    body = delay_body(seed_set, "de reden hiervoor is dat de benodigde interdepartementale afstemming meer tijd vergt")
    assert body == (
        f"De vragen van {SEED_MEMBERS} over {SEED_SUBJECT} (ingezonden 31 december 2025) kunnen niet binnen de "
        "gebruikelijke termijn van drie weken worden beantwoord. De reden hiervoor is dat de benodigde "
        "interdepartementale afstemming meer tijd vergt. Ik streef ernaar de vragen zo spoedig mogelijk te beantwoorden."
    )
    with pytest.raises(ExportInputError):
        delay_body(seed_set, "   ")


def test_minister_voor_gives_no_invented_ministry_name():
    from kvdesk.core.model import QuestionSet
    qs = QuestionSet(addressees=[Addressee("minister voor Volkshuisvesting en Ruimtelijke Ordening")])
    assert ministry_lines(choose_answering(qs)) == []


def test_file_names_are_safe_on_windows():
    assert letter_filename("Beantwoording", "2025Z25100", "slimme meters") == "Beantwoording 2025Z25100 slimme meters.docx"
    assert short_subject(SEED_SUBJECT) == "Woede om miljoenenorder: vier miljoen slimme meters".replace(":", "").replace("  ", " ")
    assert safe_filename('a<b>c:d"e/f\\g|h?i*j\x01') == "a b c d e f g h i j"
    assert safe_filename("CON") == "_CON"
    assert safe_filename("name. . ") == "name"
    assert safe_filename("") == "export"
    long = safe_filename("woord " * 60, ".docx")
    assert len(long) <= 105 and long.endswith("woord.docx")
