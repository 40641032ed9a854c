"""The word-level diff of answer versions."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kvdesk.core.diff import diff_html, diff_stats, tokenize, word_diff


def _old(parts):
    return "".join(p.text for p in parts if p.kind != "insert")


def _new(parts):
    return "".join(p.text for p in parts if p.kind != "delete")


def test_changed_word_shows_as_whole_word_replacement():
    parts = word_diff("Het kabinet deelt de zorgen.", "Het kabinet begrijpt de zorgen.")
    assert [(p.kind, p.text) for p in parts] == [
        ("equal", "Het kabinet "), ("delete", "deelt"), ("insert", "begrijpt"), ("equal", " de zorgen."),
    ]


def test_hyphenated_compound_is_one_word():
    assert tokenize("data-uitvraag en 's-Gravenhage")[0] == "data-uitvraag"


def test_replaced_phrase_reads_as_one_replacement():
    parts = word_diff("a de oude tekst b", "a een nieuwe zin b")
    assert [p.kind for p in parts] == ["equal", "delete", "insert", "equal"]
    assert parts[1].text == "de oude tekst"
    assert parts[2].text == "een nieuwe zin"


def test_stats_count_words_added_and_removed():
    parts = word_diff("Ja.", "Ja, dat klopt zeker.")
    assert diff_stats(parts) == (3, 0)


def test_html_marks_deletions_and_insertions_and_escapes():
    html = diff_html(word_diff("a <b>", "a <c>"))
    assert "line-through" in html and "&lt;" in html and "<b>" not in html


def test_identical_texts_are_one_equal_part():
    assert [p.kind for p in word_diff("Ja.\n\nNee.", "Ja.\n\nNee.")] == ["equal"]


@given(st.text(max_size=80), st.text(max_size=80))
def test_parts_give_back_both_versions(old, new):
    parts = word_diff(old, new)
    assert _old(parts) == old
    assert _new(parts) == new
