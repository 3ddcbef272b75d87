"""The project's settings, in one place: where the data is, where builds go, which languages.

Every command, the Sphinx configuration and the build ask a :class:`Project`
instead of spelling ``plan_data`` or ``_build/html`` themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: The languages of the publication, Vietnamese first: one Sphinx build each.
LANGUAGES = ("vi", "en")

#: The data folder, relative to the project folder.
DATA_DIR = "plan_data"
#: Everything a build makes, relative to the project folder (git-ignored).
BUILD_DIR = "_build"


@dataclass(frozen=True)
class Project:
    """A project folder (holding ``conf.py``, ``docs/`` and the data) and its build folders."""

    root: Path
    data: str = DATA_DIR
    build: str = BUILD_DIR
    languages: tuple[str, ...] = LANGUAGES

    @property
    def data_dir(self) -> Path:
        return self.root / self.data

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def build_dir(self) -> Path:
        return self.root / self.build

    @property
    def published(self) -> Path:
        """The last good site: replaced only when a whole build succeeded."""
        return self.build_dir / "html"

    def doctrees(self, lang: str) -> Path:
        return self.build_dir / "doctrees" / lang

    @property
    def cache_dir(self) -> Path:
        """What builds keep between runs (the trimmed theme CSS, printed PDFs)."""
        return self.build_dir / "cache"

    @property
    def export_dir(self) -> Path:
        return self.build_dir / "export"

    def serve_dir(self, lang: str) -> Path:
        return self.build_dir / "serve" / lang
