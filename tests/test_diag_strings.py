"""The data's diagnostics in the string table (the "diag_" keys), in English and Vietnamese.

The loader and the validators keep a key and its values (generator.data.diagnostics.Message);
the CLI renders them in the language of ``--ui-lang`` / CAT_PLAN_LANG, English by default.
English output is unchanged (tests/test_loader.py, tests/test_tracking.py and the roots'
expected.txt); here: the Vietnamese, the table itself, and a scan that keeps English
literals out of the data layer's messages.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import PROJECT, ROOTS, make_root
from test_cli_strings import run, table_problems

from generator.data.diagnostics import (
    Alternatives,
    Diagnostic,
    Kind,
    Location,
    Message,
    Quantity,
    Severity,
    owned,
)
from generator.data.messages import _schema_message
from generator.data.status import AsOfError, resolve_as_of
from generator.data.validate import check
from generator.text import strings
from generator.text.strings import CLI_KEYS, DIAG_KEYS

DATA = PROJECT / "generator" / "data"

# -- the table ------------------------------------------------------------------------------


def test_every_diagnostic_has_both_languages_with_the_same_placeholders():
    assert len(DIAG_KEYS) > 80
    assert all(key.startswith("diag_") for key in DIAG_KEYS)
    assert not [key for key in strings._LABELS if key.startswith("diag_") and key not in DIAG_KEYS]
    assert not set(DIAG_KEYS) & set(CLI_KEYS)
    assert table_problems(strings._LABELS, DIAG_KEYS) == []


def _keys_in_source() -> tuple[set[str], list[re.Pattern]]:
    """The literal diag_ keys the data modules use, and the f-string keys as patterns."""
    literal, patterns = set(), []
    for path in DATA.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        in_fstrings = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and id(node) not in in_fstrings
                and isinstance(node.value, str)
                and re.fullmatch(r"diag_[a-z0-9_]+", node.value)
            ):
                literal.add(node.value)
            first = node.values[0] if isinstance(node, ast.JoinedStr) else None
            if isinstance(first, ast.Constant) and str(first.value).startswith("diag_"):
                parts = [re.escape(v.value) if isinstance(v, ast.Constant) else "[a-z0-9_]+" for v in node.values]
                patterns.append(re.compile("".join(parts)))
    return literal, patterns


def test_every_diagnostic_key_is_used_and_every_used_key_exists():
    literal, patterns = _keys_in_source()
    literal.add("diag_alternatives")  # generator/data/diagnostics.py joins Alternatives with it
    assert sorted(literal - set(DIAG_KEYS)) == []
    unused = [k for k in DIAG_KEYS if k not in literal and not any(p.fullmatch(k) for p in patterns)]
    assert unused == []
    # each f-string key stands for keys that exist (the "what" it is filled with)
    assert all(any(p.fullmatch(k) for k in DIAG_KEYS) for p in patterns)


# -- rendering --------------------------------------------------------------------------------


def test_a_message_renders_in_each_language_with_its_nested_values():
    message = owned(
        Message.of("diag_owner_duty", name="C.V.1.2"),
        Message.of("diag_unknown_topic", value="tuyen-truyn", suggestion=Message.of("diag_did_you_mean", id="tuyen-truyen")),
    )
    assert message.render("en") == "duty C.V.1.2: unknown topic 'tuyen-truyn'; did you mean 'tuyen-truyen'?"
    assert message.render("vi") == "nhiệm vụ C.V.1.2: không có chủ đề nào mã 'tuyen-truyn'; có phải là 'tuyen-truyen' không?"
    assert str(message) == message.render("en")
    no_hint = Message.of("diag_unknown_topic", value="x", suggestion=None)
    assert no_hint.render("vi") == "không có chủ đề nào mã 'x'"


def test_values_are_data_not_format_strings():
    message = Message.of("diag_missing_field", field="{field}{0}")
    assert message.render("en") == "missing field '{field}{0}'"
    assert message.render("vi") == "thiếu trường '{field}{0}'"


def test_numbers_and_alternatives_follow_the_language():
    too_large = Message.of("diag_file_too_large", size=Quantity(6_000_000), limit=Quantity(5_242_880))
    assert too_large.render("en") == "the file is 6,000,000 bytes; data files may be at most 5,242,880 bytes"
    assert too_large.render("vi") == "tệp có 6.000.000 byte; mỗi tệp dữ liệu chỉ được tối đa 5.242.880 byte"
    kinds = Message.of("diag_not_expected", field="kind", value="police", expected=Alternatives(("'a'", "'b'", "'c'")))
    assert kinds.render("en") == "'kind' is 'police'; expected 'a', 'b' or 'c'"
    assert kinds.render("vi") == "'kind' là 'police'; giá trị hợp lệ: 'a', 'b' hoặc 'c'"


def test_a_diagnostic_keeps_its_location_kind_and_severity_in_every_language():
    d = Diagnostic(Location("plan_data/topics.yaml", 4, 7), Kind.UNUSED, Message.of("diag_unused_topic", id="x"), Severity.WARNING)
    assert d.render("en") == str(d) == "plan_data/topics.yaml:4:7: warning: topic 'x' is not used by any duty"
    assert d.render("vi") == "plan_data/topics.yaml:4:7: warning: không có nhiệm vụ nào thuộc chủ đề 'x'"
    assert d.text("vi") == "không có nhiệm vụ nào thuộc chủ đề 'x'"


# -- pydantic's error types -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "english", "vietnamese"),
    [
        ({"type": "missing", "loc": ("task",), "msg": "Field required"}, "missing field 'task'", "thiếu trường 'task'"),
        (
            {"type": "extra_forbidden", "loc": ("taks",), "msg": "Extra inputs are not permitted", "input": "x"},
            "unknown field 'taks'",
            "trường 'taks' không có trong mẫu",
        ),
        (
            {"type": "string_type", "loc": ("title",), "msg": "Input should be a valid string", "input": 3},
            "'title' must be text",
            "'title' phải là văn bản",
        ),
        (
            {"type": "too_short", "loc": ("agencies",), "msg": "List should have at least 1 item", "ctx": {"min_length": 1}},
            "'agencies' needs at least one entry",
            "'agencies' cần có ít nhất một mục",
        ),
        (
            {"type": "date_from_datetime_parsing", "loc": ("recorded",), "msg": "Input should be a valid date", "input": "2025-13-01"},
            "'recorded' is '2025-13-01', which is not a date (YYYY-MM-DD)",
            "'recorded' là '2025-13-01', không phải là ngày hợp lệ (YYYY-MM-DD)",
        ),
        (
            {
                "type": "literal_error",
                "loc": ("kind",),
                "msg": "Input should be 'training' or 'inspection'",
                "input": "meeting",
                "ctx": {"expected": "'training' or 'inspection'"},
            },
            "'kind' is 'meeting'; expected 'training' or 'inspection'",
            "'kind' là 'meeting'; giá trị hợp lệ: 'training' hoặc 'inspection'",
        ),
        (
            {"type": "greater_than_equal", "loc": ("value",), "msg": "Input should be greater than or equal to 0", "input": -1, "ctx": {"ge": 0}},
            "'value' is -1, out of range (input should be greater than or equal to 0)",
            "'value' là -1, nằm ngoài giới hạn cho phép (giá trị phải lớn hơn hoặc bằng 0)",
        ),
    ],
)
def test_each_pydantic_error_type_has_words_in_both_languages(error, english, vietnamese):
    _, message, _ = _schema_message(error, tuple(error["loc"]), error["loc"][0])
    assert (message.render("en"), message.render("vi")) == (english, vietnamese)


def test_an_unmapped_pydantic_error_keeps_pydantic_english_text():
    error = {"type": "url_too_long", "loc": ("url",), "msg": "URL should have at most 2083 characters"}
    _, message, _ = _schema_message(error, ("url",), "url")
    assert message.key == "diag_schema_other"
    assert message.render("en") == message.render("vi") == "'url': URL should have at most 2083 characters"


# -- the Vietnamese, through check() and the CLI ----------------------------------------------


def _vi(project: Path) -> list[str]:
    plan, diagnostics = check(project / "plan_data", project)
    assert plan is None
    return [d.render("vi") for d in diagnostics]


def test_a_duplicate_agency_id_and_a_missing_field_in_vietnamese(tmp_path):
    project = make_root(tmp_path, "data-minimal")
    agencies = project / "plan_data" / "agencies.yaml"
    text = agencies.read_text(encoding="utf-8")
    agencies.write_text(text.replace("id: cong-an-tinh", "id: so-tu-phap", 1), encoding="utf-8")
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.endswith("id: so-tu-phap"))
    second = next(i for i, line in enumerate(lines) if line.endswith("id: cong-an-tinh"))
    column = lines[second].index("id:") + 1
    assert _vi(project)[0] == (
        f"plan_data/agencies.yaml:{second + 1}:{column}: mã cơ quan 'so-tu-phap' bị trùng (lần đầu ở dòng {first + 1})"
    )
    # the duties naming the agency whose id was taken now name an unknown one
    assert _vi(project)[1] == "plan_data/sections/c.yaml:22:21: không có cơ quan nào mã 'cong-an-tinh'"

    project = make_root(tmp_path / "b", "data-minimal")
    section = project / "plan_data" / "sections" / "c.yaml"
    lines = section.read_text(encoding="utf-8").splitlines(keepends=True)
    task = next(i for i, text in enumerate(lines) if text.strip() == "task:")
    end = next(i for i in range(task + 1, len(lines)) if not lines[i].startswith(" " * 6))
    number = next(text for text in reversed(lines[:task]) if "number:" in text).split("number:")[1].strip()
    section.write_text("".join(lines[:task] + lines[end:]), encoding="utf-8")
    start = 1 + next(i for i in range(task - 1, -1, -1) if lines[i].lstrip().startswith("- "))
    assert _vi(project) == [f"plan_data/sections/c.yaml:{start}:5: nhiệm vụ {number}: thiếu trường 'task'"]


def test_an_as_of_date_in_vietnamese():
    with pytest.raises(AsOfError) as raised:
        resolve_as_of("2025-02-30")
    assert str(raised.value) == "--as-of '2025-02-30' is not a date (YYYY-MM-DD)"
    assert raised.value.message.render("vi") == "--as-of '2025-02-30' không phải là ngày hợp lệ (YYYY-MM-DD)"


#: Roots whose diagnostics the CLI prints in Vietnamese (each root's expected.vi.txt).
VI_ROOTS = sorted(p.parent.name for p in ROOTS.glob("data-bad-*/expected.vi.txt"))


def test_the_vietnamese_roots_cover_the_failure_modes():
    assert {
        "data-bad-activity-unknown-duty",  # an unknown duty number, with a suggestion
        "data-bad-activity-duplicate-id",
        "data-bad-duplicate-duty-number",
        "data-bad-activity-bad-date",
        "data-bad-activity-figure-without-unit",
        "data-bad-missing-vietnamese",
        "data-bad-deadline",
    } <= set(VI_ROOTS)


@pytest.mark.parametrize("root", VI_ROOTS)
def test_check_prints_the_data_errors_in_vietnamese(tmp_path, root):
    project = make_root(tmp_path, "data-minimal", root)
    expected = (ROOTS / root / "expected.vi.txt").read_text(encoding="utf-8").splitlines()
    english = (ROOTS / root / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert len(expected) == len(english)
    result = run(project, "--ui-lang", "vi", "check")
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert result.stderr.splitlines() == [*expected, f"Có {len(expected)} lỗi trong plan_data/; không có gì được tạo ra."]
    # the same run in English: the roots' expected.txt, unchanged
    assert run(project, "check").stderr.splitlines()[:-1] == english


# -- no English literal in the data layer's messages --------------------------------------------

#: Calls that take a message: the argument at this position (or keyword) must not be words.
MESSAGE_ARGUMENTS = {"Diagnostic": (2, "message"), "AsOfError": (0, "message"), "DataError": (0, None)}


def _name(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")


def _is_words(node: ast.AST) -> bool:
    """A literal, an f-string, a concatenation or a .format() of text: a message made in English."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return True  # text put together ("activity x: " + message); a Message is never added
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _is_words(node.left)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "join"):
        return _is_words(node.func.value)
    return False


def english_messages(source: str, keys=DIAG_KEYS) -> list[str]:
    """Where ``source`` (a module of generator/data) makes a diagnostic's words without the table:

    - a Diagnostic, AsOfError or DataError given text (a literal, an f-string, a sum, a .format(), %);
    - a Message.of() / Message() whose key is a literal not in the table, or text put together
      (an f-string key must start with "diag_": the test above checks what it can be filled with;
      a key held in a variable is one of a table of keys, whose literals the test above checks);
    - a PydanticCustomError whose message is not a "{placeholder}" filled with a Message;
    - a _RefusedYaml, _when_error or _deadline_error given text.
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node)
        if name in MESSAGE_ARGUMENTS:
            position, keyword = MESSAGE_ARGUMENTS[name]
            given = node.args[position] if len(node.args) > position else None
            given = given or next((k.value for k in node.keywords if k.arg == keyword), None)
            if given is not None and _is_words(given):
                found.append((node.lineno, f"{name}() given text"))
        elif name == "of" or (name == "Message" and isinstance(node.func, ast.Name)):
            key = node.args[0] if node.args else None
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                if key.value not in keys:
                    found.append((node.lineno, f"unknown key {key.value!r}"))
            elif isinstance(key, ast.JoinedStr):
                if not str(getattr(key.values[0], "value", "")).startswith("diag_"):
                    found.append((node.lineno, "a message key that is not a diag_ literal"))
            elif key is None or _is_words(key):
                # a name (a key looked up in a table of keys) is checked when rendered: label() knows it
                found.append((node.lineno, "a message key that is not a diag_ literal"))
        elif name == "PydanticCustomError":
            template = node.args[1] if len(node.args) > 1 else None
            if not (isinstance(template, ast.Constant) and re.fullmatch(r"\{[a-z_]+\}", str(template.value))):
                found.append((node.lineno, "PydanticCustomError() given text"))
        elif name in ("_RefusedYaml", "_deadline_error"):
            if node.args and _is_words(node.args[0]):
                found.append((node.lineno, f"{name}() given text"))
        elif name == "_when_error":
            key = node.args[0] if node.args else None
            if not (isinstance(key, ast.Constant) and key.value in keys):
                found.append((node.lineno, "_when_error() without a diag_ key"))
    return [f"line {line}: {what}" for line, what in sorted(found)]


@pytest.mark.parametrize("module", sorted(p.name for p in DATA.glob("*.py")))
def test_no_data_module_makes_a_message_in_english(module):
    assert english_messages((DATA / module).read_text(encoding="utf-8")) == []


def test_the_scan_finds_english_messages():
    source = '''
def check(where, value, diagnostics):
    diagnostics.append(Diagnostic(where, Kind.BAD_VALUE, f"unknown agency '{value}'"))
    diagnostics.append(Diagnostic(where, Kind.BAD_VALUE, "the file is empty"))
    diagnostics.append(Diagnostic(where, Kind.BAD_VALUE, owner + d.message))
    diagnostics.append(Diagnostic(where, Kind.BAD_VALUE, message="missing {}".format(value)))
    diagnostics.append(Diagnostic(where, Kind.BAD_VALUE, Message.of("diag_missing_field", field=value)))
    diagnostics.append(Diagnostic(where, Kind.BAD_VALUE, Message.of("diag_nonexistent")))
    diagnostics.append(Diagnostic(where, Kind.BAD_VALUE, Message.of("missing " + key)))
    diagnostics.append(Diagnostic(where, Kind.BAD_VALUE, Message.of(f"diag_unused_{what}", id=value)))
    raise AsOfError(f"--as-of '{value}' is not a date")
    raise PydanticCustomError("bad_url", "not a web address", {})
    raise PydanticCustomError("bad_url", "{message}", {"message": Message.of("diag_not_web_address")})
    _deadline_error(f"a deadline of kind '{kind}' needs 'start'", None)
    _when_error("diag_when_bad_shape")
    _when_error(f"is '{value}', which is not a date")
'''
    assert english_messages(source) == [
        "line 3: Diagnostic() given text",
        "line 4: Diagnostic() given text",
        "line 5: Diagnostic() given text",
        "line 6: Diagnostic() given text",
        "line 8: unknown key 'diag_nonexistent'",
        "line 9: a message key that is not a diag_ literal",
        "line 11: AsOfError() given text",
        "line 12: PydanticCustomError() given text",
        "line 14: _deadline_error() given text",
        "line 16: _when_error() without a diag_ key",
    ]


def test_sphinx_logs_a_diagnostic_in_the_build_language(monkeypatch):
    """The build passes its --ui-lang to Sphinx as plan_ui_lang; the log's words follow it,
    the type, kind (subtype) and location stay as they are."""
    from types import SimpleNamespace

    from generator.site import extension

    logged = []
    logger = SimpleNamespace(
        warning=lambda *a, **k: logged.append(("warning", *a, k)), error=lambda *a, **k: logged.append(("error", *a, k))
    )
    monkeypatch.setattr(extension, "logger", logger)
    unused = Diagnostic(Location("plan_data/topics.yaml", 4, 7), Kind.UNUSED, Message.of("diag_unused_topic", id="x"), Severity.WARNING)
    for setting in ("vi", "en", "fr"):
        extension._log_diagnostic(unused, extension._ui_lang(SimpleNamespace(config=SimpleNamespace(plan_ui_lang=setting))))
    where = {"type": "plan", "subtype": "unused", "location": "plan_data/topics.yaml:4:7"}
    assert logged == [
        ("warning", "không có nhiệm vụ nào thuộc chủ đề 'x'", where),
        ("warning", "topic 'x' is not used by any duty", where),
        ("warning", "topic 'x' is not used by any duty", where),  # not a language: English
    ]
