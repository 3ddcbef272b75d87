"""The published site and the folder a build works in, used in turn.

``_build/html`` is the published site; nothing is ever written into it.
``_build/html.next`` is where a build works. Before Sphinx runs, it is brought
level with the published site by copying only the files that differ (by size
and modification time, times kept) and removing what the published site does
not have: after a successful build it already holds the site before the last
one, so this costs what the last build changed, not a copy of the whole site.
Sphinx then rewrites only the pages whose sources changed.

When everything succeeded the two folders trade places by renames: the new site
becomes ``_build/html`` and the old one the next build's work folder. A build
that fails or is killed before that leaves ``_build/html`` as it was; a build
killed between two renames is put right by the next one (:func:`recover`).
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

WORK = "html.next"
_OLD = "html.old"
_LOCK = ".build.lock"


class BuildBusy(Exception):
    """Another build is working in the same output folder."""


@dataclass
class MirrorReport:
    copied: int = 0
    removed: int = 0
    kept: int = 0


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _kind(entry: os.DirEntry) -> str:
    if entry.is_symlink():
        return "link"
    return "dir" if entry.is_dir(follow_symlinks=False) else "file"


def mirror(source: Path, target: Path, only: set[str] | None = None) -> MirrorReport:
    """Make ``target`` hold what ``source`` holds (only the top-level names in ``only``, if given).

    A file whose size and modification time match is left alone; any other is
    copied with its times. Links are copied as links. Anything in ``target``
    that ``source`` does not have is removed.
    """
    report = MirrorReport()
    target.mkdir(parents=True, exist_ok=True)

    def walk(src: Path | None, dst: Path, top: bool) -> None:
        wanted = {}
        if src is not None:
            with os.scandir(src) as entries:
                wanted = {e.name: e for e in entries if not (top and only is not None and e.name not in only)}
        with os.scandir(dst) as entries:
            present = {e.name: e for e in entries}
        for name, entry in present.items():
            if name not in wanted or _kind(wanted[name]) != _kind(entry):
                _remove(dst / name)
                report.removed += 1
        for name, entry in wanted.items():
            path = dst / name
            kind = _kind(entry)
            if kind == "link":
                link = os.readlink(entry.path)
                if not (path.is_symlink() and os.readlink(path) == link):
                    path.unlink(missing_ok=True)
                    os.symlink(link, path)
                    report.copied += 1
            elif kind == "dir":
                path.mkdir(exist_ok=True)
                walk(Path(entry.path), path, False)
            else:
                mine = entry.stat(follow_symlinks=False)
                theirs = present[name].stat(follow_symlinks=False) if name in present else None
                if theirs is None or (theirs.st_size, theirs.st_mtime_ns) != (mine.st_size, mine.st_mtime_ns):
                    shutil.copy2(entry.path, path, follow_symlinks=False)
                    report.copied += 1
                else:
                    report.kept += 1

    walk(source if source.is_dir() else None, target, True)
    return report


def published_twin(path: Path) -> Path | None:
    """Where ``path``, in a work folder (``<out>/html.next/...``), is in the published
    site (``<out>/html/...``); None for a path outside a work folder."""
    for folder in (path, *path.parents):
        if folder.name == WORK:
            return folder.with_name("html") / path.relative_to(folder)
    return None


def recover(out: Path) -> None:
    """Finish or undo a swap that a killed build left half done."""
    published, work, old = out / "html", out / WORK, out / _OLD
    if not old.exists():
        return
    if not published.exists():
        os.replace(old, published)  # killed between the first two renames: the last good site
    elif not work.exists():
        os.replace(old, work)  # killed before the last rename
    else:
        shutil.rmtree(old)


def swap(out: Path) -> None:
    """Publish the work folder: it becomes ``html``, the published site becomes the work folder."""
    published, work, old = out / "html", out / WORK, out / _OLD
    recover(out)
    if published.exists():
        os.replace(published, old)
        os.replace(work, published)
        os.replace(old, work)
    else:
        os.replace(work, published)


@contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold the output folder for one build; :class:`BuildBusy` if another build holds it."""
    out.mkdir(parents=True, exist_ok=True)
    handle = open(out / _LOCK, "a+")  # noqa: SIM115 - held for the whole build
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildBusy(f"another build is running in {out}; wait for it to finish") from None
        yield
    finally:
        handle.close()
