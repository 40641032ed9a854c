"""The errors of the storage layer, importable without SQLAlchemy (the command line stays fast).

Every ``str()`` is one line that says what to do.
"""
from __future__ import annotations

from pathlib import Path


class DatabaseError(Exception):
    """The database cannot be used; ``str()`` is a one-line message that says what to do."""


class DatabaseDamaged(DatabaseError):
    """``quick_check`` failed: the file is damaged. A backup can be restored."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"De database {path} is beschadigd ({detail}). Zet de nieuwste back-up terug "
            f"(kvdesk restore) of neem contact op met de servicedesk."
        )
        self.path = path
        self.detail = detail


class NotFound(LookupError):
    """No set (or question) with that key; ``str()`` is a one-line message."""


class Conflict(ValueError):
    """The write contradicts what is stored (e.g. a kenmerk that already exists)."""
