"""What the implementation-tracking pages show: status, activities, progress, reports.

:class:`TrackingViews` is mixed into the page views (``generator.content.pages``):
it uses their helpers (``l``, ``t``, ``duty_link``, ``agency_link``...) and
adds the blocks of the duty status, the agency scorecard, the progress
overview, the activity listings, the methodology and the annual reports. The
figures come from :mod:`generator.data.status` and :mod:`generator.data.report`;
nothing here counts on its own.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from ..data.index import PlanIndex
from ..data.model import Duty, Section as PlanSection
from ..data.report import DutyEntry, Report, Sum, Totals, annual_report, totals
from ..data.status import NO_EVIDENCE, OVERDUE
from ..data.tracking import COMPLETION_SCALE
from ..text.collation import collated
from ..text.strings import long_date, month_name
from .addresses import (
    AGENCIES_DOC,
    INDEX_PAGE_SIZE,
    METHODOLOGY_DOC,
    PROGRESS_DOC,
    REPORT_CITE_LIMIT,
    REPORT_ENTRY_LIMIT,
    REPORT_LIST_LIMIT,
    REPORT_PART_DUTIES,
    REPORT_PART_ENTRIES,
    TOPICS_DOC,
    activities_doc,
    activity_anchor,
    activity_listing,
    activity_order,
    agency_doc,
    listing_parts,
    part_doc,
    report_doc,
    report_part_doc,
    report_pdf,
    topic_doc,
)
from .view import (
    Block,
    Chart,
    Download,
    Fields,
    Inline,
    Items,
    Link,
    PageView,
    Para,
    Section,
    Span,
    Table,
    WebLink,
    interleave,
)

#: The completion states in the order they are counted and drawn.
COMPLETION_STATES = (*COMPLETION_SCALE[::-1], "activity_not_assessed", NO_EVIDENCE)
#: Report totals, in the order they are shown.
TOTALS = ("total_activities", "people_trained", "publications", "copies", "broadcasts")
_TOTAL_FIELDS = {
    "total_activities": "activities",
    "people_trained": "people_trained",
    "publications": "publications",
    "copies": "copies",
    "broadcasts": "broadcasts",
}


def reporting_year(index: PlanIndex, as_of: datetime.date) -> int:
    """The year whose completion the site shows: the as-of year, kept within the plan's years."""
    years = index.tracker.years
    if years is None:
        return as_of.year
    first, last = years
    return min(max(as_of.year, first), last)


def report_years(index: PlanIndex, as_of: datetime.date) -> range:
    """The years that have an annual report: the plan's first year to the as-of year."""
    years = index.tracker.years
    if years is None:
        return range(0)
    first, last = years
    return range(first, min(as_of.year, last) + 1)


def lead_agencies(index: PlanIndex) -> list[str]:
    """Agencies that lead at least one duty, in registry order: each has its own report."""
    return [a for a, roles in index.by_agency.items() if roles["lead"]]


@functools.lru_cache(maxsize=4)
def progress_parts(index: PlanIndex) -> tuple[tuple[str, ...], ...]:
    """The lead agencies the progress page compares side by side: one table on the page
    itself (registry order) while there are at most :data:`INDEX_PAGE_SIZE`, else parts
    of at most that many, each a page below the progress page (``<progress>/<n>``), in the
    Vietnamese order of names as the agencies index's parts. Worked out once per index."""
    leads = lead_agencies(index)
    if len(leads) <= INDEX_PAGE_SIZE:
        return (tuple(leads),)
    ordered = collated(leads, lambda a: index.plan.agencies[a].name.vi, "vi")
    return tuple(tuple(part) for part in listing_parts(ordered, INDEX_PAGE_SIZE))


def progress_part_docs(index: PlanIndex) -> list[str]:
    """The parts of the progress page's table of lead agencies (none while it fits the page)."""
    parts = progress_parts(index)
    return [part_doc(PROGRESS_DOC, n) for n in range(1, len(parts) + 1)] if len(parts) > 1 else []


def activity_years(index: PlanIndex) -> list[int]:
    """The years in which recorded activities started, newest first."""
    return sorted({a.date.first.year for a in index.plan.activities}, reverse=True)


def _point(text: str, lang: str) -> str:
    """A date as precise as it is written: ``2025-06-12``, ``2025-06`` or ``2025``."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return long_date(datetime.date(*parts), lang)
    if len(parts) == 2:
        return f"tháng {parts[1]}/{parts[0]}" if lang == "vi" else f"{month_name(parts[1], lang)} {parts[0]}"
    return str(parts[0])


def when_text(when, lang: str) -> str:
    """An activity's date, only as precise as its source: a day, a month, a year or a period."""
    return _point(when.start, lang) if when.end is None else f"{_point(when.start, lang)} – {_point(when.end, lang)}"


# -- a long report, split into parts ------------------------------------------------------


@dataclass(frozen=True)
class ReportPart:
    """A part of a split report: a run of duties of one section, in plan order."""

    n: int
    doc: str
    section: PlanSection
    duties: tuple[DutyEntry, ...]
    records: tuple  # every record of the part's duties
    fresh: tuple  # those not counted in an earlier part
    no_evidence: tuple[Duty, ...]
    overdue: tuple[Duty, ...]

    # Worked out when asked: the page of one part shows its own totals only, and a split
    # report of the x50 synthetic plan has some 120 parts.
    @functools.cached_property
    def totals(self) -> Totals:
        """The totals of every record of the part's duties."""
        return totals(self.records)

    @functools.cached_property
    def share(self) -> Totals:
        """The totals of the records not counted in an earlier part: the parts' shares add
        up to the report's totals."""
        return totals(self.fresh)


@dataclass(frozen=True)
class SplitReport:
    report: Report
    parts: tuple[ReportPart, ...]  # none when the report stays on one page


def report_entries(entries) -> int:
    """How long a run of duties is in a report: its duties and the activity entries listed under them."""
    return sum(1 + len(e.activities) for e in entries)


def report_runs(entries) -> list[list]:
    """A section's duties cut into runs, in order: at most REPORT_PART_DUTIES duties and
    REPORT_PART_ENTRIES entries each (a duty longer than that alone)."""
    runs: list[list] = []
    for entry in entries:
        if runs and len(runs[-1]) < REPORT_PART_DUTIES and report_entries(runs[-1]) + report_entries([entry]) <= REPORT_PART_ENTRIES:
            runs[-1].append(entry)
        else:
            runs.append([entry])
    return runs


@functools.lru_cache(maxsize=8)
def report_split(index: PlanIndex, year: int, as_of: datetime.date, agency_id: str | None = None) -> SplitReport:
    """A year's report (of the plan, or of one lead agency) and, when it is longer than
    REPORT_ENTRY_LIMIT, its parts. Worked out once per index, year, date and agency: the
    front page and every part ask."""
    report = annual_report(index.plan, year, as_of, agency_id, index.tracker)
    if report_entries(report.duties) <= REPORT_ENTRY_LIMIT:
        return SplitReport(report, ())
    parts: list[ReportPart] = []
    counted: set[str] = set()
    no_evidence, overdue = set(report.no_evidence), set(report.overdue)
    for section in report.sections:
        for run in report_runs(section.duties):
            records = [a for e in run for a in e.activities]
            fresh = [a for a in records if a.id not in counted]
            counted.update(a.id for a in records)
            parts.append(
                ReportPart(
                    len(parts) + 1,
                    report_part_doc(year, agency_id, len(parts) + 1),
                    section.section,
                    tuple(run),
                    tuple(records),
                    tuple(fresh),
                    tuple(e.duty for e in run if e.duty in no_evidence),
                    tuple(e.duty for e in run if e.duty in overdue),
                )
            )
    return SplitReport(report, tuple(parts))


def report_part_docs(index: PlanIndex, year: int, as_of: datetime.date, agency_id: str | None = None) -> list[str]:
    """The pages of a split report's parts, in order (none for a report on one page)."""
    return [p.doc for p in report_split(index, year, as_of, agency_id).parts]


class TrackingViews:
    """Tracking blocks and pages; mixed into the page views, whose helpers it uses."""

    index: PlanIndex

    # -- small pieces ---------------------------------------------------------------

    @property
    def as_of(self) -> datetime.date:
        return self.context.as_of

    @property
    def year(self) -> int:
        return reporting_year(self.index, self.as_of)

    def as_of_para(self) -> Para:
        return Para((self.l("as_of", date=long_date(self.as_of, self.lang)), " ", Link((self.l("methodology_title"),), METHODOLOGY_DOC)), ("as-of",))

    def completion_span(self, state: str) -> Span:
        return Span((self.l("completion_" + state),), classes=("status", f"status-{state.replace('_', '-')}"))

    def deadline_span(self, state: str) -> Span:
        return Span((self.l("state_" + state),), classes=("status", f"deadline-{state.replace('_', '-')}"))

    def figures_text(self, activity) -> str:
        return "; ".join(f"{f.value} {self.l('unit_' + f.unit, count=f.value)}" for f in activity.figures)

    def activity_link(self, activity) -> Link:
        return Link((self.t(activity.title),), activity_anchor(self.index, activity))

    def records_para(self, total: Sum) -> tuple[Inline, ...]:
        """The ids a figure adds up, each linked to its record."""
        if not total.records:
            return ("—",)
        by_id = self.index.activity
        return tuple(interleave([Link((rid,), activity_anchor(self.index, by_id[rid])) for rid in total.records], ", "))

    def source_inlines(self, activity) -> tuple[Inline, ...]:
        """An activity's source: its public page, its document (reference, issuer, date), or both."""
        source: list[Inline] = []
        if activity.source.url:
            source.append(WebLink((self.l("source_web"),), activity.source.url))
        document = activity.source.document
        if document:
            if source:
                source.append("; ")
            if document.date:
                source.append(self.l("document_dated", reference=document.reference, issuer=document.issuer, date=long_date(document.date, self.lang)))
            else:
                source.append(self.l("document_of", reference=document.reference, issuer=document.issuer))
        return tuple(source)

    def activity_block(self, activity) -> Section:
        """One activity: what, when, who, for which duties, figures, place, source."""
        source = self.source_inlines(activity)
        rows: list[tuple[str, tuple[Block, ...]]] = [
            (self.l("activity_when"), (Para((when_text(activity.date, self.lang),)),)),
            (self.l("activity_kind"), (Para((self.l("kind_of_activity_" + activity.kind),)),)),
            (self.l("carried_out_by"), (Para(tuple(interleave([self.agency_link(a) for a in activity.agencies], ", "))),)),
            (self.l("implements"), (Para(tuple(interleave([self.duty_link(self.index.duty[n]) for n in activity.duties], ", "))),)),
        ]
        if activity.figures:
            rows.append((self.l("figures"), (Para((self.figures_text(activity),)),)))
        if activity.place:
            rows.append((self.l("place"), (Para((self.t(activity.place),)),)))
        rows.append((self.l("source"), (Para(tuple(source)),)))
        rows.append((self.l("recorded_on"), (Para((long_date(activity.recorded, self.lang),)),)))
        return Section((self.t(activity.title),), (*self.paras(activity.summary), Fields(tuple(rows))), activity.id)

    def activity_items(self, activities) -> Items | Para:
        """Activities newest first, as links to their records."""
        ordered = activity_order(activities)
        if not ordered:
            return Para((self.l("no_activities"),))
        return Items(tuple((self.activity_link(a), f" — {when_text(a.date, self.lang)}", *((f"; {self.figures_text(a)}",) if a.figures else ())) for a in ordered))

    def report_activity_items(self, activities) -> Items | Para:
        """A report's activities, newest first: the record's id (linked), title, date,
        figures and source, so that every id a total cites is found in the report."""
        ordered = sorted(activities, key=lambda a: (a.date.first, a.id), reverse=True)
        if not ordered:
            return Para((self.l("no_activities"),))
        items = []
        for a in ordered:
            item: list[Inline] = [Link((a.id,), activity_anchor(self.index, a)), ": ", self.t(a.title), f" — {when_text(a.date, self.lang)}"]
            if a.figures:
                item.append(f"; {self.figures_text(a)}")
            item += [f". {self.l('source')}: ", *self.source_inlines(a)]
            items.append(tuple(item))
        return Items(tuple(items))

    # -- on existing pages ------------------------------------------------------------

    def duty_status(self, duty) -> Section:
        """A duty's status as of the build date, and its activities newest first."""
        tracker = self.index.tracker
        completion = tracker.completion(duty, self.year)
        deadline = tracker.deadline(duty, self.as_of)
        rows: list[tuple[str, tuple[Block, ...]]] = [
            (self.l("completion_in", year=self.year), (Para((self.completion_span(completion.state),)),)),
            (self.l("deadline_state"), (Para((self.deadline_span(deadline.state),)),)),
        ]
        if completion.assessment is not None:
            a = completion.assessment
            who = self.t(a.assessed_by.body).parts[0] if a.assessed_by.body else self.t(self.plan.agencies[a.assessed_by.agency].name).parts[0]
            rows[0] = (rows[0][0], (*rows[0][1], *self.paras(a.justification), Para((self.l("assessment_by", who=who, date=long_date(a.date, self.lang)),))))
        if deadline.next is not None:
            rows.append((self.l("next_reporting_date"), (Para((long_date(deadline.next.date, self.lang),)),)))
        if deadline.overdue:
            rows.append((self.l("missed_dates"), (Para((", ".join(long_date(r.date, self.lang) for r in deadline.overdue),)),)))
        activities = tracker.activities_of.get(duty.number, ())
        blocks: list[Block] = [self.as_of_para(), Fields(tuple(rows))]
        activity_section = Section((self.l("activities"),), (self.activity_items(activities),), "activities")
        return Section((self.l("status"),), (*blocks, activity_section), "status")

    def scorecard_counts(self, duties) -> dict:
        tracker = self.index.tracker
        completions = [tracker.completion(d, self.year).state for d in duties]
        return {
            "led": len(duties),
            "with_evidence": sum(1 for d in duties if tracker.activities_of.get(d.number)),
            "overdue": sum(1 for d in duties if tracker.deadline(d, self.as_of).state == OVERDUE),
            **{state: completions.count(state) for state in COMPLETION_STATES},
        }

    def agency_progress(self, agency_id: str) -> list[Block]:
        """An agency's scorecard (the duties it leads) and the activities it carried out."""
        led = [inv.duty for inv in self.index.by_agency[agency_id]["lead"]]
        blocks: list[Block] = []
        if led:
            counts = self.scorecard_counts(led)
            rows = [
                (self.l("duties_led"), (Para((str(counts["led"]),)),)),
                (self.l("with_evidence"), (Para((str(counts["with_evidence"]),)),)),
                (self.l("overdue"), (Para((str(counts["overdue"]),)),)),
                (
                    self.l("by_completion", year=self.year),
                    (Items(tuple((self.completion_span(s), f": {counts[s]}") for s in COMPLETION_STATES if counts[s])),),
                ),
            ]
            reports = [Link((self.l("report_for_year", year=y),), report_doc(y, agency_id)) for y in self.report_years()]
            body: list[Block] = [self.as_of_para(), Fields(tuple(rows))]
            if reports:
                body.append(Para((f"{self.l('agency_reports')}: ", *interleave(reports, ", "))))
            blocks.append(Section((self.l("scorecard"),), tuple(body), "scorecard"))
        done = self.index.tracker.activities_by_agency.get(agency_id, ())
        blocks.append(Section((self.l("activities"),), (self.activity_items(done),), "activities"))
        return blocks

    def topic_activities(self, topic_id: str) -> Section:
        activities_of = self.index.tracker.activities_of
        done = {a.id: a for d in self.index.by_topic[topic_id] for a in activities_of.get(d.number, ())}.values()
        return Section((self.l("activities"),), (self.activity_items(done),), "activities")

    def report_years(self) -> range:
        return report_years(self.index, self.as_of)

    def headline(self) -> Para:
        duties = list(self.index.in_order)
        counts = self.scorecard_counts(duties)
        words = self.l(
            "headline",
            date=long_date(self.as_of, self.lang),
            with_evidence=counts["with_evidence"],
            duties=len(duties),
            overdue=counts["overdue"],
            activities=len(self.plan.activities),
        )
        return Para((words, " ", Link((self.l("progress_title"),), PROGRESS_DOC)), ("headline",))

    # -- pages -----------------------------------------------------------------------

    def progress(self) -> PageView:
        duties = list(self.index.in_order)
        counts = self.scorecard_counts(duties)
        chart = Chart(
            self.l("chart_title", year=self.year),
            tuple((self.l("completion_" + s), counts[s]) for s in COMPLETION_STATES),
            tuple(f"status-{s.replace('_', '-')}" for s in COMPLETION_STATES),
        )
        table = Table(
            (self.l("status"), self.l("count")),
            tuple(((Para((self.completion_span(s),)),), (Para((str(counts[s]),)),)) for s in COMPLETION_STATES)
            + (((Para((self.l("total"),)),), (Para((str(len(duties)),)),)),),
        )
        by_section = []
        for section in self.plan.sections:
            c = self.scorecard_counts(section.duties)
            by_section.append(
                (
                    (Para((self.section_link(section.section),)),),
                    (Para((str(c["led"]),)),),
                    (Para((str(c["with_evidence"]),)),),
                    (Para((str(c["overdue"]),)),),
                )
            )
        header = (self.l("duties"), self.l("duties_led"), self.l("with_evidence"), self.l("overdue"))
        parts = progress_parts(self.index)
        if len(parts) == 1:
            leads: tuple[Block, ...] = (self.lead_agency_table(parts[0]),)
        else:
            # a table growing with the plan: its parts, each a page (as a long index)
            links = [
                (self.name_range([self.plan.agencies[a] for a in part]), doc, self.l("agency_count", count=len(part)))
                for part, doc in zip(parts, progress_part_docs(self.index))
            ]
            total = sum(len(part) for part in parts)
            leads = (Para((self.l("agency_count", count=total),)), *self.parts_list(links))
        upcoming = self.index.tracker.upcoming(self.as_of)
        overdue = [d for d in duties if self.index.tracker.deadline(d, self.as_of).state == OVERDUE]
        blocks: list[Block] = [
            self.as_of_para(),
            Section((self.l("by_completion", year=self.year),), (chart, table), "by-completion"),
            Section((self.l("by_section", year=self.year),), (Table((self.l("sections"), self.l("count"), *header[2:]), tuple(by_section)),), "by-section"),
            Section((self.l("lead_agencies_side_by_side"),), leads, "lead-agencies"),
            Section(
                (self.l("upcoming"),),
                (
                    Items(tuple((long_date(r.date, self.lang), " — ", self.duty_link(d)) for r, d in upcoming))
                    if upcoming
                    else Para((self.l("no_upcoming"),)),
                ),
                "upcoming",
            ),
            Section(
                (self.l("overdue_duties"),),
                (self.duty_table(overdue),) if overdue else (Para((self.l("no_overdue"),)),),
                "overdue",
            ),
            Section(
                (self.l("reports_title"),),
                (Items(tuple((Link((self.l("report_title", year=y),), report_doc(y)),) for y in self.report_years())),),
                "reports",
            ),
        ]
        return PageView((self.l("progress_title"),), tuple(blocks), self.lang)

    def lead_agency_table(self, agency_ids) -> Table:
        """Lead agencies side by side: the duties each leads, with evidence, overdue."""
        rows = []
        for agency_id in agency_ids:
            c = self.scorecard_counts([inv.duty for inv in self.index.by_agency[agency_id]["lead"]])
            rows.append(
                (
                    (Para((self.agency_link(agency_id),)),),
                    (Para((str(c["led"]),)),),
                    (Para((str(c["with_evidence"]),)),),
                    (Para((str(c["overdue"]),)),),
                )
            )
        return Table((self.l("agencies_title"), self.l("duties_led"), self.l("with_evidence"), self.l("overdue")), tuple(rows))

    def progress_part(self, n: int) -> PageView:
        """A part of the progress page's table of lead agencies."""
        parts = progress_parts(self.index)
        part = parts[n - 1]
        blocks: list[Block] = [
            self.part_of(Link((self.l("progress_title"),), PROGRESS_DOC), n, len(parts)),
            self.as_of_para(),
            self.lead_agency_table(part),
        ]
        title = (f"{self.l('lead_agencies_side_by_side')}: ", *self.name_range([self.plan.agencies[a] for a in part]))
        return PageView(title, tuple(blocks), self.lang)

    def activities_index(self) -> PageView:
        years = activity_years(self.index)
        blocks: list[Block] = [self.as_of_para()]
        if years:
            blocks.append(Items(tuple((Link((self.l("activities_in_year", year=y),), activities_doc(y)), f" ({sum(1 for a in self.plan.activities if a.date.first.year == y)})") for y in years)))
        else:
            blocks.append(Para((self.l("no_activities"),)))
        blocks += self.filters()
        return PageView((self.l("activities_title"),), tuple(blocks), self.lang)

    def filters(self) -> list[Block]:
        """Plain links to the agency and topic pages' activity lists (the listing's filters)."""
        agencies = {a for act in self.plan.activities for a in act.agencies}
        topics = {t for act in self.plan.activities for n in act.duties for t in self.index.duty[n].topics}
        blocks: list[Block] = []
        # More names than an index shows on a page: the index (each agency's or topic's page lists its activities).
        if len(agencies) > INDEX_PAGE_SIZE:
            blocks.append(Section((self.l("filter_by_agency"),), (Para((Link((self.l("agencies_title"),), AGENCIES_DOC),)),), "by-agency"))
        elif agencies:
            links = [Link((self.t(a.name),), agency_doc(a.id) + "#activities") for a in self.by_name(self.plan.agencies[i] for i in agencies)]
            blocks.append(Section((self.l("filter_by_agency"),), (Para(tuple(interleave(links, " · "))),), "by-agency"))
        if len(topics) > INDEX_PAGE_SIZE:
            blocks.append(Section((self.l("filter_by_topic"),), (Para((Link((self.l("topics_title"),), TOPICS_DOC),)),), "by-topic"))
        elif topics:
            links = [Link((self.t(t.name),), topic_doc(t.id) + "#activities") for t in self.by_name(self.plan.topics[i] for i in topics)]
            blocks.append(Section((self.l("filter_by_topic"),), (Para(tuple(interleave(links, " · "))),), "by-topic"))
        return blocks

    def year_pages(self, year: int) -> list[tuple[str, list]]:
        """The pages of a year's activities, newest first: (docname, activities) each."""
        return activity_listing(self.index).get(year, [])

    def activities_of_year(self, year: int) -> PageView:
        pages = self.year_pages(year)
        title = (self.l("activities_in_year", year=year),)
        if len(pages) > 1:
            links = [
                ((self.l("page_n", n=n), ": ", *self.dates_of(part)), doc, self.l("activity_count", count=len(part)))
                for n, (doc, part) in enumerate(pages, 1)
            ]
            total = sum(len(part) for _, part in pages)
            return PageView(title, (Para((self.l("activity_count", count=total),)), *self.parts_list(links)), self.lang)
        blocks: list[Block] = [self.activity_block(a) for _, part in pages for a in part]
        return PageView(title, tuple(blocks), self.lang)

    def activities_part(self, year: int, n: int) -> PageView:
        pages = self.year_pages(year)
        _, part = pages[n - 1]
        blocks: list[Block] = [
            self.part_of(Link((self.l("activities_in_year", year=year),), activities_doc(year)), n, len(pages)),
            Para((f"{self.l('activity_when')}: ", *self.dates_of(part))),
            *(self.activity_block(a) for a in part),
        ]
        title = f"{self.l('activities_in_year', year=year)}, {self.l('listing_part', n=n, total=len(pages))}"
        return PageView((title,), tuple(blocks), self.lang)

    def dates_of(self, part) -> tuple[str, ...]:
        """When the activities of a page (newest first) start, as precisely as their records say:
        the oldest and the newest start, or the one they share."""
        oldest, newest = (_point(part[i].date.start, lang=self.lang) for i in (-1, 0))
        return (oldest,) if oldest == newest else (oldest, " – ", newest)

    def methodology(self) -> PageView:
        rules = ("rule_annual", "rule_annual_by_date", "rule_year_range", "rule_milestones", "rule_never")
        blocks: list[Block] = [
            Section((self.l("methodology_scale"),), (Para((self.l("methodology_scale_text"),)),), "scale"),
            Section(
                (self.l("methodology_deadlines"),),
                (Para((self.l("methodology_deadline_rules"),)), Items(tuple((self.l(r),) for r in rules))),
                "deadlines",
            ),
            Section((self.l("methodology_as_of"),), (Para((self.l("methodology_as_of_text"),)), self.as_of_para()), "as-of"),
            Section((self.l("methodology_evidence"),), (Para((self.l("methodology_evidence_text"),)),), "evidence"),
        ]
        return PageView((self.l("methodology_title"),), tuple(blocks), self.lang)

    def reports_index(self) -> PageView:
        blocks: list[Block] = [self.as_of_para()]
        leads = lead_agencies(self.index)
        for year in reversed(self.report_years()):
            if len(leads) > INDEX_PAGE_SIZE:
                # one link per lead agency and year would make this page grow with the plan:
                # each agency's page links its reports (its scorecard)
                body = Para((f"{self.l('agency_reports')}: ", self.l("agency_reports_on_agency_pages"), " ", Link((self.l("agencies_title"),), AGENCIES_DOC)))
            else:
                agencies = [Link((self.t(self.plan.agencies[a].short),), report_doc(year, a)) for a in leads]
                body = Para((f"{self.l('agency_reports')}: ", *interleave(agencies, " · ")))
            blocks.append(Section((Link((self.l("report_title", year=year),), report_doc(year)),), (body,), f"year-{year}"))
        return PageView((self.l("reports_title"),), tuple(blocks), self.lang)

    def totals_table(self, report_totals) -> Table:
        rows = []
        for key in TOTALS:
            total: Sum = getattr(report_totals, _TOTAL_FIELDS[key])
            rows.append(((Para((self.l(key),)),), (Para((str(total.value),)),), (Para(self.records_para(total)),)))
        for kind, total in report_totals.by_kind.items():
            if total.value:
                rows.append(((Para(("— ", self.l("kind_of_activity_" + kind))),), (Para((str(total.value),)),), (Para(self.records_para(total)),)))
        return Table((self.l("figure"), self.l("value"), self.l("from_records")), tuple(rows))

    def report_title(self, year: int, agency_id: str | None) -> tuple[Inline, ...]:
        """A report's title; an agency's name shown in Vietnamese in an English title (it has no
        English yet) is marked as Vietnamese."""
        if agency_id:
            name = self.t(self.plan.agencies[agency_id].name)
            words = self.l("agency_report_title", year=year, agency="{agency}")
            before, _, after = words.partition("{agency}")
            return tuple(part for part in (before, Span(name.parts, lang=name.lang), after) if part)
        return (self.l("report_title", year=year),)

    def report_head(self, report: Report, agency_id: str | None) -> list[Block]:
        """A report's first lines: what it is, its PDF, the date its statuses are taken at."""
        return [
            Para((self.l("report_intro"),)),
            Items(((Download((self.l("report_pdf"),), report_pdf(report.year, agency_id, self.lang)),),), ("downloads",)),
            Para((self.l("status_taken_at", date=long_date(report.status_date, self.lang)), " ", Link((self.l("methodology_title"),), METHODOLOGY_DOC))),
        ]

    def report_duty(self, entry, year: int) -> Section:
        rows = [
            (self.l("task"), self.paras(entry.duty.task)),
            (self.l("completion_in", year=year), (Para((self.completion_span(entry.completion.state),)),)),
            (self.l("deadline_state"), (Para((self.deadline_span(entry.deadline.state),)),)),
            (self.l("activities"), (self.report_activity_items(entry.activities),)),
        ]
        return Section((self.duty_link(entry.duty),), (Fields(tuple(rows)),), "duty-" + self.index.slug(entry.duty))

    def section_heading(self, section) -> tuple[Inline, ...]:
        return (self.section_link(section.section), ". ", self.t(section.heading))

    def duties_section(self, key: str, duties) -> Section:
        """The duties with no evidence, or the overdue ones (``key``: no_evidence or overdue)."""
        heading = "no_evidence_duties" if key == "no_evidence" else "overdue_duties"
        return Section(
            (self.l(heading),),
            (Para(tuple(interleave([self.duty_link(d) for d in duties], ", ")) or ("—",)),),
            key.replace("_", "-"),
        )

    def report(self, year: int, agency_id: str | None = None) -> PageView:
        """The whole report on one page: what the printed report and the ``report`` command show,
        and the site's report page while it is short."""
        report: Report = annual_report(self.plan, year, self.as_of, agency_id, self.index.tracker)
        blocks: list[Block] = [*self.report_head(report, agency_id), Section((self.l("totals"),), (self.totals_table(report.totals),), "totals")]
        for part in report.sections:
            body: list[Block] = [self.report_duty(entry, year) for entry in part.duties]
            body.append(Section((self.l("totals_of_section", letter=part.section.section),), (self.totals_table(part.totals),), f"totals-{part.section.slug}"))
            blocks.append(Section(self.section_heading(part.section), tuple(body), f"section-{part.section.slug}"))
        blocks.append(self.duties_section("no_evidence", report.no_evidence))
        blocks.append(self.duties_section("overdue", report.overdue))
        return PageView(self.report_title(year, agency_id), tuple(blocks), self.lang)

    # -- a long report, split -------------------------------------------------------

    def part_label(self, part: ReportPart) -> str:
        """What a part holds: "Section B: duties B.I.1 – B.I.25"."""
        return self.l("section_part_title", letter=part.section.section, first=part.duties[0].duty.number, last=part.duties[-1].duty.number)

    def report_figures(self, report_totals: Totals) -> list[tuple[str, str, object]]:
        """The figures a totals table shows, in order: (label, short label for a column head,
        how to read it from totals)."""
        figures: list[tuple[str, str, object]] = [
            (self.l(key), self.l("short_" + key), lambda t, f=_TOTAL_FIELDS[key]: getattr(t, f)) for key in TOTALS
        ]
        figures += [
            (f"— {self.l('kind_of_activity_' + kind)}", self.l("kind_of_activity_" + kind), lambda t, k=kind: t.by_kind[k])
            for kind, total in report_totals.by_kind.items()
            if total.value
        ]
        return figures

    def front_totals_table(self, report_totals: Totals, front_doc: str) -> Table:
        """The report's totals: each figure cites its records, or, when they are more than
        REPORT_CITE_LIMIT, the table of parts, which gives the figure of each part (linked;
        each part cites its records)."""
        rows = []
        for name, _, figure in self.report_figures(report_totals):
            total: Sum = figure(report_totals)
            cited = self.records_para(total) if len(total.records) <= REPORT_CITE_LIMIT else (Link((self.l("cited_by_part"),), f"{front_doc}#parts"),)
            rows.append(((Para((name,)),), (Para((str(total.value),)),), (Para(cited),)))
        return Table((self.l("figure"), self.l("value"), self.l("from_records")), tuple(rows))

    def parts_table(self, report_totals: Totals, parts) -> Table:
        """The parts of a report (linked: the duties each holds) and, for each figure of the
        report that cites its parts (in the totals' order, under a short name), what each part
        adds to it: the part's totals, or what its page gives as its share when some of its
        records were counted in an earlier part."""
        cited = [(short, figure) for _, short, figure in self.report_figures(report_totals) if len(figure(report_totals).records) > REPORT_CITE_LIMIT]
        rows = tuple(
            (
                (Para((Link((f"{p.duties[0].duty.number} – {p.duties[-1].duty.number}",), p.doc),)),),
                (Para((str(len(p.duties)),)),),
                *((Para((str(figure(p.share).value),)),) for _, figure in cited),
            )
            for p in parts
        )
        return Table((self.l("report_part"), self.l("count"), *(short for short, _ in cited)), rows)

    def report_page(self, year: int, agency_id: str | None = None) -> PageView:
        """The site's report page: the whole report, or, when it is long, its front page."""
        split = report_split(self.index, year, self.as_of, agency_id)
        if not split.parts:
            return self.report(year, agency_id)
        report, parts = split.report, split.parts
        blocks: list[Block] = [
            *self.report_head(report, agency_id),
            Para((self.l("report_split_intro", count=len(parts), limit=REPORT_CITE_LIMIT),)),
            Section((self.l("totals"),), (self.front_totals_table(report.totals, report_doc(year, agency_id)),), "totals"),
            Section((self.l("report_parts"),), (self.parts_table(report.totals, parts),), "parts"),
        ]
        for key in ("no_evidence", "overdue"):
            duties = getattr(report, key)
            if len(duties) <= REPORT_LIST_LIMIT:
                blocks.append(self.duties_section(key, duties))
                continue
            heading = "no_evidence_duties" if key == "no_evidence" else "overdue_duties"
            by_part = [
                (Link((self.part_label(p),), f"{p.doc}#{key.replace('_', '-')}"), f": {len(getattr(p, key))}")
                for p in parts
                if getattr(p, key)
            ]
            blocks.append(
                Section(
                    (self.l(heading),),
                    (Para((self.l("duty_count", count=len(duties)), ". ", self.l("duties_by_part"))), Items(tuple(by_part))),
                    key.replace("_", "-"),
                )
            )
        return PageView(self.report_title(year, agency_id), tuple(blocks), self.lang)

    def report_part(self, year: int, agency_id: str | None, n: int) -> PageView:
        """A part of a split report: its run of duties, its totals, what it adds to the
        report's totals (when not the same), and its own lists of duties when the front page
        does not list them."""
        split = report_split(self.index, year, self.as_of, agency_id)
        report, parts = split.report, split.parts
        part = parts[n - 1]
        title = self.report_title(year, agency_id)
        totals_blocks: list[Block] = [Section((self.l("totals_of_part"),), (self.totals_table(part.totals),), "totals")]
        if part.share != part.totals:
            totals_blocks.append(Section((self.l("report_share"),), (Para((self.l("report_share_text"),)), self.totals_table(part.share)), "share"))
        body: list[Block] = [self.report_duty(entry, year) for entry in part.duties]
        blocks: list[Block] = [
            self.part_of(Link(title, report_doc(year, agency_id)), n, len(parts)),
            Para((self.l("status_taken_at", date=long_date(report.status_date, self.lang)), " ", Link((self.l("methodology_title"),), METHODOLOGY_DOC))),
            Section(self.section_heading(part.section), tuple(body), f"section-{part.section.slug}"),
            *totals_blocks,
        ]
        for key in ("no_evidence", "overdue"):
            if len(getattr(report, key)) > REPORT_LIST_LIMIT:
                blocks.append(self.duties_section(key, getattr(part, key)))
        return PageView((*title, f" — {self.part_label(part)}"), tuple(blocks), self.lang)
