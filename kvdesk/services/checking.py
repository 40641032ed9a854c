"""The pre-send checks as the command line, the check panel and the export run them.

:func:`run_checks` runs every check of :mod:`kvdesk.core.checks` on a set (spelling with the
shared Dutch spell checker) and returns a :class:`CheckReport`; :func:`format_findings` gives one
line per finding, Dutch by default; :meth:`CheckReport.to_json` is what ``check --json`` prints.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kvdesk.core.checks import CheckSettings, Finding, Speller, run_all
from kvdesk.core.model import QuestionSet

__all__ = [
    "CheckReport",
    "CheckSettings",
    "Finding",
    "run_checks",
    "format_finding",
    "format_findings",
    "summary_line",
    "check_set_cli",
]

log = logging.getLogger(__name__)

_LEVEL_LABELS = {"nl": {"error": "fout", "warning": "waarschuwing"}, "en": {"error": "error", "warning": "warning"}}


@dataclass
class CheckReport:
    """The findings for one set; ``skipped`` names checks that could not run, and why."""

    key: str
    findings: list[Finding] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    @property
    def has_errors(self) -> bool:
        """Whether export is blocked (unless the user overrides)."""
        return any(f.is_error for f in self.findings)

    @property
    def exit_status(self) -> int:
        """1 when an error-level finding exists, else 0 (warnings alone do not count)."""
        return 1 if self.has_errors else 0

    def to_json(self, language: str = "nl") -> list[dict[str, Any]]:
        """The findings as ``[{level, code, questions, message}, …]``."""
        return [f.to_json(language) for f in self.findings]


def _default_speller(skipped: list[str]) -> Speller | None:
    from kvdesk.core.spelling import DictionaryUnavailable, default_checker

    checker = default_checker()
    try:
        checker.load()
    except DictionaryUnavailable as exc:
        log.warning("spelling check skipped: %s", exc)
        skipped.append(f"spelling: {exc}")
        return None
    return checker


def run_checks(
    qs: QuestionSet,
    settings: CheckSettings | None = None,
    *,
    speller: Speller | None = None,
    today: dt.date | None = None,
) -> CheckReport:
    """Run every pre-send check on ``qs``.

    Spelling uses ``speller`` or else the application's shared Dutch checker (loading it the
    first time takes a few seconds); when the dictionary is missing the spelling check is
    skipped and the report says so. ``today`` is for the future-date check (default: today).
    """
    settings = settings or CheckSettings()
    report = CheckReport(key=qs.key)
    if settings.spelling and speller is None:
        speller = _default_speller(report.skipped)
    report.findings = run_all(qs, settings, speller=speller, today=today)
    return report


def _where(finding: Finding, language: str) -> str:
    numbers = list(finding.questions)
    if not numbers:
        return "vragenset" if language == "nl" else "question set"
    items = [str(n) for n in numbers]
    if len(items) == 1:
        return ("vraag " if language == "nl" else "question ") + items[0]
    joined = ", ".join(items[:-1]) + (" en " if language == "nl" else " and ") + items[-1]
    return ("vragen " if language == "nl" else "questions ") + joined


def format_finding(finding: Finding, language: str = "nl") -> str:
    """One line: level, where (``vraag 3``, ``vragen 4 en 5`` or ``vragenset``) and the reason."""
    lang = "en" if language.startswith("en") else "nl"
    level = _LEVEL_LABELS[lang].get(finding.level, finding.level)
    return f"{level:<12} {_where(finding, lang):<14} {finding.message(lang)}"


def format_findings(findings: Sequence[Finding] | CheckReport, language: str = "nl") -> list[str]:
    """One line per finding (see :func:`format_finding`)."""
    items = findings.findings if isinstance(findings, CheckReport) else findings
    return [format_finding(f, language) for f in items]


def summary_line(report: CheckReport, language: str = "nl") -> str:
    """"2 fouten, 1 waarschuwing" — or that the set is ready."""
    errors, warnings = len(report.errors), len(report.warnings)
    if language.startswith("en"):
        if not errors and not warnings:
            return "No findings: ready to send."
        text = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
        return text + (" — export is blocked." if errors else " — ready to send.")
    if not errors and not warnings:
        return "Geen bevindingen: klaar om te verzenden."
    text = f"{errors} fout{'en' if errors != 1 else ''}, {warnings} waarschuwing{'en' if warnings != 1 else ''}"
    return text + (" — exporteren is geblokkeerd." if errors else " — klaar om te verzenden.")


def check_set_cli(
    ctx: Any,
    key: str,
    *,
    as_json: bool = False,
    out: Callable[[str], None] = print,
    settings: CheckSettings | None = None,
    language: str = "nl",
) -> int:
    """``kvdesk check KEY [--json]``: print the findings; returns 1 when there is an error.

    ``ctx`` is the services context (its repository finds the set; an unknown key raises the
    repository's not-found error, which the command line reports).
    """
    import json

    qs = ctx.repo.get_set(key)
    data_dir = getattr(ctx, "data_dir", None)
    if (settings is None or settings.spelling) and data_dir is not None:
        from kvdesk.core.spelling import PERSONAL_WORDS_FILENAME, default_checker

        # The words the user taught the app's spell checker count here too.
        default_checker(Path(data_dir) / PERSONAL_WORDS_FILENAME)
    report = run_checks(qs, settings)
    if as_json:
        out(json.dumps(report.to_json(language), ensure_ascii=False, indent=2))
        return report.exit_status
    for line in format_findings(report, language):
        out(line)
    for note in report.skipped:
        out(("niet uitgevoerd: " if language == "nl" else "not run: ") + note)
    out(summary_line(report, language))
    return report.exit_status
