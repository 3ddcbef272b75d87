"""What the data check derives from one data file alone, kept per file between runs.

Checking the data (:func:`generator.data.validate.check`) reads every file of the
data folder. Most of the work depends on one file only: parsing it, the
invisible-character scan, its schema models. That part is a :class:`FileEntry`,
stored in the cache folder the caller names (a build passes its
``_build/cache``), one file per data file, valid for one *file key*: a hash of
the file's bytes, the path it is shown as, its role (plan, section, activities...),
the code of the data and text layers, the versions of Python, PyYAML and pydantic,
and :data:`CACHE_FORMAT`. After an edit to one file, only that file is parsed
and validated again; the checks across files run on each file's *outline*
(:func:`outline`): only the fields they read, with their places.

A section's models depend on one thing outside the file: agencies named by
name instead of id are resolved against agencies.yaml. An entry keeps the
resolutions its models were built with, and they are built again when those differ.

A cache file that cannot be read (damaged, written by other code) is ignored and
rewritten; files are replaced atomically.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..files import atomic_write, load_pickle
import unicodedata
from collections.abc import Iterator

from .diagnostics import Diagnostic, Kind, Message, owned
from .load import MAX_FILE_BYTES, LoadedFile, load_bytes, load_file
from .messages import _dotted, _owner, validate_file

#: Bump when what an entry holds changes shape.
CACHE_FORMAT = 1

#: The sub-folder of the caller's cache folder that holds the entries.
FOLDER = "data-files"

_PACKAGE = Path(__file__).resolve().parent  # generator/data
_TEXT = _PACKAGE.parent / "text"  # generator/text, under the data layer


@functools.cache
def code_key() -> str:
    """A hash of the code an entry is made by: generator/data and generator/text, and
    the libraries whose objects it holds."""
    import pydantic
    import yaml

    digest = hashlib.sha256(
        f"{CACHE_FORMAT}\0{sys.version}\0{yaml.__version__}\0{yaml.__with_libyaml__}\0{pydantic.VERSION}\0".encode()
    )
    for folder in (_PACKAGE, _TEXT):
        for path in sorted(folder.rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            content = path.read_bytes()
            digest.update(f"{path.relative_to(folder.parent).as_posix()}\0{len(content)}\0".encode())
            digest.update(content)
    return digest.hexdigest()


def file_key(raw: bytes, shown: str, role: str) -> str:
    digest = hashlib.sha256(f"{code_key()}\0{role}\0{shown}\0{len(raw)}\0".encode())
    digest.update(raw)
    return digest.hexdigest()


# -- outlines: what the checks across files read ---------------------------------------

#: A whole value.
ALL = None


#: Per role, the fields the checks across files read (validate.py: registries, sections,
#: plan order; tracking_check.py: references, duplicates, dates). A dict keeps the named
#: keys, ``[spec]`` each item of a list, :data:`ALL` the whole value. A check that reads
#: another field must name it here: tests/test_datacache.py compares every test root's
#: diagnostics with and without the cache.
_HOLDER = {"agency": ALL, "by": ALL}
_LINES = [{"agencies": [_HOLDER]}]
OUTLINES: dict[str, Any] = {
    "plan": ALL,
    "agencies": {"agencies": [{"id": ALL, "name": ALL, "aliases": ALL}]},
    "topics": {"topics": [{"id": ALL}]},
    "legal": {"legal_documents": [{"id": ALL, "issuer": ALL}]},
    "section": {
        "section": ALL,
        "slug": ALL,
        "groups": [{"number": ALL}],
        "duties": [
            {
                "number": ALL,
                "lead": _LINES,
                "coordination": _LINES,
                "topics": ALL,
                "legal_documents": ALL,
                "deadline": {
                    "agency": ALL,
                    "by": ALL,
                    "legal_document": ALL,
                    "start": ALL,
                    "end": ALL,
                    "milestones": [{"start": ALL, "end": ALL}],
                },
            }
        ],
    },
    "activities": {"activities": [{"id": ALL, "duties": ALL, "agencies": ALL, "date": ALL}]},
    "assessments": {"assessments": [{"duty": ALL, "year": ALL, "assessed_by": {"agency": ALL}}]},
}


def _project(value: Any, spec: Any) -> Any:
    if spec is ALL:
        return value
    if isinstance(spec, dict):
        if isinstance(value, dict):
            return {k: _project(v, spec[k]) for k, v in value.items() if k in spec}
    elif isinstance(value, list):
        return [_project(item, spec[0]) for item in value]
    # not the shape the checks look into: they skip it (a text is kept, for what it says)
    return value if isinstance(value, str) else None


def _paths(value: Any, path: tuple) -> Any:
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, path + (i,))


class Outline(LoadedFile):
    """A file cut down to what the checks across files read. Stored, its places are
    packed apart and unpacked only when a check asks where something is: a run in
    which nothing is wrong locates little (the records' ids are not located unless
    one is used twice)."""

    _packed: bytes | None = None

    @property
    def positions(self) -> dict:
        if self._packed is not None:
            self.__dict__["_positions"] = pickle.loads(self._packed)
            self._packed = None
        return self.__dict__["_positions"]

    @positions.setter
    def positions(self, value: dict) -> None:
        self.__dict__["_positions"] = value
        self._packed = None

    def __getstate__(self):
        state = dict(self.__dict__)
        if self._packed is None:
            state["_packed"] = pickle.dumps(state["_positions"], pickle.HIGHEST_PROTOCOL)
        state["_positions"] = None
        return state


def outline(loaded: LoadedFile, role: str) -> Outline:
    """``loaded`` cut down to what the checks across files read, each value at its place."""
    spec = OUTLINES[role]
    if spec is ALL:
        return Outline(loaded.path, loaded.data, dict(loaded.positions))
    data = _project(loaded.data, spec)
    positions = loaded.positions
    kept = {p: positions[p] for p in _paths(data, ()) if p in positions}
    return Outline(loaded.path, data, kept)


# -- invisible characters ---------------------------------------------------------------

#: Characters that must never hide in the data: controls (but tab and newline),
#: zero-width and joiner characters, bidirectional overrides, byte-order marks.
_ALLOWED_CONTROLS = {"\n", "\t"}


def _strings(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, path + (i,))


def check_invisible(loaded: LoadedFile, diagnostics: list[Diagnostic]) -> None:
    """A diagnostic for each text of ``loaded`` that holds an invisible character (its first).

    Only a text that :meth:`str.isprintable` refuses can hold one (the loader lists
    them as it reads, :attr:`LoadedFile.suspects`); each of those is read character by character.
    """
    texts = loaded.suspects if loaded.suspects is not None else _strings(loaded.data)
    for path, text in texts:
        if text.isprintable():
            continue
        for char in text:
            category = unicodedata.category(char)
            if (category == "Cc" and char not in _ALLOWED_CONTROLS) or category in ("Cf", "Co", "Cs"):
                name = unicodedata.name(char, None) or Message.of("diag_control_character")
                owner = _owner(path, loaded)
                message = Message.of(
                    "diag_invisible", code=f"{ord(char):04X}", name=name, field=_dotted(path[2:] if owner else path)
                )
                diagnostics.append(Diagnostic(loaded.locate(path), Kind.INVISIBLE_CHARACTER, owned(owner, message)))
                break


# -- entries ----------------------------------------------------------------------------


@dataclass
class FileEntry:
    """What one data file gives the check by itself.

    ``outline`` is None when the file could not be read (then ``problems`` say why).
    ``model_key`` is what the models were built with (a section's agency-name
    resolutions; ``()`` for other files), None before they are built.
    """

    shown: str
    role: str
    key: str | None
    problems: list[Diagnostic]
    invisible: list[Diagnostic] = field(default_factory=list)
    outline: LoadedFile | None = None
    model_key: tuple | None = None
    model: Any = None
    schema: list[Diagnostic] = field(default_factory=list)
    #: Not stored: the data file, the whole file when it was parsed in this run, and
    #: whether this run changed the entry.
    source: Path | None = None
    loaded: LoadedFile | None = None
    changed: bool = False

    def __getstate__(self):
        state = dict(self.__dict__)
        state.update(source=None, loaded=None, changed=False)
        return state

    def model_of(self, model_type, key: tuple = (), prepare=None, to_diagnostic=None):
        """The file's data as ``model_type`` (None if it fails; the failures are in
        ``schema``), built again unless it was built with the same ``key``.
        ``prepare(data)`` readies the data first (a section's agency names)."""
        if self.outline is None:
            return None
        if self.model_key != key:
            if self.loaded is None:  # from the cache, built with other resolutions
                self.loaded, _ = load_bytes(self.source.read_bytes(), self.shown)
            if prepare is not None:
                prepare(self.loaded.data)
            self.schema = []
            self.model = validate_file(model_type, self.loaded, self.schema, to_diagnostic)
            self.model_key = key
            self.changed = True
        return self.model


def _entry_file(cache_dir: Path, shown: str) -> Path:
    return cache_dir / FOLDER / f"{hashlib.sha256(shown.encode()).hexdigest()[:32]}.pickle"


def _fetch(cache_dir: Path, shown: str, key: str) -> FileEntry | None:
    """The entry stored for ``shown`` if it was made for ``key`` (read only then)."""
    try:
        with open(_entry_file(cache_dir, shown), "rb") as handle:
            if pickle.load(handle) != key:
                return None
            stored = load_pickle(handle)
    except FileNotFoundError:
        return None
    except Exception:  # damaged, or written by other code: ignored, and rewritten
        return None
    if not isinstance(stored, FileEntry) or stored.key != key or stored.shown != shown:
        return None
    return stored


def store(cache_dir: Path, entry: FileEntry) -> None:
    """Keep ``entry`` for the next run (a cache that cannot be written only costs time):
    its key, then the entry, so that a stale one is known without reading it."""
    if entry.key is None or not entry.changed:
        return
    try:
        blob = pickle.dumps(entry.key, pickle.HIGHEST_PROTOCOL) + pickle.dumps(entry, pickle.HIGHEST_PROTOCOL)
        atomic_write(_entry_file(cache_dir, entry.shown), blob)
    except (OSError, pickle.PicklingError):
        pass


def read_entry(path: Path, shown: str, role: str, cache_dir: Path | None) -> FileEntry:
    """The entry of the data file ``path`` (shown as ``shown``, a file of ``role``, a key
    of :data:`OUTLINES`): from ``cache_dir`` when its key matches, else parsed now."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        loaded, problems = load_file(path, shown)  # refused before it is read
        return FileEntry(shown, role, None, problems, source=path)
    raw = path.read_bytes()
    key = file_key(raw, shown, role)
    if cache_dir is not None:
        cached = _fetch(cache_dir, shown, key)
        if cached is not None:
            cached.source = path
            return cached
    loaded, problems = load_bytes(raw, shown)
    entry = FileEntry(shown, role, key, problems, source=path, changed=True)
    if problems and loaded.data is None:
        return entry
    check_invisible(loaded, entry.invisible)
    entry.loaded = loaded
    entry.outline = outline(loaded, role)
    return entry
