"""Test data for the export: the seed set of /work/shared/seed built by hand, and a 30-question set."""
from __future__ import annotations

import datetime as dt

from kvdesk.core.model import Addressee, Answer, Footnote, Member, Question, QuestionSet

SEED_QUESTIONS = [
    "Bent u bekend met de berichtgeving dat netbeheerders circa vier miljoen slimme meters gaan inkopen "
    "bij Chinese leveranciers? Zo ja, wat is uw oordeel hierover?",
    "Welke afwegingen zijn gemaakt over de economische afhankelijkheid van China bij de keuze voor deze "
    "leveranciers?",
    "Is onderzocht of voldoende capaciteit bestaat bij Europese of Nederlandse producenten om deze meters "
    "te leveren? Zo ja, wat zijn de uitkomsten?",
    "Welke risicoanalyses zijn uitgevoerd met betrekking tot nationale veiligheid en cybersecurity bij het "
    "gebruik van slimme meters, die geproduceerd zijn door bedrijven gevestigd in China?",
    "Zijn er specifieke dreigingsanalyses voor mogelijke beïnvloeding van het energiesysteem (bijvoorbeeld "
    "verbruikscijfers manipuleren of storingen veroorzaken) wanneer apparaten in handen zijn van derde "
    "landen met potentiële tegenstellingen?",
    "Hebben de AIVD, MIVD of NCTV hierover advies uitgebracht richting het kabinet of netbeheerders? Kunt "
    "u die adviezen openbaar maken of samenvatten?",
    "Welke data worden precies verzameld door deze slimme meters en op welke frequentie (bijvoorbeeld per "
    "minuut, per uur)?",
    "Wordt er onderscheid gemaakt tussen noodzakelijke data voor het energienetbeheer en "
    "privacygevoelige data? Zo ja, hoe worden die gescheiden?",
    "Welke maatregelen zijn getroffen om te waarborgen dat gegevensuitwisseling volledig conform de "
    "Algemene verordening gegevensbescherming (AVG) en EU-privacyregels verloopt?",
    "Welke technische safeguards zijn ingebouwd om te voorkomen dat externe (buitenlandse) fabrikanten of "
    "andere externe partijen toegang krijgen tot het backend-systeem waarmee meters data uitwisselen?",
    "Is er nog een mogelijkheid dat de Rijksoverheid ingrijpt en deze aanbesteding terugdraait, indien "
    "blijkt dat de veiligheid teveel in het geding komt?",
]

SEED_SUBJECT = "het artikel ‘Woede om miljoenenorder: vier miljoen slimme meters komen straks uit China’"
EXPORT_DATE = dt.date(2026, 1, 20)

SEED_ANSWERS = {
    (1,): "Ja. Het kabinet volgt de aanbesteding nauwgezet.[^a]\n\n"
          "[^a]: Kamerstuk 36 000, nr. 12, zie https://www.tweedekamer.nl/",
    (2, 3): "De netbeheerders hebben de volgende afwegingen gemaakt:\n\n"
            "1. de prijs;\n2. de leveringszekerheid;\n3. de **beveiliging** van de meters.\n\n"
            "Zie ook [de brief van 12 januari](https://www.rijksoverheid.nl/) en *het rapport*.",
    (4,): "> «Risico's moeten per leverancier worden beoordeeld.»\n\n"
          "Dat citaat geeft het uitgangspunt weer:\n\n"
          "1. eerst de analyse;\n2. dan het besluit.[^b]\n\n"
          "[^b]: Rapport Digitale weerbaarheid, 2025.",
}


def make_seed_set(answers: dict[tuple[int, ...], str] | None = None) -> QuestionSet:
    """The seed set of /work/shared/seed, as the parser should produce it, with some answers."""
    qs = QuestionSet(
        kenmerk=None,
        chamber="TK",
        submitted_on=dt.date(2025, 12, 31),
        members=[
            Member("Boswijk", "CDA"), Member("Jumelet", "CDA"),
            Member("Peter de Groot", "VVD"), Member("Van der Burg", "VVD"),
            Member("Grinwis", "ChristenUnie"),
            Member("Paternotte", "D66"), Member("Klos", "D66"),
        ],
        addressees=[
            Addressee("minister van Buitenlandse Zaken", "minister", "Buitenlandse Zaken"),
            Addressee("minister van Klimaat en Groene Groei", "minister", "Klimaat en Groene Groei"),
        ],
        subject=SEED_SUBJECT,
        questions=[Question(n, text, [1] if n == 1 else []) for n, text in enumerate(SEED_QUESTIONS, start=1)],
        footnotes=[Footnote(1, "Telegraaf van 30 december 2025")],
    )
    chosen = SEED_ANSWERS if answers is None else answers
    qs.answers = [Answer(list(nums), text) for nums, text in chosen.items()]
    return qs


def make_big_set(n: int = 30) -> QuestionSet:
    """A set of ``n`` questions, every one answered, every fifth with a footnote and a list."""
    qs = make_seed_set(answers={})
    qs.kenmerk = "2026Z00030"
    qs.questions = [
        Question(i, f"{SEED_QUESTIONS[(i - 1) % 11]} (vraag {i})", [i] if i % 5 == 1 else []) for i in range(1, n + 1)
    ]
    qs.footnotes = [Footnote(i, f"Bron {i}: NOS, 10 december 2025, https://nos.nl/artikel/{i}") for i in range(1, n + 1, 5)]
    answer = ("Het kabinet deelt de zorgen over de gevolgen voor de leveringszekerheid. Het werkt samen met de "
              "netbeheerders aan een **uitvoeringsagenda** waarin afspraken worden gemaakt over toezicht, "
              "*certificering* en de rol van de toezichthouder. Over de voortgang wordt de Kamer geïnformeerd.")
    qs.answers = [
        Answer([i], answer + ("\n\n1. eerst de analyse;\n2. dan het besluit.[^x]\n\n[^x]: Kamerstuk 36 000, nr. 1."
                              if i % 5 == 3 else ""))
        for i in range(1, n + 1)
    ]
    return qs
