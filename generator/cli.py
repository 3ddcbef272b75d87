"""The command line: ``python -m generator <command>`` (also installed as ``cat-plan``)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from .data.diagnostics import Severity, display_path
from .data.texts import untranslated
from .data.validate import check
from .project import DATA_DIR, Project


def _project_root() -> Path:
    """The project folder: the current one, where maintainers run commands."""
    return Path.cwd()


def cmd_check(args: argparse.Namespace) -> int:
    _, plan, diagnostics = _load_or_report(args)
    if plan is None:
        return 1
    per_section = Counter(d.section for d in plan.duties)
    print(f"{plan.info.title.vi}")
    print(f"duties: {len(plan.duties)} (" + ", ".join(f"{s.section} {per_section[s.section]}" for s in plan.sections) + ")")
    print(f"agencies: {len(plan.agencies)}")
    print(f"topics: {len(plan.topics)}")
    print(f"legal documents: {len(plan.legal_documents)}")
    missing = untranslated(plan)
    print(f"texts lacking English: {len(missing)}")
    for where in missing[: args.show]:
        print(f"  {where}")
    if len(missing) > args.show:
        print(f"  … and {len(missing) - args.show} more (python -m generator translations lists them all)")
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    if warnings:
        print(f"warnings: {warnings}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .data.schema import write_schemas

    root = Path(args.root).resolve()
    changed = write_schemas(root / args.data / "schema")
    for path in changed:
        print(f"wrote {display_path(path, root)}")
    print(f"{len(changed)} schema file(s) changed")
    return 0


def _load_or_report(args: argparse.Namespace, cached: bool = False):
    """(project root, plan or None, diagnostics); every diagnostic is printed to stderr.

    ``cached``: take the checked plan from the build cache when the data did not
    change (see generator.site.buildcache), and leave it there for the Sphinx builds.
    """
    root = Path(args.root).resolve()
    if cached:
        from .site.buildcache import checked_plan

        plan, diagnostics, _ = checked_plan(root / args.data, root, Project(root, args.data).cache_dir)
    else:
        plan, diagnostics = check(root / args.data, root)
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)
    if plan is None:
        errors = sum(d.severity is Severity.ERROR for d in diagnostics)
        print(f"{errors} error{'s' if errors != 1 else ''} in {args.data}/; nothing was built.", file=sys.stderr)
    return root, plan, diagnostics


def cmd_build(args: argparse.Namespace) -> int:
    from .site.build import build_site

    root, plan, _ = _load_or_report(args, cached=True)
    if plan is None:
        return 1
    langs = (args.lang,) if args.lang else ("vi", "en")
    if args.no_pdf:
        steps, keep = (), ("pdf",)
    else:
        from .pdf import handbook_step

        steps, keep = (handbook_step(root, plan, data_dir=args.data, report=print),), ()
    result = build_site(root, plan, langs=langs, data_dir=args.data, extra_steps=steps, keep=keep)
    for message in result.messages:
        print(message, file=sys.stderr if not result.ok else sys.stdout)
    if not result.ok:
        print(f"build failed after {result.seconds:.1f} s; the published site in _build/html is unchanged.", file=sys.stderr)
        return 1
    html = Project(root, args.data).published
    pages = sum(1 for lang in langs for _ in (html / lang).rglob("*.html"))
    pdfs = sum(1 for _ in (html / "pdf").rglob("*.pdf")) if (html / "pdf").is_dir() else 0
    details = ", ".join(f"{value} {name}" for name, value in result.stats.items())
    print(f"summary: {details}, {pdfs} PDFs")
    print(f"built {', '.join(langs)}: {pages} HTML pages in {result.seconds:.1f} s -> {display_path(html, root)}/")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .files import WriteError
    from .site.exports import calendar_entries, write_exports

    root, plan, _ = _load_or_report(args)
    if plan is None:
        return 1
    out = (root / args.out).resolve()
    try:
        report = write_exports(out, plan)
    except WriteError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    _, undated = calendar_entries(plan, "vi")
    for relative in report.written:
        print(f"wrote {display_path(out / relative, root)}")
    print(
        f"{len(report.written) + len(report.unchanged)} files in {display_path(out, root)}/ "
        f"({len(report.written)} written, {len(report.unchanged)} unchanged); "
        f"{len(undated)} duties have no date or year in their deadline and are not in the calendars"
    )
    return 0


def cmd_translations(args: argparse.Namespace) -> int:
    from .data.translations import confirm, counts_by_file, read_lock, statuses

    root, plan, _ = _load_or_report(args)
    if plan is None:
        return 1
    data_dir = root / args.data
    if args.confirm:
        changed = confirm(plan, data_dir)
        print(f"confirmed the English of every translated text ({changed} newly confirmed)")
        return 0
    report = statuses(plan, read_lock(data_dir))
    counts = counts_by_file(report)
    width = max(len(c.file) for c in counts)
    print(f"{'file'.ljust(width)}  texts  missing  outdated")
    for c in counts:
        print(f"{c.file.ljust(width)}  {c.texts:5}  {c.missing:7}  {c.outdated:8}")
    totals = [sum(getattr(c, f) for c in counts) for f in ("texts", "missing", "outdated")]
    print(f"{'total'.ljust(width)}  {totals[0]:5}  {totals[1]:7}  {totals[2]:8}")
    for status in report:
        if status.state != "ok":
            print(f"  {status.state}: {args.data}/{status.file}: {status.where}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .site.preview import serve

    root, plan, _ = _load_or_report(args, cached=True)
    if plan is None:
        return 1
    return serve(root, args.lang, args.data, port=args.port)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Check, build and export An Giang's plan to implement the Convention against Torture.",
    )
    parser.add_argument("--root", default=".", help="the project folder (default: the current folder)")
    parser.add_argument("--data", default=DATA_DIR, help=f"the data folder, relative to the project (default: {DATA_DIR})")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser("check", help="validate the data and print a summary", description="Validate the data in plan_data/ and print a summary; every error is printed as file:line:column: message.")
    p.add_argument("--show", type=int, default=10, help="how many untranslated texts to list (default: 10)")
    p.set_defaults(func=cmd_check)

    p = commands.add_parser("build", help="build the site (what make site does)", description="Validate the data, build the site in both languages (or one) and publish it to _build/html only if everything succeeded.")
    p.add_argument("--lang", choices=["vi", "en"], help="build only this language (the other stays as published)")
    p.add_argument("--no-pdf", action="store_true", help="skip the printable handbooks (the published ones are kept)")
    p.set_defaults(func=cmd_build)

    p = commands.add_parser("export", help="write CSV, JSON and iCalendar files of the plan", description="Write the open-data files: duties, agencies and topics as CSV (UTF-8 with BOM, for Excel), the whole plan as JSON, and iCalendar files of deadlines for the plan and per agency.")
    p.add_argument("--out", default="_build/export", help="the folder to write into (default: _build/export)")
    p.set_defaults(func=cmd_export)

    p = commands.add_parser("translations", help="report English texts that are missing or out of date", description="Report, per data file and in total, the English texts that are missing or whose Vietnamese changed since the English was confirmed.")
    p.add_argument("--confirm", action="store_true", help="record that the English of every translated text is up to date")
    p.set_defaults(func=cmd_translations)

    p = commands.add_parser("serve", help="live preview that rebuilds when the data or pages change", description="Serve a live preview that rebuilds, in the same process, the pages that change when plan_data/ or docs/ change (restart it after changing the generator's code).")
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help="the language to preview (default: vi)")
    p.add_argument("--port", type=int, default=8000, help="the port (default: 8000)")
    p.set_defaults(func=cmd_serve)

    p = commands.add_parser("schema", help="regenerate the JSON Schemas of the data files", description="Write plan_data/schema/*.schema.json from the models, for editors that validate YAML while you type.")
    p.set_defaults(func=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.func(args)
