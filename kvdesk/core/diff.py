"""Word-level differences between two versions of a text, for the answer history.

Pure Python (difflib). A text is split into words, runs of white space and single punctuation
marks, so a change shows as whole words added or removed, the way an editor reads a tracked
change in Word. Joining the ``text`` of every part of kind ``equal`` and ``delete`` gives the old
text back; ``equal`` and ``insert`` give the new one.
"""
from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["DiffPart", "tokenize", "word_diff", "diff_stats", "diff_html"]

Kind = Literal["equal", "insert", "delete"]

# A word keeps its inner hyphens and apostrophes ("data-uitvraag", "'s-Gravenhage").
_TOKENS = re.compile(r"\s+|[^\W_]+(?:[-'’][^\W_]+)*|.", re.UNICODE | re.DOTALL)


@dataclass(frozen=True)
class DiffPart:
    """A stretch of text that is the same in both versions, only in the new, or only in the old."""

    kind: Kind
    text: str


def tokenize(text: str) -> list[str]:
    """Words, white-space runs and single other characters; joined they give ``text`` back."""
    return _TOKENS.findall(text)


def word_diff(old: str, new: str) -> list[DiffPart]:
    """The difference between ``old`` and ``new`` as equal / delete / insert parts, in order.

    Where a stretch was replaced, the deleted part comes before the inserted one. Neighbouring
    parts of the same kind are joined.
    """
    a, b = tokenize(old), tokenize(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    parts: list[DiffPart] = []

    def add(kind: Kind, tokens: list[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if parts and parts[-1].kind == kind:
            parts[-1] = DiffPart(kind, parts[-1].text + text)
        else:
            parts.append(DiffPart(kind, text))

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            add("equal", a[i1:i2])
        else:
            if i2 > i1:
                add("delete", a[i1:i2])
            if j2 > j1:
                add("insert", b[j1:j2])
    return _absorb_spaces(parts)


def _absorb_spaces(parts: list[DiffPart]) -> list[DiffPart]:
    """Fold white space standing between two changes into one replacement.

    "de oude tekst" → "een nieuwe zin" then reads as one replacement instead of three.
    """
    out: list[DiffPart] = []
    k = 0
    while k < len(parts):
        if parts[k].kind == "equal":
            out.append(parts[k])
            k += 1
            continue
        # A run of changes, possibly bridged by equal parts that are only white space.
        end = k
        while end + 1 < len(parts) and (
            parts[end + 1].kind != "equal"
            or (not parts[end + 1].text.strip() and end + 2 < len(parts) and parts[end + 2].kind != "equal")
        ):
            end += 1
        run = parts[k:end + 1]
        if any(p.kind == "equal" for p in run):
            old = "".join(p.text for p in run if p.kind != "insert")
            new = "".join(p.text for p in run if p.kind != "delete")
            run = [DiffPart("delete", old), DiffPart("insert", new)]
        out.extend(run)
        k = end + 1
    return out


def diff_stats(parts: list[DiffPart]) -> tuple[int, int]:
    """How many words were added and removed."""
    added = sum(_words(p.text) for p in parts if p.kind == "insert")
    removed = sum(_words(p.text) for p in parts if p.kind == "delete")
    return added, removed


def _words(text: str) -> int:
    return sum(1 for t in tokenize(text) if t[:1].isalnum())


def diff_html(parts: list[DiffPart]) -> str:
    """The difference as simple HTML: removed words struck through in red, added ones green."""
    out = []
    for p in parts:
        text = html.escape(p.text).replace("\n", "<br>")
        if p.kind == "equal":
            out.append(text)
        elif p.kind == "delete":
            out.append(f'<span style="color:#a4262c;background:#fde7e9;text-decoration:line-through">{text}</span>')
        else:
            out.append(f'<span style="color:#0b6a0b;background:#dff6dd">{text}</span>')
    return "".join(out)
