"""Measure the tracking core on the synthetic plans: load-and-check time and report time.

Prints figures; asserts nothing (speed is measured, not tested). Run from the project:

    PYTHONPATH=. python tests/bench_tracking.py [FACTOR ...]    # default: 1 10 50

For each factor: the check of the plan without activity records and with ten per
duty (so the records' own cost shows), and the three annual reports (2023-2025) of
the whole plan built from one Tracker, best of three.
"""

from __future__ import annotations

import datetime
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import scaled_plan  # noqa: E402

from generator.data.report import annual_report  # noqa: E402
from generator.data.status import Tracker  # noqa: E402
from generator.data.validate import check  # noqa: E402


def _check_seconds(folder: Path):
    start = time.perf_counter()
    plan, diagnostics = check(folder / "plan_data", folder)
    assert plan is not None, [str(d) for d in diagnostics[:5]]
    return plan, time.perf_counter() - start


def measure(factor: int) -> str:
    with tempfile.TemporaryDirectory() as bare_dir, tempfile.TemporaryDirectory() as full_dir:
        scaled_plan(Path(bare_dir), factor, activities_per_duty=0)
        scaled_plan(Path(full_dir), factor)
        _, bare = _check_seconds(Path(bare_dir))
        plan, full = _check_seconds(Path(full_dir))
        size = sum(p.stat().st_size for p in (Path(full_dir) / "plan_data" / "activities").glob("*.yaml"))
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            tracker = Tracker(plan)
            for year in (2023, 2024, 2025):
                annual_report(plan, year, datetime.date(2025, 6, 1), tracker=tracker)
            best = min(best, time.perf_counter() - start)
    return (
        f"x{factor}: {len(plan.duties)} duties, {len(plan.activities)} records ({size / 1e6:.1f} MB of YAML); "
        f"check {bare:.2f} s without records, {full:.2f} s with; three annual reports {best:.3f} s"
    )


if __name__ == "__main__":
    for factor in [int(a) for a in sys.argv[1:]] or [1, 10, 50]:
        print(measure(factor), flush=True)
