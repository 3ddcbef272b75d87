"""From loaded YAML files to a validated :class:`~generator.model.Plan`.

All problems are collected as located diagnostics before anything fails:
schema errors (from pydantic), references between files, duplicates,
numbering, invisible characters. Cross-file checks run on the loaded data, so
a broken field in one duty does not hide an unknown agency in another.

What depends on one file alone (parsing it, its invisible characters, its
models) comes from :mod:`generator.data.filecache` when the caller names a cache
folder: after an edit to one file, only that file is parsed and validated again.
The checks across files read each file's outline (the fields they need, with
their places) and cost a pass over those.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterator

from .diagnostics import (
    DataError,
    Diagnostic,
    Kind,
    Location,
    Message,
    Severity,
    display_path,
)
from .filecache import FileEntry, read_entry, store
from .load import LoadedFile, paused_gc
from .messages import _reference
from .model import (
    ID_PATTERN,
    AgenciesFile,
    LegalDocumentsFile,
    Plan,
    PlanInfo,
    Section,
    TopicsFile,
    duty_slug,
)
from .tracking_check import (
    build_tracking,
    check_references,
    raw_duty_numbers,
    raw_plan_years,
    read_tracking,
)

PLAN_FILE = "plan.yaml"
AGENCIES_FILE = "agencies.yaml"
TOPICS_FILE = "topics.yaml"
LEGAL_FILE = "legal_documents.yaml"
SECTIONS_DIR = "sections"

_ID = re.compile(ID_PATTERN)

@dataclass
class _Files:
    """The entries of the plan's files that could be read (an outline each), and every
    entry read, to be stored."""

    plan: FileEntry | None = None
    agencies: FileEntry | None = None
    topics: FileEntry | None = None
    legal: FileEntry | None = None
    sections: list[FileEntry] = field(default_factory=list)
    unreadable_sections: int = 0
    read: list[FileEntry] = field(default_factory=list)

    def all(self) -> Iterator[FileEntry]:
        for f in (self.plan, self.agencies, self.topics, self.legal, *self.sections):
            if f is not None:
                yield f

    def outline(self, name: str) -> LoadedFile | None:
        entry = getattr(self, name)
        return entry.outline if entry is not None else None

    def section_outlines(self) -> list[LoadedFile]:
        return [entry.outline for entry in self.sections]


def check(
    data_dir: Path, root: Path | None = None, cache_dir: Path | None = None
) -> tuple[Plan | None, list[Diagnostic]]:
    """Load and validate the data in ``data_dir``.

    Returns the plan (``None`` if there is any error) and every diagnostic,
    warnings included. Paths in messages are shown relative to ``root``
    (by default the folder that holds ``data_dir``). With a ``cache_dir``, what
    each file gives by itself is kept there and taken back while the file is
    unchanged (:mod:`generator.data.filecache`).
    """
    data_dir = Path(data_dir)
    root = Path(root) if root else data_dir.parent
    cache_dir = Path(cache_dir) if cache_dir is not None else None
    with paused_gc():  # a tree of plain objects and frozen models: no cycles to look for
        return _check(data_dir, root, cache_dir)


def _check(data_dir: Path, root: Path, cache_dir: Path | None) -> tuple[Plan | None, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    files = _read_all(data_dir, root, cache_dir, diagnostics)
    for entry in files.all():
        diagnostics.extend(entry.invisible)
    registries = _Registries.collect(files, diagnostics)
    _check_sections(files, registries, diagnostics)
    tracking_files = read_tracking(data_dir, root, diagnostics, cache_dir)
    tracking = _check_tracking(files, tracking_files, registries, diagnostics)

    models = _build_models(files, registries, diagnostics)
    if cache_dir is not None:
        for entry in (*files.read, *tracking_files.read):
            store(cache_dir, entry)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors or models is None or tracking is None:
        return None, _sorted(diagnostics)
    models = dataclasses.replace(models, activities=tracking.activities, assessments=tracking.assessments)
    return models, _sorted(diagnostics)


def _check_tracking(files: _Files, tracking_files, registries: "_Registries", diagnostics):
    """The activity records and assessments (optional files), checked against the plan."""
    for entry in tracking_files.all():
        diagnostics.extend(entry.invisible)
    sections = files.section_outlines()
    years = raw_plan_years(sections)
    check_references(tracking_files, raw_duty_numbers(sections), registries.agencies, years, diagnostics)
    return build_tracking(tracking_files, diagnostics)


def load_plan(data_dir: Path, root: Path | None = None) -> Plan:
    """The validated plan, or :class:`DataError` listing every error."""
    plan, diagnostics = check(data_dir, root)
    if plan is None:
        raise DataError([d for d in diagnostics if d.severity is Severity.ERROR])
    return plan


def _sorted(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (d.location, d.text()))


# -- reading ----------------------------------------------------------------


def _read_all(data_dir: Path, root: Path, cache_dir: Path | None, diagnostics: list[Diagnostic]) -> _Files:
    files = _Files()
    if not data_dir.is_dir():
        diagnostics.append(
            Diagnostic(Location(display_path(data_dir, root)), Kind.MISSING_FIELD, Message.of("diag_no_data_folder"))
        )
        return files

    def read(path: Path, role: str) -> FileEntry | None:
        shown = display_path(path, root)
        if not path.is_file():
            diagnostics.append(Diagnostic(Location(shown), Kind.MISSING_FIELD, Message.of("diag_file_missing")))
            return None
        entry = read_entry(path, shown, role, cache_dir)
        files.read.append(entry)
        diagnostics.extend(entry.problems)
        return entry if entry.outline is not None else None

    files.plan = read(data_dir / PLAN_FILE, "plan")
    files.agencies = read(data_dir / AGENCIES_FILE, "agencies")
    files.topics = read(data_dir / TOPICS_FILE, "topics")
    files.legal = read(data_dir / LEGAL_FILE, "legal")
    section_dir = data_dir / SECTIONS_DIR
    section_files = sorted(section_dir.glob("*.yaml")) if section_dir.is_dir() else []
    if not section_files:
        diagnostics.append(
            Diagnostic(
                Location(display_path(section_dir, root)), Kind.MISSING_FIELD, Message.of("diag_no_section_files")
            )
        )
    for path in section_files:
        entry = read(path, "section")
        if entry is not None:
            files.sections.append(entry)
        else:
            files.unreadable_sections += 1
    return files


# -- registries and references ---------------------------------------------


def name_key(name: str) -> str:
    """A key under which spelling variants of one Vietnamese name meet.

    Case is folded, and each syllable's tone mark is moved to its end, so
    that the old and new tone placements ("Uỷ"/"Ủy", "Hoà"/"Hòa") agree.
    """
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    syllables = []
    for syllable in unicodedata.normalize("NFD", name.casefold()).split():
        marks = "".join(c for c in syllable if c in tones)
        syllables.append("".join(c for c in syllable if c not in tones) + marks)
    return unicodedata.normalize("NFC", " ".join(syllables))


@dataclass
class _Registries:
    agencies: dict[str, Location] = field(default_factory=dict)
    agency_names: dict[str, str] = field(default_factory=dict)
    topics: dict[str, Location] = field(default_factory=dict)
    legal: dict[str, Location] = field(default_factory=dict)
    legal_issuers: dict[str, tuple[str, Location]] = field(default_factory=dict)

    def resolve(self, value: Any) -> Any:
        """An agency named by its Vietnamese name or an alias: its id; else ``value``."""
        if isinstance(value, str) and value not in self.agencies and not _ID.match(value):
            return self.agency_names.get(name_key(value)) or value
        return value

    @classmethod
    def collect(cls, files: _Files, diagnostics: list[Diagnostic]) -> "_Registries":
        reg = cls()
        agencies, legal = files.outline("agencies"), files.outline("legal")
        reg.agencies = _ids(agencies, "agencies", "agency", diagnostics)
        reg.topics = _ids(files.outline("topics"), "topics", "topic", diagnostics)
        reg.legal = _ids(legal, "legal_documents", "legal_document", diagnostics)
        if agencies is not None:
            for i, agency in enumerate(_list(agencies.data, "agencies")):
                if not isinstance(agency, dict) or not isinstance(agency.get("id"), str):
                    continue
                names = [agency.get("name", {}).get("vi")] if isinstance(agency.get("name"), dict) else []
                names += [a for a in agency.get("aliases", []) or [] if isinstance(a, str)]
                for name in names:
                    if isinstance(name, str):
                        reg.agency_names.setdefault(name_key(name), agency["id"])
        if legal is not None:
            for i, doc in enumerate(_list(legal.data, "legal_documents")):
                if isinstance(doc, dict) and isinstance(doc.get("issuer"), str):
                    where = legal.locate(("legal_documents", i, "issuer"))
                    reg.legal_issuers[str(doc.get("id"))] = (doc["issuer"], where)
                    _reference(doc["issuer"], reg.agencies, "agency", where, diagnostics)
        return reg


def _list(data: Any, key: str) -> list:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def _ids(loaded: LoadedFile | None, key: str, what: str, diagnostics: list[Diagnostic]) -> dict[str, Location]:
    seen: dict[str, Location] = {}
    folded: dict[str, str] = {}
    if loaded is None:
        return seen
    for i, item in enumerate(_list(loaded.data, key)):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        ident, where = item["id"], loaded.locate((key, i, "id"))
        if ident in seen:
            diagnostics.append(
                Diagnostic(
                    where,
                    Kind.DUPLICATE_ID,
                    Message.of(f"diag_duplicate_{what}_id", id=ident, line=seen[ident].line),
                )
            )
            continue
        if ident.casefold() in folded:
            other = folded[ident.casefold()]
            diagnostics.append(
                Diagnostic(
                    where,
                    Kind.DUPLICATE_ID,
                    Message.of(f"diag_case_collision_{what}_id", id=ident, other=other, line=seen[other].line),
                )
            )
            continue
        seen[ident] = where
        folded[ident.casefold()] = ident
    return seen


def _agency_fields(duty: dict) -> Iterator[tuple[tuple, dict]]:
    """(path, holder) of every mapping in a raw duty whose 'agency' names an agency."""
    for cell in ("lead", "coordination"):
        lines = duty.get(cell)
        if not isinstance(lines, list):
            continue
        for i, line in enumerate(lines):
            agencies = line.get("agencies") if isinstance(line, dict) else None
            if isinstance(agencies, list):
                for j, entry in enumerate(agencies):
                    if isinstance(entry, dict):
                        yield (cell, i, "agencies", j, "agency"), entry


def _name_resolutions(data: Any, reg: _Registries) -> tuple[tuple[int, tuple, str, str], ...]:
    """Where a section's duties name an agency by its Vietnamese name or an alias instead
    of its id: (duty index, path of the holder in the duty, key, the agency's id) each."""
    found = []
    for i, duty in enumerate(_list(data, "duties")):
        if not isinstance(duty, dict):
            continue
        holders = [(path[:-1], h) for path, h in _agency_fields(duty)]
        deadline = duty.get("deadline")
        if isinstance(deadline, dict):
            holders.append((("deadline",), deadline))
        for where, holder in holders:
            key = "agency" if "agency" in holder else "by"
            value = holder.get(key)
            resolved = reg.resolve(value)
            if resolved is not value:
                found.append((i, where, key, resolved))
    return tuple(found)


def _apply_resolutions(data: Any, resolutions) -> None:
    """Let an agency be named by its Vietnamese name or an alias instead of its id."""
    for i, where, key, resolved in resolutions:
        holder = data["duties"][i]
        for part in where:
            holder = holder[part]
        holder[key] = resolved


def _check_sections(files: _Files, reg: _Registries, diagnostics: list[Diagnostic]) -> None:
    duty_numbers: dict[str, Location] = {}
    slugs: dict[str, tuple[str, Location]] = {}
    section_letters: dict[str, Location] = {}
    used_agencies: set[str] = set()
    used_topics: set[str] = set()
    used_legal: set[str] = set()

    for loaded in files.section_outlines():
        data = loaded.data if isinstance(loaded.data, dict) else {}
        letter, section_slug = data.get("section"), data.get("slug")
        if not isinstance(letter, str) or not isinstance(section_slug, str):
            continue
        where = loaded.locate(("section",))
        if letter in section_letters:
            diagnostics.append(
                Diagnostic(where, Kind.DUPLICATE_ID, Message.of("diag_section_defined_twice", letter=letter))
            )
            continue
        section_letters[letter] = where

        groups = {}
        for i, group in enumerate(_list(data, "groups")):
            if isinstance(group, dict) and isinstance(group.get("number"), str):
                groups[group["number"]] = loaded.locate(("groups", i, "number"))
        for number, where in groups.items():
            _check_parent(number, "group", letter, groups, where, diagnostics)

        for i, duty in enumerate(_list(data, "duties")):
            if not isinstance(duty, dict):
                continue
            number = duty.get("number")
            if isinstance(number, str):
                where = loaded.locate(("duties", i, "number"))
                if number in duty_numbers:
                    diagnostics.append(
                        Diagnostic(
                            where,
                            Kind.DUPLICATE_ID,
                            Message.of("diag_duplicate_duty_number", number=number, first=str(duty_numbers[number])),
                        )
                    )
                else:
                    duty_numbers[number] = where
                    if number in groups:
                        diagnostics.append(
                            Diagnostic(where, Kind.DUPLICATE_ID, Message.of("diag_group_and_duty", number=number))
                        )
                    _check_parent(number, "duty", letter, groups, where, diagnostics)
                    slug = duty_slug(number, section_slug).casefold()
                    if slug in slugs:
                        other, other_where = slugs[slug]
                        diagnostics.append(
                            Diagnostic(
                                where,
                                Kind.DUPLICATE_ID,
                                Message.of(
                                    "diag_same_page_name", number=number, slug=slug, other=other, first=str(other_where)
                                ),
                            )
                        )
                    else:
                        slugs[slug] = (number, where)

            for path, holder in _agency_fields(duty):
                value = reg.resolve(holder.get("agency"))
                if _reference(value, reg.agencies, "agency", loaded.locate(("duties", i, *path)), diagnostics):
                    used_agencies.add(value)
            topics = duty.get("topics") if isinstance(duty.get("topics"), list) else []
            for j, topic in enumerate(topics):
                if _reference(topic, reg.topics, "topic", loaded.locate(("duties", i, "topics", j)), diagnostics):
                    used_topics.add(topic)
            docs = duty.get("legal_documents") if isinstance(duty.get("legal_documents"), list) else []
            for j, doc in enumerate(docs):
                where = loaded.locate(("duties", i, "legal_documents", j))
                if _reference(doc, reg.legal, "legal document", where, diagnostics):
                    used_legal.add(doc)
            deadline = duty.get("deadline")
            if isinstance(deadline, dict):
                if "by" in deadline:
                    where = loaded.locate(("duties", i, "deadline", "by"))
                    # a name is resolved where the deadline says "by" (not "agency", an unknown field)
                    by = deadline["by"] if "agency" in deadline else reg.resolve(deadline["by"])
                    if _reference(by, reg.agencies, "agency", where, diagnostics):
                        used_agencies.add(by)
                if "legal_document" in deadline:
                    where = loaded.locate(("duties", i, "deadline", "legal_document"))
                    if _reference(deadline["legal_document"], reg.legal, "legal document", where, diagnostics):
                        used_legal.add(deadline["legal_document"])

    for doc in used_legal:
        issuer = reg.legal_issuers.get(doc)
        if issuer:
            used_agencies.add(issuer[0])

    plan = files.outline("plan")
    if plan is not None and isinstance(plan.data, dict) and not files.unreadable_sections:
        order = plan.data.get("sections")
        for j, letter in enumerate(order if isinstance(order, list) else []):
            _reference(letter, section_letters, "section", plan.locate(("sections", j)), diagnostics)
        listed = set(order) if isinstance(order, list) else set()
        for letter, where in section_letters.items():
            if letter not in listed:
                diagnostics.append(
                    Diagnostic(
                        where,
                        Kind.UNKNOWN_REFERENCE,
                        Message.of("diag_section_not_listed", letter=letter, file=plan.path),
                    )
                )
        featured = plan.data.get("featured_section")
        if isinstance(featured, str):
            _reference(featured, section_letters, "section", plan.locate(("featured_section",)), diagnostics)

    if diagnostics and any(d.severity is Severity.ERROR for d in diagnostics):
        return  # "unused" would only repeat what the errors already say
    for key, known, used in (
        ("diag_unused_agency", reg.agencies, used_agencies),
        ("diag_unused_topic", reg.topics, used_topics),
        ("diag_unused_legal_document", reg.legal, used_legal),
    ):
        for ident, where in known.items():
            if ident not in used:
                diagnostics.append(Diagnostic(where, Kind.UNUSED, Message.of(key, id=ident), Severity.WARNING))


def _check_parent(
    number: str, what: str, letter: str, groups: dict, where: Location, diagnostics: list[Diagnostic]
) -> None:
    if not number.startswith(letter + "."):
        diagnostics.append(
            Diagnostic(where, Kind.BAD_NUMBER, Message.of(f"diag_{what}_outside_section", number=number, letter=letter))
        )
        return
    parent = number.rsplit(".", 1)[0]
    if parent != letter and parent not in groups:
        diagnostics.append(
            Diagnostic(
                where,
                Kind.BAD_NUMBER,
                Message.of(f"diag_{what}_under_no_group", number=number, parent=parent, letter=letter),
            )
        )


# -- schema validation ---------------------------------------------------------


def _model(entry: FileEntry | None, model_type, diagnostics: list[Diagnostic], key: tuple = (), prepare=None):
    if entry is None:
        return None
    model = entry.model_of(model_type, key, prepare)
    diagnostics.extend(entry.schema)
    return model


def _build_models(files: _Files, reg: _Registries, diagnostics: list[Diagnostic]) -> Plan | None:
    info = _model(files.plan, PlanInfo, diagnostics)
    agencies = _model(files.agencies, AgenciesFile, diagnostics)
    topics = _model(files.topics, TopicsFile, diagnostics)
    legal = _model(files.legal, LegalDocumentsFile, diagnostics)
    sections = []
    for entry in files.sections:
        # a section's models hold agency ids where its duties name agencies by name
        resolutions = _name_resolutions(entry.outline.data, reg)
        prepare = (lambda data, found=resolutions: _apply_resolutions(data, found)) if resolutions else None
        sections.append(_model(entry, Section, diagnostics, resolutions, prepare))
    if None in (info, agencies, topics, legal) or None in sections:
        return None
    by_letter = {s.section: s for s in sections}
    ordered = tuple(by_letter[letter] for letter in info.sections if letter in by_letter)
    return Plan(
        info=info,
        sections=ordered,
        agencies=MappingProxyType({a.id: a for a in agencies.agencies}),
        topics=MappingProxyType({t.id: t for t in topics.topics}),
        legal_documents=MappingProxyType({d.id: d for d in legal.legal_documents}),
    )
