"""Every export read back with python-docx: texts, styles, footnotes, fields, lists, links, sections."""
from __future__ import annotations

import os
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from kvdesk.core.model import Answer
from kvdesk.services.exporting import export_delay_notice, export_reply, reply_filenames
from tests.export.seed import EXPORT_DATE, make_seed_set

GOLDEN = Path(__file__).parent / "golden"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def golden(name: str, actual: str) -> None:
    """Compare with tests/export/golden/<name>; KVDESK_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if os.environ.get("KVDESK_UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"golden file {name} is missing; run with KVDESK_UPDATE_GOLDEN=1 and review it"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from the golden file"


def pretty(element: etree._Element) -> str:
    clone = etree.fromstring(etree.tostring(element))
    etree.indent(clone, space="  ")
    return etree.tostring(clone, encoding="unicode") + "\n"


def footnotes_element(document) -> etree._Element:
    part = next(r.target_part for r in document.part.rels.values() if r.reltype == RT.FOOTNOTES)
    return etree.fromstring(part.blob)


def footnote_texts(document) -> list[str]:
    root = footnotes_element(document)
    return ["".join(fn.itertext()).strip() for fn in root.findall(W + "footnote") if int(fn.get(W + "id")) > 0]


@pytest.fixture
def reply(tmp_path, seed_set):
    cover, answers = export_reply(seed_set, tmp_path, date=EXPORT_DATE)
    return docx.Document(cover), docx.Document(answers), cover, answers


def body_lines(document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.text]


def test_reply_writes_two_files_named_for_windows(tmp_path, seed_set):
    paths = export_reply(seed_set, tmp_path, date=EXPORT_DATE)
    names = reply_filenames(seed_set)
    assert [p.name for p in paths] == [names["cover"], names["answers"]]
    assert paths[1].name == "Beantwoording 2025-12-31 Woede om miljoenenorder vier miljoen slimme meters.docx"
    seed_set.kenmerk = "2025Z25100"
    assert reply_filenames(seed_set)["answers"].startswith("Beantwoording 2025Z25100 ")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~kvdesk")]


def test_answers_document_headings_and_texts_in_named_styles(reply):
    _, answers, _, _ = reply
    lines = body_lines(answers)
    assert lines[0][0] == "KV Titel"
    assert lines[0][1].startswith("Antwoorden van de minister van Buitenlandse Zaken, mede namens de minister van Klimaat")
    headings = [text for style, text in lines if style in ("KV Vraagkop", "KV Antwoordkop")]
    assert headings[:6] == ["Vraag 1", "Antwoord 1", "Vraag 2 en 3", "Antwoord 2 en 3", "Vraag 4", "Antwoord 4"]
    assert headings[-2:] == ["Vraag 11", "Antwoord 11"]
    assert len(headings) == 20  # 10 blocks: 1, 2 en 3, 4 … 11
    questions = [text for style, text in lines if style == "KV Vraag"]
    assert len(questions) == 11
    assert questions[1].startswith("Welke afwegingen") and questions[2].startswith("Is onderzocht")
    # The question style is italic (the profile's choice), the headings bold.
    assert answers.styles["KV Vraag"].font.italic is True
    assert answers.styles["KV Vraagkop"].font.bold is True
    assert answers.styles["Normal"].font.name == "Verdana"
    assert answers.styles["Normal"].font.size.pt == 9


def test_combined_answer_heading_lists_non_adjacent_numbers(tmp_path):
    qs = make_seed_set(answers={(1, 4): "Samen beantwoord.", (2,): "Nee."})
    _, path = export_reply(qs, tmp_path, date=EXPORT_DATE)
    document = docx.Document(path)
    headings = [p.text for p in document.paragraphs if p.style.name in ("KV Vraagkop", "KV Antwoordkop")]
    assert headings[:6] == ["Vraag 1 en 4", "Antwoord 1 en 4", "Vraag 2", "Antwoord 2", "Vraag 3", "Antwoord 3"]
    assert "Vraag 4" not in headings
    texts = [p.text for p in document.paragraphs]
    block = texts[texts.index("Vraag 1 en 4") + 1 : texts.index("Antwoord 1 en 4")]
    assert block[0].startswith("Bent u bekend") and block[1].startswith("Welke risicoanalyses")


def test_footnotes_are_real_word_footnotes_numbered_through_the_document(reply):
    _, answers, _, _ = reply
    assert footnote_texts(answers) == [
        "Telegraaf van 30 december 2025",
        "Kamerstuk 36 000, nr. 12, zie https://www.tweedekamer.nl/",
        "Rapport Digitale weerbaarheid, 2025.",
    ]
    refs = answers.element.body.findall(f".//{W}footnoteReference")
    assert [r.get(W + "id") for r in refs] == ["1", "2", "3"]
    # The set's footnote 1 sits at the end of question 1.
    q1 = next(p for p in answers.paragraphs if p.text.startswith("Bent u bekend"))
    assert q1._p[-1].find(W + "footnoteReference") is not None
    # settings.xml lists the separators as Word writes them.
    assert answers.settings.element.find(W + "footnotePr") is not None
    golden("answers_footnotes.xml", pretty(footnotes_element(answers)))


def test_footnote_link_relates_to_the_footnotes_part(reply):
    _, answers, _, _ = reply
    part = next(r.target_part for r in answers.part.rels.values() if r.reltype == RT.FOOTNOTES)
    assert [r.target_ref for r in part.rels.values() if r.reltype == RT.HYPERLINK] == ["https://www.tweedekamer.nl/"]


def test_answer_formatting_carries_over(reply):
    _, answers, _, _ = reply
    paras = answers.paragraphs
    items = [p for p in paras if p.style.name == "KV Lijst"]
    assert [p.text for p in items] == ["de prijs;", "de leveringszekerheid;", "de beveiliging van de meters.",
                                       "eerst de analyse;", "dan het besluit."]
    num_ids = [p._p.pPr.numPr.numId.val for p in items]
    assert num_ids[0] == num_ids[1] == num_ids[2] != num_ids[3] == num_ids[4]
    numbering = answers.part.numbering_part.element
    for nid in (num_ids[0], num_ids[3]):
        num = next(n for n in numbering.num_lst if n.numId == nid)
        assert num.find(f"{W}lvlOverride/{W}startOverride").get(W + "val") == "1"
    bold = [r.text for p in paras for r in p.runs if r.bold]
    assert "beveiliging" in bold
    italic = [r.text for p in paras for r in p.runs if r.italic]
    assert "het rapport" in italic
    link_paragraph = next(p for p in paras if p.text.startswith("Zie ook"))
    link = link_paragraph._p.find(W + "hyperlink")
    assert "".join(t.text for t in link.iter(W + "t")) == "de brief van 12 januari"
    assert answers.part.rels[link.get(qn("r:id"))].target_ref == "https://www.rijksoverheid.nl/"
    quote = next(p for p in paras if p.style.name == "KV Citaat")
    assert quote.text == "«Risico's moeten per leverancier worden beoordeeld.»"


def test_page_numbers_are_page_and_numpages_fields(reply):
    cover, answers, _, _ = reply
    footer = answers.sections[0].footer
    assert footer.paragraphs[0].text.replace("11", "1").startswith("Pagina 1 van 1")
    instr = [t.text.strip() for t in footer._element.iter(W + "instrText")]
    assert instr == ["PAGE", "NUMPAGES"]
    golden("answers_footer.xml", pretty(footer._element))
    first = cover.sections[0].first_page_footer
    assert [t.text.strip() for t in first._element.iter(W + "instrText")] == ["PAGE", "NUMPAGES"]
    golden("cover_first_page_footer.xml", pretty(first._element))


def test_cover_letter_layout(reply):
    cover, _, _, _ = reply
    sec = cover.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    assert sec.different_first_page_header_footer is True
    assert round(sec.left_margin.mm, 1) == 24.0
    logo = [p.text for p in sec.first_page_header.paragraphs]
    assert logo == ["Ministerie van Buitenlandse Zaken"]
    later = [p.text for p in sec.header.paragraphs]
    assert later[:2] == ["Datum", "20 januari 2026"]
    texts = [p.text for p in cover.paragraphs]
    framed = [p.text for p in cover.paragraphs if p._p.pPr is not None and p._p.pPr.find(W + "framePr") is not None]
    assert framed[0] == "Ministerie van Buitenlandse Zaken"
    assert "Onze referentie" in framed and "Uw referentie" in framed and framed[-2:] == ["Bijlage(n)", "1"]
    assert texts[texts.index("Aan de Voorzitter van de") : texts.index("Aan de Voorzitter van de") + 4] == [
        "Aan de Voorzitter van de", "Tweede Kamer der Staten-Generaal", "Postbus 20018", "2500 EA  DEN HAAG"]
    date_line = next(p for p in cover.paragraphs if p.text.startswith("Datum"))
    assert date_line.text == "Datum\t20 januari 2026"
    k = next(i for i, t in enumerate(texts) if t.startswith("Betreft\tBeantwoording vragen van de leden Boswijk, Jumelet,"))
    assert texts[k + 1 : k + 4] == ["", "", ""]  # three blank lines after Betreft
    assert texts[k + 4] == "Geachte voorzitter,"
    assert texts[k + 6].startswith("Hierbij bied ik u, mede namens de minister van Klimaat en Groene Groei, de antwoorden")
    assert "De minister van Buitenlandse Zaken," in texts
    assert cover.core_properties.title.startswith("Beantwoording vragen")


def test_profile_fills_the_column_and_the_signature(tmp_path, seed_set):
    from kvdesk.export.profile import Signer, find_profile
    profile = find_profile("voorbeeld")
    profile.signers.append(Signer("minister van Buitenlandse Zaken", "C.D. Voorbeeld"))
    seed_set.kenmerk = "2025Z25100"
    cover, _ = export_reply(seed_set, tmp_path, profile=profile, date=EXPORT_DATE, our_reference="BZ-2026-1")
    document = docx.Document(cover)
    framed = [p.text for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.find(W + "framePr") is not None]
    for expected in ("Ministerie van Voorbeeldzaken", "Directie Voorbeeldbeleid", "Voorbeeldstraat 1",
                     "Contactpersoon", "T 000 000 00 00", "BZ-2026-1", "2025Z25100"):
        assert expected in framed
    texts = [p.text for p in document.paragraphs]
    assert "> Retouradres Postbus 00000 0000 AA  Voorbeeldstad" in texts
    assert texts[-1] == "C.D. Voorbeeld"
    assert texts[texts.index("De minister van Buitenlandse Zaken,") + 5] == "C.D. Voorbeeld"


def test_two_answerers_sign_both(tmp_path, seed_set):
    answerers = ["minister van Buitenlandse Zaken", "minister van Klimaat en Groene Groei"]
    cover, answers = export_reply(seed_set, tmp_path, answerer=answerers, date=EXPORT_DATE)
    texts = [p.text for p in docx.Document(cover).paragraphs]
    assert "De minister van Buitenlandse Zaken," in texts and "De minister van Klimaat en Groene Groei," in texts
    assert any(t.startswith("Hierbij bieden wij u de antwoorden aan") for t in texts)
    title = docx.Document(answers).paragraphs[0].text
    assert title.startswith("Antwoorden van de minister van Buitenlandse Zaken en de minister van Klimaat en Groene Groei op vragen")


def test_eerste_kamer_address(tmp_path, seed_set):
    seed_set.chamber = "EK"
    cover, _ = export_reply(seed_set, tmp_path, date=EXPORT_DATE)
    texts = [p.text for p in docx.Document(cover).paragraphs]
    assert "Eerste Kamer der Staten-Generaal" in texts and "Postbus 20017" in texts


def test_unanswered_question_gets_an_empty_answer_block(tmp_path):
    qs = make_seed_set(answers={})
    _, path = export_reply(qs, tmp_path, date=EXPORT_DATE)
    texts = [p.text for p in docx.Document(path).paragraphs]
    k = texts.index("Antwoord 5")
    assert texts[k + 1] == "" and texts[k + 2] == "Vraag 6"


def test_delay_notice_letter(tmp_path, seed_set):
    seed_set.kenmerk = "2025Z25100"
    (path,) = export_delay_notice(seed_set, tmp_path, "De reden hiervoor is dat de afstemming meer tijd vergt",
                                  date=EXPORT_DATE)
    assert path.name == "Uitstelbericht 2025Z25100 Woede om miljoenenorder vier miljoen slimme meters.docx"
    document = docx.Document(path)
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("Betreft\tUitstel beantwoording vragen van de leden Boswijk c.s. over") for t in texts)
    body = next(t for t in texts if t.startswith("De vragen van de leden"))
    assert "(2025Z25100, ingezonden 31 december 2025) kunnen niet binnen de gebruikelijke termijn van drie weken" in body
    assert "De reden hiervoor is dat de afstemming meer tijd vergt. Ik streef ernaar" in body
    assert "Bijlage(n)" not in texts
    assert [t.text.strip() for t in document.sections[0].first_page_footer._element.iter(W + "instrText")] == ["PAGE", "NUMPAGES"]


def test_logo_image_goes_in_the_first_page_header(tmp_path, seed_set):
    from kvdesk.export.profile import HouseStyle
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png())
    cover, _ = export_reply(seed_set, tmp_path, profile=HouseStyle(logo=logo), date=EXPORT_DATE)
    header = docx.Document(cover).sections[0].first_page_header
    assert header._element.find(f".//{W}drawing") is not None
    assert any(r.reltype == RT.IMAGE for r in header.part.rels.values())


def _png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\x15\x42\x73" * 40 for _ in range(80))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 40, 80, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_empty_set_is_refused_with_a_message(tmp_path):
    from kvdesk.core.model import QuestionSet
    from kvdesk.services.exporting import ExportInputError
    with pytest.raises(ExportInputError) as err:
        export_reply(QuestionSet(), tmp_path)
    assert "geen vragen" in err.value.user_message


def test_answer_footnote_label_without_text_is_kept_visible(tmp_path):
    qs = make_seed_set(answers={(1,): "Zie noot.[^x]\n\n[^x]: Tekst."})
    qs.answers.append(Answer([2], "Ja."))
    _, path = export_reply(qs, tmp_path, date=EXPORT_DATE)
    assert footnote_texts(docx.Document(path)) == ["Telegraaf van 30 december 2025", "Tekst."]
