"""The figures of the annual implementation report: pure data, no layout.

:func:`annual_report` follows the plan's order (sections, then duties): for
each duty its completion in the year, its deadline state, and the year's
activities; totals per section and for the plan; the duties with no evidence
and the overdue ones. With ``agency``, only the duties that agency leads
(what it must put in its own annual report), with every activity recorded
for them, whoever carried it out.

Every total is a :class:`Sum`: its value and the ids of the records it adds
up, so that each figure in a report can cite its sources.

========================  =====================================================
total                     what it adds up
========================  =====================================================
``activities``            the records dated in the year (counted once each,
                          even when they serve several duties)
``by_kind[k]``            the records of kind ``k``
``people_trained``        the ``participants`` figures of training courses and
                          of conferences or workshops
``publications``          the records of kind ``publication_or_media``
``copies``                every ``copies`` figure
``broadcasts``            every ``broadcasts`` figure
========================  =====================================================

A record is in a year when its date overlaps that calendar year (see
:mod:`generator.status`): a period over two years counts in both years'
reports. A record serving duties of two sections counts in each section's
totals and once in the plan's, so section totals may add up to more than the
plan's. Only figures the sources give are added; a record without a
``participants`` figure adds nothing to ``people_trained`` (never a guess).

The deadline states are taken as of the report date: the as-of date, or 1
January of the next year for a year that has ended by then (so a closed year
reads as it ended, its 31/12 deadlines judged).
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from typing import Mapping

from .model import Duty, Plan, Section
from .status import NO_EVIDENCE, OVERDUE, CompletionStatus, DeadlineStatus, Tracker
from .tracking import ACTIVITY_KINDS

#: Kinds whose participants count as people trained.
TRAINING_KINDS = ("training_course", "conference_or_workshop")


@dataclass(frozen=True)
class Sum:
    """A figure and the ids of the records it adds up (in date order)."""

    value: int
    records: tuple[str, ...]


@dataclass(frozen=True)
class Totals:
    activities: Sum
    by_kind: Mapping[str, Sum]  # every kind of the vocabulary, in its order; zero when none
    people_trained: Sum
    publications: Sum
    copies: Sum
    broadcasts: Sum


def totals(records) -> Totals:
    """The totals of ``records`` (each counted once, whatever the order given), in one
    pass over them rather than one per figure (about a quarter less CPU at x50)."""
    unique = sorted({r.id: r for r in records}.values(), key=lambda r: (r.date.first, r.date.last, r.id))
    of_kind: dict[str, list[str]] = {k: [] for k in ACTIVITY_KINDS}
    given: dict[str, list[tuple[str, int]]] = {unit: [] for unit in ("participants", "copies", "broadcasts")}
    for r in unique:
        if r.kind in of_kind:
            of_kind[r.kind].append(r.id)
        for unit, found in given.items():
            if r.figures and (unit != "participants" or r.kind in TRAINING_KINDS):
                value = r.figure(unit)
                if value is not None:
                    found.append((r.id, value))

    def summed(unit: str) -> Sum:
        return Sum(sum(value for _, value in given[unit]), tuple(rid for rid, _ in given[unit]))

    by_kind = {k: Sum(len(ids), tuple(ids)) for k, ids in of_kind.items()}
    return Totals(
        activities=Sum(len(unique), tuple(r.id for r in unique)),
        by_kind=by_kind,
        people_trained=summed("participants"),
        publications=by_kind["publication_or_media"],
        copies=summed("copies"),
        broadcasts=summed("broadcasts"),
    )


@dataclass(frozen=True)
class DutyEntry:
    duty: Duty
    completion: CompletionStatus
    deadline: DeadlineStatus
    activities: tuple  # the year's records for this duty, oldest first


@dataclass(frozen=True)
class SectionReport:
    section: Section
    duties: tuple[DutyEntry, ...]

    @functools.cached_property
    def totals(self) -> Totals:
        """Worked out when asked: a page with one part of a report does not show them."""
        return totals([a for e in self.duties for a in e.activities])


@dataclass(frozen=True)
class Report:
    year: int
    as_of: datetime.date
    status_date: datetime.date  # the date deadline states are taken at
    agency: str | None
    sections: tuple[SectionReport, ...]
    no_evidence: tuple[Duty, ...]
    overdue: tuple[Duty, ...]

    @property
    def duties(self) -> tuple[DutyEntry, ...]:
        return tuple(e for s in self.sections for e in s.duties)

    @functools.cached_property
    def totals(self) -> Totals:
        """Worked out when asked (see :attr:`SectionReport.totals`)."""
        return totals([a for e in self.duties for a in e.activities])


def annual_report(
    plan: Plan, year: int, as_of: datetime.date, agency: str | None = None, tracker: Tracker | None = None
) -> Report:
    """The report of ``year`` (for the duties ``agency`` leads, if given)."""
    if agency is not None and agency not in plan.agencies:
        raise KeyError(f"unknown agency '{agency}'")
    tracker = tracker or Tracker(plan)
    status_date = min(as_of, datetime.date(year + 1, 1, 1))
    led = tracker.led_by.get(agency, {}) if agency is not None else None
    sections = []
    for section in plan.sections:
        entries = []
        for duty in section.duties if led is None else led.get(section.section, ()):
            completion = tracker.completion(duty, year)
            entries.append(DutyEntry(duty, completion, tracker.deadline(duty, status_date), completion.activities))
        if entries:
            sections.append(
                SectionReport(section, tuple(entries))
            )
    everything = [e for s in sections for e in s.duties]
    return Report(
        year=year,
        as_of=as_of,
        status_date=status_date,
        agency=agency,
        sections=tuple(sections),
        no_evidence=tuple(e.duty for e in everything if e.completion.state == NO_EVIDENCE),
        overdue=tuple(e.duty for e in everything if e.deadline.state == OVERDUE),
    )
