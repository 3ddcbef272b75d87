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


#: Activity kinds in the order synthetic records cycle through them, with the figure each gives.
_ACTIVITY_KINDS = [
    ("training_course", "participants", 40),
    ("conference_or_workshop", "participants", 70),
    ("publication_or_media", "copies", 1000),
    ("broadcast", "broadcasts", 4),
    ("inspection", "inspections", 2),
    ("report_submitted", None, 0),
    ("legal_document_issued", None, 0),
    ("other", None, 0),
]


def activities_for(number: str, agency_id: str, count: int, years: tuple[int, int] = (2023, 2025)) -> list[dict]:
    """``count`` made-up activity records of duty ``number``, over ``years``, every kind and date precision."""
    slug = number.lower().replace(".", "-")
    span = years[1] - years[0] + 1
    records = []
    for k in range(count):
        kind, unit, value = _ACTIVITY_KINDS[k % len(_ACTIVITY_KINDS)]
        year = years[0] + k % span
        month = 1 + (k * 5) % 12
        date = [f"{year}-{month:02d}-{1 + k % 28:02d}", f"{year}-{month:02d}", str(year)][k % 3]
        if k % 7 == 6:
            date = {"from": f"{year}-{month:02d}", "to": f"{year}-12"}
        record = {
            "id": f"{slug}-{k}",
            "duties": [number],
            "agencies": [agency_id],
            "kind": kind,
            "date": date,
            "title": text(f"Hoạt động {k} của nhiệm vụ {number}", f"Activity {k} of duty {number}"),
            "summary": text("Hội nghị, tập huấn, tin bài về phòng, chống tra tấn.", "Made up for tests."),
            "source": {"url": f"https://example.org/{slug}/{k}"},
            "recorded": f"{year}-12-31",
        }
        if unit:
            record["figures"] = [{"value": value + k, "unit": unit}]
        records.append(record)
    return records


def write_activities(folder: Path, records: list[dict]) -> None:
    """Write ``records`` into plan_data/activities/<year>.yaml, by the year each starts in."""
    by_year: dict[str, list[dict]] = {}
    for record in records:
        start = record["date"]["from"] if isinstance(record["date"], dict) else record["date"]
        by_year.setdefault(start[:4], []).append(record)
    target = folder / "plan_data" / "activities"
    target.mkdir(parents=True, exist_ok=True)
    for year, items in sorted(by_year.items()):
        (target / f"{year}.yaml").write_text(
            yaml.safe_dump({"activities": items}, allow_unicode=True, sort_keys=False, width=1_000_000),
            encoding="utf-8",
        )


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


def scaled_plan(folder: Path, factor: int, activities_per_duty: int = 10) -> Path:
    """A plan shaped like the real one (47 duties, 25 agencies, 19 topics), ``factor`` times larger.

    Every fifth duty has a 2023 - 2025 deadline (so the plan has years), the others are annual;
    each duty has ``activities_per_duty`` made-up activity records over 2023-2025.
    """
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
    records: list[dict] = []
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
                if n % 5 == 1:
                    duties[-1]["deadline"] = {"as_printed": text("2023 - 2025"), "kind": "year_range", "start": "2023", "end": "2025"}
                records += activities_for(f"{letters[s]}.I.{n}", agency_ids[i], activities_per_duty)
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
    data = write_plan(folder, sections, agencies, topics)
    write_activities(folder, records)
    return data
