"""Laws of the working-day arithmetic, checked with Hypothesis against a day-by-day reference."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

import motcua

from .strategies import announced_days, small_n

CAL = motcua.vietnam_calendar()


def reference_add(day: date, n: int) -> date:
    """The contract, walked one day at a time."""
    if n == 0:
        while not CAL.is_working_day(day):
            day += timedelta(days=1)
        return day
    step = timedelta(days=1 if n > 0 else -1)
    remaining = abs(n)
    while remaining:
        day += step
        if CAL.is_working_day(day):
            remaining -= 1
    return day


def reference_between(start: date, end: date) -> int:
    sign = 1
    if end < start:
        start, end, sign = end, start, -1
    days = ((start + timedelta(days=i)) for i in range(1, (end - start).days + 1))
    return sign * sum(CAL.is_working_day(d) for d in days)


@given(announced_days, st.integers(min_value=-250, max_value=250))
def test_add_matches_the_day_by_day_reference(day: date, n: int) -> None:
    assert CAL.add_working_days(day, n) == reference_add(day, n)


@given(announced_days, st.integers(min_value=0, max_value=400))
def test_between_matches_the_day_by_day_reference(start: date, span: int) -> None:
    end = min(start + timedelta(days=span), date(2027, 12, 31))
    assert CAL.working_days_between(start, end) == reference_between(start, end)
    assert CAL.working_days_between(end, start) == reference_between(end, start)


@given(announced_days, small_n)
def test_between_inverts_add(day: date, n: int) -> None:
    assert CAL.working_days_between(day, CAL.add_working_days(day, n)) == n


@given(announced_days, small_n)
def test_result_is_a_working_day_strictly_after(day: date, n: int) -> None:
    result = CAL.add_working_days(day, n)
    assert result > day
    assert CAL.is_working_day(result)


@given(announced_days, st.integers(min_value=1, max_value=249))
def test_monotonic_in_n(day: date, n: int) -> None:
    assert CAL.add_working_days(day, n) < CAL.add_working_days(day, n + 1)


@given(announced_days, announced_days, small_n)
def test_monotonic_in_day(a: date, b: date, n: int) -> None:
    if a <= b:
        assert CAL.add_working_days(a, n) <= CAL.add_working_days(b, n)


@given(announced_days)
def test_zero_rolls_forward(day: date) -> None:
    if CAL.is_working_day(day):
        assert CAL.add_working_days(day, 0) == day
    else:
        assert CAL.add_working_days(day, 0) == CAL.add_working_days(day, 1)


@given(announced_days, small_n)
def test_negative_is_symmetric(day: date, n: int) -> None:
    there = CAL.add_working_days(day, n)
    back = CAL.add_working_days(there, -n)
    # From a working day we come back to it; from a day off, to the last working day before it.
    assert back == (day if CAL.is_working_day(day) else CAL.add_working_days(day, -1))
    assert CAL.add_working_days(day, -n) < day


@given(announced_days, announced_days, announced_days)
def test_between_is_additive_and_antisymmetric(a: date, b: date, c: date) -> None:
    ab, bc, ac = (CAL.working_days_between(x, y) for x, y in ((a, b), (b, c), (a, c)))
    assert ab + bc == ac
    assert CAL.working_days_between(b, a) == -ab
    assert CAL.working_days_between(a, a) == 0


@given(announced_days)
def test_one_day_step(day: date) -> None:
    assert CAL.working_days_between(day, day + timedelta(days=1)) == int(CAL.is_working_day(day + timedelta(days=1)))


@given(st.sampled_from([m.date for y in range(2013, 2027) for m in CAL.makeup_days(y)]))
def test_a_makeup_saturday_counts(saturday: date) -> None:
    friday = saturday - timedelta(days=1)
    assert CAL.is_working_day(saturday)
    if CAL.is_working_day(friday):
        assert CAL.add_working_days(friday, 1) == saturday
    assert CAL.working_days_between(friday, saturday) == 1


@given(st.lists(st.tuples(announced_days, small_n), min_size=1, max_size=50))
def test_batch_equals_scalar(pairs: list[tuple[date, int]]) -> None:
    days = [d for d, _ in pairs]
    ns = [n for _, n in pairs]
    assert CAL.add_working_days_many(days, ns) == [CAL.add_working_days(d, n) for d, n in pairs]
    ends = [CAL.add_working_days(d, n) for d, n in pairs]
    assert CAL.working_days_between_many(days, ends) == ns


@given(st.lists(st.tuples(announced_days, small_n), min_size=1, max_size=50))
def test_numpy_batch_equals_scalar(pairs: list[tuple[date, int]]) -> None:
    import numpy as np

    days = np.array([d.isoformat() for d, _ in pairs], dtype="datetime64[D]")
    ns = np.array([n for _, n in pairs])
    got = CAL.add_working_days_many(days, ns)
    assert got.dtype == np.dtype("datetime64[D]")
    assert got.tolist() == [CAL.add_working_days(d, n) for d, n in pairs]


@given(announced_days, st.integers(min_value=1, max_value=60))
def test_agrees_with_python_holidays_away_from_its_known_gaps(day: date, n: int) -> None:
    import holidays

    table = _python_holidays()
    result = CAL.add_working_days(day, n)
    gaps = [d for d in motcua._vietnam_data.vietnam_data().corrections if day <= d <= result]
    if not gaps:
        assert table.get_nth_working_day(day, n) == result
    assert isinstance(table, holidays.HolidayBase)


_TABLE: list[object] = []


def _python_holidays() -> object:
    import holidays

    if not _TABLE:
        _TABLE.append(holidays.country_holidays("VN", years=range(2012, 2029), language="vi"))
    return _TABLE[0]


@given(st.lists(announced_days, min_size=1, max_size=50), st.integers(min_value=-250, max_value=250))
def test_batch_with_one_n_equals_scalar(days: list[date], n: int) -> None:
    assert CAL.add_working_days_many(days, n) == [CAL.add_working_days(d, n) for d in days]
