"""Printing the handbooks: WeasyPrint turns the HTML of :mod:`generator.handbook` into PDFs.

Every document is rendered in a pool of worker processes (one per CPU). Each
worker parses the print stylesheet and loads the fonts once, and reuses them
(and the images, i.e. the QR codes) for every document it renders. WeasyPrint
is imported only in the workers and in :func:`subset_fonts`, so importing
this module costs nothing.

Hooks for the site build::

    problems = build_handbooks(root, plan, html_dir)          # from the CLI
    build_site(root, plan, extra_steps=[handbook_step(root, plan)])

``python -m generator.pdf fonts`` re-makes the bundled font subsets from the
system's Noto fonts (see ``generator/handbook/fonts/README.md``).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .handbook import (
    FONTS,
    STYLESHEET,
    Document,
    documents,
    edition_date,
    outdated_texts,
)
from .model import Plan

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rendered:
    path: str
    pages: int
    seconds: float
    warnings: tuple[str, ...]


# -- workers ---------------------------------------------------------------------

_worker: dict = {}


class _Collect(logging.Handler):
    """Keeps WeasyPrint's warnings (an ignored CSS rule, a missing resource) for the report."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _init_worker() -> None:
    """Parse the stylesheet and load the fonts once per process."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    collect = _Collect()
    logging.getLogger("weasyprint").addHandler(collect)
    font_config = FontConfiguration()
    css = CSS(filename=str(STYLESHEET), font_config=font_config)
    _worker.update(font_config=font_config, css=css, collect=collect, cache={})


def _render(doc: Document, target: str) -> Rendered:
    from weasyprint import HTML

    if not _worker:
        _init_worker()
    started = time.perf_counter()
    collect: _Collect = _worker["collect"]
    collect.messages = []
    html = HTML(string=doc.html, base_url=str(STYLESHEET.parent))
    rendered = html.render(font_config=_worker["font_config"], stylesheets=[_worker["css"]], cache=_worker["cache"])
    out = Path(target)
    out.parent.mkdir(parents=True, exist_ok=True)
    rendered.write_pdf(out)
    return Rendered(doc.path, len(rendered.pages), time.perf_counter() - started, tuple(collect.messages))


def render_documents(docs: list[Document], html_dir: Path, workers: int | None = None) -> list[Rendered]:
    """Render ``docs`` into ``html_dir`` (each at its ``path``), the biggest first, in parallel."""
    workers = workers or os.cpu_count() or 1
    ordered = sorted(docs, key=lambda d: -d.weight)
    if not ordered:
        return []
    if workers == 1 or len(ordered) == 1:
        return [_render(doc, str(html_dir / doc.path)) for doc in ordered]
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker) as pool:
        futures = [pool.submit(_render, doc, str(html_dir / doc.path)) for doc in ordered]
        return [f.result() for f in futures]


# -- the cache ---------------------------------------------------------------------


def _assets_digest() -> str:
    """What, besides a document's HTML, decides its PDF: stylesheet, fonts, WeasyPrint's version."""
    import weasyprint

    digest = hashlib.sha256(f"weasyprint {weasyprint.__version__}\n".encode())
    for path in [STYLESHEET, *sorted(FONTS.glob("*.ttf"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _cache_key(doc: Document, assets: str) -> str:
    return hashlib.sha256((assets + "\0" + doc.path + "\0" + doc.html).encode("utf-8")).hexdigest()[:32]


def _publish(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _remember(target: Path, cache_dir: Path, key: str) -> None:
    """Keep a copy of a fresh PDF in the cache (written whole, then renamed)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = cache_dir / f".{key}.{os.getpid()}.tmp"
    shutil.copyfile(target, partial)
    os.replace(partial, cache_dir / f"{key}.pdf")


# -- hooks -------------------------------------------------------------------------


def build_handbooks(
    root: Path,
    plan: Plan,
    html_dir: Path,
    data_dir: str = "plan_data",
    workers: int | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    report=None,
) -> list[str]:
    """Build every handbook into ``html_dir/pdf/``; return the problems (empty when all went well).

    A PDF whose HTML, stylesheet, fonts and WeasyPrint are unchanged since an
    earlier build is copied from the cache (``root/_build/pdf-cache`` unless
    ``cache_dir`` says otherwise) rather than printed again. ``report``
    (optional) receives a one-line summary with the timing.
    """
    started = time.perf_counter()
    root = Path(root)
    html_dir = Path(html_dir)
    if plan.info.site_url is None:
        log.warning(
            "plan.yaml has no site_url: the handbooks print each duty's page as a relative "
            "path (e.g. vi/plan/duties/c-i.html) and no QR codes"
        )
    try:
        docs = documents(plan, edition_date(root, data_dir), outdated=outdated_texts(plan, root / data_dir))
        cache = (cache_dir or root / "_build" / "pdf-cache") if use_cache else None
        keys: dict[str, str] = {}
        fresh = docs
        if cache is not None:
            assets = _assets_digest()
            keys = {doc.path: _cache_key(doc, assets) for doc in docs}
            fresh = []
            for doc in docs:
                cached = cache / f"{keys[doc.path]}.pdf"
                if cached.is_file():
                    _publish(cached, html_dir / doc.path)
                else:
                    fresh.append(doc)
        results = render_documents(fresh, html_dir, workers)
    except Exception as exc:  # noqa: BLE001 - a failed handbook fails the build, with the reason
        return [f"the handbooks could not be built: {type(exc).__name__}: {exc}"]
    problems = [f"{r.path}: WeasyPrint: {message}" for r in results for message in r.warnings]
    if cache is not None and not problems:
        for r in results:
            _remember(html_dir / r.path, cache, keys[r.path])
        used = {f"{key}.pdf" for key in keys.values()}
        for stale in cache.glob("*.pdf"):
            if stale.name not in used:
                stale.unlink(missing_ok=True)
    if report:
        pages = sum(r.pages for r in results)
        report(
            f"handbooks: {len(docs)} PDFs, {len(results)} printed ({pages} pages) and "
            f"{len(docs) - len(results)} unchanged, in {time.perf_counter() - started:.1f} s "
            f"with {workers or os.cpu_count()} processes"
        )
    return problems


def handbook_step(root: Path, plan: Plan, data_dir: str = "plan_data", report=None, **options):
    """An ``extra_steps`` callable for :func:`generator.site.build_site`."""

    def step(html_dir: Path) -> list[str]:
        return build_handbooks(root, plan, html_dir, data_dir=data_dir, report=report, **options)

    step.description = "printing the handbooks"
    return step


# -- fonts ---------------------------------------------------------------------------

#: The code points kept in the bundled fonts: Basic Latin, Latin-1, Latin Extended-A
#: and -B, spacing modifiers, combining diacritics, Latin Extended Additional (the
#: precomposed Vietnamese letters), general punctuation, currency signs (₫).
UNICODE_RANGES = (
    (0x0020, 0x007E),
    (0x00A0, 0x00FF),
    (0x0100, 0x024F),
    (0x02B0, 0x02FF),
    (0x0300, 0x036F),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
    (0x20A0, 0x20CF),
)

#: Bundled file name -> system Noto file it is made from.
FONT_FILES = {
    "HandbookSerif-Regular.ttf": "NotoSerif-Regular.ttf",
    "HandbookSerif-Bold.ttf": "NotoSerif-Bold.ttf",
    "HandbookSerif-Italic.ttf": "NotoSerif-Italic.ttf",
    "HandbookSerif-BoldItalic.ttf": "NotoSerif-BoldItalic.ttf",
    "HandbookSans-Regular.ttf": "NotoSans-Regular.ttf",
    "HandbookSans-Bold.ttf": "NotoSans-Bold.ttf",
    "HandbookSans-Italic.ttf": "NotoSans-Italic.ttf",
}


def subset_fonts(source: Path = Path("/usr/share/fonts/truetype/noto"), target: Path = FONTS) -> list[Path]:
    """Make the bundled subsets of Noto Serif and Noto Sans (SIL OFL 1.1).

    The subsets are renamed (family "Noto Serif Handbook", "Noto Sans Handbook")
    so that a PDF shows at a glance that the bundled files were used, and never a
    system font of the same name.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    unicodes = [c for start, end in UNICODE_RANGES for c in range(start, end + 1)]
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.hinting = False
    options.notdef_outline = True
    written = []
    for name, original in FONT_FILES.items():
        font = TTFont(source / original)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        family = "Noto Serif Handbook" if "Serif" in name else "Noto Sans Handbook"
        style = {"Regular": "Regular", "Bold": "Bold", "Italic": "Italic", "BoldItalic": "Bold Italic"}[
            name.split("-")[1].removesuffix(".ttf")
        ]
        postscript = family.replace(" ", "") + "-" + style.replace(" ", "")
        table = font["name"]
        for record in list(table.names):
            if record.nameID in (1, 16):
                table.setName(family, record.nameID, record.platformID, record.platEncID, record.langID)
            elif record.nameID == 4:
                table.setName(f"{family} {style}", 4, record.platformID, record.platEncID, record.langID)
            elif record.nameID in (3, 6):
                table.setName(postscript, record.nameID, record.platformID, record.platEncID, record.langID)
        target.mkdir(parents=True, exist_ok=True)
        font.save(target / name)
        written.append(target / name)
    return written


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["fonts"]:
        for path in subset_fonts():
            print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")
        return 0
    print("usage: python -m generator.pdf fonts", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
