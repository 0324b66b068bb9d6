"""``motcua calendar 2026 [--month M] [--json]``: a year's days off, swaps and make-up Saturdays.

Prints the civil-service days off, swapped days and make-up Saturdays with their sources, then
a month grid; ``--json`` prints the same as JSON. A year past the announced data is labelled
"ước tính" in the title and in ``status``, and gets the one collapsed estimated-calendar note.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from motcua.calendar import vietnam_calendar
from motcua.days import DayOff, MakeupDay

from ._common import Notes, exit_codes

__all__ = ["register"]


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


def _cmd_calendar(args: argparse.Namespace) -> int:
    cal = vietnam_calendar(include_proposed=args.include_proposed)
    view = cal.year(args.year, [args.month] if args.month else None)
    notes: Notes = args.notes
    if args.json:
        payload = {
            "year": view.year,
            "months": list(view.months),
            "status": view.status.value,
            "note": view.note,
            "data_as_of": cal.data_as_of.isoformat(),
            "working_days": view.working_days,
            "days_off": [_day_off_record(d) for d in view.days_off],
            "makeup_days": [_makeup_record(m) for m in view.makeup_days],
            "notes": notes.lines(),
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    print(view)  # the library's own text: the list with sources, then the month grids
    return 0


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``calendar`` subcommand to the ``motcua`` parser's subparsers."""
    cal = commands.add_parser(
        "calendar",
        parents=[common],
        help="a year's civil-service days off and make-up days, with sources",
        description=(
            "A year's civil-service days off, swapped days and make-up Saturdays, each with its source, then a "
            "Monday-first month grid (* weekday off, + make-up working day)."
        ),
        epilog="Years past the announced data are estimated (ước tính) from the Labour Code. " + exit_codes(),
    )
    cal.add_argument("year", type=int, help="the year, 2013–2100")
    cal.add_argument("--month", type=int, choices=range(1, 13), metavar="M", help="only this month (1–12)")
    cal.add_argument("--json", action="store_true", help="print JSON instead of text")
    cal.add_argument("--include-proposed", action="store_true", help="apply proposed changes not yet found approved")
    cal.set_defaults(handler=_cmd_calendar, command_parser=cal)
