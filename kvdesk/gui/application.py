"""Start the desktop application: Qt, settings, logging, the database, recovery, the window.

``main(args)`` is called by :func:`kvdesk.app.run_app`. With ``--screenshot PNG [--set KEY]``
it renders the main window off screen to a PNG and exits.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from kvdesk import __version__
from kvdesk.gui import settings as S
from kvdesk.gui.errors import ExceptionHook
from kvdesk.gui.mainwindow import MainWindow
from kvdesk.gui.operations import Executor
from kvdesk.gui.spellcheck import SpellService
from kvdesk.services import drafting
from kvdesk.services.context import Context
from kvdesk.services.logs import setup_logging

log = logging.getLogger(__name__)

DEMO_FILENAME = "2025-12-31_slimme-meters.txt"


def resources_dir() -> Path:
    """``resources/`` of the installation (or of a frozen bundle)."""
    bundle = getattr(sys, "_MEIPASS", None)
    return (Path(bundle) if bundle else Path(__file__).resolve().parents[2]) / "resources"


def demo_path() -> Path:
    return resources_dir() / "demo" / DEMO_FILENAME


def load_demo_if_empty(ctx: Context) -> str | None:
    """Import the demo set into an empty database (first start); returns its key, or ``None``.

    Uses the parser of :mod:`kvdesk.services.importing`; without it, or without the file,
    nothing is loaded and the reason is logged.
    """
    if ctx.repo.count_sets() > 0:
        return None
    path = demo_path()
    if not path.is_file():
        log.warning("demo set not found at %s", path)
        return None
    try:
        from kvdesk.services.importing import parse_file
        from kvdesk.services.sets import store_parsed
    except ImportError as exc:
        log.info("the demo set waits for the parser: %s", exc)
        return None
    try:
        qs = parse_file(str(path))
        result = store_parsed(ctx, qs)
    except Exception:
        log.exception("loading the demo set failed")
        return None
    log.info("demo set %s loaded (%d questions)", result.key, result.question_count)
    return result.key


def install_translator(app: QApplication, language: str) -> list[QTranslator]:
    """English when chosen in the settings; Dutch is the source language and needs no file."""
    installed: list[QTranslator] = []
    if language != "en":
        QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
        qt = QTranslator(app)
        if qt.load(QLocale(QLocale.Language.Dutch), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            installed.append(qt)
        return installed
    own = QTranslator(app)
    path = resources_dir() / "i18n" / "kvdesk_en.qm"
    if own.load(str(path)):
        app.installTranslator(own)
        installed.append(own)
    else:
        log.warning("English translation not found at %s", path)
    return installed


@dataclass
class Started:
    """What :func:`build` made: for the window's run, a screenshot or a test."""

    app: QApplication
    ctx: Context
    settings: S.Settings
    window: MainWindow
    executor: Executor
    recovered: list[drafting.Recovered]
    log_path: Path | None
    hook: ExceptionHook


def build(
    args: argparse.Namespace,
    *,
    executor: Executor | None = None,
    settings_path: Path | None = None,
    spell: bool = True,
    show_errors: bool = True,
) -> Started:
    """Everything up to a filled main window (not shown). Raises the storage layer's errors."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("kvdesk")
    app.setOrganizationName("kvdesk")
    app.setApplicationVersion(__version__)
    ctx = Context.create(getattr(args, "data_dir", None), getattr(args, "database", None))
    debug = bool(getattr(args, "debug", False))
    log_path = setup_logging(ctx.logs_dir, debug=debug, to_stderr=debug)
    hook = ExceptionHook(log_path, show=show_errors)
    hook.install()
    settings = S.Settings(settings_path)
    install_translator(app, settings.get(S.LANGUAGE))
    read_only = _hold_lock(ctx, interactive=show_errors)
    restored = _check_database(ctx, interactive=show_errors and not read_only)
    journal = drafting.Journal.in_folder(ctx.data_dir)
    # Read-only: the journal and the demo are the writing instance's business.
    recovered = [] if read_only else drafting.recover_journal(ctx, journal)
    if not read_only:
        load_demo_if_empty(ctx)
    executor = executor or Executor(app)
    service = None
    if spell:
        service = SpellService.for_data_dir(ctx.data_dir, app, enabled=settings.get(S.SPELLCHECK))
        if settings.get(S.SPELLCHECK):
            # Reading the dictionary takes seconds of Python work; start it once the window is up.
            QTimer.singleShot(1500, service.start)
    window = MainWindow(ctx, settings, executor, journal, spell=service, log_path=log_path, read_only=read_only)
    window.start()
    if recovered:
        window.statusBar().showMessage(drafting.journal_summary(recovered), 15000)
    elif restored:
        window.statusBar().showMessage(restored, 15000)
    return Started(app, ctx, settings, window, executor, recovered, log_path, hook)


class StartDeclined(Exception):
    """The user chose not to start (another instance holds the database, or it is damaged)."""


def _hold_lock(ctx: Context, *, interactive: bool = False) -> bool:
    """Take the database's write lock; returns whether kvdesk runs read-only.

    When another kvdesk holds it, an interactive start asks (naming who, where and since when)
    whether to open read-only or quit; otherwise the :class:`LockedError` is raised.
    """
    from kvdesk.storage.lock import LockedError

    try:
        ctx.hold_lock()
    except LockedError as exc:
        if not interactive:
            raise
        if not ask_when_locked(exc):
            raise StartDeclined(str(exc)) from exc
        log.warning("opened read-only: %s", exc)
        return True
    return False


class LockedBox(QMessageBox):
    """The question when another kvdesk holds the database: read-only, or quit."""

    def __init__(self, exc: Exception) -> None:
        super().__init__()
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("kvdesk is al geopend"))
        self.setText(str(exc))
        self.setInformativeText(self.tr("Wilt u de vragensets alleen bekijken, of kvdesk afsluiten?"))
        self.read_only_button = self.addButton(self.tr("Alleen lezen openen"), QMessageBox.ButtonRole.AcceptRole)
        self.quit_button = self.addButton(self.tr("Afsluiten"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.quit_button)


def ask_when_locked(exc: Exception) -> bool:
    """``True`` when the user opens read-only, ``False`` to quit."""
    box = LockedBox(exc)
    box.exec()
    return box.clickedButton() is box.read_only_button


def _check_database(ctx: Context, *, interactive: bool = False) -> str | None:
    """Open the database; a damaged one gets the offer to restore the newest backup.

    Returns a line for the status bar when a backup was restored. On refusal or failure the
    lock is given up (``ctx.close()``) and the error raised.
    """
    from kvdesk.storage.backup import BackupError
    from kvdesk.storage.errors import DatabaseDamaged, DatabaseError

    try:
        ctx.db  # noqa: B018 - opening runs quick_check, migrations and the daily/weekly backups
        return None
    except DatabaseDamaged as exc:
        if not interactive or not ask_restore(exc):
            ctx.close()
            raise
        try:
            result = ctx.restore_backup()
            ctx.db  # noqa: B018 - the restored file is checked like any other
        except (BackupError, DatabaseError) as err:
            ctx.close()
            raise StartDeclined(str(err)) from err
        log.warning("restored %s after damage: %s", result.backup.path, exc)
        return QCoreApplication.translate("main", "De database was beschadigd; de nieuwste back-up is teruggezet.")
    except DatabaseError:
        ctx.close()
        raise


def ask_restore(exc: Exception) -> bool:
    """Whether to put the newest backup in place of a damaged database."""
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("main", "Database beschadigd"))
    box.setText(str(exc))
    box.setInformativeText(QCoreApplication.translate(
        "main", "De nieuwste back-up terugzetten? Het beschadigde bestand blijft ernaast bewaard."))
    restore = box.addButton(QCoreApplication.translate("main", "Back-up terugzetten"),
                            QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("main", "Afsluiten"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is restore


def screenshot(started: Started, target: Path, key: str | None) -> int:
    """Render the window off screen to ``target`` (PNG)."""
    window = started.window
    if key:
        set_id = started.ctx.repo.resolve(key)
        window.open_set(set_id)
    window.resize(1440, 880)
    window.show()
    window.workspace.build_all()
    # Let layout, fonts and the spelling worker settle before the picture is taken.
    loop_ms = 1200 if window.spell is not None else 300
    QTimer.singleShot(loop_ms, started.app.quit)
    started.app.exec()
    target.parent.mkdir(parents=True, exist_ok=True)
    ok = window.grab().save(str(target), "PNG")
    window.close()
    if not ok:
        sys.stderr.write(f"kvdesk: de schermafbeelding kon niet worden geschreven naar {target}.\n")
        return 2
    sys.stdout.write(f"{target}\n")
    return 0


def main(args: argparse.Namespace) -> int:
    """Run the application; returns the exit status."""
    shot = getattr(args, "screenshot", None)
    if shot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kvdesk.storage.database import DatabaseError

    try:
        started = build(args, show_errors=not shot)
    except StartDeclined as exc:
        # The user has seen the question and chose to stop: one line for the log, no second box.
        log.info("start declined: %s", exc)
        return 2
    except DatabaseError as exc:
        # Damaged database or another instance: one clear message, never a traceback.
        if shot or QApplication.instance() is None:
            sys.stderr.write(f"kvdesk: {exc}\n")
            return 2
        QMessageBox.critical(None, QCoreApplication.translate("main", "kvdesk kan niet starten"), str(exc))
        return 2
    try:
        if shot:
            return screenshot(started, Path(shot), getattr(args, "screenshot_set", None))
        started.window.show()
        return int(started.app.exec())
    finally:
        # Closing (again) is harmless and lets the panels' background work finish before exit.
        started.window.close()
        started.executor.shutdown()
        started.hook.uninstall()
        started.ctx.close()
