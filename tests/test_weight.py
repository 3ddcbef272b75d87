"""Page weight budgets, and the pruned theme stylesheet, checked on built sites.

Budgets (issue 14, part 4): every page type weighs at most 200 KiB, and at most
50 KiB gzipped, with everything it makes the browser load (CSS, JS, fonts,
images), in both languages, on the real site and on a site ten times its size
(tests/synthetic.py). Weights are counted, never timed.

The theme's CSS is pruned against a fixed vocabulary (generator/site/theme_markup.py):
the markup of every built page must stay inside it, and no rule of the themes'
stylesheets that matches an element of a page may be missing from the pruned one.
"""

from __future__ import annotations

import random
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import tinycss2
from weight import KIB, NOT_ON_THE_REAL_SITE, PAGE_TYPES, gzipped_size, heaviest_pages, page_assets, pages_of, weigh

from generator.site.theme_bundle import CSS_NAME, DEFAULT_OPTIONS, theme_sources
from generator.site.theme_markup import VOCABULARY
from generator.site.theme_prune import _selector_text, _split_commas

BUDGET_RAW = 200 * KIB
BUDGET_GZIP = 50 * KIB
LANGS = ("vi", "en")

def over_budget(html: Path, kinds=tuple(PAGE_TYPES)) -> list[str]:
    problems = []
    for lang in LANGS:
        for kind in kinds:
            for page in heaviest_pages(html / lang, PAGE_TYPES[kind]):
                raw, zipped, files = weigh(page)
                if raw > BUDGET_RAW or zipped > BUDGET_GZIP:
                    listing = "\n".join(
                        f"    {size / KIB:8.1f} KiB {gzipped_size(p) / KIB:7.1f} KiB gzip  {p.relative_to(html)}"
                        for p, size in sorted(files.items(), key=lambda item: -item[1])
                    )
                    problems.append(
                        f"{kind} ({page.relative_to(html)}): {raw / KIB:.1f} KiB, {zipped / KIB:.1f} KiB gzipped; "
                        f"budget {BUDGET_RAW // KIB} KiB, {BUDGET_GZIP // KIB} KiB gzipped:\n{listing}"
                    )
    return problems


# -- the budgets ---------------------------------------------------------------------


def test_budget_catches_a_page_that_grows(tmp_path):
    """The check itself: a page over either budget is reported, with what it loads."""
    lang = tmp_path / "vi"
    (lang / "_static").mkdir(parents=True)
    (lang / "_static" / "big.css").write_text("".join(random.Random(14).choices("abcdefghijklmnopqrstuvwxyz{}:;", k=210 * KIB)))
    for pattern in PAGE_TYPES.values():
        page = lang / pattern.replace("*", "x")
        page.parent.mkdir(parents=True, exist_ok=True)
        depth = "../" * (len(Path(pattern).parts) - 1)
        page.write_text(f'<html><head><link rel="stylesheet" href="{depth}_static/big.css"></head></html>')
    shutil.copytree(lang, tmp_path / "en")
    problems = over_budget(tmp_path)
    assert len(problems) == 2 * len(PAGE_TYPES), problems
    assert problems[0].startswith("home (vi/index.html): 210.") and "vi/_static/big.css" in problems[0]


#: Page types known to outgrow the budget as the data grows, each with why (a strict xfail:
#: the test fails once the page fits, so that its entry is removed). None now: the annual
#: report, 1.7 MiB of HTML at x10 on one page, is split into a front page and parts.
GROW_WITH_THE_DATA: dict[str, str] = {}


@pytest.mark.site
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_is_within_budget_on_the_real_site(real_site, kind):
    html, _ = real_site
    if kind in NOT_ON_THE_REAL_SITE:
        # the real site's listings fit on one page: none is split (and no activity is recorded yet)
        assert not [p for lang in LANGS for p in pages_of(html / lang, PAGE_TYPES[kind])]
        return
    problems = over_budget(html, [kind])
    assert not problems, "\n".join(problems)


@pytest.mark.site
@pytest.mark.parametrize(
    "kind",
    [
        pytest.param(kind, marks=pytest.mark.xfail(strict=True, reason=GROW_WITH_THE_DATA[kind]))
        if kind in GROW_WITH_THE_DATA
        else kind
        for kind in PAGE_TYPES
    ],
)
def test_every_page_type_is_within_budget_at_ten_times_the_data(site_x10, kind):
    problems = over_budget(site_x10, [kind])
    assert not problems, "\n".join(problems)


@pytest.mark.site
def test_pages_load_one_stylesheet_and_one_script_from_the_theme(real_site):
    """No Bootstrap, no theme scripts, no pygments.css, none of Sphinx's search-era scripts."""
    html, _ = real_site
    for lang in LANGS:
        for kind, pattern in PAGE_TYPES.items():
            if kind in NOT_ON_THE_REAL_SITE:
                continue
            page = heaviest_pages(html / lang, pattern, 1)[0]
            loaded = {p.relative_to(html / lang).as_posix() for p in page_assets(page)[0]} - {
                page.relative_to(html / lang).as_posix()
            }
            expected = {f"_static/{CSS_NAME}", "_static/plan-theme.css", "_static/scripts/plan.js"}
            if kind == "search":
                expected |= {"_static/plan-search.js"}  # it loads Pagefind, and the index per query
            assert loaded == expected, f"{lang}/{kind}: {sorted(loaded)}"


@pytest.mark.site
def test_the_stylesheet_does_not_depend_on_the_data(real_site, site_x10):
    html, _ = real_site
    real = (html / "vi" / "_static" / CSS_NAME).read_bytes()
    assert real == (site_x10 / "vi" / "_static" / CSS_NAME).read_bytes()
    assert real == (html / "en" / "_static" / CSS_NAME).read_bytes()


# -- the vocabulary the CSS is pruned against ------------------------------------------


def theme_rules() -> list[list]:
    """Every selector of the themes' stylesheets (before pruning), as tokens."""
    selectors = []

    def walk(rules):
        for rule in rules:
            if rule.type == "qualified-rule":
                selectors.extend(_split_commas(rule.prelude))
            elif rule.type == "at-rule" and rule.content is not None and not rule.lower_at_keyword.endswith("keyframes"):
                walk(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))

    for css in theme_sources(DEFAULT_OPTIONS):
        walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return selectors


def ids_the_theme_selects() -> set[str]:
    return {t.value for s in theme_rules() for t in s if t.type == "hash"}


class _Markup(HTMLParser):
    """Element names, classes, attribute names and ids of a page (the standard library's parser)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: set[tuple[str, str]] = set()

    def handle_starttag(self, tag, attrs):
        self.found.add(("element", tag))
        for name, value in attrs:
            self.found.add(("attribute", name))
            if name == "class" and value:
                self.found.update(("class", c) for c in value.split())
            elif name == "id" and value:
                self.found.add(("id", value))


def outside_vocabulary(html: Path) -> list[str]:
    selected_ids = ids_the_theme_selects()
    allowed = {"element": VOCABULARY.tags, "class": VOCABULARY.classes, "attribute": VOCABULARY.attributes}
    missing: dict[str, str] = {}
    for page in sorted(html.rglob("*.html")):
        if "_static" in page.parts:
            continue
        parser = _Markup()
        parser.feed(page.read_text(encoding="utf-8"))
        where = page.relative_to(html).as_posix()
        for kind, name in sorted(parser.found):
            if kind == "id":
                if name in selected_ids and name not in VOCABULARY.ids:
                    missing.setdefault(f"id {name!r} (the theme's CSS selects it)", where)
            elif name not in allowed[kind]:
                missing.setdefault(f"{kind} {name!r}", where)
    return [f"{what}, first on {where}" for what, where in missing.items()]


@pytest.mark.site
@pytest.mark.parametrize("scale", ["x1", "x10"])
def test_every_page_is_made_of_the_pruning_vocabulary(request, scale):
    html = request.getfixturevalue("real_site")[0] if scale == "x1" else request.getfixturevalue("site_x10")
    missing = outside_vocabulary(html)
    assert not missing, (
        "markup the theme's CSS was not pruned for; add it to generator/site/theme_markup.py:\n" + "\n".join(missing)
    )


# Pseudo-classes of state and pseudo-elements: a rule that has them applies to an
# element that matches the rest of the selector at some moment.
_DYNAMIC = re.compile(
    r"::?-?(?:webkit|moz|ms)-[\w-]+(?:\([^()]*\))?"
    r"|::?(?:before|after|marker|placeholder|selection|backdrop|first-letter|first-line|file-selector-button)"
    r"|:(?:hover|focus-visible|focus-within|focus|active|visited|target|link|any-link|popover-open|modal|open|autofill|user-invalid)(?![\w-])"
)


def static_form(selector: str) -> str:
    """The selector without states and pseudo-elements (an emptied compound becomes ``*``)."""
    selector = _DYNAMIC.sub("", selector).strip()
    return re.sub(r"(^|[\s>+~,(])(?=$|[\s>+~,)])", r"\1*", selector)


def pruned_selectors(kept_css: str) -> list[str]:
    """Selectors of the themes' rules (those that set more than custom properties) missing from ``kept_css``."""
    kept: set[str] = set()
    original: set[str] = set()

    def walk(rules, into, only_real_declarations):
        for rule in rules:
            if rule.type == "qualified-rule":
                declarations = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
                if only_real_declarations and all(
                    d.type != "declaration" or d.name.startswith("--") for d in declarations
                ):
                    continue  # custom properties only: kept or not by whether something reads them
                into.update(_selector_text(s) for s in _split_commas(rule.prelude))
            elif rule.type == "at-rule" and rule.content is not None and not rule.lower_at_keyword.endswith("keyframes"):
                walk(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), into, only_real_declarations)

    walk(tinycss2.parse_stylesheet(kept_css, skip_comments=True, skip_whitespace=True), kept, False)
    for css in theme_sources(DEFAULT_OPTIONS):
        walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), original, True)
    return sorted(original - kept)


@pytest.mark.site
@pytest.mark.browser
def test_no_theme_rule_that_matches_a_page_is_pruned(real_site, site_x10, browser):
    """Outside check of the pruning: Chromium, not our code, says which selectors match each page type."""
    dropped = pruned_selectors((real_site[0] / "vi" / "_static" / CSS_NAME).read_text(encoding="utf-8"))
    assert len(dropped) > 1000  # the check sees the pruned rules
    forms = sorted({static_form(s) for s in dropped})
    pages = [
        page
        for html in (real_site[0], site_x10)
        for lang in LANGS
        for pattern in PAGE_TYPES.values()
        if pages_of(html / lang, pattern)  # the real site has no part of a split listing
        for page in heaviest_pages(html / lang, pattern, 1)
    ]
    context = browser.new_context(java_script_enabled=True)
    tab = context.new_page()
    tab.route("**/*.js*", lambda route: route.abort())  # the page as written, before any script runs
    matched: dict[str, str] = {}
    checked = 0
    for page in pages:
        tab.goto(page.as_uri())
        result = tab.evaluate(
            """(forms) => {
                 const hits = [];
                 let valid = 0;
                 for (const form of forms) {
                   try { if (document.querySelector(form)) hits.push(form); valid++; } catch (e) { /* not a selector Chromium reads */ }
                 }
                 return [hits, valid];
               }""",
            forms,
        )
        checked = max(checked, result[1])
        for form in result[0]:
            matched.setdefault(form, page.name)
    context.close()
    assert checked > 0.9 * len(forms), f"Chromium read only {checked} of {len(forms)} pruned selectors"
    wrongly = [f"{s}  (matches on {matched[static_form(s)]})" for s in dropped if static_form(s) in matched]
    assert not wrongly, "pruned, yet they match:\n" + "\n".join(wrongly)
