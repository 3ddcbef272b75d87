"""A light book theme: one stylesheet cut to the site's markup, one small script.

The book theme (with pydata-sphinx-theme and Sphinx's basic theme) makes a page
load 346 KB of CSS (basic.css, pydata's, pygments.css, the book theme's) and
about 130 KB of JavaScript (Bootstrap, pydata's and the book theme's scripts,
Sphinx's doctools). The site uses a fraction of that:

* CSS: the four stylesheets, in their cascade order, become ``_static/styles/
  plan-base.css``, pruned by :func:`generator.site.theme_prune.prune_css` against
  :data:`generator.site.theme_markup.VOCABULARY` (a fixed list, so the file never
  depends on the data). ``plan-theme.css`` is still loaded after it.
* JS: ``_static/scripts/plan.js`` does the few things the theme's scripts did for
  these pages (colour mode menu, sidebars, search dialog, back to top, page
  contents highlighting); Sphinx's doctools scripts are on no page.

The pruned CSS is kept in ``_build/cache``, keyed by a digest of everything it is
made from, and written to the output only when it differs.
"""

from __future__ import annotations

import hashlib
import inspect
import os
from pathlib import Path

from ..files import write_if_changed
from . import theme_markup, theme_prune
from .theme import pydata_css_without_fontawesome

CSS_NAME = "styles/plan-base.css"
JS_NAME = "scripts/plan.js"

#: Stylesheets the themes add that plan-base.css replaces.
REPLACED_CSS = ("pygments.css", "styles/sphinx-book-theme.css")
#: Scripts no page needs: the book theme's, and Sphinx's own search-era scripts (the
#: search page runs on Pagefind through plan-search.js and needs none of them).
UNUSED_JS = (
    "scripts/sphinx-book-theme.js",
    "documentation_options.js",
    "doctools.js",
    "sphinx_highlight.js",
    "translations.js",
)


def _package_file(module, *parts: str) -> Path:
    return Path(module.__file__).parent.joinpath(*parts)


def _render_basic(template: str, context: dict) -> str:
    """basic.css.jinja rendered without Sphinx (its only filter is ``todim``)."""
    import jinja2

    env = jinja2.Environment()
    env.filters["todim"] = lambda value: value if isinstance(value, str) and not value.isdigit() else f"{value}px"
    return env.from_string(template).render(context)


def theme_sources(options: dict, render=_render_basic, cache_dir: Path | None = None) -> list[str]:
    """The theme stylesheets a page used to load, in cascade order: Sphinx's basic.css
    (rendered by ``render`` with the theme ``options``), pydata's without Font Awesome,
    pydata's light/dark pygments.css, the book theme's."""
    import sphinx
    import sphinx_book_theme
    from pydata_sphinx_theme.pygments import get_pygments_stylesheet

    basic = _package_file(sphinx, "themes", "basic", "static", "basic.css.jinja").read_text(encoding="utf-8")
    basic = render(basic, {f"theme_{k}": v for k, v in options.items()})
    pydata, _ = pydata_css_without_fontawesome(cache_dir)
    pygments = get_pygments_stylesheet(options["pygments_light_style"], options["pygments_dark_style"])
    book = _package_file(
        sphinx_book_theme, "theme", "sphinx_book_theme", "static", "styles", "sphinx-book-theme.css"
    ).read_text(encoding="utf-8")
    return [basic, pydata, pygments, book]


#: The theme options theme_sources reads, as the book theme sets them (for use without Sphinx).
DEFAULT_OPTIONS = {
    "sidebarwidth": "230",
    "body_min_width": "360",
    "body_max_width": "800",
    "pygments_light_style": "a11y-high-contrast-light",
    "pygments_dark_style": "a11y-high-contrast-dark",
}


def own_css() -> str:
    """The site's own stylesheet, loaded after plan-base.css."""
    return (Path(__file__).parent.parent / "static" / "plan-theme.css").read_text(encoding="utf-8")


def pruned_theme_css(sources: list[str], cache_dir: Path | None = None) -> str:
    """plan-base.css: ``sources`` pruned to the vocabulary, cached by a digest of all it depends on."""
    key = hashlib.sha256()
    for part in (*sources, own_css(), inspect.getsource(theme_prune), inspect.getsource(theme_markup)):
        key.update(part.encode("utf-8"))
        key.update(b"\0")
    cached = cache_dir / f"plan-base-{key.hexdigest()[:16]}.css" if cache_dir else None
    if cached is not None and cached.is_file():
        return cached.read_text(encoding="utf-8")
    css = theme_prune.prune_css(sources, theme_markup.VOCABULARY, also_read=own_css())
    if cached is not None:
        write_if_changed(cached, css)
    return css


def _builder_inited(app) -> None:
    if app.builder.format != "html":
        return
    cache = Path(app.confdir) / "_build" / "cache"
    options = app.builder.theme.get_options(app.builder.get_theme_config()[1])
    css = pruned_theme_css(theme_sources(options, app.builder.templates.render_string, cache), cache)
    # Written before the pages, so Sphinx adds its checksum to every link (?v=…).
    write_if_changed(Path(app.outdir) / "_static" / CSS_NAME, css)
    app.add_css_file(CSS_NAME, priority=200)
    app.add_js_file(JS_NAME, loading_method="defer")


def _filename(asset) -> str:
    return os.fspath(getattr(asset, "filename", None) or "")


def _page_context(app, pagename, templatename, context, doctree) -> None:
    if "css_files" in context:
        context["css_files"] = [
            c for c in context["css_files"] if not _filename(c).endswith(tuple("_static/" + n for n in REPLACED_CSS))
        ]
    if "script_files" in context:
        drop = UNUSED_JS
        kept = []
        for script in context["script_files"]:
            name = _filename(script)
            body = getattr(script, "attributes", {}).get("body", "")
            if name.endswith(tuple("_static/" + n for n in drop)):
                continue
            if not name and body.startswith("DOCUMENTATION_OPTIONS."):
                continue  # pydata's per-page settings for its own scripts
            kept.append(script)
        context["script_files"] = kept


def setup(app):
    app.connect("builder-inited", _builder_inited)
    app.connect("html-page-context", _page_context, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
