"""Every use of a private Sphinx attribute, in one place, each one guarded.

Sphinx 9.0 is the newest release for Python 3.11; a later Sphinx may rename what
is used here. Each function checks the shape it relies on and says plainly when
it is gone, and ``tests/test_sphinx_private.py`` builds a real project to check
that every attribute is still there, so an upgrade fails one named test instead
of quietly changing the build.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

#: ``BuildEnvironment._write_doc_doctree_cache``: the doctrees read in this build,
#: kept in memory until their page is written (Sphinx 7.3+). Sphinx reads a
#: doctree back from its pickle when it is not there.
DOCTREE_CACHE = "_write_doc_doctree_cache"


class SphinxChanged(RuntimeError):
    """A private part of Sphinx this project relies on is not what it was."""


#: ``SphinxComponentRegistry.js_files`` and ``.css_files``: every script and style sheet
#: added with ``app.add_js_file``/``add_css_file``, which the HTML builder adds back to
#: its own list at each build's ``prepare_writing``.
ASSET_REGISTRIES = ("js_files", "css_files")


@contextmanager
def assets_added_while_building_forgotten(app) -> Iterator[None]:
    """Put the application's registry of scripts and style sheets back as it was before
    the build, for an application that builds again (a build server, the live preview).

    pydata-sphinx-theme adds a script to every page it writes (``app.add_js_file`` in
    ``html-page-context``: ``DOCUMENTATION_OPTIONS.pagename = ...``), and Sphinx keeps each
    in the registry. The builder drops them from the page after writing it, but the next
    build's ``prepare_writing`` adds every registered one back through a linear membership
    test: after a full build at x50, 17,352 scripts, 37.7 million comparisons and 15 s of
    the next one-edit build (BENCHMARKS.md, tenth session). A new process starts without them.
    """
    registry = app.registry
    lists = {name: getattr(registry, name, None) for name in ASSET_REGISTRIES}
    if not all(isinstance(value, list) for value in lists.values()):
        raise SphinxChanged(
            f"Sphinx's component registry has no lists {ASSET_REGISTRIES} any more; see generator/site/sphinx_private.py"
        )
    before = {name: list(value) for name, value in lists.items()}
    try:
        yield
    finally:
        for name, value in lists.items():
            value[:] = before[name]


def doctree_cache(env) -> dict:
    cache = getattr(env, DOCTREE_CACHE, None)
    if not isinstance(cache, dict):
        raise SphinxChanged(
            f"Sphinx's BuildEnvironment has no dict {DOCTREE_CACHE!r} any more; "
            "see generator/site/sphinx_private.py"
        )
    return cache


def trim_doctree_cache(env, limit: int) -> None:
    """Drop the oldest in-memory doctrees beyond ``limit`` (Sphinx then reads their pickles)."""
    cache = doctree_cache(env)
    if len(cache) >= limit:
        for docname in list(cache)[: len(cache) - limit + 1]:
            del cache[docname]


#: ``StandaloneHTMLBuilder.search``: whether the builder feeds and dumps its own
#: search index (searchindex.js). The site searches with Pagefind instead.
BUILTIN_SEARCH = "search"


def turn_off_builtin_search(builder) -> None:
    """No index fed while writing, no searchindex.js dumped (HTML builders only)."""
    if builder.format != "html":
        return
    if not isinstance(getattr(builder, BUILTIN_SEARCH, None), bool):
        raise SphinxChanged(
            f"Sphinx's HTML builder has no boolean {BUILTIN_SEARCH!r} any more; see generator/site/sphinx_private.py"
        )
    setattr(builder, BUILTIN_SEARCH, False)


#: ``Sphinx._warncount``: the warnings logged so far, which decide the exit status
#: with -W. An application that builds again (a build server) counts each build's own.
WARNING_COUNT = "_warncount"


def start_counting_warnings_again(app) -> None:
    """Before another build by the same application: no warnings yet, status 0."""
    if not isinstance(getattr(app, WARNING_COUNT, None), int):
        raise SphinxChanged(
            f"Sphinx's application has no integer {WARNING_COUNT!r} any more; see generator/site/sphinx_private.py"
        )
    setattr(app, WARNING_COUNT, 0)
    app.statuscode = 0


#: ``sphinx.builders.pickle`` and ``sphinx.application.ENV_PICKLE_FILENAME``: the
#: builder pickles the whole build environment after every build that read a page
#: (``Builder.build``), to a file of that name. A build server keeps the environment
#: in memory and saves it once, when it leaves (:func:`save_environment`).
ENV_PICKLE = "ENV_PICKLE_FILENAME"
_UNSAVED = "environment.pickle.unsaved"


class _PickleExceptEnvironment:
    """The ``pickle`` module, but ``dump`` of a build environment does nothing."""

    def __init__(self, module, environment_type):
        self._module, self._environment_type = module, environment_type

    def __getattr__(self, name):
        return getattr(self._module, name)

    def dump(self, obj, file, *args, **kwargs):
        if isinstance(obj, self._environment_type):
            return None
        return self._module.dump(obj, file, *args, **kwargs)


@contextmanager
def environment_kept_in_memory() -> Iterator[None]:
    """While building: the builder does not pickle the environment (Sphinx opens an
    empty ``environment.pickle.unsaved`` instead of truncating the real one, which
    stays as last saved)."""
    import pickle

    import sphinx.application
    import sphinx.builders
    from sphinx.environment import BuildEnvironment

    if getattr(sphinx.builders, "pickle", None) is not pickle or not isinstance(
        getattr(sphinx.application, ENV_PICKLE, None), str
    ):
        raise SphinxChanged(
            "Sphinx's builders no longer pickle the environment as sphinx.builders.pickle.dump "
            f"to sphinx.application.{ENV_PICKLE}; see generator/site/sphinx_private.py"
        )
    filename = getattr(sphinx.application, ENV_PICKLE)
    sphinx.builders.pickle = _PickleExceptEnvironment(pickle, BuildEnvironment)
    setattr(sphinx.application, ENV_PICKLE, _UNSAVED)
    try:
        yield
    finally:
        sphinx.builders.pickle = pickle
        setattr(sphinx.application, ENV_PICKLE, filename)


def save_environment(app) -> None:
    """Pickle the application's environment where a new process loads it from, in one
    step (a process stopped half-way leaves the previous one whole)."""
    import pickle

    import sphinx.application

    target = app.doctreedir / getattr(sphinx.application, ENV_PICKLE)
    partial = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    try:
        with open(partial, "wb") as file:
            pickle.dump(app.env, file, pickle.HIGHEST_PROTOCOL)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    (app.doctreedir / _UNSAVED).unlink(missing_ok=True)


#: ``Sphinx.registry.transforms`` and ``.post_transforms``: the transform classes Sphinx
#: applies to every document it reads, and to every doctree before it is written.
TRANSFORM_LISTS = ("transforms", "post_transforms")


def skip_transforms(app, names: tuple[str, ...], skip) -> list[str]:
    """Let the registered transforms of ``names`` (``module.Class``) leave the documents
    for which ``skip(docname)`` is true as they are: each is replaced, where Sphinx keeps
    it, by a subclass whose ``apply`` returns at once for such a document. Return the
    names found (an extension that is not loaded registers nothing)."""
    registry = getattr(app, "registry", None)
    lists = [getattr(registry, name, None) for name in TRANSFORM_LISTS]
    if not all(isinstance(found, list) for found in lists):
        raise SphinxChanged(
            "Sphinx's application has no registry with lists 'transforms' and 'post_transforms' "
            "any more; see generator/site/sphinx_private.py"
        )
    replaced = []
    for transforms in lists:
        for position, transform in enumerate(transforms):
            name = f"{transform.__module__}.{transform.__qualname__}"
            if name not in names:
                continue

            def apply(self, *args, _original=transform.apply, **kwargs):
                if skip(self.env.docname):
                    return None
                return _original(self, *args, **kwargs)

            transforms[position] = type(transform.__name__, (transform,), {"apply": apply, "__module__": __name__})
            replaced.append(name)
    return replaced
