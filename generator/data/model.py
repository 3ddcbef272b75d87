"""The plan as frozen, typed records.

These pydantic models are both the schema of the YAML files (a JSON Schema is
generated from them for editors) and the records the rest of the code reads.
They do no I/O; :mod:`generator.validate` builds them from loaded files.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import Annotated, Literal, Mapping

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .diagnostics import Message

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DUTY_NUMBER_PATTERN = r"^[A-ZĐ]\.[IVXLC]+(?:\.[0-9]+)*$"
SECTION_LETTER_PATTERN = r"^[A-ZĐ]$"

#: Names that Windows refuses as file names, whatever the extension.
RESERVED_NAMES = frozenset(
    ["con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))]
)


def _not_reserved(value: str) -> str:
    if value in RESERVED_NAMES:
        raise PydanticCustomError(
            "reserved_name", "{message}", {"message": Message.of("diag_reserved_file_name", value=value), "value": value}
        )
    return value


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64), AfterValidator(_not_reserved)]
DutyNumber = Annotated[str, StringConstraints(pattern=DUTY_NUMBER_PATTERN, max_length=40)]
SectionLetter = Annotated[str, StringConstraints(pattern=SECTION_LETTER_PATTERN)]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
Year = Annotated[int, Field(ge=1945, le=2100)]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Text(Record):
    """A text in Vietnamese (as adopted) and its English translation."""

    vi: NonEmpty = Field(description="The Vietnamese text, exactly as adopted.")
    en: str = Field("", description="The English translation; empty while not yet translated.")

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi

    def readable(self, lang: str) -> str:
        """The text for a reader of ``lang``: the Vietnamese while the English is missing."""
        return self.get(lang) or self.vi

    def translated(self, lang: str) -> bool:
        return lang != "en" or bool(self.en.strip())


NoteKind = Literal["source_typo", "source_numbering", "source_wording", "source_layout"]


class Note(Record):
    """An editorial note on an oddity of the source, which is kept as adopted."""

    kind: NoteKind
    as_printed: str | None = Field(None, description="The odd passage exactly as printed.")
    presumed: str | None = Field(None, description="What was presumably meant.")
    text: Text


LeadBasis = Literal["assigned", "within_competence", "within_functions"]
CoordinationRole = Literal["coordinates", "requested", "within_competence"]


class LeadAgency(Record):
    agency: Id
    basis: LeadBasis = "assigned"


class LeadLine(Record):
    """One printed line of the lead-agency cell."""

    as_printed: Text
    agencies: tuple[LeadAgency, ...] = Field(min_length=1)


class CoordinatingAgency(Record):
    agency: Id
    role: CoordinationRole = "coordinates"
    on_lead_proposal: bool = False


class CoordinationLine(Record):
    """One printed line of the coordinating-agencies cell."""

    as_printed: Text
    agencies: tuple[CoordinatingAgency, ...] = Field(min_length=1)


MilestoneStage = Literal["preliminary_report", "final_report"]


class Milestone(Record):
    stage: MilestoneStage
    start: Year
    end: Year


DeadlineKind = Literal[
    "annual",
    "annual_by_date",
    "year_range",
    "milestones",
    "on_request",
    "per_decision",
    "before_event",
    "per_convention",
]

#: The structured fields each deadline kind needs (others must be absent).
DEADLINE_FIELDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "annual": (),
        "annual_by_date": ("day", "month"),
        "year_range": ("start", "end"),
        "milestones": ("milestones",),
        "on_request": ("by",),
        "per_decision": ("legal_document",),
        "before_event": ("event", "by"),
        "per_convention": ("by",),
    }
)
_OPTIONAL_DEADLINE_FIELDS = {"annual": ("or_as_rescheduled",)}
#: The fields that say what (or who) a deadline's words refer to. A deadline with
#: ``readings`` (its words admit more than one) takes none of them: no field may
#: assert one reading as fact.
_READING_FIELDS = ("event", "by")
_STRUCTURED = ("day", "month", "start", "end", "milestones", "by", "legal_document", "event", "or_as_rescheduled")


class Deadline(Record):
    """The deadline as printed, and what it means."""

    as_printed: Text
    kind: DeadlineKind
    day: int | None = Field(None, ge=1, le=31)
    month: int | None = Field(None, ge=1, le=12)
    start: Year | None = None
    end: Year | None = None
    milestones: tuple[Milestone, ...] | None = None
    by: Id | None = None
    legal_document: Id | None = None
    event: Text | None = None
    or_as_rescheduled: bool | None = None
    readings: tuple[Text, ...] | None = Field(
        None,
        min_length=2,
        description="Where the printed words can be read more than one way: each possible reading, "
        "in the project's words. The deadline then has no 'event' and no 'by', so that nothing "
        "asserts one reading; pages show the words as printed and every reading.",
    )

    @model_validator(mode="after")
    def _fields_fit_kind(self) -> "Deadline":
        needed = DEADLINE_FIELDS[self.kind]
        if self.readings is not None:
            asserted = [name for name in _READING_FIELDS if getattr(self, name) is not None]
            if asserted:
                _deadline_error(Message.of("diag_deadline_readings_assert", field=asserted[0]), asserted[0])
            needed = tuple(name for name in needed if name not in _READING_FIELDS)
        allowed = set(needed) | set(_OPTIONAL_DEADLINE_FIELDS.get(self.kind, ()))
        missing = [name for name in needed if getattr(self, name) is None]
        extra = [name for name in _STRUCTURED if getattr(self, name) is not None and name not in allowed]
        if missing:
            _deadline_error(Message.of("diag_deadline_needs", kind=self.kind, field=missing[0]), None)
        if extra:
            _deadline_error(Message.of("diag_deadline_does_not_take", kind=self.kind, field=extra[0]), extra[0])
        if self.start is not None and self.end is not None and self.end < self.start:
            _deadline_error(Message.of("diag_deadline_ends_before", end=self.end, start=self.start), "end")
        if self.kind == "annual_by_date":
            try:
                datetime.date(2024, self.month, self.day)  # a leap year admits 29/2
            except ValueError:
                _deadline_error(Message.of("diag_deadline_not_a_date", day=self.day, month=self.month), "day")
        return self

    @property
    def years(self) -> tuple[int, ...]:
        """Every calendar year this deadline names (empty for open-ended ones)."""
        if self.kind == "year_range":
            return tuple(range(self.start, self.end + 1))
        if self.kind == "milestones":
            return tuple(sorted({y for m in self.milestones for y in range(m.start, m.end + 1)}))
        return ()

    @property
    def recurring(self) -> bool:
        return self.kind in ("annual", "annual_by_date")


def _deadline_error(message: Message, field: str | None):
    """Fail deadline validation; ``field`` (if given) is where the error is shown."""
    context = {"message": message, **({"field": field} if field else {})}
    raise PydanticCustomError("deadline", "{message}", context)


class Duty(Record):
    """A row of the table that assigns work: a task with its agencies, results and deadline."""

    number: DutyNumber = Field(description="The full number, e.g. C.V.1.2.")
    label: NonEmpty = Field(description="The number cell exactly as printed, e.g. '1.2.'.")
    task: Text
    lead: tuple[LeadLine, ...] = Field(min_length=1)
    coordination: tuple[CoordinationLine, ...] = ()
    results: tuple[Text, ...] = Field(min_length=1)
    deadline: Deadline
    topics: tuple[Id, ...] = Field(min_length=1)
    legal_documents: tuple[Id, ...] = ()
    notes: tuple[Note, ...] = ()

    @property
    def section(self) -> str:
        return self.number.split(".", 1)[0]

    @property
    def parent_number(self) -> str:
        return self.number.rsplit(".", 1)[0]

    def lead_agencies(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.agency for line in self.lead for a in line.agencies))

    def coordinating_agencies(self) -> tuple[CoordinatingAgency, ...]:
        return tuple(a for line in self.coordination for a in line.agencies)


class Group(Record):
    """A heading row of the table (e.g. C.V, C.V.1): not a duty, but its text is kept."""

    number: DutyNumber
    label: NonEmpty
    heading: Text
    notes: tuple[Note, ...] = ()

    @property
    def parent_number(self) -> str:
        return self.number.rsplit(".", 1)[0]


class Section(Record):
    """One lettered section of the table (A, B, C, D, Đ)."""

    section: SectionLetter
    slug: Id
    label: NonEmpty
    heading: Text
    groups: tuple[Group, ...] = ()
    notes: tuple[Note, ...] = ()
    duties: tuple[Duty, ...] = Field(min_length=1)


AgencyKind = Literal[
    "department",
    "police",
    "court",
    "procuracy",
    "military",
    "border_guard",
    "ethnic_affairs_committee",
    "district_committees",
    "school",
    "broadcaster",
    "mass_organisation",
    "party_commission",
    "generic",
    "ministry",
    "government",
    "treaty_body",
]


class Agency(Record):
    id: Id
    name: Text
    short: Text
    kind: AgencyKind
    level: Literal["provincial", "district", "national", "international"]
    aliases: tuple[NonEmpty, ...] = ()
    note: Text | None = None


class Topic(Record):
    id: Id
    name: Text
    description: Text


class LegalDocument(Record):
    id: Id
    kind: Literal["decision", "code", "international_instrument"]
    number: str | None = None
    date: datetime.date | None = None
    issuer: Id | None = None
    cited_as: Text = Field(description="How the plan cites the document.")
    subject: Text | None = Field(None, description="What the document adopted, only in the plan's own words.")


class PlanInfo(Record):
    title: Text
    title_is_descriptive: bool = False
    province: Text
    convention: Text
    featured_section: SectionLetter
    sections: tuple[SectionLetter, ...] = Field(min_length=1)
    site_url: HttpUrl | None = Field(
        None,
        description="The public address of the published site (e.g. https://example.org/cat/); "
        "the handbooks print short links and QR codes to it. Unset: they print each page's relative path.",
    )


class AgenciesFile(Record):
    agencies: tuple[Agency, ...] = Field(min_length=1)


class TopicsFile(Record):
    topics: tuple[Topic, ...] = Field(min_length=1)


class LegalDocumentsFile(Record):
    legal_documents: tuple[LegalDocument, ...] = ()


@dataclass(frozen=True)
class Plan:
    """The whole validated plan. Sections are in the order plan.yaml gives."""

    info: PlanInfo
    sections: tuple[Section, ...]
    agencies: Mapping[str, Agency]
    topics: Mapping[str, Topic]
    legal_documents: Mapping[str, LegalDocument]
    #: What was done (generator.tracking.Activity), in file order; empty when nothing is recorded.
    activities: tuple = ()
    #: Completion assessments (generator.tracking.Assessment), per duty and reporting year.
    assessments: tuple = ()

    @cached_property
    def duties(self) -> tuple[Duty, ...]:
        """Every duty in the table's order (worked out once: pages ask thousands of times)."""
        return tuple(d for s in self.sections for d in s.duties)

    def section(self, letter: str) -> Section:
        return next(s for s in self.sections if s.section == letter)


def duty_slug(number: str, section_slug: str) -> str:
    """The file-name slug of a duty or group: ``C.V.1.2`` -> ``c-v-1-2``, ``Đ.I`` -> ``dd-i``."""
    rest = number.split(".")[1:]
    return "-".join([section_slug, *(part.lower() for part in rest)])
