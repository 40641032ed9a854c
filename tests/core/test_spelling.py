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


def test_the_shared_checker_takes_the_users_personal_list(tmp_path: Path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("kvdeskeerste\n", encoding="utf-8")
    shared = default_checker(first)
    try:
        assert shared is default_checker()
        assert "kvdeskeerste" in shared.personal_words
        shared.add_personal_word("kvdesktweede")
        assert first.read_text(encoding="utf-8") == "kvdeskeerste\nkvdesktweede\n"
        assert default_checker(second) is shared  # another data folder: its list, same dictionary
        assert shared.personal_words == []
    finally:
        shared.personal_path = None
        shared._personal = set()


# ------------------------------------------------------------------ the compact word store

TINY_AFF = """SET UTF-8
FLAG long
AF 2
AF AaBb
AF Cc
KEEPCASE Kk
SFX Aa Y 1
SFX Aa 0 en .
SFX Bb Y 1
SFX Bb 0 s .
"""
TINY_DIC = """7
huis/1
huis/2
Jan/Cc
McDonalds/AaKk
een\\/twee
wich ph:which
pretty ph:prity* st:pret
"""


def _word_view(word) -> tuple:
    return (word.stem, sorted(word.flags), word.captype, dict(word.data), list(word.alt_spellings))


def test_the_compact_store_reads_a_dic_file_as_spylls_does(tmp_path: Path):
    from spylls.hunspell import Dictionary

    from kvdesk.core.spelling import load_dictionary

    (tmp_path / "nl.aff").write_text(TINY_AFF, encoding="utf-8")
    (tmp_path / "nl.dic").write_text(TINY_DIC, encoding="utf-8")
    theirs = Dictionary.from_files(str(tmp_path / "nl"))
    ours = load_dictionary(tmp_path / "nl")
    for stem in ("huis", "Jan", "McDonalds", "een/twee", "wich", "pretty", "onbekend"):
        assert [_word_view(w) for w in ours.dic.homonyms(stem)] == \
               [_word_view(w) for w in theirs.dic.homonyms(stem)], stem
    assert [_word_view(w) for w in ours.dic.homonyms("mcdonalds", ignorecase=True)] == \
           [_word_view(w) for w in theirs.dic.homonyms("mcdonalds", ignorecase=True)]
    assert len(ours.dic.homonyms("huis")) == 2  # a stem listed twice keeps both entries
    assert ours.dic.has_flag("McDonalds", "Kk") and not ours.dic.has_flag("huis", "Kk")
    assert ours.dic.has_flag("huis", "Aa") and not ours.dic.has_flag("huis", "Aa", for_all=True)
    assert [(r.pattern, r.replacement) for r in ours.aff.REP] == [(r.pattern, r.replacement) for r in theirs.aff.REP]
    assert sorted(_word_view(w) for w in ours.dic.words) == sorted(_word_view(w) for w in theirs.dic.words)
    for word in ("huizen", "huiss", "huizens", "Jan", "jan", "JAN", "een/twee", "McDonaldsen", "wich", "prettys"):
        assert ours.lookup(word) == theirs.lookup(word), word
    assert list(ours.suggest("huiz")) == list(theirs.suggest("huiz"))


def _sample_words() -> list[str]:
    """Words from the shipped corpus and seed, dictionary stems, and misspellings of them."""
    import random

    shared = Path(__file__).resolve().parents[3] / "shared"
    words: set[str] = set()
    for path in sorted(shared.glob("seed/*.txt"))[:3]:
        words.update(w for _s, _e, w in tokenize(path.read_text(encoding="utf-8", errors="replace")))
    lines = (DICT_DIR / "nl.dic").read_text(encoding="utf-8").splitlines()[1:]
    rng = random.Random(4)
    stems = [ln.split("/")[0] for ln in rng.sample(lines, 150)]
    for stem in stems:
        at = rng.randrange(len(stem))
        words.update({stem, stem[:at] + stem[at + 1:], stem.capitalize(), stem + "en", stem + "s"})
    return sorted(words)[:600]


def test_the_compact_store_judges_real_words_as_spylls_does(checker):
    from spylls.hunspell import Dictionary

    theirs = Dictionary.from_files(str(DICT_DIR / "nl"))
    ours = checker._dictionary
    words = _sample_words()
    assert len(words) > 400
    assert [w for w in words if ours.lookup(w) != theirs.lookup(w)] == []
    for wrong in ("finaciële", "beantwording"):
        assert list(ours.suggest(wrong))[:5] == list(theirs.suggest(wrong))[:5]


def test_the_dictionary_takes_a_fraction_of_spylls_memory():
    """spylls' own reader holds the OpenTaal list in about 160 MB; the compact store in under 50."""
    import gc
    import tracemalloc

    from kvdesk.core.spelling import load_dictionary

    gc.collect()
    tracemalloc.start()
    try:
        dictionary = load_dictionary(DICT_DIR / "nl")
        held, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert dictionary.lookup("beantwoordingstermijn")
    assert held < 50 * 1024 * 1024, f"{held / 1e6:.0f} MB"
    # The large tables hold only strings and shared numbers: a garbage collection skips them.
    assert not gc.is_tracked(dictionary.dic._entries)
    assert not gc.is_tracked(dictionary.dic._lower)
