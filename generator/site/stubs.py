"""Page sources: the one place where anything meets markup.

A generated page's source is a short MyST stub: a ``plan-page`` directive
(whose body the Sphinx adapter builds as docutils nodes from the model, so data
is never parsed) and, for index pages, a hidden toctree of its children. Stubs
are the same in every language, so building one language never rewrites the
other's files.

The Jinja environment escapes every value it prints with :func:`myst_escape`;
the only exception is a docname, which must match a strict pattern first.
"""

from __future__ import annotations

import re
import string

import jinja2
from markupsafe import Markup

from ..content.pages import PageSpec

_DOCNAME = re.compile(r"^[a-z0-9]+(?:[-/][a-z0-9]+)*$")
_PUNCTUATION = set(string.punctuation)


def myst_escape(value) -> str:
    """``value`` as MyST that renders as exactly its text.

    Every ASCII punctuation character is backslash-escaped (CommonMark lets
    any of them be escaped, and an escaped one is never syntax), lines are
    joined by hard breaks rather than left to become blocks, and leading
    spaces are made non-breaking so they cannot start a code or quote block.
    """
    if isinstance(value, Markup):
        return str(value)
    out = []
    for line in str(value).split("\n"):
        stripped = line.lstrip(" ")
        escaped = "".join("\\" + c if c in _PUNCTUATION else c for c in stripped)
        out.append("\u00a0" * (len(line) - len(stripped)) + escaped)
    return "\\\n".join(out)


def docname(value: str) -> Markup:
    """A docname, checked against a strict pattern, passed through unescaped."""
    if not _DOCNAME.match(value):
        raise ValueError(f"refusing to write an unsafe page name: {value!r}")
    return Markup(value)


def jinja_environment(**options) -> jinja2.Environment:
    """The one Jinja environment factory: the package's templates, undefined values an error."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        **options,
    )


def environment() -> jinja2.Environment:
    """Stubs: every value printed through :func:`myst_escape`, docnames checked first."""
    env = jinja_environment(autoescape=False, finalize=myst_escape, keep_trailing_newline=True)
    env.filters["docname"] = docname
    return env


def render_stub(spec: PageSpec, env: jinja2.Environment | None = None) -> str:
    env = env or environment()
    return env.get_template("page.md.jinja").render(children=spec.children)
