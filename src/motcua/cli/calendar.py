"""``motcua calendar 2026 [--month M] [--json]``: a year's days off, swaps and make-up Saturdays.

Prints the civil-service days off, swapped days and make-up Saturdays with their sources, then
a month grid; ``--json`` prints the same as JSON. A year past the announced data is labelled
"ước tính" in the title and in ``status``, and gets the one collapsed estimated-calendar note.
"""

from __future__ import annotations

import argparse
import calendar as _stdlib_calendar
import json
from datetime import date
from typing import Any

from motcua.calendar import WorkingCalendar, vietnam_calendar
from motcua.days import DayOff, MakeupDay

from ._common import Notes, exit_codes, number

__all__ = ["register"]

_WEEKDAY_HEADER = "  T2  T3  T4  T5  T6  T7  CN"
_MONTHS_VI = [f"Tháng {m}" for m in range(1, 13)]


def _day_off_record(d: DayOff) -> dict[str, Any]:
    return {
        "date": d.date.isoformat(),
        "weekday": d.weekday_vi,
        "kind": d.kind.value,
        "name": d.name,
        "on_weekend": d.on_weekend,
        "basis": d.basis,
        "estimated": d.estimated,
        "source": d.source.citation,
        "source_key": d.source.key,
        "article": d.article,
        "url": d.source.url,
    }


def _makeup_record(m: MakeupDay) -> dict[str, Any]:
    return {
        "date": m.date.isoformat(),
        "weekday": m.weekday_vi,
        "name": m.name,
        "replaces": m.replaces.isoformat() if m.replaces else None,
        "basis": m.basis,
        "estimated": m.estimated,
        "source": m.source.citation,
        "source_key": m.source.key,
        "url": m.source.url,
    }


def _month_grid(cal: WorkingCalendar, year: int, month: int) -> list[str]:
    """A Monday-first grid; ``*`` marks a day off, ``+`` a make-up working day."""
    offs = {d.date for d in cal.days_off(year)}
    makeups = {m.date for m in cal.makeup_days(year)}
    lines = [f"{_MONTHS_VI[month - 1]} {year}".center(len(_WEEKDAY_HEADER)), _WEEKDAY_HEADER]
    for week in _stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        cells = []
        for day in week:
            if day.month != month:
                cells.append("    ")
                continue
            mark = "+" if day in makeups else "*" if day in offs or not cal.is_working_day(day) else " "
            cells.append(f"{day.day:>3}{mark}")
        lines.append("".join(cells).rstrip())
    return lines


def _cmd_calendar(args: argparse.Namespace) -> int:
    cal = vietnam_calendar(include_proposed=args.include_proposed)
    year: int = args.year
    months = [args.month] if args.month else list(range(1, 13))
    notes: Notes = args.notes
    days_off = [d for d in cal.days_off(year) if d.date.month in months]
    makeups = [m for m in cal.makeup_days(year) if m.date.month in months]
    status = cal.year_status(year)
    first, last = date(year, months[0], 1), date(year, months[-1], _month_len(year, months[-1]))
    working = len(cal.working_days(first, last))
    grids = [_month_grid(cal, year, m) for m in months]
    if args.json:
        payload = {
            "year": year,
            "months": months,
            "status": status.value,
            "note": cal.year_note(year),
            "data_as_of": cal.data_as_of.isoformat(),
            "working_days": working,
            "days_off": [_day_off_record(d) for d in days_off],
            "makeup_days": [_makeup_record(m) for m in makeups],
            "notes": notes.lines(),
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    period = f"tháng {args.month}/{year}" if args.month else f"năm {year}"
    label = "đã xác nhận" if status.value == "confirmed" else "ước tính"
    print(f"Lịch làm việc của cán bộ, công chức, viên chức – {period} ({label})")
    print(cal.year_note(year))
    print(f"Số ngày làm việc: {number(working)}. Dữ liệu cập nhật đến {cal.data_as_of:%d/%m/%Y}.")
    print()
    print("Ngày nghỉ:")
    for d in days_off:
        weekend = " (trùng ngày nghỉ hằng tuần)" if d.on_weekend else ""
        article = f", {d.article}" if d.article else ""
        print(f"  {d.date:%d/%m/%Y} {d.weekday_vi:<9} {d.kind.label_vi:<15} {d.name}{weekend}")
        print(f"{'':>28}Nguồn: {d.source.citation}{article}")
    if makeups:
        print()
        print("Ngày làm bù:")
        for m in makeups:
            print(f"  {m.date:%d/%m/%Y} {m.weekday_vi:<9} {m.name}")
            print(f"{'':>28}Nguồn: {m.source.citation}")
    print()
    for grid in grids:
        print("\n".join(grid))
        print()
    print("* ngày nghỉ   + ngày làm bù")
    return 0


def _month_len(year: int, month: int) -> int:
    return _stdlib_calendar.monthrange(year, month)[1]


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``calendar`` subcommand to the ``motcua`` parser's subparsers."""
    cal = commands.add_parser(
        "calendar",
        parents=[common],
        help="a year's civil-service days off and make-up days, with sources",
        description=(
            "A year's civil-service days off, swapped days and make-up Saturdays, each with its source, then a "
            "Monday-first month grid (* day off, + make-up working day)."
        ),
        epilog="Years past the announced data are estimated (ước tính) from the Labour Code. " + exit_codes(),
    )
    cal.add_argument("year", type=int, help="the year, 2013–2100")
    cal.add_argument("--month", type=int, choices=range(1, 13), metavar="M", help="only this month (1–12)")
    cal.add_argument("--json", action="store_true", help="print JSON instead of text")
    cal.add_argument("--include-proposed", action="store_true", help="apply proposed changes not yet found approved")
    cal.set_defaults(handler=_cmd_calendar, command_parser=cal)
