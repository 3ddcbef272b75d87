"""`python -m generator publish DEST`: releases, one atomic switch, rollback, and nothing lost.

Each test runs the command line as a subprocess on a small stand-in for
``_build/html`` (publish copies whatever the last good build holds) and reads
DEST from the outside: what ``DEST/current`` serves, byte for byte.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PROJECT

RELEASE = r"\d{8}T\d{6}\.\d{6}Z"


def run(project: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=project, capture_output=True, text=True, env=env, **kwargs
    )


def make_build(project: Path, version: str, files: int = 3) -> dict[str, bytes]:
    """A stand-in for the last good build in ``project/_build/html``; returns its files."""
    html = project / "_build" / "html"
    if html.exists():
        shutil.rmtree(html)
    contents = {
        "index.html": f"<!DOCTYPE html><title>{version}</title>".encode(),
        "vi/index.html": f"trang {version}".encode(),
        "en/index.html": f"page {version}".encode(),
        "pdf/handbook-vi.pdf": b"%PDF-" + version.encode() * 1000,
    }
    for i in range(files):
        contents[f"vi/plan/duties/d-{i:04}.html"] = f"{version} duty {i}".encode()
    for path, data in contents.items():
        (html / path).parent.mkdir(parents=True, exist_ok=True)
        (html / path).write_bytes(data)
    return contents


def served(dest: Path) -> dict[str, bytes]:
    """Every file the web server sees under DEST/current, but the checksum list."""
    root = dest / "current"
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and p.name != "SHA256SUMS"
    }


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}


def release_names(dest: Path) -> list[str]:
    return sorted(p.name for p in (dest / "releases").iterdir() if not p.name.startswith("."))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    return folder


def test_publish_twice_then_roll_back(project, tmp_path):
    dest = tmp_path / "www"
    dest.mkdir()
    (dest / "README.txt").write_text("the host's own file", encoding="utf-8")
    first = make_build(project, "one")
    result = run(project, "publish", str(dest))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("published release ")
    assert (dest / "current").is_symlink()
    assert served(dest) == first
    (one,) = release_names(dest)

    second = make_build(project, "two", files=5)
    result = run(project, "publish", str(dest))
    assert result.returncode == 0, result.stderr
    assert served(dest) == second
    names = release_names(dest)
    assert len(names) == 2 and names[0] == one
    assert os.readlink(dest / "current") == f"releases/{names[1]}"
    # The first release is kept as it was, for rollback.
    assert {k: v for k, v in tree(dest / "releases" / one).items() if k != "SHA256SUMS"} == first

    result = run(project, "publish", str(dest), "--rollback")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"rolled back {dest}/current from release {names[1]} to {one}"
    assert served(dest) == first
    assert release_names(dest) == names  # rollback removes nothing

    result = run(project, "publish", str(dest), "--rollback")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"publish: {one} is the oldest release in {dest}/releases: there is none to roll back to"
    ]
    assert served(dest) == first
    assert (dest / "README.txt").read_text(encoding="utf-8") == "the host's own file"


def test_every_release_has_sha256sums_that_sha256sum_accepts(project, tmp_path):
    dest = tmp_path / "www"
    files = make_build(project, "one", files=4)
    assert run(project, "publish", str(dest)).returncode == 0
    release = (dest / "current").resolve()
    sums = (release / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    expected = sorted(f"{hashlib.sha256(data).hexdigest()}  {path}" for path, data in files.items())
    assert sorted(sums) == expected
    checked = subprocess.run(["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=release, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count(": OK") == len(files)


def test_keep_removes_only_old_releases_publish_made(project, tmp_path):
    dest = tmp_path / "www"
    (dest / "releases").mkdir(parents=True)
    (dest / "releases" / "notes.txt").write_text("mine", encoding="utf-8")
    (dest / "releases" / "2020-old-site").mkdir()
    # Named like a release, but not made by publish (no SHA256SUMS): never pruned.
    (dest / "releases" / "20000101T000000.000000Z").mkdir()
    (dest / "releases" / "20000101T000000.000000Z" / "index.html").write_text("old", encoding="utf-8")
    made = []
    for version in ("one", "two", "three"):
        make_build(project, version)
        result = run(project, "publish", str(dest), "--keep", "2")
        assert result.returncode == 0, result.stderr
        made.append(os.readlink(dest / "current").removeprefix("releases/"))
    assert result.stdout.endswith(" now points at it; removed 1 old release\n")  # one: no plural "s"
    assert release_names(dest) == sorted(["2020-old-site", "20000101T000000.000000Z", "notes.txt", *made[1:]])
    assert (dest / "releases" / "20000101T000000.000000Z" / "index.html").read_text(encoding="utf-8") == "old"
    assert (dest / "releases" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_rolling_back_then_publishing_never_prunes_the_live_release(project, tmp_path):
    dest = tmp_path / "www"
    for version in ("one", "two"):
        make_build(project, version)
        assert run(project, "publish", str(dest), "--keep", "1").returncode == 0
    (only,) = release_names(dest)
    assert served(dest)["index.html"].endswith(b"two</title>")
    make_build(project, "three")
    assert run(project, "publish", str(dest), "--keep", "1").returncode == 0
    assert len(release_names(dest)) == 1 and only not in release_names(dest)


#: Runs publish with every file copy slowed down, so that the test can kill it half-way.
SLOW_PUBLISH = """
import sys, time
import generator.site.publish as publish
from generator.cli import main
copy = publish._copy_file
def slow(source, target):
    time.sleep(0.02)
    return copy(source, target)
publish._copy_file = slow
sys.exit(main(sys.argv[1:]))
"""


def test_a_publish_killed_half_way_leaves_the_live_site_byte_for_byte(project, tmp_path):
    dest = tmp_path / "www"
    make_build(project, "live")
    assert run(project, "publish", str(dest)).returncode == 0
    live_link = os.readlink(dest / "current")
    before = served(dest)
    before_releases = {name: tree(dest / "releases" / name) for name in release_names(dest)}

    make_build(project, "new", files=400)
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_PUBLISH, "publish", str(dest)], cwd=project, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    copied = 0
    while time.monotonic() < deadline and copied < 20:
        incoming = list((dest / "releases").glob(".incoming-*"))
        copied = sum(1 for p in incoming[0].rglob("*") if p.is_file()) if incoming else 0
        time.sleep(0.01)
    assert process.poll() is None, "publish finished before it could be killed"
    assert copied >= 20
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stdout.close()
    process.stderr.close()

    assert os.readlink(dest / "current") == live_link
    assert served(dest) == before
    assert {name: tree(dest / "releases" / name) for name in release_names(dest)} == before_releases
    assert list((dest / "releases").glob(".incoming-*")), "the half-copied release is left for the next run"

    # The next publish clears what the killed one left, then goes through.
    result = run(project, "publish", str(dest))
    assert result.returncode == 0, result.stderr
    assert not list((dest / "releases").glob(".incoming-*"))
    assert len(served(dest)) == 404


def test_no_build_yet_is_one_line_and_exit_1(project, tmp_path):
    result = run(project, "publish", str(tmp_path / "www"))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"publish: no build to publish in {project}/_build/html: run `make site` (or `python -m generator build`) first"
    ]
    assert not (tmp_path / "www").exists()


def test_dest_that_is_a_file_is_one_line_and_exit_1(project, tmp_path):
    make_build(project, "one")
    dest = tmp_path / "www"
    dest.write_text("not a folder", encoding="utf-8")
    result = run(project, "publish", str(dest))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"publish: {dest} is not a folder"]
    assert dest.read_text(encoding="utf-8") == "not a folder"


def test_a_current_publish_did_not_make_is_left_alone(project, tmp_path):
    make_build(project, "one")
    dest = tmp_path / "www"
    (dest / "current").mkdir(parents=True)
    (dest / "current" / "index.html").write_text("the old site", encoding="utf-8")
    result = run(project, "publish", str(dest))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"publish: {dest}/current exists and is not a link made by publish; move it away first"
    ]
    assert (dest / "current" / "index.html").read_text(encoding="utf-8") == "the old site"
    assert not list((dest / "releases").iterdir())


def test_dest_not_writable_is_one_line_and_exit_1(project, tmp_path):
    """DEST read-only. Root may write anywhere, so as root the command runs without the
    capabilities that override file permissions (util-linux's setpriv)."""
    make_build(project, "one")
    dest = tmp_path / "www"
    dest.mkdir(mode=0o555)
    dest.chmod(0o555)
    prefix = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "setpriv (util-linux) is needed to run this test as root"
        prefix = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--"]
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "generator", "publish", str(dest)],
        cwd=project, capture_output=True, text=True, env=env,
    )  # fmt: skip
    dest.chmod(0o755)
    assert result.returncode == 1, result.stdout
    assert result.stderr.splitlines() == [f"publish: cannot write to {dest}: Permission denied"]
    assert list(dest.iterdir()) == []
