"""What was done to implement the plan: activity records and assessments, as frozen records.

These pydantic models are the schema of ``plan_data/activities/*.yaml`` and
``plan_data/assessments.yaml`` (a JSON Schema is generated from them) and the
records the status and report code reads. They do no I/O;
:mod:`generator.tracking_check` builds them from loaded files.

A date is only as precise as its source: a day (``2025-06-12``), a month
(``2025-06``), a year (``2025``), or a period ``{from: …, to: …}`` of those.
:class:`When` keeps what was written and the first and last day it covers.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Any, Literal, get_args
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .diagnostics import Message
from .model import DutyNumber, Id, NonEmpty, Record, Text, Year

# -- vocabularies (fixed; labels in both languages) -------------------------------

ActivityKind = Literal[
    "conference_or_workshop",
    "training_course",
    "publication_or_media",
    "broadcast",
    "inspection",
    "report_submitted",
    "legal_document_issued",
    "other",
]

#: The kinds of activity, in the order reports list them (their words: text/strings.py, kind_of_activity_*).
ACTIVITY_KINDS: tuple[str, ...] = get_args(ActivityKind)

Unit = Literal[
    "participants",
    "sessions",
    "days",
    "courses",
    "copies",
    "articles",
    "broadcasts",
    "documents",
    "inspections",
]

#: The units a figure may have (their words: text/strings.py, unit_*, with plural forms).
UNITS: tuple[str, ...] = get_args(Unit)

Completion = Literal["not_started", "limited", "substantial", "completed"]

#: The completion scale, in order (after the Open Government Partnership's).
COMPLETION_SCALE: tuple[str, ...] = ("not_started", "limited", "substantial", "completed")


# -- dates as precise as the source ---------------------------------------------------

_POINT = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
Precision = Literal["day", "month", "year"]


def parse_point(text: str) -> tuple[datetime.date, datetime.date, str]:
    """(first day, last day, precision) of ``2025-06-12``, ``2025-06`` or ``2025``; ValueError if none."""
    match = _POINT.match(text)
    if not match:
        raise ValueError(text)
    year, month, day = (int(g) if g else None for g in match.groups())
    if year < 1945 or year > 2100:
        raise ValueError(text)
    if month is None:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year"
    if not 1 <= month <= 12:
        raise ValueError(text)
    if day is None:
        return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1]), "month"
    first = datetime.date(year, month, day)  # ValueError for 2025-02-30
    return first, first, "day"


@dataclass(frozen=True)
class When:
    """A date as written (a day, a month or a year) or a period of two of them."""

    start: str
    end: str | None = None  # set for a period

    @cached_property
    def first(self) -> datetime.date:
        return parse_point(self.start)[0]

    @cached_property
    def last(self) -> datetime.date:
        return parse_point(self.end or self.start)[1]

    @property
    def precision(self) -> str:
        """``day``, ``month``, ``year`` or ``period``."""
        return "period" if self.end is not None else parse_point(self.start)[2]

    @property
    def years(self) -> range:
        return range(self.first.year, self.last.year + 1)

    def overlaps(self, first: datetime.date, last: datetime.date) -> bool:
        return self.first <= last and first <= self.last

    def as_data(self) -> str | dict[str, str]:
        return self.start if self.end is None else {"from": self.start, "to": self.end}

    def __str__(self) -> str:
        return self.start if self.end is None else f"{self.start}/{self.end}"


def _when_error(key: str, **values):
    """Fail a date's validation with the message ``key`` (its English is pydantic's text)."""
    problem = Message.of(key, forms=_FORMS, **values)  # not every message says the forms
    raise PydanticCustomError("when", "{problem}", {"problem": problem})


_FORMS = Message.of("diag_when_forms")


def _parse_when(value: Any) -> When:
    if isinstance(value, When):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        try:
            parse_point(value)
        except ValueError:
            _when_error("diag_when_not_form", value=value)
        return When(value)
    if isinstance(value, dict):
        extra = sorted(set(value) - {"from", "to"})
        if extra:
            _when_error("diag_when_period_extra", key=extra[0])
        missing = [k for k in ("from", "to") if not value.get(k)]
        if missing:
            _when_error("diag_when_period_missing", key=missing[0])
        points = {}
        for key in ("from", "to"):
            text = value[key]
            if isinstance(text, int) and not isinstance(text, bool):
                text = str(text)
            if not isinstance(text, str):
                _when_error("diag_when_point_not_text", key=key)
            try:
                points[key] = parse_point(text)
            except ValueError:
                _when_error("diag_when_point_bad", key=key, text=text)
            value = {**value, key: text}
        if points["to"][1] < points["from"][0]:
            _when_error("diag_when_ends_before", end=value["to"], start=value["from"])
        return When(value["from"], value["to"])
    _when_error("diag_when_bad_shape")


_POINT_SCHEMA = {"type": ["string", "integer"], "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}

WhenField = Annotated[
    When,
    PlainValidator(_parse_when),
    PlainSerializer(lambda w: w.as_data(), return_type=Any),
    WithJsonSchema(
        {
            "description": "A day (2025-06-12), a month (2025-06), a year (2025), or a period {from: …, to: …} of those.",
            "oneOf": [
                _POINT_SCHEMA,
                {
                    "type": "object",
                    "properties": {"from": _POINT_SCHEMA, "to": _POINT_SCHEMA},
                    "required": ["from", "to"],
                    "additionalProperties": False,
                },
            ],
        }
    ),
]


# -- sources -------------------------------------------------------------------------


def _public_url(value: str) -> str:
    parts = urlsplit(value)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or "." not in parts.hostname
        or any(c.isspace() for c in value)
    ):
        raise PydanticCustomError("bad_url", "{message}", {"message": Message.of("diag_not_web_address"), "value": value})
    return value


PublicUrl = Annotated[
    str,
    AfterValidator(_public_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"}),
]


class DocumentReference(Record):
    """A document that reports the activity (a report, a decision, a letter)."""

    reference: NonEmpty = Field(description="Its number or title as printed, e.g. 'Báo cáo số 123/BC-STP'.")
    date: datetime.date | None = None
    issuer: NonEmpty = Field(description="Who issued it, as printed.")


class Source(Record):
    """Where the record comes from: a public web address, a document, or both."""

    url: PublicUrl | None = None
    document: DocumentReference | None = None

    @model_validator(mode="after")
    def _at_least_one(self) -> "Source":
        if self.url is None and self.document is None:
            raise PydanticCustomError("no_source", "{message}", {"message": Message.of("diag_no_source_short")})
        return self


class Figure(Record):
    """A number the source gives, with its unit (70 participants)."""

    value: int = Field(ge=0)
    unit: Unit


# -- records -------------------------------------------------------------------------


class Activity(Record):
    """Something an agency did to carry out one or more duties, as its source reports it."""

    id: Id = Field(description="Stable: pages, links and reports cite it.")
    duties: tuple[DutyNumber, ...] = Field(min_length=1, description="The duties it implements (numbers).")
    agencies: tuple[Id, ...] = Field(min_length=1, description="The agencies that carried it out (ids).")
    kind: ActivityKind
    date: WhenField
    title: Text
    summary: Text
    figures: tuple[Figure, ...] = ()
    place: Text | None = None
    source: Source
    recorded: datetime.date = Field(description="The day this record was entered.")

    def figure(self, unit: str) -> int | None:
        """The sum of this record's figures in ``unit``, or None if it gives none."""
        values = [f.value for f in self.figures if f.unit == unit]
        return sum(values) if values else None


class AssessedBy(Record):
    """An agency of the registry, or a named body."""

    agency: Id | None = None
    body: Text | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> "AssessedBy":
        if (self.agency is None) == (self.body is None):
            raise PydanticCustomError("assessed_by", "{message}", {"message": Message.of("diag_agency_or_body")})
        return self


class Assessment(Record):
    """How far a duty was carried out in a reporting year, on the fixed scale."""

    duty: DutyNumber
    year: Year
    completion: Completion
    justification: Text
    assessed_by: AssessedBy
    date: datetime.date


class ActivitiesFile(Record):
    activities: tuple[Activity, ...] = ()


class AssessmentsFile(Record):
    assessments: tuple[Assessment, ...] = ()
