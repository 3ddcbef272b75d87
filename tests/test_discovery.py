"""Found and shared: titles, descriptions, OpenGraph, canonical and hreflang links,
sitemap.xml, robots.txt, the 404 pages and the accessibility statement.

Two builds of the fixture plan: ``tests/roots/site-url`` (data-minimal with a
``site_url`` and one duty with a long task) and plain ``data-minimal`` (no
``site_url``). Expected strings are worked out here from the data.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image
from sitebuild import main_content, site_project, soup
from test_outside_checks import vnu_errors

from generator.data.validate import load_plan
from generator.site.build import build_site

BASE = "https://example.org/cat-plan/"
LANGS = ("vi", "en")
TITLE_TASK = 60  # characters of a task in a duty's title and heading
DESCRIPTION = 160  # characters of a description
DUTY_WORD = {"vi": "Nhiệm vụ", "en": "Duty"}
TOOLS = Path(__file__).resolve().parent / "tools" / "node_modules"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML_NS = "{http://www.w3.org/1999/xhtml}"

pytestmark = pytest.mark.site  # every test here builds a site



def _build(tmp_path_factory, name: str, *roots: str):
    project = site_project(tmp_path_factory.mktemp(name), *roots)
    plan = load_plan(project / "plan_data")
    lines: list[str] = []
    result = build_site(project, plan, log=lines.append)
    assert result.ok, "\n".join(result.messages)
    return project / "_build" / "html", plan, lines


@pytest.fixture(scope="module")
def with_url(tmp_path_factory):
    return _build(tmp_path_factory, "with-url", "data-minimal", "site-url")


@pytest.fixture(scope="module")
def without_url(tmp_path_factory):
    return _build(tmp_path_factory, "without-url", "data-minimal")


def pages(html: Path, lang: str) -> list[str]:
    """Every Sphinx page of a language, as a path relative to the language folder."""
    return sorted(
        p.relative_to(html / lang).as_posix()
        for p in (html / lang).rglob("*.html")
        if "_static" not in p.parts and p.name != "404.html"
    )


def cut(text: str, limit: int) -> str:
    """Whole words while they fit in ``limit`` characters, then "…" if some were left out."""
    words = text.split()
    kept: list[str] = []
    for word in words:
        if len(" ".join([*kept, word])) > limit:
            break
        kept.append(word)
    if len(kept) == len(words):
        return " ".join(words)
    return " ".join(kept).rstrip(",;:–—- ") + "…"


def head_links(page) -> dict[str, list[str]]:
    links: dict[str, list[str]] = {}
    for link in page.head.find_all("link", rel=True):
        for rel in link["rel"]:
            if rel == "alternate" and link.get("type") == "application/atom+xml":
                key = "feed"  # the activities feed: an alternate form, not another language
            else:
                key = rel if rel != "alternate" else f"alternate:{link.get('hreflang')}"
            links.setdefault(key, []).append(link["href"])
    return links


def meta(page, **attrs) -> list[str]:
    return [m["content"] for m in page.head.find_all("meta", attrs=attrs)]


# -- canonical, hreflang, sitemap, robots ---------------------------------------------


def test_every_page_has_its_canonical_address_and_both_languages(with_url):
    html, _, _ = with_url
    for lang in LANGS:
        listed = pages(html, lang)
        assert len(listed) > 15
        for path in listed:
            links = head_links(soup(html / lang / path))
            if path == "search.html":
                assert "canonical" not in links, path
                continue
            assert links["canonical"] == [f"{BASE}{lang}/{path}"], path
            assert links["alternate:vi"] == [f"{BASE}vi/{path}"], path
            assert links["alternate:en"] == [f"{BASE}en/{path}"], path
            default = BASE if path == "index.html" else f"{BASE}vi/{path}"
            assert links["alternate:x-default"] == [default], path
            assert (html / "vi" / path).is_file() and (html / "en" / path).is_file()


def test_the_front_door_names_both_languages(with_url):
    html, _, _ = with_url
    links = head_links(soup(html / "index.html"))
    assert links["canonical"] == [BASE]
    assert links["alternate:vi"] == [f"{BASE}vi/index.html"]
    assert links["alternate:en"] == [f"{BASE}en/index.html"]
    assert links["alternate:x-default"] == [BASE]


def test_sitemap_lists_every_page_of_both_languages_with_alternates(with_url):
    html, _, _ = with_url
    root = ET.parse(html / "sitemap.xml").getroot()  # parses as XML
    assert root.tag == f"{SITEMAP_NS}urlset"
    entries = {}
    for url in root.findall(f"{SITEMAP_NS}url"):
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in url.findall(f"{XHTML_NS}link")
            if link.get("rel") == "alternate"
        }
        entries[url.findtext(f"{SITEMAP_NS}loc")] = alternates
    expected = {f"{BASE}{lang}/{path}" for lang in LANGS for path in pages(html, lang) if path != "search.html"}
    assert set(entries) == expected
    assert len(entries) == len(root.findall(f"{SITEMAP_NS}url"))  # each address once
    for loc, alternates in entries.items():
        path = loc.removeprefix(BASE).split("/", 1)[1]
        assert alternates == {
            "vi": f"{BASE}vi/{path}",
            "en": f"{BASE}en/{path}",
            "x-default": BASE if path == "index.html" else f"{BASE}vi/{path}",
        }, loc


def test_robots_txt_points_at_the_sitemap(with_url):
    html, _, _ = with_url
    assert (html / "robots.txt").read_text(encoding="utf-8") == (
        f"User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n"
    )


def test_without_site_url_no_absolute_links_are_written_and_the_build_says_so_once(without_url):
    html, _, lines = without_url
    assert not (html / "sitemap.xml").exists()
    assert not (html / "robots.txt").exists()
    for lang in LANGS:
        for path in pages(html, lang):
            page = soup(html / lang / path)
            links = head_links(page)
            assert "canonical" not in links and not [k for k in links if k.startswith("alternate")], path
            assert meta(page, property="og:url") == [] and meta(page, property="og:image") == [], path
            assert meta(page, property="og:title"), path  # the relative-safe tags stay
    front = head_links(soup(html / "index.html"))
    assert "canonical" not in front and not [k for k in front if k.startswith("alternate")]
    notes = [line for line in lines if "site_url" in line]
    assert notes == [
        "site_url is not set in plan.yaml: no canonical links, hreflang alternates, sitemap.xml or robots.txt "
        "were written, and the 404 pages link from the server's root (/)"
    ]


def test_a_one_language_build_keeps_the_sitemap_of_both(with_url, tmp_path):
    html, plan, _ = with_url
    project = html.parent.parent
    before = (html / "sitemap.xml").read_text(encoding="utf-8")
    result = build_site(project, plan, langs=("en",), log=lambda *_: None)
    assert result.ok, result.messages
    assert (html / "sitemap.xml").read_text(encoding="utf-8") == before
    assert (html / "vi" / "404.html").is_file() and (html / "en" / "404.html").is_file()


# -- titles, descriptions, OpenGraph ------------------------------------------------------


def test_duty_title_heading_and_description_name_the_number_and_start_of_task(with_url):
    html, plan, _ = with_url
    site = {lang: plan.info.title.get(lang) for lang in LANGS}
    long_seen = False
    for duty in plan.duties:
        slug = "-".join(["c", *(p.lower() for p in duty.number.split(".")[1:])])
        for lang in LANGS:
            task = duty.task.get(lang) or duty.task.vi  # English missing: the Vietnamese, as the page shows it
            flat = " ".join(task.split())
            long_seen |= len(flat) > TITLE_TASK
            page = soup(html / lang / "plan" / "duties" / f"{slug}.html")
            heading = f"{DUTY_WORD[lang]} {duty.number}: {cut(flat, TITLE_TASK)}"
            assert main_content(page).find("h1").get_text() == heading
            assert page.title.get_text() == f"{heading} — {site[lang]}"
            start = f"{DUTY_WORD[lang]} {duty.number}: "
            description = start + cut(flat, DESCRIPTION - len(start))
            assert meta(page, name="description") == [description]
            assert len(description) <= DESCRIPTION + 1
            # The task's words exactly as adopted: the cut text is the start of the task.
            assert flat.startswith(cut(flat, TITLE_TASK).removesuffix("…"))
            assert meta(page, property="og:title") == [heading]
            assert meta(page, property="og:description") == [description]
    assert long_seen, "the fixture has a task long enough to be cut"


def test_the_long_task_is_cut_at_a_word_boundary_and_escaped(with_url):
    html, plan, _ = with_url
    raw = (html / "vi" / "plan" / "duties" / "c-v-2.html").read_text(encoding="utf-8")
    page = soup(html / "vi" / "plan" / "duties" / "c-v-2.html")
    # Worked out by hand from the fixture: the 60th character falls inside "pháp".
    assert page.title.get_text() == 'Nhiệm vụ C.V.2: Biên soạn, phát hành tài liệu "hỏi – đáp" về <Công ước> &… — Kế hoạch thử'
    assert "<Công ước>" not in raw  # data reaches the <head> as text
    task = " ".join(plan.duties[-1].task.vi.split())
    for lang in LANGS:
        page = soup(html / lang / "plan" / "duties" / "c-v-2.html")
        (description,) = meta(page, name="description")
        kept = description.removeprefix(f"{DUTY_WORD[lang]} C.V.2: ").removesuffix("…")
        whole = " ".join((plan.duties[-1].task.get(lang)).split())
        assert description.endswith("…") and whole.startswith(kept)
        assert whole[len(kept)] == " " or whole[len(kept)] in ",;:", description  # a word boundary
    assert task.startswith("Biên soạn")


def test_agency_topic_and_section_descriptions(with_url):
    html, plan, _ = with_url
    expected = {
        ("vi", "plan/agencies/so-tu-phap.html"): "Sở Tư pháp: chủ trì 2 nhiệm vụ trong Kế hoạch thử.",
        ("en", "plan/agencies/so-tu-phap.html"): "Department of Justice: leads 2 duties of A test plan.",
        ("vi", "plan/agencies/cong-an-tinh.html"): "Công an tỉnh: chủ trì 1 nhiệm vụ, phối hợp 1 nhiệm vụ trong Kế hoạch thử.",
        ("en", "plan/agencies/cong-an-tinh.html"): "Provincial Police: leads 1 duty and coordinates 1 duty of A test plan.",
        ("en", "plan/agencies/uy-ban-mttq-tinh.html"): "Provincial Committee of the Vietnam Fatherland Front: coordinates 1 duty of A test plan.",
        ("vi", "plan/sections/c.html"): "Mục C: " + plan.section("C").heading.vi,
        ("en", "plan/sections/c.html"): "Section C: " + plan.section("C").heading.en,
    }
    for topic in plan.topics.values():
        for lang in LANGS:
            expected[(lang, f"plan/topics/{topic.id}.html")] = f"{topic.name.get(lang)}: {topic.description.get(lang)}"
    for (lang, path), description in expected.items():
        assert meta(soup(html / lang / path), name="description") == [description], (lang, path)


def test_every_page_has_a_title_and_a_description_in_its_language(with_url):
    html, _, _ = with_url
    for lang in LANGS:
        descriptions = {}
        for path in pages(html, lang):
            page = soup(html / lang / path)
            title = page.title.get_text()
            assert title.strip() and page.html["lang"] == lang, path
            (description,) = meta(page, name="description")
            assert 10 < len(description) <= DESCRIPTION + 1, (path, description)
            descriptions[path] = description
            assert meta(page, property="og:locale") == [{"vi": "vi_VN", "en": "en_GB"}[lang]]
        # Hand-written pages are described by their first paragraph, in the page's language.
        first = main_content(soup(html / lang / "accessibility.html")).find("p").get_text()
        assert descriptions["accessibility.html"] == cut(first, DESCRIPTION)
        assert len(set(descriptions.values())) == len(descriptions), "two pages share a description"


def test_opengraph_card_with_the_site_image(with_url):
    html, plan, _ = with_url
    for lang in LANGS:
        page = soup(html / lang / "plan" / "duties" / "c-i.html")
        assert meta(page, property="og:url") == [f"{BASE}{lang}/plan/duties/c-i.html"]
        assert meta(page, property="og:site_name") == [plan.info.title.get(lang)]
        assert meta(page, property="og:type") == ["website"]
        (image,) = meta(page, property="og:image")
        assert image.startswith(BASE)
        file = html / image.removeprefix(BASE)
        with Image.open(file) as picture:
            assert picture.format == "PNG" and picture.size == (1200, 630)
        assert meta(page, property="og:image:width") == ["1200"] and meta(page, property="og:image:height") == ["630"]
        assert meta(page, name="twitter:card") == ["summary_large_image"]


# -- 404 pages ----------------------------------------------------------------------------


@pytest.mark.parametrize(("fixture", "prefix"), [("with_url", "/cat-plan/"), ("without_url", "/")])
def test_404_pages_in_both_languages_link_from_the_root(request, fixture, prefix):
    html, plan, _ = request.getfixturevalue(fixture)
    for where, langs in (("404.html", LANGS), ("vi/404.html", ("vi",)), ("en/404.html", ("en",))):
        page = soup(html / where)
        assert page.html["lang"] == ("vi" if where == "404.html" else langs[0])
        assert meta(page, name="robots") == ["noindex"]
        hrefs = [a["href"] for a in page.find_all("a")]
        for href in hrefs:
            assert href.startswith(prefix), (where, href)  # works at any depth
            assert (html / href.removeprefix(prefix)).is_file(), (where, href)
        for lang in langs:
            assert f"{prefix}{lang}/index.html" in hrefs
            assert f"{prefix}{lang}/search.html" in hrefs
            section = page.find("section", attrs={"lang": lang})
            assert section.find(["h1", "h2"]).get_text() == {"vi": "Không tìm thấy trang", "en": "Page not found"}[lang]
        if where != "404.html":
            other = "en" if langs[0] == "vi" else "vi"
            assert f"{prefix}{other}/index.html" in hrefs
    assert "404" not in json.dumps(sorted(pages(html, "vi")))
    if (html / "sitemap.xml").exists():
        assert "404" not in (html / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_404_pages_pass_axe_and_fit_a_phone(with_url, browser, scheme):
    from conftest import serve_folder

    html, _, _ = with_url
    script = (TOOLS / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    problems = []
    with serve_folder(html) as server:
        for where in ("404.html", "vi/404.html", "en/404.html"):
            page = browser.new_page(color_scheme=scheme, viewport={"width": 360, "height": 740})
            page.goto(f"{server}/{where}")
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, where
            page.add_script_tag(content=script)
            result = page.evaluate(
                """async () => await axe.run(document, {runOnly: {type: 'tag',
                     values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}, resultTypes: ['violations']})"""
            )
            problems += [f"{where}: {v['id']}: {v['help']}" for v in result["violations"]]
            page.close()
    assert problems == []


# -- the accessibility statement -----------------------------------------------------------


def test_accessibility_statement_in_both_languages_linked_from_home(with_url):
    html, _, _ = with_url
    titles = {"vi": "Tuyên bố về khả năng tiếp cận", "en": "Accessibility statement"}
    for lang in LANGS:
        page = main_content(soup(html / lang / "accessibility.html"))
        assert page.find("h1").get_text() == titles[lang]
        assert "WCAG" in page.get_text() and "2.2" in page.get_text()
        home = main_content(soup(html / lang / "index.html"))
        assert [a.get_text() for a in home.find_all("a", href="accessibility.html")]
    english = main_content(soup(html / "en" / "accessibility.html")).get_text()
    for word in ("Trang", "kiểm tra", "Hạn chế", "tiếng Việt"):
        assert word not in english, word  # every paragraph is translated


# -- the Nu HTML Checker on the new pages -------------------------------------------------


def test_new_pages_are_valid_html(with_url):
    html, _, _ = with_url
    checked = [
        html / "404.html",
        html / "vi" / "404.html",
        html / "en" / "404.html",
        html / "index.html",
        html / "vi" / "accessibility.html",
        html / "en" / "accessibility.html",
        html / "vi" / "plan" / "duties" / "c-v-2.html",
        html / "en" / "plan" / "agencies" / "so-tu-phap.html",
    ]
    errors = vnu_errors(html, checked)
    assert errors == [], "\n".join(errors)
