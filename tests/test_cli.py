"""The maintainers' command line, run as a subprocess on fixtures: exit codes, output, files."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path


from conftest import PROJECT, make_root
from sitebuild import build, main_content, site_project, soup


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, capture_output=True, text=True)


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
    project = make_root(tmp_path, "data-minimal", "data-bad-unknown-topic")
    result = run(project, "serve")
    assert result.returncode == 1
    assert "unknown topic 'media-and-comunication'" in result.stderr


def test_serve_previews_and_rebuilds_when_the_data_changes(tmp_path):
    import os
    import signal
    import socket
    import time
    import urllib.request

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
        section = project / "plan_data" / "sections" / "c.yaml"
        section.write_text(
            section.read_text(encoding="utf-8").replace("Tổ chức tuyên truyền về", "Tổ chức tuyên truyền rộng rãi về"),
            encoding="utf-8",
        )
        deadline = time.monotonic() + 120
        while "Tổ chức tuyên truyền rộng rãi về" not in page_text(deadline):
            time.sleep(1)
            assert time.monotonic() < deadline, "the preview was not rebuilt after the data changed"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
