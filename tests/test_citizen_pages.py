"""A citizen's first screen on a phone, and a page printed from the browser (issue 15)."""

from __future__ import annotations

import subprocess

import pytest

pytestmark = [pytest.mark.site, pytest.mark.browser]

PHONE = {"width": 360, "height": 740}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("duty", ["c-v-1-2", "b-iii-1", "dd-ii"])
def test_a_duty_shows_what_it_is_who_leads_it_and_by_when_on_the_first_phone_screen(browser, server, lang, duty):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server}/{lang}/plan/duties/{duty}.html")
    for selector in ("article h1", ".key-facts dd >> nth=0", ".key-facts dd >> nth=1"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= PHONE["height"], selector
    # the long section and group headings wait behind a one-line summary
    assert page.locator("details#context").get_attribute("open") is None
    assert not page.locator("details#context ul.breadcrumbs").is_visible()
    page.locator("details#context > summary").click()
    assert page.locator("details#context ul.breadcrumbs").is_visible()
    page.close()


@pytest.mark.parametrize("kind", ["agencies/so-tu-phap", "topics/training-of-officials"])
def test_agency_and_topic_pages_open_with_a_summary(browser, server, kind):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server}/en/plan/{kind}.html")
    summary = page.locator("p.page-summary").first
    box = summary.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]
    assert "By section:" in summary.inner_text() and "Next reporting date:" in summary.inner_text()
    page.close()


def test_a_page_printed_from_the_browser_is_the_content_with_its_addresses(browser, server, tmp_path):
    page = browser.new_page()
    page.goto(f"{server}/en/plan/duties/c-v-1-2.html")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    pdf = tmp_path / "duty.pdf"
    page.pdf(path=str(pdf), format="A4")
    page.close()
    size = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "pts (A4)" in size  # pdfinfo names the paper size (Chromium rounds A4 to whole CSS pixels)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "Duty C.V.1.2" in flat
    # no navigation, sidebars or buttons
    for chrome in ("Tiếng Việt", "Back to top", "Skip to main content", "Schedule of deadlines", "Search"):
        assert chrome not in flat, chrome
    # link targets written out after the link, and the page's own address at the end
    joined = "".join(text.split())  # long addresses break across lines
    assert f"ProvincialPolice({server}/en/plan/agencies/cong-an-tinh.html)" in joined
    assert joined.endswith(f"{server}/en/plan/duties/c-v-1-2.html")
