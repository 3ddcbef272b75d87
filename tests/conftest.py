"""Shared fixtures: the project root, the test roots, and data overlays.

A failure-mode root (``tests/roots/data-bad-*``) holds only the files that
differ from ``data-minimal``; :func:`make_root` lays one over the other in a
temporary folder, so every case stays one small, readable diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"
SEED = PROJECT / "plan_data" / "source" / "plan-table.txt"


def make_root(tmp_path: Path, *names: str) -> Path:
    """A project folder in ``tmp_path`` made of the named test roots, later ones on top."""
    target = tmp_path / "project"
    for name in names:
        shutil.copytree(ROOTS / name, target, dirs_exist_ok=True)
    return target


@pytest.fixture
def minimal_root(tmp_path: Path) -> Path:
    return make_root(tmp_path, "data-minimal")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The real data built into a complete site once per test session: (html folder, plan)."""
    from sitebuild import build, site_project

    from generator.validate import load_plan

    project = site_project(tmp_path_factory.mktemp("real-site"))
    return build(project), load_plan(project / "plan_data")
