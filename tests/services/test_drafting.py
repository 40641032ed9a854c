"""Drafting operations on a real SQLite file: combine, split, restore, diff, status, journal."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kvdesk.core import richtext
from kvdesk.core.model import Member, Question, QuestionSet
from kvdesk.services import drafting
from kvdesk.services.context import Context


def make_set(n: int = 4, kenmerk: str = "2025Z00001") -> QuestionSet:
    return QuestionSet(
        kenmerk=kenmerk,
        submitted_on=dt.date(2025, 12, 31),
        members=[Member("Boswijk", "CDA")],
        subject="slimme meters",
        questions=[Question(number=i, text=f"Vraag nummer {i}?") for i in range(1, n + 1)],
    )


@pytest.fixture
def ctx(data_dir: Path):
    context = Context.create(data_dir)
    context.author = "tester"
    yield context
    context.close()


@pytest.fixture
def set_id(ctx: Context) -> int:
    stored = ctx.repo.add_set(make_set())
    assert stored.id is not None
    return stored.id


def test_combine_joins_drafts_in_order_and_renames_clashing_footnotes(ctx, set_id):
    ctx.repo.save_answer(set_id, [2], "Twee.[^1]\n\n[^1]: Bron twee.", author="a")
    ctx.repo.save_answer(set_id, [3], "Drie.[^1]\n\n[^1]: Bron drie.", author="a")
    answer = drafting.combine_answers(ctx, set_id, [3, 2])
    assert answer.questions == [2, 3]
    doc = richtext.parse(answer.text)
    assert [richtext.inline_plain(v) for v in doc.footnotes.values()] == ["Bron twee.", "Bron drie."]
    assert len(doc.footnotes) == 2
    assert richtext.to_plain(answer.text) == "Twee.\nDrie."
    qs = ctx.repo.get_set(set_id)
    assert [a.questions for a in qs.answers] == [[2, 3]]
    notes = [r.note for r in ctx.repo.revisions(set_id, [2])]
    assert notes[-1] == drafting.NOTE_COMBINED


def test_combine_needs_two_questions(ctx, set_id):
    with pytest.raises(ValueError):
        drafting.combine_answers(ctx, set_id, [2])


def test_split_gives_first_question_the_text(ctx, set_id):
    drafting.combine_answers(ctx, set_id, [1, 2])
    ctx.repo.save_answer(set_id, [1, 2], "Samen.", author="a")
    answers = drafting.split_answer(ctx, set_id, [1, 2])
    assert [(a.questions, a.text) for a in answers] == [([1], "Samen."), ([2], "")]


def test_restore_makes_a_new_revision_with_the_old_text(ctx, set_id):
    ctx.repo.save_answer(set_id, [1], "Eerste versie.", author="a")
    ctx.repo.save_answer(set_id, [1], "Tweede versie.", author="a")
    first = ctx.repo.revisions(set_id, [1])[0]
    answer = drafting.restore_revision(ctx, set_id, first.id)
    assert answer.text == "Eerste versie."
    history = ctx.repo.revisions(set_id, [1])
    assert len(history) == 3
    assert history[-1].note.startswith("hersteld")


def test_revision_diff_is_word_level_and_sees_formatting_only_changes():
    d = drafting.revision_diff("Het kabinet deelt de zorgen.", "Het kabinet deelt de zorgen niet.")
    assert (d.added, d.removed) == (1, 0)
    f = drafting.revision_diff("Ja.", "**Ja.**")
    assert f.formatting_only and f.added == f.removed == 0


def test_status_and_assignee_are_stored(ctx, set_id):
    drafting.set_answer_status(ctx, set_id, [1], "ter review")
    drafting.set_assignee(ctx, set_id, 2, "  Fatima  ")
    drafting.set_set_status(ctx, set_id, "in behandeling")
    qs = ctx.repo.get_set(set_id)
    assert qs.answer_for(1).status == "ter review"
    assert qs.question(2).assignee == "Fatima"
    assert qs.status == "in behandeling"
    with pytest.raises(ValueError):
        drafting.set_answer_status(ctx, set_id, [1], "klaar")


def test_answer_label_reads_as_the_letter_does():
    assert drafting.answer_label([3, 2]) == "2 en 3"
    assert drafting.answer_label([2, 3, 4]) == "2, 3 en 4"


def test_journal_survives_a_new_process_and_recovery_stores_the_text(ctx, set_id, data_dir):
    journal = drafting.Journal.in_folder(data_dir)
    journal.record(set_id, "2025Z00001", [2], "Nog niet opgeslagen tekst.")
    # A new Journal object reads what the first one wrote, as a restarted process would.
    again = drafting.Journal.in_folder(data_dir)
    recovered = drafting.recover_journal(ctx, again)
    assert recovered == [drafting.Recovered("2025Z00001", [2], 4)]
    assert ctx.repo.get_set(set_id).answer_for(2).text == "Nog niet opgeslagen tekst."
    assert ctx.repo.revisions(set_id, [2])[-1].note == drafting.NOTE_RECOVERED
    assert not (data_dir / drafting.JOURNAL_FILENAME).exists()
    assert "antwoord 2" in drafting.journal_summary(recovered)


def test_journal_entry_already_stored_is_not_stored_twice(ctx, set_id, data_dir):
    ctx.repo.save_answer(set_id, [1], "Gelijk.", author="a")
    journal = drafting.Journal.in_folder(data_dir)
    journal.record(set_id, "2025Z00001", [1], "Gelijk.")
    assert drafting.recover_journal(ctx, journal) == []
    assert len(ctx.repo.revisions(set_id, [1])) == 1


def test_journal_clear_only_when_text_matches(data_dir):
    journal = drafting.Journal.in_folder(data_dir)
    journal.record(1, "K", [1], "nieuwer")
    journal.clear(1, [1], text="ouder")
    assert [e.text for e in journal.entries()] == ["nieuwer"]
    journal.clear(1, [1], text="nieuwer")
    assert journal.entries() == []


def test_damaged_journal_is_ignored_not_fatal(data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / drafting.JOURNAL_FILENAME).write_text("{niet json", encoding="utf-8")
    assert drafting.Journal.in_folder(data_dir).entries() == []


def test_journal_for_removed_set_is_dropped(ctx, set_id, data_dir):
    journal = drafting.Journal.in_folder(data_dir)
    journal.record(9999, "weg", [1], "tekst")
    assert drafting.recover_journal(ctx, journal) == []
    assert journal.entries() == []
