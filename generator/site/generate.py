"""The core's last step: the plan's page stubs, written into the Sphinx source folder.

Called by the build command before Sphinx starts (so the two language builds,
which run side by side, find every stub already in place) and by the Sphinx
extension (so a plain sphinx-build works too). Writing is idempotent: a stub
whose content is unchanged is not touched.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from ..content.addresses import GENERATED
from ..content.pages import PageSpec, page_specs
from ..data.index import PlanIndex
from ..data.model import Plan
from ..files import WriteReport, sync
from .stubs import environment, render_stub


def stub_files(specs: list[PageSpec]) -> dict[str, str]:
    jinja = environment()
    return {spec.docname.removeprefix(GENERATED + "/") + ".md": render_stub(spec, jinja) for spec in specs}


def write_stubs(
    srcdir: Path, plan: Plan, index: PlanIndex | None = None, as_of: datetime.date | None = None
) -> tuple[list[PageSpec], WriteReport]:
    specs = page_specs(index or PlanIndex(plan), as_of)
    return specs, sync(Path(srcdir) / GENERATED, stub_files(specs))
