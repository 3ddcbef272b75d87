"""JSON Schemas of the data files, generated from the models.

They are committed in ``plan_data/schema/`` and named on the first line of each
YAML file, so that an editor (VS Code with the YAML extension) checks a file
while a maintainer types. ``python -m generator schema`` regenerates them; a
test fails when the committed ones are stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from .model import AgenciesFile, LegalDocumentsFile, PlanInfo, Section, TopicsFile
from .tracking import ActivitiesFile, AssessmentsFile

SCHEMAS = {
    "plan.schema.json": (PlanInfo, "plan.yaml: the plan as a whole"),
    "section.schema.json": (Section, "sections/*.yaml: one section of the plan's table"),
    "agencies.schema.json": (AgenciesFile, "agencies.yaml: every agency the table names"),
    "topics.schema.json": (TopicsFile, "topics.yaml: the topics duties are tagged with"),
    "legal_documents.schema.json": (LegalDocumentsFile, "legal_documents.yaml: the documents the plan cites"),
    "activities.schema.json": (ActivitiesFile, "activities/*.yaml: what was done, one file per year"),
    "assessments.schema.json": (AssessmentsFile, "assessments.yaml: completion per duty and reporting year"),
}


def render_schemas() -> dict[str, str]:
    """File name -> JSON text of each schema."""
    out = {}
    for name, (model, title) in SCHEMAS.items():
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
        schema["title"] = title
        out[name] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    return out


def write_schemas(folder: Path) -> list[Path]:
    """Write the schemas into ``folder``; return the files that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in render_schemas().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
