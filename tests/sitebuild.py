"""Building test sites: the project's conf.py and docs/ with some plan_data/, in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import PROJECT, ROOTS

from generator.content.addresses import GENERATED
from generator.data.validate import load_plan
from generator.site.build import build_site


def site_project(target: Path, *data_roots: str) -> Path:
    """A project in ``target``: the real conf.py and docs/, plus plan_data/ from
    the named test roots (later ones on top) or, with none named, the real data."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(PROJECT / "conf.py", target / "conf.py")
    shutil.copytree(PROJECT / "docs", target / "docs", ignore=shutil.ignore_patterns(GENERATED), dirs_exist_ok=True)
    if data_roots:
        for name in data_roots:
            shutil.copytree(ROOTS / name / "plan_data", target / "plan_data", dirs_exist_ok=True)
    else:
        shutil.copytree(PROJECT / "plan_data", target / "plan_data", dirs_exist_ok=True)
    return target


def build(project: Path, langs=("vi", "en"), pdf: bool = False) -> Path:
    """Build the project's site (with the handbooks if ``pdf``); return the published html folder."""
    plan = load_plan(project / "plan_data")
    steps = ()
    if pdf:
        from generator.handbook.step import handbook_step

        steps = (handbook_step(project, plan),)
    result = build_site(project, plan, langs=langs, extra_steps=steps, log=lambda *_: None)
    assert result.ok, "\n".join(result.messages)
    return project / "_build" / "html"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def main_content(page: BeautifulSoup):
    """The article body (the generated page), without theme chrome."""
    return page.find("article") or page.find(attrs={"role": "main"}) or page.body


def pages_showing_task(plan, duty, as_of=None, edited=None, site=None) -> set[str]:
    """From the data: the generated pages that show ``duty``'s task (an edit to it must
    rewrite exactly these): its own page, its section, the schedule, its topics and
    agencies, every annual report (and its lead agencies' reports), and the progress
    overview while the duty is overdue there. A duty's page title names the start of
    its task: when the edit (``edited``: the duty after it) changes that title, the
    pages whose previous/next links show it change too (read from the built ``site``,
    a language folder: the links of the duty's own page point at them)."""
    from generator.content.tracking import report_years
    from generator.data.index import PlanIndex
    from generator.data.status import OVERDUE, resolve_as_of

    as_of = as_of or resolve_as_of(None)
    index = PlanIndex(plan)
    agencies = {a.agency for line in duty.lead for a in line.agencies}
    agencies |= {a.agency for line in duty.coordination for a in line.agencies}
    years = report_years(index, as_of)
    pages = {
        f"plan/duties/{index.slug(duty)}",
        f"plan/sections/{index.section_of[duty.number].slug}",
        "plan/schedule",
        *(f"plan/topics/{t}" for t in duty.topics),
        *(f"plan/agencies/{a}" for a in agencies),
        *(f"plan/reports/{y}" for y in years),
        *(f"plan/reports/{y}-{a}" for y in years for a in duty.lead_agencies()),
    }
    if index.tracker.deadline(duty, as_of).state == OVERDUE:
        pages.add("plan/progress")
    if edited is not None:
        from generator.content.discovery import duty_heading

        if any(duty_heading(duty, lang) != duty_heading(edited, lang) for lang in ("vi", "en")):
            own = Path(site) / "plan" / "duties" / f"{index.slug(duty)}.html"
            for link in soup(own).select("a.left-prev, a.right-next"):
                target = (own.parent / link["href"].split("#")[0]).resolve().relative_to(Path(site).resolve())
                pages.add(target.with_suffix("").as_posix())
    return pages
