"""The build servers: a language's Sphinx build kept alive between builds
(generator/site/sphinx_server.py) writes what a new process writes, and never a
stale page.

One small project (the real conf.py and docs/, data-minimal) is built again and
again with servers; each result is compared, page by page, with a build of the
same sources by new processes in a copy of the project.
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from sitebuild import site_project

from generator.data.validate import load_plan
from generator.site import sphinx_server
from generator.site.build import build_site

pytestmark = pytest.mark.site

LANGS = ("vi", "en")
ENGLISH = "Organise dissemination on the prevention of torture"


def doctrees(project: Path, lang: str) -> Path:
    return project / "_build" / "doctrees" / lang


def servers(project: Path) -> dict[str, int | None]:
    return {lang: sphinx_server.running(doctrees(project, lang)) for lang in LANGS}


def build(project: Path, keep_alive: float | None = 120.0):
    return build_site(project, load_plan(project / "plan_data"), log=lambda *_: None, keep_alive=keep_alive)


def pages(project: Path) -> dict[str, bytes]:
    """Every published HTML page and the search index's entry, by path."""
    html = project / "_build" / "html"
    found = {p.relative_to(html).as_posix(): p.read_bytes() for p in html.rglob("*.html")}
    for lang in LANGS:
        entry = html / lang / "pagefind" / "pagefind-entry.json"
        found[f"{lang}/pagefind-entry.json"] = entry.read_bytes()
    return found


def same_as_new_processes(project: Path, tmp_path: Path, name: str) -> None:
    """The published site equals what new Sphinx processes make of the same sources."""
    fresh = tmp_path / name
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns("_build"))
    result = build(fresh, keep_alive=None)
    assert result.ok, result.messages
    expected, got = pages(fresh), pages(project)
    assert set(got) == set(expected)
    differing = sorted(path for path in expected if got[path] != expected[path])
    assert differing == []


def edit(project: Path, old: str, new: str) -> None:
    section = project / "plan_data" / "sections" / "c.yaml"
    text = section.read_text(encoding="utf-8")
    assert old in text
    section.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path):
    target = site_project(tmp_path / "project", "data-minimal")
    yield target
    for lang in LANGS:
        sphinx_server.stop(doctrees(target, lang))


def test_a_rebuild_in_the_kept_servers_writes_what_new_processes_write(project, tmp_path, monkeypatch):
    first = build(project)
    assert first.ok, first.messages
    pids = servers(project)
    assert all(pids.values()), pids  # both stay, waiting for the next build
    edit(project, ENGLISH, "Organise awareness-raising on preventing torture")
    from generator.site import build as build_module

    indexed_here = []
    index_language = build_module.index_language
    monkeypatch.setattr(build_module, "index_language", lambda *a: indexed_here.append(a[1]) or index_language(*a))
    second = build(project)
    assert second.ok, second.messages
    assert servers(project) == pids  # the same processes built it
    assert indexed_here == ["vi"]  # unchanged; the English index was made by the server that built the pages
    page = (project / "_build" / "html" / "en" / "plan" / "duties" / "c-i.html").read_text(encoding="utf-8")
    assert "Organise awareness-raising on preventing torture" in page
    same_as_new_processes(project, tmp_path, "after-edit")


def test_a_hand_written_page_changed_is_rebuilt_by_the_server(project, tmp_path):
    assert build(project).ok
    page = project / "docs" / "maintainers.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added for the test.\n", encoding="utf-8")
    assert build(project).ok
    html = (project / "_build" / "html" / "vi" / "maintainers.html").read_text(encoding="utf-8")
    assert "A sentence added for the test." in html
    same_as_new_processes(project, tmp_path, "after-page")


def pagefind_services(pid: int) -> list[int]:
    """The Pagefind services a process has started and that run."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in children if b"--service" in Path(f"/proc/{child}/cmdline").read_bytes()]


def test_an_idle_server_parses_its_pages_so_that_the_first_edit_parses_only_what_it_changed(project, tmp_path):
    """A server whose build needed no new index (the index was made by new processes)
    holds no parsed pages: idle, it parses them, and the next edit sends Pagefind only
    the pages it changed, in the same service."""
    assert build(project, keep_alive=None).ok  # the index is made here, in this process
    page = project / "docs" / "maintainers.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n% a comment: the page reads the same\n", encoding="utf-8")
    lines: list[str] = []
    result = build_site(project, load_plan(project / "plan_data"), log=lines.append, keep_alive=120.0)
    assert result.ok, result.messages
    assert "search index of the en site: unchanged" in lines
    server = servers(project)["en"]
    sphinx_server.wait_saved(doctrees(project, "en"))  # idle: saved, then the pages parsed
    services = pagefind_services(server)
    assert len(services) == 1
    # ... and the folder the next index is written into seeded with the published index
    published = project / "_build" / "html" / "en" / "pagefind"
    seeded = project / "_build" / "search" / "en" / "written"
    published_hashed = sorted(p.relative_to(published) for p in published.rglob("*.pf_*"))
    assert published_hashed and sorted(p.relative_to(seeded) for p in seeded.rglob("*.pf_*")) == published_hashed
    edit(project, ENGLISH, "Organise awareness-raising on preventing torture")
    assert build(project).ok
    assert servers(project)["en"] == server and pagefind_services(server) == services
    same_as_new_processes(project, tmp_path, "after-edit")


def test_a_server_leaves_when_the_code_or_configuration_changed(project):
    assert build(project).ok
    before = servers(project)
    conf = project / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert build(project).ok
    after = servers(project)
    assert all(after.values()) and all(after[lang] != before[lang] for lang in LANGS)
    for pid in before.values():  # the old ones are gone, not left running beside the new
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_a_build_without_servers_stops_them_first_and_goes_on_from_their_environment(project, tmp_path):
    """A new process rewrites the build environment on disk: a server's copy in memory would be
    stale, so the servers leave first, saving theirs; the new process reads only what changed."""
    assert build(project).ok
    edit(project, ENGLISH, "Organise awareness-raising on preventing torture")
    assert build(project).ok
    assert all(servers(project).values())
    untouched = project / "_build" / "html" / "en" / "accessibility.html"
    written = untouched.stat().st_mtime_ns
    edit(project, "Organise awareness-raising on preventing torture", "Organise public awareness of torture")
    assert build(project, keep_alive=None).ok
    assert servers(project) == {"vi": None, "en": None}
    assert untouched.stat().st_mtime_ns == written  # not read and written again: the environment was saved
    same_as_new_processes(project, tmp_path, "after-servers")


def test_a_server_saves_its_environment_between_builds(project):
    """Saved while idle, so a server killed later (out of memory, a reboot) costs a new
    process only what changed since."""
    assert build(project).ok
    saved = project / "_build" / "doctrees" / "en" / "environment.pickle"
    deadline = time.monotonic() + 30
    while not saved.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert saved.exists()
    assert not (saved.parent / "environment.pickle.unsaved").exists()


def has_saved(project: Path, lang: str) -> bool | None:
    """Whether the language's server has saved its environment since its last build (None: no server)."""
    answer = sphinx_server._ask(sphinx_server.socket_path(doctrees(project, lang)), {"ping": True}, timeout=5.0)
    return None if answer is None else answer["saved"]


def test_a_server_saves_only_once_the_build_command_is_done(project, monkeypatch):
    """Not while the command still works (its search index, its PDFs): pickling the
    environment would take their CPU. Once told, it saves within SAVE_AFTER seconds."""
    from generator.site.build import SphinxBuild

    monkeypatch.setattr(SphinxBuild, "done", lambda self: None)  # a command that has not ended yet
    assert build(project).ok
    time.sleep(sphinx_server.SAVE_AFTER + 1.0)
    views = {lang: project / "_build" / "cache" / f"views-{lang}.pickle" for lang in LANGS}
    for lang in LANGS:
        assert has_saved(project, lang) is False, lang
        assert not views[lang].exists(), lang  # the pages' views are stored with the environment
    monkeypatch.undo()
    for lang in LANGS:
        sphinx_server.done(doctrees(project, lang))
    deadline = time.monotonic() + sphinx_server.SAVE_AFTER + 30
    for lang in LANGS:
        sphinx_server.wait_saved(doctrees(project, lang), timeout=max(0.1, deadline - time.monotonic()))
        assert has_saved(project, lang) is True, lang
        assert views[lang].is_file(), lang


def test_a_killed_server_is_replaced(project, tmp_path):
    assert build(project).ok
    for pid in servers(project).values():
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.2)
    # Vietnamese words: both languages show them, both are built (an English edit builds English only)
    edit(project, "Tổ chức tuyên truyền về", "Tổ chức tuyên truyền rộng rãi về")
    result = build(project)
    assert result.ok, result.messages
    assert all(servers(project).values())
    same_as_new_processes(project, tmp_path, "after-kill")


def test_a_build_after_the_build_folder_was_deleted_starts_new_servers(project, tmp_path):
    """A maintainer cleans up with ``rm -rf _build``: the servers' environments in memory
    describe pages and doctrees that are gone, so they leave, and new ones build it all."""
    assert build(project).ok
    before = servers(project)
    shutil.rmtree(project / "_build")
    # a server that goes on to save its environment (SAVE_AFTER) does not save it into a new folder
    for lang in LANGS:
        doctrees(project, lang).mkdir(parents=True)
    for lang in LANGS:
        sphinx_server.wait_saved(doctrees(project, lang), timeout=sphinx_server.SAVE_AFTER + 30)
    assert sorted(p.name for p in (project / "_build").rglob("*") if p.is_file()) == []
    result = build(project)
    assert result.ok, result.messages
    after = servers(project)
    assert all(after.values()) and all(after[lang] != before[lang] for lang in LANGS)
    same_as_new_processes(project, tmp_path, "after-clean")


def test_a_failed_build_in_a_server_keeps_the_published_site(project):
    assert build(project).ok
    published = pages(project)
    page = project / "docs" / "maintainers.md"
    good = page.read_text(encoding="utf-8")
    page.write_text(good + "\nSee {doc}`no-such-page`.\n", encoding="utf-8")
    failed = build(project)
    assert not failed.ok
    assert any("no-such-page" in message for message in failed.messages), failed.messages
    assert pages(project) == published
    page.write_text(good, encoding="utf-8")
    assert build(project).ok


def test_an_idle_server_leaves_by_itself(project):
    assert build(project, keep_alive=1.0).ok
    deadline = time.monotonic() + 30
    while any(servers(project).values()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert servers(project) == {"vi": None, "en": None}
    assert not any(sphinx_server.socket_path(doctrees(project, lang)).exists() for lang in LANGS)


def test_the_datas_warnings_fail_every_build_in_a_server_as_in_a_new_process(project):
    """A warning about the data (-W: an error) is logged by each build, not only by the
    build that worked the views out: a second build with the same data fails too."""
    conf = project / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('suppress_warnings = ["plan.unused"]', ""), encoding="utf-8")
    assert build(project).ok
    topics = project / "plan_data" / "topics.yaml"
    topics.write_text(
        topics.read_text(encoding="utf-8")
        + '  - id: unused-topic\n    name: {vi: "Chủ đề thừa", en: "Unused topic"}\n'
        + '    description: {vi: "Không nhiệm vụ nào.", en: "No duty."}\n',
        encoding="utf-8",
    )
    for _ in range(2):
        failed = build(project)
        assert not failed.ok
        assert any("unused-topic" in message for message in failed.messages), failed.messages


def test_the_build_after_a_first_build_has_nothing_to_do(project):
    """The first build compiles the .mo catalogues from the .po files: that is not a change of
    what the site is made from, so the next build runs no Sphinx build at all."""
    for compiled in (project / "docs" / "locale").rglob("*.mo"):  # left by a build in the checkout
        compiled.unlink()
    assert build(project, keep_alive=None).ok
    assert list((project / "docs" / "locale").rglob("*.mo"))
    lines: list[str] = []
    result = build_site(project, load_plan(project / "plan_data"), log=lines.append, keep_alive=None)
    assert result.ok, result.messages
    assert [line for line in lines if "nothing it is made from changed" in line] == [
        f"the {lang} site: nothing it is made from changed since it was published" for lang in LANGS
    ]


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
def test_without_a_place_for_the_servers_the_build_runs_in_new_processes(project, monkeypatch, capfd):
    """A socket folder that is not private (or anything else that stops a server) is no
    reason to fail: the build goes on without servers, with no traceback."""

    def refuse() -> Path:
        raise OSError("not a private folder")

    monkeypatch.setattr(sphinx_server, "_folder", refuse)
    for keep_alive, words in ((120.0, "Organise awareness-raising"), (None, "Organise public awareness")):
        edit(project, "Organise", words)  # each build has pages to make
        result = build(project, keep_alive=keep_alive)
        assert result.ok, result.messages
        assert result.messages == []
    assert "Traceback" not in capfd.readouterr().err
    monkeypatch.undo()
    assert servers(project) == {"vi": None, "en": None}
