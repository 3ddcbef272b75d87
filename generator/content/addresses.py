"""The address book: where every page, anchor and file of the publication lives.

Every docname of the site, every PDF path, every calendar and open-data file
is worked out here and only here; the site, the handbooks and the exports ask
this module rather than spelling a path themselves. Paths of published files
are relative to the site's root (the folder holding ``vi/`` and ``en/``).
"""

from __future__ import annotations

import functools

from ..data.index import ROLES, PlanIndex
from ..data.model import Duty
from ..text.strings import LANGUAGES

# -- pages (Sphinx docnames, the same in both languages) -------------------------

#: Where generated pages live, below the Sphinx source folder.
GENERATED = "plan"

PLAN_DOC = f"{GENERATED}/index"
AGENCIES_DOC = f"{GENERATED}/agencies/index"
TOPICS_DOC = f"{GENERATED}/topics/index"
SCHEDULE_DOC = f"{GENERATED}/schedule"
LEGAL_DOC = f"{GENERATED}/legal-documents"
OPEN_DATA_DOC = f"{GENERATED}/open-data"
TRANSLATION_DOC = f"{GENERATED}/translation-status"


PROGRESS_DOC = f"{GENERATED}/progress"
METHODOLOGY_DOC = f"{GENERATED}/methodology"
ACTIVITIES_DOC = f"{GENERATED}/activities/index"
REPORTS_DOC = f"{GENERATED}/reports/index"


def activities_doc(year: int) -> str:
    """The listing of the activities that started in ``year``."""
    return f"{GENERATED}/activities/{year}"


def activity_order(activities) -> list:
    """Activities newest first (by the day they start, then by id): the order they are listed in."""
    return sorted(activities, key=lambda a: (a.date.first, a.id), reverse=True)


@functools.lru_cache(maxsize=4)
def activity_listing(index: PlanIndex) -> dict[int, list[tuple[str, list]]]:
    """Each year's activities as listed: its pages, newest first, each (docname, activities):
    the listing of the year alone or, when that year has more than
    :data:`ACTIVITIES_PAGE_SIZE` activities, its parts. Worked out once per index."""
    by_year: dict[int, list] = {}
    for activity in index.plan.activities:
        by_year.setdefault(activity.date.first.year, []).append(activity)
    listing = {}
    for year, started in by_year.items():
        parts = listing_parts(activity_order(started), ACTIVITIES_PAGE_SIZE)
        docs = [activities_doc(year)] if len(parts) == 1 else [part_doc(activities_doc(year), n) for n in range(1, len(parts) + 1)]
        listing[year] = list(zip(docs, parts))
    return listing


@functools.lru_cache(maxsize=4)
def activity_pages(index: PlanIndex) -> dict[str, str]:
    """Each activity's page, by its id."""
    return {a.id: doc for pages in activity_listing(index).values() for doc, part in pages for a in part}


def activity_anchor(index: PlanIndex, activity) -> str:
    """An activity's place: in the listing of the year it started (or the page of it that holds it)."""
    return f"{activity_pages(index)[activity.id]}#{activity.id}"


def report_doc(year: int, agency_id: str | None = None) -> str:
    """The annual implementation report of ``year``, for the plan or for one lead agency."""
    return f"{GENERATED}/reports/{year}" + (f"-{agency_id}" if agency_id else "")


# -- long listings, split into pages -------------------------------------------------
#
# A listing that grows with the data (a section's duties, the schedule, the agency and
# topic indexes, the agency calendars, a year's activities) stays on one page while it
# is short, as on the real site; longer, it becomes a page of links to its parts, each
# a page of at most so many entries. Parts are pages of their own: ``<listing>/<n>``.

#: Duties a section or the schedule lists in full (task and deadline) on one page;
#: a longer one is split into parts of at most :data:`DUTY_PAGE_SIZE` duties, one line each.
DUTY_LISTING_LIMIT = 80
DUTY_PAGE_SIZE = 100
#: Agencies, topics or calendars an index lists on one page; more are split into parts this long.
INDEX_PAGE_SIZE = 150
#: Activities a year's listing shows on one page; more are split into parts this long.
ACTIVITIES_PAGE_SIZE = 50


def listing_parts(entries, size: int, limit: int | None = None) -> list[list]:
    """``entries`` as one part when there are at most ``limit`` (default ``size``) of them,
    else cut into consecutive parts of nearly equal length, at most ``size`` each (two at least)."""
    entries = list(entries)
    if len(entries) <= (size if limit is None else limit):
        return [entries]
    count = max(2, -(-len(entries) // size))
    bounds = [round(i * len(entries) / count) for i in range(count + 1)]
    return [entries[bounds[i] : bounds[i + 1]] for i in range(count)]


#: A plan's or an agency's annual report longer than this (its duties plus the activity
#: entries it lists under them) is split: its page becomes the report's front page
#: (totals and the list of its parts) and each part is a page below it,
#: ``<report>/<n>``. The real reports (47 duties at most) stay on one page.
REPORT_ENTRY_LIMIT = 150
#: A part of a split report holds a run of duties of one section, in plan order: at most
#: this many duties, and at most :data:`REPORT_PART_ENTRIES` duties and activity entries
#: (a duty with more activities than that is a part on its own).
REPORT_PART_DUTIES = 20
REPORT_PART_ENTRIES = 100
#: A figure of a split report's front page citing more records than this cites the
#: same figure of each part instead (linked), which cites its records.
REPORT_CITE_LIMIT = 100
#: The duties with no evidence, and the overdue ones, that a split report's front page
#: lists; more, and each part lists its own, the front page their counts by part.
REPORT_LIST_LIMIT = 100


def part_doc(listing_doc: str, part: int | str) -> str:
    """A part of a split listing: a page below the listing's own."""
    return f"{listing_doc}/{part}"


def report_part_doc(year: int, agency_id: str | None, part: int) -> str:
    """A part of a split annual report: a page below the report's own."""
    return part_doc(report_doc(year, agency_id), part)


def schedule_doc(group: str) -> str:
    """A part of the split schedule: ``every-year-1``, ``2025-1``, ``open-ended-1``..."""
    return part_doc(SCHEDULE_DOC, group)


def duty_doc(index: PlanIndex, duty: Duty) -> str:
    return f"{GENERATED}/duties/{index.slug(duty)}"


def section_doc(slug: str) -> str:
    return f"{GENERATED}/sections/{slug}"


def agency_doc(agency_id: str) -> str:
    return f"{GENERATED}/agencies/{agency_id}"


def topic_doc(topic_id: str) -> str:
    return f"{GENERATED}/topics/{topic_id}"


def legal_anchor(doc_id: str) -> str:
    """A legal document's place on the legal documents page."""
    return f"{LEGAL_DOC}#{doc_id}"


# -- open data ------------------------------------------------------------------

#: Where the open-data files are published (beside vi/ and en/).
OPEN_DATA_DIR = "data"

#: The open-data files every build writes, by their name in the data folder.
DATA_FILES = ("duties.csv", "agencies.csv", "topics.csv", "activities.csv", "plan.json")


def data_file(name: str) -> str:
    return f"{OPEN_DATA_DIR}/{name}"


def calendar_name(lang: str, agency_id: str | None = None) -> str:
    """A calendar's path inside the data folder: the whole plan's, or one agency's."""
    return f"calendar/{lang}/{agency_id or 'plan'}.ics"


def calendar_file(lang: str, agency_id: str | None = None) -> str:
    return data_file(calendar_name(lang, agency_id))


def feed_file(lang: str) -> str:
    """The Atom feed of activities, in each language's folder."""
    return f"{lang}/activities.atom"


# -- printed documents ------------------------------------------------------------

PDF_DIR = "pdf"
#: The parallel (Vietnamese-English) edition's language key.
PARALLEL = "vi-en"


def handbook_path(lang: str) -> str:
    return f"{PDF_DIR}/handbook-{lang}.pdf"


def booklet_path(kind: str, key: str, lang: str) -> str:
    return f"{PDF_DIR}/{lang}/{kind}/{key}.pdf"


def report_pdf(year: int, agency_id: str | None, lang: str) -> str:
    """The printed annual report of ``year``, for the plan or for one lead agency (beside its page)."""
    return f"{PDF_DIR}/{lang}/reports/{year}" + (f"-{agency_id}" if agency_id else "") + ".pdf"


def booklet_agencies(index: PlanIndex) -> list[str]:
    """Agencies that get a booklet: those named in at least one duty."""
    return [a for a, roles in index.by_agency.items() if any(roles[r] for r in ROLES)]


def booklet_topics(index: PlanIndex) -> list[str]:
    return [t for t, duties in index.by_topic.items() if duties]


@functools.lru_cache(maxsize=4)
def pdf_files(index: PlanIndex) -> dict:
    """Every PDF the build makes, as paths from the site's root.

    ``{"handbook": {"vi": ..., "en": ..., "vi-en": ...},
    "agencies": {agency_id: {"vi": ..., "en": ...}}, "topics": {topic_id: {"vi": ..., "en": ...}}}``;
    agencies and topics without duties have no booklet and are absent. Worked
    out once per index: every agency and topic page asks.
    """
    return {
        "handbook": {lang: handbook_path(lang) for lang in (*LANGUAGES, PARALLEL)},
        "agencies": {a: {lang: booklet_path("agencies", a, lang) for lang in LANGUAGES} for a in booklet_agencies(index)},
        "topics": {t: {lang: booklet_path("topics", t, lang) for lang in LANGUAGES} for t in booklet_topics(index)},
    }
