"""The strict loader and validator, on small fixtures: one root per failure mode."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT, ROOTS, make_root

from generator.data.diagnostics import DataError, Kind
from generator.data.load import load_text
from generator.data.schema import render_schemas
from generator.data.validate import check, load_plan, name_key

FAILURE_ROOTS = sorted(p.name for p in ROOTS.glob("data-bad-*"))


def test_minimal_fixture_loads_into_frozen_models(minimal_root: Path):
    plan = load_plan(minimal_root / "plan_data")
    assert [d.number for d in plan.duties] == ["C.I", "C.V.1"]
    first = plan.duties[0]
    assert first.lead_agencies() == ("so-tu-phap",)
    assert [(a.agency, a.role) for a in first.coordinating_agencies()] == [
        ("cong-an-tinh", "coordinates"),
        ("uy-ban-mttq-tinh", "requested"),
    ]
    assert plan.duties[1].deadline.years == (2023, 2024, 2025)
    with pytest.raises(Exception):
        first.number = "C.II"  # frozen


@pytest.mark.parametrize("root", FAILURE_ROOTS)
def test_each_failure_mode_gives_its_exact_message(tmp_path: Path, root: str):
    project = make_root(tmp_path, "data-minimal", root)
    expected = (ROOTS / root / "expected.txt").read_text(encoding="utf-8").splitlines()
    plan, diagnostics = check(project / "plan_data", project)
    assert plan is None
    assert [str(d) for d in diagnostics] == expected


def test_check_command_prints_errors_without_traceback(tmp_path: Path):
    project = make_root(tmp_path, "data-minimal", "data-bad-unknown-agency")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=project,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(PROJECT), "PATH": ""},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "plan_data/sections/c.yaml:22:21: unknown agency 'cong-an-tnh'; did you mean 'cong-an-tinh'?",
        "1 error in plan_data/; nothing was built.",
    ]


def test_all_errors_are_collected_before_failing(tmp_path: Path):
    """Two failure modes at once: both are reported, in file order."""
    project = make_root(tmp_path, "data-minimal", "data-bad-unknown-topic")
    agencies = project / "plan_data" / "agencies.yaml"
    agencies.write_text(agencies.read_text(encoding="utf-8").replace("kind: police", "kind: polis"), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_plan(project / "plan_data")
    kinds = [d.kind for d in raised.value.diagnostics]
    assert kinds == [Kind.BAD_VALUE, Kind.UNKNOWN_REFERENCE]
    assert str(raised.value.diagnostics[0]).startswith(
        "plan_data/agencies.yaml:10:5: agency cong-an-tinh: 'kind' is 'polis'; expected 'department', "
    )


# -- the YAML traps ------------------------------------------------------------


def test_scalars_stay_the_text_that_was_typed():
    loaded, problems = load_text("a: 1.10\nb: no\nc: 012\nd: 1:10\ne: 2024-13-01\nf: ~\n", "x.yaml")
    assert problems == []
    assert loaded.data == {"a": "1.10", "b": "no", "c": "012", "d": "1:10", "e": "2024-13-01", "f": "~"}


def test_text_is_normalised_to_nfc():
    decomposed = "tra ta\u0302\u0301n"
    loaded, _ = load_text(f"t: {decomposed}\n", "x.yaml")
    assert loaded.data == {"t": "tra tấn"}


@pytest.mark.parametrize(
    "text, message",
    [
        ("a: &x 1\nb: *x\n", "x.yaml:1:4: YAML anchor '&x' is not allowed; write the value out in full"),
        ("a: !!python/object:os.system x\n", "x.yaml:1:4: YAML tag 'tag:yaml.org,2002:python/object:os.system' is not allowed; data is plain text"),
        ("a: 1\na: 2\n", "x.yaml:2:1: duplicate key 'a' (first at line 1); the second one would silently replace the first"),
    ],
)
def test_unsafe_or_ambiguous_yaml_is_refused(text: str, message: str):
    _, problems = load_text(text, "x.yaml")
    assert [str(p) for p in problems] == [message]


def test_name_key_joins_old_and_new_tone_placement():
    assert name_key("Uỷ ban nhân dân") == name_key("Ủy ban nhân dân")
    assert name_key("Hoà") == name_key("Hòa")
    assert name_key("Sở Tư pháp") != name_key("Sở Tư Pháp ")[:-1] + "x"


def test_agency_may_be_named_by_an_alias_spelling(minimal_root: Path):
    section = minimal_root / "plan_data" / "sections" / "c.yaml"
    text = section.read_text(encoding="utf-8").replace(
        "{agency: uy-ban-mttq-tinh, role: requested}", "{agency: \"Uỷ ban Mặt trận Tổ quốc Việt Nam tỉnh\", role: requested}"
    )
    section.write_text(text, encoding="utf-8")
    plan = load_plan(minimal_root / "plan_data")
    assert plan.duties[0].coordinating_agencies()[1].agency == "uy-ban-mttq-tinh"


# -- the JSON Schema for editors -------------------------------------------------


def test_committed_json_schemas_are_current():
    folder = PROJECT / "plan_data" / "schema"
    for name, text in render_schemas().items():
        committed = folder / name
        assert committed.is_file(), f"{name} is missing: run python -m generator schema"
        assert committed.read_text(encoding="utf-8") == text, f"{name} is stale: run python -m generator schema"


def test_every_data_file_names_its_schema():
    data = PROJECT / "plan_data"
    files = [*data.glob("*.yaml"), *data.glob("sections/*.yaml"), *data.glob("activities/*.yaml")]
    assert data / "assessments.yaml" in files and list(data.glob("activities/*.yaml"))
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("=", 1)[1]).resolve()
        assert schema.is_file(), f"{path} names a schema that does not exist: {schema}"


# -- encodings and size -----------------------------------------------------------


def test_a_file_saved_in_another_encoding_is_refused_with_its_place(tmp_path: Path):
    from generator.data.load import load_file

    file = tmp_path / "c.yaml"
    file.write_bytes("section: C\nheading:\n  vi: \"Tư pháp\"\n".encode("cp1258"))
    loaded, problems = load_file(file, "plan_data/sections/c.yaml")
    assert loaded.data is None
    assert [str(p) for p in problems] == [
        "plan_data/sections/c.yaml:3:9: the file is not UTF-8: byte 0xFD cannot be read; "
        "save the file as UTF-8 (it may have been saved as Windows-1258 or another encoding)"
    ]


def test_a_byte_order_mark_inside_a_file_is_refused_but_a_leading_one_is_fine(tmp_path: Path):
    from generator.data.load import load_file

    leading = tmp_path / "a.yaml"
    leading.write_bytes("\ufeffa: b\n".encode("utf-8"))
    loaded, problems = load_file(leading, "a.yaml")
    assert problems == [] and loaded.data == {"a": "b"}
    inner = tmp_path / "b.yaml"
    inner.write_bytes("a: b\nc: \ufeffd\n".encode("utf-8"))
    _, problems = load_file(inner, "b.yaml")
    assert [str(p) for p in problems] == [
        "b.yaml:2:4: byte-order mark (U+FEFF) inside the file; delete it (it is invisible in most editors)"
    ]


def test_an_over_large_file_is_refused_before_it_is_parsed(tmp_path: Path):
    from generator.data.load import MAX_FILE_BYTES, load_file

    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * MAX_FILE_BYTES + b"\n")
    loaded, problems = load_file(big, "big.yaml")
    assert loaded.data is None
    assert [str(p) for p in problems] == [
        f"big.yaml: the file is {MAX_FILE_BYTES + 4:,} bytes; data files may be at most {MAX_FILE_BYTES:,} bytes"
    ]
