"""Putting printed pages together: booklets from the handbook's pages, and the page footers.

WeasyPrint lays out a duty once, in the full handbook of each language. A
booklet is its own front pages (cover, contents, how to use it, part dividers)
followed by the pages of its duties, copied from the handbook: laying every
booklet out again would print each duty a dozen times over (most of the time
the whole set of PDFs took).

Page numbers depend on the document a page ends up in, so the handbooks that
give their pages are printed without footers, and every document is stamped
afterwards: "Trang N / M" or "Page N of M" in the bundled Noto Sans, drawn by
reportlab into a small form that each page shows on top of its own content.
Nothing in a page's content is parsed or rewritten.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass

from .handbook import FONTS

#: Where the footer sits: centred on the A4 page, its baseline this far above the
#: bottom edge (the handbook's bottom margin is 22 mm; print.css).
PAGE_WIDTH_PT = 595.28
FOOTER_BASELINE_MM = 13.0
FOOTER_SIZE_PT = 8
FOOTER_COLOUR = (0x5B / 255, 0x67 / 255, 0x70 / 255)

FOOTERS = {
    "vi": "Trang {n} / {m}",
    "en": "Page {n} of {m}",
}

_FONT_NAME = "HandbookSansFooter"


@functools.cache
def _register_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(_FONT_NAME, str(FONTS / "HandbookSans-Regular.ttf")))
    return _FONT_NAME


def footer_sheet(texts: Sequence[str]) -> bytes:
    """A PDF with one A4 page per text, each showing only that text as a footer."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    font = _register_font()
    out = io.BytesIO()
    # initialFontName: otherwise reportlab names Helvetica (not embedded) on every page
    sheet = canvas.Canvas(
        out,
        pagesize=(PAGE_WIDTH_PT, 841.89),
        pageCompression=1,
        invariant=1,
        initialFontName=font,
        initialFontSize=FOOTER_SIZE_PT,
    )
    for text in texts:
        sheet.setFont(font, FOOTER_SIZE_PT)
        sheet.setFillColorRGB(*FOOTER_COLOUR)
        sheet.drawCentredString(PAGE_WIDTH_PT / 2, FOOTER_BASELINE_MM * mm, text)
        sheet.showPage()
    sheet.save()
    return out.getvalue()


def footer_texts(lang: str, total: int) -> list[str]:
    """The footers of pages 1..total (the cover, page 1, gets none)."""
    return [FOOTERS[lang].format(n=n, m=total) for n in range(2, total + 1)]


def stamp_footers(writer, lang: str, first: int = 1) -> None:
    """Draw the page footer on every page of ``writer`` from index ``first`` on."""
    from pypdf import PdfReader
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
    )

    total = len(writer.pages)
    if total <= first:
        return
    texts = [FOOTERS[lang].format(n=n + 1, m=total) for n in range(first, total)]
    sheet = PdfReader(io.BytesIO(footer_sheet(texts)))
    resources = sheet.pages[0]["/Resources"].clone(writer)  # the same font on every sheet page
    for index, stamp in zip(range(first, total), sheet.pages, strict=True):
        page = writer.pages[index]
        form = DecodedStreamObject()
        form.set_data(stamp.get_contents().get_data())
        form.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): stamp.mediabox,
                NameObject("/Resources"): resources,
            }
        )
        form_ref = writer._add_object(form)
        # The page's resources may be shared with other pages: give it its own copy.
        own = DictionaryObject(page.get("/Resources", DictionaryObject()).get_object())
        xobjects = DictionaryObject(own.get("/XObject", DictionaryObject()).get_object())
        xobjects[NameObject("/PlanFooter")] = form_ref
        own[NameObject("/XObject")] = xobjects
        page[NameObject("/Resources")] = own
        contents = page.get("/Contents")
        streams = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
        before = DecodedStreamObject()
        before.set_data(b"q\n")
        after = DecodedStreamObject()
        after.set_data(b"\nQ q /PlanFooter Do Q\n")
        page[NameObject("/Contents")] = ArrayObject(
            [writer._add_object(before), *streams, writer._add_object(after)]
        )


# -- booklets ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """An outline entry of an assembled document: (level, title, page index)."""

    level: int
    title: str
    page: int


def keep_only_web_links(page) -> None:
    """Drop a page's internal links: copied into a booklet, they would point at pages it lacks."""
    from pypdf.generic import ArrayObject, NameObject

    annots = page.get("/Annots")
    if annots is None:
        return
    kept = []
    for ref in annots.get_object():
        annot = ref.get_object()
        action = annot.get("/A")
        if annot.get("/Subtype") == "/Link" and not (action is not None and action.get_object().get("/S") == "/URI"):
            continue
        kept.append(ref)
    if kept:
        page[NameObject("/Annots")] = ArrayObject(kept)
    else:
        del page[NameObject("/Annots")]


def add_outline(writer, marks: Sequence[Mark]) -> None:
    """The PDF outline (bookmarks) from ``marks``, nested by level."""
    parents: dict[int, object] = {}
    for mark in marks:
        parent = parents.get(mark.level - 1) if mark.level > 1 else None
        parents[mark.level] = writer.add_outline_item(title=mark.title, page_number=mark.page, parent=parent)
