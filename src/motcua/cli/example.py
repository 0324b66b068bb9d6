"""``motcua example [--year 2016] [--output PATH] [--json] [--no-html]``: the embedded default.

Replays the seed ward's year on SYNTHETIC data (dữ liệu mô phỏng, see :mod:`motcua.example`):
prints the summary, writes a self-contained HTML report (default ``motcua-example-2016.html``
in the current directory) and says where it is; ``--json`` prints the key numbers instead of
the summary; ``--no-html`` writes no file.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from motcua.example import run_example

__all__ = ["register"]


def _cmd_example(args: argparse.Namespace) -> int:
    result = run_example(args.year)
    path: Path | None = None
    if not args.no_html:
        path = Path(args.output if args.output is not None else f"motcua-example-{args.year}.html").resolve()
        try:
            path.write_text(result.to_html(), encoding="utf-8")
        except OSError as exc:
            raise OSError(f"không ghi được báo cáo HTML vào {path} ({exc.strerror}); chọn --output khác") from None
    if args.json:
        payload = result.key_numbers() | {"html": None if path is None else str(path)}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    print(result.summary_text())
    if path is not None:
        print()
        print(f"Báo cáo HTML (dữ liệu mô phỏng): {path}")
        print("Hãy mở tệp này trong trình duyệt (open this file in a browser).")
    return 0


def register(commands: Any) -> None:
    """Add the ``example`` subcommand to the ``motcua`` parser's subparsers."""
    cmd = commands.add_parser(
        "example",
        help="the seed ward's 2016 replayed on synthetic data: summary and an HTML report",
        description=(
            "Replay the seed ward's year on the real calendar with a SYNTHETIC register (dữ liệu mô phỏng): "
            "9,158 dossiers, form 06, on-time rates, the 517-form survey and two letters."
        ),
    )
    cmd.add_argument("--year", type=int, default=2016, help="the year to replay (default 2016, the story's)")
    cmd.add_argument(
        "--output", metavar="PATH", help="where to write the HTML report (default motcua-example-YEAR.html)"
    )
    cmd.add_argument("--json", action="store_true", help="print the key numbers as JSON instead of the summary")
    cmd.add_argument("--no-html", action="store_true", help="do not write the HTML report")
    cmd.set_defaults(handler=_cmd_example)
