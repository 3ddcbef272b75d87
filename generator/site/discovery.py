"""Found and shared, the files: sitemap.xml, robots.txt and the 404 pages static hosts expect.

What each page says about itself is in :mod:`generator.content.discovery`.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from ..content.discovery import (
    NO_SITE_URL,
    UNLISTED,
    _plan_title,
    alternates,
    base_path,
    page_url,
    site_base,
)
from ..data.model import Plan
from ..files import write_if_changed
from ..project import LANGUAGES
from ..text.strings import LANGUAGE_NAMES, labels_with_prefix
from .stubs import jinja_environment


def sitemap_xml(base: str, pagenames: list[str]) -> str:
    """A sitemap of every page in both languages, each with its alternates (xhtml:link)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for pagename in pagenames:
        links = alternates(base, pagename)
        for lang in LANGUAGES:
            lines.append(f"  <url><loc>{xml_escape(page_url(base, lang, pagename))}</loc>")
            lines += [
                f'    <xhtml:link rel="alternate" hreflang="{code}" href="{xml_escape(href)}"/>' for code, href in links
            ]
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(base: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n"


def listed_pages(html: Path) -> list[str]:
    """The pages of both languages (their names without .html), but those no search engine needs."""
    names = []
    for lang in LANGUAGES:
        folder = html / lang
        names.append({p.relative_to(folder).with_suffix("").as_posix() for p in folder.rglob("*.html") if "_static" not in p.parts})
    return sorted(set.intersection(*names) - UNLISTED)


def render_not_found(plan: Plan, lang: str | None) -> str:
    """A 404 page in ``lang``, or both languages (``None``) for the site's root."""
    env = jinja_environment(autoescape=True)
    langs = [lang] if lang else list(LANGUAGES)
    blocks = [
        {"lang": code, "words": labels_with_prefix("not_found_", code), "site": _plan_title(plan, code), "root": f"{base_path(plan)}{code}/"}
        for code in langs
    ]
    others = [
        {"lang": code, "name": LANGUAGE_NAMES[code], "root": f"{base_path(plan)}{code}/"}
        for code in LANGUAGES
        if lang and code != lang
    ]
    return env.get_template("404.html.jinja").render(blocks=blocks, others=others, page_lang=lang or "vi")


def write_discovery(html: Path, plan: Plan, log=print) -> list[Path]:
    """Write the 404 pages and, with site_url, sitemap.xml and robots.txt into the built site
    (each only when its content changed); return the files written."""
    written = []
    # A first build of one language has no folder for the other yet.
    built = [lang for lang in LANGUAGES if (html / lang).is_dir()]
    for lang in (*built, None):
        path = html / lang / "404.html" if lang else html / "404.html"
        if write_if_changed(path, render_not_found(plan, lang)):
            written.append(path)
    base = site_base(plan)
    if base is None:
        for name in ("sitemap.xml", "robots.txt"):
            (html / name).unlink(missing_ok=True)  # written by a build that had a site_url
        log(NO_SITE_URL)
        return written
    if len(built) < len(LANGUAGES):
        return written  # the sitemap pairs each page with its other language: written once both are built
    for name, content in (("sitemap.xml", sitemap_xml(base, listed_pages(html))), ("robots.txt", robots_txt(base))):
        if write_if_changed(html / name, content):
            written.append(html / name)
    return written
