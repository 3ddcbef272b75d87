"""Search, evaluated: the same queries on each engine, in Chromium, with what they download.

Not a test (tests/test_search.py holds the checks that fail); this prints a
table: query x engine -> the first five results, whether the expectation is
met, whether the results carry an excerpt with a marked match, and the bytes
the search page and the query fetched.

    python tests/search_eval.py                      # builds the real data into a temporary folder
    python tests/search_eval.py --site _build/html   # a site built already
    python tests/search_eval.py --site NEW --baseline OLD

Engines:
    pagefind  the search page of this code (generator/search_index.py)
    sphinx    Sphinx's search with the Vietnamese search language, as built
              before Pagefind (commit 7542254 and earlier): pass a site built
              by that code as --baseline; it is read from its searchindex.js.

Each query runs in a fresh browser context (nothing cached), so the bytes are
the search page with everything it loads plus everything the query fetches.
"raw" is the bytes of the files; "gzip" what a server compressing text would
send (files Pagefind already compresses are counted as they are).
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bs4 import BeautifulSoup  # noqa: E402

from generator.text.folding import fold  # noqa: E402

NFD = unicodedata.normalize("NFD", "tra tấn")


@dataclass(frozen=True)
class Query:
    lang: str
    text: str
    #: pages (relative to the language's folder) that must all be in the first five
    expect: tuple[str, ...] = ()
    #: at least one duty page in the first five
    duty: bool = False
    label: str = ""

    @property
    def name(self) -> str:
        return self.label or self.text


def duty(slug: str) -> str:
    return f"plan/duties/{slug}.html"


#: Every query of issue 14 part 3, in both languages.
QUERIES = (
    Query("vi", "tra tấn", duty=True),
    Query("vi", "tra tan", duty=True),
    Query("vi", "TRA TẤN", duty=True),
    Query("vi", NFD, duty=True, label="tra tấn (NFD)"),
    Query("vi", "dân tộc", duty=True),
    Query("vi", "dan toc", duty=True),
    Query("vi", "đào tạo", duty=True),
    Query("vi", "dao tao", duty=True),
    Query("vi", "công an", expect=("plan/agencies/cong-an-tinh.html",)),
    Query("vi", "cong an", expect=("plan/agencies/cong-an-tinh.html",)),
    Query("vi", "tài liệu giảng dạy", expect=(duty("c-iv"),)),
    Query("vi", "tai lieu giang day", expect=(duty("c-iv"),)),
    Query("vi", "Campuchia", expect=(duty("d-i"), duty("d-ii"))),
    Query("vi", "campuchia", expect=(duty("d-i"), duty("d-ii"))),
    Query("vi", "ngôn ngữ dân tộc", expect=(duty("c-v-1-1"),)),
    Query("vi", "ngon ngu dan toc", expect=(duty("c-v-1-1"),)),
    Query("en", "torture", duty=True),
    Query("en", "TORTURE", duty=True),
    Query("en", "teaching materials", expect=(duty("c-iv"),)),
    Query("en", "Cambodia", expect=(duty("d-i"), duty("d-ii"))),
    Query("en", "ethnic languages", expect=(duty("c-v-1-1"),)),
    Query("en", "provincial police", expect=("plan/agencies/cong-an-tinh.html",)),
)


@dataclass
class Outcome:
    engine: str
    query: Query
    pages: list[str]
    titles: list[str]
    excerpts: list[str]
    marked: list[bool]
    raw: int
    zipped: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# -- what a page says about itself ------------------------------------------------


def own_words(site: Path, lang: str, page: str) -> set[str]:
    """The folded words of a page's article, without the plan tables that list other pages."""
    path = site / lang / page
    if not path.is_file():
        return set()
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article") or soup.body
    for table in article.select("table.plan-table, ul.duty-nav"):
        table.decompose()
    return set(re.findall(r"\w+", fold(article.get_text(" "))))


def judge(site: Path, outcome: Outcome) -> None:
    q = outcome.query
    top = outcome.pages[:5]
    if not top:
        outcome.problems.append("no result")
        return
    for page in q.expect:
        if page not in top:
            outcome.problems.append(f"{page} not in the first five")
    if q.duty and not any(p.startswith("plan/duties/") for p in top):
        outcome.problems.append("no duty in the first five")
    words = fold(q.text).split()
    for page in top:
        own = own_words(site, q.lang, page)
        missing = [w for w in words if w not in own]
        if missing:
            outcome.problems.append(f"{page} does not itself hold {' '.join(missing)}")


# -- running a query in Chromium ------------------------------------------------


PAGEFIND_DONE = "() => !!document.getElementById('plan-search')?.dataset.state"
SPHINX_DONE = "() => (document.querySelector('#search-results .search-summary')?.innerText || '').trim().length > 0"

COMPRESSED = (".pf_index", ".pf_fragment", ".pf_meta", ".pagefind", ".png", ".woff2")


def _sizes(responses) -> tuple[int, int]:
    raw = zipped = 0
    for response in responses:
        if response.status != 200:
            continue
        body = response.body()
        raw += len(body)
        path = urlsplit(response.url).path
        zipped += len(body) if path.endswith(COMPRESSED) else min(len(body), len(gzip.compress(body, 6)))
    return raw, zipped


def run_query(browser, server: str, engine: str, query: Query) -> Outcome:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    responses = []
    page.on("response", lambda r: responses.append(r))
    page.goto(f"{server}/{query.lang}/search.html?q={quote(query.text)}")
    base = f"{server}/{query.lang}/"
    if engine == "pagefind":
        page.wait_for_function(PAGEFIND_DONE, timeout=30_000)
        items = page.locator("#search-results li")
        found = items.evaluate_all(
            """els => els.map(li => ({href: li.querySelector('a').href, title: li.querySelector('a').textContent,
                    excerpt: (li.querySelector('.plan-search-excerpt') || {}).textContent || '',
                    marked: !!li.querySelector('.plan-search-excerpt mark')}))"""
        )
    else:
        page.wait_for_function(SPHINX_DONE, timeout=30_000)
        found = page.locator("#search-results li").evaluate_all(
            """els => els.map(li => ({href: li.querySelector('a').href, title: li.querySelector('a').textContent,
                    excerpt: (li.querySelector('p.context') || {}).textContent || '',
                    marked: !!li.querySelector('p.context mark, p.context span.highlighted')}))"""
        )
    page.wait_for_load_state("networkidle")
    raw, zipped = _sizes(responses)
    context.close()
    pages = [f["href"].split("#")[0].split("?")[0].removeprefix(base) for f in found]
    return Outcome(
        engine, query, pages, [f["title"] for f in found], [f["excerpt"] for f in found],
        [f["marked"] for f in found], raw, zipped,
    )  # fmt: skip


def evaluate(sites: dict[str, Path], queries=QUERIES, judged: bool = True) -> list[Outcome]:
    """Run every query on every engine's site; ``sites`` maps engine -> published html folder.

    ``judged=False``: only measure (a synthetic site has not the real duties);
    a query then fails only when it finds nothing."""
    from conftest import CHROMIUM_FLAGS, chromium_path, serve_folder
    from playwright.sync_api import sync_playwright

    outcomes = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            for engine, site in sites.items():
                with serve_folder(site) as server:
                    for query in queries:
                        outcome = run_query(browser, server, engine, query)
                        if judged:
                            judge(site, outcome)
                        elif not outcome.pages:
                            outcome.problems.append("no result")
                        outcomes.append(outcome)
        finally:
            browser.close()
    return outcomes


def short(page: str) -> str:
    """A result as a reader would name it: a duty number, else the page's path."""
    if page.startswith("plan/duties/"):
        return page.removeprefix("plan/duties/").removesuffix(".html").upper().replace("-", ".")
    return page.removeprefix("plan/").removesuffix(".html") or "?"


def table(outcomes: list[Outcome]) -> list[str]:
    lines = [
        "| lang | query | engine | first five results | excerpt, marked | pass | fetched raw / gzip |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for o in outcomes:
        top = ", ".join(short(p) for p in o.pages[:5]) or "—"
        excerpts = sum(bool(e.strip()) for e in o.excerpts[:5])
        marks = sum(o.marked[:5])
        verdict = "pass" if o.ok else "FAIL: " + "; ".join(o.problems[:2]) + (" …" if len(o.problems) > 2 else "")
        lines.append(
            f"| {o.query.lang} | {o.query.name} | {o.engine} | {top} | {excerpts}/{min(5, len(o.pages))}, "
            f"{marks} | {verdict} | {o.raw / 1024:,.0f} / {o.zipped / 1024:,.0f} KiB |"
        )
    return lines


def build_real_site(work: Path) -> Path:
    from sitebuild import build, site_project

    return build(site_project(work / "real"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (html folder) with the Pagefind search")
    parser.add_argument("--baseline", type=Path, help="a site built with Sphinx's search (searchindex.js)")
    parser.add_argument("--unjudged", action="store_true", help="measure only (a synthetic site: not the real duties)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="search-eval-") as tmp:
        site = args.site or build_real_site(Path(tmp))
        sites = {"pagefind": site}
        if args.baseline:
            sites = {"sphinx": args.baseline, **sites}
        outcomes = evaluate(sites, judged=not args.unjudged)
    for line in table(outcomes):
        print(line)
    for engine in sites:
        mine = [o for o in outcomes if o.engine == engine]
        print(f"\n{engine}: {sum(o.ok for o in mine)} of {len(mine)} queries pass; "
              f"largest fetch {max(o.raw for o in mine) / 1024:,.0f} KiB raw, "
              f"{max(o.zipped for o in mine) / 1024:,.0f} KiB gzip")  # fmt: skip
    return 0 if all(o.ok for o in outcomes if o.engine == "pagefind") else 1


if __name__ == "__main__":
    sys.exit(main())
