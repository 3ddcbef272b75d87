"""Located, named problems found in the plan data.

Every problem the loader or the validator finds becomes a :class:`Diagnostic`
with a file, a line, a column and a :class:`Kind`. They are collected, never
raised one by one, so that a maintainer sees every mistake of a run at once.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import PurePosixPath


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
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{self.location}: {prefix}{self.message}"


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
