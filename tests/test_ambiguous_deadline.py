"""A deadline whose words admit several readings: shown with every reading, asserting none."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_root
from sitebuild import build, main_content, site_project, soup

from generator.data.index import PlanIndex
from generator.data.validate import load_plan

ROOT = "data-ambiguous-deadline"


def test_an_ambiguous_deadline_loads_without_who_or_what(tmp_path: Path):
    plan = load_plan(make_root(tmp_path, "data-minimal", ROOT) / "plan_data")
    deadline = plan.duties[0].deadline
    assert deadline.kind == "before_event" and deadline.by is None and deadline.event is None
    assert [r.en for r in deadline.readings] == [
        "Before the report is submitted to the Provincial Police",
        "Before the Provincial Police submit the report",
    ]
    # No page lists it among the deadlines that depend on an agency.
    assert PlanIndex(plan).deadlines_by_agency == {}


@pytest.mark.site
def test_the_duty_page_shows_the_printed_words_and_every_reading(tmp_path: Path):
    html = build(site_project(tmp_path, "data-minimal", ROOT))
    expected = {
        "vi": (
            "Trước khi nộp Báo cáo Công an tỉnh",
            "Các cách hiểu",
            ["Trước khi nộp Báo cáo cho Công an tỉnh", "Trước khi Công an tỉnh nộp Báo cáo"],
            "Diễn giải",
        ),
        "en": (
            "Before submitting the report Provincial Police",
            "Possible readings",
            ["Before the report is submitted to the Provincial Police", "Before the Provincial Police submit the report"],
            "Meaning",
        ),
    }
    for lang, (printed, heading, readings, meaning) in expected.items():
        section = main_content(soup(html / lang / "plan" / "duties" / "c-i.html")).find(id="deadline")
        terms = [dt.get_text(" ", strip=True) for dt in section.find_all("dt")]
        assert heading in terms and meaning not in terms, (lang, terms)
        definitions = [dd for dd in section.find_all("dd")]
        assert definitions[0].get_text(" ", strip=True) == printed
        shown = [li.get_text(" ", strip=True) for li in section.select("ul.readings li")]
        assert shown == readings, lang


@pytest.mark.site
def test_the_handbooks_print_the_printed_words_and_every_reading(tmp_path):
    """The same as the site: the words as printed, each reading, and no 'Meaning' row."""
    import subprocess

    from generator.data.index import PlanIndex
    from generator.handbook.step import build_handbooks

    project = make_root(tmp_path, "data-minimal", ROOT)
    plan = load_plan(project / "plan_data")
    out = tmp_path / "html"
    problems = build_handbooks(project, plan, out, kinds=("full",))
    assert not problems, problems
    duty = next(d for d in plan.duties if d.deadline.readings)
    for lang, word in (("vi", "Diễn giải"), ("en", "Meaning")):
        text = subprocess.run(
            ["pdftotext", str(out / "pdf" / f"handbook-{lang}.pdf"), "-"], capture_output=True, text=True, check=True
        ).stdout
        flat = " ".join(text.split())
        for reading in duty.deadline.readings:
            assert " ".join(reading.get(lang).split()) in flat
        start = flat.index(" ".join(duty.deadline.as_printed.get(lang).split()))
        assert word not in flat[start : start + 400]
    assert PlanIndex(plan).duty[duty.number] is duty
