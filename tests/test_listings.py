"""Long listings split into pages (generator.content.addresses.listing_parts).

A section, the schedule, the agency and topic indexes, the agency calendars, a
year's activities and the progress page's table of lead agencies stay on one page while they are short (the real site: nothing is
split there) and become a page of links to their parts when they are long. These
tests read the pages' views (no site build): every duty, agency, topic, calendar and
activity stays reachable from its listing through plain links, and through the
navigation (each part is a child of its listing, each entry a child of its part).
The weights themselves are checked on built sites (tests/test_weight.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from synthetic import scaled_plan

from generator.content.addresses import (
    AGENCIES_DOC,
    INDEX_PAGE_SIZE,
    OPEN_DATA_DOC,
    PROGRESS_DOC,
    SCHEDULE_DOC,
    TOPICS_DOC,
    activities_doc,
    activity_anchor,
    agency_doc,
    calendar_file,
    duty_doc,
    listing_parts,
    report_doc,
    section_doc,
    topic_doc,
)
from generator.content.pages import SiteContext, build_view, page_specs
from generator.content.tracking import lead_agencies
from generator.content.view import Download, Link, Section, Table, plain
from generator.data.index import PlanIndex
from generator.data.validate import load_plan

PROJECT = Path(__file__).resolve().parent.parent
PART_KINDS = {"section-part", "schedule-part", "agencies-part", "topics-part", "open-data-part", "activities-part", "progress-part"}


def test_parts_are_nearly_equal_and_never_one_alone():
    assert listing_parts(range(5), 10) == [[0, 1, 2, 3, 4]]
    assert listing_parts(range(10), 10) == [list(range(10))]
    # 11 entries, at most 10 a part: two parts of 6 and 5, not 10 and 1
    assert [len(p) for p in listing_parts(range(11), 10)] == [6, 5]
    # 250 at most 100 a part: three parts; 61 over a limit of 60, at most 100 a part: two (not one part alone)
    assert [len(p) for p in listing_parts(range(250), 100)] == [83, 84, 83]
    assert [len(p) for p in listing_parts(range(61), 100, 60)] == [30, 31]
    assert listing_parts(range(61), 100, 61) == [list(range(61))]
    assert sum(listing_parts(range(250), 100), []) == list(range(250))


def test_the_real_site_splits_nothing():
    """Every listing of the real plan fits its page: no part, and the listings' children are the pages they list."""
    index = PlanIndex(load_plan(PROJECT / "plan_data"))
    specs = page_specs(index)
    assert not [s.docname for s in specs if s.kind in PART_KINDS]
    children = {s.docname: s.children for s in specs}
    assert children[AGENCIES_DOC] and all(c.startswith("plan/agencies/") for c in children[AGENCIES_DOC])
    assert children[SCHEDULE_DOC] == ()
    assert children[section_doc("c")] == tuple(duty_doc(index, d) for d in index.plan.section("C").duties)


@pytest.fixture(scope="module")
def scaled(tmp_path_factory):
    """Ten times the real plan (470 duties, 250 agencies, 190 topics), two activities a duty (940)."""
    folder = tmp_path_factory.mktemp("listings-x10")
    index = PlanIndex(load_plan(scaled_plan(folder, 10, activities_per_duty=2)))
    specs = page_specs(index)
    return index, specs, {s.docname: s for s in specs}


def links_of(node) -> list[str]:
    """Every docname or file a view links to (anchors kept)."""
    if isinstance(node, Link):
        return [node.docname, *links_of(node.parts)]
    if isinstance(node, Download):
        return [node.path]
    if isinstance(node, (str, int, float, bool)) or node is None:
        return []
    if isinstance(node, tuple):
        return [link for item in node for link in links_of(item)]
    if hasattr(node, "__dataclass_fields__"):
        return [link for f in node.__dataclass_fields__ for link in links_of(getattr(node, f))]
    return []


def reachable(index, by_doc, listing: str, lang: str = "vi") -> set[str]:
    """What a listing links to, directly and through its parts (one click, or two)."""
    first = links_of(build_view(index, by_doc[listing], lang, SiteContext()))
    found = set(first)
    for doc in first:
        if doc in by_doc and by_doc[doc].kind in PART_KINDS:
            found |= set(links_of(build_view(index, by_doc[doc], lang, SiteContext())))
    return found


def test_long_listings_are_split_with_every_entry_reachable(scaled):
    index, specs, by_doc = scaled
    plan = index.plan
    kinds = {s.kind for s in specs}
    assert PART_KINDS <= kinds, PART_KINDS - kinds
    for section in plan.sections:
        found = reachable(index, by_doc, section_doc(section.slug))
        assert {duty_doc(index, d) for d in section.duties} <= found, section.section
    scheduled = reachable(index, by_doc, SCHEDULE_DOC)
    assert {duty_doc(index, d) for d in plan.duties} <= scheduled
    assert {agency_doc(a) for a in plan.agencies} <= reachable(index, by_doc, AGENCIES_DOC)
    assert {topic_doc(t) for t in plan.topics} <= reachable(index, by_doc, TOPICS_DOC)
    calendars = {calendar_file("en", a) for a in plan.agencies if any(index.by_agency[a].values())}
    assert calendars <= reachable(index, by_doc, OPEN_DATA_DOC, "en")


def test_every_part_is_in_the_navigation_and_holds_what_it_lists(scaled):
    """Each page has one parent in the navigation, and a part's children are exactly the pages it links to."""
    index, specs, by_doc = scaled
    parents: dict[str, list[str]] = {}
    for spec in specs:
        for child in spec.children:
            parents.setdefault(child, []).append(spec.docname)
    for spec in specs:
        if spec.kind in PART_KINDS:
            assert len(parents.get(spec.docname, [])) == 1, spec.docname
            if spec.children:  # a part of a section or an index: its duties, agencies or topics
                linked = [d for d in links_of(build_view(index, spec, "vi", SiteContext())) if d in by_doc]
                assert set(spec.children) <= set(linked), spec.docname
    assert all(len(p) == 1 for p in parents.values())


def test_a_part_says_where_it_belongs_and_which_page_it_is(scaled):
    index, specs, by_doc = scaled
    section = next(s for s in index.plan.sections if len(s.duties) > 80)
    first = by_doc[f"{section_doc(section.slug)}/1"]
    view = build_view(index, first, "en", SiteContext())
    intro = plain(view.blocks[0].parts)
    total = len(by_doc[section_doc(section.slug)].children)
    assert intro == f"Part of: Section {section.section} (page 1 of {total})"
    duties = [d for d in section.duties][: len(first.children)]
    assert plain(view.title) == f"Section {section.section}: duties {duties[0].number} – {duties[-1].number}"
    vi = build_view(index, by_doc[section_doc(section.slug)], "vi", SiteContext())
    assert plain(vi.blocks[-2].parts) == f"Danh sách dài nên được chia thành {total} trang:"


def test_every_activity_has_one_place_and_a_year_is_split_into_pages(scaled):
    index, specs, by_doc = scaled
    plan = index.plan
    for year in {a.date.first.year for a in plan.activities}:
        started = [a for a in plan.activities if a.date.first.year == year]
        year_spec = by_doc[activities_doc(year)]
        assert len(year_spec.children) == -(-len(started) // 50)  # parts of at most 50
        shown = []
        for part in year_spec.children:
            view = build_view(index, by_doc[part], "vi", SiteContext())
            sections = [b for b in view.blocks if isinstance(b, Section)]
            shown += [s.anchor for s in sections]
            for s in sections:
                assert activity_anchor(index, next(a for a in started if a.id == s.anchor)) == f"{part}#{s.anchor}"
        # the year's page: one link a part, each named by its page and when its records start
        links = build_view(index, year_spec, "en", SiteContext()).blocks[-1].items
        assert [item[0].docname for item in links] == list(year_spec.children)
        names = [plain(item[0].parts) for item in links]
        assert len(set(names)) == len(names) and all(name.startswith(f"Page {n}: ") for n, name in enumerate(names, 1))
        # every record once, newest first across the pages
        expected = [a.id for a in sorted(started, key=lambda a: (a.date.first, a.id), reverse=True)]
        assert shown == expected


def test_reports_index_links_agency_pages_when_lead_agencies_are_many(scaled):
    """At x10 (over 150 lead agencies) the reports index does not list every lead agency's
    report of every year: it links the agencies index, and each agency's page links its
    reports. The real plan's index (13 lead agencies) lists them."""
    from generator.content.addresses import REPORTS_DOC
    from generator.content.tracking import lead_agencies, report_years

    index, _, by_doc = scaled
    leads = lead_agencies(index)
    assert len(leads) > 150
    index_links = links_of(build_view(index, by_doc[REPORTS_DOC], "en", SiteContext()))
    assert not any("-" in doc.rsplit("/", 1)[-1] and doc.startswith("plan/reports/") for doc in index_links)
    assert index_links.count(AGENCIES_DOC) == len(report_years(index, SiteContext().as_of))
    agency = leads[-1]
    agency_links = links_of(build_view(index, by_doc[agency_doc(agency)], "en", SiteContext()))
    assert {report_doc(y, agency) for y in report_years(index, SiteContext().as_of)} <= set(agency_links)

    real = PlanIndex(load_plan(Path(__file__).resolve().parent.parent / "plan_data"))
    real_by_doc = {s.docname: s for s in page_specs(real)}
    real_links = links_of(build_view(real, real_by_doc[REPORTS_DOC], "en", SiteContext()))
    assert {report_doc(y, a) for y in report_years(real, SiteContext().as_of) for a in lead_agencies(real)} <= set(real_links)


def lead_agency_rows(index, spec, lang: str = "en") -> list[tuple[str, tuple[str, ...]]]:
    """The rows of the table of lead agencies a progress page (or a part of it) shows:
    (the agency's page it links, the figures)."""
    view = build_view(index, spec, lang, SiteContext())
    section = next((b for b in view.blocks if isinstance(b, Section) and b.anchor == "lead-agencies"), None)
    tables = [b for b in (section.blocks if section else view.blocks) if isinstance(b, Table)]
    return [(links_of(row[0])[0], tuple(plain(cell[0].parts) for cell in row[1:])) for table in tables for row in table.rows]


def test_the_progress_page_splits_its_lead_agencies_each_in_exactly_one_part(scaled):
    """At x10 (207 lead agencies, over INDEX_PAGE_SIZE) the progress page keeps its figures and
    links the parts of its table of lead agencies, each a page of at most INDEX_PAGE_SIZE rows;
    every lead agency is in exactly one part, with the figures of its own scorecard."""
    index, specs, by_doc = scaled
    leads = lead_agencies(index)
    assert len(leads) > INDEX_PAGE_SIZE
    front = by_doc[PROGRESS_DOC]
    count = -(-len(leads) // INDEX_PAGE_SIZE)
    assert front.children == tuple(f"{PROGRESS_DOC}/{n}" for n in range(1, count + 1))
    assert [by_doc[doc].kind for doc in front.children] == ["progress-part"] * count
    # the front page: no table of agencies, but its summary figures, and a link to each part
    assert lead_agency_rows(index, front) == []
    view = build_view(index, front, "en", SiteContext())
    anchors = [b.anchor for b in view.blocks if isinstance(b, Section)]
    assert anchors == ["by-completion", "by-section", "lead-agencies", "upcoming", "overdue", "reports"]
    front_links = links_of(view)
    assert [doc for doc in front_links if doc.startswith(PROGRESS_DOC + "/")] == list(front.children)
    leads_section = next(b for b in view.blocks if isinstance(b, Section) and b.anchor == "lead-agencies")
    assert plain(leads_section.blocks[0].parts) == f"{len(leads)} agencies"
    shown: list[str] = []
    for n, doc in enumerate(front.children, 1):
        rows = lead_agency_rows(index, by_doc[doc])
        assert 0 < len(rows) <= INDEX_PAGE_SIZE
        shown += [agency for agency, _ in rows]
        part = build_view(index, by_doc[doc], "en", SiteContext())
        assert plain(part.blocks[0].parts) == f"Part of: Implementation progress (page {n} of {count})"
        assert plain(part.title).startswith("Lead agencies side by side: ")
        for agency, figures in rows[:3]:
            assert agency in by_doc
            assert figures[0] == str(len(index.by_agency[agency.rsplit("/", 1)[1]]["lead"]))
    assert sorted(shown) == sorted(agency_doc(a) for a in leads)
    assert len(shown) == len(set(shown))
    # the Vietnamese page splits the same way (both languages share the navigation)
    assert [a for doc in front.children for a, _ in lead_agency_rows(index, by_doc[doc], "vi")] == shown


def test_the_real_progress_page_keeps_its_one_table():
    index = PlanIndex(load_plan(PROJECT / "plan_data"))
    by_doc = {s.docname: s for s in page_specs(index)}
    assert by_doc[PROGRESS_DOC].children == ()
    rows = lead_agency_rows(index, by_doc[PROGRESS_DOC])
    assert [agency for agency, _ in rows] == [agency_doc(a) for a in lead_agencies(index)]
