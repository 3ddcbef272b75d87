"""Putting pages together (generator/pdf_pages.py): footers stamped on, links, outline.

A small PDF is printed with WeasyPrint (three pages, an internal and a web
link), then stamped and read back with pypdf and poppler's pdftotext.
"""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader, PdfWriter

from generator.pdf_pages import (
    Mark,
    add_outline,
    footer_texts,
    keep_only_web_links,
    stamp_footers,
)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")

HTML = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>t</title>
<style>@page { size: A4; margin: 20mm } div { break-after: page } body { font-family: "Handbook Sans" }
@font-face { font-family: "Handbook Sans"; src: url(fonts/HandbookSans-Regular.ttf); }</style></head><body>
<div id="one">Trang một: <a href="#three">tới trang ba</a></div>
<div>Trang hai: <a href="https://example.org/cat">trang web</a></div>
<div id="three">Trang ba, tiếng Việt có dấu</div>
</body></html>"""


@pytest.fixture(scope="module")
def printed() -> bytes:
    from weasyprint import HTML as Page

    from generator.handbook import STYLESHEET

    return Page(string=HTML, base_url=str(STYLESHEET.parent) + "/").write_pdf()


def text_of(data: bytes) -> list[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True)
    return [" ".join(page.split()) for page in out.stdout.decode("utf-8").split("\f")[:-1]]


def written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_footers_are_stamped_on_every_page_but_the_first(printed):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(printed)))
    stamp_footers(writer, "vi")
    pages = text_of(written(writer))
    assert pages[0] == "Trang một: tới trang ba"
    assert pages[1] == "Trang hai: trang web Trang 2 / 3"
    assert pages[2] == "Trang ba, tiếng Việt có dấu Trang 3 / 3"


def test_english_footers_and_the_words_for_each_page():
    assert footer_texts("en", 3) == ["Page 2 of 3", "Page 3 of 3"]
    assert footer_texts("vi", 2) == ["Trang 2 / 2"]


def test_stamping_keeps_the_pages_own_content_and_fonts(printed):
    original = PdfReader(io.BytesIO(printed))
    writer = PdfWriter(clone_from=original)
    stamp_footers(writer, "en")
    stamped = PdfReader(io.BytesIO(written(writer)))
    for before, after in zip(original.pages, stamped.pages):
        assert after.extract_text().startswith(before.extract_text().strip())
        assert set(before["/Resources"]["/Font"]) <= set(after["/Resources"]["/Font"])
    # the footer's font is the bundled Noto Sans, embedded (no unembedded standard font)
    fonts = subprocess.run(["pdffonts", "-"], input=written(writer), capture_output=True, check=True).stdout.decode()
    rows = fonts.splitlines()[2:]
    assert any("NotoSansHandbook" in row for row in rows), fonts
    assert all(" yes " in row for row in rows), fonts


def test_internal_links_are_dropped_web_links_kept(printed):
    reader = PdfReader(io.BytesIO(printed))

    def kind(annot) -> str:
        annot = annot.get_object()
        return annot["/A"]["/S"] if "/A" in annot else "internal" if "/Dest" in annot else "?"

    kinds = [kind(a) for page in reader.pages for a in page.get("/Annots", [])]
    assert sorted(kinds) == ["/URI", "internal"]  # WeasyPrint made both
    for page in reader.pages:
        keep_only_web_links(page)
    left = [a.get_object()["/A"] for page in reader.pages for a in page.get("/Annots", [])]
    assert [a["/URI"] for a in left] == ["https://example.org/cat"]


def test_outline_nests_by_level(printed):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(printed)))
    add_outline(writer, [Mark(1, "Phần một", 0), Mark(2, "Nhiệm vụ C.I", 1), Mark(2, "Nhiệm vụ C.II", 2), Mark(1, "Phần hai", 2)])
    reader = PdfReader(io.BytesIO(written(writer)))
    outline = reader.outline
    assert [item.title for item in outline if not isinstance(item, list)] == ["Phần một", "Phần hai"]
    nested = outline[1]
    assert [item.title for item in nested] == ["Nhiệm vụ C.I", "Nhiệm vụ C.II"]
    assert [reader.get_destination_page_number(item) for item in nested] == [1, 2]
