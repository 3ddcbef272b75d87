"""Strict YAML loading: plain text in, plain data with source locations out.

The data files are edited by hand, so the loader refuses what YAML allows but a
maintainer never means: anchors and aliases (alias bombs), explicit tags
(``!!python/object``), duplicate keys. Every scalar is read as the text that was
typed (``1.10``, ``no``, ``012`` stay strings); the schema decides its type
later. Text is normalised to Unicode NFC.

Speed (the data grows; see BENCHMARKS.md): libyaml's C parser composes the
nodes, with PyYAML's tag resolver short-circuited (every scalar is read as
text, so the tag it would resolve is never used); the scan for anchors, aliases
and tags runs only on a text that could hold one; the cyclic garbage collector
is paused while a file's node tree and plain data are built (trees, no cycles);
each value's place is kept as a (line, column) pair, made into a
:class:`Location` only when a message asks for it.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent

from .diagnostics import Diagnostic, Kind, Location, Message, Quantity

#: Files larger than this are refused before they are parsed.
MAX_FILE_BYTES = 5 * 1024 * 1024

BOM = "\ufeff"

Path_ = tuple[str | int, ...]


@dataclass
class LoadedFile:
    """One YAML file as plain dicts, lists and strings, with where each value is.

    ``positions`` maps the path of each value (and of each mapping key) to its
    (line, column), both from 1. ``suspects`` lists the (path, text) of the
    values that :meth:`str.isprintable` refuses (a newline is enough): the only
    ones that may hide an invisible character; None when not collected.
    """

    path: str
    data: Any = None
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    suspects: list[tuple[Path_, str]] | None = None

    def locate(self, path: Path_) -> Location:
        """The location of ``path``, or of its nearest ancestor that exists."""
        path = tuple(path)
        positions = self.positions
        while path:
            if path in positions:
                return Location(self.path, *positions[path])
            path = path[:-1]
        return Location(self.path, *positions.get((), (1, 1)))

    @property
    def locations(self) -> dict[Path_, Location]:
        """Every path's :class:`Location` (made on demand, for a reader who wants them all)."""
        return {path: Location(self.path, *where) for path, where in self.positions.items()}


class _RefusedYaml(yaml.MarkedYAMLError):
    def __init__(self, message, problem_mark):
        super().__init__(problem=str(message), problem_mark=problem_mark)
        self.message = message


def _refuse(event) -> None:
    """Fail on an alias, an anchor or an explicit tag: data is plain, written-out text."""
    if isinstance(event, AliasEvent):
        raise _RefusedYaml(Message.of("diag_yaml_alias", anchor=event.anchor), event.start_mark)
    if getattr(event, "anchor", None) is not None:
        raise _RefusedYaml(Message.of("diag_yaml_anchor", anchor=event.anchor), event.start_mark)
    tag = getattr(event, "tag", None)
    if tag not in (None, "!"):
        raise _RefusedYaml(Message.of("diag_yaml_tag", tag=tag), event.start_mark)


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors, aliases and explicit tags while composing."""

    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        _refuse(self.peek_event())
        return super().compose_node(parent, index)


def _location(path: str, mark) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


def _line_col_of_offset(text: bytes | str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    newline = b"\n" if isinstance(text, bytes) else "\n"
    line = before.count(newline) + 1
    column = offset - (before.rfind(newline) + 1) + 1
    return line, column


def decode(raw: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 text of ``raw`` (a leading BOM dropped), or the reason it is refused."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_col_of_offset(raw, exc.start)
        byte = raw[exc.start]
        return None, [
            Diagnostic(
                Location(path, line, column),
                Kind.ENCODING,
                Message.of("diag_not_utf8", byte=f"{byte:02X}"),
            )
        ]
    if text.startswith(BOM):
        text = text[1:]
    inner = text.find(BOM)
    if inner != -1:
        line, column = _line_col_of_offset(text, inner)
        return None, [
            Diagnostic(
                Location(path, line, column),
                Kind.ENCODING,
                Message.of("diag_inner_bom"),
            )
        ]
    return text, []


#: libyaml's parser when PyYAML was built with it (ten times faster), else the Python one.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)

_TEXT_TAG = "tag:yaml.org,2002:str"

if _FAST_LOADER is not None:

    class _TextLoader(_FAST_LOADER):
        """libyaml's composer without PyYAML's tag resolution: a Python regex match per
        scalar whose result (bool, int, float, timestamp...) nobody reads here, since
        every scalar is kept as the text that was typed."""

        def resolve(self, kind, value, implicit):  # noqa: D401 - PyYAML hook
            return _TEXT_TAG

else:  # pragma: no cover - PyYAML built without libyaml
    _TextLoader = None

#: Where an anchor (``&``), an alias (``*``) or a tag (``!``) could begin: a YAML token
#: starts at the beginning of the text or after a space, a line break or an indicator
#: (``-``, ``:``, ``,``, brackets, braces, quotes...), never right after a letter or a
#: digit, where the character is part of a plain scalar ("TT&TT", "Hello!").
_MAYBE_UNSAFE = re.compile(r"(?<!\w)[&*!]")


def _refuse_unsafe_events(text: str) -> None:
    """Fail on the first anchor, alias or explicit tag, scanning libyaml's events."""
    if not ("&" in text or "*" in text or "!" in text) or not _MAYBE_UNSAFE.search(text):
        return  # no event can carry one
    for event in yaml.parse(text, Loader=_FAST_LOADER):
        _refuse(event)


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector paused: building a large tree of plain objects
    (nodes, dicts, models) makes it walk them again and again for cycles there are not."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _compose(text: str):
    if _FAST_LOADER is None:
        return yaml.compose(text, Loader=_StrictLoader)
    try:
        _refuse_unsafe_events(text)
        return yaml.compose(text, Loader=_TextLoader)
    except _RefusedYaml:
        raise
    except yaml.MarkedYAMLError:
        # The Python parser says what it found as well as what it expected:
        # parse again with it, for the message.
        return yaml.compose(text, Loader=_StrictLoader)


def load_text(text: str, path: str) -> tuple[LoadedFile, list[Diagnostic]]:
    """Parse YAML ``text`` (shown as ``path`` in messages)."""
    with paused_gc():
        return _load_text(text, path)


def _load_text(text: str, path: str) -> tuple[LoadedFile, list[Diagnostic]]:
    loaded = LoadedFile(path, suspects=[])
    try:
        node = _compose(text)
    except _RefusedYaml as exc:
        return loaded, [Diagnostic(_location(path, exc.problem_mark), Kind.UNSAFE_YAML, exc.message)]
    except yaml.MarkedYAMLError as exc:
        # PyYAML's own words (what it found, what it expected) stay in English
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or Message.of("diag_yaml_no_problem")
        if exc.context:
            started = None
            if exc.context_mark is not None and mark is not None and exc.context_mark.line != mark.line:
                started = Message.of("diag_yaml_started", line=exc.context_mark.line + 1)
            message = Message.of("diag_invalid_yaml_context", context=exc.context, started=started, problem=problem)
        else:
            message = Message.of("diag_invalid_yaml", problem=problem)
        loc = _location(path, mark) if mark else Location(path)
        return loaded, [Diagnostic(loc, Kind.YAML_SYNTAX, message)]
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML always marks its errors
        return loaded, [Diagnostic(Location(path), Kind.YAML_SYNTAX, Message.of("diag_invalid_yaml", problem=str(exc)))]
    if node is None:
        loaded.positions[()] = (1, 1)
        return loaded, []
    diagnostics: list[Diagnostic] = []
    loaded.data = _plain(node, (), loaded, diagnostics)
    return loaded, diagnostics


def _plain(node, path: Path_, loaded: LoadedFile, diagnostics: list[Diagnostic]):
    positions = loaded.positions
    if path not in positions:
        mark = node.start_mark
        positions[path] = (mark.line + 1, mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        value = unicodedata.normalize("NFC", node.value)
        if not value.isprintable():
            loaded.suspects.append((path, value))
        return value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, path + (i,), loaded, diagnostics) for i, item in enumerate(node.value)]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        mark = key_node.start_mark
        key_pos = (mark.line + 1, mark.column + 1)
        if not isinstance(key_node, yaml.ScalarNode):
            diagnostics.append(Diagnostic(Location(loaded.path, *key_pos), Kind.BAD_VALUE, Message.of("diag_key_not_text")))
            continue
        key = unicodedata.normalize("NFC", key_node.value)
        key_path = path + (key,)
        if key in result:
            diagnostics.append(
                Diagnostic(
                    Location(loaded.path, *key_pos),
                    Kind.DUPLICATE_KEY,
                    Message.of("diag_duplicate_key", key=key, line=positions[key_path][0]),
                )
            )
            continue
        positions[key_path] = key_pos
        result[key] = _plain(value_node, key_path, loaded, diagnostics)
    return result


def load_file(file: Path, shown_as: str) -> tuple[LoadedFile, list[Diagnostic]]:
    """Read and parse one data file; problems come back as diagnostics, never raised."""
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        return LoadedFile(shown_as), [
            Diagnostic(
                Location(shown_as),
                Kind.FILE_TOO_LARGE,
                Message.of("diag_file_too_large", size=Quantity(size), limit=Quantity(MAX_FILE_BYTES)),
            )
        ]
    return load_bytes(file.read_bytes(), shown_as)


def load_bytes(raw: bytes, shown_as: str) -> tuple[LoadedFile, list[Diagnostic]]:
    """Decode and parse the bytes of one data file (shown as ``shown_as``)."""
    text, problems = decode(raw, shown_as)
    if text is None:
        return LoadedFile(shown_as), problems
    return load_text(text, shown_as)
