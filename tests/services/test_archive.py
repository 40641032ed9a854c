"""Filling the archive: the open-data sync against a local fake server, and the bulk import."""
from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kvdesk.core.model import Answer, Member, Question, QuestionSet
from kvdesk.services import archive, searching
from kvdesk.services.context import Context
from kvdesk.services.sets import UserError, import_jsonl
from kvdesk.sources.opendata.client import OpenDataClient, OpenDataConfig
from kvdesk.storage import archive as store
from tests.sources.opendata.fakeserver import FakeOpenData, fixtures_present
from tests.support import require


@pytest.fixture
def fake() -> Iterator[FakeOpenData]:
    require(fixtures_present(), "the shared fixtures folder (../shared/fixtures) is absent")
    server = FakeOpenData()
    server.start()
    yield server
    server.stop()


def client_for(fake: FakeOpenData, read_timeout: float = 2.0) -> OpenDataClient:
    return OpenDataClient(OpenDataConfig(odata_base=fake.odata_base, sru_base=fake.sru_base, read_timeout=read_timeout,
                                         connect_timeout=1.0, retries=0, retry_pause=0.0, page_pause=0.0))


def test_sync_stores_every_set_with_texts_and_aanhangsel(ctx: Context, fake: FakeOpenData) -> None:
    fake.unanswered = {4}
    seen: list[archive.SyncProgress] = []
    with client_for(fake) as http:
        result = archive.sync_archive(ctx, client=http, progress=seen.append)
    assert result.finished and result.error is None
    assert (result.added, result.pages) == (5, 3)
    assert [p.current for p in seen] == [fake.kenmerk(i) for i in range(5)]
    summaries = ctx.repo.list_sets(origin="archive")
    assert len(summaries) == 5
    qs = ctx.repo.get_set(fake.kenmerk(1))
    assert [q.number for q in qs.questions] == [1, 2, 3] and [a.questions for a in qs.answers] == [[1], [2, 3]]
    assert [m.name for m in qs.members] == ["Voorbeeld", "Testlid"]
    assert qs.status == "verzonden"
    assert searching.citation_for(ctx, qs.id) == "Aanhangsel Handelingen II 2024/25, nr. 2301"
    unanswered = ctx.repo.get_set(fake.kenmerk(4))
    assert unanswered.questions == [] and unanswered.warnings
    hits = searching.search(ctx, fake.subject_word(2))
    assert {h.kenmerk for h in hits} == {fake.kenmerk(2)}
    assert store.get_state(ctx.db, archive.SYNC_NAME).cursor is None


def test_deleted_sets_are_removed_and_drafts_are_left_alone(ctx: Context, fake: FakeOpenData) -> None:
    ctx.repo.add_set(QuestionSet(kenmerk=fake.kenmerk(0), questions=[Question(1, "Mijn eigen concept.")]))
    with client_for(fake) as http:
        first = archive.sync_archive(ctx, client=http)
    assert (first.added, first.skipped) == (4, 1)
    assert ctx.repo.get_set(fake.kenmerk(0)).questions[0].text == "Mijn eigen concept."
    fake.deleted = {0, 2}
    with client_for(fake) as http:
        second = archive.sync_archive(ctx, client=http)
    assert second.deleted == 1 and second.updated == 3
    keys = {s.kenmerk for s in ctx.repo.list_sets(origin=None)}
    assert fake.kenmerk(2) not in keys and fake.kenmerk(0) in keys  # the draft survives a deletion upstream
    assert searching.search(ctx, fake.subject_word(2)) == []


def test_a_timeout_in_the_middle_stops_cleanly_and_the_next_run_resumes(ctx: Context, fake: FakeOpenData) -> None:
    fake.hang_at_skip = 2
    fake.hang_seconds = 1.5
    with client_for(fake, read_timeout=0.4) as http:
        broken = archive.sync_archive(ctx, client=http)
    assert not broken.finished and broken.error and "opnieuw" in broken.error
    assert broken.added == 2
    cursor = store.get_state(ctx.db, archive.SYNC_NAME).cursor
    assert cursor and "skip=2" in cursor
    fake.hang_at_skip = None
    before = len(fake.zaak_requests())
    with client_for(fake) as http:
        resumed = archive.sync_archive(ctx, client=http)
    assert resumed.finished and resumed.added == 3
    asked = fake.zaak_requests()[before:]
    assert "skip=2" in asked[0] and not any("skip" not in r for r in asked)  # did not start again from page 1
    assert len(ctx.repo.list_sets(origin="archive")) == 5


def test_a_400_ends_the_sync_with_the_servers_reason(ctx: Context, fake: FakeOpenData) -> None:
    fake.reject_all = True
    with client_for(fake) as http:
        result = archive.sync_archive(ctx, client=http)
    assert not result.finished and result.error and "HTTP 400" in result.error
    assert ctx.repo.list_sets(origin="archive") == []


def test_cancel_stops_after_the_current_set_and_resumes_later(ctx: Context, fake: FakeOpenData) -> None:
    stop = {"now": False}

    def progress(p: archive.SyncProgress) -> None:
        stop["now"] = p.seen >= 1

    with client_for(fake) as http:
        result = archive.sync_archive(ctx, client=http, progress=progress, cancelled=lambda: stop["now"])
    assert result.cancelled and not result.finished and result.added == 1
    with client_for(fake) as http:
        rest = archive.sync_archive(ctx, client=http)
    assert rest.finished and rest.added == 4 and rest.updated == 1


def test_ministry_filter_keeps_only_sets_addressed_to_it(ctx: Context, fake: FakeOpenData) -> None:
    with client_for(fake) as http:
        none = archive.sync_archive(ctx, client=http, ministry="Defensie")
    assert none.finished and none.added == 0 and none.skipped == 5
    assert "Defensie" in json.dumps(fake.zaak_requests()[0]) or "Defensie" in fake.zaak_requests()[0]
    with client_for(fake) as http:
        some = archive.sync_archive(ctx, client=http, ministry="Binnenlandse Zaken")
    assert some.added == 5


def test_soft_404_for_a_text_keeps_the_set_with_a_warning(ctx: Context, fake: FakeOpenData) -> None:
    fake.unpublished_xml = {1}
    with client_for(fake) as http:
        result = archive.sync_archive(ctx, client=http)
    assert result.finished and result.added == 5 and len(result.warnings) == 1
    assert ctx.repo.get_set(fake.kenmerk(1)).warnings


def write_archive(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            qs = QuestionSet(
                kenmerk=f"2019Z{i:05d}", subject=f"onderwerp {i}", members=[Member("Lid", "SP")],
                questions=[Question(k, f"Vraag {k} over woord{i} en de begroting.") for k in (1, 2, 3)],
                answers=[Answer([1], f"Antwoord over woord{i}."), Answer([2, 3], "Zie de brief.")],
            )
            fh.write(json.dumps(qs.to_json(), ensure_ascii=False) + "\n")


def test_bulk_import_of_a_jsonl_archive_is_searchable_at_once(ctx: Context, tmp_path: Path) -> None:
    path = tmp_path / "archive.jsonl"
    write_archive(path, 3000)
    ticks: list[tuple[int, int]] = []
    started = time.perf_counter()
    result = archive.import_archive(ctx, path, progress=lambda done, total: ticks.append((done, total)))
    elapsed = time.perf_counter() - started
    assert result.question_count == 3000
    assert ticks[-1][0] == ticks[-1][1] and len(ticks) >= 2
    hits = searching.search(ctx, "woord2999")
    assert {h.kenmerk for h in hits} == {"2019Z02999"} and sorted(h.kind for h in hits) == ["answer"] + ["question"] * 3
    assert elapsed < 30  # the speed itself is measured in tests/benchmarks
    again = import_jsonl(ctx, path)
    assert again.question_count == 0  # known kenmerken are skipped


def test_bulk_import_can_be_cancelled_between_batches(ctx: Context, tmp_path: Path) -> None:
    path = tmp_path / "archive.jsonl"
    write_archive(path, 5000)
    result = import_jsonl(ctx, path, cancelled=lambda: True)
    assert result.question_count == 2000  # the first batch is in, the rest was not started


def test_a_bad_line_names_its_number_and_keeps_the_batches_before_it(ctx: Context, tmp_path: Path) -> None:
    path = tmp_path / "archive.jsonl"
    write_archive(path, 5)
    with path.open("ab") as fh:
        fh.write(b'{"schema": "kvdesk.questionset/1", "kenmerk": "2019Z99999", "questions": [{"number": 1, '
                 b'"text": "Caf\xe9?"}]}\n')  # Latin-1, not UTF-8
    with pytest.raises(UserError, match=r"regel 6: .*UTF-8") as caught:
        import_jsonl(ctx, path, batch=2)
    assert "\n" not in str(caught.value)
    assert len(ctx.repo.list_sets(origin="archive")) == 4  # two whole batches; the half one is not stored
    assert not [t for t in threading.enumerate() if t.name == "kvdesk-jsonl-reader"]


def test_a_question_printed_twice_is_stored_once_and_two_different_ones_are_refused(
        ctx: Context, tmp_path: Path) -> None:
    twice = QuestionSet(kenmerk="2020Z00001", questions=[Question(1, "Kent u het bericht?"), Question(2, "Ja?"),
                                                         Question(2, "Ja?")])
    clash = QuestionSet(kenmerk="2020Z00002", questions=[Question(1, "Eerste?"), Question(1, "Andere?")])
    path = tmp_path / "archive.jsonl"
    path.write_text(json.dumps(twice.to_json()) + "\n", encoding="utf-8")
    assert import_jsonl(ctx, path).question_count == 1
    stored = ctx.repo.get_set("2020Z00001")
    assert [q.number for q in stored.questions] == [1, 2] and stored.warnings
    path.write_text(json.dumps(clash.to_json()) + "\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"regel 1: .*nummer 1"):
        import_jsonl(ctx, path)


def test_bulk_import_restores_durability_and_index_settings(ctx: Context, tmp_path: Path) -> None:
    path = tmp_path / "archive.jsonl"
    write_archive(path, 30)
    assert import_jsonl(ctx, path, batch=10).question_count == 30
    with ctx.db.engine.connect() as conn:
        # Every pooled connection is back at synchronous=FULL (2) and the default page cache.
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -2000
        config = dict(conn.exec_driver_sql("SELECT k, v FROM question_fts_config").all())
        assert config.get("automerge", 4) == 4 and config.get("hashsize", 1024 * 1024) == 1024 * 1024
        conn.exec_driver_sql("INSERT INTO question_fts(question_fts, rank) VALUES ('integrity-check', 1)")
        conn.exec_driver_sql("INSERT INTO answer_fts(answer_fts, rank) VALUES ('integrity-check', 1)")
    # Triggers are back: an edit after the import is found at once.
    stored = ctx.repo.get_set("2019Z00007")
    ctx.repo.save_answer(stored.id, [1], "Nu over zonnepanelen.", author="test")
    assert {h.kenmerk for h in searching.search(ctx, "zonnepanelen")} == {"2019Z00007"}


def test_cancelling_a_large_import_stops_the_reader(ctx: Context, tmp_path: Path) -> None:
    path = tmp_path / "archive.jsonl"
    write_archive(path, 400)
    result = import_jsonl(ctx, path, batch=10, cancelled=lambda: True)
    assert result.question_count == 10
    assert not [t for t in threading.enumerate() if t.name == "kvdesk-jsonl-reader"]


def test_sync_command_reports_pages_and_totals(ctx: Context, fake: FakeOpenData) -> None:
    out: list[str] = []
    err: list[str] = []
    status = archive.sync_cli(ctx, since=None, until=None, ministry=None, odata_base=fake.odata_base,
                              sru_base=fake.sru_base, out=out.append, err=err.append)
    assert status == 0
    assert out == ["5 nieuw, 0 bijgewerkt, 0 verwijderd, 0 overgeslagen (3 pagina's)"]
    assert [line.split(":")[0] for line in err] == ["pagina 1", "pagina 2", "pagina 3"]
    assert len(ctx.repo.list_sets(origin="archive")) == 5


def test_sync_command_stops_with_status_1_on_a_refusal(ctx: Context, fake: FakeOpenData) -> None:
    fake.reject_all = True
    out: list[str] = []
    err: list[str] = []
    status = archive.sync_cli(ctx, since="2024-09-01", until=None, ministry="Binnenlandse Zaken",
                              odata_base=fake.odata_base, sru_base=fake.sru_base, out=out.append, err=err.append)
    assert status == 1 and "HTTP 400" in err[-1] and "\n" not in err[-1]


@pytest.mark.parametrize("since, until, base, needle", [
    ("1 september", None, None, "--since"),
    ("2024-09-01", "2024-01-01", None, "--until"),
    (None, None, "ftp://mirror", "--odata-base"),
])
def test_sync_command_refuses_bad_options_in_one_line(ctx: Context, since: str | None, until: str | None,
                                                       base: str | None, needle: str) -> None:
    with pytest.raises(UserError, match=needle) as caught:
        archive.sync_cli(ctx, since=since, until=until, ministry=None, odata_base=base, sru_base=None,
                         out=print, err=print)
    assert "\n" not in str(caught.value)
