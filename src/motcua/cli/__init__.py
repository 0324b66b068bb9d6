"""The ``motcua`` command line: thin commands over the library (stdlib argparse).

Each subcommand lives in its own module of this package and adds itself to the parser with a
``register(commands)`` function. Every command accepts ``--json``; errors print one line on
stderr and exit with status 1 (``--debug`` shows the traceback), usage errors exit with 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from motcua.errors import MotcuaError

from . import calendar, deadline, example, letter, procedures, report

__all__ = ["main"]

#: The subcommand modules, in the order ``motcua --help`` lists them.
_COMMANDS = (calendar, deadline, procedures, report, letter, example)


def _parser() -> argparse.ArgumentParser:
    from importlib.metadata import version

    parser = argparse.ArgumentParser(
        prog="motcua", description="Vietnam's one-stop administrative procedures (một cửa)."
    )
    parser.add_argument("--version", action="version", version=f"motcua {version('motcua')}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in _COMMANDS:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 error, 2 usage)."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.handler(args)
    except BrokenPipeError:
        # The reader went away (e.g. `motcua calendar 2026 | head`): not an error of ours.
        # Point stdout at devnull so the interpreter's final flush does not fail again.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (MotcuaError, ValueError, TypeError, OSError) as exc:
        if args.debug:
            raise
        print(f"motcua: lỗi: {exc}", file=sys.stderr)
        return 1
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
