"""Vietnamese search: fold(), the Sphinx search language, the built index, the JS query code."""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.site.search_vi import (
    JS_SPLITTER_CODE,
    JS_STEMMER_CODE,
    fold,
    index_forms,
)

ROOTS = Path(__file__).resolve().parent / "roots"

NFC = lambda s: unicodedata.normalize("NFC", s)  # noqa: E731
NFD = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731

# Every Vietnamese letter that carries a diacritic, lower and upper case.
VI_LOWER = (
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
)
VI_LETTERS = VI_LOWER + VI_LOWER.upper()


def has_mark(text: str) -> bool:
    return any(unicodedata.category(ch).startswith("M") or unicodedata.combining(ch) for ch in text)


# -- fold() ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tra tấn", "tra tan"),
        ("TRA TẤN", "tra tan"),
        ("Tra Tấn", "tra tan"),
        ("đ", "d"),
        ("Đ", "d"),
        ("Đồng Tháp ĐƯỜNG", "dong thap duong"),
        ("ư ơ Ư Ơ", "u o u o"),
        ("người ở", "nguoi o"),
        ("Sự phục hồi", "su phuc hoi"),
        ("công an", "cong an"),
        ("giám sát độc lập", "giam sat doc lap"),
        ("plain ascii 123_x", "plain ascii 123_x"),
        ("", ""),
    ],
)
def test_fold_examples(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize("text", ["tra tấn", "TRA TẤN", "Đường ưu tiên", "ở người Ự Ờ", "độc lập"])
def test_fold_decomposed_input(text: str) -> None:
    decomposed = NFD(text)
    assert decomposed != NFC(text)  # really decomposed (combining marks present)
    assert fold(decomposed) == fold(text)
    assert not has_mark(fold(decomposed))


def test_fold_every_vietnamese_letter_to_ascii() -> None:
    for letter in VI_LETTERS:
        folded = fold(letter)
        assert len(folded) == 1 and folded.isascii() and folded.islower(), (letter, folded)
        assert fold(NFD(letter)) == folded


@settings(max_examples=500, deadline=None)
@given(st.text())
@example("Tra TẤN đ Đ ư ơ")
@example("İ")  # lower-cases to i + U+0307 COMBINING DOT ABOVE
@example("ᄀ\u1161")  # Hangul jamo that NFC composes into a syllable
def test_fold_properties(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded  # idempotent
    assert not has_mark(folded)  # no combining marks left
    assert "đ" not in folded and "Đ" not in folded
    assert fold(NFD(text)) == fold(NFC(text)) == folded


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(VI_LETTERS + "abcdeghiklmnopqrstuvxy ABCDEGHIKLMNOPQRSTUVXY")))
def test_fold_vietnamese_text_is_lowercase_ascii(text: str) -> None:
    folded = fold(text)
    assert folded.isascii()
    assert folded == folded.lower()
    assert fold(NFD(text)) == folded


def test_index_forms_keep_accented_and_folded() -> None:
    assert list(index_forms("Tra tấn")) == ["Tra", "tấn", "tan"]
    assert list(index_forms("công an")) == ["công", "cong", "an"]
    # NFD input is normalised before splitting, so words are not cut at marks.
    assert list(index_forms(NFD("giám sát"))) == ["giám", "giam", "sát", "sat"]


# -- the Sphinx search language -------------------------------------------------


def test_search_language_class() -> None:
    from sphinx.search import SearchLanguage
    from sphinx.search.en import SearchEnglish

    from generator.site.search_vi import SearchVietnamese

    assert issubclass(SearchVietnamese, SearchLanguage)
    assert SearchVietnamese.lang == "vi"
    lang = SearchVietnamese({})
    # Real Vietnamese words that English would drop as stop words.
    for word in ("an", "the", "to", "a", "và", "là"):
        assert lang.word_filter(lang.stem(word)), word
    assert not SearchEnglish({}).word_filter("an")  # the bug this module fixes
    assert lang.stem("Tấn") == "tấn"  # no stemming, only lower case
    assert lang.stem("running") == "running"
    assert lang.split("Tra tấn") == ["Tra", "tấn", "tan"]
    assert lang.js_stemmer_code == JS_STEMMER_CODE
    assert lang.js_splitter_code == JS_SPLITTER_CODE


def test_setup_search_registers_language() -> None:
    from sphinx.search import languages

    from generator.site.search_vi import SearchVietnamese, setup_search

    class FakeApp:
        def __init__(self) -> None:
            self.added: list[type] = []

        def add_search_language(self, cls: type) -> None:
            self.added.append(cls)
            languages[cls.lang] = cls

    app = FakeApp()
    setup_search(app)  # type: ignore[arg-type]
    assert app.added == [SearchVietnamese]
    assert languages["vi"] is SearchVietnamese


# -- building the test root ----------------------------------------------------


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sphinx.cmd.build import build_main

    base = tmp_path_factory.mktemp("search-vi")
    src = base / "src"
    shutil.copytree(ROOTS / "search-vi", src)
    out = base / "html"
    status = build_main(["-b", "html", "-q", "-E", "-d", str(base / "doctrees"), str(src), str(out)])
    assert status == 0
    return out


@pytest.fixture(scope="module")
def search_index(built_site: Path) -> dict:
    text = (built_site / "searchindex.js").read_text(encoding="utf-8")
    prefix, suffix = "Search.setIndex(", ")"
    assert text.startswith(prefix) and text.endswith(suffix)
    return json.loads(text[len(prefix) : -len(suffix)])


def _docs(index: dict, kind: str, term: str) -> set[str]:
    value = index[kind][term]
    ids = [value] if isinstance(value, int) else value
    return {index["docnames"][i] for i in ids}


def test_index_holds_accented_and_folded_terms(search_index: dict) -> None:
    terms = search_index["terms"]
    for term in ("tấn", "tan", "tra", "công", "cong", "an", "đường", "duong", "tạm", "tam"):
        assert term in terms, term
        assert _docs(search_index, "terms", term) == {"index"}, term
    # "an" of "công an" is kept (English would drop it as a stop word)
    assert "an" in terms


def test_index_normalises_decomposed_source(search_index: dict) -> None:
    terms = search_index["terms"]
    # phong-chong.md has a line written in NFD (keep it so: editors may re-save it as NFC)
    source = (ROOTS / "search-vi" / "phong-chong.md").read_text(encoding="utf-8")
    assert NFD("giám sát") in source
    for term in ("giám", "giam", "sát", "sat", "độc", "doc", "lập", "lap"):
        assert term in terms, term
        assert "phong-chong" in _docs(search_index, "terms", term), term
    for kind in ("terms", "titleterms"):
        for term in search_index[kind]:
            assert term == NFC(term), f"{kind}: non-NFC term {term!r}"
            assert not has_mark(fold(term))


def test_titleterms_hold_folded_forms(search_index: dict) -> None:
    titleterms = search_index["titleterms"]
    for term in ("phòng", "phong", "chống", "chong", "tra", "tấn", "tan"):
        assert _docs(search_index, "titleterms", term) == {"phong-chong"}, term
    for term in ("kế", "ke", "hoạch", "hoach"):
        assert "index" in _docs(search_index, "titleterms", term), term
    assert "tan" in titleterms


def test_language_data_js_carries_the_vietnamese_code(built_site: Path) -> None:
    js = (built_site / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "viSearchFold" in js
    assert "var splitQuery" in js
    assert "const stopwords = new Set([]);" in js


# -- the JavaScript side, run with node ------------------------------------------

NODE_RUNNER = r"""
// Load searchtools.js then language_data.js, in the order the themes use, as
// classic scripts sharing one global scope, and answer queries from stdin.
const fs = require("fs");
const vm = require("vm");
const [staticDir, indexFile] = process.argv.slice(2);
globalThis.window = globalThis;
globalThis._ready = () => {};
globalThis._ = (s) => s;
globalThis.SPHINX_HIGHLIGHT_ENABLED = false;
globalThis.DOCUMENTATION_OPTIONS = {};
const run = (file) => vm.runInThisContext(fs.readFileSync(file, "utf8"), { filename: file });
run(staticDir + "/searchtools.js");
const defaultSplitQuery = splitQuery;
run(staticDir + "/language_data.js");
run(indexFile);
const request = JSON.parse(fs.readFileSync(0, "utf8"));
const out = { queries: {}, fold: {}, defaultSplit: {} };
for (const q of request.queries) {
  const [query, searchTerms, excluded, highlight, objectTerms] = Search._parseQuery(q);
  const hits = Search.performTermsSearch(searchTerms, excluded).map((r) => r[0]);
  out.queries[q] = { split: splitQuery(q), terms: [...searchTerms], hits: hits.sort() };
  out.defaultSplit[q] = defaultSplitQuery(q);
}
const stemmer = new Stemmer();
for (const s of request.fold) out.fold[s] = stemmer.stemWord(s);
// Search.query must hand an NFC query to the rest of searchtools.js.
let seen = null;
Search._parseQuery = (q) => { seen = q; throw new Error("stop"); };
try { Search.query(request.queries[0]); } catch (e) {}
out.seenByParseQuery = seen;
process.stdout.write(JSON.stringify(out));
"""


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    return node


def run_node(built_site: Path, tmp_path: Path, queries: list[str], fold_inputs: list[str]) -> dict:
    runner = tmp_path / "runner.js"
    runner.write_text(NODE_RUNNER, encoding="utf-8")
    proc = subprocess.run(
        [_node(), str(runner), str(built_site / "_static"), str(built_site / "searchindex.js")],
        input=json.dumps({"queries": queries, "fold": fold_inputs}),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


NFD_QUERY = NFD("tra tấn")


def test_js_query_normalisation_finds_the_pages(built_site: Path, search_index: dict, tmp_path: Path) -> None:
    assert NFD_QUERY != "tra tấn"
    queries = ["TRA TẤN", NFD_QUERY, "tra tan", "tra tấn", "Tra Tấn", NFD("TRA TẤN"), "công an", "cong an", "an"]
    result = run_node(built_site, tmp_path, queries, [])
    indexed = set(search_index["terms"]) | set(search_index["titleterms"])
    for q in queries:
        got = result["queries"][q]
        assert sorted(got["terms"]) == sorted(set(fold(q).split())), q
        assert set(got["terms"]) <= indexed, q
    for q in ["TRA TẤN", NFD_QUERY, "tra tan", "tra tấn", "Tra Tấn", NFD("TRA TẤN")]:
        got = result["queries"][q]
        assert got["split"] == NFC(q).split(), q  # NFD not cut at combining marks
        assert sorted(got["terms"]) == ["tan", "tra"], q
        assert got["hits"] == ["index", "phong-chong"], q
    for q in ["công an", "cong an", "an"]:
        assert "index" in result["queries"][q]["hits"], q
    # Why the splitter is replaced: Sphinx's default one cuts an NFD word apart.
    assert result["defaultSplit"][NFD_QUERY] != ["tra", "tấn"]
    assert result["seenByParseQuery"] == NFC(queries[0])


def test_js_fold_matches_python_fold(built_site: Path, tmp_path: Path) -> None:
    samples = list(VI_LETTERS) + [NFD(ch) for ch in VI_LETTERS] + [
        "TRA TẤN",
        NFD_QUERY,
        "tra tan",
        "Đường Ưu Tiên",
        "İ",
        "ΣΑΣ",
        "ᄀ\u1161",
        "x\u0303y",
        "Straße",
    ]
    result = run_node(built_site, tmp_path, ["tra"], samples)
    for s in samples:
        assert result["fold"][s] == fold(s), (s, result["fold"][s], fold(s))
