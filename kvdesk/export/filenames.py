"""File names for exported letters that are valid and readable on Windows."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

# Characters Windows forbids in names, plus the C0 control characters.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
# Leaves room for a long folder under the classic 260-character path limit.
MAX_STEM = 100

# Words that open a subject but say nothing about it ("het artikel ‘…’").
_SUBJECT_LEAD = re.compile(
    r"^(?:de|het|een)\s+(?:berichten|bericht|artikel|artikelen|nieuws|uitzending|rapport|brief)\s+(?:dat\s+)?",
    re.IGNORECASE,
)


def safe_filename(stem: str, suffix: str = "") -> str:
    """``stem + suffix`` made safe for Windows: no forbidden characters, no reserved names, not too long."""
    text = unicodedata.normalize("NFC", stem)
    text = text.replace("‘", "").replace("’", "").replace("“", "").replace("”", "").replace("«", "").replace("»", "")
    text = _FORBIDDEN.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > MAX_STEM:
        cut = text[:MAX_STEM]
        text = cut.rsplit(" ", 1)[0] if " " in cut[MAX_STEM // 2 :] else cut
    text = text.rstrip(" .")
    if not text:
        text = "export"
    if text.split(".")[0].upper() in _RESERVED:
        text = "_" + text
    return text + suffix


def short_subject(subject: str | None, max_chars: int = 50) -> str:
    """A few words of the subject for a file name: lead words and quotes dropped, cut at a word."""
    if not subject:
        return ""
    text = _SUBJECT_LEAD.sub("", subject.strip())
    text = re.sub(r"[‘’“”«»'\"]", "", text)
    text = _FORBIDDEN.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip(" .,;")
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars + 1]
    return cut.rsplit(" ", 1)[0].rstrip(" ,;-") if " " in cut else text[:max_chars]


def letter_filename(kind: str, reference: str | None, subject: str | None, suffix: str = ".docx") -> str:
    """E.g. ``Beantwoording 2025Z25100 slimme meters.docx``; empty parts are left out."""
    parts = [kind, reference or "", short_subject(subject)]
    return safe_filename(" ".join(p for p in parts if p), suffix)


def free_alternative(path: Path) -> Path:
    """The first ``name (2).ext``, ``name (3).ext`` … that does not exist yet."""
    for n in range(2, 1000):
        candidate = path.with_name(f"{path.stem} ({n}){path.suffix}")
        if not candidate.exists():
            return candidate
    return path.with_name(f"{path.stem} (nieuw){path.suffix}")
