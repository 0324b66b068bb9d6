"""The calendar's public behaviour: errors, warnings, estimated years, local calendars, pickling."""

from __future__ import annotations

import pickle
import warnings
from datetime import date, datetime

import pytest

import motcua
from motcua import CalendarRangeError, EstimatedCalendarWarning, WorkingCalendar


def test_vietnam_calendar_is_cached_and_cheap(cal: WorkingCalendar) -> None:
    assert motcua.vietnam_calendar() is cal
    assert motcua.vietnam_calendar(include_proposed=True) is not cal
    assert cal.first_day == date(2013, 1, 1)
    assert cal.last_day == date(2100, 12, 31)
    assert cal.data_until == date(2027, 12, 31)
    assert cal.data_as_of == date(2026, 11, 27)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.is_working_day("2026-01-02"), "day must be a datetime.date, got str"),
        (lambda c: c.is_working_day(datetime(2026, 1, 2, 9)), r"not a datetime; pass day.date\(\)"),
        (lambda c: c.add_working_days(date(2026, 1, 2), 1.5), "n must be an int, got float"),
        (lambda c: c.add_working_days(date(2026, 1, 2), True), "n must be an int, got bool"),
        (lambda c: c.add_working_days(None, 1), "day must be a datetime.date, got NoneType"),
        (lambda c: c.working_days_between(date(2026, 1, 2), "x"), "end must be a datetime.date"),
        (lambda c: c.working_days_between(1, date(2026, 1, 2)), "start must be a datetime.date"),
        (lambda c: c.days_off("2026"), "year must be an int"),
        (lambda c: c.add_working_days_many([date(2026, 1, 2), "x"], 1), "must be a datetime.date"),
    ],
)
def test_wrong_types_name_the_argument(cal: WorkingCalendar, call: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        call(cal)  # type: ignore[operator]


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.is_working_day(date(2012, 12, 31)),
        lambda c: c.add_working_days(date(2101, 1, 1), 1),
        lambda c: c.add_working_days(date(2013, 1, 3), -5),
        lambda c: c.add_working_days(date(2100, 12, 20), 30),
        lambda c: c.working_days_between(date(2012, 1, 1), date(2013, 1, 1)),
        lambda c: c.days_off(2012),
        lambda c: c.makeup_days(2101),
        lambda c: c.add_working_days_many([date(2012, 5, 1)], 1),
    ],
)
def test_out_of_range_names_the_supported_range(cal: WorkingCalendar, call: object) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EstimatedCalendarWarning)
        with pytest.raises(CalendarRangeError, match="2013-01-01 to 2100-12-31") as info:
            call(cal)  # type: ignore[operator]
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, motcua.MotcuaError)


def test_estimated_years_warn_and_follow_the_labour_code(cal: WorkingCalendar) -> None:
    with pytest.warns(EstimatedCalendarWarning, match="past the announced civil-service calendar data"):
        assert cal.is_working_day(date(2030, 2, 4)) is False  # Tết Canh Tuất (mùng 3)
    with pytest.warns(EstimatedCalendarWarning, match="2028-01-04"):
        assert cal.add_working_days(date(2027, 12, 28), 4) == date(2028, 1, 4)
    with pytest.warns(EstimatedCalendarWarning):
        # Sat 1/1/2028 is Tết Dương lịch, so Mon 3/1 is nghỉ bù (BLLĐ 2019 Đ.111(3)).
        assert cal.working_days_between(date(2027, 12, 31), date(2028, 1, 4)) == 1
    with pytest.warns(EstimatedCalendarWarning):
        assert cal.add_working_days_many([date(2027, 12, 28)], 4) == [date(2028, 1, 4)]
    assert cal.year_status(2031) is motcua.CalendarStatus.ESTIMATED
    offs = cal.days_off(2031)
    assert all(d.estimated and d.basis == "by-rule" for d in offs)
    assert {d.kind for d in offs} >= {motcua.DayKind.TET, motcua.DayKind.HOLIDAY}
    assert any(d.date == date(2031, 11, 24) and d.source.key == "nq-28-2026-qh16" for d in offs)


def test_the_warning_points_at_the_caller(cal: WorkingCalendar) -> None:
    with pytest.warns(EstimatedCalendarWarning) as record:
        cal.add_working_days(date(2027, 12, 28), 4)
    assert record[0].filename == __file__


def test_no_warning_inside_the_data(cal: WorkingCalendar) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cal.add_working_days(date(2027, 12, 20), 7) == date(2027, 12, 29)
        assert cal.is_working_day(date(2027, 2, 9)) is False  # nghỉ bù Tết Đinh Mùi
        cal.days_off(2027)


def test_escalating_warnings_makes_estimates_errors(cal: WorkingCalendar) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", motcua.MotcuaWarning)
        with pytest.raises(EstimatedCalendarWarning):
            cal.add_working_days(date(2029, 1, 2), 1)


def test_days_off_records(cal: WorkingCalendar) -> None:
    offs = cal.days_off(2026)
    assert [d.date.isoformat() for d in offs if not d.on_weekend] == [
        "2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
        "2026-02-20", "2026-04-27", "2026-04-30", "2026-05-01", "2026-08-31", "2026-09-01",
        "2026-09-02", "2026-11-24",
    ]  # fmt: skip
    swapped = cal.day_off(date(2026, 1, 2))
    assert swapped is not None
    assert swapped.kind is motcua.DayKind.SWAPPED
    assert swapped.source.number == "12729/VPCP-KGVX"
    assert swapped.source.citation == "Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ"
    assert swapped.weekday_vi == "thứ Sáu"
    assert cal.day_off(date(2026, 1, 3)) is None  # a plain Saturday is not a record
    giotoo = cal.day_off(date(2026, 4, 26))
    assert giotoo is not None
    assert giotoo.on_weekend
    assert repr(swapped) == (
        "DayOff(2026-01-02, swapped, 'Hoán đổi Tết Dương lịch (làm bù 10/01/2026)', source='cv-12729-vpcp-2025')"
    )


def test_tet_2013_follows_the_1994_code(cal: WorkingCalendar) -> None:
    kinds = {d.date.day: d.kind.value for d in cal.days_off(2013) if d.date.month == 2}
    assert kinds == {9: "tet", 10: "tet", 11: "tet", 12: "tet", 13: "compensatory", 14: "compensatory", 15: "swapped"}


def test_proposed_swap_is_opt_in(cal: WorkingCalendar) -> None:
    assert cal.is_working_day(date(2026, 11, 23))
    assert not cal.is_working_day(date(2026, 11, 28))
    proposed = motcua.vietnam_calendar(include_proposed=True)
    assert not proposed.is_working_day(date(2026, 11, 23))
    assert proposed.is_working_day(date(2026, 11, 28))
    assert [m.basis for m in proposed.makeup_days(2026)] == ["announced", "announced", "proposed"]
    assert cal.add_working_days(date(2026, 11, 20), 3) == date(2026, 11, 26)
    assert proposed.add_working_days(date(2026, 11, 20), 3) == date(2026, 11, 27)
    assert proposed.add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 25)


def test_local_days_off_and_working_days(cal: WorkingCalendar) -> None:
    storm = cal.with_days_off([date(2025, 10, 27), date(2025, 10, 28)], source="Công điện 05/CĐ-UBND", name="Bão")
    assert not storm.is_working_day(date(2025, 10, 27))
    assert cal.is_working_day(date(2025, 10, 27))  # the national calendar is untouched
    assert storm.add_working_days(date(2025, 10, 24), 1) == date(2025, 10, 29)
    local = [d for d in storm.days_off(2025) if d.kind is motcua.DayKind.LOCAL]
    assert [(d.date.day, d.name, d.source.title, d.basis) for d in local] == [
        (27, "Bão", "Công điện 05/CĐ-UBND", "local"),
        (28, "Bão", "Công điện 05/CĐ-UBND", "local"),
    ]
    saturday = storm.with_working_days([date(2025, 11, 1)], source="Thông báo 9/TB-UBND")
    assert saturday.is_working_day(date(2025, 11, 1))
    assert saturday.add_working_days(date(2025, 10, 31), 1) == date(2025, 11, 1)
    assert [m.date for m in saturday.makeup_days(2025)] == [date(2025, 4, 26), date(2025, 11, 1)]
    with pytest.raises(ValueError, match="already an extra day off"):
        storm.with_working_days([date(2025, 10, 27)], source="x")
    with pytest.raises(ValueError, match="already an extra working day"):
        saturday.with_days_off([date(2025, 11, 1)], source="x")
    with pytest.raises(CalendarRangeError):
        cal.with_days_off([date(2012, 1, 1)], source="x")


def test_a_local_day_off_overrides_a_national_makeup_saturday(cal: WorkingCalendar) -> None:
    local = cal.with_days_off([date(2026, 1, 10)], source="Quyết định thử")
    assert not local.is_working_day(date(2026, 1, 10))
    assert local.makeup_days(2026)[0].date == date(2026, 8, 22)


def test_pickle_round_trip_keeps_local_changes(cal: WorkingCalendar) -> None:
    local = cal.with_days_off([date(2025, 10, 27)], source="x").with_office_hours("07:30-11:30, 13:30-17:00")
    local.add_working_days(date(2025, 10, 24), 1)  # build the tables first
    data = pickle.dumps(local)
    assert len(data) < 5_000  # tables are rebuilt, not shipped
    copy = pickle.loads(data)
    assert copy == local
    assert hash(copy) == hash(local)
    assert copy != cal
    assert copy.add_working_days(date(2025, 10, 24), 1) == date(2025, 10, 28)
    assert copy.office_hours == local.office_hours
    assert copy.extra_days_off == local.extra_days_off


def test_repr(cal: WorkingCalendar) -> None:
    assert repr(cal) == "<WorkingCalendar 'Lịch làm việc của cán bộ, công chức, viên chức': data until 2027-12-31>"
    local = cal.with_days_off([date(2025, 10, 27)], source="x").with_office_hours("07:30-11:30")
    assert repr(local).endswith("data until 2027-12-31, 1 local change, hours 07:30-11:30>")


def test_batches(cal: WorkingCalendar) -> None:
    assert cal.add_working_days_many([], 1) == []
    assert cal.add_working_days_many((date(2016, 2, 5),), 3) == [date(2016, 2, 17)]
    assert cal.add_working_days_many([date(2022, 4, 30)], 0) == [date(2022, 5, 4)]
    with pytest.raises(ValueError, match="different lengths"):
        cal.add_working_days_many([date(2016, 2, 5)], [1, 2])
    with pytest.raises(ValueError, match="different lengths"):
        cal.working_days_between_many([date(2016, 2, 5)], [])
    assert cal.working_days(date(2016, 2, 5), date(2016, 2, 16)) == [
        date(2016, 2, 5), date(2016, 2, 15), date(2016, 2, 16)
    ]  # fmt: skip
    assert cal.working_days(date(2016, 2, 6), date(2016, 2, 5)) == []


def test_numpy_batch_validates() -> None:
    np = pytest.importorskip("numpy")
    cal = motcua.vietnam_calendar()
    with pytest.raises(TypeError, match="datetime64"):
        cal.add_working_days_many(np.array([1, 2]), 1)
    with pytest.raises(CalendarRangeError):
        cal.add_working_days_many(np.array(["2012-01-01"], dtype="datetime64[D]"), 1)
    mixed = np.array(["2016-01-01", "2022-04-30", "2022-05-04", "2024-05-04"], dtype="datetime64[D]")
    steps = np.array([0, 0, -1, -2])
    expected = [cal.add_working_days(d, int(k)) for d, k in zip(mixed.tolist(), steps, strict=True)]
    assert cal.add_working_days_many(mixed, steps).tolist() == expected
    with pytest.raises(CalendarRangeError):
        cal.add_working_days_many(np.array(["2013-01-02"], dtype="datetime64[D]"), -3)
    empty = np.array([], dtype="datetime64[D]")
    assert cal.add_working_days_many(empty, 1).size == 0
    with pytest.warns(EstimatedCalendarWarning):
        got = cal.add_working_days_many(np.array(["2027-12-28"], dtype="datetime64[D]"), 4)
    assert got.tolist() == [date(2028, 1, 4)]
