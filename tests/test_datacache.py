"""The data check's per-file cache (generator/data/filecache.py) and its faster loading.

The check must say exactly the same with a cold cache, a warm one, after one
file is edited, and with a damaged cache; an edit must cost one file's parsing.
"""

from __future__ import annotations

import io
import pickle
import shutil
from pathlib import Path

import pytest
from conftest import ROOTS, make_root

from generator.data import filecache, load
from generator.data.validate import check

ALL_ROOTS = sorted(p.name for p in ROOTS.iterdir() if (p / "plan_data").is_dir())


def project_of(tmp_path: Path, root: str) -> Path:
    """The root as the tests use it: a full project alone, else on top of data-minimal."""
    full = (ROOTS / root / "plan_data" / "plan.yaml").is_file()
    return make_root(tmp_path, root) if full else make_root(tmp_path, "data-minimal", root)


def said(result) -> tuple:
    plan, diagnostics = result
    return plan, [str(d) for d in diagnostics], diagnostics


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The data files parsed (shown paths), in order, while the test runs."""
    seen: list[str] = []
    real = filecache.load_bytes

    def counting(raw, shown):
        seen.append(shown)
        return real(raw, shown)

    monkeypatch.setattr(filecache, "load_bytes", counting)
    return seen


def data_files(project: Path) -> list[Path]:
    return sorted((project / "plan_data").rglob("*.yaml"))


def file_to_edit(project: Path, diagnostics) -> Path:
    """The file of the first diagnostic (where the root's problem is), else a section file."""
    for d in diagnostics:
        path = project / d.location.path
        if path.is_file() and path.suffix == ".yaml":
            return path
    return sorted((project / "plan_data" / "sections").glob("*.yaml"))[0]


@pytest.mark.parametrize("root", ALL_ROOTS)
def test_every_root_says_the_same_cold_warm_and_after_an_edit(tmp_path: Path, root: str, parses: list[str]):
    project = project_of(tmp_path, root)
    data, cache = project / "plan_data", tmp_path / "cache"
    uncached = said(check(data, project))
    expected = ROOTS / root / "expected.txt"
    if expected.is_file():
        assert uncached[1] == expected.read_text(encoding="utf-8").splitlines()

    parses.clear()
    assert said(check(data, project, cache)) == uncached  # cold
    assert len(parses) == len(data_files(project))
    parses.clear()
    assert said(check(data, project, cache)) == uncached  # warm
    assert parses == []

    # one file edited: a line added at its top moves every place in it
    edited = file_to_edit(project, uncached[2])
    edited.write_bytes(b"# edited\n" + edited.read_bytes())
    parses.clear()
    after = said(check(data, project, cache))
    assert parses == [edited.relative_to(project).as_posix()]
    assert after == said(check(data, project))
    if uncached[1]:
        assert after[1] != uncached[1]  # the edit did move what is said of the file


def test_a_damaged_or_foreign_cache_file_is_ignored_and_rewritten(tmp_path: Path, parses: list[str]):
    project = make_root(tmp_path, "tracking")
    data, cache = project / "plan_data", tmp_path / "cache"
    uncached = said(check(data, project))
    check(data, project, cache)
    stored = sorted((cache / filecache.FOLDER).iterdir())
    assert len(stored) == len(data_files(project))
    stored[0].write_bytes(stored[0].read_bytes()[:100])  # cut short
    stored[1].write_bytes(b"not a pickle")
    stored[2].write_bytes(pickle.dumps({"a": "dict"}))  # another program's
    handle = io.BytesIO(stored[3].read_bytes())
    key, entry = pickle.load(handle), pickle.load(handle)
    stored[3].write_bytes(pickle.dumps("0" * 64) + pickle.dumps(entry))  # written for other bytes
    entry.key = "0" * 64
    stored[4].write_bytes(pickle.dumps(key) + pickle.dumps(entry))  # says one key, holds another
    parses.clear()
    assert said(check(data, project, cache)) == uncached
    assert len(parses) == 5
    parses.clear()
    assert said(check(data, project, cache)) == uncached  # rewritten: read back
    assert parses == []


def test_an_unwritable_cache_only_costs_time(tmp_path: Path):
    project = make_root(tmp_path, "data-minimal")
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    assert said(check(project / "plan_data", project, blocker)) == said(check(project / "plan_data", project))


def test_new_code_or_another_shown_path_misses_the_cache(tmp_path: Path, parses: list[str], monkeypatch):
    project = make_root(tmp_path, "data-minimal")
    data, cache = project / "plan_data", tmp_path / "cache"
    check(data, project, cache)
    parses.clear()
    check(data, data, cache)  # shown relative to plan_data/ itself: other messages
    assert len(parses) == len(data_files(project))
    monkeypatch.setattr(filecache, "code_key", lambda: "other code")
    parses.clear()
    check(data, project, cache)
    assert len(parses) == len(data_files(project))


def test_a_section_is_validated_again_when_an_agency_name_resolves_otherwise(tmp_path: Path, parses: list[str]):
    """A section may name an agency by name; its models then depend on agencies.yaml."""
    project = make_root(tmp_path, "data-minimal")
    data, cache = project / "plan_data", tmp_path / "cache"
    section = data / "sections" / "c.yaml"
    section.write_text(
        section.read_text(encoding="utf-8").replace(
            "{agency: uy-ban-mttq-tinh, role: requested}",
            '{agency: "Uỷ ban Mặt trận Tổ quốc Việt Nam tỉnh", role: requested}',
        ),
        encoding="utf-8",
    )
    plan, _ = check(data, project, cache)
    assert plan.duties[0].coordinating_agencies()[1].agency == "uy-ban-mttq-tinh"
    # the name now belongs to another agency (its id changed): the section's models follow
    agencies = data / "agencies.yaml"
    agencies.write_text(agencies.read_text(encoding="utf-8").replace("uy-ban-mttq-tinh", "mttq-tinh"), encoding="utf-8")
    parses.clear()
    cached = said(check(data, project, cache))
    assert sorted(parses) == ["plan_data/agencies.yaml", "plan_data/sections/c.yaml"]
    assert cached[0].duties[0].coordinating_agencies()[1].agency == "mttq-tinh"
    assert cached == said(check(data, project))


@pytest.mark.parametrize("factor", [1, 2])
def test_the_cached_plan_equals_the_uncached_one(tmp_path: Path, factor: int, parses: list[str]):
    """The real data (x1) and a synthetic plan twice its size, with activity records."""
    from benchmark import edit_one_duty
    from sitebuild import site_project
    from synthetic import scaled_plan

    project = site_project(tmp_path / "project")
    if factor != 1:
        shutil.rmtree(project / "plan_data")
        scaled_plan(project, factor)
    data, cache = project / "plan_data", tmp_path / "cache"
    uncached = check(data, project)
    assert uncached[0] is not None
    assert check(data, project, cache) == uncached
    assert check(data, project, cache) == uncached
    edit_one_duty(project)
    parses.clear()
    after = check(data, project, cache)
    assert parses == ["plan_data/sections/c.yaml"]
    assert after == check(data, project)
    assert after[0] != uncached[0]


# -- the faster loader keeps every message ------------------------------------------------


@pytest.mark.parametrize("root", sorted(p.name for p in ROOTS.glob("data-bad-*")))
def test_the_pure_python_loader_says_the_same(tmp_path: Path, root: str, monkeypatch):
    """Without libyaml (PyYAML built without it) the messages are the same."""
    project = make_root(tmp_path, "data-minimal", root)
    fast = said(check(project / "plan_data", project))
    monkeypatch.setattr(load, "_FAST_LOADER", None)
    assert said(check(project / "plan_data", project)) == fast


@pytest.mark.parametrize(
    "text, message",
    [
        ("a: {b: &x 1}\n", "x.yaml:1:8: YAML anchor '&x' is not allowed; write the value out in full"),
        ("a: [1,&x 2]\n", "x.yaml:1:7: YAML anchor '&x' is not allowed; write the value out in full"),
        ("- !t x\n", "x.yaml:1:3: YAML tag '!t' is not allowed; data is plain text"),
        ('a: "x"\nb:\n  !!str c\n', "x.yaml:3:3: YAML tag 'tag:yaml.org,2002:str' is not allowed; data is plain text"),
        ("a:\n- 1\n- *x\n", "x.yaml:3:3: YAML alias '*x' is not allowed; write the value out in full"),
    ],
)
def test_anchors_tags_and_aliases_are_found_wherever_they_start(text: str, message: str):
    assert [str(p) for p in load.load_text(text, "x.yaml")[1]] == [message]


def test_ampersands_and_marks_inside_words_are_text():
    loaded, problems = load.load_text('a: Sở TT&TT\nb: "Sở GD&ĐT"\nc: Hello!\nd: x*y\n', "x.yaml")
    assert problems == []
    assert loaded.data == {"a": "Sở TT&TT", "b": "Sở GD&ĐT", "c": "Hello!", "d": "x*y"}


def test_an_invisible_character_written_as_an_escape_is_found(minimal_root: Path):
    section = minimal_root / "plan_data" / "sections" / "c.yaml"
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("slug: c\n", 'slug: "c\\u200b"\n', 1), encoding="utf-8")
    _, diagnostics = check(minimal_root / "plan_data", minimal_root)
    assert any("200B" in str(d) and "slug" in str(d) for d in diagnostics), [str(d) for d in diagnostics]


def test_the_build_reads_its_checked_plan_back_and_ignores_a_damaged_one(tmp_path: Path, monkeypatch):
    from generator.data import validate
    from generator.site.buildcache import _dumps, checked_plan

    project = make_root(tmp_path, "data-minimal")
    data, cache = project / "plan_data", tmp_path / "cache"
    first = checked_plan(data, project, cache)
    checks = []
    real = validate.check
    monkeypatch.setattr(validate, "check", lambda *a, **k: checks.append(a) or real(*a, **k))
    assert checked_plan(data, project, cache) == first
    assert checks == []
    stored = cache / "plan.pickle"
    for damaged in (
        b"garbage",
        stored.read_bytes()[:200],
        _dumps((first[2], (first[0], first[1]))),  # one pickle, as before the digest came first
        pickle.dumps("another digest") + pickle.dumps((None, [])),
    ):
        stored.write_bytes(damaged)
        checks.clear()
        assert checked_plan(data, project, cache) == first
        assert len(checks) == 1


def test_the_checked_plan_stored_by_a_child_is_there_once_waited_for(tmp_path: Path, monkeypatch):
    """The build command stores the checked plan from a child process while it goes on
    (buildcache.store_value_soon); the Sphinx builds, which read it, start after wait_stored."""
    import os
    import threading

    from generator.site import buildcache
    from generator.site.buildcache import _storing, fetch_value, store_value_soon, wait_stored

    # as in the build command, which has no other thread then (a test run may have some left)
    monkeypatch.setattr(buildcache.threading, "active_count", lambda: 1)
    value = ("digest", {"records": list(range(100_000))})
    store_value_soon(tmp_path / "plan.pickle", value)
    assert len(_storing) == 1 and _storing[0] != os.getpid()  # written by a child
    wait_stored()
    assert _storing == [] and fetch_value(tmp_path / "plan.pickle", "digest") == value[1]
    # with another thread running, forking is not safe: stored here and now
    monkeypatch.undo()
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        store_value_soon(tmp_path / "other.pickle", ("d", [1]))
        assert _storing == [] and fetch_value(tmp_path / "other.pickle", "d") == [1]
    finally:
        stop.set()
        other.join()


def test_loading_a_pickle_pauses_the_collector_and_freezes_only_in_a_build_server(tmp_path: Path, monkeypatch):
    import gc

    from generator import files

    path = tmp_path / "value.pickle"
    path.write_bytes(pickle.dumps([{"n": n} for n in range(1000)]))
    enabled_while_loading = []
    load = pickle.load
    monkeypatch.setattr(files.pickle, "load", lambda handle: enabled_while_loading.append(gc.isenabled()) or load(handle))
    frozen = gc.get_freeze_count()
    try:
        with open(path, "rb") as handle:
            assert len(files.load_pickle(handle)) == 1000
        assert enabled_while_loading == [False] and gc.isenabled()
        assert gc.get_freeze_count() == frozen  # a command or a test: nothing frozen
        monkeypatch.setattr(files, "freeze_what_is_loaded", True)
        with open(path, "rb") as handle:
            files.load_pickle(handle)
        assert gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()
