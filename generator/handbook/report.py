"""The annual implementation report, printed: the report page of the site as a document.

There is one source of what a report shows: the report view
(:meth:`generator.content.tracking.TrackingViews.report`), the same blocks the
site page and the ``report`` command's text are made from. This module only
turns those renderer-neutral blocks into the printed documents' JSON vocabulary
(see :mod:`.data`), and adds what a printed document has and a page does not:
a title page with the edition and the as-of date, contents and a PDF outline,
links inside the document instead of links to other pages.

Links become, in print:

* to a duty or a section of the plan that the report holds: a link to its heading;
* to an activity record: a link to where the report lists that record first
  (its id, title, date, figures and source, under the duty it served);
* to a public web page (an activity's source): its label and the address, printed
  in full so that a reader of the paper can type it;
* to anything else (another page of the site, a file): its text.
"""

from __future__ import annotations

import datetime
import functools

from ..content import view as v
from ..content.addresses import activity_anchor, duty_doc, section_doc
from ..content.pages import PageSpec, SiteContext, build_view
from ..data.index import PlanIndex
from ..data.model import Plan
from ..text.strings import label, long_date, raw_label
from .data import Blocks, Builder, Runs
from .documents import DocumentSpec

#: Column widths (fractions) of the report's tables, by their number of columns:
#: the totals (figure | value | records) and any other.
_COLUMNS = {3: [2.4, 0.7, 3.4]}


@functools.lru_cache(maxsize=4)
def _link_targets(index: PlanIndex) -> dict[str, str]:
    """Where a link of a report's view can point inside the printed report, by the link's
    docname: a duty's heading, a section's heading, a record's first listing. Worked out
    once per index: every report of a build asks."""
    targets: dict[str, str] = {}
    for duty in index.in_order:
        targets[duty_doc(index, duty)] = "duty-" + index.slug(duty)
    for section in index.plan.sections:
        targets[section_doc(section.slug)] = "section-" + section.slug
    for activity in index.plan.activities:
        targets[activity_anchor(index, activity)] = "record-" + activity.id
    return targets


@functools.lru_cache(maxsize=4)
def _docs_of(index: PlanIndex) -> dict[str, str]:
    """The docname of each heading anchor a report may hold (a duty's, a section's)."""
    return {anchor: doc for doc, anchor in _link_targets(index).items() if not anchor.startswith("record-")}


class _Printer:
    """Report view blocks → document blocks, for one report in one language."""

    def __init__(self, index: PlanIndex, lang: str, page: v.PageView):
        self.lang = lang
        # only the targets the report holds are linked
        targets = _link_targets(index)
        records = {doc: targets[doc] for doc in self._listed_records(page.blocks) if doc in targets}
        held = self._anchors(page.blocks)
        self.targets = {_docs_of(index)[anchor]: anchor for anchor in held if anchor in _docs_of(index)}
        self.targets.update(records)
        self.placed: set[str] = set()
        self.contents: list[dict] = []
        self.counter = 0

    # -- what the report holds ------------------------------------------------------
    def _anchors(self, blocks) -> set[str]:
        out: set[str] = set()
        for block in blocks:
            if isinstance(block, v.Section):
                out.add(block.anchor)
                out |= self._anchors(block.blocks)
            elif isinstance(block, v.Fields):
                for _, body in block.rows:
                    out |= self._anchors(body)
        return out

    def _listed_records(self, blocks) -> set[str]:
        """Records the report lists (a list item that starts with a link to the record)."""
        out: set[str] = set()
        for block in blocks:
            if isinstance(block, v.Items):
                out |= {item[0].docname for item in block.items if item and isinstance(item[0], v.Link)}
            elif isinstance(block, v.Section):
                out |= self._listed_records(block.blocks)
            elif isinstance(block, v.Fields):
                for _, body in block.rows:
                    out |= self._listed_records(body)
        return out

    # -- inline ---------------------------------------------------------------------
    def runs(self, parts, inherited: dict | None = None, anchor_first: bool = False) -> Runs:
        out: Runs = []
        props = inherited or {}
        for i, part in enumerate(parts):
            if isinstance(part, str):
                if part:
                    out.append({**props, "text": part} if props else part)
            elif isinstance(part, v.Span):
                inner = dict(props)
                if part.lang:
                    inner["lang"] = part.lang
                if any(c == "status" for c in part.classes):
                    inner["style"] = "strong"
                out += self.runs(part.parts, inner)
                if part.untranslated:
                    out.append({"text": " (" + label("untranslated", self.lang) + ")", "style": "mark"})
                elif part.outdated:
                    out.append({"text": " (" + label("outdated", self.lang) + ")", "style": "mark"})
            elif isinstance(part, v.Link):
                target = self.targets.get(part.docname)
                text = v.plain(part)
                if target is None:
                    out += self.runs(part.parts, props)
                elif anchor_first and i == 0 and target.startswith("record-") and target not in self.placed:
                    # where the record is listed first: the place its citations link to
                    self.placed.add(target)
                    out.append({**props, "text": text, "style": "strong", "anchor": target})
                else:
                    out.append({**props, "text": text, "ref": target})
            elif isinstance(part, v.WebLink):
                # on paper the address itself is what a reader can follow: it replaces the link's words
                out.append({**props, "text": part.url, "url": part.url})
            elif isinstance(part, v.Download):
                out += self.runs(part.parts, props)
            else:  # pragma: no cover - the model has no other inline
                raise TypeError(part)
        return out

    # -- blocks ---------------------------------------------------------------------
    def blocks(self, blocks, depth: int) -> Blocks:
        out: Blocks = []
        for block in blocks:
            if isinstance(block, v.Para):
                out.append({"type": "paragraph", "text": self.runs(block.parts)})
            elif isinstance(block, v.Items):
                if "downloads" in block.classes:
                    continue  # links to files of the site, this one among them
                out.append({"type": "list", "items": [self.runs(item, anchor_first=True) for item in block.items]})
            elif isinstance(block, v.Fields):
                out.append({"type": "fields", "rows": [{"label": [term], "body": self.blocks(body, depth)} for term, body in block.rows]})
            elif isinstance(block, v.Table):
                columns = _COLUMNS.get(len(block.header), [1] * len(block.header))
                rows = [[self.blocks(cell, depth) for cell in row] for row in block.rows]
                out.append({"type": "table", "columns": columns, "header": [[h] for h in block.header], "rows": rows})
            elif isinstance(block, v.Aside):
                out.append({"type": "note", "title": [block.title], "body": self.blocks(block.blocks, depth)})
            elif isinstance(block, v.Details):
                out.append({"type": "paragraph", "text": self.runs(block.summary)})
                out += self.blocks(block.blocks, depth)
            elif isinstance(block, v.Section):
                out += self.section(block, depth)
            elif isinstance(block, v.Chart):
                continue  # the same figures stand in the table beside it
            else:  # pragma: no cover - the model has no other block
                raise TypeError(block)
        return out

    def section(self, block: v.Section, depth: int) -> Blocks:
        self.counter += 1
        anchor = block.anchor or f"part-{self.counter}"
        title = self.runs(block.title)
        text = "".join(r if isinstance(r, str) else r["text"] for r in title if not (isinstance(r, dict) and r.get("style") == "mark"))
        # headings link nowhere: a link to its own heading would be noise
        title = [{k: val for k, val in r.items() if k != "ref"} if isinstance(r, dict) else r for r in title]
        heading = {"type": "heading", "level": depth + 1, "text": title, "id": anchor, "style": "section" if depth == 0 else "entry"}
        out: Blocks = []
        if depth == 0 and anchor.startswith("section-"):
            # each section of the plan starts a page, its running head the section's name
            # ("Section A", the title's first part)
            out.append({"type": "break", "running": {"left": None, "right": v.plain(block.title[0])}})
        elif depth == 0:
            # the totals and the closing lists follow on, under no section's name
            out.append({"type": "running", "running": {"left": None, "right": ""}})
        if depth <= 1:
            heading["bookmark"] = text
            self.contents.append({"level": depth + 1, "text": text, "note": "", "id": anchor})
        out.append(heading)
        return out + self.blocks(block.blocks, depth + 1)


def report_data(plan: Plan, index: PlanIndex, spec: DocumentSpec, edition: datetime.date, outdated: frozenset, as_of: datetime.date) -> dict:
    """The JSON of one printed report (see :mod:`.data` for the vocabulary)."""
    lang = spec.lang
    agency_id = spec.key or None
    page = build_view(index, PageSpec("", "whole-report", f"{spec.year}/{spec.key}"), lang, SiteContext(outdated=outdated, as_of=as_of))
    printer = _Printer(index, lang, page)
    title = v.plain(page.title)
    # the title as printed: an agency's name shown in Vietnamese in an English title is
    # set in Vietnamese (tagged so in the PDF)
    title_runs = printer.runs(page.title)
    b = Builder(plan, index, spec, outdated, edition)
    plan_title = b.plain(plan.info.title, lang)
    kicker = "kicker_agency_report" if agency_id else "kicker_report"
    cover = b.cover(kicker, lambda lg: title_runs)
    cover["language"] = b.multi(lambda lg: [label("report_as_of", lg, date=long_date(as_of, lg))])
    content = printer.blocks(page.blocks, 0)
    body: Blocks = [b.page_break(title, ""), {"type": "heading", "level": 1, "text": title_runs, "id": "report", "style": "part"}, *content]
    author = label("province", lang, province=b.plain(plan.info.province, lang))
    return {
        "lang": lang,
        "langs": [lang],
        "kind": "report",
        "meta": {
            "title": f"{title} — {plan_title}",
            "author": author,
            "description": label(kicker, lang),
            "keywords": [label(kicker, lang), str(spec.year)],
            "date": edition.isoformat(),
            "as_of": as_of.isoformat(),
        },
        "strings": {
            "footer": raw_label("page_footer", lang),
            "contents": label("contents", lang),
        },
        "cover": cover,
        "contents": printer.contents,
        "body": body,
    }

