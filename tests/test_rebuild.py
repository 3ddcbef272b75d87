"""A rebuild costs what changed: with nothing changed no page is rewritten; after an
edit exactly the pages that show it are, in each language; and what it leaves is
the site a build from scratch would make.

Pages are read from the outside: the published HTML files, their times and bytes.
Sphinx writes its search page (``search.html``) on every build; it is left out of the
page sets and named where it matters.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sitebuild import build, pages_showing_task, site_project

from generator.data.validate import load_plan
from generator.site.build import build_site
from generator.text.strings import label

LANGS = ("vi", "en")

pytestmark = pytest.mark.site  # every test here builds a site



def pages(html: Path) -> dict[str, tuple[int, bytes]]:
    """Every HTML page of both languages but the search pages: path -> (time, bytes)."""
    found = {}
    for lang in LANGS:
        for path in (html / lang).rglob("*.html"):
            relative = path.relative_to(html).as_posix()
            if relative != f"{lang}/search.html":
                found[relative] = (path.stat().st_mtime_ns, path.read_bytes())
    return found


def rewritten(before: dict, after: dict, lang: str) -> set[str]:
    """The docnames of ``lang`` whose page was written again (its time changed)."""
    return {
        path.removeprefix(f"{lang}/").removesuffix(".html")
        for path, (mtime, _) in after.items()
        if path.startswith(f"{lang}/") and before.get(path, (None,))[0] != mtime
    }


def pages_showing(duty, project, plan=None, site=None) -> set[str]:
    """From the data: the pages that show a duty's task (see sitebuild.pages_showing_task),
    ``project``'s data holding the edited duty; ``plan``: the data before the edit."""
    edited = next(d for d in load_plan(project / "plan_data").duties if d.number == duty.number)
    site = site or project / "_build" / "html" / "en"
    return pages_showing_task(plan or PLAN, duty, edited=edited, site=site)


PLAN = None


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    global PLAN
    project = site_project(tmp_path_factory.mktemp("rebuild"), "data-minimal")
    PLAN = load_plan(project / "plan_data")
    build(project)
    return project


def edit(project: Path, old: str, new: str) -> str:
    section = project / "plan_data" / "sections" / "c.yaml"
    text = section.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    section.write_text(text.replace(old, new), encoding="utf-8")
    return text


def page_times(outdir: Path) -> dict[Path, int]:
    """Every HTML page of a live preview's output folder: its time."""
    return {p: p.stat().st_mtime_ns for p in outdir.rglob("*.html")}


def written_since(outdir: Path, before: dict[Path, int]) -> set[str]:
    """The docnames whose page the preview wrote since ``before`` (:func:`page_times`), but
    the search page, which Sphinx writes on every build."""
    return {
        p.relative_to(outdir).as_posix().removesuffix(".html")
        for p, time_ns in page_times(outdir).items()
        if before.get(p) != time_ns
    } - {"search"}


def restore(project: Path, text: str) -> None:
    (project / "plan_data" / "sections" / "c.yaml").write_text(text, encoding="utf-8")
    build(project)


def sphinx_builds(project: Path) -> list[str]:
    """Build as ``build`` does; return the languages whose Sphinx build ran."""
    plan = load_plan(project / "plan_data")
    lines = []
    result = build_site(project, plan, log=lines.append)
    assert result.ok, "\n".join(result.messages)
    return [lang for lang in LANGS if label("cli_step_building", "en", lang=lang) in lines]


def scratch_build(project: Path, target: Path) -> dict[str, tuple[int, bytes]]:
    """The pages a clean build of ``project``'s data makes."""
    clean = site_project(target)
    shutil.rmtree(clean / "plan_data")
    shutil.copytree(project / "plan_data", clean / "plan_data")
    return pages(build(clean))


def test_a_build_with_nothing_changed_rewrites_no_page(project):
    html = project / "_build" / "html"
    before = pages(html)
    others = {p: p.stat().st_mtime_ns for p in [html / "index.html", *(html / "data").rglob("*")] if p.is_file()}
    build(project)
    after = pages(html)
    assert after.keys() == before.keys()
    assert rewritten(before, after, "vi") == set()
    assert rewritten(before, after, "en") == set()
    # the front door and the open-data files are not written again either
    assert {p: p.stat().st_mtime_ns for p in others} == others


def test_one_duty_english_edit_rewrites_exactly_the_pages_that_show_it(project):
    html = project / "_build" / "html"
    duty = load_plan(project / "plan_data").duties[0]  # C.I
    before = pages(html)
    original = edit(project, duty.task.en, duty.task.en + " (revised)")
    try:
        assert sphinx_builds(project) == ["en"]  # the Vietnamese pages show no English word
        after = pages(html)
        assert rewritten(before, after, "en") == pages_showing(duty, project)
        assert rewritten(before, after, "vi") == set()  # nothing Vietnamese changed
        assert "(revised)" in (html / "en" / "plan" / "duties" / "c-i.html").read_text(encoding="utf-8")
        # no page was written with nothing new on it
        assert all(after[f"en/{doc}.html"][1] != before[f"en/{doc}.html"][1] for doc in pages_showing(duty, project))
    finally:
        restore(project, original)


def test_one_duty_vietnamese_edit_rewrites_exactly_the_pages_that_show_it_in_both_languages(project):
    html = project / "_build" / "html"
    duty = load_plan(project / "plan_data").duties[1]  # C.V.1: no English task, so English shows the Vietnamese
    assert not duty.task.en
    before = pages(html)
    original = edit(project, duty.task.vi, duty.task.vi + " (sửa)")
    try:
        build(project)
        after = pages(html)
        for lang in LANGS:
            assert rewritten(before, after, lang) == pages_showing(duty, project), lang
            assert "(sửa)" in (html / lang / "plan" / "duties" / "c-v-1.html").read_text(encoding="utf-8")
    finally:
        restore(project, original)


def test_english_given_to_a_duty_builds_the_vietnamese_site_too_which_counts_it(project, tmp_path):
    """The Vietnamese pages count the texts still without English: a duty's first English
    changes them, and the Vietnamese build is not skipped."""
    html = project / "_build" / "html"
    duty = load_plan(project / "plan_data").duties[1]  # C.V.1: no English task
    before = pages(html)
    original = edit(project, f'vi: "{duty.task.vi}"\n', f'vi: "{duty.task.vi}"\n      en: "Train officials"\n')
    try:
        assert sphinx_builds(project) == ["vi", "en"]
        after = pages(html)
        assert rewritten(before, after, "vi")  # the counts of untranslated texts
        scratch = scratch_build(project, tmp_path / "clean")
        assert sorted(p for p in scratch if after[p][1] != scratch[p][1]) == []
    finally:
        restore(project, original)


def test_a_rebuild_leaves_the_site_a_build_from_scratch_makes(project, tmp_path):
    """After a retitled page (an agency renamed: its title is in the navigation of its
    branch and in its neighbours' links) the rebuilt site is the one a clean build makes."""
    html = project / "_build" / "html"
    agencies = project / "plan_data" / "agencies.yaml"
    original = agencies.read_text(encoding="utf-8")
    agencies.write_text(original.replace('en: "Provincial Police"}', 'en: "Provincial Police Department"}'), encoding="utf-8")
    assert agencies.read_text(encoding="utf-8") != original
    try:
        before = pages(html)
        build(project)
        incremental = pages(html)
        scratch = scratch_build(project, tmp_path / "clean")
        assert incremental.keys() == scratch.keys()
        stale = sorted(p for p in scratch if incremental[p][1] != scratch[p][1])
        assert stale == []
        changed = {p for p in incremental if incremental[p][1] != before[p][1]}
        assert "en/plan/agencies/cong-an-tinh.html" in changed
        assert any(p.startswith("en/plan/agencies/") and "cong-an-tinh" not in p for p in changed)  # its branch
        # and nothing was written that did not change
        for lang in LANGS:
            assert rewritten(before, incremental, lang) == {
                p.removeprefix(f"{lang}/").removesuffix(".html") for p in changed if p.startswith(f"{lang}/")
            }
    finally:
        agencies.write_text(original, encoding="utf-8")
        build(project)


def test_a_data_file_saved_while_the_build_reads_the_plan_is_built_by_the_next_build(project, monkeypatch):
    """The build command takes the sources' digests before it reads the plan. Taken after,
    a file saved in between (a maintainer saving while a build runs) was recorded as built
    with what the old data made, and the next builds, seeing that digest, kept it: here
    the open data, made by the build command, kept an agency's old name."""
    from generator import cli
    from generator.site import buildcache

    agencies = project / "plan_data" / "agencies.yaml"
    original = agencies.read_text(encoding="utf-8")
    renamed = original.replace('en: "Provincial Police"}', 'en: "Provincial Police Department"}')
    assert renamed != original
    read_plan = buildcache.checked_plan

    def saved_while_reading(*args, **kwargs):
        found = read_plan(*args, **kwargs)
        agencies.write_text(renamed, encoding="utf-8")  # saved after the build read the old file
        return found

    data = project / "_build" / "html" / "data"
    try:
        with monkeypatch.context() as patched:
            patched.setattr(buildcache, "checked_plan", saved_while_reading)
            assert cli.main(["--root", str(project), "build", "--no-pdf"]) == 0
        assert not any("Provincial Police Department" in p.read_text(encoding="utf-8") for p in data.rglob("*.json"))
        assert cli.main(["--root", str(project), "build", "--no-pdf"]) == 0
        assert any("Provincial Police Department" in p.read_text(encoding="utf-8") for p in data.rglob("*.json"))
    finally:
        agencies.write_text(original, encoding="utf-8")
        build(project)


def test_the_live_preview_keeps_one_application_and_rebuilds_only_what_an_edit_shows(tmp_path):
    import io

    from generator.site.preview import LivePreview

    project = site_project(tmp_path, "data-minimal")
    errors = io.StringIO()
    preview = LivePreview(project, "en", out=io.StringIO(), err=errors)
    assert preview.build(), errors.getvalue()
    app = preview.app
    page = preview.outdir / "plan" / "duties" / "c-i.html"
    plan = load_plan(project / "plan_data")
    duty = plan.duties[0]
    before = page_times(preview.outdir)
    original = edit(project, duty.task.en, duty.task.en + " (revised)")
    assert preview.build(), errors.getvalue()
    assert preview.app is app  # the same Sphinx application: no new process, no reloading
    # the theme's script for each page written is not kept for the next build (it made each
    # build add back every one written before it, through a linear search)
    assert not [attrs for _, attrs in app.registry.js_files if "pagename" in str(attrs.get("body", ""))]
    assert "(revised)" in page.read_text(encoding="utf-8")
    assert written_since(preview.outdir, before) == pages_showing(duty, project, plan, preview.outdir)
    (project / "plan_data" / "sections" / "c.yaml").write_text(original, encoding="utf-8")
    assert preview.build(), errors.getvalue()
    assert "(revised)" not in page.read_text(encoding="utf-8")
    # bad data: a message, and the preview keeps the last good pages
    edit(project, "agency: cong-an-tinh, role", "agency: cong-an-tnh, role")
    assert not preview.build()
    assert "unknown agency 'cong-an-tnh'" in errors.getvalue()
    assert page.is_file()


def test_the_live_preview_writes_the_edited_duty_page_first_and_the_pages_that_show_it_after(tmp_path):
    import io

    from generator.site.extension import write_first
    from generator.site.preview import LivePreview

    project = site_project(tmp_path, "data-minimal")
    errors = io.StringIO()
    preview = LivePreview(project, "en", out=io.StringIO(), err=errors)
    assert preview.build(), errors.getvalue()
    plan = load_plan(project / "plan_data")
    duty = plan.duties[0]
    page = preview.outdir / "plan" / "duties" / "c-i.html"
    before = page_times(preview.outdir)
    edit(project, duty.task.en, duty.task.en + " (revised)")
    at_first: dict = {}

    def first_pages() -> None:
        at_first["written"] = written_since(preview.outdir, before)
        at_first["page"] = page.read_text(encoding="utf-8")

    assert preview.build(on_first_pages=first_pages), errors.getvalue()
    showing = pages_showing(duty, project, plan, preview.outdir)
    assert "(revised)" in at_first["page"]
    # the duty's page, and those that show its title (its task begins it), before the others
    assert "plan/duties/c-i" in at_first["written"] and at_first["written"] < showing
    assert written_since(preview.outdir, before) == showing  # then every page that shows the duty, as in one build
    assert len(showing) > 1
    # A build that wrote the duty's page only leaves the others outdated for whatever builds
    # next: here a new application, as after the preview was stopped between the two builds.
    before = page_times(preview.outdir)
    edit(project, duty.task.en + " (revised)", duty.task.en + " (revised again)")
    write_first(preview.app)
    preview.app.build()
    assert written_since(preview.outdir, before) == at_first["written"]
    later = LivePreview(project, "en", out=io.StringIO(), err=errors)
    assert later.build(), errors.getvalue()
    assert written_since(preview.outdir, before) == showing
    assert "plan/schedule" in showing - at_first["written"]
    assert "(revised again)" in (preview.outdir / "plan" / "schedule.html").read_text(encoding="utf-8")
