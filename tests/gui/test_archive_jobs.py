"""The archive in the app: a .jsonl import and an open-data sync on a thread, with progress and cancel."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kvdesk.gui.application import Started
from kvdesk.services import archive, searching
from kvdesk.sources.opendata.client import OpenDataConfig
from tests.gui.helpers import make_set, running_apps
from tests.services.test_archive import write_archive
from tests.sources.opendata.fakeserver import FakeOpenData, fixtures_present
from tests.support import require


@pytest.fixture
def app_with(qtbot: QtBot, data_dir: Path) -> Iterator[Callable[..., Started]]:
    yield from running_apps(qtbot, data_dir, autosave_ms=60_000)


def _integrity_ok(s: Started) -> None:
    engine = s.ctx.db.engine
    with engine.begin() as conn:
        for fts in ("question_fts", "answer_fts"):
            conn.exec_driver_sql(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")


def test_an_archive_file_is_imported_in_the_background_and_searchable(qtbot: QtBot, app_with, tmp_path: Path) -> None:
    s = app_with(make_set(2, kenmerk="2025Z00001"))
    path = tmp_path / "archief.jsonl"
    write_archive(path, 2500)
    assert s.window.act_import_archive in s.window.menuBar().actions()[0].menu().actions()
    job = s.window.import_archive(path)
    assert job is not None and job.running
    assert s.window.import_archive(path) is None, "one archive job at a time"
    qtbot.waitUntil(lambda: s.window.job is None, timeout=60000)
    assert s.ctx.repo.count_sets() == 2501
    assert "2500 sets toegevoegd" in s.window.statusBar().currentMessage()
    hits = searching.search(s.ctx, "woord2499")
    assert {h.kenmerk for h in hits} == {"2019Z02499"}
    _integrity_ok(s)


def test_cancelling_an_archive_import_keeps_what_was_stored_and_a_sound_index(qtbot: QtBot, app_with,
                                                                              tmp_path: Path) -> None:
    s = app_with(make_set(2, kenmerk="2025Z00001"))
    path = tmp_path / "archief.jsonl"
    write_archive(path, 5000)
    job = s.window.import_archive(path)
    assert job is not None
    job.dialog.findChild(QPushButton).click()  # the dialog's "Annuleren"
    qtbot.waitUntil(lambda: s.window.job is None, timeout=60000)
    stored = len(s.ctx.repo.list_sets(origin="archive"))
    assert 0 < stored < 5000
    assert "gestopt" in s.window.statusBar().currentMessage()
    _integrity_ok(s)
    # Importing again adds the rest.
    s.window.import_archive(path)
    qtbot.waitUntil(lambda: s.window.job is None, timeout=60000)
    assert len(s.ctx.repo.list_sets(origin="archive")) == 5000
    _integrity_ok(s)


def test_a_broken_archive_is_reported_and_loses_nothing(qtbot: QtBot, app_with, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from kvdesk.gui import mainwindow

    s = app_with(make_set(2, kenmerk="2025Z00001"))
    path = tmp_path / "archief.jsonl"
    write_archive(path, 3)
    with path.open("a", encoding="utf-8") as fh:
        fh.write("{dit is geen json\n")
    told: list[str] = []
    monkeypatch.setattr(mainwindow, "inform", lambda _p, _t, text: told.append(text))
    s.window.import_archive(path)
    qtbot.waitUntil(lambda: s.window.job is None, timeout=60000)
    assert told and "regel 4" in told[0]
    # The batch with the bad line is not stored; what was there before stays.
    assert [x.kenmerk for x in s.ctx.repo.list_sets()] == ["2025Z00001"]
    _integrity_ok(s)


def test_the_archive_is_brought_up_to_date_from_open_data(qtbot: QtBot, app_with,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    require(fixtures_present(), "the shared fixtures folder (../shared/fixtures) is absent")
    fake = FakeOpenData()
    fake.start()
    try:
        config = OpenDataConfig(odata_base=fake.odata_base, sru_base=fake.sru_base, read_timeout=2.0,
                                connect_timeout=1.0, retries=0, retry_pause=0.0, page_pause=0.0)
        monkeypatch.setattr(archive, "default_sync_config", lambda _ctx: config)
        s = app_with(make_set(2, kenmerk="2025Z00001"))
        assert s.window.act_sync_archive in s.window.extra_menu.actions()
        job = s.window.sync_archive()
        assert job is not None
        qtbot.waitUntil(lambda: s.window.job is None, timeout=60000)
        assert "5 nieuw" in s.window.statusBar().currentMessage()
        assert len(s.ctx.repo.list_sets(origin="archive")) == 5
    finally:
        fake.stop()
