"""``motcua example [--year 2016] [--output PATH] [--no-html] [--register FILE.csv] [--json]``: the embedded default.

Replays the seed ward's year on SYNTHETIC data (dữ liệu mô phỏng, see :mod:`motcua.example`):
prints the summary, writes a self-contained HTML report (default ``motcua-example-2016.html``
in the current directory) and says where it is; ``--json`` prints the key numbers instead of
the summary; ``--no-html`` writes no file. ``--register FILE.csv`` also writes the synthetic
register in the canonical columns, the CSV a newcomer can feed to ``motcua report``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from motcua.example import run_example
from motcua.registers import write_register

from ._common import Notes, exit_codes, number

__all__ = ["register"]

T = TypeVar("T")


def _write(path: Path, what: str, write: Callable[[Path], T]) -> T:
    try:
        return write(path)
    except OSError as exc:
        raise OSError(f"không ghi được {what} vào {path} ({exc.strerror}); chọn đường dẫn khác") from None


def _cmd_example(args: argparse.Namespace) -> int:
    notes: Notes = args.notes
    year: int = args.year
    result = run_example(year)
    html: Path | None = None
    if not args.no_html:
        html = Path(args.output if args.output is not None else f"motcua-example-{year}.html").resolve()
        page = result.to_html()
        _write(html, "báo cáo HTML", lambda path: path.write_text(page, encoding="utf-8"))
    csv: Path | None = None
    rows = 0
    if args.register is not None:
        csv = Path(args.register).resolve()
        rows = _write(csv, "sổ hồ sơ", lambda path: write_register(result.register, path))
    if args.json:
        payload = result.key_numbers() | {"html": None if html is None else str(html)}
        # Only when there is something to say: the key numbers' shape stays that of ExampleResult.
        if csv is not None:
            payload["register"] = str(csv)
        if notes:
            payload["notes"] = notes.lines()
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    print(result.summary_text(html=html is not None))
    print()
    if html is not None:
        print(f"Báo cáo HTML (dữ liệu mô phỏng): {html}")
        print("Hãy mở tệp này trong trình duyệt (open this file in a browser).")
    period = f"--from {year}-01-01 --to {year}-12-31"
    if csv is not None:
        print(f"Sổ hồ sơ mô phỏng (synthetic register, CSV): {csv} – {number(rows)} hồ sơ.")
        print(f'Lập lại biểu 06 từ tệp này (report it back): motcua report "{csv}" {period}')
    else:
        print(
            f"Muốn có sổ hồ sơ CSV để thử motcua report (a register to try): "
            f"motcua example --year {year} --register so-ho-so-{year}.csv"
        )
    return 0


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``example`` subcommand to the ``motcua`` parser's subparsers."""
    cmd = commands.add_parser(
        "example",
        parents=[common],
        help="the seed ward's 2016 replayed on synthetic data: summary and an HTML report",
        description=(
            "Replay the seed ward's year on the real calendar with a SYNTHETIC register (dữ liệu mô phỏng): "
            "9,158 dossiers, form 06, on-time rates, the 517-form survey and two letters."
        ),
        epilog=exit_codes() + " Status 1 here: a year outside 2013–2100, or a file that cannot be written.",
    )
    cmd.add_argument("--year", type=int, default=2016, help="the year to replay (default 2016, the story's)")
    cmd.add_argument(
        "--output", metavar="PATH", help="where to write the HTML report (default motcua-example-YEAR.html)"
    )
    cmd.add_argument("--no-html", action="store_true", help="do not write the HTML report")
    cmd.add_argument(
        "--register",
        metavar="FILE.csv",
        help="also write the synthetic register as CSV (canonical columns), ready for motcua report",
    )
    cmd.add_argument("--json", action="store_true", help="print the key numbers as JSON instead of the summary")
    cmd.set_defaults(handler=_cmd_example, command_parser=cmd)
