"""Qt's ICU data library without the parts Qt never asks for (Linux bundle only).

PySide6's Linux wheels ship ICU 73 for Qt Core; its data library, ``libicudata.so.73``, is 32 MB
and the largest file of the bundle. Qt Core calls ICU for four things only (``nm -D
--undefined-only libQt6Core.so.6``): case mapping (``u_strToUpper``/``u_strToLower``, whose tables
are compiled into ``libicuuc``), collation (``ucol_*``), text codecs (``ucnv_*``) and time-zone
IDs and names (``ucal_*``); no other file in the bundle links against ICU. So the data for break
iterators and their dictionaries (``brkitr``), transliteration, units, currencies, language and
region display names, spelled-out numbers, character names, StringPrep, IDNA and spoof checking
can never be read: this module drops exactly those items from ICU's common data package and
links the rest into a library of the same name and symbol. Collation, converters, time zones and
every locale stay, so what Qt does with ICU does not change (``tests/packaging/test_icudata.py``
compares Qt's results with both libraries).

    python packaging/icudata.py SOURCE.so TARGET.so     # writes TARGET.so, prints what it dropped

Linking needs binutils' ``as`` and ``ld``, which PyInstaller's ``strip`` already needs on Linux.
"""
from __future__ import annotations

import logging
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

# The ICU functions Qt Core imports (without the ``_73`` version suffix), by prefix. The trim is
# sound only while Qt calls nothing else: tests/packaging/test_icudata.py checks this list against
# the installed Qt, so that a PySide6 upgrade calling, say, break iterators fails there first.
QT_ICU_CALLS = ("u_strToUpper", "u_strToLower", "ucol_", "ucnv_", "UCNV_", "ucal_")

# Trees of the package (``icudt73l/<tree>/…``) that only ICU APIs Qt does not call read.
UNREACHABLE_TREES = frozenset({"brkitr", "translit", "unit", "curr", "lang", "region", "rbnf"})
# Top-level items likewise: character names (u_charName), IDNA (uidna), the confusables of the
# spoof checker; StringPrep profiles (usprep) are every ``*.spp``.
UNREACHABLE_FILES = frozenset({"unames.icu", "uts46.nrm", "confusables.cfu"})
UNREACHABLE_SUFFIXES = (".spp",)

_ALIGN = 16  # ICU reads each item in place; pkgdata aligns them to 16 bytes
_SYMBOL = re.compile(rb"icudt\d+_dat")


@dataclass
class CommonData:
    """An ICU common data package ("CmnD"): its header, then named items in name order."""

    header: bytes
    items: list[tuple[str, bytes]]

    @classmethod
    def parse(cls, blob: bytes) -> CommonData:
        """Read a package as pkgdata writes it: header, table of contents, names, items."""
        header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
        if (magic1, magic2) != (0xDA, 0x27) or blob[12:16] != b"CmnD":
            raise ValueError("not an ICU common data package (expected the 'CmnD' format)")
        if blob[8] != 0:
            raise ValueError("big-endian ICU data is not supported")
        toc = header_size
        (count,) = struct.unpack_from("<I", blob, toc)
        entries = [struct.unpack_from("<II", blob, toc + 4 + 8 * i) for i in range(count)]
        items = []
        for i, (name_offset, data_offset) in enumerate(entries):
            name_end = blob.index(b"\0", toc + name_offset)
            name = blob[toc + name_offset:name_end].decode("ascii")
            end = toc + entries[i + 1][1] if i + 1 < count else len(blob)
            items.append((name, blob[toc + data_offset:end]))
        return cls(blob[:header_size], items)

    def to_bytes(self) -> bytes:
        """The package again, with the items in the same order, each aligned to 16 bytes."""
        count = len(self.items)
        names = b"".join(name.encode("ascii") + b"\0" for name, _ in self.items)
        table = 4 + 8 * count
        offset = _aligned(table + len(names))
        entries = []
        name_offset = table
        body = bytearray()
        for name, data in self.items:
            entries.append((name_offset, offset + len(body)))
            name_offset += len(name) + 1
            body += data + b"\0" * (_aligned(len(data)) - len(data))
        toc = struct.pack("<I", count) + b"".join(struct.pack("<II", n, d) for n, d in entries) + names
        return self.header + toc + b"\0" * (offset - len(toc)) + bytes(body)


def _aligned(n: int) -> int:
    return (n + _ALIGN - 1) // _ALIGN * _ALIGN


def reachable(name: str) -> bool:
    """Whether Qt can make ICU read the item ``name`` (``icudt73l/coll/nl.res``, …)."""
    parts = name.split("/")[1:]
    if len(parts) > 1 and parts[0] in UNREACHABLE_TREES:
        return False
    leaf = parts[-1]
    return leaf not in UNREACHABLE_FILES and not leaf.endswith(UNREACHABLE_SUFFIXES)


def read_library(path: Path) -> tuple[str, bytes]:
    """The data symbol's name (``icudt73_dat``) and its bytes, read from an ELF data library."""
    elf = path.read_bytes()
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        raise ValueError(f"{path}: not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", elf, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", elf, shoff + i * shentsize) for i in range(shnum)]
    for _name, sh_type, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if sh_type != 11:  # SHT_DYNSYM
            continue
        strtab = sections[link][4]
        for pos in range(offset, offset + size, entsize):
            st_name, _st_info, _other, shndx, value, sym_size = struct.unpack_from("<IBBHQQ", elf, pos)
            end = elf.index(b"\0", strtab + st_name)
            symbol = elf[strtab + st_name:end]
            if _SYMBOL.fullmatch(symbol):
                target = sections[shndx]
                start = value - target[3] + target[4]
                return symbol.decode("ascii"), elf[start:start + sym_size]
    raise ValueError(f"{path}: no icudtNN_dat symbol; is this ICU's data library?")


def link_library(data: bytes, symbol: str, soname: str, target: Path) -> None:
    """Write a shared library ``target`` that exports ``data`` as ``symbol``, as ICU's own does."""
    for tool in ("as", "ld"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"'{tool}' is missing; install binutils (apt-get install binutils)")
    with tempfile.TemporaryDirectory(prefix="kvdesk-icu-") as tmp:
        work = Path(tmp)
        (work / "data.bin").write_bytes(data)
        (work / "data.s").write_text(
            "\t.section .rodata\n"
            f"\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign {_ALIGN}\n"
            f"{symbol}:\n\t.incbin \"data.bin\"\n\t.size {symbol}, . - {symbol}\n"
            "\t.section .note.GNU-stack,\"\",@progbits\n",
            encoding="ascii",
        )
        subprocess.run(["as", "-o", "data.o", "data.s"], cwd=work, check=True, capture_output=True)
        subprocess.run(["ld", "-shared", "-soname", soname, "-z", "noexecstack", "-o", "lib.so", "data.o"],
                       cwd=work, check=True, capture_output=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp_target = target.with_name(target.name + ".tmp")
        shutil.copyfile(work / "lib.so", tmp_target)
        tmp_target.replace(target)


def trim_library(source: Path, target: Path) -> list[str]:
    """Write ``target``: ``source`` without the unreachable items; returns the dropped names."""
    symbol, blob = read_library(source)
    package = CommonData.parse(blob)
    dropped = [name for name, _ in package.items if not reachable(name)]
    package.items = [(name, data) for name, data in package.items if reachable(name)]
    link_library(package.to_bytes(), symbol, source.name, target)
    return dropped


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python packaging/icudata.py SOURCE.so TARGET.so", file=sys.stderr)
        return 2
    source, target = Path(args[0]), Path(args[1])
    try:
        dropped = trim_library(source, target)
    except (OSError, ValueError, RuntimeError, subprocess.CalledProcessError) as exc:
        print(f"icudata: {exc}", file=sys.stderr)
        return 1
    print(f"{target}: {source.stat().st_size:,} -> {target.stat().st_size:,} bytes, "
          f"{len(dropped)} items dropped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
