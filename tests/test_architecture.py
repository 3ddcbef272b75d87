"""The import contract of CONTRIBUTING.md: layers, a core free of Sphinx and PDF engines, no cycles.

The contracts live in pyproject.toml ([tool.importlinter]); import-linter checks them.
Each test runs ``lint-imports`` on a copy of the package, so a deliberately broken
copy shows that the contract does catch what it claims to.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT


def lint(project: Path) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(script), "--no-cache"],
        cwd=project,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )


def copy_project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(PROJECT / "generator", target / "generator", ignore=shutil.ignore_patterns("__pycache__", "fonts"))
    shutil.copy2(PROJECT / "pyproject.toml", target / "pyproject.toml")
    return target


def test_the_package_keeps_its_contracts(tmp_path):
    done = lint(copy_project(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"Contracts: \d+ kept, 0 broken", done.stdout)


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        # the data layer reaching up to the site
        ("data/model.py", "from ..site import build as _up", "Layers:"),
        # the core importing Sphinx
        ("content/view.py", "import sphinx as _sphinx", "The core (text, data, content, files) never imports"),
        # two modules of the content package importing each other
        ("content/addresses.py", "from . import pages as _cycle", "No two modules of a package import each other"),
    ],
)
def test_a_broken_rule_fails_the_contract(tmp_path, module, line, contract):
    project = copy_project(tmp_path)
    path = project / "generator" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    done = lint(project)
    assert done.returncode != 0
    broken = done.stdout.split("Broken contracts", 1)[1]
    assert contract in broken
