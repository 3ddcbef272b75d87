"""The lookups pages need, computed once from a validated plan."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from .model import Duty, Group, Plan, Section, duty_slug
from .status import Tracker

#: The roles an agency can have in a duty, in the order agency pages show them.
ROLES = ("lead", "coordinates", "within_competence", "requested")


@dataclass(frozen=True)
class Involvement:
    """An agency named in a duty: its role there, and the printed qualifier."""

    duty: Duty
    role: str  # one of ROLES
    detail: str  # lead basis, or "on_lead_proposal" / ""


class PlanIndex:
    def __init__(self, plan: Plan):
        self.plan = plan

    @cached_property
    def tracker(self) -> Tracker:
        """Status lookups (completion, deadlines) over this plan's activity records."""
        return Tracker(self.plan)

    @cached_property
    def section_of(self) -> dict[str, Section]:
        return {d.number: s for s in self.plan.sections for d in s.duties}

    @cached_property
    def duty(self) -> dict[str, Duty]:
        return {d.number: d for d in self.plan.duties}

    @cached_property
    def activity(self) -> dict:
        """The activity records by id."""
        return {a.id: a for a in self.plan.activities}

    def slug(self, duty: Duty | Group) -> str:
        section = self.section_of.get(duty.number) or self._section_by_letter[duty.number.split(".")[0]]
        return duty_slug(duty.number, section.slug)

    @cached_property
    def _section_by_letter(self) -> dict[str, Section]:
        return {s.section: s for s in self.plan.sections}

    def groups_above(self, duty: Duty) -> list[Group]:
        """The group headings a duty sits under, outermost first."""
        section = self.section_of[duty.number]
        groups = {g.number: g for g in section.groups}
        chain, number = [], duty.parent_number
        while number in groups:
            chain.append(groups[number])
            number = groups[number].parent_number
        return chain[::-1]

    @cached_property
    def in_order(self) -> tuple[Duty, ...]:
        """Duties in the order of the adopted table (A, B, C, D, Đ)."""
        return self.plan.duties

    @cached_property
    def neighbours(self) -> dict[str, tuple[Duty | None, Duty | None]]:
        duties = self.in_order
        return {
            d.number: (duties[i - 1] if i else None, duties[i + 1] if i + 1 < len(duties) else None)
            for i, d in enumerate(duties)
        }

    @cached_property
    def by_agency(self) -> dict[str, dict[str, list[Involvement]]]:
        """agency id -> role -> the duties naming it in that role (each duty once per role)."""
        table: dict[str, dict[str, list[Involvement]]] = defaultdict(lambda: {r: [] for r in ROLES})
        for duty in self.in_order:
            seen: set[tuple[str, str]] = set()
            for line in duty.lead:
                for entry in line.agencies:
                    if (entry.agency, "lead") not in seen:
                        seen.add((entry.agency, "lead"))
                        table[entry.agency]["lead"].append(Involvement(duty, "lead", entry.basis))
            for entry in duty.coordinating_agencies():
                if (entry.agency, entry.role) not in seen:
                    seen.add((entry.agency, entry.role))
                    detail = "on_lead_proposal" if entry.on_lead_proposal else ""
                    table[entry.agency][entry.role].append(Involvement(duty, entry.role, detail))
        return {agency: table[agency] for agency in self.plan.agencies}

    @cached_property
    def deadlines_by_agency(self) -> dict[str, list[Duty]]:
        out: dict[str, list[Duty]] = defaultdict(list)
        for duty in self.in_order:
            if duty.deadline.by:
                out[duty.deadline.by].append(duty)
        return out

    @cached_property
    def documents_by_issuer(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for doc in self.plan.legal_documents.values():
            if doc.issuer:
                out[doc.issuer].append(doc.id)
        return out

    @cached_property
    def by_topic(self) -> dict[str, list[Duty]]:
        out: dict[str, list[Duty]] = {t: [] for t in self.plan.topics}
        for duty in self.in_order:
            for topic in duty.topics:
                out[topic].append(duty)
        return out

    @cached_property
    def by_legal_document(self) -> dict[str, list[Duty]]:
        out: dict[str, list[Duty]] = {d: [] for d in self.plan.legal_documents}
        for duty in self.in_order:
            cited = dict.fromkeys([*duty.legal_documents, *filter(None, [duty.deadline.legal_document])])
            for doc in cited:
                out[doc].append(duty)
        return out

    @cached_property
    def schedule(self) -> tuple[list[Duty], dict[int, list[Duty]], list[Duty]]:
        """(recurring every year, by calendar year, not tied to a year)."""
        recurring, by_year, open_ended = [], defaultdict(list), []
        for duty in self.in_order:
            if duty.deadline.recurring:
                recurring.append(duty)
            elif duty.deadline.years:
                for year in duty.deadline.years:
                    by_year[year].append(duty)
            else:
                open_ended.append(duty)
        return recurring, dict(sorted(by_year.items())), open_ended
