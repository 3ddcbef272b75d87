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
