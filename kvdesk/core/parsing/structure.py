"""Splitting the body into questions, answers, a toelichting and a delay notice.

Three numbering conventions are recognised, in this order of trust:

1. headings: "Vraag 1" (also "Vraag 4 en 5") with "Antwoord 1", "Antwoord op vraag 3 en 4",
   "Antwoord vragen 1,2,3,4 en 5", "Antwoord vraag 4-7:", "Antwoorden 5 en 6" or a bare
   "Antwoord" that answers the questions above it;
2. numbers: "1." / "1)" before the question, or on a line of its own; they must run 1, 2, 3 …;
3. none: each paragraph that asks something is one question.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from kvdesk.core.parsing.furniture import PAGE_BREAK, SEPARATOR

log = logging.getLogger(__name__)

NUMS = r"\d{1,3}(?:\s*(?:,|&|en|t/m|tot en met|-|–)\s*\d{1,3})*"
_QHEAD = re.compile(r"^(?:Vra(?:ag|gen)|VRA(?:AG|GEN))\s+(?P<nums>" + NUMS + r")(?P<sep>\s*[:.)–-])?\s*(?P<rest>.*)$")
_AHEAD = re.compile(
    r"^(?:Antwoord(?:en)?|ANTWOORD(?:EN)?)(?!\s+van\b)"
    r"(?:\s+(?:op\s+)?(?:de\s+)?(?:vra(?:ag|gen)\s*)?(?P<nums>" + NUMS + r"))?(?P<sep>\s*[:.)–-])?\s*(?P<rest>.*)$"
)
_NUMBERED = re.compile(r"^(?P<n>\d{1,2})\s*[.)]\s+(?P<rest>\S.*)$")
_BARE_NUMBER = re.compile(r"^(?P<n>\d{1,2})[.)]?$")
_TOELICHTING = re.compile(r"^Toelichting\s*:?\s*(?P<rest>.*)$", re.I)
_MEDEDELING = re.compile(r"^Mededeling\s*:?\s*$", re.I)


def expand_numbers(spec: str) -> list[int]:
    """"4, 5 en 7" → [4, 5, 7]; "4-7" and "4 t/m 7" → [4, 5, 6, 7]."""
    out: list[int] = []
    for m in re.finditer(r"(\d+)(?:\s*(?:-|–|t/m|tot en met)\s*(\d+))?", spec):
        a = int(m.group(1))
        b = int(m.group(2)) if m.group(2) else a
        if b < a or b - a > 200:
            b = a
        out.extend(range(a, b + 1))
    seen: list[int] = []
    for n in out:
        if n not in seen:
            seen.append(n)
    return seen


def question_heading(line: str) -> tuple[list[int], str] | None:
    """The numbers and the text after a "Vraag N" heading, or ``None``."""
    m = _QHEAD.match(line)
    if not m or (m.group("rest") and not m.group("sep")):
        return None
    nums = expand_numbers(m.group("nums"))
    return (nums, m.group("rest").strip()) if nums and min(nums) > 0 else None


def answer_heading(line: str) -> tuple[list[int] | None, str] | None:
    """The numbers (``None`` for a bare "Antwoord") and the text after an answer heading."""
    m = _AHEAD.match(line)
    if not m:
        return None
    rest = m.group("rest").strip()
    if rest and not m.group("sep"):
        return None
    nums = expand_numbers(m.group("nums")) if m.group("nums") else None
    return nums, rest


def is_heading(line: str) -> bool:
    """Whether ``line`` is a question or answer heading (used to bound footnote blocks)."""
    return bool(line) and line[0] in "VvAa" and (question_heading(line) is not None or answer_heading(line) is not None)


@dataclass
class Segment:
    """A stretch of the body: a question (``kind`` "q"), an answer ("a"), and so on."""

    kind: str  # "pre", "q", "a", "toelichting", "mededeling"
    numbers: list[int] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


@dataclass
class Split:
    segments: list[Segment]
    mode: str  # "headings", "numbers", "paragraphs"


def split_body(lines: list[str]) -> Split:
    """Cut the body into segments with the most trustworthy numbering found."""
    if any(question_heading(ln) for ln in lines if ln and ln[0] in "Vv"):
        return Split(_by_headings(lines), "headings")
    numbered = _numbered_starts(lines)
    if numbered:
        return Split(_by_numbers(lines, numbered), "numbers")
    return Split(_by_paragraphs(lines), "paragraphs")


def _special(line: str, segs: list[Segment]) -> bool:
    """Start a toelichting or mededeling segment when ``line`` opens one."""
    t = _TOELICHTING.match(line)
    if t and (":" in line[:14] or not t.group("rest")):
        segs.append(Segment("toelichting", [], [t.group("rest")] if t.group("rest") else []))
        return True
    if _MEDEDELING.match(line):
        segs.append(Segment("mededeling"))
        return True
    return False


def _by_headings(lines: list[str]) -> list[Segment]:
    segs = [Segment("pre")]
    since_answer: list[int] = []
    for line in lines:
        q = question_heading(line) if line and line[0] in "Vv" else None
        if q:
            segs.append(Segment("q", q[0], [q[1]] if q[1] else []))
            since_answer.extend(q[0])
            continue
        a = answer_heading(line) if line and line[0] in "Aa" else None
        if a:
            nums = a[0] or list(since_answer) or (segs[-1].numbers if segs[-1].kind == "a" else [])
            segs.append(Segment("a", nums, [a[1]] if a[1] else []))
            since_answer = []
            continue
        if line and _special(line, segs):
            continue
        segs[-1].lines.append(line)
    return segs


def _numbered_starts(lines: list[str]) -> dict[int, tuple[int, str]]:
    """Line index → (number, text) for numbers that run 1, 2, 3 … through the text."""
    found: dict[int, tuple[int, str]] = {}
    expected = 1
    in_answer = False
    for i, line in enumerate(lines):
        if not line or not line[0].isdigit():
            if line and line[0] in "Aa" and answer_heading(line):
                in_answer = True
            continue
        m = _NUMBERED.match(line)
        bare = None if m else _BARE_NUMBER.match(line)
        n = int((m or bare).group("n")) if (m or bare) else None  # type: ignore[union-attr]
        if n != expected:
            continue
        text = m.group("rest") if m else _next_text(lines, i)
        if in_answer and "?" not in _paragraph_from(lines, i, text):
            continue  # a numbered list inside an answer
        found[i] = (n, m.group("rest") if m else "")
        expected += 1
        in_answer = False
    return found


def _next_text(lines: list[str], i: int) -> str:
    for ln in lines[i + 1: i + 4]:
        if ln and ln not in (PAGE_BREAK, SEPARATOR):
            return ln
    return ""


def _paragraph_from(lines: list[str], i: int, first: str) -> str:
    parts = [first]
    for ln in lines[i + 1: i + 12]:
        if not ln or ln in (PAGE_BREAK, SEPARATOR):
            if len(parts) > 1 or first:
                break
            continue
        if answer_heading(ln):
            break
        parts.append(ln)
    return " ".join(parts)


def _by_numbers(lines: list[str], starts: dict[int, tuple[int, str]]) -> list[Segment]:
    segs = [Segment("pre")]
    since_answer: list[int] = []
    for i, line in enumerate(lines):
        if i in starts:
            n, rest = starts[i]
            segs.append(Segment("q", [n], [rest] if rest else []))
            since_answer.append(n)
            continue
        a = answer_heading(line) if line and line[0] in "Aa" else None
        if a:
            nums = a[0] or list(since_answer) or (segs[-1].numbers if segs[-1].kind == "a" else [])
            segs.append(Segment("a", nums, [a[1]] if a[1] else []))
            since_answer = []
            continue
        if line and _special(line, segs):
            continue
        segs[-1].lines.append(line)
    return segs


def _by_paragraphs(lines: list[str]) -> list[Segment]:
    """Each paragraph that asks something is a question; others join their neighbour."""
    segs = [Segment("pre")]
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if not line or line in (PAGE_BREAK, SEPARATOR):
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        paragraphs[-1].append(line)
    paragraphs = [p for p in paragraphs if p]
    number = 0
    intro: list[str] = []
    since_answer: list[int] = []
    for para in paragraphs:
        first = para[0]
        a = answer_heading(first) if first[0] in "Aa" else None
        if a:
            nums = a[0] or list(since_answer) or (segs[-1].numbers if segs[-1].kind == "a" else [])
            segs.append(Segment("a", nums, ([a[1]] if a[1] else []) + para[1:]))
            since_answer = []
            continue
        if _special(first, segs):
            segs[-1].lines.extend(para[1:])
            continue
        current = segs[-1]
        asks = "?" in " ".join(para)
        if current.kind in ("toelichting", "mededeling") or (current.kind == "a" and not asks):
            current.lines.extend(["", *para])
        elif asks and current.kind == "q" and not intro and current.lines and current.lines[-1].rstrip().endswith(":"):
            current.lines.extend(["", *para])  # a sub-question after "…:"
        elif asks:
            number += 1
            segs.append(Segment("q", [number], [*intro, *([""] if intro else []), *para]))
            since_answer.append(number)
            intro = []
        else:
            intro.extend(["", *para] if intro else para)  # context for the next question
    if intro:
        target = next((s for s in reversed(segs) if s.kind == "q"), segs[0])
        target.lines.extend(["", *intro])
    return segs
