"""Activity records, assessments, status as of a date, and the report's figures.

The fixture plan (tests/roots/tracking/) has one duty per deadline kind, ten
made-up activity records over 2023-2025 (every kind, every date precision,
records serving several duties and carried out by several agencies) and three
assessments. Every expected figure below is worked out by hand from those
files; the comments say how.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import json
import unicodedata
from pathlib import Path

import pytest
import yaml
from conftest import ROOTS, make_root
from hostile_corpus import CASES, MEGABYTE_TEXT

from generator.data.report import annual_report, totals
from generator.data.status import (
    AsOfError,
    Tracker,
    plan_years,
    reporting_dates,
    resolve_as_of,
)
from generator.data.validate import check, load_plan
from generator.site.exports import activities_csv, plan_json

D = datetime.date


@pytest.fixture(scope="module")
def plan():
    return load_plan(ROOTS / "tracking" / "plan_data", ROOTS / "tracking")


@pytest.fixture(scope="module")
def tracker(plan):
    return Tracker(plan)


def duty(plan, number):
    return next(d for d in plan.duties if d.number == number)


# -- loading ------------------------------------------------------------------------


def test_fixture_loads_with_no_diagnostics():
    plan, diagnostics = check(ROOTS / "tracking" / "plan_data", ROOTS / "tracking")
    assert [str(d) for d in diagnostics] == []
    assert len(plan.activities) == 10 and len(plan.assessments) == 3


def test_dates_keep_their_precision(plan):
    by_id = {a.id: a for a in plan.activities}
    day, month, year = by_id["2024-hoi-thao-cat"].date, by_id["2023-tap-huan-can-bo"].date, by_id["2023-phat-song"].date
    period = by_id["2024-2025-tong-hop"].date
    assert (day.precision, day.first, day.last) == ("day", D(2024, 6, 12), D(2024, 6, 12))
    assert (month.precision, month.first, month.last) == ("month", D(2023, 5, 1), D(2023, 5, 31))
    assert (year.precision, year.first, year.last) == ("year", D(2023, 1, 1), D(2023, 12, 31))
    assert (period.precision, period.first, period.last) == ("period", D(2024, 11, 1), D(2025, 2, 28))
    assert list(period.years) == [2024, 2025]


def test_records_keep_several_duties_agencies_and_figures(plan):
    workshop = next(a for a in plan.activities if a.id == "2024-hoi-thao-cat")
    assert workshop.duties == ("C.I", "C.III")
    assert workshop.agencies == ("so-tu-phap", "cong-an-tinh")
    assert [(f.value, f.unit) for f in workshop.figures] == [(70, "participants"), (3, "sessions")]
    assert workshop.figure("participants") == 70 and workshop.figure("copies") is None
    assert workshop.source.url == "https://example.org/tin/hoi-thao-2024"
    assert workshop.source.document.reference == "Báo cáo số 2/BC-STP"
    assert workshop.place.vi == "Long Xuyên"


def test_english_is_optional_and_marked_untranslated(plan):
    report = next(a for a in plan.activities if a.id == "2023-bao-cao-so-bo")
    assert report.title.vi == "Báo cáo sơ bộ rà soát văn bản"
    assert report.title.en == "" and not report.title.translated("en")


def test_plan_years_come_from_the_deadlines(plan):
    # milestones 2023 and 2024-2025, a year range 2023-2025
    assert plan_years(plan) == (2023, 2025)


def test_real_plan_years_and_empty_records():
    from conftest import PROJECT

    real = load_plan(PROJECT / "plan_data", PROJECT)
    assert plan_years(real) == (2023, 2026)  # A.II: final report in 2026
    assert real.activities == () and real.assessments == ()


def test_an_invisible_character_in_a_record_is_refused(tmp_path: Path):
    project = make_root(tmp_path, "data-minimal", "data-bad-activity-unknown-duty")
    path = project / "plan_data" / "activities" / "2024.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("C.V.2", "C.I").replace('vi: "Hội thảo"', 'vi: "Hội\u202ethảo"'),
        encoding="utf-8",
    )
    plan, diagnostics = check(project / "plan_data", project)
    assert plan is None
    assert [str(d) for d in diagnostics] == [
        "plan_data/activities/2024.yaml:7:13: activity hoi-thao-2024: invisible character U+202E "
        "(RIGHT-TO-LEFT OVERRIDE) in 'title.vi'; delete it"
    ]


# -- the as-of date -------------------------------------------------------------------


def test_as_of_option_wins_over_source_date_epoch():
    env = {"SOURCE_DATE_EPOCH": "1735689600"}
    assert resolve_as_of("2024-03-05", env, today=lambda: D(2030, 1, 1)) == D(2024, 3, 5)


def test_as_of_from_source_date_epoch_is_its_utc_date():
    # 1735689600 = 2024-01-01 (1704067200) + 366 days x 86400 s: 2025-01-01 00:00 UTC
    assert resolve_as_of(None, {"SOURCE_DATE_EPOCH": "1735689600"}) == D(2025, 1, 1)
    assert resolve_as_of(None, {"SOURCE_DATE_EPOCH": "1735689599"}) == D(2024, 12, 31)


def test_as_of_defaults_to_today():
    assert resolve_as_of(None, {}, today=lambda: D(2026, 2, 3)) == D(2026, 2, 3)
    assert resolve_as_of(None, {"SOURCE_DATE_EPOCH": ""}, today=lambda: D(2026, 2, 3)) == D(2026, 2, 3)


@pytest.mark.parametrize(
    "option, env, message",
    [
        ("2024-13-01", {}, "--as-of '2024-13-01' is not a date (YYYY-MM-DD)"),
        ("2024-1-5", {}, "--as-of '2024-1-5' is not a date (YYYY-MM-DD)"),
        (None, {"SOURCE_DATE_EPOCH": "yesterday"}, "SOURCE_DATE_EPOCH 'yesterday' is not a whole number of seconds since 1970"),
    ],
)
def test_an_unreadable_as_of_is_refused_with_a_message(option, env, message):
    with pytest.raises(AsOfError) as raised:
        resolve_as_of(option, env)
    assert str(raised.value) == message


# -- completion ---------------------------------------------------------------------------


def test_completion_is_the_assessment_when_there_is_one(tracker):
    c = tracker.completion("C.I", 2024)
    assert c.state == "substantial" and c.assessment.assessed_by.agency == "so-tu-phap"
    assert [a.id for a in c.activities] == ["2024-to-roi", "2024-hoi-thao-cat"]  # from March, then 12 June
    limited = tracker.completion("C.III", 2023)
    assert limited.state == "limited" and limited.assessment.assessed_by.body.vi == "Đoàn kiểm tra liên ngành"


def test_an_assessment_stands_even_without_activity(tracker):
    c = tracker.completion("C.II", 2023)
    assert (c.state, c.activities) == ("not_started", ())


def test_activity_without_assessment_is_never_a_guess(tracker):
    c = tracker.completion("C.I", 2023)
    assert c.state == "activity_not_assessed" and c.assessment is None
    assert [a.id for a in c.activities] == ["2023-tap-huan-can-bo"]


def test_no_activity_no_assessment_is_no_evidence(tracker):
    c = tracker.completion("A.IV", 2024)
    assert (c.state, c.assessment, c.activities) == ("no_evidence", None, ())


def test_a_period_over_two_years_counts_in_both(tracker):
    assert [a.id for a in tracker.completion("C.II", 2024).activities] == ["2024-2025-tong-hop"]
    assert [a.id for a in tracker.completion("C.II", 2025).activities] == ["2024-2025-tong-hop"]


# -- deadlines: the day before, the day of, the day after --------------------------------


def state(tracker, plan, number, day, activities=None):
    if activities is not None:
        tracker = Tracker(dataclasses.replace(plan, activities=activities))
    return tracker.deadline(duty(plan, number), day)


def test_annual_is_due_by_31_december(tracker, plan):
    # C.IV: a broadcast in 2023, none in 2024, one in 2025
    assert state(tracker, plan, "C.IV", D(2024, 11, 30)).state == "not_yet_due"  # 31 days ahead
    assert state(tracker, plan, "C.IV", D(2024, 12, 1)).state == "due"  # 30 days ahead
    assert state(tracker, plan, "C.IV", D(2024, 12, 30)).state == "due"
    assert state(tracker, plan, "C.IV", D(2024, 12, 31)).state == "due"
    after = state(tracker, plan, "C.IV", D(2025, 1, 1))
    assert after.state == "overdue" and [r.date for r in after.overdue] == [D(2024, 12, 31)]
    assert after.next.date == D(2025, 12, 31)


def test_annual_with_every_year_done_has_passed_after_the_plan(tracker, plan):
    # C.I: activities in 2023 (May), 2024 and 2025
    assert state(tracker, plan, "C.I", D(2025, 12, 31)).state == "due"
    after = state(tracker, plan, "C.I", D(2026, 1, 1))
    assert (after.state, after.overdue, after.next) == ("passed", (), None)


def test_annual_by_date_is_due_on_that_day_each_year(tracker, plan):
    # C.II: "Trước ngày 15/12 hàng năm"; nothing recorded in 2023
    assert [r.date for r in reporting_dates(duty(plan, "C.II"), (2023, 2025))] == [
        D(2023, 12, 15),
        D(2024, 12, 15),
        D(2025, 12, 15),
    ]
    assert state(tracker, plan, "C.II", D(2023, 12, 14)).state == "due"
    assert state(tracker, plan, "C.II", D(2023, 12, 15)).state == "due"
    after = state(tracker, plan, "C.II", D(2023, 12, 16))
    assert after.state == "overdue" and [r.date for r in after.overdue] == [D(2023, 12, 15)]
    # The record from November 2024 counts for 15/12/2024: only 2023 stays overdue.
    assert [r.date for r in state(tracker, plan, "C.II", D(2024, 12, 16)).overdue] == [D(2023, 12, 15)]


def test_year_range_is_due_by_31_december_of_its_last_year(tracker, plan):
    # C.III: 2023 - 2025, with training in 2023 and 2024
    assert state(tracker, plan, "C.III", D(2025, 11, 30)).state == "not_yet_due"
    assert state(tracker, plan, "C.III", D(2025, 12, 30)).state == "due"
    assert state(tracker, plan, "C.III", D(2025, 12, 31)).state == "due"
    assert state(tracker, plan, "C.III", D(2026, 1, 1)).state == "passed"
    assert state(tracker, plan, "C.III", D(2025, 12, 31), activities=()).state == "due"
    assert state(tracker, plan, "C.III", D(2026, 1, 1), activities=()).state == "overdue"


def test_milestones_are_due_at_the_end_of_each_milestone(tracker, plan):
    # A.I: preliminary report 2023 (recorded 20/11/2023), final report 2024 - 2025
    assert state(tracker, plan, "A.I", D(2023, 12, 30)).state == "due"
    assert state(tracker, plan, "A.I", D(2023, 12, 31)).state == "due"
    after = state(tracker, plan, "A.I", D(2024, 1, 1))
    assert after.state == "not_yet_due" and after.next.stage == "final_report" and after.next.date == D(2025, 12, 31)
    assert state(tracker, plan, "A.I", D(2024, 1, 1), activities=()).state == "overdue"


@pytest.mark.parametrize("number", ["A.II", "A.III", "A.IV", "A.V"])
@pytest.mark.parametrize("day", [D(2023, 12, 30), D(2023, 12, 31), D(2024, 1, 1), D(2030, 1, 1)])
def test_request_decision_event_and_convention_deadlines_are_never_overdue(tracker, plan, number, day):
    # on_request, per_decision, before_event, per_convention
    result = state(tracker, plan, number, day, activities=())
    assert (result.state, result.dates, result.overdue, result.next) == ("ongoing", (), (), None)


def test_the_preliminary_report_alone_keeps_the_milestone_from_overdue(tracker, plan):
    without = tuple(a for a in plan.activities if a.id != "2023-bao-cao-so-bo")
    assert state(tracker, plan, "A.I", D(2024, 1, 1), activities=without).state == "overdue"


def test_upcoming_deadlines_within_90_days(tracker):
    # From 1/10/2025, 15/12 is 75 days ahead and 31/12 is 91 days ahead.
    assert [(r.date, d.number) for r, d in tracker.upcoming(D(2025, 10, 1))] == [(D(2025, 12, 15), "C.II")]
    assert [(r.date, d.number) for r, d in tracker.upcoming(D(2025, 10, 2))] == [
        (D(2025, 12, 15), "C.II"),
        (D(2025, 12, 31), "A.I"),
        (D(2025, 12, 31), "C.I"),
        (D(2025, 12, 31), "C.III"),
        (D(2025, 12, 31), "C.IV"),
    ]


# -- the report's figures -----------------------------------------------------------------


def ids(s):
    return (s.value, list(s.records))


def test_report_2024_follows_the_plan_and_sums_by_hand(plan):
    report = annual_report(plan, 2024, as_of=D(2026, 6, 1))
    assert report.status_date == D(2025, 1, 1)  # a closed year reads as it ended
    assert [s.section.section for s in report.sections] == ["A", "C"]
    assert [(e.duty.number, e.completion.state) for e in report.duties] == [
        ("A.I", "no_evidence"),
        ("A.II", "activity_not_assessed"),
        ("A.III", "activity_not_assessed"),
        ("A.IV", "no_evidence"),
        ("A.V", "no_evidence"),
        ("C.I", "substantial"),
        ("C.II", "activity_not_assessed"),
        ("C.III", "activity_not_assessed"),
        ("C.IV", "no_evidence"),
    ]
    section_a, section_c = report.sections
    assert ids(section_a.totals.activities) == (2, ["2024-quyet-dinh", "2024-kiem-tra"])
    assert ids(section_a.totals.by_kind["inspection"]) == (1, ["2024-kiem-tra"])
    assert ids(section_a.totals.people_trained) == (0, [])
    # Section C: leaflets (March-September), the workshop (12 June), the compilation (from November)
    assert ids(section_c.totals.activities) == (3, ["2024-to-roi", "2024-hoi-thao-cat", "2024-2025-tong-hop"])
    assert ids(section_c.totals.people_trained) == (70, ["2024-hoi-thao-cat"])
    assert ids(section_c.totals.publications) == (1, ["2024-to-roi"])
    assert ids(section_c.totals.copies) == (5000, ["2024-to-roi"])
    assert ids(section_c.totals.broadcasts) == (0, [])
    plan_totals = report.totals
    assert ids(plan_totals.activities) == (
        5,
        ["2024-quyet-dinh", "2024-to-roi", "2024-hoi-thao-cat", "2024-kiem-tra", "2024-2025-tong-hop"],
    )
    assert {k: s.value for k, s in plan_totals.by_kind.items() if s.value} == {
        "conference_or_workshop": 1,
        "publication_or_media": 1,
        "inspection": 1,
        "legal_document_issued": 1,
        "other": 1,
    }
    assert sum(s.value for s in plan_totals.by_kind.values()) == 5
    assert [d.number for d in report.no_evidence] == ["A.I", "A.IV", "A.V", "C.IV"]
    # as of 1/1/2025: C.II has nothing for 15/12/2023, C.IV nothing for 31/12/2024
    assert [d.number for d in report.overdue] == ["C.II", "C.IV"]


def test_report_2025_counts_a_record_of_two_duties_once(plan):
    report = annual_report(plan, 2025, as_of=D(2025, 10, 1))
    assert report.status_date == D(2025, 10, 1)
    section_a, section_c = report.sections
    assert ids(section_a.totals.activities) == (1, ["2025-tap-huan"])
    assert ids(section_c.totals.activities) == (3, ["2024-2025-tong-hop", "2025-phat-song", "2025-tap-huan"])
    # 2025-tap-huan serves A.I and C.I: once in the plan's total, not twice
    assert ids(report.totals.activities) == (3, ["2024-2025-tong-hop", "2025-phat-song", "2025-tap-huan"])
    assert ids(report.totals.people_trained) == (45, ["2025-tap-huan"])
    assert ids(report.totals.broadcasts) == (12, ["2025-phat-song"])
    assert [d.number for d in report.no_evidence] == ["A.II", "A.III", "A.IV", "A.V", "C.III"]
    by_number = {e.duty.number: e for e in report.duties}
    assert [a.id for a in by_number["C.I"].activities] == ["2025-tap-huan"]
    assert by_number["C.III"].deadline.state == "not_yet_due"


def test_report_2023_people_trained_and_broadcasts(plan):
    report = annual_report(plan, 2023, as_of=D(2024, 3, 1))
    # 120 trained in May (2 courses); 24 broadcasts over the year
    assert ids(report.totals.people_trained) == (120, ["2023-tap-huan-can-bo"])
    assert ids(report.totals.broadcasts) == (24, ["2023-phat-song"])
    assert ids(report.totals.by_kind["report_submitted"]) == (1, ["2023-bao-cao-so-bo"])
    assert report.totals.activities.value == 3


def test_agency_report_holds_the_duties_it_leads(plan):
    report = annual_report(plan, 2024, as_of=D(2026, 6, 1), agency="cong-an-tinh")
    # cong-an-tinh leads A.II, A.IV and C.III
    assert [e.duty.number for e in report.duties] == ["A.II", "A.IV", "C.III"]
    assert ids(report.totals.activities) == (2, ["2024-hoi-thao-cat", "2024-kiem-tra"])
    assert ids(report.totals.people_trained) == (70, ["2024-hoi-thao-cat"])
    assert [d.number for d in report.no_evidence] == ["A.IV"]
    radio = annual_report(plan, 2024, as_of=D(2026, 6, 1), agency="dai-phat-thanh")
    assert [s.section.section for s in radio.sections] == ["C"]
    assert [d.number for d in radio.overdue] == ["C.IV"]
    with pytest.raises(KeyError):
        annual_report(plan, 2024, as_of=D(2026, 6, 1), agency="so-tu-phap-x")


def test_totals_of_nothing_are_zero():
    empty = totals([])
    assert ids(empty.activities) == (0, []) and ids(empty.people_trained) == (0, [])
    assert all(s.value == 0 for s in empty.by_kind.values()) and len(empty.by_kind) == 8


# -- open data --------------------------------------------------------------------------------


def test_activities_csv_has_a_bom_and_one_row_per_record(plan):
    raw = activities_csv(plan)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 10
    workshop = next(r for r in rows if r["id"] == "2024-hoi-thao-cat")
    assert workshop["duties"] == "C.I; C.III"
    assert workshop["agencies"] == "so-tu-phap; cong-an-tinh"
    assert workshop["figures"] == "70 participants; 3 sessions"
    assert (workshop["date"], workshop["date_first"], workshop["date_last"]) == ("2024-06-12", "2024-06-12", "2024-06-12")
    period = next(r for r in rows if r["id"] == "2024-2025-tong-hop")
    assert (period["date"], period["date_first"], period["date_last"]) == ("2024-11/2025-02", "2024-11-01", "2025-02-28")
    assert rows[0]["id"] == "2023-phat-song"  # the year 2023 starts on 1 January: first


def test_plan_json_is_written_as_the_standard_library_would_write_it(plan):
    """Indented by one space, UTF-8 not escaped: readable, and stable from release to release."""
    written = plan_json(plan).decode("utf-8")
    assert written == json.dumps(json.loads(written), ensure_ascii=False, indent=1) + "\n"
    assert "\\u" not in written and "ệ" in written


def test_plan_json_holds_records_as_written(plan):
    document = json.loads(plan_json(plan))
    by_id = {a["id"]: a for a in document["activities"]}
    assert by_id["2024-2025-tong-hop"]["date"] == {"from": "2024-11", "to": "2025-02"}
    assert by_id["2023-phat-song"]["date"] == "2023"
    assert by_id["2024-kiem-tra"]["source"] == {
        "url": None,
        "document": {"reference": "Kết luận số 3/KL-CAT", "date": None, "issuer": "Công an tỉnh"},
    }
    assert [(a["duty"], a["year"], a["completion"]) for a in document["assessments"]] == [
        ("C.I", 2024, "substantial"),
        ("C.III", 2023, "limited"),
        ("C.II", 2023, "not_started"),
    ]


# -- the hostile corpus in the new text fields -------------------------------------------------


def test_hostile_texts_load_and_round_trip_literally(tmp_path: Path):
    project = make_root(tmp_path, "data-minimal")
    folder = project / "plan_data" / "activities"
    folder.mkdir()
    records = []
    for i, (name, text) in enumerate(CASES):
        if name == "megabyte":
            continue
        records.append(
            {
                "id": f"hostile-{i}",
                "duties": ["C.I"],
                "agencies": ["so-tu-phap"],
                "kind": "other",
                "date": "2024-06",
                "title": {"vi": text, "en": text},
                "summary": {"vi": text, "en": text},
                "place": {"vi": text, "en": text},
                "source": {"document": {"reference": text, "issuer": text}},
                "recorded": "2024-07-01",
            }
        )
    big = {**records[0], "id": "hostile-megabyte", "title": {"vi": MEGABYTE_TEXT}, "summary": {"vi": "x"}}
    big.pop("place")
    big["source"] = {"url": "https://example.org/x"}
    dump = lambda value: yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=1_000_000)  # noqa: E731
    (folder / "2024.yaml").write_text(dump({"activities": records}), encoding="utf-8")
    (folder / "2025.yaml").write_text(dump({"activities": [big]}), encoding="utf-8")

    plan = load_plan(project / "plan_data", project)
    loaded = {a.id: a for a in plan.activities}
    csv.field_size_limit(4 * len(MEGABYTE_TEXT))  # the reader's default limit is 128 KiB
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(activities_csv(plan).decode("utf-8-sig")))}
    document = {a["id"]: a for a in json.loads(plan_json(plan))["activities"]}
    for i, (name, text) in enumerate(CASES):
        if name == "megabyte":
            continue
        expected = unicodedata.normalize("NFC", text)  # the loader's one change
        record = loaded[f"hostile-{i}"]
        assert (record.title.vi, record.summary.en, record.place.vi) == (expected,) * 3, name
        assert record.source.document.reference == expected and record.source.document.issuer == expected, name
        assert (rows[record.id]["title_vi"], rows[record.id]["place_en"], rows[record.id]["source_document"]) == (
            expected,
        ) * 3, name
        assert document[record.id]["summary"] == {"vi": expected, "en": expected}, name
    assert loaded["hostile-megabyte"].title.vi == MEGABYTE_TEXT
    assert rows["hostile-megabyte"]["title_vi"] == MEGABYTE_TEXT


def test_the_readme_example_is_a_valid_record_of_the_real_plan(tmp_path: Path):
    """The worked example of plan_data/README.md checks against the real plan (so the guide stays true)."""
    import re
    import shutil

    from conftest import PROJECT

    readme = (PROJECT / "plan_data" / "README.md").read_text(encoding="utf-8")
    after = readme.split("**EXAMPLE — not data.**", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", after, re.S).group(1)
    project = tmp_path / "project"
    shutil.copytree(PROJECT / "plan_data", project / "plan_data")
    (project / "plan_data" / "activities" / "2025.yaml").write_text(example, encoding="utf-8")
    plan, diagnostics = check(project / "plan_data", project)
    assert [str(d) for d in diagnostics] == []
    (record,) = plan.activities
    assert (record.kind, record.agencies, record.figure("participants"), record.figure("sessions")) == (
        "conference_or_workshop",
        ("bo-cong-an",),
        70,
        3,
    )


def test_calendar_holds_the_reporting_dates(plan):
    import re

    from icalendar import Calendar

    from generator.site.exports import calendar

    events = {str(e["uid"]): e for e in Calendar.from_ical(calendar(plan, "en")).walk("VEVENT")}
    reporting = sorted(uid for uid in events if re.search(r"-report-[0-9]{4}-", uid))
    # C.I and C.IV annual: 31/12 of 2023, 2024, 2025; C.III: 31/12/2025; A.I: 31/12/2023 and 31/12/2025;
    # C.II (15/12) is already an event on its day; A.II to A.V have no date.
    assert reporting == sorted(
        [f"C.I-report-{y}-12-31-en@an-giang-cat-plan" for y in (2023, 2024, 2025)]
        + [f"C.IV-report-{y}-12-31-en@an-giang-cat-plan" for y in (2023, 2024, 2025)]
        + ["C.III-report-2025-12-31-en@an-giang-cat-plan"]
        + [f"A.I-report-{y}-12-31-en@an-giang-cat-plan" for y in (2023, 2025)]
    )
    final = events["A.I-report-2025-12-31-en@an-giang-cat-plan"]
    assert final.decoded("dtstart") == D(2025, 12, 31) and "rrule" not in final
    assert str(final["summary"]).startswith("Reporting date: Duty A.I (")


def test_check_command_fails_on_a_bad_record_without_traceback(tmp_path: Path):
    import subprocess
    import sys

    from conftest import PROJECT

    project = make_root(tmp_path, "data-minimal", "data-bad-activity-bad-url")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=project,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(PROJECT), "PATH": ""},
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "plan_data/activities/2024.yaml:10:14: activity hoi-thao-2024: 'source.url' is 'example.org/hoi-thao', "
        "which is not a web address (http:// or https://)",
        "1 error in plan_data/; nothing was built.",
    ]


def test_a_plan_whose_deadlines_name_no_year_has_no_reporting_date(tmp_path):
    """Only annual deadlines: no year is named, so nothing can be overdue and there is no report."""
    import datetime

    import synthetic

    from generator.content.tracking import report_years, reporting_year
    from generator.data.index import PlanIndex
    from generator.data.validate import load_plan

    sections = [{
        "section": "C", "slug": "c", "label": "C.", "heading": synthetic.text("Mục thử"),
        "groups": [{"number": "C.I", "label": "I.", "heading": synthetic.text("Nhóm")}],
        "duties": [synthetic.duty("C.I.1", "a1", "t", "Nhiệm vụ hàng năm")],
    }]
    synthetic.write_plan(tmp_path, sections, [synthetic.agency("a1", "Sở")], [synthetic.topic("t", "Chủ đề")])
    plan = load_plan(tmp_path / "plan_data")
    assert plan_years(plan) is None
    as_of = datetime.date(2025, 6, 1)
    status = Tracker(plan).deadline(plan.duties[0], as_of)
    assert (status.dates, status.overdue) == ((), ())
    index = PlanIndex(plan)
    assert list(report_years(index, as_of)) == [] and reporting_year(index, as_of) == 2025
