"""Fixtures of the export tests."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kvdesk.core.model import QuestionSet
from tests.export.seed import make_seed_set
from tests.support import require_binary


@pytest.fixture
def seed_set() -> QuestionSet:
    return make_seed_set()


@pytest.fixture
def render_tools() -> dict[str, str]:
    """soffice, pdftotext, pdftoppm and pdfinfo; skipped without them, failing without them when CI=true."""
    packages = {"soffice": "libreoffice-writer-nogui"}
    return {tool: require_binary(tool, packages.get(tool, "poppler-utils"))
            for tool in ("soffice", "pdftotext", "pdftoppm", "pdfinfo")}


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True,
                          text=True).stdout


def pdf_pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, text=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))
