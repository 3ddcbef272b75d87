"""Located, named problems found in the plan data.

Every problem the loader or the validator finds becomes a :class:`Diagnostic`
with a file, a line, a column and a :class:`Kind`. They are collected, never
raised one by one, so that a maintainer sees every mistake of a run at once.

A diagnostic's words are a :class:`Message`: a key of the string table
(``diag_*`` in generator/text/strings.py) and its values. The data layer never
chooses a language: whoever shows the diagnostic renders it (English by default,
``str()``; :meth:`Diagnostic.render` in another language).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from babel.numbers import format_decimal

from ..text.strings import LOCALES, label

#: The language a message is shown in when none is asked for (logs, exceptions, sorting).
DEFAULT_LANG = "en"


class Quantity(int):
    """A number shown with the language's digit grouping (12,345; 12.345)."""


@dataclass(frozen=True)
class Alternatives:
    """Values of which one is expected, joined with the language's "or" ('a', 'b' or 'c')."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Message:
    """A message of the string table: its ``key`` and the values of its placeholders.

    A value that is itself a :class:`Message` (an owner, a suggestion) is rendered in
    the same language; None stands for nothing. Values are data: they fill the table's
    text (``str.format`` with keyword arguments) and are never read as a format.
    """

    key: str
    values: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, key: str, /, **values) -> Message:
        return cls(key, tuple(values.items()))

    def value(self, name: str, default=None):
        return dict(self.values).get(name, default)

    def render(self, lang: str = DEFAULT_LANG) -> str:
        return label(self.key, lang, **{name: _shown(value, lang) for name, value in self.values})

    def __str__(self) -> str:
        return self.render(DEFAULT_LANG)


def _shown(value: Any, lang: str):
    if value is None:
        return ""
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, Quantity):
        return format_decimal(int(value), locale=LOCALES[lang])
    if isinstance(value, Alternatives):
        items = value.items
        if len(items) < 2:
            return "".join(items)
        return label("diag_alternatives", lang, first=", ".join(items[:-1]), last=items[-1])
    return value


def owned(owner: Message | None, message: Message) -> Message:
    """``message`` as said of ``owner`` ("duty C.V.1.2: missing field 'task'"), or as it is."""
    return message if owner is None else Message.of("diag_owned", owner=owner, message=message)


class Kind(enum.Enum):
    """What went wrong. The value is the name shown in summaries and docs."""

    #: The file is not valid YAML (a syntax error).
    YAML_SYNTAX = "yaml-syntax"
    #: The file is not UTF-8, or carries a byte-order mark inside it.
    ENCODING = "encoding"
    #: The file is larger than the loader accepts.
    FILE_TOO_LARGE = "file-too-large"
    #: A key appears twice in the same mapping.
    DUPLICATE_KEY = "duplicate-key"
    #: A YAML anchor, alias or explicit tag (refused: data is plain text).
    UNSAFE_YAML = "unsafe-yaml"
    #: A field the schema requires is absent or empty.
    MISSING_FIELD = "missing-field"
    #: A field the schema does not know.
    UNKNOWN_FIELD = "unknown-field"
    #: A value of the wrong shape or outside the allowed set.
    BAD_VALUE = "bad-value"
    #: A deadline whose fields do not fit its kind.
    BAD_DEADLINE = "bad-deadline"
    #: An id, number or slug used twice.
    DUPLICATE_ID = "duplicate-id"
    #: A reference to an agency, topic, legal document or section that does not exist.
    UNKNOWN_REFERENCE = "unknown-reference"
    #: A duty or group number that does not fit its section or group.
    BAD_NUMBER = "bad-number"
    #: An invisible or control character inside a text.
    INVISIBLE_CHARACTER = "invisible-character"
    #: An agency, topic or legal document that no duty uses (a warning).
    UNUSED = "unused"


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a data file; ``path`` is shown as given (relative to the project)."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line and self.column:
            return f"{self.path}:{self.line}:{self.column}"
        if self.line:
            return f"{self.path}:{self.line}"
        return self.path


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    kind: Kind
    message: Message
    severity: Severity = Severity.ERROR

    def text(self, lang: str = DEFAULT_LANG) -> str:
        """The message alone, in ``lang``."""
        return self.message.render(lang)

    def render(self, lang: str = DEFAULT_LANG) -> str:
        """``file:line:col: message`` in ``lang`` (the location and "warning: " stay as they are)."""
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{self.location}: {prefix}{self.text(lang)}"

    def __str__(self) -> str:
        return self.render(DEFAULT_LANG)


class DataError(Exception):
    """The data has errors; ``diagnostics`` holds every one of them, sorted."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics, key=lambda d: d.location)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def display_path(path, root) -> str:
    """``path`` relative to ``root`` with forward slashes, or as given if outside."""
    try:
        return str(PurePosixPath(path.relative_to(root).as_posix()))
    except ValueError:
        return path.as_posix()
