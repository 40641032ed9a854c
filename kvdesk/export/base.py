"""The base document every letter starts from: a house template, or the built-in one.

With a profile template (.dotx or .docx) its styles, page setup, headers and footers are kept and
only the body is replaced. Without one, python-docx's default document is slimmed (its 160 unused
styles and the duplicate ``stylesWithEffects`` part dropped) and given the kvdesk styles. Either
way the prepared base is kept in memory as bytes per profile, so an export only parses a small
package instead of building styles again.
"""
from __future__ import annotations

import io
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from lxml import etree

from kvdesk.export import oxml
from kvdesk.export.errors import TemplateError
from kvdesk.export.profile import HouseStyle, dump_profile

# Styles of python-docx's default template that the built-in base keeps.
_KEEP_BUILTIN = {"Normal", "Default Paragraph Font", "Table Normal", "No List", "header", "footer"}

_cache: dict[tuple[Any, ...], bytes] = {}
_cache_lock = threading.Lock()


@dataclass
class Base:
    """A freshly loaded base document and what the writers need to know about it."""

    document: Any  # docx.document.Document
    style_ids: dict[str, str]  # role -> styleId
    from_template: bool


def open_base(profile: HouseStyle) -> Base:
    """A new document for one letter, built from the profile's cached base."""
    key = _cache_key(profile)
    with _cache_lock:
        blob = _cache.get(key)
    if blob is None:
        blob = _prepare(profile)
        with _cache_lock:
            _cache[key] = blob
    document = docx.Document(io.BytesIO(blob))
    return Base(document, _style_ids(document, profile), profile.template is not None)


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


def _cache_key(profile: HouseStyle) -> tuple[Any, ...]:
    stamp: tuple[Any, ...] = ()
    if profile.template is not None:
        try:
            st = Path(profile.template).stat()
            stamp = (str(profile.template), st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = (str(profile.template),)
    return (dump_profile(profile), stamp)


# --------------------------------------------------------------------------- preparing


def _prepare(profile: HouseStyle) -> bytes:
    if profile.template is not None:
        document = open_template(Path(profile.template))
    else:
        document = docx.Document()
        _slim(document)
        _set_normal(document, profile)
    _clear_body(document)
    _ensure_styles(document, profile)
    oxml.footnotes_part(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def open_template(path: Path) -> Any:
    """Open a .docx or .dotx house template (python-docx refuses the template content type)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TemplateError(f"Sjabloon '{path}' is niet te openen: {exc.strerror or exc}", path) from exc
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zin:
            if path.suffix.lower() in (".dotx", ".dotm") or b"template.main+xml" in zin.read("[Content_Types].xml"):
                buf = io.BytesIO()
                with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
                    for item in zin.infolist():
                        data = zin.read(item.filename)
                        if item.filename == "[Content_Types].xml":
                            data = data.replace(b"template.macroEnabledTemplate.main+xml", b"document.main+xml")
                            data = data.replace(b"template.main+xml", b"document.main+xml")
                        zout.writestr(item, data)
                raw = buf.getvalue()
        return docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TemplateError(f"Sjabloon '{path.name}' is geen Word-document (.docx/.dotx): {exc}", path) from exc


def _slim(document: Any) -> None:
    """Drop what the default template carries but a letter does not need."""
    part = document.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects") or rel.reltype == RT.CUSTOM_XML:
            part.rels.pop(rid, None)
    pkg_rels = document.part.package.rels
    for rid, rel in list(pkg_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            pkg_rels.pop(rid, None)
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in _KEEP_BUILTIN:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)


def _set_normal(document: Any, profile: HouseStyle) -> None:
    normal = document.styles["Normal"]
    normal.font.name = profile.font
    normal.font.size = Pt(profile.font_size)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:eastAsia", "w:cs"):
        fonts.set(qn(attr), profile.font)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = etree.SubElement(rpr, qn("w:lang"))
    lang.set(qn("w:val"), "nl-NL")
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = Pt(profile.line_spacing)
    pf.widow_control = True


def _clear_body(document: Any) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


# --------------------------------------------------------------------------- styles


@dataclass(frozen=True)
class _Spec:
    kind: str = "p"  # p (paragraph) or c (character)
    size: str = "body"  # body, small, footnote, logo
    bold: bool = False
    italic: bool = False
    before: float = 0.0  # in lines of the body text
    after: float = 0.0
    line: str | None = None  # exact leading: "small" (9 pt), "address" (12 pt), "single"
    keep_next: bool = False
    indent_mm: float = 0.0


_SPECS: dict[str, _Spec] = {
    "body": _Spec(),
    "title": _Spec(bold=True, after=1.0),
    "question_heading": _Spec(bold=True, before=1.0, keep_next=True),
    "question": _Spec(keep_next=True),
    "answer_heading": _Spec(bold=True, before=1.0, keep_next=True),
    "answer": _Spec(),
    "list": _Spec(),
    "quote": _Spec(italic=True, indent_mm=8.0),
    "logo": _Spec(size="logo", line="single"),
    "return_address": _Spec(size="small", line="small"),
    "address": _Spec(line="address"),
    "reference_heading": _Spec(size="small", bold=True, line="small"),
    "reference": _Spec(size="small", line="small"),
    "date_subject": _Spec(line="address"),
    "signature": _Spec(),
    "page_number": _Spec(size="small", line="small"),
    "footnote_text": _Spec(size="footnote", line="small"),
    "footnote_reference": _Spec(kind="c"),
    "hyperlink": _Spec(kind="c"),
}


def _style_index(document: Any) -> dict[str, tuple[str, str]]:
    """casefolded style name -> (styleId, type)."""
    index: dict[str, tuple[str, str]] = {}
    for style in document.styles.element.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None:
            index[name.get(qn("w:val")).casefold()] = (style.get(qn("w:styleId")), style.get(qn("w:type")))
    return index


def _style_ids(document: Any, profile: HouseStyle) -> dict[str, str]:
    index = _style_index(document)
    ids = {}
    for role in _SPECS:
        found = index.get(profile.style(role).casefold())
        if found is not None:
            ids[role] = found[0]
    return ids


def _ensure_styles(document: Any, profile: HouseStyle) -> None:
    """Create each role's style unless the document (a house template) already has it."""
    index = _style_index(document)
    styles = document.styles
    sizes = {"body": profile.font_size, "small": profile.small_font_size,
             "footnote": max(profile.small_font_size, 7.0), "logo": 11.5}
    leading = {"small": 9.0, "address": 12.0}
    for role, spec in _SPECS.items():
        name = profile.style(role)
        if name.casefold() in index:
            continue
        if spec.kind == "c":
            style = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
            if role == "footnote_reference":
                style.font.superscript = True
                style.element.styleId = "FootnoteReference"
            elif role == "hyperlink":
                style.font.color.rgb = RGBColor(0x01, 0x68, 0x9B)
                style.font.underline = True
                style.element.styleId = "Hyperlink"
            index[name.casefold()] = (style.style_id, "character")
            continue
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if role == "footnote_text":
            style.element.styleId = "FootnoteText"
        style.base_style = styles["Normal"]
        style.font.size = Pt(sizes[spec.size])
        if spec.bold:
            style.font.bold = True
        if spec.italic or (role == "question" and profile.question_italic):
            style.font.italic = True
        pf = style.paragraph_format
        if spec.before:
            pf.space_before = Pt(spec.before * profile.line_spacing)
        if spec.after:
            pf.space_after = Pt(spec.after * profile.line_spacing)
        if spec.line == "single":
            pf.line_spacing = 1.0
        elif spec.line:
            pf.line_spacing = Pt(leading[spec.line])
        if spec.keep_next:
            pf.keep_with_next = True
        if spec.indent_mm:
            pf.left_indent = Pt(spec.indent_mm * 72 / 25.4)
        index[name.casefold()] = (style.style_id, "paragraph")
