"""Dutch spell checking with spylls and the shipped OpenTaal dictionary."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

from kvdesk.core.spelling import (
    DictionaryUnavailable,
    SpellChecker,
    default_checker,
    default_dictionary_dir,
    tokenize,
)

DICT_DIR = default_dictionary_dir()
pytestmark = pytest.mark.skipif(
    not (DICT_DIR / "nl.aff").is_file(), reason=f"dictionary not shipped at {DICT_DIR}"
)


@pytest.fixture
def tiny_dictionary(tmp_path: Path) -> Path:
    """A two-word Hunspell dictionary: loads at once, for the tests about loading."""
    (tmp_path / "nl.aff").write_text("SET UTF-8\n", encoding="utf-8")
    (tmp_path / "nl.dic").write_text("2\nbeantwoording\ngeïnformeerd\n", encoding="utf-8")
    return tmp_path


@pytest.fixture(scope="module")
def checker() -> SpellChecker:
    c = SpellChecker()
    c.load()
    return c


def test_the_shipped_dictionary_is_found_with_its_licence():
    assert (DICT_DIR / "nl.dic").is_file()
    assert "OpenTaal" in (DICT_DIR / "LICENSE").read_text(encoding="utf-8")


def test_known_and_unknown_words(checker):
    assert checker.is_correct("geïnformeerd")
    assert not checker.is_correct("geinformeerd")
    assert not checker.is_correct("finaciële")
    assert checker.is_correct("coördinatie")


def test_dutch_compounds_are_accepted(checker):
    for word in ("stikstofaanpak", "voortgangsbrief", "beantwoordingstermijn", "uitstelbericht"):
        assert checker.is_correct(word), word


def test_government_spelling_of_kamervragen(checker):
    assert checker.is_correct("Kamervragen")
    assert not checker.is_correct("kamervragen")


def test_acronyms_names_with_capitals_and_single_letters_are_not_judged(checker):
    for word in ("NZa", "DSA", "VLOP", "GroenLinks", "x"):
        assert checker.is_correct(word), word


def test_hyphenated_compound_is_accepted_when_each_part_is_a_word(checker):
    assert checker.is_correct("data-uitvraag")
    assert checker.is_correct("Noord-Holland")
    assert not checker.is_correct("data-uitvrag")


def test_abbreviations_with_their_full_stop(checker):
    for word in ("jl.", "nr.", "o.a.", "bijv."):
        assert checker.is_correct(word), word


def test_sentence_final_full_stop_does_not_hide_the_word(checker):
    assert checker.is_correct("geweest.")
    assert not checker.is_correct("geinformeerd.")


def test_tokenizer_keeps_diaereses_apostrophes_and_hyphens_and_skips_links():
    text = "Zie ’s-Gravenhage, zo’n https://www.nza.nl/a-b of info@minvws.nl; geïnformeerd."
    words = [w for _s, _e, w in tokenize(text)]
    assert words == ["Zie", "’s-Gravenhage", "zo’n", "of", "geïnformeerd."]


def test_tokenizer_next_to_digits():
    words = [w for _s, _e, w in tokenize("PM2,5 2024Z18882 nr.650 7398’s-Gravenhage")]
    assert words == ["PM", "Z", "nr.", "’s-Gravenhage"]


def test_words_next_to_digits_are_judged_sensibly(checker):
    assert checker.misspelled_spans("PM2,5 en d66 in 2024Z18882, zie nr.650 en 7398’s-Gravenhage") == []


def test_misspelled_words_are_distinct_in_order_and_spans_point_into_the_text(checker):
    text = "De Kamer is geinformeerd over de finaciële gevolgen; zij is geinformeerd."
    assert checker.misspelled_words(text) == ["geinformeerd", "finaciële"]
    spans = checker.misspelled_spans(text)
    assert [text[s:e] for s, e, _w in spans] == ["geinformeerd", "finaciële", "geinformeerd."]


def test_lookups_are_cached(checker):
    checker.is_correct("waterschapsbestuurder")
    before = checker.cache_info().hits
    checker.is_correct("waterschapsbestuurder")
    assert checker.cache_info().hits == before + 1


def test_suggestions_for_a_missing_diaeresis(checker):
    suggestions = checker.suggest("financiele", limit=3)
    assert "financiële" in suggestions
    assert len(suggestions) <= 3
    assert checker.suggest("financiele", limit=0) == []


def test_personal_words_are_accepted_and_saved(checker, tmp_path: Path):
    path = tmp_path / "woorden" / "persoonlijk.txt"
    mine = checker.with_personal_list(path)
    assert not mine.is_correct("kvdeskwoord")
    mine.add_personal_word("kvdeskwoord")
    assert mine.is_correct("kvdeskwoord")
    assert mine.is_correct("Kvdeskwoord")  # at the start of a sentence
    assert path.read_text(encoding="utf-8") == "kvdeskwoord\n"
    # A new checker reads the list back; the shared dictionary is not affected.
    assert checker.with_personal_list(path).is_correct("kvdeskwoord")
    assert not checker.is_correct("kvdeskwoord")
    mine.remove_personal_word("kvdeskwoord")
    assert not mine.is_correct("kvdeskwoord")
    assert path.read_text(encoding="utf-8") == ""


def test_a_personal_name_does_not_accept_its_lower_case_form(checker):
    mine = checker.with_personal_list(personal_words=["Yeşilgözwoord"])
    assert mine.is_correct("Yeşilgözwoord")
    assert not mine.is_correct("yeşilgözwoord")


def test_loading_is_lazy_and_can_run_in_the_background(tiny_dictionary):
    c = SpellChecker(tiny_dictionary)
    assert not c.ready
    thread = c.start_loading()
    assert c.start_loading() is thread
    thread.join(timeout=60)
    assert c.ready
    assert c.is_correct("beantwoording")


def test_an_editor_need_not_wait_for_the_dictionary(tiny_dictionary):
    c = SpellChecker(tiny_dictionary)
    assert c.is_correct("geinformeerd", wait=False)  # not loaded yet: nothing is underlined
    assert c.misspelled_spans("geinformeerd", wait=False) == []
    assert c._loader is not None  # loading has started in the background
    c._loader.join(timeout=60)
    assert not c.is_correct("geinformeerd", wait=False)


def test_checks_from_several_threads_agree(checker):
    words = ["geïnformeerd", "geinformeerd", "kamervragen", "Kamervragen", "stikstofaanpak"] * 40
    expected = [checker.is_correct(w) for w in words]
    results: list[list[bool]] = []
    fresh = checker.with_personal_list()

    def work() -> None:
        results.append([fresh.is_correct(w) for w in words])

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 8


def test_a_missing_dictionary_raises_a_typed_error(tmp_path: Path):
    c = SpellChecker(dictionary_dir=tmp_path)
    with pytest.raises(DictionaryUnavailable):
        c.is_correct("woord")
    with pytest.raises(DictionaryUnavailable):  # remembered, not retried on every word
        c.load()
    c.start_loading().join(timeout=5)  # logged, not raised in the thread
    assert not c.ready


def test_the_application_shares_one_checker():
    assert default_checker() is default_checker()
