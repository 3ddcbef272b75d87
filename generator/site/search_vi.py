"""Vietnamese full-text search for the Sphinx HTML builder.

Sphinx ships no Vietnamese search language.  With ``language = "vi"`` it falls
back to English: Porter stemming and the English stop-word list, so the ``an``
of *công an* is never indexed, and a query typed without diacritics
(``tra tan``) finds nothing, because the index only holds ``tấn``.

This module fixes both ends of the search:

* **Index (Python).**  :class:`SearchVietnamese` has no stop words and no
  stemming.  Its :meth:`~SearchVietnamese.split` NFC-normalises the text and
  yields every word twice when it carries diacritics: the accented form and the
  folded form (see :func:`fold`).  ``split`` feeds both the body words
  (``terms``) and the title words (``titleterms``) of the index, so both get the
  folded forms.  ``"Tra tấn"`` -> ``["Tra", "tấn", "tan"]`` -> after Sphinx's
  lower-casing, the terms ``tra``, ``tấn`` and ``tan``.

* **Query (JavaScript, in ``language_data.js``).**
  ``js_splitter_code`` replaces searchtools.js's ``splitQuery`` with one that
  NFC-normalises the query *before* splitting it: the default splitter cuts at
  anything that is not a letter, number or ``_``, and the combining marks of a
  decomposed (NFD) query are none of those, so ``tấn`` typed as
  ``t a U+0302 U+0301 n`` would become ``ta`` and ``n``.  ``js_stemmer_code``
  defines the ``Stemmer`` whose ``stemWord`` folds each word exactly like
  :func:`fold`, so ``TRA TẤN``, ``tra tấn``, an NFD ``tra tấn`` and ``tra tan``
  all become the terms ``tra`` and ``tan``.  It also wraps ``Search.query`` so
  the raw query string (used by searchtools.js for matching whole titles and
  index entries) is NFC too.

:func:`~generator.folding.fold` lives in the core (it needs no Sphinx);
:func:`setup_search` registers the language with a Sphinx application.
"""

from __future__ import annotations

import unicodedata

from sphinx.application import Sphinx
from sphinx.search import SearchLanguage

from ..text.folding import fold, index_forms, split_words

__all__ = [
    "JS_SPLITTER_CODE",
    "JS_STEMMER_CODE",
    "SearchVietnamese",
    "fold",
    "index_forms",
    "setup_search",
    "split_words",
]

#: The language code the search language is registered for (``html_search_language``
#: or ``language``; Sphinx also falls back from ``vi_VN`` to ``vi``).
LANG = "vi"

# -- JavaScript ---------------------------------------------------------------
#
# Both snippets are pasted into _static/language_data.js, which every theme that
# uses Sphinx's searchtools.js loads *after* searchtools.js (basic, pydata,
# sphinx-book-theme: search.html / layout.html).  Top-level ``var`` of a later
# classic script overwrites the global ``splitQuery`` that searchtools.js
# declared with ``var``; ``Stemmer`` is looked up when a query runs.  Only ASCII
# is used in the code (``\u0111`` for "đ") so the file's encoding never matters,
# and the splitter avoids HTML-special characters because its template slot
# (``search_word_splitter_code``) is not marked ``|safe``.

#: ``js_stemmer_code``: the folding function, the ``Stemmer`` and the NFC
#: wrapper around ``Search.query``.
JS_STEMMER_CODE = r"""
/**
 * Vietnamese search (generator/search_vi.py): fold each query word the way
 * the index was built: NFC, lower case, \u0111 -> d, drop combining marks.
 * Keep in step with fold() in generator/folding.py.
 */
var viSearchFold = function (text) {
  return String(text)
    .normalize("NFC")
    .toLowerCase()
    .replace(/\u0111/g, "d")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .normalize("NFC");
};

var Stemmer = function () {
  this.stemWord = function (word) {
    return viSearchFold(word);
  };
};

/* searchtools.js also matches the raw query against whole titles and index
 * entries (which are NFC): hand it an NFC query. */
(function () {
  if (typeof Search === "undefined" || Search._viNfcQuery) return;
  var sphinxQuery = Search.query;
  Search.query = function (query) {
    return sphinxQuery(String(query).normalize("NFC"));
  };
  Search._viNfcQuery = true;
})();
"""

#: ``js_splitter_code``: ``splitQuery`` that NFC-normalises before splitting
#: (same character classes as Sphinx's default splitter).
JS_SPLITTER_CODE = r"""
/* Vietnamese search: NFC first, or the combining marks of a decomposed (NFD)
 * query would split its words apart. */
var splitQuery = function (query) {
  return String(query)
    .normalize()
    .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
    .filter(function (term) {
      return term.length;
    });
};
"""


# -- Sphinx -------------------------------------------------------------------


class SearchVietnamese(SearchLanguage):
    """Vietnamese: no stop words, no stemming, accented + folded forms indexed."""

    lang = LANG
    language_name = "Vietnamese"
    # Vietnamese syllables such as "an", "the", "to", "a" are real words.
    stopwords = frozenset()
    js_stemmer_rawcode = ""  # no snowball file: use js_stemmer_code as is
    js_stemmer_code = JS_STEMMER_CODE
    js_splitter_code = JS_SPLITTER_CODE

    def split(self, input: str) -> list[str]:  # noqa: A002 - Sphinx's signature
        return list(index_forms(input))

    def stem(self, word: str) -> str:
        # No stemming; IndexBuilder lower-cases the result.  NFC again in
        # case lower-casing decomposed something.
        return unicodedata.normalize("NFC", word.lower())

    def word_filter(self, word: str) -> bool:
        return bool(word) and not word.isdigit()


def setup_search(app: Sphinx) -> None:
    """Register the Vietnamese search language with *app*.

    Call it from the extension's ``setup(app)``.  It takes effect when the
    search language (``html_search_language``, else ``language``) is ``vi``
    (or ``vi_XX``); other languages are left alone.  All JavaScript travels in
    ``language_data.js`` via the language class, so no extra static file is
    needed.
    """
    app.add_search_language(SearchVietnamese)
