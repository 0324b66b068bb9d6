"""The Vietnamese civil-service working-day calendar.

>>> from datetime import date
>>> from motcua import vietnam_calendar
>>> cal = vietnam_calendar()
>>> cal.is_working_day(date(2026, 1, 2))      # swapped off (Công văn 12729/VPCP-KGVX)
False
>>> cal.is_working_day(date(2026, 1, 10))     # the make-up Saturday for it
True
>>> cal.add_working_days(date(2016, 2, 5), 3)  # across the 2016 Tết break
datetime.date(2016, 2, 17)
>>> cal.working_days_between(date(2016, 2, 5), date(2016, 2, 17))
3

Conventions (the public contract, see the concepts page of the documentation):

* ``add_working_days(day, n)`` for ``n >= 1`` is the n-th working day strictly after ``day``,
  whether or not ``day`` is itself a working day; ``n == 0`` returns ``day`` if it is a working
  day, else the next working day; ``n <= -1`` counts backwards the same way.
* ``working_days_between(start, end)`` counts working days ``d`` with ``start < d <= end``,
  negated when ``end < start``; so ``working_days_between(d, add_working_days(d, n)) == n``.
* A make-up Saturday is a working day; swapped, compensatory, Tết and holiday days are not.
"""

from __future__ import annotations

import bisect
import functools
import operator
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import attrs

from ._table import BASE, BASE_DATE, HoursTable, Table
from ._vietnam_data import FIRST_YEAR, LAST_YEAR, VietnamData, vietnam_data
from ._warn import warn
from .days import CalendarStatus, DayKind, DayOff, MakeupDay
from .errors import CalendarRangeError, EstimatedCalendarWarning, MissingOfficeHoursError
from .office_hours import OfficeHours, OfficeSchedule
from .sources import LegalSource, sources

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from .year_view import CalendarYear

__all__ = ["VN_TZ", "WorkingCalendar", "vietnam_calendar"]

#: Vietnam's time zone. It has been UTC+07:00 without daylight saving since 1975, so a fixed
#: offset is exact for every date motcua handles and needs no tz database.
VN_TZ = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")

_LAST_DATE = date(LAST_YEAR, 12, 31)
_US = 1_000_000


class _Cache:
    """Per-calendar lazily built tables. Never pickled: a copy rebuilds its own."""

    __slots__ = ("rule_makeups", "rule_offs", "table")

    def __init__(self) -> None:
        self.table: Table | None = None
        self.rule_offs: tuple[DayOff, ...] | None = None
        self.rule_makeups: tuple[MakeupDay, ...] | None = None

    def __reduce__(self) -> tuple[type[_Cache], tuple[()]]:
        return (_Cache, ())


def _check_day(value: object, name: str) -> date:
    if type(value) is date:
        return value
    if isinstance(value, datetime):
        raise TypeError(f"{name} must be a datetime.date, not a datetime; pass {name}.date()")
    raise TypeError(f"{name} must be a datetime.date, got {type(value).__name__}")


def _check_int(value: object, name: str) -> int:
    if isinstance(value, bool):
        raise TypeError(f"{name} must be an int, got bool")
    try:
        return operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"{name} must be an int, got {type(value).__name__}") from None


def _range_error(day: date | str) -> CalendarRangeError:
    return CalendarRangeError(
        f"{day} is outside the supported range {BASE_DATE} to {_LAST_DATE}: the civil-service data "
        f"starts in {FIRST_YEAR} and python-holidays computes Vietnam's lunar holidays up to {LAST_YEAR}"
    )


@attrs.frozen(repr=False, eq=False)
class WorkingCalendar:
    """Which days are working days for Vietnamese civil servants, and arithmetic on them.

    Get the national calendar with :func:`vietnam_calendar`; derive a local one with
    :meth:`with_days_off`, :meth:`with_working_days` and :meth:`with_office_hours`. Instances are
    immutable, hashable, cheap to share and picklable; two calendars are equal when they have
    the same data, options and local changes.
    """

    name: str
    _data: VietnamData = attrs.field(alias="data")
    include_proposed: bool = False
    extra_days_off: tuple[DayOff, ...] = ()
    extra_working_days: tuple[MakeupDay, ...] = ()
    office_hours: OfficeSchedule | None = None
    _cache: _Cache = attrs.field(init=False, factory=_Cache)
    # The hot paths read this one slot (a copy of the table's ``fast`` tuple) and nothing else.
    _fast: tuple[Any, ...] | None = attrs.field(init=False, default=None)

    # ------------------------------------------------------------------ coverage and data

    @property
    def first_day(self) -> date:
        """The first day the calendar answers for (2013-01-01)."""
        return BASE_DATE

    @property
    def last_day(self) -> date:
        """The last day the calendar answers for (2100-12-31, the end of python-holidays' lunar tables)."""
        return _LAST_DATE

    @property
    def data_until(self) -> date:
        """The last day of the announced data; later days follow the Labour Code rules and warn."""
        return date(self._data.last_year, 12, 31)

    @property
    def data_as_of(self) -> date:
        """When the shipped calendar data was last reviewed."""
        return self._data.data_as_of

    def year_status(self, year: int) -> CalendarStatus:
        """``confirmed`` for fully announced years, ``estimated`` otherwise.

        >>> vietnam_calendar().year_status(2026), vietnam_calendar().year_status(2030)
        (<CalendarStatus.CONFIRMED: 'confirmed'>, <CalendarStatus.ESTIMATED: 'estimated'>)
        """
        self._check_year(year)
        entry = self._data.years.get(year)
        return entry[0] if entry else CalendarStatus.ESTIMATED

    def year_note(self, year: int) -> str:
        """A Vietnamese note on how the year's schedule was decided."""
        self._check_year(year)
        entry = self._data.years.get(year)
        if entry:
            return entry[1]
        return (
            "Ước tính theo Bộ luật Lao động 2019 (Đ.111(3), Đ.112) qua python-holidays; "
            "chưa có thông báo hoán đổi, làm bù."
        )

    def _check_year(self, year: int) -> None:
        year = _check_int(year, "year")
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise _range_error(f"year {year}")

    def days_off(self, year: int) -> tuple[DayOff, ...]:
        """The year's holidays and non-working weekdays, sorted by date.

        Holidays on a weekend are included (flagged by :attr:`DayOff.on_weekend`); they are what
        produce the compensatory days.

        >>> [(d.date.isoformat(), d.kind.value) for d in vietnam_calendar().days_off(2026)][:3]
        [('2026-01-01', 'holiday'), ('2026-01-02', 'swapped'), ('2026-02-16', 'tet')]
        """
        self._check_year(year)
        base = self._base_offs(year)
        local = {d.date: d for d in self.extra_days_off if d.date.year == year}
        merged = [d for d in base if d.date not in local]
        merged.extend(local.values())
        return tuple(sorted(merged, key=lambda d: d.date))

    def makeup_days(self, year: int) -> tuple[MakeupDay, ...]:
        """The weekend days worked in the year (làm bù), sorted by date.

        >>> [(m.date.isoformat(), m.replaces.isoformat()) for m in vietnam_calendar().makeup_days(2026)]
        [('2026-01-10', '2026-01-02'), ('2026-08-22', '2026-08-31')]
        """
        self._check_year(year)
        local_off = {d.date for d in self.extra_days_off}
        if year in self._data.years:
            base = [m for m in self._data.makeup_days if m.date.year == year and self._in_force(m.basis)]
        else:
            base = [m for m in self._rule_makeups() if m.date.year == year]
        merged = [m for m in base if m.date not in local_off]
        merged.extend(m for m in self.extra_working_days if m.date.year == year)
        return tuple(sorted(merged, key=lambda m: m.date))

    def year(self, year: int, months: Sequence[int] | None = None) -> CalendarYear:
        """The year (or *months* of it) to read: month grids, days off and make-up days with sources.

        Prints as text, shows as HTML in a notebook, and gives records for pandas.

        >>> vietnam_calendar().year(2026)
        <CalendarYear 2026: 15 days off, 2 make-up days>
        """
        from .year_view import CalendarYear

        self._check_year(year)
        return CalendarYear(self, year, months)

    def day_off(self, day: date) -> DayOff | None:
        """The :class:`DayOff` record for *day*, or ``None`` (a plain weekend is not a record)."""
        day = _check_day(day, "day")
        for entry in self.days_off(day.year):
            if entry.date == day:
                return entry
        return None

    def _in_force(self, basis: str) -> bool:
        return basis != "proposed" or self.include_proposed

    def _base_offs(self, year: int) -> list[DayOff]:
        if year in self._data.years:
            return [d for d in self._data.days_off if d.date.year == year and self._in_force(d.basis)]
        return [d for d in self._rule_offs() if d.date.year == year]

    def _rule_offs(self) -> tuple[DayOff, ...]:
        if self._cache.rule_offs is None:
            self._cache.rule_offs, self._cache.rule_makeups = _rule_years(self._data.last_year + 1, LAST_YEAR)
        return self._cache.rule_offs

    def _rule_makeups(self) -> tuple[MakeupDay, ...]:
        self._rule_offs()
        assert self._cache.rule_makeups is not None
        return self._cache.rule_makeups

    # ------------------------------------------------------------------ deriving local calendars

    def with_days_off(
        self, days: Iterable[date], *, name: str = "Nghỉ theo quyết định địa phương", source: str | LegalSource
    ) -> WorkingCalendar:
        """A copy with extra days off, e.g. a provincial closure for a storm.

        ``source`` names the decision (a string such as "Quyết định 123/QĐ-UBND ngày …", or a
        :class:`LegalSource`); it is reported by :meth:`days_off`.

        >>> from datetime import date
        >>> cal = vietnam_calendar().with_days_off([date(2025, 10, 27)], source="Công điện 05/CĐ-UBND")
        >>> cal.is_working_day(date(2025, 10, 27)), vietnam_calendar().is_working_day(date(2025, 10, 27))
        (False, True)
        """
        src = source if isinstance(source, LegalSource) else LegalSource.local(source)
        added = [
            DayOff(date=day, name=name, kind=DayKind.LOCAL, source=src, basis="local")
            for day in _local_days(days, clashes=self.extra_working_days, what="an extra working day")
        ]
        merged = {d.date: d for d in (*self.extra_days_off, *added)}
        return attrs.evolve(self, extra_days_off=tuple(sorted(merged.values(), key=lambda d: d.date)))

    def with_working_days(
        self, days: Iterable[date], *, name: str = "Làm việc theo quyết định địa phương", source: str | LegalSource
    ) -> WorkingCalendar:
        """A copy in which the given days are working days (e.g. a local make-up Saturday).

        >>> from datetime import date
        >>> cal = vietnam_calendar().with_working_days([date(2026, 3, 7)], source="Thông báo 12/TB-UBND")
        >>> cal.add_working_days(date(2026, 3, 6), 1)
        datetime.date(2026, 3, 7)
        """
        src = source if isinstance(source, LegalSource) else LegalSource.local(source)
        added = [
            MakeupDay(date=day, name=name, replaces=None, source=src, basis="local")
            for day in _local_days(days, clashes=self.extra_days_off, what="an extra day off")
        ]
        merged = {m.date: m for m in (*self.extra_working_days, *added)}
        return attrs.evolve(self, extra_working_days=tuple(sorted(merged.values(), key=lambda m: m.date)))

    def with_office_hours(self, hours: OfficeSchedule | str) -> WorkingCalendar:
        """A copy with office hours, needed by the working-hour arithmetic.

        >>> cal = vietnam_calendar().with_office_hours("07:30-11:30, 13:30-17:00")
        >>> cal.office_hours
        OfficeHours('07:30-11:30, 13:30-17:00')
        """
        if isinstance(hours, str):
            hours = OfficeHours.parse(hours)
        if not isinstance(hours, OfficeSchedule):
            raise TypeError(f"hours must be OfficeHours, SeasonalOfficeHours or a string, got {type(hours).__name__}")
        return attrs.evolve(self, office_hours=hours)

    # ------------------------------------------------------------------ tables

    def _table(self, need: date | None = None) -> Table:
        """The table, built on first use; extended to 2100 when *need* lies beyond it."""
        table = self._cache.table
        if table is not None and (need is None or need <= table.last):
            return table
        last = self.data_until
        if (need is not None and need > last) or table is not None:
            last = _LAST_DATE
        off: list[date] = []
        working: list[date] = []
        for year in range(FIRST_YEAR, last.year + 1):
            if year not in self._data.years:
                break
            off.extend(d.date for d in self._base_offs(year))
            working.extend(m.date for m in self._data.makeup_days if m.date.year == year and self._in_force(m.basis))
        if last.year > self._data.last_year:
            off.extend(d.date for d in self._rule_offs())
            working.extend(m.date for m in self._rule_makeups())
        # Local changes come last so they override the national table.
        local_off = {d.date for d in self.extra_days_off}
        working = [d for d in working if d not in local_off]
        working.extend(m.date for m in self.extra_working_days)
        off.extend(local_off)
        table = Table(last, off, working, est_from=self.data_until + timedelta(days=1))
        self._cache.table = table
        object.__setattr__(self, "_fast", table.fast)  # a cache, invisible to eq, repr and pickle
        return table

    def _index(self, day: date, name: str) -> tuple[Table, int]:
        day = _check_day(day, name)
        if not BASE_DATE <= day <= _LAST_DATE:
            raise _range_error(day)
        table = self._table(day)
        return table, day.toordinal() - BASE

    def _warn_estimated(self, latest: date) -> None:
        warn(
            f"the answer depends on {latest}, past the announced civil-service calendar data (which ends "
            f"{self.data_until}); it follows the Labour Code rules and may change when that year's swaps "
            "and make-up days are announced",
            EstimatedCalendarWarning,
        )

    # ------------------------------------------------------------------ day arithmetic

    def is_working_day(self, day: date) -> bool:
        """True when civil servants work on *day* (a make-up Saturday is a working day)."""
        fast = self._fast
        if fast is not None and type(day) is date:
            i = day.toordinal() - BASE
            if 0 <= i < fast[3]:
                return bool(fast[5][i])
        table, i = self._index(day, "day")
        if i >= table.est_i:
            self._warn_estimated(day)
        return table.flags[i] == 1

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day strictly after *day* (n ≥ 1); see the module doc for n ≤ 0.

        >>> from datetime import date
        >>> cal = vietnam_calendar()
        >>> cal.add_working_days(date(2019, 4, 26), 5)   # 29/4 swapped off, Sat 4/5 worked
        datetime.date(2019, 5, 7)
        >>> cal.add_working_days(date(2022, 4, 30), 0)   # a Saturday rolls to the next working day
        datetime.date(2022, 5, 4)
        >>> cal.add_working_days(date(2022, 5, 4), -1)
        datetime.date(2022, 4, 29)
        """
        fast = self._fast
        if fast is not None and type(day) is date and type(n) is int and n > 0:
            i = day.toordinal() - BASE
            if 0 <= i < fast[0]:
                k = fast[1][i] + n - 1
                if k < fast[4]:
                    return fast[2][k]  # type: ignore[no-any-return]
        return self._add_working_days(day, n)

    def _add_working_days(self, day: date, n: int) -> date:
        n = _check_int(n, "n")
        table, i = self._index(day, "day")
        rank, flags = table.rank, table.flags
        if n > 0:
            k = rank[i] + n - 1
        elif n == 0:
            k = rank[i] - 1 if flags[i] else rank[i]
        else:
            k = rank[i] - flags[i] + n
        if k < 0:
            raise _range_error(f"{-n if n else 1} working day(s) before {day}")
        if k >= len(table.work_dates):
            table = self._table(_LAST_DATE)
            if k >= len(table.work_dates):
                raise _range_error(f"{n} working day(s) after {day}")
        if k >= table.est_k or i >= table.est_i:
            result = table.work_dates[k]
            self._warn_estimated(max(result, day))
        return table.work_dates[k]

    def working_days_between(self, start: date, end: date) -> int:
        """Working days ``d`` with ``start < d <= end``; negative when ``end < start``.

        >>> from datetime import date
        >>> vietnam_calendar().working_days_between(date(2024, 4, 26), date(2024, 5, 6))
        4
        """
        fast = self._fast
        if fast is not None and type(start) is date and type(end) is date:
            i = start.toordinal() - BASE
            j = end.toordinal() - BASE
            if 0 <= i < fast[3] and 0 <= j < fast[3]:
                rank = fast[1]
                return rank[j] - rank[i]  # type: ignore[no-any-return]
        _, i = self._index(start, "start")
        table, j = self._index(end, "end")
        if max(i, j) >= table.est_i:
            self._warn_estimated(max(start, end))
        return table.rank[j] - table.rank[i]

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after *day* (``add_working_days(day, 1)``)."""
        return self.add_working_days(day, 1)

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before *day* (``add_working_days(day, -1)``)."""
        return self.add_working_days(day, -1)

    def working_days(self, start: date, end: date) -> list[date]:
        """The working days ``d`` with ``start <= d <= end``, in order."""
        _, i = self._index(start, "start")
        table, j = self._index(end, "end")
        if j < i:
            return []
        if j >= table.est_i:
            self._warn_estimated(end)
        lo = table.rank[i] - table.flags[i]
        return table.work_dates[lo : table.rank[j]]

    # ------------------------------------------------------------------ batches

    def add_working_days_many(self, days: Any, n: Any) -> Any:
        """:meth:`add_working_days` over many days at once.

        *days* is a sequence of ``date`` (returns a ``list[date]``) or a numpy array of
        ``datetime64[D]`` (returns such an array; numpy is optional). *n* is one int or a
        sequence/array of ints of the same length.

        >>> from datetime import date
        >>> vietnam_calendar().add_working_days_many([date(2016, 2, 5), date(2019, 4, 26)], [3, 5])
        [datetime.date(2016, 2, 17), datetime.date(2019, 5, 7)]
        """
        if type(days).__module__ == "numpy":
            return self._add_many_numpy(days, n)
        days = days if type(days) is list else list(days)
        if not days:
            return []
        lo, hi = _date_span(days)
        if type(n) is int:
            if n <= 0:
                return self._from_before_many(days, lo, hi, n)
            # One n for all: the answer is monotonic in the day, so the latest day alone tells
            # whether the batch runs past the table or the announced data.
            table = self._table(hi)
            k_hi = table.rank[hi.toordinal() - BASE] + n - 1
            if k_hi >= len(table.work_dates):
                table = self._table(_LAST_DATE)
                if k_hi >= len(table.work_dates):
                    raise _range_error(f"{n} working day(s) after {hi}")
            rank, work, base, m = table.rank, table.work_dates, BASE, n - 1
            result = [work[rank[d.toordinal() - base] + m] for d in days]
            if k_hi >= table.est_k or hi.toordinal() - BASE >= table.est_i:
                self._warn_estimated(work[k_hi])
            return result
        ns = n if type(n) is list else list(n)
        if len(ns) != len(days):
            raise ValueError(f"days and n have different lengths ({len(days)} and {len(ns)})")
        if set(map(type, ns)) != {int}:
            for value in ns:
                _check_int(value, "n")
        if min(ns) <= 0:
            return [self.add_working_days(d, k) for d, k in zip(days, ns, strict=True)]
        # An upper bound on every result's index: the latest day with the largest n.
        table = self._table(hi)
        k_top = table.rank[hi.toordinal() - BASE] + max(ns) - 1
        if k_top >= len(table.work_dates):
            table = self._table(_LAST_DATE)
        rank, work = table.rank, table.work_dates
        if k_top < table.est_k:
            return [work[rank[d.toordinal() - BASE] + k - 1] for d, k in zip(days, ns, strict=True)]
        try:
            result = [work[rank[d.toordinal() - BASE] + k - 1] for d, k in zip(days, ns, strict=True)]
        except IndexError:
            raise _range_error("a result past the end of the calendar") from None
        latest = max(result)
        if latest > self.data_until:
            self._warn_estimated(latest)
        return result

    def _from_before_many(self, days: list[date], lo: date, hi: date, n: int) -> list[date]:
        """``work[before[d] + n]`` for every day: n <= 0 for add_working_days, and n >= 1 for
        the n-th working day after the receipt day (which rolls a day off forward first)."""
        table = self._table(hi)
        before = table.before
        k_lo = before[lo.toordinal() - BASE] + n
        k_hi = before[hi.toordinal() - BASE] + n
        if k_lo < 0:
            raise _range_error(f"{-n} working day(s) before {lo}")
        if k_hi >= len(table.work_dates):
            table = self._table(_LAST_DATE)
            before = table.before
            if k_hi >= len(table.work_dates):
                raise _range_error(f"{n} working day(s) after {hi}")
        work, base = table.work_dates, BASE
        result = [work[before[d.toordinal() - base] + n] for d in days]
        if k_hi >= table.est_k or hi.toordinal() - BASE >= table.est_i:
            self._warn_estimated(max(hi, work[k_hi]))
        return result

    def _receipt_due_many(self, days: Any, n: int) -> list[date]:
        """The n-th working day after each receipt day (a day off counts from the next one)."""
        days = days if type(days) is list else list(days)
        if not days:
            return []
        lo, hi = _date_span(days)
        return self._from_before_many(days, lo, hi, n)

    def _add_many_numpy(self, days: npt.NDArray[Any], n: Any) -> npt.NDArray[np.datetime64]:
        import numpy as np

        if days.dtype != np.dtype("datetime64[D]"):
            raise TypeError(f"days must be an array of datetime64[D], got dtype {days.dtype}")
        offsets = days.astype(np.int64) - (BASE - date(1970, 1, 1).toordinal())
        ns = np.asarray(n)
        if ns.dtype.kind not in "iu":
            raise TypeError(f"n must be integers, got dtype {ns.dtype}")
        if offsets.size == 0:
            return days.copy()
        if offsets.min() < 0 or offsets.max() > _LAST_DATE.toordinal() - BASE:
            raise _range_error(f"an element of days ({days.min()} to {days.max()})")
        table = self._table(date.fromordinal(BASE + int(offsets.max())))
        flags, rank, work = table.arrays()
        f = flags[offsets]
        # n > 0: rank + n - 1; n <= 0: rank - flag + n (the scalar rules, branch-free).
        k = rank[offsets] - f + ns + (ns > 0) * (f - 1)
        if k.min() < 0:
            raise _range_error("a result before the start of the calendar")
        if k.max() >= len(work):
            table = self._table(_LAST_DATE)
            _, _, work = table.arrays()
            if k.max() >= len(work):
                raise _range_error("a result past the end of the calendar")
        if k.max() >= table.est_k or offsets.max() >= table.est_i:
            self._warn_estimated(date.fromordinal(BASE + int(work[min(int(k.max()), len(work) - 1)])))
        result: npt.NDArray[np.datetime64] = (work[k] + (BASE - date(1970, 1, 1).toordinal())).astype("datetime64[D]")
        return result

    def working_days_between_many(self, starts: Sequence[date], ends: Sequence[date]) -> list[int]:
        """:meth:`working_days_between` over paired sequences of dates."""
        starts, ends = list(starts), list(ends)
        if len(starts) != len(ends):
            raise ValueError(f"starts and ends have different lengths ({len(starts)} and {len(ends)})")
        if not starts:
            return []
        if set(map(type, starts)) | set(map(type, ends)) != {date}:
            return [self.working_days_between(a, b) for a, b in zip(starts, ends, strict=True)]
        lo, hi = min(min(starts), min(ends)), max(max(starts), max(ends))
        if lo < BASE_DATE or hi > _LAST_DATE:
            raise _range_error(lo if lo < BASE_DATE else hi)
        table = self._table(hi)
        if hi.toordinal() - BASE >= table.est_i:
            self._warn_estimated(hi)
        rank = table.rank
        return [rank[b.toordinal() - BASE] - rank[a.toordinal() - BASE] for a, b in zip(starts, ends, strict=True)]

    # ------------------------------------------------------------------ working hours

    def _hours(self, need: date) -> tuple[Table, HoursTable]:
        if self.office_hours is None:
            raise MissingOfficeHoursError(
                "this calendar has no office hours; derive one with "
                "cal.with_office_hours('07:30-11:30, 13:30-17:00') (each province sets its own hours)"
            )
        table = self._table(need)
        if table.hours is None:
            table.hours = HoursTable(table, self.office_hours)
        return table, table.hours

    def _position(self, local: datetime, name: str) -> tuple[Table, HoursTable, int]:
        """Working time (µs) from the start of the table up to *local*."""
        day = local.date()
        if not BASE_DATE <= day <= _LAST_DATE:
            raise _range_error(day)
        table, hours = self._hours(day)
        i = day.toordinal() - BASE
        if table.flags[i]:
            k = table.rank[i] - 1
            clock = ((local.hour * 60 + local.minute) * 60 + local.second) * _US + local.microsecond
            return table, hours, hours.prefix[k] + hours.day_hours[k]._worked_before_us(clock)
        return table, hours, hours.prefix[table.rank[i]]

    def add_working_hours(self, moment: datetime, hours: float | timedelta) -> datetime:
        """The moment at which *hours* of office time after *moment* have passed.

        Time outside the sessions does not count. A result exactly at the end of a session is
        reported as that end (e.g. 17:00 Friday, not 07:30 Monday). Naive datetimes are Vietnam
        local time and give naive results; aware ones are converted and give aware results.

        >>> from datetime import datetime
        >>> cal = vietnam_calendar().with_office_hours("07:30-11:30, 13:30-17:00")
        >>> cal.add_working_hours(datetime(2026, 2, 13, 16, 0), 4)   # Friday before Tết
        datetime.datetime(2026, 2, 23, 10, 30)
        """
        local, aware = _to_local(moment, "moment")
        if type(hours) is int or type(hours) is float:
            amount = round(hours * 3600 * _US)
        elif isinstance(hours, timedelta):
            amount = (hours.days * 86400 + hours.seconds) * _US + hours.microseconds
        else:
            raise TypeError(f"hours must be a number of hours or a timedelta, got {type(hours).__name__}")
        if amount <= 0:
            raise ValueError(f"hours must be positive, got {hours!r}")
        table, table_hours, start = self._position(local, "moment")
        target = start + amount
        prefix = table_hours.prefix
        if target > prefix[-1]:
            table, table_hours = self._hours(_LAST_DATE)
            prefix = table_hours.prefix
            if target > prefix[-1]:
                raise _range_error("a result past the end of the calendar")
        k = bisect.bisect_left(prefix, target) - 1
        day = table.work_dates[k]
        clock = table_hours.day_hours[k]._clock_after_us(target - prefix[k])
        seconds, micro = divmod(clock, _US)
        minutes, second = divmod(seconds, 60)
        hour, minute = divmod(minutes, 60)
        if k >= table.est_k:
            self._warn_estimated(day)
        return datetime(day.year, day.month, day.day, hour, minute, second, micro, VN_TZ if aware else None)

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Office time from *start* to *end* (negative when *end* is earlier).

        >>> from datetime import datetime
        >>> cal = vietnam_calendar().with_office_hours("07:30-11:30, 13:30-17:00")
        >>> cal.working_time_between(datetime(2026, 1, 9, 16, 0), datetime(2026, 1, 10, 9, 0))
        datetime.timedelta(seconds=9000)
        """
        a, aware_a = _to_local(start, "start")
        b, aware_b = _to_local(end, "end")
        if aware_a != aware_b:
            raise TypeError("start and end must both be naive or both be aware")
        _, _, pa = self._position(a, "start")
        _, _, pb = self._position(b, "end")
        if max(a, b).date() > self.data_until:
            self._warn_estimated(max(a, b).date())
        return timedelta(microseconds=pb - pa)

    # ------------------------------------------------------------------ dunder

    def _key(self) -> tuple[Any, ...]:
        return (
            self.name,
            self._data.data_as_of,
            self.include_proposed,
            self.extra_days_off,
            self.extra_working_days,
            self.office_hours,
        )

    # Equal when they would answer every question alike (a pickled copy equals its original);
    # the tables and caches do not take part.
    def __eq__(self, other: object) -> bool:
        if other is self:
            return True
        if not isinstance(other, WorkingCalendar):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuild from the shipped data in the receiving process; the tables are rebuilt lazily.
        return (
            _restore,
            (self.name, self.include_proposed, self.extra_days_off, self.extra_working_days, self.office_hours),
        )

    def __repr__(self) -> str:
        local = len(self.extra_days_off) + len(self.extra_working_days)
        extras = f", {local} local change{'s' if local != 1 else ''}" if local else ""
        hours = f", hours {self.office_hours}" if self.office_hours is not None else ""
        proposed = ", with proposed changes" if self.include_proposed else ""
        return f"<WorkingCalendar {self.name!r}: data until {self.data_until}{proposed}{extras}{hours}>"


def _date_span(days: list[date]) -> tuple[date, date]:
    """The earliest and latest of a non-empty list of plain dates, checked for type and range."""
    if set(map(type, days)) != {date}:
        _check_day(next(d for d in days if type(d) is not date), "days[...]")
    lo, hi = min(days), max(days)
    if lo < BASE_DATE or hi > _LAST_DATE:
        raise _range_error(lo if lo < BASE_DATE else hi)
    return lo, hi


def _local_days(days: Iterable[date], *, clashes: Iterable[DayOff | MakeupDay], what: str) -> list[date]:
    """Validated days for a local change; a day cannot be both an extra day off and working day."""
    checked = []
    for value in days:
        day = _check_day(value, "days")
        if not BASE_DATE <= day <= _LAST_DATE:
            raise _range_error(day)
        checked.append(day)
    clash = set(checked) & {entry.date for entry in clashes}
    if clash:
        raise ValueError(f"{min(clash)} is already {what} of this calendar")
    return checked


def _restore(
    name: str,
    include_proposed: bool,
    extra_days_off: tuple[DayOff, ...],
    extra_working_days: tuple[MakeupDay, ...],
    office_hours: OfficeSchedule | None,
) -> WorkingCalendar:
    return WorkingCalendar(
        name=name,
        data=vietnam_data(),
        include_proposed=include_proposed,
        extra_days_off=extra_days_off,
        extra_working_days=extra_working_days,
        office_hours=office_hours,
    )


def _to_local(moment: object, name: str) -> tuple[datetime, bool]:
    """A naive Vietnam-local datetime, and whether the input was aware."""
    if not isinstance(moment, datetime):
        raise TypeError(f"{name} must be a datetime.datetime, got {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment, False
    return moment.astimezone(VN_TZ).replace(tzinfo=None), True


def _rule_years(first: int, last: int) -> tuple[tuple[DayOff, ...], tuple[MakeupDay, ...]]:
    """Days off after the announced data, from the Labour Code rules as python-holidays applies them."""
    from importlib import metadata  # deferred with holidays: 15 ms (it brings the email package)

    import holidays  # deferred: 40 ms to import, and most queries never leave the announced years

    table = holidays.country_holidays("VN", years=range(first, last + 1), language="vi")
    holidays_version = metadata.version("holidays")
    registry = sources()
    code, culture = registry["blld-2019"], registry["nq-28-2026-qh16"]
    offs = []
    for day, label in sorted(table.items()):
        if "nghỉ bù" in label:
            kind, src, article = DayKind.COMPENSATORY, code, "Đ.111(3)"
        elif "thay cho" in label:
            kind, src, article = DayKind.SWAPPED, code, "Đ.112(3)"
        elif "Tết Nguyên Đán" in label or ("Tết" in label and "Dương lịch" not in label):
            kind, src, article = DayKind.TET, code, "Đ.112(1)(b)"
        elif day.month == 11 and day.day == 24:
            kind, src, article = DayKind.HOLIDAY, culture, "Điều 2"
        else:
            kind, src, article = DayKind.HOLIDAY, code, "Đ.112(1)"
        offs.append(
            DayOff(
                date=day,
                name=label,
                kind=kind,
                source=src,
                basis="by-rule",
                estimated=True,
                article=article,
                note=f"Ước tính theo python-holidays {holidays_version}",
            )
        )
    makeups = tuple(
        MakeupDay(date=d, name="Làm bù", replaces=None, source=code, basis="by-rule", estimated=True)
        for d in sorted(table.weekend_workdays)
        if first <= d.year <= last
    )
    return tuple(offs), makeups


@functools.cache
def vietnam_calendar(*, include_proposed: bool = False) -> WorkingCalendar:
    """The civil-service working-day calendar of Vietnam (Asia/Ho_Chi_Minh).

    Saturdays and Sundays off; the Labour Code holidays; compensatory days; every announced
    swap and make-up Saturday from 2013 (see :meth:`WorkingCalendar.days_off` for the sources).
    Past the announced data the Labour Code rules apply and answers warn with
    :class:`~motcua.EstimatedCalendarWarning`. Calling it again returns the same object.

    ``include_proposed=True`` also applies changes that were proposed but not found approved
    (the 23/11/2026 ↔ 28/11/2026 swap around Ngày Văn hóa Việt Nam).

    >>> vietnam_calendar() is vietnam_calendar()
    True
    >>> from datetime import date
    >>> vietnam_calendar(include_proposed=True).is_working_day(date(2026, 11, 28))
    True
    """
    return WorkingCalendar(
        name="Lịch làm việc của cán bộ, công chức, viên chức", data=vietnam_data(), include_proposed=include_proposed
    )
