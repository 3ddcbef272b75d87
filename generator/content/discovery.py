"""Found and shared: what search engines and chat apps read of each page (descriptions, cards, addresses).

* Every page's ``<meta name="description">`` and OpenGraph card (:func:`page_meta`).
  A duty is described by its number and the start of its task, cut at a word
  boundary: the task exactly as adopted, never a summary we wrote.
* With ``site_url`` in ``plan.yaml``: a canonical link and ``hreflang``
  alternates (vi, en, x-default) on every page, ``sitemap.xml`` of both
  languages with their alternates and ``robots.txt`` pointing at it, at the
  site's root. Without it none of these is written (their addresses must be
  absolute), and the build says so once.
* ``404.html`` in each language and at the root (offering both), linking by
  absolute paths (site_url's path, or ``/``) so the links work at any depth.

Nothing here imports Sphinx: the Sphinx adapter asks for a page's metadata,
the build writes the files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..data.index import PlanIndex
from ..data.model import Duty, Plan, Text
from ..project import LANGUAGES
from ..text.strings import label

#: How much of a duty's task its heading and <title> show (characters, before "…").
HEADING_TASK_CHARS = 60
#: How long a <meta name="description"> may be (search engines show about this much).
DESCRIPTION_CHARS = 160
#: The site's default image for shared links (generator/static/, made by scripts/make_og_image.py).
OG_IMAGE = "og-image.png"
OG_IMAGE_SIZE = (1200, 630)
OG_LOCALE = {"vi": "vi_VN", "en": "en_GB"}
#: Pages that are never listed in the sitemap nor given a canonical address.
UNLISTED = {"search", "404"}
NO_SITE_URL = (
    "site_url is not set in plan.yaml: no canonical links, hreflang alternates, sitemap.xml or robots.txt "
    "were written, and the 404 pages link from the server's root (/)"
)

_ELLIPSIS = "…"
_TRAILING = " \t,;:–—-"

# What a listing page is, in the reader's language ({title} is the plan's title).
def _words(key: str, lang: str, **values) -> str:
    """A description's words, from the string table (keys ``describe_*``)."""
    return label("describe_" + key, lang, **values)


def cut_at_word(text: str, limit: int) -> str:
    """``text`` on one line, at most ``limit`` characters; if longer, cut at the last
    word boundary before the limit and ended with "…" (trailing commas or dashes dropped)."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    head = flat[: limit + 1]
    space = head.rfind(" ")
    head = head[:space] if space > 0 else flat[:limit]
    return head.rstrip(_TRAILING) + _ELLIPSIS


def in_language(value: Text, lang: str) -> tuple[str, bool]:
    """(the text shown in ``lang``, whether it is a fallback to the Vietnamese)."""
    if value.translated(lang):
        return value.get(lang), False
    return value.vi, True


def duty_heading(duty: Duty, lang: str) -> tuple[str, str, bool]:
    """A duty page's heading: ("Nhiệm vụ C.I: ", the start of its task, whether that is Vietnamese shown in English)."""
    task, fallback = in_language(duty.task, lang)
    return f"{label('duty_title', lang, number=duty.number)}: ", cut_at_word(task, HEADING_TASK_CHARS), fallback


def _plan_title(plan: Plan, lang: str) -> str:
    return in_language(plan.info.title, lang)[0]


#: The kind of page each part of a split listing belongs to (generator.content.pages).
LISTING_PARTS = {
    "section-part": "section",
    "schedule-part": "schedule",
    "agencies-part": "agencies",
    "topics-part": "topics",
    "open-data-part": "open-data",
    "activities-part": "activities-year",
    "progress-part": "progress",
}


def describe(index: PlanIndex, kind: str, key: str, lang: str) -> str:
    """The ``<meta name="description">`` of a generated page, in ``lang``."""
    plan = index.plan
    title = _plan_title(plan, lang)
    if kind == "report-part":  # a part of a split report is described as its report
        kind, key = "report", key.rpartition("/")[0]
    if kind in LISTING_PARTS:  # a page of a split listing is described as its listing
        kind, key = LISTING_PARTS[kind], key.partition("/")[0]
    if kind == "duty":
        duty = index.duty[key]
        task = in_language(duty.task, lang)[0]
        start = f"{label('duty_title', lang, number=duty.number)}: "
        return start + cut_at_word(task, DESCRIPTION_CHARS - len(start))
    if kind == "section":
        section = plan.section(key)
        start = f"{label('section_title', lang, letter=key)}: "
        return start + cut_at_word(in_language(section.heading, lang)[0], DESCRIPTION_CHARS - len(start))
    if kind == "agency":
        roles = index.by_agency[key]
        other = len({inv.duty.number for role, found in roles.items() if role != "lead" for inv in found})
        name = in_language(plan.agencies[key].name, lang)[0]
        roles_words = [
            _words(role, lang, count=count)
            for role, count in (("leads", len(roles["lead"])), ("coordinates", other))
            if count
        ]
        words = (
            _words("agency", lang, name=name, roles=_words("and", lang).join(roles_words), title=title)
            if roles_words
            else _words("agency_named", lang, name=name, title=title)
        )
        return cut_at_word(words, DESCRIPTION_CHARS)
    if kind == "topic":
        topic = plan.topics[key]
        start = in_language(topic.name, lang)[0] + ": "
        return start + cut_at_word(in_language(topic.description, lang)[0], DESCRIPTION_CHARS - len(start))
    if kind == "activities-year":
        return cut_at_word(_words(kind, lang, title=title, year=key), DESCRIPTION_CHARS)
    if kind == "report":
        year, _, agency = key.partition("/")
        if agency:
            name = in_language(plan.agencies[agency].name, lang)[0]
            return cut_at_word(_words("agency_report", lang, title=title, year=year, name=name), DESCRIPTION_CHARS)
        return cut_at_word(_words(kind, lang, title=title, year=year), DESCRIPTION_CHARS)
    return cut_at_word(_words(kind, lang, title=title, count=len(plan.duties)), DESCRIPTION_CHARS)


def describe_search(plan: Plan, lang: str) -> str:
    return _words("search", lang, title=_plan_title(plan, lang))


def describe_prose(first_paragraph: str | None, page_title: str) -> str:
    """The description of a hand-written page: its first paragraph, cut; its title if it has none."""
    return cut_at_word(first_paragraph or page_title, DESCRIPTION_CHARS)


# -- addresses ---------------------------------------------------------------------


def site_base(plan: Plan) -> str | None:
    """``site_url`` ending in "/", or None."""
    if plan.info.site_url is None:
        return None
    base = str(plan.info.site_url)
    return base if base.endswith("/") else base + "/"


def base_path(plan: Plan) -> str:
    """The path of the site's root on its server: site_url's path, or "/"."""
    base = site_base(plan)
    return urlsplit(base).path if base else "/"


def page_url(base: str, lang: str, pagename: str) -> str:
    return f"{base}{lang}/{pagename}.html"


def alternates(base: str, pagename: str) -> list[tuple[str, str]]:
    """(hreflang, absolute address) of a page in each language, and x-default.

    x-default is the language chooser for the home page, the Vietnamese page otherwise
    (the plan's language, where the chooser sends a visitor it cannot place).
    """
    links = [(lang, page_url(base, lang, pagename)) for lang in LANGUAGES]
    links.append(("x-default", base if pagename == "index" else page_url(base, "vi", pagename)))
    return links


@dataclass(frozen=True)
class PageMeta:
    """What a page's <head> says about it beyond its title."""

    description: str
    canonical: str | None = None
    alternates: tuple[tuple[str, str], ...] = ()
    opengraph: tuple[tuple[str, str], ...] = field(default=())


def page_meta(plan: Plan, lang: str, pagename: str, title: str, description: str) -> PageMeta:
    """The description, canonical link, alternates and OpenGraph tags of one page.

    Without site_url only what is safe with relative addresses is given: no
    canonical, no alternates, no og:url or og:image (both must be absolute).
    """
    base = site_base(plan)
    site_name = _plan_title(plan, lang)
    og = [
        ("og:type", "website"),
        ("og:site_name", site_name),
        ("og:title", title),
        ("og:description", description),
        ("og:locale", OG_LOCALE[lang]),
        *(("og:locale:alternate", OG_LOCALE[other]) for other in LANGUAGES if other != lang),
    ]
    if base is None or pagename in UNLISTED:
        return PageMeta(description, opengraph=tuple(og))
    canonical = page_url(base, lang, pagename)
    og += [
        ("og:url", canonical),
        ("og:image", f"{base}{lang}/_static/{OG_IMAGE}"),
        ("og:image:type", "image/png"),
        ("og:image:width", str(OG_IMAGE_SIZE[0])),
        ("og:image:height", str(OG_IMAGE_SIZE[1])),
        ("og:image:alt", site_name),
    ]
    return PageMeta(description, canonical, tuple(alternates(base, pagename)), tuple(og))


# -- files at the site's root -------------------------------------------------------
