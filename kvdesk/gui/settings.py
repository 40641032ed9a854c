"""The application's settings: declared once, typed, with defaults, stored with QSettings.

Preferences live under ``prefs/``; window geometry and other layout state under ``layout/``,
apart from the preferences. The file carries a version stamp; :data:`UPGRADES` brings an older
file up to date when it is opened.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

log = logging.getLogger(__name__)

T = TypeVar("T")

VERSION = 1
SETTINGS_FILENAME = "kvdesk.ini"


@dataclass(frozen=True)
class Option(Generic[T]):
    """One preference: its key, its type and its default."""

    key: str
    default: T
    kind: type
    choices: tuple[Any, ...] = ()

    def convert(self, raw: Any) -> T:
        """The stored value in this option's type; the default when it cannot be read."""
        if raw is None:
            return self.default
        try:
            if self.kind is bool:
                value: Any = raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes", "ja")
            elif self.kind is int:
                value = int(raw)
            elif self.kind is float:
                value = float(raw)
            else:
                value = str(raw)
        except (TypeError, ValueError):
            log.warning("setting %s has an unreadable value %r; using %r", self.key, raw, self.default)
            return self.default
        if self.choices and value not in self.choices:
            return self.default
        return value  # type: ignore[no-any-return]


# Every preference kvdesk has. A new one is one line here.
LANGUAGE = Option("language", "nl", str, ("nl", "en"))
AUTOSAVE_MS = Option("autosave_ms", 1000, int)
JOURNAL_MS = Option("journal_ms", 300, int)
SPELLCHECK = Option("spellcheck", True, bool)
LAST_SET = Option("last_set", "", str)
SET_SORT_COLUMN = Option("set_sort_column", 3, int)
EDITOR_FONT_PT = Option("editor_font_pt", 10, int)

OPTIONS: tuple[Option[Any], ...] = (
    LANGUAGE, AUTOSAVE_MS, JOURNAL_MS, SPELLCHECK, LAST_SET, SET_SORT_COLUMN, EDITOR_FONT_PT,
)


def _upgrade_0_to_1(store: QSettings) -> None:
    """Version 0 had no groups: move loose preference keys under ``prefs/``."""
    for option in OPTIONS:
        if store.contains(option.key):
            store.setValue(f"prefs/{option.key}", store.value(option.key))
            store.remove(option.key)


UPGRADES: dict[int, Callable[[QSettings], None]] = {0: _upgrade_0_to_1}


def default_settings_path() -> Path:
    """``kvdesk.ini`` in the user's configuration folder (per user, roaming on Windows)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(base) / "kvdesk" / SETTINGS_FILENAME


class Settings:
    """Typed access to the settings file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_settings_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.store = QSettings(str(self.path), QSettings.Format.IniFormat)
        self._upgrade()

    def _upgrade(self) -> None:
        version = int(str(self.store.value("meta/version", 0) or 0))
        if version == 0 and not self.store.allKeys():
            self.store.setValue("meta/version", VERSION)
            return
        while version < VERSION:
            step = UPGRADES.get(version)
            if step is not None:
                log.info("upgrading settings %s from version %d", self.path, version)
                step(self.store)
            version += 1
        self.store.setValue("meta/version", VERSION)

    @property
    def version(self) -> int:
        return int(str(self.store.value("meta/version", VERSION)))

    def get(self, option: Option[T]) -> T:
        return option.convert(self.store.value(f"prefs/{option.key}"))

    def set(self, option: Option[T], value: T) -> None:
        if option.choices and value not in option.choices:
            raise ValueError(f"{option.key} must be one of {option.choices}")
        self.store.setValue(f"prefs/{option.key}", value)

    # Layout state: window geometry, splitter positions, by name; kept apart from preferences.

    def layout(self, name: str) -> QByteArray | None:
        value = self.store.value(f"layout/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_layout(self, name: str, value: QByteArray) -> None:
        self.store.setValue(f"layout/{name}", value)

    def sync(self) -> None:
        self.store.sync()
