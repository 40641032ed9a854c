"""Full-text search over every question and answer, on SQLite (FTS5) and PostgreSQL.

SQLite: two FTS5 *external-content* tables, ``question_fts`` over ``question.text`` and
``answer_fts`` over ``answer.text``. They hold only the index (the text stays in its own table),
use ``unicode61 remove_diacritics 2`` so that ``geinformeerd`` finds ``geïnformeerd``, and are
kept in step by triggers on the two tables, so every write path (the repository, a migration,
a bulk import) updates the index without knowing about it. Ranking is bm25, snippets come from
FTS5's ``snippet()``.

PostgreSQL: GIN indexes on ``to_tsvector('kvdesk_dutch', text)`` of the same two tables, ranked
with ``ts_rank_cd`` and highlighted with ``ts_headline``. ``kvdesk_dutch`` is PostgreSQL's Dutch
configuration with the ``unaccent`` dictionary before the stemmer, so that diacritics are folded
as on SQLite; where the ``unaccent`` extension cannot be created (not installed, or no right to),
the plain ``dutch`` configuration is used and diacritics count. The expression index is always
in step.

User text never reaches MATCH or ``to_tsquery`` as is: :func:`parse_query` turns it into terms
that are quoted for the engine, so ``"``, ``-``, ``:`` or ``*`` in the input cannot cause a
syntax error.
"""
from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import logging
import os
import queue
import re
import shutil
import socket
import sqlite3
import threading
import unicodedata
import uuid
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from kvdesk.storage.search_types import MARK_END, MARK_START, SearchFilters, SearchRow, SimilarRow

log = logging.getLogger(__name__)

# Highlight markers inside snippets: control characters that never occur in stored text, so
# that callers can turn them into HTML, Markdown or brackets without ambiguity.
ELLIPSIS = "…"

# The tables that are indexed: (content table, FTS table).
INDEXED = (("question", "question_fts"), ("answer", "answer_fts"))

TOKENIZE = "unicode61 remove_diacritics 2"


class SearchUnavailable(RuntimeError):
    """This SQLite build has no FTS5; ``str()`` is a one-line message that says what to do."""


# --------------------------------------------------------------------------- query text


@dataclass(frozen=True)
class Term:
    """One unit of a query: a word or a phrase, optionally a prefix, optionally excluded."""

    words: tuple[str, ...]
    prefix: bool = False
    negated: bool = False


@dataclass(frozen=True)
class Query:
    """A user's search text, parsed: what must match and what must not."""

    terms: tuple[Term, ...] = ()

    @property
    def positive(self) -> list[Term]:
        return [t for t in self.terms if not t.negated]

    @property
    def negative(self) -> list[Term]:
        return [t for t in self.terms if t.negated]

    def __bool__(self) -> bool:
        return bool(self.positive)

    def words(self) -> list[str]:
        """Every searched word (not the excluded ones), for highlighting elsewhere."""
        return [w for t in self.positive for w in t.words]


# A "word" the way unicode61 sees it: letters and digits; everything else separates.
_WORD = re.compile(r"[^\W_]+")
_WORD_SPLIT = re.compile(r"([^\W_]+)")
_RAW = re.compile(r'-?"[^"]*(?:"|$)\*?|\S+')


def parse_query(user_text: str, *, prefix_last: bool = False) -> Query:
    """Parse what a user typed into a :class:`Query`.

    Understood: words (all must occur), ``"a phrase"``, ``word*`` for a prefix, ``-word`` or
    ``-"a phrase"`` to exclude. Every other character only separates words, so the result is
    always a valid query (possibly empty). ``prefix_last`` treats the last word as a prefix,
    for search-as-you-type.
    """
    terms: list[Term] = []
    for raw in _RAW.findall(user_text or ""):
        negated = raw.startswith("-") and len(raw) > 1
        body = raw[1:] if negated else raw
        prefix = body.endswith("*")
        words = tuple(_WORD.findall(body))
        if not words:
            continue
        terms.append(Term(words, prefix, negated))
    if prefix_last and terms and not terms[-1].negated and user_text and not user_text[-1].isspace():
        last = terms[-1]
        terms[-1] = Term(last.words, True, False)
    # Excluding only, with nothing to find, is not a query: FTS5's NOT needs a left side.
    if not any(not t.negated for t in terms):
        return Query(())
    return Query(tuple(terms))


def fts5_expression(query: Query) -> str:
    """The FTS5 MATCH expression for ``query`` (every word quoted, so nothing is syntax)."""
    def term(t: Term) -> str:
        quoted = '"' + " ".join(w.replace('"', '""') for w in t.words) + '"'
        return quoted + ("*" if t.prefix else "")

    expr = " ".join(term(t) for t in query.positive)
    for t in query.negative:
        expr = f"({expr}) NOT {term(t)}"
    return expr


def fts5_any_expression(words: Iterable[str]) -> str:
    """An FTS5 expression matching any of ``words`` (for similar questions)."""
    return " OR ".join('"' + w.replace('"', '""') + '"' for w in words)


def tsquery_expression(query: Query) -> str:
    """The PostgreSQL ``to_tsquery`` text for ``query`` (lexemes quoted, phrases with ``<->``)."""
    def term(t: Term) -> str:
        parts = ["'" + w.replace("'", "''").replace("\\", "") + "'" for w in t.words]
        if t.prefix:
            parts[-1] += ":*"
        inner = " <-> ".join(parts)
        return f"({inner})" if len(parts) > 1 else inner

    expr = " & ".join(term(t) for t in query.positive)
    for t in query.negative:
        expr = f"({expr}) & !{term(t)}"
    return expr


def normalise_word(word: str) -> str:
    """A word as the index stores it: lower case, diacritics removed (like unicode61)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def index_words(body: str) -> list[str]:
    """The words of ``body`` as the index sees them, in order."""
    return [normalise_word(w) for w in _WORD.findall(body)]


@functools.lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    """One character as the index compares it, always one character (so offsets stay valid)."""
    folded = normalise_word(c)
    if len(folded) == 1:
        return folded
    lower = c.lower()
    return lower if len(lower) == 1 else c


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_match(m: re.Match[str]) -> str:
    return _fold_char(m.group())


def _fold(body: str) -> str:
    """``body`` in lower case without diacritics, character for character (offsets stay valid)."""
    if body.isascii():
        return body.lower()
    folded = _NON_ASCII.sub(_fold_match, body).lower()
    if len(folded) != len(body):  # a character whose lower case is longer: fold one by one
        folded = "".join([c.lower() if c.isascii() else _fold_char(c) for c in body])
    return folded


@functools.lru_cache(maxsize=4096)  # search-as-you-type and repeated searches reuse their terms
def _term_pattern(words: tuple[str, ...], prefix: bool) -> re.Pattern[str]:
    # A term as the index matches it: whole words (the last one may be a prefix), in a phrase
    # separated by anything that is not part of a word. It starts with the literal word, which
    # lets the regex engine search fast; the word boundary before it is checked by the caller.
    parts = [re.escape(_fold(w)) for w in words]
    tail = r"[^\W_]*" if prefix else r"(?![^\W_])"
    return re.compile(r"[\W_]+".join(parts) + tail)


def _is_word_char(c: str) -> bool:
    return c.isalnum()


# Characters looked at around a hit to place the snippet's window (words are rarely longer).
_REACH = 40


def make_snippet(body: str, query: Query, words: int = 16) -> str:
    """About ``words`` words of ``body`` around what ``query`` matches, the matches marked.

    What FTS5's ``snippet()`` gives, made from text already read: the window with the most
    different query terms (then the most matches; the earliest of equals), matched words or
    phrases between :data:`MARK_START` and :data:`MARK_END`, and :data:`ELLIPSIS` where text is
    left out. Words are compared as the index stores them (case and diacritics ignored).
    Only the text around the hits is split into words, which keeps this to some tens of
    microseconds per paragraph.
    """
    folded = _fold(body)
    size = max(1, words)
    hits: list[tuple[int, int, int]] = []  # (start, end, term) in characters
    for ti, term in enumerate(query.positive):
        for m in _term_pattern(term.words, term.prefix).finditer(folded):
            if m.start() == 0 or not _is_word_char(folded[m.start() - 1]):
                hits.append((m.start(), m.end(), ti))
    hits.sort()
    # The anchor: the hit with the most different terms in the stretch after it (a window of
    # ``size`` words is taken as about ``size * 8`` characters; words average 6 plus a space).
    span = size * 8
    anchor, best = 0, (-1, -1)
    lo = hi = 0
    inside: dict[int, int] = {}  # term -> hits in the stretch (a sliding window over the hits)
    for a, _b, _t in hits:
        while hi < len(hits) and hits[hi][1] <= a + span:
            inside[hits[hi][2]] = inside.get(hits[hi][2], 0) + 1
            hi += 1
        while lo < hi and hits[lo][0] < a - span // 4:
            inside[hits[lo][2]] -= 1
            if not inside[hits[lo][2]]:
                del inside[hits[lo][2]]
            lo += 1
        score = (len(inside), hi - lo)
        if score > best:
            anchor, best = a, score
    # The window: from the first word if that shows the anchor, else from a quarter of the
    # words before the anchor; moved back when it would run out of text.
    head = _words_from(folded, 0, size)
    if not head:
        return ""
    if not hits or _end_of(hits, anchor) <= head[-1][1]:
        first = head[0][0]
    else:
        before = _words_before(folded, anchor, size // 4)
        first = before[0] if before else anchor
    window = _words_from(folded, first, size + 1)
    if len(window) < size:
        before = _words_before(folded, first, size - len(window))
        if before:
            window = _words_from(folded, before[0], size + 1)
    at_end = len(window) <= size
    window = window[:size]
    at_start = window[0][0] == head[0][0]
    stop = len(body) if at_end else window[-1][1]
    out = [body[:window[0][0]] if at_start else ELLIPSIS]
    pos = window[0][0]
    for a, b, _t in hits:
        if a < pos or b > stop:
            continue
        out += [body[pos:a], MARK_START, body[a:b], MARK_END]
        pos = b
    out.append(body[pos:stop])
    if not at_end:
        out.append(ELLIPSIS)
    return "".join(out)


def _end_of(hits: list[tuple[int, int, int]], start: int) -> int:
    return next(b for a, b, _t in hits if a == start)


def _words_from(folded: str, at: int, count: int) -> list[tuple[int, int]]:
    """Start and end of up to ``count`` words from offset ``at`` on."""
    return [m.span() for m in itertools.islice(_WORD.finditer(folded, at), count)]


def _words_before(folded: str, at: int, count: int) -> list[int]:
    """The starts of up to ``count`` words that end before offset ``at``."""
    if count <= 0:
        return []
    lo = max(0, at - count * _REACH)
    starts = [m.start() for m in _WORD.finditer(folded, lo, at)]
    if lo > 0 and starts and starts[0] == lo and _is_word_char(folded[lo - 1]):
        starts = starts[1:]  # the region began inside a word
    return starts[-count:]


# Dutch function words and the words every Kamervraag has; they say nothing about the subject.
STOPWORDS = frozenset(
    """
    aan al alle als altijd andere ben bent bij daar daarom dan dat de der deze die dit doch doen door
    dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets
    ik in is ja je kan kon kunnen kunt maar me meer men met mij mijn moet na naar niet niets nog nu of
    om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was
    wat we wel werd wezen wie wij wil worden wordt zal ze zelf zich zij zijn zo zonder zou zouden
    welke welk waarom wanneer waar hoeveel hierover daarover daarbij hoe bereid kent bekend bericht
    minister staatssecretaris kamer vraag vragen antwoord mee deelt delen kunt zult acht gaat gaan
    mogelijk waarbij wordt welke tussen binnen sinds zoals onder andere nee indien tevens echter
    """.split()  # noqa: SIM905 - a block of words reads better than a list of strings
)


def distinctive_words(body: str, *, limit: int = 40) -> list[str]:
    """Candidate words of ``body`` for similarity: no stop words, no numbers, no short words."""
    seen: dict[str, None] = {}
    for w in index_words(body):
        if len(w) < 3 or w.isdigit() or w in STOPWORDS:
            continue
        seen.setdefault(w, None)
        if len(seen) >= limit:
            break
    return list(seen)


# --------------------------------------------------------------------------- schema


def _sqlite_ddl(content: str, fts: str) -> list[str]:
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5("
        f"text, content='{content}', content_rowid='id', tokenize='{TOKENIZE}')",
        # Document frequencies per term, read by similar_questions to pick distinctive words.
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts}_vocab USING fts5vocab({fts}, row)",
        *_sqlite_triggers(content, fts),
    ]


def _sqlite_triggers(content: str, fts: str, indexed_upto: int | None = None) -> list[str]:
    # ``indexed_upto``: during a parallel bulk load the rows above it are not in this index
    # yet (see ParallelIndexBuild), and FTS5 must not be asked to delete what it never held.
    when = "" if indexed_upto is None else f" WHEN old.id <= {int(indexed_upto)}"
    return [
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {content} BEGIN "
        f"INSERT INTO {fts}(rowid, text) VALUES (new.id, new.text); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {content}{when} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, text) VALUES ('delete', old.id, old.text); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF text ON {content}{when} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, text) VALUES ('delete', old.id, old.text); "
        f"INSERT INTO {fts}(rowid, text) VALUES (new.id, new.text); END",
    ]


TRIGGER_NAMES = tuple(f"{fts}_{suffix}" for _content, fts in INDEXED for suffix in ("ai", "ad", "au"))

# PostgreSQL's text search configuration: Dutch stemming after removing diacritics.
PG_CONFIG = "kvdesk_dutch"
PG_PLAIN_CONFIG = "dutch"
_pg_configs: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def _pg_config_exists(conn: Connection) -> bool:
    return conn.exec_driver_sql("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", (PG_CONFIG,)).first() is not None


def _make_pg_config(conn: Connection) -> bool:
    """Create :data:`PG_CONFIG` (with ``unaccent``) if it is not there; whether it exists now."""
    if _pg_config_exists(conn):
        return True
    attempt = conn.begin_nested()
    try:
        # unaccent is a trusted extension (PostgreSQL 13+): the database's owner may create it.
        conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
        conn.exec_driver_sql(f"CREATE TEXT SEARCH CONFIGURATION {PG_CONFIG} (COPY = pg_catalog.dutch)")
        conn.exec_driver_sql(f"ALTER TEXT SEARCH CONFIGURATION {PG_CONFIG} "
                             "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem")
    except DBAPIError as exc:
        attempt.rollback()
        log.warning("PostgreSQL: no unaccent extension (%s); search will not fold diacritics",
                    str(exc.orig).splitlines()[0] if exc.orig else exc)
        return False
    attempt.commit()
    return True


def pg_config(conn: Connection) -> str:
    """The text search configuration the PostgreSQL indexes use (looked up once per engine)."""
    engine = conn.engine
    config = _pg_configs.get(engine)
    if config is None:
        config = PG_CONFIG if _pg_config_exists(conn) else PG_PLAIN_CONFIG
        _pg_configs[engine] = config
    return config


def _create_pg_indexes(conn: Connection) -> None:
    """The GIN indexes, with diacritics folded where possible; older ones made without it are remade."""
    config = PG_CONFIG if _make_pg_config(conn) else PG_PLAIN_CONFIG
    _pg_configs.pop(conn.engine, None)
    for content, _fts in INDEXED:
        name = f"ix_{content}_fulltext"
        current = conn.exec_driver_sql("SELECT indexdef FROM pg_indexes WHERE indexname = %s", (name,)).scalar()
        if current is not None and f"'{config}'::regconfig" in current:
            continue
        if current is not None:
            conn.exec_driver_sql(f"DROP INDEX {name}")
            log.info("PostgreSQL: full-text index %s remade with %s", name, config)
        conn.exec_driver_sql(f"CREATE INDEX {name} ON {content} USING gin (to_tsvector('{config}', text))")

_ready: weakref.WeakSet[Engine] = weakref.WeakSet()


def fts5_available() -> bool:
    """Whether this Python's SQLite has FTS5 compiled in (some builds drop it)."""

    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        conn.close()


def create_search_index(conn: Connection) -> None:
    """Create the full-text index on ``conn`` (idempotent) and fill it from the stored text.

    Used by the migration and by :func:`ensure_search_index`. On SQLite a missing index or
    missing triggers mean the index may be behind the text, so it is rebuilt.
    """
    if conn.dialect.name == "sqlite":
        present = {
            r[0] for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')"
            )
        }
        complete = all(fts in present for _c, fts in INDEXED) and all(t in present for t in TRIGGER_NAMES)
        if complete:
            repair_if_behind(conn)
            return
        if not fts5_available():
            raise SearchUnavailable(
                "Zoeken kan niet: deze Python-installatie heeft SQLite zonder FTS5. "
                "Installeer kvdesk met het officiële installatieprogramma."
            )
        for content, fts in INDEXED:
            for stmt in _sqlite_ddl(content, fts):
                conn.exec_driver_sql(stmt)
            conn.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
        log.info("full-text index created and filled")
    elif conn.dialect.name == "postgresql":
        _create_pg_indexes(conn)
    else:
        raise SearchUnavailable(f"Zoeken wordt niet ondersteund op database {conn.dialect.name}.")


def drop_search_index(conn: Connection) -> None:
    """Remove the full-text index (the migration's downgrade)."""
    if conn.dialect.name == "sqlite":
        for name in TRIGGER_NAMES:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        for _content, fts in INDEXED:
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {fts}_vocab")
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {fts}")
    elif conn.dialect.name == "postgresql":
        for content, _fts in INDEXED:
            conn.exec_driver_sql(f"DROP INDEX IF EXISTS ix_{content}_fulltext")


def ensure_search_index(engine: Engine) -> None:
    """Make sure the index exists on ``engine`` (once per engine per process; cheap after that).

    Normally the Alembic migration has created it; this covers databases made by
    ``create_all`` and tests that build a schema directly.
    """
    if engine in _ready:
        return
    with engine.begin() as conn:
        create_search_index(conn)
        # While a bulk load builds the index beside the database, look again next time.
        settled = engine.dialect.name != "sqlite" or bulk_load_running(conn) is None
    if settled:
        _ready.add(engine)


def forget_engine(engine: Engine) -> None:
    """Let :func:`ensure_search_index` check ``engine`` again (after the schema was replaced)."""
    _ready.discard(engine)


# ------------------------------------------------------------------------ bulk loading


# FTS5's defaults (fts5Int.h), restored after a bulk load: the settings are stored in the index.
FTS5_DEFAULT_AUTOMERGE = 4
FTS5_DEFAULT_HASHSIZE = 1024 * 1024
# While bulk loading: no merging of segments (about half of FTS5's insert time; one 'optimize'
# after the import merges everything once), and pending index data kept in memory up to 64 MB,
# so that a batch becomes one segment instead of one per megabyte.
BULK_HASHSIZE = 64 * 1024 * 1024


def _fts5_config(conn: Connection, fts: str, name: str, value: int) -> None:
    conn.exec_driver_sql(f"INSERT INTO {fts}({fts}, rank) VALUES ('{name}', {int(value)})")


def begin_bulk_load(conn: Connection) -> dict[str, int] | None:
    """Suspend the per-row index triggers for a bulk insert inside the current transaction.

    Returns a watermark to pass to :func:`end_bulk_load`, which indexes the new rows in one
    statement per table (about twice as fast as a trigger per row) and restores the
    triggers. Both must run in the same transaction: if it rolls back, the triggers come back
    with it. Until then segment merging is off (see :data:`BULK_HASHSIZE`); run
    :func:`optimize` after the last batch. Only SQLite has triggers; elsewhere this returns
    ``None`` and does nothing.
    """
    if conn.dialect.name != "sqlite":
        return None
    suspend_triggers(conn)
    return {content: _max_id(conn, content) for content, _fts in INDEXED}


def suspend_triggers(conn: Connection) -> None:
    """Drop the index triggers inside the current transaction (SQLite); see :func:`restore_triggers`."""
    # Python's sqlite3 opens its implicit transaction only before a DML statement; without
    # one, the DROP TRIGGER below would commit on its own and survive a rollback.
    conn.exec_driver_sql("DELETE FROM question WHERE 0")
    for name in TRIGGER_NAMES:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")


def restore_triggers(conn: Connection, indexed_upto: dict[str, int] | None = None) -> None:
    """Create the index triggers again, in the transaction that dropped them.

    With ``indexed_upto`` (a parallel bulk load), updates and deletes of newer rows leave the
    index alone: those rows are not in it yet, and the load rebuilds the index at its end when
    another connection wrote meanwhile.
    """
    for content, fts in INDEXED:
        for stmt in _sqlite_triggers(content, fts, None if indexed_upto is None else indexed_upto[content]):
            conn.exec_driver_sql(stmt)


def _reset_triggers(execute: Any, only: str | None = None) -> None:
    """Drop and create the ordinary triggers with ``execute(sql)`` (after a parallel bulk load)."""
    for content, fts in INDEXED:
        if only is not None and content != only:
            continue
        for suffix in ("ai", "ad", "au"):
            execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
        for stmt in _sqlite_triggers(content, fts):
            execute(stmt)


def _max_id(conn: Connection, table: str) -> int:
    return int(conn.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table}").scalar() or 0)


def end_bulk_load(conn: Connection, watermark: dict[str, int] | None) -> None:
    """Index the rows added since :func:`begin_bulk_load` and restore the triggers."""
    if watermark is None or conn.dialect.name != "sqlite":
        return
    for content, fts in INDEXED:
        _fts5_config(conn, fts, "automerge", 0)
        _fts5_config(conn, fts, "hashsize", BULK_HASHSIZE)
        conn.exec_driver_sql(
            f"INSERT INTO {fts}(rowid, text) SELECT id, text FROM {content} WHERE id > ?",
            (watermark[content],),
        )
        _fts5_config(conn, fts, "automerge", FTS5_DEFAULT_AUTOMERGE)
        _fts5_config(conn, fts, "hashsize", FTS5_DEFAULT_HASHSIZE)
        for stmt in _sqlite_triggers(content, fts):
            conn.exec_driver_sql(stmt)
    forget_term_statistics(conn.engine)


def optimize(engine: Engine) -> None:
    """Merge the index segments (after a large import: smaller and faster to query)."""
    if engine.dialect.name != "sqlite":
        return
    with engine.begin() as conn:
        for _content, fts in INDEXED:
            conn.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")


# ------------------------------------------------------------ bulk loading on two cores

# A bulk load of a large archive builds the index beside the database, while the text goes in:
# a process per index (kvdesk.storage.fts_build), each reading the committed rows and writing a
# scratch database file of its own (SQLite allows one writer per file), runs on the second
# core while the content inserts run on the first. At the end the finished index replaces the
# database's (the shadow tables of identically defined FTS5 tables are self-contained) in one
# transaction. Until then a row in ``sync_state`` says that the index is behind the text: if
# the process dies in between, the next search or import finds it and rebuilds the index.
BULK_MARKER = "fulltext-bulk-load"
# The shadow tables of an FTS5 table with a content table of its own.
SHADOW_TABLES = ("data", "idx", "docsize", "config")
# Rows already indexed that a parallel build indexes again in its scratch file; with more,
# the batch-by-batch path is cheaper (see BENCHMARKS.md, "Search").
PARALLEL_MAX_EXISTING = 100_000
# Page cache of a scratch file's connection, in KiB (negative: SQLite's unit is then KiB).
SCRATCH_CACHE_KIB = -32 * 1024
# How many fed batches may wait for an index builder before feeding waits (see _TableBuild).
BUILD_AHEAD = 2

# Bulk loads running in this process, by marker token: their marker is not a sign of a crash.
_running: set[str] = set()
_running_guard = threading.Lock()


def bulk_load_running(conn: Connection) -> dict[str, Any] | None:
    """The marker of a parallel bulk load that is still running on ``conn``'s database, or ``None``."""
    info = _marker(conn)
    if info is None or not _marker_alive(info):
        return None
    return info


def _marker(conn: Connection) -> dict[str, Any] | None:
    row = conn.exec_driver_sql("SELECT cursor FROM sync_state WHERE name = ?", (BULK_MARKER,)).first()
    if row is None:
        return None
    try:
        info = json.loads(row[0] or "{}")
    except ValueError:
        info = {}
    return info if isinstance(info, dict) else {}


def _marker_alive(info: dict[str, Any]) -> bool:
    """Whether the bulk load that wrote ``info`` still runs (then its index is not lost, only unfinished)."""
    from kvdesk.storage.lock import _pid_alive, _same_host

    pid = info.get("pid")
    if not isinstance(pid, int) or not _same_host(str(info.get("host", "")), socket.gethostname()):
        return False
    if pid == os.getpid():
        with _running_guard:
            return info.get("token") in _running
    return _pid_alive(pid)


def index_behind(conn: Connection) -> bool:
    """Whether the SQLite index misses text: an interrupted bulk load, or a newer row than it holds."""
    if conn.dialect.name != "sqlite":
        return False
    if _marker(conn) is not None:
        return True
    return any(_max_id(conn, content) != _max_id(conn, f"{fts}_docsize") for content, fts in INDEXED)


def repair_if_behind(conn: Connection) -> bool:
    """Rebuild the index when it is behind the text and no bulk load is still filling it.

    Returns whether it rebuilt. A bulk load killed between storing its first batch and moving
    its finished index in leaves the text complete and the index behind; searching it then
    would silently miss sets, so the index is rebuilt from the text (seconds per 10,000 sets).
    """
    if conn.dialect.name != "sqlite" or not index_behind(conn):
        return False
    marker = _marker(conn)
    if marker is not None and _marker_alive(marker):
        return False
    log.warning("the full-text index is behind the stored text (an interrupted import?); rebuilding it")
    _reset_triggers(conn.exec_driver_sql)
    for _content, fts in INDEXED:
        conn.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    conn.exec_driver_sql("DELETE FROM sync_state WHERE name = ?", (BULK_MARKER,))
    forget_term_statistics(conn.engine)
    database = conn.engine.url.database
    if database and database != ":memory:":
        remove_stale_scratch(Path(database))
    return True


def scratch_folder(db_path: Path, pid: int | None = None) -> Path:
    """Where a parallel bulk load of ``db_path`` builds its index (beside the database: same disk)."""
    return db_path.parent / f".{db_path.name}.index-build-{os.getpid() if pid is None else pid}"


def remove_stale_scratch(db_path: Path) -> None:
    """Delete scratch folders left by bulk loads whose process is gone (a kill leaves them)."""
    from kvdesk.storage.lock import _pid_alive

    for folder in db_path.parent.glob(f".{db_path.name}.index-build-*"):
        try:
            pid = int(folder.name.rsplit("-", 1)[1])
        except ValueError:
            continue
        if pid != os.getpid() and not _pid_alive(pid):
            shutil.rmtree(folder, ignore_errors=True)


class BuildFailed(Exception):
    """An index built beside the database could not be finished (it is rebuilt from the text)."""


class _TableBuild:
    """One FTS5 index built in a scratch database file, in a process of its own.

    It is told ``(first id, last id)`` of each batch's rows after the batch committed, and reads
    their text from the database. At most :data:`BUILD_AHEAD` ranges wait for the builder:
    beyond that, :meth:`feed` waits until it takes one. Storing is cheaper than
    indexing, and a loading thread free to run ahead would take the CPU the builders need and
    leave them the whole backlog to index after the last batch; held back, it uses what they
    leave over, and the index is done soon after the text. The scratch file has no journal and
    no syncs: it is thrown away if anything goes wrong. See :mod:`kvdesk.storage.fts_build`
    for why a process rather than a thread.
    """

    def __init__(self, content: str, fts: str, path: Path, database: Path, upto: int) -> None:
        import multiprocessing

        from kvdesk.storage import fts_build

        self.path = path
        self.error: BaseException | None = None
        self._done = False
        self._ended = False  # the end of the input was sent
        context = multiprocessing.get_context("spawn")
        self._ranges = context.Queue()
        self._results = context.Queue()
        self._credits = context.Semaphore(BUILD_AHEAD)
        spec = fts_build.BuildSpec(
            path=str(path), fts=fts, content=content, ddl=_sqlite_ddl(content, fts)[0],
            cache_kib=SCRATCH_CACHE_KIB, hashsize=BULK_HASHSIZE, default_automerge=FTS5_DEFAULT_AUTOMERGE,
            default_hashsize=FTS5_DEFAULT_HASHSIZE, database=str(database), upto=upto,
        )
        self._process = context.Process(target=fts_build.run, args=(spec, self._ranges, self._results, self._credits),
                                        name=f"kvdesk-index-{content}", daemon=True)
        self._process.start()

    def feed(self, first_id: int, last_id: int) -> None:
        # A builder that died (it could not start, or failed) is not fed (nor waited for);
        # finish() reports it and the index is rebuilt instead.
        if last_id < first_id or self._ended:
            return
        while not self._credits.acquire(timeout=0.5):
            if not self._process.is_alive():
                return
        if self._process.is_alive():
            self._ranges.put((first_id, last_id))

    def end(self) -> None:
        """Say that nothing more comes: the builder writes its last segment while others finish."""
        if not self._ended:
            self._ended = True
            self._ranges.put(None)

    def finish(self) -> None:
        """Wait until everything fed is indexed and merged into one segment; raises the builder's error."""
        if self._done:
            if self.error is not None:
                raise self.error
            return
        self._done = True
        self.end()
        while True:
            try:
                kind, value = self._results.get(timeout=5)
                break
            except queue.Empty:
                if not self._process.is_alive():
                    kind, value = "error", f"the index builder ended with status {self._process.exitcode}"
                    break
        self._process.join(timeout=60)
        self._close_queues(flush=kind == "done")
        if kind == "done":
            return
        self.error = BuildFailed(str(value))
        raise self.error

    def stop(self) -> None:
        """End the builder if it still runs (after an error elsewhere); what it built is not used."""
        self._done = True
        self.end()
        if self._process.is_alive():
            self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(timeout=10)
        self._close_queues(flush=False)

    def _close_queues(self, *, flush: bool) -> None:
        for q in (self._ranges, self._results):
            if not flush:
                # Nobody reads what is still buffered: waiting for it to be written would hang.
                q.cancel_join_thread()
            q.close()
            q.join_thread()


@dataclass
class ParallelIndexBuild:
    """The full-text index of a bulk load built in other processes and moved in at the end (SQLite).

    Use: :meth:`start` before the first batch (``None`` when not possible: then index each
    batch in its transaction with :func:`begin_bulk_load`); in each batch's transaction
    :func:`suspend_triggers`, :meth:`mark`, the inserts and
    :func:`restore_triggers`; after its commit :meth:`feed` the new rows' ids; at the end
    :meth:`finish`, always (also after an error or a cancel), on the same connection.
    """

    db_path: Path
    folder: Path
    token: str
    data_version: int
    existing: dict[str, int]
    builds: dict[str, _TableBuild]
    marked: bool = False

    @classmethod
    def start(cls, conn: Connection, db_path: Path, *, max_existing: int = PARALLEL_MAX_EXISTING,
              ) -> ParallelIndexBuild | None:
        """Start the index builders for a bulk load on ``conn`` (outside a transaction)."""
        if conn.dialect.name != "sqlite":
            return None
        if _marker(conn) is not None:  # another load runs (or ran): not two builds at once
            return None
        existing = {content: _max_id(conn, f"{fts}_docsize") for content, fts in INDEXED}
        counts = sum(int(conn.exec_driver_sql(f"SELECT count(*) FROM {fts}_docsize").scalar() or 0)
                     for _c, fts in INDEXED)
        if counts > max_existing:
            return None
        remove_stale_scratch(db_path)
        folder = scratch_folder(db_path)
        shutil.rmtree(folder, ignore_errors=True)
        try:
            folder.mkdir()
        except OSError as exc:
            log.warning("no room for a parallel index build beside %s (%s); indexing batch by batch", db_path, exc)
            return None
        version = int(conn.exec_driver_sql("PRAGMA data_version").scalar() or 0)
        conn.commit()  # end SQLAlchemy's autobegun block before the builders read the database
        builds = {
            content: _TableBuild(content, fts, folder / f"{content}.sqlite3", db_path, existing[content])
            for content, fts in INDEXED
        }
        token = uuid.uuid4().hex
        with _running_guard:
            _running.add(token)
        return cls(db_path, folder, token, version, existing, builds)

    def mark(self, conn: Connection) -> None:
        """Record, in the first batch's transaction, that the index is behind until :meth:`finish`."""
        if self.marked:
            return
        info = {"pid": os.getpid(), "host": socket.gethostname(), "token": self.token}
        conn.exec_driver_sql(
            "INSERT OR REPLACE INTO sync_state (name, cursor, since, updated_at) VALUES (?, ?, NULL, ?)",
            (BULK_MARKER, json.dumps(info), dt.datetime.now().isoformat(sep=" ", timespec="microseconds")),
        )
        self.marked = True

    def feed(self, content: str, first_id: int, last_id: int) -> None:
        """Index the rows ``first_id`` to ``last_id`` of ``content`` (committed)."""
        self.builds[content].feed(first_id, last_id)

    def finish(self, conn: Connection, after_each: Callable[[], None] | None = None) -> bool:
        """Wait for the index builders and move their index in; afterwards the index is complete.

        Each index is moved in as soon as its builder is done (the question index usually
        while the answers are still being indexed), in a transaction of its own; the marker
        goes with the last. ``after_each`` runs after each of those commits. Returns True
        when the built indexes were moved in, False when the database's index was rebuilt
        from the text instead (an index builder failed, or another connection wrote during the
        load, which the moved index would not hold) or nothing was loaded.
        """
        moved = True
        try:
            raw = conn.connection.driver_connection  # type: ignore[union-attr]
            for build in self.builds.values():
                build.end()
            pending = list(self.builds)
            while pending:
                content = pending.pop(0)
                failed: BaseException | None = None
                try:
                    self.builds[content].finish()
                except BaseException as exc:  # noqa: BLE001 - the index is rebuilt instead
                    failed = exc
                if self.marked:
                    moved = self._install(raw, content, failed, last=not pending) and moved
                    if after_each is not None:
                        after_each()
            return self.marked and moved
        finally:
            for build in self.builds.values():  # after an error above: not left running
                build.stop()
            with _running_guard:
                _running.discard(self.token)
            shutil.rmtree(self.folder, ignore_errors=True)

    def _install(self, raw: Any, content: str, failed: BaseException | None, *, last: bool) -> bool:
        """Replace ``content``'s index by the built one (or rebuild it), in one transaction."""
        fts = dict(INDEXED)[content]
        name = f"kvdesk_build_{content}"
        raw.execute(f"ATTACH DATABASE ? AS {name}", (str(self.builds[content].path),))
        try:
            raw.execute("BEGIN IMMEDIATE")
            try:
                moved = failed is None and self._still_ours(raw, content, name)
                if moved:
                    for shadow in SHADOW_TABLES:
                        table = f"{fts}_{shadow}"
                        raw.execute(f"DELETE FROM main.{table}")
                        raw.execute(f"INSERT INTO main.{table} SELECT * FROM {name}.{table}")
                else:
                    if failed is not None:
                        log.error("building the index beside the database failed (%s); rebuilding it", failed)
                    raw.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
                _reset_triggers(raw.execute, content)
                if last:
                    raw.execute("DELETE FROM sync_state WHERE name = ?", (BULK_MARKER,))
                raw.execute("COMMIT")
            except BaseException:
                raw.execute("ROLLBACK")
                raise
        finally:
            raw.execute(f"DETACH DATABASE {name}")
        return moved

    def _still_ours(self, raw: Any, content: str, name: str) -> bool:
        """Whether the built index covers exactly the text: nobody else wrote, and every row is in it."""
        if int(raw.execute("PRAGMA data_version").fetchone()[0]) != self.data_version:
            log.info("another connection wrote during the bulk load; rebuilding the index instead of moving it")
            return False
        fts = dict(INDEXED)[content]
        built = raw.execute(f"SELECT count(*), coalesce(max(id), 0) FROM {name}.{fts}_docsize").fetchone()
        stored = raw.execute(f"SELECT count(*), coalesce(max(id), 0) FROM main.{content}").fetchone()
        if tuple(built) != tuple(stored):
            log.warning("the built index of %s holds %s rows up to id %s, the table %s up to %s; rebuilding",
                        content, built[0], built[1], stored[0], stored[1])
            return False
        return True

# --------------------------------------------------------------------------- queries


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _filter_sql(filters: SearchFilters, kind: str, params: dict[str, Any]) -> list[str]:
    """SQL conditions on aliases ``s`` (question_set) and ``c`` (question or answer)."""
    conds: list[str] = []
    if filters.year is not None:
        conds.append("s.submitted_on >= :f_from AND s.submitted_on < :f_to")
        params["f_from"] = dt.date(filters.year, 1, 1)
        params["f_to"] = dt.date(filters.year + 1, 1, 1)
    if filters.origin:
        conds.append("s.origin = :f_origin")
        params["f_origin"] = filters.origin
    if filters.exclude_set is not None:
        conds.append("s.id <> :f_exclude")
        params["f_exclude"] = filters.exclude_set
    if filters.ministry:
        conds.append(
            "EXISTS (SELECT 1 FROM addressee a WHERE a.set_id = s.id AND "
            "(lower(a.title) LIKE :f_ministry OR lower(coalesce(a.portfolio, '')) LIKE :f_ministry))"
        )
        params["f_ministry"] = f"%{filters.ministry.strip().lower()}%"
    if filters.member:
        conds.append("EXISTS (SELECT 1 FROM member m WHERE m.set_id = s.id AND lower(m.name) LIKE :f_member)")
        params["f_member"] = f"%{filters.member.strip().lower()}%"
    if filters.party:
        conds.append(
            "EXISTS (SELECT 1 FROM member m2 WHERE m2.set_id = s.id AND lower(m2.party) = :f_party)"
        )
        params["f_party"] = filters.party.strip().lower()
    if filters.answered is not None:
        if kind == "answer":
            conds.append("trim(c.text) <> ''" if filters.answered else "1 = 0")
        else:
            answered = (
                "EXISTS (SELECT 1 FROM answer an WHERE an.set_id = c.set_id AND trim(an.text) <> '' "
                "AND (',' || an.questions || ',') LIKE ('%,' || CAST(c.number AS VARCHAR(10)) || ',%'))"
            )
            conds.append(answered if filters.answered else f"NOT {answered}")
    return conds


def search(
    conn: Connection, query: Query, *, limit: int = 20, filters: SearchFilters | None = None,
    kinds: Sequence[str] = ("question", "answer"), snippet_words: int = 16,
) -> list[SearchRow]:
    """The best ``limit`` questions and answers for ``query``, best first."""
    if not query or limit <= 0:
        return []
    filters = filters or SearchFilters()
    if conn.dialect.name != "postgresql":
        return _search_sqlite(conn, query, kinds, limit=limit, filters=filters, words=snippet_words)
    rows: list[SearchRow] = []
    for kind in kinds:
        rows.extend(_search_pg(conn, query, kind, limit=limit, filters=filters, words=snippet_words))
    rows.sort(key=lambda r: -r.score)
    return rows[:limit]


def _columns(kind: str) -> tuple[str, str]:
    """The content table and the SQL for its question numbers as a comma list."""
    if kind == "question":
        return "question", "CAST(c.number AS VARCHAR(10))"
    return "answer", "c.questions"


class _Hit(NamedTuple):
    kind: str
    id: int
    set_id: int
    numbers: Any
    text: str
    kenmerk: str | None
    subject: str | None
    submitted_on: Any
    origin: str


def _rank(conn: Connection, query: Query, kind: str, limit: int, filters: SearchFilters,
          ) -> list[tuple[float, str, int]]:
    """The best ``limit`` rows of one index as ``(bm25, kind, rowid)`` (lower bm25 is better)."""
    content, _numbers = _columns(kind)
    fts = f"{content}_fts"
    params: dict[str, Any] = {"q": fts5_expression(query), "n": limit}
    conds = _filter_sql(filters, kind, params)
    if conds:
        # Filters need the set: rank inside the join (FTS5 drives, then the lookups).
        sql = (f"SELECT f.rowid, bm25({fts}) AS score FROM {fts} f "
               f"CROSS JOIN {content} c ON c.id = f.rowid CROSS JOIN question_set s ON s.id = c.set_id "
               f"WHERE {fts} MATCH :q AND {' AND '.join(conds)} ORDER BY score LIMIT :n")
    else:
        sql = f"SELECT rowid, bm25({fts}) AS score FROM {fts} WHERE {fts} MATCH :q ORDER BY score LIMIT :n"
    # Straight through the driver (dates as the ISO text they are stored as): SQLAlchemy's
    # statement and result handling cost about 0.1 ms here, next to a ranking of 1-5 ms.
    values = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in params.items()}
    raw: Any = conn.connection.driver_connection
    return [(float(score), kind, int(rowid)) for rowid, score in raw.execute(sql, values)]


def _rank_apart(engine: Engine, query: Query, kind: str, limit: int, filters: SearchFilters,
                ) -> list[tuple[float, str, int]]:
    with engine.connect() as conn:
        return _rank(conn, query, kind, limit, filters)


def _own_connections(conn: Connection) -> bool:
    """Whether another connection from the pool sees the same SQLite database (a file, pooled)."""
    from sqlalchemy.pool import QueuePool

    return conn.dialect.name == "sqlite" and isinstance(conn.engine.pool, QueuePool)


_ranker_pool: Any = None  # a ThreadPoolExecutor, made on first use
_ranker_guard = threading.Lock()


def _ranker() -> Any:
    """The threads that rank the other indexes of a search."""
    global _ranker_pool
    with _ranker_guard:
        if _ranker_pool is None:
            from concurrent.futures import ThreadPoolExecutor

            _ranker_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="kvdesk-rank")
        return _ranker_pool


def _search_sqlite(
    conn: Connection, query: Query, kinds: Sequence[str], *, limit: int, filters: SearchFilters, words: int,
) -> list[SearchRow]:
    """Rank each index, keep the best ``limit`` of all, then read and mark only those.

    Measured on 500,000 paragraphs: ``ORDER BY bm25(fts)`` with the score as the only column
    is about twice as fast as FTS5's own ``ORDER BY rank`` (which runs a sorter statement of
    its own); and FTS5's ``snippet()`` for a given row means evaluating the query again for
    that row, which for common words costs as much as the ranking. The snippets are made
    from the text read for the result anyway (:func:`make_snippet`).
    """
    ranked: list[tuple[float, str, int]] = []
    if len(kinds) > 1 and _own_connections(conn):
        # The other indexes are ranked at the same time, each on a connection of its own:
        # SQLite lets go of Python's lock while it works, so a second core halves the wait.
        others = [_ranker().submit(_rank_apart, conn.engine, query, kind, limit, filters) for kind in kinds[1:]]
        ranked.extend(_rank(conn, query, kinds[0], limit, filters))
        for other in others:
            ranked.extend(other.result())
    else:
        for kind in kinds:
            ranked.extend(_rank(conn, query, kind, limit, filters))
    ranked.sort()  # bm25: lower is better
    ranked = ranked[:limit]
    # The texts and sets of the kept rows, both kinds in one statement.
    selects = []
    params = {}
    for kind in kinds:
        ids = [rowid for _score, k, rowid in ranked if k == kind]
        if not ids:
            continue
        content, numbers = _columns(kind)
        marks = ", ".join(f":{kind[0]}{i}" for i in range(len(ids)))
        params.update({f"{kind[0]}{i}": rowid for i, rowid in enumerate(ids)})
        selects.append(
            f"SELECT '{kind}' AS kind, c.id, c.set_id, {numbers} AS numbers, c.text, s.kenmerk, s.subject, "
            f"s.submitted_on, s.origin FROM {content} c JOIN question_set s ON s.id = c.set_id WHERE c.id IN ({marks})"
        )
    found: dict[tuple[str, int], Any] = {}
    if selects:
        # Straight through the driver: for 20 short rows SQLAlchemy's result handling costs
        # more than SQLite's work (about 0.3 ms a statement here).
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(" UNION ALL ".join(selects), params)
            for row in cursor.fetchall():
                found[(row[0], row[1])] = _Hit(*row)
        finally:
            cursor.close()
    out = []
    for score, kind, rowid in ranked:
        r = found.get((kind, rowid))
        if r is None:  # removed between the two statements
            continue
        out.append(SearchRow(
            kind=kind, row_id=rowid, set_id=r.set_id, kenmerk=r.kenmerk, subject=r.subject,
            submitted_on=_as_date(r.submitted_on), origin=r.origin,
            questions=[int(n) for n in str(r.numbers).split(",") if n],
            snippet=make_snippet(r.text, query, words), score=-score, text=r.text,
        ))
    return out


def _search_pg(
    conn: Connection, query: Query, kind: str, *, limit: int, filters: SearchFilters, words: int,
) -> list[SearchRow]:
    content, numbers = _columns(kind)
    config = pg_config(conn)
    params: dict[str, Any] = {"q": tsquery_expression(query), "n": limit}
    conds = _filter_sql(filters, kind, params)
    where = " AND ".join([f"to_tsvector('{config}', c.text) @@ tq.q", *conds])
    options = f"StartSel=\x02, StopSel=\x03, MaxWords={int(words) * 2}, MinWords={max(3, int(words) // 2)}, " \
              f"MaxFragments=2, FragmentDelimiter={ELLIPSIS}"
    sql = (
        f"WITH tq AS (SELECT to_tsquery('{config}', :q) AS q), top AS ("
        f"  SELECT c.id, ts_rank_cd(to_tsvector('{config}', c.text), tq.q) AS score "
        f"  FROM {content} c JOIN question_set s ON s.id = c.set_id, tq WHERE {where} "
        f"  ORDER BY score DESC LIMIT :n) "
        f"SELECT top.id, top.score, c.set_id, {numbers} AS numbers, c.text, s.kenmerk, s.subject, "
        f"s.submitted_on, s.origin, ts_headline('{config}', c.text, tq.q, :opts) AS snip "
        f"FROM top JOIN {content} c ON c.id = top.id JOIN question_set s ON s.id = c.set_id, tq "
        f"ORDER BY top.score DESC"
    )
    params["opts"] = options
    out = []
    for r in conn.execute(text(sql), params):
        out.append(SearchRow(
            kind=kind, row_id=r.id, set_id=r.set_id, kenmerk=r.kenmerk, subject=r.subject,
            submitted_on=_as_date(r.submitted_on), origin=r.origin,
            questions=[int(n) for n in str(r.numbers).split(",") if n],
            snippet=r.snip or "", score=float(r.score), text=r.text,
        ))
    return out


# Similar questions rank at most about this many candidate questions: the rarest words are
# added (at least one) until together they occur in more questions than this. Ranking the
# questions that share only common words would cost far more and find nothing that is similar.
SIMILAR_CANDIDATES = 1500


def similar(
    conn: Connection, body: str, *, limit: int = 5, exclude_set: int | None = None, max_terms: int = 8,
    max_candidates: int = SIMILAR_CANDIDATES,
) -> list[SimilarRow]:
    """Earlier questions most like ``body``: bm25 over its most distinctive words.

    The words are the candidates of :func:`distinctive_words` that are rarest in the index
    (but occur in more than one question, so a typo or the question itself does not lead),
    at most ``max_terms`` and no more than together occur in about ``max_candidates``
    questions; any of them may match, bm25 rewards the rare ones and the ones that occur
    together. How many questions contain each word is cached (see :func:`term_documents`).
    """
    candidates = distinctive_words(body)
    if not candidates or limit <= 0:
        return []
    if conn.dialect.name == "postgresql":
        chosen = candidates[:max_terms]
        return _similar_pg(conn, chosen, limit, exclude_set)
    freq = term_documents(conn, candidates)
    known = [w for w in candidates if freq.get(w, 0) > 1]
    if not known:
        known = [w for w in candidates if freq.get(w, 0) > 0]
    chosen = []
    total = 0
    for w in sorted(known, key=lambda w: freq[w])[:max_terms]:
        if chosen and total + freq[w] > max_candidates:
            break
        chosen.append(w)
        total += freq[w]
    if not chosen:
        return []
    expr = fts5_any_expression(chosen)
    # Ranked on the index alone (ORDER BY bm25() measured faster here than ORDER BY rank),
    # a few more than needed: hits from the excluded set are dropped afterwards, since a join
    # inside the ranking would cost a lookup per matching question.
    ranked = conn.execute(
        text("SELECT rowid AS id, bm25(question_fts) AS score FROM question_fts WHERE question_fts MATCH :q "
             "ORDER BY score LIMIT :n"),
        {"q": expr, "n": limit + 40},
    ).all()
    if not ranked:
        return []
    marks = ", ".join(f":r{i}" for i in range(len(ranked)))
    ids: dict[str, Any] = {f"r{i}": r.id for i, r in enumerate(ranked)}
    rows = {r.id: r for r in conn.execute(text(
        "SELECT q.id, q.set_id, q.number, q.text, s.kenmerk, s.subject, s.submitted_on "
        f"FROM question q JOIN question_set s ON s.id = q.set_id WHERE q.id IN ({marks})"), ids)}
    kept = [(rows[r.id], r.score) for r in ranked if r.id in rows and rows[r.id].set_id != exclude_set][:limit]
    if not kept:
        return []
    # Snippets for the rows shown only, from the text just read (see make_snippet).
    words = Query(tuple(Term((w,)) for w in chosen))
    out = [
        SimilarRow(set_id=row.set_id, kenmerk=row.kenmerk, subject=row.subject,
                   submitted_on=_as_date(row.submitted_on), number=row.number, question=row.text,
                   score=-float(score), snippet=make_snippet(row.text, words))
        for row, score in kept
    ]
    _attach_answers(conn, out)
    return out


def term_documents(conn: Connection, words: Sequence[str]) -> dict[str, int]:
    """How many questions contain each of ``words`` (index form), from the process-wide cache.

    Words not in the cache are read from ``question_fts_vocab`` in one query (SQLite only).
    """
    cache = _term_docs.setdefault(conn.engine, {})
    missing = [w for w in dict.fromkeys(words) if w not in cache]
    if missing:
        if len(cache) + len(missing) > TERM_CACHE_SIZE:
            cache.clear()
        marks = ", ".join(f":w{i}" for i in range(len(missing)))
        found = {r.term: int(r.doc) for r in conn.execute(
            text(f"SELECT term, doc FROM question_fts_vocab WHERE term IN ({marks})"),
            {f"w{i}": w for i, w in enumerate(missing)})}
        for w in missing:
            cache[w] = found.get(w, 0)
    return {w: cache[w] for w in words}


def question_text(conn: Connection, set_id: int, number: int) -> str | None:
    """The text of one question, without loading its set."""
    return conn.execute(text("SELECT text FROM question WHERE set_id = :s AND number = :n"),
                        {"s": set_id, "n": number}).scalar()


def _similar_pg(conn: Connection, words: list[str], limit: int, exclude_set: int | None) -> list[SimilarRow]:
    tsq = " | ".join("'" + w.replace("'", "''") + "'" for w in words)
    config = pg_config(conn)
    sql = (
        f"WITH tq AS (SELECT to_tsquery('{config}', :q) AS q) "
        "SELECT q.id, q.set_id, q.number, q.text, s.kenmerk, s.subject, s.submitted_on, "
        f"ts_rank_cd(to_tsvector('{config}', q.text), tq.q) AS score "
        "FROM question q JOIN question_set s ON s.id = q.set_id, tq "
        f"WHERE to_tsvector('{config}', q.text) @@ tq.q AND s.id <> :ex ORDER BY score DESC LIMIT :n"
    )
    rows = conn.execute(text(sql), {"q": tsq, "n": limit, "ex": exclude_set if exclude_set is not None else -1})
    out = [
        SimilarRow(set_id=r.set_id, kenmerk=r.kenmerk, subject=r.subject, submitted_on=_as_date(r.submitted_on),
                   number=r.number, question=r.text, score=float(r.score))
        for r in rows
    ]
    _attach_answers(conn, out)
    return out


def _attach_answers(conn: Connection, rows: list[SimilarRow]) -> None:
    """Fill in the answer that covers each similar question (one query for all)."""
    set_ids = sorted({r.set_id for r in rows})
    if not set_ids:
        return
    marks = ", ".join(f":s{i}" for i in range(len(set_ids)))
    answers: dict[int, list[tuple[list[int], str]]] = {}
    for a in conn.execute(
        text(f"SELECT set_id, questions, text FROM answer WHERE set_id IN ({marks})"),
        {f"s{i}": sid for i, sid in enumerate(set_ids)},
    ):
        nums = [int(n) for n in str(a.questions).split(",") if n]
        answers.setdefault(a.set_id, []).append((nums, a.text))
    for r in rows:
        for nums, body in answers.get(r.set_id, []):
            if r.number in nums and body.strip():
                r.answer = body
                r.answer_questions = nums
                break


def index_counts(conn: Connection) -> dict[str, int]:
    """How many rows each index covers (for diagnostics and tests)."""
    if conn.dialect.name != "sqlite":
        return {content: int(conn.exec_driver_sql(f"SELECT count(*) FROM {content}").scalar() or 0)
                for content, _fts in INDEXED}
    out = {}
    for content, fts in INDEXED:
        # The docsize shadow table has one row per indexed document.
        out[content] = int(conn.exec_driver_sql(f"SELECT count(*) FROM {fts}_docsize").scalar() or 0)
    return out


def integrity_check(conn: Connection) -> None:
    """Raise when an FTS5 index disagrees with its content table (SQLite only)."""
    if conn.dialect.name != "sqlite":
        return
    for _content, fts in INDEXED:
        conn.exec_driver_sql(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")


# ------------------------------------------------------------------- term statistics

# How many questions contain each word (fts5vocab's ``doc``), per engine. Reading it costs a
# walk over the word's whole list of documents, which for a common word is most of a
# similar-questions look-up; the numbers change slowly, so they are kept for the process
# and dropped after a bulk load. A handful of single edits may make them a little stale,
# which only shifts which rare words are picked, never what a search finds.
_term_docs: weakref.WeakKeyDictionary[Engine, dict[str, int]] = weakref.WeakKeyDictionary()
TERM_CACHE_SIZE = 200_000


def forget_term_statistics(engine: Engine) -> None:
    """Drop the cached word frequencies of ``engine`` (after many rows were added or removed)."""
    _term_docs.pop(engine, None)
