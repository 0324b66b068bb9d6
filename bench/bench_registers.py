"""Benchmark reading a one-stop register CSV: motcua against pandas and the csv module, one process.

Run from the project root::

    python bench/bench_registers.py                    # 1,000,000 rows, a few minutes
    python bench/bench_registers.py --quick            # 100,000 rows, under a minute
    python bench/bench_registers.py --markdown bench/REGISTERS_RESULTS.md

The register is the synthetic 2016 ward of ``motcua example`` (``motcua.example.seed_register``,
9,158 dossiers, every one resolved and returned) written with ``write_register`` and repeated
with fresh codes up to ``--rows`` rows, so every row is valid and the readers agree on it.

What is timed (``time.perf_counter``, the median of ``--repeat`` passes, after a ``gc.collect()``):

1. ``csv.reader`` over the file: the floor any Python reader pays to split cells;
2. ``pandas.read_csv(dtype=str)`` with ``pd.to_datetime`` on the five moment columns: the anchor
   an analyst would reach for (it parses, it does not validate a dossier);
3. ``motcua.read_register(path)``: parse, check every cell (dates, codes, channels, the event
   order a dossier allows), look up each procedure version at its receipt date and build the
   ``Dossier`` objects; bad rows would be listed with their line numbers;
4. the same, then ``period_report`` over the year: what ``motcua report`` does.

The ratios compare unlike work on purpose: they say what the checks and the objects cost over
plain parsing. Correctness: every reader sees ``--rows`` rows; motcua rejects none and its report
counts every dossier as received and resolved.
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import os
import platform
import resource
import shlex
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from typing import Any

import motcua
from motcua.example import seed_register
from motcua.registers import read_register, write_register

MOMENTS = ("received_at", "resolved_at", "returned_at")


def build_register(rows: int, path: str) -> None:
    """Write the 2016 ward repeated up to *rows* rows, each copy with its own codes."""
    out = io.StringIO()
    write_register(seed_register(2016), out)
    header, *body = out.getvalue().splitlines()
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        f.write(header + "\r\n")
        written = 0
        copy = 0
        while written < rows:
            for line in body:
                if written == rows:
                    break
                # Codes are the first cell; a suffix per copy keeps them unique.
                code, rest = line.split(",", 1)
                f.write(f"{code}-{copy}," + rest + "\r\n" if copy else line + "\r\n")
                written += 1
            copy += 1


def check(condition: bool, failure: str) -> None:
    """Stop the run when a reader disagrees (not an assert: it must hold under ``python -O`` too)."""
    if not condition:
        raise SystemExit(f"bench_registers: wrong answer: {failure}")


def timed(fn: Callable[[], Any], repeat: int, label: str) -> tuple[float, Any]:
    samples = []
    result: Any = None
    for i in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - t0)
        print(f"  {label}: pass {i + 1}/{repeat} {samples[-1]:.2f} s", file=sys.stderr)
    return statistics.median(samples), result


def read_csv_module(path: str) -> int:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def read_pandas(path: str) -> int:
    import pandas as pd

    frame = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    for column in MOMENTS:
        frame[column] = pd.to_datetime(frame[column].replace("", None), format="%Y-%m-%d %H:%M")
    return len(frame)


def read_motcua(path: str) -> motcua.RegisterReadResult:
    return read_register(path)


def read_and_report(path: str) -> motcua.PeriodReport:
    result = read_register(path)
    return motcua.period_report(result.dossiers, date(2016, 1, 1), date(2016, 12, 31))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=None, help="rows in the register (default 1,000,000)")
    parser.add_argument("--quick", action="store_true", help="100,000 rows, 3 passes")
    parser.add_argument("--repeat", type=int, default=None, help="passes per reader (median; default 5, quick 3)")
    parser.add_argument("--markdown", help="also write the results table to this file")
    args = parser.parse_args(argv)
    rows = args.rows or (100_000 if args.quick else 1_000_000)
    repeat = args.repeat or (3 if args.quick else 5)
    try:
        import pandas as pd
    except ImportError:
        pd = None

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "register.csv")
        t0 = time.perf_counter()
        build_register(rows, path)
        size = os.path.getsize(path)
        built = time.perf_counter() - t0
        print(f"register: {rows:,} rows, {size / 1e6:.1f} MB, written in {built:.1f} s", file=sys.stderr)

        results: list[tuple[str, float]] = []
        seconds, count = timed(lambda: read_csv_module(path), repeat, "csv.reader")
        check(count == rows, f"csv.reader saw {count} rows")
        results.append(("csv.reader (split cells only)", seconds))
        if pd is not None:
            seconds, count = timed(lambda: read_pandas(path), repeat, "pandas")
            check(count == rows, f"pandas saw {count} rows")
            results.append(("pandas.read_csv + to_datetime (3 columns)", seconds))
        seconds, read = timed(lambda: read_motcua(path), repeat, "read_register")
        check(len(read.dossiers) == rows, f"read_register built {len(read.dossiers)} dossiers")
        check(not read.rejected, f"read_register rejected {len(read.rejected)} rows: {read.rejected[:3]}")
        results.append(("motcua read_register (checked Dossier objects)", seconds))
        seconds, report = timed(lambda: read_and_report(path), repeat, "read_register + period_report")
        check(report.received == rows, f"the report received {report.received}")
        check(report.resolved == rows, f"the report resolved {report.resolved}")
        results.append(("motcua read_register + period_report", seconds))
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    by_name = dict(results)
    anchor = by_name.get("pandas.read_csv + to_datetime (3 columns)")
    floor = by_name["csv.reader (split cells only)"]
    lines = [
        f"# Register reading benchmark ({date.today():%Y-%m-%d})",
        "",
        f"`{shlex.join(['python', 'bench/bench_registers.py', *(argv if argv is not None else sys.argv[1:])])}`; "
        f"Python {platform.python_version()}, motcua {motcua.__version__}"
        + (f", pandas {pd.__version__}" if pd is not None else ", pandas not installed")
        + f", {os.cpu_count()} CPUs; {rows:,} rows ({size / 1e6:.1f} MB); median of {repeat} passes; "
        f"peak RSS {peak_mb:,.0f} MB.",
        "",
        "| reader | median s | rows/s | × csv.reader | × pandas |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, seconds in results:
        vs_pandas = f"{seconds / anchor:.1f}" if anchor else "–"
        lines.append(f"| {name} | {seconds:.2f} | {rows / seconds:,.0f} | {seconds / floor:.1f} | {vs_pandas} |")
    lines += [
        "",
        "× columns: time relative to that reader (higher is slower). motcua checks every cell and",
        "builds dossiers; the others only parse. All readers saw every row; motcua rejected none.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
