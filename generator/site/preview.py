"""The live preview: one Sphinx application kept in memory, rebuilding what changed.

sphinx-autobuild starts a new ``sphinx-build`` for every change, so each save pays
for starting Python, Sphinx and the theme and for loading the environment again:
more than a second at the real data's size, before any page is read. Here, as
esbonio does, one application stays alive between edits: a save costs checking
the data (from the cache when unchanged), the views, and the pages that show
what changed. sphinx-autobuild's server still serves the folder and reloads the
browser; only its builder is replaced, and its change callback runs in this
process (sphinx-autobuild runs it in a new process each time).

When an edit changed only the data's words, the page of the edited duty is built
first, in a build of its own, and the browser reloads as soon as it is written; the
other pages that show the duty (its section, agencies, topics, schedule, reports)
follow in a second build, and the browser reloads again. At the real data's size an
edit rewrites about 25 pages (2-3 s); the duty page alone, a fraction of a second
(BENCHMARKS.md, thirteenth session).

A change to the generator's own code is not picked up by a running preview:
restart it.
"""

from __future__ import annotations

import asyncio
import gc
import sys
import time
from pathlib import Path

from ..content.addresses import GENERATED
from ..files import WriteError
from ..project import DATA_DIR, Project
from .buildcache import checked_plan
from .extension import pages_deferred, write_first
from .generate import write_stubs_once
from .sphinx_private import assets_added_while_building_forgotten
from .sphinx_run import GC_THRESHOLDS, collect_all


class LivePreview:
    """Builds one language of the site into ``_build/serve/<lang>``; call it to rebuild."""

    def __init__(
        self, root: Path, lang: str, data_dir: str = DATA_DIR, out=sys.stdout, err=sys.stderr, ui_lang: str = "en"
    ):
        self.project = Project(Path(root), data_dir)
        self.lang = lang
        self.ui_lang = ui_lang  # the language of the data's diagnostics
        self.out, self.err = out, err
        self.app = None

    @property
    def outdir(self) -> Path:
        return self.project.serve_dir(self.lang)

    def _application(self):
        from sphinx.application import Sphinx

        return Sphinx(
            srcdir=self.project.docs_dir,
            confdir=self.project.root,
            outdir=self.outdir,
            doctreedir=self.outdir / ".doctrees",
            buildername="html",
            confoverrides={"language": self.lang, "plan_data_dir": self.project.data},
            status=None,
            warning=self.err,
            freshenv=False,
            keep_going=True,
        )

    def build(self, on_first_pages=None) -> bool:
        """Rebuild what changed; print what went wrong and return False if anything did.
        ``on_first_pages()`` is called when the edited duties' pages are written and the
        other pages that show them are still to come (see the module's docstring)."""
        from sphinx.errors import SphinxError

        started = time.perf_counter()
        project = self.project
        plan, diagnostics, digest = checked_plan(project.data_dir, project.root, project.cache_dir)
        for diagnostic in diagnostics:
            print(diagnostic.render(self.ui_lang), file=self.err)
        if plan is None:
            print("the data has errors: the preview shows the last good build", file=self.err)
            return False
        try:
            # before Sphinx looks for pages: a new duty has one
            write_stubs_once(project.docs_dir, project.cache_dir, plan, digest)
            if self.app is None:
                self.app = self._application()
            write_first(self.app)
            with assets_added_while_building_forgotten(self.app):
                self.app.build()
            ok = self.app.statuscode == 0
            if pages_deferred(self.app):
                print(f"preview: the edited duties' pages built in {time.perf_counter() - started:.2f} s", file=self.out)
                if on_first_pages is not None:
                    on_first_pages()
                with assets_added_while_building_forgotten(self.app):
                    self.app.build()
                ok = ok and self.app.statuscode == 0
        except (SphinxError, WriteError) as exc:
            self.app = None  # start afresh next time
            print(f"the preview build failed: {exc}", file=self.err)
            return False
        print(f"preview {'built' if ok else 'built with errors'} in {time.perf_counter() - started:.2f} s", file=self.out)
        return ok

    def __call__(self, *, changed_paths=(), on_first_pages=None) -> None:  # sphinx-autobuild's builder interface
        self.build(on_first_pages)


def serve(
    root: Path, lang: str, data_dir: str = DATA_DIR, host: str = "127.0.0.1", port: int = 8000, ui_lang: str = "en"
) -> int:
    """Serve the preview, rebuilding it in this process whenever the data or the pages change."""
    import uvicorn
    import watchfiles
    from sphinx_autobuild.filter import IgnoreFilter
    from sphinx_autobuild.middleware import JavascriptInjectorMiddleware
    from sphinx_autobuild.server import RebuildServer
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.routing import Mount, WebSocketRoute
    from starlette.staticfiles import StaticFiles

    preview = LivePreview(root, lang, data_dir, ui_lang=ui_lang)
    project = preview.project

    class InProcessRebuildServer(RebuildServer):
        async def watch(self) -> None:
            loop = asyncio.get_running_loop()

            def reload() -> None:  # from the build's thread: the edited duty's page is written
                loop.call_soon_threadsafe(self.flag.set)

            async for changes in watchfiles.awatch(*self.paths, watch_filter=lambda _, path: not self.ignore(path)):
                paths = [Path(p).resolve() for _, p in changes]
                await asyncio.to_thread(self.change_callback, changed_paths=paths, on_first_pages=reload)
                self.flag.set()
                await asyncio.to_thread(collect_all)  # once the browser is told, not on the next edit's time

    ignore = IgnoreFilter([str(project.docs_dir / GENERATED), str(project.build_dir)], [r".*\.tmp$", r".*/\.tmp-.*"])
    watcher = InProcessRebuildServer([project.data_dir, project.docs_dir], ignore, change_callback=preview)
    # As in a build server: the collector seldom walks what the builds keep (measured at x1,
    # the edited duty's page: median 0.40 s, against 0.77 s with Python's defaults).
    gc.set_threshold(*GC_THRESHOLDS)
    preview.build()
    collect_all()
    app = Starlette(
        routes=[
            WebSocketRoute("/websocket-reload", watcher, name="reload"),
            Mount("/", app=StaticFiles(directory=preview.outdir, html=True), name="static"),
        ],
        middleware=[Middleware(JavascriptInjectorMiddleware, ws_url=f"{host}:{port}")],
        lifespan=watcher.lifespan,
    )
    print(f"previewing the {lang} site at http://{host}:{port}/ (Ctrl+C to stop)")
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    except KeyboardInterrupt:
        pass
    return 0
