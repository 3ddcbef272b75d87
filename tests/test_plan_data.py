"""The real plan data: complete, faithful to the adopted text, every reference used.

The source is the table as extracted from the adopted PDF
(plan_data/source/plan-table.txt). Vietnamese texts must be found in it once
whitespace is normalised; a cell split by a page break may come in pieces.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

import pytest
from conftest import PROJECT, SEED

from generator.data.index import PlanIndex
from generator.data.texts import iter_texts
from generator.data.validate import check

#: Duties per section, counted by hand from the source table.
EXPECTED_DUTIES = {"A": 7, "B": 20, "C": 14, "D": 3, "Đ": 3}

#: A piece of a text must be at least this many words long to count as found
#: (so that a text cannot be stitched together from common words).
MIN_PIECE_WORDS = 3
#: At most this many pieces: a cell split by one page break, plus a printed dash dropped.
MAX_PIECES = 3


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


@lru_cache(maxsize=1)
def seed_texts() -> tuple[str, ...]:
    """The seed with whitespace collapsed, and again with words the PDF hyphen-broke rejoined."""
    collapsed = _normalise(SEED.read_text(encoding="utf-8"))
    rejoined = re.sub(r"(?<=\S)- (?=\S)", "-", collapsed)
    return collapsed, rejoined


def _found(words: list[str]) -> bool:
    phrase = " ".join(words)
    return any(phrase in seed for seed in seed_texts())


def pieces(text: str) -> list[str] | None:
    """``text`` cut into the longest runs found in the seed; None if a word is not found."""
    words = _normalise(text).split(" ")
    out, i = [], 0
    while i < len(words):
        if not _found(words[i : i + 1]):
            return None
        j = i + 1
        while j < len(words) and _found(words[i : j + 1]):
            j += 1
        out.append(" ".join(words[i:j]))
        i = j
    return out


@pytest.fixture(scope="module")
def plan_and_diagnostics():
    return check(PROJECT / "plan_data", PROJECT)


@pytest.fixture(scope="module")
def plan(plan_and_diagnostics):
    plan, diagnostics = plan_and_diagnostics
    assert plan is not None, "\n".join(str(d) for d in diagnostics)
    return plan


def test_real_data_has_no_errors_and_no_warnings(plan_and_diagnostics):
    _, diagnostics = plan_and_diagnostics
    assert [str(d) for d in diagnostics] == []


def test_duty_count_per_section_matches_the_source(plan):
    assert dict(Counter(d.section for d in plan.duties)) == EXPECTED_DUTIES


def test_every_vietnamese_text_is_the_adopted_wording(plan):
    problems = []
    for where, text, is_plan_text in iter_texts(plan):
        if not is_plan_text:
            continue
        cut = pieces(text.vi)
        if cut is None:
            problems.append(f"{where}: has words that are not in the source: {text.vi!r}")
        elif len(cut) > MAX_PIECES or (len(cut) > 1 and min(len(p.split()) for p in cut) < MIN_PIECE_WORDS):
            problems.append(f"{where}: not one passage of the source but {len(cut)} pieces: {cut}")
    assert problems == []


def test_fidelity_check_catches_a_paraphrase():
    """The check above must be able to fail: a reworded or invented sentence is caught."""
    adopted = "Đẩy mạnh tuyên truyền, phổ biến nội dung của Kế hoạch này"
    assert pieces(adopted) == [adopted]
    reworded = pieces("Đẩy mạnh tuyên truyền, phổ biến rộng rãi nội dung của Kế hoạch này")
    assert reworded is not None and len(reworded) > 1 and min(len(p.split()) for p in reworded) < MIN_PIECE_WORDS
    assert pieces("Tăng cường tuyên truyền về trí tuệ nhân tạo") is None


def test_duties_follow_the_order_of_the_source(plan):
    """Each duty's task starts where the source has it, in the table's order: none invented or moved."""
    collapsed, _ = seed_texts()
    position = -1
    for duty in plan.duties:
        opening = " ".join(_normalise(duty.task.vi).split(" ")[:6])
        found = collapsed.find(opening, position + 1)
        assert found > position, f"duty {duty.number} ('{opening}…') is not found after the previous duty"
        position = found


def test_every_reference_resolves_and_every_registry_entry_is_used(plan):
    index = PlanIndex(plan)
    used_agencies = {
        agency for agency, roles in index.by_agency.items() if any(roles[r] for r in roles)
    } | set(index.deadlines_by_agency) | set(index.documents_by_issuer)
    assert used_agencies == set(plan.agencies)
    assert {t for t, duties in index.by_topic.items() if duties} == set(plan.topics)
    assert {d for d, duties in index.by_legal_document.items() if duties} == set(plan.legal_documents)
    for duty in plan.duties:
        assert set(duty.topics) <= set(plan.topics)
        assert set(duty.lead_agencies()) <= set(plan.agencies)


def test_every_text_has_english(plan):
    missing = [where for where, text, _ in iter_texts(plan) if not text.en.strip()]
    assert missing == []


def test_known_oddities_of_the_source_are_kept_and_noted(plan):
    """Section C jumps from V to VII; 'võ nhân đạo' is a misprint. Both stay as adopted, with a note."""
    section_c = plan.section("C")
    numbers = [d.number for d in section_c.duties]
    assert "C.VII" in numbers and not any(n.startswith("C.VI.") or n == "C.VI" for n in numbers)
    assert any(n.kind == "source_numbering" for n in section_c.notes)
    duty = PlanIndex(plan).duty["B.VIII.1"]
    assert "võ nhân đạo" in duty.task.vi
    assert any(n.as_printed == "võ nhân đạo" and n.presumed == "vô nhân đạo" for n in duty.notes)


def test_every_alias_is_a_spelling_the_source_prints(plan):
    """An alias documents a spelling of the table: each one is found in the source, as printed."""
    missing = [
        f"{agency.id}: {alias!r}"
        for agency in plan.agencies.values()
        for alias in agency.aliases
        if not any(_normalise(alias) in seed for seed in seed_texts())
    ]
    assert missing == []
    procuracy = plan.agencies["vks-tinh"].aliases
    assert "viện kiểm sát nhân dân tỉnh" in procuracy and "viện Kiểm sát nhân dân tỉnh" in procuracy


def test_a_collective_wording_is_mapped_to_the_entry_that_says_it(plan):
    """A line naming "các sở, ngành liên quan" is not shown as "các sở, ban, ngành có liên quan", and so on.

    For each printed line, the collective (generic) entry it is mapped to must be
    the one whose name or alias is the longest found in the line.
    """
    generic = [a for a in plan.agencies.values() if a.kind == "generic"]

    def longest_match(line: str) -> str | None:
        line = _normalise(line).casefold()
        found = [
            (len(name), agency.id)
            for agency in generic
            for name in (agency.name.vi, *agency.aliases)
            if _normalise(name).casefold() in line
        ]
        return max(found)[1] if found else None

    problems = []
    for duty in plan.duties:
        for line in (*duty.lead, *duty.coordination):
            mapped = [a.agency for a in line.agencies if plan.agencies[a.agency].kind == "generic"]
            expected = longest_match(line.as_printed.vi)
            if mapped != ([expected] if expected else []):
                problems.append(f"{duty.number}: {line.as_printed.vi!r} is mapped to {mapped}, expected {expected}")
            # The entry says what the line says, in English too.
            for agency_id in mapped:
                name = plan.agencies[agency_id].name.en
                if name.casefold() not in line.as_printed.en.casefold():
                    problems.append(f"{duty.number}: {line.as_printed.en!r} does not say {name!r} ({agency_id})")
    assert problems == []


def test_the_ambiguous_deadline_asserts_no_reading(plan):
    """Đ.II's deadline has no linking word before "Bộ Công an": both readings are given, none is asserted."""
    index = PlanIndex(plan)
    deadline = index.duty["Đ.II"].deadline
    assert deadline.as_printed.vi == "Trước khi nộp Báo cáo CAT Bộ Công an"
    assert deadline.by is None and deadline.event is None
    assert [r.vi for r in deadline.readings] == [
        "Trước khi nộp Báo cáo CAT cho Bộ Công an",
        "Trước khi Bộ Công an nộp Báo cáo CAT",
    ]
    assert "Đ.II" not in [d.number for d in index.deadlines_by_agency.get("bo-cong-an", [])]
    assert "to the Ministry" not in deadline.as_printed.en
