"""The pre-send checks: each one finds what it is for and stays quiet on good text."""
from __future__ import annotations

import datetime as dt

import pytest

from kvdesk.core.checks import (
    ERROR,
    WARNING,
    CheckSettings,
    Finding,
    check_answers_cover_questions,
    check_cross_references,
    check_duplicate_answers,
    check_footnotes,
    check_future_dates,
    check_kenmerk,
    check_long_answers,
    check_minister_title,
    check_placeholders,
    check_spelling,
    check_submitted_date,
    find_cross_references,
    received_date,
    received_on,
    run_all,
)
from kvdesk.core.model import Addressee, Answer, Question, QuestionSet

TODAY = dt.date(2024, 12, 1)


def make_set(answers: dict[tuple[int, ...], str] | None = None, n: int = 3, **kw) -> QuestionSet:
    qs = QuestionSet(
        kenmerk=kw.pop("kenmerk", "2024Z18442"),
        submitted_on=kw.pop("submitted_on", dt.date(2024, 11, 14)),
        questions=[Question(k, f"Vraag nummer {k}?") for k in range(1, n + 1)],
        addressees=kw.pop(
            "addressees",
            [Addressee("minister van Klimaat en Groene Groei", "minister", "Klimaat en Groene Groei")],
        ),
        answerer=kw.pop("answerer", "Antwoord van minister Hermans (Klimaat en Groene Groei)"),
        **kw,
    )
    if answers is None:
        answers = {(k,): f"Antwoord op vraag {k}: dat is zo." for k in range(1, n + 1)}
    qs.answers = [Answer(list(nums), text) for nums, text in answers.items()]
    return qs


def codes(findings: list[Finding]) -> list[tuple[str, tuple[int, ...]]]:
    return [(f.code, f.questions) for f in findings]


def test_a_complete_set_has_no_findings():
    assert run_all(make_set(), today=TODAY) == []


# --------------------------------------------------------------------------- answers cover questions


def test_a_question_without_an_answer_is_an_error():
    qs = make_set({(1,): "Ja.", (3,): "Nee."})
    found = check_answers_cover_questions(qs)
    assert codes(found) == [("unanswered", (2,))]
    assert found[0].level == ERROR
    assert found[0].message_nl == "geen antwoord"
    assert found[0].message_en == "no answer"


def test_a_combined_answer_counts_for_all_its_questions():
    qs = make_set({(1,): "Ja.", (2, 3): "Dat klopt voor beide vragen."})
    assert check_answers_cover_questions(qs) == []


def test_an_empty_answer_does_not_count():
    qs = make_set({(1,): "Ja.", (2,): "  \n\n", (3,): "Nee."})
    found = check_answers_cover_questions(qs)
    assert codes(found) == [("unanswered", (2,))]
    assert "leeg" in found[0].message_nl


def test_a_question_answered_twice_is_an_error():
    qs = make_set({(1,): "Ja.", (2, 3): "Beide.", (3,): "Nogmaals drie."})
    found = check_answers_cover_questions(qs)
    assert codes(found) == [("answered-twice", (3,))]
    assert "antwoord 2 en 3" in found[0].message_nl and "antwoord 3" in found[0].message_nl


def test_an_answer_under_a_number_without_question_is_an_error():
    qs = make_set({(1,): "Ja.", (2,): "Nee.", (3,): "Misschien.", (4,): "Te veel."})
    found = check_answers_cover_questions(qs)
    assert codes(found) == [("answer-without-question", (4,))]
    assert found[0].level == ERROR
    assert "?" not in found[0].message_nl


def test_an_answer_under_the_wrong_number_suggests_the_unanswered_question():
    qs = make_set({(1,): "Ja.", (3,): "Nee.", (4,): "Dit hoort bij twee."})
    found = check_answers_cover_questions(qs)
    assert codes(found) == [("answer-without-question", (4,)), ("unanswered", (2,))]
    assert found[0].message_nl.endswith("; hoort het bij vraag 2?")
    assert found[0].message_en.endswith("; does it belong to question 2?")


# --------------------------------------------------------------------------- placeholders


@pytest.mark.parametrize("text", [
    "De kosten bedragen PM.",
    "De kosten bedragen p.m. euro.",
    "Dit wordt XXX.",
    "TODO: cijfers opvragen bij DG.",
    "Op […] is besloten.",
    "Op [...] is besloten.",
    "Wanneer?? Nog navragen.",
    "Zie de bijlage.\n\n- eerste punt\n- tweede punt XXX",
    "Tekst[^1].\n\n[^1]: Bron: PM",
])
def test_placeholders_are_errors(text):
    qs = make_set({(1,): "Ja.", (2,): text, (3,): "Nee."})
    found = check_placeholders(qs)
    assert codes(found) == [("placeholder", (2,))]
    assert found[0].level == ERROR


@pytest.mark.parametrize("text", [
    "De uitstoot van fijnstof (PM2,5 en PM10) daalt.",
    "Het aantal Kamerleden dat de PMS-module gebruikt, stijgt.",
    "In de Kamerbrief «Over de toekomst […] van het stelsel» staat dat niet.",
    "De minister zei: “wij gaan […] door met het beleid”.",
    "> Het kabinet zal […] de Kamer informeren.\n\nAldus het regeerprogramma.",
    "Zie https://example.org/zoek?q=pm&x=TODO voor de cijfers.",
    "Dat is uitgezocht; de opmerkingen zijn verwerkt.",
])
def test_placeholder_check_stays_quiet_on_real_text(text):
    qs = make_set({(1,): "Ja.", (2,): text, (3,): "Nee."})
    assert check_placeholders(qs) == []


def test_placeholder_list_is_configurable():
    qs = make_set({(1,): "Ja.", (2,): "Het bedrag is nog invullen.", (3,): "Nee."})
    assert check_placeholders(qs) == []
    found = check_placeholders(qs, CheckSettings(extra_placeholders=("nog invullen",)))
    assert codes(found) == [("placeholder", (2,))]
    assert "nog invullen" in found[0].message_nl
    none = CheckSettings(placeholders=())
    assert check_placeholders(make_set({(1,): "PM", (2,): "x", (3,): "y"}), none) == []


# --------------------------------------------------------------------------- cross-references


@pytest.mark.parametrize(("text", "numbers"), [
    ("Zie het antwoord op vraag 7.", [7]),
    ("Zie ook het antwoord op vraag 2 en 3.", [2, 3]),
    ("Zie antwoord vraag 2.", [2]),
    ("Zoals aangegeven in het antwoord op vraag 6,schrijft Europese wet- en regelgeving", [6]),
    ("Zoals ik bij vraag 2 heb aangegeven, houdt de IGJ toezicht.", [2]),
    ("zoals beschreven in de beantwoording vanvraag 3, in strijd", [3]),
    ("Zie het antwoord op de vragen 4 tot en met 6.", [4, 5, 6]),
    ("Zie antwoord vraag 4-7.", [4, 5, 6, 7]),
    ("Het **antwoord op vraag 5** geldt ook hier.", [5]),
])
def test_cross_references_are_found(text, numbers):
    assert find_cross_references(text) == numbers


@pytest.mark.parametrize("text", [
    "In mijn antwoord op vraag 3 van het lid Dijk (2024Z12345) staat dat al.",
    "Zie het antwoord op vraag 5 van de eerdere Kamervragen over dit onderwerp.",
    "Zie de antwoorden op eerdere vragen (Aanhangsel Handelingen 2023–2024, nr. 76), vraag 2.",
    "De aanvraag 2024 is ingediend; zie de website.",
    "Zie Kamerstuk 25 424, nr. 650.",
])
def test_references_to_other_sets_or_documents_are_not_cross_references(text):
    assert find_cross_references(text) == []


def test_cross_reference_to_a_question_that_does_not_exist():
    qs = make_set({(1,): "Ja.", (2,): "Zie het antwoord op vraag 9.", (3,): "Nee."})
    found = check_cross_references(qs)
    assert codes(found) == [("crossref-missing", (2,))]
    assert "vraag 9" in found[0].message_nl


def test_cross_reference_to_itself():
    qs = make_set({(1,): "Ja.", (2, 3): "Zie het antwoord op vraag 3."})
    assert codes(check_cross_references(qs)) == [("crossref-self", (2, 3))]


def test_cross_reference_to_an_unanswered_question():
    qs = make_set({(1,): "Ja.", (2,): "Zie het antwoord op vraag 3.", (3,): ""})
    found = check_cross_references(qs)
    assert codes(found) == [("crossref-unanswered", (2,))]


def test_a_combined_answer_may_mention_its_own_questions():
    qs = make_set({(1,): "Ja.", (2, 3): "Het antwoord op vraag 2 is ja; op vraag 3 nee. Zoals in vraag 3 gesteld, klopt dat."})
    assert check_cross_references(qs) == []


def test_mentioning_an_unanswered_question_is_not_pointing_to_its_answer():
    qs = make_set({(1,): "Zoals bij vraag 3 gesteld, is dat zo.", (2,): "Ja.", (3,): ""})
    assert check_cross_references(qs) == []


def test_a_missing_question_is_wrong_however_it_is_mentioned():
    qs = make_set({(1,): "Zoals bij vraag 8 gesteld, is dat zo.", (2,): "Ja.", (3,): "Nee."})
    assert codes(check_cross_references(qs)) == [("crossref-missing", (1,))]


def test_valid_cross_reference_is_quiet():
    qs = make_set({(1,): "Ja.", (2,): "Zie het antwoord op vraag 1.", (3,): "Zie ook het antwoord op vraag 1 en 2."})
    assert check_cross_references(qs) == []


# --------------------------------------------------------------------------- footnotes


def test_footnote_marker_without_definition():
    qs = make_set({(1,): "Zie het rapport.[^1]", (2,): "Ja.", (3,): "Nee."})
    found = check_footnotes(qs)
    assert codes(found) == [("footnote-without-text", (1,))]


def test_footnote_with_empty_text():
    qs = make_set({(1,): "Zie het rapport.[^a]\n\n[^a]:", (2,): "Ja.", (3,): "Nee."})
    assert codes(check_footnotes(qs)) == [("footnote-without-text", (1,))]


def test_footnote_that_nothing_cites():
    qs = make_set({(1,): "Zie het rapport.[^1]\n\n[^1]: Rapport, 2024.\n[^2]: Een losse noot.", (2,): "Ja.", (3,): "Nee."})
    found = check_footnotes(qs)
    assert codes(found) == [("footnote-not-cited", (1,))]
    assert "[2]" in found[0].message_nl


def test_consistent_footnotes_are_quiet():
    text = "Zie het rapport[^1] en de brief.[^2]\n\n[^1]: Rapport, 2024.\n[^2]: Kamerstuk 25 424, nr. 650."
    assert check_footnotes(make_set({(1,): text, (2,): "Ja.", (3,): "Nee."})) == []


def test_an_escaped_footnote_definition_is_not_a_note():
    text = "Het teken \\[^1\\]: komt in de tekst voor."
    assert codes(check_footnotes(make_set({(1,): text, (2,): "Ja.", (3,): "Nee."}))) == [
        ("footnote-without-text", (1,))
    ]


# --------------------------------------------------------------------------- set data


def test_missing_ingezonden_date_is_an_error():
    found = check_submitted_date(make_set(submitted_on=None))
    assert codes(found) == [("no-submitted-date", ())]
    assert found[0].level == ERROR
    assert check_submitted_date(make_set()) == []


def test_missing_ingezonden_date_of_a_reply_already_received_is_only_a_warning():
    received = make_set(submitted_on=None, answerer="Antwoord van minister Hermans (Klimaat en Groene Groei) (ontvangen 20 november 2024)")
    assert [(f.code, f.level) for f in check_submitted_date(received)] == [("no-submitted-date", WARNING)]
    imported = make_set(submitted_on=None, answerer="staatssecretaris Struycken (Justitie en Veiligheid)")
    imported.source_text = (
        "AH 599\n2024Z18285\nAntwoord van staatssecretaris Struycken (Justitie en Veiligheid)\n"
        "(ontvangen 20 november 2024)\n\nVraag 1\n…"
    )
    assert received_on(imported) == dt.date(2024, 11, 20)
    assert [(f.code, f.level) for f in check_submitted_date(imported)] == [("no-submitted-date", WARNING)]
    sent = make_set(submitted_on=None, status="verzonden")
    assert [(f.code, f.level) for f in check_submitted_date(sent)] == [("no-submitted-date", WARNING)]


def test_a_number_printed_twice_is_reported_once():
    qs = make_set({(1,): "Ja.", (3,): "Nee."})
    qs.questions.insert(2, Question(2, "Vraag nummer 2, nogmaals?"))
    assert codes(check_answers_cover_questions(qs)) == [("unanswered", (2,))]


def test_missing_kenmerk_is_a_warning():
    found = check_kenmerk(make_set(kenmerk=None))
    assert codes(found) == [("no-kenmerk", ())]
    assert found[0].level == WARNING
    assert "Uw kenmerk" in found[0].message_nl
    assert check_kenmerk(make_set()) == []


# --------------------------------------------------------------------------- warnings


class FakeSpeller:
    def misspelled_words(self, text: str) -> list[str]:
        return [w for w in ("geinformeerd", "finaciële") if w in text]


def test_spelling_warns_per_answer_with_the_words():
    qs = make_set({(1,): "De Kamer is geinformeerd.", (2,): "Ja.", (3,): "Noot.[^1]\n\n[^1]: finaciële bron"})
    found = check_spelling(qs, speller=FakeSpeller())
    assert codes(found) == [("spelling", (1,)), ("spelling", (3,))]
    assert found[0].level == WARNING
    assert "geinformeerd" in found[0].message_nl
    assert check_spelling(qs, CheckSettings(spelling=False), speller=FakeSpeller()) == []
    assert check_spelling(qs) == []  # no speller, no check


def test_spelling_accepts_the_terms_the_questions_use():
    class Names:
        def misspelled_words(self, text: str) -> list[str]:
            return [w for w in ("Studielink", "Bushoff", "geinformeerd") if w in text]

    qs = make_set({(1,): "Studielink en Bushoff zijn geinformeerd.", (2,): "Ja.", (3,): "Nee."})
    qs.questions[0].text = "Kent u het bericht over Studielink?"
    qs.header = "Vragen van de leden Westerveld en Bushoff (beiden GroenLinks-PvdA) aan …"
    found = check_spelling(qs, speller=Names())
    assert found[0].detail["words"] == ["geinformeerd"]


def test_spelling_names_a_limited_number_of_words():
    class Many:
        def misspelled_words(self, text: str) -> list[str]:
            return [f"fout{k}" for k in range(12)]

    found = check_spelling(make_set(n=1, answers={(1,): "x"}), CheckSettings(spelling_examples=3), speller=Many())
    assert found[0].message_nl.endswith("fout0, fout1, fout2 en nog 9")


def test_long_answer_warning_is_configurable():
    long_text = " ".join(["woord"] * 120)
    qs = make_set({(1,): long_text, (2,): "Ja.", (3,): "Nee."})
    assert check_long_answers(qs) == []
    found = check_long_answers(qs, CheckSettings(max_answer_words=100))
    assert codes(found) == [("long-answer", (1,))]
    assert "120 woorden" in found[0].message_nl


def test_answerer_from_another_ministry_is_a_warning():
    qs = make_set(answerer="Antwoord van minister Van Weel (Justitie en Veiligheid) (ontvangen 20 november 2024)")
    found = check_minister_title(qs)
    assert codes(found) == [("minister-title", ())]
    assert found[0].level == WARNING
    assert "Klimaat en Groene Groei" in found[0].message_nl


@pytest.mark.parametrize("answerer", [
    "Antwoord van minister Hermans (Klimaat en Groene Groei) (ontvangen 18 november 2024)",
    "Antwoord van Staatssecretaris Jansen (Infrastructuur en Waterstaat), mede namens de Minister van Klimaat en Groene Groei",
    "Antwoord van Minister Hermans (Klimaat enGroene Groei)",  # glued by PDF extraction
    "",
])
def test_answerer_of_the_addressed_portfolio_is_quiet(answerer):
    assert check_minister_title(make_set(answerer=answerer)) == []


def test_letter_signer_is_compared_too():
    found = check_minister_title(make_set(), CheckSettings(letter_title="De minister van Financiën"))
    assert codes(found) == [("minister-title", ())]
    assert "ondertekenaar" in found[0].message_nl
    assert check_minister_title(make_set(), CheckSettings(letter_title="De minister van Klimaat en Groene Groei")) == []


def test_future_dates_are_warnings():
    qs = make_set(
        submitted_on=dt.date(2024, 12, 20),
        delay_notice_on=dt.date(2024, 12, 24),
        answerer="Antwoord van minister Hermans (Klimaat en Groene Groei) (ontvangen 2 januari 2025)",
    )
    found = check_future_dates(qs, today=TODAY)
    assert [f.detail["field"] for f in found] == ["submitted", "delay-notice", "received"]
    assert all(f.level == WARNING for f in found)
    assert "20 december 2024" in found[0].message_nl
    assert check_future_dates(make_set(), today=TODAY) == []


def test_received_date_is_read_from_the_answerer_line():
    assert received_date("Antwoord van minister X (Y) (ontvangen 20 november 2024)") == dt.date(2024, 11, 20)
    assert received_date("(ontvangen 31 februari 2024)") is None
    assert received_date(None) is None
    assert received_date("(ontvangen19 november2024)") == dt.date(2024, 11, 19)


def test_a_delay_notice_receipt_date_is_not_a_reply_receipt_date():
    qs = make_set(submitted_on=None, answerer=None)
    qs.source_text = "Mededeling van minister Wiersma (Landbouw) (ontvangen 20 november 2024)\n\nDe vragen …"
    assert received_on(qs) is None
    assert [f.level for f in check_submitted_date(qs)] == [ERROR]


def test_identical_answers_are_a_warning_but_short_ones_recur_freely():
    same = "Het kabinet deelt deze zorg en zal de Kamer voor de zomer informeren over de uitkomsten van het onderzoek."
    qs = make_set({(1,): same, (2,): "Ja.", (3,): same + "\n"})
    found = check_duplicate_answers(qs)
    assert codes(found) == [("duplicate-answer", (3,))]
    assert "antwoord 1" in found[0].message_nl
    short = make_set({(1,): "Ja.", (2,): "Ja.", (3,): "Zie het antwoord op vraag 1."})
    assert check_duplicate_answers(short) == []


# --------------------------------------------------------------------------- all together


def test_run_all_orders_errors_first_then_by_question():
    qs = make_set({(3,): "PM", (1,): "Ja."}, kenmerk=None, submitted_on=None)
    found = run_all(qs, today=TODAY)
    assert codes(found) == [
        ("no-submitted-date", ()),
        ("unanswered", (2,)),
        ("placeholder", (3,)),
        ("no-kenmerk", ()),
    ]


def test_finding_json_and_languages():
    f = Finding(ERROR, "unanswered", (2,), "geen antwoord", "no answer")
    assert f.to_json() == {"level": "error", "code": "unanswered", "questions": [2], "message": "geen antwoord"}
    assert f.to_json("en")["message"] == "no answer"
    assert f.is_error


def test_run_all_runs_every_check():
    qs = make_set(
        {
            (1,): "Zie het antwoord op vraag 9. TODO",
            (2,): "Het rapport.[^1]\n\n[^2]: Losse noot.",
            (9,): "Geen vraag negen.",
            (5,): " ".join(["woord"] * 30) + " geinformeerd",
            (6,): " ".join(["woord"] * 30) + " geinformeerd",
            (7,): "Zie het antwoord op vraag 7.",
            (8,): "Zie het antwoord op vraag 3.",
        },
        n=8,
        kenmerk=None,
        submitted_on=None,
        answerer="Antwoord van minister Van Weel (Justitie en Veiligheid)",
        delay_notice_on=dt.date(2030, 1, 1),
    )
    found = run_all(qs, CheckSettings(max_answer_words=20), speller=FakeSpeller(), today=TODAY)
    assert {f.code for f in found} == {
        "no-submitted-date", "unanswered", "answer-without-question", "placeholder", "crossref-missing",
        "crossref-self", "crossref-unanswered", "footnote-without-text", "footnote-not-cited",
        "no-kenmerk", "spelling", "long-answer", "minister-title", "future-date", "duplicate-answer",
    }
