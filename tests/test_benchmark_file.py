"""``make bench`` writes its tables into BENCHMARKS.md and keeps the sessions' notes below them."""

from __future__ import annotations

from pathlib import Path

from benchmark import NOTES_FROM, write_tables

PROJECT = Path(__file__).resolve().parent.parent


def test_a_new_run_replaces_the_tables_and_keeps_the_notes(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(f"# Benchmarks\n\nold table\n\n{NOTES_FROM}\n\n## A session\n\nwhat was measured\n", encoding="utf-8")
    write_tables(path, ["# Benchmarks", "", "new table"])
    assert path.read_text(encoding="utf-8") == (
        f"# Benchmarks\n\nnew table\n\n{NOTES_FROM}\n\n## A session\n\nwhat was measured\n"
    )


def test_a_first_run_starts_the_notes(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    write_tables(path, ["# Benchmarks"])
    assert path.read_text(encoding="utf-8") == f"# Benchmarks\n\n{NOTES_FROM}\n"


def test_the_projects_benchmarks_file_has_its_notes_marked():
    text = (PROJECT / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert text.count(NOTES_FROM) == 1
    assert "## Thirteenth session" in text.split(NOTES_FROM)[1]
