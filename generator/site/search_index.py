"""Search that loads only what a query needs: a Pagefind index per language.

After each Sphinx build, :func:`index_language` indexes the language's HTML
with Pagefind (the ``pagefind`` package on PyPI ships its binary, so nothing is
downloaded at build or run time) into ``<lang>/pagefind/``. Pagefind splits the
index into small compressed chunks and one fragment per page; a query fetches
the chunks holding its words and the fragments of the results it shows, so
what a search costs does not grow with the size of the site. The search page
(``templates/sphinx/search.html`` and ``static/plan-search.js``) drives
Pagefind's JavaScript API with a small hand-written interface.

Pagefind runs as a service (:class:`PagefindService`). A language's build server
(:mod:`generator.site.sphinx_server`) keeps it between builds with the pages it has
parsed (:class:`KeptIndex`): after an edit only the changed pages are parsed again,
and the index written is the one a first run makes of the same pages.

What is indexed
    The article of each page only: ``layout.html`` marks it
    ``data-pagefind-body``, so the navigation, header, sidebars and the search
    page itself are never indexed and a page matches on its own content.
    Pages that list other pages' texts (a plan table on an agency, topic or
    section page, the schedule) keep their own words but not the listed duty
    texts, and a duty page leaves out its parents' texts and the labels every
    duty page repeats (see :data:`EXCLUDE`): a query for a duty's subject finds
    the duty, not every list the duty appears in, and the index stays small.

Vietnamese
    Pagefind (1.5 and later) folds diacritics when it indexes and searches:
    it decomposes each word (NFD) and drops the combining marks, so
    ``tấn``, ``TẤN``, an NFD ``tấn`` and ``tan`` all find the same pages, the
    exact form ranked first. ``đ`` (U+0111) is a letter of its own, not ``d``
    with a mark, so ``dao tao`` would not find ``đào tạo``. The copy of each
    page that is handed to Pagefind (never the published page) therefore
    spells ``đ`` as ``d`` + U+0335 COMBINING SHORT STROKE OVERLAY, which
    Pagefind folds to ``d``; the search page turns the pair back into ``đ``
    in titles and excerpts, and writes a query's ``đ`` as ``d`` (see
    ``static/plan-search.js``). Sphinx's own search index is not built at all
    (:func:`setup`).
"""

from __future__ import annotations

import base64
import contextlib
import fnmatch
import gzip
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import zlib
from pathlib import Path

import cbor2

from ..files import atomic_write
from .html_prune import parse_selector, prune
from .sphinx_private import turn_off_builtin_search

#: The folder Pagefind writes into, inside each language's folder of the site.
OUTPUT = "pagefind"

#: What stands for "đ"/"Đ" in the copy of the pages that Pagefind indexes.
STROKE = "\u0335"

#: What Pagefind leaves out of an article (CSS selectors, ``--exclude-selectors``):
#: what other pages hold as their own content, and interface labels that every
#: page of a kind repeats. Each kept out word makes the index smaller, and a
#: query fetches less, at every size of the site.
EXCLUDE = (
    # Tables that list duties (agency, topic and section pages, the schedule):
    # the listed texts are the duties' own content, found on their pages.
    "table.plan-table",
    # A duty page: its parents' texts (on the section page), the plan's wording
    # of its agencies (the agencies are listed above it), previous and next duty.
    "ul.breadcrumbs",
    "details#context > summary",
    ".as-printed",
    "ul.duty-nav",
    # The lead agency and deadline at the top of a duty page repeat the sections below;
    # status words and counts ("No evidence recorded", as-of dates) are on every duty page,
    # and the activities listed there are indexed on their own pages.
    "dl.key-facts",
    "#status",
    "p.as-of",
    "p.headline",
    "p.page-summary",
    "figure.plan-chart",
    # Labels: "Cơ quan chủ trì", "Thời hạn hoàn thành", "Tên viết tắt", …
    "#context > h2",
    "#task > h2",
    "#lead > h2",
    "#coordination > h2",
    "#results > h2",
    "#deadline > h2",
    "#topics > h2",
    "#legal-documents > h2",
    "dl.plan-fields > dt",
)

#: :data:`EXCLUDE`, read once: the prepared copy of a page leaves these elements out
#: already (Pagefind would parse them only to drop them; see generator.site.html_prune).
#: Pagefind is still given the selectors, in case a page's markup ever differs.
_EXCLUDED = tuple(parse_selector(selector) for selector in EXCLUDE)

#: Attributes added to the indexed copy of a page, by the start tag they go on
#: (as our templates and nodes write it; data is escaped text and cannot hold it).
INDEX_MARKS = (
    # The duty itself counts more than what surrounds it.
    ('<p class="task"', 'data-pagefind-weight="2"'),
)

#: How many word locations Pagefind puts in one index chunk (its default: 20,000).
#: A query fetches the chunks that hold its words; smaller chunks hold little
#: besides those words, so a query on a large site fetches less: at x50, the
#: largest query fetched 536 KiB (gzip) with the default, 311 KiB with this.
#: Set through Pagefind's PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE (tests/test_search.py
#: checks that it still takes effect).
CHUNK_SIZE = 1000

#: The message when the binary is missing; ``make setup`` installs it from PyPI.
MISSING = (
    "search: the Pagefind indexer is not installed. It comes from PyPI with the project's "
    "dependencies: run `make setup`, or `pip install 'pagefind[bin]>=1.5.2,<2'` in the virtual environment"
)


class SearchIndexError(Exception):
    """The search index could not be built; the message says why."""


def mark_d_stroke(text: str) -> str:
    """``đ``/``Đ`` as ``d``/``D`` + U+0335, which Pagefind folds to ``d`` like any accent."""
    return text.replace("đ", "d" + STROKE).replace("Đ", "D" + STROKE)


#: The start of the article that ``layout.html`` marks for the index.
BODY = "data-pagefind-body"


def prepare_page(html: str, lang: str) -> str | None:
    """The copy of a built page that Pagefind indexes, or None for a page with nothing to index.

    Only the article is kept (the rest would be ignored by Pagefind anyway, and
    parsing it costs), without what :data:`EXCLUDE` names, with the attributes of
    :data:`INDEX_MARKS` and ``đ`` spelled for folding (see the module's docstring).
    """
    marker = html.find(BODY)
    if marker < 0:
        return None
    start = html.rfind("<article", 0, marker)
    end = html.find("</article>", marker)
    if start < 0 or end < 0:
        return None
    article = prune(html[start : end + len("</article>")], _EXCLUDED)
    for tag, attribute in INDEX_MARKS:
        name = tag[: tag.index(" ")]
        article = article.replace(tag, f"{name} {attribute}{tag[len(name):]}")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"></head>'
        f"<body>{mark_d_stroke(article)}</body></html>\n"
    )


def pagefind_binary() -> Path:
    """The Pagefind binary installed with the ``pagefind`` package, or a clear error."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise SearchIndexError(MISSING) from None
    binary = get_executable()
    if binary is None or not Path(binary).is_file():
        raise SearchIndexError(MISSING)
    return Path(binary)


#: Bump when :func:`prepare_page` or the Pagefind options change: every page is prepared again.
PREPARE_VERSION = "4"


def _pages(site: Path) -> dict[str, tuple[int, int]]:
    """The site's pages: relative path -> (size, modification time), as a change stamp."""
    files = _files(site, skip=("_static", "_sources", OUTPUT))
    return {path: (stat.st_size, stat.st_mtime_ns) for path, stat in files.items() if path.endswith(".html")}


def index_language(site: Path, lang: str, work: Path | None = None, kept: KeptIndex | None = None) -> str:
    """Index the built pages of ``site`` (one language's folder) into ``site/pagefind``.

    ``work`` keeps the prepared copies of the pages between builds (default: a
    temporary folder): only pages that changed are prepared again, and when
    no page changed and ``site`` still holds the index made from them, Pagefind
    is not run at all. ``kept`` (a build server's) holds Pagefind's parsed pages
    from the last run: then only the changed pages are parsed again. The index
    replaces the previous one only when Pagefind succeeded. Returns a summary
    ("N pages indexed"); raises :class:`SearchIndexError`.
    """
    pagefind_binary()
    if work is None:
        with tempfile.TemporaryDirectory(prefix="pagefind-") as tmp:
            return index_language(site, lang, Path(tmp), kept)
    work.mkdir(parents=True, exist_ok=True)
    source = work / "pages"
    manifest_path = work / "manifest.json"
    pages = _pages(site)
    stamp = {"version": PREPARE_VERSION, "lang": lang, "pages": {k: list(v) for k, v in pages.items()}}
    try:
        previous = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    indexed = (site / OUTPUT / "pagefind-entry.json").is_file()
    # which prepared pages the work folder holds: a token, new whenever one is written or removed
    token = previous.get("prepared")
    if {key: previous.get(key) for key in stamp} == stamp and indexed:
        return "unchanged"
    known = previous.get("pages", {}) if previous.get("version") == PREPARE_VERSION and previous.get("lang") == lang else {}
    if not known and source.exists():
        shutil.rmtree(source)
    changed = not known or not indexed
    rewritten: list[str] = []  # prepared copies written again, of pages indexed before
    same_pages = bool(known)  # the prepared pages are those of the last run
    # pages with nothing to index (no marked article), not read again while unchanged
    # (at x50, 3,474 pages of each language: 0.2-0.3 s of every edit's index)
    skipped_before = set(previous.get("skipped", [])) if known else set()
    skipped: list[str] = []
    for relative in set(known) - set(pages):
        target = source / relative
        if target.is_file():
            target.unlink()
            changed, same_pages = True, False
    for relative, state in pages.items():
        target = source / relative
        if known.get(relative) == list(state):
            if target.is_file():
                continue
            if relative in skipped_before:
                skipped.append(relative)
                continue
        # Sphinx rewrites some pages unchanged (the search page, pages with a
        # table of contents): only a prepared copy that differs counts.
        prepared = prepare_page((site / relative).read_text(encoding="utf-8"), lang)
        if prepared is None:
            skipped.append(relative)
            if target.is_file():
                target.unlink()
                changed, same_pages = True, False
            continue
        if target.is_file():
            if target.read_text(encoding="utf-8") == prepared:
                continue
            rewritten.append(relative)
        else:
            same_pages = False
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(prepared, encoding="utf-8")
        changed = True
    if not changed:
        manifest_path.write_text(json.dumps({**stamp, "prepared": token, "skipped": sorted(skipped)}), encoding="utf-8")
        return "unchanged"
    manifest_path.unlink(missing_ok=True)  # written again only once the index is made
    pagefind = kept or KeptIndex()
    try:
        count, files = pagefind.files(source, lang, token if same_pages else None, rewritten, site / OUTPUT)
        _replace_changed({path: data for path, data in files.items() if not _unused(path)}, site / OUTPUT)
    except SearchIndexError:
        pagefind.close()  # the next run starts again from the pages
        raise
    finally:
        if kept is None:
            pagefind.close()
    pagefind.made_from = os.urandom(8).hex()
    manifest_path.write_text(json.dumps({**stamp, "prepared": pagefind.made_from, "skipped": sorted(skipped)}), encoding="utf-8")
    return f"{count} pages indexed"


def keep_pages(lang: str, work: Path, kept: KeptIndex, published: Path | None = None) -> bool:
    """Have ``kept`` parse the prepared pages of ``work`` now, if it does not hold them
    (a build server, idle, whose builds needed no new index): the next edit then parses
    only the pages it changes (at x50: 4.9 s less for the first edit after the servers
    started). True when ``kept`` holds them afterwards; then, given ``published`` (the
    published site's index folder), the folder the next edit's index is written into
    is made ready too (:meth:`KeptIndex.prepare_written`).

    The pages are those of the manifest's token, read before and after they are parsed:
    a run in another process that changed them meanwhile leaves ``kept`` empty."""

    def token() -> str | None:
        try:
            manifest = json.loads((work / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if manifest.get("version") != PREPARE_VERSION or manifest.get("lang") != lang:
            return None
        return manifest.get("prepared")

    before = token()
    if before is None:
        return False
    if kept.made_from != before or kept.service is None:
        try:
            kept.parse(work / "pages", lang)
        except SearchIndexError:
            return False
        if token() != before:
            kept.close()
            return False
        kept.made_from = before
    if published is not None:
        kept.prepare_written(work / WRITTEN, published)
    return True


class PagefindServiceError(Exception):
    """The Pagefind service answered with an error, or not at all."""


class PagefindService:
    """Pagefind's service (``pagefind --service``): the protocol its Python and Node
    packages speak, one request and its answer at a time. (The Python package waits
    0.1 s before it reads each answer: 3 s for 30 changed pages.)

    Each message is base64-encoded JSON followed by a comma, both ways."""

    def __init__(self) -> None:
        environment = {**os.environ, "NO_COLOR": "1", "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(CHUNK_SIZE)}
        self.process = subprocess.Popen(
            [str(pagefind_binary()), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=environment,
        )
        self.last_id = 0

    def request(self, payload: dict) -> dict:
        """Send one request; Pagefind's answer (its ``payload``)."""
        self.last_id += 1
        message = json.dumps({"message_id": self.last_id, "payload": payload}).encode("utf-8")
        try:
            self.process.stdin.write(base64.b64encode(message) + b",")
            self.process.stdin.flush()
            answer = bytearray()
            while not answer.endswith(b","):
                chunk = self.process.stdout.read1(1 << 20)
                if not chunk:
                    raise PagefindServiceError("Pagefind's service ended without an answer")
                answer += chunk
        except OSError as exc:
            raise PagefindServiceError(f"Pagefind's service could not be reached: {exc}") from None
        reply = json.loads(base64.b64decode(bytes(answer[:-1])))
        found = reply.get("payload") or {}
        if found.get("type") == "Error" or reply.get("message_id") != self.last_id:
            raise PagefindServiceError(f"Pagefind: {found.get('message', reply)}")
        return found

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.process.stdin.close()  # the service leaves at the end of its input
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class KeptIndex:
    """A Pagefind index held in a service between runs (by a build server), with the
    pages it has parsed: an edit parses again only the pages it changed, not all of
    them (at x50: 0.03 s for 30 pages instead of 1.7 s for 5,190). Written out, it is
    the index Pagefind makes of the same pages from scratch, byte for byte: a page
    given again keeps its place (tests/test_search.py)."""

    def __init__(self) -> None:
        self.service: PagefindService | None = None
        self.index_id: int | None = None
        self.source: Path | None = None
        self.lang: str | None = None
        self.pages = 0
        self.made_from: str | None = None  # the token of the prepared pages it holds (the work folder's manifest)
        self.fixed: dict[str, bytes] | None = None  # see _fixed_files
        self.checked: set[str] = set()  # files of the written folder read whole (see _written_files)

    def files(
        self, source: Path, lang: str, previous: str | None, rewritten: list[str], published: Path | None = None
    ) -> tuple[int, dict[str, bytes | Path]]:
        """The index of the prepared pages in ``source``: how many pages it holds, and its
        files (path in the index folder -> bytes, or the file that holds them). ``previous``:
        the token of the prepared pages (in the work folder's manifest) before ``rewritten``
        were written again, when no page was added or removed (None: parse them all). The
        kept pages are used only if they are the pages of that token. ``published``: the
        index folder of the last run, if any (see :meth:`_written_files`).

        A new index comes in Pagefind's answer (``GetFiles``). A kept one, after an edit, is
        written by Pagefind into the work folder (``WriteFiles``), where the files of the
        last run stay: see :meth:`_written_files`."""
        for attempt in (1, 2):
            held = previous is not None and self.service is not None and previous == self.made_from
            held = held and self.source == source and self.lang == lang
            written = source.parent / WRITTEN
            try:
                if held:
                    for relative in rewritten:
                        contents = (source / relative).read_text(encoding="utf-8")
                        self._request({"type": "AddFile", "file_path": relative, "url": None, "file_contents": contents})
                else:
                    self._parse(source, lang)
                files = None
                if held:
                    try:
                        files = self._written_files(written, published)
                    except _NotWritten:
                        files = None  # asked for instead, below; the folder is made again next time
                if files is None:
                    _remove_folder(written)
                    answer = self._request({"type": "GetFiles"})
                    files = {item["path"]: base64.b64decode(item["content"]) for item in answer.get("files", [])}
            except PagefindServiceError as exc:
                self.close()
                if held and attempt == 1:  # a kept service that died: once more, from the pages
                    continue
                raise SearchIndexError(f"search: Pagefind failed for the {lang} site:\n{exc}") from None
            if "pagefind.js" not in files or "pagefind-entry.json" not in files:
                self.close()
                raise SearchIndexError(f"search: Pagefind made no index for the {lang} site")
            return self.pages, files
        raise AssertionError("unreachable")

    def _written_files(self, folder: Path, published: Path | None) -> dict[str, bytes | Path]:
        """The index, written by Pagefind into ``folder`` (``WriteFiles``).

        Why: Pagefind compresses every file of the index at its best level on each run,
        unless it writes to a folder that already holds the file (a fragment's or chunk's
        name is a hash of its content, so a file there is not written again). At x50 an
        edit's index took 2.0-2.2 s through ``GetFiles``, 1.0-1.1 s so.

        The service answers ``WriteFiles`` before its last writes have reached the files (it
        writes through tokio, which finishes a file's writes in the background; a test once
        read an empty ``pagefind-entry.json``). So nothing is read unchecked:

        - the files that are the same for every index of a Pagefind (``pagefind.js``, the
          WebAssembly) come from a small index of the same service, asked for
          (:meth:`_fixed_files`);
        - ``pagefind-entry.json`` is read until it parses, and names the metadata file,
          read until it decompresses; the metadata lists every fragment and chunk of the
          index (:func:`_listed_files`);
        - each of those that this service has not checked before is read until it
          decompresses whole (gzip's length and checksum); they were written from the
          pages in memory, and a file there cannot change its name's content.

        Files of earlier runs that the index no longer lists are removed, so the folder
        holds one index. A new folder starts with the files of ``published`` (the last
        index, written by this module from whole files). Raises :class:`_NotWritten` when a
        file is still not whole after :data:`WRITE_WAIT` seconds.
        """
        if self.fixed is None:
            self.fixed = self._fixed_files()
        if not folder.is_dir():
            self.checked = _seed(folder, published)
        self._request({"type": "WriteFiles", "output_path": str(folder)})
        deadline = time.monotonic() + WRITE_WAIT
        entry_bytes = _read_whole(folder / "pagefind-entry.json", _parses_as_json, deadline)
        try:
            entry = json.loads(entry_bytes)
            meta_name = f"pagefind.{entry['languages'][self.lang]['hash']}.pf_meta"
        except (KeyError, TypeError, ValueError):
            raise _NotWritten(f"{folder}/pagefind-entry.json names no index of {self.lang}") from None
        meta = _read_whole(folder / meta_name, _decompresses, deadline)
        listed = _listed_files(meta)
        files: dict[str, bytes | Path] = {**self.fixed, "pagefind-entry.json": entry_bytes, meta_name: meta}
        for relative in listed:
            if relative not in self.checked:
                _read_whole(folder / relative, _decompresses, deadline)
                self.checked.add(relative)
            files[relative] = folder / relative
        keep = {meta_name, *listed}
        for relative in _hashed_files(folder) - keep:
            (folder / relative).unlink()
            self.checked.discard(relative)
        return files

    def prepare_written(self, folder: Path, published: Path) -> None:
        """Do now, idle, what the next edit's index would do first (:meth:`_written_files`):
        ask for this service's fixed files and seed ``folder`` with the hashed files of
        ``published`` (the published site's index: read only, and whole whatever a build
        does meanwhile, which renames it at most). The first edit after a server started,
        or after an index made anew, waited for that: at x50, 5,706 files copied, and that
        edit's build took 11.8-13.7 s against 7.8-8.6 s (BENCHMARKS.md, fifteenth session).
        A failure leaves them to the next edit, as before."""
        if self.service is None:
            return
        try:
            if self.fixed is None:
                self.fixed = self._fixed_files()
            if not folder.is_dir():
                self.checked = _seed(folder, published)
        except PagefindServiceError:
            self.close()  # the next build parses the pages again
        except (_NotWritten, OSError):
            pass  # seeded, or the fixed files asked for, by the next edit's index

    def _fixed_files(self) -> dict[str, bytes]:
        """The files every index of this service's language holds, the same bytes whatever
        its pages (Pagefind's script and WebAssembly): those of a one-page index, asked for."""
        config = {"force_language": self.lang, "keep_index_url": True}
        index_id = self.service.request({"type": "NewIndex", "config": config})["index_id"]
        page = '<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body><main>x</main></body></html>\n'
        self.service.request({"type": "AddFile", "index_id": index_id, "file_path": "x.html", "url": None, "file_contents": page})
        answer = self.service.request({"type": "GetFiles", "index_id": index_id})
        fixed = {}
        for item in answer.get("files", []):
            path = item["path"]
            if "/" not in path and path != "pagefind-entry.json" and not _HASHED.search(path):
                fixed[path] = base64.b64decode(item["content"])
        if "pagefind.js" not in fixed:
            raise _NotWritten("Pagefind's script was not in its answer")
        return fixed

    def parse(self, source: Path, lang: str) -> None:
        """Parse every prepared page in ``source``, in a new index (see :func:`keep_pages`)."""
        try:
            self._parse(source, lang)
        except PagefindServiceError as exc:
            self.close()
            raise SearchIndexError(f"search: Pagefind failed for the {lang} site:\n{exc}") from None

    def _parse(self, source: Path, lang: str) -> None:
        self.close()
        self.service = PagefindService()
        config = {"force_language": lang, "keep_index_url": True, "exclude_selectors": list(EXCLUDE)}
        self.index_id = self.service.request({"type": "NewIndex", "config": config})["index_id"]
        self.source, self.lang = source, lang
        self.pages = int(self._request({"type": "AddDir", "path": str(source)})["page_count"])

    def _request(self, payload: dict) -> dict:
        return self.service.request({**payload, "index_id": self.index_id})

    def close(self) -> None:
        if self.service is not None:
            self.service.close()
        self.service, self.index_id, self.made_from = None, None, None
        self.fixed, self.checked = None, set()


#: Pagefind's names that hold a hash of the file's content: ``en_1090dbe.pf_index``.
_HASHED = re.compile(r"_[0-9a-f]{7,}\.pf_(?:fragment|index|meta|filter)$")


#: The folder of a language's work folder that Pagefind writes a kept index into.
WRITTEN = "written"

#: Seconds to wait for a file Pagefind wrote to be whole (its writes end milliseconds
#: after its answer); after that, the index is asked for instead.
WRITE_WAIT = 5.0

#: What starts each of Pagefind's compressed files, once decompressed.
_DECODED_PREFIX = b"pagefind_dcd"


class _NotWritten(Exception):
    """Pagefind's written index could not be read whole; it is asked for instead."""


def _read_whole(path: Path, whole, deadline: float) -> bytes:
    """The bytes of ``path`` once ``whole(bytes)`` holds, read again until ``deadline``."""
    while True:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            data = None
        if data is not None and whole(data):
            return data
        if time.monotonic() > deadline:
            raise _NotWritten(f"{path} was not whole")
        time.sleep(0.005)


def _parses_as_json(data: bytes) -> bool:
    try:
        json.loads(data)
    except ValueError:
        return False
    return True


def _decompresses(data: bytes) -> bool:
    """A whole gzip member: its length and CRC checked (a file cut short fails)."""
    try:
        return gzip.decompress(data).startswith(_DECODED_PREFIX)
    except (OSError, EOFError, zlib.error):
        return False


def _listed_files(meta: bytes) -> set[str]:
    """The fragments, word chunks and filters an index's metadata (``*.pf_meta``) lists.

    The metadata is Pagefind's ``MetaIndex`` in CBOR (``pagefind/src/index/index_metadata.rs``):
    ``[version, pages: [[hash, words]], chunks: [[from, to, hash]], filters: [[name, hash]], …]``.
    """
    try:
        fields = cbor2.loads(gzip.decompress(meta)[len(_DECODED_PREFIX) :])
        pages, chunks, filters = fields[1], fields[2], fields[3]
        listed = {f"fragment/{page[0]}.pf_fragment" for page in pages}
        listed |= {f"index/{chunk[2]}.pf_index" for chunk in chunks}
        listed |= {f"filter/{item[1]}.pf_filter" for item in filters}
    except (cbor2.CBORDecodeError, IndexError, KeyError, TypeError, ValueError) as exc:
        raise _NotWritten(f"Pagefind's metadata was not as expected: {exc}") from None
    if not all(_HASHED.search(name) for name in listed):
        raise _NotWritten("Pagefind's metadata named a file without a hash")
    return listed


def _hashed_files(folder: Path) -> set[str]:
    """The files of ``folder`` whose names hold a hash of their content."""
    return {relative for relative in _files(folder) if _HASHED.search(relative)} if folder.is_dir() else set()


def _seed(folder: Path, published: Path | None) -> set[str]:
    """Make ``folder`` with a copy of the hashed files of ``published`` (Pagefind then
    writes only the files that are new since); return their paths in it. The copy is made
    beside ``folder`` and renamed: a folder there holds only whole files."""
    staging = folder.with_name(folder.name + ".seeding")
    _remove_folder(staging)
    staging.mkdir(parents=True)
    names = _hashed_files(published) if published is not None else set()
    try:
        for relative in names:
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(published / relative, target)
        os.replace(staging, folder)
    except BaseException:
        _remove_folder(staging)
        raise
    return names


def _remove_folder(folder: Path) -> None:
    if folder.is_dir():
        shutil.rmtree(folder)


def _replace_changed(new: dict[str, bytes | Path], target: Path) -> None:
    """Make ``target`` hold the files of ``new`` (path -> bytes), leaving alone those that
    did not change.

    Pagefind makes every file of the index on each run, but most are the same bytes
    (a fragment's name is a hash of its content): an untouched file keeps its time, so
    the next build's work folder copies only what changed (see
    :mod:`generator.site.outputs`), not the whole index.
    """
    held = _files(target) if target.is_dir() else {}
    for relative in held.keys() - new.keys():
        os.unlink(target / relative)
    for relative, data in new.items():
        old = target / relative
        size = data.stat().st_size if isinstance(data, Path) else len(data)
        if relative in held and held[relative].st_size == size:
            # a name with a hash of the content (fragments, index chunks, metadata) names those bytes
            if _HASHED.search(relative):
                continue
            data = data.read_bytes() if isinstance(data, Path) else data
            if old.read_bytes() == data:
                continue
        atomic_write(old, data.read_bytes() if isinstance(data, Path) else data)
    for folder in sorted({(target / relative).parent for relative in held.keys() - new.keys()}, reverse=True):
        if folder != target and not any(folder.iterdir()):
            folder.rmdir()


def _files(root: Path, skip: tuple[str, ...] = ()) -> dict[str, os.stat_result]:
    """Every file under ``root`` (but in its top folders named in ``skip``): its path
    relative to ``root`` -> its stat. With ``os.scandir``, the x50 index is listed and
    compared with the site's in 0.13 s; with ``Path.rglob`` that took 1.0 s."""
    found = {}

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if prefix or entry.name not in skip:
                        walk(entry.path, f"{prefix}{entry.name}/")
                elif entry.is_file():
                    found[f"{prefix}{entry.name}"] = entry.stat()

    walk(str(root), "")
    return found


def searchable_pages(site: Path, lang: str) -> int:
    """How many pages the index in ``site`` holds."""
    entry = json.loads((site / OUTPUT / "pagefind-entry.json").read_text(encoding="utf-8"))
    return int(entry["languages"][lang]["page_count"])


#: Pagefind's ready-made interfaces: the search page uses its JavaScript API only.
_UNUSED = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")


def _unused(path: str) -> bool:
    return "/" not in path and any(fnmatch.fnmatchcase(path, pattern) for pattern in _UNUSED)


# -- Sphinx -------------------------------------------------------------------


def _on_builder_inited(app) -> None:
    # Sphinx's search: no index fed while writing, no searchindex.js dumped, no
    # searchtools.js page. The search page is ours (html_additional_pages).
    turn_off_builtin_search(app.builder)


def _on_config_inited(app, config) -> None:
    config.html_additional_pages = {**config.html_additional_pages, "search": "search.html"}


def setup(app) -> None:
    """Turn Sphinx's own search off and render our search page instead; call from the extension's setup."""
    app.connect("config-inited", _on_config_inited)
    app.connect("builder-inited", _on_builder_inited)
