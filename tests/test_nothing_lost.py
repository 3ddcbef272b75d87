"""A failed or interrupted build never takes the published site down; the generator
removes only what it wrote; the data is never written by the build."""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sitebuild import site_project

from generator.files import WriteError, sync


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run_build(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", *args], cwd=project, capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = site_project(tmp_path_factory.mktemp("lost"), "data-minimal")
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    return project


def test_bad_data_fails_with_a_message_and_leaves_the_site_byte_for_byte(built):
    published = snapshot(built / "_build" / "html")
    section = built / "plan_data" / "sections" / "c.yaml"
    good = section.read_text(encoding="utf-8")
    try:
        section.write_text(good.replace("agency: cong-an-tinh, role", "agency: cong-an-tnh, role"), encoding="utf-8")
        result = run_build(built)
        assert result.returncode == 1
        assert "plan_data/sections/c.yaml:22:21: unknown agency 'cong-an-tnh'; did you mean 'cong-an-tinh'?" in result.stderr
        assert "Traceback" not in result.stderr
        assert snapshot(built / "_build" / "html") == published
    finally:
        section.write_text(good, encoding="utf-8")


def test_a_sphinx_failure_leaves_the_site_byte_for_byte(built):
    published = snapshot(built / "_build" / "html")
    index = built / "docs" / "index.md"
    good = index.read_text(encoding="utf-8")
    try:
        index.write_text(good + "\n[broken](plan/no-such-page.md)\n", encoding="utf-8")
        result = run_build(built)
        assert result.returncode == 1
        assert "no-such-page" in result.stderr
        assert "the published site in _build/html is unchanged" in result.stderr
        assert snapshot(built / "_build" / "html") == published
    finally:
        index.write_text(good, encoding="utf-8")


def test_a_build_killed_half_way_leaves_the_site_byte_for_byte(built):
    published = snapshot(built / "_build" / "html")
    (built / "docs" / "plan" / ".generated.json").unlink()  # force a full rebuild: slower, easier to catch
    for path in (built / "docs" / "plan").rglob("*.md"):
        path.unlink()
    work = built / "_build" / "html.next"  # where a build writes (see generator.site.outputs)
    started = time.time_ns()
    said = built.parent / "killed-build.log"  # what the build printed, shown if it never writes a page
    with open(said, "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "build"],
            cwd=built,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def pages_written() -> bool:
        """Has the build written a page yet? (Files come and go while it works.)"""
        for folder, _, names in os.walk(work):
            for name in names:
                try:
                    if name.endswith(".html") and os.stat(os.path.join(folder, name)).st_mtime_ns >= started:
                        return True
                except FileNotFoundError:
                    pass
        return False

    try:
        deadline = time.monotonic() + 60
        while not pages_written() and time.monotonic() < deadline:
            time.sleep(0.05)
        if not pages_written():
            alive = "still running" if process.poll() is None else f"ended with {process.returncode}"
            raise AssertionError(f"the build never started writing pages ({alive}); it printed:\n{said.read_text(encoding='utf-8')}")
    finally:
        with contextlib.suppress(ProcessLookupError):  # a build that ended early
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert snapshot(built / "_build" / "html") == published
    result = run_build(built)  # and the next build catches up and succeeds
    assert result.returncode == 0, result.stderr
    assert not (built / "_build" / "html.old").exists()


def test_the_build_never_writes_the_data(built):
    before = snapshot(built / "plan_data")
    assert run_build(built).returncode == 0
    assert snapshot(built / "plan_data") == before


def test_a_maintainers_file_survives_and_a_removed_duty_loses_its_page(built):
    own = built / "docs" / "plan" / "NOTES.txt"
    own.write_text("my notes", encoding="utf-8")
    section = built / "plan_data" / "sections" / "c.yaml"
    good = section.read_text(encoding="utf-8")
    try:
        # Remove duty C.V.1 (the last one in the file).
        section.write_text(good[: good.index("  - number: C.V.1")], encoding="utf-8")
        result = run_build(built)
        assert result.returncode == 0, result.stderr
        assert not (built / "docs" / "plan" / "duties" / "c-v-1.md").exists()
        assert not (built / "_build" / "html" / "vi" / "plan" / "duties" / "c-v-1.html").exists()
        assert (built / "docs" / "plan" / "duties" / "c-i.md").exists()
        assert own.read_text(encoding="utf-8") == "my notes"
    finally:
        section.write_text(good, encoding="utf-8")
        own.unlink()


def test_sync_refuses_to_overwrite_a_file_it_did_not_write(tmp_path):
    folder = tmp_path / "generated"
    folder.mkdir()
    (folder / "mine.md").write_text("hand-written", encoding="utf-8")
    with pytest.raises(WriteError, match="was not written by the generator"):
        sync(folder, {"mine.md": "generated"})
    assert (folder / "mine.md").read_text(encoding="utf-8") == "hand-written"


def test_sync_writes_only_what_changed_and_confines_paths(tmp_path):
    folder = tmp_path / "generated"
    first = sync(folder, {"a.md": "A", "sub/b.md": "B"})
    assert first.written == ["a.md", "sub/b.md"]
    mtime = (folder / "a.md").stat().st_mtime_ns
    second = sync(folder, {"a.md": "A", "sub/b.md": "B2"})
    assert second.unchanged == ["a.md"] and second.written == ["sub/b.md"]
    assert (folder / "a.md").stat().st_mtime_ns == mtime
    third = sync(folder, {"a.md": "A"})
    assert third.removed == ["sub/b.md"] and not (folder / "sub").exists()
    with pytest.raises(WriteError, match="outside"):
        sync(folder, {"../escape.md": "x"})
    assert not (tmp_path / "escape.md").exists()


def test_exports_write_only_what_changed_and_keep_foreign_files(tmp_path):
    from conftest import ROOTS

    from generator.data.validate import load_plan
    from generator.site.exports import write_exports

    plan = load_plan(ROOTS / "data-minimal" / "plan_data")
    out = tmp_path / "data"
    first = write_exports(out, plan)
    assert "duties.csv" in first.written and not first.unchanged
    (out / "notes-of-the-maintainer.txt").write_text("mine", encoding="utf-8")
    stamp = (out / "duties.csv").stat().st_mtime_ns
    again = write_exports(out, plan)
    assert again.written == [] and sorted(again.unchanged) == sorted(first.written)
    assert (out / "duties.csv").stat().st_mtime_ns == stamp
    assert (out / "notes-of-the-maintainer.txt").read_text(encoding="utf-8") == "mine"


def test_remembered_calendar_events_give_the_same_files_and_follow_an_edit(tmp_path):
    """The exports keep serialised events between builds (the build's cache): the files they
    make from the memo are byte for byte those made without it, and an edited duty's events
    are made again, not taken from the memo."""
    import dataclasses

    from generator.content.addresses import calendar_name
    from generator.data.validate import load_plan
    from generator.site.exports import EventMemo, export_files

    plan = load_plan(Path(__file__).resolve().parent.parent / "plan_data")
    memo_file = tmp_path / "cache" / "calendar-events.pickle"
    plain = export_files(plan)
    first = EventMemo(memo_file)
    assert export_files(plan, first) == plain
    first.save()
    remembered = EventMemo(memo_file)
    assert remembered.known and remembered.known == first.used
    assert export_files(plan, remembered) == plain

    # C.V.1.2's English task changes: its events change, in the memo's export as without it
    section = next(s for s in plan.sections if s.section == "C")
    duty = next(d for d in section.duties if d.number == "C.V.1.2")
    task = duty.task.model_copy(update={"en": duty.task.en + " (edited)"})
    edited_duty = duty.model_copy(update={"task": task})
    edited_section = section.model_copy(update={"duties": tuple(edited_duty if d is duty else d for d in section.duties)})
    edited = dataclasses.replace(plan, sections=tuple(edited_section if s is section else s for s in plan.sections))
    again = EventMemo(memo_file)
    files = export_files(edited, again)
    assert files == export_files(edited)
    plan_calendar = calendar_name("en")
    assert b"(edited)" in files[plan_calendar] and b"(edited)" not in plain[plan_calendar]
