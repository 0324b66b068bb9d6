"""Every day from 2013 to 2027 against the research ground truth (tests/data/vn_official_days.csv)."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

import motcua

DATA = Path(__file__).parent / "data" / "vn_official_days.csv"
GOLDEN = Path(__file__).parent / "golden" / "calendar_years.json"
OFF_KINDS = {"holiday", "tet", "compensatory", "swapped_off"}


def _ground_truth() -> tuple[set[date], set[date], dict[date, str]]:
    off, makeup, kinds = set(), set(), {}
    with DATA.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            day = date.fromisoformat(row["date"])
            kinds[day] = row["kind"]
            if row["kind"] in OFF_KINDS:
                off.add(day)
            elif row["kind"] == "makeup_workday":
                makeup.add(day)
            else:  # pragma: no cover - the CSV has only these kinds
                raise AssertionError(row)
    return off, makeup, kinds


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


@pytest.mark.parametrize("year", range(2013, 2028))
def test_every_day_matches_ground_truth(cal: motcua.WorkingCalendar, year: int) -> None:
    off, makeup, _ = _ground_truth()
    wrong = []
    for day in _days(date(year, 1, 1), date(year, 12, 31)):
        expected = (day.weekday() < 5 and day not in off) or day in makeup
        if cal.is_working_day(day) != expected:
            wrong.append(day)
    assert wrong == []


def test_kinds_match_ground_truth(cal: motcua.WorkingCalendar) -> None:
    _, _, kinds = _ground_truth()
    rename = {"swapped_off": "swapped"}
    for year in range(2013, 2028):
        for d in cal.days_off(year):
            assert rename.get(kinds[d.date], kinds[d.date]) == d.kind.value, d
        for m in cal.makeup_days(year):
            assert kinds[m.date] == "makeup_workday", m
    listed = {d.date for y in range(2013, 2028) for d in cal.days_off(y)}
    listed |= {m.date for y in range(2013, 2028) for m in cal.makeup_days(y)}
    assert listed == {d for d in kinds if d.year >= 2013}


def test_the_sixteen_makeup_saturdays(cal: motcua.WorkingCalendar) -> None:
    found = [m.date for y in range(2013, 2028) for m in cal.makeup_days(y)]
    assert [d.isoformat() for d in found] == [
        "2013-01-05", "2013-02-23", "2013-05-04", "2014-01-25", "2014-02-08", "2014-04-26",
        "2014-09-06", "2014-12-27", "2015-02-14", "2015-04-25", "2019-01-05", "2019-05-04",
        "2024-05-04", "2025-04-26", "2026-01-10", "2026-08-22",
    ]  # fmt: skip
    assert all(d.weekday() == 5 for d in found)


def test_golden_years(cal: motcua.WorkingCalendar) -> None:
    """A reviewed snapshot per year: any change to the data shows up here as a diff to review."""
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for year in range(2013, 2028):
        entry = golden[str(year)]
        assert cal.year_status(year).value == entry["status"]
        assert [[d.date.isoformat(), d.kind.value, d.source.key] for d in cal.days_off(year)] == entry["days_off"]
        assert [
            [m.date.isoformat(), m.replaces.isoformat() if m.replaces else None, m.source.key]
            for m in cal.makeup_days(year)
        ] == entry["makeup_days"]
        assert len(cal.working_days(date(year, 1, 1), date(year, 12, 31))) == entry["working_days"]


# The worked examples of calendar.md §6.2 that are pure day arithmetic (the hour rules belong
# to the time-limit types).
@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        (date(2016, 2, 5), 3, date(2016, 2, 17)),  # Tết break 6–14/2
        (date(2019, 4, 26), 5, date(2019, 5, 7)),  # 29/4 swapped, Sat 4/5 worked
        (date(2022, 5, 4), 2, date(2022, 5, 6)),  # R after the 30/4 weekend receipt
        (date(2026, 1, 9), 1, date(2026, 1, 10)),  # make-up Saturday is day 1
        (date(2024, 4, 26), 3, date(2024, 5, 4)),  # the conventions probe of calendar_anchors.md
    ],
)
def test_worked_examples(cal: motcua.WorkingCalendar, start: date, n: int, due: date) -> None:
    assert cal.add_working_days(start, n) == due
    assert cal.working_days_between(start, due) == n


def test_receipt_on_a_day_off_rolls_to_the_next_working_day(cal: motcua.WorkingCalendar) -> None:
    # Sat 2022-04-30 online: deemed received Wed 4/5 (2/5 and 3/5 compensatory).
    assert cal.add_working_days(date(2022, 4, 30), 0) == date(2022, 5, 4)


def test_24_november_2026_is_a_day_off_citing_resolution_28(cal: motcua.WorkingCalendar) -> None:
    entry = cal.day_off(date(2026, 11, 24))
    assert entry is not None
    assert entry.kind is motcua.DayKind.HOLIDAY
    assert entry.source.number == "28/2026/QH16"
    assert entry.article == "Điều 2"
    assert entry.source.effective == date(2026, 7, 1)
    assert cal.day_off(date(2025, 11, 24)) is None
