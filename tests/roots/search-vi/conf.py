"""Tiny Sphinx project for tests/test_search_vi.py: Vietnamese search index."""

from generator.site.search_vi import setup_search

project = "Tìm kiếm tiếng Việt"
language = "vi"
extensions = ["myst_parser"]
source_suffix = {".md": "markdown"}
html_theme = "basic"
exclude_patterns = ["_build"]


def setup(app):
    setup_search(app)
