"""Typst, through its Python package: a document's JSON in, its PDF out.

Each document is compiled whole by ``typst/main.typ`` with its JSON as the only
input (``sys.inputs["data"]``), the bundled fonts only, tagged, and checked against
PDF/UA-1. Its creation date is the edition date, so the same JSON always gives the
same bytes: a PDF is kept in a cache by content (``<cache>/typst-<key>.pdf``,
the key a hash of the JSON, the templates, the fonts and Typst's version) and an
unchanged document is copied from there, not compiled.

Compiling runs in worker processes (one per CPU), fed while the parent still makes
the next documents' JSON. A worker does not print itself: it forks a printing
process, which prints :data:`PER_PROCESS` documents with one :class:`typst.Compiler`
and ends, and then forks the next. Typst's layout memo helps only the same document
printed again (measured: a booklet printed after the handbook, which holds the same
duties, costs as much as printed alone), but what it keeps makes every later
document dearer: the 203 documents of the real data take about 20 % more CPU
printed by one process than by fresh processes ten at a time (BENCHMARKS.md).
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
from multiprocessing import util
from multiprocessing.connection import Connection, Pipe
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


#: Documents one printing process prints before it ends (see the module's docstring):
#: measured on the real data, 6 to 12 cost least; 1 pays Typst's start for each.
PER_PROCESS = 10

#: True in a print worker of :func:`print_documents`: a process that never runs Typst
#: itself, so that forking it is safe (a fork of a process whose compiler has started
#: its threads can inherit a held lock and hang).
_in_print_worker = False

#: The printing process of this worker: [pid, connection, documents sent], or empty.
_printer: list = []


def _become_print_worker() -> None:
    global _in_print_worker
    _in_print_worker = True
    # The workers already keep every core busy: Typst's own threads (rayon) would only
    # contend with them (measured: 4.0-4.3 s for the cold set against 4.1-4.6 s).
    os.environ.setdefault("RAYON_NUM_THREADS", "1")
    import typst  # noqa: F401 - loaded once here, shared by every printing process forked

    # A worker leaves through os._exit, without atexit handlers: its last printing
    # process is ended (and its CPU time counted) by multiprocessing's finalizers.
    util.Finalize(None, _end_printer, exitpriority=10)


def _print_job(*job) -> Printed:
    """Print one document: in a printing process forked from this print worker, or in
    this process when it is not one (tests, a single document, one CPU)."""
    if not _in_print_worker:
        return _print_one(*job)
    if _printer and _printer[2] >= PER_PROCESS:
        _end_printer()
    if not _printer:
        _start_printer()
    pid, connection, sent = _printer
    _printer[2] = sent + 1
    try:
        connection.send(job)
        ok, value = connection.recv()
    except (EOFError, OSError):
        status = _end_printer()
        raise PrintError(f"the printing process ended without an answer ({_ended(status)})") from None
    if not ok:
        raise value
    return value


def _start_printer() -> None:
    mine, theirs = Pipe()
    pid = os.fork()
    if pid == 0:  # the printing process
        mine.close()
        _serve_printer(theirs)
    theirs.close()
    _printer[:] = [pid, mine, 0]


def _serve_printer(connection: Connection) -> None:
    """Print the jobs the worker sends, up to PER_PROCESS; leave without Python's exit
    handlers (they belong to the worker)."""
    status = 0
    try:
        for _ in range(PER_PROCESS):
            try:
                job = connection.recv()
            except EOFError:  # the worker ended
                break
            try:
                answer = (True, _print_one(*job))
            except Exception as exc:  # noqa: BLE001 - handed to the worker, which raises it
                answer = (False, exc)
            connection.send(answer)
    except BaseException:  # noqa: BLE001 - Ctrl+C, or the worker gone mid-answer
        status = 1
    finally:
        os._exit(status)


def _end_printer() -> int:
    """Close the printing process's connection and wait for it to end; its wait status."""
    if not _printer:
        return 0
    pid, connection, _ = _printer
    _printer.clear()
    connection.close()
    return os.waitpid(pid, 0)[1]


def _ended(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


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
                pool = _Serial() if workers == 1 else _worker_pool(workers)
                futures.append((waiting[0], pool.submit(_print_job, *waiting)))
                waiting = None
            futures.append((path, pool.submit(_print_job, *job)))
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


def _worker_pool(workers: int) -> ProcessPoolExecutor:
    # Workers are spawned, not forked, for the same reason as _in_print_worker: this
    # process may have run Typst (a single document is printed here).
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_become_print_worker
    )


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
