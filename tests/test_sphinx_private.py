"""The private parts of Sphinx the site relies on (generator/site/sphinx_private.py) are still there."""

from __future__ import annotations

import pytest
from sphinx.application import Sphinx

from generator.site import sphinx_private


def test_the_doctree_cache_is_still_a_dict_filled_while_reading(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text("extensions = []\n", encoding="utf-8")
    (src / "index.rst").write_text("Title\n=====\n\n.. toctree::\n\n   other\n", encoding="utf-8")
    (src / "other.rst").write_text("Other\n=====\n\ntext\n", encoding="utf-8")
    seen = []

    app = Sphinx(str(src), str(src), str(tmp_path / "out"), str(tmp_path / "doctrees"), "html", status=None, warning=None)
    app.connect("doctree-read", lambda app, doctree: seen.append(dict(sphinx_private.doctree_cache(app.env))))
    app.build()
    assert app.statuscode == 0
    # Sphinx holds each doctree it has read, by docname, until it writes the page.
    # Documents are read in order; while the second is read, the first is held.
    assert [sorted(cache) for cache in seen] == [[], ["index"]]


def test_a_changed_sphinx_is_named_not_ignored():
    class Env:
        pass

    with pytest.raises(sphinx_private.SphinxChanged, match="_write_doc_doctree_cache"):
        sphinx_private.trim_doctree_cache(Env(), 10)


def test_a_second_build_by_the_same_application_counts_its_own_warnings(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text("extensions = []\n", encoding="utf-8")
    (src / "index.rst").write_text("Title\n=====\n\nSee :doc:`missing`.\n", encoding="utf-8")
    app = Sphinx(str(src), str(src), str(tmp_path / "out"), str(tmp_path / "doctrees"), "html", status=None, warning=None, warningiserror=True)
    app.build()
    assert app.statuscode == 1
    (src / "index.rst").write_text("Title\n=====\n\nNo link now.\n", encoding="utf-8")
    sphinx_private.start_counting_warnings_again(app)
    app.build()
    assert app.statuscode == 0


def test_the_environment_can_stay_in_memory_and_be_saved_later(tmp_path):
    """A build server's builds leave the saved environment as it was; saving it writes
    what a new process then loads."""
    import pickle

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text("extensions = []\n", encoding="utf-8")
    (src / "index.rst").write_text("Title\n=====\n\nFirst.\n", encoding="utf-8")
    doctrees = tmp_path / "doctrees"
    app = Sphinx(str(src), str(src), str(tmp_path / "out"), str(doctrees), "html", status=None, warning=None)
    app.build()
    saved = doctrees / "environment.pickle"
    before = saved.read_bytes()
    (src / "other.rst").write_text("Other\n=====\n\nSecond.\n", encoding="utf-8")
    with sphinx_private.environment_kept_in_memory():
        app.build()
    assert "other" in app.env.all_docs
    assert saved.read_bytes() == before  # not written while building
    sphinx_private.save_environment(app)
    with open(saved, "rb") as file:
        assert "other" in pickle.load(file).all_docs
    assert sorted(p.name for p in doctrees.iterdir() if "pickle" in p.name) == ["environment.pickle"]


def test_a_transform_can_leave_some_documents_alone(tmp_path):
    """``skip_transforms`` replaces a registered transform: it still runs on the other
    documents, and not on those it is told to skip, read or written."""
    src = tmp_path / "src"
    (src / "plan").mkdir(parents=True)
    (src / "conf.py").write_text(
        "from sphinx.transforms import SphinxTransform\n"
        "seen = []\n"
        "class Record(SphinxTransform):\n"
        "    default_priority = 500\n"
        "    def apply(self, **kwargs):\n"
        "        seen.append(self.env.docname)\n"
        "def setup(app):\n"
        "    app.add_transform(Record)\n"
        "    app.add_post_transform(Record)\n",
        encoding="utf-8",
    )
    (src / "index.rst").write_text("Title\n=====\n\n.. toctree::\n\n   plan/page\n", encoding="utf-8")
    (src / "plan" / "page.rst").write_text("Page\n====\n\ntext\n", encoding="utf-8")
    app = Sphinx(str(src), str(src), str(tmp_path / "out"), str(tmp_path / "doctrees"), "html", status=None, warning=None)
    record = app.config._raw_config["Record"]
    name = f"{record.__module__}.{record.__qualname__}"  # conf.py's classes belong to no module of their own
    replaced = sphinx_private.skip_transforms(app, (name, "no.such.Transform"), lambda docname: docname.startswith("plan/"))
    assert replaced == [name, name]  # the read transform and the post-transform
    seen = app.config._raw_config["seen"]
    app.build()
    assert app.statuscode == 0
    assert sorted(seen) == ["index", "index"]


def test_the_transforms_left_alone_on_generated_pages_still_exist():
    """A renamed transform would silently run again on every generated page: each name is
    still a class of its module."""
    import importlib

    from generator.site.extension import IDLE_ON_GENERATED_PAGES

    for name in IDLE_ON_GENERATED_PAGES:
        module, _, qualname = name.rpartition(".")
        assert isinstance(getattr(importlib.import_module(module), qualname), type), name


def test_a_registry_without_transform_lists_is_named():
    class App:
        registry = object()

    with pytest.raises(sphinx_private.SphinxChanged, match="registry"):
        sphinx_private.skip_transforms(App(), (), lambda docname: True)
