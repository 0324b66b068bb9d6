"""Benchmark motcua's working-day arithmetic against python-holidays, numpy, workalendar and pandas.

Run from the project root::

    python bench/bench_calendar.py                   # full run, a few minutes
    python bench/bench_calendar.py --quick           # smaller samples, about 20-30 s
    python bench/bench_calendar.py --json raw.json --markdown results.md

Every library answers the SAME random queries (fixed seed) in ONE process:

(a) add N working days, N uniform in 1..30, start dates uniform in 2016-01-01..2026-06-30
(b) the same with N in 1..250 (every answer stays inside the announced data, <= 2027-12-31)
(c) count working days in (start, end], end = start + 1..400 calendar days
(d) batch: N in 1..30 over one big batch (motcua ``add_working_days_many`` vs numpy vectorised)
(e) add H working hours, H in 1..16, office hours 07:30-11:30, 13:30-17:00
(f) a full ``WorkingDays(n).deadline(received_at).date``, n in 1..30, receipt moments = a uniform
    day in 2016-01-01..2026-06-30 (days off, weekends and Tết included) at a uniform time of day
(g) the same with n in 1..250

Semantics (every wrapper maps to these): ``add(d, N)`` is the N-th working day strictly after
``d``; ``count(s, e)`` counts working days ``w`` with ``s < w <= e``; ``deadline(t, n)`` is
``add(R, n)`` where R is ``t``'s day if that is a working day (whatever the hour), else the next
working day.

Calendars. motcua is the reference. numpy/workalendar/pandas are fed motcua's own day flags, in
the two shapes they can express:

* FULL: the real calendar (weekdays minus days off, plus make-up Saturdays). numpy and pandas
  get it through a 7-day weekmask with every non-working day listed as a holiday; workalendar
  through ``extra_working_days``.
* BASE: a Mon-Fri weekmask plus the non-working weekdays, i.e. what a plain "weekmask + holiday
  list" gives; it cannot express make-up Saturdays, so it answers some queries wrongly.

python-holidays uses its own data (``country_holidays("VN", language="vi")`` with its
``weekend_workdays``); version 0.109 is known to differ from the official schedule on a few
days (``HOLIDAYS_KNOWN_GAPS``), so its mismatches are classified as explained when the query's
span covers one of them.

Timing: per task, each variant is calibrated (slow libraries get an adaptively smaller sample,
column ``n``; very fast ones loop over their sample several times per pass), then all variants
are timed round-robin for R >= 5 repeats with the garbage collector disabled during timed
passes. Tables report the median ns per query (per element for batch paths) and the min-max
spread over the repeats. A ``harness`` row times the loop plus a no-op call: no per-call Python
API can go below it. Nothing here asserts on timings.
"""

from __future__ import annotations

import argparse
import bisect
import gc
import importlib.metadata
import itertools
import json
import os
import platform
import random
import shlex
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dtime
from typing import Any

import holidays
import numpy as np
import numpy.typing as npt

import motcua

EPOCH_ORD = date(1970, 1, 1).toordinal()
ONE_DAY = timedelta(days=1)
DATA_FIRST, DATA_LAST = date(2013, 1, 1), date(2027, 12, 31)
START_LO, START_HI = date(2016, 1, 1), date(2026, 6, 30)
OFFICE_HOURS = "07:30-11:30, 13:30-17:00"
SESSIONS_MIN = ((7 * 60 + 30, 11 * 60 + 30), (13 * 60 + 30, 17 * 60))  # minutes after midnight
# Days on which python-holidays 0.109 disagrees with the official schedule (motcua is right).
HOLIDAYS_KNOWN_GAPS = tuple(
    date.fromisoformat(s)
    for s in (
        "2013-01-05",
        "2013-02-23",
        "2014-01-25",
        "2014-01-28",
        "2014-02-05",
        "2014-02-08",
        "2026-01-02",
        "2026-01-10",
    )
)
GOAL_VS_HOLIDAYS = 100.0  # motcua at least this many times faster than python-holidays
GOAL_VS_NUMPY_SCALAR = 10.0  # ... than a numpy scalar call
GOAL_N250_OVER_N30 = 1.5  # cost independent of N: (b) / (a) at most this
GOAL_BATCH_NS = 150.0  # add_working_days_many from lists, ns per element at most this
GOAL_DEADLINE_VS_HOLIDAYS = 25.0  # WorkingDays(n).deadline(t) at least this many times faster than python-holidays
GOAL_DEADLINE_FLAT = 1.5  # deadline cost independent of n: (g) / (f) at most this

MIN_PASS_S = 0.1  # a timed pass of a fast variant loops its sample until it lasts this long
PASS_CAP_S = 2.0  # ... and a slow variant's sample is cut so a pass stays under this

AddQuery = tuple[date, int]
CountQuery = tuple[date, date]
HourQuery = tuple[datetime, int]
DeadlineQuery = tuple[datetime, int]


def dist_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def to_d64(days: Iterable[date]) -> npt.NDArray[np.datetime64]:
    ords = np.fromiter((d.toordinal() - EPOCH_ORD for d in days), dtype=np.int64)
    return ords.astype("datetime64[D]")


def d64_to_ords(arr: npt.NDArray[Any]) -> list[int]:
    out: list[int] = (np.asarray(arr).astype("datetime64[D]").astype(np.int64) + EPOCH_ORD).tolist()
    return out


# ---------------------------------------------------------------------------- calendar data
class RankTable:
    """A plain sorted-working-days + prefix-count table: an independent reference implementation."""

    def __init__(self, first: date, last: date, is_working: Callable[[date], bool]) -> None:
        self.o0 = first.toordinal()
        ndays = last.toordinal() - self.o0 + 1
        self.flags = [is_working(first + timedelta(days=i)) for i in range(ndays)]
        self.rank: list[int] = []
        self.work: list[int] = []
        count = 0
        for i, flag in enumerate(self.flags):
            if flag:
                count += 1
                self.work.append(self.o0 + i)
            self.rank.append(count)

    def add(self, day: date, n: int) -> int:
        return self.work[self.rank[day.toordinal() - self.o0] + n - 1]

    def count(self, start: date, end: date) -> int:
        return self.rank[end.toordinal() - self.o0] - self.rank[start.toordinal() - self.o0]

    def is_working(self, day: date) -> bool:
        return self.flags[day.toordinal() - self.o0]

    def roll(self, day: date) -> int:
        """R: *day* if it is a working day, else the next working day."""
        i = day.toordinal() - self.o0
        return self.work[self.rank[i] - self.flags[i]]

    def deadline(self, day: date, n: int) -> int:
        """The n-th working day strictly after R = roll(day)."""
        i = day.toordinal() - self.o0
        return self.work[self.rank[i] - self.flags[i] + n]


@dataclass
class Calendars:
    """Every library's calendar object, built once, plus the day lists they were built from."""

    mc: motcua.WorkingCalendar
    mc_hours: motcua.WorkingCalendar
    off_weekdays: list[date]  # motcua's non-working Mon-Fri days, 2013-2027
    off_all: list[date]  # motcua's non-working days (weekends included), 2013-2027
    makeup: list[date]  # motcua's working Sat/Sun days, 2013-2027
    hol: Any  # holidays.HolidayBase for VN
    hol_table: RankTable  # python-holidays' working days as a rank table (same semantics)
    np_base: np.busdaycalendar
    np_full: np.busdaycalendar
    wk: Any = None  # workalendar calendar, or None
    pd: Any = None  # the pandas module, or None
    setup_ms: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def build_calendars() -> Calendars:
    setup: dict[str, float] = {}
    notes: list[str] = []
    t = time.perf_counter()
    mc = motcua.vietnam_calendar()
    mc.add_working_days(date(2020, 1, 1), 1)  # builds the day table
    setup["motcua vietnam_calendar() + first query (table build)"] = time.perf_counter() - t
    mc_hours = mc.with_office_hours(OFFICE_HOURS)
    t = time.perf_counter()
    mc_hours.add_working_hours(datetime(2020, 1, 2, 8, 0), 1)
    setup["motcua with_office_hours() + first add_working_hours (hours table)"] = time.perf_counter() - t

    ndays = DATA_LAST.toordinal() - DATA_FIRST.toordinal() + 1
    days = [DATA_FIRST + timedelta(days=i) for i in range(ndays)]
    work = [mc.is_working_day(d) for d in days]
    off_all = [d for d, w in zip(days, work, strict=True) if not w]
    off_weekdays = [d for d in off_all if d.weekday() < 5]
    makeup = [d for d, w in zip(days, work, strict=True) if w and d.weekday() >= 5]

    # motcua's public listing API must agree with its own day flags.
    listed_off: set[date] = set()
    listed_makeup: set[date] = set()
    for year in range(DATA_FIRST.year, DATA_LAST.year + 1):
        listed_off.update(d.date for d in mc.days_off(year) if d.date.weekday() < 5)
        listed_makeup.update(m.date for m in mc.makeup_days(year))
    if listed_off != set(off_weekdays) or listed_makeup != set(makeup):
        notes.append(
            "motcua days_off()/makeup_days() disagree with is_working_day(): "
            f"weekday offs {sorted(listed_off ^ set(off_weekdays))[:5]}, "
            f"make-up days {sorted(listed_makeup ^ set(makeup))[:5]}"
        )

    t = time.perf_counter()
    hol = holidays.country_holidays("VN", years=range(2012, 2029), language="vi")
    setup["python-holidays country_holidays('VN', 2012-2028)"] = time.perf_counter() - t
    hol_table = RankTable(DATA_FIRST, date(2028, 12, 31), hol.is_working_day)

    t = time.perf_counter()
    np_base = np.busdaycalendar(weekmask="1111100", holidays=to_d64(off_weekdays))
    setup["numpy busdaycalendar BASE (Mon-Fri mask + holidays)"] = time.perf_counter() - t
    t = time.perf_counter()
    np_full = np.busdaycalendar(weekmask="1111111", holidays=to_d64(off_all))
    setup["numpy busdaycalendar FULL (7-day mask + every off day)"] = time.perf_counter() - t

    cals = Calendars(
        mc=mc,
        mc_hours=mc_hours,
        off_weekdays=off_weekdays,
        off_all=off_all,
        makeup=makeup,
        hol=hol,
        hol_table=hol_table,
        np_base=np_base,
        np_full=np_full,
        setup_ms=setup,
        notes=notes,
    )
    try:
        t = time.perf_counter()
        cals.wk = build_workalendar(off_weekdays)
        setup["workalendar Calendar subclass (+ holiday cache warm-up)"] = time.perf_counter() - t
    except ImportError:
        notes.append("workalendar not installed: its rows are skipped")
    try:
        import pandas

        cals.pd = pandas
    except ImportError:
        notes.append("pandas not installed: its rows are skipped")
    return cals


def build_workalendar(off_weekdays: list[date]) -> Any:
    from workalendar.core import SAT, SUN, Calendar

    by_year: dict[int, list[tuple[date, str]]] = {}
    for d in off_weekdays:
        by_year.setdefault(d.year, []).append((d, "day off"))

    class VietnamFromMotcua(Calendar):
        "Vietnam civil service (days off taken from motcua)"

        WEEKEND_DAYS = (SAT, SUN)

        def get_calendar_holidays(self, year: int) -> list[tuple[date, str]]:
            return list(by_year.get(year, []))

    wk = VietnamFromMotcua()
    for year in range(DATA_FIRST.year, DATA_LAST.year + 2):
        wk.holidays(year)
    return wk


# ---------------------------------------------------------------------------- queries
def random_day(rng: random.Random) -> date:
    return date.fromordinal(rng.randint(START_LO.toordinal(), START_HI.toordinal()))


def add_queries(seed: int, q: int, nmax: int) -> list[AddQuery]:
    rng = random.Random(seed)
    return [(random_day(rng), rng.randint(1, nmax)) for _ in range(q)]


def count_queries(seed: int, q: int) -> list[CountQuery]:
    rng = random.Random(seed)
    out = []
    for _ in range(q):
        start = random_day(rng)
        out.append((start, start + timedelta(days=rng.randint(1, 400))))
    return out


def hour_queries(seed: int, q: int) -> list[HourQuery]:
    rng = random.Random(seed)
    out = []
    for _ in range(q):
        moment = datetime.combine(random_day(rng), dtime()) + timedelta(minutes=rng.randint(6 * 60, 18 * 60 - 1))
        out.append((moment, rng.randint(1, 16)))
    return out


def deadline_queries(seed: int, q: int, nmax: int) -> list[DeadlineQuery]:
    """Receipt moments: a uniform day (days off and Tết included) at a uniform second of the day."""
    rng = random.Random(seed)
    out = []
    for _ in range(q):
        moment = datetime.combine(random_day(rng), dtime()) + timedelta(seconds=rng.randrange(86_400))
        out.append((moment, rng.randint(1, nmax)))
    return out


# ---------------------------------------------------------------------------- variants and tasks
@dataclass
class Variant:
    """One row of a table: a scalar call ``fn(x, y)`` per query, or a batch call ``fn()``."""

    name: str
    cal: str  # "motcua", "FULL", "BASE", "holidays data" or "-"
    fn: Callable[..., Any]
    batch: bool = False
    note: str = ""
    explain_by: Sequence[date] | None = None  # days whose presence in a query's span explains a mismatch
    check: bool = True
    n: int = 0
    inner: int = 1
    samples: list[float] = field(default_factory=list)
    mismatches: int | None = None
    explained: int = 0
    convention_only: int = 0
    examples: list[str] = field(default_factory=list)
    error: str | None = None
    results: list[Any] | None = None  # normalised answers on the verified sample
    unpack: Callable[[Any], list[Any]] | None = None  # batch answer -> normalised list (default: task.norm_many)

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None


@dataclass
class Task:
    key: str
    title: str
    qs: Sequence[tuple[Any, Any]]
    ref: list[Any]  # motcua's normalised answers to qs
    norm: Callable[[Any], Any]  # one scalar answer -> comparable value
    norm_many: Callable[[Any], list[Any]]  # one batch answer -> list of comparable values
    span: Callable[[int, Any, Any], tuple[int, int]]  # query index, got, ref -> (lo, hi] in ordinals
    equivalent: Callable[[Any, Any], bool] | None = None  # e.g. 17:00 Fri == 07:30 Mon
    unit: str = "ns/query"
    variants: list[Variant] = field(default_factory=list)
    ratio_base: str = "motcua"  # name prefix of the row the ratio column divides by


def norm_day(r: Any) -> int:
    if isinstance(r, date):
        return r.toordinal()
    return int(np.datetime64(r, "D").astype(np.int64)) + EPOCH_ORD


def norm_days(res: Any) -> list[int]:
    if isinstance(res, np.ndarray):
        return d64_to_ords(res)
    return [d.toordinal() for d in res]


def norm_ints(res: Any) -> list[int]:
    if isinstance(res, np.ndarray):
        out: list[int] = res.astype(np.int64).tolist()
        return out
    return [int(x) for x in res]


def covers(days_sorted: Sequence[int], lo: int, hi: int) -> bool:
    """True when some day d in *days_sorted* has lo < d <= hi."""
    return bisect.bisect_right(days_sorted, lo) < bisect.bisect_right(days_sorted, hi)


def verify(task: Task, v: Variant, got: list[Any]) -> None:
    explain = sorted(d.toordinal() for d in v.explain_by) if v.explain_by is not None else None
    v.mismatches = v.explained = v.convention_only = 0
    for i, (g, r) in enumerate(zip(got, task.ref, strict=False)):
        if g == r:
            continue
        if task.equivalent is not None and task.equivalent(g, r):
            v.convention_only += 1
            continue
        v.mismatches += 1
        lo, hi = task.span(i, g, r)
        if explain is not None and covers(explain, lo, hi):
            v.explained += 1
        elif len(v.examples) < 3:
            x, y = task.qs[i]
            v.examples.append(f"{x} + {y} -> {fmt_value(g)} (motcua {fmt_value(r)})")


def fmt_value(x: Any) -> str:
    if isinstance(x, int) and x > 700_000:
        return date.fromordinal(x).isoformat()
    if isinstance(x, datetime):
        return x.strftime("%Y-%m-%d %H:%M")
    return str(x)


# ---------------------------------------------------------------------------- timing
def timed_pass(v: Variant, qs: Sequence[tuple[Any, Any]]) -> float:
    """One timed pass in ns per query/element, GC disabled."""
    fn, inner = v.fn, v.inner
    gc.collect()
    gc.disable()
    try:
        if v.batch:
            t0 = time.perf_counter_ns()
            for _ in range(inner):
                fn()
            t1 = time.perf_counter_ns()
        else:
            sample = qs[: v.n]
            t0 = time.perf_counter_ns()
            for _ in range(inner):
                for x, y in sample:
                    fn(x, y)
            t1 = time.perf_counter_ns()
    finally:
        gc.enable()
    return (t1 - t0) / (v.n * inner)


def calibrate(v: Variant, qs: Sequence[tuple[Any, Any]], budget_s: float, min_n: int, min_pass_s: float) -> None:
    if v.batch:
        v.fn()  # warm-up: the first call of a big batch pays for fresh memory pages
        t0 = time.perf_counter_ns()
        v.fn()
        per_call = max(time.perf_counter_ns() - t0, 1)
        v.inner = max(1, int(min_pass_s * 1e9 / per_call))
        return
    fn = v.fn
    for x, y in qs[:5]:
        fn(x, y)  # warm-up
    probe = 20
    while True:
        t0 = time.perf_counter_ns()
        for x, y in qs[:probe]:
            fn(x, y)
        elapsed = time.perf_counter_ns() - t0
        if elapsed > 20e6 or probe >= min(len(qs), 2000):
            break
        probe *= 10
    per = max(elapsed / probe, 1.0)
    n = max(int(budget_s * 1e9 / per), min_n)
    n = min(n, max(50, int(PASS_CAP_S * 1e9 / per)), len(qs))
    v.n = n
    v.inner = max(1, int(min_pass_s * 1e9 / (per * n)))


def run_task(task: Task, repeats: int, budget_s: float, min_n: int, min_pass_s: float = MIN_PASS_S) -> None:
    """Calibrate and verify every variant, then time them round-robin."""
    for v in task.variants:
        try:
            calibrate(v, task.qs, budget_s, min_n, min_pass_s)
            if v.batch:
                got = (v.unpack or task.norm_many)(v.fn())
            else:
                fn = v.fn
                got = [task.norm(fn(x, y)) for x, y in task.qs[: v.n]]
            v.results = got
            if v.check:
                verify(task, v, got)
        except Exception as exc:  # a library failing is a result too
            v.error = f"{type(exc).__name__}: {exc}"[:200]
    live = [v for v in task.variants if v.error is None]
    for r in range(repeats):
        shift = r % len(live)
        for v in live[shift:] + live[:shift]:  # rotate the order so no variant always runs first
            v.samples.append(timed_pass(v, task.qs))


def find(task: Task, prefix: str) -> Variant:
    for v in task.variants:
        if v.name.startswith(prefix):
            return v
    raise KeyError(prefix)


def median_of(task: Task, prefix: str) -> float | None:
    try:
        return find(task, prefix).median
    except KeyError:
        return None


# ---------------------------------------------------------------------------- the tasks
def add_task(key: str, nmax: int, cals: Calendars, q: int, seed: int) -> Task:
    qs = add_queries(seed + nmax, q, nmax)
    mc, hol, wk = cals.mc, cals.hol, cals.wk
    mc_add = mc.add_working_days
    ref = [mc_add(d, n).toordinal() for d, n in qs]
    task = Task(
        key=key,
        title=f"({key}) add N working days, N in 1..{nmax}, start 2016-01-01..2026-06-30, Q={len(qs):,}",
        qs=qs,
        ref=ref,
        norm=norm_day,
        norm_many=norm_days,
        span=lambda i, g, r: (qs[i][0].toordinal(), max(g, r)),
    )
    cb, cf = cals.np_base, cals.np_full
    busday_offset = np.busday_offset
    starts = [d for d, _ in qs]
    ns = [n for _, n in qs]
    starts64 = to_d64(starts)
    ns64 = np.array(ns, dtype=np.int64)
    mc_many = mc.add_working_days_many
    V = task.variants
    V.append(Variant("harness: loop + no-op call", "-", lambda d, n: d, check=False, note="floor for any per-call API"))
    V.append(Variant("motcua add_working_days", "motcua", mc_add, check=False))
    V.append(
        Variant(
            "python-holidays get_nth_working_day",
            "holidays data",
            hol.get_nth_working_day,
            explain_by=HOLIDAYS_KNOWN_GAPS,
        )
    )
    V.append(
        Variant(
            "numpy busday_offset scalar, BASE",
            "BASE",
            lambda d, n: busday_offset(d, n, roll="backward", busdaycal=cb),
            explain_by=cals.makeup,
            note="returns datetime64",
        )
    )
    V.append(
        Variant(
            "numpy busday_offset scalar, FULL",
            "FULL",
            lambda d, n: busday_offset(d, n, roll="backward", busdaycal=cf),
            note="returns datetime64",
        )
    )
    V.append(
        Variant(
            "numpy busday_offset scalar, FULL, .item()",
            "FULL",
            lambda d, n: busday_offset(d, n, roll="backward", busdaycal=cf).item(),
            note="returns date",
        )
    )
    if wk is not None:
        extra = tuple(cals.makeup)
        wk_add = wk.add_working_days
        V.append(
            Variant(
                "workalendar add_working_days",
                "FULL",
                lambda d, n: wk_add(d, n, extra_working_days=extra),
                note="make-up days via extra_working_days",
            )
        )
    V.append(
        Variant(
            "numpy busday_offset vectorised, BASE",
            "BASE",
            lambda: busday_offset(starts64, ns64, roll="backward", busdaycal=cb),
            batch=True,
            explain_by=cals.makeup,
            note="per element",
        )
    )
    V.append(
        Variant(
            "numpy busday_offset vectorised, FULL",
            "FULL",
            lambda: busday_offset(starts64, ns64, roll="backward", busdaycal=cf),
            batch=True,
            note="per element",
        )
    )
    V.append(
        Variant(
            "motcua add_working_days_many (lists)",
            "motcua",
            lambda: mc_many(starts, ns),
            batch=True,
            note="per element",
        )
    )
    for v in V:
        if v.batch:
            v.n = len(qs)
    return task


def count_task(cals: Calendars, q: int, seed: int) -> Task:
    qs = count_queries(seed + 7, q)
    mc, hol, wk = cals.mc, cals.hol, cals.wk
    mc_count = mc.working_days_between
    ref = [mc_count(s, e) for s, e in qs]
    task = Task(
        key="c",
        title=f"(c) count working days in (start, end], end = start + 1..400 days, Q={len(qs):,}",
        qs=qs,
        ref=ref,
        norm=int,
        norm_many=norm_ints,
        span=lambda i, g, r: (qs[i][0].toordinal(), qs[i][1].toordinal()),
    )
    cb, cf = cals.np_base, cals.np_full
    busday_count = np.busday_count
    starts = [s for s, _ in qs]
    ends = [e for _, e in qs]
    one = np.timedelta64(1, "D")
    s64 = to_d64(starts) + one
    e64 = to_d64(ends) + one
    mc_many = mc.working_days_between_many
    hol_count = hol.get_working_days_count
    V = task.variants
    V.append(Variant("harness: loop + no-op call", "-", lambda s, e: 0, check=False))
    V.append(Variant("motcua working_days_between", "motcua", mc_count, check=False))
    V.append(
        Variant(
            "python-holidays get_working_days_count",
            "holidays data",
            lambda s, e: hol_count(s + ONE_DAY, e),
            explain_by=HOLIDAYS_KNOWN_GAPS,
            note="closed interval, called as [start+1, end]",
        )
    )
    V.append(
        Variant(
            "numpy busday_count scalar, BASE",
            "BASE",
            lambda s, e: busday_count(s + ONE_DAY, e + ONE_DAY, busdaycal=cb),
            explain_by=cals.makeup,
            note="[start+1, end+1)",
        )
    )
    V.append(
        Variant(
            "numpy busday_count scalar, FULL",
            "FULL",
            lambda s, e: busday_count(s + ONE_DAY, e + ONE_DAY, busdaycal=cf),
        )
    )
    if wk is not None:
        extra = tuple(cals.makeup)
        wk_delta = wk.get_working_days_delta
        V.append(
            Variant(
                "workalendar get_working_days_delta",
                "FULL",
                lambda s, e: wk_delta(s, e, extra_working_days=extra),
            )
        )
    V.append(
        Variant(
            "numpy busday_count vectorised, BASE",
            "BASE",
            lambda: busday_count(s64, e64, busdaycal=cb),
            batch=True,
            explain_by=cals.makeup,
            note="per element",
        )
    )
    V.append(
        Variant(
            "numpy busday_count vectorised, FULL",
            "FULL",
            lambda: busday_count(s64, e64, busdaycal=cf),
            batch=True,
            note="per element",
        )
    )
    V.append(
        Variant(
            "motcua working_days_between_many (lists)",
            "motcua",
            lambda: mc_many(starts, ends),
            batch=True,
            note="per element",
        )
    )
    for v in V:
        if v.batch:
            v.n = len(qs)
    return task


def batch_task(cals: Calendars, q: int, seed: int) -> Task:
    qs = add_queries(seed + 1, q, 30)
    mc = cals.mc
    mc_add = mc.add_working_days
    starts = [d for d, _ in qs]
    ns = [n for _, n in qs]
    ref = [mc_add(d, n).toordinal() for d, n in qs]
    task = Task(
        key="d",
        title=f"(d) batch: {len(qs):,} offsets in one call, N in 1..30 (ns per element)",
        qs=qs,
        ref=ref,
        norm=norm_day,
        norm_many=norm_days,
        span=lambda i, g, r: (qs[i][0].toordinal(), max(g, r)),
        unit="ns/element",
        ratio_base="motcua add_working_days_many (lists)",
    )
    cb, cf = cals.np_base, cals.np_full
    busday_offset = np.busday_offset
    starts64 = to_d64(starts)
    ns64 = np.array(ns, dtype=np.int64)
    mc_many = mc.add_working_days_many
    V = task.variants
    V.append(Variant("motcua add_working_days_many (lists)", "motcua", lambda: mc_many(starts, ns), batch=True))
    V.append(
        Variant(
            "motcua add_working_days_many (datetime64[D] arrays)",
            "motcua",
            lambda: mc_many(starts64, ns64),
            batch=True,
        )
    )
    chunk = 100
    list_chunks = [(starts[i : i + chunk], ns[i : i + chunk]) for i in range(0, len(qs), chunk)]
    array_chunks = [(starts64[i : i + chunk], ns64[i : i + chunk]) for i in range(0, len(qs), chunk)]
    V.append(
        Variant(
            f"motcua add_working_days_many (lists, {len(list_chunks):,} calls of {chunk})",
            "motcua",
            lambda: list(itertools.chain.from_iterable(mc_many(a, k) for a, k in list_chunks)),
            batch=True,
            note="incl. flattening",
        )
    )
    V.append(
        Variant(
            f"motcua add_working_days_many (datetime64[D] arrays, {len(array_chunks):,} calls of {chunk})",
            "motcua",
            lambda: np.concatenate([mc_many(a, k) for a, k in array_chunks]),
            batch=True,
            note="incl. np.concatenate",
        )
    )
    V.append(
        Variant(
            "motcua add_working_days in a list comprehension",
            "motcua",
            lambda: [mc_add(d, n) for d, n in zip(starts, ns, strict=True)],
            batch=True,
        )
    )
    V.append(
        Variant(
            "numpy busday_offset vectorised, BASE",
            "BASE",
            lambda: busday_offset(starts64, ns64, roll="backward", busdaycal=cb),
            batch=True,
            explain_by=cals.makeup,
        )
    )
    V.append(
        Variant(
            "numpy busday_offset vectorised, FULL",
            "FULL",
            lambda: busday_offset(starts64, ns64, roll="backward", busdaycal=cf),
            batch=True,
        )
    )
    V.append(
        Variant(
            "numpy FULL from lists: np.array -> busday_offset -> .tolist()",
            "FULL",
            lambda: busday_offset(
                np.array(starts, dtype="datetime64[D]"), np.array(ns), roll="backward", busdaycal=cf
            ).tolist(),
            batch=True,
            note="same input/output types as the motcua list path",
        )
    )
    V.append(
        Variant(
            "convert list[date] -> datetime64[D] only",
            "-",
            lambda: np.array(starts, dtype="datetime64[D]"),
            batch=True,
            check=False,
        )
    )
    for v in V:
        v.n = len(qs)
    return task


def ref_hours(moment: datetime, hours: int, is_working: Callable[[date], bool]) -> datetime:
    """Walk the office sessions minute-exactly; a result on a session end stays at that end."""
    remaining = hours * 60
    day = moment.date()
    minute = moment.hour * 60 + moment.minute
    while True:
        if is_working(day):
            for start, end in SESSIONS_MIN:
                begin = max(start, minute)
                if begin < end:
                    if remaining <= end - begin:
                        return datetime.combine(day, dtime()) + timedelta(minutes=begin + remaining)
                    remaining -= end - begin
        day += ONE_DAY
        minute = 0


def hours_task(cals: Calendars, q: int, seed: int) -> Task:
    qs = hour_queries(seed + 11, q)
    mch = cals.mc_hours
    mc_hours = mch.add_working_hours
    ref = [mc_hours(t, h) for t, h in qs]

    def equivalent(g: datetime, r: datetime) -> bool:
        # 11:30 vs 13:30 or 17:00 vs next 07:30: the same instant of office time
        a, b = sorted((g, r))
        return bool(mch.working_time_between(a, b) == timedelta(0))

    task = Task(
        key="e",
        title=f"(e) add H working hours, H in 1..16, office hours {OFFICE_HOURS}, Q={len(qs):,}",
        qs=qs,
        ref=ref,
        norm=lambda r: r,
        norm_many=list,
        span=lambda i, g, r: (qs[i][0].toordinal() - 1, max(g, r).toordinal()),
        equivalent=equivalent,
    )
    V = task.variants
    V.append(Variant("harness: loop + no-op call", "-", lambda t, h: t, check=False))
    V.append(Variant("motcua add_working_hours", "motcua", mc_hours, check=False))
    if cals.pd is not None:
        pd = cals.pd
        timestamp = pd.Timestamp
        starts, ends = ["07:30", "13:30"], ["11:30", "17:00"]
        base = {
            h: pd.offsets.CustomBusinessHour(
                n=h, start=starts, end=ends, weekmask="Mon Tue Wed Thu Fri", holidays=cals.off_weekdays
            )
            for h in range(1, 17)
        }
        full = {
            h: pd.offsets.CustomBusinessHour(
                n=h, start=starts, end=ends, weekmask="Mon Tue Wed Thu Fri Sat Sun", holidays=cals.off_all
            )
            for h in range(1, 17)
        }
        V.append(
            Variant(
                "pandas CustomBusinessHour, BASE",
                "BASE",
                lambda t, h: timestamp(t) + base[h],
                explain_by=cals.makeup,
                note="offsets pre-built per H",
            )
        )
        V.append(
            Variant(
                "pandas CustomBusinessHour, FULL",
                "FULL",
                lambda t, h: timestamp(t) + full[h],
                note="offsets pre-built per H",
            )
        )
    return task


def deadline_task(key: str, nmax: int, cals: Calendars, q: int, seed: int) -> Task:
    """A full ``WorkingDays(n).deadline(received_at)`` against the same computation elsewhere.

    R = the receipt day if it is a working day (whatever the hour), else the next working day;
    the due date is the n-th working day strictly after R.
    """
    qs = deadline_queries(seed + 13 + nmax, q, nmax)
    WorkingDays = motcua.WorkingDays
    ref = [WorkingDays(n).deadline(t).date.toordinal() for t, n in qs]
    task = Task(
        key=key,
        title=(
            f"({key}) deadline WorkingDays(n).deadline(received_at), n in 1..{nmax}, "
            f"receipt moments 2016-01-01..2026-06-30 (any day, any time), Q={len(qs):,}"
        ),
        qs=qs,
        ref=ref,
        norm=norm_day,
        norm_many=norm_days,
        span=lambda i, g, r: (qs[i][0].toordinal() - 1, max(g, r)),  # the receipt day itself counts
    )
    hol, wk, cf = cals.hol, cals.wk, cals.np_full
    busday_offset = np.busday_offset
    limits = {n: WorkingDays(n) for n in range(1, nmax + 1)}
    V = task.variants
    V.append(Variant("harness: loop + no-op call", "-", lambda t, n: t, check=False, note="floor for any per-call API"))
    V.append(
        Variant(
            "motcua WorkingDays(n).deadline(t).date",
            "motcua",
            lambda t, n: WorkingDays(n).deadline(t).date,
            check=False,
            note="limit object built in every call",
        )
    )
    V.append(
        Variant(
            "motcua lim.deadline(t).date",
            "motcua",
            lambda t, n: limits[n].deadline(t).date,
            note="limits prebuilt, looked up in a dict by n",
        )
    )
    hol_is, hol_nth = hol.is_working_day, hol.get_nth_working_day

    def hol_deadline(t: datetime, n: int) -> date:
        d = t.date()
        r = d if hol_is(d) else hol_nth(d, 1)
        return hol_nth(r, n)  # type: ignore[no-any-return]

    V.append(
        Variant(
            "python-holidays is_working_day + get_nth_working_day",
            "holidays data",
            hol_deadline,
            explain_by=HOLIDAYS_KNOWN_GAPS,
            note="r = d if is_working_day(d) else get_nth_working_day(d, 1); get_nth_working_day(r, n)",
        )
    )

    def np_two_step(t: datetime, n: int) -> Any:
        r = busday_offset(t.date(), 0, roll="forward", busdaycal=cf)
        return busday_offset(r, n, busdaycal=cf)

    V.append(
        Variant(
            "numpy busday_offset scalar x2, FULL",
            "FULL",
            np_two_step,
            note="r = busday_offset(d, 0, roll='forward'); busday_offset(r, n); returns datetime64",
        )
    )
    V.append(
        Variant(
            "numpy busday_offset scalar x1, FULL",
            "FULL",
            lambda t, n: busday_offset(t.date(), n, roll="forward", busdaycal=cf),
            note="busday_offset(d, n, roll='forward') does both steps; returns datetime64",
        )
    )
    if wk is not None:
        extra = tuple(cals.makeup)
        wk_is, wk_add = wk.is_working_day, wk.add_working_days

        def wk_deadline(t: datetime, n: int) -> date:
            d = t.date()
            r = d if wk_is(d, extra_working_days=extra) else wk_add(d, 1, extra_working_days=extra)
            return wk_add(r, n, extra_working_days=extra)  # type: ignore[no-any-return]

        V.append(
            Variant(
                "workalendar is_working_day + add_working_days",
                "FULL",
                wk_deadline,
                note="make-up days via extra_working_days",
            )
        )

    # Batch: due_dates() takes receipt DAYS for one limit, so the queries are grouped by n
    # beforehand (outside the timing); the rows time one due_dates() call per distinct n.
    days = [t.date() for t, _ in qs]
    groups: dict[int, list[int]] = {}
    for i, (_, n) in enumerate(qs):
        groups.setdefault(n, []).append(i)
    order = [i for n in sorted(groups) for i in groups[n]]
    day_groups = [(n, [days[i] for i in groups[n]]) for n in sorted(groups)]
    d64_groups = [(n, to_d64(ds)) for n, ds in day_groups]
    days64 = to_d64(days)
    ns64 = np.array([n for _, n in qs], dtype=np.int64)

    def scatter(parts: list[Any]) -> list[int]:
        flat: list[int] = []
        for part in parts:
            flat.extend(norm_days(part))
        out = [0] * len(order)
        for i, o in zip(order, flat, strict=True):
            out[i] = o
        return out

    grouping = f"{len(day_groups)} calls of about {len(qs) // len(day_groups):,} receipt days, pre-grouped by n"
    V.append(
        Variant(
            "motcua WorkingDays(n).due_dates(list[date]), one call per n",
            "motcua",
            lambda: [WorkingDays(n).due_dates(ds) for n, ds in day_groups],
            batch=True,
            unpack=scatter,
            note=f"per element; {grouping}",
        )
    )
    V.append(
        Variant(
            "motcua WorkingDays(n).due_dates(datetime64[D]), one call per n",
            "motcua",
            lambda: [WorkingDays(n).due_dates(a) for n, a in d64_groups],
            batch=True,
            unpack=scatter,
            note=f"per element; {grouping}",
        )
    )
    V.append(
        Variant(
            "numpy busday_offset vectorised, FULL, roll='forward'",
            "FULL",
            lambda: busday_offset(days64, ns64, roll="forward", busdaycal=cf),
            batch=True,
            note="per element; one call, n per element",
        )
    )
    for v in V:
        if v.batch:
            v.n = len(qs)
    return task


# ---------------------------------------------------------------------------- correctness
@dataclass
class Check:
    what: str
    queries: int
    mismatches: int
    explained: int | None = None  # None: no explanation applies (any mismatch is a failure)
    examples: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        if self.mismatches == 0:
            return "OK"
        if self.explained is not None and self.explained == self.mismatches:
            return "all explained"
        return "UNEXPLAINED"


def compare(
    what: str,
    qs: Sequence[tuple[Any, Any]],
    got: Sequence[Any],
    ref: Sequence[Any],
    span: Callable[[int, Any, Any], tuple[int, int]],
    explain_by: Sequence[date] | None,
) -> Check:
    explain = sorted(d.toordinal() for d in explain_by) if explain_by is not None else None
    c = Check(what, len(qs), 0, 0 if explain is not None else None)
    for i, (g, r) in enumerate(zip(got, ref, strict=True)):
        if g == r:
            continue
        c.mismatches += 1
        lo, hi = span(i, g, r)
        if explain is not None and covers(explain, lo, hi):
            assert c.explained is not None
            c.explained += 1
        elif len(c.examples) < 3:
            x, y = qs[i]
            c.examples.append(f"{x} + {y}: got {fmt_value(g)}, expected {fmt_value(r)}")
    return c


def correctness(cals: Calendars, tasks: dict[str, Task], n_warnings: int) -> list[Check]:
    checks: list[Check] = []
    hol = cals.hol_table
    for key in ("a", "b", "d"):
        t = tasks[key]
        qs = t.qs
        checks.append(
            compare(
                f"({key}) motcua vs python-holidays FULL (its is_working_day as a rank table)",
                qs,
                [hol.add(d, n) for d, n in qs],
                t.ref,
                t.span,
                HOLIDAYS_KNOWN_GAPS,
            )
        )
        starts64 = to_d64(d for d, _ in qs)
        ns64 = np.array([n for _, n in qs], dtype=np.int64)
        for label, cal, explain in (("BASE", cals.np_base, cals.makeup), ("FULL", cals.np_full, None)):
            got = d64_to_ords(np.busday_offset(starts64, ns64, roll="backward", busdaycal=cal))
            checks.append(compare(f"({key}) motcua vs numpy {label}", qs, got, t.ref, t.span, explain))
        back = [cals.mc.working_days_between(d, date.fromordinal(r)) for (d, _), r in zip(qs, t.ref, strict=True)]
        checks.append(
            compare(
                f"({key}) round trip working_days_between(d, add_working_days(d, n)) == n",
                qs,
                back,
                [n for _, n in qs],
                t.span,
                None,
            )
        )
    t = tasks["c"]
    checks.append(
        compare(
            "(c) motcua vs python-holidays FULL (its is_working_day as a rank table)",
            t.qs,
            [hol.count(s, e) for s, e in t.qs],
            t.ref,
            t.span,
            HOLIDAYS_KNOWN_GAPS,
        )
    )
    one = np.timedelta64(1, "D")
    s64 = to_d64(s for s, _ in t.qs) + one
    e64 = to_d64(e for _, e in t.qs) + one
    for label, cal, explain in (("BASE", cals.np_base, cals.makeup), ("FULL", cals.np_full, None)):
        got = np.busday_count(s64, e64, busdaycal=cal).tolist()
        checks.append(compare(f"(c) motcua vs numpy {label}", t.qs, got, t.ref, t.span, explain))
    t = tasks["e"]
    checks.append(
        compare(
            "(e) motcua vs minute walk over python-holidays days",
            t.qs,
            [ref_hours(m, h, hol.is_working) for m, h in t.qs],
            t.ref,
            t.span,
            HOLIDAYS_KNOWN_GAPS,
        )
    )
    mc_flags = frozenset(cals.off_all)
    checks.append(
        compare(
            "(e) motcua vs minute walk over motcua's own day flags",
            t.qs,
            [ref_hours(m, h, lambda d: d not in mc_flags) for m, h in t.qs],
            t.ref,
            t.span,
            None,
        )
    )
    table_fn: Callable[[Any, Any], int]
    for key, prefix, table_fn in (
        ("a", "python-holidays", hol.add),
        ("b", "python-holidays", hol.add),
        ("c", "python-holidays", hol.count),
    ):
        t = tasks[key]
        v = find(t, prefix)
        if v.results is not None:
            sample = t.qs[: len(v.results)]
            checks.append(
                compare(
                    f"({key}) python-holidays direct calls == its rank table (timed sample)",
                    sample,
                    v.results,
                    [table_fn(x, y) for x, y in sample],
                    t.span,
                    None,
                )
            )
    checks.extend(deadline_checks(cals, tasks))
    n_ref = sum(len(t.qs) for t in tasks.values())
    checks.append(Check("EstimatedCalendarWarning raised while computing motcua's answers", n_ref, n_warnings, None))
    return checks


def deadline_checks(cals: Calendars, tasks: dict[str, Task]) -> list[Check]:
    """(f)/(g): compare (R, due date) pairs, so the receipt-day roll is checked as well."""
    checks: list[Check] = []
    hol = cals.hol_table
    WorkingDays, Conventions = motcua.WorkingDays, motcua.Conventions
    general = Conventions()  # equal to the defaults but not the same object: takes the general path
    for key in ("f", "g"):
        t = tasks[key]
        qs = t.qs
        days = [m.date() for m, _ in qs]
        fast = [WorkingDays(n).deadline(m) for m, n in qs]
        ref = [(d.receipt_day.toordinal(), d.date.toordinal()) for d in fast]

        def span(i: int, g: tuple[int, int], r: tuple[int, int], qs: Sequence[Any] = qs) -> tuple[int, int]:
            return qs[i][0].toordinal() - 1, max(g[1], r[1])

        checks.append(
            compare(
                f"({key}) motcua (receipt_day, date) vs python-holidays FULL (rank table, rolled forward)",
                qs,
                [(hol.roll(d), hol.deadline(d, n)) for d, (_, n) in zip(days, qs, strict=True)],
                ref,
                span,
                HOLIDAYS_KNOWN_GAPS,
            )
        )
        days64 = to_d64(days)
        ns64 = np.array([n for _, n in qs], dtype=np.int64)
        cf = cals.np_full
        r64 = d64_to_ords(np.busday_offset(days64, 0, roll="forward", busdaycal=cf))
        due64 = d64_to_ords(np.busday_offset(days64, ns64, roll="forward", busdaycal=cf))
        checks.append(
            compare(
                f"({key}) motcua (receipt_day, date) vs numpy FULL (roll='forward', vectorised)",
                qs,
                list(zip(r64, due64, strict=True)),
                ref,
                span,
                None,
            )
        )
        slow = [WorkingDays(n).deadline(m, conventions=general) for m, n in qs]
        checks.append(
            compare(
                f"({key}) motcua deadline() fast path == general path (conventions=Conventions())",
                qs,
                [(d.receipt_day.toordinal(), d.date.toordinal()) for d in slow],
                ref,
                span,
                None,
            )
        )
        checks.append(
            compare(
                f"({key}) motcua deadline(t).deemed == (receipt day is not a working day)",
                qs,
                [d.deemed for d in fast],
                [not cals.mc.is_working_day(d) for d in days],
                lambda i, g, r: (0, 0),
                None,
            )
        )
        v = find(t, "python-holidays")
        if v.results is not None:
            sample = qs[: len(v.results)]
            checks.append(
                compare(
                    f"({key}) python-holidays direct calls == its rank table (timed sample)",
                    sample,
                    v.results,
                    [hol.deadline(m.date(), n) for m, n in sample],
                    t.span,
                    None,
                )
            )
    h = cals.hol
    every = [START_LO + timedelta(days=i) for i in range(START_HI.toordinal() - START_LO.toordinal() + 1)]
    checks.append(
        compare(
            "python-holidays get_nth_working_day(d, 0) == (d if is_working_day(d) else get_nth_working_day(d, 1)),"
            " every day 2016-01-01..2026-06-30",
            [(d, 0) for d in every],
            [h.get_nth_working_day(d, 0) for d in every],
            [d if h.is_working_day(d) else h.get_nth_working_day(d, 1) for d in every],
            lambda i, g, r: (0, 0),
            None,
        )
    )
    return checks


# ---------------------------------------------------------------------------- report
def fmt_ns(x: float) -> str:
    if x >= 1e6:
        return f"{x / 1e6:,.2f} ms"
    if x >= 1e4:
        return f"{x / 1e3:,.1f} µs"
    if x >= 100:
        return f"{x:,.0f}"
    return f"{x:.1f}"


def fmt_ratio(x: float) -> str:
    if x >= 100:
        return f"{x:,.0f}x"
    if x >= 10:
        return f"{x:.1f}x"
    return f"{x:.2f}x"


def render_table(task: Task, out: list[str]) -> None:
    base = median_of(task, task.ratio_base)
    out.append(f"\n### {task.title}\n")
    out.append(
        f"| library / path | calendar | n | median {task.unit} | spread (min–max) | x {task.ratio_base} | mismatches |"
    )
    out.append("|---|---|---:|---:|---:|---:|---|")
    for v in task.variants:
        name = v.name + (f" ({v.note})" if v.note else "")
        if v.error is not None:
            out.append(f"| {name} | {v.cal} | - | error | | | {v.error} |")
            continue
        m = v.median
        assert m is not None
        spread = f"{fmt_ns(min(v.samples))}–{fmt_ns(max(v.samples))}"
        ratio = fmt_ratio(m / base) if base else "-"
        if not v.check:
            mism = "reference" if v.cal == "motcua" else "-"
        else:
            mism = f"{v.mismatches:,}"
            if v.mismatches and v.explain_by is not None:
                mism += f" ({v.explained:,} explained)"
            if v.convention_only:
                mism += f"; {v.convention_only} differ only by session-boundary convention"
            if v.examples:
                mism += "; e.g. " + "; ".join(v.examples[:2])
        out.append(f"| {name} | {v.cal} | {v.n:,} | {fmt_ns(m)} | {spread} | {ratio} | {mism} |")


@dataclass
class Goal:
    what: str
    value: float | None
    target: str
    ok: bool | None

    @property
    def verdict(self) -> str:
        return "n/a" if self.ok is None else "PASS" if self.ok else "MISS"


def goals(tasks: dict[str, Task]) -> list[Goal]:
    out: list[Goal] = []

    def ratio(task: Task, slow: str, fast: str) -> float | None:
        a, b = median_of(task, slow), median_of(task, fast)
        return a / b if a and b else None

    def add(what: str, value: float | None, target: str, ok: Callable[[float], bool]) -> None:
        out.append(Goal(what, value, target, ok(value) if value is not None else None))

    for key in ("a", "b", "c"):
        t = tasks[key]
        hol_name = "python-holidays"
        add(
            f"({key}) python-holidays / motcua",
            ratio(t, hol_name, "motcua "),
            f">= {GOAL_VS_HOLIDAYS:.0f}x",
            lambda x: x >= GOAL_VS_HOLIDAYS,
        )
    for key, np_name in (
        ("a", "numpy busday_offset scalar, BASE"),
        ("b", "numpy busday_offset scalar, BASE"),
        ("c", "numpy busday_count scalar, BASE"),
    ):
        add(
            f"({key}) {np_name} / motcua",
            ratio(tasks[key], np_name, "motcua "),
            f">= {GOAL_VS_NUMPY_SCALAR:.0f}x",
            lambda x: x >= GOAL_VS_NUMPY_SCALAR,
        )
    a, b = median_of(tasks["a"], "motcua add_working_days"), median_of(tasks["b"], "motcua add_working_days")
    add(
        "motcua add_working_days: (b) N<=250 / (a) N<=30",
        b / a if a and b else None,
        f"<= {GOAL_N250_OVER_N30}",
        lambda x: x <= GOAL_N250_OVER_N30,
    )
    add(
        "motcua add_working_days_many from lists, ns/element (d)",
        median_of(tasks["d"], "motcua add_working_days_many (lists)"),
        f"<= {GOAL_BATCH_NS:.0f} ns",
        lambda x: x <= GOAL_BATCH_NS,
    )
    full = "motcua WorkingDays(n).deadline"
    for key in ("f", "g"):
        add(
            f"({key}) python-holidays / motcua WorkingDays(n).deadline(t).date",
            ratio(tasks[key], "python-holidays", full),
            f">= {GOAL_DEADLINE_VS_HOLIDAYS:.0f}x",
            lambda x: x >= GOAL_DEADLINE_VS_HOLIDAYS,
        )
    f, g = median_of(tasks["f"], full), median_of(tasks["g"], full)
    add(
        "motcua WorkingDays(n).deadline(t): (g) n<=250 / (f) n<=30",
        g / f if f and g else None,
        f"<= {GOAL_DEADLINE_FLAT}",
        lambda x: x <= GOAL_DEADLINE_FLAT,
    )
    return out


def environment() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    libs = ", ".join(
        f"{name} {ver}"
        for name in ("motcua", "numpy", "holidays", "workalendar", "pandas")
        if (ver := dist_version(name)) is not None
    )
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        head = subprocess.run(
            ["git", "-C", repo, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", repo, "status", "--porcelain", "--", "src"], capture_output=True, text=True, check=True
        ).stdout.strip()
        commit = f"{head}{' + uncommitted changes in src/' if dirty else ''}"
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return [
        f"- motcua source: git commit {commit}",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.release()} {platform.machine()}",
        f"- CPU: {cpu}; {os.cpu_count()} cores ({affinity} usable by this process)",
        f"- Libraries: {libs}",
    ]


# ---------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    ap.add_argument("--quick", action="store_true", help="smaller samples and shorter passes (about 20-30 s)")
    ap.add_argument("--repeats", type=int, default=None, help="timed passes per variant (default 7, quick 5)")
    ap.add_argument("--seed", type=int, default=20261127)
    ap.add_argument("--json", metavar="FILE", help="write raw samples and checks to FILE")
    ap.add_argument("--markdown", metavar="FILE", help="write the result tables to FILE")
    args = ap.parse_args(argv)

    q = 20_000 if args.quick else 100_000
    q_batch = 100_000 if args.quick else 1_000_000
    q_hours = 5_000 if args.quick else 20_000
    repeats = max(5, args.repeats or (5 if args.quick else 7))
    budget = 0.05 if args.quick else 0.3  # target seconds per timed pass of a slow variant
    min_n = 100 if args.quick else 300
    t_start = time.perf_counter()
    env = environment()  # before the long run: records the source commit actually imported

    cals = build_calendars()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", motcua.EstimatedCalendarWarning)
        tasks = {
            "a": add_task("a", 30, cals, q, args.seed),
            "b": add_task("b", 250, cals, q, args.seed),
            "c": count_task(cals, q, args.seed),
            "d": batch_task(cals, q_batch, args.seed),
            "e": hours_task(cals, q_hours, args.seed),
            "f": deadline_task("f", 30, cals, q, args.seed),
            "g": deadline_task("g", 250, cals, q, args.seed),
        }
    n_warnings = sum(issubclass(w.category, motcua.EstimatedCalendarWarning) for w in caught)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # queries stay inside the data; silence library chatter
        for task in tasks.values():
            print(f"timing {task.title} ...", file=sys.stderr, flush=True)
            run_task(task, repeats, budget, min_n, MIN_PASS_S / 2 if args.quick else MIN_PASS_S)
        checks = correctness(cals, tasks, n_warnings)
    goal_rows = goals(tasks)

    out: list[str] = ["## Environment\n", *env]
    out.append(
        f"- Seed {args.seed}; {repeats} round-robin repeats per variant, GC off during timed passes; "
        f"{'quick' if args.quick else 'full'} mode. FULL = the real calendar (motcua's day flags, "
        "incl. make-up Saturdays); BASE = Mon–Fri weekmask + motcua's non-working weekdays (no make-up "
        f"Saturdays: {len(cals.makeup)} of them in 2013–2027). `n` = queries timed (slow libraries get fewer)."
    )
    for note in cals.notes:
        out.append(f"- Note: {note}")
    out.append("\n## Timings")
    for task in tasks.values():
        render_table(task, out)

    out.append("\n## Goals\n")
    out.append("| goal | measured | target | result |")
    out.append("|---|---:|---|---|")
    for g in goal_rows:
        value = "-" if g.value is None else (fmt_ns(g.value) + " ns" if "ns/element" in g.what else f"{g.value:,.2f}")
        out.append(f"| {g.what} | {value} | {g.target} | {g.verdict} |")

    out.append("\n## Correctness (all queries of each task)\n")
    out.append(
        "python-holidays 0.109 is known to be wrong on "
        + ", ".join(d.isoformat() for d in HOLIDAYS_KNOWN_GAPS)
        + "; a mismatch is *explained* when the query's span covers one of those days (for numpy BASE and"
        " pandas BASE: one of motcua's make-up weekend days)."
    )
    out.append("\n| check | queries | mismatches | explained | verdict | unexplained examples |")
    out.append("|---|---:|---:|---:|---|---|")
    for c in checks:
        expl = "-" if c.explained is None else f"{c.explained:,}"
        out.append(f"| {c.what} | {c.queries:,} | {c.mismatches:,} | {expl} | {c.verdict} | {'; '.join(c.examples)} |")

    out.append("\n## One-off setup (single cold measurement)\n")
    out.append("| step | ms |")
    out.append("|---|---:|")
    for step, secs in cals.setup_ms.items():
        out.append(f"| {step} | {secs * 1e3:.1f} |")
    out.append(f"\nTotal wall time {time.perf_counter() - t_start:.0f} s.")

    text = "\n".join(out) + "\n"
    print(text)
    if args.markdown:
        command = "python bench/bench_calendar.py " + " ".join(shlex.quote(a) for a in (argv or sys.argv[1:]))
        header = f"# motcua benchmark results\n\n{date.today().isoformat()}, produced by `{command.strip()}`\n\n"
        with open(args.markdown, "w", encoding="utf-8") as fh:
            fh.write(header + text)
    if args.json:
        raw = {
            "env": env,
            "params": {
                "seed": args.seed,
                "quick": args.quick,
                "repeats": repeats,
                "q": q,
                "q_batch": q_batch,
                "q_hours": q_hours,
            },
            "notes": cals.notes,
            "tasks": {
                key: {
                    "title": t.title,
                    "unit": t.unit,
                    "rows": [
                        {
                            "name": v.name,
                            "calendar": v.cal,
                            "batch": v.batch,
                            "n": v.n,
                            "inner": v.inner,
                            "samples_ns": v.samples,
                            "median_ns": v.median,
                            "mismatches": v.mismatches,
                            "explained": v.explained,
                            "convention_only": v.convention_only,
                            "examples": v.examples,
                            "error": v.error,
                        }
                        for v in t.variants
                    ],
                }
                for key, t in tasks.items()
            },
            "checks": [c.__dict__ | {"verdict": c.verdict} for c in checks],
            "goals": [g.__dict__ | {"verdict": g.verdict} for g in goal_rows],
            "setup_s": cals.setup_ms,
        }
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(raw, fh, indent=1, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
