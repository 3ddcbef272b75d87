"""Drop the elements that match simple CSS selectors from HTML the site wrote.

Pagefind leaves out what ``--exclude-selectors`` names, but only after parsing
it: on a large site a third of what it parsed was thrown away (measured at ×50,
English: 51 MB of prepared pages, 31 MB without the excluded elements; Pagefind
took 12.5 s on the first, 7.0 s on the second). The search index's copy of each
page (:func:`generator.site.search_index.prepare_page`) is therefore pruned here
first, once per changed page.

Only the selectors the site needs are understood: a compound of an optional tag,
an optional ``#id`` and any ``.class``, optionally as the child of another such
compound (``details#context > summary``). Anything else is refused when the
selector is read, not silently ignored. The input is HTML this project's
templates and nodes wrote (every element closed, attribute values quoted); the
output keeps everything that is not dropped byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Elements that have no end tag.
VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"))

_COMPOUND = r"(?P<{0}tag>[a-z][a-z0-9]*)?(?:#(?P<{0}id>[\w-]+))?(?P<{0}classes>(?:\.[\w-]+)*)"
_SELECTOR = re.compile(rf"^{_COMPOUND.format('p')}\s*>\s*{_COMPOUND.format('c')}$|^{_COMPOUND.format('s')}$")


@dataclass(frozen=True)
class _Compound:
    tag: str | None
    id: str | None
    classes: frozenset[str]

    def matches(self, tag: str, attrs: dict[str, str | None]) -> bool:
        if self.tag is not None and tag != self.tag:
            return False
        if self.id is not None and attrs.get("id") != self.id:
            return False
        return self.classes <= set((attrs.get("class") or "").split())


@dataclass(frozen=True)
class Selector:
    target: _Compound
    parent: _Compound | None = None


def _compound(match: re.Match, prefix: str) -> _Compound:
    classes = match.group(f"{prefix}classes") or ""
    return _Compound(match.group(f"{prefix}tag"), match.group(f"{prefix}id"), frozenset(c for c in classes.split(".") if c))


_ANY = _Compound(None, None, frozenset())


def parse_selector(text: str) -> Selector:
    """A selector of the kinds this module understands; ValueError for any other."""
    match = _SELECTOR.match(text.strip())
    if match is not None and match.group("stag") is None and match.group("sid") is None and not match.group("sclasses"):
        selector = Selector(_compound(match, "c"), _compound(match, "p"))  # parent > child
    elif match is not None:
        selector = Selector(_compound(match, "s"))
    if match is None or _ANY in (selector.target, selector.parent):
        raise ValueError(f"selector not understood by generator.site.html_prune: {text!r}")
    return selector


#: A comment, or a start or end tag (attribute values quoted, as the site writes them).
_TAG = re.compile(r"""<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""", re.S)
_ID = re.compile(r"""\sid=["']([^"']*)["']""")
_CLASS = re.compile(r"""\sclass=["']([^"']*)["']""")


def _attributes(text: str) -> dict[str, str]:
    found = {}
    if (match := _ID.search(text)) is not None:
        found["id"] = match.group(1)
    if (match := _CLASS.search(text)) is not None:
        found["class"] = match.group(1)
    return found


def prune(html: str, selectors: tuple[Selector, ...]) -> str:
    """``html`` without the elements (and their content) that match any of ``selectors``.

    A regular expression finds the tags (much faster than a full HTML parser, and
    enough for HTML whose elements are all closed); the text between them is copied.
    """
    by_tag: dict[str | None, list[Selector]] = {}
    for selector in selectors:  # a start tag is checked against the selectors of its name only
        by_tag.setdefault(selector.target.tag, []).append(selector)
    untagged = by_tag.get(None, [])
    out: list[str] = []
    open_elements: list[tuple[str, dict[str, str]]] = []
    dropping = 0  # open elements inside (and including) a dropped one
    kept_from = 0
    for match in _TAG.finditer(html):
        closing, tag, rest = match.group(1), match.group(2), match.group(3)
        if tag is None:  # a comment
            continue
        tag = tag.lower()
        if closing:
            if tag in VOID:
                continue
            depth = next((i for i in range(len(open_elements) - 1, -1, -1) if open_elements[i][0] == tag), None)
            if depth is None:
                continue  # an end tag with no start: left in the text
            closed = len(open_elements) - depth
            del open_elements[depth:]
            if dropping:
                remaining = dropping - closed
                dropping = max(remaining, 0)
                if remaining == 0:  # the dropped element ends here: copy again after it
                    kept_from = match.end()
                elif remaining < 0:  # it was left open: this end tag, of a kept element, is copied
                    kept_from = match.start()
            continue
        void = tag in VOID or rest.rstrip().endswith("/")
        if dropping:
            if not void:
                dropping += 1
                open_elements.append((tag, {}))
            continue
        attributes = _attributes(rest)
        parent = open_elements[-1] if open_elements else None
        if any(
            selector.target.matches(tag, attributes)
            and (selector.parent is None or (parent is not None and selector.parent.matches(*parent)))
            for selector in (*by_tag.get(tag, ()), *untagged)
        ):
            out.append(html[kept_from : match.start()])
            if void:
                kept_from = match.end()
            else:
                dropping = 1
                open_elements.append((tag, attributes))
            continue
        if not void:
            open_elements.append((tag, attributes))
    if not dropping:
        out.append(html[kept_from:])
    return "".join(out)
