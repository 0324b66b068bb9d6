"""Benchmark form 06 reports over a province's year: the object path and the columnar path.

Run from the project root::

    python bench/bench_reports.py                    # 1,000,000 dossiers, a few minutes
    python bench/bench_reports.py --quick            # 100,000 dossiers, under a minute
    python bench/bench_reports.py --markdown bench/REPORTS_RESULTS.md

The synthetic year (fixed seed, so every run reads the same dossiers):

* 11 real procedures of the shipped catalogue, with the volumes of a busy province: certified
  copies and signatures (SameDay) dominate, then civil status (SameDay and WorkingDays(2..5)),
  and one procedure whose limit changes mid-year (2.000806: CalendarDays(15) until 30/6/2025,
  WorkingDays(5) from 1/7/2025);
* receipts over 2025: in person on working days during office hours (07:30-11:30,
  13:30-17:00), online at any hour of any day (nights, weekends, Tết);
* resolutions mostly early or on the due day, some late (1-4 working days), some not yet
  resolved (and those received late in December are often still open at the year's end);
* about 2 % with a supplement request, a verification, an extension (apology with a new date)
  or a withdrawal, so the object path also runs full timelines.

What is timed (``time.perf_counter``; each report is the median of ``--repeat`` runs; the
garbage collector stays on, as in real use, after a ``gc.collect()`` before each step):

1. building the ``Dossier`` objects from plain Python values (reported on its own);
2. ``period_report(dossiers, 1/1/2025, 31/12/2025)`` over every dossier, and with ``by="procedure"``;
3. the columnar path, ``period_report_columns`` once per procedure, on the resolution-only
   dossiers, from lists and from numpy arrays, against the object path on the same dossiers.

Memory: ``tracemalloc`` peaks (Python allocations only) while building the dossiers and while
reporting, in separate untimed runs since tracing slows allocation; the process's peak RSS
(``resource.getrusage``) after each stage. Correctness: every columnar count is compared with
the object path's count for the same procedure, and the columnar reports of the simple dossiers
combined with the object report of the others must equal the object report of all.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import platform
import pstats
import resource
import shlex
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt

import motcua
from motcua import (
    Dossier,
    Extended,
    PeriodReport,
    Resolved,
    SameDay,
    Supplemented,
    SupplementRequested,
    VerificationEnded,
    VerificationStarted,
    Withdrawn,
    period_report,
)
from motcua.columnar import combine_reports, period_report_columns

START, END = date(2025, 1, 1), date(2025, 12, 31)
SEED = 20251231
GOAL_OBJECT_PER_S = 30_000
GOAL_COLUMNAR_RATIO = 10.0

#: (code, share of the dossiers, share received online)
PROCEDURES: tuple[tuple[str, float, float], ...] = (
    ("2.000815", 0.34, 0.05),  # Chứng thực bản sao từ bản chính — SameDay
    ("2.000884", 0.12, 0.05),  # Chứng thực chữ ký — SameDay
    ("1.001193", 0.10, 0.35),  # Đăng ký khai sinh — SameDay
    ("1.004873", 0.10, 0.45),  # Xác nhận tình trạng hôn nhân — WorkingDays(3)
    ("2.001035", 0.08, 0.00),  # Chứng thực hợp đồng, giao dịch — WorkingDays(2)
    ("2.000635", 0.07, 0.35),  # Cấp bản sao trích lục hộ tịch — SameDay
    ("1.004884", 0.05, 0.30),  # Đăng ký lại khai sinh — WorkingDays(5)
    ("1.000894", 0.04, 0.20),  # Đăng ký kết hôn — SameDay
    ("1.000656", 0.04, 0.20),  # Đăng ký khai tử — SameDay
    ("1.004837", 0.03, 0.10),  # Đăng ký giám hộ — WorkingDays(3)
    ("2.000806", 0.03, 0.10),  # Kết hôn có yếu tố nước ngoài — CalendarDays(15), WorkingDays(5) from 1/7
)
COMPLEX_SHARE = {"supplement": 0.010, "verification": 0.003, "extension": 0.004, "withdrawn": 0.003}
POSTAL_SHARE = 0.02  # of the dossiers not received online
US = np.timedelta64(1, "us")
OFFICE_SECONDS = 7.5 * 3600  # 07:30-11:30 and 13:30-17:00


# ---------------------------------------------------------------------------- the synthetic year


@dataclass
class Year:
    """The register as columns (numpy), and which dossiers carry more than a resolution."""

    n: int
    proc: npt.NDArray[np.int64]  # index into PROCEDURES
    received: npt.NDArray[np.datetime64]  # datetime64[s]
    resolved: npt.NDArray[np.datetime64]  # datetime64[s], NaT when not resolved
    channel: npt.NDArray[np.str_]
    kind: npt.NDArray[np.str_]  # "simple" or one of COMPLEX_SHARE
    seconds: float = 0.0


def office_time(rng: np.random.Generator, n: int) -> npt.NDArray[np.timedelta64]:
    """Uniform moments inside the office sessions, as offsets from midnight."""
    s = rng.integers(0, int(OFFICE_SECONDS), n)
    s = np.where(s < 4 * 3600, 7.5 * 3600 + s, 13.5 * 3600 + s - 4 * 3600).astype(np.int64)
    return s.astype("timedelta64[s]")


def synthesise(n: int, seed: int = SEED) -> Year:
    t0 = time.perf_counter()
    rng = np.random.default_rng(seed)
    cal = motcua.vietnam_calendar()
    cat = motcua.catalogue()
    weights = np.array([w for _, w, _ in PROCEDURES])
    proc = rng.choice(len(PROCEDURES), size=n, p=weights / weights.sum())
    online = rng.random(n) < np.array([o for _, _, o in PROCEDURES])[proc]

    workdays = np.array(cal.working_days(START, END), dtype="datetime64[D]")
    desk_day = workdays[rng.integers(0, len(workdays), n)]
    desk = desk_day.astype("datetime64[s]") + office_time(rng, n)
    anytime = np.datetime64("2025-01-01T00:00:00") + rng.integers(0, 365 * 86400, n).astype("timedelta64[s]")
    received = np.where(online, anytime, desk)

    # R, then a processing time in working days relative to the limit (mostly in time).
    day = received.astype("datetime64[D]")
    rolled = cal.add_working_days_many(day, 0)
    n_days = np.zeros(n, dtype=np.int64)  # the limit in working days (SameDay: 0)
    for i, (code, _, _) in enumerate(PROCEDURES):
        limit = cat.get(code, on=date(2025, 6, 1)).time_limit
        n_days[proc == i] = 0 if isinstance(limit, SameDay) else getattr(limit, "n", 0)
    n_days[proc == [c for c, _, _ in PROCEDURES].index("2.000806")] = 7  # about CalendarDays(15) or WorkingDays(5)
    u = rng.random(n)
    early = rng.integers(0, np.maximum(n_days, 1))  # 0..n-1 working days
    late = n_days + rng.integers(1, 5, n)
    k = np.where(u < 0.62, early, np.where(u < 0.92, n_days, late))
    k = np.where((n_days == 0) & (u < 0.86), 0, np.where(n_days == 0, np.where(u < 0.95, 1, late), k))
    resolved_day = cal.add_working_days_many(rolled, k)
    resolved = resolved_day.astype("datetime64[s]") + office_time(rng, n)
    same_day = resolved.astype("datetime64[D]") == day
    quick = received + rng.integers(600, 3 * 3600, n).astype("timedelta64[s]")
    resolved = np.where(same_day & (resolved < quick), quick, resolved)
    resolved = np.maximum(resolved, received + np.timedelta64(60, "s"))
    resolved[rng.random(n) < 0.025] = np.datetime64("NaT")

    channel = np.where(online, "online", np.where(rng.random(n) < POSTAL_SHARE, "postal", "in_person"))
    kind = np.full(n, "simple", dtype="<U12")
    draw = rng.random(n)
    edge = 0.0
    for name, share in COMPLEX_SHARE.items():
        kind[(draw >= edge) & (draw < edge + share)] = name
        edge += share
    # An extension needs a limit of at least 2 working days (it is sent a day before the due date).
    kind[(kind == "extension") & (n_days < 2)] = "supplement"
    # 2.000806 changes version on 1/7/2025, and a supplement received after the change makes
    # the timeline recompute the deadline with the old version, which raises NotInForceError
    # (reported as a library issue): its dossiers here carry only a resolution.
    kind[proc == [c for c, _, _ in PROCEDURES].index("2.000806")] = "simple"
    return Year(n, proc.astype(np.int64), received, resolved, channel, kind, time.perf_counter() - t0)


# ---------------------------------------------------------------------------- building dossiers


@dataclass
class Inputs:
    """Plain Python values per dossier, as a program would hold them before building objects."""

    codes: list[str]
    received: list[datetime]
    resolved: list[datetime | None]
    channel: list[str]
    kind: list[str]
    versions: list[motcua.Procedure]
    seconds: float = 0.0


def plain_values(year: Year) -> Inputs:
    t0 = time.perf_counter()
    cat = motcua.catalogue()
    codes_of = [c for c, _, _ in PROCEDURES]
    codes = [codes_of[i] for i in year.proc.tolist()]
    received = year.received.astype("datetime64[us]").tolist()
    resolved = year.resolved.astype("datetime64[us]").tolist()
    # The version in force on the receipt day (2.000806 changes on 1/7/2025).
    by_day: dict[tuple[str, date], motcua.Procedure] = {}
    versions = []
    for code, r in zip(codes, received, strict=True):
        key = (code, r.date())
        p = by_day.get(key)
        if p is None:
            p = by_day[key] = cat.get(code, on=key[1])
        versions.append(p)
    return Inputs(
        codes, received, resolved, year.channel.tolist(), year.kind.tolist(), versions, time.perf_counter() - t0
    )


def complex_events(
    kind: str, p: motcua.Procedure, r: datetime, x: datetime | None, cal: motcua.WorkingCalendar
) -> tuple[list[Any], bool]:
    """Events for a dossier with more than a resolution; (events, verification)."""
    hour = timedelta(hours=1)
    if kind == "withdrawn":
        return [Withdrawn(r + timedelta(days=1), reason="Công dân rút hồ sơ")], False
    if kind == "extension":
        due = p.deadline(r, cal).date
        new_due = cal.add_working_days(due, 3)
        done = datetime.combine(cal.add_working_days(due, 2), datetime.min.time()) + timedelta(hours=10)
        return [Extended(r + hour, new_due=new_due, reason="Cần thêm thời gian thẩm định"), Resolved(done)], False
    base = cal.add_working_days(r.date(), 0)
    if kind == "verification" and p.verification_limit is not None:
        started = max(r + hour, datetime.combine(base, datetime.min.time()) + timedelta(hours=9))
        ended = datetime.combine(cal.add_working_days(base, 2), datetime.min.time()) + timedelta(hours=14)
        done = datetime.combine(cal.add_working_days(base, 4), datetime.min.time()) + timedelta(hours=10)
        return [VerificationStarted(started), VerificationEnded(ended), Resolved(done)], True
    # A supplement request on the first working day, supplied two working days later.
    requested = max(r + hour, datetime.combine(base, datetime.min.time()) + timedelta(hours=15))
    supplied = datetime.combine(cal.add_working_days(base, 2), datetime.min.time()) + timedelta(hours=9)
    events: list[Any] = [SupplementRequested(requested, reason="Thiếu giấy tờ"), Supplemented(supplied)]
    if x is not None:
        events.append(Resolved(max(supplied + hour, x + timedelta(days=2))))
    return events, False


def build_dossiers(inp: Inputs) -> tuple[list[Dossier], list[bool]]:
    """The Dossier objects, and which of them carry only a resolution (the columnar path's scope)."""
    cal = motcua.vietnam_calendar()
    dossiers = []
    simple = []
    for p, r, x, ch, kind in zip(inp.versions, inp.received, inp.resolved, inp.channel, inp.kind, strict=True):
        if kind == "simple":
            dossiers.append(Dossier(p, r, ch, events=(Resolved(x),) if x is not None else ()))
            simple.append(True)
        else:
            events, verification = complex_events(kind, p, r, x, cal)
            dossiers.append(Dossier(p, r, ch, events=events, verification=verification))
            simple.append(False)
    return dossiers, simple


# ---------------------------------------------------------------------------- measuring


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def current_rss_mib() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median seconds over *repeat* runs, and the last result."""
    times = []
    result = None
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def traced(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """(tracemalloc peak MiB, MiB still allocated at the end, result) of one untimed run."""
    gc.collect()
    tracemalloc.start()
    try:
        result = fn()
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20, current / 2**20, result


COUNT_FIELDS = (
    "received",
    "received_online",
    "received_direct",
    "carried_over",
    "resolved",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "pending",
    "pending_within_time",
    "pending_overdue",
    "withdrawn",
)


def counts(report: PeriodReport) -> tuple[int, ...]:
    return tuple(getattr(report, f) for f in COUNT_FIELDS)


@dataclass
class Columns:
    """Per procedure, the resolution-only dossiers as lists and as numpy arrays."""

    procedure: dict[str, Any] = field(default_factory=dict)  # what period_report_columns gets
    #: Lists built per procedure (fresh objects, as from a query or a DataFrame group).
    lists: dict[str, tuple[list[datetime], list[datetime | None], list[str]]] = field(default_factory=dict)
    #: Lists sliced from the register's lists: they share the objects the dossiers were built
    #: from, so each procedure's values are scattered through memory.
    shared: dict[str, tuple[list[datetime], list[datetime | None], list[str]]] = field(default_factory=dict)
    arrays: dict[str, tuple[Any, Any, Any]] = field(default_factory=dict)
    n: int = 0
    seconds_lists: float = 0.0
    seconds_shared: float = 0.0
    seconds_arrays: float = 0.0


def columns(year: Year, inp: Inputs) -> Columns:
    out = Columns()
    cat = motcua.catalogue()
    simple = year.kind == "simple"
    out.n = int(simple.sum())
    for code, _, _ in PROCEDURES:
        versions = {p for p, c in zip(inp.versions, inp.codes, strict=True) if c == code}
        # One version all year: pass it; several (2.000806): pass the code, read per receipt day.
        out.procedure[code] = versions.pop() if len(versions) == 1 else code
    t0 = time.perf_counter()
    for i, (code, _, _) in enumerate(PROCEDURES):
        mask = simple & (year.proc == i)
        out.arrays[code] = (year.received[mask], year.resolved[mask], year.channel[mask])
    out.seconds_arrays = time.perf_counter() - t0
    t0 = time.perf_counter()
    out.lists = fresh_lists(out.arrays)
    out.seconds_lists = time.perf_counter() - t0
    t0 = time.perf_counter()
    buckets: dict[str, tuple[list[datetime], list[datetime | None], list[str]]] = {
        code: ([], [], []) for code, _, _ in PROCEDURES
    }
    for code, r, x, ch, kind in zip(inp.codes, inp.received, inp.resolved, inp.channel, inp.kind, strict=True):
        if kind == "simple":
            b = buckets[code]
            b[0].append(r)
            b[1].append(x)
            b[2].append(ch)
    out.shared = buckets
    out.seconds_shared = time.perf_counter() - t0
    del cat
    return out


def fresh_lists(arrays: dict[str, tuple[Any, Any, Any]]) -> dict[str, tuple[list[Any], list[Any], list[str]]]:
    """Python lists of each procedure's values, as ``tolist()`` of a DataFrame group would give."""
    return {
        code: (r.astype("datetime64[us]").tolist(), x.astype("datetime64[us]").tolist(), ch.tolist())
        for code, (r, x, ch) in arrays.items()
    }


def columnar_lists(cols: Columns, shared: bool = False) -> PeriodReport:
    parts = [
        period_report_columns(r, x, START, END, procedure=cols.procedure[code], channels=ch, group=code)
        for code, (r, x, ch) in (cols.shared if shared else cols.lists).items()
    ]
    return combine_reports(parts, by_group=True)


def columnar_arrays(cols: Columns) -> PeriodReport:
    parts = [
        period_report_columns(r, x, START, END, procedure=cols.procedure[code], channels=ch, group=code)
        for code, (r, x, ch) in cols.arrays.items()
    ]
    return combine_reports(parts, by_group=True)


# ---------------------------------------------------------------------------- the run


def git_head() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")


def fmt_rate(x: float) -> str:
    return f"{x:,.0f}"


def run(n: int, repeat: int, profile: bool) -> str:
    lines: list[str] = []
    out = lines.append
    rss0 = current_rss_mib()

    year = synthesise(n)
    inp = plain_values(year)
    rss_inputs = current_rss_mib()

    gc.collect()
    t0 = time.perf_counter()
    dossiers, simple = build_dossiers(inp)
    build_s = time.perf_counter() - t0
    rss_built = current_rss_mib()
    peak_after_build = peak_rss_mib()
    simple_dossiers = [d for d, s in zip(dossiers, simple, strict=True) if s]
    complex_dossiers = [d for d, s in zip(dossiers, simple, strict=True) if not s]

    all_s, report_all = timed(lambda: period_report(dossiers, START, END), repeat)
    by_s, report_by = timed(lambda: period_report(dossiers, START, END, by="procedure"), repeat)
    simple_s, report_simple = timed(lambda: period_report(simple_dossiers, START, END, by="procedure"), repeat)
    complex_s, report_complex = timed(lambda: period_report(complex_dossiers, START, END, by="procedure"), repeat)

    cols = columns(year, inp)
    columnar_lists(cols)  # warm-up: calendar tables, numpy import
    columnar_arrays(cols)
    lists_s, report_lists = timed(lambda: columnar_lists(cols), repeat)
    shared_s, report_shared = timed(lambda: columnar_lists(cols, shared=True), repeat)
    arrays_s, report_arrays = timed(lambda: columnar_arrays(cols), repeat)
    peak_after_reports = peak_rss_mib()

    # Correctness: columnar = object path on the resolution-only dossiers, per procedure and in total.
    mismatches = []
    for name, rep in (("lists", report_lists), ("shared lists", report_shared), ("numpy", report_arrays)):
        if counts(rep) != counts(report_simple):
            mismatches.append(f"{name}: total {counts(rep)} != {counts(report_simple)}")
        for code, g in report_simple.groups.items():
            if counts(rep.groups[code]) != counts(g):
                mismatches.append(f"{name}: {code} {counts(rep.groups[code])} != {counts(g)}")
    hybrid = combine_reports([report_lists, report_complex])
    hybrid_equal = hybrid.to_records() == report_by.to_records()
    if not hybrid_equal:
        mismatches.append("hybrid (columnar simple + objects for the rest) != objects for all")
    totals_equal = counts(report_all) == counts(report_by)

    # Memory, in untimed traced runs (tracing slows allocation several times).
    _, mem_values_kept, traced_values = traced(lambda: plain_values(year))
    del traced_values
    mem_build_peak, mem_build_kept, traced_dossiers = traced(lambda: build_dossiers(inp))
    del traced_dossiers
    mem_report_peak, _, _ = traced(lambda: period_report(dossiers, START, END))
    mem_by_peak, _, _ = traced(lambda: period_report(dossiers, START, END, by="procedure"))
    mem_lists_peak, _, _ = traced(lambda: columnar_lists(cols))
    mem_arrays_peak, _, _ = traced(lambda: columnar_arrays(cols))
    _, mem_lists_kept, _ = traced(lambda: fresh_lists(cols.arrays))
    array_bytes = sum(a.nbytes + b.nbytes + c.nbytes for a, b, c in cols.arrays.values())

    obj_rate = n / all_s
    obj_simple_rate = cols.n / simple_s
    lists_rate = cols.n / lists_s
    shared_rate = cols.n / shared_s
    arrays_rate = cols.n / arrays_s

    def status(ok: bool) -> str:
        return "**PASS**" if ok else "**MISS**"

    out(f"Dossiers: **{n:,}** received over 2025 in {len(PROCEDURES)} procedures; "
        f"{cols.n:,} carry only a resolution (the columnar path's scope), {n - cols.n:,} have supplement requests, "
        "verification, an extension or a withdrawal.")  # fmt: skip
    out("")
    out("### Form 06 for the year (object path, all dossiers)")
    out("")
    out("| | received | online | direct | resolved | early | on time | late | pending | overdue | withdrawn "
        "| on-time rate |")  # fmt: skip
    out("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")

    def row(label: str, r: PeriodReport) -> str:
        rate = r.on_time_rate
        pct = "–" if rate is None else f"{rate.percent()} %"
        return (
            f"| {label} | {r.received:,} | {r.received_online:,} | {r.received_direct:,} | {r.resolved:,} | "
            f"{r.resolved_early:,} | {r.resolved_on_time:,} | {r.resolved_late:,} | {r.pending:,} | "
            f"{r.pending_overdue:,} | {r.withdrawn:,} | {pct} |"
        )

    cat = motcua.catalogue()
    for code, g in report_by.groups.items():
        versions = [v for v in cat.versions(code) if v.in_force_on(START) or START <= v.valid_from <= END]
        limits = ", then ".join(
            f"{v.time_limit!r}" + (f" from {v.valid_from:%d/%m}" if v.valid_from > START else "") for v in versions
        )
        out(row(f"{code} {versions[-1].name[:38]} ({limits})", g))
    out(row("**Total**", report_by))
    out("")
    out("### Throughput")
    out("")
    out("| step | dossiers | seconds | dossiers / s | goal | |")
    out("|---|---:|---:|---:|---:|---|")
    out(f"| synthesise the year (numpy, not part of the library) | {n:,} | {year.seconds:.2f} | "
        f"{fmt_rate(n / year.seconds)} | | |")  # fmt: skip
    out(f"| plain Python values from it (`tolist`, versions by day) | {n:,} | {inp.seconds:.2f} | "
        f"{fmt_rate(n / inp.seconds)} | | |")  # fmt: skip
    out(f"| build the `Dossier` objects | {n:,} | {build_s:.2f} | {fmt_rate(n / build_s)} | | |")
    out(f"| `period_report(dossiers, 2025-01-01, 2025-12-31)` | {n:,} | {all_s:.2f} | {fmt_rate(obj_rate)} | "
        f"≥ {GOAL_OBJECT_PER_S:,} | {status(obj_rate >= GOAL_OBJECT_PER_S)} |")  # fmt: skip
    out(f"| `period_report(..., by=\"procedure\")` | {n:,} | {by_s:.2f} | {fmt_rate(n / by_s)} | "
        f"≥ {GOAL_OBJECT_PER_S:,} | {status(n / by_s >= GOAL_OBJECT_PER_S)} |")  # fmt: skip
    out(f"| `period_report(..., by=\"procedure\")`, resolution-only dossiers | {cols.n:,} | {simple_s:.2f} | "
        f"{fmt_rate(obj_simple_rate)} | | |")  # fmt: skip
    out(f"| `period_report(..., by=\"procedure\")`, the other dossiers (full timelines) | {n - cols.n:,} | "
        f"{complex_s:.2f} | {fmt_rate((n - cols.n) / complex_s)} | | |")  # fmt: skip
    out("")
    out("### Columnar path against the object path (same resolution-only dossiers)")
    out("")
    out("One `period_report_columns` call per procedure, combined with `combine_reports(..., by_group=True)`; "
        "the object path is `period_report(..., by=\"procedure\")` over the same dossiers.")  # fmt: skip
    out("")
    out("| path | dossiers | seconds | dossiers / s | × object path | goal | | preparing the inputs (s) |")
    out("|---|---:|---:|---:|---:|---:|---|---:|")
    out(f"| objects: `period_report` | {cols.n:,} | {simple_s:.3f} | {fmt_rate(obj_simple_rate)} | 1.0 | | | "
        f"{build_s * cols.n / n:.2f} (building the dossiers, pro rata) |")  # fmt: skip
    for label, secs, rate, prep in (
        (
            "columns, Python lists built per procedure",
            lists_s,
            lists_rate,
            f"{cols.seconds_lists:.2f} (`tolist()` of each procedure's arrays)",
        ),
        (
            "columns, Python lists sliced from the register (values shared with the dossiers, scattered)",
            shared_s,
            shared_rate,
            f"{cols.seconds_shared:.2f} (appending to one list per procedure)",
        ),
        ("columns, numpy arrays", arrays_s, arrays_rate, f"{cols.seconds_arrays:.2f} (boolean masks)"),
    ):
        ratio = rate / obj_simple_rate
        out(f"| {label} | {cols.n:,} | {secs:.3f} | {fmt_rate(rate)} | {ratio:.1f} | ≥ {GOAL_COLUMNAR_RATIO:g} | "
            f"{status(ratio >= GOAL_COLUMNAR_RATIO)} | {prep} |")  # fmt: skip
    out("")
    out("### Memory")
    out("")
    out("`tracemalloc` peaks count Python allocations during the step (separate untimed run); RSS is the "
        "process's resident size.")  # fmt: skip
    out("")
    out("| step | tracemalloc peak (MiB) | kept after the step (MiB) | bytes per dossier |")
    out("|---|---:|---:|---:|")
    out(f"| plain Python values (datetimes, codes, channels, versions) | | {mem_values_kept:,.0f} | "
        f"{mem_values_kept * 2**20 / n:,.0f} |")  # fmt: skip
    out(f"| build the `Dossier` objects from them (sharing their datetimes) | {mem_build_peak:,.0f} | "
        f"{mem_build_kept:,.0f} | {mem_build_kept * 2**20 / n:,.0f} |")  # fmt: skip
    out(f"| `period_report(dossiers, ...)` | {mem_report_peak:,.1f} | | |")
    out(f'| `period_report(..., by="procedure")` | {mem_by_peak:,.1f} | | |')
    out(f"| per-procedure lists (resolution-only), fresh objects | | {mem_lists_kept:,.0f} | "
        f"{mem_lists_kept * 2**20 / cols.n:,.0f} |")  # fmt: skip
    out(f"| columnar, lists | {mem_lists_peak:,.1f} | | |")
    out(f"| per-procedure numpy arrays | | {array_bytes / 2**20:,.0f} | {array_bytes / cols.n:,.0f} |")
    out(f"| columnar, numpy arrays | {mem_arrays_peak:,.1f} | | |")
    out("")
    out("| process RSS | MiB |")
    out("|---|---:|")
    out(f"| at start | {rss0:,.0f} |")
    out(f"| after synthesising and converting to Python values | {rss_inputs:,.0f} |")
    out(f"| after building the dossiers | {rss_built:,.0f} |")
    out(f"| peak after building (`ru_maxrss`) | {peak_after_build:,.0f} |")
    out(f"| peak at the end of the timed steps (`ru_maxrss`) | {peak_after_reports:,.0f} |")
    out("")
    out("### Same counts")
    out("")
    out(f"* columnar (lists and numpy) = object path, per procedure and in total, on the {cols.n:,} "
        f"resolution-only dossiers: {'yes' if not mismatches else 'NO'}")  # fmt: skip
    out(f"* columnar for those + objects for the other {n - cols.n:,}, combined = objects for all "
        f"(`to_records()` equal): {'yes' if hybrid_equal else 'NO'}")  # fmt: skip
    out(f'* `period_report` totals with and without `by="procedure"` equal: {"yes" if totals_equal else "NO"}')
    for m in mismatches:
        out(f"  * mismatch: {m}")
    if profile or obj_rate < GOAL_OBJECT_PER_S:
        out("")
        out("### Where the object path's time goes (cProfile, one `period_report` over every dossier)")
        out("")
        prof = cProfile.Profile()
        prof.enable()
        period_report(dossiers, START, END)
        prof.disable()
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(12)
        body = buf.getvalue()
        body = body[body.find("   ncalls") :] if "   ncalls" in body else body
        out("```text")
        out(body.rstrip())
        out("```")
    out("")
    out("### Notes")
    out("")
    out("* The columnar ratios compare like with like: the same resolution-only dossiers, reported by procedure.")
    out("* Lists built per procedure hold fresh objects next to each other in memory; lists sliced out of "
        "one big register point to objects scattered through it, and the same loop runs slower on them.")  # fmt: skip
    out("* 2.000806 changes version on 1/7/2025; its dossiers here carry only a resolution, because a "
        "supplement received after the change makes `Dossier.timeline` raise `NotInForceError` "
        "(the restart asks the version in force at receipt for a deadline counted from the supplement, a date "
        "outside that version's validity).")  # fmt: skip
    out("* Timings of the object path on this machine vary by 10 to 20 % between full runs, and the ratios with them.")
    if mismatches or not hybrid_equal or not totals_equal:
        out("")
        out("**Counts differ: see above.**")
    return "\n".join(lines)


def header(argv: list[str], n: int, repeat: int) -> str:
    import importlib.metadata

    cmd = "python bench/bench_reports.py" + ("" if not argv else " " + shlex.join(argv))
    cpu = platform.processor() or platform.machine()
    return "\n".join(
        [
            "# Reports at the scale of a province: benchmark results",
            "",
            f"* Date: {date.today().isoformat()}",
            f"* Command: `{cmd}`",
            f"* Commit: `{git_head()}`",
            f"* Machine: {os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, numpy {np.__version__}, "
            f"motcua {importlib.metadata.version('motcua')}",
            f"* Dossiers: {n:,}; each report timing is the median of {repeat} runs; everything runs in one process, "
            "one core.",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    ap.add_argument("--quick", action="store_true", help="100,000 dossiers instead of 1,000,000")
    ap.add_argument("-n", type=int, default=None, help="number of dossiers (overrides --quick)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per timed report (the median is reported)")
    ap.add_argument("--profile", action="store_true", help="add a cProfile of the object path")
    ap.add_argument("--markdown", metavar="FILE", help="also write the results to FILE")
    args = ap.parse_args(argv)
    n = args.n if args.n is not None else (100_000 if args.quick else 1_000_000)
    text = header(argv, n, args.repeat) + "\n" + run(n, args.repeat, args.profile) + "\n"
    print(text)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as fh:
            fh.write(text)
    return 0 if "**Counts differ" not in text else 1


if __name__ == "__main__":
    sys.exit(main())
