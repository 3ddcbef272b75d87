"""Building the whole site: both languages, then publishing it in one step.

Each language is a separate Sphinx build (run side by side as subprocesses)
into the work folder ``_build/html.next`` (see :mod:`generator.site.outputs`).
Only when every part succeeded is it swapped in for ``_build/html``; a failed
or interrupted build leaves the last good site exactly as it was.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..content.addresses import GENERATED, OPEN_DATA_DIR, feed_file
from ..content.discovery import site_base
from ..content.incremental import language_key
from ..data.model import Plan
from ..data.status import resolve_as_of
from ..files import MANIFEST, WriteError, atomic_write, write_if_changed
from ..project import DATA_DIR, LANGUAGES, Project
from ..text.strings import label
from .buildcache import dated, frame_digest, frame_rest, source_digest, wait_stored
from .discovery import write_discovery
from .exports import write_exports
from .feeds import atom_feed
from . import sphinx_server
from .generate import write_stubs_once
from .outputs import WORK, BuildBusy, build_lock, mirror, recover, swap
from .search_index import (
    SearchIndexError,
    index_language,
    pagefind_binary,
    searchable_pages,
)
from .stubs import jinja_environment
from .theme import UNUSED_STATIC

SITE_TEMPLATE = "root-index.html.jinja"


@dataclass
class BuildResult:
    ok: bool
    seconds: float
    messages: list[str] = field(default_factory=list)
    stats: dict[str, str] = field(default_factory=dict)


#: How a Sphinx build starts: sphinx-build without the slow teardown at exit. What
#: follows it in :func:`sphinx_command` is sphinx-build's own arguments.
SPHINX_RUN = (sys.executable, "-m", "generator.site.sphinx_run")


def sphinx_command(root: Path, lang: str, outdir: Path, doctrees: Path, data_dir: str = DATA_DIR, extra=()) -> list[str]:
    return [
        *SPHINX_RUN,
        "-b",
        "html",
        "-W",
        "--keep-going",
        "-n",
        "-q",
        "-c",
        str(root),
        "-d",
        str(doctrees),
        "-D",
        f"language={lang}",
        "-D",
        f"plan_data_dir={data_dir}",
        *extra,
        str(Project(root, data_dir).docs_dir),
        str(outdir),
    ]


def render_root_index(plan: Plan) -> str:
    """The site's front door: sends a visitor to their language, with plain links as fallback."""
    return jinja_environment(autoescape=True).get_template(SITE_TEMPLATE).render(plan=plan, base=site_base(plan))


def _drop_unused_static(static: Path) -> None:
    """Remove theme files no page loads (see generator.theme.UNUSED_STATIC): a smaller upload."""
    for pattern in UNUSED_STATIC:
        for path in static.glob(pattern):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()


def build_site(
    root: Path,
    plan: Plan,
    langs=LANGUAGES,
    data_dir: str = DATA_DIR,
    out: Path | None = None,
    extra_steps=(),
    keep=(),
    log=print,
    as_of: datetime.date | None = None,
    ui_lang: str = "en",
    keep_alive: float | None = None,
    sources: tuple[str, str] | None = None,
) -> BuildResult:
    """Build ``langs`` into ``out`` (default ``root/_build``) and publish ``out/html`` on success.

    The build works in ``out/html.next``, brought level with the published site
    first (see :mod:`generator.site.outputs`), so that Sphinx rewrites only what
    changed. ``extra_steps`` are callables ``step(work_html) -> list[str]`` run
    after the HTML builds (the handbooks); any message they return fails the build.
    A step's ``description`` attribute, if any, is the key of the string table's
    message logged as it starts.
    ``keep`` names folders of the published site to carry over unchanged (the
    handbooks, when they are not rebuilt). ``as_of`` is the date statuses are
    worked out at (default: SOURCE_DATE_EPOCH, else today), the same for every part.
    ``ui_lang`` is the language of what it logs and of the names in ``stats`` (the
    command line's messages); the problems in ``messages`` stay in English.
    ``keep_alive``: build each language in a server that stays for that many idle
    seconds (see :mod:`generator.site.sphinx_server`); None, in a new process each time.
    ``sources``: the digests of the sources (``source_digest(data)``, ``frame_rest``) taken
    before ``plan`` was read (default: taken now); see
    :func:`generator.site.buildcache.frame_rest` for why before.
    """
    started = time.perf_counter()
    as_of = as_of or resolve_as_of(None)
    project = Project(root, data_dir)
    out = out or project.build_dir
    out.mkdir(parents=True, exist_ok=True)
    for leftover in out.glob(".staging-*"):  # from a build of an earlier version that was killed
        shutil.rmtree(leftover, ignore_errors=True)
    result = BuildResult(ok=False, seconds=0.0)
    try:
        pagefind_binary()  # before anything is built: the search index needs it
    except SearchIndexError as exc:
        result.messages.append(str(exc))
        result.seconds = time.perf_counter() - started
        return result
    servers: list[SphinxBuild] = []
    try:
        with build_lock(out):
            _build(
                project, plan, tuple(langs), out, tuple(extra_steps), tuple(keep), log, result, as_of, ui_lang, keep_alive, servers, sources
            )
    except BuildBusy as exc:
        result.messages.append(str(exc))
    finally:
        for build in servers:  # the search index and the PDFs are made: they may save now
            build.done()
        result.seconds = time.perf_counter() - started
    return result


def _build(
    project: Project,
    plan: Plan,
    langs,
    out: Path,
    extra_steps,
    keep,
    log,
    result: BuildResult,
    as_of,
    ui_lang,
    keep_alive,
    servers: list,
    sources,
) -> None:
    """The build (see :func:`build_site`); each language's build is put in ``servers``."""
    def say(key: str, /, **values) -> str:
        return label(key, ui_lang, **values)

    root = project.root
    recover(out)
    published = out / "html"
    html = out / WORK
    # A partial build (one language) carries the whole published site, so the
    # other language stays as it was; a full build carries what it rebuilds.
    carried = (
        None
        if set(langs) != set(LANGUAGES)
        else {*LANGUAGES, OPEN_DATA_DIR, "index.html", "404.html", "sitemap.xml", "robots.txt", *keep}
    )
    level = mirror(published, html, carried)
    log(say("cli_step_work_folder", copied=level.copied, removed=level.removed))
    result.stats[say("cli_stat_carried_over")] = str(level.kept + level.copied)
    # The pages show statuses as of a date: what they are made from includes it.
    digest, rest = sources or (source_digest(project.data_dir), frame_rest(project.data_dir, project.docs_dir / "locale"))
    digest = dated(digest, as_of)
    frame = frame_digest(plan, rest, as_of)
    try:
        _, report = write_stubs_once(project.docs_dir, project.cache_dir, plan, digest, as_of=as_of, frame=frame)
    except WriteError as exc:
        result.messages.append(str(exc))
        return
    log(say("cli_step_page_sources", written=len(report.written), unchanged=len(report.unchanged), removed=len(report.removed)))
    result.stats[say("cli_stat_sources_written")] = str(len(report.written))
    result.stats[say("cli_stat_sources_unchanged")] = str(len(report.unchanged))
    builds = {}
    # each language's search index: (site, language, work folder) of index_language
    search = {lang: (html / lang, lang, out / "search" / lang) for lang in langs}
    published_inputs = _read_json(out / _SPHINX_RECORD)
    inputs = {}
    for lang in langs:
        # plan_ui_lang: the data's diagnostics in the Sphinx log follow --ui-lang too
        extra = ["-D", f"plan_as_of={as_of.isoformat()}", "-D", f"plan_ui_lang={ui_lang}"]
        command = sphinx_command(root, lang, html / lang, out / "doctrees" / lang, project.data, extra=extra)
        key = process_key(project, command)
        # what this language's pages show: an edit to a duty's English leaves the Vietnamese site be
        inputs[lang] = sphinx_inputs(project, key, language_key(plan, frame, lang))
        if keep_alive is None:  # a server left by an earlier build would not see what this one writes
            sphinx_server.stop(out / "doctrees" / lang)
        stubs_changed = bool(report.written or report.removed)
        if not stubs_changed and published_inputs.get(lang) == inputs[lang] and (html / lang).is_dir():
            log(say("cli_step_site_unchanged", lang=lang))
            continue
        log(say("cli_step_building", lang=lang))
        builds[lang] = SphinxBuild(
            project, command, key, out / "doctrees" / lang, out / "servers" / f"{lang}.log", keep_alive, index=search[lang]
        )
        servers.append(builds[lang])
    failed = False
    wait_stored()  # the checked plan, which the Sphinx builds read (stored while the work folder was made)
    try:
        for build in builds.values():
            build.start()
        # While Sphinx works: the front door and the open data (they do not depend on it).
        atomic_write_if_changed(html / "index.html", render_root_index(plan))
        try:
            result.stats[say("cli_stat_open_data")] = str(_export(plan, html / OPEN_DATA_DIR, out, digest, project.cache_dir))
        except WriteError as exc:
            result.messages.append(str(exc))
            return
        for lang, build in builds.items():
            code, output = build.wait()
            log(say("cli_step_built" if code == 0 else "cli_step_failed", lang=lang))
            if code != 0:
                failed = True
                result.messages.append(say("cli_step_failed", lang=lang) + ":\n" + output.strip())
            elif output.strip():
                result.messages.append(output.strip())
    finally:
        for build in builds.values():  # interrupted: no Sphinx build outlives this one
            build.stop()
    if failed:
        return
    for lang in builds:
        _drop_unused_static(html / lang / "_static")
    for lang in langs:
        # a build server made it as it ended its build (it keeps Pagefind's parsed pages)
        summary, error = builds[lang].indexed if lang in builds else (None, None)
        try:
            if error is not None:
                raise SearchIndexError(error)
            summary = summary or index_language(*search[lang])
        except SearchIndexError as exc:
            result.messages.append(str(exc))
            return
        log(say("cli_step_search_index", lang=lang, summary=summary))
        result.stats[say("cli_stat_searchable", lang=lang)] = str(searchable_pages(html / lang, lang))
        write_if_changed(html / feed_file(lang), atom_feed(plan, lang, as_of))
    write_discovery(html, plan, log)
    for step in extra_steps:
        log(say(getattr(step, "description", "cli_step_finishing")))
        problems = step(html)
        if problems:
            result.messages.extend(problems)
            return
    swap(out)
    _record_exports(out, digest)
    atomic_write(out / _SPHINX_RECORD, json.dumps({**published_inputs, **inputs}, indent=1) + "\n")
    pdf_link = out / "pdf"
    if (published / "pdf").is_dir() and not pdf_link.exists():
        pdf_link.symlink_to(Path("html") / "pdf")  # the handbooks, also at _build/pdf/
    result.ok = True


def atomic_write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` unless ``path`` already holds it (its time then stays)."""
    content = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == content:
        return False
    atomic_write(path, content)
    os.chmod(path, 0o644)  # a page of the site: readable by the web server
    return True


_EXPORTS_RECORD = ".published-exports.json"  # in the output folder, next to html/


def _export(plan: Plan, folder: Path, out: Path, digest: str, cache_dir: Path) -> int:
    """Write the open-data files, unless the published ones (carried into ``folder``) were
    made from these very sources (``digest``); return how many there are."""
    manifest = folder / MANIFEST
    try:
        recorded = json.loads((out / _EXPORTS_RECORD).read_text(encoding="utf-8")).get("digest")
    except (OSError, ValueError, AttributeError):
        recorded = None
    if recorded == digest and manifest.is_file():
        try:
            return len(json.loads(manifest.read_text(encoding="utf-8"))["files"])
        except (ValueError, KeyError, TypeError):
            pass
    exported = write_exports(folder, plan, cache_dir / "calendar-events.pickle")
    return len(exported.written) + len(exported.unchanged)


_SPHINX_RECORD = ".published-sphinx.json"  # in the output folder, next to html/

#: The packages whose version changes what Sphinx writes.
_SPHINX_PACKAGES = ("sphinx", "docutils", "myst-parser", "sphinx-book-theme", "pydata-sphinx-theme", "sphinx-design", "jinja2")


def _read_json(path: Path) -> dict:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _listing(folder: Path, skip: Path | None = None):
    """(path, size, modification time) of every file under ``folder``, ``skip`` left out
    (not walked: the generated page sources are thousands of files on a large plan), and
    the ``.mo`` catalogues a build compiles (the ``.po`` files they come from are listed)."""
    lines = []
    for current, folders, files in os.walk(folder):
        here = Path(current)
        folders[:] = [name for name in folders if name != "__pycache__" and here / name != skip]
        for name in files:
            path = here / name
            if name.endswith(".mo"):  # compiled by Sphinx from the .po catalogues, which are listed
                continue
            if path.is_file():
                stat = path.stat()
                lines.append(f"{path.relative_to(folder).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n")
    yield from sorted(lines)


def process_key(project: Project, command: list[str]) -> str:
    """A key for what a Sphinx process loads once and does not see change: the Sphinx
    command, Python and the packages' versions, conf.py and the generator's code,
    templates and static files. A build server serves only builds with its key."""
    from importlib import metadata

    key = hashlib.sha256(f"{sys.version}\0{command}\0".encode())
    for package in _SPHINX_PACKAGES:
        try:
            key.update(f"{package}={metadata.version(package)}\n".encode())
        except metadata.PackageNotFoundError:
            key.update(f"{package}=none\n".encode())
    conf = project.root / "conf.py"
    key.update(conf.read_bytes() if conf.is_file() else b"")
    for line in _listing(Path(__file__).resolve().parent.parent):  # the generator package
        key.update(line.encode())
    return key.hexdigest()


def sphinx_inputs(project: Project, process: str, digest: str) -> str:
    """A key for everything a language's Sphinx build is made from: what its process
    loads (``process``, a :func:`process_key`), the data as its pages show it and the
    generator's code (``digest``, a :func:`~generator.content.incremental.language_key`)
    and the hand-written pages. A build whose key equals the published
    one's would write the same site: it is skipped."""
    key = hashlib.sha256(f"{digest}\0{process}\0".encode())
    for line in _listing(project.docs_dir, skip=project.docs_dir / GENERATED):
        key.update(line.encode())
    return key.hexdigest()


class SphinxBuild:
    """One language's Sphinx build, running while the build command does other work:
    in a new process, or (``keep_alive`` seconds) in the language's build server, with
    a new process when no server can answer."""

    def __init__(
        self,
        project: Project,
        command: list[str],
        key: str,
        doctrees: Path,
        log: Path,
        keep_alive: float | None,
        index: tuple[Path, str, Path] | None = None,
    ):
        self.project, self.command, self.key, self.doctrees, self.log = project, command, key, doctrees, log
        self.keep_alive = keep_alive
        self.index = index  # (site, language, work folder): the search index a server makes after the build
        self.indexed: tuple[str | None, str | None] = (None, None)  # its summary or its error
        self.process: subprocess.Popen | None = None
        self.thread: threading.Thread | None = None
        self.outcome: tuple[int, str] | None = None
        self.cpu: float | None = None  # of the server, for this build
        self.server_pid: int | None = None

    def start(self) -> None:
        if self.keep_alive is None:
            self._start_process()
            return
        self.thread = threading.Thread(target=self._ask_server, daemon=True)
        self.thread.start()

    def _start_process(self) -> None:
        self.process = subprocess.Popen(
            self.command, cwd=self.project.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )

    def _ask_server(self) -> None:
        argv = self.command[len(SPHINX_RUN) :]  # sphinx-build's own arguments
        try:
            outcome = sphinx_server.build(
                argv,
                self.key,
                self.doctrees,
                self.keep_alive,
                self.log,
                self.project.root,
                on_pid=self._server_started,
                index=self.index,
            )
        except (OSError, ValueError, KeyError):  # no private socket folder, a garbled answer: build without
            outcome = None
        if outcome is not None:
            self.outcome, self.cpu = (outcome.code, outcome.output), outcome.cpu
            self.indexed = (outcome.index, outcome.index_error)

    def _server_started(self, pid: int) -> None:
        self.server_pid = pid

    def wait(self) -> tuple[int, str]:
        """The build's exit status and what it printed."""
        if self.thread is not None:
            self.thread.join()
            if self.outcome is not None:
                return self.outcome
            self._start_process()  # no server could answer: as without one
        output, _ = self.process.communicate()
        return self.process.returncode, output

    def done(self) -> None:
        """The build command is over: the server that built (if any) may save its environment."""
        if self.thread is not None and self.outcome is not None:
            sphinx_server.done(self.doctrees)

    def stop(self) -> None:
        """Interrupted: no build outlives the command (a server in the middle of one is killed)."""
        if self.thread is not None and self.thread.is_alive() and self.server_pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.server_pid, signal.SIGKILL)
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def _record_exports(out: Path, digest: str) -> None:
    """Once published: the published open-data files were made from ``digest``."""
    atomic_write(out / _EXPORTS_RECORD, json.dumps({"digest": digest}) + "\n")
