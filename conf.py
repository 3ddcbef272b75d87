"""Sphinx configuration: one build per language from the same sources.

    sphinx-build -b html -c . -D language=vi docs _build/html/vi
    sphinx-build -b html -c . -D language=en docs _build/html/en

The pages about the plan are generated from plan_data/ by generator.site.extension.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # the generator package, even when not installed

import generator  # noqa: E402
from generator.project import DATA_DIR  # noqa: E402

PACKAGE = Path(generator.__file__).resolve().parent

project = "An Giang – Công ước chống tra tấn"
author = "An Giang"
copyright = "An Giang"
language = "vi"

extensions = [
    "myst_parser",
    "generator.site.extension",
    # one pruned stylesheet and one small script instead of the themes' (generator/site/theme_bundle.py)
    "generator.site.theme_bundle",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "locale", "README.md", "**/.generated.json"]
templates_path = [str(PACKAGE / "templates" / "sphinx")]
html_static_path = [str(PACKAGE / "static")]

# Hand-written prose is Vietnamese; English comes from gettext catalogues.
locale_dirs = [str(ROOT / "docs" / "locale")]  # absolute: Sphinx finds its JS catalogue from the working folder
gettext_compact = False
gettext_uuid = False

# Data is text, never markup: MyST's substitutions stay off.
myst_enable_extensions = []
myst_heading_anchors = 0

nitpicky = True
# Data problems are logged with type "plan" and their kind as subtype. Advice that
# does not stop a build (an agency, topic or document no duty uses) is listed by
# `python -m generator check`; it would fail this -W build, so it is silenced here.
suppress_warnings = ["plan.unused"]

# Every word of the plan exactly as adopted: no "smart" quotes or dashes,
# "...." stays four full stops.
smartquotes = False

html_theme = "sphinx_book_theme"
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False
html_last_updated_fmt = None
html_permalinks = False
# Search lists matching pages without fetching each of them for a snippet: on a
# slow connection a broad query would otherwise download dozens of pages.
html_show_search_summary = False
# No general index: the plan's pages are its index (and it would cost every build).
html_use_index = False
html_domain_indices = False

plan_data_dir = DATA_DIR

# -- Theme ---------------------------------------------------------------------
# Templates in generator/templates/sphinx/, CSS in generator/static/, tests in
# tests/test_theme.py. Citizens read this on phones over slow links, so a page
# loads only what it uses: no Font Awesome (icons are inline SVG), no search
# index outside the search page (see layout.html), nothing from another host.

html_theme_options = {
    # Buttons that make no sense for a published plan.
    "use_download_button": False,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "use_edit_page_button": False,
    "use_issues_button": False,
    "use_source_button": False,
    "launch_buttons": {},
    # No top navbar: the book theme's article header carries everything.
    "navbar_start": [],
    "navbar_center": [],
    "navbar_end": [],
    "navbar_persistent": [],
    "article_header_start": ["toggle-primary-sidebar.html"],
    "article_header_end": ["plan-lang-switch.html", "article-header-buttons.html"],
    "secondary_sidebar_items": ["page-toc.html"],
    "primary_sidebar_end": [],
    "footer_content_items": [],
    "footer_start": [],
    "footer_end": [],
    # layout.html draws its own, translated, back-to-top button.
    "back_to_top_button": False,
    "search_as_you_type": False,
    "show_prev_next": True,
    # The navigation shows the top level and the current branch only, two levels
    # deep: a page's weight must not grow with the number of duties and agencies.
    "max_navbar_depth": 2,
    "collapse_navbar": True,
}
html_sidebars = {"**": ["navbar-logo.html", "search-button-field.html", "sbt-sidebar-nav.html"]}
# Loaded after the theme's CSS (styles/plan-base.css, made by generator/site/theme_bundle.py).
html_css_files = ["plan-theme.css"]
html_js_files = []
