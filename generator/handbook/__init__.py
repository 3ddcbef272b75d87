"""The printed handbooks and booklets: what each PDF says, and printing it with Typst.

* :mod:`.documents`: which PDFs exist, their paths, what each is about;
* :mod:`.data`: what a document says, as JSON blocks for the templates;
* ``typst/``: the template library (``lib.typ``) and the entry point (``main.typ``);
* :mod:`.compile`: Typst through its Python package, with a cache by content;
* :mod:`.step`: the build step the site build and the CLI call;
* :mod:`.fonts`: the bundled Noto subsets (``fonts/``), and how to remake them.

Importing this package imports neither Typst nor Sphinx.
"""

from __future__ import annotations

from pathlib import Path

from .documents import (
    PARALLEL,
    PDF_DIR,
    DocumentSpec,
    agency_duties,
    booklet_agencies,
    booklet_path,
    booklet_topics,
    edition_date,
    handbook_path,
    pdf_files,
    specs,
)

HERE = Path(__file__).resolve().parent
FONTS = HERE / "fonts"
TEMPLATES = HERE / "typst"

__all__ = [
    "FONTS",
    "PARALLEL",
    "PDF_DIR",
    "TEMPLATES",
    "DocumentSpec",
    "agency_duties",
    "booklet_agencies",
    "booklet_path",
    "booklet_topics",
    "edition_date",
    "handbook_path",
    "pdf_files",
    "specs",
]
