"""Which PDFs exist, where each goes, and what each holds.

The documents (paths relative to the published html folder):

* the whole handbook in each language (``pdf/handbook-vi.pdf``, ``pdf/handbook-en.pdf``);
* the parallel edition, Vietnamese and English side by side (``pdf/handbook-vi-en.pdf``);
* a booklet per agency named in a duty (``pdf/<lang>/agencies/<id>.pdf``: the duties
  it leads, then those it coordinates or is asked to support) and per topic with
  duties (``pdf/<lang>/topics/<id>.pdf``).

This module imports neither Typst nor Sphinx: the site calls :func:`pdf_files` to
link the handbooks.
"""

from __future__ import annotations

import datetime
import functools
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..index import ROLES, PlanIndex
from ..labels import LANGUAGES
from ..model import Duty, Plan

#: Where the PDFs go, below the published html folder.
PDF_DIR = "pdf"
PARALLEL = "vi-en"
KINDS = ("full", "parallel", "agency", "topic")


@dataclass(frozen=True)
class DocumentSpec:
    """One PDF to make: its path, its kind, what it is about and in which language(s)."""

    path: str
    kind: str  # full | parallel | agency | topic
    key: str  # the agency's or topic's id; "" for the handbooks
    lang: str  # vi | en | vi-en

    @property
    def langs(self) -> tuple[str, ...]:
        return LANGUAGES if self.lang == PARALLEL else (self.lang,)


def handbook_path(lang: str) -> str:
    return f"{PDF_DIR}/handbook-{lang}.pdf"


def booklet_path(kind: str, key: str, lang: str) -> str:
    return f"{PDF_DIR}/{lang}/{kind}/{key}.pdf"


def booklet_agencies(index: PlanIndex) -> list[str]:
    """Agencies that get a booklet: those named in at least one duty."""
    return [a for a, roles in index.by_agency.items() if any(roles[r] for r in ROLES)]


def booklet_topics(index: PlanIndex) -> list[str]:
    return [t for t, duties in index.by_topic.items() if duties]


def specs(index: PlanIndex, kinds=KINDS) -> list[DocumentSpec]:
    """Every document of the plan, the handbooks first."""
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
    return out


def pdf_files(plan: Plan, index: PlanIndex | None = None) -> dict:
    """Every PDF the build makes, as paths relative to the published html folder.

    ``{"handbook": {"vi": ..., "en": ..., "vi-en": ...},
    "agencies": {agency_id: {"vi": ..., "en": ...}}, "topics": {topic_id: {"vi": ..., "en": ...}}}``;
    agencies and topics without duties have no booklet and are absent. Pass the
    plan's ``index`` when there is one: the answer is then worked out once per index.
    """
    return _pdf_files(index if index is not None else PlanIndex(plan))


@functools.lru_cache(maxsize=4)
def _pdf_files(index: PlanIndex) -> dict:
    return {
        "handbook": {lang: handbook_path(lang) for lang in (*LANGUAGES, PARALLEL)},
        "agencies": {a: {lang: booklet_path("agencies", a, lang) for lang in LANGUAGES} for a in booklet_agencies(index)},
        "topics": {t: {lang: booklet_path("topics", t, lang) for lang in LANGUAGES} for t in booklet_topics(index)},
    }


def agency_duties(index: PlanIndex, agency_id: str) -> tuple[list[Duty], list[Duty]]:
    """(duties the agency leads, the other duties naming it), each once, in the table's order."""
    roles = index.by_agency[agency_id]
    led = {inv.duty.number for inv in roles["lead"]}
    other = {inv.duty.number for role in ROLES[1:] for inv in roles[role]} - led
    return (
        [d for d in index.in_order if d.number in led],
        [d for d in index.in_order if d.number in other],
    )


def edition_date(root: Path, data_dir: str = "plan_data") -> datetime.date:
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
