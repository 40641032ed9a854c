<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="nl_NL">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Over kvdesk</source>
        <translation>About kvdesk</translation>
    </message>
    <message>
        <source>Versie</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Gegevensmap</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>Logmap</source>
        <translation>Log folder</translation>
    </message>
    <message>
        <source>Schriftelijke Kamervragen beantwoorden.</source>
        <translation>Answering written parliamentary questions.</translation>
    </message>
    <message>
        <source>Gegevens van kvdesk</source>
        <translation>kvdesk details</translation>
    </message>
    <message>
        <source>Logmap openen</source>
        <translation>Open log folder</translation>
    </message>
    <message>
        <source>Gegevensmap openen</source>
        <translation>Open data folder</translation>
    </message>
    <message>
        <source>De map kon niet worden geopend; kopieer het pad hierboven.</source>
        <translation>The folder could not be opened; copy the path above.</translation>
    </message>
</context>
<context>
    <name>AnswerEditor</name>
    <message>
        <source>Typ hier het antwoord…</source>
        <translation>Type the answer here…</translation>
    </message>
    <message>
        <source>Antwoord</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Zie het antwoord op vraag %1.</source>
        <translation>Zie het antwoord op vraag %1.</translation>
    </message>
    <message>
        <source>Suggesties zoeken…</source>
        <translation>Looking for suggestions…</translation>
    </message>
    <message>
        <source>Toevoegen aan woordenlijst</source>
        <translation>Add to word list</translation>
    </message>
    <message>
        <source>Geen suggesties</source>
        <translation>No suggestions</translation>
    </message>
</context>
<context>
    <name>AnswerRow</name>
    <message>
        <source>Vraag en antwoord %1</source>
        <translation>Question and answer %1</translation>
    </message>
    <message>
        <source>Vraag %1</source>
        <translation>Question %1</translation>
    </message>
    <message>
        <source>Toegewezen aan</source>
        <translation>Assigned to</translation>
    </message>
    <message>
        <source>Toegewezen aan, vraag %1</source>
        <translation>Assigned to, question %1</translation>
    </message>
    <message>
        <source>Tekst van vraag %1</source>
        <translation>Text of question %1</translation>
    </message>
    <message>
        <source>Selecteren om antwoorden te combineren</source>
        <translation>Select to combine answers</translation>
    </message>
    <message>
        <source>Antwoord %1 selecteren</source>
        <translation>Select answer %1</translation>
    </message>
    <message>
        <source>Antwoord %1</source>
        <translation>Answer %1</translation>
    </message>
    <message>
        <source>Status van antwoord %1</source>
        <translation>Status of answer %1</translation>
    </message>
    <message>
        <source>Geschiedenis</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Geschiedenis van antwoord %1</source>
        <translation>History of answer %1</translation>
    </message>
</context>
<context>
    <name>BackgroundJob</name>
    <message>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Stoppen na het huidige deel…</source>
        <translation>Stopping after the current part…</translation>
    </message>
</context>
<context>
    <name>ChecksPanel</name>
    <message>
        <source>Controles</source>
        <translation>Checks</translation>
    </message>
    <message>
        <source>Nog niet gecontroleerd.</source>
        <translation>Not checked yet.</translation>
    </message>
    <message>
        <source>Samenvatting van de controles</source>
        <translation>Summary of the checks</translation>
    </message>
    <message>
        <source>Controleren</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Controles uitvoeren</source>
        <translation>Run the checks</translation>
    </message>
    <message>
        <source>Niveau</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Vraag</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Bevinding</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>Bevindingen</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>Bezig met controleren…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>De controles konden niet worden uitgevoerd: {0}</source>
        <translation>The checks could not be run: {0}</translation>
    </message>
    <message>
        <source>niet uitgevoerd: {0}</source>
        <translation>not run: {0}</translation>
    </message>
    <message>
        <source>fout</source>
        <translation>error</translation>
    </message>
    <message>
        <source>waarschuwing</source>
        <translation>warning</translation>
    </message>
</context>
<context>
    <name>DueOverview</name>
    <message>
        <source>Wat moet wanneer af</source>
        <translation>What is due when</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Set</translation>
    </message>
    <message>
        <source>Termijn</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Werkdagen</source>
        <translation>Working days</translation>
    </message>
    <message>
        <source>Termijnen</source>
        <translation>Deadlines</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>kvdesk: onverwachte fout</source>
        <translation>kvdesk: unexpected error</translation>
    </message>
    <message>
        <source>Er ging iets mis: %1

Uw tekst is bewaard (automatisch opgeslagen en in het herstelbestand). Stuur de gegevens hieronder naar de servicedesk.</source>
        <translation>Something went wrong: %1

Your text is safe (saved automatically and in the recovery file). Send the details below to the service desk.</translation>
    </message>
    <message>
        <source>Logbestand: %1</source>
        <translation>Log file: %1</translation>
    </message>
    <message>
        <source>(geen)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Technische gegevens</source>
        <translation>Technical details</translation>
    </message>
    <message>
        <source>Kopiëren</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Uitstelbericht exporteren</source>
        <translation>Export delay notice</translation>
    </message>
    <message>
        <source>Beantwoording exporteren</source>
        <translation>Export answers document</translation>
    </message>
    <message>
        <source>Bladeren…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Map kiezen</source>
        <translation>Choose folder</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>Huisstijl</source>
        <translation>House style</translation>
    </message>
    <message>
        <source>Wie antwoordt</source>
        <translation>Answered by</translation>
    </message>
    <message>
        <source>{0}{1}</source>
        <translation>{0}{1}</translation>
    </message>
    <message>
        <source>, mede namens de anderen</source>
        <translation>, also on behalf of the others</translation>
    </message>
    <message>
        <source>{0} en {1} samen</source>
        <translation>{0} and {1} jointly</translation>
    </message>
    <message>
        <source>(geen bewindspersoon bekend)</source>
        <translation>(no minister or state secretary known)</translation>
    </message>
    <message>
        <source>of typ een andere bewindspersoon, bv. minister van Financiën</source>
        <translation>or type another minister or state secretary, e.g. minister van Financiën</translation>
    </message>
    <message>
        <source>Andere bewindspersoon</source>
        <translation>Another minister or state secretary</translation>
    </message>
    <message>
        <source>Ook als PDF</source>
        <translation>Also as PDF</translation>
    </message>
    <message>
        <source>Geen PDF-omzetter gevonden: installeer LibreOffice (of Word).</source>
        <translation>No PDF converter found: install LibreOffice (or Word).</translation>
    </message>
    <message>
        <source>Reden van het uitstel</source>
        <translation>Reason for the delay</translation>
    </message>
    <message>
        <source>De reden hiervoor is dat de benodigde interdepartementale afstemming meer tijd vergt.</source>
        <translation>De reden hiervoor is dat de benodigde interdepartementale afstemming meer tijd vergt.</translation>
    </message>
    <message>
        <source>Reden</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Melding</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Exporteren</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Map voor de brieven</source>
        <translation>Folder for the letters</translation>
    </message>
    <message>
        <source>Kies een map voor de brieven.</source>
        <translation>Choose a folder for the letters.</translation>
    </message>
    <message>
        <source>{0} is geen map.</source>
        <translation>{0} is not a folder.</translation>
    </message>
    <message>
        <source>Een uitstelbericht vraagt een reden (het Reglement van Orde eist die).</source>
        <translation>A delay notice needs a reason (the Rules of Procedure require one).</translation>
    </message>
    <message>
        <source>Controles vinden fouten</source>
        <translation>The checks found errors</translation>
    </message>
    <message>
        <source>De controles vinden {0} fout(en). Eerst oplossen, of toch exporteren?</source>
        <translation>The checks found {0} error(s). Fix them first, or export anyway?</translation>
    </message>
    <message>
        <source>Toch exporteren</source>
        <translation>Export anyway</translation>
    </message>
    <message>
        <source>Eerst oplossen</source>
        <translation>Fix first</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Zoeken in deze set</source>
        <translation>Find in this set</translation>
    </message>
    <message>
        <source>Vorige</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>Vorige vindplaats</source>
        <translation>Previous match</translation>
    </message>
    <message>
        <source>Volgende</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Volgende vindplaats</source>
        <translation>Next match</translation>
    </message>
    <message>
        <source>Zoekbalk sluiten</source>
        <translation>Close the find bar</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Geschiedenis van antwoord %1</source>
        <translation>History of answer %1</translation>
    </message>
    <message>
        <source>Versies</source>
        <translation>Versions</translation>
    </message>
    <message>
        <source>Vergelijk met:</source>
        <translation>Compare with:</translation>
    </message>
    <message>
        <source>Vergelijken met versie</source>
        <translation>Compare with version</translation>
    </message>
    <message>
        <source>Samenvatting van de wijzigingen</source>
        <translation>Summary of the changes</translation>
    </message>
    <message>
        <source>Verschillen</source>
        <translation>Differences</translation>
    </message>
    <message>
        <source>Herstellen</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Deze versie herstellen</source>
        <translation>Restore this version</translation>
    </message>
    <message>
        <source>Maakt van deze versie het huidige antwoord (als nieuwe versie)</source>
        <translation>Makes this version the current answer (as a new version)</translation>
    </message>
    <message>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>(leeg)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>Nog geen opgeslagen versies.</source>
        <translation>No saved versions yet.</translation>
    </message>
    <message>
        <source>Dezelfde woorden; alleen de opmaak is gewijzigd.</source>
        <translation>The same words; only the formatting changed.</translation>
    </message>
    <message>
        <source>%1 woorden toegevoegd, %2 verwijderd.</source>
        <translation>%1 words added, %2 removed.</translation>
    </message>
    <message>
        <source>Herstellen is mislukt: %1</source>
        <translation>Restoring failed: %1</translation>
    </message>
</context>
<context>
    <name>HouseStyleDialog</name>
    <message>
        <source>Huisstijl</source>
        <translation>House style</translation>
    </message>
    <message>
        <source>Vraagteksten cursief</source>
        <translation>Questions in italics</translation>
    </message>
    <message>
        <source>Naam profiel</source>
        <translation>Profile name</translation>
    </message>
    <message>
        <source>Naam ministerie (regels)</source>
        <translation>Ministry name (lines)</translation>
    </message>
    <message>
        <source>Directie / afdeling</source>
        <translation>Directorate / department</translation>
    </message>
    <message>
        <source>Retouradres</source>
        <translation>Return address</translation>
    </message>
    <message>
        <source>Bezoekadres</source>
        <translation>Visiting address</translation>
    </message>
    <message>
        <source>Postadres</source>
        <translation>Postal address</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Contactpersoon</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <source>Telefoon</source>
        <translation>Telephone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Label eigen kenmerk</source>
        <translation>Label for our reference number</translation>
    </message>
    <message>
        <source>Label kenmerk Kamer</source>
        <translation>Label for the House&apos;s reference number</translation>
    </message>
    <message>
        <source>Ondertekenaar (functie)</source>
        <translation>Signatory (position)</translation>
    </message>
    <message>
        <source>Ondertekenaar (naam)</source>
        <translation>Signatory (name)</translation>
    </message>
    <message>
        <source>Lettertype</source>
        <translation>Font</translation>
    </message>
    <message>
        <source>Korps (pt)</source>
        <translation>Font size (pt)</translation>
    </message>
    <message>
        <source>Logo (afbeelding)</source>
        <translation>Logo (image)</translation>
    </message>
    <message>
        <source>Afbeeldingen (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Word-sjabloon</source>
        <translation>Word template</translation>
    </message>
    <message>
        <source>Word-sjablonen (*.dotx *.docx)</source>
        <translation>Word templates (*.dotx *.docx)</translation>
    </message>
    <message>
        <source>Voorbeeld als afbeelding</source>
        <translation>Preview as an image</translation>
    </message>
    <message>
        <source>Pagina 1 van de aanbiedingsbrief</source>
        <translation>Page 1 of the cover letter</translation>
    </message>
    <message>
        <source>Kiezen…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Bestand kiezen</source>
        <translation>Choose a file</translation>
    </message>
    <message>
        <source>Geen afbeelding: LibreOffice is niet geïnstalleerd.</source>
        <translation>No image: LibreOffice is not installed.</translation>
    </message>
    <message>
        <source>Profiel opslaan</source>
        <translation>Save profile</translation>
    </message>
    <message>
        <source>Profielen (*.toml)</source>
        <translation>Profiles (*.toml)</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Vragensets (*.txt *.docx *.pdf *.html *.htm *.xml *.json);;Alle bestanden (*)</source>
        <translation>Question sets (*.txt *.docx *.pdf *.html *.htm *.xml *.json);;All files (*)</translation>
    </message>
    <message>
        <source>Vragenset importeren</source>
        <translation>Import question set</translation>
    </message>
    <message>
        <source>Terug</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Ontleden</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>Opslaan</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Meldingen</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Plak hier de tekst van de vragen (uit Word, een pdf, een webpagina of e-mail), of kies of sleep een bestand (.docx, .pdf, .html, .xml, .txt).</source>
        <translation>Paste the text of the questions here (from Word, a PDF, a web page or an email), or choose or drop a file (.docx, .pdf, .html, .xml, .txt).</translation>
    </message>
    <message>
        <source>Tekst van de vragen</source>
        <translation>Text of the questions</translation>
    </message>
    <message>
        <source>Vragen van het lid … aan de minister van … over …</source>
        <translation>Vragen van het lid … aan de minister van … over …</translation>
    </message>
    <message>
        <source>Bestand kiezen…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>Bestand kiezen</source>
        <translation>Choose a file</translation>
    </message>
    <message>
        <source>Brontekst</source>
        <translation>Source text</translation>
    </message>
    <message>
        <source>31 december 2025</source>
        <translation>31 december 2025</translation>
    </message>
    <message>
        <source>Kenmerk</source>
        <translation>Reference number</translation>
    </message>
    <message>
        <source>Ingezonden</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>Onderwerp</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Gericht aan</source>
        <translation>Addressed to</translation>
    </message>
    <message>
        <source>Lid</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>Partij</source>
        <translation>Party</translation>
    </message>
    <message>
        <source>Vragenstellers</source>
        <translation>Asked by</translation>
    </message>
    <message>
        <source>Lid toevoegen</source>
        <translation>Add member</translation>
    </message>
    <message>
        <source>Lid verwijderen</source>
        <translation>Remove member</translation>
    </message>
    <message>
        <source>Vragen</source>
        <translation>Questions</translation>
    </message>
    <message>
        <source>Tekst van de vraag</source>
        <translation>Text of the question</translation>
    </message>
    <message>
        <source>Samenvoegen met volgende</source>
        <translation>Merge with next</translation>
    </message>
    <message>
        <source>Splitsen bij cursor</source>
        <translation>Split at cursor</translation>
    </message>
    <message>
        <source>Hernummeren vanaf 1</source>
        <translation>Renumber from 1</translation>
    </message>
    <message>
        <source>Ongedaan maken</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Onzekerheden</source>
        <translation>Uncertainties</translation>
    </message>
    <message>
        <source>Bestaande set bijwerken</source>
        <translation>Update the existing set</translation>
    </message>
    <message>
        <source>Plak eerst de tekst van de vragen, of kies een bestand.</source>
        <translation>First paste the text of the questions, or choose a file.</translation>
    </message>
    <message>
        <source>{0} kan niet worden gelezen: {1}</source>
        <translation>{0} cannot be read: {1}</translation>
    </message>
    <message>
        <source>Bezig met ontleden…</source>
        <translation>Analysing…</translation>
    </message>
    <message>
        <source>Niet gelukt: {0}</source>
        <translation>Failed: {0}</translation>
    </message>
    <message>
        <source>(onbekend)</source>
        <translation>(unknown)</translation>
    </message>
    <message>
        <source>Kenmerk {0} bestaat al: de vragen bijwerken (concept-antwoorden blijven bewaard)</source>
        <translation>Reference number {0} already exists: update its questions (draft answers are kept)</translation>
    </message>
    <message>
        <source>De datum ‘{0}’ is niet te lezen; schrijf bijvoorbeeld 31 december 2025.</source>
        <translation>The date ‘{0}’ cannot be read; write it as, for example, 31 december 2025 or 31-12-2025.</translation>
    </message>
    <message>
        <source>Er zijn geen vragen gevonden; plak de tekst opnieuw of voeg vragen samen.</source>
        <translation>No questions were found; paste the text again or merge questions.</translation>
    </message>
    <message>
        <source>Vragenset openen</source>
        <translation>Open question set</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>nieuw</source>
        <translation>new</translation>
    </message>
    <message>
        <source>in behandeling</source>
        <translation>in progress</translation>
    </message>
    <message>
        <source>ter goedkeuring</source>
        <translation>awaiting approval</translation>
    </message>
    <message>
        <source>uitstel gemeld</source>
        <translation>delay notified</translation>
    </message>
    <message>
        <source>verzonden</source>
        <translation>sent</translation>
    </message>
    <message>
        <source>concept</source>
        <translation>draft</translation>
    </message>
    <message>
        <source>ter review</source>
        <translation>for review</translation>
    </message>
    <message>
        <source>akkoord</source>
        <translation>approved</translation>
    </message>
    <message>
        <source>Te laat</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Vandaag</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Deze week</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>jan</source>
        <translation>Jan</translation>
    </message>
    <message>
        <source>feb</source>
        <translation>Feb</translation>
    </message>
    <message>
        <source>mrt</source>
        <translation>Mar</translation>
    </message>
    <message>
        <source>apr</source>
        <translation>Apr</translation>
    </message>
    <message>
        <source>mei</source>
        <translation>May</translation>
    </message>
    <message>
        <source>jun</source>
        <translation>Jun</translation>
    </message>
    <message>
        <source>jul</source>
        <translation>Jul</translation>
    </message>
    <message>
        <source>aug</source>
        <translation>Aug</translation>
    </message>
    <message>
        <source>sep</source>
        <translation>Sep</translation>
    </message>
    <message>
        <source>okt</source>
        <translation>Oct</translation>
    </message>
    <message>
        <source>nov</source>
        <translation>Nov</translation>
    </message>
    <message>
        <source>dec</source>
        <translation>Dec</translation>
    </message>
    <message>
        <source>nl</source>
        <comment>language code of this translation (nl, en)</comment>
        <translation>en</translation>
    </message>
    <message>
        <source>%1 en %2</source>
        <translation>%1 and %2</translation>
    </message>
</context>
<context>
    <name>LockedBox</name>
    <message>
        <source>kvdesk is al geopend</source>
        <translation>kvdesk is already open</translation>
    </message>
    <message>
        <source>Wilt u de vragensets alleen bekijken, of kvdesk afsluiten?</source>
        <translation>Would you like to view the question sets read-only, or close kvdesk?</translation>
    </message>
    <message>
        <source>Alleen lezen openen</source>
        <translation>Open read-only</translation>
    </message>
    <message>
        <source>Afsluiten</source>
        <translation>Exit</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>kvdesk hoofdvenster</source>
        <translation>kvdesk main window</translation>
    </message>
    <message>
        <source>Sets, termijnen en zoeken</source>
        <translation>Sets, deadlines and search</translation>
    </message>
    <message>
        <source>Vragensets</source>
        <translation>Question sets</translation>
    </message>
    <message>
        <source>Termijnen</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <source>Zoeken</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Bronnen</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>Eerdere antwoorden</source>
        <translation>Earlier answers</translation>
    </message>
    <message>
        <source>Controles</source>
        <translation>Checks</translation>
    </message>
    <message>
        <source>Nog niets opgeslagen</source>
        <translation>Nothing saved yet</translation>
    </message>
    <message>
        <source>Vragensets laden…</source>
        <translation>Loading question sets…</translation>
    </message>
    <message>
        <source>Vragensets laden</source>
        <translation>Loading question sets</translation>
    </message>
    <message>
        <source>kvdesk wordt gestart…</source>
        <translation>kvdesk is starting…</translation>
    </message>
    <message>
        <source>Laatst opgeslagen</source>
        <translation>Last saved</translation>
    </message>
    <message>
        <source>Aantal woorden</source>
        <translation>Word count</translation>
    </message>
    <message>
        <source>Database openen…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>Alleen lezen</source>
        <translation>Read-only</translation>
    </message>
    <message>
        <source>Bronnen van de set</source>
        <translation>Sources of the set</translation>
    </message>
    <message>
        <source>Tekst van de bron</source>
        <translation>Text of the source</translation>
    </message>
    <message>
        <source>Jaar</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Ministerie</source>
        <translation>Ministry</translation>
    </message>
    <message>
        <source>Kamerlid</source>
        <translation>Member of Parliament</translation>
    </message>
    <message>
        <source>Partij</source>
        <translation>Party</translation>
    </message>
    <message>
        <source>Beantwoord of open</source>
        <translation>Answered or open</translation>
    </message>
    <message>
        <source>Zoekresultaten</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source> (alleen lezen)</source>
        <translation> (read-only)</translation>
    </message>
    <message>
        <source>&amp;Importeren…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <source>Een vragenset importeren (ook: tekst plakken in de lijst of een bestand op het venster slepen)</source>
        <translation>Import a question set (or paste text into the list, or drop a file on the window)</translation>
    </message>
    <message>
        <source>&amp;Exporteren…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>Aanbiedingsbrief en antwoorden als Word-bestand</source>
        <translation>Cover letter and answers as a Word file</translation>
    </message>
    <message>
        <source>&amp;Uitstelbericht…</source>
        <translation>&amp;Delay notice…</translation>
    </message>
    <message>
        <source>De mededeling dat de antwoorden later komen, als Word-bestand</source>
        <translation>The notice that the answers will come later, as a Word file</translation>
    </message>
    <message>
        <source>&amp;Afsluiten</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>&amp;Ongedaan maken</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>Opni&amp;euw</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>&amp;Zoeken in set…</source>
        <translation>&amp;Find in set…</translation>
    </message>
    <message>
        <source>Zoeken in &amp;archief…</source>
        <translation>Search the &amp;archive…</translation>
    </message>
    <message>
        <source>Zoeken in eerdere vragen en antwoorden</source>
        <translation>Search earlier questions and answers</translation>
    </message>
    <message>
        <source>&amp;Combineer</source>
        <translation>&amp;Combine</translation>
    </message>
    <message>
        <source>De aangevinkte vragen één antwoord geven</source>
        <translation>Give the ticked questions one answer</translation>
    </message>
    <message>
        <source>&amp;Splitsen</source>
        <translation>&amp;Split</translation>
    </message>
    <message>
        <source>Een gecombineerd antwoord weer per vraag</source>
        <translation>Give each question of a combined answer its own answer again</translation>
    </message>
    <message>
        <source>&amp;Geschiedenis…</source>
        <translation>&amp;History…</translation>
    </message>
    <message>
        <source>&amp;Vet</source>
        <translation>&amp;Bold</translation>
    </message>
    <message>
        <source>&amp;Cursief</source>
        <translation>&amp;Italic</translation>
    </message>
    <message>
        <source>&amp;Opsommingstekens</source>
        <translation>&amp;Bullets</translation>
    </message>
    <message>
        <source>&amp;Nummering</source>
        <translation>&amp;Numbering</translation>
    </message>
    <message>
        <source>&amp;Citaat</source>
        <translation>&amp;Quote</translation>
    </message>
    <message>
        <source>&amp;Koppeling…</source>
        <translation>&amp;Link…</translation>
    </message>
    <message>
        <source>&amp;Voetnoot</source>
        <translation>&amp;Footnote</translation>
    </message>
    <message>
        <source>Een voetnoot invoegen op de cursor</source>
        <translation>Insert a footnote at the cursor</translation>
    </message>
    <message>
        <source>&amp;Zie het antwoord op vraag…</source>
        <translation>&amp;See the answer to question…</translation>
    </message>
    <message>
        <source>&amp;Volgend antwoord</source>
        <translation>&amp;Next answer</translation>
    </message>
    <message>
        <source>V&amp;orig antwoord</source>
        <translation>&amp;Previous answer</translation>
    </message>
    <message>
        <source>&amp;Status wijzigen…</source>
        <translation>Change &amp;status…</translation>
    </message>
    <message>
        <source>De status van de set wijzigen, met datum</source>
        <translation>Change the set&apos;s status, with its date</translation>
    </message>
    <message>
        <source>Uitstelbericht &amp;verzonden…</source>
        <translation>&amp;Delay notice sent…</translation>
    </message>
    <message>
        <source>Vastleggen dat het uitstelbericht is verzonden; de termijn schuift op</source>
        <translation>Record that the delay notice has been sent; the deadline moves on</translation>
    </message>
    <message>
        <source>&amp;Controleren</source>
        <translation>&amp;Check</translation>
    </message>
    <message>
        <source>De controles vóór verzending uitvoeren</source>
        <translation>Run the checks before sending</translation>
    </message>
    <message>
        <source>&amp;Bronnen ophalen</source>
        <translation>&amp;Fetch sources</translation>
    </message>
    <message>
        <source>De artikelen en documenten van deze set ophalen</source>
        <translation>Fetch the articles and documents of this set</translation>
    </message>
    <message>
        <source>&amp;Spellingcontrole</source>
        <translation>&amp;Spell checking</translation>
    </message>
    <message>
        <source>&amp;English interface</source>
        <translation>&amp;English interface</translation>
    </message>
    <message>
        <source>&amp;Huisstijl…</source>
        <translation>&amp;House style…</translation>
    </message>
    <message>
        <source>Ministerie, adressen, ondertekenaar en opmaak van de brieven</source>
        <translation>Ministry, addresses, signatory and layout of the letters</translation>
    </message>
    <message>
        <source>&amp;Nu een back-up maken</source>
        <translation>&amp;Back up now</translation>
    </message>
    <message>
        <source>&amp;Archief importeren…</source>
        <translation>Import &amp;archive…</translation>
    </message>
    <message>
        <source>Eerdere vragen en antwoorden in één keer importeren uit een .jsonl-bestand</source>
        <translation>Import earlier questions and answers at once from a .jsonl file</translation>
    </message>
    <message>
        <source>Archief bij&amp;werken via open data</source>
        <translation>&amp;Update archive from open data</translation>
    </message>
    <message>
        <source>Nieuwe en gewijzigde schriftelijke vragen ophalen bij de Tweede Kamer en officielebekendmakingen.nl</source>
        <translation>Fetch new and changed written questions from the Tweede Kamer and officielebekendmakingen.nl</translation>
    </message>
    <message>
        <source>&amp;Over kvdesk</source>
        <translation>&amp;About kvdesk</translation>
    </message>
    <message>
        <source>&amp;Bestand</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Be&amp;werken</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;Set</source>
        <translation>&amp;Set</translation>
    </message>
    <message>
        <source>&amp;Opmaak</source>
        <translation>F&amp;ormat</translation>
    </message>
    <message>
        <source>&amp;Invoegen</source>
        <translation>&amp;Insert</translation>
    </message>
    <message>
        <source>&amp;Ga naar</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <source>E&amp;xtra</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>&amp;Instellingen</source>
        <translation>Se&amp;ttings</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Werkbalk</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>Klik eerst in een antwoord.</source>
        <translation>Click in an answer first.</translation>
    </message>
    <message>
        <source>Koppeling invoegen</source>
        <translation>Insert link</translation>
    </message>
    <message>
        <source>Adres (URL):</source>
        <translation>Address (URL):</translation>
    </message>
    <message>
        <source>Verwijzing invoegen</source>
        <translation>Insert cross-reference</translation>
    </message>
    <message>
        <source>Vraag:</source>
        <translation>Question:</translation>
    </message>
    <message>
        <source>De taal wordt gewijzigd bij de volgende start van kvdesk.</source>
        <translation>The language changes the next time kvdesk starts.</translation>
    </message>
    <message>
        <source>Importeren is mislukt</source>
        <translation>Import failed</translation>
    </message>
    <message>
        <source>Vragenset opslaan…</source>
        <translation>Saving the question set…</translation>
    </message>
    <message>
        <source>bijgewerkt; concept-antwoorden zijn bewaard</source>
        <translation>updated; draft answers were kept</translation>
    </message>
    <message>
        <source>geïmporteerd</source>
        <translation>imported</translation>
    </message>
    <message>
        <source>Vragenset %1 %2 (%3 vragen).</source>
        <translation>Question set %1 %2 (%3 questions).</translation>
    </message>
    <message>
        <source>Alleen lezen: importeren kan niet.</source>
        <translation>Read-only: importing is not possible.</translation>
    </message>
    <message>
        <source>Het klembord is leeg: kopieer eerst de tekst van de vragen.</source>
        <translation>The clipboard is empty: copy the text of the questions first.</translation>
    </message>
    <message>
        <source>Eén bestand tegelijk: %1 wordt geïmporteerd.</source>
        <translation>One file at a time: importing %1.</translation>
    </message>
    <message>
        <source>Archief importeren</source>
        <translation>Import archive</translation>
    </message>
    <message>
        <source>Archief (*.jsonl)</source>
        <translation>Archive (*.jsonl)</translation>
    </message>
    <message>
        <source>Er loopt al een archief-import of synchronisatie; wacht tot die klaar is.</source>
        <translation>An archive import or sync is already running; wait until it has finished.</translation>
    </message>
    <message>
        <source>%1 van %2 MB gelezen</source>
        <translation>%1 of %2 MB read</translation>
    </message>
    <message>
        <source>Archief importeren: %1</source>
        <translation>Importing archive: %1</translation>
    </message>
    <message>
        <source>Archief importeren is mislukt</source>
        <translation>Importing the archive failed</translation>
    </message>
    <message>
        <source>Import van %1 gestopt: %2 sets toegevoegd. Opnieuw importeren voegt de rest toe.</source>
        <translation>Import of %1 stopped: %2 sets added. Importing it again adds the rest.</translation>
    </message>
    <message>
        <source>Archief %1: %2 sets toegevoegd (al bekende kenmerken overgeslagen).</source>
        <translation>Archive %1: %2 sets added (known references skipped).</translation>
    </message>
    <message>
        <source>Pagina %1: %2 gelezen, %3 nieuw, %4 bijgewerkt, %5 verwijderd</source>
        <translation>Page %1: %2 read, %3 new, %4 updated, %5 deleted</translation>
    </message>
    <message>
        <source>Archief bijwerken via open data</source>
        <translation>Updating the archive from open data</translation>
    </message>
    <message>
        <source>Archief bijwerken is mislukt</source>
        <translation>Updating the archive failed</translation>
    </message>
    <message>
        <source>Archief bijgewerkt: %1 nieuw, %2 bijgewerkt, %3 verwijderd.</source>
        <translation>Archive updated: %1 new, %2 updated, %3 deleted.</translation>
    </message>
    <message>
        <source>Archief bijwerken</source>
        <translation>Update archive</translation>
    </message>
    <message>
        <source>De synchronisatie is gestopt: %1
Wat binnen is, blijft bewaard; de volgende keer gaat hij verder waar hij stopte.</source>
        <translation>The sync stopped: %1
What came in is kept; the next run continues where it stopped.</translation>
    </message>
    <message>
        <source>Gestopt; de volgende keer gaat hij verder waar hij stopte.</source>
        <translation>Stopped; the next run continues where this one stopped.</translation>
    </message>
    <message>
        <source>Kies eerst een vragenset.</source>
        <translation>Choose a question set first.</translation>
    </message>
    <message>
        <source>De controles konden niet worden uitgevoerd</source>
        <translation>The checks could not be run</translation>
    </message>
    <message>
        <source>Controleren…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Niet geëxporteerd: los eerst de fouten op (zie Controles).</source>
        <translation>Not exported: fix the errors first (see Checks).</translation>
    </message>
    <message>
        <source>Exporteren…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Geschreven in %1: %2</source>
        <translation>Written to %1: %2</translation>
    </message>
    <message>
        <source> — leg na verzending vast: Set &gt; Uitstelbericht verzonden.</source>
        <translation> — once it has been sent, record it: Set &gt; Delay notice sent.</translation>
    </message>
    <message>
        <source>Exporteren</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>een andere naam</source>
        <translation>another name</translation>
    </message>
    <message>
        <source>Opslaan als ‘%1’?</source>
        <translation>Save as ‘%1’?</translation>
    </message>
    <message>
        <source>Andere naam gebruiken</source>
        <translation>Use another name</translation>
    </message>
    <message>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>De Word-bestanden zijn wel geschreven in %1.</source>
        <translation>The Word files have been written to %1, though.</translation>
    </message>
    <message>
        <source>Schrijven is mislukt: %1</source>
        <translation>Writing failed: %1</translation>
    </message>
    <message>
        <source>Exporteren is mislukt: %1</source>
        <translation>Export failed: %1</translation>
    </message>
    <message>
        <source>De status kon niet worden vastgelegd</source>
        <translation>The status could not be recorded</translation>
    </message>
    <message>
        <source>Status ‘%1’ vastgelegd.</source>
        <translation>Status ‘%1’ recorded.</translation>
    </message>
    <message>
        <source>De termijn is nu %1.</source>
        <translation>The deadline is now %1.</translation>
    </message>
    <message>
        <source>Klik eerst in het antwoord waarin u de bron wilt citeren.</source>
        <translation>First click in the answer in which you want to cite the source.</translation>
    </message>
    <message>
        <source>Voetnoot toegevoegd aan antwoord %1.</source>
        <translation>Footnote added to answer %1.</translation>
    </message>
    <message>
        <source>Klik eerst in het antwoord waaraan u werkt.</source>
        <translation>First click in the answer you are working on.</translation>
    </message>
    <message>
        <source>Verwijzing toegevoegd.</source>
        <translation>Citation added.</translation>
    </message>
    <message>
        <source>Citeren is mislukt</source>
        <translation>Citing failed</translation>
    </message>
    <message>
        <source>Antwoord overgenomen.</source>
        <translation>Earlier answer copied in.</translation>
    </message>
    <message>
        <source>Overnemen is mislukt</source>
        <translation>Copying the answer in failed</translation>
    </message>
    <message>
        <source>vandaag</source>
        <translation>today</translation>
    </message>
    <message>
        <source>%1 werkdag(en)</source>
        <translation>%1 working day(s)</translation>
    </message>
    <message>
        <source> en %1 meer</source>
        <translation> and %1 more</translation>
    </message>
    <message>
        <source>Binnenkort af: %1%2 — zie Termijnen.</source>
        <translation>Due soon: %1%2 — see Deadlines.</translation>
    </message>
    <message>
        <source>Huisstijl</source>
        <translation>House style</translation>
    </message>
    <message>
        <source>Huisstijl opgeslagen in %1.</source>
        <translation>House style saved in %1.</translation>
    </message>
    <message>
        <source>De back-up is mislukt</source>
        <translation>The backup failed</translation>
    </message>
    <message>
        <source>Back-up maken…</source>
        <translation>Making a backup…</translation>
    </message>
    <message>
        <source>Back-up gemaakt: %1</source>
        <translation>Backup made: %1</translation>
    </message>
    <message>
        <source>Opgeslagen om %1</source>
        <translation>Saved at %1</translation>
    </message>
    <message>
        <source>Opslaan mislukt (antwoord %1) — tekst is bewaard</source>
        <translation>Saving failed (answer %1) — the text is kept</translation>
    </message>
    <message>
        <source>Antwoord: %1 woorden · Beantwoording: %2 woorden</source>
        <translation>Answer: %1 words · Answers document: %2 words</translation>
    </message>
</context>
<context>
    <name>ReadOnly</name>
    <message>
        <source>kvdesk is alleen-lezen geopend omdat een andere kvdesk de database gebruikt; sluit die af en start kvdesk opnieuw om te wijzigen.</source>
        <translation>kvdesk has been opened read-only because another kvdesk is using the database; close that one and start kvdesk again to make changes.</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Vraag %1</source>
        <translation>Question %1</translation>
    </message>
    <message>
        <source>Antwoord %1</source>
        <translation>Answer %1</translation>
    </message>
    <message>
        <source>Zoek in eerdere vragen en antwoorden…</source>
        <translation>Search earlier questions and answers…</translation>
    </message>
    <message>
        <source>Zoeken</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Alle jaren</source>
        <translation>All years</translation>
    </message>
    <message>
        <source>Ministerie</source>
        <translation>Ministry</translation>
    </message>
    <message>
        <source>Kamerlid</source>
        <translation>MP</translation>
    </message>
    <message>
        <source>Partij</source>
        <translation>Party</translation>
    </message>
    <message>
        <source>Beantwoord en open</source>
        <translation>Answered and open</translation>
    </message>
    <message>
        <source>Alleen beantwoord</source>
        <translation>Answered only</translation>
    </message>
    <message>
        <source>Alleen onbeantwoord</source>
        <translation>Unanswered only</translation>
    </message>
    <message>
        <source>Zoeken…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>Zoeken mislukt: %s</source>
        <translation>Search failed: %s</translation>
    </message>
    <message numerus="yes">
        <source>%n resultaat/resultaten in %1 set(s)</source>
        <translation>
            <numerusform>%n result in %1 set</numerusform>
            <numerusform>%n results in %1 set(s)</numerusform>
        </translation>
    </message>
    <message>
        <source>Geen resultaten.</source>
        <translation>No results.</translation>
    </message>
</context>
<context>
    <name>SetHeader</name>
    <message>
        <source>Status van de set</source>
        <translation>Status of the set</translation>
    </message>
    <message>
        <source>Gegevens van de set</source>
        <translation>Set details</translation>
    </message>
    <message>
        <source>(zonder onderwerp)</source>
        <translation>(no subject)</translation>
    </message>
    <message>
        <source>Kenmerk</source>
        <translation>Reference number</translation>
    </message>
    <message>
        <source>Vragensteller(s)</source>
        <translation>Asked by</translation>
    </message>
    <message>
        <source>Gericht aan</source>
        <translation>Addressed to</translation>
    </message>
    <message>
        <source>Ingezonden</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>Termijn</source>
        <translation>Deadline</translation>
    </message>
</context>
<context>
    <name>SetListModel</name>
    <message>
        <source>Kenmerk</source>
        <translation>Ref. no.</translation>
    </message>
    <message>
        <source>Onderwerp</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Vragenstellers</source>
        <translation>Asked by</translation>
    </message>
    <message>
        <source>Termijn</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Beantwoord</source>
        <translation>Answered</translation>
    </message>
</context>
<context>
    <name>SetListPanel</name>
    <message>
        <source>Vragensets</source>
        <translation>Question sets</translation>
    </message>
    <message>
        <source>Filter op kenmerk, onderwerp, lid…</source>
        <translation>Filter by reference number, subject, member…</translation>
    </message>
    <message>
        <source>Sets filteren</source>
        <translation>Filter sets</translation>
    </message>
    <message>
        <source>Filter op status</source>
        <translation>Filter by status</translation>
    </message>
    <message>
        <source>Alle statussen</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Lijst van vragensets</source>
        <translation>List of question sets</translation>
    </message>
    <message>
        <source>Aantallen per status</source>
        <translation>Counts per status</translation>
    </message>
    <message>
        <source>%1 sets</source>
        <translation>Sets: %1</translation>
    </message>
</context>
<context>
    <name>SetViewer</name>
    <message>
        <source>Kenmerk</source>
        <translation>Reference number</translation>
    </message>
    <message>
        <source>Vragensteller(s)</source>
        <translation>Asked by</translation>
    </message>
    <message>
        <source>Gericht aan</source>
        <translation>Addressed to</translation>
    </message>
    <message>
        <source>Ingezonden</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Vraag %1</source>
        <translation>Question %1</translation>
    </message>
    <message>
        <source>Antwoord %1</source>
        <translation>Answer %1</translation>
    </message>
    <message>
        <source>(nog geen antwoord)</source>
        <translation>(no answer yet)</translation>
    </message>
    <message>
        <source>%1 (alleen lezen)</source>
        <translation>%1 (read-only)</translation>
    </message>
    <message>
        <source>Vragen en antwoorden, alleen lezen</source>
        <translation>Questions and answers, read-only</translation>
    </message>
    <message>
        <source>In werkruimte openen</source>
        <translation>Open in workspace</translation>
    </message>
    <message>
        <source>Deze set openen om aan de antwoorden te werken</source>
        <translation>Open this set to work on its answers</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <source>Bronnen en eerdere antwoorden</source>
        <translation>Sources and earlier answers</translation>
    </message>
    <message>
        <source>Bronnen

Hier verschijnen de artikelen en documenten waarnaar de vragen verwijzen, ook offline leesbaar.</source>
        <translation>Sources

The articles and documents the questions refer to appear here, readable offline.</translation>
    </message>
    <message>
        <source>Eerdere antwoorden

Hier verschijnen de meest vergelijkbare eerder gegeven antwoorden bij de vraag waaraan u werkt.</source>
        <translation>Earlier answers

The most similar earlier answers to the question you are working on appear here.</translation>
    </message>
    <message>
        <source>Bronnen</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>Eerdere antwoorden</source>
        <translation>Earlier answers</translation>
    </message>
</context>
<context>
    <name>SimilarQuestionsPanel</name>
    <message>
        <source>Vergelijkbare eerdere vragen</source>
        <translation>Similar earlier questions</translation>
    </message>
    <message>
        <source>Zoeken…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>Niet gelukt: %s</source>
        <translation>Failed: %s</translation>
    </message>
    <message>
        <source>Geen vergelijkbare vragen gevonden.</source>
        <translation>No similar questions found.</translation>
    </message>
    <message>
        <source>Vraag %1</source>
        <translation>Question %1</translation>
    </message>
    <message>
        <source>(geen antwoord)</source>
        <translation>(no answer)</translation>
    </message>
    <message>
        <source>Citeer</source>
        <translation>Cite</translation>
    </message>
    <message>
        <source>Voeg een voetnoot toe die naar dit antwoord verwijst</source>
        <translation>Add a footnote that refers to this answer</translation>
    </message>
    <message>
        <source>Neem over</source>
        <translation>Reuse</translation>
    </message>
    <message>
        <source>Neem dit antwoord over als begin van uw antwoord</source>
        <translation>Use this answer as the start of yours</translation>
    </message>
    <message>
        <source>Bekijk</source>
        <translation>View</translation>
    </message>
</context>
<context>
    <name>SourcesPanel</name>
    <message>
        <source>bezig met ophalen…</source>
        <translation>fetching…</translation>
    </message>
    <message>
        <source>opgehaald uit het archief</source>
        <translation>fetched from the archive</translation>
    </message>
    <message>
        <source>opgehaald</source>
        <translation>fetched</translation>
    </message>
    <message>
        <source>toegevoegd</source>
        <translation>added</translation>
    </message>
    <message>
        <source>niet gelukt — opnieuw proberen</source>
        <translation>failed — try again</translation>
    </message>
    <message>
        <source>geen link — zoeken of bestand toevoegen</source>
        <translation>no link — search for it or add a file</translation>
    </message>
    <message>
        <source>nog niet opgehaald</source>
        <translation>not fetched yet</translation>
    </message>
    <message>
        <source>Nog geen tekst bewaard. Haal de bron op, of sleep een bestand hierheen of plak de tekst.</source>
        <translation>No text stored yet. Fetch the source, or drop a file here or paste the text.</translation>
    </message>
    <message>
        <source>Alles ophalen</source>
        <translation>Fetch all</translation>
    </message>
    <message>
        <source>Opnieuw proberen</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>Citeer</source>
        <translation>Cite</translation>
    </message>
    <message>
        <source>Bestand toevoegen…</source>
        <translation>Add file…</translation>
    </message>
    <message>
        <source>Tekst plakken</source>
        <translation>Paste text</translation>
    </message>
    <message>
        <source>Voegt een voetnoot met deze bron toe aan het huidige antwoord</source>
        <translation>Adds a footnote citing this source to the current answer</translation>
    </message>
    <message>
        <source>Kies eerst een bron in de lijst.</source>
        <translation>First choose a source in the list.</translation>
    </message>
    <message>
        <source>Bestand toevoegen</source>
        <translation>Add a file</translation>
    </message>
    <message>
        <source>Documenten (*.pdf *.html *.htm *.docx *.txt *.eml)</source>
        <translation>Documents (*.pdf *.html *.htm *.docx *.txt *.eml)</translation>
    </message>
    <message>
        <source>Zoek dit artikel</source>
        <translation>Search for this article</translation>
    </message>
    <message>
        <source>— of sleep een bestand hierheen, of plak de tekst of de link.</source>
        <translation>— or drop a file here, or paste the text or the link.</translation>
    </message>
    <message>
        <source>Ophalen</source>
        <translation>Fetch</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>uitstel gemeld — uitstelbericht verzonden</source>
        <translation>delay notified — delay notice sent</translation>
    </message>
    <message>
        <source>Status van de set</source>
        <translation>Status of the set</translation>
    </message>
    <message>
        <source>Nieuwe status</source>
        <translation>New status</translation>
    </message>
    <message>
        <source>Datum van de wijziging</source>
        <translation>Date of the change</translation>
    </message>
    <message>
        <source>Toelichting</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>bijvoorbeeld: uitstelbericht per e-mail aan de griffie</source>
        <translation>for example: delay notice emailed to the Clerk&apos;s office</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Vastleggen</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Vastleggen dat het uitstelbericht is verzonden schuift de termijn drie weken op.</source>
        <translation>Recording that the delay notice has been sent moves the deadline three weeks on.</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Werkruimte</source>
        <translation>Workspace</translation>
    </message>
    <message>
        <source>Vragen en antwoorden</source>
        <translation>Questions and answers</translation>
    </message>
    <message>
        <source>Kies links een vragenset om aan de antwoorden te werken.</source>
        <translation>Choose a question set on the left to work on its answers.</translation>
    </message>
    <message>
        <source>onbekend</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>%1 (verlopen)</source>
        <translation>%1 (overdue)</translation>
    </message>
    <message>
        <source>%1 (nog %2 werkdagen)</source>
        <translation>%1 (%2 working days left)</translation>
    </message>
    <message>
        <source>De status kon niet worden opgeslagen</source>
        <translation>The status could not be saved</translation>
    </message>
    <message>
        <source>De toewijzing kon niet worden opgeslagen</source>
        <translation>The assignment could not be saved</translation>
    </message>
    <message>
        <source>De status van de set kon niet worden opgeslagen</source>
        <translation>The set&apos;s status could not be saved</translation>
    </message>
    <message>
        <source>Vink eerst twee of meer antwoorden aan om ze te combineren.</source>
        <translation>First tick two or more answers to combine them.</translation>
    </message>
    <message>
        <source>Combineren is mislukt</source>
        <translation>Combining failed</translation>
    </message>
    <message>
        <source>Kies eerst een gecombineerd antwoord om te splitsen.</source>
        <translation>First choose a combined answer to split.</translation>
    </message>
    <message>
        <source>Splitsen is mislukt</source>
        <translation>Splitting failed</translation>
    </message>
    <message>
        <source>Niet gevonden</source>
        <translation>Not found</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>De database was beschadigd; de nieuwste back-up is teruggezet.</source>
        <translation>The database was damaged; the most recent backup has been restored.</translation>
    </message>
    <message>
        <source>Database beschadigd</source>
        <translation>Database damaged</translation>
    </message>
    <message>
        <source>De nieuwste back-up terugzetten? Het beschadigde bestand blijft ernaast bewaard.</source>
        <translation>Restore the most recent backup? The damaged file is kept alongside it.</translation>
    </message>
    <message>
        <source>Back-up terugzetten</source>
        <translation>Restore backup</translation>
    </message>
    <message>
        <source>Afsluiten</source>
        <translation>Exit</translation>
    </message>
    <message>
        <source>kvdesk kan niet starten</source>
        <translation>kvdesk cannot start</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>Vragensets laden…</source>
        <translation>Loading question sets…</translation>
    </message>
</context>
</TS>
