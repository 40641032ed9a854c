"""Every text of the corpus parses, and agrees with what the published text itself shows."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from kvdesk.core.parsing import parse_text
from tests.support import CORPUS

FILES = sorted(CORPUS.rglob("*.txt")) if CORPUS.exists() else []
VRAAG = re.compile(r"^\s*Vraag\s+(\d+(?:\s*(?:,|en|t/m)\s*\d+)*)\s*$", re.M)


def _ids(p: Path) -> str:
    return f"{p.parent.name}/{p.name}"


@pytest.mark.skipif(not FILES, reason=f"the shared corpus is absent ({CORPUS})")
@pytest.mark.parametrize("path", FILES, ids=_ids)
def test_corpus_text_parses_cleanly(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    qs = parse_text(text)
    for q in qs.questions:
        assert q.text, f"question {q.number} is empty"
        assert "\ue000" not in q.text and "vergaderjaar 2024–2025, " not in q.text
        assert not re.search(r"kv-tk-|ISSN \d", q.text)
    if "questions" in path.parts and path.name.endswith("_pdf.txt") and "mondeling" not in path.name:
        asked = set()
        for group in VRAAG.findall(text):
            nums = [int(n) for n in re.findall(r"\d+", group)]
            asked.update(range(nums[0], nums[-1] + 1) if "t/m" in group else nums)
        assert [q.number for q in qs.questions] == sorted(asked)
        assert qs.kenmerk and qs.kenmerk in text
        assert qs.submitted_on is not None
        assert qs.members and all(m.party for m in qs.members)
        assert qs.addressees and all(a.role for a in qs.addressees)
    if "mondeling" in path.name:
        assert qs.kind == "mondeling" and qs.questions == []


@pytest.mark.skipif(not FILES, reason=f"the shared corpus is absent ({CORPUS})")
def test_the_73_question_pdf_text() -> None:
    qs = parse_text((CORPUS / "questions" / "kv-tk-2024Z18559_pdf.txt").read_text(encoding="utf-8"))
    assert len(qs.questions) == 73
    assert [f.number for f in qs.footnotes] == list(range(1, len(qs.footnotes) + 1))
    q8 = qs.question(8)
    assert q8 is not None and "opsporingsdossier" in q8.text
    cited = {n for q in qs.questions for n in q.footnotes}
    assert cited == {f.number for f in qs.footnotes}
    assert [a.title for a in qs.addressees] == [
        "minister van Justitie en Veiligheid",
        "minister van Binnenlandse Zaken en Koninkrijksrelaties",
        "staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties",
    ]


@pytest.mark.skipif(not FILES, reason=f"the shared corpus is absent ({CORPUS})")
def test_delay_notice_with_questions_keeps_its_questions() -> None:
    qs = parse_text((CORPUS / "mededelingen" / "ah-tk-20242025-545_pdf.txt").read_text(encoding="utf-8"))
    assert [q.number for q in qs.questions] == [1, 2, 3, 4, 5, 6]
    assert qs.delay_notice_on is not None
    assert qs.questions[1].footnotes == [2, 3, 4]
