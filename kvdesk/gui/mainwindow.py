"""The main window: sets on the left, the workspace in the centre, sources and earlier answers right.

The signal hub is wired here and nowhere else. Menus, toolbar and shortcuts follow Windows
conventions; every action is reachable from the keyboard.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from kvdesk import __version__
from kvdesk.core.model import Answer
from kvdesk.gui import settings as S
from kvdesk.gui.history import HistoryDialog
from kvdesk.gui.hub import Hub
from kvdesk.gui.operations import Executor
from kvdesk.gui.setlist import SetListPanel
from kvdesk.gui.spellcheck import SpellService
from kvdesk.gui.workspace import AnswerRow, Workspace
from kvdesk.services import drafting
from kvdesk.services.context import Context

log = logging.getLogger(__name__)

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


class SidePanel(QTabWidget):
    """The right panel: the set's sources and earlier answers (filled by their own panels)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Bronnen en eerdere antwoorden"))
        self.setDocumentMode(True)
        self.sources_placeholder = self._empty(self.tr(
            "Bronnen\n\nHier verschijnen de artikelen en documenten waarnaar de vragen verwijzen, "
            "ook offline leesbaar. Deze functie is nog niet beschikbaar."))
        self.earlier_placeholder = self._empty(self.tr(
            "Eerdere antwoorden\n\nHier verschijnen de meest vergelijkbare eerder gegeven antwoorden bij de "
            "vraag waaraan u werkt. Deze functie is nog niet beschikbaar."))
        self.addTab(self.sources_placeholder, self.tr("Bronnen"))
        self.addTab(self.earlier_placeholder, self.tr("Eerdere antwoorden"))

    def _empty(self, text: str) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        label = QLabel(text)
        label.setObjectName("sideEmpty")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(label)
        layout.addStretch(1)
        page.setAccessibleName(text.split("\n", 1)[0])
        return page

    def set_panel(self, index: int, widget: QWidget, title: str) -> None:
        """Put a real panel in place of a placeholder (0: sources, 1: earlier answers)."""
        old = self.widget(index)
        self.removeTab(index)
        self.insertTab(index, widget, title)
        if old is not None:
            old.deleteLater()


class MainWindow(QMainWindow):
    """kvdesk's main window."""

    def __init__(
        self,
        ctx: Context,
        settings: S.Settings,
        executor: Executor,
        journal: drafting.Journal,
        *,
        spell: SpellService | None = None,
        log_path: object = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings = settings
        self.executor = executor
        self.journal = journal
        self.spell = spell
        self.log_path = log_path
        self.hub = Hub(self)
        self.setWindowTitle("kvdesk")
        self.setAccessibleName(self.tr("kvdesk hoofdvenster"))
        self.setStyleSheet(STYLE)
        self.resize(1440, 880)

        self.sets = SetListPanel()
        self.workspace = Workspace(
            ctx, executor, hub=self.hub, journal=journal, spell=spell,
            autosave_ms=settings.get(S.AUTOSAVE_MS), journal_ms=settings.get(S.JOURNAL_MS),
            history_opener=self.open_history,
        )
        self.side = SidePanel()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sets)
        self.splitter.addWidget(self.workspace)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([380, 760, 300])
        self.setCentralWidget(self.splitter)

        self.save_label = QLabel(self.tr("Nog niets opgeslagen"))
        self.save_label.setAccessibleName(self.tr("Laatst opgeslagen"))
        self.words_label = QLabel()
        self.words_label.setAccessibleName(self.tr("Aantal woorden"))
        self.statusBar().addPermanentWidget(self.words_label)
        self.statusBar().addPermanentWidget(self.save_label)

        self._make_actions()
        self._wire()
        self._restore_layout()

    # ------------------------------------------------------------------ actions

    def _action(self, text: str, slot: Callable[[], object],
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                tip: str | None = None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        if tip:
            act.setStatusTip(tip)
            act.setToolTip(tip)
        act.triggered.connect(lambda _checked=False: slot())
        self.addAction(act)
        return act

    def _make_actions(self) -> None:
        ws = self.workspace
        K = QKeySequence.StandardKey
        self.act_import = self._action(self.tr("&Importeren…"), self._import_unavailable, K.Open,
                                       self.tr("Een vragenset importeren"))
        self.act_export = self._action(self.tr("&Exporteren…"), self._export_unavailable, "Ctrl+E",
                                       self.tr("Aanbiedingsbrief en antwoorden als Word-bestand"))
        self.act_quit = self._action(self.tr("&Afsluiten"), self.close, K.Quit)
        self.act_undo = self._action(self.tr("&Ongedaan maken"), lambda: self._on_editor("undo"), K.Undo)
        self.act_redo = self._action(self.tr("Opni&euw"), lambda: self._on_editor("redo"), "Ctrl+Y")
        self.act_find = self._action(self.tr("&Zoeken in set…"), ws.show_find, K.Find)
        self.act_combine = self._action(self.tr("&Combineer"), ws.combine, "Ctrl+Shift+M",
                                        self.tr("De aangevinkte vragen één antwoord geven"))
        self.act_split = self._action(self.tr("&Splitsen"), ws.split, "Ctrl+Shift+S",
                                      self.tr("Een gecombineerd antwoord weer per vraag"))
        self.act_history = self._action(self.tr("&Geschiedenis…"), self._history_current, "Ctrl+Shift+H")
        self.act_bold = self._action(self.tr("&Vet"), lambda: self._on_editor("toggle_bold"), K.Bold)
        self.act_italic = self._action(self.tr("&Cursief"), lambda: self._on_editor("toggle_italic"), K.Italic)
        self.act_bullets = self._action(self.tr("&Opsommingstekens"), lambda: self._on_editor("toggle_list", False),
                                        "Ctrl+Shift+L")
        self.act_numbers = self._action(self.tr("&Nummering"), lambda: self._on_editor("toggle_list", True),
                                        "Ctrl+Shift+N")
        self.act_quote = self._action(self.tr("&Citaat"), lambda: self._on_editor("toggle_quote"), "Ctrl+Shift+Q")
        self.act_link = self._action(self.tr("&Koppeling…"), self._insert_link, "Ctrl+K")
        self.act_footnote = self._action(self.tr("&Voetnoot"), lambda: self._on_editor("insert_footnote"),
                                         "Ctrl+Alt+F", self.tr("Een voetnoot invoegen op de cursor"))
        self.act_crossref = self._action(self.tr("&Zie het antwoord op vraag…"), self._insert_crossref, "Ctrl+Shift+R")
        self.act_next = self._action(self.tr("&Volgend antwoord"), lambda: ws.go(None, 1), "Ctrl+Down")
        self.act_prev = self._action(self.tr("V&orig antwoord"), lambda: ws.go(None, -1), "Ctrl+Up")
        self.act_spell = self._action(self.tr("&Spellingcontrole"), self._toggle_spell)
        self.act_spell.setCheckable(True)
        self.act_spell.setChecked(self.settings.get(S.SPELLCHECK))
        self.act_english = self._action(self.tr("&English interface"), self._toggle_language)
        self.act_english.setCheckable(True)
        self.act_english.setChecked(self.settings.get(S.LANGUAGE) == "en")
        self.act_about = self._action(self.tr("&Over kvdesk"), self._about)

        bar = self.menuBar()
        m = bar.addMenu(self.tr("&Bestand"))
        m.addActions([self.act_import, self.act_export])
        m.addSeparator()
        m.addAction(self.act_quit)
        m = bar.addMenu(self.tr("Be&werken"))
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addActions([self.act_find])
        m.addSeparator()
        m.addActions([self.act_combine, self.act_split, self.act_history])
        m = bar.addMenu(self.tr("&Opmaak"))
        m.addActions([self.act_bold, self.act_italic, self.act_bullets, self.act_numbers, self.act_quote])
        m = bar.addMenu(self.tr("&Invoegen"))
        m.addActions([self.act_footnote, self.act_link, self.act_crossref])
        m = bar.addMenu(self.tr("&Ga naar"))
        m.addActions([self.act_next, self.act_prev])
        self.extra_menu = bar.addMenu(self.tr("E&xtra"))
        self.extra_menu.addActions([self.act_spell, self.act_english])
        m = bar.addMenu(self.tr("&Help"))
        m.addAction(self.act_about)

        tools = QToolBar(self.tr("Werkbalk"))
        tools.setObjectName("mainToolbar")
        tools.setAccessibleName(self.tr("Werkbalk"))
        tools.setIconSize(QSize(16, 16))
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tools.setMovable(False)
        tools.addActions([self.act_bold, self.act_italic, self.act_bullets, self.act_numbers, self.act_quote])
        tools.addSeparator()
        tools.addActions([self.act_footnote, self.act_link])
        tools.addSeparator()
        tools.addActions([self.act_combine, self.act_split, self.act_history])
        tools.addSeparator()
        tools.addAction(self.act_find)
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
        editor = self.workspace.current_editor()
        if editor is None:
            return
        url, ok = QInputDialog.getText(self, self.tr("Koppeling invoegen"), self.tr("Adres (URL):"))
        if ok and url.strip():
            editor.insert_link(url)

    def _insert_crossref(self) -> None:
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
        if self.workspace.qs is None or self.workspace.qs.id is None:
            return None

        def restored(answer: Answer) -> None:
            self.workspace.replace_text(row, answer.text)
            self.hub.set_changed.emit(self.workspace.qs.id if self.workspace.qs else -1)

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

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("Over kvdesk"), self.tr(
            "kvdesk %1\nSchriftelijke Kamervragen beantwoorden.\n\nGegevensmap: %2\nLogbestand: %3"
        ).replace("%1", __version__).replace("%2", str(self.ctx.data_dir)).replace("%3", str(self.log_path)))

    def _import_unavailable(self) -> None:
        self.statusBar().showMessage(self.tr("Importeren vanuit het venster is nog niet beschikbaar; "
                                             "gebruik 'kvdesk import BESTAND'."), 6000)

    def _export_unavailable(self) -> None:
        self.statusBar().showMessage(self.tr("Exporteren vanuit het venster is nog niet beschikbaar; "
                                             "gebruik 'kvdesk export'."), 6000)

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

    def open_set(self, set_id: int) -> None:
        """Show set ``set_id`` in the workspace (the set list follows)."""
        if self.workspace.set_id == set_id:
            return
        self.workspace.load_set(set_id)
        self.sets.select(set_id, emit=False)
        qs = self.workspace.qs
        if qs is not None:
            self.setWindowTitle(f"kvdesk – {qs.kenmerk or qs.subject or set_id}")
            self.settings.set(S.LAST_SET, str(set_id))
        self.hub.set_selected.emit(set_id)

    def start(self) -> None:
        """Fill the set list and open the last set (or the first)."""
        self.refresh_sets()
        last = self.settings.get(S.LAST_SET)
        ids = [s.id for s in self.sets.model.sets]
        if last.isdigit() and int(last) in ids:
            self.open_set(int(last))
        elif ids:
            index = self.sets.proxy.index(0, 0)
            self.open_set(self.sets.proxy.data(index, Qt.ItemDataRole.UserRole + 2) or ids[0])

    # ------------------------------------------------------------------ layout and close

    def _restore_layout(self) -> None:
        geometry = self.settings.layout("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.layout("main/state")
        if state is not None:
            self.restoreState(state)
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
        self.workspace.close_down()
        self.save_layout()
        if self.spell is not None:
            self.spell.stop()
        super().closeEvent(event)
