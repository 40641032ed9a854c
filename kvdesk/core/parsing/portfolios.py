"""Names of ministries and ministers' portfolios, to split lists of addressees correctly.

Portfolio names contain commas and "en" themselves ("Volksgezondheid, Welzijn en Sport"), so
"aan de Staatssecretarissen van Onderwijs, Cultuur en Wetenschap en Volksgezondheid, Welzijn
en Sport" can only be split by knowing the names. Matching ignores case and spaces, which also
repairs PDF glue ("Klimaaten Groene Groei"). A name not in the list is still read, by grammar.
"""
from __future__ import annotations

import re
from functools import lru_cache

PORTFOLIOS: tuple[str, ...] = (
    # ministries (current and recent cabinets)
    "Algemene Zaken",
    "Asiel en Migratie",
    "Binnenlandse Zaken en Koninkrijksrelaties",
    "Buitenlandse Zaken",
    "Defensie",
    "Economische Zaken",
    "Economische Zaken en Klimaat",
    "Economische Zaken, Landbouw en Innovatie",
    "Financiën",
    "Infrastructuur en Milieu",
    "Infrastructuur en Waterstaat",
    "Justitie en Veiligheid",
    "Veiligheid en Justitie",
    "Klimaat en Groene Groei",
    "Landbouw, Natuur en Voedselkwaliteit",
    "Landbouw, Visserij, Voedselzekerheid en Natuur",
    "Onderwijs, Cultuur en Wetenschap",
    "Sociale Zaken en Werkgelegenheid",
    "Volksgezondheid, Welzijn en Sport",
    "Volkshuisvesting en Ruimtelijke Ordening",
    "Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer",
    "Verkeer en Waterstaat",
    "Landbouw, Natuur en Voedselkwaliteit",
    # ministers without a ministry ("minister voor ...") and state secretaries' portfolios
    "Buitenlandse Handel en Ontwikkelingshulp",
    "Buitenlandse Handel en Ontwikkelingssamenwerking",
    "Ontwikkelingssamenwerking",
    "Natuur en Stikstof",
    "Klimaat en Energie",
    "Primair en Voortgezet Onderwijs",
    "Basis- en Voortgezet Onderwijs en Media",
    "Basis- en Voortgezet Onderwijs",
    "Langdurige Zorg en Sport",
    "Medische Zorg",
    "Medische Zorg en Sport",
    "Jeugd, Preventie en Sport",
    "Armoedebeleid, Participatie en Pensioenen",
    "Rechtsbescherming",
    "Migratie",
    "Wonen en Rijksdienst",
    "Jeugd en Gezin",
    "Europese Zaken",
    "Koninkrijksrelaties en Digitalisering",
    "Digitalisering en Koninkrijksrelaties",
    "Herstel Groningen",
    "Mijnbouw",
    "Cultuur en Media",
    "Toeslagen en Douane",
    "Fiscaliteit en Belastingdienst",
    "Fiscaliteit, Belastingdienst en Douane",
    "Herstel Toeslagen",
    "Participatie en Integratie",
    "Hoger Onderwijs en Wetenschap",
)


def _pattern(name: str) -> str:
    # Spaces may be missing (PDF glue) or doubled; case is free.
    return r"\s*".join(re.escape(part) for part in name.split())


@lru_cache(maxsize=1)
def _regex() -> re.Pattern[str]:
    names = sorted(set(PORTFOLIOS), key=len, reverse=True)
    return re.compile("|".join(f"(?:{_pattern(n)})" for n in names), re.I)


@lru_cache(maxsize=1)
def _canonical() -> dict[str, str]:
    return {re.sub(r"\s+", "", n).lower(): n for n in PORTFOLIOS}


def match_portfolio(text: str, pos: int = 0) -> tuple[str, int] | None:
    """The known portfolio at ``pos`` (canonical spelling) and where it ends, or ``None``."""
    m = _regex().match(text, pos)
    if not m:
        return None
    end = m.end()
    # A name must end at a word boundary ("Defensie" in "Defensieverdrag" is no match).
    if end < len(text) and (text[end].isalnum()):
        # "Klimaaten Groene" style glue only happens inside a name, never at its end
        return None
    key = re.sub(r"\s+", "", m.group(0)).lower()
    return _canonical().get(key, m.group(0)), end


def canonical(name: str) -> str:
    """The known spelling of a portfolio, or the name itself (tidied) when unknown."""
    key = re.sub(r"\s+", "", name).lower()
    return _canonical().get(key, " ".join(name.split()))
