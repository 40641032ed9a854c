"""Word files (.docx): paragraphs, Word list numbering and real footnotes.

The Kamer's Word files number their questions with Word list numbering, which is not in the
paragraph text (python-docx's ``paragraph.text`` drops it). This reader follows ``w:numPr`` on
the paragraph and through its style into ``numbering.xml``, counts like Word does, and writes
the list that holds the questions as "Vraag N" headings; other lists keep their labels inline.
Real footnotes (``footnotes.xml``) become "[N]" markers with their text at the end.

The package is read with bounded sizes (zip bombs) and the XML with DTDs and entities
forbidden (no external entity is ever resolved).
"""
from __future__ import annotations

import io
import logging
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element
from xml.etree.ElementTree import ParseError as XmlSyntaxError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from kvdesk.core.parsing.errors import ParseError
from kvdesk.sources.readers.limits import MAX_PART_BYTES, MAX_RATIO, MAX_UNPACKED_BYTES, Deadline

log = logging.getLogger(__name__)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_ENTRIES = 2000


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _Numbering:
    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId → (abstractId, overrides)


@dataclass
class _Para:
    text: str
    key: tuple[str, int] | None = None  # (abstractNumId, ilvl) when numbered
    fmt: str = ""
    label: str = ""
    value: int = 0


class _Package:
    """A .docx opened with limits on what may be unpacked."""

    def __init__(self, data: bytes) -> None:
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            raise ParseError("Dit is geen geldig Word-bestand (.docx is geen zip) / not a valid .docx file.") from None
        if len(infos) > _MAX_ENTRIES:
            raise ParseError("Dit Word-bestand bevat te veel onderdelen / too many parts in .docx.")
        self.budget = MAX_UNPACKED_BYTES

    def read(self, name: str) -> bytes | None:
        try:
            info = self.zip.getinfo(name)
        except KeyError:
            return None
        if info.file_size > MAX_PART_BYTES or (
            info.compress_size > 0 and info.file_size > 1_000_000 and info.file_size / info.compress_size > MAX_RATIO
        ):
            raise ParseError("Dit Word-bestand pakt verdacht groot uit (zip-bom?) / .docx unpacks too large.")
        chunks: list[bytes] = []
        total = 0
        try:
            with self.zip.open(info) as f:
                while True:
                    chunk = f.read(1 << 16)
                    if not chunk:
                        break
                    total += len(chunk)
                    if total > MAX_PART_BYTES or total > self.budget:
                        raise ParseError("Dit Word-bestand pakt verdacht groot uit (zip-bom?) / .docx unpacks too large.")
                    chunks.append(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
            raise ParseError(f"Word-bestand beschadigd ({name}) / damaged .docx: {exc}") from None
        self.budget -= total
        return b"".join(chunks)

    def xml(self, name: str) -> Element | None:
        data = self.read(name)
        if data is None:
            return None
        try:
            return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
        except DefusedXmlException:
            raise ParseError("Word-bestand met onveilige XML (DTD of entiteiten) geweigerd / unsafe XML in .docx.") from None
        except XmlSyntaxError as exc:
            raise ParseError(f"Word-bestand met ongeldige XML ({name}) / invalid XML in .docx: {exc}") from None


def read_docx(data: bytes) -> str:
    """The text of a .docx for the parser (see the module docstring for its shape)."""
    deadline = Deadline()
    pkg = _Package(data)
    doc = pkg.xml("word/document.xml")
    if doc is None:
        raise ParseError("Dit is geen Word-document (word/document.xml ontbreekt) / not a Word document.")
    numbering = _read_numbering(pkg.xml("word/numbering.xml"))
    styles = _read_styles(pkg.xml("word/styles.xml"))
    notes = _read_notes(pkg.xml("word/footnotes.xml"), "footnote")
    endnotes = _read_notes(pkg.xml("word/endnotes.xml"), "endnote")
    body = doc.find(f"{W}body")
    if body is None:
        return ""
    order: list[tuple[str, str]] = []  # (kind, id) in order of first reference
    paras: list[_Para] = []
    counters: dict[str, dict[int, int]] = {}
    seen_nums: set[str] = set()
    for p in _paragraphs(body):
        deadline.check()
        text = _text(p, order).strip()
        para = _Para(text=text)
        num = _num_pr(p, styles)
        if num and num[0] in numbering.nums and num[0] != "0":
            num_id, ilvl = num
            abstract_id, overrides = numbering.nums[num_id]
            levels = numbering.abstract.get(abstract_id, {})
            counter = counters.setdefault(abstract_id, {})
            if num_id not in seen_nums:
                seen_nums.add(num_id)
                for lvl, start in overrides.items():
                    counter[lvl] = start - 1
            level = levels.get(ilvl, _Level())
            counter[ilvl] = counter.get(ilvl, level.start - 1) + 1
            for deeper in [k for k in counter if k > ilvl]:
                del counter[deeper]
            if text and level.fmt != "none":
                para.key = (abstract_id, ilvl)
                para.fmt = level.fmt
                para.value = counter[ilvl]
                para.label = _label(level, levels, counter)
        paras.append(para)
    return _compose(paras, order, notes, endnotes)


def _paragraphs(container: Element) -> list[Element]:
    out: list[Element] = []
    for child in container:
        tag = child.tag
        if tag == f"{W}p":
            out.append(child)
        elif tag in (f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}sdt", f"{W}sdtContent", f"{W}customXml",
                     f"{W}txbxContent", f"{W}ins"):
            out.extend(_paragraphs(child))
    return out


def _text(p: Element, order: list[tuple[str, str]]) -> str:
    parts: list[str] = []
    for el in p.iter():
        tag = el.tag
        if tag == f"{W}t":
            parts.append(el.text or "")
        elif tag in (f"{W}tab", f"{W}ptab") or tag in (f"{W}br", f"{W}cr"):
            parts.append(" ")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
            kind = "footnote" if tag == f"{W}footnoteReference" else "endnote"
            ref = (kind, el.get(f"{W}id", ""))
            if ref not in order:
                order.append(ref)
            parts.append(f"[{order.index(ref) + 1}]")
    return "".join(parts)


def _num_pr(p: Element, styles: dict[str, tuple[tuple[str | None, int | None], str | None]]) -> tuple[str, int] | None:
    ppr = p.find(f"{W}pPr")
    num_id: str | None = None
    ilvl: int | None = None
    style: str | None = None
    if ppr is not None:
        numpr = ppr.find(f"{W}numPr")
        if numpr is not None:
            n = numpr.find(f"{W}numId")
            lv = numpr.find(f"{W}ilvl")
            num_id = n.get(f"{W}val") if n is not None else None
            ilvl = _int(lv.get(f"{W}val")) if lv is not None else None
        ps = ppr.find(f"{W}pStyle")
        style = ps.get(f"{W}val") if ps is not None else None
    # follow the style chain for what the paragraph does not say itself
    hops = 0
    while style and (num_id is None or ilvl is None) and hops < 20:
        (s_num, s_lvl), based = styles.get(style, ((None, None), None))
        num_id = num_id if num_id is not None else s_num
        ilvl = ilvl if ilvl is not None else s_lvl
        style = based
        hops += 1
    if num_id is None:
        return None
    return num_id, ilvl or 0


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _read_numbering(root: Element | None) -> _Numbering:
    result = _Numbering()
    if root is None:
        return result
    for an in root.findall(f"{W}abstractNum"):
        levels: dict[int, _Level] = {}
        for lvl in an.findall(f"{W}lvl"):
            level = _Level()
            fmt = lvl.find(f"{W}numFmt")
            txt = lvl.find(f"{W}lvlText")
            start = lvl.find(f"{W}start")
            level.fmt = fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal"
            level.text = txt.get(f"{W}val", "") if txt is not None else ""
            level.start = _int(start.get(f"{W}val"), 1) if start is not None else 1
            levels[_int(lvl.get(f"{W}ilvl"))] = level
        result.abstract[an.get(f"{W}abstractNumId", "")] = levels
    for num in root.findall(f"{W}num"):
        abstract = num.find(f"{W}abstractNumId")
        overrides: dict[int, int] = {}
        for ov in num.findall(f"{W}lvlOverride"):
            so = ov.find(f"{W}startOverride")
            if so is not None:
                overrides[_int(ov.get(f"{W}ilvl"))] = _int(so.get(f"{W}val"), 1)
        if abstract is not None:
            result.nums[num.get(f"{W}numId", "")] = (abstract.get(f"{W}val", ""), overrides)
    return result


def _read_styles(root: Element | None) -> dict[str, tuple[tuple[str | None, int | None], str | None]]:
    styles: dict[str, tuple[tuple[str | None, int | None], str | None]] = {}
    if root is None:
        return styles
    for st in root.findall(f"{W}style"):
        sid = st.get(f"{W}styleId")
        if not sid:
            continue
        num_id: str | None = None
        ilvl: int | None = None
        numpr = st.find(f"{W}pPr/{W}numPr")
        if numpr is not None:
            n = numpr.find(f"{W}numId")
            lv = numpr.find(f"{W}ilvl")
            num_id = n.get(f"{W}val") if n is not None else None
            ilvl = _int(lv.get(f"{W}val")) if lv is not None else None
        based = st.find(f"{W}basedOn")
        styles[sid] = ((num_id, ilvl), based.get(f"{W}val") if based is not None else None)
    return styles


def _read_notes(root: Element | None, kind: str) -> dict[str, str]:
    notes: dict[str, str] = {}
    if root is None:
        return notes
    for note in root.findall(f"{W}{kind}"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        texts = []
        for p in note.iter(f"{W}p"):
            t = "".join(
                (el.text or "") if el.tag == f"{W}t" else " " for el in p.iter() if el.tag in (f"{W}t", f"{W}tab")
            ).strip()
            if t:
                texts.append(t)
        notes[note.get(f"{W}id", "")] = " ".join(texts)
    return notes


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += digits
            n -= value
    return out


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = ""
        v = max(value, 1)
        while v:
            v, r = divmod(v - 1, 26)
            s = chr(97 + r) + s
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(max(value, 1))
        return roman.upper() if fmt == "upperRoman" else roman
    return str(value)


def _label(level: _Level, levels: dict[int, _Level], counter: dict[int, int]) -> str:
    if level.fmt == "bullet":
        return "-"

    def sub(m: re.Match[str]) -> str:
        k = int(m.group(1)) - 1
        lvl = levels.get(k, _Level())
        return _format(counter.get(k, lvl.start), lvl.fmt)

    return re.sub(r"%(\d)", sub, level.text or "%1.").strip() or "-"


_TYPED_QUESTION = re.compile(r"^\s*Vraag\s+\d+\b")


def _question_list(paras: list[_Para]) -> tuple[str, int] | None:
    """The numbered list that holds the questions: the decimal list with the most "?" in it."""
    if any(_TYPED_QUESTION.match(p.text) for p in paras):
        return None  # the numbers are typed already
    scores: dict[tuple[str, int], int] = {}
    for p in paras:
        if p.key and p.fmt in ("decimal", "decimalZero", "ordinal", "cardinalText", "ordinalText"):
            scores[p.key] = scores.get(p.key, 0) + (1 if "?" in p.text else 0)
    if not scores:
        return None
    best = max(scores.items(), key=lambda kv: (kv[1], -kv[0][1]))
    return best[0] if best[1] > 0 else None


def _compose(paras: list[_Para], order: list[tuple[str, str]], notes: dict[str, str], endnotes: dict[str, str]) -> str:
    chosen = _question_list(paras)
    lines: list[str] = []
    for p in paras:
        if p.key is not None and p.key == chosen:
            lines.extend([f"Vraag {p.value}", p.text, ""])
        elif p.key is not None and p.text:
            lines.extend([f"{p.label} {p.text}", ""])
        else:
            lines.extend([p.text, ""])
    if order:
        lines.extend(["", "__________", ""])
        for k, (kind, nid) in enumerate(order, 1):
            text = (notes if kind == "footnote" else endnotes).get(nid, "").strip()
            lines.extend([f"[{k}] {text or '(lege voetnoot)'}", ""])
    return "\n".join(lines)
