"""Speed, size and scale, measured: `make bench` prints a table and writes BENCHMARKS.md.

Not a test: figures are measured here and recorded, never asserted by timed tests.

    .venv/bin/python tests/benchmark.py [--scales 10 50] [--out BENCHMARKS.md]
    .venv/bin/python tests/benchmark.py --rebuild [--scales 10 50]   # only the rebuild table, printed
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from pypdf import PdfReader  # noqa: E402
from sitebuild import site_project  # noqa: E402
from synthetic import scaled_plan  # noqa: E402
from weight import page_assets  # noqa: E402

from generator.content.pages import build_view, page_specs  # noqa: E402
from generator.data.index import PlanIndex  # noqa: E402
from generator.data.validate import load_plan  # noqa: E402
from generator.site.build import build_site, sphinx_command  # noqa: E402
from generator.site.generate import write_stubs  # noqa: E402

#: The text the benchmark edits: the start of duty C.V.1.2's English task.
EDIT_MARKER = 'en: "Organise periodic, in-depth conferences'

PAGE_TYPES = {
    "home": "index.html",
    "duty": "plan/duties/c-v-1-2.html",
    "agency": "plan/agencies/so-tu-phap.html",
    "topic": "plan/topics/media-and-communication.html",
    "schedule": "plan/schedule.html",
}


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - started, value


def clean(project: Path) -> None:
    shutil.rmtree(project / "_build", ignore_errors=True)
    shutil.rmtree(project / "docs" / "plan", ignore_errors=True)


def full_build(project: Path, langs=("vi", "en")) -> float:
    plan = load_plan(project / "plan_data")
    seconds, result = timed(build_site, project, plan, langs=langs, log=lambda *_: None)
    assert result.ok, "\n".join(result.messages)
    return seconds


def generator_core_seconds(project: Path) -> float:
    """What the generator itself does for a full build: load, validate, index, views (both languages), stubs."""
    started = time.perf_counter()
    plan = load_plan(project / "plan_data")
    index = PlanIndex(plan)
    for lang in ("vi", "en"):
        for spec in page_specs(index):
            build_view(index, spec, lang)
    write_stubs(project / "docs", plan, index)
    return time.perf_counter() - started


def incremental(project: Path) -> tuple[float, int, int, float]:
    """Change one duty's English task, rebuild English:
    (seconds, pages re-read, pages in the build, seconds of the same build with nothing changed)."""
    section = project / "plan_data" / "sections" / "c.yaml"
    text = section.read_text(encoding="utf-8")
    assert EDIT_MARKER in text, "the benchmark edits duty C.V.1.2's English task"
    section.write_text(text.replace(EDIT_MARKER, EDIT_MARKER.replace("Organise", "Organise (benchmark edit)"), 1), encoding="utf-8")
    html = project / "_build" / "html"
    staging = project / "_build" / "bench-en"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(html / "en", staging)  # as the build command does: start from the published pages
    command = [c for c in sphinx_command(project, "en", staging, project / "_build" / "doctrees" / "en", "plan_data") if c != "-q"]
    started = time.perf_counter()
    output = subprocess.run(command, cwd=project, capture_output=True, text=True, check=True).stdout
    seconds = time.perf_counter() - started
    reread = len(re.findall(r"reading sources\.\.\. \[\s*\d+%\] ", output))
    total = len(list((html / "en").rglob("*.html")))
    # the floor: the same build again, with nothing changed (Python, Sphinx and the theme starting up)
    started = time.perf_counter()
    subprocess.run(command, cwd=project, capture_output=True, text=True, check=True)
    floor = time.perf_counter() - started
    section.write_text(text, encoding="utf-8")
    return seconds, reread, total, floor


def pdf_runs(project: Path, html: Path) -> dict[str, tuple[float, str]]:
    """The whole PDF set: from cold, again unchanged, and after one duty's English changes.

    Each value is (seconds, the build's own summary line). The edit keeps the data's
    newest file time, as a commit would keep the edition date (no git in the copy).
    """
    from generator.pdf import build_handbooks

    shutil.rmtree(project / "_build" / "pdf-cache", ignore_errors=True)
    runs = {}
    for name in ("cold", "unchanged", "one duty's English changed"):
        if name == "one duty's English changed":
            section = project / "plan_data" / "sections" / "c.yaml"
            newest = max(p.stat().st_mtime for p in (project / "plan_data").rglob("*") if p.is_file())
            text = section.read_text(encoding="utf-8")
            section.write_text(text.replace(EDIT_MARKER, EDIT_MARKER.replace("Organise", "Organise (benchmark edit)"), 1), encoding="utf-8")
            os.utime(section, (newest, newest))
        lines: list[str] = []
        plan = load_plan(project / "plan_data")
        seconds, problems = timed(build_handbooks, project, plan, html, report=lines.append)
        assert not problems, problems
        runs[name] = (seconds, lines[0])
    section.write_text(text, encoding="utf-8")
    return runs


def weights(html: Path) -> list[tuple[str, int, int]]:
    rows = []
    for name, path in PAGE_TYPES.items():
        files, offsite = page_assets(html / "vi" / path)
        assert not offsite, offsite
        raw = sum(files.values())
        zipped = sum(len(gzip.compress(p.read_bytes(), 9)) for p in files)
        rows.append((name, raw, zipped))
    return rows


def scale_run(factor: int, workdir: Path) -> tuple[int, int, float, int]:
    """Build a synthetic plan ``factor`` times the real one: (duties, pages, seconds, peak KiB of a process)."""
    project = site_project(workdir / f"x{factor}")
    shutil.rmtree(project / "plan_data")
    scaled_plan(project, factor)
    duties = len(load_plan(project / "plan_data").duties)
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "code = subprocess.call([sys.executable, '-m', 'generator', 'build', '--no-pdf'], stdout=subprocess.DEVNULL)\n"
        "t = time.perf_counter() - t\n"
        "peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
        "print(code, t, peak)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=project, capture_output=True, text=True, check=True).stdout
    code, seconds, peak = out.split()
    assert code == "0", f"the x{factor} build failed"
    pages = len(list((project / "_build" / "html").rglob("*.html")))
    return duties, pages, float(seconds), int(peak)


# -- rebuilds: what a maintainer waits for after saving ------------------------------------


def edit_one_duty(project: Path) -> str:
    """Change one duty's English task in sections/c.yaml; return the text to restore."""
    section = project / "plan_data" / "sections" / "c.yaml"
    text = section.read_text(encoding="utf-8")
    if EDIT_MARKER in text:  # the real data: duty C.V.1.2
        edited = text.replace(EDIT_MARKER, EDIT_MARKER.replace("Organise", "Organise (benchmark edit)"), 1)
    else:  # a synthetic plan (tests/synthetic.py): its first duty of section C, dumped the same way
        import yaml

        data = yaml.safe_load(text)
        data["duties"][0]["task"]["en"] += " (benchmark edit)"
        edited = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)
    assert edited != text
    section.write_text(edited, encoding="utf-8")
    return text


#: Runs ``python -m generator build --no-pdf`` in a child process and reports its wall
#: time and CPU: its own, and each Sphinx build's (read from the child's rusage after
#: each of them is waited for), so the critical path is known whatever the load.
_PROBE = """
import json, resource, subprocess, sys, time
cpu = []
communicate = subprocess.Popen.communicate
def timed_communicate(self, *args, **kwargs):
    result = communicate(self, *args, **kwargs)
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu.append(u.ru_utime + u.ru_stime)
    return result
subprocess.Popen.communicate = timed_communicate
from generator.cli import main
t = time.perf_counter()
code = main(["build", "--no-pdf"])
t = time.perf_counter() - t
me = resource.getrusage(resource.RUSAGE_SELF)
children = [b - a for a, b in zip([0.0, *cpu], cpu)]
print(json.dumps([code, t, me.ru_utime + me.ru_stime, children]), file=sys.stderr)
"""


def timed_build(project: Path) -> tuple[float, float, float, dict[str, int]]:
    """``python -m generator build --no-pdf`` (both languages): (wall seconds, CPU seconds of
    every process, CPU seconds on the critical path, pages rewritten per language).

    The critical path is the build command's own CPU plus the larger of the two Sphinx
    builds' (they run side by side): the wall time on an idle two-core machine, nearly.
    Pages rewritten are HTML files whose time changed, but the search page, which
    Sphinx writes on every build.
    """
    html = project / "_build" / "html"
    before = {p: p.stat().st_mtime_ns for p in html.rglob("*.html")} if html.is_dir() else {}
    done = subprocess.run([sys.executable, "-c", _PROBE], cwd=project, capture_output=True, text=True)
    code, seconds, own, children = json.loads(done.stderr.strip().splitlines()[-1])
    assert code == 0, f"the build of {project} failed:\n{done.stderr}"
    rewritten = {}
    for lang in ("vi", "en"):
        pages = [p for p in (html / lang).rglob("*.html") if p.name != "search.html" or p.parent != html / lang]
        rewritten[lang] = sum(1 for p in pages if before.get(p) != p.stat().st_mtime_ns)
    return seconds, own + sum(children), own + max(children, default=0.0), rewritten


def rebuild_run(factor: int, workdir: Path) -> dict[str, tuple[float, float, dict[str, int]]]:
    """Full build from clean, the same build again with nothing changed, then after one duty's English changes."""
    project = site_project(workdir / f"rebuild-x{factor}")
    if factor != 1:
        shutil.rmtree(project / "plan_data")
        scaled_plan(project, factor)
    runs = {
        "full build": timed_build(project),
        # the first rebuild after a build from clean fills the work folder (_build/html.next) once
        "first rebuild": timed_build(project),
        "nothing changed": timed_build(project),
    }
    original = edit_one_duty(project)
    runs["one duty's English changed"] = timed_build(project)
    (project / "plan_data" / "sections" / "c.yaml").write_text(original, encoding="utf-8")
    return runs


def report_rebuilds(scales, workdir: Path, say) -> None:
    say("Rebuilds, `python -m generator build --no-pdf` (both languages): CPU seconds on the critical path")
    say("(the build command's own plus the larger Sphinx build's: about the wall time on an idle two-core")
    say("machine), the measured wall time and the CPU time of all processes, and the pages rewritten")
    say("(English + Vietnamese, the search page left out):")
    say()
    say("| size | full build | first rebuild after it (fills the work folder) | nothing changed | one duty's English changed | target |")
    say("| --- | --- | --- | --- | --- | --- |")
    targets = {1: "edit ≤ 2 s", 50: "nothing ≤ 5 s, edit ≤ 10 s"}
    for factor in scales:
        runs = rebuild_run(factor, workdir)
        cells = [
            f"{critical:.1f} s ({wall:.1f} s wall, CPU {cpu:.1f} s), {pages['en']} + {pages['vi']} pages"
            for wall, cpu, critical, pages in runs.values()
        ]
        say(f"| ×{factor} | {' | '.join(cells)} | {targets.get(factor, '')} |")
        shutil.rmtree(workdir / f"rebuild-x{factor}", ignore_errors=True)
    say()
    say(f"Load average when done: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other work slows wall times).")


def kib(n: int) -> str:
    return f"{n / 1024:,.0f} KiB"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="*", default=[10, 50])
    parser.add_argument("--out", default=str(HERE.parent / "BENCHMARKS.md"))
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="measure only the rebuilds (full, nothing changed, one edit) at x1 and --scales; print, write nothing",
    )
    args = parser.parse_args(argv)
    if args.rebuild:
        with tempfile.TemporaryDirectory(prefix="cat-plan-rebuild-") as tmp:
            report_rebuilds([1, *args.scales], Path(tmp), lambda line="": print(line, flush=True))
        return 0

    lines: list[str] = []

    def say(line: str = "") -> None:
        print(line, flush=True)
        lines.append(line)

    with tempfile.TemporaryDirectory(prefix="cat-plan-bench-") as tmp:
        work = Path(tmp)
        project = site_project(work / "real")
        clean(project)
        full = full_build(project)
        full_en = None
        core = generator_core_seconds(project)
        incr_seconds, reread, total, floor = incremental(project)
        shutil.rmtree(project / "_build" / "doctrees" / "en")
        full_en = full_build(project, langs=("en",))
        html = project / "_build" / "html"
        page_weights = weights(html)
        index_size = (html / "vi" / "searchindex.js").stat().st_size
        pdf_seconds = None
        try:
            pdf = pdf_runs(project, html)
            pdf_seconds = pdf["cold"][0]
            pdf_count = len(list((html / "pdf").rglob("*.pdf")))
            pdf_pages = sum(len(PdfReader(p).pages) for p in (html / "pdf").rglob("*.pdf"))
        except ImportError:
            pdf_count = 0
        scales = [(1, *scale_run(1, work))] + [(f, *scale_run(f, work)) for f in args.scales]
        rebuild_lines: list[str] = []
        report_rebuilds([1, *args.scales], work, lambda line="": rebuild_lines.append(line))

    say("# Benchmarks")
    say()
    say(f"Measured on {datetime.date.today().isoformat()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, with:")
    say()
    say("    make bench    # .venv/bin/python tests/benchmark.py")
    say()
    say("| measure | figure | target |")
    say("| --- | --- | --- |")
    say(f"| full build, both languages, HTML only, from clean | {full:.1f} s | |")
    say(f"| generator's own work in it (load, validate, views for both languages, stubs) | {core:.2f} s | |")
    say(f"| generator overhead: full build / (full build − generator's work) | {full / (full - core):.3f}× | ≤ 1.10× |")
    say(f"| incremental English rebuild after one duty's English changes | {incr_seconds:.1f} s, {reread} of {total} pages re-read | |")
    say(f"| … as a ratio to the full build (both languages) | {incr_seconds / full:.2f}× | ≤ 0.2× |")
    say(f"| … as a ratio to a full English build from clean ({full_en:.1f} s) | {incr_seconds / full_en:.2f}× | |")
    say(f"| the same English build with nothing changed (start-up: the floor of any rebuild) | {floor:.1f} s, {floor / full:.2f}× | |")
    if pdf_seconds is not None:
        say(f"| whole PDF set from cold ({pdf_count} files, {pdf_pages:,} pages) | {pdf_seconds:.1f} s | < 10 s |")
        say(f"| … again, nothing changed | {pdf['unchanged'][0]:.1f} s | |")
        edited = pdf["one duty's English changed"][0]
        say(f"| … after one duty's English changes | {edited:.1f} s | |")
    else:
        say("| whole PDF set | not measured: generator.pdf is not available | < 10 s |")
    say(f"| search index (Vietnamese) | {kib(index_size)} | loaded by the search page only |")
    if pdf_seconds is not None:
        say()
        say("What the PDF builds reported:")
        say()
        for name, (_, line) in pdf.items():
            say(f"- {name}: {line}")
    say()
    say("Page weight with every file the page loads (CSS, JS, fonts), Vietnamese site:")
    say()
    say("| page | raw | gzip | target |")
    say("| --- | --- | --- | --- |")
    for name, raw, zipped in page_weights:
        say(f"| {name} | {kib(raw)} | {kib(zipped)} | {'≤ 600 KiB raw' if name == 'duty' else ''} |")
    say()
    say("Scale: a synthetic plan shaped like the real one, built in full (both languages, HTML):")
    say()
    say("| size | duties | pages | time | time per page | peak memory (largest process) |")
    say("| --- | --- | --- | --- | --- | --- |")
    for factor, duties, pages, seconds, peak in scales:
        say(f"| ×{factor} | {duties} | {pages} | {seconds:.1f} s | {1000 * seconds / pages:.0f} ms | {peak / 1024:,.0f} MiB |")
    say()
    say("The two language builds run side by side, so the machine's peak is about twice the largest process.")
    say()
    for line in rebuild_lines:
        say(line)
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
