"""The CI workflows run the README's two commands and publish what `make site` builds."""

from __future__ import annotations

import re

import yaml
from conftest import PROJECT


def _readme_commands() -> list[str]:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Two commands", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line.split("#", 1)[0].strip() for line in block.strip().splitlines()]


def test_the_readme_still_has_two_commands():
    assert _readme_commands() == ["make site", "make test"]


def test_github_pages_workflow_runs_both_commands_and_uploads_the_build():
    workflow = yaml.safe_load((PROJECT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    build = workflow["jobs"]["build"]
    runs = [step["run"] for step in build["steps"] if "run" in step]
    assert [r for r in runs if r.startswith("make ")] == _readme_commands()
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "_build/html"
    assert re.fullmatch(r"python:3\.11-\w+", build["container"])
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy["steps"])
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_gitlab_pages_job_runs_both_commands_and_publishes_the_build():
    config = yaml.safe_load((PROJECT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    job = config["pages"]
    assert [line for line in job["script"] if line.startswith("make ")] == _readme_commands()
    assert "rm -rf public && cp -rL _build/html public" in job["script"]
    assert job["artifacts"]["paths"] == ["public"]
    assert re.fullmatch(r"python:3\.11-\w+", config["image"])
