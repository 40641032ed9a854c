"""Who answers, and the Dutch phrases the letters build from a question set.

By default the first minister addressed answers, "mede namens" the others; the user may choose
another answerer, or two answerers (as real answers sometimes have). The phrases follow the
published letters: "de leden Boswijk, Jumelet (beiden CDA), Peter de Groot, … en Klos (beiden
D66)", "Vraag 2 en 3", "(ingezonden 31 december 2025)".
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kvdesk.core.model import Addressee, Member, QuestionSet
from kvdesk.export.dates import dutch_date
from kvdesk.export.errors import ExportInputError


@dataclass(frozen=True)
class Answerer:
    """One post that answers: ``title`` as addressed ("minister van Buitenlandse Zaken")."""

    title: str
    portfolio: str | None = None

    @property
    def with_article(self) -> str:
        """``de minister van Buitenlandse Zaken``."""
        return with_article(self.title)

    @property
    def signature_line(self) -> str:
        """``De minister van Buitenlandse Zaken,``."""
        return capitalize_first(self.with_article) + ","


@dataclass(frozen=True)
class Answering:
    """The answerers (one or two) and the posts they answer on behalf of."""

    answerers: tuple[Answerer, ...]
    on_behalf_of: tuple[Answerer, ...] = ()

    @property
    def plural(self) -> bool:
        return len(self.answerers) > 1

    @property
    def by(self) -> str:
        """``de minister van X`` or ``de minister van X en de staatssecretaris van Y``."""
        return join_nl([a.with_article for a in self.answerers])

    @property
    def mede_namens(self) -> str:
        """``mede namens de minister van Y`` or ``""``."""
        if not self.on_behalf_of:
            return ""
        return "mede namens " + join_nl([a.with_article for a in self.on_behalf_of])


AnswererChoice = str | Addressee | Answerer


def choose_answering(qs: QuestionSet, answerer: AnswererChoice | Sequence[AnswererChoice] | None = None) -> Answering:
    """Who answers ``qs``: ``answerer`` (one or two posts) or else the first addressee.

    Every addressee that does not answer is named "mede namens". A title string that matches
    an addressee (case-insensitive) takes that addressee's portfolio.
    """
    addressees = [_from_addressee(a) for a in qs.addressees]
    if answerer is None or (isinstance(answerer, Sequence) and not isinstance(answerer, str) and not answerer):
        if not addressees:
            raise ExportInputError("Niet bekend aan wie de vragen zijn gesteld: kies wie antwoordt.")
        chosen = [addressees[0]]
    else:
        items = [answerer] if isinstance(answerer, (str, Addressee, Answerer)) else list(answerer)
        if len(items) > 2:
            raise ExportInputError("Kies één of twee bewindspersonen die antwoorden.")
        chosen = [_resolve(item, addressees) for item in items]
        if any(not a.title.strip() for a in chosen):
            raise ExportInputError("De naam van de bewindspersoon die antwoordt is leeg.")
    keys = {a.title.casefold() for a in chosen}
    others = tuple(a for a in addressees if a.title.casefold() not in keys)
    return Answering(tuple(chosen), others)


def _from_addressee(a: Addressee) -> Answerer:
    return Answerer(title=a.title.strip(), portfolio=a.portfolio)


def _resolve(item: AnswererChoice, addressees: list[Answerer]) -> Answerer:
    if isinstance(item, Answerer):
        return item
    if isinstance(item, Addressee):
        return _from_addressee(item)
    title = strip_article(item.strip())
    for a in addressees:
        if a.title.casefold() == title.casefold():
            return a
    return Answerer(title=title)


# --------------------------------------------------------------------------- phrases


def join_nl(items: Sequence[str]) -> str:
    """``a``, ``a en b``, ``a, b en c``."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def numbers_phrase(numbers: Sequence[int]) -> str:
    """``2``, ``2 en 3``, ``5, 6 en 7``, ``1 en 4``."""
    return join_nl([str(n) for n in sorted(numbers)])


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def strip_article(title: str) -> str:
    """``de minister van X`` → ``minister van X``."""
    return title[3:] if title.casefold().startswith("de ") else title


def with_article(title: str) -> str:
    """``minister van X`` → ``de minister van X`` (a title that has an article keeps it)."""
    title = title.strip()
    return title if title.casefold().startswith("de ") else "de " + title


def members_phrase(members: Sequence[Member], parties: bool = True) -> str:
    """``het lid X (P)`` or ``de leden A, B (beiden P), C (Q), D en E (allen R)``.

    Consecutive members of one party share one party note after the last of them, as in the
    published letters; a member without a known party gets none.
    """
    if not members:
        return ""
    names = [m.name.strip() for m in members]
    notes = [""] * len(members)
    if parties:
        k = 0
        while k < len(members):
            party = members[k].party
            end = k
            while end + 1 < len(members) and party and members[end + 1].party == party:
                end += 1
            if party:
                size = end - k + 1
                prefix = "" if size == 1 else ("beiden " if size == 2 else "allen ")
                notes[end] = f" ({prefix}{party})"
            k = end + 1
    items = [name + note for name, note in zip(names, notes, strict=True)]
    return ("het lid " if len(members) == 1 else "de leden ") + join_nl(items)


def members_short(members: Sequence[Member]) -> str:
    """``het lid X`` or ``de leden A c.s.`` (for a Betreft line)."""
    if not members:
        return ""
    if len(members) == 1:
        return "het lid " + members[0].name.strip()
    return f"de leden {members[0].name.strip()} c.s."


def subject_phrase(qs: QuestionSet) -> str:
    """`` over <subject>`` or ``""``."""
    return f" over {qs.subject.strip()}" if qs.subject and qs.subject.strip() else ""


def submitted_phrase(qs: QuestionSet, kenmerk: bool = False) -> str:
    """`` (ingezonden 31 december 2025)``, with ``, kenmerk X`` when asked and known."""
    parts = []
    if qs.submitted_on:
        parts.append(f"ingezonden {dutch_date(qs.submitted_on)}")
    if kenmerk and qs.kenmerk:
        parts.append(f"kenmerk {qs.kenmerk}")
    return f" ({', '.join(parts)})" if parts else ""


def asked_by_phrase(qs: QuestionSet) -> str:
    """``van de leden … over …``: who asked what, or ``""`` parts left out when unknown."""
    who = members_phrase(qs.members)
    return (f" van {who}" if who else "") + subject_phrase(qs)


def answers_title(qs: QuestionSet, answering: Answering) -> str:
    """The title block of the answers document.

    ``Antwoorden van de minister van X, mede namens de minister van Y, op vragen van de leden …
    over … (ingezonden 31 december 2025, kenmerk 2025Z25100)``
    """
    behalf = f", {answering.mede_namens}," if answering.mede_namens else ""
    return f"Antwoorden van {answering.by}{behalf} op vragen{asked_by_phrase(qs)}{submitted_phrase(qs, kenmerk=True)}"


def questions_noun(qs: QuestionSet) -> str:
    return "schriftelijke vragen" if qs.kind == "schriftelijk" else "vragen"


def cover_opening(qs: QuestionSet, answering: Answering) -> str:
    """``Hierbij bied ik u, mede namens …, de antwoorden aan op de schriftelijke vragen (kenmerk) van … over … (ingezonden …).``"""
    verb = "bieden wij" if answering.plural else "bied ik"
    behalf = f", {answering.mede_namens}," if answering.mede_namens else ""
    ref = f" ({qs.kenmerk})" if qs.kenmerk else ""
    return f"Hierbij {verb} u{behalf} de antwoorden aan op de {questions_noun(qs)}{ref}{asked_by_phrase(qs)}{submitted_phrase(qs)}."


def cover_subject(qs: QuestionSet) -> str:
    """The Betreft line: ``Beantwoording vragen van de leden A, B en C over …``."""
    who = members_phrase(qs.members, parties=False)
    return f"Beantwoording vragen{' van ' + who if who else ''}{subject_phrase(qs)}"


def delay_subject(qs: QuestionSet) -> str:
    """``Uitstel beantwoording vragen van de leden A c.s. over …``."""
    who = members_short(qs.members)
    return f"Uitstel beantwoording vragen{' van ' + who if who else ''}{subject_phrase(qs)}"


def delay_body(qs: QuestionSet, reason: str, plural: bool = False) -> str:
    """The delay notice in the wording of the published Mededelingen, with the user's reason."""
    reason = normalize_reason(reason)
    ref = []
    if qs.kenmerk:
        ref.append(qs.kenmerk)
    if qs.submitted_on:
        ref.append(f"ingezonden {dutch_date(qs.submitted_on)}")
    when = f" ({', '.join(ref)})" if ref else ""
    streven = "Wij streven" if plural else "Ik streef"
    return (
        f"De vragen{asked_by_phrase(qs)}{when} kunnen niet binnen de gebruikelijke termijn van drie weken "
        f"worden beantwoord. {reason} {streven} ernaar de vragen zo spoedig mogelijk te beantwoorden."
    )


def normalize_reason(reason: str) -> str:
    """The reason as one sentence: trimmed, a capital first letter and a closing full stop."""
    text = " ".join((reason or "").split())
    if not text:
        raise ExportInputError("Geef de reden van het uitstel op; het Reglement van Orde vraagt erom.")
    text = capitalize_first(text)
    if text[-1] not in ".!?":
        text += "."
    return text


def ministry_lines(answering: Answering) -> list[str]:
    """``["Ministerie van Buitenlandse Zaken"]`` from the first answerer's portfolio, when known."""
    title = answering.answerers[0].title
    # "minister voor X" has no ministry of its own name: leave the lines to the profile.
    for lead in ("minister van ", "staatssecretaris van "):
        if title.casefold().startswith(lead):
            portfolio = title[len(lead):].split(" - ")[0].split(" – ")[0].strip()
            return [f"Ministerie van {portfolio}"] if portfolio else []
    return []
