"""Folding Vietnamese text for search and for page names (no Sphinx here)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# The same tokeniser as sphinx.search.SearchLanguage._word_re: runs of letters,
# numbers and "_"; the JS splitter in search_vi.py uses the equivalent classes.
_WORD_RE = re.compile(r"\w+")


def fold(text: str) -> str:
    """Fold *text* for accent- and case-insensitive search.

    NFC, lower-case, ``đ`` -> ``d``, then strip the diacritics: decompose (NFD),
    drop every combining mark (Unicode category ``M*``) and recompose (NFC, which
    only rebuilds what has no mark, e.g. Hangul syllables).  ``Đ`` is covered
    because lower-casing turns it into ``đ`` first.

    >>> fold("Tra TẤN")
    'tra tan'
    >>> fold("Đường Ưu Tiên Ở")
    'duong uu tien o'

    The JavaScript ``viSearchFold`` in :data:`JS_STEMMER_CODE` must do exactly
    the same steps, in the same order.
    """
    text = unicodedata.normalize("NFC", text).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))
    return unicodedata.normalize("NFC", stripped)


def split_words(text: str) -> list[str]:
    """Split NFC-normalised *text* into words (accented, case kept)."""
    return _WORD_RE.findall(unicodedata.normalize("NFC", text))


def index_forms(text: str) -> Iterator[str]:
    """Yield the words of *text* to index: each word, then its folded form if different.

    >>> list(index_forms("Tra tấn"))
    ['Tra', 'tấn', 'tan']
    """
    for word in split_words(text):
        yield word
        folded = fold(word)
        if folded and folded != word.lower():
            yield folded


def slugify(text: str) -> str:
    """A page-name slug: folded, lower-case ASCII words joined by hyphens ("Đà Nẵng" -> "da-nang")."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(text)))
