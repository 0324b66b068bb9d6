"""Office hours and working-hour arithmetic."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import motcua
from motcua import OfficeHours, SeasonalOfficeHours, Session

HOURS = OfficeHours.parse("07:30-11:30, 13:30-17:00")
CAL = motcua.vietnam_calendar().with_office_hours(HOURS)


def test_parse_and_describe() -> None:
    assert HOURS.sessions == (Session(time(7, 30), time(11, 30)), Session(time(13, 30), time(17, 0)))
    assert str(HOURS) == "07:30-11:30, 13:30-17:00"
    assert HOURS.opening == time(7, 30)
    assert HOURS.closing == time(17, 0)
    assert HOURS.daily_duration() == timedelta(hours=7, minutes=30)
    assert OfficeHours.parse("7:00 – 11:30") == OfficeHours([(time(7), time(11, 30))])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("07:30", "cannot read office hours"),
        ("11:30-07:30", "start before it ends"),
        ("07:30-11:30, 11:00-17:00", "must not overlap"),
        ("13:30-17:00, 07:30-11:30", "in order"),
        ("25:00-26:00", "hour must be in"),
    ],
)
def test_bad_office_hours(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        OfficeHours.parse(text)


def test_sessions_validate_types() -> None:
    with pytest.raises(TypeError, match=r"Session\.start must be a datetime\.time"):
        Session("07:30", time(11, 30))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="local"):
        Session(time(7, 30, tzinfo=UTC), time(11, 30))
    with pytest.raises(ValueError, match="at least one session"):
        OfficeHours(())


def test_seasonal_hours_switch_on_month_days() -> None:
    summer = OfficeHours.parse("07:30-11:30, 13:30-17:30")
    winter = OfficeHours.parse("07:30-11:30, 13:00-17:00")
    hue = SeasonalOfficeHours({(10, 1): winter, (4, 1): summer})
    assert hue.hours_on(date(2026, 3, 31)) is winter
    assert hue.hours_on(date(2026, 4, 1)) is summer
    assert hue.hours_on(date(2026, 9, 30)) is summer
    assert hue.hours_on(date(2026, 10, 1)) is winter
    assert hue.hours_on(date(2026, 1, 1)) is winter  # wraps round the new year
    cal = motcua.vietnam_calendar().with_office_hours(hue)
    # Tue 31/3 16:30 (winter, closes 17:00): 0.5 h that day, then 1 h from 07:30 on Wed 1/4.
    assert cal.add_working_hours(datetime(2026, 3, 31, 16, 30), 1.5) == datetime(2026, 4, 1, 8, 30)
    assert cal.working_time_between(datetime(2026, 3, 31, 7, 30), datetime(2026, 4, 2, 7, 30)) == timedelta(hours=16)
    with pytest.raises(ValueError, match="month must be"):
        SeasonalOfficeHours({(13, 1): winter})
    with pytest.raises(ValueError, match="at least one season"):
        SeasonalOfficeHours({})


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        (datetime(2026, 1, 5, 7, 30), 4, datetime(2026, 1, 5, 11, 30)),  # ends the morning: 11:30, not 13:30
        (datetime(2026, 1, 5, 7, 30), 7.5, datetime(2026, 1, 5, 17, 0)),  # ends the day: 17:00, not 07:30
        (datetime(2026, 1, 5, 10, 0), 2, datetime(2026, 1, 5, 14, 0)),  # across lunch
        (datetime(2026, 1, 5, 12, 15), 1, datetime(2026, 1, 5, 14, 30)),  # received during lunch
        (datetime(2026, 1, 5, 18, 0), 1, datetime(2026, 1, 6, 8, 30)),  # after closing
        (datetime(2026, 1, 5, 6, 0), 1, datetime(2026, 1, 5, 8, 30)),  # before opening
        (datetime(2026, 1, 9, 16, 0), 2, datetime(2026, 1, 10, 8, 30)),  # make-up Saturday works
        (datetime(2026, 1, 1, 9, 0), 1, datetime(2026, 1, 5, 8, 30)),  # holiday + swapped day + weekend
        (datetime(2026, 2, 13, 16, 0), timedelta(hours=4), datetime(2026, 2, 23, 10, 30)),  # over Tết
        (datetime(2026, 1, 5, 7, 30), 75, datetime(2026, 1, 15, 17, 0)),  # ten full days, Sat 10/1 among them
    ],
)
def test_add_working_hours(start: datetime, hours: float | timedelta, due: datetime) -> None:
    assert CAL.add_working_hours(start, hours) == due


def test_aware_moments_are_converted_and_stay_aware() -> None:
    utc = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)  # 08:00 in Hà Nội
    due = CAL.add_working_hours(utc, 1)
    assert due == datetime(2026, 1, 5, 9, 0, tzinfo=motcua.VN_TZ)
    assert due.utcoffset() == timedelta(hours=7)
    with pytest.raises(TypeError, match="both be naive or both be aware"):
        CAL.working_time_between(utc, datetime(2026, 1, 5, 9, 0))


def test_bad_hour_arguments() -> None:
    with pytest.raises(motcua.MissingOfficeHoursError, match="with_office_hours"):
        motcua.vietnam_calendar().add_working_hours(datetime(2026, 1, 5, 8), 1)
    with pytest.raises(ValueError, match="positive"):
        CAL.add_working_hours(datetime(2026, 1, 5, 8), 0)
    with pytest.raises(TypeError, match="number of hours or a timedelta"):
        CAL.add_working_hours(datetime(2026, 1, 5, 8), "1")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"moment must be a datetime\.datetime"):
        CAL.add_working_hours(date(2026, 1, 5), 1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="hours must be OfficeHours"):
        motcua.vietnam_calendar().with_office_hours(8)  # type: ignore[arg-type]


def test_hours_past_the_data_warn() -> None:
    with pytest.warns(motcua.EstimatedCalendarWarning):
        assert CAL.add_working_hours(datetime(2027, 12, 31, 16, 0), 2) == datetime(2028, 1, 4, 8, 30)


moments = st.datetimes(min_value=datetime(2014, 1, 1), max_value=datetime(2026, 12, 31, 23, 59))
amounts = st.integers(min_value=1, max_value=200 * 60).map(lambda m: timedelta(minutes=m))


@given(moments, amounts)
def test_between_inverts_add_hours(start: datetime, amount: timedelta) -> None:
    due = CAL.add_working_hours(start, amount)
    assert due > start
    assert CAL.working_time_between(start, due) == amount
    assert CAL.working_time_between(due, start) == -amount


@given(moments, amounts, amounts)
def test_add_hours_composes(start: datetime, a: timedelta, b: timedelta) -> None:
    # Composition holds up to the session-end convention: stopping at 11:30 and going on is the
    # same as going on from 13:30.
    assert CAL.add_working_hours(CAL.add_working_hours(start, a), b) == CAL.add_working_hours(start, a + b)


@given(moments, amounts)
def test_result_lies_in_a_session_of_a_working_day(start: datetime, amount: timedelta) -> None:
    due = CAL.add_working_hours(start, amount)
    assert CAL.is_working_day(due.date())
    assert any(s.start < due.time() <= s.end for s in HOURS.sessions)
