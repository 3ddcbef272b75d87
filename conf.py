"""Sphinx configuration: one build per language from the same sources.

    sphinx-build -b html -c . -D language=vi docs _build/html/vi
    sphinx-build -b html -c . -D language=en docs _build/html/en

The pages about the plan are generated from plan_data/ by generator.sphinx_ext.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # the generator package, even when not installed

import generator  # noqa: E402

PACKAGE = Path(generator.__file__).resolve().parent

project = "An Giang – Công ước chống tra tấn"
author = "An Giang"
copyright = "An Giang"
language = "vi"

extensions = [
    "myst_parser",
    "generator.sphinx_ext",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "locale", "README.md", "**/.generated.json"]
templates_path = [str(PACKAGE / "templates" / "sphinx")]
html_static_path = [str(PACKAGE / "static")]

# Hand-written prose is Vietnamese; English comes from gettext catalogues.
locale_dirs = ["locale/"]
gettext_compact = False
gettext_uuid = False

# Data is text, never markup: MyST's substitutions stay off.
myst_enable_extensions = []
myst_heading_anchors = 0

nitpicky = True

# Every word of the plan exactly as adopted: no "smart" quotes or dashes,
# "...." stays four full stops.
smartquotes = False

html_theme = "sphinx_book_theme"
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False
html_last_updated_fmt = None
html_permalinks = False

plan_data_dir = "plan_data"
