"""The annual implementation report, printed (PDF): what it holds, and that the site links it.

The fixture plan with records (tests/roots/tracking) is built with the maintainers'
command, PDFs included, at a fixed as-of date; the expected figures are worked out
by hand from its YAML (the comments say how), never copied from the program's output.
The PDFs are read back with poppler's pdftotext and pypdf.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from conftest import make_root
from hostile_corpus import CASES, MEGABYTE_TEXT
from pypdf import PdfReader
from sitebuild import main_content, site_project, soup

pytestmark = pytest.mark.site

AS_OF = "2025-03-01"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
# The body of an A4 page in points, without the running header and the footer (as test_handbook).
BODY = ("-x", "0", "-y", "62", "-W", "596", "-H", "724")


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, capture_output=True, text=True)


def pdftotext(path: Path, *options: str) -> list[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", *options, str(path), "-"], capture_output=True, check=True)
    pages = out.stdout.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def body_text(path: Path, first: int = 2) -> str:
    """Every page's body (no running heads, no footers), whitespace collapsed, and no space
    after a hyphen or slash (where a line may break); from page ``first`` (0-based: after the
    cover and the contents)."""
    text = unicodedata.normalize("NFC", " ".join(pdftotext(path, "-raw", *BODY)[first:]))
    return re.sub(r"([/\-]) ", r"\1", re.sub(r"\s+", " ", text).strip())


def outline(reader: PdfReader) -> list[tuple[int, str]]:
    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                yield from walk(item, level + 1)
            else:
                yield level, item.title

    return list(walk(reader.outline, 1))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = site_project(tmp_path_factory.mktemp("report-pdf"), "tracking")
    done = run(project, "build", "--as-of", AS_OF)
    assert done.returncode == 0, done.stderr
    return project / "_build" / "html"


# -- which reports are printed -----------------------------------------------------------


def test_every_year_and_lead_agency_has_its_report_in_both_languages(site):
    # plan years 2023-2025 (the deadlines), as of 1/3/2025: 2023, 2024, 2025; the lead agencies
    # of the fixture: so-tu-phap, cong-an-tinh, dai-phat-thanh
    built = {p.relative_to(site / "pdf").as_posix() for p in (site / "pdf").rglob("reports/*.pdf")}
    expected = {
        f"{lang}/reports/{year}{suffix}.pdf"
        for lang in ("vi", "en")
        for year in (2023, 2024, 2025)
        for suffix in ("", "-so-tu-phap", "-cong-an-tinh", "-dai-phat-thanh")
    }
    assert built == expected


def test_each_report_page_links_its_pdf_and_the_link_resolves(site):
    pages = sorted((site / "en" / "plan" / "reports").glob("20*.html")) + sorted((site / "vi" / "plan" / "reports").glob("20*.html"))
    assert len(pages) == 2 * 3 * 4
    for page in pages:
        lang = page.parents[2].name
        links = [a for a in main_content(soup(page)).select("a.download-link") if a["href"].endswith(".pdf")]
        assert len(links) == 1, page
        target = (page.parent / links[0]["href"]).resolve()
        assert target == (site / "pdf" / lang / "reports" / (page.stem + ".pdf")).resolve(), page
        assert target.read_bytes().startswith(b"%PDF-"), target
    words = {"en": "This report (PDF, for printing)", "vi": "Báo cáo này (PDF, để in)"}
    for lang, text in words.items():
        link = main_content(soup(site / lang / "plan" / "reports" / "2024.html")).select_one("a.download-link")
        assert link.get_text(strip=True) == text


# -- what the plan's report of 2024 says -------------------------------------------------------


def totals_rows(text: str, heading: str, following: str) -> str:
    start = text.index(heading)
    return text[start : text.index(following, start + len(heading))]


def test_the_2024_report_prints_the_totals_worked_out_by_hand_with_their_records(site):
    text = body_text(site / "pdf" / "en" / "reports" / "2024.pdf")
    plan_totals = totals_rows(text, "Totals Figure Value From the records", "Section A.")
    # 2024: the decision (Feb), the leaflets (Mar-Sep), the workshop (12 June), the inspection
    # (2 Oct) and the compilation (Nov 2024 - Feb 2025), in date order; the workshop's 70
    # participants are the only people trained; 5000 leaflets; no broadcast
    assert "Activities 5 2024-quyet-dinh, 2024-to-roi, 2024-hoi-thao-cat, 2024-kiem-tra, 2024-2025-tong-hop" in plan_totals
    assert "People trained or attending conferences and workshops 70 2024-hoi-thao-cat" in plan_totals
    assert "Publications and media items 1 2024-to-roi" in plan_totals
    assert "Copies issued 5000 2024-to-roi" in plan_totals
    assert "Broadcasts 0 —" in plan_totals
    assert "— Inspection 1 2024-kiem-tra" in plan_totals
    assert "— Legal document issued 1 2024-quyet-dinh" in plan_totals
    # section A: the decision (A.III) and the inspection (A.II); section C: the other three
    section_a = totals_rows(text, "Totals of section A", "Section C.")
    assert "Activities 2 2024-quyet-dinh, 2024-kiem-tra" in section_a
    assert "People trained or attending conferences and workshops 0 —" in section_a
    section_c = totals_rows(text, "Totals of section C", "Duties with no evidence recorded")
    assert "Activities 3 2024-to-roi, 2024-hoi-thao-cat, 2024-2025-tong-hop" in section_c
    assert "Copies issued 5000 2024-to-roi" in section_c


def test_the_2024_report_follows_the_plan_and_lists_the_duties_plainly(site):
    path = site / "pdf" / "en" / "reports" / "2024.pdf"
    entries = outline(PdfReader(path))
    duties = [title for level, title in entries if level == 2 and re.fullmatch(r"[A-E]\.[IVX.0-9]+", title)]
    assert duties == ["A.I", "A.II", "A.III", "A.IV", "A.V", "C.I", "C.II", "C.III", "C.IV"]
    assert [title for level, title in entries if level == 1] == [
        "Totals",
        "Section A. Improve the law",
        "Section C. Strengthen dissemination",
        "Duties with no evidence recorded",
        "Overdue duties (no activity recorded)",
    ]
    text = body_text(path)
    # no record overlapping 2024 and no assessment: A.I, A.IV, A.V, C.IV; as of 1/1/2025 C.II has
    # nothing for 15/12/2023 and C.IV nothing for 31/12/2024
    assert "Duties with no evidence recorded A.I, A.IV, A.V, C.IV" in text
    assert "Overdue duties (no activity recorded) C.II, C.IV" in text
    # each duty with its completion, then its activities with their record, figures and source
    assert "C.I Task Organise dissemination Completion in 2024 Substantial" in text
    assert "2024-hoi-thao-cat: Workshop on the Convention against Torture — 12 June 2024; 70 participants; 3 sessions." in text
    assert "Source: https://example.org/tin/hoi-thao-2024; Báo cáo số 2/BC-STP, Sở Tư pháp, 20 June 2024" in text
    assert "A.I Task Review documents Completion in 2024 No evidence recorded" in text


def test_the_record_ids_a_total_cites_link_to_where_the_report_lists_them(site):
    reader = PdfReader(site / "pdf" / "en" / "reports" / "2024.pdf")
    totals_page = reader.pages[2]  # cover, contents, then the title and the totals
    assert "2024-hoi-thao-cat" in totals_page.extract_text()
    targets = [
        reader.get_page_number(annotation.get_object()["/Dest"][0].get_object())
        for annotation in totals_page.get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link"
    ]
    # 13 ids cited: 5 activities, then 1 each for people trained, publications and copies,
    # and 5 for the kinds (a link broken over two lines has two parts: at least 13)
    assert len(targets) >= 13, targets
    # the 2024 records are listed under the duties of sections A (page 4) and C (page 5)
    assert set(targets) == {3, 4}, targets


def test_an_agency_report_holds_the_duties_it_leads(site):
    path = site / "pdf" / "vi" / "reports" / "2024-cong-an-tinh.pdf"
    entries = outline(PdfReader(path))
    # cong-an-tinh leads A.II, A.IV and C.III
    assert [t for level, t in entries if level == 2 and re.fullmatch(r"[A-E]\.[IVX.0-9]+", t)] == ["A.II", "A.IV", "C.III"]
    text = body_text(path)
    # A.II: the inspection; C.III: the workshop (70 participants); A.IV: nothing
    assert "Số hoạt động 2 2024-hoi-thao-cat, 2024-kiem-tra" in text
    assert "Số lượt người được tập huấn, tham dự hội nghị, hội thảo 70 2024-hoi-thao-cat" in text
    assert "Nhiệm vụ chưa ghi nhận kết quả A.IV" in text


def test_the_report_pdf_is_tagged_with_its_language_and_title(site):
    for lang, title in (
        ("en", "Report on implementing the plan in 2024"),
        ("vi", "Báo cáo kết quả thực hiện Kế hoạch năm 2024"),
    ):
        reader = PdfReader(site / "pdf" / lang / "reports" / "2024.pdf")
        root = reader.trailer["/Root"]
        assert root["/Lang"] == lang
        assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True  # noqa: E712
        assert "/StructTreeRoot" in root
        assert root["/ViewerPreferences"]["/DisplayDocTitle"]
        assert reader.metadata.title.startswith(title + " — ")
        cover = re.sub(r"\s+", " ", pdftotext(site / "pdf" / lang / "reports" / "2024.pdf")[0])
        as_of = {"en": "Figures as of 1 March 2025", "vi": "Số liệu tính đến 1 tháng 3, 2025"}[lang]
        assert as_of in cover, cover
        footer = {"en": "Page 3 of ", "vi": "Trang 3 / "}[lang]
        assert footer in pdftotext(site / "pdf" / lang / "reports" / "2024.pdf")[2]


def test_render_report_pages_to_look_at(site):
    """Cover, title and totals, a section's duties: PNG in tests/artifacts/ (git-ignored)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("needs poppler's pdftoppm")
    ARTIFACTS.mkdir(exist_ok=True)
    for lang in ("vi", "en"):
        for page in (1, 3, 5):
            prefix = ARTIFACTS / f"report-{lang}-2024-{page}"
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile", str(site / "pdf" / lang / "reports" / "2024.pdf"), str(prefix)],
                check=True,
            )
            assert prefix.with_suffix(".png").stat().st_size > 5000


def pdf_langs(reader: PdfReader, page: int) -> set[str]:
    """The languages a page's content stream marks its spans with (Typst's ``/Lang`` marked content)."""
    return set(re.findall(r"/Lang ?\((\w+)\)", reader.pages[page].get_contents().get_data().decode("latin-1")))


@pytest.fixture(scope="module")
def untranslated_agency(tmp_path_factory) -> Path:
    """The tracking plan with one lead agency's name not yet translated (Công an tỉnh, no
    English): the English site and the printed reports."""
    import datetime

    from generator.data.validate import load_plan
    from generator.handbook.step import build_handbooks
    from sitebuild import build

    project = site_project(tmp_path_factory.mktemp("untranslated-agency"), "tracking")
    agencies = project / "plan_data" / "agencies.yaml"
    text = agencies.read_text(encoding="utf-8")
    named = 'name: {vi: "Công an tỉnh", en: "Provincial Police"}'
    assert named in text
    agencies.write_text(text.replace(named, 'name: {vi: "Công an tỉnh"}'), encoding="utf-8")
    html = build(project, langs=("en",))
    problems = build_handbooks(project, load_plan(project / "plan_data"), html, use_cache=False, kinds=("report",), as_of=datetime.date(2025, 3, 1))
    assert problems == []
    return html


def test_an_untranslated_agency_name_in_an_english_report_title_is_marked_vietnamese(untranslated_agency):
    """The English report of an agency whose name has no English shows the name in Vietnamese:
    marked lang="vi" in the page's title (and only the name), set in Vietnamese in the PDF's
    cover and title, which stays tagged as English."""
    page = soup(untranslated_agency / "en" / "plan" / "reports" / "2024-cong-an-tinh.html")
    h1 = main_content(page).find("h1")
    assert re.sub(r"\s+", " ", h1.get_text()).replace("#", "").strip() == "Report for 2024: Công an tỉnh"
    marked = h1.find_all(attrs={"lang": "vi"})
    assert [m.get_text() for m in marked] == ["Công an tỉnh"]
    # a translated name stays unmarked
    other = main_content(soup(untranslated_agency / "en" / "plan" / "reports" / "2024-so-tu-phap.html")).find("h1")
    assert "Department of Justice" in other.get_text() and not other.find_all(attrs={"lang": True})

    path = untranslated_agency / "pdf" / "en" / "reports" / "2024-cong-an-tinh.pdf"
    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en" and "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title.startswith("Report for 2024: Công an tỉnh — ")
    pages = pdftotext(path)
    for n in (0, 2):  # the cover, the page of the report's title
        assert "Report for 2024: Công an tỉnh" in unicodedata.normalize("NFC", re.sub(r"\s+", " ", pages[n])), n
        assert "vi" in pdf_langs(reader, n), n
    translated = PdfReader(untranslated_agency / "pdf" / "en" / "reports" / "2024-so-tu-phap.pdf")
    assert "vi" not in pdf_langs(translated, 0) | pdf_langs(translated, 2)


# The running head of an A4 page in points: the band above the body (BODY starts at y = 62).
HEAD = ("-x", "0", "-y", "0", "-W", "596", "-H", "60")


def test_the_closing_lists_do_not_run_under_the_last_sections_name(tmp_path):
    """The lists after the last section (duties with no evidence, overdue duties) are not part of
    that section: a page holding only them has no section's name in its running head (the
    report's title alone), as the totals before the first section. Ten times the plan with no
    record: both lists name every duty and run onto a page of their own."""
    from synthetic import scaled_plan

    scaled_plan(tmp_path, 10, activities_per_duty=0)
    out = tmp_path / "report.pdf"
    done = run(tmp_path, "report", "--year", "2024", "--lang", "en", "--as-of", AS_OF, "--pdf", "--out", str(out))
    assert done.returncode == 0, done.stderr
    heads = [re.sub(r"\s+", " ", page).strip() for page in pdftotext(out, *HEAD)]
    bodies = pdftotext(out, "-raw", *BODY)
    title = "Report on implementing the plan in 2024"
    first = next(n for n, body in enumerate(bodies) if "Duties with no evidence recorded" in body.splitlines())
    # where the lists start, the last section's duties end: that page runs under its name
    last_section = heads[first].removeprefix(title).strip()
    assert re.fullmatch(r"Section [A-Z]", last_section), heads[first]
    closing_only = range(first + 1, len(bodies))
    assert len(closing_only) >= 1 and "Overdue duties (no activity recorded)" in "".join(bodies[first:])
    for n in closing_only:
        assert heads[n] == title, (n + 1, heads[n])


# -- the command line ----------------------------------------------------------------------------


def test_the_report_command_writes_the_pdf_the_build_prints(site, tmp_path):
    project = site.parents[1]
    out = tmp_path / "out" / "report.pdf"
    done = run(project, "report", "--year", "2024", "--agency", "cong-an-tinh", "--lang", "vi", "--as-of", AS_OF, "--pdf", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == (site / "pdf" / "vi" / "reports" / "2024-cong-an-tinh.pdf").read_bytes()
    default = run(project, "report", "--year", "2023", "--lang", "en", "--as-of", AS_OF, "--pdf")
    assert default.returncode == 0, default.stderr
    assert default.stdout == "wrote report-2023-en.pdf\n"
    assert (project / "report-2023-en.pdf").read_bytes() == (site / "pdf" / "en" / "reports" / "2023.pdf").read_bytes()


def test_the_report_command_refuses_a_year_outside_the_reports(site, tmp_path):
    project = site.parents[1]
    out = tmp_path / "report.pdf"
    for year in ("2022", "2026"):
        done = run(project, "report", "--year", year, "--as-of", AS_OF, "--pdf", "--out", str(out))
        assert done.returncode == 2
        assert done.stderr == f"no report for {year}: reports run from 2023 to 2025 as of 2025-03-01\n"
        assert not out.exists()


# -- the hostile corpus in the activity fields ----------------------------------------------------------

HOSTILE = [(name, body) for name, body in CASES if body != MEGABYTE_TEXT]


def squash(value: str) -> str:
    """NFC text without whitespace and hyphens (pdftotext joins a line ending in "-" to the next)."""
    return re.sub(r"[\s\-]", "", unicodedata.normalize("NFC", value))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """The minimal plan with one record per case of the corpus, every text field holding it."""
    from generator.data.validate import load_plan
    from generator.handbook.step import build_handbooks

    project = make_root(tmp_path_factory.mktemp("hostile-report"), "data-minimal")
    folder = project / "plan_data" / "activities"
    folder.mkdir()
    records = [
        {
            "id": f"hostile-{i}",
            "duties": ["C.I"],
            "agencies": ["so-tu-phap"],
            "kind": "other",
            "date": "2024-06",
            "title": {"vi": body, "en": body},
            "summary": {"vi": body, "en": body},
            "place": {"vi": body, "en": body},
            "source": {"document": {"reference": body, "issuer": body}},
            "recorded": "2024-07-01",
        }
        for i, (_, body) in enumerate(HOSTILE)
    ]
    dump = yaml.safe_dump({"activities": records}, allow_unicode=True, sort_keys=False, width=1_000_000)
    (folder / "2024.yaml").write_text(dump, encoding="utf-8")
    plan = load_plan(project / "plan_data")
    import datetime

    problems = build_handbooks(project, plan, project / "html", use_cache=False, kinds=("report",), as_of=datetime.date(2025, 3, 1))
    assert problems == []
    return project / "html"


@pytest.mark.parametrize("case", range(len(HOSTILE)), ids=[name for name, _ in HOSTILE])
def test_hostile_activity_texts_print_literally_in_the_report(hostile, case):
    _, body = HOSTILE[case]
    expected = squash(body)
    for path in ("pdf/vi/reports/2024.pdf", "pdf/en/reports/2024.pdf", "pdf/en/reports/2024-so-tu-phap.pdf"):
        text = squash(" ".join(pdftotext(hostile / path, "-raw", *BODY)))
        # the record listed under C.I: its id, then title, then the source's reference and issuer
        item = squash(f"hostile-{case}: {body}")
        assert item in text, (path, text[:300])
        assert squash(f"{body}, {body}") in text, path
        assert text.count(expected) >= 3, (path, text.count(expected))


# -- the cache ----------------------------------------------------------------------------------------


def test_a_new_as_of_date_prints_the_reports_again_and_nothing_else(tmp_path):
    """A report depends on the as-of date: its JSON (the cache key) holds it; the handbooks' do not."""
    import datetime
    import json

    from generator.data.validate import load_plan
    from generator.handbook.compile import cache_key
    from generator.handbook.step import document_jsons

    project = make_root(tmp_path, "tracking")
    plan = load_plan(project / "plan_data")
    # 2 and 3 March 2025: the same reports (2023-2025), the same statuses for the closed years
    before = dict(document_jsons(project, plan, kinds=("full", "report"), as_of=datetime.date(2025, 3, 2)))
    after = dict(document_jsons(project, plan, kinds=("full", "report"), as_of=datetime.date(2025, 3, 3)))
    assert before.keys() == after.keys()
    changed = {path for path in before if cache_key(before[path]) != cache_key(after[path])}
    assert changed == {path for path in before if "/reports/" in path}
    assert len(changed) == 3 * 4 * 2
    assert json.loads(after["pdf/en/reports/2023.pdf"])["meta"]["as_of"] == "2025-03-03"
