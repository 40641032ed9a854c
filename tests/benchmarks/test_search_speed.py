"""Search speed and size on a generated archive of 500,000 question and answer paragraphs.

Run with ``make bench`` (or ``pytest -m benchmark -s tests/benchmarks/test_search_speed.py``).
It measures and prints; the numbers go to docs/BENCHMARKS.md ("Search"). Set
``KVDESK_BENCH_DIR`` to keep the generated archive and database between runs, and
``KVDESK_BENCH_PARAGRAPHS`` for another size (default 500000).
"""
from __future__ import annotations

import json
import os
import random
import statistics
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from kvdesk.core.model import Answer, Member, Question, QuestionSet
from kvdesk.services import searching
from kvdesk.services.context import Context
from kvdesk.services.sets import import_jsonl
from kvdesk.storage import search as index

pytestmark = pytest.mark.benchmark

FUNCTION = ("de het een van en in op te dat die is voor met zijn niet aan er om ook als bij door over naar worden "  # noqa: SIM905
            "wordt kan heeft dit deze wij u ik zij hun nog wel geen meer tot uit zo al dan of maar omdat").split()
DOMAIN = ("minister staatssecretaris kabinet kamer motie wet wetsvoorstel regeling subsidie gemeente gemeenten "  # noqa: SIM905
          "provincie waterschap rijk overheid burgers financiering toezicht uitvoering begroting voorjaarsnota "
          "miljoen euro stikstof woningbouw huurwoningen zorg jeugdzorg onderwijs leraren politie defensie "
          "belasting toeslagen herstel asiel opvang energie klimaat netcongestie windenergie geïnformeerd "
          "coördinatie financiële reëel ideeën één privé inspectie rapport onderzoek evaluatie brief "
          "maatregelen afspraken akkoord overleg decentralisatie digitalisering privacy algoritmen gegevens "
          "beveiliging veiligheid natuur landbouw boeren visserij spoor wegen arbeidsmarkt pensioen uitkering "
          "armoede schulden bestaanszekerheid koopkracht").split()
SYL = ("ver be ge ont over onder in uit aan op af door mee toe stel leg zet houd werk raad wet plan zorg bouw "  # noqa: SIM905
       "beleid recht staat land water huis markt geld tijd kracht loon regel dienst ing heid lijk baar isch te "
       "er en").split()
QUESTIONS_PER_SET = 5


def _vocabulary(rng: random.Random, size: int = 30000) -> list[str]:
    words = FUNCTION + DOMAIN
    seen = set(words)
    while len(words) < size:
        w = "".join(rng.choice(SYL) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _generate(path: Path, paragraphs: int, seed: int = 42) -> list[str]:
    """A ``.jsonl`` archive: sets of 5 questions with 5 answers (Zipf-like Dutch-ish words)."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    cum, total = [], 0.0
    for r in range(len(vocab)):
        total += 1.0 / (r + 2.7)
        cum.append(total)
    sample: list[str] = []

    def para() -> str:
        words = rng.choices(vocab, cum_weights=cum, k=rng.randint(45, 75))
        words[0] = words[0].capitalize()
        return " ".join(words) + "."

    sets = paragraphs // (2 * QUESTIONS_PER_SET)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for i in range(sets):
            qs = [para() for _ in range(QUESTIONS_PER_SET)]
            if i % 97 == 0:
                sample.extend(qs[:2])
            record = QuestionSet(
                kenmerk=f"{2008 + i % 17}Z{i:06d}"[:10], subject=" ".join(qs[0].split()[:6]),
                members=[Member("Lid", "SP")],
                questions=[Question(n + 1, q) for n, q in enumerate(qs)],
                answers=[Answer([n + 1], para()) for n in range(QUESTIONS_PER_SET)],
            )
            fh.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
    tmp.replace(path)
    return sample


@pytest.fixture(scope="module")
def bench_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = os.environ.get("KVDESK_BENCH_DIR")
    folder = Path(env) if env else tmp_path_factory.mktemp("search-bench")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_search_speed_and_size(bench_dir: Path) -> None:
    paragraphs = int(os.environ.get("KVDESK_BENCH_PARAGRAPHS", "500000"))
    archive = bench_dir / f"archive-{paragraphs}.jsonl"
    data = bench_dir / f"data-{paragraphs}"
    results: dict[str, object] = {"paragraphs": paragraphs}
    if not archive.exists():
        started = time.perf_counter()
        _generate(archive, paragraphs)
        print(f"generated {archive} in {time.perf_counter() - started:.1f} s")
    ctx = Context.create(data)
    try:
        if ctx.repo.count_sets() == 0:
            started = time.perf_counter()
            imported = import_jsonl(ctx, archive, batch=2000)
            elapsed = time.perf_counter() - started
            results["import_sets"] = imported.question_count
            results["import_seconds"] = round(elapsed, 2)
            results["import_sets_per_second"] = round(imported.question_count / elapsed)
            started = time.perf_counter()
            index.optimize(ctx.db.engine)
            results["optimize_seconds"] = round(time.perf_counter() - started, 2)
            with ctx.db.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        assert ctx.db.path is not None
        size = ctx.db.path.stat().st_size
        results["db_mb"] = round(size / 1e6, 1)
        results["db_mb_per_100k_paragraphs"] = round(size / 1e6 / (paragraphs / 100_000), 1)

        rng = random.Random(7)
        stop = set(FUNCTION)
        with ctx.db.engine.connect() as conn:
            bodies = [r[0] for r in conn.execute(text(
                "SELECT text FROM question WHERE id % 997 = 0 UNION ALL SELECT text FROM answer WHERE id % 991 = 0"))]
        queries = []
        while len(queries) < 300:
            words = sorted({w.strip(".").lower() for w in rng.choice(bodies).split()} - stop)
            queries.append(" ".join(rng.sample(words, rng.choice((2, 3)))))

        bare_sql = [text(f"SELECT rowid, bm25({fts}) FROM {fts} WHERE {fts} MATCH :q ORDER BY rank LIMIT 20")
                    for fts in ("question_fts", "answer_fts")]
        searching.search(ctx, "minister kabinet")  # warm up: open connections, load pages
        bare, ours, hits = [], [], []
        with ctx.db.engine.connect() as conn:
            for q in queries:
                expr = index.fts5_expression(index.parse_query(q))
                started = time.perf_counter()
                for sql in bare_sql:
                    conn.execute(sql, {"q": expr}).all()
                bare.append((time.perf_counter() - started) * 1000)
        for q in queries:
            started = time.perf_counter()
            found = searching.search(ctx, q, limit=20)
            ours.append((time.perf_counter() - started) * 1000)
            hits.append(len(found))
        results["bare_fts5_bm25_ms"] = {"p50": round(_pct(bare, 50), 2), "p95": round(_pct(bare, 95), 2),
                                        "max": round(max(bare), 1)}
        results["search_top20_snippets_ms"] = {"p50": round(_pct(ours, 50), 2), "p95": round(_pct(ours, 95), 2),
                                               "max": round(max(ours), 1)}
        results["queries_with_20_hits"] = sum(h == 20 for h in hits)
        results["p95_ratio"] = round(_pct(ours, 95) / _pct(bare, 95), 2)

        with ctx.db.engine.connect() as conn:
            targets = [(r[0], r[1]) for r in conn.execute(text(
                "SELECT set_id, number FROM question WHERE id % 2503 = 0 LIMIT 100"))]
        sim = []
        for set_id, number in targets:
            started = time.perf_counter()
            searching.similar_questions(ctx, set_id, number)
            sim.append((time.perf_counter() - started) * 1000)
        results["similar_questions_ms"] = {"p50": round(_pct(sim, 50), 2), "p95": round(_pct(sim, 95), 2),
                                           "max": round(max(sim), 1), "mean": round(statistics.mean(sim), 2)}
    finally:
        ctx.close()
    out = bench_dir / f"search-bench-{paragraphs}.json"
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(json.dumps(results, indent=2))
    print(f"written to {out}")
