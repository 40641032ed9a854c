"""No text crashes the parser: random text and mutated corpus texts give a result or a ParseError."""
from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kvdesk.core.model import QuestionSet
from kvdesk.core.parsing import parse_text
from kvdesk.core.parsing.errors import ParseError
from tests.support import CORPUS

SAMPLES = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))[::7]] if CORPUS.exists() else []
PIECES = ["Vraag 1", "Vraag 2 en 3", "Antwoord", "Antwoord 1", "1.", "1)", "[1]", "? 1)", "¹", "\n", "\n\n", "\f",
          "Vragen van het lid X (Y) aan de minister van Z over ", "(ingezonden 31 februari 2024)", "Toelichting:",
          "Mededeling", "________", "Antwoord van minister A (B) (ontvangen 1 mei 2024)", "kv-tk-2024Z1", "-", "(", ")"]


def _parse_or_error(text: str) -> None:
    try:
        qs = parse_text(text)
    except ParseError as exc:
        assert "\n" not in str(exc)
        return
    QuestionSet.from_json(qs.to_json())  # the result is always a valid record


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_random_text(text: str) -> None:
    _parse_or_error(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=20), max_size=60))
def test_random_pieces_of_question_sets(pieces: list[str]) -> None:
    _parse_or_error(" ".join(pieces))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(min_value=1, max_value=30))
def test_mutated_corpus_texts(seed: int, edits: int) -> None:
    if not SAMPLES:
        return
    rnd = random.Random(seed)
    text = list(rnd.choice(SAMPLES))
    for _ in range(edits):
        k = rnd.randrange(len(text) + 1)
        op = rnd.random()
        if op < 0.4 and text:
            del text[k: k + rnd.randint(1, 40)]
        elif op < 0.8:
            text[k:k] = list(rnd.choice(PIECES))
        else:
            text[k:k] = [chr(rnd.randint(0, 0x2FFF))]
    _parse_or_error("".join(text))
