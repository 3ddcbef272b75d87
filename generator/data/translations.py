"""Which English texts are missing or out of date.

When a translator confirms the English of a text, a short fingerprint of its
Vietnamese is recorded in ``plan_data/translations.json`` under the text's
place (``duty C.V.1.2.task``). If the Vietnamese later changes, the
fingerprint no longer matches and the English is reported, and marked on the
site, as possibly out of date until it is confirmed again
(``python -m generator translations --confirm``).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .model import Plan, Text
from .texts import iter_texts

LOCK_FILE = "translations.json"


def fingerprint(vietnamese: str) -> str:
    return hashlib.sha256(unicodedata.normalize("NFC", vietnamese).encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True)
class TextStatus:
    where: str
    file: str
    state: str  # "ok" | "missing" | "outdated"
    text: Text


def file_of(where: str, plan: Plan) -> str:
    """The data file (relative to plan_data/) that holds the text at ``where``."""
    kind, _, rest = where.partition(" ")
    if where.startswith("plan."):
        return "plan.yaml"
    if kind == "agency":
        return "agencies.yaml"
    if kind == "topic":
        return "topics.yaml"
    if kind == "legal":
        return "legal_documents.yaml"
    letter = rest.split(".", 1)[0]
    for section in plan.sections:
        if section.section == letter:
            return f"sections/{section.slug}.yaml"
    return "?"


def read_lock(data_dir: Path) -> dict[str, str] | None:
    """The confirmed fingerprints, or None where translations are not tracked (no lock file)."""
    path = data_dir / LOCK_FILE
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def statuses(plan: Plan, lock: dict[str, str] | None) -> list[TextStatus]:
    out = []
    for where, text, _ in iter_texts(plan):
        if not text.en.strip():
            state = "missing"
        elif lock is not None and lock.get(where) != fingerprint(text.vi):
            state = "outdated"
        else:
            state = "ok"
        out.append(TextStatus(where, file_of(where, plan), state, text))
    return out


@dataclass(frozen=True)
class FileCounts:
    """How many texts a data file holds, and how many lack English or may be out of date."""

    file: str
    texts: int
    missing: int
    outdated: int


def counts_by_file(report: list[TextStatus]) -> list[FileCounts]:
    """The translation state of each data file, in file order."""
    files = sorted({s.file for s in report})
    return [
        FileCounts(
            file,
            sum(s.file == file for s in report),
            sum(s.file == file and s.state == "missing" for s in report),
            sum(s.file == file and s.state == "outdated" for s in report),
        )
        for file in files
    ]


def outdated_texts(plan: Plan, lock: dict[str, str] | None) -> frozenset[tuple[str, str]]:
    """(vi, en) of every text whose English may be out of date: what the site marks."""
    return frozenset((s.text.vi, s.text.en) for s in statuses(plan, lock) if s.state == "outdated")


def confirm(plan: Plan, data_dir: Path) -> int:
    """Record the current Vietnamese of every translated text as confirmed; return how many changed."""
    lock = read_lock(data_dir) or {}
    fresh = {where: fingerprint(text.vi) for where, text, _ in iter_texts(plan) if text.en.strip()}
    changed = sum(1 for where, print_ in fresh.items() if lock.get(where) != print_)
    if changed or set(lock) != set(fresh):
        (data_dir / LOCK_FILE).write_text(json.dumps(fresh, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return changed


@dataclass(frozen=True)
class CatalogueProgress:
    name: str
    translated: int
    total: int


def catalogue_progress(locale_dir: Path, lang: str = "en") -> list[CatalogueProgress]:
    """How much of each gettext catalogue of the hand-written pages is translated."""
    from babel.messages.pofile import read_po

    out = []
    folder = locale_dir / lang / "LC_MESSAGES"
    for path in sorted(folder.rglob("*.po")) if folder.is_dir() else []:
        with path.open("rb") as handle:
            catalogue = read_po(handle)
        messages = [m for m in catalogue if m.id]
        done = sum(1 for m in messages if m.string and not m.fuzzy)
        out.append(CatalogueProgress(str(path.relative_to(folder).with_suffix("")), done, len(messages)))
    return out
