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
