"""What the commands share: usage errors, the library's warnings shown as notes, argument types, numbers.

Warnings: the library warns once per answer (a 2030 register gives one "past the announced
calendar data" warning per dossier and date). The command line collects them while a command
runs and prints each *kind* once, ``motcua: lưu ý: … (N lần)``, after the output; ``--json``
payloads carry the same lines under ``"notes"``. Nothing is dropped, nothing prints raw.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
import warnings
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal, TextIO

from motcua.errors import EstimatedCalendarWarning, MotcuaError, MotcuaWarning
from motcua.registers import parse_moment
from motcua.stats import shown_percent
from motcua.vietnamese import format_date, format_number

__all__ = [
    "EXIT_CODES",
    "MOMENT_FORMATS",
    "CommandError",
    "Notes",
    "UsageError",
    "date_argument",
    "exit_codes",
    "moment_argument",
    "number",
    "percent",
]

MOMENT_FORMATS = '"2026-11-27 15:30", "2026-11-27T15:30", "27/11/2026 15:30"'

#: The exit statuses every command shares; ``report`` adds 3.
EXIT_CODES = "0 ok; 1 an error (bad data, unknown name, unreadable file); 2 a usage error (the command line itself)"


def exit_codes(extra: str = "") -> str:
    """The ``--help`` epilog line listing the exit statuses."""
    return f"Exit status (mã thoát): {EXIT_CODES}{'; ' + extra if extra else ''}."


class UsageError(Exception):
    """The command line is wrong (a missing or contradictory option): argparse's message, exit status 2."""


class CommandError(MotcuaError):
    """An error a command words itself (an unknown template): one ``motcua: lỗi:`` line, exit status 1."""


def number(value: int | float | Decimal, decimals: int | None = None) -> str:
    """A number as Vietnamese text writes it: ``9.158``, ``77,8``."""
    return format_number(value, decimals)


def percent(share: float, decimals: int = 1, rounding: Literal["nearest", "down", "up"] = "nearest") -> str:
    """A share (0–1) in per cent, ``77,8``; never ``100,0`` or ``0,0`` unless it is exactly so.

    Interval bounds pass ``rounding="down"`` (low) or ``"up"`` (high): the printed interval then
    contains the computed one.
    """
    return format_number(shown_percent(share, decimals, rounding))


# --------------------------------------------------------------------------- arguments


def moment_argument(option: str) -> Any:
    """An argparse ``type=`` reading a moment (or a date alone) in the register's formats."""

    def parse(text: str) -> datetime | date:
        try:
            return parse_moment(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"{exc}; {option} nhận dạng {MOMENT_FORMATS}") from None

    return parse


def date_argument(option: str) -> Any:
    """An argparse ``type=`` reading a date: ``2016-12-31`` or ``31/12/2016``."""

    def parse(text: str) -> date:
        try:
            value = parse_moment(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"{exc}; {option} nhận ngày dạng 2016-12-31 hoặc 31/12/2016") from None
        if isinstance(value, datetime):
            raise argparse.ArgumentTypeError(
                f"{option} nhận một ngày, không kèm giờ (a date such as 2016-12-31), got {text!r}"
            )
        return value

    return parse


# --------------------------------------------------------------------------- notes

# Dates in warning messages ("2030-01-05", "05/01/2030"): the part that varies within one kind.
_DATES = re.compile(r"\d{4}-\d{2}-\d{2}|\d{2}/\d{2}/\d{4}")
_ESTIMATED = re.compile(r"depends on (\d{4})-\d{2}-\d{2}, past the announced .* \(which ends (\d{4}-\d{2}-\d{2})\)")


class _Kind:
    """One kind of note: its first message, how often it came, and the years of estimated dates."""

    def __init__(self, category: type[Warning], message: str) -> None:
        self.category = category
        self.first = message
        self.count = 0
        self.variants: set[str] = set()
        self.years: set[int] = set()
        self.data_until: str | None = None

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.variants) < 2:  # only "one or several" is shown
            self.variants.add(message)
        if issubclass(self.category, EstimatedCalendarWarning):
            m = _ESTIMATED.search(message)
            if m:
                self.years.add(int(m.group(1)))
                self.data_until = m.group(2)

    def text(self) -> str:
        times = f" ({number(self.count)} lần)" if self.count > 1 else ""
        if self.years and self.data_until is not None:
            until = format_date(date.fromisoformat(self.data_until))
            return (
                f"ước tính (estimated): {_years(self.years)} nằm sau dữ liệu lịch đã công bố (hết {until}); "
                "tính theo Bộ luật Lao động, có thể thay đổi khi Chính phủ công bố ngày hoán đổi, làm bù "
                f"(past the announced calendar data; Labour Code rules){times}"
            )
        if len(self.variants) > 1:
            return f"{self.first} ({number(self.count)} lần, khác nhau ở ngày tháng; đây là lần đầu)"
        return self.first + times


def _years(years: set[int]) -> str:
    """``năm 2030``, ``năm 2030–2031``, ``năm 2029, 2031``."""
    spans: list[list[int]] = []
    for y in sorted(years):
        if spans and y == spans[-1][1] + 1:
            spans[-1][1] = y
        else:
            spans.append([y, y])
    return "năm " + ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


class Notes:
    """The library's warnings while a command runs, and the command's own notes, collapsed by kind."""

    def __init__(self) -> None:
        self._kinds: dict[tuple[str, str], _Kind] = {}

    def add(self, message: str, category: type[Warning] = MotcuaWarning) -> None:
        """Record one note (a warning's message, or a note of the command itself)."""
        key = (category.__name__, _DATES.sub("…", message))
        kind = self._kinds.get(key)
        if kind is None:
            kind = self._kinds[key] = _Kind(category, message)
        kind.add(message)

    @contextlib.contextmanager
    def collect(self) -> Iterator[Notes]:
        """Within the block, motcua's warnings are recorded here instead of printed."""
        show = warnings.showwarning

        def record(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
            if issubclass(category, MotcuaWarning):
                self.add(str(message), category)
            else:  # someone else's warning: shown as Python shows it
                show(message, category, *args, **kwargs)

        with warnings.catch_warnings():
            # "always": the default filter would show a warning once per code line, hiding the count.
            warnings.simplefilter("always", MotcuaWarning)
            warnings.showwarning = record
            yield self

    def lines(self) -> list[str]:
        """One line per kind, in the order the kinds first came."""
        return [kind.text() for kind in self._kinds.values()]

    def __len__(self) -> int:
        return len(self._kinds)

    def print(self, file: TextIO | None = None) -> None:
        """The notes as ``motcua: lưu ý: …`` lines (on stderr)."""
        out = sys.stderr if file is None else file
        for line in self.lines():
            print(f"motcua: lưu ý: {line}", file=out)
