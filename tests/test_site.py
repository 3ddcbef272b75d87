"""The website, built for real and read as HTML: pages, roles, search, safety, incremental builds."""

from __future__ import annotations

import re

import pytest
from sitebuild import build, main_content, pages_showing_task, site_project, soup

from generator.data.validate import load_plan

pytestmark = pytest.mark.site  # every test here builds or reads a built site



@pytest.fixture(scope="module")
def real(real_html):
    return real_html


def duty_slug(number: str) -> str:
    letter, *rest = number.split(".")
    return "-".join([{"Đ": "dd"}.get(letter, letter.lower()), *(p.lower() for p in rest)])


def test_front_door_links_both_languages(real):
    html, _ = real
    page = soup(html / "index.html")
    targets = {a["href"] for a in page.find_all("a")}
    assert {"vi/index.html", "en/index.html"} <= targets
    assert (html / "vi" / "index.html").is_file() and (html / "en" / "index.html").is_file()


def test_every_duty_has_a_page_in_each_language_with_its_text(real):
    html, plan = real
    for duty in plan.duties:
        for lang in ("vi", "en"):
            page = soup(html / lang / "plan" / "duties" / f"{duty_slug(duty.number)}.html")
            body = main_content(page)
            assert duty.number in body.find("h1").get_text()
            task = " ".join(p.get_text() for p in body.select("#task p"))
            assert task == " ".join(line for line in duty.task.get(lang).split("\n") if line.strip())


def test_agency_pages_list_exactly_the_duties_that_name_them_by_role(real):
    html, plan = real
    for agency_id in plan.agencies:
        expected: dict[str, set[str]] = {"lead": set(), "coordinates": set(), "within-competence": set(), "requested": set()}
        for duty in plan.duties:
            for line in duty.lead:
                for entry in line.agencies:
                    if entry.agency == agency_id:
                        expected["lead"].add(duty.number)
            for line in duty.coordination:
                for entry in line.agencies:
                    if entry.agency == agency_id:
                        expected[entry.role.replace("_", "-")].add(duty.number)
        for lang in ("vi", "en"):
            body = main_content(soup(html / lang / "plan" / "agencies" / f"{agency_id}.html"))
            for role, numbers in expected.items():
                block = body.find(id=role)
                shown = {p.get_text() for p in block.select("p.duty-number")} if block else set()
                assert shown == numbers, (agency_id, lang, role)


def test_section_c_comes_first_and_the_rest_is_one_click_away(real):
    html, plan = real
    for lang in ("vi", "en"):
        body = main_content(soup(html / lang / "plan" / "index.html"))
        links = [a["href"] for a in body.find_all("a", href=True)]
        sections = [h for h in links if "sections/" in h]
        assert sections[0].endswith("sections/c.html")
        assert {f"sections/{s.slug}.html" for s in plan.sections} <= {h.split("plan/")[-1] for h in sections}


def test_english_pages_mark_untranslated_text_and_never_show_it_empty(tmp_path):
    project = site_project(tmp_path, "data-minimal")  # duty C.V.1 has no English task
    html = build(project)
    body = main_content(soup(html / "en" / "plan" / "duties" / "c-v-1.html"))
    task = body.select_one("#task p")
    span = task.find("span", class_="untranslated")
    assert span is not None and span["lang"] == "vi"
    assert span.get_text() == "Tổ chức lớp tập huấn cho cán bộ"
    assert "not yet translated" in task.get_text()


HOSTILE_VI = "<script>alert(1)</script> ```{raw} html\n{eval-rst} $$x$$ [a](javascript:alert(1)) {{ 7*7 }}"
HOSTILE_EN = '<b onmouseover="alert(1)">bold</b> {% raw %} `x <JaVaScRiPt:alert(1)>`_ {{ 7*7 }}'


def test_hostile_data_is_shown_as_exactly_its_text(tmp_path):
    project = site_project(tmp_path, "data-minimal", "site-hostile")
    html = build(project)
    for lang, expected in (("vi", HOSTILE_VI), ("en", HOSTILE_EN)):
        raw = (html / lang / "plan" / "duties" / "c-i.html").read_text(encoding="utf-8")
        body = main_content(soup(html / lang / "plan" / "duties" / "c-i.html"))
        shown = [p.get_text() for p in body.select("#task p")]
        assert shown == expected.split("\n")
        assert body.find("script") is None and body.find("b") is None
        assert not any(attr.startswith("on") for tag in body.find_all(True) for attr in tag.attrs)
        assert not any("javascript:" in (a.get("href") or "").lower() for a in body.find_all("a"))
        assert "49" not in body.get_text()
        assert "<script>alert(1)</script>" not in raw


def test_incremental_build_rereads_only_the_pages_that_show_the_changed_duty(tmp_path):
    """Change one duty's English task: the English build re-reads only the pages showing it."""
    from sphinx.application import Sphinx

    project = site_project(tmp_path, "data-minimal")
    build(project, langs=("en",))
    plan = load_plan(project / "plan_data")
    duty = plan.duties[0]  # C.I: led by so-tu-phap, coordinated by cong-an-tinh, uy-ban-mttq-tinh
    section = project / "plan_data" / "sections" / "c.yaml"
    section.write_text(
        section.read_text(encoding="utf-8").replace(duty.task.en, duty.task.en + " (revised)"), encoding="utf-8"
    )
    expected = pages_showing_task(plan, duty)
    reread: list[str] = []
    app = Sphinx(
        srcdir=project / "docs",
        confdir=project,
        outdir=project / "_build" / "incremental",
        doctreedir=project / "_build" / "doctrees" / "en",
        buildername="html",
        confoverrides={"language": "en"},
        status=None,
        warning=None,
        freshenv=False,
    )
    app.connect("env-before-read-docs", lambda app, env, docnames: reread.extend(docnames))
    app.build()
    assert set(reread) == expected
    page = (project / "_build" / "incremental" / "plan" / "duties" / "c-i.html").read_text(encoding="utf-8")
    assert "(revised)" in page


def test_pages_stay_the_same_name_in_both_languages(real):
    html, _ = real
    vi = {p.relative_to(html / "vi") for p in (html / "vi").rglob("*.html")}
    en = {p.relative_to(html / "en") for p in (html / "en").rglob("*.html")}
    assert vi == en
    assert re.search(r"plan/duties/c-v-1-2\.html", " ".join(str(p) for p in vi))


def test_agency_and_topic_lists_follow_vietnamese_alphabetical_order(real):
    html, plan = real
    body = main_content(soup(html / "vi" / "plan" / "agencies" / "index.html"))
    names = [a.get_text() for a in body.select("table a")]
    assert sorted(names) != names  # code-point order would differ: the check can fail
    assert names.index("Ủy ban nhân dân huyện, thị xã, thành phố") < names.index("Viện kiểm sát nhân dân tỉnh")
    assert names.index("Đài Phát thanh và Truyền hình An Giang") > names.index("Công an tỉnh")
    assert len(names) == len(plan.agencies)
    topics = [a.get_text() for a in main_content(soup(html / "vi" / "plan" / "topics" / "index.html")).select("li a")]
    assert topics.index("Trợ giúp pháp lý") < topics.index("Truyền thông")  # ơ < u in Vietnamese, not in code points
    english = [a.get_text() for a in main_content(soup(html / "en" / "plan" / "agencies" / "index.html")).select("table a")]
    assert english.index("An Giang Radio and Television") < english.index("Committee against Torture")


def test_duty_counts_agree_with_their_number_in_english(real):
    html, plan = real
    text = main_content(soup(html / "en" / "plan" / "topics" / "index.html")).get_text(" ")
    counts = re.findall(r"\((\d+) (dut(?:y|ies))\)", text)
    assert len(counts) == len(plan.topics)
    assert ("1", "duty") in counts  # the real plan has topics with a single duty
    assert all((n == "1") == (word == "duty") for n, word in counts)


def test_with_no_activity_record_every_duty_shows_no_evidence_never_a_guess(real):
    html, plan = real
    assert plan.activities == ()  # the sources hold no An Giang activity record
    for duty in plan.duties:
        for lang, words in (("vi", "Chưa ghi nhận kết quả"), ("en", "No evidence recorded")):
            page = soup(html / lang / "plan" / "duties" / f"{duty_slug(duty.number)}.html")
            status = main_content(page).find(id="status")
            assert words in status.get_text(" "), duty.number
