"""Instellingen > Huisstijl: editing a profile, the text preview, saving."""
from __future__ import annotations

from kvdesk.export.profile import find_profile, load_profile
from kvdesk.gui.house_style_dialog import HouseStyleDialog


def test_edits_show_in_the_preview_and_are_saved(qtbot, tmp_path):
    target = tmp_path / "eigen.toml"
    dialog = HouseStyleDialog(find_profile("voorbeeld"), save_to=target)
    qtbot.addWidget(dialog)
    assert "[logo] Ministerie van Voorbeeldzaken" in dialog.preview_text.toPlainText()

    dialog.name_lines.setPlainText("Ministerie van Proefzaken\nDirectie Test")
    dialog.signer_name.setText("E.F. Proef")
    dialog.question_italic.setChecked(False)
    qtbot.waitUntil(lambda: "[logo] Ministerie van Proefzaken" in dialog.preview_text.toPlainText(), timeout=2000)

    with qtbot.waitSignal(dialog.saved) as blocker:
        dialog.save()
    saved = load_profile(target)
    assert saved.name_lines == ["Ministerie van Proefzaken", "Directie Test"]
    assert saved.signers[0].name == "E.F. Proef"
    assert saved.question_italic is False
    assert blocker.args[0].source == target


def test_preview_picture_without_libreoffice_says_so(qtbot, monkeypatch):
    monkeypatch.setenv("KVDESK_SOFFICE", "")
    dialog = HouseStyleDialog(find_profile("voorbeeld"))
    qtbot.addWidget(dialog)
    dialog.render_preview()
    qtbot.waitUntil(lambda: dialog.render_button.isEnabled(), timeout=5000)
    assert "LibreOffice" in dialog.preview_image.text()
