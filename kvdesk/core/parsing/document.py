"""From text to a :class:`QuestionSet`: the order of the parsing steps.

1. normalise characters, unfold text whose line breaks were lost, drop page furniture;
2. repair PDF glue (and, for PDF text, words hyphenated at a lost line break);
3. read the front matter: kenmerk, "(ingezonden …)", the header sentence, the answerer line;
4. take out footnote definitions, then mark where the text cites them;
5. split the body into questions and answers; build the record and say what was uncertain.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from kvdesk.core.model import Answer, Footnote, Question, QuestionSet
from kvdesk.core.parsing import answers as answer_text
from kvdesk.core.parsing import dates
from kvdesk.core.parsing.errors import ParseError
from kvdesk.core.parsing.footnotes import (
    Footnotes,
    extract_definitions,
    mark_lines,
    numbers_in,
    strip_sentinels,
)
from kvdesk.core.parsing.furniture import PAGE_BREAK, SEPARATOR, strip_furniture
from kvdesk.core.parsing.header import HEADER_START, parse_answerer, parse_header
from kvdesk.core.parsing.normalize import Dehyphenator, join_lines, normalize_text, repair_glue
from kvdesk.core.parsing.structure import (
    Segment,
    is_heading,
    question_heading,
    split_body,
)

log = logging.getLogger(__name__)

MAX_CHARS = 2_000_000  # far above any real question set (the largest known is ~100 000)

KENMERK = re.compile(r"\b((?:19|20)\d\d)\s?Z\s?(\d{5})\b")
_KENMERK_LINE = re.compile(r"^\s*(?:kenmerk\s*:?\s*)?((?:19|20)\d\d)\s?Z\s?(\d{5})\s*$", re.I)
_ANSWERER_START = re.compile(r"^(?:Antwoord|Mededeling)\s+van\s+(?:de\s+|het\s+)?\w", re.I)
_META_LINE = re.compile(
    r"^(?:\(?\s*ingezonden\b.*|AH\s*\d+|(?:kenmerk\s*:?\s*)?(?:19|20)\d\d\s?Z\s?\d{5}|source:.*|\d{1,5})$", re.I
)
_NUMBERED_LINE = re.compile(r"^\d{1,2}\s*[.)](?:\s|$)")
_INGEZONDEN_CLOSE = re.compile(r"\(?\s*ingezonden(?:\s+op)?\s*\d{1,2}\s*[A-Za-z]+\.?\s*\d{4}\s*\)?\s*\.?")
_ONTVANGEN_CLOSE = re.compile(r"\(\s*ontvangen[^)]*\)\s*\.?")
_ZIE_OOK_DONE = re.compile(r"Zie ook\b.*?\bnr\.?\s*\d+\.?\s*$", re.I)


@dataclass
class _Front:
    preamble: list[str] = field(default_factory=list)
    header: str | None = None
    answerer: str | None = None
    body: list[str] = field(default_factory=list)


def parse_text(text: str) -> QuestionSet:
    """Parse a question set, an answered set or a delay notice from text.

    Raises :class:`ParseError` for input that holds no text at all or is far too large.
    Anything uncertain is reported in ``warnings``; unknown values stay ``None``.
    """
    if len(text) > MAX_CHARS:
        raise ParseError(
            f"Te veel tekst voor één vragenset ({len(text) // 1000} 000 tekens) / too much text for one question set."
        )
    text = normalize_text(text)
    if not text.strip():
        raise ParseError("Geen tekst gevonden / no text found.")
    lines = _unfold(text.split("\n"))
    furniture = strip_furniture(lines)
    pdf = furniture.pdf_layout
    dehyph = Dehyphenator(text)
    lines = [_repair(ln, dehyph, pdf) for ln in furniture.lines]

    front = _front_matter(lines)
    qs = QuestionSet(chamber=None)
    warnings: list[str] = []
    pre_text = "\n".join(ln for ln in front.preamble if ln not in (PAGE_BREAK, SEPARATOR))

    qs.kenmerk = _kenmerk(front.preamble, furniture.publication_id)
    qs.chamber = furniture.chamber or ("TK" if qs.kenmerk else None)
    if re.search(r"\bEerste Kamer\b", pre_text):
        qs.chamber = "EK"

    body, notes = extract_definitions(front.body, is_heading, dehyph, pdf)
    body, cited = mark_lines(body, set(notes.defs), pdf, is_heading)

    if front.header:
        head = parse_header(strip_sentinels(front.header))
        qs.header = _clean_header(head.text)
        qs.kind = head.kind
        qs.members = head.members
        qs.addressees = head.addressees
        qs.subject = head.subject
        qs.submitted_on = head.submitted_on
        warnings.extend(head.warnings)
    else:
        warnings.append("Geen aanhef ('Vragen van het lid …') gevonden / no header sentence found.")
    if qs.submitted_on is None:
        qs.submitted_on = dates.ingezonden(pre_text)

    delay_notice = False
    if front.answerer:
        qs.answerer, received, delay_notice = parse_answerer(front.answerer)
        if delay_notice:
            qs.delay_notice_on = received

    split = split_body(body)
    _build(qs, split.segments, notes, pdf, dehyph, warnings)
    if split.mode == "paragraphs" and qs.questions and qs.kind != "mondeling":
        warnings.append(
            "Geen vraagnummers gevonden: elke alinea met een vraag is als één vraag gelezen / "
            "no question numbers found: each paragraph that asks something was read as one question."
        )
    if delay_notice:
        warnings.insert(0, "Dit is een uitstelbericht (Mededeling), geen beantwoording / this is a delay notice.")
    _check(qs, notes, cited, warnings)
    qs.warnings = _unique(warnings)
    return qs


# ----------------------------------------------------------------------------- steps


def _repair(line: str, dehyph: Dehyphenator, pdf: bool) -> str:
    if not line or line in (PAGE_BREAK, SEPARATOR):
        return line
    line = repair_glue(line)
    return dehyph.fix_inline(line) if pdf else line


_UNFOLD_HEAD = re.compile(
    r"\s+(?=(?:Vraag|Antwoord(?:en)?)\s+\d{1,3}(?:(?:,\s*|\s+en\s+)\d{1,3})*\s+[A-Z«“‘'\"(])"
)
_UNFOLD_HEAD_END = re.compile(r"^((?:Vraag|Antwoord(?:en)?)\s+\d{1,3}(?:(?:,\s*|\s+en\s+)\d{1,3})*)\s+", re.M)
_UNFOLD_OTHER = re.compile(
    r"\s+(?=(?:Vragen van (?:het lid|de leden)|(?:Antwoord|Mededeling) van (?:[Mm]inister|[Ss]taatssecretaris)|"
    r"Toelichting:))"
)
_UNFOLD_FOOTER = re.compile(
    r"\s*((?:Tweede|Eerste) Kamer, vergaderjaar \d{4}\s*[–-]\s*\d{4}, (?:Aanhangsel|Vragen)(?: \d+)?|"
    r"(?:kv|ah)-tk-[\w-]+|ISSN \d{4}\s*-\s*\d{3}[\dX]|['’]s-Gravenhage \d{4})\s*"
)


def _unfold(lines: list[str]) -> list[str]:
    """Give back line structure to text whose line breaks were all lost."""
    if not any(len(ln) > 3000 for ln in lines):
        return lines
    out: list[str] = []
    for ln in lines:
        if len(ln) <= 3000:
            out.append(ln)
            continue
        ln = _UNFOLD_FOOTER.sub(r"\n\1\n", ln)
        ln = _UNFOLD_OTHER.sub("\n", ln)
        ln = _UNFOLD_HEAD.sub("\n", ln)
        ln = _UNFOLD_HEAD_END.sub(r"\1\n", ln)
        out.extend(part.strip() for part in ln.split("\n"))
    return out


def _front_matter(lines: list[str]) -> _Front:
    """Split off the preamble, the header sentence and the answerer line."""
    front = _Front()
    n = len(lines)
    header_at = answerer_at = None
    for i, line in enumerate(lines[:400]):
        if not line or line in (PAGE_BREAK, SEPARATOR):
            continue
        if header_at is None and HEADER_START.match(line):
            header_at = i
            break
        if _ANSWERER_START.match(line):
            answerer_at = i
            break
        if line[0] in "Vv" and question_heading(line):
            break
    start = header_at if header_at is not None else answerer_at
    if start is None:
        k = 0
        while k < n and (not lines[k] or lines[k] == PAGE_BREAK or _META_LINE.match(lines[k])):
            k += 1
        front.preamble = lines[:k]
        front.body = lines[k:]
        return front
    front.preamble = lines[:start]
    i = start
    if header_at is not None:
        front.header, i, rest = _collect_header(lines, header_at)
        if rest:
            lines = [*lines[:i], rest, *lines[i:]]
            n = len(lines)
        while i < n and (not lines[i] or lines[i] in (PAGE_BREAK, SEPARATOR)):
            i += 1
        if i < n and _ANSWERER_START.match(lines[i]):
            answerer_at = i
    if answerer_at is not None:
        front.answerer, i, rest = _collect_answerer(lines, answerer_at)
        if rest:
            lines = [*lines[:i], rest, *lines[i:]]
            n = len(lines)
        # "Zie ook Aanhangsel Handelingen …" can stand in a paragraph of its own
        k = i
        while k < n and (not lines[k] or lines[k] in (PAGE_BREAK, SEPARATOR)):
            k += 1
        if k < n and lines[k].lower().startswith("zie ook aanhangsel"):
            i = k + 1
            while i < n and lines[i] and not _ZIE_OOK_DONE.search(" ".join(lines[k:i])) and not is_heading(lines[i]):
                i += 1
    front.body = lines[i:]
    return front


def _stops(line: str) -> bool:
    return (
        not line
        or line in (PAGE_BREAK, SEPARATOR)
        or is_heading(line)
        or bool(_ANSWERER_START.match(line))
        or bool(_NUMBERED_LINE.match(line))
    )


def _collect_header(lines: list[str], at: int) -> tuple[str, int, str | None]:
    parts: list[str] = []
    i = at
    while i < len(lines) and len(parts) < 12:
        line = lines[i]
        if parts and _stops(line):
            break
        parts.append(line)
        i += 1
        joined = join_lines(parts)
        m = _INGEZONDEN_CLOSE.search(joined)
        if m and dates.ingezonden(m.group(0)):
            rest = joined[m.end():].strip()
            return joined[: m.end()].strip(), i, rest or None
    return join_lines(parts), i, None


def _collect_answerer(lines: list[str], at: int) -> tuple[str, int, str | None]:
    parts: list[str] = []
    i = at
    while i < len(lines) and len(parts) < 8:
        line = lines[i]
        if parts and _stops(line):
            break
        parts.append(line)
        i += 1
        joined = join_lines(parts)
        m = _ONTVANGEN_CLOSE.search(joined)
        if m:
            tail = joined[m.end():].strip()
            if tail.lower().startswith("zie ook"):
                done = _ZIE_OOK_DONE.match(tail)
                if not done:
                    continue
                return joined, i, tail[done.end():].strip() or None
            return joined[: m.end()].strip(), i, tail or None
    return join_lines(parts), i, None


def _kenmerk(preamble: list[str], publication_id: str | None) -> str | None:
    for line in preamble:
        m = _KENMERK_LINE.match(line)
        if m:
            return f"{m.group(1)}Z{m.group(2)}"
    if publication_id:
        m = KENMERK.search(publication_id)
        if m:
            return f"{m.group(1)}Z{m.group(2)}"
    for line in preamble:
        m = KENMERK.search(line)
        if m:
            return f"{m.group(1)}Z{m.group(2)}"
    return None


def _clean_header(text: str) -> str:
    text = _INGEZONDEN_CLOSE.sub("", text).strip()
    return text.rstrip(" .")


def _paragraphs(lines: list[str], pdf: bool, dehyph: Dehyphenator) -> list[str]:
    """Paragraphs of a segment: blank lines separate them (page ends do not, in PDF text)."""
    groups: list[list[str]] = [[]]
    for line in lines:
        if line == PAGE_BREAK and pdf:
            continue
        if not line or line in (PAGE_BREAK, SEPARATOR):
            if groups[-1]:
                groups.append([])
            continue
        groups[-1].append(line)
    out = []
    for g in groups:
        if g:
            text = join_lines(g, dehyph).strip()
            if text:
                out.append(text)
    return out


def _build(qs: QuestionSet, segments: list[Segment], notes: Footnotes, pdf: bool, dehyph: Dehyphenator,
           warnings: list[str]) -> None:
    answers: dict[tuple[int, ...], list[str]] = {}
    order: list[tuple[int, ...]] = []
    for seg in segments:
        paras = _paragraphs(seg.lines, pdf, dehyph)
        if seg.kind == "q":
            parts = _split_combined("\n\n".join(paras), len(seg.numbers), warnings, seg.numbers)
            for number, part in zip(seg.numbers, parts, strict=False):
                clean = strip_sentinels(part).strip()
                if not clean:
                    warnings.append(f"Vraag {number} heeft geen tekst / question {number} has no text.")
                qs.questions.append(Question(number=number, text=clean, footnotes=numbers_in(part)))
        elif seg.kind == "a":
            if not seg.numbers:
                warnings.append("Een antwoord zonder vraagnummer is overgeslagen / an answer without a number was skipped.")
                continue
            key = tuple(sorted(set(seg.numbers)))
            if key not in answers:
                answers[key] = []
                order.append(key)
            answers[key].extend(paras)
        elif seg.kind == "toelichting":
            text = strip_sentinels(" ".join(paras)).strip()
            if text:
                qs.toelichting = f"{qs.toelichting} {text}" if qs.toelichting else text
        elif seg.kind == "mededeling":
            text = re.sub(r"^Mededeling\s*:\s*", "", strip_sentinels(" ".join(paras)).strip(), flags=re.I)
            if text:
                warnings.append(f"Mededeling: {text}")
        elif seg.kind == "pre":
            text = strip_sentinels(" ".join(paras))
            if "?" in text and qs.kind != "mondeling":
                warnings.append(
                    "Tekst vóór de eerste genummerde vraag is niet als vraag gelezen / "
                    f"text before the first numbered question was not read as a question: '{text[:80]}…'"
                )
    for key in order:
        paras = answers[key]
        if not any(strip_sentinels(p).strip() for p in paras):
            warnings.append(f"Antwoord {_nums(key)} is leeg / answer {_nums(key)} is empty.")
            continue
        qs.answers.append(Answer(questions=list(key), text=answer_text.to_richtext(paras, notes)))


def _nums(numbers: tuple[int, ...] | list[int]) -> str:
    items = [str(n) for n in numbers]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


_ASK_BOUNDARY = re.compile(r"\?((?:\ue000\d+\ue001)*)\s*(?=[A-Z«“‘'\"])")
_CONTINUES = re.compile(r"(?:Zo\s+(?:ja|nee|neen|niet|nee,)|Indien|Waarom|Graag|En\b|Zo,|Ook\b|Of\b)", re.I)


def _split_combined(text: str, k: int, warnings: list[str], numbers: list[int]) -> list[str]:
    """Divide the text under "Vraag 4 en 5" over its questions, when that can be done exactly."""
    if k <= 1:
        return [text]
    paras = [p for p in text.split("\n\n") if p.strip()]
    if len(paras) == k:
        return paras
    cuts = []
    for m in _ASK_BOUNDARY.finditer(text):
        if not _CONTINUES.match(text, m.end()):
            cuts.append(m.end())
    if len(cuts) == k - 1:
        bounds = [0, *cuts, len(text)]
        return [text[bounds[j]: bounds[j + 1]].strip() for j in range(k)]
    warnings.append(
        f"Vragen {_nums(numbers)} staan samen onder één kop en konden niet exact worden gesplitst; "
        f"elke vraag heeft de hele tekst / questions {_nums(numbers)} share one heading and could not be split exactly."
    )
    return [text] * k


def _check(qs: QuestionSet, notes: Footnotes, cited: set[int], warnings: list[str]) -> None:
    qs.questions.sort(key=lambda q: q.number)
    numbers = [q.number for q in qs.questions]
    dupes = sorted({n for n in numbers if numbers.count(n) > 1})
    if dupes:
        warnings.append(f"Vraagnummer(s) {_nums(dupes)} komen dubbel voor / duplicate question numbers.")
    if numbers:
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        if missing:
            warnings.append(f"Vraag {_nums(missing)} ontbreekt / question {_nums(missing)} is missing.")
    answered = {n for a in qs.answers for n in a.questions}
    if qs.answers:
        unanswered = [n for n in numbers if n not in answered]
        if unanswered:
            warnings.append(f"Geen antwoord gevonden op vraag {_nums(unanswered)} / no answer found for question {_nums(unanswered)}.")
        extra = sorted(answered - set(numbers))
        if extra and numbers:
            warnings.append(f"Antwoord op onbekende vraag {_nums(extra)} / answer to unknown question {_nums(extra)}.")
    in_questions = {n for q in qs.questions for n in q.footnotes}
    in_answers = {n for a in qs.answers for n in answer_text.labels(a.text)}
    for number in sorted(notes.defs):
        d = notes.defs[number]
        if number in in_questions or number not in in_answers:
            qs.footnotes.append(Footnote(number=number, text=d.text, url=d.url))
    uncited = sorted(set(notes.defs) - cited)
    if uncited:
        warnings.append(
            f"Voetnoot {_nums(uncited)} wordt in de tekst niet aangehaald / footnote {_nums(uncited)} is not cited."
        )


def _unique(items: list[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
