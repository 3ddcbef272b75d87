"""Open data: the plan as CSV, JSON and iCalendar files.

CSV files are UTF-8 with a byte-order mark, so that Excel opens Vietnamese
correctly. The calendar holds the deadlines that have a date or a year:
recurring annual deadlines are recurring events; deadlines that depend on a
request or an event have no date and are left out (and counted).
"""

from __future__ import annotations

import csv
import datetime
import io
import pickle
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter

from ..content.addresses import DATA_FILES, calendar_name
from ..data.index import PlanIndex
from ..data.model import Duty, Plan
from ..data.status import plan_years, reporting_dates
from ..files import WriteReport, atomic_write, load_pickle, sync
from ..text.strings import LANGUAGES, label

DUTY_COLUMNS = [
    "number",
    "section",
    "task_vi",
    "task_en",
    "lead_agencies",
    "lead_vi",
    "lead_en",
    "coordinating_agencies",
    "requested_agencies",
    "coordination_vi",
    "coordination_en",
    "results_vi",
    "results_en",
    "deadline_vi",
    "deadline_en",
    "deadline_kind",
    "deadline_years",
    "topics",
    "legal_documents",
]
AGENCY_COLUMNS = ["id", "name_vi", "name_en", "short_vi", "short_en", "kind", "level", "leads", "coordinates", "requested"]
TOPIC_COLUMNS = ["id", "name_vi", "name_en", "description_vi", "description_en", "duties"]
ACTIVITY_COLUMNS = [
    "id",
    "duties",
    "agencies",
    "kind",
    "date",
    "date_first",
    "date_last",
    "title_vi",
    "title_en",
    "summary_vi",
    "summary_en",
    "place_vi",
    "place_en",
    "figures",
    "source_url",
    "source_document",
    "source_document_date",
    "source_document_issuer",
    "recorded",
]

#: Several ids (duties, agencies) or figures in one CSV field are joined with this.
LIST_SEPARATOR = "; "

#: Lines of a printed cell are joined with this in a CSV field.
LINE_SEPARATOR = "\n"


def _csv(rows: list[dict], columns: list[str]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _duty_row(duty: Duty, section: str) -> dict:
    coordinating = [a.agency for a in duty.coordinating_agencies() if a.role != "requested"]
    requested = [a.agency for a in duty.coordinating_agencies() if a.role == "requested"]
    return {
        "number": duty.number,
        "section": section,
        "task_vi": duty.task.vi,
        "task_en": duty.task.en,
        "lead_agencies": " ".join(duty.lead_agencies()),
        "lead_vi": LINE_SEPARATOR.join(line.as_printed.vi for line in duty.lead),
        "lead_en": LINE_SEPARATOR.join(line.as_printed.en for line in duty.lead),
        "coordinating_agencies": " ".join(dict.fromkeys(coordinating)),
        "requested_agencies": " ".join(dict.fromkeys(requested)),
        "coordination_vi": LINE_SEPARATOR.join(line.as_printed.vi for line in duty.coordination),
        "coordination_en": LINE_SEPARATOR.join(line.as_printed.en for line in duty.coordination),
        "results_vi": LINE_SEPARATOR.join(r.vi for r in duty.results),
        "results_en": LINE_SEPARATOR.join(r.en for r in duty.results),
        "deadline_vi": duty.deadline.as_printed.vi,
        "deadline_en": duty.deadline.as_printed.en,
        "deadline_kind": duty.deadline.kind,
        "deadline_years": " ".join(str(y) for y in duty.deadline.years),
        "topics": " ".join(duty.topics),
        "legal_documents": " ".join(duty.legal_documents),
    }


def duties_csv(plan: Plan) -> bytes:
    index = PlanIndex(plan)
    return _csv([_duty_row(d, index.section_of[d.number].section) for d in plan.duties], DUTY_COLUMNS)


def agencies_csv(plan: Plan) -> bytes:
    index = PlanIndex(plan)
    rows = []
    for agency in plan.agencies.values():
        roles = index.by_agency[agency.id]
        rows.append(
            {
                "id": agency.id,
                "name_vi": agency.name.vi,
                "name_en": agency.name.en,
                "short_vi": agency.short.vi,
                "short_en": agency.short.en,
                "kind": agency.kind,
                "level": agency.level,
                "leads": " ".join(i.duty.number for i in roles["lead"]),
                "coordinates": " ".join(i.duty.number for i in roles["coordinates"] + roles["within_competence"]),
                "requested": " ".join(i.duty.number for i in roles["requested"]),
            }
        )
    return _csv(rows, AGENCY_COLUMNS)


def topics_csv(plan: Plan) -> bytes:
    index = PlanIndex(plan)
    rows = [
        {
            "id": t.id,
            "name_vi": t.name.vi,
            "name_en": t.name.en,
            "description_vi": t.description.vi,
            "description_en": t.description.en,
            "duties": " ".join(d.number for d in index.by_topic[t.id]),
        }
        for t in plan.topics.values()
    ]
    return _csv(rows, TOPIC_COLUMNS)


def _activity_row(activity) -> dict:
    document = activity.source.document
    return {
        "id": activity.id,
        "duties": LIST_SEPARATOR.join(activity.duties),
        "agencies": LIST_SEPARATOR.join(activity.agencies),
        "kind": activity.kind,
        "date": str(activity.date),
        "date_first": activity.date.first.isoformat(),
        "date_last": activity.date.last.isoformat(),
        "title_vi": activity.title.vi,
        "title_en": activity.title.en,
        "summary_vi": activity.summary.vi,
        "summary_en": activity.summary.en,
        "place_vi": activity.place.vi if activity.place else "",
        "place_en": activity.place.en if activity.place else "",
        "figures": LIST_SEPARATOR.join(f"{f.value} {f.unit}" for f in activity.figures),
        "source_url": activity.source.url or "",
        "source_document": document.reference if document else "",
        "source_document_date": document.date.isoformat() if document and document.date else "",
        "source_document_issuer": document.issuer if document else "",
        "recorded": activity.recorded.isoformat(),
    }


def activities_csv(plan: Plan) -> bytes:
    """One row per activity record, oldest first; a period's date is written ``from/to``."""
    records = sorted(plan.activities, key=lambda a: (a.date.first, a.date.last, a.id))
    return _csv([_activity_row(a) for a in records], ACTIVITY_COLUMNS)


_DOCUMENT = TypeAdapter(dict)


def plan_json(plan: Plan) -> bytes:
    """The whole plan, as validated, in one JSON document."""
    document = {
        "plan": plan.info.model_dump(mode="json"),
        "sections": [s.model_dump(mode="json") for s in plan.sections],
        "agencies": [a.model_dump(mode="json") for a in plan.agencies.values()],
        "topics": [t.model_dump(mode="json") for t in plan.topics.values()],
        "legal_documents": [d.model_dump(mode="json") for d in plan.legal_documents.values()],
        "activities": [a.model_dump(mode="json") for a in plan.activities],
        "assessments": [a.model_dump(mode="json") for a in plan.assessments],
    }
    # pydantic's encoder writes what json.dumps(ensure_ascii=False, indent=1) writes,
    # several times faster (at x50 the document is 23 MB: 0.24 s against 0.93 s)
    return _DOCUMENT.dump_json(document, indent=1) + b"\n"


# -- iCalendar ---------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarEntry:
    duty: Duty
    start: datetime.date
    end: datetime.date  # exclusive, as iCalendar's DTEND for all-day events
    yearly: bool
    what: str  # e.g. "Báo cáo sơ bộ" for a milestone


def first_year(plan: Plan) -> int:
    """The earliest year the plan's deadlines name: where recurring deadlines start."""
    years = [y for d in plan.duties for y in d.deadline.years]
    return min(years) if years else datetime.date.today().year


def calendar_entries(plan: Plan, lang: str) -> tuple[list[CalendarEntry], list[Duty]]:
    """(dated entries, duties whose deadline has no date or year)."""
    start_year = first_year(plan)
    entries, undated = [], []
    for duty in plan.duties:
        deadline = duty.deadline
        if deadline.kind == "annual":
            # "Hàng năm": all year, every year.
            entries.append(
                CalendarEntry(duty, datetime.date(start_year, 1, 1), datetime.date(start_year + 1, 1, 1), True, "")
            )
        elif deadline.kind == "annual_by_date":
            day = datetime.date(start_year, deadline.month, deadline.day)
            entries.append(CalendarEntry(duty, day, day + datetime.timedelta(days=1), True, ""))
        elif deadline.kind == "year_range":
            entries.append(
                CalendarEntry(duty, datetime.date(deadline.start, 1, 1), datetime.date(deadline.end + 1, 1, 1), False, "")
            )
        elif deadline.kind == "milestones":
            for m in deadline.milestones:
                entries.append(
                    CalendarEntry(
                        duty,
                        datetime.date(m.start, 1, 1),
                        datetime.date(m.end + 1, 1, 1),
                        False,
                        label(f"stage_{m.stage}", lang),
                    )
                )
        else:
            undated.append(duty)
    return entries, undated


def _event_fields(entry: CalendarEntry, lang: str) -> tuple:
    """What one deadline's VEVENT is made of (uid, summary, start, end, stamp, description, yearly)."""
    duty = entry.duty
    uid_part = f"-{entry.what}" if entry.what else ""
    summary = f"{label('duty_title', lang, number=duty.number)}"
    if entry.what:
        summary += f": {entry.what}"
    description = "\n".join(
        [
            duty.task.readable(lang),
            f"{label('deadline', lang)}: {duty.deadline.as_printed.readable(lang)}",
        ]
    )
    return (
        f"{duty.number}{uid_part}-{lang}@an-giang-cat-plan".replace(" ", "-"),
        summary,
        entry.start,
        entry.end,
        datetime.datetime(entry.start.year, 1, 1, tzinfo=datetime.timezone.utc),
        description,
        entry.yearly,
    )


def _serialise(fields: tuple) -> bytes:
    """One all-day event as iCalendar (``Event.to_ical()``) from :func:`_event_fields`."""
    from icalendar import Event

    uid, summary, start, end, stamp, description, yearly = fields
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("dtstamp", stamp)
    event.add("description", description)
    if yearly:
        event.add("rrule", {"freq": "yearly"})
    return event.to_ical()


class EventMemo:
    """Serialised events by what they are made of, kept between builds.

    Serialising is most of the exports' cost (icalendar folds every line), and an
    edit changes a few events: with a memo, a rebuild serialises only those. The
    memo holds the events of the last export only, so it does not grow.
    """

    def __init__(self, path: Path | None = None):
        self.path = path
        self.known: dict[tuple, bytes] = {}
        if path is not None:
            try:
                with open(path, "rb") as handle:
                    known = load_pickle(handle)
                if isinstance(known, dict):
                    self.known = known
            except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError, ValueError):
                pass  # none yet, damaged or from other code: made again
        self.used: dict[tuple, bytes] = {}

    def event(self, fields: tuple) -> bytes:
        if fields not in self.used:
            known = self.known.get(fields)
            self.used[fields] = known if known is not None else _serialise(fields)
        return self.used[fields]

    def save(self) -> None:
        if self.path is not None and self.used != self.known:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL))


def _event(entry: CalendarEntry, lang: str, memo: EventMemo | None = None) -> bytes:
    """One deadline as an iCalendar VEVENT, serialised."""
    fields = _event_fields(entry, lang)
    return memo.event(fields) if memo is not None else _serialise(fields)


_CALENDAR_END = b"END:VCALENDAR\r\n"


def calendar(
    plan: Plan,
    lang: str,
    agency_id: str | None = None,
    *,
    index: PlanIndex | None = None,
    entries: list[CalendarEntry] | None = None,
    events: dict[int, bytes] | None = None,
    reporting: list[tuple[str, bytes]] | None = None,
    memo: EventMemo | None = None,
    by_duty: DutyGroups | None = None,
) -> bytes:
    """An iCalendar file of the deadlines (of one agency's duties, if given).

    When many calendars are made from one plan, pass ``index``, ``entries``
    (:func:`calendar_entries`) and an ``events`` dict (filled here: each
    entry's serialised event, by its position in ``entries``): working them out
    again for each agency made the exports grow with agencies × duties (52 s
    of CPU at fifty times the data). The file is the calendar's properties,
    then its events in entry order, exactly as ``Calendar.to_ical()`` writes them,
    then the reporting dates (``reporting``: :func:`reporting_events`, worked out once).
    """
    from icalendar import Calendar, vText

    index = index or PlanIndex(plan)
    wanted = None
    if agency_id is not None:
        roles = index.by_agency[agency_id]
        wanted = {i.duty.number for role in roles.values() for i in role}
    cal = Calendar()
    cal.add("prodid", "-//An Giang CAT plan//generator//EN")
    cal.add("version", "2.0")
    name = plan.info.title.readable(lang)
    if agency_id is not None:
        agency = plan.agencies[agency_id]
        name = f"{agency.name.readable(lang)} — {name}"
    cal.add("x-wr-calname", vText(name))  # TEXT: escaped, whatever the name holds
    if entries is None:
        entries, _ = calendar_entries(plan, lang)
    if events is None:
        events = {}
    head = cal.to_ical()
    if not head.endswith(_CALENDAR_END):  # pragma: no cover - icalendar always ends a calendar so
        raise ValueError("an iCalendar calendar that does not end with END:VCALENDAR")
    parts = [head[: -len(_CALENDAR_END)]]
    if reporting is None:
        reporting = reporting_events(plan, lang, memo)
    if wanted is None:
        positions: Iterable[int] = range(len(entries))
        reported = [event for _, event in reporting]
    else:
        # only this agency's duties: looked up, not searched for (agencies x duties at x50)
        grouped = by_duty if by_duty is not None else group_by_duty(entries, reporting)
        positions = sorted(p for number in wanted for p in grouped.positions.get(number, ()))
        reporting_duties = sorted((n for n in wanted if n in grouped.reporting), key=grouped.order.__getitem__)
        reported = [event for number in reporting_duties for event in grouped.reporting[number]]
    for position in positions:
        if position not in events:
            events[position] = _event(entries[position], lang, memo)
        parts.append(events[position])
    parts += reported
    parts.append(_CALENDAR_END)
    return b"".join(parts)


@dataclass(frozen=True)
class DutyGroups:
    """Where each duty's events are in a plan's calendar: its deadline entries' positions, its
    reporting events, and the order of the duties among the reporting events (the table's)."""

    positions: dict[str, list[int]]
    reporting: dict[str, list[bytes]]
    order: dict[str, int]


def group_by_duty(entries: list[CalendarEntry], reporting: list[tuple[str, bytes]]) -> DutyGroups:
    positions: dict[str, list[int]] = {}
    order: dict[str, int] = {}
    for position, entry in enumerate(entries):
        positions.setdefault(entry.duty.number, []).append(position)
    grouped: dict[str, list[bytes]] = {}
    for number, event in reporting:
        grouped.setdefault(number, []).append(event)
    for number in grouped:
        order[number] = len(order)
    return DutyGroups(positions, grouped, order)


def reporting_events(plan: Plan, lang: str, memo: EventMemo | None = None) -> list[tuple[str, bytes]]:
    """(duty number, serialised event): one all-day event per reporting date
    (generator.data.status), for the deadlines that name no day.

    "Trước ngày 15/12 hàng năm" is already an event on its day; annual deadlines, year
    ranges and milestones get their 31 December reporting dates here.
    """
    years = plan_years(plan)
    if years is None:  # no deadline names a year: no reporting dates
        return []
    events = []
    for duty in plan.duties:
        if duty.deadline.kind == "annual_by_date":
            continue
        for r in reporting_dates(duty, years):
            summary = f"{label('reporting_date', lang)}: {label('duty_title', lang, number=duty.number)}"
            if r.stage:
                summary += f" ({label(f'stage_{r.stage}', lang)})"
            fields = (
                f"{duty.number}-report-{r.date.isoformat()}-{lang}@an-giang-cat-plan",
                summary,
                r.date,
                r.date + datetime.timedelta(days=1),
                datetime.datetime(r.date.year, 1, 1, tzinfo=datetime.timezone.utc),
                duty.task.readable(lang),
                False,
            )
            events.append((duty.number, memo.event(fields) if memo is not None else _serialise(fields)))
    return events


def export_files(plan: Plan, memo: EventMemo | None = None) -> dict[str, bytes]:
    """Every open-data file, by relative path (``memo``: serialised events of an earlier export)."""
    files = {
        name: make(plan)
        for name, make in zip(
            DATA_FILES, (duties_csv, agencies_csv, topics_csv, activities_csv, plan_json), strict=True
        )
    }
    index = PlanIndex(plan)
    for lang in LANGUAGES:
        entries, _ = calendar_entries(plan, lang)
        events: dict[int, bytes] = {}
        reporting = reporting_events(plan, lang, memo)
        files[calendar_name(lang)] = calendar(
            plan, lang, index=index, entries=entries, events=events, reporting=reporting, memo=memo
        )
        grouped = group_by_duty(entries, reporting)
        for agency_id, roles in index.by_agency.items():
            if any(roles.values()):
                files[calendar_name(lang, agency_id)] = calendar(
                    plan, lang, agency_id, index=index, entries=entries, events=events, reporting=reporting, memo=memo, by_duty=grouped
                )
    return files


def write_exports(folder: Path, plan: Plan, memo_file: Path | None = None) -> WriteReport:
    """Make ``folder`` hold the open-data files: only changed files are written,
    and only files an earlier export wrote are ever removed.

    ``memo_file`` (the build's cache): the serialised calendar events, kept for the next export.
    """
    memo = EventMemo(memo_file)
    report = sync(folder, export_files(plan, memo))
    memo.save()
    return report
