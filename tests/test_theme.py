"""The site's theme: page weight, language switcher, accessibility, phone layout.

The fixture plan (tests/roots/data-minimal) is built in both languages, side by
side as on the server (``site/vi`` and ``site/en``), and the HTML is checked:

* weight: a duty page with every stylesheet, script and CSS ``url()`` it loads
  stays under 600 KiB; no Font Awesome; the search index and search scripts only
  on the search page; nothing is requested from another host;
* every page has ``<html lang>``, a working skip link, headings that do not skip
  a level, and a language switcher in the header whose target exists;
* no leftover buttons (download, fullscreen, repository) or theme credits.

The ``browser`` tests load the built site from a local HTTP server in headless
Chromium (``make system-deps``) and check what a phone would show: the requests
actually made, no sideways scrolling at 360 px (also with very long words in a
plan table), the switcher on screen, visible focus, the skip link, colour
contrast (WCAG AA) of all visible text in light and dark mode, and search.
"""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.site.search_index import index_language

PROJECT = Path(__file__).resolve().parent.parent
DATA = "tests/roots/data-minimal/plan_data"
LANGS = ("vi", "en")
OTHER = {"vi": "en", "en": "vi"}
NAME = {"vi": "Tiếng Việt", "en": "English"}
DUTY_PAGE = "plan/duties/c-i.html"
BUDGET = 600 * 1024
#: What only the search page loads: the search code, and Pagefind (which loads its index per query).
SEARCH_FILES = ("plan-search.js", "pagefind.js")
#: Sphinx's own search, turned off: no page loads it.
SPHINX_SEARCH_FILES = ("searchtools.js", "language_data.js", "searchindex.js")


# -- the site -------------------------------------------------------------------

pytestmark = pytest.mark.site  # every test here builds or reads a built site



@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """Both languages of the fixture plan built side by side: ``site/vi``, ``site/en``."""
    root = tmp_path_factory.mktemp("theme") / "html"
    for lang in LANGS:
        command = [
            sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-n", "-q",
            "-c", str(PROJECT),
            "-d", str(root.parent / "doctrees" / lang),
            "-D", f"language={lang}",
            "-D", f"plan_data_dir={DATA}",
            str(PROJECT / "docs"), str(root / lang),
        ]  # fmt: skip
        done = subprocess.run(command, check=False, cwd=PROJECT, capture_output=True, text=True)
        assert done.returncode == 0, f"sphinx-build ({lang}) failed:\n{done.stdout}\n{done.stderr}"
        index_language(root / lang, lang)  # the search index, as the build does after Sphinx
    return root


def pages(site: Path, lang: str) -> list[Path]:
    found = sorted(p for p in (site / lang).rglob("*.html") if "_static" not in p.parts)
    assert len(found) > 10, found
    return found


# soup_of, is_local, resolve, css_refs and page_assets are shared with the benchmark.
from conftest import serve_folder  # noqa: E402
from weight import css_refs, is_local, page_assets, resolve, soup_of  # noqa: E402


@pytest.mark.parametrize("lang", LANGS)
def test_duty_page_weighs_at_most_600_kib(site, lang):
    files, offsite = page_assets(site / lang / DUTY_PAGE)
    total = sum(files.values())
    listing = "\n".join(f"{size:>9}  {path.relative_to(site / lang)}" for path, size in files.items())
    assert total <= BUDGET, f"{total / 1024:.1f} KiB > 600 KiB:\n{listing}"
    names = {path.name for path in files}
    assert not {n for n in names if "fontawesome" in n or n.startswith("fa-")}, listing
    assert not names & set(SEARCH_FILES), listing
    assert not offsite, offsite


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_requests_anything_from_another_host(site, lang):
    bad = []
    for page in pages(site, lang):
        soup = soup_of(page)
        for tag in soup.find_all(True):
            if tag.name == "a":
                continue  # a link is not a request
            for attr in ("src", "href", "srcset", "data", "poster", "action"):
                value = tag.get(attr)
                if value and not all(is_local(v.split()[0]) for v in value.split(",") if v.strip()):
                    bad.append(f"{page.relative_to(site)}: <{tag.name} {attr}={value!r}>")
        for style in soup.find_all("style"):
            bad += [f"{page.relative_to(site)}: {r}" for r, _ in css_refs(style.get_text()) if not is_local(r)]
        bad += page_assets(page)[1]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("lang", LANGS)
def test_search_scripts_load_only_on_the_search_page(site, lang):
    for page in pages(site, lang):
        loaded = {path.name for path in page_assets(page)[0]}
        assert not loaded & set(SPHINX_SEARCH_FILES), f"{page.relative_to(site)} loads {loaded & set(SPHINX_SEARCH_FILES)}"
        if page.name == "search.html" and page.parent == site / lang:
            assert "plan-search.js" in loaded, loaded
        else:
            assert not loaded & set(SEARCH_FILES), f"{page.relative_to(site)} loads {loaded & set(SEARCH_FILES)}"
    # Every other page's search box is a plain form that goes to the search page.
    duty = soup_of(site / lang / DUTY_PAGE)
    forms = duty.find_all("form", class_="bd-search")
    assert forms and all(resolve(site / lang / DUTY_PAGE, f["action"]) == site / lang / "search.html" for f in forms)
    assert all(f.find("input", attrs={"name": "q"}) for f in forms)


@pytest.mark.parametrize("lang", LANGS)
def test_sphinx_search_index_is_not_built(site, lang):
    assert not (site / lang / "searchindex.js").exists()
    assert (site / lang / "pagefind" / "pagefind.js").is_file()


def test_search_page_is_labelled_announces_results_and_says_it_needs_javascript(site):
    for lang, label in (("vi", "Tìm trong Kế hoạch"), ("en", "Search the plan")):
        search = soup_of(site / lang / "search.html")
        box = search.find("input", attrs={"name": "q"}, id="plan-search-q")
        assert search.find("label", attrs={"for": "plan-search-q"}).get_text().startswith(label)
        assert box.find_parent("form")["action"] == "search.html"
        status = search.find(id="plan-search-status")
        assert status["role"] == "status" and status["aria-live"] == "polite"
        assert search.find(id="search-results").name == "ol"
        assert search.find(class_="plan-noscript").parent.name == "noscript"
        assert search.find(class_="plan-noscript").get_text(strip=True) in (
            "Cần bật JavaScript để tìm kiếm.", "Search needs JavaScript to be turned on.")
        # the page itself is never indexed: its article has no data-pagefind-body
        assert not search.find(attrs={"data-pagefind-body": True})
        assert soup_of(site / lang / DUTY_PAGE).find("article", attrs={"data-pagefind-body": True})


def test_no_icon_font_is_referenced(site):
    for lang in LANGS:
        for page in pages(site, lang):
            soup = soup_of(page)
            text = str(soup)
            assert "fontawesome" not in text.lower(), page
            icons = [
                t for t in soup.find_all(class_=True) if any(re.fullmatch(r"fa[srb]?|fa-[\w-]+", c) for c in t["class"])
            ]
            assert not icons, f"{page}: {icons[:3]}"
    css = (site / "vi" / "_static" / "styles" / "plan-base.css").read_text(encoding="utf-8")
    assert "@font-face" not in css and "webfonts" not in css
    assert ".bd-sidebar-primary" in css  # the theme's own rules for the layout are there


# -- 2. language switcher ---------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_links_to_itself_in_the_other_language(site, lang):
    other = OTHER[lang]
    for page in pages(site, lang):
        where = page.relative_to(site)
        soup = soup_of(page)
        switches = soup.select("a.plan-lang-switch")
        assert len(switches) == 1, where
        switch = switches[0]
        assert switch.find_parent(class_="bd-header-article"), f"{where}: switcher is not in the header"
        assert switch["hreflang"] == other and switch["lang"] == other, where
        assert switch.get_text(strip=True) == NAME[other], where
        target = resolve(page, switch["href"])
        assert target == site / other / page.relative_to(site / lang), where
        assert target.is_file(), f"{where}: switcher target {switch['href']} does not exist"
        # hreflang alternates must be absolute: with no site_url (this fixture) there are none
        # (tests/test_discovery.py checks them with one).
        assert soup.find_all("link", rel="alternate", hreflang=True) == [], where


# -- 3. accessibility in the HTML -----------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_html_lang_is_the_build_language(site, lang):
    for page in pages(site, lang):
        assert soup_of(page).html["lang"] == lang, page


@pytest.mark.parametrize(("lang", "text"), [("vi", "Chuyển đến nội dung chính"), ("en", "Skip to main content")])
def test_skip_link_is_first_and_points_at_main(site, lang, text):
    focusable = "a[href], button, input, select, textarea, [tabindex]"
    for page in pages(site, lang):
        soup = soup_of(page)
        first = next(t for t in soup.body.select(focusable) if not t.find_parent(["dialog", "noscript"]))
        assert first.name == "a" and first["href"] == "#main-content", f"{page}: first focusable is {first}"
        assert first.get_text(strip=True) == text
        targets = soup.find_all(id="main-content")
        assert len(targets) == 1 and targets[0].name == "main", page


@pytest.mark.parametrize("lang", LANGS)
def test_headings_start_at_h1_and_never_skip_a_level(site, lang):
    for page in pages(site, lang):
        soup = soup_of(page)
        levels = [int(h.name[1]) for h in soup.body.find_all(re.compile(r"^h[1-6]$"))]
        assert levels and levels[0] == 1 and levels.count(1) == 1, f"{page}: {levels}"
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, f"{page}: h{before} then h{after} in {levels}"


def test_theme_css_has_focus_styles_and_phone_tables(site):
    css = (site / "vi" / "_static" / "plan-theme.css").read_text(encoding="utf-8")
    assert re.search(r":focus-visible[^{]*\{[^}]*outline:\s*3px solid", css)
    table = re.search(r"table\.plan-table\s*\{([^}]*)\}", css).group(1)
    assert "table-layout: fixed" in table and "width: 100%" in table
    assert re.search(r"table\.plan-table td\s*\{[^}]*overflow-wrap:\s*anywhere", css)
    assert re.search(r"\.untranslated-mark\s*\{[^}]*background-color", css)


# -- 5. what is left out -----------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_no_download_fullscreen_repository_buttons_or_credits(site, lang):
    for page in pages(site, lang):
        soup = soup_of(page)
        for selector in (
            ".dropdown-download-buttons", ".btn-fullscreen-button", ".btn-download-source-button",
            ".btn-download-pdf-button", ".repository-button", ".edit-this-page", "#ethical-ad-placement",
            ".navbar-icon-links", "#jb-print-docs-body",
        ):  # fmt: skip
            assert not soup.select(selector), f"{page}: {selector}"
        footer = " ".join(f.get_text(" ", strip=True) for f in soup.find_all("footer"))
        for credit in ("Sphinx", "PyData", "Book Theme", "Built with", "Xây dựng"):
            assert credit not in footer, f"{page}: {credit!r} in footer {footer!r}"
        # The book theme's navigation is still there (and collapses on phones).
        assert soup.select_one("#pst-primary-sidebar nav.bd-docs-nav"), page
        assert soup.select_one(".bd-header-article button.primary-toggle"), page


# -- browser ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(site):
    """The two builds over HTTP on localhost, as a phone would get them."""
    with serve_folder(site) as url:
        yield url


@pytest.fixture
def phone(browser):
    """A 360 x 800 page (light mode); errors thrown by the page's scripts are collected."""
    contexts = []

    def open_page(url, width=360, height=800, scheme="light"):
        context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(url)
        page.wait_for_load_state("networkidle")
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_duty_page_requests_stay_on_site_and_under_budget(browser, server, lang):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    responses = []
    page.on("response", lambda r: responses.append(r))
    page.goto(f"{server}/{lang}/{DUTY_PAGE}")
    page.wait_for_load_state("networkidle")
    urls = [r.url for r in responses]
    assert all(u.startswith(server + "/") for u in urls), urls
    sizes = {r.url: len(r.body()) for r in responses if r.status == 200}
    assert all(r.status == 200 for r in responses), [(r.url, r.status) for r in responses]
    listing = "\n".join(f"{s:>9}  {u}" for u, s in sizes.items())
    assert sum(sizes.values()) <= BUDGET, listing
    assert not [u for u in urls if "fontawesome" in u or "/fa-" in u or "searchindex" in u], listing
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "path"),
    [("vi", DUTY_PAGE), ("en", DUTY_PAGE), ("vi", "plan/sections/c.html"), ("en", "plan/sections/c.html"),
     ("en", "plan/schedule.html"), ("vi", "plan/agencies/index.html"), ("en", "search.html")],
)  # fmt: skip
def test_no_sideways_scrolling_at_360px(phone, server, lang, path):
    page = phone(f"{server}/{lang}/{path}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert not page.errors, page.errors
    # Real data is wordier than the fixture: very long words and references in
    # a plan table still wrap inside the screen.
    if page.locator("table.plan-table").count():
        page.evaluate(
            """() => document.querySelectorAll('table.plan-table td').forEach((td, i) => {
                   const p = document.createElement('p');
                   p.textContent = i % 2
                     ? 'Quý IV/2025–Quý II/2026 (Quyết định số 364/QĐ-TTg-ĐoànKiểmTraLiênNgành)'
                     : 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh; https://vanban.chinhphu.vn/?pageid=27160&docid=179497 '
                       + 'ChốngTraTấnVàCácHìnhThứcĐốiXửHoặcTrừngPhạtTànBạoVôNhânĐạo';
                   td.append(p);
               })"""
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        right = page.evaluate(
            "Math.max(...[...document.querySelectorAll('table.plan-table')].map(t => t.getBoundingClientRect().right))"
        )
        assert right <= 360


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", [360, 1280])
def test_language_switcher_is_on_screen(phone, server, lang, width):
    page = phone(f"{server}/{lang}/{DUTY_PAGE}", width=width)
    switch = page.locator("a.plan-lang-switch")
    assert switch.is_visible()
    box = switch.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["y"] >= 0 and box["y"] + box["height"] <= 80, box
    assert box["height"] >= 24 and box["width"] >= 24  # a touch target
    hit = page.evaluate(
        "([x, y]) => !!document.elementFromPoint(x, y).closest('a.plan-lang-switch')",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert hit, "something covers the language switcher"
    page.mouse.wheel(0, 1500)  # the header stays at the top while reading
    page.wait_for_timeout(200)
    assert switch.bounding_box()["y"] >= 0 and switch.bounding_box()["y"] < 80
    switch.click()
    page.wait_for_load_state()
    assert page.url == f"{server}/{OTHER[lang]}/{DUTY_PAGE}"
    assert page.evaluate("document.documentElement.lang") == OTHER[lang]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_skip_link_and_focus_are_visible(phone, server, scheme):
    page = phone(f"{server}/vi/{DUTY_PAGE}", scheme=scheme)
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.getAttribute('href')")
    assert skip == "#main-content"
    page.wait_for_timeout(300)  # the link slides in
    box = page.evaluate(
        "(() => { const r = document.activeElement.getBoundingClientRect(); return [r.top, r.bottom]; })()"
    )
    assert box[0] >= 0 and box[1] > box[0], f"skip link is off screen when focused: {box}"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('#main-content')"), "Tab after the skip link leaves <main>"
    # Every control in the header and a link in the text show a focus outline.
    for selector in ("a.plan-lang-switch", ".primary-toggle", ".theme-switch-button", "article a.reference"):
        element = page.locator(selector).first
        element.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
        assert element.evaluate("e => e === document.activeElement"), selector
        style = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
        )
        assert style[0] not in ("none", "hidden") and style[1] >= 2, f"{selector}: {style}"


CONTRAST_JS = r"""
() => {
  const parse = (c) => {
    const m = c.match(/^rgba?\(([^)]+)\)$/);
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(parseFloat);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255, 1];
    for (const layer of layers.reverse()) bg = over(layer, bg);
    return bg;
  };
  const results = [];
  const unparsed = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || seen.has(el) || !n.textContent.trim()) continue;
    seen.add(el);
    if (el.closest('noscript, script, style, dialog:not([open]), [aria-hidden="true"]')) continue;
    const s = getComputedStyle(el);
    if (s.visibility !== 'visible' || parseFloat(s.opacity) === 0 || !el.getClientRects().length) continue;
    const fg = parse(s.color);
    if (!fg) { unparsed.push(s.color); continue; }
    const bg = background(el);
    const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    const r = ratio(over(fg, bg), bg);
    results.push({text: n.textContent.trim().slice(0, 40), tag: el.tagName, cls: el.className && String(el.className),
                  ratio: Math.round(r * 100) / 100, need: large ? 3 : 4.5, color: s.color});
  }
  return {results, unparsed};
}
"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    ("lang", "path"),
    [
        ("vi", DUTY_PAGE),
        ("en", "plan/sections/c.html"),
        ("en", "plan/duties/c-v-1.html"),
        ("vi", "search.html?q=tra+tan"),
    ],
)
@pytest.mark.parametrize("width", [360, 1280])
def test_text_contrast_meets_wcag_aa(phone, server, scheme, lang, path, width):
    page = phone(f"{server}/{lang}/{path}", width=width, scheme=scheme)
    assert page.evaluate("document.documentElement.dataset.theme") == scheme
    found = page.evaluate(CONTRAST_JS)
    assert not found["unparsed"], found["unparsed"]
    assert len(found["results"]) > 10  # the check saw the page's text, not an empty page
    low = [r for r in found["results"] if r["ratio"] < r["need"]]
    assert not low, "\n".join(map(str, low))
    if "sections" in path:
        assert any("untranslated-mark" in (r["cls"] or "") for r in found["results"])


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_hovered_links_keep_their_contrast(phone, server, scheme):
    page = phone(f"{server}/en/plan/sections/c.html", width=1280, scheme=scheme)
    for selector in ("article a.reference", ".prev-next-area a", "a.plan-lang-switch", "nav.bd-docs-nav a"):
        page.locator(selector).first.hover()
        page.wait_for_timeout(250)  # transitions
        found = page.evaluate(CONTRAST_JS)
        low = [r for r in found["results"] if r["ratio"] < r["need"]]
        assert not low, f"hovering {selector}:\n" + "\n".join(map(str, low))


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [("vi", "tra tan", "Nhiệm vụ C.I"), ("vi", "TRA TẤN", "Nhiệm vụ C.I"), ("en", "torture", "Duty C.I")],
)
def test_search_page_finds_pages(phone, server, lang, query, expected):
    page = phone(f"{server}/{lang}/search.html?q={query}")
    page.wait_for_selector("#search-results li", timeout=10_000)
    titles = page.locator("#search-results li a").all_inner_texts()
    # A duty's title is its number and the start of its task.
    assert any(title.startswith(expected + ": ") for title in titles), titles
    # A search never downloads the pages it lists: their excerpts come with the index.
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.reload()
    page.wait_for_selector("#search-results li", timeout=10_000)
    page.wait_for_timeout(1000)
    fetched = [url for url in requested if url.split("?")[0].endswith(".html") and "/search.html" not in url]
    assert fetched == [], fetched
    assert not page.errors, page.errors


@pytest.mark.browser
def test_search_box_on_a_page_goes_to_the_search_page(phone, server):
    page = phone(f"{server}/vi/{DUTY_PAGE}")
    page.locator(".article-header-buttons .search-button").click()
    page.locator("#pst-search-dialog input[name=q]").fill("tra tấn")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-results li", timeout=10_000)
    assert page.url.startswith(f"{server}/vi/search.html?q=")


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colour_mode_menu_opens_switches_and_is_remembered(phone, server, scheme):
    page = phone(f"{server}/vi/{DUTY_PAGE}", scheme=scheme)
    button = page.locator(".theme-switch-button")
    menu = page.locator(".theme-switch-container .dropdown-menu")
    assert not menu.is_visible()
    button.click()
    assert menu.is_visible() and button.get_attribute("aria-expanded") == "true"
    box, under = menu.bounding_box(), button.bounding_box()
    assert box["y"] >= under["y"] + under["height"] and box["x"] >= 0 and box["x"] + box["width"] <= 360, (box, under)
    other = "dark" if scheme == "light" else "light"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.locator(f".theme-change-button[data-mode={other}]").click()
    page.mouse.move(10, 700)  # the book theme's CSS also shows the menu while the pointer is on it
    assert not menu.is_visible() and button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("[document.documentElement.dataset.mode, document.documentElement.dataset.theme]") == [other, other]
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != background
    page.reload()
    assert page.evaluate("document.documentElement.dataset.theme") == other
    assert page.locator(f".theme-change-button[data-mode={other}]").get_attribute("aria-pressed") == "true"
    # Keyboard: Escape closes the menu and gives the focus back to its button.
    button.focus()
    page.keyboard.press("Enter")
    assert menu.is_visible()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('theme-change-button')")
    page.keyboard.press("Escape")
    assert not menu.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('theme-switch-button')")
    assert not page.errors, page.errors


@pytest.mark.browser
def test_navigation_and_page_contents_open_as_dialogs_on_a_phone(phone, server):
    from playwright.sync_api import expect

    page = phone(f"{server}/en/{DUTY_PAGE}")
    nav = page.locator("#pst-primary-sidebar-modal")
    expect(nav).to_be_hidden()
    page.locator(".primary-toggle").click()
    expect(nav).to_be_visible()
    expect(nav.locator("nav.bd-docs-nav a").first).to_be_visible()
    page.keyboard.press("Escape")
    expect(nav).to_be_hidden()  # waits out the closing animation, as a reader does
    assert page.locator("#pst-primary-sidebar nav.bd-docs-nav").count() == 1  # moved back
    toc = page.locator("#pst-secondary-sidebar-modal")
    page.locator(".secondary-toggle").click()
    expect(toc).to_be_visible()
    expect(toc.locator("#pst-page-toc-nav a").first).to_be_visible()
    page.mouse.click(5, 700)  # the backdrop, beside the dialog (on the right)
    expect(toc).to_be_hidden()
    assert not page.errors, page.errors


@pytest.mark.browser
def test_navigation_folds_away_on_a_wide_screen(phone, server):
    page = phone(f"{server}/en/{DUTY_PAGE}", width=1280)
    sidebar = page.locator("#pst-primary-sidebar")
    assert sidebar.is_visible()
    page.locator(".primary-toggle").click()
    page.wait_for_timeout(600)  # the theme's transition
    assert not sidebar.is_visible()
    page.locator(".primary-toggle").click()
    page.wait_for_timeout(600)
    assert sidebar.is_visible()


@pytest.mark.browser
def test_back_to_top_shows_when_scrolling_back_up(phone, server):
    page = phone(f"{server}/vi/plan/sections/c.html", height=600)
    button = page.locator("#pst-back-to-top")
    assert not button.is_visible()
    page.mouse.wheel(0, 1500)
    page.wait_for_timeout(300)
    assert not button.is_visible()
    page.mouse.wheel(0, -200)
    page.wait_for_timeout(300)
    assert button.is_visible()
    button.click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.scrollY") == 0


# -- the navigation of a big branch ------------------------------------------------


class _Env:
    """Just what the sidebar reads from Sphinx's environment."""

    def __init__(self, includes: dict[str, list[str]]):
        from docutils import nodes

        class _Config:
            root_doc = "index"

        self.config = _Config()
        self.toctree_includes = includes
        docs = {d for children in includes.values() for d in children} | set(includes)
        self.titles = {d: nodes.title(text=f"Title of {d}") for d in docs}


def _sidebar_links(html: str) -> list[str]:
    from bs4 import BeautifulSoup

    return [a.get_text() for a in BeautifulSoup(html, "html.parser").select("li.toctree-l2 a")]


def test_a_big_branch_lists_a_window_around_the_page_and_links_to_the_whole_list():
    from generator.site.extension import SIDEBAR_BRANCH_LIMIT, sidebar_html

    agencies = [f"plan/agencies/a{i:03d}" for i in range(SIDEBAR_BRANCH_LIMIT * 3)]
    env = _Env({"index": ["plan/index", "plan/agencies/index"], "plan/agencies/index": agencies})
    links = _sidebar_links(sidebar_html(env, agencies[60], "en"))
    assert f"Title of {agencies[60]}" in links
    assert f"Title of {agencies[45]}" in links and f"Title of {agencies[75]}" in links
    assert f"Title of {agencies[0]}" not in links and f"Title of {agencies[-1]}" not in links
    assert links[-1] == f"… see all {len(agencies)} pages"
    # the branch's own page (the whole list) starts the window at its top
    first = _sidebar_links(sidebar_html(env, "plan/agencies/index", "vi"))
    assert first[0] == f"Title of {agencies[0]}" and first[-1] == f"… xem cả {len(agencies)} trang"
    # a page near the end still gets a full window
    last = _sidebar_links(sidebar_html(env, agencies[-1], "en"))
    assert len(last) == len(links) and f"Title of {agencies[-1]}" in last


def test_a_branch_within_the_limit_is_listed_whole():
    from generator.site.extension import SIDEBAR_BRANCH_LIMIT, sidebar_html

    topics = [f"plan/topics/t{i:02d}" for i in range(SIDEBAR_BRANCH_LIMIT)]
    env = _Env({"index": ["plan/topics/index"], "plan/topics/index": topics})
    links = _sidebar_links(sidebar_html(env, topics[20], "en"))
    assert links == [f"Title of {t}" for t in topics]
