"""Low-level WordprocessingML that python-docx 1.2 has no API for.

Real footnotes (the ``footnotes.xml`` part), complex fields (PAGE, NUMPAGES), external
hyperlinks, numbering definitions whose lists restart, and positioned frames. The XML follows
what Word itself writes, in schema order (LibreOffice ignores some elements out of order).
"""
from __future__ import annotations

from collections.abc import Iterable

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, PartFactory, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

# A footnotes part that comes with a house template must be editable XML, not an opaque blob.
PartFactory.part_type_for[CT.WML_FOOTNOTES] = XmlPart

W_P = qn("w:p")
W_PPR = qn("w:pPr")
W_R = qn("w:r")
W_RPR = qn("w:rPr")
W_T = qn("w:t")
W_VAL = qn("w:val")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

TWIPS_PER_MM = 56.6929


def mm_to_twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def sub(parent: etree._Element, tag: str, **attrs: str | int) -> etree._Element:
    """Append ``<w:tag w:attr=…/>`` to ``parent`` (attribute names are given without prefix)."""
    el = etree.SubElement(parent, qn(tag))
    for key, value in attrs.items():
        el.set(qn("w:" + key), str(value))
    return el


# --------------------------------------------------------------------------- runs


def add_text_run(
    parent: etree._Element,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    char_style: str | None = None,
) -> etree._Element:
    """A ``w:r`` with optional formatting; newlines become ``w:br``, tabs ``w:tab``."""
    r = etree.SubElement(parent, W_R)
    if bold or italic or char_style:
        rpr = etree.SubElement(r, W_RPR)
        if char_style:
            etree.SubElement(rpr, qn("w:rStyle")).set(W_VAL, char_style)
        if bold:
            etree.SubElement(rpr, qn("w:b"))
        if italic:
            etree.SubElement(rpr, qn("w:i"))
    for k, line in enumerate(text.split("\n")):
        if k:
            etree.SubElement(r, qn("w:br"))
        for j, piece in enumerate(line.split("\t")):
            if j:
                etree.SubElement(r, qn("w:tab"))
            if piece:
                t = etree.SubElement(r, W_T)
                t.text = piece
                if piece[0] == " " or piece[-1] == " ":
                    t.set(XML_SPACE, "preserve")
    return r


# --------------------------------------------------------------------------- fields


def add_field(parent: etree._Element, instr: str, placeholder: str = "1", char_style: str | None = None) -> None:
    """A complex field (``w:fldChar`` begin/separate/end); Word and LibreOffice update it on open."""

    def run() -> etree._Element:
        r = etree.SubElement(parent, W_R)
        if char_style:
            etree.SubElement(etree.SubElement(r, W_RPR), qn("w:rStyle")).set(W_VAL, char_style)
        return r

    sub(run(), "w:fldChar", fldCharType="begin")
    it = etree.SubElement(run(), qn("w:instrText"))
    it.set(XML_SPACE, "preserve")
    it.text = f" {instr} "
    sub(run(), "w:fldChar", fldCharType="separate")
    etree.SubElement(run(), W_T).text = placeholder
    sub(run(), "w:fldChar", fldCharType="end")


# --------------------------------------------------------------------------- hyperlinks


def add_hyperlink(part: Part, parent: etree._Element, url: str) -> etree._Element:
    """An external ``w:hyperlink`` in ``parent``; the caller adds its runs. The relationship
    belongs to ``part`` (the document part, or the footnotes part for a link in a footnote)."""
    rid = part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = etree.SubElement(parent, qn("w:hyperlink"))
    link.set(qn("r:id"), rid)
    return link


# --------------------------------------------------------------------------- footnotes

_FOOTNOTES_XML = (
    f"<w:footnotes {nsdecls('w', 'r')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr>'
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr>'
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    "</w:footnotes>"
)

# Elements that follow w:footnotePr in CT_Settings, for inserting it in schema position.
_AFTER_FOOTNOTEPR = (
    "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
    "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
    "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags",
    "w:decimalSymbol", "w:listSeparator",
)


def footnotes_part(document: object) -> XmlPart:
    """The document's footnotes part; created (with the two separators) when it has none.

    Footnotes already in the part (from a template's sample text) are removed: the body they
    belonged to is replaced by the export.
    """
    dp = document.part  # type: ignore[attr-defined]
    for rel in dp.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            part = rel.target_part
            if not isinstance(part, XmlPart):  # loaded before our registration took effect
                part = _as_xml_part(dp, rel, part)
            for fn in part.element.findall(qn("w:footnote")):
                if int(fn.get(qn("w:id"), "0")) > 0:
                    part.element.remove(fn)
            return part
    part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(_FOOTNOTES_XML), dp.package)
    dp.relate_to(part, RT.FOOTNOTES)
    settings = document.settings.element  # type: ignore[attr-defined]
    if settings.find(qn("w:footnotePr")) is None:
        fpr = parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>')
        settings.insert_element_before(fpr, *_AFTER_FOOTNOTEPR)
    return part


def _as_xml_part(dp: Part, rel: object, part: Part) -> XmlPart:
    xml_part = XmlPart(part.partname, part.content_type, parse_xml(part.blob), part.package)
    rel._target = xml_part  # type: ignore[attr-defined]
    return xml_part


def new_footnote(part: XmlPart, footnote_id: int, text_style: str, ref_style: str) -> etree._Element:
    """Append footnote ``footnote_id`` to the part; returns its paragraph for the caller's runs.

    The paragraph starts with the footnote mark (``w:footnoteRef``) and a space, as Word writes it.
    """
    fn = etree.SubElement(part.element, qn("w:footnote"))
    fn.set(qn("w:id"), str(footnote_id))
    p = etree.SubElement(fn, W_P)
    etree.SubElement(etree.SubElement(p, W_PPR), qn("w:pStyle")).set(W_VAL, text_style)
    r = etree.SubElement(p, W_R)
    etree.SubElement(etree.SubElement(r, W_RPR), qn("w:rStyle")).set(W_VAL, ref_style)
    etree.SubElement(r, qn("w:footnoteRef"))
    t = etree.SubElement(etree.SubElement(p, W_R), W_T)
    t.text = " "
    t.set(XML_SPACE, "preserve")
    return p


def add_footnote_reference(parent: etree._Element, footnote_id: int, ref_style: str) -> None:
    r = etree.SubElement(parent, W_R)
    etree.SubElement(etree.SubElement(r, W_RPR), qn("w:rStyle")).set(W_VAL, ref_style)
    etree.SubElement(r, qn("w:footnoteReference")).set(qn("w:id"), str(footnote_id))


def max_footnote_id(part: XmlPart) -> int:
    ids = [int(fn.get(qn("w:id"), "0")) for fn in part.element.findall(qn("w:footnote"))]
    return max([0, *ids])


# --------------------------------------------------------------------------- numbering


def add_abstract_num(numbering: etree._Element, ordered: bool, indent_mm: float = 6.35, font: str | None = None) -> int:
    """A one-level list definition (decimal ``1.`` or a bullet); returns its abstractNumId."""
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    aid = max([-1, *ids]) + 1
    an = etree.Element(qn("w:abstractNum"))
    an.set(qn("w:abstractNumId"), str(aid))
    sub(an, "w:multiLevelType", val="singleLevel")
    lvl = sub(an, "w:lvl", ilvl=0)
    sub(lvl, "w:start", val=1)
    sub(lvl, "w:numFmt", val="decimal" if ordered else "bullet")
    sub(lvl, "w:lvlText", val="%1." if ordered else "•")
    sub(lvl, "w:lvlJc", val="left")
    ind = mm_to_twips(indent_mm)
    sub(sub(lvl, "w:pPr"), "w:ind", left=ind, hanging=ind)
    if font and not ordered:
        sub(sub(lvl, "w:rPr"), "w:rFonts", ascii=font, hAnsi=font, hint="default")
    # Schema order: every w:abstractNum comes before the first w:num.
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(an)
    else:
        numbering.append(an)
    return aid


def add_num(numbering: etree._Element, abstract_id: int, start: int | None = None) -> int:
    """A list instance of ``abstract_id``; with ``start`` its numbering (re)starts there."""
    ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    nid = max([0, *ids]) + 1
    num = sub(numbering, "w:num", numId=nid)
    sub(num, "w:abstractNumId", val=abstract_id)
    if start is not None:
        sub(sub(num, "w:lvlOverride", ilvl=0), "w:startOverride", val=start)
    return nid


# --------------------------------------------------------------------------- paragraphs


def new_paragraph(
    parent: etree._Element,
    style_id: str | None,
    *,
    keep_next: bool = False,
    frame: tuple[float, float, float] | None = None,
    num: int | None = None,
    tabs: Iterable[float] = (),
    space_before_pt: float | None = None,
    space_after_pt: float | None = None,
    line_pt: float | None = None,
    indent_mm: tuple[float, float] | None = None,
    hanging_mm: float | None = None,
    align: str | None = None,
) -> etree._Element:
    """A ``w:p`` with its ``w:pPr`` children in schema order.

    ``frame`` = (x, y, width) in mm, anchored to the page: consecutive paragraphs with the same
    frame form one positioned block (how the letter's right-hand column is made).
    """
    p = etree.SubElement(parent, W_P)
    ppr = etree.SubElement(p, W_PPR)
    if style_id:
        etree.SubElement(ppr, qn("w:pStyle")).set(W_VAL, style_id)
    if keep_next:
        etree.SubElement(ppr, qn("w:keepNext"))
    if frame is not None:
        x, y, w = frame
        sub(ppr, "w:framePr", w=mm_to_twips(w), hSpace=0, wrap="around", vAnchor="page", hAnchor="page",
            x=mm_to_twips(x), y=mm_to_twips(y))
    if num is not None:
        numpr = etree.SubElement(ppr, qn("w:numPr"))
        sub(numpr, "w:ilvl", val=0)
        sub(numpr, "w:numId", val=num)
    tabs = list(tabs)
    if tabs:
        tabs_el = etree.SubElement(ppr, qn("w:tabs"))
        for pos in tabs:
            sub(tabs_el, "w:tab", val="left", pos=mm_to_twips(pos))
    if space_before_pt is not None or space_after_pt is not None or line_pt is not None:
        sp = etree.SubElement(ppr, qn("w:spacing"))
        if space_before_pt is not None:
            sp.set(qn("w:before"), str(round(space_before_pt * 20)))
        if space_after_pt is not None:
            sp.set(qn("w:after"), str(round(space_after_pt * 20)))
        if line_pt is not None:
            sp.set(qn("w:line"), str(round(line_pt * 20)))
            sp.set(qn("w:lineRule"), "exact")
    if indent_mm is not None or hanging_mm is not None:
        ind = etree.SubElement(ppr, qn("w:ind"))
        if indent_mm is not None:
            ind.set(qn("w:left"), str(mm_to_twips(indent_mm[0])))
            ind.set(qn("w:right"), str(mm_to_twips(indent_mm[1])))
        if hanging_mm is not None:
            ind.set(qn("w:hanging"), str(mm_to_twips(hanging_mm)))
    if align:
        etree.SubElement(ppr, qn("w:jc")).set(W_VAL, align)
    if len(ppr) == 0:
        p.remove(ppr)
    return p
