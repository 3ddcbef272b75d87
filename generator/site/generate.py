"""The core's last step: the plan's page stubs, written into the Sphinx source folder.

Called by the build command before Sphinx starts (so the two language builds,
which run side by side, find every stub already in place) and by the Sphinx
extension (so a plain sphinx-build works too). Writing is idempotent: a stub
whose content is unchanged is not touched.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from ..content.addresses import GENERATED
from ..content.pages import PageSpec, page_specs
from ..data.index import PlanIndex
from ..data.model import Plan
from ..files import MANIFEST, WriteReport, atomic_write, sync
from .stubs import environment, render_stub


def stub_files(specs: list[PageSpec]) -> dict[str, str]:
    jinja = environment()
    return {spec.docname.removeprefix(GENERATED + "/") + ".md": render_stub(spec, jinja) for spec in specs}


def write_stubs(
    srcdir: Path, plan: Plan, index: PlanIndex | None = None, as_of: datetime.date | None = None
) -> tuple[list[PageSpec], WriteReport]:
    specs = page_specs(index or PlanIndex(plan), as_of)
    return specs, sync(Path(srcdir) / GENERATED, stub_files(specs))


_STUBS_RECORD = "stubs.json"  # in the cache folder: the sources the stubs were last written from


def write_stubs_once(
    srcdir: Path,
    cache_dir: Path,
    plan: Plan,
    digest: str,
    index: PlanIndex | None = None,
    as_of: datetime.date | None = None,
) -> tuple[list[PageSpec], WriteReport]:
    """:func:`write_stubs`, unless the stubs were written from these very sources
    (``digest``, see generator.site.buildcache) and every one is still in place:
    then only their presence is checked (reading and comparing 4,562 stubs took
    about a second at fifty times the data, in the build command and in each Sphinx build)."""
    index = index or PlanIndex(plan)
    folder = Path(srcdir) / GENERATED
    record = Path(cache_dir) / _STUBS_RECORD
    try:
        recorded = json.loads(record.read_text(encoding="utf-8")).get("digest")
        files = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        recorded, files = None, []
    if recorded == digest and files and all((folder / name).is_file() for name in files):
        return page_specs(index, as_of), WriteReport(unchanged=list(files))
    specs, report = write_stubs(srcdir, plan, index, as_of)
    atomic_write(record, json.dumps({"digest": digest}) + "\n")
    return specs, report
