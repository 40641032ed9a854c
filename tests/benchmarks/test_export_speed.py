"""Benchmark: a 30-question reply against python-docx writing a bare document with the same text.

Both run side by side in one process on the same data; the numbers are printed (``-s``) and are
recorded in docs/BENCHMARKS.md, section "Export". This is a measurement, not a timed assertion.
Run: ``.venv/bin/python -m pytest tests/benchmarks/test_export_speed.py -s -q``
"""
from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

import docx

from kvdesk.core.richtext import to_plain
from kvdesk.export.answerers import answers_title, choose_answering, cover_opening, cover_subject
from kvdesk.services.exporting import export_reply
from tests.export.seed import EXPORT_DATE, make_big_set

ROUNDS = 15


def _median_ms(fn: Callable[[], object]) -> tuple[float, float]:
    fn()  # warm-up: imports, caches, the prepared base document
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, min(times) * 1000


def test_export_30_questions_against_bare_python_docx(tmp_path: Path) -> None:
    qs = make_big_set(30)
    answering = choose_answering(qs)
    # The same text as the two letters: the cover letter's lines, the title, every heading,
    # question, answer paragraph and footnote text.
    texts = [cover_subject(qs), "Geachte voorzitter,", cover_opening(qs, answering), answers_title(qs, answering)]
    for q in qs.questions:
        answer = qs.answer_for(q.number)
        texts += [f"Vraag {q.number}", q.text, f"Antwoord {q.number}"]
        texts += to_plain(answer.text, with_footnotes=True).split("\n") if answer else []
    texts += [f.text for f in qs.footnotes]

    def bare() -> None:
        document = docx.Document()
        for text in texts:
            document.add_paragraph(text)
        document.save(tmp_path / "bare.docx")

    def reply() -> None:
        export_reply(qs, tmp_path / "reply", date=EXPORT_DATE)

    bare_ms, bare_min = _median_ms(bare)
    reply_ms, reply_min = _median_ms(reply)
    # A second pass in the other order evens out warm-up effects of the machine.
    reply_ms2, _ = _median_ms(reply)
    bare_ms2, _ = _median_ms(bare)
    bare_med, reply_med = (bare_ms + bare_ms2) / 2, (reply_ms + reply_ms2) / 2
    print(
        f"\nexport 30 questions: reply (cover letter + answers document) median {reply_med:.1f} ms "
        f"(min {reply_min:.1f}); bare python-docx, same text in one document: median {bare_med:.1f} ms "
        f"(min {bare_min:.1f}); ratio {reply_med / bare_med:.2f}; paragraphs in bare document {len(texts)}"
    )
    assert (tmp_path / "reply").is_dir()
