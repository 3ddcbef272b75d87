"""Strict YAML loading: plain text in, plain data with source locations out.

The data files are edited by hand, so the loader refuses what YAML allows but a
maintainer never means: anchors and aliases (alias bombs), explicit tags
(``!!python/object``), duplicate keys. Every scalar is read as the text that was
typed (``1.10``, ``no``, ``012`` stay strings); the schema decides its type
later. Text is normalised to Unicode NFC.
"""

from __future__ import annotations

import unicodedata
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
    """One YAML file as plain dicts, lists and strings, with where each value is."""

    path: str
    data: Any = None
    locations: dict[Path_, Location] = field(default_factory=dict)

    def locate(self, path: Path_) -> Location:
        """The location of ``path``, or of its nearest ancestor that exists."""
        path = tuple(path)
        while path:
            if path in self.locations:
                return self.locations[path]
            path = path[:-1]
        return self.locations.get((), Location(self.path, 1, 1))


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


def _refuse_unsafe_events(text: str) -> None:
    """Fail on the first anchor, alias or explicit tag, scanning libyaml's events."""
    for event in yaml.parse(text, Loader=_FAST_LOADER):
        _refuse(event)


def _compose(text: str):
    if _FAST_LOADER is None:
        return yaml.compose(text, Loader=_StrictLoader)
    try:
        _refuse_unsafe_events(text)
        return yaml.compose(text, Loader=_FAST_LOADER)
    except _RefusedYaml:
        raise
    except yaml.MarkedYAMLError:
        # The Python parser says what it found as well as what it expected:
        # parse again with it, for the message.
        return yaml.compose(text, Loader=_StrictLoader)


def load_text(text: str, path: str) -> tuple[LoadedFile, list[Diagnostic]]:
    """Parse YAML ``text`` (shown as ``path`` in messages)."""
    loaded = LoadedFile(path)
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
        loaded.locations[()] = Location(path, 1, 1)
        return loaded, []
    diagnostics: list[Diagnostic] = []
    loaded.data = _plain(node, (), loaded, diagnostics)
    return loaded, diagnostics


def _plain(node, path: Path_, loaded: LoadedFile, diagnostics: list[Diagnostic]):
    here = _location(loaded.path, node.start_mark)
    loaded.locations.setdefault(path, here)
    if isinstance(node, yaml.ScalarNode):
        return unicodedata.normalize("NFC", node.value)
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, path + (i,), loaded, diagnostics) for i, item in enumerate(node.value)]
    result: dict[str, Any] = {}
    first_seen: dict[str, Location] = {}
    for key_node, value_node in node.value:
        key_loc = _location(loaded.path, key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode):
            diagnostics.append(Diagnostic(key_loc, Kind.BAD_VALUE, Message.of("diag_key_not_text")))
            continue
        key = unicodedata.normalize("NFC", key_node.value)
        if key in first_seen:
            diagnostics.append(
                Diagnostic(
                    key_loc,
                    Kind.DUPLICATE_KEY,
                    Message.of("diag_duplicate_key", key=key, line=first_seen[key].line),
                )
            )
            continue
        first_seen[key] = key_loc
        loaded.locations[path + (key,)] = key_loc
        result[key] = _plain(value_node, path + (key,), loaded, diagnostics)
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
    text, problems = decode(file.read_bytes(), shown_as)
    if text is None:
        return LoadedFile(shown_as), problems
    return load_text(text, shown_as)
