"""The live preview of page 1 of the cover letter for the house-style dialog."""
from __future__ import annotations

from kvdesk.export.preview import describe_cover, render_cover_preview
from kvdesk.export.profile import HouseStyle, find_profile


def test_describe_cover_shows_the_profile_in_the_letter():
    lines = describe_cover(find_profile("voorbeeld"))
    assert "[logo] Ministerie van Voorbeeldzaken" in lines
    assert "> Retouradres Postbus 00000 0000 AA  Voorbeeldstad" in lines
    assert "De minister van Voorbeeldzaken," in lines and "A.B. Voorbeeld" in lines
    assert lines[-1] == "Pagina 1 van 1"


def test_preview_is_none_without_libreoffice(monkeypatch):
    monkeypatch.setenv("KVDESK_SOFFICE", "")
    assert render_cover_preview(HouseStyle()) is None


def test_preview_renders_a_png(render_tools):
    png = render_cover_preview(find_profile("voorbeeld"), dpi=30)
    assert png is not None and png.startswith(b"\x89PNG")
