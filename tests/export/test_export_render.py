"""LibreOffice renders each letter to PDF: page numbers, footnote texts and page counts."""
from __future__ import annotations

import pytest

from kvdesk.export.errors import ConverterMissingError
from kvdesk.export.pdf import convert_to_pdf, find_converter
from kvdesk.services.exporting import export_delay_notice, export_reply
from tests.export.conftest import pdf_pages, pdf_text
from tests.export.seed import EXPORT_DATE, make_big_set


def test_reply_renders_with_page_numbers_and_footnotes(tmp_path, seed_set, render_tools):
    paths = export_reply(seed_set, tmp_path, pdf=True, date=EXPORT_DATE)
    assert [p.suffix for p in paths] == [".docx", ".docx", ".pdf", ".pdf"]
    cover_pdf, answers_pdf = paths[2], paths[3]
    assert cover_pdf.stem == paths[0].stem and answers_pdf.stem == paths[1].stem
    cover = pdf_text(cover_pdf)
    assert "Pagina 1 van 1" in cover
    assert "Geachte voorzitter," in cover and "De minister van Buitenlandse Zaken," in cover
    assert "Ministerie van Buitenlandse Zaken" in cover
    assert pdf_pages(cover_pdf) == 1
    answers = pdf_text(answers_pdf)
    pages = pdf_pages(answers_pdf)
    assert pages == 2
    assert "Pagina 1 van 2" in answers and "Pagina 2 van 2" in answers
    for note in ("Telegraaf van 30 december 2025", "Kamerstuk 36 000, nr. 12", "Rapport Digitale weerbaarheid, 2025."):
        assert note in answers
    assert "Vraag 2 en 3" in answers and "Antwoord 11" in answers
    assert "1. de prijs;" in answers and "1. eerst de analyse;" in answers  # lists restart at 1


def test_thirty_question_reply_renders_every_page_number(tmp_path, render_tools):
    qs = make_big_set(30)
    paths = export_reply(qs, tmp_path, pdf=True, date=EXPORT_DATE)
    answers_pdf = paths[3]
    pages = pdf_pages(answers_pdf)
    text = pdf_text(answers_pdf)
    assert pages >= 5
    for n in range(1, pages + 1):
        assert f"Pagina {n} van {pages}" in text
    assert "Bron 26: NOS, 10 december 2025" in text


def test_delay_notice_renders_on_one_page(tmp_path, seed_set, render_tools):
    paths = export_delay_notice(seed_set, tmp_path, "De reden hiervoor is dat de afstemming meer tijd vergt.",
                                pdf=True, date=EXPORT_DATE)
    text = pdf_text(paths[1])
    assert pdf_pages(paths[1]) == 1
    assert "Pagina 1 van 1" in text
    assert "gebruikelijke termijn van drie weken" in " ".join(text.split())


def test_missing_converter_is_a_typed_error_and_keeps_the_word_files(tmp_path, seed_set, monkeypatch):
    monkeypatch.setenv("KVDESK_SOFFICE", "")
    assert find_converter() is None
    with pytest.raises(ConverterMissingError) as err:
        export_reply(seed_set, tmp_path, pdf=True, date=EXPORT_DATE)
    assert "LibreOffice" in err.value.user_message
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".docx", ".docx"]


def test_converter_failure_is_a_typed_error(tmp_path, monkeypatch):
    from kvdesk.export.errors import ConversionError
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("KVDESK_SOFFICE", str(fake))
    doc = tmp_path / "a.docx"
    doc.write_bytes(b"not a docx")
    with pytest.raises(ConversionError) as err:
        convert_to_pdf([doc])
    assert "could not be loaded" in err.value.user_message
