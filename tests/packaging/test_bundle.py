"""The frozen build: the spec builds a bundle that passes --smoke, and the MSI holds that bundle."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.packaging.building import CLI_NAME, EXE_NAME, build_bundle, offscreen_env
from tests.support import REPO_ROOT, require, require_binary

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    require(importlib.util.find_spec("PyInstaller") is not None,
            "PyInstaller is not installed (pip install -e '.[dev]')")
    folder, _seconds = build_bundle(tmp_path_factory.mktemp("dist"))
    yield folder


def test_frozen_app_passes_the_smoke_test(bundle: Path, tmp_path: Path) -> None:
    exe = bundle / EXE_NAME
    assert exe.is_file()
    proc = subprocess.run([str(exe), "--data-dir", str(tmp_path), "--smoke"], env=offscreen_env(tmp_path),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "kvdesk --smoke: geslaagd" in proc.stderr
    # the windowed Windows build has no console: the same line must be in the log folder
    assert "geslaagd" in (tmp_path / "logs" / "smoke.log").read_text(encoding="utf-8")


def test_frozen_app_answers_the_command_line(bundle: Path, tmp_path: Path) -> None:
    from kvdesk import __version__

    proc = subprocess.run([str(bundle / CLI_NAME), "--version"], env=offscreen_env(tmp_path),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"kvdesk {__version__}"


def test_bundle_carries_the_resources_and_leaves_unused_qt_parts_out(bundle: Path) -> None:
    internal = bundle / "_internal"
    for needed in ("resources/dictionaries/nl/nl.aff", "resources/dictionaries/nl/nl.dic",
                   "resources/demo/2025-12-31_slimme-meters.txt"):
        assert (internal / needed).is_file(), needed
    names = {p.relative_to(internal).as_posix() for p in internal.rglob("*")}
    translations = [n for n in names if n.startswith("PySide6/Qt/translations/") and n.endswith(".qm")]
    assert translations, "Qt's Dutch translations are missing"
    assert all(Path(n).stem.split("_", 1)[1].split("_")[0] in ("nl", "en") for n in translations), translations
    unwanted = ("Qt6Quick", "Qt6Qml", "Qt6WebEngine", "Qt6Pdf", "Qt6Wayland", "Qt6Network", "qgtk3", "wayland-",
                "libgtk-3", "pygments", "lxml/objectify")
    found = sorted(n for n in names if any(u in n for u in unwanted))
    assert not found, found
    platforms = {Path(n).stem.removeprefix("lib") for n in names if "/plugins/platforms/" in n}
    assert "qoffscreen" in platforms
    assert ("qwindows" if sys.platform.startswith("win") else "qxcb") in platforms


def test_msi_is_built_from_the_bundle_and_its_tables_check_out(bundle: Path, tmp_path: Path) -> None:
    require_binary("wixl", "wixl")
    require_binary("msiinfo", "msitools")
    from kvdesk import __version__

    # wixl resolves sources relative to where it runs: work beside the bundle
    root = bundle.parent
    files = tmp_path / "files.wxs"
    listing = "\n".join(sorted(str(p.relative_to(root)) for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()))
    heat = subprocess.run(["wixl-heat", "-p", "kvdesk/", "--component-group", "AppFiles", "--directory-ref", "INSTALLDIR",
                           "--var", "var.SRC", "--win64"], input=listing + "\n", cwd=root,
                          capture_output=True, text=True, check=True)
    files.write_text(heat.stdout, encoding="utf-8")
    (root / "kvdesk.ico").write_bytes((REPO_ROOT / "packaging" / "kvdesk.ico").read_bytes())
    msi = tmp_path / "kvdesk.msi"
    subprocess.run(["wixl", "-a", "x64", "-D", "Win64=yes", "-D", "SRC=kvdesk", "-D", f"Version={__version__}",
                    "-D", "IconFile=kvdesk.ico", "-o", str(msi), str(REPO_ROOT / "packaging" / "kvdesk.wxs"), str(files)],
                   cwd=root, capture_output=True, text=True, check=True)
    check = subprocess.run([sys.executable, str(REPO_ROOT / "packaging" / "check_msi.py"), str(msi),
                            "--bundle", str(bundle), "--version", __version__],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert "is fine" in check.stdout
