"""The command line (DESIGN.md, "Command-line contract"). It calls services only.

Exit status: 0 success, 1 a check found problems (or some references failed), 2 bad input or a
missing item. A user error is one line on stderr, never a traceback. Heavy modules (Qt, docx,
httpx) are imported only by the commands that need them, so ``--version`` and ``show`` stay fast.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from kvdesk import __version__

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

# Commands that write to the database hold its lock while they run; the others only read, which
# SQLite's WAL allows while another kvdesk holds the lock.
WRITING_COMMANDS = frozenset({"import", "answer", "export", "fetch-references", "backup", "restore", "status", "sync"})


class CliError(Exception):
    """A user error: printed as one line, exit status 2 unless given."""

    def __init__(self, message: str, status: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.status = status


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise CliError(f"{message} (zie '{self.prog} --help')")


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


# ---------------------------------------------------------------------------- commands


def cmd_parse(ctx_factory: Callable[[], Any], args: argparse.Namespace) -> int:
    from kvdesk.services.importing import parse_file

    qs = parse_file(args.file, args.format)
    _json(qs.to_json())
    return EXIT_OK


def cmd_import(ctx_factory: Callable[[], Any], args: argparse.Namespace) -> int:
    from kvdesk.services.sets import import_file

    ctx = ctx_factory()
    for path in args.files:
        shown = TerminalProgress(os.path.basename(path)) if sys.stderr.isatty() else None
        try:
            results = import_file(ctx, path, fmt=args.format, update=args.update, progress=shown)
        finally:
            if shown is not None:
                shown.clear()
        for result in results:
            _out(f"{result.key}\t{result.question_count}")
    return EXIT_OK


class TerminalProgress:
    """How far a long import is, on one line of a terminal's stderr (not in a pipe or a file)."""

    def __init__(self, name: str, *, every: float = 0.5) -> None:
        self.name = name
        self.every = every
        self._shown = 0.0
        self._width = 0

    def __call__(self, done: int, total: int) -> None:
        import time

        now = time.monotonic()
        if now - self._shown < self.every and done < total:
            return
        self._shown = now
        line = f"{self.name}: {100 * done // max(total, 1)} % gelezen"
        self._width = max(self._width, len(line))
        sys.stderr.write("\r" + line.ljust(self._width))
        sys.stderr.flush()

    def clear(self) -> None:
        if self._width:
            sys.stderr.write("\r" + " " * self._width + "\r")
            sys.stderr.flush()


def cmd_list(ctx_factory: Callable[[], Any], args: argparse.Namespace) -> int:
    from kvdesk.services.sets import summary_json

    ctx = ctx_factory()
    summaries = ctx.reader.list_sets(origin=None if args.all else "draft")
    rows = [summary_json(s) for s in summaries]
    if args.json:
        _json(rows)
        return EXIT_OK
    if not rows:
        _out("Nog geen vragensets. Importeer er een met: kvdesk import BESTAND")
        return EXIT_OK
    for r in rows:
        deadline = r["deadline"] or "-"
        _out(f"{r['kenmerk'] or r['id']}\t{r['status']}\t{deadline}\t{r['answered']}/{r['questions']}\t{r['subject'] or ''}")
    return EXIT_OK


def cmd_show(ctx_factory: Callable[[], Any], args: argparse.Namespace) -> int:
    from kvdesk.services.sets import set_json

    ctx = ctx_factory()
    qs = ctx.reader.get_set(args.key)
    data = set_json(ctx, qs)
    if args.json:
        _json(data)
        return EXIT_OK
    _out(f"{qs.kenmerk or '(geen kenmerk)'}  [{qs.status}]  termijn {data['deadline'] or 'onbekend'}")
    if qs.header:
        _out(qs.header)
    for q in qs.questions:
        _out("")
        _out(f"Vraag {q.number}")
        _out(q.text)
        answer = qs.answer_for(q.number)
        if answer and answer.questions[0] == q.number:
            label = " en ".join(str(n) for n in answer.questions) if len(answer.questions) > 1 else str(q.number)
            _out(f"Antwoord {label}")
            _out(answer.text or "(leeg)")
    if qs.footnotes:
        _out("")
        for f in qs.footnotes:
            _out(f"{f.number}) {f.text}")
    return EXIT_OK


def cmd_answer(ctx_factory: Callable[[], Any], args: argparse.Namespace) -> int:
    from kvdesk.services.sets import parse_numbers, save_answer

    numbers = parse_numbers(args.numbers)
    if args.file is not None:
        text = _read_text_arg(args.file)
    else:
        text = args.text
    ctx = ctx_factory()
    answer = save_answer(ctx, args.key, numbers, text)
    label = " en ".join(str(n) for n in answer.questions)
    _out(f"Antwoord {label} opgeslagen.")
    return EXIT_OK


def cmd_check(ctx_factory: Callable[[], Any], args: argparse.Namespace) -> int:
    from kvdesk.services.checking import check_set_cli

    settings = None
    if args.no_spelling:
        from kvdesk.core.checks import CheckSettings

        settings = CheckSettings(spelling=False)
    ctx = ctx_factory()
    return check_set_cli(ctx, args.key, as_json=args.json, out=_out, settings=settings,
                         language="en" if args.english else "nl")


def cmd_status(ctx_factory: Callable[[], Any], args: argparse.Namespace) -> int:
    from kvdesk.services.sets import set_status_cli

    ctx = ctx_factory()
    return set_status_cli(ctx, args.key, args.status, on=args.on, note=args.note, assignee=args.assign,
                          question=args.question, out=_out)


def cmd_export(ctx_factory: Callable[[], Any], args: argparse.Namespace) -> int:
    from kvdesk.services.export_command import export_cli

    ctx = ctx_factory()
    return export_cli(ctx, args, out=_out)


def cmd_fetch_references(ctx_factory: Callable[[], Any], args: argparse.Namespace) -> int:
    from kvdesk.services.references import fetch_references_cli

    ctx = ctx_factory()
    return fetch_references_cli(ctx, args.key, out=_out, err=_err)


def cmd_search(ctx_factory: Callable[[], Any], args: argparse.Namespace) -> int:
    from kvdesk.services.searching import search_cli

    ctx = ctx_factory()
    return search_cli(ctx, args.query, limit=args.limit, as_json=args.json, out=_out)


def cmd_sync(ctx_factory: Callable[[], Any], args: argparse.Namespace) -> int:
    from kvdesk.services.archive import sync_cli

    ctx = ctx_factory()
    return sync_cli(ctx, since=args.since, until=args.until, ministry=args.ministry,
                    odata_base=args.odata_base, sru_base=args.sru_base, out=_out, err=_err)


def cmd_backup(ctx_factory: Callable[[], Any], args: argparse.Namespace) -> int:
    ctx = ctx_factory()
    if ctx.database_path is None:
        from kvdesk.storage.backup import POSTGRES_NOTE

        raise CliError(POSTGRES_NOTE)
    if args.list:
        for b in ctx.backups():
            _out(f"{b.path}\t{b.kind}\t{b.taken_at.isoformat(sep=' ')}\t{b.size}")
        return EXIT_OK
    ctx.db  # noqa: B018 - open (check, migrate) first: a damaged database is not worth a backup
    made = ctx.backup_now()
    if made is not None:
        _out(str(made.path))
    return EXIT_OK


def cmd_restore(ctx_factory: Callable[[], Any], args: argparse.Namespace) -> int:
    from pathlib import Path

    ctx = ctx_factory()
    chosen = None
    if args.backup:
        chosen = Path(args.backup)
        if not chosen.exists() and (ctx.backups_dir / args.backup).exists():
            chosen = ctx.backups_dir / args.backup
    result = ctx.restore_backup(chosen)
    kept = f"; het vorige bestand staat in {result.kept_aside}" if result.kept_aside else ""
    _out(f"Back-up {result.backup.label} teruggezet ({result.backup.path}){kept}.")
    return EXIT_OK


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def _read_text_arg(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except UnicodeDecodeError:
        raise CliError(f"{path} is geen UTF-8-tekst.") from None
    except OSError as exc:
        raise CliError(f"{path} kan niet worden gelezen: {exc.strerror or exc}.") from None


# ---------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    def common_options(default: object) -> _Parser:
        common = _Parser(add_help=False)
        common.add_argument("--data-dir", metavar="DIR", default=default,
                            help="map voor database, bijlagen, back-ups en logs (of KVDESK_DATA_DIR)")
        common.add_argument("--database", metavar="URL", default=default,
                            help="database-URL, bv. postgresql+psycopg://… (of KVDESK_DATABASE_URL)")
        common.add_argument("--debug", action="store_true", default=False if default is None else default,
                            help="uitgebreide logging")
        return common

    common = common_options(None)
    # The commands accept the same options after their name; without a default of their own, so
    # that `kvdesk --database URL list` keeps the URL given before the command.
    after_command = common_options(argparse.SUPPRESS)

    p = _Parser(
        prog="kvdesk",
        description="kvdesk: schriftelijke Kamervragen beantwoorden. Zonder opdracht opent de applicatie.",
        parents=[common],
    )
    p.add_argument("--version", action="version", version=f"kvdesk {__version__}")
    p.add_argument("--screenshot", metavar="PNG", help="het hoofdvenster buiten beeld naar een PNG schrijven")
    p.add_argument("--set", metavar="KEY", dest="screenshot_set", help="met --screenshot: deze set tonen")
    p.add_argument("--smoke", action="store_true",
                   help="zelftest: demo-set openen, controleren, exporteren en teruglezen (buiten beeld)")
    sub = p.add_subparsers(dest="command", parser_class=_Parser, metavar="OPDRACHT")

    def add(name: str, func: Callable[..., int], help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_, parents=[after_command])
        sp.set_defaults(func=func)
        return sp

    formats = ["txt", "docx", "pdf", "html", "xml", "json"]
    sp = add("parse", cmd_parse, "een vragenset of beantwoorde set ontleden en als JSON tonen (slaat niets op)")
    sp.add_argument("file", metavar="FILE", help="bestand, of - voor standaardinvoer")
    sp.add_argument("--format", choices=formats, help="formaat afdwingen (anders herkend aan de inhoud)")

    sp = add("import", cmd_import, "vragensets ontleden en opslaan (.jsonl: één set per regel)")
    sp.add_argument("files", metavar="FILE", nargs="+")
    sp.add_argument("--format", choices=formats)
    sp.add_argument("--update", action="store_true",
                    help="bestaand kenmerk bijwerken; concept-antwoorden blijven bewaard")

    sp = add("list", cmd_list, "de opgeslagen sets met status en termijn")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--all", action="store_true", help="ook het archief van eerdere sets")

    sp = add("show", cmd_show, "één set tonen (KEY = kenmerk of nummer)")
    sp.add_argument("key", metavar="KEY")
    sp.add_argument("--json", action="store_true")

    sp = add("answer", cmd_answer, "het concept-antwoord op vraag N zetten (N,M: één gecombineerd antwoord)")
    sp.add_argument("key", metavar="KEY")
    sp.add_argument("numbers", metavar="N[,M...]")
    src = sp.add_mutually_exclusive_group(required=True)
    src.add_argument("--text", metavar="T")
    src.add_argument("--file", metavar="F", help="bestand met het antwoord, of - voor standaardinvoer")

    sp = add("check", cmd_check, "controles vóór verzending (exit 1 bij fouten)")
    sp.add_argument("key", metavar="KEY")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--no-spelling", action="store_true", help="de spellingcontrole overslaan (sneller)")
    sp.add_argument("--english", action="store_true", help="bevindingen in het Engels")

    sp = add("status", cmd_status, "de status van een set tonen of wijzigen (gedateerd), of een vraag toewijzen")
    sp.add_argument("key", metavar="KEY")
    sp.add_argument("status", metavar="STATUS", nargs="?",
                    help="nieuw, 'in behandeling', 'ter goedkeuring', 'uitstel gemeld' of verzonden")
    sp.add_argument("--on", metavar="DATUM", help="datum van de wijziging (JJJJ-MM-DD), standaard vandaag")
    sp.add_argument("--note", metavar="TEKST", help="toelichting bij de wijziging")
    sp.add_argument("--question", metavar="N", type=int, help="met --assign: de vraag")
    sp.add_argument("--assign", metavar="NAAM", help="met --question: wie de vraag behandelt ('' om te wissen)")

    sp = add("export", cmd_export, "aanbiedingsbrief en antwoorden (of uitstelbericht) als .docx schrijven")
    sp.add_argument("key", metavar="KEY")
    sp.add_argument("--out", metavar="DIR", required=True)
    sp.add_argument("--profile", metavar="P", help="huisstijlprofiel (naam of pad naar .toml)")
    sp.add_argument("--pdf", action="store_true", help="ook als PDF (via LibreOffice of Word)")
    sp.add_argument("--delay-notice", action="store_true", help="het uitstelbericht schrijven")
    sp.add_argument("--reason", metavar="TEXT", help="met --delay-notice: de reden van het uitstel")
    sp.add_argument("--answerer", metavar="TITLE", action="append",
                    help="wie antwoordt (bv. 'minister van Financiën'); tweemaal voor twee bewindspersonen")
    sp.add_argument("--force", action="store_true", help="ook exporteren als de controles fouten vinden")

    sp = add("fetch-references", cmd_fetch_references, "de verwezen artikelen en documenten ophalen en bewaren")
    sp.add_argument("key", metavar="KEY")

    sp = add("backup", cmd_backup, "nu een back-up van de database maken (SQLite)")
    sp.add_argument("--list", action="store_true", help="de bestaande back-ups tonen, nieuwste eerst")

    sp = add("restore", cmd_restore, "een back-up terugzetten (standaard de nieuwste); het huidige bestand "
             "blijft ernaast bewaard")
    sp.add_argument("backup", metavar="BACKUP", nargs="?", help="pad of bestandsnaam van de back-up")

    sp = add("sync", cmd_sync, "het archief bijwerken uit de open data van de Tweede Kamer en officielebekendmakingen")
    sp.add_argument("--since", metavar="DATUM", help="vanaf (JJJJ-MM-DD)")
    sp.add_argument("--until", metavar="DATUM", help="tot en met (JJJJ-MM-DD)")
    sp.add_argument("--ministry", metavar="TEKST", help="alleen vragen aan dit ministerie")
    sp.add_argument("--odata-base", metavar="URL", help="adres van de OData-dienst (of een lokale spiegel)")
    sp.add_argument("--sru-base", metavar="URL", help="adres van de SRU-dienst (of een lokale spiegel)")

    sp = add("search", cmd_search, "zoeken in alle vragen en antwoorden")
    sp.add_argument("query", metavar="QUERY")
    sp.add_argument("--limit", type=int, default=20, metavar="N")
    sp.add_argument("--json", action="store_true")

    return p


# ---------------------------------------------------------------------------- main


def _user_errors() -> tuple[type[BaseException], ...]:
    """Exception types whose message is meant for the user (imported lazily, only if loaded)."""
    from kvdesk.services.sets import UserError
    from kvdesk.storage.errors import Conflict, DatabaseError, NotFound

    types: list[type[BaseException]] = [CliError, UserError, DatabaseError, NotFound, Conflict]
    for module, name in (
        ("kvdesk.core.parsing.errors", "ParseError"),
        ("kvdesk.storage.lock", "LockedError"),
        ("kvdesk.export.errors", "ExportError"),
    ):
        mod = sys.modules.get(module)
        if mod is not None and hasattr(mod, name):
            types.append(getattr(mod, name))
    return tuple(types)


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
    except CliError as exc:
        _err(f"kvdesk: {exc}")
        return exc.status

    from kvdesk.services.context import Context
    from kvdesk.services.logs import setup_logging

    contexts: list[Any] = []

    def ctx_factory() -> Any:
        if not contexts:
            ctx = Context.create(args.data_dir, args.database)
            setup_logging(ctx.logs_dir, debug=args.debug, to_stderr=args.debug)
            contexts.append(ctx)
            if args.command in WRITING_COMMANDS:
                ctx.hold_lock()
        return contexts[0]

    if args.data_dir:
        os.environ["KVDESK_DATA_DIR"] = args.data_dir
    if args.database:
        os.environ["KVDESK_DATABASE_URL"] = args.database

    try:
        if args.command is None:
            from kvdesk.app import run_app

            return run_app(args)
        return int(args.func(ctx_factory, args))
    except KeyboardInterrupt:
        _err("kvdesk: afgebroken.")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last line of defence: one line, never a traceback
        if isinstance(exc, _user_errors()):
            _err(f"kvdesk: {exc}")
            return getattr(exc, "status", EXIT_USAGE)
        log.exception("unexpected error in %s", args.command)
        where = ""
        if contexts:
            where = f" Details staan in het logbestand in {contexts[0].logs_dir}."
        _err(f"kvdesk: interne fout: {type(exc).__name__}: {exc}.{where}")
        return 3
    finally:
        for ctx in contexts:
            ctx.close()
