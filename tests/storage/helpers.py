"""Small builders shared by the storage tests."""
from __future__ import annotations

import datetime as dt

from kvdesk.core.model import Addressee, Answer, Footnote, Member, Question, QuestionSet


def make_set(kenmerk: str | None = "2025Z20001", questions: int = 3, *, submitted_on: dt.date | None = None,
             answers: list[Answer] | None = None) -> QuestionSet:
    """A small but complete set: members, an addressee, questions citing a footnote."""
    return QuestionSet(
        kenmerk=kenmerk,
        submitted_on=submitted_on or dt.date(2025, 12, 31),
        header="Vragen van de leden Kops en Vermeer (beiden PVV) aan de minister van Klimaat en Groene Groei",
        members=[Member("Kops", "PVV"), Member("Vermeer", "PVV")],
        addressees=[Addressee("minister van Klimaat en Groene Groei", "minister", "Klimaat en Groene Groei")],
        subject="slimme meters",
        questions=[Question(n, f"Vraag {n}: kent u het bericht over slimme meters?", [1] if n == 1 else [])
                   for n in range(1, questions + 1)],
        footnotes=[Footnote(1, "NOS, 30 december 2025, 'Slimme meters' (https://nos.nl/l/1)", "https://nos.nl/l/1")],
        answers=answers or [],
        warnings=["onzeker: lid Vermeer"],
    )
