"""What a page weighs: the page and every file it makes the browser load.

Shared by the theme tests (a budget) and the benchmark (figures).
"""

from __future__ import annotations

import gzip
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def is_local(ref: str) -> bool:
    """A reference that stays on this site: relative, no scheme, no host."""
    parts = urlsplit(ref.strip())
    return not parts.scheme and not parts.netloc and not ref.strip().startswith("//")


def resolve(base: Path, ref: str) -> Path:
    return (base.parent / unquote(urlsplit(ref).path)).resolve()


CSS_REF = re.compile(r"""@import\s+(?:url\()?\s*(['"]?)([^'")\s;]+)\1|url\(\s*(['"]?)(.*?)\3\s*\)""")


def css_refs(css: str) -> list[tuple[str, bool]]:
    """(reference, is_import) for every @import and url() of a stylesheet, data: URIs left out."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    refs = []
    for m in CSS_REF.finditer(css):
        if m.group(2) is not None:
            refs.append((m.group(2), True))
        elif not m.group(4).startswith("data:"):
            refs.append((m.group(4), False))
    return refs


def page_assets(page: Path) -> tuple[dict[Path, int], list[str]]:
    """Every file the page loads (itself, CSS, JS, CSS imports, fonts, images) and any off-site reference."""
    soup = soup_of(page)
    files: dict[Path, int] = {page.resolve(): page.stat().st_size}
    offsite: list[str] = []
    stylesheets: list[Path] = []

    def add(base: Path, ref: str) -> Path | None:
        if not is_local(ref):
            offsite.append(f"{base.name}: {ref}")
            return None
        target = resolve(base, ref)
        assert target.is_file(), f"{base} loads {ref}, which does not exist"
        files.setdefault(target, target.stat().st_size)
        return target

    for link in soup.find_all("link", href=True):
        rel = set(link.get("rel") or [])
        if rel & {"stylesheet", "preload", "modulepreload", "icon", "prefetch"}:
            target = add(page, link["href"])
            if target and "stylesheet" in rel:
                stylesheets.append(target)
    for tag in soup.find_all(src=True):
        add(page, tag["src"])
    seen: set[Path] = set()
    while stylesheets:
        sheet = stylesheets.pop()
        if sheet in seen:
            continue
        seen.add(sheet)
        for ref, is_import in css_refs(sheet.read_text(encoding="utf-8")):
            target = add(sheet, ref)
            if target and (is_import or target.suffix == ".css"):
                stylesheets.append(target)
    return files, offsite


# -- page types and budgets (tests/test_weight.py, tests/benchmark.py) ---------------

KIB = 1024

#: Each page type: where its pages are (under the language folder). Of a type with
#: many pages, the heaviest are weighed: a big agency or topic page, the longest duty.
PAGE_TYPES = {
    "home": "index.html",
    "plan": "plan/index.html",
    "section": "plan/sections/*.html",
    "section part": "plan/sections/*/*.html",
    "duty": "plan/duties/*.html",
    "agency": "plan/agencies/*.html",
    "agencies index": "plan/agencies/index.html",
    "agencies part": "plan/agencies/index/*.html",
    "topic": "plan/topics/*.html",
    "topics index": "plan/topics/index.html",
    "topics part": "plan/topics/index/*.html",
    "schedule": "plan/schedule.html",
    "schedule part": "plan/schedule/*.html",
    "legal documents": "plan/legal-documents.html",
    "open data": "plan/open-data.html",
    "open data part": "plan/open-data/*.html",
    "search": "search.html",
    "maintainers": "maintainers.html",
    # implementation tracking
    "progress": "plan/progress.html",
    "progress part": "plan/progress/*.html",
    "activities": "plan/activities/index.html",
    "activities year": "plan/activities/*.html",
    "activities part": "plan/activities/*/*.html",
    "reports": "plan/reports/index.html",
    "report": "plan/reports/*.html",
    "report part": "plan/reports/*/*.html",
    "methodology": "plan/methodology.html",
}

#: Page types the real site does not have: the parts of a listing too long for one page
#: (generator.content.addresses.listing_parts; the progress page's table of lead agencies
#: among them) or of a long report (REPORT_ENTRY_LIMIT), and
#: the listing of a year's activities (no activity is recorded yet). A ×10 site has them all.
NOT_ON_THE_REAL_SITE = frozenset(
    {
        "section part",
        "agencies part",
        "topics part",
        "schedule part",
        "open data part",
        "activities year",
        "activities part",
        "report part",
        "progress part",
    }
)

#: The search page is weighed with everything it loads; the parts of the Pagefind
#: index a query fetches have their own budget (tests/test_search.py, ≤ 300 KiB).


def pages_of(lang_root: Path, pattern: str) -> list[Path]:
    return [p for p in lang_root.glob(pattern) if "*" not in pattern or p.name != "index.html"]


def heaviest_pages(lang_root: Path, pattern: str, count: int = 3) -> list[Path]:
    pages = pages_of(lang_root, pattern)
    assert pages, f"no page for {pattern} in {lang_root}"
    return sorted(pages, key=lambda p: p.stat().st_size, reverse=True)[:count]


def gzipped_size(path: Path) -> int:
    """The file's size gzipped (level 9), as a web server would send it."""
    stat = path.stat()
    return _gzipped_size(path, stat.st_mtime_ns, stat.st_size)


@cache
def _gzipped_size(path: Path, mtime_ns: int, size: int) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def weigh(page: Path, leave_out=frozenset()) -> tuple[int, int, dict[Path, int]]:
    """(raw bytes, gzipped bytes, the files) of a page and everything it loads, but ``leave_out``."""
    files, offsite = page_assets(page)
    assert not offsite, offsite
    files = {p: size for p, size in files.items() if p.name not in leave_out}
    return sum(files.values()), sum(gzipped_size(p) for p in files), files
