"""fold(): Vietnamese text folded for search comparisons and page names (generator/folding.py)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.text.folding import fold

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
