"""Search: the Pagefind index of each language, the search page's code, and queries in a browser.

The queries and what each must find are those of tests/search_eval.py (issue
14, part 3), run here against the real data built once per session.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import threading
import time
import unicodedata
from pathlib import Path

import pytest
from search_eval import QUERIES, Query, judge, run_query
from sitebuild import soup

from generator.site import search_index
from generator.site.search_index import (
    MISSING,
    SearchIndexError,
    index_language,
    mark_d_stroke,
    pagefind_binary,
    prepare_page,
)
from generator.text.folding import fold

STATIC = Path(__file__).resolve().parent.parent / "generator" / "static"
NFD = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
#: The search page plus everything a query fetches (issue 14: at x1 and at x50).
SEARCH_BUDGET = 300 * 1024


def strip_marks(text: str) -> str:
    """What Pagefind does to a word before indexing it: decompose, drop combining marks."""
    return "".join(c for c in NFD(text) if not unicodedata.combining(c))


# -- preparing pages for the indexer ------------------------------------------------


def test_d_stroke_is_spelled_so_that_pagefind_folds_it_to_d():
    assert mark_d_stroke("Đào tạo, đạo đức") == "D\u0335ào tạo, d\u0335ạo d\u0335ức"
    # Pagefind's folding turns the marked text into the same letters as fold() (case aside)
    for text in ("Đào tạo", "đạo đức", "Đồng Tháp", "ĐƯỜNG"):
        assert strip_marks(mark_d_stroke(text)).lower() == fold(text)
        assert strip_marks(text).lower() != fold(text)  # why: "đ" alone is not "d" + a mark


def test_prepared_page_is_the_article_without_what_is_excluded_with_the_duty_weighted():
    page = (
        '<html lang="vi"><head><title>T</title></head><body><nav>Danh mục</nav>'
        '<article class="bd-article" data-pagefind-body><h1>Đề án</h1>'
        '<ul class="breadcrumbs simple"><li>Mục C</li></ul>'
        '<p class="task">Đào tạo</p>'
        '<table class="plan-table table"><tr><td>C.IV</td></tr></table>'
        '<ul class="duty-nav simple"><li>C.V</li></ul></article><footer>x</footer></body></html>'
    )
    assert prepare_page(page, "vi") == (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"></head><body>'
        '<article class="bd-article" data-pagefind-body><h1>D\u0335ề án</h1>'
        '<p data-pagefind-weight="2" class="task">D\u0335ào tạo</p>'
        '</article></body></html>\n'
    )
    # a page without a marked article (the search page) is not indexed
    assert prepare_page('<html><body><article class="bd-article">Tìm kiếm</article></body></html>', "vi") is None


def test_index_is_made_again_only_when_a_page_changed(tmp_path):
    site = tmp_path / "vi"
    (site / "plan").mkdir(parents=True)
    article = '<html><body><article class="bd-article" data-pagefind-body><h1>{}</h1><p>{}</p></article></body></html>'
    (site / "index.html").write_text(article.format("Trang chủ", "Kế hoạch"), encoding="utf-8")
    (site / "plan" / "a.html").write_text(article.format("Nhiệm vụ A", "đào tạo"), encoding="utf-8")
    (site / "search.html").write_text("<html><body><article>Tìm kiếm</article></body></html>", encoding="utf-8")
    work = tmp_path / "work"
    assert index_language(site, "vi", work) == "2 pages indexed"
    assert index_language(site, "vi", work) == "unchanged"
    # pages written again the same (Sphinx does so with the search page and others)
    for page in ("index.html", "search.html"):
        os.utime(site / page, ns=(1, 1))
    assert index_language(site, "vi", work) == "unchanged"
    (site / "plan" / "b.html").write_text(article.format("Nhiệm vụ B", "Campuchia"), encoding="utf-8")
    (site / "plan" / "a.html").unlink()
    assert index_language(site, "vi", work) == "2 pages indexed"
    held = {f["url"]: f for f in fragments(tmp_path, "vi").values()}
    assert sorted(held) == ["/index.html", "/plan/b.html"]
    assert sorted(p.relative_to(work / "pages").as_posix() for p in (work / "pages").rglob("*.html")) == [
        "index.html", "plan/b.html"]  # fmt: skip
    # the index is made again when it is missing from the site (a site copied without it)
    shutil.rmtree(site / "pagefind")
    assert index_language(site, "vi", work) == "2 pages indexed"


def test_a_page_with_nothing_to_index_is_not_read_again_while_it_is_unchanged(tmp_path, monkeypatch):
    site = tmp_path / "en"
    site.mkdir()
    article = '<html><body><article class="bd-article" data-pagefind-body><h1>{}</h1></article></body></html>'
    (site / "index.html").write_text(article.format("Home"), encoding="utf-8")
    (site / "a.html").write_text(article.format("Duty A"), encoding="utf-8")
    (site / "list.html").write_text("<html><body><article>A list</article></body></html>", encoding="utf-8")
    work = tmp_path / "work"
    read: list[str] = []
    prepare = search_index.prepare_page
    monkeypatch.setattr(search_index, "prepare_page", lambda html, lang: read.append(html) or prepare(html, lang))
    assert index_language(site, "en", work) == "2 pages indexed"
    assert len(read) == 3
    read.clear()
    (site / "a.html").write_text(article.format("Duty A, edited"), encoding="utf-8")
    assert index_language(site, "en", work) == "2 pages indexed"
    assert read == [article.format("Duty A, edited")]  # not the list, unchanged and with nothing to index
    read.clear()
    # the same page given something to index is read, and indexed
    (site / "list.html").write_text(article.format("A list, now searchable"), encoding="utf-8")
    assert index_language(site, "en", work) == "3 pages indexed"
    assert read == [article.format("A list, now searchable")]
    assert sorted(fragments(tmp_path, "en")) == ["/a.html", "/index.html", "/list.html"]


def test_an_index_made_again_keeps_the_files_that_did_not_change(tmp_path):
    """Only what Pagefind changed is replaced (the work folder then copies only that), and
    the index is the one a first run makes of the same pages."""
    site = tmp_path / "vi"
    (site / "plan").mkdir(parents=True)
    article = '<html><body><article class="bd-article" data-pagefind-body><h1>{}</h1><p>{}</p></article></body></html>'
    for name, words in (("a", "đào tạo"), ("b", "Campuchia"), ("c", "ngôn ngữ dân tộc")):
        (site / "plan" / f"{name}.html").write_text(article.format(f"Nhiệm vụ {name}", words), encoding="utf-8")
    work = tmp_path / "work"
    index_language(site, "vi", work)
    index = site / "pagefind"
    before = {p: p.stat().st_mtime_ns for p in index.rglob("*") if p.is_file()}
    (site / "plan" / "c.html").write_text(article.format("Nhiệm vụ c", "tài liệu giảng dạy"), encoding="utf-8")
    assert index_language(site, "vi", work) == "3 pages indexed"
    after = {p: p.stat().st_mtime_ns for p in index.rglob("*") if p.is_file()}
    kept = {p for p in before if after.get(p) == before[p]}
    assert sum(1 for p in kept if p.parent.name == "fragment") == 2  # pages a and b
    assert set(after) - set(before) and set(before) - set(after)  # c's fragment, a new word chunk
    fresh = tmp_path / "fresh"
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns("pagefind"))
    index_language(fresh, "vi", tmp_path / "fresh-work")
    files = lambda root: {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}  # noqa: E731
    assert files(index) == files(fresh / "pagefind")


#: A built page whose article is its title alone.
ARTICLE = '<html><body><article class="bd-article" data-pagefind-body><h1>{}</h1></article></body></html>'


def write_articles(site: Path, **titles: str) -> None:
    """Write ``site/<name>.html`` for each name, its article the given title."""
    site.mkdir(parents=True, exist_ok=True)
    for name, title in titles.items():
        (site / f"{name}.html").write_text(ARTICLE.format(title), encoding="utf-8")


def test_a_new_index_comes_in_pagefinds_answer_not_written_by_it(tmp_path, monkeypatch):
    """A first run asks for the files (GetFiles) and writes them itself: there is no
    earlier index for Pagefind to write beside (see the tests of a kept index below)."""
    requests = sent_to_pagefind(monkeypatch)
    site = tmp_path / "vi"
    write_articles(site, a="Nhiệm vụ A")
    assert index_language(site, "vi", tmp_path / "work") == "1 pages indexed"
    assert [r["type"] for r in requests] == ["NewIndex", "AddDir", "GetFiles"]
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["vi"]["page_count"] == 1
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert not list((site / "pagefind").glob("pagefind-*ui*"))  # Pagefind's own interfaces are left out


def sent_to_pagefind(monkeypatch) -> list[dict]:
    """The requests every Pagefind service gets from now on, in order."""
    sent = []
    request = search_index.PagefindService.request

    def recorded(self, payload):
        sent.append(payload)
        return request(self, payload)

    monkeypatch.setattr(search_index.PagefindService, "request", recorded)
    return sent


def sent_to_kept_index(requests: list[dict], kept) -> list[tuple[str, str | None]]:
    """The requests of ``requests`` made to the index ``kept`` holds: (type, page)."""
    return [(r["type"], r.get("file_path")) for r in requests if r.get("index_id") == kept.index_id]


def index_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def fresh_index(site: Path, tmp_path: Path, name: str) -> dict[str, bytes]:
    """The index a first run, with no kept index, makes of the same pages."""
    fresh = tmp_path / name
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns("pagefind"))
    index_language(fresh, site.name, tmp_path / f"{name}-work")
    return index_files(fresh / "pagefind")


def test_a_kept_index_parses_again_only_the_changed_pages_and_writes_what_a_first_run_writes(tmp_path, monkeypatch):
    site = tmp_path / "vi"
    (site / "plan").mkdir(parents=True)
    article = '<html><body><article class="bd-article" data-pagefind-body><h1>{}</h1><p>{}</p></article></body></html>'
    for name, words in (("a", "đào tạo"), ("b", "Campuchia"), ("c", "ngôn ngữ dân tộc")):
        (site / "plan" / f"{name}.html").write_text(article.format(f"Nhiệm vụ {name}", words), encoding="utf-8")
    work, kept = tmp_path / "work", search_index.KeptIndex()
    requests = sent_to_pagefind(monkeypatch)
    try:
        assert index_language(site, "vi", work, kept) == "3 pages indexed"
        assert [r["type"] for r in requests] == ["NewIndex", "AddDir", "GetFiles"]
        # pages written again the same (a build in a new work folder): nothing to do, and the
        # kept index still counts as made from them
        os.utime(site / "plan" / "c.html", ns=(2, 2))
        assert index_language(site, "vi", work, kept) == "unchanged"
        os.utime(site / "plan" / "c.html", ns=(3, 3))
        assert index_language(site, "vi", work) == "unchanged"  # the same, by a run without it
        # a page's words changed (and another page written again the same): that page only
        (site / "plan" / "b.html").write_text(article.format("Nhiệm vụ b", "tài liệu giảng dạy"), encoding="utf-8")
        os.utime(site / "plan" / "a.html", ns=(1, 1))
        del requests[:]
        assert index_language(site, "vi", work, kept) == "3 pages indexed"
        # written by Pagefind into the work folder (WriteFiles), not asked for (GetFiles)
        assert sent_to_kept_index(requests, kept) == [("AddFile", "plan/b.html"), ("WriteFiles", None)]
        assert index_files(site / "pagefind") == fresh_index(site, tmp_path, "after-edit")
        # a page added: every page parsed again, in a new index
        (site / "plan" / "d.html").write_text(article.format("Nhiệm vụ d", "truyền thông"), encoding="utf-8")
        del requests[:]
        assert index_language(site, "vi", work, kept) == "4 pages indexed"
        assert [r["type"] for r in requests] == ["NewIndex", "AddDir", "GetFiles"]
        assert index_files(site / "pagefind") == fresh_index(site, tmp_path, "after-add")
        # the work folder changed by a run without the kept index (a build in a new process)
        (site / "plan" / "a.html").write_text(article.format("Nhiệm vụ a", "hội nghị"), encoding="utf-8")
        index_language(site, "vi", work)
        (site / "plan" / "c.html").write_text(article.format("Nhiệm vụ c", "tập huấn"), encoding="utf-8")
        del requests[:]
        index_language(site, "vi", work, kept)
        assert [r["type"] for r in requests] == ["NewIndex", "AddDir", "GetFiles"]
        assert index_files(site / "pagefind") == fresh_index(site, tmp_path, "after-other-run")
    finally:
        kept.close()


def test_pages_kept_from_the_work_folder_serve_the_next_edit(tmp_path, monkeypatch):
    """keep_pages (a build server, idle) parses the prepared pages of a run that did not
    keep them; the next run then parses only the page it changed."""
    site = tmp_path / "vi"
    write_articles(site, a="Tập huấn cán bộ", b="Tuyên truyền")
    work, kept = tmp_path / "work", search_index.KeptIndex()
    try:
        assert search_index.keep_pages("vi", work, kept) is False  # no run yet: nothing to keep
        index_language(site, "vi", work)
        assert search_index.keep_pages("en", work, kept) is False  # the pages of another language
        requests = sent_to_pagefind(monkeypatch)
        assert search_index.keep_pages("vi", work, kept) is True
        assert [r["type"] for r in requests] == ["NewIndex", "AddDir"]
        assert search_index.keep_pages("vi", work, kept) is True  # held already: nothing sent
        assert len(requests) == 2
        write_articles(site, a="Tập huấn thẩm phán")
        del requests[:]
        assert index_language(site, "vi", work, kept) == "2 pages indexed"
        assert sent_to_kept_index(requests, kept) == [("AddFile", "a.html"), ("WriteFiles", None)]
        assert index_files(site / "pagefind") == fresh_index(site, tmp_path, "after-edit")
    finally:
        kept.close()


def hashed_index_files(folder: Path) -> dict[str, bytes]:
    """The files of an index folder whose names hold a hash of their content."""
    return {path: data for path, data in index_files(folder).items() if ".pf_" in path}


def test_an_idle_kept_index_prepares_the_folder_the_next_edit_is_written_into(tmp_path, monkeypatch):
    """Idle, given the published index, keep_pages also asks for the service's fixed files
    and seeds the written folder with the published index's files: the next edit sends
    Pagefind nothing but the page it changed and WriteFiles."""
    site = tmp_path / "vi"
    write_articles(site, a="Tập huấn cán bộ", b="Tuyên truyền")
    work, kept = tmp_path / "work", search_index.KeptIndex()
    published = site / "pagefind"
    try:
        index_language(site, "vi", work)
        assert search_index.keep_pages("vi", work, kept, published) is True
        assert index_files(work / search_index.WRITTEN) == hashed_index_files(published)
        assert "pagefind.js" in kept.fixed
        write_articles(site, a="Tập huấn thẩm phán")
        requests = sent_to_pagefind(monkeypatch)
        assert index_language(site, "vi", work, kept) == "2 pages indexed"
        assert [(r["type"], r.get("file_path")) for r in requests] == [("AddFile", "a.html"), ("WriteFiles", None)]
        assert index_files(published) == fresh_index(site, tmp_path, "after-edit")
    finally:
        kept.close()


def test_a_seed_cut_short_leaves_no_folder_and_the_next_edit_seeds_it(tmp_path, monkeypatch):
    """A copy that fails half-way (a full disk) leaves no written folder, whose files would
    be taken as whole: the pages stay kept, and the next edit seeds the folder itself."""
    site = tmp_path / "vi"
    write_articles(site, a="Tập huấn cán bộ", b="Tuyên truyền", c="Campuchia")
    work, kept = tmp_path / "work", search_index.KeptIndex()
    published = site / "pagefind"
    copyfile, copied = shutil.copyfile, []

    def disk_full_at_the_second_file(source, target, *args, **kwargs):
        copied.append(target)
        if len(copied) == 2:
            Path(target).write_bytes(Path(source).read_bytes()[:10])
            raise OSError(28, "No space left on device")
        return copyfile(source, target, *args, **kwargs)

    try:
        index_language(site, "vi", work)
        with monkeypatch.context() as patched:
            patched.setattr(search_index.shutil, "copyfile", disk_full_at_the_second_file)
            assert search_index.keep_pages("vi", work, kept, published) is True
        assert len(copied) == 2
        assert sorted(p.name for p in work.iterdir()) == ["manifest.json", "pages"]
        write_articles(site, a="Tập huấn thẩm phán")
        assert index_language(site, "vi", work, kept) == "3 pages indexed"
        assert index_files(published) == fresh_index(site, tmp_path, "after-edit")
    finally:
        kept.close()


def test_pages_changed_by_another_run_while_they_are_kept_are_not_kept(tmp_path, monkeypatch):
    site = tmp_path / "en"
    write_articles(site, a="Training officials")
    work, kept = tmp_path / "work", search_index.KeptIndex()
    index_language(site, "en", work)
    parse = search_index.KeptIndex.parse

    def parse_while_another_run_writes(self, source, lang):
        parse(self, source, lang)
        write_articles(site, a="Training judges")
        index_language(site, "en", work)  # a build in a new process

    monkeypatch.setattr(search_index.KeptIndex, "parse", parse_while_another_run_writes)
    try:
        assert search_index.keep_pages("en", work, kept) is False
        assert kept.service is None and kept.made_from is None
    finally:
        kept.close()


def kept_index_after_an_edit(tmp_path, monkeypatch):
    """A site of three pages indexed by a kept index, then one page edited: (site, work, kept, requests)."""
    site = tmp_path / "vi"
    write_articles(site, a="Tập huấn cán bộ", b="Tuyên truyền", c="Campuchia")
    work, kept = tmp_path / "work", search_index.KeptIndex()
    index_language(site, "vi", work, kept)
    requests = sent_to_pagefind(monkeypatch)
    write_articles(site, a="Tập huấn thẩm phán")
    return site, work, kept, requests


def test_an_edit_is_indexed_by_pagefind_writing_only_the_new_files(tmp_path, monkeypatch):
    """The kept index is written by Pagefind into the work folder, which holds the last
    run's files: Pagefind compresses and writes only the files that are new, and the
    folder holds one index (what no longer belongs to it is removed)."""
    site, work, kept, requests = kept_index_after_an_edit(tmp_path, monkeypatch)
    try:
        assert index_language(site, "vi", work, kept) == "3 pages indexed"
        written = work / search_index.WRITTEN
        before = {p: p.stat().st_mtime_ns for p in written.rglob("*.pf_*")}
        assert sent_to_kept_index(requests, kept) == [("AddFile", "a.html"), ("WriteFiles", None)]
        assert index_files(site / "pagefind") == fresh_index(site, tmp_path, "first-edit")
        write_articles(site, b="Tuyên truyền pháp luật")
        del requests[:]
        assert index_language(site, "vi", work, kept) == "3 pages indexed"
        # the fixed files (Pagefind's script, its WebAssembly) were asked for once, at the first edit
        assert [(r["type"], r.get("file_path")) for r in requests] == [("AddFile", "b.html"), ("WriteFiles", None)]
        after = {p: p.stat().st_mtime_ns for p in written.rglob("*.pf_*")}
        untouched = {p for p in before if after.get(p) == before[p]}
        assert {p.name for p in untouched if p.parent.name == "fragment"} == {
            p.name for p in (site / "pagefind" / "fragment").iterdir()
        } - {p.name for p in after if p not in before and p.parent.name == "fragment"}
        assert len([p for p in untouched if p.parent.name == "fragment"]) == 2  # pages a and c
        held = {p.relative_to(written).as_posix() for p in written.rglob("*.pf_*")}
        published = {p.relative_to(site / "pagefind").as_posix() for p in (site / "pagefind").rglob("*.pf_*")}
        assert held == published  # b's old fragment, the old metadata and chunks: gone
        assert index_files(site / "pagefind") == fresh_index(site, tmp_path, "second-edit")
    finally:
        kept.close()


def test_a_written_file_is_read_only_once_it_is_whole(tmp_path, monkeypatch):
    """Pagefind's service answers WriteFiles before its last writes reach the files (an
    empty pagefind-entry.json was read once): each file it wrote is read again until it
    decompresses whole."""
    site, work, kept, requests = kept_index_after_an_edit(tmp_path, monkeypatch)
    request = search_index.PagefindService.request
    cut: list[Path] = []

    def answered_before_written(self, payload):
        answer = request(self, payload)
        if payload["type"] == "WriteFiles":
            folder = Path(payload["output_path"])
            newest = max(folder.rglob("*.pf_fragment"), key=lambda p: p.stat().st_mtime_ns)
            whole = newest.read_bytes()
            newest.write_bytes(whole[: len(whole) // 2])  # as if its last write had not happened yet
            cut.append(newest)
            threading.Timer(0.2, newest.write_bytes, (whole,)).start()
        return answer

    monkeypatch.setattr(search_index.PagefindService, "request", answered_before_written)
    try:
        started = time.monotonic()
        assert index_language(site, "vi", work, kept) == "3 pages indexed"
        assert cut and time.monotonic() - started >= 0.2
        assert index_files(site / "pagefind") == fresh_index(site, tmp_path, "fresh")
    finally:
        kept.close()


def test_a_written_index_that_never_becomes_whole_is_asked_for(tmp_path, monkeypatch):
    site, work, kept, requests = kept_index_after_an_edit(tmp_path, monkeypatch)
    request = search_index.PagefindService.request

    def entry_never_written(self, payload):
        answer = request(self, payload)
        if payload["type"] == "WriteFiles":
            (Path(payload["output_path"]) / "pagefind-entry.json").write_text("", encoding="utf-8")
        return answer

    monkeypatch.setattr(search_index.PagefindService, "request", entry_never_written)
    monkeypatch.setattr(search_index, "WRITE_WAIT", 0.1)
    try:
        assert index_language(site, "vi", work, kept) == "3 pages indexed"
        assert [r["type"] for r in requests if r.get("index_id") == kept.index_id][-2:] == ["WriteFiles", "GetFiles"]
        assert not (work / search_index.WRITTEN).exists()  # made again from the published index next time
        assert index_files(site / "pagefind") == fresh_index(site, tmp_path, "fresh")
    finally:
        kept.close()


def test_a_kept_index_whose_service_died_starts_again_from_the_pages(tmp_path):
    site = tmp_path / "en"
    write_articles(site, a="Training officials", b="Dissemination")
    work, kept = tmp_path / "work", search_index.KeptIndex()
    try:
        index_language(site, "en", work, kept)
        kept.service.process.kill()
        kept.service.process.wait()
        write_articles(site, a="Training judges")
        assert index_language(site, "en", work, kept) == "2 pages indexed"
        assert index_files(site / "pagefind") == fresh_index(site, tmp_path, "fresh")
    finally:
        kept.close()


# -- the binary ----------------------------------------------------------------------


def test_pagefind_binary_comes_with_the_python_package():
    binary = pagefind_binary()
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True, check=True).stdout
    major, minor, _ = version.split()[-1].split(".")
    assert (int(major), int(minor)) >= (1, 5), version  # diacritic folding came with 1.5


def test_missing_binary_gives_a_clear_message(monkeypatch, tmp_path):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-pagefind"))
    with pytest.raises(SearchIndexError) as raised:
        pagefind_binary()
    assert str(raised.value) == MISSING
    assert MISSING.startswith("search: the Pagefind indexer is not installed.")


def test_build_without_pagefind_fails_before_building_and_publishes_nothing(monkeypatch, tmp_path):
    from sitebuild import site_project

    from generator.data.validate import load_plan
    from generator.site.build import build_site

    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-pagefind"))
    project = site_project(tmp_path / "p", "data-minimal")
    published = project / "_build" / "html"
    published.mkdir(parents=True)
    (published / "last-good.txt").write_text("the last good site", encoding="utf-8")
    result = build_site(project, load_plan(project / "plan_data"), log=lambda *_: None)
    assert not result.ok
    assert result.messages == [MISSING]
    assert [p.name for p in published.iterdir()] == ["last-good.txt"]


# -- the search page's code, run by node ------------------------------------------------

NODE_RUNNER = r"""
import(process.argv[2]).then((m) => {
  const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const out = {};
  for (const s of input) out[s] = {prepare: m.prepareQuery(s), restore: m.restore(s), fold: m.fold(s)};
  process.stdout.write(JSON.stringify(out));
});
"""


def test_query_preparation_and_display_in_javascript(tmp_path):
    node = shutil.which("node")
    assert node, "node is required (make test installs it with npm's tools)"
    module = tmp_path / "plan-search.mjs"
    shutil.copy(STATIC / "plan-search.js", module)
    runner = tmp_path / "runner.cjs"
    runner.write_text(NODE_RUNNER, encoding="utf-8")
    samples = ["đào tạo", "ĐÀO TẠO", NFD("tra tấn"), "d\u0335ào D\u0335ồng", " công an ", "Straße", "dao tao"]
    done = subprocess.run(
        [node, str(runner), module.as_uri()], input=json.dumps(samples), capture_output=True, text=True, check=True
    )
    out = json.loads(done.stdout)
    assert out["đào tạo"]["prepare"] == "dào tạo"
    assert out["ĐÀO TẠO"]["prepare"] == "DÀO TẠO"
    assert out[NFD("tra tấn")]["prepare"] == "tra tấn"  # NFC: the marks stay on their letters
    assert out[" công an "]["prepare"] == "công an"
    assert out["d\u0335ào D\u0335ồng"]["restore"] == "đào Đồng"
    for sample in samples:
        assert out[sample]["fold"] == fold(sample.replace("\u0335", "")), sample
    assert out["d\u0335ào D\u0335ồng"]["fold"] == "dao dong"


# -- the index of the real site ---------------------------------------------------------


def fragments(html: Path, lang: str) -> dict[str, dict]:
    """Every page Pagefind holds for ``lang``: url -> fragment."""
    found = {}
    for path in (html / lang / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes()).decode("utf-8")
        fragment = json.loads(data[data.index("{") :])
        found[fragment["url"]] = fragment
    return found


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_each_language_has_its_own_index_of_its_articles(real_site, lang):
    html, plan = real_site
    entry = json.loads((html / lang / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == [lang]
    articles = [p for p in (html / lang).rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert entry["languages"][lang]["page_count"] == len(articles) > len(plan.duties)
    held = fragments(html, lang)
    assert "/search.html" not in held and "/plan/duties/c-iv.html" in held
    # small index chunks (CHUNK_SIZE): Pagefind's default made one chunk of the whole x1 index
    assert len(list((html / lang / "pagefind" / "index").iterdir())) >= 5
    # Pagefind's own ready-made interfaces are not shipped: the page uses its API.
    assert not list((html / lang / "pagefind").glob("pagefind-*ui*"))


def test_index_holds_the_article_only(real_site):
    html, _ = real_site
    held = fragments(html, "vi")
    duty = held["/plan/duties/c-iv.html"]
    # A duty's title is its number and the start of its task ("đ" as indexed: d + U+0335).
    assert duty["meta"]["title"].startswith("Nhiệm vụ C.IV: Tiếp tục nghiên cứu d\u0335ề xuất")
    assert duty["content"].startswith("Nhiệm vụ C.IV: ")
    assert "Bộ tài liệu giảng dạy" in duty["content"]
    for chrome in ("Chuyển đến nội dung chính", "Lên đầu trang", "Danh mục các trang", "Tìm kiếm"):
        assert chrome not in duty["content"], chrome
    # labels every duty page repeats, and the parents' texts (found on the section page)
    for label in ("Nhiệm vụ và giải pháp cụ thể", "Cơ quan chủ trì", "Thời hạn hoàn thành", "Thuộc", "Nhiệm vụ sau"):
        assert label not in duty["content"], label
    assert "Tiếp tục tăng cường tuyên truyền" not in duty["content"]
    assert "Tiếp tục tăng cường tuyên truyền" in held["/plan/sections/c.html"]["content"]
    # "đ" is held as d + U+0335 (the search page shows it as "đ")
    assert "d\u0335ề xuất" in duty["content"] and "đ" not in duty["content"]
    # An agency's page holds its own words, not the texts of the duties it lists.
    agency = held["/plan/agencies/cong-an-tinh.html"]["content"]
    assert agency.startswith("Công an tỉnh.")
    assert "tài liệu giảng dạy" not in agency
    page = soup(html / "vi" / "plan" / "agencies" / "cong-an-tinh.html")
    assert "tài liệu giảng dạy" in page.find("article").get_text()  # the page itself still lists it


# -- queries in a browser -----------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("query", QUERIES, ids=[f"{q.lang}-{q.name}" for q in QUERIES])
def test_query_finds_what_it_should_with_excerpts_and_marks(browser, server, real_site, query: Query):
    html, _ = real_site
    outcome = run_query(browser, server, "pagefind", query)
    judge(html, outcome)
    assert outcome.ok, f"{outcome.pages[:5]}: {outcome.problems}"
    top = min(5, len(outcome.pages))
    assert all(e.strip() for e in outcome.excerpts[:top]), outcome.excerpts[:top]
    assert all(outcome.marked[:top]), list(zip(outcome.pages, outcome.marked))
    assert all(t.strip() for t in outcome.titles[:top])
    assert not any("\u0335" in t for t in outcome.titles + outcome.excerpts)
    assert outcome.zipped <= SEARCH_BUDGET, f"{outcome.zipped / 1024:.0f} KiB"


@pytest.mark.browser
def test_diacritic_variants_give_the_same_results(browser, server):
    runs = {
        q: run_query(browser, server, "pagefind", Query("vi", q)).pages
        for q in ("tra tấn", "TRA TẤN", NFD("tra tấn"), "Tra Tấn")
    }
    first = next(iter(runs.values()))
    assert first and all(pages == first for pages in runs.values()), runs
    assert set(run_query(browser, server, "pagefind", Query("vi", "đào tạo")).pages) == set(
        run_query(browser, server, "pagefind", Query("vi", "dao tao")).pages
    )


@pytest.mark.browser
def test_search_page_by_keyboard_announces_the_count(browser, server):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/en/search.html")
    page.wait_for_load_state("networkidle")
    page.locator("#plan-search-q").focus()
    page.keyboard.type("Cambodia")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('plan-search').dataset.state === 'done'")
    assert page.locator("#plan-search-status").inner_text() == "2 results for “Cambodia”"
    assert page.url.endswith("/en/search.html?q=Cambodia")
    page.keyboard.press("Tab")  # the submit button
    page.keyboard.press("Tab")  # the first result
    assert page.evaluate("document.activeElement.closest('#search-results') !== null")
    assert page.evaluate("document.activeElement.textContent").startswith("Duty D.II: ")
    page.locator("#plan-search-q").fill("zzzzqqq")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('plan-search-status').textContent.startsWith('No results')")
    assert page.locator("#search-results li").count() == 0
    assert not errors, errors
    page.close()


@pytest.mark.browser
def test_show_more_moves_focus_to_the_first_new_result(browser, server):
    page = browser.new_page()
    page.goto(f"{server}/vi/search.html?q=tra+tan")
    page.wait_for_function("() => document.getElementById('plan-search').dataset.state === 'done'")
    assert page.locator("#search-results li").count() == 10
    page.locator("#plan-search-more").click()
    page.wait_for_function("() => document.querySelectorAll('#search-results li').length > 10")
    assert page.evaluate("[...document.querySelectorAll('#search-results li a')].indexOf(document.activeElement)") == 10
    page.close()
