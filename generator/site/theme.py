"""Making pydata-sphinx-theme light: its stylesheet without the bundled Font Awesome.

The theme's CSS embeds Font Awesome (icon classes, @font-face rules pointing at
244 KB of web fonts, keyframes, --fa-* properties). The site draws its few icons
as inline SVG, so those rules are dropped, parsing the CSS with tinycss2 (the CSS
parser WeasyPrint uses) rather than with string surgery.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import tinycss2

from ..files import write_if_changed

_FA_CLASS = re.compile(r"\.(?:fa[srb]?(?![\w-])|fa-[\w-]+)")
_CONTAINERS = ("media", "supports", "layer", "container")


def _top_level_split(tokens) -> list[str]:
    """A selector list's selectors (commas inside :is(...) do not split)."""
    parts, current = [], []
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            parts.append(tinycss2.serialize(current))
            current = []
        else:
            current.append(token)
    parts.append(tinycss2.serialize(current))
    return [p.strip() for p in parts if p.strip()]


def _is_fontawesome(selector: str) -> bool:
    inner = re.fullmatch(r":(?:is|where)\((.*)\)(::?[\w-]+)?", selector)
    if inner:
        return all(_is_fontawesome(s.strip()) for s in inner.group(1).split(","))
    return bool(_FA_CLASS.match(selector))


def _filter(rules) -> str:
    out = []
    for rule in rules:
        if rule.type == "at-rule":
            keyword = rule.lower_at_keyword
            prelude = tinycss2.serialize(rule.prelude)
            body = tinycss2.serialize(rule.content) if rule.content is not None else ""
            if keyword == "font-face" and ("Font Awesome" in body or "fontawesome" in body.lower()):
                continue
            if keyword.endswith("keyframes") and prelude.strip().startswith("fa-"):
                continue
            if keyword in _CONTAINERS and rule.content is not None:
                inner = _filter(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
                if inner.strip():
                    out.append(f"@{rule.at_keyword}{prelude}{{{inner}}}")
                continue
            out.append(rule.serialize())
        elif rule.type == "qualified-rule":
            selectors = [s for s in _top_level_split(rule.prelude) if not _is_fontawesome(s)]
            if not selectors:
                continue
            prelude = ",".join(selectors)
            body = tinycss2.serialize(rule.content)
            if ":root" in prelude or ":host" in prelude:
                declarations = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
                kept = [d for d in declarations if not (d.type == "declaration" and d.name.startswith("--fa-"))]
                body = ";".join(d.serialize() for d in kept)
                if not body.strip():
                    continue
            out.append(f"{prelude}{{{body}}}")
    return "".join(out)


def strip_fontawesome(css: str) -> str:
    """``css`` without Font Awesome's rules, fonts, keyframes and custom properties."""
    return _filter(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))


def pydata_css_without_fontawesome(cache_dir: Path | None = None) -> tuple[str, str]:
    """(the trimmed pydata-sphinx-theme stylesheet, a short digest of it for cache busting).

    Parsing the theme's 370 KB stylesheet takes about half a second, on every
    Sphinx run; with ``cache_dir`` the result is kept there, keyed by the
    original's digest, so it is parsed once per theme version.
    """
    import pydata_sphinx_theme

    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
    original = (theme / "static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    source_digest = hashlib.sha256(original.encode("utf-8")).hexdigest()[:16]
    cached = cache_dir / f"pst-core-{source_digest}.css" if cache_dir else None
    if cached is not None and cached.is_file():
        css = cached.read_text(encoding="utf-8")
    else:
        css = strip_fontawesome(original)
        if cached is not None:
            write_if_changed(cached, css)
    return css, hashlib.sha256(css.encode("utf-8")).hexdigest()[:12]


#: Files the themes copy into _static/ that no page of this site loads: Font
#: Awesome, source maps, the themes' stylesheets and scripts that
#: generator/site/theme_bundle.py replaces (plan-base.css, plan.js), launch-button
#: logos, translations. Sphinx's doctools scripts stay: the search page loads
#: them, and plan.js fetches them to highlight searched words.
UNUSED_STATIC = (
    "scripts/fontawesome.js",
    "scripts/*.LICENSE.txt",
    "scripts/bootstrap.js",
    "scripts/pydata-sphinx-theme.js",
    "scripts/sphinx-book-theme.js",
    "scripts/*.map",
    "styles/*.map",
    "styles/pydata-sphinx-theme.css",
    "styles/pst-core.css",
    "styles/theme.css",
    "styles/sphinx-book-theme.css",
    "basic.css",
    "pygments.css",
    "file.png",
    "minus.png",
    "plus.png",
    "images",
    "vendor",
    "locales",
    "*macros.html",
)
