"""The checks before a reply goes out, as pure functions over a :class:`QuestionSet`.

Each check returns :class:`Finding` objects. Errors block export (unless the user overrides);
warnings inform. Messages are short reasons in Dutch and English; the question numbers they are
about travel separately in :attr:`Finding.questions`, so that a list can show "vraag 3" in a
column and jump to the answer.

The checks are tuned on the answers ministers actually sent (``corpus/answers``): on those
they report no errors except where the published text itself is wrong.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from kvdesk.core import richtext
from kvdesk.core.model import Answer, QuestionSet

__all__ = [
    "ERROR",
    "WARNING",
    "DEFAULT_PLACEHOLDERS",
    "CheckSettings",
    "Finding",
    "Speller",
    "check_answers_cover_questions",
    "check_placeholders",
    "check_cross_references",
    "check_footnotes",
    "check_submitted_date",
    "check_kenmerk",
    "check_spelling",
    "check_long_answers",
    "check_minister_title",
    "check_future_dates",
    "check_duplicate_answers",
    "CrossReference",
    "cross_references",
    "find_cross_references",
    "received_date",
    "received_on",
    "run_all",
]

ERROR = "error"
WARNING = "warning"

# Text that marks an unfinished answer. "[…]" inside a quotation is an ellipsis, not a gap.
DEFAULT_PLACEHOLDERS: tuple[str, ...] = ("PM", "p.m.", "XXX", "TODO", "[…]", "[...]", "??")


@dataclass(frozen=True)
class CheckSettings:
    """What the checks look for; every field has the default the issue asks for."""

    placeholders: tuple[str, ...] = DEFAULT_PLACEHOLDERS
    # The user's own additions (e.g. "nog invullen", "NTB"); matched like the defaults.
    extra_placeholders: tuple[str, ...] = ()
    # Answers longer than this many words get a warning. The longest answer in the corpus of
    # sent replies has about 730 words; most have under 200.
    max_answer_words: int = 800
    spelling: bool = True
    # How many misspelled words one spelling finding names at most.
    spelling_examples: int = 8
    # The title the letter is signed with (from the house-style profile), compared with the
    # addressees like the answerer line; ``None`` when unknown.
    letter_title: str | None = None
    # Answers shorter than this are not compared for duplicates ("Ja.", "Nee." recur).
    duplicate_min_words: int = 12

    def all_placeholders(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for p in (*self.placeholders, *self.extra_placeholders):
            if p.strip():
                seen.setdefault(p.strip(), None)
        return tuple(seen)


@dataclass(frozen=True)
class Finding:
    """One result of a check: ``level`` is ``"error"`` or ``"warning"``.

    ``questions`` are the question numbers it is about (empty for the set as a whole);
    ``message_nl``/``message_en`` are the short reason, without the numbers.
    """

    level: str
    code: str
    questions: tuple[int, ...]
    message_nl: str
    message_en: str
    # Extra facts for tools (the placeholder found, the words misspelled, …).
    detail: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    def message(self, language: str = "nl") -> str:
        return self.message_en if language.startswith("en") else self.message_nl

    def to_json(self, language: str = "nl") -> dict[str, object]:
        """``{level, code, questions, message}`` as the command line prints it."""
        return {
            "level": self.level,
            "code": self.code,
            "questions": list(self.questions),
            "message": self.message(language),
        }


class Speller(Protocol):
    """What the spelling check needs of a spell checker (see :mod:`kvdesk.core.spelling`)."""

    def misspelled_words(self, text: str) -> list[str]: ...


def _numbers_nl(numbers: Sequence[int]) -> str:
    items = [str(n) for n in numbers]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def _numbers_en(numbers: Sequence[int]) -> str:
    items = [str(n) for n in numbers]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _answer_label_nl(answer: Answer) -> str:
    return "antwoord " + _numbers_nl(answer.questions)


def _answer_label_en(answer: Answer) -> str:
    return "answer " + _numbers_en(answer.questions)


def _has_text(answer: Answer) -> bool:
    return bool(richtext.to_plain(answer.text, with_footnotes=True).strip())


# --------------------------------------------------------------------------- errors


def check_answers_cover_questions(qs: QuestionSet, settings: CheckSettings | None = None) -> list[Finding]:
    """Every question has exactly one non-empty answer, and every answer belongs to a question.

    A combined answer counts for all its questions. An answer under a number the set does not
    have is what a question answered under the wrong number looks like.
    """
    findings: list[Finding] = []
    # A document that prints one number twice yields two questions with that number: report
    # the number once.
    numbers = list(dict.fromkeys(q.number for q in qs.questions))
    known = set(numbers)
    covering: dict[int, list[Answer]] = {n: [] for n in numbers}
    for answer in qs.answers:
        for n in answer.questions:
            if n in covering:
                covering[n].append(answer)
    unanswered = [n for n in numbers if not covering[n]]
    for answer in qs.answers:
        stray = [n for n in answer.questions if n not in known]
        if stray:
            # One stray answer and one question without answer: most likely a wrong number.
            hint_nl = hint_en = ""
            if len(unanswered) == 1 and len(stray) == 1:
                hint_nl = f"; hoort het bij vraag {unanswered[0]}?"
                hint_en = f"; does it belong to question {unanswered[0]}?"
            findings.append(
                Finding(
                    ERROR,
                    "answer-without-question",
                    tuple(answer.questions),
                    f"{_answer_label_nl(answer)} hoort bij een vraag die niet bestaat "
                    f"(vraag {_numbers_nl(stray)}){hint_nl}",
                    f"{_answer_label_en(answer)} belongs to a question that does not exist "
                    f"(question {_numbers_en(stray)}){hint_en}",
                    {"numbers": stray},
                )
            )
    for n in numbers:
        answers = covering[n]
        filled = [a for a in answers if _has_text(a)]
        if not answers:
            findings.append(Finding(ERROR, "unanswered", (n,), "geen antwoord", "no answer"))
        elif not filled:
            findings.append(Finding(ERROR, "unanswered", (n,), "het antwoord is leeg", "the answer is empty"))
        if len(answers) > 1:
            labels_nl = " en ".join(_answer_label_nl(a) for a in answers)
            labels_en = " and ".join(_answer_label_en(a) for a in answers)
            findings.append(
                Finding(
                    ERROR,
                    "answered-twice",
                    (n,),
                    f"meer dan één keer beantwoord ({labels_nl})",
                    f"answered more than once ({labels_en})",
                )
            )
    return findings


_QUOTES = re.compile(r"«[^»]*»|“[^”]*”|„[^”“]*[”“]|\"[^\"]*\"")
_LINKS = re.compile(r"(?:https?://|www\.)\S+")


def _placeholder_pattern(token: str) -> re.Pattern[str]:
    body = re.escape(token)
    if token[0].isalnum():
        body = r"(?<![\w.])" + body
    if token[-1].isalnum():
        body += r"(?![\w])"
    return re.compile(body, re.IGNORECASE)


def _answer_texts(answer: Answer) -> list[tuple[str, bool]]:
    """The answer's paragraphs, list items and footnote texts as plain text, each with
    whether it is a block quote."""
    doc = richtext.parse(answer.text)
    out: list[tuple[str, bool]] = []
    for block in doc.blocks:
        if isinstance(block, richtext.Paragraph):
            out.append((richtext.inline_plain(block.inlines), False))
        elif isinstance(block, richtext.ListBlock):
            out.extend((richtext.inline_plain(item), False) for item in block.items)
        else:
            out.extend((richtext.inline_plain(p.inlines), True) for p in block.paragraphs)
    out.extend((richtext.inline_plain(note), False) for note in doc.footnotes.values())
    return out


def _is_ellipsis(token: str) -> bool:
    return token in ("[…]", "[...]", "(…)", "(...)")


def check_placeholders(qs: QuestionSet, settings: CheckSettings | None = None) -> list[Finding]:
    """No answer contains a placeholder such as PM, p.m., XXX, TODO, […] or ??.

    Whole words only ("PM" in "PM2,5" or "p.m." inside "np.m." do not count), links are
    skipped, and an ellipsis in brackets inside a quotation or a block quote is taken as an
    elision, which is how quotations legitimately shorten text.
    """
    settings = settings or CheckSettings()
    patterns = [(p, _placeholder_pattern(p)) for p in settings.all_placeholders()]
    findings: list[Finding] = []
    for answer in qs.answers:
        found: list[str] = []
        for text, quoted_block in _answer_texts(answer):
            text = _LINKS.sub(lambda m: " " * len(m.group()), text)
            quoted = [m.span() for m in _QUOTES.finditer(text)]
            for token, pattern in patterns:
                for m in pattern.finditer(text):
                    if _is_ellipsis(token) and (
                        quoted_block or any(a < m.start() and m.end() < b for a, b in quoted)
                    ):
                        continue
                    if m.group() not in found:
                        found.append(m.group())
        if found:
            shown = ", ".join(f"“{t}”" for t in found)
            findings.append(
                Finding(
                    ERROR,
                    "placeholder",
                    tuple(answer.questions),
                    f"bevat een opvulling: {shown}",
                    f"contains a placeholder: {shown}",
                    {"placeholders": found},
                )
            )
    return findings


# A cross-reference to another answer of the same set: "zie (ook) (het) antwoord op vraag 3",
# "zoals aangegeven in het antwoord op vraag 2", "zie antwoord vraag 4 en 5", "zoals ik bij
# vraag 2 heb aangegeven". PDF text often glues "van"/"op"/"bij" to "vraag".
_NUMS = r"\d{1,3}(?:\s*(?:,|en|tot\s+en\s+met|t/m|-|–)\s*\d{1,3}(?![\d]))*"
_VRAAG = r"(?:\b|(?<=van)|(?<=op)|(?<=bij))vra(?:ag|gen)\s*(?P<nums>" + _NUMS + r")(?![\d.,]\d)"
_XREF = re.compile(
    r"(?:\b(?:zie|zoals|verwijs|verwijzen?|verwezen)\b[^.?!;:]{0,80}?"
    r"|\bantwoord(?:en)?\s+(?:op|bij|onder|van)?\s*(?:de\s+)?)" + _VRAAG,
    re.IGNORECASE,
)
# What follows a number when the reference is to another set's questions.
_OTHER_SET_AFTER = re.compile(
    r"^\s*(?:\)\s*)?(?:van|uit|in|bij)\s+(?:het|de|uw|mijn|die)?\s*"
    r"(?:lid|leden|kamerleden|commissie|eerdere|vorige|schriftelijke|mondelinge|kamervragen|set|beantwoording|aanhangsel)"
    r"|^\s*\(?\d{4}Z\d+"
    r"|^\s*\(\s*(?:kenmerk|aanhangsel)",
    re.IGNORECASE,
)
_OTHER_SET_BEFORE = re.compile(
    r"\b(?:eerdere|vorige)\b|\d{4}Z\s?\d+|aanhangsel|kamerstuk|vragen\s+van\s+(?:het|de)\s+(?:lid|leden)",
    re.IGNORECASE,
)


def _expand(nums: str) -> list[int]:
    out: list[int] = []
    parts = re.split(r"\s*(,|\ben\b|tot\s+en\s+met|t/m|-|–)\s*", nums.strip())
    k = 0
    while k < len(parts):
        token = parts[k]
        if token.isdigit():
            value = int(token)
            sep = parts[k - 1] if k >= 2 else ","
            if sep.strip() not in (",", "en") and out and out[-1] < value and value - out[-1] <= 100:
                out.extend(range(out[-1] + 1, value + 1))
            else:
                out.append(value)
        k += 1
    return list(dict.fromkeys(out))


@dataclass(frozen=True)
class CrossReference:
    """A reference in an answer to question ``number`` of the same set.

    ``to_answer``: it names the answer ("het antwoord op vraag 3"), not just the question
    ("zoals in vraag 3 gesteld"); ``pointer``: it sends the reader there ("zie", "zoals
    aangegeven in"), rather than mentioning it in passing.
    """

    number: int
    to_answer: bool
    pointer: bool


def cross_references(text: str) -> list[CrossReference]:
    """The references in answer-format ``text`` to questions of the same set, in order."""
    plain = richtext.to_plain(text)
    refs: list[CrossReference] = []
    for m in _XREF.finditer(plain):
        before = plain[max(0, m.start() - 60) : m.start("nums")]
        after = plain[m.end("nums") : m.end("nums") + 60]
        if _OTHER_SET_AFTER.search(after) or _OTHER_SET_BEFORE.search(before):
            continue
        phrase = m.group().casefold()
        to_answer = "antwoord" in phrase
        pointer = not phrase.startswith("antwoord")
        for n in _expand(m.group("nums")):
            refs.append(CrossReference(n, to_answer, pointer))
    return refs


def find_cross_references(text: str) -> list[int]:
    """The question numbers that answer-format ``text`` refers to, each once, in order."""
    return list(dict.fromkeys(r.number for r in cross_references(text)))


def check_cross_references(qs: QuestionSet, settings: CheckSettings | None = None) -> list[Finding]:
    """"Zie het antwoord op vraag N" points to a question that exists, is not the answer
    itself, and has an answer.

    A question number that does not exist is wrong however it is mentioned. Pointing to
    itself and pointing to an unanswered question are only errors when the text names the
    answer; a combined answer may well say "het antwoord op vraag 2 is ja, op vraag 3 nee".
    """
    known = {q.number for q in qs.questions}
    answered = {n for a in qs.answers if _has_text(a) for n in a.questions}
    findings: list[Finding] = []
    for answer in qs.answers:
        reported: set[int] = set()
        for ref in cross_references(answer.text):
            n = ref.number
            if n in reported:
                continue
            if n not in known:
                code, nl, en = (
                    "crossref-missing",
                    f"verwijst naar vraag {n}, maar die bestaat niet",
                    f"refers to question {n}, which does not exist",
                )
            elif n in answer.questions:
                if not (ref.to_answer and ref.pointer):
                    continue
                code, nl, en = (
                    "crossref-self",
                    f"verwijst naar zichzelf (vraag {n})",
                    f"refers to itself (question {n})",
                )
            elif n not in answered and ref.to_answer:
                code, nl, en = (
                    "crossref-unanswered",
                    f"verwijst naar het antwoord op vraag {n}, maar die is nog niet beantwoord",
                    f"refers to the answer to question {n}, which has no answer yet",
                )
            else:
                continue
            reported.add(n)
            findings.append(Finding(ERROR, code, tuple(answer.questions), nl, en, {"target": n}))
    return findings


_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)
_LITERAL_MARKER = re.compile(r"\[\^([^\]\s]+)\]")


def _cited_without_definition(doc: richtext.RichText) -> list[str]:
    """Markers the format could not link to a note: they stay in the text as ``[^x]``."""
    out: list[str] = []

    def visit(inlines: Iterable[richtext.Inline]) -> None:
        for item in inlines:
            if isinstance(item, richtext.Run):
                out.extend(_LITERAL_MARKER.findall(item.text))

    for block in doc.blocks:
        if isinstance(block, richtext.Paragraph):
            visit(block.inlines)
        elif isinstance(block, richtext.ListBlock):
            for item in block.items:
                visit(item)
        else:
            for p in block.paragraphs:
                visit(p.inlines)
    return out


def check_footnotes(qs: QuestionSet, settings: CheckSettings | None = None) -> list[Finding]:
    """Each footnote marker in an answer has a text, and each note is cited in the text."""
    findings: list[Finding] = []
    for answer in qs.answers:
        doc = richtext.parse(answer.text)
        cited = richtext.footnote_labels(doc)
        without_text = [label for label in cited if not richtext.inline_plain(doc.footnotes.get(label, [])).strip()]
        without_text += [label for label in _cited_without_definition(doc) if label not in without_text]
        # The format drops notes that nothing cites, so find the definitions in the source.
        defined = list(dict.fromkeys(_DEFINITION.findall(answer.text or "")))
        uncited = [label for label in defined if label not in cited]
        for label in without_text:
            findings.append(
                Finding(
                    ERROR,
                    "footnote-without-text",
                    tuple(answer.questions),
                    f"voetnoot [{label}] heeft geen tekst",
                    f"footnote [{label}] has no text",
                    {"label": label},
                )
            )
        for label in uncited:
            findings.append(
                Finding(
                    ERROR,
                    "footnote-not-cited",
                    tuple(answer.questions),
                    f"voetnoot [{label}] wordt nergens in de tekst aangehaald",
                    f"footnote [{label}] is not cited anywhere in the text",
                    {"label": label},
                )
            )
    return findings


def check_submitted_date(qs: QuestionSet, settings: CheckSettings | None = None) -> list[Finding]:
    """The set has an ingezonden date: the deadline and the letter's reference need it.

    It is an error while the reply is being prepared. Once the set is marked sent, or the
    answerer line carries the Kamer's receipt date ("(ontvangen 20 november 2024)", which
    only the Kamer adds), there is no deadline left to track and it is a warning: the
    Kamer's Word version of a reply carries no ingezonden date at all.
    """
    if qs.submitted_on is not None:
        return []
    if qs.status == "verzonden" or received_on(qs) is not None:
        return [
            Finding(
                WARNING,
                "no-submitted-date",
                (),
                "de datum van indienen (ingezonden) ontbreekt",
                "the date the questions were submitted is missing",
            )
        ]
    return [
        Finding(
            ERROR,
            "no-submitted-date",
            (),
            "de datum van indienen (ingezonden) ontbreekt; de termijn is niet te berekenen",
            "the date the questions were submitted is missing; no deadline can be computed",
        )
    ]


# --------------------------------------------------------------------------- warnings


def check_kenmerk(qs: QuestionSet, settings: CheckSettings | None = None) -> list[Finding]:
    """The set has a kenmerk; without one the letter leaves "Uw kenmerk" empty."""
    if qs.kenmerk and qs.kenmerk.strip():
        return []
    return [
        Finding(
            WARNING,
            "no-kenmerk",
            (),
            "het kenmerk ontbreekt; in de brief blijft ‘Uw kenmerk’ leeg",
            "the reference number (kenmerk) is missing; the letter leaves ‘Uw kenmerk’ empty",
        )
    ]


def check_spelling(
    qs: QuestionSet, settings: CheckSettings | None = None, speller: Speller | None = None
) -> list[Finding]:
    """Words the Dutch dictionary does not know, per answer (footnote texts included)."""
    settings = settings or CheckSettings()
    if speller is None or not settings.spelling:
        return []
    # Names and terms the questions themselves use (members, products, organisations) are
    # not the answer's misspellings.
    own_terms = " ".join(
        [qs.header or "", qs.subject or "", *(q.text for q in qs.questions), *(f.text for f in qs.footnotes),
         *(m.name for m in qs.members), *(a.title for a in qs.addressees)]
    )
    accepted = {w.casefold() for w in re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", own_terms)}
    findings: list[Finding] = []
    for answer in qs.answers:
        text = richtext.to_plain(answer.text, with_footnotes=True)
        words = [w for w in speller.misspelled_words(text) if w.casefold() not in accepted]
        if not words:
            continue
        shown = ", ".join(words[: settings.spelling_examples])
        more = len(words) - settings.spelling_examples
        tail_nl = f" en nog {more}" if more > 0 else ""
        tail_en = f" and {more} more" if more > 0 else ""
        findings.append(
            Finding(
                WARNING,
                "spelling",
                tuple(answer.questions),
                f"mogelijk verkeerd gespeld: {shown}{tail_nl}",
                f"possibly misspelled: {shown}{tail_en}",
                {"words": words},
            )
        )
    return findings


def check_long_answers(qs: QuestionSet, settings: CheckSettings | None = None) -> list[Finding]:
    """Answers over the configured number of words."""
    settings = settings or CheckSettings()
    findings: list[Finding] = []
    for answer in qs.answers:
        words = richtext.word_count(answer.text)
        if words > settings.max_answer_words:
            findings.append(
                Finding(
                    WARNING,
                    "long-answer",
                    tuple(answer.questions),
                    f"erg lang antwoord ({words} woorden; grens {settings.max_answer_words})",
                    f"very long answer ({words} words; limit {settings.max_answer_words})",
                    {"words": words},
                )
            )
    return findings


def _squash(text: str) -> str:
    # PDF text glues and splits words at random; compare without any white space.
    return re.sub(r"[\s\-–—]+", "", text.casefold())


def _portfolios(qs: QuestionSet) -> list[str]:
    out: list[str] = []
    for a in qs.addressees:
        portfolio = a.portfolio or (a.title if a.role == "minister-president" else None)
        if portfolio and _squash(portfolio) and portfolio not in out:
            out.append(portfolio)
    return out


def check_minister_title(qs: QuestionSet, settings: CheckSettings | None = None) -> list[Finding]:
    """The answerer line (and the letter's signer, when known) names a portfolio the
    questions were addressed to.

    Answering for another member of the same ministry (a state secretary for the minister)
    is normal and not reported; answering "mede namens" an addressee counts as matching.
    """
    settings = settings or CheckSettings()
    portfolios = _portfolios(qs)
    if not portfolios:
        return []
    findings: list[Finding] = []
    for label_nl, label_en, title in (
        ("de beantwoorder", "the answerer", qs.answerer),
        ("de ondertekenaar van de brief", "the signer of the letter", settings.letter_title),
    ):
        if not title or not title.strip():
            continue
        squashed = _squash(title)
        if any(_squash(p) in squashed for p in portfolios):
            continue
        wanted = "; ".join(portfolios)
        findings.append(
            Finding(
                WARNING,
                "minister-title",
                (),
                f"{label_nl} ({title.strip()}) hoort niet bij de geadresseerden ({wanted})",
                f"{label_en} ({title.strip()}) does not match the addressees ({wanted})",
                {"title": title, "addressees": portfolios},
            )
        )
    return findings


_MONTHS = {
    m: k + 1
    for k, m in enumerate(
        ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
         "september", "oktober", "november", "december")
    )
}
_RECEIVED = re.compile(r"ontvangen\s*(\d{1,2})\s*([a-z]+)\s*(\d{4})", re.IGNORECASE)
# In the imported source the receipt date follows the answerer line, possibly across lines.
_ANSWER_RECEIVED = re.compile(r"\bAntwoord\s+van\b.{0,600}?\(\s*(ontvangen[^)]{0,40})", re.IGNORECASE | re.DOTALL)


def received_date(text: str | None) -> dt.date | None:
    """The date of "(ontvangen 20 november 2024)" in ``text`` (an answerer line), if any."""
    if not text:
        return None
    m = _RECEIVED.search(text)
    if not m or m.group(2).lower() not in _MONTHS:
        return None
    try:
        return dt.date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    except ValueError:
        return None


def received_on(qs: QuestionSet) -> dt.date | None:
    """The date the Kamer received the answers, when the set carries it.

    Only the Kamer adds "(ontvangen …)" to the answerer line, so a set that has it is the
    record of a reply that went out. It is read from the answerer line, or else from the
    imported source text (the parser keeps the line without the date).
    """
    found = received_date(qs.answerer)
    if found is None and qs.source_text:
        m = _ANSWER_RECEIVED.search(qs.source_text[:20_000])
        if m:
            found = received_date(m.group(1))
    return found


def _long_date(d: dt.date) -> str:
    names = list(_MONTHS)
    return f"{d.day} {names[d.month - 1]} {d.year}"


def check_future_dates(
    qs: QuestionSet, settings: CheckSettings | None = None, today: dt.date | None = None
) -> list[Finding]:
    """The set's dates (ingezonden, delay notice, received) do not lie in the future."""
    today = today or dt.date.today()
    findings: list[Finding] = []
    for code_part, nl, en, value in (
        ("submitted", "de datum van indienen", "the submission date", qs.submitted_on),
        ("delay-notice", "de datum van het uitstelbericht", "the date of the delay notice", qs.delay_notice_on),
        ("received", "de datum van ontvangst", "the date received", received_on(qs)),
    ):
        if value is not None and value > today:
            findings.append(
                Finding(
                    WARNING,
                    "future-date",
                    (),
                    f"{nl} ({_long_date(value)}) ligt in de toekomst",
                    f"{en} ({value.isoformat()}) is in the future",
                    {"field": code_part, "date": value.isoformat()},
                )
            )
    return findings


def check_duplicate_answers(qs: QuestionSet, settings: CheckSettings | None = None) -> list[Finding]:
    """No answer is word for word the same as another (a copy-paste left in place).

    Short answers ("Ja.", "Zie het antwoord op vraag 2.") recur legitimately and are skipped.
    """
    settings = settings or CheckSettings()
    seen: dict[str, Answer] = {}
    findings: list[Finding] = []
    for answer in qs.answers:
        plain = richtext.to_plain(answer.text)
        if richtext.word_count(answer.text) < settings.duplicate_min_words:
            continue
        key = re.sub(r"\s+", " ", plain).strip().casefold()
        first = seen.get(key)
        if first is None:
            seen[key] = answer
            continue
        findings.append(
            Finding(
                WARNING,
                "duplicate-answer",
                tuple(answer.questions),
                f"gelijk aan {_answer_label_nl(first)}",
                f"identical to {_answer_label_en(first)}",
                {"same_as": list(first.questions)},
            )
        )
    return findings


# --------------------------------------------------------------------------- all together

Check = Callable[[QuestionSet, CheckSettings], list[Finding]]

ERROR_CHECKS: tuple[Check, ...] = (
    check_submitted_date,
    check_answers_cover_questions,
    check_placeholders,
    check_cross_references,
    check_footnotes,
)
WARNING_CHECKS: tuple[Check, ...] = (
    check_kenmerk,
    check_minister_title,
    check_long_answers,
    check_duplicate_answers,
)


def _order(f: Finding) -> tuple[int, int, int]:
    return (0 if f.is_error else 1, f.questions[0] if f.questions else 0, len(f.questions))


def run_all(
    qs: QuestionSet,
    settings: CheckSettings | None = None,
    *,
    speller: Speller | None = None,
    today: dt.date | None = None,
) -> list[Finding]:
    """Every check; errors first, then warnings, each by question number (set-wide first)."""
    settings = settings or CheckSettings()
    findings: list[Finding] = []
    for check in (*ERROR_CHECKS, *WARNING_CHECKS):
        findings.extend(check(qs, settings))
    findings.extend(check_future_dates(qs, settings, today))
    findings.extend(check_spelling(qs, settings, speller))
    return sorted(findings, key=_order)
