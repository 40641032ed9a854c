"""Building one FTS5 index in a scratch SQLite file, in a process of its own (bulk imports).

A bulk import stores its text on one thread and has each full-text index built beside it. In a
thread of the importing process, FTS5's indexing had to hand Python's lock back and forth for
every row (some 80 futex calls per set, a fifth of the import's CPU time in the kernel); in a
process of its own it has a lock of its own. This module imports nothing but the standard
library, so that the spawned process starts quickly.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
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
    source: str | None
    upto: int


def run(spec: BuildSpec, texts: Any, results: Any) -> None:
    """Index ``(first rowid, [text, ...])`` items from ``texts`` until ``None``; report on ``results``.

    ``results`` gets ``("done", rows)`` or ``("error", message)``. Everything goes in one
    transaction, row by row: a statement inserting many rows would make FTS5 write a segment
    at each statement (its savepoint flushes the pending data), so the index would need
    merging at the end; this way a segment is written only when the pending data are full.
    """
    rows = 0
    try:
        conn = sqlite3.connect(spec.path, isolation_level=None)
        try:
            fts = spec.fts
            for pragma in ("journal_mode=OFF", "synchronous=OFF", f"cache_size={spec.cache_kib}"):
                conn.execute(f"PRAGMA {pragma}")
            conn.execute(spec.ddl)
            conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('automerge', 0)")
            conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('hashsize', {int(spec.hashsize)})")
            if spec.source is not None and spec.upto > 0:
                # The rows indexed before the load, read from the database itself.
                conn.execute("ATTACH DATABASE ? AS src", (spec.source,))
                cur = conn.execute(f"INSERT INTO {fts}(rowid, text) SELECT id, text FROM src.{spec.content} "
                                   "WHERE id <= ?", (spec.upto,))
                rows += max(0, cur.rowcount)
                conn.execute("DETACH DATABASE src")
            conn.execute("BEGIN")
            while (item := texts.get()) is not None:
                first, batch = item
                conn.executemany(f"INSERT INTO {fts}(rowid, text) VALUES (?, ?)", enumerate(batch, first))
                rows += len(batch)
            conn.execute("COMMIT")
            if int(conn.execute(f"SELECT count(DISTINCT segid) FROM {fts}_idx").fetchone()[0]) > 1:
                conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")
            # FTS5's defaults again, so the moved settings are those of an index built row by row.
            conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('automerge', {int(spec.default_automerge)})")
            conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('hashsize', {int(spec.default_hashsize)})")
        finally:
            conn.close()
    except BaseException as exc:  # noqa: BLE001 - reported to the importing process
        results.put(("error", f"{type(exc).__name__}: {exc}"))
        # Take what is still sent, so that the importing side never blocks on a full pipe.
        try:
            while texts.get() is not None:
                pass
        except (EOFError, OSError):
            pass
        return
    results.put(("done", rows))
