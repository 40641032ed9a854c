"""Start the desktop application: Qt, settings, logging, the database, recovery, the window.

``main(args)`` is called by :func:`kvdesk.app.run_app`. With ``--screenshot PNG [--set KEY]``
it renders the main window off screen to a PNG and exits.

Start-up order (interactive): Qt, settings, logging and the database lock first, then at once
a start window in the main window's place showing that the sets are loading
(:class:`StartWindow`). Only when it has been painted are the main window's modules imported
(SQLAlchemy among them, most of a second), the database opened (``quick_check``, migrations,
backups), the crash journal recovered and the demo imported; then the main window takes the
start window's place and fills its set list on the next turn of the event loop. :func:`build`
does the same steps in one go, for ``--screenshot``, ``--smoke`` and the tests.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from kvdesk import __version__
from kvdesk.gui import settings as S

if TYPE_CHECKING:
    from kvdesk.gui.errors import ExceptionHook

    # The main window's modules import SQLAlchemy and every panel: not before the first window.
    from kvdesk.gui.mainwindow import MainWindow
    from kvdesk.gui.operations import Executor
    from kvdesk.services import drafting
    from kvdesk.services.context import Context

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
    # The status bar's first line: what the journal recovered, or that a backup was restored.
    notice: str | None = None


@dataclass
class Prepared:
    """What exists before the first window: Qt, the data folder, logging, settings, the lock."""

    app: QApplication
    ctx: Context
    settings: S.Settings
    log_path: Path | None
    hook: ExceptionHook
    read_only: bool
    show_errors: bool
    timings: dict[str, float] = field(default_factory=dict)


# How long a Python thread may hold the GIL while another waits for it (Python's default: 5 ms).
# Every call from Qt into Python on the GUI thread (a key press reaches several) needs the GIL;
# while the spelling worker or the writer thread runs Python, each such call could wait a full
# interval, which added up to 30-80 ms for one keystroke. 1 ms keeps a keystroke inside a frame.
GIL_SWITCH_INTERVAL_S = 0.001


def qt_application() -> QApplication:
    """The one ``QApplication``, named (made now if there is none yet)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("kvdesk")
    app.setOrganizationName("kvdesk")
    app.setApplicationVersion(__version__)
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
    return app


def freeze_startup_objects() -> None:
    """Keep what start-up made out of the garbage collector's full passes.

    Modules, Qt wrappers, the database layer and the dictionary live as long as the process;
    a full collection walks all of them (100-200 ms on this machine), on the GUI thread,
    whenever enough new objects have piled up, which may be in the middle of typing.
    ``gc.freeze`` moves them to the permanent generation (no collection now, so this is
    instant); what is made later is collected as usual.
    """
    import gc

    gc.freeze()
    log.debug("%d objects frozen out of garbage collection", gc.get_freeze_count())


def _open_log(args: argparse.Namespace, show_errors: bool) -> tuple[Context, Path | None, ExceptionHook]:
    """The data folder, the rotating log file in it and the exception hook that names it."""
    from kvdesk.gui.errors import ExceptionHook
    from kvdesk.services.context import Context
    from kvdesk.services.logs import setup_logging

    ctx = Context.create(getattr(args, "data_dir", None), getattr(args, "database", None))
    debug = bool(getattr(args, "debug", False))
    log_path = setup_logging(ctx.logs_dir, debug=debug, to_stderr=debug)
    hook = ExceptionHook(log_path, show=show_errors)
    hook.install()
    return ctx, log_path, hook


def prepare(args: argparse.Namespace, *, settings_path: Path | None = None, show_errors: bool = True) -> Prepared:
    """The quick part of starting (no SQLAlchemy, no database yet): up to holding the lock.

    Raises :class:`StartDeclined` or the lock's :class:`~kvdesk.storage.lock.LockedError`.
    """
    app = qt_application()
    ctx, log_path, hook = _open_log(args, show_errors)
    settings = S.Settings(settings_path)
    install_translator(app, settings.get(S.LANGUAGE))
    read_only = _hold_lock(ctx, interactive=show_errors)
    return Prepared(app, ctx, settings, log_path, hook, read_only, show_errors)


def complete(prepared: Prepared, *, executor: Executor | None = None, spell: bool = True) -> Started:
    """The rest: the database opened and checked, the journal recovered, the demo, the main window.

    The window is made but neither shown nor filled (:meth:`MainWindow.start`); see
    :func:`fill`. Raises the storage layer's errors and :class:`StartDeclined`.
    """
    from kvdesk.gui.mainwindow import MainWindow
    from kvdesk.gui.operations import Executor
    from kvdesk.gui.spellcheck import SpellService
    from kvdesk.services import drafting

    app, ctx, settings, read_only = prepared.app, prepared.ctx, prepared.settings, prepared.read_only
    restored = _check_database(ctx, interactive=prepared.show_errors and not read_only)
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
    window = MainWindow(ctx, settings, executor, journal, spell=service, log_path=prepared.log_path,
                        read_only=read_only)
    notice = drafting.journal_summary(recovered) if recovered else restored
    return Started(app, ctx, settings, window, executor, recovered, prepared.log_path, prepared.hook, notice)


def fill(started: Started) -> None:
    """Fill the main window: the set list, the last set, the status bar's first line."""
    started.window.start()
    if started.notice:
        started.window.statusBar().showMessage(started.notice, 15000)


def build(
    args: argparse.Namespace,
    *,
    executor: Executor | None = None,
    settings_path: Path | None = None,
    spell: bool = True,
    show_errors: bool = True,
) -> Started:
    """Everything up to a filled main window (not shown). Raises the storage layer's errors."""
    prepared = prepare(args, settings_path=settings_path, show_errors=show_errors)
    started = complete(prepared, executor=executor, spell=spell)
    fill(started)
    return started


class StartWindow(QMainWindow):
    """The first window, in the main window's place, while the rest of kvdesk starts.

    It shows the set list's loading state. ``painted`` is emitted once it has been drawn, so
    the slow part of starting begins only when the user sees that kvdesk is coming.
    """

    painted = Signal()

    def __init__(self, settings: S.Settings) -> None:
        super().__init__()
        self._painted = False
        # ``time.perf_counter()`` when it was first painted (for the start-up log and benchmark).
        self.painted_at: float | None = None
        self.setWindowTitle("kvdesk")
        self.setAccessibleName(self.tr("kvdesk wordt gestart"))
        self.setStyleSheet("QMainWindow { background: #f6f7f9; } "
                           "#startSets { background: white; border-right: 1px solid #dde1e6; } "
                           "QLabel { color: #52606d; }")
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        sets = QWidget()
        sets.setObjectName("startSets")
        sets.setFixedWidth(380)
        column = QVBoxLayout(sets)
        column.setContentsMargins(16, 16, 16, 16)
        self.loading = QLabel(self.tr("Vragensets laden…"))
        self.loading.setAccessibleName(self.tr("Vragensets laden"))
        column.addWidget(self.loading)
        column.addStretch(1)
        row.addWidget(sets)
        # Centred by stretches: the first use of PySide6's ``Qt`` namespace costs some 40 ms,
        # which the first window need not wait for.
        row.addStretch(1)
        row.addWidget(QLabel(self.tr("kvdesk wordt gestart…")))
        row.addStretch(1)
        self.setCentralWidget(body)
        self.statusBar().showMessage(self.tr("Database openen…"))
        self.resize(1440, 880)
        geometry = settings.layout("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt override
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted_at = time.perf_counter()
            # After this paint has reached the screen: the next turn of the event loop.
            QTimer.singleShot(0, self.painted.emit)


def start_shown(
    args: argparse.Namespace,
    on_started: Callable[[Started], None],
    on_failed: Callable[[BaseException], None],
    *,
    settings_path: Path | None = None,
    show_errors: bool = True,
    executor: Executor | None = None,
    spell: bool = True,
) -> StartWindow:
    """Show the start window now; once it is painted, do the rest and show the main window.

    Before the start window: only Qt, the settings and the translation. After it is painted:
    the log, the lock (:func:`prepare`'s steps), then :func:`complete`. ``on_started`` gets the
    :class:`Started` when the main window is shown (it is filled on the next turn of the
    event loop); ``on_failed`` gets what was raised (:class:`StartDeclined`, the lock's or the
    database's errors). The start window closes either way.
    """
    app = qt_application()
    settings = S.Settings(settings_path)
    install_translator(app, settings.get(S.LANGUAGE))
    first = StartWindow(settings)
    done = False

    def go_on() -> None:
        nonlocal done
        if done:
            return
        done = True
        try:
            ctx, log_path, hook = _open_log(args, show_errors)
            read_only = _hold_lock(ctx, interactive=show_errors)
            prepared = Prepared(app, ctx, settings, log_path, hook, read_only, show_errors)
            started = complete(prepared, executor=executor, spell=spell)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller, who tells the user
            first.close()
            first.deleteLater()
            on_failed(exc)
            return
        window = started.window
        if settings.layout("main/geometry") is None:
            window.setGeometry(first.geometry())  # first start: exactly where the start window is
        window.statusBar().showMessage(window.tr("Vragensets laden…"))
        window.show()
        if first.painted_at is not None:
            log.info("main window shown %.0f ms after the start window", (time.perf_counter() - first.painted_at) * 1000)
        first.close()
        first.deleteLater()
        on_started(started)
        QTimer.singleShot(0, lambda: _fill_quietly(started))

    first.painted.connect(go_on)
    # A platform that never paints a hidden or minimised window must not keep kvdesk waiting.
    QTimer.singleShot(1000, go_on)
    first.show()
    return first


def _fill_quietly(started: Started) -> None:
    started.window.statusBar().clearMessage()
    fill(started)
    freeze_startup_objects()
    spell = started.window.spell
    if spell is not None:
        # The dictionary arrives seconds later: its tables are start-up objects too.
        spell.ready_changed.connect(lambda ready: freeze_startup_objects() if ready else None)


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
    from kvdesk.storage.errors import DatabaseError

    def refused(exc: BaseException) -> int:
        if isinstance(exc, StartDeclined):
            # The user has seen the question and chose to stop: one line for the log, no second box.
            log.info("start declined: %s", exc)
            return 2
        if not isinstance(exc, DatabaseError):
            raise exc
        # Damaged database or another instance: one clear message, never a traceback.
        if shot or QApplication.instance() is None:
            sys.stderr.write(f"kvdesk: {exc}\n")
            return 2
        QMessageBox.critical(None, QCoreApplication.translate("main", "kvdesk kan niet starten"), str(exc))
        return 2

    if not shot:
        return _run_interactive(args, refused)
    try:
        started = build(args, show_errors=False)
    except (StartDeclined, DatabaseError) as exc:
        return refused(exc)
    try:
        return screenshot(started, Path(shot), getattr(args, "screenshot_set", None))
    finally:
        # Closing (again) is harmless and lets the panels' background work finish before exit.
        started.window.close()
        started.executor.shutdown()
        started.hook.uninstall()
        started.ctx.close()


def _run_interactive(args: argparse.Namespace, refused: Callable[[BaseException], int]) -> int:
    """The start window at once, then the main window; the event loop until the user quits."""
    box: dict[str, Started] = {}
    failure: list[int] = []
    app = qt_application()

    def failed(exc: BaseException) -> None:
        try:
            failure.append(refused(exc))
        except BaseException:
            failure.append(1)
            raise  # not a user error: the exception hook shows it with the log's path
        finally:
            app.exit(failure[-1])

    start_shown(args, lambda started: box.__setitem__("started", started), failed)
    status = int(app.exec())
    started = box.get("started")
    if started is None:
        return failure[0] if failure else status
    try:
        return status
    finally:
        # Closing (again) is harmless and lets the panels' background work finish before exit.
        started.window.close()
        started.executor.shutdown()
        started.hook.uninstall()
        started.ctx.close()
