"""The maintainers' command line, run as a subprocess on fixtures: exit codes, output, files."""

from __future__ import annotations

import contextlib
import csv
import importlib.metadata
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import PROJECT, make_root
from packaging.requirements import Requirement
from sitebuild import build, main_content, site_project, soup

#: A sitecustomize that makes the modules named in HIDDEN_MODULES look uninstalled.
HIDDEN_MODULES = Path(__file__).resolve().parent / "hidden_modules"
PYPROJECT = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
COMMANDS = ("check", "build", "export", "translations", "serve", "schema")


def run(project: Path, *args: str, hide: set[str] = frozenset()) -> subprocess.CompletedProcess:
    """``python -m generator ARGS`` in ``project``; ``hide``: top-level modules that look uninstalled."""
    env = dict(os.environ)
    if hide:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HIDDEN_MODULES), env.get("PYTHONPATH")]))
        env["HIDDEN_MODULES"] = " ".join(sorted(hide))
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=project, capture_output=True, text=True, env=env
    )


def assert_fails(result: subprocess.CompletedProcess, status: int, message: str) -> None:
    """The command said exactly ``message``, in one line on stderr, and exited with ``status``."""
    assert "Traceback" not in result.stderr
    assert (result.returncode, result.stderr) == (status, message + "\n")


def test_every_command_has_help():
    for command in ("check", "build", "serve", "export", "translations", "schema", "publish"):
        result = run(PROJECT, command, "--help")
        assert result.returncode == 0
        assert result.stdout.startswith("usage: python -m generator")


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "cat-plan"
    result = subprocess.run([str(script), "check", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "usage:" in result.stdout


def test_check_prints_a_summary(tmp_path):
    project = make_root(tmp_path, "data-minimal")
    result = run(project, "check")
    assert result.returncode == 0
    assert result.stdout.splitlines()[:6] == [
        "Kế hoạch thử",
        "duties: 2 (C 2)",
        "agencies: 3",
        "topics: 2",
        "legal documents: 1",
        "texts lacking English: 1",
    ]


def test_export_writes_csv_excel_can_open_and_json(tmp_path):
    result = run(PROJECT, "export", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    raw = (tmp_path / "out" / "duties.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == [
        "number", "section", "task_vi", "task_en", "lead_agencies", "lead_vi", "lead_en",
        "coordinating_agencies", "requested_agencies", "coordination_vi", "coordination_en",
        "results_vi", "results_en", "deadline_vi", "deadline_en", "deadline_kind", "deadline_years",
        "topics", "legal_documents",
    ]
    assert len(rows) == 47
    by_number = {r["number"]: r for r in rows}
    assert "võ nhân đạo" in by_number["B.VIII.1"]["task_vi"]
    assert by_number["Đ.I"]["deadline_vi"] == "Trước ngày 15/12 hàng năm"
    assert "uy-ban-mttq-tinh" in by_number["C.V.2"]["requested_agencies"].split()
    agencies = list(csv.DictReader(io.StringIO((tmp_path / "out" / "agencies.csv").read_bytes().decode("utf-8-sig"))))
    assert {"id", "name_vi", "name_en", "leads"} <= set(agencies[0])
    assert any(a["name_vi"] == "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh" for a in agencies)
    document = json.loads((tmp_path / "out" / "plan.json").read_text(encoding="utf-8"))
    assert sum(len(s["duties"]) for s in document["sections"]) == 47


def test_calendar_holds_annual_deadlines_as_recurring_events(tmp_path):
    from icalendar import Calendar

    assert run(PROJECT, "export", "--out", str(tmp_path / "out")).returncode == 0
    calendar = Calendar.from_ical((tmp_path / "out" / "calendar" / "vi" / "plan.ics").read_bytes())
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    annual = events["Đ.I-vi@an-giang-cat-plan"]
    assert annual["rrule"]["FREQ"] == ["YEARLY"]
    assert annual.decoded("dtstart").strftime("%d/%m") == "15/12"
    yearly = [e for e in events.values() if "rrule" in e]
    assert len(yearly) == sum(1 for line in (tmp_path / "out" / "duties.csv").read_text(encoding="utf-8-sig").splitlines() if ",annual," in line or ",annual_by_date," in line)
    ranged = events["C.III-vi@an-giang-cat-plan"]  # 2023 - 2025
    assert "rrule" not in ranged
    assert (ranged.decoded("dtstart").year, ranged.decoded("dtend").year) == (2023, 2026)
    police = Calendar.from_ical((tmp_path / "out" / "calendar" / "en" / "cong-an-tinh.ics").read_bytes())
    assert 0 < len(list(police.walk("VEVENT"))) < len(events)


@pytest.mark.site
def test_changing_vietnamese_flags_its_english_as_outdated(tmp_path):
    project = site_project(tmp_path, "data-minimal")
    assert run(project, "translations", "--confirm").returncode == 0
    report = run(project, "translations")
    assert report.returncode == 0
    total = next(line for line in report.stdout.splitlines() if line.startswith("total"))
    assert total.split()[2:] == ["1", "0"]  # one text lacks English (C.V.1's task), none outdated
    section = project / "plan_data" / "sections" / "c.yaml"
    section.write_text(
        section.read_text(encoding="utf-8").replace(
            "Tổ chức tuyên truyền về phòng, chống tra tấn", "Tổ chức tuyên truyền rộng rãi về phòng, chống tra tấn"
        ),
        encoding="utf-8",
    )
    report = run(project, "translations")
    assert "  outdated: plan_data/sections/c.yaml: duty C.I.task" in report.stdout.splitlines()
    html = build(project, langs=("en",))
    task = main_content(soup(html / "en" / "plan" / "duties" / "c-i.html")).select_one("#task p")
    assert task.find("span", class_="outdated") is not None
    assert "translation may be out of date" in task.get_text()


@pytest.mark.site
def test_build_summarises_and_publishes(tmp_path):
    project = site_project(tmp_path, "data-minimal")
    result = run(project, "build", "--no-pdf")
    assert result.returncode == 0, result.stderr
    assert "building the vi site" in result.stdout and "building the en site" in result.stdout
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("built vi, en:") and "HTML pages" in last
    assert (project / "_build" / "html" / "data" / "duties.csv").is_file()
    one = run(project, "build", "--lang", "en", "--no-pdf")
    assert one.returncode == 0, one.stderr
    assert (project / "_build" / "html" / "vi" / "index.html").is_file()  # the other language stays


def test_serve_refuses_bad_data_before_starting(tmp_path):
    project = site_project(tmp_path, "data-minimal", "data-bad-unknown-topic")
    result = run(project, "serve")
    assert result.returncode == 1
    assert "unknown topic 'media-and-comunication'" in result.stderr


@pytest.mark.site
def test_serve_previews_and_rebuilds_when_the_data_changes(tmp_path):
    import os
    import signal
    import socket
    import time
    import urllib.request

    from websockets.sync.client import connect

    project = site_project(tmp_path, "data-minimal")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", str(port)],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/plan/duties/c-i.html"

    def page_text(deadline: float) -> str:
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    return response.read().decode("utf-8")
            except OSError:
                time.sleep(0.5)
        raise AssertionError(f"{url} did not answer in time")

    try:
        assert "Tổ chức tuyên truyền về phòng, chống tra tấn" in page_text(time.monotonic() + 120)
        # the browser's end of the reload channel (sphinx-autobuild's script speaks it)
        with connect(f"ws://127.0.0.1:{port}/websocket-reload", open_timeout=30) as reloads:
            section = project / "plan_data" / "sections" / "c.yaml"
            section.write_text(
                section.read_text(encoding="utf-8").replace("Tổ chức tuyên truyền về", "Tổ chức tuyên truyền rộng rãi về"),
                encoding="utf-8",
            )
            # told to reload once the duty's page is written, then again once the pages that show it are
            assert reloads.recv(timeout=120) == "refresh"
            assert "Tổ chức tuyên truyền rộng rãi về" in page_text(time.monotonic() + 30)
            assert reloads.recv(timeout=120) == "refresh"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


# -- a new user's mistakes: one line, exit 1 or 2, never a traceback ---------------------

RUN_HERE = "run this command in the project folder, or pass --root"


def test_every_command_outside_a_project_says_where_to_run_it(tmp_path):
    elsewhere = tmp_path.resolve()
    for command in COMMANDS:
        result = run(elsewhere, command)
        assert_fails(result, 2, f"no plan_data/ folder in {elsewhere}; {RUN_HERE}")
        assert result.stdout == ""
    assert list(elsewhere.iterdir()) == []  # nothing was written there (schema used to)


def test_root_pointing_nowhere(tmp_path):
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    for command in COMMANDS:
        assert_fails(run(tmp_path, "--root", "no-such-folder", command), 2, "--root no-such-folder: no such folder")
        assert_fails(run(tmp_path, "--root", "a-file", command), 2, "--root a-file: not a folder")


def test_plan_data_that_is_a_file(tmp_path):
    (tmp_path / "plan_data").write_text("", encoding="utf-8")
    assert_fails(run(tmp_path, "check"), 2, f"plan_data in {tmp_path.resolve()} is not a folder")


def test_every_command_with_an_empty_data_folder(tmp_path):
    project = site_project(tmp_path, "data-minimal")
    for path in sorted((project / "plan_data").rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    message = (
        "plan_data/ holds no data files; it needs plan.yaml, agencies.yaml, topics.yaml, "
        "legal_documents.yaml, sections/*.yaml"
    )
    for command in ("check", "build", "export", "translations", "serve"):
        assert_fails(run(project, command), 1, message)
    assert not (project / "_build").exists()
    # The schemas come from the code, not from the data: an empty folder is where they start.
    schema = run(project, "schema")
    assert schema.returncode == 0, schema.stderr
    assert (project / "plan_data" / "schema" / "plan.schema.json").is_file()


def test_build_and_serve_need_the_project_s_conf_py_and_docs(tmp_path):
    project = make_root(tmp_path, "data-minimal")  # plan_data/ only
    for command in ("build", "serve"):
        assert_fails(
            run(project, command),
            2,
            f"no conf.py in {project.resolve()}; {command} needs the project's conf.py and docs/: {RUN_HERE}",
        )
    (project / "conf.py").write_text("", encoding="utf-8")
    assert_fails(
        run(project, "build"),
        2,
        f"no docs in {project.resolve()}; build needs the project's conf.py and docs/: {RUN_HERE}",
    )
    assert run(project, "check").returncode == 0  # the commands that only read the data work there


def test_serve_on_a_port_in_use(tmp_path):
    import socket

    project = site_project(tmp_path, "data-minimal")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        in_use = f"port {port} is in use; choose another with --port"
        assert_fails(run(project, "serve", "--port", str(port)), 2, in_use)
    assert_fails(run(project, "serve", "--port", "70000"), 2, "--port 70000: not a port number (1-65535)")
    assert not (project / "_build").exists()


@contextlib.contextmanager
def read_only(folder: Path):
    """``folder`` made unwritable for the commands, root included, and writable again afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o555)
    immutable = os.access(folder, os.W_OK)  # root ignores the mode: make the folder immutable instead
    if immutable:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
    try:
        assert not os.access(folder, os.W_OK), f"{folder} could not be made read-only"
        yield folder
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


def test_a_read_only_build_folder(tmp_path):
    project = site_project(tmp_path, "data-minimal")
    with read_only(project / "_build"):
        for args in (["build"], ["build", "--no-pdf"], ["serve"]):
            assert_fails(run(project, *args), 1, "cannot write to _build/: permission denied")
        assert_fails(run(project, "export"), 1, "cannot write to _build/export/: _build/ is not writable")
        assert list((project / "_build").iterdir()) == []
        assert run(project, "check").returncode == 0  # reading the data needs no _build/


def test_export_to_a_folder_it_cannot_write(tmp_path):
    project = make_root(tmp_path, "data-minimal")
    (project / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert_fails(
        run(project, "export", "--out", "notes.txt/open-data"), 1, "cannot write to notes.txt/open-data/: notes.txt is a file"
    )
    outside = (tmp_path / "shared").resolve()
    with read_only(outside):
        assert_fails(
            run(project, "export", "--out", str(outside / "data")), 1,
            f"cannot write to {outside}/data/: {outside}/ is not writable",
        )
        assert_fails(run(project, "export", "--out", str(outside)), 1, f"cannot write to {outside}/: permission denied")
    assert (project / "notes.txt").read_text(encoding="utf-8") == "mine\n"


def test_a_console_that_cannot_show_vietnamese(tmp_path):
    project = make_root(tmp_path, "data-minimal")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=project, capture_output=True, env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert result.returncode == 0 and b"Traceback" not in result.stderr
    assert result.stdout.splitlines()[0] == b"K\\u1ebf ho\\u1ea1ch th\\u1eed"  # "Kế hoạch thử", escaped


def test_a_read_only_docs_folder(tmp_path):
    project = site_project(tmp_path, "data-minimal")
    with read_only(project / "docs"):
        for command in ("build", "serve"):
            assert_fails(run(project, command), 1, "cannot write to docs/plan/: docs/ is not writable")
    assert not (project / "_build").exists()


def test_a_file_where_the_output_needs_a_folder(tmp_path):
    """What no check foresees still ends in one line naming the path (here: a file named like a folder)."""
    project = make_root(tmp_path, "data-minimal")
    (project / "out").mkdir()
    (project / "out" / "calendar").write_text("mine\n", encoding="utf-8")
    # files are written in sorted order: the first calendar folder is calendar/en
    assert_fails(run(project, "export", "--out", "out"), 1, "out/calendar/en: Not a directory")
    assert (project / "out" / "calendar").read_text(encoding="utf-8") == "mine\n"


def test_commands_that_write_into_a_read_only_data_folder(tmp_path):
    project = make_root(tmp_path, "data-minimal")
    with read_only(project / "plan_data"):
        assert_fails(run(project, "translations", "--confirm"), 1, "cannot write to plan_data/: permission denied")
        assert_fails(run(project, "schema"), 1, "cannot write to plan_data/schema/: plan_data/ is not writable")
        assert run(project, "translations").returncode == 0  # the report only reads


def _ctrl_c_as_in_a_terminal() -> None:
    """Let the command see Ctrl+C as a terminal delivers it. A test run started in the
    background (``&`` in a script, nohup) ignores SIGINT, and its children inherit that:
    the command would then rightly carry on, and finish its build."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.site
def test_ctrl_c_during_a_build_stops_it_and_keeps_the_published_site(tmp_path):
    project = site_project(tmp_path, "data-minimal")
    assert run(project, "build", "--no-pdf").returncode == 0
    def site():
        return {p.relative_to(project): p.read_bytes() for p in (project / "_build" / "html").rglob("*") if p.is_file()}

    published = site()
    section = project / "plan_data" / "sections" / "c.yaml"
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("Tổ chức tuyên truyền về", "Tổ chức tuyên truyền rộng rãi về"), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--no-pdf"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,  # its own process group, which Ctrl+C in a terminal signals as a whole
        preexec_fn=_ctrl_c_as_in_a_terminal,
    )
    try:
        for line in process.stdout:
            if line.startswith("building the en site"):  # both Sphinx builds are running
                os.killpg(process.pid, signal.SIGINT)
                break
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert "Traceback" not in stderr
    assert (process.returncode, stderr) == (130, "interrupted; the published site in _build/html is unchanged\n")
    assert "built vi, en" not in stdout
    assert site() == published
    assert list((project / "_build").glob(".staging-*")) == []


# -- missing extras, and an environment with only the core dependencies -------------------


PDF_MISSING = (
    "typst is not installed; install the 'pdf' extra: pip install -e '.[pdf]' "
    "(or build without the handbooks: --no-pdf)"
)
LIVE_MISSING = "sphinx_autobuild is not installed; install the 'live' extra: pip install -e '.[live]'"


def _name(distribution: str) -> str:
    return re.sub(r"[-_.]+", "-", distribution).lower()


def modules_of(distributions) -> set[str]:
    """The top-level modules the installed ``distributions`` provide."""
    wanted = {_name(d) for d in distributions}
    return {
        module
        for module, owners in importlib.metadata.packages_distributions().items()
        if any(_name(owner) in wanted for owner in owners)
    }


def extra(name: str) -> list[str]:
    """The distributions pyproject.toml lists in the extra ``name``."""
    return [Requirement(r).name for r in PYPROJECT["optional-dependencies"][name]]


def core_distributions() -> set[str]:
    """The project's core dependencies and everything they require in turn (no extras)."""
    seen: set[str] = set()
    todo = [Requirement(r) for r in PYPROJECT["dependencies"]]
    while todo:
        requirement = todo.pop()
        if _name(requirement.name) in seen:
            continue
        seen.add(_name(requirement.name))
        extras = ["", *requirement.extras]
        for text in importlib.metadata.requires(requirement.name) or []:
            needed = Requirement(text)
            if needed.marker is None or any(needed.marker.evaluate({"extra": e}) for e in extras):
                todo.append(needed)
    return seen


@pytest.mark.parametrize("distribution", extra("pdf"))
def test_build_names_the_pdf_extra_when_a_package_of_it_is_missing(tmp_path, distribution):
    project = site_project(tmp_path, "data-minimal")
    hidden = modules_of([distribution])
    assert hidden, f"{distribution} (the 'pdf' extra) is not installed here"
    result = run(project, "build", hide=hidden)
    from generator.cli import EXTRAS

    module = next(m for m in EXTRAS["pdf"] if m in hidden)
    assert_fails(
        result, 2,
        f"{module} is not installed; install the 'pdf' extra: pip install -e '.[pdf]' "
        "(or build without the handbooks: --no-pdf)",
    )
    assert not (project / "_build").exists()


def test_serve_names_the_live_extra_when_sphinx_autobuild_is_missing(tmp_path):
    project = site_project(tmp_path, "data-minimal")
    hidden = modules_of(extra("live"))
    assert "sphinx_autobuild" in hidden
    assert_fails(run(project, "serve", hide=hidden), 2, LIVE_MISSING)


def test_the_cli_knows_the_extras_of_pyproject():
    from generator.cli import EXTRAS

    for name, modules in EXTRAS.items():
        assert set(modules) <= modules_of(extra(name)), name
    assert set(EXTRAS) == set(PYPROJECT["optional-dependencies"]) - {"test"}


def test_every_command_works_with_only_the_core_dependencies(tmp_path):
    """Every installed module outside the core dependencies' closure is hidden; the
    commands that need an extra say which, the others do their whole job."""
    core = core_distributions()
    hidden = {
        module
        for module, owners in importlib.metadata.packages_distributions().items()
        if module != "generator" and not any(_name(owner) in core for owner in owners)
    }
    assert {"typst", "sphinx_autobuild", "pytest", "playwright"} <= hidden
    project = site_project(tmp_path, "data-minimal")
    commands = (["check"], ["export"], ["translations"], ["translations", "--confirm"], ["schema"], ["build", "--no-pdf"])
    for args in commands:
        result = run(project, *args, hide=hidden)
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert (project / "_build" / "export" / "calendar" / "vi" / "plan.ics").is_file()
    assert (project / "_build" / "html" / "en" / "plan" / "duties" / "c-i.html").is_file()
    assert (project / "_build" / "html" / "data" / "calendar" / "en" / "plan.ics").is_file()
    assert_fails(
        run(project, "build", hide=hidden), 2,
        PDF_MISSING,
    )
    assert_fails(run(project, "serve", hide=hidden), 2, LIVE_MISSING)


@pytest.mark.core_env
def test_a_fresh_install_without_extras(tmp_path):
    """``pip install .`` into a new virtual environment (no system packages, no extras),
    then every command as a new user runs it: the hidden-modules test above, for real."""
    source = tmp_path / "source"  # a copy: installing builds in the source folder
    shutil.copytree(PROJECT / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(PROJECT / name, source / name)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    install = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(source)],
        capture_output=True, text=True,
    )
    assert install.returncode == 0, install.stderr
    site_packages = next((venv / "lib").glob("python3.*/site-packages"))
    installed = {_name(d.metadata["Name"]) for d in importlib.metadata.distributions(path=[str(site_packages)])}
    in_extras = {_name(d) for name in PYPROJECT["optional-dependencies"] for d in extra(name)}
    only_in_extras = in_extras - core_distributions()
    assert "typst" in only_in_extras and not installed & only_in_extras
    project = site_project(tmp_path / "project", "data-minimal")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # the installed package, not this checkout

    def cat_plan(*args):
        command = [str(venv / "bin" / "cat-plan"), *args]
        return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env)

    for args in (["check"], ["export"], ["translations"], ["schema"], ["build", "--no-pdf"]):
        result = cat_plan(*args)
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert (project / "_build" / "export" / "calendar" / "vi" / "plan.ics").is_file()
    assert (project / "_build" / "html" / "vi" / "plan" / "duties" / "c-i.html").is_file()
    assert_fails(
        cat_plan("build"), 2,
        PDF_MISSING,
    )
    assert_fails(cat_plan("serve"), 2, LIVE_MISSING)
