"""Typst, through its Python package: a document's JSON in, its PDF out.

Each document is compiled whole by ``typst/main.typ`` with its JSON as the only
input (``sys.inputs["data"]``), the bundled fonts only, tagged, and checked against
PDF/UA-1. Its creation date is the edition date, so the same JSON always gives the
same bytes: a PDF is kept in a cache by content (``<cache>/typst-<key>.pdf``,
the key a hash of the JSON, the templates, the fonts and Typst's version) and an
unchanged document is copied from there, not compiled.

Compiling runs in worker processes (one per CPU), fed while the parent still makes
the next documents' JSON: each keeps one :class:`typst.Compiler`, whose fonts load
once. (Its layout memo helps only the same document printed again: measured, a
booklet printed after the handbook, which holds the same duties, costs as much as
printed alone.)
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import multiprocessing
import os
import re
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..files import write_if_changed

FOLDER = Path(__file__).resolve().parent
TEMPLATES = FOLDER / "typst"
FONTS = FOLDER / "fonts"
MAIN = TEMPLATES / "main.typ"
STANDARDS = ["ua-1"]
CACHE_PREFIX = "typst-"


class PrintError(Exception):
    """Typst refused a document; the message says where and why."""


@dataclass(frozen=True)
class Printed:
    path: str  # relative to the html folder
    pages: int
    seconds: float
    compiled: bool  # False: copied from the cache
    written: bool  # False: the file there already had these bytes


@functools.cache
def assets_digest() -> str:
    """What, besides a document's JSON, decides its PDF: templates, fonts, Typst's version."""
    import typst

    digest = hashlib.sha256(f"typst {typst.__version__} {STANDARDS}\n".encode())
    for path in sorted([*TEMPLATES.glob("*.typ"), *FONTS.glob("*.ttf")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_key(data_json: str) -> str:
    return hashlib.sha256((assets_digest() + "\0" + data_json).encode("utf-8")).hexdigest()[:32]


_compiler: list = []

#: Typst's words when a text has a character no font holds (PDF/UA-1 refuses it).
_MISSING_GLYPH = re.compile(r'the text `("(?:[^"\\]|\\.)*")` could not be displayed')


def _get_compiler():
    if not _compiler:
        import typst

        # The bundled fonts and nothing else: neither the system's nor those built into Typst.
        # A character they lack is then an error (PDF/UA-1 refuses text it cannot show), not
        # a silent fallback to another font.
        fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONTS)])
        _compiler.append(typst.Compiler(root=str(TEMPLATES), font_paths=fonts, ignore_system_fonts=True))
    return _compiler[0]


def compile_pdf(data_json: str, created: datetime.date) -> bytes:
    """The PDF of one document's JSON."""
    import typst

    when = datetime.datetime(created.year, created.month, created.day, tzinfo=datetime.UTC)
    try:
        pdf = _get_compiler().compile(
            input=str(MAIN),
            sys_inputs={"data": data_json},
            pdf_standards=STANDARDS,
            timestamp=when,
        )
    except typst.TypstError as exc:
        missing = _MISSING_GLYPH.search(exc.message)
        if missing:
            text = json.loads(missing.group(1))
            codes = ", ".join(f"U+{ord(c):04X}" for c in text)
            raise PrintError(
                f"{text!r} ({codes}) is not in the bundled fonts: see generator/handbook/fonts/README.md"
            ) from None
        hints = "".join(f"\n  hint: {hint}" for hint in (exc.hints or []))
        raise PrintError(f"{exc.message}{hints}") from None
    return pdf


def page_count(pdf: bytes) -> int:
    """Pages of a PDF Typst wrote (its page tree's /Count)."""
    counts = [int(m) for m in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    counts += [int(m) for m in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf)]
    return max(counts, default=0)


def _print_one(path: str, data_json: str, created: datetime.date, target: str, cached: str | None) -> Printed:
    import time

    started = time.perf_counter()
    pdf = compile_pdf(data_json, created)
    if cached:
        write_if_changed(Path(cached), pdf)
    written = write_if_changed(Path(target), pdf)
    return Printed(path, page_count(pdf), time.perf_counter() - started, True, written)


class _Serial:
    """The pool's interface, in this process (one CPU, or tests)."""

    def submit(self, function, *args) -> Future:
        future: Future = Future()
        try:
            future.set_result(function(*args))
        except BaseException as exc:  # noqa: BLE001 - handed over as a pool would
            future.set_exception(exc)
        return future

    def shutdown(self, cancel_futures: bool = False) -> None:
        return None


def print_documents(
    jobs: Iterable[tuple[str, str]],
    html_dir: Path,
    created: datetime.date,
    cache_dir: Path | None = None,
    workers: int | None = None,
) -> tuple[list[Printed], list[str]]:
    """Print each ``(path, json)`` of ``jobs`` to ``html_dir/path``; return (what was done, problems).

    A document whose JSON, templates, fonts and Typst are unchanged since an earlier
    build is copied from ``cache_dir`` byte for byte.

    ``jobs`` may be a generator: each document goes to the print workers as soon as it
    is known to need printing, so that making the next documents' JSON (in this
    process) runs while the first ones print. Give the largest documents first: the
    workers then end together. The workers start with the second document to print;
    a single one is printed in this process, with no worker started.
    """
    html_dir = Path(html_dir)
    done: list[Printed] = []
    problems: list[str] = []
    workers = max(1, workers or os.cpu_count() or 1)
    waiting: tuple | None = None  # the first document to print, until a second one comes
    pool = None
    futures: list[tuple[str, Future]] = []
    try:
        for path, data_json in jobs:
            cached = Path(cache_dir) / f"{CACHE_PREFIX}{cache_key(data_json)}.pdf" if cache_dir else None
            if cached is not None and cached.is_file():
                pdf = cached.read_bytes()
                os.utime(cached)  # recently used: kept when the cache is trimmed
                written = write_if_changed(html_dir / path, pdf)
                done.append(Printed(path, page_count(pdf), 0.0, False, written))
                continue
            job = (path, data_json, created, str(html_dir / path), str(cached) if cached else None)
            if pool is None and waiting is None:
                waiting = job
                continue
            if pool is None:
                # Workers are spawned, not forked: a fork of a process whose Typst compiler has
                # started its threads can inherit a held lock and hang.
                pool = _Serial() if workers == 1 else ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
                futures.append((waiting[0], pool.submit(_print_one, *waiting)))
                waiting = None
            futures.append((path, pool.submit(_print_one, *job)))
        if waiting is not None:
            futures.append((waiting[0], _Serial().submit(_print_one, *waiting)))
        for path, future in futures:
            try:
                done.append(future.result())
            except PrintError as exc:
                problems.append(f"{path}: Typst: {exc}")
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return done, problems


#: What the WeasyPrint pipeline kept in the same folder: printed handbooks (with their
#: page maps), booklet fronts and booklets, and whole PDFs of an even earlier layout.
_EARLIER = re.compile(r"(?:(?:printed|front|booklet)-)?[0-9a-f]{32}\.(?:pdf|json)")


def prune_cache(cache_dir: Path, keep: int) -> None:
    """Keep the ``keep`` most recently used PDFs of the cache; remove only files it made
    (or that this generator's earlier, WeasyPrint, cache made)."""
    mine = [p for p in Path(cache_dir).glob(f"{CACHE_PREFIX}*.pdf") if _is_key(p.stem[len(CACHE_PREFIX) :])]
    mine.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in mine[keep:]:
        stale.unlink(missing_ok=True)
    for path in Path(cache_dir).iterdir():
        if _EARLIER.fullmatch(path.name) and path.is_file():
            path.unlink(missing_ok=True)


def _is_key(value: str) -> bool:
    return len(value) == 32 and all(c in "0123456789abcdef" for c in value)
