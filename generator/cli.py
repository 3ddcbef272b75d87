"""The command line: ``python -m generator <command>`` (also installed as ``cat-plan``)."""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from collections import Counter
from pathlib import Path
from typing import NoReturn

from .content.addresses import GENERATED
from .data.diagnostics import Severity, display_path
from .data.texts import untranslated
from .data.validate import check
from .project import DATA_DIR, Project

#: Exit status when the data has errors, a build failed or the output could not be written.
FAILED = 1
#: Exit status when the command cannot start: wrong folder, a missing package, a bad option.
CANNOT_START = 2
#: Exit status after Ctrl+C (128 + SIGINT), as shells report it.
INTERRUPTED = 130

#: The optional extras of pyproject.toml and the modules each provides; a command
#: that needs one checks for it first (tests/test_cli.py holds this to pyproject.toml).
EXTRAS = {
    "pdf": ("typst", "segno"),
    "live": ("sphinx_autobuild",),
}


RUN_HERE = "run this command in the project folder, or pass --root"


class CommandFailed(Exception):
    """A problem the user can fix, told in one line; :func:`main` prints it and exits."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.message = message
        self.status = status


def fail(message: str, status: int = CANNOT_START) -> NoReturn:
    """Stop the command with a one-line ``message`` on stderr and exit ``status``."""
    raise CommandFailed(message, status)


def _project(args: argparse.Namespace, *, sphinx: bool = False) -> Path:
    """The project folder, after checking that the command can run there.

    ``sphinx``: the command builds pages, so it needs the project's conf.py and docs/.
    """
    root = Path(args.root).expanduser().resolve()
    if not root.exists():
        fail(f"--root {args.root}: no such folder")
    if not root.is_dir():
        fail(f"--root {args.root}: not a folder")
    data = root / args.data
    if not data.exists():
        fail(f"no {args.data}/ folder in {root}; {RUN_HERE}")
    if not data.is_dir():
        fail(f"{args.data} in {root} is not a folder")
    if sphinx:
        for needed in ("conf.py", "docs"):
            if not (root / needed).exists():
                fail(f"no {needed} in {root}; {args.command} needs the project's conf.py and docs/: {RUN_HERE}")
    return root


def _require_extra(extra: str, hint: str = "") -> None:
    """Stop with the ``pip install`` line that brings ``extra`` when one of its modules is missing."""
    for module in EXTRAS[extra]:
        try:
            found = importlib.util.find_spec(module) is not None
        except ImportError:
            found = False
        if not found:
            fail(f"{module} is not installed; install the '{extra}' extra: pip install -e '.[{extra}]'{hint}")


def _require_writable(folder: Path, root: Path) -> None:
    """Stop before doing anything if ``folder`` cannot be created or written to."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    where = f"cannot write to {display_path(folder, root)}/"
    if not existing.is_dir():
        fail(f"{where}: {display_path(existing, root)} is a file", FAILED)
    if not os.access(existing, os.W_OK | os.X_OK):
        if existing == folder:
            fail(f"{where}: permission denied", FAILED)
        fail(f"{where}: {display_path(existing, root)}/ is not writable", FAILED)


def _generated_folder() -> str:
    """The folder of docs/ the page sources are written to (imported only by the commands that build)."""
    return GENERATED


def _require_free_port(port: int) -> None:
    """Stop before building if the preview could not listen on ``port``."""
    import socket

    if not 0 < port < 65536:
        fail(f"--port {port}: not a port number (1-65535)")
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the preview server does
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            fail(f"port {port} is in use; choose another with --port")


def cmd_check(args: argparse.Namespace) -> int:
    _, plan, diagnostics = _load_or_report(args, _project(args))
    if plan is None:
        return FAILED
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

    root = _project(args)
    _require_writable(root / args.data / "schema", root)
    changed = write_schemas(root / args.data / "schema")
    for path in changed:
        print(f"wrote {display_path(path, root)}")
    print(f"{len(changed)} schema file(s) changed")
    return 0


#: What a data folder holds; one with none of it is taken for an empty folder.
DATA_FILES = ("plan.yaml", "agencies.yaml", "topics.yaml", "legal_documents.yaml", "sections/*.yaml")


def _load_or_report(args: argparse.Namespace, root: Path, cached: bool = False):
    """(project root, plan or None, diagnostics); every diagnostic is printed to stderr.

    ``cached``: take the checked plan from the build cache when the data did not
    change (see generator.site.buildcache), and leave it there for the Sphinx builds.
    """
    data = root / args.data
    if not any(next(data.glob(pattern), None) for pattern in DATA_FILES):
        fail(f"{args.data}/ holds no data files; it needs {', '.join(DATA_FILES)}", FAILED)
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
    root = _project(args, sphinx=True)
    if not args.no_pdf:
        _require_extra("pdf", " (or build without the handbooks: --no-pdf)")
    _require_writable(root / "_build", root)
    _require_writable(root / "docs" / _generated_folder(), root)
    args.interrupted = "interrupted; the published site in _build/html is unchanged"
    from .site.build import build_site

    root, plan, _ = _load_or_report(args, root, cached=True)
    if plan is None:
        return FAILED
    as_of = _as_of(args)
    langs = (args.lang,) if args.lang else ("vi", "en")
    if args.no_pdf:
        steps, keep = (), ("pdf",)
    else:
        from .handbook.step import handbook_step

        steps, keep = (handbook_step(root, plan, data_dir=args.data, report=print, as_of=as_of),), ()
    result = build_site(root, plan, langs=langs, data_dir=args.data, extra_steps=steps, keep=keep, as_of=as_of)
    for message in result.messages:
        print(message, file=sys.stderr if not result.ok else sys.stdout)
    if not result.ok:
        print(f"build failed after {result.seconds:.1f} s; the published site in _build/html is unchanged.", file=sys.stderr)
        return FAILED
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

    root = _project(args)
    out = (root / Path(args.out).expanduser()).resolve()
    _require_writable(out, root)
    root, plan, _ = _load_or_report(args, root)
    if plan is None:
        return FAILED
    try:
        report = write_exports(out, plan)
    except WriteError as exc:
        fail(str(exc), FAILED)
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

    root = _project(args)
    if args.confirm:
        _require_writable(root / args.data, root)
    root, plan, _ = _load_or_report(args, root)
    if plan is None:
        return FAILED
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
    root = _project(args, sphinx=True)
    _require_extra("live")
    _require_writable(root / "_build", root)
    _require_writable(root / "docs" / _generated_folder(), root)
    _require_free_port(args.port)
    root, plan, _ = _load_or_report(args, root, cached=True)
    if plan is None:
        return FAILED
    from .site.preview import serve

    print(f"previewing the {args.lang} site at http://127.0.0.1:{args.port}/ (Ctrl+C to stop)", flush=True)
    args.interrupted = "preview stopped"
    return serve(root, args.lang, args.data, port=args.port)


def _as_of(args: argparse.Namespace):
    """The as-of date of a command: ``--as-of``, else SOURCE_DATE_EPOCH, else today."""
    from .data.status import AsOfError, resolve_as_of

    try:
        return resolve_as_of(args.as_of)
    except AsOfError as exc:
        fail(str(exc))


def cmd_report(args: argparse.Namespace) -> int:
    from .content.pages import PageSpec, SiteContext, build_view
    from .content.plaintext import page_text
    from .content.tracking import report_years
    from .data.index import PlanIndex

    root = _project(args)
    if args.pdf:
        _require_extra("pdf", " (or print the report as text: without --pdf)")
    as_of = _as_of(args)
    out = (Path.cwd() / Path(args.out).expanduser()).resolve() if args.out else None
    if out is None and args.pdf:
        name = f"report-{args.year}" + (f"-{args.agency}" if args.agency else "") + f"-{args.lang}.pdf"
        out = Path.cwd().resolve() / name
    if out is not None:
        _require_writable(out.parent, root)
    root, plan, _ = _load_or_report(args, root)
    if plan is None:
        return FAILED
    index = PlanIndex(plan)
    years = report_years(index, as_of)
    if args.year not in years:
        span = f"from {years[0]} to {years[-1]}" if years else "from no year"
        fail(f"no report for {args.year}: reports run {span} as of {as_of}")
    if args.agency is not None and args.agency not in plan.agencies:
        fail(f"unknown agency '{args.agency}' (see {args.data}/agencies.yaml)")
    if args.pdf:
        from .handbook.compile import PrintError
        from .handbook.step import report_pdf_bytes

        try:
            pdf = report_pdf_bytes(root, plan, args.year, args.agency, args.lang, as_of, args.data)
        except PrintError as exc:
            print(f"the report could not be printed: Typst: {exc}", file=sys.stderr)
            return FAILED
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(pdf)
        except OSError as exc:
            print(f"cannot write {display_path(out, root)}: {exc.strerror or exc}", file=sys.stderr)
            return FAILED
        print(f"wrote {display_path(out, root)}")
        return 0
    spec = PageSpec("", "report", f"{args.year}/{args.agency or ''}")
    text = page_text(build_view(index, spec, args.lang, SiteContext(as_of=as_of)))
    if out is None:
        sys.stdout.write(text)
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {display_path(out, root)}")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from .site.publish import PublishError, publish, rollback

    root = Path(args.root).resolve()
    dest = Path(args.dest)
    try:
        if args.rollback:
            was, now = rollback(dest)
            print(f"rolled back {dest}/current from release {was} to {now}")
            return 0
        done = publish(root / "_build" / "html", dest, keep=args.keep)
    except PublishError as exc:
        print(f"publish: {exc}", file=sys.stderr)
        return 1
    print(
        f"published release {done.release}: {done.files} files, {done.bytes / 1e6:.1f} MB; "
        f"{dest}/current now points at it"
        + (f"; removed {len(done.removed)} old release(s)" if done.removed else "")
    )
    return 0


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
    p.add_argument("--as-of", help="work statuses out as of this day, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today)")
    p.set_defaults(func=cmd_build)

    p = commands.add_parser("report", help="the annual implementation report of a year, as text or PDF", description="Print the annual implementation report of a year (for the whole plan, or for the duties one agency leads) as plain text, or as a PDF with --pdf: status of each duty, the year's activities with their sources, totals citing their records.")
    p.add_argument("--year", type=int, required=True, help="the reporting year")
    p.add_argument("--agency", help="only the duties this agency leads (an id of agencies.yaml)")
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help="the language (default: vi)")
    p.add_argument("--as-of", help="work statuses out as of this day, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today)")
    p.add_argument("--pdf", action="store_true", help="print it as a PDF, as the build does (needs the 'pdf' extra); to --out, else report-YEAR[-AGENCY]-LANG.pdf here")
    p.add_argument("--out", help="write to this file instead of printing")
    p.set_defaults(func=cmd_report)

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

    p = commands.add_parser(
        "publish",
        help="put the last good build on a web root, atomically, keeping earlier releases",
        description="Copy _build/html into DEST/releases/<time>/ with a SHA256SUMS file, then switch "
        "the symlink DEST/current to it in one step (point the web server at DEST/current). "
        "A failed or interrupted copy leaves the live site as it was.",
    )
    p.add_argument("dest", metavar="DEST", help="the web root folder (created if missing)")
    p.add_argument("--rollback", action="store_true", help="switch DEST/current back to the release before it")
    p.add_argument("--keep", type=int, default=5, metavar="N", help="how many releases to keep, the live one always (default: 5)")
    p.set_defaults(func=cmd_publish)

    p = commands.add_parser("schema", help="regenerate the JSON Schemas of the data files", description="Write plan_data/schema/*.schema.json from the models, for editors that validate YAML while you type.")
    p.set_defaults(func=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A console that cannot show Vietnamese (a Windows code page, a redirected
        # ASCII stream) gets escapes such as \u1ebf rather than an error.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    args.interrupted = "interrupted"
    try:
        return args.func(args)
    except CommandFailed as exc:
        message, status = exc.message, exc.status
    except KeyboardInterrupt:
        message, status = args.interrupted, INTERRUPTED
    except OSError as exc:  # a folder that turned unwritable or a disk that filled up mid-way
        root = Path(args.root).resolve()
        named = isinstance(exc.filename, (str, os.PathLike)) and os.fspath(exc.filename)
        where = f"{display_path(Path(exc.filename).resolve(), root)}: " if named else ""
        message, status = f"{where}{exc.strerror or exc}", FAILED
    print(message, file=sys.stderr)
    return status
