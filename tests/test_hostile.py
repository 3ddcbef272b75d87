"""Hostile and broken data, built into the real site: nothing injected, nothing lost."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import synthetic
from hostile_corpus import CASES, MEGABYTE_TEXT, REFUSED_IDS, REFUSED_TEXT
from hypothesis import given, settings
from hypothesis import strategies as st
from sitebuild import build, main_content, site_project, soup

from generator.data.load import load_text
from generator.data.validate import check

#: Tags that only data could have put into a generated page's body.
FOREIGN_TAGS = {"script", "style", "iframe", "img", "svg", "strong", "em", "b", "code", "pre", "blockquote", "ol", "math", "h4", "object", "embed"}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _lines(text: str) -> list[str]:
    return [line for line in _nfc(text).split("\n") if line.strip()]


def _project_files(project: Path) -> set[Path]:
    """The project's files but what a build is meant to write: _build/, the generated
    docs/plan/, and the .mo catalogues Sphinx compiles next to their .po files."""
    return {
        p
        for p in project.rglob("*")
        if "_build" not in p.parts
        and p.relative_to(project).parts[:2] != ("docs", "plan")
        and p.suffix != ".mo"
    }


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """One duty and one agency per case; every text field of both holds the case."""
    project = site_project(tmp_path_factory.mktemp("hostile"))
    agencies, duties, big = [], [], []
    for i, (name, body) in enumerate(CASES, start=1):
        # Agency names show in every page's navigation: keep the megabyte out of them.
        agency_text = "megabyte agency" if body == MEGABYTE_TEXT else body
        agencies.append(synthetic.agency(f"a{i}", agency_text, agency_text, note=agency_text))
        if body == MEGABYTE_TEXT:
            # A data file may hold at most 5 MB: the megabyte goes into the task only, in its own file.
            record = synthetic.duty("D.I", f"a{i}", "t", "Nhiệm vụ")
            record["task"] = synthetic.text(body)
            big.append(record)
        else:
            duties.append(synthetic.duty(f"C.I.{i}", f"a{i}", "t", body, coordinating=f"a{i % len(CASES) + 1}"))
    sections = [
        {
            "section": "C",
            "slug": "c",
            "label": "C.",
            "heading": synthetic.text("Mục thử"),
            "groups": [{"number": "C.I", "label": "I.", "heading": synthetic.text("Nhóm thử")}],
            "duties": duties,
        },
        {"section": "D", "slug": "d", "label": "D.", "heading": synthetic.text("Mục lớn"), "duties": big},
    ]
    import shutil

    shutil.rmtree(project / "plan_data")
    synthetic.write_plan(project, sections, agencies, [synthetic.topic("t", "Chủ đề")])
    before = _project_files(project)
    html = build(project)
    return project, html, before


#: Every case but the megabyte, which has its own test (it fits only in a task, see hostile_site).
FIELD_CASES = [i for i, (_, body) in enumerate(CASES) if body != MEGABYTE_TEXT]


@pytest.mark.parametrize("case", FIELD_CASES, ids=[CASES[i][0] for i in FIELD_CASES])
def test_every_field_of_a_duty_shows_the_literal_text(hostile_site, case):
    _, html, _ = hostile_site
    name, body = CASES[case]
    for lang in ("vi", "en"):
        page = soup(html / lang / "plan" / "duties" / f"c-i-{case + 1}.html")
        article = main_content(page)
        assert [p.get_text() for p in article.select("#task p")] == _lines(body)
        assert [li.get_text() for li in article.select("#results li")] == [_nfc(body)]
        assert [p.get_text() for p in article.select("#deadline dd")[0].find_all("p")] == _lines(body)
        printed = [p.get_text() for p in article.select(".as-printed p:not(.admonition-title)")]
        assert printed[1] == _nfc(body) and printed[3] == "– " + _nfc(body)
        note = article.select_one("#notes .source-note")
        paragraphs = note.select("p:not(.admonition-title)")
        assert [p.get_text() for p in paragraphs][:-1] == _lines(body)
        assert f"“{_nfc(body)}”" in paragraphs[-1].get_text()
        _assert_nothing_from_data(article, page)
        if name.startswith("jinja") or name == "template-literal":
            assert "49" not in article.get_text()


@pytest.mark.parametrize("case", range(len(CASES)), ids=[name for name, _ in CASES])
def test_every_field_of_an_agency_shows_the_literal_text(hostile_site, case):
    _, html, _ = hostile_site
    _, body = CASES[case]
    if body == MEGABYTE_TEXT:
        body = "megabyte agency"
    for lang in ("vi", "en"):
        page = soup(html / lang / "plan" / "agencies" / f"a{case + 1}.html")
        article = main_content(page)
        assert article.find("h1").get_text() == _nfc(body)
        assert article.select(".plan-fields dd p")[0].get_text() == _nfc(body)  # short name
        assert [p.get_text() for p in article.select("p.agency-note")] == _lines(body)
        _assert_nothing_from_data(article, page)
        slug = "d-i" if CASES[case][1] == MEGABYTE_TEXT else f"c-i-{case + 1}"
        duty_page = main_content(soup(html / lang / "plan" / "duties" / f"{slug}.html"))
        assert duty_page.select_one("#lead li a").get_text() == _nfc(body)


def _assert_nothing_from_data(article, page) -> None:
    assert not {tag.name for tag in article.find_all(True)} & FOREIGN_TAGS
    for tag in article.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag
    for tag in page.find_all(href=True):
        assert not tag["href"].strip().lower().startswith(("javascript:", "data:")), tag
    for tag in page.find_all(src=True):
        assert not tag["src"].strip().lower().startswith(("javascript:", "data:text")), tag


def test_no_file_outside_the_site_was_read_or_written(hostile_site):
    project, html, before = hostile_site
    after = _project_files(project)
    assert after == before
    for lang in ("vi", "en"):
        assert not (html / lang / "_downloads").exists()
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").is_file() else ""
    if len(hostname) >= 8:
        for page in html.rglob("*.html"):
            assert hostname not in page.read_text(encoding="utf-8"), page


def test_megabyte_text_is_shown_whole(hostile_site):
    _, html, _ = hostile_site
    for lang in ("vi", "en"):
        article = main_content(soup(html / lang / "plan" / "duties" / "d-i.html"))
        assert article.select_one("#task p").get_text() == MEGABYTE_TEXT


# -- refused before anything is built ----------------------------------------------


def _minimal_with(tmp_path: Path, agency_id: str = "so-tu-phap", agency_name: str = "Sở Tư pháp") -> Path:
    agencies = [synthetic.agency(agency_id, agency_name)]
    section = {
        "section": "C",
        "slug": "c",
        "label": "C.",
        "heading": synthetic.text("Mục"),
        "duties": [synthetic.duty("C.I", agency_id, "t", "Nhiệm vụ")],
    }
    return synthetic.write_plan(tmp_path, [section], agencies, [synthetic.topic("t", "Chủ đề")])


@pytest.mark.parametrize("name, text, message", REFUSED_TEXT, ids=[c[0] for c in REFUSED_TEXT])
def test_invisible_characters_in_names_are_refused(tmp_path, name, text, message):
    data = _minimal_with(tmp_path, agency_name=text)
    plan, diagnostics = check(data, tmp_path)
    assert plan is None
    assert [str(d) for d in diagnostics] == [
        f"plan_data/agencies.yaml:{line}:5: agency so-tu-phap: {message} in '{field}'; delete it"
        for line, field in ((4, "name.vi"), (5, "name.en"), (7, "short.vi"), (8, "short.en"))
    ]


@pytest.mark.parametrize("ident, message", REFUSED_IDS, ids=[c[0] for c in REFUSED_IDS])
def test_path_like_and_reserved_ids_are_refused(tmp_path, ident, message):
    data = _minimal_with(tmp_path, agency_id=ident)
    plan, diagnostics = check(data, tmp_path)
    assert plan is None
    schema_errors = [str(d) for d in diagnostics if "agencies.yaml" in str(d.location)]
    assert len(schema_errors) == 1 and message in schema_errors[0]
    assert schema_errors[0].startswith(f"plan_data/agencies.yaml:2:3: agency {ident}: 'id' is '{ident}'")


# -- properties ----------------------------------------------------------------------

texts = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Co")), max_size=200)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_any_text_round_trips_through_the_loader(value):
    import yaml

    dumped = yaml.safe_dump({"t": value}, allow_unicode=True)
    loaded, problems = load_text(dumped, "x.yaml")
    assert problems == []
    assert loaded.data == {"t": _nfc(value)}


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Co")), max_size=120))
def test_any_text_round_trips_through_the_myst_escaper(value):
    """myst_escape(text), parsed by MyST, renders as exactly the text (lines become hard breaks)."""
    from docutils.core import publish_doctree
    from myst_parser.parsers.docutils_ import Parser

    from generator.site.stubs import myst_escape

    value = value.replace("\r", "")
    tree = publish_doctree(
        myst_escape(value),
        parser=Parser(),
        settings_overrides={"report_level": 5, "halt_level": 5, "myst_enable_extensions": []},
    )
    assert _normalise_rendered(tree.astext()) == _normalise_rendered(value)


def _normalise_rendered(text: str) -> str:
    # MyST trims a paragraph's outer whitespace and leading spaces are made no-break spaces.
    lines = [line.replace("\u00a0", " ").rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip()


# -- activity records (implementation tracking) ------------------------------------------


@pytest.fixture(scope="module")
def hostile_tracking_site(tmp_path_factory):
    """The tracking fixture with one record per case: every text field of it holds the case."""
    import yaml

    project = site_project(tmp_path_factory.mktemp("hostile-tracking"), "tracking")
    records = [
        {
            "id": f"h-{i}",
            "duties": ["C.I"],
            "agencies": ["so-tu-phap"],
            "kind": "other",
            "date": "2024-07-01",
            "title": {"vi": body, "en": body},
            "summary": {"vi": body, "en": body},
            "place": {"vi": body, "en": body},
            "source": {"document": {"reference": body, "issuer": body}},
            "recorded": "2024-07-02",
        }
        for i in FIELD_CASES
        for _, body in [CASES[i]]
    ]
    path = project / "plan_data" / "activities" / "2024-hostile.yaml"
    path.write_text(
        "# yaml-language-server: $schema=../schema/activities.schema.json\n"
        + yaml.safe_dump({"activities": records}, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return build(project)


@pytest.mark.parametrize("case", FIELD_CASES, ids=[CASES[i][0] for i in FIELD_CASES])
def test_every_field_of_an_activity_shows_the_literal_text(hostile_tracking_site, case):
    import xml.etree.ElementTree as ET

    html = hostile_tracking_site
    _, body = CASES[case]
    for lang in ("vi", "en"):
        page = soup(html / lang / "plan" / "activities" / "2024.html")
        record = main_content(page).find(id=f"h-{case}")
        assert record.find("h2").get_text() == _nfc(body)
        assert [p.get_text() for p in record.find_all("p", recursive=False)] == _lines(body)
        values = [p.get_text() for p in record.select("dd p")]
        assert _nfc(body) in values  # the place
        assert f"{_nfc(body)}, {_nfc(body)}" in values  # the document: reference, issuer
        _assert_nothing_from_data(record, page)
        feed = ET.parse(html / lang / "activities.atom").getroot()
        ns = "{http://www.w3.org/2005/Atom}"
        entry = next(e for e in feed.findall(f"{ns}entry") if e.find(f"{ns}id").text.endswith(f"/h-{case}"))
        assert entry.find(f"{ns}title").text == _nfc(body)
        assert entry.find(f"{ns}summary").text.endswith(_nfc(body))


@pytest.mark.browser
def test_search_results_show_hostile_text_as_text(hostile_site, browser):
    """Titles and excerpts from the search index are text: only our own elements appear."""
    from conftest import SEARCH_DONE, serve_folder

    _, html, _ = hostile_site
    with serve_folder(html) as server:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(f"{server}/vi/search.html?q=alert")
        page.wait_for_function(SEARCH_DONE, timeout=30_000)
        results = page.locator("#search-results")
        assert results.locator("li").count() >= 5
        tags = set(results.evaluate("ol => [...ol.querySelectorAll('*')].map(e => e.tagName.toLowerCase())"))
        assert tags <= {"li", "a", "p", "mark"}, tags
        hrefs = results.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
        assert all(h.startswith("/vi/plan/") for h in hrefs), hrefs
        text = results.inner_text()
        assert "<script>alert(1)</script>" in text or "alert(1)</script>" in text, text
        assert "onerror=alert(1)>" in text, text
        page.wait_for_timeout(500)
        assert dialogs == []
        page.close()
