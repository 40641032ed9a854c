"""The repository on SQLite and PostgreSQL: sets, answers and their append-only history."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from kvdesk.core.model import Answer, Reference
from kvdesk.storage.database import Database
from kvdesk.storage.errors import Conflict, NotFound
from kvdesk.storage.repository import Repository
from tests.storage.helpers import make_set


@pytest.fixture
def repo(database_url: str) -> Iterator[Repository]:
    db = Database.open(database_url)
    try:
        yield Repository(db)
    finally:
        db.close()


def test_stored_set_reads_back_as_the_same_exchange_record(repo: Repository) -> None:
    qs = make_set(answers=[Answer([2], "Nee.")])
    stored = repo.add_set(qs)
    assert stored.id is not None
    assert repo.get_set(stored.id).to_json() == qs.to_json()
    assert repo.get_set("2025z20001").id == stored.id  # kenmerk, any case


def test_same_kenmerk_twice_is_a_conflict(repo: Repository) -> None:
    repo.add_set(make_set())
    with pytest.raises(Conflict, match="2025Z20001"):
        repo.add_set(make_set())


@pytest.mark.parametrize("key", ["2025Z99999", "0", "99999999999999999999999"])
def test_missing_set_is_not_found_with_a_one_line_message(repo: Repository, key: str) -> None:
    with pytest.raises(NotFound) as info:
        repo.get_set(key)
    assert "\n" not in str(info.value)
    assert key in str(info.value)


def test_every_saved_text_is_a_revision_and_the_same_text_twice_is_recorded_once(repo: Repository) -> None:
    set_id = repo.add_set(make_set()).id
    assert set_id is not None
    repo.save_answer(set_id, [1], "Ja.", author="anna")
    repo.save_answer(set_id, [1], "Ja, dat bericht ken ik.", author="bram")
    repo.save_answer(set_id, [1], "Ja, dat bericht ken ik.", author="bram")
    history = repo.revisions(set_id, [1])
    assert [(r.text, r.author) for r in history] == [("Ja.", "anna"), ("Ja, dat bericht ken ik.", "bram")]
    assert history[0].created_at <= history[1].created_at
    assert repo.get_set(set_id).answer_for(1).text == "Ja, dat bericht ken ik."  # type: ignore[union-attr]


def test_combined_answer_replaces_the_single_answers_and_keeps_their_history(repo: Repository) -> None:
    set_id = repo.add_set(make_set()).id
    assert set_id is not None
    repo.save_answer(set_id, [2], "Antwoord op twee.", author="anna")
    repo.save_answer(set_id, [3], "Antwoord op drie.", author="anna")
    combined = repo.save_answer(set_id, [3, 2], "Twee en drie samen.", author="anna")
    assert combined.questions == [2, 3]
    answers = repo.get_set(set_id).answers
    assert [(a.questions, a.text) for a in answers] == [([2, 3], "Twee en drie samen.")]
    texts = [r.text for r in repo.revisions(set_id, [2])]
    assert texts == ["Antwoord op twee.", "Twee en drie samen."]
    assert [r.text for r in repo.revisions(set_id)] == ["Antwoord op twee.", "Antwoord op drie.",
                                                         "Twee en drie samen."]


def test_split_gives_each_question_its_own_answer_and_the_first_keeps_the_text(repo: Repository) -> None:
    set_id = repo.add_set(make_set()).id
    assert set_id is not None
    repo.save_answer(set_id, [2, 3], "Samen.", author="anna")
    out = repo.split_answer(set_id, [2, 3], author="anna")
    assert [(a.questions, a.text) for a in out] == [([2], "Samen."), ([3], "")]
    assert [(a.questions, a.text) for a in repo.get_set(set_id).answers] == [([2], "Samen."), ([3], "")]
    assert [r.note for r in repo.revisions(set_id, [2])][-1] == "gesplitst"
    with pytest.raises(NotFound):
        repo.split_answer(set_id, [2, 3], author="anna")


def test_answer_to_a_question_the_set_lacks_is_refused(repo: Repository) -> None:
    set_id = repo.add_set(make_set(questions=2)).id
    assert set_id is not None
    with pytest.raises(NotFound, match="geen vraag 7"):
        repo.save_answer(set_id, [2, 7], "Tekst.", author="anna")
    assert repo.revisions(set_id) == []


def test_list_puts_sets_without_date_last_and_counts_answered_questions(repo: Repository) -> None:
    repo.add_set(make_set("2025Z00001", submitted_on=dt.date(2025, 1, 1)))
    undated = make_set("2025Z00002")
    undated.submitted_on = None
    repo.add_set(undated)
    newest = repo.add_set(make_set("2025Z00003", submitted_on=dt.date(2025, 6, 1)))
    assert newest.id is not None
    repo.save_answer(newest.id, [1, 2], "Samen.", author="anna")
    repo.save_answer(newest.id, [3], "   ", author="anna")  # blank: not answered
    repo.set_assignee(newest.id, 3, "bram")
    summaries = repo.list_sets()
    assert [s.kenmerk for s in summaries] == ["2025Z00003", "2025Z00001", "2025Z00002"]
    assert (summaries[0].question_count, summaries[0].answered_count, summaries[0].assignees) == (3, 2, ["bram"])
    assert repo.list_sets(origin="archive") == []


def test_bulk_import_skips_known_kenmerken(repo: Repository) -> None:
    repo.add_set(make_set("2025Z00001"))
    added = repo.add_sets_bulk([make_set("2025Z00001"), make_set("2025Z00002"), make_set("2025Z00002"),
                                make_set(None)])
    assert added == 2
    assert {s.kenmerk for s in repo.list_sets(origin="archive")} == {"2025Z00002", None}


def test_update_keeps_draft_answers_and_assignees(repo: Repository) -> None:
    set_id = repo.add_set(make_set()).id
    assert set_id is not None
    repo.save_answer(set_id, [1], "Ja.", author="anna")
    repo.set_assignee(set_id, 2, "bram")
    changed = make_set(questions=4)
    changed.subject = "slimme meters en netcongestie"
    updated = repo.update_set(set_id, changed)
    assert updated.subject == "slimme meters en netcongestie"
    assert len(updated.questions) == 4
    assert updated.answer_for(1).text == "Ja."  # type: ignore[union-attr]
    assert updated.question(2).assignee == "bram"  # type: ignore[union-attr]


def test_status_changes_are_dated_history(repo: Repository) -> None:
    set_id = repo.add_set(make_set()).id
    assert set_id is not None
    repo.set_status(set_id, "in behandeling", author="anna")
    repo.set_status(set_id, "uitstel gemeld", author="anna", on=dt.date(2026, 1, 20))
    history = repo.status_history(set_id)
    assert [h.status for h in history] == ["nieuw", "in behandeling", "uitstel gemeld"]
    assert repo.get_set(set_id).delay_notice_on == dt.date(2026, 1, 20)
    with pytest.raises(ValueError, match="unknown status"):
        repo.set_status(set_id, "klaar")


def test_references_keep_their_json_parts_and_questions(repo: Repository) -> None:
    set_id = repo.add_set(make_set()).id
    assert set_id is not None
    ref = Reference(kind="news", citation="NOS, 30 december 2025", url="https://nos.nl/l/1", footnote=1,
                    questions=[1, 2], parts={"medium": "NOS", "datum": "2025-12-30", "ë": "ü"},
                    published_on=dt.date(2025, 12, 30))
    saved = repo.save_reference(set_id, ref)
    assert saved.id is not None
    saved.status, saved.text, saved.fetched_at = "fetched", "Artikeltekst", dt.datetime(2026, 1, 2, 9, 30)
    repo.save_reference(set_id, saved)
    (back,) = repo.references(set_id)
    assert back == saved


def test_overrides_and_delete_remove_everything_of_the_set(repo: Repository) -> None:
    set_id = repo.add_set(make_set()).id
    assert set_id is not None
    repo.save_answer(set_id, [1], "Ja.", author="anna")
    repo.record_override(set_id, [{"code": "onbeantwoord", "vraag": 2}], author="anna")
    assert repo.overrides(set_id)[0]["findings"] == [{"code": "onbeantwoord", "vraag": 2}]
    repo.save_reference(set_id, Reference(kind="url", citation="https://example.org"))
    repo.delete_set(set_id)
    assert repo.count_sets() == 0
    assert repo.revisions(set_id) == []
    assert repo.references(set_id) == []


def test_long_values_are_stored_on_every_backend(repo: Repository) -> None:
    qs = make_set()
    qs.questions[0].text = "Lange vraag " * 2000
    qs.footnotes[0].url = "https://example.org/" + "a" * 3000
    stored = repo.add_set(qs)
    assert stored.questions[0].text == qs.questions[0].text
    assert stored.footnotes[0].url == qs.footnotes[0].url
