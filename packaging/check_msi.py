"""Check a built kvdesk MSI with msitools' ``msiinfo``: the tables an IT department relies on.

    python packaging/check_msi.py dist/kvdesk-0.1.0-x64.msi --bundle dist/kvdesk --version 0.1.0

Checks: product name, version, Dutch product language, a per-machine install, the fixed
UpgradeCode with a major-upgrade path (newer replaces older, never the other way), 64-bit
components, the Start menu shortcut, and that every file of the bundle is in the File table with
its size. Prints one line; exit status 0 when all hold, 1 otherwise, 2 for bad input.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

UPGRADE_CODE = "{8E0B8C7E-4B7A-4E0C-9A55-2F6C8B1D0A21}"
MSIDBCOMPONENTATTRIBUTES64BIT = 256


def table(msi: Path, name: str) -> list[dict[str, str]]:
    """The rows of one MSI table as dicts (``msiinfo export``: header, types, key row, then data)."""
    out = subprocess.run(["msiinfo", "export", str(msi), name], check=True, capture_output=True, text=True).stdout
    lines = out.splitlines()
    if len(lines) < 3:
        return []
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=False)) for line in lines[3:] if line]


def long_name(file_name: str) -> str:
    """``SHORT~1.TXT|long name.txt`` → ``long name.txt``."""
    return file_name.rsplit("|", maxsplit=1)[-1]


def problems(msi: Path, bundle: Path | None, version: str | None) -> list[str]:
    """Everything wrong with ``msi``; empty when it is fine."""
    found: list[str] = []
    props = {r["Property"]: r["Value"] for r in table(msi, "Property")}
    expect = {"ProductName": "kvdesk", "ProductLanguage": "1043", "ALLUSERS": "1", "UpgradeCode": UPGRADE_CODE}
    if version:
        expect["ProductVersion"] = version
    for key, value in expect.items():
        if props.get(key) != value:
            found.append(f"Property {key} is {props.get(key)!r}, expected {value!r}")

    upgrades = table(msi, "Upgrade")
    if not any(r.get("ActionProperty") == "WIX_UPGRADE_DETECTED" for r in upgrades):
        found.append("no major-upgrade row in the Upgrade table")
    if not any(r.get("ActionProperty") == "WIX_DOWNGRADE_DETECTED" for r in upgrades):
        found.append("no downgrade protection in the Upgrade table")
    actions = {r["Action"] for r in table(msi, "InstallExecuteSequence")}
    if "RemoveExistingProducts" not in actions:
        found.append("RemoveExistingProducts missing from InstallExecuteSequence")

    components = table(msi, "Component")
    not64 = [c["Component"] for c in components if not int(c.get("Attributes") or 0) & MSIDBCOMPONENTATTRIBUTES64BIT]
    if not64:
        found.append(f"{len(not64)} components are not 64-bit, e.g. {not64[0]}")

    shortcuts = table(msi, "Shortcut")
    if not any(s.get("Directory_") == "ProgramMenuFolder" and "kvdesk" in s.get("Target", "") for s in shortcuts):
        found.append("no Start menu shortcut to kvdesk")

    files = table(msi, "File")
    if bundle is not None:
        # Symbolic links (PyInstaller makes a few on Linux) cannot go into an MSI; wixl-heat skips them.
        regular = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
        on_disk = Counter((p.name, p.stat().st_size) for p in regular)
        in_msi = Counter((long_name(f["FileName"]), int(f["FileSize"])) for f in files)
        missing = on_disk - in_msi
        extra = in_msi - on_disk
        if missing:
            found.append(f"{sum(missing.values())} bundle files not in the MSI, e.g. {next(iter(missing))[0]}")
        if extra:
            found.append(f"{sum(extra.values())} MSI files not in the bundle, e.g. {next(iter(extra))[0]}")
        executables = {"kvdesk", "kvdesk.exe"}
        if not any(long_name(f["FileName"]) in executables for f in files):
            found.append("the kvdesk executable is not in the File table")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("msi", type=Path)
    parser.add_argument("--bundle", type=Path, help="the PyInstaller folder the MSI was built from")
    parser.add_argument("--version", help="the ProductVersion to expect")
    args = parser.parse_args(argv)
    if shutil.which("msiinfo") is None:
        print("check_msi: msiinfo is missing; install it with: apt-get install msitools", file=sys.stderr)
        return 2
    if not args.msi.is_file():
        print(f"check_msi: {args.msi} does not exist; build it with 'make -C packaging msi'", file=sys.stderr)
        return 2
    try:
        found = problems(args.msi, args.bundle, args.version)
    except subprocess.CalledProcessError as exc:
        print(f"check_msi: msiinfo cannot read {args.msi}: {(exc.stderr or '').strip()[:200]}", file=sys.stderr)
        return 1
    if found:
        print(f"check_msi: {args.msi.name}: " + "; ".join(found), file=sys.stderr)
        return 1
    count = len(table(args.msi, "File"))
    print(f"check_msi: {args.msi.name} is fine ({count} files, {args.msi.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
