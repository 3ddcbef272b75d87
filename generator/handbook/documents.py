"""Which PDFs exist, where each goes, and what each holds.

The documents (paths relative to the published html folder):

* the whole handbook in each language (``pdf/handbook-vi.pdf``, ``pdf/handbook-en.pdf``);
* the parallel edition, Vietnamese and English side by side (``pdf/handbook-vi-en.pdf``);
* a booklet per agency named in a duty (``pdf/<lang>/agencies/<id>.pdf``: the duties
  it leads, then those it coordinates or is asked to support) and per topic with
  duties (``pdf/<lang>/topics/<id>.pdf``);
* the annual implementation report of each year from the plan's first to the as-of
  year, for the plan (``pdf/<lang>/reports/<year>.pdf``) and for each lead agency
  (``pdf/<lang>/reports/<year>-<id>.pdf``): the report page of the site, printed.

The paths come from the address book (generator.content.addresses), which the
site also asks to link the handbooks.
"""

from __future__ import annotations

import datetime
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..content.addresses import (
    PARALLEL,
    booklet_agencies,
    booklet_path,
    booklet_topics,
    handbook_path,
    report_pdf,
)
from ..content.tracking import lead_agencies, report_years
from ..data.index import ROLES, PlanIndex
from ..data.model import Duty
from ..project import DATA_DIR, LANGUAGES

KINDS = ("full", "parallel", "agency", "topic", "report")


@dataclass(frozen=True)
class DocumentSpec:
    """One PDF to make: its path, its kind, what it is about and in which language(s)."""

    path: str
    kind: str  # full | parallel | agency | topic | report
    key: str  # the agency's or topic's id; "" for the handbooks and the plan's report
    lang: str  # vi | en | vi-en
    year: int = 0  # a report's year

    @property
    def langs(self) -> tuple[str, ...]:
        return LANGUAGES if self.lang == PARALLEL else (self.lang,)


def specs(index: PlanIndex, kinds=KINDS, as_of: datetime.date | None = None) -> list[DocumentSpec]:
    """Every document of the plan, the handbooks first; the reports run up to the year of
    ``as_of`` (see generator.data.status.resolve_as_of), newest first as on the site."""
    out: list[DocumentSpec] = []
    if "full" in kinds:
        out += [DocumentSpec(handbook_path(lang), "full", "", lang) for lang in LANGUAGES]
    if "parallel" in kinds:
        out.append(DocumentSpec(handbook_path(PARALLEL), "parallel", "", PARALLEL))
    if "agency" in kinds:
        for agency_id in booklet_agencies(index):
            out += [DocumentSpec(booklet_path("agencies", agency_id, lang), "agency", agency_id, lang) for lang in LANGUAGES]
    if "topic" in kinds:
        for topic_id in booklet_topics(index):
            out += [DocumentSpec(booklet_path("topics", topic_id, lang), "topic", topic_id, lang) for lang in LANGUAGES]
    if "report" in kinds:
        if as_of is None:
            raise ValueError("the reports need an as-of date")
        for year in reversed(report_years(index, as_of)):
            for agency_id in (None, *lead_agencies(index)):
                out += [DocumentSpec(report_pdf(year, agency_id, lang), "report", agency_id or "", lang, year) for lang in LANGUAGES]
    return out


def agency_duties(index: PlanIndex, agency_id: str) -> tuple[list[Duty], list[Duty]]:
    """(duties the agency leads, the other duties naming it), each once, in the table's order."""
    roles = index.by_agency[agency_id]
    led = {inv.duty.number for inv in roles["lead"]}
    other = {inv.duty.number for role in ROLES[1:] for inv in roles[role]} - led
    return (
        [d for d in index.in_order if d.number in led],
        [d for d in index.in_order if d.number in other],
    )


def edition_date(root: Path, data_dir: str = DATA_DIR) -> datetime.date:
    """The date of the data: its last git commit, else the newest data file (never the build clock)."""
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", data_dir],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        if done.returncode == 0 and done.stdout.strip():
            return datetime.date.fromisoformat(done.stdout.strip())
    except (OSError, subprocess.SubprocessError, ValueError):
        pass
    files = [p for p in (Path(root) / data_dir).rglob("*") if p.is_file()]
    if not files:
        raise FileNotFoundError(f"no data files in {Path(root) / data_dir}")
    return datetime.date.fromtimestamp(max(p.stat().st_mtime for p in files))
