"""Shared fixtures: the project root, the test roots, and data overlays.

A failure-mode root (``tests/roots/data-bad-*``) holds only the files that
differ from ``data-minimal``; :func:`make_root` lays one over the other in a
temporary folder, so every case stays one small, readable diff.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"
SEED = PROJECT / "plan_data" / "source" / "plan-table.txt"


def make_root(tmp_path: Path, *names: str) -> Path:
    """A project folder in ``tmp_path`` made of the named test roots, later ones on top."""
    target = tmp_path / "project"
    for name in names:
        shutil.copytree(ROOTS / name, target, dirs_exist_ok=True)
    return target


@pytest.fixture
def minimal_root(tmp_path: Path) -> Path:
    return make_root(tmp_path, "data-minimal")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The real data built into the complete site, handbooks included, once per session: (html folder, plan)."""
    from sitebuild import build, site_project

    from generator.validate import load_plan

    project = site_project(tmp_path_factory.mktemp("real-site"))
    return build(project, pdf=True), load_plan(project / "plan_data")


# -- a browser on the built site (Debian's Chromium, driven by Playwright) ----------

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    assert path, "Debian's chromium is required: make test installs it (make system-deps)"
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_folder(folder: Path):
    """``folder`` over HTTP on a loopback port, as a visitor would get it; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def server(real_site):
    html, _ = real_site
    with serve_folder(html) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


#: True once the search page has answered its query (generator/static/plan-search.js).
SEARCH_DONE = "() => !!document.getElementById('plan-search')?.dataset.state"
