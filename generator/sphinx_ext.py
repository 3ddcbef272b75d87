"""The Sphinx side: a thin adapter over the core.

At ``builder-inited`` the plan is loaded and validated, the page stubs are
written (only those that changed) and every page's view is built for the
build's language. The ``plan-page`` directive turns a view into nodes.
``env-get-outdated`` asks Sphinx to re-read exactly the pages whose view
changed, so an edit to one duty re-reads only the pages that show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape
from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from . import search_index
from .diagnostics import Kind, Severity
from .generate import write_stubs
from .index import PlanIndex
from .labels import LANGUAGES, label
from .pages import (
    GENERATED,
    PageSpec,
    SiteContext,
    build_view,
    fingerprint,
    handbook_links,
)
from .sphinx_nodes import (
    NodeBuilder,
    depart_lang_span,
    lang_span,
    page_nodes,
    visit_lang_span,
)
from .translations import catalogue_progress, read_lock, statuses
from .validate import check
from .view import PageView, Para, Table
from .write import WriteError

logger = logging.getLogger(__name__)

LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


class PlanDataError(SphinxError):
    category = "Plan data error"


@dataclass
class _State:
    specs: dict[str, PageSpec]
    views: dict[str, PageView]
    fingerprints: dict[str, str]
    written: int
    unchanged: int
    lang: str
    handbook_links: object


#: The state of each running build, by its environment (a directive sees only
#: the environment; ``env.app`` is deprecated).
_STATES: dict[int, _State] = {}


def _state(env) -> _State:
    return _STATES[id(env)]


def _on_builder_inited(app: Sphinx) -> None:
    root = Path(app.confdir)
    data_dir = root / app.config.plan_data_dir
    plan, diagnostics = check(data_dir, root)
    for diagnostic in diagnostics:
        if diagnostic.severity is Severity.WARNING:
            # Advice (e.g. an unused topic), shown by `check`; it must not fail a -W build.
            logger.info(f"{diagnostic.location}: note: {diagnostic.message}")
    if plan is None:
        errors = [str(d) for d in diagnostics if d.severity is Severity.ERROR]
        raise PlanDataError(
            f"{len(errors)} error(s) in {app.config.plan_data_dir}/; nothing was built:\n" + "\n".join(errors)
        )
    # Defence in depth: even if markup ever reached a page, it could not embed
    # raw HTML or read a file from the machine.
    app.env.settings["raw_enabled"] = False
    app.env.settings["file_insertion_enabled"] = False
    if app.builder.name == "gettext":
        # Plan pages are translated in the data, not in gettext catalogues.
        app.config.exclude_patterns = [*app.config.exclude_patterns, f"{GENERATED}/**"]
    lang = app.config.language if app.config.language in LANGUAGES else "vi"
    app.config.html_title = plan.info.title.get(lang) or plan.info.title.vi
    app.config.html_short_title = app.config.html_title
    index = PlanIndex(plan)
    try:
        specs, report = write_stubs(Path(app.srcdir), plan, index)
    except WriteError as exc:
        raise PlanDataError(str(exc)) from None
    context = site_context(plan, data_dir, Path(app.srcdir))
    views = {spec.docname: build_view(index, spec, lang, context) for spec in specs}
    _STATES[id(app.env)] = _State(
        specs={s.docname: s for s in specs},
        views=views,
        fingerprints={doc: fingerprint(view) for doc, view in views.items()},
        written=len(report.written),
        unchanged=len(report.unchanged),
        lang=lang,
        handbook_links=handbook_links(index, lang),
    )
    logger.info(
        f"plan pages: {len(report.written)} written, {len(report.unchanged)} unchanged, "
        f"{len(report.removed)} removed"
    )


def site_context(plan, data_dir: Path, srcdir: Path) -> SiteContext:
    states = statuses(plan, read_lock(data_dir))
    files = sorted({s.file for s in states})
    text_states = tuple(
        (
            file,
            sum(s.file == file for s in states),
            sum(s.file == file and s.state == "missing" for s in states),
            sum(s.file == file and s.state == "outdated" for s in states),
        )
        for file in files
    )
    catalogues = tuple((c.name, c.translated, c.total) for c in catalogue_progress(srcdir / "locale"))
    return SiteContext(
        outdated=frozenset((s.text.vi, s.text.en) for s in states if s.state == "outdated"),
        text_states=text_states,
        catalogues=catalogues,
    )


def _on_env_get_outdated(app, env, added, changed, removed) -> list[str]:
    state = _state(env)
    previous = getattr(env, "cat_plan_fingerprints", {})
    outdated = [
        doc
        for doc, print_ in state.fingerprints.items()
        if doc in env.all_docs and doc not in changed and previous.get(doc) != print_
    ]
    env.cat_plan_fingerprints = dict(state.fingerprints)
    return outdated


def _relative_uri(from_doc: str, to_doc: str) -> str:
    """The link from one HTML page to another (both builds use the .html suffix)."""
    return relative_uri(from_doc + ".html", to_doc + ".html")


class PlanPageDirective(SphinxDirective):
    """``{plan-page}``: the body of a generated page, built from the model."""

    has_content = True  # the stub's toctree of child pages, placed inside the page's section

    def run(self):
        view = _state(self.env).views.get(self.env.docname)
        if view is None:
            raise self.error(f"no generated page is named {self.env.docname!r}")
        body = page_nodes(view, self.env.docname, _relative_uri)
        if self.content:
            # Inside the section, so that the navigation nests the children under this page.
            self.state.nested_parse(self.content, self.content_offset, body[0])
        return body


class PlanErrorsDirective(SphinxDirective):
    """``{plan-errors}``: every kind of data error, what it means and how to fix it."""

    def run(self):
        lang = self.config.language if self.config.language in LANGUAGES else "vi"
        rows = tuple(
            ((Para((kind.value,)),), (Para((label(f"error_{kind.value}", lang),)),)) for kind in Kind
        )
        table = Table((label("error_kind", lang), label("error_fix", lang)), rows)
        return NodeBuilder(self.env.docname, lang, _relative_uri).block(table)


class PlanDownloadsDirective(SphinxDirective):
    """``{plan-downloads}``: links to the full handbooks (for the home page)."""

    def run(self):
        state = _state(self.env)
        return NodeBuilder(self.env.docname, state.lang, _relative_uri).block(state.handbook_links)


_CHEVRON = (
    '<svg class="plan-icon toctree-chevron" viewBox="0 0 24 24" width="1em" height="1em" fill="none" '
    'stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" '
    'aria-hidden="true" focusable="false"><path d="m6 9 6 6 6-6"/></svg>'
)


#: A branch of the navigation with more pages than this shows a window of them
#: around the current page and a link to the branch's own page, which lists them all:
#: otherwise every page of a big branch would carry the whole list (quadratic over a build).
SIDEBAR_BRANCH_LIMIT = 40
SIDEBAR_WINDOW = 15


def toctree_parents(env) -> dict[str, str]:
    """Each document's parent in the toctree."""
    return {child: doc for doc, children in env.toctree_includes.items() for child in children}


def _branch_window(children: list[str], current: set[str]) -> tuple[list[str], bool]:
    """The children to list (all, or a window around the current page) and whether some are left out."""
    if len(children) <= SIDEBAR_BRANCH_LIMIT:
        return children, False
    here = next((i for i, child in enumerate(children) if child in current), 0)
    start = max(0, min(here - SIDEBAR_WINDOW, len(children) - 2 * SIDEBAR_WINDOW - 1))
    return children[start : start + 2 * SIDEBAR_WINDOW + 1], True


def sidebar_html(env, pagename: str, lang: str, parents: dict[str, str] | None = None) -> Markup:
    """The site navigation for ``pagename``: the top level, and the branch holding the page.

    The theme's own sidebar asks Sphinx to resolve the whole toctree on every page,
    so its cost grows with the site (quadratic over a build). This walks only the
    top level and the current branch, with the theme's markup and classes; a branch
    longer than :data:`SIDEBAR_BRANCH_LIMIT` shows the pages around the current one.
    ``parents`` is :func:`toctree_parents`, computed once per build by the caller.
    """
    includes = env.toctree_includes
    parent = parents if parents is not None else toctree_parents(env)
    ancestors = {pagename}
    doc = pagename
    while doc in parent:
        doc = parent[doc]
        ancestors.add(doc)

    def link(docname: str) -> str:
        title = env.titles[docname].astext() if docname in env.titles else docname
        href = relative_uri(pagename + ".html", docname + ".html")
        return f'<a class="reference internal" href="{escape(href)}">{escape(title)}</a>'

    items = []
    for top in includes.get(env.config.root_doc, []):
        current = top in ancestors
        children = includes.get(top, []) if current else []
        classes = "toctree-l1" + (" current active" if current else "") + (" has-children" if children else "")
        html = f'<li class="{classes}">{link(top)}'
        if children:
            shown, partial = _branch_window(children, ancestors)
            sub = "".join(
                f'<li class="toctree-l2{" current active" if child in ancestors else ""}">{link(child)}</li>\n'
                for child in shown
            )
            if partial:
                everything = escape(label("all_subpages", lang, count=len(children)))
                href = escape(relative_uri(pagename + ".html", top + ".html"))
                sub += f'<li class="toctree-l2 plan-more"><a class="reference internal" href="{href}">{everything}</a></li>\n'
            html += (
                '<details open="open"><summary><span class="toctree-toggle" role="presentation">'
                f'{_CHEVRON}<span class="visually-hidden">{escape(label("subpages", lang))}</span></span>'
                f'</summary><ul class="current">\n{sub}</ul>\n</details>'
            )
        items.append(html + "</li>")
    in_tree = "current " if ancestors & set(includes.get(env.config.root_doc, [])) else ""
    return Markup(f'<ul class="{in_tree}nav bd-sidenav">\n' + "\n".join(items) + "\n</ul>")


def _on_html_page_context(app, pagename, templatename, context, doctree) -> None:
    lang = app.config.language if app.config.language in LANGUAGES else "vi"
    other = "en" if lang == "vi" else "vi"
    depth = pagename.count("/")
    context["plan_lang"] = lang
    context["plan_other_lang"] = other
    context["plan_other_lang_name"] = LANGUAGE_NAMES[other]
    context["plan_other_lang_url"] = "../" * (depth + 1) + f"{other}/{pagename}.html"
    parents = getattr(app.builder, "_plan_toctree_parents", None)
    if parents is None:  # the toctree is final once pages are written: once per build
        parents = app.builder._plan_toctree_parents = toctree_parents(app.env)
    context["plan_sidebar_html"] = sidebar_html(app.env, pagename, lang, parents)
    view = _state(app.env).views.get(pagename)
    context["plan_untranslated"] = view.untranslated if view else 0


#: How many read doctrees Sphinx may keep in memory for writing (it keeps every
#: one read in the build otherwise: at x50, 4,500 of them and most of a gigabyte).
#: Beyond this, the oldest are dropped and read back from the pickles when written.
DOCTREE_MEMORY_LIMIT = 1000


def _on_doctree_read(app: Sphinx, doctree) -> None:
    """Keep Sphinx's in-memory doctree cache bounded (its fallback is the pickle on disk)."""
    cache = getattr(app.env, "_write_doc_doctree_cache", None)
    limit = app.config.plan_doctree_memory_limit
    if isinstance(cache, dict) and len(cache) >= limit:
        for docname in list(cache)[: len(cache) - limit + 1]:
            del cache[docname]


def setup(app: Sphinx) -> dict:
    app.add_config_value("plan_data_dir", "plan_data", "env", types=[str])
    app.add_config_value("plan_doctree_memory_limit", DOCTREE_MEMORY_LIMIT, "", types=[int])
    app.connect("doctree-read", _on_doctree_read)
    app.add_node(lang_span, html=(visit_lang_span, depart_lang_span))
    app.add_directive("plan-page", PlanPageDirective)
    app.add_directive("plan-errors", PlanErrorsDirective)
    app.add_directive("plan-downloads", PlanDownloadsDirective)
    app.connect("builder-inited", _on_builder_inited)
    app.connect("env-get-outdated", _on_env_get_outdated)
    app.connect("html-page-context", _on_html_page_context)
    search_index.setup(app)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
