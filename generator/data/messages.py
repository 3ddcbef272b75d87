"""Messages for problems in data files, shared by every checker of the data.

A schema error from pydantic becomes a located :class:`Diagnostic` that names the
field as a maintainer sees it ("duty C.V.1.2: missing field 'task'"); an unknown
reference suggests the closest known id.
"""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from ..text.folding import slugify
from .diagnostics import Diagnostic, Kind, Location
from .load import LoadedFile


def _suggest(value: str, known) -> str:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""



def _reference(value: Any, known: dict, what: str, where: Location, diagnostics: list[Diagnostic]) -> bool:
    if not isinstance(value, str) or value in known:
        return True
    diagnostics.append(Diagnostic(where, Kind.UNKNOWN_REFERENCE, f"unknown {what} '{value}'{_suggest(value, known)}"))
    return False



def _drop_empty(node: Any) -> Any:
    """An empty value (``key:`` with nothing after it) counts as absent."""
    if isinstance(node, dict):
        return {k: _drop_empty(v) for k, v in node.items() if v != ""}
    if isinstance(node, list):
        return [_drop_empty(v) for v in node]
    return node



def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out



_OWNERS = {
    "duties": ("duty", "number"),
    "groups": ("group", "number"),
    "agencies": ("agency", "id"),
    "topics": ("topic", "id"),
    "legal_documents": ("legal document", "id"),
    "activities": ("activity", "id"),
    "assessments": ("assessment", "duty"),
}



def _owner(path: tuple, loaded: LoadedFile) -> str:
    """'duty C.V.1.2: ' when ``path`` lies inside a duty (group, agency...) that is named."""
    if len(path) >= 2 and path[0] in _OWNERS and isinstance(path[1], int):
        what, key = _OWNERS[path[0]]
        items = loaded.data.get(path[0]) if isinstance(loaded.data, dict) else None
        if isinstance(items, list) and path[1] < len(items) and isinstance(items[path[1]], dict):
            name = items[path[1]].get(key)
            if isinstance(name, str):
                return f"{what} {name}: "
    return ""



def _schema_diagnostic(error: dict, loaded: LoadedFile) -> Diagnostic:
    path = tuple(error["loc"])
    name = next((p for p in reversed(path) if isinstance(p, str)), "")
    owner = _owner(path, loaded)
    dotted = _dotted(path[2:] if owner else path)
    kind_of_error = error["type"]
    value = error.get("input")
    kind = Kind.BAD_VALUE
    if kind_of_error == "missing" or (kind_of_error == "string_too_short" and name != ""):
        kind = Kind.MISSING_FIELD
        if name == "vi":
            message = f"missing Vietnamese text '{dotted}'"
        elif name == "en":
            message = f"missing English text '{dotted}'"
        else:
            message = f"missing field '{dotted}'"
    elif kind_of_error == "extra_forbidden":
        kind = Kind.UNKNOWN_FIELD
        message = f"unknown field '{dotted}'"
    elif kind_of_error == "too_short":
        kind = Kind.MISSING_FIELD
        least = (error.get("ctx") or {}).get("min_length", 1)
        message = f"'{dotted}' needs at least one entry" if least == 1 else f"'{dotted}' needs at least {least} entries"
    elif kind_of_error == "literal_error":
        message = f"'{dotted}' is '{value}'; expected {error['ctx']['expected']}"
    elif kind_of_error == "string_pattern_mismatch":
        if name in ("number",):
            message = f"'{dotted}' is '{value}', which is not a number like C.V.1.2"
        elif name in ("section", "featured_section") or (path and path[0] == "sections"):
            message = f"'{dotted}' is '{value}', which is not a section letter"
        else:
            message = f"'{dotted}' is '{value}', which is not an id (lower-case letters, digits and hyphens)"
            suggestion = slugify(str(value))
            if suggestion and suggestion != value:
                message += f"; did you mean '{suggestion}'?"
    elif kind_of_error in ("int_parsing", "int_from_float"):
        message = f"'{dotted}' is '{value}', which is not a whole number"
    elif kind_of_error in ("greater_than_equal", "less_than_equal"):
        message = f"'{dotted}' is {value}, out of range ({error['msg'].lower()})"
    elif kind_of_error.startswith("date_"):
        message = f"'{dotted}' is '{value}', which is not a date (YYYY-MM-DD)"
    elif kind_of_error == "bool_parsing":
        message = f"'{dotted}' is '{value}'; expected true or false"
    elif kind_of_error in ("dict_type", "model_type"):
        message = f"'{dotted}' must be a mapping of fields"
    elif kind_of_error in ("tuple_type", "list_type"):
        message = f"'{dotted}' must be a list"
    elif kind_of_error == "string_type":
        message = f"'{dotted}' must be text"
    elif kind_of_error == "reserved_name":
        message = f"'{dotted}' is '{value}', a reserved file name on Windows; choose another id"
    elif kind_of_error == "deadline":
        kind = Kind.BAD_DEADLINE
        message = f"bad deadline: {error['msg']}"
        if error.get("ctx", {}).get("field"):
            path = path + (error["ctx"]["field"],)
    elif kind_of_error == "value_error":
        message = error["msg"].removeprefix("Value error, ")
    else:
        message = f"'{dotted}': {error['msg']}"
    return Diagnostic(loaded.locate(path), kind, owner + message)


def validate_file(
    model: type[BaseModel], loaded: LoadedFile | None, diagnostics: list[Diagnostic], to_diagnostic=None
):
    """``loaded``'s data as ``model``, or None with every problem added to ``diagnostics``
    (each made by ``to_diagnostic``, by default :func:`_schema_diagnostic`)."""
    if loaded is None:
        return None
    to_diagnostic = to_diagnostic or _schema_diagnostic
    data = loaded.data if loaded.data is not None else {}
    if not isinstance(data, dict):
        diagnostics.append(Diagnostic(loaded.locate(()), Kind.BAD_VALUE, "the file must hold a mapping of fields"))
        return None
    try:
        return model.model_validate(_drop_empty(data))
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        for error in errors:
            loc = tuple(error["loc"])
            if error["type"] == "too_short" and any(
                e is not error and tuple(e["loc"])[: len(loc)] == loc for e in errors
            ):
                continue  # a list "too short" only because its broken entries were dropped
            diagnostics.append(to_diagnostic(error, loaded))
        return None
