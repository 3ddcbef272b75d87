"""Plans made up for tests and benchmarks, written as real YAML data files.

``write_plan`` writes a complete plan_data/ folder from plain dicts, with
PyYAML's safe dumper (so any string is quoted correctly), in the same layout
as the real data.
"""

from __future__ import annotations

from pathlib import Path

import yaml


def text(vi: str, en: str | None = None) -> dict:
    return {"vi": vi, "en": vi if en is None else en}


def agency(ident: str, name_vi: str, name_en: str | None = None, note: str | None = None) -> dict:
    record = {
        "id": ident,
        "name": text(name_vi, name_en),
        "short": text(name_vi, name_en),
        "kind": "department",
        "level": "provincial",
    }
    if note is not None:
        record["note"] = text(note)
    return record


def topic(ident: str, name: str) -> dict:
    return {"id": ident, "name": text(name), "description": text(name)}


def duty(number: str, lead: str, topic_id: str, body: str, coordinating: str | None = None, note: bool = True) -> dict:
    """A duty whose every text field holds ``body``."""
    record = {
        "number": number,
        "label": number.split(".", 1)[1] + ".",
        "task": text(body),
        "lead": [{"as_printed": text(body), "agencies": [{"agency": lead}]}],
        "results": [text(body)],
        "deadline": {"as_printed": text(body), "kind": "annual"},
        "topics": [topic_id],
    }
    if coordinating:
        record["coordination"] = [
            {"as_printed": text(body), "agencies": [{"agency": coordinating, "role": "requested"}]}
        ]
    if note:
        record["notes"] = [{"kind": "source_wording", "as_printed": body, "text": text(body)}]
    return record


def write_plan(folder: Path, sections: list[dict], agencies: list[dict], topics: list[dict], legal=()) -> Path:
    """Write plan_data/ in ``folder``; each section dict holds section, slug, label, heading, duties."""
    data = folder / "plan_data"
    (data / "sections").mkdir(parents=True, exist_ok=True)

    def dump(path: Path, value) -> None:
        path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=1_000_000), encoding="utf-8")

    letters = [s["section"] for s in sections]
    dump(
        data / "plan.yaml",
        {
            "title": text("Kế hoạch thử", "A test plan"),
            "province": text("An Giang"),
            "convention": text("Công ước chống tra tấn", "Convention against Torture"),
            "featured_section": letters[0],
            "sections": letters,
        },
    )
    dump(data / "agencies.yaml", {"agencies": agencies})
    dump(data / "topics.yaml", {"topics": topics})
    dump(data / "legal_documents.yaml", {"legal_documents": list(legal)})
    for section in sections:
        dump(data / "sections" / f"{section['slug']}.yaml", section)
    return data


def scaled_plan(folder: Path, factor: int) -> Path:
    """A plan shaped like the real one (47 duties, 25 agencies, 19 topics), ``factor`` times larger."""
    from generator.data.validate import load_plan

    real = load_plan(Path(__file__).resolve().parent.parent / "plan_data")
    agencies, topics, sections = [], [], []
    for copy in range(factor):
        for a in real.agencies.values():
            agencies.append(agency(f"{a.id}-{copy}", f"{a.name.vi} {copy}", f"{a.name.en} {copy}"))
        for t in real.topics.values():
            topics.append(topic(f"{t.id}-{copy}", f"{t.name.vi} {copy}"))
    agency_ids = [a["id"] for a in agencies]
    topic_ids = [t["id"] for t in topics]
    letters = "ABCDEGHIKLMNOPQRSTUVXY"
    for s, section in enumerate(real.sections):
        duties = []
        for copy in range(factor):
            for d, original in enumerate(section.duties):
                n = copy * len(section.duties) + d + 1
                i = (s * 7 + n) % len(agency_ids)
                duties.append(
                    duty(
                        f"{letters[s]}.I.{n}",
                        agency_ids[i],
                        topic_ids[(s + n) % len(topic_ids)],
                        original.task.vi,
                        coordinating=agency_ids[(i + 1) % len(agency_ids)],
                        note=False,
                    )
                )
        sections.append(
            {
                "section": letters[s],
                "slug": letters[s].lower(),
                "label": f"{letters[s]}.",
                "heading": text(section.heading.vi, section.heading.en),
                "groups": [{"number": f"{letters[s]}.I", "label": "I.", "heading": text(section.heading.vi)}],
                "duties": duties,
            }
        )
    return write_plan(folder, sections, agencies, topics)
