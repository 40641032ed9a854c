"""Attaching files by hand: each supported kind read back into text, the rest refused clearly."""
from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from pathlib import Path

import docx
import pytest

from kvdesk.sources.attach import AttachError, read_attachment
from tests.sources.fetch.servers import ARTICLE_KEEP, ARTICLE_NOISE, PDF_LINES, article_html, make_pdf


def test_pdf(tmp_path: Path) -> None:
    path = tmp_path / "rapport.pdf"
    path.write_bytes(make_pdf(PDF_LINES, title="Rapport"))
    att = read_attachment(path)
    assert PDF_LINES[1] in att.extracted.text
    assert (att.suffix, att.content_type, att.extracted.title) == (".pdf", "application/pdf", "Rapport")
    assert att.body == path.read_bytes()


def test_saved_web_page_loses_its_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "artikel.htm"
    path.write_text(article_html(), encoding="utf-8")
    att = read_attachment(path)
    assert all(s in att.extracted.text for s in ARTICLE_KEEP)
    assert not [n for n in ARTICLE_NOISE if n in att.extracted.text]
    assert att.suffix == ".html"


def test_word_document_with_table(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "Notitie slimme meters"
    document.core_properties.author = "Directie Energie"
    document.add_paragraph("De leverancier voldoet aan de Europese certificering.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Aantal meters"
    table.rows[0].cells[1].text = "4 miljoen"
    path = tmp_path / "notitie.docx"
    document.save(str(path))
    att = read_attachment(path)
    assert "Europese certificering" in att.extracted.text
    assert "Aantal meters | 4 miljoen" in att.extracted.text
    assert att.extracted.title == "Notitie slimme meters" and att.extracted.author == "Directie Energie"


def test_text_file_in_windows_encoding(tmp_path: Path) -> None:
    path = tmp_path / "knipsel.txt"
    path.write_bytes("Coöperatie ëist opheldering – zegt de woordvoerder.".encode("cp1252"))
    assert read_attachment(path).extracted.text == "Coöperatie ëist opheldering – zegt de woordvoerder."


def test_mail_with_html_and_plain_parts(tmp_path: Path) -> None:
    msg = EmailMessage()
    msg["Subject"] = "Artikel Telegraaf over slimme meters"
    msg["From"] = "Persvoorlichting <pers@ministerie.example>"
    msg["Date"] = "Tue, 30 Dec 2025 09:15:00 +0100"
    msg.set_content("Hierbij het artikel: netbeheerders kopen vier miljoen meters in China.")
    msg.add_alternative("<html><body><p>Hierbij het <b>artikel</b>.</p></body></html>", subtype="html")
    path = tmp_path / "bericht.eml"
    path.write_bytes(bytes(msg))
    e = read_attachment(path).extracted
    assert "vier miljoen meters in China" in e.text
    assert e.title == "Artikel Telegraaf over slimme meters"
    assert e.author == "Persvoorlichting"
    assert e.published_on == dt.date(2025, 12, 30)


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("foto.jpg", b"\xff\xd8\xff", "kies een PDF, HTML, .docx, .txt of .eml"),
    ("leeg.txt", b"   \n", "geen leesbare tekst"),
    ("kapot.pdf", b"%PDF-1.4 dit is geen pdf", "PDF"),
    ("kapot.docx", b"PK geen zip", "geen geldig Word-bestand"),
])
def test_refused_files_say_what_to_do(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(AttachError) as info:
        read_attachment(path)
    assert expected in str(info.value) and "\n" not in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(AttachError, match="kan niet worden gelezen"):
        read_attachment(tmp_path / "weg.pdf")
