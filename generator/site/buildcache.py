"""What a build remembers between runs, so that a rebuild costs what changed.

Checking the data and working out every page's view grow with the size of the
plan (at fifty times the real data: 2.7 s to check, 1.6 s of views per
language, in the build command and again in each of the two Sphinx builds).
Both are kept in the project's cache folder (``_build/cache``), each valid for
one *source digest*: a hash of every file of the data folder, of the
translation catalogues (``docs/locale``) and of the generator's own code.

- ``plan.pickle``: the checked plan and its diagnostics. The build command
  checks the data once and the Sphinx builds it starts load the result.
- ``views-<lang>.pickle``: each page's fingerprint, its untranslated count and
  its view, pickled on its own and unpickled only when the page is read. With
  nothing changed, a Sphinx build neither checks the data nor builds a view.

A cache that cannot be read (damaged, written by other code) is ignored and
rewritten. Files are replaced atomically, so two builds side by side are safe.
"""

from __future__ import annotations

import contextlib
import copyreg
import gc
import hashlib
import io
import os
import pickle
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from ..content.view import PageView
from ..files import load_pickle

#: Bump when what is cached changes shape.
CACHE_FORMAT = 4

_CODE = Path(__file__).resolve().parent.parent  # the generator package
_CODE_SUFFIXES = {".py", ".jinja", ".json", ".yaml"}


def _files(folder: Path, suffixes: set[str] | None = None, skip: str | None = None) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and (suffixes is None or p.suffix in suffixes)
        and (skip is None or p.relative_to(folder).parts[0] != skip)
    )


def source_digest(data_dir: Path, locale_dir: Path | None = None, skip: str | None = None) -> str:
    """A hash of everything a page's view is made from: the data, the catalogues, the code
    (the data folder's subfolder ``skip`` left out)."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{sys.version}\0{Path(data_dir).resolve()}\0{skip}\0".encode())
    groups = [(Path(data_dir), None, skip), (_CODE, _CODE_SUFFIXES, None)]
    if locale_dir is not None:  # the .po catalogues, not the .mo files Sphinx compiles from them
        groups.append((Path(locale_dir), {".po"}, None))
    for folder, suffixes, left_out in groups:
        for path in _files(folder, suffixes, left_out):
            content = path.read_bytes()
            digest.update(f"{path.relative_to(folder).as_posix()}\0{len(content)}\0".encode())
            digest.update(content)
        digest.update(b"\1")
    return digest.hexdigest()


def frame_rest(data_dir: Path, locale_dir: Path | None) -> str:
    """The part of :func:`frame_digest` read from files: every data file but the sections',
    the catalogues and the code.

    Take it before the plan is read, as :func:`checked_plan` takes the plan's digest: a
    file saved while a build runs then gives the next build other digests. Taken after,
    it would record the new file's digest with pages made from the old one, and every
    later build would take those pages as up to date."""
    from ..data.validate import SECTIONS_DIR

    return source_digest(data_dir, locale_dir, skip=SECTIONS_DIR)


def frame_digest(plan, rest: str, as_of) -> str:
    """A hash of everything the pages are made from but the duties' words (see
    generator.content.incremental): the sections' frame, every other data file, the
    catalogues and the code (``rest``, from :func:`frame_rest`) and the as-of date. While it
    stays the same, the same pages exist and an edit changes only the pages that show the
    edited duties."""
    from ..content.incremental import frame_of

    return hashlib.sha256(f"{rest}\0{frame_of(plan)}\0{as_of.isoformat()}".encode()).hexdigest()


def dated(digest: str, as_of) -> str:
    """``digest`` for pages worked out as of ``as_of``: the pages show statuses as of a
    date, so the same sources on another day make other pages."""
    return hashlib.sha256(f"{digest}\0{as_of.isoformat()}".encode()).hexdigest()


def _mapping(items: dict) -> MappingProxyType:
    return MappingProxyType(items)


def _dumps(value) -> bytes:
    """Pickle ``value``; the plan's read-only mappings are stored as dicts and restored as such."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = copyreg.dispatch_table.copy()
    pickler.dispatch_table[MappingProxyType] = lambda m: (_mapping, (dict(m),))
    pickler.dump(value)
    return buffer.getvalue()


def store_value(path: Path, value) -> None:
    """Write ``value``, a (digest, payload) pair, as two pickles: the digest first, so that
    a reader finds out whether the file is current without reading the payload."""
    digest, payload = value
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(pickle.dumps(digest, pickle.HIGHEST_PROTOCOL) + _dumps(payload))
        os.replace(tmp, path)
    except OSError:  # a cache that cannot be written only costs time
        tmp.unlink(missing_ok=True)


def fetch_value(path: Path, digest: str | None):
    """The value stored in ``path`` for ``digest`` (for any digest if None), or None
    (read only if the digest matches)."""
    try:
        with open(path, "rb") as handle:
            if pickle.load(handle) != digest and digest is not None:
                return None
            return load_pickle(handle)
    except FileNotFoundError:
        return None
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError, ValueError):
        return None  # damaged, or written by other code: ignored, and rewritten by this build


def store_value_soon(path: Path, value) -> None:
    """:func:`store_value`, in a child process of its own when this process can fork
    (it has no other thread): the caller goes on at once, on the other core. Call
    :func:`wait_stored` before anything reads ``path``. (At x50 the checked plan takes
    0.7 s to pickle, on the build command's way to starting Sphinx.)"""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        store_value(path, value)
        return
    pid = os.fork()
    if pid == 0:  # the child: writes, and leaves without the parent's exit handlers
        try:
            gc.disable()  # a collection would touch, and so copy, every page of the parent's memory
            store_value(path, value)
        finally:
            os._exit(0)
    _storing.append(pid)


_storing: list[int] = []  # the children of store_value_soon still writing


def wait_stored() -> None:
    """Until every :func:`store_value_soon` of this process has written its file."""
    while _storing:
        pid = _storing.pop()
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


def checked_plan(data_dir: Path, root: Path, cache_dir: Path, digest: str | None = None, soon: bool = False):
    """``check(data_dir, root)``, from the cache when the sources are unchanged.

    Returns (plan or None, diagnostics, digest). Only a plan without errors is cached
    whole; the check itself keeps what each data file gives by itself in ``cache_dir``
    (generator.data.filecache), so that after an edit only the edited file is read again.
    ``soon``: the whole plan is stored by :func:`store_value_soon`.
    """
    from ..data.validate import check

    digest = digest or source_digest(data_dir, None)
    cached = fetch_value(cache_dir / "plan.pickle", digest)
    if cached is not None:
        return cached[0], cached[1], digest
    plan, diagnostics = check(data_dir, root, cache_dir)
    if plan is not None:
        (store_value_soon if soon else store_value)(cache_dir / "plan.pickle", (digest, (plan, diagnostics)))
    return plan, diagnostics, digest


@dataclass(frozen=True)
class SiteInfo:
    """What a page's head says about the site (its title, site_url): the plan's info only,
    so that a build with nothing changed need not load the plan."""

    info: object  # generator.data.model.PlanInfo


@dataclass
class PageViews:
    """Every generated page of one language: what ``env-get-outdated`` and page writing need
    at hand (fingerprints, untranslated counts, descriptions, kinds), the views themselves
    unpickled on demand."""

    title: str
    docnames: tuple[str, ...]
    fingerprints: dict[str, str]
    untranslated: dict[str, int]
    handbook_links: object
    diagnostics: list = field(default_factory=list)
    headline: object = None  # the home page's as-of date and figures
    descriptions: dict[str, str] = field(default_factory=dict)  # <meta name="description">
    kinds: dict[str, str] = field(default_factory=dict)  # each page's kind (duty, report…)
    site: SiteInfo | None = None
    basis: object = None  # generator.content.incremental.ViewBasis: what the next build compares
    _pickled: dict[str, bytes] = field(default_factory=dict, repr=False)
    _views: dict[str, PageView] = field(default_factory=dict, repr=False)

    @classmethod
    def from_views(cls, title, views: dict[str, PageView], fingerprints, handbook_links, diagnostics, **extra):
        return cls(
            title=title,
            docnames=tuple(views),
            fingerprints=dict(fingerprints),
            untranslated={doc: view.untranslated for doc, view in views.items()},
            handbook_links=handbook_links,
            diagnostics=list(diagnostics),
            _views=dict(views),
            **extra,
        )

    def view(self, docname: str) -> PageView | None:
        if docname not in self._views:
            blob = self._pickled.get(docname)
            if blob is None:
                return None
            self._views[docname] = pickle.loads(blob)
        return self._views[docname]

    def __contains__(self, docname: str) -> bool:
        return docname in self.fingerprints

    def _pickle_views(self) -> dict[str, bytes]:
        blobs = dict(self._pickled)
        blobs.update({doc: _dumps(view) for doc, view in self._views.items()})
        return blobs


def load_views(cache_dir: Path, lang: str, digest: str | None) -> PageViews | None:
    """The views stored for ``digest``; with None, the last stored whatever their sources
    (a build that works out only what changed starts from them)."""
    stored = fetch_value(cache_dir / f"views-{lang}.pickle", digest)
    if stored is None:
        return None
    title, docnames, fingerprints, untranslated, links, diagnostics, extra, blobs = stored
    return PageViews(title, docnames, fingerprints, untranslated, links, diagnostics, **extra, _pickled=blobs)


def store_views(cache_dir: Path, lang: str, digest: str, views: PageViews) -> None:
    value = (
        views.title,
        views.docnames,
        views.fingerprints,
        views.untranslated,
        views.handbook_links,
        views.diagnostics,
        {
            "headline": views.headline,
            "descriptions": views.descriptions,
            "kinds": views.kinds,
            "site": views.site,
            "basis": views.basis,
        },
        views._pickle_views(),
    )
    store_value(cache_dir / f"views-{lang}.pickle", (digest, value))
