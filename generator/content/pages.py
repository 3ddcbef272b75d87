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
    SCHEDULE_DOC,
    TOPICS_DOC,
    TRANSLATION_DOC,
    activities_doc,
    agency_doc,
    calendar_file,
    data_file,
    duty_doc,
    legal_anchor,
    pdf_files,
    report_doc,
    section_doc,
    topic_doc,
)
from .discovery import duty_heading
from .tracking import TrackingViews, activity_years, lead_agencies, report_years
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
    count_untranslated,
    interleave,
    paragraphs,
    text,
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
        specs.append(
            PageSpec(
                section_doc(section.slug),
                "section",
                section.section,
                children=tuple(duty_doc(index, d) for d in section.duties),
            )
        )
        specs.extend(PageSpec(duty_doc(index, d), "duty", d.number) for d in section.duties)
    # Navigation (shared by both languages) follows the Vietnamese order of names.
    agencies = collated(plan.agencies.values(), lambda a: a.name.vi, "vi")
    topics = collated(plan.topics.values(), lambda t: t.name.vi, "vi")
    specs.append(PageSpec(AGENCIES_DOC, "agencies", children=tuple(agency_doc(a.id) for a in agencies)))
    specs.extend(PageSpec(agency_doc(a.id), "agency", a.id) for a in agencies)
    specs.append(PageSpec(TOPICS_DOC, "topics", children=tuple(topic_doc(t.id) for t in topics)))
    specs.extend(PageSpec(topic_doc(t.id), "topic", t.id) for t in topics)
    specs.append(PageSpec(SCHEDULE_DOC, "schedule"))
    specs.append(PageSpec(LEGAL_DOC, "legal"))
    specs.append(PageSpec(OPEN_DATA_DOC, "open-data"))
    specs.append(PageSpec(TRANSLATION_DOC, "translations"))
    # implementation tracking
    years = activity_years(index)
    specs.append(PageSpec(PROGRESS_DOC, "progress"))
    specs.append(PageSpec(ACTIVITIES_DOC, "activities", children=tuple(activities_doc(y) for y in years)))
    specs.extend(PageSpec(activities_doc(y), "activities-year", str(y)) for y in years)
    reports = [(y, a) for y in reversed(report_years(index, as_of)) for a in (None, *lead_agencies(index))]
    specs.append(PageSpec(REPORTS_DOC, "reports", children=tuple(report_doc(y, a) for y, a in reports)))
    specs.extend(PageSpec(report_doc(y, a), "report", f"{y}/{a or ''}") for y, a in reports)
    specs.append(PageSpec(METHODOLOGY_DOC, "methodology"))
    return specs


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

    def section(self, letter: str) -> PageView:
        section = self.plan.section(letter)
        blocks: list[Block] = list(self.paras(section.heading, ("section-heading",)))
        blocks += self.notes(section.notes)
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

    def agencies(self) -> PageView:
        rows = []
        for agency in self.by_name(self.plan.agencies.values()):
            agency_id = agency.id
            roles = self.index.by_agency[agency_id]
            counts = ", ".join(
                f"{self.l(ROLE_LABELS[r])}: {len(roles[r])}" for r in ("lead", "coordinates", "requested") if roles[r]
            )
            rows.append(
                (
                    (Para((self.agency_link(agency_id),)),),
                    (Para((counts or "—",)),),
                )
            )
        table = Table((self.l("agencies_title"), self.l("duties")), tuple(rows))
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

    def topics(self) -> PageView:
        items = tuple(
            (
                self.topic_link(topic_id),
                f" ({self.l('duty_count', count=len(self.index.by_topic[topic_id]))}) — ",
                self.t(topic.description),
            )
            for topic_id, topic in ((t.id, t) for t in self.by_name(self.plan.topics.values()))
        )
        return PageView((self.l("topics_title"),), (Items(items),), self.lang)

    def schedule(self) -> PageView:
        recurring, by_year, open_ended = self.index.schedule
        blocks: list[Block] = [Section((self.l("recurring"),), (self.duty_table(recurring),), "every-year")]
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
        calendars = tuple(
            (Download((self.t(a.name),), calendar_file(self.lang, a.id)),)
            for a in self.by_name(self.plan.agencies.values())
            if any(self.index.by_agency[a.id].values())
        )
        blocks: list[Block] = [
            Para((self.l("open_data_intro"),)),
            Items(items, ("downloads",)),
            Para((self.l("undated_note", count=undated),)),
            Section((self.l("agency_calendars"),), (Items(calendars, ("downloads",)),), "agency-calendars"),
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
        "legal": lambda: views.legal(),
        "open-data": lambda: views.open_data(),
        "translations": lambda: views.translations(),
        "progress": lambda: views.progress(),
        "activities": lambda: views.activities_index(),
        "activities-year": lambda: views.activities_of_year(int(spec.key)),
        "reports": lambda: views.reports_index(),
        "report": lambda: views.report(int(spec.key.split("/")[0]), spec.key.split("/")[1] or None),
        "methodology": lambda: views.methodology(),
    }
    view = builders[spec.kind]()
    return PageView(view.title, view.blocks, lang, count_untranslated(view), spec.children)


def fingerprint(view: PageView) -> str:
    """A short hash of everything a page shows: it changes exactly when the page would.

    A view is frozen dataclasses of tuples, strings, numbers and booleans, so its
    ``repr`` spells out all of it, in a fixed order (eight times faster than a JSON dump).
    """
    return hashlib.sha256(repr(view).encode("utf-8")).hexdigest()[:16]
