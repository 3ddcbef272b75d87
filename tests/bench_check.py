"""What checking the data costs, and what the build pays for it, at x1, x10 and x50.

    PYTHONPATH=. .venv/bin/python tests/bench_check.py [--scales 1,10,50] [--runs 3] [--work DIR]

CPU seconds of this process (time.process_time), the median of ``--runs`` runs,
with the garbage collector set as ``generator build`` sets it. For each size:

- ``check(data_dir, root)`` without a cache folder (every file parsed and validated);
- with the build's cache folder: cold (empty), warm (nothing changed) and after one
  duty's English changed (tests/benchmark.py ``edit_one_duty``: sections/c.yaml);
- what the build command's path does (generator.site.buildcache ``checked_plan``):
  nothing changed (the whole checked plan read back from plan.pickle) and after the
  edit (the check, then plan.pickle written for the Sphinx builds).

Run from another checkout (PYTHONPATH pointing at it) it measures that code: a
``check`` without a ``cache_dir`` parameter is measured without one.

``--phases N``: instead, where one ``check`` without a cache spends its CPU at xN,
by phase (each phase's own time, the phases it calls left out).
"""

from __future__ import annotations

import argparse
import inspect
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

# the code measured: the generator found on PYTHONPATH, imported before the helpers
# of tests/ (tests/benchmark.py puts its own checkout first on the path)
from generator.data.validate import check  # noqa: E402
from generator.site import buildcache  # noqa: E402
from generator.site.sphinx_run import collecting_less_often  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmark import edit_one_duty  # noqa: E402
from sitebuild import site_project  # noqa: E402
from synthetic import scaled_plan  # noqa: E402

CACHED = "cache_dir" in inspect.signature(check).parameters


def cpu(function, *args, **kwargs) -> float:
    start = time.process_time()
    function(*args, **kwargs)
    return time.process_time() - start


def calibration() -> float:
    """CPU seconds of a fixed pure-Python loop: how fast this machine is right now."""
    start = time.process_time()
    total = 0
    for i in range(5_000_000):
        total += i
    return time.process_time() - start


def project_of(factor: int, work: Path) -> Path:
    project = work / f"check-x{factor}"
    if not (project / "plan_data").is_dir():
        site_project(project)
        if factor != 1:
            shutil.rmtree(project / "plan_data")
            scaled_plan(project, factor)
    return project


def measure(factor: int, work: Path, runs: int) -> dict[str, float]:
    project = project_of(factor, work)
    data = project / "plan_data"
    section = data / "sections" / "c.yaml"
    cache = Path(tempfile.mkdtemp(dir=work))
    times: dict[str, list[float]] = {}

    def add(name: str, seconds: float) -> None:
        times.setdefault(name, []).append(seconds)

    try:
        for _ in range(runs):
            add("check, no cache", cpu(check, data, project))
            if CACHED:
                shutil.rmtree(cache, ignore_errors=True)
                add("check, cold cache", cpu(check, data, project, cache))
                add("check, warm cache", cpu(check, data, project, cache))
                original = edit_one_duty(project)
                add("check, one duty edited", cpu(check, data, project, cache))
                section.write_text(original, encoding="utf-8")
                check(data, project, cache)  # the cache holds the original again
            # the build command's path: plan.pickle, and the check behind it
            shutil.rmtree(cache, ignore_errors=True)
            buildcache.checked_plan(data, project, cache)  # a first build
            add("build path, nothing changed", cpu(buildcache.checked_plan, data, project, cache))
            original = edit_one_duty(project)
            add("build path, one duty edited", cpu(buildcache.checked_plan, data, project, cache))
            section.write_text(original, encoding="utf-8")
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    return {name: statistics.median(values) for name, values in times.items()}


def phases(factor: int, work: Path) -> None:
    """CPU seconds of one check without a cache, by phase (the functions that exist in this code)."""
    import collections
    import functools

    import yaml

    from generator.data import load, messages, tracking_check, validate

    try:
        from generator.data import filecache
    except ImportError:
        filecache = None
    own: collections.Counter = collections.Counter()
    stack: list[float] = []

    def wrap(module, name: str, label) -> None:
        function = getattr(module, name, None) if module is not None else None
        if function is None or getattr(function, "_phase", False):
            return

        @functools.wraps(function)
        def timed(*args, **kwargs):
            start = time.process_time()
            stack.append(0.0)
            try:
                return function(*args, **kwargs)
            finally:
                spent = time.process_time() - start
                inner = stack.pop()
                own[label(*args) if callable(label) else label] += spent - inner
                if stack:
                    stack[-1] += spent

        timed._phase = True
        setattr(module, name, timed)

    wrap(load, "decode", "read and decode")
    wrap(load, "_refuse_unsafe_events", "YAML: the scan for anchors, aliases and tags")
    wrap(yaml, "compose", "YAML: composing the nodes (libyaml, and PyYAML's resolver)")
    wrap(load, "_plain", "plain data, NFC, places")
    for module in (validate, filecache):
        wrap(module, "_check_invisible", "invisible characters")
        wrap(module, "check_invisible", "invisible characters")
    wrap(filecache, "outline", "outlines")
    wrap(validate._Registries, "collect", "registries")
    wrap(validate, "_check_sections", "checks across files: sections")
    wrap(validate, "check_references", "checks across files: activity records")
    wrap(messages, "_drop_empty", "models: empty values dropped")
    for module in (validate, tracking_check, filecache):
        wrap(module, "validate_file", lambda model, *rest: f"models: {model.__name__}")
    project = project_of(factor, work)
    start = time.process_time()
    check(project / "plan_data", project)
    total = time.process_time() - start
    print(f"| phase (x{factor}, one check without a cache) | CPU seconds |")
    print("| --- | --- |")
    for label, seconds in own.most_common():
        print(f"| {label} | {seconds:.2f} |")
    print(f"| the rest | {total - sum(own.values()):.2f} |")
    print(f"| total | {total:.2f} |")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="1,10,50")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None, help="where the synthetic projects are kept")
    parser.add_argument("--phases", type=int, default=None, metavar="N")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-check-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.phases:
        print(f"calibration (5M-step Python loop): {calibration():.2f} s CPU")
        with collecting_less_often():
            phases(args.phases, work)
        return 0
    scales = [int(s) for s in args.scales.split(",")]
    import generator

    print(f"code: {Path(generator.__file__).parent.parent}; per-file cache: {CACHED}")
    print(f"calibration (5M-step Python loop): {calibration():.2f} s CPU")
    with collecting_less_often():
        results = {factor: measure(factor, work, args.runs) for factor in scales}
    names = list(next(iter(results.values())))
    print("| CPU seconds | " + " | ".join(f"x{f}" for f in scales) + " |")
    print("| --- |" + " --- |" * len(scales))
    for name in names:
        print(f"| {name} | " + " | ".join(f"{results[f][name]:.2f}" for f in scales) + " |")
    print(f"calibration after: {calibration():.2f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
