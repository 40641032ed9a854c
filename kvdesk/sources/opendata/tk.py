"""The Tweede Kamer's OData API: question sets (Zaak of Soort 'Schriftelijke vragen').

One set is one ``Zaak`` with its ``ZaakActor`` rows (who asked, who is addressed) and its
``Document`` rows (the questions, delay notices, the answer with its Aanhangsel number).
Pages of at most 250 follow ``@odata.nextLink``, which is treated as opaque: a sync stores
it and resumes there. Deleted records stay visible with ``Verwijderd: true``; they are read
too, so that a sync can remove them locally.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from kvdesk.core.model import Addressee, Member
from kvdesk.sources.opendata.client import OpenDataClient, OpenDataError

log = logging.getLogger(__name__)

SOORT_VRAGEN = "Schriftelijke vragen"
SOORT_ANTWOORD = ("Antwoord schriftelijke vragen", "Antwoord schriftelijke vragen (nader)")
SOORT_UITSTEL = "Mededeling (uitstel antwoord)"


@dataclass
class TkDocument:
    id: str
    soort: str
    nummer: str | None
    titel: str | None
    datum: dt.date | None
    vergaderjaar: str | None
    aanhangselnummer: str | None
    deleted: bool = False

    @property
    def aanhangsel(self) -> str | None:
        """The number within the vergaderjaar: ``"242502345"`` → ``"2345"``.

        The field is yy+yy+number; ``int()`` rather than stripping a fixed width, because
        numbers of five digits exist.
        """
        raw = (self.aanhangselnummer or "").strip()
        if len(raw) > 4 and raw.isdigit():
            return str(int(raw[4:]))
        return None


@dataclass
class Zaak:
    """One question set as the Kamer records it."""

    id: str
    nummer: str | None
    onderwerp: str | None
    started: dt.date | None
    vergaderjaar: str | None
    done: bool
    deleted: bool
    changed_at: str | None
    members: list[Member] = field(default_factory=list)
    addressees: list[Addressee] = field(default_factory=list)
    documents: list[TkDocument] = field(default_factory=list)

    @property
    def answer(self) -> TkDocument | None:
        """The (last) answer document, if the set was answered."""
        answers = [d for d in self.documents if d.soort in SOORT_ANTWOORD and not d.deleted]
        return max(answers, key=lambda d: (d.datum or dt.date.min)) if answers else None

    @property
    def question_document(self) -> TkDocument | None:
        return next((d for d in self.documents if d.soort == SOORT_VRAGEN and not d.deleted), None)

    def addressed_to(self, ministry: str) -> bool:
        """Whether one of the addressees' titles mentions ``ministry`` (case-insensitive)."""
        needle = ministry.strip().lower()
        return any(needle in a.title.lower() for a in self.addressees)


@dataclass
class ZaakPage:
    """One page of sets, and where the next one is (``None`` at the end)."""

    url: str
    zaken: list[Zaak]
    next_url: str | None


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _odata_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _odata_datetime(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def zaak_query_url(
    base: str, *, since: dt.date | None = None, until: dt.date | None = None, ministry: str | None = None,
    changed_since: str | None = None, page_size: int | None = None,
) -> str:
    """The first URL of a listing of question sets (deleted ones included)."""
    parts = [f"Soort eq {_odata_string(SOORT_VRAGEN)}"]
    if since:
        parts.append(f"GestartOp ge {_odata_datetime(since)}")
    if until:
        parts.append(f"GestartOp lt {_odata_datetime(until)}")
    if changed_since:
        parts.append(f"ApiGewijzigdOp ge {changed_since}")
    if ministry:
        parts.append(
            "ZaakActor/any(a: a/Relatie eq 'Gericht aan' and "
            f"contains(a/Functie, {_odata_string(ministry.strip())}))"
        )
    params = {
        "$filter": " and ".join(parts),
        "$orderby": "GestartOp,Id",
        "$expand": "ZaakActor,Document",
    }
    if page_size:
        params["$top"] = str(page_size)
    return base.rstrip("/") + "/Zaak?" + urlencode(params, safe="$,'():/")


_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.\s*)+")
_ROLE = re.compile(r"^(minister-president|minister|staatssecretaris)\b(?:\s+(?:van|voor)\s+(.*))?", re.I)


def member_from_actor(actor: dict[str, Any]) -> Member:
    """``"A.B. Voorbeeld"`` / ``"VVD"`` → ``Member("Voorbeeld", "VVD")`` (the name the header uses)."""
    name = str(actor.get("ActorNaam") or "").strip()
    surname = _INITIALS.sub("", name).strip() or name
    if surname[:1].islower():
        surname = surname[0].upper() + surname[1:]  # "van Vroonhoven" starts a sentence in the header
    return Member(surname, (actor.get("ActorFractie") or None))


def addressee_from_actor(actor: dict[str, Any]) -> Addressee:
    title = " ".join(str(actor.get("Functie") or actor.get("ActorNaam") or "").split())
    m = _ROLE.match(title)
    if m is None:
        return Addressee(title)
    role = m.group(1).lower()
    portfolio = m.group(2).strip() if m.group(2) else None
    return Addressee(title, role, portfolio)


def parse_zaak(data: dict[str, Any]) -> Zaak:
    """One ``Zaak`` object of the API (with expanded actors and documents)."""
    actors = [a for a in data.get("ZaakActor") or [] if isinstance(a, dict) and not a.get("Verwijderd")]
    askers = sorted(
        (a for a in actors if a.get("Relatie") in ("Indiener", "Medeindiener")),
        key=lambda a: 0 if a.get("Relatie") == "Indiener" else 1,
    )
    docs = []
    for d in data.get("Document") or []:
        if not isinstance(d, dict):
            continue
        docs.append(TkDocument(
            id=str(d.get("Id")), soort=str(d.get("Soort") or ""), nummer=d.get("DocumentNummer"),
            titel=d.get("Titel") or d.get("Onderwerp"), datum=_date(d.get("Datum")),
            vergaderjaar=d.get("Vergaderjaar"), aanhangselnummer=d.get("Aanhangselnummer"),
            deleted=bool(d.get("Verwijderd")),
        ))
    return Zaak(
        id=str(data.get("Id")),
        nummer=data.get("Nummer"),
        onderwerp=data.get("Onderwerp"),
        started=_date(data.get("GestartOp")),
        vergaderjaar=data.get("Vergaderjaar"),
        done=bool(data.get("Afgedaan")),
        deleted=bool(data.get("Verwijderd")),
        changed_at=data.get("ApiGewijzigdOp"),
        members=[member_from_actor(a) for a in askers],
        addressees=[addressee_from_actor(a) for a in actors if a.get("Relatie") == "Gericht aan"],
        documents=docs,
    )


def fetch_page(client: OpenDataClient, url: str) -> ZaakPage:
    """One page of sets from ``url`` (a first URL or an ``@odata.nextLink``)."""
    data = client.get_json(url)
    values = data.get("value")
    if not isinstance(values, list):
        raise OpenDataError("unreadable", "De Tweede Kamer-API gaf een pagina zonder 'value' terug.", url)
    zaken = [parse_zaak(v) for v in values if isinstance(v, dict)]
    next_url = data.get("@odata.nextLink")
    return ZaakPage(url, zaken, str(next_url) if next_url else None)


def iter_pages(client: OpenDataClient, first_url: str) -> Iterator[ZaakPage]:
    """Every page from ``first_url`` on, following ``@odata.nextLink``."""
    url: str | None = first_url
    while url:
        page = fetch_page(client, url)
        yield page
        url = page.next_url
        if url:
            client.pause()
