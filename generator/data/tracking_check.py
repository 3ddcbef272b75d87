"""Loading and checking the tracking data: ``activities/*.yaml`` and ``assessments.yaml``.

Both are optional: a plan with no records is a plan of which nothing is
known yet. They are read with the same strict loader as the plan, and every
problem becomes a located diagnostic collected with the plan's own (the
caller, :func:`generator.validate.check`, fails only once all are in):

- unknown duty numbers and agencies (with a suggestion), duplicate ids
  (citing both places), a date outside the plan's years, a malformed web
  address, a record without a source, a figure without a known unit;
- and the schema's own errors (missing fields, unknown fields, bad values).

The plan's years are derived from its deadlines: the plan's table states
no period of its own, so the first and the last calendar year its
deadlines name are the plan's years.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Kind, Location, Message, display_path, owned
from .filecache import FileEntry, read_entry
from .load import LoadedFile
from .messages import _dotted, _reference, _schema_diagnostic
from .tracking import (
    UNITS,
    ActivitiesFile,
    Activity,
    Assessment,
    AssessmentsFile,
    When,
    _parse_when,
)

ACTIVITIES_DIR = "activities"
ASSESSMENTS_FILE = "assessments.yaml"


@dataclass
class TrackingFiles:
    """The entries of the tracking files that could be read, and every entry read."""

    activities: list[FileEntry] = field(default_factory=list)
    assessments: FileEntry | None = None
    unreadable: int = 0
    read: list[FileEntry] = field(default_factory=list)

    def all(self) -> list[FileEntry]:
        return [*self.activities, *([self.assessments] if self.assessments is not None else [])]


@dataclass(frozen=True)
class Tracking:
    activities: tuple[Activity, ...]
    assessments: tuple[Assessment, ...]


def read_tracking(
    data_dir: Path, root: Path, diagnostics: list[Diagnostic], cache_dir: Path | None = None
) -> TrackingFiles:
    """Read the tracking files (see :func:`generator.data.filecache.read_entry`)."""
    files = TrackingFiles()

    def read(path: Path, role: str) -> FileEntry | None:
        entry = read_entry(path, display_path(path, root), role, cache_dir)
        files.read.append(entry)
        diagnostics.extend(entry.problems)
        if entry.outline is None:
            files.unreadable += 1
            return None
        return entry

    folder = data_dir / ACTIVITIES_DIR
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        entry = read(path, "activities")
        if entry is not None:
            files.activities.append(entry)
    if (data_dir / ASSESSMENTS_FILE).is_file():
        files.assessments = read(data_dir / ASSESSMENTS_FILE, "assessments")
    return files


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() else None


def raw_plan_years(sections: list[LoadedFile]) -> tuple[int, int] | None:
    """(first, last) calendar year named by the deadlines of the raw section files."""
    years: list[int] = []
    for loaded in sections:
        duties = loaded.data.get("duties") if isinstance(loaded.data, dict) else None
        for duty in duties if isinstance(duties, list) else []:
            deadline = duty.get("deadline") if isinstance(duty, dict) else None
            if not isinstance(deadline, dict):
                continue
            holders = [deadline]
            if isinstance(deadline.get("milestones"), list):
                holders += [m for m in deadline["milestones"] if isinstance(m, dict)]
            for holder in holders:
                years += [y for y in (_int(holder.get("start")), _int(holder.get("end"))) if y is not None]
    return (min(years), max(years)) if years else None


def raw_duty_numbers(sections: list[LoadedFile]) -> dict[str, Location]:
    numbers: dict[str, Location] = {}
    for loaded in sections:
        duties = loaded.data.get("duties") if isinstance(loaded.data, dict) else None
        for i, duty in enumerate(duties if isinstance(duties, list) else []):
            if isinstance(duty, dict) and isinstance(duty.get("number"), str):
                numbers.setdefault(duty["number"], loaded.locate(("duties", i, "number")))
    return numbers


def _items(loaded: LoadedFile, key: str) -> list:
    value = loaded.data.get(key) if isinstance(loaded.data, dict) else None
    return value if isinstance(value, list) else []


def _years_text(years: tuple[int, int]) -> str:
    return f"{years[0]}–{years[1]}"


def _activity(ident: Any) -> Message | None:
    """'activity <id>', the owner of a record's messages."""
    return Message.of("diag_owner_activity", name=ident) if isinstance(ident, str) else None


def _when_of(value: Any, spans: dict) -> When | None:
    """The date ``value`` as read by the schema, or None if it is malformed; remembered in
    ``spans`` by what was written."""
    key = value if isinstance(value, str) else tuple(value.items()) if isinstance(value, dict) else None
    try:
        if key is not None and key in spans:
            return spans[key]
    except TypeError:  # a period holding lists: not remembered
        key = None
    try:
        when = _parse_when(value)
    except Exception:
        when = None
    if key is not None:
        spans[key] = when
    return when


def check_references(
    files: TrackingFiles,
    duties: dict[str, Location],
    agencies: dict[str, Location],
    years: tuple[int, int] | None,
    diagnostics: list[Diagnostic],
) -> None:
    """Cross-file checks on the raw records: references, duplicates, dates within the plan's years."""

    seen: dict[str, tuple[LoadedFile, int]] = {}  # located only if a duplicate needs it
    spans: dict[Any, When | None] = {}  # the dates already read, as written (most recur)
    for entry in files.activities:
        loaded = entry.outline
        for i, item in enumerate(_items(loaded, "activities")):
            if not isinstance(item, dict):
                continue
            ident = item.get("id")
            if isinstance(ident, str):
                if ident in seen:
                    other, k = seen[ident]
                    first = other.locate(("activities", k, "id"))
                    diagnostics.append(
                        Diagnostic(
                            loaded.locate(("activities", i, "id")),
                            Kind.DUPLICATE_ID,
                            Message.of("diag_duplicate_activity_id", id=ident, first=str(first)),
                        )
                    )
                else:
                    seen[ident] = (loaded, i)
            for key, known, what in (("duties", duties, "duty"), ("agencies", agencies, "agency")):
                values = item.get(key)
                for j, value in enumerate(values if isinstance(values, list) else []):
                    if isinstance(value, str) and value not in known:  # else nothing to say
                        where = loaded.locate(("activities", i, key, j))
                        _reference(value, known, what, where, diagnostics, _activity(ident))
            if years is not None and "date" in item:
                when = _when_of(item["date"], spans)
                if when is None:
                    continue  # the schema check reports a malformed date
                if when.first.year < years[0] or when.last.year > years[1]:
                    diagnostics.append(
                        Diagnostic(
                            loaded.locate(("activities", i, "date")),
                            Kind.BAD_VALUE,
                            owned(
                                _activity(ident),
                                Message.of("diag_date_outside_years", when=str(when), years=_years_text(years)),
                            ),
                        )
                    )

    if files.assessments is None:
        return
    loaded = files.assessments.outline
    pairs: dict[tuple[str, str], Location] = {}
    for i, item in enumerate(_items(loaded, "assessments")):
        if not isinstance(item, dict):
            continue
        duty, year = item.get("duty"), item.get("year")
        owner = (
            Message.of("diag_owner_assessment_year", duty=duty, year=year)
            if isinstance(duty, str) and isinstance(year, str)
            else None
        )
        if isinstance(duty, str):
            where = loaded.locate(("assessments", i, "duty"))
            _reference(duty, duties, "duty", where, diagnostics, owner)
            if isinstance(year, str):
                if (duty, year) in pairs:
                    diagnostics.append(
                        Diagnostic(
                            where,
                            Kind.DUPLICATE_ID,
                            owned(
                                owner,
                                Message.of("diag_second_assessment", duty=duty, year=year, first=str(pairs[duty, year])),
                            ),
                        )
                    )
                else:
                    pairs[duty, year] = where
        by = item.get("assessed_by")
        if isinstance(by, dict) and isinstance(by.get("agency"), str):
            where = loaded.locate(("assessments", i, "assessed_by", "agency"))
            _reference(by["agency"], agencies, "agency", where, diagnostics, owner)
        year_number = _int(year)
        if years is not None and year_number is not None and not years[0] <= year_number <= years[1]:
            diagnostics.append(
                Diagnostic(
                    loaded.locate(("assessments", i, "year")),
                    Kind.BAD_VALUE,
                    owned(owner, Message.of("diag_year_outside_years", year=year_number, years=_years_text(years))),
                )
            )


def _diagnostic(error: dict, loaded: LoadedFile) -> Diagnostic:

    path = tuple(error["loc"])
    kind = error["type"]
    items = loaded.data.get(path[0]) if isinstance(loaded.data, dict) else None
    item = items[path[1]] if isinstance(items, list) and len(path) > 1 and isinstance(path[1], int) else None
    owner = None
    if isinstance(item, dict):
        if path[0] == "activities" and isinstance(item.get("id"), str):
            owner = Message.of("diag_owner_activity", name=item["id"])
        elif path[0] == "assessments" and isinstance(item.get("duty"), str):
            owner = Message.of("diag_owner_assessment_year", duty=item["duty"], year=str(item.get("year")))
    name = path[-1] if path else ""
    missing_source = kind == "missing" and name == "source" and path[0] == "activities"
    if missing_source:
        kind = "no_source"
    elif kind == "missing" and name == "unit":
        dotted = _dotted(path[2:-1] if owner else path[:-1])
        message = Message.of("diag_no_unit", field=dotted, units=", ".join(UNITS))
        return Diagnostic(loaded.locate(path), Kind.MISSING_FIELD, owned(owner, message))
    if kind not in ("when", "bad_url", "no_source", "assessed_by"):
        plain = _schema_diagnostic(error, loaded)
        said = plain.message
        generic = said.key == "diag_owned" and said.value("owner").key == "diag_owner_assessment"
        if path[0] == "assessments" and owner is not None and generic:
            # the plan's generic owner says "assessment C.V.1.2"; this one names the year too
            return Diagnostic(plain.location, plain.kind, owned(owner, said.value("message")))
        return plain
    dotted = _dotted(path[2:] if owner else path)
    if kind == "when":
        message = Message.of("diag_when", field=dotted, problem=error["ctx"]["problem"])
    elif kind == "bad_url":
        message = Message.of("diag_bad_url", field=dotted, value=error["input"])
    elif kind == "no_source":
        if not missing_source:
            message = Message.of("diag_source_needs", field=dotted)
        else:
            message = Message.of("diag_no_source")
    else:
        message = Message.of("diag_assessed_by", field=dotted, problem=Message.of("diag_agency_or_body"))
    kind_shown = Kind.MISSING_FIELD if kind == "no_source" else Kind.BAD_VALUE
    return Diagnostic(loaded.locate(path), kind_shown, owned(owner, message))


def build_tracking(files: TrackingFiles, diagnostics: list[Diagnostic]) -> Tracking | None:
    """The records, or None if any file fails its schema (each failure is a diagnostic)."""
    activities: list[Activity] = []
    failed = files.unreadable > 0
    for entry in files.activities:
        parsed = entry.model_of(ActivitiesFile, to_diagnostic=_diagnostic)
        diagnostics.extend(entry.schema)
        if parsed is None:
            failed = True
        else:
            activities.extend(parsed.activities)
    assessments: tuple[Assessment, ...] = ()
    if files.assessments is not None:
        parsed = files.assessments.model_of(AssessmentsFile, to_diagnostic=_diagnostic)
        diagnostics.extend(files.assessments.schema)
        if parsed is None:
            failed = True
        else:
            assessments = parsed.assessments
    return None if failed else Tracking(tuple(activities), assessments)
