"""The site in a real browser (Debian's Chromium driven by Playwright): search, switcher, screenshots."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from conftest import SEARCH_DONE

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

pytestmark = pytest.mark.site  # every test here builds or reads a built site



def _search(browser, server: str, query: str) -> list[str]:
    page = browser.new_page()
    page.goto(f"{server}/vi/search.html")
    box = page.locator("form input[name=q]:visible").first
    box.fill(query)
    box.press("Enter")
    page.wait_for_url("**/search.html?q=*")
    page.wait_for_function(SEARCH_DONE, timeout=30_000)
    links = page.locator("#search-results li a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    page.close()
    return links


@pytest.mark.parametrize(
    "query",
    ["tra tan", "tra tấn", "TRA TẤN", unicodedata.normalize("NFD", "tra tấn")],
    ids=["folded", "accented", "upper", "decomposed"],
)
def test_vietnamese_search_finds_torture_duties_with_or_without_diacritics(browser, server, query):
    links = _search(browser, server, query)
    assert any("plan/duties/" in link for link in links), links


def test_language_switcher_lands_on_the_same_duty(browser, server):
    page = browser.new_page()
    page.goto(f"{server}/vi/plan/duties/c-v-1-2.html")
    page.locator("a.plan-lang-switch").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/en/plan/duties/c-v-1-2.html")
    assert "C.V.1.2" in page.locator("h1").first.inner_text()
    assert page.locator("html").get_attribute("lang") == "en"
    page.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_duty_page_screenshots(browser, server, width):
    """Saved as test artifacts (tests/artifacts/) to be looked at; the page must not scroll sideways."""
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{server}/vi/plan/duties/c-v-1-2.html")
    page.screenshot(path=str(ARTIFACTS / f"duty-c-v-1-2-{width}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    page.goto(f"{server}/vi/plan/agencies/so-tu-phap.html")
    page.screenshot(path=str(ARTIFACTS / f"agency-so-tu-phap-{width}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    page.close()
