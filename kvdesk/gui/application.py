"""Start the desktop application: Qt, settings, logging, the database, recovery, the window.

``main(args)`` is called by :func:`kvdesk.app.run_app`. With ``--screenshot PNG [--set KEY]``
it renders the main window off screen to a PNG and exits.

Start-up order (interactive, :func:`start_shown`): Qt, the settings and the translation, then at
once the main window's frame (:class:`~kvdesk.gui.mainwindow.MainWindow` before
:meth:`~kvdesk.gui.mainwindow.MainWindow.attach`: menus, toolbar, the three columns showing that
the sets are loading). Once it has been painted: the log and the database lock on the GUI thread
(a question if another kvdesk holds it), then on a worker thread the database is opened
(SQLAlchemy's import, ``quick_check``, migrations, backups), the crash journal recovered, the demo
imported and the panels' modules imported, while the window stays responsive. Back on the GUI
thread the panels are put in place and the set list is filled on the next turn of the event loop.
A damaged database is reported back to the GUI thread, which offers the newest backup.
:func:`build` does the same steps in one go, for ``--screenshot``, ``--smoke`` and the tests.
"""
from __future__ import annotations

import argparse
import dataclasses
import importlib
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

# Only what the main window's frame needs: each PySide6 class is made on its first use (its enums
# with it, QLocale's hundreds of languages among them), and the frame is on screen before the rest.
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from kvdesk import __version__
from kvdesk.gui import settings as S

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

    from kvdesk.gui.errors import ExceptionHook
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


def install_translator(app: QApplication, language: str, *, qt_strings: bool = True) -> list[QTranslator]:
    """English when chosen in the settings; Dutch is the source language and needs no file.

    For Dutch, Qt's own strings (buttons of standard dialogs, context menus) and the Dutch
    locale come from :func:`install_qt_dutch`, unless ``qt_strings`` is off: the interactive
    start installs them after the main window's first paint.
    """
    from PySide6.QtCore import QTranslator

    if language != "en":
        return install_qt_dutch(app) if qt_strings else []
    installed: list[QTranslator] = []
    own = QTranslator(app)
    path = resources_dir() / "i18n" / "kvdesk_en.qm"
    if own.load(str(path)):
        app.installTranslator(own)
        installed.append(own)
    else:
        log.warning("English translation not found at %s", path)
    return installed


def install_qt_dutch(app: QApplication) -> list[QTranslator]:
    """The Dutch locale, and Qt's own strings in Dutch where Qt ships them."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    qt = QTranslator(app)
    if qt.load(QLocale(QLocale.Language.Dutch), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        return [qt]
    return []


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


@dataclass
class Opened:
    """The database open and checked, the journal recovered (:func:`open_data`)."""

    journal: drafting.Journal
    recovered: list[drafting.Recovered]
    # A line for the status bar when a damaged database was replaced by its newest backup.
    restored: str | None = None


def open_data(prepared: Prepared) -> Opened:
    """Open and check the database, recover the crash journal, load the demo into an empty one.

    May run on a worker thread as long as it cannot ask anything (``show_errors`` off, or a
    healthy database): a damaged database is offered to be restored from its newest backup
    only when ``show_errors`` is on. Raises the storage layer's errors and
    :class:`StartDeclined`.
    """
    from kvdesk.services import drafting

    ctx, read_only = prepared.ctx, prepared.read_only
    restored = _check_database(ctx, interactive=prepared.show_errors and not read_only)
    journal = drafting.Journal.in_folder(ctx.data_dir)
    # Read-only: the journal and the demo are the writing instance's business.
    recovered = [] if read_only else drafting.recover_journal(ctx, journal)
    if not read_only:
        load_demo_if_empty(ctx)
    return Opened(journal, recovered, restored)


def finish(prepared: Prepared, opened: Opened, *, window: MainWindow | None = None,
           executor: Executor | None = None, spell: bool = True) -> Started:
    """Attach the main window (made now if not given) to the opened database; not yet filled."""
    from kvdesk.gui.mainwindow import MainWindow
    from kvdesk.gui.operations import Executor
    from kvdesk.gui.spellcheck import SpellService
    from kvdesk.services import drafting

    app, ctx, settings = prepared.app, prepared.ctx, prepared.settings
    executor = executor or Executor(app)
    service = None
    if spell:
        service = SpellService.for_data_dir(ctx.data_dir, app, enabled=settings.get(S.SPELLCHECK))
        if settings.get(S.SPELLCHECK):
            # Reading the dictionary takes seconds of Python work; start it once the window is up.
            QTimer.singleShot(1500, service.start)
    if window is None:
        window = MainWindow(settings, log_path=prepared.log_path)
    window.attach(ctx, executor, opened.journal, spell=service, read_only=prepared.read_only)
    notice = drafting.journal_summary(opened.recovered) if opened.recovered else opened.restored
    return Started(app, ctx, settings, window, executor, opened.recovered, prepared.log_path, prepared.hook, notice)


def complete(prepared: Prepared, *, executor: Executor | None = None, spell: bool = True) -> Started:
    """The rest in one go: :func:`open_data`, then :func:`finish` with a new main window."""
    return finish(prepared, open_data(prepared), executor=executor, spell=spell)


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


# The panels' modules, imported on the worker thread while the database opens, so that the GUI
# thread only has to build them (importing them on the GUI thread would freeze the window).
PANEL_MODULES = (
    "kvdesk.gui.operations", "kvdesk.gui.hub", "kvdesk.gui.setlist", "kvdesk.gui.checks_panel",
    "kvdesk.gui.search_panel", "kvdesk.gui.workspace", "kvdesk.gui.sources_panel", "kvdesk.gui.spellcheck",
    "kvdesk.services.references",
)


class Starting(QObject):
    """An interactive start under way (:func:`start_shown`): the window, then the rest.

    ``window`` is the main window, shown at once; ``prepared`` exists once the lock is held;
    ``worker`` is the thread that opens the database. :meth:`abandon` gives the lock back when
    the user closed the window before the start was done.
    """

    # The worker's result (an :class:`Opened` or what it raised), brought to the GUI thread.
    _opened = Signal(object)

    def __init__(
        self,
        args: argparse.Namespace,
        window: MainWindow,
        on_started: Callable[[Started], None],
        on_failed: Callable[[BaseException], None],
        *,
        show_errors: bool,
        executor: Executor | None,
        spell: bool,
    ) -> None:
        super().__init__(window)
        self.args = args
        self.window = window
        self.prepared: Prepared | None = None
        self.worker: threading.Thread | None = None
        self.started: Started | None = None
        self._on_started = on_started
        self._on_failed = on_failed
        self._show_errors = show_errors
        self._executor = executor
        self._spell = spell
        self._begun = False
        self._failed = False
        self._opened.connect(self._attach)
        window.painted.connect(self.go_on)
        # A platform that never paints a hidden or minimised window must not keep kvdesk waiting.
        QTimer.singleShot(1000, self.go_on)

    def go_on(self) -> None:
        """After the first paint: the log and the lock here, the database on a worker thread."""
        if self._begun:
            return
        self._begun = True
        app = qt_application()
        if self.window.settings.get(S.LANGUAGE) != "en":
            install_qt_dutch(app)  # before any dialog: the lock's question has Qt's buttons
        try:
            ctx, log_path, hook = _open_log(self.args, self._show_errors)
            self.window.log_path = log_path
            read_only = _hold_lock(ctx, interactive=self._show_errors)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller, who tells the user
            self._fail(exc)
            return
        self.prepared = Prepared(app, ctx, self.window.settings, log_path, hook, read_only, self._show_errors)
        # Nothing on the worker may ask the user: a damaged database comes back to this thread.
        quiet = dataclasses.replace(self.prepared, show_errors=False)

        def work() -> None:
            result: object
            try:
                result = open_data(quiet)
                for name in PANEL_MODULES:
                    importlib.import_module(name)
            except BaseException as exc:  # noqa: BLE001 - reported on the GUI thread
                result = exc
            self._opened.emit(result)

        self.worker = threading.Thread(target=work, name="kvdesk-start", daemon=True)
        self.worker.start()

    def _attach(self, result: object) -> None:
        prepared = self.prepared
        if prepared is None or self.window.closed:
            return  # closed while starting: abandon() gives the lock back
        try:
            if isinstance(result, BaseException):
                from kvdesk.storage.errors import DatabaseDamaged

                if not (isinstance(result, DatabaseDamaged) and self._show_errors):
                    raise result
                result = open_data(prepared)  # asks whether to restore the newest backup
            assert isinstance(result, Opened)
            started = finish(prepared, result, window=self.window, executor=self._executor, spell=self._spell)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller, who tells the user
            self._fail(exc)
            return
        self.started = started
        window = self.window
        window.statusBar().showMessage(window.tr("Vragensets laden…"))
        if window.painted_at is not None:
            log.info("main window ready %.0f ms after its first paint", (time.perf_counter() - window.painted_at) * 1000)
        self._on_started(started)
        QTimer.singleShot(0, lambda: _fill_quietly(started))

    def _fail(self, exc: BaseException) -> None:
        self._failed = True
        self.window.close()
        if self.prepared is not None:
            self.prepared.ctx.close()
        self._on_failed(exc)

    def abandon(self) -> None:
        """The window was closed before the start was done: wait for the worker, give the lock back."""
        if self.started is not None or self.prepared is None or self._failed:
            return
        if self.worker is not None:
            self.worker.join(timeout=60)
        self.prepared.ctx.close()
        self.prepared.hook.uninstall()


def start_shown(
    args: argparse.Namespace,
    on_started: Callable[[Started], None],
    on_failed: Callable[[BaseException], None],
    *,
    settings_path: Path | None = None,
    show_errors: bool = True,
    executor: Executor | None = None,
    spell: bool = True,
) -> Starting:
    """Show the main window's frame now; once painted, open the database and attach the panels.

    Before the window: only Qt, the settings and the translation. After its first paint: the
    log, the lock (:func:`prepare`'s steps), then :func:`open_data` on a worker thread and
    :func:`finish` back on the GUI thread. ``on_started`` gets the :class:`Started` when the
    panels are in place (the set list is filled on the next turn of the event loop);
    ``on_failed`` gets what was raised (:class:`StartDeclined`, the lock's or the database's
    errors), after which the window is closed.
    """
    from kvdesk.gui.mainwindow import MainWindow

    app = qt_application()
    settings = S.Settings(settings_path)
    install_translator(app, settings.get(S.LANGUAGE), qt_strings=False)
    window = MainWindow(settings)
    starting = Starting(args, window, on_started, on_failed, show_errors=show_errors, executor=executor,
                        spell=spell)
    window.show_frame()
    return starting


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


def ask_when_locked(exc: Exception) -> bool:
    """``True`` when the user opens read-only, ``False`` to quit."""
    from kvdesk.gui.start_dialogs import LockedBox

    box = LockedBox(exc)
    box.exec()
    return box.clickedButton() is box.read_only_button


def _check_database(ctx: Context, *, interactive: bool = False) -> str | None:
    """Open the database; a damaged one gets the offer to restore the newest backup.

    Returns a line for the status bar when a backup was restored. On refusal or failure the
    lock is given up (``ctx.close()``) and the error raised.
    """
    from PySide6.QtCore import QCoreApplication

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
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

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
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

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
    """The main window at once, its panels when the database is open; the event loop until the user quits."""
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

    starting = start_shown(args, lambda started: box.__setitem__("started", started), failed)
    status = int(app.exec())
    started = box.get("started")
    if started is None:
        starting.abandon()
        return failure[0] if failure else status
    try:
        return status
    finally:
        # Closing (again) is harmless and lets the panels' background work finish before exit.
        started.window.close()
        started.executor.shutdown()
        started.hook.uninstall()
        started.ctx.close()
