"""The command line: ``python -m generator <command>`` (also installed as ``cat-plan``)."""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import sys
from collections import Counter
from pathlib import Path
from typing import NoReturn

from .content.addresses import GENERATED
from .data.diagnostics import Severity, display_path
from .data.texts import untranslated, where_label
from .data.validate import check
from .project import DATA_DIR, Project
from .text.strings import decimal, label

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

#: The languages of the CLI's messages; the first is the default.
UI_LANGUAGES = ("en", "vi")
#: The environment variable that chooses the messages' language (``--ui-lang`` wins over it).
UI_LANG_VARIABLE = "CAT_PLAN_LANG"

_ui_lang = UI_LANGUAGES[0]


def say(key: str, /, **values) -> str:
    """The CLI message ``key`` of generator/text/strings.py in the chosen language,
    its ``{placeholders}`` filled from ``values`` (``count`` picks the plural form)."""
    return label(key, _ui_lang, **values)


def _decimal(value: float) -> str:
    """``value`` with one decimal, as the messages' language writes it."""
    return decimal(value, _ui_lang)


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
        fail(say("cli_no_such_root", root=args.root))
    if not root.is_dir():
        fail(say("cli_root_not_folder", root=args.root))
    data = root / args.data
    if not data.exists():
        fail(say("cli_no_data_folder", data=args.data, root=root))
    if not data.is_dir():
        fail(say("cli_data_not_folder", data=args.data, root=root))
    if sphinx:
        for needed in ("conf.py", "docs"):
            if not (root / needed).exists():
                fail(say("cli_needs_sphinx", needed=needed, root=root, command=args.command))
    return root


def _missing(extra: str) -> str | None:
    """The first module of ``extra`` that is not installed, if any; the command then stops
    with the ``pip install`` line that brings it."""
    for module in EXTRAS[extra]:
        try:
            found = importlib.util.find_spec(module) is not None
        except ImportError:
            found = False
        if not found:
            return module
    return None


def _require_writable(folder: Path, root: Path) -> None:
    """Stop before doing anything if ``folder`` cannot be created or written to."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    where = display_path(folder, root)
    if not existing.is_dir():
        fail(say("cli_write_is_file", path=where, file=display_path(existing, root)), FAILED)
    if not os.access(existing, os.W_OK | os.X_OK):
        if existing == folder:
            fail(say("cli_write_denied", path=where), FAILED)
        fail(say("cli_write_not_writable", path=where, folder=display_path(existing, root)), FAILED)


def _generated_folder() -> str:
    """The folder of docs/ the page sources are written to (imported only by the commands that build)."""
    return GENERATED


def _require_free_port(port: int) -> None:
    """Stop before building if the preview could not listen on ``port``."""
    import socket

    if not 0 < port < 65536:
        fail(say("cli_bad_port", port=port))
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the preview server does
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            fail(say("cli_port_in_use", port=port))


def cmd_check(args: argparse.Namespace) -> int:
    _, plan, diagnostics = _load_or_report(args, _project(args))
    if plan is None:
        return FAILED
    per_section = Counter(d.section for d in plan.duties)
    print(plan.info.title.vi)
    sections = ", ".join(f"{s.section} {per_section[s.section]}" for s in plan.sections)
    print(say("cli_check_duties", count=len(plan.duties), sections=sections))
    print(say("cli_check_agencies", count=len(plan.agencies)))
    print(say("cli_check_topics", count=len(plan.topics)))
    print(say("cli_check_legal", count=len(plan.legal_documents)))
    missing = untranslated(plan)
    print(say("cli_check_untranslated", count=len(missing)))
    for where in missing[: args.show]:
        print(f"  {where_label(where, _ui_lang)}")
    if len(missing) > args.show:
        print("  " + say("cli_check_more", count=len(missing) - args.show))
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    if warnings:
        print(say("cli_check_warnings", count=warnings))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .data.schema import write_schemas

    root = _project(args)
    _require_writable(root / args.data / "schema", root)
    changed = write_schemas(root / args.data / "schema")
    for path in changed:
        print(say("cli_wrote", path=display_path(path, root)))
    print(say("cli_schema_changed", count=len(changed)))
    return 0


#: What a data folder holds; one with none of it is taken for an empty folder.
DATA_FILES = ("plan.yaml", "agencies.yaml", "topics.yaml", "legal_documents.yaml", "sections/*.yaml")


def _load_or_report(
    args: argparse.Namespace, root: Path, cached: bool = False, digest: str | None = None, soon: bool = False
):
    """(project root, plan or None, diagnostics); every diagnostic is printed to stderr.

    ``cached``: take the checked plan from the build cache when the data did not
    change (see generator.site.buildcache), and leave it there for the Sphinx builds;
    ``digest``, the data's digest taken before (default: taken now); ``soon``, stored by a
    child process while this one goes on (the build command: see
    generator.site.buildcache.store_value_soon).
    """
    data = root / args.data
    if not any(next(data.glob(pattern), None) for pattern in DATA_FILES):
        fail(say("cli_no_data_files", data=args.data, files=", ".join(DATA_FILES)), FAILED)
    if cached:
        from .site.buildcache import checked_plan

        plan, diagnostics, _ = checked_plan(root / args.data, root, Project(root, args.data).cache_dir, digest, soon=soon)
    else:
        plan, diagnostics = check(root / args.data, root)
    for diagnostic in diagnostics:
        print(diagnostic.render(_ui_lang), file=sys.stderr)
    if plan is None:
        errors = sum(d.severity is Severity.ERROR for d in diagnostics)
        print(say("cli_nothing_built", count=errors, data=args.data), file=sys.stderr)
    return root, plan, diagnostics


#: Set by ``python -m generator`` (generator/__main__.py), which leaves with ``os._exit``:
#: what a build loaded is kept here rather than freed object by object when it returns.
LEFT_TO_EXIT: list | None = None


def cmd_build(args: argparse.Namespace) -> int:
    root = _project(args, sphinx=True)
    if not args.no_pdf:
        module = _missing("pdf")
        if module:
            fail(say("cli_pdf_extra_missing", module=module, extra="pdf"))
    _require_writable(root / "_build", root)
    _require_writable(root / "docs" / _generated_folder(), root)
    args.interrupted = say("cli_build_interrupted")
    from .site.sphinx_run import collecting_less_often

    with collecting_less_often():
        status = _build(args, root)
        if LEFT_TO_EXIT is not None:
            # Leaving: once the usual thresholds are back, the next allocation would walk
            # every object left to the exit (0.38 s at x50). Frozen, they are not walked.
            gc.freeze()
        return status


def _build(args: argparse.Namespace, root: Path) -> int:
    from .site.build import build_site
    from .site.buildcache import frame_rest, source_digest

    # The sources' digests before the plan is read: a file saved during this build gives
    # the next one other digests (see generator.site.buildcache.frame_rest).
    project = Project(root, args.data)
    sources = (source_digest(project.data_dir), frame_rest(project.data_dir, project.docs_dir / "locale"))
    root, plan, _ = _load_or_report(args, root, cached=True, digest=sources[0], soon=True)
    if plan is None:
        return FAILED
    if LEFT_TO_EXIT is not None:
        LEFT_TO_EXIT.append(plan)
    as_of = _as_of(args)
    langs = (args.lang,) if args.lang else ("vi", "en")
    if args.no_pdf:
        steps, keep = (), ("pdf",)
    else:
        from .handbook.step import handbook_step

        steps, keep = (handbook_step(root, plan, data_dir=args.data, report=print, ui_lang=_ui_lang, as_of=as_of),), ()
    result = build_site(
        root,
        plan,
        langs=langs,
        data_dir=args.data,
        extra_steps=steps,
        keep=keep,
        as_of=as_of,
        ui_lang=_ui_lang,
        keep_alive=_keep_alive(args),
        sources=sources,
    )
    for message in result.messages:
        print(message, file=sys.stderr if not result.ok else sys.stdout)
    if not result.ok:
        print(say("cli_build_failed", seconds=_decimal(result.seconds)), file=sys.stderr)
        return FAILED
    html = Project(root, args.data).published
    pages = sum(1 for lang in langs for _ in (html / lang).rglob("*.html"))
    pdfs = sum(1 for _ in (html / "pdf").rglob("*.pdf")) if (html / "pdf").is_dir() else 0
    details = ", ".join(f"{value} {name}" for name, value in result.stats.items())
    print(say("cli_build_summary", details=details, count=pdfs))
    built = ", ".join(langs)
    print(say("cli_built", langs=built, count=pages, seconds=_decimal(result.seconds), path=display_path(html, root)))
    return 0


#: Minutes a build server stays without work (``build --keep-alive``), unless
#: PLAN_BUILD_KEEP_ALIVE says otherwise.
KEEP_ALIVE_MINUTES = 15


def _keep_alive(args: argparse.Namespace) -> float | None:
    """Seconds the build servers stay idle (``--keep-alive``, else PLAN_BUILD_KEEP_ALIVE, in
    minutes); None for a new Sphinx process per build."""
    minutes = args.keep_alive
    if minutes is None:
        try:
            minutes = float(os.environ.get("PLAN_BUILD_KEEP_ALIVE", KEEP_ALIVE_MINUTES))
        except ValueError:
            minutes = KEEP_ALIVE_MINUTES
    return minutes * 60 if minutes > 0 else None


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
        print(say("cli_wrote", path=display_path(out / relative, root)))
    files = say(
        "cli_export_files",
        count=len(report.written) + len(report.unchanged),
        path=display_path(out, root),
        written=len(report.written),
        unchanged=len(report.unchanged),
    )
    print(files + "; " + say("cli_export_undated", count=len(undated)))
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
        print(say("cli_confirmed", count=changed))
        return 0
    report = statuses(plan, read_lock(data_dir))
    counts = counts_by_file(report)
    fields = ("texts", "missing", "outdated")
    totals = [sum(getattr(c, f) for c in counts) for f in fields]
    rows = [[c.file, *(getattr(c, f) for f in fields)] for c in counts]
    rows.append([say("cli_column_total"), *totals])
    header = [say("cli_column_file"), say("cli_column_texts"), say("cli_column_missing"), say("cli_column_outdated")]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:  # the file names to the left, the numbers under their headings' right end
        cells = [str(row[0]).ljust(widths[0]), *(str(v).rjust(w) for v, w in zip(row[1:], widths[1:]))]
        print("  ".join(cells).rstrip())
    for status in report:
        place = {"path": f"{args.data}/{status.file}", "where": where_label(status.where, _ui_lang)}
        if status.state == "missing":
            print("  " + say("cli_text_missing", **place))
        elif status.state == "outdated":
            print("  " + say("cli_text_outdated", **place))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    root = _project(args, sphinx=True)
    module = _missing("live")
    if module:
        fail(say("cli_extra_missing", module=module, extra="live"))
    _require_writable(root / "_build", root)
    _require_writable(root / "docs" / _generated_folder(), root)
    _require_free_port(args.port)
    root, plan, _ = _load_or_report(args, root, cached=True)
    if plan is None:
        return FAILED
    from .site.preview import serve

    print(say("cli_previewing", lang=args.lang, port=args.port), flush=True)
    args.interrupted = say("cli_preview_stopped")
    return serve(root, args.lang, args.data, port=args.port, ui_lang=_ui_lang)


def _as_of(args: argparse.Namespace):
    """The as-of date of a command: ``--as-of``, else SOURCE_DATE_EPOCH, else today."""
    from .data.status import AsOfError, resolve_as_of

    try:
        return resolve_as_of(args.as_of)
    except AsOfError as exc:
        fail(exc.message.render(_ui_lang))


def cmd_report(args: argparse.Namespace) -> int:
    from .content.pages import PageSpec, SiteContext, build_view
    from .content.plaintext import page_text
    from .content.tracking import report_years
    from .data.index import PlanIndex

    root = _project(args)
    if args.pdf:
        module = _missing("pdf")
        if module:
            fail(say("cli_report_pdf_extra_missing", module=module, extra="pdf"))
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
        if years:
            fail(say("cli_no_report", year=args.year, first=years[0], last=years[-1], as_of=as_of))
        fail(say("cli_no_report_years", year=args.year, as_of=as_of))
    if args.agency is not None and args.agency not in plan.agencies:
        fail(say("cli_unknown_agency", agency=args.agency, data=args.data))
    if args.pdf:
        from .handbook.compile import PrintError
        from .handbook.step import report_pdf_bytes

        try:
            pdf = report_pdf_bytes(root, plan, args.year, args.agency, args.lang, as_of, args.data)
        except PrintError as exc:
            print(say("cli_report_not_printed", reason=str(exc)), file=sys.stderr)
            return FAILED
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(pdf)
        except OSError as exc:
            print(say("cli_report_not_written", path=display_path(out, root), reason=exc.strerror or str(exc)), file=sys.stderr)
            return FAILED
        print(say("cli_wrote", path=display_path(out, root)))
        return 0
    spec = PageSpec("", "whole-report", f"{args.year}/{args.agency or ''}")
    text = page_text(build_view(index, spec, args.lang, SiteContext(as_of=as_of)))
    if out is None:
        sys.stdout.write(text)
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(say("cli_wrote", path=display_path(out, root)))
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from .site.publish import PublishError, publish, rollback

    root = Path(args.root).resolve()
    dest = Path(args.dest)
    try:
        if args.rollback:
            was, now = rollback(dest)
            print(say("cli_rolled_back", dest=dest, was=was, now=now))
            return 0
        done = publish(root / "_build" / "html", dest, keep=args.keep)
    except PublishError as exc:
        print(say("cli_publish_failed", error=exc), file=sys.stderr)
        return FAILED
    published = say("cli_published", release=done.release, count=done.files, megabytes=_decimal(done.bytes / 1e6), dest=dest)
    if done.removed:
        published += "; " + say("cli_published_removed", count=len(done.removed))
    print(published)
    return 0


def _parser(commands, name: str | None = None, **keywords) -> argparse.ArgumentParser:
    """The main parser (``commands`` None) or a command's, with its ``-h`` in the messages' language."""
    if commands is None:
        parser = argparse.ArgumentParser(add_help=False, **keywords)
    else:
        parser = commands.add_parser(name, add_help=False, **keywords)
    parser.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=say("cli_help_help"))
    # before or after the command: main() has read it before building the parsers
    parser.add_argument("--ui-lang", choices=UI_LANGUAGES, default=argparse.SUPPRESS, help=say("cli_help_ui_lang"))
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser, its help texts in the messages' language (see :func:`main`)."""
    parser = _parser(None, prog="python -m generator", description=say("cli_help_description"))
    parser.add_argument("--root", default=".", help=say("cli_help_root"))
    parser.add_argument("--data", default=DATA_DIR, help=say("cli_help_data", default=DATA_DIR))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = _parser(commands, "check", help=say("cli_help_check"), description=say("cli_help_check_long"))
    p.add_argument("--show", type=int, default=10, help=say("cli_help_show"))
    p.set_defaults(func=cmd_check)

    p = _parser(commands, "build", help=say("cli_help_build"), description=say("cli_help_build_long"))
    p.add_argument("--lang", choices=["vi", "en"], help=say("cli_help_build_lang"))
    p.add_argument("--no-pdf", action="store_true", help=say("cli_help_no_pdf"))
    p.add_argument("--as-of", help=say("cli_help_as_of"))
    p.add_argument(
        "--keep-alive",
        type=float,
        metavar="N",
        default=None,
        help=say("cli_help_keep_alive", default=KEEP_ALIVE_MINUTES),
    )
    p.set_defaults(func=cmd_build)

    p = _parser(commands, "report", help=say("cli_help_report"), description=say("cli_help_report_long"))
    p.add_argument("--year", type=int, required=True, help=say("cli_help_year"))
    p.add_argument("--agency", help=say("cli_help_agency"))
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help=say("cli_help_lang"))
    p.add_argument("--as-of", help=say("cli_help_as_of"))
    p.add_argument("--pdf", action="store_true", help=say("cli_help_report_pdf"))
    p.add_argument("--out", help=say("cli_help_report_out"))
    p.set_defaults(func=cmd_report)

    p = _parser(commands, "export", help=say("cli_help_export"), description=say("cli_help_export_long"))
    p.add_argument("--out", default="_build/export", help=say("cli_help_export_out"))
    p.set_defaults(func=cmd_export)

    p = _parser(
        commands, "translations", help=say("cli_help_translations"), description=say("cli_help_translations_long")
    )
    p.add_argument("--confirm", action="store_true", help=say("cli_help_confirm"))
    p.set_defaults(func=cmd_translations)

    p = _parser(commands, "serve", help=say("cli_help_serve"), description=say("cli_help_serve_long"))
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help=say("cli_help_serve_lang"))
    p.add_argument("--port", type=int, default=8000, help=say("cli_help_port"))
    p.set_defaults(func=cmd_serve)

    p = _parser(commands, "publish", help=say("cli_help_publish"), description=say("cli_help_publish_long"))
    p.add_argument("dest", metavar="DEST", help=say("cli_help_dest"))
    p.add_argument("--rollback", action="store_true", help=say("cli_help_rollback"))
    p.add_argument("--keep", type=int, default=5, metavar="N", help=say("cli_help_keep"))
    p.set_defaults(func=cmd_publish)

    p = _parser(commands, "schema", help=say("cli_help_schema"), description=say("cli_help_schema_long"))
    p.set_defaults(func=cmd_schema)
    return parser


def choose_ui_language(argv: list[str] | None, environ=os.environ) -> str:
    """The messages' language: ``--ui-lang``, else the CAT_PLAN_LANG environment variable, else English.

    Read before the parser is built, since its help texts are in that language. An
    unknown CAT_PLAN_LANG stops the command (an unknown ``--ui-lang`` is argparse's to refuse).
    """
    early = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    early.add_argument("--ui-lang")
    try:
        chosen = early.parse_known_args(argv)[0].ui_lang
    except argparse.ArgumentError:  # "--ui-lang" without a value: the real parser says so
        chosen = None
    if chosen in UI_LANGUAGES:
        return chosen
    variable = environ.get(UI_LANG_VARIABLE, "").strip()
    if variable and variable not in UI_LANGUAGES:
        fail(label("cli_bad_ui_lang", UI_LANGUAGES[0], value=variable))
    return variable or UI_LANGUAGES[0]


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A console that cannot show Vietnamese (a Windows code page, a redirected
        # ASCII stream) gets escapes such as \u1ebf rather than an error.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    global _ui_lang
    try:
        _ui_lang = choose_ui_language(argv)
    except CommandFailed as exc:
        print(exc.message, file=sys.stderr)
        return exc.status
    parser = build_parser()
    args = parser.parse_args(argv)
    args.interrupted = say("cli_interrupted")
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
