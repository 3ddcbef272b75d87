"""The printable handbooks (PDF): what they hold, and that they hold it right.

Built twice per module: the whole set from the real data, and from the
minimal test data with a ``site_url`` (short links and QR codes). The PDFs are
read back with pypdf (outline, metadata, fonts, structure tree) and poppler's
pdftotext (text, page by page), and pages are rendered to PNG in tests/artifacts/
for a person to look at. What a document should hold is read from its JSON
(generator/handbook/data.py); what it does hold, from the PDF.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
import synthetic
from conftest import PROJECT, make_root
from hostile_corpus import CASES, MEGABYTE_TEXT
from pypdf import PdfReader

from generator.content.addresses import booklet_agencies, booklet_topics, report_pdf
from generator.content.tracking import lead_agencies, report_years
from generator.data.status import resolve_as_of
from generator.content.addresses import pdf_files as _pdf_files
from generator.data.index import PlanIndex
from generator.data.validate import load_plan
from generator.handbook import FONTS, agency_duties, edition_date
from generator.handbook.compile import compile_pdf
from generator.handbook.data import format_date, qr_svg, site_link
from generator.handbook.step import build_handbooks, document_jsons, outdated_texts


def pdf_files(plan):
    return _pdf_files(PlanIndex(plan))

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

# Prints the handbooks: slow, so out of the fast lane. poppler's pdftotext is required
# (make test installs it): a missing tool fails these tests, it does not skip them.
pytestmark = pytest.mark.site


# -- reading PDFs -------------------------------------------------------------------


def norm(value: str) -> str:
    """NFC, whitespace collapsed, and no space after a slash or dash (where a line may break)."""
    value = re.sub(r"\s+", " ", unicodedata.normalize("NFC", value)).strip()
    return re.sub(r"([/\-–]) ", r"\1", value)


def pdftotext(path: Path, *options: str) -> list[str]:
    """The text of each page (poppler), in content order."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", *options, str(path), "-"], capture_output=True, check=True)
    pages = out.stdout.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


# The body of an A4 page in points, without the running header and the footer.
BODY = ("-x", "0", "-y", "62", "-W", "596", "-H", "724")


def body_text(path: Path) -> str:
    """All the pages' body text, headers and footers left out, normalised."""
    return norm(" ".join(pdftotext(path, "-raw", *BODY)))


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, 0-based page) of every bookmark, in order."""

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                yield from walk(item, level + 1)
            else:
                yield level, item.title, reader.get_destination_page_number(item)

    return list(walk(reader.outline, 1))


def duty_texts(duty, lang: str) -> list[str]:
    """Every text of the plan a duty prints: task, lead and coordination as printed, results, deadline."""

    def get(value):
        return value.get(lang) if value.translated(lang) else value.vi

    texts = [get(duty.task), get(duty.deadline.as_printed)]
    texts += [get(line.as_printed) for line in duty.lead]
    texts += [get(line.as_printed) for line in duty.coordination]
    texts += [get(result) for result in duty.results]
    return [norm(t) for t in texts]


def alt_texts(reader: PdfReader) -> list[str]:
    """The alternative texts of the structure tree (figures), in order."""
    found: list[str] = []

    def walk(node, depth=0):
        node = node.get_object()
        if isinstance(node, list):
            for kid in node:
                walk(kid, depth + 1)
            return
        if not hasattr(node, "get"):
            return
        if "/Alt" in node:
            found.append(str(node["/Alt"]))
        if "/K" in node and depth < 200:
            walk(node["/K"], depth + 1)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


# -- the builds ------------------------------------------------------------------------


class Doc:
    """What a document should hold, from the JSON it was printed from."""

    def __init__(self, path: str, data_json: str):
        self.path = path
        self.json = data_json
        self.data = json.loads(data_json)
        self.lang = "vi-en" if len(self.data["langs"]) > 1 else self.data["lang"]
        self.title = self.data["meta"]["title"]
        self.toc = [(e["level"], e["text"], e["id"]) for e in self.data["contents"]]


class Build:
    def __init__(self, root: Path, html: Path, problems: list[str], data: str = "plan_data"):
        self.root = root
        self.html = html
        self.problems = problems
        self.plan = load_plan(root / data)
        self.index = PlanIndex(self.plan)
        self.docs = {path: Doc(path, text) for path, text in document_jsons(root, self.plan, data)}
        self._readers: dict[str, PdfReader] = {}
        self._texts: dict[str, str] = {}

    def reader(self, path: str) -> PdfReader:
        if path not in self._readers:
            self._readers[path] = PdfReader(self.html / path)
        return self._readers[path]

    def text(self, path: str) -> str:
        if path not in self._texts:
            self._texts[path] = body_text(self.html / path)
        return self._texts[path]


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> Build:
    """The real handbooks, printed from a copy of the real data (no Sphinx: see test_site for the site build)."""
    root = tmp_path_factory.mktemp("real-handbooks")
    shutil.copytree(PROJECT / "plan_data", root / "plan_data")
    html = root / "html"
    problems = build_handbooks(root, load_plan(root / "plan_data"), html, cache_dir=root / "cache")
    return Build(root, html, problems)


SITE_URL = "https://example.org/cat"


@pytest.fixture(scope="module")
def minimal(tmp_path_factory) -> Build:
    root = make_root(tmp_path_factory.mktemp("minimal-handbooks"), "data-minimal")
    with open(root / "plan_data" / "plan.yaml", "a", encoding="utf-8") as plan_file:
        plan_file.write(f'site_url: "{SITE_URL}"\n')
    html = root / "html"
    plan = load_plan(root / "plan_data")
    problems = build_handbooks(root, plan, html, cache_dir=root / "cache")
    return Build(root, html, problems)


@pytest.fixture(params=["real", "minimal"])
def build(request) -> Build:
    return request.getfixturevalue(request.param)


# -- the set of files ----------------------------------------------------------------------


def test_the_build_reports_no_problem(build):
    assert build.problems == []


def test_every_listed_pdf_is_built_and_nothing_else(build):
    files = pdf_files(build.plan)
    listed = set(files["handbook"].values())
    for kind in ("agencies", "topics"):
        for per_lang in files[kind].values():
            listed |= set(per_lang.values())
    # and the annual reports: every year from the plan's first to the as-of year (today), for
    # the plan and for each lead agency, in both languages
    years = report_years(build.index, resolve_as_of(None))
    assert len(years) >= 1
    for year in years:
        for agency in (None, *lead_agencies(build.index)):
            listed |= {report_pdf(year, agency, lang) for lang in ("vi", "en")}
    built = {p.relative_to(build.html).as_posix() for p in (build.html / "pdf").rglob("*.pdf")}
    assert built == listed
    assert set(files["handbook"]) == {"vi", "en", "vi-en"}
    assert set(files["agencies"]) == set(booklet_agencies(build.index))
    assert set(files["topics"]) == set(booklet_topics(build.index))


def test_agencies_without_duties_get_no_booklet(real):
    files = pdf_files(real.plan)
    for agency_id, roles in real.index.by_agency.items():
        assert (agency_id in files["agencies"]) == any(roles.values()), agency_id
    assert "thu-tuong-chinh-phu" not in files["agencies"]  # named only as an issuer


# -- contents, outline, pages ------------------------------------------------------------------


def test_outline_is_the_contents(build):
    """Bookmarks: exactly the contents entries, same labels, same nesting; nothing else."""
    for path, doc in build.docs.items():
        got = [(level, title) for level, title, _ in outline(build.reader(path))]
        assert got == [(level, label) for level, label, _ in doc.toc], path


def _toc_numbers(build: Build, path: str) -> list[int]:
    """The page numbers the printed contents gives, entry by entry."""
    doc = build.docs[path]
    pages = pdftotext(build.html / path, "-layout", *BODY)  # each entry on one line with its number
    contents = norm(" ".join(pages[1:4]))  # the contents follow the cover
    numbers, position = [], 0
    for _, label, _ in doc.toc:
        # the entry, its note (agency names), then the page number at the end of the line
        found = re.compile(re.escape(norm(label)) + r"(?: [^\d]*?)? (\d+)(?= |$)").search(contents, position)
        assert found, f"{path}: contents entry {label!r} not found"
        numbers.append(int(found.group(1)))
        position = found.end()
    return numbers


@pytest.mark.parametrize("path", ["pdf/handbook-vi.pdf", "pdf/handbook-en.pdf", "pdf/handbook-vi-en.pdf"])
def test_contents_give_the_page_of_each_heading(real, path):
    reader = real.reader(path)
    printed = _toc_numbers(real, path)
    bookmarks = outline(reader)
    assert printed == [page + 1 for _, _, page in bookmarks]
    # and the heading is really there: the parts' titles, on the page the contents give
    pages = pdftotext(real.html / path, *BODY)
    checked = 0
    for (level, label, _), number in zip(real.docs[path].toc, printed):
        if level == 1:
            assert norm(label) in norm(pages[number - 1]), f"{label!r} is not on page {number}"
            checked += 1
    assert checked >= 3


def test_booklet_contents_point_to_their_duties(real):
    path = "pdf/vi/agencies/so-tu-phap.pdf"
    printed = _toc_numbers(real, path)
    pages = pdftotext(real.html / path, *BODY)
    duty_entries = [(label, n) for (level, label, _), n in zip(real.docs[path].toc, printed) if label.startswith("Nhiệm vụ ")]
    assert len(duty_entries) >= 3
    for label, number in duty_entries:
        assert norm(label) in norm(pages[number - 1])


def _labels_and_links(value, labels: set[str], links: list[str]) -> None:
    """The labels a document's data defines (headings, anchored runs) and those its runs link to."""
    if isinstance(value, dict):
        if value.get("type") == "heading" and "id" in value:
            labels.add(value["id"])
        if "anchor" in value:
            labels.add(value["anchor"])
        if "ref" in value:
            links.append(value["ref"])
        for item in value.values():
            _labels_and_links(item, labels, links)
    elif isinstance(value, list):
        for item in value:
            _labels_and_links(item, labels, links)


def test_every_link_goes_to_a_label_of_its_document(build):
    """lib.typ prints a link to a label its document lacks as plain text (`located`: the
    first layout pass knows no label yet), so the data must hold no such link."""
    linked = 0
    for path, doc in build.docs.items():
        labels: set[str] = set()
        links: list[str] = []
        _labels_and_links(doc.data["body"], labels, links)
        links += [entry_id for _, _, entry_id in doc.toc]
        assert set(links) <= labels, f"{path}: links to no label: {sorted(set(links) - labels)[:5]}"
        linked += len(links)
    assert linked > len(build.docs)


def _internal_links(reader: PdfReader, page: int) -> list[int]:
    """The 0-based page each link of a page goes to within the document, in order."""
    targets = []
    for annotation in reader.pages[page].get("/Annots") or []:
        annotation = annotation.get_object()
        action = annotation.get("/A")
        destination = annotation.get("/Dest") or (action.get("/D") if action is not None and "/D" in action else None)
        if annotation.get("/Subtype") == "/Link" and destination is not None:
            if isinstance(destination, str) or not hasattr(destination, "__getitem__"):
                destination = reader.named_destinations[str(destination)]
                targets.append(reader.get_destination_page_number(destination))
            else:
                targets.append(reader.get_page_number(destination[0].get_object()))
    return targets


@pytest.mark.parametrize("path", ["pdf/handbook-en.pdf", "pdf/handbook-vi-en.pdf", "pdf/vi/agencies/so-tu-phap.pdf"])
def test_contents_entries_link_to_their_pages(real, path):
    """Each entry of the printed contents links, by its text and by its number, to the
    page its bookmark names."""
    reader = real.reader(path)
    bookmarks = [page for _, _, page in outline(reader)]
    contents_pages = sorted({0, *range(1, min(bookmarks))})  # the cover, then the contents
    links = [target for page in contents_pages for target in _internal_links(reader, page)]
    assert links == [page for page in bookmarks for _ in range(2)]


def test_footers_and_running_headers(real):
    for path, footer in (
        ("pdf/handbook-vi.pdf", "Trang {n} / {m}"),
        ("pdf/handbook-en.pdf", "Page {n} of {m}"),
        ("pdf/handbook-vi-en.pdf", "Trang {n} / {m} · Page {n} of {m}"),
    ):
        pages = pdftotext(real.html / path)
        total = len(pages)
        for n in (2, total // 2, total):
            assert footer.format(n=n, m=total) in " ".join(pages[n - 1].split()), (path, n)
        assert footer.format(n=1, m=total) not in " ".join(pages[0].split())  # not on the cover
    # the header names the part, and the last duty that starts on the page
    path = "pdf/handbook-vi.pdf"
    headers = pdftotext(real.html / path, "-x", "0", "-y", "0", "-W", "596", "-H", "62")
    last: dict[int, str] = {}
    for _, title, page in outline(real.reader(path)):
        if DUTY_TITLE.match(title):
            last[page] = title
    assert len(last) > 20
    for page, title in last.items():
        assert title in headers[page], (page, title)
        assert re.match(r"^(Mục [A-ZĐ]|Phụ lục)\b", headers[page]), headers[page]
    # a duty of the annex is headed with its section, as it is in a booklet
    annex_duty = next(page for _, title, page in outline(real.reader(path)) if title == "Nhiệm vụ A.II.1.1")
    assert headers[annex_duty].startswith("Mục A"), headers[annex_duty]


@pytest.mark.parametrize(
    "path, footer",
    [("pdf/vi/agencies/cong-an-tinh.pdf", "Trang {n} / {m}"), ("pdf/en/topics/media-and-communication.pdf", "Page {n} of {m}")],
)
def test_booklet_pages_are_numbered_in_the_booklet(real, path, footer):
    pages = pdftotext(real.html / path)
    total = len(real.reader(path).pages)
    assert len(pages) == total
    assert footer.format(n=1, m=total) not in " ".join(pages[0].split())  # not on the cover
    for n in range(2, total + 1):
        footers = re.findall(r"(?:Trang|Page) \d+ (?:/|of) \d+", " ".join(pages[n - 1].split()))
        assert footers == [footer.format(n=n, m=total)], (path, n, footers)


def test_each_duty_starts_a_page_of_the_handbook(real):
    """Every duty's pages hold that duty alone: what a booklet takes is exactly the duty."""
    path = "pdf/handbook-vi.pdf"
    pages = pdftotext(real.html / path, *BODY)
    marks = outline(real.reader(path))
    duty_pages = {page: title for _, title, page in marks if DUTY_TITLE.match(title)}
    assert len(duty_pages) == len(real.plan.duties)  # no two duties start on the same page
    for page, title in duty_pages.items():
        titles = DUTY_TITLE_IN_TEXT.findall(pages[page])
        assert titles == [title], (page, titles)


def test_booklet_duty_pages_print_the_duty(real):
    """A booklet prints each of its duties whole, from the page its contents and outline give."""
    for path in ("pdf/vi/agencies/so-tu-phap.pdf", "pdf/en/topics/media-and-communication.pdf"):
        lang = path.split("/")[1]
        pages = pdftotext(real.html / path, "-raw", *BODY)
        marks = [(title, page) for _, title, page in outline(real.reader(path)) if DUTY_TITLE.match(title)]
        assert marks
        starts = [page for _, page in marks] + [len(pages)]
        for (title, page), following in zip(marks, starts[1:]):
            assert DUTY_TITLE_IN_TEXT.findall(pages[page])[:1] == [title], (path, title)
            text = norm(" ".join(pages[page:max(following, page + 1)]))
            duty = real.index.duty[DUTY_TITLE.match(title).group(1)]
            for expected in duty_texts(duty, lang):
                assert expected in text, (path, title, expected[:60])


def test_a4_pages(build):
    for path in ("pdf/handbook-vi.pdf", "pdf/handbook-vi-en.pdf"):
        box = build.reader(path).pages[3].mediabox
        assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)


# -- the plan's words -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_each_duty_prints_the_datas_text(build, lang):
    text = build.text(f"pdf/handbook-{lang}.pdf")
    for duty in build.plan.duties:
        for expected in duty_texts(duty, lang):
            assert expected in text, f"{duty.number} ({lang}): {expected[:80]!r} not found"


def test_the_parallel_edition_has_both_languages_for_each_duty(build):
    path = "pdf/handbook-vi-en.pdf"
    text = build.text(path)
    titles = [title for _, title, _ in outline(build.reader(path))]
    for duty in build.plan.duties:
        assert f"Nhiệm vụ {duty.number} / Duty {duty.number}" in titles
        for expected in duty_texts(duty, "vi") + duty_texts(duty, "en"):
            assert expected in text, f"{duty.number}: {expected[:80]!r} not found"


def test_untranslated_english_is_marked(minimal):
    duty = next(d for d in minimal.plan.duties if not d.task.translated("en"))
    text = minimal.text("pdf/handbook-en.pdf")
    assert norm(duty.task.vi) + " (not yet translated)" in text


def test_outdated_english_is_marked(tmp_path):
    root = make_root(tmp_path, "data-minimal")
    # a lock file that confirmed other Vietnamese: every English text counts as possibly out of date
    (root / "plan_data" / "translations.json").write_text(json.dumps({"duty C.I.task": "0000000000"}), encoding="utf-8")
    plan = load_plan(root / "plan_data")
    outdated = outdated_texts(plan, root / "plan_data")
    assert outdated
    assert build_handbooks(root, plan, tmp_path / "html", use_cache=False, workers=1, kinds=("full",)) == []
    english = body_text(tmp_path / "html" / "pdf/handbook-en.pdf")
    assert norm(plan.duties[0].task.en) + " (translation may be out of date)" in english
    vietnamese = body_text(tmp_path / "html" / "pdf/handbook-vi.pdf")
    assert "bản dịch có thể chưa cập nhật" not in vietnamese


def test_section_c_comes_first_then_the_annex(real):
    titles = [title for level, title, _ in outline(real.reader("pdf/handbook-vi.pdf")) if level == 1]
    assert titles[:3] == ["Cách dùng sổ tay này", "Công ước và Kế hoạch", "Mục C — Tuyên truyền, phổ biến, giáo dục"]
    assert titles[3:] == [
        "Phụ lục: các mục khác của Kế hoạch",
        "Danh bạ cơ quan",
        "Chỉ mục chủ đề",
        "Lịch thời hạn",
        "Văn bản được viện dẫn",
    ]
    annex = [t for level, t, _ in outline(real.reader("pdf/handbook-vi.pdf")) if level == 2 and t.startswith("Mục ")]
    assert [t.split(" —")[0] for t in annex] == ["Mục A", "Mục B", "Mục D", "Mục Đ"]


# -- booklets -------------------------------------------------------------------------------------


DUTY_TITLE = re.compile(r"^(?:Nhiệm vụ|Duty) ([A-ZĐ]\.[IVXLC]+(?:\.\d+)*)$")
DUTY_TITLE_IN_TEXT = re.compile(r"^((?:Nhiệm vụ|Duty) [A-ZĐ]\.[IVXLC]+(?:\.\d+)*)$", re.MULTILINE)


def _duty_numbers(reader: PdfReader) -> list[str]:
    """The numbers of the duties a PDF's outline lists, in order."""
    return [m.group(1) for _, title, _ in outline(reader) if (m := DUTY_TITLE.match(title))]


def test_each_agency_booklet_holds_exactly_its_duties(build):
    for agency_id in booklet_agencies(build.index):
        roles = build.index.by_agency[agency_id]
        expected = {inv.duty.number for role in roles.values() for inv in role}
        led, _ = agency_duties(build.index, agency_id)
        for lang in ("vi", "en"):
            path = f"pdf/{lang}/agencies/{agency_id}.pdf"
            numbers = _duty_numbers(build.reader(path))
            assert len(numbers) == len(expected), path
            assert set(numbers) == expected, path
            # those it leads first
            assert set(numbers[: len(led)]) == {d.number for d in led}, path
        text = build.text(f"pdf/vi/agencies/{agency_id}.pdf")
        for number in expected:
            assert norm(build.index.duty[number].task.vi) in text


def test_each_topic_booklet_holds_exactly_its_duties(build):
    for topic_id in booklet_topics(build.index):
        expected = [d.number for d in build.index.by_topic[topic_id]]
        for lang in ("vi", "en"):
            numbers = _duty_numbers(build.reader(f"pdf/{lang}/topics/{topic_id}.pdf"))
            assert sorted(numbers) == sorted(expected)


def test_the_real_reports_say_no_evidence_recorded_for_each_duty(real):
    """The sources hold no An Giang activity record: every duty of every printed report
    says so, and no total has a record to cite."""
    for year in report_years(real.index, resolve_as_of(None)):
        for lang, words in (("en", "No evidence recorded"), ("vi", "Chưa ghi nhận kết quả")):
            text = real.text(report_pdf(year, None, lang))
            assert text.count(words) == len(real.plan.duties), (year, lang)
        led = [d for d in real.plan.duties if "cong-an-tinh" in d.lead_agencies()]
        assert real.text(report_pdf(year, "cong-an-tinh", "en")).count("No evidence recorded") == len(led)


# -- metadata, fonts -----------------------------------------------------------------------------


def test_metadata(build):
    for path, doc in build.docs.items():
        reader = build.reader(path)
        assert reader.metadata.title == doc.title
        assert reader.metadata.author
        lang = reader.trailer["/Root"].get("/Lang")
        assert lang == ("vi" if doc.lang == "vi-en" else doc.lang), path
    assert build.reader("pdf/handbook-en.pdf").metadata.title == build.plan.info.title.en
    assert build.reader("pdf/handbook-en.pdf").metadata.author.endswith("Province")


def _fonts(reader: PdfReader):
    seen = {}
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            seen[font["/BaseFont"]] = font
    return seen


def _embedded_family(font) -> str:
    """The family name inside an embedded font file."""
    from io import BytesIO

    from fontTools.ttLib import TTFont

    descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    data = descriptor["/FontFile2"].get_object().get_data()
    return TTFont(BytesIO(data))["name"].getDebugName(1), len(data)


def test_only_the_bundled_fonts_embedded_and_subset(build):
    for path in ("pdf/handbook-vi.pdf", "pdf/handbook-vi-en.pdf", "pdf/en/topics/" + booklet_topics(build.index)[0] + ".pdf"):
        fonts = _fonts(build.reader(path))
        assert fonts
        for name, font in fonts.items():
            assert re.match(r"^/[A-Z]{6}\+NotoS(erif|ans)Handbook-", name), f"{path}: {name}"  # subset tag + our family
            family, size = _embedded_family(font)
            assert family in ("Noto Serif Handbook", "Noto Sans Handbook"), f"{path}: {name} is {family}"
            bundled = min(f.stat().st_size for f in FONTS.glob("*.ttf"))
            assert size < bundled / 2, f"{path}: {name} is not subset"


def test_every_vietnamese_letter_prints_and_extracts(tmp_path):
    """All 134 precomposed Vietnamese letters come out of the PDF as they went in (NFC), in each style."""
    letters = "".join(chr(c) for c in range(0x1EA0, 0x1EFA)) + "ĂăÂâĐđÊêÔôƠơƯư" + "ÀÁÃÈÉÌÍÒÓÕÙÚÝàáãèéìíòóõùúý"
    words = " ".join(letters[i : i + 12] for i in range(0, len(letters), 12))
    paragraph = {"type": "paragraph", "text": [words]}
    body = [
        paragraph,
        {"type": "paragraph", "text": [{"text": words, "style": "strong"}]},
        {"type": "paragraph", "text": [{"text": words, "style": "emph"}]},
        {"type": "paragraph", "text": [{"text": words, "style": "mark"}]},  # sans italic
        {"type": "heading", "level": 1, "text": [words], "id": "h", "style": "entry"},  # sans bold
    ]
    data = {
        "lang": "vi",
        "langs": ["vi"],
        "meta": {"title": "Chữ Việt", "author": "", "description": "", "keywords": [], "date": "2024-05-17"},
        "strings": {"footer": "Trang {page} / {total}", "contents": "Mục lục"},
        "cover": {k: [] for k in ("kicker", "province", "title", "convention", "subject", "language", "edition")},
        "contents": [],
        "body": body,
    }
    target = tmp_path / "letters.pdf"
    target.write_bytes(compile_pdf(json.dumps(data), datetime.date(2024, 5, 17)))
    text = norm(" ".join(pdftotext(target, "-raw")))
    assert text.count(words) == len(body)
    families = {_embedded_family(f)[0] for f in _fonts(PdfReader(target)).values()}
    assert families == {"Noto Serif Handbook", "Noto Sans Handbook"}


# -- links and QR codes ----------------------------------------------------------------------------


def _path_moves(reader: PdfReader, page: int) -> int:
    """Path "moveto" operators on a page: a QR code, drawn as vectors, has hundreds."""
    return len(re.findall(rb"[\d.] m\b", reader.pages[page].get_contents().get_data()))


def test_short_links_and_qr_codes_with_a_site_url(minimal):
    for lang in ("vi", "en"):
        doc = minimal.docs[f"pdf/handbook-{lang}.pdf"]
        text = minimal.text(doc.path)
        reader = minimal.reader(doc.path)
        alts = alt_texts(reader)
        for duty in minimal.plan.duties:
            _, url = site_link(minimal.plan, minimal.index, duty, lang)
            assert url == f"{SITE_URL}/{lang}/plan/duties/{minimal.index.slug(duty)}.html"
            assert url in text
            assert json.dumps(qr_svg(url), ensure_ascii=False) in doc.json
            # the QR code carries its alternative text, with the address it encodes
            assert sum(url in alt for alt in alts) == 1, (lang, duty.number)
        # a QR code is drawn on each duty's first page
        for _, title, page in outline(reader):
            if DUTY_TITLE.match(title):
                assert _path_moves(reader, page) > 100, title


def test_relative_paths_and_no_qr_without_a_site_url(real):
    assert real.plan.info.site_url is None
    doc = real.docs["pdf/handbook-vi.pdf"]
    assert '"qr":' not in doc.json
    text = real.text(doc.path)
    for duty in real.plan.duties:
        assert f"vi/plan/duties/{real.index.slug(duty)}.html" in text
    reader = real.reader(doc.path)
    assert max(_path_moves(reader, page) for page in range(len(reader.pages))) < 100
    assert alt_texts(reader) == []


def test_a_missing_site_url_is_logged(tmp_path, caplog):
    root = make_root(tmp_path, "data-minimal")
    plan = load_plan(root / "plan_data")
    with caplog.at_level(logging.WARNING, logger="generator.handbook.step"):
        problems = build_handbooks(root, plan, tmp_path / "html", cache_dir=tmp_path / "cache")
    assert problems == []
    assert any("site_url" in r.getMessage() for r in caplog.records)


# -- data is text ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Build:
    """One duty and one agency per case of the hostile corpus, every text field holding the case
    (the megabyte text left out: test_hostile shows it whole on the site)."""
    root = tmp_path_factory.mktemp("hostile-handbooks")
    cases = [(name, body) for name, body in CASES if body != MEGABYTE_TEXT]
    agencies = [synthetic.agency(f"a{i}", body, body, note=body) for i, (_, body) in enumerate(cases, start=1)]
    duties = [
        synthetic.duty(f"C.I.{i}", f"a{i}", "t", body, coordinating=f"a{i % len(cases) + 1}")
        for i, (_, body) in enumerate(cases, start=1)
    ]
    sections = [
        {
            "section": "C",
            "slug": "c",
            "label": "C.",
            "heading": synthetic.text("Mục thử"),
            "groups": [{"number": "C.I", "label": "I.", "heading": synthetic.text("Nhóm thử")}],
            "duties": duties,
        }
    ]
    synthetic.write_plan(root, sections, agencies, [synthetic.topic("t", "Chủ đề")])
    plan = load_plan(root / "plan_data")
    problems = build_handbooks(root, plan, root / "html", use_cache=False, kinds=("full", "parallel", "agency"))
    return Build(root, root / "html", problems)


HOSTILE = [(name, body) for name, body in CASES if body != MEGABYTE_TEXT]


def squash(value: str) -> str:
    """NFC text without whitespace and hyphens: pdftotext joins a line ending in "-" to the next
    (``---`` then ``myst`` comes out as ``--myst``) and drops leading spaces; nothing else is forgiven."""
    return re.sub(r"[\s\-]", "", unicodedata.normalize("NFC", value))


# The left and the right column of the parallel edition, and the whole body width (points).
HALVES = {"vi": ("-x", "0", "-y", "62", "-W", "298", "-H", "724"), "en": ("-x", "298", "-y", "62", "-W", "298", "-H", "724")}


@pytest.mark.parametrize("case", range(len(HOSTILE)), ids=[name for name, _ in HOSTILE])
def test_hostile_data_prints_as_its_literal_text(hostile, case):
    """Each text field of a duty (task, lead and coordination as printed, result, deadline,
    note) and of an agency (name, short name, description) prints as exactly its text."""
    assert hostile.problems == []
    _, body = HOSTILE[case]
    expected, quoted = squash(body), squash(f"“{body}”")
    number = f"C.I.{case + 1}"
    for path in ("pdf/handbook-vi.pdf", "pdf/handbook-en.pdf", "pdf/handbook-vi-en.pdf", f"pdf/vi/agencies/a{case + 1}.pdf"):
        reader = hostile.reader(path)
        starts = {m.group(1): page for _, title, page in outline(reader) for m in [re.search(r"(C\.I\.\d+)$", title)] if m}
        following = sorted(p for p in starts.values() if p > starts[number])
        end = max(following[0] if following else starts[number] + 3, starts[number] + 1)
        crops = HALVES.values() if path.endswith("vi-en.pdf") else [BODY]
        for crop in crops:  # each column of the parallel edition on its own
            text = squash(" ".join(pdftotext(hostile.html / path, "-raw", *crop)[starts[number] : end]))
            # task, lead as printed, coordination as printed, result, deadline, note text, note as printed
            assert text.count(expected) >= 7, (path, crop, text.count(expected), text[:300])
            assert quoted in text, (path, crop)
    # and the agency: its duty's seven, then name, short name and description in the directory
    assert squash(hostile.text("pdf/handbook-vi.pdf")).count(expected) >= 7 + 3


def test_hostile_data_reaches_typst_only_as_json(hostile):
    """No Typst source is made from data: the templates are the package's files, and the data is JSON."""
    from generator.handbook.compile import MAIN, TEMPLATES

    assert {p.name for p in TEMPLATES.iterdir()} == {"lib.typ", "main.typ"}
    assert 'json(bytes(sys.inputs.at("data")))' in MAIN.read_text(encoding="utf-8")
    lib = (TEMPLATES / "lib.typ").read_text(encoding="utf-8")
    assert "eval(" not in lib and "read(" not in lib and "include" not in lib
    for doc in hostile.docs.values():
        json.loads(doc.json)  # a JSON document, and nothing else


# -- edition date --------------------------------------------------------------------------------


def test_edition_date_is_the_last_commit_of_the_data():
    if shutil.which("git") is None:
        pytest.skip("no git")
    done = subprocess.run(
        ["git", "log", "-1", "--format=%cs", "--", "plan_data"], cwd=PROJECT, capture_output=True, text=True, check=False
    )
    if done.returncode or not done.stdout.strip():
        pytest.skip("the project is not a git checkout")
    assert edition_date(PROJECT) == datetime.date.fromisoformat(done.stdout.strip())


def test_edition_date_without_git_is_the_newest_data_file(tmp_path):
    root = make_root(tmp_path, "data-minimal")
    stamp = datetime.datetime(2024, 5, 17, 12, 0).timestamp()
    for path in (root / "plan_data").rglob("*"):
        os.utime(path, (stamp - 86400, stamp - 86400))
    os.utime(root / "plan_data" / "topics.yaml", (stamp, stamp))
    assert edition_date(root) == datetime.date(2024, 5, 17)


def test_the_cover_shows_the_edition(build):
    day = edition_date(build.root)
    for lang in ("vi", "en"):
        cover = norm(pdftotext(build.html / f"pdf/handbook-{lang}.pdf")[0])
        assert format_date(day, lang) in cover
        assert norm(build.plan.info.title.get(lang)) in cover


# -- cache ----------------------------------------------------------------------------------------


def test_unchanged_handbooks_come_from_the_cache(minimal, tmp_path):
    lines = []
    problems = build_handbooks(minimal.root, minimal.plan, tmp_path / "html", cache_dir=minimal.root / "cache", report=lines.append)
    assert problems == []
    assert " 0 printed by Typst and " in lines[0], lines[0]
    for path in minimal.docs:
        assert (tmp_path / "html" / path).read_bytes() == (minimal.html / path).read_bytes()


# -- for a person to look at ------------------------------------------------------------------------


def test_render_pages_to_look_at(real):
    """Cover, contents and a duty page of each edition, and a booklet's cover and contents,
    as PNG in tests/artifacts/ (git-ignored)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("needs poppler's pdftoppm")
    ARTIFACTS.mkdir(exist_ok=True)
    shots = []
    for lang in ("vi", "en", "vi-en"):
        path = f"pdf/handbook-{lang}.pdf"
        duty_page = next(page for _, title, page in outline(real.reader(path)) if "C.V.1.2" in title) + 1
        shots += [(path, f"handbook-{lang}-{name}", page) for name, page in (("cover", 1), ("contents", 2), ("duty", duty_page))]
    for lang in ("vi", "en"):
        shots += [(f"pdf/{lang}/agencies/cong-an-tinh.pdf", f"booklet-{lang}-{name}", page) for name, page in (("cover", 1), ("contents", 2))]
    for path, name, page in shots:
        prefix = ARTIFACTS / name
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile", str(real.html / path), str(prefix)],
            check=True,
        )
        assert prefix.with_suffix(".png").stat().st_size > 5000


def edit_english(data: Path, new: str, newest: float) -> None:
    """Give data-minimal's duty C.I other English words, keeping the edition date (the newest file time)."""
    section = data / "sections" / "c.yaml"
    text = section.read_text(encoding="utf-8")
    assert "Organise dissemination on the prevention of torture" in text
    section.write_text(text.replace("Organise dissemination on the prevention of torture", new), encoding="utf-8")
    os.utime(section, (newest, newest))


def test_an_english_change_remakes_only_what_shows_english(minimal, tmp_path):
    """One duty's English changes: the Vietnamese handbook and booklets come from the cache as they were."""
    root = make_root(tmp_path, "data-minimal")
    data = root / "plan_data"
    newest = max(p.stat().st_mtime for p in data.rglob("*") if p.is_file())  # the edition date (no git here)
    cache, html = root / "cache", tmp_path / "html"
    assert build_handbooks(root, load_plan(data), html, cache_dir=cache) == []
    before = {p: p.read_bytes() for p in (html / "pdf").rglob("*.pdf")}
    edit_english(data, "Organise awareness-raising on preventing torture", newest)
    lines: list[str] = []
    assert build_handbooks(root, load_plan(data), html, cache_dir=cache, report=lines.append) == []
    changed = {p.relative_to(html).as_posix() for p, old in before.items() if p.read_bytes() != old}
    english = {p.relative_to(html).as_posix() for p in before if "-en" in p.name or "/en/" in p.as_posix()}
    assert changed and changed <= english
    assert "pdf/handbook-vi.pdf" not in changed and "pdf/handbook-vi-en.pdf" in changed
    made = int(re.search(r"(\d+) printed by Typst", lines[0]).group(1))
    # only the documents that show the changed duty in English are printed again; the rest are the cache's
    showing = {p for p in english if "C.I" in json.dumps(Build(root, html, []).docs[p].data["contents"])}
    assert made == len(changed) and changed <= showing


def test_the_cache_drops_only_its_own_stale_files(minimal, tmp_path):
    cache = tmp_path / "cache"
    shutil.copytree(minimal.root / "cache", cache)
    ours = sorted(cache.glob("typst-*.pdf"))
    assert len(ours) == len(minimal.docs)
    stale = []
    for i in range(3 * len(minimal.docs)):  # older than every file a build uses
        path = cache / f"typst-{i:032x}.pdf"
        path.write_bytes(b"%PDF-1.7 stale")
        os.utime(path, (1_000_000_000, 1_000_000_000))
        stale.append(path)
    earlier = [cache / ("printed-" + "0" * 32 + ".pdf"), cache / ("printed-" + "0" * 32 + ".json"), cache / ("ab" * 16 + ".pdf")]
    for path in earlier:  # what the WeasyPrint cache kept
        path.write_bytes(b"%PDF-1.7 from the earlier cache")
    foreign = [cache / "my-notes.pdf", cache / "typst-notes.pdf", cache / ("printed-" + "0" * 31 + ".pdf")]
    for path in foreign:
        path.write_bytes(b"%PDF-1.7 not ours to keep")
        os.utime(path, (1_000_000_000, 1_000_000_000))
    assert build_handbooks(minimal.root, minimal.plan, tmp_path / "html", cache_dir=cache) == []
    assert all(p.exists() for p in ours)
    assert sum(p.exists() for p in stale) == len(minimal.docs)  # kept up to twice the documents
    assert not any(p.exists() for p in earlier)
    for path in foreign:
        assert path.read_bytes() == b"%PDF-1.7 not ours to keep"


def test_pdf_ua_and_tags(build):
    """Every PDF is tagged, says it conforms to PDF/UA-1 (Typst checked it), has its title shown."""
    for path in build.docs:
        reader = build.reader(path)
        root = reader.trailer["/Root"]
        assert root["/MarkInfo"]["/Marked"] == True, path  # a PDF boolean object
        assert "/StructTreeRoot" in root, path
        assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True, path
        xmp = root["/Metadata"].get_object().get_data()
        assert b"<pdfuaid:part>1</pdfuaid:part>" in xmp, path


def test_the_same_data_prints_the_same_bytes(minimal, tmp_path):
    """No clock and no randomness in a PDF: what the cache relies on."""
    assert build_handbooks(minimal.root, minimal.plan, tmp_path / "html", use_cache=False, kinds=("full",)) == []
    for lang in ("vi", "en"):
        path = f"pdf/handbook-{lang}.pdf"
        assert (tmp_path / "html" / path).read_bytes() == (minimal.html / path).read_bytes()


def test_a_typst_error_is_a_problem_not_a_traceback(minimal, tmp_path, monkeypatch):
    from generator.handbook import data

    real_document_data = data.document_data

    def broken(*args, **kwargs):
        out = real_document_data(*args, **kwargs)
        out["body"].append({"type": "no-such-block"})
        return out

    monkeypatch.setattr("generator.handbook.step.document_data", broken)
    problems = build_handbooks(minimal.root, minimal.plan, tmp_path / "html", use_cache=False, workers=1, kinds=("full",))
    assert problems and all(p.startswith("pdf/handbook-") and "Typst: " in p and "unknown block type: no-such-block" in p for p in problems), problems


def test_a_character_the_fonts_lack_fails_the_build_with_its_name(tmp_path):
    """No silent fallback to another font: a character outside the bundled fonts is refused, named."""
    root = make_root(tmp_path, "data-minimal")
    topics = root / "plan_data" / "topics.yaml"
    text = topics.read_text(encoding="utf-8")
    first_en = re.search(r'en: "([^"]+)"', text).group(1)
    topics.write_text(text.replace(f'en: "{first_en}"', f'en: "{first_en} 漢"', 1), encoding="utf-8")
    plan = load_plan(root / "plan_data")
    problems = build_handbooks(root, plan, tmp_path / "html", use_cache=False, workers=1, kinds=("full",))
    assert problems == [
        "pdf/handbook-en.pdf: Typst: '漢' (U+6F22) is not in the bundled fonts: see generator/handbook/fonts/README.md"
    ], problems


def test_one_duty_edit_prints_only_the_documents_showing_it(tmp_path):
    """Each document is printed again only when its JSON changed (Printed.compiled), and an
    affected booklet, printed again, shows the new English."""
    from generator.handbook.compile import print_documents
    from generator.handbook.step import iter_document_jsons

    root = make_root(tmp_path, "data-minimal")
    data = root / "plan_data"
    newest = max(p.stat().st_mtime for p in data.rglob("*") if p.is_file())  # the edition date (no git here)
    cache, html = root / "cache", tmp_path / "html"
    edition = edition_date(root)
    before = dict(document_jsons(root, load_plan(data)))
    done, problems = print_documents(iter_document_jsons(root, load_plan(data)), html, edition, cache)
    assert problems == [] and all(p.compiled for p in done) and {p.path for p in done} == set(before)
    edit_english(data, "Organise outreach against torture", newest)
    after = dict(document_jsons(root, load_plan(data)))
    done, problems = print_documents(iter_document_jsons(root, load_plan(data)), html, edition, cache)
    assert problems == []
    compiled = {p.path for p in done if p.compiled}
    assert compiled == {path for path in after if after[path] != before[path]}
    # the duty (C.I) is led by so-tu-phap, coordinated by cong-an-tinh, on media-and-communication
    assert {
        "pdf/handbook-en.pdf",
        "pdf/handbook-vi-en.pdf",
        "pdf/en/agencies/so-tu-phap.pdf",
        "pdf/en/agencies/cong-an-tinh.pdf",
        "pdf/en/topics/media-and-communication.pdf",
    } <= compiled
    assert not any("/vi/" in path or path == "pdf/handbook-vi.pdf" for path in compiled)
    assert len(done) == len(after) and all(p.pages > 0 for p in done)
    booklet = body_text(html / "pdf/en/agencies/so-tu-phap.pdf")
    assert "Organise outreach against torture" in booklet
    assert "Organise dissemination on the prevention of torture" not in booklet


def _in_a_print_worker(monkeypatch, print_one):
    """This process made a print worker, whose printing processes run ``print_one``."""
    from generator.handbook import compile as printing

    monkeypatch.setattr(printing, "_in_print_worker", True)
    monkeypatch.setattr(printing, "_print_one", print_one)
    monkeypatch.setattr(printing, "_printer", [])
    return printing


def test_a_print_worker_prints_in_fresh_processes_ten_documents_each(monkeypatch):
    """A print worker hands each document to a printing process it forked, which ends
    after PER_PROCESS documents (what Typst keeps makes later documents dearer)."""
    printing = _in_a_print_worker(monkeypatch, lambda *job: (os.getpid(), job))
    try:
        answers = [printing._print_job(f"pdf/{n}.pdf", "{}") for n in range(25)]
    finally:
        printing._end_printer()
    assert [job for _, job in answers] == [(f"pdf/{n}.pdf", "{}") for n in range(25)]
    pids = [pid for pid, _ in answers]
    assert os.getpid() not in pids
    assert [pids.count(pid) for pid in dict.fromkeys(pids)] == [printing.PER_PROCESS, printing.PER_PROCESS, 5]


def test_a_printing_process_that_dies_is_a_problem_of_its_document_and_the_next_one_prints(monkeypatch):
    def print_one(path, data_json):
        if path == "pdf/crash.pdf":
            os._exit(3)
        if path == "pdf/refused.pdf":
            raise printing.PrintError("unknown variable: x")
        return path

    printing = _in_a_print_worker(monkeypatch, print_one)
    try:
        assert printing._print_job("pdf/first.pdf", "{}") == "pdf/first.pdf"
        with pytest.raises(printing.PrintError, match=r"^the printing process ended without an answer \(exit status 3\)$"):
            printing._print_job("pdf/crash.pdf", "{}")
        with pytest.raises(printing.PrintError, match=r"^unknown variable: x$"):
            printing._print_job("pdf/refused.pdf", "{}")
        assert printing._print_job("pdf/next.pdf", "{}") == "pdf/next.pdf"
    finally:
        printing._end_printer()


def test_a_single_document_to_print_starts_no_worker(minimal, tmp_path, monkeypatch):
    """Worker processes start only when two documents or more are to be printed."""
    from generator.handbook import compile as printing

    started = []

    class Pool(printing._Serial):
        def __init__(self, **options):
            started.append(options)

    monkeypatch.setattr(printing, "_worker_pool", lambda workers: Pool(max_workers=workers))
    cache = tmp_path / "cache"
    shutil.copytree(minimal.root / "cache", cache)
    jobs = list(minimal.docs.items())
    (first_path, first), (second_path, second) = jobs[0], jobs[1]
    edited = [(path, doc.json) for path, doc in jobs]
    edited[0] = (first_path, first.json.replace(first.title, first.title + " (edited)"))
    done, problems = printing.print_documents(iter(edited), tmp_path / "html", datetime.date(2024, 5, 17), cache, workers=2)
    assert problems == [] and started == []
    assert [p.path for p in done if p.compiled] == [first_path]
    edited[0] = (first_path, first.json.replace(first.title, first.title + " (edited twice)"))
    edited[1] = (second_path, second.json.replace(second.title, second.title + " (edited)"))
    done, problems = printing.print_documents(iter(edited), tmp_path / "html2", datetime.date(2024, 5, 17), cache, workers=2)
    assert problems == [] and len(started) == 1
    assert sorted(p.path for p in done if p.compiled) == sorted([first_path, second_path])
