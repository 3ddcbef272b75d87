"""Long annual reports split into a front page and parts (generator.content.tracking.report_split).

A report longer than REPORT_ENTRY_LIMIT becomes its front page (totals, the list of its
parts) and parts of runs of duties. These tests read the views (no Sphinx): on a plan ten
times the real one, every page stays bounded, every duty of the year is in exactly one
part, and every figure of the front page cites its records or the same figure of each
part, which cites its records and which add up to it (worked out here from the data).
The real reports are not split: their site view is the whole report. The weights of the
built pages are checked in tests/test_weight.py; the printed report in test_report_pdf.py.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from synthetic import scaled_plan

from generator.content import tracking
from generator.content.addresses import (
    REPORT_CITE_LIMIT,
    REPORT_PART_DUTIES,
    REPORT_PART_ENTRIES,
    activity_anchor,
    report_doc,
)
from generator.content.discovery import describe
from generator.content.pages import PageSpec, SiteContext, build_view, page_specs
from generator.content.view import Fields, Items, Link, Para, Section, Table, plain
from generator.data.index import PlanIndex
from generator.data.validate import load_plan

PROJECT = Path(__file__).resolve().parent.parent
AS_OF = datetime.date(2026, 12, 1)
YEAR = 2023
#: Records of duty A.I.1 in 2023 (k = 0 and 3) made to serve B.I.1 too (another section,
#: so another part), and one of them A.I.2 too (the same part): shared records.
SHARED = {"a-i-1-0": ["A.I.1", "A.I.2", "B.I.1"], "a-i-1-3": ["A.I.1", "B.I.1"]}


@pytest.fixture(scope="module")
def x10(tmp_path_factory) -> PlanIndex:
    folder = tmp_path_factory.mktemp("report-x10")
    data = scaled_plan(folder, 10)
    path = data / "activities" / "2023.yaml"
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    for record in records["activities"]:
        if record["id"] in SHARED:
            record["duties"] = SHARED[record["id"]]
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=1_000_000), encoding="utf-8")
    return PlanIndex(load_plan(data))


def sections(blocks):
    for block in blocks:
        if isinstance(block, Section):
            yield block
            yield from sections(block.blocks)


def section(view, anchor: str) -> Section:
    found = [s for s in sections(view.blocks) if s.anchor == anchor]
    assert len(found) == 1, (anchor, len(found))
    return found[0]


def links(inlines) -> list[Link]:
    return [i for i in inlines if isinstance(i, Link)]


def rows(table: Table) -> dict[str, tuple[int, list[Link]]]:
    """A totals table: figure → (value, links of its sources)."""
    out = {}
    for label_cell, value_cell, source_cell in table.rows:
        out["".join(plain(p) for p in label_cell[0].parts)] = (int(plain(value_cell[0].parts[0])), links(source_cell[0].parts))
    return out


def totals_table(view, anchor: str) -> Table:
    [table] = [b for b in section(view, anchor).blocks if isinstance(b, Table)]
    return table


def in_year(activity, year: int) -> bool:
    return activity.date.first.year <= year <= activity.date.last.year


def test_a_long_report_is_bounded_and_every_duty_is_in_exactly_one_part(x10):
    specs = {s.docname: s for s in page_specs(x10, AS_OF)}
    front_spec = specs[report_doc(YEAR)]
    assert front_spec.children and all(c.startswith(report_doc(YEAR) + "/") for c in front_spec.children)
    parts = [specs[doc] for doc in front_spec.children]
    assert [p.kind for p in parts] == ["report-part"] * len(parts)
    ctx = SiteContext(as_of=AS_OF)
    seen: list[str] = []
    for lang in ("vi", "en"):
        front = build_view(x10, front_spec, lang, ctx)
        # the front page lists no duty; it is a small fraction of the whole report
        assert not [s for s in sections(front.blocks) if s.anchor.startswith("duty-")]
        whole = build_view(x10, PageSpec("", "whole-report", f"{YEAR}/"), lang, ctx)
        assert len(repr(front)) < len(repr(whole)) / 40
        # the table of parts links every part, in order, with how many duties it holds
        [table] = section(front, "parts").blocks
        assert [links(row[0][0].parts)[0].docname for row in table.rows] == list(front_spec.children)
        counts = [int(plain(row[1][0].parts[0])) for row in table.rows]
        seen = []
        for spec in parts:
            view = build_view(x10, spec, lang, ctx)
            duties = [s.anchor for s in sections(view.blocks) if s.anchor.startswith("duty-")]
            entries = sum(1 + len(field_items(s)) for s in sections(view.blocks) if s.anchor.startswith("duty-"))
            assert 1 <= len(duties) <= REPORT_PART_DUTIES and entries <= REPORT_PART_ENTRIES, spec.docname
            assert len(repr(view)) < len(repr(whole)) / 15
            assert len(duties) == counts[int(spec.key.rsplit("/", 1)[1]) - 1]
            seen += duties
    # every duty of the plan (the plan's report holds them all), in plan order, once
    assert seen == ["duty-" + x10.slug(d) for s in x10.plan.sections for d in s.duties]
    assert len(seen) == 470


def field_items(duty_section: Section) -> tuple:
    """The activity entries a duty lists in a report (its "activities" field)."""
    [fields] = [b for b in duty_section.blocks if isinstance(b, Fields)]
    block = fields.rows[-1][1][0]
    return block.items if isinstance(block, Items) else ()


def test_every_figure_of_the_front_page_traces_to_record_ids(x10):
    specs = {s.docname: s for s in page_specs(x10, AS_OF)}
    ctx = SiteContext(as_of=AS_OF)
    front = build_view(x10, specs[report_doc(YEAR)], "en", ctx)
    records = {a.id: a for a in x10.plan.activities}
    in_2023 = sorted(a.id for a in x10.plan.activities if in_year(a, YEAR))
    trained = sum(
        f.value for a in x10.plan.activities if in_year(a, YEAR) and a.kind in ("training_course", "conference_or_workshop")
        for f in a.figures if f.unit == "participants"
    )
    front_rows = rows(totals_table(front, "totals"))
    assert front_rows["Activities"][0] == len(in_2023)
    assert front_rows["People trained or attending conferences and workshops"][0] == trained
    cited_part_figures = 0
    for figure, (value, sources) in front_rows.items():
        if value == 0:
            assert sources == [], figure
            continue
        targets = [l.docname for l in sources]
        if all(t.split("#")[1] in records for t in targets):  # record ids, each linked to its record
            assert len(sources) <= REPORT_CITE_LIMIT, figure
            assert targets == [activity_anchor(x10, records[plain(l.parts[0])]) for l in sources]
            continue
        # the same figure of each part, in the table of parts, which cites its records; they add up to this one
        cited_part_figures += 1
        assert targets == [f"{report_doc(YEAR)}#parts"], figure
        [table] = section(front, "parts").blocks
        # its column: the figures that cite their parts, in the totals' order, after the part and its duty count
        column = 2 + [f for f, (_, src) in front_rows.items() if [l.docname for l in src] == [f"{report_doc(YEAR)}#parts"]].index(figure)
        assert table.header[:2] == ("Part (its duties)", "Duties")
        total, ids = 0, []
        for row in table.rows:
            part = build_view(x10, specs[links(row[0][0].parts)[0].docname], "en", ctx)
            part_value = int(plain(row[column][0].parts[0]))
            # the part's share of the report's totals: its own totals, unless some of its records were counted before
            anchor = "share" if [s for s in sections(part.blocks) if s.anchor == "share"] else "totals"
            shown, part_sources = rows(totals_table(part, anchor)).get(figure, (0, []))
            assert shown == part_value, (figure, anchor)
            assert all(l.docname.split("#")[1] in records for l in part_sources)
            assert len(part_sources) == (part_value if figure in ("Activities", "Publications and media items") or figure.startswith("— ") else len(part_sources))
            total += part_value
            ids += [plain(l.parts[0]) for l in part_sources]
        assert total == value, figure
        assert len(ids) == len(set(ids)), f"{figure}: a record counted in two parts"
        if figure == "Activities":
            assert sorted(ids) == in_2023
    assert cited_part_figures >= 3  # activities, people trained, broadcasts... at x10


def test_a_record_shared_by_two_parts_counts_in_the_first_parts_share(x10):
    """a-i-1-0 and a-i-1-3 serve A.I.1 (part 1) and B.I.1 (B's first part): that part's
    totals count them, its share of the report's totals does not."""
    specs = {s.docname: s for s in page_specs(x10, AS_OF)}
    ctx = SiteContext(as_of=AS_OF)
    first_b = next(
        build_view(x10, specs[doc], "en", ctx)
        for doc in specs[report_doc(YEAR)].children
        if "duty-" + x10.slug(x10.duty["B.I.1"]) in [s.anchor for s in sections(build_view(x10, specs[doc], "en", ctx).blocks)]
    )
    own = rows(totals_table(first_b, "totals"))["Activities"]
    share = rows(totals_table(first_b, "share"))["Activities"]
    assert share[0] == own[0] - 2
    assert {plain(l.parts[0]) for l in own[1]} - {plain(l.parts[0]) for l in share[1]} == set(SHARED)
    first = build_view(x10, specs[specs[report_doc(YEAR)].children[0]], "en", ctx)
    with pytest.raises(AssertionError):
        section(first, "share")  # nothing of part 1 was counted before it


@pytest.fixture(scope="module")
def x10_quiet(tmp_path_factory) -> PlanIndex:
    """Ten times the real plan, one record per duty (in 2023): in 2025 no duty has evidence."""
    return PlanIndex(load_plan(scaled_plan(tmp_path_factory.mktemp("report-x10-quiet"), 10, activities_per_duty=1)))


def test_long_lists_of_duties_go_to_the_parts(x10_quiet):
    """470 duties with no evidence in 2025: the front page gives their count and links the
    parts holding them; each part lists its own."""
    index = x10_quiet
    specs = {s.docname: s for s in page_specs(index, AS_OF)}
    ctx = SiteContext(as_of=AS_OF)
    front = build_view(index, specs[report_doc(2025)], "en", ctx)
    no_evidence = section(front, "no-evidence")
    counted, parts = 0, []
    for item in no_evidence.blocks[1].items:
        doc, _, anchor = item[0].docname.partition("#")
        assert anchor == "no-evidence"
        part = build_view(index, specs[doc], "en", ctx)
        listed = links(section(part, "no-evidence").blocks[0].parts)
        assert item[1] == f": {len(listed)}"
        counted += len(listed)
        parts.append(doc)
    assert parts == list(specs[report_doc(2025)].children)
    assert no_evidence.blocks[0].parts == ("470 duties", ". ", "By part:")
    assert counted == 470 == len(index.plan.duties)


def test_an_agency_report_is_split_the_same_way(x10, monkeypatch):
    """An agency leading many duties: with lower limits, its report has parts below its own page."""
    agency = tracking.lead_agencies(x10)[0]
    monkeypatch.setattr(tracking, "REPORT_ENTRY_LIMIT", 3)
    monkeypatch.setattr(tracking, "REPORT_PART_DUTIES", 1)
    tracking.report_split.cache_clear()
    try:
        specs = {s.docname: s for s in page_specs(x10, AS_OF)}
        front = specs[report_doc(YEAR, agency)]
        led = [inv.duty for inv in x10.by_agency[agency]["lead"]]
        assert front.children == tuple(f"{report_doc(YEAR, agency)}/{n}" for n in range(1, len(led) + 1))
        ctx = SiteContext(as_of=AS_OF)
        for n, doc in enumerate(front.children, 1):
            view = build_view(x10, specs[doc], "vi", ctx)
            assert [s.anchor for s in sections(view.blocks) if s.anchor.startswith("duty-")] == ["duty-" + x10.slug(led[n - 1])]
            assert describe(x10, "report-part", specs[doc].key, "vi") == describe(x10, "report", front.key, "vi")
    finally:
        tracking.report_split.cache_clear()


def test_the_printed_report_and_the_report_command_keep_the_whole_report(x10):
    ctx = SiteContext(as_of=AS_OF)
    whole = build_view(x10, PageSpec("", "whole-report", f"{YEAR}/"), "vi", ctx)
    assert [s.anchor for s in sections(whole.blocks) if s.anchor.startswith("duty-")] == [
        "duty-" + x10.slug(d) for s in x10.plan.sections for d in s.duties
    ]


def test_the_real_reports_are_not_split():
    """Every real report's site page is the whole report (the same view), in both languages."""
    index = PlanIndex(load_plan(PROJECT / "plan_data"))
    specs = page_specs(index, AS_OF)
    assert not [s for s in specs if s.kind == "report-part"]
    reports = [s for s in specs if s.kind == "report"]
    assert len(reports) > 1
    ctx = SiteContext(as_of=AS_OF)
    for spec in reports:
        assert spec.children == ()
        for lang in ("vi", "en"):
            assert build_view(index, spec, lang, ctx) == build_view(index, PageSpec(spec.docname, "whole-report", spec.key), lang, ctx)
