"""``kvdesk export``: run the pre-send checks, then write the letters (or the delay notice)."""
from __future__ import annotations

import argparse
import logging
from collections.abc import Callable
from pathlib import Path

from kvdesk.services.context import Context
from kvdesk.services.sets import UserError

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_BLOCKED = 1


def export_cli(ctx: Context, args: argparse.Namespace, *, out: Callable[[str], None]) -> int:
    """Write the reply letters (or with ``--delay-notice`` the uitstelbericht); prints the paths.

    Error-level findings of the checks block the reply (exit 1, one line per finding) unless
    ``--force`` is given; an override is recorded with who and when.
    """
    from kvdesk.services import exporting

    repo = ctx.repo
    qs = repo.get_set(args.key)
    out_dir = Path(args.out)
    if args.delay_notice:
        reason = (args.reason or "").strip()
        if not reason:
            raise UserError("Een uitstelbericht vraagt een reden: geef die op met --reason \"…\".")
        paths = exporting.export_delay_notice(
            qs, out_dir, reason, profile=args.profile, pdf=args.pdf, answerer=_answerer(args)
        )
    else:
        if args.reason:
            raise UserError("--reason hoort bij --delay-notice.")
        from kvdesk.services.checking import format_findings, run_checks

        report = run_checks(qs)
        if report.has_errors:
            if not args.force:
                for line in format_findings(report.errors):
                    out(line)
                raise UserError(
                    f"Exporteren geblokkeerd: de controles vinden {len(report.errors)} fout(en). "
                    "Los ze op (kvdesk check) of exporteer toch met --force.",
                    status=EXIT_BLOCKED,
                )
            assert qs.id is not None
            errors = [f for f in report.to_json() if f.get("level") == "error"]
            repo.record_override(qs.id, errors, author=ctx.author)
            log.warning("export of %s despite %d error(s), by %s", qs.key, len(report.errors), ctx.author)
        paths = exporting.export_reply(qs, out_dir, profile=args.profile, pdf=args.pdf, answerer=_answerer(args))
    for path in paths:
        out(str(path))
    return EXIT_OK


def _answerer(args: argparse.Namespace) -> list[str] | str | None:
    chosen = [a for a in (args.answerer or []) if a.strip()]
    if not chosen:
        return None
    return chosen[0] if len(chosen) == 1 else chosen[:2]
