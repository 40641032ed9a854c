"""The frozen build: the spec builds a bundle that passes --smoke, and the MSI holds that bundle."""
from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.packaging.building import CLI_NAME, EXE_NAME, build_bundle, bundle_size, offscreen_env
from tests.support import REPO_ROOT, require, require_binary

pytestmark = pytest.mark.slow

LINUX = sys.platform.startswith("linux")
DEMO = REPO_ROOT / "resources" / "demo" / "2025-12-31_slimme-meters.txt"


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


def test_linux_bundle_is_under_150_mb_with_one_openssl_and_qts_trimmed_icu(bundle: Path) -> None:
    require(LINUX, "the ICU and OpenSSL passes of the spec are for the Linux bundle")
    size, files = bundle_size(bundle)
    assert size < 150_000_000, f"the Linux bundle grew to {size / 1e6:.1f} MB ({files} files)"
    internal = (bundle / "_internal").resolve()
    (icu,) = (internal / "PySide6" / "Qt" / "lib").glob("libicudata.so.*")
    assert icu.stat().st_size < 20_000_000, "Qt's ICU data was not trimmed"
    require(importlib.util.find_spec("psycopg_binary") is not None, "psycopg-binary is not installed (.[postgres])")
    libs = internal / "psycopg_binary.libs"
    for pattern in ("libssl-*.so.3", "libcrypto-*.so.3"):
        (copy,) = libs.glob(pattern)
        assert copy.is_symlink() and copy.resolve().parent == internal, copy
    # libpq finds every library it links against inside the bundle, OpenSSL among them
    (libpq,) = libs.glob("libpq-*.so.*")
    ldd = subprocess.run([require_binary("ldd", "libc-bin"), str(libpq)], capture_output=True, text=True, check=True)
    assert "not found" not in ldd.stdout, ldd.stdout
    for line in ldd.stdout.splitlines():
        if "libssl" in line or "libcrypto" in line:
            assert str(internal) in line or str(bundle / "_internal") in line, line


def _no_proxy_env(data: Path, **extra: str) -> dict[str, str]:
    env = offscreen_env(data)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        env.pop(name, None)
    env.update(extra)
    return env


def _frozen(bundle: Path, data: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The bundle's command line (``kvdesk-cli.exe`` on Windows) with ``args``, off screen and without a proxy."""
    return subprocess.run([str(bundle / CLI_NAME), *args], env=_no_proxy_env(data, **env),
                          capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def tls_postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A PostgreSQL cluster that accepts TLS only, with a certificate from a test CA: (URL base, CA file)."""
    from tests.sources.fetch.servers import make_pki
    from tests.storage.conftest import temporary_cluster

    pki = make_pki(tmp_path_factory.mktemp("pg-pki"))

    def tls_only(data: Path, user: Any) -> None:
        for src, name in ((pki.server_cert, "server.crt"), (pki.server_key, "server.key")):
            shutil.copyfile(src, data / name)
            os.chmod(data / name, 0o600)
            if user is not None:
                os.chown(data / name, user.pw_uid, user.pw_gid)
        # TLS or nothing: a connection without it is refused
        with open(data / "pg_hba.conf", "w", encoding="utf-8") as hba:
            hba.write("local all all trust\nhostssl all all 127.0.0.1/32 trust\n")

    with temporary_cluster("kvdesk-pg-tls-", "-c ssl=on -c fsync=off", tls_only) as port:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}", pki.ca_cert


def test_frozen_app_keeps_a_team_database_on_postgresql_over_tls(bundle: Path, tls_postgres: tuple[str, Path],
                                                                 tmp_path: Path) -> None:
    require(importlib.util.find_spec("psycopg_binary") is not None, "psycopg-binary is not installed (.[postgres])")
    server, ca = tls_postgres
    # the bundle's psycopg must use its C implementation (libpq beside it), over verified TLS
    url = f"{server}/postgres?sslmode=verify-full&sslrootcert={ca}"
    # the options follow the command: given before it, the command's own defaults replace them
    imported = _frozen(bundle, tmp_path, "import", "--database", url, str(DEMO), PSYCOPG_IMPL="binary")
    assert imported.returncode == 0, imported.stderr[-2000:]
    listed = _frozen(bundle, tmp_path, "list", "--database", url, PSYCOPG_IMPL="binary")
    assert listed.returncode == 0, listed.stderr[-2000:]
    assert "slimme meters" in listed.stdout and "0/11" in listed.stdout, listed.stdout
    assert not list(tmp_path.glob("*.sqlite3")), "the set went to a SQLite file instead"
    # a server certificate from another CA is refused, so the certificate really was checked
    from tests.sources.fetch.servers import make_pki

    other_ca = make_pki(tmp_path / "other").ca_cert
    refused = _frozen(bundle, tmp_path, "list", "--database",
                      f"{server}/postgres?sslmode=verify-full&sslrootcert={other_ca}", PSYCOPG_IMPL="binary")
    assert refused.returncode == 2, refused.stdout
    assert "SSL error" in refused.stderr and "Traceback" not in refused.stderr, refused.stderr[-2000:]


def test_frozen_app_extracts_fetched_articles_and_pdfs_as_the_virtualenv_does(bundle: Path, tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from kvdesk.core.model import Footnote, Question, QuestionSet
    from kvdesk.services.context import Context
    from tests.sources.fetch.servers import start_http

    news = start_http()
    monkeypatch.setenv("KVDESK_OB_BASE_URL", news.base)
    paths = ("/nieuws/slimme-meters", "/oud-artikel", "/rapport.pdf", "/groot-artikel")
    try:
        results = {}
        for label in ("frozen", "venv"):
            data = tmp_path / label
            ctx = Context.create(data)
            footnotes = [Footnote(i, f"De Dagkrant, 30 december 2025, 'Bron {i}' ({news.url(path)})")
                         for i, path in enumerate(paths, 1)]
            ctx.repo.add_set(QuestionSet(
                kenmerk="2025Z26001", submitted_on=dt.date(2025, 12, 31), subject="slimme meters",
                questions=[Question(n.number, f"Vraag over bron {n.number}?", footnotes=[n.number]) for n in footnotes],
                footnotes=footnotes))
            ctx.close()
            cmd = [str(bundle / CLI_NAME)] if label == "frozen" else [sys.executable, "-m", "kvdesk"]
            proc = subprocess.run([*cmd, "fetch-references", "2025Z26001"], env=_no_proxy_env(data), cwd=REPO_ROOT,
                                  capture_output=True, text=True, timeout=300)
            assert proc.returncode == 0, f"{label}: {proc.stdout}\n{proc.stderr[-2000:]}"
            ctx = Context.create(data)
            try:
                refs = ctx.repo.references(ctx.repo.resolve("2025Z26001"))
            finally:
                ctx.close()
            results[label] = [{k: v for k, v in dataclasses.asdict(r).items() if k not in ("fetched_at", "id")}
                              for r in refs]
    finally:
        news.stop()
    assert [r["status"] for r in results["frozen"]] == ["fetched"] * len(paths)
    assert results["frozen"] == results["venv"]
    texts = [r["text"] or "" for r in results["frozen"]]
    assert "slimme meters" in texts[0] and "Wij gebruiken cookies" not in texts[0]
    assert any(ch in texts[1] for ch in "öë")  # Latin-1 page decoded
    assert texts[2].strip()  # PDF text through pypdf


def test_frozen_app_builds_a_bulk_imports_index_in_its_helper_processes(bundle: Path, tmp_path: Path) -> None:
    """A large .jsonl import spawns the index builders from the frozen executable itself."""
    import json

    from kvdesk.core.model import Answer, Question, QuestionSet

    archive = tmp_path / "archief.jsonl"
    filler = " ".join(f"woordenlijst{k}" for k in range(120))  # about 2 KB of text per answer
    with archive.open("w", encoding="utf-8") as fh:
        for i in range(4500):
            qs = QuestionSet(kenmerk=f"2018Z{i:05d}", subject=f"onderwerp {i}",
                             questions=[Question(1, f"Vraag over kenmerkwoord{i}?"), Question(2, "Tweede vraag?")],
                             answers=[Answer([1, 2], f"Antwoord {i}. {filler}")])
            fh.write(json.dumps(qs.to_json(), ensure_ascii=False) + "\n")
    assert archive.stat().st_size > 8_000_000  # large enough for the parallel index build
    env = offscreen_env(tmp_path)
    data = tmp_path / "data"
    cli = str(bundle / CLI_NAME)
    proc = subprocess.run([cli, "--data-dir", str(data), "import", str(archive)], env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "archief.jsonl\t4500"
    found = subprocess.run([cli, "--data-dir", str(data), "search", "kenmerkwoord4499", "--json"], env=env,
                           capture_output=True, text=True, timeout=120)
    assert found.returncode == 0, found.stderr
    assert [hit["kenmerk"] for hit in json.loads(found.stdout)] == ["2018Z04499"]
    log = (data / "logs" / "kvdesk.log").read_text(encoding="utf-8")
    # Built by the helper processes and moved in, not rebuilt from the text after they failed.
    assert "building the index beside the database failed" not in log, log[-2000:]
    assert "rebuilding" not in log, log[-2000:]
