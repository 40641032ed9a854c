"""officielebekendmakingen (KOOP) XML: ``kamervragen`` with ``vraag``, ``antwoord`` and ``noot``.

Descendant paths only, since real documents nest the elements differently; older documents
(``vragen``/``omschr``/``reactie``) fall through to the generic walk. DTDs and entities are
refused: no external entity is ever resolved.
"""
from __future__ import annotations

import datetime as dt
import logging
from xml.etree.ElementTree import Element
from xml.etree.ElementTree import ParseError as XmlSyntaxError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from kvdesk.core.parsing.errors import ParseError
from kvdesk.core.parsing.normalize import MONTHS
from kvdesk.sources.readers.markup import TextBuilder

log = logging.getLogger(__name__)

_SKIP = {"metadata", "kamervraagkop", "ondertekening", "meta", "kamervraagnummer"}
_PARAGRAPH = {"al", "nr", "kamervraagomschrijving", "omschr", "tussenkop", "li", "kop", "titel"}


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def read_xml(data: bytes) -> str:
    """The text of a KOOP XML publication for the parser."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ParseError("XML met DTD of entiteiten geweigerd / XML with a DTD or entities refused.") from None
    except XmlSyntaxError as exc:
        raise ParseError(f"Ongeldige XML / invalid XML: {exc}") from None
    out = TextBuilder()
    meta = {m.get("name"): m.get("content") for m in root.iter() if _local(m.tag) == "meta"}
    kenmerk = meta.get("OVERHEIDop.vraagnummer")
    if not kenmerk:
        for el in root.iter():
            if _local(el.tag) == "kamervraagnummer" and el.text and "Z" in el.text:
                kenmerk = el.text.strip()
                break
    if kenmerk:
        out.text(kenmerk)
        out.end_paragraph()
    submitted = meta.get("OVERHEIDop.datumIndiening")
    if submitted:
        try:
            d = dt.date.fromisoformat(submitted[:10])
            out.text(f"(ingezonden {d.day} {MONTHS[d.month - 1]} {d.year})")
            out.end_paragraph()
        except ValueError:
            pass
    numbers: dict[str, int] = {}
    for k, noot in enumerate((el for el in root.iter() if _local(el.tag) == "noot"), 1):
        nr = next((c for c in noot if _local(c.tag) in ("noot.nr", "nootnr")), None)
        try:
            number = int("".join(nr.itertext()).strip()) if nr is not None else k
        except ValueError:
            number = k
        if noot.get("id"):
            numbers[noot.get("id", "")] = number
        body = " ".join(
            " ".join(c.itertext()) for c in noot if _local(c.tag) not in ("noot.nr", "nootnr")
        )
        out.note(number, body)

    def walk(el: Element) -> None:
        name = _local(el.tag)
        if name in _SKIP or name == "noot":
            out.text(el.tail)
            return
        if name == "nootref":
            number = numbers.get(el.get("refid", ""))
            if number is not None:
                out.text(f"[{number}]")
            out.text(el.tail)
            return
        if name == "kamervraagopmerking":
            out.end_paragraph()
            out.text("Mededeling")
            out.end_paragraph()
        if name in ("toelicht", "toelichting"):
            out.end_paragraph()
            out.text("Toelichting: ")
        block = name in _PARAGRAPH or name in ("vraag", "antwoord", "kamervraagopmerking", "toelicht", "reactie")
        if block:
            out.end_paragraph()
        out.text(el.text)
        for child in el:
            walk(child)
        if block:
            out.end_paragraph()
        out.text(el.tail)

    walk(root)
    return out.result()
