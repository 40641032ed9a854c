"""The command line: every foundation command and its error paths, in process and as a real program.

Errors must be one line on stderr with exit status 2, never a traceback (DESIGN.md).
"""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kvdesk.cli import run
from tests.storage.helpers import make_set
from tests.support import REPO_ROOT, require_shared

KVDESK = REPO_ROOT / ".venv" / "bin" / "kvdesk"
HAS_IMPORTER = importlib.util.find_spec("kvdesk.services.importing") is not None
HOLDER = """
import sys
from pathlib import Path
from kvdesk.storage.lock import DatabaseLock
DatabaseLock(Path(sys.argv[1]), user="anna").acquire()
print("held", flush=True)
sys.stdin.readline()
"""


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = run(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def assert_one_line_error(status: int, err: str, *needles: str) -> None:
    assert status == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("kvdesk: ")
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err


@pytest.fixture
def jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "archief.jsonl"
    sets = [make_set("2025Z10001"), make_set("2025Z10002", questions=2)]
    path.write_text("".join(json.dumps(s.to_json(), ensure_ascii=False) + "\n" for s in sets), encoding="utf-8")
    return path


# ------------------------------------------------------------------------ in process


def test_jsonl_import_then_list_and_show(capsys: pytest.CaptureFixture[str], jsonl: Path) -> None:
    status, out, _ = cli(capsys, "import", str(jsonl))
    assert (status, out) == (0, "archief.jsonl\t2\n")
    status, out, _ = cli(capsys, "list", "--all", "--json")
    assert status == 0
    rows = json.loads(out)
    assert {r["kenmerk"] for r in rows} == {"2025Z10001", "2025Z10002"}
    assert {r["questions"] for r in rows} == {3, 2}
    status, out, _ = cli(capsys, "show", "2025Z10002", "--json")
    data = json.loads(out)
    assert status == 0
    assert data["schema"] == "kvdesk.questionset/1" and len(data["questions"]) == 2
    assert {"id", "deadline", "status", "references"} <= set(data)


def test_a_jsonl_import_shows_how_far_it_is_on_a_terminal_only(capsys: pytest.CaptureFixture[str], jsonl: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    status, out, err = cli(capsys, "import", str(jsonl))  # stderr is no terminal here: nothing on it
    assert (status, out, err) == (0, "archief.jsonl\t2\n", "")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    status, out, err = cli(capsys, "import", str(jsonl))  # again: nothing new, but it reads the file
    assert (status, out) == (0, "archief.jsonl\t0\n")
    assert "\rarchief.jsonl: 100 % gelezen" in err and err.endswith("\r")  # the line is wiped at the end
    assert "\n" not in err


def test_terminal_progress_shows_at_most_twice_a_second_and_always_the_end(
        capsys: pytest.CaptureFixture[str]) -> None:
    from kvdesk.cli import TerminalProgress

    shown = TerminalProgress("a.jsonl", every=3600)
    for done in (10, 20, 30, 100):
        shown(done, 100)
    shown.clear()
    err = capsys.readouterr().err
    assert err.count("gelezen") == 2 and "a.jsonl: 10 % gelezen" in err and "a.jsonl: 100 % gelezen" in err
    assert err.endswith("\r" + " " * len("a.jsonl: 100 % gelezen") + "\r")


def test_answer_then_show_json_shows_the_answer(capsys: pytest.CaptureFixture[str], jsonl: Path) -> None:
    cli(capsys, "import", str(jsonl))
    status, out, _ = cli(capsys, "answer", "2025Z10001", "2,3", "--text", "Ja, **beide**.")
    assert (status, out) == (0, "Antwoord 2 en 3 opgeslagen.\n")
    status, out, _ = cli(capsys, "show", "2025z10001", "--json")
    answers = json.loads(out)["answers"]
    assert status == 0
    assert [(a["questions"], a["text"]) for a in answers] == [([2, 3], "Ja, **beide**.")]
    status, out, _ = cli(capsys, "show", "2025Z10001")
    assert status == 0 and "Antwoord 2 en 3\nJa, **beide**." in out


def test_answer_from_a_file_and_from_stdin(capsys: pytest.CaptureFixture[str], jsonl: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    cli(capsys, "import", str(jsonl))
    text = tmp_path / "antwoord.md"
    text.write_text("Nee.\n\nZie ook[^1].\n\n[^1]: Kamerstuk 32813.\n", encoding="utf-8")
    assert cli(capsys, "answer", "2025Z10001", "1", "--file", str(text))[0] == 0
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("Van standaardinvoer."))
    assert cli(capsys, "answer", "2025Z10001", "2", "--file", "-")[0] == 0
    answers = json.loads(cli(capsys, "show", "2025Z10001", "--json")[1])["answers"]
    assert [a["text"] for a in answers] == [text.read_text(encoding="utf-8"), "Van standaardinvoer."]


def test_common_options_count_before_and_after_the_command(capsys: pytest.CaptureFixture[str], jsonl: Path,
                                                           tmp_path: Path, data_dir: Path) -> None:
    """`kvdesk --database URL import …` and `kvdesk import … --database URL` use the same database."""
    other = tmp_path / "team.sqlite3"
    url = f"sqlite:///{other}"
    status, _, err = cli(capsys, "--database", url, "import", str(jsonl))
    assert status == 0, err
    assert other.exists()
    assert not (data_dir / "kvdesk.sqlite3").exists(), "the import went to the data folder's database"
    status, out, _ = cli(capsys, "list", "--all", "--database", url)
    assert status == 0 and "2025Z10002" in out
    status, out, _ = cli(capsys, "--database", url, "--data-dir", str(data_dir), "list", "--all")
    assert status == 0 and "2025Z10002" in out


def test_list_of_an_empty_database_says_how_to_import(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(capsys, "list")
    assert status == 0 and "kvdesk import" in out
    assert json.loads(cli(capsys, "list", "--json")[1]) == []


@pytest.mark.parametrize("args", [
    ("show", "2025Z99999"),
    ("show", "2025Z99999", "--json"),
    ("answer", "2025Z99999", "1", "--text", "Ja."),
])
def test_missing_set_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], args: tuple[str, ...]) -> None:
    status, _, err = cli(capsys, *args)
    assert_one_line_error(status, err, "2025Z99999")


def test_answer_to_a_missing_question_or_bad_numbers(capsys: pytest.CaptureFixture[str], jsonl: Path) -> None:
    cli(capsys, "import", str(jsonl))
    status, _, err = cli(capsys, "answer", "2025Z10002", "3", "--text", "Ja.")
    assert_one_line_error(status, err, "vraag 3")
    for spec in ("x", "0", "3-1", ""):
        status, _, err = cli(capsys, "answer", "2025Z10002", spec, "--text", "Ja.")
        assert_one_line_error(status, err, "vraagnummer")


@pytest.mark.parametrize("args, needle", [
    (("import", "/nergens/vragen.jsonl"), "/nergens/vragen.jsonl"),
    (("answer", "2025Z10001", "1", "--file", "/nergens/antwoord.md"), "/nergens/antwoord.md"),
])
def test_unreadable_file_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], jsonl: Path,
                                                args: tuple[str, ...], needle: str) -> None:
    cli(capsys, "import", str(jsonl))
    status, _, err = cli(capsys, *args)
    assert_one_line_error(status, err, needle)


def test_non_utf8_answer_file_and_broken_jsonl_line(capsys: pytest.CaptureFixture[str], jsonl: Path,
                                                     tmp_path: Path) -> None:
    cli(capsys, "import", str(jsonl))
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Één antwoord".encode("latin-1"))
    status, _, err = cli(capsys, "answer", "2025Z10001", "1", "--file", str(latin))
    assert_one_line_error(status, err, "UTF-8")
    broken = tmp_path / "kapot.jsonl"
    broken.write_text(json.dumps(make_set("2025Z10003").to_json()) + "\n{niet af\n", encoding="utf-8")
    status, _, err = cli(capsys, "import", str(broken))
    assert_one_line_error(status, err, "regel 2")


@pytest.mark.parametrize("args", [
    ("verzin",),
    ("show",),
    ("answer", "2025Z10001", "1"),
    ("answer", "2025Z10001", "1", "--text", "a", "--file", "b"),
    ("list", "--bogus"),
    ("search", "x", "--limit", "veel"),
    ("import",),
])
def test_bad_arguments_are_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], args: tuple[str, ...]) -> None:
    status, _, err = cli(capsys, *args)
    assert_one_line_error(status, err, "--help")


def test_version_and_help_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("kvdesk ")


def test_invalid_database_url_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = cli(capsys, "list", "--database", "geen-url")
    assert_one_line_error(status, err, "database-URL")


def test_writing_is_refused_while_another_kvdesk_holds_the_lock_but_reading_works(
        capsys: pytest.CaptureFixture[str], jsonl: Path, data_dir: Path) -> None:
    cli(capsys, "import", str(jsonl))
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(data_dir / "kvdesk.sqlite3")],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        status, _, err = cli(capsys, "answer", "2025Z10001", "1", "--text", "Ja.")
        assert_one_line_error(status, err, "in gebruik door anna", "Sluit kvdesk daar af")
        assert cli(capsys, "show", "2025Z10001", "--json")[0] == 0
        assert cli(capsys, "list", "--all")[0] == 0
    finally:
        proc.kill()
        proc.wait(timeout=10)
    assert cli(capsys, "answer", "2025Z10001", "1", "--text", "Ja.")[0] == 0  # the dead holder's lock is stale


def test_backup_list_and_restore(capsys: pytest.CaptureFixture[str], jsonl: Path, data_dir: Path) -> None:
    cli(capsys, "import", str(jsonl))
    status, out, _ = cli(capsys, "backup")
    made = Path(out.strip())
    assert status == 0 and made.is_file() and made.parent == data_dir / "backups"
    status, out, _ = cli(capsys, "backup", "--list")
    assert status == 0 and str(made) in out
    cli(capsys, "answer", "2025Z10001", "1", "--text", "Na de back-up.")
    status, out, _ = cli(capsys, "restore", made.name)
    assert status == 0 and "teruggezet" in out
    answers = json.loads(cli(capsys, "show", "2025Z10001", "--json")[1])["answers"]
    assert answers == []


def test_damaged_database_is_one_line_that_offers_restore(capsys: pytest.CaptureFixture[str],
                                                          data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "kvdesk.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\xff" * 8192)
    status, _, err = cli(capsys, "answer", "1", "1", "--text", "Ja.")
    assert_one_line_error(status, err, "beschadigd", "kvdesk restore")
    status, _, err = cli(capsys, "restore")
    assert_one_line_error(status, err, "geen back-up")


# ----------------------------------------------------------------------- the seed set


@pytest.mark.skipif(not HAS_IMPORTER, reason="kvdesk.services.importing (the parser) is not there yet")
def test_seed_parse_import_answer_show(capsys: pytest.CaptureFixture[str]) -> None:
    seed = require_shared("seed", "2025-12-31_slimme-meters.txt")
    status, out, _ = cli(capsys, "parse", str(seed))
    parsed = json.loads(out)
    assert status == 0 and len(parsed["questions"]) == 11
    status, out, _ = cli(capsys, "import", str(seed))
    key, count = out.strip().split("\t")
    assert (status, count) == (0, "11")
    assert cli(capsys, "answer", key, "1", "--text", "Ja.")[0] == 0
    shown = json.loads(cli(capsys, "show", key, "--json")[1])
    assert [(a["questions"], a["text"]) for a in shown["answers"]] == [([1], "Ja.")]


# ------------------------------------------------------------------ as a real program


def _program() -> list[str]:
    return [str(KVDESK)] if KVDESK.exists() else [sys.executable, "-m", "kvdesk"]


def _kvdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*_program(), *args], capture_output=True, text=True, timeout=120)


def test_program_import_answer_show_and_errors(jsonl: Path) -> None:
    done = _kvdesk("import", str(jsonl))
    assert (done.returncode, done.stdout) == (0, "archief.jsonl\t2\n"), done.stderr
    assert _kvdesk("answer", "2025Z10002", "1", "--text", "Ja.").returncode == 0
    shown = _kvdesk("show", "2025Z10002", "--json")
    assert shown.returncode == 0
    (answer,) = json.loads(shown.stdout)["answers"]
    assert (answer["questions"], answer["text"], answer["status"]) == ([1], "Ja.", "concept")
    for args in (("show", "2025Z99999"), ("import", "/nergens.jsonl"), ("verzin",), ("answer", "2025Z10002")):
        failed = _kvdesk(*args)
        assert_one_line_error(failed.returncode, failed.stderr)
        assert failed.stdout == ""
    version = _kvdesk("--version")
    assert (version.returncode, version.stdout.startswith("kvdesk ")) == (0, True)


def test_status_records_the_delay_notice_and_check_without_spelling(
    capsys: pytest.CaptureFixture[str], jsonl: Path
) -> None:
    assert cli(capsys, "import", str(jsonl))[0] == 0
    key = "2025Z10001"
    status, out, _ = cli(capsys, "status", key, "uitstel gemeld", "--on", "2024-12-01")
    assert status == 0 and "uitstel gemeld" in out.splitlines()[0]
    status, out, err = cli(capsys, "status", key, "klaar")
    assert_one_line_error(status, err, "kies uit")
    status, out, _ = cli(capsys, "check", key, "--no-spelling", "--json")
    findings = json.loads(out)
    assert status == 1
    assert all(f["code"] != "spelling" for f in findings)
    assert any(f["level"] == "error" for f in findings)


def test_sync_checks_its_options_and_reports_a_dead_server_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = cli(capsys, "sync", "--since", "2025-01-01", "--until", "2024-01-01")
    assert_one_line_error(status, err, "draai ze om")
    status, _, err = cli(capsys, "sync", "--odata-base", "ftp://example.invalid/")
    assert_one_line_error(status, err, "geen http")
    status, _, err = cli(capsys, "sync", "--odata-base", "http://127.0.0.1:9/", "--sru-base", "http://127.0.0.1:9/")
    assert status == 1
    assert "Traceback" not in err
