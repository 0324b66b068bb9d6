"""The precomputed day table behind every :class:`~motcua.WorkingCalendar` query.

Days are integer offsets ``i`` from 2013-01-01. For a table covering ``ndays`` days:

* ``flags[i]`` is 1 for a working day, 0 otherwise;
* ``rank[i]`` is the number of working days in ``[0, i]``;
* ``work_dates[k]`` is the ``k``-th working day (0-based), as a prebuilt ``date``;
* ``before[i]`` is the number of working days strictly before day ``i``.

So "the n-th working day strictly after day i" is ``work_dates[rank[i] + n - 1]`` and "working
days in (i, j]" is ``rank[j] - rank[i]``: constant time, whatever the distance. Building the
objects once costs a few milliseconds; creating a ``date`` per answer would double the cost of
a query.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import date
from typing import Any

from .office_hours import OfficeHours, OfficeSchedule

BASE_DATE = date(2013, 1, 1)
BASE = BASE_DATE.toordinal()


class Table:
    """Working-day tables for ``[BASE_DATE, last]``; ``est_i`` is the first estimated day."""

    __slots__ = ("_arrays", "before", "est_i", "est_k", "fast", "flags", "hours", "last", "ndays", "rank", "work_dates")

    def __init__(self, last: date, off: Iterable[date], working: Iterable[date], est_from: date) -> None:
        ndays = last.toordinal() - BASE + 1
        # toordinal() of a Monday is 1 modulo 7.
        flags = bytearray(1 if (BASE + i - 1) % 7 < 5 else 0 for i in range(ndays))
        for day in off:
            i = day.toordinal() - BASE
            if 0 <= i < ndays:
                flags[i] = 0
        for day in working:
            i = day.toordinal() - BASE
            if 0 <= i < ndays:
                flags[i] = 1
        self.last = last
        self.ndays = ndays
        self.flags = flags
        self.rank = list(itertools.accumulate(flags))
        # Working days strictly before day i: the index of day i's own working day, or of the
        # next one when day i is off. work_dates[before[i] + n] answers n <= 0 directly.
        self.before = [r - f for r, f in zip(self.rank, flags, strict=True)]
        fromordinal = date.fromordinal
        self.work_dates = [fromordinal(BASE + i) for i in itertools.compress(range(ndays), flags)]
        est_i = min(est_from.toordinal() - BASE, ndays)
        self.est_i = est_i
        self.est_k = self.rank[est_i - 1] if est_i > 0 else 0
        # Everything the hot paths read, in one tuple: one attribute load, then local names.
        self.fast = (ndays, self.rank, self.work_dates, self.est_i, self.est_k, flags)
        self.hours: HoursTable | None = None
        self._arrays: tuple[Any, Any, Any] | None = None

    def arrays(self) -> tuple[Any, Any, Any]:
        """numpy copies of (flags, rank, working-day offsets), built on first use."""
        if self._arrays is None:
            import numpy as np

            flags = np.frombuffer(self.flags, dtype=np.uint8).astype(np.int64)
            self._arrays = (flags, flags.cumsum(), np.flatnonzero(flags).astype(np.int64))
        return self._arrays


class HoursTable:
    """Cumulative working time (µs) at the start of each working day of a :class:`Table`."""

    __slots__ = ("day_hours", "prefix")

    def __init__(self, table: Table, schedule: OfficeSchedule) -> None:
        self.day_hours: list[OfficeHours] = [schedule.hours_on(d) for d in table.work_dates]
        durations = {
            id(h): sum(int(s.duration.total_seconds() * 1_000_000) for s in h.sessions) for h in set(self.day_hours)
        }
        self.prefix = [0, *itertools.accumulate(durations[id(h)] for h in self.day_hours)]
