"""Page views (:mod:`generator.view`) as docutils nodes.

Every piece of data becomes a ``nodes.Text``, which docutils never parses: a
task that reads ``<script>`` or ``{eval-rst}`` is shown as exactly that.
"""

from __future__ import annotations

from docutils import nodes
from markupsafe import escape
from sphinx import addnodes

from ..content import view as v
from ..text.strings import label


class lang_span(nodes.inline):
    """Inline text in another language than the page's, or not yet translated."""


def visit_lang_span(self, node: lang_span) -> None:
    attributes = {}
    if node.get("lang"):
        attributes["lang"] = node["lang"]
    self.body.append(self.starttag(node, "span", "", **attributes))


def depart_lang_span(self, node: lang_span) -> None:
    self.body.append("</span>")


class plan_details(nodes.General, nodes.Element):
    """Content folded under a summary (HTML ``<details>``); the summary is its first child."""


class plan_summary(nodes.General, nodes.TextElement):
    """The always-visible line of a :class:`plan_details`."""


def visit_plan_details(self, node) -> None:
    self.body.append(self.starttag(node, "details", ""))


def depart_plan_details(self, node) -> None:
    self.body.append("</details>\n")


def visit_plan_summary(self, node) -> None:
    self.body.append(self.starttag(node, "summary", ""))


def depart_plan_summary(self, node) -> None:
    self.body.append("</summary>\n")


class plan_chart(nodes.General, nodes.Element):
    """A bar chart of counts (``title``, ``bars``: (label, count) pairs, ``bar_classes``)."""


#: The chart's drawing units: one bar a row, its label above it.
_CHART_WIDTH, _ROW, _LABEL, _BAR = 320, 44, 16, 16


def chart_svg(title: str, bars, bar_classes) -> str:
    """The chart as inline SVG: numbers and escaped labels only, no script, no outside file.

    Screen readers get one label with every figure (the SVG's ``aria-label``);
    the same figures also stand in a table next to it.
    """
    largest = max((count for _, count in bars), default=0) or 1
    summary = f"{title}: " + "; ".join(f"{name}: {count}" for name, count in bars)
    rows = []
    for i, ((name, count), css) in enumerate(zip(bars, bar_classes)):
        top = i * _ROW
        width = round((_CHART_WIDTH - 40) * count / largest, 1)
        rows.append(
            f'<text x="0" y="{top + _LABEL - 4}" class="chart-label">{escape(name)}</text>'
            f'<rect x="0" y="{top + _LABEL}" width="{max(width, 1)}" height="{_BAR}" class="chart-bar {escape(css)}"></rect>'
            f'<text x="{width + 6}" y="{top + _LABEL + _BAR - 3}" class="chart-count">{count}</text>'
        )
    height = _ROW * len(bars)
    return (
        f'<figure class="plan-chart"><svg viewBox="0 0 {_CHART_WIDTH} {height}" width="100%" '
        f'role="img" aria-label="{escape(summary)}" focusable="false">'
        + "".join(rows)
        + f"</svg><figcaption>{escape(title)}</figcaption></figure>\n"
    )


def visit_plan_chart(self, node: plan_chart) -> None:
    self.body.append(chart_svg(node["title"], node["bars"], node["bar_classes"]))
    raise nodes.SkipNode


def skip_node(self, node) -> None:
    raise nodes.SkipNode


class NodeBuilder:
    def __init__(self, docname: str, lang: str, relative_uri):
        self.docname = docname
        self.lang = lang
        self.relative_uri = relative_uri

    def inline(self, item) -> list[nodes.Node]:
        if isinstance(item, str):
            return [nodes.Text(item)]
        if isinstance(item, v.Link):
            children = [n for part in item.parts for n in self.inline(part)]
            target, _, anchor = item.docname.partition("#")
            if anchor:
                uri = self.relative_uri(self.docname, target) + "#" + anchor
                ref = nodes.reference("", "", *children, refuri=uri, internal=True)
                return [ref]
            xref = addnodes.pending_xref(
                "",
                refdomain="std",
                reftype="doc",
                reftarget="/" + target,
                refexplicit=True,
                refwarn=True,
                refdoc=self.docname,
            )
            xref += nodes.inline("", "", *children)
            return [xref]
        if isinstance(item, v.Download):
            children = [n for part in item.parts for n in self.inline(part)]
            uri = "../" * (self.docname.count("/") + 1) + item.path
            return [nodes.reference("", "", *children, refuri=uri, classes=["download-link"])]
        if isinstance(item, v.WebLink):
            children = [n for part in item.parts for n in self.inline(part)]
            return [nodes.reference("", "", *children, refuri=item.url, classes=["external-source"])]
        if isinstance(item, v.Span):
            children = [n for part in item.parts for n in self.inline(part)]
            if not (item.lang or item.untranslated or item.classes or item.outdated):
                return children
            classes = list(item.classes) + (["untranslated"] if item.untranslated else [])
            classes += ["outdated"] if item.outdated else []
            span = lang_span("", "", *children, classes=classes, lang=item.lang or "")
            out: list[nodes.Node] = [span]
            for flag, key in ((item.untranslated, "untranslated"), (item.outdated, "outdated")):
                if flag:
                    mark = nodes.inline("", "", classes=[f"{key}-mark"])
                    mark += nodes.Text(f" ({label(key, self.lang)})")
                    out.append(mark)
            return out
        raise TypeError(item)  # pragma: no cover

    def para(self, parts, classes=()) -> nodes.paragraph:
        p = nodes.paragraph(classes=list(classes))
        for part in parts:
            p.extend(self.inline(part))
        return p

    def block(self, block) -> list[nodes.Node]:
        if isinstance(block, v.Para):
            return [self.para(block.parts, block.classes)]
        if isinstance(block, v.Items):
            bullets = nodes.bullet_list(classes=list(block.classes))
            for item in block.items:
                bullets += nodes.list_item("", self.para(item))
            return [bullets]
        if isinstance(block, v.Details):
            folded = plan_details("", ids=[block.anchor] if block.anchor else [])
            summary = plan_summary()
            for part in block.summary:
                summary.extend(self.inline(part))
            folded += summary
            for b in block.blocks:
                folded.extend(self.block(b))
            return [folded]
        if isinstance(block, v.Fields):
            dl = nodes.definition_list(classes=["plan-fields", *block.classes])
            for term, blocks in block.rows:
                definition = nodes.definition()
                for b in blocks:
                    definition.extend(self.block(b))
                dl += nodes.definition_list_item("", nodes.term("", term), definition)
            return [dl]
        if isinstance(block, v.Table):
            return [self.table(block)]
        if isinstance(block, v.Aside):
            box = nodes.admonition(classes=["note", block.kind])
            box += nodes.title("", block.title)
            for b in block.blocks:
                box.extend(self.block(b))
            return [box]
        if isinstance(block, v.Section):
            return [self.section(block.title, block.blocks, block.anchor)]
        if isinstance(block, v.Chart):
            return [plan_chart("", title=block.title, bars=list(block.bars), bar_classes=list(block.classes))]
        raise TypeError(block)  # pragma: no cover

    def section(self, title, blocks, anchor: str) -> nodes.section:
        section = nodes.section(ids=[anchor] if anchor else [])
        heading = nodes.title()
        for part in title:
            heading.extend(self.inline(part))
        section += heading
        for b in blocks:
            section.extend(self.block(b))
        return section

    def table(self, table: v.Table) -> nodes.table:
        node = nodes.table(classes=list(table.classes))
        group = nodes.tgroup(cols=len(table.header))
        node += group
        for _ in table.header:
            group += nodes.colspec(colwidth=1)
        head = nodes.thead()
        row = nodes.row()
        for text in table.header:
            row += nodes.entry("", nodes.paragraph("", text))
        head += row
        group += head
        body = nodes.tbody()
        for cells in table.rows:
            row = nodes.row()
            for blocks in cells:
                entry = nodes.entry()
                for b in blocks:
                    entry.extend(self.block(b))
                row += entry
            body += row
        group += body
        return node


def not_for_gettext(result: list[nodes.Node]) -> list[nodes.Node]:
    """Mark text built from the data as not translatable: its English is in the data,
    and a gettext catalogue must never collect it."""
    for node in result:
        for element in node.findall(nodes.TextElement):
            # Not on inline nodes: Sphinx unwraps every inline that has a 'translatable'
            # attribute (RemoveTranslatableInline), and inlines are never collected anyway.
            if not isinstance(element, nodes.Inline):
                element["translatable"] = False
    return result


def page_nodes(page: v.PageView, docname: str, relative_uri) -> list[nodes.Node]:
    """The whole page body: one section whose title is the page title."""
    builder = NodeBuilder(docname, page.lang, relative_uri)
    return not_for_gettext([builder.section(page.title, page.blocks, "page")])
