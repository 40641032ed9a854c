<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>AnswerEditor</name>
    <message>
        <location filename="../../kvdesk/gui/editor.py" line="64" />
        <source>Typ hier het antwoord…</source>
        <translation>Type the answer here…</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/editor.py" line="65" />
        <source>Antwoord</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/editor.py" line="278" />
        <source>Zie het antwoord op vraag %1.</source>
        <translation>Zie het antwoord op vraag %1.</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/editor.py" line="426" />
        <source>Suggesties zoeken…</source>
        <translation>Looking for suggestions…</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/editor.py" line="429" />
        <source>Toevoegen aan woordenlijst</source>
        <translation>Add to word list</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/editor.py" line="438" />
        <source>Geen suggesties</source>
        <translation>No suggestions</translation>
    </message>
</context>
<context>
    <name>AnswerRow</name>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="113" />
        <source>Vraag en antwoord %1</source>
        <translation>Question and answer %1</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="145" />
        <source>Vraag %1</source>
        <translation>Question %1</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="150" />
        <source>Toegewezen aan</source>
        <translation>Assigned to</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="151" />
        <source>Toegewezen aan, vraag %1</source>
        <translation>Assigned to, question %1</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="160" />
        <source>Tekst van vraag %1</source>
        <translation>Text of question %1</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="166" />
        <source>Selecteren om antwoorden te combineren</source>
        <translation>Select to combine answers</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="167" />
        <source>Antwoord %1 selecteren</source>
        <translation>Select answer %1</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="169" />
        <location filename="../../kvdesk/gui/workspace.py" line="188" />
        <source>Antwoord %1</source>
        <translation>Answer %1</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="178" />
        <source>Status van antwoord %1</source>
        <translation>Status of answer %1</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="182" />
        <source>Geschiedenis</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="183" />
        <source>Geschiedenis van antwoord %1</source>
        <translation>History of answer %1</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../kvdesk/gui/errors.py" line="20" />
        <source>kvdesk: onverwachte fout</source>
        <translation>kvdesk: unexpected error</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/errors.py" line="25" />
        <source>Er ging iets mis: %1

Uw tekst is bewaard (automatisch opgeslagen en in het herstelbestand). Stuur de gegevens hieronder naar de servicedesk.</source>
        <translation>Something went wrong: %1

Your text is safe (saved automatically and in the recovery file). Send the details below to the service desk.</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/errors.py" line="30" />
        <source>Logbestand: %1</source>
        <translation>Log file: %1</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/errors.py" line="30" />
        <source>(geen)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/errors.py" line="36" />
        <source>Technische gegevens</source>
        <translation>Technical details</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/errors.py" line="39" />
        <source>Kopiëren</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/errors.py" line="42" />
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="271" />
        <location filename="../../kvdesk/gui/workspace.py" line="272" />
        <source>Zoeken in deze set</source>
        <translation>Find in this set</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="276" />
        <source>Vorige</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="277" />
        <source>Vorige vindplaats</source>
        <translation>Previous match</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="279" />
        <source>Volgende</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="280" />
        <source>Volgende vindplaats</source>
        <translation>Next match</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="285" />
        <source>Zoekbalk sluiten</source>
        <translation>Close the find bar</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../kvdesk/gui/history.py" line="56" />
        <source>Geschiedenis van antwoord %1</source>
        <translation>History of answer %1</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/history.py" line="62" />
        <source>Versies</source>
        <translation>Versions</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/history.py" line="67" />
        <source>Vergelijk met:</source>
        <translation>Compare with:</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/history.py" line="69" />
        <source>Vergelijken met versie</source>
        <translation>Compare with version</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/history.py" line="73" />
        <source>Samenvatting van de wijzigingen</source>
        <translation>Summary of the changes</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/history.py" line="76" />
        <source>Verschillen</source>
        <translation>Differences</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/history.py" line="82" />
        <source>Herstellen</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/history.py" line="83" />
        <source>Deze versie herstellen</source>
        <translation>Restore this version</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/history.py" line="84" />
        <source>Maakt van deze versie het huidige antwoord (als nieuwe versie)</source>
        <translation>Makes this version the current answer (as a new version)</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/history.py" line="87" />
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/history.py" line="109" />
        <source>(leeg)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/history.py" line="129" />
        <source>Nog geen opgeslagen versies.</source>
        <translation>No saved versions yet.</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/history.py" line="138" />
        <source>Dezelfde woorden; alleen de opmaak is gewijzigd.</source>
        <translation>The same words; only the formatting changed.</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/history.py" line="140" />
        <source>%1 woorden toegevoegd, %2 verwijderd.</source>
        <translation>%1 words added, %2 removed.</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/history.py" line="158" />
        <source>Herstellen is mislukt: %1</source>
        <translation>Restoring failed: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="116" />
        <source>kvdesk hoofdvenster</source>
        <translation>kvdesk main window</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="136" />
        <source>Nog niets opgeslagen</source>
        <translation>Nothing saved yet</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="137" />
        <source>Laatst opgeslagen</source>
        <translation>Last saved</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="139" />
        <source>Aantal woorden</source>
        <translation>Word count</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="164" />
        <source>&amp;Importeren…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="165" />
        <source>Een vragenset importeren</source>
        <translation>Import a question set</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="166" />
        <source>&amp;Exporteren…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="167" />
        <source>Aanbiedingsbrief en antwoorden als Word-bestand</source>
        <translation>Cover letter and answers as a Word file</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="168" />
        <source>&amp;Afsluiten</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="169" />
        <source>&amp;Ongedaan maken</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="170" />
        <source>Opni&amp;euw</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="171" />
        <source>&amp;Zoeken in set…</source>
        <translation>&amp;Find in set…</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="172" />
        <source>&amp;Combineer</source>
        <translation>&amp;Combine</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="173" />
        <source>De aangevinkte vragen één antwoord geven</source>
        <translation>Give the ticked questions one answer</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="174" />
        <source>&amp;Splitsen</source>
        <translation>&amp;Split</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="175" />
        <source>Een gecombineerd antwoord weer per vraag</source>
        <translation>Give each question of a combined answer its own answer again</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="176" />
        <source>&amp;Geschiedenis…</source>
        <translation>&amp;History…</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="177" />
        <source>&amp;Vet</source>
        <translation>&amp;Bold</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="178" />
        <source>&amp;Cursief</source>
        <translation>&amp;Italic</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="179" />
        <source>&amp;Opsommingstekens</source>
        <translation>&amp;Bullets</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="181" />
        <source>&amp;Nummering</source>
        <translation>&amp;Numbering</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="183" />
        <source>&amp;Citaat</source>
        <translation>&amp;Quote</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="184" />
        <source>&amp;Koppeling…</source>
        <translation>&amp;Link…</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="185" />
        <source>&amp;Voetnoot</source>
        <translation>&amp;Footnote</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="186" />
        <source>Een voetnoot invoegen op de cursor</source>
        <translation>Insert a footnote at the cursor</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="187" />
        <source>&amp;Zie het antwoord op vraag…</source>
        <translation>&amp;See the answer to question…</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="188" />
        <source>&amp;Volgend antwoord</source>
        <translation>&amp;Next answer</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="189" />
        <source>V&amp;orig antwoord</source>
        <translation>&amp;Previous answer</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="190" />
        <source>&amp;Spellingcontrole</source>
        <translation>&amp;Spell checking</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="193" />
        <source>&amp;English interface</source>
        <translation>&amp;English interface</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="196" />
        <source>&amp;Over kvdesk</source>
        <translation>&amp;About kvdesk</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="199" />
        <source>&amp;Bestand</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="203" />
        <source>Be&amp;werken</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="209" />
        <source>&amp;Opmaak</source>
        <translation>F&amp;ormat</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="211" />
        <source>&amp;Invoegen</source>
        <translation>&amp;Insert</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="213" />
        <source>&amp;Ga naar</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="215" />
        <source>E&amp;xtra</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="217" />
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="220" />
        <location filename="../../kvdesk/gui/mainwindow.py" line="222" />
        <source>Werkbalk</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="239" />
        <source>Klik eerst in een antwoord.</source>
        <translation>Click in an answer first.</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="248" />
        <source>Koppeling invoegen</source>
        <translation>Insert link</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="248" />
        <source>Adres (URL):</source>
        <translation>Address (URL):</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="257" />
        <source>Verwijzing invoegen</source>
        <translation>Insert reference</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="257" />
        <source>Vraag:</source>
        <translation>Question:</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="290" />
        <source>De taal wordt gewijzigd bij de volgende start van kvdesk.</source>
        <translation>The language changes the next time kvdesk starts.</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="293" />
        <source>Over kvdesk</source>
        <translation>About kvdesk</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="294" />
        <source>kvdesk %1
Schriftelijke Kamervragen beantwoorden.

Gegevensmap: %2
Logbestand: %3</source>
        <translation>kvdesk %1
Answering written parliamentary questions.

Data folder: %2
Log file: %3</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="298" />
        <source>Importeren vanuit het venster is nog niet beschikbaar; gebruik 'kvdesk import BESTAND'.</source>
        <translation>Importing from the window is not available yet; use 'kvdesk import FILE'.</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="302" />
        <source>Exporteren vanuit het venster is nog niet beschikbaar; gebruik 'kvdesk export'.</source>
        <translation>Exporting from the window is not available yet; use 'kvdesk export'.</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="323" />
        <source>Opgeslagen om %1</source>
        <translation>Saved at %1</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="327" />
        <source>Opslaan mislukt (antwoord %1) — tekst is bewaard</source>
        <translation>Saving failed (answer %1) — the text is kept</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="332" />
        <source>Antwoord: %1 woorden · Beantwoording: %2 woorden</source>
        <translation>Answer: %1 words · Reply: %2 words</translation>
    </message>
</context>
<context>
    <name>SetHeader</name>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="225" />
        <source>Status van de set</source>
        <translation>Status of the set</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="235" />
        <source>Gegevens van de set</source>
        <translation>Set details</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="238" />
        <source>(zonder onderwerp)</source>
        <translation>(no subject)</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="243" />
        <source>Kenmerk</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="244" />
        <source>Vragensteller(s)</source>
        <translation>Asked by</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="245" />
        <source>Gericht aan</source>
        <translation>Addressed to</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="246" />
        <source>Ingezonden</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="247" />
        <source>Termijn</source>
        <translation>Deadline</translation>
    </message>
</context>
<context>
    <name>SetListPanel</name>
    <message>
        <location filename="../../kvdesk/gui/setlist.py" line="152" />
        <location filename="../../kvdesk/gui/setlist.py" line="156" />
        <source>Vragensets</source>
        <translation>Question sets</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/setlist.py" line="160" />
        <source>Filter op kenmerk, onderwerp, lid…</source>
        <translation>Filter by reference, subject, member…</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/setlist.py" line="161" />
        <source>Sets filteren</source>
        <translation>Filter sets</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/setlist.py" line="165" />
        <source>Filter op status</source>
        <translation>Filter by status</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/setlist.py" line="166" />
        <source>Alle statussen</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/setlist.py" line="181" />
        <source>Lijst van vragensets</source>
        <translation>List of question sets</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/setlist.py" line="189" />
        <source>Aantallen per status</source>
        <translation>Counts per status</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/setlist.py" line="204" />
        <source>%1 sets</source>
        <translation>%1 sets</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="62" />
        <source>Bronnen en eerdere antwoorden</source>
        <translation>Sources and earlier answers</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="65" />
        <source>Bronnen

Hier verschijnen de artikelen en documenten waarnaar de vragen verwijzen, ook offline leesbaar. Deze functie is nog niet beschikbaar.</source>
        <translation>Sources

The articles and documents the questions refer to appear here, readable offline. This is not available yet.</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="68" />
        <source>Eerdere antwoorden

Hier verschijnen de meest vergelijkbare eerder gegeven antwoorden bij de vraag waaraan u werkt. Deze functie is nog niet beschikbaar.</source>
        <translation>Earlier answers

The most similar earlier answers to the question at hand appear here. This is not available yet.</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="70" />
        <source>Bronnen</source>
        <translation>Sources</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/mainwindow.py" line="71" />
        <source>Eerdere antwoorden</source>
        <translation>Earlier answers</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="329" />
        <source>Werkruimte</source>
        <translation>Workspace</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="345" />
        <source>Vragen en antwoorden</source>
        <translation>Questions and answers</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="355" />
        <source>Kies links een vragenset om aan de antwoorden te werken.</source>
        <translation>Choose a question set on the left to work on its answers.</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="423" />
        <source>onbekend</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="429" />
        <source>%1 (verlopen)</source>
        <translation>%1 (overdue)</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="430" />
        <source>%1 (nog %2 werkdagen)</source>
        <translation>%1 (%2 working days left)</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="626" />
        <source>De status kon niet worden opgeslagen</source>
        <translation>The status could not be saved</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="635" />
        <source>De toewijzing kon niet worden opgeslagen</source>
        <translation>The assignment could not be saved</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="644" />
        <source>De status van de set kon niet worden opgeslagen</source>
        <translation>The set's status could not be saved</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="657" />
        <source>Vink eerst twee of meer antwoorden aan om ze te combineren.</source>
        <translation>First tick two or more answers to combine them.</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="663" />
        <source>Combineren is mislukt</source>
        <translation>Combining failed</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="669" />
        <source>Kies eerst een gecombineerd antwoord om te splitsen.</source>
        <translation>First choose a combined answer to split.</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="675" />
        <source>Splitsen is mislukt</source>
        <translation>Splitting failed</translation>
    </message>
    <message>
        <location filename="../../kvdesk/gui/workspace.py" line="748" />
        <source>Niet gevonden</source>
        <translation>Not found</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../kvdesk/gui/application.py" line="187" />
        <source>kvdesk kan niet starten</source>
        <translation>kvdesk cannot start</translation>
    </message>
</context>
<context><name>SetListModel</name><message><source>Kenmerk</source><translation>Reference</translation></message><message><source>Onderwerp</source><translation>Subject</translation></message><message><source>Vragenstellers</source><translation>Asked by</translation></message><message><source>Termijn</source><translation>Deadline</translation></message><message><source>Status</source><translation>Status</translation></message><message><source>Beantwoord</source><translation>Answered</translation></message></context></TS>