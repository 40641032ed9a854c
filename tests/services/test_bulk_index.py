"""Bulk import of a large archive with the search index built beside the database.

A large ``.jsonl`` import stores its batches as they come and builds the full-text index on
other threads in scratch files, then moves that index in. These tests force that path on
small files and check, with FTS5's own integrity check, that the index always ends complete
and exact: after a normal import, on a database that already held sets, after a cancel or a
bad line, when another connection writes during the import, when building fails, and after
the importing process is killed.
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kvdesk.core.model import Answer, Member, Question, QuestionSet
from kvdesk.services import archive, searching
from kvdesk.services import sets as sets_service
from kvdesk.services.context import Context
from kvdesk.services.sets import UserError, import_jsonl
from kvdesk.storage import search
from tests.storage.helpers import make_set


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every .jsonl import takes the parallel path, however small the file (or full the database)."""
    monkeypatch.setattr(sets_service, "PARALLEL_IMPORT_BYTES", 0)
    monkeypatch.setattr(sets_service, "ARCHIVE_BYTES_PER_ROW", 1)


def write_archive(path: Path, n: int, start: int = 0) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(start, start + n):
            qs = QuestionSet(
                kenmerk=f"2019Z{i:05d}", subject=f"onderwerp {i}", members=[Member("Lid", "SP")],
                questions=[Question(k, f"Vraag {k} over woord{i} en de geïnformeerde begroting.") for k in (1, 2, 3)],
                answers=[Answer([1], f"Antwoord over woord{i}."), Answer([2, 3], "Zie de brief.")],
            )
            fh.write(json.dumps(qs.to_json(), ensure_ascii=False) + "\n")


def assert_index_exact(ctx: Context) -> None:
    """FTS5's integrity check (the index equals the text), no marker left, nothing behind."""
    with ctx.db.engine.connect() as conn:
        search.integrity_check(conn)
        assert not search.index_behind(conn)
        for content, fts in search.INDEXED:
            stored = conn.exec_driver_sql(f"SELECT count(*) FROM {content}").scalar()
            indexed = conn.exec_driver_sql(f"SELECT count(*) FROM {fts}_docsize").scalar()
            assert stored == indexed
    assert ctx.database_path is not None
    assert not list(ctx.database_path.parent.glob(".*index-build*")), "scratch files left behind"


def kenmerken_found(ctx: Context, word: str) -> set[str | None]:
    return {h.kenmerk for h in searching.search(ctx, word, limit=100)}


def test_large_import_builds_the_index_beside_the_database_and_moves_it_in(
        ctx: Context, tmp_path: Path, parallel: None) -> None:
    path = tmp_path / "archive.jsonl"
    write_archive(path, 2500)
    loads: list[bool] = []
    real = ctx.repo.bulk_load

    def spy(**kwargs: object) -> object:
        load = real(**kwargs)  # type: ignore[arg-type]
        loads.append(load.parallel)
        return load

    ctx.repo.bulk_load = spy  # type: ignore[method-assign]
    assert import_jsonl(ctx, path, batch=300).question_count == 2500
    assert loads == [True]
    assert_index_exact(ctx)
    assert kenmerken_found(ctx, "woord2499") == {"2019Z02499"}
    assert kenmerken_found(ctx, "geinformeerde begroting woord7") == {"2019Z00007"}  # diacritics folded
    with ctx.db.engine.connect() as conn:
        # One segment per index (the build merged them), FTS5's own settings back in place.
        for _content, fts in search.INDEXED:
            assert conn.exec_driver_sql(f"SELECT count(DISTINCT segid) FROM {fts}_idx").scalar() == 1
            config = dict(conn.exec_driver_sql(f"SELECT k, v FROM {fts}_config").all())
            assert config["automerge"] == 4 and config["hashsize"] == 1024 * 1024
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
    # The triggers are back: an edit is found at once, and the old text no longer.
    stored = ctx.repo.get_set("2019Z00011")
    ctx.repo.save_answer(stored.id, [1], "Nu over zonnepanelen.", author="test")
    assert kenmerken_found(ctx, "zonnepanelen") == {"2019Z00011"}
    assert_index_exact(ctx)
    # Running it again adds nothing and leaves the index as it was.
    assert import_jsonl(ctx, path, batch=300).question_count == 0
    assert_index_exact(ctx)


def test_sets_stored_before_the_import_stay_searchable(ctx: Context, tmp_path: Path, parallel: None) -> None:
    draft = make_set("2025Z00001", questions=2)
    draft.questions[0].text = "Hoe staat het met de windmolenparken?"
    ctx.repo.add_set(draft)
    path = tmp_path / "archive.jsonl"
    write_archive(path, 700)
    assert import_jsonl(ctx, path, batch=200).question_count == 700
    assert_index_exact(ctx)
    assert kenmerken_found(ctx, "windmolenparken") == {"2025Z00001"}
    assert kenmerken_found(ctx, "woord650") == {"2019Z00650"}


def test_a_connection_that_searched_before_the_import_finds_the_new_sets(
        ctx: Context, tmp_path: Path, parallel: None) -> None:
    ctx.repo.add_set(make_set("2025Z00001", questions=2))
    assert ctx.database_path is not None
    other = sqlite3.connect(ctx.database_path)
    try:
        query = "SELECT count(*) FROM question_fts WHERE question_fts MATCH ?"
        assert other.execute(query, ("woord42",)).fetchone()[0] == 0  # FTS5 now holds this index's state
        path = tmp_path / "archive.jsonl"
        write_archive(path, 100)
        assert import_jsonl(ctx, path, batch=30).question_count == 100
        assert other.execute(query, ("woord42",)).fetchone()[0] == 3
        other.execute("INSERT INTO question_fts(question_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        other.close()


def test_cancel_leaves_a_complete_index_of_what_was_stored(ctx: Context, tmp_path: Path, parallel: None) -> None:
    path = tmp_path / "archive.jsonl"
    write_archive(path, 1000)
    ticks: list[tuple[int, int]] = []
    calls = iter(range(100))
    result = archive.import_archive(ctx, path, progress=lambda done, total: ticks.append((done, total)),
                                    cancelled=lambda: next(calls) >= 1)
    # The default batch is 2,000, but the first batch and those near the end are an eighth of
    # that (see JsonlReader's edges): 1,000 sets are four batches of 250; cancelled after two.
    assert result.question_count == 500
    assert ticks[-1][0] == ticks[-1][1]
    result = import_jsonl(ctx, path, batch=100, cancelled=lambda: True)
    assert result.question_count == 0
    path2 = tmp_path / "more.jsonl"
    write_archive(path2, 1000, start=5000)
    calls = iter(range(100))
    result = import_jsonl(ctx, path2, batch=100, cancelled=lambda: next(calls) >= 2)
    assert result.question_count == 212  # batches of 12, 100 and 100, then the cancel
    assert_index_exact(ctx)
    assert kenmerken_found(ctx, "woord5211") == {"2019Z05211"}
    assert kenmerken_found(ctx, "woord5212") == set()


def test_a_bad_line_keeps_the_batches_before_it_indexed(ctx: Context, tmp_path: Path, parallel: None) -> None:
    path = tmp_path / "archive.jsonl"
    write_archive(path, 250)
    with path.open("a", encoding="utf-8") as fh:
        fh.write("{niet json\n")
    with pytest.raises(UserError, match="regel 251"):
        import_jsonl(ctx, path, batch=100)
    # Batches of 12 and 100, then 12 at a time in the last two batches' worth of the file;
    # the one with the bad line is not stored.
    assert len(ctx.repo.list_sets(origin="archive")) == 244
    assert_index_exact(ctx)
    assert kenmerken_found(ctx, "woord243") == {"2019Z00243"}
    assert kenmerken_found(ctx, "woord244") == set()


def test_a_write_by_another_connection_during_the_import_is_not_lost(
        ctx: Context, tmp_path: Path, parallel: None) -> None:
    path = tmp_path / "archive.jsonl"
    write_archive(path, 400)
    assert ctx.database_path is not None
    loads: list[object] = []
    real = ctx.repo.bulk_load

    def spy(**kwargs: object) -> object:
        load = real(**kwargs)  # type: ignore[arg-type]
        loads.append(load)
        return load

    ctx.repo.bulk_load = spy  # type: ignore[method-assign]
    written = []

    def progress(done: int, total: int) -> None:
        if not written:  # after the first batch: someone else adds a set and edits an imported answer
            other = Context.create(ctx.data_dir)
            try:
                draft = make_set("2025Z00777", questions=1)
                draft.questions[0].text = "Wat kosten de zeesluizen?"
                other.repo.add_set(draft)
                set_id = other.repo.resolve("2019Z00003")
                other.repo.save_answer(set_id, [1], "Over dijkversterking.", author="ander")
            finally:
                other.close()
            written.append(True)

    assert import_jsonl(ctx, path, batch=100, progress=progress).question_count == 400
    assert loads and loads[0].moved is False  # type: ignore[attr-defined]  # rebuilt, not moved
    assert_index_exact(ctx)
    assert kenmerken_found(ctx, "zeesluizen") == {"2025Z00777"}
    assert kenmerken_found(ctx, "dijkversterking") == {"2019Z00003"}
    assert kenmerken_found(ctx, "woord399") == {"2019Z00399"}


def assert_imported_with_the_index_rebuilt(ctx: Context, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Import 300 sets while the index builders fail: all are stored, the index is rebuilt and exact."""
    path = tmp_path / "archive.jsonl"
    write_archive(path, 300)
    assert import_jsonl(ctx, path, batch=100).question_count == 300
    assert "building the index beside the database failed" in caplog.text
    assert_index_exact(ctx)
    assert kenmerken_found(ctx, "woord299") == {"2019Z00299"}


def test_a_failing_index_thread_ends_in_a_rebuilt_index(
        ctx: Context, tmp_path: Path, parallel: None, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    def broken(self: search._TableBuild, first: int, last: int) -> None:
        self._ranges.put(("first", "last", "unpacked"))  # not a range: the builder fails on it

    monkeypatch.setattr(search._TableBuild, "feed", broken)
    assert_imported_with_the_index_rebuilt(ctx, tmp_path, caplog)


def test_an_index_builder_that_dies_ends_in_a_rebuilt_index_without_waiting_forever(
        ctx: Context, tmp_path: Path, parallel: None, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    start = search._TableBuild.__init__

    def crashing(self: search._TableBuild, *args: object, **kwargs: object) -> None:
        start(self, *args, **kwargs)  # type: ignore[arg-type]
        self._process.kill()  # as if it could not start, or the system ended it
        self._process.join()

    monkeypatch.setattr(search._TableBuild, "__init__", crashing)
    assert_imported_with_the_index_rebuilt(ctx, tmp_path, caplog)


# The child imports with the parallel path and reports each stored batch; the test kills it
# while the index is still being built beside the database.
IMPORTER = """
import sys
from pathlib import Path
from kvdesk.services import sets
from kvdesk.services.context import Context
sets.PARALLEL_IMPORT_BYTES = 0
sets.ARCHIVE_BYTES_PER_ROW = 1
ctx = Context.create(sys.argv[1])
ctx.hold_lock()
print("ready", flush=True)
def progress(done, total):
    print("batch", flush=True)
    if done < total:
        import time
        time.sleep(0.2)  # room for the kill between batches, before the index is moved in
sets.import_jsonl(ctx, Path(sys.argv[2]), batch=int(sys.argv[3]), progress=progress)
print("finished", flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL exists on POSIX only")
def test_an_import_killed_before_its_index_moved_in_is_repaired_on_the_next_search(
        data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "archive.jsonl"
    write_archive(path, 600)
    ctx = Context.create(data_dir)
    ctx.repo.add_set(make_set("2025Z00001", questions=2))
    ctx.close()
    proc = subprocess.Popen([sys.executable, "-c", IMPORTER, str(data_dir), str(path), "100"],
                            stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    batches = 0
    for line in proc.stdout:
        if line.strip() == "batch":
            batches += 1
        if batches == 3:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    db = data_dir / "kvdesk.sqlite3"
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        stored = raw.execute("SELECT count(*) FROM question_set WHERE origin = 'archive'").fetchone()[0]
        assert stored >= 212  # the three reported batches (12, 100 and 100 sets) are committed
        indexed = raw.execute("SELECT count(*) FROM question_fts_docsize").fetchone()[0]
        assert indexed < raw.execute("SELECT count(*) FROM question").fetchone()[0]  # behind, as expected
        assert raw.execute("SELECT count(*) FROM sync_state WHERE name = ?", (search.BULK_MARKER,)).fetchone()[0]
    assert list(data_dir.glob(".*index-build*"))  # the dead importer's scratch files

    ctx = Context.create(data_dir)
    try:
        ctx.hold_lock()  # the dead importer's lock is stale: taken over
        # The first search notices the index is behind and rebuilds it before answering.
        assert kenmerken_found(ctx, "woord150") == {"2019Z00150"}
        assert_index_exact_but_scratch(ctx)
        # The next import removes the dead importer's scratch files and completes the archive.
        import_jsonl(ctx, path, batch=100)
        assert len(ctx.repo.list_sets(origin="archive")) == 600
        assert_index_exact(ctx)
        assert kenmerken_found(ctx, "woord599") == {"2019Z00599"}
    finally:
        ctx.close()


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="process groups exist on POSIX only")
def test_ctrl_c_ends_the_import_soon_with_what_was_stored_indexed(data_dir: Path, tmp_path: Path) -> None:
    # Ctrl+C in a terminal reaches the whole process group, index builders included: they
    # must not stop half-way (the importer would then rebuild the index from the text).
    path = tmp_path / "archive.jsonl"
    write_archive(path, 600)
    proc = subprocess.Popen([sys.executable, "-c", IMPORTER, str(data_dir), str(path), "100"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    batches = 0
    for line in proc.stdout:
        batches += line.strip() == "batch"
        if batches == 3:
            os.killpg(proc.pid, signal.SIGINT)
            break
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode != 0 and "KeyboardInterrupt" in err
    assert "rebuilding" not in err, err

    ctx = Context.create(data_dir)
    try:
        stored = len(ctx.repo.list_sets(origin="archive"))
        assert 212 <= stored < 600
        assert_index_exact(ctx)  # the batches stored before the interrupt, all indexed, nothing left behind
        assert kenmerken_found(ctx, "woord150") == {"2019Z00150"}
    finally:
        ctx.close()


def assert_index_exact_but_scratch(ctx: Context) -> None:
    with ctx.db.engine.connect() as conn:
        search.integrity_check(conn)
        assert not search.index_behind(conn)


def test_a_normal_database_is_not_taken_for_one_whose_index_is_behind(ctx: Context, tmp_path: Path) -> None:
    ctx.repo.add_set(make_set("2025Z00001", questions=3))
    path = tmp_path / "archive.jsonl"
    write_archive(path, 50)
    import_jsonl(ctx, path)  # the batch-by-batch path
    ctx.repo.delete_set("2019Z00049")
    with ctx.db.engine.begin() as conn:
        assert not search.index_behind(conn)
        assert not search.repair_if_behind(conn)
        # A text the index does not hold (as a killed import leaves it) is noticed.
        search.suspend_triggers(conn)
        conn.exec_driver_sql("INSERT INTO question (set_id, number, text, footnotes) "
                             "SELECT id, 99, 'Verdwenen vraag over kolibries?', '[]' FROM question_set LIMIT 1")
        search.restore_triggers(conn)
        assert search.index_behind(conn)
        assert search.repair_if_behind(conn)
        assert not search.index_behind(conn)
    assert kenmerken_found(ctx, "kolibries")


def test_the_reader_makes_small_first_and_last_batches_when_asked(tmp_path: Path) -> None:
    from kvdesk.services.jsonl import JsonlReader

    path = tmp_path / "archive.jsonl"
    write_archive(path, 100)
    with JsonlReader(path, batch=20, edges=5) as reader:
        batches = [list(sets.kenmerken) for sets, _done in reader]
    sizes = [len(b) for b in batches]
    assert sizes[0] == 5 and sizes[1] == 20 and sizes[-1] <= 5 and sum(sizes) == 100
    assert [k for b in batches for k in b] == [f"2019Z{i:05d}" for i in range(100)]
    with JsonlReader(path, batch=20) as reader:
        assert [len(sets) for sets, _done in reader] == [20] * 5


def test_when_moving_the_index_in_fails_the_next_search_rebuilds_it(
        ctx: Context, tmp_path: Path, parallel: None, monkeypatch: pytest.MonkeyPatch) -> None:
    searching.search(ctx, "iets")  # the index was checked once in this process already
    path = tmp_path / "archive.jsonl"
    write_archive(path, 200)

    def locked(*args: object, **kwargs: object) -> bool:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(search.ParallelIndexBuild, "_install", locked)
    with pytest.raises(sqlite3.OperationalError):
        import_jsonl(ctx, path, batch=50)
    monkeypatch.undo()
    assert len(ctx.repo.list_sets(origin="archive")) == 200  # the text is stored, the index is behind
    assert kenmerken_found(ctx, "woord199") == {"2019Z00199"}
    assert_index_exact(ctx)


def test_a_database_with_more_indexed_than_the_file_adds_indexes_batch_by_batch(
        ctx: Context, tmp_path: Path) -> None:
    path = tmp_path / "archive.jsonl"
    write_archive(path, 300)
    assert import_jsonl(ctx, path).question_count == 300  # a small file: batch by batch
    small = tmp_path / "small.jsonl"
    write_archive(small, 20, start=1000)
    load = ctx.repo.bulk_load(expected_rows=100)  # 1,500 rows are indexed already
    with load:
        assert not load.parallel
        load.add([make_set("2025Z00001", questions=2)])
    load = ctx.repo.bulk_load(expected_rows=5000)
    with load:
        assert load.parallel
        load.add([make_set("2025Z00002", questions=2)])
    assert load.moved
    assert_index_exact(ctx)


def test_a_failed_first_batch_does_not_lose_the_marker_of_the_next(ctx: Context) -> None:
    bad = make_set("2025Z00001", questions=2)
    bad.questions[1].number = 1  # two questions with one number: the insert fails, the batch rolls back
    with ctx.repo.bulk_load(expected_rows=10_000) as load:
        assert load.parallel
        with pytest.raises(Exception, match="UNIQUE"):
            load.add([bad])
        assert load.add([make_set("2025Z00002", questions=2)]) == 1
        with ctx.db.engine.connect() as conn:
            # A kill now must be noticed: the marker of the stored batch is there.
            assert conn.exec_driver_sql("SELECT count(*) FROM sync_state WHERE name = ?",
                                        (search.BULK_MARKER,)).scalar() == 1
    assert load.moved
    assert_index_exact(ctx)
    assert [s.kenmerk for s in ctx.repo.list_sets(origin="archive")] == ["2025Z00002"]


def test_the_builders_find_a_database_in_a_folder_with_an_awkward_name(
        tmp_path: Path, parallel: None, monkeypatch: pytest.MonkeyPatch) -> None:
    # Spaces, '#', '?', '%' and accents: each means something in the URI the builders open.
    folder = tmp_path / "OneDrive - Ministerie #1 ?x=1 %20 café"
    context = Context.create(folder)
    try:
        moved: list[bool | None] = []
        real = context.repo.bulk_load

        def spy(**kwargs: object) -> object:
            load = real(**kwargs)  # type: ignore[arg-type]
            finish = load.finish

            def finished() -> None:
                finish()
                moved.append(load.moved)

            load.finish = finished  # type: ignore[method-assign]
            return load

        context.repo.bulk_load = spy  # type: ignore[method-assign]
        path = tmp_path / "archive.jsonl"
        write_archive(path, 300)
        assert import_jsonl(context, path, batch=100).question_count == 300
        assert moved == [True], "the index was rebuilt: the builders could not read the database"
        assert context.database_path == folder / "kvdesk.sqlite3" and context.database_path.exists()
        assert_index_exact(context)
        assert kenmerken_found(context, "woord299") == {"2019Z00299"}
    finally:
        context.close()
