"""PDF files: the text of each page, in order, with pypdf.

Page furniture (running heads, footers) is left in: the parser recognises and removes it, and
uses it to find the footnotes at the bottom of each page.
"""
from __future__ import annotations

import io
import logging

from kvdesk.core.parsing.errors import ParseError
from kvdesk.sources.readers.limits import MAX_PDF_PAGES, Deadline

log = logging.getLogger(__name__)


def read_pdf(data: bytes) -> str:
    """The text of all pages of a PDF, pages separated by a blank line."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns loudly about harmless defects
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    deadline = Deadline()
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:  # noqa: BLE001 - any failure means: we cannot open it
                raise ParseError("Deze PDF is beveiligd met een wachtwoord / the PDF is encrypted.") from None
        pages = reader.pages
        count = len(pages)
    except ParseError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise ParseError(f"Deze PDF kan niet worden gelezen / cannot read the PDF: {exc}") from None
    if count > MAX_PDF_PAGES:
        raise ParseError(f"Deze PDF heeft {count} pagina's; dat is geen vragenset / too many pages.")
    texts: list[str] = []
    for k in range(count):
        deadline.check()
        try:
            texts.append(pages[k].extract_text() or "")
        except Exception as exc:  # noqa: BLE001 - a broken page must not stop the others
            log.warning("page %d of the PDF could not be read: %s", k + 1, exc)
            texts.append("")
    text = "\n\n".join(texts)
    if not text.strip():
        raise ParseError("Deze PDF bevat geen tekst (alleen afbeeldingen?) / the PDF holds no text (scanned?).")
    return text
