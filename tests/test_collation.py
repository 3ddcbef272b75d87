"""Vietnamese alphabetical order (CLDR, through ICU), not code-point order."""

from generator.text.collation import collated


def test_vietnamese_letters_follow_their_base_letter():
    words = ["đa", "b", "âa", "az", "dz", "ăb", "ơ", "o", "ô", "ez", "ê"]
    assert collated(words, str, "vi") == ["az", "ăb", "âa", "b", "dz", "đa", "ez", "ê", "o", "ô", "ơ"]


def test_tone_placement_variants_sort_together():
    words = ["Viện", "Ủy ban", "Uỷ ban", "Trường"]
    result = collated(words, str, "vi")
    assert result.index("Viện") == 3 and result[0] == "Trường"
    assert sorted(words) != result
