"""The Atom feed of activities, one per language (feedgen).

Each entry is one activity record, newest first (the newest :data:`ENTRIES` only),
linking to its place in the
listing of its year (or the page of it that holds it). Links are relative to the feed's own address (Atom allows
it), so the feed works wherever the site is published; entry ids are tag URIs
made from the record ids, which stay the same when the site moves.
"""

from __future__ import annotations

import datetime

from feedgen.feed import FeedGenerator

from ..content.addresses import activity_anchor
from ..content.tracking import when_text
from ..data.index import PlanIndex
from ..data.model import Plan
from ..text.strings import label

#: How many records a feed holds, the newest. A feed is polled again and again by
#: readers, often on a phone: it says what is new, the listings by year hold the rest
#: (at fifty times the data every record made a feed of 23,500 entries, rebuilt in
#: seconds on every build).
ENTRIES = 100

#: The authority and date of the tag URIs (RFC 4151): the project, and the plan's first year.
TAG = "tag:an-giang-cat-plan,2023"


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)


def activity_href(index: PlanIndex, activity) -> str:
    """The activity's record, relative to a feed in the language folder."""
    page, _, anchor = activity_anchor(index, activity).partition("#")
    return f"{page}.html#{anchor}"


def atom_feed(plan: Plan, lang: str, as_of: datetime.date) -> bytes:
    """The feed of the newest activity records in ``lang`` (English falls back to the Vietnamese)."""
    feed = FeedGenerator()
    feed.id(f"{TAG}:activities/{lang}")
    feed.title(label("feed_title", lang))
    feed.language(lang)
    feed.link(href="activities.atom", rel="self")
    feed.link(href="index.html", rel="alternate")
    index = PlanIndex(plan)
    records = sorted(plan.activities, key=lambda a: (a.recorded, a.date.first, a.id))[-ENTRIES:]
    feed.updated(_midnight(records[-1].recorded if records else as_of))
    for activity in records:  # feedgen puts the entry added last first
        entry = feed.add_entry()
        entry.id(f"{TAG}:activity/{activity.id}")
        entry.title(activity.title.readable(lang))
        entry.link(href=activity_href(index, activity), rel="alternate")
        entry.updated(_midnight(activity.recorded))
        entry.published(_midnight(activity.recorded))
        summary = f"{when_text(activity.date, lang)}. {activity.summary.readable(lang)}"
        entry.summary(summary, type="text")
        for agency in activity.agencies:
            entry.author(name=plan.agencies[agency].name.readable(lang))
    return feed.atom_str(pretty=True)
