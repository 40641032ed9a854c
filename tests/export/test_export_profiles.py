"""House style as data: TOML profiles and a Word template (.dotx/.docx) as the base document."""
from __future__ import annotations

import zipfile

import docx
import pytest
from docx.shared import Mm, Pt

from kvdesk.export.errors import ProfileError, TemplateError
from kvdesk.export.profile import HouseStyle, dump_profile, find_profile, load_profile, save_profile
from kvdesk.services.exporting import export_reply, resolve_profile
from tests.export.seed import EXPORT_DATE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_shipped_example_profile_is_neutral():
    profile = find_profile("voorbeeld")
    assert profile.name_lines == ["Ministerie van Voorbeeldzaken"]
    text = profile.source.read_text(encoding="utf-8")
    # Placeholders only: no real ministry address may ship.
    for real in ("Turfmarkt", "Rijnstraat", "Bezuidenhoutseweg", "Korte Voorhout", "Kneuterdijk", "20011", "20061"):
        assert real not in text


def test_profile_round_trips_through_toml(tmp_path):
    profile = find_profile("voorbeeld")
    profile.closing = 'Hoogachtend, "met \\ tekens"'
    profile.styles["question"] = "Vraagtekst"
    saved = save_profile(profile, tmp_path / "mijn.toml")
    again = load_profile(tmp_path / "mijn.toml")
    assert again == saved
    assert dump_profile(again) == dump_profile(saved)


def test_profile_lookup_by_name_in_data_folder(tmp_path, monkeypatch):
    folder = tmp_path / "data" / "profiles"
    folder.mkdir(parents=True)
    (folder / "eigen.toml").write_text('[profile]\nname = "Eigen"\n[sender]\nname_lines = ["Ministerie van Test"]\n',
                                       encoding="utf-8")
    monkeypatch.setenv("KVDESK_DATA_DIR", str(tmp_path / "data"))
    assert resolve_profile("eigen").name_lines == ["Ministerie van Test"]
    assert resolve_profile(None) == HouseStyle()


def test_bad_profiles_raise_profile_error(tmp_path):
    with pytest.raises(ProfileError):
        find_profile("bestaat-niet")
    bad = tmp_path / "bad.toml"
    bad.write_text("[letter]\nfont_size = -3\n", encoding="utf-8")
    with pytest.raises(ProfileError) as err:
        load_profile(bad)
    assert "font_size" in err.value.user_message
    broken = tmp_path / "broken.toml"
    broken.write_text("[letter\n", encoding="utf-8")
    with pytest.raises(ProfileError):
        load_profile(broken)


def _house_template(path, dotx: bool, with_footer: bool = True):
    """A stand-in for a ministry template made in Word: own styles, margins, header and footer."""
    document = docx.Document()
    style = document.styles.add_style("KV Vraag", 1)
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    sec = document.sections[0]
    sec.left_margin = Mm(30)
    sec.header.paragraphs[0].text = "Kenmerk {{ kenmerk }} · {{ datum }}"
    if with_footer:
        sec.footer.paragraphs[0].text = "Sjabloonvoet"
    document.add_paragraph("Voorbeeldtekst van het sjabloon")
    docx_path = path.with_suffix(".docx")
    document.save(docx_path)
    if not dotx:
        return docx_path
    with zipfile.ZipFile(docx_path) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            zout.writestr(item, data)
    return path


@pytest.mark.parametrize("dotx", [True, False], ids=["dotx", "docx"])
def test_template_styles_page_setup_and_headers_win(tmp_path, seed_set, dotx):
    template = _house_template(tmp_path / "huisstijl.dotx", dotx)
    seed_set.kenmerk = "2025Z25100"
    out = tmp_path / "out"
    cover, answers = export_reply(seed_set, out, profile=HouseStyle(template=template), date=EXPORT_DATE)
    document = docx.Document(answers)
    assert document.styles["KV Vraag"].font.name == "Times New Roman"
    assert document.styles["KV Vraag"].font.size == Pt(12)
    assert round(document.sections[0].left_margin.mm) == 30
    assert document.sections[0].header.paragraphs[0].text == "Kenmerk 2025Z25100 · 20 januari 2026"
    assert document.sections[0].footer.paragraphs[0].text == "Sjabloonvoet"
    texts = [p.text for p in document.paragraphs]
    assert "Voorbeeldtekst van het sjabloon" not in texts
    assert texts[1] == "Vraag 1"
    # Roles the template lacks are added, so footnotes still work.
    refs = document.element.body.findall(f".//{W}footnoteReference")
    assert len(refs) == 3
    letter = docx.Document(cover)
    assert letter.sections[0].header.paragraphs[0].text == "Kenmerk 2025Z25100 · 20 januari 2026"


def test_template_without_footer_gets_page_numbers(tmp_path, seed_set):
    template = _house_template(tmp_path / "kaal.dotx", True, with_footer=False)
    _, answers = export_reply(seed_set, tmp_path / "out", profile=HouseStyle(template=template), date=EXPORT_DATE)
    footer = docx.Document(answers).sections[0].footer
    assert [t.text.strip() for t in footer._element.iter(W + "instrText")] == ["PAGE", "NUMPAGES"]


def test_unreadable_template_raises_template_error(tmp_path, seed_set):
    bad = tmp_path / "kapot.dotx"
    bad.write_bytes(b"no zip")
    with pytest.raises(TemplateError) as err:
        export_reply(seed_set, tmp_path / "out", profile=HouseStyle(template=bad), date=EXPORT_DATE)
    assert "kapot.dotx" in err.value.user_message
    with pytest.raises(TemplateError):
        export_reply(seed_set, tmp_path / "out", profile=HouseStyle(template=tmp_path / "weg.dotx"), date=EXPORT_DATE)
