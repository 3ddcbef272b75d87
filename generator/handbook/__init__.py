"""The printed handbooks, booklets and annual reports: what each PDF says, and printing it with Typst.

* :mod:`.documents`: which PDFs exist and what each is about (their paths: the
  address book, :mod:`generator.content.addresses`);
* :mod:`.data`: what a document says, as JSON blocks for the templates;
* :mod:`.report`: the annual reports, printed: the report page's view as those blocks;
* ``typst/``: the template library (``lib.typ``) and the entry point (``main.typ``);
* :mod:`.compile`: Typst through its Python package, with a cache by content;
* :mod:`.step`: the build step the site build and the CLI call;
* :mod:`.fonts`: the bundled Noto subsets (``fonts/``), and how to remake them.

Importing this package imports neither Typst nor Sphinx.
"""

from __future__ import annotations

import importlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
FONTS = HERE / "fonts"
TEMPLATES = HERE / "typst"

#: What the package offers, and the module each comes from: imported on first use,
#: so that a print worker (which needs only :mod:`.compile`) starts without the plan model.
_LAZY = {
    name: "documents"
    for name in (
        "DocumentSpec",
        "agency_duties",
        "edition_date",
        "specs",
    )
}

__all__ = ["FONTS", "TEMPLATES", *_LAZY]  # noqa: PLE0604 - the lazy names are strings


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
