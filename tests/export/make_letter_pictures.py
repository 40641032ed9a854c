"""Render page 1 of each letter for the seed set to docs/letters/*.png.

Run: ``.venv/bin/python -m tests.export.make_letter_pictures`` (needs LibreOffice and pdftoppm).
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from kvdesk.export.preview import render_page_png
from kvdesk.export.profile import find_profile
from kvdesk.services.exporting import export_delay_notice, export_reply
from tests.export.seed import EXPORT_DATE, make_seed_set

DOCS = Path(__file__).resolve().parents[2] / "docs" / "letters"
REASON = "De reden hiervoor is dat de benodigde interdepartementale afstemming meer tijd vergt."


def main() -> int:
    qs = make_seed_set()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        cover, answers = export_reply(qs, out / "standaard", date=EXPORT_DATE)
        (delay,) = export_delay_notice(qs, out / "standaard", REASON, date=EXPORT_DATE)
        example_cover, _ = export_reply(qs, out / "voorbeeld", profile=find_profile("voorbeeld"), date=EXPORT_DATE)
        jobs = {
            "aanbiedingsbrief.png": cover,
            "beantwoording.png": answers,
            "uitstelbericht.png": delay,
            "aanbiedingsbrief-voorbeeldprofiel.png": example_cover,
        }
        for name, source in jobs.items():
            if render_page_png(source, DOCS / name, dpi=80) is None:
                print("LibreOffice or pdftoppm is missing", file=sys.stderr)
                return 1
            print(DOCS / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
