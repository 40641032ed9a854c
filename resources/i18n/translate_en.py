"""Fill kvdesk_en.ts with the English translations and compile kvdesk_en.qm.

Run after ``pyside6-lupdate`` (see resources/i18n/README.md):
    .venv/bin/python resources/i18n/translate_en.py
"""
from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TS = HERE / "kvdesk_en.ts"

EN = {
    "%1 (nog %2 werkdagen)": "%1 (%2 working days left)",
    "%1 (verlopen)": "%1 (overdue)",
    "%1 sets": "%1 sets",
    "%1 woorden toegevoegd, %2 verwijderd.": "%1 words added, %2 removed.",
    "&Afsluiten": "E&xit",
    "&Bestand": "&File",
    "&Citaat": "&Quote",
    "&Combineer": "&Combine",
    "&Cursief": "&Italic",
    "&English interface": "&English interface",
    "&Exporteren…": "&Export…",
    "&Ga naar": "&Go",
    "&Geschiedenis…": "&History…",
    "&Help": "&Help",
    "&Importeren…": "&Import…",
    "&Invoegen": "&Insert",
    "&Koppeling…": "&Link…",
    "&Nummering": "&Numbering",
    "&Ongedaan maken": "&Undo",
    "&Opmaak": "F&ormat",
    "&Opsommingstekens": "&Bullets",
    "&Over kvdesk": "&About kvdesk",
    "&Spellingcontrole": "&Spell checking",
    "&Splitsen": "&Split",
    "&Vet": "&Bold",
    "&Voetnoot": "&Footnote",
    "&Volgend antwoord": "&Next answer",
    "&Zie het antwoord op vraag…": "&See the answer to question…",
    "&Zoeken in set…": "&Find in set…",
    "(geen)": "(none)",
    "(leeg)": "(empty)",
    "(zonder onderwerp)": "(no subject)",
    "Aanbiedingsbrief en antwoorden als Word-bestand": "Cover letter and answers as a Word file",
    "Aantal woorden": "Word count",
    "Aantallen per status": "Counts per status",
    "Adres (URL):": "Address (URL):",
    "Alle statussen": "All statuses",
    "Antwoord": "Answer",
    "Antwoord %1": "Answer %1",
    "Antwoord %1 selecteren": "Select answer %1",
    "Antwoord: %1 woorden · Beantwoording: %2 woorden": "Answer: %1 words · Reply: %2 words",
    "Be&werken": "&Edit",
    "Bronnen": "Sources",
    "Bronnen en eerdere antwoorden": "Sources and earlier answers",
    "Combineren is mislukt": "Combining failed",
    "De aangevinkte vragen één antwoord geven": "Give the ticked questions one answer",
    "De status kon niet worden opgeslagen": "The status could not be saved",
    "De status van de set kon niet worden opgeslagen": "The set's status could not be saved",
    "De taal wordt gewijzigd bij de volgende start van kvdesk.": "The language changes the next time kvdesk starts.",
    "De toewijzing kon niet worden opgeslagen": "The assignment could not be saved",
    "Deze versie herstellen": "Restore this version",
    "Dezelfde woorden; alleen de opmaak is gewijzigd.": "The same words; only the formatting changed.",
    "E&xtra": "&Tools",
    "Een gecombineerd antwoord weer per vraag": "Give each question of a combined answer its own answer again",
    "Een voetnoot invoegen op de cursor": "Insert a footnote at the cursor",
    "Een vragenset importeren": "Import a question set",
    "Eerdere antwoorden": "Earlier answers",
    "Er ging iets mis: %1\n\nUw tekst is bewaard (automatisch opgeslagen en in het herstelbestand). "
    "Stuur de gegevens hieronder naar de servicedesk.":
        "Something went wrong: %1\n\nYour text is safe (saved automatically and in the recovery file). "
        "Send the details below to the service desk.",
    "Exporteren vanuit het venster is nog niet beschikbaar; gebruik 'kvdesk export'.":
        "Exporting from the window is not available yet; use 'kvdesk export'.",
    "Filter op kenmerk, onderwerp, lid…": "Filter by reference, subject, member…",
    "Filter op status": "Filter by status",
    "Geen suggesties": "No suggestions",
    "Gegevens van de set": "Set details",
    "Gericht aan": "Addressed to",
    "Geschiedenis": "History",
    "Geschiedenis van antwoord %1": "History of answer %1",
    "Herstellen": "Restore",
    "Herstellen is mislukt: %1": "Restoring failed: %1",
    "Importeren vanuit het venster is nog niet beschikbaar; gebruik 'kvdesk import BESTAND'.":
        "Importing from the window is not available yet; use 'kvdesk import FILE'.",
    "Ingezonden": "Submitted",
    "Kenmerk": "Reference",
    "Kies eerst een gecombineerd antwoord om te splitsen.": "First choose a combined answer to split.",
    "Kies links een vragenset om aan de antwoorden te werken.": "Choose a question set on the left to work on its answers.",
    "Klik eerst in een antwoord.": "Click in an answer first.",
    "Kopiëren": "Copy",
    "Koppeling invoegen": "Insert link",
    "Laatst opgeslagen": "Last saved",
    "Lijst van vragensets": "List of question sets",
    "Logbestand: %1": "Log file: %1",
    "Maakt van deze versie het huidige antwoord (als nieuwe versie)":
        "Makes this version the current answer (as a new version)",
    "Niet gevonden": "Not found",
    "Nog geen opgeslagen versies.": "No saved versions yet.",
    "Nog niets opgeslagen": "Nothing saved yet",
    "Opgeslagen om %1": "Saved at %1",
    "Opni&euw": "&Redo",
    "Opslaan mislukt (antwoord %1) — tekst is bewaard": "Saving failed (answer %1) — the text is kept",
    "Over kvdesk": "About kvdesk",
    "Samenvatting van de wijzigingen": "Summary of the changes",
    "Selecteren om antwoorden te combineren": "Select to combine answers",
    "Sets filteren": "Filter sets",
    "Sluiten": "Close",
    "Splitsen is mislukt": "Splitting failed",
    "Status van antwoord %1": "Status of answer %1",
    "Status van de set": "Status of the set",
    "Suggesties zoeken…": "Looking for suggestions…",
    "Technische gegevens": "Technical details",
    "Tekst van vraag %1": "Text of question %1",
    "Termijn": "Deadline",
    "Toegewezen aan": "Assigned to",
    "Toegewezen aan, vraag %1": "Assigned to, question %1",
    "Toevoegen aan woordenlijst": "Add to word list",
    "Typ hier het antwoord…": "Type the answer here…",
    "V&orig antwoord": "&Previous answer",
    "Vergelijk met:": "Compare with:",
    "Vergelijken met versie": "Compare with version",
    "Verschillen": "Differences",
    "Versies": "Versions",
    "Verwijzing invoegen": "Insert reference",
    "Vink eerst twee of meer antwoorden aan om ze te combineren.": "First tick two or more answers to combine them.",
    "Volgende": "Next",
    "Volgende vindplaats": "Next match",
    "Vorige": "Previous",
    "Vorige vindplaats": "Previous match",
    "Vraag %1": "Question %1",
    "Vraag en antwoord %1": "Question and answer %1",
    "Vraag:": "Question:",
    "Vragen en antwoorden": "Questions and answers",
    "Vragensets": "Question sets",
    "Vragensteller(s)": "Asked by",
    "Werkbalk": "Toolbar",
    "Werkruimte": "Workspace",
    "Zie het antwoord op vraag %1.": "Zie het antwoord op vraag %1.",  # answer text stays Dutch
    "Zoekbalk sluiten": "Close the find bar",
    "Zoeken in deze set": "Find in this set",
    "kvdesk %1\nSchriftelijke Kamervragen beantwoorden.\n\nGegevensmap: %2\nLogbestand: %3":
        "kvdesk %1\nAnswering written parliamentary questions.\n\nData folder: %2\nLog file: %3",
    "Bronnen\n\nHier verschijnen de artikelen en documenten waarnaar de vragen verwijzen, ook offline leesbaar. "
    "Deze functie is nog niet beschikbaar.":
        "Sources\n\nThe articles and documents the questions refer to appear here, readable offline. "
        "This is not available yet.",
    "Eerdere antwoorden\n\nHier verschijnen de meest vergelijkbare eerder gegeven antwoorden bij de vraag waaraan u "
    "werkt. Deze functie is nog niet beschikbaar.":
        "Earlier answers\n\nThe most similar earlier answers to the question at hand appear here. "
        "This is not available yet.",
    "kvdesk hoofdvenster": "kvdesk main window",
    "kvdesk kan niet starten": "kvdesk cannot start",
    "kvdesk: onverwachte fout": "kvdesk: unexpected error",
    "onbekend": "unknown",
}

# Strings translated through QCoreApplication.translate with a context lupdate cannot see.
EXTRA = {
    "SetListModel": {
        "Kenmerk": "Reference", "Onderwerp": "Subject", "Vragenstellers": "Asked by", "Termijn": "Deadline",
        "Status": "Status", "Beantwoord": "Answered",
    },
}


def main() -> int:
    tree = ET.parse(TS)
    root = tree.getroot()
    missing = []
    for context in root.iter("context"):
        for message in context.iter("message"):
            source = message.find("source").text or ""
            translation = message.find("translation")
            english = EN.get(source)
            if english is None:
                missing.append(source)
                continue
            translation.text = english
            translation.attrib.pop("type", None)
    for name, strings in EXTRA.items():
        context = next((c for c in root.iter("context") if c.findtext("name") == name), None)
        if context is None:
            context = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = name
        known = {m.findtext("source") for m in context.iter("message")}
        for source, english in strings.items():
            if source in known:
                continue
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = source
            ET.SubElement(message, "translation").text = english
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    if missing:
        sys.stderr.write("untranslated:\n" + "\n".join(missing) + "\n")
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), str(TS), "-qm", str(HERE / "kvdesk_en.qm")], check=True)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
