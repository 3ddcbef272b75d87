"""The Sphinx side: a thin adapter over the core.

At ``builder-inited`` the plan is loaded and validated, the page stubs are
written (only those that changed) and every page's view is built for the
build's language. The ``plan-page`` directive turns a view into nodes.
``env-get-outdated`` asks Sphinx to re-read exactly the pages whose view
changed, so an edit to one duty re-reads only the pages that show it.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Iterator

from docutils import nodes
from markupsafe import Markup, escape
from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from ..content.addresses import GENERATED, feed_file
from ..content.discovery import describe, describe_prose, describe_search, page_meta
from ..content.pages import (
    SiteContext,
    build_view,
    fingerprint,
    handbook_links,
    headline,
)
from ..content.incremental import ViewBasis, duty_hashes, pages_to_redo
from ..content.view import PageView, Para, Table
from ..data.diagnostics import Diagnostic, Kind, Severity
from ..data.index import PlanIndex
from ..data.status import AsOfError, resolve_as_of
from ..data.translations import catalogue_progress, counts_by_file, read_lock, statuses
from ..files import WriteError, atomic_write
from ..project import DATA_DIR, Project
from ..text.strings import LANGUAGE_NAMES, LANGUAGES, label, labels_with_prefix
from . import search_index
from .buildcache import (
    PageViews,
    SiteInfo,
    checked_plan,
    dated,
    frame_digest,
    frame_rest,
    load_views,
    source_digest,
    store_views,
)
from .generate import write_stubs_once
from .nodes import (
    NodeBuilder,
    depart_lang_span,
    depart_plan_details,
    depart_plan_summary,
    lang_span,
    not_for_gettext,
    page_nodes,
    plan_chart,
    plan_details,
    plan_summary,
    skip_node,
    visit_lang_span,
    visit_plan_chart,
    visit_plan_details,
    visit_plan_summary,
)
from .sphinx_private import skip_transforms, trim_doctree_cache

logger = logging.getLogger(__name__)

class PlanDataError(SphinxError):
    category = "Plan data error"


class _BuildState:
    """What one build worked out at ``builder-inited``: every page's view and fingerprint
    (a :class:`~generator.site.buildcache.PageViews`, from the cache when the sources
    did not change).

    Kept on the environment (``env.plan_state``), where directives and event
    handlers find it, as MyST keeps its settings. It belongs to one run: when
    Sphinx pickles the environment it is stored as nothing (see ``__reduce__``),
    and the next run works it out again.
    """

    def __init__(self, pages: PageViews, lang: str, digest: str = ""):
        self.pages = pages
        self.digest = digest  # of the sources the views were made from
        self.builds = 0  # finished by this application (more than one in the live preview)
        self.fingerprints: dict[str, str] = pages.fingerprints
        self.lang: str = lang
        self.handbook_links = pages.handbook_links
        self.toctree_parents: dict[str, str] | None = None  # once the toctree is final
        self.titles_before: dict[str, str | None] = {}  # of the pages this build re-reads
        self.removed_dependents: set[str] = set()  # pages that showed a removed page's title
        self.unsaved: tuple | None = None  # store_views' arguments, in a build server (see save_views)
        self.files_to_rebuild: dict[str, set[str]] | None = None  # Sphinx's, set aside while writing
        self.deferred = False  # this build re-read only the pages of write_first; the others are left for the next

    def view(self, docname: str) -> PageView | None:
        return self.pages.view(docname)

    def __reduce__(self):
        return (_no_state, ())


def _no_state() -> None:
    return None


def _state(env) -> _BuildState:
    state = getattr(env, "plan_state", None)
    if state is None:  # pragma: no cover - builder-inited always runs first
        raise PlanDataError("the plan's pages were not prepared (builder-inited did not run)")
    return state


def _log_diagnostic(diagnostic: Diagnostic, ui_lang: str = "en") -> None:
    """One data problem through Sphinx's logger: type ``plan``, the kind as subtype,
    so ``suppress_warnings = ["plan.unused"]`` silences one kind; its words in ``ui_lang``
    (the ``plan_ui_lang`` setting, which the build command passes on)."""
    log = logger.warning if diagnostic.severity is Severity.WARNING else logger.error
    log(diagnostic.text(ui_lang), type="plan", subtype=diagnostic.kind.value, location=str(diagnostic.location))


def _ui_lang(app: Sphinx) -> str:
    """The language of the data's diagnostics in this build's log: ``-D plan_ui_lang=vi|en``."""
    return app.config.plan_ui_lang if app.config.plan_ui_lang in ("vi", "en") else "en"


def _cache_compiled_templates(app: Sphinx) -> None:
    """Keep the theme's compiled Jinja templates between runs (Jinja's own bytecode
    cache, checked against each template's source): each Sphinx run compiled them
    again, a fixed cost of every rebuild."""
    import jinja2

    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is None or environment.bytecode_cache is not None:
        return
    folder = Project(Path(app.confdir), app.config.plan_data_dir).cache_dir / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    environment.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))


#: Transforms that find nothing to do on a generated page, and walk its whole doctree to
#: find it out (a fifth of what reading and writing an edited duty's 25 pages cost at x1,
#: profiled). A generated page is built from the model (generator.site.nodes): no literal
#: block, footnote or C/C++ alias, no link whose text the theme would shorten (a data text
#: stays as written), and it is not translated with gettext, the source workaround's use.
IDLE_ON_GENERATED_PAGES = (
    "sphinx.transforms.ApplySourceWorkaround",
    "sphinx.transforms.post_transforms.code.HighlightLanguageTransform",
    "sphinx.transforms.post_transforms.code.TrimDoctestFlagsTransform",
    "sphinx.domains.c.AliasTransform",
    "sphinx.domains.cpp.AliasTransform",
    "sphinx.builders.latex.transforms.FootnoteDocnameUpdater",
    "pydata_sphinx_theme.short_link.ShortenLinkTransform",
)


def is_generated(docname: str) -> bool:
    return docname.startswith(GENERATED + "/")


def _on_builder_inited(app: Sphinx) -> None:
    _cache_compiled_templates(app)
    skip_transforms(app, IDLE_ON_GENERATED_PAGES, is_generated)
    # Defence in depth: even if markup ever reached a page, it could not embed
    # raw HTML or read a file from the machine.
    app.env.settings["raw_enabled"] = False
    app.env.settings["file_insertion_enabled"] = False
    if app.builder.name == "gettext":
        # Plan pages are translated in the data, not in gettext catalogues.
        app.config.exclude_patterns = [*app.config.exclude_patterns, f"{GENERATED}/**"]
    _prepare_pages(app)


def _as_of(app: Sphinx):
    try:
        return resolve_as_of(app.config.plan_as_of or None)
    except AsOfError as exc:
        raise PlanDataError(exc.message.render(_ui_lang(app))) from None


def _digest(app: Sphinx) -> str:
    """What this build's views are made from: the data, the catalogues, the code, the as-of date."""
    srcdir = Path(app.srcdir)
    return dated(source_digest(Path(app.confdir) / app.config.plan_data_dir, srcdir / "locale"), _as_of(app))


#: Set by a build server (:func:`views_saved_by_caller`): the views a build works out
#: are stored when the server saves its environment, not during the build.
_views_saved_later = False


@contextlib.contextmanager
def views_saved_by_caller() -> Iterator[None]:
    """While building in a build server: the views a build works out are kept in memory and
    stored by :func:`save_views`, which the server calls with its environment's save. At x50
    storing them took 0.9 s of a one-edit build (BENCHMARKS.md, tenth session); after the build
    no one waits for it, and the views on disk stay those of the environment on disk."""
    global _views_saved_later
    _views_saved_later = True
    try:
        yield
    finally:
        _views_saved_later = False


def save_views(app: Sphinx) -> None:
    """Store the views the last build worked out, if they are not stored yet."""
    state = getattr(app.env, "plan_state", None)
    unsaved = getattr(state, "unsaved", None)
    if unsaved is not None:
        store_views(*unsaved)
        state.unsaved = None


def _prepare_pages(app: Sphinx, digest: str | None = None) -> None:
    """Every page's view for this build: from the cache when the sources did not change."""
    save_views(app)  # the previous build's, which this one starts from
    root = Path(app.confdir)
    data_dir = root / app.config.plan_data_dir
    srcdir = Path(app.srcdir)
    lang = app.config.language if app.config.language in LANGUAGES else "vi"
    cache_dir = Project(root, app.config.plan_data_dir).cache_dir
    digest = digest or _digest(app)
    pages = load_views(cache_dir, lang, digest)
    if pages is not None and not all((srcdir / f"{doc}.md").is_file() for doc in pages.docnames):
        pages = None  # a page source was deleted: write them again
    unsaved = None
    if pages is None:
        pages = _work_out_pages(app, root, data_dir, srcdir, lang)
        if _views_saved_later:
            unsaved = (cache_dir, lang, digest, pages)
        else:
            store_views(cache_dir, lang, digest, pages)
        written = "worked out"
    else:
        for diagnostic in pages.diagnostics:
            _log_diagnostic(diagnostic, _ui_lang(app))
        written = "unchanged sources: from the cache"
    app.config.html_title = pages.title
    app.config.html_short_title = app.config.html_title
    app.env.plan_state = _BuildState(pages, lang, digest)
    app.env.plan_state.unsaved = unsaved
    logger.info(f"plan pages: {len(pages.docnames)} views, {written}")


def _refresh_pages(app: Sphinx) -> None:
    """Before a second build by the same application (the live preview keeps one):
    work the views out again if the sources changed since the last build."""
    state = _state(app.env)
    if state.builds:
        digest = _digest(app)
        if digest != state.digest:
            builds = state.builds
            _prepare_pages(app, digest)
            state = _state(app.env)
            state.builds = builds
        else:  # the data's warnings stand in every build's log, as in a new process's
            for diagnostic in state.pages.diagnostics:
                _log_diagnostic(diagnostic, _ui_lang(app))
    state.toctree_parents = None
    state.titles_before = {}
    state.removed_dependents = set()


def _work_out_pages(app: Sphinx, root: Path, data_dir: Path, srcdir: Path, lang: str) -> PageViews:
    """Check the data (or take the build command's checked plan), write the stubs, build the views:
    of every page, or, when only duties' words changed since the last build, of the pages
    that show them (see generator.content.incremental)."""
    cache_dir = Project(root, app.config.plan_data_dir).cache_dir
    rest = frame_rest(data_dir, srcdir / "locale")  # before the plan, as its digest (see frame_rest)
    plan, diagnostics, digest = checked_plan(data_dir, root, cache_dir)
    for diagnostic in diagnostics:
        _log_diagnostic(diagnostic, _ui_lang(app))
    if plan is None:
        errors = sum(d.severity is Severity.ERROR for d in diagnostics)
        raise PlanDataError(f"{errors} error(s) in {app.config.plan_data_dir}/; nothing was built")
    as_of = _as_of(app)
    index = PlanIndex(plan)
    frame = frame_digest(plan, rest, as_of)
    try:
        specs, report = write_stubs_once(srcdir, cache_dir, plan, dated(digest, as_of), index, as_of, frame)
    except WriteError as exc:
        raise PlanDataError(str(exc)) from None
    logger.info(
        f"plan page sources: {len(report.written)} written, {len(report.unchanged)} unchanged, "
        f"{len(report.removed)} removed"
    )
    context, states = site_context_and_states(plan, data_dir, srcdir, as_of)
    duties = duty_hashes(plan)
    before = load_views(cache_dir, lang, None)
    redo = pages_to_redo(
        before.basis if before is not None and isinstance(before.basis, ViewBasis) else None,
        frame,
        duties,
        context.outdated,
        ((state.where, (state.text.vi, state.text.en)) for state in states),
    )
    if redo is not None and before.basis.specs != tuple(specs):
        redo = None
    worked_out = [spec for spec in specs if redo is None or spec.docname in redo]
    views = {spec.docname: build_view(index, spec, lang, context) for spec in worked_out}
    fingerprints = {doc: fingerprint(view) for doc, view in views.items()}
    descriptions = {spec.docname: describe(index, spec.kind, spec.key, lang) for spec in worked_out}
    links = {doc: view.links for doc, view in views.items()}
    kept: dict[str, bytes] = {}
    if redo is not None:  # the other pages' views, fingerprints and descriptions as they were
        kept = {doc: blob for doc, blob in before._pickle_views().items() if doc not in views}
        fingerprints = {**before.fingerprints, **fingerprints}
        descriptions = {**before.descriptions, **descriptions}
        links = {**before.basis.links, **links}
        untranslated = {**before.untranslated, **{doc: view.untranslated for doc, view in views.items()}}
        logger.info(f"plan pages: only duties' words changed; {len(views)} of {len(specs)} views worked out again")
    else:
        untranslated = {doc: view.untranslated for doc, view in views.items()}
    docnames = tuple(spec.docname for spec in specs)
    return PageViews(
        title=plan.info.title.readable(lang),
        docnames=docnames,
        fingerprints={doc: fingerprints[doc] for doc in docnames},
        untranslated={doc: untranslated[doc] for doc in docnames},
        handbook_links=handbook_links(index, lang),
        diagnostics=list(diagnostics),
        headline=headline(index, lang, context),
        descriptions={doc: descriptions[doc] for doc in docnames},
        kinds={spec.docname: spec.kind for spec in specs},
        site=SiteInfo(plan.info),
        basis=ViewBasis(frame, duties, context.outdated, tuple(specs), links),
        _pickled=kept,
        _views=views,
    )


def site_context_and_states(plan, data_dir: Path, srcdir: Path, as_of):
    """The pages' context, and the translation state of every text it was made from."""
    states = statuses(plan, read_lock(data_dir))
    text_states = tuple((c.file, c.texts, c.missing, c.outdated) for c in counts_by_file(states))
    catalogues = tuple((c.name, c.translated, c.total) for c in catalogue_progress(srcdir / "locale"))
    context = SiteContext(
        outdated=frozenset((s.text.vi, s.text.en) for s in states if s.state == "outdated"),
        text_states=text_states,
        catalogues=catalogues,
        as_of=as_of,
    )
    return context, states


#: In each output folder: the fingerprint of every generated page it holds. The build
#: command's output folder is brought back to the published site before each build,
#: record included, so a build that failed after Sphinx had moved on is caught up.
FINGERPRINTS_FILE = ".plan-fingerprints.json"


def _output_fingerprints(app) -> dict[str, str] | None:
    try:
        record = json.loads((Path(app.outdir) / FINGERPRINTS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


#: The kinds of page the live preview writes first, in a build of their own, when an edit
#: changed only the data's words (see :func:`write_first`): the page of the edited duty is
#: the one a maintainer looks at, and at x1 an edit rewrites about 25 pages.
FIRST_KINDS = frozenset({"duty"})


def write_first(app: Sphinx, kinds=FIRST_KINDS) -> None:
    """Have the next build of ``app`` re-read and write only the pages of ``kinds`` whose view
    changed, when no page source was added, changed or removed and other pages changed too;
    :func:`pages_deferred` then says so, and the build after it does the rest. The
    environment and the output folder keep the old fingerprints of the pages left, so
    that any next build (or a new process) re-reads them."""
    app.plan_write_first = frozenset(kinds)


def pages_deferred(app: Sphinx) -> bool:
    """Whether the last build of ``app`` left pages for the next (see :func:`write_first`)."""
    state = getattr(app.env, "plan_state", None)
    return bool(state is not None and state.deferred)


def _on_env_get_outdated(app, env, added, changed, removed) -> list[str]:
    """Re-read the pages whose view changed since the environment, or the pages in the
    output folder, were made (the two differ only after a failed build)."""
    _refresh_pages(app)
    state = _state(env)
    in_env = getattr(env, "cat_plan_fingerprints", {})
    in_output = _output_fingerprints(app)
    outdated = [
        doc
        for doc, print_ in state.fingerprints.items()
        if doc in env.all_docs
        and doc not in changed
        and (in_env.get(doc) != print_ or (in_output is not None and in_output.get(doc) != print_))
    ]
    fingerprints = dict(state.fingerprints)
    kinds, app.plan_write_first = getattr(app, "plan_write_first", frozenset()), frozenset()
    first = [doc for doc in outdated if state.pages.kinds.get(doc) in kinds]
    state.deferred = bool(first) and len(first) < len(outdated) and not (added or changed or removed)
    if state.deferred:
        for doc in set(outdated) - set(first):
            fingerprints[doc] = in_env.get(doc)  # still outdated for the next build
        outdated = first
    env.cat_plan_fingerprints = fingerprints
    if removed:  # the environment still holds them: who showed their titles
        state.removed_dependents = _titles_shown_on(env, removed) - set(removed)
    return outdated


# -- Which pages to rewrite -----------------------------------------------------------
#
# Sphinx rewrites, besides the pages it re-read, every page whose toctree lists one
# of them (``env.files_to_rebuild``), because a visible toctree shows the child's
# title. Here toctrees are hidden and a child's content shows nowhere else, so that
# rewrote the section, index and home pages after any edit (at x50, the agency index
# of 1,250 rows each time). What another page shows of a page is its title: in its
# parent's toctree, in the previous/next links of its neighbours, and in the
# navigation (a top-level page on every page, a second-level page on every page of
# its branch). So those pages are rewritten exactly when a page's title changes, or
# a page comes or goes; Sphinx's own rule is set aside while writing.


def _title_shown_on(env, doc: str, relations: dict, parents: dict[str, str], branches: dict) -> set[str]:
    """The pages that show ``doc``'s title (``relations``: :meth:`env.collect_relations`;
    ``branches``: a memo of each top-level page's branch, shared between calls)."""
    shown = set(env.files_to_rebuild.get(doc, ()))
    shown |= {d for d in relations.get(doc, ()) if d}
    root = env.config.root_doc
    parent = parents.get(doc)
    if parent == root:  # listed in everyone's navigation
        return set(env.found_docs)
    if parent is not None and parents.get(parent) == root:  # listed on every page of its branch
        if parent not in branches:
            branch, todo = {parent}, [parent]
            while todo:
                for child in env.toctree_includes.get(todo.pop(), ()):
                    if child not in branch:
                        branch.add(child)
                        todo.append(child)
            branches[parent] = branch
        shown |= branches[parent]
    return shown


def _titles_shown_on(env, docs, relations=None, parents=None) -> set[str]:
    relations = env.collect_relations() if relations is None else relations
    parents = toctree_parents(env) if parents is None else parents
    shown: set[str] = set()
    branches: dict[str, set[str]] = {}
    everything = set(env.found_docs)
    for doc in docs:
        shown |= _title_shown_on(env, doc, relations, parents, branches)
        if shown >= everything:
            break
    return shown


def _on_env_before_read_docs(app, env, docnames: list[str]) -> None:
    state = _state(env)
    state.titles_before = {doc: env.titles[doc].astext() if doc in env.titles else None for doc in docnames}


def _on_env_get_updated(app, env) -> list[str]:
    """The pages to rewrite because a page they show the title of was re-titled, added or removed."""
    state = _state(env)
    retitled = [
        doc
        for doc, before in state.titles_before.items()
        if before is None or doc not in env.titles or env.titles[doc].astext() != before
    ]
    dependents = state.removed_dependents | (_titles_shown_on(env, retitled) if retitled else set())
    return sorted(dependents & env.found_docs)


def _on_write_started(app, builder) -> None:
    """Set Sphinx's toctree rule aside while writing (the environment is already saved)."""
    state = _state(app.env)
    if builder.format == "html" and state.files_to_rebuild is None:
        state.files_to_rebuild = app.env.files_to_rebuild
        app.env.files_to_rebuild = {}


def _restore_files_to_rebuild(app) -> None:
    state = getattr(app.env, "plan_state", None)
    if state is not None and state.files_to_rebuild is not None:
        app.env.files_to_rebuild = state.files_to_rebuild
        state.files_to_rebuild = None


def _relative_uri(from_doc: str, to_doc: str) -> str:
    """The link from one HTML page to another (both builds use the .html suffix)."""
    return relative_uri(from_doc + ".html", to_doc + ".html")


class PlanPageDirective(SphinxDirective):
    """``{plan-page}``: the body of a generated page, built from the model."""

    has_content = True  # the stub's toctree of child pages, placed inside the page's section

    def run(self):
        view = _state(self.env).view(self.env.docname)
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
        return not_for_gettext(NodeBuilder(self.env.docname, state.lang, _relative_uri).block(state.handbook_links))


class PlanHeadlineDirective(SphinxDirective):
    """``{plan-headline}``: the as-of date and the three headline figures (for the home page)."""

    def run(self):
        state = _state(self.env)
        return not_for_gettext(NodeBuilder(self.env.docname, state.lang, _relative_uri).block(state.pages.headline))


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
    context["plan_ui"] = labels_with_prefix("ui_", lang)
    context["plan_other_lang_url"] = "../" * (depth + 1) + f"{other}/{pagename}.html"
    context["plan_feed_url"] = "../" * depth + feed_file(lang).removeprefix(f"{lang}/")
    context["plan_feed_title"] = label("feed_title", lang)
    state = _state(app.env)
    if state.toctree_parents is None:  # the toctree is final once pages are written: once per build
        state.toctree_parents = toctree_parents(app.env)
    context["plan_sidebar_html"] = sidebar_html(app.env, pagename, lang, state.toctree_parents)
    context["plan_untranslated"] = state.pages.untranslated.get(pagename, 0)
    # Reports and the progress overview restate the duties' own texts and figures:
    # search finds the duties and activities themselves.
    context["plan_searchable"] = state.pages.kinds.get(pagename) not in UNSEARCHED_KINDS
    context["plan_meta"] = _page_meta(state, lang, pagename, context, doctree)
    # Printed from the browser, a page says where it comes from (its footer).
    context["plan_page_address"] = context["plan_meta"].canonical or f"{lang}/{pagename}.html"


def _page_meta(state: _BuildState, lang: str, pagename: str, context: dict, doctree):
    """The page's description, canonical link, alternates and OpenGraph tags (see generator.content.discovery)."""
    site = state.pages.site
    title = Markup(context.get("title") or "").striptags() or site.info.title.readable(lang)
    description = state.pages.descriptions.get(pagename)
    if description is None:
        if pagename == "search":
            description = describe_search(site, lang)
        else:
            first = next(iter(doctree.findall(nodes.paragraph)), None) if doctree is not None else None
            description = describe_prose(first.astext() if first is not None else None, title)
    return page_meta(site, lang, pagename, title, description)


#: The 404 page of each language, which the build writes beside Sphinx's pages.
NOT_FOUND_PAGE = "404.html"

#: Generated pages left out of the search index (see _on_html_page_context).
#: The parts of a split listing (but a year's activities) only list titles of pages search finds.
UNSEARCHED_KINDS = frozenset(
    {"report", "report-part", "reports", "progress", "section-part", "schedule-part", "agencies-part", "topics-part", "open-data-part", "progress-part"}
)


#: How many read doctrees Sphinx may keep in memory for writing (it keeps every
#: one read in the build otherwise: at x50, 4,500 of them and most of a gigabyte).
#: Beyond this, the oldest are dropped and read back from the pickles when written.
DOCTREE_MEMORY_LIMIT = 1000


def _on_doctree_read(app: Sphinx, doctree) -> None:
    """Keep Sphinx's in-memory doctree cache bounded (its fallback is the pickle on disk)."""
    trim_doctree_cache(app.env, app.config.plan_doctree_memory_limit)


def _on_build_finished(app: Sphinx, exception) -> None:
    """Record the pages' fingerprints in the output folder, and remove pages of documents
    that no longer exist: the output folder starts as the published site, and Sphinx
    never deletes a page. What exists is Sphinx's own document list; a page it
    would not write now is stale."""
    _restore_files_to_rebuild(app)
    state = getattr(app.env, "plan_state", None)
    if state is not None:
        state.builds += 1
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    # those of the pages written (a build that left pages for the next keeps their old ones)
    written = getattr(app.env, "cat_plan_fingerprints", None) or _state(app.env).fingerprints
    if _output_fingerprints(app) != written:
        atomic_write(outdir / FINGERPRINTS_FILE, json.dumps(written, sort_keys=True, indent=0) + "\n")
    wanted = {app.builder.get_target_uri(doc) for doc in app.env.all_docs}
    wanted |= {f"{page}.html" for page in (*app.config.html_additional_pages, "search", "genindex")}
    wanted.add(NOT_FOUND_PAGE)  # written after Sphinx by the build (generator.site.discovery)
    for page in outdir.rglob("*.html"):
        relative = page.relative_to(outdir).as_posix()
        if not relative.startswith("_static/") and relative not in wanted:
            page.unlink()


def setup(app: Sphinx) -> dict:
    app.add_config_value("plan_data_dir", DATA_DIR, "env", types=[str])
    # The date statuses are worked out at (YYYY-MM-DD); empty: SOURCE_DATE_EPOCH, else today.
    # Not "env": a new date changes the views, and their fingerprints re-read the pages that show it.
    app.add_config_value("plan_as_of", "", "", types=[str])
    app.add_config_value("plan_doctree_memory_limit", DOCTREE_MEMORY_LIMIT, "", types=[int])
    # The language of the data's diagnostics in the log (vi or en); the build command passes its --ui-lang.
    app.add_config_value("plan_ui_lang", "en", "", types=[str])
    app.connect("doctree-read", _on_doctree_read)
    app.add_node(lang_span, html=(visit_lang_span, depart_lang_span))
    app.add_node(plan_chart, html=(visit_plan_chart, None), text=(skip_node, None))
    app.add_node(plan_details, html=(visit_plan_details, depart_plan_details), text=(skip_node, None))
    app.add_node(plan_summary, html=(visit_plan_summary, depart_plan_summary), text=(skip_node, None))
    app.add_directive("plan-headline", PlanHeadlineDirective)
    app.add_directive("plan-page", PlanPageDirective)
    app.add_directive("plan-errors", PlanErrorsDirective)
    app.add_directive("plan-downloads", PlanDownloadsDirective)
    app.connect("builder-inited", _on_builder_inited)
    app.connect("env-get-outdated", _on_env_get_outdated)
    app.connect("env-before-read-docs", _on_env_before_read_docs)
    app.connect("env-get-updated", _on_env_get_updated)
    app.connect("write-started", _on_write_started)
    app.connect("html-page-context", _on_html_page_context)
    app.connect("build-finished", _on_build_finished)
    search_index.setup(app)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
