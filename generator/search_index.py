"""Search that loads only what a query needs: a Pagefind index per language.

After each Sphinx build, :func:`index_language` indexes the language's HTML
with Pagefind (the ``pagefind`` package on PyPI ships its binary, so nothing is
downloaded at build or run time) into ``<lang>/pagefind/``. Pagefind splits the
index into small compressed chunks and one fragment per page; a query fetches
the chunks holding its words and the fragments of the results it shows, so
what a search costs does not grow with the size of the site. The search page
(``templates/sphinx/search.html`` and ``static/plan-search.js``) drives
Pagefind's JavaScript API with a small hand-written interface.

What is indexed
    The article of each page only: ``layout.html`` marks it
    ``data-pagefind-body``, so the navigation, header, sidebars and the search
    page itself are never indexed and a page matches on its own content.
    Pages that list other pages' texts (a plan table on an agency, topic or
    section page, the schedule) keep their own words but not the listed duty
    texts (see :data:`INDEX_MARKS`): a query for a duty's subject finds the
    duty, not every list the duty appears in. The parent headings repeated
    at the top of a duty page count for less than the duty's own task.

Vietnamese
    Pagefind (1.5 and later) folds diacritics when it indexes and searches:
    it decomposes each word (NFD) and drops the combining marks, so
    ``tấn``, ``TẤN``, an NFD ``tấn`` and ``tan`` all find the same pages, the
    exact form ranked first. ``đ`` (U+0111) is a letter of its own, not ``d``
    with a mark, so ``dao tao`` would not find ``đào tạo``. The copy of each
    page that is handed to Pagefind (never the published page) therefore
    spells ``đ`` as ``d`` + U+0335 COMBINING SHORT STROKE OVERLAY, which
    Pagefind folds to ``d``; the search page turns the pair back into ``đ``
    in titles and excerpts, and writes a query's ``đ`` as ``d`` (see
    ``static/plan-search.js``). Sphinx's own search index is not built at all
    (:func:`setup`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

#: The folder Pagefind writes into, inside each language's folder of the site.
OUTPUT = "pagefind"

#: What stands for "đ"/"Đ" in the copy of the pages that Pagefind indexes.
STROKE = "\u0335"
_D_STROKE = str.maketrans({"đ": "d" + STROKE, "Đ": "D" + STROKE})

#: Attributes added to the indexed copy of a page, by the start tag they go on:
#: (the start of the tag as Sphinx writes it, the attribute). Every tag is
#: written by our templates and nodes, never by data (data is escaped text).
INDEX_MARKS = (
    # Tables that list duties (agency, topic and section pages, the schedule):
    # the listed texts are the duties' own content, found on their pages.
    ('<table class="plan-table', "data-pagefind-ignore"),
    # The parent headings repeated at the top of a duty page.
    ('<ul class="breadcrumbs', 'data-pagefind-weight="0.3"'),
    # Previous and next duty.
    ('<ul class="duty-nav', "data-pagefind-ignore"),
    # The duty itself.
    ('<p class="task"', 'data-pagefind-weight="2"'),
)

#: The message when the binary is missing; ``make setup`` installs it from PyPI.
MISSING = (
    "search: the Pagefind indexer is not installed. It comes from PyPI with the project's "
    "dependencies: run `make setup`, or `pip install 'pagefind[bin]>=1.5.2,<2'` in the virtual environment"
)


class SearchIndexError(Exception):
    """The search index could not be built; the message says why."""


def mark_d_stroke(text: str) -> str:
    """``đ``/``Đ`` as ``d``/``D`` + U+0335, which Pagefind folds to ``d`` like any accent."""
    return text.translate(_D_STROKE)


def prepare_page(html: str) -> str:
    """The copy of a built page that Pagefind indexes (see the module's docstring)."""
    for start, attribute in INDEX_MARKS:
        html = html.replace(start, f"{start[: start.index(' ')]} {attribute}{start[start.index(' '):]}")
    return mark_d_stroke(html)


def pagefind_binary() -> Path:
    """The Pagefind binary installed with the ``pagefind`` package, or a clear error."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise SearchIndexError(MISSING) from None
    binary = get_executable()
    if binary is None or not Path(binary).is_file():
        raise SearchIndexError(MISSING)
    return Path(binary)


def index_language(site: Path, lang: str) -> str:
    """Index the built pages of ``site`` (one language's folder) into ``site/pagefind``.

    The pages are copied, prepared for indexing, into a temporary folder;
    the index replaces the previous one only when Pagefind succeeded. Returns
    Pagefind's summary line ("Indexed N pages"); raises :class:`SearchIndexError`.
    """
    binary = pagefind_binary()
    with tempfile.TemporaryDirectory(prefix="pagefind-", dir=site.parent) as tmp:
        source = Path(tmp) / "site"
        for page in site.rglob("*.html"):
            relative = page.relative_to(site)
            if relative.parts[0] in ("_static", "_sources", OUTPUT):
                continue
            target = source / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(prepare_page(page.read_text(encoding="utf-8")), encoding="utf-8")
        output = Path(tmp) / OUTPUT
        command = [
            str(binary),
            "--site", str(source),
            "--output-path", str(output),
            "--force-language", lang,
            "--keep-index-url",
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, check=False, env={**os.environ, "NO_COLOR": "1"})
        if done.returncode != 0 or not (output / "pagefind.js").is_file():
            raise SearchIndexError(f"search: Pagefind failed for the {lang} site:\n{(done.stdout + done.stderr).strip()}")
        target = site / OUTPUT
        if target.exists():
            shutil.rmtree(target)
        _drop_unused(output)
        shutil.move(str(output), str(target))
    found = re.search(r"Indexed (\d+) pages?", done.stdout)
    return f"{found.group(1) if found else '?'} pages indexed"


#: Pagefind's ready-made interfaces: the search page uses its JavaScript API only.
_UNUSED = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")


def _drop_unused(output: Path) -> None:
    for pattern in _UNUSED:
        for path in output.glob(pattern):
            path.unlink()


# -- Sphinx -------------------------------------------------------------------


def _on_builder_inited(app) -> None:
    # Sphinx's search: no index fed while writing, no searchindex.js dumped, no
    # searchtools.js page. The search page is ours (html_additional_pages).
    if getattr(app.builder, "search", False):
        app.builder.search = False


#: The list of the build's documents, written next to its doctrees: the build
#: removes pages of documents that no longer exist (generator/site.py).
DOCNAMES = "plan-docnames.json"


def _on_build_finished(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        (Path(app.doctreedir) / DOCNAMES).write_text(json.dumps(sorted(app.env.all_docs)), encoding="utf-8")


def _on_config_inited(app, config) -> None:
    config.html_additional_pages = {**config.html_additional_pages, "search": "search.html"}


def setup(app) -> None:
    """Turn Sphinx's own search off and render our search page instead; call from the extension's setup."""
    app.connect("config-inited", _on_config_inited)
    app.connect("builder-inited", _on_builder_inited)
    app.connect("build-finished", _on_build_finished)
