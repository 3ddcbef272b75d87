"""The string table: every label in both languages, plural forms by the language's own rule."""

from __future__ import annotations

import datetime

import pytest
from babel import Locale

from generator.text.strings import _LABELS, LANGUAGES, LOCALES, label, long_date


def test_english_counts_agree_with_their_number():
    assert label("duty_count", "en", count=1) == "1 duty"
    assert label("duty_count", "en", count=2) == "2 duties"
    assert label("duty_count", "en", count=0) == "0 duties"
    assert label("duty_count", "vi", count=1) == "1 nhiệm vụ"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_plural_label_has_each_form_its_language_uses(lang):
    categories = {Locale.parse(LOCALES[lang]).plural_form(n) for n in range(0, 1001)}
    for key, texts in _LABELS.items():
        text = texts[LANGUAGES.index(lang)]
        if isinstance(text, dict):
            assert categories <= set(text), f"{key} ({lang}) lacks {categories - set(text)}"


def test_every_label_fills_in_both_languages_with_the_same_placeholders():
    import string

    for key, (vi, en) in _LABELS.items():
        forms = [*(vi.values() if isinstance(vi, dict) else [vi]), *(en.values() if isinstance(en, dict) else [en])]
        fields = [{f for _, f, _, _ in string.Formatter().parse(t) if f} - {"month_name"} for t in forms]
        assert all(f <= fields[0] | {"month"} and fields[0] <= f | {"month"} for f in fields), key


def test_dates_are_written_out_in_each_language():
    day = datetime.date(2025, 6, 12)
    assert long_date(day, "en") == "12 June 2025"
    assert long_date(day, "vi") == "12 tháng 6, 2025"
    assert label("every_year_before", "en", day=15, month=12) == "every year, before 15 December"


def test_every_interface_word_a_template_asks_for_is_in_the_table():
    import re
    from pathlib import Path

    import generator

    templates = Path(generator.__file__).parent / "templates"
    asked = {
        key
        for path in templates.rglob("*.html")
        for key in re.findall(r"""\bui\(\s*["']([a-z_]+)["']\s*\)""", path.read_text(encoding="utf-8"))
    }
    assert len(asked) > 10
    assert {key for key in asked if f"ui_{key}" not in _LABELS} == set()
    # no second table of words is kept in a template
    assert "_ui_strings" not in (templates / "sphinx" / "plan-ui.html").read_text(encoding="utf-8")


def test_every_tracking_vocabulary_word_is_in_the_table_in_both_languages():
    from generator.data.status import (
        ACTIVITY_NOT_ASSESSED,
        DEADLINE_STATES,
        NO_EVIDENCE,
    )
    from generator.data.tracking import ACTIVITY_KINDS, COMPLETION_SCALE, UNITS

    keys = [f"kind_of_activity_{k}" for k in ACTIVITY_KINDS] + [f"unit_{u}" for u in UNITS]
    keys += [f"completion_{c}" for c in (*COMPLETION_SCALE, ACTIVITY_NOT_ASSESSED, NO_EVIDENCE)]
    keys += [f"state_{s}" for s in DEADLINE_STATES]
    for key in keys:
        for lang in LANGUAGES:
            assert label(key, lang, count=2), key
