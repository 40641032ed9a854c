"""Search, similar questions, Citeer and Neem over, through the services the GUI and CLI share."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kvdesk.core import richtext
from kvdesk.core.model import Addressee, Answer, Member, Question, QuestionSet
from kvdesk.services import searching
from kvdesk.services.context import Context
from kvdesk.services.sets import UserError
from kvdesk.storage import archive as archive_store
from kvdesk.storage.repository import NotFound


def add(ctx: Context, kenmerk: str, questions: list[str], answers: dict[int, str] | None = None,
        origin: str = "archive") -> QuestionSet:
    qs = QuestionSet(
        kenmerk=kenmerk, submitted_on=dt.date(2024, 11, 20), subject=f"onderwerp {kenmerk}",
        members=[Member("Tseggai", "GroenLinks-PvdA")],
        addressees=[Addressee("minister van Justitie en Veiligheid", "minister", "Justitie en Veiligheid")],
        questions=[Question(i + 1, q) for i, q in enumerate(questions)],
        answers=[Answer([n], t) for n, t in (answers or {}).items()],
    )
    return ctx.repo.add_set(qs, origin=origin)


def test_search_returns_questions_and_answers_best_first(ctx: Context) -> None:
    add(ctx, "2024Z18891", ["Kent u het bericht over escortbureaus en vergunningverlening?"],
        {1: "Ja, de vergunningverlening aan escortbureaus is een taak van gemeenten."})
    add(ctx, "2024Z10000", ["Wat is de stand van de woningbouw?"])
    hits = searching.search(ctx, "vergunningverlening escortbureaus")
    assert {(h.kenmerk, h.kind) for h in hits} == {("2024Z18891", "question"), ("2024Z18891", "answer")}
    assert hits == sorted(hits, key=lambda h: -h.score)
    assert searching.search(ctx, '"') == []


def test_search_cli_json_follows_the_contract(ctx: Context) -> None:
    add(ctx, "2024Z18891", ["Kent u het bericht over geïnformeerde gemeenten?"], {1: "Ja, de gemeenten zijn geïnformeerd."})
    lines: list[str] = []
    assert searching.search_cli(ctx, "geinformeerd", limit=5, as_json=True, out=lines.append) == 0
    data = json.loads("\n".join(lines))
    assert len(data) == 1
    assert list(data[0])[:5] == ["kenmerk", "question", "kind", "snippet", "score"]
    assert data[0]["kenmerk"] == "2024Z18891" and data[0]["question"] == 1
    assert data[0]["kind"] == "answer" and "**geïnformeerd**" in data[0]["snippet"]
    with pytest.raises(UserError):
        searching.search_cli(ctx, ' - : ', limit=5, as_json=True, out=lines.append)


def test_kvdesk_search_command_line(data_dir: Path) -> None:
    ctx = Context.create(data_dir)
    add(ctx, "2024Z18891", ["Wat doet u tegen netcongestie op het platteland?"])
    ctx.close()
    run = subprocess.run([sys.executable, "-m", "kvdesk", "search", "netcongestie", "--json", "--limit", "3"],
                         capture_output=True, text=True, env=None, check=False)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)[0]["kenmerk"] == "2024Z18891"
    bad = subprocess.run([sys.executable, "-m", "kvdesk", "search", '"-:'], capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_similar_questions_leave_out_the_own_set(ctx: Context) -> None:
    own = add(ctx, "2025Z00001", ["Hoeveel asielzoekers verblijven in noodopvang in sporthallen?"], origin="draft")
    add(ctx, "2024Z00001", ["Hoeveel asielzoekers zitten in noodopvang in sporthallen en gymzalen?"],
        {1: "Op 1 november verbleven 2.400 asielzoekers in noodopvang."})
    rows = searching.similar_questions(ctx, own.id, 1)
    assert [r.kenmerk for r in rows] == ["2024Z00001"]
    assert rows[0].answer and "2.400" in rows[0].answer
    with pytest.raises(NotFound):
        searching.similar_questions(ctx, own.id, 9)


def test_citation_uses_the_aanhangsel_number_when_known(ctx: Context) -> None:
    known = add(ctx, "2024Z18891", ["Vraag."], {1: "Antwoord."})
    unknown = add(ctx, "2024Z18892", ["Vraag."], {1: "Antwoord."})
    archive_store.put_source(ctx.db, archive_store.ArchiveSource(
        set_id=known.id, source="tk-odata", vergaderjaar="2024-2025", aanhangsel="605"))
    assert searching.citation_for(ctx, known.id) == "Aanhangsel Handelingen II 2024/25, nr. 605"
    assert searching.citation_for(ctx, unknown.id) == "Kamervragen 2024Z18892"


def test_cite_adds_a_footnote_that_the_answer_format_reads(ctx: Context) -> None:
    earlier = add(ctx, "2024Z18891", ["Vraag."], {1: "Antwoord."})
    archive_store.put_source(ctx.db, archive_store.ArchiveSource(
        set_id=earlier.id, source="tk-odata", vergaderjaar="2024-2025", aanhangsel="605"))
    draft = add(ctx, "2025Z00002", ["Een nieuwe vraag.", "Nog een."], origin="draft")
    ctx.repo.save_answer(draft.id, [1], "Zie eerdere beantwoording.[^1]\n\n[^1]: Kamerstuk 36 410, nr. 31\n",
                         author="test")
    answer = searching.cite(ctx, draft.id, [1], earlier.id)
    doc = richtext.parse(answer.text)
    assert richtext.footnote_labels(doc) == ["1", "2"]
    assert "[^2]: Aanhangsel Handelingen II 2024/25, nr. 605" in answer.text
    assert "[^1]: Kamerstuk 36 410, nr. 31" in answer.text
    assert ctx.repo.revisions(draft.id, [1])[-1].note == "verwijzing naar 2024Z18891"


def test_take_over_copies_the_earlier_answer_and_notes_it_in_the_history(ctx: Context) -> None:
    earlier = add(ctx, "2024Z18891", ["Vraag."], {1: "Het kabinet werkt aan een regeling.[^1]\n\n[^1]: Brief van 3 mei\n"})
    draft = add(ctx, "2025Z00003", ["Nieuwe vraag.", "Tweede."], origin="draft")
    answer = searching.take_over(ctx, draft.id, [1], earlier.id, 1)
    assert answer.text.startswith("Het kabinet werkt aan een regeling.")
    history = ctx.repo.revisions(draft.id, [1])
    assert history[-1].note == "overgenomen uit 2024Z18891"
    # A second copy into a draft with text keeps that text and renumbers the clashing footnote.
    again = searching.take_over(ctx, draft.id, [1], earlier.id, 1)
    assert again.text.count("Het kabinet werkt aan een regeling.") == 2
    assert richtext.footnote_labels(richtext.parse(again.text)) == ["1", "2"]
    with pytest.raises(NotFound):
        searching.take_over(ctx, draft.id, [2], draft.id, 2)


def test_snippet_html_escapes_text_and_marks_hits() -> None:
    assert searching.snippet_html("a <b> \x02kop\x03 & c") == "a &lt;b&gt; <b>kop</b> &amp; c"
