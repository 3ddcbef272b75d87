"""Speed, size and scale, measured: `make bench` prints a table and writes BENCHMARKS.md.

Not a test: figures are measured here and recorded, never asserted by timed tests.

    .venv/bin/python tests/benchmark.py [--scales 10 50] [--out BENCHMARKS.md]
    .venv/bin/python tests/benchmark.py --pdf-only [--scales 10 50]   # the handbooks alone, printed
    .venv/bin/python tests/benchmark.py --report-only [--scales 10 50]   # one annual report, text and PDF
    .venv/bin/python tests/benchmark.py --vitals-only [--site _build/html]   # LCP and CLS only
    .venv/bin/python tests/benchmark.py --views-only [--scales 10 50]   # every page's view, CPU per page type

CPU seconds are given beside wall-clock seconds: on a shared machine the wall clock
says as much about the neighbours as about the build.
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
import resource
import shutil
import signal
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
from weight import KIB, PAGE_TYPES, heaviest_pages, pages_of, weigh  # noqa: E402

from generator.content.pages import build_view, page_specs  # noqa: E402
from generator.data.index import PlanIndex  # noqa: E402
from generator.data.validate import load_plan  # noqa: E402
from generator.site.build import build_site, sphinx_command  # noqa: E402
from generator.site.generate import write_stubs  # noqa: E402

#: The text the benchmark edits: the start of duty C.V.1.1's English task.
EDIT_MARKER = 'en: "Organise periodic, in-depth conferences'

#: The page whose loading is measured in a throttled browser (page_vitals).
VITALS_PAGE = "vi/plan/duties/c-v-1-2.html"

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
    assert EDIT_MARKER in text, "the benchmark edits duty C.V.1.1's English task"
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


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the print workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


#: The printed documents of the scale runs: the handbooks and booklets, not the annual
#: reports (a synthetic plan ×50 has over a thousand lead agencies, each with a report a
#: year); one report's cost is measured on its own (report_run).
HANDBOOK_KINDS = ("full", "parallel", "agency", "topic")


#: Prints the documents of a project as the build command does, in a process of its own:
#: ``python -c`` has no main module for the print workers to import again. Run from this
#: script, each spawned worker imported the benchmark and its test helpers (pypdf, bs4,
#: 0.55 s) before printing: at the start of every PDF run, on both cores.
_PDF_PROBE = """
import json, resource, sys, time
from pathlib import Path
from generator.data.validate import load_plan
from generator.handbook.step import build_handbooks
project, html, kinds = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3].split(",")
plan = load_plan(project / "plan_data")
def cpu():
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
lines = []
started, used = time.perf_counter(), cpu()
problems = build_handbooks(project, plan, html, report=lines.append, kinds=kinds)
print(json.dumps([time.perf_counter() - started, cpu() - used, lines[0] if lines else "", problems]), file=sys.stderr)
"""


def pdf_build(project: Path, html: Path, kinds=None) -> tuple[float, float, str]:
    """Print every document of ``project`` (or those of ``kinds``) into ``html``, as the build
    command does (see :data:`_PDF_PROBE`): (wall seconds, CPU seconds, the build's summary line).
    Loading the plan is not counted: the build command has it already."""
    from generator.handbook.documents import KINDS

    command = [sys.executable, "-c", _PDF_PROBE, str(project), str(html), ",".join(kinds or KINDS)]
    done = subprocess.run(command, cwd=HERE.parent, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    seconds, cpu, line, problems = json.loads(done.stderr.strip().splitlines()[-1])
    assert not problems, problems
    return seconds, cpu, line


def pdf_runs(project: Path, html: Path) -> dict[str, tuple[float, float, str]]:
    """The whole PDF set: from cold, again unchanged, and after one duty's English changes.

    Each value is (seconds, CPU seconds, the build's own summary line). The edit keeps
    the data's newest file time, as a commit would keep the edition date (no git in the copy).
    """
    shutil.rmtree(project / "_build" / "pdf-cache", ignore_errors=True)
    shutil.rmtree(html / "pdf", ignore_errors=True)
    runs = {}
    section = project / "plan_data" / "sections" / "c.yaml"
    text = section.read_text(encoding="utf-8")
    for name in ("cold", "unchanged", "one duty's English changed"):
        if name == "one duty's English changed":
            newest = max(p.stat().st_mtime for p in (project / "plan_data").rglob("*") if p.is_file())
            assert EDIT_MARKER in text
            section.write_text(text.replace(EDIT_MARKER, EDIT_MARKER.replace("Organise", "Organise (benchmark edit)"), 1), encoding="utf-8")
            os.utime(section, (newest, newest))
        runs[name] = pdf_build(project, html)
    section.write_text(text, encoding="utf-8")
    return runs


def pdf_kind(path: str) -> str:
    """The kind of a printed document, from its path under the site (``pdf/...``)."""
    for folder, kind in (("/agencies/", "agency booklets"), ("/topics/", "topic booklets"), ("/reports/", "annual reports")):
        if folder in path:
            return kind
    return "handbooks"


#: Prints every document of a project one after the other, as one print worker does
#: (printing processes forked by it, PER_PROCESS documents each, Typst on one thread),
#: and reports each document's kind, pages and seconds in its printing process.
_KINDS_PROBE = """
import json, sys, tempfile
from pathlib import Path
from generator.data.validate import load_plan
from generator.handbook import compile as printing
from generator.handbook.documents import edition_date
from generator.handbook.step import iter_document_jsons
project = Path(sys.argv[1])
printing._become_print_worker()
plan, edition, rows = load_plan(project / "plan_data"), edition_date(project), []
with tempfile.TemporaryDirectory() as html:
    for path, data_json in iter_document_jsons(project, plan):
        done = printing._print_job(path, data_json, edition, str(Path(html) / "out.pdf"), None)
        rows.append([path, done.pages, done.seconds])
printing._end_printer()
print(json.dumps(rows), file=sys.stderr)
"""


def pdf_kinds_lines(project: Path) -> list[str]:
    """Typst's time per kind of document: every document of the real data printed once,
    one after the other, as one print worker prints them (Typst on one thread: its time
    is its CPU). Their sum divided by the cores is the least time the whole PDF set can
    take from cold."""
    done = subprocess.run([sys.executable, "-c", _KINDS_PROBE, str(project)], cwd=HERE.parent, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    kinds: dict[str, list[float]] = {}
    for path, pages, seconds in json.loads(done.stderr.strip().splitlines()[-1]):
        row = kinds.setdefault(pdf_kind(path), [0, 0, 0.0])
        row[0] += 1
        row[1] += pages
        row[2] += seconds
    total = [sum(row[i] for row in kinds.values()) for i in range(3)]
    cores = os.cpu_count() or 1
    lines = ["Typst's time per kind of document (each printed once, one after the other, as one print worker prints them):", ""]
    lines.append("| kind | documents | pages | seconds | per page |")
    lines.append("| --- | --- | --- | --- | --- |")
    for kind, (documents, pages, seconds) in sorted(kinds.items(), key=lambda item: -item[1][2]):
        lines.append(f"| {kind} | {documents} | {pages:,} | {seconds:.1f} s | {1000 * seconds / pages:.1f} ms |")
    lines.append(f"| all | {total[0]} | {total[1]:,} | {total[2]:.1f} s | {1000 * total[2] / total[1]:.1f} ms |")
    lines.append("")
    lines.append(f"The least time the whole set can take from cold on {cores} cores: {total[2] / cores:.1f} s (Typst's time / cores).")
    return lines


def pdf_pages(html: Path) -> tuple[int, int]:
    """(PDF files, pages) under ``html/pdf``."""
    files = list((html / "pdf").rglob("*.pdf"))
    return len(files), sum(len(PdfReader(p).pages) for p in files)


def pdf_scale_run(factor: int, workdir: Path) -> tuple[int, int, int, float, float]:
    """The PDF set of a synthetic plan ``factor`` times the real one, from cold:
    (duties, PDFs, pages, seconds, CPU seconds)."""
    project = workdir / f"pdf-x{factor}"
    project.mkdir(parents=True)
    scaled_plan(project, factor)
    duties = len(load_plan(project / "plan_data").duties)
    html = project / "html"
    seconds, cpu, _ = pdf_build(project, html, HANDBOOK_KINDS)
    files, pages = pdf_pages(html)
    return duties, files, pages, seconds, cpu


#: The as-of date of the report runs: the synthetic plans run 2023-2025, so 2025 is a closed year.
REPORT_AS_OF = datetime.date(2026, 1, 15)


def report_run(factor: int, workdir: Path) -> tuple[int, int, int, float, float, float, int, float]:
    """One annual report of a synthetic plan ``factor`` times the real one (ten records per duty):
    the plan's report of 2025 as text (what ``report`` prints) and as PDF (what the build
    prints), then one lead agency's. (duties, records in the report, lead agencies, text
    seconds, PDF seconds, PDF CPU seconds, PDF pages, agency report PDF seconds); each
    from a fresh load of the plan, best of two for the text."""
    from io import BytesIO

    from generator.content.pages import PageSpec, SiteContext
    from generator.content.plaintext import page_text
    from generator.content.tracking import lead_agencies
    from generator.data.report import annual_report
    from generator.handbook.step import report_pdf_bytes

    project = workdir / f"report-x{factor}"
    project.mkdir(parents=True)
    scaled_plan(project, factor)
    plan = load_plan(project / "plan_data")
    records = annual_report(plan, 2025, REPORT_AS_OF).totals.activities.value
    leads = lead_agencies(PlanIndex(plan))

    def text() -> str:
        index = PlanIndex(plan)
        return page_text(build_view(index, PageSpec("", "report", "2025/"), "en", SiteContext(as_of=REPORT_AS_OF)))

    text_seconds = min(timed(text)[0] for _ in range(2))
    cpu = cpu_seconds()
    pdf_seconds, pdf = timed(report_pdf_bytes, project, plan, 2025, None, "en", REPORT_AS_OF)
    pdf_cpu = cpu_seconds() - cpu
    pages = len(PdfReader(BytesIO(pdf)).pages)
    agency_seconds, _ = timed(report_pdf_bytes, project, plan, 2025, leads[0], "en", REPORT_AS_OF)
    return len(plan.duties), records, len(leads), text_seconds, pdf_seconds, pdf_cpu, pages, agency_seconds


def view_costs(factor: int, workdir: Path, lang: str = "en") -> tuple[int, float, list[tuple[str, int, float]]]:
    """CPU seconds to work out every page's view (what each language's Sphinx build does
    at its start, on every build): (pages, total, [(page type, pages, seconds)] heaviest first)."""
    import collections

    from generator.content.discovery import describe
    from generator.content.pages import SiteContext, fingerprint

    folder = workdir / f"views-x{factor}"
    if factor == 1:
        data = HERE.parent / "plan_data"
    else:
        scaled_plan(folder, factor)
        data = folder / "plan_data"
    index = PlanIndex(load_plan(data))
    as_of = datetime.date(2026, 12, 1)
    context = SiteContext(as_of=as_of)
    seconds: collections.Counter = collections.Counter()
    pages: collections.Counter = collections.Counter()
    started = time.process_time()
    specs = page_specs(index, as_of)
    for spec in specs:
        before = time.process_time()
        fingerprint(build_view(index, spec, lang, context))
        describe(index, spec.kind, spec.key, lang)
        seconds[spec.kind] += time.process_time() - before
        pages[spec.kind] += 1
    total = time.process_time() - started
    return len(specs), total, [(kind, pages[kind], spent) for kind, spent in seconds.most_common()]


def views_lines(scales: list[int], workdir: Path, say) -> None:
    say("Every page's view worked out, English (`.venv/bin/python tests/benchmark.py --views-only`), CPU:")
    say()
    say("| size | pages | total | per page | heaviest page types (pages, seconds) |")
    say("| --- | --- | --- | --- | --- |")
    for factor in [1, *scales]:
        count, total, kinds = view_costs(factor, workdir)
        heaviest = "; ".join(f"{kind} ({n}, {spent:.2f} s)" for kind, n, spent in kinds[:4])
        say(f"| ×{factor} | {count:,} | {total:.1f} s | {1000 * total / count:.2f} ms | {heaviest} |")


def report_lines(scales: list[int], workdir: Path, say) -> None:
    say("The annual report of 2025 (English) of the synthetic plans, ten records per duty "
        "(`.venv/bin/python tests/benchmark.py --report-only --scales 10 50`):")
    say()
    say("| size | duties | records in it | text (`report`) | PDF | PDF CPU | PDF pages | one agency's PDF | lead agencies |")
    say("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for factor in [1, *scales]:
        duties, records, leads, text, pdf, cpu, pages, agency = report_run(factor, workdir)
        say(f"| ×{factor} | {duties} | {records:,} | {text:.2f} s | {pdf:.1f} s | {cpu:.1f} s | {pages:,} | {agency:.2f} s | {leads} |")


def pdf_only(scales: list[int]) -> list[str]:
    """The PDFs alone (no site build): real data cold, unchanged, one English edit (every PDF the
    build prints, the annual reports included); then the scales (handbooks and booklets)."""
    out: list[str] = []
    with tempfile.TemporaryDirectory(prefix="cat-plan-pdf-bench-") as tmp:
        work = Path(tmp)
        project = work / "real"
        shutil.copytree(HERE.parent / "plan_data", project / "plan_data")
        html = project / "html"
        runs = pdf_runs(project, html)
        files, pages = pdf_pages(html)
        out.append(f"| whole PDF set, real data ({files} files, {pages:,} pages) | wall | CPU | target |")
        out.append("| --- | --- | --- | --- |")
        targets = {"cold": "< 5 s", "unchanged": "", "one duty's English changed": "< 2 s"}
        for name, (seconds, cpu, _) in runs.items():
            out.append(f"| {name} | {seconds:.1f} s | {cpu:.1f} s | {targets[name]} |")
        out.append("")
        out += [f"- {name}: {line}" for name, (_, _, line) in runs.items()]
        out.append("")
        out += pdf_kinds_lines(project)
        out.append("")
        print("\n".join(out), flush=True)
        out.append("| size | duties | PDFs | pages | wall | CPU | CPU per page |")
        out.append("| --- | --- | --- | --- | --- | --- | --- |")
        print("\n".join(out[-2:]), flush=True)
        for factor in [1, *scales]:
            duties, files, pages, seconds, cpu = pdf_scale_run(factor, work)
            out.append(f"| ×{factor} | {duties} | {files} | {pages:,} | {seconds:.1f} s | {cpu:.1f} s | {1000 * cpu / pages:.1f} ms |")
            print(out[-1], flush=True)
    return out


def weights(html: Path, lang: str = "vi") -> list[tuple[str, str, int, int]]:
    """(page type, page, raw bytes, gzipped bytes) of the heaviest page of each type,
    with everything it loads; the search page without its search index (see tests/weight.py).
    Types the site has no page of (the parts of split listings on a small site) are left out."""
    rows = []
    for name, pattern in PAGE_TYPES.items():
        if not pages_of(html / lang, pattern):
            continue
        page = heaviest_pages(html / lang, pattern, 1)[0]
        raw, zipped, _ = weigh(page)
        rows.append((name, page.relative_to(html / lang).as_posix(), raw, zipped))
    return rows


# -- loading in a throttled browser ------------------------------------------------------

#: A mid-range phone on a slow 4G link, as the DevTools protocol emulates them.
PHONE = {"width": 360, "height": 740, "device_scale_factor": 2}
SLOW_4G = {"offline": False, "latency": 400, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
CPU_SLOWDOWN = 4

#: Collects Largest Contentful Paint and layout shifts from the start of the page.
_VITALS_JS = """
window.__vitals = {lcp: 0, cls: 0, lcpElement: ""};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__vitals.lcp = entry.renderTime || entry.loadTime || entry.startTime;
    window.__vitals.lcpElement = entry.element ? entry.element.tagName + (entry.element.id ? "#" + entry.element.id : "") : "";
  }
}).observe({type: "largest-contentful-paint", buffered: true});
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__vitals.cls += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""


def _serve(folder: Path, compress: bool):
    """``folder`` over HTTP on a loopback port; with ``compress``, text gzipped as a web server would."""
    import http.server

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_head(self):
            path = Path(self.translate_path(self.path))
            if not compress or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
                return super().send_head()
            if path.suffix not in (".html", ".css", ".js", ".json", ".svg", ".txt"):
                return super().send_head()
            import io

            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)

    from conftest import serve_folder

    return serve_folder(folder, Handler)


def page_vitals(html: Path, page: str = VITALS_PAGE, runs: int = 3, compress: bool = True) -> dict:
    """Largest Contentful Paint (s) and Cumulative Layout Shift of ``page`` of the built site ``html``.

    Headless Chromium (Debian's, through Playwright) emulates a mid-range phone on
    a slow 4G link through the DevTools protocol: 400 ms latency, 1.6 Mbit/s down,
    750 kbit/s up, the CPU slowed 4 times, a 360 x 740 screen; the cache is off and
    every run starts a fresh browser context. The site is served from a loopback
    HTTP server, gzipped when ``compress`` (as a web server would). Returns the
    median LCP, the largest CLS, the LCP element and the bytes transferred.
    """
    from conftest import CHROMIUM_FLAGS, chromium_path
    from playwright.sync_api import sync_playwright

    lcps, shifts, elements, transferred = [], [], set(), []
    with _serve(html, compress) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        for _ in range(runs):
            context = browser.new_context(
                viewport={"width": PHONE["width"], "height": PHONE["height"]},
                device_scale_factor=PHONE["device_scale_factor"],
                is_mobile=True,
                has_touch=True,
            )
            tab = context.new_page()
            cdp = context.new_cdp_session(tab)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            cdp.send("Network.emulateNetworkConditions", SLOW_4G)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
            received = []
            cdp.on("Network.loadingFinished", lambda event, into=received: into.append(event["encodedDataLength"]))
            tab.add_init_script(_VITALS_JS)
            tab.goto(f"{url}/{page}", wait_until="load")
            tab.wait_for_timeout(1500)  # late shifts and paints
            vitals = tab.evaluate("window.__vitals")
            lcps.append(vitals["lcp"] / 1000)
            shifts.append(vitals["cls"])
            elements.add(vitals["lcpElement"])
            transferred.append(sum(received))
            context.close()
        browser.close()
    lcps.sort()
    return {
        "lcp": lcps[len(lcps) // 2],
        "cls": max(shifts),
        "element": ", ".join(sorted(elements)),
        "bytes": max(transferred),
        "runs": runs,
        "compressed": compress,
    }


def vitals_lines(html: Path) -> list[str]:
    """The duty page's LCP and CLS, served gzipped and served as it is, as table rows."""
    lines = []
    for compress in (True, False):
        v = page_vitals(html, compress=compress)
        served = "gzipped" if compress else "uncompressed"
        lines.append(
            f"| duty page ({VITALS_PAGE}), served {served}: Largest Contentful Paint | {v['lcp']:.2f} s "
            f"(median of {v['runs']}; {v['element']}; {v['bytes'] / KIB:.0f} KiB transferred) | ≤ 2.5 s |"
        )
        lines.append(f"| … Cumulative Layout Shift | {v['cls']:.3f} | ≤ 0.1 |")
    return lines


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


def search_weight(html: Path, judged: bool = True) -> list[tuple[str, str, int, int, int, bool]]:
    """The search page plus everything a query fetches, measured in Chromium, for every query
    of tests/search_eval.py: (lang, query, results, raw bytes, gzip bytes, expectation met).

    ``judged=False`` for a synthetic plan, whose duties are not the real ones: the
    bytes and the number of results are measured, the expected pages are not checked.
    """
    from search_eval import QUERIES, evaluate

    rows = []
    for outcome in evaluate({"pagefind": html}, QUERIES, judged=judged):
        q = outcome.query
        rows.append((q.lang, q.name, len(outcome.pages), outcome.raw, outcome.zipped, outcome.ok))
    return rows


def search_index_size(html: Path) -> int:
    """Bytes of the Pagefind index files of the Vietnamese site (what a visitor may fetch part of)."""
    return sum(p.stat().st_size for p in (html / "vi" / "pagefind").rglob("*") if p.is_file())
# -- rebuilds: what a maintainer waits for after saving ------------------------------------


def edit_one_duty(project: Path) -> str:
    """Change one duty's English task in sections/c.yaml; return the text to restore."""
    section = project / "plan_data" / "sections" / "c.yaml"
    text = section.read_text(encoding="utf-8")
    if EDIT_MARKER in text:  # the real data: duty C.V.1.1
        edited = text.replace(EDIT_MARKER, EDIT_MARKER.replace("Organise", "Organise (benchmark edit)"), 1)
    else:  # a synthetic plan (tests/synthetic.py): its first duty of section C, dumped the same way
        import yaml

        data = yaml.safe_load(text)
        data["duties"][0]["task"]["en"] += " (benchmark edit)"
        edited = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)
    assert edited != text
    section.write_text(edited, encoding="utf-8")
    return text


#: Runs ``python -m generator build --no-pdf [ARGS]`` in a child process and reports its
#: wall time and CPU: its own, each Sphinx build's and every other process it waited for
#: (Pagefind). A Sphinx build in a new process is timed from the child's rusage after it
#: is waited for; one in a build server (generator/site/sphinx_server.py) by the server,
#: which reports the CPU it spent on it. So the critical path is known whatever the load.
_PROBE = """
import json, resource, subprocess, sys, time
children = []
communicate = subprocess.Popen.communicate
def timed_communicate(self, *args, **kwargs):
    result = communicate(self, *args, **kwargs)
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    children.append((u.ru_utime + u.ru_stime, "sphinx_run" in " ".join(map(str, self.args))))
    return result
subprocess.Popen.communicate = timed_communicate
from generator.site import build
servers = []
wait = build.SphinxBuild.wait
def timed_wait(self):
    result = wait(self)
    if self.cpu is not None:
        servers.append(self.cpu)
    return result
build.SphinxBuild.wait = timed_wait
from generator.cli import main
t = time.perf_counter()
code = main(["build", "--no-pdf", *sys.argv[1:]])
t = time.perf_counter() - t
me = resource.getrusage(resource.RUSAGE_SELF)
totals = [c for c, _ in children]
cpu = [[b - a, sphinx] for a, b, sphinx in zip([0.0, *totals], totals, [s for _, s in children])]
cpu += [[seconds, True] for seconds in servers]
print(json.dumps([code, t, me.ru_utime + me.ru_stime, cpu]), file=sys.stderr)
import gc
gc.freeze()  # as python -m generator leaves (generator/__main__.py)
"""


def timed_build(project: Path, keep_alive: float | None = None) -> tuple[float, float, float, dict[str, int]]:
    """``python -m generator build --no-pdf`` (both languages): (wall seconds, CPU seconds of
    every process, CPU seconds on the critical path, pages rewritten per language).

    ``keep_alive``: ``--keep-alive`` in minutes (0: a new Sphinx process per build); None,
    the command's default (build servers that stay 15 idle minutes).
    The critical path is the build command's own CPU plus the larger of the two Sphinx
    builds' (they run side by side) plus every other process it ran and waited for
    (Pagefind, one language after the other): the wall time on an idle two-core
    machine, nearly.
    Pages rewritten are HTML files whose time changed, but the search page, which
    Sphinx writes on every build.
    """
    html = project / "_build" / "html"
    before = {p: p.stat().st_mtime_ns for p in html.rglob("*.html")} if html.is_dir() else {}
    extra = [] if keep_alive is None else ["--keep-alive", str(keep_alive)]
    environment = {k: v for k, v in os.environ.items() if k != "PLAN_BUILD_KEEP_ALIVE"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PROBE, *extra], cwd=project, capture_output=True, text=True, env=environment)
    seconds = time.perf_counter() - started  # what the maintainer waits for: Python's start and exit too
    code, _, own, children = json.loads(done.stderr.strip().splitlines()[-1])
    assert code == 0, f"the build of {project} failed:\n{done.stderr}"
    rewritten = {}
    for lang in ("vi", "en"):
        pages = [p for p in (html / lang).rglob("*.html") if p.name != "search.html" or p.parent != html / lang]
        rewritten[lang] = sum(1 for p in pages if before.get(p) != p.stat().st_mtime_ns)
    sphinx = [cpu for cpu, is_sphinx in children if is_sphinx]
    others = [cpu for cpu, is_sphinx in children if not is_sphinx]
    return seconds, own + sum(sphinx) + sum(others), own + max(sphinx, default=0.0) + sum(others), rewritten


def stop_servers(project: Path) -> None:
    """Stop the build servers a project's builds left (they would hold its memory)."""
    from generator.site import sphinx_server

    for lang in ("vi", "en"):
        sphinx_server.stop(project / "_build" / "doctrees" / lang)


def pause(project: Path) -> None:
    """Between two builds, as when a maintainer edits: a build server saves its environment
    when idle (generator/site/sphinx_server.py); the next build does not wait for that."""
    from generator.site import sphinx_server

    time.sleep(sphinx_server.SAVE_AFTER)
    for lang in ("vi", "en"):
        sphinx_server.wait_saved(project / "_build" / "doctrees" / lang)


def rebuild_run(factor: int, workdir: Path) -> dict[str, tuple[float, float, float, dict[str, int]]]:
    """Full build from clean, the same build again with nothing changed, then after one
    duty's English changes (with the build servers, the command's default), and the same
    edit built by new Sphinx processes (``--keep-alive 0``)."""
    project = site_project(workdir / f"rebuild-x{factor}")
    if factor != 1:
        shutil.rmtree(project / "plan_data")
        scaled_plan(project, factor)
    section = project / "plan_data" / "sections" / "c.yaml"
    runs = {}
    try:
        runs["full build"] = timed_build(project)
        # the first rebuild after a build from clean fills the work folder (_build/html.next) once
        pause(project)
        runs["first rebuild"] = timed_build(project)
        pause(project)
        runs["nothing changed"] = timed_build(project)
        original = edit_one_duty(project)
        pause(project)
        runs["one duty's English changed"] = timed_build(project)
        section.write_text(original, encoding="utf-8")
        pause(project)
        timed_build(project)
        stop_servers(project)  # they save their environment as they leave: not the new processes' time
        edit_one_duty(project)
        runs["… in new processes (--keep-alive 0)"] = timed_build(project, keep_alive=0)
        section.write_text(original, encoding="utf-8")
    finally:
        stop_servers(project)
    return runs


def report_rebuilds(scales, workdir: Path, say) -> None:
    say("Rebuilds, `python -m generator build --no-pdf` (both languages), with its build servers (the")
    say("default) and, last, the same edit in new Sphinx processes: CPU seconds on the critical path (the")
    say("build command's own, the larger Sphinx build's and Pagefind's: about the wall time on an idle")
    say("two-core machine), the measured wall time and the CPU time of all processes, and the pages")
    say("rewritten (English + Vietnamese, the search page left out). Between builds the benchmark waits")
    say("for the servers to save their environment, as a maintainer editing would:")
    say()
    say("| size | full build | first rebuild after it (fills the work folder) | nothing changed | one duty's English changed | … in new processes (`--keep-alive 0`) | target |")
    say("| --- | --- | --- | --- | --- | --- | --- |")
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
    say(f"Load average when done: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other work slows wall times); {machine_speed()}.")


def kib(n: int) -> str:
    return f"{n / 1024:,.0f} KiB"


def preview_run(workdir: Path, edits: int = 6) -> tuple[list[float], list[str], list[str]]:
    """The live preview of the real data's English site (``python -m generator serve``): for each
    of ``edits`` saves of one duty's English, the seconds from the save to the preview serving
    the duty page with the new words; and the times the preview printed for its builds."""
    import http.client
    import socket
    import threading
    import urllib.request

    project = site_project(workdir / "preview")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/plan/duties/c-v-1-1.html"
    environment = {k: v for k, v in os.environ.items() if k != "PLAN_BUILD_KEEP_ALIVE"}
    command = [sys.executable, "-m", "generator", "serve", "--lang", "en", "--port", str(port)]
    process = subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment)
    printed: list[str] = []
    reader = threading.Thread(target=lambda: printed.extend(process.stdout), daemon=True)
    reader.start()

    def served() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                return answer.read().decode("utf-8")
        except (OSError, http.client.HTTPException):  # not up yet, or the page rewritten as it was sent
            return ""

    section = project / "plan_data" / "sections" / "c.yaml"
    original = section.read_text(encoding="utf-8")
    seconds: list[float] = []
    try:
        deadline = time.monotonic() + 300
        while "Organise periodic" not in served():
            assert process.poll() is None and time.monotonic() < deadline, "".join(printed)
            time.sleep(0.2)
        for n in range(1, edits + 1):
            marker = f"(preview edit {n})"
            deadline = time.monotonic() + 60
            while sum(line.startswith("preview built in ") for line in printed) < n:  # the last save's builds done
                assert process.poll() is None and time.monotonic() < deadline, "".join(printed)
                time.sleep(0.05)
            time.sleep(1.0)  # as between two saves of a maintainer
            saved = time.perf_counter()
            section.write_text(original.replace(EDIT_MARKER, EDIT_MARKER.replace("Organise", f"Organise {marker}"), 1), encoding="utf-8")
            while marker not in served():
                assert time.perf_counter() - saved < 60, "".join(printed)
                time.sleep(0.01)
            seconds.append(time.perf_counter() - saved)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        reader.join(timeout=5)
    builds = [line.split(" in ", 1)[1].strip() for line in printed if line.startswith("preview built in ")]
    first = [line.split(" in ", 1)[1].strip() for line in printed if line.startswith("preview: the edited duties' pages built in ")]
    return seconds, builds, first


def preview_lines(workdir: Path, say) -> None:
    seconds, builds, first = preview_run(workdir)
    ordered = sorted(seconds)
    say("The live preview (`python -m generator serve --lang en`, real data): from saving one duty's")
    say("English in `plan_data/sections/c.yaml` to the preview serving the duty page with the new words")
    say("(polled every 10 ms), each save a second after the preview finished the builds of the last one:")
    say()
    say("| size | saves | each save | median | slowest | target |")
    say("| --- | --- | --- | --- | --- | --- |")
    each = ", ".join(f"{s:.2f}" for s in seconds)
    say(f"| ×1 | {len(seconds)} | {each} s | {ordered[len(ordered) // 2]:.2f} s | {ordered[-1]:.2f} s | ≤ 1 s |")
    say()
    say(f"What the preview printed: the edited duty's page built in {', '.join(first) or '(never apart)'}; every page")
    say(f"that shows it built in {', '.join(builds[1:])} (the first build, of the whole site: {builds[0]}).")


def machine_speed() -> str:
    """How fast this machine runs a small Python loop right now: its CPU seconds.

    The machine is shared: the same work costs up to twice as much CPU from one hour to
    the next (BENCHMARKS.md). This loop tells only the interpreter's speed: on 2026-12-04
    it stayed at 0.17-0.19 s while Typst and Sphinx at x50 ran twice as slowly, so compare
    Typst's time per page (``--pdf-only``) as well before comparing runs of two hours."""
    started = time.process_time()
    total = 0
    for step in range(5_000_000):
        total += step
    return f"a fixed Python loop (5M additions) took {time.process_time() - started:.2f} s of CPU"


def machine_line() -> str:
    return (
        f"{datetime.date.today().isoformat()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
        f"{machine_speed()}"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="*", default=[10, 50])
    parser.add_argument("--out", default=str(HERE.parent / "BENCHMARKS.md"))
    parser.add_argument("--pdf-only", action="store_true", help="measure the printed handbooks only (prints, writes nothing)")
    parser.add_argument("--report-only", action="store_true", help="measure one annual report, text and PDF, at x1 and --scales (prints, writes nothing)")
    parser.add_argument("--views-only", action="store_true", help="CPU to work out every page's view at x1 and --scales (prints, writes nothing)")
    parser.add_argument(
        "--vitals-only",
        action="store_true",
        help="only the duty page's LCP and CLS in a throttled browser (prints, writes nothing)",
    )
    parser.add_argument("--site", help="with --vitals-only: an already built html folder (default: build the real data)")
    parser.add_argument("--preview", action="store_true", help="only the live preview's time from a save to the page served (prints, writes nothing)")
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="measure only the rebuilds (full, nothing changed, one edit) at x1 and --scales; print, write nothing",
    )
    args = parser.parse_args(argv)
    if args.preview:
        print(machine_line())
        with tempfile.TemporaryDirectory(prefix="cat-plan-preview-") as tmp:
            preview_lines(Path(tmp), lambda line="": print(line, flush=True))
        return 0

    if args.rebuild:
        print(machine_line())
        with tempfile.TemporaryDirectory(prefix="cat-plan-rebuild-") as tmp:
            report_rebuilds([1, *args.scales], Path(tmp), lambda line="": print(line, flush=True))
        return 0

    if args.pdf_only:
        print(machine_line())
        pdf_only(args.scales)
        return 0

    if args.views_only:
        with tempfile.TemporaryDirectory(prefix="cat-plan-views-") as tmp:
            views_lines(args.scales, Path(tmp), lambda line="": print(line, flush=True))
        return 0

    if args.report_only:
        print(machine_line())
        with tempfile.TemporaryDirectory(prefix="cat-plan-report-bench-") as tmp:
            report_lines(args.scales, Path(tmp), lambda line="": print(line, flush=True))
        return 0

    if args.vitals_only:
        print("| measure | figure | target |\n| --- | --- | --- |")
        if args.site:
            print("\n".join(vitals_lines(Path(args.site))))
            return 0
        with tempfile.TemporaryDirectory(prefix="cat-plan-vitals-") as tmp:
            project = site_project(Path(tmp) / "real")
            clean(project)
            full_build(project)
            print("\n".join(vitals_lines(project / "_build" / "html")))
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
        core = generator_core_seconds(project)
        incr_seconds, reread, total, floor = incremental(project)
        html = project / "_build" / "html"
        page_weights = weights(html)
        vitals = vitals_lines(html)
        index_size = search_index_size(html)
        search_x1 = search_weight(html)
        pdf = pdf_runs(project, html)
        pdf_seconds = pdf["cold"][0]
        pdf_count, pdf_page_count = pdf_pages(html)
        pdf_scales = [pdf_scale_run(f, work) for f in args.scales]
        scales = [(1, *scale_run(1, work))] + [(f, *scale_run(f, work)) for f in args.scales]
        search_scaled = {
            f: (search_weight(work / f"x{f}" / "_build" / "html", judged=False),
                search_index_size(work / f"x{f}" / "_build" / "html"))
            for f in args.scales
        }  # fmt: skip
        rebuild_lines: list[str] = []
        report_rebuilds([1, *args.scales], work, lambda line="": rebuild_lines.append(line))
        report_table: list[str] = []
        report_lines(args.scales, work, lambda line="": report_table.append(line))
        views_table: list[str] = []
        views_lines(args.scales, work, lambda line="": views_table.append(line))
        preview_table: list[str] = []
        preview_lines(work, lambda line="": preview_table.append(line))

    say("# Benchmarks")
    say()
    say(f"Measured on {datetime.date.today().isoformat()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()} ({machine_speed()} at the end), with:")
    say()
    say("    make bench    # .venv/bin/python tests/benchmark.py")
    say()
    say("| measure | figure | target |")
    say("| --- | --- | --- |")
    say(f"| full build, both languages, HTML only, from clean | {full:.1f} s | |")
    say(f"| generator's own work in it (load, validate, views for both languages, stubs) | {core:.2f} s | |")
    say(f"| generator overhead: full build / (full build − generator's work) | {full / (full - core):.3f}× | ≤ 1.10× |")
    say(f"| one English Sphinx build after one duty's English changes (sphinx-build alone) | {incr_seconds:.1f} s, {reread} of {total} pages re-read | |")
    say(f"| … as a ratio to the full build (both languages) | {incr_seconds / full:.2f}× | ≤ 0.2× |")
    say(f"| the same English build with nothing changed (start-up: the floor of any rebuild) | {floor:.1f} s, {floor / full:.2f}× | |")
    say(f"| whole PDF set from cold ({pdf_count} files, {pdf_page_count:,} pages) | {pdf_seconds:.1f} s ({pdf['cold'][1]:.1f} s CPU) | < 5 s |")
    say(f"| … again, nothing changed | {pdf['unchanged'][0]:.1f} s | |")
    edited = pdf["one duty's English changed"]
    say(f"| … after one duty's English changes | {edited[0]:.1f} s ({edited[1]:.1f} s CPU) | < 2 s |")
    say(f"| search index (Vietnamese, Pagefind, all files) | {kib(index_size)} | fetched in part, per query |")
    say()
    say("What the PDF builds reported:")
    say()
    for name, (_, _, line) in pdf.items():
        say(f"- {name}: {line}")
    if args.scales:
        say()
        say("The handbooks and booklets of the synthetic plans (not their annual reports: see below), from cold:")
        say()
        say("| size | duties | PDFs | pages | time | CPU | CPU per page |")
        say("| --- | --- | --- | --- | --- | --- | --- |")
        for factor, (duties, files, pages, seconds, cpu) in zip(args.scales, pdf_scales):
            say(f"| ×{factor} | {duties} | {files} | {pages:,} | {seconds:.1f} s | {cpu:.1f} s | {1000 * cpu / pages:.1f} ms |")
    say()
    for line in report_table:
        say(line)
    say()
    say("The duty page in Chromium on a throttled phone (360×740, 400 ms, 1.6/0.75 Mbit/s, CPU ×4):")
    say()
    say("| measure | figure | target |")
    say("| --- | --- | --- |")
    for line in vitals:
        say(line)
    say()
    say("Page weight with every file the page loads (CSS, JS, fonts, images), Vietnamese site, the heaviest")
    say("page of each type (the search page without its search index, counted above):")
    say()
    say("| page type | page | raw | gzip | target |")
    say("| --- | --- | --- | --- | --- |")
    for name, page, raw, zipped in page_weights:
        say(f"| {name} | {page} | {kib(raw)} | {kib(zipped)} | ≤ 200 KiB, ≤ 50 KiB gzipped |")
    say()
    say("Search: the search page plus everything a query fetches, in Chromium with nothing cached "
        "(tests/search_eval.py); gzip is what a server compressing text sends:")
    say()
    say("| size | queries | results found | expected results | largest fetch, raw | largest fetch, gzip | target |")
    say("| --- | --- | --- | --- | --- | --- | --- |")
    for factor, rows, size in [(1, search_x1, index_size)] + [(f, *search_scaled[f]) for f in args.scales]:
        found = sum(1 for r in rows if r[2])
        expected = f"{sum(r[5] for r in rows)} of {len(rows)}" if factor == 1 else "not checked (synthetic)"
        say(f"| ×{factor} (index {kib(size)}) | {len(rows)} | {found} of {len(rows)} | {expected} | "
            f"{kib(max(r[3] for r in rows))} | {kib(max(r[4] for r in rows))} | ≤ 300 KiB |")
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
    say()
    for line in views_table:
        say(line)
    say()
    for line in preview_table:
        say(line)
    write_tables(Path(args.out), lines)
    print(f"\nwritten to {args.out}")
    return 0


#: The line of BENCHMARKS.md after which each session's notes are written by hand: a
#: new run writes its tables above it and keeps what follows.
NOTES_FROM = "<!-- make bench writes what is above this line and keeps what follows it -->"


def write_tables(path: Path, lines: list[str]) -> None:
    """Write a run's tables to ``path``, keeping the notes that follow :data:`NOTES_FROM`."""
    notes = NOTES_FROM + "\n"
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        if NOTES_FROM in text:
            notes = text[text.index(NOTES_FROM) :]
    path.write_text("\n".join(lines) + "\n\n" + notes, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
