"""Writing generated files: only what changed, only inside the output folder,
and removing only what the generator itself wrote before.

A manifest (``.generated.json`` in the output folder) lists the files the
generator wrote. A file that is not in the manifest belongs to someone else: it
is never overwritten or deleted.
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".generated.json"


def _file_mode() -> int:
    """The mode a new file gets here (0o644 under the usual umask): what a web server
    running as another user needs to read a published page."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _file_mode()


#: Set by a process that keeps what it loads (a build server, generator.site.sphinx_server):
#: what :func:`load_pickle` loads is then frozen (``gc.freeze``), out of the collector's
#: walks; the server collects what was frozen when it is idle.
freeze_what_is_loaded = False


def load_pickle(handle):
    """``pickle.load(handle)`` with the garbage collector paused. Unpickling makes
    objects by the million (the x50 plan), and each few thousand would start a collection
    that walks what the process already holds: the plan took 1.0-2.1 s to load in a build
    server, 0.3 s paused (BENCHMARKS.md, eleventh session). A pickle makes no garbage."""
    paused = gc.isenabled()
    gc.disable()
    try:
        value = pickle.load(handle)
        if freeze_what_is_loaded:
            gc.freeze()  # else the next collections would walk all of it, again and again
        return value
    finally:
        if paused:
            gc.enable()


class WriteError(Exception):
    pass


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _confined(root: Path, relative: str) -> Path:
    target = (root / relative).resolve()
    if target != root and root not in target.parents:
        raise WriteError(f"refusing to write outside {root}: {relative!r}")
    return target


def _read_manifest(root: Path) -> set[str]:
    path = root / MANIFEST
    if not path.is_file():
        return set()
    try:
        return set(json.loads(path.read_text(encoding="utf-8"))["files"])
    except (ValueError, KeyError, TypeError):
        raise WriteError(f"{path} is damaged; delete the generated folder and build again") from None


def _as_bytes(content: str | bytes) -> bytes:
    return content if isinstance(content, bytes) else content.encode("utf-8")


def atomic_write(path: Path, content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8) to ``path`` so that no reader sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_as_bytes(content))
        os.chmod(tmp, FILE_MODE)  # mkstemp makes 0600 files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Write ``content`` to ``path`` atomically unless it already holds exactly that;
    True if it was written. For a single file the build owns (not a folder's manifest)."""
    if path.is_file() and path.read_bytes() == _as_bytes(content):
        return False
    atomic_write(path, content)
    return True


def sync(root: Path, files: dict[str, str | bytes]) -> WriteReport:
    """Make ``root`` hold ``files`` (relative path -> text or bytes).

    Unchanged files are not touched (their modification time stays, so Sphinx
    does not re-read them); files written by an earlier run and no longer
    wanted are removed; anything else in ``root`` is left alone.
    """
    root = root.resolve()
    root.mkdir(parents=True, exist_ok=True)
    ours = _read_manifest(root)
    report = WriteReport()
    targets = {rel: _confined(root, rel) for rel in files}
    for rel, target in targets.items():
        if target.exists() and rel not in ours:
            raise WriteError(
                f"{target} exists but was not written by the generator; move it away (it is not overwritten)"
            )
    for rel, content in sorted(files.items()):
        target = targets[rel]
        if target.is_file() and target.read_bytes() == _as_bytes(content):
            report.unchanged.append(rel)
        else:
            atomic_write(target, content)
            report.written.append(rel)
    for rel in sorted(ours - set(files)):
        target = _confined(root, rel)
        if target.is_file():
            target.unlink()
            report.removed.append(rel)
            parent = target.parent
            while parent != root and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
    manifest = json.dumps({"files": sorted(files)}, indent=1) + "\n"
    manifest_path = root / MANIFEST
    if not manifest_path.is_file() or manifest_path.read_text(encoding="utf-8") != manifest:
        atomic_write(manifest_path, manifest)
    return report
