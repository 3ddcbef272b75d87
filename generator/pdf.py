"""Printing the handbooks: WeasyPrint turns the HTML of :mod:`generator.handbook` into PDFs.

Each duty is laid out once per language: the one-language handbooks are printed
by WeasyPrint (every duty starting a page, no footers), and each booklet is its
own few pages (cover, contents, how to use it, part dividers) followed by its
duties' pages taken from the handbook (:mod:`generator.pdf_pages`), then every
document gets its footers. The parallel edition is printed whole.

The work runs in a pool of worker processes (one per CPU); each parses the
print stylesheet and loads the fonts once. A booklet is put together as soon as
the handbook it draws from is printed. WeasyPrint is imported only in the
workers and in :func:`subset_fonts`, so importing this module costs nothing.

Printed handbooks and booklet front pages are kept in a cache by content
(``_build/pdf-cache``): an unchanged one is not printed again.

Hooks for the site build::

    problems = build_handbooks(root, plan, html_dir)          # from the CLI
    build_site(root, plan, extra_steps=[handbook_step(root, plan)])

``python -m generator.pdf fonts`` re-makes the bundled font subsets from the
system's Noto fonts (see ``generator/handbook/fonts/README.md``).
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import io
import json
import logging
import os
import re
import shutil
import sys
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from .data.model import Plan
from .handbook import (
    FONTS,
    STYLESHEET,
    UNIT_ANCHOR,
    Document,
    booklet_front_html,
    booklet_layout,
    documents,
    edition_date,
    outdated_texts,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rendered:
    path: str
    pages: int
    seconds: float
    warnings: tuple[str, ...]
    printed: int = 0  # pages WeasyPrint laid out for it (0: all from the cache or the handbook)
    reused: bool = False  # the same as the last build's (from the cache)


@dataclass(frozen=True)
class Printed:
    """A handbook as WeasyPrint printed it, before its footers."""

    file: str
    pages: int
    units: dict  # unit anchor -> (first page, page count)
    seconds: float
    warnings: tuple[str, ...]
    from_cache: bool = False


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
    _worker.update(font_config=font_config, css=css, collect=collect, cache={}, sources={})
    # Let go of the fonts before the interpreter shuts down (in this process, when run
    # without a pool): otherwise WeasyPrint's font cleanup runs too late and complains.
    atexit.register(_worker.clear)


def _weasyprint(html: str):
    """(WeasyPrint document, PDF bytes, warnings) for ``html``."""
    from weasyprint import HTML

    if not _worker:
        _init_worker()
    collect: _Collect = _worker["collect"]
    collect.messages = []
    document = HTML(string=html, base_url=str(STYLESHEET.parent)).render(
        font_config=_worker["font_config"], stylesheets=[_worker["css"]], cache=_worker["cache"]
    )
    return document, document.write_pdf(), tuple(collect.messages)


def _unit_pages(pages, starts: tuple[str, ...]) -> dict:
    """Each unit's pages: from the page its anchor is on to the page before the next start."""
    page_of = {}
    for number, page in enumerate(pages):
        for anchor in page.anchors:
            page_of.setdefault(anchor, number)
    firsts = sorted({page_of[a] for a in starts if a in page_of} | {len(pages)})
    units = {}
    for anchor in starts:
        if anchor.startswith(UNIT_ANCHOR) and anchor in page_of:
            first = page_of[anchor]
            following = next(n for n in firsts if n > first)
            units[anchor] = (first, following - first)
    return units


def _print_handbook(doc: Document, target: str) -> Printed:
    started = time.perf_counter()
    document, pdf, warnings = _weasyprint(doc.html)
    _write(Path(target), pdf)
    units = _unit_pages(document.pages, doc.page_starts)
    return Printed(target, len(document.pages), units, time.perf_counter() - started, warnings)


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    os.replace(partial, target)


def _finish_handbook(doc: Document, printed: Printed, target: str) -> Rendered:
    """A one-language handbook: its printed pages with their footers."""
    from pypdf import PdfWriter

    from .pdf_pages import stamp_footers

    started = time.perf_counter()
    writer = PdfWriter(clone_from=printed.file)
    stamp_footers(writer, doc.lang)
    out = io.BytesIO()
    writer.write(out)
    _write(Path(target), out.getvalue())
    return Rendered(
        doc.path, printed.pages, time.perf_counter() - started, printed.warnings,
        0 if printed.from_cache else printed.pages, printed.from_cache,
    )


def _source(file: str):
    """The pages of a printed handbook, read once per worker, internal links dropped."""
    from pypdf import PdfReader

    from .pdf_pages import keep_only_web_links

    sources = _worker.setdefault("sources", {})
    if file not in sources:
        reader = PdfReader(file)
        for page in reader.pages:
            keep_only_web_links(page)
        sources.clear()  # keep one: booklets come in order of their handbook
        sources[file] = reader
    return sources[file]


def _front(doc: Document, units: dict, cache_dir: str | None):
    """(layout, front PDF bytes, pages WeasyPrint laid out, warnings) of a booklet.

    The contents give page numbers of the assembled booklet, which depend on how
    many pages the front itself takes: guessed, then printed again if wrong.
    """
    booklet = doc.booklet
    dividers = sum(1 for part in booklet.parts if part.heading is not None)
    front_pages, printed, warnings = 3, 0, ()
    for _ in range(5):
        layout = booklet_layout(booklet, units, front_pages)
        html = booklet_front_html(booklet, layout)
        cached = Path(cache_dir) / f"front-{_key(doc.path, html)}.pdf" if cache_dir else None
        if cached is not None and cached.is_file():
            pdf = cached.read_bytes()
            os.utime(cached)  # recently used: kept when the cache is trimmed
            from pypdf import PdfReader

            total = len(PdfReader(io.BytesIO(pdf)).pages)
        else:
            document, pdf, warnings = _weasyprint(html)
            total = len(document.pages)
            printed += total
            if cached is not None and not warnings:
                _write(cached, pdf)
        if total - dividers == front_pages:
            return layout, pdf, printed, warnings
        front_pages = total - dividers
    raise RuntimeError(f"{doc.path}: the contents' length does not settle")


def _assemble_booklet(doc: Document, source: str, units: dict, target: str, cache_dir: str | None) -> Rendered:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    from .pdf_pages import Mark, add_outline, stamp_footers

    started = time.perf_counter()
    if not _worker:
        _init_worker()
    layout, pdf, printed, warnings = _front(doc, units, cache_dir)
    front = PdfReader(io.BytesIO(pdf))
    pages = _source(source).pages
    writer = PdfWriter()
    for what, first, count in layout.pieces:
        for number in range(first, first + count):
            writer.add_page(front.pages[number] if what == "front" else pages[number])
    writer.add_metadata({k: v for k, v in front.metadata.items()})
    writer._root_object[NameObject("/Lang")] = front.trailer["/Root"]["/Lang"]
    stamp_footers(writer, doc.lang)
    add_outline(writer, [Mark(*mark) for mark in _booklet_marks(doc, layout, front)])
    out = io.BytesIO()
    writer.write(out)
    _write(Path(target), out.getvalue())
    return Rendered(doc.path, len(writer.pages), time.perf_counter() - started, warnings, printed)


def _booklet_marks(doc: Document, layout, front) -> list[tuple[int, str, int]]:
    """The outline: the booklet's contents, each entry at its page (the front's own from
    its named destinations, which WeasyPrint writes for every anchor)."""
    destinations = front.named_destinations
    laid_out = {part.heading.anchor for part in doc.booklet.parts if part.heading is not None}
    own = [
        (level, title, front.get_destination_page_number(destinations[anchor]))
        for level, title, anchor in doc.toc
        if anchor in destinations and anchor not in laid_out
    ]
    return own + list(layout.marks)


# -- the pipeline --------------------------------------------------------------------


def _assets_digest() -> str:
    """What, besides a document's HTML, decides its PDF: stylesheet, fonts, WeasyPrint's version."""
    import weasyprint

    digest = hashlib.sha256(f"weasyprint {weasyprint.__version__}\n".encode())
    for path in [STYLESHEET, *sorted(FONTS.glob("*.ttf"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


_ASSETS: list[str] = []


def _key(path: str, html: str) -> str:
    if not _ASSETS:
        _ASSETS.append(_assets_digest())
    return hashlib.sha256((_ASSETS[0] + "\0" + path + "\0" + html).encode("utf-8")).hexdigest()[:32]


class _Serial:
    """The pool's interface, run in this process (one worker, or tests)."""

    def submit(self, function, *args) -> Future:
        future: Future = Future()
        try:
            future.set_result(function(*args))
        except BaseException as exc:  # noqa: BLE001 - handed over like a pool would
            future.set_exception(exc)
        return future

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None


@contextlib.contextmanager
def _cancelled_on_interrupt(pool):
    """``with pool``, except that Ctrl+C drops the queued documents instead of printing them all first."""
    with pool:
        try:
            yield
        except KeyboardInterrupt:
            if isinstance(pool, ProcessPoolExecutor):
                # A worker keeps printing the documents already handed to it; stop them
                # (Python 3.14's terminate_workers() does this; 3.11 has no public way).
                for process in list((getattr(pool, "_processes", None) or {}).values()):
                    process.terminate()
                pool.shutdown(wait=True, cancel_futures=True)
            raise


def render_documents(docs: list[Document], html_dir: Path, workers: int | None = None, cache_dir: Path | None = None) -> list[Rendered]:
    """Make every PDF of ``docs`` in ``html_dir`` (each at its ``path``); the handbooks first,
    each booklet as soon as the handbook it draws from is printed."""
    workers = workers or os.cpu_count() or 1
    html_dir = Path(html_dir)
    scratch = Path(cache_dir) if cache_dir else html_dir / ".printing"
    handbooks = sorted((d for d in docs if d.booklet is None), key=lambda d: -d.weight)
    booklets = [d for d in docs if d.booklet is not None]
    needed = {d.booklet.source for d in booklets}
    if missing := needed - {d.path for d in handbooks}:
        raise ValueError(f"booklets need handbooks that are not being made: {sorted(missing)}")
    results: list[Rendered] = []
    pool = _Serial() if workers == 1 else ProcessPoolExecutor(max_workers=workers, initializer=_init_worker)
    try:
        with _cancelled_on_interrupt(pool):
            pending: dict[Future, tuple[str, Document]] = {}
            finished: dict[str, Path] = {}  # booklet -> where the cache keeps it
            for doc in handbooks:
                printed_file = scratch / f"printed-{_key(doc.path, doc.html)}.pdf"
                if cache_dir and printed_file.is_file() and printed_file.with_suffix(".json").is_file():
                    info = json.loads(printed_file.with_suffix(".json").read_text(encoding="utf-8"))
                    future: Future = Future()
                    future.set_result(Printed(str(printed_file), info["pages"], {k: tuple(v) for k, v in info["units"].items()}, 0.0, (), True))
                else:
                    future = pool.submit(_print_handbook, doc, str(printed_file))
                pending[future] = ("printed", doc)
            while pending:
                done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
                for future in done:
                    step, doc = pending.pop(future)
                    value = future.result()
                    if step == "booklet" and cache_dir and not value.warnings:
                        shutil.copyfile(html_dir / doc.path, finished[doc.path])
                    if step != "printed":
                        results.append(value)
                        continue
                    printed: Printed = value
                    if not printed.from_cache and not printed.warnings:
                        Path(printed.file).with_suffix(".json").write_text(
                            json.dumps({"pages": printed.pages, "units": printed.units}), encoding="utf-8"
                        )
                    target = str(html_dir / doc.path)
                    if doc.stamped:
                        pending[pool.submit(_finish_handbook, doc, printed, target)] = ("done", doc)
                    else:
                        _write(Path(target), Path(printed.file).read_bytes())
                        results.append(
                            Rendered(
                                doc.path, printed.pages, printed.seconds, printed.warnings,
                                0 if printed.from_cache else printed.pages, printed.from_cache,
                            )
                        )
                    for booklet in booklets:
                        if booklet.booklet.source != doc.path:
                            continue
                        target = html_dir / booklet.path
                        # Same handbook pages, same booklet: the same PDF as last time.
                        done_file = scratch / f"booklet-{_key(booklet.path, Path(printed.file).name + repr(booklet.booklet))}.pdf"
                        if cache_dir and done_file.is_file():
                            _write(target, done_file.read_bytes())
                            os.utime(done_file)
                            results.append(Rendered(booklet.path, 0, 0.0, (), reused=True))
                            continue
                        cache = str(cache_dir) if cache_dir else None
                        job = pool.submit(_assemble_booklet, booklet, printed.file, printed.units, str(target), cache)
                        pending[job] = ("booklet", booklet)
                        finished[booklet.path] = done_file
    finally:
        if not cache_dir:
            shutil.rmtree(scratch, ignore_errors=True)
    return results


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

    Printed handbooks and booklet fronts whose HTML, stylesheet, fonts and
    WeasyPrint are unchanged since an earlier build come from the cache
    (``root/_build/pdf-cache`` unless ``cache_dir`` says otherwise) rather than
    being printed again. ``report`` (optional) receives a one-line summary with
    the timing.
    """
    started = time.perf_counter()
    root = Path(root)
    html_dir = Path(html_dir)
    if plan.info.site_url is None:
        log.warning(
            "plan.yaml has no site_url: the handbooks print each duty's page as a relative "
            "path (e.g. vi/plan/duties/c-i.html) and no QR codes"
        )
    cache = (cache_dir or root / "_build" / "pdf-cache") if use_cache else None
    try:
        docs = documents(plan, edition_date(root, data_dir), outdated=outdated_texts(plan, root / data_dir))
        if cache is not None:
            cache.mkdir(parents=True, exist_ok=True)
        results = render_documents(docs, html_dir, workers, cache)
    except Exception as exc:  # noqa: BLE001 - a failed handbook fails the build, with the reason
        return [f"the handbooks could not be built: {type(exc).__name__}: {exc}"]
    problems = [f"{r.path}: WeasyPrint: {message}" for r in results for message in r.warnings]
    if cache is not None and not problems:
        _prune_cache(cache, docs)
    if report:
        printed = sum(r.printed for r in results)
        made = sum(1 for r in results if not r.reused)
        report(
            f"handbooks: {len(docs)} PDFs, {made} made and {len(docs) - made} unchanged (from the cache); "
            f"{printed} pages laid out by WeasyPrint; {time.perf_counter() - started:.1f} s "
            f"with {workers or os.cpu_count()} processes"
        )
    return problems


def _prune_cache(cache: Path, docs: list[Document]) -> None:
    """Drop printed handbooks this build did not use; keep the most recently used booklets and fronts, to a bound."""
    wanted = {f"printed-{_key(d.path, d.html)}{suffix}" for d in docs if d.booklet is None for suffix in (".pdf", ".json")}
    for path in cache.iterdir():
        if path.name.startswith("printed-") and path.name not in wanted:
            path.unlink(missing_ok=True)
    for kind in ("front", "booklet"):
        kept = sorted(cache.glob(f"{kind}-*.pdf"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in kept[2 * len(docs) :]:
            stale.unlink(missing_ok=True)
    for stale in cache.glob("*.pdf"):
        if re.fullmatch(r"[0-9a-f]{32}\.pdf", stale.name):
            stale.unlink(missing_ok=True)  # a whole PDF, as the earlier cache layout kept them


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
