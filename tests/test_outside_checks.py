"""Claims checked by tools we did not write: the Nu HTML Checker, axe-core, and plain link resolution.

The checkers come from the npm registry (tests/tools/package.json, installed by
`make test`); Chromium is Debian's.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import SEARCH_DONE, serve_folder

TOOLS = Path(__file__).resolve().parent / "tools" / "node_modules"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = TOOLS / "axe-core" / "axe.min.js"

#: The page types axe checks, in both languages.
AXE_PAGES = [
    "index.html",
    "plan/duties/c-v-1-2.html",
    "plan/agencies/so-tu-phap.html",
    "plan/topics/media-and-communication.html",
    "plan/schedule.html",
    "search.html?q=tra+tan",
    "accessibility.html",
    "plan/index.html",
    "plan/sections/c.html",
    "plan/agencies/index.html",
    "plan/legal-documents.html",
    "plan/open-data.html",
    "plan/progress.html",
    "plan/activities/index.html",
    "plan/reports/index.html",
    "plan/reports/2025.html",
    "plan/reports/2025-so-tu-phap.html",
    "plan/methodology.html",
    "maintainers.html",
]

#: Long listings split into pages (generator.content.addresses.listing_parts), and long
#: reports (REPORT_ENTRY_LIMIT): the real site has none, so they are checked on the ×10
#: site: each listing that links to its parts, and a part of each kind.
SPLIT_PAGES = [
    "plan/sections/b.html",
    "plan/sections/b/1.html",
    "plan/schedule.html",
    "plan/schedule/every-year-1.html",
    "plan/agencies/index.html",
    "plan/agencies/index/1.html",
    "plan/topics/index.html",
    "plan/topics/index/1.html",
    "plan/open-data.html",
    "plan/open-data/1.html",
    "plan/activities/2025.html",
    "plan/activities/2025/1.html",
    "plan/reports/2025.html",
    "plan/reports/2025/1.html",
    "plan/progress.html",
    "plan/progress/1.html",
]

pytestmark = pytest.mark.site  # every test here builds or reads a built site



def _require(path: Path) -> Path:
    assert path.is_file(), f"{path} is missing: run `make test` (it installs tests/tools with npm)"
    return path


# -- HTML validity -----------------------------------------------------------------


def vnu_errors(html: Path, pages) -> list[str]:
    """The Nu HTML Checker's errors on ``pages`` (files under ``html``), as "page:line: message"."""
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML Checker"
    result = subprocess.run(
        [java, "-jar", str(_require(VNU)), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{Path(urlsplit(m.get('url', '')).path).relative_to(html)}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]


def test_every_page_is_valid_html(real_html):
    html, _ = real_html
    pages = sorted(html.rglob("*.html"))
    errors = vnu_errors(html, pages)
    assert len(pages) > 200
    assert errors == [], "\n".join(errors)


# -- links -------------------------------------------------------------------------


def _ids(page: Path, cache: dict) -> set[str]:
    if page not in cache:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        cache[page] = {t["id"] for t in soup.find_all(id=True)} | {t["name"] for t in soup.find_all("a", attrs={"name": True})}
    return cache[page]


def test_every_internal_link_anchor_and_download_resolves(real_site):
    html, _ = real_site
    broken, cache, checked = [], {}, 0
    for page in sorted(html.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src")):
            for element in soup.find_all(tag, attrs={attribute: True}):
                target = element[attribute]
                parts = urlsplit(target)
                if parts.scheme in ("http", "https", "mailto") or target.startswith("//"):
                    continue
                assert parts.scheme == "", f"{page.relative_to(html)}: unexpected link {target!r}"
                checked += 1
                if parts.path.startswith("/"):  # root-relative (the 404 pages): the site is at the server's root
                    file = (html / unquote(parts.path).lstrip("/")).resolve()
                else:
                    file = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
                if file.is_dir():
                    file = file / "index.html"
                if not file.is_file() or html.resolve() not in file.resolve().parents:
                    broken.append(f"{page.relative_to(html)}: {target} (no such file)")
                elif parts.fragment and file.suffix == ".html" and unquote(parts.fragment) not in _ids(file, cache):
                    broken.append(f"{page.relative_to(html)}: {target} (no such anchor)")
    assert checked > 5000
    assert broken == [], "\n".join(broken)


# -- accessibility and requests in a browser -------------------------------------------


def test_split_listings_are_valid_html(site_x10):
    pages = [site_x10 / lang / path for lang in ("vi", "en") for path in SPLIT_PAGES]
    errors = vnu_errors(site_x10, [_require(p) for p in pages])
    assert errors == [], "\n".join(errors)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_axe_finds_no_wcag_22_aa_violation(browser, server, lang, scheme):
    assert axe_problems(browser, server, AXE_PAGES, lang, scheme) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_split_listings_pass_axe_and_keep_their_headings(browser, site_x10, lang):
    with serve_folder(site_x10) as url:
        assert axe_problems(browser, url, SPLIT_PAGES, lang, "light") == []
        check_landmarks_and_headings(browser, url, SPLIT_PAGES, lang)


def axe_problems(browser, server: str, paths, lang: str, scheme: str) -> list[str]:
    """axe-core's WCAG 2.2 AA violations on ``paths`` of the site at ``server``."""
    script = _require(AXE).read_text(encoding="utf-8")
    problems = []
    for path in paths:
        page = browser.new_page(color_scheme=scheme)
        page.goto(f"{server}/{lang}/{path}")
        if path.startswith("search.html"):
            page.wait_for_function(SEARCH_DONE, timeout=30_000)
        page.add_script_tag(content=script)
        result = page.evaluate(
            """async () => await axe.run(document, {runOnly: {type: 'tag',
                 values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}, resultTypes: ['violations']})"""
        )
        for violation in result["violations"]:
            targets = [n["target"] for n in violation["nodes"]][:3]
            problems.append(f"{lang} {scheme} {path}: {violation['id']}: {violation['help']} {targets}")
        page.close()
    return problems


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_pages_have_language_skip_link_and_ordered_headings(browser, server, lang):
    check_landmarks_and_headings(browser, server, AXE_PAGES, lang)


def check_landmarks_and_headings(browser, server: str, paths, lang: str) -> None:
    for path in paths:
        page = browser.new_page()
        page.goto(f"{server}/{lang}/{path}")
        assert page.locator("html").get_attribute("lang") == lang, path
        skip = page.locator("a[href='#main-content'], a.skip-link").first
        assert skip.count() == 1, path
        levels = page.evaluate(
            "() => [...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')]"
            ".map(h => +h.tagName[1])"
        )
        assert levels and levels[0] == 1, (path, levels)
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), (path, levels)
        page.close()


def test_no_request_leaves_the_site(browser, server):
    outside = []
    for lang in ("vi", "en"):
        for path in AXE_PAGES:
            page = browser.new_page()
            page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(server) and not request.url.startswith("data:") else None)
            page.goto(f"{server}/{lang}/{path}")
            page.wait_for_load_state("networkidle")
            page.close()
    assert outside == []


@pytest.mark.parametrize("path", ["plan/duties/c-v-1-2.html", "plan/agencies/so-tu-phap.html", "plan/progress.html"])
def test_keyboard_focus_is_never_hidden_behind_the_sticky_header(browser, server, path):
    """Tab through the page: every focused element is in view and not covered (WCAG 2.4.11)."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{server}/en/{path}")
    hidden = []
    for step in range(60):
        page.keyboard.press("Tab")
        page.wait_for_timeout(200)  # the skip link and scrolling into view are animated
        found = page.evaluate(
            """() => {
                let el = document.activeElement;
                if (!el || el === document.body) return null;
                let r = el.getBoundingClientRect();
                if (r.width * r.height === 0) {
                    // drawn by a child (the sidebar's <summary> shows only its chevron)
                    const drawn = [...el.querySelectorAll('*')].find(k => {
                        const q = k.getBoundingClientRect(); return q.width * q.height > 0; });
                    if (!drawn) return null;  // focus moved into a closed part
                    el = drawn;
                    r = el.getBoundingClientRect();
                }
                const inView = r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
                const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
                const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 8), 0), innerHeight - 1);
                const top = document.elementFromPoint(x, y);
                const covered = top && !(el === top || el.contains(top) || top.contains(el));
                return {tag: el.tagName, text: (el.innerText || el.getAttribute('aria-label') || '').slice(0, 40),
                        inView, covered};
            }"""
        )
        if found and (not found["inView"] or found["covered"]):
            hidden.append((step, found))
    page.close()
    assert hidden == []


def test_every_control_is_at_least_24_px(browser, server):
    """WCAG 2.5.8: links in running text are exempt; buttons, summaries and icons are not."""
    small = []
    for lang in ("vi", "en"):
        for path in AXE_PAGES[:4]:
            page = browser.new_page(viewport={"width": 360, "height": 740})
            page.goto(f"{server}/{lang}/{path}")
            small += page.evaluate(
                """() => [...document.querySelectorAll('button, summary, input, select, [role=button], label.sidebar-toggle, .toctree-toggle')]
                    .filter(el => el.offsetParent !== null)
                    .map(el => [el.tagName, el.className, el.getBoundingClientRect()])
                    .filter(([, , r]) => r.width * r.height > 0)  // laid out as nothing: not a target
                    .filter(([, , r]) => r.width < 24 || r.height < 24)
                    .map(([tag, cls, r]) => `${tag}.${cls} ${Math.round(r.width)}x${Math.round(r.height)}`)"""
            )
            page.close()
    assert small == []
