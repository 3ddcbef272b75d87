"""Implementation tracking on the site: duty status, activities, progress, feed, reports.

The fixture plan (tests/roots/tracking) is built with the maintainers' command at
a fixed as-of date; the expected figures are worked out by hand from its YAML
(see the comments), never copied from the program's output.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sitebuild import main_content, site_project, soup

pytestmark = pytest.mark.site

AS_OF = "2025-03-01"
ATOM = "{http://www.w3.org/2005/Atom}"


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, capture_output=True, text=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = site_project(tmp_path_factory.mktemp("tracking"), "tracking")
    done = run(project, "build", "--no-pdf", "--as-of", AS_OF)
    assert done.returncode == 0, done.stderr
    return project / "_build" / "html"


def ids_in_order(page, selector: str) -> list[str]:
    return [a["href"].rsplit("#", 1)[1] for a in page.select(selector) if "#" in a.get("href", "")]


def test_a_duty_shows_its_status_and_its_activities_newest_first(site):
    body = main_content(soup(site / "en" / "plan" / "duties" / "c-i.html"))
    status = body.find(id="status")
    assert "Figures as of 1 March 2025." in status.get_text(" ")
    # C.I's records, by start date: 2025-tap-huan (15/4/2025), 2024-hoi-thao-cat (12/6/2024),
    # 2024-to-roi (from 3/2024), 2023-tap-huan-can-bo (5/2023).
    assert ids_in_order(status.find(id="activities"), "a") == [
        "2025-tap-huan", "2024-hoi-thao-cat", "2024-to-roi", "2023-tap-huan-can-bo",
    ]
    assert "70 participants; 3 sessions" in status.get_text(" ")


def test_a_duty_without_records_says_so_and_never_guesses(site):
    body = main_content(soup(site / "vi" / "plan" / "duties" / "a-v.html"))  # A.V: no record, no assessment
    text = body.find(id="status").get_text(" ")
    assert "Chưa ghi nhận kết quả" in text
    assert "Chưa có hoạt động nào được ghi nhận." in text


def test_the_year_listing_shows_each_record_with_its_figures_and_sources(site):
    page = main_content(soup(site / "en" / "plan" / "activities" / "2024.html"))
    # Records that started in 2024, newest start first: Nov 2024, 2 Oct, 12 Jun, Mar, 1 Feb.
    sections = [s["id"] for s in page.select("section section")]
    assert sections == ["2024-2025-tong-hop", "2024-kiem-tra", "2024-hoi-thao-cat", "2024-to-roi", "2024-quyet-dinh"]
    workshop = page.find(id="2024-hoi-thao-cat")
    text = workshop.get_text(" ")
    assert "12 June 2024" in text and "Long Xuyen" in text and "70 participants; 3 sessions" in text
    assert "Báo cáo số 2/BC-STP, Sở Tư pháp, 20 June 2024" in text
    assert [a["href"] for a in workshop.select("a.external-source")] == ["https://example.org/tin/hoi-thao-2024"]
    # the period keeps the precision of its source
    assert "November 2024 – February 2025" in page.find(id="2024-2025-tong-hop").get_text(" ")


def test_the_listing_filters_are_plain_links_to_agency_and_topic_activities(site):
    page = main_content(soup(site / "en" / "plan" / "activities" / "index.html"))
    links = [a["href"] for a in page.select("#by-agency a, #by-topic a")]
    assert links and all(href.endswith("#activities") for href in links)
    for href in links:
        target = soup((site / "en" / "plan" / "activities" / href.split("#")[0]).resolve())
        assert target.find(id="activities") is not None


def test_an_agency_page_has_a_scorecard_of_the_duties_it_leads(site):
    body = main_content(soup(site / "en" / "plan" / "agencies" / "so-tu-phap.html"))
    card = body.find(id="scorecard")
    fields = {dt.get_text(strip=True): dd.get_text(" ", strip=True) for dt, dd in zip(card.select("dt"), card.select("dd"))}
    # so-tu-phap leads A.I, A.III, A.V, C.I, C.II; all but A.V have a record.
    assert fields["Duties led"] == "5"
    assert fields["With activity recorded"] == "4"


def test_the_progress_chart_and_its_table_hold_the_same_figures(site):
    page = main_content(soup(site / "en" / "plan" / "progress.html"))
    part = page.find(id="by-completion")
    svg = part.find("svg")
    assert svg["role"] == "img"
    bars = [int(t.get_text()) for t in svg.select("text.chart-count")]
    rows = [int(r.select("td")[1].get_text(strip=True)) for r in part.select("tbody tr")]
    assert bars == rows[:-1] and sum(bars) == rows[-1] == 9  # 9 duties, the last row is the total
    for count in bars:
        assert f": {count}" in svg["aria-label"]
    assert not page.find("script")


def test_the_feed_is_atom_and_every_entry_links_to_its_record(site):
    for lang in ("vi", "en"):
        feed = ET.parse(site / lang / "activities.atom").getroot()
        assert feed.tag == f"{ATOM}feed"
        entries = feed.findall(f"{ATOM}entry")
        assert len(entries) == 10  # three records in 2023, five in 2024, two in 2025
        for entry in entries:
            href = entry.find(f"{ATOM}link").get("href")
            page, anchor = href.split("#")
            assert soup(site / lang / page).find(id=anchor) is not None, href
        ids = [e.find(f"{ATOM}id").text for e in entries]
        assert len(set(ids)) == len(ids)


def test_every_page_announces_the_feed_in_its_head(site):
    for lang in ("vi", "en"):
        for page in (site / lang).rglob("*.html"):
            if "_static" in page.parts or page.name == "404.html":  # 404: a standalone page for static hosts
                continue
            link = soup(page).find("link", rel="alternate", type="application/atom+xml")
            assert link is not None, page
            assert (page.parent / link["href"]).resolve() == (site / lang / "activities.atom").resolve()


def test_the_annual_report_totals_cite_the_records_they_add_up(site):
    page = main_content(soup(site / "en" / "plan" / "reports" / "2024.html"))
    rows = {}
    for row in page.find(id="totals").select("tbody tr"):
        cells = row.select("td")
        rows[cells[0].get_text(strip=True)] = (cells[1].get_text(strip=True), ids_in_order(cells[2], "a"))
    # 2024: the workshop (70 participants), the leaflets (5,000 copies), the inspection, the
    # decision and the compilation (Nov 2024 - Feb 2025): five records, no broadcast.
    assert rows["Activities"][0] == "5"
    assert sorted(rows["Activities"][1]) == sorted(
        ["2024-hoi-thao-cat", "2024-to-roi", "2024-kiem-tra", "2024-quyet-dinh", "2024-2025-tong-hop"]
    )
    assert rows["People trained or attending conferences and workshops"] == ("70", ["2024-hoi-thao-cat"])
    assert rows["Copies issued"] == ("5000", ["2024-to-roi"])
    assert rows["Broadcasts"] == ("0", [])
    # the duties with no record overlapping 2024 and no assessment for it: A.I, A.IV, A.V,
    # C.IV (C.III has the 2024 workshop, which served C.I and C.III)
    listed = [a.get_text(strip=True) for a in page.find(id="no-evidence").select("a")]
    assert listed == ["A.I", "A.IV", "A.V", "C.IV"]


def test_an_agency_report_holds_only_the_duties_it_leads(site):
    page = main_content(soup(site / "vi" / "plan" / "reports" / "2024-cong-an-tinh.html"))
    duties = [s["id"] for s in page.select("section[id^=duty-]")]
    assert duties == ["duty-a-ii", "duty-a-iv", "duty-c-iii"]  # cong-an-tinh leads A.II, A.IV, C.III


def test_the_methodology_page_states_every_rule_in_both_languages(site):
    for lang, words in (("vi", "31/12"), ("en", "31 December")):
        text = main_content(soup(site / lang / "plan" / "methodology.html")).get_text(" ")
        assert words in text and "30" in text


def test_the_report_command_prints_the_report_and_refuses_bad_input(tmp_path):
    project = site_project(tmp_path / "p", "tracking")
    done = run(project, "report", "--year", "2024", "--lang", "en", "--as-of", AS_OF)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^Activities \| 5 \| ", done.stdout, re.M)
    bad_year = run(project, "report", "--year", "2031", "--as-of", AS_OF)
    assert bad_year.returncode == 2 and bad_year.stderr.strip().count("\n") == 0
    assert "no report for 2031" in bad_year.stderr
    bad_agency = run(project, "report", "--year", "2024", "--agency", "so-tu-phapp", "--as-of", AS_OF)
    assert bad_agency.returncode == 2 and "unknown agency 'so-tu-phapp'" in bad_agency.stderr
    bad_date = run(project, "report", "--year", "2024", "--as-of", "2025-02-30")
    assert bad_date.returncode == 2 and "Traceback" not in bad_date.stderr


def test_the_feed_holds_the_newest_records_only(tmp_path):
    """141 records: the feed holds the newest 100, newest first; the year listings hold them all."""
    import datetime

    from generator.data.validate import load_plan
    from generator.site.feeds import ENTRIES, atom_feed
    from synthetic import scaled_plan

    scaled_plan(tmp_path, 1, activities_per_duty=3)
    plan = load_plan(tmp_path / "plan_data")
    assert len(plan.activities) > ENTRIES == 100
    feed = ET.fromstring(atom_feed(plan, "en", datetime.date(2025, 12, 31)))
    ids = [e.find(f"{ATOM}id").text.rsplit("/", 1)[1] for e in feed.findall(f"{ATOM}entry")]
    newest = sorted(plan.activities, key=lambda a: (a.recorded, a.date.first, a.id), reverse=True)
    assert ids == [a.id for a in newest[:ENTRIES]]
