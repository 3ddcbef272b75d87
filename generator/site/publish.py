"""Putting the last good build on a web root in one step, with rollback.

``python -m generator publish DEST`` copies ``_build/html`` into a new release
folder and then switches the live site to it with one atomic rename::

    DEST/
      current -> releases/20261201T101500.123456Z      (a symlink: the web root)
      releases/
        20261130T090000.000000Z/    the previous release, kept for --rollback
        20261201T101500.123456Z/    index.html, vi/, en/, ..., SHA256SUMS

The copy goes into ``releases/.incoming-<id>`` and is renamed to its final name
only once every file is written and summed; ``current`` is then replaced by a
fresh symlink renamed over it (``rename(2)`` is atomic), so a reader sees the
old site or the new one, never half of one, and a copy that fails or is killed
leaves the live site exactly as it was.

Publish never deletes or rewrites anything in DEST it did not make: it only
touches ``DEST/current`` (when it is a symlink into ``releases/``), the release
folders it named, its leftovers (``.incoming-*``, ``.current-*``) and its lock.
Point the web server at ``DEST/current``.
"""

from __future__ import annotations

import datetime
import fcntl
import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

RELEASES = "releases"
CURRENT = "current"
SUMS = "SHA256SUMS"
LOCK = ".publish.lock"
INCOMING = ".incoming-"
#: The release folders publish makes: a UTC timestamp with microseconds (they sort in time order).
RELEASE_NAME = re.compile(r"\d{8}T\d{6}\.\d{6}Z")
DEFAULT_KEEP = 5
_CHUNK = 1 << 20


class PublishError(Exception):
    """A reason publish cannot go on; its message is one line for the maintainer."""


@dataclass(frozen=True)
class Published:
    release: str
    files: int
    bytes: int
    removed: tuple[str, ...] = ()


def releases(dest: Path) -> list[str]:
    """The complete releases publish made in ``dest`` (named by it, holding its SHA256SUMS), oldest first."""
    folder = dest / RELEASES
    if not folder.is_dir():
        return []
    return sorted(
        p.name
        for p in folder.iterdir()
        if RELEASE_NAME.fullmatch(p.name) and p.is_dir() and not p.is_symlink() and (p / SUMS).is_file()
    )


def current_release(dest: Path) -> str | None:
    """The release ``DEST/current`` points at, or None when there is none yet."""
    link = dest / CURRENT
    if not link.is_symlink():
        if link.exists():
            raise PublishError(f"{link} exists and is not a link made by publish; move it away first")
        return None
    target = Path(os.readlink(link))
    if target.parent != Path(RELEASES) or not RELEASE_NAME.fullmatch(target.name):
        raise PublishError(f"{link} points at {target}, not at a release made by publish; move it away first")
    return target.name


def _new_release_name(dest: Path) -> str:
    existing = set(releases(dest))
    while True:
        name = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%S.%fZ")
        if name not in existing and not (dest / RELEASES / name).exists():
            return name


def _copy_file(source: Path, target: Path) -> tuple[str, int]:
    """Copy one file (contents and times), returning its SHA-256 and size."""
    digest = hashlib.sha256()
    size = 0
    with open(source, "rb") as read, open(target, "xb") as write:
        while chunk := read.read(_CHUNK):
            digest.update(chunk)
            write.write(chunk)
            size += len(chunk)
        write.flush()
        os.fsync(write.fileno())
    shutil.copystat(source, target)
    return digest.hexdigest(), size


def _copy_tree(source: Path, target: Path) -> tuple[list[str], int]:
    """Copy ``source`` into the new folder ``target``; return the SHA256SUMS lines and the byte count.

    Symlinks inside the build are followed (the release holds plain files), so a
    release never depends on anything outside itself.
    """
    lines: list[str] = []
    total = 0
    target.mkdir()
    for folder, dirnames, filenames in os.walk(source, followlinks=True):
        dirnames.sort()
        here = Path(folder)
        relative = here.relative_to(source)
        for name in dirnames:
            (target / relative / name).mkdir()
        for name in sorted(filenames):
            path = relative / name
            if path.as_posix() == SUMS:
                raise PublishError(f"the build holds a file named {SUMS}, which publish writes itself")
            digest, size = _copy_file(here / name, target / path)
            lines.append(f"{digest}  {path.as_posix()}\n")
            total += size
    lines.sort(key=lambda line: line[66:])
    return lines, total


def _switch(dest: Path, release: str) -> None:
    """Point ``DEST/current`` at ``release`` with one rename of a fresh symlink."""
    temporary = dest / f".current-{os.getpid()}"
    if temporary.is_symlink():
        temporary.unlink()
    temporary.symlink_to(Path(RELEASES) / release)
    os.replace(temporary, dest / CURRENT)
    _fsync_dir(dest)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _clean_leftovers(dest: Path) -> None:
    """Remove what an interrupted publish left: half-copied releases, temporary links."""
    folder = dest / RELEASES
    if folder.is_dir():
        for path in folder.iterdir():
            if path.name.startswith(INCOMING) and RELEASE_NAME.fullmatch(path.name[len(INCOMING) :]):
                shutil.rmtree(path)
    for path in dest.iterdir():
        if path.name.startswith(".current-") and path.name[len(".current-") :].isdigit() and path.is_symlink():
            path.unlink()


def _prune(dest: Path, keep: int, live: str) -> tuple[str, ...]:
    """Remove the oldest releases beyond the newest ``keep``; never the live one."""
    every = releases(dest)
    kept = set(every[-keep:]) | {live}
    removed = tuple(name for name in every if name not in kept)
    for name in removed:
        shutil.rmtree(dest / RELEASES / name)
    return removed


class _Lock:
    """One publish at a time in a DEST (an flock on ``DEST/.publish.lock``)."""

    def __init__(self, dest: Path):
        self.path = dest / LOCK

    def __enter__(self):
        self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self.fd)
            raise PublishError(f"another publish into {self.path.parent} is running") from None
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)


def _prepare(dest: Path) -> None:
    if dest.exists() and not dest.is_dir():
        raise PublishError(f"{dest} is not a folder")
    try:
        (dest / RELEASES).mkdir(parents=True, exist_ok=True)
        probe = dest / RELEASES / f".probe-{os.getpid()}"
        probe.mkdir()
        probe.rmdir()
    except OSError as exc:
        raise PublishError(f"cannot write to {dest}: {exc.strerror or exc}") from None
    current_release(dest)  # refuses a DEST/current that publish did not make


def publish(build: Path, dest: Path, keep: int = DEFAULT_KEEP) -> Published:
    """Copy ``build`` into a new release in ``dest`` and make it live; keep the newest ``keep`` releases."""
    if keep < 1:
        raise PublishError("--keep must be at least 1: the live release is always kept")
    if not (build / "index.html").is_file():
        raise PublishError(f"no build to publish in {build}: run `make site` (or `python -m generator build`) first")
    dest = dest.absolute()
    _prepare(dest)
    try:
        with _Lock(dest):
            _clean_leftovers(dest)
            name = _new_release_name(dest)
            incoming = dest / RELEASES / f"{INCOMING}{name}"
            lines, total = _copy_tree(build, incoming)
            with open(incoming / SUMS, "w", encoding="utf-8", newline="\n") as sums:
                sums.writelines(lines)
                sums.flush()
                os.fsync(sums.fileno())
            os.replace(incoming, dest / RELEASES / name)
            _fsync_dir(dest / RELEASES)
            _switch(dest, name)
            removed = _prune(dest, keep, name)
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        raise PublishError(f"publishing failed{where}: {exc.strerror or exc}; the live site is unchanged") from None
    return Published(name, len(lines), total, removed)


def rollback(dest: Path) -> tuple[str, str]:
    """Make the release before the live one live again; return (from, to)."""
    dest = dest.absolute()
    if not dest.is_dir():
        raise PublishError(f"{dest} is not a folder")
    live = current_release(dest)
    if live is None:
        raise PublishError(f"nothing is published in {dest}: there is nothing to roll back")
    try:
        with _Lock(dest):
            older = [name for name in releases(dest) if name < live]
            if not older:
                raise PublishError(f"{live} is the oldest release in {dest / RELEASES}: there is none to roll back to")
            _switch(dest, older[-1])
    except OSError as exc:
        raise PublishError(f"rollback failed: {exc.strerror or exc}; the live site is unchanged") from None
    return live, older[-1]


def verify(release: Path) -> list[str]:
    """The files of a release that do not match its SHA256SUMS (or are missing from it)."""
    listed = {}
    for line in (release / SUMS).read_text(encoding="utf-8").splitlines():
        digest, path = line.split("  ", 1)
        listed[path] = digest
    problems = []
    present = {p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()} - {SUMS}
    for path in sorted(present - listed.keys()):
        problems.append(f"{path}: not in {SUMS}")
    for path, digest in sorted(listed.items()):
        file = release / path
        if not file.is_file():
            problems.append(f"{path}: missing")
        elif hashlib.sha256(file.read_bytes()).hexdigest() != digest:
            problems.append(f"{path}: changed")
    return problems

