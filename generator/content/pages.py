"""Which pages the plan makes, and what each shows in a given language.

A :class:`PageSpec` names a page (its Sphinx docname, kind and key). The same
specs serve both languages: a page has the same docname in ``vi`` and ``en``,
so the language switcher only swaps the language folder. :func:`build_view`
turns a spec into a :class:`~generator.view.PageView` for one language.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field

from ..data.index import ROLES, PlanIndex
from ..data.model import Agency, Deadline, Duty, Note, Plan
from ..data.status import resolve_as_of
from ..text.collation import collated
from ..text.strings import label, long_date
from .addresses import (
    ACTIVITIES_DOC,
    AGENCIES_DOC,
    DATA_FILES,
    LEGAL_DOC,
    METHODOLOGY_DOC,
    OPEN_DATA_DOC,
    PLAN_DOC,
    PROGRESS_DOC,
    REPORTS_DOC,
    DUTY_LISTING_LIMIT,
    DUTY_PAGE_SIZE,
    INDEX_PAGE_SIZE,
    SCHEDULE_DOC,
    TOPICS_DOC,
    TRANSLATION_DOC,
    activities_doc,
    activity_listing,
    agency_doc,
    calendar_file,
    data_file,
    duty_doc,
    legal_anchor,
    listing_parts,
    part_doc,
    pdf_files,
    report_doc,
    schedule_doc,
    section_doc,
    topic_doc,
)
from .discovery import duty_heading
from .tracking import TrackingViews, activity_years, lead_agencies, progress_part_docs, report_part_docs, report_years
from .view import (
    Aside,
    Block,
    Details,
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
    interleave,
    paragraphs,
    text,
    untranslated_and_links,
)

#: The label naming each role an agency has in a duty (see ``generator.data.index.ROLES``).
ROLE_LABELS = {
    "lead": "leads",
    "coordinates": "coordinates",
    "within_competence": "within_competence_role",
    "requested": "requested",
}


@dataclass(frozen=True)
class PageSpec:
    docname: str
    kind: str  # plan | section | duty | agencies | agency | topics | topic | schedule | legal
    key: str = ""
    children: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteContext:
    """What pages need beyond the plan: translation state and the gettext catalogues' progress."""

    outdated: frozenset = frozenset()
    #: The date statuses are worked out at (see generator.data.status.resolve_as_of).
    as_of: datetime.date = field(default_factory=lambda: resolve_as_of(None))
    text_states: tuple[tuple[str, int, int, int], ...] = ()  # (file, texts, missing, outdated)
    catalogues: tuple[tuple[str, int, int], ...] = ()  # (page, translated, total)


def featured_first(plan: Plan):
    """Sections with the featured one (C, public awareness) first, then the others in order."""
    featured = [s for s in plan.sections if s.section == plan.info.featured_section]
    return featured + [s for s in plan.sections if s.section != plan.info.featured_section]


# -- long listings: which are split, into which parts (see addresses.listing_parts) ---


def section_parts(section) -> list[list[Duty]]:
    """A section's duties: one part (listed in full on its page) or several (one page each)."""
    return listing_parts(section.duties, DUTY_PAGE_SIZE, DUTY_LISTING_LIMIT)


def schedule_groups(index: PlanIndex) -> list[tuple[str, tuple[str, dict], list[Duty]]]:
    """The schedule's groups: (anchor, (label key, values), duties): every year, each year, not tied to a year."""
    recurring, by_year, open_ended = index.schedule
    groups = [("every-year", ("recurring", {}), recurring)]
    groups += [(f"year-{year}", ("in_year", {"year": year}), duties) for year, duties in by_year.items()]
    if open_ended:
        groups.append(("open-ended", ("open_ended", {}), open_ended))
    return groups


def schedule_parts(index: PlanIndex) -> list[tuple[str, str, list[Duty]]]:
    """The split schedule's pages, (group anchor, docname, duties); none while the schedule fits on one page."""
    groups = schedule_groups(index)
    if sum(len(duties) for _, _, duties in groups) <= DUTY_LISTING_LIMIT:
        return []
    out = []
    for anchor, _, duties in groups:
        if not duties:
            continue
        parts = listing_parts(duties, DUTY_PAGE_SIZE)
        for n, part in enumerate(parts, 1):
            out.append((anchor, schedule_doc(anchor if len(parts) == 1 else f"{anchor}-{n}"), part))
    return out


def index_parts(records) -> list[list]:
    """An index of agencies, topics or calendars: one part, or several of at most INDEX_PAGE_SIZE."""
    return listing_parts(records, INDEX_PAGE_SIZE)


def activity_parts(index: PlanIndex) -> dict[int, list[str]]:
    """The parts of each year's split activity listing, in order (none for a year listed on one page)."""
    return {
        year: [doc for doc, _ in pages] if len(pages) > 1 else []
        for year, pages in activity_listing(index).items()
    }


def page_specs(index: PlanIndex, as_of: datetime.date | None = None) -> list[PageSpec]:
    """Every generated page; the annual reports run up to the year of ``as_of`` (default: today)."""
    as_of = as_of or resolve_as_of(None)
    plan = index.plan
    specs = [
        PageSpec(
            PLAN_DOC,
            "plan",
            children=tuple(section_doc(s.slug) for s in featured_first(plan)),
        )
    ]
    for section in plan.sections:
        parts = section_parts(section)
        if len(parts) == 1:
            specs.append(
                PageSpec(section_doc(section.slug), "section", section.section, tuple(duty_doc(index, d) for d in section.duties))
            )
        else:
            docs = [part_doc(section_doc(section.slug), n) for n in range(1, len(parts) + 1)]
            specs.append(PageSpec(section_doc(section.slug), "section", section.section, tuple(docs)))
            specs.extend(
                PageSpec(doc, "section-part", f"{section.section}/{n}", tuple(duty_doc(index, d) for d in part))
                for n, (doc, part) in enumerate(zip(docs, parts), 1)
            )
        specs.extend(PageSpec(duty_doc(index, d), "duty", d.number) for d in section.duties)
    # Navigation (shared by both languages) follows the Vietnamese order of names.
    agencies = collated(plan.agencies.values(), lambda a: a.name.vi, "vi")
    topics = collated(plan.topics.values(), lambda t: t.name.vi, "vi")
    for doc, kind, one, records, page in (
        (AGENCIES_DOC, "agencies", "agency", agencies, agency_doc),
        (TOPICS_DOC, "topics", "topic", topics, topic_doc),
    ):
        parts = index_parts(records)
        if len(parts) == 1:
            specs.append(PageSpec(doc, kind, children=tuple(page(r.id) for r in records)))
        else:
            docs = [part_doc(doc, n) for n in range(1, len(parts) + 1)]
            specs.append(PageSpec(doc, kind, children=tuple(docs)))
            specs.extend(
                PageSpec(part, f"{kind}-part", str(n), tuple(page(r.id) for r in members))
                for n, (part, members) in enumerate(zip(docs, parts), 1)
            )
        specs.extend(PageSpec(page(r.id), one, r.id) for r in records)
    schedule = schedule_parts(index)
    specs.append(PageSpec(SCHEDULE_DOC, "schedule", children=tuple(doc for _, doc, _ in schedule)))
    specs.extend(PageSpec(doc, "schedule-part", doc.rsplit("/", 1)[1]) for _, doc, _ in schedule)
    specs.append(PageSpec(LEGAL_DOC, "legal"))
    calendars = index_parts(calendar_agencies(index))
    calendar_docs = [part_doc(OPEN_DATA_DOC, n) for n in range(1, len(calendars) + 1)] if len(calendars) > 1 else []
    specs.append(PageSpec(OPEN_DATA_DOC, "open-data", children=tuple(calendar_docs)))
    specs.extend(PageSpec(doc, "open-data-part", str(n)) for n, doc in enumerate(calendar_docs, 1))
    specs.append(PageSpec(TRANSLATION_DOC, "translations"))
    # implementation tracking
    years = activity_years(index)
    parts = activity_parts(index)
    progress_docs = progress_part_docs(index)
    specs.append(PageSpec(PROGRESS_DOC, "progress", children=tuple(progress_docs)))
    specs.extend(PageSpec(doc, "progress-part", str(n)) for n, doc in enumerate(progress_docs, 1))
    specs.append(PageSpec(ACTIVITIES_DOC, "activities", children=tuple(activities_doc(y) for y in years)))
    for year in years:
        specs.append(PageSpec(activities_doc(year), "activities-year", str(year), tuple(parts[year])))
        specs.extend(PageSpec(doc, "activities-part", f"{year}/{n}") for n, doc in enumerate(parts[year], 1))
    reports = [(y, a) for y in reversed(report_years(index, as_of)) for a in (None, *lead_agencies(index))]
    specs.append(PageSpec(REPORTS_DOC, "reports", children=tuple(report_doc(y, a) for y, a in reports)))
    for y, a in reports:
        # a long report: its front page, and its parts below it
        report_parts = report_part_docs(index, y, as_of, a)
        specs.append(PageSpec(report_doc(y, a), "report", f"{y}/{a or ''}", tuple(report_parts)))
        specs.extend(PageSpec(doc, "report-part", f"{y}/{a or ''}/{n}") for n, doc in enumerate(report_parts, 1))
    specs.append(PageSpec(METHODOLOGY_DOC, "methodology"))
    return specs


def calendar_agencies(index: PlanIndex) -> list[Agency]:
    """Agencies that have a calendar (those named in a duty), in the Vietnamese order of names."""
    plan = index.plan
    return [a for a in collated(plan.agencies.values(), lambda a: a.name.vi, "vi") if any(index.by_agency[a.id].values())]


# -- views ----------------------------------------------------------------------


class _Views(TrackingViews):
    def __init__(self, index: PlanIndex, lang: str, context: SiteContext):
        self.index = index
        self.plan = index.plan
        self.lang = lang
        self.context = context
        self.outdated = context.outdated

    def l(self, key: str, **values) -> str:  # noqa: E743 - short on purpose, used everywhere
        return label(key, self.lang, **values)

    def t(self, value) -> Span:
        return text(value, self.lang, self.outdated)

    def paras(self, value, classes: tuple[str, ...] = ()) -> tuple[Para, ...]:
        return paragraphs(value, self.lang, classes, self.outdated)

    @property
    def booklets(self) -> dict:
        return pdf_files(self.index)

    def handbook_links(self) -> Items:
        files = self.booklets["handbook"]
        return Items(
            tuple((Download((self.l(f"handbook_{edition}"),), files[edition]),) for edition in ("vi", "en", "vi-en")),
            ("downloads",),
        )

    def by_name(self, records):
        """Agencies or topics in the reader's alphabetical order (CLDR collation)."""
        return collated(records, lambda r: r.name.readable(self.lang), self.lang)

    # links
    def duty_link(self, duty: Duty) -> Link:
        return Link((duty.number,), duty_doc(self.index, duty))

    def agency_link(self, agency_id: str) -> Link:
        return Link((self.t(self.plan.agencies[agency_id].name),), agency_doc(agency_id))

    def topic_link(self, topic_id: str) -> Link:
        return Link((self.t(self.plan.topics[topic_id].name),), topic_doc(topic_id))

    def legal_link(self, doc_id: str) -> Link:
        return Link((self.t(self.plan.legal_documents[doc_id].cited_as),), legal_anchor(doc_id))

    def section_link(self, letter: str) -> Link:
        section = self.plan.section(letter)
        return Link((self.l("section_title", letter=letter),), section_doc(section.slug))

    # shared pieces
    def duty_table(self, duties, extra=None) -> Table:
        """Duties as a two-column table (duty and task | deadline) that fits a phone."""
        rows = []
        for duty in duties:
            first = (Para((self.duty_link(duty),), ("duty-number",)), *self.paras(duty.task))
            if extra:
                first = (*first, *extra(duty))
            rows.append((first, self.paras(duty.deadline.as_printed)))
        return Table((self.l("duty"), self.l("deadline")), tuple(rows))

    def notes(self, notes: tuple[Note, ...]) -> tuple[Block, ...]:
        blocks = []
        for note in notes:
            body: list[Block] = list(self.paras(note.text))
            if note.as_printed:
                printed: list[Inline] = [f"{self.l('printed')}: ", Span((f"“{note.as_printed}”",), lang="vi")]
                if note.presumed:
                    printed += [f"; {self.l('presumed')}: ", Span((f"“{note.presumed}”",), lang="vi")]
                body.append(Para(tuple(printed)))
            blocks.append(Aside(self.l(f"note_{note.kind}"), tuple(body), kind="source-note"))
        return tuple(blocks)

    def deadline_meaning(self, deadline: Deadline) -> str | None:
        """The deadline in the generator's words; None where its words admit several readings."""
        kind = deadline.kind
        if kind in ("on_request", "before_event", "per_convention") and deadline.readings:
            return None  # who or what it refers to is ambiguous: the readings say it
        if kind == "annual":
            words = self.l("kind_annual")
            if deadline.or_as_rescheduled:
                words += ", " + self.l("or_as_rescheduled")
            return words
        if kind == "annual_by_date":
            return _sentence(self.l("every_year_before", day=deadline.day, month=deadline.month))
        if kind == "year_range":
            return _sentence(self.l("years", start=deadline.start, end=deadline.end))
        if kind == "milestones":
            parts = []
            for m in deadline.milestones:
                when = (
                    self.l("year", year=m.start)
                    if m.start == m.end
                    else self.l("years", start=m.start, end=m.end)
                )
                parts.append(f"{self.l('stage_' + m.stage)}: {when}")
            return "; ".join(parts)
        if kind == "on_request":
            return _sentence(self.l("requested_by", agency=self.t(self.plan.agencies[deadline.by].name).parts[0]))
        if kind == "per_decision":
            doc = self.plan.legal_documents[deadline.legal_document]
            return _sentence(self.l("set_by", document=self.t(doc.cited_as).parts[0]))
        if kind == "before_event":
            return _sentence(self.l("before", event=self.t(deadline.event).parts[0]))
        if kind == "per_convention":
            return _sentence(self.l("as_notified_by", agency=self.t(self.plan.agencies[deadline.by].name).parts[0]))
        raise AssertionError(kind)  # pragma: no cover - the model admits no other kind

    def deadline_rows(self, deadline: Deadline) -> tuple[tuple[str, tuple[Block, ...]], ...]:
        """The deadline's meaning (where its words admit one) and its possible readings (where they admit several)."""
        rows = []
        meaning = self.deadline_meaning(deadline)
        if meaning is not None:
            rows.append((self.l("deadline_structured"), (Para((meaning,)),)))
        if deadline.readings:
            rows.append(
                (
                    self.l("deadline_readings"),
                    (
                        Para((self.l("deadline_ambiguous"),)),
                        Items(tuple((self.t(reading),) for reading in deadline.readings), ("readings",)),
                    ),
                )
            )
        return tuple(rows)

    # pages
    def duty(self, number: str) -> PageView:
        duty = self.index.duty[number]
        section = self.index.section_of[number]
        context: list[tuple[Inline, ...]] = [
            (self.section_link(section.section), ". ", self.t(section.heading))
        ]
        for group in self.index.groups_above(duty):
            context.append((f"{group.label} ", self.t(group.heading)))
        lead_items = tuple(
            (self.agency_link(a.agency), f" — {self.l('basis_' + a.basis)}")
            for line in duty.lead
            for a in line.agencies
        )
        coord_items = tuple(
            (
                self.agency_link(a.agency),
                f" — {self.l('role_' + a.role)}"
                + (f", {self.l('on_lead_proposal')}" if a.on_lead_proposal else ""),
            )
            for a in duty.coordinating_agencies()
        )
        printed = [Para((Span((f"{self.l('lead')}:",), classes=("label",)),))]
        printed += [Para((self.t(line.as_printed),)) for line in duty.lead]
        if duty.coordination:
            printed.append(Para((Span((f"{self.l('coordination')}:",), classes=("label",)),)))
            printed += [Para(("– ", self.t(line.as_printed))) for line in duty.coordination]
        # First what a citizen asks (who leads it, by when), then where it sits in the
        # plan, folded: the section and group headings are long and come second.
        trail: list[Inline] = [f"{self.l('in_section')}: ", self.l("section_title", letter=section.section)]
        for group in self.index.groups_above(duty):
            trail += [" › ", group.number]
        key_facts = Fields(
            (
                (self.l("lead"), (Para(tuple(interleave([self.agency_link(a) for a in duty.lead_agencies()], ", "))),)),
                (self.l("deadline"), self.paras(duty.deadline.as_printed)),
            ),
            ("key-facts",),
        )
        blocks: list[Block] = [
            key_facts,
            Details(tuple(trail), (Items(tuple(context), ("breadcrumbs",)),), "context"),
            Section((self.l("task"),), self.paras(duty.task, ("task",)), "task"),
            Section((self.l("lead"),), (Items(lead_items),), "lead"),
            Section(
                (self.l("coordination"),),
                (Items(coord_items),) if coord_items else (Para((self.l("none"),)),),
                "coordination",
            ),
            Aside(self.l("as_printed"), tuple(printed), kind="as-printed"),
            Section(
                (self.l("results"),),
                (Items(tuple((self.t(r),) for r in duty.results)),),
                "results",
            ),
            Section(
                (self.l("deadline"),),
                (
                    Fields(
                        (
                            (self.l("deadline_in_words"), self.paras(duty.deadline.as_printed)),
                            *self.deadline_rows(duty.deadline),
                        )
                    ),
                ),
                "deadline",
            ),
            self.duty_status(duty),
            Section((self.l("topics"),), (Items(tuple((self.topic_link(t),) for t in duty.topics)),), "topics"),
        ]
        cited = dict.fromkeys([*duty.legal_documents, *filter(None, [duty.deadline.legal_document])])
        if cited:
            blocks.append(
                Section(
                    (self.l("legal_documents"),),
                    (Items(tuple((self.legal_link(d),) for d in cited)),),
                    "legal-documents",
                )
            )
        if duty.notes:
            blocks.append(Section((self.l("notes"),), self.notes(duty.notes), "notes"))
        previous, following = self.index.neighbours[number]
        nav: list[tuple[Inline, ...]] = []
        if previous:
            nav.append((f"{self.l('previous')}: ", self.duty_link(previous)))
        if following:
            nav.append((f"{self.l('next')}: ", self.duty_link(following)))
        blocks.append(Items(tuple(nav), ("duty-nav",)))
        # Its number and the start of its task, as adopted (cut at a word boundary).
        start, task, fallback = duty_heading(duty, self.lang)
        return PageView((start, Span((task,), lang="vi" if fallback else None)), tuple(blocks), self.lang)

    # -- long listings split into pages ------------------------------------------------

    def parts_list(self, parts) -> tuple[Block, ...]:
        """The links to the parts of a split listing: ``parts`` are (link text, docname, count)."""
        return (
            Para((self.l("listing_split", count=len(parts)),)),
            Items(tuple((Link(tuple(words), doc), f" ({count})") for words, doc, count in parts)),
        )

    def part_of(self, listing: Link, n: int, total: int) -> Para:
        """Where a part belongs: its listing (linked), and which page of it this is."""
        return Para((f"{self.l('in_section')}: ", listing, f" ({self.l('listing_part', n=n, total=total)})"))

    def duty_line(self, duty: Duty) -> tuple[Inline, ...]:
        """A duty in one line: its number (linked) and the start of its task, as its page's title has it."""
        _, task, fallback = duty_heading(duty, self.lang)
        return (self.duty_link(duty), " — ", Span((task,), lang="vi" if fallback else None))

    def duty_lines(self, duties, groups: bool = False) -> list[Block]:
        """Duties one line each; with ``groups``, each run of a group under its number and heading."""
        runs: list[tuple] = []  # (innermost group or None, [duties])
        for duty in duties:
            above = self.index.groups_above(duty) if groups else ()
            inner = above[-1] if above else None
            if not runs or runs[-1][0] is not inner:
                runs.append((inner, []))
            runs[-1][1].append(duty)
        blocks: list[Block] = []
        for group, members in runs:
            items = Items(tuple(self.duty_line(d) for d in members))
            if group is None:
                blocks.append(items)
            else:
                body = (*self.paras(group.heading, ("group-heading",)), items)
                blocks.append(Section((group.number,), body, group.number.lower().replace(".", "-")))
        return blocks

    def duty_range(self, duties) -> str:
        return self.l("duties_from_to", first=duties[0].number, last=duties[-1].number)

    def name_range(self, records) -> tuple[Inline, ...]:
        return (self.t(records[0].name), " – ", self.t(records[-1].name))

    def section_part(self, key: str) -> PageView:
        letter, _, n = key.partition("/")
        section = self.plan.section(letter)
        parts = section_parts(section)
        duties = parts[int(n) - 1]
        listing = Link((self.l("section_title", letter=letter),), section_doc(section.slug))
        blocks: list[Block] = [self.part_of(listing, int(n), len(parts)), *self.duty_lines(duties, groups=True)]
        title = self.l("section_part_title", letter=letter, first=duties[0].number, last=duties[-1].number)
        return PageView((title,), tuple(blocks), self.lang)

    def schedule_part(self, key: str) -> PageView:
        doc = schedule_doc(key)
        parts = schedule_parts(self.index)
        anchor, _, duties = next(p for p in parts if p[1] == doc)
        siblings = [p[1] for p in parts if p[0] == anchor]
        label_key, values = next(g[1] for g in schedule_groups(self.index) if g[0] == anchor)
        title = f"{self.l('schedule_title')}: {self.l(label_key, **values)}"
        listing = Link((self.l("schedule_title"),), SCHEDULE_DOC)
        blocks: list[Block] = [self.part_of(listing, siblings.index(doc) + 1, len(siblings)), Para((self.duty_range(duties),)), *self.duty_lines(duties)]
        if len(siblings) > 1:
            title += f" ({self.l('listing_part', n=siblings.index(doc) + 1, total=len(siblings))})"
        return PageView((title,), tuple(blocks), self.lang)

    def agencies_part(self, n: int) -> PageView:
        parts = index_parts(collated(self.plan.agencies.values(), lambda a: a.name.vi, "vi"))
        part = parts[n - 1]
        blocks: list[Block] = [
            self.part_of(Link((self.l("agencies_title"),), AGENCIES_DOC), n, len(parts)),
            Table((self.l("agencies_title"), self.l("duties")), tuple(self.agency_row(a.id) for a in part)),
        ]
        return PageView((f"{self.l('agencies_title')}: ", *self.name_range(part)), tuple(blocks), self.lang)

    def topics_part(self, n: int) -> PageView:
        parts = index_parts(collated(self.plan.topics.values(), lambda t: t.name.vi, "vi"))
        part = parts[n - 1]
        blocks: list[Block] = [
            self.part_of(Link((self.l("topics_title"),), TOPICS_DOC), n, len(parts)),
            Items(tuple(self.topic_item(t) for t in part)),
        ]
        return PageView((f"{self.l('topics_title')}: ", *self.name_range(part)), tuple(blocks), self.lang)

    def calendars_part(self, n: int) -> PageView:
        parts = index_parts(calendar_agencies(self.index))
        part = parts[n - 1]
        blocks: list[Block] = [
            self.part_of(Link((self.l("open_data_title"),), OPEN_DATA_DOC), n, len(parts)),
            Items(tuple((Download((self.t(a.name),), calendar_file(self.lang, a.id)),) for a in part), ("downloads",)),
        ]
        return PageView((f"{self.l('agency_calendars')}: ", *self.name_range(part)), tuple(blocks), self.lang)

    # -- pages ---------------------------------------------------------------------------

    def section(self, letter: str) -> PageView:
        section = self.plan.section(letter)
        blocks: list[Block] = list(self.paras(section.heading, ("section-heading",)))
        blocks += self.notes(section.notes)
        parts = section_parts(section)
        if len(parts) > 1:
            docs = [part_doc(section_doc(section.slug), n) for n in range(1, len(parts) + 1)]
            blocks.append(Para((self.l("duty_count", count=len(section.duties)),)))
            blocks += self.parts_list([((self.duty_range(p),), doc, self.l("duty_count", count=len(p))) for p, doc in zip(parts, docs)])
            return PageView((self.l("section_title", letter=letter),), tuple(blocks), self.lang)
        # The table's own nesting: duties in table order, each group a (sub)section.
        root: list = []  # entries: ["table", [duties]] or ["group", Group, entries]
        for duty in section.duties:
            entries = root
            for group in self.index.groups_above(duty):
                if not (entries and entries[-1][0] == "group" and entries[-1][1] is group):
                    entries.append(["group", group, []])
                entries = entries[-1][2]
            if entries and entries[-1][0] == "table":
                entries[-1][1].append(duty)
            else:
                entries.append(["table", [duty]])
        blocks += self._section_entries(root)
        title = (f"{self.l('section_title', letter=letter)}",)
        return PageView(title, tuple(blocks), self.lang)

    def _section_entries(self, entries) -> list[Block]:
        blocks: list[Block] = []
        for entry in entries:
            if entry[0] == "table":
                blocks.append(self.duty_table(entry[1]))
                continue
            group = entry[1]
            body = [*self.paras(group.heading, ("group-heading",)), *self.notes(group.notes)]
            body += self._section_entries(entry[2])
            blocks.append(Section((group.number,), tuple(body), group.number.lower().replace(".", "-")))
        return blocks

    def plan_overview(self) -> PageView:
        blocks: list[Block] = []
        for i, section in enumerate(featured_first(self.plan)):
            heading = self.l("featured") if i == 0 else None
            body: tuple[Block, ...] = (
                Para((self.section_link(section.section), ". ", self.t(section.heading))),
                Para((self.l("duty_count", count=len(section.duties)),)),
            )
            if heading:
                blocks.append(Section((heading,), body, "featured"))
            else:
                if i == 1:
                    blocks.append(Section((self.l("other_sections"),), (), "other-sections"))
                blocks.extend(body)
        blocks.append(Section((self.l("handbooks"),), (self.handbook_links(),), "handbooks"))
        return PageView((self.l("plan_title"),), tuple(blocks), self.lang)

    def summary(self, duties, head: str) -> Para:
        """A page's first lines: how many duties, by section, and the nearest reporting date."""
        parts = [head]
        sections = [
            f"{self.l('section_title', letter=s.section)}: {n}"
            for s in featured_first(self.plan)
            if (n := sum(1 for d in duties if self.index.section_of[d.number] is s))
        ]
        if sections:
            parts.append(" " + self.l("summary_by_section", parts=", ".join(sections)))
        dated = [(status.next.date, d) for d in duties if (status := self.index.tracker.deadline(d, self.as_of)).next]
        inlines: list[Inline] = ["".join(parts)]
        if dated:
            when, duty = min(dated, key=lambda pair: pair[0])
            words = self.l("summary_next_deadline", date=long_date(when, self.lang), duty="{duty}")
            before, _, after = words.partition("{duty}")
            inlines += [" ", before, self.duty_link(duty), after]
        return Para(tuple(inlines), ("page-summary",))

    def agency(self, agency_id: str) -> PageView:
        agency: Agency = self.plan.agencies[agency_id]
        roles = self.index.by_agency[agency_id]
        fields = [(self.l("short_name"), (Para((self.t(agency.short),)),))]
        fields.append((self.l("kind"), (Para((self.l("agency_" + agency.kind),)),)))
        led = [inv.duty for inv in roles["lead"]]
        led_numbers = {d.number for d in led}
        other = {inv.duty.number: inv.duty for role in ROLES[1:] for inv in roles[role] if inv.duty.number not in led_numbers}
        head = self.l("summary_leads", count=len(led))
        if other:
            head += "; " + self.l("summary_takes_part", count=len(other))
        head += "."
        blocks: list[Block] = [self.summary([*led, *other.values()], head), Fields(tuple(fields))]
        if agency.note:
            blocks += self.paras(agency.note, ("agency-note",))
        for role in ROLES:
            involvements = roles[role]
            if not involvements:
                continue
            sub: list[Block] = []
            for section in featured_first(self.plan):
                duties = [inv.duty for inv in involvements if self.index.section_of[inv.duty.number] is section]
                if duties:
                    sub.append(
                        Section(
                            (self.section_link(section.section),),
                            (self.duty_table(duties),),
                            f"{role}-{section.slug}",
                        )
                    )
            title = f"{self.l(ROLE_LABELS[role])} ({len(involvements)})"
            blocks.append(Section((title,), tuple(sub), role.replace("_", "-")))
        downloads = []
        booklet = self.booklets["agencies"].get(agency_id)
        if booklet:
            downloads.append((Download((self.l("agency_booklet"),), booklet[self.lang]),))
        if any(roles.values()):
            downloads.append((Download((self.l("calendar_of"),), calendar_file(self.lang, agency_id)),))
        if downloads:
            blocks.append(Items(tuple(downloads), ("downloads",)))
        blocks += self.agency_progress(agency_id)
        depending = self.index.deadlines_by_agency.get(agency_id, [])
        if depending:
            blocks.append(Section((self.l("deadline_set_by"),), (self.duty_table(depending),), "deadlines"))
        issued = self.index.documents_by_issuer.get(agency_id, [])
        if issued:
            blocks.append(
                Section(
                    (self.l("documents_issued"),),
                    (Items(tuple((self.legal_link(d),) for d in issued)),),
                    "documents",
                )
            )
        return PageView((self.t(agency.name),), tuple(blocks), self.lang)

    def agency_row(self, agency_id: str) -> tuple:
        roles = self.index.by_agency[agency_id]
        counts = ", ".join(
            f"{self.l(ROLE_LABELS[r])}: {len(roles[r])}" for r in ("lead", "coordinates", "requested") if roles[r]
        )
        return ((Para((self.agency_link(agency_id),)),), (Para((counts or "—",)),))

    def split_index(self, entries, docname: str, count_key: str, title_key: str) -> PageView | None:
        """An index too long for one page: the list of its parts (None when it fits)."""
        parts = index_parts(collated(entries, lambda e: e.name.vi, "vi"))
        if len(parts) <= 1:
            return None
        links = [
            (self.name_range(p), part_doc(docname, n), self.l(count_key, count=len(p)))
            for n, p in enumerate(parts, 1)
        ]
        blocks = (Para((self.l(count_key, count=len(entries)),)), *self.parts_list(links))
        return PageView((self.l(title_key),), blocks, self.lang)

    def agencies(self) -> PageView:
        split = self.split_index(tuple(self.plan.agencies.values()), AGENCIES_DOC, "agency_count", "agencies_title")
        if split is not None:
            return split
        rows = tuple(self.agency_row(agency.id) for agency in self.by_name(self.plan.agencies.values()))
        table = Table((self.l("agencies_title"), self.l("duties")), rows)
        return PageView((self.l("agencies_title"),), (table,), self.lang)

    def topic(self, topic_id: str) -> PageView:
        topic = self.plan.topics[topic_id]
        duties = self.index.by_topic[topic_id]
        head = self.l("summary_duties", count=len(duties)) + "."
        blocks: list[Block] = [self.summary(duties, head), *self.paras(topic.description, ("topic-description",))]
        booklet = self.booklets["topics"].get(topic_id)
        if booklet:
            blocks.append(Items(((Download((self.l("topic_booklet"),), booklet[self.lang]),),), ("downloads",)))
        for section in featured_first(self.plan):
            duties = [d for d in self.index.by_topic[topic_id] if self.index.section_of[d.number] is section]
            if duties:
                blocks.append(
                    Section((self.section_link(section.section),), (self.duty_table(duties),), section.slug)
                )
        blocks.append(self.topic_activities(topic_id))
        return PageView((self.t(topic.name),), tuple(blocks), self.lang)

    def topic_item(self, topic) -> tuple[Inline, ...]:
        return (
            self.topic_link(topic.id),
            f" ({self.l('duty_count', count=len(self.index.by_topic[topic.id]))}) — ",
            self.t(topic.description),
        )

    def topics(self) -> PageView:
        split = self.split_index(tuple(self.plan.topics.values()), TOPICS_DOC, "topic_count", "topics_title")
        if split is not None:
            return split
        items = tuple(self.topic_item(topic) for topic in self.by_name(self.plan.topics.values()))
        return PageView((self.l("topics_title"),), (Items(items),), self.lang)

    def schedule(self) -> PageView:
        parts = schedule_parts(self.index)
        if parts:
            blocks: list[Block] = []
            for anchor, (key, values), duties in schedule_groups(self.index):
                links = tuple(
                    (Link((self.duty_range(part),), doc), f" ({self.l('duty_count', count=len(part))})")
                    for group, doc, part in parts
                    if group == anchor
                )
                if links:
                    body = (Para((self.l("duty_count", count=len(duties)),)), Items(links))
                    blocks.append(Section((self.l(key, **values),), body, anchor))
            return PageView((self.l("schedule_title"),), tuple(blocks), self.lang)
        recurring, by_year, open_ended = self.index.schedule
        blocks = [Section((self.l("recurring"),), (self.duty_table(recurring),), "every-year")]
        for year, duties in by_year.items():
            blocks.append(Section((self.l("in_year", year=year),), (self.duty_table(duties),), f"year-{year}"))
        if open_ended:
            blocks.append(Section((self.l("open_ended"),), (self.duty_table(open_ended),), "open-ended"))
        return PageView((self.l("schedule_title"),), tuple(blocks), self.lang)

    def legal(self) -> PageView:
        blocks: list[Block] = []
        for doc_id, doc in self.plan.legal_documents.items():
            fields = []
            if doc.number:
                fields.append((self.l("doc_number"), (Para((doc.number,)),)))
            if doc.date:
                fields.append((self.l("date"), (Para((doc.date.strftime("%d/%m/%Y"),)),)))
            if doc.issuer:
                fields.append((self.l("issuer"), (Para((self.agency_link(doc.issuer),)),)))
            if doc.subject:
                fields.append((self.l("subject"), (Para((self.t(doc.subject),)),)))
            citing = self.index.by_legal_document[doc_id]
            fields.append(
                (self.l("cited_by"), (Para(tuple(interleave([self.duty_link(d) for d in citing], ", "))),))
            )
            blocks.append(Section((self.t(doc.cited_as),), (Fields(tuple(fields)),), doc_id))
        return PageView((self.l("legal_title"),), tuple(blocks), self.lang)

    def open_data(self) -> PageView:
        items = tuple(
            (Download((self.l("file_" + name.replace(".", "_")),), data_file(name)),) for name in DATA_FILES
        )
        items += ((Download((self.l("file_plan_ics"),), calendar_file(self.lang)),),)
        undated = sum(1 for d in self.plan.duties if not d.deadline.recurring and not d.deadline.years)
        parts = index_parts(calendar_agencies(self.index))
        if len(parts) > 1:
            calendars: tuple[Block, ...] = self.parts_list(
                [(self.name_range(p), part_doc(OPEN_DATA_DOC, n), self.l("calendar_count", count=len(p))) for n, p in enumerate(parts, 1)]
            )
        else:
            calendars = (
                Items(
                    tuple(
                        (Download((self.t(a.name),), calendar_file(self.lang, a.id)),)
                        for a in self.by_name(self.plan.agencies.values())
                        if any(self.index.by_agency[a.id].values())
                    ),
                    ("downloads",),
                ),
            )
        blocks: list[Block] = [
            Para((self.l("open_data_intro"),)),
            Items(items, ("downloads",)),
            Para((self.l("undated_note", count=undated),)),
            Section((self.l("agency_calendars"),), calendars, "agency-calendars"),
        ]
        return PageView((self.l("open_data_title"),), tuple(blocks), self.lang)

    def translations(self) -> PageView:
        rows = []
        totals = [0, 0, 0]
        for file, texts, missing, outdated in self.context.text_states:
            totals = [totals[0] + texts, totals[1] + missing, totals[2] + outdated]
            progress = self.l("translated_of", done=texts - missing, total=texts)
            if outdated:
                progress += "; " + self.l("outdated_count", count=outdated)
            rows.append(((Para((f"plan_data/{file}",)),), (Para((progress,)),)))
        data_summary = self.l("translated_of", done=totals[0] - totals[1], total=totals[0])
        if totals[2]:
            data_summary += "; " + self.l("outdated_count", count=totals[2])
        pages = tuple(
            ((Para((name,)),), (Para((self.l("translated_of", done=done, total=total),)),))
            for name, done, total in self.context.catalogues
        )
        blocks: list[Block] = [
            Section(
                (self.l("translation_data"),),
                (Para((data_summary,)), Table((self.l("data_file"), self.l("progress")), tuple(rows))),
                "data",
            ),
            Section(
                (self.l("translation_pages"),),
                (Table((self.l("page"), self.l("progress")), pages),),
                "pages",
            ),
        ]
        return PageView((self.l("translation_title"),), tuple(blocks), self.lang)


def _sentence(text: str) -> str:
    """``text`` with a capital first letter; unlike str.capitalize(), the rest is left as it is."""
    return text[:1].upper() + text[1:]


def handbook_links(index: PlanIndex, lang: str) -> Items:
    """Links to the full handbooks, in ``lang``."""
    return _Views(index, lang, SiteContext()).handbook_links()


def deadline_meaning(index: PlanIndex, deadline: Deadline, lang: str) -> str | None:
    """What a deadline means, in the editors' words (None where its words are ambiguous):
    the same sentence on the duty's page and in the handbooks."""
    return _Views(index, lang, SiteContext(as_of=datetime.date.min)).deadline_meaning(deadline)


def headline(index: PlanIndex, lang: str, context: SiteContext) -> Para:
    """The as-of date and the three headline figures, with a link to the progress page."""
    return _Views(index, lang, context).headline()


def build_view(index: PlanIndex, spec: PageSpec, lang: str, context: SiteContext = SiteContext()) -> PageView:
    views = _Views(index, lang, context)
    builders = {
        "plan": lambda: views.plan_overview(),
        "section": lambda: views.section(spec.key),
        "duty": lambda: views.duty(spec.key),
        "agencies": lambda: views.agencies(),
        "agency": lambda: views.agency(spec.key),
        "topics": lambda: views.topics(),
        "topic": lambda: views.topic(spec.key),
        "schedule": lambda: views.schedule(),
        "section-part": lambda: views.section_part(spec.key),
        "schedule-part": lambda: views.schedule_part(spec.key),
        "agencies-part": lambda: views.agencies_part(int(spec.key)),
        "topics-part": lambda: views.topics_part(int(spec.key)),
        "open-data-part": lambda: views.calendars_part(int(spec.key)),
        "activities-part": lambda: views.activities_part(*map(int, spec.key.split("/"))),
        "legal": lambda: views.legal(),
        "open-data": lambda: views.open_data(),
        "translations": lambda: views.translations(),
        "progress": lambda: views.progress(),
        "progress-part": lambda: views.progress_part(int(spec.key)),
        "activities": lambda: views.activities_index(),
        "activities-year": lambda: views.activities_of_year(int(spec.key)),
        "reports": lambda: views.reports_index(),
        "report": lambda: views.report_page(int(spec.key.split("/")[0]), spec.key.split("/")[1] or None),
        "report-part": lambda: views.report_part(int(spec.key.split("/")[0]), spec.key.split("/")[1] or None, int(spec.key.split("/")[2])),
        # the whole report on one page, however long: the printed report and the report command
        "whole-report": lambda: views.report(int(spec.key.split("/")[0]), spec.key.split("/")[1] or None),
        "methodology": lambda: views.methodology(),
    }
    view = builders[spec.kind]()
    untranslated, links = untranslated_and_links(view)
    return PageView(view.title, view.blocks, lang, untranslated, spec.children, links)


def fingerprint(view: PageView) -> str:
    """A short hash of everything a page shows: it changes exactly when the page would.

    A view is frozen dataclasses of tuples, strings, numbers and booleans, so its
    ``repr`` spells out all of it, in a fixed order (eight times faster than a JSON dump).
    """
    return hashlib.sha256(repr(view).encode("utf-8")).hexdigest()[:16]
