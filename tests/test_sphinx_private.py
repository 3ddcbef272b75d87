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
