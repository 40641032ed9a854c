"""The answers document: the title block, then "Vraag N" with the question, "Antwoord N" with the answer.

Combined answers print all their questions under one heading ("Vraag 2 en 3", also "Vraag 1 en
4" with question 4 moved up) and one "Antwoord 2 en 3". Footnotes of the questions and of the
answers become real Word footnotes, numbered through the document.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kvdesk.core.model import Answer, QuestionSet
from kvdesk.core.richtext import parse
from kvdesk.export import pages
from kvdesk.export.answerers import Answering, answers_title, numbers_phrase
from kvdesk.export.base import open_base
from kvdesk.export.builder import DocBuilder, linkify
from kvdesk.export.dates import dutch_date
from kvdesk.export.profile import HouseStyle


@dataclass
class AnswerGroup:
    """One "Vraag … / Antwoord …" block: the numbers it covers and its answer, if written."""

    numbers: list[int]
    answer: Answer | None


def answer_groups(qs: QuestionSet) -> list[AnswerGroup]:
    """The blocks of the answers document, in the order of their first question."""
    groups: list[AnswerGroup] = []
    seen: set[int] = set()
    for q in sorted(qs.questions, key=lambda q: q.number):
        if q.number in seen:
            continue
        answer = qs.answer_for(q.number)
        numbers = list(answer.questions) if answer else [q.number]
        seen.update(numbers)
        groups.append(AnswerGroup(numbers, answer))
    # Answers whose numbers match no question still go out, in number order.
    for answer in qs.answers:
        if not seen.intersection(answer.questions):
            seen.update(answer.questions)
            groups.append(AnswerGroup(list(answer.questions), answer))
    groups.sort(key=lambda g: min(g.numbers))
    return groups


def build_answers_document(qs: QuestionSet, answering: Answering, profile: HouseStyle, date: dt.date) -> Any:
    """The answers document as a python-docx ``Document``, not yet saved."""
    base = open_base(profile)
    b = DocBuilder(base)
    b.paragraph("title", answers_title(qs, answering))
    set_notes = {f.number: linkify(f.text, f.url) for f in qs.footnotes}
    for group in answer_groups(qs):
        label = numbers_phrase(group.numbers)
        b.paragraph("question_heading", f"Vraag {label}")
        for number in group.numbers:
            question = qs.question(number)
            if question is None:
                continue
            paras = [" ".join(part.split()) for part in question.text.split("\n\n") if part.strip()] or [""]
            for k, text in enumerate(paras):
                p = b.paragraph("question", text)
                if k == len(paras) - 1:
                    for note in question.footnotes:
                        if note in set_notes:
                            b.footnote(p, set_notes[note])
        b.paragraph("answer_heading", f"Antwoord {label}")
        if group.answer is not None:
            b.rich(parse(group.answer.text), role="answer")
        else:
            b.paragraph("answer")
    b.finish()
    document = base.document
    if base.from_template:
        _template_furniture(document, qs, date)
        sec = document.sections[0]
        if not (pages.has_content(sec.footer) or pages.has_content(sec.first_page_footer)):
            pages.page_number_paragraph(sec.footer, b.style("page_number"), profile, in_column=False)
    else:
        sec = pages.setup_page(document, pages.ANSWERS_RIGHT, different_first=False)
        pages.page_number_paragraph(sec.footer, b.style("page_number"), profile, in_column=False)
    document.core_properties.title = answers_title(qs, answering)[:250]
    return document


def _template_furniture(document: Any, qs: QuestionSet, date: dt.date) -> None:
    values = {"datum": dutch_date(date), "kenmerk": qs.kenmerk or "", "uw_referentie": qs.kenmerk or ""}
    for sec in document.sections:
        for hf in (sec.header, sec.footer, sec.first_page_header, sec.first_page_footer):
            if not hf.is_linked_to_previous:
                pages.fill_placeholders(hf._element, values)
