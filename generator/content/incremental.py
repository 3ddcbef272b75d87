"""Which pages an edit can change, so that a rebuild works out only those.

The edit a maintainer makes most often changes a duty's words: its task, its
results, a deadline or a note as printed, their English. Such an edit changes
neither which pages exist nor how long listings are split (that follows the
plan's *frame*: everything but the duties' words). It changes the pages that
show the duty: its own page and every page that links to it (a listing, an
agency's or a topic's page, a report shows a duty's words as a link to its
page), and the pages that sum up the whole plan (:data:`WHOLE_PLAN_KINDS`).

A build keeps a :class:`ViewBasis` next to its views; the next build compares
its own with it (:func:`pages_to_redo`) and works out again only those pages,
or every page when anything else changed. A test checks, duty by duty and
field by field, that the pages worked out this way equal a build from scratch.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Mapping

from pydantic import BaseModel

from ..data.model import Plan, Text
from .pages import PageSpec

#: Page kinds worked out again after any edit: they count, list or sum up the whole
#: plan (or the translations), and there is one of each, or a handful.
WHOLE_PLAN_KINDS = frozenset(
    {
        "plan",
        "agencies",
        "topics",
        "schedule",
        "legal",
        "open-data",
        "translations",
        "progress",
        "progress-part",
        "activities",
        "reports",
        "methodology",
    }
)


@dataclass(frozen=True)
class ViewBasis:
    """What one build's views were made from, as far as the next build needs to know."""

    frame: str  # see frame_of: everything but the duties' words
    duties: Mapping[str, str]  # each duty's number and a hash of all it holds
    outdated: frozenset  # the (vi, en) pairs shown as possibly out of date
    specs: tuple[PageSpec, ...]
    links: Mapping[str, frozenset[str]]  # each page and the pages it links to


def _texts_replaced(record, replace):
    """``record`` as nested tuples, each of its texts replaced by ``replace(text)``."""
    if isinstance(record, Text):
        return replace(record)
    if isinstance(record, BaseModel):
        fields = type(record).model_fields
        return (type(record).__name__, tuple(_texts_replaced(getattr(record, name), replace) for name in fields))
    if isinstance(record, tuple):
        return tuple(_texts_replaced(item, replace) for item in record)
    return record


def _blank_words(record):
    """``record`` with every text replaced by one mark: what is left is its frame."""
    return _texts_replaced(record, lambda text: "·")


def frame_of(plan: Plan) -> str:
    """A hash of the plan's sections with the duties' words left out (the headings of
    sections and groups stay in: they title pages).

    The rest of the plan (agencies, topics, activities…) is not in it: the caller
    adds a hash of the files that hold them, cheaper than walking 20,000 records.
    """
    digest = hashlib.sha256()
    for section in plan.sections:
        head = section.model_copy(update={"duties": ()})
        digest.update(repr(head).encode("utf-8"))
        for duty in section.duties:
            digest.update(repr(_blank_words(duty)).encode("utf-8"))
    return digest.hexdigest()


def duty_hashes(plan: Plan) -> dict[str, str]:
    """Each duty's number and a hash of everything it holds, words included."""
    return {duty.number: hashlib.sha256(repr(duty).encode("utf-8")).hexdigest()[:20] for duty in plan.duties}


def _as_shown_in_vietnamese(text: Text) -> tuple[str, bool]:
    """Vietnamese pages show no English word, only whether a text has its English (they
    count the untranslated texts)."""
    return text.vi, bool(text.en.strip())


def language_key(plan: Plan, frame: str, lang: str) -> str:
    """A hash of what the pages of ``lang`` are made from: the plan's ``frame`` (a hash of
    all but the duties' words, see :func:`generator.site.buildcache.frame_digest`) and the
    duties as those pages show them. An edit to a duty's English leaves the Vietnamese
    key as it was: the Vietnamese site need not be built again."""
    digest = hashlib.sha256(f"{frame}\0{lang}\0".encode())
    for duty in plan.duties:
        shown = duty if lang == "en" else _texts_replaced(duty, _as_shown_in_vietnamese)
        digest.update(repr(shown).encode("utf-8"))
    return digest.hexdigest()


def pages_to_redo(
    before: ViewBasis | None,
    frame: str,
    duties: Mapping[str, str],
    outdated: frozenset,
    text_owners,
) -> set[str] | None:
    """The pages whose views may differ from ``before``'s, or None: all of them.

    ``text_owners`` gives, for each (vi, en) pair of the plan, where it stands
    (``generator.data.translations.statuses``: ``where`` starts with "duty <number>.").
    A pair whose out-of-date mark changed must stand in the edited duties only, or
    every page that shows it elsewhere would be missed.
    """
    if before is None or before.frame != frame or set(before.duties) != set(duties):
        return None
    edited = {number for number, key in duties.items() if before.duties[number] != key}
    flipped = before.outdated ^ outdated
    if flipped:
        prefixes = tuple(f"duty {number}." for number in edited)
        for where, pair in text_owners:
            if pair in flipped and not where.startswith(prefixes):
                return None
    duty_pages = {spec.docname for spec in before.specs if spec.kind == "duty" and spec.key in edited}
    if len(duty_pages) != len(edited):
        return None
    redo = set(duty_pages)
    if duty_pages:
        redo.update(doc for doc, links in before.links.items() if links & duty_pages)
    redo.update(spec.docname for spec in before.specs if spec.kind in WHOLE_PLAN_KINDS)
    return redo
