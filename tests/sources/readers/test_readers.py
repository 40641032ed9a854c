"""The file readers: Word numbering and footnotes, PDF, HTML, XML, and hostile input."""
from __future__ import annotations

import io
import time
import zipfile

import docx
import pytest
from docx.oxml import parse_xml

from kvdesk.core.parsing.errors import ParseError
from kvdesk.services.importing import parse_bytes, parse_file
from kvdesk.sources.readers import detect_format
from tests.support import require_shared

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

# A list as the Kamer's template defines it: decimal "%1." at level 0, letters at level 1.
ABSTRACT = f"""<w:abstractNum {W_NS} w:abstractNumId="90">
  <w:multiLevelType w:val="hybridMultilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
</w:abstractNum>"""
NUM = f'<w:num {W_NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'
FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes {W_NS}>
  <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
  <w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> NOS, 17 november 2024, https://nos.nl/artikel/1</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def _numbered(paragraph: docx.text.paragraph.Paragraph, num_id: int, ilvl: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _footnote_ref(paragraph: docx.text.paragraph.Paragraph, note_id: int) -> None:
    paragraph._p.append(parse_xml(f'<w:r {W_NS}><w:footnoteReference w:id="{note_id}"/></w:r>'))


def kamer_docx(real_footnote: bool = True) -> bytes:
    """A Word file shaped like the Kamer's: numbers only in Word list numbering."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(ABSTRACT))
    numbering.append(parse_xml(NUM))
    d.add_paragraph("2024Z18891")
    d.add_paragraph("(ingezonden 20 november 2024)")
    d.add_paragraph("Vragen van de leden Kröger en Gabriëls (beiden GroenLinks-PvdA) aan de minister van Klimaat en "
                    "Groene Groei over het bericht 'Netcongestie'")
    p = d.add_paragraph("Kent u het bericht 'Netcongestie'?")
    _numbered(p, 90)
    if real_footnote:
        _footnote_ref(p, 1)
    p = d.add_paragraph("Klopt het dat:")
    _numbered(p, 90)
    for t in ("de wachtrij groeit?", "de kosten stijgen?"):
        _numbered(d.add_paragraph(t), 90, ilvl=1)
    d.add_paragraph("Een alinea zonder nummer hoort bij de vraag erboven.")
    _numbered(d.add_paragraph("Wat gaat u doen?"), 90)
    d.add_paragraph("Via een stijl genummerd, in een andere lijst:", style="List Number")
    _numbered(d.add_paragraph("Kunt u deze vragen elk afzonderlijk beantwoorden?"), 90)
    buf = io.BytesIO()
    d.save(buf)
    if not real_footnote:
        return buf.getvalue()
    return _with_footnotes(buf.getvalue())


def _with_footnotes(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                body = body.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            if info.filename == "word/_rels/document.xml.rels":
                body = body.replace(b"</Relationships>", b'<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.'
                                    b'org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')
            z.writestr(info, body)
        z.writestr("word/footnotes.xml", FOOTNOTES)
    return out.getvalue()


def test_docx_list_numbering_becomes_question_numbers() -> None:
    qs = parse_bytes(kamer_docx(), "vragen.docx")
    assert qs.kenmerk == "2024Z18891"
    assert str(qs.submitted_on) == "2024-11-20"
    assert [(m.name, m.party) for m in qs.members] == [("Kröger", "GroenLinks-PvdA"), ("Gabriëls", "GroenLinks-PvdA")]
    assert [q.number for q in qs.questions] == [1, 2, 3, 4]
    assert qs.questions[0].text == "Kent u het bericht 'Netcongestie'?"
    second = qs.questions[1].text
    assert second.startswith("Klopt het dat:") and "a) de wachtrij groeit?" in second and "b) de kosten stijgen?" in second
    assert "Een alinea zonder nummer" in second
    assert "1. Via een stijl genummerd" in qs.questions[2].text
    assert qs.questions[3].text == "Kunt u deze vragen elk afzonderlijk beantwoorden?"


def test_docx_real_footnotes_are_read_and_linked() -> None:
    qs = parse_bytes(kamer_docx(), "vragen.docx")
    assert [(f.number, f.url) for f in qs.footnotes] == [(1, "https://nos.nl/artikel/1")]
    assert qs.questions[0].footnotes == [1]


def test_docx_reads_back_with_python_docx() -> None:
    # the test file is a real Word document, not something only this reader accepts
    d = docx.Document(io.BytesIO(kamer_docx()))
    assert any("Kent u het bericht" in p.text for p in d.paragraphs)


def _minimal_pdf(lines_per_page: list[list[str]]) -> bytes:
    """A small valid PDF with Helvetica text, one line per row."""
    objs: list[bytes] = []
    kids = []
    n_pages = len(lines_per_page)
    font_id = 3 + 2 * n_pages
    for k, lines in enumerate(lines_per_page):
        page_id, content_id = 3 + 2 * k, 4 + 2 * k
        kids.append(f"{page_id} 0 R")
        ops = ["BT", "/F1 10 Tf", "14 TL", "50 800 Td"]
        for ln in lines:
            esc = ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({esc}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("cp1252")
        objs.append(f"{page_id} 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content_id} 0 R "
                    f"/Resources << /Font << /F1 {font_id} 0 R >> >> >> endobj\n".encode())
        objs.append(f"{content_id} 0 obj << /Length {len(stream)} >> stream\n".encode() + stream + b"\nendstream endobj\n")
    head = [b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n",
            f"2 0 obj << /Type /Pages /Kids [{' '.join(kids)}] /Count {n_pages} >> endobj\n".encode()]
    font = f"{font_id} 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >> endobj\n"
    body = b"%PDF-1.4\n"
    offsets = []
    for obj in [*head, *objs, font.encode()]:
        offsets.append(len(body))
        body += obj
    xref = len(body)
    body += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    body += f"trailer << /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return body


def test_pdf_pages_with_furniture_and_page_bottom_footnotes() -> None:
    pages = [
        ["Tweede Kamer der Staten-Generaal 2", "Vergaderjaar 2024-2025 Vragen gesteld door de leden der Kamer",
         "2024Z18796", "Vragen van de leden Kroger en Gabriels (beiden GroenLinks-PvdA) aan de Minister van",
         "Klimaat en Groene Groei over de uitspraken (ingezonden 20 november 2024).", "Vraag 1",
         "Bent u bekend met de uitspraken over de proble-", "men in het net?1", "Vraag 2", "Wat vindt u ervan?",
         "1 NOS, 18 november 2024, https://nos.nl/a", "kv-tk-2024Z18796",
         "'s-Gravenhage 2024 Tweede Kamer, vergaderjaar 2024-2025, Vragen 1"],
        ["Vraag 3", "Gaat u iets doen?", "Tweede Kamer, vergaderjaar 2024-2025, Vragen 2"],
    ]
    qs = parse_bytes(_minimal_pdf(pages), "vragen.pdf")
    assert qs.kenmerk == "2024Z18796"
    assert [q.number for q in qs.questions] == [1, 2, 3]
    assert qs.questions[0].text == "Bent u bekend met de uitspraken over de problemen in het net?"
    assert qs.questions[0].footnotes == [1]
    assert qs.questions[2].text == "Gaat u iets doen?"


def test_officielebekendmakingen_html_fragment() -> None:
    path = require_shared("corpus", "raw", "kv-tk-2016Z00020_vragen-fragment.html")
    qs = parse_file(path)
    assert [q.number for q in qs.questions] == [1, 2, 3, 4]
    assert qs.questions[1].text.startswith("Bent u van mening dat hier sprake is van een arbeidsrelatie")


def test_html_footnotes_become_linked_footnotes() -> None:
    html = (b"<html><body><h1>Vragen van het lid X (SP) aan de minister van Defensie over iets (ingezonden 1 mei 2024)</h1>"
            b'<div class="vraag"><h2>Vraag 1</h2><p>Kent u dit?<a class="nootnum" href="#n1">1</a></p></div>'
            b'<div id="noten"><div class="voet noot"><sup><span class="nootnum">1</span></sup><p>NOS, '
            b'<a href="https://nos.nl/x">https://nos.nl/x</a></p></div></div></body></html>')
    qs = parse_bytes(html)
    assert qs.questions[0].text == "Kent u dit?" and qs.questions[0].footnotes == [1]
    assert qs.footnotes[0].url == "https://nos.nl/x"


def test_koop_xml_answered_set() -> None:
    path = require_shared("fixtures", "koop", "ah-tk-20242025-2345.xml")
    qs = parse_file(path)
    assert qs.kenmerk == "2025Z12345"
    assert [q.number for q in qs.questions] == [1, 2, 3]
    assert [a.questions for a in qs.answers] == [[1], [2, 3]]
    assert qs.questions[0].footnotes == [1]
    assert qs.answerer and qs.answerer.startswith("minister Fictief")


@pytest.mark.parametrize(
    ("data", "fmt"),
    [(b"PK\x03\x04rest", "docx"), (b"%PDF-1.7", "pdf"), (b'{"schema": 1}', "json"), (b"<html><p>x</p>", "html"),
     (b"<?xml version='1.0'?><officiele-publicatie/>", "xml"), (b"Vragen van het lid", "txt")],
)
def test_format_is_recognised_by_content(data: bytes, fmt: str) -> None:
    assert detect_format(data, "whatever.txt") == fmt


# ----------------------------------------------------------------------------- hostile input


def _one_line_error(data: bytes, name: str | None = None, fmt: str | None = None) -> str:
    start = time.monotonic()
    with pytest.raises(ParseError) as info:
        parse_bytes(data, name, fmt)
    assert time.monotonic() - start < 10
    message = str(info.value)
    assert message and "\n" not in message
    return message


def test_binary_file_is_refused() -> None:
    _one_line_error(bytes(range(256)) * 50, "x.txt")


def test_empty_file_is_refused() -> None:
    _one_line_error(b"", "x.txt")


def test_docx_that_is_no_zip_is_refused() -> None:
    assert "zip" in _one_line_error(b"this is not a zip file at all", "x.docx", "docx")


def test_zip_bomb_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b"a" * (50 * 1024 * 1024) + b"/>")
    _one_line_error(out.getvalue(), "bomb.docx")


def test_external_entity_in_docx_is_never_resolved(tmp_path: object) -> None:
    xxe = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
           b"<w:t>&x;</w:t></w:r></w:p></w:body></w:document>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xxe)
    message = _one_line_error(out.getvalue(), "xxe.docx")
    assert "root:" not in message


def test_external_entity_in_xml_is_never_resolved() -> None:
    xxe = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b"<officiele-publicatie><al>&x;</al></officiele-publicatie>")
    _one_line_error(xxe, "x.xml")


def test_five_megabyte_text_gives_an_answer_quickly() -> None:
    data = ("Vraag 1\nIs dit een heel lang bestand? " + "bla " * 40 + "\n").encode() * 26_000
    assert len(data) > 5_000_000
    start = time.monotonic()
    try:
        parse_bytes(data, "groot.txt")
    except ParseError as exc:
        assert "\n" not in str(exc)
    assert time.monotonic() - start < 10


def test_missing_file_is_a_parse_error(tmp_path: object) -> None:
    with pytest.raises(ParseError):
        parse_file("/nonexistent/vragen.txt")
