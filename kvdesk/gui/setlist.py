"""The left panel: the stored question sets as a Qt item model, with filter, sort and counts."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from kvdesk.core.deadlines import DeadlineStatus, DueBucket, deadline_for
from kvdesk.core.model import SET_STATUSES
from kvdesk.gui.labels import QT_TRANSLATE_NOOP, status_text

if TYPE_CHECKING:
    # Only a type here: importing the repository would pull SQLAlchemy into the first window.
    from kvdesk.storage.repository import SetSummary

COLUMNS = (
    QT_TRANSLATE_NOOP("SetListModel", "Kenmerk"),
    QT_TRANSLATE_NOOP("SetListModel", "Onderwerp"),
    QT_TRANSLATE_NOOP("SetListModel", "Vragenstellers"),
    QT_TRANSLATE_NOOP("SetListModel", "Termijn"),
    QT_TRANSLATE_NOOP("SetListModel", "Status"),
    QT_TRANSLATE_NOOP("SetListModel", "Beantwoord"),
)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3  # the stored status, whatever the interface's language

Index = QModelIndex | QPersistentModelIndex


def _quick_status(s: SetSummary, today: dt.date) -> DeadlineStatus | None:
    deadline = deadline_for(s)  # type: ignore[arg-type]
    if deadline is None:
        return None
    days = (deadline - today).days
    working = days * 5 // 7  # an estimate for the colour only; the set's header counts exactly
    bucket = None if s.status == "verzonden" else (
        DueBucket.TE_LAAT if days < 0 else DueBucket.VANDAAG if days == 0 else DueBucket.LATER)
    return DeadlineStatus(deadline, s.delay_notice_on is not None or s.status == "uitstel gemeld", today, days,
                          working, bucket)


def deadline_colour(status: DeadlineStatus | None) -> QColor | None:
    """Red when overdue or due today, orange within two working days, amber within five."""
    if status is None or status.sent:
        return None
    if status.overdue or status.calendar_days_left <= 0:
        return QColor("#fde7e9")
    if status.working_days_left <= 2:
        return QColor("#fff1e0")
    if status.working_days_left <= 5:
        return QColor("#fff9db")
    return None


class SetListModel(QAbstractTableModel):
    """One row per stored set (:class:`~kvdesk.storage.repository.SetSummary`)."""

    def __init__(self, parent: Any = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.sets: list[SetSummary] = []
        self.deadlines: list[DeadlineStatus | None] = []
        self.today = today

    def set_sets(self, sets: list[SetSummary]) -> None:
        self.beginResetModel()
        self.sets = list(sets)
        today = self.today or dt.date.today()
        # Calendar days only: the working-day calendar (holidays) costs most of a second to load,
        # which the list must not add to the start.
        self.deadlines = [_quick_status(s, today) for s in self.sets]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.sets)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            from PySide6.QtCore import QCoreApplication

            return QCoreApplication.translate("SetListModel", COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s = self.sets[index.row()]
        deadline = self.deadlines[index.row()]
        col = index.column()
        if role == ID_ROLE:
            return s.id
        if role == STATUS_ROLE:
            return s.status
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == 0:
                return s.kenmerk or f"#{s.id}"
            if col == 1:
                return s.subject or ""
            if col == 2:
                return ", ".join(f"{m.name} ({m.party})" if m.party else m.name for m in s.members)
            if col == 3:
                if deadline is None:
                    return "–"
                date = deadline.deadline.strftime("%d-%m-%Y")
                if deadline.sent:
                    return date
                return f"{date} ({deadline.calendar_days_left:+d} d)"
            if col == 4:
                return status_text(s.status)
            if col == 5:
                return f"{s.answered_count}/{s.question_count}"
        if role == SORT_ROLE:
            if col == 3:
                return deadline.deadline.toordinal() if deadline else 10**9
            if col == 5:
                return s.answered_count / s.question_count if s.question_count else 0.0
            if col == 4:
                return SET_STATUSES.index(s.status) if s.status in SET_STATUSES else 99
            return str(self.data(index, Qt.ItemDataRole.DisplayRole)).casefold()
        if role == Qt.ItemDataRole.BackgroundRole and col == 3:
            colour = deadline_colour(deadline)
            return QBrush(colour) if colour is not None else None
        return None

    def counts(self) -> Counter[str]:
        return Counter(s.status for s in self.sets)


class SetFilter(QSortFilterProxyModel):
    """Free text over every column, and one status (or all)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.status: str | None = None
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)

    def set_status(self, status: str | None) -> None:
        if hasattr(self, "endFilterChange"):  # Qt 6.10 and later, where invalidateFilter() is deprecated
            self.beginFilterChange()
            self.status = status
            self.endFilterChange()
        else:
            self.status = status
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = self.sourceModel()
        if self.status is not None and model.index(row, 4, parent).data(STATUS_ROLE) != self.status:
            return False
        return super().filterAcceptsRow(row, parent)


class SetListPanel(QWidget):
    """The sets: a filter field, a status choice, the table and the counts per status."""

    set_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Vragensets"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.setSpacing(6)
        title = QLabel(self.tr("Vragensets"))
        title.setObjectName("panelTitle")
        layout.addWidget(title)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter op kenmerk, onderwerp, lid…"))
        self.filter.setAccessibleName(self.tr("Sets filteren"))
        self.filter.setClearButtonEnabled(True)
        layout.addWidget(self.filter)
        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("Filter op status"))
        self.status.addItem(self.tr("Alle statussen"), None)
        for st in SET_STATUSES:
            self.status.addItem(status_text(st), st)
        layout.addWidget(self.status)
        self.model = SetListModel(self)
        self.proxy = SetFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTreeView()
        self.view.setModel(self.proxy)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAccessibleName(self.tr("Lijst van vragensets"))
        self.view.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.header().setStretchLastSection(False)
        self.view.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        layout.addWidget(self.view, 1)
        self.counts = QLabel()
        self.counts.setObjectName("counts")
        self.counts.setWordWrap(True)
        self.counts.setAccessibleName(self.tr("Aantallen per status"))
        layout.addWidget(self.counts)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.status.currentIndexChanged.connect(lambda _i: self.proxy.set_status(self.status.currentData()))
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)

    def set_sets(self, sets: list[SetSummary]) -> None:
        chosen = self.current_id()
        self.view.selectionModel().blockSignals(True)
        self.model.set_sets(sets)
        self.view.selectionModel().blockSignals(False)
        for col, width in enumerate((96, 200, 150, 128, 110, 80)):
            self.view.setColumnWidth(col, width)
        counts = self.model.counts()
        parts = [f"{status_text(st)}: {counts[st]}" for st in SET_STATUSES if counts.get(st)]
        total = self.tr("%1 sets").replace("%1", str(len(sets)))
        self.counts.setText(" · ".join([total, *parts]))
        if chosen is not None:
            self.select(chosen, emit=False)

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select(self, set_id: int, *, emit: bool = True) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ID_ROLE) == set_id:
                if not emit:
                    self.view.selectionModel().blockSignals(True)
                self.view.setCurrentIndex(index)
                self.view.selectionModel().blockSignals(False)
                return True
        return False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.set_chosen.emit(current.data(ID_ROLE))
