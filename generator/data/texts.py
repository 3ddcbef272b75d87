"""Every bilingual text of the plan, with a name saying where it is.

Used by the summary of ``check``, the translation report and the fidelity
tests, so that "every text" means the same thing everywhere.
"""

from __future__ import annotations

from typing import Iterator

from pydantic import BaseModel

from ..text.strings import label
from .model import Plan, Text

#: The owners a text's ``where`` starts with, and the keys that say them in a language.
_OWNER_KEYS = (
    ("legal document ", "diag_owner_legal_document"),
    ("section ", "diag_owner_section"),
    ("group ", "diag_owner_group"),
    ("duty ", "diag_owner_duty"),
    ("agency ", "diag_owner_agency"),
    ("topic ", "diag_owner_topic"),
)


def where_label(where: str, lang: str) -> str:
    """``where`` (as :func:`iter_texts` names a text: "duty C.V.1.task") as shown in ``lang``
    ("nhiệm vụ C.V.1.task"): the owner in words, the field names as in the files. ``where``
    itself stays the same in every language (the translation lock file is keyed by it)."""
    for prefix, key in _OWNER_KEYS:
        if where.startswith(prefix):
            name, dot, rest = where[len(prefix):].partition(".")
            return label(key, lang, name=name) + dot + rest
    return where


def _walk(record, where: str, plan_text: bool) -> Iterator[tuple[str, Text, bool]]:
    if isinstance(record, Text):
        yield where, record, plan_text
    elif isinstance(record, BaseModel):
        for name in type(record).model_fields:
            # Notes, topic descriptions, agency names and the readings of an ambiguous
            # deadline are the project's own words.
            own = name in ("notes", "note", "description", "readings") or not plan_text
            yield from _walk(getattr(record, name), f"{where}.{name}", plan_text and not own)
    elif isinstance(record, tuple):
        for i, item in enumerate(record):
            yield from _walk(item, f"{where}[{i}]", plan_text)


def iter_texts(plan: Plan) -> Iterator[tuple[str, Text, bool]]:
    """(where, text, is_plan_text) for every text; plan texts are the adopted wording."""
    yield from _walk(plan.info, "plan", False)
    for section in plan.sections:
        yield from _walk(section.heading, f"section {section.section}.heading", True)
        for note in section.notes:
            yield from _walk(note, f"section {section.section}.notes", False)
        for group in section.groups:
            yield from _walk(group, f"group {group.number}", True)
        for duty in section.duties:
            yield from _walk(duty, f"duty {duty.number}", True)
    for agency in plan.agencies.values():
        yield from _walk(agency, f"agency {agency.id}", False)
    for topic in plan.topics.values():
        yield from _walk(topic, f"topic {topic.id}", False)
    for doc in plan.legal_documents.values():
        # A document's cited_as and subject quote the plan.
        yield from _walk(doc, f"legal document {doc.id}", True)

def untranslated(plan: Plan) -> list[str]:
    """Where a text has no English yet."""
    return [where for where, text, _ in iter_texts(plan) if not text.en.strip()]
