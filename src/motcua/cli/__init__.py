"""The ``motcua`` command line: thin commands over the library (stdlib argparse).

Each subcommand lives in its own module of this package and adds itself to the parser with a
``register(commands, common)`` function. Every command accepts ``--json`` and ``--debug`` (before
or after the command's name). Exit status: 0 ok; 1 an error, printed as one ``motcua: lỗi: …``
line on stderr (``--debug`` shows the traceback); 2 a usage error; ``report`` adds 3 (some rows
rejected). The library's warnings are collected while a command runs and printed once per kind
as ``motcua: lưu ý: …`` lines (see :mod:`motcua.cli._common`). The page ``docs/cli.md`` documents
every command.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from motcua.errors import MotcuaError

from . import calendar, deadline, example, letter, procedures, report
from ._common import Notes, UsageError, exit_codes

__all__ = ["main"]

#: The subcommand modules, in the order ``motcua --help`` lists them.
_COMMANDS = (calendar, deadline, procedures, report, letter, example)


def _parser() -> argparse.ArgumentParser:
    from importlib.metadata import version

    # --debug is accepted before and after the command's name. SUPPRESS as the default, in both
    # places, so that a subparser's default never overwrites a --debug given before the command.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks on errors")
    parser = argparse.ArgumentParser(
        prog="motcua",
        description="Vietnam's one-stop administrative procedures (một cửa).",
        epilog=exit_codes("3 report: some register rows were rejected") + " Documentation: docs/cli.md.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"motcua {version('motcua')}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in _COMMANDS:
        module.register(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 error, 2 usage, 3 rows rejected)."""
    parser = _parser()
    args = parser.parse_args(argv)
    debug: bool = getattr(args, "debug", False)
    notes = Notes()
    args.notes = notes
    try:
        with notes.collect():
            status: int = args.handler(args)
    except BrokenPipeError:
        # The reader went away (e.g. `motcua calendar 2026 | head`): not an error of ours.
        # Point stdout at devnull so the interpreter's final flush does not fail again.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except UsageError as exc:
        notes.print()
        command: argparse.ArgumentParser = args.command_parser
        command.error(str(exc))  # prints the usage line and exits with status 2
    except (MotcuaError, ValueError, TypeError, OSError) as exc:
        notes.print()
        if debug:
            raise
        print(f"motcua: lỗi: {exc}", file=sys.stderr)
        return 1
    notes.print()
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
