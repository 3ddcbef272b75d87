"""The printable handbooks as HTML documents, built from the plan.

What each PDF holds is decided here; :mod:`generator.pdf` only prints it with
WeasyPrint (this module imports neither WeasyPrint nor Sphinx, so the site can
call :func:`pdf_files` cheaply). Every document goes through one autoescaping
Jinja template (``handbook/templates/``); data is text all the way, never markup.

The documents:

* the full handbook in each language (``pdf/handbook-vi.pdf``, ``pdf/handbook-en.pdf``):
  cover, contents, how to use it, the Convention in brief, section C in full,
  the other sections as an annex, agency directory, topic index, schedule of
  deadlines, legal documents;
* the parallel edition (``pdf/handbook-vi-en.pdf``): the same, Vietnamese and
  English side by side;
* a booklet per agency (``pdf/<lang>/agencies/<id>.pdf``: the duties it leads,
  then those it coordinates or is asked to support) and per topic
  (``pdf/<lang>/topics/<id>.pdf``).

In the one-language handbooks each duty is a :class:`Unit` that starts a page.
A booklet (:class:`Booklet`) is only its own front pages here (cover, contents
with the page numbers of the assembled booklet, how to use it, part dividers,
:func:`booklet_front_html`); :mod:`generator.pdf` adds its duties' pages from
the handbook, so that every duty is laid out once per language.

A duty's content comes from the same views as its web page
(:func:`generator.pages.build_view`), so the handbook and the site say the same.
"""

from __future__ import annotations

import datetime
import functools
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .content.addresses import (
    PARALLEL,
    booklet_agencies,
    booklet_path,
    booklet_topics,
    duty_doc,
    handbook_path,
)
from .content.addresses import pdf_files as _pdf_files
from .content.pages import PageSpec, SiteContext, build_view, featured_first
from .content.view import (
    Aside,
    Block,
    Download,
    Fields,
    Inline,
    Items,
    Link,
    Para,
    Section,
    Span,
    Table,
    interleave,
    paragraphs,
    plain,
    text,
)
from .data.index import ROLES, PlanIndex
from .data.model import Duty, Plan, Text
from .text.strings import LANGUAGES, label

HERE = Path(__file__).resolve().parent / "handbook"
TEMPLATES = HERE / "templates"
STYLESHEET = HERE / "print.css"
FONTS = HERE / "fonts"

#: Where the PDFs go, below the published html folder.
#: The anchors of the units (a duty's pages in a one-language handbook) start with this.
UNIT_ANCHOR = "unit-"

# -- the handbook's own words ------------------------------------------------------

_WORDS: dict[str, tuple[str, str]] = {
    "kicker_full": ("Sổ tay tập huấn", "Trainer's handbook"),
    "kicker_parallel": ("Sổ tay song ngữ", "Bilingual handbook"),
    "kicker_agency": ("Nhiệm vụ theo cơ quan", "Duties by agency"),
    "kicker_topic": ("Nhiệm vụ theo chủ đề", "Duties by topic"),
    "edition_name": ("Bản tiếng Việt", "English edition"),
    "edition_parallel": ("Bản song ngữ Việt – Anh", "Vietnamese–English parallel edition"),
    "edition_of": ("Ấn bản {date}", "Edition of {date}"),
    "province": ("Tỉnh {province}", "{province} Province"),
    "contents": ("Mục lục", "Contents"),
    "how_to_use": ("Cách dùng sổ tay này", "How to use this handbook"),
    "how_to_use_booklet": ("Cách dùng tập này", "How to use this booklet"),
    "convention_part": ("Công ước và Kế hoạch", "The Convention and the plan"),
    "annex": ("Phụ lục: các mục khác của Kế hoạch", "Annex: the rest of the plan"),
    "annex_running": ("Phụ lục", "Annex"),
    "agency_directory": ("Danh bạ cơ quan", "Agency directory"),
    "topic_index": ("Chỉ mục chủ đề", "Topic index"),
    "on_the_web": ("Trên trang web", "On the website"),
    "led_part": ("Nhiệm vụ chủ trì", "Duties it leads"),
    "supported_part": ("Nhiệm vụ phối hợp", "Duties it coordinates or supports"),
    "column_vi": ("Tiếng Việt", "Vietnamese"),
    "column_en": ("Tiếng Anh", "English"),
    "duty_short": ("Nhiệm vụ", "Duty"),
    "lead_short": ("Chủ trì", "Lead"),
    "duties_n": ("Nhiệm vụ ({count})", "Duties ({count})"),
    # how to use
    "use_whole": (
        ("Sổ tay này in toàn văn {title} để dùng trong tập huấn và tuyên truyền. "
         "Mục {featured}, về tuyên truyền, phổ biến, giáo dục, in trước tiên và đầy đủ; "
         "{others} in trong Phụ lục."),
        ("This handbook prints the whole of {title} for training and awareness-raising. "
         "Section {featured}, on public awareness, comes first and in full; {others} follow in the annex."),
    ),
    "use_card": (
        ("Mỗi nhiệm vụ in trong một khung riêng: số của nhiệm vụ, nhiệm vụ và giải pháp cụ thể, "
         "cơ quan chủ trì, cơ quan phối hợp, kết quả dự kiến, thời hạn hoàn thành, chủ đề, "
         "văn bản được viện dẫn và ghi chú về văn bản gốc (nếu có)."),
        ("Each duty is printed in a frame of its own: its number, the task, the lead agency, the "
         "coordinating agencies, the expected results, the deadline, its topics, the legal documents "
         "it cites and notes on the source text (if any)."),
    ),
    "use_faithful": (
        ("Lời văn của Kế hoạch được giữ đúng nguyên văn như khi ban hành, kể cả những chỗ in sai; "
         "chỗ nào văn bản gốc có điểm bất thường thì có ghi chú riêng. Phần diễn giải thời hạn, "
         "các chủ đề và các ghi chú là của nhóm biên soạn, không phải lời văn của Kế hoạch."),
        ("The Vietnamese text of the plan is kept exactly as adopted, misprints included; where the "
         "source is odd, a note says so. The meaning given for each deadline, the topics and the notes "
         "are the editors' own words, not the plan's."),
    ),
    "use_translation": (
        "",
        ("The Vietnamese text is the plan as adopted; the English is a translation to help the reader. "
         "Where a text has no English yet, the Vietnamese is printed, marked as not yet translated."),
    ),
    "use_qr": (
        "Mã QR và đường dẫn ở đầu mỗi khung dẫn tới trang của nhiệm vụ đó trên trang web của Kế hoạch.",
        "The QR code and the link at the top of each frame lead to the duty's page on the plan's website.",
    ),
    "use_path": (
        ("Dòng “Trên trang web” ở đầu mỗi khung cho biết đường dẫn tới trang của nhiệm vụ đó, "
         "tính từ địa chỉ trang web của Kế hoạch."),
        ("The “On the website” line at the top of each frame gives the path of the duty's page, "
         "from the address of the plan's website."),
    ),
    "use_find": ("Tra cứu:", "To find a duty:"),
    "find_agency": ("theo cơ quan, ở Danh bạ cơ quan", "by agency, in the agency directory"),
    "find_topic": ("theo chủ đề, ở Chỉ mục chủ đề", "by topic, in the topic index"),
    "find_schedule": ("theo thời hạn, ở Lịch thời hạn", "by deadline, in the schedule of deadlines"),
    "find_legal": ("theo văn bản, ở mục Văn bản được viện dẫn", "by legal document, in the list of legal documents"),
    "page_column": ("Trang", "Page"),
    "use_parallel": (
        ("Mỗi nhiệm vụ in hai cột: bên trái là lời văn tiếng Việt của Kế hoạch, bên phải là bản dịch "
         "tiếng Anh, để dùng trong các lớp tập huấn song ngữ."),
        ("Each duty is printed in two columns: on the left the plan's Vietnamese text, on the right the "
         "English translation, for bilingual training."),
    ),
    "booklet_agency": (
        "Tập này gồm {count} nhiệm vụ của {title} có tên {agency}.",
        "This booklet holds the {count} of {title} that name the {agency}.",
    ),
    "booklet_agency_order": (
        ("In trước là {led} nhiệm vụ cơ quan chủ trì; sau đó là {other} nhiệm vụ cơ quan phối hợp, "
         "thực hiện theo thẩm quyền hoặc được đề nghị phối hợp. Mục lục ghi rõ vai trò của cơ quan ở từng nhiệm vụ."),
        ("First come the {led} it leads; then the {other} it coordinates, carries out within "
         "its competence or is requested to support. The contents give the agency's role in each."),
    ),
    "booklet_topic": (
        "Tập này gồm {count} nhiệm vụ của {title} thuộc chủ đề: {topic}.",
        "This booklet holds the {count} of {title} on the topic: {topic}.",
    ),
    "booklet_topic_note": (
        "Các chủ đề là cách nhóm nhiệm vụ của nhóm biên soạn, không phải của Kế hoạch.",
        "Topics are the editors' way of grouping duties, not part of the plan.",
    ),
    "booklet_whole": (
        "Toàn văn Kế hoạch, danh bạ cơ quan và lịch thời hạn có trong sổ tay đầy đủ.",
        "The whole plan, the agency directory and the schedule of deadlines are in the full handbook.",
    ),
    # the Convention in brief
    "convention_what": (
        ("{convention} (gọi tắt là Công ước CAT) là một điều ước quốc tế của Liên hợp quốc. "
         "Việt Nam là thành viên của Công ước từ năm 2015."),
        ("The {convention} (the Convention, CAT) is a United Nations treaty. "
         "Vietnam has been a member of the Convention since 2015."),
    ),
    "convention_plan": (
        ("{title} giao cho từng cơ quan những nhiệm vụ cụ thể: cơ quan nào chủ trì, cơ quan nào phối hợp, "
         "kết quả dự kiến và thời hạn hoàn thành. Kế hoạch có {sections} mục, với {duties} nhiệm vụ:"),
        ("{title} gives each agency specific duties: which agency leads, which agencies coordinate, "
         "the expected results and the deadline. The plan has {sections} and {duties}:"),
    ),
    "convention_featured": (
        "Mục {featured} là phần về tuyên truyền, phổ biến, giáo dục: sổ tay in mục này trước tiên.",
        "Section {featured} is the part on public awareness: this handbook prints it first.",
    ),
    "section_count": ("Mục {letter} ({count} nhiệm vụ): ", "Section {letter} ({count}): "),
    "and": ("và", "and"),
}

#: Short names of the plan's sections, as the site's front page words them.
_SECTION_NAMES: dict[str, tuple[str, str]] = {
    "A": ("Nội luật hóa và hoàn thiện pháp luật", "Domestic law"),
    "B": ("Thực thi pháp luật về chống tra tấn", "Applying the law"),
    "C": ("Tuyên truyền, phổ biến, giáo dục", "Public awareness"),
    "D": ("Hợp tác quốc tế", "International cooperation"),
    "Đ": ("Nghĩa vụ báo cáo", "Reporting obligations"),
}

_MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


class _Keep(dict):
    """Placeholders without a value stay as they are, for :func:`_fill` to put data in."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def word(key: str, lang: str, **values) -> str:
    vi, en = _WORDS[key]
    out = en if lang == "en" else vi
    return out.format_map(_Keep(values))


def format_date(day: datetime.date, lang: str) -> str:
    if lang == "en":
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def section_name(letter: str, lang: str) -> str:
    title = label("section_title", lang, letter=letter)
    names = _SECTION_NAMES.get(letter)
    return f"{title} — {names[1 if lang == 'en' else 0]}" if names else title


# -- what the site needs to know -------------------------------------------------------


def pdf_files(plan: Plan, index: PlanIndex | None = None) -> dict:
    """Every PDF the build makes (see :func:`generator.content.addresses.pdf_files`)."""
    return _pdf_files(index if index is not None else PlanIndex(plan))


def agency_duties(index: PlanIndex, agency_id: str) -> tuple[list[Duty], list[Duty]]:
    """(duties the agency leads, the other duties naming it), each once, in the table's order."""
    roles = index.by_agency[agency_id]
    led = {inv.duty.number for inv in roles["lead"]}
    other = {inv.duty.number for role in ROLES[1:] for inv in roles[role]} - led
    return (
        [d for d in index.in_order if d.number in led],
        [d for d in index.in_order if d.number in other],
    )


def edition_date(root: Path, data_dir: str = "plan_data") -> datetime.date:
    """The date of the data: its last git commit, else the newest data file (never the build clock)."""
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", data_dir],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        if done.returncode == 0 and done.stdout.strip():
            return datetime.date.fromisoformat(done.stdout.strip())
    except (OSError, subprocess.SubprocessError, ValueError):
        pass
    files = [p for p in (Path(root) / data_dir).rglob("*") if p.is_file()]
    if not files:
        raise FileNotFoundError(f"no data files in {Path(root) / data_dir}")
    return datetime.date.fromtimestamp(max(p.stat().st_mtime for p in files))


def site_link(plan: Plan, index: PlanIndex, duty: Duty, lang: str) -> tuple[str, str | None]:
    """(what to print, the address a QR code encodes or None) for a duty's web page."""
    path = f"{lang}/{duty_doc(index, duty)}.html"
    if plan.info.site_url is None:
        return path, None
    base = str(plan.info.site_url)
    url = base + ("" if base.endswith("/") else "/") + path
    return url, url


@functools.cache
def qr_data_uri(url: str) -> str:
    """A QR code of ``url`` as an SVG data URI (vector, so it prints sharp)."""
    import segno

    return segno.make_qr(url, error="m").svg_data_uri(border=0, dark="#111")


# -- the document model ------------------------------------------------------------------

#: A text in each language of the document: ((lang, inline), ...).
Multi = tuple[tuple[str, Inline], ...]


@dataclass(frozen=True)
class PageRef:
    """An internal link that prints the page number of its target."""

    parts: tuple[Inline, ...]
    anchor: str


@dataclass(frozen=True)
class Heading:
    level: int  # 1: a part (starts a page), 2, 3
    texts: Multi
    anchor: str
    toc: str  # the contents entry and PDF bookmark; "" keeps it out of both
    running: str  # what the running header shows while this heading is current
    note: Multi = ()  # a quiet addition in the contents (the lead agency of a duty)
    classes: tuple[str, ...] = ()
    kind: str = "heading"


@dataclass(frozen=True)
class Prose:
    """Running text, one column per language."""

    cells: tuple[tuple[str, tuple[Block, ...]], ...]
    classes: tuple[str, ...] = ()
    kind: str = "prose"


@dataclass(frozen=True)
class GroupHead:
    """A heading of the plan's table (a section's or a group's text), printed where it applies."""

    label: str
    cells: tuple[tuple[str, tuple[Block, ...]], ...]
    level: str = "group"  # section | group
    kind: str = "group"


@dataclass(frozen=True)
class Row:
    key: str
    cells: tuple[tuple[str, str, tuple[Block, ...]], ...]  # (lang, label, blocks)


@dataclass(frozen=True)
class Card:
    """One duty. Its header is a contents entry and a bookmark at ``level``."""

    number: str
    anchor: str
    level: int
    titles: Multi
    toc: str
    note: Multi  # the lead agencies, shown in the contents
    rows: tuple[Row, ...]
    links: tuple[tuple[str, str, str | None], ...]  # (lang, printed link, QR data URI or None)
    kind: str = "card"

    @property
    def qr_codes(self) -> tuple[tuple[str, str], ...]:
        return tuple((lang, qr) for lang, _, qr in self.links if qr)


@dataclass(frozen=True)
class Entry:
    """An entry of a directory (an agency, a topic, a legal document)."""

    anchor: str
    title: Multi
    fields: tuple[tuple[Multi, Multi], ...]
    refs: tuple[tuple[Multi, tuple[tuple[str, str], ...]], ...]  # (label, ((number, anchor), ...))
    kind: str = "entry"


@dataclass(frozen=True)
class ScheduleTable:
    rows: tuple[tuple[str, str, Multi, Multi], ...]  # (number, anchor, lead, deadline as printed)
    header: Multi
    kind: str = "schedule"


@dataclass(frozen=True)
class Unit:
    """A duty with the plan's headings that open it: starts a page, so its pages can go into booklets."""

    anchor: str
    items: tuple  # Heading | GroupHead | Prose | Card
    kind: str = "unit"


Item = Heading | Prose | GroupHead | Card | Entry | ScheduleTable | Unit


@dataclass(frozen=True)
class TocLine:
    """A contents entry whose page number is known before printing (a booklet's contents)."""

    level: int
    toc: str
    page: int
    note: Multi = ()
    anchor: str = ""  # set: the number comes from the printed page of this anchor instead


@dataclass(frozen=True)
class Cover:
    kicker: Multi
    title: Multi
    subject: Multi  # an agency's or topic's name; empty for the handbooks
    convention: Multi
    province: Multi
    edition: Multi
    language: Multi


@dataclass(frozen=True)
class Document:
    """One PDF to make: where it goes, what it is, and its HTML."""

    path: str
    kind: str  # full | parallel | agency | topic
    key: str
    lang: str  # vi | en | vi-en
    title: str
    html: str
    toc: tuple[tuple[int, str, str], ...]  # (level, label, anchor) of every contents entry
    duties: tuple[str, ...]  # the numbers of the duties it prints, in order
    #: set for the one-language handbooks: anchors that start a page (units and parts),
    #: whose pages booklets take; such a handbook is printed without footers, stamped later
    page_starts: tuple[str, ...] = ()
    booklet: Booklet | None = None  # set for booklets, whose html is empty until assembled

    @property
    def weight(self) -> int:
        return len(self.html)

    @property
    def stamped(self) -> bool:
        return stamped(self.kind)


def stamped(kind: str) -> bool:
    """Whether a document's footers are drawn after printing: all but the parallel
    edition. Their pages may end up in a booklet, so a page's number depends on where."""
    return kind != "parallel"


@dataclass(frozen=True)
class BookletPart:
    """A run of a booklet's duties, behind a divider page when ``heading`` is set."""

    heading: Heading | None
    duties: tuple[tuple[str, str, Multi], ...]  # (number, unit anchor, contents note)


@dataclass(frozen=True)
class Booklet:
    """What a booklet holds: its own front pages, then its duties' pages from ``source``."""

    source: str  # the handbook whose pages it takes
    parts: tuple[BookletPart, ...]
    front: tuple  # the flow of its own pages after the contents (how to use it)
    cover: Cover
    lang: str
    title: str
    author: str
    description: str
    created: str
    doc_kind: str


# -- building the flow of a document -------------------------------------------------------


class _Builder:
    def __init__(self, plan: Plan, index: PlanIndex, langs: tuple[str, ...], context: SiteContext):
        self.plan = plan
        self.index = index
        self.langs = langs
        self.context = context

    def t(self, value: Text, lang: str) -> Span:
        return text(value, lang, self.context.outdated)

    def paras(self, value: Text, lang: str, classes: tuple[str, ...] = ()) -> tuple[Para, ...]:
        return paragraphs(value, lang, classes, self.context.outdated)

    # small helpers
    def multi(self, make: Callable[[str], Inline]) -> Multi:
        return tuple((lang, make(lang)) for lang in self.langs)

    def joined(self, make: Callable[[str], str]) -> str:
        return " / ".join(make(lang) for lang in self.langs)

    def cells(self, make: Callable[[str], tuple[Block, ...]]) -> tuple[tuple[str, tuple[Block, ...]], ...]:
        return tuple((lang, tuple(make(lang))) for lang in self.langs)

    @staticmethod
    def duty_anchor(index: PlanIndex, duty: Duty) -> str:
        return "duty-" + index.slug(duty)

    @staticmethod
    def unit_anchor(index: PlanIndex, duty: Duty) -> str:
        """Where a duty's pages start in a one-language handbook (what booklets take)."""
        return UNIT_ANCHOR + index.slug(duty)

    def part(self, key: str, anchor: str, running_key: str | None = None) -> Heading:
        return Heading(
            1,
            self.multi(lambda lang: word(key, lang)),
            anchor,
            self.joined(lambda lang: word(key, lang)),
            self.joined(lambda lang: word(running_key or key, lang)),
        )

    def section_heading(self, letter: str, level: int, toc: bool = True, prefix: str = "") -> Heading:
        slug = next(s.slug for s in self.plan.sections if s.section == letter)
        return Heading(
            level,
            self.multi(lambda lang: section_name(letter, lang)),
            f"{prefix}section-{slug}",
            self.joined(lambda lang: section_name(letter, lang)) if toc else "",
            self.joined(lambda lang: label("section_title", lang, letter=letter)),
            classes=("section-head",),
        )

    # a duty
    def card(self, duty: Duty, level: int) -> Card:
        index = self.index
        rows: dict[str, list[tuple[str, str, tuple[Block, ...]]]] = {}

        def add(key: str, lang: str, title: str, blocks) -> None:
            rows.setdefault(key, []).append((lang, title, tuple(blocks)))

        links = []
        for lang in self.langs:
            view = build_view(index, PageSpec(duty_doc(index, duty), "duty", duty.number), lang, self.context)
            sections = {b.anchor: b for b in view.blocks if isinstance(b, Section)}
            add("task", lang, label("task", lang), sections["task"].blocks)
            add("lead", lang, label("lead", lang), (Para((self.t(line.as_printed, lang),)) for line in duty.lead))
            if duty.coordination:
                add(
                    "coordination",
                    lang,
                    label("coordination", lang),
                    (Items(tuple((self.t(line.as_printed, lang),) for line in duty.coordination), ("as-printed",)),),
                )
            add("results", lang, label("results", lang), sections["results"].blocks)
            add("deadline", lang, label("deadline", lang), sections["deadline"].blocks)
            add("topics", lang, label("topics", lang), sections["topics"].blocks)
            if "legal-documents" in sections:
                add("legal", lang, label("legal_documents", lang), sections["legal-documents"].blocks)
            if "notes" in sections:
                add("notes", lang, label("notes", lang), sections["notes"].blocks)
            shown, target = site_link(self.plan, index, duty, lang)
            links.append((lang, shown, qr_data_uri(target) if target else None))
        anchor = self.duty_anchor(index, duty)
        toc = self.joined(lambda lang: label("duty_title", lang, number=duty.number))
        return Card(
            duty.number,
            anchor,
            level,
            self.multi(lambda lang: label("duty_title", lang, number=duty.number)),
            toc,
            self.lead_shorts(duty),
            tuple(Row(key, tuple(cells)) for key, cells in rows.items()),
            tuple(links),
        )

    def role_words(self, duty: Duty, agency_id: str, lang: str) -> str:
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
        words = list(dict.fromkeys(words))
        out = "; ".join(words)
        return out[:1].upper() + out[1:]

    def duties_flow(self, duties: list[Duty], section_level: int) -> list[Item]:
        """Duties grouped by section (featured first), with the plan's headings where they change.

        Each duty is a :class:`Unit` with the headings printed just before it, so
        that it starts a page of its own and booklets can take its pages.
        """
        items: list[Item] = []
        for section in featured_first(self.plan):
            mine = [d for d in duties if self.index.section_of[d.number] is section]
            if not mine:
                continue
            opening: list[Item] = [
                self.section_heading(section.section, section_level),
                GroupHead(section.label, self.cells(functools.partial(self.paras, section.heading)), "section"),
                *self.notes_item(section.notes),
            ]
            printed: set[str] = set()
            for duty in mine:
                for group in self.index.groups_above(duty):
                    if group.number not in printed:
                        printed.add(group.number)
                        opening.append(GroupHead(group.label, self.cells(functools.partial(self.paras, group.heading))))
                        opening += self.notes_item(group.notes)
                card = self.card(duty, section_level + 1)
                items.append(Unit(self.unit_anchor(self.index, duty), (*opening, card)))
                opening = []
        return items

    def notes_item(self, notes) -> list[Item]:
        if not notes:
            return []
        from .content.pages import _Views

        return [Prose(self.cells(lambda lang: _Views(self.index, lang, self.context).notes(notes)), ("plan-notes",))]

    # prose parts
    def how_to_use(self) -> list[Item]:
        plan = self.plan
        featured = plan.info.featured_section
        others = [s.section for s in featured_first(plan)[1:]]

        def body(lang: str) -> list[Block]:
            title = self.t(plan.info.title, lang)
            if others:
                names = [label("section_title", lang, letter=x) for x in others]
                listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {word('and', lang)} " + names[-1]
            else:
                listed = ""
            blocks: list[Block] = [Para(_fill(word("use_whole", lang, featured=featured, others=listed), title=title))]
            if not others:
                blocks = [Para(_fill(word("use_whole", lang, featured=featured, others="").split(";")[0] + ".", title=title))]
            if len(self.langs) > 1:
                blocks.append(Para((word("use_parallel", lang),)))
            blocks.append(Para((word("use_card", lang),)))
            blocks.append(Para((word("use_faithful", lang),)))
            if lang == "en":
                blocks.append(Para((word("use_translation", lang),)))
            blocks.append(Para((word("use_qr" if plan.info.site_url else "use_path", lang),)))
            refs = [
                ("find_agency", "agency-directory"),
                ("find_topic", "topic-index"),
                ("find_schedule", "schedule"),
                ("find_legal", "legal-documents"),
            ]
            blocks.append(Para((word("use_find", lang),)))
            blocks.append(Items(tuple((PageRef((word(key, lang),), anchor),) for key, anchor in refs), ("find",)))
            return blocks

        return [self.part("how_to_use", "how-to-use"), Prose(self.cells(body))]

    def convention(self) -> list[Item]:
        plan = self.plan

        def body(lang: str) -> list[Block]:
            blocks: list[Block] = [
                Para(_fill(word("convention_what", lang), convention=self.t(plan.info.convention, lang))),
                Para(
                    _fill(
                        word(
                            "convention_plan",
                            lang,
                            sections=_count(len(plan.sections), "section", lang),
                            duties=_count(len(plan.duties), "duty", lang),
                        ),
                        title=self.t(plan.info.title, lang),
                    )
                ),
                Items(
                    tuple(
                        (
                            Span(
                                (word("section_count", lang, letter=s.section, count=_count(len(s.duties), "duty", lang)),),
                                classes=("lead-in",),
                            ),
                            self.t(s.heading, lang),
                        )
                        for s in plan.sections
                    ),
                    ("sections",),
                ),
                Para((word("convention_featured", lang, featured=plan.info.featured_section),)),
            ]
            return blocks

        return [self.part("convention_part", "convention"), Prose(self.cells(body))]

    # back matter
    def ref(self, duty: Duty) -> tuple[str, str]:
        return duty.number, self.duty_anchor(self.index, duty)

    def featured_order(self, duties) -> list[Duty]:
        order = {s.section: i for i, s in enumerate(featured_first(self.plan))}
        position = {d.number: i for i, d in enumerate(self.index.in_order)}
        return sorted(duties, key=lambda d: (order[d.section], position[d.number]))

    def labels(self, key: str, **values) -> Multi:
        return tuple((lang, label(key, lang, **values)) for lang in self.langs)

    def texts(self, value: Text) -> Multi:
        return tuple((lang, self.t(value, lang)) for lang in self.langs)

    def same(self, value: str) -> Multi:
        return tuple((lang, value) for lang in self.langs)

    def lead_shorts(self, duty: Duty) -> Multi:
        """The short names of a duty's lead agencies."""
        return tuple(
            (lang, ", ".join(self.t(self.plan.agencies[a].short, lang).parts[0] for a in duty.lead_agencies()))
            for lang in self.langs
        )

    def agency_directory(self) -> list[Item]:
        return [self.part("agency_directory", "agency-directory"), *(self.agency_entry(a) for a in self.plan.agencies)]

    def agency_entry(self, agency_id: str) -> Entry:
        agency = self.plan.agencies[agency_id]
        roles = self.index.by_agency[agency_id]
        fields = [
            (self.multi(lambda lang: label("short_name", lang)), self.texts(agency.short)),
            (self.labels("kind"), self.labels("agency_" + agency.kind)),
        ]
        if agency.note:
            fields.append((self.labels("description"), self.texts(agency.note)))
        refs = []
        for role, key in (
            ("lead", "leads"),
            ("coordinates", "coordinates"),
            ("within_competence", "within_competence_role"),
            ("requested", "requested"),
        ):
            duties = [inv.duty for inv in roles[role]]
            if duties:
                title = tuple((lang, f"{words} ({len(duties)})") for lang, words in self.labels(key))
                refs.append((title, tuple(self.ref(d) for d in self.featured_order(duties))))
        depending = self.index.deadlines_by_agency.get(agency_id, [])
        if depending:
            refs.append((self.labels("deadline_set_by"), tuple(self.ref(d) for d in self.featured_order(depending))))
        issued = self.index.documents_by_issuer.get(agency_id, [])
        if issued:
            cited = tuple(
                (
                    lang,
                    Span(
                        tuple(
                            interleave(
                                [PageRef((self.t(self.plan.legal_documents[d].cited_as, lang),), "legal-" + d) for d in issued],
                                "; ",
                            )
                        )
                    ),
                )
                for lang in self.langs
            )
            fields.append((self.labels("documents_issued"), cited))
        if not refs:
            fields.append((self.labels("duties"), self.labels("no_duties")))
        return Entry("agency-" + agency_id, self.texts(agency.name), tuple(fields), tuple(refs))

    def topic_index(self) -> list[Item]:
        items: list[Item] = [self.part("topic_index", "topic-index")]
        for topic_id, topic in self.plan.topics.items():
            duties = self.featured_order(self.index.by_topic[topic_id])
            fields = ((self.labels("description"), self.texts(topic.description)),)
            count = tuple((lang, word("duties_n", lang, count=len(duties))) for lang in self.langs)
            refs = ((count, tuple(self.ref(d) for d in duties)),) if duties else ()
            items.append(Entry("topic-" + topic_id, self.texts(topic.name), fields, refs))
        return items

    def schedule(self) -> list[Item]:
        items: list[Item] = [self.part("schedule", "schedule")]
        recurring, by_year, open_ended = self.index.schedule
        groups: list[tuple[str, Multi, list[Duty]]] = [("every-year", self.labels("recurring"), recurring)]
        groups += [(f"year-{year}", self.labels("in_year", year=year), duties) for year, duties in by_year.items()]
        groups.append(("open-ended", self.labels("open_ended"), open_ended))
        header = (
            self.multi(lambda lang: word("duty_short", lang)),
            self.multi(lambda lang: word("lead_short", lang)),
            self.labels("deadline_in_words"),
        )
        running = self.joined(lambda lang: word("schedule", lang))
        for anchor, title, duties in groups:
            if not duties:
                continue
            items.append(Heading(2, title, "schedule-" + anchor, " / ".join(t for _, t in title), running))
            rows = tuple(
                (d.number, self.duty_anchor(self.index, d), self.lead_shorts(d), self.texts(d.deadline.as_printed))
                for d in self.featured_order(duties)
            )
            items.append(ScheduleTable(rows, header))
        return items

    def legal(self) -> list[Item]:
        items: list[Item] = [self.part("legal", "legal-documents")]
        for doc_id, doc in self.plan.legal_documents.items():
            fields = []
            if doc.number:
                fields.append((self.labels("doc_number"), self.same(doc.number)))
            if doc.date:
                fields.append((self.labels("date"), self.same(doc.date.strftime("%d/%m/%Y"))))
            if doc.issuer:
                issuer = self.plan.agencies[doc.issuer].name
                pageref = tuple((lang, PageRef((self.t(issuer, lang),), "agency-" + doc.issuer)) for lang in self.langs)
                fields.append((self.labels("issuer"), pageref))
            if doc.subject:
                fields.append((self.labels("subject"), self.texts(doc.subject)))
            citing = self.featured_order(self.index.by_legal_document[doc_id])
            refs = ((self.labels("cited_by"), tuple(self.ref(d) for d in citing)),) if citing else ()
            items.append(Entry("legal-" + doc_id, self.texts(doc.cited_as), tuple(fields), refs))
        return items


# word() needs these two, which live in labels.py for the site
_WORDS["schedule"] = (label("schedule_title", "vi"), label("schedule_title", "en"))
_WORDS["legal"] = (label("legal_title", "vi"), label("legal_title", "en"))


def _count(n: int, noun: str, lang: str):
    """``n`` and an English noun, singular or plural (Vietnamese nouns do not change)."""
    if lang != "en":
        return n
    plural = {"duty": "duties", "section": "sections"}[noun]
    return f"{n} {noun if n == 1 else plural}"


def _fill(template: str, **values: Inline) -> tuple[Inline, ...]:
    """``template`` with ``{name}`` placeholders replaced by inlines (data stays a separate part)."""
    parts: list[Inline] = []
    rest = template
    while "{" in rest:
        before, _, after = rest.partition("{")
        name, _, rest = after.partition("}")
        parts += [before, values[name]] if before else [values[name]]
    if rest:
        parts.append(rest)
    return tuple(parts)


# -- the documents -----------------------------------------------------------------------


@dataclass
class _Doc:
    kind: str
    key: str
    lang: str
    langs: tuple[str, ...]
    cover: Cover
    flow: list[Item] = field(default_factory=list)


def _cover(b: _Builder, kicker_key: str, edition: datetime.date, subject: Multi = ()) -> Cover:
    plan = b.plan
    parallel = len(b.langs) > 1
    return Cover(
        kicker=b.multi(lambda lang: word(kicker_key, lang)),
        title=b.multi(lambda lang: b.t(plan.info.title, lang)),
        subject=subject,
        convention=b.multi(lambda lang: b.t(plan.info.convention, lang)),
        province=b.multi(lambda lang: word("province", lang, province=plan.info.province.get(lang) or plan.info.province.vi)),
        edition=b.multi(lambda lang: word("edition_of", lang, date=format_date(edition, lang))),
        language=b.multi(lambda lang: word("edition_parallel" if parallel else "edition_name", lang)),
    )


def _handbook(b: _Builder, edition: datetime.date) -> _Doc:
    plan, langs = b.plan, b.langs
    lang = langs[0] if len(langs) == 1 else PARALLEL
    doc = _Doc("full" if len(langs) == 1 else "parallel", "", lang, langs, _cover(b, "kicker_full" if len(langs) == 1 else "kicker_parallel", edition))
    doc.flow += b.how_to_use()
    doc.flow += b.convention()
    featured, *others = featured_first(plan)
    doc.flow += b.duties_flow(list(featured.duties), 1)
    if others:
        doc.flow.append(b.part("annex", "annex", "annex_running"))
        doc.flow += b.duties_flow([d for s in others for d in s.duties], 2)
    doc.flow += b.agency_directory()
    doc.flow += b.topic_index()
    doc.flow += b.schedule()
    doc.flow += b.legal()
    return doc


def _booklet_intro(b: _Builder, lead: list[Block]) -> tuple[Item, ...]:
    """A booklet's "how to use it" page: ``lead`` paragraphs, then what every booklet says."""
    lang = b.langs[0]
    intro = [*lead, Para((word("use_faithful", lang),))]
    if lang == "en":
        intro.append(Para((word("use_translation", lang),)))
    intro.append(Para((word("use_qr" if b.plan.info.site_url else "use_path", lang),)))
    intro.append(Para((word("booklet_whole", lang),)))
    return (b.part("how_to_use_booklet", "how-to-use"), Prose(((lang, tuple(intro)),)))


def _booklet(b: _Builder, kind: str, key: str, subject: Multi, edition: datetime.date, front, parts) -> Booklet:
    plan, lang = b.plan, b.langs[0]
    cover = _cover(b, f"kicker_{kind}", edition, subject)
    return Booklet(
        source=handbook_path(lang),
        parts=tuple(parts),
        front=front,
        cover=cover,
        lang=lang,
        title=plain(subject[0][1]) + " — " + (plan.info.title.get(lang) or plan.info.title.vi),
        author=word("province", lang, province=plan.info.province.get(lang) or plan.info.province.vi),
        description=plain(cover.kicker[0][1]),
        created=edition.isoformat(),
        doc_kind=kind,
    )


def _agency_booklet(b: _Builder, agency_id: str, edition: datetime.date) -> Booklet:
    plan, index, lang = b.plan, b.index, b.langs[0]
    agency = plan.agencies[agency_id]
    led, other = agency_duties(index, agency_id)
    lead: list[Block] = [
        Para(
            _fill(
                word("booklet_agency", lang, count=_count(len(led) + len(other), "duty", lang)),
                title=b.t(plan.info.title, lang),
                agency=b.t(agency.name, lang),
            )
        ),
        Para(
            (word("booklet_agency_order", lang, led=_count(len(led), "duty", lang), other=_count(len(other), "duty", lang)),)
        ),
    ]
    parts = []
    for key, anchor, duties in (("led_part", "led", led), ("supported_part", "supported", other)):
        if duties:
            title = f"{word(key, lang)} ({len(duties)})"
            heading = Heading(1, ((lang, title),), anchor, title, word(key, lang), classes=("divider",))
            entries = tuple(
                (d.number, b.unit_anchor(index, d), ((lang, b.role_words(d, agency_id, lang)),)) for d in duties
            )
            parts.append(BookletPart(heading, entries))
    subject = b.multi(lambda lg: b.t(agency.name, lg))
    return _booklet(b, "agency", agency_id, subject, edition, _booklet_intro(b, lead), parts)


def _topic_booklet(b: _Builder, topic_id: str, edition: datetime.date) -> Booklet:
    plan, index, lang = b.plan, b.index, b.langs[0]
    topic = plan.topics[topic_id]
    duties = index.by_topic[topic_id]
    lead: list[Block] = [
        Para(
            _fill(
                word("booklet_topic", lang, count=_count(len(duties), "duty", lang)),
                title=b.t(plan.info.title, lang),
                topic=b.t(topic.name, lang),
            )
        ),
        *b.paras(topic.description, lang, ("topic-description",)),
        Para((word("booklet_topic_note", lang),)),
    ]
    entries = tuple((d.number, b.unit_anchor(index, d), b.lead_shorts(d)) for d in duties)
    subject = b.multi(lambda lg: b.t(topic.name, lg))
    return _booklet(b, "topic", topic_id, subject, edition, _booklet_intro(b, lead), [BookletPart(None, entries)])


_TOKEN = re.compile(r"(\s+)")


def unbroken(value: str) -> list[tuple[str, bool]]:
    """``value`` in pieces, each flagged when it must not break across lines.

    A number with a slash or a dash (``364/QĐ-TTg``, ``17/3/2015``, ``2023–2024``)
    is kept on one line: split, it would read as two things and be extracted as two.
    """
    pieces: list[tuple[str, bool]] = []
    for token in _TOKEN.split(value):
        whole = any(c.isdigit() for c in token) and any(c in "/-–" for c in token) and not token.isspace()
        if pieces and not whole and not pieces[-1][1]:
            pieces[-1] = (pieces[-1][0] + token, False)
        elif token:
            pieces.append((token, whole))
    return pieces


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    types = {
        "span": Span,
        "link": Link,
        "download": Download,
        "pageref": PageRef,
        "para": Para,
        "items": Items,
        "fields": Fields,
        "table": Table,
        "aside": Aside,
        "section": Section,
    }
    for name, kind in types.items():
        env.tests[name] = lambda value, kind=kind: isinstance(value, kind)
    env.globals["unbroken"] = unbroken
    return env


@functools.lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    return _environment().get_template("handbook.html.jinja")


def _flat(flow) -> list:
    """The items of a flow with the units opened up."""
    out = []
    for item in flow:
        out += item.items if isinstance(item, Unit) else [item]
    return out


def _anchors(flow: list[Item]) -> set[str]:
    return {item.anchor for item in _flat(flow) if getattr(item, "anchor", "")}


def _resolver(index: PlanIndex, anchors: set[str]) -> Callable[[str], str | None]:
    """Docname of a web page -> the anchor of the same thing in this document (or None)."""
    by_doc = {duty_doc(index, d): "duty-" + index.slug(d) for d in index.in_order}

    def resolve(docname: str) -> str | None:
        page, _, fragment = docname.partition("#")
        if page in by_doc:
            anchor = by_doc[page]
        elif page.startswith("plan/agencies/"):
            anchor = "agency-" + page.rsplit("/", 1)[1]
        elif page.startswith("plan/topics/"):
            anchor = "topic-" + page.rsplit("/", 1)[1]
        elif page == "plan/legal-documents" and fragment:
            anchor = "legal-" + fragment
        else:
            return None
        return "#" + anchor if anchor in anchors else None

    return resolve


def _no_links(docname: str) -> None:
    return None


def _page_html(*, kind: str, doc_lang: str, langs: tuple[str, ...], stamped: bool, flow, toc_items, resolve, **meta) -> str:
    return _template().render(
        doc={"kind": kind, "lang": doc_lang},
        body_classes=f"{kind} lang-{doc_lang}" + (" parallel" if len(langs) > 1 else "") + (" stamped" if stamped else ""),
        lang=langs[0] if len(langs) == 1 else "vi",
        langs=langs,
        parallel=len(langs) > 1,
        flow=flow,
        toc_items=toc_items,
        resolve=resolve,
        words={lang: {key: word(key, lang) for key in ("contents", "column_vi", "column_en", "on_the_web", "page_column")} for lang in LANGUAGES},
        untranslated={lang: label("untranslated", lang) for lang in LANGUAGES},
        outdated={lang: label("outdated", lang) for lang in LANGUAGES},
        **meta,
    )


def _render(plan: Plan, index: PlanIndex, doc: _Doc, path: str, edition: datetime.date) -> Document:
    langs = doc.langs
    flat = _flat(doc.flow)
    headings = [item for item in flat if isinstance(item, (Heading, Card)) and item.toc]
    toc = tuple((h.level, h.toc, h.anchor) for h in headings)
    cover = doc.cover
    title = " / ".join(plan.info.title.get(lang) or plan.info.title.vi for lang in langs)
    author = " / ".join(word("province", lang, province=plan.info.province.get(lang) or plan.info.province.vi) for lang in langs)
    html = _page_html(
        kind=doc.kind,
        doc_lang=doc.lang,
        langs=langs,
        stamped=stamped(doc.kind),
        flow=doc.flow,
        toc_items=headings,
        resolve=_resolver(index, _anchors(doc.flow)),
        title=title,
        author=author,
        description=" / ".join(plain(v) for _, v in cover.kicker),
        created=edition.isoformat(),
        cover=cover,
    )
    duties = tuple(item.number for item in flat if isinstance(item, Card))
    starts = ()
    if stamped(doc.kind):
        starts = tuple(
            item.anchor for item in doc.flow if isinstance(item, Unit) or (isinstance(item, Heading) and item.level == 1)
        )
    return Document(path, doc.kind, doc.key, doc.lang, title, html, toc, duties, page_starts=starts)


def booklet_document(booklet: Booklet, path: str, key: str) -> Document:
    toc: list[tuple[int, str, str]] = [(1, h.toc, h.anchor) for h in booklet.front if isinstance(h, Heading) and h.toc]
    level = 1
    for part in booklet.parts:
        if part.heading is not None:
            toc.append((1, part.heading.toc, part.heading.anchor))
            level = 2
        for number, anchor, _ in part.duties:
            toc.append((level, label("duty_title", booklet.lang, number=number), anchor))
    duties = tuple(number for part in booklet.parts for number, _, _ in part.duties)
    return Document(path, booklet.doc_kind, key, booklet.lang, booklet.title, "", tuple(toc), duties, booklet=booklet)


@dataclass(frozen=True)
class BookletLayout:
    """Where everything of an assembled booklet goes (page indexes from 0)."""

    front_pages: int  # cover, contents, how to use it (the dividers come after, one page each)
    pieces: tuple[tuple[str, int, int], ...]  # ("front", index, 1) or (unit anchor, first page in source, count)
    marks: tuple[tuple[int, str, int], ...]  # (level, title, page) for the outline


def booklet_layout(booklet: Booklet, units: dict[str, tuple[int, int]], front_pages: int) -> BookletLayout:
    """Lay the booklet out, given its front's length and each unit's pages in the source
    (``units``: anchor -> (first page, page count))."""
    pieces: list[tuple[str, int, int]] = [("front", i, 1) for i in range(front_pages)]
    marks: list[tuple[int, str, int]] = []
    page = front_pages
    divider = front_pages
    level = 1
    for part in booklet.parts:
        if part.heading is not None:
            marks.append((1, part.heading.toc, page))
            pieces.append(("front", divider, 1))
            divider += 1
            page += 1
            level = 2
        for number, anchor, _ in part.duties:
            first, count = units[anchor]
            marks.append((level, label("duty_title", booklet.lang, number=number), page))
            pieces.append((anchor, first, count))
            page += count
    return BookletLayout(front_pages, tuple(pieces), tuple(marks))


def booklet_front_html(booklet: Booklet, layout: BookletLayout) -> str:
    """The booklet's own pages (cover, contents, how to use it, part dividers) with the
    contents' page numbers of the assembled booklet."""
    lines: list[TocLine] = [TocLine(1, h.toc, 0, anchor=h.anchor) for h in booklet.front if isinstance(h, Heading) and h.toc]
    notes = {anchor: note for part in booklet.parts for _, anchor, note in part.duties}
    titles = iter(layout.marks)
    for part in booklet.parts:
        if part.heading is not None:
            level, title, page = next(titles)
            lines.append(TocLine(level, title, page + 1))
        for _, anchor, _ in part.duties:
            level, title, page = next(titles)
            lines.append(TocLine(level, title, page + 1, notes[anchor]))
    dividers = [part.heading for part in booklet.parts if part.heading is not None]
    return _page_html(
        kind=booklet.doc_kind,
        doc_lang=booklet.lang,
        langs=(booklet.lang,),
        stamped=True,
        flow=[*booklet.front, *dividers],
        toc_items=lines,
        resolve=_no_links,
        title=booklet.title,
        author=booklet.author,
        description=booklet.description,
        created=booklet.created,
        cover=booklet.cover,
    )


def outdated_texts(plan: Plan, data_dir: Path) -> frozenset:
    """The (vi, en) pairs whose English may be out of date, as the site marks them."""
    from .data import translations

    return translations.outdated_texts(plan, translations.read_lock(data_dir))


def documents(
    plan: Plan,
    edition: datetime.date,
    kinds=("full", "parallel", "agency", "topic"),
    outdated: frozenset = frozenset(),
) -> list[Document]:
    """Every handbook and booklet of ``plan`` as HTML, ready for printing.

    ``outdated`` holds the (vi, en) pairs to mark as possibly out of date
    (:func:`outdated_texts`).
    """
    index = PlanIndex(plan)
    context = SiteContext(outdated=outdated)

    def builder(langs) -> _Builder:
        return _Builder(plan, index, tuple(langs), context)

    out: list[Document] = []
    if "full" in kinds:
        for lang in LANGUAGES:
            out.append(_render(plan, index, _handbook(builder([lang]), edition), handbook_path(lang), edition))
    if "parallel" in kinds:
        out.append(_render(plan, index, _handbook(builder(LANGUAGES), edition), handbook_path(PARALLEL), edition))
    if "agency" in kinds:
        for agency_id in booklet_agencies(index):
            for lang in LANGUAGES:
                booklet = _agency_booklet(builder([lang]), agency_id, edition)
                out.append(booklet_document(booklet, booklet_path("agencies", agency_id, lang), agency_id))
    if "topic" in kinds:
        for topic_id in booklet_topics(index):
            for lang in LANGUAGES:
                booklet = _topic_booklet(builder([lang]), topic_id, edition)
                out.append(booklet_document(booklet, booklet_path("topics", topic_id, lang), topic_id))
    return out
