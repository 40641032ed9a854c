"""The editors' spelling service: one shared checker, and a signal when the dictionary is ready."""
from __future__ import annotations

from pathlib import Path

from kvdesk.core.spelling import SpellChecker, default_checker
from kvdesk.gui.spellcheck import PERSONAL_WORDS_FILENAME, SpellService


def test_the_service_uses_the_checker_the_checks_use_with_the_personal_list(qtbot, tmp_path: Path):
    (tmp_path / PERSONAL_WORDS_FILENAME).write_text("kvdeskwoord\n", encoding="utf-8")
    service = SpellService.for_data_dir(tmp_path)
    shared = default_checker()
    try:
        assert service.checker is shared  # one dictionary in memory, not one per user of it
        assert "kvdeskwoord" in shared.personal_words
        service.add_word("kvdeskander")
        assert "kvdeskander" in (tmp_path / PERSONAL_WORDS_FILENAME).read_text(encoding="utf-8")
    finally:
        service.stop()
        shared.personal_path = None
        shared._personal = set()


def test_the_service_says_when_the_dictionary_is_ready(qtbot, tmp_path: Path):
    (tmp_path / "nl.aff").write_text("SET UTF-8\n", encoding="utf-8")
    (tmp_path / "nl.dic").write_text("1\nbeantwoording\n", encoding="utf-8")
    service = SpellService(SpellChecker(tmp_path))
    with qtbot.waitSignal(service.ready_changed, timeout=10000) as ready:
        service.start()
    assert ready.args == [True]
    service.stop()


def test_the_service_says_when_there_is_no_dictionary(qtbot, tmp_path: Path):
    service = SpellService(SpellChecker(tmp_path / "leeg"))
    with qtbot.waitSignal(service.ready_changed, timeout=10000) as ready:
        service.start()
    assert ready.args == [False]
    assert service.lookup("woord") is None and not service.available
    service.stop()
