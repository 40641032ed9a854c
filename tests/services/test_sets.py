"""Storing parsed sets and answers through the services the CLI and the GUI share."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kvdesk.core.model import Answer, Question, QuestionSet
from kvdesk.services.context import Context
from kvdesk.services.sets import (
    UserError,
    drop_repeated_questions,
    import_jsonl,
    parse_numbers,
    save_answer,
    set_json,
    store_parsed,
)


def _set(kenmerk: str | None = "2024Z18891", n: int = 3) -> QuestionSet:
    return QuestionSet(
        kenmerk=kenmerk,
        submitted_on=dt.date(2024, 11, 20),
        subject="vergunningverlening",
        questions=[Question(i, f"Vraag nummer {i}?") for i in range(1, n + 1)],
    )


def test_a_question_printed_twice_with_the_same_text_is_stored_once_with_a_warning(ctx: Context) -> None:
    qs = _set(n=3)
    qs.questions.insert(2, Question(2, "Vraag  nummer 2?"))
    result = store_parsed(ctx, qs)
    stored = ctx.repo.get_set(result.key)
    assert [q.number for q in stored.questions] == [1, 2, 3]
    assert any("tweemaal" in w for w in stored.warnings)


def test_two_different_questions_under_one_number_are_refused_with_a_way_out() -> None:
    qs = _set(n=2)
    qs.questions.append(Question(2, "Een andere vraag?"))
    with pytest.raises(UserError, match="nummer daar opnieuw"):
        drop_repeated_questions(qs)


def test_an_existing_kenmerk_is_refused_unless_updating_and_updating_keeps_drafts(ctx: Context) -> None:
    store_parsed(ctx, _set())
    save_answer(ctx, "2024Z18891", [1], "Ja.")
    with pytest.raises(UserError, match="--update"):
        store_parsed(ctx, _set())
    changed = _set(n=4)
    changed.questions[0].text = "Kent u het bericht?"
    result = store_parsed(ctx, changed, update=True)
    assert result.updated and result.question_count == 4
    stored = ctx.repo.get_set("2024Z18891")
    assert stored.questions[0].text == "Kent u het bericht?"
    assert stored.answer_for(1) is not None and stored.answer_for(1).text == "Ja."


def test_show_json_adds_id_deadline_status_and_references(ctx: Context) -> None:
    store_parsed(ctx, _set())
    data = set_json(ctx, ctx.repo.get_set("2024Z18891"))
    assert data["schema"] == "kvdesk.questionset/1"
    assert data["id"] == 1
    assert data["deadline"] == "2024-12-11"
    assert data["status"] == "nieuw"
    assert data["references"] == []


def test_jsonl_archive_import_skips_known_kenmerken_and_reports_bad_lines(ctx: Context, tmp_path: Path) -> None:
    path = tmp_path / "archief.jsonl"
    sets = [_set(f"2024Z{10000 + i}") for i in range(5)]
    sets[0].answers = [Answer([1], "Ja.")]
    path.write_text("\n".join(json.dumps(s.to_json()) for s in sets) + "\n\n", encoding="utf-8")
    assert import_jsonl(ctx, path).question_count == 5
    assert import_jsonl(ctx, path).question_count == 0
    assert ctx.repo.get_set("2024Z10000").answers[0].text == "Ja."
    bad = tmp_path / "kapot.jsonl"
    bad.write_text('{"schema": "kvdesk.questionset/1"}\n{niet json\n', encoding="utf-8")
    with pytest.raises(UserError, match="regel 2"):
        import_jsonl(ctx, bad)


@pytest.mark.parametrize(("spec", "numbers"), [("2", [2]), ("2,3", [2, 3]), ("4-7", [4, 5, 6, 7]), ("3, 1", [1, 3])])
def test_question_numbers_are_read_as_lists_and_ranges(spec: str, numbers: list[int]) -> None:
    assert parse_numbers(spec) == numbers


@pytest.mark.parametrize("spec", ["", "0", "twee", "7-3", "1-9999"])
def test_bad_question_numbers_are_a_user_error(spec: str) -> None:
    with pytest.raises(UserError):
        parse_numbers(spec)


def test_importing_records_the_references_the_set_cites(ctx: Context) -> None:
    from kvdesk.core.model import Footnote

    qs = _set()
    qs.footnotes = [Footnote(1, "Kamerstuk 36 410, nr. 31"), Footnote(2, "NOS, 17 november 2024, https://nos.nl/a/1")]
    qs.questions[0].footnotes = [1, 2]
    result = store_parsed(ctx, qs)
    kinds = sorted(r.kind for r in ctx.repo.references(result.set_id))
    assert "kamerstuk" in kinds and len(kinds) == 2


def test_recording_the_delay_notice_moves_the_deadline_and_dates_the_change(ctx: Context) -> None:
    from kvdesk.services.sets import set_status_cli

    store_parsed(ctx, _set())
    lines: list[str] = []
    assert set_status_cli(ctx, "2024Z18891", "uitstel gemeld", on="2024-12-10", note="afstemming", out=lines.append) == 0
    assert lines[0] == "2024Z18891\tuitstel gemeld\ttermijn 2025-01-01"
    assert lines[-1].startswith("2024-12-10 ") and "uitstel gemeld" in lines[-1] and "afstemming" in lines[-1]
    assert ctx.repo.get_set("2024Z18891").delay_notice_on == dt.date(2024, 12, 10)


def test_status_refuses_unknown_statuses_and_dates_and_assigns_questions(ctx: Context) -> None:
    from kvdesk.services.sets import set_status_cli

    store_parsed(ctx, _set())
    with pytest.raises(UserError, match="kies uit"):
        set_status_cli(ctx, "2024Z18891", "klaar", out=print)
    with pytest.raises(UserError, match="JJJJ-MM-DD"):
        set_status_cli(ctx, "2024Z18891", "verzonden", on="gisteren", out=print)
    with pytest.raises(UserError, match="--question"):
        set_status_cli(ctx, "2024Z18891", None, assignee="Anna", out=print)
    set_status_cli(ctx, "2024Z18891", "in behandeling", question=2, assignee="Anna de Vries", out=lambda _l: None)
    stored = ctx.repo.get_set("2024Z18891")
    assert stored.status == "in behandeling"
    assert stored.question(2).assignee == "Anna de Vries"


def test_two_answers_to_one_question_become_one_combined_answer_without_losing_text(ctx: Context) -> None:
    qs = _set(n=4)
    qs.answers = [Answer([1], "Eerste."), Answer([2, 3], "Tweede."), Answer([3], "Derde."), Answer([1], "Eerste.")]
    result = store_parsed(ctx, qs)
    stored = ctx.repo.get_set(result.key)
    assert [(a.questions, a.text) for a in stored.answers] == [([1], "Eerste."), ([2, 3], "Tweede.\n\nDerde.")]
    assert any("samengevoegd tot antwoord 2 en 3" in w for w in stored.warnings)


def test_a_jsonl_record_with_overlapping_answers_imports(ctx: Context, tmp_path: Path) -> None:
    qs = _set("2024Z20000", n=2)
    qs.answers = [Answer([1], "Ja."), Answer([1], "Nee.")]
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(qs.to_json()) + "\n", encoding="utf-8")
    assert import_jsonl(ctx, path).question_count == 1
    assert ctx.repo.get_set("2024Z20000").answers[0].text == "Ja.\n\nNee."
