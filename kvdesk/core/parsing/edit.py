"""Corrections to a parsed split: merge two questions, split one, renumber.

Each function returns a new :class:`QuestionSet` and leaves its argument unchanged, so a review
view can keep the previous state for undo. Answers follow their questions: numbers are mapped
through every change, and answers that end up on the same question are combined.
"""
from __future__ import annotations

import copy
import logging

from kvdesk.core.model import Answer, Question, QuestionSet

log = logging.getLogger(__name__)


def merge_questions(qs: QuestionSet, number: int) -> QuestionSet:
    """Merge question ``number`` with the question after it; later questions move up by one."""
    out = copy.deepcopy(qs)
    ordered = sorted(out.questions, key=lambda q: q.number)
    idx = next((i for i, q in enumerate(ordered) if q.number == number), None)
    if idx is None or idx + 1 >= len(ordered):
        raise ValueError(f"there is no question after question {number} to merge with")
    first, second = ordered[idx], ordered[idx + 1]
    first.text = "\n\n".join(t for t in (first.text.strip(), second.text.strip()) if t)
    first.footnotes = first.footnotes + [n for n in second.footnotes if n not in first.footnotes]
    del ordered[idx + 1]
    mapping = {q.number: q.number for q in ordered}
    mapping[second.number] = first.number
    out.questions = ordered
    _map_answers(out, mapping)
    return renumber(out)


def split_question(qs: QuestionSet, number: int, offset: int) -> QuestionSet:
    """Split question ``number`` at character ``offset`` of its text; later questions move down.

    The answer of the question stays with the first part. Footnotes go with the part whose text
    mentions them, which the parser cannot know any more: they stay with the first part.
    """
    out = copy.deepcopy(qs)
    ordered = sorted(out.questions, key=lambda q: q.number)
    idx = next((i for i, q in enumerate(ordered) if q.number == number), None)
    if idx is None:
        raise ValueError(f"there is no question {number}")
    q = ordered[idx]
    head, tail = q.text[:offset].strip(), q.text[offset:].strip()
    if not head or not tail:
        raise ValueError("a split must leave text on both sides")
    q.text = head
    new = Question(number=q.number + 1, text=tail, footnotes=[], assignee=q.assignee)
    mapping = {x.number: (x.number + 1 if x.number > number else x.number) for x in ordered}
    for later in ordered[idx + 1:]:
        later.number += 1
    ordered.insert(idx + 1, new)
    out.questions = ordered
    _map_answers(out, mapping)
    return out


def renumber(qs: QuestionSet, start: int = 1) -> QuestionSet:
    """Number the questions ``start``, ``start + 1`` … in their current order."""
    out = copy.deepcopy(qs)
    ordered = sorted(out.questions, key=lambda q: q.number) if out.questions else []
    mapping: dict[int, int] = {}
    for k, q in enumerate(ordered):
        mapping.setdefault(q.number, start + k)
        q.number = start + k
    out.questions = ordered
    _map_answers(out, mapping)
    return out


def move_question(qs: QuestionSet, number: int, to_position: int) -> QuestionSet:
    """Move question ``number`` to 1-based ``to_position`` and renumber."""
    out = copy.deepcopy(qs)
    ordered = sorted(out.questions, key=lambda q: q.number)
    idx = next((i for i, q in enumerate(ordered) if q.number == number), None)
    if idx is None:
        raise ValueError(f"there is no question {number}")
    q = ordered.pop(idx)
    ordered.insert(max(0, min(len(ordered), to_position - 1)), q)
    mapping = {x.number: k + 1 for k, x in enumerate(ordered)}
    for k, x in enumerate(ordered):
        x.number = k + 1
    out.questions = ordered
    _map_answers(out, mapping)
    return out


def _map_answers(qs: QuestionSet, mapping: dict[int, int]) -> None:
    combined: dict[tuple[int, ...], Answer] = {}
    for a in qs.answers:
        nums = sorted({mapping.get(n, n) for n in a.questions})
        key = tuple(nums)
        overlap = next((k for k in combined if set(k) & set(nums)), None)
        if overlap is not None:
            prev = combined.pop(overlap)
            merged = sorted(set(overlap) | set(nums))
            prev.questions = merged
            prev.text = "\n\n".join(t for t in (prev.text, a.text) if t.strip())
            combined[tuple(merged)] = prev
            continue
        a.questions = nums
        combined[key] = a
    qs.answers = sorted(combined.values(), key=lambda a: a.questions)
