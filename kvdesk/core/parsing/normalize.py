"""Text normalisation: odd spaces, glued and hyphenated words, and joining wrapped lines.

Text reaches the parser from e-mail pastes (non-breaking and zero-width spaces), from Word
(tabs, soft hyphens) and from PDF extraction (words glued where a line break was lost, words
hyphenated at a line end). Everything here is conservative: a repair is made only where it
cannot change a correct text.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Callable

log = logging.getLogger(__name__)

_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\v]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff\ue000-\uf8ff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# A spacing accent printed apart from its letter by PDF extraction: "Kostic ´" for "Kostić".
_LOOSE_ACCENT = re.compile(r"(?<=[A-Za-z]) ?([\u00b4\u00a8\u02c7\u02dc\u02c6])(?=\s|$|[,.)])")
_COMBINING = {"\u00b4": "\u0301", "\u00a8": "\u0308", "\u02c7": "\u030c", "\u02dc": "\u0303", "\u02c6": "\u0302"}
_SPACE_BEFORE_PUNCT = re.compile(r"(\S) +(?=[,;](?:\s|$)|[?!](?:\s|$|\d))", re.M)

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]
_MONTH_ALT = "|".join(MONTHS)

_URL = re.compile(r"(?:h?ttps?://|www\.)[^\s<>\"«»]+", re.I)
# Short words that PDF extraction glues to a following capitalised word: "enVolksgezondheid".
_FUNCTION_WORDS = frozenset(
    ["van", "en", "de", "het", "een", "voor", "over", "aan", "op", "in", "met", "te", "om", "door", "bij", "naar", "uit", "tot", "als", "dat", "die", "is", "zijn", "of", "uw", "ook", "niet", "wel", "dit", "deze", "zij", "hun", "heeft", "wordt"]
)
_LOWER_UPPER = re.compile(r"\b([a-z]{1,6})(?=[A-Z])([A-Z][a-zà-ÿ])")
_MONTH_YEAR = re.compile(rf"\b({_MONTH_ALT})((?:19|20)\d\d)\b", re.I)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})({_MONTH_ALT})\b", re.I)
_LETTER_DIGIT = re.compile(r"[A-Za-z]\d|\d[A-Za-z]")
_WORD_YEAR = re.compile(r"([a-z]{2})((?:19|20)\d\d)\b")
_QUESTION_GLUE = re.compile(r"([?!])(?=[A-Z«“‘\"][a-zà-ÿ«“‘\"]?)")
_SENTENCE_GLUE = re.compile(r"([a-zà-ÿ)]{2})\.(?=[A-Z][a-zà-ÿ]{2})")
_HYPHENATED = re.compile(r"(?<![\w\-/.])([A-Za-zÀ-ÿ]?[a-zà-ÿ]+)-([a-zà-ÿ]{2,})(?![\w\-/])")
_WORDS = re.compile(r"\w+(?:-\w+)*")

_VOWELS = set("aeiouyàáâäèéêëìíîïòóôöùúûü")
# Prefixes that keep their hyphen before a lowercase word ("ex-minister", "oud-voorzitter").
_HYPHEN_PREFIXES = {"ex", "oud", "vice", "anti", "non", "pro", "co", "niet", "semi", "pseudo", "extra", "super", "zelf"}


def normalize_text(text: str) -> str:
    """Unify line ends and spaces, drop invisible and control characters, compose accents."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _CONTROL.sub("", text)
    if "\u00b4" in text or "\u00a8" in text or "\u02c7" in text:
        text = _LOOSE_ACCENT.sub(lambda m: _COMBINING[m.group(1)], text)
    text = unicodedata.normalize("NFC", text)
    lines = [" ".join(line.split()) if "  " in line or line[:1] == " " or line[-1:] == " " else line
             for line in text.split("\n")]
    return _SPACE_BEFORE_PUNCT.sub(r"\1", "\n".join(lines))


def _outside_urls(line: str, fix: Callable[[str], str]) -> str:
    """Apply ``fix`` to the parts of ``line`` that are not URLs."""
    if "://" not in line and "www." not in line:
        return fix(line)
    out: list[str] = []
    last = 0
    for m in _URL.finditer(line):
        out.append(fix(line[last:m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(fix(line[last:]))
    return "".join(out)


def _glued_function_word(m: re.Match[str]) -> str:
    return f"{m.group(1)} {m.group(2)}" if m.group(1) in _FUNCTION_WORDS else m.group(0)


def _repair_glue(part: str) -> str:
    part = _LOWER_UPPER.sub(_glued_function_word, part)
    if _LETTER_DIGIT.search(part):
        part = _MONTH_YEAR.sub(r"\1 \2", part)
        part = _DAY_MONTH.sub(r"\1 \2", part)
        part = _WORD_YEAR.sub(r"\1 \2", part)
    if "?" in part or "!" in part:
        part = _QUESTION_GLUE.sub(r"\1 ", part)
    if "." in part:
        part = _SENTENCE_GLUE.sub(r"\1. ", part)
    return part


def repair_glue(line: str) -> str:
    """Put back spaces that PDF extraction lost where that is certain.

    Covers a short function word glued to a capitalised word ("vanBinnenlandse"), a month glued
    to its year ("november2024"), a word glued to a year ("in2015") and a sentence glued to the
    next one ("tevoeren?Bent"). Lowercase words glued together ("nietwordt") are left alone:
    splitting them needs a dictionary and would be a guess.
    """
    return _outside_urls(line, _repair_glue)


class Dehyphenator:
    """Decides whether a hyphen between two word parts was put there by line breaking.

    It knows the words of the whole document: a joined form that occurs elsewhere confirms the
    join; a hyphenated form that occurs twice or more is a real compound. Otherwise Dutch
    spelling decides: a hyphen between two vowels ("zee-egel", "bni-indexatie") is real, as is
    one after a capital or a digit ("EU-privacyregels", "2024-2025") or after a known prefix.
    """

    def __init__(self, text: str) -> None:
        self._counts: Counter[str] = Counter(_WORDS.findall(text.lower()))

    def should_join(self, left: str, right: str) -> bool:
        if not left or not right or not left[-1].isalpha() or not right[0].isalpha():
            return False
        if not right[0].islower() or not right.isalpha():
            return False
        word = left.rsplit(maxsplit=1)[-1] if " " in left else left
        word = word.rsplit("-", 1)[-1]
        if not word.isalpha() or (len(word) > 1 and word[1:].lower() != word[1:]):
            return False  # "EU-", "ICT-", "Noord-": a capitalised part keeps its hyphen
        lw, lr = word.lower(), right.lower()
        if self._counts.get(lw + lr, 0) > 0:
            return True
        if self._counts.get(f"{lw}-{lr}", 0) >= 2:
            return False
        if lw[-1] in _VOWELS and lr[0] in _VOWELS:
            return False
        if lw in _HYPHEN_PREFIXES or len(lw) < 3 or not (_VOWELS & set(lw)):
            return False
        return True

    def fix_inline(self, line: str) -> str:
        """Join words hyphenated at a lost line break ("proble-men" becomes "problemen")."""
        if "-" not in line:
            return line

        def one(m: re.Match[str]) -> str:
            return m.group(1) + m.group(2) if self.should_join(m.group(1), m.group(2)) else m.group(0)

        return _outside_urls(line, lambda part: _HYPHENATED.sub(one, part))


_URLISH_END = re.compile(r"(?:h?ttps?://|www\.)\S*[\w/\-=?&#%.]$")


def join_lines(lines: list[str], dehyphenator: Dehyphenator | None = None) -> str:
    """Join wrapped lines into one paragraph, restoring hyphenation and broken URLs."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[0].isalpha():
            left = re.split(r"[\s(«“‘'\"]", out[:-1])[-1]
            if _URLISH_END.search(out):
                out += line
            elif dehyphenator is not None and dehyphenator.should_join(left, re.split(r"[^\w]", line, maxsplit=1)[0]):
                out = out[:-1] + line
            else:
                out += line  # a real hyphen: "EU-" + "privacyregels"
        elif _URLISH_END.search(out) and not out.endswith((".", ",")) and line[0] in "abcdefghijklmnopqrstuvwxyz0123456789/-_?=&%#":
            out += line  # a URL broken over two lines
        else:
            out += " " + line
    return out
