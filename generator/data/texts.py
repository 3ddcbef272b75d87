"""Every bilingual text of the plan, with a name saying where it is.

Used by the summary of ``check``, the translation report and the fidelity
tests, so that "every text" means the same thing everywhere.
"""

from __future__ import annotations

from typing import Iterator

from pydantic import BaseModel

from .model import Plan, Text


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
