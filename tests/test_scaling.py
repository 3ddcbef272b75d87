"""Cost that grows with the data: no page may redo work proportional to the whole plan.

Timing is measured by tests/benchmark.py, not here; these tests count the work
that made a build quadratic before (each agency and topic page rebuilt the
plan's index to list its booklet), so that it cannot come back unnoticed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from synthetic import scaled_plan

from generator.index import PlanIndex
from generator.pages import build_view, page_specs
from generator.validate import load_plan


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
