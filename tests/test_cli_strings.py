"""The command line's words: one string table (generator/text/strings.py), in English and Vietnamese.

Every message cli.py prints comes from the table's "cli_" keys; the language is chosen
with ``--ui-lang`` or the CAT_PLAN_LANG environment variable, English by default.
"""

from __future__ import annotations

import ast
import os
import re
import string
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from babel import Locale
from conftest import PROJECT, make_root

from generator.text import strings
from generator.text.strings import CLI_KEYS, LOCALES, label

GENERATOR = PROJECT / "generator"
CLI_SOURCE = GENERATOR / "cli.py"


def run(project: Path, *args: str, lang: str | None = None, **env: str) -> subprocess.CompletedProcess:
    """``python -m generator ARGS`` in ``project``; ``lang``: CAT_PLAN_LANG (unset when None)."""
    environ = {k: v for k, v in os.environ.items() if k != "CAT_PLAN_LANG"}
    if lang is not None:
        environ["CAT_PLAN_LANG"] = lang
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=project, capture_output=True, text=True, env=environ
    )


def assert_fails(result: subprocess.CompletedProcess, status: int, message: str) -> None:
    assert "Traceback" not in result.stderr
    assert (result.returncode, result.stderr) == (status, message + "\n")


# -- the table: both languages, the same placeholders ------------------------------------


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def table_problems(table: dict, keys) -> list[str]:
    """What is wrong with the CLI entries ``keys`` of ``table`` (key -> (vi, en)): a language
    missing or empty, a placeholder one language has and the other lacks, plural forms that
    are not the language's (Babel's CLDR rules), text not in NFC. Vietnamese messages are one
    text for every number (the language does not inflect nouns for number)."""
    problems = []
    for key in keys:
        entry = table.get(key)
        if not (isinstance(entry, tuple) and len(entry) == 2):
            problems.append(f"{key}: not a (vi, en) pair")
            continue
        fields = {}
        for lang, text in zip(("vi", "en"), entry):
            forms = text if isinstance(text, dict) else {"other": text}  # one text: for every number
            known = set(Locale.parse(LOCALES[lang]).plural_form.tags) | {"other"}
            if isinstance(text, dict) and set(forms) != known:
                problems.append(f"{key} ({lang}): plural forms {sorted(forms)}, the language has {sorted(known)}")
            for form, words in forms.items():
                if not isinstance(words, str) or not words.strip():
                    problems.append(f"{key} ({lang}, {form}): empty")
                    continue
                if not unicodedata.is_normalized("NFC", words):
                    problems.append(f"{key} ({lang}, {form}): not NFC")
                fields[(lang, form)] = placeholders(words)
                if isinstance(text, dict) and "count" not in fields[(lang, form)]:
                    problems.append(f"{key} ({lang}, {form}): plural forms without {{count}}")
        if len(set(map(frozenset, fields.values()))) > 1:
            problems.append(f"{key}: placeholders differ: {sorted((k, sorted(v)) for k, v in fields.items())}")
    return problems


def test_every_cli_message_has_both_languages_with_the_same_placeholders():
    assert len(CLI_KEYS) > 60
    assert all(key.startswith("cli_") for key in CLI_KEYS)
    assert not [key for key in strings._LABELS if key.startswith("cli_") and key not in CLI_KEYS]
    assert table_problems(strings._LABELS, CLI_KEYS) == []


def test_the_table_check_finds_a_dropped_or_misspelt_placeholder():
    broken = {
        "cli_a": ("đã ghi {paht}", "wrote {path}"),  # misspelt
        "cli_b": ("đã ghi", "wrote {path}"),  # dropped
        "cli_c": ("{count} lỗi", {"one": "{count} error", "other": "{count} errors in {data}/"}),  # one form lacks it
        "cli_d": ("", "empty Vietnamese"),
        "cli_e": ("Tie\u0302\u0301ng Vie\u0323\u0302t", "Vietnamese, decomposed"),  # NFD, not NFC
        "cli_f": ("{count} lỗi", {"other": "{count} errors"}),  # English lacks its "one" form
    }
    problems = table_problems(broken, broken)
    assert [p.split(":")[0].split(" ")[0] for p in problems] == ["cli_a", "cli_b", "cli_c", "cli_d", "cli_e", "cli_f"]


def test_plural_messages_in_both_languages():
    # English has "one" and "other"; Vietnamese has one form (CLDR), so the number alone varies.
    assert label("cli_nothing_built", "en", count=1, data="plan_data") == "1 error in plan_data/; nothing was built."
    assert label("cli_nothing_built", "en", count=2, data="plan_data") == "2 errors in plan_data/; nothing was built."
    assert label("cli_nothing_built", "vi", count=1, data="plan_data") == "Có 1 lỗi trong plan_data/; không có gì được tạo ra."
    assert label("cli_nothing_built", "vi", count=2, data="plan_data") == "Có 2 lỗi trong plan_data/; không có gì được tạo ra."
    assert label("cli_published_removed", "en", count=1) == "removed 1 old release"
    assert label("cli_published_removed", "en", count=3) == "removed 3 old releases"
    assert label("cli_published_removed", "vi", count=3) == "đã xóa 3 bản phát hành cũ"


def test_values_are_data_not_format_strings():
    """A value with braces in it (a folder named "{count}") is printed as it is, not filled in."""
    assert label("cli_no_such_root", "en", root="{count}{root}") == "--root {count}{root}: no such folder"
    assert label("cli_no_such_root", "vi", root="{0}") == "--root {0}: không có thư mục này"


# -- no English left in cli.py -----------------------------------------------------------

#: Calls whose positional arguments are messages shown to the user.
SHOWN = {"print", "fail", "CommandFailed", "write"}
#: Keyword arguments that are words shown to the user (argparse's help).
SHOWN_KEYWORDS = {"help", "description", "epilog", "usage"}
#: The functions that take a key of the string table first.
LOOKUPS = {"say", "label"}
WORDS = re.compile(r"[A-Za-z]{2,}")
PROSE = re.compile(r"[A-Za-z]+[,;:']?\s+[A-Za-z]+")


def _name(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")


def hard_coded_messages(source: str, keys=CLI_KEYS) -> list[str]:
    """The words in ``source`` (a module of the command line) that do not come from the table:

    - text (a literal or an f-string's literal part) passed to print, fail, CommandFailed or
      a stream's write, or as an argparse help/description, other than through say()/label();
    - any other literal of two words or more (``args.interrupted = "preview stopped"``),
      docstrings and the ``prog`` of the parser aside;
    - a say()/label() whose key is not a literal "cli_" key of the table.
    """
    tree = ast.parse(source)
    found: list[str] = []
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    keys_used: set[int] = set()
    exempt: set[int] = set(docstrings)

    def texts(node: ast.AST):
        """The literal text within ``node`` outside say()/label() (a value given to them is data:
        an id, an extra's name; words there are caught below, as any literal of two words)."""
        for child in ast.walk(node):
            if isinstance(child, ast.Constant) and isinstance(child.value, str) and id(child) not in looked_up:
                yield child

    passing_on = {
        id(call)
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef) and function.name in LOOKUPS  # say() passes its key to label()
        for call in ast.walk(function)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node) in LOOKUPS and id(node) not in passing_on:
            key = node.args[0] if node.args else None
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                found.append(f"line {node.lineno}: {_name(node)}() with a key that is not a literal")
            else:
                keys_used.add(id(key))
                if key.value not in keys:
                    found.append(f"line {node.lineno}: unknown key {key.value!r}")
        if isinstance(node, ast.keyword) and node.arg == "prog":
            exempt.update(id(c) for c in ast.walk(node.value))
    looked_up = {
        id(child)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _name(node) in LOOKUPS
        for child in ast.walk(node)
    }
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        shown = list(node.args) if _name(node) in SHOWN else []
        shown += [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
        for argument in shown:
            for constant in texts(argument):
                if WORDS.search(constant.value):
                    exempt.add(id(constant))
                    found.append(f"line {constant.lineno}: {constant.value!r} shown without the table")
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in exempt
            and id(node) not in keys_used
            and PROSE.search(node.value)
        ):
            found.append(f"line {node.lineno}: {node.value!r} looks like a message")
    return found


def test_cli_py_holds_no_hard_coded_message():
    assert hard_coded_messages(CLI_SOURCE.read_text(encoding="utf-8")) == []


def test_the_scan_finds_hard_coded_messages():
    source = '''
def cmd(args):
    """A docstring is no message."""
    fail(f"no such folder: {args.root}")
    print("wrote", path)
    print(f"  {where}")
    args.interrupted = "preview stopped"
    p.add_argument("--x", help="the x")
    print(say("cli_wrote", path=path))
    fail(say("cli_wrote", path="no such file"))
    print(say("cli_nonexistent"))
    print(say(name))
    sys.stderr.write("interrupted")
    parser = argparse.ArgumentParser(prog="python -m generator")
'''
    assert sorted(hard_coded_messages(source)) == [
        "line 10: 'no such file' looks like a message",
        "line 11: unknown key 'cli_nonexistent'",
        "line 12: say() with a key that is not a literal",
        "line 13: 'interrupted' shown without the table",
        "line 4: 'no such folder: ' shown without the table",
        "line 5: 'wrote' shown without the table",
        "line 7: 'preview stopped' looks like a message",
        "line 8: 'the x' shown without the table",
    ]


def test_every_cli_key_is_used():
    """A key no module uses is a message nobody sees (or one whose use was misspelt)."""
    used = set()
    for path in GENERATOR.rglob("*.py"):
        used |= set(re.findall(r"[\"'](cli_[a-z_]+)[\"']", path.read_text(encoding="utf-8")))
    assert sorted(set(CLI_KEYS) - used) == []
    assert sorted(used - set(CLI_KEYS)) == []


# -- choosing the language -----------------------------------------------------------------

RUN_HERE_VI = "hãy chạy lệnh này trong thư mục dự án, hoặc dùng tùy chọn --root"


def test_english_is_the_default(tmp_path):
    assert_fails(
        run(tmp_path, "check"), 2,
        f"no plan_data/ folder in {tmp_path.resolve()}; run this command in the project folder, or pass --root",
    )


def test_an_error_in_vietnamese(tmp_path):
    """fail()'s one line, chosen by the option (before or after the command) or the environment."""
    expected = f"không có thư mục plan_data/ trong {tmp_path.resolve()}; {RUN_HERE_VI}"
    assert_fails(run(tmp_path, "--ui-lang", "vi", "check"), 2, expected)
    assert_fails(run(tmp_path, "check", "--ui-lang", "vi"), 2, expected)
    assert_fails(run(tmp_path, "check", lang="vi"), 2, expected)
    assert_fails(run(tmp_path, "--root", "nowhere", "export", lang="vi"), 2, "--root nowhere: không có thư mục này")


def test_the_option_wins_over_the_environment(tmp_path):
    assert_fails(run(tmp_path, "--ui-lang", "en", "--root", "x", "check", lang="vi"), 2, "--root x: no such folder")


def test_an_unknown_language_in_the_environment(tmp_path):
    assert_fails(run(tmp_path, "check", lang="fr"), 2, "CAT_PLAN_LANG=fr: not a language of the command line; use vi or en")


def test_nothing_was_built_in_vietnamese_with_one_and_two_errors(tmp_path):
    project = make_root(tmp_path, "data-minimal", "data-bad-unknown-agency")
    one = run(project, "--ui-lang", "vi", "check")
    assert one.returncode == 1
    assert one.stderr.splitlines() == [
        # the data's diagnostics follow the choice too (tests/test_diag_strings.py), in the same file:line:col form
        "plan_data/sections/c.yaml:22:21: không có cơ quan nào mã 'cong-an-tnh'; có phải là 'cong-an-tinh' không?",
        "Có 1 lỗi trong plan_data/; không có gì được tạo ra.",
    ]
    agencies = project / "plan_data" / "agencies.yaml"
    agencies.write_text(agencies.read_text(encoding="utf-8").replace("kind: police", "kind: polis"), encoding="utf-8")
    two = run(project, "check", lang="vi")
    assert two.returncode == 1
    assert two.stderr.splitlines()[-1] == "Có 2 lỗi trong plan_data/; không có gì được tạo ra."
    assert run(project, "check").stderr.splitlines()[-1] == "2 errors in plan_data/; nothing was built."


def test_a_plural_summary_with_one_and_two(tmp_path):
    project = make_root(tmp_path, "data-minimal")
    assert run(project, "schema").returncode == 0
    schemas = sorted((project / "plan_data" / "schema").glob("*.schema.json"))
    schemas[0].write_text("{}\n", encoding="utf-8")
    one = run(project, "schema")
    assert one.stdout.splitlines() == [f"wrote plan_data/schema/{schemas[0].name}", "1 schema file changed"]
    for schema in schemas[:2]:
        schema.write_text("{}\n", encoding="utf-8")
    *wrote, summary = run(project, "--ui-lang", "vi", "schema").stdout.splitlines()
    assert sorted(wrote) == [f"đã ghi plan_data/schema/{schema.name}" for schema in schemas[:2]]
    assert summary == "2 tệp schema có thay đổi"
    schemas[0].write_text("{}\n", encoding="utf-8")
    assert run(project, "schema", lang="vi").stdout.splitlines()[-1] == "1 tệp schema có thay đổi"
    assert run(project, "schema").stdout.splitlines() == ["0 schema files changed"]


def test_the_check_summary_in_vietnamese(tmp_path):
    project = make_root(tmp_path, "data-minimal")
    result = run(project, "check", lang="vi")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Kế hoạch thử",  # the plan's title: data
        "nhiệm vụ: 2 (C 2)",
        "cơ quan: 3",
        "chủ đề: 2",
        "văn bản được viện dẫn: 1",
        "nội dung chưa có bản dịch tiếng Anh: 1",
        "  nhiệm vụ C.V.1.task",  # where the text is: the owner in Vietnamese, the field as in the file
    ]


def test_the_translations_table_in_vietnamese_keeps_its_columns_aligned(tmp_path):
    project = make_root(tmp_path, "data-minimal")
    result = run(project, "--ui-lang", "vi", "translations")
    assert result.returncode == 0, result.stderr
    # Each number ends under the end of its heading: "nội dung" (8), "chưa dịch" (9), "chưa cập nhật" (13).
    assert result.stdout.splitlines() == [
        "tệp                   nội dung  chưa dịch  chưa cập nhật",
        "agencies.yaml                6          0              0",
        "legal_documents.yaml         1          0              0",
        "plan.yaml                    3          0              0",
        "sections/c.yaml             12          1              0",
        "topics.yaml                  4          0              0",
        "tổng                        26          1              0",
        "  chưa dịch: plan_data/sections/c.yaml: nhiệm vụ C.V.1.task",
    ]


def test_help_in_vietnamese(tmp_path):
    result = run(tmp_path, "--ui-lang", "vi", "export", "--help", COLUMNS="300")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("usage: python -m generator export")  # argparse's own words stay English
    assert (
        "Ghi các tệp dữ liệu mở: nhiệm vụ, cơ quan và chủ đề dạng CSV (UTF-8 có BOM, để mở bằng Excel), "
        "toàn bộ Kế hoạch dạng JSON, và các tệp lịch thời hạn iCalendar của Kế hoạch và của từng cơ quan."
    ) in lines
    assert re.sub(r"\s+", " ", next(line for line in lines if "--out" in line and "OUT " in line)) == (
        " --out OUT thư mục để ghi vào (mặc định: _build/export)"
    )
    assert any(line.split() == ["-h,", "--help", "hiện", "hướng", "dẫn", "này", "rồi", "thoát"] for line in lines)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_message_is_left_untranslated_in_a_run(tmp_path, lang):
    """The export's summary, whole, in each language (its two plurals: files and undated duties)."""
    project = make_root(tmp_path, "data-minimal")
    result = run(project, "--ui-lang", lang, "export", "--out", "out")
    assert result.returncode == 0, result.stderr
    *wrote, last = result.stdout.splitlines()
    assert all(line.startswith({"vi": "đã ghi out/", "en": "wrote out/"}[lang]) for line in wrote)
    n = len(wrote)
    assert n > 1
    assert last == {
        "vi": f"{n} tệp trong out/ ({n} tệp được ghi, 0 tệp không đổi); "
        "0 nhiệm vụ có thời hạn không gắn với ngày hay năm nên không có trong lịch",
        "en": f"{n} files in out/ ({n} written, 0 unchanged); "
        "0 duties have no date or year in their deadline and are not in the calendars",
    }[lang]


@pytest.mark.site
def test_the_build_reports_its_steps_in_vietnamese(tmp_path):
    """The choice reaches the lines the build itself logs (generator.site.build) and its summary."""
    from sitebuild import site_project

    project = site_project(tmp_path, "data-minimal")
    result = run(project, "build", "--no-pdf", "--lang", "vi", lang="vi")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "đang dựng trang web bản vi…" in lines and "đã dựng xong trang web bản vi" in lines
    assert not any("building" in line or "site is built" in line for line in lines)
    summary, built = lines[-2:]
    assert summary.startswith("tổng hợp: ") and summary.endswith(", 0 tệp PDF")
    assert "tệp dữ liệu mở" in summary and "trang tìm kiếm được (vi)" in summary
    # "đã dựng vi: N trang HTML trong S,S giây -> _build/html/": a decimal comma, as Vietnamese writes it
    assert re.fullmatch(r"đã dựng vi: \d+ trang HTML trong \d+,\d giây -> _build/html/", built), built
