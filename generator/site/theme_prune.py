"""Pruning a stylesheet to the rules the site's markup can use.

A rule is kept when one of its selectors *can* match: every element name, class,
id and attribute name it requires is in the site's markup vocabulary
(:mod:`generator.site.theme_markup`). State pseudo-classes (``:hover``, ``:focus``…)
and pseudo-elements never drop a selector; ``:is()``/``:where()``/``:has()``
keep it when one of their arguments can match; ``:not()`` never drops it. So the
test errs on the side of keeping a rule: a kept rule may never apply, but a rule
that could apply is never dropped.

Then custom properties nothing reads (``--bs-…`` by the hundred) and keyframes
no kept rule animates with are dropped, and whitespace is squeezed.

The vocabulary is a fixed list, not the current site's pages: editing the data
never changes the CSS (and so never rewrites every page that links to it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import tinycss2

_CONTAINERS = ("media", "supports", "layer", "container", "document", "-moz-document")
_ANY_OF = {"is", "where", "matches", "-webkit-any", "-moz-any", "has"}
_VAR = re.compile(r"var\(\s*(--[\w-]+)")


@dataclass(frozen=True)
class Vocabulary:
    """What the site's pages can contain: element names, classes, ids, attribute names."""

    tags: frozenset[str]
    classes: frozenset[str]
    ids: frozenset[str]
    attributes: frozenset[str]


def _split_commas(tokens) -> list[list]:
    """A selector list's selectors, as token lists (commas inside functions do not split)."""
    parts: list[list] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return [p for p in parts if any(t.type not in ("whitespace", "comment") for t in p)]


def can_match(tokens, vocab: Vocabulary) -> bool:
    """Whether a selector (tinycss2 tokens) can match some element of markup made of ``vocab``."""
    tokens = [t for t in tokens if t.type != "comment"]
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind == "ident":
            if token.lower_value not in vocab.tags:
                return False
        elif kind == "hash":
            if token.value not in vocab.ids:
                return False
        elif kind == "[] block":
            names = [t for t in token.content if t.type == "ident"]
            if names and names[0].lower_value not in vocab.attributes:
                return False
        elif kind == "literal" and token.value == ".":
            if i + 1 < len(tokens) and tokens[i + 1].type == "ident":
                if tokens[i + 1].value not in vocab.classes:
                    return False
                i += 1
        elif kind == "literal" and token.value == ":":
            if i + 1 < len(tokens) and tokens[i + 1].type == "literal" and tokens[i + 1].value == ":":
                i += 2  # a pseudo-element: skip its name (or function)
            else:
                i += 1
                if i < len(tokens) and tokens[i].type == "function":
                    function = tokens[i]
                    if function.lower_name in _ANY_OF:
                        arguments = _split_commas(function.arguments)
                        if arguments and not any(can_match(a, vocab) for a in arguments):
                            return False
                # other pseudo-classes are states (or :not, :nth-child…): they never drop a selector
        i += 1
    return True


def _compact(tokens) -> str:
    """Tokens serialized with runs of whitespace as one space."""
    out, space = [], False
    for token in tokens:
        if token.type == "whitespace":
            space = True
            continue
        if token.type == "comment":
            continue
        if space and out:
            out.append(" ")
        space = False
        out.append(tinycss2.serialize([token]))
    return "".join(out)


def _selector_text(tokens) -> str:
    return _compact(tokens).replace(" > ", ">").replace(" + ", "+").replace(" ~ ", "~")


def _declarations(content) -> list:
    return [
        d
        for d in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True)
        if d.type == "declaration"
    ]


def _declaration_text(declaration) -> str:
    value = _compact(declaration.value)
    return f"{declaration.name}:{value}{'!important' if declaration.important else ''}"


@dataclass
class _Rule:
    """A kept rule: selectors and declarations (name, text), or an at-rule."""

    selectors: str = ""
    declarations: list[tuple[str, str]] | None = None
    at: str = ""  # for at-rules: "@media (…)" etc.
    children: list[_Rule] | None = None
    raw: str = ""  # at-rules kept as they are (@font-face, @keyframes, @page…)
    keyframes: str = ""


def _prune(rules: Iterable, vocab: Vocabulary) -> list[_Rule]:
    kept: list[_Rule] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _split_commas(rule.prelude) if can_match(s, vocab)]
            if not selectors:
                continue
            declarations = [(d.name, _declaration_text(d)) for d in _declarations(rule.content)]
            if declarations:
                kept.append(_Rule(selectors=",".join(_selector_text(s) for s in selectors), declarations=declarations))
        elif rule.type == "at-rule":
            keyword = rule.lower_at_keyword
            prelude = _compact(rule.prelude)
            if keyword in _CONTAINERS and rule.content is not None:
                children = _prune(
                    tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), vocab
                )
                if children:
                    kept.append(_Rule(at=f"@{rule.at_keyword} {prelude}".rstrip(), children=children))
            elif keyword.endswith("keyframes"):
                kept.append(_Rule(raw=rule.serialize(), keyframes=prelude.strip()))
            else:
                kept.append(_Rule(raw=rule.serialize()))
    return kept


def _walk(rules: list[_Rule]):
    for rule in rules:
        yield rule
        if rule.children:
            yield from _walk(rule.children)


def _drop_unused(rules: list[_Rule], also_read: str) -> None:
    """Drop custom properties nothing reads and keyframes nothing runs (in place, to a fixed point)."""
    while True:
        text = also_read + "".join(
            "".join(t for _, t in r.declarations) for r in _walk(rules) if r.declarations
        ) + "".join(r.raw for r in _walk(rules) if r.raw and not r.keyframes)
        read = set(_VAR.findall(text))
        dropped = False
        for rule in _walk(rules):
            if rule.declarations:
                keep = [(n, t) for n, t in rule.declarations if not n.startswith("--") or n in read]
                if len(keep) != len(rule.declarations):
                    rule.declarations = keep
                    dropped = True
        if not dropped:
            break
    animations = " ".join(
        t for r in _walk(rules) if r.declarations for n, t in r.declarations if n.startswith(("animation", "-webkit-animation"))
    ) + also_read
    used = set(re.findall(r"[\w-]+", animations))
    for rule in _walk(rules):
        if rule.keyframes and rule.keyframes not in used:
            rule.raw = ""


def _serialize(rules: list[_Rule]) -> str:
    out = []
    for rule in rules:
        if rule.children is not None:
            inner = _serialize(rule.children)
            if inner:
                out.append(f"{rule.at}{{{inner}}}")
        elif rule.declarations is not None:
            if rule.declarations:
                out.append(f"{rule.selectors}{{{';'.join(t for _, t in rule.declarations)}}}")
        elif rule.raw:
            out.append(rule.raw)
    return "\n".join(out)


def prune_css(sources: Iterable[str], vocab: Vocabulary, also_read: str = "") -> str:
    """The stylesheets ``sources`` (in cascade order) as one, cut to what ``vocab`` can match.

    ``also_read`` is CSS loaded after the result (the site's own stylesheet): the
    custom properties and animations it uses are kept.
    """
    rules: list[_Rule] = []
    for css in sources:
        rules += _prune(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), vocab)
    _drop_unused(rules, also_read)
    return _serialize(rules) + "\n"
