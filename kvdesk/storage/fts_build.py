"""Building one FTS5 index in a scratch SQLite file, in a process of its own (bulk imports).

A bulk import stores its text on one thread and has each full-text index built beside it. In a
thread of the importing process, FTS5's indexing had to hand Python's lock back and forth for
every row (some 80 futex calls per set, a fifth of the import's CPU time in the kernel); in a
process of its own it has a lock of its own. The builder reads the text from the database
itself, as each batch commits: the importing process only says which rows, rather than
pickling every text through a pipe. This module imports nothing but the standard library, so
that the spawned process starts quickly.
"""
from __future__ import annotations

import signal
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class BuildSpec:
    """What to build: the scratch file, its DDL and settings, and the rows indexed before the load."""

    path: str
    fts: str
    content: str
    ddl: str
    cache_kib: int
    hashsize: int
    default_automerge: int
    default_hashsize: int
    database: str
    upto: int


def _open_source(database: str) -> sqlite3.Connection:
    """The database, read-only where SQLite takes the path as a URI (not a network share's)."""
    try:
        return sqlite3.connect(Path(database).resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None,
                               timeout=15)
    except (sqlite3.Error, ValueError):
        return sqlite3.connect(database, isolation_level=None, timeout=15)


def run(spec: BuildSpec, ranges: Any, results: Any, credits: Any) -> None:
    """Index the rows ``first`` to ``last`` of ``(first, last)`` items from ``ranges`` until ``None``.

    The rows are read from ``spec.database`` (committed before their range was sent), each
    range in a read transaction of its own, so that every one sees the newest commit. Reports
    ``("done", None)`` or ``("error", message)`` on ``results`` (the importing process counts the
    built rows itself before it moves the index in). ``credits`` (a semaphore) gets
    a release for every item taken off ``ranges``: the importing process takes one before it
    sends an item, so that it cannot run far ahead of this index.

    Everything goes in one transaction, row by row: a statement inserting many rows would make
    FTS5 write a segment at each statement (its savepoint flushes the pending data), so the index
    would need merging at the end; this way a segment is written only when the pending data are
    full.
    """
    # Ctrl+C in a terminal reaches every process of the command: the importing process decides
    # (it ends the input, and what was stored is indexed); a builder stopped half-way would
    # leave it to rebuild the whole index from the text instead.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        conn = sqlite3.connect(spec.path, isolation_level=None)
        source = _open_source(spec.database)
        try:
            fts = spec.fts
            for pragma in ("journal_mode=OFF", "synchronous=OFF", f"cache_size={spec.cache_kib}"):
                conn.execute(f"PRAGMA {pragma}")
            conn.execute(spec.ddl)
            conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('automerge', 0)")
            conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('hashsize', {int(spec.hashsize)})")
            insert = f"INSERT INTO {fts}(rowid, text) VALUES (?, ?)"
            select = f"SELECT id, text FROM {spec.content} WHERE id BETWEEN ? AND ?"
            conn.execute("BEGIN")
            if spec.upto > 0:  # the rows indexed before the load
                conn.executemany(insert, source.execute(select, (1, spec.upto)))
            while (item := ranges.get()) is not None:
                try:
                    conn.executemany(insert, source.execute(select, item))
                finally:
                    credits.release()
            conn.execute("COMMIT")
            if int(conn.execute(f"SELECT count(DISTINCT segid) FROM {fts}_idx").fetchone()[0]) > 1:
                conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")
            # FTS5's defaults again, so the moved settings are those of an index built row by row.
            conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('automerge', {int(spec.default_automerge)})")
            conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('hashsize', {int(spec.default_hashsize)})")
        finally:
            source.close()
            conn.close()
    except BaseException as exc:  # noqa: BLE001 - reported to the importing process
        results.put(("error", f"{type(exc).__name__}: {exc}"))
        # Take what is still sent, so that the importing side never waits for credits.
        try:
            while ranges.get() is not None:
                credits.release()
        except (EOFError, OSError):
            pass
        return
    results.put(("done", None))
