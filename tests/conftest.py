"""Shared fixtures: the project root, the test roots, and data overlays.

A failure-mode root (``tests/roots/data-bad-*``) holds only the files that
differ from ``data-minimal``; :func:`make_root` lays one over the other in a
temporary folder, so every case stays one small, readable diff.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

# The build command keeps its Sphinx builds alive between builds (generator/site/sphinx_server.py);
# the tests' many short-lived projects would leave a pair of servers each. Only the tests of
# the servers ask for them (tests/test_build_server.py).
os.environ["PLAN_BUILD_KEEP_ALIVE"] = "0"

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
def real_project(tmp_path_factory) -> Path:
    """A copy of the project (conf.py, docs/, the real plan_data/) to build in."""
    from sitebuild import site_project

    return site_project(tmp_path_factory.mktemp("real-site"))


@pytest.fixture(scope="session")
def real_html(real_project):
    """The real data built into the website without the handbooks, once per session: (html folder, plan).

    Tests of pages ask for this one, so that they do not wait for the PDFs.
    """
    from sitebuild import build

    from generator.data.validate import load_plan

    return build(real_project, pdf=False), load_plan(real_project / "plan_data")


@pytest.fixture(scope="session")
def real_site(real_html, real_project):
    """The complete site, handbooks included: the same build as :func:`real_html`, finished
    with the handbooks (Sphinx then has nothing to re-read). (html folder, plan)."""
    from sitebuild import build

    _, plan = real_html
    return build(real_project, pdf=True), plan


# -- test lanes -----------------------------------------------------------------------
#: Fixtures that build a site: a test using one (even through another fixture) is a site test.
SITE_FIXTURES = {
    "real_project", "real_html", "real_site", "server",
    # module fixtures that build a site of their own
    "built",  # test_nothing_lost
    "built_site", "search_index",  # test_search_vi
    "hostile_site", "hostile_tracking_site",  # test_hostile
    "after_recipes",  # test_recipes
}


def pytest_collection_modifyitems(config, items):
    """Mark each test by what it needs, so `-m "not site and not browser"` is the fast lane.

    A test that uses a site-building fixture is a ``site`` test; one that drives
    Chromium is a ``browser`` test (and a site test). Modules that build their own
    sites say so with ``pytestmark = pytest.mark.site``.
    """
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "browser" in fixtures or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.site)
        elif fixtures & SITE_FIXTURES:
            item.add_marker(pytest.mark.site)


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
def serve_folder(folder: Path, handler_class=None):
    """``folder`` over HTTP on a loopback port, as a visitor would get it; yields the base URL.
    ``handler_class``: a SimpleHTTPRequestHandler of one's own (the benchmark's compresses)."""
    handler = functools.partial(handler_class or _QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def site_x10(tmp_path_factory) -> Path:
    """The synthetic plan ten times the real one (470 duties, 4,700 activities), HTML only:
    its long listings are split into pages (tests/test_weight.py, tests/test_outside_checks.py)."""
    from sitebuild import build, site_project
    from synthetic import scaled_plan

    project = site_project(tmp_path_factory.mktemp("weight-x10"))
    shutil.rmtree(project / "plan_data")
    scaled_plan(project, 10)
    return build(project)


@pytest.fixture(scope="session")
def server(real_html):
    html, _ = real_html
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
