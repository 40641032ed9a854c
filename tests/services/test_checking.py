"""run_checks, the one-line format and the JSON the command line prints."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from kvdesk.core.checks import CheckSettings, Finding
from kvdesk.core.model import Answer, Question, QuestionSet
from kvdesk.services.checking import (
    CheckReport,
    check_set_cli,
    format_finding,
    format_findings,
    run_checks,
    summary_line,
)

NO_SPELLING = CheckSettings(spelling=False)


def make_set(**kw) -> QuestionSet:
    qs = QuestionSet(
        kenmerk=kw.pop("kenmerk", "2024Z18442"),
        submitted_on=dt.date(2024, 11, 14),
        questions=[Question(1, "Kent u het bericht?"), Question(2, "Wat vindt u ervan?"), Question(3, "Gaat u iets doen?")],
    )
    qs.answers = kw.pop("answers", [Answer([1], "Ja."), Answer([2, 3], "De minister is geinformeerd.")])
    return qs


class Speller:
    def misspelled_words(self, text: str) -> list[str]:
        return ["geinformeerd"] if "geinformeerd" in text else []


def test_a_ready_set_has_no_errors_and_exit_status_0():
    report = run_checks(make_set(), NO_SPELLING)
    assert report.findings == []
    assert not report.has_errors and report.exit_status == 0
    assert summary_line(report) == "Geen bevindingen: klaar om te verzenden."
    assert summary_line(report, "en") == "No findings: ready to send."


def test_warnings_alone_do_not_block():
    report = run_checks(make_set(kenmerk=None), NO_SPELLING)
    assert [f.code for f in report.findings] == ["no-kenmerk"]
    assert report.exit_status == 0
    assert summary_line(report) == "0 fouten, 1 waarschuwing — klaar om te verzenden."


def test_an_error_blocks_and_exits_1():
    report = run_checks(make_set(answers=[Answer([1], "PM")]), NO_SPELLING)
    assert [(f.code, f.questions) for f in report.errors] == [("placeholder", (1,)), ("unanswered", (2,)), ("unanswered", (3,))]
    assert report.exit_status == 1
    assert summary_line(report) == "3 fouten, 0 waarschuwingen — exporteren is geblokkeerd."


def test_spelling_runs_with_the_given_speller():
    report = run_checks(make_set(), speller=Speller())
    assert [(f.code, f.questions) for f in report.warnings] == [("spelling", (2, 3))]


def test_spelling_is_skipped_with_a_note_when_the_dictionary_is_missing(monkeypatch, tmp_path):
    from kvdesk.core import spelling

    monkeypatch.setattr(spelling, "_DEFAULT", spelling.SpellChecker(dictionary_dir=tmp_path))
    report = run_checks(make_set())
    assert report.findings == []
    assert report.skipped and report.skipped[0].startswith("spelling:")


def test_one_line_per_finding_with_question_number_and_reason():
    lines = format_findings([
        Finding("error", "unanswered", (2,), "geen antwoord", "no answer"),
        Finding("warning", "spelling", (2, 3), "mogelijk verkeerd gespeld: x", "possibly misspelled: x"),
        Finding("warning", "no-kenmerk", (), "het kenmerk ontbreekt", "the kenmerk is missing"),
    ])
    assert lines == [
        "fout         vraag 2        geen antwoord",
        "waarschuwing vragen 2 en 3  mogelijk verkeerd gespeld: x",
        "waarschuwing vragenset      het kenmerk ontbreekt",
    ]
    assert format_finding(Finding("error", "unanswered", (4, 5, 6), "geen antwoord", "no answer"), "en") == (
        "error        questions 4, 5 and 6 no answer"
    )


def test_json_is_a_list_of_level_code_questions_message():
    report = run_checks(make_set(answers=[Answer([1, 2, 3], "TODO")]), NO_SPELLING)
    assert report.to_json() == [
        {"level": "error", "code": "placeholder", "questions": [1, 2, 3], "message": "bevat een opvulling: “TODO”"}
    ]
    assert report.to_json("en")[0]["message"] == "contains a placeholder: “TODO”"


class FakeRepo:
    def __init__(self, sets: dict[str, QuestionSet]) -> None:
        self.sets = sets

    def get_set(self, key: str) -> QuestionSet:
        try:
            return self.sets[key]
        except KeyError:
            raise LookupError(f"geen vragenset {key}") from None


def test_check_command_prints_lines_and_a_summary_and_returns_the_exit_status():
    ctx = SimpleNamespace(repo=FakeRepo({"A": make_set(answers=[Answer([1], "Ja.")])}))
    lines: list[str] = []
    status = check_set_cli(ctx, "A", out=lines.append, settings=NO_SPELLING)
    assert status == 1
    assert lines[0].startswith("fout") and "vraag 2" in lines[0]
    assert lines[-1].startswith("2 fouten")


def test_check_command_json():
    ctx = SimpleNamespace(repo=FakeRepo({"A": make_set()}))
    lines: list[str] = []
    status = check_set_cli(ctx, "A", as_json=True, out=lines.append, settings=NO_SPELLING)
    assert status == 0
    assert json.loads("\n".join(lines)) == []


def test_check_command_lets_an_unknown_key_through_to_the_command_line():
    ctx = SimpleNamespace(repo=FakeRepo({}))
    with pytest.raises(LookupError):
        check_set_cli(ctx, "B", out=lambda s: None, settings=NO_SPELLING)


def test_report_keeps_the_set_key():
    assert run_checks(make_set(), NO_SPELLING).key == "2024Z18442"
    assert isinstance(run_checks(make_set(), NO_SPELLING), CheckReport)


# --------------------------------------------------------------------------- the corpus of sent replies

ANSWERS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "answers"
CORPUS_FILES = sorted(p.name for p in ANSWERS_DIR.glob("*.txt")) if ANSWERS_DIR.is_dir() else []

# Errors the checks must report on the corpus, because the imported text really has them.
REAL_ERRORS: dict[str, set[tuple[str, tuple[int, ...]]]] = {
    # The published Aanhangsel prints "Vraag 7" twice (the same text) and then "Antwoord 8":
    # question 7 is answered under the wrong number, so 7 has no answer and answer 8 has no
    # question.
    "ah-tk-20242025-597_pdf.txt": {("unanswered", (7,)), ("answer-without-question", (8,))},
    # The Markdown conversion of this PDF lost the "Vraag 2" heading and most of its text at
    # a page break (corpus/INDEX.md: "a few lines lost at page breaks"), so the imported set
    # has an answer 2 without question 2.
    "ah-tk-20232024-302_pdf-markdown.txt": {("answer-without-question", (2,))},
}


def _parse_file():
    if not CORPUS_FILES:
        pytest.skip(f"the corpus of sent replies is absent ({ANSWERS_DIR})")
    try:
        from kvdesk.services.importing import parse_file
    except ImportError as exc:
        pytest.skip(f"the parser (kvdesk.services.importing) is not available: {exc}")
    return parse_file


@pytest.mark.parametrize("name", CORPUS_FILES or ["(corpus absent)"])
def test_no_false_alarms_on_replies_ministers_sent(name):
    parse_file = _parse_file()
    qs = parse_file(ANSWERS_DIR / name)
    assert qs.questions and qs.answers, f"{name}: the parser found no questions or answers"
    # Spelling only ever warns; leaving it out keeps this test fast.
    report = run_checks(qs, NO_SPELLING, today=dt.date(2025, 1, 1))
    errors = {(f.code, f.questions) for f in report.errors}
    expected = REAL_ERRORS.get(name, set())
    assert errors == expected, "\n".join([f"{name}:", *format_findings(report.errors)])


def test_check_command_accepts_the_words_of_the_users_personal_list(tmp_path: Path):
    """``kvdesk check`` reads the personal word list the app keeps in the data folder."""
    from kvdesk.core import spelling

    qs = make_set(answers=[Answer([1], "Ja."), Answer([2, 3], "De Zwolvenwet is ongewijzigd.")])
    ctx = SimpleNamespace(repo=FakeRepo({"A": qs}), data_dir=tmp_path)
    lines: list[str] = []
    check_set_cli(ctx, "A", out=lines.append)
    assert any("Zwolvenwet" in line for line in lines), lines
    (tmp_path / spelling.PERSONAL_WORDS_FILENAME).write_text("Zwolvenwet\n", encoding="utf-8")
    lines.clear()
    check_set_cli(ctx, "A", out=lines.append)
    assert not any("Zwolvenwet" in line for line in lines), lines
