"""Recognising what questions and footnotes refer to, and writing a citation for a footnote.

A question set cites news articles ("AD, 18 november 2024, 'Crisis UWV …', (https://…)"),
newspapers without a link ("Telegraaf van 30 december 2025"), Kamerstukken ("Kamerstuk 36 410,
nr. 31"), the Aanhangsel ("Aanhangsel Handelingen II, vergaderjaar 2024–2025, nr. 135") and earlier
sets ("vraagnummer 2024Z14247"). :func:`detect` turns one text into :class:`Reference` values with
their ``kind`` and parsed ``parts``; :func:`detect_in_set` does a whole set; :func:`format_citation`
writes the footnote text back (medium, date, title, URL).

Pure Python: no network, no database. Where a reference lives online is decided in
:mod:`kvdesk.sources.fetch`.
"""
from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from dataclasses import dataclass

from kvdesk.core.model import QuestionSet, Reference

__all__ = [
    "KINDS",
    "MONTHS",
    "detect",
    "detect_in_set",
    "reference_key",
    "format_citation",
    "format_date_nl",
    "parse_date_nl",
    "koop_identifier",
    "search_query",
    "search_url",
    "key_terms",
    "ParsedNews",
]

KINDS = ("url", "news", "kamerstuk", "aanhangsel", "questionset")

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)
# Typed footnotes misspell months ("oktber"); the first three letters are unambiguous in Dutch.
_MONTH_BY_PREFIX = {m[:3]: i for i, m in enumerate(MONTHS, 1)}

_MONTH_WORD = r"(?:jan|feb|maa|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)[a-z]*\.?"
_DATE_LONG = re.compile(rf"\b(?P<d>[0-3]?\d)\s+(?P<m>{_MONTH_WORD})\s+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE)
_DATE_NUM = re.compile(r"\b(?P<d>[0-3]?\d)[-/.](?P<m>[01]?\d)[-/.](?P<y>(?:19|20)\d\d)\b")

# URLs end at whitespace or a closing bracket; trailing punctuation of the sentence is not part of it.
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]{}\"'«»‘’“”]+(?:\([^\s()]*\)[^\s<>()\[\]{}\"'«»‘’“”]*)*", re.IGNORECASE)
_URL_TRAIL = ".,;:!?"

# "Kamerstuk 36 410, nr. 31", "Kamerstukken II 2023/24, 36 410, nr. 31", "Kamerstuk36 600 XII, nr. 42",
# "Kamerstuk 21 501-20, nr. 2041". The dossier is five digits, often written with a space.
_KAMERSTUK = re.compile(
    r"Kamerstuk(?:ken)?\s*(?:(?P<chamber>I{1,2})\s+)?(?:(?P<year>\d{4}\s*[/–-]\s*\d{2,4}),?\s*)?"
    r"(?P<dossier>\d{2}\s?\d{3})(?:(?:\s+|-)(?P<sub>[IVXLC]+|[A-Z]{1,3}|\d{1,3}))?"
    r",?\s*nr\.?\s*(?P<nr>\d+)",
)
# "Aanhangsel Handelingen II, vergaderjaar 2024–2025, nr. 135"; "Aanhangsel van de Handelingen,
# vergaderjaar 2023–2024, nr. 76 (2023D39037)"; "Aanhangsel Handelingen II 2024/25, nr. 135".
_AANHANGSEL = re.compile(
    r"Aanhangsel\s+(?:van\s+de\s+)?Handelingen(?:\s+(?P<chamber>I{1,2}))?,?\s*(?:vergaderjaar\s*)?"
    r"(?P<y1>(?:19|20)\d\d)\s*[/–-]\s*(?P<y2>\d{2,4}),?\s*(?:Aanhangsel\s*)?nr\.?\s*(?P<nr>\d+)"
    r"(?:\s*\((?P<document>\d{4}D\d{5})\))?",
    re.IGNORECASE,
)
_KENMERK = re.compile(r"\b(?P<kenmerk>(?:19|20)\d\dZ\d{5})\b")
_QUOTED = re.compile(r"^[\s,]*(?P<q>['‘’\"“”«‚„])(?P<title>.+)(?P<e>['‘’\"“”»])[\s,.]*$", re.DOTALL)


@dataclass
class ParsedNews:
    """The pieces of a news citation: who published it, when, under which title, where."""

    medium: str | None = None
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None


# ------------------------------------------------------------------------------ dates


def parse_date_nl(text: str) -> tuple[dt.date, tuple[int, int]] | None:
    """The first Dutch date in ``text`` ("30 december 2025", "d.d. 21 oktber 2024", "17-11-2024").

    Returns the date and the span it covers, or ``None``.
    """
    for pattern in (_DATE_LONG, _DATE_NUM):
        for m in pattern.finditer(text):
            month_text = m.group("m").lower()
            if month_text.isdigit():
                month = int(month_text)
            else:
                month = _MONTH_BY_PREFIX.get("maa" if month_text.startswith("mrt") else month_text[:3], 0)
            if not 1 <= month <= 12:
                continue
            try:
                return dt.date(int(m.group("y")), month, int(m.group("d"))), m.span()
            except ValueError:
                continue
    return None


def format_date_nl(date: dt.date) -> str:
    """``31 december 2025``: the date as the letters and footnotes write it."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


# ------------------------------------------------------------------------------ detection


def _clean_url(raw: str) -> str:
    url = raw.rstrip(_URL_TRAIL)
    # A closing bracket belongs to the URL only when it opened one inside it (Wikipedia style).
    while url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1].rstrip(_URL_TRAIL)
    if url.lower().startswith("www."):
        url = "https://" + url
    return url


def find_urls(text: str) -> list[tuple[str, tuple[int, int]]]:
    """The URLs in ``text`` with their spans, cleaned of trailing punctuation."""
    return [(_clean_url(m.group(0)), m.span()) for m in _URL.finditer(text)]


def _roman_or_text(sub: str | None) -> str | None:
    return sub.strip() if sub else None


def _kamerstuk(m: re.Match[str]) -> Reference:
    dossier = m.group("dossier").replace(" ", "")
    sub = _roman_or_text(m.group("sub"))
    nr = int(m.group("nr"))
    parts: dict[str, object] = {"dossier": dossier, "volgnummer": nr}
    if sub:
        parts["dossier_sub"] = sub
    if m.group("year"):
        parts["vergaderjaar"] = re.sub(r"\s", "", m.group("year"))
    if m.group("chamber"):
        parts["kamer"] = m.group("chamber")
    ref = Reference(kind="kamerstuk", citation="", parts=parts)
    ref.citation = _canonical_parliamentary(ref)
    return ref


def _aanhangsel(m: re.Match[str]) -> Reference:
    y1 = int(m.group("y1"))
    y2_text = m.group("y2")
    y2 = int(y2_text) if len(y2_text) == 4 else (y1 // 100) * 100 + int(y2_text[-2:])
    nr = int(m.group("nr"))
    chamber = (m.group("chamber") or "II").upper()
    parts: dict[str, object] = {"vergaderjaar": f"{y1}-{y2}", "nummer": nr, "kamer": chamber}
    if m.group("document"):
        parts["document"] = m.group("document")
    return Reference(
        kind="aanhangsel",
        citation=f"Aanhangsel Handelingen {chamber}, vergaderjaar {y1}–{y2}, nr. {nr}",
        parts=parts,
    )


def _questionset(kenmerk: str) -> Reference:
    return Reference(kind="questionset", citation=f"Kamervragen {kenmerk}", parts={"kenmerk": kenmerk})


def _strip_title(text: str) -> str | None:
    text = re.sub(r"\(\s*\)", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" ,.;:–-()")
    if not text:
        return None
    m = _QUOTED.match(text)
    if m:
        text = m.group("title").strip()
    # A trailing "(nos.nl)" names the site again; it is not part of the title.
    text = re.sub(r"\s*\((?:www\.)?[a-z0-9-]+\.[a-z]{2,}\)$", "", text, flags=re.IGNORECASE).strip(" ,.;:")
    return text or None


def _normalise_medium(text: str) -> str | None:
    medium = re.sub(r"\s+", " ", text).strip(" ,.;:–-")
    medium = re.sub(r"^(?:website|de website van|het|de)\s+", "", medium, flags=re.IGNORECASE)
    # "NOS website" is NOS; "NOS Nieuws" is the name the broadcaster uses, so it stays.
    medium = re.sub(r"\s+(?:website|nieuwssite)$", "", medium, flags=re.IGNORECASE)
    medium = medium.strip(" ,.;:")
    if not medium or len(medium.split()) > 6 or _URL.search(medium):
        return None
    return medium


def parse_news(text: str, url: str | None = None) -> ParsedNews | None:
    """Read "medium, date, title, (URL)" or "medium van date"; ``None`` when there is no date.

    Without a date there is no telling a medium from a title, so such a text is left to the
    URL (if any) alone.
    """
    urls = find_urls(text)
    found = parse_date_nl(text)
    if found is None:
        return None
    date, (start, end) = found
    before = re.sub(r"\s+(?:van|d\.d\.|op|dd)\s*$", "", text[:start].rstrip(), flags=re.IGNORECASE)
    medium = _normalise_medium(before)
    rest = text[end:]
    for _u, (us, ue) in find_urls(rest):
        rest = rest[:us] + " " * (ue - us) + rest[ue:]
    title = _strip_title(rest)
    link = url or (urls[0][0] if urls else None)
    return ParsedNews(medium=medium, date=date, title=title, url=link)


def detect(text: str, *, url: str | None = None, own_kenmerk: str | None = None) -> list[Reference]:
    """The references in one text (a footnote, or a question).

    ``url`` is a link the source gave separately (the parser's ``Footnote.url``); it wins over
    one found in a text that a line break may have cut. ``own_kenmerk`` is the set's own number,
    which is no reference to an earlier set.
    """
    refs: list[Reference] = []
    taken: list[tuple[int, int]] = []
    for m in _AANHANGSEL.finditer(text):
        refs.append(_aanhangsel(m))
        taken.append(m.span())
    for m in _KAMERSTUK.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        refs.append(_kamerstuk(m))
        taken.append(m.span())
    own = (own_kenmerk or "").upper()
    for m in _KENMERK.finditer(text):
        kenmerk = m.group("kenmerk").upper()
        if kenmerk != own and not any(s <= m.start() < e for s, e in taken):
            refs.append(_questionset(kenmerk))
            taken.append(m.span())
    urls = [u for u, _span in find_urls(text)]
    if url:
        # The source's own link replaces a copy in the text that a line break cut short.
        urls = [url] + [u for u in urls if not (url.startswith(u) or u.startswith(url))]
    if refs:
        # A parliamentary reference with one link beside it: that link is where it lives.
        if len(refs) == 1 and len(urls) == 1:
            refs[0].url = urls.pop()
        # Only a text that begins with the reference (a footnote) names its title after it;
        # in a question the words around it are the question.
        if len(refs) == 1 and refs[0].kind != "questionset" and not text[: taken[0][0]].strip(" \t(["):
            s, e = taken[0]
            rest = text[:s] + " " * (e - s) + text[e:]
            for _u, (us, ue) in find_urls(rest):
                rest = rest[:us] + " " * (ue - us) + rest[ue:]
            title = _strip_title(rest)
            if title and len(title) < 300 and not _KENMERK.fullmatch(title.strip("() ")):
                refs[0].title = title
        for r in refs:
            r.citation = _citation_with_text(r, text)
        refs.extend(_url_reference(u, text) for u in urls)
        return refs
    news = parse_news(text, url)
    if news is not None and news.medium:
        ref = Reference(kind="news", citation=_one_line(text), url=news.url, title=news.title,
                        published_on=news.date, parts={"medium": news.medium})
        if news.date:
            ref.parts["date"] = news.date.isoformat()
        if news.title:
            ref.parts["title"] = news.title
        refs.append(ref)
        urls = [u for u in urls if u != news.url]
    refs.extend(_url_reference(u, text) for u in urls)
    return refs


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _citation_with_text(ref: Reference, text: str) -> str:
    """The citation as the source wrote it when the text is about this reference only."""
    clean = _one_line(text)
    return clean if len(clean) <= 300 and clean.lower().startswith(("kamerstuk", "aanhangsel")) else ref.citation


def _url_reference(url: str, text: str) -> Reference:
    host = urllib.parse.urlsplit(url).hostname or ""
    parts: dict[str, object] = {"host": host}
    without = text
    for _u, (s, e) in find_urls(text):
        without = without[:s] + " " * (e - s) + without[e:]
    label = _strip_title(without)
    if label and len(label) < 300:
        parts["label"] = label
    return Reference(kind="url", citation=_one_line(text) if label else url, url=url, parts=parts)


def reference_key(ref: Reference) -> str:
    """What makes two references the same thing (to merge duplicates and keep fetched text)."""
    p = ref.parts
    if ref.kind == "kamerstuk":
        return f"kst:{p.get('dossier')}:{p.get('dossier_sub') or ''}:{p.get('volgnummer')}"
    if ref.kind == "aanhangsel":
        return f"ah:{p.get('kamer', 'II')}:{p.get('vergaderjaar')}:{p.get('nummer')}"
    if ref.kind == "questionset":
        return f"kv:{p.get('kenmerk')}"
    if ref.url:
        return "url:" + _normal_url(ref.url)
    return f"{ref.kind}:{_one_line(ref.citation).lower()}"


def _normal_url(url: str) -> str:
    s = urllib.parse.urlsplit(url.strip())
    return urllib.parse.urlunsplit((s.scheme.lower(), s.netloc.lower(), s.path.rstrip("/") or "/", s.query, ""))


_SUBJECT_TITLE = re.compile(r"(?:het\s+)?(?:artikel|bericht|nieuwsbericht|item)\s*['‘’\"“”«](?P<t>[^'’\"”»]+)['‘’\"“”»]",
                            re.IGNORECASE)


def detect_in_set(qs: QuestionSet) -> list[Reference]:
    """Every reference in a set's footnotes and question text, merged, with the questions that cite it.

    A newspaper footnote without a title or a link takes the title from the set's subject ("over
    het artikel '…'") when the set cites exactly one such article; ``parts['title_from']`` says so.
    """
    found: dict[str, Reference] = {}
    citing: dict[int, list[int]] = {}
    for q in qs.questions:
        for n in q.footnotes:
            citing.setdefault(n, []).append(q.number)

    def add(ref: Reference, questions: list[int]) -> None:
        key = reference_key(ref)
        have = found.get(key)
        if have is None:
            ref.questions = sorted(set(questions))
            found[key] = ref
            return
        have.questions = sorted(set(have.questions) | set(questions))
        if have.footnote is None:
            have.footnote = ref.footnote

    for fn in qs.footnotes:
        for ref in detect(fn.text, url=fn.url, own_kenmerk=qs.kenmerk):
            ref.footnote = fn.number
            add(ref, citing.get(fn.number, []))
    for q in qs.questions:
        for ref in detect(q.text, own_kenmerk=qs.kenmerk):
            add(ref, [q.number])
    refs = list(found.values())
    # A linked article gets its title when fetched; the subject helps the one without a link.
    untitled = [r for r in refs if r.kind == "news" and not r.title and not r.url]
    subject = " ".join(x for x in (qs.subject, qs.header) if x)
    m = _SUBJECT_TITLE.search(subject) if subject else None
    if len(untitled) == 1 and m:
        untitled[0].title = m.group("t").strip()
        untitled[0].parts["title"] = untitled[0].title
        untitled[0].parts["title_from"] = "onderwerp"
    return refs


# ------------------------------------------------------------------------------ where it lives


def koop_identifier(ref: Reference) -> str | None:
    """The officielebekendmakingen identifier of a Kamerstuk, Aanhangsel or question set.

    ``kst-36410-31``, ``kst-36600-XII-42``, ``ah-tk-20242025-135``, ``kv-tk-2024Z14247``.
    """
    p = ref.parts
    if ref.kind == "kamerstuk" and p.get("dossier") and p.get("volgnummer"):
        sub = f"-{p['dossier_sub']}" if p.get("dossier_sub") else ""
        return f"kst-{p['dossier']}{sub}-{p['volgnummer']}"
    if ref.kind == "aanhangsel" and p.get("vergaderjaar") and p.get("nummer"):
        chamber = "ek" if str(p.get("kamer", "II")).upper() == "I" else "tk"
        return f"ah-{chamber}-{str(p['vergaderjaar']).replace('-', '')}-{p['nummer']}"
    if ref.kind == "questionset" and p.get("kenmerk"):
        return f"kv-tk-{p['kenmerk']}"
    return None


# ------------------------------------------------------------------------------ citing


def format_citation(ref: Reference) -> str:
    """The footnote text for ``ref``: medium, date, title, URL — as the Kamer's footnotes write them.

    ``AD, 18 november 2024, 'Crisis UWV nog groter' (https://www.ad.nl/…)``;
    ``Kamerstuk 36 410, nr. 31``; ``Aanhangsel Handelingen II, vergaderjaar 2024–2025, nr. 135``.
    """
    if ref.kind in ("kamerstuk", "aanhangsel", "questionset"):
        base = _canonical_parliamentary(ref)
        if ref.title and ref.kind != "questionset":
            base = f"{base}, {ref.title}"
        return f"{base} ({ref.url})" if ref.url else base
    pieces: list[str] = []
    medium = ref.parts.get("medium") or ref.parts.get("sitename")
    if medium:
        pieces.append(str(medium))
    if ref.published_on:
        pieces.append(format_date_nl(ref.published_on))
    if ref.title:
        pieces.append(f"'{ref.title}'")
    if not pieces:
        label = ref.parts.get("label")
        if label:
            pieces.append(str(label))
    text = ", ".join(pieces)
    if ref.url:
        return f"{text} ({ref.url})" if text else ref.url
    return text or _one_line(ref.citation)


def _canonical_parliamentary(ref: Reference) -> str:
    p = ref.parts
    if ref.kind == "kamerstuk":
        dossier = str(p.get("dossier", ""))
        sub = p.get("dossier_sub")
        shown = f"{dossier[:2]} {dossier[2:]}" if len(dossier) == 5 else dossier
        if sub:
            shown += f"-{sub}" if str(sub).isdigit() else f" {sub}"
        return f"Kamerstuk {shown}, nr. {p.get('volgnummer')}"
    if ref.kind == "aanhangsel":
        year = str(p.get("vergaderjaar", "")).replace("-", "–")
        return f"Aanhangsel Handelingen {p.get('kamer', 'II')}, vergaderjaar {year}, nr. {p.get('nummer')}"
    return f"Kamervragen {p.get('kenmerk')}"


def search_query(ref: Reference) -> str:
    """What to type into a search engine to find a citation that has no link."""
    pieces = [str(ref.parts.get("medium") or ""), ref.title or ""]
    if ref.published_on:
        pieces.append(format_date_nl(ref.published_on))
    query = " ".join(p for p in pieces if p).strip()
    return query or _one_line(ref.citation)


def search_url(ref: Reference, template: str = "https://duckduckgo.com/?q={query}") -> str:
    """A search link for ``ref``; ``template`` holds ``{query}`` (URL-encoded here)."""
    return template.replace("{query}", urllib.parse.quote_plus(search_query(ref)))


# ------------------------------------------------------------------------------ reading aid

# Function words and the words every Kamervraag uses; highlighting them would mark everything.
_STOP_WORDS = """
aan al alle als andere ben bent bij dan dat de deze die dit door dus een en er ernaar ervan
geen had heb hebben heeft het hier hij hoe hun ik in is je kan kunnen kunt leden lid maar
meer met mij minister na naar niet nog nu of om omdat ons onder ook op over staatssecretaris
te tegen tot u uit uw van veel voor waar wanneer wat welke werd wie wij wil worden wordt zal
zich zijn zo zou zouden bent bekend bericht berichtgeving artikel kabinet hierover daarvan
daarover heeft hebt welk welke wijze mening oordeel bereid toe zo ja nee hoeveel waarom
kent reden redenen gaan gaat moet moeten mogelijk mogelijkheid kamer tweede ervoor hiervan
"""
_STOP = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]*[A-Za-zÀ-ÿ]")


def key_terms(text: str, *, limit: int = 12, min_length: int = 4) -> list[str]:
    """The words of a question worth highlighting in a source: no function words, longest first."""
    seen: dict[str, str] = {}
    for m in _WORD.finditer(text):
        word = m.group(0)
        low = word.lower()
        if len(low) < min_length or low in _STOP or low in seen:
            continue
        seen[low] = word
    ordered = sorted(seen.values(), key=lambda w: (-len(w), w.lower()))
    return ordered[:limit]
