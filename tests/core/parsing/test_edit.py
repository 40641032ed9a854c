"""Corrections of the split: merge, split, renumber and move keep answers with their questions."""
from __future__ import annotations

import pytest

from kvdesk.core.model import Answer, Question, QuestionSet
from kvdesk.core.parsing.edit import merge_questions, move_question, renumber, split_question


def _set() -> QuestionSet:
    return QuestionSet(
        questions=[Question(1, "Een?", [1]), Question(2, "Twee?"), Question(3, "Drie? Vier?", [2])],
        answers=[Answer([1], "A1"), Answer([3], "A3")],
    )


def test_merge_joins_text_footnotes_and_renumbers_later_questions() -> None:
    qs = merge_questions(_set(), 1)
    assert [(q.number, q.text, q.footnotes) for q in qs.questions] == [(1, "Een?\n\nTwee?", [1]), (2, "Drie? Vier?", [2])]
    assert [(a.questions, a.text) for a in qs.answers] == [([1], "A1"), ([2], "A3")]


def test_merge_combines_the_answers_of_both_questions() -> None:
    qs = _set()
    qs.answers.append(Answer([2], "A2"))
    merged = merge_questions(qs, 1)
    assert [(a.questions, a.text) for a in merged.answers] == [([1], "A1\n\nA2"), ([2], "A3")]


def test_split_at_the_cursor_makes_two_questions() -> None:
    qs = split_question(_set(), 3, len("Drie? "))
    assert [(q.number, q.text) for q in qs.questions][-2:] == [(3, "Drie?"), (4, "Vier?")]
    assert [a.questions for a in qs.answers] == [[1], [3]]


def test_split_moves_later_answers_down() -> None:
    qs = split_question(_set(), 1, 2)
    assert [q.number for q in qs.questions] == [1, 2, 3, 4]
    assert [a.questions for a in qs.answers] == [[1], [4]]


def test_split_needs_text_on_both_sides() -> None:
    with pytest.raises(ValueError):
        split_question(_set(), 2, 0)


def test_renumber_closes_gaps() -> None:
    qs = QuestionSet(questions=[Question(2, "a?"), Question(5, "b?")], answers=[Answer([5], "B")])
    out = renumber(qs)
    assert [q.number for q in out.questions] == [1, 2]
    assert out.answers[0].questions == [2]


def test_move_question() -> None:
    qs = move_question(_set(), 3, 1)
    assert [q.text for q in qs.questions] == ["Drie? Vier?", "Een?", "Twee?"]
    assert sorted(a.questions for a in qs.answers) == [[1], [2]]


def test_edits_leave_the_original_unchanged() -> None:
    qs = _set()
    merge_questions(qs, 1)
    assert [q.number for q in qs.questions] == [1, 2, 3]
