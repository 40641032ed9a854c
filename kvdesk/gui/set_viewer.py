"""A stored set shown read-only, with one question (a search hit) in view.

Search results and earlier answers are usually published sets from the archive: they are
read, not edited. The viewer shows the set's particulars, then every question with its answer,
and scrolls to the hit, which is highlighted.
"""
from __future__ import annotations

import html
import logging

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from kvdesk.core import richtext
from kvdesk.core.model import QuestionSet
from kvdesk.gui.labels import numbers_text, status_text

log = logging.getLogger(__name__)

HIT_BACKGROUND = "#fff6c2"


def anchor_for(number: int) -> str:
    return f"vraag-{number}"


def set_html(qs: QuestionSet, hit: list[int] | None = None) -> str:
    """The set as HTML: particulars, then each question and the answer that covers it."""
    hit_set = set(hit or [])
    members = ", ".join(f"{m.name} ({m.party})" if m.party else m.name for m in qs.members) or "–"
    addressees = ", ".join(a.title for a in qs.addressees) or "–"
    submitted = qs.submitted_on.strftime("%d-%m-%Y") if qs.submitted_on else "–"
    parts = [f"<h2>{html.escape(qs.subject or qs.header or qs.key)}</h2>",
             "<table cellspacing=0 cellpadding=1>"]
    rows = (
        (QCoreApplication.translate("SetViewer", "Kenmerk"), qs.kenmerk or "–"),
        (QCoreApplication.translate("SetViewer", "Vragensteller(s)"), members),
        (QCoreApplication.translate("SetViewer", "Gericht aan"), addressees),
        (QCoreApplication.translate("SetViewer", "Ingezonden"), submitted),
        (QCoreApplication.translate("SetViewer", "Status"), status_text(qs.status)),
    )
    for label, value in rows:
        parts.append(f"<tr><td style='color:#5b6670;padding-right:12px'>{html.escape(label)}</td>"
                     f"<td>{html.escape(value)}</td></tr>")
    parts.append("</table>")
    shown: set[int] = set()
    for q in qs.questions:
        if q.number in shown:
            continue
        answer = qs.answer_for(q.number)
        numbers = [n for n in (answer.questions if answer else [q.number]) if qs.question(n) is not None]
        if q.number not in numbers:
            numbers = [q.number]
        shown.update(numbers)
        marked = bool(hit_set & set(numbers))
        style = f" style='background-color:{HIT_BACKGROUND}'" if marked else ""
        parts.append(f"<div{style}>")
        for n in numbers:
            question = qs.question(n)
            if question is None:
                continue
            heading = QCoreApplication.translate("SetViewer", "Vraag %1").replace("%1", str(n))
            parts.append(f"<a name='{anchor_for(n)}'></a><h3>{html.escape(heading)}</h3>"
                         f"<p>{html.escape(question.text)}</p>")
        heading = QCoreApplication.translate("SetViewer", "Antwoord %1").replace("%1", numbers_text(numbers))
        parts.append(f"<h3>{html.escape(heading)}</h3>")
        if answer is not None and answer.text.strip():
            for para in richtext.to_plain(answer.text, True).split("\n\n"):
                parts.append(f"<p>{html.escape(para).replace(chr(10), '<br>')}</p>")
        else:
            none_yet = QCoreApplication.translate("SetViewer", "(nog geen antwoord)")
            parts.append(f"<p><i>{html.escape(none_yet)}</i></p>")
        parts.append("</div>")
    return "".join(parts)


class SetViewer(QDialog):
    """One set, read-only, scrolled to ``hit``; "In werkruimte openen" for the user's own drafts."""

    openRequested = Signal(int)  # set id: show it in the workspace to work on it

    def __init__(self, qs: QuestionSet, hit: list[int] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qs = qs
        self.hit = list(hit or [])
        title = self.tr("%1 (alleen lezen)").replace("%1", qs.kenmerk or qs.subject or qs.key)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.resize(760, 720)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setReadOnly(True)
        self.browser.setAccessibleName(self.tr("Vragen en antwoorden, alleen lezen"))
        self.browser.setHtml(set_html(qs, self.hit))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.open_button = QPushButton(self.tr("In werkruimte openen"), self)
        self.open_button.setAccessibleName(self.tr("In werkruimte openen"))
        self.open_button.setToolTip(self.tr("Deze set openen om aan de antwoorden te werken"))
        self.open_button.clicked.connect(self._open)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def showEvent(self, event) -> None:  # Qt override
        super().showEvent(event)
        # The anchor's position is known only once the document is laid out at its width.
        QTimer.singleShot(0, self.scroll_to_hit)

    def scroll_to_hit(self) -> None:
        if self.hit:
            self.browser.scrollToAnchor(anchor_for(self.hit[0]))

    def _open(self) -> None:
        if self.qs.id is not None:
            self.openRequested.emit(self.qs.id)
        self.accept()
