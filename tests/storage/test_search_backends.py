"""The same search on SQLite and on PostgreSQL (a temporary cluster), through the migrations."""
from __future__ import annotations

from sqlalchemy import text

from kvdesk.core.model import Answer, Member, Question, QuestionSet
from kvdesk.storage import search
from kvdesk.storage.database import Database
from kvdesk.storage.repository import Repository


def test_search_similar_and_bulk_add_on_every_backend(database_url: str) -> None:
    db = Database.open(database_url)
    try:
        repo = Repository(db)
        stored = repo.add_set(QuestionSet(kenmerk="2024Z00001", members=[Member("Boer", "CDA")], questions=[
            Question(1, "Hoeveel laadpalen staan er bij distributiecentra voor vrachtwagens?")],
            answers=[Answer([1], "Er staan 120 laadpalen bij distributiecentra.")]))
        added = repo.add_sets_bulk([QuestionSet(kenmerk=f"2023Z{i:05d}", questions=[
            Question(1, f"Vraag {i} over laadpalen voor vrachtwagens bij distributiecentra."),
            Question(2, "Een andere vraag over onderwijs.")], answers=[Answer([1, 2], f"Antwoord {i} over laadpalen.")])
            for i in range(50)])
        assert added == 50
        with db.engine.connect() as conn:
            hits = search.search(conn, search.parse_query('laadpalen "vrachtwagens" -onderwijs'), limit=5)
            assert len(hits) == 5 and hits == sorted(hits, key=lambda h: -h.score)
            assert all(search.MARK_START in h.snippet for h in hits)
            party = search.search(conn, search.parse_query("laadpalen"), filters=search.SearchFilters(party="cda"))
            assert {h.kenmerk for h in party} == {"2024Z00001"}
            similar = search.similar(conn, stored.questions[0].text, exclude_set=stored.id, limit=3)
            assert len(similar) == 3 and all(r.kenmerk != "2024Z00001" for r in similar)
            assert similar[0].answer and "laadpalen" in similar[0].answer
        repo.save_answer(stored.id, [1], "Geen idee.", author="test")
        with db.engine.connect() as conn:
            after = search.search(conn, search.parse_query("120"), limit=5)
            assert after == []
            assert conn.execute(text("SELECT count(*) FROM question")).scalar() == 101
    finally:
        db.close()


def test_diacritics_are_folded_on_every_backend(database_url: str) -> None:
    """`geinformeerd` finds `geïnformeerd` on SQLite (FTS5) and on PostgreSQL (unaccent)."""
    db = Database.open(database_url)
    try:
        repo = Repository(db)
        stored = repo.add_set(QuestionSet(kenmerk="2024Z00009", questions=[
            Question(1, "Bent u geïnformeerd over de COÖRDINATIE van de zorg in Friesland?")],
            answers=[Answer([1], "De coördinatie ligt bij de regio.")]))
        with db.engine.connect() as conn:
            for typed in ("geinformeerd", "geïnformeerd", "coordinatie", "COÖRDINATIE"):
                hits = search.search(conn, search.parse_query(typed))
                assert {h.kenmerk for h in hits} == {"2024Z00009"}, typed
            snippet = search.search(conn, search.parse_query("coordinatie"), kinds=("question",))[0].snippet
            assert f"{search.MARK_START}COÖRDINATIE{search.MARK_END}" in snippet
            similar = search.similar(conn, "Wat weet u van de coordinatie van de zorg?", exclude_set=None, limit=3)
            assert [r.set_id for r in similar] == [stored.id]
            if conn.dialect.name == "postgresql":
                defs = conn.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname LIKE '%_fulltext'")).scalars()
                assert all("'kvdesk_dutch'::regconfig" in d for d in defs)
    finally:
        db.close()


def test_an_older_postgresql_index_is_remade_with_diacritics_folded(database_url: str) -> None:
    """A database indexed with the plain Dutch configuration (before 0003) gets folding indexes."""
    if not database_url.startswith("postgresql"):
        return  # SQLite folded diacritics from the start
    db = Database.open(database_url)
    try:
        with db.engine.begin() as conn:
            for content in ("question", "answer"):
                conn.execute(text(f"DROP INDEX ix_{content}_fulltext"))
                conn.execute(text(f"CREATE INDEX ix_{content}_fulltext ON {content} "
                                  "USING gin (to_tsvector('dutch', text))"))
            search.create_search_index(conn)
            defs = list(conn.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname LIKE '%_fulltext'"))
                        .scalars())
        assert len(defs) == 2 and all("'kvdesk_dutch'::regconfig" in d for d in defs)
    finally:
        db.close()
