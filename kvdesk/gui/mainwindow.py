"""The main window: sets on the left, the workspace in the centre, sources and earlier answers right.

The signal hub is wired here and nowhere else. Menus, toolbar and shortcuts follow Windows
conventions; every action is reachable from the keyboard.

The panels are self-contained widgets; this module places them and connects them:

* left: the sets ("Vragensets"), what is due ("Termijnen") and the archive search ("Zoeken",
  Ctrl+Shift+F; a hit opens read-only in a :class:`~kvdesk.gui.set_viewer.SetViewer`);
* right: the set's sources ("Bronnen"), earlier answers to the question in focus
  ("Eerdere antwoorden") and the pre-send checks ("Controles", rerun after saves);
* import by File > Importeren, by Ctrl+V on the set list and by dropping a file on the window;
  export after the checks (errors block unless the user overrides, which is recorded);
  dated status changes and the delay notice; Instellingen > Huisstijl; Help > Over kvdesk.

Every write runs on the single-writer :class:`~kvdesk.gui.operations.Executor`. Questions to the
user go through :func:`ask` and :func:`inform` (tests replace them).
"""
from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Only what the frame needs: each PySide6 class is made on its first use, about a millisecond each,
# and the frame is on screen before anything else. The rest is imported where it is used.
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QTabWidget, QToolBar, QVBoxLayout, QWidget

from kvdesk.gui import settings as S

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

    from kvdesk.core.model import Answer, QuestionSet
    from kvdesk.gui.about_dialog import AboutDialog
    from kvdesk.gui.background import BackgroundJob
    from kvdesk.gui.checks_panel import ChecksPanel, DueOverview
    from kvdesk.gui.export_dialog import ExportDialog, ExportRequest
    from kvdesk.gui.history import HistoryDialog
    from kvdesk.gui.hub import Hub
    from kvdesk.gui.import_dialog import ImportDialog
    from kvdesk.gui.operations import Executor
    from kvdesk.gui.search_panel import SearchPanel, SimilarQuestionsPanel
    from kvdesk.gui.set_viewer import SetViewer
    from kvdesk.gui.setlist import SetListPanel
    from kvdesk.gui.sources_panel import SourcesPanel
    from kvdesk.gui.spellcheck import SpellService
    from kvdesk.gui.status_actions import StatusChoice, StatusDialog
    from kvdesk.gui.workspace import AnswerRow, Workspace
    from kvdesk.services import drafting
    from kvdesk.services.context import Context

log = logging.getLogger(__name__)

# Checks rerun this long after the last save (typing saves every second or so).
CHECKS_DEBOUNCE_MS = 1500
# Without a reachability signal from the system, queued fetches are retried this often.
RETRY_EVERY_MS = 5 * 60 * 1000


def ask(parent: QWidget | None, title: str, text: str, yes: str, no: str) -> bool:
    """A yes/no question with the answers written out; ``True`` for ``yes``."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is yes_button


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """A message the user must see (a failed export), with an OK button."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, title, text)


def _masked(url: str) -> str:
    """A database URL without its password, for showing."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


class _Relay(QObject):
    """Brings a background job's result back to the GUI thread."""

    done = Signal(object)

STYLE = """
QMainWindow, #workspaceContainer { background: #f6f7f9; }
#panelTitle { font-weight: 600; color: #1f2933; padding: 2px 0; }
#setHeader { background: white; border: 1px solid #dde1e6; border-radius: 6px; }
#setTitle { font-size: 13pt; font-weight: 600; color: #1f2933; }
#setDetails { color: #1f2933; }
#answerRow { background: white; border: 1px solid #dde1e6; border-radius: 6px; }
#answerRow[current="true"] { border: 1px solid #7aa7d9; border-left: 4px solid #1a5fb4; }
#questionTitle, #answerTitle { font-weight: 600; color: #1f2933; }
#questionText { color: #323f4b; }
#emptyState, #sideEmpty { color: #616e7c; padding: 24px; }
#counts { color: #52606d; }
#findBar { background: #eef2f7; border-bottom: 1px solid #dde1e6; }
QTextEdit { background: #fcfcfd; border: 1px solid #cfd6de; border-radius: 4px; }
QTextEdit:focus { border: 1px solid #1a5fb4; }
"""


def _page(label: QLabel) -> QWidget:
    """A panel's place before the panel is there: a line of text at the top."""
    page = QWidget()
    layout = QVBoxLayout(page)
    label.setObjectName("emptyState")
    label.setWordWrap(True)
    layout.addWidget(label)
    layout.addStretch(1)
    return page


def _replace_tab(tabs: QTabWidget, index: int, widget: QWidget, title: str) -> None:
    """Put ``widget`` in place of tab ``index`` (the old page is deleted)."""
    current = tabs.currentIndex()
    old = tabs.widget(index)
    tabs.removeTab(index)
    tabs.insertTab(index, widget, title)
    tabs.setCurrentIndex(max(0, current))
    if old is not None:
        old.deleteLater()


def _delayed() -> str:
    from kvdesk.gui.status_actions import DELAYED

    return DELAYED


class SidePanel(QTabWidget):
    """The right panel: the set's sources and earlier answers (filled by their own panels).

    Until the panels are attached each tab says what will appear there.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Bronnen en eerdere antwoorden"))
        self.setDocumentMode(True)
        self.sources_placeholder = self._empty(self.tr(
            "Bronnen\n\nHier verschijnen de artikelen en documenten waarnaar de vragen verwijzen, "
            "ook offline leesbaar."))
        self.earlier_placeholder = self._empty(self.tr(
            "Eerdere antwoorden\n\nHier verschijnen de meest vergelijkbare eerder gegeven antwoorden bij de "
            "vraag waaraan u werkt."))
        self.addTab(self.sources_placeholder, self.tr("Bronnen"))
        self.addTab(self.earlier_placeholder, self.tr("Eerdere antwoorden"))

    def _empty(self, text: str) -> QWidget:
        label = QLabel(text)
        page = _page(label)
        label.setObjectName("sideEmpty")
        page.setAccessibleName(text.split("\n", 1)[0])
        return page

    def set_panel(self, index: int, widget: QWidget, title: str) -> None:
        """Put a real panel in place of a placeholder (0: sources, 1: earlier answers)."""
        _replace_tab(self, index, widget, title)


class MainWindow(QMainWindow):
    """kvdesk's main window.

    Made in two steps, so that it can be on screen before the database is open: the
    constructor builds the frame (menus and toolbar with their actions disabled, the three
    columns with "loading" pages, the status bar) from Qt alone; :meth:`attach` then puts the
    real panels in place, wires them and enables the actions. After :meth:`show_frame`,
    ``painted`` is emitted once the window is on screen (``painted_at`` is when), which is when
    start-up opens the database.
    """

    painted = Signal()

    # Made by attach(), when the database is open.
    ctx: Context
    executor: Executor
    journal: drafting.Journal
    hub: Hub
    sets: SetListPanel
    due: DueOverview
    search: SearchPanel
    workspace: Workspace
    sources: SourcesPanel
    similar: SimilarQuestionsPanel
    checks: ChecksPanel

    def __init__(self, settings: S.Settings, *, log_path: object = None) -> None:
        super().__init__()
        self.settings = settings
        self.log_path = log_path
        self.read_only = False
        self.attached = False
        # ``time.perf_counter()`` of the first paint (start-up log and benchmark).
        self.painted_at: float | None = None
        self.spell: SpellService | None = None
        self._read_only_editors: QObject | None = None
        self.setWindowTitle(self._title())
        self.setAccessibleName(self.tr("kvdesk hoofdvenster"))
        self.setAcceptDrops(True)
        self.resize(1440, 880)
        self.due_notice = ""
        self._closed = False
        self._checks_stale = True
        self._retrying = False
        self._network_info: Any = None
        # Dialogs that are open (kept so they are not collected, and so tests can reach them).
        self.import_dialog: ImportDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self.status_dialog: StatusDialog | None = None
        self.viewer: SetViewer | None = None
        self.about_dialog: AboutDialog | None = None
        self.house_style_dialog: QWidget | None = None
        # A running archive import or open-data sync (one at a time).
        self.job: BackgroundJob | None = None

        self.left = QTabWidget()
        self.left.setObjectName("leftPanel")
        self.left.setDocumentMode(True)
        self.left.setAccessibleName(self.tr("Sets, termijnen en zoeken"))
        self.loading = QLabel(self.tr("Vragensets laden…"))
        self.loading.setAccessibleName(self.tr("Vragensets laden"))
        self.left.addTab(_page(self.loading), self.tr("Vragensets"))
        self.left.addTab(_page(QLabel()), self.tr("Termijnen"))
        self.left.addTab(_page(QLabel()), self.tr("Zoeken"))
        self.side = SidePanel()
        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(_page(QLabel(self.tr("kvdesk wordt gestart…"))))
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(1, 1)
        # The panels' button rows would otherwise set how narrow the user may make them, and that
        # minimum changes as their content loads: a remembered layout must come back as it was.
        self.left.setMinimumWidth(200)
        self.side.setMinimumWidth(200)
        self.splitter.setSizes([360, 700, 380])
        self.setCentralWidget(self.splitter)

        self.save_label = QLabel(self.tr("Nog niets opgeslagen"))
        self.save_label.setAccessibleName(self.tr("Laatst opgeslagen"))
        self.words_label = QLabel()
        self.words_label.setAccessibleName(self.tr("Aantal woorden"))
        self.statusBar().addPermanentWidget(self.words_label)
        self.statusBar().addPermanentWidget(self.save_label)
        self.statusBar().showMessage(self.tr("Database openen…"))
        self._make_actions()
        self._restore_layout()

    @property
    def closed(self) -> bool:
        """Whether the window has been closed (it is not opened again)."""
        return self._closed

    def show_frame(self) -> None:
        """Show the window; ``painted`` follows once it is on screen.

        Qt paints a widget window as it is exposed, in the same event. Exposure is polled every
        few milliseconds rather than caught in a ``paintEvent`` override: an override would
        bring every paint event into Python, the first of them making PySide6's event classes
        (some 10 ms), all before the frame is on screen.
        """
        self.show()
        poll = QTimer(self)
        poll.setInterval(4)

        def check() -> None:
            handle = self.windowHandle()
            if handle is not None and handle.isExposed() and self.painted_at is None:
                poll.stop()
                poll.deleteLater()
                self.painted_at = time.perf_counter()
                # After this paint has reached the screen: the next turn of the event loop.
                QTimer.singleShot(0, self.painted.emit)

        poll.timeout.connect(check)
        poll.start()
        QTimer.singleShot(0, check)

    def attach(
        self,
        ctx: Context,
        executor: Executor,
        journal: drafting.Journal,
        *,
        spell: SpellService | None = None,
        read_only: bool = False,
    ) -> None:
        """Put the panels in place for the opened database, wire them and enable the actions."""
        from PySide6.QtCore import QStandardPaths, Qt
        from PySide6.QtGui import QGuiApplication

        from kvdesk.gui.checks_panel import ChecksPanel, DueOverview
        from kvdesk.gui.hub import Hub
        from kvdesk.gui.search_panel import SearchPanel, SimilarQuestionsPanel
        from kvdesk.gui.setlist import SetListPanel
        from kvdesk.gui.sources_panel import SourcesPanel
        from kvdesk.gui.workspace import Workspace
        from kvdesk.services.references import ReferenceServices

        if read_only:
            from kvdesk.gui.readonly import ReadOnlyEditors, ReadOnlyExecutor

            # Every write goes through the executor: this one refuses them all, and no answer
            # editor accepts typing that could not be saved.
            executor = ReadOnlyExecutor(self)
            self._read_only_editors = ReadOnlyEditors(self)
            app = QGuiApplication.instance()
            if app is not None:
                app.installEventFilter(self._read_only_editors)
        # The style sheet comes with the panels: styling every widget through it made the frame's
        # first paint some 15 ms later, and the frame looks nearly the same in Qt's own style.
        self.setStyleSheet(STYLE)
        self.ctx = ctx
        self.executor = executor
        self.journal = journal
        self.spell = spell
        self.read_only = read_only
        self.hub = Hub(self)
        self.setWindowTitle(self._title())
        # Where the last export went; the next one starts there.
        self.export_dir = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                               or Path.home())
        from concurrent.futures import ThreadPoolExecutor

        self._background_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kvdesk-background")
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

        self.sets = SetListPanel()
        self.sets.view.installEventFilter(self)
        self.due = DueOverview()
        self.search = SearchPanel(self._search)
        current = self.left.currentIndex()
        for index, (panel, title) in enumerate(((self.sets, self.tr("Vragensets")), (self.due, self.tr("Termijnen")),
                                                (self.search, self.tr("Zoeken")))):
            _replace_tab(self.left, index, panel, title)
        self.left.setCurrentIndex(max(0, current))
        self.workspace = Workspace(
            ctx, executor, hub=self.hub, journal=journal, spell=spell,
            autosave_ms=self.settings.get(S.AUTOSAVE_MS), journal_ms=self.settings.get(S.JOURNAL_MS),
            history_opener=self.open_history,
        )
        placeholder = self.splitter.replaceWidget(1, self.workspace)
        if placeholder is not None:
            placeholder.deleteLater()
        self.sources = SourcesPanel(ReferenceServices(ctx))
        self.similar = SimilarQuestionsPanel(self._similar)
        self.checks = ChecksPanel(checker=self._check_set, language=self.settings.get(S.LANGUAGE))
        self.side.set_panel(0, self.sources, self.tr("Bronnen"))
        self.side.set_panel(1, self.similar, self.tr("Eerdere antwoorden"))
        self.side.addTab(self.checks, self.tr("Controles"))
        if read_only:
            badge = QLabel(self.tr("Alleen lezen"))
            badge.setStyleSheet("color: #a4262c; font-weight: 600")
            badge.setAccessibleName(self.tr("Alleen lezen"))
            self.statusBar().addPermanentWidget(badge)
        self.statusBar().clearMessage()
        self._name_panel_controls()
        self._enable_actions()
        self._wire()
        # The real panels have other minimum sizes than the frame's placeholders: the columns
        # come back as the user left them.
        self._restore_splitter()
        self.attached = True

    def _name_panel_controls(self) -> None:
        """Accessible names for the panels' controls that have none of their own (screen readers)."""
        names: list[tuple[QWidget, str]] = [
            (self.sources.list, self.tr("Bronnen van de set")),
            (self.sources.reader, self.tr("Tekst van de bron")),
            (self.search.year, self.tr("Jaar")),
            (self.search.ministry, self.tr("Ministerie")),
            (self.search.member, self.tr("Kamerlid")),
            (self.search.party, self.tr("Partij")),
            (self.search.answered, self.tr("Beantwoord of open")),
            (self.search.results, self.tr("Zoekresultaten")),
        ]
        for widget, name in names:
            if not widget.accessibleName():
                widget.setAccessibleName(name)
        # The hint under a reference without a link is a sentence: in a narrow panel it wraps.
        self.sources.search_link.setWordWrap(True)

    def _title(self, extra: str | None = None) -> str:
        title = f"kvdesk – {extra}" if extra else "kvdesk"
        return title + (self.tr(" (alleen lezen)") if self.read_only else "")

    # ------------------------------------------------------------------ actions

    def _action(self, text: str, slot: Callable[[], object], shortcut: str | None = None,
                tip: str | None = None) -> QAction:
        """An action of the window, disabled (and without its shortcut) until :meth:`attach`.

        ``shortcut`` is a key sequence ("Ctrl+E") or the platform's own for a standard action
        ("standard:Open" for :attr:`QKeySequence.StandardKey.Open`).
        """
        act = QAction(text, self)
        if shortcut is not None:
            # Set in attach: Qt's first shortcut costs 40-100 ms, which the first paint need not wait for.
            self._shortcuts.append((act, shortcut))
        if tip:
            act.setStatusTip(tip)
            act.setToolTip(tip)
        act.triggered.connect(lambda _checked=False: slot())
        act.setEnabled(False)
        self.addAction(act)
        self._actions.append(act)
        return act

    def _enable_actions(self) -> None:
        from PySide6.QtCore import QSize, Qt
        from PySide6.QtGui import QKeySequence

        # Here rather than in the frame: the first use of PySide6's Qt namespace costs some 40 ms.
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setIconSize(QSize(16, 16))
        for act, shortcut in self._shortcuts:
            if shortcut.startswith("standard:"):
                act.setShortcut(QKeySequence(getattr(QKeySequence.StandardKey, shortcut.removeprefix("standard:"))))
            else:
                act.setShortcut(QKeySequence(shortcut))
        blocked = {self.act_import, self.act_export, self.act_combine, self.act_split, self.act_status,
                   self.act_delay_sent, self.act_sources, self.act_backup, self.act_footnote, self.act_link,
                   self.act_crossref, self.act_import_archive, self.act_sync_archive} if self.read_only else set()
        for act in self._actions:
            act.setEnabled(act not in blocked)

    def _make_actions(self) -> None:
        self._actions: list[QAction] = []
        # Qt's enums are made on first use, some milliseconds each: named here, made in attach.
        self._shortcuts: list[tuple[QAction, str]] = []
        self.act_import = self._action(self.tr("&Importeren…"), self.open_import, "standard:Open",
                                       self.tr("Een vragenset importeren (ook: tekst plakken in de lijst of "
                                               "een bestand op het venster slepen)"))
        self.act_export = self._action(self.tr("&Exporteren…"), self.export_reply, "Ctrl+E",
                                       self.tr("Aanbiedingsbrief en antwoorden als Word-bestand"))
        self.act_delay_notice = self._action(self.tr("&Uitstelbericht…"), self.export_delay_notice, None,
                                             self.tr("De mededeling dat de antwoorden later komen, als Word-bestand"))
        self.act_quit = self._action(self.tr("&Afsluiten"), self.close, "standard:Quit")
        self.act_undo = self._action(self.tr("&Ongedaan maken"), lambda: self._on_editor("undo"), "standard:Undo")
        self.act_redo = self._action(self.tr("Opni&euw"), lambda: self._on_editor("redo"), "Ctrl+Y")
        self.act_find = self._action(self.tr("&Zoeken in set…"), lambda: self.workspace.show_find(), "standard:Find")  # noqa: PLW0108 - made in attach()
        self.act_search = self._action(self.tr("Zoeken in &archief…"), self.show_search, "Ctrl+Shift+F",
                                       self.tr("Zoeken in eerdere vragen en antwoorden"))
        self.act_combine = self._action(self.tr("&Combineer"), lambda: self.workspace.combine(), "Ctrl+Shift+M",  # noqa: PLW0108 - made in attach()
                                        self.tr("De aangevinkte vragen één antwoord geven"))
        self.act_split = self._action(self.tr("&Splitsen"), lambda: self.workspace.split(), "Ctrl+Shift+S",  # noqa: PLW0108 - made in attach()
                                      self.tr("Een gecombineerd antwoord weer per vraag"))
        self.act_history = self._action(self.tr("&Geschiedenis…"), self._history_current, "Ctrl+Shift+H")
        self.act_bold = self._action(self.tr("&Vet"), lambda: self._on_editor("toggle_bold"), "standard:Bold")
        self.act_italic = self._action(self.tr("&Cursief"), lambda: self._on_editor("toggle_italic"), "standard:Italic")
        self.act_bullets = self._action(self.tr("&Opsommingstekens"), lambda: self._on_editor("toggle_list", False),
                                        "Ctrl+Shift+L")
        self.act_numbers = self._action(self.tr("&Nummering"), lambda: self._on_editor("toggle_list", True),
                                        "Ctrl+Shift+N")
        self.act_quote = self._action(self.tr("&Citaat"), lambda: self._on_editor("toggle_quote"), "Ctrl+Shift+Q")
        self.act_link = self._action(self.tr("&Koppeling…"), self._insert_link, "Ctrl+K")
        self.act_footnote = self._action(self.tr("&Voetnoot"), lambda: self._on_editor("insert_footnote"),
                                         "Ctrl+Alt+F", self.tr("Een voetnoot invoegen op de cursor"))
        self.act_crossref = self._action(self.tr("&Zie het antwoord op vraag…"), self._insert_crossref, "Ctrl+Shift+R")
        self.act_next = self._action(self.tr("&Volgend antwoord"), lambda: self.workspace.go(None, 1), "Ctrl+Down")
        self.act_prev = self._action(self.tr("V&orig antwoord"), lambda: self.workspace.go(None, -1), "Ctrl+Up")
        self.act_status = self._action(self.tr("&Status wijzigen…"), self.change_status, "Ctrl+Shift+T",
                                       self.tr("De status van de set wijzigen, met datum"))
        self.act_delay_sent = self._action(self.tr("Uitstelbericht &verzonden…"),
                                           lambda: self.change_status(_delayed()),
                                           tip=self.tr("Vastleggen dat het uitstelbericht is verzonden; "
                                                       "de termijn schuift op"))
        self.act_check = self._action(self.tr("&Controleren"), self.run_checks, "F7",
                                      self.tr("De controles vóór verzending uitvoeren"))
        self.act_sources = self._action(self.tr("&Bronnen ophalen"), lambda: self.sources.fetch_all(), None,  # noqa: PLW0108 - made in attach()
                                        self.tr("De artikelen en documenten van deze set ophalen"))
        self.act_spell = self._action(self.tr("&Spellingcontrole"), self._toggle_spell)
        self.act_spell.setCheckable(True)
        self.act_spell.setChecked(self.settings.get(S.SPELLCHECK))
        self.act_english = self._action(self.tr("&English interface"), self._toggle_language)
        self.act_english.setCheckable(True)
        self.act_english.setChecked(self.settings.get(S.LANGUAGE) == "en")
        self.act_house_style = self._action(self.tr("&Huisstijl…"), self.edit_house_style, None,
                                            self.tr("Ministerie, adressen, ondertekenaar en opmaak van de brieven"))
        self.act_backup = self._action(self.tr("&Nu een back-up maken"), self.backup_now)
        self.act_import_archive = self._action(
            self.tr("&Archief importeren…"), self.choose_archive_file, None,
            self.tr("Eerdere vragen en antwoorden in één keer importeren uit een .jsonl-bestand"))
        self.act_sync_archive = self._action(
            self.tr("Archief bij&werken via open data"), self.sync_archive, None,
            self.tr("Nieuwe en gewijzigde schriftelijke vragen ophalen bij de Tweede Kamer en "
                    "officielebekendmakingen.nl"))
        self.act_about = self._action(self.tr("&Over kvdesk"), self.show_about)

        bar = self.menuBar()
        m = bar.addMenu(self.tr("&Bestand"))
        m.addActions([self.act_import, self.act_import_archive, self.act_export, self.act_delay_notice])
        m.addSeparator()
        m.addAction(self.act_quit)
        m = bar.addMenu(self.tr("Be&werken"))
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addActions([self.act_find, self.act_search])
        m.addSeparator()
        m.addActions([self.act_combine, self.act_split, self.act_history])
        m = bar.addMenu(self.tr("&Set"))
        m.addActions([self.act_status, self.act_delay_sent])
        m.addSeparator()
        m.addActions([self.act_check, self.act_sources])
        m = bar.addMenu(self.tr("&Opmaak"))
        m.addActions([self.act_bold, self.act_italic, self.act_bullets, self.act_numbers, self.act_quote])
        m = bar.addMenu(self.tr("&Invoegen"))
        m.addActions([self.act_footnote, self.act_link, self.act_crossref])
        m = bar.addMenu(self.tr("&Ga naar"))
        m.addActions([self.act_next, self.act_prev])
        self.extra_menu = bar.addMenu(self.tr("E&xtra"))
        self.extra_menu.addActions([self.act_spell, self.act_english])
        self.extra_menu.addSeparator()
        self.settings_menu = self.extra_menu.addMenu(self.tr("&Instellingen"))
        self.settings_menu.addAction(self.act_house_style)
        self.extra_menu.addAction(self.act_sync_archive)
        self.extra_menu.addAction(self.act_backup)
        m = bar.addMenu(self.tr("&Help"))
        m.addAction(self.act_about)

        tools = QToolBar(self.tr("Werkbalk"))
        tools.setObjectName("mainToolbar")
        tools.setAccessibleName(self.tr("Werkbalk"))
        tools.setMovable(False)
        tools.addActions([self.act_import, self.act_export])
        tools.addSeparator()
        tools.addActions([self.act_bold, self.act_italic, self.act_bullets, self.act_numbers, self.act_quote])
        tools.addSeparator()
        tools.addActions([self.act_footnote, self.act_link])
        tools.addSeparator()
        tools.addActions([self.act_combine, self.act_split, self.act_history])
        tools.addSeparator()
        tools.addActions([self.act_find, self.act_check])
        self.addToolBar(tools)
        self.toolbar = tools

    def _on_editor(self, method: str, *args: object) -> None:
        editor = self.workspace.current_editor()
        if editor is None:
            self.statusBar().showMessage(self.tr("Klik eerst in een antwoord."), 4000)
            return
        getattr(editor, method)(*args)
        editor.setFocus()

    def _insert_link(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        editor = self.workspace.current_editor()
        if editor is None:
            return
        url, ok = QInputDialog.getText(self, self.tr("Koppeling invoegen"), self.tr("Adres (URL):"))
        if ok and url.strip():
            editor.insert_link(url)

    def _insert_crossref(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        editor = self.workspace.current_editor()
        if editor is None or self.workspace.qs is None:
            return
        numbers = [q.number for q in self.workspace.qs.questions]
        number, ok = QInputDialog.getInt(self, self.tr("Verwijzing invoegen"), self.tr("Vraag:"),
                                         numbers[0] if numbers else 1, 1, max(numbers or [1]))
        if ok:
            editor.insert_cross_reference(number)

    def _history_current(self) -> None:
        if self.workspace.current is not None:
            self.workspace.show_history(self.workspace.current)

    def open_history(self, row: AnswerRow) -> HistoryDialog | None:
        from PySide6.QtCore import Qt

        if self.workspace.qs is None or self.workspace.qs.id is None:
            return None

        def restored(answer: Answer) -> None:
            self.workspace.replace_text(row, answer.text)
            self.hub.set_changed.emit(self.workspace.qs.id if self.workspace.qs else -1)

        from kvdesk.gui.history import HistoryDialog

        dialog = HistoryDialog(self.ctx, self.executor, self.workspace.qs.id, list(row.numbers),
                               on_restored=restored, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.history_dialog = dialog
        return dialog

    def _toggle_spell(self) -> None:
        on = self.act_spell.isChecked()
        self.settings.set(S.SPELLCHECK, on)
        if self.spell is not None:
            self.spell.set_enabled(on)

    def _toggle_language(self) -> None:
        lang = "en" if self.act_english.isChecked() else "nl"
        self.settings.set(S.LANGUAGE, lang)
        self.statusBar().showMessage(self.tr("De taal wordt gewijzigd bij de volgende start van kvdesk."), 6000)

    def _message(self, text: str, ms: int = 8000) -> None:
        self.statusBar().showMessage(text, ms)

    def _report(self, what: str) -> Callable[[BaseException], None]:
        """An operation's failure: logged, and one line in the status bar."""
        def failed(exc: BaseException) -> None:
            log.error("%s: %s", what, exc)
            self._message(f"{what}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}", 12000)
        return failed

    # ------------------------------------------------------------------ import

    def open_import(self, *, text: str | None = None, path: Path | None = None) -> ImportDialog:
        """The import dialog; pasted ``text`` or a dropped ``path`` is parsed at once for review."""
        from PySide6.QtCore import Qt

        # Imported when first used: the review's editing code is not needed to show the window.
        from kvdesk.gui.import_dialog import ImportDialog

        dialog = ImportDialog(self, exists=self._kenmerk_exists, text=text)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._store_imported(dialog))
        dialog.destroyed.connect(lambda *_a: setattr(self, "import_dialog", None))
        self.import_dialog = dialog
        dialog.open()
        if path is not None:
            dialog.load_file(path)
        elif text and text.strip():
            dialog.parse_pasted()
        return dialog

    def _kenmerk_exists(self, kenmerk: str) -> bool:
        try:
            return self.ctx.repo.exists(kenmerk) is not None
        except Exception:  # the notice is a courtesy; storing checks again
            log.exception("looking up kenmerk %s failed", kenmerk)
            return False

    def _store_imported(self, dialog: ImportDialog) -> None:
        qs = dialog.result_set()
        if qs is None:
            return
        update = dialog.update_existing()
        ctx = self.ctx
        from kvdesk.services.sets import store_parsed

        self.executor.run(lambda: store_parsed(ctx, qs, update=update), on_success=self._imported,
                          on_failure=self._report(self.tr("Importeren is mislukt")),
                          progress=self.tr("Vragenset opslaan…"), parent=self)

    def _imported(self, result: Any) -> None:
        self.refresh_sets()
        if result.set_id is not None:
            if self.workspace.set_id == result.set_id:
                self.workspace.load_set(result.set_id, keep_position=True)
                self.hub.set_selected.emit(result.set_id)
            else:
                self.open_set(result.set_id)
        done = self.tr("bijgewerkt; concept-antwoorden zijn bewaard") if result.updated else self.tr("geïmporteerd")
        self._message(self.tr("Vragenset %1 %2 (%3 vragen).").replace("%1", result.key).replace("%2", done)
                      .replace("%3", str(result.question_count)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        """Ctrl+V on the set list imports the pasted questions."""
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QKeyEvent, QKeySequence

        if (watched is self.sets.view and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.matches(QKeySequence.StandardKey.Paste)):
            self.paste_import()
            return True
        return super().eventFilter(watched, event)

    def paste_import(self) -> ImportDialog | None:
        """Open the import dialog with what the clipboard holds (text, or a copied file)."""
        from PySide6.QtGui import QGuiApplication

        if self.read_only:
            self._message(self.tr("Alleen lezen: importeren kan niet."))
            return None
        mime = QGuiApplication.clipboard().mimeData()
        files = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()] if mime is not None else []
        if files:
            return self.open_import(path=Path(files[0]))
        text = mime.text() if mime is not None and mime.hasText() else ""
        if not text.strip():
            self._message(self.tr("Het klembord is leeg: kopieer eerst de tekst van de vragen."))
            return None
        return self.open_import(text=text)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # Qt override
        mime = event.mimeData()
        if self.attached and not self.read_only and (any(u.isLocalFile() for u in mime.urls()) or mime.hasText()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # Qt override
        """A file dropped on the window (outside an answer or the sources) is imported."""
        mime = event.mimeData()
        files = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
        if files and files[0].lower().endswith(".jsonl"):
            self.import_archive(Path(files[0]))  # an archive: stored in bulk, not reviewed set by set
        elif files:
            self.open_import(path=Path(files[0]))
            if len(files) > 1:
                self._message(self.tr("Eén bestand tegelijk: %1 wordt geïmporteerd.").replace("%1", Path(files[0]).name))
        elif mime.hasText():
            self.open_import(text=mime.text())
        else:
            return
        event.acceptProposedAction()

    # ------------------------------------------------------------------ archive

    def choose_archive_file(self) -> None:
        """Bestand > Archief importeren: choose a ``.jsonl`` archive and import it."""
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Archief importeren"), str(Path.home()),
                                              self.tr("Archief (*.jsonl)"))
        if path:
            self.import_archive(Path(path))

    def _job_running(self) -> bool:
        if self.job is not None and self.job.running:
            self._message(self.tr("Er loopt al een archief-import of synchronisatie; wacht tot die klaar is."))
            return True
        return False

    def import_archive(self, path: Path) -> BackgroundJob | None:
        """Import a ``.jsonl`` archive on a thread of its own, with progress and "Annuleren"."""
        from kvdesk.gui.background import BackgroundJob

        if self.read_only or self._job_running():
            return None
        ctx = self.ctx
        read = self.tr("%1 van %2 MB gelezen")

        def job(report: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> Any:
            from kvdesk.services.archive import import_archive

            def progress(done: int, total: int) -> None:
                report(done, total, read.replace("%1", f"{done / 1e6:.0f}").replace("%2", f"{total / 1e6:.0f}"))

            return import_archive(ctx, path, progress=progress, cancelled=cancelled)

        self.job = BackgroundJob(self, self.tr("Archief importeren: %1").replace("%1", path.name), job,
                                 on_done=lambda result: self._archive_imported(path, result),
                                 on_failed=self._job_failed(self.tr("Archief importeren is mislukt")))
        self.job.start()
        return self.job

    def _archive_imported(self, path: Path, result: Any) -> None:
        stopped = self.job is not None and self.job.cancelled
        self.job = None
        added = str(result.question_count)
        if stopped:
            text = self.tr("Import van %1 gestopt: %2 sets toegevoegd. Opnieuw importeren voegt de rest toe.")
        else:
            text = self.tr("Archief %1: %2 sets toegevoegd (al bekende kenmerken overgeslagen).")
        self._message(text.replace("%1", path.name).replace("%2", added), 15000)
        self.refresh_sets()

    def sync_archive(self) -> BackgroundJob | None:
        """Extra > Archief bijwerken: the open-data sync on a thread of its own, with progress and cancel."""
        from kvdesk.gui.background import BackgroundJob

        if self.read_only or self._job_running():
            return None
        ctx = self.ctx
        page = self.tr("Pagina %1: %2 gelezen, %3 nieuw, %4 bijgewerkt, %5 verwijderd")

        def job(report: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> Any:
            from kvdesk.services import archive

            def progress(p: archive.SyncProgress) -> None:
                report(0, 0, page.replace("%1", str(p.pages)).replace("%2", str(p.seen)).replace("%3", str(p.added))
                       .replace("%4", str(p.updated)).replace("%5", str(p.deleted)))

            return archive.sync_archive(ctx, config=archive.default_sync_config(ctx), progress=progress,
                                        cancelled=cancelled)

        self.job = BackgroundJob(self, self.tr("Archief bijwerken via open data"), job,
                                 on_done=self._archive_synced,
                                 on_failed=self._job_failed(self.tr("Archief bijwerken is mislukt")))
        self.job.start()
        return self.job

    def _archive_synced(self, result: Any) -> None:
        self.job = None
        text = (self.tr("Archief bijgewerkt: %1 nieuw, %2 bijgewerkt, %3 verwijderd.")
                .replace("%1", str(result.added)).replace("%2", str(result.updated)).replace("%3", str(result.deleted)))
        if result.error:
            inform(self, self.tr("Archief bijwerken"), text + "\n\n" + self.tr(
                "De synchronisatie is gestopt: %1\nWat binnen is, blijft bewaard; de volgende keer gaat hij "
                "verder waar hij stopte.").replace("%1", result.error))
        elif result.cancelled:
            self._message(text + " " + self.tr("Gestopt; de volgende keer gaat hij verder waar hij stopte."), 15000)
        else:
            self._message(text, 15000)
        self.refresh_sets()

    def _job_failed(self, what: str) -> Callable[[BaseException], None]:
        report = self._report(what)

        def failed(exc: BaseException) -> None:
            self.job = None
            report(exc)
            inform(self, what, str(exc) or type(exc).__name__)
            self.refresh_sets()

        return failed

    # ------------------------------------------------------------------ export

    def _current_set_id(self) -> int | None:
        set_id = self.workspace.set_id
        if set_id is None:
            self._message(self.tr("Kies eerst een vragenset."))
        return set_id

    def _check_settings(self) -> Any:
        from kvdesk.core.checks import CheckSettings

        # Spelling follows the app's spell checker: without it the dictionary would load here.
        return CheckSettings(spelling=self.spell is not None and self.settings.get(S.SPELLCHECK))

    def _check_set(self, qs: QuestionSet) -> Any:
        from kvdesk.services.checking import run_checks

        return run_checks(qs, self._check_settings())

    def export_reply(self) -> None:
        """Check the set, then ask where and how to export; errors block unless overridden."""
        set_id = self._current_set_id()
        if set_id is None:
            return
        self.workspace.flush()  # queued before the check, so the check sees every word
        ctx, settings = self.ctx, self._check_settings()

        def check() -> tuple[QuestionSet, Any]:
            from kvdesk.services.checking import run_checks

            qs = ctx.repo.get_set(set_id)
            return qs, run_checks(qs, settings)

        self.executor.run(check, on_success=self._export_checked,
                          on_failure=self._report(self.tr("De controles konden niet worden uitgevoerd")),
                          progress=self.tr("Controleren…"), parent=self)

    def _export_checked(self, result: tuple[QuestionSet, Any]) -> None:
        from kvdesk.gui.export_dialog import REPLY, confirm_override

        qs, report = result
        override = False
        if report.has_errors:
            self.side.setCurrentWidget(self.checks)
            self.checks.check(qs)
            if not confirm_override(self, report):
                self._message(self.tr("Niet geëxporteerd: los eerst de fouten op (zie Controles)."))
                return
            override = True
        self.open_export(qs, REPLY, report=report if override else None)

    def export_delay_notice(self) -> None:
        """The delay notice (uitstelbericht): no checks, a reason is required."""
        set_id = self._current_set_id()
        if set_id is None:
            return
        from kvdesk.gui.export_dialog import DELAY

        self.open_export(self.ctx.repo.get_set(set_id), DELAY)

    def open_export(self, qs: QuestionSet, kind: str, *, report: Any = None) -> ExportDialog:
        """The export dialog; on OK the letters are written off the GUI thread."""
        from PySide6.QtCore import Qt

        from kvdesk.gui.export_dialog import ExportDialog

        dialog = ExportDialog(qs, self, kind=kind, out_dir=self.export_dir, profiles_dir=self.ctx.profiles_dir)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            request = dialog.request()
            request.override = report is not None
            self.run_export(qs, request, report=report)

        dialog.accepted.connect(accepted)
        dialog.destroyed.connect(lambda *_a: setattr(self, "export_dialog", None))
        self.export_dialog = dialog
        dialog.open()
        return dialog

    def run_export(self, qs: QuestionSet, request: ExportRequest, *, report: Any = None,
                   on_locked: str = "raise") -> None:
        """Write the letters; a forced export records the override with its findings."""
        ctx, profiles_dir = self.ctx, self.ctx.profiles_dir
        findings = [f.to_json("nl") for f in report.errors] if report is not None else []

        def op() -> list[Path]:
            from kvdesk.gui.export_dialog import run_export

            paths = run_export(qs, request, profiles_dir=profiles_dir, on_locked=on_locked)
            if request.override and qs.id is not None:
                ctx.repo.record_override(qs.id, findings, author=ctx.author)
            return paths

        self.executor.run(op, on_success=lambda paths: self._exported(request, paths),
                          on_failure=lambda exc: self._export_failed(exc, qs, request, report),
                          progress=self.tr("Exporteren…"), parent=self)

    def _exported(self, request: ExportRequest, paths: list[Path]) -> None:
        self.last_export = list(paths)
        if paths:
            self.export_dir = paths[0].parent
        names = ", ".join(p.name for p in paths)
        text = self.tr("Geschreven in %1: %2").replace("%1", str(self.export_dir)).replace("%2", names)
        from kvdesk.gui.export_dialog import DELAY

        if request.kind == DELAY:
            text += self.tr(" — leg na verzending vast: Set > Uitstelbericht verzonden.")
        self._message(text, 15000)

    def _export_failed(self, exc: BaseException, qs: QuestionSet, request: ExportRequest, report: Any) -> None:
        from kvdesk.export.errors import ConverterMissingError, ExportError, TargetLockedError

        title = self.tr("Exporteren")
        if isinstance(exc, TargetLockedError):
            other = exc.alternative.name if exc.alternative is not None else self.tr("een andere naam")
            if ask(self, title, exc.user_message + "\n\n" + self.tr("Opslaan als ‘%1’?").replace("%1", other),
                   self.tr("Andere naam gebruiken"), self.tr("Annuleren")):
                self.run_export(qs, request, report=report, on_locked="rename")
            return
        if isinstance(exc, ConverterMissingError):
            inform(self, title, exc.user_message + " " + self.tr("De Word-bestanden zijn wel geschreven in %1.")
                   .replace("%1", str(request.out_dir)))
            self.export_dir = request.out_dir
            return
        if isinstance(exc, ExportError):
            inform(self, title, exc.user_message)
            return
        if isinstance(exc, OSError):
            inform(self, title, self.tr("Schrijven is mislukt: %1").replace("%1", exc.strerror or str(exc)))
            return
        log.error("export failed", exc_info=exc)
        inform(self, title, self.tr("Exporteren is mislukt: %1").replace("%1", str(exc) or type(exc).__name__))

    # ------------------------------------------------------------------ status

    def change_status(self, status: str | None = None) -> StatusDialog | None:
        """Ask for a new status and its date (``status`` preselected), then record it."""
        from PySide6.QtCore import Qt

        if self._current_set_id() is None or self.workspace.qs is None:
            return None
        from kvdesk.gui.status_actions import StatusDialog

        dialog = StatusDialog(self.workspace.qs.status, self, status=status)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.record_status(dialog.choice()))
        dialog.destroyed.connect(lambda *_a: setattr(self, "status_dialog", None))
        self.status_dialog = dialog
        dialog.open()
        return dialog

    def record_status(self, choice: StatusChoice) -> None:
        set_id = self.workspace.set_id
        if set_id is None:
            return
        ctx = self.ctx
        self.executor.run(
            lambda: ctx.repo.set_status(set_id, choice.status, author=ctx.author, note=choice.note, on=choice.on),
            on_success=lambda _r: self._status_recorded(set_id, choice),
            on_failure=self._report(self.tr("De status kon niet worden vastgelegd")),
        )

    def _status_recorded(self, set_id: int, choice: StatusChoice) -> None:
        if self.workspace.set_id == set_id:
            self.workspace.load_set(set_id, keep_position=True)
        self.refresh_sets()
        self.hub.set_changed.emit(set_id)
        from kvdesk.gui.labels import status_text
        from kvdesk.gui.status_actions import DELAYED

        text = self.tr("Status ‘%1’ vastgelegd.").replace("%1", status_text(choice.status))
        if choice.status == DELAYED and self.workspace.qs is not None:
            from kvdesk.core.deadlines import deadline_for

            deadline = deadline_for(self.workspace.qs)
            if deadline is not None:
                text += " " + self.tr("De termijn is nu %1.").replace("%1", deadline.strftime("%d-%m-%Y"))
        self._message(text)

    # ------------------------------------------------------------------ checks, sources, earlier answers

    def run_checks(self) -> None:
        """Show the checks panel and check the set now."""
        self.side.setCurrentWidget(self.checks)
        self._checks_stale = True
        self._recheck()

    def _recheck(self) -> None:
        """Check the shown set again when the checks are in view; else when they come into view."""
        set_id = self.workspace.set_id
        if set_id is None:
            return
        if self.side.currentWidget() is not self.checks:
            self._checks_stale = True
            return
        self._checks_stale = False
        self.checks.check(self.ctx.repo.get_set(set_id))

    def jump_to_question(self, number: int) -> None:
        """Scroll to the answer to question ``number`` and put the cursor in it."""
        row = self.workspace.row_for(number)
        if row is not None:
            self.workspace.focus_row(row)

    def cite_in_current_answer(self, citation: str) -> bool:
        """Add a footnote with ``citation`` at the cursor of the current answer, and save it."""
        row = self.workspace.current
        if row is None or self.read_only:
            self._message(self.tr("Klik eerst in het antwoord waarin u de bron wilt citeren."))
            return False
        row.build()
        editor = row.editor
        assert editor is not None
        from kvdesk.gui import textdoc

        cursor = editor.textCursor()
        if cursor.block().blockFormat().property(textdoc.FOOTNOTE_TEXT) is not None:
            # The cursor is in a note: the marker goes at the end of the answer's text instead.
            block = editor.document().begin()
            last = block
            while block.isValid() and block.blockFormat().property(textdoc.FOOTNOTE_TEXT) is None:
                last = block
                block = block.next()
            cursor.setPosition(last.position() + max(0, last.length() - 1))
            editor.setTextCursor(cursor)
        editor.insert_footnote()
        editor.insert_plain(citation)
        self.workspace.save_row(row)
        self._message(self.tr("Voetnoot toegevoegd aan antwoord %1.").replace("%1", row.label))
        return True

    def _answer_target(self) -> tuple[int, AnswerRow] | None:
        row = self.workspace.current
        set_id = self.workspace.set_id
        if row is None or set_id is None:
            self._message(self.tr("Klik eerst in het antwoord waaraan u werkt."))
            return None
        return set_id, row

    def cite_earlier(self, source_set_id: int) -> None:
        """"Citeer" on an earlier answer: a footnote citing it, in the current answer."""
        target = self._answer_target()
        if target is None:
            return
        set_id, row = target
        self.workspace.save_row(row)  # queued first: the citation is added to what was typed
        ctx, numbers = self.ctx, list(row.numbers)

        def op() -> Answer:
            from kvdesk.services import searching

            return searching.cite(ctx, set_id, numbers, source_set_id)

        self.executor.run(op, on_success=lambda a: self._answer_changed(row, a, self.tr("Verwijzing toegevoegd.")),
                          on_failure=self._report(self.tr("Citeren is mislukt")))

    def take_over(self, source_set_id: int, source_number: int) -> None:
        """"Neem over": the earlier answer as the start of the current one (noted in its history)."""
        target = self._answer_target()
        if target is None:
            return
        set_id, row = target
        self.workspace.save_row(row)
        ctx, numbers = self.ctx, list(row.numbers)

        def op() -> Answer:
            from kvdesk.services import searching

            return searching.take_over(ctx, set_id, numbers, source_set_id, source_number)

        self.executor.run(op, on_success=lambda a: self._answer_changed(row, a, self.tr("Antwoord overgenomen.")),
                          on_failure=self._report(self.tr("Overnemen is mislukt")))

    def _answer_changed(self, row: AnswerRow, answer: Answer, text: str) -> None:
        if row in self.workspace.rows:
            self.workspace.replace_text(row, answer.text)
        if self.workspace.set_id is not None:
            self.hub.set_changed.emit(self.workspace.set_id)
        self._message(text)

    def _search(self, text: str, filters: Any) -> Any:
        from kvdesk.services import searching

        return searching.search(self.ctx, text, filters=filters, prefix_last=True)

    def _similar(self, set_id: int, number: int) -> Any:
        from kvdesk.services import searching

        return searching.similar_questions(self.ctx, set_id, number)

    def show_search(self) -> None:
        self.left.setCurrentWidget(self.search)
        self.search.focus_search()

    def open_readonly(self, set_id: int, numbers: list[int] | None = None, _kind: str = "question") -> SetViewer:
        """Show a set read-only with question ``numbers`` in view (a search hit, an earlier answer)."""
        from kvdesk.gui.set_viewer import SetViewer

        viewer = SetViewer(self.ctx.repo.get_set(set_id), list(numbers or []), self)
        viewer.openRequested.connect(self._open_from_viewer)
        viewer.destroyed.connect(lambda *_a: setattr(self, "viewer", None))
        self.viewer = viewer
        viewer.show()
        return viewer

    def _open_from_viewer(self, set_id: int) -> None:
        self.left.setCurrentWidget(self.sets)
        self.refresh_sets()
        self.open_set(set_id)

    def _due_open(self, set_id: int) -> None:
        self.left.setCurrentWidget(self.sets)
        self.open_set(set_id)

    def _fill_due(self) -> None:
        self.due.show_sets(self.sets.model.sets)

    # ------------------------------------------------------------------ background: network, due notice

    def _background(self, job: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        """Run a read or a fetch off the GUI thread without holding up the writer's queue."""
        def work() -> None:
            try:
                result = job()
            except Exception:  # a background courtesy: logged, never shown as a crash
                log.exception("background job failed")
                return
            self._relay.done.emit((on_done, result))

        self._background_pool.submit(work)

    def _deliver(self, payload: tuple[Callable[[Any], None], Any]) -> None:
        on_done, result = payload
        on_done(result)

    def notify_due_soon(self) -> None:
        """A quiet status-bar notice of sets due within two working days (the calendar loads off the GUI thread)."""
        summaries = list(self.sets.model.sets)

        def job() -> list[tuple[Any, Any]]:
            from kvdesk.core.deadlines import due_soon

            return due_soon(summaries)

        self._background(job, self._show_due_soon)

    def _show_due_soon(self, items: list[tuple[Any, Any]]) -> None:
        if not items:
            return
        parts = []
        for s, status in items[:4]:
            when = (self.tr("vandaag") if status.calendar_days_left == 0
                    else self.tr("%1 werkdag(en)").replace("%1", str(status.working_days_left)))
            parts.append(f"{s.kenmerk or s.key} ({when})")
        more = self.tr(" en %1 meer").replace("%1", str(len(items) - 4)) if len(items) > 4 else ""
        self.due_notice = self.tr("Binnenkort af: %1%2 — zie Termijnen.").replace("%1", ", ".join(parts)) \
            .replace("%2", more)
        self._message(self.due_notice, 30000)
        if self.left.currentWidget() is self.due:
            self._fill_due()

    def watch_network(self) -> None:
        """Retry queued fetches when the network comes back (or every few minutes without that signal)."""
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if QNetworkInformation.loadBackendByFeatures(QNetworkInformation.Feature.Reachability):
                info = QNetworkInformation.instance()
                if info is not None:
                    info.reachabilityChanged.connect(self._reachability_changed)
                    self._network_info = info
        except ImportError:
            log.info("no network information in this build; queued fetches are retried every few minutes")
        self._retry_timer = QTimer(self)
        self._retry_timer.setInterval(RETRY_EVERY_MS)
        self._retry_timer.timeout.connect(self.retry_queued)
        self._retry_timer.start()

    def _reachability_changed(self, reachability: Any) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if reachability == QNetworkInformation.Reachability.Online:
            self.retry_queued()

    def retry_queued(self) -> None:
        """Fetch again what failed for lack of network (one round at a time)."""
        if self._retrying or self.read_only:
            return
        self._retrying = True
        services = self.sources.services

        def done(report: Any) -> None:
            self._retrying = False
            if (report.fetched or report.failed) and self.sources.set_id is not None:
                self.sources.set_set(self.sources.set_id)

        def job() -> Any:
            try:
                return services.retry_queued()  # type: ignore[attr-defined]
            finally:
                self._retrying = False

        self._background(job, done)

    # ------------------------------------------------------------------ settings, backup, about

    def edit_house_style(self) -> QWidget | None:
        """Instellingen > Huisstijl: the user's own profile (made from the example the first time)."""
        from PySide6.QtCore import Qt

        from kvdesk.export.errors import ExportError
        from kvdesk.export.profile import find_profile, load_profile
        from kvdesk.gui.house_style_dialog import HouseStyleDialog

        folder = self.ctx.profiles_dir
        own = sorted(folder.glob("*.toml")) if folder.is_dir() else []
        try:
            if own:
                profile, target = load_profile(own[0]), own[0]
            else:
                profile, target = find_profile("voorbeeld"), folder / "huisstijl.toml"
            folder.mkdir(parents=True, exist_ok=True)
        except (ExportError, OSError) as exc:
            inform(self, self.tr("Huisstijl"), str(exc))
            return None
        dialog = HouseStyleDialog(profile, save_to=target, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda p: self._message(self.tr("Huisstijl opgeslagen in %1.").replace("%1", str(p.source))))
        dialog.destroyed.connect(lambda *_a: setattr(self, "house_style_dialog", None))
        self.house_style_dialog = dialog
        dialog.open()
        return dialog

    def backup_now(self) -> None:
        ctx = self.ctx
        self.executor.run(ctx.backup_now, on_success=self._backed_up,
                          on_failure=self._report(self.tr("De back-up is mislukt")),
                          progress=self.tr("Back-up maken…"), parent=self)

    def _backed_up(self, info: Any) -> None:
        if info is None:
            from kvdesk.storage.backup import POSTGRES_NOTE

            self._message(POSTGRES_NOTE)
        else:
            self._message(self.tr("Back-up gemaakt: %1").replace("%1", str(info.path)))

    def show_about(self) -> AboutDialog:
        """Help > Over kvdesk: version, data folder, database and the log folder one click away."""
        from PySide6.QtCore import Qt

        log_dir = Path(str(self.log_path)).parent if self.log_path else self.ctx.logs_dir
        database = str(self.ctx.database_path) if self.ctx.database_path else _masked(self.ctx.database_url)
        from kvdesk.gui.about_dialog import AboutDialog

        dialog = AboutDialog(data_dir=self.ctx.data_dir, database=database, log_dir=log_dir, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_a: setattr(self, "about_dialog", None))
        self.about_dialog = dialog
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ wiring

    def _wire(self) -> None:
        hub = self.hub
        self.sets.set_chosen.connect(self.open_set)
        hub.answer_saved.connect(self._saved)
        hub.save_failed.connect(self._save_failed)
        hub.sets_changed.connect(self.refresh_sets)
        hub.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.workspace.words_changed.connect(self._words)
        # The set list's counts follow saved answers, but not on every keystroke.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(1500)
        self._refresh_timer.timeout.connect(self.refresh_sets)
        hub.answer_saved.connect(lambda *_a: self._refresh_timer.start())

        # Panels: each talks to the window through its signals only.
        self.sources.citeRequested.connect(self.cite_in_current_answer)
        self.similar.citeRequested.connect(self.cite_earlier)
        self.similar.takeOverRequested.connect(self.take_over)
        self.similar.resultOpened.connect(self.open_readonly)
        self.search.resultOpened.connect(self.open_readonly)
        self.checks.jump_to.connect(self.jump_to_question)
        self.due.open_set.connect(self._due_open)
        hub.set_selected.connect(self._set_selected)
        hub.question_focused.connect(self._question_focused)
        # The checks follow saves, set changes and imports, but once the typing pauses.
        self._checks_timer = QTimer(self)
        self._checks_timer.setSingleShot(True)
        self._checks_timer.setInterval(CHECKS_DEBOUNCE_MS)
        self._checks_timer.timeout.connect(self._recheck)
        hub.answer_saved.connect(lambda *_a: self._checks_timer.start())
        hub.set_changed.connect(lambda *_a: self._checks_timer.start())
        self.side.currentChanged.connect(self._side_tab_changed)
        self.left.currentChanged.connect(self._left_tab_changed)

    def _set_selected(self, set_id: int) -> None:
        self.sources.set_set(set_id if set_id >= 0 else None)
        self._checks_stale = True
        self._recheck()

    def _question_focused(self, set_id: int, number: int) -> None:
        self.similar.show_question(set_id, number)
        qs = self.workspace.qs
        question = qs.question(number) if qs is not None and qs.id == set_id else None
        if question is not None:
            self.sources.set_question_text(question.text)

    def _side_tab_changed(self, _index: int) -> None:
        if self.side.currentWidget() is self.checks and self._checks_stale:
            self._recheck()

    def _left_tab_changed(self, _index: int) -> None:
        if self.left.currentWidget() is self.due:
            self._fill_due()

    def _saved(self, _set_id: int, _key: str, stamp: str) -> None:
        self.save_label.setText(self.tr("Opgeslagen om %1").replace("%1", stamp))
        self.save_label.setStyleSheet("")

    def _save_failed(self, _set_id: int, key: str, message: str) -> None:
        self.save_label.setText(self.tr("Opslaan mislukt (antwoord %1) — tekst is bewaard").replace("%1", key))
        self.save_label.setStyleSheet("color: #a4262c; font-weight: 600")
        self.statusBar().showMessage(message, 10000)

    def _words(self, current: int, total: int) -> None:
        self.words_label.setText(self.tr("Antwoord: %1 woorden · Beantwoording: %2 woorden")
                                 .replace("%1", str(current)).replace("%2", str(total)))

    def refresh_sets(self) -> None:
        self.sets.set_sets(self.ctx.repo.list_sets())
        if self.left.currentWidget() is self.due:
            self._fill_due()

    def open_set(self, set_id: int) -> None:
        """Show set ``set_id`` in the workspace (the set list follows)."""
        if self.workspace.set_id == set_id:
            return
        self.workspace.load_set(set_id)
        self.sets.select(set_id, emit=False)
        qs = self.workspace.qs
        if qs is not None:
            self.setWindowTitle(self._title(qs.kenmerk or qs.subject or str(set_id)))
            self.settings.set(S.LAST_SET, str(set_id))
        self.hub.set_selected.emit(set_id)

    def start(self) -> None:
        """Fill the set list, open the last set (or the first), then the quiet work in the background."""
        from PySide6.QtCore import Qt

        self.refresh_sets()
        last = self.settings.get(S.LAST_SET)
        ids = [s.id for s in self.sets.model.sets]
        if last.isdigit() and int(last) in ids:
            self.open_set(int(last))
        elif ids:
            index = self.sets.proxy.index(0, 0)
            self.open_set(self.sets.proxy.data(index, Qt.ItemDataRole.UserRole + 2) or ids[0])
        self.notify_due_soon()
        # The network check reaches the system's network manager: not on the way to the first paint.
        QTimer.singleShot(3000, self.watch_network)

    # ------------------------------------------------------------------ layout and close

    def _restore_layout(self) -> None:
        geometry = self.settings.layout("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.layout("main/state")
        if state is not None:
            self.restoreState(state)
        self._restore_splitter()

    def _restore_splitter(self) -> None:
        split = self.settings.layout("main/splitter")
        if split is not None:
            self.splitter.restoreState(split)

    def save_layout(self) -> None:
        self.settings.set_layout("main/geometry", self.saveGeometry())
        self.settings.set_layout("main/state", self.saveState())
        self.settings.set_layout("main/splitter", self.splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        """Save every answer (no questions asked), the layout, then close."""
        from PySide6.QtCore import QThreadPool
        from PySide6.QtGui import QGuiApplication

        if self._closed:
            super().closeEvent(event)
            return
        self._closed = True
        if not self.attached:  # closed while starting: nothing to save but the layout
            self.save_layout()
            super().closeEvent(event)
            return
        if self.job is not None and self.job.running:
            # Stop between two batches (what was stored stays), rather than mid-transaction.
            self.job.cancel()
            self.job.wait(60)
        self.workspace.close_down()
        self.save_layout()
        if self.spell is not None:
            self.spell.stop()
        self.checks.shutdown()
        # A running fetch finishes its write rather than being cut off mid-transaction. (Closing
        # the panel would do the same, but would also hide it: Qt 6 closes the windows on quit,
        # before a screenshot is taken.)
        for pool in self.sources.findChildren(QThreadPool):
            pool.waitForDone(10000)
        close = getattr(self.sources.services, "close", None)
        if close is not None:
            close()
        self._background_pool.shutdown(wait=False, cancel_futures=True)
        app = QGuiApplication.instance()
        if self._read_only_editors is not None and app is not None:
            app.removeEventFilter(self._read_only_editors)
        super().closeEvent(event)
