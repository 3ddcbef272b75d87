"""From loaded YAML files to a validated :class:`~generator.model.Plan`.

All problems are collected as located diagnostics before anything fails:
schema errors (from pydantic), references between files, duplicates,
numbering, invisible characters. Cross-file checks run on the loaded data, so
a broken field in one duty does not hide an unknown agency in another.
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
    owned,
)
from .load import LoadedFile, load_file
from .messages import (
    _dotted,
    _owner,
    _reference,
    validate_file,
)
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

#: Characters that must never hide in the data: controls (but tab and newline),
#: zero-width and joiner characters, bidirectional overrides, byte-order marks.
_ALLOWED_CONTROLS = {"\n", "\t"}


@dataclass
class _Files:
    plan: LoadedFile | None = None
    agencies: LoadedFile | None = None
    topics: LoadedFile | None = None
    legal: LoadedFile | None = None
    sections: list[LoadedFile] = field(default_factory=list)
    unreadable_sections: int = 0

    def all(self) -> Iterator[LoadedFile]:
        for f in (self.plan, self.agencies, self.topics, self.legal, *self.sections):
            if f is not None:
                yield f


def check(data_dir: Path, root: Path | None = None) -> tuple[Plan | None, list[Diagnostic]]:
    """Load and validate the data in ``data_dir``.

    Returns the plan (``None`` if there is any error) and every diagnostic,
    warnings included. Paths in messages are shown relative to ``root``
    (by default the folder that holds ``data_dir``).
    """
    data_dir = Path(data_dir)
    root = Path(root) if root else data_dir.parent
    diagnostics: list[Diagnostic] = []
    files = _read_all(data_dir, root, diagnostics)
    for loaded in files.all():
        _check_invisible(loaded, diagnostics)
    registries = _Registries.collect(files, diagnostics)
    for loaded in files.sections:
        _resolve_agency_names(loaded, registries)
    _check_sections(files, registries, diagnostics)
    tracking = _check_tracking(data_dir, root, files, registries, diagnostics)

    models = _build_models(files, diagnostics)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors or models is None or tracking is None:
        return None, _sorted(diagnostics)
    models = dataclasses.replace(models, activities=tracking.activities, assessments=tracking.assessments)
    return models, _sorted(diagnostics)


def _check_tracking(data_dir: Path, root: Path, files: _Files, registries: "_Registries", diagnostics):
    """The activity records and assessments (optional files), checked against the plan."""
    tracking_files = read_tracking(data_dir, root, diagnostics)
    for loaded in tracking_files.all():
        _check_invisible(loaded, diagnostics)
    years = raw_plan_years(files.sections)
    check_references(tracking_files, raw_duty_numbers(files.sections), registries.agencies, years, diagnostics)
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


def _read_all(data_dir: Path, root: Path, diagnostics: list[Diagnostic]) -> _Files:
    files = _Files()
    if not data_dir.is_dir():
        diagnostics.append(
            Diagnostic(Location(display_path(data_dir, root)), Kind.MISSING_FIELD, Message.of("diag_no_data_folder"))
        )
        return files

    def read(path: Path) -> LoadedFile | None:
        shown = display_path(path, root)
        if not path.is_file():
            diagnostics.append(Diagnostic(Location(shown), Kind.MISSING_FIELD, Message.of("diag_file_missing")))
            return None
        loaded, problems = load_file(path, shown)
        diagnostics.extend(problems)
        return loaded if not problems or loaded.data is not None else None

    files.plan = read(data_dir / PLAN_FILE)
    files.agencies = read(data_dir / AGENCIES_FILE)
    files.topics = read(data_dir / TOPICS_FILE)
    files.legal = read(data_dir / LEGAL_FILE)
    section_dir = data_dir / SECTIONS_DIR
    section_files = sorted(section_dir.glob("*.yaml")) if section_dir.is_dir() else []
    if not section_files:
        diagnostics.append(
            Diagnostic(
                Location(display_path(section_dir, root)), Kind.MISSING_FIELD, Message.of("diag_no_section_files")
            )
        )
    for path in section_files:
        loaded = read(path)
        if loaded is not None:
            files.sections.append(loaded)
        else:
            files.unreadable_sections += 1
    return files


def _strings(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, path + (i,))


def _check_invisible(loaded: LoadedFile, diagnostics: list[Diagnostic]) -> None:
    for path, text in _strings(loaded.data):
        for char in text:
            category = unicodedata.category(char)
            if (category == "Cc" and char not in _ALLOWED_CONTROLS) or category in ("Cf", "Co", "Cs"):
                name = unicodedata.name(char, None) or Message.of("diag_control_character")
                owner = _owner(path, loaded)
                message = Message.of(
                    "diag_invisible", code=f"{ord(char):04X}", name=name, field=_dotted(path[2:] if owner else path)
                )
                diagnostics.append(Diagnostic(loaded.locate(path), Kind.INVISIBLE_CHARACTER, owned(owner, message)))
                break


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

    @classmethod
    def collect(cls, files: _Files, diagnostics: list[Diagnostic]) -> "_Registries":
        reg = cls()
        reg.agencies = _ids(files.agencies, "agencies", "agency", diagnostics)
        reg.topics = _ids(files.topics, "topics", "topic", diagnostics)
        reg.legal = _ids(files.legal, "legal_documents", "legal_document", diagnostics)
        if files.agencies is not None:
            for i, agency in enumerate(_list(files.agencies.data, "agencies")):
                if not isinstance(agency, dict) or not isinstance(agency.get("id"), str):
                    continue
                names = [agency.get("name", {}).get("vi")] if isinstance(agency.get("name"), dict) else []
                names += [a for a in agency.get("aliases", []) or [] if isinstance(a, str)]
                for name in names:
                    if isinstance(name, str):
                        reg.agency_names.setdefault(name_key(name), agency["id"])
        if files.legal is not None:
            for i, doc in enumerate(_list(files.legal.data, "legal_documents")):
                if isinstance(doc, dict) and isinstance(doc.get("issuer"), str):
                    where = files.legal.locate(("legal_documents", i, "issuer"))
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


def _resolve_agency_names(loaded: LoadedFile, reg: _Registries) -> None:
    """Let an agency be named by its Vietnamese name or an alias instead of its id."""
    for duty in _list(loaded.data, "duties"):
        if not isinstance(duty, dict):
            continue
        holders = [h for _, h in _agency_fields(duty)]
        deadline = duty.get("deadline")
        if isinstance(deadline, dict):
            holders.append(deadline)
        for holder in holders:
            key = "agency" if "agency" in holder else "by"
            value = holder.get(key)
            if isinstance(value, str) and value not in reg.agencies and not _ID.match(value):
                resolved = reg.agency_names.get(name_key(value))
                if resolved:
                    holder[key] = resolved


def _check_sections(files: _Files, reg: _Registries, diagnostics: list[Diagnostic]) -> None:
    duty_numbers: dict[str, Location] = {}
    slugs: dict[str, tuple[str, Location]] = {}
    section_letters: dict[str, Location] = {}
    used_agencies: set[str] = set()
    used_topics: set[str] = set()
    used_legal: set[str] = set()

    for loaded in files.sections:
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
                value = holder.get("agency")
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
                    if _reference(deadline["by"], reg.agencies, "agency", where, diagnostics):
                        used_agencies.add(deadline["by"])
                if "legal_document" in deadline:
                    where = loaded.locate(("duties", i, "deadline", "legal_document"))
                    if _reference(deadline["legal_document"], reg.legal, "legal document", where, diagnostics):
                        used_legal.add(deadline["legal_document"])

    for doc in used_legal:
        issuer = reg.legal_issuers.get(doc)
        if issuer:
            used_agencies.add(issuer[0])

    if files.plan is not None and isinstance(files.plan.data, dict) and not files.unreadable_sections:
        order = files.plan.data.get("sections")
        for j, letter in enumerate(order if isinstance(order, list) else []):
            _reference(letter, section_letters, "section", files.plan.locate(("sections", j)), diagnostics)
        listed = set(order) if isinstance(order, list) else set()
        for letter, where in section_letters.items():
            if letter not in listed:
                diagnostics.append(
                    Diagnostic(
                        where,
                        Kind.UNKNOWN_REFERENCE,
                        Message.of("diag_section_not_listed", letter=letter, file=files.plan.path),
                    )
                )
        featured = files.plan.data.get("featured_section")
        if isinstance(featured, str):
            _reference(featured, section_letters, "section", files.plan.locate(("featured_section",)), diagnostics)

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


def _build_models(files: _Files, diagnostics: list[Diagnostic]) -> Plan | None:
    info = validate_file(PlanInfo, files.plan, diagnostics)
    agencies = validate_file(AgenciesFile, files.agencies, diagnostics)
    topics = validate_file(TopicsFile, files.topics, diagnostics)
    legal = validate_file(LegalDocumentsFile, files.legal, diagnostics)
    sections = [validate_file(Section, f, diagnostics) for f in files.sections]
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
