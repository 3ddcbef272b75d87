"""The core's last step: the plan's page stubs, written into the Sphinx source folder.

Called by the build command before Sphinx starts (so the two language builds,
which run side by side, find every stub already in place) and by the Sphinx
extension (so a plain sphinx-build works too). Writing is idempotent: a stub
whose content is unchanged is not touched.
"""

from __future__ import annotations

import datetime
import fcntl
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..content.addresses import GENERATED
from ..content.pages import PageSpec, page_specs
from ..data.index import PlanIndex
from ..data.model import Plan
from ..files import MANIFEST, WriteReport, sync
from .buildcache import fetch_value, store_value
from .stubs import environment, render_stub


def stub_files(specs: list[PageSpec]) -> dict[str, str]:
    jinja = environment()
    return {spec.docname.removeprefix(GENERATED + "/") + ".md": render_stub(spec, jinja) for spec in specs}


def write_stubs(
    srcdir: Path, plan: Plan, index: PlanIndex | None = None, as_of: datetime.date | None = None
) -> tuple[list[PageSpec], WriteReport]:
    specs = page_specs(index or PlanIndex(plan), as_of)
    return specs, sync(Path(srcdir) / GENERATED, stub_files(specs))


_STUBS_RECORD = "stubs.pickle"  # in the cache folder: the sources the stubs were last written from, and their specs


def write_stubs_once(
    srcdir: Path,
    cache_dir: Path,
    plan: Plan,
    digest: str,
    index: PlanIndex | None = None,
    as_of: datetime.date | None = None,
    frame: str | None = None,
) -> tuple[list[PageSpec], WriteReport]:
    """:func:`write_stubs`, unless the stubs were written from these very sources
    (``digest``, see generator.site.buildcache) or from the same frame (``frame``: the
    plan but its duties' words, see generator.content.incremental), and every one is
    still in place: then only their presence is checked, and the pages are those
    recorded (working them out takes seconds at fifty times the data: the split
    reports are worked out to know their parts)."""
    # The two language builds, running side by side, each write the stubs when their sources
    # changed since the build command wrote them (a file saved meanwhile): one after the other.
    with _held(Path(cache_dir) / _STUBS_LOCK):
        return _write_stubs_once(srcdir, cache_dir, plan, digest, index, as_of, frame)


_STUBS_LOCK = "stubs.lock"  # in the cache folder


@contextmanager
def _held(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path`` (made if missing) while the block runs; waits for it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _write_stubs_once(srcdir, cache_dir, plan, digest, index, as_of, frame) -> tuple[list[PageSpec], WriteReport]:
    folder = Path(srcdir) / GENERATED
    record = Path(cache_dir) / _STUBS_RECORD
    stored = fetch_value(record, None)
    try:
        recorded_digest, recorded_frame, specs = stored
        files = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        recorded_digest, recorded_frame, specs, files = None, None, None, []
    same = recorded_digest == digest or (frame is not None and recorded_frame == frame)
    if same and files and specs and all((folder / name).is_file() for name in files):
        return list(specs), WriteReport(unchanged=list(files))
    specs, report = write_stubs(srcdir, plan, index, as_of)
    store_value(record, ("stubs", (digest, frame, tuple(specs))))
    return specs, report
