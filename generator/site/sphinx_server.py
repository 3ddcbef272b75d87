"""A language's Sphinx build kept alive between builds, as a build server.

A new ``sphinx-build`` for every build starts Python, Sphinx and the theme, loads
the build environment of every page from its pickle, and reads the plan back: at
fifty times the data that is most of a rebuild after one edit, and it grows with
the site, not with the edit. Bazel, Gradle and esbonio keep their state in a
process that outlives one command; so does this.

``python -m generator build`` asks a server per language (one process each, so
the two languages still build side by side on two cores) to build; the first
request starts it. The server holds one Sphinx application and builds again in
it (as the live preview does, :mod:`generator.site.preview`); it leaves on its
own after ``idle`` seconds without a build. Sphinx would pickle the whole
environment after each build (47 MB at ×50); the server keeps it in memory and
saves it when the build command has said it is done (:func:`done`) and nothing
came for :data:`SAVE_AFTER` seconds since, and when it leaves, so that a new process
(or a new server) goes on from where it ended.

It serves only the build it was started for: a request carries a key of
everything the process has loaded and cannot see change (the Sphinx command, the
Python and package versions, ``conf.py``, the generator's code). A request with
another key makes it leave, and the client starts a new one. The data, the
hand-written pages and the catalogues are read by each build, as in a new process.

The protocol: one JSON line each way over a Unix socket in a private folder of
the temporary directory (a socket's path is limited to about 100 bytes).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .sphinx_private import (
    assets_added_while_building_forgotten,
    environment_kept_in_memory,
    save_environment,
    start_counting_warnings_again,
)
from .. import files
from .outputs import published_twin
from .search_index import OUTPUT, KeptIndex, SearchIndexError, index_language, keep_pages
from .sphinx_run import GC_THRESHOLDS, collect_all

#: Seconds the client waits for a new server to listen.
START_TIMEOUT = 60.0

#: Seconds without a request, once the build command has said it is done (its search
#: index, its PDFs), before the server saves its environment for a new process. It
#: saves between builds, not during them: a maintainer's next build rarely comes sooner,
#: and a save during the command's later steps takes their CPU (at x50 it pickled the
#: 47 MB environment while Pagefind indexed; see BENCHMARKS.md, eighth session).
SAVE_AFTER = 2.0

#: Seconds after a build before the server saves anyway, when the command that asked
#: for it never says it is done (it was killed).
SAVE_AT_LATEST = 120.0


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


# -- the server -----------------------------------------------------------------------


class _Switch(io.TextIOBase):
    """The stream Sphinx logs to: the current request's buffer."""

    def __init__(self) -> None:
        self.target: io.StringIO = io.StringIO()

    def write(self, text: str) -> int:
        return self.target.write(text)

    def isatty(self) -> bool:
        return False


def _arguments(argv: list[str]):
    """sphinx-build's command line ``argv`` read as sphinx-build reads it (the build
    command passes -b, -W, --keep-going, -n, -q, -c, -d, -D)."""
    from sphinx.cmd.build import get_parser

    args = get_parser().parse_args(argv)
    args.confdir = args.confdir or args.sourcedir
    args.doctreedir = args.doctreedir or str(Path(args.outputdir) / ".doctrees")
    return args


def _application(args, stream: _Switch):
    """A Sphinx application for sphinx-build's arguments ``args``."""
    from sphinx.application import Sphinx

    overrides = dict(define.split("=", 1) for define in args.define)
    if args.nitpicky:
        overrides["nitpicky"] = True
    return Sphinx(
        srcdir=args.sourcedir,
        confdir=args.confdir,
        outdir=args.outputdir,
        doctreedir=args.doctreedir,
        buildername=args.builder,
        confoverrides=overrides,
        status=None if args.quiet else stream,
        warning=stream,
        freshenv=False,
        warningiserror=args.warningiserror,
    )


def _build(app_holder: list, args, stream: _Switch) -> int:
    """One build in the kept application (made by the first, which loads the saved
    environment); its environment stays in memory, saved by the server."""
    from .extension import views_saved_by_caller

    with views_saved_by_caller():
        if not app_holder:
            app_holder.append(_application(args, stream))
        app = app_holder[0]
        start_counting_warnings_again(app)  # -W: this build's warnings decide its status, as in a new process
        with environment_kept_in_memory(), assets_added_while_building_forgotten(app):
            app.build()
    return app.statuscode


def _save(app, home: str | None) -> None:
    """Save what the last build keeps in memory, for a new process: its environment and its
    views; not if its doctrees folder (``home``) was deleted since (into a new one, it would
    describe pages and doctrees that are not there)."""
    from .extension import save_views

    if _identity(app.doctreedir) != home:
        return
    save_environment(app)
    save_views(app)


def serve(socket_path: str, key: str, idle: float, argv: list[str]) -> int:
    """Answer build requests on ``socket_path`` until idle for ``idle`` seconds or asked
    to stop, or until a request with another key or command comes."""
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    args = _arguments(argv)
    gc.set_threshold(*GC_THRESHOLDS)
    files.freeze_what_is_loaded = True  # the plan and the views each build loads (see sphinx_run.collect_all)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(socket_path)
    own = os.stat(socket_path).st_ino
    listener.listen(1)
    stream = _Switch()
    app: list = []
    search = KeptIndex()  # the language's search index, parsed pages and all (see _index)
    indexed = None  # (site, language, work folder) of the last search index made or found unchanged
    home = None  # the doctrees folder the application's environment belongs to
    saved = True  # the environment on disk is the one in memory
    save_at = 0.0  # when not saved: the time (monotonic) it is saved
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # leave as when idle: the environment saved
    try:
        with patch_docutils(Path(args.confdir)), docutils_namespace():
            last_build = time.monotonic()
            while True:
                left = idle - (time.monotonic() - last_build)  # a ping does not keep it alive
                if left <= 0:
                    return 0
                listener.settimeout(left if saved else max(0.001, min(left, save_at - time.monotonic())))
                try:
                    connection, _ = listener.accept()
                except TimeoutError:
                    if not saved and time.monotonic() >= save_at:  # nothing to do: save now, not on the next build's time
                        _save(app[0], home)
                        saved = True
                        collect_all()
                        if indexed is not None:  # the next edit then parses only the pages it changes
                            site, lang, work = indexed
                            published = published_twin(Path(site))
                            keep_pages(lang, Path(work), search, published / OUTPUT if published else None)
                    continue
                with connection:
                    connection.settimeout(None)
                    line = connection.makefile("rb").readline()
                    try:
                        request = json.loads(line)
                    except ValueError:
                        continue
                    if request.get("ping"):
                        _reply(connection, {"pid": os.getpid(), "saved": saved})
                        continue
                    if request.get("done"):  # the build command's other steps are over
                        save_at = min(save_at, time.monotonic() + SAVE_AFTER)
                        _reply(connection, {"pid": os.getpid(), "saved": saved})
                        continue
                    if request.get("stop") or request.get("key") != key or request.get("argv") != argv:
                        _reply(connection, {"stale": True, "pid": os.getpid()})
                        return 0
                    if app and _identity(args.doctreedir) != home:
                        # its folders were deleted (a clean build): what it holds in memory is of
                        # pages and doctrees that are gone, and is not saved into the new folder
                        _reply(connection, {"stale": True, "pid": os.getpid()})
                        app.clear()
                        return 0
                    _reply(connection, {"building": True, "pid": os.getpid()})  # the client can kill it
                    stream.target = io.StringIO()
                    started = _cpu()
                    failed = False
                    try:
                        code = _build(app, args, stream)
                    except Exception as exc:  # noqa: BLE001 - reported to the client, then this server leaves
                        stream.target.write(f"{type(exc).__name__}: {exc}\n")
                        code, failed = 2, True
                    answer = {"code": code, "output": stream.target.getvalue(), "pid": os.getpid()}
                    if code == 0 and request.get("index"):
                        answer.update(_index(search, *request["index"]))
                        indexed = request["index"] if "index" in answer else None
                    _reply(connection, {**answer, "cpu": _cpu() - started})
                    gc.freeze()  # what the build left is walked no more by the next one's collections
                    if failed:  # the application may be half-way through: a new one next time
                        _forget_environment(Path(args.doctreedir))
                        app.clear()
                        return 0
                    saved = False
                    if home is None:
                        home = _mark(args.doctreedir)
                    last_build = time.monotonic()
                    save_at = last_build + SAVE_AT_LATEST
    finally:
        listener.close()
        search.close()
        if app and not saved:  # for the next process
            _save(app[0], home)
        with contextlib.suppress(OSError):
            if os.stat(socket_path).st_ino == own:  # not a newer server's
                os.unlink(socket_path)


def _index(search: KeptIndex, site: str, lang: str, work: str) -> dict:
    """The search index of the pages just built, as the build command would make it
    (:func:`generator.site.search_index.index_language`), from ``search``, which keeps
    Pagefind's parsed pages between builds: only the pages this build changed are
    parsed again. ``{"index": summary}`` or ``{"index_error": message}``."""
    try:
        return {"index": index_language(Path(site), lang, Path(work), search)}
    except SearchIndexError as exc:
        return {"index_error": str(exc)}


#: A file a server leaves in its doctrees folder, holding a token of its own.
MARK = ".build-server"


def _mark(folder: str) -> str:
    """Leave a token of this server in ``folder``; the token."""
    token = f"{os.getpid()}-{os.urandom(8).hex()}"
    Path(folder, MARK).write_text(token, encoding="utf-8")
    return token


def _identity(folder: str) -> str | None:
    """The token a server left in ``folder`` (:func:`_mark`), or None. A folder deleted
    and made again under the same name has none (its device and inode may well be the
    old folder's: the system reuses them)."""
    try:
        return Path(folder, MARK).read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None


def _forget_environment(doctrees: Path) -> None:
    """After an exception, as Sphinx does: no saved environment, the next build reads every page."""
    from sphinx.application import ENV_PICKLE_FILENAME

    (doctrees / ENV_PICKLE_FILENAME).unlink(missing_ok=True)


def _reply(connection: socket.socket, message: dict) -> None:
    with contextlib.suppress(OSError):
        connection.sendall(json.dumps(message).encode("utf-8") + b"\n")


def main(argv: list[str]) -> None:
    """``python -m generator.site.sphinx_server SOCKET KEY IDLE -- SPHINX-ARGS``"""
    socket_path, key, idle, separator, *sphinx_argv = argv
    assert separator == "--"
    code = serve(socket_path, key, float(idle), sphinx_argv)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # no teardown of the build environment (see generator.site.sphinx_run)


# -- the client ------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    code: int
    output: str
    cpu: float  # CPU seconds the server spent on this build
    index: str | None = None  # the search index's summary, when asked for and built
    index_error: str | None = None


def _folder() -> Path:
    """A private folder for the sockets (only this user can connect)."""
    folder = Path(tempfile.gettempdir()) / f"cat-plan-build-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    if folder.stat().st_uid != os.getuid() or folder.stat().st_mode & 0o077:
        raise OSError(f"{folder} is not a private folder of this user")
    return folder


def socket_path(doctrees: Path) -> Path:
    """The socket of the server that builds into ``doctrees`` (one per language and project)."""
    name = hashlib.sha256(str(Path(doctrees).resolve()).encode()).hexdigest()[:24]
    return _folder() / f"{name}.sock"


def _ask(path: Path, message: dict, timeout: float | None = None, on_pid=None) -> dict | None:
    """Send ``message`` to the server at ``path``; its answer, or None if none listens there
    or it ended without answering. A build is answered twice: first that it started (with
    the server's pid, told to ``on_pid``), then how it ended."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(timeout)
        try:
            connection.connect(str(path))
        except (FileNotFoundError, ConnectionRefusedError):
            return None
        connection.settimeout(None)
        connection.sendall(json.dumps(message).encode("utf-8") + b"\n")
        lines = connection.makefile("rb")
        while True:
            try:
                answer = json.loads(lines.readline() or b"null")
            except ValueError:
                return None
            if not isinstance(answer, dict) or not answer.get("building"):
                return answer
            if on_pid is not None:
                on_pid(int(answer["pid"]))


def _wait_gone(pid: int, timeout: float = 300.0) -> None:
    """Until the process ``pid`` ended (a leaving server saves its environment first)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if os.waitpid(pid, os.WNOHANG)[0] == pid:  # a server this process started: reaped
                return
        except ChildProcessError:  # started by another command: ask the system
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
        time.sleep(0.02)


def _start(path: Path, key: str, idle: float, argv: list[str], log: Path, cwd: Path) -> subprocess.Popen:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()  # a server that was killed leaves its socket behind
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator.site.sphinx_server", str(path), key, str(idle), "--", *argv],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=errors,
            stderr=errors,
            start_new_session=True,  # not stopped with the terminal's process group: it outlives the command
        )
    deadline = time.monotonic() + START_TIMEOUT
    while not path.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            raise OSError(f"the build server did not start; see {log}")
        time.sleep(0.01)
    return process


def build(
    argv: list[str], key: str, doctrees: Path, idle: float, log: Path, cwd: Path, on_pid=None, index=None
) -> Outcome | None:
    """Build with the server for ``argv`` (starting it if needed); None when no server could
    answer (the caller then builds in a new process). ``on_pid(pid)`` is told the pid of
    the server building, so that the caller can kill it if interrupted. ``index``: (site,
    language, work folder) of the search index to make once the build succeeded."""
    path = socket_path(doctrees)
    request = {"key": key, "argv": argv}
    if index is not None:
        request["index"] = [str(part) for part in index]
    for _ in range(2):
        answer = _ask(path, request, on_pid=on_pid)
        if answer is None:
            try:
                process = _start(path, key, idle, argv, log, cwd)
            except OSError:
                return None
            if on_pid is not None:
                on_pid(process.pid)
            answer = _ask(path, request, on_pid=on_pid)
            if answer is None:
                return None
        if answer.get("stale"):  # made for another build: it is leaving
            _wait_gone(int(answer["pid"]))
            continue
        return Outcome(
            int(answer["code"]),
            str(answer.get("output", "")),
            float(answer.get("cpu", 0.0)),
            answer.get("index"),
            answer.get("index_error"),
        )
    return None


def running(doctrees: Path) -> int | None:
    """The pid of the server for ``doctrees``, if one is listening."""
    answer = _ask(socket_path(doctrees), {"ping": True}, timeout=5.0)
    return int(answer["pid"]) if answer else None


def done(doctrees: Path) -> None:
    """Tell the server for ``doctrees`` (if any) that the build command is over: it saves
    its environment when idle from now on (see :data:`SAVE_AFTER`)."""
    with contextlib.suppress(OSError, ValueError):
        _ask(socket_path(doctrees), {"done": True}, timeout=5.0)


def wait_saved(doctrees: Path, timeout: float = 300.0) -> None:
    """Until the server for ``doctrees`` (if any) has saved its environment since its last build."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answer = _ask(socket_path(doctrees), {"ping": True}, timeout=5.0)
        if answer is None or answer.get("saved"):
            return
        time.sleep(0.1)


def stop(doctrees: Path) -> bool:
    """Ask the server for ``doctrees`` to leave; whether one was running."""
    try:
        path = socket_path(doctrees)
    except OSError:  # no private folder for sockets: no server can have been started
        return False
    answer = _ask(path, {"stop": True}, timeout=5.0)
    if answer is None:
        return False
    _wait_gone(int(answer["pid"]))
    return True


if __name__ == "__main__":
    main(sys.argv[1:])
