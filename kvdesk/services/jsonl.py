"""Reading a ``.jsonl`` archive (one ``kvdesk.questionset/1`` per line) in checked batches.

Kept apart from :mod:`kvdesk.services.archive` so that a bulk import does not load the
open-data client (httpx and the rest) it does not use.
"""
from __future__ import annotations

import json
import os
import queue
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

import orjson

from kvdesk.core.model import QuestionSet, SchemaError
from kvdesk.services.sets import UserError, drop_repeated_questions
from kvdesk.storage.set_rows import BatchRows, SetRows, rows_from_json, set_rows

# Bytes read from the file at a time (lines are about 9 KB; the default buffer is 8 KB).
READ_BUFFER = 1 << 20


class JsonlReader:
    """Reads a ``.jsonl`` archive in batches of checked sets, as their rows, one batch ahead.

    A helper thread reads, decodes and checks the next batch while the caller stores the
    current one (SQLite lets go of Python's lock while it works, so the two overlap). Iterating
    gives ``(sets, bytes read so far)``; a bad line raises :class:`UserError` naming the line,
    after the batches before it. Use as a context manager, so that leaving early stops the thread.

    ``edges`` (default: ``batch``) is the size of the first batch and of the batches in about
    the last two batches' worth of the file: small edges let work that follows each stored
    batch (the parallel index build) start sooner and end sooner after the last one.
    """

    def __init__(self, path: Path, *, batch: int = 2000, ahead: int = 2, edges: int | None = None) -> None:
        self.path = path
        self.batch = max(1, batch)
        self.edges = max(1, min(self.batch, edges if edges is not None else self.batch))
        # A large buffer: each refill lets go of Python's lock, which the storing thread then holds.
        self._handle: BinaryIO = path.open("rb", buffering=READ_BUFFER)
        self._size = os.fstat(self._handle.fileno()).st_size
        self._queue: queue.Queue[tuple[BatchRows, int] | UserError | None] = queue.Queue(max(1, ahead))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, name="kvdesk-jsonl-reader", daemon=True)
        self._thread.start()

    def __enter__(self) -> JsonlReader:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Stop reading (also half-way) and close the file."""
        self._stop.set()
        while self._thread.is_alive():
            try:  # make room, so that a reader waiting to hand over a batch sees the stop
                self._queue.get(timeout=0.05)
            except queue.Empty:
                pass
        self._handle.close()

    def __iter__(self) -> Iterator[tuple[BatchRows, int]]:
        while True:
            item = self._queue.get()
            if item is None:
                return
            if isinstance(item, UserError):
                raise item
            yield item

    def _put(self, item: tuple[BatchRows, int] | UserError | None) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _read(self) -> None:
        done = 0
        pending = BatchRows()
        lineno = 0
        read = 0  # sets read
        limit = self.edges  # the size of the batch being filled
        try:
            for lineno, line in enumerate(self._handle, 1):  # noqa: B007 - lineno is reported on error
                done += len(line)
                if not line.strip():
                    continue
                pending.add(_record(line, len(pending)))
                read += 1
                if len(pending) >= limit:
                    if not self._put((pending, done)):
                        return
                    pending = BatchRows()
                    near_end = self._size - done < 2 * self.batch * (done / read)
                    limit = self.edges if near_end else self.batch
            if pending and not self._put((pending, done)):
                return
            self._put(None)
        except (ValueError, UserError) as exc:  # JSONDecodeError, UnicodeDecodeError, SchemaError
            detail = str(exc) if isinstance(exc, SchemaError | UserError) else _decode_detail(exc)
            self._put(UserError(f"{self.path}, regel {lineno}: geen geldige vragenset ({detail})."))
        except OSError as exc:
            self._put(UserError(f"{self.path} kan niet worden gelezen: {exc.strerror or exc}."))


def _record(line: bytes, place: int) -> SetRows:
    """One line's rows; raises ``ValueError`` or :class:`UserError` for a bad one.

    The usual line takes the fast way (orjson, then :func:`rows_from_json`). Anything that way
    does not take goes the way of a single import (the standard library's ``json``, then
    ``QuestionSet.from_json``), which accepts what it always accepted and says what is wrong.
    """
    try:
        data = orjson.loads(line)  # the bytes as they are (UTF-8), without a decoded copy
    except orjson.JSONDecodeError:
        data = json.loads(line)
    rows = rows_from_json(data, place)
    if rows is None:
        qs = QuestionSet.from_json(data)
        drop_repeated_questions(qs)
        rows = set_rows(qs, place)
    return rows


def _decode_detail(exc: ValueError) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "de tekst is geen UTF-8; sla het bestand op als UTF-8"
    return str(exc)
