"""Folding Vietnamese text for search and for page names (no Sphinx here)."""

from __future__ import annotations

import re
import unicodedata


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

    Page names and tests use it; the search page folds with Pagefind (see
    generator/site/search_index.py for "đ").
    """
    text = unicodedata.normalize("NFC", text).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))
    return unicodedata.normalize("NFC", stripped)


def slugify(text: str) -> str:
    """A page-name slug: folded, lower-case ASCII words joined by hyphens ("Đà Nẵng" -> "da-nang")."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(text)))
