"""Every use of a private Sphinx attribute, in one place, each one guarded.

Sphinx 9.0 is the newest release for Python 3.11; a later Sphinx may rename what
is used here. Each function checks the shape it relies on and says plainly when
it is gone, and ``tests/test_sphinx_private.py`` builds a real project to check
that every attribute is still there, so an upgrade fails one named test instead
of quietly changing the build.
"""

from __future__ import annotations

#: ``BuildEnvironment._write_doc_doctree_cache``: the doctrees read in this build,
#: kept in memory until their page is written (Sphinx 7.3+). Sphinx reads a
#: doctree back from its pickle when it is not there.
DOCTREE_CACHE = "_write_doc_doctree_cache"


class SphinxChanged(RuntimeError):
    """A private part of Sphinx this project relies on is not what it was."""


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
