"""packaging/icudata.py: Qt's ICU data without the items Qt never reads, and Qt's results unchanged."""
from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.support import REPO_ROOT, require, require_binary

LINUX = sys.platform.startswith("linux")


def _icudata() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kvdesk_packaging_icudata", REPO_ROOT / "packaging" / "icudata.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


icudata = _icudata()


def _pyside_icu() -> Path:
    require(LINUX, "PySide6 ships its own ICU only in the Linux wheels")
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    require(bool(found), "PySide6's libicudata is not installed")
    return found[0]


# What Qt Core asks ICU for (nm -D --undefined-only libQt6Core.so.6): collation, case mapping,
# time-zone names, codecs (reached through QMimeData's HTML decoding and the codec list).
PROBE = r'''
import functools, json
from PySide6.QtCore import QByteArray, QCollator, QLocale, QMimeData, QStringDecoder, QTimeZone

out = {}
words = ["ĳsbeer", "Zee", "appel", "Ångström", "école", "IJmuiden", "zee", "ezel", "Éclair", "straße", "Strasse"]
for loc in ("nl_NL", "en_GB", "de_DE", "sv_SE", "zh_CN", "ja_JP"):
    c = QCollator(QLocale(loc))
    out[f"sort {loc}"] = sorted(words, key=functools.cmp_to_key(c.compare))
    # only the sign of a sort-key comparison is defined
    out[f"keys {loc}"] = [(c.sortKey(a).compare(c.sortKey(b)) > 0) - (c.sortKey(a).compare(c.sortKey(b)) < 0)
                          for a, b in zip(words, words[1:])]
    c.setNumericMode(True)
    out[f"numeric {loc}"] = sorted(["vraag 10", "vraag 2", "Vraag 1"], key=functools.cmp_to_key(c.compare))
    out[f"upper {loc}"] = QLocale(loc).toUpper("ijsbeer straße ﬁ istanbul")
    out[f"lower {loc}"] = QLocale(loc).toLower("İSTANBUL IJSBEER ΣΑΣ")
    for zone in (b"Europe/Amsterdam", b"America/New_York", b"Asia/Tokyo"):
        for name in (QTimeZone.NameType.LongName, QTimeZone.NameType.ShortName, QTimeZone.NameType.OffsetName):
            for kind in (QTimeZone.TimeType.StandardTime, QTimeZone.TimeType.DaylightTime):
                out[f"tz {loc} {zone.decode()} {name.name} {kind.name}"] = QTimeZone(zone).displayName(
                    kind, name, QLocale(loc))
samples = {"shift_jis": "日本語の文章", "big5": "中文資料", "gb18030": "中文资料", "euc-kr": "한국어",
           "koi8-r": "привет", "windows-1252": "café €", "iso-8859-15": "œuvre €", "windows-1250": "Łódź"}
for enc, text in samples.items():
    body = f'<html><head><meta charset="{enc}"></head><body>{text}</body></html>'.encode(enc)
    mime = QMimeData()
    mime.setData("text/html", QByteArray(body))
    out[f"html {enc}"] = [QStringDecoder.decoderForHtml(QByteArray(body)).name(), mime.html()]
out["codecs"] = sorted(QStringDecoder.availableCodecs())
print(json.dumps(out, ensure_ascii=False, sort_keys=True))
'''


def _probe(preload: Path | None) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if preload is not None:
        # QtCore finds libicudata through its RPATH; a preloaded library of the same soname wins
        env["LD_PRELOAD"] = str(preload)
    proc = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result: dict[str, object] = json.loads(proc.stdout)
    return result


def test_qt_calls_no_icu_service_beyond_those_the_trim_keeps() -> None:
    lib = _pyside_icu().parent
    nm = require_binary("nm", "binutils")
    imported = set()
    for library in sorted(lib.glob("libQt6*.so*")) + sorted(lib.parent.parent.glob("*.abi3.so")):
        out = subprocess.run([nm, "-D", "--undefined-only", str(library)], capture_output=True, text=True,
                             check=True).stdout
        names = {line.split()[-1].split("@")[0] for line in out.splitlines() if line.strip()}
        icu = {name for name in names if re.fullmatch(r"u[a-z]*_\w+_\d\d|UCNV_\w+_\d\d", name)}
        assert not icu or library.name.startswith("libQt6Core"), (library.name, sorted(icu))
        imported |= icu
    assert imported, "Qt Core imports no ICU function: has PySide6 stopped shipping ICU?"
    unexpected = sorted(n for n in imported if not n.startswith(icudata.QT_ICU_CALLS))
    assert not unexpected, f"Qt now calls {unexpected}: check what ICU data they read before trimming it"


def test_a_package_reads_back_item_for_item_and_keeps_its_order() -> None:
    package = icudata.CommonData.parse(icudata.read_library(_pyside_icu())[1])
    again = icudata.CommonData.parse(package.to_bytes())
    assert again.header == package.header
    assert again.items == package.items
    names = [name for name, _ in package.items]
    assert names == sorted(names)  # ICU finds items by binary search


def test_only_data_that_qt_cannot_reach_is_unreachable() -> None:
    for kept in ("icudt73l/coll/nl.res", "icudt73l/coll/ucadata.icu", "icudt73l/zone/nl.res", "icudt73l/nl.res",
                 "icudt73l/root.res", "icudt73l/ibm-943_P15A-2003.cnv", "icudt73l/cnvalias.icu",
                 "icudt73l/zoneinfo64.res", "icudt73l/metaZones.res", "icudt73l/nfkc.nrm"):
        assert icudata.reachable(kept), kept
    for dropped in ("icudt73l/brkitr/cjdict.dict", "icudt73l/translit/root.res", "icudt73l/curr/nl.res",
                    "icudt73l/lang/nl.res", "icudt73l/region/nl.res", "icudt73l/unit/nl.res",
                    "icudt73l/rbnf/nl.res", "icudt73l/unames.icu", "icudt73l/rfc3491.spp"):
        assert not icudata.reachable(dropped), dropped


def test_the_trimmed_library_gives_qt_the_same_answers(tmp_path: Path) -> None:
    source = _pyside_icu()
    require_binary("as", "binutils")
    require_binary("ld", "binutils")
    target = tmp_path / source.name
    dropped = icudata.trim_library(source, target)
    assert dropped and all(not icudata.reachable(name) for name in dropped)
    assert target.stat().st_size < source.stat().st_size - 10_000_000
    symbol, blob = icudata.read_library(target)
    assert symbol == icudata.read_library(source)[0]
    assert len(icudata.CommonData.parse(blob).items) == len(icudata.CommonData.parse(
        icudata.read_library(source)[1]).items) - len(dropped)

    full, trimmed = _probe(None), _probe(target)
    assert trimmed == full
    # the probe did reach ICU's data: a localised zone name, a collation, a CJK codec
    assert full["tz de_DE Europe/Amsterdam LongName StandardTime"] == "Mitteleuropäische Normalzeit"
    assert full["sort sv_SE"] != full["sort de_DE"]  # Swedish sorts Å after Z
    assert "日本語の文章" in str(full["html shift_jis"])


def test_the_command_line_says_what_is_wrong_in_one_line(tmp_path: Path) -> None:
    not_elf = tmp_path / "libicudata.so.73"
    not_elf.write_bytes(b"nothing")
    proc = subprocess.run([sys.executable, str(REPO_ROOT / "packaging" / "icudata.py"), str(not_elf),
                           str(tmp_path / "out.so")], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and "not a 64-bit little-endian ELF file" in proc.stderr
    assert not (tmp_path / "out.so").exists()


@pytest.mark.parametrize("argv", [[], ["one"]])
def test_the_command_line_shows_its_usage(argv: list[str]) -> None:
    assert icudata.main(argv) == 2
