"""Every English text uses the glossary's English for the glossary terms its Vietnamese contains.

The glossary is ``docs/glossary.yaml`` (a copy of the team's glossary, plus
the terms the data adds). Each row is checked in every text of the data: where
the row's Vietnamese occurs in a text's Vietnamese, the row's English must occur
in the text's English. Rows that are not a single term (a pair written with "/",
a list, a name with an optional part in brackets) are split below into the terms
that are checked; grammatical variants are allowed only through the forms listed
there. A row that is neither checkable as written nor split below fails the test,
so a new glossary row cannot be forgotten.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
import yaml
from conftest import PROJECT

from generator.data.model import Text
from generator.data.texts import iter_texts
from generator.data.validate import check

GLOSSARY = PROJECT / "docs" / "glossary.yaml"

#: Glossary rows checked through other terms: row's Vietnamese -> [(Vietnamese term, accepted English forms)].
#: Forms are matched ignoring case (see CASE_SENSITIVE); a form may be a stem that
#: covers singular and plural ("detention facilit" for facility/facilities).
SPLIT: dict[str, list[tuple[str, list[str]]]] = {
    # An optional part in brackets: the name is used with or without it.
    "Ủy ban nhân dân tỉnh (An Giang)": [("Ủy ban nhân dân tỉnh", ["Provincial People's Committee"])],
    "Bộ Chỉ huy Bộ đội Biên phòng (tỉnh)": [("Bộ Chỉ huy Bộ đội Biên phòng", ["Provincial Border Guard Command"])],
    "Ban Dân tộc (tỉnh)": [("Ban Dân tộc", ["Provincial Ethnic Minorities Committee"])],
    "Cơ quan chủ trì (thực hiện)": [("cơ quan chủ trì", ["lead agency"])],
    # "a coordinating agency" where the text speaks of one.
    "Cơ quan phối hợp (thực hiện)": [("cơ quan phối hợp", ["coordinating agenc"])],
    # The brackets of the English explain the term; the term is the part before them.
    "bức cung": [("bức cung", ["coercing statements"])],
    "Công ước chống tra tấn và các hình thức đối xử hoặc trừng phạt tàn bạo, vô nhân đạo hoặc hạ nhục con người (Công ước CAT)": [
        (
            "Công ước chống tra tấn và các hình thức đối xử hoặc trừng phạt tàn bạo, vô nhân đạo hoặc hạ nhục con người",
            ["Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment"],
        ),
        ("Công ước CAT", ["Convention"]),
    ],
    # "the relevant ... (other)" and the form printed without "có".
    "các sở, ban, ngành có liên quan": [
        ("các sở, ban, ngành có liên quan", ["relevant departments, boards and sectors"]),
        ("các sở, ban, ngành liên quan", ["relevant departments, boards and sectors"]),
        ("các sở, ban, ngành khác có liên quan", ["other relevant departments, boards and sectors"]),
    ],
    "Đề nghị ... phối hợp": [("Đề nghị", ["requested to coordinate"])],
    # One agency or several: "its" or "their".
    "theo thẩm quyền": [("theo thẩm quyền", ["within its competence", "within their competence"])],
    # "Báo cáo tổng kết ... hàng năm" is the "annual summary report".
    "Hàng năm": [("hàng năm", ["annual"])],
    "Báo cáo sơ bộ / Báo cáo cuối": [("Báo cáo sơ bộ", ["preliminary report"]), ("Báo cáo cuối", ["final report"])],
    "tạm giữ / tạm giam": [("tạm giữ", ["temporary custody"]), ("tạm giam", ["temporary detention"])],
    "người bị tạm giữ, người bị tạm giam, phạm nhân": [
        ("người bị tạm giữ", ["persons in temporary custody"]),
        ("người bị tạm giam", ["persons in temporary detention"]),
        ("phạm nhân", ["prisoner"]),
    ],
    # "tố giác" (reporting a crime) and "tố cáo" (denouncing a violation) are different things.
    "tin báo, tố giác tội phạm": [("tin báo", ["crime report"]), ("tố giác", ["denunciations of crimes"])],
    "khiếu nại, tố cáo": [("khiếu nại", ["complain"]), ("tố cáo", ["denunciation", "denounce"])],
    "oan sai": [("oan sai", ["wrongful or erroneous"]), ("oan, sai", ["wrongful or erroneous"])],
    # People who follow a religion, listed among vulnerable groups; but in "phân loại theo giới
    # tính, dân tộc, tôn giáo" (disaggregation by sex, ethnicity, religion) the word is a category.
    "tôn giáo (người theo tôn giáo)": [
        ("thiểu số, tôn giáo", ["religious followers"]),
        ("dân tộc, tôn giáo", ["religion"]),
    ],
    "trường giáo dưỡng, cơ sở giáo dục bắt buộc": [
        ("trường giáo dưỡng", ["reformator"]),
        ("cơ sở giáo dục bắt buộc", ["compulsory education establishment"]),
    ],
    "cơ sở giam giữ": [("cơ sở giam giữ", ["detention facilit"])],
    "trợ giúp pháp lý / trợ giúp viên pháp lý": [
        ("trợ giúp pháp lý", ["legal aid"]),
        ("trợ giúp viên pháp lý", ["legal aid officer"]),
    ],
    "Tòa gia đình và người chưa thành niên": [
        ("Tòa gia đình và người chưa thành niên", ["Family and Juvenile Court"]),
        ("Tòa án gia đình và người chưa thành niên", ["Family and Juvenile Court"]),
    ],
    "Điều tra viên, Kiểm sát viên, Kiểm tra viên, Thẩm phán, Thẩm tra viên, Thư ký": [
        ("Điều tra viên", ["investigator"]),
        ("Kiểm sát viên", ["procurator"]),
        ("Kiểm tra viên", ["procuracy examiner"]),
        ("Thẩm phán", ["judge"]),
        ("Thẩm tra viên", ["court examiner"]),
        ("Thư ký", ["court clerk"]),
    ],
    "báo cáo viên pháp luật": [("báo cáo viên pháp luật", ["law disseminator"])],
    "sân khấu hóa": [("sân khấu hóa", ["staged performance"])],
    "pano, áp phích, tờ gấp": [("pano", ["billboard"]), ("áp phích", ["poster"]), ("tờ gấp", ["leaflet"])],
    "nhóm dễ bị tổn thương": [
        ("nhóm dễ bị tổn thương", ["vulnerable groups"]),
        ("nhóm đối tượng dễ bị tổn thương", ["vulnerable groups"]),
    ],
    "người dân tộc thiểu số": [("người dân tộc thiểu số", ["ethnic minorit"])],
    "biện pháp xử lý hành chính": [("biện pháp xử lý hành chính", ["administrative handling measure"])],
    # Project terms.
    "các khuyến nghị phù hợp (của Ủy ban chống tra tấn)": [("khuyến nghị phù hợp", ["appropriate recommendations"])],
    "công chức, viên chức": [("công chức", ["civil servant"]), ("viên chức", ["public employee"])],
    "Đề án": [("Đề án", ["scheme"])],
    # "Các sở, ban, ngành, cơ quan, địa phương": the list goes on, so no "and".
    "các sở, ban, ngành": [("các sở, ban, ngành", ["departments, boards and sectors", "departments, boards, sectors"])],
}

#: English forms that must keep their capitals: the name of an instrument.
CASE_SENSITIVE = {"Global Compact on Refugees"}

#: English that the data once used and the glossary rules out (matched with case).
FORBIDDEN = {
    r"denunciations, complaints and denunciations": "one word for both tố giác and tố cáo",
    r"wrongful convictions": "oan sai covers wrongful arrest, detention and prosecution too",
    r"global compact": "the instrument's name is the Global Compact on Refugees",
    r"religious (groups|communities)": "tôn giáo is 'religious followers'",
    r"relevant recommendations": "các khuyến nghị phù hợp are the appropriate recommendations",
    r"prevention of torture": "phòng, chống tra tấn is 'preventing and combating torture'",
}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def glossary_rows() -> list[tuple[str, str]]:
    data = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    return [(t["vi"], t["en"]) for group in data["groups"] for t in group["terms"]]


def _checkable(vi: str) -> bool:
    """A row is checkable as written when its Vietnamese is one plain term."""
    return not re.search(r"[()]| / |\.\.\.", vi)


def checks() -> list[tuple[str, list[str]]]:
    """(Vietnamese term, accepted English forms), longest term first."""
    out = []
    for vi, en in glossary_rows():
        if vi in SPLIT:
            out += SPLIT[vi]
        elif _checkable(vi):
            out.append((vi, [en]))
    return sorted(out, key=lambda pair: -len(pair[0]))


def problems_in(where: str, text: Text) -> list[str]:
    """What is wrong with ``text``'s English, given the glossary."""
    if not text.en.strip():
        return []
    found = []
    # A quotation of the source (“…”, in notes) is quoted, not translated.
    vi = _fold(re.sub(r"“[^”]*”", " ", text.vi))
    for term, forms in checks():
        key = _fold(term)
        if key not in vi:
            continue
        # A longer term that holds this one was checked first; its span is not checked again.
        vi = vi.replace(key, "\0" * len(key))
        if not any(
            (form in text.en) if form in CASE_SENSITIVE else (_fold(form) in _fold(text.en)) for form in forms
        ):
            found.append(f"{where}: '{term}' should read {' or '.join(repr(f) for f in forms)}: {text.en!r}")
    for pattern, why in FORBIDDEN.items():
        if re.search(pattern, text.en):
            found.append(f"{where}: '{pattern}' ({why}): {text.en!r}")
    return found


def test_every_glossary_row_is_checked():
    unchecked = [vi for vi, _ in glossary_rows() if vi not in SPLIT and not _checkable(vi)]
    assert unchecked == []
    assert set(SPLIT) <= {vi for vi, _ in glossary_rows()}, "SPLIT names a row the glossary does not have"


def test_the_check_can_fail():
    both = Text(
        vi="tiếp nhận tin báo, tố giác, đơn khiếu nại, tố cáo",
        en="receiving reports, denunciations, complaints and denunciations",
    )
    found = problems_in("example", both)
    assert any("'tin báo'" in p for p in found) and any("'tố giác'" in p for p in found)
    assert any("one word for both" in p for p in found)
    compact = Text(vi="thỏa thuận toàn cầu về người tị nạn", en="the global compact on refugees")
    assert len(problems_in("example", compact)) == 2  # wrong capitals, and a forbidden form
    good = Text(
        vi="tiếp nhận tin báo, tố giác, đơn khiếu nại, tố cáo",
        en="receiving crime reports, denunciations of crimes, complaints and denunciations of violations",
    )
    assert problems_in("example", good) == []


@pytest.fixture(scope="module")
def plan():
    plan, diagnostics = check(PROJECT / "plan_data", PROJECT)
    assert plan is not None, "\n".join(str(d) for d in diagnostics)
    return plan


def test_every_english_text_uses_the_glossary(plan):
    problems = []
    for where, text, _ in iter_texts(plan):
        if where.endswith(".short"):
            continue  # short names are abbreviations by design ("Ban Dân tộc" -> "Ethnic Minorities Committee")
        problems += problems_in(where, text)
    assert problems == []


def test_tố_giác_and_tố_cáo_are_told_apart(plan):
    """Where a text names both, the English of tố cáo says 'of violations', so the two stay distinct."""
    problems = []
    for where, text, _ in iter_texts(plan):
        vi = _fold(text.vi)
        if "tố giác" in vi and "tố cáo" in vi and "denunciations of violations" not in text.en:
            problems.append(f"{where}: {text.en!r}")
    assert problems == []
