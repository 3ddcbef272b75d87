"""Building the whole site: both languages, then publishing it in one step.

Each language is a separate Sphinx build (run side by side as subprocesses)
into a fresh staging folder. Only when every part succeeded is the staging
folder swapped in for ``_build/html``; a failed or interrupted build leaves
the last good site exactly as it was.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..content.addresses import OPEN_DATA_DIR, feed_file
from ..content.discovery import site_base
from ..data.model import Plan
from ..data.status import resolve_as_of
from ..files import WriteError, atomic_write
from ..project import DATA_DIR, LANGUAGES, Project
from .discovery import write_discovery
from .exports import write_exports
from .feeds import atom_feed
from .generate import write_stubs
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


def sphinx_command(root: Path, lang: str, outdir: Path, doctrees: Path, data_dir: str = DATA_DIR, extra=()) -> list[str]:
    return [
        sys.executable,
        "-m",
        "sphinx",
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


def _swap_in(staging: Path, published: Path) -> None:
    """Replace ``published`` by ``staging`` with two renames (never a half-written site)."""
    old = published.with_name(published.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if published.exists():
        os.replace(published, old)
    os.replace(staging, published)
    if old.exists():
        shutil.rmtree(old)


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
) -> BuildResult:
    """Build ``langs`` into ``out`` (default ``root/_build``) and publish ``out/html`` on success.

    ``extra_steps`` are callables ``step(staging_html) -> list[str]`` run after the
    HTML builds (the handbooks); any message they return fails the build.
    ``keep`` names folders of the published site to carry over unchanged (the
    handbooks, when they are not rebuilt). ``as_of`` is the date statuses are
    worked out at (default: SOURCE_DATE_EPOCH, else today), the same for every part.
    """
    as_of = as_of or resolve_as_of(None)
    started = time.perf_counter()
    project = Project(root, data_dir)
    out = out or project.build_dir
    out.mkdir(parents=True, exist_ok=True)
    for leftover in out.glob(".staging-*"):  # from a build that was killed
        shutil.rmtree(leftover, ignore_errors=True)
    staging = out / f".staging-{os.getpid()}"
    html = staging / "html"
    published = out / "html"
    # A partial build (one language) starts from the published site, so the
    # other language stays as it was.
    if set(langs) != set(LANGUAGES) and published.exists():
        shutil.copytree(published, html, symlinks=True)
    html.mkdir(parents=True, exist_ok=True)
    for folder in keep:
        if (published / folder).is_dir() and not (html / folder).exists():
            shutil.copytree(published / folder, html / folder)
    result = BuildResult(ok=False, seconds=0.0)
    try:
        try:
            pagefind_binary()  # before anything is built: the search index needs it
        except SearchIndexError as exc:
            result.messages.append(str(exc))
            return result
        try:
            _, report = write_stubs(project.docs_dir, plan, as_of=as_of)
        except WriteError as exc:
            result.messages.append(str(exc))
            return result
        log(
            f"page sources: {len(report.written)} written, {len(report.unchanged)} unchanged, "
            f"{len(report.removed)} removed"
        )
        result.stats["page sources written"] = str(len(report.written))
        result.stats["page sources unchanged"] = str(len(report.unchanged))
        processes = {}
        for lang in langs:
            target = html / lang
            if target.exists():
                shutil.rmtree(target)
            if (published / lang).is_dir():
                # Start from the published pages (times kept): Sphinx then rewrites only
                # the pages that changed. A copy, not links: the published site is never touched.
                shutil.copytree(published / lang, target, symlinks=True)
            command = sphinx_command(root, lang, target, out / "doctrees" / lang, data_dir, extra=["-D", f"plan_as_of={as_of.isoformat()}"])
            log(f"building the {lang} site…")
            processes[lang] = subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        failed = False
        try:
            for lang, process in processes.items():
                output, _ = process.communicate()
                log(f"the {lang} site is built" if process.returncode == 0 else f"the {lang} build failed")
                if process.returncode != 0:
                    failed = True
                    result.messages.append(f"the {lang} build failed:\n{output.strip()}")
                elif output.strip():
                    result.messages.append(output.strip())
        except KeyboardInterrupt:
            # Stop the Sphinx builds before their staging folder is removed.
            for process in processes.values():
                process.terminate()
                process.communicate()
            raise
        if failed:
            return result
        for lang in langs:
            _drop_unused_static(html / lang / "_static")
            try:
                summary = index_language(html / lang, lang, out / "search" / lang)
            except SearchIndexError as exc:
                result.messages.append(str(exc))
                return result
            log(f"search index of the {lang} site: {summary}")
            result.stats[f"searchable pages ({lang})"] = str(searchable_pages(html / lang, lang))
        (html / "index.html").write_text(render_root_index(plan), encoding="utf-8")
        write_discovery(html, plan, log)
        exported = write_exports(html / OPEN_DATA_DIR, plan)
        for lang in langs:
            atomic_write(html / feed_file(lang), atom_feed(plan, lang, as_of))
        result.stats["open-data files"] = str(len(exported.written) + len(exported.unchanged))
        for step in extra_steps:
            log(f"{getattr(step, 'description', 'finishing')}…")
            problems = step(html)
            if problems:
                result.messages.extend(problems)
                return result
        _swap_in(html, published)
        pdf_link = out / "pdf"
        if (published / "pdf").is_dir() and not pdf_link.exists():
            pdf_link.symlink_to(Path("html") / "pdf")  # the handbooks, also at _build/pdf/
        result.ok = True
        return result
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        result.seconds = time.perf_counter() - started
