"""The calendar as a reader sees it: month grids, the list of days off, HTML and records."""

from __future__ import annotations

import re
import warnings
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import motcua

CAL = motcua.vietnam_calendar()


def _grid_days(lines: list[str]) -> dict[int, str]:
    """Day number → its mark (' ', '*' or '+') from a month grid's week rows."""
    marks: dict[int, str] = {}
    for line in lines[2:]:
        for number, mark in re.findall(r"(\d+)([*+ ]?)", line):
            marks[int(number)] = mark or " "
    return marks


@given(st.integers(2013, 2027), st.integers(1, 12))
def test_grid_marks_exactly_the_weekdays_off_and_the_makeup_days(year: int, month: int) -> None:
    view = CAL.year(year, months=[month])
    marks = _grid_days(view.month_grid(month))
    day = date(year, month, 1)
    makeups = {m.date for m in CAL.makeup_days(year)}
    while day.month == month:
        expected = "+" if day in makeups else "*" if day.weekday() < 5 and not CAL.is_working_day(day) else " "
        assert marks[day.day] == expected, day
        day += timedelta(days=1)
    assert len(marks) == (day - date(year, month, 1)).days


@given(st.integers(2013, 2027), st.lists(st.integers(1, 12), min_size=1, max_size=12))
def test_counts_and_lists_follow_the_calendar(year: int, months: list[int]) -> None:
    view = CAL.year(year, months=months)
    assert view.months == tuple(sorted(set(months)))
    chosen = set(months)
    assert view.days_off == tuple(d for d in CAL.days_off(year) if d.date.month in chosen)
    assert view.makeup_days == tuple(m for m in CAL.makeup_days(year) if m.date.month in chosen)
    expected = sum(1 for m in chosen for d in CAL.working_days(date(year, m, 1), _last(year, m)))
    assert view.working_days == expected
    records = view.to_records()
    assert [r["date"] for r in records] == sorted(r["date"] for r in records)
    assert len(records) == len(view.days_off) + len(view.makeup_days)


def _last(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def test_text_html_and_repr() -> None:
    view = CAL.year(2026)
    text = str(view)
    assert text.startswith("Lịch làm việc của cán bộ, công chức, viên chức – năm 2026 (đã xác nhận)")
    assert "Nguồn: Công văn 12729/VPCP-KGVX" in text
    assert "10/01/2026 thứ Bảy" in text  # the make-up Saturday
    assert text.count("Tháng ") == 12
    html = view._repr_html_()
    assert html.count("<caption>Tháng") == 12
    assert 'title="Tết Nguyên đán 2026 – mùng 1"' in html
    assert repr(view) == "<CalendarYear 2026: 15 days off, 2 make-up days>"
    assert repr(CAL.year(2026, [2])).startswith("<CalendarYear 2026, months=[2]:")


def test_local_days_and_estimated_years() -> None:
    local = CAL.with_days_off([date(2026, 3, 2)], source="Quyết định 1/QĐ-UBND <b>")
    html = local.year(2026, [3])._repr_html_()
    assert "Quyết định 1/QĐ-UBND &lt;b&gt;" in html  # escaped
    assert "<b>" not in html.replace("<b>Lịch", "")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", motcua.EstimatedCalendarWarning)
        assert "(ước tính)" in str(CAL.year(2030, [1]))


@pytest.mark.parametrize("months", [[0], [13], [], ["1"], [True]])
def test_bad_months(months: list[object]) -> None:
    with pytest.raises(ValueError, match="months"):
        CAL.year(2026, months=months)  # type: ignore[arg-type]


def test_bad_year_and_month_of_grid() -> None:
    with pytest.raises(motcua.CalendarRangeError):
        CAL.year(2012)
    with pytest.raises(ValueError, match="not among"):
        CAL.year(2026, [1]).month_grid(2)


def test_a_month_without_days_off_says_so() -> None:
    """An empty "Ngày nghỉ:" heading reads as missing data; the text says there is none."""
    march = str(CAL.year(2026, [3])).splitlines()
    assert "Ngày nghỉ: không có." in march
    assert "Ngày nghỉ:" not in march
    february = str(CAL.year(2026, [2])).splitlines()
    heading = february.index("Ngày nghỉ:")
    assert "Ngày nghỉ: không có." not in february
    assert february[heading + 1].startswith("  ")  # the first day off follows the heading
    assert "Tết Nguyên đán" in february[heading + 1]
