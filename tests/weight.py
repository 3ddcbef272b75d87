"""What a page weighs: the page and every file it makes the browser load.

Shared by the theme tests (a budget) and the benchmark (figures).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def is_local(ref: str) -> bool:
    """A reference that stays on this site: relative, no scheme, no host."""
    parts = urlsplit(ref.strip())
    return not parts.scheme and not parts.netloc and not ref.strip().startswith("//")


def resolve(base: Path, ref: str) -> Path:
    return (base.parent / unquote(urlsplit(ref).path)).resolve()


CSS_REF = re.compile(r"""@import\s+(?:url\()?\s*(['"]?)([^'")\s;]+)\1|url\(\s*(['"]?)(.*?)\3\s*\)""")


def css_refs(css: str) -> list[tuple[str, bool]]:
    """(reference, is_import) for every @import and url() of a stylesheet, data: URIs left out."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    refs = []
    for m in CSS_REF.finditer(css):
        if m.group(2) is not None:
            refs.append((m.group(2), True))
        elif not m.group(4).startswith("data:"):
            refs.append((m.group(4), False))
    return refs


def page_assets(page: Path) -> tuple[dict[Path, int], list[str]]:
    """Every file the page loads (itself, CSS, JS, CSS imports, fonts, images) and any off-site reference."""
    soup = soup_of(page)
    files: dict[Path, int] = {page.resolve(): page.stat().st_size}
    offsite: list[str] = []
    stylesheets: list[Path] = []

    def add(base: Path, ref: str) -> Path | None:
        if not is_local(ref):
            offsite.append(f"{base.name}: {ref}")
            return None
        target = resolve(base, ref)
        assert target.is_file(), f"{base} loads {ref}, which does not exist"
        files.setdefault(target, target.stat().st_size)
        return target

    for link in soup.find_all("link", href=True):
        rel = set(link.get("rel") or [])
        if rel & {"stylesheet", "preload", "modulepreload", "icon", "prefetch"}:
            target = add(page, link["href"])
            if target and "stylesheet" in rel:
                stylesheets.append(target)
    for tag in soup.find_all(src=True):
        add(page, tag["src"])
    seen: set[Path] = set()
    while stylesheets:
        sheet = stylesheets.pop()
        if sheet in seen:
            continue
        seen.add(sheet)
        for ref, is_import in css_refs(sheet.read_text(encoding="utf-8")):
            target = add(sheet, ref)
            if target and (is_import or target.suffix == ".css"):
                stylesheets.append(target)
    return files, offsite
