"""Cost that grows with the data: no page may redo work proportional to the whole plan.

Timing is measured by tests/benchmark.py, not here; these tests count the work
that made a build quadratic before (each agency and topic page rebuilt the
plan's index to list its booklet), so that it cannot come back unnoticed.
"""

from __future__ import annotations

import pytest
from synthetic import scaled_plan

from generator.content.pages import build_view, page_specs
from generator.data.index import PlanIndex
from generator.data.validate import load_plan


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    root = tmp_path_factory.mktemp("x3")
    scaled_plan(root, 3)
    return load_plan(root / "plan_data")


def test_every_view_shares_one_index(plan, monkeypatch):
    index = PlanIndex(plan)
    made = []
    original = PlanIndex.__init__

    def counting(self, *args, **kwargs):
        made.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(PlanIndex, "__init__", counting)
    for lang in ("vi", "en"):
        for spec in page_specs(index):
            build_view(index, spec, lang)
    assert made == []


def test_the_agency_table_is_worked_out_once_per_index(plan, monkeypatch):
    index = PlanIndex(plan)
    calls = []
    table = PlanIndex.by_agency.func

    def counting(self):
        calls.append(self)
        return table(self)

    def once_per_index(self):
        if "_counted" not in self.__dict__:
            self.__dict__["_counted"] = counting(self)
        return self.__dict__["_counted"]

    monkeypatch.setattr(PlanIndex, "by_agency", property(once_per_index))
    specs = [s for s in page_specs(index) if s.kind in ("agency", "topic")]
    assert len(specs) > 100
    for spec in specs:
        build_view(index, spec, "vi")
    assert len(calls) == 1


def test_the_in_memory_doctree_cache_is_bounded():
    from types import SimpleNamespace

    from generator.site.extension import _on_doctree_read

    cache = {f"doc{i}": object() for i in range(5)}
    app = SimpleNamespace(env=SimpleNamespace(_write_doc_doctree_cache=cache), config=SimpleNamespace(plan_doctree_memory_limit=3))
    _on_doctree_read(app, None)
    assert list(cache) == ["doc3", "doc4"]  # the newest kept; with the doctree being read, 3


@pytest.mark.site
def test_pages_are_the_same_when_doctrees_are_read_back_from_disk(tmp_path):
    """With a cache of one doctree, Sphinx reads the others back from their pickles: same pages."""
    import subprocess

    from sitebuild import site_project

    from generator.site.build import sphinx_command

    project = site_project(tmp_path / "project", "data-minimal")
    pages = {}
    for limit in ("1", "100000"):
        out = tmp_path / f"html-{limit}"
        command = sphinx_command(project, "en", out, tmp_path / f"doctrees-{limit}", "plan_data", extra=["-D", f"plan_doctree_memory_limit={limit}"])
        subprocess.run(command, cwd=project, check=True, capture_output=True)
        pages[limit] = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.html")}
    assert len(pages["1"]) > 10
    assert pages["1"] == pages["100000"]
