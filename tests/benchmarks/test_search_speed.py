"""Search speed, bulk import rate and size on a generated archive of 500,000 paragraphs.

Run with ``make bench`` (or ``pytest -m benchmark -s tests/benchmarks/test_search_speed.py``).
It measures and prints; the numbers go to docs/BENCHMARKS.md ("Search"). Set
``KVDESK_BENCH_DIR`` to keep the generated archive and database between runs,
``KVDESK_BENCH_PARAGRAPHS`` for another size (default 500000), ``KVDESK_BENCH_IMPORTS`` for the
number of imports, each into an empty database (default 3; each is reported, and their median)
and ``KVDESK_BENCH_ROUNDS`` for the number of timed rounds over the same queries (default 3;
the medians of the rounds' p50 and p95 are reported, because the machine may be shared with
other work).

The archive is shaped like the real one: a set has 1–20 questions (8 on average) of about
40 words, 9 in 10 sets are answered, an answer covers one question or, in 1 of 7 cases, two
or three ("Antwoord 2 en 3"), and has about 80 words; 1–3 members, 1–2 addressees, 0–3
footnotes with a link.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import statistics
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

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
PARTIES = ("VVD", "PVV", "NSC", "BBB", "D66", "CDA", "SP", "GroenLinks-PvdA", "ChristenUnie", "SGP", "PvdD", "JA21")
PORTFOLIOS = ("Financiën", "Justitie en Veiligheid", "Volksgezondheid, Welzijn en Sport", "Infrastructuur en Waterstaat",
              "Onderwijs, Cultuur en Wetenschap", "Sociale Zaken en Werkgelegenheid", "Defensie",
              "Binnenlandse Zaken en Koninkrijksrelaties", "Landbouw, Visserij, Voedselzekerheid en Natuur")


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


def _record(rng: random.Random, i: int, para: Any) -> tuple[dict[str, Any], int]:
    """One ``kvdesk.questionset/1`` record shaped like a real set, and its number of paragraphs."""
    n_questions = max(1, min(20, round(rng.gauss(8, 3.5))))
    n_notes = rng.choice((0, 0, 1, 1, 2, 3))
    questions = []
    for n in range(1, n_questions + 1):
        cites = [k for k in range(1, n_notes + 1) if n == k]
        questions.append({"number": n, "text": para(15, 65).rstrip(".") + "?", "footnotes": cites})
    answers = []
    if rng.random() < 0.9:
        n = 1
        while n <= n_questions:
            covered = [n]
            if rng.random() < 1 / 7:
                covered += [k for k in range(n + 1, n + rng.randint(2, 3)) if k <= n_questions]
            answers.append({"questions": covered, "text": para(20, 140)})
            n = covered[-1] + 1
    members = [{"name": f"Lid{rng.randint(1, 400)}", "party": rng.choice(PARTIES)} for _ in range(rng.randint(1, 3))]
    portfolio = rng.choice(PORTFOLIOS)
    addressees = [{"title": f"minister van {portfolio}", "role": "minister", "portfolio": portfolio}]
    if rng.random() < 0.3:
        other = rng.choice(PORTFOLIOS)
        addressees.append({"title": f"staatssecretaris van {other}", "role": "staatssecretaris", "portfolio": other})
    subject = " ".join(questions[0]["text"].split()[:8])
    names = " en ".join(m["name"] for m in members)
    year = 2008 + i % 17
    record = {
        "schema": "kvdesk.questionset/1", "kenmerk": f"{year}Z{i:05d}", "chamber": "TK", "kind": "schriftelijk",
        "submitted_on": (dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))).isoformat(),
        "header": f"Vragen van {names} aan de {addressees[0]['title']} over {subject}",
        "members": members, "addressees": addressees, "subject": subject, "questions": questions,
        "footnotes": [{"number": k, "text": f"NOS, {rng.randint(1, 28)} maart {year}, artikel {k} "
                       f"(https://nos.nl/artikel/{rng.randint(10**6, 10**7)})",
                       "url": f"https://nos.nl/artikel/{rng.randint(10**6, 10**7)}"} for k in range(1, n_notes + 1)],
        "answers": answers, "answerer": addressees[0]["title"] if answers else None,
        "toelichting": None, "warnings": [],
    }
    return record, n_questions + len(answers)


def generate_archive(path: Path, paragraphs: int, seed: int = 42) -> dict[str, float]:
    """Write a ``.jsonl`` archive of about ``paragraphs`` question and answer paragraphs; returns its shape."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    cum, total = [], 0.0
    for r in range(len(vocab)):
        total += 1.0 / (r + 2.7)
        cum.append(total)

    def para(low: int, high: int) -> str:
        words = rng.choices(vocab, cum_weights=cum, k=rng.randint(low, high))
        words[0] = words[0].capitalize()
        return " ".join(words) + "."

    made = sets = questions = answers = 0
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        while made < paragraphs:
            record, count = _record(rng, sets, para)
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            made += count
            sets += 1
            questions += len(record["questions"])
            answers += len(record["answers"])
    tmp.replace(path)
    return {"sets": sets, "paragraphs": made, "questions_per_set": round(questions / sets, 2),
            "answers_per_set": round(answers / sets, 2), "mb": round(path.stat().st_size / 1e6, 1)}


@pytest.fixture(scope="module")
def bench_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = os.environ.get("KVDESK_BENCH_DIR")
    folder = Path(env) if env else tmp_path_factory.mktemp("search-bench")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _timings(values: list[list[float]]) -> dict[str, float]:
    """Median over rounds of each round's p50 and p95, and the overall max."""
    return {"p50": round(statistics.median(_pct(v, 50) for v in values), 2),
            "p95": round(statistics.median(_pct(v, 95) for v in values), 2),
            "max": round(max(max(v) for v in values), 1)}


def _peak_rss_mb() -> int | None:
    """The process's peak resident memory so far (POSIX only)."""
    try:
        import resource
    except ImportError:
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def _children_cpu() -> float:
    """CPU seconds of the ended child processes waited for (the index builders), POSIX only."""
    try:
        import resource
    except ImportError:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure_import(ctx: Context, archive: Path) -> dict[str, Any]:
    """Import ``archive`` into the (empty) database of ``ctx``: wall and CPU time, then optimize.

    CPU time is that of all the import's threads (reading, storing, the checkpoints) and of the
    index builder processes; the machine's load average is taken before and after, since on a
    shared machine the wall time mostly says how much CPU the other processes left over.
    """
    load = os.getloadavg()[0]
    wall, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    imported = import_jsonl(ctx, archive)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    children = _children_cpu() - children
    cpu += children
    load_after = os.getloadavg()[0]
    started = time.perf_counter()
    index.optimize(ctx.db.engine)
    optimized = time.perf_counter() - started
    with ctx.db.engine.connect() as conn:
        # What the index was left as: one segment per index means optimize had nothing to do.
        segments = {fts: conn.exec_driver_sql(f"SELECT count(DISTINCT segid) FROM {fts}_idx").scalar()
                    for _content, fts in index.INDEXED}
        conn.exec_driver_sql(f"INSERT INTO {index.INDEXED[0][1]}({index.INDEXED[0][1]}, rank) "
                             "VALUES ('integrity-check', 1)")
    return {"import_sets": imported.question_count, "import_seconds": round(wall, 2),
            "import_sets_per_second": round(imported.question_count / wall),
            "import_cpu_seconds": round(cpu, 2), "import_cpu_seconds_index_builders": round(children, 2),
            "import_cpu_sets_per_second": round(imported.question_count / cpu),
            "import_load_average": round(load, 1), "import_load_average_after": round(load_after, 1),
            "import_peak_rss_mb": _peak_rss_mb(),
            "index_segments": segments, "optimize_seconds": round(optimized, 2)}


def test_search_speed_and_size(bench_dir: Path) -> None:
    paragraphs = int(os.environ.get("KVDESK_BENCH_PARAGRAPHS", "500000"))
    rounds = int(os.environ.get("KVDESK_BENCH_ROUNDS", "3"))
    archive = bench_dir / f"archive-{paragraphs}.jsonl"
    data = bench_dir / f"data-{paragraphs}"
    results: dict[str, Any] = {"paragraphs": paragraphs}
    shape_file = archive.with_suffix(".shape.json")
    if not archive.exists():
        started = time.perf_counter()
        shape_file.write_text(json.dumps(generate_archive(archive, paragraphs)), encoding="utf-8")
        print(f"generated {archive} in {time.perf_counter() - started:.1f} s")
    results["archive"] = json.loads(shape_file.read_text(encoding="utf-8")) if shape_file.exists() else None
    ctx = Context.create(data)
    try:
        if ctx.repo.count_sets() == 0:
            # Several imports, each into an empty database (the last one is searched below):
            # on a shared machine one run says little.
            runs = []
            for i in range(int(os.environ.get("KVDESK_BENCH_IMPORTS", "3")) - 1):
                scratch = bench_dir / f"data-{paragraphs}-import-{i}"
                shutil.rmtree(scratch, ignore_errors=True)
                other = Context.create(scratch)
                try:
                    other.repo.count_sets()
                    runs.append(measure_import(other, archive))
                finally:
                    other.close()
                    shutil.rmtree(scratch, ignore_errors=True)
            runs.append(measure_import(ctx, archive))
            results["imports"] = runs
            results["import_sets_per_second_median"] = statistics.median(r["import_sets_per_second"] for r in runs)
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
            targets = [(r[0], r[1]) for r in conn.execute(text(
                "SELECT set_id, number FROM question WHERE id % 2503 = 0 LIMIT 100"))]
        queries = []
        while len(queries) < 300:
            words = sorted({w.strip(".?").lower() for w in rng.choice(bodies).split()} - stop)
            queries.append(" ".join(rng.sample(words, min(len(words), rng.choice((2, 3))))))

        # Two bare baselines, the index alone, nothing else: FTS5's ORDER BY rank (as in FTS5's
        # documentation) and ORDER BY bm25() (faster here, and what kvdesk ranks with).
        bare_sql = {
            "rank": [text(f"SELECT rowid, bm25({f}) FROM {f} WHERE {f} MATCH :q ORDER BY rank LIMIT 20")
                     for f in ("question_fts", "answer_fts")],
            "bm25": [text(f"SELECT rowid, bm25({f}) AS s FROM {f} WHERE {f} MATCH :q ORDER BY s LIMIT 20")
                     for f in ("question_fts", "answer_fts")],
        }
        searching.search(ctx, "minister kabinet")  # warm up: open connections, load pages
        bare_rounds: dict[str, list[list[float]]] = {"rank": [], "bm25": []}
        our_rounds, sim_rounds, loads = [], [], []
        hits: list[int] = []
        for _ in range(rounds):
            loads.append(os.getloadavg()[0])
            bare: dict[str, list[float]] = {"rank": [], "bm25": []}
            ours, sim = [], []
            # Interleaved per query, so that a burst of load elsewhere hits all alike.
            with ctx.db.engine.connect() as conn:
                for q in queries:
                    expr = index.fts5_expression(index.parse_query(q))
                    for name, sqls in bare_sql.items():
                        started = time.perf_counter()
                        for sql in sqls:
                            conn.execute(sql, {"q": expr}).all()
                        bare[name].append((time.perf_counter() - started) * 1000)
                    started = time.perf_counter()
                    found = searching.search(ctx, q, limit=20)
                    ours.append((time.perf_counter() - started) * 1000)
                    hits.append(len(found))
            # Each round starts without cached word frequencies, like a freshly started app.
            index.forget_term_statistics(ctx.db.engine)
            for set_id, number in targets:
                started = time.perf_counter()
                searching.similar_questions(ctx, set_id, number)
                sim.append((time.perf_counter() - started) * 1000)
            for name, values in bare.items():
                bare_rounds[name].append(values)
            our_rounds.append(ours)
            sim_rounds.append(sim)
        results["rounds"] = rounds
        results["search_load_average"] = [round(v, 1) for v in loads]
        results["bare_fts5_order_by_rank_ms"] = _timings(bare_rounds["rank"])
        results["bare_fts5_order_by_bm25_ms"] = _timings(bare_rounds["bm25"])
        results["search_top20_snippets_ms"] = _timings(our_rounds)
        for name in ("rank", "bm25"):
            results[f"p95_ratio_to_{name}"] = round(
                results["search_top20_snippets_ms"]["p95"] / results[f"bare_fts5_order_by_{name}_ms"]["p95"], 2)
        results["queries_with_20_hits"] = sum(h == 20 for h in hits[: len(queries)])
        results["similar_questions_ms"] = _timings(sim_rounds)
    finally:
        ctx.close()
    out = bench_dir / f"search-bench-{paragraphs}.json"
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(json.dumps(results, indent=2))
    print(f"written to {out}")
