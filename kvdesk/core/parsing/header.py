"""The header sentence: who asks whom about what, and when.

"Vragen van de leden Kröger en Gabriëls (beiden GroenLinks-PvdA) aan de Minister van Klimaat en
Groene Groei over … (ingezonden 20 november 2024)." The grammar is lenient: real headers say
"Vragen van leden", "van het leden", "de leden lid", put spaces before commas, name parties in
full, and group members as "(beiden …)", "(allen …)" or one by one.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field

from kvdesk.core.model import Addressee, Member
from kvdesk.core.parsing import dates
from kvdesk.core.parsing.portfolios import canonical, match_portfolio

log = logging.getLogger(__name__)

HEADER_START = re.compile(
    r"^(?:(?P<kind>Mondelinge|Aanvullende|Nadere|Schriftelijke)\s+)?Vra(?:gen|ag)\s+(?:gesteld\s+)?(?:van|door)\s+"
    r"(?:het\s+|de\s+)?(?:lid|leden)\b",
    re.I,
)
_LEADING = re.compile(r"^(?:het\s+|de\s+)?(?:lid|leden)(?:\s+lid)?\s+", re.I)
_ROLE_WORD = (
    r"(?:minister[\s-]*president|ministers?|staatssecretariss?(?:en)?|premier|regering|bewindspersonen|"
    r"minister\s+en\s+(?:de\s+)?staatssecretaris)"
)
_AAN = re.compile(r"\s+aan\s+(?:de\s+|het\s+)?(?=" + _ROLE_WORD + r"\b)", re.I)
_OVER = re.compile(r"\s*,?\s*\bover(?:\s+|(?=(?:de|het|een|hun|uw)\s))", re.I)
_INGEZONDEN = re.compile(r"\(?\s*ingezonden(?:\s+op)?\s*" + dates.DATE + r"\s*\)?\.?", re.I)
_GROUP = re.compile(r"^(?:beiden|allen|allebei|both|all)\s+", re.I)
_SEP = re.compile(r"\s*,\s*|\s+en\s+|\s*&\s*")


@dataclass
class Header:
    """What the header sentence says."""

    text: str
    kind: str = "schriftelijk"
    members: list[Member] = field(default_factory=list)
    addressees: list[Addressee] = field(default_factory=list)
    subject: str | None = None
    submitted_on: dt.date | None = None
    warnings: list[str] = field(default_factory=list)


def parse_header(text: str) -> Header:
    """Read the header sentence (newlines already joined into spaces)."""
    text = " ".join(text.split())
    head = Header(text=text.rstrip())
    m = HEADER_START.match(text)
    if m and (m.group("kind") or "").lower() == "mondelinge":
        head.kind = "mondeling"
    head.submitted_on = dates.ingezonden(text)
    body = _INGEZONDEN.sub("", text).strip()
    body = re.sub(r"^(?:(?:Mondelinge|Aanvullende|Nadere|Schriftelijke)\s+)?Vra(?:gen|ag)\s+(?:gesteld\s+)?(?:van|door)\s+",
                  "", body, flags=re.I)
    aan = _AAN.search(body)
    if not aan:
        head.warnings.append("De aanhef noemt geen bewindspersoon ('aan de minister …') / no addressee found.")
        members_part, rest = body, ""
    else:
        members_part, rest = body[: aan.start()], body[aan.end():]
    head.members, warn = parse_members(members_part)
    head.warnings.extend(warn)
    if rest:
        over = _OVER.search(rest)
        if over:
            addressees_part, subject = rest[: over.start()], rest[over.end():]
        else:
            addressees_part, subject = rest, ""
            head.warnings.append("De aanhef noemt geen onderwerp ('over …') / no subject found.")
        head.addressees, warn = parse_addressees(addressees_part)
        head.warnings.extend(warn)
        subject = subject.strip().rstrip(".").strip()
        head.subject = subject or None
    return head


def parse_members(text: str) -> tuple[list[Member], list[str]]:
    """Members and parties from "Boswijk, Jumelet (beiden CDA), Grinwis (ChristenUnie) en …"."""
    warnings: list[str] = []
    text = _LEADING.sub("", " ".join(text.split()).strip(" ,"))
    members: list[Member] = []
    pending: list[Member] = []
    pos = 0
    for m in re.finditer(r"\(([^()]*)\)", text):
        raw = text[pos: m.start()]
        names = _names(raw)
        pos = m.end()
        inner = m.group(1).strip()
        # "(beiden X)", "(allen X)", and the older "het lid A en het lid B (X)" name one party for all
        group = _GROUP.match(inner) or re.search(r"\ben\s+het\s+lid\b", raw, re.I)
        party = _GROUP.sub("", inner).strip() or None
        new = [Member(name=n) for n in names]
        members.extend(new)
        pending.extend(new)
        if not pending:
            continue
        if group:
            for member in pending:
                member.party = party
        else:
            pending[-1].party = party
            if len(pending) > 1 and len(new) > 1:
                unsure = ", ".join(p.name for p in pending[:-1])
                warnings.append(f"Partij van {unsure} niet genoemd / party not stated.")
        pending = []
    for n in _names(text[pos:]):
        members.append(Member(name=n))
    if not members:
        warnings.append("Geen Kamerleden gevonden in de aanhef / no members found.")
    return members, warnings


def _names(text: str) -> list[str]:
    out = []
    for part in _SEP.split(text):
        part = _LEADING.sub("", part.strip(" ,.;"))
        part = re.sub(r"^(?:het|de)\s+lid\s+", "", part, flags=re.I)
        if part and any(c.isalpha() for c in part):
            out.append(part)
    return out


_ROLE_AT = re.compile(
    r"(?:de\s+|het\s+)?(?P<role>minister[\s-]*president|minister\s+en\s+(?:de\s+)?staatssecretaris|"
    r"ministers?|staatssecretariss?(?:en)?|premier|regering)\b",
    re.I,
)
_PREP = re.compile(r"\s*(van|voor)\s+", re.I)
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:en\s+)?|\s+en\s+|\s*en(?=\s*(?:van|voor)\s))\s*(?:(van|voor)\s+)?", re.I)
_NEXT_ROLE = re.compile(r"(?:\s*,\s*|\s+en\s+)(?:de\s+|het\s+)?(?=(?:minister|staatssecretaris|premier)s?\b)", re.I)
_ABSENCE = re.compile(r",?\s*bij afwezigheid van\s+(.*)$", re.I)


def parse_addressees(text: str) -> tuple[list[Addressee], list[str]]:
    """Structured addressees from "de ministers van Buitenlandse Zaken en van Klimaat en Groene Groei"."""
    warnings: list[str] = []
    text = " ".join(text.split()).strip(" ,.")
    absent = _ABSENCE.search(text)
    if absent:
        warnings.append(f"Gesteld bij afwezigheid van {absent.group(1).strip(' ,')}.")
        text = text[: absent.start()]
    out: list[Addressee] = []
    pos = 0
    n = len(text)
    while pos < n:
        m = _ROLE_AT.match(text, pos)
        if not m:
            rest = text[pos:].strip(" ,")
            if rest:
                out.append(Addressee(title=rest))
                warnings.append(f"Bewindspersoon niet herkend: '{rest}' / addressee not recognised.")
            break
        role_word = m.group("role").lower()
        pos = m.end()
        roles: list[str]
        if "president" in role_word or role_word == "premier":
            out.append(Addressee(title="minister-president", role="minister-president", portfolio=None))
            tail = re.match(r"\s*,?\s*minister van algemene zaken\b", text[pos:], re.I)
            pos += tail.end() if tail else 0
            nxt = _NEXT_ROLE.match(text, pos)
            if nxt:
                pos = nxt.end()
                continue
            rest = text[pos:].strip(" ,.")
            if rest:
                warnings.append(f"Rest van de aanhef niet begrepen: '{rest}' / could not read the rest.")
            break
        if role_word == "regering":
            out.append(Addressee(title="regering"))
            break
        if "en" in role_word.split():
            roles = ["minister", "staatssecretaris"]
        elif role_word.startswith("staatssecretaris"):
            roles = ["staatssecretaris"]
        else:
            roles = ["minister"]
        prep_m = _PREP.match(text, pos)
        if not prep_m:
            out.append(Addressee(title=role_word, role=roles[0]))
            warnings.append(f"Portefeuille van de {role_word} niet gevonden / portfolio not found.")
            break
        prep = prep_m.group(1).lower()
        pos = prep_m.end()
        portfolios, pos = _portfolio_list(text, pos, prep)
        for role in roles:
            for p_prep, portfolio in portfolios:
                out.append(Addressee(title=f"{role} {p_prep} {portfolio}", role=role, portfolio=portfolio))
        nxt = _NEXT_ROLE.match(text, pos)
        if nxt:
            pos = nxt.end()
            continue
        rest = text[pos:].strip(" ,.")
        if rest:
            warnings.append(f"Rest van de aanhef niet begrepen: '{rest}' / could not read the rest.")
        break
    return out, warnings


def _portfolio_list(text: str, pos: int, prep: str) -> tuple[list[tuple[str, str]], int]:
    """Portfolios from ``pos`` on: known names first, else up to the next role or the end."""
    items: list[tuple[str, str]] = []
    n = len(text)
    while pos < n:
        known = match_portfolio(text, pos)
        if known:
            name, end = known
            items.append((prep, name))
            pos = end
        else:
            stop = _NEXT_ROLE.search(text, pos)
            end = stop.start() if stop else n
            chunk = text[pos:end]
            # An unknown portfolio runs to the next "en van"/"en voor" (or the end).
            sub = re.search(r"\s*,?\s+en\s+(?=(?:van|voor)\s)|\s*,\s*(?=(?:van|voor)\s)", chunk, re.I)
            if sub:
                chunk = chunk[: sub.start()]
                end = pos + sub.start()
            name = canonical(chunk.strip(" ,."))
            if name:
                items.append((prep, name))
            pos = end
        if _NEXT_ROLE.match(text, pos):
            break
        sep = _LIST_SEP.match(text, pos)
        if not sep or sep.end() == pos:
            break
        after = sep.end()
        if after >= n or (_ROLE_AT.match(text, after) and not sep.group(1)):
            break
        if sep.group(1):
            prep = sep.group(1).lower()
        pos = after
    return items, pos


_ANSWERER = re.compile(r"^(?P<what>Antwoord|Mededeling)\s+van\s+(?P<who>.+)$", re.I | re.S)
_ZIE_OOK = re.compile(r"\.?\s*Zie ook\b.*$", re.I | re.S)
_RECEIVED = re.compile(r"\s*\(\s*ontvangen[^)]*\)?\s*\.?", re.I)


def parse_answerer(text: str) -> tuple[str | None, dt.date | None, bool]:
    """The answerer, the received date and whether it is a delay notice.

    "Antwoord van Minister Van Weel (Justitie en Veiligheid) en antwoord van Staatssecretaris
    Coenradie (Justitie en Veiligheid) (ontvangen 14 november 2024)." gives
    "Minister Van Weel (Justitie en Veiligheid) en Staatssecretaris Coenradie (…)".
    """
    text = " ".join(text.split())
    m = _ANSWERER.match(text)
    if not m:
        return None, None, False
    received = dates.ontvangen(text)
    who = _ZIE_OOK.sub("", m.group("who"))
    who = _RECEIVED.sub(" ", who)
    who = re.sub(r"\s+en\s+(?:antwoord\s+)?van\s+(?=(?:minister|staatssecretaris)\b)", " en ", who, flags=re.I)
    who = " ".join(who.split()).strip(" .,")
    return (who or None), received, m.group("what").lower() == "mededeling"
