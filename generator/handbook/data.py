"""What each PDF says, as the JSON the Typst templates print.

Built from the plan model and its index directly. The JSON is a small, generic
vocabulary that any printed document can use (the annual report too: :mod:`.report`
turns the report page's view into it), so that one template library
(``typst/lib.typ``) prints them all:

document
    ``{"lang", "langs", "meta": {title, author, description, keywords, date},
    "strings": {footer, contents}, "cover": {...}, "contents": [entry], "body": [block]}``;
    a contents entry is ``{"level", "text", "note", "id"}`` and each one is also a
    heading of the body with the same ``id`` (so contents and PDF outline agree).
block
    ``{"type": ...}``, one of ``break`` (start a page; ``running``: the running
    head's left and right texts from there on), ``heading`` (``level``, ``text``,
    ``id``, ``bookmark``: set when it is in the contents and the outline),
    ``paragraph``, ``list``, ``fields`` (label / body rows), ``table``
    (``columns`` as fractions, ``header``, ``rows`` of cells of blocks), ``note``
    (a boxed note with a title), ``columns`` (one cell per language, side by side),
    ``plan-heading`` (a heading of the plan's own table: its label and text),
    ``frame`` (a duty's box), ``weblinks`` (a duty's address and QR code),
    ``running`` (the running head's texts from there on, no page break).
    Any block may carry ``lang``.
run (inline text)
    a string, or ``{"text", "lang", "style", "ref", "page", "anchor", "url"}``: ``ref``
    links to a block ``id`` (or a run's ``anchor``) of the document; ``page`` (a
    pattern with ``{page}``) prints the page number of ``ref`` after the text;
    ``anchor`` makes the run itself a target; ``url`` links it to a public web page.

Every value is text: the templates place it as text, never as markup.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable

from ..content.addresses import duty_doc
from ..content.pages import ROLE_LABELS, deadline_meaning, featured_first
from ..data.index import PlanIndex
from ..data.model import Duty, Note, Plan, Text
from ..text.strings import SECTION_NAMES, label, long_date, raw_label
from .documents import DocumentSpec, agency_duties

Runs = list  # of str | dict
Blocks = list  # of dict



def format_date(day: datetime.date, lang: str) -> str:
    if lang == "en":
        return long_date(day, "en")
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def section_name(letter: str, lang: str) -> str:
    title = label("section_title", lang, letter=letter)
    names = SECTION_NAMES.get(letter)
    return f"{title} — {names[1 if lang == 'en' else 0]}" if names else title


def site_link(plan: Plan, index: PlanIndex, duty: Duty, lang: str) -> tuple[str, str | None]:
    """(what to print, the address a QR code encodes or None) for a duty's web page."""
    path = f"{lang}/{duty_doc(index, duty)}.html"
    if plan.info.site_url is None:
        return path, None
    base = str(plan.info.site_url)
    url = base + ("" if base.endswith("/") else "/") + path
    return url, url


@functools.cache
def qr_svg(url: str) -> str:
    """A QR code of ``url`` as SVG (vector, so it prints sharp)."""
    import segno

    return segno.make_qr(url, error="m").svg_inline(border=0, dark="#111")


def _count(n: int, noun: str, lang: str):
    """``n`` and its noun in English, by the language's plural rule (Vietnamese nouns do not change)."""
    return label(f"count_{noun}", lang, count=n)


def fill(template: str, **values) -> Runs:
    """``template`` with ``{name}`` placeholders replaced by runs (data stays separate runs)."""
    out: Runs = []
    rest = template
    while "{" in rest:
        before, _, after = rest.partition("{")
        name, _, rest = after.partition("}")
        if before:
            out.append(before)
        value = values[name]
        out += value if isinstance(value, list) else [str(value)]
    if rest:
        out.append(rest)
    return out


def para(runs: Runs, style: str | None = None) -> dict:
    block = {"type": "paragraph", "text": runs}
    if style:
        block["style"] = style
    return block


class Builder:
    """The blocks of one document, in its language(s)."""

    def __init__(self, plan: Plan, index: PlanIndex, spec: DocumentSpec, outdated: frozenset, edition: datetime.date):
        self.plan = plan
        self.index = index
        self.spec = spec
        self.langs = spec.langs
        self.parallel = len(self.langs) > 1
        self.outdated = outdated
        self.edition = edition
        self.contents: list[dict] = []
        self.ids: set[str] = set()

    # -- text ------------------------------------------------------------------------
    def t(self, value: Text, lang: str) -> Runs:
        """``value`` in ``lang``: missing English falls back to the Vietnamese, marked."""
        if value.translated(lang):
            runs: Runs = [value.get(lang)]
            if lang == "en" and (value.vi, value.en) in self.outdated:
                runs.append({"text": " (" + label("outdated", lang) + ")", "style": "mark"})
            return runs
        return [{"text": value.vi, "lang": "vi"}, {"text": " (" + label("untranslated", lang) + ")", "style": "mark"}]

    def plain(self, value: Text, lang: str) -> str:
        return value.get(lang) if value.translated(lang) else value.vi

    def paras(self, value: Text, lang: str, style: str | None = None) -> Blocks:
        runs = self.t(value, lang)
        first, rest = runs[0], runs[1:]
        text = first if isinstance(first, str) else first["text"]
        lines = [line for line in text.split("\n") if line.strip()]
        out = []
        for i, line in enumerate(lines):
            run = line if isinstance(first, str) else {**first, "text": line}
            out.append(para([run, *(rest if i == len(lines) - 1 else [])], style))
        return out

    def joined(self, make: Callable[[str], str]) -> str:
        return " / ".join(make(lang) for lang in self.langs)

    def multi(self, make: Callable[[str], Runs]) -> list[dict]:
        return [{"lang": lang, "text": make(lang)} for lang in self.langs]

    def cells(self, make: Callable[[str], Blocks]) -> Blocks:
        """Blocks in each language: side by side in the parallel edition."""
        if self.parallel:
            return [{"type": "columns", "cells": [{"lang": lang, "body": make(lang)} for lang in self.langs]}]
        return make(self.langs[0])

    def inline(self, make: Callable[[str], Runs]) -> Runs:
        """Runs in each language, one after the other ("vi / en")."""
        out: Runs = []
        for i, lang in enumerate(self.langs):
            if i:
                out.append(" / ")
            out += [{"text": r, "lang": lang} if isinstance(r, str) else {"lang": lang, **r} for r in make(lang)]
        return out

    def page_pattern(self, short: bool = True) -> str:
        if self.parallel:
            return "\u00a0({page})"
        key = "page_ref_short" if short else "page_ref"
        return "\u00a0(" + raw_label(key, self.langs[0]).replace(" ", "\u00a0") + ")"

    # -- structure -------------------------------------------------------------------
    def heading(self, level: int, text: Runs, anchor: str, toc: str = "", note: str = "", style: str = "") -> dict:
        block = {"type": "heading", "level": level, "text": text, "id": anchor}
        if style:
            block["style"] = style
        if toc:
            block["bookmark"] = toc
            self.contents.append({"level": level, "text": toc, "note": note, "id": anchor})
        self.ids.add(anchor)
        return block

    @staticmethod
    def page_break(left: str | None = None, right: str | None = "") -> dict:
        return {"type": "break", "running": {"left": left, "right": right}}

    def part(self, key: str, anchor: str, running_key: str | None = None) -> Blocks:
        toc = self.joined(lambda lang: label(key, lang))
        return [
            self.page_break(self.joined(lambda lang: label(running_key or key, lang)), ""),
            self.heading(1, self.inline(lambda lang: [label(key, lang)]), anchor, toc, style="part"),
        ]

    # -- a duty ----------------------------------------------------------------------
    def duty_anchor(self, duty: Duty) -> str:
        return "duty-" + self.index.slug(duty)

    def lead_short(self, duty: Duty, lang: str) -> str:
        """The short names of a duty's lead agencies, in ``lang``."""
        return ", ".join(self.plain(self.plan.agencies[a].short, lang) for a in duty.lead_agencies())

    def lead_shorts(self, duty: Duty) -> str:
        return self.joined(lambda lang: self.lead_short(duty, lang))

    def note_blocks(self, notes: tuple[Note, ...], lang: str) -> Blocks:
        out = []
        for note in notes:
            body = self.paras(note.text, lang)
            if note.as_printed:
                printed: Runs = [f"{label('printed', lang)}: ", {"text": f"“{note.as_printed}”", "lang": "vi"}]
                if note.presumed:
                    printed += [f"; {label('presumed', lang)}: ", {"text": f"“{note.presumed}”", "lang": "vi"}]
                body.append(para(printed))
            out.append({"type": "note", "title": [label(f"note_{note.kind}", lang)], "body": body})
        return out

    def link_to(self, runs: Runs, anchor: str) -> Runs:
        """``runs`` linked to ``anchor`` when the document holds it (the handbooks' back matter)."""
        if self.spec.kind in ("full", "parallel"):
            return [{"text": "".join(r if isinstance(r, str) else r["text"] for r in runs), "ref": anchor}]
        return runs

    def duty_rows(self, duty: Duty, lang: str) -> list[tuple[str, str, Blocks]]:
        """(key, label, blocks) of each part of a duty, in ``lang``."""
        rows = [("task", label("task", lang), self.paras(duty.task, lang, "task"))]
        rows.append(("lead", label("lead", lang), [para(self.t(line.as_printed, lang)) for line in duty.lead]))
        if duty.coordination:
            items = [self.t(line.as_printed, lang) for line in duty.coordination]
            rows.append(("coordination", label("coordination", lang), [{"type": "list", "style": "dash", "items": items}]))
        rows.append(("results", label("results", lang), [{"type": "list", "items": [self.t(r, lang) for r in duty.results]}]))
        meaning = deadline_meaning(self.index, duty.deadline, lang)
        parts = [{"label": [label("deadline_in_words", lang)], "body": self.paras(duty.deadline.as_printed, lang)}]
        if meaning is not None:
            parts.append({"label": [label("deadline_structured", lang)], "body": [para([meaning])]})
        if duty.deadline.readings:
            # Words that admit several readings: each is shown, none is chosen (as on the site).
            readings = [self.t(reading, lang) for reading in duty.deadline.readings]
            parts.append({"label": [label("deadline_readings", lang)], "body": [{"type": "list", "items": readings}]})
        deadline = {"type": "fields", "style": "inner", "rows": parts}
        rows.append(("deadline", label("deadline", lang), [deadline]))
        topics = [self.link_to(self.t(self.plan.topics[t].name, lang), "topic-" + t) for t in duty.topics]
        rows.append(("topics", label("topics", lang), [{"type": "list", "style": "inline", "items": topics}]))
        cited = dict.fromkeys([*duty.legal_documents, *filter(None, [duty.deadline.legal_document])])
        if cited:
            items = [self.link_to(self.t(self.plan.legal_documents[d].cited_as, lang), "legal-" + d) for d in cited]
            rows.append(("legal", label("legal_documents", lang), [{"type": "list", "items": items}]))
        if duty.notes:
            rows.append(("notes", label("notes", lang), self.note_blocks(duty.notes, lang)))
        return rows

    def card(self, duty: Duty, level: int, note: str) -> dict:
        """A duty in its frame: heading (a contents entry), web address, its parts."""
        title = self.inline(lambda lang: [label("duty_title", lang, number=duty.number)])
        toc = self.joined(lambda lang: label("duty_title", lang, number=duty.number))
        links = []
        for lang in self.langs:
            shown, target = site_link(self.plan, self.index, duty, lang)
            link = {"lang": lang, "label": label("on_the_web", lang), "text": shown}
            if target:
                link["url"] = target
                link["qr"] = qr_svg(target)
                link["alt"] = label("qr_alt", lang, url=target)
            links.append(link)
        by_lang = {lang: self.duty_rows(duty, lang) for lang in self.langs}
        if self.parallel:
            rows = []
            for parts in zip(*(by_lang[lang] for lang in self.langs), strict=True):
                rows.append(
                    [
                        [{"type": "paragraph", "style": "field-label", "text": [name], "lang": lang}, *[{**b, "lang": lang} for b in blocks]]
                        for lang, (_, name, blocks) in zip(self.langs, parts, strict=True)
                    ]
                )
            header = [[label("column_" + lang, lang)] for lang in self.langs]
            fields = {"type": "table", "style": "parallel", "columns": [1, 1], "header": header, "rows": rows}
        else:
            lang = self.langs[0]
            fields = {
                "type": "fields",
                "style": "duty",
                "rows": [{"label": None if key == "task" else [name], "body": blocks} for key, name, blocks in by_lang[lang]],
            }
        head = self.heading(level, title, self.duty_anchor(duty), toc, note, style="duty")
        return {"type": "frame", "id": "unit-" + self.index.slug(duty), "body": [head, {"type": "weblinks", "items": links}, fields]}

    def plan_heading(self, label_text: str, heading: Text, style: str) -> dict:
        return {"type": "plan-heading", "style": style, "label": label_text, "body": self.cells(lambda lang: self.paras(heading, lang))}

    def notes_item(self, notes) -> Blocks:
        if not notes:
            return []
        return self.cells(lambda lang: self.note_blocks(notes, lang))

    def section_of(self, duty: Duty):
        return self.index.section_of[duty.number]

    def duties_flow(self, duties: list[Duty], section_level: int) -> Blocks:
        """Duties grouped by section (featured first), each starting a page, with the
        plan's headings where they change."""
        out: Blocks = []
        for section in featured_first(self.plan):
            mine = [d for d in duties if self.index.section_of[d.number] is section]
            if not mine:
                continue
            running = self.joined(lambda lang: label("section_title", lang, letter=section.section))
            opening: Blocks = [
                self.heading(
                    section_level,
                    self.inline(lambda lang: [section_name(section.section, lang)]),
                    "section-" + section.slug,
                    self.joined(lambda lang: section_name(section.section, lang)),
                    style="section",
                ),
                self.plan_heading(section.label, section.heading, "section"),
                *self.notes_item(section.notes),
            ]
            printed: set[str] = set()
            for duty in mine:
                for group in self.index.groups_above(duty):
                    if group.number not in printed:
                        printed.add(group.number)
                        opening.append(self.plan_heading(group.label, group.heading, "group"))
                        opening += self.notes_item(group.notes)
                toc_title = self.joined(lambda lang: label("duty_title", lang, number=duty.number))
                out.append(self.page_break(running, toc_title))
                out += opening
                out.append(self.card(duty, section_level + 1, self.lead_shorts(duty)))
                opening = []
        return out

    def duty_in_booklet(self, duty: Duty, level: int, note: str, first: bool) -> Blocks:
        """A duty of a booklet: on a page of its own, under the plan's headings that open it."""
        section = self.section_of(duty)
        toc_title = self.joined(lambda lang: label("duty_title", lang, number=duty.number))
        running = self.joined(lambda lang: label("section_title", lang, letter=section.section))
        out: Blocks = [] if first else [self.page_break(running, toc_title)]
        if first:
            out.append({"type": "running", "running": {"left": running, "right": toc_title}})
        out.append(self.plan_heading(section.label, section.heading, "section"))
        for group in self.index.groups_above(duty):
            out.append(self.plan_heading(group.label, group.heading, "group"))
        out.append(self.card(duty, level, note))
        return out

    # -- prose parts -----------------------------------------------------------------
    def how_to_use(self) -> Blocks:
        plan = self.plan
        featured = plan.info.featured_section
        others = [s.section for s in featured_first(plan)[1:]]

        def body(lang: str) -> Blocks:
            title = self.t(plan.info.title, lang)
            if others:
                names = [label("section_title", lang, letter=x) for x in others]
                listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {label('and', lang)} " + names[-1]
                blocks = [para(fill(raw_label("use_whole", lang), title=title, featured=featured, others=listed))]
            else:
                whole = raw_label("use_whole", lang).split(";")[0] + "."
                blocks = [para(fill(whole, title=title, featured=featured, others=""))]
            if self.parallel:
                blocks.append(para([label("use_parallel", lang)]))
            blocks.append(para([label("use_card", lang)]))
            blocks.append(para([label("use_faithful", lang)]))
            if lang == "en":
                blocks.append(para([label("use_translation", lang)]))
            blocks.append(para([label("use_qr" if plan.info.site_url else "use_path", lang)]))
            refs = [
                ("find_agency", "agency-directory"),
                ("find_topic", "topic-index"),
                ("find_schedule", "schedule"),
                ("find_legal", "legal-documents"),
            ]
            pattern = "\u00a0(" + raw_label("page_ref", lang).replace(" ", "\u00a0") + ")"
            blocks.append(para([label("use_find", lang)]))
            items = [[{"text": label(key, lang), "ref": anchor, "page": pattern}] for key, anchor in refs]
            blocks.append({"type": "list", "items": items})
            return blocks

        return [*self.part("how_to_use", "how-to-use"), *self.cells(body)]

    def convention(self) -> Blocks:
        plan = self.plan

        def body(lang: str) -> Blocks:
            duties = _count(len(plan.duties), "duty", lang)
            sections = _count(len(plan.sections), "section", lang)
            items = [
                [
                    {"text": label("section_count", lang, letter=s.section, count=_count(len(s.duties), "duty", lang)), "style": "strong"},
                    *self.t(s.heading, lang),
                ]
                for s in plan.sections
            ]
            return [
                para(fill(raw_label("convention_what", lang), convention=self.t(plan.info.convention, lang))),
                para(fill(raw_label("convention_plan", lang), title=self.t(plan.info.title, lang), sections=sections, duties=duties)),
                {"type": "list", "items": items},
                para([label("convention_featured", lang, featured=plan.info.featured_section)]),
            ]

        return [*self.part("convention_part", "convention"), *self.cells(body)]

    # -- back matter -----------------------------------------------------------------
    def featured_order(self, duties) -> list[Duty]:
        order = {s.section: i for i, s in enumerate(featured_first(self.plan))}
        position = {d.number: i for i, d in enumerate(self.index.in_order)}
        return sorted(duties, key=lambda d: (order[d.section], position[d.number]))

    def refs(self, duties: list[Duty]) -> Runs:
        out: Runs = []
        pattern = self.page_pattern()
        for i, duty in enumerate(duties):
            if i:
                out.append(", ")
            out.append({"text": duty.number, "ref": self.duty_anchor(duty), "page": pattern})
        return out

    def field(self, key: str, body: Blocks | None = None, runs_of: Callable[[str], Runs] | None = None, **values) -> dict:
        name = self.inline(lambda lang: [label(key, lang, **values)])
        if body is None:
            body = self.cells(lambda lang: [para(runs_of(lang))])
        return {"label": name, "body": body}

    def entry(self, anchor: str, title: Callable[[str], Runs], rows: list[dict]) -> Blocks:
        return [
            self.heading(2, self.inline(title), anchor, style="entry"),
            {"type": "fields", "style": "entry", "rows": rows},
        ]

    def agency_directory(self) -> Blocks:
        out = self.part("agency_directory", "agency-directory")
        for agency_id, agency in self.plan.agencies.items():
            roles = self.index.by_agency[agency_id]
            rows = [
                self.field("short_name", runs_of=lambda lang: self.t(agency.short, lang)),
                self.field("kind", runs_of=lambda lang: [label("agency_" + agency.kind, lang)]),
            ]
            if agency.note:
                rows.append(self.field("description", runs_of=lambda lang: self.t(agency.note, lang)))
            any_duty = False
            for role, key in ROLE_LABELS.items():
                duties = [inv.duty for inv in roles[role]]
                if duties:
                    any_duty = True
                    name = self.inline(lambda lang: [f"{label(key, lang)} ({len(duties)})"])
                    rows.append({"label": name, "body": [para(self.refs(self.featured_order(duties)))]})
            depending = self.index.deadlines_by_agency.get(agency_id, [])
            if depending:
                rows.append(self.field("deadline_set_by", body=[para(self.refs(self.featured_order(depending)))]))
            issued = self.index.documents_by_issuer.get(agency_id, [])
            if issued:

                def cited(lang: str) -> Runs:
                    runs: Runs = []
                    for i, doc_id in enumerate(issued):
                        if i:
                            runs.append("; ")
                        text = self.plain(self.plan.legal_documents[doc_id].cited_as, lang)
                        runs.append({"text": text, "ref": "legal-" + doc_id, "page": self.page_pattern()})
                    return runs

                rows.append(self.field("documents_issued", runs_of=cited))
            if not any_duty:
                rows.append(self.field("duties", runs_of=lambda lang: [label("no_duties", lang)]))
            out += self.entry("agency-" + agency_id, lambda lang: self.t(agency.name, lang), rows)
        return out

    def topic_index(self) -> Blocks:
        out = self.part("topic_index", "topic-index")
        for topic_id, topic in self.plan.topics.items():
            duties = self.featured_order(self.index.by_topic[topic_id])
            rows = [self.field("description", runs_of=lambda lang: self.t(topic.description, lang))]
            if duties:
                name = self.inline(lambda lang: [label("duties_n", lang, count=len(duties))])
                rows.append({"label": name, "body": [para(self.refs(duties))]})
            out += self.entry("topic-" + topic_id, lambda lang: self.t(topic.name, lang), rows)
        return out

    def schedule(self) -> Blocks:
        out = self.part("schedule_title", "schedule")
        recurring, by_year, open_ended = self.index.schedule
        groups = [("every-year", lambda lang: label("recurring", lang), recurring)]
        groups += [(f"year-{year}", (lambda lang, year=year: label("in_year", lang, year=year)), duties) for year, duties in by_year.items()]
        groups.append(("open-ended", lambda lang: label("open_ended", lang), open_ended))
        header = [
            self.inline(lambda lang: [label("duty_short", lang)]),
            self.inline(lambda lang: [label("lead_short", lang)]),
            self.inline(lambda lang: [label("deadline_in_words", lang)]),
            self.inline(lambda lang: [label("page_column", lang)]),
        ]
        for anchor, title, duties in groups:
            if not duties:
                continue
            out.append(self.heading(2, self.inline(lambda lang: [title(lang)]), "schedule-" + anchor, self.joined(title)))
            rows = []
            for duty in self.featured_order(duties):
                ref = self.duty_anchor(duty)
                lead = [para([{"text": self.lead_short(duty, lang), "lang": lang}]) for lang in self.langs]
                rows.append(
                    [
                        [para([{"text": duty.number, "ref": ref}])],
                        lead,
                        [{**para(self.t(duty.deadline.as_printed, lang)), "lang": lang} for lang in self.langs],
                        [para([{"text": "", "ref": ref, "page": "{page}"}], "number")],
                    ]
                )
            out.append({"type": "table", "style": "schedule", "columns": [1.1, 2.2, 3.2, 0.6], "header": header, "rows": rows})
        return out

    def legal(self) -> Blocks:
        out = self.part("legal_title", "legal-documents")
        for doc_id, doc in self.plan.legal_documents.items():
            rows = []
            if doc.number:
                rows.append(self.field("doc_number", body=[para([doc.number])]))
            if doc.date:
                rows.append(self.field("date", body=[para([doc.date.strftime("%d/%m/%Y")])]))
            if doc.issuer:
                issuer = self.plan.agencies[doc.issuer].name
                rows.append(
                    self.field(
                        "issuer",
                        runs_of=lambda lang: [{"text": self.plain(issuer, lang), "ref": "agency-" + doc.issuer, "page": self.page_pattern(False)}],
                    )
                )
            if doc.subject:
                rows.append(self.field("subject", runs_of=lambda lang: self.t(doc.subject, lang)))
            citing = self.featured_order(self.index.by_legal_document[doc_id])
            if citing:
                rows.append(self.field("cited_by", body=[para(self.refs(citing))]))
            out += self.entry("legal-" + doc_id, lambda lang: self.t(doc.cited_as, lang), rows)
        return out

    # -- covers and documents ----------------------------------------------------------
    def cover(self, kicker_key: str, subject: Callable[[str], Runs] | None = None) -> dict:
        plan = self.plan

        def province(lang: str) -> str:
            return label("province", lang, province=self.plain(plan.info.province, lang))

        edition_key = "edition_parallel" if self.parallel else "edition_name"
        cover = {
            "kicker": self.multi(lambda lang: [label(kicker_key, lang)]),
            "province": self.multi(lambda lang: [province(lang)]),
            "title": self.multi(lambda lang: self.t(plan.info.title, lang)),
            "convention": [] if subject else self.multi(lambda lang: self.t(plan.info.convention, lang)),
            "subject": self.multi(subject) if subject else [],
            "language": self.multi(lambda lang: [label(edition_key, lang)]),
            "edition": self.multi(lambda lang: [label("edition_of", lang, date=format_date(self.edition, lang))]),
        }
        return cover


def _booklet_intro(b: Builder, lead: Blocks) -> Blocks:
    lang = b.langs[0]
    intro = [*lead, para([label("use_faithful", lang)])]
    if lang == "en":
        intro.append(para([label("use_translation", lang)]))
    intro.append(para([label("use_qr" if b.plan.info.site_url else "use_path", lang)]))
    intro.append(para([label("booklet_whole", lang)]))
    return [*b.part("how_to_use_booklet", "how-to-use"), *intro]


def _role_words(plan: Plan, duty: Duty, agency_id: str, lang: str) -> str:
    words = []
    for line in duty.lead:
        for entry in line.agencies:
            if entry.agency == agency_id:
                words.append(label("basis_" + entry.basis, lang))
    for entry in duty.coordinating_agencies():
        if entry.agency == agency_id:
            role = label("role_" + entry.role, lang)
            if entry.on_lead_proposal:
                role += ", " + label("on_lead_proposal", lang)
            words.append(role)
    out = "; ".join(dict.fromkeys(words))
    return out[:1].upper() + out[1:]


def _agency_body(b: Builder) -> Blocks:
    plan, index, lang = b.plan, b.index, b.langs[0]
    agency = plan.agencies[b.spec.key]
    led, other = agency_duties(index, b.spec.key)
    lead = [
        para(fill(raw_label("booklet_agency", lang).replace("{count}", _count(len(led) + len(other), "duty", lang)), title=b.t(plan.info.title, lang), agency=b.t(agency.name, lang))),
        para([label("booklet_agency_order", lang, led=_count(len(led), "duty", lang), other=_count(len(other), "duty", lang))]),
    ]
    body = _booklet_intro(b, lead)
    for key, anchor, duties in (("led_part", "led", led), ("supported_part", "supported", other)):
        if not duties:
            continue
        title = f"{label(key, lang)} ({len(duties)})"
        body.append(b.page_break(label(key, lang), label("duty_title", lang, number=duties[0].number)))
        body.append(b.heading(1, [title], anchor, title, style="part"))
        for i, duty in enumerate(duties):
            body += b.duty_in_booklet(duty, 2, _role_words(plan, duty, b.spec.key, lang), first=i == 0)
    return body


def _topic_body(b: Builder) -> Blocks:
    plan, index, lang = b.plan, b.index, b.langs[0]
    topic = plan.topics[b.spec.key]
    duties = index.by_topic[b.spec.key]
    lead = [
        para(fill(raw_label("booklet_topic", lang).replace("{count}", _count(len(duties), "duty", lang)), title=b.t(plan.info.title, lang), topic=b.t(topic.name, lang))),
        *b.paras(topic.description, lang),
        para([label("booklet_topic_note", lang)]),
    ]
    body = _booklet_intro(b, lead)
    for duty in duties:
        body += b.duty_in_booklet(duty, 1, b.lead_shorts(duty), first=False)
    return body


def document_data(plan: Plan, index: PlanIndex, spec: DocumentSpec, edition: datetime.date, outdated: frozenset = frozenset()) -> dict:
    """The JSON of one handbook or booklet (see the module's docstring; a report's: :mod:`.report`)."""
    b = Builder(plan, index, spec, outdated, edition)
    langs = b.langs
    title = b.joined(lambda lang: b.plain(plan.info.title, lang))
    author = b.joined(lambda lang: label("province", lang, province=b.plain(plan.info.province, lang)))
    if spec.kind in ("full", "parallel"):
        kicker = "kicker_full" if spec.kind == "full" else "kicker_parallel"
        cover = b.cover(kicker)
        body = [*b.how_to_use(), *b.convention()]
        featured, *others = featured_first(plan)
        body += b.duties_flow(list(featured.duties), 1)
        if others:
            body += b.part("annex", "annex", "annex_running")
            body += b.duties_flow([d for s in others for d in s.duties], 2)
        body += b.agency_directory() + b.topic_index() + b.schedule() + b.legal()
    else:
        lang = langs[0]
        record = plan.agencies[spec.key] if spec.kind == "agency" else plan.topics[spec.key]
        cover = b.cover(f"kicker_{spec.kind}", lambda lg: b.t(record.name, lg))
        body = _agency_body(b) if spec.kind == "agency" else _topic_body(b)
        title = b.plain(record.name, lang) + " — " + title
    kicker = " / ".join(label(_kicker_key(spec), lg) for lg in langs)
    return {
        "lang": langs[0],
        "langs": list(langs),
        "kind": spec.kind,
        "meta": {
            "title": title,
            "author": author,
            "description": kicker,
            "keywords": [label(_kicker_key(spec), lg) for lg in langs],
            "date": edition.isoformat(),
        },
        "strings": {
            "footer": "\u2002·\u2002".join(raw_label("page_footer", lang) for lang in langs),
            "contents": b.joined(lambda lang: label("contents", lang)),
        },
        "cover": cover,
        "contents": b.contents,
        "body": body,
    }


def _kicker_key(spec: DocumentSpec) -> str:
    return {"full": "kicker_full", "parallel": "kicker_parallel", "agency": "kicker_agency", "topic": "kicker_topic"}[spec.kind]
