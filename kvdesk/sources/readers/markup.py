"""Turning officielebekendmakingen markup into the text shape the parser reads.

Shared by the HTML and XML readers: block elements become paragraphs, footnote references
become "[N]", and the footnote texts are written at the end after a line of underscores.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class TextBuilder:
    """Collects paragraphs and footnotes while a document tree is walked."""

    paragraphs: list[str] = field(default_factory=list)
    notes: dict[int, str] = field(default_factory=dict)
    current: list[str] = field(default_factory=list)

    def text(self, s: str | None) -> None:
        if s:
            self.current.append(s)

    def end_paragraph(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.paragraphs.append(text)
        self.current = []

    def note(self, number: int, text: str) -> None:
        text = " ".join(text.split())
        if number not in self.notes and text:
            self.notes[number] = text

    def result(self) -> str:
        self.end_paragraph()
        lines: list[str] = []
        for p in self.paragraphs:
            lines.extend([p, ""])
        if self.notes:
            lines.extend(["__________", ""])
            for n in sorted(self.notes):
                lines.extend([f"[{n}] {self.notes[n]}", ""])
        return "\n".join(lines)
