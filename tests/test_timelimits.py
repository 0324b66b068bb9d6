"""Time-limit types and the deadlines they give."""

from __future__ import annotations

import warnings
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import motcua
from motcua import (
    CalendarDays,
    ClockHours,
    Conventions,
    MissingOfficeHoursError,
    SameDay,
    WorkingDays,
    WorkingHours,
)

from .strategies import announced_days

CAL = motcua.vietnam_calendar()
HOURS = CAL.with_office_hours("07:30-11:30, 13:30-17:00")


def test_distinct_frozen_types_add_within_their_kind() -> None:
    assert WorkingDays(3) + WorkingDays(2) == WorkingDays(5)
    assert CalendarDays(10) + CalendarDays(5) == CalendarDays(15)
    assert WorkingHours(4) + WorkingHours(4) == WorkingHours(8)
    assert ClockHours(12) + ClockHours(12) == ClockHours(24)
    assert WorkingDays(3) != CalendarDays(3)
    assert len({WorkingDays(3), WorkingDays(3), CalendarDays(3)}) == 2
    with pytest.raises(AttributeError):
        WorkingDays(3).n = 4  # type: ignore[misc]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (WorkingDays(3), CalendarDays(2)),
        (CalendarDays(3), WorkingDays(2)),
        (WorkingHours(3), WorkingDays(1)),
        (WorkingDays(1), SameDay()),
        (SameDay(), WorkingDays(1)),
        (SameDay(), SameDay()),
        (WorkingDays(1), 1),
    ],
)
def test_mixing_kinds_is_a_type_error(a: object, b: object) -> None:
    with pytest.raises(TypeError):
        a + b  # type: ignore[operator]


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: WorkingDays(0), ValueError, "meaningless"),
        (lambda: WorkingDays(-2), ValueError, "meaningless"),
        (lambda: CalendarDays(0), ValueError, "meaningless"),
        (lambda: WorkingDays(1.5), TypeError, "must be an int, got float"),
        (lambda: WorkingDays(True), TypeError, "must be an int, got bool"),
        (lambda: WorkingHours(0), ValueError, "positive"),
        (lambda: WorkingHours(float("inf")), ValueError, "positive"),
        (lambda: WorkingHours("8"), TypeError, "must be a number"),
        (lambda: SameDay(cutoff="15:00"), TypeError, "cutoff must be a datetime.time"),
        (lambda: Conventions(after_hours_receipt="tomorrow"), ValueError, "after_hours_receipt"),
    ],
)
def test_bad_limits(make: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        make()  # type: ignore[operator]


# calendar.md §6.2, all eight worked examples.
@pytest.mark.parametrize(
    ("received", "limit", "due"),
    [
        (datetime(2016, 2, 5, 10, 0), WorkingDays(3), date(2016, 2, 17)),
        (datetime(2016, 4, 15, 15, 30), SameDay(), date(2016, 4, 19)),
        (datetime(2019, 4, 26, 9, 0), WorkingDays(5), date(2019, 5, 7)),
        (datetime(2022, 1, 20, 9, 0), CalendarDays(15), date(2022, 2, 7)),
        (datetime(2022, 4, 30, 10, 0), WorkingDays(2), date(2022, 5, 6)),
        (datetime(2025, 4, 25, 16, 0), SameDay(), date(2025, 4, 26)),
        (datetime(2025, 8, 26, 9, 0), CalendarDays(5), date(2025, 9, 3)),
        (datetime(2026, 1, 9, 17, 30), WorkingDays(1), date(2026, 1, 10)),
    ],
)
def test_worked_examples(received: datetime, limit: motcua.TimeLimit, due: date) -> None:
    deadline = limit.deadline(received)
    assert deadline.date == due
    assert deadline.due_at == datetime.combine(due, time.max)


def test_same_day_cutoff_is_inclusive_and_deemed_receipts_count_at_opening() -> None:
    assert SameDay().deadline(datetime(2026, 3, 4, 15, 0)).date == date(2026, 3, 4)
    assert SameDay().deadline(datetime(2026, 3, 4, 15, 0, 1)).date == date(2026, 3, 5)
    assert SameDay().deadline(datetime(2026, 3, 7, 20, 0)).date == date(2026, 3, 9)  # Saturday evening
    assert SameDay(cutoff=None).deadline(datetime(2026, 3, 4, 22, 0)).date == date(2026, 3, 4)
    assert SameDay(cutoff=time(16, 30)).deadline(datetime(2026, 3, 4, 16, 0)).date == date(2026, 3, 4)
    assert SameDay().deadline(date(2026, 3, 4)).date == date(2026, 3, 4)


def test_receipt_day_and_deemed() -> None:
    weekend = WorkingDays(1).deadline(datetime(2026, 2, 14, 9, 0))  # Saturday before Tết
    assert (weekend.receipt_day, weekend.deemed, weekend.date) == (date(2026, 2, 23), True, date(2026, 2, 24))
    late = WorkingDays(1).deadline(datetime(2026, 2, 13, 23, 0))  # a working day, late at night
    assert (late.receipt_day, late.deemed, late.date) == (date(2026, 2, 13), False, date(2026, 2, 23))


def test_after_hours_online_option() -> None:
    option = Conventions(after_hours_receipt="next-working-day")
    d = WorkingDays(1).deadline(datetime(2026, 1, 9, 17, 30), HOURS, conventions=option)
    assert (d.receipt_day, d.deemed, d.date) == (date(2026, 1, 10), True, date(2026, 1, 12))
    d = WorkingDays(1).deadline(datetime(2026, 1, 9, 16, 59), HOURS, conventions=option)
    assert d.date == date(2026, 1, 10)
    with pytest.raises(MissingOfficeHoursError, match="needs office hours"):
        WorkingDays(1).deadline(datetime(2026, 1, 9, 17, 30), conventions=option)


def test_working_days_as_hours_option() -> None:
    option = Conventions(working_days_as_hours=True)
    d = WorkingDays(1).deadline(datetime(2026, 1, 5, 10, 0), HOURS, conventions=option)
    assert d.due_at == datetime(2026, 1, 6, 10, 0)
    d = WorkingDays(2).deadline(datetime(2026, 1, 9, 16, 0), HOURS, conventions=option)
    assert d.due_at == datetime(2026, 1, 12, 16, 0)  # 15 h: 1 h Fri, 7.5 h on make-up Sat 10/1, 6.5 h Mon
    with pytest.raises(MissingOfficeHoursError):
        WorkingDays(1).deadline(datetime(2026, 1, 5, 10, 0), conventions=option)


def test_calendar_period_ending_on_a_makeup_saturday() -> None:
    assert CalendarDays(5).deadline(date(2026, 1, 5)).date == date(2026, 1, 10)
    option = Conventions(makeup_saturday_ends_period=False)
    assert CalendarDays(5).deadline(date(2026, 1, 5), conventions=option).date == date(2026, 1, 12)


def test_hour_limits() -> None:
    d = WorkingHours(8).deadline(datetime(2026, 1, 9, 16, 0), HOURS)
    assert d.due_at == datetime(2026, 1, 10, 16, 30)  # 1 h on Friday, 7 h on the make-up Saturday
    with pytest.raises(MissingOfficeHoursError):
        WorkingHours(8).deadline(datetime(2026, 1, 9, 16, 0))
    assert ClockHours(24).deadline(datetime(2027, 3, 5, 16, 0)).due_at == datetime(2027, 3, 6, 16, 0)
    sunday = ClockHours(24).deadline(datetime(2027, 3, 7, 9, 0), HOURS)
    assert sunday.due_at == datetime(2027, 3, 9, 7, 30)  # deemed received at Monday's opening


def test_deadlines_are_values() -> None:
    import pickle

    d = WorkingDays(3).deadline(datetime(2016, 2, 5, 10, 0))
    assert pickle.loads(pickle.dumps(d)) == d
    assert d == motcua.TimeLimit.deadline(WorkingDays(3), datetime(2016, 2, 5, 10, 0))
    assert d._replace(legal_basis=()) == d
    with pytest.raises(AttributeError):
        d.date = date(2016, 2, 18)  # type: ignore[misc]


def test_aware_receipts_give_aware_due_moments() -> None:
    d = WorkingDays(1).deadline(datetime(2026, 1, 9, 2, 0, tzinfo=UTC), HOURS)  # 09:00 in Vietnam
    assert d.due_at == datetime(2026, 1, 10, 17, 0, tzinfo=motcua.VN_TZ)
    assert d.is_met_by(datetime(2026, 1, 10, 9, 59, tzinfo=UTC))
    assert not d.is_met_by(datetime(2026, 1, 10, 10, 1, tzinfo=UTC))
    assert d.is_met_by(datetime(2026, 1, 10, 16, 0))  # naive = Vietnam time
    assert d.is_met_by(date(2026, 1, 10))
    assert not d.is_met_by(date(2026, 1, 11))


def test_bad_receipts() -> None:
    with pytest.raises(TypeError, match="received_at must be a datetime"):
        WorkingDays(1).deadline("2026-01-09")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="calendar must be a WorkingCalendar"):
        WorkingDays(1).deadline(date(2026, 1, 9), "vn")  # type: ignore[arg-type]
    with pytest.raises(motcua.CalendarRangeError):
        WorkingDays(1).deadline(date(2012, 6, 1))


def test_explanations() -> None:
    d = WorkingDays(5).deadline(datetime(2019, 4, 26, 9, 0))
    vi = d.explain()
    assert vi == str(d)
    assert "Thời hạn: 05 ngày làm việc." in vi
    assert "29/04 thứ Hai – Hoán đổi 30/4–1/5 (làm bù 04/05/2019) (Công văn 6519/VPCP-KGVX" in vi
    assert "ngày 3 04/05 (thứ Bảy, làm bù, Công văn 6519/VPCP-KGVX" in vi
    assert vi.endswith("Hạn trả kết quả: hết ngày thứ Ba 07/05/2019.")
    en = d.explain("en")
    assert "30/04 Tuesday – Ngày Chiến thắng 30/4 (public holiday)" in en
    assert "day 3 04/05 (Saturday, make-up working day" in en
    assert "Civil Code 2015, Art. 147" in en
    with pytest.raises(ValueError, match="language"):
        d.explain("fr")  # type: ignore[arg-type]
    cal_days = CalendarDays(15).deadline(datetime(2022, 1, 20, 9, 0)).explain("en")
    assert "Art. 148(5)" in cal_days
    assert "04/02 Friday – Tết Nguyên đán 2022 – mùng 4 (Tết)" in cal_days
    assert "<li>" in d._repr_html_()
    assert repr(d) == "<Deadline WorkingDays(5) from 2019-04-26: due end of 2019-05-07>"


def test_estimated_deadlines_say_so() -> None:
    with pytest.warns(motcua.EstimatedCalendarWarning):
        d = WorkingDays(3).deadline(date(2027, 12, 30))
    assert d.estimated
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", motcua.EstimatedCalendarWarning)
        assert "Note: the due date lies past the announced calendar" in d.explain("en")


def test_scaled() -> None:
    assert WorkingDays(10).scaled(0.7) == WorkingDays(7)
    assert WorkingDays(5).scaled(0.7) == WorkingDays(3)
    assert WorkingDays(5).scaled(0.7, "up") == WorkingDays(4)
    assert WorkingDays(5).scaled(0.7, "nearest") == WorkingDays(4)
    assert WorkingDays(1).scaled(0.5) == WorkingDays(1)  # never below one day
    assert CalendarDays(15).scaled(0.5) == CalendarDays(7)
    assert WorkingHours(8).scaled(0.7) == WorkingHours(8 * 0.7)  # hours scale exactly
    assert ClockHours(24).scaled(0.5) == ClockHours(12)
    with pytest.raises(ValueError, match="factor"):
        WorkingDays(3).scaled(0)
    with pytest.raises(ValueError, match="rounding"):
        WorkingDays(3).scaled(0.5, "sideways")  # type: ignore[arg-type]


@given(announced_days, st.integers(min_value=1, max_value=60))
def test_working_days_law(day: date, n: int) -> None:
    d = WorkingDays(n).deadline(day)
    assert d.receipt_day == CAL.add_working_days(day, 0)
    assert d.date == CAL.add_working_days(d.receipt_day, n)
    assert CAL.working_days_between(d.receipt_day, d.date) == n


@given(announced_days, st.integers(min_value=1, max_value=90))
def test_calendar_days_law(day: date, n: int) -> None:
    d = CalendarDays(n).deadline(day)
    last = d.receipt_day + timedelta(days=n)
    assert d.date >= last
    assert CAL.is_working_day(d.date)
    assert all(not CAL.is_working_day(last + timedelta(days=i)) for i in range((d.date - last).days))


@given(st.datetimes(min_value=datetime(2014, 1, 1), max_value=datetime(2026, 12, 1)))
def test_same_day_law(moment: datetime) -> None:
    d = SameDay().deadline(moment)
    if CAL.is_working_day(moment.date()):
        expected = moment.date() if moment.time() <= time(15) else CAL.add_working_days(moment.date(), 1)
    else:
        expected = CAL.add_working_days(moment.date(), 0)
    assert d.date == expected


@given(st.lists(announced_days, min_size=1, max_size=40), st.integers(min_value=1, max_value=60))
def test_batch_due_dates_equal_scalar(days: list[date], n: int) -> None:
    expected = [WorkingDays(n).deadline(d).date for d in days]
    assert WorkingDays(n).due_dates(days) == expected
    assert CalendarDays(n).due_dates(days) == [CalendarDays(n).deadline(d).date for d in days]


def test_batch_due_dates_numpy() -> None:
    np = pytest.importorskip("numpy")
    days = np.array(["2016-02-05", "2022-04-30", "2026-01-09"], dtype="datetime64[D]")
    got = WorkingDays(2).due_dates(days)
    assert got.tolist() == [date(2016, 2, 16), date(2022, 5, 6), date(2026, 1, 12)]


@given(
    st.datetimes(min_value=datetime(2013, 1, 1), max_value=datetime(2027, 12, 31, 23, 59)),
    st.integers(min_value=1, max_value=300),
)
def test_working_days_fast_path_equals_the_general_path(moment: datetime, n: int) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", motcua.EstimatedCalendarWarning)
        fast = WorkingDays(n).deadline(moment)
        general = motcua.TimeLimit.deadline(WorkingDays(n), moment)
    assert (fast.date, fast.receipt_day, fast.deemed, fast.due_at, fast.conventions, fast.legal_basis) == (
        general.date,
        general.receipt_day,
        general.deemed,
        general.due_at,
        general.conventions,
        general.legal_basis,
    )
    assert repr(fast) == repr(general)


def test_clock_hours_deemed_receipt_says_when_the_hours_start() -> None:
    """Without office hours a deemed receipt starts at 00:00, and the explanation must say so."""
    received = datetime(2027, 3, 6, 10, 0)  # Saturday
    bare = ClockHours(24).deadline(received)
    assert bare.due_at == datetime(2027, 3, 9, 0, 0)
    assert "deemed received at 00:00 on Monday 08/03/2027" in bare.explain("en")
    assert "coi như tiếp nhận vào lúc 00:00 thứ Hai 08/03/2027" in bare.explain("vi")
    assert "with_office_hours()" in bare.explain("en")
    opened = ClockHours(24).deadline(received, HOURS)
    assert opened.due_at == datetime(2027, 3, 9, 7, 30)
    assert "at the opening of Monday 08/03/2027" in opened.explain("en")
    assert "with_office_hours" not in opened.explain("en")


@given(
    st.dates(date(2016, 1, 1), date(2027, 6, 30)),
    st.times(),
    st.sampled_from([WorkingDays(3), CalendarDays(15), SameDay()]),
)
def test_a_receipt_cutoff_moves_late_receipts_to_the_next_working_day(
    day: date, at: time, limit: motcua.TimeLimit
) -> None:
    cutoff = Conventions(receipt_cutoff=time(15, 0))
    received = datetime.combine(day, at)
    with_cutoff = limit.deadline(received, conventions=cutoff)
    if CAL.is_working_day(day) and at > time(15, 0):
        following = CAL.add_working_days(day, 1)
        assert with_cutoff.receipt_day == following
        assert with_cutoff.date == limit.deadline(following).date
        assert "received after 15:00" in with_cutoff.explain("en")
    else:
        assert with_cutoff.date == limit.deadline(received).date
        assert with_cutoff.receipt_day == limit.deadline(received).receipt_day


def test_a_receipt_cutoff_is_a_naive_time() -> None:
    with pytest.raises(TypeError, match="receipt_cutoff"):
        Conventions(receipt_cutoff="15:00")  # type: ignore[arg-type]
