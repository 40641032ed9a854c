"""Footnotes: their definitions (at the end or at page bottoms) and their markers in the text.

Definitions come as "1) text", "[1] text", "[^1]: text", or, in PDF text, glued to their number
at the bottom of a page ("1Change, 24 januari 2024, …"). Markers come as "? 1)", "[1]",
superscript digits, digits glued to the word or sign before them ("failliet ging?1"), and in PDF
text as lines of bare digits ("2, 3 en 4") or a digit at the start of a line. A number is taken
for a marker only when a footnote with that number exists, so "m²" or "artikel 8" stay text.

A found marker is replaced by :func:`sentinel` so that later steps know where it stood.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from kvdesk.core.parsing.furniture import PAGE_BREAK, SEPARATOR
from kvdesk.core.parsing.normalize import Dehyphenator, join_lines

log = logging.getLogger(__name__)

_OPEN, _CLOSE = "\ue000", "\ue001"
SENTINEL = re.compile(_OPEN + r"(\d+)" + _CLOSE)

_DEF = re.compile(
    r"^(?:\[\^?(?P<b>\d{1,3})\s*\]:?|(?P<p>\d{1,3})\)|(?P<g>[1-9]\d{0,2})(?=[^\d\s.,:;)\]/%–-])|(?P<s>[1-9]\d{0,2})\s+(?=\S))"
    r"\s*(?P<text>.*)$"
)
_SUPER = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_URL = re.compile(r"(?:h?ttps?://|www\.)[^\s<>\"«»]+", re.I)
_REFERENCE_LIKE = re.compile(r"https?://|www\.|\b(?:19|20)\d\d\b|Kamerstuk|Aanhangsel|nr\.|bijlage", re.I)


def sentinel(number: int) -> str:
    """The in-text placeholder for a footnote marker."""
    return f"{_OPEN}{number}{_CLOSE}"


def strip_sentinels(text: str) -> str:
    """``text`` without footnote placeholders (and without the space left before them)."""
    return " ".join(re.sub(r"\s*" + SENTINEL.pattern, "", text).split(" ")) if _OPEN in text else text


@dataclass
class FootnoteDef:
    number: int
    text: str
    url: str | None


@dataclass
class Footnotes:
    defs: dict[int, FootnoteDef] = field(default_factory=dict)


def _def_match(line: str) -> tuple[int, str, str] | None:
    m = _DEF.match(line)
    if not m or not m.group("text").strip():
        return None
    for style in ("b", "p", "g", "s"):
        if m.group(style):
            return int(m.group(style)), m.group("text").strip(), style
    return None


def find_url(text: str) -> str | None:
    """The first web address in a footnote text, with a dropped "h" put back."""
    m = _URL.search(text)
    if not m:
        return None
    url = m.group(0).rstrip(").,;:'’”»]")
    if url.lower().startswith("ttp"):
        url = "h" + url
    if url.lower().startswith("www."):
        url = "https://" + url
    return url


def extract_definitions(lines: list[str], is_heading: Callable[[str], bool], dehyph: Dehyphenator,
                        pdf_layout: bool) -> tuple[list[str], Footnotes]:
    """Remove footnote definition blocks from ``lines``; returns the rest and the definitions.

    A block starts with the next footnote number and runs to the end of its page (or of the
    text), holding only definitions in sequence and their continuation lines.
    """
    notes = Footnotes()
    expected = 1
    out: list[str] = []
    page: list[str] = []
    for line in [*lines, PAGE_BREAK]:
        if line != PAGE_BREAK:
            page.append(line)
            continue
        kept, defs = _page_block(page, expected, is_heading, pdf_layout, out)
        if defs:
            for d in defs:
                number, body = d
                text = join_lines(body, dehyph)
                notes.defs[number] = FootnoteDef(number, text, find_url(text))
            expected = max(notes.defs) + 1
        out.extend(kept)
        out.append(PAGE_BREAK)
        page = []
    while out and out[-1] == PAGE_BREAK:
        out.pop()
    return out, notes


def _page_block(page: list[str], expected: int, is_heading: Callable[[str], bool], pdf_layout: bool,
                before: list[str]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    for i, line in enumerate(page):
        if line == SEPARATOR:
            continue
        d = _def_match(line)
        if not d or d[0] != expected:
            continue
        if not pdf_layout and d[2] in ("g",):
            continue
        defs: list[tuple[int, list[str]]] = []
        cur = expected - 1
        ok = True
        for ln in page[i:]:
            if not ln or ln == SEPARATOR:
                continue
            dd = _def_match(ln)
            if dd and dd[0] == cur + 1 and (dd[2] == d[2] or pdf_layout):
                cur += 1
                defs.append((cur, [dd[1]]))
                continue
            if is_heading(ln):
                ok = False
                break
            defs[-1][1].append(ln)
        if not ok:
            continue
        if not _plausible(page[:i], before, defs, page, i):
            continue
        return page[:i], defs
    return page, []


def _plausible(above: list[str], before: list[str], defs: list[tuple[int, list[str]]], page: list[str], i: int) -> bool:
    """A definition block needs a marker above it, a separator line, or reference-like text."""
    if any(ln == SEPARATOR for ln in page[max(0, i - 3): i]):
        return True
    text = "\n".join([*before[-400:], *above])
    for number, _ in defs:
        n = re.escape(str(number))
        if re.search(rf"\[\^?{n}\s*\]|(?<![\d(]){n}\)|[^\W\d_?!.,;:»”\"'’)][?!.»”\"'’)]?{n}(?!\d)|^{n}$|"
                     rf"[?!.»”\"'’)]{n}(?!\d)", text, re.M):
            return True
        sup = str(number).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
        if sup in text:
            return True
    return all(_REFERENCE_LIKE.search(" ".join(body)) for _, body in defs)


# ----------------------------------------------------------------------------- markers

_BRACKET = re.compile(r"\s*\[\^?(\d{1,3})\s*\]")
_PAREN = re.compile(r"(?<![\w(])\s?(\d{1,3})\)")
_SUPERS = re.compile(r"\s?([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_GLUED = re.compile(
    r"(?:(?<=[a-zà-ÿ]{2})|(?<=[?!.,;:»”\"'’)\]]))([1-9]\d{0,2})((?:\s*(?:,|en)\s*[1-9]\d{0,2})*)(?=[\s,.;:?!)]|$)"
)
_BARE_LINE = re.compile(r"^[1-9]\d{0,2}(?:\s*(?:,|en)\s*[1-9]\d{0,2})*$")
_LINE_START = re.compile(r"^([1-9]\d{0,2})\s+(?=\S)")


def mark_line(line: str, defs: set[int], cited: set[int]) -> str:
    """Replace the footnote markers of one line by sentinels (numbers are added to ``cited``)."""
    if not defs or not line:
        return line

    def bracket(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if n in defs:
            cited.add(n)
            return sentinel(n)
        return m.group(0)

    if "[" in line:
        line = _BRACKET.sub(bracket, line)
    if ")" in line:
        line = _paren_markers(line, defs, cited)
    if any(c in line for c in "⁰¹²³⁴⁵⁶⁷⁸⁹"):
        def sup(m: re.Match[str]) -> str:
            n = int(m.group(1).translate(_SUPER))
            if n in defs:
                cited.add(n)
                return sentinel(n)
            return m.group(0)
        line = _SUPERS.sub(sup, line)

    def glued(m: re.Match[str]) -> str:
        nums = [int(x) for x in re.findall(r"\d+", m.group(0))]
        if all(n in defs for n in nums):
            cited.update(nums)
            return "".join(sentinel(n) for n in nums)
        return m.group(0)

    return _outside_urls(line, lambda part: _GLUED.sub(glued, part))


def _outside_urls(line: str, fix: Callable[[str], str]) -> str:
    if "://" not in line and "www." not in line:
        return fix(line)
    out, last = [], 0
    for m in _URL.finditer(line):
        out.append(fix(line[last:m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(fix(line[last:]))
    return "".join(out)


def _paren_markers(line: str, defs: set[int], cited: set[int]) -> str:
    out = []
    last = 0
    for m in _PAREN.finditer(line):
        n = int(m.group(1))
        if n not in defs:
            continue
        # "(zie vraag 1)" is a parenthesis, not a marker: look for an unclosed "(" before it.
        head = line[: m.start()]
        if head.count("(") > head.count(")"):
            continue
        out.append(line[last: m.start()])
        out.append(sentinel(n))
        cited.add(n)
        last = m.end()
    out.append(line[last:])
    return "".join(out)


def mark_lines(lines: list[str], defs: set[int], pdf_layout: bool, is_heading: Callable[[str], bool]) -> tuple[list[str], set[int]]:
    """Replace markers in all lines by sentinels; PDF text also gets bare-digit lines handled."""
    cited: set[int] = set()
    out: list[str] = []
    for line in lines:
        if line in (PAGE_BREAK, SEPARATOR) or not line:
            out.append(line)
            continue
        if pdf_layout and _BARE_LINE.match(line):
            nums = [int(x) for x in re.findall(r"\d+", line)]
            if all(n in defs for n in nums):
                prev = _last_content(out)
                if prev is not None and not is_heading(out[prev]):
                    out[prev] = out[prev] + "".join(sentinel(n) for n in nums)
                    cited.update(nums)
                    continue
        if pdf_layout:
            m = _LINE_START.match(line)
            if m:
                n = int(m.group(1))
                prev = _last_content(out)
                uncited = sorted(defs - cited)
                if (n in defs and uncited and n == uncited[0] and prev is not None
                        and re.search(r"[?.!»”\"'’),;:]$", strip_sentinels(out[prev]))):
                    cited.add(n)
                    out[prev] = out[prev] + sentinel(n)
                    line = line[m.end():]
        out.append(mark_line(line, defs, cited))
    return out, cited


def _last_content(lines: list[str]) -> int | None:
    for k in range(len(lines) - 1, -1, -1):
        if lines[k] and lines[k] not in (PAGE_BREAK, SEPARATOR):
            return k
    return None


def numbers_in(text: str) -> list[int]:
    """Footnote numbers whose sentinels occur in ``text``, in order, without repeats."""
    seen: list[int] = []
    for m in SENTINEL.finditer(text):
        n = int(m.group(1))
        if n not in seen:
            seen.append(n)
    return seen
