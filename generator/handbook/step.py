"""The build step: every handbook, booklet and annual report of the plan, printed into the site.

Hooks for the site build::

    problems = build_handbooks(root, plan, html_dir)          # from the CLI
    build_site(root, plan, extra_steps=[handbook_step(root, plan)])
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

from ..data.index import PlanIndex
from ..data.model import Plan
from ..project import DATA_DIR
from ..text.strings import decimal, label
from .compile import print_documents, prune_cache
from .data import document_data
from .documents import KINDS, edition_date, specs
from .report import report_data

log = logging.getLogger(__name__)

#: Where the printed PDFs are kept by content, below the project's root.
CACHE = Path("_build") / "pdf-cache"


def outdated_texts(plan: Plan, data_dir: Path) -> frozenset:
    """The (vi, en) pairs whose English may be out of date, as the site marks them."""
    from ..data import translations

    return translations.outdated_texts(plan, translations.read_lock(data_dir))


#: The order documents go to the printer: the largest kinds first, so that the print
#: workers end together (the parallel edition is the longest to print).
PRINT_ORDER = ("parallel", "full", "agency", "topic", "report")


def iter_document_jsons(
    root: Path, plan: Plan, data_dir: str = "plan_data", kinds=KINDS, as_of: datetime.date | None = None
) -> Iterator[tuple[str, str]]:
    """(path, JSON) of every document to print, one at a time (largest kinds first, see
    :data:`PRINT_ORDER`); the reports as of ``as_of`` (default:
    :func:`generator.data.status.resolve_as_of`), which their JSON holds."""
    from ..data.status import resolve_as_of

    index = PlanIndex(plan)
    edition = edition_date(root, data_dir)
    outdated = outdated_texts(plan, Path(root) / data_dir)
    as_of = as_of or resolve_as_of(None)

    def data(spec) -> dict:
        if spec.kind == "report":
            return report_data(plan, index, spec, edition, outdated, as_of)
        return document_data(plan, index, spec, edition, outdated)

    for spec in sorted(specs(index, kinds, as_of), key=lambda spec: PRINT_ORDER.index(spec.kind)):
        yield spec.path, json.dumps(data(spec), ensure_ascii=False, separators=(",", ":"))


def document_jsons(
    root: Path, plan: Plan, data_dir: str = "plan_data", kinds=KINDS, as_of: datetime.date | None = None
) -> list[tuple[str, str]]:
    """(path, JSON) of every document to print (see :func:`iter_document_jsons`)."""
    return list(iter_document_jsons(root, plan, data_dir, kinds, as_of))


def report_pdf_bytes(
    root: Path, plan: Plan, year: int, agency: str | None, lang: str, as_of: datetime.date, data_dir: str = DATA_DIR
) -> bytes:
    """One annual report, printed (what the build puts at its path in ``pdf/``).

    Raises :class:`~generator.handbook.compile.PrintError` when Typst refuses it."""
    from ..content.addresses import report_pdf
    from .compile import compile_pdf
    from .documents import DocumentSpec

    index = PlanIndex(plan)
    edition = edition_date(root, data_dir)
    spec = DocumentSpec(report_pdf(year, agency, lang), "report", agency or "", lang, year)
    data = report_data(plan, index, spec, edition, outdated_texts(plan, Path(root) / data_dir), as_of)
    return compile_pdf(json.dumps(data, ensure_ascii=False, separators=(",", ":")), edition)


def build_handbooks(
    root: Path,
    plan: Plan,
    html_dir: Path,
    data_dir: str = DATA_DIR,
    workers: int | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    report=None,
    kinds=KINDS,
    as_of: datetime.date | None = None,
    ui_lang: str = "en",
) -> list[str]:
    """Print every handbook, booklet and report into ``html_dir/pdf/``; return the problems (empty when all went well).

    A document whose JSON is unchanged since an earlier build comes from the cache
    (``root/_build/pdf-cache`` unless ``cache_dir`` says otherwise), byte for byte.
    ``report`` (optional) receives a one-line summary with the timing, in ``ui_lang``.
    """
    started = time.perf_counter()
    root = Path(root)
    if plan.info.site_url is None:
        log.warning(
            "plan.yaml has no site_url: the handbooks print each duty's page as a relative "
            "path (e.g. vi/plan/duties/c-i.html) and no QR codes"
        )
    cache = (cache_dir or root / CACHE) if use_cache else None
    try:
        if cache is not None:
            cache.mkdir(parents=True, exist_ok=True)
        # The JSON is made while the first documents print (see print_documents).
        jobs = iter_document_jsons(root, plan, data_dir, kinds, as_of)
        done, problems = print_documents(jobs, Path(html_dir), edition_date(root, data_dir), cache, workers)
    except Exception as exc:  # noqa: BLE001 - a failed handbook fails the build, with the reason
        return [f"the handbooks could not be built: {type(exc).__name__}: {exc}"]
    if cache is not None and not problems:
        prune_cache(cache, 2 * len(done))
    if report:
        compiled = [p for p in done if p.compiled]
        report(
            label(
                "cli_step_handbooks_done",
                ui_lang,
                count=len(done),
                compiled=len(compiled),
                unchanged=len(done) - len(compiled),
                pages=sum(p.pages for p in done),
                seconds=decimal(time.perf_counter() - started, ui_lang),
                processes=min(workers or os.cpu_count() or 1, max(1, len(compiled))),
            )
        )
    return problems


def handbook_step(root: Path, plan: Plan, data_dir: str = "plan_data", report=None, **options):
    """An ``extra_steps`` callable for :func:`generator.site.build_site`."""

    def step(html_dir: Path) -> list[str]:
        return build_handbooks(root, plan, html_dir, data_dir=data_dir, report=report, **options)

    step.description = "cli_step_handbooks"  # the key of what the build logs when it starts
    return step
