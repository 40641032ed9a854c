"""The full-text index: in step with every write, forgiving with what users type, ranked."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from kvdesk.core.model import Addressee, Answer, Member, Question, QuestionSet
from kvdesk.storage import search
from kvdesk.storage.database import Database
from kvdesk.storage.repository import Repository
from kvdesk.storage.tables import Base


def open_store(path: Path) -> tuple[Database, Repository]:
    """A real SQLite file with the current schema and the search index."""
    db = Database(f"sqlite:///{path}")
    Base.metadata.create_all(db.engine)
    search.ensure_search_index(db.engine)
    return db, Repository(db)


@pytest.fixture
def store(tmp_path: Path):
    db, repo = open_store(tmp_path / "kvdesk.sqlite3")
    yield db, repo
    db.close()


def make_set(kenmerk: str, questions: list[str], answers: dict[int, str] | None = None, *,
             party: str = "VVD", member: str = "Jansen", ministry: str = "Justitie en Veiligheid",
             on: dt.date = dt.date(2024, 5, 1)) -> QuestionSet:
    return QuestionSet(
        kenmerk=kenmerk, submitted_on=on, subject=f"onderwerp {kenmerk}",
        members=[Member(member, party)],
        addressees=[Addressee(f"minister van {ministry}", "minister", ministry)],
        questions=[Question(i + 1, q) for i, q in enumerate(questions)],
        answers=[Answer([n], t) for n, t in (answers or {}).items()],
    )


def find(db: Database, user_text: str, **kwargs) -> list[search.SearchRow]:
    with db.engine.connect() as conn:
        return search.search(conn, search.parse_query(user_text), **kwargs)


def test_diacritics_and_case_do_not_matter(store) -> None:
    db, repo = store
    repo.add_set(make_set("2024Z00001", ["Bent u geïnformeerd over de COÖRDINATIE van de zorg?"]))
    for typed in ("geinformeerd", "GEÏNFORMEERD", "coordinatie", "coördinatie"):
        hits = find(db, typed)
        assert [h.kenmerk for h in hits] == ["2024Z00001"], typed
    snippet = find(db, "coordinatie")[0].snippet
    assert f"{search.MARK_START}COÖRDINATIE{search.MARK_END}" in snippet


def test_index_follows_answer_edits_set_updates_and_deletes(store) -> None:
    db, repo = store
    stored = repo.add_set(make_set("2024Z00002", ["Wat is de stand van de woningbouw?"], {1: "Er zijn veel vergunningen."}))
    assert find(db, "vergunningen")
    repo.save_answer(stored.id, [1], "De bouw loopt achter op schema.", author="test")
    assert find(db, "vergunningen") == []
    assert [h.kind for h in find(db, "schema")] == ["answer"]
    changed = make_set("2024Z00002", ["Wat is de stand van de huurtoeslag?"])
    repo.update_set(stored.id, changed, author="test")
    assert find(db, "woningbouw") == []
    assert [h.kind for h in find(db, "huurtoeslag")] == ["question"]
    repo.delete_set(stored.id)
    assert find(db, "huurtoeslag") == [] and find(db, "schema") == []
    with db.engine.connect() as conn:
        search.integrity_check(conn)
        assert search.index_counts(conn) == {"question": 0, "answer": 0}


def test_prefix_phrase_and_exclusion(store) -> None:
    db, repo = store
    repo.add_set(make_set("2024Z00003", ["Hoe staat het met de financiering van de jeugdzorg?"]))
    repo.add_set(make_set("2024Z00004", ["Wat kost de jeugdzorg de gemeenten?"]))
    assert {h.kenmerk for h in find(db, "financ*")} == {"2024Z00003"}
    assert {h.kenmerk for h in find(db, '"kost de jeugdzorg"')} == {"2024Z00004"}
    assert {h.kenmerk for h in find(db, "jeugdzorg -gemeenten")} == {"2024Z00003"}
    assert {h.kenmerk for h in find(db, "jeugd", )} == set()
    with db.engine.connect() as conn:
        typing = search.search(conn, search.parse_query("jeugd", prefix_last=True))
    assert {h.kenmerk for h in typing} == {"2024Z00003", "2024Z00004"}


@pytest.mark.parametrize("typed", ['"', '-', ':', 'NOT', 'a OR', '"open', 'x:y -"z', '(', ')*', '^', 'NEAR(', '***'])
def test_query_syntax_characters_never_raise(store, typed: str) -> None:
    db, repo = store
    repo.add_set(make_set("2024Z00005", ["Een vraag over x en y en z en open data."]))
    find(db, typed)  # no exception is the point


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_any_typed_text_is_a_valid_query(store, typed: str) -> None:
    db, _repo = store
    find(db, typed)
    with db.engine.connect() as conn:
        search.similar(conn, typed)


def test_ranking_prefers_the_closer_match_and_scores_descend(store) -> None:
    db, repo = store
    repo.add_set(make_set("2024Z00010", ["Wat vindt u van de netcongestie en netcongestie bij netbeheerders?"]))
    repo.add_set(make_set("2024Z00011", ["Wat vindt u van de windenergie op zee, nu er netcongestie is in het hele land en ook elders?"]))
    hits = find(db, "netcongestie")
    assert [h.kenmerk for h in hits] == ["2024Z00010", "2024Z00011"]
    assert hits[0].score > hits[1].score > 0


def test_filters_narrow_by_year_ministry_member_party_and_answered(store) -> None:
    db, repo = store
    repo.add_set(make_set("2023Z00001", ["Vraag over stikstof."], {1: "Antwoord over stikstof."},
                          party="CDA", member="Boer", ministry="Landbouw", on=dt.date(2023, 3, 1)))
    repo.add_set(make_set("2024Z00020", ["Nog een vraag over stikstof."], party="D66", member="Smit",
                          ministry="Infrastructuur en Waterstaat", on=dt.date(2024, 3, 1)))
    F = search.SearchFilters
    assert {h.kenmerk for h in find(db, "stikstof", filters=F(year=2023))} == {"2023Z00001"}
    assert {h.kenmerk for h in find(db, "stikstof", filters=F(ministry="waterstaat"))} == {"2024Z00020"}
    assert {h.kenmerk for h in find(db, "stikstof", filters=F(member="boer"))} == {"2023Z00001"}
    assert {h.kenmerk for h in find(db, "stikstof", filters=F(party="d66"))} == {"2024Z00020"}
    answered = find(db, "stikstof", filters=F(answered=True))
    assert {(h.kenmerk, h.kind) for h in answered} == {("2023Z00001", "question"), ("2023Z00001", "answer")}
    open_ = find(db, "stikstof", filters=F(answered=False))
    assert {(h.kenmerk, h.kind) for h in open_} == {("2024Z00020", "question")}


def test_bulk_add_indexes_new_sets_and_skips_known_kenmerken(store) -> None:
    db, repo = store
    repo.add_set(make_set("2024Z00030", ["Bestaande vraag over asielopvang."]))
    batch = [make_set(f"2024Z1{i:04d}", [f"Vraag {i} over asielopvang.", "Tweede vraag."], {1: f"Antwoord nummer{i}."})
             for i in range(300)]
    batch.append(make_set("2024Z00030", ["Dubbel."]))
    assert repo.add_sets_bulk(batch) == 300
    assert repo.add_sets_bulk(batch) == 0
    assert len(find(db, "asielopvang", limit=1000)) == 301
    assert [h.kenmerk for h in find(db, "nummer17")] == ["2024Z10017"]
    with db.engine.connect() as conn:
        search.integrity_check(conn)
        triggers = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'"))}
    assert set(search.TRIGGER_NAMES) <= triggers
    # After the bulk load, ordinary edits are indexed again by the triggers.
    set_id = repo.resolve("2024Z10005")
    repo.save_answer(set_id, [1], "Nieuwe tekst over kinderopvang.", author="test")
    assert [h.kenmerk for h in find(db, "kinderopvang")] == ["2024Z10005"]


def test_failed_bulk_load_rolls_back_and_keeps_the_triggers(store) -> None:
    db, repo = store
    with pytest.raises(RuntimeError), db.engine.begin() as conn:
        watermark = search.begin_bulk_load(conn)
        assert watermark is not None
        raise RuntimeError("disk full")
    with db.engine.connect() as conn:
        triggers = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'"))}
    assert set(search.TRIGGER_NAMES) <= triggers
    repo.add_set(make_set("2024Z00040", ["Vraag over defensie."]))
    assert find(db, "defensie")


def test_index_is_built_for_text_stored_before_it_existed(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    Base.metadata.create_all(db.engine)
    Repository(db).add_set(make_set("2022Z00001", ["Een vraag over pensioenen."]))
    search.forget_engine(db.engine)
    search.ensure_search_index(db.engine)
    assert [h.kenmerk for h in find(db, "pensioenen")] == ["2022Z00001"]
    db.close()


def test_similar_questions_use_distinctive_words_and_bring_the_answer(store) -> None:
    db, repo = store
    own = repo.add_set(make_set("2025Z00001", ["Hoeveel laadpalen voor elektrische vrachtwagens zijn er bij distributiecentra?"]))
    repo.add_set(make_set("2024Z00050", ["Hoeveel laadpalen voor vrachtwagens staan er bij distributiecentra?"],
                          {1: "Er staan 120 laadpalen."}))
    repo.add_set(make_set("2024Z00051", ["Hoeveel laadpalen zijn er in de gemeente?"]))
    repo.add_set(make_set("2024Z00052", ["Wat vindt u van het onderwijs?"]))
    with db.engine.connect() as conn:
        rows = search.similar(conn, own.questions[0].text, exclude_set=own.id)
    assert [r.kenmerk for r in rows][:2] == ["2024Z00050", "2024Z00051"]
    assert rows[0].answer == "Er staan 120 laadpalen." and rows[0].answer_questions == [1]
    assert all(r.set_id != own.id for r in rows)


def test_parse_query_understands_quotes_prefix_and_minus() -> None:
    q = search.parse_query('"open data" jeugd* -"vaste lasten" e-mail')
    assert [(t.words, t.prefix, t.negated) for t in q.terms] == [
        (("open", "data"), False, False), (("jeugd",), True, False),
        (("vaste", "lasten"), False, True), (("e", "mail"), False, False),
    ]
    assert search.fts5_expression(q) == '("open data" "jeugd"* "e mail") NOT "vaste lasten"'
    assert not search.parse_query("-alleen -uitsluiten")
    assert not search.parse_query(' " : - ')


def test_similar_leaves_out_common_words_when_rarer_ones_find_enough(store) -> None:
    db, repo = store
    repo.add_sets_bulk([make_set(f"2023Z{i:05d}", [f"Wat doet de gemeente aan onderwerp{i}?"]) for i in range(30)])
    repo.add_set(make_set("2024Z00060", ["Hoeveel laadpalen plaatst de gemeente?"], {1: "Twaalf laadpalen."}))
    repo.add_set(make_set("2024Z00061", ["Waar komen de laadpalen?"]))
    body = "Hoeveel laadpalen heeft de gemeente al geplaatst?"
    with db.engine.connect() as conn:
        narrow = search.similar(conn, body, limit=10, max_candidates=5)
        wide = search.similar(conn, body, limit=10, max_candidates=1000)
    assert {r.kenmerk for r in narrow} == {"2024Z00060", "2024Z00061"}
    assert {r.kenmerk: r.answer for r in narrow}["2024Z00060"] == "Twaalf laadpalen."
    assert all(search.MARK_START + "laadpalen" + search.MARK_END in r.snippet for r in narrow)
    # With room for the common word too, questions sharing only that one fill the list, below the rare word.
    assert len(wide) == 10 and {r.kenmerk for r in wide[:2]} == {"2024Z00060", "2024Z00061"}


def test_word_frequencies_are_cached_and_renewed_after_a_bulk_load(store) -> None:
    db, repo = store
    repo.add_set(make_set("2024Z00070", ["Een vraag over zonnepanelen."]))
    with db.engine.connect() as conn:
        assert search.term_documents(conn, ["zonnepanelen", "nergens"]) == {"zonnepanelen": 1, "nergens": 0}
    repo.add_sets_bulk([make_set(f"2023Z{i:05d}", ["Meer zonnepanelen?"]) for i in range(3)])
    with db.engine.connect() as conn:
        assert search.term_documents(conn, ["zonnepanelen"]) == {"zonnepanelen": 4}


@pytest.mark.parametrize("typed, expected", [
    ("geinformeerd", "De minister heeft de Kamer [geïnformeerd] over de…"),
    ("STIKSTOF*", "…van het [stikstofbeleid] in Noord-Brabant; zie de…"),
    ('"de coordinatie"', "…geïnformeerd over [de coördinatie] van het stikstofbeleid in…"),
    ("brief maart", "…Noord-Brabant; zie de [brief] van 12 [maart]."),
    ("niets", "De minister heeft de Kamer geïnformeerd over de…"),
])
def test_snippet_marks_words_phrases_and_prefixes_like_the_index(typed: str, expected: str) -> None:
    body = "De minister heeft de Kamer geïnformeerd over de coördinatie van het stikstofbeleid in Noord-Brabant; " \
           "zie de brief van 12 maart."
    made = search.make_snippet(body, search.parse_query(typed), 8)
    assert made.replace(search.MARK_START, "[").replace(search.MARK_END, "]") == expected


def test_search_snippets_mark_the_hit_in_every_result(store) -> None:
    db, repo = store
    repo.add_sets_bulk([make_set(f"2023Z{i:05d}", [f"Vraag {i}: " + "lange inleiding " * 20 + "over windparken op zee?"],
                                 {1: "Windparken op zee komen er."}) for i in range(30)])
    hits = find(db, "windparken zee", limit=60)
    assert len(hits) == 60 and {h.kind for h in hits} == {"question", "answer"}
    for h in hits:
        assert search.MARK_START + "windparken" + search.MARK_END in h.snippet.lower()
        assert h.snippet.startswith(search.ELLIPSIS) == (h.kind == "question")


def test_both_indexes_ranked_at_once_give_what_one_after_the_other_gives(store, monkeypatch) -> None:
    db, repo = store
    repo.add_sets_bulk([make_set(f"2024Z2{i:04d}", [f"Vraag {i} over de asielopvang in regio {i % 7}.", "Waarom?"],
                                 {1: f"Antwoord over asielopvang {i % 5} en opvang.", 2: "Zie vraag 1."})
                        for i in range(200)])
    with db.engine.connect() as conn:
        assert search._own_connections(conn)  # a file database: the answers are ranked on a second connection
    filters = search.SearchFilters(party="vvd")
    at_once = [find(db, q, limit=30, filters=f) for q in ("asielopvang", "opvang regio", "asiel*") for f in (None, filters)]
    monkeypatch.setattr(search, "_own_connections", lambda conn: False)
    one_by_one = [find(db, q, limit=30, filters=f) for q in ("asielopvang", "opvang regio", "asiel*")
                  for f in (None, filters)]
    assert at_once == one_by_one
    assert all(len(hits) == 30 for hits in at_once[:2])
    assert {h.kind for h in find(db, "asielopvang", limit=500)} == {"question", "answer"}
