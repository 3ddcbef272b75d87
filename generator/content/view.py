"""A small document model for generated pages: what a page shows, not how.

Pages are built as trees of these records from the validated plan; the Sphinx
adapter turns them into docutils nodes and the handbook into HTML through an
autoescaping template. Data stays text all the way: nothing here is markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from ..data.model import Text


@dataclass(frozen=True)
class Link:
    """A link to another generated or hand-written page (a Sphinx docname)."""

    parts: tuple["Inline", ...]
    docname: str


@dataclass(frozen=True)
class Span:
    """Inline text with an optional language (``lang``) and a not-yet-translated mark."""

    parts: tuple["Inline", ...]
    lang: str | None = None
    untranslated: bool = False
    classes: tuple[str, ...] = ()
    outdated: bool = False


@dataclass(frozen=True)
class Download:
    """A link to a file of the published site (a PDF, a CSV), by its path from the site's root."""

    parts: tuple["Inline", ...]
    path: str


@dataclass(frozen=True)
class WebLink:
    """A link to a public web page outside the site (an activity's source).

    The address comes from the data, where the model admits only http(s) URLs.
    """

    parts: tuple["Inline", ...]
    url: str


Inline = Union[str, Link, Span, Download, WebLink]


@dataclass(frozen=True)
class Para:
    parts: tuple[Inline, ...]
    classes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Items:
    """A bullet list; each item is a tuple of inlines."""

    items: tuple[tuple[Inline, ...], ...]
    classes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fields:
    """Label/value pairs (a definition list)."""

    rows: tuple[tuple[str, tuple["Block", ...]], ...]
    classes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Details:
    """Blocks folded under a one-line summary that the reader opens on demand."""

    summary: tuple["Inline", ...]
    blocks: tuple["Block", ...]
    anchor: str = ""


@dataclass(frozen=True)
class Table:
    """A listing table. ``header`` labels each column; each cell holds blocks."""

    header: tuple[str, ...]
    rows: tuple[tuple[tuple["Block", ...], ...], ...]
    classes: tuple[str, ...] = ("plan-table",)


@dataclass(frozen=True)
class Aside:
    """A boxed note (notes on the source, the as-printed cells)."""

    title: str
    blocks: tuple["Block", ...]
    kind: str = "note"


@dataclass(frozen=True)
class Section:
    title: tuple[Inline, ...]
    blocks: tuple["Block", ...]
    anchor: str = ""


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart of counts, drawn at build time; the same figures stand in a table beside it.

    ``bars`` are (label, count) pairs; ``classes`` name each bar's colour
    (one per bar, e.g. the completion state it counts).
    """

    title: str
    bars: tuple[tuple[str, int], ...]
    classes: tuple[str, ...] = ()


Block = Union[Para, Items, Fields, Table, Aside, Section, Chart, Details]


@dataclass(frozen=True)
class PageView:
    """Everything one generated page shows, in one language."""

    title: tuple[Inline, ...]
    blocks: tuple[Block, ...]
    lang: str
    untranslated: int = 0
    children: tuple[str, ...] = field(default=())
    #: The pages it links to: a page that shows a duty links to the duty's page, so these
    #: say which pages an edit to a duty changes (see generator.content.incremental).
    #: Worked out from the rest, so neither compared nor part of the fingerprint.
    links: frozenset[str] = field(default=frozenset(), compare=False, repr=False)


def text(value: Text, lang: str, outdated: frozenset = frozenset()) -> Span:
    """``value`` in ``lang``; English that is missing falls back to the Vietnamese, marked.

    English whose Vietnamese changed since it was confirmed (``outdated`` holds
    such (vi, en) pairs) is shown, marked as possibly out of date.
    """
    if value.translated(lang):
        stale = lang == "en" and (value.vi, value.en) in outdated
        return Span((value.get(lang),), outdated=stale)
    return Span((value.vi,), lang="vi", untranslated=True)


def paragraphs(
    value: Text, lang: str, classes: tuple[str, ...] = (), outdated: frozenset = frozenset()
) -> tuple[Para, ...]:
    """A text with line breaks as one paragraph per line."""
    span = text(value, lang, outdated)
    lines = [line for line in span.parts[0].split("\n") if line.strip()]
    return tuple(
        Para((Span((line,), span.lang, span.untranslated, outdated=span.outdated),), classes) for line in lines
    )


def interleave(items: list, separator) -> list:
    """``items`` with ``separator`` between each two (for inline lists of links)."""
    out: list = []
    for i, item in enumerate(items):
        if i:
            out.append(separator)
        out.append(item)
    return out


def plain(inline) -> str:
    """The text of inlines, without links or marks (for titles and fingerprints)."""
    if isinstance(inline, str):
        return inline
    if isinstance(inline, (Link, Span, Download, WebLink)):
        return "".join(plain(p) for p in inline.parts)
    return "".join(plain(p) for p in inline)


def untranslated_and_links(node) -> tuple[int, frozenset[str]]:
    """Spans marked untranslated anywhere in ``node``, and the pages its links lead to.

    One walk for both, a loop over a stack rather than recursion: every page's view
    is walked when it is worked out, and at fifty times the data the recursive walk
    was a third of the views' cost.
    """
    count = 0
    links: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            continue
        if isinstance(item, Span):
            count += int(item.untranslated)
            stack.extend(item.parts)
        elif isinstance(item, tuple):
            stack.extend(item)
        else:
            if isinstance(item, Link):
                links.add(item.docname)
            names = _FIELD_NAMES.get(type(item))
            if names is None:
                names = _FIELD_NAMES[type(item)] = tuple(
                    name for name in getattr(type(item), "__dataclass_fields__", ()) if name != "links"
                )
            stack.extend(getattr(item, name) for name in names)
    return count, frozenset(links)


#: The dataclass fields of each kind of block or inline met by untranslated_and_links.
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
