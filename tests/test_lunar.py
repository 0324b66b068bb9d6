"""The Vietnamese lunar calendar (motcua.lunar) against tables, official announcements and its own rules."""

from __future__ import annotations

import ast
import csv
import re
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.errors import CalendarRangeError
from motcua.lunar import (
    MAX_DATE,
    MIN_DATE,
    LunarDate,
    leap_month,
    lunar_date,
    month_length,
    solar_date,
    tet,
)

DATA = Path(__file__).parent / "data"
YEARS = range(1900, 2101)


def _all_days() -> list[date]:
    return [MIN_DATE + timedelta(days=i) for i in range((MAX_DATE - MIN_DATE).days + 1)]


def _months(year: int) -> list[tuple[int, bool]]:
    """The (month, leap) pairs of a lunar year, in order, as the public API exposes them."""
    leap = leap_month(year)
    return [(m, is_leap) for m in range(1, 13) for is_leap in (False, True) if not is_leap or m == leap]


# --- Known dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        # Years where UTC+7 gives a different Tết from China's UTC+8 (see lunar_new_years.csv).
        (1985, date(1985, 1, 21)),
        (2007, date(2007, 2, 17)),
        (2030, date(2030, 2, 2)),
        (1968, date(1968, 1, 29)),
        (2053, date(2053, 2, 18)),
        # Common years.
        (2016, date(2016, 2, 8)),
        (2024, date(2024, 2, 10)),
        (2025, date(2025, 1, 29)),
        (2026, date(2026, 2, 17)),
        (1900, MIN_DATE),
    ],
)
def test_tet(year: int, expected: date) -> None:
    assert tet(year) == expected
    assert lunar_date(expected) == LunarDate(year, 1, 1)
    if year > 1900:
        assert lunar_date(expected - timedelta(days=1)).year == year - 1


def test_range_ends_are_the_first_and_last_days_of_lunar_years_1900_to_2100() -> None:
    assert tet(1900) == MIN_DATE
    last = lunar_date(MAX_DATE)
    assert last.year == 2100
    assert (last.month, last.leap) == _months(2100)[-1]
    assert last.day == month_length(2100, last.month, last.leap)


def _official_lunar_days() -> list[tuple[date, int, int, int]]:
    """Tết and Giỗ Tổ days named by lunar date in the Government's announced day-off calendar."""
    days = []
    with (DATA / "vn_official_days.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if not row["source"].startswith(("CONFIRMED", "ANNOUNCED")):
                continue
            day = date.fromisoformat(row["date"])
            if m := re.search(r"Tết Nguyên đán (\d{4}) – mùng (\d+)", row["name"]):
                days.append((day, int(m[1]), 1, int(m[2])))
            elif m := re.search(r"Tết Nguyên đán (\d{4}) – (\d+) tháng Chạp", row["name"]):
                days.append((day, int(m[1]) - 1, 12, int(m[2])))
            elif row["name"].startswith("Giỗ Tổ Hùng Vương (10/3 ÂL)"):
                days.append((day, day.year, 3, 10))
    return days


def test_official_announcements_2013_to_2027() -> None:
    days = _official_lunar_days()
    assert len(days) > 80
    for day, year, month, lunar_day in days:
        assert lunar_date(day) == LunarDate(year, month, lunar_day), day
        assert solar_date(year, month, lunar_day) == day


def test_giao_thua_is_the_last_day_of_the_year() -> None:
    with (DATA / "vn_official_days.csv").open(encoding="utf-8") as fh:
        eves = [date.fromisoformat(r["date"]) for r in csv.DictReader(fh) if "(giao thừa)" in r["name"]]
    assert len(eves) >= 6
    for eve in eves:
        assert lunar_date(eve + timedelta(days=1)) == LunarDate(eve.year, 1, 1)


def test_death_notice_example() -> None:
    # "từ trần ... Chủ nhật 4-2-2018 (tức ngày 19 tháng Chạp năm Đinh Dậu)", baoquangbinh.vn (letters.md).
    assert lunar_date(date(2018, 2, 4)).vi("traditional") == "ngày 19 tháng Chạp năm Đinh Dậu"


# --- The recorded table ----------------------------------------------------------------------


def _table() -> list[dict[str, str]]:
    with (DATA / "lunar_new_years.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def _leap(text: str) -> int | None:
    return int(text) if text else None


def test_table_covers_1900_to_2100() -> None:
    assert [int(r["year"]) for r in _table()] == list(YEARS)


def test_tet_and_leap_month_match_the_vietnamese_table() -> None:
    mismatches = [
        r["year"]
        for r in _table()
        if (tet(int(r["year"])).isoformat(), leap_month(int(r["year"]))) != (r["tet_vietnam"], _leap(r["leap_vietnam"]))
    ]
    assert mismatches == []


def test_vietnam_differs_from_china_exactly_in_the_documented_years() -> None:
    tet_years = {int(r["year"]) for r in _table() if r["tet_china"] != r["tet_vietnam"]}
    leap_years = {int(r["year"]) for r in _table() if r["leap_china"] != r["leap_vietnam"]}
    assert tet_years == {1903, 1935, 1965, 1968, 1969, 1985, 2007, 2030, 2053}
    assert leap_years == {1917, 1922, 1938, 1984, 1985, 1987}
    header = (DATA / "lunar_new_years.csv").read_text(encoding="utf-8")
    for year in tet_years | leap_years:
        assert str(year) in header


def test_same_rules_at_utc8_reproduce_the_chinese_table() -> None:
    """Run at UTC+8, the computation gives China's Tết and leap month in every year but 1916.

    Before 1929 Chinese tables used Beijing mean time (UTC+7:45:40): the new moon of 4 Feb 1916 at
    00:05 UTC+8 was 23:51 on 3 Feb there, so Tết 1916 was 3 Feb.
    """
    from motcua.lunar import _year

    mismatches = {
        int(r["year"])
        for r in _table()
        if (date.fromordinal(_year(int(r["year"]), 8).starts[0]).isoformat(), _year(int(r["year"]), 8).leap_month)
        != (r["tet_china"], _leap(r["leap_china"]))
    }
    assert mismatches == {1916}


@pytest.mark.parametrize(
    "first_day",
    [
        # New moons within 2.5 minutes of midnight UTC+7, where the day depends on seconds; the
        # expected days come from PyEphem (ELP-based moon), which agrees with the computation here.
        date(1944, 6, 20),  # 23:59:32
        date(1967, 7, 8),  # 00:00:02 (Meeus' series alone says 23:59:58 the day before; see the module)
        date(1998, 9, 21),  # 00:01:30
        date(2054, 5, 8),  # 00:00:14 (depends on ΔT, which cannot be predicted to a few seconds)
        date(2072, 12, 9),  # 23:58:28
        date(2077, 11, 15),  # 23:59:34
        date(2079, 8, 27),  # 00:02:00
        date(2085, 10, 18),  # 23:59:15
        date(2090, 9, 24),  # 00:02:24
    ],
)
def test_new_moons_near_midnight(first_day: date) -> None:
    assert lunar_date(first_day).day == 1
    assert lunar_date(first_day - timedelta(days=1)).day in (29, 30)


# --- Properties of the whole range ------------------------------------------------------------


def test_every_day_round_trips_and_advances_by_one() -> None:
    previous = lunar_date(MIN_DATE)
    assert previous == LunarDate(1900, 1, 1)
    for day in _all_days()[1:]:
        current = lunar_date(day)
        assert current.to_solar() == day
        if current.day == 1:
            assert previous.day in (29, 30)
            assert previous.day == month_length(previous.year, previous.month, previous.leap)
            assert current > previous
        else:
            assert (current.year, current.month, current.leap, current.day) == (
                previous.year,
                previous.month,
                previous.leap,
                previous.day + 1,
            )
        previous = current


@pytest.mark.parametrize("year", YEARS)
def test_year_structure(year: int) -> None:
    months = _months(year)
    lengths = [month_length(year, m, leap) for m, leap in months]
    assert set(lengths) <= {29, 30}
    assert len(months) == (13 if leap_month(year) else 12)
    assert sum(leaps for _, leaps in months) <= 1
    # Months follow each other without gaps, and the year ends the day before the next Tết.
    first_days = [solar_date(year, m, 1, leap) for m, leap in months]
    assert first_days[0] == tet(year)
    next_tet = tet(year + 1) if year < 2100 else MAX_DATE + timedelta(days=1)
    for start, length, following in zip(first_days, lengths, [*first_days[1:], next_tet], strict=True):
        assert start + timedelta(days=length) == following
    assert 353 <= sum(lengths) <= 385


@given(st.integers(min_value=1900, max_value=2040))
def test_year_names_cycle_every_60_years(year: int) -> None:
    names = {LunarDate(y, 1, 1).year_name for y in range(year, year + 60)}
    assert len(names) == 60
    assert LunarDate(year, 1, 1).year_name == LunarDate(year + 60, 1, 1).year_name


@given(st.dates(min_value=MIN_DATE, max_value=MAX_DATE), st.dates(min_value=MIN_DATE, max_value=MAX_DATE))
def test_order_is_chronological(a: date, b: date) -> None:
    assert (lunar_date(a) < lunar_date(b)) == (a < b)
    assert (lunar_date(a) <= lunar_date(b)) == (a <= b)
    assert (lunar_date(a) == lunar_date(b)) == (a == b)


@given(
    st.integers(min_value=1900, max_value=2100),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=30),
    st.booleans(),
)
def test_any_lunar_date_exists_or_is_refused(year: int, month: int, day: int, leap: bool) -> None:
    try:
        lunar = LunarDate(year, month, day, leap)
    except ValueError:
        assert (leap and leap_month(year) != month) or day > month_length(year, month, leap)
    else:
        assert lunar_date(lunar.to_solar()) == lunar


# --- Names and formatting ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "name"),
    [
        (2026, "Bính Ngọ"),
        (2016, "Bính Thân"),
        (2025, "Ất Tỵ"),
        (2017, "Đinh Dậu"),
        (1984, "Giáp Tý"),
        (1968, "Mậu Thân"),
        (2023, "Quý Mão"),
        (2021, "Tân Sửu"),
        (1900, "Canh Tý"),
        (2100, "Canh Thân"),
    ],
)
def test_year_name(year: int, name: str) -> None:
    assert LunarDate(year, 1, 1).year_name == name


@pytest.mark.parametrize(
    ("lunar", "numeric", "traditional"),
    [
        (LunarDate(2025, 2, 12), "ngày 12 tháng 02 năm Ất Tỵ", "ngày 12 tháng 2 năm Ất Tỵ"),
        (LunarDate(2026, 1, 5), "ngày 05 tháng 01 năm Bính Ngọ", "ngày 5 tháng Giêng năm Bính Ngọ"),
        (LunarDate(2025, 6, 1, leap=True), "ngày 01 tháng 6 nhuận năm Ất Tỵ", "ngày 1 tháng 6 nhuận năm Ất Tỵ"),
        (LunarDate(2017, 12, 19), "ngày 19 tháng 12 năm Đinh Dậu", "ngày 19 tháng Chạp năm Đinh Dậu"),
        (
            LunarDate(2033, 11, 10, leap=True),
            "ngày 10 tháng 11 nhuận năm Quý Sửu",
            "ngày 10 tháng 11 nhuận năm Quý Sửu",
        ),
    ],
)
def test_vietnamese_text(lunar: LunarDate, numeric: str, traditional: str) -> None:
    assert str(lunar) == lunar.vi() == lunar.vi("numeric") == numeric
    assert lunar.vi("traditional") == traditional
    for text in (numeric, traditional):
        assert unicodedata.is_normalized("NFC", text)


def test_leap_months_of_recent_years() -> None:
    assert {y: leap_month(y) for y in range(2017, 2035) if leap_month(y)} == {
        2017: 6,
        2020: 4,
        2023: 2,
        2025: 6,
        2028: 5,
        2031: 3,
        2033: 11,
    }


def test_leap_month_order() -> None:
    assert LunarDate(2025, 6, 29) < LunarDate(2025, 6, 1, leap=True) < LunarDate(2025, 7, 1)
    assert sorted([LunarDate(2025, 7, 1), LunarDate(2025, 6, 2, True), LunarDate(2025, 6, 2)]) == [
        LunarDate(2025, 6, 2),
        LunarDate(2025, 6, 2, True),
        LunarDate(2025, 7, 1),
    ]


# --- Bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize("day", [MIN_DATE - timedelta(days=1), MAX_DATE + timedelta(days=1), date(1, 1, 1)])
def test_solar_date_out_of_range(day: date) -> None:
    with pytest.raises(CalendarRangeError, match="outside the supported range 1900-01-31 to 2101-01-28"):
        lunar_date(day)


@pytest.mark.parametrize("year", [1899, 2101, -5])
def test_lunar_year_out_of_range(year: int) -> None:
    with pytest.raises(CalendarRangeError, match="1900–2100"):
        tet(year)
    with pytest.raises(CalendarRangeError):
        solar_date(year, 1, 1)
    with pytest.raises(CalendarRangeError):
        LunarDate(year, 1, 1)
    with pytest.raises(CalendarRangeError):
        leap_month(year)


def test_range_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="outside"):
        tet(2101)


def test_day_past_the_end_of_the_month() -> None:
    assert month_length(2025, 12) == 29
    with pytest.raises(ValueError, match="tháng 12 of lunar year 2025 has 29 days, so day 30 does not exist"):
        LunarDate(2025, 12, 30)
    with pytest.raises(ValueError, match="tháng 6 nhuận of lunar year 2025 has 29 days"):
        solar_date(2025, 6, 30, leap=True)


@pytest.mark.parametrize(("month", "day"), [(0, 1), (13, 1), (1, 0), (1, 31), (-1, 5)])
def test_impossible_month_or_day(month: int, day: int) -> None:
    with pytest.raises(ValueError, match="must be"):
        LunarDate(2025, month, day)


def test_leap_flag_on_a_month_that_is_not_leap() -> None:
    with pytest.raises(ValueError, match=r"lunar year 2025 has no leap month 5 \(its leap month is 6\)"):
        LunarDate(2025, 5, 1, leap=True)
    with pytest.raises(ValueError, match=r"lunar year 2026 has no leap month 6 \(it has none\)"):
        solar_date(2026, 6, 1, leap=True)
    with pytest.raises(ValueError, match="no leap month"):
        month_length(2024, 1, leap=True)


@pytest.mark.parametrize(
    "args",
    [(2025.0, 1, 1, False), ("2025", 1, 1, False), (True, 1, 1, False), (2025, 1, 1, 1), (2025, None, 1, False)],
)
def test_wrong_types(args: tuple[object, object, object, object]) -> None:
    with pytest.raises(TypeError, match=r"must be an? (int|bool)"):
        LunarDate(*args)  # type: ignore[arg-type]


def test_lunar_date_wants_a_date() -> None:
    with pytest.raises(TypeError, match="not a datetime"):
        lunar_date(datetime(2025, 1, 29, 12))
    with pytest.raises(TypeError, match="got str"):
        lunar_date("2025-01-29")  # type: ignore[arg-type]


def test_unknown_style() -> None:
    with pytest.raises(ValueError, match="unknown style 'short'"):
        LunarDate(2025, 1, 1).vi("short")  # type: ignore[arg-type]


def test_frozen() -> None:
    d = LunarDate(2025, 1, 1)
    with pytest.raises(AttributeError):
        d.day = 2  # type: ignore[misc]


def test_module_imports_only_the_standard_library_and_attrs() -> None:
    import motcua.lunar

    tree = ast.parse(Path(motcua.lunar.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    }
    imported |= {
        (node.module or "").split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.level == 0
    }
    assert imported <= {"__future__", "attrs", "bisect", "datetime", "functools", "math", "typing"}
