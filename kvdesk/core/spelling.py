"""Dutch spell checking with spylls (pure-Python Hunspell) and the OpenTaal dictionary.

Loading the dictionary takes a few seconds, so it happens on first use or, better, in a
background thread started early (:meth:`SpellChecker.start_loading`); :attr:`SpellChecker.ready`
tells an editor whether it can underline yet without waiting. Lookups are cached (most text
repeats its words) and are safe from several threads: spylls keeps no state between calls once
the dictionary is read. Suggestions are slow (about a second) and belong off the GUI thread.

Words the dictionary cannot know are not reported: acronyms and names written with more than
one capital (``NZa``, ``DSA``) and single letters (what is left of ``2024Z18882``). A hyphenated
compound is accepted when each part is a word (``data-uitvraag``), and an abbreviation with
its full stop is looked up as such (``jl.``, ``nr.``).
"""
from __future__ import annotations

import logging
import os
import re
import sys
import tempfile
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = [
    "DictionaryUnavailable",
    "SpellChecker",
    "default_dictionary_dir",
    "default_checker",
    "tokenize",
]

log = logging.getLogger(__name__)

# Letters (ë, ï, é …), joined by hyphens, apostrophes or inner full stops ("o.a."), with an
# optional leading apostrophe for "'s" and "'t" and an optional trailing full stop.
_TOKEN = re.compile(
    r"(?<![^\W\d_])(?:['’](?=[stk](?:\b|-)))?[^\W\d_]+(?:[-'’.][^\W\d_]+)*\.?(?![^\W\d_])",
)
_LINKS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:nl|com|org|eu|net)\b\S*")


class DictionaryUnavailable(OSError):
    """The dictionary files are missing or cannot be read."""


def default_dictionary_dir() -> Path:
    """``resources/dictionaries/nl`` of the installation (or of a frozen bundle)."""
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) if bundle else Path(__file__).resolve().parents[2]
    return root / "resources" / "dictionaries" / "nl"


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """The words of ``text`` as ``(start, end, word)``; links and e-mail addresses are skipped."""
    masked = _LINKS.sub(lambda m: " " * len(m.group()), text)
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(masked)]


class SpellChecker:
    """A Dutch spell checker with a personal word list.

    ``dictionary_dir`` holds ``nl.aff`` and ``nl.dic``; ``personal_path`` (optional) is a UTF-8
    file with one word per line, read at construction and rewritten atomically when a word is
    added.
    """

    def __init__(
        self,
        dictionary_dir: Path | str | None = None,
        personal_path: Path | str | None = None,
        personal_words: Iterable[str] = (),
        cache_size: int = 100_000,
        language: str = "nl",
    ) -> None:
        self.dictionary_dir = Path(dictionary_dir) if dictionary_dir else default_dictionary_dir()
        self.language = language
        self.personal_path = Path(personal_path) if personal_path else None
        self._personal: set[str] = set()
        self._personal_lock = threading.Lock()
        self._dictionary: Any = None
        self._load_error: DictionaryUnavailable | None = None
        self._load_lock = threading.Lock()
        self._loader: threading.Thread | None = None
        self._lookup = lru_cache(maxsize=cache_size)(self._lookup_uncached)
        if self.personal_path and self.personal_path.exists():
            self._personal.update(_read_words(self.personal_path))
        self._personal.update(w.strip() for w in personal_words if w.strip())

    # ----------------------------------------------------------------- loading

    @property
    def ready(self) -> bool:
        """Whether the dictionary is loaded (checking will not wait)."""
        return self._dictionary is not None

    def load(self) -> None:
        """Read the dictionary now (blocking; once). Raises :class:`DictionaryUnavailable`."""
        if self._dictionary is not None:
            return
        with self._load_lock:
            if self._dictionary is not None:
                return
            if self._load_error is not None:
                raise self._load_error
            base = self.dictionary_dir / self.language
            aff, dic = base.with_suffix(".aff"), base.with_suffix(".dic")
            if not aff.is_file() or not dic.is_file():
                self._load_error = DictionaryUnavailable(f"dictionary not found: {aff} / {dic}")
                raise self._load_error
            try:
                from spylls.hunspell import Dictionary

                self._dictionary = Dictionary.from_files(str(base))
            except Exception as exc:  # spylls raises plain exceptions on bad files
                self._load_error = DictionaryUnavailable(f"cannot read dictionary {base}: {exc}")
                raise self._load_error from exc
            log.debug("spelling dictionary loaded from %s", base)

    def start_loading(self) -> threading.Thread:
        """Load in a daemon thread (idempotent); failures are logged and raised on next use."""
        with self._load_lock:
            if self._loader is None:
                self._loader = threading.Thread(target=self._load_quietly, name="spelling-load", daemon=True)
                self._loader.start()
            return self._loader

    def _load_quietly(self) -> None:
        try:
            self.load()
        except DictionaryUnavailable as exc:
            log.warning("spell checking unavailable: %s", exc)

    def with_personal_list(
        self, personal_path: Path | str | None = None, personal_words: Iterable[str] = ()
    ) -> SpellChecker:
        """A checker with another personal word list that shares this one's loaded dictionary."""
        self.load()
        other = SpellChecker(self.dictionary_dir, personal_path, personal_words, language=self.language)
        other._dictionary = self._dictionary
        other._lookup = self._lookup  # the cache holds dictionary answers only: safe to share
        return other

    # ----------------------------------------------------------------- checking

    def _lookup_uncached(self, word: str) -> bool:
        return bool(self._dictionary.lookup(word))

    def _known(self, word: str) -> bool:
        if self._is_personal(word):
            return True
        return self._lookup(word.replace("’", "'")) or ("’" in word and self._lookup(word))

    def _is_personal(self, word: str) -> bool:
        personal = self._personal
        if word in personal:
            return True
        if word[:1].isupper() and word[:1].lower() + word[1:] in personal:
            return True  # sentence-initial capital
        return word.isupper() and word.lower() in personal

    def cache_info(self) -> Any:
        """Hits, misses and size of the lookup cache (``functools`` cache info)."""
        return self._lookup.cache_info()

    def is_correct(self, word: str, *, wait: bool = True) -> bool:
        """Whether ``word`` is spelled correctly.

        Loads the dictionary if needed; with ``wait=False`` (an editor underlining while the
        dictionary is still loading) it starts loading in the background and meanwhile
        accepts every word.
        """
        word = word.strip()
        if not word or _ignored(word):
            return True
        if not wait and self._dictionary is None:
            if self._load_error is None:
                self.start_loading()
            return True
        self.load()
        if self._known(word):
            return True
        bare = word.rstrip(".")
        if bare != word and bare and (_ignored(bare) or self._known(bare)):
            return True
        parts = [p for p in re.split(r"[-.]", bare) if p]
        if len(parts) > 1:
            return all(_ignored(p) or self._known(p) for p in parts)
        return False

    def misspelled_spans(self, text: str, *, wait: bool = True) -> list[tuple[int, int, str]]:
        """``(start, end, word)`` of each misspelled word in ``text``, for underlining."""
        return [(s, e, w) for s, e, w in tokenize(text) if not self.is_correct(w, wait=wait)]

    def misspelled_words(self, text: str, *, wait: bool = True) -> list[str]:
        """The distinct misspelled words of ``text``, in order of first occurrence."""
        seen: dict[str, None] = {}
        for _s, _e, word in self.misspelled_spans(text, wait=wait):
            seen.setdefault(word.rstrip("."), None)
        return list(seen)

    def suggest(self, word: str, limit: int = 5) -> list[str]:
        """Up to ``limit`` corrections for ``word`` (slow: about a second; not on the GUI thread)."""
        word = word.strip()
        if not word or limit <= 0:
            return []
        self.load()
        out: list[str] = []
        for candidate in self._dictionary.suggest(word):
            if candidate not in out and candidate != word:
                out.append(candidate)
            if len(out) >= limit:
                break
        return out

    # ----------------------------------------------------------------- personal word list

    @property
    def personal_words(self) -> list[str]:
        return sorted(self._personal, key=str.casefold)

    def add_personal_word(self, word: str) -> None:
        """Accept ``word`` from now on (and save the list when it has a file)."""
        word = word.strip()
        if not word or word in self._personal:
            return
        with self._personal_lock:
            # Replace the set rather than mutate it, so readers on other threads never see
            # it change under them.
            self._personal = self._personal | {word}
            self._save_personal()

    def remove_personal_word(self, word: str) -> None:
        with self._personal_lock:
            if word in self._personal:
                self._personal = self._personal - {word}
                self._save_personal()

    def _save_personal(self) -> None:
        if self.personal_path is None:
            return
        path = self.personal_path
        path.parent.mkdir(parents=True, exist_ok=True)
        text = "".join(w + "\n" for w in sorted(self._personal, key=str.casefold))
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _ignored(word: str) -> bool:
    """Words a dictionary cannot judge: single letters, acronyms, CamelCase names."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 2:
        return True
    return sum(1 for c in letters if c.isupper()) >= 2 and "-" not in word


def _read_words(path: Path) -> set[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        log.warning("cannot read personal word list %s: %s", path, exc)
        return set()
    return {ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")}


_DEFAULT: SpellChecker | None = None
_DEFAULT_LOCK = threading.Lock()


def default_checker() -> SpellChecker:
    """One shared checker for the application (the dictionary is large: load it once)."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = SpellChecker()
        return _DEFAULT
