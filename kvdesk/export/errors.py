"""Typed errors of the export, each with a one-line message a user can act on.

The callers (CLI, GUI) show :attr:`ExportError.user_message`; the GUI can inspect the typed
fields (for example :attr:`TargetLockedError.alternative`) to offer a way out.
"""
from __future__ import annotations

from pathlib import Path


class ExportError(Exception):
    """Base class: something kept the export from being written."""

    @property
    def user_message(self) -> str:
        """One line, Dutch, for the status bar, a message box or stderr."""
        return str(self)


class ExportInputError(ExportError):
    """The question set or an argument cannot make a letter (e.g. a delay notice without reason)."""


class ProfileError(ExportError):
    """A house-style profile cannot be found or read."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class TemplateError(ExportError):
    """The profile's Word template (.dotx/.docx) cannot be opened."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class TargetLockedError(ExportError):
    """The target file is open in another program (Word locks it); nothing was overwritten.

    ``alternative`` is a free file name next to it that the caller may offer instead.
    """

    def __init__(self, path: Path, alternative: Path | None = None) -> None:
        self.path = Path(path)
        self.alternative = alternative
        hint = f" Kies een andere naam, bijvoorbeeld '{alternative.name}'." if alternative else ""
        super().__init__(f"'{self.path.name}' is geopend in een ander programma (bijvoorbeeld Word) en kan niet worden overschreven.{hint}")


class WriteError(ExportError):
    """The file could not be written (disk full, folder missing or read-only)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"Kan '{self.path}' niet schrijven: {reason}")


class ConverterMissingError(ExportError):
    """No program to convert .docx to PDF (LibreOffice) is installed."""

    def __init__(self) -> None:
        super().__init__(
            "PDF maken kan niet: LibreOffice (soffice) is niet gevonden. "
            "Installeer LibreOffice of exporteer alleen naar Word."
        )


class ConversionError(ExportError):
    """The converter ran but did not produce a PDF."""

    def __init__(self, source: Path, detail: str) -> None:
        self.source = Path(source)
        self.detail = detail
        super().__init__(f"PDF maken van '{self.source.name}' is mislukt: {detail}")
