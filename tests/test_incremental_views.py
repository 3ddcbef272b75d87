"""A rebuild after an edit to duties' words works out only the pages that show them
(generator.content.incremental), and what it makes equals a build from scratch.

Each case edits the real data, works the views out from the previous build's, then
from nothing, and compares every page: its view, fingerprint, description, untranslated
count and links, and the figures of the home page.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from generator.content.incremental import ViewBasis, language_key, pages_to_redo
from generator.site.buildcache import load_views, store_views
from generator.site.extension import _work_out_pages
from sitebuild import site_project

AS_OF = "2026-06-30"


def _app(project: Path, lang: str):
    config = SimpleNamespace(plan_data_dir="plan_data", plan_ui_lang="en", plan_as_of=AS_OF, language=lang)
    return SimpleNamespace(config=config, confdir=str(project), srcdir=str(project / "docs"))


def work_out(project: Path, lang: str, keep_previous: bool = True):
    """Every page's views for ``lang``, as a Sphinx build works them out; stored for the next."""
    cache = project / "_build" / "cache"
    if not keep_previous:
        (cache / f"views-{lang}.pickle").unlink(missing_ok=True)
    pages = _work_out_pages(_app(project, lang), project, project / "plan_data", project / "docs", lang)
    store_views(cache, lang, "any", pages)
    return pages


def same_pages(left, right, basis: bool = True) -> None:
    """``left`` and ``right`` show the same pages (``basis``: and were made from the same data)."""
    assert left.docnames == right.docnames
    assert left.fingerprints == right.fingerprints
    assert left.untranslated == right.untranslated
    assert left.descriptions == right.descriptions
    assert left.kinds == right.kinds
    assert left.headline == right.headline
    assert left.handbook_links == right.handbook_links
    assert left.basis == right.basis or not basis
    for doc in left.docnames:
        assert left.view(doc) == right.view(doc), doc
        assert left.view(doc).links == right.view(doc).links, doc


def edit(project: Path, number: str, change) -> None:
    """Apply ``change`` to duty ``number``'s record in its section file (dumped again)."""
    for path in sorted((project / "plan_data" / "sections").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for duty in data.get("duties", []):
            if duty["number"] == number:
                change(duty)
                path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
                return
    raise AssertionError(f"no duty {number}")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return site_project(tmp_path_factory.mktemp("incremental") / "project")


@pytest.fixture(scope="module")
def numbers(project) -> list[str]:
    from generator.data.validate import load_plan

    return [d.number for d in load_plan(project / "plan_data").duties]


def _redone(pages) -> int:
    return len(pages._views)


def _append(field: str, lang: str, words: str):
    def change(duty):
        value = duty[field]
        target = value[0] if isinstance(value, list) else value
        if field == "deadline":
            target = value["as_printed"]
        if isinstance(target, str):  # a text given as Vietnamese only
            target = {"vi": target}
            if isinstance(value, list):
                value[0] = target
            else:
                duty[field] = target
        target[lang] = (target.get(lang) or "") + words

    return change


EDITS = {
    "task.en": _append("task", "en", " (edited)"),
    "task.vi": _append("task", "vi", " (đã sửa)"),
    "results.en": _append("results", "en", " (edited)"),
    "results.vi": _append("results", "vi", " (đã sửa)"),
    "deadline.en": _append("deadline", "en", " (edited)"),
}


#: Every STRIDE-th duty is edited, from another start in each language: all 47 duties in
#: both languages (the sweep passed when this was written) take nine minutes.
STRIDE = 4


@pytest.mark.parametrize("lang, start", [("vi", 0), ("en", 2)])
def test_duties_edited_one_by_one_give_the_pages_of_a_build_from_scratch(project, numbers, lang, start):
    original = {p: p.read_bytes() for p in (project / "plan_data" / "sections").glob("*.yaml")}
    work_out(project, lang)
    kinds = list(EDITS)
    try:
        for i, number in enumerate(numbers[start::STRIDE]):
            what = kinds[i % len(kinds)]
            edit(project, number, EDITS[what])
            incremental = work_out(project, lang)
            assert 0 < _redone(incremental) < len(incremental.docnames) / 2, (number, what)
            full = work_out(project, lang, keep_previous=False)
            assert _redone(full) == len(full.docnames)
            same_pages(incremental, full)
    finally:
        for path, content in original.items():
            path.write_bytes(content)


def test_every_field_of_one_duty(project, numbers):
    original = {p: p.read_bytes() for p in (project / "plan_data" / "sections").glob("*.yaml")}
    number = numbers[len(numbers) // 2]
    try:
        for lang in ("en", "vi"):
            work_out(project, lang)
            for what, change in EDITS.items():
                edit(project, number, change)
                incremental = work_out(project, lang)
                assert _redone(incremental) < len(incremental.docnames) / 2, what
                same_pages(incremental, work_out(project, lang, keep_previous=False))
    finally:
        for path, content in original.items():
            path.write_bytes(content)


def _language_keys(project: Path) -> dict[str, str]:
    from generator.data.validate import load_plan

    plan = load_plan(project / "plan_data")
    return {lang: language_key(plan, "frame", lang) for lang in ("vi", "en")}


def test_an_edit_to_english_words_leaves_the_vietnamese_pages_and_their_key(project, numbers):
    """The build skips the Vietnamese site when its key did not change (generator.site.build):
    each English edit here leaves every Vietnamese page's view as it was."""
    original = {p: p.read_bytes() for p in (project / "plan_data" / "sections").glob("*.yaml")}
    number = numbers[len(numbers) // 3]
    try:
        before, keys = work_out(project, "vi", keep_previous=False), _language_keys(project)
        for what in ("task.en", "results.en", "deadline.en"):
            edit(project, number, EDITS[what])
            after = _language_keys(project)
            assert after["vi"] == keys["vi"] and after["en"] != keys["en"], what
            keys = after
            same_pages(work_out(project, "vi", keep_previous=False), before, basis=False)
        # a text given its first English: the Vietnamese pages count the untranslated texts
        edit(project, number, lambda duty: duty["results"].append({"vi": "Kết quả mới"}))
        keys = _language_keys(project)
        edit(project, number, lambda duty: duty["results"][-1].__setitem__("en", "A new result"))
        assert _language_keys(project)["vi"] != keys["vi"]
    finally:
        for path, content in original.items():
            path.write_bytes(content)


def test_an_edit_beyond_words_works_out_every_page(project, numbers):
    """A duty given another topic moves between topic pages: not an edit of words."""
    original = {p: p.read_bytes() for p in (project / "plan_data" / "sections").glob("*.yaml")}
    from generator.data.validate import load_plan

    plan = load_plan(project / "plan_data")
    duty = plan.duties[0]
    other = next(t for t in plan.topics if t not in duty.topics)
    try:
        work_out(project, "en")
        edit(project, duty.number, lambda d: d.__setitem__("topics", [*d["topics"], other]))
        pages = work_out(project, "en")
        assert _redone(pages) == len(pages.docnames)
    finally:
        for path, content in original.items():
            path.write_bytes(content)


def _basis(**changes) -> ViewBasis:
    from generator.content.pages import PageSpec

    specs = (
        PageSpec("g/duties/a", "duty", "A.1"),
        PageSpec("g/duties/b", "duty", "A.2"),
        PageSpec("g/agencies/x", "agency", "x"),
        PageSpec("g/plan", "plan"),
    )
    links = {"g/duties/a": frozenset(), "g/duties/b": frozenset(), "g/agencies/x": frozenset({"g/duties/a"}), "g/plan": frozenset()}
    values = dict(frame="f", duties={"A.1": "1", "A.2": "2"}, outdated=frozenset(), specs=specs, links=links)
    values.update(changes)
    return ViewBasis(**values)


def test_pages_to_redo_follows_the_links_to_an_edited_duty():
    before = _basis()
    assert pages_to_redo(before, "f", {"A.1": "1*", "A.2": "2"}, frozenset(), []) == {"g/duties/a", "g/agencies/x", "g/plan"}
    assert pages_to_redo(before, "f", {"A.1": "1", "A.2": "2*"}, frozenset(), []) == {"g/duties/b", "g/plan"}
    assert pages_to_redo(before, "f", {"A.1": "1", "A.2": "2"}, frozenset(), []) == {"g/plan"}


def test_pages_to_redo_gives_up_on_anything_else():
    before = _basis()
    assert pages_to_redo(None, "f", {"A.1": "1", "A.2": "2"}, frozenset(), []) is None
    assert pages_to_redo(before, "other frame", {"A.1": "1", "A.2": "2"}, frozenset(), []) is None
    assert pages_to_redo(before, "f", {"A.1": "1"}, frozenset(), []) is None
    # a pair marked out of date that stands outside the edited duty too
    pair = ("vi", "en")
    owners = [("duty A.1.task", pair), ("agency x.name", pair)]
    assert pages_to_redo(before, "f", {"A.1": "1*", "A.2": "2"}, frozenset({pair}), owners) is None
    assert pages_to_redo(before, "f", {"A.1": "1*", "A.2": "2"}, frozenset({pair}), owners[:1]) is not None
