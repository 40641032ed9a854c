"""Dutch spell checking with spylls (pure-Python Hunspell) and the OpenTaal dictionary.

Loading the dictionary takes a few seconds, so it happens on first use or, better, in a
background thread started early (:meth:`SpellChecker.start_loading`); :attr:`SpellChecker.ready`
tells an editor whether it can underline yet without waiting. Lookups are cached (most text
repeats its words) and are safe from several threads: spylls keeps no state between calls once
the dictionary is read. Suggestions are slow (about a second) and belong off the GUI thread.

The word list is held in a compact form (:class:`CompactDic`): spylls' own reader makes one
object, one flag set, one data dict and list per entry of the 180,000-word OpenTaal list
(about 160 MB); here each stem is one dictionary key whose value is a flag set shared by every
stem with the same flags, and spylls' objects are made only for the stems a lookup touches.
The application shares one checker (:func:`default_checker`) between the editors and the
checks, so the dictionary is in memory once.

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
                self._dictionary = load_dictionary(base)
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

    def use_personal_list(self, personal_path: Path | str) -> None:
        """Take the personal word list from ``personal_path`` (replacing the words held now)."""
        path = Path(personal_path)
        words = _read_words(path) if path.exists() else set()
        with self._personal_lock:
            self.personal_path = path
            self._personal = words

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


# ------------------------------------------------------------------ compact word store


class _Shape:
    """What a .dic entry says besides its stem: shared by every stem with the same flags."""

    __slots__ = ("alt_spellings", "captype", "data", "flags")

    def __init__(self, flags: frozenset[str], captype: Any, data: dict[str, list[str]] | None,
                 alt_spellings: list[str] | None) -> None:
        self.flags = flags
        self.captype = captype
        self.data = data
        self.alt_spellings = alt_spellings


class _Words:
    """The dictionary's words, made one at a time while iterated (suggestions scan them all)."""

    def __init__(self, dic: CompactDic, without: frozenset[str] = frozenset()) -> None:
        self._dic = dic
        self._without = without

    def __iter__(self) -> Any:
        without = self._without
        dic = self._dic
        for stem in dic._entries:
            for shape in dic._shapes(stem):
                if not without or not without.intersection(shape.flags):
                    yield dic._word(stem, shape)

    def __len__(self) -> int:
        return sum(1 for _ in self) if self._without else self._dic.entry_count


# Marks a stem listed more than once in the .dic file; its shapes are in ``CompactDic._multi``.
_MANY = -1
# Separates the stems of one lower-case form (no stem contains it).
_SEP = "\0"


class CompactDic:
    """spylls' ``Dic`` (``homonyms``, ``has_flag``, ``words``) over a compact word table.

    ``entries`` maps each stem to the number of its :class:`_Shape` in ``shapes`` (or to
    ``_MANY``, with the numbers in ``multi``); ``lower`` maps the lower-case form of each stem
    with capitals to those stems, joined by ``"\\0"``. Holding only strings and shared ints, the
    two large tables are not tracked by the garbage collector, so a collection does not walk
    180,000 entries while the user types. spylls' ``Word`` objects are made on demand, not kept.
    """

    def __init__(self, entries: dict[str, int], multi: dict[str, tuple[int, ...]], lower: dict[str, str],
                 shapes: list[_Shape], entry_count: int) -> None:
        self._entries = entries
        self._multi = multi
        self._lower = lower
        self._shape_list = shapes
        self.entry_count = entry_count
        from spylls.hunspell.data.dic import Word

        self._word_class = Word

    def _word(self, stem: str, shape: _Shape) -> Any:
        return self._word_class(
            stem=stem, flags=shape.flags, captype=shape.captype,
            # Fresh containers: spylls' words are plain dataclasses, never to be shared mutable.
            data={} if shape.data is None else shape.data,
            alt_spellings=[] if shape.alt_spellings is None else shape.alt_spellings,
        )

    def _shapes(self, stem: str) -> list[_Shape]:
        number = self._entries.get(stem)
        if number is None:
            return []
        if number == _MANY:
            return [self._shape_list[n] for n in self._multi[stem]]
        return [self._shape_list[number]]

    def homonyms(self, stem: str, *, ignorecase: bool = False) -> list[Any]:
        """Every entry with this stem (or, with ``ignorecase``, whose lower-case stem is this)."""
        if ignorecase:
            joined = self._lower.get(stem)
            if joined is None:
                return []
            return [self._word(s, shape) for s in joined.split(_SEP) for shape in self._shapes(s)]
        return [self._word(stem, shape) for shape in self._shapes(stem)]

    def has_flag(self, stem: str, flag: str, *, for_all: bool = False) -> bool:
        shapes = self._shapes(stem)
        if not shapes:
            return False
        if for_all:
            return all(flag in shape.flags for shape in shapes)
        return any(flag in shape.flags for shape in shapes)

    @property
    def words(self) -> _Words:
        return _Words(self)

    def words_without(self, flags: Iterable[str]) -> _Words:
        """The words that carry none of ``flags`` (what suggestions may offer)."""
        return _Words(self, frozenset(flags))

    def __len__(self) -> int:
        return self.entry_count

    def __repr__(self) -> str:
        return f"CompactDic({self.entry_count} entries, {len(self._entries)} stems)"


def read_compact_dic(path: Path, aff: Any, context: Any) -> CompactDic:
    """Read a Hunspell ``.dic`` file as spylls' reader does, into a :class:`CompactDic`.

    Same parsing as ``spylls.hunspell.readers.dic.read_dic`` (flags, aliases, data tags, ``ph:``
    patterns added to ``aff.REP``, ignored characters), with one difference: spylls indexes the
    single letters of every lower-case stem as if they were its lower-case forms (so that, for
    example, ``FD`` passes); here only stems with capitals get lower-case forms, which is what
    the index is for.
    """
    from spylls.hunspell.algo.capitalization import Type as CapType
    from spylls.hunspell.data.aff import RepPattern
    from spylls.hunspell.readers.dic import COUNT_REGEXP, SLASH_REGEXP, TAG_REGEXP, parse_data

    entries: dict[str, int] = {}
    multi: dict[str, tuple[int, ...]] = {}
    lower: dict[str, str] = {}
    shapes: list[_Shape] = []
    # The same int object for every stem of one shape: ints above 256 are not shared otherwise.
    numbers: dict[tuple[frozenset[str], Any], int] = {}
    flag_sets: dict[str, frozenset[str]] = {}
    guess, lowercase, no_caps = aff.casing.guess, aff.casing.lower, CapType.NO
    count = 0
    with open(path, encoding=context.encoding, errors="surrogateescape") as fh:
        for num, raw in enumerate(fh, 1):
            if num == 1:
                raw = raw.replace("\xef\xbb\xbf", "").lstrip("\ufeff")
            line = raw.strip()
            if not line or (num == 1 and COUNT_REGEXP.match(line)):
                continue
            tags_match = TAG_REGEXP.search(line)
            tags_start = tags_match.start() if tags_match else None
            tab = line.find("\t")
            if tab != -1 and (not tags_start or tags_start > tab):
                tags_start = tab
            if tags_start:
                word, data = line[:tags_start], parse_data(line[tags_start:], aff.AM)
            else:
                word, data = line, {}
            flags = ""
            if not word.startswith("/"):
                parts = SLASH_REGEXP.split(word, 2)
                if len(parts) == 2:
                    word, flags = parts
            if r"\/" in word:
                word = word.replace(r"\/", "/")
            if context.ignore:
                word = word.translate(context.ignore.tr)
            captype = guess(word)
            alt: list[str] = []
            for pattern in data.get("ph", ()):
                if pattern.endswith("*"):
                    aff.REP.append(RepPattern(pattern[:-2], word[:-1]))
                elif "->" in pattern:
                    fro, _, to = pattern.partition("->")
                    aff.REP.append(RepPattern(fro, to))
                else:
                    aff.REP.append(RepPattern(pattern, word))
                    alt.append(pattern)
            flag_set = flag_sets.get(flags)
            if flag_set is None:
                flag_set = flag_sets[flags] = frozenset(context.parse_flags(flags))
            if data or alt:
                number = len(shapes)
                shapes.append(_Shape(flag_set, captype, dict(data), alt))
            else:
                found = numbers.get((flag_set, captype))
                if found is None:
                    found = numbers[(flag_set, captype)] = len(shapes)
                    shapes.append(_Shape(flag_set, captype, None, None))
                number = found
            before = entries.get(word)
            if before is None:
                entries[word] = number
            else:
                multi[word] = (*multi.get(word, (before,)), number)
                entries[word] = _MANY
            if captype != no_caps:
                for form in lowercase(word):
                    stems = lower.get(form)
                    if stems is None:
                        lower[form] = word
                    elif word not in stems.split(_SEP):
                        lower[form] = stems + _SEP + word
            count += 1
    return CompactDic(entries, multi, lower, shapes, count)


def load_dictionary(base: Path | str) -> Any:
    """A spylls ``Dictionary`` for ``base.aff``/``base.dic`` with the word list in compact form.

    Lookups and suggestions are spylls' own; only the word table differs (see
    :class:`CompactDic`). Raises ``OSError`` or spylls' errors for unreadable files.
    """
    from spylls.hunspell import Dictionary
    from spylls.hunspell.algo.lookup import Lookup
    from spylls.hunspell.algo.suggest import Suggest
    from spylls.hunspell.readers.aff import read_aff
    from spylls.hunspell.readers.file_reader import FileReader

    base = Path(base)
    reader = FileReader(str(base.with_suffix(".aff")))
    try:
        aff, context = read_aff(reader)
    finally:
        reader.io.close()
    dic = read_compact_dic(base.with_suffix(".dic"), aff, context)
    dictionary = Dictionary.__new__(Dictionary)
    dictionary.aff, dictionary.dic = aff, dic
    dictionary.lookuper = Lookup(aff, dic)
    # spylls' Suggest copies every word into a list up front; give it the lazy view instead.
    suggester = Suggest.__new__(Suggest)
    suggester.aff, suggester.dic, suggester.lookup = aff, dic, dictionary.lookuper
    suggester.words_for_ngram = dic.words_without(filter(None, [aff.FORBIDDENWORD, aff.NOSUGGEST, aff.ONLYINCOMPOUND]))
    dictionary.suggester = suggester
    return dictionary


_DEFAULT: SpellChecker | None = None
_DEFAULT_LOCK = threading.Lock()


# The user's personal word list, in the data folder: shared by the app's editors, its checks
# and ``kvdesk check``.
PERSONAL_WORDS_FILENAME = "persoonlijke-woorden.txt"


def default_checker(personal_path: Path | str | None = None) -> SpellChecker:
    """One shared checker for the application (the dictionary is large: load it once).

    The editors and the checks use this same instance. With ``personal_path`` the user's
    personal word list is attached to it (read now; later additions are saved there), so words
    the user added are accepted everywhere.
    """
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = SpellChecker(personal_path=personal_path)
        elif personal_path is not None:
            _DEFAULT.use_personal_list(personal_path)
        return _DEFAULT
