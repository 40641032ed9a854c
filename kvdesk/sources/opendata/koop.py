"""officielebekendmakingen (KOOP): the SRU search and the published XML of Kamervragen.

The answered set is published in the Aanhangsel van de Handelingen (``ah-tk-…``) with
``<vraag>`` / ``<antwoord>`` pairs; a set without answer as ``kv-tk-<kenmerk>``. The link from
a kenmerk to its publications is the SRU field ``vraagnummer``; the XML is fetched from the
record's own ``itemUrl`` (repository paths are never built by hand). Element paths are
descendant paths, because the wrapping of ``<kamervragen>`` differs between years.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeET

from kvdesk.core.model import Answer, Footnote, Question
from kvdesk.sources.opendata.client import OpenDataClient, OpenDataError

log = logging.getLogger(__name__)

PUBLICATIE_ANTWOORD = "Kamervragen (Aanhangsel)"
PUBLICATIE_VRAGEN = "Kamervragen zonder antwoord"


@dataclass
class SruRecord:
    """One search hit: a publication and where its XML is."""

    identifier: str
    publicatienaam: str | None
    vraagnummer: str | None
    aanhangselnummer: str | None
    vergaderjaar: str | None
    title: str | None
    date: dt.date | None
    xml_url: str | None


@dataclass
class Publication:
    """The texts of a published set, ready to become a question set."""

    identifier: str | None
    kenmerk: str | None
    vergaderjaar: str | None
    aanhangsel: str | None
    header: str | None
    subject: str | None
    submitted_on: dt.date | None
    answerer: str | None
    questions: list[Question] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _find(el: Element, name: str) -> Element | None:
    for child in el.iter():
        if _local(child.tag) == name:
            return child
    return None


def _find_all(el: Element, name: str) -> list[Element]:
    return [child for child in el.iter() if _local(child.tag) == name]


def _text(el: Element | None) -> str | None:
    if el is None:
        return None
    value = " ".join("".join(el.itertext()).split())
    return value or None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "")[:10]) if value else None
    except ValueError:
        return None


def _parse_xml(body: bytes, url: str) -> Element:
    try:
        return SafeET.fromstring(body)
    except SafeET.ParseError as exc:
        raise OpenDataError("unreadable", f"Het document van {url} is geen leesbare XML ({exc}).", url) from None


def sru_query_for(kenmerk: str) -> str:
    """The CQL query for the publications of set ``kenmerk``."""
    return f'c.product-area==officielepublicaties and w.vraagnummer=="{kenmerk}"'


def search(client: OpenDataClient, query: str, *, start: int = 1, maximum: int = 50) -> tuple[list[SruRecord], int | None]:
    """One page of SRU results and the next ``startRecord`` (``None`` at the end)."""
    params = {
        "operation": "searchRetrieve", "version": "2.0", "query": query,
        "startRecord": str(start), "maximumRecords": str(maximum),
    }
    url = client.config.sru_base
    resp = client.get(url, params)
    root = _parse_xml(resp.content, url)
    records = []
    for rec in _find_all(root, "record"):
        xml_url = None
        for item in _find_all(rec, "itemUrl"):
            if item.get("manifestation") == "xml":
                xml_url = (item.text or "").strip() or None
        if xml_url is None:
            xml_url = _text(_find(rec, "url"))
        records.append(SruRecord(
            identifier=_text(_find(rec, "identifier")) or "",
            publicatienaam=_text(_find(rec, "publicatienaam")),
            vraagnummer=_text(_find(rec, "vraagnummer")),
            aanhangselnummer=_text(_find(rec, "aanhangselnummer")),
            vergaderjaar=_text(_find(rec, "vergaderjaar")),
            title=_text(_find(rec, "title")),
            date=_date(_text(_find(rec, "date"))),
            xml_url=xml_url,
        ))
    nxt = _text(_find(root, "nextRecordPosition"))
    return records, int(nxt) if nxt and nxt.isdigit() else None


def publications_for(client: OpenDataClient, kenmerk: str) -> list[SruRecord]:
    """The publications of set ``kenmerk`` (answer, delay notices, the questions as sent)."""
    records, _next = search(client, sru_query_for(kenmerk))
    # The query names the kenmerk, but check: a mirror may ignore parts of a query.
    return [r for r in records if (r.vraagnummer or "").upper() == kenmerk.upper()]


def fetch_publication(client: OpenDataClient, url: str) -> Publication:
    """Download and read one publication's XML."""
    resp = client.get(url)
    ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
    final = str(resp.url).lower()
    # officielebekendmakingen answers a missing document with HTTP 200 and an error page.
    if ctype in ("text/html", "application/xhtml+xml") or "fout404" in final or "/errors/404" in final:
        raise OpenDataError("unreadable", f"{url} is niet (meer) gepubliceerd: de server gaf een foutpagina.", url)
    root = _parse_xml(resp.content, url)
    if not _find_all(root, "vraag"):
        raise OpenDataError("unreadable", f"{url} bevat geen Kamervragen.", url)
    return parse_publication(resp.content, url)


_NUMBERS = re.compile(r"\d+")


def _numbers(label: str | None) -> list[int]:
    """``"Antwoord 2 en 3"`` → ``[2, 3]``; ``"Vraag 5, 6 en 7"`` → ``[5, 6, 7]``."""
    return [int(n) for n in _NUMBERS.findall(label or "")]


def _paragraphs(el: Element, skip: tuple[str, ...] = ("nr", "noot")) -> list[str]:
    """The text of the ``<al>`` paragraphs of ``el``, footnotes and numbering left out."""
    out = []
    for al in el.iter():
        if _local(al.tag) != "al" or any(_local(p.tag) in skip for p in _ancestors(el, al)):
            continue
        text = " ".join(_text_without(al, skip).split())
        if text:
            out.append(text)
    return out


def _ancestors(root: Element, target: Element) -> list[Element]:
    path: list[Element] = []

    def walk(node: Element) -> bool:
        for child in node:
            if child is target:
                return True
            path.append(child)
            if walk(child):
                return True
            path.pop()
        return False

    walk(root)
    return path


def _text_without(el: Element, skip: tuple[str, ...]) -> str:
    parts = [el.text or ""]
    for child in el:
        if _local(child.tag) not in skip:
            parts.append(_text_without(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)


def _escape_markdown(text: str) -> str:
    # Published text is plain; characters that mean markup in the answer format are escaped.
    return re.sub(r"([\\*_\[\]`])", r"\\\1", text)


def parse_publication(body: bytes, url: str = "") -> Publication:
    """Read the KOOP XML of a Kamervragen publication (with or without answers)."""
    root = _parse_xml(body, url)
    meta = {m.get("name"): m.get("content") for m in _find_all(root, "meta") if m.get("name")}
    vraag_omschrijving = next((e for e in _find_all(root, "kamervraagomschrijving") if e.get("type") == "vraag"), None)
    antwoord_omschrijving = next(
        (e for e in _find_all(root, "kamervraagomschrijving") if e.get("type") == "antwoord"), None)
    submitted = None
    if vraag_omschrijving is not None:
        datum = _find(vraag_omschrijving, "datum")
        submitted = _date(datum.get("isodatum") if datum is not None else None)
    pub = Publication(
        identifier=meta.get("DC.identifier"),
        kenmerk=meta.get("OVERHEIDop.vraagnummer"),
        vergaderjaar=meta.get("OVERHEIDop.vergaderjaar"),
        aanhangsel=meta.get("OVERHEIDop.aanhangselnummer"),
        header=_text(vraag_omschrijving),
        subject=_text(_find(root, "kamervraagonderwerp")),
        submitted_on=submitted or _date(meta.get("OVERHEIDop.datumIndiening")),
        answerer=_text(antwoord_omschrijving),
    )
    footnote_numbers: dict[str, int] = {}
    for vraag in _find_all(root, "vraag"):
        numbers = _numbers(_text(_find(vraag, "nr")))
        notes = []
        for noot in _find_all(vraag, "noot"):
            n = _numbers(_text(_find(noot, "noot.nr")))
            number = n[0] if n else len(pub.footnotes) + 1
            link = _find(noot, "extref")
            pub.footnotes.append(Footnote(number, _text(_find(noot, "noot.al")) or "",
                                          link.get("doc") if link is not None else None))
            if noot.get("id"):
                footnote_numbers[noot.get("id") or ""] = number
            notes.append(number)
        text = " ".join(_paragraphs(vraag))
        if not numbers or not text:
            continue
        # "Vraag 4 en 5" printed as one item: the text belongs to the first number.
        pub.questions.append(Question(numbers[0], text, notes))
        for extra in numbers[1:]:
            pub.questions.append(Question(extra, "", []))
    for antwoord in _find_all(root, "antwoord"):
        numbers = _numbers(_text(_find(antwoord, "nr")))
        paras = _paragraphs(antwoord)
        if numbers and paras:
            pub.answers.append(Answer(numbers, "\n\n".join(_escape_markdown(p) for p in paras)))
    pub.questions.sort(key=lambda q: q.number)
    return pub
