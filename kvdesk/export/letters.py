"""The cover letter (aanbiedingsbrief) and the delay notice (uitstelbericht) in the letter frame.

The frame: the logo area (the profile's image, or its name lines right of the centre), the
return-address line, the address block of the chamber's Voorzitter, the reference column on the
right (sender, addresses, contact, references, attachments), Datum and Betreft, three blank lines,
the salutation, the text, the signature block and "Pagina N van M" from fields. Page 1 has its
own header and footer; later pages repeat the date and reference in the column.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from docx.shared import Mm

from kvdesk.core.model import QuestionSet
from kvdesk.export import oxml, pages
from kvdesk.export.answerers import (
    Answering,
    cover_opening,
    cover_subject,
    delay_body,
    delay_subject,
    ministry_lines,
)
from kvdesk.export.base import open_base
from kvdesk.export.builder import DocBuilder
from kvdesk.export.dates import dutch_date
from kvdesk.export.profile import HouseStyle

CHAMBER_ADDRESS = {
    "TK": ["Aan de Voorzitter van de", "Tweede Kamer der Staten-Generaal", "Postbus 20018", "2500 EA  DEN HAAG"],
    "EK": ["Aan de Voorzitter van de", "Eerste Kamer der Staten-Generaal", "Postbus 20017", "2500 EA  DEN HAAG"],
}
LABEL_TAB_MM = 18.0  # where the value after "Datum" / "Betreft" starts


def build_cover_letter(qs: QuestionSet, answering: Answering, profile: HouseStyle, date: dt.date, *,
                       our_reference: str | None = None, attachments: int = 1) -> Any:
    """The aanbiedingsbrief as a python-docx ``Document``, not yet saved."""
    return _letter(qs, answering, profile, date, subject=cover_subject(qs),
                   paragraphs=[cover_opening(qs, answering)], our_reference=our_reference, attachments=attachments)


def build_delay_notice(qs: QuestionSet, answering: Answering, profile: HouseStyle, date: dt.date, *, reason: str,
                       our_reference: str | None = None) -> Any:
    """The uitstelbericht (Mededeling) as a python-docx ``Document``, not yet saved."""
    return _letter(qs, answering, profile, date, subject=delay_subject(qs),
                   paragraphs=[delay_body(qs, reason, answering.plural)], our_reference=our_reference, attachments=0)


def _letter(qs: QuestionSet, answering: Answering, profile: HouseStyle, date: dt.date, *, subject: str,
            paragraphs: list[str], our_reference: str | None, attachments: int) -> Any:
    base = open_base(profile)
    b = DocBuilder(base)
    names = profile.name_lines or ministry_lines(answering)
    ours = profile.our_reference if our_reference is None else our_reference
    date_text = dutch_date(date)

    # Reference column of page 1: consecutive paragraphs with one frame form one block.
    frame = (pages.COLUMN_X, pages.COLUMN_Y, pages.COLUMN_W)
    for role, text in _column_lines(qs, profile, names, ours, attachments):
        b.paragraph(role, text, frame=frame)

    if profile.return_address:
        b.paragraph("return_address", f"> {profile.labels.return_address} {profile.return_address}",
                    space_before_pt=4)
    else:
        b.paragraph("return_address", "", space_before_pt=4)
    b.empty("return_address")
    for line in CHAMBER_ADDRESS.get(qs.chamber or "TK", CHAMBER_ADDRESS["TK"]):
        b.paragraph("address", line)

    hanging = {"tabs": [LABEL_TAB_MM], "indent_mm": (LABEL_TAB_MM, 0), "hanging_mm": LABEL_TAB_MM}
    b.paragraph("date_subject", f"{profile.labels.date}\t{date_text}", space_before_pt=36, **hanging)
    b.paragraph("date_subject", f"{profile.labels.subject}\t{subject}", **hanging)
    b.empty("body", 3)  # Rijkshuisstijl: three blank lines between Betreft and the salutation
    b.paragraph("body", profile.salutation)
    for text in paragraphs:
        b.empty("body")
        b.paragraph("body", text)
    b.empty("body")
    if profile.closing:
        b.paragraph("body", profile.closing)
        b.empty("body")
    for k, answerer in enumerate(answering.answerers):
        if k:
            b.empty("signature", 2)
        b.paragraph("signature", answerer.signature_line, keep_next=True)
        for _ in range(4):
            b.paragraph("signature", "", keep_next=True)
        b.paragraph("signature", profile.signer_name(answerer.title))
    b.finish()

    document = base.document
    sec = document.sections[0]
    page_id = b.style("page_number")
    if base.from_template:
        values = {"datum": date_text, "kenmerk": qs.kenmerk or "", "uw_referentie": qs.kenmerk or "",
                  "onze_referentie": ours, "betreft": subject}
        for hf in (sec.header, sec.footer, sec.first_page_header, sec.first_page_footer):
            if not hf.is_linked_to_previous:
                pages.fill_placeholders(hf._element, values)
        if not has_any(sec.footer, sec.first_page_footer):
            pages.page_number_paragraph(sec.footer, page_id, profile, in_column=False)
            if sec.different_first_page_header_footer:
                pages.page_number_paragraph(sec.first_page_footer, page_id, profile, in_column=False)
    else:
        sec = pages.setup_page(document, pages.LETTER_RIGHT, different_first=True)
        _logo_area(sec.first_page_header, b, profile, names)
        head, ref = b.style("reference_heading"), b.style("reference")
        later = [(head, profile.labels.date), (ref, date_text)]
        if ours:
            later += [(None, ""), (head, profile.labels.our_reference), (ref, ours)]
        pages.column_paragraphs(sec.header, later, first_space_mm=pages.COLUMN_Y - 20)
        pages.page_number_paragraph(sec.first_page_footer, page_id, profile, in_column=True)
        pages.page_number_paragraph(sec.footer, page_id, profile, in_column=True)
    document.core_properties.title = subject[:250]
    return document


def has_any(*parts: Any) -> bool:
    return any(pages.has_content(p) for p in parts)


def _column_lines(qs: QuestionSet, profile: HouseStyle, names: list[str], ours: str,
                  attachments: int) -> list[tuple[str, str]]:
    head, ref = "reference_heading", "reference"
    lines: list[tuple[str, str]] = [(head, n) for n in names]
    lines += [(ref, u) for u in profile.unit_lines]
    address = [*profile.visiting_address, *profile.postal_address]
    if profile.website:
        address.append(profile.website)
    address += profile.extra_lines
    if address:
        if lines:
            lines.append((ref, ""))
        lines += [(ref, a) for a in address]
    contact = [c for c in (profile.contact_name, f"T {profile.contact_phone}" if profile.contact_phone else "",
                           profile.contact_email) if c]
    if contact:
        lines += [(ref, ""), (head, profile.labels.contact)] + [(ref, c) for c in contact]
    if lines:
        lines.append((ref, ""))
    lines += [(head, profile.labels.our_reference), (ref, ours), (ref, ""),
              (head, profile.labels.your_reference), (ref, qs.kenmerk or "")]
    if attachments:
        lines += [(ref, ""), (head, profile.labels.attachments), (ref, str(attachments))]
    return lines


def _logo_area(header: Any, b: DocBuilder, profile: HouseStyle, names: list[str]) -> None:
    """The profile's logo centred at the top of page 1, or its name lines right of the centre."""
    el = header._element
    for p in list(el.findall(oxml.W_P)):
        el.remove(p)
    if profile.logo is not None and profile.logo.is_file():
        p = oxml.new_paragraph(el, b.style("logo"), align="center")
        paragraph = header.paragraphs[-1]
        # An exact line height would clip the picture; the logo style has single spacing.
        paragraph.add_run().add_picture(str(profile.logo), height=Mm(profile.logo_height_mm))
        del p
        return
    indent = (pages.LOGO_TEXT_X - pages.LEFT, -(pages.LETTER_RIGHT - 10.0))
    for k, line in enumerate(names or [""]):
        oxml.add_text_run(
            oxml.new_paragraph(el, b.style("logo"), indent_mm=indent, space_before_pt=62 if k == 0 else None),
            line,
        )
