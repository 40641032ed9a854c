"""The fast way from an archive line to rows gives what the careful way gives, or steps aside."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kvdesk.core.model import Addressee, Answer, Footnote, Member, Question, QuestionSet, SchemaError
from kvdesk.services.jsonl import JsonlReader
from kvdesk.services.sets import UserError, drop_repeated_questions
from kvdesk.storage.set_rows import BatchRows, rows_from_json, set_rows

# Values that are wrong somewhere, or right only in some places.
ODD = st.sampled_from([None, "", "tekst", 0, 1, 7, True, False, 1.0, 2.5, [], [1], ["a"], {}, {"a": 1}, "2024-02-30",
                       "20240305", "2024-03-05", "TK", "EK", "tk", "mondeling", "schriftelijk", "kvdesk.questionset/2"])


def record(fields: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=fields)


TEXT = st.text(max_size=12)
NUMBER = st.integers(min_value=-2, max_value=6)
MEMBER = record({"name": TEXT, "party": st.none() | TEXT})
ADDRESSEE = record({"title": TEXT, "role": st.none() | TEXT, "portfolio": st.none() | TEXT})
QUESTION = record({"number": NUMBER, "text": TEXT, "footnotes": st.lists(NUMBER, max_size=3)})
FOOTNOTE = record({"number": NUMBER, "text": TEXT, "url": st.none() | TEXT})
ANSWER = record({"questions": st.lists(NUMBER, max_size=3), "text": TEXT})
GOOD = st.fixed_dictionaries({
    "schema": st.just("kvdesk.questionset/1"),
    "questions": st.lists(st.fixed_dictionaries({"number": NUMBER, "text": TEXT}), max_size=4),
}, optional={
    "kenmerk": st.none() | st.just("2024Z01234"),
    "chamber": st.sampled_from(["TK", "EK", None]),
    "kind": st.sampled_from(["schriftelijk", "mondeling", "", None]),
    "submitted_on": st.none() | st.dates().map(dt.date.isoformat),
    "header": st.none() | TEXT,
    "subject": st.none() | TEXT,
    "answerer": st.none() | TEXT,
    "toelichting": st.none() | TEXT,
    "warnings": st.lists(TEXT, max_size=2),
    "members": st.lists(MEMBER, max_size=3),
    "addressees": st.lists(ADDRESSEE, max_size=2),
    "footnotes": st.lists(FOOTNOTE, max_size=2),
    "answers": st.lists(ANSWER, max_size=3),
})


def places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key and list index in a record, as paths from its top."""
    found = []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, inner in items:
        found.append((*path, key))
        found.extend(places(inner, (*path, key)))
    return found


@st.composite
def records(draw: st.DrawFn) -> Any:
    """A good record with up to two places made odd (a wrong value, or the key dropped), or an odd value."""
    data = draw(GOOD)
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        paths = places(data)
        if not paths:
            break
        *parent_path, key = draw(st.sampled_from(paths))
        parent = data
        for step in parent_path:
            parent = parent[step]
        if isinstance(parent, dict) and draw(st.booleans()):
            del parent[key]
        else:
            parent[key] = draw(ODD)
    return data


SET = st.one_of(records(), ODD)


def careful(data: Any, place: int) -> Any:
    """The single-import way: the model's own reading, then the repeated-number rule."""
    qs = QuestionSet.from_json(data)
    drop_repeated_questions(qs)
    return set_rows(qs, place)


@settings(max_examples=1500, deadline=None)
@given(SET, st.integers(min_value=0, max_value=3))
def test_the_fast_rows_equal_the_careful_rows_or_the_fast_way_steps_aside(data: Any, place: int) -> None:
    fast = rows_from_json(data, place)
    try:
        expected = careful(data, place)
    except (SchemaError, UserError):
        assert fast is None, "the fast way took a record the model refuses"
        return
    if fast is not None:
        assert fast == expected


def test_an_ordinary_archive_set_takes_the_fast_way() -> None:
    qs = QuestionSet(
        kenmerk="2024Z01234", chamber="TK", submitted_on=dt.date(2024, 3, 5), header="Vragen van het lid Lid",
        members=[Member("Lid", "SP"), Member("Ander", None)], addressees=[Addressee("minister van Financiën",
                                                                                    "minister", "Financiën")],
        subject="de begroting", questions=[Question(1, "Kent u het bericht?", [1]), Question(2, "Waarom?")],
        footnotes=[Footnote(1, "NOS, 5 maart 2024", "https://nos.nl/1")],
        answers=[Answer([1], "Ja."), Answer([2, 3], "Zie het antwoord op vraag 1.")], warnings=["Let op: één"],
    )
    data = json.loads(json.dumps(qs.to_json(), ensure_ascii=False))
    rows = rows_from_json(data, 2)
    assert rows is not None and rows == careful(data, 2)
    assert rows.questions[0] == (2, 1, "Kent u het bericht?", "[1]", None)
    assert rows.answers[1] == (2, "2,3", 2, "Zie het antwoord op vraag 1.")


def test_a_question_printed_twice_goes_the_careful_way_and_loses_its_repeat() -> None:
    data = {"kenmerk": "2024Z00001", "questions": [{"number": 7, "text": "Waarom?"}, {"number": 7, "text": "Waarom?"}]}
    assert rows_from_json(data) is None
    rows = careful(data, 0)
    assert [q[1] for q in rows.questions] == [7]
    assert "tweemaal" in json.loads(rows.head[8])[0]


def test_a_batch_without_some_sets_places_the_rest_again_from_nought() -> None:
    sets = [QuestionSet(kenmerk=f"2024Z0000{i}", members=[Member(f"Lid {i}")],
                        questions=[Question(1, f"Vraag van set {i}?")], answers=[Answer([1], f"Antwoord {i}.")])
            for i in range(4)]
    kept = BatchRows.of(sets).only([1, 3])
    assert kept.kenmerken == ["2024Z00001", "2024Z00003"]
    assert kept.members == [(0, 0, "Lid 1", None), (1, 0, "Lid 3", None)]
    assert [(q[0], q[2]) for q in kept.questions] == [(0, "Vraag van set 1?"), (1, "Vraag van set 3?")]
    assert [(a[0], a[3]) for a in kept.answers] == [(0, "Antwoord 1."), (1, "Antwoord 3.")]


def test_lines_the_fast_json_reader_refuses_are_read_or_refused_as_before(tmp_path: Path) -> None:
    path = tmp_path / "archive.jsonl"
    # NaN is not JSON, but Python's reader always took it (in a field the model ignores).
    path.write_text('{"kenmerk": "2024Z00001", "score": NaN, "questions": [{"number": 1, "text": "Waarom?"}]}\n'
                    '{"kenmerk": "2024Z00002", "questions": [{"number": 1, "text": "En nu?"}]}\n', encoding="utf-8")
    with JsonlReader(path) as reader:
        [(batch, _done)] = list(reader)
    assert batch.kenmerken == ["2024Z00001", "2024Z00002"]
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"kenmerk": "2024Z00003", "questions": [{"number": 1, "text": "caf\xe9"}]}\n')
    with JsonlReader(bad) as reader, pytest.raises(UserError, match=r"regel 1.*UTF-8"):
        list(reader)
