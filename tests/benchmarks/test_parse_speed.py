"""Parser speed: the whole corpus in one process, and the 73-question PDF text.

Measures and reports (run with ``-s`` to see the numbers, or as a script); it asserts nothing
about time, because shared machines vary. Targets: corpus < 2 s, the 73-question text < 200 ms.
The numbers in docs/BENCHMARKS.md ("Parser") come from ``python tests/benchmarks/test_parse_speed.py``.
"""
from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest

from kvdesk.core.parsing import parse_text

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
BIG = CORPUS / "questions" / "kv-tk-2024Z18559_pdf.txt"


def measure(rounds: int = 5) -> dict[str, float]:
    """Best and median seconds for the corpus and for the 73-question text."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
    big = BIG.read_text(encoding="utf-8")
    parse_text(big)  # compile the regular expressions once, as a running app has
    corpus_runs, big_runs = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        for text in texts:
            parse_text(text)
        corpus_runs.append(time.perf_counter() - start)
        start = time.perf_counter()
        parse_text(big)
        big_runs.append(time.perf_counter() - start)
    return {
        "files": float(len(texts)),
        "corpus_best": min(corpus_runs),
        "corpus_median": statistics.median(corpus_runs),
        "big_best": min(big_runs),
        "big_median": statistics.median(big_runs),
    }


@pytest.mark.skipif(not BIG.exists(), reason=f"the shared corpus is absent ({CORPUS})")
def test_parse_speed_is_measured() -> None:
    result = measure(rounds=3)
    print(
        f"\nparser: corpus ({result['files']:.0f} files) best {result['corpus_best'] * 1000:.0f} ms, "
        f"median {result['corpus_median'] * 1000:.0f} ms; 73 questions best {result['big_best'] * 1000:.1f} ms, "
        f"median {result['big_median'] * 1000:.1f} ms"
    )
    assert result["files"] > 0


if __name__ == "__main__":
    r = measure()
    print(f"corpus: {r['files']:.0f} files, best {r['corpus_best'] * 1000:.0f} ms, median {r['corpus_median'] * 1000:.0f} ms")
    print(f"73-question PDF text: best {r['big_best'] * 1000:.1f} ms, median {r['big_median'] * 1000:.1f} ms")
