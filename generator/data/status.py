"""Where each duty stands as of a date: completion per reporting year, and its deadline.

Pure functions of the validated plan (its activity records and assessments
included) and an *as-of* date; nothing here reads the clock except
:func:`resolve_as_of`, the one place that decides the as-of date.

The as-of date
==============

====================================  ==========================================
given                                 as-of date
====================================  ==========================================
``--as-of YYYY-MM-DD``                that day
else ``SOURCE_DATE_EPOCH`` (seconds)  its UTC date (a reproducible build)
else                                  today (the build date, local time)
====================================  ==========================================

Completion of a duty in a reporting year
========================================

==========================================  ====================================
what is recorded for the duty and year      completion shown
==========================================  ====================================
an assessment                               the assessment's: not_started,
                                            limited, substantial or completed
no assessment, an activity in that year     ``activity_not_assessed``
no assessment, no activity in that year     ``no_evidence`` ("no evidence
                                            recorded"), never a guess
==========================================  ====================================

An activity is "in" a year when its date (a day, a month, a year or a
period) overlaps that calendar year; a period over two years counts in both.

Reporting dates and the deadline state
======================================

The plan's years run from the first to the last calendar year its deadlines
name (:func:`plan_years`); the real plan: 2023–2026. Each kind of deadline
gives reporting dates, and for each the span an activity must fall in to
count for it:

====================  =============================  ============================
deadline kind         reporting dates                an activity counts for it if
                                                     its date overlaps
====================  =============================  ============================
``annual``            31/12 of each plan year        that calendar year
``annual_by_date``    the printed day (15/12) of     1/1 of that year to that day
                      each plan year
``year_range``        31/12 of the range's last      the whole range
                      year
``milestones``        31/12 of each milestone's      the milestone's years
                      last year
``on_request``,       none: never due, never         –
``before_event``,     overdue
``per_convention``,
``per_decision``
====================  =============================  ============================

"Hàng năm" (annual) names no day: 31/12 is the last day on which the year's
work can still be done, so it is the reporting date (and the annual report
the plan asks for covers the calendar year).

The state, the first rule that applies winning:

=================  ==============================================================
state              when
=================  ==============================================================
``ongoing``        the deadline has no reporting date (on request, before an
                   event, per the Convention, per a decision): never overdue
``overdue``        a reporting date has passed (as-of date after it) and no
                   activity counts for it
``due``            a reporting date falls within the next 30 days, as-of date
                   and the 30th day included (IMPACT OSS's rule)
``not_yet_due``    a reporting date is more than 30 days away
``passed``         every reporting date has passed, each with an activity
=================  ==============================================================
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Mapping

from .diagnostics import Message
from .model import Duty, Plan

#: A reporting date is "due" this many days ahead.
DUE_WINDOW_DAYS = 30
#: "Upcoming" deadlines on the progress overview: within this many days.
UPCOMING_DAYS = 90

#: The completion shown when no assessment exists.
NO_EVIDENCE = "no_evidence"
ACTIVITY_NOT_ASSESSED = "activity_not_assessed"

ONGOING, OVERDUE, DUE, NOT_YET_DUE, PASSED = "ongoing", "overdue", "due", "not_yet_due", "passed"
DEADLINE_STATES = (OVERDUE, DUE, NOT_YET_DUE, PASSED, ONGOING)


class AsOfError(ValueError):
    """The as-of date given cannot be read; ``message`` says which and why (str(): in English)."""

    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


def resolve_as_of(
    option: str | None = None,
    environ: Mapping[str, str] | None = None,
    today: Callable[[], datetime.date] = datetime.date.today,
) -> datetime.date:
    """The as-of date: ``--as-of``, else ``SOURCE_DATE_EPOCH`` (UTC), else today."""
    if option is not None:
        try:
            return datetime.date.fromisoformat(option) if len(option) == 10 else _not_a_date(option)
        except ValueError:
            raise AsOfError(Message.of("diag_as_of_not_date", value=option)) from None
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch not in (None, ""):
        try:
            seconds = int(epoch)
            return datetime.datetime.fromtimestamp(seconds, tz=datetime.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise AsOfError(Message.of("diag_epoch_not_number", value=epoch)) from None
    return today()


def _not_a_date(text: str):
    raise ValueError(text)


def plan_years(plan: Plan) -> tuple[int, int] | None:
    """(first, last) calendar year named by the plan's deadlines; None if none names a year
    (then no deadline has a reporting date, and there is no annual report)."""
    years = [y for d in plan.duties for y in d.deadline.years]
    if not years:
        return None
    return min(years), max(years)


@dataclass(frozen=True)
class ReportingDate:
    """A day by which something must be reported, and the span that counts for it."""

    date: datetime.date
    covers_from: datetime.date
    covers_to: datetime.date
    stage: str = ""  # a milestone's stage (preliminary_report, final_report), else ""


def reporting_dates(duty: Duty, years: tuple[int, int] | None) -> tuple[ReportingDate, ...]:
    """Every reporting date of ``duty`` (see the table in the module docstring), in order."""
    d = duty.deadline
    first, last = years or (0, -1)  # a plan that names no year: no annual reporting dates
    out: list[ReportingDate] = []
    if d.kind == "annual":
        for y in range(first, last + 1):
            out.append(ReportingDate(datetime.date(y, 12, 31), datetime.date(y, 1, 1), datetime.date(y, 12, 31)))
    elif d.kind == "annual_by_date":
        for y in range(first, last + 1):
            day = min(d.day, 28) if (d.month, d.day) == (2, 29) and not _leap(y) else d.day
            due = datetime.date(y, d.month, day)
            out.append(ReportingDate(due, datetime.date(y, 1, 1), due))
    elif d.kind == "year_range":
        out.append(ReportingDate(datetime.date(d.end, 12, 31), datetime.date(d.start, 1, 1), datetime.date(d.end, 12, 31)))
    elif d.kind == "milestones":
        for m in d.milestones:
            out.append(
                ReportingDate(datetime.date(m.end, 12, 31), datetime.date(m.start, 1, 1), datetime.date(m.end, 12, 31), m.stage)
            )
    return tuple(sorted(out, key=lambda r: r.date))


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


@dataclass(frozen=True)
class CompletionStatus:
    """A duty's completion in a reporting year, and what it rests on."""

    state: str  # a value of the completion scale, ACTIVITY_NOT_ASSESSED or NO_EVIDENCE
    assessment: object | None  # generator.tracking.Assessment
    activities: tuple  # generator.tracking.Activity, oldest first


@dataclass(frozen=True)
class DeadlineStatus:
    state: str  # one of DEADLINE_STATES
    dates: tuple[ReportingDate, ...]
    overdue: tuple[ReportingDate, ...]  # passed with no activity counting for them
    next: ReportingDate | None  # the first reporting date on or after the as-of date


class Tracker:
    """Status lookups over one plan; build once, ask per duty."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.years = plan_years(plan)

    @cached_property
    def activities_of(self) -> dict[str, tuple]:
        """duty number -> its activity records, oldest first (then by id)."""
        table: dict[str, list] = {d.number: [] for d in self.plan.duties}
        for activity in self.plan.activities:
            for number in activity.duties:
                table.setdefault(number, []).append(activity)
        return {n: tuple(sorted(acts, key=lambda a: (a.date.first, a.date.last, a.id))) for n, acts in table.items()}

    @cached_property
    def activities_by_agency(self) -> dict[str, tuple]:
        """agency id -> the activity records it carried out, in file order."""
        table: dict[str, list] = {}
        for activity in self.plan.activities:
            for agency in dict.fromkeys(activity.agencies):
                table.setdefault(agency, []).append(activity)
        return {a: tuple(acts) for a, acts in table.items()}

    @cached_property
    def led_by(self) -> dict[str, dict[str, tuple[Duty, ...]]]:
        """agency id -> section letter -> the duties it leads there, in the table's order.

        Worked out once: a report per lead agency and year that looked through every duty
        made the reports grow as agencies x duties (quadratic in the size of the plan).
        """
        table: dict[str, dict[str, list[Duty]]] = {}
        for section in self.plan.sections:
            for duty in section.duties:
                for agency in duty.lead_agencies():
                    table.setdefault(agency, {}).setdefault(section.section, []).append(duty)
        return {a: {letter: tuple(ds) for letter, ds in parts.items()} for a, parts in table.items()}

    @cached_property
    def assessment_of(self) -> dict[tuple[str, int], object]:
        return {(a.duty, a.year): a for a in self.plan.assessments}

    def activities_in(self, duty: Duty | str, first: datetime.date, last: datetime.date) -> tuple:
        number = duty if isinstance(duty, str) else duty.number
        return tuple(a for a in self.activities_of.get(number, ()) if a.date.overlaps(first, last))

    def completion(self, duty: Duty | str, year: int) -> CompletionStatus:
        number = duty if isinstance(duty, str) else duty.number
        activities = self.activities_in(number, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        assessment = self.assessment_of.get((number, year))
        if assessment is not None:
            return CompletionStatus(assessment.completion, assessment, activities)
        return CompletionStatus(ACTIVITY_NOT_ASSESSED if activities else NO_EVIDENCE, None, activities)

    def deadline(self, duty: Duty, as_of: datetime.date) -> DeadlineStatus:
        dates = reporting_dates(duty, self.years)
        upcoming = next((r for r in dates if r.date >= as_of), None)
        if not dates:
            return DeadlineStatus(ONGOING, dates, (), None)
        known = self.activities_of.get(duty.number, ())
        overdue = tuple(
            r
            for r in dates
            if r.date < as_of and not any(a.date.overlaps(r.covers_from, r.covers_to) for a in known)
        )
        if overdue:
            state = OVERDUE
        elif upcoming is None:
            state = PASSED
        elif (upcoming.date - as_of).days <= DUE_WINDOW_DAYS:
            state = DUE
        else:
            state = NOT_YET_DUE
        return DeadlineStatus(state, dates, overdue, upcoming)

    def upcoming(self, as_of: datetime.date, days: int = UPCOMING_DAYS) -> list[tuple[ReportingDate, Duty]]:
        """Reporting dates from the as-of date to ``days`` later (both included), by date then plan order."""
        out = []
        for duty in self.plan.duties:
            for r in reporting_dates(duty, self.years):
                if 0 <= (r.date - as_of).days <= days:
                    out.append((r, duty))
        return sorted(out, key=lambda pair: pair[0].date)  # stable: plan order within a day
