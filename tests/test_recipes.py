"""The maintainers' recipes (docs/maintainers.md), carried out on a copy of the real data and built.

Each recipe in the page is a `% recipe: NAME FILE [DUTY]` line followed by a
YAML block: the test takes the blocks from the page itself, so the
documentation and what works cannot drift apart.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import PROJECT
from sitebuild import build, main_content, site_project, soup

from generator.data.load import load_text
from generator.data.validate import check

RECIPE = re.compile(r"^% recipe: (\S+) (\S+)(?: (\S+))?\n\n```yaml\n(.*?)```", re.MULTILINE | re.DOTALL)


def recipes() -> list[tuple[str, str, str | None, str]]:
    return RECIPE.findall((PROJECT / "docs" / "maintainers.md").read_text(encoding="utf-8"))


def apply(data: Path, name: str, file: str, duty: str | None, block: str) -> None:
    path = data / file
    text = path.read_text(encoding="utf-8")
    if name.startswith("add-"):
        path.write_text(text.rstrip("\n") + "\n" + block, encoding="utf-8")
        return
    # change-…: replace the duty's field (the block's first key) with the block.
    field = block.strip().split(":", 1)[0]
    loaded, problems = load_text(text, file)
    assert not problems
    index = next(i for i, d in enumerate(loaded.data["duties"]) if d["number"] == duty)
    start = loaded.locate(("duties", index, field)).line - 1
    lines = text.split("\n")
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    lines[start:end] = block.rstrip("\n").split("\n")
    path.write_text("\n".join(lines), encoding="utf-8")


def test_the_page_has_the_recipes_the_tests_carry_out():
    assert [r[0] for r in recipes()] == ["add-duty", "add-agency", "add-topic", "change-deadline"]


@pytest.fixture(scope="module")
def after_recipes(tmp_path_factory):
    project = site_project(tmp_path_factory.mktemp("recipes"))
    for name, file, duty, block in recipes():
        apply(project / "plan_data", name, file, duty or None, block)
    plan, diagnostics = check(project / "plan_data", project)
    assert plan is not None, "\n".join(str(d) for d in diagnostics)
    return build(project), plan


def test_added_duty_agency_and_topic_have_their_pages(after_recipes):
    html, plan = after_recipes
    assert "C.IX" in [d.number for d in plan.duties]
    for lang, task in (("vi", "Tổ chức cuộc thi tìm hiểu về phòng, chống tra tấn"), ("en", "Organise a knowledge contest on preventing torture")):
        duty = main_content(soup(html / lang / "plan" / "duties" / "c-ix.html"))
        if lang == "vi":
            assert duty.select_one("#task p").get_text() == task
        else:  # new English, not yet confirmed by a translator: shown, and marked
            assert duty.select_one("#task p span.outdated").get_text() == task
            assert duty.select_one("#task p .outdated-mark") is not None
        agency = main_content(soup(html / lang / "plan" / "agencies" / "doan-thanh-nien-tinh.html"))
        assert [p.get_text() for p in agency.select("#coordinates p.duty-number")] == ["C.IX"]
        topic = main_content(soup(html / lang / "plan" / "topics" / "youth.html"))
        assert [p.get_text() for p in topic.select("p.duty-number")] == ["C.IX"]


def test_changed_deadline_shows_in_words_and_in_the_schedule(after_recipes):
    html, plan = after_recipes
    duty = next(d for d in plan.duties if d.number == "C.VIII")
    assert (duty.deadline.kind, duty.deadline.day, duty.deadline.month) == ("annual_by_date", 30, 6)
    page = main_content(soup(html / "vi" / "plan" / "duties" / "c-viii.html"))
    assert page.select("#deadline dd p")[0].get_text() == "Trước ngày 30/6 hàng năm"
    assert page.select("#deadline dd p")[1].get_text() == "Hàng năm, trước ngày 30/6"
