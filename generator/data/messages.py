"""Messages for problems in data files, shared by every checker of the data.

A schema error from pydantic becomes a located :class:`Diagnostic` that names the
field as a maintainer sees it ("duty C.V.1.2: missing field 'task'"); an unknown
reference suggests the closest known id. The words are keys of the string table
(``diag_*``, generator/text/strings.py) with their values, rendered by whoever shows them.
"""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from ..text.folding import slugify
from .diagnostics import Alternatives, Diagnostic, Kind, Location, Message, owned
from .load import LoadedFile


def _suggest(value: str, known) -> Message | None:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return Message.of("diag_did_you_mean", id=close[0]) if close else None


#: What a reference names, as the key of its "unknown ..." message says it.
_UNKNOWN = {
    "agency": "diag_unknown_agency",
    "topic": "diag_unknown_topic",
    "legal document": "diag_unknown_legal_document",
    "section": "diag_unknown_section",
    "duty": "diag_unknown_duty",
}


def _reference(
    value: Any, known: dict, what: str, where: Location, diagnostics: list[Diagnostic], owner: Message | None = None
) -> bool:
    if not isinstance(value, str) or value in known:
        return True
    message = Message.of(_UNKNOWN[what], value=value, suggestion=_suggest(value, known))
    diagnostics.append(Diagnostic(where, Kind.UNKNOWN_REFERENCE, owned(owner, message)))
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
    "duties": ("diag_owner_duty", "number"),
    "groups": ("diag_owner_group", "number"),
    "agencies": ("diag_owner_agency", "id"),
    "topics": ("diag_owner_topic", "id"),
    "legal_documents": ("diag_owner_legal_document", "id"),
    "activities": ("diag_owner_activity", "id"),
    "assessments": ("diag_owner_assessment", "duty"),
}



def _owner(path: tuple, loaded: LoadedFile) -> Message | None:
    """'duty C.V.1.2' when ``path`` lies inside a duty (group, agency...) that is named."""
    if len(path) >= 2 and path[0] in _OWNERS and isinstance(path[1], int):
        key, field = _OWNERS[path[0]]
        items = loaded.data.get(path[0]) if isinstance(loaded.data, dict) else None
        if isinstance(items, list) and path[1] < len(items) and isinstance(items[path[1]], dict):
            name = items[path[1]].get(field)
            if isinstance(name, str):
                return Message.of(key, name=name)
    return None


def _alternatives(expected: str) -> Alternatives | str:
    """pydantic's "'a', 'b' or 'c'" as its items, or as it is if it does not split back."""
    head, sep, last = expected.rpartition(" or ")
    if not sep:
        return expected
    items = (*head.split(", "), last)
    if ", ".join(items[:-1]) + " or " + items[-1] != expected:
        return expected
    return Alternatives(items)


def _schema_message(error: dict, path: tuple, dotted: str) -> tuple[Kind, Message, tuple]:
    """(kind, message, path to show) of a pydantic error, by its type.

    Every type the data can produce has a key of the string table; another type keeps
    pydantic's own (English) text in ``diag_schema_other``."""
    name = next((p for p in reversed(path) if isinstance(p, str)), "")
    kind_of_error = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    kind = Kind.BAD_VALUE

    def say(key: str, **values) -> Message:
        return Message.of(key, field=dotted, **values)

    if kind_of_error == "missing" or (kind_of_error == "string_too_short" and name != ""):
        kind = Kind.MISSING_FIELD
        key = {"vi": "diag_missing_vi", "en": "diag_missing_en"}.get(name, "diag_missing_field")
        message = say(key)
    elif kind_of_error == "extra_forbidden":
        kind = Kind.UNKNOWN_FIELD
        message = say("diag_unknown_field")
    elif kind_of_error == "too_short":
        kind = Kind.MISSING_FIELD
        least = ctx.get("min_length", 1)
        message = say("diag_needs_one_entry") if least == 1 else say("diag_needs_entries", least=least)
    elif kind_of_error in ("literal_error", "enum"):
        message = say("diag_not_expected", value=value, expected=_alternatives(str(ctx.get("expected", ""))))
    elif kind_of_error == "string_pattern_mismatch":
        if name in ("number",):
            message = say("diag_not_duty_number", value=value)
        elif name in ("section", "featured_section") or (path and path[0] == "sections"):
            message = say("diag_not_section_letter", value=value)
        else:
            suggestion = slugify(str(value))
            hint = Message.of("diag_did_you_mean", id=suggestion) if suggestion and suggestion != value else None
            message = say("diag_not_id", value=value, suggestion=hint)
    elif kind_of_error in ("int_parsing", "int_from_float"):
        message = say("diag_not_whole_number", value=value)
    elif kind_of_error == "greater_than_equal":
        message = say("diag_below_minimum", value=value, limit=ctx.get("ge"))
    elif kind_of_error == "less_than_equal":
        message = say("diag_above_maximum", value=value, limit=ctx.get("le"))
    elif kind_of_error.startswith("date_"):
        message = say("diag_not_date", value=value)
    elif kind_of_error == "bool_parsing":
        message = say("diag_not_bool", value=value)
    elif kind_of_error in ("dict_type", "model_type"):
        message = say("diag_not_mapping")
    elif kind_of_error in ("tuple_type", "list_type"):
        message = say("diag_not_list")
    elif kind_of_error == "string_type":
        message = say("diag_not_text")
    elif kind_of_error == "reserved_name":
        message = say("diag_reserved_name", value=value)
    elif kind_of_error == "deadline" and isinstance(ctx.get("message"), Message):
        kind = Kind.BAD_DEADLINE
        message = Message.of("diag_bad_deadline", problem=ctx["message"])
        if ctx.get("field"):
            path = path + (ctx["field"],)
    elif kind_of_error == "value_error":
        message = Message.of("diag_schema_value_error", message=error["msg"].removeprefix("Value error, "))
    else:
        message = say("diag_schema_other", message=error["msg"])
    return kind, message, path


def _schema_diagnostic(error: dict, loaded: LoadedFile) -> Diagnostic:
    path = tuple(error["loc"])
    owner = _owner(path, loaded)
    dotted = _dotted(path[2:] if owner else path)
    kind, message, path = _schema_message(error, path, dotted)
    return Diagnostic(loaded.locate(path), kind, owned(owner, message))


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
        diagnostics.append(Diagnostic(loaded.locate(()), Kind.BAD_VALUE, Message.of("diag_file_not_mapping")))
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
